//! `readiness compare` for people (table and Markdown share these grids) and for machines (the
//! long CSV table, also the xlsx sheet).

use super::grid::{Grid, shown};
use crate::domain::rounds::{
    Change, CompareReport, Comparison, County, NoVerdict, Presence, Verdict,
};
use crate::lang::Lang;
use crate::model::number::Exact;

/// A change for people, signed, two decimals rounded toward zero: `+1.20`, `−0.35`, `±0.00`.
pub(crate) fn signed(x: Option<&Exact>, lang: Lang) -> String {
    let Some(x) = x else {
        return "–".into();
    };
    let zero = Exact::int(0);
    let size = x.abs_diff(&zero);
    let text = lang.number(&size.floor_to(2));
    if *x > zero {
        format!("+{text}")
    } else if *x < zero {
        format!("−{text}")
    } else {
        format!("±{text}")
    }
}

/// An arrow for a verdict.
fn arrow(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Up) => "↑",
        Some(Verdict::Down) => "↓",
        Some(Verdict::Unclear) => "≈",
        None => "–",
    }
}

/// `↑ up`, `≈ unclear`, or `– too few interviews`.
pub(crate) fn verdict(c: &Change, lang: Lang) -> String {
    match (c.verdict, c.reason) {
        (Some(v), _) => format!("{} {}", arrow(Some(v)), lang.text(v.key())),
        (None, Some(r)) => format!("– {}", lang.text(r.key())),
        (None, None) => "–".into(),
    }
}

/// `3 → 4 ↑`, `4 → 4`, `3 → –`.
pub(crate) fn stage(c: &Comparison) -> String {
    let s = &c.stage;
    let one = |x: Option<i64>| x.map_or_else(|| "–".to_string(), |x| x.to_string());
    let mark = match s.earlier.zip(s.later) {
        Some((a, b)) if b > a => " ↑",
        Some((a, b)) if b < a => " ↓",
        _ => "",
    };
    format!("{} → {}{mark}", one(s.earlier), one(s.later))
}

/// `A +1.50 ↑`: the dimension that moved most.
fn moved_most(c: &Comparison, lang: Lang) -> String {
    let Some(id) = &c.moved_most else {
        return "–".into();
    };
    let d = c.dimensions.get(id).expect("moved_most names a dimension");
    format!(
        "{id} {} {}",
        signed(d.change.as_ref(), lang),
        arrow(d.verdict)
    )
}

/// One table per pair of rounds: a line per municipality.
pub(crate) fn pair_grid(report: &CompareReport, pair: usize, lang: Lang) -> Grid {
    let issues = report.comparisons.iter().any(|c| c.issue.is_some());
    let mut header = vec![lang.text("table.municipality").to_string()];
    if issues {
        header.push(lang.text("table.issue").into());
    }
    let first = header.len();
    for key in ["compare.n", "compare.overall", "compare.change", "table.ci"] {
        header.push(lang.text(key).into());
    }
    let numbers = first..header.len();
    for key in ["compare.verdict", "compare.stage", "compare.moved_most"] {
        header.push(lang.text(key).into());
    }
    let mut grid = Grid::new(header, numbers);
    let p = &report.pairs[pair];
    for c in report
        .comparisons
        .iter()
        .filter(|c| c.from == p.from && c.to == p.to)
    {
        let mut row = vec![c.municipality.clone()];
        if issues {
            row.push(c.issue.clone().unwrap_or_default());
        }
        let n = |k: usize| {
            if c.interviews[k] == 0 {
                "–".to_string()
            } else {
                c.interviews[k].to_string()
            }
        };
        row.push(format!("{} → {}", n(0), n(1)));
        row.push(format!(
            "{} → {}",
            shown(c.overall.earlier.as_ref(), lang),
            shown(c.overall.later.as_ref(), lang)
        ));
        row.push(signed(c.overall.change.as_ref(), lang));
        row.push(signed_interval(c.overall.ci95, lang));
        row.push(match c.presence {
            Presence::Both => verdict(&c.overall, lang),
            Presence::EarlierOnly => lang.fill("compare.only_in", &[("round", &c.from)]),
            Presence::LaterOnly => lang.fill("compare.only_in", &[("round", &c.to)]),
        });
        row.push(stage(c));
        row.push(moved_most(c, lang));
        grid.rows.push(row);
    }
    grid
}

