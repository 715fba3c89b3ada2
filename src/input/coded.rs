//! Coded segments into derived scores.
//!
//! Rows are streamed into a [`CodedSheet`] that keeps, per municipality, round, interview, coder
//! and dimension, only the set of levels coded met / partly met / not met (and the evidence rows
//! when `--detail` asks for them). When all files are read, `CodedSheet::finish` applies the
//! rule of [`crate::domain::coding`] and inserts one derived score per coder into the [`Sheet`], where
//! it goes through the same consensus, aggregation and stage rules as typed-in scores.

use super::qda::{CodedColumns, SINGLE_CODER};
use super::register::Register;
use super::{Problems, ReadOptions, ReadOutcome, RowOutcome, Rows};
use crate::domain::coding::{Anchors, Code, Codings, rule_score, split_codes};
use crate::engine::store::{Evidence, Loc, Observation, ScorerRef, Sheet};
use crate::lang::Lang;
use crate::model::anchor::Kind;
use crate::model::message::{Arg, Message};
use crate::model::number::{Exact, Score};
use crate::names::{Key, Spellings};
use crate::rubric::Rubric;
use crate::text::{fold_eq, natural_cmp, swedish_cmp, trim};
use hashbrown::Equivalent;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// Where a level of a dimension was first coded as met or as not met: 8 bytes, no heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    dim: u8,
    /// The level (at most 63) in the low bits; the top bit set for "not met".
    level_kind: u8,
    file: u16,
    line: u32,
}

impl Mark {
    const NOT_MET: u8 = 0x80;

    fn new(dim: u8, level: u32, kind: Kind, loc: Loc) -> Mark {
        let level = u8::try_from(level).unwrap_or(63).min(63);
        Mark {
            dim,
            level_kind: if kind == Kind::NotMet {
                level | Self::NOT_MET
            } else {
                level
            },
            file: u16::try_from(loc.file).unwrap_or(u16::MAX),
            line: u32::try_from(loc.line).unwrap_or(u32::MAX),
        }
    }

    fn level(&self) -> u32 {
        u32::from(self.level_kind & !Self::NOT_MET)
    }

    fn kind(&self) -> Kind {
        if self.level_kind & Self::NOT_MET != 0 {
            Kind::NotMet
        } else {
            Kind::Met
        }
    }

    fn loc(&self) -> Loc {
        Loc {
            file: u32::from(self.file),
            line: u64::from(self.line),
        }
    }
}

/// Everything one coder coded in one interview.
#[derive(Debug, Clone)]
///
/// Kept small, since a long coded export has one per interview and coder: the levels coded per
/// dimension as bit sets, the first row of each (dimension, level, kind) — enough to point at a
/// contradiction — and every coded segment only with `--detail`.
struct CodedCell {
    role: Option<Box<str>>,
    /// The file of the cell's first row: two coder-less files must not meet in one cell.
    file: u32,
    codings: Box<[Codings]>,
    marks: Vec<Mark>,
    evidence: Vec<(u8, Evidence)>,
    /// The key as first spelt (the cell is found by the names' folded keys).
    spelt: CellKey,
}

/// Which municipality, round, interview and coder a [`CodedCell`] belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CellKey {
    municipality: Box<str>,
    round: Option<Box<str>>,
    interview: Box<str>,
    coder: Box<str>,
}

/// A [`CellKey`] borrowed from a row: looked up without allocating (it hashes the same way).
#[derive(Debug, Clone, Copy, Hash)]
struct CellKeyRef<'a> {
    municipality: &'a str,
    round: Option<&'a str>,
    interview: &'a str,
    coder: &'a str,
}

impl hashbrown::Equivalent<CellKey> for CellKeyRef<'_> {
    fn equivalent(&self, key: &CellKey) -> bool {
        self.municipality == &*key.municipality
            && self.round == key.round.as_deref()
            && self.interview == &*key.interview
            && self.coder == &*key.coder
    }
}

