//! The rubric TOML as written, with source spans, and its validation into a [`Rubric`].
//!
//! Values that a semantic check may point at are kept as `toml::Spanned`, so that a duplicate id
//! or a missing level is reported at its file, line and column like a syntax error is.

use super::{Anchor, Dimension, Rubric, Scoring, Stage};
use crate::model::number::Exact;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    name: Spanned<String>,
    title: String,
    language: String,
    #[serde(default)]
    description: String,
    scoring: RawScoring,
    stages: Vec<RawStage>,
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    levels: Spanned<i64>,
    step: Spanned<f64>,
    min_interviews: Spanned<i64>,
    max_gap: Spanned<f64>,
    #[serde(default = "default_partial_credit")]
    partial_credit: Spanned<f64>,
}

fn default_partial_credit() -> Spanned<f64> {
    Spanned::new(0..0, 0.5)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    level: Spanned<i64>,
    name: Spanned<String>,
    #[serde(default)]
    meaning: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    strategies: Vec<Spanned<String>>,
    /// By dimension id: strategies for a municipality whose lowest dimension is that one.
    #[serde(default)]
    dimension_strategies: Option<Spanned<BTreeMap<String, Vec<Spanned<String>>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    question: String,
    anchors: Spanned<Vec<RawAnchor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnchor {
    level: Spanned<i64>,
    id: Spanned<String>,
    statement: Spanned<String>,
}

/// One problem found in a rubric, located in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricProblem {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    pub message: String,
}

impl fmt::Display for RubricProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.origin, self.line, self.column, self.message
        )
    }
}

struct Problems<'a> {
    src: &'a str,
    origin: &'a str,
    list: Vec<RubricProblem>,
}

