//! Aligned tables for people (comfy-table), with warnings listed below.

use super::grid::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend,
};
use super::rubric;
use crate::domain::agreement::AgreementReport;
use crate::domain::rubric_effect::RubricDiff;
use crate::domain::score::ScoreReport;
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
fn warnings(out: &mut String, warnings: &[String]) {
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
}

/// A list of notes (information, not problems), or nothing.
fn notes(out: &mut String, notes: &[String]) {
    if !notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
}

/// The terminal renderer: aligned tables, `width` columns wide (`None`: the terminal's).
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub width: Option<u16>,
}

impl super::Renderer for Terminal {
    fn name(&self) -> &'static str {
        "table"
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        Ok(score(report, self.width).into_bytes())
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        Ok(agreement(report, self.width).into_bytes())
    }
    fn rubric_list(&self, entries: &[Entry]) -> anyhow::Result<String> {
        Ok(rubric_list(entries, self.width))
    }
    fn rubric_show(&self, rubric: &Rubric) -> anyhow::Result<String> {
        Ok(rubric_show(rubric, self.width))
    }
    fn rubric_diff(&self, diff: &RubricDiff) -> anyhow::Result<String> {
        Ok(rubric_diff(diff, self.width))
    }
}

/// `readiness score` as a table.
fn score(report: &ScoreReport, width: Option<u16>) -> String {
    let mut out = format!(
        "{}\n{}\n",
        draw(&score_grid(report), width),
        score_legend(report)
    );
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let label = group_label(&r.municipality, r.round.as_deref(), r.issue.as_deref());
        let _ = write!(
            out,
            "\n{label}: combined score per interview (* mean of scorers, no consensus)\n{}\n",
            draw(&detail_grid(report, r, "*"), width)
        );
        if let Some(grid) = evidence_grid(r) {
            let _ = write!(
                out,
                "\n{label}: the codes behind each coder's score\n{}\n",
                draw(&grid, width)
            );
        }
    }
    warnings(&mut out, &report.labelled_warnings());
    notes(&mut out, &report.notes);
    out
}

/// `readiness agreement` as a table: the whole input, then each municipality with `--by`.
fn agreement(report: &AgreementReport, width: Option<u16>) -> String {
    let mut out = format!(
        "{}\n{}\n",
        draw(&agreement_grid(report), width),
        agreement_legend(report)
    );
    if let Some(groups) = &report.groups {
        let _ = write!(
            out,
            "\nPer municipality:\n{}\n",
            draw(&agreement_groups_grid(groups), width)
        );
    }
    let not_computed = agreement_notes(report);
    if !not_computed.is_empty() {
        let _ = writeln!(out, "\nnot computed:");
        for n in not_computed {
            let _ = writeln!(out, "  {n}");
        }
    }
    warnings(&mut out, &report.warnings);
    notes(&mut out, &report.notes);
    out
}

/// `readiness rubric list` as a table.
fn rubric_list(entries: &[Entry], width: Option<u16>) -> String {
    format!("{}\n", draw(&rubric::list_grid(entries), width))
}

/// `readiness rubric show` as text: settings, stages, then each dimension's anchored scale.
fn rubric_show(r: &Rubric, width: Option<u16>) -> String {
    let mut out = format!("{}\n{}\n", rubric::title(r), rubric::origin(r));
    if !r.description.is_empty() {
        let _ = writeln!(out, "{}", r.description);
    }
    let _ = write!(
        out,
        "\nScoring\n{}\n\nStages (stage = overall score rounded down)\n{}\n",
        draw(&rubric::settings_grid(r), width),
        draw(&rubric::stages_grid(r), width)
    );
    for d in &r.dimensions {
        let _ = writeln!(out, "\nDimension {} {}", d.id, d.name);
        if !d.question.is_empty() {
            let _ = writeln!(out, "{}", d.question);
        }
        let _ = writeln!(out, "{}", draw(&rubric::anchors_grid(d), width));
    }
    out
}

/// `readiness rubric diff` as text: the rubric's changes, then what they do to the data.
fn rubric_diff(diff: &RubricDiff, width: Option<u16>) -> String {
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
        warnings(&mut out, &rubric::data_warnings(data));
    }
    out
}
