//! Follow-up rounds: did a municipality move up the change ladder between two rounds of
//! interviews, and how sure is that?
//!
//! For each pair of rounds and each municipality (and issue): per dimension and overall, the
//! earlier and later score, the change (later − earlier) and its 95% Welch t-interval over the
//! interviews of the two rounds ([`crate::stats::welch`]) — the dimension's over the interviews'
//! combined scores, the overall's over the interview-level means: exactly the samples `score`'s
//! intervals use ([`crate::domain::score::Samples`]). A verdict: `up` (the interval lies above
//! 0), `down` (below), `unclear` (it holds 0), or none with the reason. The stages before and
//! after. A municipality in one round only is listed as such, never dropped.
//!
//! The county: per pair of rounds, how many municipalities moved up, stayed, moved down a stage,
//! how many changed clearly, and the mean change of the overall score over the municipalities
//! in both rounds with its paired t-interval (Heath et al. 2021).
//!
//! Rounds are ordered naturally (`2019` < `2023`, `omgång 2` < `omgång 10`); by default each
//! round is compared with the one before it, and the first with the last.

use crate::domain::score::{ByDimension, GroupResult, RubricSummary, ScoreReport};
use crate::lang::{Lang, Spoken};
use crate::model::number::Exact;
use crate::stats::welch;
use crate::text::natural_cmp;

/// What `readiness compare` computes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CompareReport {
    pub rubric: RubricSummary,
    /// Every round in the input, in natural order.
    pub rounds: Vec<String>,
    /// The pairs compared, earlier round first.
    pub pairs: Vec<Pair>,
    /// One per pair and municipality (and issue): pairs in the order of `pairs`, then
    /// municipalities in Swedish order.
    pub comparisons: Vec<Comparison>,
    /// One per pair (and issue).
    pub county: Vec<County>,
    /// With more than two rounds: each municipality's overall score and stage in every round.
    pub trends: Vec<Trend>,
    /// Every warning of every round, those of a municipality prefixed with its name and round
    /// (English, as JSON keeps its texts).
    pub warnings: Vec<String>,
    pub notes: Vec<crate::model::Message>,
    pub input: crate::domain::score::InputSummary,
    /// The warnings of the inputs as a whole, and of each group, typed: the formats for people
    /// write them in their language and sum up many of one kind.
    #[serde(skip)]
    pub input_warnings: Vec<crate::model::Message>,
    #[serde(skip)]
    pub group_warnings: Vec<GroupWarnings>,
}

/// One group's (municipality, round, issue) warnings.
#[derive(Debug, Clone)]
pub struct GroupWarnings {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub warnings: Vec<crate::model::Warning>,
}

impl CompareReport {
    /// Each group's warnings beside its label, in `lang`.
    pub fn labelled_group_warnings(
        &self,
        lang: crate::lang::Lang,
    ) -> Vec<(std::sync::Arc<str>, &crate::model::Warning)> {
        crate::domain::score::labelled(
            lang,
            self.group_warnings.iter().map(|g| {
                (
                    g.municipality.as_str(),
                    g.round.as_deref(),
                    g.issue.as_deref(),
                    &g.warnings[..],
                )
            }),
        )
    }

    /// Every warning in `lang`, those of a group prefixed with its name, round and issue.
    pub fn labelled_warnings(&self, lang: crate::lang::Lang) -> Vec<String> {
        use crate::domain::score::LabelledWarning;
        let groups = self
            .labelled_group_warnings(lang)
            .into_iter()
            .map(|(label, w)| LabelledWarning::Group(label, w.said(lang)));
        self.input_warnings
            .iter()
            .map(|m| LabelledWarning::Read(m.text(lang)))
            .chain(groups)
            .map(|w| w.to_string())
            .collect()
    }

    /// Whether any municipality clearly went down on its overall score (`--fail-on down`).
    pub fn any_clearly_down(&self) -> bool {
        self.comparisons
            .iter()
            .any(|c| c.overall.verdict == Some(Verdict::Down))
    }
}

/// Two rounds, compared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pair {
    pub from: String,
    pub to: String,
}

/// Which of the two rounds a municipality was interviewed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Both,
    EarlierOnly,
    LaterOnly,
}

