//! `readiness compare`: rounds of the example data (2023, 2025, 2027: files without a round
//! column, named with `--round FILE=ROUND`) and a small fixture with a round column.

use crate::readiness;
use insta::assert_snapshot;

const R2023: &str = "data/ostergotland-scores.csv";
const R2025: &str = "data/ostergotland-2025.csv";
const R2027: &str = "data/ostergotland-2027.csv";
const FIXTURE: &str = "tests/fixtures/rounds-long.csv";

/// The first comparison of `municipality` in a JSON report.
fn of<'a>(v: &'a serde_json::Value, municipality: &str) -> &'a serde_json::Value {
    v["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["municipality"] == municipality)
        .unwrap()
}

/// Each example file's round, as `--round` names it.
const ROUNDS: [&str; 3] = [
    "data/ostergotland-scores.csv=2023",
    "data/ostergotland-2025.csv=2025",
    "data/ostergotland-2027.csv=2027",
];

/// `compare` with the first `n` example rounds named, `extra` options and `files`.
fn with_rounds(n: usize, extra: &[&str], files: &[&str]) -> crate::Run {
    let mut args = vec!["compare"];
    for round in &ROUNDS[..n] {
        args.extend(["--round", round]);
    }
    args.extend_from_slice(extra);
    args.extend_from_slice(files);
    readiness(&args, None)
}

/// `compare` on the 2023 and 2025 rounds with `extra` options.
fn two_rounds(extra: &[&str]) -> crate::Run {
    with_rounds(2, extra, &[R2023, R2025])
}

/// `compare` on the three example rounds with `extra` options, the files in the order given.
fn three_rounds(extra: &[&str], files: &[&str]) -> crate::Run {
    with_rounds(3, extra, files)
}

