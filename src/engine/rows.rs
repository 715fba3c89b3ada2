//! Data rows as text, and the thread that parses them.
//!
//! A CSV file is parsed on a thread of its own, a few batches ahead of the code that turns rows
//! into scores. The parsing thread does everything that needs no sheet: finding the records and
//! their lines ([`super::records`]), the UTF-8 check or the Windows-1252 decoding, and a look at
//! each row (`Ahead`: neither blank nor ragged? the number of its key cells? a long file's
//! dimension and score), so that the two cores share the work about evenly. It hands over
//! `TextRows`: the batch's text in one buffer and the ends of its fields, so the reader on the
//! other core streams through memory instead of chasing one allocation per record. A batch of
//! UTF-8 text, the usual, is checked in one pass (simdutf8) and handed over as it was read,
//! with no copy.
//! The batches go back and forth, so their memory is reused; rows keep their order, and a read
//! error stops reading where it happened.

use super::keys::KeyTable;
use super::records::{Records, field_span};
use crate::model::accounting::{Dialect, Encoding};
use crate::model::number::Score;
use std::io::BufRead;
use std::sync::mpsc;

/// Rows per batch, at most, and about how much text (a batch ends after the row that passes it).
/// Each batch handed over can wake the other thread, which on a virtual machine costs more than
/// the rows: measured 2026-12-04, 4096 rows against 1024, the threads' waits (voluntary context
/// switches) went 507 → 186 on a sorted 10^6-row file and 891 → 109 in random order, peak memory
/// the same within 1 MiB; wall time, 25 alternating runs on each 10^6-row file of
/// `scripts/bench.py`, median 4–11% less on every shape, in a second set on a slower machine
/// the same within the noise (docs/performance.md).
const BATCH_ROWS: usize = 4096;
const BATCH_BYTES: usize = 512 * 1024;
/// Batches in flight between the two threads.
const BATCHES: usize = 4;

pub(crate) type CsvRecords = Records<Box<dyn BufRead + Send>>;

/// One row's fields as text, whatever the source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    text: &'a str,
    /// Where the first field starts in `text`.
    start: usize,
    /// Where each field ends in `text`; the next one starts a byte (a separator) later.
    ends: &'a [usize],
}

impl<'a> Fields<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`; a field past the end of the row is empty.
    pub fn get(&self, i: usize) -> &'a str {
        field_span(self.start, self.ends, i)
            .and_then(|span| self.text.get(span))
            .unwrap_or_default()
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

/// One row of a [`TextRows`]: its fields `ends[first..]` up to the next row's, its line,
/// whether some field could not be decoded (it is then empty), and what was seen ahead.
#[derive(Debug, Clone, Copy)]
struct Mark {
    first: usize,
    line: u64,
    undecodable: bool,
    ahead: Ahead,
}

/// What the parsing thread saw of a row, so that the reader need not look again; `false` and
/// `None` when not known (a worksheet's rows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ahead {
    /// As many fields as the header, one with text: the row is neither blank nor ragged.
    pub plain: bool,
    /// A long score file's dimension (its index) and score, when both cells are good.
    pub score: Option<(usize, Score)>,
    /// The row's cells in the key columns, numbered: rows with the same cells byte for byte
    /// have the same number, counting the file's different ones from 0 in the order first
    /// seen. The store finds a row's interview by it in an array; the hashing is done here, on
    /// the parsing thread's core. `None` for a reader without key columns.
    pub key: Option<u32>,
}

/// Reads the dimension and score cells of a row (raw, UTF-8 bytes) ahead.
pub(crate) type ReadScore<'a> = Box<dyn FnMut(&[u8], &[u8]) -> Option<(usize, Score)> + Send + 'a>;

