//! From a stage to a plan: which dimensions to work on first, each at the goal of its own stage,
//! with the strategies that fit that stage (STRATEGIES.md: "work on the weakest dimension
//! first"; Community Tool Box, chapter 2 section 9).
//!
//! The rule ([`focus`]): the dimensions whose own stage (score rounded down) is below the
//! overall stage; when none is (or there is no overall stage), the lowest-scoring dimension and
//! the next lowest — one or two, and every dimension tied with one of them, since a tie is never
//! broken silently. A dimension without a score is never chosen and never dropped: the plan
//! names it as missing.

use crate::domain::score::{DimensionName, GroupResult, ScoreReport, stage};
use crate::model::GroupKey;
use crate::model::number::Exact;
use crate::rubric::Rubric;
use serde::Serialize;

/// Why the focus dimensions were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FocusReason {
    /// Their own stage is below the overall stage.
    BelowOverall,
    /// None is below the overall stage (or there is none): the lowest one or two.
    Lowest,
    /// No dimension has a score.
    NoScores,
}

/// The dimensions to work on first, by index into `scores`, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub chosen: Vec<usize>,
    pub reason: FocusReason,
}

/// Chooses the dimensions to work on first from each dimension's score (`None`: no score) and
/// the overall stage, as the module says. `chosen` is in order of score, lowest first (ties in
/// the given order).
pub fn focus(overall_stage: Option<i64>, scores: &[Option<&Exact>]) -> Focus {
    let mut scored: Vec<(usize, &Exact)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    scored.sort_by(|a, b| a.1.cmp(b.1));
    if scored.is_empty() {
        return Focus {
            chosen: Vec::new(),
            reason: FocusReason::NoScores,
        };
    }
    if let Some(overall) = overall_stage {
        let below: Vec<usize> = scored
            .iter()
            .filter(|(_, s)| stage(s) < overall)
            .map(|(i, _)| *i)
            .collect();
        if !below.is_empty() {
            return Focus {
                chosen: below,
                reason: FocusReason::BelowOverall,
            };
        }
    }
    // The lowest score with its ties; alone, the next lowest with its ties too.
    let lowest = scored[0].1;
    let mut chosen: Vec<usize> = scored
        .iter()
        .filter(|(_, s)| *s == lowest)
        .map(|(i, _)| *i)
        .collect();
    if chosen.len() == 1
        && let Some((_, next)) = scored.get(1)
    {
        chosen.extend(scored.iter().filter(|(_, s)| s == next).map(|(i, _)| *i));
    }
    Focus {
        chosen,
        reason: FocusReason::Lowest,
    }
}

/// What `readiness plan` computes: one plan per municipality (and round, issue).
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    pub rubric: String,
    pub plans: Vec<Plan>,
    /// Every warning of the scoring, labelled with its group, in the language of the output.
    pub warnings: Vec<String>,
    pub notes: Vec<crate::model::Message>,
}

/// A stage of the ladder as a plan shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStage {
    pub level: i64,
    pub name: String,
    pub meaning: String,
    pub goal: String,
}

/// What changed since the round before: the overall score and the stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Since {
    /// The earlier round.
    pub round: String,
    pub overall: crate::domain::rounds::Change,
    pub stage: crate::domain::rounds::StageChange,
}

/// Attaches to each plan what changed since the round just before its own, from `rounds`
/// (the comparisons of consecutive rounds); a plan of a first round, or of a municipality not
/// interviewed in the round before, gets none.
pub fn add_since(plans: &mut PlanReport, rounds: &crate::domain::rounds::CompareReport) {
    for plan in &mut plans.plans {
        let Some(round) = plan.key.round.as_deref() else {
            continue;
        };
        let Some(i) = rounds.rounds.iter().position(|r| r == round) else {
            continue;
        };
        let Some(before) = i.checked_sub(1).map(|j| &rounds.rounds[j]) else {
            continue;
        };
        plan.since = rounds
            .comparisons
            .iter()
            .find(|c| {
                c.municipality == plan.key.municipality
                    && c.issue == plan.key.issue
                    && &c.from == before
                    && c.to == round
                    && c.overall.earlier.is_some()
            })
            .map(|c| Since {
                round: before.clone(),
                overall: c.overall.clone(),
                stage: c.stage.clone(),
            });
    }
}

