//! Rubrics: the anchored rating scales, the stages and the scoring settings, read from TOML.
//!
//! Three rubrics are embedded in the binary (`crm6`, `crm6-sv`, `crm5`, from `scoring-anchors/`);
//! any other is read from a path. A rubric is validated once when it is loaded, so the rest of the
//! program can rely on it: every dimension has one anchor per level, ids are unique, every stage
//! has a name. Problems are reported with file, line and column.

pub mod diff;
mod raw;

use crate::lang::Lang;
use crate::model::number::{Exact, Score};
pub use crate::model::stage::Stage;
use crate::text::fold;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

pub use raw::RubricProblem;

/// The rubrics shipped inside the binary: (name, TOML source).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("crm6", include_str!("../../scoring-anchors/crm6.toml")),
    (
        "crm6-sv",
        include_str!("../../scoring-anchors/crm6-sv.toml"),
    ),
    ("crm5", include_str!("../../scoring-anchors/crm5.toml")),
];

/// The rubric used when `--rubric` is not given.
pub const DEFAULT: &str = "crm6";

/// A validated rubric.
#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    pub name: String,
    pub title: String,
    pub language: String,
    pub description: String,
    /// Where it came from: `embedded:crm6` or the path it was read from.
    pub source: String,
    pub scoring: Scoring,
    /// Shared with every result that reached the stage (a county has thousands of groups).
    pub stages: Vec<Arc<Stage>>,
    pub dimensions: Vec<Dimension>,
}

/// Scoring settings.
#[derive(Debug, Clone, Serialize)]
pub struct Scoring {
    /// Levels of each anchored scale; scores lie in `1..=levels`.
    pub levels: u32,
    /// Scores must be whole multiples of this.
    pub step: Exact,
    /// Fewer interviews than this per municipality is a warning.
    pub min_interviews: u32,
    /// Scorers further apart than this on one interview and dimension need a consensus score.
    pub max_gap: Exact,
    /// Added to a coded score when the level above it is coded as partly met.
    pub partial_credit: Exact,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub question: String,
    /// One anchor per level, in level order.
    pub anchors: Vec<Anchor>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anchor {
    pub level: u32,
    pub id: String,
    pub statement: String,
}

/// A rubric in one line, for `readiness rubric list`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub name: String,
    pub title: String,
    pub language: String,
    /// The dimension ids, in order.
    pub dimensions: Vec<String>,
    pub description: String,
    /// Used when `--rubric` is not given.
    pub default: bool,
}

impl Rubric {
    /// Every embedded rubric, in [`EMBEDDED`] order.
    pub fn embedded() -> Result<Vec<Rubric>, RubricError> {
        EMBEDDED
            .iter()
            .map(|(name, _)| Rubric::load(name))
            .collect()
    }

    /// This rubric in one line.
    pub fn entry(&self) -> Entry {
        Entry {
            name: self.name.clone(),
            title: self.title.clone(),
            language: self.language.clone(),
            dimensions: self.dimension_ids().map(str::to_string).collect(),
            description: self.description.clone(),
            default: self.source == format!("embedded:{DEFAULT}"),
        }
    }
}

/// Why a rubric could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RubricError {
    #[error("unknown rubric `{name}`: not an embedded rubric ({known}) and no such file{hint}")]
    Unknown {
        name: String,
        known: String,
        hint: String,
    },
    // `error`, not `source`: the message already holds it, and `{err:#}` would repeat a source.
    #[error("could not read rubric `{path}`: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("could not read rubric `{path}`: {detail}")]
    NotUtf8 { path: String, detail: NotUtf8 },
    #[error("invalid rubric `{path}`:\n{}\n(`readiness rubric check {path}` shows each problem in its line)", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid {
        path: String,
        problems: Vec<RubricProblem>,
    },
}

