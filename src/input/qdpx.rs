//! REFI-QDA projects (`.qdpx`): the exchange format NVivo, ATLAS.ti, MAXQDA, QualCoder and others
//! write (REFI-QDA Standard 1.5, `Project.xsd`, namespace `urn:QDA-XML:project:1.0`).
//!
//! A project is a zip archive holding `project.qde` (XML: users, the code book, variables, cases
//! and sources with their coded selections) and the sources' texts (`sources/<guid>.txt`, named
//! `internal://<guid>.txt` in the XML). Each coding of a text selection becomes one row of the
//! generic coded-segments layout (`municipality, interview, coder, code, segment, round, role`),
//! which [`super::coded`] reads as it reads a coded CSV export: the same rule, partial credit,
//! contradictions and evidence. A row's line is the coding's number; [`Project::spans`] says
//! which source and characters each number is.
//!
//! What is taken from where:
//! - the code: the code book's `Code` names, a nested code as its path (`Readiness > A > A4`),
//!   whose last part names the anchor as a QDA tool's path does in a CSV export;
//! - the coder: the `Coding`'s `creatingUser` (else its selection's), as the `User`'s name;
//! - the interview: the source's name, or a variable `intervju`/`interview`;
//! - municipality, round, role: a variable `kommun`/`municipality`, `omgång`/`round`,
//!   `roll`/`role` of the source itself, else of a case the source is in; without one, the
//!   interview register (`--interviews`) by the source's name.
//!
//! The archive is never extracted to disk: entries are read into memory, each through `take`, so
//! a header that lies about its size cannot unpack more than [`MAX_PROJECT_BYTES`] for
//! `project.qde` and [`MAX_TOTAL_BYTES`] in all; more than [`MAX_ENTRIES`] entries, or an entry
//! named like a path out of the archive (`../x`, `/etc/x`, `..\x`), is refused.

use crate::lang::Lang;
use crate::model::accounting::ProjectReport;
use crate::model::loc::Span;
use crate::model::message::Message;
use crate::text::fold;
use roxmltree::{Document, Node, ParsingOptions};
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Display;
use std::io::{Read, Seek};

/// The most entries a project's archive may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most `project.qde` may unpack to.
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;
/// The most all entries read may unpack to together.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// The most XML nodes `project.qde` may have (about 40 bytes each at the least).
const MAX_NODES: u32 = 20_000_000;

/// The namespace of `Project.xsd`; tools have written other versions after the last colon
/// (QualCoder's importer has met `0.4`), which are read too.
const NAMESPACE: &str = "urn:QDA-XML:project:";
const PROJECT_ENTRY: &str = "project.qde";

/// The name of the project's XML among the archive's entries: `project.qde`, else the one
/// `.qde` at the archive's root (some tools name it after the project).
fn project_entry<'n>(mut names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let mut qde = None;
    let mut others = 0;
    for name in names.by_ref() {
        if name == PROJECT_ENTRY {
            return Some(name);
        }
        if !name.contains(['/', '\\']) && name.to_lowercase().ends_with(".qde") {
            qde = Some(name);
            others += 1;
        }
    }
    qde.filter(|_| others == 1)
}

/// The columns of the rows a project becomes, as the generic coded-segments layout names them.
const MUNICIPALITY: &str = "municipality";
const INTERVIEW: &str = "interview";
const CODER: &str = "coder";
const CODE: &str = "code";
const SEGMENT: &str = "segment";
const ROUND: &str = "round";
const ROLE: &str = "role";

/// How much of an archive is read at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub entries: usize,
    /// For `project.qde`, and for each source text.
    pub entry_bytes: u64,
    pub total_bytes: u64,
}

