//! `readiness score`: dimension scores, overall score and stage per municipality and round.

use super::Outcome;
use crate::cli::score::ScoreArgs;
use crate::domain::score::{ScoreOptions, ScoreReport};
use crate::input::ReadOptions;
use crate::lang::Lang;
use crate::output;
use crate::pipeline;
use crate::render::Run;
use std::io::Write;

/// Reads the inputs and computes the report.
fn compute(args: &ScoreArgs, lang: Option<Lang>) -> anyhow::Result<ScoreReport> {
    let inputs = pipeline::read_inputs(
        &args.input,
        ReadOptions {
            keep_evidence: args.detail,
            keep_text: args.detail && args.show_text,
            ..args.input.read_options()
        },
        lang,
    )?;
    let options = ScoreOptions {
        detail: args.detail,
        ..ScoreOptions::default()
    };
    Ok(pipeline::score_report(inputs, options))
}

pub fn run(args: &ScoreArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Refused before any work: an input, or a file not meant to be replaced, is never written over.
    let (format, destination) = args.output.checked(&args.input.files)?;
    let mut report = compute(args, lang)?;
    let lang = Lang::asked_or_rubric(lang, &report.rubric.language);
    pipeline::select_municipalities(&mut report, &args.select.municipalities, lang)?;
    let options = args.input.read.render_options(lang);
    let renderer = format.renderer_for(options, Run::of_this_process(&report.input.files));
    let rendered = renderer.score(&report)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        report.warnings_said(lang),
        &report.notes,
        lang,
        out,
    )?;
    let warned = report.has_warnings();
    Ok(if args.strict && warned {
        Outcome::No
    } else {
        Outcome::Success
    })
}
