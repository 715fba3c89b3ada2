//! The arguments of `readiness plan` and its help text.

use crate::cli::{InputArgs, MunicipalityArgs, OutputArgs};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness plan data/ostergotland-scores.csv --format markdown > plan.md
  readiness plan --municipality Kinda --format markdown data/ostergotland-scores.csv
  readiness plan --rubric crm6-sv -f markdown data/ostergotland-scores.csv   # in Swedish
  readiness plan --format json data/ostergotland-scores.csv

For each municipality: the overall stage with its meaning and goal; the dimensions from lowest to
highest, each with its own stage and that stage's goal; the dimensions to work on first (those
below the overall stage, else the lowest one or two; ties all named) with the strategies of their
stage; and whether the stage is firm (its interval spans one stage). The Markdown is a workshop
handout and the skeleton of the implementation plan: actions, who, when, follow-up.

Exit status: 0 success, 1 --strict and there were warnings, 2 error (an unknown --municipality
included).";

/// Arguments of `readiness plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub select: MunicipalityArgs,

    /// Treat warnings as failure: exit 1 when there are any.
    #[arg(long)]
    pub strict: bool,
}
