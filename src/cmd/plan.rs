//! `readiness plan`: from each municipality's stage to the dimensions to work on first and the
//! strategies that fit their stage.

use super::Outcome;
use crate::cli::plan::PlanArgs;
use crate::domain::score::ScoreOptions;
use crate::domain::{plan, rounds};
use crate::lang::Lang;
use crate::output;
use crate::pipeline;
use crate::render::Run;
use std::io::Write;

pub fn run(args: &PlanArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Refused before any work: an input, or a file not meant to be replaced, is never written over.
    let (format, destination) = args.output.checked(&args.input.files)?;
    let inputs = pipeline::read_inputs(&args.input, args.input.read_options(), lang)?;
    let rubric = inputs.rubric.clone();
    let lang = Lang::asked_or_rubric(lang, &rubric.language);
    let options = ScoreOptions {
        samples: true,
        ..ScoreOptions::default()
    };
    let mut report = pipeline::score_report(inputs, options);
    pipeline::select_municipalities(&mut report, &args.select.municipalities, lang)?;
    let warnings: Vec<String> = report.labelled_warnings(lang).collect();
    let mut result = plan::plans(&report, &rubric, warnings.clone());
    // With more than one round: what changed since the round before, from the comparison of
    // consecutive rounds (an input with one round, or none, has nothing to compare).
    if let Ok(rounds) = rounds::compare(report.clone(), &rounds::Selection::default()) {
        plan::add_since(&mut result, &rounds);
    }
    let options = args.input.read.render_options(lang);
    let run = Run {
        rubric: Some(report.rubric.clone()),
        ..Run::of_this_process(&report.input.files)
    };
    let renderer = format.renderer_for(options, run);
    let rendered = renderer.plan(&result)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &warnings,
        &report.notes,
        lang,
        out,
    )?;
    Ok(if args.strict && report.has_warnings() {
        Outcome::No
    } else {
        Outcome::Success
    })
}
