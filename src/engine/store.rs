//! The scoring sheet: every score read, grouped by municipality, round, issue, interview,
//! dimension and scorer.
//!
//! Rows are streamed into a [`Sheet`]; it keeps one entry per group, never the rows themselves,
//! so memory grows with the number of groups, not with the size of the input. Each score is one
//! 16-byte entry in its interview's flat list (scorer names and denominators interned, the rare
//! extras — coded evidence, worksheet repeats, a score too fine for 16 bits — kept aside);
//! [`Sheet::cell`] gives the view of one interview and dimension that the scoring, agreement and
//! consensus code reads ([`Sheet::scores`]: the scores alone, of all dimensions in one pass).
//! Inserting a score that is already there — the same (municipality, round, issue, interview,
//! scorer, dimension) — is an error that names both places.
//!
//! One exception: a consensus worksheet (`readiness consensus`) repeats the scores it was made
//! from, so that it can be read alone or beside its sources. A file marked as restating
//! ([`Sheet::mark_restating`]) may give a score that another file already gave, if it is the same
//! score; a different one is a conflict that names both places. Within one file a repeat is
//! always a duplicate.

use crate::anchors::Kind;
use crate::exact::Score;
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

pub use crate::loc::Loc;
use crate::loc::place;
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

/// Where a score went: its group and interview, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    group: usize,
    interview: usize,
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
    pub scorers: SmallVec<[(&'a str, Rated<'a>); 2]>,
    /// Where a consensus worksheet left this cell's consensus empty: it still needs one.
    pub pending: Option<Loc>,
}

/// One stored score, in 16 bytes (a long file holds one per row). `who` is 0 for the consensus
/// score, else 1 + the scorer's index in [`Sheet::scorers`]; `extra` is 0, or 1 + an index into
/// the sheet's extras; `den` indexes the sheet's denominators (a scale has one or two).
#[derive(Debug, Clone, Copy)]
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
    entries: Vec<Entry>,
    /// Dimensions whose consensus a worksheet left empty, and where (boxed: only worksheets
    /// have any).
    pending: Option<Box<[(u8, Loc)]>>,
    /// The [`Interview::seen_bit`]s of the scores held: a new score whose bit is not set needs no
    /// search for an earlier one.
    seen: u64,
}

impl Interview {
    /// A bit standing for a (dimension, scorer): distinct for the consensus and the first six
    /// scorers on nine dimensions, shared beyond.
    fn seen_bit(dim: u8, who: u16) -> u64 {
        1 << ((usize::from(dim) * 7 + usize::from(who)) % 64)
    }

    /// Whether this interview has any score at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A municipality in one round and for one issue: the unit that gets a stage.
#[derive(Debug, Clone)]
pub struct Group {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub interviews: Interviews,
    /// Warnings found while reading, about this group (contradictory codes, …).
    pub warnings: Vec<String>,
}

impl Group {
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
    pub files: Vec<String>,
    pub dimensions: usize,
    pub groups: Groups,
    /// Files that restate scores of other files (consensus worksheets).
    restating: Vec<u32>,
    /// Individual scorers' names, interned: entries refer to them by index (`who` − 1).
    scorers: Vec<String>,
    /// Each spelling of a scorer's name seen, and its `who`: searched in order while there are
    /// few, by hash beyond.
    scorer_spellings: Vec<(Box<str>, SpellingId, u16)>,
    scorer_index: HashMap<Box<str>, (SpellingId, u16)>,
    /// The `who` of each scorer name of [`Sheet::spellings`].
    who_of_name: Vec<u16>,
    /// Every spelling of every key cell: groups, interviews and scorers are matched by their
    /// names' folded keys (`ödeshög` is `Ödeshög`), and shown as spelt most.
    pub spellings: Spellings,
    /// The spellings of the last observation placed (municipality, round, issue, interview).
    last_spelled: Option<[Option<SpellingId>; 4]>,
    extras: Vec<Extra>,
    /// The denominators of the scores stored, each once; entries refer to them by index.
    denominators: Vec<u16>,
    /// The group and interview of the last score inserted: a file sorted by interview finds
    /// them again by comparing names, without hashing.
    last: Option<(usize, usize)>,
    /// How many scores the last interview left behind had: room to give the next one.
    typical: usize,
}

impl Sheet {
    pub fn new(dimensions: usize) -> Sheet {
        Sheet {
            dimensions,
            ..Sheet::default()
        }
    }

