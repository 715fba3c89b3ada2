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
pub struct Places(SmallVec<[Place; 2]>);

/// A file's name and a line in it.
type Line<'a> = (&'a Arc<str>, u64);

/// One place of [`Places`]: a line of a file, or a selection of a project's source.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Line(Arc<str>, u64),
    Span(Arc<str>, Box<Span>),
}

impl Places {
    /// The places of `locs`, sorted, with the file names from `files`; `span` gives the
    /// selection of a project's coding (`None` for a line of a file).
    pub fn of<'s>(
        files: &[Arc<str>],
        locs: impl IntoIterator<Item = Loc>,
        span: impl Fn(Loc) -> Option<&'s Span>,
    ) -> Places {
        let mut locs: SmallVec<[Loc; 2]> = locs.into_iter().collect();
        locs.sort();
        Places(
            locs.into_iter()
                .map(|l| {
                    let file = match files.get(l.file as usize) {
                        Some(file) => Arc::clone(file),
                        None => Arc::from("?"),
                    };
                    match span(l) {
                        Some(s) => Place::Span(file, Box::new(s.clone())),
                        None => Place::Line(file, l.line),
                    }
                })
                .collect(),
        )
    }

    /// The places as `lang` says them.
    pub fn text(&self, lang: Lang) -> String {
        self.said(lang).to_string()
    }

    /// [`Places::text`], written where it goes.
    pub fn said(&self, lang: Lang) -> impl fmt::Display + '_ {
        Said {
            places: &self.0,
            lang,
        }
    }
}

/// [`Places`] as a language says them.
struct Said<'a> {
    places: &'a [Place],
    lang: Lang,
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Option<SmallVec<[Line<'_>; 2]>> = self
            .places
            .iter()
            .map(|p| match p {
                Place::Line(f, l) => Some((f, *l)),
                Place::Span(..) => None,
            })
            .collect();
        match lines.as_deref() {
            Some(lines @ [(first, _), rest @ ..])
                if !rest.is_empty() && rest.iter().all(|(f, _)| f == first) =>
            {
                let numbers = LineNumbers(lines);
                self.lang.write_filled(
                    f,
                    "input.file_lines",
                    &[("file", first), ("lines", &numbers)],
                )
            }
            _ => {
                for (i, place) in self.places.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match place {
                        Place::Line(file, l) => write!(f, "{file}:{l}")?,
                        Place::Span(file, s) => f.write_str(&s.text(file, self.lang))?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// The line numbers of some lines of one file (`8, 9`).
struct LineNumbers<'a>(&'a [Line<'a>]);

impl fmt::Display for LineNumbers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (_, l)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{l}")?;
        }
        Ok(())
    }
}

impl Span {
    /// `file, source `K1`, characters 120–245` in `lang`.
    pub fn text(&self, file: &str, lang: Lang) -> String {
        lang.fill(
            "input.qdpx.place",
            &[
                ("file", &file),
                ("source", &self.source),
                ("start", &self.start),
                ("end", &self.end),
            ],
        )
    }
}

impl fmt::Display for Places {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.said(Lang::En).fmt(f)
    }
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
            |_| None,
        );
        assert_eq!(at.to_string(), "s.csv lines 8, 9");
        assert_eq!(at.text(Lang::Sv), "s.csv rad 8, 9");
    }

    #[test]
    fn places_in_several_files_or_one_place_are_file_colon_line() {
        let at = Places::of(
            &files(),
            [Loc { file: 1, line: 2 }, Loc { file: 0, line: 4 }],
            |_| None,
        );
        assert_eq!(at.text(Lang::Sv), "s.csv:4, ws.csv:2");
        let one = Places::of(&files(), [Loc { file: 1, line: 2 }], |_| None);
        assert_eq!(one.to_string(), "ws.csv:2");
        assert_eq!(
            Places::of(&files(), [Loc { file: 7, line: 1 }], |_| None).to_string(),
            "?:1"
        );
        assert_eq!(Places::default().to_string(), "");
    }
}
