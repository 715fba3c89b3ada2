//! `readiness rubric list`: the embedded rubrics, one line each.

use crate::cli::rubric::list::ListArgs;
use crate::cmd::Outcome;
use crate::output::Destination;
use crate::render::Format;
use crate::rubric::{Entry, Rubric};
use std::io::Write;

pub fn run(args: &ListArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let entries: Vec<Entry> = Rubric::embedded()?.iter().map(Rubric::entry).collect();
    let text = Format::from(args.format).renderer().rubric_list(&entries)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}