impl Limits {
    /// The limits every command reads with: [`MAX_ENTRIES`], [`MAX_PROJECT_BYTES`],
    /// [`MAX_TOTAL_BYTES`].
    pub const DEFAULT: Limits = Limits {
        entries: MAX_ENTRIES,
        entry_bytes: MAX_PROJECT_BYTES,
        total_bytes: MAX_TOTAL_BYTES,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// How to read a project.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Keep each selection's text (`--show-text`).
    pub keep_text: bool,
    /// Whether an interview register was given: a source without a municipality is then looked
    /// up in it.
    pub register: bool,
    pub lang: Lang,
    /// [`Limits::DEFAULT`] but in tests.
    pub limits: Limits,
}

/// A project read: its codings as coded-segment rows, and where each is.
#[derive(Debug, Default)]
pub struct Project {
    pub headers: Vec<String>,
    /// One row per coding of a text selection, numbered from 1.
    pub rows: Vec<(u64, Vec<String>)>,
    /// The selection of row `n` at `n - 1`.
    pub spans: Vec<Span>,
    pub report: ProjectReport,
    /// What was read but not used, said once (codings of pictures or audio, external texts).
    pub notes: Vec<Message>,
}

/// Whether `path` names a REFI-QDA project: a file named `.qdpx`, or a zip archive holding
/// `project.qde` (recognised from its content, as spreadsheets are).
pub fn is_project(path: &str) -> bool {
    if path.to_lowercase().ends_with(".qdpx") {
        return true;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut magic = [0u8; 4];
    if file.read_exact(&mut magic).is_err() || &magic != b"PK\x03\x04" || file.rewind().is_err() {
        return false;
    }
    holds_project(file)
}

/// Whether the zip archive `reader` holds `project.qde`.
pub fn holds_project(reader: impl Read + Seek) -> bool {
    zip::ZipArchive::new(reader).is_ok_and(|archive| {
        let names: Vec<_> = archive.file_names().filter_map(Result::ok).collect();
        project_entry(names.iter().map(|n| n.as_ref())).is_some()
    })
}

/// Reads the project at `path`. Errors are whole messages in `settings.lang`, each naming the
/// element (and its GUID) or the archive entry at fault; all are found before returning.
pub fn read_file(path: &str, settings: Settings) -> Result<Project, Vec<String>> {
    let lang = settings.lang;
    let file = std::fs::File::open(path)
        .map_err(|e| vec![lang.fill("input.could_not_read", &[("error", &e)])])?;
    read(file, settings)
}

/// Reads a project from the zip archive `reader`.
pub fn read(reader: impl Read + Seek, settings: Settings) -> Result<Project, Vec<String>> {
    let lang = settings.lang;
    let mut archive = Archive::open(reader, settings.limits, lang).map_err(|e| vec![e])?;
    let names: Vec<String> = archive
        .zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let Some(entry) = project_entry(names.iter().map(String::as_str)) else {
        return Err(vec![lang.text("input.qdpx.no_project").to_string()]);
    };
    let qde = archive.read(entry)?.unwrap_or_default();
    let text = utf8(qde, entry, lang).map_err(|e| vec![e])?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&text, options)
        .map_err(|e| vec![lang.fill("input.qdpx.xml", &[("error", &e)])])?;
    let root = doc.root_element();
    let namespace = root.tag_name().namespace();
    if root.tag_name().name() != "Project" || namespace.is_some_and(|ns| !ns.starts_with(NAMESPACE))
    {
        let shown = match namespace {
            Some(ns) => format!("{{{ns}}}{}", root.tag_name().name()),
            None => root.tag_name().name().to_string(),
        };
        return Err(vec![lang.fill("input.qdpx.root", &[("root", &shown)])]);
    }
    let mut reader = Reader {
        doc: &doc,
        lang,
        errors: Vec::new(),
        users: HashMap::default(),
        codes: HashMap::default(),
        variables: HashMap::default(),
    };
    reader.read_project(root, &mut archive, settings)
}

/// A zip archive whose entries are checked before any is read.
struct Archive<R> {
    zip: zip::ZipArchive<R>,
    /// What may still be unpacked, of the limits' total.
    budget: u64,
    limits: Limits,
    lang: Lang,
}

impl<R: Read + Seek> Archive<R> {
    fn open(reader: R, limits: Limits, lang: Lang) -> Result<Archive<R>, String> {
        let zip = zip::ZipArchive::new(reader)
            .map_err(|e| lang.fill("input.qdpx.not_zip", &[("error", &e)]))?;
        if zip.len() > limits.entries {
            return Err(lang.fill(
                "input.qdpx.too_many_entries",
                &[("n", &zip.len()), ("max", &limits.entries)],
            ));
        }
        for name in zip.file_names_raw() {
            let name = String::from_utf8_lossy(name);
            if !safe_name(&name) {
                return Err(lang.fill(
                    "input.qdpx.unsafe_name",
                    &[("name", &crate::text::shown_cell(&name))],
                ));
            }
        }
        Ok(Archive {
            zip,
            budget: limits.total_bytes,
            limits,
            lang,
        })
    }

    /// The entry `name` unpacked (`None` when there is none): at most the limits' bytes for an
    /// entry, and what is left of their total.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Vec<String>> {
        let (lang, limit) = (self.lang, self.limits.entry_bytes);
        // Tools write `sources/` or `Sources/`: a name is found as written, else ignoring case.
        let index = self.zip.index_for_name(name).or_else(|| {
            self.zip
                .file_names()
                .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        });
        let Some(index) = index else {
            return Ok(None);
        };
        let fail = |key: &str, error: &dyn Display| {
            vec![lang.fill(key, &[("name", &name), ("error", error)])]
        };
        let entry = match self.zip.by_index(index) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::UnsupportedArchive(
                zip::result::ZipError::PASSWORD_REQUIRED,
            )) => {
                return Err(fail("input.qdpx.encrypted", &""));
            }
            Err(e) => return Err(fail("input.qdpx.unreadable_entry", &e)),
        };
        if entry.encrypted() {
            return Err(fail("input.qdpx.encrypted", &""));
        }
        let cap = limit.min(self.budget);
        // Never more room than the cap: the size in the header may lie.
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(cap)).unwrap_or(0));
        entry
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail("input.qdpx.unreadable_entry", &e))?;
        let read = bytes.len() as u64;
        if read > cap {
            let max = if cap < limit {
                self.limits.total_bytes
            } else {
                limit
            };
            return Err(vec![lang.fill(
                "input.qdpx.too_large",
                &[("name", &name), ("max", &mebibytes(max))],
            )]);
        }
        self.budget -= read;
        Ok(Some(bytes))
    }
}

