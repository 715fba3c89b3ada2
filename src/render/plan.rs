//! The pieces of `readiness plan` that the table and Markdown renderers share: the sentences
//! about a municipality's stage and focus, and the grid of its dimensions, lowest first.

use super::fit::Wrap;
use super::grid::{Grid, shown, shown_interval, stage_label};
use crate::domain::plan::{FocusDimension, FocusReason, Plan, PlanStage};
use crate::lang::Lang;

/// `Kinda`, `Kinda, round 2`: the plan's heading.
pub(crate) fn heading(plan: &Plan, lang: Lang) -> String {
    crate::model::key::label_in(
        lang,
        &plan.key.municipality,
        plan.key.round.as_deref(),
        plan.key.issue.as_deref(),
    )
}

/// `F Resources, E Knowledge of the issue`: the dimensions without a score.
fn missing(plan: &Plan) -> String {
    let names: Vec<String> = plan
        .missing
        .iter()
        .map(|d| format!("{} {}", d.id, d.name))
        .collect();
    names.join(", ")
}

/// `4 Preplanning`.
pub(crate) fn stage_name(stage: &PlanStage) -> String {
    stage_label(Some(stage.level), Some(&stage.name))
}

/// The sentence on the overall stage: score, interval, range; or why there is none.
pub(crate) fn stage_line(plan: &Plan, lang: Lang) -> String {
    let Some(stage) = &plan.stage else {
        return lang.fill("plan.no_stage", &[("dimensions", &missing(plan))]);
    };
    let overall = shown(plan.overall.as_ref(), lang);
    match plan.stage_range {
        Some([lo, hi]) => lang.fill(
            "plan.stage_line",
            &[
                ("stage", &stage_name(stage)),
                ("overall", &overall),
                ("ci", &shown_interval(plan.overall_ci95, lang)),
                ("range", &format!("{lo}–{hi}")),
            ],
        ),
        None => lang.fill(
            "plan.stage_line_no_range",
            &[("stage", &stage_name(stage)), ("overall", &overall)],
        ),
    }
}

/// Whether the stage is firm, and what that means for the plan; nothing without a stage.
pub(crate) fn firmness(plan: &Plan, lang: Lang) -> Option<String> {
    let stage = plan.stage.as_ref()?;
    Some(match plan.stage_range {
        Some([lo, hi]) if lo == hi => lang.fill("plan.firm", &[("stage", &stage.level)]),
        Some([lo, hi]) => lang.fill(
            "plan.not_firm",
            &[("lo", &lo), ("hi", &hi), ("stage", &stage.level)],
        ),
        None => lang.text("plan.no_interval").to_string(),
    })
}

/// The line naming the dimensions without a score, if any.
pub(crate) fn missing_line(plan: &Plan, lang: Lang) -> Option<String> {
    (!plan.missing.is_empty()).then(|| lang.fill("plan.missing", &[("dimensions", &missing(plan))]))
}

/// Why these dimensions come first.
pub(crate) fn focus_line(plan: &Plan, lang: Lang) -> String {
    let names: Vec<String> = plan
        .focus
        .iter()
        .map(|f| format!("{} {}", f.id, f.name))
        .collect();
    let dimensions = names.join(", ");
    let key = match (plan.focus_reason, &plan.stage) {
        (FocusReason::BelowOverall, _) => "plan.focus_below",
        (FocusReason::Lowest, Some(_)) => "plan.focus_lowest",
        (FocusReason::Lowest, None) => "plan.focus_lowest_no_stage",
        (FocusReason::NoScores, _) => "plan.focus_none",
    };
    lang.fill(key, &[("dimensions", &dimensions)])
}

/// The dimensions, lowest first: score, own stage, that stage's goal, and whether it comes first;
/// last, those without a score.
pub(crate) fn dimensions_grid(plan: &Plan, lang: Lang) -> Grid {
    let header = vec![
        lang.text("table.dimension").to_string(),
        lang.text("table.score").to_string(),
        lang.text("plan.stage").to_string(),
        lang.text("plan.stage_goal").to_string(),
        lang.text("plan.first").to_string(),
    ];
    let mut grid = Grid::new(header, 1..2)
        .wrapping([0, 2, 3], Wrap::Words)
        .dropping([4]);
    for d in &plan.dimensions {
        let first = plan.focus.iter().any(|f| f.id == d.id);
        grid.rows.push(vec![
            format!("{} {}", d.id, d.name),
            shown(Some(&d.score), lang),
            stage_name(&d.stage),
            d.stage.goal.clone(),
            if first {
                lang.text("plan.yes").to_string()
            } else {
                String::new()
            },
        ]);
    }
    for d in &plan.missing {
        let none = "–".to_string();
        let text = lang.text("plan.no_score").to_string();
        grid.rows.push(vec![
            format!("{} {}", d.id, d.name),
            none.clone(),
            none,
            text,
            String::new(),
        ]);
    }
    grid
}

/// The focus dimensions by stage, in order: a stage's goal and strategies are shown once for all
/// its dimensions.
pub(crate) fn by_stage(plan: &Plan) -> Vec<&[FocusDimension]> {
    plan.focus
        .chunk_by(|a, b| a.stage.level == b.stage.level)
        .collect()
}

/// `Stage 2 Denial / resistance: A Community efforts (2.62), F Resources (2.62)`.
pub(crate) fn stage_heading(group: &[FocusDimension], lang: Lang) -> String {
    let dims: Vec<String> = group
        .iter()
        .map(|f| format!("{} {} ({})", f.id, f.name, shown(Some(&f.score), lang)))
        .collect();
    lang.fill(
        "plan.stage_heading",
        &[
            ("stage", &stage_name(&group[0].stage)),
            ("dimensions", &dims.join(", ")),
        ],
    )
}

/// `For F Resources:` before the strategies a stage has for one dimension.
pub(crate) fn for_dimension(f: &FocusDimension, lang: Lang) -> String {
    lang.fill(
        "plan.for_dimension",
        &[("dimension", &format!("{} {}", f.id, f.name))],
    )
}
