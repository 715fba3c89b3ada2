//! The columns of the machine-readable tables, shared by the CSV and xlsx renderers so that a
//! workbook's sheet and the CSV file of the same result have the same columns in the same order.
//!
//! Every header text goes through [`heading`]: the one place a header is spelled, so that
//! headers in the output language (for the Excel dialect and workbooks) are one change there.

use crate::domain::agreement::{Agreement, AgreementReport, GroupAgreement};
use crate::domain::score::{ByDimension, CombinedScore, ScoreReport};
use crate::lang::Lang;
use std::borrow::Cow;

/// The header text of the column `key`: the stable English key itself (`lang` is `None`: plain
/// CSV, JSON's names, the workbook), or its name in `lang` from the catalogue (the Excel
/// dialect): `kommun`, `totalt`, `A_nedre`. Swedish headers are the words the readers know, so a
/// worksheet written in Swedish reads back. A key the catalogue has no name for (a dimension id,
/// a scorer's name) stays as it is.
pub(crate) fn heading(key: &str, lang: Option<Lang>) -> Cow<'_, str> {
    let Some(lang) = lang else {
        return Cow::Borrowed(key);
    };
    let named = lang.text(&format!("column.{key}"));
    if !named.is_empty() {
        return Cow::Owned(named.to_string());
    }
    for suffix in ["lo", "hi", "consensus", "evidence", "stage"] {
        if let Some(id) = key.strip_suffix(&format!("_{suffix}"))
            && !id.is_empty()
            && !id.contains('_')
        {
            return Cow::Owned(lang.fill(&format!("column.dimension_{suffix}"), &[("id", &id)]));
        }
    }
    Cow::Borrowed(key)
}

/// The headers of `keys`, each through [`heading`].
pub(crate) fn headings<S: AsRef<str>>(keys: &[S], lang: Option<Lang>) -> Vec<String> {
    keys.iter()
        .map(|k| heading(k.as_ref(), lang).into_owned())
        .collect()
}

/// The rubric's dimension ids, in order.
fn ids(report: &ScoreReport) -> impl Iterator<Item = &str> {
    report.rubric.dimensions.iter().map(|d| d.id.as_str())
}

/// The score table's column keys: `municipality, round, issue, interviews`, the dimensions,
/// `overall, stage, stage_name`, then the intervals (last, so the columns before them keep their
/// places): `overall_lo, overall_hi, stage_min, stage_max`, each dimension's `_lo, _hi`, then each
/// dimension's `_stage` (its score rounded down).
pub(crate) fn score(report: &ScoreReport) -> Vec<String> {
    let mut keys: Vec<String> = ["municipality", "round", "issue", "interviews"]
        .map(String::from)
        .to_vec();
    keys.extend(ids(report).map(String::from));
    keys.extend(
        [
            "overall",
            "stage",
            "stage_name",
            "overall_lo",
            "overall_hi",
            "stage_min",
            "stage_max",
        ]
        .map(String::from),
    );
    for id in ids(report) {
        keys.extend([format!("{id}_lo"), format!("{id}_hi")]);
    }
    keys.extend(ids(report).map(|id| format!("{id}_stage")));
    keys
}

/// The per-interview table's column keys (`--detail`): `municipality, round, issue, interview,
/// role`, each dimension's combined score, and each dimension's `_consensus` (whether it was the
/// scorers' agreed score).
///
/// On coded input ([`has_evidence`]) each dimension's `_evidence` follows: the codes each
/// coder's score rests on ([`evidence_cell`]).
pub(crate) fn detail(report: &ScoreReport) -> Vec<String> {
    let mut keys: Vec<String> = ["municipality", "round", "issue", "interview", "role"]
        .map(String::from)
        .to_vec();
    keys.extend(ids(report).map(String::from));
    keys.extend(ids(report).map(|id| format!("{id}_consensus")));
    if has_evidence(report) {
        keys.extend(ids(report).map(|id| format!("{id}_evidence")));
    }
    keys
}

/// Whether any interview's detail carries coded evidence (the input was coded transcripts).
pub(crate) fn has_evidence(report: &ScoreReport) -> bool {
    report
        .results
        .iter()
        .flat_map(|r| r.detail.iter().flatten())
        .flat_map(|i| i.scores.0.iter().filter_map(|(_, c)| c.as_ref()))
        .any(|c| !c.evidence.is_empty())
}

/// The evidence trail of one combined score in one cell, coder by coder in natural order:
/// `Johan: A2 (segments.csv:22, q 1), A3 (segments.csv:23, q 1) | Maria: A4 (segments.csv:3)`.
/// Segment text is never in it (it is personal data: JSON and the table show it with
/// `--show-text`).
pub(crate) fn evidence_cell(score: Option<&CombinedScore>) -> String {
    let Some(score) = score else {
        return String::new();
    };
    let coders: Vec<String> = score
        .evidence
        .0
        .iter()
        .map(|(coder, items)| {
            let codes: Vec<String> = items
                .iter()
                .map(|e| match &e.question {
                    Some(q) => format!("{} ({}, q {q})", e.code, e.place_in_file()),
                    None => format!("{} ({})", e.code, e.place_in_file()),
                })
                .collect();
            format!("{coder}: {}", codes.join(", "))
        })
        .collect();
    coders.join(" | ")
}

/// The agreement table's column keys; with `--by`, led by the group's.
pub(crate) fn agreement(report: &AgreementReport) -> Vec<&'static str> {
    let mut keys = Vec::new();
    if report.groups.is_some() {
        keys.extend(["municipality", "round", "issue"]);
    }
    keys.extend([
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
    keys
}

/// One row of the agreement table.
pub(crate) struct AgreementRow<'a> {
    /// The group, with `--by`.
    pub group: Option<&'a GroupAgreement>,
    pub scorers: &'a [String],
    /// A dimension id, or `pooled`.
    pub dimension: &'a str,
    pub agreement: &'a Agreement,
}

impl AgreementRow<'_> {
    /// The `null_reasons` cell: `statistic: reason`, joined with ` | `.
    pub fn reasons(&self) -> String {
        let reasons: Vec<String> = self
            .agreement
            .null_reasons
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        reasons.join(" | ")
    }
}

/// The agreement table's rows in order: each dimension, then `pooled`; with `--by`, that for
/// each group.
pub(crate) fn agreement_rows(report: &AgreementReport) -> Vec<AgreementRow<'_>> {
    match &report.groups {
        None => block(None, &report.scorers, &report.dimensions, &report.pooled).collect(),
        Some(groups) => groups
            .iter()
            .flat_map(|g| block(Some(g), &g.scorers, &g.dimensions, &g.pooled))
            .collect(),
    }
}

/// One block of agreement rows: each dimension, then `pooled`.
fn block<'a>(
    group: Option<&'a GroupAgreement>,
    scorers: &'a [String],
    dimensions: &'a ByDimension<Agreement>,
    pooled: &'a Agreement,
) -> impl Iterator<Item = AgreementRow<'a>> + 'a {
    dimensions
        .0
        .iter()
        .map(|(id, a)| (id.as_str(), a))
        .chain([("pooled", pooled)])
        .map(move |(dimension, agreement)| AgreementRow {
            group,
            scorers,
            dimension,
            agreement,
        })
}
