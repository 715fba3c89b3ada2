//! Coded-segment exports: the generic layout and the presets for QDA tools.
//!
//! One row per coded segment. The generic layout has `municipality, interview, coder, code`
//! (Swedish `kommun, intervju, kodare, kod`), optional `question`/`fråga`, `segment`, `round`/
//! `omgång`, `role`/`roll`. A preset (`--from maxqda` …) maps a tool's own export headers onto
//! those fields; see `shared/domain/QDA-EXPORTS.md` for the formats. Headers a preset does not name
//! are ignored: exports carry many (colours, dates, memos).

use crate::lang::Lang;
use crate::model::Message;
use crate::text::fold;

/// QDA tools whose exports `--from` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// MAXQDA "Coded Segments" export (English or German headers).
    Maxqda,
    /// ATLAS.ti Quotation Manager export.
    Atlasti,
    /// QualCoder 3.6+ coding report (one row per coding).
    Qualcoder,
    /// Taguette highlights export (no coder column: one coder per file, named with --coder).
    Taguette,
    /// Dedoose excerpts export.
    Dedoose,
}

/// Which header words name each field of a coded-segments file, in order of preference.
#[derive(Debug)]
pub struct Preset {
    pub name: &'static str,
    pub municipality: &'static [&'static str],
    pub interview: &'static [&'static str],
    pub coder: &'static [&'static str],
    pub code: &'static [&'static str],
    pub question: &'static [&'static str],
    pub segment: &'static [&'static str],
    pub round: &'static [&'static str],
    pub role: &'static [&'static str],
}

/// The generic layout, English and Swedish.
pub const GENERIC: Preset = Preset {
    name: "coded segments",
    municipality: &["municipality", "kommun"],
    interview: &["interview", "intervju"],
    coder: &["coder", "kodare"],
    code: &["code", "kod", "codes", "koder"],
    question: &["question", "fråga"],
    segment: &["segment", "text"],
    round: &["round", "omgång"],
    role: &["role", "roll"],
};

const MAXQDA: Preset = Preset {
    name: "MAXQDA export",
    municipality: &["document group", "dokumentgruppe"],
    interview: &["document name", "dokumentname"],
    coder: &["created by", "erstellt von"],
    code: &["code"],
    question: &[],
    segment: &["segment"],
    round: &[],
    role: &[],
};

const ATLASTI: Preset = Preset {
    name: "ATLAS.ti export",
    municipality: &["document groups"],
    interview: &["document"],
    coder: &["created by"],
    code: &["codes"],
    question: &[],
    segment: &["quotation content"],
    round: &[],
    role: &[],
};

const QUALCODER: Preset = Preset {
    name: "QualCoder export",
    municipality: &[
        "filevar kommun",
        "filevar municipality",
        "casevar kommun",
        "casevar municipality",
    ],
    interview: &["filename", "file"],
    coder: &["coder"],
    code: &["codename"],
    question: &[],
    segment: &["coded"],
    round: &[
        "filevar round",
        "filevar omgång",
        "casevar round",
        "casevar omgång",
    ],
    role: &[
        "filevar role",
        "filevar roll",
        "casevar role",
        "casevar roll",
    ],
};

const TAGUETTE: Preset = Preset {
    name: "Taguette export",
    municipality: &[],
    interview: &["document"],
    coder: &[],
    code: &["tag"],
    question: &[],
    segment: &["content"],
    round: &[],
    role: &[],
};

const DEDOOSE: Preset = Preset {
    name: "Dedoose export",
    municipality: &[],
    interview: &["media title"],
    coder: &["excerpt creator"],
    code: &["codes applied combined"],
    question: &[],
    segment: &["excerpt copy"],
    round: &[],
    role: &[],
};

