//! JSON output: the serialised typed result, pretty-printed. Field names are a stable API.

use crate::domain::agreement::AgreementReport;
use crate::domain::rubric_effect::RubricDiff;
use crate::domain::score::ScoreReport;
use crate::rubric::{Entry, Rubric};
use serde::Serialize;

/// The JSON renderer: every result as its serialised form.
#[derive(Debug, Clone, Copy)]
pub struct Json;

impl super::Renderer for Json {
    fn name(&self) -> &'static str {
        "JSON"
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        render(report).map(String::into_bytes)
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        render(report).map(String::into_bytes)
    }
    fn plan(&self, report: &crate::domain::plan::PlanReport) -> anyhow::Result<Vec<u8>> {
        render(report).map(String::into_bytes)
    }
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        render(report).map(String::into_bytes)
    }
    fn rubric_list(&self, entries: &[Entry]) -> anyhow::Result<String> {
        render(&entries)
    }
    fn rubric_show(&self, rubric: &Rubric) -> anyhow::Result<String> {
        render(rubric)
    }
    fn rubric_diff(&self, diff: &RubricDiff) -> anyhow::Result<String> {
        render(diff)
    }
}

/// Any result as pretty JSON with a trailing newline.
fn render<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}
