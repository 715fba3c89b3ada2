//! Line numbers that are right for every line ending.
//!
//! The `csv` crate counts every `\n` it consumes, but a record's reported position is where it
//! started looking for it — before any blank lines, and for CRLF between the `\r` that ended the
//! previous record and its `\n` — so a message would point one line too high in files with CRLF
//! endings (what Excel writes). The line of a record is therefore taken from its *end*: the
//! count of newlines consumed through the record, less the `\n` that ended it (if one did) and
//! the line breaks inside its quoted fields. Whether the last byte consumed was a `\n` is
//! answered by [`TailReader`], which keeps a copy of the last chunk it handed on (the `csv`
//! crate reads forward, so the record's last byte is always in it); memory stays one chunk.

use std::io::{self, Read};

/// A reader that keeps a copy of the last chunk it passed on, to tell which byte ended a record.
#[derive(Debug)]
pub struct TailReader<R> {
    inner: R,
    /// Where `tail` starts in the stream.
    start: u64,
    tail: Vec<u8>,
}

impl<R> TailReader<R> {
    pub fn new(inner: R) -> TailReader<R> {
        TailReader {
            inner,
            start: 0,
            tail: Vec::new(),
        }
    }

    /// The byte at `offset`, if it is in the last chunk read.
    fn byte_at(&self, offset: u64) -> Option<u8> {
        let i = usize::try_from(offset.checked_sub(self.start)?).ok()?;
        self.tail.get(i).copied()
    }
}

impl<R: Read> Read for TailReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let got = self.inner.read(buf)?;
        if got > 0 {
            self.start += self.tail.len() as u64;
            self.tail.clear();
            self.tail.extend_from_slice(&buf[..got]);
        }
        Ok(got)
    }
}

/// The 1-based line on which `record` starts, given the `csv` crate's count of the lines consumed
/// before reading it (`before`) and its position just after (`end`).
pub fn record_line<R>(
    reader: &TailReader<R>,
    record: &csv::ByteRecord,
    before: u64,
    end: &csv::Position,
) -> u64 {
    let ended_by_newline = end
        .byte()
        .checked_sub(1)
        .and_then(|last| reader.byte_at(last))
        == Some(b'\n');
    // Line breaks inside fields are rare: only a record that took more lines than the one its
    // own ending closes (blank lines before it, or quoted line breaks) can hold one.
    let took = end.line().saturating_sub(before);
    let inside = if took <= u64::from(ended_by_newline) {
        0
    } else {
        record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64
    };
    end.line()
        .saturating_sub(u64::from(ended_by_newline))
        .saturating_sub(inside)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of each record `reader` holds, read by a csv reader with a buffer of
    /// `capacity` bytes.
    pub(super) fn lines_read(reader: impl Read, capacity: usize) -> Vec<u64> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(capacity)
            .from_reader(TailReader::new(reader));
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        let mut before = csv.position().line();
        while csv.read_byte_record(&mut record).unwrap() {
            lines.push(record_line(csv.get_ref(), &record, before, csv.position()));
            before = csv.position().line();
        }
        lines
    }

    fn lines_of_records(text: &[u8]) -> Vec<u64> {
        lines_read(text, 8 * 1024)
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
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Hands on at most `step` bytes per read, so records straddle chunks.
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

    proptest! {
        /// Every record is reported on the line where it starts, whatever the line endings,
        /// blank lines, quoted line breaks, chunk sizes and buffer sizes.
        #[test]
        fn records_start_where_they_were_written(
            records in prop::collection::vec(
                (prop::collection::vec(field(), 1..4), 0..3usize, any::<bool>()), 1..12),
            trailing in any::<bool>(),
            step in 1..40usize,
            capacity in 1..64usize,
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
            let lines = super::tests::lines_read(Trickle { data: text.as_bytes(), step }, capacity);
            prop_assert_eq!(lines, expected, "{:?}", text);
        }
    }
}
