//! The scoring sheet: every score read, grouped by municipality, round, issue, interview,
//! dimension and scorer. Its interface is three verbs: [`Sheet::insert`] a score (while
//! reading), [`Sheet::seal`] when reading ends, then read [`Sheet::groups`] and each interview's
//! scores ([`Sheet::cell`], [`Sheet::scores`]).
//!
//! It is built so that its speed does not depend on the order of the rows. Each score is one
//! 16-byte entry (scorer names and denominators interned, the rare extras — coded evidence,
//! worksheet repeats, a score too fine for 16 bits — kept aside) appended to **one** flat array
//! in the order read, with the number of its interview beside it. A row of a CSV file finds
//! that number by the number its parsing thread gave its key cells (municipality, round, issue,
//! interview, role: [`Observation::key`]), in an array; a row from another source by one hash
//! of the raw bytes of those cells ([`KeyTable`]). Only key cells never seen before go through
//! the name folding of [`Spellings`] and the maps of groups and interviews; a long file's row
//! whose key number placed a score before is added by that number alone, in any order
//! ([`Sheet::insert_keyed`]). Before each batch of rows,
//! [`Sheet::expect`] reads what their numbers name in two short loops, so that rows in random
//! order wait for memory about once a batch. A bit per (dimension, scorer) in
//! each interview's small slot tells a new score from a possible repeat without a search. When
//! reading ends, [`Sheet::seal`] groups the entries by interview once, by a counting sort
//! (skipped when the file was already in interview order), so scoring reads each
//! interview's scores as one span. Measured at 10^6 rows against the store it replaced (one
//! growing list per interview, found through two `IndexMap`s and the name folding on every
//! row): rows in random order 25% less CPU time, the sorted shapes 2–3% more instructions
//! (up to 12% more CPU time on a busy machine), peak memory 40–58 MiB (docs/performance.md).
//!
//! Inserting a score that is already there — the same (municipality, round, issue, interview,
//! scorer, dimension) — is an error that names both places, at once (while reading).
//!
//! One exception: a consensus worksheet (`readiness consensus`) repeats the scores it was made
//! from, so that it can be read alone or beside its sources. A file marked as restating
//! ([`Sheet::mark_restating`]) may give a score that another file already gave, if it is the same
//! score; a different one is a conflict that names both places. Within one file a repeat is
//! always a duplicate.

use super::keys::KeyTable;
use crate::lang::Lang;
use crate::model::anchor::Kind;
use crate::model::number::Score;
use hashbrown::HashMap;
use num_rational::Ratio;
use smallvec::SmallVec;
use std::sync::Arc;

/// Groups by the names of their municipality, round and issue ([`Spellings::name`]; `u32::MAX`:
/// none), in the order first seen; an entry keeps its index, so the last one used can be found
/// again without hashing.
pub type Groups = indexmap::IndexMap<[u32; 3], Group, hashbrown::DefaultHashBuilder>;

/// A group's interviews by the name of their id ([`Spellings::name`]), in the order first seen.
pub type Interviews = indexmap::IndexMap<u32, Interview, hashbrown::DefaultHashBuilder>;

pub use crate::model::loc::Loc;
use crate::model::loc::{Places, Span, place};
use crate::model::message::Message;
use crate::names::{Key, SpellingId, Spellings};

/// Whether a scorer cell names the agreed score: `consensus`/`konsensus`, any case.
pub fn is_consensus(text: &str) -> bool {
    let t = crate::text::trim(text);
    // Both words have nine letters: most names are told apart by their length alone.
    t.len() == 9
        && (t == "consensus"
            || t.eq_ignore_ascii_case("consensus")
            || t.eq_ignore_ascii_case("konsensus"))
}

/// Who gave a score, as given in a row (borrowed: inserting allocates nothing): the agreed
/// (combined) score, or a scorer's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScorerRef<'a> {
    Consensus,
    Named(&'a str),
}

impl<'a> ScorerRef<'a> {
    pub fn from_cell(text: &'a str) -> ScorerRef<'a> {
        if is_consensus(text) {
            ScorerRef::Consensus
        } else {
            ScorerRef::Named(crate::text::trim(text))
        }
    }
}

/// Where a score went: its interview, by [`Interview::number`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    interview: u32,
}

/// Why [`Sheet::add`] did not store a score.
#[derive(Debug)]
enum Refused {
    /// The interview has a score from this scorer on this dimension: entry `0`.
    Earlier(usize),
    /// A limit of the sheet was reached.
    Full(String),
}

/// One score, as read from one row.
#[derive(Debug, Clone)]
pub struct Observation<'a> {
    pub municipality: &'a str,
    pub round: Option<&'a str>,
    pub issue: Option<&'a str>,
    pub interview: &'a str,
    pub role: Option<&'a str>,
    pub scorer: ScorerRef<'a>,
    pub dimension: usize,
    pub score: Score,
    pub loc: Loc,
    /// For a score derived from coded segments: the codes it rests on.
    pub evidence: Option<Box<[Evidence]>>,
    /// The number the parsing thread of a CSV file gave this row's key cells, counting the
    /// different ones of its file ([`crate::engine::rows::Ahead::key`]): the store finds the
    /// row's interview by it, without hashing. `None` from other sources.
    pub key: Option<u32>,
}

/// A score with its origin, as [`Sheet::cell`] shows it.
#[derive(Debug, Clone, Copy)]
pub struct Rated<'a> {
    pub score: Score,
    pub loc: Loc,
    /// For a score derived from coded segments, with `--detail`: the codes it rests on.
    pub evidence: Option<&'a [Evidence]>,
    /// Where a consensus worksheet repeated this score, if one did.
    pub repeated: Option<Loc>,
}

/// One coded segment behind a derived score: which anchor, met or not, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub level: u32,
    pub kind: Kind,
    pub loc: Loc,
    /// The interview question the segment answers, when the export has one.
    pub question: Option<String>,
    /// The segment's text: kept only when the user asked to see it (`--show-text`).
    pub text: Option<String>,
}

/// The scores alone of one interview on one dimension, without names or places: what
/// [`Sheet::scores`] gives for every dimension at once, for computing; [`Sheet::cell`] has the
/// rest. It allocates nothing for the usual few scorers.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub consensus: Option<Score>,
    /// The individual scorers' scores, in the order first seen.
    pub scorers: SmallVec<[Score; 2]>,
    /// Whether a consensus worksheet left this cell's consensus empty: it still needs one.
    pub pending: bool,
}

/// All scores of one interview on one dimension, with who gave them and where: a view built by
/// [`Sheet::cell`]. It allocates nothing for the usual few scorers.
#[derive(Debug, Clone, Default)]
pub struct Cell<'a> {
    pub consensus: Option<Rated<'a>>,
    /// The individual scorers' scores, in the order first seen.
    pub scorers: SmallVec<[(&'a Arc<str>, Rated<'a>); 2]>,
    /// Where a consensus worksheet left this cell's consensus empty: it still needs one.
    pub pending: Option<Loc>,
}

/// One stored score, in 16 bytes (a long file holds one per row). `who` is 0 for the consensus
/// score, else 1 + the scorer's index in [`Sheet::scorers`]; `extra` is 0, or 1 + an index into
/// the sheet's extras; `den` indexes the sheet's denominators (a scale has one or two).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    /// Lines past 4 294 967 295 are saturated; no scoring sheet comes near.
    line: u32,
    extra: u32,
    /// The score's numerator; validated scores are tiny (at most the scale's top level, with
    /// the step's denominator).
    num: u16,
    file: u16,
    who: u16,
    den: u8,
    dim: u8,
}

