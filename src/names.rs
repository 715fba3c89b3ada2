//! Spellings of one name: the key cells of a row — municipality, round, issue, interview,
//! scorer or coder — name the same thing when they agree after trimming, collapsing inner runs
//! of white space and Unicode lower-casing (`ödeshög`, `Ödeshög`, `Ödeshög ` and `ÖDESHÖG` are
//! one municipality, `Kinda  Ydre` and `Kinda Ydre` another).
//!
//! [`Spellings`] interns every spelling read, counts how often it was used (a score, or a coded
//! segment) and where, and knows each name's folded key. The result shows the spelling used most
//! (ties: the one seen first), and [`Spellings::warnings`] lists each name written in more than
//! one way with the lines of each spelling, so that nothing is merged silently.

use crate::model::loc::{Loc, place};
use std::hash::BuildHasher;
use std::sync::Arc;

use crate::model::message::{Arg, Message};

/// Which key cell a name is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    Municipality,
    Round,
    Issue,
    Interview,
    Scorer,
}

impl Key {
    const ALL: [Key; 5] = [
        Key::Municipality,
        Key::Round,
        Key::Issue,
        Key::Interview,
        Key::Scorer,
    ];

    /// The catalogue key of this key's name in messages (`kommun` in Swedish).
    fn word(self) -> &'static str {
        match self {
            Key::Municipality => "input.field.municipality",
            Key::Round => "input.field.round",
            Key::Issue => "input.field.issue",
            Key::Interview => "input.field.interview",
            Key::Scorer => "input.field.scorer",
        }
    }
}

/// One spelling of a name of one [`Key`], as [`Spellings::note`] returned it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpellingId(u32);

impl SpellingId {
    /// The id as a number, for storing compactly; [`SpellingId::from_number`] gives it back.
    pub(crate) fn number(self) -> u32 {
        self.0
    }

    pub(crate) fn from_number(n: u32) -> SpellingId {
        SpellingId(n)
    }
}

/// How many stretches of lines a spelling remembers for its warning.
const RUNS_KEPT: usize = 3;

/// A stretch of consecutive lines of one file: its first place and its last line.
type Run = (Loc, u64);

/// A text in [`Names::arena`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    len: u32,
}

impl Span {
    fn of(self, arena: &str) -> &str {
        &arena[self.start..self.start + self.len as usize]
    }
}

#[derive(Debug, Clone)]
struct Spelling {
    text: Span,
    /// The index of its name in [`Names::names`].
    name: u32,
    /// The name's next spelling, in the order first seen (`u32::MAX`: none).
    next: u32,
    uses: u64,
    /// Where it was used: the first [`RUNS_KEPT`] stretches of lines, the first `kept` of
    /// `runs`, in the order used.
    runs: [Run; RUNS_KEPT],
    kept: u8,
    /// Whether it was also used beyond the stretches kept.
    more: bool,
}

impl Spelling {
    #[inline]
    fn used(&mut self, loc: Loc) {
        self.used_on(loc, loc.line, 1);
    }

    /// `count` uses on lines `loc.line..=last` of `loc`'s file, each line used at least once and
    /// in order: the same as [`Spelling::used`] on each of them. A use on a line of the last
    /// stretch kept, or the line after it, makes that stretch reach `last`; any other starts a
    /// stretch, or once [`RUNS_KEPT`] are kept only counts. A file in random order comes here
    /// for every row and every key cell, so the case of every stretch kept is a few compares.
    #[inline]
    fn used_on(&mut self, loc: Loc, last: u64, count: u64) {
        self.uses += count;
        if let Some((from, to)) = self.runs[..usize::from(self.kept)].last_mut()
            && from.file == loc.file
            && from.line <= loc.line
            && loc.line <= to.saturating_add(1)
        {
            *to = (*to).max(last);
            return;
        }
        self.add_run((loc, last));
    }

    fn add_run(&mut self, run: Run) {
        match self.runs.get_mut(usize::from(self.kept)) {
            Some(free) => {
                *free = run;
                self.kept += 1;
            }
            None => self.more = true,
        }
    }

    fn runs(&self) -> impl Iterator<Item = Run> + '_ {
        self.runs[..usize::from(self.kept)].iter().copied()
    }
}

