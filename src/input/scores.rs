//! Rows of a score file (long or wide) or of a consensus worksheet into the sheet.

use super::header::{Columns, Shape};
use super::rows::{Ahead, Lookahead, ReadScore};
use super::source::{Dialect, Encoding};
use super::{MAX_KEY_CHARS, RowOutcome, Rows, TypedRow, WorksheetText, check_key_lengths, missing};
use crate::engine::store::{Loc, Observation, ScorerRef, Sheet};
use crate::lang::Lang;
use crate::model::column::unneutralised;
use crate::model::number::Score;
use crate::rubric::{Rubric, ScoreCheck};

/// Reads the data rows of one score file into a sheet.
pub(crate) struct ScoreRows<'a> {
    columns: &'a Columns,
    rubric: &'a Rubric,
    sheet: &'a mut Sheet,
    dims: Dimensions,
    check: ScoreCheck<'a>,
    /// A worksheet's rows: what people typed besides the scores.
    typed: Option<&'a mut WorksheetText>,
    /// The file's round from `--round`, for a file without a round column.
    round: Option<&'a str>,
}

impl<'a> ScoreRows<'a> {
    pub fn new(
        columns: &'a Columns,
        rubric: &'a Rubric,
        sheet: &'a mut Sheet,
        typed: Option<&'a mut WorksheetText>,
        round: Option<&'a str>,
        lang: Lang,
    ) -> Self {
        // The rows' key numbers are their file's parsing thread's, counted anew.
        sheet.new_key_numbers();
        ScoreRows {
            columns,
            rubric,
            sheet,
            dims: Dimensions::default(),
            check: rubric.score_check_in(lang),
            typed,
            round,
        }
    }
}

/// Dimension cells as written (`A`, `Leadership`, `ledarskap`) and the dimension each names,
/// remembered: a long file repeats a handful of spellings a million times. A few spellings are
/// compared faster than hashed; past [`Dimensions::REMEMBERED`] (a file of made-up dimensions)
/// the rubric is asked each time. One-letter cells (`A`), the usual, are looked up by their byte.
#[derive(Debug)]
struct Dimensions {
    letters: [Option<Option<usize>>; 128],
    words: Vec<(Box<str>, Option<usize>)>,
}

impl Default for Dimensions {
    fn default() -> Self {
        Dimensions {
            letters: [None; 128],
            words: Vec::new(),
        }
    }
}

impl Dimensions {
    const REMEMBERED: usize = 32;

    fn index(&mut self, text: &str, rubric: &Rubric) -> Option<usize> {
        if let [b] = *text.as_bytes() {
            return self.letter(b, rubric);
        }
        if let Some((_, found)) = self.words.iter().find(|(known, _)| **known == *text) {
            return *found;
        }
        let found = rubric.dimension_index(text);
        if self.words.len() < Self::REMEMBERED {
            self.words.push((text.into(), found));
        }
        found
    }

    /// The dimension a one-byte cell names.
    fn letter(&mut self, b: u8, rubric: &Rubric) -> Option<usize> {
        let known = self.letters.get_mut(usize::from(b))?;
        *known.get_or_insert_with(|| rubric.dimension_index(char::from(b).encode_utf8(&mut [0; 4])))
    }
}

