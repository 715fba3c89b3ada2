//! The arguments of `readiness agreement` and its help text.

use crate::cli::{By, InputArgs, OutputArgs};
use clap::Args;

pub const AFTER_HELP: &str = "\
Statistics (docs/statistics.md has the formulas and references):
  items       interview × dimension pairs with individual scores
  exact       share of items rated by two or more scorers where all scores are equal
  within 1    share where the highest and lowest score differ by at most one level
  kappa       Cohen's weighted kappa, quadratic weights (exactly two scorers)
  alpha       Krippendorff's alpha, interval metric (any scorers, missing scores allowed)
  ICC(2,1)    two-way random, absolute agreement, single scorer, with its 95% interval
A statistic the data cannot support is `–` (null in JSON) with the reason below the table.

Examples:
  readiness agreement data/ostergotland-scores.csv
  readiness agreement --by municipality --format csv data/ostergotland-scores.csv
  readiness agreement --format json scores.csv worksheet.csv
  readiness agreement --format xlsx -o agreement.xlsx scores.csv

Exit status: 0 success, 2 error.";

/// Arguments of `readiness agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Also split the statistics per municipality (and round, issue).
    #[arg(long, value_enum, value_name = "SPLIT", help_heading = "Output")]
    pub by: Option<By>,
}
