//! Property tests, in-process through the library: the readers never panic on arbitrary input,
//! and the scoring invariants hold on generated data.

use proptest::prelude::*;
use readiness::domain::rounds::{CompareReport, Presence, Selection, Verdict, compare};
use readiness::domain::score::{
    GroupResult, InputSummary, RubricSummary, ScoreOptions, ScoreReport, score,
};
use readiness::engine::store::Sheet;
use readiness::input::{ReadOptions, read_all};
use readiness::model::number::Exact;
use readiness::rubric::Rubric;
use std::io::Write;

/// Reads `contents` as one or more files (each a temp file) and scores them.
fn score_files(contents: &[Vec<u8>], rubric: &Rubric) -> Result<Vec<GroupResult>, String> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = dir.path().join(format!("in{i}.csv"));
            std::fs::File::create(&path).unwrap().write_all(c).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();
    let mut sheet = Sheet::new(rubric.dimensions.len());
    read_all(&paths, rubric, &ReadOptions::default(), &mut sheet).map_err(|e| e.to_string())?;
    Ok(score(&sheet, rubric, ScoreOptions::default()))
}

fn crm6() -> Rubric {
    Rubric::load("crm6").unwrap()
}

/// Header words the readers know, and some they do not.
fn header_word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "municipality",
        "kommun",
        "interview",
        "intervju",
        "scorer",
        "bedömare",
        "dimension",
        "score",
        "poäng",
        "round",
        "coder",
        "code",
        "kod",
        "segment",
        "A",
        "B",
        "F",
        "Leadership",
        "document",
        "tag",
        "Codes",
        "x",
        "",
    ])
    .prop_map(str::to_string)
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "4",
            "4,5",
            "10",
            "-1",
            "A",
            "A4",
            "-B3",
            "C5~",
            "consensus",
            "",
            "NaN",
            "ö",
            "\"",
            "a;b"
        ])
        .prop_map(str::to_string),
        "[ -~åäöÅÄÖ\n]{0,8}",
    ]
}

/// A valid long scores file: (municipality, interview, scorer, dimension, half-levels).
fn valid_rows() -> impl Strategy<Value = Vec<(u8, u8, u8, u8, u8)>> {
    prop::collection::vec((0u8..3, 0u8..5, 0u8..3, 0u8..6, 2u8..=18), 1..120)
}

fn long_csv(rows: &[(u8, u8, u8, u8, u8)]) -> Vec<u8> {
    let mut out = String::from("municipality,interview,scorer,dimension,score\n");
    for (m, i, s, d, h) in rows {
        let scorer = ["Anna", "Erik", "consensus"][*s as usize];
        let score = if h.is_multiple_of(2) {
            format!("{}", h / 2)
        } else {
            format!("{}.5", h / 2)
        };
        out.push_str(&format!(
            "Kommun {m},K{i},{scorer},{},{score}\n",
            ["A", "B", "C", "D", "E", "F"][*d as usize]
        ));
    }
    out.into_bytes()
}