impl ScoreRows<'_> {
    /// The scorer, dimension and score of a well-formed row of a long file (the last two as
    /// the parsing thread read them, when it did); `None` for any other row.
    fn long_cells<'f>(
        &mut self,
        fields: &super::rows::Fields<'f>,
        ahead: Ahead,
    ) -> Option<(ScorerRef<'f>, usize, Score)> {
        let Shape::Long { dimension, score } = self.columns.shape else {
            return None;
        };
        let cell = |i: usize| Some(crate::text::trim(fields.get(i))).filter(|t| !t.is_empty());
        let scorer = match self.columns.scorer {
            None => ScorerRef::Consensus,
            // A scorer cell too long to be a name is left to `parse_row` to report.
            Some(i) => ScorerRef::from_cell(cell(i).filter(|s| s.len() <= MAX_KEY_CHARS)?),
        };
        let (dimension, score) = match ahead.score {
            Some(read) => read,
            None => (
                self.dims.index(cell(dimension)?, self.rubric)?,
                self.check.parse(cell(score)?).ok()?,
            ),
        };
        Some((scorer, dimension, score))
    }

    /// A well-formed row of a long file, the shape of nearly every large input: one score,
    /// inserted straight away. `None` for anything else — an empty or unknown cell, a score
    /// off the scale, a duplicate — which [`parse_row`] then reads again to say what is wrong.
    /// Measured at 10^6 rows of the `scores` benchmark file, this path saves about a sixth of
    /// the instructions (and wall time) over reading every row with `parse_row`.
    fn long_row(&mut self, fields: &super::rows::Fields, loc: Loc, ahead: Ahead) -> Option<()> {
        let (scorer, dimension, score) = self.long_cells(fields, ahead)?;
        // A cell too long to be a name is left to `parse_row` to report (`Err`), as is an
        // empty required one.
        let text = |i: usize| {
            let t = crate::text::trim(&fields[i]);
            if t.len() > MAX_KEY_CHARS {
                Err(())
            } else {
                Ok(t)
            }
        };
        let cell = |i: usize| text(i).ok().filter(|t| !t.is_empty());
        let optional = |i: Option<usize>| match i {
            Some(i) => text(i).map(|t| Some(t).filter(|t| !t.is_empty())),
            None => Ok(None),
        };
        let c = self.columns;
        let observation = Observation {
            municipality: cell(c.municipality)?,
            round: optional(c.round).ok()?.or(self.round),
            issue: optional(c.issue).ok()?,
            interview: cell(c.interview)?,
            role: optional(c.role).ok()?,
            scorer,
            dimension,
            score,
            loc,
            evidence: None,
            key: ahead.key,
        };
        self.sheet.insert(observation).ok()
    }
}

impl Rows for ScoreRows<'_> {
    fn row(&mut self, fields: &super::rows::Fields, loc: Loc, ahead: Ahead) -> RowOutcome {
        // A row whose key cells (municipality, round, issue, interview and role, byte for
        // byte) placed a score before needs only its score added.
        if let Some(key) = ahead.key
            && let Some((scorer, dimension, score)) = self.long_cells(fields, ahead)
            && self.sheet.insert_keyed(key, scorer, dimension, score, loc)
        {
            return RowOutcome::Used;
        }
        if self.long_row(fields, loc, ahead).is_some() {
            return RowOutcome::Used;
        }
        let read = parse_row(
            fields,
            (self.columns, self.round),
            self.rubric,
            &self.check,
            &mut self.dims,
            loc,
            self.sheet,
        );
        match read {
            Ok((count, typed)) => {
                if let (Some(all), Some(row)) = (self.typed.as_deref_mut(), typed) {
                    all.rows.push(row);
                }
                if count == 0 {
                    RowOutcome::Blank
                } else {
                    RowOutcome::Used
                }
            }
            Err(errors) => RowOutcome::Rejected(errors),
        }
    }

    fn expect(&mut self, batch: &super::rows::TextRows) {
        self.sheet.expect(batch.keys());
    }
}

/// What the parsing thread can read of a score file's rows ahead: the cells that place a row
/// and, in a long UTF-8 file, the dimension and the score.
pub(crate) fn lookahead<'a>(
    columns: &Columns,
    rubric: &'a Rubric,
    dialect: &Dialect,
) -> Lookahead<'a> {
    let c = columns;
    let key = [
        Some(c.municipality),
        c.round,
        c.issue,
        Some(c.interview),
        c.role,
    ]
    .into_iter()
    .flatten()
    .collect();
    let utf8 = matches!(dialect.encoding, Encoding::Utf8 | Encoding::Utf8Bom);
    let score = match columns.shape {
        Shape::Long { dimension, score } if utf8 => {
            let mut dims = Dimensions::default();
            let check = rubric.score_check();
            // The usual cells only — a dimension's letter, a score like `4` or `3,5`, with
            // spaces around at most — read from their bytes; the reader reads any other.
            let read: ReadScore = Box::new(move |dim: &[u8], value: &[u8]| {
                let dim = match *dim.trim_ascii() {
                    [b] if b.is_ascii_graphic() => dims.letter(b, rubric)?,
                    _ => return None,
                };
                Some((dim, check.valid(value.trim_ascii())?))
            });
            Some((dimension, score, read))
        }
        _ => None,
    };
    Lookahead {
        width: 0,
        key,
        score,
    }
}

