//! The records of a CSV file, read as the `csv` crate reads them, with their line numbers.
//!
//! Most lines of real inputs hold no quotes. Such a line is one record: it is found with
//! `memchr` and split at its delimiters, with no per-byte state machine. A line with a quote (or
//! a carriage return that does not end it) is handed to `csv_core`, the `csv` crate's own parser,
//! which reads the record over however many lines it spans. So every file is read exactly as a
//! `csv` reader with `flexible(true)` and no headers reads it: `\n`, `\r\n` or `\r` end a record,
//! blank lines are skipped, quotes are RFC 4180's. A property test holds the two readers to the
//! same records.
//!
//! Line numbers are counted as the bytes go by: a record's line is the line where it starts, for
//! every line ending, blank line and quoted line break. A record's fields are appended to a
//! caller's buffer, one byte (the delimiter) between two fields, with the end of each field: a
//! batch of rows is built with no copy per field.

use std::io::{self, Read};

/// The read buffer's first size; it grows only for a record longer than that.
const BUFFER: usize = 256 * 1024;

/// A reader of CSV records from `R`.
#[derive(Debug)]
pub(crate) struct Records<R> {
    input: R,
    /// Bytes read; `buf[pos..filled]` are not consumed yet.
    buf: Vec<u8>,
    pos: usize,
    filled: usize,
    eof: bool,
    /// The 1-based line of `buf[pos]`.
    line: u64,
    /// Bytes consumed before `buf[0]`.
    before: u64,
    delimiter: u8,
    /// Whether lines without quotes may be split here (not when the delimiter is a quote or a
    /// line ending, which only `csv_core` reads as the `csv` crate does).
    fast: bool,
    quoted: csv_core::Reader,
    /// `csv_core`'s output: a record's fields, and their ends.
    out: Vec<u8>,
    out_ends: Vec<usize>,
}

impl<R: Read> Records<R> {
    pub fn new(input: R, delimiter: u8) -> Records<R> {
        Records {
            input,
            buf: vec![0; BUFFER],
            pos: 0,
            filled: 0,
            eof: false,
            line: 1,
            before: 0,
            delimiter,
            fast: !matches!(delimiter, b'"' | b'\r' | b'\n'),
            quoted: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 1024],
            out_ends: vec![0; 64],
        }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.before + self.pos as u64
    }

    /// Reads the next record: appends its fields to `text`, one delimiter byte between two, and
    /// the end of each field in `text` to `ends`. Returns the line it starts on, or `None` at
    /// the end of the input.
    pub fn read(&mut self, text: &mut Vec<u8>, ends: &mut Vec<usize>) -> io::Result<Option<u64>> {
        if !self.fast {
            return self.read_quoted(text, ends);
        }
        // Bytes after `pos` already known to hold no line feed.
        let mut scanned = 0;
        loop {
            let from = self.pos + scanned;
            let newline = memchr::memchr(b'\n', &self.buf[from..self.filled]).map(|k| from + k);
            let end = match newline {
                Some(end) => end,
                None if !self.eof => {
                    scanned = self.filled - self.pos;
                    self.refill()?;
                    continue;
                }
                None if self.pos == self.filled => return Ok(None),
                None => self.filled,
            };
            let start = self.pos;
            let stripped = match self.buf[start..end] {
                [.., b'\r'] => end - 1,
                _ => end,
            };
            let line = &self.buf[start..stripped];
            let (at, first, base) = (self.line, ends.len(), text.len());
            // A line without quotes or carriage returns is split at its delimiters; one with
            // quotes, when each quoted field ends at a delimiter, is taken field by field;
            // anything else is left to `csv_core`.
            let delimiter = self.delimiter;
            let taken = if line.is_empty() {
                true
            } else if split_plain(line, delimiter, base, ends) {
                text.extend_from_slice(line);
                true
            } else {
                ends.truncate(first);
                split_quoted(line, delimiter, text, ends)
            };
            if !taken {
                text.truncate(base);
                ends.truncate(first);
                return self.read_quoted(text, ends);
            }
            self.pos = (end + 1).min(self.filled);
            self.line += u64::from(newline.is_some());
            if line.is_empty() {
                // A blank line is no record.
                scanned = 0;
                continue;
            }
            return Ok(Some(at));
        }
    }

    /// Reads one record with `csv_core`, from the start of a line; `None` at the end.
    fn read_quoted(
        &mut self,
        text: &mut Vec<u8>,
        ends: &mut Vec<usize>,
    ) -> io::Result<Option<u64>> {
        use csv_core::ReadRecordResult as Read;
        let at = self.line;
        self.quoted.reset();
        let (mut nout, mut nends) = (0, 0);
        loop {
            // An empty input means the end of the file to `csv_core`.
            if self.pos == self.filled && !self.eof {
                self.refill()?;
                continue;
            }
            let input = &self.buf[self.pos..self.filled];
            let (result, read, wrote, ended) =
                self.quoted
                    .read_record(input, &mut self.out[nout..], &mut self.out_ends[nends..]);
            self.line += memchr::memchr_iter(b'\n', &input[..read]).count() as u64;
            self.pos += read;
            nout += wrote;
            nends += ended;
            match result {
                Read::InputEmpty => {}
                Read::OutputFull => self.out.resize(self.out.len() * 2, 0),
                Read::OutputEndsFull => self.out_ends.resize(self.out_ends.len() * 2, 0),
                Read::Record => break,
                Read::End => return Ok(None),
            }
        }
        let mut start = 0;
        for (i, &end) in self.out_ends[..nends].iter().enumerate() {
            if i > 0 {
                text.push(self.delimiter);
            }
            text.extend_from_slice(&self.out[start..end]);
            ends.push(text.len());
            start = end;
        }
        Ok(Some(at))
    }

    /// Moves the bytes not consumed to the front of the buffer (growing it when they fill it)
    /// and reads more after them.
    fn refill(&mut self) -> io::Result<()> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.before += self.pos as u64;
            self.filled -= self.pos;
            self.pos = 0;
        }
        if self.filled == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.input.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// The delimiters of a line with no quote and no carriage return, as ends of fields starting at