impl Tool {
    pub fn preset(self) -> &'static Preset {
        match self {
            Tool::Maxqda => &MAXQDA,
            Tool::Atlasti => &ATLASTI,
            Tool::Qualcoder => &QUALCODER,
            Tool::Taguette => &TAGUETTE,
            Tool::Dedoose => &DEDOOSE,
        }
    }

    /// The tools whose export this header is, tried when no `--from` is given.
    pub fn recognise(headers: &[String]) -> Option<Tool> {
        [
            Tool::Maxqda,
            Tool::Atlasti,
            Tool::Qualcoder,
            Tool::Taguette,
            Tool::Dedoose,
        ]
        .into_iter()
        .find(|t| {
            let p = t.preset();
            find(headers, p.interview).is_some() && find(headers, p.code).is_some()
        })
    }
}

/// The name of a coder in exports without a coder column (Taguette): all rows are one coder.
pub const SINGLE_CODER: &str = "coder";

/// Where each field is in a coded-segments file.
#[derive(Debug, Clone)]
pub struct CodedColumns {
    pub preset: &'static str,
    /// The preset the columns were found with.
    pub from: &'static Preset,
    pub municipality: Option<usize>,
    pub interview: usize,
    pub coder: Option<usize>,
    pub code: usize,
    pub question: Option<usize>,
    pub segment: Option<usize>,
    pub round: Option<usize>,
    pub role: Option<usize>,
    pub width: usize,
}

/// The first header (in the preset's order of preference) that names the field.
fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| {
        headers
            .iter()
            .position(|h| fold(h).replace(' ', "") == name.replace(' ', ""))
    })
}

/// A header cell that names no field of `preset` and looks like a misspelling of one of `names`.
fn misspelt<'a>(headers: &'a [String], preset: &Preset, names: &[&str]) -> Option<&'a str> {
    let fields = [
        preset.municipality,
        preset.interview,
        preset.coder,
        preset.code,
        preset.question,
        preset.segment,
        preset.round,
        preset.role,
    ];
    let cells = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !fields.iter().any(|f| find(headers, f) == Some(*i)))
        .map(|(_, h)| h.as_str());
    crate::text::misspelt_column(cells, names)
}

impl Preset {
    /// What a file read with this preset is, as messages say it (`MAXQDA export`, `kodade
    /// segment`).
    pub fn said(&self) -> Message {
        match self.name.strip_suffix(" export") {
            Some(tool) => Message::new("read.shape.export").text_arg("tool", tool),
            None => Message::new("read.shape.coded"),
        }
    }
}

impl CodedColumns {
    /// Maps a header with `preset`; errors name what is missing and what was expected.
    pub fn classify(
        headers: &[String],
        preset: &'static Preset,
        lang: Lang,
    ) -> Result<CodedColumns, Vec<String>> {
        let mut errors = Vec::new();
        let mut required = |names: &[&str], field: &str| {
            let found = find(headers, names);
            if found.is_none() {
                let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                let hint = misspelt(headers, preset, names).map_or(String::new(), |column| {
                    lang.fill("input.header.did_you_mean", &[("column", &column)])
                });
                errors.push(lang.fill(
                    "read.coded_missing",
                    &[
                        ("field", &lang.text(field)),
                        ("preset", &preset.said().text(lang)),
                        ("expected", &expected.join(lang.text("read.or"))),
                        ("hint", &hint),
                    ],
                ));
            }
            found
        };
        let interview = required(preset.interview, "read.the_interview");
        let code = required(preset.code, "read.the_code");
        match (interview, code) {
            (Some(interview), Some(code)) => Ok(CodedColumns {
                preset: preset.name,
                from: preset,
                municipality: find(headers, preset.municipality),
                interview,
                coder: find(headers, preset.coder),
                code,
                question: find(headers, preset.question),
                segment: find(headers, preset.segment),
                round: find(headers, preset.round),
                role: find(headers, preset.role),
                width: headers.len(),
            }),
            _ => Err(errors),
        }
    }

