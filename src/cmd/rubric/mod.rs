//! `readiness rubric`: the tooling for rubric owners, one module per subcommand — `list` the
//! embedded rubrics, `show` one, `check` rubric files, `init` an editable copy, and `diff` two
//! rubrics, with `--data` what the change does to the stages of known data (for CI).

pub mod check;
pub mod diff;
pub mod init;
pub mod list;
pub mod show;

use super::Outcome;
use crate::cli::rubric::{RubricArgs, RubricCommand};
use std::io::Write;

pub fn run(args: &RubricArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match &args.command {
        RubricCommand::List(a) => list::run(a, out),
        RubricCommand::Show(a) => show::run(a, out),
        RubricCommand::Check(a) => check::run(a, out),
        RubricCommand::Init(a) => init::run(a, out),
        RubricCommand::Diff(a) => diff::run(a, out),
    }
}