/// `base`, and the end of the last field; `false` (with some ends pushed) for any other line.
/// Eight bytes are looked at a time: fields are short, and a call to `memchr` per delimiter
/// would cost more than the search.
fn split_plain(line: &[u8], delimiter: u8, base: usize, ends: &mut Vec<usize>) -> bool {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    /// The high bit of each byte of `word` that is `byte`, and of no other.
    fn bytes_equal(word: u64, byte: u8) -> u64 {
        let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
        !(((x & LOW) + LOW) | x | LOW)
    }
    let mut chunks = line.chunks_exact(8);
    let mut offset = base;
    for chunk in &mut chunks {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(bytes);
        if bytes_equal(word, b'"') | bytes_equal(word, b'\r') != 0 {
            return false;
        }
        let mut found = bytes_equal(word, delimiter);
        while found != 0 {
            ends.push(offset + (found.trailing_zeros() / 8) as usize);
            found &= found - 1;
        }
        offset += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        match b {
            b'"' | b'\r' => return false,
            _ if b == delimiter => ends.push(offset + k),
            _ => {}
        }
    }
    ends.push(base + line.len());
    true
}

/// Appends the fields of a line with quotes to `text` (one delimiter between two), and their
/// ends to `ends`, when every quote in it opens a field and the next one closes it right before
/// a delimiter or the line's end (`"Kinda, Kisa",4`), and no field holds a carriage return. Then
/// the fields are what `csv_core` reads; otherwise returns `false`, leaving the line to it.
fn split_quoted(line: &[u8], delimiter: u8, text: &mut Vec<u8>, ends: &mut Vec<usize>) -> bool {
    let mut k = 0;
    loop {
        let end = if line.get(k) == Some(&b'"') {
            let Some(close) = memchr::memchr(b'"', &line[k + 1..]).map(|q| k + 1 + q) else {
                return false;
            };
            text.extend_from_slice(&line[k + 1..close]);
            close + 1
        } else {
            let end = memchr::memchr(delimiter, &line[k..]).map_or(line.len(), |d| k + d);
            let field = &line[k..end];
            if memchr::memchr2(b'"', b'\r', field).is_some() {
                return false;
            }
            text.extend_from_slice(field);
            end
        };
        ends.push(text.len());
        match line.get(end) {
            None => return true,
            Some(b) if *b == delimiter => {
                text.push(delimiter);
                k = end + 1;
            }
            Some(_) => return false,
        }
    }
}

