//! `readiness man`: man pages in roff, generated from the clap definition (clap_mangen), so they
//! always match the commands and options of this build. `readiness man` is readiness(1);
//! `readiness man rubric diff` is readiness-rubric-diff(1), as the main page's list refers to.

use super::Outcome;
use crate::cli::man::ManArgs;
use anyhow::Context;
use clap::CommandFactory;
use std::io::Write;

pub fn run(args: &ManArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut command = crate::cli::Cli::command().disable_help_subcommand(true);
    command.build();
    let mut page = &command;
    for word in &args.command {
        page = match page.find_subcommand(word) {
            Some(sub) => sub,
            None => {
                let names: Vec<&str> = page.get_subcommands().map(|c| c.get_name()).collect();
                let hint = crate::text::did_you_mean(word, names.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                anyhow::bail!(
                    "no command `{word}` in `{}`: it has {}{hint}",
                    page.get_display_name().unwrap_or(page.get_name()),
                    names.join(", ")
                );
            }
        };
    }
    let mut roff = Vec::new();
    clap_mangen::Man::new(page.clone())
        .source(format!("readiness {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    out.write_all(&roff)
        .context("could not write the man page")?;
    Ok(Outcome::Success)
}
