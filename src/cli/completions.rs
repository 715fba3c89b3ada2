//! The arguments of `readiness completions` and its help text.

use clap::Args;
use clap_complete::Shell;

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
