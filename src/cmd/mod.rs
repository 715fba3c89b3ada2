//! The subcommands, one module each: arguments and a `run` function that computes a typed
//! result and hands it to a renderer.

pub mod agreement;
pub mod consensus;
pub mod score;

pub mod completions;
pub mod man;
pub mod rubric;

use crate::cli::InputArgs;
use crate::input::{self, ReadOptions, ReadOutcome};
use crate::rubric::Rubric;
use crate::sheet::Sheet;

/// How a command that ran to the end turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0.
    Success,
    /// Exit status 1: ran fine, the answer is no (`--strict` found warnings, a check failed).
    No,
}

/// What every command that reads score files starts from.
#[derive(Debug)]
pub struct Inputs {
    pub rubric: Rubric,
    pub sheet: Sheet,
    pub read: ReadOutcome,
}

/// Loads the rubric and reads every input into one sheet with `options` (from
/// [`InputArgs::read_options`]); all input errors are reported at once. With `--verbose`, says
/// how each input was read.
pub fn read_inputs(args: &InputArgs, options: ReadOptions) -> anyhow::Result<Inputs> {
    args.validate()?;
    let rubric = Rubric::load(&args.rubric)?;
    let mut sheet = Sheet::new(rubric.dimensions.len());
    let read = input::read_all(&args.files, &rubric, &options, &mut sheet)?;
    args.report_reading(&read.files);
    Ok(Inputs {
        rubric,
        sheet,
        read,
    })
}
