//! The workshop report's view: the typed results of [`crate::domain::report::Workshop`] turned
//! into the words and numbers a person reads, in the report's language (decimal commas in
//! Swedish, `4,48`), and the charts' geometry ([`super::svg`]). The HTML templates only lay this
//! out; every number here comes from the exact values, through the same helpers the table and
//! Markdown formats use (scores rounded down to two decimals, so a shown score never crosses a
//! stage line).

use super::grid::{group_warning_lines, shown, shown_interval, stage_label};
use super::plan as plans;
use super::rounds;
use super::svg::{self, Chart, Point};
use crate::domain::agreement::Agreement;
use crate::domain::report::{Page, Workshop};
use crate::domain::score::GroupResult;
use crate::lang::Lang;
use serde::Serialize;

/// At most this many municipalities on one ladder chart: more are drawn on further charts (a
/// printed page each) and the county page groups them by stage first.
pub const LADDER_ROWS: usize = 30;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct ReportView {
    /// `en` or `sv`, the page's `lang`.
    pub lang: &'static str,
    /// Every text of the catalogue's `report` section, by its key.
    pub t: std::collections::BTreeMap<String, &'static str>,
    pub title: String,
    pub made: String,
    pub round: Option<String>,
    pub county: CountyView,
    pub pages: Vec<PageView>,
}