/// Parses one data row (its columns, and the file's round from `--round`) and inserts its
/// scores. Returns how many scores (and open consensus
/// cells of a worksheet) it held, and for a worksheet row what people typed in it.
fn parse_row<'a>(
    fields: &'a super::rows::Fields<'a>,
    (columns, file_round): (&'a Columns, Option<&'a str>),
    rubric: &Rubric,
    check: &ScoreCheck,
    dims: &mut Dimensions,
    loc: Loc,
    sheet: &mut Sheet,
) -> Result<(usize, Option<TypedRow>), Vec<String>> {
    // The errors are in the language of the check.
    let lang = check.lang();
    let mut errors = Vec::new();
    // A worksheet's names were neutralised for spreadsheets when it was written.
    let worksheet = matches!(columns.shape, Shape::Worksheet { .. });
    let text = |i: usize| {
        let t = crate::text::trim(&fields[i]);
        if worksheet { unneutralised(t) } else { t }
    };
    let optional = |i: Option<usize>| i.map(text).filter(|s| !s.is_empty());
    let mut required = |i: usize, name: &str| {
        let value = text(i);
        if value.is_empty() {
            errors.push(missing(name, lang));
        }
        value
    };
    let municipality = required(columns.municipality, "municipality");
    let interview = required(columns.interview, "interview");
    let scorer = match columns.scorer {
        None => ScorerRef::Consensus,
        Some(i) => ScorerRef::from_cell(required(i, "scorer")),
    };
    check_key_lengths(
        [
            ("municipality", Some(municipality)),
            ("round", optional(columns.round)),
            ("issue", optional(columns.issue)),
            ("interview", Some(interview)),
            ("scorer", columns.scorer.map(text)),
            ("role", optional(columns.role)),
        ],
        &mut errors,
        lang,
    );
    let mut dimension_of = |i: usize, errors: &mut Vec<String>| {
        let dim_text = text(i);
        if dim_text.is_empty() {
            errors.push(missing("dimension", lang));
            return None;
        }
        let found = dims.index(dim_text, rubric);
        if found.is_none() {
            errors.push(unknown_dimension(dim_text, rubric, lang));
        }
        found
    };
    let mut scores: smallvec::SmallVec<[(ScorerRef, usize, Score); 8]> = smallvec::SmallVec::new();
    // A worksheet row whose consensus is still empty: its dimension.
    let mut pending = None;
    // A worksheet row's dimension and the text of its kept columns.
    let mut kept_text = None;
    match &columns.shape {
        Shape::Long { dimension, score } => {
            let dim = dimension_of(*dimension, &mut errors);
            let raw = text(*score);
            let value = if raw.is_empty() {
                errors.push(missing("score", lang));
                None
            } else {
                check.parse(raw).map_err(|e| errors.push(e)).ok()
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
                match check.parse(raw) {
                    Ok(v) => scores.push((scorer, *dim, v)),
                    Err(e) => errors.push(e),
                }
            }
        }
        Shape::Worksheet {
            dimension,
            consensus,
            scorers,
            kept,
        } => {
            if let Some(d) = dimension_of(*dimension, &mut errors) {
                // As typed: only the spreadsheet guard that `readiness` wrote is taken off.
                let values = kept
                    .iter()
                    .map(|(col, _)| unneutralised(&fields[*col]).to_string())
                    .collect::<Vec<_>>();
                kept_text = Some((d, values));
                for (col, name) in scorers {
                    let raw = text(*col);
                    if raw.is_empty() {
                        continue;
                    }
                    match check.parse(raw) {
                        Ok(v) => scores.push((ScorerRef::Named(name.as_str()), d, v)),
                        Err(e) => errors.push(e),
                    }
                }
                let raw = text(*consensus);
                if raw.is_empty() {
                    pending = Some(d);
                } else {
                    match check.parse(raw) {
                        Ok(v) => scores.push((ScorerRef::Consensus, d, v)),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
    }
    let observation = |scorer: ScorerRef<'a>, dimension: usize, score: Score| Observation {
        municipality,
        round: optional(columns.round).or(file_round),
        issue: optional(columns.issue),
        interview,
        role: optional(columns.role),
        scorer,
        dimension,
        score,
        loc,
        evidence: None,
        key: None,
    };
    if !errors.is_empty() {
        // Refused for its cells: also told now if its interview has another role, rather than
        // after those cells are put right (only the key cells and the role are looked at).
        if let Some(e) = sheet.other_role(&observation(scorer, 0, Score::int(0))) {
            errors.push(e);
        }
        return Err(errors);
    }
    let count = scores.len() + usize::from(pending.is_some());
    let on_dimension = |e: String, dimension: usize| {
        super::on_dimension(&e, &rubric.dimensions[dimension].id, lang)
    };
    if let Some(dimension) = pending
        && let Err(e) =
            sheet.mark_pending(&observation(ScorerRef::Consensus, dimension, Score::int(0)))
    {
        errors.push(on_dimension(e, dimension));
    }
    for (scorer, dimension, score) in scores {
        if let Err(e) = sheet.insert(observation(scorer, dimension, score)) {
            errors.push(on_dimension(e, dimension));
        }
    }
    let typed = kept_text.map(|(dimension, values)| TypedRow {
        municipality: municipality.to_string(),
        round: optional(columns.round).or(file_round).map(str::to_string),
        issue: optional(columns.issue).map(str::to_string),
        interview: interview.to_string(),
        dimension,
        values,
        line: loc.line,
    });
    if errors.is_empty() {
        Ok((count, typed))
    } else {
        Err(errors)
    }
}

fn unknown_dimension(text: &str, rubric: &Rubric, lang: Lang) -> String {
    let names: Vec<&str> = rubric
        .dimensions
        .iter()
        .flat_map(|d| [d.id.as_str(), d.name.as_str()])
        .collect();
    let hint = crate::text::did_you_mean(text, names)
        .map(|s| lang.fill("input.did_you_mean", &[("name", &s)]))
        .unwrap_or_default();
    lang.fill(
        "input.unknown_dimension",
        &[
            ("text", &text),
            ("rubric", &rubric.name),
            (
                "ids",
                &rubric.dimension_ids().collect::<Vec<_>>().join(", "),
            ),
            ("hint", &hint),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::source::Dialect;

    /// The fields named in messages (asked for by a key made at run time) are in the catalogue.
    #[test]
    fn every_field_named_in_messages_has_a_name_in_each_language() {
        let fields = [
            "municipality",
            "round",
            "issue",
            "interview",
            "scorer",
            "role",
            "dimension",
            "score",
            "coder",
        ];
        for field in fields {
            assert_eq!(super::super::field_name(field, Lang::En), field);
            assert!(
                !Lang::Sv.text(&format!("input.field.{field}")).is_empty(),
                "{field}"
            );
        }
        assert_eq!(missing("municipality", Lang::Sv), "kommun saknas");
        assert_eq!(missing("municipality", Lang::En), "missing municipality");
    }

    #[test]
    fn cells_read_ahead_are_read_as_the_reader_reads_them() {
        let rubric = Rubric::load("crm6-sv").unwrap();
        let headers: Vec<String> = ["kommun", "intervju", "bedömare", "dimension", "poäng"]
            .map(String::from)
            .into();
        let columns = super::super::header::classify(&headers, &rubric, Lang::En).unwrap();
        let dialect = Dialect {
            encoding: Encoding::Utf8,
            delimiter: b';',
            skipped_lines: 0,
            sheet: None,
        };
        let Some((3, 4, mut read)) = lookahead(&columns, &rubric, &dialect).score else {
            panic!("a long file's dimension and score are read ahead");
        };
        let mut dims = Dimensions::default();
        let check = rubric.score_check();
        let mut known = 0;
        for dim in ["A", " B ", "C\t", "x", "Ledarskap", "", "\u{a0}A", "\u{b}A"] {
            for score in ["4", " 3,5 ", "3.5", "10", "0", "x", "4.25", "", "9,5"] {
                let Some(ahead) = read(dim.as_bytes(), score.as_bytes()) else {
                    continue;
                };
                known += 1;
                let reader = (
                    dims.index(crate::text::trim(dim), &rubric),
                    check.parse(crate::text::trim(score)).ok(),
                );
                assert_eq!((Some(ahead.0), Some(ahead.1)), reader, "{dim:?} {score:?}");
            }
        }
        // A, B and C with 4, 3,5 and 3.5 are read ahead; anything else is left to the reader.
        assert_eq!(known, 9);
    }
}