/// An interval of a change: `+0.61 to +1.79`; both ends to two decimals (rounded down, as
/// intervals of scores are shown).
fn signed_interval(ci: Option<[f64; 2]>, lang: Lang) -> String {
    let Some([lo, hi]) = ci else {
        return "–".into();
    };
    let end = |x: f64| {
        let down = (x * 100.0).floor() / 100.0;
        let text = lang.number(&format!("{:.2}", down.abs()));
        if down < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    };
    format!("{} {} {}", end(lo), lang.text("compare.to"), end(hi))
}

/// The county's lines under a pair's table.
pub(crate) fn county_lines(county: &County, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let issue = county
        .issue
        .as_ref()
        .map(|i| format!(" ({i})"))
        .unwrap_or_default();
    lines.push(lang.fill(
        "compare.county_stages",
        &[
            ("issue", &issue),
            ("up", &county.stage_up),
            ("same", &county.stage_same),
            ("down", &county.stage_down),
            ("clearly_up", &county.clearly_up),
            ("clearly_down", &county.clearly_down),
            ("unclear", &county.unclear),
        ],
    ));
    let mean = match (&county.mean_change, county.ci95) {
        (Some(m), Some(ci)) => lang.fill(
            "compare.county_mean",
            &[
                ("n", &county.municipalities),
                ("mean", &signed(Some(m), lang)),
                ("ci", &signed_interval(Some(ci), lang)),
            ],
        ),
        (Some(m), None) => lang.fill(
            "compare.county_mean_no_ci",
            &[
                ("n", &county.municipalities),
                ("mean", &signed(Some(m), lang)),
            ],
        ),
        _ => lang.text("compare.county_none").to_string(),
    };
    lines.push(mean);
    if county.one_round_only > 0 {
        lines.push(lang.count("compare.county_one_round", county.one_round_only, &[]));
    }
    lines
}

/// Trends over more than two rounds: a line per municipality, each round's overall and stage.
pub(crate) fn trend_grid(report: &CompareReport, lang: Lang) -> Grid {
    let issues = report.trends.iter().any(|t| t.issue.is_some());
    let mut header = vec![lang.text("table.municipality").to_string()];
    if issues {
        header.push(lang.text("table.issue").into());
    }
    let first = header.len();
    header.extend(report.rounds.iter().cloned());
    header.push(lang.text("compare.first_to_last").into());
    let numbers = first..header.len();
    let mut grid = Grid::new(header, numbers);
    for t in &report.trends {
        let mut row = vec![t.municipality.clone()];
        if issues {
            row.push(t.issue.clone().unwrap_or_default());
        }
        for point in &t.rounds {
            row.push(point.as_ref().map_or_else(
                || "–".to_string(),
                |p| {
                    let stage = p.stage.map_or_else(|| "–".to_string(), |s| s.to_string());
                    format!("{} ({stage})", shown(p.overall.as_ref(), lang))
                },
            ));
        }
        row.push(signed(t.change.as_ref(), lang));
        grid.rows.push(row);
    }
    grid
}