#[derive(Debug, Clone)]
struct Name {
    fold: Span,
    /// Its first and last spelling (a list through [`Spelling::next`]).
    first: u32,
    last: u32,
}

/// The spellings and names of one [`Key`]: their texts in one arena, found through hash tables
/// of indices, so that a new name costs no allocation of its own.
#[derive(Debug, Clone, Default)]
struct Names {
    arena: String,
    exact: hashbrown::HashTable<u32>,
    by_fold: hashbrown::HashTable<u32>,
    hasher: hashbrown::DefaultHashBuilder,
    spellings: Vec<Spelling>,
    names: Vec<Name>,
}

impl Names {
    fn get(&self, span: Span) -> &str {
        span.of(&self.arena)
    }

    fn put(&mut self, text: &str) -> Span {
        let start = self.arena.len();
        self.arena.push_str(text);
        Span {
            start,
            len: to_u32(text.len()),
        }
    }

    fn find(&self, text: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(text);
        self.exact
            .find(hash, |&s| self.get(self.spellings[s as usize].text) == text)
            .copied()
    }

    /// The name `text` is a spelling of, when one is known: by its exact text, else by its fold.
    fn name_of(&self, text: &str) -> Option<u32> {
        if let Some(id) = self.find(text) {
            return Some(self.spellings[id as usize].name);
        }
        let mut fold = String::new();
        crate::text::fold_into(text, &mut fold);
        self.find_fold(&fold).1
    }

    /// The hash of a folded name, and the name with that fold when there is one.
    fn find_fold(&self, fold: &str) -> (u64, Option<u32>) {
        let hash = self.hasher.hash_one(fold);
        let known = self
            .by_fold
            .find(hash, |&n| self.get(self.names[n as usize].fold) == fold)
            .copied();
        (hash, known)
    }

    fn id(&mut self, text: &str, fold: &mut String) -> u32 {
        if let Some(id) = self.find(text) {
            return id;
        }
        crate::text::fold_into(text, fold);
        let (fold_hash, known) = self.find_fold(fold);
        let text_span = self.put(text);
        let id = to_u32(self.spellings.len());
        let name = match known {
            Some(n) => {
                let last = std::mem::replace(&mut self.names[n as usize].last, id);
                self.spellings[last as usize].next = id;
                n
            }
            None => {
                let fold_span = if fold.as_str() == text {
                    text_span
                } else {
                    self.put(fold)
                };
                let n = to_u32(self.names.len());
                self.names.push(Name {
                    fold: fold_span,
                    first: id,
                    last: id,
                });
                let (hasher, names, arena) = (&self.hasher, &self.names, &self.arena);
                self.by_fold.insert_unique(fold_hash, n, |&m| {
                    hasher.hash_one(names[m as usize].fold.of(arena))
                });
                n
            }
        };
        self.spellings.push(Spelling {
            text: text_span,
            name,
            next: u32::MAX,
            uses: 0,
            runs: [(Loc { file: 0, line: 0 }, 0); RUNS_KEPT],
            kept: 0,
            more: false,
        });
        let (hasher, spellings, arena) = (&self.hasher, &self.spellings, &self.arena);
        self.exact.insert_unique(hasher.hash_one(text), id, |&s| {
            hasher.hash_one(spellings[s as usize].text.of(arena))
        });
        id
    }

    /// The spellings of a name, in the order first seen.
    fn spellings_of(&self, name: u32) -> impl Iterator<Item = &Spelling> + '_ {
        let mut next = self.names[name as usize].first;
        std::iter::from_fn(move || {
            let s = self.spellings.get(next as usize)?;
            next = s.next;
            Some(s)
        })
    }

    /// The spelling a name is shown with: the one used most, ties the one seen first.
    fn shown(&self, name: u32) -> &str {
        let mut best: Option<&Spelling> = None;
        for s in self.spellings_of(name) {
            if best.is_none_or(|b| s.uses > b.uses) {
                best = Some(s);
            }
        }
        best.map_or("", |s| self.get(s.text))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every spelling of every key cell read.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    keys: [Names; 5],
    fold: String,
    /// While set, [`Spellings::note`] interns without counting a use: scores derived from coded
    /// segments whose spellings were counted when the segments were read.
    pub quiet: bool,
}

