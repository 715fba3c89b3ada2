//! The arguments of `readiness report` and its help text.

use crate::cli::{InputArgs, MunicipalityArgs, OutputFileArgs};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  readiness report data/ostergotland-scores.csv -o report.html
  readiness report --rubric crm6-sv data/ostergotland-scores.csv -o rapport.html   # in Swedish
  readiness report --round a.csv=2023 --round b.csv=2025 a.csv b.csv -o report.html
  readiness report -m Kinda -m Ydre data/ostergotland-scores.csv -o two.html
  readiness report data/ostergotland-scores.csv > report.html   # no -o: standard output

One HTML file, self-contained (CSS and SVG inline, no script, nothing fetched): it opens from a USB
stick without a network and prints to PDF one municipality per A4 page. The county page: the
change ladder with each municipality at its overall score and its 95% interval as a bar, and a
table of municipalities; with rounds, the change since the earlier round and the county's summary.
A page per municipality: its stage with meaning and goal, its dimensions with their intervals over
the stage bands (the lowest marked), the change since the earlier round, the plan (the strategies
for the dimensions to work on first) and the data quality: interviews, scorer agreement, open
warnings. Aggregates only: no interview text, no respondent's name.

With rounds (a round column, or --round FILE=ROUND) the report shows the last round (or --later)
against the one before it (or --earlier).

Exit status: 0 success, 1 --strict and there were warnings, 2 error (bad input, an unknown
--municipality or round, a refused -o file).";

/// Arguments of `readiness report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub file: OutputFileArgs,

    #[command(flatten)]
    pub select: MunicipalityArgs,

    /// The earlier round to compare with (default: the round before the one shown).
    #[arg(long, value_name = "ROUND")]
    pub earlier: Option<String>,

    /// The round to show (default: the last round).
    #[arg(long, value_name = "ROUND")]
    pub later: Option<String>,

    /// The date the report names as the day it was made, `YYYY-MM-DD` (default:
    /// SOURCE_DATE_EPOCH when set, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<crate::model::date::Date>,

    /// Treat warnings as failure: exit 1 when there are any.
    #[arg(long)]
    pub strict: bool,
}

fn parse_date(s: &str) -> Result<crate::model::date::Date, String> {
    crate::model::date::Date::parse(s)
        .ok_or_else(|| format!("`{s}` is not a date as YYYY-MM-DD (e.g. `2026-12-03`)"))
}
