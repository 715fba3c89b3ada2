//! Warnings as data: what is wrong with a result, kept typed until it is shown. `Display` gives
//! the English text; JSON carries the same text (a string per warning), so that scripts that read
//! `warnings` see no difference.

use crate::lang::Lang;
use crate::model::loc::Places;
use crate::model::message::Message;
use crate::model::number::{Compact, Score};
use smallvec::SmallVec;
use std::fmt;
use std::sync::Arc;

/// Scorers' names and scores, in natural order of the names; two inline, as most cells have.
pub type Named = SmallVec<[(Arc<str>, Score); 2]>;

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
        interview: Arc<str>,
        dimension: Arc<str>,
        gap: Compact,
        mean: Compact,
        scorers: Named,
        /// Where their scores are (`scores.csv lines 4, 5`).
        at: Places,
    },
    /// A worksheet's consensus cell left empty where the scorers are over `max_gap` apart.
    StillOpen {
        interview: Arc<str>,
        dimension: Arc<str>,
        /// Where the empty cell is (`ws.csv:2`).
        at: Places,
        scorers: Named,
    },
    /// An interview without a score on dimensions that other interviews have.
    MissingDimensions {
        interview: String,
        dimensions: Vec<String>,
    },
    /// A warning found while reading (a coded cell without anchor codes, a contradiction).
    Input(Message),
}

impl Warning {
    /// The catalogue key of this kind of warning (`needs_consensus`), under `warning.` for the
    /// text and `warning.kind.` for the kind's name; `None` for a reader's warning.
    pub fn kind(&self) -> Option<&'static str> {
        Some(match self {
            Warning::FewInterviews { .. } => "few_interviews",
            Warning::NoOverall { .. } => "no_overall",
            Warning::NeedsConsensus { .. } => "needs_consensus",
            Warning::StillOpen { .. } => "still_open",
            Warning::MissingDimensions { .. } => "missing_dimensions",
            Warning::Input(_) => return None,
        })
    }

    /// Where in a group this warning is (`I2 A`: interview and dimension), for a grouped
    /// summary; empty for a warning about the whole group.
    pub fn item(&self) -> String {
        match self {
            Warning::NeedsConsensus {
                interview,
                dimension,
                ..
            }
            | Warning::StillOpen {
                interview,
                dimension,
                ..
            } => format!("{interview} {dimension}"),
            Warning::MissingDimensions { interview, .. } => interview.to_string(),
            _ => String::new(),
        }
    }

    /// The warning as a person reads it in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.said(lang).to_string()
    }

    /// The warning in `lang`, written where it goes with no text of its own in between (a round
    /// before its consensus meeting has tens of thousands).
    pub fn said(&self, lang: Lang) -> Said<'_> {
        Said {
            warning: self,
            lang,
        }
    }
}

/// A [`Warning`] as `lang` says it ([`Warning::said`]).
#[derive(Debug, Clone, Copy)]
pub struct Said<'a> {
    warning: &'a Warning,
    lang: Lang,
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let num = |value| Number { lang, value };
        match self.warning {
            Warning::FewInterviews {
                interviews,
                minimum,
            } => f.write_str(&lang.count(
                "warning.few_interviews",
                *interviews,
                &[("minimum", minimum)],
            )),
            Warning::NoOverall { dimensions } => {
                let list: Vec<String> = dimensions
                    .iter()
                    .map(|(id, name)| format!("{id} ({name})"))
                    .collect();
                lang.write_filled(f, "warning.no_overall", &[("dimensions", &list.join(", "))])
            }
            Warning::NeedsConsensus {
                interview,
                dimension,
                gap,
                mean,
                scorers,
                at,
            } => lang.write_filled(
                f,
                "warning.needs_consensus",
                &[
                    ("interview", interview),
                    ("dimension", dimension),
                    ("gap", &num(gap)),
                    (
                        "scorers",
                        &Who {
                            lang,
                            scorers,
                            sep: ", ",
                            lead: "",
                        },
                    ),
                    ("mean", &num(mean)),
                    ("at", &at.said(lang)),
                ],
            ),
            Warning::StillOpen {
                interview,
                dimension,
                at,
                scorers,
            } => lang.write_filled(
                f,
                "warning.still_open",
                &[
                    ("interview", interview),
                    ("dimension", dimension),
                    ("at", &at.said(lang)),
                    (
                        "scorers",
                        &Who {
                            lang,
                            scorers,
                            sep: "",
                            lead: "; ",
                        },
                    ),
                ],
            ),
            Warning::MissingDimensions {
                interview,
                dimensions,
            } => lang.write_filled(
                f,
                "warning.missing_dimensions",
                &[
                    ("interview", interview),
                    ("dimensions", &dimensions.join(", ")),
                ],
            ),
            Warning::Input(m) => f.write_str(&m.text(lang)),
        }
    }
}

