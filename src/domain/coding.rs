//! Applying a rubric's anchors to coded interview transcripts.
//!
//! Analysts tag transcript segments with the anchored statement they give evidence for:
//! `A4` (the statement at level 4 of dimension A is met), `A4~` (partly met) or `-A4` (evidence
//! that it is not met). A QDA tool may write a code as a path (`Readiness\A Efforts\A4`,
//! `Readiness > A4`, `Readiness::A4`); the last component counts. A cell may hold several codes
//! separated by `;` or line breaks.
//!
//! **The rule**, per municipality, round, interview, coder and dimension: the score is the highest
//! level coded as met that lies below the lowest level coded as not met; if the level just above
//! that score is coded as partly met (and not also as not met), the rubric's `partial_credit`
//! (half a level in the shipped rubrics) is added. With no level coded as met below that cap there
//! is no score. A level coded as met at or above a level coded as not met is a contradiction.

use crate::model::anchor::Kind;
use crate::model::number::Exact;
use crate::rubric::Rubric;
use crate::text::{fold, trim};
use rustc_hash::FxHashMap as HashMap;

/// One code read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code<'a> {
    /// A code naming an anchor of the rubric.
    Anchor {
        dimension: usize,
        level: u32,
        kind: Kind,
    },
    /// Looks like an anchor id (`G4`, `A12`) but the rubric has no such anchor: likely a typo.
    Unknown(&'a str),
    /// Any other code of the project ("Citat", "Följ upp"): counted, not an error.
    Other(&'a str),
}

/// Looks up codes in a rubric's anchors.
#[derive(Debug, Clone)]
pub struct Anchors {
    by_id: HashMap<String, (usize, u32)>,
    /// Codes already read, by their text: a coded export spells a few dozen codes over and over.
    /// Bounded by [`MEMO_CODES`] and [`MEMO_CODE_BYTES`].
    memo: HashMap<Box<str>, Memo>,
}

/// At most this many distinct codes are remembered; later ones are parsed each time.
const MEMO_CODES: usize = 4096;
/// Longer codes (likely text in the wrong column, each one different) are never remembered.
const MEMO_CODE_BYTES: usize = 64;

/// A [`Code`] without its text, as remembered: `Unknown` and `Other` are the trimmed code.
#[derive(Debug, Clone, Copy)]
enum Memo {
    Anchor {
        dimension: usize,
        level: u32,
        kind: Kind,
    },
    Unknown,
    Other,
}

impl Anchors {
    pub fn new(rubric: &Rubric) -> Anchors {
        let mut by_id = HashMap::default();
        for (d, dim) in rubric.dimensions.iter().enumerate() {
            for a in &dim.anchors {
                by_id.insert(fold(&a.id), (d, a.level));
            }
        }
        Anchors {
            by_id,
            memo: HashMap::default(),
        }
    }

    /// [`Anchors::parse`], remembering the codes it has seen: a repeated code costs one lookup.
    pub fn read<'a>(&mut self, raw: &'a str) -> Code<'a> {
        match self.memo.get(raw) {
            Some(&Memo::Anchor {
                dimension,
                level,
                kind,
            }) => Code::Anchor {
                dimension,
                level,
                kind,
            },
            Some(Memo::Unknown) => Code::Unknown(trim(raw)),
            Some(Memo::Other) => Code::Other(trim(raw)),
            None => {
                let code = self.parse(raw);
                if self.memo.len() < MEMO_CODES && raw.len() <= MEMO_CODE_BYTES {
                    let memo = match code {
                        Code::Anchor {
                            dimension,
                            level,
                            kind,
                        } => Memo::Anchor {
                            dimension,
                            level,
                            kind,
                        },
                        Code::Unknown(_) => Memo::Unknown,
                        Code::Other(_) => Memo::Other,
                    };
                    self.memo.insert(raw.into(), memo);
                }
                code
            }
        }
    }

    /// Reads one code (already split from its cell).
    pub fn parse<'a>(&self, raw: &'a str) -> Code<'a> {
        let trimmed = trim(raw);
        let last = last_component(trimmed);
        let (mut kind, id) = if let Some(rest) = last.strip_prefix(['-', '\u{2212}']) {
            (Kind::NotMet, trim(rest))
        } else if let Some(rest) = last.strip_suffix('~') {
            (Kind::Partly, trim(rest))
        } else {
            (Kind::Met, last)
        };
        // `-Readiness\A4`: the marker may stand before the whole path.
        if kind == Kind::Met && trimmed.starts_with(['-', '\u{2212}']) {
            kind = Kind::NotMet;
        }
        match self.by_id.get(&fold(id)) {
            Some(&(dimension, level)) => Code::Anchor {
                dimension,
                level,
                kind,
            },
            None if looks_like_anchor(id) => Code::Unknown(trimmed),
            None => Code::Other(trimmed),
        }
    }
}

