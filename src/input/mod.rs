//! Reading inputs into a [`Sheet`].
//!
//! Each input is opened and its dialect sniffed ([`source`]), its header classified — scores
//! ([`header`], [`scores`]) or coded segments ([`qda`], [`coded`]) — and its rows streamed into
//! the sheet, read and looked at a few batches ahead on a second thread ([`crate::engine`]).
//! Every problem is
//! collected — every bad row of every file, not only the first — and reported together with file
//! and line; a row is used, blank, or reported, never silently dropped.

pub mod coded;
pub mod header;
pub mod qda;
pub mod qdpx;
pub mod register;
pub mod scores;
pub mod source;
pub mod spreadsheet;

use crate::engine::store::{Loc, Sheet};
pub(crate) use crate::engine::{records, rows};
use crate::lang::Lang;
use crate::model::message::{Arg, Message};
use crate::rubric::Rubric;
use source::Dialect;
use std::borrow::Cow;
use std::fmt;
use std::io::BufRead;

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

/// Every problem found in the inputs; reading fails when there is at least one. The same
/// message on many lines of one file is one line with its line numbers (`lines 4, 7, 9 and 21
/// more`); with `verbose`, every line number.
#[derive(Debug, thiserror::Error)]
#[error("{}:\n{}", .lang.count("input.errors", .diagnostics.len(), &[]), grouped(&self.diagnostics, self.verbose, self.lang).iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
pub struct InputErrors {
    pub diagnostics: Vec<Diagnostic>,
    pub verbose: bool,
    pub lang: Lang,
}

/// How many line numbers a repeated message names before "and N more".
const LINES_SHOWN: usize = 3;

/// The diagnostics as lines, in the order first seen: one per message and file, naming every
/// line it was found on (the first [`LINES_SHOWN`] unless `verbose`).
fn grouped(diagnostics: &[Diagnostic], verbose: bool, lang: Lang) -> Vec<String> {
    let mut groups: Vec<(&str, &str, Vec<u64>)> = Vec::new();
    for d in diagnostics {
        match d.line {
            Some(line) => match groups
                .iter_mut()
                .find(|(f, m, l)| !l.is_empty() && *f == d.file && *m == d.message)
            {
                Some((_, _, lines)) => lines.push(line),
                None => groups.push((&d.file, &d.message, vec![line])),
            },
            None => groups.push((&d.file, &d.message, Vec::new())),
        }
    }
    groups
        .iter()
        .map(|(file, message, lines)| match lines.as_slice() {
            [] => format!("{file}: {message}"),
            [line] => format!("{file}:{line}: {message}"),
            _ => {
                let shown = if verbose { lines.len() } else { LINES_SHOWN };
                let mut list: Vec<String> = lines.iter().take(shown).map(u64::to_string).collect();
                let more = lines.len().saturating_sub(shown);
                let list = if more > 0 {
                    lang.fill(
                        "input.lines_and_more",
                        &[("lines", &list.join(", ")), ("more", &more)],
                    )
                } else {
                    let last = list.pop().unwrap_or_default();
                    lang.fill(
                        "input.lines_and_last",
                        &[("lines", &list.join(", ")), ("last", &last)],
                    )
                };
                format!("{file} {list}: {message}")
            }
        })
        .collect()
}

pub use crate::model::accounting::FileReport;

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Name every line of a repeated error (`--verbose`).
    pub verbose: bool,
    /// The language of the errors' frame (set from `--lang` or the rubric's language).
    pub lang: Lang,
    /// Overrides delimiter sniffing.
    pub delimiter: Option<u8>,
    /// Reads coded segments with a QDA tool's headers.
    pub from: Option<qda::Tool>,
    /// The interview register (`interview, municipality`, optional `round, role, date`).
    pub register: Option<String>,
    /// Keep every coded segment behind a derived score (for `--detail`).
    pub keep_evidence: bool,
    /// Keep segment text (for `--show-text`). Never set unless the user asked.
    pub keep_text: bool,
    /// The worksheet to read from spreadsheet inputs (default: the first).
    pub sheet: Option<String>,
    /// `(file, coder)` from `--coder`: the coder of a coded export without a coder column. A
    /// file as given among the inputs.
    pub coders: Vec<(String, String)>,
    /// `(file, round)` from `--round`: the round of a file without a round column. A file as
    /// given among the inputs.
    pub rounds: Vec<(String, String)>,
}

