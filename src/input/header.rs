//! Recognising what an input holds from its header row.
//!
//! Headers match case-insensitively, in English or Swedish. A header with `dimension` and `score`
//! columns is the long shape (one row per score); one whose other columns name the rubric's
//! dimensions is the wide shape (one row per interview and scorer, one column per dimension).
//! One with `dimension`, `gap` and `consensus` columns is a consensus worksheet, as
//! `readiness consensus` writes it: one row per interview and dimension, one column per scorer.

use crate::lang::Lang;
use crate::model::column::{Field, is_note, unneutralised};
use crate::rubric::Rubric;
use crate::text::did_you_mean;

/// The layout of a scores file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One row per score: `dimension` and `score` columns.
    Long { dimension: usize, score: usize },
    /// One row per interview and scorer: (column, dimension index) for each dimension column.
    Wide { dimensions: Vec<(usize, usize)> },
    /// A consensus worksheet: one row per interview and dimension, (column, name) for each
    /// scorer's column, and the agreed score in the `consensus` column (empty: still open).
    /// `kept` are the columns of people's own text — the notes, and any column added right of
    /// `gap`/`consensus` — (column, header as typed): never scores, kept when it is redone.
    Worksheet {
        dimension: usize,
        consensus: usize,
        scorers: Vec<(usize, String)>,
        kept: Vec<(usize, String)>,
    },
}

/// Where each field is in a scores file.
#[derive(Debug, Clone)]
pub struct Columns {
    pub municipality: usize,
    pub interview: usize,
    pub scorer: Option<usize>,
    pub round: Option<usize>,
    pub issue: Option<usize>,
    pub role: Option<usize>,
    pub shape: Shape,
    /// Number of header fields; every row must have as many.
    pub width: usize,
    /// Columns that are read but not used, for a note to the user.
    pub ignored: Vec<String>,
}

impl Columns {
    /// The catalogue key of what the file is read as (`read.shape.long`: `long scores`).
    pub fn shape_said(&self) -> &'static str {
        match self.shape {
            Shape::Long { .. } => "read.shape.long",
            Shape::Wide { .. } => "read.shape.wide",
            Shape::Worksheet { .. } => "read.shape.worksheet",
        }
    }

    /// The key of the shape in messages, under `input.shape.` (`a long scores file`).
    pub fn shape_key(&self) -> &'static str {
        match self.shape {
            Shape::Long { .. } => "long",
            Shape::Wide { .. } => "wide",
            Shape::Worksheet { .. } => "worksheet",
        }
    }
}

