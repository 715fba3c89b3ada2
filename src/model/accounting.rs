//! The input accounting: how each file was read and what became of its rows (rows read = used
//! + blank + rejected), reported with every result so that nothing is lost unseen.

use crate::lang::Lang;
use crate::model::message::{Arg, Message};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// The text encoding of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// A spreadsheet workbook (xlsx, xls, ods): cells, not text.
    #[serde(rename = "spreadsheet")]
    Spreadsheet,
    /// A REFI-QDA project (`.qdpx`): XML and source texts in a zip archive.
    #[serde(rename = "refi-qda")]
    Project,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1252 => "Windows-1252",
            Encoding::Spreadsheet => "spreadsheet",
            Encoding::Project => "REFI-QDA project",
        })
    }
}

/// What was seen at the start of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// Lines consumed before the header (Excel's `sep=;`), to keep line numbers true.
    pub skipped_lines: u64,
    /// For a spreadsheet: the worksheet read.
    pub sheet: Option<String>,
}

impl Dialect {
    /// How the input was read, as a message: `UTF-8, delimiter `,``, `spreadsheet, worksheet
    /// `Poäng``, `REFI-QDA project`.
    pub fn said(&self) -> Message {
        if self.encoding == Encoding::Project {
            return Message::new("input.qdpx.read_as");
        }
        if let Some(sheet) = &self.sheet {
            return Message::new("input.read_as.sheet").text_arg("sheet", sheet);
        }
        let delimiter = match self.delimiter {
            b'\t' => Arg::Word("input.read_as.tab"),
            d => Arg::Text(format!("`{}`", d as char)),
        };
        let sep = if self.skipped_lines > 0 {
            Arg::Word("input.read_as.sep")
        } else {
            Arg::Text(String::new())
        };
        Message::new("input.read_as.text")
            .text_arg("encoding", self.encoding)
            .with("delimiter", delimiter)
            .with("sep", sep)
    }

    /// Decodes one field.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> Result<Cow<'a, str>, std::str::Utf8Error> {
        match self.encoding {
            Encoding::Windows1252 => Ok(encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0),
            _ => std::str::from_utf8(bytes).map(Cow::Borrowed),
        }
    }
}

/// How an input file was read, and what became of its rows.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub encoding: Encoding,
    pub delimiter: String,
    /// What the file was read as: `long scores`, `wide scores`, `coded segments`, `MAXQDA
    /// export`… (JSON: the English text).
    pub shape: Message,
    /// Data rows read (the header and a `sep=` line not counted).
    pub rows: u64,
    /// Rows that contributed scores or codes.
    pub used: u64,
    /// Rows with an error.
    pub rejected: u64,
    /// Rows with no values (or no codes) at all.
    pub blank: u64,
    /// Header columns that were not used.
    pub ignored_columns: Vec<String>,
    /// How the file was read, in words (encoding, delimiter or worksheet; JSON: the English
    /// text).
    pub read_as: Message,
    /// For a REFI-QDA project: its sources, selections and codings, and what was taken from
    /// where. Its rows are its codings of text selections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectReport>,
}

/// What a REFI-QDA project held and what of it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectReport {
    /// Sources of every kind (text, PDF, picture, audio, video).
    pub sources: u64,
    /// Sources with text selections read (text sources, PDF text, transcripts).
    pub text_sources: u64,
    /// Text selections read (`PlainTextSelection`, `TranscriptSelection`).
    pub selections: u64,
    /// Codings of those selections read: the file's rows.
    pub codings: u64,
    /// Codings not read: of picture, PDF-area, audio and video selections and of whole sources
    /// (readiness scores text).
    pub ignored_codings: u64,
    /// Where each key was taken from: `municipality: case variable `kommun` (3 sources)`.
    pub taken: Vec<String>,
}

impl FileReport {
    /// One line for `--verbose`.
    pub fn summary(&self, lang: Lang) -> String {
        lang.fill(
            "input.summary",
            &[
                ("file", &self.file),
                ("read_as", &self.read_as.text(lang)),
                ("shape", &self.shape.text(lang)),
                ("rows", &self.rows),
                ("used", &self.used),
                ("blank", &self.blank),
                ("rejected", &self.rejected),
            ],
        )
    }

    /// The lines `--verbose` adds for a REFI-QDA project: what it held, and what was taken from
    /// where.
    pub fn project_lines(&self, lang: Lang) -> Vec<String> {
        let Some(p) = &self.project else {
            return Vec::new();
        };
        let mut lines = vec![lang.fill(
            "input.qdpx.summary",
            &[
                ("file", &self.file),
                ("sources", &p.sources),
                ("text_sources", &p.text_sources),
                ("selections", &p.selections),
                ("codings", &p.codings),
                ("ignored", &p.ignored_codings),
            ],
        )];
        lines.extend(p.taken.iter().map(|t| format!("{}: {t}", self.file)));
        lines
    }
}
