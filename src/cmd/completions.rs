//! `readiness completions`: a shell completion script, generated from the clap definition so it
//! always matches the commands and options of this build.

use super::Outcome;
use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

pub const AFTER_HELP: &str = "\
Examples:
  readiness completions bash > ~/.local/share/bash-completion/completions/readiness
  readiness completions zsh > ~/.zfunc/_readiness
  readiness completions fish > ~/.config/fish/completions/readiness.fish
  readiness completions powershell >> $PROFILE

Exit status: 0 success, 2 error.";

/// Arguments of `readiness completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut command = crate::cli::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "readiness", &mut script);
    out.write_all(&script)
        .context("could not write the completion script")?;
    Ok(Outcome::Success)
}