/// The `den` of an entry whose score is in its extra.
const IN_EXTRA: u8 = u8::MAX;

impl Entry {
    /// This score's extra, if it has one.
    fn extra<'a>(&self, extras: &'a [Extra]) -> Option<&'a Extra> {
        extras.get((self.extra as usize).checked_sub(1)?)
    }

    fn score(&self, denominators: &[u16], extras: &[Extra]) -> Score {
        if self.den == IN_EXTRA
            && let Some(score) = self.extra(extras).and_then(|x| x.score)
        {
            return score;
        }
        let den = denominators
            .get(usize::from(self.den))
            .copied()
            .unwrap_or(1);
        Score(Ratio::new_raw(i64::from(self.num), i64::from(den)))
    }

    fn loc(&self) -> Loc {
        Loc {
            file: u32::from(self.file),
            line: u64::from(self.line),
        }
    }

    /// Sets the place; a file index past `u16` was refused when the score was inserted.
    fn set_loc(&mut self, loc: Loc) {
        self.file = u16::try_from(loc.file).unwrap_or(u16::MAX);
        self.line = u32::try_from(loc.line).unwrap_or(u32::MAX);
    }
}

/// What few scores carry besides their value: coded evidence, a worksheet's repeat.
#[derive(Debug, Clone, Default)]
struct Extra {
    evidence: Option<Box<[Evidence]>>,
    repeated: Option<Loc>,
    /// The score itself, when it does not fit in the entry.
    score: Option<Score>,
}

#[derive(Debug, Clone)]
pub struct Interview {
    pub id: Arc<str>,
    /// The interview's role and where it was first given (boxed: most files give none).
    pub role: Option<Box<(String, Loc)>>,
    /// Dimensions whose consensus a worksheet left empty, and where (boxed: only worksheets
    /// have any).
    pending: Option<Box<[(u8, Loc)]>>,
    /// Its number in the sheet, counting interviews from 0 in the order first seen: the index of
    /// its [`Slot`], and the key its scores are grouped by.
    number: u32,
}

/// What the sheet keeps of an interview while it reads, by [`Interview::number`]: small and in
/// one array, so that a row in any order finds it with one look.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Its group and its index in the group.
    group: u32,
    index: u32,
    /// The [`seen_bit`]s of the scores held: a new score whose bit is not set needs no search
    /// for an earlier one.
    seen: u64,
    /// How many scores it has, and (once the sheet is [sealed](Sheet::seal)) where they start
    /// in [`Sheet::entries`].
    count: u32,
    start: u32,
}

/// A bit standing for a (dimension, scorer): distinct for the consensus and the first six
/// scorers on nine dimensions, shared beyond.
fn seen_bit(dim: u8, who: u16) -> u64 {
    1 << ((usize::from(dim) * 7 + usize::from(who)) % 64)
}

/// No spelling, in [`Placed::spelled`].
const NO_SPELLING: u32 = u32::MAX;

/// What a row's key cells were found to name the first time: their interview and spellings.
/// Rows with the same cells, byte for byte, find it again without folding names or looking
/// up groups ([`KeyTable`], or by the number the parsing thread gave the cells).
#[derive(Debug, Clone, Copy)]
struct Placed {
    interview: u32,
    /// The spellings of its cells ([`SpellingId::number`], or [`NO_SPELLING`]).
    spelled: [u32; 4],
}

/// The spellings of [`Placed::spelled`].
fn spellings(spelled: [u32; 4]) -> [Option<SpellingId>; 4] {
    spelled.map(|n| (n != NO_SPELLING).then(|| SpellingId::from_number(n)))
}

/// Uses of the spellings of rows' key cells not counted yet: `count` uses on the lines
/// `from.line..=last` of `from`'s file.
#[derive(Debug, Clone, Copy)]
struct Uses {
    spelled: [u32; 4],
    from: Loc,
    last: u64,
    count: u64,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A municipality in one round and for one issue: the unit that gets a stage.
#[derive(Debug, Clone)]
pub struct Group {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub interviews: Interviews,
    /// Warnings found while reading, about this group (contradictory codes, …).
    pub warnings: Vec<Message>,
}

impl Group {
    /// Its municipality, round and issue as the results name them.
    pub fn key(&self) -> crate::model::GroupKey {
        crate::model::GroupKey::new(
            &self.municipality,
            self.round.as_deref(),
            self.issue.as_deref(),
        )
    }

    /// Its municipality, round and issue, for [`crate::model::key::sort_by_group`].
    pub fn parts(&self) -> (&str, Option<&str>, Option<&str>) {
        (
            &self.municipality,
            self.round.as_deref(),
            self.issue.as_deref(),
        )
    }
}

/// The keys of [`Sheet::spell`]'s spellings, in order.
const KEYS: [Key; 4] = [Key::Municipality, Key::Round, Key::Issue, Key::Interview];

/// Every score read, grouped.
#[derive(Debug, Default)]
pub struct Sheet {
    pub files: Vec<Arc<str>>,
    pub dimensions: usize,
    pub groups: Groups,
    /// Files that restate scores of other files (consensus worksheets).
    restating: Vec<u32>,
    /// Individual scorers' names, interned: entries refer to them by index (`who` − 1).
    scorers: Vec<Arc<str>>,
    /// Each spelling of a scorer's name seen, by its text: the spelling and the scorer's `who`.
    scorer_index: HashMap<Box<str>, (SpellingId, u16)>,
    /// The `who` of each scorer name of [`Sheet::spellings`].
    who_of_name: Vec<u16>,
    /// Every spelling of every key cell: groups, interviews and scorers are matched by their
    /// names' folded keys (`ödeshög` is `Ödeshög`), and shown as spelt most.
    spellings: Spellings,
    /// Every score, in one array: in the order read until [`Sheet::seal`] groups them by
    /// interview (stably: an interview's scores stay in the order read).
    entries: Vec<Entry>,
    /// The interview ([`Interview::number`]) of each entry, kept only once some score came
    /// after one of a later interview (`owned`): in interview order they follow from the slots'
    /// counts, so a sorted file writes none.
    owners: Vec<u32>,
    owned: bool,
    /// The interview of the last entry.
    last_owner: Option<u32>,
    /// Whether some score was added after one of a later interview (then `seal` must sort).
    unsorted: bool,
    /// Whether the slots' `start`s hold: sealed, and nothing added since.
    sealed: bool,
    /// Each interview's slot, by [`Interview::number`].
    slots: Vec<Slot>,
    /// What each row's key cells named, by their bytes (rows without [`Observation::key`]).
    raw: KeyTable<Placed>,
    /// The same, by [`Observation::key`] (the number the parsing thread gave a row's key
    /// cells), for the CSV file being read ([`Sheet::new_key_numbers`]).
    file_keys: Vec<Option<Placed>>,
    /// Uses of spellings kept by [`Sheet::used_again`], to be counted.
    uses: Option<Uses>,
    /// Where each (interview, dimension, `who`) is in `entries`: built only when a score's
    /// [`seen_bit`] is set (a duplicate, a worksheet's repeat, many scorers), kept up to date
    /// from then on until the entries move.
    index: Option<HashMap<(u32, u8, u16), u32>>,
    extras: Vec<Extra>,
    /// The denominators of the scores stored, each once; entries refer to them by index.
    denominators: Vec<u16>,
    /// The language of the errors [`Sheet::insert`] gives (a duplicate, a conflict).
    lang: Lang,
    /// For each REFI-QDA project read (by file index): where each of its codings is, coding
    /// `n` (its `Loc::line`) at `n - 1`.
    spans: Vec<(u32, Box<[Span]>)>,
}

impl Sheet {
    pub fn new(dimensions: usize) -> Sheet {
        Sheet {
            dimensions,
            ..Sheet::default()
        }
    }

