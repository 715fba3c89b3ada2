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
