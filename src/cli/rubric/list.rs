//! The arguments of `readiness rubric list` and its help text.

use crate::cli::RubricFormat;
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric list
  readiness rubric list --format json

Exit status: 0 success, 2 error.";

/// Arguments of `readiness rubric list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RubricFormat::Table)]
    pub format: RubricFormat,
}