    /// Registers an input file and returns its index for [`Loc`].
    pub fn add_file(&mut self, name: &str) -> u32 {
        self.files.push(name.to_string());
        u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX)
    }

    /// `file:line` for messages.
    pub fn at(&self, loc: Loc) -> String {
        place(&self.files, loc)
    }

    /// Several places for messages: `s.csv lines 8, 9`, or `a.csv:8, b.csv:9` across files.
    pub fn places(&self, locs: &[Loc]) -> String {
        let mut locs = locs.to_vec();
        locs.sort();
        match locs.first() {
            Some(first) if locs.iter().all(|l| l.file == first.file) && locs.len() > 1 => {
                let lines: Vec<String> = locs.iter().map(|l| l.line.to_string()).collect();
                let file = self
                    .files
                    .get(first.file as usize)
                    .map_or("?", String::as_str);
                format!("{file} lines {}", lines.join(", "))
            }
            _ => locs
                .iter()
                .map(|l| self.at(*l))
                .collect::<Vec<_>>()
                .join(", "),
        }
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
        let quiet = std::mem::replace(&mut self.spellings.quiet, true);
        let loc = Loc { file: 0, line: 0 };
        let spelled = self.spell(municipality, round, issue, interview, loc);
        self.spellings.quiet = quiet;
        let g = self.group_index(spelled, 0);
        let i = self.interview_index(g, spelled[3]);
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

    /// One more use of the last observation's spellings.
    #[inline]
    fn used_again(&mut self, loc: Loc) {
        if let Some(spelled) = self.last_spelled {
            for (key, id) in KEYS.into_iter().zip(spelled) {
                if let Some(id) = id {
                    self.spellings.again(key, id, loc);
                }
            }
        }
    }

    /// Shows every group, interview and scorer with its spelling used most, and returns a
    /// warning for each name written in more than one way.
    pub fn settle_spellings(&mut self) -> Vec<String> {
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
            shown(Key::Scorer, name);
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
        for e in interview.entries.iter().filter(|e| usize::from(e.dim) == d) {
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
                    .push((self.scorers[usize::from(who) - 1].as_str(), rated)),
            }
        }
        cell
    }

