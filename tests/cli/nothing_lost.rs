//! Issue 12, "nothing lost, nothing silently merged": regression tests for each defect a new
//! user hit, named after what broke.

use crate::{readiness_in, root};
use std::fs;

const TWO: &str = "tests/fixtures/two-scorers.csv";

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join(TWO), dir.path().join("scores.csv")).unwrap();
    dir
}

#[test]
fn score_o_refuses_an_existing_file_and_leaves_it_byte_identical() {
    let dir = scratch();
    let filled = "municipality,interview,dimension,Åsa,Örjan,gap,consensus,note\n\
                  Ödeshög,Ö2,C,4,6,2,5,enades efter diskussion\n";
    fs::write(dir.path().join("ifylld.csv"), filled).unwrap();
    for command in ["score", "agreement"] {
        let run = readiness_in(
            dir.path(),
            &[command, "scores.csv", "-o", "ifylld.csv"],
            None,
        );
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            "error: `ifylld.csv` already exists; give `--force` to replace it\n"
        );
        assert_eq!(run.stdout, "");
        assert_eq!(
            fs::read_to_string(dir.path().join("ifylld.csv")).unwrap(),
            filled
        );
    }
    // With --force it is replaced, atomically and whole.
    let run = readiness_in(
        dir.path(),
        &[
            "score",
            "scores.csv",
            "-o",
            "ifylld.csv",
            "--force",
            "-f",
            "csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = fs::read_to_string(dir.path().join("ifylld.csv")).unwrap();
    assert!(
        written.starts_with("municipality,round,issue,interviews,"),
        "{written}"
    );
}

#[test]
fn force_never_replaces_an_input() {
    let dir = scratch();
    let before = fs::read(dir.path().join("scores.csv")).unwrap();
    for command in ["score", "agreement", "consensus"] {
        let run = readiness_in(
            dir.path(),
            &[command, "scores.csv", "-o", "./scores.csv", "--force"],
            None,
        );
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("it is the input file `scores.csv`"),
            "{command}: {}",
            run.stderr
        );
        assert_eq!(fs::read(dir.path().join("scores.csv")).unwrap(), before);
    }
}

