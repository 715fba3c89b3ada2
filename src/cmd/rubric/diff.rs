//! `readiness rubric diff`: what changed between two rubrics and, with `--data`, which
//! municipalities' dimension scores, overall score or stage differ under the new one.
//!
//! The data is read and scored under each rubric by the same path as `readiness score`
//! ([`crate::pipeline`]) and the two reports are compared ([`crate::domain::rubric_effect`]). The exit status
//! is the CI gate: 1 when any municipality's stage changes.

use crate::cli::rubric::diff::DiffArgs;
use crate::cli::{InputArgs, ReadArgs};
use crate::cmd::Outcome;
use crate::domain::rubric_effect::{self, RubricDiff, Side};
use crate::domain::score::ScoreOptions;
use crate::lang::Lang;
use crate::output::Destination;
use crate::pipeline::{read_inputs, score_report};
use crate::rubric::Rubric;
use anyhow::Context;
use std::io::Write;

/// Loads both rubrics, lists their differences and, with data, compares the scores.
/// The diff, and the language to show it in: `--lang`, else the new rubric's.
fn compute(args: &DiffArgs, lang: Option<Lang>) -> anyhow::Result<(RubricDiff, Lang)> {
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
            read_inputs(&input, input.read_options(), lang)
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
        Some(rubric_effect::compare(&a, &b))
    };
    let shown_in = Lang::asked_or_rubric(lang, &new.language);
    Ok((
        RubricDiff {
            old: Side::of(&old),
            new: Side::of(&new),
            changes,
            data,
        },
        shown_in,
    ))
}

pub fn run(args: &DiffArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (diff, lang) = compute(args, lang)?;
    let options = crate::render::Options {
        lang,
        width: crate::cli::table_width(),
        ..crate::render::Options::default()
    };
    let text = crate::render::Format::from(args.format)
        .renderer(options)
        .rubric_diff(&diff)?;
    Destination::Stdout.write(text.as_bytes(), out)?;
    let stage_changes = diff.data.as_ref().map_or(0, |d| d.stage_changes);
    Ok(if stage_changes > 0 {
        Outcome::No
    } else {
        Outcome::Success
    })
}
