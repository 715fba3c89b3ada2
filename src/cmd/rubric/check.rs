//! `readiness rubric check`: validates rubric files and points at every problem — file, line,
//! column and the line itself with the value marked — so a rubric owner can fix them all at once.
//!
//! Unlike the other commands, an invalid rubric is an answer, not an error: exit 1. Exit 2 is
//! kept for what stops the check itself, a file that cannot be read.

use crate::cmd::Outcome;
use crate::render::snippet;
use crate::rubric::{self, Rubric, RubricError};
use clap::Args;
use std::io::{Read, Write};

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric check my-rubric.toml
  readiness rubric check rubrics/*.toml

Checked: TOML syntax; unknown keys (with a suggestion); every dimension has one anchor per level
and every level a stage with a name; ids are unique; the step divides the scale; min_interviews
is at least 1; max_gap and partial_credit are in range.

Exit status: 0 every rubric is valid, 1 a rubric is invalid (syntax errors included), 2 a file
could not be read.";

/// Arguments of `readiness rubric check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rubric TOML files; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}

/// The text of rubric `path` (`-`: standard input), named `name` in errors.
fn read(path: &str, name: &str) -> Result<String, RubricError> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let bytes = bytes.map_err(|error| RubricError::Read {
        path: name.to_string(),
        error,
    })?;
    rubric::decode(bytes, name)
}

pub fn run(args: &CheckArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if args.paths.iter().filter(|p| *p == "-").count() > 1 {
        anyhow::bail!("standard input (`-`) can be given only once");
    }
    let colour = snippet::colour_stdout();
    let (mut valid, mut invalid, mut unreadable) = (0, 0, 0);
    for path in &args.paths {
        let name = if path == "-" { "<stdin>" } else { path };
        let src = match read(path, name) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("error: {e}");
                unreadable += 1;
                continue;
            }
        };
        match Rubric::parse(&src, name) {
            Ok(r) => {
                valid += 1;
                writeln!(
                    out,
                    "{name}: valid: rubric `{}`, {} dimensions ({}), {} levels",
                    r.name,
                    r.dimensions.len(),
                    r.dimension_ids().collect::<Vec<_>>().join(" "),
                    r.scoring.levels
                )?;
            }
            Err(RubricError::Invalid { problems, .. }) => {
                invalid += 1;
                write!(out, "{}", snippet::problems(&src, name, &problems, colour))?;
                let n = problems.len();
                writeln!(
                    out,
                    "{name}: invalid: {n} problem{}",
                    if n == 1 { "" } else { "s" }
                )?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let total = args.paths.len();
    if total > 1 {
        writeln!(
            out,
            "\n{total} rubrics checked: {valid} valid, {invalid} invalid, {unreadable} unreadable."
        )?;
    }
    if unreadable > 0 {
        anyhow::bail!(
            "{unreadable} of {total} rubric file{} could not be read",
            if total == 1 { "" } else { "s" }
        );
    }
    Ok(if invalid > 0 {
        Outcome::No
    } else {
        Outcome::Success
    })
}