impl Presence {
    /// Its stable name, as JSON and CSV write it.
    pub fn name(self) -> &'static str {
        match self {
            Presence::Both => "both",
            Presence::EarlierOnly => "earlier_only",
            Presence::LaterOnly => "later_only",
        }
    }
}

/// One municipality (and issue) between two rounds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Comparison {
    pub municipality: String,
    pub issue: Option<String>,
    pub from: String,
    pub to: String,
    pub presence: Presence,
    /// Interviews in the earlier and the later round (0 where not interviewed).
    pub interviews: [usize; 2],
    pub dimensions: ByDimension<Change>,
    pub overall: Change,
    pub stage: StageChange,
    /// The dimension whose score changed most (largest |change|; the first such in the
    /// rubric's order).
    pub moved_most: Option<String>,
}

/// A score in two rounds, its change and how sure the change is.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub earlier: Option<Exact>,
    pub later: Option<Exact>,
    /// `later − earlier`, exactly; `None` unless both rounds have the score.
    pub change: Option<Exact>,
    /// The 95% Welch t-interval of the change.
    pub ci95: Option<[f64; 2]>,
    /// Its Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
    pub verdict: Option<Verdict>,
    /// Why there is no verdict.
    pub reason: Option<NoVerdict>,
}

/// What the interval of a change says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The interval lies above 0.
    Up,
    /// The interval lies below 0.
    Down,
    /// The interval holds 0.
    Unclear,
}

impl Verdict {
    /// The verdict of an interval of a change.
    pub fn of([lo, hi]: [f64; 2]) -> Verdict {
        if lo > 0.0 {
            Verdict::Up
        } else if hi < 0.0 {
            Verdict::Down
        } else {
            Verdict::Unclear
        }
    }

    /// The verdict of the reverse change.
    pub fn reversed(self) -> Verdict {
        match self {
            Verdict::Up => Verdict::Down,
            Verdict::Down => Verdict::Up,
            Verdict::Unclear => Verdict::Unclear,
        }
    }

    /// Its stable name, as JSON and CSV write it.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Up => "up",
            Verdict::Down => "down",
            Verdict::Unclear => "unclear",
        }
    }

    /// Its key in the message catalogue.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Up => "compare.up",
            Verdict::Down => "compare.down",
            Verdict::Unclear => "compare.unclear",
        }
    }
}

/// Why a change has no verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoVerdict {
    /// The municipality was interviewed in one of the two rounds only.
    OneRoundOnly,
    /// A round has no score on it (a dimension without scores: no overall score either).
    NoScore,
    /// Fewer than two interviews in a round.
    TooFewInterviews,
    /// No spread in either round: the interval is undefined.
    NoSpread,
}

impl NoVerdict {
    /// Its stable name, as JSON and CSV write it.
    pub fn name(self) -> &'static str {
        match self {
            NoVerdict::OneRoundOnly => "one_round_only",
            NoVerdict::NoScore => "no_score",
            NoVerdict::TooFewInterviews => "too_few_interviews",
            NoVerdict::NoSpread => "no_spread",
        }
    }

    /// Its key in the message catalogue.
    pub fn key(self) -> &'static str {
        match self {
            NoVerdict::OneRoundOnly => "compare.reason.one_round_only",
            NoVerdict::NoScore => "compare.reason.no_score",
            NoVerdict::TooFewInterviews => "compare.reason.too_few_interviews",
            NoVerdict::NoSpread => "compare.reason.no_spread",
        }
    }
}

/// The stage in two rounds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StageChange {
    pub earlier: Option<i64>,
    pub later: Option<i64>,
    pub earlier_name: Option<String>,
    pub later_name: Option<String>,
    /// Whether the stage differs; `None` unless both rounds have a stage.
    pub changed: Option<bool>,
    /// The stages each round's overall interval spans.
    pub earlier_range: Option<[i64; 2]>,
    pub later_range: Option<[i64; 2]>,
}

