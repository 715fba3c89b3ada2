//! Rows of a score file (long or wide) or of a consensus worksheet into the sheet.

use super::header::{Columns, Shape, unneutralised};
use super::{RowOutcome, Rows};
use crate::exact::Exact;
use crate::rubric::Rubric;
use crate::sheet::{Loc, Observation, Scorer, Sheet};
use std::borrow::Cow;

/// Reads the data rows of one score file into a sheet.
pub(crate) struct ScoreRows<'a> {
    columns: &'a Columns,
    rubric: &'a Rubric,
    sheet: &'a mut Sheet,
}

impl<'a> ScoreRows<'a> {
    pub fn new(columns: &'a Columns, rubric: &'a Rubric, sheet: &'a mut Sheet) -> Self {
        ScoreRows {
            columns,
            rubric,
            sheet,
        }
    }
}

impl Rows for ScoreRows<'_> {
    fn row(&mut self, fields: &[Cow<str>], loc: Loc) -> RowOutcome {
        match parse_row(fields, self.columns, self.rubric, loc, self.sheet) {
            Ok(0) => RowOutcome::Blank,
            Ok(_) => RowOutcome::Used,
            Err(errors) => RowOutcome::Rejected(errors),
        }
    }
}

/// Parses a score cell and checks it against the rubric's scale.
pub(crate) fn parse_score(raw: &str, rubric: &Rubric) -> Result<Exact, String> {
    let score =
        Exact::parse(raw).ok_or_else(|| format!("score `{}` is not a number", raw.trim()))?;
    rubric.check_score(&score)?;
    Ok(score)
}

/// Parses one data row and inserts its scores. Returns how many scores (and open consensus
/// cells of a worksheet) it held.
fn parse_row(
    fields: &[Cow<str>],
    columns: &Columns,
    rubric: &Rubric,
    loc: Loc,
    sheet: &mut Sheet,
) -> Result<usize, Vec<String>> {
    let mut errors = Vec::new();
    // A worksheet's names were neutralised for spreadsheets when it was written.
    let worksheet = matches!(columns.shape, Shape::Worksheet { .. });
    let text = |i: usize| {
        let t = fields[i].trim();
        if worksheet { unneutralised(t) } else { t }
    };
    let optional = |i: Option<usize>| i.map(text).filter(|s| !s.is_empty());
    let mut required = |i: usize, name: &str| {
        let value = text(i);
        if value.is_empty() {
            errors.push(format!("missing {name}"));
        }
        value
    };
    let municipality = required(columns.municipality, "municipality");
    let interview = required(columns.interview, "interview");
    let scorer = match columns.scorer {
        None => Scorer::Consensus,
        Some(i) => Scorer::from_cell(required(i, "scorer")),
    };
    let dimension_of = |i: usize, errors: &mut Vec<String>| {
        let dim_text = text(i);
        if dim_text.is_empty() {
            errors.push("missing dimension".into());
            return None;
        }
        let found = rubric.dimension_index(dim_text);
        if found.is_none() {
            errors.push(unknown_dimension(dim_text, rubric));
        }
        found
    };
    let mut scores: Vec<(Scorer, usize, Exact)> = Vec::new();
    // A worksheet row whose consensus is still empty: its dimension.
    let mut pending = None;
    match &columns.shape {
        Shape::Long { dimension, score } => {
            let dim = dimension_of(*dimension, &mut errors);
            let raw = text(*score);
            let value = if raw.is_empty() {
                errors.push("missing score".into());
                None
            } else {
                parse_score(raw, rubric).map_err(|e| errors.push(e)).ok()
            };
            if let (Some(d), Some(v)) = (dim, value) {
                scores.push((scorer, d, v));
            }
        }
        Shape::Wide { dimensions } => {
            for (col, dim) in dimensions {
                let raw = text(*col);
                if raw.is_empty() {
                    continue;
                }
                match parse_score(raw, rubric) {
                    Ok(v) => scores.push((scorer.clone(), *dim, v)),
                    Err(e) => errors.push(e),
                }
            }
        }
        Shape::Worksheet {
            dimension,
            consensus,
            scorers,
        } => {
            if let Some(d) = dimension_of(*dimension, &mut errors) {
                for (col, name) in scorers {
                    let raw = text(*col);
                    if raw.is_empty() {
                        continue;
                    }
                    match parse_score(raw, rubric) {
                        Ok(v) => scores.push((Scorer::Named(name.clone()), d, v)),
                        Err(e) => errors.push(e),
                    }
                }
                let raw = text(*consensus);
                if raw.is_empty() {
                    pending = Some(d);
                } else {
                    match parse_score(raw, rubric) {
                        Ok(v) => scores.push((Scorer::Consensus, d, v)),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let count = scores.len() + usize::from(pending.is_some());
    let observation = |scorer: Scorer, dimension: usize, score: Exact| Observation {
        municipality,
        round: optional(columns.round),
        issue: optional(columns.issue),
        interview,
        role: optional(columns.role),
        scorer,
        dimension,
        score,
        loc,
        evidence: None,
    };
    let on_dimension = |e: String, dimension: usize| {
        let id = &rubric.dimensions[dimension].id;
        e.replace("on this dimension", &format!("on dimension {id}"))
    };
    if let Some(dimension) = pending
        && let Err(e) =
            sheet.mark_pending(&observation(Scorer::Consensus, dimension, Exact::int(0)))
    {
        errors.push(on_dimension(e, dimension));
    }
    for (scorer, dimension, score) in scores {
        if let Err(e) = sheet.insert(observation(scorer, dimension, score)) {
            errors.push(on_dimension(e, dimension));
        }
    }
    if errors.is_empty() {
        Ok(count)
    } else {
        Err(errors)
    }
}

fn unknown_dimension(text: &str, rubric: &Rubric) -> String {
    let names: Vec<&str> = rubric
        .dimensions
        .iter()
        .flat_map(|d| [d.id.as_str(), d.name.as_str()])
        .collect();
    let hint = crate::text::did_you_mean(text, names)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    format!(
        "unknown dimension `{text}`: rubric `{}` has {}{hint}",
        rubric.name,
        rubric.dimension_ids().collect::<Vec<_>>().join(", ")
    )
}
