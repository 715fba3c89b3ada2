//! Where a value came from: a file and a line, for messages (`scores.csv:14`).

/// An index into the list of input files (`Sheet::files`) and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub file: u32,
    pub line: u64,
}

/// `file:line` of `loc`, with the file's name from `files` (`?` when it is not there).
pub fn place(files: &[String], loc: Loc) -> String {
    let file = files.get(loc.file as usize).map_or("?", String::as_str);
    format!("{file}:{}", loc.line)
}

/// A place in an input that has no lines: one text selection of a REFI-QDA project's source
/// (`K1.txt`, characters 120–245). A project file's [`Loc::line`] numbers its codings from 1; its
/// spans, kept by the score store, say where each coding's selection is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The selection's element (`PlainTextSelection`, `TranscriptSelection`) and GUID.
    pub element: &'static str,
    pub guid: Box<str>,
    /// The source's name as the project gives it.
    pub source: Box<str>,
    /// Character (Unicode code point) offsets into the source's plain text, end exclusive.
    pub start: u64,
    pub end: u64,
}
