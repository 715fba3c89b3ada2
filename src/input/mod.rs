//! Reading score files into a [`Sheet`].
//!
//! Each input is opened and its dialect sniffed ([`source`]), its header classified ([`header`]),
//! and its rows streamed into the sheet. Every problem is collected — every bad row of every file,
//! not only the first — and reported together with file and line; a row is either used or
//! reported, never silently dropped.

pub mod header;
pub mod source;

use crate::exact::Exact;
use crate::rubric::Rubric;
use crate::sheet::{Loc, Observation, Scorer, Sheet};
use header::{Columns, Shape};
use serde::Serialize;
use source::Dialect;
use std::borrow::Cow;
use std::fmt;

/// A problem with the input, at a file and (usually) a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found in the inputs; reading fails when there is at least one.
#[derive(Debug, thiserror::Error)]
#[error("{} in the input:\n{}", plural(.0.len(), "error"), .0.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
pub struct InputErrors(pub Vec<Diagnostic>);

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// How an input file was read, and what became of its rows.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub encoding: source::Encoding,
    pub delimiter: String,
    pub shape: String,
    /// Data rows read (the header and a `sep=` line not counted).
    pub rows: u64,
    /// Rows that contributed scores.
    pub used: u64,
    /// Rows with an error.
    pub rejected: u64,
    /// Rows with no values at all.
    pub blank: u64,
    /// Header columns that were not used.
    pub ignored_columns: Vec<String>,
    #[serde(skip)]
    pub dialect: String,
}

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides delimiter sniffing.
    pub delimiter: Option<u8>,
}

/// What reading gave besides the sheet: per-file reports and warnings.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub files: Vec<FileReport>,
    pub warnings: Vec<String>,
}

/// Reads every input into `sheet`. All problems of all files are returned together.
pub fn read_all(
    paths: &[String],
    rubric: &Rubric,
    options: &ReadOptions,
    sheet: &mut Sheet,
) -> Result<ReadOutcome, InputErrors> {
    let mut errors = Vec::new();
    let mut outcome = ReadOutcome::default();
    for path in paths {
        let name = if path == "-" {
            "<stdin>"
        } else {
            path.as_str()
        };
        let file = sheet.add_file(name);
        let mut diag = |line: Option<u64>, message: String| {
            errors.push(Diagnostic {
                file: name.to_string(),
                line,
                message,
            })
        };
        let (dialect, reader) = match source::open(path, options.delimiter) {
            Ok(x) => x,
            Err(e) => {
                diag(None, format!("could not read: {e}"));
                continue;
            }
        };
        match read_one(reader, &dialect, rubric, file, sheet, &mut diag) {
            Some(mut report) => {
                report.file = name.to_string();
                report.dialect = dialect.describe();
                for col in &report.ignored_columns {
                    outcome
                        .warnings
                        .push(format!("{name}: column `{col}` is not used"));
                }
                outcome.files.push(report);
            }
            None => continue,
        }
    }
    if errors.is_empty() {
        Ok(outcome)
    } else {
        Err(InputErrors(errors))
    }
}

/// Reads one file; `None` when its header is unusable (the reason is already reported).
fn read_one(
    reader: Box<dyn std::io::BufRead>,
    dialect: &Dialect,
    rubric: &Rubric,
    file: u32,
    sheet: &mut Sheet,
    diag: &mut dyn FnMut(Option<u64>, String),
) -> Option<FileReport> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let line_of =
        |r: &csv::ByteRecord| r.position().map_or(0, |p| p.line()) + dialect.skipped_lines;

    // The header.
    match csv.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            diag(None, "the file is empty: expected a header row".into());
            return None;
        }
        Err(e) => {
            diag(
                Some(1 + dialect.skipped_lines),
                format!("unreadable CSV: {e}"),
            );
            return None;
        }
    }
    let header_line = line_of(&record);
    let headers: Vec<String> = record
        .iter()
        .map(|f| {
            dialect
                .decode(f)
                .map_or_else(|_| String::from_utf8_lossy(f).into_owned(), Cow::into_owned)
        })
        .collect();
    let columns = match header::classify(&headers, rubric) {
        Ok(c) => {
            if matches!(c.shape, Shape::Worksheet { .. }) {
                sheet.mark_restating(file);
            }
            c
        }
        Err(problems) => {
            let seen = headers
                .iter()
                .map(|h| h.trim())
                .collect::<Vec<_>>()
                .join(", ");
            for p in problems {
                diag(
                    Some(header_line),
                    format!("{p} (header seen: {seen}; read as {})", dialect.describe()),
                );
            }
            return None;
        }
    };
    let mut report = FileReport {
        file: String::new(),
        encoding: dialect.encoding,
        delimiter: match dialect.delimiter {
            b'\t' => "tab".into(),
            d => (d as char).to_string(),
        },
        shape: columns.shape_name().into(),
        rows: 0,
        used: 0,
        rejected: 0,
        blank: 0,
        ignored_columns: columns.ignored.clone(),
        dialect: String::new(),
    };

    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line() + dialect.skipped_lines);
                diag(line, format!("unreadable CSV, reading stopped here: {e}"));
                report.rows += 1;
                report.rejected += 1;
                break;
            }
        }
        report.rows += 1;
        let line = line_of(&record);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            report.blank += 1;
            continue;
        }
        let mut fields: Vec<Cow<str>> = Vec::with_capacity(columns.width);
        let mut bad_text = false;
        for f in record.iter() {
            match dialect.decode(f) {
                Ok(text) => fields.push(text),
                Err(_) => {
                    bad_text = true;
                    fields.push(Cow::Borrowed(""));
                }
            }
        }
        let mut row_errors: Vec<String> = Vec::new();
        if bad_text {
            row_errors.push(format!(
                "text is not valid {} (the file started as {})",
                dialect.encoding, dialect.encoding
            ));
        }
        let extra_filled = fields
            .iter()
            .skip(columns.width)
            .any(|f| !f.trim().is_empty());
        if fields.len() < columns.width || extra_filled {
            row_errors.push(format!(
                "row has {} fields but the header has {}",
                fields.len(),
                columns.width
            ));
        }
        if row_errors.is_empty() {
            let loc = Loc { file, line };
            match parse_row(&fields, &columns, rubric, loc, sheet) {
                Ok(0) => {
                    report.blank += 1;
                    continue;
                }
                Ok(_) => {}
                Err(errs) => row_errors.extend(errs),
            }
        }
        if row_errors.is_empty() {
            report.used += 1;
        } else {
            report.rejected += 1;
            for e in row_errors {
                diag(Some(line), e);
            }
        }
    }
    Some(report)
}