/// One municipality's plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The municipality, round and issue (flattened into the JSON object, as three fields).
    #[serde(flatten)]
    pub key: GroupKey,
    pub interviews: usize,
    pub overall: Option<Exact>,
    pub overall_ci95: Option<[f64; 2]>,
    pub stage: Option<PlanStage>,
    pub stage_range: Option<[i64; 2]>,
    /// The stage range is exactly one stage (false without a stage or a range).
    pub firm: bool,
    /// Every dimension with a score, lowest first (ties in the rubric's order).
    pub dimensions: Vec<PlanDimension>,
    /// The dimensions without any score (named, never dropped).
    pub missing: Vec<DimensionName>,
    pub focus_reason: FocusReason,
    /// The dimensions to work on first, lowest first, with their stage's strategies.
    pub focus: Vec<FocusDimension>,
    /// What changed since the round before this one, when the input has it (from
    /// [`crate::domain::rounds`]: the overall score's change with its Welch interval and
    /// verdict, and the stages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Since>,
}

/// A dimension in a plan: its score and its own stage with that stage's goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDimension {
    pub id: String,
    pub name: String,
    pub score: Exact,
    pub stage: PlanStage,
}

/// A dimension to work on first, and the strategies of its stage: the stage's own, and those the
/// stage has for this dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusDimension {
    pub id: String,
    pub name: String,
    pub score: Exact,
    pub stage: PlanStage,
    /// The strategies of the dimension's stage.
    pub strategies: Vec<String>,
    /// The strategies that stage has for this dimension (`dimension_strategies`), if any.
    pub dimension_strategies: Vec<String>,
}

fn plan_stage(rubric: &Rubric, level: i64) -> PlanStage {
    let s = rubric.stage(level);
    PlanStage {
        level,
        name: s.map(|s| s.name.clone()).unwrap_or_default(),
        meaning: s.map(|s| s.meaning.clone()).unwrap_or_default(),
        goal: s.map(|s| s.goal.clone()).unwrap_or_default(),
    }
}

/// The plan of one scored group under `rubric`.
pub fn plan(result: &GroupResult, rubric: &Rubric) -> Plan {
    let ids: Vec<&str> = rubric.dimensions.iter().map(|d| d.id.as_str()).collect();
    let scores: Vec<Option<&Exact>> = ids
        .iter()
        .map(|id| result.dimensions.get(id).and_then(|d| d.score.as_ref()))
        .collect();
    let chosen = focus(result.stage_level(), &scores);
    let mut order: Vec<usize> = (0..ids.len()).filter(|i| scores[*i].is_some()).collect();
    order.sort_by(|a, b| scores[*a].cmp(&scores[*b]));
    let dimensions = order
        .iter()
        .map(|&i| {
            let score = scores[i].cloned().unwrap_or_else(|| Exact::int(0));
            PlanDimension {
                id: ids[i].to_string(),
                name: rubric.dimensions[i].name.clone(),
                stage: plan_stage(rubric, stage(&score)),
                score,
            }
        })
        .collect();
    let focus = chosen
        .chosen
        .iter()
        .map(|&i| {
            let score = scores[i].cloned().unwrap_or_else(|| Exact::int(0));
            let level = stage(&score);
            let s = rubric.stage(level);
            let strategies: Vec<String> = s.map(|s| s.strategies.clone()).unwrap_or_default();
            let dimension_strategies = s
                .and_then(|s| s.dimension_strategies.get(ids[i]))
                .cloned()
                .unwrap_or_default();
            FocusDimension {
                id: ids[i].to_string(),
                name: rubric.dimensions[i].name.clone(),
                score,
                stage: plan_stage(rubric, level),
                strategies,
                dimension_strategies,
            }
        })
        .collect();
    Plan {
        key: result.key.clone(),
        interviews: result.interviews,
        overall: result.overall.clone(),
        overall_ci95: result.overall_ci95,
        stage: result.stage_level().map(|l| plan_stage(rubric, l)),
        stage_range: result.stage_range,
        firm: result.stage.is_some() && matches!(result.stage_range, Some([lo, hi]) if lo == hi),
        dimensions,
        missing: (0..ids.len())
            .filter(|i| scores[*i].is_none())
            .map(|i| DimensionName {
                id: ids[i].to_string(),
                name: rubric.dimensions[i].name.clone(),
            })
            .collect(),
        focus_reason: chosen.reason,
        focus,
        since: None,
    }
}

