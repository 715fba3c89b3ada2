//! The scoring sheet: every score read, grouped by municipality, round, issue, interview,
//! dimension and scorer.
//!
//! Rows are streamed into a [`Sheet`]; it keeps one entry per group, never the rows themselves,
//! so memory grows with the number of groups, not with the size of the input. Inserting a score
//! that is already there — the same (municipality, round, issue, interview, scorer, dimension) —
//! is an error that names both places.
//!
//! One exception: a consensus worksheet (`readiness consensus`) repeats the scores it was made
//! from, so that it can be read alone or beside its sources. A file marked as restating
//! ([`Sheet::mark_restating`]) may give a score that another file already gave, if it is the same
//! score; a different one is a conflict that names both places. Within one file a repeat is
//! always a duplicate.

use crate::anchors::Kind;
use crate::exact::Exact;
use std::collections::HashMap;

/// Where a value came from: an index into [`Sheet::files`] and a 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub file: u32,
    pub line: u64,
}

/// Who gave a score.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scorer {
    /// The agreed (combined) score of both scorers.
    Consensus,
    Named(String),
}

impl Scorer {
    /// `consensus`/`konsensus` (any case) is the agreed score; anything else is a scorer's name.
    pub fn from_cell(text: &str) -> Scorer {
        let folded = crate::text::fold(text);
        if folded == "consensus" || folded == "konsensus" {
            Scorer::Consensus
        } else {
            Scorer::Named(text.trim().to_string())
        }
    }
}

/// One score, as read from one row.
#[derive(Debug, Clone)]
pub struct Observation<'a> {
    pub municipality: &'a str,
    pub round: Option<&'a str>,
    pub issue: Option<&'a str>,
    pub interview: &'a str,
    pub role: Option<&'a str>,
    pub scorer: Scorer,
    pub dimension: usize,
    pub score: Exact,
    pub loc: Loc,
    /// For a score derived from coded segments: the codes it rests on.
    pub evidence: Option<Box<[Evidence]>>,
}

/// A score with its origin.
#[derive(Debug, Clone)]
pub struct Rated {
    pub score: Exact,
    pub loc: Loc,
    pub evidence: Option<Box<[Evidence]>>,
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

/// All scores of one interview on one dimension.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub consensus: Option<Rated>,
    /// The individual scorers' scores, in the order first seen.
    pub scorers: Vec<(String, Rated)>,
    /// Where a consensus worksheet left this cell's consensus empty: it still needs one.
    pub pending: Option<Loc>,
}

#[derive(Debug, Clone)]
pub struct Interview {
    pub id: String,
    pub role: Option<(String, Loc)>,
    /// One cell per rubric dimension.
    pub cells: Vec<Cell>,
}

/// A municipality in one round and for one issue: the unit that gets a stage.
#[derive(Debug, Clone)]
pub struct Group {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub interviews: HashMap<String, Interview>,
    /// Warnings found while reading, about this group (contradictory codes, …).
    pub warnings: Vec<String>,
}

impl Group {
    /// The interview with this id, created (with no scores) when new.
    pub fn interview_mut(&mut self, id: &str, dimensions: usize) -> &mut Interview {
        if !self.interviews.contains_key(id) {
            self.interviews.insert(
                id.to_string(),
                Interview {
                    id: id.to_string(),
                    role: None,
                    cells: vec![Cell::default(); dimensions],
                },
            );
        }
        self.interviews
            .get_mut(id)
            .expect("the interview was just ensured")
    }
}

/// Every score read, grouped.
#[derive(Debug, Default)]
pub struct Sheet {
    pub files: Vec<String>,
    pub dimensions: usize,
    pub groups: HashMap<String, Group>,
    /// Files that restate scores of other files (consensus worksheets).
    restating: Vec<u32>,
    key: String,
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

    /// The group of a municipality, round and issue, created when new.
    pub fn group_mut(
        &mut self,
        municipality: &str,
        round: Option<&str>,
        issue: Option<&str>,
    ) -> &mut Group {
        group_entry(&mut self.groups, &mut self.key, municipality, round, issue)
    }

    /// Marks `file` as one that restates scores given elsewhere (a consensus worksheet).
    pub fn mark_restating(&mut self, file: u32) {
        self.restating.push(file);
    }

    /// Adds one score. Fails, naming the earlier place, if that score is already there or the
    /// interview was given another role.
    pub fn insert(&mut self, obs: Observation) -> Result<(), String> {
        let cell = locate(
            &mut self.groups,
            &mut self.key,
            self.dimensions,
            &self.files,
            &obs,
        )?;
        let earlier = match &obs.scorer {
            Scorer::Consensus => cell.consensus.as_mut(),
            Scorer::Named(name) => cell
                .scorers
                .iter_mut()
                .find(|(n, _)| n == name)
                .map(|(_, r)| r),
        };
        if let Some(earlier) = earlier {
            let restates = |file: u32| self.restating.contains(&file);
            let across = earlier.loc.file != obs.loc.file
                && (restates(earlier.loc.file) || restates(obs.loc.file));
            // The worksheet's own earlier repeat of this score, for a duplicate within it.
            let repeat = earlier.repeated.filter(|r| r.file == obs.loc.file);
            if across && repeat.is_none() && earlier.score == obs.score {
                // The worksheet repeats a score: keep one, pointing at the original file.
                if restates(earlier.loc.file) {
                    earlier.repeated = Some(earlier.loc);
                    earlier.loc = obs.loc;
                } else {
                    earlier.repeated = Some(obs.loc);
                }
                return Ok(());
            }
            let across = across && repeat.is_none();
            let at = place(&self.files, repeat.unwrap_or(earlier.loc));
            let who = match &obs.scorer {
                Scorer::Consensus => "the consensus score".to_string(),
                Scorer::Named(n) => format!("scorer `{n}`"),
            };
            return Err(if across {
                format!(
                    "conflicting scores for interview `{}` on this dimension: {who} is {} here \
                     but {} at {at}; make them agree",
                    obs.interview,
                    obs.score.to_plain(),
                    earlier.score.to_plain()
                )
            } else {
                format!(
                    "duplicate score: {who} already scored interview `{}` on this dimension at {at}",
                    obs.interview
                )
            });
        }
        let rated = Rated {
            score: obs.score,
            loc: obs.loc,
            evidence: obs.evidence,
            repeated: None,
        };
        match obs.scorer {
            Scorer::Consensus => cell.consensus = Some(rated),
            Scorer::Named(name) => cell.scorers.push((name, rated)),
        }
        Ok(())
    }