/// Parses one data row and inserts its scores. Returns how many scores (and open consensus
/// cells of a worksheet) it held.
fn parse_row(
    fields: &[Cow<str>],
    columns: &Columns,
    rubric: &Rubric,
    loc: Loc,
    sheet: &mut Sheet,
) -> Result<usize, Vec<String>> {
    let mut errors = Vec::new();
    let text = |i: usize| fields[i].trim();
    let optional = |i: Option<usize>| i.map(text).filter(|s| !s.is_empty());
    let mut required = |i: usize, name: &str| {
        let value = text(i);
        if value.is_empty() {
            errors.push(format!("missing {name}"));
        }
        value
    };
    let municipality = required(columns.municipality, "municipality");
    let interview = required(columns.interview, "interview");
    let scorer = match columns.scorer {
        None => Scorer::Consensus,
        Some(i) => Scorer::from_cell(required(i, "scorer")),
    };
    let score_of = |raw: &str, errors: &mut Vec<String>| -> Option<Exact> {
        match Exact::parse(raw) {
            None => {
                errors.push(format!("score `{}` is not a number", raw.trim()));
                None
            }
            Some(score) => match rubric.check_score(&score) {
                Ok(()) => Some(score),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        }
    };
    let dimension_of = |i: usize, errors: &mut Vec<String>| {
        let dim_text = text(i);
        if dim_text.is_empty() {
            errors.push("missing dimension".into());
            return None;
        }
        let found = rubric.dimension_index(dim_text);
        if found.is_none() {
            errors.push(unknown_dimension(dim_text, rubric));
        }
        found
    };
    let mut scores: Vec<(Scorer, usize, Exact)> = Vec::new();
    // A worksheet row whose consensus is still empty: its dimension.
    let mut pending = None;
    match &columns.shape {
        Shape::Long { dimension, score } => {
            let dim = dimension_of(*dimension, &mut errors);
            let raw = text(*score);
            let value = if raw.is_empty() {
                errors.push("missing score".into());
                None
            } else {
                score_of(raw, &mut errors)
            };
            if let (Some(d), Some(v)) = (dim, value) {
                scores.push((scorer, d, v));
            }
        }
        Shape::Wide { dimensions } => {
            for (col, dim) in dimensions {
                let raw = text(*col);
                if raw.is_empty() {
                    continue;
                }
                if let Some(v) = score_of(raw, &mut errors) {
                    scores.push((scorer.clone(), *dim, v));
                }
            }
        }
        Shape::Worksheet {
            dimension,
            consensus,
            scorers,
        } => {
            if let Some(d) = dimension_of(*dimension, &mut errors) {
                for (col, name) in scorers {
                    let raw = text(*col);
                    if !raw.is_empty()
                        && let Some(v) = score_of(raw, &mut errors)
                    {
                        scores.push((Scorer::Named(name.clone()), d, v));
                    }
                }
                let raw = text(*consensus);
                if raw.is_empty() {
                    pending = Some(d);
                } else if let Some(v) = score_of(raw, &mut errors) {
                    scores.push((Scorer::Consensus, d, v));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let count = scores.len() + usize::from(pending.is_some());
    let observation = |scorer: Scorer, dimension: usize, score: Exact| Observation {
        municipality,
        round: optional(columns.round),
        issue: optional(columns.issue),
        interview,
        role: optional(columns.role),
        scorer,
        dimension,
        score,
        loc,
    };
    let on_dimension = |e: String, dimension: usize| {
        let id = &rubric.dimensions[dimension].id;
        e.replace("on this dimension", &format!("on dimension {id}"))
    };
    if let Some(dimension) = pending
        && let Err(e) =
            sheet.mark_pending(&observation(Scorer::Consensus, dimension, Exact::int(0)))
    {
        errors.push(on_dimension(e, dimension));
    }
    for (scorer, dimension, score) in scores {
        if let Err(e) = sheet.insert(observation(scorer, dimension, score)) {
            errors.push(on_dimension(e, dimension));
        }
    }
    if errors.is_empty() {
        Ok(count)
    } else {
        Err(errors)
    }
}

fn unknown_dimension(text: &str, rubric: &Rubric) -> String {
    let names: Vec<&str> = rubric
        .dimensions
        .iter()
        .flat_map(|d| [d.id.as_str(), d.name.as_str()])
        .collect();
    let hint = crate::text::did_you_mean(text, names)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    format!(
        "unknown dimension `{text}`: rubric `{}` has {}{hint}",
        rubric.name,
        rubric.dimension_ids().collect::<Vec<_>>().join(", ")
    )
}