impl Spellings {
    /// Interns `text` as a spelling of a `key` name used at `loc`, and returns it.
    pub fn note(&mut self, key: Key, text: &str, loc: Loc) -> SpellingId {
        let id = self.intern(key, text);
        self.again(key, id, loc);
        id
    }

    /// Interns `text` as a spelling of a `key` name, with no use counted, and returns it.
    pub fn intern(&mut self, key: Key, text: &str) -> SpellingId {
        SpellingId(self.keys[key as usize].id(text, &mut self.fold))
    }

    /// Counts one more use of a spelling [`Spellings::note`] gave.
    #[inline]
    pub fn again(&mut self, key: Key, id: SpellingId, loc: Loc) {
        if !self.quiet
            && let Some(s) = self.keys[key as usize].spellings.get_mut(id.0 as usize)
        {
            s.used(loc);
        }
    }

    /// Counts `count` uses of a spelling [`Spellings::note`] gave, on the lines `loc.line..=last`
    /// of `loc`'s file (each line at least once, in order): the same as [`Spellings::again`] on
    /// each, whether or not [`Spellings::quiet`] is set now.
    #[inline]
    pub fn again_on(&mut self, key: Key, id: SpellingId, loc: Loc, last: u64, count: u64) {
        if let Some(s) = self.keys[key as usize].spellings.get_mut(id.0 as usize) {
            s.used_on(loc, last, count);
        }
    }

    /// The index of the name `text` is a spelling of (as [`Spellings::name`] counts), when that
    /// name was noted; nothing is interned.
    pub fn name_of(&self, key: Key, text: &str) -> Option<usize> {
        self.keys[key as usize].name_of(text).map(|n| n as usize)
    }

    /// The text of a spelling.
    pub fn text(&self, key: Key, id: SpellingId) -> &str {
        let names = &self.keys[key as usize];
        names.get(names.spellings[id.0 as usize].text)
    }

    /// The key a spelling's name is matched by (see [`crate::text::fold_into`]).
    pub fn fold(&self, key: Key, id: SpellingId) -> &str {
        let names = &self.keys[key as usize];
        names.get(names.names[names.spellings[id.0 as usize].name as usize].fold)
    }

    /// The index of a spelling's name, counting the names of `key` from 0 in the order first seen.
    pub fn name(&self, key: Key, id: SpellingId) -> usize {
        self.keys[key as usize].spellings[id.0 as usize].name as usize
    }

    /// How a name read as `text` is shown: its spelling used most. `text` itself when it was
    /// never noted.
    pub fn shown<'a>(&'a self, key: Key, text: &'a str) -> &'a str {
        let names = &self.keys[key as usize];
        match names.find(text) {
            Some(id) => names.shown(names.spellings[id as usize].name),
            None => text,
        }
    }

    /// Whether any name of `key` was written in more than one way.
    pub fn varies(&self, key: Key) -> bool {
        let names = &self.keys[key as usize];
        names.spellings.len() > names.names.len()
    }

    /// Adds the uses that `other` counted (of files with the same indices).
    pub fn absorb(&mut self, other: &Spellings) {
        for key in Key::ALL {
            let theirs = &other.keys[key as usize];
            for s in &theirs.spellings {
                let names = &mut self.keys[key as usize];
                let id = names.id(theirs.get(s.text), &mut self.fold) as usize;
                let mine = &mut names.spellings[id];
                mine.uses += s.uses;
                for run in s.runs() {
                    mine.add_run(run);
                }
                mine.more |= s.more;
            }
        }
    }

    /// One warning per name written in more than one way (that was used at all): each spelling
    /// with its lines, and the one shown. In key order, then by the name shown.
    pub fn warnings(&self, files: &[Arc<str>]) -> Vec<Message> {
        let mut warnings = Vec::new();
        for key in Key::ALL {
            let names = &self.keys[key as usize];
            let mut found: Vec<(&str, Message)> = Vec::new();
            for (n, name) in names.names.iter().enumerate() {
                if name.first == name.last {
                    continue;
                }
                let n = to_u32(n);
                let used: Vec<&Spelling> = names.spellings_of(n).filter(|s| s.uses > 0).collect();
                if used.len() < 2 {
                    continue;
                }
                let shown = names.shown(n);
                let each: Vec<Message> = used
                    .iter()
                    .map(|s| {
                        Message::new("read.spelling")
                            .text_arg("name", names.get(s.text))
                            .text_arg("lines", lines(s, files))
                    })
                    .collect();
                found.push((
                    shown,
                    Message::new("read.spellings")
                        .with("key", Arg::Word(key.word()))
                        .text_arg("n", used.len())
                        .with("each", Arg::List(each, "; "))
                        .text_arg("shown", shown),
                ));
            }
            found.sort_by(|a, b| crate::text::swedish_cmp(a.0, b.0));
            warnings.extend(found.into_iter().map(|(_, w)| w));
        }
        warnings
    }
}