/// The plans of a score report; `warnings` are its labelled warnings.
pub fn plans(report: &ScoreReport, rubric: &Rubric, warnings: Vec<String>) -> PlanReport {
    PlanReport {
        rubric: report.rubric.name.clone(),
        plans: report.results.iter().map(|r| plan(r, rubric)).collect(),
        warnings,
        notes: report.notes.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(s: &str) -> Exact {
        Exact::parse(s).unwrap()
    }

    fn chosen(overall: Option<i64>, scores: &[Option<&str>]) -> (Vec<usize>, FocusReason) {
        let exact: Vec<Option<Exact>> = scores.iter().map(|s| s.map(x)).collect();
        let refs: Vec<Option<&Exact>> = exact.iter().map(Option::as_ref).collect();
        let f = focus(overall, &refs);
        (f.chosen, f.reason)
    }

    #[test]
    fn dimensions_below_the_overall_stage_are_chosen_lowest_first() {
        // Overall 4: B (3.5) and E (3.9) are below it, A at 4 exactly is not.
        let got = chosen(
            Some(4),
            &[Some("4"), Some("3.9"), Some("4.5"), Some("5"), Some("3.5")],
        );
        assert_eq!(got, (vec![4, 1], FocusReason::BelowOverall));
    }

    #[test]
    fn a_dimension_above_the_overall_stage_is_not_chosen_and_none_below_gives_the_lowest_two() {
        // Overall 4, every dimension at 4 or above: the lowest and the next lowest.
        let got = chosen(
            Some(4),
            &[Some("4.5"), Some("4.25"), Some("6"), Some("4.1")],
        );
        assert_eq!(got, (vec![3, 1], FocusReason::Lowest));
    }

    #[test]
    fn ties_in_the_lowest_score_are_all_named() {
        let got = chosen(
            Some(3),
            &[Some("3.5"), Some("3.25"), Some("3.25"), Some("4")],
        );
        assert_eq!(got, (vec![1, 2], FocusReason::Lowest));
        // A tie at the next lowest is named too.
        let got = chosen(
            Some(3),
            &[Some("3.5"), Some("3.25"), Some("3.5"), Some("4")],
        );
        assert_eq!(got, (vec![1, 0, 2], FocusReason::Lowest));
    }

    #[test]
    fn all_equal_names_all() {
        let got = chosen(Some(4), &[Some("4.5"); 6]);
        assert_eq!(got, (vec![0, 1, 2, 3, 4, 5], FocusReason::Lowest));
    }

    #[test]
    fn a_missing_dimension_is_never_chosen() {
        // Without a whole dimension there is no overall stage: the lowest two of the rest.
        let got = chosen(None, &[Some("2.5"), None, Some("3"), Some("2")]);
        assert_eq!(got, (vec![3, 0], FocusReason::Lowest));
        assert_eq!(chosen(None, &[None, None]), (vec![], FocusReason::NoScores));
    }

    #[test]
    fn one_dimension_alone_is_the_focus() {
        assert_eq!(
            chosen(Some(5), &[Some("5.5")]),
            (vec![0], FocusReason::Lowest)
        );
    }

    #[test]
    fn a_dimension_of_exactly_the_overall_stage_from_thirds_is_not_below() {
        // 14/3 + 1/3 = 5 exactly: stage 5, not below an overall stage 5.
        let five = &Exact::ratio(14, 3) + &Exact::ratio(1, 3);
        let low = x("5.5");
        let f = focus(Some(5), &[Some(&five), Some(&low)]);
        assert_eq!(f.reason, FocusReason::Lowest);
        assert_eq!(f.chosen, vec![0, 1]);
    }

    /// A scored group with these dimension scores (`None`: no score) under `rubric`.
    fn group(rubric: &Rubric, scores: &[Option<&str>], range: Option<[i64; 2]>) -> GroupResult {
        use crate::domain::score::{ByDimension, DimensionResult, overall_score};
        let exact: Vec<Option<Exact>> = scores.iter().map(|s| s.map(x)).collect();
        let overall = overall_score(&exact);
        let dimensions = rubric
            .dimensions
            .iter()
            .zip(&exact)
            .map(|(d, s)| {
                let result = DimensionResult {
                    score: s.clone(),
                    stage: s.as_ref().map(stage),
                    ci95: None,
                    interviews: 4,
                };
                (d.id.clone(), result)
            })
            .collect();
        GroupResult {
            key: GroupKey::new("Kinda", None, None),
            interviews: 4,
            dimensions: ByDimension(dimensions),
            stage: overall
                .as_ref()
                .and_then(|o| rubric.stage(stage(o)).cloned()),
            overall,
            overall_ci95: None,
            stage_range: range,
            warnings: Vec::new(),
            detail: None,
            samples: None,
        }
    }

    #[test]
    fn a_plan_takes_goals_and_strategies_from_the_rubric_with_the_dimensions_own() {
        let rubric = Rubric::load("crm6").unwrap();
        // Overall (4 + 4 + 4.5 + 5 + 4.5 + 3.5) / 6 = 4.25: stage 4; F (3.5) is below it.
        let scores = [
            Some("4"),
            Some("4"),
            Some("4.5"),
            Some("5"),
            Some("4.5"),
            Some("3.5"),
        ];
        let p = plan(&group(&rubric, &scores, Some([3, 4])), &rubric);
        assert_eq!(p.stage.as_ref().unwrap().level, 4);
        assert!(!p.firm);
        assert_eq!(p.focus_reason, FocusReason::BelowOverall);
        assert_eq!(p.focus.len(), 1);
        let f = &p.focus[0];
        assert_eq!((f.id.as_str(), f.stage.level), ("F", 3));
        assert_eq!(f.stage.goal, rubric.stage(3).unwrap().goal);
        assert_eq!(f.strategies, rubric.stage(3).unwrap().strategies);
        assert_eq!(
            f.dimension_strategies,
            rubric.stage(3).unwrap().dimension_strategies["F"]
        );
        // Lowest first; A and B tie at 4 and keep the rubric's order.
        let order: Vec<&str> = p.dimensions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(order, ["F", "A", "B", "C", "E", "D"]);
        assert!(p.missing.is_empty());
    }

    #[test]
    fn a_plan_names_a_missing_dimension_and_has_no_stage() {
        let rubric = Rubric::load("crm6").unwrap();
        let scores = [
            Some("4"),
            None,
            Some("4.5"),
            Some("5"),
            Some("4.5"),
            Some("3.5"),
        ];
        let p = plan(&group(&rubric, &scores, Some([4, 4])), &rubric);
        assert_eq!(p.stage, None);
        assert!(!p.firm);
        assert_eq!(p.missing.len(), 1);
        assert_eq!(p.missing[0].id, "B");
        assert_eq!(p.dimensions.len(), 5);
        assert_eq!(p.focus_reason, FocusReason::Lowest);
        let ids: Vec<&str> = p.focus.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["F", "A"]);
    }
}