    /// One interview's scores on dimensions `0..dimensions`, in `scores` (cleared first, reused
    /// between calls): one pass over the interview, the scores of [`Sheet::cell`] for each
    /// dimension.
    pub fn scores(&self, interview: &Interview, dimensions: usize, scores: &mut Vec<Scores>) {
        scores.clear();
        scores.resize_with(dimensions, Scores::default);
        for e in &interview.entries {
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
            .flat_map(|i| i.entries.iter())
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
            .map(|(n, _)| n.clone())
            .collect();
        names.sort_by(|a, b| crate::text::natural_cmp(a, b));
        names
    }

    /// The index (`who`) of a scorer, interned when new; a use of its spelling at `loc`.
    fn who(&mut self, scorer: ScorerRef, loc: Loc) -> Result<u16, String> {
        let ScorerRef::Named(name) = scorer else {
            return Ok(0);
        };
        // A handful of spellings is the rule: comparing names beats hashing them.
        let known = if self.scorer_spellings.len() <= 8 {
            self.scorer_spellings
                .iter()
                .find(|(s, _, _)| same(s, name))
                .map(|&(_, id, who)| (id, who))
        } else {
            self.scorer_index.get(name).copied()
        };
        if let Some((id, who)) = known {
            self.spellings.again(Key::Scorer, id, loc);
            return Ok(who);
        }
        let id = self.spellings.note(Key::Scorer, name, loc);
        let n = self.spellings.name(Key::Scorer, id);
        let who = match self.who_of_name.get(n) {
            Some(&who) => who,
            None => {
                let who = u16::try_from(self.scorers.len() + 1)
                    .map_err(|_| "more than 65 534 different scorer names".to_string())?;
                self.scorers.push(name.to_string());
                self.who_of_name.resize(n + 1, who);
                who
            }
        };
        self.scorer_spellings.push((name.into(), id, who));
        self.scorer_index.insert(name.into(), (id, who));
        Ok(who)
    }

    /// Adds one score, and returns where it went. Fails, naming the earlier place, if that
    /// score is already there or the interview was given another role.
    pub fn insert(&mut self, mut obs: Observation) -> Result<Place, String> {
        let who = self.who(obs.scorer, obs.loc)?;
        let dim =
            u8::try_from(obs.dimension).map_err(|_| "more than 256 dimensions".to_string())?;
        if obs.loc.file > u32::from(u16::MAX) {
            return Err("more than 65 535 input files".to_string());
        }
        let to = self.locate(&obs)?;
        match self.add(to, who, dim, obs.score, obs.loc, obs.evidence.take()) {
            Ok(()) => Ok(to),
            Err(Refused::Earlier(k)) => self.again(to, k, &obs).map(|()| to),
            Err(Refused::Full(message)) => Err(message),
        }
    }

    /// Adds a score to an interview whose place an earlier [`Sheet::insert`] gave (a row of the
    /// same municipality, round, interview and role), from the same file. Returns `false`,
    /// changing nothing, when the score cannot simply be added — it is there already, or a limit
    /// is reached — for [`Sheet::insert`] to say why.
    #[inline]
    pub fn insert_at(
        &mut self,
        to: Place,
        scorer: ScorerRef,
        dimension: usize,
        score: Score,
        loc: Loc,
    ) -> bool {
        let (Ok(who), Ok(dim)) = (self.who(scorer, loc), u8::try_from(dimension)) else {
            return false;
        };
        let added = self.add(to, who, dim, score, loc, None).is_ok();
        if added {
            self.used_again(loc);
        }
        added
    }

    /// A score given again for an interview, dimension and scorer: the earlier one is entry `k`.
    /// A consensus worksheet that repeats a score is fine (the repeat is noted); anything else
    /// fails, naming the earlier place.
    fn again(&mut self, to: Place, k: usize, obs: &Observation) -> Result<(), String> {
        let Some(earlier) = self.groups[to.group].interviews[to.interview]
            .entries
            .get_mut(k)
        else {
            return Err(format!(
                "duplicate score for interview `{}` on this dimension",
                obs.interview
            ));
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
        let at = place(&self.files, repeat.unwrap_or(earlier.loc()));
        let who = match obs.scorer {
            ScorerRef::Consensus => "the consensus score".to_string(),
            ScorerRef::Named(n) => format!("scorer `{n}`"),
        };
        Err(if across {
            format!(
                "conflicting scores for interview `{}` on this dimension: {who} is {} here \
                     but {} at {at}; make them agree",
                obs.interview,
                obs.score.to_plain(),
                earlier_score.to_plain()
            )
        } else {
            format!(
                "duplicate score: {who} already scored interview `{}` on this dimension at {at}",
                obs.interview
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
        let interview = &mut self.groups[to.group].interviews[to.interview];
        let bit = Interview::seen_bit(dim, who);
        // Only a (dimension, scorer) whose bit is set can have been scored before.
        if interview.seen & bit != 0
            && let Some(k) = interview
                .entries
                .iter()
                .position(|e| e.dim == dim && e.who == who)
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
        if interview.entries.len() == interview.entries.capacity() {
            // A new interview gets room for as many scores as the one before it had (a file
            // sorted by interview fills each exactly, in one allocation); after that, room for
            // one more score per dimension (where doubling would leave a third unused).
            let room = match interview.entries.len() {
                0 => self.typical,
                _ => 0,
            };
            interview
                .entries
                .reserve_exact(room.max(self.dimensions).max(1));
        }
        interview.entries.push(entry);
        interview.seen |= bit;
        Ok(())
    }

    /// Gives back the room that growing left unused. Maps of interviews double as they grow, so
    /// a group of five interviews holds room for eight; after reading, the memory freed goes to
    /// the scoring instead of the peak growing further.
    pub fn shrink_to_fit(&mut self) {
        for group in self.groups.values_mut() {
            group.interviews.shrink_to_fit();
        }
        self.groups.shrink_to_fit();
    }

    /// Records that a worksheet left the consensus of this interview and dimension empty. The
    /// observation's scorer and score are not used.
    pub fn mark_pending(&mut self, obs: &Observation) -> Result<(), String> {
        let dim =
            u8::try_from(obs.dimension).map_err(|_| "more than 256 dimensions".to_string())?;
        let to = self.locate(obs)?;
        let pending = &mut self.groups[to.group].interviews[to.interview].pending;
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

    /// The index of the interview (its spelling) in group `g`, created (with no scores) when new.
    /// Interviews are keyed by the names of their ids.
    fn interview_index(&mut self, g: usize, spelled: Option<SpellingId>) -> usize {
        let Some(id) = spelled else { return 0 };
        let name = u32::try_from(self.spellings.name(Key::Interview, id)).unwrap_or(u32::MAX);
        let interviews = &mut self.groups[g].interviews;
        if let Some(i) = interviews.get_index_of(&name) {
            return i;
        }
        let interview = Interview {
            id: self.spellings.text(Key::Interview, id).into(),
            role: None,
            entries: Vec::new(),
            pending: None,
            seen: 0,
        };
        interviews.insert_full(name, interview).0
    }

    /// Whether an observation's key cells are, byte for byte, those of the last one placed.
    fn same_as_last(&self, obs: &Observation) -> bool {
        let Some(spelled) = self.last_spelled else {
            return false;
        };
        let cells = [
            Some(obs.municipality),
            obs.round,
            obs.issue,
            Some(obs.interview),
        ];
        KEYS.into_iter()
            .zip(spelled)
            .zip(cells)
            .all(|((k, id), cell)| match (id, cell) {
                (Some(id), Some(cell)) => same(self.spellings.text(k, id), cell),
                (id, cell) => id.is_none() && cell.is_none(),
            })
    }

    /// The group and interview (indices) an observation belongs in, created if new. Fails if
    /// the interview was given another role before.
    fn locate(&mut self, obs: &Observation) -> Result<Place, String> {
        let (g, i) = match self.last {
            Some((g, i)) if self.same_as_last(obs) => {
                self.used_again(obs.loc);
                (g, i)
            }
            _ => {
                // A new group gets room for as many interviews as the last one had.
                let mut room = 0;
                if let Some((g, i)) = self.last {
                    self.typical = self.groups[g].interviews[i].entries.len();
                    room = self.groups[g].interviews.len();
                }
                let spelled = self.spell(
                    obs.municipality,
                    obs.round,
                    obs.issue,
                    obs.interview,
                    obs.loc,
                );
                // A new interview is most often one of the last row's group.
                let g = match (self.last, self.last_spelled) {
                    (Some((g, _)), Some(last))
                        if self.group_key(last) == self.group_key(spelled) =>
                    {
                        g
                    }
                    _ => self.group_index(spelled, room),
                };
                self.last_spelled = Some(spelled);
                (g, self.interview_index(g, spelled[3]))
            }
        };
        self.last = Some((g, i));
        check_role(&mut self.groups[g].interviews[i], obs, &self.files)?;
        Ok(Place {
            group: g,
            interview: i,
        })
    }
}

/// Notes the role an observation gives its interview. Fails if the interview was given another
/// role before.
fn check_role(
    interview: &mut Interview,
    obs: &Observation,
    files: &[String],
) -> Result<(), String> {
    if let Some(role) = obs.role {
        match interview.role.as_deref() {
            None => interview.role = Some(Box::new((role.to_string(), obs.loc))),
            Some((known, at))
                if known != role && crate::text::key_fold(known) != crate::text::key_fold(role) =>
            {
                return Err(format!(
                    "interview `{}` has role `{role}` here but `{known}` at {}",
                    obs.interview,
                    place(files, *at)
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Adds an extra and returns its `Entry::extra` (1 + its index).
fn add_extra(extras: &mut Vec<Extra>, extra: Extra) -> Result<u32, String> {
    extras.push(extra);
    u32::try_from(extras.len()).map_err(|_| "more than 4 294 967 295 scores".to_string())
}

/// [`crate::text::same`] for names.
fn same(a: &str, b: &str) -> bool {
    crate::text::same(a.as_bytes(), b.as_bytes())
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
            })
            .expect("no duplicates");
    }
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
        let found: Vec<(&str, Score)> = cell.scorers.iter().map(|(n, r)| (*n, r.score)).collect();
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
    fn same_is_string_equality() {
        let words = [
            "",
            "K",
            "K1",
            "Kinda",
            "Kommun 1",
            "Kommun 12",
            "Kommun 123",
            "Åtvidaberg",
            "Åtvidabergs kommun",
            "Kommun 1234567890",
            "Kommun 1234567891",
            "2025",
            "2026",
            "K12",
            "K13",
            "K123",
            "K124",
            "Anna",
            "Erik",
            "Åsa",
            "Åse",
            "Kindas",
            "Kindaz",
        ];
        for a in words {
            for b in words {
                assert_eq!(same(a, b), a == b, "`{a}` `{b}`");
            }
        }
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
}