impl From<&CellKeyRef<'_>> for CellKey {
    fn from(k: &CellKeyRef<'_>) -> CellKey {
        CellKey {
            municipality: k.municipality.into(),
            round: k.round.map(Into::into),
            interview: k.interview.into(),
            coder: k.coder.into(),
        }
    }
}

/// Coded segments, accumulated.
#[derive(Debug)]
pub struct CodedSheet {
    anchors: Anchors,
    dimensions: usize,
    keep_evidence: bool,
    keep_text: bool,
    /// Every cell by its folded key ([`crate::text::fold_into`]), in the order first seen.
    cells: Vec<(CellKey, CodedCell)>,
    /// The spellings of the key cells read, and how often each was used.
    spellings: Spellings,
    /// Where each key is in `cells`.
    index: hashbrown::HashTable<usize>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The cell of the last row read: rows come interview by interview and coder by coder, so
    /// most rows find their cell here without hashing.
    last: Option<usize>,
    /// Codes that name no anchor, with their counts.
    other_codes: BTreeMap<String, u64>,
    /// Codes shaped like anchor ids that the rubric lacks: count and first place.
    unknown_codes: BTreeMap<String, (u64, Loc)>,
    /// Interviews named by coded rows: first place.
    seen: hashbrown::HashMap<String, Loc>,
    /// Interviews missing from the register: first place and number of rows.
    unregistered: BTreeMap<String, (Loc, u64)>,
    /// Rows with no code at all: how many, and the first.
    uncoded: Option<(u64, Loc)>,
    /// Two files without a coder column (and no `--coder`) that code the same interviews: by
    /// (earlier file, later file), the first such row of the later one and the cells met.
    unnamed: BTreeMap<(u32, u32), (Loc, Vec<usize>)>,
    /// The language of the errors (of rows and derived scores; the rest are still English).
    lang: Lang,
}

impl CodedSheet {
    pub fn new(rubric: &Rubric, options: &ReadOptions) -> CodedSheet {
        CodedSheet {
            anchors: Anchors::new(rubric),
            dimensions: rubric.dimensions.len(),
            keep_evidence: options.keep_evidence,
            keep_text: options.keep_text,
            cells: Vec::new(),
            spellings: Spellings::default(),
            index: hashbrown::HashTable::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            last: None,
            other_codes: BTreeMap::new(),
            unknown_codes: BTreeMap::new(),
            seen: hashbrown::HashMap::default(),
            unregistered: BTreeMap::new(),
            uncoded: None,
            unnamed: BTreeMap::new(),
            lang: options.lang,
        }
    }