/// Classifies a header row. Errors list every problem with the header.
pub fn classify(headers: &[String], rubric: &Rubric, lang: Lang) -> Result<Columns, Vec<String>> {
    let mut errors = Vec::new();
    let mut found: Vec<(Field, usize)> = Vec::new();
    let mut others: Vec<(usize, &str)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match Field::of(h) {
            Some(f) if found.iter().any(|(g, _)| *g == f) => {
                errors.push(lang.fill("input.header.twice", &[("column", &h.trim())]));
            }
            Some(f) => found.push((f, i)),
            None => others.push((i, h.as_str())),
        }
    }
    // `consensus` and `gap` together mark a worksheet; elsewhere they (and `status`) are
    // ordinary columns.
    let has = |f: Field| found.iter().any(|(g, _)| *g == f);
    let worksheet = has(Field::Consensus) && has(Field::Gap);
    let of_worksheets = |f: &Field| matches!(f, Field::Consensus | Field::Gap | Field::Status);
    if !worksheet {
        for (f, i) in &found {
            if of_worksheets(f) {
                others.push((*i, headers[*i].as_str()));
            }
        }
        others.sort_by_key(|(i, _)| *i);
        found.retain(|(f, _)| !of_worksheets(f));
    }
    let col = |f: Field| found.iter().find(|(g, _)| *g == f).map(|(_, i)| *i);
    let shape = if worksheet {
        worksheet_shape(&found, &others, rubric, &mut errors, lang)
    } else {
        long_or_wide(&found, &others, headers, rubric, &mut errors, lang)
    };
    for (field, name) in [
        (Field::Municipality, "municipality"),
        (Field::Interview, "interview"),
    ] {
        if col(field).is_none() {
            // The column's name in the language of the message first, the other one after.
            let (name, other) = match lang {
                Lang::En => (name, swedish(field)),
                Lang::Sv => (swedish(field), name),
            };
            errors.push(lang.fill(
                "input.header.missing",
                &[
                    ("name", &name),
                    ("other", &other),
                    ("hint", &misspelt(field, &others, rubric, lang)),
                ],
            ));
        }
    }
    let mut ignored = Vec::new();
    if let Some(shape) = &shape {
        let used = |i: usize| match shape {
            Shape::Wide { dimensions } => dimensions.iter().any(|(c, _)| *c == i),
            Shape::Worksheet { scorers, kept, .. } => {
                scorers.iter().chain(kept).any(|(c, _)| *c == i)
            }
            Shape::Long { .. } => false,
        };
        let names: Vec<String> = rubric
            .dimensions
            .iter()
            .flat_map(|d| [d.id.clone(), d.name.clone()])
            .collect();
        // Loaded only when a column is left over: the embedded rubrics of other languages.
        let mut embedded: Option<Vec<Rubric>> = None;
        for (i, h) in &others {
            if used(*i) {
                continue;
            }
            if matches!(shape, Shape::Wide { .. }) {
                let rubrics =
                    embedded.get_or_insert_with(|| Rubric::embedded().unwrap_or_default());
                if let Some(hint) = other_language(h.trim(), rubric, rubrics, lang) {
                    errors.push(hint);
                    continue;
                }
            }
            let suggestion = matches!(shape, Shape::Wide { .. })
                .then(|| did_you_mean(h, names.iter().map(String::as_str)))
                .flatten();
            match suggestion {
                Some(s) => errors.push(lang.fill(
                    "input.header.not_a_dimension",
                    &[
                        ("column", &h.trim()),
                        ("rubric", &rubric.name),
                        ("name", &s),
                    ],
                )),
                None if h.trim().is_empty() => {}
                None => ignored.push(h.trim().to_string()),
            }
        }
    }
    match (shape, col(Field::Municipality), col(Field::Interview)) {
        (Some(shape), Some(municipality), Some(interview)) if errors.is_empty() => Ok(Columns {
            municipality,
            interview,
            scorer: col(Field::Scorer),
            round: col(Field::Round),
            issue: col(Field::Issue),
            role: col(Field::Role),
            shape,
            width: headers.len(),
            ignored,
        }),
        _ => Err(errors),
    }
}

/// The error for a column that names a dimension of another embedded rubric, in another
/// language (`Leadership` under `crm6-sv`): which rubric to use, or how to head the column.
fn other_language(
    header: &str,
    rubric: &Rubric,
    embedded: &[Rubric],
    lang: Lang,
) -> Option<String> {
    embedded
        .iter()
        .filter(|r| r.name != rubric.name && r.language != rubric.language)
        .find_map(|other| {
            let named = &other.dimensions[other.dimension_index(header)?];
            // A bare id names a dimension in every rubric.
            let here = rubric.dimensions.iter().find(|d| d.id == named.id)?;
            Some(lang.fill(
                "input.header.other_language",
                &[
                    ("column", &header),
                    ("id", &named.id),
                    ("name", &named.name),
                    ("other", &other.name),
                    ("other_language", &other.language),
                    ("rubric", &rubric.name),
                    ("language", &rubric.language),
                    ("here_id", &here.id),
                    ("here_name", &here.name),
                ],
            ))
        })
}

/// `; did you mean: column `x`?` when a header cell that is not a known column, a dimension or
/// a note looks like a misspelling of one of `field`'s accepted words; empty otherwise.
fn misspelt(field: Field, others: &[(usize, &str)], rubric: &Rubric, lang: Lang) -> String {
    let names = Field::NAMES
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[][..], |(_, names)| names);
    let cells = others
        .iter()
        .map(|(_, h)| *h)
        .filter(|h| rubric.dimension_index(h).is_none() && !is_note(h));
    crate::text::misspelt_column(cells, names)
        .map(|c| lang.fill("input.header.did_you_mean", &[("column", &c)]))
        .unwrap_or_default()
}

/// Every header word a column of a scores file is known by (for "did you mean").
pub fn known_words() -> impl Iterator<Item = &'static str> {
    Field::words()
}

