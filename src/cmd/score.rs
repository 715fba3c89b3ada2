//! `readiness score`: dimension scores, overall score and stage per municipality and round.

use super::Outcome;
use crate::cli::{InputArgs, OutputArgs};
use crate::input::ReadOptions;
use crate::output;
use crate::pipeline;
use crate::render::Run;
use crate::scoring::{ScoreOptions, ScoreReport};
use clap::Args;
use std::io::Write;

pub const AFTER_HELP: &str = "\
Examples:
  readiness score data/ostergotland-scores.csv
  readiness score --rubric crm6-sv --format json data/*.csv
  readiness score --detail data/ostergotland-scores.csv
  readiness score scores.csv worksheet.csv   # consensus from the meeting's worksheet
  readiness score --interviews reg.csv --coder anna.csv=Anna --coder erik.csv=Erik anna.csv erik.csv
                                             # Taguette: one export per coder, named
  cat scores.csv | readiness score --strict -
  readiness score --format xlsx -o results.xlsx scores.csv   # an Excel workbook
  readiness score --csv excel-sv -o results.csv scores.csv   # CSV for Swedish-locale Excel

Beside each score, its 95% t-interval over the interviews; beside the stage, the stages that the
overall score's interval spans: `4 Preplanning (3–5)` is not a firm stage 4.

Exit status: 0 success, 1 --strict and there were warnings, 2 error.";

/// Arguments of `readiness score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Also show each interview's combined scores.
    #[arg(long)]
    pub detail: bool,

    /// With --detail on coded segments: also print each segment's text. Segment text is personal
    /// data; it is never printed without this flag.
    #[arg(long, requires = "detail")]
    pub show_text: bool,

    /// Treat warnings as failure: exit 1 when there are any.
    #[arg(long)]
    pub strict: bool,
}

/// Reads the inputs and computes the report.
fn compute(args: &ScoreArgs) -> anyhow::Result<ScoreReport> {
    let inputs = pipeline::read_inputs(
        &args.input,
        ReadOptions {
            keep_evidence: args.detail,
            keep_text: args.detail && args.show_text,
            ..args.input.read_options()
        },
    )?;
    let options = ScoreOptions {
        detail: args.detail,
        ..ScoreOptions::default()
    };
    Ok(pipeline::score_report(inputs, options))
}

pub fn run(args: &ScoreArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Refused before any work: an input, or a file not meant to be replaced, is never written over.
    let (format, destination) = args.output.checked(&args.input.files)?;
    let report = compute(args)?;
    let renderer = format.renderer_for(Run::of_this_process(&report.input.files));
    let rendered = renderer.score(&report)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &report.labelled_warnings(),
        &report.notes,
        out,
    )?;
    let warned = report.has_warnings();
    Ok(if args.strict && warned {
        Outcome::No
    } else {
        Outcome::Success
    })
}
