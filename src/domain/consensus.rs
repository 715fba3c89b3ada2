//! The consensus worksheet: what the scorers' consensus meeting works through.
//!
//! One row per (municipality, round, issue, interview, dimension) that has individual scores,
//! one column per scorer with that scorer's score, the `gap` between the highest and the lowest
//! score, and the `consensus`: filled in where every scorer gave the same score (or where the
//! input already holds an agreed score), empty where the meeting must decide. Rows with the
//! widest gaps come first. Built from a [`Sheet`] alone, so any input that fills one —
//! scores, an earlier worksheet, coded transcripts — gives a worksheet.
//!
//! Read back ([`crate::input::header`] recognises the `gap` and `consensus` columns), its
//! consensus column gives the combined scores; a consensus cell still empty is a warning and
//! no combined score (see [`crate::domain::score`]).

use crate::engine::store::Sheet;
use crate::model::GroupKey;
use crate::model::column;
use crate::model::message::{Arg, Message};
use crate::model::number::Exact;
use crate::rubric::Rubric;
use crate::text::natural_cmp;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashMap;

/// What people typed into a consensus worksheet besides the scores — the notes and the columns
/// they added — row by row, so that a redone worksheet keeps all of it.
#[derive(Debug, Clone, Default)]
pub struct WorksheetText {
    pub file: String,
    /// The header as typed, in the file's order.
    pub header: Vec<String>,
    /// The kept columns' headers (as typed), in the file's order.
    pub columns: Vec<String>,
    /// Every data row that was read, with or without text.
    pub rows: Vec<TypedRow>,
}

/// One worksheet row's key and the text of its kept columns (in [`WorksheetText::columns`]
/// order, as typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedRow {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub interview: String,
    /// The dimension's index in the rubric.
    pub dimension: usize,
    pub values: Vec<String>,
    pub line: u64,
}

/// The worksheet.
#[derive(Debug, Clone, Serialize)]
pub struct Worksheet {
    /// The scorers, one column each, in natural order.
    pub scorers: Vec<String>,
    /// Warnings found while reading, by group (e.g. contradictory codes of coded transcripts),
    /// and about what earlier worksheets held that the scores no longer have.
    pub warnings: Vec<Message>,
    /// Whether any group names an issue (then the worksheet has an `issue` column).
    pub with_issue: bool,
    /// The columns in the order they are written, each with its header: the standard order, or
    /// the order of the earlier worksheet that is redone (with its headers as typed).
    pub columns: Vec<(Column, String)>,
    /// The headers of the kept columns (people's own text), in [`WorksheetRow::kept`] order.
    pub kept: Vec<String>,
    pub rows: Vec<WorksheetRow>,
}

/// What a worksheet column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Column {
    Municipality,
    Round,
    Issue,
    Interview,
    Dimension,
    /// A scorer's scores: the index into [`Worksheet::scorers`].
    Scorer(usize),
    Gap,
    Consensus,
    Status,
    /// People's own text: the index into [`Worksheet::kept`].
    Kept(usize),
}

/// What the meeting has to do with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// The scorers are further apart than the rubric's `max_gap` and there is no consensus yet:
    /// the meeting must decide (until then, scoring leaves this interview out of the dimension).
    Decide,
    /// An earlier worksheet's row that the scores given no longer have: kept, never dropped.
    NotInScores,
    /// Nothing is needed: agreed, or close enough that the scorers' mean is used.
    Ready,
}