    /// Records that a worksheet left the consensus of this interview and dimension empty. The
    /// observation's scorer and score are not used.
    pub fn mark_pending(&mut self, obs: &Observation) -> Result<(), String> {
        let cell = locate(
            &mut self.groups,
            &mut self.key,
            self.dimensions,
            &self.files,
            obs,
        )?;
        cell.pending.get_or_insert(obs.loc);
        Ok(())
    }
}

/// Every individual scorer who scored in `groups`, once each, in natural order.
pub fn scorer_names(groups: &[&Group]) -> Vec<String> {
    let mut names: Vec<String> = groups
        .iter()
        .flat_map(|g| g.interviews.values())
        .flat_map(|i| i.cells.iter())
        .flat_map(|c| c.scorers.iter().map(|(n, _)| n.clone()))
        .collect();
    names.sort_by(|a, b| crate::text::natural_cmp(a, b));
    names.dedup();
    names
}

/// The cell an observation belongs in, created if new. Fails if the interview was given another
/// role before.
fn locate<'s>(
    groups: &'s mut HashMap<String, Group>,
    key: &mut String,
    dimensions: usize,
    files: &[String],
    obs: &Observation,
) -> Result<&'s mut Cell, String> {
    let group = group_entry(groups, key, obs.municipality, obs.round, obs.issue);
    let interview = group.interview_mut(obs.interview, dimensions);
    if let Some(role) = obs.role {
        match &interview.role {
            None => interview.role = Some((role.to_string(), obs.loc)),
            Some((known, at)) if known != role => {
                return Err(format!(
                    "interview `{}` has role `{role}` here but `{known}` at {}",
                    obs.interview,
                    place(files, *at)
                ));
            }
            Some(_) => {}
        }
    }
    Ok(&mut interview.cells[obs.dimension])
}

/// The group for a key, created when new; `key` is a reusable buffer, so a lookup allocates only
/// when the group is new.
fn group_entry<'a>(
    groups: &'a mut HashMap<String, Group>,
    key: &mut String,
    municipality: &str,
    round: Option<&str>,
    issue: Option<&str>,
) -> &'a mut Group {
    key.clear();
    for part in [Some(municipality), round, issue] {
        key.push_str(part.unwrap_or(""));
        key.push('\u{1f}');
    }
    if !groups.contains_key(key.as_str()) {
        groups.insert(
            key.clone(),
            Group {
                municipality: municipality.to_string(),
                round: round.map(str::to_string),
                issue: issue.map(str::to_string),
                interviews: HashMap::new(),
                warnings: Vec::new(),
            },
        );
    }
    groups
        .get_mut(key.as_str())
        .expect("the group was just ensured")
}

fn place(files: &[String], loc: Loc) -> String {
    let file = files.get(loc.file as usize).map_or("?", String::as_str);
    format!("{file}:{}", loc.line)
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
                scorer: Scorer::from_cell(scorer),
                dimension: *dimension,
                score: Exact::parse(score).expect("a score"),
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

    fn obs(scorer: &str, line: u64) -> Observation<'static> {
        Observation {
            municipality: "Kinda",
            round: None,
            issue: None,
            interview: "K1",
            role: None,
            scorer: Scorer::from_cell(scorer),
            dimension: 0,
            score: Exact::int(4),
            loc: Loc { file: 0, line },
            evidence: None,
        }
    }

    #[test]
    fn consensus_is_recognised_in_both_languages() {
        assert_eq!(Scorer::from_cell(" Konsensus "), Scorer::Consensus);
        assert_eq!(Scorer::from_cell("CONSENSUS"), Scorer::Consensus);
        assert_eq!(Scorer::from_cell("Åsa"), Scorer::Named("Åsa".into()));
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
        let cell = &sheet.groups.values().next().unwrap().interviews["K1"].cells[0];
        assert_eq!(cell.scorers.len(), 1);
        assert_eq!(sheet.at(cell.scorers[0].1.loc), "scores.csv:2");
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
        changed.score = Exact::parse("4.5").unwrap();
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
    fn a_pending_consensus_is_recorded_once() {
        let mut sheet = Sheet::new(6);
        sheet.add_file("worksheet.csv");
        sheet.mark_pending(&obs("consensus", 4)).unwrap();
        sheet.mark_pending(&obs("consensus", 9)).unwrap();
        let cell = &sheet.groups.values().next().unwrap().interviews["K1"].cells[0];
        assert_eq!(cell.pending.map(|l| l.line), Some(4));
        assert!(cell.consensus.is_none() && cell.scorers.is_empty());
    }
}