#[derive(Debug, Serialize)]
pub struct CountyView {
    pub ladders: Vec<LadderPart>,
    /// With more than [`LADDER_ROWS`] municipalities: the steps with their municipalities.
    pub by_stage: Vec<StageGroup>,
    pub rows: Vec<CountyRow>,
    pub compared: bool,
    pub change_heading: Option<String>,
    pub summary: Vec<String>,
    pub earlier_only: Option<String>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LadderPart {
    pub caption: Option<String>,
    pub chart: Chart,
}

#[derive(Debug, Serialize)]
pub struct StageGroup {
    pub stage: String,
    pub count: usize,
    pub names: String,
}

#[derive(Debug, Serialize)]
pub struct CountyRow {
    pub id: String,
    pub name: String,
    pub interviews: usize,
    pub overall: String,
    pub ci: String,
    pub stage: String,
    pub range: String,
    pub change: Option<String>,
    pub verdict: Option<String>,
    pub stage_change: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    pub id: String,
    pub heading: String,
    pub stage: Option<StageView>,
    pub stage_line: String,
    pub firmness: Option<String>,
    pub since: Option<String>,
    pub chart: Chart,
    pub legend: String,
    pub dimensions: Vec<DimensionRow>,
    pub compared: bool,
    pub earlier_heading: Option<String>,
    pub missing: Option<String>,
    pub focus_line: String,
    pub plan: Vec<PlanGroup>,
    pub quality: Quality,
}

#[derive(Debug, Serialize)]
pub struct StageView {
    pub title: String,
    pub meaning: String,
    pub goal: String,
}

#[derive(Debug, Serialize)]
pub struct DimensionRow {
    pub name: String,
    pub score: String,
    pub ci: String,
    pub stage: String,
    pub first: bool,
    pub before: Option<String>,
    pub change: Option<String>,
    pub verdict: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PlanGroup {
    pub heading: String,
    pub goal: String,
    pub strategies_heading: String,
    pub strategies: Vec<String>,
    pub extra: Vec<Extra>,
}

#[derive(Debug, Serialize)]
pub struct Extra {
    pub heading: String,
    pub items: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Quality {
    pub interviews: String,
    pub agreement: String,
    pub warnings: Vec<String>,
}

/// `3 December 2026`, `3 december 2026`.
pub fn date(d: crate::model::date::Date, lang: Lang) -> String {
    let month = lang.text(&format!("report.month.m{}", d.month));
    lang.fill(
        "report.date",
        &[("day", &d.day), ("month", &month), ("year", &d.year)],
    )
}

/// A share for people: `78%`, `78 %`.
fn percent(x: Option<f64>, lang: Lang) -> String {
    x.map_or_else(
        || "–".to_string(),
        |x| lang.fill("report.percent", &[("n", &format!("{:.0}", x * 100.0))]),
    )
}

/// The scorers' agreement in one sentence.
fn agreement_line(a: Option<&Agreement>, lang: Lang) -> String {
    match a {
        Some(a) if a.compared > 0 => lang.fill(
            "report.agreement_line",
            &[
                ("items", &a.compared),
                ("exact", &percent(a.exact, lang)),
                ("within", &percent(a.within_one, lang)),
                (
                    "kappa",
                    &a.kappa_quadratic
                        .map_or_else(|| "–".to_string(), |k| lang.number(&format!("{k:.2}"))),
                ),
            ],
        ),
        _ => lang.text("report.agreement_none").to_string(),
    }
}

/// `4 Preplanning`, or `–`.
fn stage_of(r: &GroupResult) -> String {
    stage_label(r.stage_level(), r.stage.as_ref().map(|s| s.name.as_str()))
}

/// `3–5`, or `–`.
fn range_of(r: &GroupResult) -> String {
    r.stage_range
        .map_or_else(|| "–".to_string(), |[lo, hi]| format!("{lo}–{hi}"))
}

/// The ladder's text of one municipality: `Kinda: 4.48 (95% CI 4.10–4.86), stage 4 Preplanning
/// (4–4)`.
fn row_title(w: &Workshop, r: &GroupResult, lang: Lang) -> String {
    lang.fill(
        "report.row_title",
        &[
            ("name", &w.label(r, lang)),
            ("score", &shown(r.overall.as_ref(), lang)),
            ("ci", &shown_interval(r.overall_ci95, lang)),
            ("stage", &stage_of(r)),
            ("range", &range_of(r)),
        ],
    )
}

fn county(w: &Workshop, lang: Lang, levels: u32) -> CountyView {
    let results = &w.score.results;
    let points: Vec<Point> = w
        .pages()
        .map(|p| Point {
            label: w.label(p.result, lang),
            score: p.result.overall.as_ref().map(|o| o.to_f64()),
            ci: p.result.overall_ci95,
            earlier: p
                .comparison
                .and_then(|c| c.overall.earlier.as_ref())
                .map(|e| e.to_f64()),
            value: shown(p.result.overall.as_ref(), lang),
            focus: false,
            title: row_title(w, p.result, lang),
        })
        .collect();
    let n = points.len();
    let parts = points.chunks(LADDER_ROWS).count();
    let desc = lang.fill(
        "report.ladder_desc",
        &[
            ("first", &w.stages.first().cloned().unwrap_or_default()),
            ("last", &w.stages.last().cloned().unwrap_or_default()),
        ],
    );
    let ladders = points
        .chunks(LADDER_ROWS)
        .enumerate()
        .map(|(i, chunk)| {
            let (from, to) = (i * LADDER_ROWS + 1, i * LADDER_ROWS + chunk.len());
            let caption = (parts > 1).then(|| {
                lang.fill(
                    "report.ladder_part",
                    &[("from", &from), ("to", &to), ("n", &n)],
                )
            });
            let title = lang.count("report.ladder_title", chunk.len(), &[]);
            LadderPart {
                caption,
                chart: svg::ladder(levels, &w.stages, chunk, &title, &desc),
            }
        })
        .collect();
    let by_stage = if n > LADDER_ROWS {
        (1..=i64::from(levels))
            .rev()
            .filter_map(|level| {
                let names: Vec<String> = results
                    .iter()
                    .filter(|r| r.stage_level() == Some(level))
                    .map(|r| w.label(r, lang))
                    .collect();
                (!names.is_empty()).then(|| StageGroup {
                    stage: stage_label(
                        Some(level),
                        w.stages.get(level as usize - 1).map(String::as_str),
                    ),
                    count: names.len(),
                    names: names.join(", "),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let rows = w
        .pages()
        .enumerate()
        .map(|(i, p)| {
            let r = p.result;
            let c = p.comparison.filter(|c| c.overall.earlier.is_some());
            CountyRow {
                id: page_id(i),
                name: w.label(r, lang),
                interviews: r.interviews,
                overall: shown(r.overall.as_ref(), lang),
                ci: shown_interval(r.overall_ci95, lang),
                stage: stage_of(r),
                range: range_of(r),
                change: c.map(|c| rounds::signed(c.overall.change.as_ref(), lang)),
                verdict: c.map(|c| rounds::verdict(&c.overall, lang)),
                stage_change: c.map(rounds::stage),
            }
        })
        .collect();
    let compare = w.compare.as_ref();
    let summary = compare
        .map(|c| {
            c.county
                .iter()
                .flat_map(|k| rounds::county_lines(k, lang))
                .collect()
        })
        .unwrap_or_default();
    let earlier_only: Vec<String> = w.earlier_only().map(|c| c.municipality.clone()).collect();
    CountyView {
        ladders,
        by_stage,
        rows,
        compared: compare.is_some(),
        change_heading: w
            .pair
            .as_ref()
            .map(|p| lang.fill("report.change_heading", &[("from", &p.from), ("to", &p.to)])),
        summary,
        earlier_only: (!earlier_only.is_empty()).then(|| {
            lang.fill(
                "report.earlier_only",
                &[
                    (
                        "round",
                        &w.pair.as_ref().map(|p| p.to.clone()).unwrap_or_default(),
                    ),
                    ("names", &earlier_only.join(", ")),
                ],
            )
        }),
        warnings: crate::model::message::said(&w.score.warnings, lang),
        notes: crate::model::message::said(&w.score.notes, lang),
    }
}

/// The anchor of the `i`th municipality's page.
fn page_id(i: usize) -> String {
    format!("m{}", i + 1)
}

fn page(w: &Workshop, i: usize, p: Page<'_>, lang: Lang, levels: u32, verbose: bool) -> PageView {
    let r = p.result;
    let plan = p.plan;
    let compared = p.comparison.filter(|c| c.overall.earlier.is_some());
    let first = |id: &str| plan.focus.iter().any(|f| f.id == id);
    let dims = &w.score.rubric.dimensions;
    let points: Vec<Point> = dims
        .iter()
        .map(|d| {
            let result = r.dimensions.get(&d.id);
            let score = result.and_then(|x| x.score.as_ref());
            Point {
                label: format!("{} {}", d.id, d.name),
                score: score.map(|s| s.to_f64()),
                ci: result.and_then(|x| x.ci95),
                earlier: compared
                    .and_then(|c| c.dimensions.get(&d.id))
                    .and_then(|c| c.earlier.as_ref())
                    .map(|e| e.to_f64()),
                value: shown(score, lang),
                focus: first(&d.id),
                title: format!(
                    "{} {}: {} ({} {})",
                    d.id,
                    d.name,
                    shown(score, lang),
                    lang.text("table.ci"),
                    shown_interval(result.and_then(|x| x.ci95), lang)
                ),
            }
        })
        .collect();
    let heading = w.label(r, lang);
    let overall = r.overall.as_ref().map(|o| {
        (
            o.to_f64(),
            lang.fill("report.overall_marker", &[("score", &shown(Some(o), lang))]),
        )
    });
    let chart = svg::dimensions(
        levels,
        &w.stages,
        &points,
        overall,
        &lang.fill("report.chart_title", &[("name", &heading)]),
        lang.text("report.chart_desc"),
    );
    let earlier_round = w.pair.as_ref().map(|p| p.from.clone());
    let legend = match (&earlier_round, compared) {
        (Some(round), Some(_)) => lang.fill("report.legend_compared", &[("round", round)]),
        _ => lang.text("report.legend").to_string(),
    };
    let dimensions = dims
        .iter()
        .map(|d| {
            let result = r.dimensions.get(&d.id);
            let score = result.and_then(|x| x.score.as_ref());
            let change = compared.and_then(|c| c.dimensions.get(&d.id));
            DimensionRow {
                name: format!("{} {}", d.id, d.name),
                score: shown(score, lang),
                ci: shown_interval(result.and_then(|x| x.ci95), lang),
                stage: stage_label(
                    result.and_then(|x| x.stage),
                    result
                        .and_then(|x| x.stage)
                        .and_then(|l| w.stages.get(l as usize - 1))
                        .map(String::as_str),
                ),
                first: first(&d.id),
                before: change.map(|c| shown(c.earlier.as_ref(), lang)),
                change: change.map(|c| rounds::signed(c.change.as_ref(), lang)),
                verdict: change.map(|c| rounds::verdict(c, lang)),
            }
        })
        .collect();
    let since = compared.map(|c| crate::domain::plan::Since {
        round: c.from.clone(),
        overall: c.overall.clone(),
        stage: c.stage.clone(),
    });
    let plan_groups = plans::by_stage(plan)
        .into_iter()
        .map(|group| {
            let stage = &group[0].stage;
            PlanGroup {
                heading: plans::stage_heading(group, lang),
                goal: stage.goal.clone(),
                strategies_heading: lang.fill("plan.strategies", &[("stage", &stage.level)]),
                strategies: group[0].strategies.clone(),
                extra: group
                    .iter()
                    .filter(|f| !f.dimension_strategies.is_empty())
                    .map(|f| Extra {
                        heading: plans::for_dimension(f, lang),
                        items: f.dimension_strategies.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let minimum = w.score.rubric.min_interviews;
    PageView {
        id: page_id(i),
        heading,
        stage: plan.stage.as_ref().map(|s| StageView {
            title: lang.fill("report.stage_title", &[("stage", &plans::stage_name(s))]),
            meaning: s.meaning.clone(),
            goal: s.goal.clone(),
        }),
        stage_line: plans::stage_line(plan, lang),
        firmness: plans::firmness(plan, lang),
        since: since.as_ref().map(|s| rounds::since_line(s, lang)),
        chart,
        legend,
        dimensions,
        compared: compared.is_some(),
        earlier_heading: compared.map(|c| lang.fill("report.before", &[("round", &c.from)])),
        missing: plans::missing_line(plan, lang),
        focus_line: plans::focus_line(plan, lang),
        plan: plan_groups,
        quality: Quality {
            interviews: lang.count(
                "report.interviews_line",
                r.interviews,
                &[("minimum", &minimum)],
            ),
            agreement: agreement_line(p.agreement.map(|a| &a.pooled), lang),
            warnings: group_warning_lines(r, lang, verbose),
        },
    }
}

/// The view of `w` in `lang`; `verbose` lists every warning one by one.
pub fn view(w: &Workshop, lang: Lang, verbose: bool) -> ReportView {
    let levels = w.score.rubric.levels;
    let rubric = &w.score.rubric;
    ReportView {
        lang: match lang {
            Lang::En => "en",
            Lang::Sv => "sv",
        },
        t: lang.section("report"),
        title: lang.text("report.title").to_string(),
        made: lang.fill(
            "report.made",
            &[
                ("date", &date(w.date, lang)),
                ("rubric", &rubric.name),
                ("title", &rubric.title),
            ],
        ),
        round: match (&w.pair, &w.round) {
            (Some(p), _) => Some(lang.fill(
                "report.round_line",
                &[("later", &p.to), ("earlier", &p.from)],
            )),
            (None, Some(round)) => Some(lang.fill("report.round_only", &[("round", round)])),
            (None, None) => None,
        },
        county: county(w, lang, levels),
        pages: w
            .pages()
            .enumerate()
            .map(|(i, p)| page(w, i, p, lang, levels, verbose))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::Date;

    #[test]
    fn dates_in_both_languages() {
        let d = Date::parse("2026-12-03").unwrap();
        assert_eq!(date(d, Lang::En), "3 December 2026");
        assert_eq!(date(d, Lang::Sv), "3 december 2026");
    }

    #[test]
    fn shares_and_kappa_in_the_languages_way() {
        assert_eq!(percent(Some(0.78), Lang::En), "78%");
        assert_eq!(percent(Some(0.78), Lang::Sv), "78 %");
        assert_eq!(percent(None, Lang::Sv), "–");
    }
}