/// What reading gave besides the sheet: per-file reports, warnings and notes.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub files: Vec<FileReport>,
    pub warnings: Vec<Message>,
    /// Information that is not a problem (e.g. codes that name no anchor).
    pub notes: Vec<Message>,
    /// What people typed into each consensus worksheet read, besides the scores.
    pub worksheets: Vec<WorksheetText>,
}

pub use crate::domain::consensus::{TypedRow, WorksheetText};

/// The most characters a key cell (municipality, round, issue, interview, scorer or coder, role)
/// may have: a longer one is not a name but a cell from the wrong column, maybe interview text.
pub const MAX_KEY_CHARS: usize = 200;

/// The error for a key cell of `field` longer than [`MAX_KEY_CHARS`]; never its text, which may
/// be interview text (personal data).
pub(crate) fn key_too_long(field: &str, cell: &str, lang: Lang) -> Option<String> {
    // A cell of at most that many bytes has at most that many characters: only a long cell is
    // counted.
    if cell.len() <= MAX_KEY_CHARS {
        return None;
    }
    let n = cell.chars().count();
    (n > MAX_KEY_CHARS).then(|| {
        lang.fill(
            "input.key_too_long",
            &[
                ("field", &field_name(field, lang)),
                ("n", &n),
                ("max", &MAX_KEY_CHARS),
            ],
        )
    })
}

/// A store's error (`… on this dimension …`) naming the dimension (`… on dimension B …`).
pub(crate) fn on_dimension(error: &str, id: &str, lang: Lang) -> String {
    error.replace(
        lang.text("input.this_dimension"),
        &lang.fill("input.on_dimension", &[("id", &id)]),
    )
}

/// `missing municipality`: an empty cell of a required field, in `lang`.
pub(crate) fn missing(field: &str, lang: Lang) -> String {
    lang.fill("input.missing_cell", &[("name", &field_name(field, lang))])
}

/// A key cell's field (`municipality`, `scorer`) as `lang` names it in messages.
pub(crate) fn field_name(field: &str, lang: Lang) -> &str {
    match lang.text(&format!("input.field.{field}")) {
        "" => field,
        name => name,
    }
}

/// The errors of [`key_too_long`] for a row's key cells, `(field, cell)`.
pub(crate) fn check_key_lengths<'a>(
    cells: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    errors: &mut Vec<String>,
    lang: Lang,
) {
    errors.extend(
        cells
            .into_iter()
            .filter_map(|(field, cell)| key_too_long(field, cell?, lang)),
    );
}

/// Collects diagnostics; shared by the readers.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub Vec<Diagnostic>);