/// The county between two rounds (for one issue).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct County {
    pub from: String,
    pub to: String,
    pub issue: Option<String>,
    /// Municipalities with an overall score in both rounds.
    pub municipalities: usize,
    pub stage_up: usize,
    pub stage_same: usize,
    pub stage_down: usize,
    /// Verdicts on the overall score.
    pub clearly_up: usize,
    pub clearly_down: usize,
    pub unclear: usize,
    pub no_verdict: usize,
    /// In one of the two rounds only.
    pub one_round_only: usize,
    /// The mean change of the overall score over `municipalities`, and its paired 95%
    /// t-interval (`None` with fewer than two).
    pub mean_change: Option<Exact>,
    pub ci95: Option<[f64; 2]>,
}

/// One municipality (and issue) over every round.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trend {
    pub municipality: String,
    pub issue: Option<String>,
    /// One per round of the report (`None` where not interviewed).
    pub rounds: Vec<Option<TrendPoint>>,
    /// The overall score of the last round it has minus that of the first.
    pub change: Option<Exact>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TrendPoint {
    pub round: String,
    pub overall: Option<Exact>,
    pub stage: Option<i64>,
}

/// Why rounds cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundsError {
    /// Results without a round: named by their label.
    NoRound(Vec<String>),
    /// Fewer than two rounds.
    OneRound(Vec<String>),
    /// `--from` or `--to` names no round of the input.
    UnknownRound { given: String, rounds: Vec<String> },
    /// `--from` and `--to` are the same round.
    SameRound(String),
}

