//! Markdown tables, for reports and workshop handouts.

use super::{group_label, shown, stage_label};
use crate::scoring::ScoreReport;
use std::fmt::Write as _;

/// Escapes the characters that would break a table cell.
pub(crate) fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// Writes a Markdown table; `right` marks right-aligned (numeric) columns.
pub(crate) fn table(out: &mut String, header: &[String], right: &[bool], rows: &[Vec<String>]) {
    let line = |cells: &[String]| {
        format!(
            "| {} |",
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let _ = writeln!(out, "{}", line(header));
    let rule: Vec<String> = (0..header.len())
        .map(|i| {
            if right.get(i).copied().unwrap_or(false) {
                "---:".into()
            } else {
                "---".into()
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

/// `readiness score` as Markdown.
pub fn score(report: &ScoreReport) -> String {
    let mut out = String::new();
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
    let text_cols = header.len() - 1;
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    header.push("Overall".into());
    header.push("Stage".into());
    let right: Vec<bool> = (0..header.len())
        .map(|i| i >= text_cols && i + 1 < header.len())
        .collect();
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|r| {
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
            row
        })
        .collect();
    table(&mut out, &header, &right, &rows);
    let _ = writeln!(out);
    let dims = report
        .rubric
        .dimensions
        .iter()
        .map(|d| format!("{} {}", d.id, d.name))
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = writeln!(
        out,
        "{dims}. Rubric `{}`; scores rounded down to two decimals; stage = overall rounded down.",
        report.rubric.name
    );
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let label = group_label(&r.municipality, r.round.as_deref(), r.issue.as_deref());
        let _ = writeln!(out, "\n### {}\n", cell(&label));
        let mut header = vec!["Interview".to_string(), "Role".to_string()];
        header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
        let right: Vec<bool> = (0..header.len()).map(|i| i >= 2).collect();
        let rows: Vec<Vec<String>> = r
            .detail
            .iter()
            .flatten()
            .map(|i| {
                let mut row = vec![i.interview.clone(), i.role.clone().unwrap_or_default()];
                row.extend(i.scores.0.iter().map(|(_, c)| match c {
                    Some(c) if c.consensus => c.combined.to_plain(),
                    Some(c) => format!("{}\\*", c.combined.to_plain()),
                    None => "–".into(),
                }));
                row
            })
            .collect();
        table(&mut out, &header, &right, &rows);
        let _ = writeln!(out, "\n\\* mean of the scorers, no consensus score.");
    }
    let warnings = report.labelled_warnings();
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n**Warnings**\n");
        for w in warnings {
            let _ = writeln!(out, "- {}", w.replace('|', "\\|"));
        }
    }
    out
}
