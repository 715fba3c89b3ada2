//! `readiness` scores Community Readiness Model interviews: it reads scoring sheets, applies a
//! rubric's anchored scales and prints each municipality's stage on the change ladder.
//!
//! The binary is a thin wrapper around [`main`]; everything is here so that tests and benchmarks
//! call it in-process.

pub mod cli;
pub mod cmd;
pub mod domain;
pub mod engine;
pub mod input;
pub mod lang;
pub mod model;
pub mod names;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod rubric;
pub mod stats;
pub mod text;

use clap::Parser;
use cmd::Outcome;
use std::io::{self, Write};
use std::process::ExitCode;

/// Runs the command line and maps the outcome to an exit status: 0 success, 1 "ran fine, the
/// answer is no", 2 error. A closed output pipe (`readiness score … | head`) is success.
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let lang = cli.lang.map(lang::Lang::from).unwrap_or_default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::No) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors in the input speak the language they were found in (the rubric's).
            let lang = e
                .downcast_ref::<input::InputErrors>()
                .map(|errors| errors.lang)
                .or_else(|| e.downcast_ref::<lang::Spoken>().map(|s| s.lang))
                .unwrap_or(lang);
            eprintln!("{}: {e:#}", lang.text("stderr.error"));
            ExitCode::from(2)
        }
    }
}

/// Runs one parsed command line, writing results to `out`.
pub fn run(cli: cli::Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let lang = cli.lang.map(lang::Lang::from);
    match cli.command {
        cli::Command::Score(args) => cmd::score::run(&args, lang, out),
        cli::Command::Agreement(args) => cmd::agreement::run(&args, lang, out),
        cli::Command::Plan(args) => cmd::plan::run(&args, lang, out),
        cli::Command::Consensus(args) => cmd::consensus::run(&args, lang, out),
        cli::Command::Compare(args) => cmd::compare::run(&args, lang, out),
        cli::Command::Report(args) => cmd::report::run(&args, lang, out),
        cli::Command::Rubric(args) => cmd::rubric::run(&args, lang, out),
        cli::Command::Completions(args) => cmd::completions::run(&args, out),
        cli::Command::Man(args) => cmd::man::run(&args, out),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
