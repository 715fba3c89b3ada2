//! `readiness score` on coded segments: the anchor rule, QDA presets, the interview register, the
//! evidence trail, and that segment text stays private unless asked for.

use crate::readiness;
use insta::assert_snapshot;

const REGISTER: &str = "tests/fixtures/qda/register.csv";

/// Derived per-interview scores of a QDA fixture, as CSV (`--detail`).
fn detail_csv(tool: &str, register: bool) -> crate::Run {
    let file = format!("tests/fixtures/qda/{tool}.csv");
    let mut args = vec!["score", "--detail", "--format", "csv", "--from", tool];
    if register {
        args.extend(["--interviews", REGISTER]);
    }
    args.push(&file);
    let run = readiness(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn maxqda_paths_and_two_coders() {
    // Maria: A3, A4, A5~ → 4.5; Johan: A4, -A5 → 4; combined 4.25.
    let run = detail_csv("maxqda", false);
    assert!(
        run.stdout.contains("Kinda,,,Intervju Kinda 1,,4.25,"),
        "{}",
        run.stdout
    );
    assert_snapshot!(run.transcript());
}

#[test]
fn atlasti_codes_on_separate_lines_of_one_cell() {
    // A3, A4 → 4; B2 met, B3~ partly, -B4 → 2.5.
    let run = detail_csv("atlasti", false);
    assert!(
        run.stdout.contains("Kinda,,,Intervju Kinda 1,,4,2.5,"),
        "{}",
        run.stdout
    );
    assert_snapshot!(run.transcript());
}

#[test]
fn qualcoder_bom_quoted_crlf_with_register() {
    // Kinda 2: Maria C4 + C5~ → 4.5, Johan C5 → 5: 4.75.
    let run = detail_csv("qualcoder", true);
    assert!(
        run.stdout
            .contains("Kinda,2026,,Intervju Kinda 2,polis,,,4.75,"),
        "{}",
        run.stdout
    );
    assert_snapshot!(run.transcript());
}

#[test]
fn taguette_has_one_coder() {
    // D3 + D4~ → 3.5; the "coder" is the single implicit one.
    let run = detail_csv("taguette", true);
    assert!(
        run.stdout
            .contains("Kinda,2026,,Intervju Kinda 1,skola,,,,3.5,"),
        "{}",
        run.stdout
    );
    let json = readiness(
        &[
            "score",
            "--detail",
            "--format",
            "json",
            "--from",
            "taguette",
            "--interviews",
            REGISTER,
            "tests/fixtures/qda/taguette.csv",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let d = &v["results"][0]["detail"][0]["scores"]["D"];
    assert_eq!(d["scorers"]["coder"], 3.5, "{d}");
    assert_snapshot!(run.transcript());
}

#[test]
fn dedoose_codes_joined_with_semicolons() {
    // Ödeshög 1: E3, E4, -E5 → 4; F2, F3~ → 2.5.
    let run = detail_csv("dedoose", true);
    assert!(
        run.stdout
            .contains("Ödeshög,2026,,Intervju Ödeshög 1,socialtjänst,,,,,4,2.5,"),
        "{}",
        run.stdout
    );
    assert_snapshot!(run.transcript());
}

#[test]
fn exports_are_recognised_without_from() {
    for tool in ["maxqda", "atlasti"] {
        let file = format!("tests/fixtures/qda/{tool}.csv");
        let with = readiness(&["score", "--format", "csv", "--from", tool, &file], None);
        let without = readiness(&["score", "--format", "csv", &file], None);
        assert_eq!(without.code, 0, "{tool}: {}", without.stderr);
        assert_eq!(with.stdout, without.stdout, "{tool}");
    }
}

#[test]
fn detail_shows_the_evidence_trail() {
    let run = readiness(
        &["score", "--detail", "tests/fixtures/coded-small.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn detail_json_carries_evidence_rows_and_questions() {
    let run = readiness(
        &[
            "score",
            "--detail",
            "--format",
            "json",
            "tests/fixtures/coded-small.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let a = &v["results"][0]["detail"][0]["scores"]["A"];
    assert_eq!(a["scorers"]["Maria"], 4.5);
    assert_eq!(a["scorers"]["Johan"], 4.0);
    let maria: Vec<String> = a["evidence"]["Maria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e["code"], e["kind"], e["line"], e["question"]
            )
        })
        .collect();
    assert_eq!(
        maria,
        [
            r#""A3" "met" 2 "3""#,
            r#""A4" "met" 3 "3""#,
            r#""A5~" "partly" 3 "3""#
        ]
    );
    assert!(
        a["evidence"]["Maria"][0].get("text").is_none(),
        "no text without --show-text"
    );
    assert_eq!(
        v["notes"][0],
        "1 code names no anchor of rubric `crm6` and is not scored: Följ upp ×1"
    );
}

#[test]
fn segment_text_never_appears_without_show_text() {
    let inputs: [&[&str]; 4] = [
        &["tests/fixtures/coded-small.csv"],
        &["--interviews", REGISTER, "tests/fixtures/qda/qualcoder.csv"],
        &["tests/fixtures/qda/maxqda.csv"],
        // An error case: the register does not match this export.
        &["--interviews", REGISTER, "tests/fixtures/qda/maxqda.csv"],
    ];
    for input in inputs {
        for format in ["table", "csv", "json", "markdown"] {
            for detail in [false, true] {
                let mut args = vec!["score", "--format", format];
                if detail {
                    args.push("--detail");
                }
                args.extend(input);
                let run = readiness(&args, None);
                assert!(
                    !run.stdout.contains("HEMLIG") && !run.stderr.contains("HEMLIG"),
                    "segment text leaked with {args:?}:\n{}",
                    run.transcript()
                );
            }
        }
    }
    let run = readiness(
        &[
            "score",
            "--detail",
            "--show-text",
            "tests/fixtures/coded-small.csv",
        ],
        None,
    );
    assert!(
        run.stdout.contains("HEMLIG: chefen stöttar"),
        "{}",
        run.stdout
    );
    let run = readiness(
        &["score", "--show-text", "tests/fixtures/coded-small.csv"],
        None,
    );
    assert_eq!(run.code, 2, "--show-text needs --detail: {}", run.stderr);
}

#[test]
fn register_must_match_the_export_both_ways() {
    let run = readiness(
        &[
            "score",
            "--interviews",
            REGISTER,
            "tests/fixtures/qda/maxqda.csv",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
    let input = "id,document,tag,content\n1,Intervju Okänd,A4,x\n2,Intervju Okänd,B4,y\n";
    let reg = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        reg.path(),
        "intervju,kommun\nIntervju Okänd,Ydre\nIntervju Kinda 1,Kinda\n",
    )
    .unwrap();
    let run = readiness(
        &["score", "--interviews", reg.path().to_str().unwrap(), "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            ":3: interview `Intervju Kinda 1` is in the register but no coded segment names it"
        ),
        "{}",
        run.stderr
    );
    let input = "id,document,tag,content\n1,Intervju X,A4,x\n2,Intervju X,B4,y\n";
    let run = readiness(
        &["score", "--interviews", REGISTER, "-"],
        Some(input.as_bytes()),
    );
    assert!(run.stderr.contains("<stdin>:2: interview `Intervju X` is not in the interview register `tests/fixtures/qda/register.csv` (2 rows not used)"), "{}", run.stderr);
}

#[test]
fn a_misspelt_preset_column_gets_did_you_mean() {
    let input = "Document group,Document nme,Code,Created by\nKinda,K1,A4,Maria\n";
    let run = readiness(&["score", "--from", "maxqda", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

#[test]
fn an_export_without_municipality_needs_a_register() {
    let run = readiness(&["score", "tests/fixtures/qda/taguette.csv"], None);
    assert_eq!(run.code, 2);
    assert_snapshot!(run.stderr);
}

#[test]
fn example_coded_data_scores() {
    let run = readiness(
        &[
            "score",
            "--interviews",
            "data/coded/intervjuer.csv",
            "data/coded/segments.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn regression_text_in_the_wrong_column_is_never_echoed() {
    // The header names the columns in another order than the data: the segment text lands in
    // the code column. It must be counted, not shown.
    let swapped = "kommun,intervju,kodare,segment,kod\nKinda,K1,Maria,A4,HEMLIG: vi har ett nytt program för föräldrar\n";
    let run = readiness(
        &["score", "--format", "json", "-"],
        Some(swapped.as_bytes()),
    );
    assert!(
        !run.stdout.contains("HEMLIG") && !run.stderr.contains("HEMLIG"),
        "{}",
        run.transcript()
    );
    assert!(
        run.stdout
            .contains("1 value in the code column looks like text"),
        "{}",
        run.stdout
    );
    // A coded export without its header row: the first row's text must not be echoed as "the
    // header seen".
    let headless = "Kinda,K1,Maria,A4,HEMLIG: vi har ett nytt program för föräldrar\n";
    let run = readiness(&["score", "-"], Some(headless.as_bytes()));
    assert_eq!(run.code, 2);
    assert!(!run.stderr.contains("HEMLIG"), "{}", run.stderr);
    assert!(
        run.stderr.contains("<text of 45 characters>"),
        "{}",
        run.stderr
    );
}

#[test]
fn segments_without_a_code_are_reported_not_dropped() {
    let input = "kommun,intervju,kodare,kod,segment\nKinda,K1,Maria,A4,x\nKinda,K1,Maria,,y\nKinda,K1,Maria,,z\n";
    let run = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["notes"][0],
        "2 coded-segment rows have no code and are not scored (first at <stdin>:3)"
    );
    let f = &v["input"]["files"][0];
    assert_eq!(
        (f["rows"].as_u64(), f["used"].as_u64(), f["blank"].as_u64()),
        (Some(3), Some(1), Some(2))
    );
}

/// Two Taguette exports of interview `KIN-1`, one per coder, and their register, in a temporary
/// directory: Anna codes A5 and D3, Erik A6 and D4.
fn two_taguette_coders() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "reg.csv",
        "interview,municipality,round\nKIN-1,Kinda,2026\n",
    );
    write(
        "reg2.csv",
        "interview,municipality,round\nKIN-1,Kinda,2026\nKIN-2,Kinda,2026\n",
    );
    write(
        "taguette-anna.csv",
        "id,document,tag,content\r\n1,KIN-1,A5,HEMLIG\r\n2,KIN-1,D3,HEMLIG\r\n",
    );
    write(
        "taguette-erik.csv",
        "id,document,tag,content\r\n1,KIN-1,A6,HEMLIG\r\n2,KIN-1,D4,HEMLIG\r\n",
    );
    write(
        "taguette-kin2.csv",
        "id,document,tag,content\r\n1,KIN-2,A4,HEMLIG\r\n",
    );
    dir
}

#[test]
fn two_coder_less_exports_of_one_interview_need_their_coders_named() {
    let dir = two_taguette_coders();
    let files = ["taguette-anna.csv", "taguette-erik.csv"];
    let run = crate::readiness_in(
        dir.path(),
        &["score", "--interviews", "reg.csv", files[0], files[1]],
        None,
    );
    // Once merged into one coder `coder` (A 6.00 instead of 5.50).
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(
        run.stderr,
        "error: 1 error in the input:\n  taguette-erik.csv:2: `taguette-anna.csv` and \
         `taguette-erik.csv` have no coder column and both code interview `KIN-1`: name each \
         file's coder with `--coder taguette-anna.csv=NAME --coder taguette-erik.csv=NAME`\n"
    );
    // Named, each file is its own coder: the score is their mean, and both are scorers.
    let named = [
        "--interviews",
        "reg.csv",
        "--coder",
        "taguette-anna.csv=Anna",
        "--coder",
        "taguette-erik.csv=Erik",
        files[0],
        files[1],
    ];
    let score = crate::readiness_in(
        dir.path(),
        &[&["score", "--format", "json"][..], &named[..]].concat(),
        None,
    );
    assert_eq!(score.code, 0, "{}", score.stderr);
    let v: serde_json::Value = serde_json::from_str(&score.stdout).unwrap();
    assert_eq!(v["results"][0]["dimensions"]["A"]["score"], 5.5, "{v}");
    assert_eq!(v["results"][0]["dimensions"]["D"]["score"], 3.5, "{v}");
    let agreement =
        crate::readiness_in(dir.path(), &[&["agreement"][..], &named[..]].concat(), None);
    assert_eq!(agreement.code, 0, "{}", agreement.stderr);
    assert!(
        agreement.stdout.contains("Scorers: Anna, Erik"),
        "{}",
        agreement.stdout
    );
    // Coder-less exports of different interviews are fine together, as is one alone.
    for (register, files) in [
        ("reg2.csv", &["taguette-anna.csv", "taguette-kin2.csv"][..]),
        ("reg.csv", &files[..1]),
    ] {
        let run = crate::readiness_in(
            dir.path(),
            &[&["score", "--interviews", register][..], files].concat(),
            None,
        );
        assert!(run.code < 2, "{files:?}: {}", run.stderr);
    }
}

#[test]
fn coder_must_name_an_input_without_a_coder_column() {
    let dir = two_taguette_coders();
    std::fs::write(
        dir.path().join("maxqda.csv"),
        "Document group,Document name,Code,Created by\nKinda,KIN-3,A4,Maria\n",
    )
    .unwrap();
    let run = crate::readiness_in(
        dir.path(),
        &[
            "score",
            "--interviews",
            "reg.csv",
            "--coder",
            "taguette-ana.csv=Anna",
            "--coder",
            "maxqda.csv=Maria",
            "taguette-anna.csv",
            "maxqda.csv",
        ],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    for expected in [
        "taguette-ana.csv: `--coder taguette-ana.csv=Anna` names no input file: FILE must be one \
         of the inputs as given (`taguette-anna.csv`, `maxqda.csv`); did you mean \
         `taguette-anna.csv`?",
        "maxqda.csv:1: `--coder` names this file's coder, but it has its own coder column \
         `Created by`: leave `--coder` out for it",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    let run = crate::readiness_in(dir.path(), &["score", "--coder", "anna"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not FILE=NAME"), "{}", run.stderr);
}

#[test]
fn detail_csv_carries_the_evidence_trail_without_segment_text() {
    let args = [
        "score",
        "--detail",
        "--show-text",
        "--format",
        "csv",
        "--interviews",
        "data/coded/intervjuer.csv",
        "data/coded/segments.csv",
    ];
    let run = readiness(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut rows = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = rows.headers().unwrap().clone();
    let a = header.iter().position(|h| h == "A_evidence").unwrap();
    let first = rows.records().next().unwrap().unwrap();
    assert_eq!(&first[3], "KIN-1");
    // Johan A2, A3 → 3; Maria A3, A4, A5~ → 4.5 (the table's evidence trail, in one cell).
    assert_eq!(
        &first[a],
        "Johan: A2 (data/coded/segments.csv:22, q 1), A3 (data/coded/segments.csv:23, q 1) | \
         Maria: A3 (data/coded/segments.csv:2, q 3), A4 (data/coded/segments.csv:3, q 3), \
         A5~ (data/coded/segments.csv:4, q 3)"
    );
    // Segment text is personal data: even with --show-text it stays out of the CSV cells.
    let mut segments =
        csv::Reader::from_path(crate::root().join("data/coded/segments.csv")).unwrap();
    for segment in segments.records() {
        let text = segment.unwrap()[4].to_string();
        assert!(!run.stdout.contains(&text), "{text}");
    }
}