impl Rubric {
    /// Loads an embedded rubric by name, or else a rubric file by path.
    pub fn load(name_or_path: &str) -> Result<Rubric, RubricError> {
        if let Some((name, src)) = EMBEDDED.iter().find(|(n, _)| *n == name_or_path) {
            return Rubric::parse(src, &format!("embedded:{name}"));
        }
        let path = Path::new(name_or_path);
        if !path.exists() {
            let names: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
            let hint = crate::text::did_you_mean(name_or_path, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(RubricError::Unknown {
                name: name_or_path.to_string(),
                known: names.join(", "),
                hint,
            });
        }
        let bytes = std::fs::read(path).map_err(|error| RubricError::Read {
            path: name_or_path.to_string(),
            error,
        })?;
        Rubric::parse(&decode(bytes, name_or_path)?, name_or_path)
    }

    /// Parses and validates rubric TOML; `origin` names it in messages.
    pub fn parse(src: &str, origin: &str) -> Result<Rubric, RubricError> {
        raw::parse(src, origin).map_err(|problems| RubricError::Invalid {
            path: origin.to_string(),
            problems,
        })
    }

    /// The stage with this level.
    pub fn stage(&self, level: i64) -> Option<&Arc<Stage>> {
        self.stages.iter().find(|s| i64::from(s.level) == level)
    }

    /// The index of the dimension a header or cell names, ignoring case: by id (`A`), by name
    /// (`Insatser`) or by both (`A Insatser`, `A. Insatser`, `A: Insatser`, `A) Insatser`).
    pub fn dimension_index(&self, text: &str) -> Option<usize> {
        let key = fold(text);
        self.dimensions.iter().position(|d| {
            let (id, name) = (fold(&d.id), fold(&d.name));
            key == id || key == name || names_both(&key, &id, &name)
        })
    }

    /// The dimension ids, in rubric order.
    pub fn dimension_ids(&self) -> impl Iterator<Item = &str> {
        self.dimensions.iter().map(|d| d.id.as_str())
    }

    /// The scale as a checker for many score cells: the step converted once.
    pub fn score_check(&self) -> ScoreCheck<'_> {
        self.score_check_in(Lang::En)
    }

    /// [`Rubric::score_check`] whose messages are in `lang`.
    pub fn score_check_in(&self, lang: Lang) -> ScoreCheck<'_> {
        ScoreCheck {
            rubric: self,
            lang,
            step: Score::from_exact(&self.scoring.step),
            max: i64::from(self.scoring.levels),
        }
    }

    /// Checks a score against the scale: within `1..=levels` and on the step.
    pub fn check_score(&self, score: &Exact) -> Result<(), String> {
        self.check_score_in(score, Lang::En)
    }

    /// [`Rubric::check_score`] with its message in `lang`.
    pub fn check_score_in(&self, score: &Exact, lang: Lang) -> Result<(), String> {
        let max = Exact::int(i64::from(self.scoring.levels));
        if *score < Exact::int(1) || *score > max {
            return Err(self.outside_scale(&score.to_plain(), lang));
        }
        if !score.is_multiple_of(&self.scoring.step) {
            return Err(self.off_step(&score.to_plain(), lang));
        }
        Ok(())
    }

    /// `score 11 is outside the rubric's scale 1–9`, in `lang`.
    fn outside_scale(&self, score: &str, lang: Lang) -> String {
        lang.fill(
            "input.score_outside",
            &[
                ("score", &lang.number(score)),
                ("levels", &self.scoring.levels),
            ],
        )
    }

    /// `score 4.25 is not a multiple of the rubric's step 0.5`, in `lang`.
    fn off_step(&self, score: &str, lang: Lang) -> String {
        lang.fill(
            "input.score_off_step",
            &[
                ("score", &lang.number(score)),
                ("step", &lang.number(&self.scoring.step.to_plain())),
            ],
        )
    }
}

/// Rubric text that is not UTF-8: where the first byte that UTF-8 does not allow is.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "the file is not UTF-8 text: line {line}, column {column} has the byte 0x{byte:02X}{seen}; \
     save it as UTF-8 (in Notepad: Save as, Encoding UTF-8) and try again"
)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
    pub byte: u8,
    /// What the byte is in Windows-1252, the usual other encoding: `, `ö` in Windows-1252`.
    seen: String,
}