impl Problems {
    pub fn at(&mut self, file: &str, line: Option<u64>, message: impl Into<String>) {
        self.0.push(Diagnostic {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// What one data row turned out to be.
pub(crate) enum RowOutcome {
    Used,
    /// No values at all.
    Blank,
    /// Errors to report at this row; an empty list means the row is reported later, summarised.
    Rejected(Vec<String>),
}

/// A consumer of a file's data rows.
pub(crate) trait Rows {
    /// One data row; `ahead` is what the parsing thread saw of it.
    fn row(&mut self, fields: &rows::Fields, loc: Loc, ahead: rows::Ahead) -> RowOutcome;

    /// A hint that changes nothing: these rows come next, so that what their key numbers
    /// ([`rows::Ahead::key`]) name can be fetched before they come.
    fn expect(&mut self, _batch: &rows::TextRows) {}
}

/// An opened input (CSV or spreadsheet) with its header read.
pub(crate) struct Table {
    pub dialect: Dialect,
    rows: RowSource,
    pub headers: Vec<String>,
    pub header_line: u64,
    /// The file's size, for a progress bar on long inputs (`None` for standard input).
    size: Option<u64>,
    /// The language of the messages.
    lang: Lang,
}

/// Inputs at least this large get a progress bar (on a terminal only).
const PROGRESS_BYTES: u64 = 16 * 1024 * 1024;

/// A progress bar on standard error for a long input, drawn only when standard error is a
/// terminal (indicatif hides it otherwise, so pipes and CI logs stay clean).
fn progress(size: Option<u64>, name: &str) -> Option<indicatif::ProgressBar> {
    let size = size.filter(|s| *s >= PROGRESS_BYTES)?;
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return None;
    }
    let bar = indicatif::ProgressBar::new(size);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} {wide_bar} {bytes}/{total_bytes} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(name.to_string());
    Some(bar)
}

/// Where the data rows come from.
enum RowSource {
    Csv(Box<rows::CsvRecords>),
    /// A worksheet's remaining rows, with their 1-based row numbers.
    Sheet(<spreadsheet::SheetRows as IntoIterator>::IntoIter),
}

impl Table {
    /// Opens `path` (`-` is stdin) and reads its header row. A spreadsheet (`.xlsx`, `.xls`,
    /// `.ods`, recognised from its content) is read from `sheet` or its first worksheet.
    pub fn open(
        path: &str,
        delimiter: Option<u8>,
        sheet: Option<&str>,
        lang: Lang,
    ) -> Result<Table, (Option<u64>, String)> {
        let (dialect, reader) = source::open(path, delimiter).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => (None, e.to_string()),
            _ => (None, lang.fill("input.could_not_read", &[("error", &e)])),
        })?;
        if dialect.encoding == source::Encoding::Spreadsheet {
            return Table::open_sheet(reader, sheet, dialect, path == "-", lang);
        }
        let mut records = records::Records::new(reader, dialect.delimiter);
        let (mut text, mut ends) = (Vec::new(), Vec::new());
        let line = match records.read(&mut text, &mut ends) {
            Ok(Some(line)) => line,
            Ok(None) => return Err((None, lang.text("input.empty_file").to_string())),
            Err(e) => {
                return Err((
                    Some(1 + dialect.skipped_lines),
                    lang.fill("input.unreadable_csv", &[("error", &e)]),
                ));
            }
        };
        let header_line = line + dialect.skipped_lines;
        let headers = records::fields(&text, 0, &ends)
            .map(|field| {
                dialect.decode(field).map_or_else(
                    |_| String::from_utf8_lossy(field).into_owned(),
                    Cow::into_owned,
                )
            })
            .collect();
        let size = (path != "-")
            .then(|| std::fs::metadata(path).ok().map(|m| m.len()))
            .flatten();
        Ok(Table {
            dialect,
            rows: RowSource::Csv(Box::new(records)),
            headers,
            header_line,
            size,
            lang,
        })
    }

    /// A REFI-QDA project's codings as a table of coded-segment rows.
    fn from_project(project: &mut qdpx::Project, lang: Lang) -> Table {
        Table {
            dialect: Dialect {
                encoding: source::Encoding::Project,
                delimiter: b',',
                skipped_lines: 0,
                sheet: None,
            },
            rows: RowSource::Sheet(std::mem::take(&mut project.rows).into_iter()),
            headers: std::mem::take(&mut project.headers),
            header_line: 0,
            size: None,
            lang,
        }
    }