impl Status {
    /// The `status` cell.
    pub fn cell(self) -> &'static str {
        match self {
            Status::Decide => "decide",
            Status::NotInScores => "not in the scores",
            Status::Ready => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorksheetRow {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
    pub interview: String,
    /// The dimension's id.
    pub dimension: String,
    /// Each scorer's score, in the order of [`Worksheet::scorers`].
    pub scores: Vec<Option<Exact>>,
    /// Highest minus lowest score; `None` when fewer than two scorers rated this.
    pub gap: Option<Exact>,
    /// The agreed score, where there is one.
    pub consensus: Option<Exact>,
    pub status: Status,
    /// The text of each kept column, in [`Worksheet::kept`] order, as typed.
    pub kept: Vec<String>,
}

impl Worksheet {
    /// Rows the meeting must decide: scorers further apart than `max_gap`, no consensus yet.
    pub fn to_decide(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status == Status::Decide)
            .count()
    }

    /// Rows with an empty consensus that the scorers' mean fills (they are close enough).
    pub fn by_mean(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.consensus.is_none() && r.status == Status::Ready)
            .count()
    }

    /// Rows that only one scorer rated.
    pub fn single(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.gap.is_none() && r.status != Status::NotInScores)
            .count()
    }
}

/// The key that matches a worksheet row with an item: names compared as people mean them
/// (spaces and case aside), the dimension by index.
type ItemKey = (String, String, String, String, usize);

fn item_key(
    municipality: &str,
    round: Option<&str>,
    issue: Option<&str>,
    interview: &str,
    dimension: usize,
) -> ItemKey {
    let k = crate::text::key_fold;
    (
        k(municipality),
        round.map(k).unwrap_or_default(),
        issue.map(k).unwrap_or_default(),
        k(interview),
        dimension,
    )
}

