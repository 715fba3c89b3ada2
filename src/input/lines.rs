//! Line numbers that are right for every line ending.
//!
//! The `csv` crate's own line count is off by one per record in files with CRLF endings (what
//! Excel writes), so messages would point one line too high. This reader counts the `\n` bytes
//! it hands on and answers "which line holds byte N?" for the byte offsets the `csv` crate
//! reports, which are exact. Only the newlines read ahead but not yet asked about are kept, so
//! memory stays a few kilobytes whatever the file's size.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

/// Shared between the reader and the code that asks for line numbers.
#[derive(Debug, Default)]
struct Newlines {
    /// Bytes handed on so far.
    read: u64,
    /// Offsets of newlines handed on and not yet passed by a query.
    ahead: VecDeque<u64>,
    /// Newlines before the last queried offset.
    passed: u64,
}

/// Answers line numbers for byte offsets of the stream a [`CountingReader`] passed on.
#[derive(Debug, Clone, Default)]
pub struct LineIndex(Rc<RefCell<Newlines>>);

impl LineIndex {
    /// The 1-based line of byte `offset`. Offsets must not decrease between calls (the `csv`
    /// crate reads forward).
    ///
    /// The `csv` crate reports a record's position as where it started looking for it — before
    /// any blank lines, and for CRLF in the middle of the previous line ending — so callers ask
    /// instead for the line of the record's *end* (see [`record_line`]).
    pub fn line_at(&self, offset: u64) -> u64 {
        let mut n = self.0.borrow_mut();
        while n.ahead.front().is_some_and(|nl| *nl < offset) {
            n.ahead.pop_front();
            n.passed += 1;
        }
        n.passed + 1
    }
}

/// A reader that notes where each newline is.
pub struct CountingReader<R> {
    inner: R,
    index: LineIndex,
}

impl<R> std::fmt::Debug for CountingReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CountingReader")
            .field("index", &self.index)
            .finish()
    }
}

impl<R: Read> CountingReader<R> {
    pub fn new(inner: R) -> (CountingReader<R>, LineIndex) {
        let index = LineIndex::default();
        (
            CountingReader {
                inner,
                index: index.clone(),
            },
            index,
        )
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let got = self.inner.read(buf)?;
        let mut n = self.index.0.borrow_mut();
        let start = n.read;
        for i in memchr::memchr_iter(b'\n', &buf[..got]) {
            n.ahead.push_back(start + i as u64);
        }
        n.read += got as u64;
        Ok(got)
    }
}

/// The 1-based line on which `record` starts, given the reader's position just after reading it
/// (`end`): the line of its last byte, less the line breaks inside its quoted fields.
pub fn record_line(index: &LineIndex, record: &csv::ByteRecord, end: u64) -> u64 {
    let inside = memchr::memchr_iter(b'\n', record.as_slice()).count() as u64;
    index
        .line_at(end.saturating_sub(1))
        .saturating_sub(inside)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of_records(text: &[u8]) -> Vec<u64> {
        let (reader, index) = CountingReader::new(text);
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(reader);
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while csv.read_byte_record(&mut record).unwrap() {
            lines.push(record_line(&index, &record, csv.position().byte()));
        }
        lines
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
