//! `readiness consensus`, and the worksheet read back by `score` and `agreement`.

use crate::{readiness, readiness_in, root};
use insta::assert_snapshot;
use serde_json::Value;
use std::fs;
use std::path::Path;

const DATA: &str = "data/ostergotland-scores.csv";
const TWO: &str = "tests/fixtures/two-scorers.csv";

/// Fills the worksheet's consensus cells of the given (interview, dimension) pairs, as the
/// analysts do in the meeting.
fn fill(worksheet: &str, decisions: &[(&str, &str, &str)]) -> String {
    let mut reader = csv::Reader::from_reader(worksheet.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (interview, dimension, consensus) = (col("interview"), col("dimension"), col("consensus"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for row in reader.records() {
        let mut row: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
        if let Some((_, _, v)) = decisions
            .iter()
            .find(|(i, d, _)| row[interview] == *i && row[dimension] == *d)
        {
            assert_eq!(row[consensus], "", "only empty cells are decided: {row:?}");
            row[consensus] = v.to_string();
        }
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn copy_fixture(dir: &Path, name: &str) {
    fs::copy(root().join(TWO), dir.join(name)).unwrap();
}

#[test]
fn worksheet_of_two_scorers_widest_gaps_first() {
    let run = readiness(&["consensus", TWO], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn worksheet_of_the_example_data_carries_its_consensus_scores() {
    let run = readiness(&["consensus", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "municipality,round,interview,dimension,Johan,Maria,gap,consensus,status,note"
    );
    assert_eq!(lines.len(), 391);
    // The widest gap in the data is 2 levels; BOX-1 A: Johan 1.5, Maria 3.5, agreed 2.5.
    assert_eq!(lines[1], "Boxholm,,BOX-1,A,1.5,3.5,2,2.5,,");
    assert_eq!(
        run.stderr,
        "worksheet: 390 rows, 0 for the meeting to decide (marked `decide`: scorers more than 1 \
         apart, first in the file); 0 more with an empty consensus take the scorers' mean\n"
    );
}

/// The documented workflow end to end: worksheet, meeting, score.
#[test]
fn round_trip_consensus_meeting_then_score() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "-o", "worksheet.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "wrote `worksheet.csv`: 24 rows, 1 for the meeting to decide (marked `decide`: scorers \
         more than 1 apart, first in the file); 3 more with an empty consensus take the scorers' \
         mean; 1 rated by one scorer only\n"
    );
    let written = fs::read_to_string(dir.path().join("worksheet.csv")).unwrap();
    assert_eq!(written, readiness(&["consensus", TWO], None).stdout);
    // The meeting decides the four open cells.
    let decided = fill(
        &written,
        &[
            ("Ö1", "B", "4"),
            ("Ö2", "C", "4"),
            ("Ö3", "F", "3"),
            ("Ö4", "F", "4.5"),
        ],
    );
    fs::write(dir.path().join("worksheet.csv"), decided).unwrap();
    let run = readiness_in(
        dir.path(),
        &[
            "score",
            "--strict",
            "--format",
            "json",
            "scores.csv",
            "worksheet.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    // By hand: combined scores Ö1 4 4 3 5 4 3, Ö2 5 4 4 5 5 4, Ö3 4.5 3.5 3 4 4 3,
    // Ö4 5 5 4 6 5 4.5 → A 4.625, B 4.125, C 3.5, D 5, E 4.5, F 3.625; overall 25.375/6.
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let r = &v["results"][0];
    let dims: Vec<f64> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|d| r["dimensions"][d]["score"].as_f64().unwrap())
        .collect();
    assert_eq!(dims, [4.625, 4.125, 3.5, 5.0, 4.5, 3.625]);
    assert_eq!(r["overall"].as_f64().unwrap(), 25.375 / 6.0);
    assert_eq!(
        (r["stage"].as_i64(), r["stage_name"].as_str()),
        (Some(4), Some("Preplanning"))
    );
    assert_eq!(r["warnings"], serde_json::json!([]));
    // The worksheet alone says the same: it repeats every individual score.
    let alone = readiness_in(
        dir.path(),
        &["score", "--format", "json", "worksheet.csv"],
        None,
    );
    let alone: Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(alone["results"], v["results"]);
}

#[test]
fn an_empty_consensus_cell_warns_and_is_never_a_silent_mean() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let worksheet = readiness(&["consensus", TWO], None).stdout;
    // Ö2 C (Åsa 4, Örjan 6) is left open; the others are decided.
    let decided = fill(
        &worksheet,
        &[("Ö1", "B", "4"), ("Ö3", "F", "3"), ("Ö4", "F", "4.5")],
    );
    fs::write(dir.path().join("worksheet.csv"), decided).unwrap();
    let run = readiness_in(dir.path(), &["score", "scores.csv", "worksheet.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
    // C is the mean of the three decided interviews (3, 3, 4), not with Ö2's mean 5 in it.
    let json = readiness_in(
        dir.path(),
        &["score", "--format", "json", "scores.csv", "worksheet.csv"],
        None,
    );
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let c = &v["results"][0]["dimensions"]["C"];
    assert_eq!(c["interviews"], 3);
    assert_eq!(c["score"].as_f64().unwrap(), 10.0 / 3.0);
    let strict = readiness_in(
        dir.path(),
        &["score", "--strict", "scores.csv", "worksheet.csv"],
        None,
    );
    assert_eq!(strict.code, 1, "{}", strict.transcript());
}

#[test]
fn a_worksheet_saved_by_swedish_excel_reads_back() {
    // Swedish Excel writes `;` between fields and a decimal comma.
    let dir = tempfile::tempdir().unwrap();
    let worksheet = readiness(&["consensus", TWO], None).stdout;
    let decided = fill(
        &worksheet,
        &[
            ("Ö1", "B", "4"),
            ("Ö2", "C", "4"),
            ("Ö3", "F", "3"),
            ("Ö4", "F", "4.5"),
        ],
    );
    let excel = decided.replace(',', ";").replace('.', ",");
    fs::write(dir.path().join("arbetsblad.csv"), excel).unwrap();
    let run = readiness_in(
        dir.path(),
        &["score", "--strict", "--format", "csv", "arbetsblad.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("\nÖdeshög,,,4,4.625,4.125,3.5,5,4.5,3.625,"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_changed_score_in_the_worksheet_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let worksheet = readiness(&["consensus", TWO], None).stdout;
    // Someone "corrects" Örjan's score on Ö2 C in the worksheet instead of deciding a consensus.
    let changed = worksheet.replacen("Ödeshög,,Ö2,C,4,6,2,,", "Ödeshög,,Ö2,C,4,5,1,,", 1);
    assert_ne!(changed, worksheet);
    fs::write(dir.path().join("worksheet.csv"), changed).unwrap();
    let run = readiness_in(dir.path(), &["score", "scores.csv", "worksheet.csv"], None);
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let before = fs::read(dir.path().join("scores.csv")).unwrap();
    for (name, force) in [("scores.csv", false), ("./scores.csv", true)] {
        let mut args = vec!["consensus", "scores.csv", "-o", name];
        if force {
            args.push("--force");
        }
        let run = readiness_in(dir.path(), &args, None);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.starts_with(&format!(
                "error: refusing to write `{name}`: it is the input file `scores.csv`"
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(fs::read(dir.path().join("scores.csv")).unwrap(), before);
    let entries = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 1, "nothing else was written");
}

#[test]
fn an_existing_worksheet_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    fs::write(dir.path().join("worksheet.csv"), "filled in by hand\n").unwrap();
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "-o", "worksheet.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
    assert_eq!(
        fs::read_to_string(dir.path().join("worksheet.csv")).unwrap(),
        "filled in by hand\n"
    );
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "-o", "worksheet.csv", "--force"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = fs::read_to_string(dir.path().join("worksheet.csv")).unwrap();
    assert!(written.starts_with(
        "municipality,round,interview,dimension,Åsa,Örjan,gap,consensus,status,note\n"
    ));
}

#[test]
fn bad_input_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bad.csv"),
        "municipality,interview,A\nKinda,K1,12\n",
    )
    .unwrap();
    let run = readiness_in(
        dir.path(),
        &["consensus", "bad.csv", "-o", "worksheet.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(!dir.path().join("worksheet.csv").exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_earlier_worksheet_as_input_keeps_the_meetings_decisions() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let worksheet = readiness(&["consensus", TWO], None).stdout;
    fs::write(
        dir.path().join("worksheet.csv"),
        fill(&worksheet, &[("Ö2", "C", "5")]),
    )
    .unwrap();
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "worksheet.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\nÖdeshög,,Ö2,C,4,6,2,5,,\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("0 for the meeting to decide")
            && run
                .stderr
                .contains("3 more with an empty consensus take the scorers' mean"),
        "{}",
        run.stderr
    );
}

/// Regression: `-o -` wrote a file named `-` instead of standard output.
#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "scores.csv");
    let run = readiness_in(dir.path(), &["consensus", "scores.csv", "-o", "-"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, readiness(&["consensus", TWO], None).stdout);
    assert!(
        run.stderr.starts_with("worksheet: 24 rows"),
        "{}",
        run.stderr
    );
    assert!(
        !dir.path().join("-").exists(),
        "a file named `-` was written"
    );
    // A file that is really called `-` is still reachable as `./-`.
    let run = readiness_in(dir.path(), &["consensus", "scores.csv", "-o", "./-"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "");
    assert!(dir.path().join("-").exists());
}

#[test]
fn help() {
    let run = readiness(&["consensus", "--help"], None);
    assert_eq!(run.code, 0);
    assert_snapshot!(run.stdout);
}

/// Coded transcripts land in the same sheet (coders are the scorers): the worksheet and the
/// meeting work on them unchanged.
#[test]
fn coded_transcripts_go_through_the_same_meeting() {
    let coded = [
        "--interviews",
        "data/coded/intervjuer.csv",
        "data/coded/segments.csv",
    ];
    let run = readiness(&[&["consensus"][..], &coded[..]].concat(), None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(
        "municipality,round,interview,dimension,Johan,Maria,gap,consensus,status,note\n"
    ));
    // The meeting settles every open cell on the lower score.
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let mut decisions = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        if row[7].is_empty() {
            let lower = [&row[4], &row[5]]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<f64>().unwrap())
                .fold(f64::INFINITY, f64::min);
            decisions.push((row[2].to_string(), row[3].to_string(), lower.to_string()));
        }
    }
    let decisions: Vec<(&str, &str, &str)> = decisions
        .iter()
        .map(|(i, d, v)| (i.as_str(), d.as_str(), v.as_str()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("worksheet.csv");
    fs::write(&ws, fill(&run.stdout, &decisions)).unwrap();
    let ws = ws.to_str().unwrap();
    let both = readiness(
        &[&["score", "--format", "json"][..], &coded[..], &[ws]].concat(),
        None,
    );
    assert_eq!(both.code, 0, "{}", both.stderr);
    let alone = readiness(&["score", "--format", "json", ws], None);
    let both: Value = serde_json::from_str(&both.stdout).unwrap();
    let alone: Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(
        both["results"][0]["dimensions"],
        alone["results"][0]["dimensions"]
    );
    assert_eq!(both["results"][0]["municipality"], "Kinda");
    assert!(both["results"][0]["dimensions"]["A"]["score"].is_f64());
}

/// Names a spreadsheet would run as a formula are neutralised in the worksheet (`'=…`) and read
/// back as they were, so the worksheet still matches its scores.
#[test]
fn neutralised_names_read_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let scores = "municipality,interview,scorer,A,B,C,D,E,F\n\
                  Kinda,=1+1,Anna,4,4,4,4,4,4\nKinda,=1+1,-Erik,5,4,4,4,4,4\n";
    fs::write(dir.path().join("scores.csv"), scores).unwrap();
    let run = readiness_in(dir.path(), &["consensus", "scores.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "municipality,round,interview,dimension,'-Erik,Anna,gap,consensus,status,note"
    );
    assert_eq!(lines[1], "Kinda,,'=1+1,A,5,4,1,,,");
    fs::write(
        dir.path().join("worksheet.csv"),
        fill(&run.stdout, &[("'=1+1", "A", "4.5")]),
    )
    .unwrap();
    let run = readiness_in(
        dir.path(),
        &["score", "--format", "csv", "scores.csv", "worksheet.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("\nKinda,,,1,4.5,4,4,4,4,4,"),
        "{}",
        run.stdout
    );
    // The only warning is about having one interview: no conflict, no second interview.
    assert_eq!(
        run.stderr,
        "warning: Kinda: 1 interview, fewer than the rubric's minimum of 4\n"
    );
}
