//! Aligned tables for people (comfy-table), with warnings listed below.

use super::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend,
};
use crate::agreement::AgreementReport;
use crate::scoring::ScoreReport;
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Write as _;
use std::io::IsTerminal;

/// Draws a grid. With `width` the table is fitted to it (tests); otherwise it is fitted to the
/// terminal, or not wrapped at all when the output is not a terminal.
pub(crate) fn draw(grid: &Grid, width: Option<u16>) -> Table {
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
pub(crate) fn warnings(out: &mut String, warnings: &[String]) {
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
}

/// A list of notes (information, not problems), or nothing.
pub(crate) fn notes(out: &mut String, notes: &[String]) {
    if !notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
}

/// `readiness score` as a table.
pub fn score(report: &ScoreReport, width: Option<u16>) -> String {
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
pub fn agreement(report: &AgreementReport, width: Option<u16>) -> String {
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
