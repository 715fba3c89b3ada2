//! `readiness consensus`: the worksheet for the scorers' consensus meeting.

use super::Outcome;
use crate::cli::consensus::ConsensusArgs;
use crate::domain::consensus;
use crate::lang::Lang;
use crate::output;
use crate::render::{Options, Run};
use std::io::Write;

pub fn run(
    args: &ConsensusArgs,
    lang: Option<Lang>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let format = args.format.format()?;
    let destination = args.output.destination_for(format, &args.input.files)?;
    let inputs = crate::pipeline::read_inputs(&args.input, args.input.read_options(), lang)?;
    let sheet = consensus::worksheet(&inputs.sheet, &inputs.rubric, &inputs.read.worksheets)
        .map_err(anyhow::Error::msg)?;
    let lang = Lang::asked_or_rubric(lang, &inputs.rubric.language);
    let run = Run {
        rubric: Some(crate::domain::score::RubricSummary::of(&inputs.rubric)),
        warnings: inputs.read.warnings.clone(),
        notes: inputs.read.notes.clone(),
        ..Run::of_this_process(&inputs.read.files)
    };
    let options = Options {
        lang,
        ..Options::default()
    };
    let renderer = format.renderer_for(options, run);
    let rendered = renderer.worksheet(&sheet)?;
    let warnings: Vec<String> = inputs
        .read
        .warnings
        .iter()
        .chain(&sheet.warnings)
        .map(|m| m.text(lang))
        .collect();
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &warnings,
        &inputs.read.notes,
        lang,
        out,
    )?;
    // After the notes, as the last word on the input.
    if sheet.rows.is_empty() {
        eprintln!(
            "{}: {}",
            lang.text("stderr.warning"),
            lang.text("consensus.empty")
        );
    }
    let what = match &destination {
        output::Destination::File(path) => {
            lang.fill("consensus.wrote", &[("file", &path.display())])
        }
        output::Destination::Stdout => lang.text("consensus.worksheet").to_string(),
    };
    let single = match sheet.single() {
        0 => String::new(),
        n => lang.fill("consensus.single", &[("n", &n)]),
    };
    let gap = lang.number(&inputs.rubric.scoring.max_gap.to_plain());
    let summary = lang.fill(
        "consensus.summary",
        &[
            ("what", &what),
            ("rows", &sheet.rows.len()),
            ("decide", &sheet.to_decide()),
            ("gap", &gap),
            ("mean", &sheet.by_mean()),
            ("single", &single),
        ],
    );
    eprintln!("{summary}");
    Ok(Outcome::Success)
}
