//! The text formats' shared middle: a format-neutral [`Grid`] of cells built from a typed report,
//! and the legends, notes and labels around it, which the table and Markdown renderers draw each
//! in their own way. Private to the renderers; nothing outside `render` sees a grid.

use crate::domain::agreement::{Agreement, AgreementReport, GroupAgreement};
use crate::domain::score::{ByDimension, GroupResult, RubricSummary, ScoreReport};
use crate::model::number::Exact;

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

/// `4 Preplanning (3–5)`: the stage and the stages its confidence interval spans.
pub(crate) fn stage_with_range(result: &GroupResult) -> String {
    let label = stage_label(
        result.stage_level(),
        result.stage.as_ref().map(|s| s.name.as_str()),
    );
    match result.stage_range {
        Some([lo, hi]) => format!("{label} ({lo}–{hi})"),
        None => label,
    }
}

/// An interval for people, `3.91–5.05`: both ends rounded *down* to two decimals, like the
/// scores, so the shown ends agree with the stage range; `–` when there is none.
pub(crate) fn shown_interval(ci: Option<[f64; 2]>) -> String {
    let down = |x: f64| format!("{:.2}", (x * 100.0).floor() / 100.0);
    ci.map_or_else(
        || "–".to_string(),
        |[lo, hi]| format!("{}–{}", down(lo), down(hi)),
    )
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

/// The leading columns that name a group: `Municipality`, then `Round` and `Issue` when any of
/// the table's groups has one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupColumns {
    round: bool,
    issue: bool,
}

impl GroupColumns {
    /// The columns for groups given as their `(round, issue)`.
    pub fn of<'a>(groups: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>) -> Self {
        groups.into_iter().fold(
            GroupColumns {
                round: false,
                issue: false,
            },
            |c, (round, issue)| GroupColumns {
                round: c.round || round.is_some(),
                issue: c.issue || issue.is_some(),
            },
        )
    }

    /// The columns' headings.
    pub fn header(self) -> Vec<String> {
        self.cells("Municipality", Some("Round"), Some("Issue"))
    }

    /// One group's cells.
    pub fn cells(
        self,
        municipality: &str,
        round: Option<&str>,
        issue: Option<&str>,
    ) -> Vec<String> {
        let mut cells = vec![municipality.to_string()];
        if self.round {
            cells.push(round.unwrap_or_default().to_string());
        }
        if self.issue {
            cells.push(issue.unwrap_or_default().to_string());
        }
        cells
    }
}

