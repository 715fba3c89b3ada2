//! Aligned tables for people (comfy-table), with warnings listed below.

use super::Options;
use super::fit::{self, Wrap};
use super::grid::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend, score_warnings,
};
use super::plan as plans;
use super::rubric;
use crate::domain::agreement::AgreementReport;
use crate::domain::plan::PlanReport;
use crate::domain::rubric_effect::RubricDiff;
use crate::domain::score::ScoreReport;
use crate::model::message::said;
use crate::rubric::{Entry, Rubric};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Write as _;

/// Draws a grid. With a width (the terminal's, `COLUMNS`, or a test's) the grid is first fitted
/// to it ([`fit`]): free text wraps between words, numbers, intervals and names never break,
/// and columns that cannot fit are left out with a line under the table naming them. Without
/// one the table is drawn as wide as it is.
fn draw(grid: &Grid, options: &Options) -> String {
    let (mut out, left_out) = draw_fitted(grid, options);
    out.push_str(&left_out_note(&left_out, options));
    out
}

/// Draws a grid fitted to the width, and says which columns were left out (to name them once
/// under a run of tables that all leave out the same).
fn draw_fitted(grid: &Grid, options: &Options) -> (String, Vec<String>) {
    let fitted = options.width.map(|w| fit::fit(grid, w));
    let grid = fitted.as_ref().map_or(grid, |f| &f.grid);
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(grid.header.clone());
    for row in &grid.rows {
        table.add_row(row.clone());
    }
    for (i, right) in grid.right.iter().enumerate() {
        if let (true, Some(col)) = (*right, table.column_mut(i)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    (
        table.to_string(),
        fitted.map(|f| f.left_out).unwrap_or_default(),
    )
}

/// The line under a table that could not fit, naming what it left out and how to see it
/// (starting with a line break); nothing when all fit.
fn left_out_note(left_out: &[String], options: &Options) -> String {
    match options.width {
        Some(width) if !left_out.is_empty() => {
            let note = options.lang.count(
                "table.left_out",
                left_out.len(),
                &[("width", &width), ("columns", &left_out.join(", "))],
            );
            format!("\n{}", paragraph(&note, Some(width)))
        }
        _ => String::new(),
    }
}

/// A paragraph for people, wrapped between words to the width if there is one. A line that
/// lists the dimensions (`A Community efforts · B …`) wraps only between them.
fn paragraph(text: &str, width: Option<u16>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    text.lines()
        .map(|line| {
            let rule = if line.contains(" · ") {
                Wrap::After(" · ")
            } else {
                Wrap::Spaces
            };
            fit::wrap(line, usize::from(width), rule)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One item of a list under a heading (`  - text`), wrapped with its later lines indented
/// under the text.
fn item(out: &mut String, bullet: &str, text: &str, width: Option<u16>) {
    let indent = bullet.chars().count();
    let text = paragraph(text, width.map(|w| w.saturating_sub(indent as u16).max(20)));
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{bullet}{}", text.replace('\n', &format!("\n{pad}")));
}

/// A list of warnings under a heading, or nothing.
fn warnings(out: &mut String, warnings: &[String], options: &Options) {
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n{}", options.lang.text("table.warnings"));
        for w in warnings {
            item(out, "  - ", w, options.width);
        }
    }
}

/// A list of notes (information, not problems), or nothing.
fn notes(out: &mut String, notes: &[String], options: &Options) {
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", options.lang.text("table.notes"));
        for n in notes {
            item(out, "  - ", n, options.width);
        }
    }
}

/// The terminal renderer: aligned tables, as wide as [`Options::width`] says.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub options: Options,
}

impl super::Renderer for Terminal {
    fn name(&self) -> &'static str {
        "table"
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        Ok(score(report, &self.options).into_bytes())
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        Ok(agreement(report, &self.options).into_bytes())
    }
    fn plan(&self, report: &PlanReport) -> anyhow::Result<Vec<u8>> {
        Ok(plan(report, &self.options).into_bytes())
    }
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        let (lang, width) = (self.options.lang, self.options.width);
        let draw = |g: &Grid| format!("{}\n", draw(g, &self.options));
        let heading = |h: &str| format!("{}\n", paragraph(h, width));
        let mut out = super::rounds::text(report, lang, &draw, &heading, "", "\n");
        let lines = super::grid::compare_warnings(report, lang, self.options.verbose);
        warnings(&mut out, &lines, &self.options);
        notes(&mut out, &said(&report.notes, lang), &self.options);
        Ok(out.into_bytes())
    }
    fn rubric_list(&self, entries: &[Entry]) -> anyhow::Result<String> {
        Ok(rubric_list(entries, &self.options))
    }
    fn rubric_show(&self, rubric: &Rubric) -> anyhow::Result<String> {
        Ok(rubric_show(rubric, &self.options))
    }
    fn rubric_diff(&self, diff: &RubricDiff) -> anyhow::Result<String> {
        Ok(rubric_diff(diff, &self.options))
    }
}