impl RoundsError {
    /// Why the rounds cannot be compared, in `lang` (the error `main` prints as `fel: …`).
    pub fn spoken(self, lang: Lang) -> Spoken {
        let list = |v: &[String]| {
            v.iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = match self {
            RoundsError::NoRound(groups) => {
                let shown: Vec<String> = groups.iter().take(3).cloned().collect();
                lang.count(
                    "compare.error.no_round",
                    groups.len(),
                    &[("groups", &list(&shown))],
                )
            }
            RoundsError::OneRound(rounds) => {
                lang.fill("compare.error.one_round", &[("rounds", &list(&rounds))])
            }
            RoundsError::UnknownRound { given, rounds } => lang.fill(
                "compare.error.unknown_round",
                &[("given", &given), ("rounds", &list(&rounds))],
            ),
            RoundsError::SameRound(round) => {
                lang.fill("compare.error.same_round", &[("round", &round)])
            }
        };
        Spoken { lang, text }
    }
}

/// Which rounds to compare: `--from` and `--to`, or (both `None`) each with the one before it
/// and the first with the last.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The rounds of the results, in natural order.
fn rounds_of(results: &[GroupResult]) -> Result<Vec<String>, RoundsError> {
    let missing: Vec<String> = results
        .iter()
        .filter(|r| r.key.round.is_none())
        .map(|r| crate::model::key::label(&r.key.municipality, None, r.key.issue.as_deref()))
        .collect();
    if !missing.is_empty() {
        return Err(RoundsError::NoRound(missing));
    }
    let mut rounds: Vec<String> = results.iter().filter_map(|r| r.key.round.clone()).collect();
    rounds.sort_by(|a, b| natural_cmp(a, b).then_with(|| a.cmp(b)));
    rounds.dedup();
    Ok(rounds)
}

/// The pairs of rounds `selection` asks for.
fn pairs_of(rounds: &[String], selection: &Selection) -> Result<Vec<Pair>, RoundsError> {
    if rounds.len() < 2 {
        return Err(RoundsError::OneRound(rounds.to_vec()));
    }
    let find = |given: &str| {
        rounds
            .iter()
            .position(|r| r == given)
            .ok_or_else(|| RoundsError::UnknownRound {
                given: given.to_string(),
                rounds: rounds.to_vec(),
            })
    };
    let pair = |a: usize, b: usize| Pair {
        from: rounds[a].clone(),
        to: rounds[b].clone(),
    };
    let last = rounds.len() - 1;
    let (from, to) = match (&selection.from, &selection.to) {
        (None, None) => {
            let mut pairs: Vec<Pair> = (1..rounds.len()).map(|i| pair(i - 1, i)).collect();
            if rounds.len() > 2 {
                pairs.push(pair(0, last));
            }
            return Ok(pairs);
        }
        (Some(f), None) => (find(f)?, last),
        (None, Some(t)) => (0, find(t)?),
        (Some(f), Some(t)) => (find(f)?, find(t)?),
    };
    if from == to {
        return Err(RoundsError::SameRound(rounds[from].clone()));
    }
    Ok(vec![pair(from, to)])
}

/// The one pair of rounds a report of the latest state shows: `later` (default the last round)
/// and `earlier` (default the round just before `later`). `None` when nothing is asked for and
/// the results have no rounds, or one, or `later` is the first round.
pub fn latest_pair(
    results: &[GroupResult],
    earlier: Option<&str>,
    later: Option<&str>,
) -> Result<Option<Pair>, RoundsError> {
    let asked = earlier.is_some() || later.is_some();
    let rounds = match rounds_of(results) {
        Err(RoundsError::NoRound(_)) if !asked => return Ok(None),
        found => found?,
    };
    if rounds.len() < 2 && !asked {
        return Ok(None);
    }
    let owned = |r: &str| Some(r.to_string());
    let selection = match (earlier, later) {
        (None, None) => Selection {
            from: owned(&rounds[rounds.len() - 2]),
            to: None,
        },
        (None, Some(l)) => match rounds.iter().position(|r| r == l) {
            Some(0) => return Ok(None),
            Some(i) => Selection {
                from: owned(&rounds[i - 1]),
                to: owned(l),
            },
            None => Selection {
                from: None,
                to: owned(l),
            },
        },
        (e, l) => Selection {
            from: e.map(str::to_string),
            to: l.map(str::to_string),
        },
    };
    Ok(pairs_of(&rounds, &selection)?.into_iter().next())
}

/// The change of one score between two results, with its samples.
pub fn change(
    earlier: Option<&Exact>,
    later: Option<&Exact>,
    samples: (&[Exact], &[Exact]),
) -> Change {
    let mut c = unchanged(earlier, later, None);
    let (Some(a), Some(b)) = (earlier, later) else {
        c.reason = Some(NoVerdict::NoScore);
        return c;
    };
    let delta = b - a;
    match welch::welch_95(samples.0, samples.1) {
        Ok(w) => {
            let centre = delta.to_f64();
            let ci = [centre - w.half_width, centre + w.half_width];
            c.ci95 = Some(ci);
            c.df = Some(w.df);
            c.verdict = Some(Verdict::of(ci));
        }
        Err(_) if samples.0.len() < 2 || samples.1.len() < 2 => {
            c.reason = Some(NoVerdict::TooFewInterviews);
        }
        Err(_) => c.reason = Some(NoVerdict::NoSpread),
    }
    c.change = Some(delta);
    c
}

/// The scores of two rounds, no change computed (yet), and why.
fn unchanged(earlier: Option<&Exact>, later: Option<&Exact>, reason: Option<NoVerdict>) -> Change {
    Change {
        earlier: earlier.cloned(),
        later: later.cloned(),
        change: None,
        ci95: None,
        df: None,
        verdict: None,
        reason,
    }
}

/// A score in one round only.
fn one_sided(earlier: Option<&Exact>, later: Option<&Exact>) -> Change {
    unchanged(earlier, later, Some(NoVerdict::OneRoundOnly))
}

/// One municipality between two rounds; at least one of `a` and `b` is there.
fn compare_one<'a>(
    a: Option<&'a GroupResult>,
    b: Option<&'a GroupResult>,
    pair: &Pair,
    rubric: &RubricSummary,
) -> Comparison {
    let any = a.or(b).expect("a result in one of the rounds");
    let presence = match (a, b) {
        (Some(_), Some(_)) => Presence::Both,
        (Some(_), None) => Presence::EarlierOnly,
        _ => Presence::LaterOnly,
    };
    let empty = crate::domain::score::Samples::default();
    let samples = |r: Option<&'a GroupResult>| r.and_then(|r| r.samples.as_ref());
    let (sa, sb) = (samples(a).unwrap_or(&empty), samples(b).unwrap_or(&empty));
    let no: Vec<Exact> = Vec::new();
    let dimensions = rubric
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let score = |r: Option<&GroupResult>| {
                r.and_then(|r| r.dimensions.get(&dim.id))
                    .and_then(|x| x.score.clone())
            };
            let (ea, eb) = (score(a), score(b));
            let c = if presence == Presence::Both {
                change(
                    ea.as_ref(),
                    eb.as_ref(),
                    (
                        sa.dimensions.get(d).unwrap_or(&no),
                        sb.dimensions.get(d).unwrap_or(&no),
                    ),
                )
            } else {
                one_sided(ea.as_ref(), eb.as_ref())
            };
            (dim.id.clone(), c)
        })
        .collect::<Vec<_>>();
    let overall_of = |r: Option<&GroupResult>| r.and_then(|r| r.overall.clone());
    let overall = if presence == Presence::Both {
        change(
            overall_of(a).as_ref(),
            overall_of(b).as_ref(),
            (&sa.interviews, &sb.interviews),
        )
    } else {
        one_sided(overall_of(a).as_ref(), overall_of(b).as_ref())
    };
    let stage_of = |r: Option<&GroupResult>| r.and_then(GroupResult::stage_level);
    let name_of =
        |r: Option<&GroupResult>| r.and_then(|r| r.stage.as_ref().map(|s| s.name.clone()));
    let (ga, gb) = (stage_of(a), stage_of(b));
    let stage = StageChange {
        earlier: ga,
        later: gb,
        earlier_name: name_of(a),
        later_name: name_of(b),
        changed: ga.zip(gb).map(|(x, y)| x != y),
        earlier_range: a.and_then(|r| r.stage_range),
        later_range: b.and_then(|r| r.stage_range),
    };
    let moved_most = dimensions
        .iter()
        .filter_map(|(id, c)| c.change.as_ref().map(|x| (id, x.abs_diff(&Exact::int(0)))))
        .fold(None::<(&String, Exact)>, |best, (id, size)| match best {
            Some((_, ref b)) if *b >= size => best,
            _ => Some((id, size)),
        })
        .filter(|(_, size)| *size > Exact::int(0))
        .map(|(id, _)| id.clone());
    Comparison {
        municipality: any.key.municipality.clone(),
        issue: any.key.issue.clone(),
        from: pair.from.clone(),
        to: pair.to.clone(),
        presence,
        interviews: [a.map_or(0, |r| r.interviews), b.map_or(0, |r| r.interviews)],
        dimensions: ByDimension(dimensions),
        overall,
        stage,
        moved_most,
    }
}

