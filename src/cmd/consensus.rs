//! `readiness consensus`: the worksheet for the scorers' consensus meeting.

use super::Outcome;
use crate::cli::consensus::ConsensusArgs;
use crate::domain::consensus;
use crate::output;
use crate::render::Run;
use std::io::Write;

pub fn run(args: &ConsensusArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = args.format.format()?;
    let destination = args.output.destination_for(format, &args.input.files)?;
    let inputs = crate::pipeline::read_inputs(&args.input, args.input.read_options())?;
    let sheet = consensus::worksheet(&inputs.sheet, &inputs.rubric, &inputs.read.worksheets)
        .map_err(anyhow::Error::msg)?;
    let renderer = format.renderer_for(Run {
        rubric: Some(crate::domain::score::RubricSummary::of(&inputs.rubric)),
        warnings: inputs.read.warnings.clone(),
        notes: inputs.read.notes.clone(),
        ..Run::of_this_process(&inputs.read.files)
    });
    let rendered = renderer.worksheet(&sheet)?;
    let warnings: Vec<String> = inputs
        .read
        .warnings
        .iter()
        .chain(&sheet.warnings)
        .cloned()
        .collect();
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &warnings,
        &inputs.read.notes,
        out,
    )?;
    // After the notes, as the last word on the input.
    if sheet.rows.is_empty() {
        eprintln!(
            "warning: the input has no individual scorers' scores, only agreed (consensus) ones: \
             the worksheet is empty"
        );
    }
    let what = match &destination {
        output::Destination::File(path) => format!("wrote `{}`", path.display()),
        output::Destination::Stdout => "worksheet".to_string(),
    };
    let single = match sheet.single() {
        0 => String::new(),
        n => format!("; {n} rated by one scorer only"),
    };
    let gap = inputs.rubric.scoring.max_gap.to_plain();
    eprintln!(
        "{what}: {} rows, {} for the meeting to decide (marked `decide`: scorers more than {gap} \
         apart, first in the file); {} more with an empty consensus take the scorers' mean{single}",
        sheet.rows.len(),
        sheet.to_decide(),
        sheet.by_mean(),
    );
    Ok(Outcome::Success)
}