/// `readiness score` as a table.
fn score(report: &ScoreReport, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!(
        "{}\n{}\n",
        draw(&score_grid(report, lang), options),
        paragraph(&score_legend(report, lang), width)
    );
    // The detail tables name what they leave out once, not under each municipality's table.
    let mut named: Vec<String> = Vec::new();
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let label = group_label(r, lang);
        let grid = detail_grid(report, r, "*", lang);
        let mut heading = lang.fill("table.detail_heading", &[("group", &label)]);
        if grid.rows.iter().flatten().any(|c| c.ends_with('*')) {
            heading = format!("{heading} {}", lang.text("table.mean_mark"));
        }
        let (table, left_out) = draw_fitted(&grid, options);
        let note = if left_out == named {
            String::new()
        } else {
            named = left_out;
            left_out_note(&named, options)
        };
        let heading = paragraph(&heading, width);
        let _ = write!(out, "\n{heading}\n{table}{note}\n");
        if let Some(grid) = evidence_grid(r, lang) {
            let _ = write!(
                out,
                "\n{}\n{}\n",
                paragraph(
                    &lang.fill("table.evidence_heading", &[("group", &label)]),
                    width
                ),
                draw(&grid, options)
            );
        }
    }
    warnings(
        &mut out,
        &score_warnings(report, lang, options.verbose),
        options,
    );
    notes(&mut out, &said(&report.notes, options.lang), options);
    out
}

/// `readiness plan` for the terminal: per municipality the stage, the dimensions lowest first,
/// and the strategies of the dimensions to work on first.
fn plan(report: &PlanReport, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = String::new();
    for (i, p) in report.plans.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", paragraph(&plans::heading(p, lang), width));
        let _ = writeln!(out, "{}", paragraph(&plans::stage_line(p, lang), width));
        if let Some(firm) = plans::firmness(p, lang) {
            let _ = writeln!(out, "{}", paragraph(&firm, width));
        }
        if let Some(since) = &p.since {
            let line = super::rounds::since_line(since, lang);
            let _ = writeln!(out, "{}", paragraph(&line, width));
        }
        if let Some(stage) = &p.stage {
            item(
                &mut out,
                "  ",
                &format!("{}: {}", lang.text("plan.meaning"), stage.meaning),
                width,
            );
            item(
                &mut out,
                "  ",
                &format!("{}: {}", lang.text("plan.goal"), stage.goal),
                width,
            );
        }
        let _ = writeln!(out, "{}", draw(&plans::dimensions_grid(p, lang), options));
        if let Some(missing) = plans::missing_line(p, lang) {
            let _ = writeln!(out, "{}", paragraph(&missing, width));
        }
        let _ = writeln!(out, "{}", paragraph(&plans::focus_line(p, lang), width));
        for group in plans::by_stage(p) {
            let stage = &group[0].stage;
            item(&mut out, "  ", &plans::stage_heading(group, lang), width);
            let goal = format!("{}: {}", lang.text("plan.goal"), stage.goal);
            item(&mut out, "    ", &goal, width);
            for s in &group[0].strategies {
                item(&mut out, "    - ", s, width);
            }
            for f in group.iter().filter(|f| !f.dimension_strategies.is_empty()) {
                item(&mut out, "    ", &plans::for_dimension(f, lang), width);
                for s in &f.dimension_strategies {
                    item(&mut out, "    - ", s, width);
                }
            }
        }
    }
    warnings(&mut out, &report.warnings, options);
    notes(&mut out, &said(&report.notes, options.lang), options);
    out
}

