//! The arguments of `readiness consensus` and its help text.

use crate::cli::{InputArgs, OutputFileArgs, WorksheetFormatArgs};
use clap::Args;

pub const AFTER_HELP: &str = "\
The worksheet has one row per municipality, round, interview and dimension that scorers rated:
one column per scorer, the `gap` between the highest and lowest score, `consensus` — filled in
where all scorers agree (or the input already has an agreed score) — and `status`: `decide`
where the scorers are further apart than the rubric's max_gap, first in the file. Fill in their
consensus cells, then score with it:
  readiness score scores.csv worksheet.csv
An empty consensus cell within max_gap takes the scorers' mean, as without a worksheet; a
`decide` cell still empty is a warning, and that interview is left out of that dimension's score.
Notes and columns you add right of `consensus` are kept when the worksheet is redone.

Examples:
  readiness consensus data/ostergotland-scores.csv -o worksheet.csv
  readiness consensus scores.csv worksheet.csv -o worksheet-2.csv   # keeps decisions made
  readiness consensus scores.csv -o worksheet.xlsx --format xlsx     # to fill in in Excel
  readiness consensus scores.csv --csv excel-sv -o worksheet.csv     # Swedish-locale Excel CSV
  readiness consensus scores.csv | less

Exit status: 0 success, 2 error (also when -o names an input or an existing file without --force).";

/// Arguments of `readiness consensus`.
#[derive(Debug, Args)]
pub struct ConsensusArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub format: WorksheetFormatArgs,

    #[command(flatten)]
    pub output: OutputFileArgs,
}