    /// Gives the errors of [`Sheet::insert`] and [`Sheet::mark_pending`] in `lang`.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Registers an input file and returns its index for [`Loc`].
    pub fn add_file(&mut self, name: &str) -> u32 {
        self.files.push(Arc::from(name));
        u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX)
    }

    /// Where the codings of project file `file` are: coding `n` at `spans[n - 1]`.
    pub fn set_spans(&mut self, file: u32, spans: Vec<Span>) {
        self.spans.push((file, spans.into_boxed_slice()));
    }

    /// Whether file `file` is a REFI-QDA project.
    pub fn is_project(&self, file: u32) -> bool {
        self.spans.iter().any(|(f, _)| *f == file)
    }

    /// The text selection of `loc`, when its file is a REFI-QDA project.
    pub fn span(&self, loc: Loc) -> Option<&Span> {
        let (_, spans) = self.spans.iter().find(|(f, _)| *f == loc.file)?;
        spans.get(usize::try_from(loc.line).ok()?.checked_sub(1)?)
    }

    /// `file:line` for messages; in a project, `file, source `K1`, characters 120–245`.
    pub fn at(&self, loc: Loc) -> String {
        match self.span(loc) {
            Some(span) => {
                let file = self.files.get(loc.file as usize).map_or("?", |f| &**f);
                span.text(file, self.lang)
            }
            None => place(&self.files, loc),
        }
    }

    /// Several places for messages: `s.csv lines 8, 9`, or `a.csv:8, b.csv:9` across files, or
    /// a project's selections.
    pub fn places(&self, locs: &[Loc]) -> Places {
        Places::of(&self.files, locs.iter().copied(), |l| self.span(l))
    }

    /// The group of a municipality, round and issue, and the interview with this id in it, both
    /// created when new (with no scores). Not a use of their spellings.
    pub fn interview_mut(
        &mut self,
        municipality: &str,
        round: Option<&str>,
        issue: Option<&str>,
        interview: &str,
    ) -> (&mut Group, usize) {
        self.count_uses();
        let quiet = std::mem::replace(&mut self.spellings.quiet, true);
        let loc = Loc { file: 0, line: 0 };
        let spelled = self.spell(municipality, round, issue, interview, loc);
        self.spellings.quiet = quiet;
        let g = self.group_index(spelled, 0);
        let n = self.interview_number(g, spelled[3]);
        let i = self.slots[n as usize].index as usize;
        (&mut self.groups[g], i)
    }

    /// Notes the spellings of an observation's key cells.
    fn spell(
        &mut self,
        municipality: &str,
        round: Option<&str>,
        issue: Option<&str>,
        interview: &str,
        loc: Loc,
    ) -> [Option<SpellingId>; 4] {
        let s = &mut self.spellings;
        [
            Some(s.note(Key::Municipality, municipality, loc)),
            round.map(|r| s.note(Key::Round, r, loc)),
            issue.map(|i| s.note(Key::Issue, i, loc)),
            Some(s.note(Key::Interview, interview, loc)),
        ]
    }

    /// One more use of the spellings of a row's key cells ([`Placed::spelled`]). Uses on the
    /// same or the next line as the last ones, of the same spellings, are counted together when
    /// they end ([`Sheet::count_uses`]): a sorted file counts its key cells' spellings once an
    /// interview, not once a row (that was 6% of the instructions at 10^6 rows).
    #[inline]
    fn used_again(&mut self, spelled: [u32; 4], loc: Loc) {
        if self.spellings.quiet {
            return;
        }
        if let Some(uses) = &mut self.uses
            && uses.spelled == spelled
            && uses.from.file == loc.file
            && (uses.last == loc.line || uses.last + 1 == loc.line)
        {
            uses.last = loc.line;
            uses.count += 1;
            return;
        }
        self.count_uses();
        self.uses = Some(Uses {
            spelled,
            from: loc,
            last: loc.line,
            count: 1,
        });
    }

    /// Counts the uses [`Sheet::used_again`] has kept: before anything else notes or reads a
    /// spelling's uses, so that they are counted in the order of their lines.
    fn count_uses(&mut self) {
        if let Some(uses) = self.uses.take() {
            for (key, id) in KEYS.into_iter().zip(spellings(uses.spelled)) {
                if let Some(id) = id {
                    self.spellings
                        .again_on(key, id, uses.from, uses.last, uses.count);
                }
            }
        }
    }

    /// Counts no uses of spellings while `quiet` (scores derived from coded segments, whose
    /// spellings were counted as the segments were read).
    pub fn set_quiet(&mut self, quiet: bool) {
        self.count_uses();
        self.spellings.quiet = quiet;
    }

    /// Adds the uses of spellings that `other` counted (of files with the same indices).
    pub fn absorb_spellings(&mut self, other: &Spellings) {
        self.count_uses();
        self.spellings.absorb(other);
    }

    /// Shows every group, interview and scorer with its spelling used most, and returns a
    /// warning for each name written in more than one way.
    pub fn settle_spellings(&mut self) -> Vec<Message> {
        self.count_uses();
        let s = &self.spellings;
        let shown = |key: Key, text: &mut String| {
            if s.varies(key) {
                let best = s.shown(key, text);
                if best != text {
                    *text = best.to_string();
                }
            }
        };
        for group in self.groups.values_mut() {
            shown(Key::Municipality, &mut group.municipality);
            if let Some(round) = &mut group.round {
                shown(Key::Round, round);
            }
            if let Some(issue) = &mut group.issue {
                shown(Key::Issue, issue);
            }
            if s.varies(Key::Interview) {
                for interview in group.interviews.values_mut() {
                    let best = s.shown(Key::Interview, &interview.id);
                    if best != &*interview.id {
                        interview.id = best.into();
                    }
                }
            }
        }
        for name in &mut self.scorers {
            if s.varies(Key::Scorer) {
                let best = s.shown(Key::Scorer, name);
                if best != &**name {
                    *name = Arc::from(best);
                }
            }
        }
        s.warnings(&self.files)
    }

    /// Every group, in the tool's one order ([`crate::model::GroupKey`]'s).
    pub fn groups_in_order(&self) -> Vec<&Group> {
        let mut groups: Vec<&Group> = self.groups.values().collect();
        crate::model::key::sort_by_group(&mut groups, |g| g.parts());
        groups
    }

    /// Whether `file` restates scores of other files (is a consensus worksheet).
    pub fn restates(&self, file: u32) -> bool {
        self.restating.contains(&file)
    }

    /// Marks `file` as one that restates scores given elsewhere (a consensus worksheet).
    pub fn mark_restating(&mut self, file: u32) {
        self.restating.push(file);
    }

