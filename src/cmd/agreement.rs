//! `readiness agreement`: how well the scorers agree, per dimension and pooled.

use super::Outcome;
use crate::cli::By;
use crate::cli::agreement::AgreementArgs;
use crate::domain::agreement::{self, AgreementReport};
use crate::input::FileReport;
use crate::lang::Lang;
use crate::output;
use crate::render::Run;
use std::io::Write;

/// Reads the inputs and computes the report; also how each input was read.
fn compute(
    args: &AgreementArgs,
    lang: Option<Lang>,
) -> anyhow::Result<(AgreementReport, Vec<FileReport>)> {
    let inputs = crate::pipeline::read_inputs(&args.input, args.input.read_options(), lang)?;
    let mut report = agreement::agreement(
        &inputs.sheet,
        &inputs.rubric,
        args.by == Some(By::Municipality),
    );
    let mut warnings = inputs.read.warnings;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    report.notes = inputs.read.notes;
    Ok((report, inputs.read.files))
}

pub fn run(
    args: &AgreementArgs,
    lang: Option<Lang>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let (format, destination) = args.output.checked(&args.input.files)?;
    let (report, files) = compute(args, lang)?;
    let lang = Lang::asked_or_rubric(lang, &report.rubric.language);
    let options = args.input.read.render_options(lang);
    let renderer = format.renderer_for(options, Run::of_this_process(&files));
    let rendered = renderer.agreement(&report)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &report.warnings,
        &report.notes,
        lang,
        out,
    )?;
    Ok(Outcome::Success)
}
