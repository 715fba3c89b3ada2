//! The text formats' shared middle: a format-neutral [`Grid`] of cells built from a typed report,
//! and the legends, notes and labels around it, which the table and Markdown renderers draw each
//! in their own way. Private to the renderers; nothing outside `render` sees a grid.

use super::fit::Wrap;
use crate::domain::agreement::{Agreement, AgreementReport, GroupAgreement};
use crate::domain::score::{ByDimension, GroupResult, LabelledWarning, RubricSummary, ScoreReport};
use crate::lang::Lang;
use crate::model::number::Exact;
use std::sync::Arc;

/// A score for people: two decimals rounded down, `–` when absent.
pub(crate) fn shown(value: Option<&Exact>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_string(), |v| lang.number(&v.floor_to(2)))
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
pub(crate) fn shown_interval(ci: Option<[f64; 2]>, lang: Lang) -> String {
    let down = |x: f64| lang.number(&format!("{:.2}", (x * 100.0).floor() / 100.0));
    ci.map_or_else(
        || "–".to_string(),
        |[lo, hi]| format!("{}–{}", down(lo), down(hi)),
    )
}

/// `Kinda`, `Kinda, round 2`, `Kinda, round 2, alcohol`: how a group is named in headings.
pub(crate) fn group_label(r: &GroupResult, lang: Lang) -> String {
    r.key.label(lang)
}

/// More warnings of one kind than this are summed up in one line, unless `--verbose`.
const GROUP_ABOVE: usize = 3;
/// How many places a summed-up line names.
const EXAMPLES: usize = 3;

/// The warnings of a score report as lines for people: the input's own first, as they are; then
/// each result's, labelled with its group (`Boxholm: …`). Unless `verbose`, a kind with more than
/// [`GROUP_ABOVE`] warnings is one line with the count and the first places (`needs consensus:
/// 38 items in 3 municipalities — Boxholm I2 A, …; all with --verbose`). JSON keeps every one.
pub(crate) fn score_warnings(report: &ScoreReport, lang: Lang, verbose: bool) -> Vec<String> {
    warning_lines(
        &report.warnings,
        &report.group_warnings(lang),
        lang,
        (!verbose).then_some(GROUP_ABOVE),
    )
}

/// The warnings of a comparison of rounds as lines for people, as [`score_warnings`] writes
/// them.
pub(crate) fn compare_warnings(
    report: &crate::domain::rounds::CompareReport,
    lang: Lang,
    verbose: bool,
) -> Vec<String> {
    warning_lines(
        &report.input_warnings,
        &report.labelled_group_warnings(lang),
        lang,
        (!verbose).then_some(GROUP_ABOVE),
    )
}

/// One group's warnings as lines for a handout: each kind summed up in one line with its count
/// and the first places (interview and dimension), never the scorers' names or the file's lines
/// that a warning's full text has; with `verbose`, every warning in full.
pub(crate) fn group_warning_lines(result: &GroupResult, lang: Lang, verbose: bool) -> Vec<String> {
    let label: Arc<str> = result.key.label(lang).into();
    let labelled: Vec<(Arc<str>, &crate::model::Warning)> = result
        .warnings
        .iter()
        .map(|w| (Arc::clone(&label), w))
        .collect();
    warning_lines(&[], &labelled, lang, (!verbose).then_some(0))
}