fn mebibytes(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

/// Whether an entry's name stays inside the archive: not absolute, no `..` component (with
/// either slash), no drive letter, no NUL.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['/', '\\'])
        && !name.contains(['\0', ':'])
        && !name.split(['/', '\\']).any(|part| part == "..")
}

/// `bytes` as UTF-8 text, a byte-order mark dropped.
fn utf8(bytes: Vec<u8>, name: &str, lang: Lang) -> Result<String, String> {
    let mut text = String::from_utf8(bytes)
        .map_err(|_| lang.fill("input.qdpx.not_utf8", &[("name", &name)]))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// A GUID as compared: without braces, lower case (`{AB-…}` is `ab-…`).
fn guid_key(guid: &str) -> String {
    guid.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// The element children of `node` named `name` (in any namespace: tools differ in prefixes).
fn kids<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn kid<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    kids(node, name).next()
}

/// Which key a variable gives, from its folded name.
/// NVivo prefixes a variable with its classification (`Cases:kommun`): the part after the last
/// colon counts.
fn variable_field(name: &str) -> Option<&'static str> {
    let name = name.rsplit(':').next().unwrap_or(name);
    match fold(name).as_str() {
        "kommun" | "municipality" => Some(MUNICIPALITY),
        "omgång" | "round" => Some(ROUND),
        "roll" | "role" => Some(ROLE),
        "intervju" | "interview" => Some(INTERVIEW),
        _ => None,
    }
}