/// The county's summary of the comparisons of one pair and issue.
fn county(pair: &Pair, issue: Option<&str>, comparisons: &[&Comparison]) -> County {
    let both: Vec<&&Comparison> = comparisons
        .iter()
        .filter(|c| c.overall.change.is_some())
        .collect();
    let stages: Vec<(i64, i64)> = comparisons
        .iter()
        .filter_map(|c| c.stage.earlier.zip(c.stage.later))
        .collect();
    let verdicts = |v: Option<Verdict>| {
        comparisons
            .iter()
            .filter(|c| c.presence == Presence::Both && c.overall.verdict == v)
            .count()
    };
    let changes: Vec<Exact> = both
        .iter()
        .filter_map(|c| c.overall.change.clone())
        .collect();
    let paired = welch::paired_95(&changes);
    County {
        from: pair.from.clone(),
        to: pair.to.clone(),
        issue: issue.map(str::to_string),
        municipalities: both.len(),
        stage_up: stages.iter().filter(|(a, b)| b > a).count(),
        stage_same: stages.iter().filter(|(a, b)| b == a).count(),
        stage_down: stages.iter().filter(|(a, b)| b < a).count(),
        clearly_up: verdicts(Some(Verdict::Up)),
        clearly_down: verdicts(Some(Verdict::Down)),
        unclear: verdicts(Some(Verdict::Unclear)),
        no_verdict: verdicts(None),
        one_round_only: comparisons
            .iter()
            .filter(|c| c.presence != Presence::Both)
            .count(),
        mean_change: Exact::mean(&changes),
        ci95: paired.ok().map(|(_, ci)| ci),
    }
}

