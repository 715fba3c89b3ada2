//! The arguments of `readiness rubric` and its help text.

use clap::{Args, Subcommand};

pub mod check;
pub mod diff;
pub mod init;
pub mod list;
pub mod show;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric list
  readiness rubric show crm6-sv --format markdown > handout.md
  readiness rubric init --from crm6-sv > my-rubric.toml
  readiness rubric check my-rubric.toml
  readiness rubric diff crm6-sv my-rubric.toml --data data/ostergotland-scores.csv

Exit status: 0 success; 1 `check` found an invalid rubric or `diff --data` found a stage that
changes; 2 error.";

/// Arguments of `readiness rubric`.
#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub command: RubricCommand,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the embedded rubrics: name, language, dimensions, description.
    #[command(after_help = list::AFTER_HELP)]
    List(list::ListArgs),
    /// Show a whole rubric: settings, stages, and each dimension's anchored statements.
    #[command(after_help = show::AFTER_HELP)]
    Show(show::ShowArgs),
    /// Check rubric files and point at every problem.
    #[command(after_help = check::AFTER_HELP)]
    Check(check::CheckArgs),
    /// Print an embedded rubric as a commented TOML file to edit.
    #[command(after_help = init::AFTER_HELP)]
    Init(init::InitArgs),
    /// What changed between two rubrics, and with --data which stages change.
    #[command(after_help = diff::AFTER_HELP)]
    Diff(diff::DiffArgs),
}
