//! `readiness rubric diff`: what changed between two rubrics and, with `--data`, which
//! municipalities' dimension scores, overall score or stage differ under the new one.
//!
//! The data is read and scored under each rubric by the same path as `readiness score`
//! ([`crate::pipeline`]) and the two reports are compared ([`crate::compare`]). The exit status
//! is the CI gate: 1 when any municipality's stage changes.

use crate::cli::{InputArgs, ReadArgs, RubricFormat};
use crate::cmd::Outcome;
use crate::compare::{self, RubricDiff, Side};
use crate::output::Destination;
use crate::pipeline::{read_inputs, score_report};
use crate::rubric::Rubric;
use crate::scoring::ScoreOptions;
use anyhow::Context;
use clap::Args;
use std::io::Write;

pub const AFTER_HELP: &str = "\
Examples:
  readiness rubric diff crm6 my-rubric.toml
  readiness rubric diff crm6 my-rubric.toml --data data/ostergotland-scores.csv
  git show main:rubric.toml > /tmp/old.toml
  readiness rubric diff /tmp/old.toml rubric.toml --format json --data fixtures/*.csv

Dimensions are matched by id, anchors by dimension and level, stages by level. --data takes
every file that follows it, so give OLD and NEW before it.

Exit status: 0 every municipality keeps its stage (always without --data), 1 a stage changes,
2 error.";

/// Arguments of `readiness rubric diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The rubric before the change: an embedded name or a path.
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The rubric after the change: an embedded name or a path.
    #[arg(value_name = "NEW")]
    pub new: String,

    /// Score files (or coded exports) to score under both rubrics and compare, municipality by
    /// municipality; the exit status is 1 when a stage changes.
    #[arg(long, num_args = 1.., value_name = "FILES")]
    pub data: Vec<String>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RubricFormat::Table, help_heading = "Output")]
    pub format: RubricFormat,
}

/// Loads both rubrics, lists their differences and, with data, compares the scores.
fn compute(args: &DiffArgs) -> anyhow::Result<RubricDiff> {
    let old = Rubric::load(&args.old)?;
    let new = Rubric::load(&args.new)?;
    let changes = crate::rubric::diff::changes(&old, &new);
    let data = if args.data.is_empty() {
        None
    } else {
        let stdin = args.data.iter().chain(&args.read.interviews);
        if stdin.into_iter().any(|f| f == "-") {
            anyhow::bail!(
                "`rubric diff --data` reads the data once per rubric, and standard input (`-`) \
                 can be read only once: save it to a file and give its path"
            );
        }
        // Each rubric reads and scores the data by the path `readiness score` takes.
        let report = |rubric: &str, read: &ReadArgs, side: &str, name: &str| {
            let input = InputArgs {
                files: args.data.clone(),
                rubric: rubric.to_string(),
                read: read.clone(),
            };
            read_inputs(&input, input.read_options())
                .map(|inputs| score_report(inputs, ScoreOptions::default()))
                .with_context(|| {
                    format!("could not score the data under the {side} rubric `{name}`")
                })
        };
        let a = report(&args.old, &args.read, "old", &old.name)?;
        // `--verbose` says how the files were read once, not twice.
        let quiet = ReadArgs {
            verbose: false,
            ..args.read.clone()
        };
        let b = report(&args.new, &quiet, "new", &new.name)?;
        Some(compare::compare(&a, &b))
    };
    Ok(RubricDiff {
        old: Side::of(&old),
        new: Side::of(&new),
        changes,
        data,
    })
}

pub fn run(args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let diff = compute(args)?;
    let text = crate::render::Format::from(args.format)
        .renderer()
        .rubric_diff(&diff)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    let stage_changes = diff.data.as_ref().map_or(0, |d| d.stage_changes);
    Ok(if stage_changes > 0 {
        Outcome::No
    } else {
        Outcome::Success
    })
}
