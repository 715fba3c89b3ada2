//! Warnings as data: what is wrong with a result, kept typed until it is shown. `Display` gives
//! the English text; JSON carries the same text (a string per warning), so that scripts that read
//! `warnings` see no difference.

use crate::model::number::{Exact, Score};
use std::fmt;

/// One warning about one group's result (municipality, round, issue).
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Fewer interviews than the rubric asks for.
    FewInterviews { interviews: usize, minimum: u32 },
    /// Dimensions without any score: no overall score and no stage.
    NoOverall {
        /// Each dimension's id and name.
        dimensions: Vec<(String, String)>,
    },
    /// Scorers further apart than `max_gap` and no consensus score: their mean is used.
    NeedsConsensus {
        interview: String,
        dimension: String,
        gap: Exact,
        mean: Exact,
        /// The scorers' names and scores, in natural order of the names.
        scorers: Vec<(String, Score)>,
        /// Where their scores are (`scores.csv lines 4, 5`).
        at: String,
    },
    /// A worksheet's consensus cell left empty where the scorers are over `max_gap` apart.
    StillOpen {
        interview: String,
        dimension: String,
        /// Where the empty cell is (`ws.csv:2`).
        at: String,
        scorers: Vec<(String, Score)>,
    },
    /// An interview without a score on dimensions that other interviews have.
    MissingDimensions {
        interview: String,
        dimensions: Vec<String>,
    },
    /// A warning found while reading, as text (typed with the readers).
    Input(String),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::FewInterviews {
                interviews,
                minimum,
            } => write!(
                f,
                "{interviews} interview{}, fewer than the rubric's minimum of {minimum}",
                if *interviews == 1 { "" } else { "s" }
            ),
            Warning::NoOverall { dimensions } => {
                let list: Vec<String> = dimensions
                    .iter()
                    .map(|(id, name)| format!("{id} ({name})"))
                    .collect();
                write!(
                    f,
                    "no scores on dimension {}: no overall score and no stage",
                    list.join(", ")
                )
            }
            Warning::NeedsConsensus {
                interview,
                dimension,
                gap,
                mean,
                scorers,
                at,
            } => {
                let who: Vec<String> = scorers
                    .iter()
                    .map(|(n, s)| format!("{n} {}", s.to_plain()))
                    .collect();
                write!(
                    f,
                    "interview `{interview}`, dimension {dimension}: scorers differ by {} ({}) \
                     with no consensus score; their mean {} is used — needs consensus ({at})",
                    gap.to_plain(),
                    who.join(", "),
                    mean.to_plain()
                )
            }
            Warning::StillOpen {
                interview,
                dimension,
                at,
                scorers,
            } => {
                let who: String = scorers
                    .iter()
                    .map(|(n, s)| format!("; {n} {}", s.to_plain()))
                    .collect();
                write!(
                    f,
                    "interview `{interview}`, dimension {dimension}: still needs consensus — the \
                     consensus cell is empty ({at}{who}), so this interview is left out of \
                     dimension {dimension} until it is filled in"
                )
            }
            Warning::MissingDimensions {
                interview,
                dimensions,
            } => write!(
                f,
                "interview `{interview}` has no score on dimension {}",
                dimensions.join(", ")
            ),
            Warning::Input(text) => f.write_str(text),
        }
    }
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_warning_reads_as_before_and_serialises_as_its_text() {
        let few = Warning::FewInterviews {
            interviews: 1,
            minimum: 4,
        };
        assert_eq!(
            few.to_string(),
            "1 interview, fewer than the rubric's minimum of 4"
        );
        let open = Warning::NeedsConsensus {
            interview: "Ö2".into(),
            dimension: "C".into(),
            gap: Exact::int(2),
            mean: Exact::int(5),
            scorers: vec![
                ("Åsa".into(), Score::int(4)),
                ("Örjan".into(), Score::int(6)),
            ],
            at: "scores.csv lines 4, 5".into(),
        };
        assert_eq!(
            open.to_string(),
            "interview `Ö2`, dimension C: scorers differ by 2 (Åsa 4, Örjan 6) with no consensus \
             score; their mean 5 is used — needs consensus (scores.csv lines 4, 5)"
        );
        assert_eq!(
            serde_json::to_string(&[few, open]).unwrap(),
            "[\"1 interview, fewer than the rubric's minimum of 4\",\"interview `Ö2`, dimension \
             C: scorers differ by 2 (Åsa 4, Örjan 6) with no consensus score; their mean 5 is \
             used — needs consensus (scores.csv lines 4, 5)\"]"
        );
    }
}
