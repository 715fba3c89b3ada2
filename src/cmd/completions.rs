//! `readiness completions`: a shell completion script, generated from the clap definition so it
//! always matches the commands and options of this build.

use super::Outcome;
use crate::cli::completions::CompletionsArgs;
use anyhow::Context;
use clap::CommandFactory;
use std::io::Write;

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut command = crate::cli::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "readiness", &mut script);
    out.write_all(&script)
        .context("could not write the completion script")?;
    Ok(Outcome::Success)
}
