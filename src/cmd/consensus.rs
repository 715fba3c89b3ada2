//! `readiness consensus`: the worksheet for the scorers' consensus meeting.

use super::Outcome;
use crate::cli::{InputArgs, OutputFileArgs, WorksheetFormatArgs};
use crate::consensus;
use crate::output;
use crate::render::Run;
use clap::Args;
use std::io::Write;

pub const AFTER_HELP: &str = "\
The worksheet has one row per municipality, round, interview and dimension that scorers rated:
one column per scorer, the `gap` between the highest and lowest score, `consensus` — filled in
where all scorers agree (or the input already has an agreed score) — and `status`: `decide`
where the scorers are further apart than the rubric's max_gap, first in the file. Fill in their
consensus cells, then score with it:
  readiness score scores.csv worksheet.csv
An empty consensus cell within max_gap takes the scorers' mean, as without a worksheet; a
`decide` cell still empty is a warning, and that interview is left out of that dimension's score.
Notes and columns you add right of `consensus` are kept when the worksheet is redone.

Examples:
  readiness consensus data/ostergotland-scores.csv -o worksheet.csv
  readiness consensus scores.csv worksheet.csv -o worksheet-2.csv   # keeps decisions made
  readiness consensus scores.csv -o worksheet.xlsx --format xlsx     # to fill in in Excel
  readiness consensus scores.csv --csv excel-sv -o worksheet.csv     # Swedish-locale Excel CSV
  readiness consensus scores.csv | less

Exit status: 0 success, 2 error (also when -o names an input or an existing file without --force).";

/// Arguments of `readiness consensus`.
#[derive(Debug, Args)]
pub struct ConsensusArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub format: WorksheetFormatArgs,

    #[command(flatten)]
    pub output: OutputFileArgs,
}

pub fn run(args: &ConsensusArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = args.format.format()?;
    let destination = args.output.destination_for(format, &args.input.files)?;
    let inputs = crate::pipeline::read_inputs(&args.input, args.input.read_options())?;
    let sheet = consensus::worksheet(&inputs.sheet, &inputs.rubric, &inputs.read.worksheets)
        .map_err(anyhow::Error::msg)?;
    let renderer = format.renderer_for(Run {
        rubric: Some(crate::scoring::RubricSummary::of(&inputs.rubric)),
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
