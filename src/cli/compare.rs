//! The arguments of `readiness compare` and its help text.

use crate::cli::{InputArgs, OutputArgs};
use clap::{Args, ValueEnum};

pub const AFTER_HELP: &str = "\
Examples:
  readiness compare rounds.csv                       # a file with a round column
  readiness compare --round before.csv=2023 --round after.csv=2025 before.csv after.csv
  readiness compare --earlier 2023 --later 2025 --format csv rounds.csv
  readiness compare --fail-on down rounds.csv        # a CI gate: exit 1 if any went down

Per municipality and pair of rounds: each dimension's and the overall score's change, its 95%
Welch t-interval over the interviews of the two rounds, and a verdict: up (the interval lies
above 0), down (below 0) or unclear (it holds 0). Then the county: stages up, same, down, and
the mean change with a paired t-interval over the municipalities in both rounds.

Exit status: 0 success, 1 --strict and there were warnings, or --fail-on down and a
municipality clearly went down, 2 error (bad input, no rounds to compare).";

/// `--fail-on`: what makes `compare` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A municipality's overall score clearly went down (its interval lies below 0).
    Down,
}

/// Arguments of `readiness compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// The earlier round to compare (default: each round with the one before it, and the first
    /// with the last; alone: with the last round). (`--from` is the QDA tool's option.)
    #[arg(long, value_name = "ROUND")]
    pub earlier: Option<String>,

    /// The later round to compare (alone: with the first round).
    #[arg(long, value_name = "ROUND")]
    pub later: Option<String>,

    /// Treat warnings as failure: exit 1 when there are any.
    #[arg(long)]
    pub strict: bool,

    /// Exit 1 when this happens: `down`, a municipality's overall score clearly went down.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
}