/// Keeps the first of each (municipality, interview, scorer, dimension): duplicates are errors.
fn dedup(rows: &[(u8, u8, u8, u8, u8)]) -> Vec<(u8, u8, u8, u8, u8)> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        .copied()
        .filter(|r| seen.insert((r.0, r.1, r.2, r.3)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = score_files(&[bytes], &crm6());
    }

    #[test]
    fn wrong_but_well_formed_csv_never_panics(
        header in prop::collection::vec(header_word(), 1..7),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12),
        delimiter in prop::sample::select(vec![',', ';', '\t']),
    ) {
        let line = |cells: &[String]| cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(&delimiter.to_string());
        let mut text = line(&header);
        for r in &rows {
            text.push('\n');
            text.push_str(&line(r));
        }
        let _ = score_files(&[text.into_bytes()], &crm6());
    }

    #[test]
    fn arbitrary_toml_never_panics(text in "[ -~\n]{0,300}") {
        let _ = Rubric::parse(&text, "prop.toml");
    }

    #[test]
    fn mutated_rubrics_never_panic(cut in 0usize..6000, insert in "[ -~\n]{0,20}") {
        let src = readiness::rubric::EMBEDDED[0].1;
        let mut at = cut.min(src.len());
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        let mutated = format!("{}{insert}{}", &src[..at], &src[at..]);
        let _ = Rubric::parse(&mutated, "prop.toml");
    }

    #[test]
    fn scoring_invariants_hold(rows in valid_rows()) {
        let rows = dedup(&rows);
        let results = score_files(&[long_csv(&rows)], &crm6()).unwrap();
        for r in &results {
            let dims: Vec<Exact> = r.dimensions.0.iter().filter_map(|(_, d)| d.score.clone()).collect();
            for d in &dims {
                prop_assert!(*d >= Exact::int(1) && *d <= Exact::int(9));
            }
            match (&r.overall, r.stage_level()) {
                (Some(overall), Some(stage)) => {
                    prop_assert_eq!(dims.len(), 6);
                    prop_assert!(overall >= dims.iter().min().unwrap() && overall <= dims.iter().max().unwrap());
                    prop_assert_eq!(stage, overall.floor());
                }
                (None, None) => prop_assert!(dims.len() < 6),
                other => prop_assert!(false, "overall and stage disagree: {:?}", other),
            }
        }
    }

    #[test]
    fn dimension_score_lies_within_its_interviews(rows in valid_rows()) {
        let rows = dedup(&rows);
        let rubric = crm6();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, long_csv(&rows)).unwrap();
        let mut sheet = Sheet::new(6);
        read_all(&[path.to_string_lossy().into_owned()], &rubric, &ReadOptions::default(), &mut sheet).unwrap();
        for r in score(&sheet, &rubric, ScoreOptions { detail: true, ..ScoreOptions::default() }) {
            for (id, dim) in &r.dimensions.0 {
                let combined: Vec<Exact> = r.detail.iter().flatten()
                    .filter_map(|i| i.scores.get(id).cloned().flatten())
                    .map(|c| c.combined)
                    .collect();
                prop_assert_eq!(combined.len(), dim.interviews);
                if let Some(s) = &dim.score {
                    prop_assert!(s >= combined.iter().min().unwrap() && s <= combined.iter().max().unwrap());
                }
            }
        }
    }

    #[test]
    fn shuffling_or_splitting_changes_nothing(rows in valid_rows(), seed in any::<u64>(), split in 0usize..200) {
        let rows = dedup(&rows);
        let rubric = crm6();
        let whole = score_files(&[long_csv(&rows)], &rubric).unwrap();
        let mut shuffled = rows.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let at = split.min(shuffled.len());
        let parts = score_files(&[long_csv(&shuffled[..at]), long_csv(&shuffled[at..])], &rubric).unwrap();
        let key = |r: &GroupResult| (r.key.municipality.clone(), format!("{:?}", r.dimensions), format!("{:?}", r.overall), r.stage_level(), r.warnings.len());
        prop_assert_eq!(whole.iter().map(key).collect::<Vec<_>>(), parts.iter().map(key).collect::<Vec<_>>());
    }

    #[test]
    fn codes_never_panic(code in "[ -~åäö\n;>\\\\:~−-]{0,16}") {
        let rubric = crm6();
        let anchors = readiness::domain::coding::Anchors::new(&rubric);
        for c in readiness::domain::coding::split_codes(&code) {
            let _ = anchors.parse(c);
        }
    }
}

/// Rows `(municipality, round, interview, dimension, score in half points)` of a long file with
/// a round column: two rounds `r1`, `r2`.
fn round_rows() -> impl Strategy<Value = Vec<(u8, u8, u8, u8, u8)>> {
    prop::collection::vec((0u8..3, 0u8..2, 0u8..4, 0u8..6, 2u8..=18), 1..80)
}

