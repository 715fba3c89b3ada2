//! CSV output through `csv::Writer`: one header row, numbers as plain numbers.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a
//! tab or carriage return) are neutralised with a leading `'`, the OWASP advice against CSV
//! injection; numbers are written as numbers and never altered.

use crate::exact::Exact;
use crate::scoring::ScoreReport;

/// A text cell, neutralised if a spreadsheet would read it as a formula.
pub(crate) fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

fn number(value: Option<&Exact>) -> String {
    value.map(|v| v.to_f64().to_string()).unwrap_or_default()
}

/// `readiness score` as CSV: one row per group; with `--detail`, one row per interview instead.
pub fn score(report: &ScoreReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let ids: Vec<String> = report
        .rubric
        .dimensions
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let detail = report.results.iter().any(|r| r.detail.is_some());
    let mut header: Vec<String> = ["municipality", "round", "issue"]
        .map(String::from)
        .to_vec();
    if detail {
        header.extend(["interview", "role"].map(String::from));
        header.extend(ids.iter().cloned());
        header.extend(ids.iter().map(|id| format!("{id}_consensus")));
    } else {
        header.push("interviews".into());
        header.extend(ids.iter().cloned());
        header.extend(["overall", "stage", "stage_name"].map(String::from));
    }
    w.write_record(&header)?;
    for r in &report.results {
        let key = [
            text(&r.municipality),
            text(r.round.as_deref().unwrap_or_default()),
            text(r.issue.as_deref().unwrap_or_default()),
        ];
        if detail {
            for i in r.detail.iter().flatten() {
                let mut row = key.to_vec();
                row.push(text(&i.interview));
                row.push(text(i.role.as_deref().unwrap_or_default()));
                row.extend(
                    i.scores
                        .0
                        .iter()
                        .map(|(_, c)| number(c.as_ref().map(|c| &c.combined))),
                );
                row.extend(i.scores.0.iter().map(|(_, c)| {
                    c.as_ref()
                        .map(|c| c.consensus.to_string())
                        .unwrap_or_default()
                }));
                w.write_record(&row)?;
            }
        } else {
            let mut row = key.to_vec();
            row.push(r.interviews.to_string());
            row.extend(r.dimensions.0.iter().map(|(_, d)| number(d.score.as_ref())));
            row.push(number(r.overall.as_ref()));
            row.push(r.stage.map(|s| s.to_string()).unwrap_or_default());
            row.push(text(r.stage_name.as_deref().unwrap_or_default()));
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+46"), "'+46");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Ödeshög"), "Ödeshög");
        assert_eq!(text(""), "");
    }
}