/// The last component of a code path: `Readiness\A Efforts\A4`, `Readiness > A4`, `R::A4`, `R/A4`.
fn last_component(code: &str) -> &str {
    // The separators are ASCII, so byte positions are character boundaries.
    let after = |i: Option<usize>, len: usize| i.map_or(0, |i| i + len);
    let sep = code.bytes().rposition(|b| matches!(b, b'\\' | b'>' | b'/'));
    let part = &code[after(sep, 1)..];
    let colons = part.as_bytes().windows(2).rposition(|w| w == b"::");
    trim(&part[after(colons, 2)..])
}

/// One to three letters then one to three digits: the shape of an anchor id.
fn looks_like_anchor(id: &str) -> bool {
    let letters = id.chars().take_while(|c| c.is_alphabetic()).count();
    let rest = &id[id.char_indices().nth(letters).map_or(id.len(), |(i, _)| i)..];
    (1..=3).contains(&letters)
        && (1..=3).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_digit())
}

/// Splits a cell into its codes: `;` and line breaks separate them.
pub fn split_codes(cell: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(cell);
    std::iter::from_fn(move || {
        loop {
            let text = rest?;
            // The separators are ASCII, so byte positions are character boundaries.
            let code = match text.bytes().position(|b| matches!(b, b';' | b'\n' | b'\r')) {
                Some(i) => {
                    rest = Some(&text[i + 1..]);
                    &text[..i]
                }
                None => {
                    rest = None;
                    text
                }
            };
            let code = trim(code);
            if !code.is_empty() {
                return Some(code);
            }
        }
    })
}

/// The score for the outcome of [`Codings::rule`]: the level, plus `partial_credit` when the
/// level above is partly met.
pub fn rule_score(level: u32, partly: bool, partial_credit: &Exact) -> Exact {
    let score = Exact::int(i64::from(level));
    if partly {
        &score + partial_credit
    } else {
        score
    }
}

/// The levels coded met, partly met and not met for one coder, interview and dimension, as bit
/// sets (bit `l` is level `l`; rubrics have at most 63 levels, so one word suffices).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Codings {
    pub met: Levels,
    pub partly: Levels,
    pub not_met: Levels,
}

/// A set of levels 0..=63.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Levels(u64);

impl Levels {
    pub fn insert(&mut self, level: u32) {
        if level < 64 {
            self.0 |= 1 << level;
        }
    }
    pub fn contains(self, level: u32) -> bool {
        level < 64 && self.0 & (1 << level) != 0
    }
    pub fn min(self) -> Option<u32> {
        (self.0 != 0).then(|| self.0.trailing_zeros())
    }
    /// The highest level below `cap` (exclusive), if any.
    pub fn max_below(self, cap: u32) -> Option<u32> {
        let mask = if cap >= 64 {
            u64::MAX
        } else {
            (1u64 << cap) - 1
        };
        let below = self.0 & mask;
        (below != 0).then(|| 63 - below.leading_zeros())
    }
    /// Levels at or above `floor`.
    pub fn at_or_above(self, floor: u32) -> impl Iterator<Item = u32> {
        (floor.min(64)..64).filter(move |l| self.contains(*l))
    }
}

impl Codings {
    pub fn add(&mut self, level: u32, kind: Kind) {
        match kind {
            Kind::Met => self.met.insert(level),
            Kind::Partly => self.partly.insert(level),
            Kind::NotMet => self.not_met.insert(level),
        }
    }

    /// The rule, before the partial credit is valued: the highest level coded as met below the
    /// cap, and whether the level just above it is partly met (and not also not met); `None`
    /// when no level is coded as met below the cap (no score). [`rule_score`] values it.
    pub fn rule(&self) -> Option<(u32, bool)> {
        let cap = self.not_met.min().unwrap_or(u32::MAX);
        let level = self.met.max_below(cap)?;
        let next = level + 1;
        Some((
            level,
            self.partly.contains(next) && !self.not_met.contains(next),
        ))
    }