/// The comparison report of two rounds of `rows`, from `from` to `to`.
fn compared(rows: &[(u8, u8, u8, u8, u8)], from: &str, to: &str) -> Option<CompareReport> {
    let mut seen = std::collections::HashSet::new();
    let mut text = String::from("municipality,round,interview,dimension,score\n");
    for &(m, r, i, d, s) in rows {
        if seen.insert((m, r, i, d)) {
            let dim = ["A", "B", "C", "D", "E", "F"][d as usize];
            text.push_str(&format!(
                "M{m},r{},I{r}-{i},{dim},{}\n",
                r + 1,
                f64::from(s) / 2.0
            ));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rounds.csv");
    std::fs::write(&path, text).unwrap();
    let rubric = crm6();
    let mut sheet = Sheet::new(rubric.dimensions.len());
    let paths = [path.to_string_lossy().into_owned()];
    let read = read_all(&paths, &rubric, &ReadOptions::default(), &mut sheet).unwrap();
    let options = ScoreOptions {
        samples: true,
        ..ScoreOptions::default()
    };
    let report = ScoreReport {
        rubric: RubricSummary::of(&rubric),
        results: score(&sheet, &rubric, options),
        warnings: read.warnings,
        notes: read.notes,
        input: InputSummary::default(),
    };
    let selection = Selection {
        from: Some(from.into()),
        to: Some(to.into()),
    };
    compare(report, &selection).ok()
}

fn negated(x: &Option<Exact>) -> Option<Exact> {
    x.as_ref().map(|x| &Exact::int(0) - x)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Swapping the two rounds negates every change and its interval, swaps up and down, the
    /// stages, the presence and the county's counts.
    #[test]
    fn swapping_the_rounds_negates_every_change(rows in round_rows()) {
        let (Some(ab), Some(ba)) = (compared(&rows, "r1", "r2"), compared(&rows, "r2", "r1")) else {
            // One round only: nothing to compare either way.
            prop_assert!(compared(&rows, "r2", "r1").is_none());
            return Ok(());
        };
        prop_assert_eq!(ab.comparisons.len(), ba.comparisons.len());
        for (x, y) in ab.comparisons.iter().zip(&ba.comparisons) {
            prop_assert_eq!(&x.municipality, &y.municipality);
            let swapped = match x.presence {
                Presence::Both => Presence::Both,
                Presence::EarlierOnly => Presence::LaterOnly,
                Presence::LaterOnly => Presence::EarlierOnly,
            };
            prop_assert_eq!(y.presence, swapped);
            prop_assert_eq!((x.stage.earlier, x.stage.later), (y.stage.later, y.stage.earlier));
            let changes = x.dimensions.0.iter().map(|(_, c)| c).chain([&x.overall]);
            let reversed = y.dimensions.0.iter().map(|(_, c)| c).chain([&y.overall]);
            for (c, d) in changes.zip(reversed) {
                prop_assert_eq!(&c.change, &negated(&d.change));
                prop_assert_eq!(c.verdict, d.verdict.map(Verdict::reversed));
                prop_assert_eq!(c.reason, d.reason);
                prop_assert_eq!(c.df, d.df);
                if let (Some([lo, hi]), Some([dlo, dhi])) = (c.ci95, d.ci95) {
                    prop_assert!((lo + dhi).abs() < 1e-9 && (hi + dlo).abs() < 1e-9);
                } else {
                    prop_assert_eq!(c.ci95.is_none(), d.ci95.is_none());
                }
            }
        }
        let (x, y) = (&ab.county[0], &ba.county[0]);
        prop_assert_eq!((x.stage_up, x.stage_same, x.stage_down), (y.stage_down, y.stage_same, y.stage_up));
        prop_assert_eq!((x.clearly_up, x.clearly_down), (y.clearly_down, y.clearly_up));
        prop_assert_eq!(&x.mean_change, &negated(&y.mean_change));
    }
}
