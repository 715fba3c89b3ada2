//! `readiness agreement`.

use crate::readiness;
use insta::assert_snapshot;
use serde_json::Value;

const DATA: &str = "data/ostergotland-scores.csv";
const TWO: &str = "tests/fixtures/two-scorers.csv";

#[test]
fn table_on_example_data() {
    let run = readiness(&["agreement", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

/// Every statistic on the example data against other implementations, as printed by
/// `python3 scripts/reference-values.py` (scikit-learn 1.9.1, krippendorff 0.9.0, pingouin 0.7.0,
/// scipy 1.17.1; the script names the exact calls): (kappa, alpha, ICC, ICC lower, ICC upper).
#[test]
fn json_on_example_data_matches_reference_implementations() {
    let reference: [(&str, [f64; 5]); 7] = [
        (
            "A",
            [
                0.7923207290306449,
                0.7936373247273536,
                0.7948603601092592,
                0.6849367467978867,
                0.8695058893214155,
            ],
        ),
        (
            "B",
            [
                0.7689369152680261,
                0.7706636240613475,
                0.7716800965531929,
                0.6509584386324203,
                0.8542991262327844,
            ],
        ),
        (
            "C",
            [
                0.810271811570973,
                0.8105662555492364,
                0.8126438337620141,
                0.7069918085805773,
                0.8822514652615819,
            ],
        ),
        (
            "D",
            [
                0.6070483354227609,
                0.6066465256797583,
                0.6107405123605583,
                0.43386821676997755,
                0.7425884050894302,
            ],
        ),
        (
            "E",
            [
                0.7784815773039522,
                0.7800266050049549,
                0.7811436960647405,
                0.6648657272707913,
                0.8604984097742748,
            ],
        ),
        (
            "F",
            [
                0.7797580727137194,
                0.7814226168287641,
                0.7824091388161697,
                0.6662466866071584,
                0.8614620654127304,
            ],
        ),
        (
            "pooled",
            [
                0.773097335617017,
                0.7732051182271265,
                0.7735473868044331,
                0.7303947006313378,
                0.8105487709412216,
            ],
        ),
    ];
    let run = readiness(&["agreement", "--format", "json", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    for (id, [kappa, alpha, icc, lo, hi]) in reference {
        let a = if id == "pooled" {
            &v["pooled"]
        } else {
            &v["dimensions"][id]
        };
        let got = |key: &str| a[key].as_f64().unwrap_or_else(|| panic!("{id} {key}: {a}"));
        let close =
            |x: f64, y: f64, what: &str| assert!((x - y).abs() < 1e-9, "{id} {what}: {x} vs {y}");
        close(got("kappa_quadratic"), kappa, "kappa");
        close(got("alpha_interval"), alpha, "alpha");
        close(a["icc"]["value"].as_f64().unwrap(), icc, "icc");
        close(a["icc"]["ci95"][0].as_f64().unwrap(), lo, "icc lower");
        close(a["icc"]["ci95"][1].as_f64().unwrap(), hi, "icc upper");
    }
    // Exact agreement on A: 13 of 65 items (the reference script's `exact`, 0.2).
    assert_eq!(v["dimensions"]["A"]["items"], 65);
    assert_eq!(v["dimensions"]["A"]["exact"], 0.2);
    assert_eq!(v["pooled"]["items"], 390);
    assert_eq!(v["scorers"], serde_json::json!(["Johan", "Maria"]));
    assert!(v.get("groups").is_none());
    assert_snapshot!(run.stdout);
}

#[test]
fn by_municipality_as_csv() {
    let run = readiness(
        &["agreement", "--by", "municipality", "--format", "csv", DATA],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn by_municipality_json_has_groups_beside_the_whole() {
    let run = readiness(
        &[
            "agreement",
            "--by",
            "municipality",
            "--format",
            "json",
            DATA,
        ],
        None,
    );
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 13);
    assert_eq!(groups[12]["municipality"], "Ödeshög");
    assert_eq!(groups[12]["pooled"]["items"], 30);
    assert_eq!(v["pooled"]["items"], 390);
    // Regression: ICC intervals of five items reached below −1 (Ödeshög A: −1.20); they are
    // clamped to [−1, 1], the range of a correlation.
    let mut clamped = 0;
    for g in groups {
        for a in g["dimensions"].as_object().unwrap().values() {
            if let Some(ci) = a["icc"]["ci95"].as_array() {
                let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
                assert!((-1.0..=1.0).contains(&lo) && lo <= hi && hi <= 1.0, "{g}");
                clamped += usize::from(lo == -1.0);
            }
        }
    }
    assert_eq!(clamped, 11);
    assert_eq!(groups[12]["dimensions"]["A"]["icc"]["ci95"][0], -1.0);
}

#[test]
fn markdown_on_two_scorers_with_swedish_names() {
    let run = readiness(&["agreement", "--format", "markdown", TWO], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn degenerate_inputs_give_nulls_with_reasons_never_nan() {
    // One scorer only; and one dimension where everyone gave the same score.
    let input = "municipality,interview,scorer,A,B\nYdre,Y1,Anna,3,5\nYdre,Y2,Anna,4,5\n";
    let run = readiness(
        &["agreement", "--format", "json", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("NaN") && !run.stdout.contains("inf"));
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let a = &v["dimensions"]["A"];
    for key in [
        "exact",
        "within_one",
        "kappa_quadratic",
        "alpha_interval",
        "icc",
    ] {
        assert!(a[key].is_null(), "{key}: {a}");
        assert!(a["null_reasons"][key].is_string(), "{key}: {a}");
    }
    let table = readiness(&["agreement", "-"], Some(input.as_bytes()));
    assert_snapshot!(table.transcript());
}

#[test]
fn three_scorers_get_alpha_but_no_kappa() {
    let input = "municipality,interview,dimension,scorer,score\n\
                 Kinda,K1,A,Anna,4\nKinda,K1,A,Erik,4\nKinda,K1,A,Sara,5\n\
                 Kinda,K2,A,Anna,6\nKinda,K2,A,Erik,5\nKinda,K2,A,Sara,6\n\
                 Kinda,K3,A,Anna,2\nKinda,K3,A,Erik,3\n";
    let run = readiness(
        &["agreement", "--format", "json", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let a = &v["dimensions"]["A"];
    assert!(a["kappa_quadratic"].is_null());
    assert!(a["alpha_interval"].is_f64());
    assert_eq!(
        (a["items"].as_u64(), a["complete"].as_u64()),
        (Some(3), Some(2))
    );
    assert_snapshot!(a["null_reasons"].to_string());
}

#[test]
fn consensus_only_input_warns() {
    let input = "municipality,interview,A,B,C,D,E,F\nYdre,Y1,2,2,2,2,2,2\n";
    let run = readiness(
        &["agreement", "--format", "csv", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("warning: the input has no individual scorers' scores"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_worksheet_gives_the_same_agreement_as_its_scores() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.csv");
    let ws = ws.to_str().unwrap();
    let run = readiness(&["consensus", TWO, "-o", ws], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_scores = readiness(&["agreement", "--format", "json", TWO], None);
    let from_worksheet = readiness(&["agreement", "--format", "json", ws], None);
    let both = readiness(&["agreement", "--format", "json", TWO, ws], None);
    assert_eq!(from_scores.code, 0);
    assert_eq!(from_worksheet.stdout, from_scores.stdout);
    assert_eq!(both.stdout, from_scores.stdout, "{}", both.stderr);
}

#[test]
fn help() {
    let run = readiness(&["agreement", "--help"], None);
    assert_eq!(run.code, 0);
    assert_snapshot!(run.stdout);
}