    /// A row consumer for one coded file.
    pub(crate) fn rows<'a>(
        &'a mut self,
        columns: &'a CodedColumns,
        register: Option<&'a Register>,
        coder: Option<&'a str>,
        round: Option<&'a str>,
    ) -> CodedRows<'a> {
        // A new file's first row is never the last one's cell without a look.
        self.last = None;
        CodedRows {
            sheet: self,
            columns,
            register,
            coder,
            round,
        }
    }

    /// Two coder-less files that code one interview would merge two coders into one: an error
    /// that says how to name them.
    pub(crate) fn check_coders(&self, sheet: &Sheet, problems: &mut Problems) {
        let shown = |file: u32| match sheet.files.get(file as usize).map(|f| &**f) {
            Some("<stdin>") => "-",
            Some(name) => name,
            None => "?",
        };
        for ((a, b), (loc, cells)) in &self.unnamed {
            let (a, b) = (shown(*a), shown(*b));
            let interview = cells
                .first()
                .map_or("", |&i| &*self.cells[i].1.spelt.interview);
            let lang = self.lang;
            let more = match cells.len() {
                0 | 1 => String::new(),
                n => lang.fill("input.coded.and_more", &[("n", &(n - 1))]),
            };
            let at = sheet.files.get(loc.file as usize).map_or("?", |f| &**f);
            problems.at(
                at,
                Some(loc.line),
                lang.fill(
                    "input.coded.unnamed",
                    &[
                        ("a", &a),
                        ("b", &b),
                        ("interview", &interview),
                        ("more", &more),
                    ],
                ),
            );
        }
    }

    /// The index in `cells` of the cell for `key` (folded), added (with `role`, and spelt as
    /// `spelt`) if it is new.
    fn cell(
        &mut self,
        key: &CellKeyRef<'_>,
        spelt: &CellKeyRef<'_>,
        role: Option<&str>,
        file: u32,
    ) -> usize {
        let hash = self.hasher.hash_one(key);
        let cells = &self.cells;
        if let Some(&i) = self.index.find(hash, |&i| key.equivalent(&cells[i].0)) {
            return i;
        }
        let i = self.cells.len();
        self.cells.push((
            CellKey::from(key),
            CodedCell {
                role: role.map(Into::into),
                file,
                codings: vec![Codings::default(); self.dimensions].into_boxed_slice(),
                marks: Vec::new(),
                evidence: Vec::new(),
                spelt: CellKey::from(spelt),
            },
        ));
        let (hasher, cells) = (&self.hasher, &self.cells);
        self.index
            .insert_unique(hash, i, |&j| hasher.hash_one(&cells[j].0));
        i
    }

    /// Every interview of the register must have coded segments and every coded interview must
    /// be in the register.
    pub(crate) fn check_register(
        &self,
        register: &Register,
        sheet: &Sheet,
        problems: &mut Problems,
    ) {
        let mut missing: Vec<(&String, u64)> = register
            .entries
            .iter()
            .filter(|(id, _)| !self.seen.contains_key(*id))
            .map(|(_, e)| (&e.interview, e.line))
            .collect();
        missing.sort_by_key(|(_, line)| *line);
        let lang = self.lang;
        for (id, line) in missing {
            problems.at(
                &register.file,
                Some(line),
                lang.fill("input.register.uncoded", &[("interview", id)]),
            );
        }
        for (id, (loc, rows)) in &self.unregistered {
            let file = sheet.files.get(loc.file as usize).map_or("?", |f| &**f);
            problems.at(
                file,
                Some(loc.line),
                lang.count(
                    "input.register.unregistered",
                    *rows as usize,
                    &[("interview", id), ("register", &register.file)],
                ),
            );
        }
    }

    /// Applies the rule and inserts the derived scores into `sheet`.
    pub(crate) fn finish(
        self,
        rubric: &Rubric,
        sheet: &mut Sheet,
        outcome: &mut ReadOutcome,
        problems: &mut Problems,
    ) {
        // Municipalities are few: ranked once in Swedish order, rather than their names compared
        // in every step of the sort (the order is total, so ranks order as names do).
        let mut names: Vec<&str> = self
            .cells
            .iter()
            .map(|(_, c)| &*c.spelt.municipality)
            .collect::<rustc_hash::FxHashSet<&str>>()
            .into_iter()
            .collect();
        names.sort_by(|a, b| swedish_cmp(a, b));
        let rank: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let mut cells: Vec<(usize, &CellKey, &CodedCell)> = self
            .cells
            .iter()
            .map(|(k, c)| (rank.get(&*c.spelt.municipality).copied().unwrap_or(0), k, c))
            .collect();
        cells.sort_by(|(ra, _, a), (rb, _, b)| {
            let (a, b) = (&a.spelt, &b.spelt);
            ra.cmp(rb)
                .then_with(|| a.round.cmp(&b.round))
                .then_with(|| natural_cmp(&a.interview, &b.interview))
                .then_with(|| natural_cmp(&a.coder, &b.coder))
        });
        // Which dimensions any coder coded in each interview: a coder who left one of those
        // uncoded is worth a warning; a dimension nobody coded gets the scoring's own warning.
        let mut coded_by_anyone: HashMap<(&str, Option<&str>, &str), Vec<bool>> =
            HashMap::default();
        for (_, k, cell) in &cells {
            let key = (&*k.municipality, k.round.as_deref(), &*k.interview);
            let entry = coded_by_anyone
                .entry(key)
                .or_insert_with(|| vec![false; self.dimensions]);
            for (d, codings) in cell.codings.iter().enumerate() {
                entry[d] |= *codings != Codings::default();
            }
        }
        let mut scores = DerivedScores {
            partial_credit: &rubric.scoring.partial_credit,
            known: HashMap::default(),
        };
        // The spellings were counted as the segments were read: the scores derived from them
        // are not more uses.
        sheet.set_quiet(true);
        for (_, k, cell) in &cells {
            let key = (&*k.municipality, k.round.as_deref(), &*k.interview);
            let others = coded_by_anyone.get(&key).map_or(&[][..], Vec::as_slice);
            self.derive(
                &cell.spelt,
                cell,
                others,
                rubric,
                &mut scores,
                sheet,
                problems,
            );
        }
        sheet.set_quiet(false);
        sheet.absorb_spellings(&self.spellings);
        if let Some((n, first)) = self.uncoded {
            outcome
                .notes
                .push(Message::counted("read.uncoded", count(n)).text_arg("at", sheet.at(first)));
        }
        if !self.other_codes.is_empty() {
            let total: u64 = self.other_codes.values().sum();
            // A "code" that reads like a sentence is probably interview text in the wrong
            // column: count it, never show it.
            let (prose, codes): (Vec<_>, Vec<_>) = self
                .other_codes
                .iter()
                .partition(|(code, _)| crate::text::code_looks_like_prose(code));
            let mut list: Vec<Message> = codes
                .iter()
                .map(|(code, n)| {
                    Message::new("read.other_code")
                        .text_arg("code", code)
                        .text_arg("n", n)
                })
                .collect();
            if !prose.is_empty() {
                let n: u64 = prose.iter().map(|(_, n)| **n).sum();
                list.push(Message::counted("read.prose_item", count(n)));
                outcome
                    .warnings
                    .push(Message::counted("read.prose", count(n)));
            }
            outcome.notes.push(
                Message::counted("read.other_codes", count(total))
                    .text_arg("rubric", &rubric.name)
                    .with("list", Arg::List(list, ", ")),
            );
        }
        for (code, (n, loc)) in &self.unknown_codes {
            outcome.warnings.push(
                Message::counted("read.unknown_code", count(*n))
                    .text_arg("code", code)
                    .text_arg("rubric", &rubric.name)
                    .text_arg("at", sheet.at(*loc)),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn derive(
        &self,
        key: &CellKey,
        cell: &CodedCell,
        coded_by_anyone: &[bool],
        rubric: &Rubric,
        scores: &mut DerivedScores<'_>,
        sheet: &mut Sheet,
        problems: &mut Problems,
    ) {
        let (m, round) = (&*key.municipality, key.round.as_deref());
        let label = Message::new("read.coded_cell")
            .text_arg("interview", &key.interview)
            .text_arg("coder", &key.coder);
        let cell_arg = || Arg::Message(Box::new(label.clone()));
        let mut warnings = Vec::new();
        let mut no_score = Vec::new();
        for (d, codings) in cell.codings.iter().enumerate() {
            let marks = || cell.marks.iter().filter(move |m| usize::from(m.dim) == d);
            let id = &rubric.dimensions[d].id;
            if *codings == Codings::default() {
                if coded_by_anyone.get(d).copied().unwrap_or(false) {
                    no_score.push(Message::new("read.not_coded_here").text_arg("id", id));
                }
                continue;
            }
            if let Some((met, not_met)) = codings.contradiction() {
                let anchor = |level: u32| anchor_id(rubric, d, level);
                let met_ids: Vec<String> = met.iter().map(|l| anchor(*l)).collect();
                let locs: Vec<Loc> = marks()
                    .filter(|e| {
                        let level = e.level();
                        (e.kind() == Kind::Met && met.contains(&level))
                            || (e.kind() == Kind::NotMet && level == not_met)
                    })
                    .map(Mark::loc)
                    .collect();
                warnings.push(
                    Message::new("read.contradiction")
                        .with("cell", cell_arg())
                        .text_arg("id", id)
                        .text_arg("met", met_ids.join(", "))
                        .text_arg("anchor", anchor(not_met))
                        .with("at", Arg::Places(sheet.places(&locs))),
                );
            }
            match codings.rule() {
                Some((level, partly)) => {
                    let (floor, score) = scores.get(level, partly);
                    let level = u32::try_from(floor).unwrap_or(0);
                    let loc = marks()
                        .find(|e| e.kind() == Kind::Met && e.level() == level)
                        .or(marks().next())
                        .map_or(Loc { file: 0, line: 0 }, Mark::loc);
                    let obs = Observation {
                        municipality: m,
                        round,
                        issue: None,
                        interview: &key.interview,
                        role: cell.role.as_deref(),
                        scorer: ScorerRef::from_cell(&key.coder),
                        dimension: d,
                        score,
                        loc,
                        evidence: self.keep_evidence.then(|| {
                            cell.evidence
                                .iter()
                                .filter(|(dim, _)| usize::from(*dim) == d)
                                .map(|(_, e)| e.clone())
                                .collect()
                        }),
                        key: None,
                    };
                    if let Err(e) = sheet.insert(obs) {
                        let file = sheet
                            .files
                            .get(loc.file as usize)
                            .cloned()
                            .unwrap_or_default();
                        let lang = self.lang;
                        let e = super::on_dimension(&e, id, lang);
                        let e = lang.fill("input.derived", &[("error", &e)]);
                        problems.at(&file, Some(loc.line), e);
                    }
                }
                None => {
                    no_score.push(match codings.not_met.min() {
                        Some(l) => Message::new("read.no_level_met_below")
                            .text_arg("id", id)
                            .text_arg("anchor", anchor_id(rubric, d, l)),
                        None => Message::new("read.no_level_met").text_arg("id", id),
                    });
                }
            }
        }
        if cell.codings.iter().all(|c| *c == Codings::default()) {
            warnings.push(Message::new("read.no_anchor_codes").with("cell", cell_arg()));
        } else if !no_score.is_empty() {
            warnings.push(
                Message::new("read.no_score_on")
                    .with("cell", cell_arg())
                    .with("list", Arg::List(no_score, ", ")),
            );
        }
        let (group, i) = sheet.interview_mut(m, round, None, &key.interview);
        let interview = &mut group.interviews[i];
        if let (None, Some(role)) = (&interview.role, &cell.role) {
            interview.role = Some(Box::new((role.to_string(), Loc { file: 0, line: 0 })));
        }
        group.warnings.extend(warnings);
    }
}

/// Derived scores by the outcome of [`Codings::rule`] (level, partly met above): a rubric has few
/// levels, so each score is valued once, not once per interview, coder and dimension.
struct DerivedScores<'r> {
    partial_credit: &'r Exact,
    /// The score rounded down, and the score.
    known: HashMap<(u32, bool), (i64, Score)>,
}

impl DerivedScores<'_> {
    fn get(&mut self, level: u32, partly: bool) -> (i64, Score) {
        let partial_credit = self.partial_credit;
        *self.known.entry((level, partly)).or_insert_with(|| {
            let score = rule_score(level, partly, partial_credit);
            (
                score.floor(),
                Score::from_exact(&score).unwrap_or(Score::int(0)),
            )
        })
    }
}