/// A rubric file's bytes as text: UTF-8 is the only encoding TOML allows, so anything else is an
/// error that says where (Windows-1252 from an old editor is the usual cause) and how to fix it.
pub fn decode(bytes: Vec<u8>, path: &str) -> Result<String, RubricError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let valid = &bytes[..at];
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        let byte = [bytes[at]];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        let seen = match text.chars().next() {
            Some(c) if !c.is_control() => format!(", `{c}` in Windows-1252"),
            _ => String::new(),
        };
        RubricError::NotUtf8 {
            path: path.to_string(),
            detail: NotUtf8 {
                line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
                column,
                byte: byte[0],
                seen,
            },
        }
    })
}

/// Checks score cells against a rubric's scale; see [`Rubric::score_check`].
#[derive(Debug, Clone, Copy)]
pub struct ScoreCheck<'a> {
    rubric: &'a Rubric,
    /// The language of the messages.
    lang: Lang,
    step: Option<Score>,
    max: i64,
}

impl ScoreCheck<'_> {
    /// The language of the messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The score of a cell's bytes (spaces trimmed) when it is a valid score; `None` for any
    /// other cell, which [`ScoreCheck::parse`] gives the message of. No allocation.
    pub fn valid(&self, cell: &[u8]) -> Option<Score> {
        Score::parse_bytes(cell).filter(|s| self.in_scale(*s))
    }

    /// Within `1..=levels` and on the step.
    fn in_scale(&self, score: Score) -> bool {
        score.in_range(self.max) && self.step.is_some_and(|step| score.is_multiple_of(step))
    }

    /// A number, within `1..=levels`, on the step.
    pub fn parse(&self, text: &str) -> Result<Score, String> {
        let score = match Score::parse(text) {
            Some(score) => score,
            // Too many digits for a small score: exact parsing tells a long number from a
            // non-number, and the scale check rejects it either way.
            None => {
                return match Exact::parse(text) {
                    Some(x) => self.rubric.check_score_in(&x, self.lang).and(Err(self
                        .lang
                        .fill("input.score_digits", &[("cell", &text.trim())]))),
                    None => Err(self
                        .lang
                        .fill("input.score_not_number", &[("cell", &text.trim())])),
                };
            }
        };
        if self.in_scale(score) {
            return Ok(score);
        }
        if !score.in_range(self.max) {
            return Err(self.rubric.outside_scale(&score.to_plain(), self.lang));
        }
        Err(self.rubric.off_step(&score.to_plain(), self.lang))
    }
}

