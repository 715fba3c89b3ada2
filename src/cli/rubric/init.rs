//! The arguments of `readiness rubric init` and its help text.

use crate::rubric::DEFAULT;
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric init > my-rubric.toml
  readiness rubric init --from crm6-sv > vadstena.toml

The file scores exactly as the embedded rubric until you edit it.

Exit status: 0 success, 2 error (an unknown rubric).";

/// Arguments of `readiness rubric init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The embedded rubric to start from (crm6, crm6-sv, crm5).
    #[arg(long, default_value = DEFAULT, value_name = "NAME")]
    pub from: String,
}