impl Problems<'_> {
    fn sorted(mut self) -> Vec<RubricProblem> {
        self.list.sort_by_key(|p| (p.line, p.column));
        self.list
    }

    fn add(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_column(self.src, span.start);
        self.list.push(RubricProblem {
            origin: self.origin.to_string(),
            line,
            column,
            span,
            message: message.into(),
        });
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..src.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

pub(super) fn parse(src: &str, origin: &str) -> Result<Rubric, Vec<RubricProblem>> {
    let mut problems = Problems {
        src,
        origin,
        list: Vec::new(),
    };
    // Every syntax error, not only the first: the parser recovers and goes on. After a broken
    // table header its recovery can see the following tables as duplicates; those echoes of the
    // first error are left out.
    let (mut doc, syntax) = DeTable::parse_recoverable(src);
    for (i, e) in syntax.iter().enumerate() {
        if i > 0 && e.message().starts_with("duplicate key") {
            continue;
        }
        problems.add(e.span().unwrap_or(0..0), e.message().trim_end());
    }
    if !problems.list.is_empty() {
        return Err(problems.sorted());
    }
    // Every unknown key, each with a suggestion; then the keys are dropped so that the checks
    // below still run and report their problems in the same pass.
    prune_unknown_keys(doc.get_mut(), &mut problems);
    let raw = match RawRubric::deserialize(toml::de::Deserializer::from(doc)) {
        Ok(raw) => raw,
        Err(e) => {
            problems.add(e.span().unwrap_or(0..0), e.message().trim_end());
            return Err(problems.sorted());
        }
    };
    let rubric = validate(raw, &mut problems);
    if problems.list.is_empty() {
        Ok(rubric)
    } else {
        Err(problems.sorted())
    }
}

/// Reports the keys no struct declares, with a "did you mean", and removes them.
fn prune_unknown_keys(doc: &mut DeTable, problems: &mut Problems) {
    prune(doc, fields_of::<RawRubric>(), "the rubric", problems);
    if let Some(DeValue::Table(scoring)) = doc.get_mut("scoring").map(Spanned::get_mut) {
        prune(scoring, fields_of::<RawScoring>(), "`[scoring]`", problems);
    }
    for stage in tables_mut(doc, "stages") {
        prune(stage, fields_of::<RawStage>(), "`[[stages]]`", problems);
    }
    for dim in tables_mut(doc, "dimensions") {
        prune(
            dim,
            fields_of::<RawDimension>(),
            "`[[dimensions]]`",
            problems,
        );
        for anchor in tables_mut(dim, "anchors") {
            prune(
                anchor,
                fields_of::<RawAnchor>(),
                "`[[dimensions.anchors]]`",
                problems,
            );
        }
    }
}

/// The tables of an array of tables; none when `key` is absent or not such an array (the
/// deserializer reports a wrong type).
fn tables_mut<'a, 'i>(
    table: &'a mut DeTable<'i>,
    key: &str,
) -> impl Iterator<Item = &'a mut DeTable<'i>> {
    let array = match table.get_mut(key).map(Spanned::get_mut) {
        Some(DeValue::Array(array)) => Some(array),
        _ => None,
    };
    array
        .into_iter()
        .flat_map(|a| a.iter_mut())
        .filter_map(|v| match v.get_mut() {
            DeValue::Table(t) => Some(t),
            _ => None,
        })
}

fn prune(table: &mut DeTable, known: &[&'static str], place: &str, problems: &mut Problems) {
    let unknown: Vec<Spanned<DeString>> = table
        .keys()
        .filter(|k| !known.contains(&k.get_ref().as_ref()))
        .cloned()
        .collect();
    for key in unknown {
        let name = key.get_ref();
        let suggestion = crate::text::did_you_mean(name, known.iter().copied());
        let hint = match suggestion {
            Some(s) => format!("; did you mean `{s}`?"),
            None => {
                let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                format!("; expected one of {}", list.join(", "))
            }
        };
        problems.add(key.span(), format!("unknown key `{name}` in {place}{hint}"));
        let value = table.remove(&key);
        // A misspelt key is read as the key it resembles (when that is not there too), so the
        // checks of its value and of everything after it still run in this pass.
        if let (Some(s), Some(value)) = (suggestion, value)
            && !table.contains_key(s)
        {
            table.insert(Spanned::new(key.span(), s.into()), value);
        }
    }
}

/// The keys serde's derive declares for `T`, read from the derive itself so the unknown-key
/// check cannot drift from the structs.
fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor, value};

    struct Probe(&'static [&'static str]);

    impl<'de> serde::Deserializer<'de> for &mut Probe {
        type Error = value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, value::Error> {
            Err(value::Error::custom("only structs are probed"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, value::Error> {
            self.0 = fields;
            Err(value::Error::custom("probed"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut probe = Probe(&[]);
    let _ = T::deserialize(&mut probe);
    probe.0
}

fn exact(value: &Spanned<f64>, key: &str, problems: &mut Problems) -> Exact {
    Exact::from_f64(*value.get_ref()).unwrap_or_else(|| {
        problems.add(value.span(), format!("`{key}` must be a finite number"));
        Exact::int(0)
    })
}

fn validate(raw: RawRubric, problems: &mut Problems) -> Rubric {
    let s = &raw.scoring;
    let levels = *s.levels.get_ref();
    if !(2..=63).contains(&levels) {
        problems.add(s.levels.span(), "`levels` must be between 2 and 63");
    }
    let levels = levels.clamp(0, 63) as u32;
    let step = exact(&s.step, "step", problems);
    let step_divides_scale =
        step > Exact::int(0) && Exact::int(i64::from(levels) - 1).is_multiple_of(&step);
    if step <= Exact::int(0) {
        problems.add(s.step.span(), "`step` must be greater than 0");
    } else if levels >= 2 && !Exact::int(i64::from(levels) - 1).is_multiple_of(&step) {
        problems.add(
            s.step.span(),
            format!(
                "`step` {} does not divide the scale 1–{levels} into whole steps",
                step.to_plain()
            ),
        );
    }
    let min_interviews = *s.min_interviews.get_ref();
    if min_interviews < 1 {
        problems.add(
            s.min_interviews.span(),
            "`min_interviews` must be at least 1",
        );
    }
    let max_gap = exact(&s.max_gap, "max_gap", problems);
    if max_gap < Exact::int(0) {
        problems.add(s.max_gap.span(), "`max_gap` must not be negative");
    }
    let partial_credit = exact(&s.partial_credit, "partial_credit", problems);
    if partial_credit < Exact::int(0) || partial_credit >= Exact::int(1) {
        problems.add(
            s.partial_credit.span(),
            "`partial_credit` must be at least 0 and below 1",
        );
    } else if partial_credit != Exact::int(0)
        && step_divides_scale
        && !partial_credit.is_multiple_of(&step)
    {
        // A defaulted `partial_credit` has no place of its own: point at the step instead.
        let span = if s.partial_credit.span().is_empty() {
            s.step.span()
        } else {
            s.partial_credit.span()
        };
        problems.add(
            span,
            format!(
                "`partial_credit` {} is not a multiple of `step` {}: derived scores would fall off the scale's steps",
                partial_credit.to_plain(),
                step.to_plain()
            ),
        );
    }

    let in_scale = |level: i64| level >= 1 && level <= i64::from(levels);

    // Stages: one per level, each with a name.
    let mut stage_at: BTreeMap<i64, Range<usize>> = BTreeMap::new();
    for stage in &raw.stages {
        let level = *stage.level.get_ref();
        if !in_scale(level) {
            problems.add(
                stage.level.span(),
                format!("stage level {level} is outside the scale 1–{levels}"),
            );
        } else if stage_at.insert(level, stage.level.span()).is_some() {
            problems.add(stage.level.span(), format!("duplicate stage level {level}"));
        }
        if stage.name.get_ref().trim().is_empty() {
            problems.add(stage.name.span(), format!("stage {level} has no name"));
        }
        if stage.strategies.is_empty() {
            problems.add(
                stage.name.span(),
                format!(
                    "stage {level} has no strategies: give `strategies = [\"…\"]`, the actions \
                     that fit this stage"
                ),
            );
        }
        let by_dimension = stage
            .dimension_strategies
            .iter()
            .flat_map(|d| d.get_ref().values());
        for text in stage.strategies.iter().chain(by_dimension.flatten()) {
            if text.get_ref().trim().is_empty() {
                problems.add(text.span(), format!("stage {level} has an empty strategy"));
            }
        }
        if let Some(by_dimension) = &stage.dimension_strategies {
            for id in by_dimension.get_ref().keys() {
                if !raw
                    .dimensions
                    .iter()
                    .any(|d| d.id.get_ref().trim() == id.trim())
                {
                    let ids: Vec<&str> = raw
                        .dimensions
                        .iter()
                        .map(|d| d.id.get_ref().as_str())
                        .collect();
                    problems.add(
                        by_dimension.span(),
                        format!(
                            "stage {level}: `dimension_strategies` names dimension `{id}`, which the rubric does not have (it has {})",
                            ids.join(", ")
                        ),
                    );
                }
            }
        }
    }
    let missing: Vec<String> = (1..=i64::from(levels))
        .filter(|l| !stage_at.contains_key(l))
        .map(|l| l.to_string())
        .collect();
    if !missing.is_empty() {
        problems.add(
            raw.name.span(),
            format!("no stage for level {}", missing.join(", ")),
        );
    }

    // Dimensions: unique ids and names; anchors: one per level, ids unique across the rubric.
    if raw.dimensions.is_empty() {
        problems.add(raw.name.span(), "the rubric has no dimensions");
    }
    let mut dim_ids: BTreeMap<String, ()> = BTreeMap::new();
    let mut dim_names: BTreeMap<String, ()> = BTreeMap::new();
    let mut anchor_ids: BTreeMap<String, ()> = BTreeMap::new();
    for dim in &raw.dimensions {
        let id = dim.id.get_ref().trim();
        if id.is_empty() {
            problems.add(dim.id.span(), "dimension id is empty");
        } else if dim_ids.insert(crate::text::fold(id), ()).is_some() {
            problems.add(dim.id.span(), format!("duplicate dimension id `{id}`"));
        }
        let name = dim.name.get_ref().trim();
        if dim_names.insert(crate::text::fold(name), ()).is_some() {
            problems.add(
                dim.name.span(),
                format!("duplicate dimension name `{name}`"),
            );
        }
        let mut at_level: BTreeMap<i64, ()> = BTreeMap::new();
        for anchor in dim.anchors.get_ref() {
            let level = *anchor.level.get_ref();
            if !in_scale(level) {
                problems.add(
                    anchor.level.span(),
                    format!("anchor level {level} is outside the scale 1–{levels}"),
                );
            } else if at_level.insert(level, ()).is_some() {
                problems.add(
                    anchor.level.span(),
                    format!("dimension `{id}` has two anchors at level {level}"),
                );
            }
            let aid = anchor.id.get_ref().trim();
            if aid.is_empty() {
                problems.add(anchor.id.span(), "anchor id is empty");
            } else if anchor_ids.insert(crate::text::fold(aid), ()).is_some() {
                problems.add(anchor.id.span(), format!("duplicate anchor id `{aid}`"));
            }
            if anchor.statement.get_ref().trim().is_empty() {
                problems.add(
                    anchor.statement.span(),
                    format!("anchor `{aid}` has no statement"),
                );
            }
        }
        let missing: Vec<String> = (1..=i64::from(levels))
            .filter(|l| !at_level.contains_key(l))
            .map(|l| l.to_string())
            .collect();
        if !missing.is_empty() {
            problems.add(
                dim.id.span(),
                format!(
                    "dimension `{id}` has no anchor for level {}",
                    missing.join(", ")
                ),
            );
        }
    }

    let mut stages: Vec<Stage> = raw
        .stages
        .into_iter()
        .map(|s| Stage {
            level: (*s.level.get_ref()).clamp(0, i64::from(u32::MAX)) as u32,
            name: s.name.into_inner().trim().to_string(),
            meaning: s.meaning.trim().to_string(),
            goal: s.goal.trim().to_string(),
            strategies: s
                .strategies
                .into_iter()
                .map(|t| t.into_inner().trim().to_string())
                .collect(),
            dimension_strategies: s
                .dimension_strategies
                .map(|d| {
                    d.into_inner()
                        .into_iter()
                        .map(|(id, texts)| {
                            let texts = texts
                                .into_iter()
                                .map(|t| t.into_inner().trim().to_string())
                                .collect();
                            (id.trim().to_string(), texts)
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    stages.sort_by_key(|s| s.level);
    let dimensions = raw
        .dimensions
        .into_iter()
        .map(|d| {
            let mut anchors: Vec<Anchor> = d
                .anchors
                .into_inner()
                .into_iter()
                .map(|a| Anchor {
                    level: (*a.level.get_ref()).clamp(0, i64::from(u32::MAX)) as u32,
                    id: a.id.into_inner().trim().to_string(),
                    statement: a.statement.into_inner().trim().to_string(),
                })
                .collect();
            anchors.sort_by_key(|a| a.level);
            Dimension {
                id: d.id.into_inner().trim().to_string(),
                name: d.name.into_inner().trim().to_string(),
                question: d.question.trim().to_string(),
                anchors,
            }
        })
        .collect();
    Rubric {
        name: raw.name.into_inner(),
        title: raw.title,
        language: raw.language,
        description: raw.description,
        source: problems.origin.to_string(),
        scoring: Scoring {
            levels,
            step,
            min_interviews: min_interviews.clamp(0, i64::from(u32::MAX)) as u32,
            max_gap,
            partial_credit,
        },
        stages: stages.into_iter().map(std::sync::Arc::new).collect(),
        dimensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"name = "mini"
title = "Mini"
language = "en"

[scoring]
levels = 3
step = 0.5
min_interviews = 1
max_gap = 1.0

[[stages]]
level = 1
name = "Low"
strategies = ["Talk"]
[[stages]]
level = 2
name = "Mid"
strategies = ["Plan"]
[[stages]]
level = 3
name = "High"
strategies = ["Act"]

[[dimensions]]
id = "A"
name = "Alpha"
[[dimensions.anchors]]
level = 1
id = "A1"
statement = "one"
[[dimensions.anchors]]
level = 2
id = "A2"
statement = "two"
[[dimensions.anchors]]
level = 3
id = "A3"
statement = "three"
"#;

    fn problems(src: &str) -> Vec<String> {
        parse(src, "r.toml")
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn every_stage_needs_a_strategy_and_dimension_strategies_name_dimensions() {
        let src = MINI.replace("strategies = [\"Plan\"]\n", "").replace(
            "strategies = [\"Act\"]",
            "strategies = [\"Act\", \"  \"]\ndimension_strategies = { Z = [\"x\"], A = [\"y\"] }",
        );
        let p = problems(&src);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[0].starts_with("r.toml:17:8: stage 2 has no strategies: give `strategies = [\"…\"]`"),
            "{p:?}"
        );
        assert!(
            p[1].starts_with("r.toml:21:22: stage 3 has an empty strategy"),
            "{p:?}"
        );
        assert!(
            p[2].starts_with(
                "r.toml:22:24: stage 3: `dimension_strategies` names dimension `Z`, which the \
                 rubric does not have (it has A)"
            ),
            "{p:?}"
        );
        let ok = MINI.replace(
            "strategies = [\"Act\"]",
            "strategies = [\"Act\"]\n[stages.dimension_strategies]\nA = [\"Alpha first\"]",
        );
        let r = parse(&ok, "r.toml").unwrap();
        assert_eq!(r.stages[2].strategies, ["Act"]);
        assert_eq!(r.stages[2].dimension_strategies["A"], ["Alpha first"]);
    }

    #[test]
    fn a_valid_rubric_loads() {
        let r = parse(MINI, "r.toml").unwrap();
        assert_eq!(r.dimensions[0].anchors.len(), 3);
        assert_eq!(r.scoring.partial_credit, Exact::parse("0.5").unwrap());
    }

    #[test]
    fn unknown_key_is_located() {
        let src = MINI.replace("title = \"Mini\"", "title = \"Mini\"\ncolour = 1");
        let p = problems(&src);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with(
                "r.toml:3:1: unknown key `colour` in the rubric; expected one of `name`"
            ),
            "{p:?}"
        );
    }

    #[test]
    fn missing_level_duplicate_id_and_nameless_stage_are_all_reported() {
        let src = MINI
            .replace("level = 3\nid = \"A3\"", "level = 2\nid = \"A2\"")
            .replace("name = \"High\"", "name = \"\"");
        let p = problems(&src);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p.iter().any(|m| m.contains("stage 3 has no name")), "{p:?}");
        assert!(
            p.iter().any(|m| m.contains("two anchors at level 2")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.contains("duplicate anchor id `A2`")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.contains("no anchor for level 3")),
            "{p:?}"
        );
        let nameless = p.iter().find(|m| m.contains("no name")).unwrap();
        assert!(nameless.starts_with("r.toml:21:8:"), "{nameless}");
    }

    #[test]
    fn settings_are_checked() {
        let src = MINI
            .replace("step = 0.5", "step = 0.75")
            .replace("min_interviews = 1", "min_interviews = 0");
        let p = problems(&src);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("does not divide the scale 1–3"), "{p:?}");
        assert!(
            p[1].contains("`min_interviews` must be at least 1"),
            "{p:?}"
        );
    }

    #[test]
    fn partial_credit_must_fit_the_step() {
        let src = MINI
            .replace("step = 0.5", "step = 1.0")
            .replace("max_gap = 1.0", "max_gap = 1.0\npartial_credit = 0.5");
        let p = problems(&src);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("`partial_credit` 0.5 is not a multiple of `step` 1"),
            "{p:?}"
        );
    }

    #[test]
    fn the_unknown_key_check_knows_each_tables_keys() {
        assert_eq!(fields_of::<RawAnchor>(), ["level", "id", "statement"]);
        assert_eq!(
            fields_of::<RawScoring>(),
            [
                "levels",
                "step",
                "min_interviews",
                "max_gap",
                "partial_credit"
            ]
        );
        assert!(fields_of::<RawRubric>().contains(&"dimensions"));
    }

    #[test]
    fn a_misspelt_key_is_suggested_and_the_check_goes_on() {
        let src = MINI
            .replace("statement = \"three\"", "statment = \"three\"")
            .replace("min_interviews = 1", "min_interview = 0");
        let p = problems(&src);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(
            p[0],
            "r.toml:8:1: unknown key `min_interview` in `[scoring]`; did you mean `min_interviews`?"
        );
        assert!(
            p[1].contains("`min_interviews` must be at least 1"),
            "{p:?}"
        );
        assert!(
            p[2].ends_with(
                "unknown key `statment` in `[[dimensions.anchors]]`; did you mean `statement`?"
            ),
            "{p:?}"
        );
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let src = MINI
            .replace("title = \"Mini\"", "title = \"Mini")
            .replace("[scoring]", "[scoring");
        let p = problems(&src);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("r.toml:2:"), "{p:?}");
        assert!(p[1].starts_with("r.toml:5:"), "{p:?}");
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nåäö=x", 9), (2, 4));
        assert_eq!(line_column("ab\nåäö=x", 8), (2, 3), "inside a character");
        assert_eq!(line_column("", 5), (1, 1));
    }
}
