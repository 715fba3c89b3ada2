//! Where a value came from: a file and a line, for messages (`scores.csv:14`).

use crate::lang::Lang;
use smallvec::SmallVec;
use std::fmt;
use std::sync::Arc;

/// An index into the list of input files (`Sheet::files`) and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub file: u32,
    pub line: u64,
}

/// `file:line` of `loc`, with the file's name from `files` (`?` when it is not there).
pub fn place(files: &[Arc<str>], loc: Loc) -> String {
    let file = files.get(loc.file as usize).map_or("?", |f| &**f);
    format!("{file}:{}", loc.line)
}

/// Where a warning's values are, kept as data until shown, so that the words around the line
/// numbers are in the reader's language: `s.csv lines 8, 9` (`s.csv rad 8, 9`), or
/// `a.csv:8, b.csv:9` across files. Each place names its file by a shared name, so a warning
/// carries no text of its own (the round before its consensus meeting has tens of thousands).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Places(SmallVec<[(Arc<str>, u64); 2]>);

impl Places {
    /// The places of `locs`, sorted, with the file names from `files`.
    pub fn of(files: &[Arc<str>], locs: impl IntoIterator<Item = Loc>) -> Places {
        let mut locs: SmallVec<[Loc; 2]> = locs.into_iter().collect();
        locs.sort();
        let unknown: Arc<str> = Arc::from("?");
        Places(
            locs.into_iter()
                .map(|l| {
                    let file = files.get(l.file as usize).unwrap_or(&unknown);
                    (Arc::clone(file), l.line)
                })
                .collect(),
        )
    }

    /// Whether there is no place at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The places as `lang` says them.
    pub fn text(&self, lang: Lang) -> String {
        match self.0.first() {
            Some((first, _)) if self.0.len() > 1 && self.0.iter().all(|(f, _)| f == first) => {
                let lines: Vec<String> = self.0.iter().map(|(_, l)| l.to_string()).collect();
                lang.fill(
                    "input.file_lines",
                    &[("file", first), ("lines", &lines.join(", "))],
                )
            }
            _ => {
                let each: Vec<String> = self.0.iter().map(|(f, l)| format!("{f}:{l}")).collect();
                each.join(", ")
            }
        }
    }
}

impl fmt::Display for Places {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<Arc<str>> {
        vec![Arc::from("s.csv"), Arc::from("ws.csv")]
    }

    #[test]
    fn lines_of_one_file_are_listed_after_its_name_in_each_language() {
        let at = Places::of(
            &files(),
            [Loc { file: 0, line: 9 }, Loc { file: 0, line: 8 }],
        );
        assert_eq!(at.to_string(), "s.csv lines 8, 9");
        assert_eq!(at.text(Lang::Sv), "s.csv rad 8, 9");
    }

    #[test]
    fn places_in_several_files_or_one_place_are_file_colon_line() {
        let at = Places::of(
            &files(),
            [Loc { file: 1, line: 2 }, Loc { file: 0, line: 4 }],
        );
        assert_eq!(at.text(Lang::Sv), "s.csv:4, ws.csv:2");
        let one = Places::of(&files(), [Loc { file: 1, line: 2 }]);
        assert_eq!(one.to_string(), "ws.csv:2");
        assert_eq!(
            Places::of(&files(), [Loc { file: 7, line: 1 }]).to_string(),
            "?:1"
        );
        assert!(Places::default().is_empty());
    }
}