#[test]
fn score_o_with_a_table_still_shows_the_warnings_on_the_terminal() {
    let dir = scratch();
    let run = readiness_in(dir.path(), &["score", "scores.csv", "-o", "out.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let file = fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(file.contains("warnings:"), "{file}");
    // Every warning in the file also reached standard error.
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert!(!warnings.is_empty(), "{}", run.stderr);
    for w in &warnings {
        let text = w.trim_start_matches("warning: ");
        assert!(file.contains(text), "{text} not in the file");
    }
}

/// Rewrites a worksheet's CSV with `edit` applied to every record (the header is record 0).
fn edit_csv(text: &str, mut edit: impl FnMut(usize, &mut Vec<String>)) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    for (i, row) in reader.records().enumerate() {
        let mut row: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
        edit(i, &mut row);
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn a_redone_worksheet_keeps_every_note_and_column_a_person_added() {
    let dir = scratch();
    let run = readiness_in(dir.path(), &["consensus", "scores.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The meeting: a decision with a note, an own column `ansvarig` at the end, and `note`
    // moved before `status`.
    let header = "municipality,round,interview,dimension,Åsa,Örjan,gap,consensus,status,note";
    assert_eq!(run.stdout.lines().next(), Some(header));
    let filled = edit_csv(&run.stdout, |i, row| {
        row.swap(8, 9);
        row.push(if i == 0 {
            "Ansvarig".into()
        } else {
            String::new()
        });
        if row[2] == "Ö2" && row[3] == "C" {
            row[7] = "5".into();
            row[8] = "enades efter diskussion".into();
            row[10] = "Åsa".into();
        }
        if row[2] == "Ö1" && row[3] == "A" {
            row[8] = "=fråga Örjan".into();
        }
    });
    fs::write(dir.path().join("ws.csv"), &filled).unwrap();
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "ws.csv", "-o", "ws2.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let redone = fs::read_to_string(dir.path().join("ws2.csv")).unwrap();
    let lines: Vec<&str> = redone.lines().collect();
    assert_eq!(
        lines[0],
        "municipality,round,interview,dimension,Åsa,Örjan,gap,consensus,note,status,Ansvarig"
    );
    assert!(
        lines.contains(&"Ödeshög,,Ö2,C,4,6,2,5,enades efter diskussion,,Åsa"),
        "{redone}"
    );
    // A note a spreadsheet would run as a formula stays neutralised, and reads back as typed.
    assert!(
        lines.contains(&"Ödeshög,,Ö1,A,4,4,0,4,'=fråga Örjan,,"),
        "{redone}"
    );
    // Nothing else changed: redoing it again gives the same file.
    let again = readiness_in(dir.path(), &["consensus", "scores.csv", "ws2.csv"], None);
    assert_eq!(again.stdout, redone);
}

#[test]
fn an_item_the_scores_no_longer_have_is_kept_and_flagged() {
    let dir = scratch();
    let run = readiness_in(dir.path(), &["consensus", "scores.csv"], None);
    let with_note = edit_csv(&run.stdout, |_, row| {
        if row[2] == "Ö4" && row[3] == "D" {
            row[9] = "ringde tillbaka".into();
        }
    });
    // A row typed by hand for an interview no score file has, and Ö4 dropped from the scores.
    let with_note = format!("{with_note}Ödeshög,,Ö9,A,,,,,,inspelning saknas\n");
    fs::write(dir.path().join("ws.csv"), with_note).unwrap();
    let scores = fs::read_to_string(dir.path().join("scores.csv")).unwrap();
    let fewer: String = scores
        .lines()
        .filter(|l| !l.contains(",Ö4,"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("scores.csv"), fewer).unwrap();
    let run = readiness_in(dir.path(), &["consensus", "scores.csv", "ws.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(&"Ödeshög,,Ö4,D,6,6,0,6,not in the scores,ringde tillbaka"),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(&"Ödeshög,,Ö9,A,,,,,not in the scores,inspelning saknas"),
        "{}",
        run.stdout
    );
    // Every row of the old worksheet is still there: 24 + the hand-typed one.
    assert_eq!(lines.len(), 1 + 25);
    assert!(
        run.stderr.contains(
            "warning: ws.csv:26: interview `Ö9` of Ödeshög, dimension A, is no longer in the \
             scores given; it is kept in the new worksheet, marked `not in the scores`"
        ),
        "{}",
        run.stderr
    );
    let flagged = run
        .stderr
        .matches("is no longer in the scores given")
        .count();
    assert_eq!(flagged, 7, "Ö4's six dimensions and Ö9 A: {}", run.stderr);
}

#[test]
fn an_untouched_worksheet_scores_as_no_worksheet_except_where_scorers_disagree() {
    let dir = scratch();
    let run = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "-o", "ws.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = |args: &[&str]| -> serde_json::Value {
        let run = readiness_in(dir.path(), args, None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let without = json(&["score", "-f", "json", "scores.csv"]);
    let with = json(&["score", "-f", "json", "scores.csv", "ws.csv"]);
    let (a, b) = (&without["results"][0], &with["results"][0]);
    // Ö2 C (Åsa 4, Örjan 6) is over the largest gap: left out until decided. Every other
    // empty cell (Ö1 B 0.5 apart, Ö3 F 1 apart, Ö4 F one scorer) takes the mean, as without.
    for d in ["A", "B", "D", "E", "F"] {
        assert_eq!(a["dimensions"][d], b["dimensions"][d], "{d}");
    }
    assert_eq!(b["dimensions"]["C"]["interviews"], 3);
    assert_eq!(b["stage"], 4, "{b}");
    let warnings: Vec<&str> = b["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("interview `Ö2`, dimension C: still needs consensus"),
        "{warnings:?}"
    );
    // The row to decide is marked, first in the file.
    let ws = fs::read_to_string(dir.path().join("ws.csv")).unwrap();
    assert_eq!(ws.lines().nth(1), Some("Ödeshög,,Ö2,C,4,6,2,,decide,"));
    assert_eq!(ws.matches(",decide,").count(), 1);
}

#[test]
fn an_input_with_no_data_is_not_a_success() {
    let dir = scratch();
    let header = "municipality,interview,scorer,A,B,C,D,E,F\n";
    fs::write(dir.path().join("empty.csv"), header).unwrap();
    // Alone: nothing to score is an error, for every command.
    for command in ["score", "agreement", "consensus"] {
        let run = readiness_in(dir.path(), &[command, "empty.csv"], None);
        assert_eq!(run.code, 2, "{command}: {}", run.transcript());
        assert_eq!(
            run.stderr,
            "error: 1 error in the input:\n  empty.csv: no data rows, only the header: nothing \
             to read\n"
        );
        assert_eq!(run.stdout, "");
    }
    // Beside a file with data: a warning naming it, so --strict says no.
    let run = readiness_in(
        dir.path(),
        &["score", "-f", "json", "scores.csv", "empty.csv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["warnings"],
        serde_json::json!(["empty.csv: no data rows, only the header"])
    );
    let strict = readiness_in(
        dir.path(),
        &["score", "--strict", "scores.csv", "empty.csv"],
        None,
    );
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn an_unused_column_is_a_note_unless_it_looks_misspelt() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "Kinda,K1,Anna,4,4,4,4,4,4,bra intervju\nKinda,K2,Anna,4,4,4,4,4,4,\n\
                Kinda,K3,Anna,4,4,4,4,4,4,\nKinda,K4,Anna,4,4,4,4,4,4,\n";
    let file = |name: &str, extra: &str| {
        let text = format!("municipality,interview,scorer,A,B,C,D,E,F,{extra}\n{rows}");
        fs::write(dir.path().join(name), text).unwrap();
    };
    file("noted.csv", "kommentar");
    file("misspelt.csv", "omgng");
    let run = readiness_in(
        dir.path(),
        &["score", "--strict", "-f", "json", "noted.csv"],
        None,
    );
    assert_eq!(run.code, 0, "a note does not fail --strict: {}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert_eq!(
        v["notes"],
        serde_json::json!(["noted.csv: column `kommentar` is not used"])
    );
    // The table lists it under notes, not warnings.
    let run = readiness_in(dir.path(), &["score", "noted.csv"], None);
    assert!(
        run.stdout
            .contains("notes:\n  - noted.csv: column `kommentar` is not used")
    );
    assert!(!run.stdout.contains("warnings:"), "{}", run.stdout);
    let run = readiness_in(dir.path(), &["score", "--strict", "misspelt.csv"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("misspelt.csv: column `omgng` is not used; did you mean `omgång`?"),
        "{}",
        run.stdout
    );
}

/// `score --format json` of `files` in `dir`: the run and its parsed output.
fn score_json(dir: &std::path::Path, files: &[&str]) -> (crate::Run, serde_json::Value) {
    let mut args = vec!["score", "--format", "json"];
    args.extend(files);
    let run = readiness_in(dir, &args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = serde_json::from_str(&run.stdout).unwrap();
    (run, v)
}

#[test]
fn spellings_of_one_name_are_one_name_shown_as_spelt_most() {
    let dir = scratch();
    let original = fs::read_to_string(dir.path().join("scores.csv")).unwrap();
    // The same round, spelt by hand in two files: case, a trailing space, a doubled space.
    let spelt = edit_csv(&original, |i, row| match i {
        1 => row[0] = "ödeshög".to_string(),
        2 => row[0] = "ÖDESHÖG ".to_string(),
        3 => row[1] = "ö2".to_string(),
        5 => row[2] = "åsa".to_string(),
        _ => {}
    });
    let lines: Vec<&str> = spelt.lines().collect();
    fs::write(dir.path().join("a.csv"), lines[..5].join("\n") + "\n").unwrap();
    let b = [lines[0]].into_iter().chain(lines[5..].iter().copied());
    fs::write(
        dir.path().join("b.csv"),
        b.collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();

    let (_, mut expected) = score_json(dir.path(), &["scores.csv"]);
    let (run, mut v) = score_json(dir.path(), &["a.csv", "b.csv"]);
    // One municipality with all four interviews, scored exactly as the file spelt one way; its
    // warning names the interview as shown and the lines of the two files.
    assert_eq!(
        v["results"][0]["warnings"][0],
        "interview `ö2`, dimension C: scorers differ by 2 (Åsa 4, Örjan 6) with no consensus \
         score; their mean 5 is used — needs consensus (a.csv lines 4, 5)"
    );
    for result in [&mut v, &mut expected] {
        result["results"][0]["warnings"].take();
    }
    assert_eq!(v["results"], expected["results"], "{}", run.stdout);
    assert_eq!(v["results"][0]["municipality"], "Ödeshög");
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.contains(
            &"one municipality written 3 ways, `ödeshög` at a.csv:2; `ÖDESHÖG` at a.csv:3; \
              `Ödeshög` at a.csv:4–5, b.csv:2–5: taken as one, shown as `Ödeshög` (the \
              spelling used most)"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(
            // As often as the other spelling: the one seen first is shown.
            &"one interview written 2 ways, `ö2` at a.csv:4; `Ö2` at a.csv:5: taken as one, \
              shown as `ö2` (the spelling used most)"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(
            &"one scorer written 2 ways, `Åsa` at a.csv:2, a.csv:4, b.csv:4; `åsa` at b.csv:2: \
              taken as one, shown as `Åsa` (the spelling used most)"
        ),
        "{warnings:#?}"
    );
    // The spelling warnings come on top of what the file spelt one way gives.
    let before = expected["warnings"].as_array().unwrap().len();
    assert_eq!(warnings.len(), before + 3, "{warnings:#?}");
    // Agreement sees two scorers, not three.
    let run = readiness_in(dir.path(), &["agreement", "a.csv", "b.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Scorers: Åsa, Örjan."),
        "{}",
        run.stdout
    );
    // A warning: `--strict` says no.
    let run = readiness_in(dir.path(), &["score", "--strict", "a.csv", "b.csv"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn coded_exports_and_the_register_match_names_whatever_their_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let register = "interview,municipality\nK1,Kinda\nK2,Kinda\n";
    fs::write(dir.path().join("register.csv"), register).unwrap();
    // Two coders; one writes the interview ids and her own name in another case on some rows.
    let coded = "interview,coder,code\n\
                 K1,Maria,A4\nk1,maria,B4\nK1,Maria,C4\n\
                 K1,Johan,A4\nK1,Johan,B4\nK1,Johan,C4\n\
                 K2,Maria,A5\nK2,Johan,A5\n";
    fs::write(dir.path().join("coded.csv"), coded).unwrap();
    let run = readiness_in(
        dir.path(),
        &[
            "agreement",
            "--interviews",
            "register.csv",
            "coded.csv",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["scorers"], serde_json::json!(["Johan", "Maria"]));
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains(
            "one interview written 2 ways, `K1` at coded.csv:2, coded.csv:4–7; `k1` at \
             coded.csv:3: taken as one, shown as `K1`"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("one scorer written 2 ways, `Maria` at coded.csv:2, coded.csv:4, coded.csv:8; `maria` at coded.csv:3"),
        "{warnings}"
    );
}
