//! The interview register: which municipality (and round, respondent role) each interview belongs
//! to, for coded-segment exports that name only the transcript (Taguette, Dedoose, QualCoder…).
//!
//! Columns `interview, municipality` (Swedish `intervju, kommun`), optional `round`/`omgång`,
//! `role`/`roll`, `date`/`datum` (kept for the analysts' records; not used in scoring).

use super::{Problems, RowOutcome, Rows, Table};
use crate::engine::store::Loc;
use crate::lang::Lang;
use crate::model::Message;
use crate::text::fold;
use std::collections::HashMap;

/// One interview of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The interview's id as the register spells it.
    pub interview: String,
    pub municipality: String,
    pub round: Option<String>,
    pub role: Option<String>,
    pub line: u64,
}

/// The register read from a file.
#[derive(Debug, Default)]
pub struct Register {
    pub file: String,
    /// By the interview's folded id ([`crate::text::key_fold`]): `I1` and `i1` are one.
    pub entries: HashMap<String, Entry>,
}

impl Register {
    /// Reads a register; problems (bad header, duplicate or incomplete rows) go to `problems`.
    pub(crate) fn read(
        path: &str,
        delimiter: Option<u8>,
        problems: &mut Problems,
        lang: Lang,
    ) -> Register {
        let name = if path == "-" { "<stdin>" } else { path };
        let mut register = Register {
            file: name.to_string(),
            entries: HashMap::new(),
        };
        let mut table = match Table::open(path, delimiter, None, lang) {
            Ok(t) => t,
            Err((line, message)) => {
                let message = lang.fill("input.register.error", &[("message", &message)]);
                problems.at(name, line, message);
                return register;
            }
        };
        let find = |names: &[&str]| {
            table
                .headers
                .iter()
                .position(|h| names.contains(&fold(h).as_str()))
        };
        let columns = RegisterColumns {
            interview: find(&["interview", "intervju"]),
            municipality: find(&["municipality", "kommun"]),
            round: find(&["round", "omgång"]),
            role: find(&["role", "roll"]),
        };
        let (Some(interview), Some(municipality)) = (columns.interview, columns.municipality)
        else {
            problems.at(
                name,
                Some(table.header_line),
                lang.fill("input.register.columns", &[("seen", &table.seen())]),
            );
            return register;
        };
        let mut report = super::FileReport {
            file: name.to_string(),
            encoding: table.dialect.encoding,
            delimiter: String::new(),
            shape: Message::new("read.shape.register"),
            rows: 0,
            used: 0,
            rejected: 0,
            blank: 0,
            ignored_columns: Vec::new(),
            read_as: table.dialect.said(),
            project: None,
        };
        let mut rows = RegisterRows {
            interview,
            municipality,
            round: columns.round,
            role: columns.role,
            register: &mut register,
            lang,
        };
        let lookahead = super::rows::Lookahead::default();
        table.read_rows(0, name, &mut rows, lookahead, &mut report, problems);
        register
    }

    pub fn get(&self, interview: &str) -> Option<&Entry> {
        self.entries.get(&crate::text::key_fold(interview))
    }
}

struct RegisterColumns {
    interview: Option<usize>,
    municipality: Option<usize>,
    round: Option<usize>,
    role: Option<usize>,
}

struct RegisterRows<'a> {
    interview: usize,
    municipality: usize,
    round: Option<usize>,
    role: Option<usize>,
    register: &'a mut Register,
    /// The language of the errors.
    lang: Lang,
}

impl Rows for RegisterRows<'_> {
    fn row(&mut self, fields: &super::rows::Fields, loc: Loc, _: super::rows::Ahead) -> RowOutcome {
        let text = |i: usize| fields[i].trim();
        let optional = |i: Option<usize>| i.map(text).filter(|s| !s.is_empty()).map(str::to_string);
        let interview = text(self.interview);
        let municipality = text(self.municipality);
        let lang = self.lang;
        let mut errors = Vec::new();
        if interview.is_empty() {
            errors.push(super::missing("interview", lang));
        }
        if municipality.is_empty() {
            errors.push(super::missing("municipality", lang));
        }
        let (round, role) = (optional(self.round), optional(self.role));
        super::check_key_lengths(
            [
                ("interview", Some(interview)),
                ("municipality", Some(municipality)),
                ("round", round.as_deref()),
                ("role", role.as_deref()),
            ],
            &mut errors,
            lang,
        );
        let key = crate::text::key_fold(interview);
        if let Some(earlier) = self.register.entries.get(&key) {
            errors.push(lang.fill(
                "input.register.twice",
                &[
                    ("interview", &interview as &dyn std::fmt::Display),
                    ("line", &earlier.line),
                ],
            ));
        }
        if !errors.is_empty() {
            return RowOutcome::Rejected(errors);
        }
        self.register.entries.insert(
            key,
            Entry {
                interview: interview.to_string(),
                municipality: municipality.to_string(),
                round,
                role,
                line: loc.line,
            },
        );
        RowOutcome::Used
    }
}
