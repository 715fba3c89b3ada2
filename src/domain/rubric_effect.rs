//! Comparing two score reports of the same data under two rubrics: which municipalities'
//! dimension scores, overall score or stage differ. Used by `readiness rubric diff --data`.
//!
//! Groups (municipality, round, issue) are matched by name; dimensions by id. A dimension that
//! only one rubric has is compared with "no score" on the other side, so a change of the
//! dimension set shows as a score change of every municipality, and the overall scores — means
//! over different dimensions — are still compared as what each rubric says.

use crate::domain::score::{ByDimension, GroupResult, ScoreReport};
use crate::model::GroupKey;
use crate::model::number::Exact;
use crate::rubric::Rubric;
use crate::rubric::diff::Change;
use serde::Serialize;
use std::collections::HashMap;

/// A value under the old and the new rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Pair<T> {
    pub fn differs(&self) -> bool {
        self.old != self.new
    }
}

/// How one group fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The stage (its level) differs.
    Stage,
    /// Some score differs, the stage does not.
    Scores,
    /// Nothing differs (a stage's name may, when the rubric renamed it).
    Unchanged,
}

/// One municipality (and round, issue) under both rubrics.
#[derive(Debug, Clone, Serialize)]
pub struct GroupDiff {
    /// The municipality, round and issue (flattened into the JSON object, as three fields).
    #[serde(flatten)]
    pub key: GroupKey,
    pub outcome: Outcome,
    /// Every dimension of either rubric: the old rubric's order, then the new one's additions.
    pub dimensions: ByDimension<Pair<Option<Exact>>>,
    pub overall: Pair<Option<Exact>>,
    pub stage: Pair<Option<i64>>,
    pub stage_name: Pair<Option<String>>,
}

/// What `readiness rubric diff` computes: the changes to the rubric and, with data, what they do
/// to each municipality's scores and stage.
#[derive(Debug, Clone, Serialize)]
pub struct RubricDiff {
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
    /// `None` without `--data`.
    pub data: Option<DataDiff>,
}

/// One of the two rubrics compared.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub name: String,
    /// `embedded:crm6` or the path it was read from.
    pub source: String,
}

impl Side {
    pub fn of(rubric: &Rubric) -> Side {
        Side {
            name: rubric.name.clone(),
            source: rubric.source.clone(),
        }
    }
}

/// What `rubric diff --data` found.
#[derive(Debug, Clone, Serialize)]
pub struct DataDiff {
    /// The data files, as given.
    pub files: Vec<String>,
    /// Groups whose stage differs.
    pub stage_changes: usize,
    /// Groups with a score change but the same stage.
    pub score_changes: usize,
    pub unchanged: usize,
    /// Every group, in the reports' order (municipality, round, issue).
    pub results: Vec<GroupDiff>,
    /// Warnings about the data that only one of the rubrics gives (e.g. a column the new
    /// rubric does not use, or a new minimum number of interviews).
    pub warnings: Pair<Vec<String>>,
}

impl DataDiff {
    /// The groups that are not unchanged.
    pub fn changed(&self) -> impl Iterator<Item = &GroupDiff> {
        self.results
            .iter()
            .filter(|g| g.outcome != Outcome::Unchanged)
    }
}

type Key<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

fn key(r: &GroupResult) -> Key<'_> {
    (
        &r.key.municipality,
        r.key.round.as_deref(),
        r.key.issue.as_deref(),
    )
}

