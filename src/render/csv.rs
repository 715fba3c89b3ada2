//! CSV output through `csv::Writer`: one header row, numbers as plain numbers.

use crate::exact::Exact;
use crate::scoring::ScoreReport;

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
            r.municipality.clone(),
            r.round.clone().unwrap_or_default(),
            r.issue.clone().unwrap_or_default(),
        ];
        if detail {
            for i in r.detail.iter().flatten() {
                let mut row = key.to_vec();
                row.push(i.interview.clone());
                row.push(i.role.clone().unwrap_or_default());
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
            row.push(r.stage_name.clone().unwrap_or_default());
            w.write_record(&row)?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
