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
    let roff = String::from_utf8(roff).context("the man page is not UTF-8")?;
    out.write_all(keep_examples(&roff).as_bytes())
        .context("could not write the man page")?;
    Ok(Outcome::Success)
}

/// The roff with each run of indented lines after the help text (the examples, and the lines
/// under them) in a no-fill block (`.nf` … `.fi`): clap_mangen writes the `after_help` text as
/// it is, and `man` would otherwise fill an example command into the prose around it and break
/// it across lines. The prose stays filled, to the reader's width.
fn keep_examples(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len() + 64);
    let (mut extra, mut nofill) = (false, false);
    for line in roff.lines() {
        if line.starts_with(".SH") {
            if nofill {
                out.push_str(".fi\n");
                nofill = false;
            }
            extra = line == ".SH EXTRA";
        } else if extra {
            let example = line.starts_with("  ");
            if example && !nofill {
                out.push_str(".nf\n");
            } else if !example && nofill {
                out.push_str(".fi\n");
            }
            nofill = example;
        }
        out.push_str(line);
        out.push('\n');
    }
    if nofill {
        out.push_str(".fi\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::keep_examples;

    #[test]
    fn examples_after_the_help_go_in_no_fill_blocks_and_prose_stays_filled() {
        let roff = ".SH OPTIONS\n  not here\n.SH EXTRA\nExamples:\n  readiness score a.csv\n  readiness score \\-\\-detail a.csv\n\nSome prose.\n  one more\n";
        assert_eq!(
            keep_examples(roff),
            ".SH OPTIONS\n  not here\n.SH EXTRA\nExamples:\n.nf\n  readiness score a.csv\n  readiness score \\-\\-detail a.csv\n.fi\n\nSome prose.\n.nf\n  one more\n.fi\n"
        );
    }
}