/// Builds the worksheet from the scores, keeping everything people typed into the `earlier`
/// worksheets among the inputs: their notes and own columns (in their column order), and their
/// rows that the scores no longer have (flagged, with a warning). Fails when a scorer's name
/// is a column name of the worksheet itself (a scorer called `gap` could not be read back).
pub fn worksheet(
    sheet: &Sheet,
    rubric: &Rubric,
    earlier: &[WorksheetText],
) -> Result<Worksheet, String> {
    let groups = sheet.groups_in_order();
    let scorers = sheet.scorer_names(&groups);
    let clashes: Vec<String> = scorers
        .iter()
        .filter(|s| column::is_column_name(s))
        .map(|s| format!("`{s}`"))
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "scorer {} has the name of a worksheet column, so the worksheet could not be read \
             back; rename the scorer in the input",
            clashes.join(", ")
        ));
    }
    let mut warnings = crate::domain::agreement::group_warnings(&groups);
    let (kept, typed) = typed_text(earlier, &mut warnings);
    let with_issue = groups.iter().any(|g| g.issue.is_some())
        || earlier
            .iter()
            .flat_map(|w| &w.rows)
            .any(|r| r.issue.is_some());
    let max_gap = &rubric.scoring.max_gap;
    // Scores from outside the worksheets: without any, the worksheet is redone from itself and
    // nothing is missing from "the scores".
    let scores_given = (0..sheet.files.len()).any(|f| !sheet.restates(f as u32));
    let mut matched = vec![false; typed.len()];
    let index: HashMap<&ItemKey, usize> = typed
        .iter()
        .enumerate()
        .map(|(i, (k, ..))| (k, i))
        .collect();
    let mut rows = Vec::new();
    for group in &groups {
        let mut interviews: Vec<_> = group.interviews.values().collect();
        interviews.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        for interview in interviews {
            for (d, dim) in rubric.dimensions.iter().enumerate() {
                let cell = sheet.cell(interview, d);
                let key = item_key(
                    &group.municipality,
                    group.round.as_deref(),
                    group.issue.as_deref(),
                    &interview.id,
                    d,
                );
                let typed_row = index.get(&key).copied();
                if cell.scorers.is_empty() && typed_row.is_none() {
                    continue;
                }
                if let Some(i) = typed_row {
                    matched[i] = true;
                }
                let scores: Vec<Option<Exact>> = scorers
                    .iter()
                    .map(|s| {
                        cell.scorers
                            .iter()
                            .find(|(n, _)| ***n == **s)
                            .map(|(_, r)| r.score.to_exact())
                    })
                    .collect();
                let given = || cell.scorers.iter().map(|(_, r)| r.score.to_exact());
                let gap = match (given().min(), given().max()) {
                    (Some(lo), Some(hi)) if cell.scorers.len() >= 2 => Some(hi.abs_diff(&lo)),
                    _ => None,
                };
                let unanimous = gap.as_ref().is_some_and(|g| *g == Exact::int(0));
                let consensus = match &cell.consensus {
                    Some(agreed) => Some(agreed.score.to_exact()),
                    None if unanimous => given().next(),
                    None => None,
                };
                let only_in_worksheets =
                    scores_given && cell.scorers.iter().all(|(_, r)| sheet.restates(r.loc.file));
                let status = if only_in_worksheets {
                    Status::NotInScores
                } else if consensus.is_none() && gap.as_ref().is_some_and(|g| g > max_gap) {
                    Status::Decide
                } else {
                    Status::Ready
                };
                if status == Status::NotInScores
                    && let Some(i) = typed_row
                {
                    warnings.push(gone(typed[i].2, &typed[i].1, &dim.id));
                }
                rows.push(WorksheetRow {
                    municipality: group.municipality.clone(),
                    round: group.round.clone(),
                    issue: group.issue.clone(),
                    interview: interview.id.to_string(),
                    dimension: dim.id.clone(),
                    scores,
                    gap,
                    consensus,
                    status,
                    kept: typed_row
                        .map_or_else(|| vec![String::new(); kept.len()], |i| typed[i].3.clone()),
                });
            }
        }
    }
    // An earlier row with no score at all left in the inputs: kept as it was, flagged.
    for ((_, loc, row, values), _) in typed.iter().zip(&matched).filter(|(_, m)| !**m) {
        let dimension = &rubric.dimensions[row.dimension].id;
        warnings.push(gone(row, loc, dimension));
        rows.push(WorksheetRow {
            municipality: row.municipality.clone(),
            round: row.round.clone(),
            issue: row.issue.clone(),
            interview: row.interview.clone(),
            dimension: dimension.clone(),
            scores: vec![None; scorers.len()],
            gap: None,
            consensus: None,
            status: Status::NotInScores,
            kept: values.clone(),
        });
    }
    // What the meeting must decide first, widest gaps first; then the rows the scores no longer
    // have; rows one scorer rated (no gap) last. The sort is stable, so within a gap the rows
    // stay in municipality, round, issue, interview and dimension order.
    rows.sort_by_key(|r| (r.status, Reverse(r.gap.clone())));
    let columns = layout(earlier.first(), &scorers, &kept, with_issue);
    Ok(Worksheet {
        warnings,
        with_issue,
        scorers,
        columns,
        kept,
        rows,
    })
}

/// The warning for an earlier worksheet's row that the scores no longer have.
fn gone(row: &TypedRow, at: &str, dimension: &str) -> Message {
    let group = GroupKey::new(
        &row.municipality,
        row.round.as_deref(),
        row.issue.as_deref(),
    );
    Message::new("read.gone")
        .text_arg("at", at)
        .text_arg("interview", &row.interview)
        .with("group", Arg::Group(group))
        .text_arg("dimension", dimension)
        .text_arg("status", Status::NotInScores.cell())
}

/// An earlier worksheet's row: its key, `file:line`, the row, and its text in the order of the
/// kept columns.
type Earlier<'a> = (ItemKey, String, &'a TypedRow, Vec<String>);