    /// An interview's scores, in the order read: its span of the entries once the sheet is
    /// sealed; before that (a sheet still being filled, as in tests) found among all.
    fn entries_of(&self, interview: &Interview) -> impl Iterator<Item = &Entry> + '_ {
        let n = interview.number;
        let (span, all) = match self.slots.get(n as usize) {
            Some(slot) if self.sealed => {
                let start = slot.start as usize;
                (start..start + slot.count as usize, false)
            }
            Some(slot) if !self.owned => {
                // In interview order: after the scores of the interviews before it.
                let start: usize = self.slots[..n as usize]
                    .iter()
                    .map(|s| s.count as usize)
                    .sum();
                (start..start + slot.count as usize, false)
            }
            _ => (0..self.entries.len(), true),
        };
        self.entries[span.clone()]
            .iter()
            .zip(span)
            .filter(move |&(_, k)| !all || self.owners[k] == n)
            .map(|(e, _)| e)
    }

    /// The view of one interview's scores on dimension `d`.
    pub fn cell<'a>(&'a self, interview: &'a Interview, d: usize) -> Cell<'a> {
        let mut cell = Cell {
            pending: interview
                .pending
                .iter()
                .flat_map(|p| p.iter())
                .find(|(dim, _)| usize::from(*dim) == d)
                .map(|(_, loc)| *loc),
            ..Cell::default()
        };
        for e in self
            .entries_of(interview)
            .filter(|e| usize::from(e.dim) == d)
        {
            let extra = e.extra(&self.extras);
            let rated = Rated {
                score: e.score(&self.denominators, &self.extras),
                loc: e.loc(),
                evidence: extra.and_then(|x| x.evidence.as_deref()),
                repeated: extra.and_then(|x| x.repeated),
            };
            match e.who {
                0 => cell.consensus = Some(rated),
                who => cell
                    .scorers
                    .push((&self.scorers[usize::from(who) - 1], rated)),
            }
        }
        cell
    }

    /// One interview's scores on dimensions `0..dimensions`, in `scores` (cleared first, reused
    /// between calls): one pass over the interview, the scores of [`Sheet::cell`] for each
    /// dimension. A twin of `cell` kept by measurement: building it from `cell` costs 6.4% more
    /// instructions at 10^6 `scores` rows and, median of 15 alternating runs, 5–12% more wall
    /// time (`county` 5%, `shuffled` 8%, `scores` 12%; the fastest runs 3–7%) (2026-12-04).
    pub fn scores(&self, interview: &Interview, dimensions: usize, scores: &mut Vec<Scores>) {
        scores.clear();
        scores.resize_with(dimensions, Scores::default);
        for e in self.entries_of(interview) {
            if let Some(cell) = scores.get_mut(usize::from(e.dim)) {
                let score = e.score(&self.denominators, &self.extras);
                match e.who {
                    0 => cell.consensus = Some(score),
                    _ => cell.scorers.push(score),
                }
            }
        }
        for (dim, _) in interview.pending.iter().flat_map(|p| p.iter()) {
            if let Some(cell) = scores.get_mut(usize::from(*dim)) {
                cell.pending = true;
            }
        }
    }

    /// Every individual scorer who scored in `groups`, once each, in natural order.
    pub fn scorer_names(&self, groups: &[&Group]) -> Vec<String> {
        let mut used = vec![false; self.scorers.len()];
        for e in groups
            .iter()
            .flat_map(|g| g.interviews.values())
            .flat_map(|i| self.entries_of(i))
        {
            if e.who > 0 {
                used[usize::from(e.who) - 1] = true;
            }
        }
        let mut names: Vec<String> = self
            .scorers
            .iter()
            .zip(used)
            .filter(|(_, u)| *u)
            .map(|(n, _)| n.to_string())
            .collect();
        names.sort_by(|a, b| crate::text::natural_cmp(a, b));
        names
    }

    /// The index (`who`) of a scorer, interned when new; a use of its spelling at `loc`.
    fn who(&mut self, scorer: ScorerRef, loc: Loc) -> Result<u16, String> {
        let (who, spelling) = self.scorer(scorer)?;
        if let Some(id) = spelling {
            self.spellings.again(Key::Scorer, id, loc);
        }
        Ok(who)
    }

    /// The index (`who`) of a scorer and its spelling, interned when new; no use counted.
    fn scorer(&mut self, scorer: ScorerRef) -> Result<(u16, Option<SpellingId>), String> {
        let ScorerRef::Named(name) = scorer else {
            return Ok((0, None));
        };
        if let Some(&(id, who)) = self.scorer_index.get(name) {
            return Ok((who, Some(id)));
        }
        let id = self.spellings.intern(Key::Scorer, name);
        let n = self.spellings.name(Key::Scorer, id);
        let who = match self.who_of_name.get(n) {
            Some(&who) => who,
            None => {
                let who = u16::try_from(self.scorers.len() + 1)
                    .map_err(|_| "more than 65 534 different scorer names".to_string())?;
                self.scorers.push(Arc::from(name));
                self.who_of_name.resize(n + 1, who);
                who
            }
        };
        self.scorer_index.insert(name.into(), (id, who));
        Ok((who, Some(id)))
    }

    /// Why a row that is refused for its other cells could not have been added for its role
    /// either: the message [`Sheet::insert`] would give when the interview it names was given
    /// another role before. Reads only the observation's key cells and role; an interview not
    /// seen yet (a name never noted, an empty cell) has no role to conflict with. Only looks:
    /// nothing is added and no use of a spelling counted, so that a row with a bad score and a
    /// conflicting role is told both at once.
    pub fn other_role(&self, obs: &Observation) -> Option<String> {
        let role = obs.role?;
        let name = |key: Key, text: Option<&str>| match text {
            Some(text) => self.spellings.name_of(key, text).map(to_u32),
            None => Some(u32::MAX),
        };
        let group = [
            name(Key::Municipality, Some(obs.municipality))?,
            name(Key::Round, obs.round)?,
            name(Key::Issue, obs.issue)?,
        ];
        let interview = name(Key::Interview, Some(obs.interview))?;
        let interview = self.groups.get(&group)?.interviews.get(&interview)?;
        other_role(interview, obs.interview, role, &self.files, self.lang)
    }

    /// Adds one score. Fails, naming the earlier place, if that score is already there or the
    /// interview was given another role.
    pub fn insert(&mut self, mut obs: Observation) -> Result<(), String> {
        let who = self.who(obs.scorer, obs.loc)?;
        let dim =
            u8::try_from(obs.dimension).map_err(|_| "more than 256 dimensions".to_string())?;
        if obs.loc.file > u32::from(u16::MAX) {
            return Err("more than 65 535 input files".to_string());
        }
        let to = self.locate(&obs)?;
        match self.add(to, who, dim, obs.score, obs.loc, obs.evidence.take()) {
            Ok(()) => Ok(()),
            Err(Refused::Earlier(k)) => self.again(k, &obs),
            Err(Refused::Full(message)) => Err(message),
        }
    }

    /// Starts the reading of a file whose rows come with key numbers ([`Observation::key`]):
    /// the numbers of the file read before mean nothing now.
    pub fn new_key_numbers(&mut self) {
        self.count_uses();
        self.file_keys = Vec::new();
    }

    /// A hint that changes nothing: rows of the file being read with these key numbers
    /// ([`Observation::key`]) come next. What they name is read now, in tight loops whose
    /// loads overlap, instead of one miss of the cache at a time as each row comes. Measured at
    /// 10^6 rows in random order (15 runs each, alternating): 0.45 s median against 0.62 s
    /// without; the sorted shapes the same within the noise.
    pub fn expect(&self, keys: impl Iterator<Item = u32> + Clone) {
        // Two loops of a few instructions each, so that many of their loads are under way at
        // once: what the numbers name, then the slots of their interviews.
        let placed = &self.file_keys;
        let mut seen = 0_u64;
        for k in keys.clone() {
            if let Some(Some(p)) = placed.get(k as usize) {
                seen = seen.wrapping_add(u64::from(p.interview));
            }
        }
        for k in keys {
            if let Some(Some(p)) = placed.get(k as usize)
                && let Some(slot) = self.slots.get(p.interview as usize)
            {
                seen = seen.wrapping_add(slot.seen);
            }
        }
        std::hint::black_box(seen);
    }

    /// One more score for an interview a score was inserted in before, from a row whose key
    /// cells (and role) have that score's key number ([`Observation::key`]): the same cells
    /// byte for byte, so nothing to check or look up but the number. Returns `false`, changing
    /// nothing (a new scorer's name is interned, unused), when the number is new or the score
    /// cannot simply be added — it is there already, or a limit is reached — for
    /// [`Sheet::insert`] to say why. Every row of a long file but the first of each interview
    /// comes here, in any order. Measured at 10^6 rows (2026-12-04, docs/performance.md):
    /// without it, every row through an [`Observation`] takes the reading thread 20–22% more
    /// instructions on the sorted shapes and 21% more in random order, and the `scores` file
    /// 14% more wall time (median of 15 alternating runs).
    #[inline]
    pub fn insert_keyed(
        &mut self,
        key: u32,
        scorer: ScorerRef,
        dimension: usize,
        score: Score,
        loc: Loc,
    ) -> bool {
        let Some(Some(placed)) = self.file_keys.get(key as usize).copied() else {
            return false;
        };
        let (Ok((who, spelling)), Ok(dim)) = (self.scorer(scorer), u8::try_from(dimension)) else {
            return false;
        };
        if loc.file > u32::from(u16::MAX) {
            return false;
        }
        let to = Place {
            interview: placed.interview,
        };
        let added = self.add(to, who, dim, score, loc, None).is_ok();
        if added {
            if let Some(id) = spelling {
                self.spellings.again(Key::Scorer, id, loc);
            }
            self.used_again(placed.spelled, loc);
        }
        added
    }

    /// A score given again for an interview, dimension and scorer: the earlier one is entry `k`.
    /// A consensus worksheet that repeats a score is fine (the repeat is noted); anything else
    /// fails, naming the earlier place.
    fn again(&mut self, k: usize, obs: &Observation) -> Result<(), String> {
        let lang = self.lang;
        let Some(earlier) = self.entries.get_mut(k) else {
            return Err(lang.fill("input.duplicate_bare", &[("interview", &obs.interview)]));
        };
        let restates = |file: u32| self.restating.contains(&file);
        let earlier_file = earlier.loc().file;
        let across =
            earlier_file != obs.loc.file && (restates(earlier_file) || restates(obs.loc.file));
        let repeated = earlier.extra(&self.extras).and_then(|x| x.repeated);
        let earlier_score = earlier.score(&self.denominators, &self.extras);
        // The worksheet's own earlier repeat of this score, for a duplicate within it.
        let repeat = repeated.filter(|r| r.file == obs.loc.file);
        if across && repeat.is_none() && earlier_score == obs.score {
            // The worksheet repeats a score: keep one, pointing at the original file.
            let (kept, repeat_at) = if restates(earlier_file) {
                (obs.loc, earlier.loc())
            } else {
                (earlier.loc(), obs.loc)
            };
            earlier.set_loc(kept);
            if earlier.extra == 0 {
                earlier.extra = add_extra(&mut self.extras, Extra::default())?;
            }
            if let Some(i) = (earlier.extra as usize).checked_sub(1) {
                self.extras[i].repeated = Some(repeat_at);
            }
            return Ok(());
        }
        let across = across && repeat.is_none();
        let at_loc = repeat.unwrap_or(earlier.loc());
        let at = self.at(at_loc);
        let who = match obs.scorer {
            ScorerRef::Consensus => lang.text("input.consensus_score").to_string(),
            ScorerRef::Named(n) => lang.fill("input.scorer", &[("name", &n)]),
        };
        Err(if across {
            lang.fill(
                "input.conflicting",
                &[
                    ("interview", &obs.interview),
                    ("who", &who),
                    ("score", &lang.number(&obs.score.to_plain())),
                    ("earlier", &lang.number(&earlier_score.to_plain())),
                    ("at", &at),
                ],
            )
        } else {
            lang.fill(
                "input.duplicate",
                &[("interview", &obs.interview), ("who", &who), ("at", &at)],
            )
        })
    }

    /// Stores a score in the interview at `place`, unless that interview has one from the same
    /// scorer on the same dimension (then `Refused::Earlier`, and nothing is changed).
    #[inline]
    fn add(
        &mut self,
        to: Place,
        who: u16,
        dim: u8,
        score: Score,
        loc: Loc,
        evidence: Option<Box<[Evidence]>>,
    ) -> Result<(), Refused> {
        let n = to.interview;
        let bit = seen_bit(dim, who);
        // Only a (dimension, scorer) whose bit is set can have been scored before.
        if self.slots[n as usize].seen & bit != 0
            && let Some(k) = self.earlier(n, dim, who)
        {
            return Err(Refused::Earlier(k));
        }
        // The usual score in the entry itself; one that does not fit 16 bits (a rubric with a
        // very fine step) in an extra.
        let stored = u16::try_from(*score.0.numer())
            .ok()
            .zip(u16::try_from(*score.0.denom()).ok())
            .and_then(|(num, den)| {
                let known = self.denominators.iter().position(|d| *d == den);
                let index = known.unwrap_or(self.denominators.len());
                let index = u8::try_from(index).ok().filter(|i| *i != IN_EXTRA)?;
                if known.is_none() {
                    self.denominators.push(den);
                }
                Some((num, index))
            });
        let (num, den) = stored.unwrap_or((0, IN_EXTRA));
        let extra = if evidence.is_some() || stored.is_none() {
            let extra = Extra {
                evidence,
                repeated: None,
                score: stored.is_none().then_some(score),
            };
            add_extra(&mut self.extras, extra).map_err(Refused::Full)?
        } else {
            0
        };
        let mut entry = Entry {
            line: 0,
            extra,
            num,
            file: 0,
            who,
            den,
            dim,
        };
        entry.set_loc(loc);
        self.sealed = false;
        let k = to_u32(self.entries.len());
        if self.last_owner.is_some_and(|last| last > n) && !self.unsorted {
            self.keep_owners();
            self.unsorted = true;
        }
        self.entries.push(entry);
        if self.owned {
            self.owners.push(n);
        }
        self.last_owner = Some(n);
        let slot = &mut self.slots[n as usize];
        slot.seen |= bit;
        slot.count += 1;
        if let Some(index) = &mut self.index {
            index.insert((n, dim, who), k);
        }
        Ok(())
    }

    /// The entry of interview `n`'s score from `who` on `dim`, if there is one; the index of
    /// every entry is built the first time it is asked for.
    fn earlier(&mut self, n: u32, dim: u8, who: u16) -> Option<usize> {
        self.keep_owners();
        let (entries, owners) = (&self.entries, &self.owners);
        let index = self.index.get_or_insert_with(|| {
            (0..)
                .zip(entries.iter().zip(owners))
                .map(|(k, (e, &owner))| ((owner, e.dim, e.who), k))
                .collect()
        });
        index.get(&(n, dim, who)).map(|&k| k as usize)
    }

    /// Ends the reading: groups the scores by interview, once, by a counting sort over the
    /// interviews' numbers (not needed for a file sorted by interview), and gives back the
    /// room that growing left unused (maps of interviews double as they grow, so a group of
    /// five interviews holds room for eight), so that the memory freed goes to the scoring
    /// instead of the peak growing further. Scores may still be added after, at the cost of
    /// another seal.
    pub fn seal(&mut self) {
        self.count_uses();
        if self.unsorted {
            self.number_in_scoring_order();
        }
        let mut start = 0;
        for slot in &mut self.slots {
            slot.start = start;
            start += slot.count;
        }
        // Not needed any more, and freed before the entries move.
        self.raw = KeyTable::default();
        self.file_keys = Vec::new();
        if self.unsorted {
            // Each entry to its interview's next place, in read order. Into a second array:
            // sorting in place by following cycles was measured 0.1 s slower on the 10^6-row
            // `blocks` file (its jumps miss the cache where these writes run along each
            // interview's span), for 16 MiB less peak.
            let mut next: Vec<u32> = self.slots.iter().map(|s| s.start).collect();
            let mut sorted = vec![Entry::default(); self.entries.len()];
            for (entry, &owner) in self.entries.iter().zip(&self.owners) {
                let at = &mut next[owner as usize];
                sorted[*at as usize] = *entry;
                *at += 1;
            }
            self.entries = sorted;
            self.unsorted = false;
            // The entries moved.
            self.index = None;
        }
        self.owners = Vec::new();
        self.owned = false;
        // In interview order now: the last entry is the last interview's with any.
        self.last_owner = self.slots.iter().rposition(|s| s.count > 0).map(to_u32);
        self.entries.shrink_to_fit();
        self.sealed = true;
        for group in self.groups.values_mut() {
            group.interviews.shrink_to_fit();
        }
        self.groups.shrink_to_fit();
        self.slots.shrink_to_fit();
    }

    /// Numbers the interviews anew in the order they are scored (their groups in the tool's
    /// order, each group's interviews in theirs), so that the entries, grouped by interview
    /// number, are read front to back: rows in random order otherwise leave each group's
    /// interviews spread over all the entries, and scoring reads them with a miss of the cache
    /// for each (measured at 10^6 rows in random order: the scoring took twice as long as for
    /// the same rows sorted).
    fn number_in_scoring_order(&mut self) {
        let order: Vec<u32> = self
            .groups_in_order()
            .iter()
            .flat_map(|g| g.interviews.values().map(|i| i.number))
            .collect();
        if order.len() != self.slots.len() {
            return;
        }
        let mut renumbered = vec![0; order.len()];
        for (new, &old) in (0..).zip(&order) {
            renumbered[old as usize] = new;
        }
        self.slots = order.iter().map(|&old| self.slots[old as usize]).collect();
        for interview in self
            .groups
            .values_mut()
            .flat_map(|g| g.interviews.values_mut())
        {
            interview.number = renumbered[interview.number as usize];
        }
        for owner in &mut self.owners {
            *owner = renumbered[*owner as usize];
        }
        // What still names interviews by their old numbers.
        self.index = None;
    }

    /// Keeps the owner of each entry from now on: those so far from the slots' counts (the
    /// entries are in interview order until `unsorted`, when they are kept already).
    fn keep_owners(&mut self) {
        if !self.owned {
            self.owned = true;
            self.owners = (0..)
                .zip(&self.slots)
                .flat_map(|(n, slot)| std::iter::repeat_n(n, slot.count as usize))
                .collect();
        }
    }

    /// Records that a worksheet left the consensus of this interview and dimension empty. The
    /// observation's scorer and score are not used.
    pub fn mark_pending(&mut self, obs: &Observation) -> Result<(), String> {
        let dim =
            u8::try_from(obs.dimension).map_err(|_| "more than 256 dimensions".to_string())?;
        let to = self.locate(obs)?;
        let slot = self.slots[to.interview as usize];
        let pending = &mut self.groups[slot.group as usize].interviews[slot.index as usize].pending;
        if !pending
            .iter()
            .flat_map(|p| p.iter())
            .any(|(d, _)| *d == dim)
        {
            let mut list = pending.take().map(Vec::from).unwrap_or_default();
            list.push((dim, obs.loc));
            *pending = Some(list.into_boxed_slice());
        }
        Ok(())
    }

    /// The names (indices) of a group's municipality, round and issue (`u32::MAX`: none).
    fn group_key(&self, spelled: [Option<SpellingId>; 4]) -> [u32; 3] {
        let mut key = [u32::MAX; 3];
        for ((k, part), id) in KEYS.into_iter().zip(&mut key).zip(spelled) {
            if let Some(id) = id {
                *part = u32::try_from(self.spellings.name(k, id)).unwrap_or(u32::MAX);
            }
        }
        key
    }

    /// The index of the group of a municipality, round and issue (their spellings), created
    /// when new (with room for `interviews`). Groups are keyed by their names: `ödeshög` is
    /// `Ödeshög`.
    fn group_index(&mut self, spelled: [Option<SpellingId>; 4], interviews: usize) -> usize {
        let key = self.group_key(spelled);
        if let Some(g) = self.groups.get_index_of(&key) {
            return g;
        }
        let text =
            |k: Key, id: Option<SpellingId>| id.map(|id| self.spellings.text(k, id).to_string());
        let group = Group {
            municipality: text(Key::Municipality, spelled[0]).unwrap_or_default(),
            round: text(Key::Round, spelled[1]),
            issue: text(Key::Issue, spelled[2]),
            interviews: Interviews::with_capacity_and_hasher(interviews, Default::default()),
            warnings: Vec::new(),
        };
        self.groups.insert_full(key, group).0
    }

    /// The number of the interview (its spelling) in group `g`, created (with no scores) when
    /// new. Interviews are keyed by the names of their ids.
    fn interview_number(&mut self, g: usize, spelled: Option<SpellingId>) -> u32 {
        let name = spelled.map_or(u32::MAX, |id| {
            to_u32(self.spellings.name(Key::Interview, id))
        });
        let interviews = &mut self.groups[g].interviews;
        if let Some(interview) = interviews.get(&name) {
            return interview.number;
        }
        let number = to_u32(self.slots.len());
        let interview = Interview {
            id: spelled.map_or("".into(), |id| {
                self.spellings.text(Key::Interview, id).into()
            }),
            role: None,
            pending: None,
            number,
        };
        let index = interviews.insert_full(name, interview).0;
        self.slots.push(Slot {
            group: to_u32(g),
            index: to_u32(index),
            ..Slot::default()
        });
        number
    }

    /// The interview an observation belongs in, created if new: found by the number of its
    /// key cells, else by their bytes, and only when they are new by their names. Fails if the
    /// interview was given another role before.
    #[inline]
    fn locate(&mut self, obs: &Observation) -> Result<Place, String> {
        let known = obs
            .key
            .and_then(|k| self.file_keys.get(k as usize).copied().flatten());
        let placed = match known {
            Some(placed) => {
                self.used_again(placed.spelled, obs.loc);
                placed
            }
            None => self.place(obs),
        };
        let n = placed.interview;
        if obs.role.is_some() {
            let slot = self.slots[n as usize];
            let interview = &mut self.groups[slot.group as usize].interviews[slot.index as usize];
            check_role(interview, obs, &self.files, self.lang)?;
        }
        // Known by its number from now on: only once its role is seen to be the interview's
        // ([`Sheet::insert_keyed`] does not look again).
        if let (None, Some(k)) = (known, obs.key) {
            let all = &mut self.file_keys;
            if all.len() <= k as usize {
                all.resize(k as usize + 1, None);
            }
            all[k as usize] = Some(placed);
        }
        Ok(Place { interview: n })
    }

    /// What an observation's key cells name, found by their bytes: created if new. A row
    /// with a key number comes here once for its number, and its cells are nearly
    /// always new: they go straight to the names (the table of bytes would only grow).
    fn place(&mut self, obs: &Observation) -> Placed {
        let keyed = obs.key.is_some();
        let raw = &mut self.raw;
        if !keyed {
            raw.start();
            for cell in [
                Some(obs.municipality),
                obs.round,
                obs.issue,
                Some(obs.interview),
            ] {
                raw.cell(cell.map(str::as_bytes));
            }
            if let Some(placed) = raw.find() {
                self.used_again(placed.spelled, obs.loc);
                return placed;
            }
        }
        self.count_uses();
        let spelled = self.spell(
            obs.municipality,
            obs.round,
            obs.issue,
            obs.interview,
            obs.loc,
        );
        let g = self.group_index(spelled, 0);
        let placed = Placed {
            interview: self.interview_number(g, spelled[3]),
            spelled: spelled.map(|s| s.map_or(NO_SPELLING, SpellingId::number)),
        };
        if !keyed {
            self.raw.add(placed);
        }
        placed
    }
}

