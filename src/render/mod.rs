//! Rendering typed results: one [`Renderer`] per output format, each in its own module.
//!
//! Commands compute a result once and hand it, typed, to the renderer of the format asked for
//! ([`Format::renderer`]); renderers only format it. Human formats (table,
//! markdown) show scores rounded *down* to two decimals so a shown number never crosses a stage
//! boundary; machine formats (CSV, JSON) carry the nearest `f64` and the exactly computed stage.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

mod grid;
mod rubric;
pub mod snippet;

use crate::domain::agreement::AgreementReport;
use crate::domain::score::ScoreReport;
use crate::lang::Lang;

/// The output formats (the command line's `--format` maps onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// How the formats for people (table, Markdown) write: in which language, whether every warning
/// is listed one by one, and how wide a table may be. Machine formats ignore them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub lang: Lang,
    /// List every warning (`--verbose`), rather than one line per kind of many.
    pub verbose: bool,
    /// The table's width; `None`: the terminal's (or `COLUMNS`), unwrapped when not a terminal.
    pub width: Option<u16>,
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self, options: Options) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(table::Terminal { options }),
            Format::Csv => Box::new(csv::Csv),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown { options }),
        }
    }
}

/// One output format: how each of the tool's typed results is written in it. A format that has
/// no form for a result says so with an error (the default).
pub trait Renderer {
    /// The format's name, for messages.
    fn name(&self) -> &'static str;

    /// Whether the output itself shows the warnings and notes. When it does not (CSV), or the
    /// output goes to a file, they also go to standard error ([`crate::output::report`]).
    fn shows_warnings(&self) -> bool {
        true
    }

    /// `readiness score`: the stages per municipality, with `--detail` each interview.
    fn score(&self, report: &ScoreReport) -> anyhow::Result<String>;

    /// `readiness agreement`: how well the scorers agree.
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<String>;

    /// `readiness consensus`: the worksheet for the consensus meeting.
    fn worksheet(
        &self,
        _worksheet: &crate::domain::consensus::Worksheet,
    ) -> anyhow::Result<String> {
        unsupported(self.name(), "the consensus worksheet")
    }

    /// `readiness rubric list`: the embedded rubrics.
    fn rubric_list(&self, _entries: &[crate::rubric::Entry]) -> anyhow::Result<String> {
        unsupported(self.name(), "the rubric list")
    }

    /// `readiness rubric show`: one whole rubric.
    fn rubric_show(&self, _rubric: &crate::rubric::Rubric) -> anyhow::Result<String> {
        unsupported(self.name(), "a rubric")
    }

    /// `readiness rubric diff`: two rubrics' differences, and with `--data` their effect.
    fn rubric_diff(
        &self,
        _diff: &crate::domain::rubric_effect::RubricDiff,
    ) -> anyhow::Result<String> {
        unsupported(self.name(), "a rubric diff")
    }
}

fn unsupported(format: &str, what: &str) -> anyhow::Result<String> {
    anyhow::bail!("the {format} format has no form for {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_without_a_form_for_a_view_says_so() {
        let csv = Format::Csv.renderer(Options::default());
        let err = csv.rubric_list(&[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the CSV format has no form for the rubric list"
        );
        assert!(!csv.shows_warnings());
        assert!(Format::Json.renderer(Options::default()).shows_warnings());
        assert_eq!(
            Format::Json
                .renderer(Options::default())
                .rubric_list(&[])
                .unwrap(),
            "[]\n"
        );
    }
}
