//! Issue 14, "Swedish and Excel throughout": Swedish inputs under a Swedish rubric.

use crate::readiness_in;
use std::fs;

/// Writes `text` as `scores.csv` in a new directory and scores it with `rubric`.
fn score_wide(text: &str, rubric: &str) -> crate::Run {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("scores.csv"), text).unwrap();
    readiness_in(
        dir.path(),
        &[
            "score",
            "--rubric",
            rubric,
            "--format",
            "json",
            "scores.csv",
        ],
        None,
    )
}

#[test]
fn wide_columns_name_a_dimension_by_id_name_or_both() {
    let header = "kommun,intervju,bedömare,A Insatser,B. Kännedom om insatserna,Ledarskap,D,\
                  E: Kunskap om frågan,F) Resurser";
    let text = format!("{header}\nKinda,K1,Maria,4,5,3,4,4.5,6\n");
    let run = score_wide(&text, "crm6-sv");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let dims = &v["results"][0]["dimensions"];
    let scores: Vec<f64> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|d| dims[d]["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores, [4.0, 5.0, 3.0, 4.0, 4.5, 6.0]);
    assert_eq!(v["results"][0]["stage_name"], "Förplanering");
}

#[test]
fn a_dimension_named_in_another_rubrics_language_says_which_rubric_to_use() {
    let run = score_wide(
        "kommun,intervju,A,B,Leadership,D,E,F\nKinda,K1,4,5,3,4,4,4\n",
        "crm6-sv",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "scores.csv:1: column `Leadership` names dimension C (Leadership) of rubric `crm6` \
             (language `en`), but the rubric is `crm6-sv` (language `sv`): give `--rubric \
             crm6`, or head the column `C` or `Ledarskap`"
        ),
        "{}",
        run.stderr
    );
    // And the other way round.
    let run = score_wide(
        "kommun,intervju,A,B,C Ledarskap,D,E,F\nKinda,K1,4,5,3,4,4,4\n",
        "crm6",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "column `C Ledarskap` names dimension C (Ledarskap) of rubric `crm6-sv` (language \
             `sv`), but the rubric is `crm6` (language `en`): give `--rubric crm6-sv`, or head \
             the column `C` or `Leadership`"
        ),
        "{}",
        run.stderr
    );
}
