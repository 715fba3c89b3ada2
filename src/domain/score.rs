//! From a sheet of scores to each municipality's stage, exactly as the scoring sheet does it.
//!
//! 1. Combined score of an interview on a dimension: the consensus score where there is one,
//!    else the mean of the scorers' scores — with a warning when they are further apart than the
//!    rubric's `max_gap` ("needs consensus").
//! 2. Dimension score: the mean of the combined scores over the interviews.
//! 3. Overall score: the mean of the rubric's dimension scores (none if a dimension has no scores).
//! 4. Stage: the overall score rounded down, on exact rationals (see [`crate::model::number`]).
//!
//! A cell whose consensus a worksheet left empty is combined as without the worksheet when the
//! scorers are within `max_gap` (their mean); further apart, it gets no combined score — never
//! a silent mean of scorers who disagree — and a warning that it still needs consensus.
//!
//! Beside each score, how sure it is: the 95% t-interval of a dimension score over its
//! interviews, and of the overall score over the interview-level means (each interview's mean
//! over its dimensions), clamped to the scale; and the stages the overall interval spans (see
//! [`crate::stats::interval`]).

use crate::engine::store::{Cell, Group, Interview, Scores, Sheet};
use crate::model::GroupKey;
use crate::model::Warning;
use crate::model::anchor::Kind;
use crate::model::loc::Loc;
use crate::model::message::Message;
use crate::model::number::{Exact, Score, Total};
use crate::model::stage::Stage;
use crate::model::warning::Named;
use crate::rubric::Rubric;
use crate::stats::interval;
use crate::text::natural_cmp;
use serde::ser::{Serialize, SerializeMap, Serializer};
use smallvec::SmallVec;
use std::sync::Arc;

/// Values keyed by dimension id (or scorer name), kept in the given order (also in JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct ByDimension<T>(pub Vec<(String, T)>);

impl<T> ByDimension<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for ByDimension<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What `readiness score` computes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScoreReport {
    pub rubric: RubricSummary,
    pub results: Vec<GroupResult>,
    /// Warnings about the input as a whole (per-municipality warnings are in each result).
    pub warnings: Vec<Message>,
    /// Information about the input that is not a problem (e.g. codes that name no anchor).
    pub notes: Vec<Message>,
    /// How each input was read and what became of its rows.
    pub input: InputSummary,
}

/// Row accounting: for every file, rows read = used + blank + rejected.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct InputSummary {
    pub files: Vec<crate::model::accounting::FileReport>,
}

/// A warning of [`ScoreReport::warnings_said`]: one found while reading, or one of a group
/// after its label (`Ödeshög, omgång 2023: …`).
#[derive(Debug, Clone)]
pub enum LabelledWarning<'a> {
    Read(String),
    Group(Arc<str>, crate::model::warning::Said<'a>),
}

impl std::fmt::Display for LabelledWarning<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LabelledWarning::Read(text) => f.write_str(text),
            LabelledWarning::Group(label, warning) => write!(f, "{label}: {warning}"),
        }
    }
}

/// Each warning of the groups beside its group's label in `lang` (`Ödeshög, omgång 2023`), the
/// label made once a group.
pub fn labelled<'a>(
    lang: crate::lang::Lang,
    groups: impl IntoIterator<Item = (&'a str, Option<&'a str>, Option<&'a str>, &'a [Warning])>,
) -> Vec<(Arc<str>, &'a Warning)> {
    groups
        .into_iter()
        .filter(|g| !g.3.is_empty())
        .flat_map(|(m, round, issue, warnings)| {
            let label: Arc<str> = crate::model::key::label_in(lang, m, round, issue).into();
            warnings.iter().map(move |w| (Arc::clone(&label), w))
        })
        .collect()
}

impl ScoreReport {
    /// Every warning, those of a municipality prefixed with its name (and round, issue), each
    /// made when it is needed: a round before its consensus meeting has tens of thousands.
    pub fn labelled_warnings(&self, lang: crate::lang::Lang) -> impl Iterator<Item = String> + '_ {
        self.warnings_said(lang).map(|w| w.to_string())
    }

    /// [`ScoreReport::labelled_warnings`], each written where it goes with no text of its own.
    pub fn warnings_said(
        &self,
        lang: crate::lang::Lang,
    ) -> impl Iterator<Item = LabelledWarning<'_>> + '_ {
        let groups = self
            .group_warnings(lang)
            .into_iter()
            .map(move |(label, w)| LabelledWarning::Group(label, w.said(lang)));
        self.warnings
            .iter()
            .map(move |m| LabelledWarning::Read(m.text(lang)))
            .chain(groups)
    }

    /// Each group's warnings beside its label, in `lang`.
    pub fn group_warnings(&self, lang: crate::lang::Lang) -> Vec<(Arc<str>, &Warning)> {
        labelled(
            lang,
            self.results.iter().map(|r| {
                (
                    r.key.municipality.as_str(),
                    r.key.round.as_deref(),
                    r.key.issue.as_deref(),
                    &r.warnings[..],
                )
            }),
        )
    }

    /// Whether there is any warning (of [`ScoreReport::labelled_warnings`]).
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty() || self.results.iter().any(|r| !r.warnings.is_empty())
    }
}

