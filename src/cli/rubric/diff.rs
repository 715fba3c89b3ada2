//! The arguments of `readiness rubric diff` and its help text.

use crate::cli::{ReadArgs, RubricFormat};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric diff crm6 my-rubric.toml
  readiness rubric diff crm6 my-rubric.toml --data data/ostergotland-scores.csv
  git show main:rubric.toml > /tmp/old.toml
  readiness rubric diff /tmp/old.toml rubric.toml --format json --data fixtures/*.csv

Dimensions are matched by id, anchors by dimension and level, stages by level. --data takes
every file that follows it, so give OLD and NEW before it.

Exit status: 0 every municipality keeps its stage (always without --data), 1 a stage changes,
2 error.";

/// Arguments of `readiness rubric diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The rubric before the change: an embedded name or a path.
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The rubric after the change: an embedded name or a path.
    #[arg(value_name = "NEW")]
    pub new: String,

    /// Score files (or coded exports) to score under both rubrics and compare, municipality by
    /// municipality; the exit status is 1 when a stage changes.
    #[arg(long, num_args = 1.., value_name = "FILES")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RubricFormat::Table, help_heading = "Output")]
    pub format: RubricFormat,
}