/// A count of rows or codes, for a message's singular or plural.
fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn anchor_id(rubric: &Rubric, dimension: usize, level: u32) -> String {
    rubric.dimensions[dimension]
        .anchors
        .iter()
        .find(|a| a.level == level)
        .map_or_else(
            || format!("{}{level}", rubric.dimensions[dimension].id),
            |a| a.id.clone(),
        )
}

/// Reads the rows of one coded file.
pub(crate) struct CodedRows<'a> {
    sheet: &'a mut CodedSheet,
    columns: &'a CodedColumns,
    register: Option<&'a Register>,
    /// The file's coder from `--coder`, for an export without a coder column.
    coder: Option<&'a str>,
    /// The file's round from `--round`, for an export without a round column.
    round: Option<&'a str>,
}

impl Rows for CodedRows<'_> {
    fn row(&mut self, fields: &super::rows::Fields, loc: Loc, _: super::rows::Ahead) -> RowOutcome {
        let c = self.columns;
        let text = |i: usize| trim(&fields[i]);
        let optional = |i: Option<usize>| i.map(text).filter(|s| !s.is_empty());
        let lang = self.sheet.lang;
        let mut errors = Vec::new();
        let interview = text(c.interview);
        if interview.is_empty() {
            errors.push(super::missing("interview", lang));
        }
        let coder = match c.coder {
            Some(i) => {
                let coder = text(i);
                if coder.is_empty() {
                    errors.push(super::missing("coder", lang));
                }
                coder
            }
            None => self.coder.unwrap_or(SINGLE_CODER),
        };
        // One coder for all the file's rows that no one named.
        let implicit = c.coder.is_none() && self.coder.is_none();
        let entry = self.register.and_then(|r| r.get(interview));
        // An interview cell too long to be a name is reported with the row's other key cells.
        let named = !interview.is_empty() && interview.len() <= super::MAX_KEY_CHARS;
        if self.register.is_some() && entry.is_none() && named {
            let first = self
                .sheet
                .unregistered
                .entry(interview.to_string())
                .or_insert((loc, 0));
            first.1 += 1;
            // Reported once per interview when all files are read.
            return RowOutcome::Rejected(errors);
        }
        let from_column = optional(c.municipality);
        let municipality = match (from_column, entry) {
            (Some(m), _) if m.contains('\n') => {
                errors.push(format!(
                    "several municipalities in one cell ({}); give one per document, or an \
                     interview register with `--interviews`",
                    m.lines().map(str::trim).collect::<Vec<_>>().join(", ")
                ));
                ""
            }
            (Some(m), Some(e)) if !fold_eq(m, &e.municipality) => {
                errors.push(format!(
                    "municipality `{m}` here, but the interview register says `{}` for interview \
                     `{interview}`",
                    e.municipality
                ));
                ""
            }
            (Some(m), _) => m,
            (None, Some(e)) => e.municipality.as_str(),
            (None, None) => {
                errors.push(super::missing("municipality", lang));
                ""
            }
        };
        let registered = entry.and_then(|e| e.round.as_deref());
        if let (Some(given), Some(registered)) = (self.round, registered)
            && given != registered
        {
            errors.push(format!(
                "interview `{interview}` is round `{registered}` in the interview register, but \
                 `--round` gives this file round `{given}`"
            ));
        }
        let round = optional(c.round).or(registered).or(self.round);
        let role = optional(c.role).or_else(|| entry.and_then(|e| e.role.as_deref()));
        super::check_key_lengths(
            [
                ("municipality", Some(municipality)),
                ("round", round),
                ("interview", Some(interview)),
                ("coder", Some(coder)),
                ("role", role),
            ],
            &mut errors,
            lang,
        );
        if !errors.is_empty() {
            return RowOutcome::Rejected(errors);
        }
        let question = optional(c.question);
        let segment = if self.sheet.keep_text {
            c.segment.map(|i| trim(&fields[i]))
        } else {
            None
        };
        let s = &mut *self.sheet;
        let key = CellKeyRef {
            municipality,
            round,
            interview,
            coder,
        };
        for (k, text) in [
            (Key::Municipality, Some(municipality)),
            (Key::Round, round),
            (Key::Interview, Some(interview)),
            (Key::Scorer, Some(coder)),
        ] {
            if let Some(text) = text {
                s.spellings.note(k, text, loc);
            }
        }
        let i = match s.last {
            // The same cell as the last row, spelt the same: its interview is already seen.
            Some(i)
                if s.cells
                    .get(i)
                    .is_some_and(|(_, c)| key.equivalent(&c.spelt)) =>
            {
                i
            }
            _ => {
                // The cell left behind is usually done (rows come cell by cell): what its
                // marks grew into and did not use is given back.
                if let Some((_, done)) = s.last.and_then(|j| s.cells.get_mut(j)) {
                    done.marks.shrink_to_fit();
                }
                let fold = |text: &str| crate::text::key_fold(text);
                let (m, r, iv, who) = (
                    fold(municipality),
                    round.map(fold),
                    fold(interview),
                    fold(coder),
                );
                let folded = CellKeyRef {
                    municipality: &m,
                    round: r.as_deref(),
                    interview: &iv,
                    coder: &who,
                };
                s.seen.entry_ref(iv.as_str()).or_insert(loc);
                let i = s.cell(&folded, &key, role, loc.file);
                if implicit && s.cells[i].1.file != loc.file {
                    let meeting = (s.cells[i].1.file, loc.file);
                    let (_, interviews) = s.unnamed.entry(meeting).or_insert((loc, Vec::new()));
                    if !interviews.contains(&i) {
                        interviews.push(i);
                    }
                }
                s.last = Some(i);
                i
            }
        };
        let (_, cell) = &mut s.cells[i];
        let mut any = false;
        for raw in split_codes(&fields[c.code]) {
            any = true;
            match s.anchors.read(raw) {
                Code::Anchor {
                    dimension,
                    level,
                    kind,
                } => {
                    let codings = &mut cell.codings[dimension];
                    // Whether this (level, kind) was coded before, from the bit sets when the
                    // level and dimension fit a mark unchanged.
                    let coded_before =
                        (level < 64 && dimension < usize::from(u8::MAX)).then(|| match kind {
                            Kind::Met => codings.met.contains(level),
                            Kind::NotMet => codings.not_met.contains(level),
                            Kind::Partly => true,
                        });
                    codings.add(level, kind);
                    let dim = u8::try_from(dimension).unwrap_or(u8::MAX);
                    // The first row of each (level, kind) is always kept: enough to point at a
                    // contradiction, and memory stays bounded. Every row only with --detail.
                    let mark = Mark::new(dim, level, kind, loc);
                    let seen = |e: &Mark| e.dim == mark.dim && e.level_kind == mark.level_kind;
                    // Partly met levels point at nothing: neither a contradiction nor a score's
                    // own row needs them.
                    if kind != Kind::Partly
                        && !coded_before.unwrap_or_else(|| cell.marks.iter().any(seen))
                    {
                        cell.marks.push(mark);
                    }
                    if s.keep_evidence {
                        cell.evidence.push((
                            dim,
                            Evidence {
                                level,
                                kind,
                                loc,
                                question: question.map(str::to_string),
                                text: segment.map(str::to_string),
                            },
                        ));
                    }
                }
                // Looked up before inserting: the key is allocated only for a new code.
                Code::Unknown(code) => match s.unknown_codes.get_mut(code) {
                    Some((n, _)) => *n += 1,
                    None => {
                        s.unknown_codes.insert(code.to_string(), (1, loc));
                    }
                },
                Code::Other(code) => match s.other_codes.get_mut(code) {
                    Some(n) => *n += 1,
                    None => {
                        s.other_codes.insert(code.to_string(), 1);
                    }
                },
            }
        }
        if any {
            RowOutcome::Used
        } else {
            // A segment nobody coded: not an error, but never dropped without a word.
            let uncoded = s.uncoded.get_or_insert((0, loc));
            uncoded.0 += 1;
            RowOutcome::Blank
        }
    }
}