    /// Whether a header is the generic coded layout: it has an interview and a code column.
    pub fn is_generic(headers: &[String]) -> bool {
        find(headers, GENERIC.interview).is_some() && find(headers, GENERIC.code).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn each_tool_is_recognised_from_its_own_header() {
        let cases = [
            (
                "Color,Document group,Document name,Code,Code alias,Beginning,End,Weight score,Segment,Modified by,Modified,Created by,Created",
                Tool::Maxqda,
            ),
            (
                "Farbe,Dokumentgruppe,Dokumentname,Segment,Code,Erstellt am",
                Tool::Maxqda,
            ),
            (
                "ID,Quotation Name,Document,Document Groups,Quotation Content,Comment,Codes,Reference,Density,Created by,Modified by,Created,Modified",
                Tool::Atlasti,
            ),
            (
                "File,Coder,Coded,Id,Codename,Coded_Memo,Category,Category",
                Tool::Qualcoder,
            ),
            (
                "Case,Filename,Coder,Coded,Id,Codename,Coded_Memo,Category,FileVar_kommun",
                Tool::Qualcoder,
            ),
            ("id,document,tag,content", Tool::Taguette),
            (
                "Media Title,Excerpt Range,Excerpt Creator,Excerpt Date,Excerpt Copy,Resource Creator,Resource Date,Codes Applied Combined",
                Tool::Dedoose,
            ),
        ];
        for (line, tool) in cases {
            assert_eq!(Tool::recognise(&headers(line)), Some(tool), "{line}");
        }
    }

    #[test]
    fn presets_map_fields() {
        let h = headers("Case,Filename,Coder,Coded,Id,Codename,Coded_Memo,Category,FileVar_kommun");
        let c = CodedColumns::classify(&h, Tool::Qualcoder.preset(), Lang::En).unwrap();
        assert_eq!(
            (c.interview, c.coder, c.code, c.segment, c.municipality),
            (1, Some(2), 5, Some(3), Some(8))
        );
        let h = headers("id,document,tag,content");
        let c = CodedColumns::classify(&h, Tool::Taguette.preset(), Lang::En).unwrap();
        assert_eq!((c.coder, c.municipality), (None, None));
    }

    #[test]
    fn missing_columns_say_what_the_preset_expects() {
        let errs =
            CodedColumns::classify(&headers("Document,Tag"), Tool::Maxqda.preset(), Lang::En)
                .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[1].contains("for the code in a MAXQDA export: expected `code`"),
            "{errs:?}"
        );
        assert!(errs[0].contains("missing required column for the interview in a MAXQDA export: expected `document name` or `dokumentname`"), "{errs:?}");
    }

    #[test]
    fn a_misspelt_required_column_gets_a_suggestion() {
        let h = headers("Kommun,Intervjuu,Kodare,Kod");
        let errs = CodedColumns::classify(&h, &GENERIC, Lang::En).unwrap_err();
        assert_eq!(
            errs,
            [
                "missing required column for the interview in a coded segments: expected \
              `interview` or `intervju`; did you mean: column `Intervjuu`?"
            ]
        );
        // A column that is another field is not offered: `Document Group` is the municipality.
        let h = headers("Document Group,Document nam,Code,Created by");
        let errs = CodedColumns::classify(&h, Tool::Maxqda.preset(), Lang::En).unwrap_err();
        assert!(
            errs[0].ends_with("`dokumentname`; did you mean: column `Document nam`?"),
            "{errs:?}"
        );
        let h = headers("Media Title,Excerpt Creator,Codes Applied");
        let errs = CodedColumns::classify(&h, Tool::Dedoose.preset(), Lang::En).unwrap_err();
        assert!(
            errs[0].ends_with("`codes applied combined`; did you mean: column `Codes Applied`?"),
            "{errs:?}"
        );
        let h = headers("Media Title,Excerpt Creator,Excerpt Copy");
        let errs = CodedColumns::classify(&h, Tool::Dedoose.preset(), Lang::En).unwrap_err();
        assert!(errs[0].ends_with("`codes applied combined`"), "{errs:?}");
    }

    #[test]
    fn generic_layout_in_swedish() {
        let h = headers("Kommun,Intervju,Kodare,Kod,Fråga,Segment");
        assert!(CodedColumns::is_generic(&h));
        let c = CodedColumns::classify(&h, &GENERIC, Lang::En).unwrap();
        assert_eq!(
            (c.municipality, c.coder, c.question, c.segment),
            (Some(0), Some(2), Some(4), Some(5))
        );
    }
}