/// The main `score` table: one row per municipality (and round, issue).
pub(crate) fn score_grid(report: &ScoreReport) -> Grid {
    let groups = GroupColumns::of(
        report
            .results
            .iter()
            .map(|r| (r.round.as_deref(), r.issue.as_deref())),
    );
    let mut header = groups.header();
    header.push("n".into());
    let first_number = header.len() - 1;
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    header.push("Overall".into());
    header.push("95% CI".into());
    let numbers = first_number..header.len();
    header.push("Stage (range)".into());
    let mut grid = Grid::new(header, numbers);
    for r in &report.results {
        let mut row = groups.cells(&r.municipality, r.round.as_deref(), r.issue.as_deref());
        row.push(r.interviews.to_string());
        row.extend(r.dimensions.0.iter().map(|(_, d)| shown(d.score.as_ref())));
        row.push(shown(r.overall.as_ref()));
        row.push(shown_interval(r.overall_ci95));
        row.push(stage_with_range(r));
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
    let place = |e: &crate::domain::score::EvidenceDetail| {
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

/// `A Community efforts · B …`: the dimensions a table's columns or rows are headed by.
fn dimension_legend(rubric: &RubricSummary) -> String {
    rubric
        .dimensions
        .iter()
        .map(|d| format!("{} {}", d.id, d.name))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The line under the score table: dimension names and how to read the numbers.
pub(crate) fn score_legend(report: &ScoreReport) -> String {
    let dims = dimension_legend(&report.rubric);
    format!(
        "{dims}\nRubric `{}`; scores rounded down to two decimals; stage = overall rounded down.\n\
         95% CI: t-interval of the overall score over the interviews; (3–5): the stages it spans.",
        report.rubric.name
    )
}

/// A proportion for people: `60.9%`, `–` when there is none.
fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// A coefficient for people: `0.71`, `–` when there is none.
fn coefficient(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

/// The statistics' names as the agreement tables head them, by JSON field name.
const STATISTIC_LABELS: &[(&str, &str)] = &[
    ("exact", "Exact"),
    ("within_one", "Within 1"),
    ("kappa_quadratic", "Kappa"),
    ("alpha_interval", "Alpha"),
    ("icc", "ICC(2,1)"),
    ("icc.ci95", "ICC 95% CI"),
];

/// One agreement table: a row per dimension and a pooled row, per block (the whole input, or
/// each municipality with `--by`); `label` gives a block's leading cells.
fn agreement_rows(
    grid: &mut Grid,
    lead: Vec<String>,
    dims: &ByDimension<Agreement>,
    pooled: &Agreement,
) {
    let rows = dims
        .0
        .iter()
        .map(|(id, a)| (id.as_str(), a))
        .chain([("pooled", pooled)]);
    for (label, a) in rows {
        let mut row = lead.clone();
        row.push(label.to_string());
        row.extend([
            a.items.to_string(),
            a.compared.to_string(),
            percent(a.exact),
            percent(a.within_one),
            coefficient(a.kappa_quadratic),
            coefficient(a.alpha_interval),
            coefficient(a.icc.as_ref().map(|i| i.value)),
            a.icc
                .as_ref()
                .and_then(|i| i.ci95)
                .map_or_else(|| "–".to_string(), |[lo, hi]| format!("{lo:.2}–{hi:.2}")),
        ]);
        grid.rows.push(row);
    }
}

const AGREEMENT_COLUMNS: [&str; 8] = [
    "Items",
    "Compared",
    "Exact",
    "Within 1",
    "Kappa",
    "Alpha",
    "ICC(2,1)",
    "ICC 95% CI",
];

fn agreement_header(mut header: Vec<String>) -> Grid {
    header.push("Dimension".into());
    let first = header.len();
    header.extend(AGREEMENT_COLUMNS.iter().map(|s| s.to_string()));
    let n = header.len();
    Grid::new(header, first..n)
}

/// The agreement over the whole input.
pub(crate) fn agreement_grid(report: &AgreementReport) -> Grid {
    let mut grid = agreement_header(Vec::new());
    agreement_rows(&mut grid, Vec::new(), &report.dimensions, &report.pooled);
    grid
}

/// The agreement per municipality (and round, issue), with `--by municipality`.
pub(crate) fn agreement_groups_grid(groups: &[GroupAgreement]) -> Grid {
    let columns = GroupColumns::of(
        groups
            .iter()
            .map(|g| (g.round.as_deref(), g.issue.as_deref())),
    );
    let mut grid = agreement_header(columns.header());
    for g in groups {
        let cells = columns.cells(&g.municipality, g.round.as_deref(), g.issue.as_deref());
        agreement_rows(&mut grid, cells, &g.dimensions, &g.pooled);
    }
    grid
}

/// Why statistics are missing, one line per statistic and reason, naming the rows it concerns.
pub(crate) fn agreement_notes(report: &AgreementReport) -> Vec<String> {
    let mut blocks: Vec<(String, &ByDimension<Agreement>, &Agreement)> =
        vec![(String::new(), &report.dimensions, &report.pooled)];
    for g in report.groups.iter().flatten() {
        let label = group_label(&g.municipality, g.round.as_deref(), g.issue.as_deref());
        blocks.push((format!("{label} "), &g.dimensions, &g.pooled));
    }
    // (statistic, reason) → the rows, in first-seen order.
    let mut notes: Vec<((&str, &str), Vec<String>)> = Vec::new();
    for (prefix, dims, pooled) in blocks {
        let rows = dims
            .0
            .iter()
            .map(|(id, a)| (id.as_str(), a))
            .chain([("pooled", pooled)]);
        for (label, a) in rows {
            for (stat, reason) in &a.null_reasons {
                let key = (stat.as_str(), reason.as_str());
                let row = format!("{prefix}{label}");
                match notes.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, rows)) => rows.push(row),
                    None => notes.push((key, vec![row])),
                }
            }
        }
    }
    notes.sort_by_key(|((stat, _), _)| STATISTIC_LABELS.iter().position(|(k, _)| k == stat));
    notes
        .into_iter()
        .map(|((stat, reason), rows)| {
            let name = STATISTIC_LABELS
                .iter()
                .find(|(k, _)| *k == stat)
                .map_or(stat, |(_, l)| l);
            format!("{name} for {}: {reason}", rows.join(", "))
        })
        .collect()
}

/// The lines under the agreement table: the scorers and what the columns mean.
pub(crate) fn agreement_legend(report: &AgreementReport) -> String {
    let dims = dimension_legend(&report.rubric);
    let scorers = if report.scorers.is_empty() {
        "none".to_string()
    } else {
        report.scorers.join(", ")
    };
    format!(
        "{dims}\nScorers: {scorers}. Items: interview × dimension with individual scores; \
         Compared: rated by two or more scorers, the base of Exact and Within 1 (level).\n\
         Kappa: Cohen's weighted kappa, quadratic weights; Alpha: Krippendorff's alpha, interval \
         metric; ICC(2,1): two-way random, absolute agreement, single scorer."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_columns_are_those_any_group_names() {
        let none = GroupColumns::of([(None, None), (None, None)]);
        assert_eq!(none.header(), ["Municipality"]);
        assert_eq!(none.cells("Kinda", None, None), ["Kinda"]);
        let issue = GroupColumns::of([(None, None), (None, Some("alcohol"))]);
        assert_eq!(issue.header(), ["Municipality", "Issue"]);
        assert_eq!(issue.cells("Kinda", Some("2"), None), ["Kinda", ""]);
        let both = GroupColumns::of([(Some("1"), None), (None, Some("alcohol"))]);
        assert_eq!(both.header(), ["Municipality", "Round", "Issue"]);
    }
}
