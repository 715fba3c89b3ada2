//! Rendering typed results: one [`Renderer`] per output format, each in its own module.
//!
//! Commands compute a result once and hand it, typed, to the renderer of the format asked for
//! ([`Format::renderer`]); renderers only format it. Human formats (table,
//! markdown) show scores rounded *down* to two decimals so a shown number never crosses a stage
//! boundary; machine formats (CSV, JSON, xlsx) carry the nearest `f64` and the exactly computed
//! stage. The views of data (score, agreement, worksheet) are rendered to bytes, since one format
//! (xlsx) is binary; the rubric views are text only.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xlsx;

mod columns;
pub mod fit;
mod grid;
mod plan;
mod report;
mod rounds;
mod rubric;
pub mod snippet;
pub mod svg;

use crate::domain::agreement::AgreementReport;
use crate::domain::score::ScoreReport;
use crate::lang::Lang;

/// The output formats (the command line's `--format` maps onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned table for people, warnings below it.
    Table,
    /// CSV with a header row, for spreadsheets and scripts, in a dialect.
    Csv(csv::Dialect),
    /// JSON, a stable API for scripts.
    Json,
    /// Markdown table, for reports.
    Markdown,
    /// An Excel workbook (binary): one sheet per table.
    Xlsx,
    /// One self-contained HTML file (the workshop report).
    Html,
}

/// How the formats for people (table, Markdown) write: in which language, whether every warning
/// is listed one by one, and how wide a table may be. Machine formats ignore them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub lang: Lang,
    /// List every warning (`--verbose`), rather than one line per kind of many.
    pub verbose: bool,
    /// The width tables are fitted to ([`fit`]): `COLUMNS` or the terminal's, as the command line
    /// resolves it; `None`: not fitted (a pipe or a file with `COLUMNS` unset).
    pub width: Option<u16>,
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self, options: Options) -> Box<dyn Renderer> {
        self.renderer_for(options, Run::default())
    }

    /// The renderer of this format, told about the `run` (what only the xlsx info and input
    /// sheets show).
    pub fn renderer_for(self, options: Options, run: Run) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(table::Terminal { options }),
            Format::Csv(dialect) => Box::new(csv::Csv {
                dialect,
                lang: options.lang,
            }),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown { options }),
            Format::Xlsx => Box::new(xlsx::Xlsx { run, options }),
            Format::Html => Box::new(html::Html { options }),
        }
    }

    /// The file extension of a binary format (never written to a terminal); `None` for text.
    pub fn binary_extension(self) -> Option<&'static str> {
        match self {
            Format::Xlsx => Some("xlsx"),
            _ => None,
        }
    }
}

/// What a run was, beside its result: the command line and how each input was read. The xlsx
/// workbook names them on its info and input sheets; the text formats leave them out.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// The command line as given (`readiness score scores.csv -f xlsx -o out.xlsx`).
    pub command: String,
    /// How each input was read and what became of its rows.
    pub files: Vec<crate::input::FileReport>,
    /// The rubric, for a result that does not carry it (the consensus worksheet).
    pub rubric: Option<crate::domain::score::RubricSummary>,
    /// Warnings and notes from reading the inputs, for a result that does not carry them (the
    /// consensus worksheet has only its own warnings).
    pub warnings: Vec<crate::model::Message>,
    pub notes: Vec<crate::model::Message>,
}

impl Run {
    /// This process's command line (named `readiness`, wherever the binary is), and `files`.
    pub fn of_this_process(files: &[crate::input::FileReport]) -> Run {
        let args: Vec<String> = std::iter::once("readiness".to_string())
            .chain(std::env::args().skip(1))
            .collect();
        Run {
            command: args.join(" "),
            files: files.to_vec(),
            ..Run::default()
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
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>>;

    /// `readiness agreement`: how well the scorers agree.
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>>;

    /// `readiness consensus`: the worksheet for the consensus meeting.
    fn worksheet(
        &self,
        _worksheet: &crate::domain::consensus::Worksheet,
    ) -> anyhow::Result<Vec<u8>> {
        unsupported(self.name(), "the consensus worksheet")
    }

    /// `readiness plan`: per municipality the stage, the dimensions to work on first and their
    /// strategies.
    fn plan(&self, _plan: &crate::domain::plan::PlanReport) -> anyhow::Result<Vec<u8>> {
        unsupported(self.name(), "a plan")
    }

    /// `readiness compare`: the change between rounds per municipality, and the county's.
    fn compare(&self, _report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        unsupported(self.name(), "a comparison of rounds")
    }

    /// `readiness report`: the workshop report, the county's page and one per municipality.
    fn report(&self, _report: &crate::domain::report::Workshop) -> anyhow::Result<Vec<u8>> {
        unsupported(self.name(), "the workshop report")
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

fn unsupported<T>(format: &str, what: &str) -> anyhow::Result<T> {
    anyhow::bail!("the {format} format has no form for {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_without_a_form_for_a_view_says_so() {
        let csv = Format::Csv(csv::Dialect::Plain).renderer(Options::default());
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
