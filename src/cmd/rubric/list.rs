//! `readiness rubric list`: the embedded rubrics, one line each.

use crate::cli::rubric::list::ListArgs;
use crate::cmd::Outcome;
use crate::lang::Lang;
use crate::output::Destination;
use crate::render::{Format, Options};
use crate::rubric::{Entry, Rubric};
use std::io::Write;

pub fn run(args: &ListArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let entries: Vec<Entry> = Rubric::embedded()?.iter().map(Rubric::entry).collect();
    let options = Options {
        lang: lang.unwrap_or_default(),
        width: crate::cli::table_width(),
        ..Options::default()
    };
    let text = Format::from(args.format)
        .renderer(options)
        .rubric_list(&entries)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}