/// Notes the role an observation gives its interview. Fails if the interview was given another
/// role before.
fn check_role(
    interview: &mut Interview,
    obs: &Observation,
    files: &[Arc<str>],
    lang: Lang,
) -> Result<(), String> {
    if let Some(role) = obs.role {
        match other_role(interview, obs.interview, role, files, lang) {
            Some(message) => return Err(message),
            None if interview.role.is_none() => {
                interview.role = Some(Box::new((role.to_string(), obs.loc)));
            }
            None => {}
        }
    }
    Ok(())
}

/// The message for `role` when `interview` (written `named` in the row that gives the role) was
/// given another role before (roles that differ only in case and spacing are the same role);
/// `None` otherwise.
fn other_role(
    interview: &Interview,
    named: &str,
    role: &str,
    files: &[Arc<str>],
    lang: Lang,
) -> Option<String> {
    let (known, at) = interview.role.as_deref()?;
    if known == role || crate::text::key_fold(known) == crate::text::key_fold(role) {
        return None;
    }
    Some(lang.fill(
        "input.other_role",
        &[
            ("interview", &named),
            ("role", &role),
            ("known", known),
            ("at", &place(files, *at)),
        ],
    ))
}

/// Adds an extra and returns its `Entry::extra` (1 + its index).
fn add_extra(extras: &mut Vec<Extra>, extra: Extra) -> Result<u32, String> {
    extras.push(extra);
    u32::try_from(extras.len()).map_err(|_| "more than 4 294 967 295 scores".to_string())
}