/// The kept columns of all `earlier` worksheets (matched by header, spaces and case aside; in
/// the order first seen; `note` when there is none) and their rows, one per item: its key,
/// `file:line`, the row, and its text in the order of the kept columns. Two
/// worksheets that give one item different text in a column keep both, joined with ` | `, and a
/// warning says so.
fn typed_text<'a>(
    earlier: &'a [WorksheetText],
    warnings: &mut Vec<Message>,
) -> (Vec<String>, Vec<Earlier<'a>>) {
    let mut kept: Vec<String> = Vec::new();
    for column in earlier.iter().flat_map(|w| &w.columns) {
        if !kept
            .iter()
            .any(|k| crate::text::key_fold(k) == crate::text::key_fold(column))
        {
            kept.push(column.clone());
        }
    }
    if earlier.is_empty() {
        kept.push("note".to_string());
    }
    let mut rows: Vec<Earlier> = Vec::new();
    let mut at: HashMap<ItemKey, usize> = HashMap::new();
    for w in earlier {
        let slot: Vec<usize> = w
            .columns
            .iter()
            .map(|c| {
                kept.iter()
                    .position(|k| crate::text::key_fold(k) == crate::text::key_fold(c))
                    .unwrap_or(0)
            })
            .collect();
        for row in &w.rows {
            let key = item_key(
                &row.municipality,
                row.round.as_deref(),
                row.issue.as_deref(),
                &row.interview,
                row.dimension,
            );
            let place = format!("{}:{}", w.file, row.line);
            let i = *at.entry(key.clone()).or_insert_with(|| {
                rows.push((key, place.clone(), row, vec![String::new(); kept.len()]));
                rows.len() - 1
            });
            for (value, s) in row.values.iter().zip(&slot) {
                let first_at = rows[i].1.clone();
                let cell = &mut rows[i].3[*s];
                if value.trim().is_empty() || cell == value {
                    continue;
                }
                if cell.trim().is_empty() {
                    *cell = value.clone();
                } else {
                    warnings.push(
                        Message::new("read.other_text")
                            .text_arg("at", &place)
                            .text_arg("column", &kept[*s])
                            .text_arg("first", &first_at),
                    );
                    *cell = format!("{cell} | {value}");
                }
            }
        }
    }
    (kept, rows)
}

