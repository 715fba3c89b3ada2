//! `readiness plan`, and `--municipality` on `plan` and `score`.

use crate::readiness;
use insta::assert_snapshot;

const DATA: &str = "data/ostergotland-scores.csv";

#[test]
fn markdown_on_example_data_in_english() {
    let run = readiness(&["plan", "--format", "markdown", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn markdown_on_example_data_in_swedish() {
    let run = readiness(
        &["plan", "--rubric", "crm6-sv", "--format", "markdown", DATA],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn lang_sv_speaks_swedish_with_an_english_rubric() {
    let run = readiness(
        &[
            "plan", "--lang", "sv", "-f", "markdown", "-m", "Kinda", DATA,
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("## Kinda"), "{}", run.stdout);
    assert!(
        run.stdout.contains("### Genomförandeplan"),
        "{}",
        run.stdout
    );
    // The rubric's own texts stay in its language.
    assert!(run.stdout.contains("Preplanning"), "{}", run.stdout);
}

#[test]
fn table_for_one_municipality() {
    let run = readiness(&["plan", "--municipality", "finspång", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn json_is_the_plan_with_stable_fields() {
    let run = readiness(
        &["plan", "-f", "json", "-m", "Boxholm", "-m", "KINDA", DATA],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    let boxholm = &plans[0];
    assert_eq!(boxholm["municipality"], "Boxholm");
    assert_eq!(boxholm["stage"]["level"], 3);
    assert_eq!(boxholm["stage_range"], serde_json::json!([2, 3]));
    assert_eq!(boxholm["firm"], false);
    assert_eq!(boxholm["focus_reason"], "below_overall");
    let ids: Vec<&str> = boxholm["focus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    // A and F tie at the lowest score: both named.
    assert_eq!(ids, ["A", "F", "B", "E"]);
    let kinda = &plans[1];
    assert_eq!(kinda["firm"], true);
    assert_eq!(kinda["focus_reason"], "lowest");
    assert_eq!(kinda["focus"].as_array().unwrap().len(), 2);
    assert_eq!(kinda["dimensions"].as_array().unwrap().len(), 6);
    assert!(
        !kinda["focus"][0]["strategies"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(v["rubric"], "crm6");
}

#[test]
fn a_missing_dimension_is_named_never_dropped() {
    let run = readiness(
        &["plan", "-f", "markdown", "tests/fixtures/plan-missing.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
    let json = readiness(
        &["plan", "-f", "json", "tests/fixtures/plan-missing.csv"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["plans"][0]["missing"][0]["id"], "F");
    assert_eq!(v["plans"][0]["stage"], serde_json::Value::Null);
}

#[test]
fn an_unknown_municipality_is_an_error_with_did_you_mean() {
    for command in ["plan", "score"] {
        let run = readiness(&[command, "--municipality", "Linkoping", DATA], None);
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            "error: no municipality `Linkoping` in the input; did you mean `Linköping`?\n"
        );
    }
    let run = readiness(&["plan", "-m", "Stockholm", DATA], None);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no municipality `Stockholm` in the input\n"
    );
    // In the rubric's language, or --lang's.
    let run = readiness(
        &["plan", "--rubric", "crm6-sv", "-m", "Linkoping", DATA],
        None,
    );
    assert_eq!(
        run.stderr,
        "fel: ingen kommun `Linkoping` i indata; menade du `Linköping`?\n"
    );
    let run = readiness(&["plan", "--lang", "sv", "-m", "Linkoping", DATA], None);
    assert_eq!(
        run.stderr,
        "fel: ingen kommun `Linkoping` i indata; menade du `Linköping`?\n"
    );
}

#[test]
fn score_municipality_keeps_only_those_matched_ignoring_case_and_spacing() {
    let run = readiness(
        &[
            "score",
            "-f",
            "csv",
            "-m",
            " ödeshög ",
            "--municipality",
            "KINDA",
            DATA,
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(rows[0].starts_with("Kinda,"), "{}", rows[0]);
    assert!(rows[1].starts_with("Ödeshög,"), "{}", rows[1]);
}

#[test]
fn help_names_the_exit_codes() {
    let run = readiness(&["plan", "--help"], None);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("Exit status: 0 success"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--municipality <NAME>"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_plan_per_round_names_the_round_and_a_wide_range_is_not_firm() {
    let run = readiness(
        &[
            "plan",
            "-r",
            "crm6-sv",
            "-f",
            "markdown",
            "tests/fixtures/swedish-long.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\n## Ödeshög, omgång 1\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Steget är inte säkert: intervjuerna stämmer med steg 1 till 6."),
        "{}",
        run.stdout
    );
}

#[test]
fn the_table_fits_a_narrow_terminal() {
    let run = crate::readiness_at(80, &["plan", "-m", "Åtvidaberg", DATA]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(
        run.stdout
            .contains("For F Resources related to the issue, also:")
    );
}

/// With an earlier round in the input, each plan says what changed since the round before it:
/// the overall score with its Welch interval and verdict (as `compare` gives them), and the
/// stages; a first round says nothing of the kind.
#[test]
fn a_plan_says_what_changed_since_the_round_before() {
    let args = [
        "plan",
        "--format",
        "json",
        "-m",
        "Vadstena",
        "--round",
        "data/ostergotland-scores.csv=2023",
        "--round",
        "data/ostergotland-2025.csv=2025",
        "data/ostergotland-scores.csv",
        "data/ostergotland-2025.csv",
    ];
    let run = readiness(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert!(
        plans[0].get("since").is_none(),
        "the first round has no earlier one"
    );
    let since = &plans[1]["since"];
    assert_eq!(since["round"], "2023");
    assert_eq!(since["overall"]["verdict"], "down");
    assert_eq!(since["stage"]["earlier"], 3);
    assert_eq!(since["stage"]["later"], 2);
    // The same change as `compare` reports for Vadstena 2023 → 2025.
    let mut compare_args = vec!["compare", "--format", "json"];
    compare_args.extend_from_slice(&args[5..]);
    let compare: serde_json::Value =
        serde_json::from_str(&readiness(&compare_args, None).stdout).unwrap();
    let vadstena = compare["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["municipality"] == "Vadstena" && c["from"] == "2023" && c["to"] == "2025")
        .unwrap();
    assert_eq!(since["overall"], vadstena["overall"]);
    let md = readiness(
        &[&["plan", "-f", "markdown"][..], &args[3..]].concat(),
        None,
    );
    assert!(
        md.stdout.contains(
            "Since 2023: overall score 3.47 → 2.35 (−1.12; 95% CI −1.43 to −0.83): down; stage 3 → 2."
        ),
        "{}",
        md.stdout
    );
}