/// The rubric a report was computed with.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RubricSummary {
    pub name: String,
    pub title: String,
    pub language: String,
    pub source: String,
    pub levels: u32,
    pub step: Exact,
    pub min_interviews: u32,
    pub max_gap: Exact,
    pub dimensions: Vec<DimensionName>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct DimensionName {
    pub id: String,
    pub name: String,
}

impl RubricSummary {
    pub fn of(rubric: &Rubric) -> Self {
        RubricSummary {
            name: rubric.name.clone(),
            title: rubric.title.clone(),
            language: rubric.language.clone(),
            source: rubric.source.clone(),
            levels: rubric.scoring.levels,
            step: rubric.scoring.step.clone(),
            min_interviews: rubric.scoring.min_interviews,
            max_gap: rubric.scoring.max_gap.clone(),
            dimensions: rubric
                .dimensions
                .iter()
                .map(|d| DimensionName {
                    id: d.id.clone(),
                    name: d.name.clone(),
                })
                .collect(),
        }
    }
}

/// One municipality in one round (and for one issue, when the input names issues).
#[derive(Debug, Clone, serde::Serialize)]
pub struct GroupResult {
    /// The municipality, round and issue (flattened into the JSON object, as three fields).
    #[serde(flatten)]
    pub key: GroupKey,
    pub interviews: usize,
    pub dimensions: ByDimension<DimensionResult>,
    pub overall: Option<Exact>,
    /// 95% t-interval of the overall score over the interview-level means, clamped to the
    /// scale; `None` without an overall score or with fewer than two interviews.
    pub overall_ci95: Option<[f64; 2]>,
    /// The stage the overall score reached, with its name, meaning and goal from the rubric.
    #[serde(flatten, serialize_with = "crate::model::stage::as_level_and_name")]
    pub stage: Option<std::sync::Arc<Stage>>,
    /// The stages `overall_ci95` spans (its ends rounded down); always holds `stage`.
    pub stage_range: Option<[i64; 2]>,
    pub warnings: Vec<Warning>,
    /// Each interview's combined scores, with `--detail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Vec<InterviewDetail>>,
    /// The samples the scores and intervals were computed from, when asked for
    /// ([`ScoreOptions::samples`]); not part of the JSON.
    #[serde(skip)]
    pub samples: Option<Samples>,
}