/// The input's warnings as they are, then each group's labelled one, a kind with more than
/// `group_above` summed up (`None`: none summed up, `--verbose`).
fn warning_lines(
    input: &[crate::model::Message],
    labelled: &[(Arc<str>, &crate::model::Warning)],
    lang: Lang,
    group_above: Option<usize>,
) -> Vec<String> {
    // Counted once per kind, not once per warning: a round before its consensus meeting has
    // tens of thousands of one kind.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for kind in labelled.iter().filter_map(|(_, w)| w.kind()) {
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    let count = |kind: &str| {
        counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    };
    let mut lines: Vec<String> = crate::model::message::said(input, lang);
    let mut summed: Vec<&str> = Vec::new();
    for (label, w) in labelled {
        let kind = w.kind();
        match kind {
            Some(kind) if group_above.is_some_and(|above| count(kind) > above) => {
                if summed.contains(&kind) {
                    continue;
                }
                summed.push(kind);
                let of_kind: Vec<&(Arc<str>, &crate::model::Warning)> = labelled
                    .iter()
                    .filter(|(_, v)| v.kind() == Some(kind))
                    .collect();
                let mut groups: Vec<&str> = of_kind.iter().map(|(l, _)| &**l).collect();
                groups.dedup();
                let mut examples: Vec<String> = of_kind
                    .iter()
                    .take(EXAMPLES)
                    .map(|(l, v)| match v.item() {
                        item if item.is_empty() => l.to_string(),
                        item => format!("{l} {item}"),
                    })
                    .collect();
                if of_kind.len() > EXAMPLES {
                    examples.push("…".into());
                }
                let per_item = of_kind.iter().any(|(_, v)| !v.item().is_empty());
                let kind_name = lang.text(&format!("warning.kind.{kind}"));
                let groups = lang.count("warning.grouped.groups", groups.len(), &[]);
                let examples = examples.join(", ");
                lines.push(if per_item {
                    let items = lang.count("warning.grouped.items", of_kind.len(), &[]);
                    lang.fill(
                        "warning.grouped.summary",
                        &[
                            ("kind", &kind_name),
                            ("items", &items),
                            ("groups", &groups),
                            ("examples", &examples),
                        ],
                    )
                } else {
                    lang.fill(
                        "warning.grouped.summary_groups",
                        &[
                            ("kind", &kind_name),
                            ("groups", &groups),
                            ("examples", &examples),
                        ],
                    )
                });
            }
            _ => lines.push(LabelledWarning::Group(Arc::clone(label), w.said(lang)).to_string()),
        }
    }
    lines
}