/// What the parsing thread looks at in each row (see [`Ahead`]).
#[derive(Default)]
pub(crate) struct Lookahead<'a> {
    /// The header's number of fields.
    pub width: usize,
    /// The columns that place a row in the sheet (municipality, round, issue, interview,
    /// role); none for a reader that does not use [`Ahead::key`].
    pub key: Vec<usize>,
    /// A long score file's dimension and score columns, and how to read them.
    pub score: Option<(usize, usize, ReadScore<'a>)>,
}

impl std::fmt::Debug for Lookahead<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lookahead")
            .field("width", &self.width)
            .field("key", &self.key)
            .field("score", &self.score.as_ref().map(|(d, s, _)| (d, s)))
            .finish()
    }
}

/// The key cells of the row before (as [`super::keys::cell`] puts them together), and the
/// numbers of the key cells seen, while the parsing thread reads.
#[derive(Debug, Default)]
struct Keys {
    before: Option<Vec<u8>>,
    /// Every key cells seen, by their number.
    table: KeyTable<u32>,
    /// The batch's rows whose key cells are not the row before's: their keys, one after
    /// another, and where each ends.
    keys: Vec<u8>,
    ends: Vec<usize>,
    /// For each of the batch's rows, whether it is one of those.
    own: Vec<bool>,
    numbers: Vec<u32>,
    /// The number of the last row's key cells.
    last: u32,
}

impl Keys {
    /// Gives the rows of a batch the numbers of their key cells ([`Ahead::key`]), all at once.
    fn number(&mut self, marks: &mut [Mark]) {
        self.table
            .number_all(&self.keys, &self.ends, &mut self.numbers);
        let mut numbers = self.numbers.iter();
        for (mark, own) in marks.iter_mut().zip(&self.own) {
            if *own {
                self.last = numbers.next().copied().unwrap_or(self.last);
            }
            mark.ahead.key = Some(self.last);
        }
        self.keys.clear();
        self.ends.clear();
        self.own.clear();
    }
}

impl Lookahead<'_> {
    /// What is seen of the row whose fields end at `ends` in `raw`, starting at `start`.
    fn look(&mut self, raw: &[u8], start: usize, ends: &[usize], keys: &mut Keys) -> Ahead {
        let field = |i: usize| {
            field_span(start, ends, i)
                .and_then(|span| raw.get(span))
                .unwrap_or_default()
        };
        // A field that starts with a visible character is not empty once trimmed.
        let plain = ends.len() == self.width
            && (0..ends.len()).any(|i| field(i).first().is_some_and(u8::is_ascii_graphic));
        if !self.key.is_empty() {
            let cells = || self.key.iter().map(|&column| field(column));
            // The row before's key cells again (a sorted file, nearly every row): its number.
            let same_key = keys
                .before
                .as_deref()
                .is_some_and(|before| super::keys::is_key_of(before, cells()));
            if !same_key {
                let from = keys.keys.len();
                for cell in cells() {
                    super::keys::cell(&mut keys.keys, Some(cell));
                }
                keys.ends.push(keys.keys.len());
                let before = keys.before.get_or_insert_default();
                before.clear();
                before.extend_from_slice(&keys.keys[from..]);
            }
            keys.own.push(!same_key);
        }
        let score = match &mut self.score {
            Some((dimension, score, read)) => read(field(*dimension), field(*score)),
            None => None,
        };
        Ahead {
            plain,
            score,
            // Given to the whole batch by `Keys::number`.
            key: None,
        }
    }
}

/// One row of a batch, as the reader sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    pub fields: Fields<'a>,
    pub line: u64,
    /// Some field could not be decoded (it is then empty).
    pub undecodable: bool,
    pub ahead: Ahead,
}

/// Rows of text fields in one buffer: a row's fields one after the other with one separator
/// byte between two, the next row straight after.
#[derive(Debug, Default)]
pub(crate) struct TextRows {
    /// UTF-8, always (checked or decoded when the batch was made).
    text: Vec<u8>,
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

    /// Where row `k` starts in `text`: where the row before it ends.
    fn row_start(&self, k: usize) -> usize {
        match self.marks.get(k).map_or(0, |m| m.first) {
            0 => 0,
            first => self.ends[first - 1],
        }
    }