/// A value as `lang` writes numbers.
struct Number<'a> {
    lang: Lang,
    value: &'a Compact,
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.write_plain(&mut self.lang.numbers(f))
    }
}

/// Scorers by name and score (`Åsa 4, Örjan 6`): `lead` before each, `sep` between two.
struct Who<'a> {
    lang: Lang,
    scorers: &'a [(Arc<str>, Score)],
    sep: &'a str,
    lead: &'a str,
}

impl fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, score)) in self.scorers.iter().enumerate() {
            if i > 0 {
                f.write_str(self.sep)?;
            }
            f.write_str(self.lead)?;
            f.write_str(name)?;
            f.write_str(" ")?;
            score.write_plain(&mut self.lang.numbers(f))?;
        }
        Ok(())
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.said(Lang::En).fmt(f)
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
            gap: Compact::Small(Score::int(2)),
            mean: Compact::Large(Box::new(crate::model::number::Exact::int(5))),
            scorers: smallvec::smallvec![
                ("Åsa".into(), Score::int(4)),
                ("Örjan".into(), Score::int(6)),
            ],
            at: Places::of(
                &["scores.csv".into()],
                [4, 5].map(|line| crate::model::loc::Loc { file: 0, line }),
                |_| None,
            ),
        };
        assert_eq!(
            open.to_string(),
            "interview `Ö2`, dimension C: scorers differ by 2 (Åsa 4, Örjan 6) with no consensus \
             score; their mean 5 is used — needs consensus (scores.csv lines 4, 5)"
        );
        assert_eq!(
            serde_json::to_string(&[few, open.clone()]).unwrap(),
            "[\"1 interview, fewer than the rubric's minimum of 4\",\"interview `Ö2`, dimension \
             C: scorers differ by 2 (Åsa 4, Örjan 6) with no consensus score; their mean 5 is \
             used — needs consensus (scores.csv lines 4, 5)\"]"
        );
        assert!(
            open.text(Lang::Sv).ends_with("(scores.csv rad 4, 5)"),
            "{}",
            open.text(Lang::Sv)
        );
    }

    #[test]
    fn decimals_in_a_warning_are_written_as_its_language_writes_them() {
        let half = Score(num_rational::Ratio::new(11, 2));
        let wide = Warning::NeedsConsensus {
            interview: "I1".into(),
            dimension: "A".into(),
            gap: Compact::Small(Score(num_rational::Ratio::new(5, 2))),
            mean: Compact::Small(Score(num_rational::Ratio::new(17, 4))),
            scorers: smallvec::smallvec![("Anna".into(), Score::int(3)), ("Åsa".into(), half)],
            at: Places::of(
                &["a.csv".into(), "b.csv".into()],
                [
                    crate::model::loc::Loc { file: 1, line: 9 },
                    crate::model::loc::Loc { file: 0, line: 12 },
                ],
                |_| None,
            ),
        };
        assert_eq!(
            wide.text(Lang::En),
            "interview `I1`, dimension A: scorers differ by 2.5 (Anna 3, Åsa 5.5) with no \
             consensus score; their mean 4.25 is used — needs consensus (a.csv:12, b.csv:9)"
        );
        let sv = wide.text(Lang::Sv);
        assert!(
            sv.contains("2,5") && sv.contains("Anna 3, Åsa 5,5") && sv.contains("4,25"),
            "{sv}"
        );
        assert!(sv.ends_with("(a.csv:12, b.csv:9)"), "{sv}");
        // What `Display` writes is the English text, piece by piece as `text` makes it.
        assert_eq!(wide.to_string(), wide.text(Lang::En));
        assert_eq!(format!("{}", wide.said(Lang::Sv)), sv);
    }
}
