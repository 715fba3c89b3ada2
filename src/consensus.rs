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
//! no combined score (see [`crate::scoring`]).

use crate::exact::Exact;
use crate::input::header;
use crate::rubric::Rubric;
use crate::sheet::{Group, Sheet};
use crate::text::natural_cmp;
use serde::Serialize;
use std::cmp::Reverse;

/// The worksheet.
#[derive(Debug, Clone, Serialize)]
pub struct Worksheet {
    /// The scorers, one column each, in natural order.
    pub scorers: Vec<String>,
    /// Warnings found while reading, by group (e.g. contradictory codes of coded transcripts).
    pub warnings: Vec<String>,
    /// Whether any group names an issue (then the worksheet has an `issue` column).
    pub with_issue: bool,
    pub rows: Vec<WorksheetRow>,
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
}

impl Worksheet {
    /// Rows whose consensus the meeting still has to decide.
    pub fn open(&self) -> usize {
        self.rows.iter().filter(|r| r.consensus.is_none()).count()
    }

    /// Rows that only one scorer rated.
    pub fn single(&self) -> usize {
        self.rows.iter().filter(|r| r.gap.is_none()).count()
    }
}

/// Builds the worksheet. Fails when a scorer's name is a column name of the worksheet itself
/// (a scorer called `gap` could not be read back).
pub fn worksheet(sheet: &Sheet, rubric: &Rubric) -> Result<Worksheet, String> {
    let mut groups: Vec<&Group> = sheet.groups.values().collect();
    crate::scoring::sort_groups(&mut groups);
    let scorers = sheet.scorer_names(&groups);
    let clashes: Vec<String> = scorers
        .iter()
        .filter(|s| header::is_column_name(s))
        .map(|s| format!("`{s}`"))
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "scorer {} has the name of a worksheet column, so the worksheet could not be read \
             back; rename the scorer in the input",
            clashes.join(", ")
        ));
    }
    let mut rows = Vec::new();
    for group in &groups {
        let mut interviews: Vec<_> = group.interviews.values().collect();
        interviews.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        for interview in interviews {
            for (d, dim) in rubric.dimensions.iter().enumerate() {
                let cell = sheet.cell(interview, d);
                if cell.scorers.is_empty() {
                    continue;
                }
                let scores: Vec<Option<Exact>> = scorers
                    .iter()
                    .map(|s| {
                        cell.scorers
                            .iter()
                            .find(|(n, _)| n == s)
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
                rows.push(WorksheetRow {
                    municipality: group.municipality.clone(),
                    round: group.round.clone(),
                    issue: group.issue.clone(),
                    interview: interview.id.to_string(),
                    dimension: dim.id.clone(),
                    scores,
                    gap,
                    consensus,
                });
            }
        }
    }
    // Widest gaps first; rows one scorer rated (no gap) last. The sort is stable, so within a
    // gap the rows stay in municipality, round, issue, interview and dimension order.
    rows.sort_by_key(|r| Reverse(r.gap.clone()));
    Ok(Worksheet {
        warnings: crate::agreement::group_warnings(&groups),
        with_issue: groups.iter().any(|g| g.issue.is_some()),
        scorers,
        rows,
    })
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
        crate::sheet::sheet_of(&rows)
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
        let w = worksheet(&s, &Rubric::load("crm6").unwrap()).unwrap();
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
        assert_eq!((w.open(), w.single()), (3, 1));
        assert!(!w.with_issue);
    }

    #[test]
    fn a_scorer_named_like_a_column_is_refused() {
        let s = sheet(&[("K1", "Gap", 0, "4"), ("K1", "Anna", 0, "4")]);
        let err = worksheet(&s, &Rubric::load("crm6").unwrap()).unwrap_err();
        assert!(
            err.starts_with("scorer `Gap` has the name of a worksheet column"),
            "{err}"
        );
    }
}
