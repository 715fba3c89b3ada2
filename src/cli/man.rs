//! The arguments of `readiness man` and its help text.

use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness man > readiness.1 && man ./readiness.1
  readiness man score > readiness-score.1
  readiness man rubric diff | gzip > ~/.local/share/man/man1/readiness-rubric-diff.1.gz

Exit status: 0 success, 2 error (an unknown command).";

/// Arguments of `readiness man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`score`, `rubric diff`); the main page when not given.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}
