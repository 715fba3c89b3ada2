//! The path every command that scores data takes: read the inputs under a rubric into one
//! sheet ([`read_inputs`]), then score the sheet ([`score_report`]).
//!
//! `readiness score` and `readiness rubric diff --data` both call it, so the data is read and
//! scored the same way by each, and no command calls another.

use crate::cli::InputArgs;
use crate::domain::score::{self, RubricSummary, ScoreOptions, ScoreReport};
use crate::engine::store::Sheet;
use crate::input::{self, ReadOptions, ReadOutcome};
use crate::lang::{Lang, Spoken};
use crate::rubric::Rubric;

/// What every command that reads score files starts from.
#[derive(Debug)]
pub struct Inputs {
    pub rubric: Rubric,
    pub sheet: Sheet,
    pub read: ReadOutcome,
}

/// Loads the rubric and reads every input into one sheet with `options` (from
/// [`InputArgs::read_options`]); all input errors are reported at once. With `--verbose`, says
/// how each input was read.
/// `lang` (`--lang`, else the rubric's language) is the language of that account.
pub fn read_inputs(
    args: &InputArgs,
    options: ReadOptions,
    lang: Option<Lang>,
) -> anyhow::Result<Inputs> {
    args.validate()?;
    let rubric = Rubric::load(&args.rubric)?;
    let lang = Lang::asked_or_rubric(lang, &rubric.language);
    let options = ReadOptions { lang, ..options };
    let mut sheet = Sheet::new(rubric.dimensions.len());
    let read = input::read_all(&args.files, &rubric, &options, &mut sheet)?;
    args.report_reading(&read.files, lang);
    Ok(Inputs {
        rubric,
        sheet,
        read,
    })
}

/// Scores what was read: the report `readiness score` prints, and what `readiness rubric diff
/// --data` computes once per rubric and compares.
pub fn score_report(inputs: Inputs, options: ScoreOptions) -> ScoreReport {
    score_keeping_sheet(inputs, options).0
}

/// [`score_report`], keeping the sheet for what else is computed from it (the workshop report's
/// agreement per municipality).
pub fn score_keeping_sheet(inputs: Inputs, options: ScoreOptions) -> (ScoreReport, Sheet) {
    let results = score::score(&inputs.sheet, &inputs.rubric, options);
    let report = ScoreReport {
        rubric: RubricSummary::of(&inputs.rubric),
        results,
        warnings: inputs.read.warnings,
        notes: inputs.read.notes,
        input: score::InputSummary {
            files: inputs.read.files,
        },
    };
    (report, inputs.sheet)
}

/// Keeps only the results of the municipalities `names` ask for (`--municipality`), matched as
/// the tool matches names ([`crate::text::key_fold`]: case and spacing do not count); none asked
/// for keeps all. A name that matches no municipality of the input is an error, with the
/// closest name if there is one, in `lang`.
pub fn select_municipalities(
    report: &mut ScoreReport,
    names: &[String],
    lang: Lang,
) -> anyhow::Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let wanted: Vec<String> = names.iter().map(|n| crate::text::key_fold(n)).collect();
    let known: Vec<&str> = report
        .results
        .iter()
        .map(|r| r.key.municipality.as_str())
        .collect();
    for (name, key) in names.iter().zip(&wanted) {
        if !known.iter().any(|k| crate::text::key_fold(k) == *key) {
            let mut message = lang.fill("plan.unknown_municipality", &[("name", name)]);
            if let Some(close) = crate::text::did_you_mean(name, known.iter().copied()) {
                message.push_str(&lang.fill("plan.did_you_mean", &[("name", &close)]));
            }
            return Err(Spoken {
                text: message,
                lang,
            }
            .into());
        }
    }
    report
        .results
        .retain(|r| wanted.contains(&crate::text::key_fold(&r.key.municipality)));
    Ok(())
}