/// Compares the rounds of a score report computed with `samples`.
pub fn compare(report: ScoreReport, selection: &Selection) -> Result<CompareReport, RoundsError> {
    let rounds = rounds_of(&report.results)?;
    let pairs = pairs_of(&rounds, selection)?;
    let warnings: Vec<String> = report.labelled_warnings(crate::lang::Lang::En).collect();
    let group_warnings = report
        .results
        .iter()
        .filter(|r| !r.warnings.is_empty())
        .map(|r| GroupWarnings {
            municipality: r.key.municipality.clone(),
            round: r.key.round.clone(),
            issue: r.key.issue.clone(),
            warnings: r.warnings.clone(),
        })
        .collect();
    // The municipalities (and issues), in the report's order.
    let mut keys: Vec<(&str, Option<&str>)> = report
        .results
        .iter()
        .map(|r| (r.key.municipality.as_str(), r.key.issue.as_deref()))
        .collect();
    crate::model::key::sort_by_group(&mut keys, |k| (k.0, None, k.1));
    keys.dedup();
    // Each result by its municipality, issue and round: looked up once per pair and trend.
    let index: std::collections::HashMap<(&str, Option<&str>, &str), &GroupResult> = report
        .results
        .iter()
        .filter_map(|r| {
            let round = r.key.round.as_deref()?;
            Some((
                (r.key.municipality.as_str(), r.key.issue.as_deref(), round),
                r,
            ))
        })
        .collect();
    let find = |key: &(&str, Option<&str>), round: &str| index.get(&(key.0, key.1, round)).copied();
    let mut comparisons = Vec::new();
    let mut counties = Vec::new();
    let mut issues: Vec<Option<&str>> = keys.iter().map(|k| k.1).collect();
    issues.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => natural_cmp(a, b),
        _ => a.cmp(b),
    });
    issues.dedup();
    for pair in &pairs {
        let start = comparisons.len();
        // Municipalities are independent: compared in parallel (rayon keeps the order).
        use rayon::prelude::*;
        let these: Vec<Comparison> = keys
            .par_iter()
            .filter_map(|key| {
                let (a, b) = (find(key, &pair.from), find(key, &pair.to));
                (a.is_some() || b.is_some()).then(|| compare_one(a, b, pair, &report.rubric))
            })
            .collect();
        comparisons.extend(these);
        for issue in &issues {
            let these: Vec<&Comparison> = comparisons[start..]
                .iter()
                .filter(|c| c.issue.as_deref() == *issue)
                .collect();
            counties.push(county(pair, *issue, &these));
        }
    }
    let trends = if rounds.len() > 2 {
        keys.iter()
            .map(|key| {
                let points: Vec<Option<TrendPoint>> = rounds
                    .iter()
                    .map(|round| {
                        find(key, round).map(|r| TrendPoint {
                            round: round.clone(),
                            overall: r.overall.clone(),
                            stage: r.stage_level(),
                        })
                    })
                    .collect();
                let present: Vec<&TrendPoint> = points.iter().flatten().collect();
                let change = match (present.first(), present.last()) {
                    (Some(f), Some(l)) if present.len() > 1 => f
                        .overall
                        .as_ref()
                        .zip(l.overall.as_ref())
                        .map(|(f, l)| l - f),
                    _ => None,
                };
                Trend {
                    municipality: key.0.to_string(),
                    issue: key.1.map(str::to_string),
                    rounds: points,
                    change,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(CompareReport {
        rubric: report.rubric.clone(),
        rounds,
        pairs,
        comparisons,
        county: counties,
        trends,
        warnings,
        notes: report.notes.clone(),
        input: report.input.clone(),
        input_warnings: report.warnings.clone(),
        group_warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn pair(a: &str, b: &str) -> Pair {
        Pair {
            from: a.into(),
            to: b.into(),
        }
    }

    #[test]
    fn by_default_each_round_with_the_one_before_and_the_first_with_the_last() {
        let rounds = names(&["omgång 2", "omgång 3", "omgång 10"]);
        let pairs = pairs_of(&rounds, &Selection::default()).unwrap();
        assert_eq!(
            pairs,
            [
                pair("omgång 2", "omgång 3"),
                pair("omgång 3", "omgång 10"),
                pair("omgång 2", "omgång 10"),
            ]
        );
        let two = pairs_of(&names(&["2019", "2023"]), &Selection::default()).unwrap();
        assert_eq!(two, [pair("2019", "2023")], "no first-to-last twice");
    }

    #[test]
    fn earlier_and_later_pick_one_pair() {
        let rounds = names(&["2019", "2021", "2023"]);
        let pick = |f: Option<&str>, t: Option<&str>| {
            pairs_of(
                &rounds,
                &Selection {
                    from: f.map(Into::into),
                    to: t.map(Into::into),
                },
            )
        };
        assert_eq!(pick(Some("2021"), None).unwrap(), [pair("2021", "2023")]);
        assert_eq!(pick(None, Some("2021")).unwrap(), [pair("2019", "2021")]);
        assert_eq!(
            pick(Some("2023"), Some("2019")).unwrap(),
            [pair("2023", "2019")]
        );
        assert_eq!(
            pick(Some("2023"), Some("2023")),
            Err(RoundsError::SameRound("2023".into()))
        );
        assert!(matches!(
            pick(Some("2020"), None),
            Err(RoundsError::UnknownRound { .. })
        ));
        assert_eq!(
            pairs_of(&names(&["2019"]), &Selection::default()),
            Err(RoundsError::OneRound(names(&["2019"])))
        );
    }

    #[test]
    fn a_report_shows_the_last_round_against_the_one_before_unless_told() {
        use crate::domain::score::ByDimension;
        let result = |round: Option<&str>| GroupResult {
            key: crate::model::GroupKey::new("Kinda", round, None),
            interviews: 4,
            dimensions: ByDimension(Vec::new()),
            overall: None,
            overall_ci95: None,
            stage: None,
            stage_range: None,
            warnings: Vec::new(),
            detail: None,
            samples: None,
        };
        let three: Vec<GroupResult> = ["2027", "2023", "2025"]
            .iter()
            .map(|r| result(Some(r)))
            .collect();
        let latest = |e: Option<&str>, l: Option<&str>| latest_pair(&three, e, l);
        assert_eq!(latest(None, None), Ok(Some(pair("2025", "2027"))));
        assert_eq!(latest(Some("2023"), None), Ok(Some(pair("2023", "2027"))));
        assert_eq!(latest(None, Some("2025")), Ok(Some(pair("2023", "2025"))));
        assert_eq!(latest(None, Some("2023")), Ok(None));
        assert!(matches!(
            latest(Some("2020"), None),
            Err(RoundsError::UnknownRound { .. })
        ));
        assert_eq!(latest_pair(&[result(None)], None, None), Ok(None));
        assert_eq!(latest_pair(&[result(Some("2023"))], None, None), Ok(None));
        assert!(latest_pair(&[result(None)], Some("2023"), None).is_err());
    }

    #[test]
    fn verdicts_of_intervals() {
        assert_eq!(Verdict::of([0.1, 1.0]), Verdict::Up);
        assert_eq!(Verdict::of([-1.0, -0.1]), Verdict::Down);
        assert_eq!(Verdict::of([-0.1, 1.0]), Verdict::Unclear);
        assert_eq!(
            Verdict::of([0.0, 1.0]),
            Verdict::Unclear,
            "0 on the edge is held"
        );
    }

    #[test]
    fn a_change_without_an_interval_says_why() {
        let x = |v: &[i64]| v.iter().map(|n| Exact::int(*n)).collect::<Vec<_>>();
        let c = change(
            Some(&Exact::int(4)),
            Some(&Exact::int(5)),
            (&x(&[4]), &x(&[5, 5])),
        );
        assert_eq!(
            (c.change, c.reason),
            (Some(Exact::int(1)), Some(NoVerdict::TooFewInterviews))
        );
        let c = change(
            Some(&Exact::int(4)),
            Some(&Exact::int(5)),
            (&x(&[4, 4]), &x(&[5, 5])),
        );
        assert_eq!(c.reason, Some(NoVerdict::NoSpread));
        let c = change(None, Some(&Exact::int(5)), (&x(&[]), &x(&[5, 6])));
        assert_eq!((c.change, c.reason), (None, Some(NoVerdict::NoScore)));
        let c = change(
            Some(&Exact::int(4)),
            Some(&Exact::int(6)),
            (&x(&[3, 5]), &x(&[5, 7])),
        );
        assert_eq!(c.verdict, Some(Verdict::Unclear), "{c:?}");
    }
}
