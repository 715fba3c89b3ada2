//! The workshop report (`readiness report`): the county's and each municipality's picture,
//! joined from the results the other commands compute — the scores ([`crate::domain::score`]),
//! the plan ([`crate::domain::plan`]), the change since the earlier round
//! ([`crate::domain::rounds`]) and the scorers' agreement ([`crate::domain::agreement`]). No rule
//! of the model is decided here; only which round is shown and which results belong together.
//!
//! With rounds in the input the report shows the later round (the last, or `--later`) and its
//! change since the earlier one (the round before it, or `--earlier`); a municipality not
//! interviewed in the later round has no page, and the county's change names it.

use crate::domain::agreement::{self, GroupAgreement};
use crate::domain::plan::{self, Plan, PlanReport};
use crate::domain::rounds::{self, CompareReport, Comparison, Pair, Presence, RoundsError};
use crate::domain::score::{GroupResult, ScoreReport};
use crate::engine::store::Sheet;
use crate::lang::Lang;
use crate::model::date::Date;
use crate::rubric::Rubric;

/// Everything the report shows, typed.
#[derive(Debug, Clone)]
pub struct Workshop {
    /// The results shown: the later round's when rounds are compared, else all.
    pub score: ScoreReport,
    /// One plan per shown result, in the same order.
    pub plans: PlanReport,
    /// The rounds compared (one pair), when the input has them.
    pub compare: Option<CompareReport>,
    pub pair: Option<Pair>,
    /// The scorers' agreement within each shown group, in the results' order.
    pub agreement: Vec<GroupAgreement>,
    /// The day the report was made.
    pub date: Date,
    /// The rubric's stage names, by level from 1.
    pub stages: Vec<String>,
    /// The round every shown result is of, if they share one: the report names it once, not
    /// on every page.
    pub round: Option<String>,
}

/// The rounds to show: `--earlier` and `--later` as given.
#[derive(Debug, Clone, Default)]
pub struct Rounds {
    pub earlier: Option<String>,
    pub later: Option<String>,
}

/// One municipality's page: its result, plan, change and agreement.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    pub result: &'a GroupResult,
    pub plan: &'a Plan,
    pub comparison: Option<&'a Comparison>,
    pub agreement: Option<&'a GroupAgreement>,
}

/// Joins the results of `report` (scored with samples from `sheet`), the scorers' agreement
/// within each shown group and the rounds asked for into the report's view; the plans' warnings
/// are labelled in `lang`.
pub fn workshop(
    mut report: ScoreReport,
    sheet: &Sheet,
    rubric: &Rubric,
    asked: &Rounds,
    lang: Lang,
    date: Date,
) -> Result<Workshop, RoundsError> {
    let pair = rounds::latest_pair(
        &report.results,
        asked.earlier.as_deref(),
        asked.later.as_deref(),
    )?;
    let compare = match &pair {
        Some(p) => {
            let selection = rounds::Selection {
                from: Some(p.from.clone()),
                to: Some(p.to.clone()),
            };
            Some(rounds::compare(report.clone(), &selection)?)
        }
        None => None,
    };
    if let Some(p) = &pair {
        report
            .results
            .retain(|r| r.key.round.as_deref() == Some(p.to.as_str()));
    }
    let warnings: Vec<String> = report.labelled_warnings(lang).collect();
    let plans = plan::plans(&report, rubric, warnings);
    let shown: std::collections::HashSet<&crate::model::GroupKey> =
        report.results.iter().map(|r| &r.key).collect();
    let agreement = agreement::per_group(sheet, rubric, |key| shown.contains(key));
    let round = report.results.first().and_then(|r| r.key.round.clone());
    let round = round.filter(|round| {
        report
            .results
            .iter()
            .all(|r| r.key.round.as_ref() == Some(round))
    });
    Ok(Workshop {
        score: report,
        plans,
        compare,
        pair,
        agreement,
        date,
        stages: (1..=i64::from(rubric.scoring.levels))
            .map(|l| rubric.stage(l).map(|s| s.name.clone()).unwrap_or_default())
            .collect(),
        round,
    })
}

impl Workshop {
    /// How the report names a result: `Kinda`, with its issue, and its round unless every
    /// result shares it.
    pub fn label(&self, result: &GroupResult, lang: Lang) -> String {
        let round = result.key.round.as_deref().filter(|_| self.round.is_none());
        crate::model::key::label_in(
            lang,
            &result.key.municipality,
            round,
            result.key.issue.as_deref(),
        )
    }

    /// The pages, one per shown result, in the results' order (Swedish order of municipalities).
    pub fn pages(&self) -> impl Iterator<Item = Page<'_>> {
        self.score
            .results
            .iter()
            .zip(&self.plans.plans)
            .map(|(result, plan)| Page {
                result,
                plan,
                comparison: self.compare.as_ref().and_then(|c| {
                    c.comparisons.iter().find(|c| {
                        c.municipality == result.key.municipality && c.issue == result.key.issue
                    })
                }),
                agreement: self.agreement.iter().find(|g| g.key == result.key),
            })
    }

    /// The municipalities interviewed in the earlier round only (no page of their own).
    pub fn earlier_only(&self) -> impl Iterator<Item = &Comparison> {
        self.compare
            .iter()
            .flat_map(|c| &c.comparisons)
            .filter(|c| c.presence == Presence::EarlierOnly)
    }
}
