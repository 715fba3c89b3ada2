//! `readiness compare`: the change between rounds per municipality, and the county's.
//!
//! The data is read and scored by the path `readiness score` takes ([`crate::pipeline`]),
//! keeping each group's samples, and the rounds are compared ([`crate::domain::rounds`]).

use super::Outcome;
use crate::cli::compare::{CompareArgs, FailOn};
use crate::domain::rounds::{self, CompareReport, Selection};
use crate::domain::score::ScoreOptions;
use crate::lang::Lang;
use crate::output;
use crate::pipeline;
use crate::render::Run;
use std::io::Write;

/// Reads the inputs, scores them with their samples and compares the rounds.
fn compute(args: &CompareArgs, lang: Option<Lang>) -> anyhow::Result<(CompareReport, bool)> {
    let inputs = pipeline::read_inputs(&args.input, args.input.read_options(), lang)?;
    let options = ScoreOptions {
        samples: true,
        ..ScoreOptions::default()
    };
    let report = pipeline::score_report(inputs, options);
    let lang = Lang::asked_or_rubric(lang, &report.rubric.language);
    let warned = report.has_warnings();
    let selection = Selection {
        from: args.earlier.clone(),
        to: args.later.clone(),
    };
    let compared = rounds::compare(report, &selection).map_err(|e| e.spoken(lang))?;
    Ok((compared, warned))
}

pub fn run(args: &CompareArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (format, destination) = args.output.checked(&args.input.files)?;
    let (report, warned) = compute(args, lang)?;
    let lang = Lang::asked_or_rubric(lang, &report.rubric.language);
    let options = args.input.read.render_options(lang);
    let renderer = format.renderer_for(options, Run::of_this_process(&report.input.files));
    let rendered = renderer.compare(&report)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        report.labelled_warnings(lang),
        &report.notes,
        lang,
        out,
    )?;
    let failed = args.fail_on == Some(FailOn::Down) && report.any_clearly_down();
    Ok(if (args.strict && warned) || failed {
        Outcome::No
    } else {
        Outcome::Success
    })
}