/// Compares the same data scored under two rubrics.
pub fn compare<'a>(old: &'a ScoreReport, new: &'a ScoreReport) -> DataDiff {
    let mut ids: Vec<&str> = old
        .rubric
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    for d in &new.rubric.dimensions {
        if !ids.contains(&d.id.as_str()) {
            ids.push(&d.id);
        }
    }
    // Groups are the same on both sides unless a rubric scored no row of a group (coded data
    // whose codes name no anchor of it): such a group is compared with nothing.
    let by_key = |report: &'a ScoreReport| -> HashMap<Key<'a>, &'a GroupResult> {
        report.results.iter().map(|r| (key(r), r)).collect()
    };
    let (olds, news) = (by_key(old), by_key(new));
    let mut keys: Vec<Key> = old.results.iter().map(key).collect();
    keys.extend(
        new.results
            .iter()
            .map(key)
            .filter(|k| !olds.contains_key(k)),
    );

    let mut results = Vec::with_capacity(keys.len());
    for k in &keys {
        let (a, b) = (olds.get(k).copied(), news.get(k).copied());
        let score = |r: Option<&GroupResult>, id: &str| {
            r.and_then(|r| r.dimensions.get(id))
                .and_then(|d| d.score.clone())
        };
        let dimensions = ByDimension(
            ids.iter()
                .map(|id| {
                    let pair = Pair {
                        old: score(a, id),
                        new: score(b, id),
                    };
                    (id.to_string(), pair)
                })
                .collect(),
        );
        let overall = Pair {
            old: a.and_then(|r| r.overall.clone()),
            new: b.and_then(|r| r.overall.clone()),
        };
        let stage = Pair {
            old: a.and_then(GroupResult::stage_level),
            new: b.and_then(GroupResult::stage_level),
        };
        let stage_name = Pair {
            old: a.and_then(|r| r.stage.as_ref().map(|s| s.name.clone())),
            new: b.and_then(|r| r.stage.as_ref().map(|s| s.name.clone())),
        };
        let outcome = if stage.differs() || a.is_none() || b.is_none() {
            Outcome::Stage
        } else if overall.differs() || dimensions.0.iter().any(|(_, p)| p.differs()) {
            Outcome::Scores
        } else {
            Outcome::Unchanged
        };
        results.push(GroupDiff {
            key: GroupKey::new(k.0, k.1, k.2),
            outcome,
            dimensions,
            overall,
            stage,
            stage_name,
        });
    }

    let (wa, wb) = (
        old.labelled_warnings(crate::lang::Lang::En)
            .collect::<Vec<_>>(),
        new.labelled_warnings(crate::lang::Lang::En)
            .collect::<Vec<_>>(),
    );
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter().filter(|w| !y.contains(w)).cloned().collect()
    };
    let count = |o: Outcome| results.iter().filter(|g| g.outcome == o).count();
    DataDiff {
        files: old.input.files.iter().map(|f| f.file.clone()).collect(),
        stage_changes: count(Outcome::Stage),
        score_changes: count(Outcome::Scores),
        unchanged: count(Outcome::Unchanged),
        warnings: Pair {
            old: only(&wa, &wb),
            new: only(&wb, &wa),
        },
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::score::{DimensionResult, InputSummary, RubricSummary};

    fn report(rubric: &str, groups: &[(&str, &[(&str, &str)])]) -> ScoreReport {
        let rubric = Rubric::load(rubric).unwrap();
        let results = groups
            .iter()
            .map(|(m, scores)| {
                let dims: Vec<(String, DimensionResult)> = scores
                    .iter()
                    .map(|(id, s)| {
                        let score = Some(Exact::parse(s).unwrap());
                        (
                            id.to_string(),
                            DimensionResult {
                                stage: score.as_ref().map(Exact::floor),
                                score,
                                interviews: 4,
                                ci95: None,
                            },
                        )
                    })
                    .collect();
                let overall = Exact::mean(dims.iter().filter_map(|(_, d)| d.score.as_ref()));
                let stage = overall.as_ref().map(Exact::floor);
                GroupResult {
                    key: GroupKey::new(m, None, None),
                    interviews: 4,
                    samples: None,
                    dimensions: ByDimension(dims),
                    overall,
                    overall_ci95: None,
                    stage: stage.and_then(|s| rubric.stage(s)).cloned(),
                    stage_range: stage.map(|s| [s, s]),
                    warnings: Vec::new(),
                    detail: None,
                }
            })
            .collect();
        ScoreReport {
            rubric: RubricSummary::of(&rubric),
            results,
            warnings: Vec::new(),
            notes: Vec::new(),
            input: InputSummary::default(),
        }
    }

    #[test]
    fn a_renamed_stage_alone_is_no_change() {
        let scores: &[(&str, &str)] = &[("A", "4"), ("B", "4.5")];
        let d = compare(
            &report("crm6", &[("Kinda", scores)]),
            &report("crm6-sv", &[("Kinda", scores)]),
        );
        assert_eq!(d.results[0].outcome, Outcome::Unchanged);
        assert_eq!(d.results[0].stage_name.new.as_deref(), Some("Förplanering"));
        assert_eq!((d.stage_changes, d.score_changes, d.unchanged), (0, 0, 1));
    }

    #[test]
    fn dimensions_of_either_rubric_and_groups_of_either_side_are_compared() {
        let old = report(
            "crm6",
            &[
                ("Kinda", &[("A", "4"), ("F", "5")]),
                ("Ydre", &[("A", "2")]),
            ],
        );
        let new = report(
            "crm5",
            &[
                ("Kinda", &[("A", "4"), ("E", "4.5")]),
                ("Ödeshög", &[("A", "3")]),
            ],
        );
        let d = compare(&old, &new);
        let names: Vec<&str> = d
            .results
            .iter()
            .map(|g| g.key.municipality.as_str())
            .collect();
        assert_eq!(names, ["Kinda", "Ydre", "Ödeshög"]);
        let kinda = &d.results[0];
        let ids: Vec<&str> = kinda
            .dimensions
            .0
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["A", "B", "C", "D", "E", "F"],
            "old order, then new additions"
        );
        assert_eq!(kinda.dimensions.get("F").unwrap().new, None);
        assert_eq!(kinda.dimensions.get("E").unwrap().old, None);
        // 4.5 → 4.25: the same stage, other scores.
        assert_eq!(kinda.outcome, Outcome::Scores);
        // A group scored under one rubric only has no stage under the other: a stage change.
        assert_eq!(d.results[1].outcome, Outcome::Stage);
        assert_eq!(
            d.results[1].stage,
            Pair {
                old: Some(2),
                new: None
            }
        );
        assert_eq!(
            d.results[2].stage,
            Pair {
                old: None,
                new: Some(3)
            }
        );
        assert_eq!((d.stage_changes, d.score_changes, d.unchanged), (2, 1, 0));
    }
}