/// Where field `i` of a record lies in the text [`Records::read`] appended it to, if the record
/// has it: the record starts at `start`, its fields end at `ends`, and one byte (a delimiter)
/// comes between two.
pub(crate) fn field_span(start: usize, ends: &[usize], i: usize) -> Option<std::ops::Range<usize>> {
    let end = *ends.get(i)?;
    let from = match i.checked_sub(1) {
        None => start,
        Some(before) => ends.get(before)? + 1,
    };
    Some(from..end)
}

/// The fields of the record that starts at `start` in `text` and whose fields end at `ends`.
pub(crate) fn fields<'t>(
    text: &'t [u8],
    start: usize,
    ends: &'t [usize],
) -> impl Iterator<Item = &'t [u8]> {
    (0..ends.len()).map(move |i| {
        field_span(start, ends, i)
            .and_then(|span| text.get(span))
            .unwrap_or_default()
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Each record of `reader`: its line and its fields.
    pub(crate) fn records_of(reader: impl Read, delimiter: u8) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut records = Records::new(reader, delimiter);
        let (mut text, mut ends) = (Vec::new(), Vec::new());
        let mut all = Vec::new();
        while let Some(line) = records.read(&mut text, &mut ends).unwrap() {
            all.push((line, fields(&text, 0, &ends).map(<[u8]>::to_vec).collect()));
            text.clear();
            ends.clear();
        }
        all
    }

    fn lines_of_records(text: &[u8]) -> Vec<u64> {
        records_of(text, b',').into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn lf_and_crlf_give_the_same_lines() {
        assert_eq!(lines_of_records(b"a,b\n1,2\n3,4\n"), [1, 2, 3]);
        assert_eq!(lines_of_records(b"a,b\r\n1,2\r\n3,4\r\n"), [1, 2, 3]);
        assert_eq!(
            lines_of_records(b"kommun,intervju,A\r\nKinda,K1,4\r\nKinda,K1,10\r\nKinda,K1,4\r\n"),
            [1, 2, 3, 4]
        );
    }

    #[test]
    fn quoted_line_breaks_and_blank_lines_count() {
        assert_eq!(
            lines_of_records(b"a,b\r\n\"x\r\ny\",2\r\n\r\n3,4\r\n"),
            [1, 2, 5]
        );
        assert_eq!(lines_of_records(b"a,b\n\n\n1,2\n\"p\nq\nr\",3"), [1, 4, 5]);
    }

    #[test]
    fn fields_are_split_and_unquoted() {
        let fields = |text: &[u8]| -> Vec<Vec<String>> {
            records_of(text, b';')
                .into_iter()
                .map(|(_, f)| {
                    f.into_iter()
                        .map(|b| String::from_utf8(b).unwrap())
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            fields("Åtvidaberg; K1 ;\n\"Kinda \"\"K\"\";2\";3,5\r\nsista".as_bytes()),
            [
                vec!["Åtvidaberg", " K1 ", ""],
                vec!["Kinda \"K\";2", "3,5"],
                vec!["sista"]
            ]
        );
        // Quoted fields that end at a delimiter are taken out of their quotes.
        assert_eq!(
            fields(b"\"Kinda; Kisa\";\"\";\"4\"\r\n\"x\";y;\"\"\n"),
            [vec!["Kinda; Kisa", "", "4"], vec!["x", "y", ""]]
        );
        // A lone carriage return ends a record, as in the `csv` crate.
        assert_eq!(fields(b"a;b\rc\n"), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn records_longer_than_the_buffer_are_read_whole() {
        let long = "å".repeat(BUFFER);
        let data = format!("a,\"{long}\n{long}\",b\r\n{long},c\n");
        let read = records_of(data.as_bytes(), b',');
        let quoted = format!("{long}\n{long}");
        assert_eq!(
            read,
            [
                (1, vec![b"a".to_vec(), quoted.into_bytes(), b"b".to_vec()]),
                (3, vec![long.clone().into_bytes(), b"c".to_vec()]),
            ]
        );
    }

    #[test]
    fn position_counts_the_bytes_consumed() {
        let mut records = Records::new(&b"a,b\r\n1,2\n"[..], b',');
        let (mut text, mut ends) = (Vec::new(), Vec::new());
        records.read(&mut text, &mut ends).unwrap();
        assert_eq!(records.position(), 5);
        records.read(&mut text, &mut ends).unwrap();
        assert_eq!(records.position(), 9);
        assert_eq!(records.read(&mut text, &mut ends).unwrap(), None);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Hands on at most `step` bytes per read, so records straddle reads and buffer ends.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// One record: its fields, each plain or quoted with line breaks inside.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zåäö0-9 ]{1,6}",
            "[a-z]{0,3}(\r?\n[a-z]{0,3}){1,2}".prop_map(|s| format!("\"{s}\"")),
        ]
    }

    /// What [`Records`] reads from `data`, handed on `step` bytes at a time: each record's
    /// fields.
    fn ours(data: &[u8], step: usize, delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        super::tests::records_of(Trickle { data, step }, delimiter)
            .into_iter()
            .map(|(_, fields)| fields)
            .collect()
    }

    /// What the `csv` crate reads from `data`: each record's fields.
    fn csv_crate(data: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(data);
        csv.byte_records()
            .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    proptest! {
        /// Every record is reported on the line where it starts, whatever the line endings,
        /// blank lines, quoted line breaks and read sizes.
        #[test]
        fn records_start_where_they_were_written(
            records in prop::collection::vec(
                (prop::collection::vec(field(), 1..4), 0..3usize, any::<bool>()), 1..12),
            trailing in any::<bool>(),
            step in 1..40usize,
        ) {
            let mut text = String::new();
            let mut expected = Vec::new();
            let mut line = 1u64;
            for (i, (fields, blanks, crlf)) in records.iter().enumerate() {
                let ending = if *crlf { "\r\n" } else { "\n" };
                if i > 0 {
                    for _ in 0..*blanks {
                        text.push_str(ending);
                        line += 1;
                    }
                }
                expected.push(line);
                let record = fields.join(",");
                line += record.matches('\n').count() as u64;
                text.push_str(&record);
                if i + 1 < records.len() || trailing {
                    text.push_str(ending);
                    line += 1;
                }
            }
            let read = super::tests::records_of(Trickle { data: text.as_bytes(), step }, b',');
            let lines: Vec<u64> = read.iter().map(|(l, _)| *l).collect();
            prop_assert_eq!(lines, expected, "{:?}", text);
        }

        /// Any bytes at all — quotes, line endings of every kind, delimiters, invalid UTF-8 —
        /// give the records the `csv` crate gives, whatever the read sizes.
        #[test]
        fn records_are_the_csv_crates(
            data in prop::collection::vec(
                prop_oneof![
                    Just(b'"'), Just(b'\r'), Just(b'\n'), Just(b','), Just(b';'),
                    Just(b'a'), Just(b' '), Just(0xC3), Just(0xA5), any::<u8>(),
                ],
                0..80,
            ),
            step in 1..40usize,
            delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t'), Just(b'"'), Just(b'\n')],
        ) {
            prop_assert_eq!(ours(&data, step, delimiter), csv_crate(&data, delimiter), "{:?}", data);
        }

        /// Long lines with few quotes, the ones split eight bytes at a time, too.
        #[test]
        fn long_lines_are_the_csv_crates(
            data in prop::collection::vec(
                prop_oneof![
                    8 => Just(b'a'), 2 => Just(b','), 2 => Just(b';'), 1 => Just(b'\n'),
                    1 => Just(0xC3), 1 => Just(0xA5), 1 => Just(b' '), 1 => any::<u8>(),
                ],
                0..400,
            ),
            step in 1..300usize,
            delimiter in prop_oneof![Just(b','), Just(b';')],
        ) {
            prop_assert_eq!(ours(&data, step, delimiter), csv_crate(&data, delimiter), "{:?}", data);
        }
    }
}