/// A worksheet's layout: its `dimension` and `consensus` columns; every other column left of
/// `gap` and `consensus` that is not a known field or a note is a scorer's; the notes and every
/// column right of them are people's own, kept as typed.
fn worksheet_shape(
    found: &[(Field, usize)],
    others: &[(usize, &str)],
    rubric: &Rubric,
    errors: &mut Vec<String>,
    lang: Lang,
) -> Option<Shape> {
    let col = |f: Field| found.iter().find(|(g, _)| *g == f).map(|(_, i)| *i);
    for (field, name) in [(Field::Score, "score"), (Field::Scorer, "scorer")] {
        if col(field).is_some() {
            let name = match lang {
                Lang::En => name,
                Lang::Sv => swedish(field),
            };
            errors.push(lang.fill("input.header.worksheet_column", &[("column", &name)]));
        }
    }
    // `readiness consensus` writes the scorers between the key columns and `gap`; a column a
    // person adds after `gap` and `consensus` is theirs.
    let first = [Field::Gap, Field::Consensus]
        .into_iter()
        .filter_map(col)
        .min()
        .unwrap_or(usize::MAX);
    type Headers<'h> = Vec<(usize, &'h str)>;
    let (scorers, kept): (Headers, Headers) = others
        .iter()
        .filter(|(_, h)| !h.trim().is_empty())
        .partition(|(i, h)| *i < first && !is_note(h));
    let named = |cols: Vec<(usize, &str)>| -> Vec<(usize, String)> {
        cols.into_iter()
            .map(|(i, h)| (i, unneutralised(h.trim()).to_string()))
            .collect()
    };
    let (scorers, kept) = (named(scorers), named(kept));
    if scorers.is_empty() {
        errors.push(lang.text("input.header.worksheet_scorers").to_string());
    }
    let Some(dimension) = col(Field::Dimension) else {
        errors.push(lang.fill(
            "input.header.worksheet_dimension",
            &[("hint", &misspelt(Field::Dimension, others, rubric, lang))],
        ));
        return None;
    };
    let consensus = col(Field::Consensus)?;
    Some(Shape::Worksheet {
        dimension,
        consensus,
        scorers,
        kept,
    })
}

/// A long or wide scores file's layout.
fn long_or_wide(
    found: &[(Field, usize)],
    others: &[(usize, &str)],
    headers: &[String],
    rubric: &Rubric,
    errors: &mut Vec<String>,
    lang: Lang,
) -> Option<Shape> {
    let col = |f: Field| found.iter().find(|(g, _)| *g == f).map(|(_, i)| *i);
    match (col(Field::Dimension), col(Field::Score)) {
        (Some(dimension), Some(score)) => Some(Shape::Long { dimension, score }),
        (Some(_), None) | (None, Some(_)) => {
            let missing = if col(Field::Score).is_none() {
                Field::Score
            } else {
                Field::Dimension
            };
            let name = match lang {
                Lang::En => missing.name(),
                Lang::Sv => swedish(missing),
            };
            errors.push(lang.fill(
                "input.header.long_missing",
                &[
                    ("name", &name),
                    ("hint", &misspelt(missing, others, rubric, lang)),
                ],
            ));
            None
        }
        (None, None) => {
            let dimensions: Vec<(usize, usize)> = others
                .iter()
                .filter_map(|(i, h)| rubric.dimension_index(h).map(|d| (*i, d)))
                .collect();
            if dimensions.is_empty() {
                errors.push(lang.fill(
                    "input.header.no_score_columns",
                    &[
                        ("rubric", &rubric.name),
                        (
                            "ids",
                            &rubric.dimension_ids().collect::<Vec<_>>().join(", "),
                        ),
                    ],
                ));
                None
            } else {
                for d in 0..rubric.dimensions.len() {
                    let cols: Vec<&str> = dimensions
                        .iter()
                        .filter(|(_, dd)| *dd == d)
                        .map(|(i, _)| headers[*i].trim())
                        .collect();
                    if cols.len() > 1 {
                        let list = cols
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        errors.push(lang.fill(
                            "input.header.dimension_twice",
                            &[("id", &rubric.dimensions[d].id), ("columns", &list)],
                        ));
                    }
                }
                Some(Shape::Wide { dimensions })
            }
        }
    }
}

