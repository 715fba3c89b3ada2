//! Aligned tables for people (comfy-table), with warnings listed below.

use super::Options;
use super::grid::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend, score_warnings,
};
use super::rubric;
use crate::domain::agreement::AgreementReport;
use crate::domain::rubric_effect::RubricDiff;
use crate::domain::score::ScoreReport;
use crate::lang::Lang;
use crate::rubric::{Entry, Rubric};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Write as _;
use std::io::IsTerminal;

/// Draws a grid. With `width` the table is fitted to it (tests); otherwise it is fitted to the
/// terminal, or not wrapped at all when the output is not a terminal.
fn draw(grid: &Grid, width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(grid.header.clone());
    match width {
        Some(w) => {
            table.set_width(w);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None if std::io::stdout().is_terminal() => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for row in &grid.rows {
        table.add_row(row.clone());
    }
    for (i, right) in grid.right.iter().enumerate() {
        if let (true, Some(col)) = (*right, table.column_mut(i)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// A list of warnings under a heading, or nothing.
fn warnings(out: &mut String, warnings: &[String], lang: Lang) {
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("table.warnings"));
        for w in warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
}

/// A list of notes (information, not problems), or nothing.
fn notes(out: &mut String, notes: &[String], lang: Lang) {
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("table.notes"));
        for n in notes {
            let _ = writeln!(out, "  - {n}");
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
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        let (lang, width) = (self.options.lang, self.options.width);
        let draw = |g: &Grid| format!("{}\n", draw(g, width));
        let mut out = super::rounds::text(report, lang, &draw, &|h| format!("{h}\n"), "", "\n");
        let lines = super::grid::compare_warnings(report, lang, self.options.verbose);
        warnings(&mut out, &lines, lang);
        notes(&mut out, &report.notes, lang);
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
        draw(&score_grid(report, lang), width),
        score_legend(report, lang)
    );
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let label = group_label(r, lang);
        let grid = detail_grid(report, r, "*", lang);
        let mut heading = lang.fill("table.detail_heading", &[("group", &label)]);
        if grid.rows.iter().flatten().any(|c| c.ends_with('*')) {
            heading = format!("{heading} {}", lang.text("table.mean_mark"));
        }
        let _ = write!(out, "\n{heading}\n{}\n", draw(&grid, width));
        if let Some(grid) = evidence_grid(r, lang) {
            let _ = write!(
                out,
                "\n{}\n{}\n",
                lang.fill("table.evidence_heading", &[("group", &label)]),
                draw(&grid, width)
            );
        }
    }
    warnings(
        &mut out,
        &score_warnings(report, lang, options.verbose),
        lang,
    );
    notes(&mut out, &report.notes, lang);
    out
}

/// `readiness agreement` as a table: the whole input, then each municipality with `--by`.
fn agreement(report: &AgreementReport, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!(
        "{}\n{}\n",
        draw(&agreement_grid(report, lang), width),
        agreement_legend(report, lang)
    );
    if let Some(groups) = &report.groups {
        let _ = write!(
            out,
            "\n{}\n{}\n",
            lang.text("table.per_municipality"),
            draw(&agreement_groups_grid(groups, lang), width)
        );
    }
    let not_computed = agreement_notes(report, lang);
    if !not_computed.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("table.not_computed"));
        for n in not_computed {
            let _ = writeln!(out, "  {n}");
        }
    }
    warnings(&mut out, &report.warnings, lang);
    notes(&mut out, &report.notes, lang);
    out
}

/// `readiness rubric list` as a table.
fn rubric_list(entries: &[Entry], options: &Options) -> String {
    let grid = rubric::list_grid(entries, options.lang);
    format!("{}\n", draw(&grid, options.width))
}

/// `readiness rubric show` as text: settings, stages, then each dimension's anchored scale.
fn rubric_show(r: &Rubric, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!("{}\n{}\n", rubric::title(r), rubric::origin(r, lang));
    if !r.description.is_empty() {
        let _ = writeln!(out, "{}", r.description);
    }
    let _ = write!(
        out,
        "\n{}\n{}\n\n{}\n{}\n",
        lang.text("rubric.scoring"),
        draw(&rubric::settings_grid(r, lang), width),
        lang.text("rubric.stages_heading"),
        draw(&rubric::stages_grid(r, lang), width)
    );
    for d in &r.dimensions {
        let heading = lang.fill(
            "rubric.dimension_heading",
            &[("id", &d.id), ("name", &d.name)],
        );
        let _ = writeln!(out, "\n{heading}");
        if !d.question.is_empty() {
            let _ = writeln!(out, "{}", d.question);
        }
        let _ = writeln!(out, "{}", draw(&rubric::anchors_grid(d, lang), width));
    }
    out
}

/// `readiness rubric diff` as text: the rubric's changes, then what they do to the data.
fn rubric_diff(diff: &RubricDiff, options: &Options) -> String {
    let (lang, width) = (options.lang, options.width);
    let mut out = format!(
        "Rubric `{}` ({}) → `{}` ({})\n",
        diff.old.name, diff.old.source, diff.new.name, diff.new.source
    );
    if diff.changes.is_empty() {
        let _ = writeln!(out, "\nNo changes to the rubric.");
    } else {
        let _ = write!(
            out,
            "\n{}\n{}\n",
            rubric::plural_changes(diff.changes.len()),
            draw(&rubric::changes_grid(&diff.changes), width)
        );
    }
    if let Some(data) = &diff.data {
        let _ = writeln!(
            out,
            "\nScores of {} under the new rubric:",
            data.files.join(", ")
        );
        if data.changed().next().is_some() {
            let _ = writeln!(out, "{}", draw(&rubric::data_grid(data), width));
        }
        let _ = writeln!(out, "{}", rubric::data_summary(data));
        warnings(&mut out, &rubric::data_warnings(data), lang);
    }
    out
}
