//! Rendering typed results: one module per output format.
//!
//! Commands compute a result once; these modules only format it. Human formats (table,
//! markdown) show scores rounded *down* to two decimals so a shown number never crosses a stage
//! boundary; machine formats (CSV, JSON) carry the nearest `f64` and the exactly computed stage.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

pub(crate) mod rubric;
pub mod snippet;

use crate::exact::Exact;
use crate::scoring::{GroupResult, ScoreReport};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned table for people, warnings below it.
    Table,
    /// CSV with a header row, for spreadsheets and scripts.
    Csv,
    /// JSON, a stable API for scripts.
    Json,
    /// Markdown table, for reports.
    Markdown,
}

/// A score for people: two decimals rounded down, `–` when absent.
pub(crate) fn shown(value: Option<&Exact>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.floor_to(2))
}

/// `4 Preplanning`, or `–` without a stage.
pub(crate) fn stage_label(stage: Option<i64>, name: Option<&str>) -> String {
    match (stage, name) {
        (Some(s), Some(n)) => format!("{s} {n}"),
        (Some(s), None) => s.to_string(),
        _ => "–".to_string(),
    }
}

/// `Kinda`, `Kinda, round 2`, `Kinda, round 2, alcohol`: how a group is named in warnings.
pub(crate) fn group_label(municipality: &str, round: Option<&str>, issue: Option<&str>) -> String {
    let mut label = municipality.to_string();
    if let Some(r) = round {
        label.push_str(&format!(", round {r}"));
    }
    if let Some(i) = issue {
        label.push_str(&format!(", {i}"));
    }
    label
}

/// A format-neutral table: what the table and Markdown renderers both draw.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub header: Vec<String>,
    /// Right-aligned (numeric) columns.
    pub right: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid whose columns from `numbers.start` to `numbers.end` (exclusive) are numeric.
    pub fn new(header: Vec<String>, numbers: std::ops::Range<usize>) -> Grid {
        let right = (0..header.len()).map(|i| numbers.contains(&i)).collect();
        Grid {
            header,
            right,
            rows: Vec::new(),
        }
    }
}

/// The main `score` table: one row per municipality (and round, issue).
pub(crate) fn score_grid(report: &ScoreReport) -> Grid {
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
    let numbers = first_number..header.len();
    header.push("Stage".into());
    let mut grid = Grid::new(header, numbers);
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
        grid.rows.push(row);
    }
    grid
}

/// One municipality's `--detail` table: each interview's combined scores, `mark` after a score
/// that is a mean of scorers rather than a consensus score.
pub(crate) fn detail_grid(report: &ScoreReport, result: &GroupResult, mark: &str) -> Grid {
    let mut header = vec!["Interview".to_string(), "Role".to_string()];
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    let n = header.len();
    let mut grid = Grid::new(header, 2..n);
    for i in result.detail.iter().flatten() {
        let mut row = vec![i.interview.clone(), i.role.clone().unwrap_or_default()];
        row.extend(i.scores.0.iter().map(|(_, c)| match c {
            Some(c) if c.consensus => c.combined.to_plain(),
            Some(c) => format!("{}{mark}", c.combined.to_plain()),
            None => "–".into(),
        }));
        grid.rows.push(row);
    }
    grid
}

/// One municipality's evidence trail for coded input: per interview, dimension and coder, the
/// derived score and the codes it rests on with their rows (and questions). With segment text
/// kept (`--show-text`), one row per code with its text. `None` when nothing was coded.
pub(crate) fn evidence_grid(result: &GroupResult) -> Option<Grid> {
    let details = result.detail.as_ref()?;
    let with_text = details.iter().any(|i| {
        i.scores.0.iter().flat_map(|(_, c)| c.iter()).any(|c| {
            c.evidence
                .0
                .iter()
                .flat_map(|(_, e)| e.iter())
                .any(|e| e.text.is_some())
        })
    });
    let files: std::collections::BTreeSet<&str> = details
        .iter()
        .flat_map(|i| i.scores.0.iter().flat_map(|(_, c)| c.iter()))
        .flat_map(|c| c.evidence.0.iter().flat_map(|(_, e)| e.iter()))
        .map(|e| e.file.as_str())
        .collect();
    let place = |e: &crate::scoring::EvidenceDetail| {
        if files.len() > 1 {
            format!("{}:{}", e.file, e.line)
        } else {
            e.line.to_string()
        }
    };
    let header: Vec<String> = if with_text {
        [
            "Interview",
            "Dimension",
            "Coder",
            "Score",
            "Code",
            "Line",
            "Question",
            "Text",
        ]
    } else {
        [
            "Interview",
            "Dimension",
            "Coder",
            "Score",
            "Codes (line, question)",
            "",
            "",
            "",
        ]
    }
    .iter()
    .filter(|h| !h.is_empty())
    .map(|h| h.to_string())
    .collect();
    let mut grid = Grid::new(header, 3..4);
    for i in details {
        for (dim, combined) in &i.scores.0 {
            let Some(c) = combined else { continue };
            for (coder, items) in &c.evidence.0 {
                let score = c
                    .scorers
                    .get(coder)
                    .map(Exact::to_plain)
                    .unwrap_or_default();
                let key = [i.interview.clone(), dim.clone(), coder.clone(), score];
                if with_text {
                    for e in items {
                        let mut row = key.to_vec();
                        row.push(e.code.clone());
                        row.push(place(e));
                        row.push(e.question.clone().unwrap_or_default());
                        row.push(e.text.clone().unwrap_or_default());
                        grid.rows.push(row);
                    }
                } else {
                    let codes: Vec<String> = items
                        .iter()
                        .map(|e| match &e.question {
                            Some(q) => format!("{} ({}, q {q})", e.code, place(e)),
                            None => format!("{} ({})", e.code, place(e)),
                        })
                        .collect();
                    let mut row = key.to_vec();
                    row.push(codes.join("; "));
                    grid.rows.push(row);
                }
            }
        }
    }
    (!grid.rows.is_empty()).then_some(grid)
}

/// The line under the score table: dimension names and how to read the numbers.
pub(crate) fn score_legend(report: &ScoreReport) -> String {
    let dims = report
        .rubric
        .dimensions
        .iter()
        .map(|d| format!("{} {}", d.id, d.name))
        .collect::<Vec<_>>()
        .join(" · ");
    format!(
        "{dims}\nRubric `{}`; scores rounded down to two decimals; stage = overall rounded down.",
        report.rubric.name
    )
}
