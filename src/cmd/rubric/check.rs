//! `readiness rubric check`: validates rubric files and points at every problem — file, line,
//! column and the line itself with the value marked — so a rubric owner can fix them all at once.
//!
//! Unlike the other commands, an invalid rubric is an answer, not an error: exit 1. Exit 2 is
//! kept for what stops the check itself, a file that cannot be read.

use crate::cli::rubric::check::CheckArgs;
use crate::cmd::Outcome;
use crate::render::snippet;
use crate::rubric::{self, Rubric, RubricError};
use std::io::{Read, Write};

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