impl GroupResult {
    /// The level of the stage reached, if any.
    pub fn stage_level(&self) -> Option<i64> {
        self.stage.as_deref().map(Stage::number)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DimensionResult {
    /// Mean of the combined scores; `None` when no interview scored this dimension.
    pub score: Option<Exact>,
    /// The dimension's own stage on the ladder: its score rounded down, exactly as the overall
    /// score's ([`stage`]); it sets the goal for work on this dimension.
    pub stage: Option<i64>,
    /// 95% t-interval of the score over its interviews, clamped to the scale; `None` with fewer
    /// than two interviews.
    pub ci95: Option<[f64; 2]>,
    /// Interviews with a combined score on this dimension.
    pub interviews: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct InterviewDetail {
    pub interview: String,
    pub role: Option<String>,
    pub scores: ByDimension<Option<CombinedScore>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CombinedScore {
    pub combined: Exact,
    /// True when the combined score is an agreed consensus score, false when it is a mean.
    pub consensus: bool,
    /// The individual scorers' scores, by scorer name.
    pub scorers: ByDimension<Exact>,
    /// For scores derived from coded segments: by coder, the codes each score rests on.
    #[serde(skip_serializing_if = "ByDimension::is_empty")]
    pub evidence: ByDimension<Vec<EvidenceDetail>>,
}

/// One coded segment behind a derived score.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EvidenceDetail {
    /// The code as analysts write it: `A4`, `A5~` (partly met), `-A6` (not met).
    pub code: String,
    pub level: u32,
    pub kind: Kind,
    pub file: String,
    /// The line of a coded-segments file; in a REFI-QDA project, the coding's number.
    pub line: u64,
    /// In a REFI-QDA project: the source's name, and the selection's characters in it (from
    /// `start`, up to `end`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<u64>,
    pub question: Option<String>,
    /// The segment's text, only with `--show-text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl EvidenceDetail {
    /// Where the segment is, without its file: `22` (a line), or `K1 120–245` (a project's
    /// source and characters).
    pub fn place(&self) -> String {
        match (&self.source, self.start, self.end) {
            (Some(source), Some(start), Some(end)) => format!("{source} {start}–{end}"),
            _ => self.line.to_string(),
        }
    }

    /// Where the segment is: `segments.csv:22`, `project.qdpx: K1 120–245`.
    pub fn place_in_file(&self) -> String {
        match &self.source {
            Some(_) => format!("{}: {}", self.file, self.place()),
            None => format!("{}:{}", self.file, self.line),
        }
    }
}

// The rules, in the order of the scoring sheet. Each is one short function over exact values.

/// Rule 1, the combined score of one interview on one dimension.
#[derive(Debug, Clone, PartialEq)]
pub enum Combined {
    /// The scorers' agreed (consensus) score: "only consensus scores are used further".
    Agreed(Exact),
    /// No agreed score: the mean of the individual scorers' scores. `apart` is their gap when
    /// it is wider than the rubric's `max_gap` ("needs consensus").
    Mean { value: Exact, apart: Option<Exact> },
    /// A consensus worksheet left the cell empty and the scorers are further apart than
    /// `max_gap`: no combined score until the meeting decides ("still needs consensus").
    Open,
    /// Nobody scored it.
    Missing,
}

impl Combined {
    /// The score that goes into the dimension score, if any.
    pub fn value(&self) -> Option<&Exact> {
        match self {
            Combined::Agreed(v) | Combined::Mean { value: v, .. } => Some(v),
            Combined::Open | Combined::Missing => None,
        }
    }
}

/// Rule 1: the agreed score where there is one; else the scorers' mean, flagged when they are
/// further apart than `max_gap`. A worksheet's empty consensus cell is read the same way within
/// `max_gap` (as if there were no worksheet), and is [`Combined::Open`] beyond it.
pub fn combine(cell: &Scores, max_gap: &Exact) -> Combined {
    if let Some(agreed) = cell.consensus {
        return Combined::Agreed(agreed.to_exact());
    }
    let (Some(lo), Some(hi)) = (cell.scorers.iter().min(), cell.scorers.iter().max()) else {
        return Combined::Missing;
    };
    let further = match Score::from_exact(max_gap) {
        Some(max) => hi.apart_more_than(*lo, max),
        None => hi.minus(*lo) > *max_gap,
    };
    let apart = further.then(|| hi.minus(*lo));
    if apart.is_some() && cell.pending {
        return Combined::Open;
    }
    let mut total = Total::default();
    for s in &cell.scorers {
        total.add_score(*s);
    }
    match total.mean() {
        Some(value) => Combined::Mean { value, apart },
        None => Combined::Missing,
    }
}

/// Rule 2, the dimension score (the sheet's "calculated score"): the total of the interviews'
/// combined scores divided by the number of interviews that have one.
pub fn dimension_score(combined: &[Exact]) -> Option<Exact> {
    Exact::mean(combined)
}

/// Rule 3, the overall score: the mean of the dimension scores; none when any dimension has
/// none.
pub fn overall_score(dimension_scores: &[Option<Exact>]) -> Option<Exact> {
    let scores: Option<Vec<&Exact>> = dimension_scores.iter().map(Option::as_ref).collect();
    Exact::mean(scores?)
}

/// Rule 4, the stage: the overall score rounded *down* (4.99 is stage 4), exactly.
pub fn stage(overall: &Exact) -> i64 {
    overall.floor()
}

/// How sure a score is: the 95% t-interval of the mean of `sample` around `centre`, clamped to
/// the scale `1..=levels`; `None` with fewer than two values.
pub fn ci95(sample: &[Exact], centre: &Exact, levels: u32) -> Option<[f64; 2]> {
    let half = interval::t_half_width_95(sample).ok()?;
    Some(interval::clamped(centre.to_f64(), half, levels).into())
}

/// The samples behind a group's scores, one value per interview: what the intervals are
/// computed from, kept for comparing rounds and for reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Samples {
    /// By dimension (in the rubric's order): each interview's combined score, for the
    /// interviews that have one.
    pub dimensions: Vec<Vec<Exact>>,
    /// Each interview's mean over its dimensions (the overall score's sample).
    pub interviews: Vec<Exact>,
}

/// Options of the computation.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreOptions {
    pub detail: bool,
    /// Keep each group's [`Samples`] in its result.
    pub samples: bool,
}

/// Computes every group's result, sorted by municipality (Swedish order), round and issue.
///
/// Groups are independent: they are scored in parallel (rayon keeps the order), which uses the
/// core that reading no longer needs.
pub fn score(sheet: &Sheet, rubric: &Rubric, options: ScoreOptions) -> Vec<GroupResult> {
    use rayon::prelude::*;
    // Shared by the warnings (a round before its consensus meeting has tens of thousands).
    let dimension_ids: Vec<Arc<str>> = rubric
        .dimensions
        .iter()
        .map(|d| Arc::from(d.id.as_str()))
        .collect();
    sheet
        .groups_in_order()
        .par_iter()
        .map(|g| score_group(g, sheet, rubric, &dimension_ids, options))
        .collect()
}

/// The scorers of a cell by name and score, in natural order of the names.
fn named_scores(cell: &Cell) -> Named {
    let mut named: Named = cell
        .scorers
        .iter()
        .map(|(n, r)| (Arc::clone(n), r.score))
        .collect();
    named.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    named
}

/// The detail of one combined score: the scorers' scores by name and the coded evidence.
fn detail_of(
    cell: &Cell,
    combined: &Combined,
    dimension: usize,
    sheet: &Sheet,
    rubric: &Rubric,
) -> Option<CombinedScore> {
    let value = combined.value()?.clone();
    let mut scorers: Vec<(String, Exact)> = cell
        .scorers
        .iter()
        .map(|(n, r)| (n.to_string(), r.score.to_exact()))
        .collect();
    scorers.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    Some(CombinedScore {
        combined: value,
        consensus: matches!(combined, Combined::Agreed(_)),
        scorers: ByDimension(scorers),
        evidence: evidence(cell, dimension, sheet, rubric),
    })
}

/// The evidence rows behind each coder's derived score, by coder.
fn evidence(
    cell: &Cell,
    dimension: usize,
    sheet: &Sheet,
    rubric: &Rubric,
) -> ByDimension<Vec<EvidenceDetail>> {
    let anchors = &rubric.dimensions[dimension].anchors;
    let mut by_coder: Vec<(String, Vec<EvidenceDetail>)> = cell
        .scorers
        .iter()
        .filter_map(|(coder, rated)| {
            let items = rated.evidence?;
            let details = items
                .iter()
                .map(|e| {
                    let id = anchors
                        .iter()
                        .find(|a| a.level == e.level)
                        .map_or_else(|| e.level.to_string(), |a| a.id.clone());
                    let span = sheet.span(e.loc);
                    EvidenceDetail {
                        code: e.kind.code(&id),
                        level: e.level,
                        kind: e.kind,
                        file: sheet
                            .files
                            .get(e.loc.file as usize)
                            .map(|f| f.to_string())
                            .unwrap_or_default(),
                        line: e.loc.line,
                        source: span.map(|s| s.source.to_string()),
                        start: span.map(|s| s.start),
                        end: span.map(|s| s.end),
                        question: e.question.clone(),
                        text: e.text.clone(),
                    }
                })
                .collect();
            Some((coder.to_string(), details))
        })
        .collect();
    by_coder.sort_by(|a, b| natural_cmp(&a.0, &b.0));
    ByDimension(by_coder)
}

/// One group's result: rule 1 per interview and dimension, then rules 2–4 and the intervals
/// over the interviews' samples, with the warnings and (when asked) each interview's detail.
fn score_group(
    group: &Group,
    sheet: &Sheet,
    rubric: &Rubric,
    dimension_ids: &[Arc<str>],
    options: ScoreOptions,
) -> GroupResult {
    let dims = &rubric.dimensions;
    let mut interviews: Vec<&Interview> = group.interviews.values().collect();
    interviews.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    let mut warnings: Vec<Warning> = group.warnings.iter().cloned().map(Warning::Input).collect();
    let mut samples = Samples {
        dimensions: dims
            .iter()
            .map(|_| Vec::with_capacity(interviews.len()))
            .collect(),
        interviews: Vec::with_capacity(interviews.len()),
    };
    let mut detail = Vec::new();
    let mut incomplete: Vec<(&str, Vec<usize>)> = Vec::new();
    let (mut cells, mut combined) = (Vec::new(), Vec::new());
    for interview in &interviews {
        sheet.scores(interview, dims.len(), &mut cells);
        combined.clear();
        combined.extend(cells.iter().map(|c| combine(c, &rubric.scoring.max_gap)));
        warnings.extend(consensus_warnings(
            interview,
            &combined,
            sheet,
            dimension_ids,
        ));
        samples.add(&combined);
        let missing: Vec<usize> = (0..combined.len())
            .filter(|&d| combined[d] == Combined::Missing)
            .collect();
        if !missing.is_empty() {
            incomplete.push((&interview.id, missing));
        }
        if options.detail {
            detail.push(interview_detail(interview, &combined, sheet, rubric));
        }
    }
    warnings.extend(missing_dimensions(&incomplete, &samples, rubric));

    let levels = rubric.scoring.levels;
    let scores: Vec<Option<Exact>> = samples
        .dimensions
        .iter()
        .map(|v| dimension_score(v))
        .collect();
    let dimensions = ByDimension(
        dims.iter()
            .zip(&samples.dimensions)
            .zip(&scores)
            .map(|((dim, sample), score)| {
                let result = DimensionResult {
                    ci95: score.as_ref().and_then(|s| ci95(sample, s, levels)),
                    stage: score.as_ref().map(stage),
                    score: score.clone(),
                    interviews: sample.len(),
                };
                (dim.id.clone(), result)
            })
            .collect(),
    );
    let overall = overall_score(&scores);
    let stage = overall
        .as_ref()
        .and_then(|o| rubric.stage(stage(o)))
        .cloned();
    let overall_ci95 = overall
        .as_ref()
        .and_then(|o| ci95(&samples.interviews, o, levels));
    let stage_range = overall_ci95
        .zip(stage.as_ref())
        .map(|([lo, hi], stage)| interval::stage_range((lo, hi), stage.number(), levels).into());

    // The group's own warnings come first: too few interviews, then no overall score.
    if overall.is_none() {
        let dimensions = dims
            .iter()
            .zip(&scores)
            .filter(|(_, s)| s.is_none())
            .map(|(d, _)| (d.id.clone(), d.name.clone()))
            .collect();
        warnings.insert(0, Warning::NoOverall { dimensions });
    }
    if interviews.len() < rubric.scoring.min_interviews as usize {
        warnings.insert(
            0,
            Warning::FewInterviews {
                interviews: interviews.len(),
                minimum: rubric.scoring.min_interviews,
            },
        );
    }
    GroupResult {
        key: group.key(),
        interviews: interviews.len(),
        dimensions,
        overall,
        overall_ci95,
        stage,
        stage_range,
        warnings,
        detail: options.detail.then_some(detail),
        samples: options.samples.then_some(samples),
    }
}

impl Samples {
    /// Adds one interview's combined scores: each to its dimension's sample, and their mean to
    /// the interview-level sample.
    fn add(&mut self, combined: &[Combined]) {
        for (d, c) in combined.iter().enumerate() {
            if let Some(value) = c.value() {
                self.dimensions[d].push(value.clone());
            }
        }
        self.interviews
            .extend(Exact::mean(combined.iter().filter_map(Combined::value)));
    }
}

/// The warnings of rule 1 for one interview: scorers further apart than `max_gap` without an
/// agreed score ("needs consensus"), and a worksheet's cells still open.
fn consensus_warnings(
    interview: &Interview,
    combined: &[Combined],
    sheet: &Sheet,
    dimension_ids: &[Arc<str>],
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for (d, c) in combined.iter().enumerate() {
        match c {
            Combined::Open => {
                let cell = sheet.cell(interview, d);
                warnings.push(Warning::StillOpen {
                    interview: Arc::clone(&interview.id),
                    dimension: Arc::clone(&dimension_ids[d]),
                    at: sheet.places(cell.pending.as_slice()),
                    scorers: named_scores(&cell),
                });
            }
            Combined::Mean {
                value,
                apart: Some(gap),
            } => {
                let cell = sheet.cell(interview, d);
                let lines: SmallVec<[Loc; 2]> = cell.scorers.iter().map(|(_, r)| r.loc).collect();
                warnings.push(Warning::NeedsConsensus {
                    interview: Arc::clone(&interview.id),
                    dimension: Arc::clone(&dimension_ids[d]),
                    gap: gap.into(),
                    mean: value.into(),
                    scorers: named_scores(&cell),
                    at: sheet.places(&lines),
                });
            }
            Combined::Agreed(_) | Combined::Mean { .. } | Combined::Missing => {}
        }
    }
    warnings
}

/// An interview without a dimension that other interviews scored; a dimension nobody scored
/// gets the group's "no overall score" warning instead.
fn missing_dimensions(
    incomplete: &[(&str, Vec<usize>)],
    samples: &Samples,
    rubric: &Rubric,
) -> Vec<Warning> {
    incomplete
        .iter()
        .filter_map(|(id, missing)| {
            let ids: Vec<String> = missing
                .iter()
                .filter(|d| !samples.dimensions[**d].is_empty())
                .map(|d| rubric.dimensions[*d].id.clone())
                .collect();
            (!ids.is_empty()).then(|| Warning::MissingDimensions {
                interview: id.to_string(),
                dimensions: ids,
            })
        })
        .collect()
}

/// One interview's combined scores with their scorers and evidence, for `--detail`.
fn interview_detail(
    interview: &Interview,
    combined: &[Combined],
    sheet: &Sheet,
    rubric: &Rubric,
) -> InterviewDetail {
    let scores = combined
        .iter()
        .enumerate()
        .map(|(d, c)| {
            let cell = sheet.cell(interview, d);
            let id = rubric.dimensions[d].id.clone();
            (id, detail_of(&cell, c, d, sheet, rubric))
        })
        .collect();
    InterviewDetail {
        interview: interview.id.to_string(),
        role: interview.role.as_ref().map(|r| r.0.clone()),
        scores: ByDimension(scores),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::store::{Loc, Observation, ScorerRef};
    use crate::model::loc::Places;
    use crate::model::number::{Compact, Score};

    fn x(s: &str) -> Exact {
        Exact::parse(s).unwrap()
    }

    fn cell(consensus: Option<&str>, scorers: &[&str], pending: bool) -> Scores {
        Scores {
            consensus: consensus.map(|c| Score::parse(c).unwrap()),
            scorers: scorers.iter().map(|s| Score::parse(s).unwrap()).collect(),
            pending,
        }
    }

    #[test]
    fn rule_one_combines_agreed_else_mean_and_open_only_beyond_the_gap() {
        let gap = Exact::int(1);
        assert_eq!(
            combine(&cell(Some("5"), &["3", "6"], false), &gap),
            Combined::Agreed(x("5"))
        );
        assert_eq!(
            combine(&cell(None, &["4", "5"], true), &gap),
            Combined::Mean {
                value: x("4.5"),
                apart: None
            },
            "an empty worksheet cell within max_gap takes the mean"
        );
        assert_eq!(
            combine(&cell(None, &["3", "5"], false), &gap),
            Combined::Mean {
                value: x("4"),
                apart: Some(x("2"))
            }
        );
        assert_eq!(
            combine(&cell(None, &["3", "5"], true), &gap),
            Combined::Open
        );
        assert_eq!(combine(&cell(None, &[], true), &gap), Combined::Missing);
        assert_eq!(
            combine(&cell(None, &["4.5"], true), &gap).value(),
            Some(&x("4.5"))
        );
    }

    #[test]
    fn rules_two_to_four_on_exact_values() {
        // A dimension score of exactly 5 from thirds is stage 5, never 4.999….
        let thirds = [Exact::ratio(14, 3), Exact::ratio(16, 3), Exact::int(5)];
        let d = dimension_score(&thirds).unwrap();
        assert_eq!(d, Exact::int(5));
        assert_eq!(stage(&d), 5);
        assert_eq!(dimension_score(&[]), None);
        let overall = overall_score(&[Some(x("4.5")), Some(x("5.5")), Some(Exact::ratio(29, 6))]);
        assert_eq!(overall, Some(Exact::ratio(89, 18)));
        assert_eq!(stage(&overall.unwrap()), 4);
        assert_eq!(
            overall_score(&[Some(x("4")), None]),
            None,
            "a dimension without scores"
        );
        assert_eq!(
            ci95(&[x("4")], &x("4"), 9),
            None,
            "one interview has no interval"
        );
    }

    #[test]
    fn samples_survive_scoring_when_asked() {
        let mut rows = all_dims("Kinda", "K1", "4");
        rows.extend(all_dims("Kinda", "K2", "5"));
        let rubric = Rubric::load("crm6").unwrap();
        let options = ScoreOptions {
            samples: true,
            ..ScoreOptions::default()
        };
        let r = &score(&sheet_with(&rows), &rubric, options)[0];
        let samples = r.samples.as_ref().unwrap();
        assert_eq!(samples.dimensions.len(), 6);
        assert_eq!(samples.dimensions[0], [Exact::int(4), Exact::int(5)]);
        assert_eq!(samples.interviews, [Exact::int(4), Exact::int(5)]);
        let plain = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert!(plain.samples.is_none());
    }

    fn sheet_with(rows: &[(&str, &str, &str, usize, &str)]) -> Sheet {
        crate::engine::store::sheet_of(rows)
    }

    fn all_dims(
        m: &'static str,
        interview: &'static str,
        score: &'static str,
    ) -> Vec<(
        &'static str,
        &'static str,
        &'static str,
        usize,
        &'static str,
    )> {
        (0..6)
            .map(|d| (m, interview, "consensus", d, score))
            .collect()
    }

    #[test]
    fn each_dimension_has_its_own_stage_at_exact_boundaries() {
        // Dimension A from three scorers' means 14/3, 16/3 and 5: exactly 5, stage 5; B at
        // 4.75, stage 4; the rest 3.
        let mut rows = Vec::new();
        for (interview, a) in [
            ("K1", ["4", "5", "5"]),
            ("K2", ["5", "5", "6"]),
            ("K3", ["5", "5", "5"]),
        ] {
            for (scorer, score) in ["Anna", "Erik", "Sara"].iter().zip(a) {
                rows.push(("Kinda", interview, *scorer, 0, score));
            }
            rows.push(("Kinda", interview, "consensus", 1, "4.75"));
            for d in 2..6 {
                rows.push(("Kinda", interview, "consensus", d, "3"));
            }
        }
        let rubric = Rubric::load("crm6").unwrap();
        let results = score(&sheet_with(&rows), &rubric, ScoreOptions::default());
        let dims = &results[0].dimensions;
        assert_eq!(dims.get("A").unwrap().score, Some(Exact::int(5)));
        assert_eq!(dims.get("A").unwrap().stage, Some(5));
        assert_eq!(dims.get("B").unwrap().stage, Some(4));
        assert_eq!(dims.get("C").unwrap().stage, Some(3));
    }

    #[test]
    fn hand_worked_example() {
        // Four interviews; consensus scores per dimension A–F:
        // K1: 4 4 3 5 4 3   K2: 5 4 4 5 5 4   K3: 4.5 3.5 3 4 4 3   K4: 5 5 4 6 5 4.5
        // A = 18.5/4 = 4.625, B = 16.5/4 = 4.125, C = 14/4 = 3.5, D = 20/4 = 5, E = 18/4 = 4.5,
        // F = 14.5/4 = 3.625; overall = 25.375/6 = 4.229166…, stage 4.
        let table = [
            ("K1", ["4", "4", "3", "5", "4", "3"]),
            ("K2", ["5", "4", "4", "5", "5", "4"]),
            ("K3", ["4.5", "3.5", "3", "4", "4", "3"]),
            ("K4", ["5", "5", "4", "6", "5", "4.5"]),
        ];
        let mut rows = Vec::new();
        for (k, scores) in &table {
            for (d, s) in scores.iter().enumerate() {
                rows.push(("Kinda", *k, "consensus", d, *s));
            }
        }
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        let dim = |id: &str| r.dimensions.get(id).unwrap().score.clone().unwrap();
        assert_eq!(dim("A"), Exact::parse("4.625").unwrap());
        assert_eq!(dim("F"), Exact::parse("3.625").unwrap());
        assert_eq!(r.overall.as_ref().unwrap().floor_to(4), "4.2291");
        assert_eq!(r.stage_level(), Some(4));
        assert_eq!(
            r.stage.as_ref().map(|s| s.name.as_str()),
            Some("Preplanning")
        );
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn scorers_are_averaged_without_consensus_and_a_wide_gap_warns() {
        let mut rows = all_dims("Kinda", "K1", "4");
        rows.retain(|r| r.3 != 2);
        rows.push(("Kinda", "K1", "Anna", 2, "3"));
        rows.push(("Kinda", "K1", "Erik", 2, "5"));
        rows.extend(all_dims("Kinda", "K2", "4"));
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert_eq!(r.dimensions.get("C").unwrap().score, Some(Exact::int(4)));
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
        assert_eq!(
            r.warnings[0],
            Warning::FewInterviews {
                interviews: 2,
                minimum: 4
            }
        );
        assert_eq!(
            r.warnings[1],
            Warning::NeedsConsensus {
                interview: "K1".into(),
                dimension: "C".into(),
                gap: Compact::Small(Score::int(2)),
                mean: Compact::Small(Score::int(4)),
                scorers: smallvec::smallvec![
                    ("Anna".into(), Score::int(3)),
                    ("Erik".into(), Score::int(5))
                ],
                at: Places::of(
                    &["t.csv".into()],
                    [7, 8].map(|line| Loc { file: 0, line }),
                    |_| None
                ),
            }
        );
    }

    #[test]
    fn consensus_wins_over_the_scorers_mean() {
        let mut rows = all_dims("Kinda", "K1", "4");
        rows.push(("Kinda", "K1", "Anna", 0, "3"));
        rows.push(("Kinda", "K1", "Erik", 0, "6"));
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(
            &sheet_with(&rows),
            &rubric,
            ScoreOptions {
                detail: true,
                ..ScoreOptions::default()
            },
        )[0];
        assert_eq!(r.dimensions.get("A").unwrap().score, Some(Exact::int(4)));
        assert!(
            !r.warnings
                .iter()
                .any(|w| matches!(w, Warning::NeedsConsensus { .. }))
        );
        let cell = r.detail.as_ref().unwrap()[0]
            .scores
            .get("A")
            .unwrap()
            .clone()
            .unwrap();
        assert!(cell.consensus);
        assert_eq!(cell.scorers.get("Erik"), Some(&Exact::int(6)));
    }

    #[test]
    fn a_missing_dimension_gives_no_stage() {
        let mut rows = all_dims("Ydre", "Y1", "5");
        rows.retain(|r| r.3 != 5);
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert_eq!((r.overall.clone(), r.stage_level()), (None, None));
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
        assert!(
            r.warnings[1]
                .to_string()
                .starts_with("no scores on dimension F (Resources"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn floating_point_trap_overall_exactly_five_is_stage_five() {
        // Five interviews; per dimension (A–F) the consensus scores of interviews 1–5. The exact
        // overall mean is 5, but the same sums in f64 give 4.999999999999999 (stage 4).
        let by_dim: [[f64; 5]; 6] = [
            [6.0, 5.0, 6.0, 6.0, 3.5],
            [5.5, 6.0, 4.0, 5.0, 6.0],
            [5.5, 4.0, 6.0, 4.5, 4.0],
            [5.0, 4.5, 6.0, 3.5, 4.5],
            [6.0, 6.0, 4.0, 6.0, 4.0],
            [3.5, 5.5, 5.0, 6.0, 3.5],
        ];
        let floats = by_dim
            .iter()
            .map(|d| d.iter().sum::<f64>() / 5.0)
            .sum::<f64>()
            / 6.0;
        assert!(
            floats.floor() < 5.0,
            "the trap this test guards against: {floats}"
        );
        let texts: Vec<Vec<String>> = by_dim
            .iter()
            .map(|d| d.iter().map(|x| x.to_string()).collect())
            .collect();
        let names = ["I1", "I2", "I3", "I4", "I5"];
        let mut rows = Vec::new();
        for (d, scores) in texts.iter().enumerate() {
            for (i, s) in scores.iter().enumerate() {
                rows.push(("Boxholm", names[i], "consensus", d, s.as_str()));
            }
        }
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert_eq!(r.overall, Some(Exact::int(5)));
        assert_eq!(r.stage_level(), Some(5));
        assert_eq!(
            r.stage.as_ref().map(|s| s.name.as_str()),
            Some("Preparation")
        );
    }

    #[test]
    fn results_sort_in_swedish_order() {
        let mut rows = all_dims("Ödeshög", "Ö1", "3");
        rows.extend(all_dims("Åtvidaberg", "Å1", "3"));
        rows.extend(all_dims("Ydre", "Y1", "3"));
        let rubric = Rubric::load("crm6").unwrap();
        let names: Vec<String> = score(&sheet_with(&rows), &rubric, ScoreOptions::default())
            .into_iter()
            .map(|r| r.key.municipality)
            .collect();
        assert_eq!(names, ["Ydre", "Åtvidaberg", "Ödeshög"]);
    }

    #[test]
    fn an_empty_worksheet_consensus_gives_no_combined_score_and_a_warning() {
        let mut rows = Vec::new();
        for k in ["K1", "K2", "K3", "K4"] {
            rows.extend(all_dims("Kinda", k, "4"));
        }
        rows.retain(|r| !(r.1 == "K2" && r.3 == 2));
        rows.push(("Kinda", "K2", "Anna", 2, "3"));
        rows.push(("Kinda", "K2", "Erik", 2, "6"));
        let mut sheet = sheet_with(&rows);
        let ws = sheet.add_file("worksheet.csv");
        let mut open = Observation {
            municipality: "Kinda",
            round: None,
            issue: None,
            interview: "K2",
            role: None,
            scorer: ScorerRef::Consensus,
            dimension: 2,
            score: Score::int(0),
            loc: Loc { file: ws, line: 3 },
            evidence: None,
            key: None,
        };
        sheet.mark_pending(&open).unwrap();
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(
            &sheet,
            &rubric,
            ScoreOptions {
                detail: true,
                ..ScoreOptions::default()
            },
        )[0];
        // Not the scorers' mean 4.5: C is the mean of the other three interviews.
        let c = r.dimensions.get("C").unwrap();
        assert_eq!((c.score.clone(), c.interviews), (Some(Exact::int(4)), 3));
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert_eq!(
            r.warnings[0].to_string(),
            "interview `K2`, dimension C: still needs consensus — the consensus cell is empty \
             (worksheet.csv:3; Anna 3; Erik 6), so this interview is left out of dimension C \
             until it is filled in"
        );
        let k2 = &r.detail.as_ref().unwrap()[1];
        assert_eq!(k2.scores.get("C"), Some(&None));
        // A consensus from another file settles it.
        open.scorer = ScorerRef::Consensus;
        open.score = Score::int(5);
        open.loc.line = 9;
        sheet.insert(open).unwrap();
        let r = &score(&sheet, &rubric, ScoreOptions::default())[0];
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.dimensions.get("C").unwrap().interviews, 4);
    }

    #[test]
    fn four_point_nine_from_five_interviews_is_not_a_firm_stage_four() {
        // Interview means 4.5, 5, 5.5, 4, 5.5 (every dimension alike): overall 4.9. The 95%
        // t-interval, scipy 1.17.1 (`scripts/reference-values.py`, "t interval"):
        // (4.090534107645649, 5.709465892354352).
        let mut rows = Vec::new();
        for (k, s) in [
            ("I1", "4.5"),
            ("I2", "5"),
            ("I3", "5.5"),
            ("I4", "4"),
            ("I5", "5.5"),
        ] {
            rows.extend(all_dims("Mjölby", k, s));
        }
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert_eq!(r.overall, Exact::parse("4.9"));
        assert_eq!(r.stage_level(), Some(4));
        let [lo, hi] = r.overall_ci95.unwrap();
        approx::assert_abs_diff_eq!(lo, 4.090534107645649, epsilon = 1e-9);
        approx::assert_abs_diff_eq!(hi, 5.709465892354352, epsilon = 1e-9);
        assert_eq!(r.stage_range, Some([4, 5]));
        // Each dimension has the same spread here, so the same interval.
        assert_eq!(r.dimensions.get("F").unwrap().ci95, r.overall_ci95);
    }

    #[test]
    fn one_interview_has_no_interval_and_intervals_stay_on_the_scale() {
        let rubric = Rubric::load("crm6").unwrap();
        let r = &score(
            &sheet_with(&all_dims("Ydre", "Y1", "2")),
            &rubric,
            ScoreOptions::default(),
        )[0];
        assert_eq!((r.overall_ci95, r.stage_range), (None, None));
        assert_eq!(r.dimensions.get("A").unwrap().ci95, None);
        let mut rows = all_dims("Ydre", "Y1", "1");
        rows.extend(all_dims("Ydre", "Y2", "9"));
        let r = &score(&sheet_with(&rows), &rubric, ScoreOptions::default())[0];
        assert_eq!(r.overall_ci95, Some([1.0, 9.0]));
        assert_eq!(r.stage_range, Some([1, 9]));
    }
}