    fn open_sheet(
        mut reader: Box<dyn BufRead + Send>,
        sheet: Option<&str>,
        mut dialect: Dialect,
        stdin: bool,
        lang: Lang,
    ) -> Result<Table, (Option<u64>, String)> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| (None, lang.fill("input.could_not_read", &[("error", &e)])))?;
        // A project among the inputs is read before this, from a file; from standard input, or
        // where a table is wanted (the interview register), it is not.
        if qdpx::holds_project(std::io::Cursor::new(&bytes)) {
            let key = if stdin {
                "input.qdpx.stdin"
            } else {
                "input.qdpx.not_a_table"
            };
            return Err((None, lang.text(key).to_string()));
        }
        let (name, rows) = spreadsheet::read(bytes, sheet, lang).map_err(|e| (None, e))?;
        dialect.sheet = Some(name);
        let mut rows = rows.into_iter();
        let Some((header_line, headers)) = rows.next() else {
            return Err((None, lang.text("input.empty_worksheet").to_string()));
        };
        Ok(Table {
            dialect,
            rows: RowSource::Sheet(rows),
            headers,
            header_line,
            size: None,
            lang,
        })
    }

    /// The header as seen, for messages.
    pub fn seen(&self) -> String {
        // A file without a header row has data here, maybe interview text: never echo that.
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|h| crate::text::shown_cell(h))
            .collect();
        self.lang.fill(
            "input.header_seen",
            &[
                ("headers", &headers.join(", ")),
                ("read_as", &self.dialect.said().text(self.lang)),
            ],
        )
    }

    /// Streams the data rows into `rows`, counting them in `report` and reporting problems.
    pub fn read_rows(
        &mut self,
        file: u32,
        name: &str,
        rows: &mut dyn Rows,
        mut lookahead: rows::Lookahead,
        report: &mut FileReport,
        problems: &mut Problems,
    ) {
        let width = self.headers.len();
        let lang = self.lang;
        lookahead.width = width;
        let dialect = &self.dialect;
        let mut handle = |rows: &mut dyn Rows, row: rows::Row, mut errors: Vec<String>| {
            let (fields, line, ahead) = (row.fields, row.line, row.ahead);
            report.rows += 1;
            // What the parsing thread saw plain is neither blank nor ragged.
            if !ahead.plain {
                if fields.iter().all(|f| crate::text::trim(f).is_empty()) && errors.is_empty() {
                    report.blank += 1;
                    return;
                }
                let extra_filled =
                    (width..fields.len()).any(|i| !crate::text::trim(&fields[i]).is_empty());
                if fields.len() < width || extra_filled {
                    let fields: Vec<&str> = fields.iter().collect();
                    errors.push(source::ragged_row_message_in(&fields, width, dialect, lang));
                }
            }
            let outcome = if errors.is_empty() {
                rows.row(&fields, Loc { file, line }, ahead)
            } else {
                RowOutcome::Rejected(errors)
            };
            match outcome {
                RowOutcome::Used => report.used += 1,
                RowOutcome::Blank => report.blank += 1,
                RowOutcome::Rejected(errors) => {
                    report.rejected += 1;
                    for e in errors {
                        problems.at(name, Some(line), e);
                    }
                }
            }
        };
        let mut each = |batch: &rows::TextRows| {
            rows.expect(batch);
            for row in batch.rows() {
                let mut errors = Vec::new();
                if row.undecodable {
                    let encoding = dialect.encoding;
                    errors.push(lang.fill("input.not_encoding", &[("encoding", &encoding)]));
                }
                handle(&mut *rows, row, errors);
            }
        };
        match &mut self.rows {
            RowSource::Sheet(sheet_rows) => {
                let mut row = rows::TextRows::default();
                for (line, cells) in sheet_rows {
                    row.clear();
                    row.push_cells(&cells, line);
                    each(&row);
                }
            }
            RowSource::Csv(records) => {
                let bar = progress(self.size, name);
                let failed =
                    rows::parse_in_batches(records, dialect, &mut lookahead, bar.as_ref(), each);
                if let Some((line, message)) = failed {
                    problems.at(name, line, message);
                    report.rows += 1;
                    report.rejected += 1;
                }
                if let Some(bar) = bar {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

/// What to say of a column that is not used: a note — unless it looks like a mistake, then a
/// warning. A column named like a dimension id (`F`) that the rubric lacks suggests data scored
/// with another rubric, whose letters mean other dimensions; one named almost like a known
/// column (`kommunn`) is probably misspelt.
enum Unused {
    Note(Message),
    Warning(Message),
}

fn unused_column(file: &str, column: &str, rubric: &Rubric) -> Unused {
    let id_like =
        (1..=2).contains(&column.len()) && column.bytes().all(|b| b.is_ascii_alphabetic());
    if id_like {
        let ids: Vec<&str> = rubric.dimension_ids().collect();
        return Unused::Warning(
            Message::new("read.unused_letter")
                .text_arg("file", file)
                .text_arg("column", column)
                .text_arg("rubric", &rubric.name)
                .text_arg("ids", ids.join(", ")),
        );
    }
    let unused = |key| {
        Message::new(key)
            .text_arg("file", file)
            .text_arg("column", column)
    };
    match crate::text::misspelling_of(column, header::known_words()) {
        Some(known) => Unused::Warning(unused("read.unused_misspelt").text_arg("known", known)),
        None => Unused::Note(unused("read.unused_column")),
    }
}

/// What a file holds, decided from its header.
enum Layout {
    Scores(header::Columns),
    Coded(qda::CodedColumns),
}

fn layout(
    headers: &[String],
    rubric: &Rubric,
    from: Option<qda::Tool>,
    lang: Lang,
) -> Result<Layout, Vec<String>> {
    let preset = match from {
        Some(tool) => Some(tool.preset()),
        None if qda::CodedColumns::is_generic(headers) => Some(&qda::GENERIC),
        None => qda::Tool::recognise(headers).map(qda::Tool::preset),
    };
    match preset {
        Some(p) => qda::CodedColumns::classify(headers, p, lang).map(Layout::Coded),
        None => header::classify(headers, rubric, lang).map(Layout::Scores),
    }
}

/// A file without data rows is a warning naming it; when no input has any, an error: an empty
/// result is never a success.
/// The error is in `lang`; the warning is said in the reader's language when shown.
fn no_data(files: &[FileReport], warnings: &mut Vec<Message>, problems: &mut Problems, lang: Lang) {
    let empty = |f: &&FileReport| f.used == 0 && f.rejected == 0;
    let what = |f: &FileReport, lang: Lang| match f.blank {
        0 => lang.text("input.no_rows").to_string(),
        n => lang.fill(
            "input.no_rows_but_blank",
            &[("blank", &lang.count("input.blank_rows", n as usize, &[]))],
        ),
    };
    if files.iter().all(|f| empty(&f)) {
        if problems.0.is_empty() {
            for f in files {
                let what = what(f, lang);
                problems.at(
                    &f.file,
                    None,
                    lang.fill("input.nothing_to_read", &[("what", &what)]),
                );
            }
        }
        return;
    }
    for f in files.iter().filter(empty) {
        let what = match f.blank {
            0 => Arg::Word("input.no_rows"),
            n => Arg::Message(Box::new(Message::new("input.no_rows_but_blank").with(
                "blank",
                Arg::Message(Box::new(Message::counted("input.blank_rows", n as usize))),
            ))),
        };
        warnings.push(
            Message::new("read.no_rows")
                .text_arg("file", &f.file)
                .with("what", what),
        );
    }
}

/// Each `--coder FILE=NAME` (`--round FILE=ROUND`) must name one of the inputs, as given, and
/// each input once.
fn check_named_files(
    paths: &[String],
    option: &str,
    named: &[(String, String)],
    problems: &mut Problems,
    lang: Lang,
) {
    let twice = match option {
        "--coder" => "input.coder_twice",
        _ => "input.round_twice",
    };
    for (k, (file, value)) in named.iter().enumerate() {
        let given = format!("`{option} {file}={value}`");
        if named[..k].iter().any(|(f, _)| f == file) {
            problems.at(file, None, lang.fill(twice, &[("given", &given)]));
        } else if !paths.contains(file) {
            let inputs: Vec<String> = paths.iter().map(|p| format!("`{p}`")).collect();
            let hint = crate::text::did_you_mean(file, paths.iter().map(String::as_str))
                .map(|p| lang.fill("input.did_you_mean", &[("name", &p)]))
                .unwrap_or_default();
            problems.at(
                file,
                None,
                lang.fill(
                    "input.coder_no_input",
                    &[
                        ("given", &given),
                        ("inputs", &inputs.join(", ")),
                        ("hint", &hint),
                    ],
                ),
            );
        }
    }
}

/// A problem at a line of a REFI-QDA project is at a coding: it is named by its selection
/// (element, GUID, source, characters) instead, and one message at many selections is one
/// problem naming them (the first [`LINES_SHOWN`] unless `verbose`), as lines are for CSV.
/// Line 0 is the project as a whole.
fn in_projects(problems: &mut Problems, sheet: &Sheet, lang: Lang, verbose: bool) {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(problems.0.len());
    // Each grouped problem's place in `out` and its selections, by (file, message).
    let mut groups: Vec<(usize, Vec<&crate::model::loc::Span>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<(String, String), usize> = Default::default();
    for mut d in std::mem::take(&mut problems.0) {
        let file = sheet.files.iter().position(|f| **f == *d.file);
        let loc = file.zip(d.line).map(|(file, line)| Loc {
            file: u32::try_from(file).unwrap_or(u32::MAX),
            line,
        });
        let Some(loc) = loc.filter(|l| sheet.is_project(l.file)) else {
            out.push(d);
            continue;
        };
        d.line = None;
        let Some(span) = sheet.span(loc) else {
            out.push(d);
            continue;
        };
        let key = (d.file.clone(), d.message.clone());
        match index.get(&key) {
            Some(&g) => {
                let spans = &mut groups[g].1;
                if !spans.iter().any(|s| s.guid == span.guid) {
                    spans.push(span);
                }
            }
            None => {
                index.insert(key, groups.len());
                groups.push((out.len(), vec![span]));
                out.push(d);
            }
        }
    }
    for (i, spans) in groups {
        let shown = if verbose { spans.len() } else { LINES_SHOWN };
        let mut at: Vec<String> = spans
            .iter()
            .take(shown)
            .map(|span| {
                lang.fill(
                    "input.qdpx.selection",
                    &[
                        ("element", &span.element),
                        ("guid", &span.guid),
                        ("source", &span.source),
                        ("start", &span.start),
                        ("end", &span.end),
                    ],
                )
            })
            .collect();
        let more = spans.len().saturating_sub(shown);
        if more > 0 {
            at.push(lang.count("input.qdpx.more_selections", more, &[]));
        }
        out[i].message = format!("{}: {}", at.join("; "), out[i].message);
    }
    problems.0 = out;
}

/// Reads every input into `sheet`. All problems of all files are returned together.
pub fn read_all(
    paths: &[String],
    rubric: &Rubric,
    options: &ReadOptions,
    sheet: &mut Sheet,
) -> Result<ReadOutcome, InputErrors> {
    let mut problems = Problems::default();
    let mut outcome = ReadOutcome::default();
    sheet.set_lang(options.lang);
    let register = options
        .register
        .as_deref()
        .map(|path| register::Register::read(path, options.delimiter, &mut problems, options.lang));
    check_named_files(
        paths,
        "--coder",
        &options.coders,
        &mut problems,
        options.lang,
    );
    check_named_files(
        paths,
        "--round",
        &options.rounds,
        &mut problems,
        options.lang,
    );
    let mut coded = coded::CodedSheet::new(rubric, options);
    let mut coded_files = 0;
    for path in paths {
        let named = options
            .coders
            .iter()
            .find(|(file, _)| file == path)
            .map(|(_, coder)| coder.as_str());
        let file_round = options
            .rounds
            .iter()
            .find(|(file, _)| file == path)
            .map(|(_, round)| round.as_str());
        let name = if path == "-" {
            "<stdin>"
        } else {
            path.as_str()
        };
        let file = sheet.add_file(name);
        // A REFI-QDA project becomes a table of coded-segment rows, one per coding.
        let mut project = None;
        let opened = if path != "-" && qdpx::is_project(path) {
            let settings = qdpx::Settings {
                keep_text: options.keep_text,
                register: register.is_some(),
                lang: options.lang,
                limits: qdpx::Limits::DEFAULT,
            };
            match qdpx::read_file(path, settings) {
                Ok(mut p) => {
                    let table = Table::from_project(&mut p, options.lang);
                    sheet.set_spans(file, std::mem::take(&mut p.spans));
                    outcome.notes.extend(p.notes.iter().map(|n| {
                        Message::new("read.of_file")
                            .text_arg("file", name)
                            .with("message", Arg::Message(Box::new(n.clone())))
                    }));
                    project = Some(p.report);
                    Ok(table)
                }
                Err(errors) => {
                    for e in errors {
                        problems.at(name, None, e);
                    }
                    continue;
                }
            }
        } else {
            Table::open(
                path,
                options.delimiter,
                options.sheet.as_deref(),
                options.lang,
            )
        };
        let mut table = match opened {
            Ok(t) => t,
            Err((line, message)) => {
                problems.at(name, line, message);
                continue;
            }
        };
        // A project's rows have the generic layout's columns, whatever `--from` says of CSV.
        let from = if project.is_some() {
            None
        } else {
            options.from
        };
        let layout = match layout(&table.headers, rubric, from, options.lang) {
            Ok(l) => l,
            Err(errors) => {
                let seen = table.seen();
                for e in errors {
                    problems.at(name, Some(table.header_line), format!("{e} ({seen})"));
                }
                continue;
            }
        };
        let mut report = FileReport {
            file: name.to_string(),
            encoding: table.dialect.encoding,
            delimiter: match table.dialect.delimiter {
                b'\t' => "tab".into(),
                d => (d as char).to_string(),
            },
            shape: match &layout {
                Layout::Scores(columns) => Message::new(columns.shape_said()),
                Layout::Coded(_) if project.is_some() => Message::new("input.qdpx.shape"),
                Layout::Coded(columns) => columns.from.said(),
            },
            rows: 0,
            used: 0,
            rejected: 0,
            blank: 0,
            ignored_columns: Vec::new(),
            read_as: table.dialect.said(),
            project: None,
        };
        if project.is_some() {
            report.delimiter = String::new();
        }
        match layout {
            Layout::Scores(columns) if named.is_some() => {
                problems.at(
                    name,
                    Some(table.header_line),
                    options.lang.fill(
                        "input.coder_scores",
                        &[(
                            "shape",
                            &options
                                .lang
                                .text(&format!("input.shape.{}", columns.shape_key())),
                        )],
                    ),
                );
                continue;
            }
            Layout::Coded(columns) if named.is_some() && columns.coder.is_some() => {
                let column = columns.coder.map_or("", |i| table.headers[i].as_str());
                let message = match project {
                    Some(_) => options.lang.text("input.qdpx.coder_own").to_string(),
                    None => options.lang.fill("input.coder_own", &[("column", &column)]),
                };
                problems.at(name, Some(table.header_line), message);
                continue;
            }
            Layout::Coded(qda::CodedColumns { round: Some(_), .. })
                if file_round.is_some() && project.is_some() =>
            {
                let message = options.lang.text("input.qdpx.round_own");
                problems.at(name, None, message);
                continue;
            }
            Layout::Scores(header::Columns { round: Some(i), .. })
            | Layout::Coded(qda::CodedColumns { round: Some(i), .. })
                if file_round.is_some() =>
            {
                let column = table.headers[i].as_str();
                problems.at(
                    name,
                    Some(table.header_line),
                    format!(
                        "`--round` gives this file's round, but it has its own round column \
                         `{column}`: leave `--round` out for it"
                    ),
                );
                continue;
            }
            Layout::Scores(columns) => {
                let mut typed = match &columns.shape {
                    header::Shape::Worksheet { kept, .. } => {
                        sheet.mark_restating(file);
                        Some(WorksheetText {
                            file: name.to_string(),
                            header: table.headers.clone(),
                            columns: kept.iter().map(|(_, h)| h.clone()).collect(),
                            rows: Vec::new(),
                        })
                    }
                    _ => None,
                };
                report.ignored_columns = columns.ignored.clone();
                for col in &columns.ignored {
                    match unused_column(name, col, rubric) {
                        Unused::Note(n) => outcome.notes.push(n),
                        Unused::Warning(w) => outcome.warnings.push(w),
                    }
                }
                let lookahead = scores::lookahead(&columns, rubric, &table.dialect);
                let mut rows = scores::ScoreRows::new(
                    &columns,
                    rubric,
                    sheet,
                    typed.as_mut(),
                    file_round,
                    options.lang,
                );
                table.read_rows(file, name, &mut rows, lookahead, &mut report, &mut problems);
                outcome.worksheets.extend(typed);
            }
            Layout::Coded(columns) => {
                coded_files += 1;
                if columns.municipality.is_none() && register.is_none() {
                    problems.at(
                        name,
                        Some(table.header_line),
                        options.lang.fill(
                            "read.no_municipality",
                            &[("preset", &columns.from.said().text(options.lang))],
                        ),
                    );
                    continue;
                }
                let mut rows = coded.rows(&columns, register.as_ref(), named, file_round);
                let lookahead = rows::Lookahead::default();
                table.read_rows(file, name, &mut rows, lookahead, &mut report, &mut problems);
                if let Some(p) = project.take() {
                    report.project = Some(p);
                }
            }
        }
        outcome.files.push(report);
    }
    if let Some(register) = &register {
        if coded_files == 0 {
            outcome
                .warnings
                .push(Message::new("read.register_unused").text_arg("file", &register.file));
        } else {
            coded.check_register(register, sheet, &mut problems);
        }
    }
    coded.check_coders(sheet, &mut problems);
    coded.finish(rubric, sheet, &mut outcome, &mut problems);
    outcome.warnings.extend(sheet.settle_spellings());
    no_data(
        &outcome.files,
        &mut outcome.warnings,
        &mut problems,
        options.lang,
    );
    in_projects(&mut problems, sheet, options.lang, options.verbose);
    sheet.seal();
    if problems.0.is_empty() {
        Ok(outcome)
    } else {
        Err(InputErrors {
            diagnostics: problems.0,
            verbose: options.verbose,
            lang: options.lang,
        })
    }
}
