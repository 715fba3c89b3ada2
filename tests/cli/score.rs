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
    assert!(run.stdout.contains(",5,5,Preparation\n"), "{}", run.stdout);
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
