//! `readiness report`: the workshop report, one self-contained HTML file with the county's page
//! and one page per municipality.
//!
//! Read and scored by the path `score` takes ([`crate::pipeline`]), the scorers' agreement from
//! the same sheet; the plan, the comparison of rounds and the agreement are the other
//! commands' own results ([`crate::domain::report`] joins them), rendered by
//! [`crate::render::html`].

use super::Outcome;
use crate::cli::report::ReportArgs;
use crate::domain::report::{self, Rounds};
use crate::domain::score::ScoreOptions;
use crate::lang::Lang;
use crate::model::date::Date;
use crate::output;
use crate::pipeline;
use crate::render::{Format, Run};
use std::io::Write;

pub fn run(args: &ReportArgs, lang: Option<Lang>, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Refused before any work: an input, or a file not meant to be replaced, is never written over.
    let destination = args.file.destination(&args.input.files)?;
    let inputs = pipeline::read_inputs(&args.input, args.input.read_options(), lang)?;
    let rubric = inputs.rubric.clone();
    let lang = Lang::asked_or_rubric(lang, &rubric.language);
    let options = ScoreOptions {
        samples: true,
        ..ScoreOptions::default()
    };
    let (mut scored, sheet) = pipeline::score_keeping_sheet(inputs, options);
    pipeline::select_municipalities(&mut scored, &args.select.municipalities, lang)?;
    let date = args.date.unwrap_or_else(|| {
        Date::today_or_source_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
    });
    let asked = Rounds {
        earlier: args.earlier.clone(),
        later: args.later.clone(),
    };
    let files = scored.input.files.clone();
    let workshop = report::workshop(scored, &sheet, &rubric, &asked, lang, date)
        .map_err(|e| e.spoken(lang))?;
    let renderer = Format::Html.renderer_for(
        args.input.read.render_options(lang),
        Run::of_this_process(&files),
    );
    let rendered = renderer.report(&workshop)?;
    output::report(
        &destination,
        renderer.as_ref(),
        &rendered,
        &workshop.plans.warnings,
        &workshop.score.notes,
        lang,
        out,
    )?;
    Ok(if args.strict && workshop.score.has_warnings() {
        Outcome::No
    } else {
        Outcome::Success
    })
}
