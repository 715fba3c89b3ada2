//! `readiness rubric show`: a whole rubric, readable — settings, stages with names and goals, and
//! per dimension each level's anchor id and statement.

use crate::cli::rubric::show::ShowArgs;
use crate::cmd::Outcome;
use crate::output::Destination;
use crate::render::Format;
use crate::rubric::Rubric;
use std::io::Write;

pub fn run(args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rubric = Rubric::load(&args.rubric)?;
    let text = Format::from(args.format).renderer().rubric_show(&rubric)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}