/// The whole comparison for people: per pair a heading, its table and the county's lines; the
/// trends; the legend. `draw` draws a grid in the format, `heading` makes a heading, `bullet`
/// starts a line of the county's, `line_break` ends a line of the legend.
pub(crate) fn text(
    report: &CompareReport,
    lang: Lang,
    draw: &dyn Fn(&Grid) -> String,
    heading: &dyn Fn(&str) -> String,
    bullet: &str,
    line_break: &str,
) -> String {
    let mut out = String::new();
    for (i, p) in report.pairs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&heading(
            &lang.fill("compare.pair_heading", &[("from", &p.from), ("to", &p.to)]),
        ));
        out.push_str(&draw(&pair_grid(report, i, lang)));
        for county in report
            .county
            .iter()
            .filter(|c| c.from == p.from && c.to == p.to)
        {
            for line in county_lines(county, lang) {
                out.push_str(bullet);
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    if !report.trends.is_empty() {
        out.push('\n');
        out.push_str(&heading(lang.text("compare.trends_heading")));
        out.push_str(&draw(&trend_grid(report, lang)));
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    let legend = lang.fill("compare.legend", &[("rubric", &report.rubric.name)]);
    out.push_str(&legend.replace('\n', line_break));
    out.push('\n');
    out
}

/// The long table's column keys: one row per pair, municipality and dimension or overall.
pub(crate) const LONG: &[&str] = &[
    "from",
    "to",
    "municipality",
    "issue",
    "presence",
    "measure",
    "earlier_interviews",
    "later_interviews",
    "earlier",
    "later",
    "change",
    "change_lo",
    "change_hi",
    "df",
    "verdict",
    "reason",
    "earlier_stage",
    "later_stage",
    "stage_changed",
    "earlier_stage_min",
    "earlier_stage_max",
    "later_stage_min",
    "later_stage_max",
];

/// One cell of the long table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field<'a> {
    Text(&'a str),
    Exact(Option<&'a Exact>),
    Float(Option<f64>),
    Int(Option<i64>),
}

/// The long table's rows: per comparison, one row per dimension, then `overall` (which alone
/// carries the stages).
/// The rows are made one at a time, as they are written.
pub(crate) fn long_rows(report: &CompareReport) -> impl Iterator<Item = [Field<'_>; 23]> {
    let text = Field::Text;
    report.comparisons.iter().flat_map(move |c| {
        let measures = c
            .dimensions
            .0
            .iter()
            .map(|(id, ch)| (id.as_str(), ch, false))
            .chain(std::iter::once(("overall", &c.overall, true)));
        measures.map(move |(measure, ch, overall)| {
            let stage = |x: Option<i64>| Field::Int(if overall { x } else { None });
            let range = |r: Option<[i64; 2]>, k: usize| {
                Field::Int(if overall { r.map(|r| r[k]) } else { None })
            };
            [
                text(&c.from),
                text(&c.to),
                text(&c.municipality),
                text(c.issue.as_deref().unwrap_or_default()),
                text(c.presence.name()),
                text(measure),
                Field::Int(Some(c.interviews[0] as i64)),
                Field::Int(Some(c.interviews[1] as i64)),
                Field::Exact(ch.earlier.as_ref()),
                Field::Exact(ch.later.as_ref()),
                Field::Exact(ch.change.as_ref()),
                Field::Float(ch.ci95.map(|c| c[0])),
                Field::Float(ch.ci95.map(|c| c[1])),
                Field::Float(ch.df),
                text(ch.verdict.map_or("", Verdict::name)),
                text(ch.reason.map_or("", NoVerdict::name)),
                stage(c.stage.earlier),
                stage(c.stage.later),
                text(if overall {
                    c.stage
                        .changed
                        .map_or("", |b| if b { "true" } else { "false" })
                } else {
                    ""
                }),
                range(c.stage.earlier_range, 0),
                range(c.stage.earlier_range, 1),
                range(c.stage.later_range, 0),
                range(c.stage.later_range, 1),
            ]
        })
    })
}

/// A plan's line on what changed since the round before: `Since 2023: overall score 3.00 →
/// 3.85 (+0.85; 95% CI +0.40 to +1.30): up; stage 3 → 3.`
pub(crate) fn since_line(since: &crate::domain::plan::Since, lang: Lang) -> String {
    let o = &since.overall;
    let stage = |s: Option<i64>| s.map_or_else(|| "–".to_string(), |s| s.to_string());
    let (earlier, later) = (
        shown(o.earlier.as_ref(), lang),
        shown(o.later.as_ref(), lang),
    );
    let change = signed(o.change.as_ref(), lang);
    let (before, after) = (stage(since.stage.earlier), stage(since.stage.later));
    match (o.verdict, o.reason) {
        (Some(v), _) => lang.fill(
            "plan.since",
            &[
                ("round", &since.round),
                ("earlier", &earlier),
                ("later", &later),
                ("change", &change),
                ("interval", &signed_interval(o.ci95, lang)),
                ("verdict", &lang.text(v.key())),
                ("before", &before),
                ("after", &after),
            ],
        ),
        (None, reason) => lang.fill(
            "plan.since_no_verdict",
            &[
                ("round", &since.round),
                ("earlier", &earlier),
                ("later", &later),
                ("change", &change),
                ("reason", &reason.map_or("", |r| lang.text(r.key()))),
                ("before", &before),
                ("after", &after),
            ],
        ),
    }
}
