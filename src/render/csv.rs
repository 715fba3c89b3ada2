//! CSV output through `csv::Writer`: one header row, numbers as plain numbers.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a
//! tab or carriage return) are neutralised with a leading `'`, the OWASP advice against CSV
//! injection; numbers are written as numbers and never altered.

use crate::agreement::{Agreement, AgreementReport};
use crate::consensus::Worksheet;
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

/// The two ends of an interval or range, or two empty cells.
fn pair<T: ToString>(value: Option<[T; 2]>) -> [String; 2] {
    value.map_or_else(Default::default, |v| v.map(|x| x.to_string()))
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
        // The intervals come last, so that the columns before them keep their places.
        header.extend(["overall_lo", "overall_hi", "stage_min", "stage_max"].map(String::from));
        for id in &ids {
            header.extend([format!("{id}_lo"), format!("{id}_hi")]);
        }
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
            row.extend(pair(r.overall_ci95));
            row.extend(pair(r.stage_range));
            for (_, d) in &r.dimensions.0 {
                row.extend(pair(d.ci95));
            }
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// `readiness agreement` as CSV: a row per dimension and a `pooled` row; with `--by`, those rows
/// for each municipality (and round, issue) instead of for the whole input.
pub fn agreement(report: &AgreementReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let by = report.groups.is_some();
    let mut header: Vec<&str> = Vec::new();
    if by {
        header.extend(["municipality", "round", "issue"]);
    }
    header.extend([
        "dimension",
        "scorers",
        "items",
        "compared",
        "complete",
        "exact",
        "within_one",
        "kappa_quadratic",
        "alpha_interval",
        "icc",
        "icc_lo",
        "icc_hi",
        "null_reasons",
    ]);
    w.write_record(&header)?;
    let float = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut write = |lead: &[String], scorers: &[String], id: &str, a: &Agreement| {
        let mut row = lead.to_vec();
        let ci = a.icc.as_ref().and_then(|i| i.ci95);
        let reasons: Vec<String> = a
            .null_reasons
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        row.extend([
            text(id),
            text(&scorers.join("; ")),
            a.items.to_string(),
            a.compared.to_string(),
            a.complete.to_string(),
            float(a.exact),
            float(a.within_one),
            float(a.kappa_quadratic),
            float(a.alpha_interval),
            float(a.icc.as_ref().map(|i| i.value)),
            float(ci.map(|c| c[0])),
            float(ci.map(|c| c[1])),
            text(&reasons.join(" | ")),
        ]);
        w.write_record(&row)
    };
    match &report.groups {
        None => {
            for (id, a) in &report.dimensions.0 {
                write(&[], &report.scorers, id, a)?;
            }
            write(&[], &report.scorers, "pooled", &report.pooled)?;
        }
        Some(groups) => {
            for g in groups {
                let lead = [
                    text(&g.municipality),
                    text(g.round.as_deref().unwrap_or_default()),
                    text(g.issue.as_deref().unwrap_or_default()),
                ];
                for (id, a) in &g.dimensions.0 {
                    write(&lead, &g.scorers, id, a)?;
                }
                write(&lead, &g.scorers, "pooled", &g.pooled)?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// The consensus worksheet: `municipality, round, [issue,] interview, dimension`, one column
/// per scorer, `gap`, `consensus`, and an empty `note` column for the meeting. Names are
/// neutralised like any text cell; the worksheet reader takes the `'` off again
/// ([`crate::input::header::unneutralised`]).
pub fn worksheet(sheet: &Worksheet) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec!["municipality", "round"];
    if sheet.with_issue {
        header.push("issue");
    }
    header.extend(["interview", "dimension"]);
    let scorers: Vec<String> = sheet.scorers.iter().map(|s| text(s)).collect();
    header.extend(scorers.iter().map(String::as_str));
    header.extend(["gap", "consensus", "note"]);
    w.write_record(&header)?;
    let plain = |x: Option<&Exact>| x.map(Exact::to_plain).unwrap_or_default();
    for r in &sheet.rows {
        let mut row = vec![
            text(&r.municipality),
            text(r.round.as_deref().unwrap_or_default()),
        ];
        if sheet.with_issue {
            row.push(text(r.issue.as_deref().unwrap_or_default()));
        }
        row.extend([text(&r.interview), text(&r.dimension)]);
        row.extend(r.scores.iter().map(|s| plain(s.as_ref())));
        row.extend([
            plain(r.gap.as_ref()),
            plain(r.consensus.as_ref()),
            String::new(),
        ]);
        w.write_record(&row)?;
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
