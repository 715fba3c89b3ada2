//! Data rows as text, and the thread that parses them.
//!
//! A CSV file is parsed on a thread of its own, a few batches ahead of the code that turns rows
//! into scores. The parsing thread does everything that needs no sheet: the `csv` crate's parse,
//! line numbers, the UTF-8 check or the Windows-1252 decoding. It hands over `TextRows`:
//! the batch's text in one buffer and the ends of its fields, so the reader on the other core
//! streams through memory instead of chasing one allocation per record. The batches go back and
//! forth, so their memory is reused; rows keep their order, and a read error stops reading where
//! it happened.

use super::lines;
use super::source::{Dialect, Encoding};
use std::io::BufRead;
use std::sync::mpsc;

/// Rows per batch, at most, and about how much text (a batch ends after the row that passes it).
const BATCH_ROWS: usize = 1024;
const BATCH_BYTES: usize = 128 * 1024;
/// Batches in flight between the two threads.
const BATCHES: usize = 4;

pub(crate) type CsvReader = csv::Reader<lines::TailReader<Box<dyn BufRead + Send>>>;

/// One row's fields as text, whatever the source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    text: &'a str,
    /// Where the first field starts in `text`.
    start: usize,
    /// Where each field ends in `text`.
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`; a field past the end of the row is empty.
    pub fn get(&self, i: usize) -> &'a str {
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = match i {
            0 => self.start,
            _ => self.ends[i - 1],
        };
        self.text.get(start..end).unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl std::ops::Index<usize> for Fields<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

/// One row of a [`TextRows`]: its fields `ends[first..]` up to the next row's, its line, and
/// whether some field could not be decoded (it is then empty).
#[derive(Debug, Clone, Copy)]
struct Mark {
    first: usize,
    line: u64,
    undecodable: bool,
}

/// Rows of text fields in one buffer.
#[derive(Debug, Default)]
pub(crate) struct TextRows {
    text: String,
    ends: Vec<usize>,
    marks: Vec<Mark>,
    /// Where and why reading stopped, if the CSV could not be read to its end.
    pub failed: Option<(Option<u64>, String)>,
}

impl TextRows {
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.marks.clear();
        self.failed = None;
    }

    /// Each row: its fields, its line, and whether a field could not be decoded.
    pub fn rows(&self) -> impl Iterator<Item = (Fields<'_>, u64, bool)> {
        self.marks.iter().enumerate().map(|(k, mark)| {
            let last = self.marks.get(k + 1).map_or(self.ends.len(), |m| m.first);
            let start = match mark.first {
                0 => 0,
                first => self.ends[first - 1],
            };
            let fields = Fields {
                text: &self.text,
                start,
                ends: &self.ends[mark.first..last],
            };
            (fields, mark.line, mark.undecodable)
        })
    }

    /// Adds a row of cells (a worksheet's).
    pub fn push_cells(&mut self, cells: &[String], line: u64) {
        self.marks.push(Mark {
            first: self.ends.len(),
            line,
            undecodable: false,
        });
        for cell in cells {
            self.text.push_str(cell);
            self.ends.push(self.text.len());
        }
    }

    /// Adds a parsed record, decoded as `dialect` says. A record of UTF-8 text (every field on
    /// a character boundary) is copied in one piece; anything else field by field, a field that
    /// cannot be decoded left empty and the row marked.
    pub fn push_record(&mut self, record: &csv::ByteRecord, line: u64, dialect: &Dialect) {
        let first = self.ends.len();
        let base = self.text.len();
        let utf8 = matches!(dialect.encoding, Encoding::Utf8 | Encoding::Utf8Bom);
        let mut undecodable = false;
        // The record's fields lie one after the other in `as_slice`: their ends are the running
        // sum of their lengths.
        let whole = std::str::from_utf8(record.as_slice()).ok().filter(|_| utf8);
        let copied = whole.is_some_and(|text| {
            let mut end = 0;
            for field in record {
                end += field.len();
                if !text.is_char_boundary(end) {
                    return false;
                }
                self.ends.push(base + end);
            }
            true
        });
        match whole {
            Some(text) if copied => self.text.push_str(text),
            _ => {
                self.ends.truncate(first);
                for field in record {
                    match dialect.decode(field) {
                        Ok(text) => self.text.push_str(&text),
                        Err(_) => undecodable = true,
                    }
                    self.ends.push(self.text.len());
                }
            }
        }
        self.marks.push(Mark {
            first,
            line,
            undecodable,
        });
    }

    fn is_full(&self) -> bool {
        self.marks.len() >= BATCH_ROWS || self.text.len() >= BATCH_BYTES
    }
}

/// Parses the rest of `csv` on a second thread and calls `each` with every batch of rows, in
/// order. Returns where and why reading stopped early, if it did.
pub(crate) fn parse_in_batches(
    csv: &mut CsvReader,
    dialect: &Dialect,
    bar: Option<&indicatif::ProgressBar>,
    mut each: impl FnMut(&TextRows),
) -> Option<(Option<u64>, String)> {
    std::thread::scope(|scope| {
        let (filled, full) = mpsc::sync_channel(BATCHES);
        let (recycled, empty) = mpsc::channel();
        for _ in 0..BATCHES {
            let _ = recycled.send(TextRows::default());
        }
        scope.spawn(move || parse(csv, dialect, bar, &empty, &filled));
        let mut failed = None;
        for mut batch in full {
            each(&batch);
            failed = failed.or(batch.failed.take());
            let _ = recycled.send(batch);
        }
        failed
    })
}

/// Parses `csv` into the batches coming back on `empty` and sends them on `filled`, until the
/// end of the file, a read error, or the other thread hanging up.
fn parse(
    csv: &mut CsvReader,
    dialect: &Dialect,
    bar: Option<&indicatif::ProgressBar>,
    empty: &mpsc::Receiver<TextRows>,
    filled: &mpsc::SyncSender<TextRows>,
) {
    let mut record = csv::ByteRecord::new();
    let mut before = csv.position().line();
    while let Ok(mut batch) = empty.recv() {
        batch.clear();
        let mut done = false;
        while !batch.is_full() {
            match csv.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() + dialect.skipped_lines);
                    let message = format!("unreadable CSV, reading stopped here: {e}");
                    batch.failed = Some((line, message));
                    done = true;
                    break;
                }
            }
            let line = lines::record_line(csv.get_ref(), &record, before, csv.position());
            before = csv.position().line();
            batch.push_record(&record, line + dialect.skipped_lines, dialect);
        }
        if let Some(bar) = bar {
            bar.set_position(csv.position().byte());
        }
        if filled.send(batch).is_err() || done {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialect(bytes: &[u8]) -> Dialect {
        super::super::source::sniff(&mut &bytes[..], None).unwrap()
    }

    fn rows(batch: &TextRows) -> Vec<(Vec<&str>, u64, bool)> {
        batch
            .rows()
            .map(|(f, line, bad)| (f.iter().collect(), line, bad))
            .collect()
    }

    #[test]
    fn rows_keep_their_fields_lines_and_order() {
        let utf8 = dialect(b"a,b\n");
        let mut batch = TextRows::default();
        batch.push_record(
            &csv::ByteRecord::from(vec!["Åtvidaberg", " K1 ", ""]),
            2,
            &utf8,
        );
        batch.push_cells(&["Kinda".to_string(), "K2".to_string()], 3);
        batch.push_record(&csv::ByteRecord::from(vec!["Ödeshög"]), 5, &utf8);
        assert_eq!(
            rows(&batch),
            [
                (vec!["Åtvidaberg", " K1 ", ""], 2, false),
                (vec!["Kinda", "K2"], 3, false),
                (vec!["Ödeshög"], 5, false),
            ]
        );
        let (fields, _, _) = batch.rows().next().unwrap();
        assert_eq!((fields.len(), &fields[1], &fields[7]), (3, " K1 ", ""));
    }

    #[test]
    fn text_that_cannot_be_decoded_is_marked_never_guessed() {
        let utf8 = dialect(b"a,b\n");
        let mut batch = TextRows::default();
        // `å` split in two by a delimiter: the bytes together are UTF-8, the fields are not.
        let split = csv::ByteRecord::from(vec![&b"\xC3"[..], &b"\xA5"[..], &b"ok"[..]]);
        assert!(std::str::from_utf8(split.as_slice()).is_ok());
        batch.push_record(&split, 4, &utf8);
        assert_eq!(rows(&batch), [(vec!["", "", "ok"], 4, true)]);
        // The same bytes from a Windows-1252 file are two letters.
        let mut batch = TextRows::default();
        batch.push_record(&split, 4, &dialect(b"kommun;\xe5r\n"));
        assert_eq!(rows(&batch), [(vec!["Ã", "¥", "ok"], 4, false)]);
    }
}
