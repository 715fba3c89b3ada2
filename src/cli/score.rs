//! The arguments of `readiness score` and its help text.

use crate::cli::{InputArgs, MunicipalityArgs, OutputArgs};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness score data/ostergotland-scores.csv
  readiness score --rubric crm6-sv --format json data/*.csv
  readiness score --detail data/ostergotland-scores.csv
  readiness score --municipality Kinda --municipality Ydre data/ostergotland-scores.csv
  readiness score scores.csv worksheet.csv   # consensus from the meeting's worksheet
  readiness score --interviews reg.csv --coder anna.csv=Anna --coder erik.csv=Erik anna.csv erik.csv
                                             # Taguette: one export per coder, named
  cat scores.csv | readiness score --strict -
  readiness score --format xlsx -o results.xlsx scores.csv   # an Excel workbook
  readiness score --csv excel-sv -o results.csv scores.csv   # CSV for Swedish-locale Excel

Beside each score, its 95% t-interval over the interviews; beside the stage, the stages that the
overall score's interval spans: `4 Preplanning (3–5)` is not a firm stage 4.

Exit status: 0 success, 1 --strict and there were warnings, 2 error (an unknown --municipality
included).";

/// Arguments of `readiness score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub select: MunicipalityArgs,

    /// Also show each interview's combined scores.
    #[arg(long)]
    pub detail: bool,

    /// With --detail on coded segments: also print each segment's text. Segment text is personal
    /// data; it is never printed without this flag.
    #[arg(long, requires = "detail")]
    pub show_text: bool,

    /// Treat warnings as failure: exit 1 when there are any.
    #[arg(long)]
    pub strict: bool,
}