/// A field's Swedish header word (`kommun`); its only word where it has one (`dimension`).
fn swedish(field: Field) -> &'static str {
    Field::NAMES
        .iter()
        .find(|(f, _)| *f == field)
        .and_then(|(_, names)| names.get(1).or(names.first()))
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_str(header: &str) -> Result<Columns, Vec<String>> {
        let rubric = Rubric::load("crm6").unwrap();
        let headers: Vec<String> = header.split(',').map(str::to_string).collect();
        classify(&headers, &rubric, Lang::En)
    }

    #[test]
    fn long_shape_in_swedish() {
        let c = classify_str("Kommun,Intervju,Bedömare,Dimension,Poäng,Omgång").unwrap();
        assert_eq!(
            c.shape,
            Shape::Long {
                dimension: 3,
                score: 4
            }
        );
        assert_eq!((c.scorer, c.round), (Some(2), Some(5)));
    }

    #[test]
    fn wide_shape_by_id_and_name() {
        let c =
            classify_str("municipality,interview,A,Community knowledge of the efforts,c,Kommentar")
                .unwrap();
        assert_eq!(
            c.shape,
            Shape::Wide {
                dimensions: vec![(2, 0), (3, 1), (4, 2)]
            }
        );
        assert_eq!(c.ignored, ["Kommentar"]);
    }

    #[test]
    fn header_problems_are_all_reported() {
        let errs = classify_str("kommun,kommun,score,Leadersip").unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("`kommun` appears twice"));
        assert!(errs[1].contains("missing required column `dimension`"));
        assert!(errs[2].contains("missing required column `interview`"));
        let errs = classify_str("municipality,interview,A,Leadersip").unwrap_err();
        assert_eq!(
            errs,
            ["column `Leadersip` is not a dimension of rubric `crm6`; did you mean `Leadership`?"]
        );
    }

    #[test]
    fn a_misspelt_required_column_gets_a_suggestion() {
        let errs = classify_str("municipality,interveiw,A,B,C,D,E,F").unwrap_err();
        assert_eq!(
            errs,
            [
                "missing required column `interview` (or `intervju`); did you mean: column \
              `interveiw`?"
            ]
        );
        // Swedish words too; a note or a dimension column is never taken for a misspelling.
        let errs = classify_str("Kommn,Intervju,Kommentar,Community climate,A").unwrap_err();
        assert_eq!(
            errs,
            ["missing required column `municipality` (or `kommun`); did you mean: column `Kommn`?"]
        );
        let errs = classify_str("Intervju,Kommentar,Community climate,A").unwrap_err();
        assert_eq!(
            errs,
            ["missing required column `municipality` (or `kommun`)"]
        );
        // Long and worksheet layouts name theirs.
        let errs = classify_str("kommun,intervju,dimension,poang").unwrap_err();
        assert_eq!(
            errs,
            [
                "missing required column `score` (a long scores file has `dimension` and `score`); \
              did you mean: column `poang`?"
            ]
        );
        let errs = classify_str("kommun,intervju,dimensoin,Anna,Erik,gap,consensus").unwrap_err();
        assert!(
            errs[0].ends_with("interview and dimension); did you mean: column `dimensoin`?"),
            "{errs:?}"
        );
    }

    #[test]
    fn a_worksheet_is_recognised_by_gap_and_consensus() {
        let c = classify_str("municipality,round,interview,dimension,Åsa,Örjan,gap,consensus,note")
            .unwrap();
        assert_eq!(
            c.shape,
            Shape::Worksheet {
                dimension: 3,
                consensus: 7,
                scorers: vec![(4, "Åsa".into()), (5, "Örjan".into())],
                kept: vec![(8, "note".into())],
            }
        );
        assert!(c.ignored.is_empty(), "{:?}", c.ignored);
        assert_eq!(c.shape_said(), "read.shape.worksheet");
        // Swedish headers, and a note column under another name.
        let c = classify_str("Kommun,Intervju,Dimension,Anna,Erik,Skillnad,Konsensus,Kommentar")
            .unwrap();
        assert!(matches!(c.shape, Shape::Worksheet { ref scorers, .. } if scorers.len() == 2));
    }

    #[test]
    fn consensus_without_gap_is_an_ordinary_column() {
        let c = classify_str("municipality,interview,A,B,consensus").unwrap();
        assert!(matches!(c.shape, Shape::Wide { .. }));
        assert_eq!(c.ignored, ["consensus"]);
    }

    #[test]
    fn worksheet_problems() {
        let errs =
            classify_str("municipality,interview,dimension,score,gap,consensus").unwrap_err();
        assert_eq!(
            errs,
            [
                "a consensus worksheet (it has `gap` and `consensus` columns) has one column per \
                 scorer, not a `score` column",
                "a consensus worksheet needs one column per scorer, named after the scorer"
            ]
        );
        let errs = classify_str("municipality,interview,Anna,gap,consensus").unwrap_err();
        assert!(
            errs[0].starts_with("missing required column `dimension`"),
            "{errs:?}"
        );
    }
}