/// The order of the columns: the earlier worksheet's order with its headers as typed, new
/// scorers after its last scorer column and any standard column it lacks where it belongs; or,
/// for a first worksheet, the standard order.
fn layout(
    earlier: Option<&WorksheetText>,
    scorers: &[String],
    kept: &[String],
    with_issue: bool,
) -> Vec<(Column, String)> {
    let standard = |c: Column| -> String {
        match c {
            Column::Municipality => "municipality".into(),
            Column::Round => "round".into(),
            Column::Issue => "issue".into(),
            Column::Interview => "interview".into(),
            Column::Dimension => "dimension".into(),
            Column::Scorer(i) => scorers[i].clone(),
            Column::Gap => "gap".into(),
            Column::Consensus => "consensus".into(),
            Column::Status => "status".into(),
            Column::Kept(i) => kept[i].clone(),
        }
    };
    let mut columns: Vec<(Column, String)> = Vec::new();
    if let Some(w) = earlier {
        for h in &w.header {
            let column = match column::worksheet_field(h) {
                Some(column::Field::Municipality) => Some(Column::Municipality),
                Some(column::Field::Round) => Some(Column::Round),
                Some(column::Field::Issue) => Some(Column::Issue),
                Some(column::Field::Interview) => Some(Column::Interview),
                Some(column::Field::Dimension) => Some(Column::Dimension),
                Some(column::Field::Gap) => Some(Column::Gap),
                Some(column::Field::Consensus) => Some(Column::Consensus),
                Some(column::Field::Status) => Some(Column::Status),
                Some(_) => None,
                None => {
                    let name = column::unneutralised(h.trim());
                    let folded = crate::text::key_fold(name);
                    kept.iter()
                        .position(|k| crate::text::key_fold(k) == folded)
                        .map(Column::Kept)
                        .or_else(|| scorers.iter().position(|s| s == name).map(Column::Scorer))
                }
            };
            if let Some(c) = column
                && !columns.iter().any(|(d, _)| *d == c)
            {
                columns.push((c, h.trim().to_string()));
            }
        }
    }
    let insert = |c: Column, after: &[Column], columns: &mut Vec<(Column, String)>| {
        if columns.iter().any(|(d, _)| *d == c) {
            return;
        }
        let at = columns
            .iter()
            .rposition(|(d, _)| after.contains(d))
            .map_or(columns.len(), |i| i + 1);
        columns.insert(at.min(columns.len()), (c, standard(c)));
    };
    let mut order = vec![Column::Municipality, Column::Round];
    if with_issue {
        order.push(Column::Issue);
    }
    order.extend([Column::Interview, Column::Dimension]);
    order.extend((0..scorers.len()).map(Column::Scorer));
    order.extend([Column::Gap, Column::Consensus, Column::Status]);
    order.extend((0..kept.len()).map(Column::Kept));
    for (i, c) in order.iter().enumerate() {
        insert(*c, &order[..i], &mut columns);
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet of Kinda's interviews from (interview, scorer, dimension, score) rows.
    fn sheet(rows: &[(&str, &str, usize, &str)]) -> Sheet {
        let rows: Vec<_> = rows
            .iter()
            .map(|(i, s, d, x)| ("Kinda", *i, *s, *d, *x))
            .collect();
        crate::engine::store::sheet_of(&rows)
    }

    fn x(s: &str) -> Option<Exact> {
        Exact::parse(s)
    }

    #[test]
    fn rows_widest_gap_first_with_consensus_only_where_all_agree() {
        let s = sheet(&[
            ("K1", "Erik", 0, "4"),
            ("K1", "Anna", 0, "4"),
            ("K1", "Erik", 1, "3"),
            ("K1", "Anna", 1, "5"),
            ("K2", "Anna", 0, "4.5"),
            ("K2", "Erik", 0, "5"),
            ("K2", "Anna", 1, "6"),
            ("K2", "Erik", 1, "7"),
            ("K2", "consensus", 1, "6.5"),
            ("K3", "Anna", 2, "2"),
            ("K3", "consensus", 3, "2"),
        ]);
        let w = worksheet(&s, &Rubric::load("crm6").unwrap(), &[]).unwrap();
        assert_eq!(w.scorers, ["Anna", "Erik"]);
        let rows: Vec<(&str, &str, Option<Exact>, Option<Exact>)> = w
            .rows
            .iter()
            .map(|r| {
                (
                    r.interview.as_str(),
                    r.dimension.as_str(),
                    r.gap.clone(),
                    r.consensus.clone(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("K1", "B", x("2"), None),
                ("K2", "B", x("1"), x("6.5")),
                ("K2", "A", x("0.5"), None),
                ("K1", "A", x("0"), x("4")),
                ("K3", "C", None, None),
            ]
        );
        assert_eq!(w.rows[0].scores, [x("5"), x("3")]);
        assert_eq!(w.rows[4].scores, [x("2"), None]);
        // Only K1 B is over the rubric's largest gap (1): the meeting must decide it; K2 A and
        // K3 C take the scorers' mean.
        let status: Vec<Status> = w.rows.iter().map(|r| r.status).collect();
        assert_eq!(status[0], Status::Decide);
        assert!(
            status[1..].iter().all(|s| *s == Status::Ready),
            "{status:?}"
        );
        assert_eq!((w.to_decide(), w.by_mean(), w.single()), (1, 2, 1));
        assert!(!w.with_issue);
    }

    #[test]
    fn a_scorer_named_like_a_column_is_refused() {
        let s = sheet(&[("K1", "Gap", 0, "4"), ("K1", "Anna", 0, "4")]);
        let err = worksheet(&s, &Rubric::load("crm6").unwrap(), &[]).unwrap_err();
        assert!(
            err.starts_with("scorer `Gap` has the name of a worksheet column"),
            "{err}"
        );
    }
}
