//! Rendering typed results: one module per output format.
//!
//! Commands compute a result once; these modules only format it. Human formats (table,
//! markdown) show scores rounded *down* to two decimals so a shown number never crosses a stage
//! boundary; machine formats (CSV, JSON) carry the nearest `f64` and the exactly computed stage.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use crate::exact::Exact;

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