/// `readiness agreement` as a table: the whole input, then each municipality with `--by`.
fn agreement(report: &AgreementReport, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!(
        "{}\n{}\n",
        draw(&agreement_grid(report, lang), options),
        paragraph(&agreement_legend(report, lang), width)
    );
    if let Some(groups) = &report.groups {
        let _ = write!(
            out,
            "\n{}\n{}\n",
            lang.text("table.per_municipality"),
            draw(&agreement_groups_grid(groups, lang), options)
        );
    }
    let not_computed = agreement_notes(report, lang);
    if !not_computed.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("table.not_computed"));
        for n in not_computed {
            item(&mut out, "  ", &n, width);
        }
    }
    warnings(&mut out, &said(&report.warnings, options.lang), options);
    notes(&mut out, &said(&report.notes, options.lang), options);
    out
}

/// `readiness rubric list` as a table.
fn rubric_list(entries: &[Entry], options: &Options) -> String {
    let grid = rubric::list_grid(entries, options.lang);
    format!("{}\n", draw(&grid, options))
}

/// `readiness rubric show` as text: settings, stages, then each dimension's anchored scale.
fn rubric_show(r: &Rubric, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!(
        "{}\n{}\n",
        paragraph(&rubric::title(r), width),
        paragraph(&rubric::origin(r, lang), width)
    );
    if !r.description.is_empty() {
        let _ = writeln!(out, "{}", paragraph(&r.description, width));
    }
    let _ = write!(
        out,
        "\n{}\n{}\n\n{}\n{}\n",
        lang.text("rubric.scoring"),
        draw(&rubric::settings_grid(r, lang), options),
        lang.text("rubric.stages_heading"),
        draw(&rubric::stages_grid(r, lang), options)
    );
    let _ = writeln!(
        out,
        "\n{}",
        paragraph(lang.text("rubric.strategies_heading"), width)
    );
    for (stage, items) in rubric::strategies(r, lang) {
        let _ = writeln!(out, "{}", paragraph(&stage, width));
        for text in items {
            item(&mut out, "  - ", &text, width);
        }
    }
    for d in &r.dimensions {
        let heading = lang.fill(
            "rubric.dimension_heading",
            &[("id", &d.id), ("name", &d.name)],
        );
        let _ = writeln!(out, "\n{}", paragraph(&heading, width));
        if !d.question.is_empty() {
            let _ = writeln!(out, "{}", paragraph(&d.question, width));
        }
        let _ = writeln!(out, "{}", draw(&rubric::anchors_grid(d, lang), options));
    }
    out
}

/// `readiness rubric diff` as text: the rubric's changes, then what they do to the data.
fn rubric_diff(diff: &RubricDiff, options: &Options) -> String {
    let lang = options.lang;
    let title = lang.fill(
        "diff.title",
        &[
            ("old", &diff.old.name),
            ("old_source", &diff.old.source),
            ("new", &diff.new.name),
            ("new_source", &diff.new.source),
        ],
    );
    let mut out = format!("{title}\n");
    if diff.changes.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("diff.no_changes"));
    } else {
        let _ = write!(
            out,
            "\n{}\n{}\n",
            lang.count("diff.changes", diff.changes.len(), &[]),
            draw(&rubric::changes_grid(&diff.changes, lang), options)
        );
    }
    if let Some(data) = &diff.data {
        let files = data.files.join(", ");
        let _ = writeln!(
            out,
            "\n{}",
            lang.fill("diff.scores_of", &[("files", &files)])
        );
        if data.changed().next().is_some() {
            let _ = writeln!(out, "{}", draw(&rubric::data_grid(data, lang), options));
        }
        let _ = writeln!(out, "{}", rubric::data_summary(data, lang));
        warnings(&mut out, &rubric::data_warnings(data, lang), options);
    }
    out
}