/// `t.csv:2–7, t.csv:12` and `, …` when there were more.
fn lines(s: &Spelling, files: &[Arc<str>]) -> String {
    let mut out: Vec<String> = s
        .runs()
        .map(|(from, to)| {
            if to > from.line {
                format!("{}–{to}", place(files, from))
            } else {
                place(files, from)
            }
        })
        .collect();
    if s.more {
        out.push("…".to_string());
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64) -> Loc {
        Loc { file: 0, line }
    }

    #[test]
    fn uses_counted_by_the_stretch_are_the_uses_counted_one_by_one() {
        // Uses on lines that repeat, follow on, jump ahead and change file, of two spellings of
        // one name: counting each stretch at once leaves the same counts and places.
        let files: Vec<Arc<str>> = vec!["a.csv".into(), "b.csv".into()];
        let mut state = 11_u64;
        for _ in 0..200 {
            let (mut one, mut stretched) = (Spellings::default(), Spellings::default());
            let ids = [
                (
                    one.note(Key::Municipality, "Kinda", at(1)),
                    stretched.note(Key::Municipality, "Kinda", at(1)),
                ),
                (
                    one.note(Key::Municipality, "kinda", at(1)),
                    stretched.note(Key::Municipality, "kinda", at(1)),
                ),
            ];
            let mut loc = at(1);
            let mut run: Option<(usize, Loc, u64, u64)> = None;
            let flush = |s: &mut Spellings, run: Option<(usize, Loc, u64, u64)>| {
                if let Some((k, from, last, count)) = run {
                    s.again_on(Key::Municipality, ids[k].1, from, last, count);
                }
            };
            for _ in 0..40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                match (state >> 33) % 8 {
                    0..=2 => loc.line += 1,
                    3 => {}
                    4 => loc.line += 1 + (state >> 40) % 5,
                    5 => {
                        loc = Loc {
                            file: 1 - loc.file,
                            line: loc.line + 1,
                        }
                    }
                    _ => loc.line += 1,
                }
                let k = usize::from((state >> 50).is_multiple_of(5));
                one.again(Key::Municipality, ids[k].0, loc);
                match &mut run {
                    Some((rk, from, last, count))
                        if *rk == k
                            && from.file == loc.file
                            && (*last == loc.line || *last + 1 == loc.line) =>
                    {
                        *last = loc.line;
                        *count += 1;
                    }
                    _ => {
                        flush(&mut stretched, run.take());
                        run = Some((k, loc, loc.line, 1));
                    }
                }
            }
            flush(&mut stretched, run);
            assert_eq!(
                format!("{:?}", one.warnings(&files)),
                format!("{:?}", stretched.warnings(&files))
            );
            assert_eq!(
                one.shown(Key::Municipality, "kinda"),
                stretched.shown(Key::Municipality, "kinda")
            );
        }
    }

    #[test]
    fn spellings_that_fold_alike_are_one_name() {
        let mut s = Spellings::default();
        let a = s.note(Key::Municipality, "ödeshög", at(2));
        let b = s.note(Key::Municipality, "Ödeshög", at(3));
        let c = s.note(Key::Municipality, "ÖDESHÖG", at(4));
        let d = s.note(Key::Municipality, "Kinda  Ydre", at(5));
        let e = s.note(Key::Municipality, "kinda ydre", at(6));
        assert_eq!(s.name(Key::Municipality, a), s.name(Key::Municipality, b));
        assert_eq!(s.name(Key::Municipality, a), s.name(Key::Municipality, c));
        assert_eq!(s.name(Key::Municipality, d), s.name(Key::Municipality, e));
        assert_ne!(s.name(Key::Municipality, a), s.name(Key::Municipality, d));
        assert_eq!(s.fold(Key::Municipality, d), "kinda ydre");
        // The same text under another key is another name.
        let r = s.note(Key::Round, "ödeshög", at(2));
        assert_eq!(s.name(Key::Round, r), 0);
    }

    #[test]
    fn the_spelling_used_most_is_shown_and_ties_go_to_the_first_seen() {
        let mut s = Spellings::default();
        let lower = s.note(Key::Municipality, "ödeshög", at(2));
        let upper = s.note(Key::Municipality, "Ödeshög", at(3));
        assert_eq!(s.shown(Key::Municipality, "Ödeshög"), "ödeshög");
        s.again(Key::Municipality, upper, at(4));
        assert_eq!(s.shown(Key::Municipality, "ödeshög"), "Ödeshög");
        s.again(Key::Municipality, lower, at(9));
        assert_eq!(s.shown(Key::Municipality, "Ödeshög"), "ödeshög");
        assert_eq!(s.shown(Key::Municipality, "never seen"), "never seen");
    }

    #[test]
    fn the_warning_lists_each_spelling_with_its_lines() {
        let mut s = Spellings::default();
        let files: Vec<Arc<str>> = vec!["t.csv".into()];
        let upper = s.note(Key::Municipality, "Ödeshög", at(2));
        for line in 3..=7 {
            s.again(Key::Municipality, upper, at(line));
        }
        let lower = s.note(Key::Municipality, "ödeshög", at(8));
        s.again(Key::Municipality, upper, at(12));
        s.again(Key::Municipality, lower, at(8));
        s.note(Key::Municipality, "Kinda", at(13));
        assert!(s.varies(Key::Municipality));
        assert!(!s.varies(Key::Interview));
        let warnings = s.warnings(&files);
        assert_eq!(
            crate::model::message::said(&warnings, crate::lang::Lang::En),
            [
                "one municipality written 2 ways, `Ödeshög` at t.csv:2–7, t.csv:12; `ödeshög` at \
              t.csv:8: taken as one, shown as `Ödeshög` (the spelling used most)"
            ]
        );
        assert_eq!(
            warnings[0].text(crate::lang::Lang::Sv),
            "en kommun skriven på 2 sätt, `Ödeshög` i t.csv:2–7, t.csv:12; `ödeshög` i t.csv:8: \
             tagna som en, visas som `Ödeshög` (stavningen som används mest)"
        );
    }

    #[test]
    fn three_stretches_of_lines_are_kept_and_the_rest_counted() {
        let mut s = Spellings::default();
        let files: Vec<Arc<str>> = vec!["t.csv".into(), "u.csv".into()];
        let upper = s.note(Key::Municipality, "Kinda", at(2));
        // 2–3, 5, 9–10 kept; 12 and u.csv beyond them only counted, but 11 (the line after
        // the last stretch kept) still makes that stretch longer.
        for line in [3, 5, 9, 10, 12, 11] {
            s.again(Key::Municipality, upper, at(line));
        }
        s.again(Key::Municipality, upper, Loc { file: 1, line: 2 });
        let lower = s.note(Key::Municipality, "kinda", at(20));
        for _ in 0..7 {
            s.again(Key::Municipality, lower, at(20));
        }
        assert_eq!(
            crate::model::message::said(&s.warnings(&files), crate::lang::Lang::En),
            [
                "one municipality written 2 ways, `Kinda` at t.csv:2–3, t.csv:5, t.csv:9–11, …; \
                 `kinda` at t.csv:20: taken as one, shown as `Kinda` (the spelling used most)"
            ]
        );
    }

    #[test]
    fn quiet_notes_intern_without_counting_and_absorb_adds_the_counts() {
        let mut sheet = Spellings {
            quiet: true,
            ..Spellings::default()
        };
        sheet.note(Key::Scorer, "anna", at(2));
        sheet.quiet = false;
        let mut coded = Spellings::default();
        coded.note(Key::Scorer, "Anna", at(5));
        coded.note(Key::Scorer, "anna", at(6));
        let anna = coded.note(Key::Scorer, "Anna", at(7));
        coded.again(Key::Scorer, anna, at(8));
        assert!(sheet.warnings(&[]).is_empty());
        sheet.absorb(&coded);
        assert_eq!(sheet.shown(Key::Scorer, "anna"), "Anna");
        assert_eq!(sheet.warnings(&["c.csv".into()]).len(), 1);
    }
}