/// Whether a folded header is a dimension's folded id, a separator and its folded name.
fn names_both(key: &str, id: &str, name: &str) -> bool {
    let Some(rest) = key.strip_prefix(id) else {
        return false;
    };
    let name_part = rest.trim_start_matches([' ', '.', ':', ')']);
    name_part.len() < rest.len() && name_part == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_cell_is_valid_in_any_decimal_spelling_and_only_on_the_scale() {
        for (name, _) in EMBEDDED {
            let rubric = Rubric::load(name).unwrap();
            let check = rubric.score_check();
            for (text, valid) in [
                ("4", true),
                ("4.5", true),
                ("4,5", true),
                ("5.0", true),
                ("5,50", true),
                ("+7", true),
                ("9", true),
                ("0", false),
                ("9.5", false),
                ("4.25", false),
                ("-4", false),
                ("4.", true),
                (".5", false),
                ("x", false),
            ] {
                let parsed = check.parse(text);
                assert_eq!(parsed.is_ok(), valid, "{name} `{text}`: {parsed:?}");
                assert_eq!(check.valid(text.as_bytes()), parsed.ok(), "{name} `{text}`");
            }
            assert_eq!(check.parse("3,5"), Ok(Score::parse("3.5").unwrap()));
            assert!(
                check
                    .parse("0")
                    .unwrap_err()
                    .contains("outside the rubric's scale")
            );
            assert!(
                check
                    .parse("9.5")
                    .unwrap_err()
                    .contains("outside the rubric's scale")
            );
        }
        let mut whole = Rubric::load("crm6").unwrap();
        whole.scoring.step = Exact::int(1);
        let check = whole.score_check();
        assert!(check.parse("4.5").unwrap_err().contains("not a multiple"));
        assert_eq!(check.parse("4"), Ok(Score::int(4)));
    }

    #[test]
    fn embedded_rubrics_load_and_agree_on_structure() {
        let rubrics: Vec<Rubric> = EMBEDDED
            .iter()
            .map(|(n, _)| Rubric::load(n).unwrap_or_else(|e| panic!("{n}: {e}")))
            .collect();
        for r in &rubrics {
            assert_eq!(r.scoring.levels, 9, "{}", r.name);
            assert_eq!(r.scoring.step, Exact::parse("0.5").unwrap(), "{}", r.name);
            assert_eq!(r.scoring.min_interviews, 4, "{}", r.name);
            assert_eq!(r.scoring.max_gap, Exact::int(1), "{}", r.name);
            let levels: Vec<u32> = r.stages.iter().map(|s| s.level).collect();
            assert_eq!(levels, (1..=9).collect::<Vec<_>>(), "{}", r.name);
            for d in &r.dimensions {
                let ids: Vec<String> = d.anchors.iter().map(|a| a.id.clone()).collect();
                let expected: Vec<String> = (1..=9).map(|l| format!("{}{l}", d.id)).collect();
                assert_eq!(ids, expected, "{} {}", r.name, d.id);
            }
        }
        let ids = |r: &Rubric| r.dimension_ids().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(ids(&rubrics[0]), ["A", "B", "C", "D", "E", "F"]);
        assert_eq!(ids(&rubrics[1]), ids(&rubrics[0]), "crm6-sv mirrors crm6");
        assert_eq!(ids(&rubrics[2]), ["A", "B", "C", "D", "E"]);
        assert_eq!(rubrics[0].name, "crm6");
        assert_eq!(rubrics[1].language, "sv");
        assert_eq!(rubrics[1].stage(4).unwrap().name, "Förplanering");
        assert_eq!(rubrics[0].stage(4).unwrap().name, "Preplanning");
    }

    #[test]
    fn dimensions_are_found_by_id_or_name_ignoring_case() {
        let r = Rubric::load("crm6").unwrap();
        assert_eq!(r.dimension_index("c"), Some(2));
        assert_eq!(r.dimension_index("LEADERSHIP"), Some(2));
        assert_eq!(r.dimension_index("Ledarskap"), None);
        let sv = Rubric::load("crm6-sv").unwrap();
        assert_eq!(sv.dimension_index("ledarskap"), Some(2));
        // Id and name together, as spreadsheets often head their columns.
        for both in [
            "A Insatser",
            "A. Insatser",
            "a: insatser",
            "A) Insatser",
            "A.Insatser",
        ] {
            assert_eq!(sv.dimension_index(both), Some(0), "{both}");
        }
        assert_eq!(sv.dimension_index("E Kunskap om frågan"), Some(4));
        // Not an id and another dimension's name, nor a name that only begins the same.
        assert_eq!(sv.dimension_index("A Ledarskap"), None);
        assert_eq!(sv.dimension_index("AInsatser"), None);
        assert_eq!(sv.dimension_index("A Insatser i kommunen"), None);
    }

    #[test]
    fn text_that_is_not_utf8_says_where_and_how_to_fix_it() {
        // Windows-1252: `ö` is the single byte 0xF6, which UTF-8 never allows there.
        let bytes = b"name = \"ostergotland\"\r\ntitle = \"Sk\xE5ne\"\n".to_vec();
        let err = decode(bytes, "r.toml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "could not read rubric `r.toml`: the file is not UTF-8 text: line 2, column 12 has \
             the byte 0xE5, `å` in Windows-1252; save it as UTF-8 (in Notepad: Save as, Encoding \
             UTF-8) and try again"
        );
        // Columns count characters, not bytes; a byte that is nothing in Windows-1252 is shown
        // as a byte only.
        let mut bytes = "ö = 1\nää".as_bytes().to_vec();
        bytes.push(0x81);
        let err = decode(bytes, "r.toml").unwrap_err();
        let RubricError::NotUtf8 { detail, .. } = err else {
            panic!("{err}")
        };
        assert_eq!((detail.line, detail.column, detail.byte), (2, 3, 0x81));
        assert_eq!(detail.seen, "");
        assert_eq!(decode("ö\n".into(), "r.toml").unwrap(), "ö\n");
    }

    #[test]
    fn unknown_rubric_suggests_a_name() {
        let err = Rubric::load("crm6sv").unwrap_err().to_string();
        assert!(err.contains("did you mean `crm6-sv`"), "{err}");
    }
}