    /// Where the fields of row `k` end in `ends`.
    fn row_end(&self, k: usize) -> usize {
        self.marks.get(k + 1).map_or(self.ends.len(), |m| m.first)
    }

    /// Each row, in order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        // Checked again to be seen as text (simdutf8: a few milliseconds for 10^6 rows), as
        // the text was checked when the batch was made.
        let text = simdutf8::basic::from_utf8(&self.text).unwrap_or_default();
        self.marks.iter().enumerate().map(move |(k, mark)| Row {
            fields: Fields {
                text,
                start: self.row_start(k),
                ends: &self.ends[mark.first..self.row_end(k)],
            },
            line: mark.line,
            undecodable: mark.undecodable,
            ahead: mark.ahead,
        })
    }

    /// The key numbers of the rows ([`Ahead::key`]), in order, where known.
    pub fn keys(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        self.marks.iter().filter_map(|m| m.ahead.key)
    }

    /// Adds a row of cells (a worksheet's).
    pub fn push_cells(&mut self, cells: &[String], line: u64) {
        self.marks.push(Mark {
            first: self.ends.len(),
            line,
            undecodable: false,
            ahead: Ahead::default(),
        });
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push(b',');
            }
            self.text.extend_from_slice(cell.as_bytes());
            self.ends.push(self.text.len());
        }
    }

    /// Makes the text of the rows read into `raw` (laid out as `text` is) this batch's, decoded
    /// as `dialect` says, and leaves `raw` empty for the next batch. UTF-8 that checks out as a
    /// whole is taken as it is; anything else is decoded field by field, a field that cannot
    /// be decoded left empty and its row marked.
    fn decode(&mut self, raw: &mut Vec<u8>, dialect: &Dialect) {
        let utf8 = matches!(dialect.encoding, Encoding::Utf8 | Encoding::Utf8Bom);
        if utf8 {
            // Checked by simdutf8 (std's check was a tenth of this thread's instructions).
            if simdutf8::basic::from_utf8(raw).is_ok() {
                // The batch's old buffer is the next batch's raw one.
                std::mem::swap(raw, &mut self.text);
                raw.clear();
                return;
            }
        }
        self.text.clear();
        // Where the last field read ended in `raw`: the next row starts there.
        let mut raw_end = 0;
        for k in 0..self.marks.len() {
            let (first, last) = (self.marks[k].first, self.row_end(k));
            let mut start = raw_end;
            let mut undecodable = false;
            for i in first..last {
                raw_end = self.ends[i];
                if i > first {
                    self.text.push(b',');
                }
                match raw.get(start..raw_end).map(|field| dialect.decode(field)) {
                    Some(Ok(field)) => self.text.extend_from_slice(field.as_bytes()),
                    _ => undecodable = true,
                }
                self.ends[i] = self.text.len();
                start = raw_end + 1;
            }
            self.marks[k].undecodable = undecodable;
        }
        raw.clear();
    }

    fn is_full(&self, text: usize) -> bool {
        self.marks.len() >= BATCH_ROWS || text >= BATCH_BYTES
    }
}

/// Parses the rest of `records` on a second thread and calls `each` with every batch of rows,
/// in order. Returns where and why reading stopped early, if it did.
pub(crate) fn parse_in_batches(
    records: &mut CsvRecords,
    dialect: &Dialect,
    lookahead: &mut Lookahead,
    bar: Option<&indicatif::ProgressBar>,
    mut each: impl FnMut(&TextRows),
) -> Option<(Option<u64>, String)> {
    std::thread::scope(|scope| {
        let (filled, full) = mpsc::sync_channel(BATCHES);
        let (recycled, empty) = mpsc::channel();
        for _ in 0..BATCHES {
            let _ = recycled.send(TextRows::default());
        }
        scope.spawn(move || parse(records, dialect, lookahead, bar, &empty, &filled));
        let mut failed = None;
        for mut batch in full {
            each(&batch);
            failed = failed.or(batch.failed.take());
            let _ = recycled.send(batch);
        }
        failed
    })
}

