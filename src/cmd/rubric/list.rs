//! `readiness rubric list`: the embedded rubrics, one line each.

use crate::cli::RubricFormat;
use crate::cmd::Outcome;
use crate::output::Destination;
use crate::render::Format;
use crate::rubric::{Entry, Rubric};
use clap::Args;
use std::io::Write;

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

pub fn run(args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let entries: Vec<Entry> = Rubric::embedded()?.iter().map(Rubric::entry).collect();
    let text = Format::from(args.format).renderer().rubric_list(&entries)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}
