//! `readiness rubric show`: a whole rubric, readable — settings, stages with names and goals, and
//! per dimension each level's anchor id and statement.

use crate::cli::rubric::show::ShowArgs;
use crate::cmd::Outcome;
use crate::lang::Lang;
use crate::output::Destination;
use crate::render::{Format, Options};
use crate::rubric::Rubric;
use std::io::Write;

pub fn run(args: &ShowArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rubric = Rubric::load(&args.rubric)?;
    let options = Options {
        lang: Lang::asked_or_rubric(lang, &rubric.language),
        width: crate::cli::table_width(),
        ..Options::default()
    };
    let text = Format::from(args.format)
        .renderer(options)
        .rubric_show(&rubric)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}