/// A sheet from `(municipality, interview, scorer, dimension index, score)` rows of file `t.csv`,
/// line 2 on: the fixture of the unit tests that work from a sheet.
#[cfg(test)]
pub(crate) fn sheet_of(rows: &[(&str, &str, &str, usize, &str)]) -> Sheet {
    let mut sheet = Sheet::new(6);
    sheet.add_file("t.csv");
    for (i, (municipality, interview, scorer, dimension, score)) in rows.iter().enumerate() {
        sheet
            .insert(Observation {
                municipality,
                round: None,
                issue: None,
                interview,
                role: None,
                scorer: ScorerRef::from_cell(scorer),
                dimension: *dimension,
                score: Score::parse(score).expect("a score"),
                loc: Loc {
                    file: 0,
                    line: i as u64 + 2,
                },
                evidence: None,
                key: None,
            })
            .expect("no duplicates");
    }
    sheet.seal();
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(scorer: &'static str, line: u64) -> Observation<'static> {
        Observation {
            municipality: "Kinda",
            round: None,
            issue: None,
            interview: "K1",
            role: None,
            scorer: ScorerRef::from_cell(scorer),
            dimension: 0,
            score: Score::int(4),
            loc: Loc { file: 0, line },
            evidence: None,
            key: None,
        }
    }

    #[test]
    fn scores_of_any_fineness_are_kept_exactly() {
        // Denominators past 16 bits, and more different ones than an entry can index, as a
        // rubric with a very fine step allows: each score comes back as it went in.
        let mut sheet = Sheet::new(6);
        sheet.add_file("s.csv");
        let names: Vec<String> = (0..300).map(|k| format!("S{k}")).collect();
        let scores: Vec<Score> = (0..300_i64)
            .map(|k| match k {
                0 => Score(Ratio::new(300_001, 100_000)),
                1 => Score(Ratio::new(70_000, 1)),
                _ => Score(Ratio::new(4 * k + 1, k)),
            })
            .collect();
        for (k, (name, score)) in names.iter().zip(&scores).enumerate() {
            let mut o = obs("Anna", 2 + k as u64);
            o.scorer = ScorerRef::Named(name);
            o.score = *score;
            sheet.insert(o).unwrap();
        }
        let cell = sheet.cell(&sheet.groups[0].interviews[0], 0);
        let found: Vec<(&str, Score)> =
            cell.scorers.iter().map(|(n, r)| (&***n, r.score)).collect();
        let given: Vec<(&str, Score)> = names
            .iter()
            .map(String::as_str)
            .zip(scores.clone())
            .collect();
        assert_eq!(found, given);
        drop(cell);
        // Past the first few scorers, a scorer's search bit is shared: a repeat is still found.
        for k in [3, 250] {
            let mut again = obs("Anna", 999);
            again.scorer = ScorerRef::Named(&names[k]);
            let error = sheet.insert(again).unwrap_err();
            assert!(error.starts_with("duplicate score"), "{error}");
        }
        let mut all = Vec::new();
        sheet.scores(&sheet.groups[0].interviews[0], 6, &mut all);
        assert!(all[0].scorers.iter().eq(scores.iter()));
    }

    #[test]
    fn a_score_the_keyed_path_refuses_is_no_use_of_its_scorers_spelling() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("s.csv");
        sheet.new_key_numbers();
        let keyed = |scorer, line, dimension| Observation {
            key: Some(0),
            dimension,
            ..obs(scorer, line)
        };
        sheet.insert(keyed("anna", 2, 0)).unwrap();
        sheet.insert(keyed("Anna", 3, 1)).unwrap();
        let at = |line| Loc { file: 0, line };
        let (anna, upper) = (ScorerRef::Named("anna"), ScorerRef::Named("Anna"));
        assert!(sheet.insert_keyed(0, upper, 2, Score::int(4), at(4)));
        // The first score again: refused (the general reader then says why), and no use of
        // `anna`, which would tie the two spellings and show the one seen first.
        assert!(!sheet.insert_keyed(0, anna, 0, Score::int(4), at(5)));
        let said = crate::model::message::said(&sheet.settle_spellings(), Lang::En);
        assert!(
            said.iter()
                .any(|w| w.contains("`anna` at s.csv:2; `Anna` at s.csv:3–4")
                    && w.contains("shown as `Anna`")),
            "{said:?}"
        );
    }

    #[test]
    fn consensus_is_recognised_in_both_languages() {
        assert_eq!(ScorerRef::from_cell(" Konsensus "), ScorerRef::Consensus);
        assert_eq!(ScorerRef::from_cell("CONSENSUS"), ScorerRef::Consensus);
        assert_eq!(ScorerRef::from_cell(" Åsa "), ScorerRef::Named("Åsa"));
    }

    #[test]
    fn duplicates_name_the_earlier_line() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("s.csv");
        sheet.insert(obs("Anna", 2)).unwrap();
        sheet.insert(obs("Erik", 3)).unwrap();
        sheet.insert(obs("consensus", 4)).unwrap();
        let err = sheet.insert(obs("Anna", 5)).unwrap_err();
        assert!(
            err.contains("scorer `Anna` already scored interview `K1`"),
            "{err}"
        );
        assert!(err.ends_with("at s.csv:2"), "{err}");
        let err = sheet.insert(obs("konsensus", 6)).unwrap_err();
        assert!(
            err.contains("the consensus score") && err.ends_with("s.csv:4"),
            "{err}"
        );
    }

    #[test]
    fn conflicting_roles_are_an_error() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("s.csv");
        let mut a = obs("Anna", 2);
        a.role = Some("school");
        sheet.insert(a).unwrap();
        let mut b = obs("Erik", 3);
        b.role = Some("police");
        let err = sheet.insert(b).unwrap_err();
        assert!(
            err.contains("role `police` here but `school` at s.csv:2"),
            "{err}"
        );
    }

    #[test]
    fn a_worksheet_may_repeat_a_score_from_another_file_but_not_change_it() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("scores.csv");
        let ws = sheet.add_file("worksheet.csv");
        sheet.mark_restating(ws);
        sheet.insert(obs("Anna", 2)).unwrap();
        let mut again = obs("Anna", 5);
        again.loc.file = ws;
        sheet.insert(again.clone()).unwrap();
        {
            let cell = sheet.cell(&sheet.groups.values().next().unwrap().interviews[0], 0);
            assert_eq!(cell.scorers.len(), 1);
            assert_eq!(sheet.at(cell.scorers[0].1.loc), "scores.csv:2");
        }
        // Within the worksheet, a repeat is a duplicate as anywhere else.
        again.loc.line = 6;
        let err = sheet.insert(again).unwrap_err();
        assert!(err.starts_with("duplicate score"), "{err}");
        assert!(err.ends_with("at worksheet.csv:5"), "{err}");
        // A different score from the worksheet is a conflict, whichever file comes first.
        let mut sheet = Sheet::new(6);
        let ws = sheet.add_file("worksheet.csv");
        sheet.add_file("scores.csv");
        sheet.mark_restating(ws);
        let mut changed = obs("Anna", 7);
        changed.loc.file = ws;
        changed.score = Score::parse("4.5").unwrap();
        sheet.insert(changed).unwrap();
        let mut changed = obs("Anna", 2);
        changed.loc.file = 1;
        let err = sheet.insert(changed).unwrap_err();
        assert_eq!(
            err,
            "conflicting scores for interview `K1` on this dimension: scorer `Anna` is 4 here \
             but 4.5 at worksheet.csv:7; make them agree"
        );
    }

    #[test]
    fn a_repeat_between_two_ordinary_files_is_still_a_duplicate() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("a.csv");
        sheet.add_file("b.csv");
        sheet.insert(obs("Anna", 2)).unwrap();
        let mut again = obs("Anna", 2);
        again.loc.file = 1;
        let err = sheet.insert(again).unwrap_err();
        assert!(err.ends_with("at a.csv:2"), "{err}");
    }

    #[test]
    fn all_scores_at_once_are_those_of_the_cells_one_by_one() {
        let mut sheet = sheet_of(&[
            ("Kinda", "K1", "Anna", 0, "4"),
            ("Kinda", "K1", "consensus", 0, "4.5"),
            ("Kinda", "K1", "Erik", 0, "5"),
            ("Kinda", "K1", "Erik", 2, "3"),
            ("Kinda", "K1", "Maja", 2, "3.5"),
            ("Kinda", "K1", "Olle", 2, "2"),
            ("Kinda", "K1", "consensus", 5, "6"),
        ]);
        let mut open = obs("consensus", 9);
        open.dimension = 2;
        sheet.mark_pending(&open).unwrap();
        let interview = &sheet.groups.values().next().unwrap().interviews[0];
        let mut scores = vec![Scores::default(); 9];
        sheet.scores(interview, 6, &mut scores);
        assert_eq!(scores.len(), 6);
        for (d, scores) in scores.iter().enumerate() {
            let cell = sheet.cell(interview, d);
            assert_eq!(scores.consensus, cell.consensus.map(|r| r.score), "{d}");
            let given: Vec<Score> = cell.scorers.iter().map(|(_, r)| r.score).collect();
            assert_eq!(scores.scorers.to_vec(), given, "{d}");
            assert_eq!(scores.pending, cell.pending.is_some(), "{d}");
        }
        assert_eq!(scores[2].scorers.len(), 3);
    }

    #[test]
    fn a_pending_consensus_is_recorded_once() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("worksheet.csv");
        sheet.mark_pending(&obs("consensus", 4)).unwrap();
        sheet.mark_pending(&obs("consensus", 9)).unwrap();
        let cell = sheet.cell(&sheet.groups.values().next().unwrap().interviews[0], 0);
        assert_eq!(cell.pending.map(|l| l.line), Some(4));
        assert!(cell.consensus.is_none() && cell.scorers.is_empty());
    }

    #[test]
    fn rows_in_any_order_find_their_interview_by_the_bytes_of_their_cells() {
        // Keys short and long (past what a table entry holds itself), cells whose bytes run
        // together alike (`Kinda`+`K1` and `Kind`+`aK1`), and spellings of one name.
        let long = "Kommun med ett mycket långt namn som inte ryms i tabellen";
        let rows = [
            ("Kinda", "K1", "Anna", 0, "4"),
            (long, "K1", "Anna", 0, "4"),
            ("Kind", "aK1", "Anna", 0, "4"),
            ("Kinda", "K1", "Anna", 1, "5"),
            (long, "K1", "Anna", 1, "5"),
            ("kinda", "K1", "Anna", 2, "6"),
            ("Kind", "aK1", "Anna", 1, "3"),
            ("Kinda", "K1", "Erik", 0, "4.5"),
        ];
        let sheet = sheet_of(&rows);
        type Scored = (String, String, Vec<(usize, String)>);
        let found: Vec<Scored> = sheet
            .groups_in_order()
            .iter()
            .flat_map(|g| {
                g.interviews.values().map(|i| {
                    let scores = (0..6)
                        .flat_map(|d| {
                            let cell = sheet.cell(i, d);
                            cell.scorers
                                .iter()
                                .map(|(_, r)| (d, r.score.to_plain()))
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    (g.municipality.clone(), i.id.to_string(), scores)
                })
            })
            .collect();
        let s = |d: usize, v: &str| (d, v.to_string());
        assert_eq!(
            found,
            [
                ("Kind".into(), "aK1".into(), vec![s(0, "4"), s(1, "3")]),
                (
                    "Kinda".into(),
                    "K1".into(),
                    vec![s(0, "4"), s(0, "4.5"), s(1, "5"), s(2, "6")]
                ),
                (long.into(), "K1".into(), vec![s(0, "4"), s(1, "5")]),
            ]
        );
        // Before sealing, in interview order (no owners kept) and after a row out of order.
        let mut open = Sheet::new(6);
        open.add_file("t.csv");
        let mut seen = Vec::new();
        for (k, interview) in ["K1", "K1", "K2", "K1"].into_iter().enumerate() {
            let mut o = obs(["Anna", "Erik", "Anna", "Maja"][k], 2 + k as u64);
            o.interview = interview;
            open.insert(o).unwrap();
            let counts: Vec<usize> = open.groups[0]
                .interviews
                .values()
                .map(|i| open.cell(i, 0).scorers.len())
                .collect();
            seen.push(counts);
        }
        assert_eq!(seen, [vec![1], vec![2], vec![2, 1], vec![3, 1]]);
        // The same score again, from any spelling, is a duplicate.
        let mut sheet = sheet;
        let mut again = obs("Anna", 20);
        again.municipality = "KINDA";
        again.interview = "K1";
        assert!(sheet.insert(again).unwrap_err().ends_with("at t.csv:2"));
    }
}