/// The keys a source or case gives through its variables: (field, value, variable name).
type Values = Vec<(&'static str, String, String)>;

/// A case: its name and GUID, and the keys its variables give.
struct Case {
    name: String,
    values: Values,
}

/// A text selection read, before its source's keys are known.
struct Selection<'a, 'i> {
    node: Node<'a, 'i>,
    element: &'static str,
    guid: String,
    start: u64,
    end: u64,
    user: Option<String>,
}

/// The plain text of a source, when the project has it.
enum Text {
    Known(Known),
    /// The text is outside the project (`plainTextPath` not `internal://`).
    External,
}

/// A source's text, with the byte offset of every [`Known::STRIDE`]th character: a selection is
/// found from the one before it, not by walking the text from its start (a transcript of
/// 100 000 characters with 1 000 selections would be walked 1 000 times).
struct Known {
    text: String,
    chars: u64,
    marks: Vec<usize>,
}

impl Known {
    const STRIDE: usize = 256;

    fn new(text: String) -> Known {
        let mut marks = Vec::new();
        let mut chars = 0u64;
        for (n, (i, _)) in text.char_indices().enumerate() {
            if n % Self::STRIDE == 0 {
                marks.push(i);
            }
            chars += 1;
        }
        Known { text, chars, marks }
    }
}

impl Text {
    fn known(text: String) -> Text {
        Text::Known(Known::new(text))
    }

    fn chars(&self) -> Option<u64> {
        match self {
            Text::Known(k) => Some(k.chars),
            Text::External => None,
        }
    }

    /// Characters `start..end` of the text.
    fn slice(&self, start: u64, end: u64) -> Option<String> {
        let Text::Known(known) = self else {
            return None;
        };
        let start = usize::try_from(start).ok()?;
        let len = usize::try_from(end).ok()?.checked_sub(start)?;
        let mark = *known.marks.get(start / Known::STRIDE)?;
        let rest = known.text.get(mark..)?;
        Some(rest.chars().skip(start % Known::STRIDE).take(len).collect())
    }
}

/// One source with text selections.
struct TextSource<'a, 'i> {
    node: Node<'a, 'i>,
    guid: String,
    name: String,
    values: Values,
    text: Option<Text>,
    selections: Vec<Selection<'a, 'i>>,
}

struct Reader<'a, 'i> {
    doc: &'a Document<'i>,
    lang: Lang,
    errors: Vec<String>,
    /// By GUID key: the user's name.
    users: HashMap<String, String>,
    /// By GUID key: the code's path.
    codes: HashMap<String, String>,
    /// By GUID key: the variable's name.
    variables: HashMap<String, String>,
}

impl<'a, 'i> Reader<'a, 'i> {
    /// `project.qde line 12: `PlainTextSelection` `4f…`: message`.
    fn error(&mut self, node: Node<'_, '_>, message: String) {
        let line = self.doc.text_pos_at(node.range().start).row;
        let guid = node
            .attribute("guid")
            .map(|g| format!(" `{}`", crate::text::shown_cell(g)))
            .unwrap_or_default();
        self.errors.push(self.lang.fill(
            "input.qdpx.at",
            &[
                ("line", &line),
                ("element", &node.tag_name().name()),
                ("guid", &guid),
                ("message", &message),
            ],
        ));
    }

    /// The attribute `name` of `node`, or an error naming it.
    fn required(&mut self, node: Node<'a, 'i>, name: &str) -> Option<&'a str> {
        let value = node
            .attribute(name)
            .map(str::trim)
            .filter(|v| !v.is_empty());
        if value.is_none() {
            let message = self
                .lang
                .fill("input.qdpx.missing_attribute", &[("attribute", &name)]);
            self.error(node, message);
        }
        value
    }

    /// The whole number ≥ 0 in attribute `name`, or an error naming it.
    fn position(&mut self, node: Node<'a, 'i>, name: &str) -> Option<u64> {
        let value = self.required(node, name)?;
        let n = value.parse::<u64>().ok();
        if n.is_none() {
            let message = self.lang.fill(
                "input.qdpx.not_position",
                &[
                    ("attribute", &name),
                    ("value", &crate::text::shown_cell(value)),
                ],
            );
            self.error(node, message);
        }
        n
    }

    /// Registers `node`'s GUID in `seen`; a second element with it is an error.
    fn guid(
        &mut self,
        node: Node<'a, 'i>,
        seen: &mut HashMap<String, Node<'a, 'i>>,
    ) -> Option<String> {
        let key = guid_key(self.required(node, "guid")?);
        if let Some(first) = seen.get(&key) {
            let line = self.doc.text_pos_at(first.range().start).row;
            let message = self
                .lang
                .fill("input.qdpx.duplicate_guid", &[("line", &line)]);
            self.error(node, message);
            return None;
        }
        seen.insert(key.clone(), node);
        Some(key)
    }

    fn read_project(
        &mut self,
        root: Node<'a, 'i>,
        archive: &mut Archive<impl Read + Seek>,
        settings: Settings,
    ) -> Result<Project, Vec<String>> {
        self.read_users(root);
        self.read_codes(root);
        self.read_variables(root);
        let mut report = ProjectReport::default();
        let mut sources = Vec::new();
        let mut source_guids = HashMap::default();
        let mut selection_guids = HashMap::default();
        if let Some(list) = kid(root, "Sources") {
            for source in list.children().filter(Node::is_element) {
                report.sources += 1;
                let Some(guid) = self.guid(source, &mut source_guids) else {
                    continue;
                };
                self.read_source(
                    source,
                    guid,
                    &mut sources,
                    &mut selection_guids,
                    &mut report,
                );
            }
        }
        let cases = self.read_cases(root, &source_guids);
        if !self.errors.is_empty() {
            return Err(std::mem::take(&mut self.errors));
        }
        let mut project = Project {
            report,
            ..Project::default()
        };
        // The texts, once the XML is known to be sound: their positions are checked against
        // them, and with --show-text they give the segments.
        for source in &mut sources {
            self.load_text(source, archive, &mut project.notes)?;
        }
        self.rows(&sources, &cases, settings, &mut project);
        if !self.errors.is_empty() {
            return Err(std::mem::take(&mut self.errors));
        }
        if project.report.ignored_codings > 0 {
            project.notes.push(Message::counted(
                "input.qdpx.ignored",
                project.report.ignored_codings as usize,
            ));
        }
        Ok(project)
    }

    fn read_users(&mut self, root: Node<'a, 'i>) {
        let mut seen = HashMap::default();
        for user in kid(root, "Users").into_iter().flat_map(|u| kids(u, "User")) {
            let Some(guid) = self.guid(user, &mut seen) else {
                continue;
            };
            // A user's name is optional in the schema: its id, else its GUID, names it then.
            let name = ["name", "id", "guid"]
                .iter()
                .find_map(|a| user.attribute(*a).map(str::trim).filter(|n| !n.is_empty()))
                .unwrap_or_default();
            self.users.insert(guid, name.to_string());
        }
    }

    fn read_codes(&mut self, root: Node<'a, 'i>) {
        let mut seen = HashMap::default();
        let mut stack: Vec<(Node<'a, 'i>, String)> = kid(root, "CodeBook")
            .and_then(|b| kid(b, "Codes"))
            .into_iter()
            .flat_map(|codes| kids(codes, "Code"))
            .map(|c| (c, String::new()))
            .collect();
        stack.reverse();
        while let Some((code, parent)) = stack.pop() {
            let guid = self.guid(code, &mut seen);
            let Some(name) = self.required(code, "name") else {
                continue;
            };
            let path = if parent.is_empty() {
                name.to_string()
            } else {
                format!("{parent} > {name}")
            };
            let children: Vec<_> = kids(code, "Code").map(|c| (c, path.clone())).collect();
            stack.extend(children.into_iter().rev());
            if let Some(guid) = guid {
                self.codes.insert(guid, path);
            }
        }
    }

    fn read_variables(&mut self, root: Node<'a, 'i>) {
        let mut seen = HashMap::default();
        for variable in kid(root, "Variables")
            .into_iter()
            .flat_map(|v| kids(v, "Variable"))
        {
            let guid = self.guid(variable, &mut seen);
            if let (Some(guid), Some(name)) = (guid, self.required(variable, "name")) {
                self.variables.insert(guid, name.to_string());
            }
        }
    }

    /// The keys `node`'s `VariableValue`s give.
    fn values(&mut self, node: Node<'a, 'i>) -> Values {
        let mut values = Values::new();
        for value in kids(node, "VariableValue") {
            let Some(reference) = kid(value, "VariableRef") else {
                let message = self
                    .lang
                    .fill("input.qdpx.missing_child", &[("child", &"VariableRef")]);
                self.error(value, message);
                continue;
            };
            let Some(target) = self.required(reference, "targetGUID") else {
                continue;
            };
            let Some(name) = self.variables.get(&guid_key(target)).cloned() else {
                let message = self.lang.fill(
                    "input.qdpx.no_variable",
                    &[("target", &crate::text::shown_cell(target))],
                );
                self.error(reference, message);
                continue;
            };
            let Some(field) = variable_field(&name) else {
                continue;
            };
            let text = value
                .children()
                .filter(|c| c.is_element() && c.tag_name().name().ends_with("Value"))
                .find_map(|c| c.text())
                .map(str::trim)
                .unwrap_or_default();
            if !text.is_empty() {
                values.push((field, text.to_string(), name));
            }
        }
        values
    }

    fn read_source(
        &mut self,
        source: Node<'a, 'i>,
        guid: String,
        sources: &mut Vec<TextSource<'a, 'i>>,
        selection_guids: &mut HashMap<String, Node<'a, 'i>>,
        report: &mut ProjectReport,
    ) {
        let name = source
            .attribute("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&guid)
            .to_string();
        let values = self.values(source);
        // Codings of the whole source, and of selections that are not text, are not read.
        let codings = |n: Node<'_, '_>| kids(n, "Coding").count() as u64;
        report.ignored_codings += codings(source);
        for kind in [
            "PictureSelection",
            "PDFSelection",
            "AudioSelection",
            "VideoSelection",
        ] {
            report.ignored_codings += kids(source, kind).map(codings).sum::<u64>();
        }
        // The texts whose selections are read: the source itself, a PDF's text representation,
        // an audio or video source's transcripts.
        let texts: Vec<Node<'a, 'i>> = match source.tag_name().name() {
            "TextSource" => vec![source],
            "PDFSource" => kids(source, "Representation").collect(),
            "AudioSource" | "VideoSource" => kids(source, "Transcript").collect(),
            _ => Vec::new(),
        };
        for text in texts {
            let mut selections = Vec::new();
            for selection in kids(text, "PlainTextSelection") {
                let start = self.position(selection, "startPosition");
                let end = self.position(selection, "endPosition");
                if let Some(s) = self.selection(selection, start, end, selection_guids) {
                    selections.push(s);
                }
            }
            self.transcript_selections(text, selection_guids, &mut selections);
            if selections.is_empty() {
                continue;
            }
            report.text_sources += 1;
            let mut values = values.clone();
            if text != source {
                values.extend(self.values(text));
            }
            sources.push(TextSource {
                node: text,
                guid: guid.clone(),
                name: name.clone(),
                values,
                text: None,
                selections,
            });
        }
    }

    /// A transcript's selections, positioned by its sync points.
    fn transcript_selections(
        &mut self,
        transcript: Node<'a, 'i>,
        selection_guids: &mut HashMap<String, Node<'a, 'i>>,
        selections: &mut Vec<Selection<'a, 'i>>,
    ) {
        let mut points: HashMap<String, Option<u64>> = HashMap::default();
        for point in kids(transcript, "SyncPoint") {
            if let Some(guid) = point.attribute("guid") {
                let position = point.attribute("position").and_then(|p| p.parse().ok());
                points.insert(guid_key(guid), position);
            }
        }
        for selection in kids(transcript, "TranscriptSelection") {
            let mut at = |attribute: &str| {
                let target = self.required(selection, attribute)?;
                let position = points.get(&guid_key(target)).copied().flatten();
                if position.is_none() {
                    let message = self.lang.fill(
                        "input.qdpx.no_sync_point",
                        &[
                            ("attribute", &attribute),
                            ("target", &crate::text::shown_cell(target)),
                        ],
                    );
                    self.error(selection, message);
                }
                position
            };
            let start = at("fromSyncPoint");
            let end = at("toSyncPoint");
            if let Some(s) = self.selection(selection, start, end, selection_guids) {
                selections.push(s);
            }
        }
    }

    /// A text selection from `start` to `end`, its codings checked.
    fn selection(
        &mut self,
        node: Node<'a, 'i>,
        start: Option<u64>,
        end: Option<u64>,
        seen: &mut HashMap<String, Node<'a, 'i>>,
    ) -> Option<Selection<'a, 'i>> {
        let guid = self.guid(node, seen);
        let user = self.user(node);
        for coding in kids(node, "Coding") {
            self.user(coding);
            match kid(coding, "CodeRef") {
                Some(reference) => {
                    if let Some(target) = self.required(reference, "targetGUID")
                        && !self.codes.contains_key(&guid_key(target))
                    {
                        let message = self.lang.fill(
                            "input.qdpx.no_code",
                            &[("target", &crate::text::shown_cell(target))],
                        );
                        self.error(reference, message);
                    }
                }
                None => {
                    let message = self
                        .lang
                        .fill("input.qdpx.missing_child", &[("child", &"CodeRef")]);
                    self.error(coding, message);
                }
            }
        }
        // Without a GUID (or with another's) it is an error already: not read further.
        let (start, end, _) = (start?, end?, guid?);
        if start > end {
            let message = self
                .lang
                .fill("input.qdpx.reversed", &[("start", &start), ("end", &end)]);
            self.error(node, message);
            return None;
        }
        Some(Selection {
            node,
            element: match node.tag_name().name() {
                "TranscriptSelection" => "TranscriptSelection",
                _ => "PlainTextSelection",
            },
            guid: node
                .attribute("guid")
                .unwrap_or_default()
                .trim()
                .to_string(),
            start,
            end,
            user,
        })
    }

    /// The name of `node`'s `creatingUser`, checked against the project's users.
    fn user(&mut self, node: Node<'a, 'i>) -> Option<String> {
        let target = node.attribute("creatingUser")?.trim();
        if target.is_empty() {
            return None;
        }
        let name = self.users.get(&guid_key(target)).cloned();
        if name.is_none() {
            let message = self.lang.fill(
                "input.qdpx.no_user",
                &[("target", &crate::text::shown_cell(target))],
            );
            self.error(node, message);
        }
        name
    }

    /// Every case: its name and the keys its variables give, by the GUIDs of its sources.
    fn read_cases(
        &mut self,
        root: Node<'a, 'i>,
        sources: &HashMap<String, Node<'a, 'i>>,
    ) -> HashMap<String, Vec<Case>> {
        let mut seen = HashMap::default();
        let mut by_source: HashMap<String, Vec<Case>> = HashMap::default();
        for case in kid(root, "Cases").into_iter().flat_map(|c| kids(c, "Case")) {
            let Some(guid) = self.guid(case, &mut seen) else {
                continue;
            };
            let name = case
                .attribute("name")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map_or(guid, str::to_string);
            let values = self.values(case);
            for reference in kids(case, "SourceRef") {
                let Some(target) = self.required(reference, "targetGUID") else {
                    continue;
                };
                let key = guid_key(target);
                if !sources.contains_key(&key) {
                    let message = self.lang.fill(
                        "input.qdpx.no_source",
                        &[("target", &crate::text::shown_cell(target))],
                    );
                    self.error(reference, message);
                    continue;
                }
                by_source.entry(key).or_default().push(Case {
                    name: name.clone(),
                    values: values.clone(),
                });
            }
        }
        by_source
    }

    /// Reads `source`'s plain text (inline, or from the archive) and checks its selections
    /// against it.
    fn load_text(
        &mut self,
        source: &mut TextSource<'a, 'i>,
        archive: &mut Archive<impl Read + Seek>,
        notes: &mut Vec<Message>,
    ) -> Result<(), Vec<String>> {
        let lang = self.lang;
        let node = source.node;
        let text = if let Some(content) = kid(node, "PlainTextContent") {
            Some(Text::known(content.text().unwrap_or_default().to_string()))
        } else if let Some(path) = node.attribute("plainTextPath").map(str::trim) {
            match path.strip_prefix("internal://") {
                Some(file) => {
                    let entry = format!("sources/{file}");
                    match archive.read(&entry)? {
                        Some(bytes) => {
                            Some(Text::known(utf8(bytes, &entry, lang).map_err(|e| vec![e])?))
                        }
                        None => {
                            let message = lang.fill("input.qdpx.no_text", &[("path", &path)]);
                            self.error(node, message);
                            None
                        }
                    }
                }
                None => {
                    notes.push(
                        Message::new("input.qdpx.external")
                            .text_arg("source", &source.name)
                            .text_arg("path", path),
                    );
                    Some(Text::External)
                }
            }
        } else {
            let message = lang.text("input.qdpx.no_plain_text").to_string();
            self.error(node, message);
            None
        };
        if let Some(chars) = text.as_ref().and_then(Text::chars) {
            for selection in &source.selections {
                if selection.end > chars {
                    let message = lang.fill(
                        "input.qdpx.outside",
                        &[
                            ("start", &selection.start),
                            ("end", &selection.end),
                            ("source", &source.name),
                            ("chars", &chars),
                        ],
                    );
                    self.error(selection.node, message);
                }
            }
        }
        source.text = text;
        Ok(())
    }

    /// The rows: one per coding of each text selection, in the project's order.
    fn rows(
        &mut self,
        sources: &[TextSource<'a, 'i>],
        cases: &HashMap<String, Vec<Case>>,
        settings: Settings,
        project: &mut Project,
    ) {
        let lang = self.lang;
        let mut taken = Taken::default();
        let resolved: Vec<[Option<String>; 4]> = sources
            .iter()
            .map(|s| {
                self.keys(
                    s,
                    cases.get(&s.guid).map_or(&[][..], Vec::as_slice),
                    &mut taken,
                )
            })
            .collect();
        let any = |field: usize| resolved.iter().any(|keys| keys[field].is_some());
        let any_user = sources.iter().any(|s| {
            s.selections.iter().any(|sel| {
                sel.user.is_some()
                    || kids(sel.node, "Coding").any(|c| c.attribute("creatingUser").is_some())
            })
        });
        let (has_round, has_role) = (any(1), any(2));
        let mut headers = vec![MUNICIPALITY, INTERVIEW, CODE, SEGMENT];
        if any_user {
            headers.push(CODER);
        }
        if has_round {
            headers.push(ROUND);
        }
        if has_role {
            headers.push(ROLE);
        }
        project.headers = headers.iter().map(|h| h.to_string()).collect();
        for (source, keys) in sources.iter().zip(&resolved) {
            let [municipality, round, role, interview] = keys;
            let coded = source
                .selections
                .iter()
                .any(|s| kids(s.node, "Coding").next().is_some());
            if municipality.is_none() && !settings.register && coded {
                let message = lang.fill("input.qdpx.no_municipality", &[("source", &source.name)]);
                self.error(source.node, message);
                continue;
            }
            let interview = interview.clone().unwrap_or_else(|| source.name.clone());
            for selection in &source.selections {
                project.report.selections += 1;
                let segment = if settings.keep_text {
                    source
                        .text
                        .as_ref()
                        .and_then(|t| t.slice(selection.start, selection.end))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                for coding in kids(selection.node, "Coding") {
                    let code = kid(coding, "CodeRef")
                        .and_then(|r| r.attribute("targetGUID"))
                        .and_then(|t| self.codes.get(&guid_key(t)))
                        .cloned()
                        .unwrap_or_default();
                    let user = coding
                        .attribute("creatingUser")
                        .and_then(|u| self.users.get(&guid_key(u)))
                        .cloned();
                    match (&user, &selection.user) {
                        (Some(_), _) => taken.coder_from_coding += 1,
                        (None, Some(_)) => taken.coder_from_selection += 1,
                        (None, None) => {}
                    }
                    let coder = user.or_else(|| selection.user.clone());
                    let mut row = vec![
                        municipality.clone().unwrap_or_default(),
                        interview.clone(),
                        code,
                        segment.clone(),
                    ];
                    if any_user {
                        row.push(coder.unwrap_or_default());
                    }
                    if has_round {
                        row.push(round.clone().unwrap_or_default());
                    }
                    if has_role {
                        row.push(role.clone().unwrap_or_default());
                    }
                    project.report.codings += 1;
                    project.rows.push((project.report.codings, row));
                    project.spans.push(Span {
                        element: selection.element,
                        guid: selection.guid.as_str().into(),
                        source: source.name.as_str().into(),
                        start: selection.start,
                        end: selection.end,
                    });
                }
            }
        }
        project.report.taken = taken.lines(lang, settings.register, any_user);
    }

    /// A source's municipality, round, role and interview from its own variables, else its
    /// cases'; cases that disagree are an error.
    fn keys(
        &mut self,
        source: &TextSource<'a, 'i>,
        cases: &[Case],
        taken: &mut Taken,
    ) -> [Option<String>; 4] {
        let fields = [MUNICIPALITY, ROUND, ROLE, INTERVIEW];
        let mut keys: [Option<String>; 4] = Default::default();
        for (k, field) in fields.iter().enumerate() {
            let own = source.values.iter().find(|(f, _, _)| f == field);
            if let Some((_, value, variable)) = own {
                keys[k] = Some(value.clone());
                taken.note(field, format!("source:{variable}"));
                continue;
            }
            let mut found: Option<(&str, &str, &str)> = None;
            for case in cases {
                for (f, value, variable) in &case.values {
                    if f != field {
                        continue;
                    }
                    match found {
                        None => found = Some((value, &case.name, variable)),
                        Some((other, other_case, _)) if !crate::text::fold_eq(other, value) => {
                            let message = self.lang.fill(
                                "input.qdpx.cases_disagree",
                                &[
                                    ("source", &source.name),
                                    ("field", &super::field_name(field, self.lang)),
                                    ("a", &other),
                                    ("case_a", &other_case),
                                    ("b", &value),
                                    ("case_b", &case.name),
                                ],
                            );
                            self.error(source.node, message);
                        }
                        Some(_) => {}
                    }
                }
            }
            if let Some((value, _, variable)) = found {
                keys[k] = Some(value.to_string());
                taken.note(field, format!("case:{variable}"));
            } else {
                taken.note(field, String::new());
            }
        }
        keys
    }
}

/// How many sources took each key from where, for `--verbose` and the JSON accounting.
#[derive(Debug, Default)]
struct Taken {
    /// (field, origin) → sources; origin `source:<variable>`, `case:<variable>` or empty.
    origins: Vec<((&'static str, String), u64)>,
    coder_from_coding: u64,
    coder_from_selection: u64,
}

impl Taken {
    fn note(&mut self, field: &'static str, origin: String) {
        match self
            .origins
            .iter_mut()
            .find(|((f, o), _)| *f == field && *o == origin)
        {
            Some((_, n)) => *n += 1,
            None => self.origins.push(((field, origin), 1)),
        }
    }

    fn lines(&self, lang: Lang, register: bool, users: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for field in [MUNICIPALITY, INTERVIEW, ROUND, ROLE] {
            let mut from = Vec::new();
            for ((f, origin), n) in &self.origins {
                if *f != field {
                    continue;
                }
                let n = *n as usize;
                let text = match origin.split_once(':') {
                    Some(("source", variable)) => lang.count(
                        "input.qdpx.from_source_variable",
                        n,
                        &[("variable", &variable)],
                    ),
                    Some((_, variable)) => lang.count(
                        "input.qdpx.from_case_variable",
                        n,
                        &[("variable", &variable)],
                    ),
                    None if field == INTERVIEW => lang.count("input.qdpx.from_source_name", n, &[]),
                    None if register && field == MUNICIPALITY => {
                        lang.count("input.qdpx.from_register", n, &[])
                    }
                    None if register => lang.count("input.qdpx.from_register_column", n, &[]),
                    None => lang.count("input.qdpx.from_nowhere", n, &[]),
                };
                from.push(text);
            }
            if !from.is_empty() {
                lines.push(format!(
                    "{}: {}",
                    super::field_name(field, lang),
                    from.join("; ")
                ));
            }
        }
        let mut coders = Vec::new();
        if self.coder_from_coding > 0 {
            coders.push(lang.count(
                "input.qdpx.coder_from_coding",
                self.coder_from_coding as usize,
                &[],
            ));
        }
        if self.coder_from_selection > 0 {
            coders.push(lang.count(
                "input.qdpx.coder_from_selection",
                self.coder_from_selection as usize,
                &[],
            ));
        }
        if !users {
            coders.push(lang.text("input.qdpx.coder_none").to_string());
        }
        if !coders.is_empty() {
            lines.push(format!(
                "{}: {}",
                super::field_name(CODER, lang),
                coders.join("; ")
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_out_of_the_archive_are_unsafe() {
        for name in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "..\\x",
            "C:\\x",
            "a\0b",
            "",
        ] {
            assert!(!safe_name(name), "{name:?}");
        }
        for name in ["project.qde", "sources/ab-12.txt", "a/b..c/d"] {
            assert!(safe_name(name), "{name}");
        }
    }

    #[test]
    fn guids_compare_without_braces_or_case() {
        assert_eq!(guid_key("{AB-12}"), "ab-12");
        assert_eq!(guid_key(" ab-12 "), "ab-12");
    }

    #[test]
    fn selections_slice_by_characters() {
        let text = Text::known("Ödeshög har".into());
        assert_eq!(text.slice(0, 7).as_deref(), Some("Ödeshög"));
        assert_eq!(text.chars(), Some(11));
        assert_eq!(Text::known("abc".into()).slice(1, 3).as_deref(), Some("bc"));
        assert_eq!(Text::known(String::new()).slice(0, 0), None);
        // Past the first stride: found from its mark.
        let long: String = "å".repeat(300) + "Kinda" + &"ö".repeat(300);
        assert_eq!(Text::known(long).slice(300, 305).as_deref(), Some("Kinda"));
    }

    #[test]
    fn variables_are_recognised_in_both_languages() {
        assert_eq!(variable_field("Kommun"), Some(MUNICIPALITY));
        assert_eq!(variable_field("OMGÅNG"), Some(ROUND));
        assert_eq!(variable_field("role"), Some(ROLE));
        assert_eq!(variable_field("ålder"), None);
        assert_eq!(variable_field("Cases:Kommun"), Some(MUNICIPALITY));
    }

    #[test]
    fn the_project_xml_is_project_qde_or_the_one_qde_at_the_root() {
        let entry = |names: &[&'static str]| project_entry(names.iter().copied());
        assert_eq!(
            entry(&["sources/a.txt", "project.qde"]),
            Some("project.qde")
        );
        assert_eq!(
            entry(&["Intervjuer.qde", "Sources/a.txt"]),
            Some("Intervjuer.qde")
        );
        assert_eq!(entry(&["a.qde", "b.qde"]), None);
        assert_eq!(entry(&["sources/a.qde"]), None);
        assert_eq!(entry(&["readme.txt"]), None);
    }
}
