//! Markdown tables, for reports and workshop handouts.

use super::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend,
};
use crate::agreement::AgreementReport;
use crate::scoring::ScoreReport;
use std::fmt::Write as _;

/// Escapes the characters that would break a table cell.
pub(crate) fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('\n', " ")
}

/// Writes a grid as a Markdown table.
pub(crate) fn draw(out: &mut String, grid: &Grid) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(&grid.header));
    let rule: Vec<&str> = grid
        .right
        .iter()
        .map(|r| if *r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &grid.rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

/// A bulleted list under a bold heading, or nothing.
fn list(out: &mut String, heading: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(out, "\n**{heading}**\n");
        for item in items {
            let _ = writeln!(out, "- {}", cell(item));
        }
    }
}

/// The warnings under a bold heading, or nothing.
pub(crate) fn warnings(out: &mut String, warnings: &[String]) {
    list(out, "Warnings", warnings);
}

/// `readiness score` as Markdown.
pub fn score(report: &ScoreReport) -> String {
    let mut out = String::new();
    draw(&mut out, &score_grid(report));
    let _ = writeln!(out, "\n{}", score_legend(report).replace('\n', "  \n"));
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let label = group_label(&r.municipality, r.round.as_deref(), r.issue.as_deref());
        let _ = writeln!(out, "\n### {}\n", cell(&label));
        draw(&mut out, &detail_grid(report, r, "*"));
        let _ = writeln!(out, "\n\\* mean of the scorers, no consensus score.");
        if let Some(grid) = evidence_grid(r) {
            let _ = writeln!(out, "\nThe codes behind each coder's score:\n");
            draw(&mut out, &grid);
        }
    }
    warnings(&mut out, &report.labelled_warnings());
    list(&mut out, "Notes", &report.notes);
    out
}

/// `readiness agreement` as Markdown.
pub fn agreement(report: &AgreementReport) -> String {
    let mut out = String::new();
    draw(&mut out, &agreement_grid(report));
    let _ = writeln!(out, "\n{}", agreement_legend(report).replace('\n', "  \n"));
    if let Some(groups) = &report.groups {
        let _ = writeln!(out, "\n### Per municipality\n");
        draw(&mut out, &agreement_groups_grid(groups));
    }
    list(&mut out, "Not computed", &agreement_notes(report));
    warnings(&mut out, &report.warnings);
    list(&mut out, "Notes", &report.notes);
    out
}
