//! Aligned tables for people (comfy-table), with warnings listed below.

use super::{group_label, shown, stage_label};
use crate::scoring::ScoreReport;
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Write as _;

/// A table without borders between rows; width fixed when `width` is given (tests, pipes).
pub(crate) fn new_table(header: Vec<String>, width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(header);
    match width {
        Some(w) => {
            table.set_width(w);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

/// Right-aligns the given columns (numbers).
pub(crate) fn align_right(table: &mut Table, columns: impl IntoIterator<Item = usize>) {
    for c in columns {
        if let Some(col) = table.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// `readiness score` as a table.
pub fn score(report: &ScoreReport, width: Option<u16>) -> String {
    let with_round = report.results.iter().any(|r| r.round.is_some());
    let with_issue = report.results.iter().any(|r| r.issue.is_some());
    let mut header = vec!["Municipality".to_string()];
    if with_round {
        header.push("Round".into());
    }
    if with_issue {
        header.push("Issue".into());
    }
    header.push("n".into());
    let first_number = header.len() - 1;
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    header.push("Overall".into());
    let last_number = header.len() - 1;
    header.push("Stage".into());
    let mut table = new_table(header, width);
    for r in &report.results {
        let mut row = vec![r.municipality.clone()];
        if with_round {
            row.push(r.round.clone().unwrap_or_default());
        }
        if with_issue {
            row.push(r.issue.clone().unwrap_or_default());
        }
        row.push(r.interviews.to_string());
        row.extend(r.dimensions.0.iter().map(|(_, d)| shown(d.score.as_ref())));
        row.push(shown(r.overall.as_ref()));
        row.push(stage_label(r.stage, r.stage_name.as_deref()));
        table.add_row(row);
    }
    align_right(&mut table, first_number..=last_number);
    let mut out = format!("{table}\n");
    let dims = report
        .rubric
        .dimensions
        .iter()
        .map(|d| format!("{} {}", d.id, d.name))
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = writeln!(out, "{dims}");
    let _ = writeln!(
        out,
        "Rubric `{}`; scores rounded down to two decimals; stage = overall rounded down.",
        report.rubric.name
    );

    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let mut header = vec!["Interview".to_string(), "Role".to_string()];
        header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
        let n = header.len();
        let mut t = new_table(header, width);
        for i in r.detail.iter().flatten() {
            let mut row = vec![i.interview.clone(), i.role.clone().unwrap_or_default()];
            row.extend(i.scores.0.iter().map(|(_, c)| match c {
                Some(c) if c.consensus => c.combined.to_plain(),
                Some(c) => format!("{}*", c.combined.to_plain()),
                None => "–".into(),
            }));
            t.add_row(row);
        }
        align_right(&mut t, 2..n);
        let label = group_label(&r.municipality, r.round.as_deref(), r.issue.as_deref());
        let _ = write!(
            out,
            "\n{label}: combined score per interview (* mean of scorers, no consensus)\n{t}\n"
        );
    }

    let warnings = report.labelled_warnings();
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in warnings {
            let _ = writeln!(out, "  - {w}");
        }
    }
    out
}