/// A format-neutral table: what the table and Markdown renderers both draw.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub header: Vec<String>,
    /// Right-aligned (numeric) columns.
    pub right: Vec<bool>,
    /// How each column's cells may wrap to fit a width (never, unless the grid says).
    pub wrap: Vec<Wrap>,
    /// The columns to leave out when the table cannot fit, the least needed first
    /// ([`super::fit`]); a column not named here always stays.
    pub drop_order: Vec<usize>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    /// A grid whose columns from `numbers.start` to `numbers.end` (exclusive) are numeric.
    pub fn new(header: Vec<String>, numbers: std::ops::Range<usize>) -> Grid {
        let right = (0..header.len()).map(|i| numbers.contains(&i)).collect();
        let wrap = vec![Wrap::Never; header.len()];
        Grid {
            header,
            right,
            wrap,
            drop_order: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// This grid, its `columns` wrapping as `wrap` says.
    pub fn wrapping(mut self, columns: impl IntoIterator<Item = usize>, wrap: Wrap) -> Grid {
        for c in columns {
            self.wrap[c] = wrap;
        }
        self
    }

    /// This grid, leaving out `columns` in this order when it cannot fit.
    pub fn dropping(mut self, columns: impl IntoIterator<Item = usize>) -> Grid {
        self.drop_order = columns.into_iter().collect();
        self
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
    pub fn header(self, lang: Lang) -> Vec<String> {
        self.cells(
            lang.text("table.municipality"),
            Some(lang.text("table.round")),
            Some(lang.text("table.issue")),
        )
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
pub(crate) fn score_grid(report: &ScoreReport, lang: Lang) -> Grid {
    let groups = GroupColumns::of(
        report
            .results
            .iter()
            .map(|r| (r.key.round.as_deref(), r.key.issue.as_deref())),
    );
    let mut header = groups.header(lang);
    header.push(lang.text("table.n").into());
    let first_number = header.len() - 1;
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    header.push(lang.text("table.overall").into());
    header.push(lang.text("table.ci").into());
    let numbers = first_number..header.len();
    header.push(lang.text("table.stage_range").into());
    // Too narrow: first the interval, then the dimensions from the right, then n; the
    // municipality, the overall score and the stage always stay.
    let (n, ci) = (first_number, numbers.end - 1);
    let dims = (n + 1..ci - 1).rev();
    let mut grid = Grid::new(header, numbers).dropping([ci].into_iter().chain(dims).chain([n]));
    for r in &report.results {
        let mut row = groups.cells(
            &r.key.municipality,
            r.key.round.as_deref(),
            r.key.issue.as_deref(),
        );
        row.push(r.interviews.to_string());
        row.extend(
            r.dimensions
                .0
                .iter()
                .map(|(_, d)| shown(d.score.as_ref(), lang)),
        );
        row.push(shown(r.overall.as_ref(), lang));
        row.push(shown_interval(r.overall_ci95, lang));
        row.push(stage_with_range(r));
        grid.rows.push(row);
    }
    grid
}

/// One municipality's `--detail` table: each interview's combined scores, `mark` after a score
/// that is a mean of scorers rather than a consensus score.
pub(crate) fn detail_grid(
    report: &ScoreReport,
    result: &GroupResult,
    mark: &str,
    lang: Lang,
) -> Grid {
    let mut header = vec![
        lang.text("table.interview").to_string(),
        lang.text("table.role").to_string(),
    ];
    header.extend(report.rubric.dimensions.iter().map(|d| d.id.clone()));
    let n = header.len();
    // Too narrow: first the role (it wraps before it goes), then the dimensions from the right.
    let mut grid = Grid::new(header, 2..n)
        .wrapping([1], Wrap::Words)
        .dropping([1].into_iter().chain((2..n).rev()));
    for i in result.detail.iter().flatten() {
        let mut row = vec![i.interview.clone(), i.role.clone().unwrap_or_default()];
        row.extend(i.scores.0.iter().map(|(_, c)| match c {
            Some(c) if c.consensus => lang.number(&c.combined.to_plain()),
            Some(c) => format!("{}{mark}", lang.number(&c.combined.to_plain())),
            None => "–".into(),
        }));
        grid.rows.push(row);
    }
    // Under the interviews, each dimension's score and its own stage (the score rounded down).
    let mut score = vec![
        lang.text("table.dimension_score").to_string(),
        String::new(),
    ];
    score.extend(
        result
            .dimensions
            .0
            .iter()
            .map(|(_, d)| shown(d.score.as_ref(), lang)),
    );
    let mut stage = vec![
        lang.text("table.dimension_stage").to_string(),
        String::new(),
    ];
    stage.extend(
        result
            .dimensions
            .0
            .iter()
            .map(|(_, d)| d.stage.map_or_else(|| "–".to_string(), |s| s.to_string())),
    );
    grid.rows.extend([score, stage]);
    grid
}

/// One municipality's evidence trail for coded input: per interview, dimension and coder, the
/// derived score and the codes it rests on with their rows (and questions). With segment text
/// kept (`--show-text`), one row per code with its text. `None` when nothing was coded.
pub(crate) fn evidence_grid(result: &GroupResult, lang: Lang) -> Option<Grid> {
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
            e.place_in_file()
        } else {
            e.place()
        }
    };
    let keys: &[&str] = if with_text {
        &[
            "table.interview",
            "table.dimension",
            "table.coder",
            "table.score",
            "table.code",
            "table.line",
            "table.question",
            "table.text",
        ]
    } else {
        &[
            "table.interview",
            "table.dimension",
            "table.coder",
            "table.score",
            "table.codes",
        ]
    };
    // A project's codes are at a source's characters, not at lines.
    let in_projects = details
        .iter()
        .flat_map(|i| i.scores.0.iter().flat_map(|(_, c)| c.iter()))
        .flat_map(|c| c.evidence.0.iter().flat_map(|(_, e)| e.iter()))
        .any(|e| e.source.is_some());
    let header: Vec<String> = keys
        .iter()
        .map(|k| match *k {
            "table.line" if in_projects => lang.text("table.place"),
            "table.codes" if in_projects => lang.text("table.codes_placed"),
            k => lang.text(k),
        })
        .map(str::to_string)
        .collect();
    // The codes wrap between codes, the question and text between words; too narrow, the
    // question goes first, then the dimension (each code names it: `A4`), then the line.
    let mut grid = if with_text {
        Grid::new(header, 3..4)
            .wrapping([6, 7], Wrap::Words)
            .dropping([6, 1, 5])
    } else {
        Grid::new(header, 3..4).wrapping([4], Wrap::After("; "))
    };
    for i in details {
        for (dim, combined) in &i.scores.0 {
            let Some(c) = combined else { continue };
            for (coder, items) in &c.evidence.0 {
                let score = c
                    .scorers
                    .get(coder)
                    .map(|e| lang.number(&e.to_plain()))
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
pub(crate) fn score_legend(report: &ScoreReport, lang: Lang) -> String {
    let dims = dimension_legend(&report.rubric);
    let legend = lang.fill("table.score_legend", &[("rubric", &report.rubric.name)]);
    format!("{dims}\n{legend}")
}

/// A proportion for people: `60.9%`, `–` when there is none.
fn percent(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(
        || "–".to_string(),
        |v| lang.number(&format!("{:.1}%", v * 100.0)),
    )
}

/// A coefficient for people: `0.71`, `–` when there is none.
fn coefficient(value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| "–".to_string(), |v| lang.number(&format!("{v:.2}")))
}

/// The statistics' names as the agreement tables head them, by JSON field name.
const STATISTIC_LABELS: &[(&str, &str)] = &[
    ("exact", "agreement.exact"),
    ("within_one", "agreement.within_one"),
    ("kappa_quadratic", "agreement.kappa"),
    ("alpha_interval", "agreement.alpha"),
    ("icc", "agreement.icc"),
    ("icc.ci95", "agreement.icc_ci"),
];

/// One agreement table: a row per dimension and a pooled row, per block (the whole input, or
/// each municipality with `--by`); `label` gives a block's leading cells.
fn agreement_rows(
    grid: &mut Grid,
    lead: Vec<String>,
    dims: &ByDimension<Agreement>,
    pooled: &Agreement,
    lang: Lang,
) {
    let rows = dims
        .0
        .iter()
        .map(|(id, a)| (id.as_str(), a))
        .chain([(lang.text("agreement.pooled"), pooled)]);
    for (label, a) in rows {
        let mut row = lead.clone();
        row.push(label.to_string());
        row.extend([
            a.items.to_string(),
            a.compared.to_string(),
            percent(a.exact, lang),
            percent(a.within_one, lang),
            coefficient(a.kappa_quadratic, lang),
            coefficient(a.alpha_interval, lang),
            coefficient(a.icc.as_ref().map(|i| i.value), lang),
            a.icc.as_ref().and_then(|i| i.ci95).map_or_else(
                || "–".to_string(),
                |[lo, hi]| lang.number(&format!("{lo:.2}–{hi:.2}")),
            ),
        ]);
        grid.rows.push(row);
    }
}

const AGREEMENT_COLUMNS: [&str; 8] = [
    "agreement.items",
    "agreement.compared",
    "agreement.exact",
    "agreement.within_one",
    "agreement.kappa",
    "agreement.alpha",
    "agreement.icc",
    "agreement.icc_ci",
];

fn agreement_header(mut header: Vec<String>, lang: Lang) -> Grid {
    header.push(lang.text("agreement.dimension").into());
    let first = header.len();
    header.extend(AGREEMENT_COLUMNS.iter().map(|k| lang.text(k).to_string()));
    let n = header.len();
    // Too narrow: the ICC's interval first, then what the others summarise, keeping the items,
    // exact agreement and kappa longest. Columns in AGREEMENT_COLUMNS' order from `first`.
    let drop = [7, 1, 3, 5, 6].map(|c| first + c);
    Grid::new(header, first..n).dropping(drop)
}

/// The agreement over the whole input.
pub(crate) fn agreement_grid(report: &AgreementReport, lang: Lang) -> Grid {
    let mut grid = agreement_header(Vec::new(), lang);
    agreement_rows(
        &mut grid,
        Vec::new(),
        &report.dimensions,
        &report.pooled,
        lang,
    );
    grid
}

/// The agreement per municipality (and round, issue), with `--by municipality`.
pub(crate) fn agreement_groups_grid(groups: &[GroupAgreement], lang: Lang) -> Grid {
    let columns = GroupColumns::of(
        groups
            .iter()
            .map(|g| (g.key.round.as_deref(), g.key.issue.as_deref())),
    );
    let mut grid = agreement_header(columns.header(lang), lang);
    for g in groups {
        let cells = columns.cells(
            &g.key.municipality,
            g.key.round.as_deref(),
            g.key.issue.as_deref(),
        );
        agreement_rows(&mut grid, cells, &g.dimensions, &g.pooled, lang);
    }
    grid
}

/// Why statistics are missing, one line per statistic and reason, naming the rows it concerns.
pub(crate) fn agreement_notes(report: &AgreementReport, lang: Lang) -> Vec<String> {
    let mut blocks: Vec<(String, &ByDimension<Agreement>, &Agreement)> =
        vec![(String::new(), &report.dimensions, &report.pooled)];
    for g in report.groups.iter().flatten() {
        let label = g.key.label(lang);
        blocks.push((format!("{label} "), &g.dimensions, &g.pooled));
    }
    // (statistic, reason) → the rows, in first-seen order.
    let mut notes: Vec<((&str, String), Vec<String>)> = Vec::new();
    for (prefix, dims, pooled) in blocks {
        let rows = dims
            .0
            .iter()
            .map(|(id, a)| (id.as_str(), a))
            .chain([(lang.text("agreement.pooled"), pooled)]);
        for (label, a) in rows {
            for (stat, reason) in &a.null_reasons {
                let key = (stat.as_str(), reason.text(lang));
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
                .map_or(stat, |(_, key)| lang.text(key));
            lang.fill(
                "agreement.not_computed",
                &[
                    ("statistic", &name),
                    ("rows", &rows.join(", ")),
                    ("reason", &reason),
                ],
            )
        })
        .collect()
}

/// The lines under the agreement table: the scorers and what the columns mean.
pub(crate) fn agreement_legend(report: &AgreementReport, lang: Lang) -> String {
    let dims = dimension_legend(&report.rubric);
    let scorers = if report.scorers.is_empty() {
        lang.text("agreement.none").to_string()
    } else {
        report.scorers.join(", ")
    };
    let legend = lang.fill("agreement.legend", &[("scorers", &scorers)]);
    format!("{dims}\n{legend}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_columns_are_those_any_group_names() {
        let none = GroupColumns::of([(None, None), (None, None)]);
        assert_eq!(none.header(Lang::En), ["Municipality"]);
        assert_eq!(none.cells("Kinda", None, None), ["Kinda"]);
        let issue = GroupColumns::of([(None, None), (None, Some("alcohol"))]);
        assert_eq!(issue.header(Lang::En), ["Municipality", "Issue"]);
        assert_eq!(issue.cells("Kinda", Some("2"), None), ["Kinda", ""]);
        let both = GroupColumns::of([(Some("1"), None), (None, Some("alcohol"))]);
        assert_eq!(both.header(Lang::En), ["Municipality", "Round", "Issue"]);
    }
}