/// Parses `records` into the batches coming back on `empty` and sends them on `filled`, until
/// the end of the file, a read error, or the other thread hanging up.
fn parse(
    records: &mut CsvRecords,
    dialect: &Dialect,
    lookahead: &mut Lookahead,
    bar: Option<&indicatif::ProgressBar>,
    empty: &mpsc::Receiver<TextRows>,
    filled: &mpsc::SyncSender<TextRows>,
) {
    let mut raw = Vec::new();
    let mut keys = Keys::default();
    while let Ok(mut batch) = empty.recv() {
        batch.clear();
        let mut done = false;
        while !batch.is_full(raw.len()) {
            let (first, start) = (batch.ends.len(), raw.len());
            match records.read(&mut raw, &mut batch.ends) {
                Ok(Some(line)) => batch.marks.push(Mark {
                    first,
                    line: line + dialect.skipped_lines,
                    undecodable: false,
                    ahead: lookahead.look(&raw, start, &batch.ends[first..], &mut keys),
                }),
                Ok(None) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    batch.ends.truncate(first);
                    let message = format!("unreadable CSV, reading stopped here: {e}");
                    batch.failed = Some((None, message));
                    done = true;
                    break;
                }
            }
        }
        if !lookahead.key.is_empty() {
            keys.number(&mut batch.marks);
        }
        batch.decode(&mut raw, dialect);
        if let Some(bar) = bar {
            bar.set_position(records.position());
        }
        if filled.send(batch).is_err() || done {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialect(encoding: Encoding) -> Dialect {
        Dialect {
            encoding,
            delimiter: b',',
            skipped_lines: 0,
            sheet: None,
        }
    }

    /// The rows of `data`, read as the parsing thread reads them, into `batch`.
    fn read_into(batch: &mut TextRows, data: &[u8], dialect: &Dialect) {
        let mut records = Records::new(data, dialect.delimiter);
        let mut raw = std::mem::take(&mut batch.text);
        loop {
            let first = batch.ends.len();
            let Some(line) = records.read(&mut raw, &mut batch.ends).unwrap() else {
                break;
            };
            batch.marks.push(Mark {
                first,
                line,
                undecodable: false,
                ahead: Ahead::default(),
            });
        }
        batch.decode(&mut raw, dialect);
    }

    fn rows(batch: &TextRows) -> Vec<(Vec<&str>, u64, bool)> {
        batch
            .rows()
            .map(|r| (r.fields.iter().collect(), r.line, r.undecodable))
            .collect()
    }

    #[test]
    fn rows_keep_their_fields_lines_and_order() {
        let mut batch = TextRows::default();
        read_into(
            &mut batch,
            "Åtvidaberg, K1 ,\n\n\"Ödeshög\"\r\n".as_bytes(),
            &dialect(Encoding::Utf8),
        );
        batch.push_cells(&["Kinda".to_string(), "K2".to_string()], 7);
        assert_eq!(
            rows(&batch),
            [
                (vec!["Åtvidaberg", " K1 ", ""], 1, false),
                (vec!["Ödeshög"], 3, false),
                (vec!["Kinda", "K2"], 7, false),
            ]
        );
        let fields = batch.rows().next().unwrap().fields;
        assert_eq!((fields.len(), &fields[1], &fields[7]), (3, " K1 ", ""));
    }

    #[test]
    fn the_parsing_thread_sees_plain_rows_and_repeated_keys() {
        let mut look = Lookahead {
            width: 3,
            key: vec![0, 2],
            score: None,
        };
        let mut keys = Keys::default();
        let mut seen = Vec::new();
        for row in [
            &b"Kinda,x,K1"[..],
            b"Kinda,y,K1",
            b"Kind,ay,K1",
            b"Kinda,x",
            b"Kinda,x",
            b" , ,",
            b"Kinda,x,K1,",
            // Cells whose bytes run together alike, a NUL byte where a separator might be.
            b"a\0b,x,c",
            b"a,x,b\0c",
        ] {
            let mut ends: Vec<usize> = memchr::memchr_iter(b',', row).collect();
            ends.push(row.len());
            let ahead = look.look(row, 0, &ends, &mut keys);
            seen.push(Mark {
                first: 0,
                line: 0,
                undecodable: false,
                ahead,
            });
        }
        keys.number(&mut seen);
        let seen: Vec<_> = seen.iter().map(|m| (m.ahead.plain, m.ahead.key)).collect();
        assert_eq!(
            seen,
            [
                (true, Some(0)),
                // The same cells in the key columns, whatever the others hold.
                (true, Some(0)),
                (true, Some(1)),
                // A short row: not plain, and its missing key cell is empty.
                (false, Some(2)),
                (false, Some(2)),
                // Nothing but blanks, or a field past the header's: for the reader to judge.
                (false, Some(3)),
                (false, Some(0)),
                (true, Some(4)),
                (true, Some(5)),
            ]
        );
    }

    #[test]
    fn key_cells_are_numbered_in_the_order_first_seen_across_batches() {
        // Rows in a scrambled order over many batches, with runs of the same key (seen as the
        // row before, also across a batch's end) and keys whose bytes run together alike.
        let names = ["Kinda", "Kind", "Ödeshög", " Kinda", "Kinda "];
        let mut data = String::new();
        let mut keys = Vec::new();
        let mut state = 7_u64;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let m = names[((state >> 33) % 5) as usize];
            let prefix = if m == "Kind" { "a" } else { "" };
            let i = format!("{prefix}K{}", (state >> 40) % 40);
            for _ in 0..1 + (state >> 50) % 3 {
                data.push_str(&format!("{m},x,{i}\n"));
                keys.push((m.to_string(), i.clone()));
            }
        }
        let mut first_seen = std::collections::HashMap::new();
        let expected: Vec<u32> = keys
            .iter()
            .map(|k| {
                let n = first_seen.len() as u32;
                *first_seen.entry(k.clone()).or_insert(n)
            })
            .collect();
        let input: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(data.into_bytes()));
        let mut records = Records::new(input, b',');
        let mut look = Lookahead {
            width: 3,
            key: vec![0, 2],
            score: None,
        };
        let mut numbers = Vec::new();
        let failed = parse_in_batches(
            &mut records,
            &dialect(Encoding::Utf8),
            &mut look,
            None,
            |batch| numbers.extend(batch.rows().map(|r| r.ahead.key.unwrap())),
        );
        assert!(failed.is_none());
        assert!(numbers.len() > 3 * BATCH_ROWS);
        assert_eq!(numbers, expected);
    }

    #[test]
    fn text_that_cannot_be_decoded_is_marked_never_guessed() {
        // `å` split in two by quotes and a delimiter: the bytes together are UTF-8, the fields
        // are not. The row after it is read as it is.
        let data = b"\"\xC3\",\"\xA5\",ok\nKinda,\xC3\xA5r\n";
        let mut batch = TextRows::default();
        read_into(&mut batch, data, &dialect(Encoding::Utf8));
        assert_eq!(
            rows(&batch),
            [
                (vec!["", "", "ok"], 1, true),
                (vec!["Kinda", "år"], 2, false)
            ]
        );
        // The same bytes from a Windows-1252 file are letters.
        let mut batch = TextRows::default();
        read_into(&mut batch, data, &dialect(Encoding::Windows1252));
        assert_eq!(
            rows(&batch),
            [
                (vec!["Ã", "¥", "ok"], 1, false),
                (vec!["Kinda", "Ã¥r"], 2, false)
            ]
        );
    }
}
