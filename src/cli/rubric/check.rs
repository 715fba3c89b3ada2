//! The arguments of `readiness rubric check` and its help text.

use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric check my-rubric.toml
  readiness rubric check rubrics/*.toml

Checked: TOML syntax; unknown keys (with a suggestion); every dimension has one anchor per level
and every level a stage with a name; ids are unique; the step divides the scale; min_interviews
is at least 1; max_gap and partial_credit are in range.

Exit status: 0 every rubric is valid, 1 a rubric is invalid (syntax errors included), 2 a file
could not be read.";

/// Arguments of `readiness rubric check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rubric TOML files; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}