#[test]
fn table_on_two_example_rounds() {
    let run = two_rounds(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn markdown_on_two_example_rounds() {
    let run = two_rounds(&["--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn csv_on_two_example_rounds_is_long() {
    let run = two_rounds(&["--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 13 municipalities × (6 dimensions + overall) rows, and the header.
    assert_eq!(run.stdout.lines().count(), 1 + 13 * 7);
    assert_snapshot!(run.stdout);
}

#[test]
fn json_on_two_example_rounds() {
    let run = two_rounds(&["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["rounds"], serde_json::json!(["2023", "2025"]));
    let vadstena = of(&v, "Vadstena");
    assert_eq!(vadstena["overall"]["verdict"], "down");
    assert_eq!(vadstena["stage"]["changed"], true);
    let ydre = of(&v, "Ydre");
    assert_eq!(ydre["presence"], "earlier_only");
    assert_eq!(ydre["overall"]["reason"], "one_round_only");
    assert_eq!(v["county"][0]["municipalities"], 12);
    // scipy 1.17.1 on the same interviews (`scripts/welch-reference.py`, "example rounds"):
    // ttest_ind(later, earlier, equal_var=False) and ttest_rel for the county.
    let close = |x: &serde_json::Value, want: f64| {
        let got = x.as_f64().unwrap();
        assert!((got - want).abs() < 1e-9, "{got} vs scipy {want}");
    };
    let boxholm_a = &of(&v, "Boxholm")["dimensions"]["A"];
    close(&boxholm_a["df"], 5.919957310565634);
    close(&boxholm_a["ci95"][0], -0.2867882213748849);
    close(&boxholm_a["ci95"][1], 2.036788221374885);
    let overall = &vadstena["overall"];
    close(&overall["df"], 3.9592190889370973);
    close(&overall["ci95"][0], -1.4211425611367239);
    close(&overall["ci95"][1], -0.8288574388632752);
    let kinda = &of(&v, "Kinda")["overall"];
    close(&kinda["ci95"][0], -0.34082074353253916);
    close(&kinda["ci95"][1], 0.3130429657547606);
    assert_eq!(kinda["verdict"], "unclear");
    let county = &v["county"][0];
    close(&county["mean_change"], 0.6319444444444446);
    close(&county["ci95"][0], 0.16763480278615583);
    close(&county["ci95"][1], 1.0962540861027334);
}

#[test]
fn swedish_table() {
    let run = two_rounds(&["--lang", "sv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn three_rounds_give_each_pair_first_to_last_and_trends() {
    // The files in another order than their rounds': rounds are ordered by name.
    let run = three_rounds(&[], &[R2027, R2023, R2025]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn fail_on_down_exits_one_when_a_municipality_clearly_went_down() {
    let run = two_rounds(&["--fail-on", "down", "--format", "csv"]);
    assert_eq!(run.code, 1, "Vadstena clearly went down: {}", run.stderr);
    let run = two_rounds(&["--format", "csv"]);
    assert_eq!(run.code, 0);
}

#[test]
fn earlier_and_later_pick_one_pair_in_either_direction() {
    let run = two_rounds(&["--earlier", "2025", "--later", "2023", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["pairs"],
        serde_json::json!([{"from": "2025", "to": "2023"}])
    );
    let vadstena = of(&v, "Vadstena");
    assert_eq!(vadstena["overall"]["verdict"], "up");
}

#[test]
fn a_round_column_in_natural_order_with_degenerate_municipalities() {
    let run = readiness(&["compare", FIXTURE], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
    let json = readiness(&["compare", "--format", "json", FIXTURE], None);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["rounds"], serde_json::json!(["omgång 2", "omgång 10"]));
    let reason = |m: &str| of(&v, m)["overall"]["reason"].clone();
    assert_eq!(reason("Boxholm"), "no_spread");
    assert_eq!(reason("Ydre"), "too_few_interviews");
    assert_eq!(reason("Motala"), "one_round_only");
}

#[test]
fn errors_name_what_to_do() {
    let no_round = readiness(&["compare", R2023, R2025], None);
    let one_round = readiness(
        &[
            "compare",
            "--round",
            "data/ostergotland-scores.csv=2023",
            R2023,
        ],
        None,
    );
    let unknown = two_rounds(&["--earlier", "2024"]);
    let same = two_rounds(&["--earlier", "2023", "--later", "2023"]);
    let column = readiness(
        &[
            "compare",
            "--round",
            "tests/fixtures/rounds-long.csv=2023",
            FIXTURE,
        ],
        None,
    );
    let not_an_input = readiness(
        &[
            "compare",
            "--round",
            "data/ostergotland-2025.csv=2025",
            R2023,
        ],
        None,
    );
    let all = [no_round, one_round, unknown, same, column, not_an_input];
    for run in &all {
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    let stderr: Vec<&str> = all.iter().map(|r| r.stderr.as_str()).collect();
    assert_snapshot!(stderr.join("---\n"));
}

#[test]
fn score_takes_the_same_per_file_round() {
    let run = readiness(
        &[
            "score",
            "--format",
            "csv",
            "--round",
            "data/ostergotland-scores.csv=2023",
            "--round",
            "data/ostergotland-2025.csv=2025",
            R2023,
            R2025,
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let kinda: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Kinda,"))
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(kinda, ["2023", "2025"], "two rounds, never pooled");
}

#[test]
fn help() {
    let run = readiness(&["compare", "--help"], None);
    assert_eq!(run.code, 0);
    assert_snapshot!(run.stdout);
}

#[test]
fn a_coded_export_takes_its_round_from_the_command_line() {
    let run = readiness(
        &[
            "score",
            "--format",
            "csv",
            "--interviews",
            "data/coded/intervjuer.csv",
            "--round",
            "data/coded/segments.csv=omgång 1",
            "data/coded/segments.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rounds: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(rounds, ["omgång 1"; 3]);
}

#[test]
fn strict_exits_one_on_warnings_and_json_is_identical_across_runs() {
    // The fixture's rounds have fewer interviews than the rubric's minimum: warnings.
    let run = readiness(&["compare", "--strict", "--format", "csv", FIXTURE], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("fewer than the rubric's minimum"),
        "{}",
        run.stderr
    );
    let quiet = two_rounds(&["--strict", "--format", "json"]);
    assert_eq!(
        quiet.code, 0,
        "the example rounds have no warnings: {}",
        quiet.stderr
    );
    assert_eq!(quiet.stdout, two_rounds(&["--format", "json"]).stdout);
}

#[test]
fn markdown_in_swedish_with_trends() {
    let run = three_rounds(
        &["--format", "markdown", "--rubric", "crm6-sv"],
        &[R2023, R2025, R2027],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}
