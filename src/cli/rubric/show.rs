//! The arguments of `readiness rubric show` and its help text.

use crate::cli::RubricFormat;
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric show
  readiness rubric show crm6-sv --format markdown > workshop-handout.md
  readiness rubric show my-rubric.toml --format json

Exit status: 0 success, 2 error (an unknown or invalid rubric).";

/// Arguments of `readiness rubric show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Rubric: an embedded name (crm6, crm6-sv, crm5) or a path to a rubric TOML file.
    #[arg(default_value = crate::rubric::DEFAULT, env = "READINESS_RUBRIC", value_name = "NAME|PATH")]
    pub rubric: String,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RubricFormat::Table)]
    pub format: RubricFormat,
}
