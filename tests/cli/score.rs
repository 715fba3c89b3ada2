//! `readiness score`.

use crate::readiness;
use insta::assert_snapshot;

const DATA: &str = "data/ostergotland-scores.csv";

#[test]
fn table_on_example_data() {
    let run = readiness(&["score", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn csv_on_example_data() {
    let run = readiness(&["score", "--format", "csv", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn json_on_example_data() {
    let run = readiness(&["score", "--format", "json", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let kinda = &v["results"][2];
    assert_eq!(kinda["municipality"], "Kinda");
    assert_eq!(kinda["round"], serde_json::Value::Null);
    assert_eq!(kinda["interviews"], 6);
    assert_eq!(kinda["dimensions"]["A"]["interviews"], 6);
    assert_eq!(kinda["stage"], 4);
    assert_eq!(kinda["stage_name"], "Preplanning");
    assert_eq!(v["rubric"]["name"], "crm6");
}

#[test]
fn json_is_identical_across_runs() {
    let a = readiness(&["score", "--format", "json", DATA], None);
    let b = readiness(&["score", "--format", "json", DATA], None);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn markdown_on_example_data() {
    let run = readiness(&["score", "--format", "markdown", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn floating_point_trap_is_stage_five() {
    // tests/fixtures/trap.csv: exact overall mean 5; naive f64 sums give 4.999999999999999.
    let run = readiness(
        &["score", "--format", "csv", "tests/fixtures/trap.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
    assert!(run.stdout.contains(",5,5,Preparation,"), "{}", run.stdout);
}

#[test]
fn swedish_long_sheet_with_decimal_comma_and_semicolons() {
    let run = readiness(
        &[
            "score",
            "--rubric",
            "crm6-sv",
            "--detail",
            "tests/fixtures/swedish-long.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn strict_turns_warnings_into_exit_1() {
    let run = readiness(
        &[
            "score",
            "--strict",
            "--rubric",
            "crm6-sv",
            "tests/fixtures/swedish-long.csv",
        ],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    let run = readiness(&["score", "--strict", DATA], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn detail_json_has_each_interviews_combined_scores() {
    let run = readiness(
        &[
            "score",
            "--detail",
            "--format",
            "json",
            "--rubric",
            "crm6-sv",
            "tests/fixtures/swedish-long.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let input = std::fs::read(crate::root().join(DATA)).unwrap();
    let from_stdin = readiness(&["score", "--format", "csv", "-"], Some(&input));
    let from_file = readiness(&["score", "--format", "csv", DATA], None);
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn every_bad_row_is_reported_with_file_and_line() {
    let run = readiness(&["score", "tests/fixtures/bad-rows.csv"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_snapshot!(run.transcript());
}

#[test]
fn a_bad_header_names_what_is_missing() {
    let run = readiness(&["score", "tests/fixtures/bad-header.csv"], None);
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

/// Regression: a misspelt required column said only that the column was missing.
#[test]
fn a_misspelt_required_column_gets_did_you_mean() {
    let input = "municipality,interveiw,A,B,C,D,E,F\nKinda,K1,3,4,4,5,4,3\n";
    let run = readiness(&["score", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
    let input = "Kommun;Intervju;Bedömare;Dimension;Poang\nKinda;K1;Anna;A;3\n";
    let run = readiness(&["score", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`score` (a long scores file has `dimension` and `score`); did you mean: column `Poang`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_of_all_files_are_reported_together() {
    let run = readiness(
        &[
            "score",
            "tests/fixtures/bad-header.csv",
            "no/such/file.csv",
            "tests/fixtures/bad-rows.csv",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tests/fixtures/bad-header.csv:1:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no/such/file.csv: could not read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("tests/fixtures/bad-rows.csv:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_rubric_and_stdin_twice_are_usage_errors() {
    let run = readiness(
        &["score", "--rubric", "crm66", "data/ostergotland-scores.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!("unknown_rubric", run.stderr);
    let run = readiness(&["score", "-", "-"], Some(b""));
    assert_eq!(run.code, 2);
    assert_snapshot!("stdin_twice", run.stderr);
}

#[test]
fn missing_dimension_gives_null_stage() {
    let input = "municipality,interview,A,B,C,D,E\nYdre,Y1,2,2,2,2,2\nYdre,Y2,3,3,3,3,3\n";
    let run = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let r = &v["results"][0];
    assert!(
        r["overall"].is_null() && r["stage"].is_null() && r["stage_name"].is_null(),
        "{r}"
    );
    assert_eq!(r["dimensions"]["F"]["score"], serde_json::Value::Null);
    assert_eq!(r["dimensions"]["F"]["interviews"], 0);
    assert_snapshot!(r["warnings"].to_string());
}

#[test]
fn help_documents_exit_codes() {
    let run = readiness(&["score", "--help"], None);
    assert_eq!(run.code, 0);
    assert_snapshot!(run.stdout);
}

/// 4.9 from five interviews is not a firm stage 4. Interview means 4.5, 5, 5.5, 4, 5.5 (every
/// dimension alike); the overall interval from scipy 1.17.1 (`scripts/reference-values.py`,
/// "t interval"): (4.090534107645649, 5.709465892354352).
#[test]
fn four_point_nine_from_five_interviews_spans_stages_four_and_five() {
    let input = "municipality,interview,A,B,C,D,E,F\n\
                 Mjölby,M1,4.5,4.5,4.5,4.5,4.5,4.5\nMjölby,M2,5,5,5,5,5,5\n\
                 Mjölby,M3,5.5,5.5,5.5,5.5,5.5,5.5\nMjölby,M4,4,4,4,4,4,4\n\
                 Mjölby,M5,5.5,5.5,5.5,5.5,5.5,5.5\n";
    let run = readiness(&["score", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("4.90 ┆ 4.09–5.70 ┆ 4 Preplanning (4–5)"),
        "{}",
        run.stdout
    );
    assert_snapshot!(run.transcript());
    let json = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let r = &v["results"][0];
    let ci = [
        r["overall_ci95"][0].as_f64().unwrap(),
        r["overall_ci95"][1].as_f64().unwrap(),
    ];
    assert!((ci[0] - 4.090534107645649).abs() < 1e-9, "{ci:?}");
    assert!((ci[1] - 5.709465892354352).abs() < 1e-9, "{ci:?}");
    assert_eq!(r["stage_range"], serde_json::json!([4, 5]));
}

/// Kinda in the example data, against scipy 1.17.1 (`scripts/reference-values.py`): the overall
/// interval over its six interview means, and dimension A's over its six combined scores.
#[test]
fn intervals_on_example_data_match_scipy() {
    let run = readiness(&["score", "--format", "json", DATA], None);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let kinda = &v["results"][2];
    assert_eq!(kinda["municipality"], "Kinda");
    let pair = |x: &serde_json::Value| [x[0].as_f64().unwrap(), x[1].as_f64().unwrap()];
    for (got, want) in [
        (
            pair(&kinda["overall_ci95"]),
            [4.357383824775513, 4.61483839744671],
        ),
        (
            pair(&kinda["dimensions"]["A"]["ci95"]),
            [4.404903027393948, 5.2617636392727185],
        ),
    ] {
        assert!(
            (got[0] - want[0]).abs() < 1e-9 && (got[1] - want[1]).abs() < 1e-9,
            "{got:?} vs {want:?}"
        );
    }
    assert_eq!(kinda["stage_range"], serde_json::json!([4, 4]));
}

#[test]
fn one_interview_has_no_interval() {
    let input = "municipality,interview,A,B,C,D,E,F\nYdre,Y1,2,2,2,2,2,2\n";
    let run = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let r = &v["results"][0];
    assert!(
        r["overall_ci95"].is_null() && r["stage_range"].is_null(),
        "{r}"
    );
    assert!(r["dimensions"]["A"]["ci95"].is_null(), "{r}");
    let table = readiness(&["score", "-"], Some(input.as_bytes()));
    let row = table.stdout.lines().find(|l| l.contains("Ydre")).unwrap();
    let cells: Vec<&str> = row.trim_matches('│').split('┆').map(str::trim).collect();
    assert_eq!(
        cells[cells.len() - 2..],
        ["–", "2 Denial / resistance"],
        "{row}"
    );
}