    /// Levels coded as met at or above the lowest level coded as not met: a contradiction.
    pub fn contradiction(&self) -> Option<(Vec<u32>, u32)> {
        let lowest_not = self.not_met.min()?;
        let met: Vec<u32> = self.met.at_or_above(lowest_not).collect();
        (!met.is_empty()).then_some((met, lowest_not))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codings(codes: &[&str]) -> Codings {
        let rubric = Rubric::load("crm6").unwrap();
        let anchors = Anchors::new(&rubric);
        let mut c = Codings::default();
        for code in codes {
            match anchors.parse(code) {
                Code::Anchor { level, kind, .. } => c.add(level, kind),
                other => panic!("{code}: {other:?}"),
            }
        }
        c
    }

    fn score(codes: &[&str]) -> Option<String> {
        let half = Exact::parse("0.5").unwrap();
        codings(codes)
            .rule()
            .map(|(level, partly)| rule_score(level, partly, &half).to_plain())
    }

    #[test]
    fn met_levels_give_the_highest() {
        assert_eq!(score(&["A2", "A4", "A3"]).as_deref(), Some("4"));
    }

    #[test]
    fn partly_met_level_above_adds_half() {
        assert_eq!(score(&["A4", "A5~"]).as_deref(), Some("4.5"));
        // Partly met two levels up does not count.
        assert_eq!(score(&["A4", "A6~"]).as_deref(), Some("4"));
        // Partly met and also not met at the same level: no half point.
        assert_eq!(score(&["A4", "A5~", "-A5"]).as_deref(), Some("4"));
    }

    #[test]
    fn not_met_caps_the_score() {
        assert_eq!(score(&["A3", "A6", "-A5"]).as_deref(), Some("3"));
        assert_eq!(score(&["A3", "-A7"]).as_deref(), Some("3"));
    }

    #[test]
    fn no_met_level_below_the_cap_is_no_score() {
        assert_eq!(score(&[]), None);
        assert_eq!(score(&["A5~"]), None);
        assert_eq!(score(&["-A3", "A4"]), None);
    }

    #[test]
    fn contradictions_are_found() {
        assert_eq!(
            codings(&["A3", "A6", "-A5"]).contradiction(),
            Some((vec![6], 5))
        );
        assert_eq!(codings(&["A5", "-A5"]).contradiction(), Some((vec![5], 5)));
        assert_eq!(codings(&["A4", "-A5"]).contradiction(), None);
    }

    #[test]
    fn codes_are_read_from_paths_markers_and_case() {
        let rubric = Rubric::load("crm6").unwrap();
        let a = Anchors::new(&rubric);
        let anchor = |dimension, level, kind| Code::Anchor {
            dimension,
            level,
            kind,
        };
        assert_eq!(a.parse("Readiness\\A Efforts\\A4"), anchor(0, 4, Kind::Met));
        assert_eq!(a.parse("Readiness > C7~"), anchor(2, 7, Kind::Partly));
        assert_eq!(a.parse("Readiness::-f2"), anchor(5, 2, Kind::NotMet));
        assert_eq!(a.parse(" −B3 "), anchor(1, 3, Kind::NotMet));
        assert_eq!(a.parse("-Readiness\\E2"), anchor(4, 2, Kind::NotMet));
        assert_eq!(a.parse("Följ upp"), Code::Other("Följ upp"));
        assert_eq!(a.parse("Citat"), Code::Other("Citat"));
        assert_eq!(a.parse("G4"), Code::Unknown("G4"));
        assert_eq!(a.parse("A10"), Code::Unknown("A10"));
    }

    #[test]
    fn cells_split_on_semicolons_and_line_breaks() {
        let codes: Vec<&str> = split_codes("A4; B3~\r\n-C5\n\nCitat").collect();
        assert_eq!(codes, ["A4", "B3~", "-C5", "Citat"]);
        for cell in ["", " ; ;\n", "Följ upp", ";A4;", " Ö ;\r\nå"] {
            let by_chars: Vec<&str> = cell
                .split([';', '\n', '\r'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(split_codes(cell).collect::<Vec<_>>(), by_chars, "{cell:?}");
        }
    }

    #[test]
    fn the_last_component_is_after_the_last_separator() {
        let by_patterns = |code: &str| -> String {
            let part = code.rsplit(['\\', '>', '/']).next().unwrap_or(code);
            part.rsplit("::").next().unwrap_or(part).trim().to_string()
        };
        for code in [
            "A4",
            "R::A4",
            "R:::A4",
            "R::::A4",
            "R:A4",
            "a::b\\c::d ",
            "x>y/z\\ A4",
            "Följ::upp",
            "::",
            ":",
            "A4::",
            "å>",
        ] {
            assert_eq!(last_component(code), by_patterns(code), "{code:?}");
        }
    }

    #[test]
    fn remembered_codes_read_as_parsed() {
        let rubric = Rubric::load("crm6").unwrap();
        let mut a = Anchors::new(&rubric);
        let codes = ["Readiness\\A4", " -B3", "Citat", "G4", "A5~", "Följ upp"];
        for _ in 0..2 {
            for code in codes {
                assert_eq!(a.read(code), a.parse(code), "{code}");
            }
        }
        assert_eq!(a.memo.len(), codes.len());
        // The memo is bounded, and long codes are never kept.
        let long = "x".repeat(MEMO_CODE_BYTES + 1);
        assert_eq!(a.read(&long), Code::Other(&long));
        assert_eq!(a.memo.len(), codes.len());
        for i in 0..MEMO_CODES + 10 {
            let code = format!("Kod {i}");
            assert_eq!(a.read(&code), Code::Other(&code));
        }
        assert_eq!(a.memo.len(), MEMO_CODES);
    }

    #[test]
    fn level_sets() {
        let mut l = Levels::default();
        for x in [2, 5, 9] {
            l.insert(x);
        }
        assert_eq!(l.min(), Some(2));
        assert_eq!(l.max_below(9), Some(5));
        assert_eq!(l.max_below(2), None);
        assert_eq!(l.max_below(u32::MAX), Some(9));
        assert_eq!(l.at_or_above(5).collect::<Vec<_>>(), [5, 9]);
    }
}
