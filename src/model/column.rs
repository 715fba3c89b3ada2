//! The column words the tool knows, in English and Swedish: what a header names (a field, or a
//! column for notes), shared by the readers that recognise headers and by the consensus
//! worksheet that writes and redoes them.

use crate::text::fold;

/// The meaning of a known column header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Municipality,
    Interview,
    Scorer,
    Round,
    Issue,
    Role,
    Dimension,
    Score,
    Consensus,
    Gap,
    /// A worksheet's mark of what the meeting must decide (written, never read as a score).
    Status,
}

impl Field {
    /// The accepted header words, English first.
    pub const NAMES: &[(Field, &[&str])] = &[
        (
            Field::Municipality,
            &["municipality", "kommun", "community"],
        ),
        (
            Field::Interview,
            &["interview", "intervju", "interview id", "respondent"],
        ),
        (Field::Scorer, &["scorer", "bedömare", "rater"]),
        (Field::Round, &["round", "omgång"]),
        (Field::Issue, &["issue", "sakfråga", "område"]),
        (Field::Role, &["role", "roll"]),
        (Field::Dimension, &["dimension"]),
        (Field::Score, &["score", "poäng"]),
        (Field::Consensus, &["consensus", "konsensus"]),
        (Field::Gap, &["gap", "skillnad"]),
        (Field::Status, &["status"]),
    ];

    pub fn of(header: &str) -> Option<Field> {
        let key = fold(header);
        Field::NAMES
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(f, _)| *f)
    }

    /// Every accepted header word of every field.
    pub fn words() -> impl Iterator<Item = &'static str> {
        Field::NAMES
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
    }

    pub fn name(self) -> &'static str {
        Field::NAMES
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("?", |(_, names)| names[0])
    }
}

/// Worksheet columns for the meeting's notes: read, never used.
const NOTE_COLUMNS: &[&str] = &["note", "notes", "comment", "kommentar", "anteckning"];

/// Whether `header` names a column for the meeting's notes.
pub fn is_note(header: &str) -> bool {
    NOTE_COLUMNS.contains(&fold(header).as_str())
}

/// A worksheet cell as written before `readiness` neutralised it for spreadsheets: a leading `'`
/// before `=`, `+`, `-`, `@`, tab or carriage return is taken off (see [`crate::render::csv`]).
pub fn unneutralised(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// The known column a worksheet header names, if any.
pub fn worksheet_field(header: &str) -> Option<Field> {
    Field::of(header)
}

/// Whether `text` would be read as a known column (or a note column) rather than a scorer's.
pub fn is_column_name(text: &str) -> bool {
    Field::of(text).is_some() || is_note(text)
}
