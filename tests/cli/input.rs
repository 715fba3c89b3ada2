//! Real-world input: Swedish Excel dialects, spreadsheets, row accounting, output safety.

use crate::{readiness, root};
use insta::assert_snapshot;
use std::io::Read;
use std::process::{Command, Stdio};

/// The results of a JSON run, without the `input` section (which names the file and dialect).
fn results(file: &str) -> serde_json::Value {
    let run = readiness(&["score", "--format", "json", file], None);
    assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    let mut v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v.as_object_mut().unwrap().remove("input");
    v
}

#[test]
fn every_dialect_gives_the_same_results() {
    let plain = results("tests/fixtures/dialects/plain.csv");
    for file in ["excel-sv-1252.csv", "excel-sv-utf8-bom.csv", "tab.tsv"] {
        assert_eq!(
            results(&format!("tests/fixtures/dialects/{file}")),
            plain,
            "{file}"
        );
    }
    // Decimal commas are halves, never tens: Ödeshög's A is (3.5 + 4) / 2.
    assert_eq!(plain["results"][1]["municipality"], "Ödeshög");
    assert_eq!(plain["results"][1]["dimensions"]["A"]["score"], 3.75);
}

#[test]
fn verbose_says_what_it_saw() {
    let run = readiness(
        &[
            "score",
            "--verbose",
            "--format",
            "csv",
            "tests/fixtures/dialects/excel-sv-1252.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn files_that_are_not_csv_say_what_was_seen() {
    let run = readiness(
        &[
            "score",
            "tests/fixtures/dialects/utf16.csv",
            "tests/fixtures/dialects/binary.csv",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!(run.stderr);
}

#[test]
fn xlsx_is_read_directly() {
    let run = readiness(
        &["score", "--format", "csv", "tests/fixtures/scores.xlsx"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same numbers as the CSV the workbook was made from.
    let csv = readiness(
        &["score", "--format", "csv", "data/ostergotland-scores.csv"],
        None,
    );
    for line in run.stdout.lines().skip(1) {
        assert!(csv.stdout.contains(line), "{line} not in\n{}", csv.stdout);
    }
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    let run = readiness(
        &["score", "--sheet", "Poang", "tests/fixtures/scores.xlsx"],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!("xlsx_unknown_sheet", run.stderr);
}

#[test]
fn json_accounts_for_every_row() {
    let input = "municipality,interview,A,B,C,D,E,F\nKinda,K1,4,4,4,4,4,4\n,,,,,,,\nKinda,K2,4,4,4,4,4,x\nKinda,K3,4,4,4,4,4,4\n";
    let run = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2, "a bad row is an error");
    let input =
        "municipality,interview,A,B,C,D,E,F\nKinda,K1,4,4,4,4,4,4\n,,,,,,,\nKinda,K3,4,4,4,4,4,4\n";
    let run = readiness(&["score", "--format", "json", "-"], Some(input.as_bytes()));
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let f = &v["input"]["files"][0];
    assert_eq!(
        (
            f["rows"].as_u64(),
            f["used"].as_u64(),
            f["blank"].as_u64(),
            f["rejected"].as_u64()
        ),
        (Some(3), Some(2), Some(1), Some(0)),
        "{f}"
    );
    assert_eq!(f["file"], "<stdin>");
    assert_eq!(f["shape"], "wide scores");
}

#[test]
fn csv_output_neutralises_formulas() {
    let input = "municipality,interview,A,B,C,D,E,F\n=HYPERLINK(\"http://x\"),K1,4,4,4,4,4,4\n@Kinda,K1,4,4,4,4,4,4\n";
    let run = readiness(&["score", "--format", "csv", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn broken_pipe_exits_quietly_with_success() {
    // A large input, so that the output does not fit in the pipe's buffer.
    let mut input = String::from("municipality,interview,A,B,C,D,E,F\n");
    for m in 0..5_000 {
        for k in 1..=4 {
            input.push_str(&format!("Kommun {m},K{k},4,4,4,4,4,4\n"));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    std::fs::write(&path, input).unwrap();
    let stderr_path = dir.path().join("stderr.txt");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("readiness"))
        .current_dir(root())
        .args(["score", "--format", "csv"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 64`
    let status = child.wait().unwrap();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "", "nothing on stderr for a closed pipe");
}

#[test]
fn regression_crlf_line_numbers_are_not_one_too_low() {
    // Excel writes CRLF; the csv crate's own line count is off by one per record there.
    let lf = "kommun,intervju,bedömare,A,B,C,D,E,F\nKinda,K1,Anna,4,4,4,4,4,4\n\nKinda,K1,Bo,10,4,4,4,4,4\n\"Kinda\",\"K\n2\",Bo,4,4,4,4,4,x\nKinda,K1,Anna,4,4,4,4,4,4\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = readiness(&["score", "-"], Some(lf.as_bytes()));
    let b = readiness(&["score", "-"], Some(crlf.as_bytes()));
    assert_eq!(a.code, 2);
    assert_eq!(a.stderr, b.stderr);
    assert_snapshot!(a.stderr);
}

#[test]
fn output_file_is_written_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stages.csv");
    let out_s = out.to_str().unwrap();
    let run = readiness(
        &[
            "score",
            "--format",
            "csv",
            "-o",
            out_s,
            "data/ostergotland-scores.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let direct = readiness(
        &["score", "--format", "csv", "data/ostergotland-scores.csv"],
        None,
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), direct.stdout);
    // Only the result is left in the directory: no temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Writing over an input is refused, and the input is untouched.
    let copy = dir.path().join("scores.csv");
    std::fs::copy(crate::root().join("data/ostergotland-scores.csv"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let run = readiness(
        &[
            "score",
            "-o",
            copy.to_str().unwrap(),
            copy.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    // `-o -` is standard output.
    let run = readiness(
        &[
            "score",
            "--format",
            "csv",
            "-o",
            "-",
            "data/ostergotland-scores.csv",
        ],
        None,
    );
    assert_eq!(run.stdout, direct.stdout);
}

#[test]
fn a_decimal_comma_in_a_comma_separated_file_gets_a_hint() {
    let input = "kommun,intervju,bedömare,A,B,C,D,E,F\nKinda,K1,Anna,3,5,4,5,4,3,4\n";
    let run = readiness(&["score", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2);
    assert_snapshot!(run.stderr);
}

/// A long file is parsed in batches on another thread: rows in every batch are counted, and the
/// errors come in file order with the right lines, CRLF endings and quoted line breaks included.
#[test]
fn long_files_report_every_bad_row_in_order() {
    let mut csv = String::from("municipality,interview,scorer,dimension,score,note\r\n");
    let mut line = 1;
    let mut bad = Vec::new();
    for i in 0..5000 {
        line += 1;
        let score = match i {
            700 | 2047 | 4999 => {
                bad.push(line);
                "tio"
            }
            _ => "4",
        };
        // Every 500th row has a note over two lines.
        let note = if i % 500 == 0 {
            "\"två\r\nrader\""
        } else {
            ""
        };
        csv.push_str(&format!("Kinda,K{i},Anna,A,{score},{note}\r\n"));
        if i % 500 == 0 {
            line += 1;
        }
    }
    let run = readiness(&["score", "--format", "json", "-"], Some(csv.as_bytes()));
    assert_eq!(run.code, 2, "{}", run.stderr);
    // One message on three lines is one line naming the three, in order.
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("is not a number"))
        .collect();
    let expected = format!(
        "  <stdin> lines {}, {} and {}: score `tio` is not a number",
        bad[0], bad[1], bad[2]
    );
    assert_eq!(lines, [expected.as_str()], "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: 3 errors in the input"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_row_after_a_rejected_one_goes_to_its_own_interview() {
    // Line 3 is rejected; line 4 names the interview line 3 named, not line 2's, so line 5 is
    // no duplicate of it.
    let input = "municipality,interview,scorer,dimension,score\n\
                 Kinda,K1,Anna,A,4\n\
                 Kinda,K2,Anna,A,4,extra\n\
                 Kinda,K2,Anna,B,5\n\
                 Kinda,K1,Anna,B,6\n";
    let run = readiness(&["score", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("1 error in the input"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("<stdin>:3: row has 6 fields"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_key_cell_longer_than_200_characters_is_an_error_that_never_shows_it() {
    // A megabyte in the round column, a long scorer on a row of the same interview as the one
    // before (the look-ahead's fast path), and a long interview in a coded file: each row is
    // reported, by line and column, and its text is never echoed.
    let dir = tempfile::tempdir().unwrap();
    let huge = "hemlig ".repeat(149_797) + "x"; // 1 048 580 characters
    let long = "Å".repeat(201);
    let scores = format!(
        "kommun,omgång,intervju,bedömare,dimension,poäng\n\
         Kinda,2026,K1,Anna,A,4\n\
         Kinda,{huge},K1,Anna,B,4\n\
         Kinda,2026,K2,Anna,A,4\n\
         Kinda,2026,K2,{long},B,4\n\
         Kinda,2026,K2,Erik,A,5\n"
    );
    std::fs::write(dir.path().join("scores.csv"), scores).unwrap();
    let coded = format!(
        "municipality,interview,coder,code\nKinda,K9,Anna,A4\nKinda,{long},Anna,A4\n\
         Kinda,K9,{},A4\n",
        "x".repeat(200)
    );
    std::fs::write(dir.path().join("coded.csv"), coded).unwrap();
    let run = crate::readiness_in(dir.path(), &["score", "scores.csv", "coded.csv"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: 3 errors in the input"),
        "{}",
        run.stderr
    );
    for expected in [
        "scores.csv:3: `round` cell is 1048580 characters long; a key cell may have at most 200",
        "scores.csv:5: `scorer` cell is 201 characters long; a key cell may have at most 200",
        "coded.csv:3: `interview` cell is 201 characters long; a key cell may have at most 200",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // 200 characters are still a name; the text is never shown.
    assert!(!run.stderr.contains("coded.csv:4"), "{}", run.stderr);
    assert!(!run.stderr.contains("hemlig") && !run.stderr.contains("ÅÅ"));
    assert!(run.stderr.len() < 2_000, "{}", run.stderr.len());
}

#[test]
fn one_error_on_many_lines_is_one_line_and_every_line_with_verbose() {
    let mut csv = String::from("municipality,interview,scorer,dimension,score\n");
    for i in 0..25 {
        csv.push_str(&format!("Kinda,K{i},Anna,A,11\n"));
    }
    csv.push_str("Kinda,K99,Anna,A,x\n");
    let run = readiness(&["score", "-"], Some(csv.as_bytes()));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 26 errors in the input:\n  \
         <stdin> lines 2, 3, 4 and 22 more: score 11 is outside the rubric's scale 1–9\n  \
         <stdin>:27: score `x` is not a number\n"
    );
    let all = readiness(&["score", "--verbose", "-"], Some(csv.as_bytes()));
    let listed: Vec<String> = (2..=26).map(|l| l.to_string()).collect();
    let (head, last) = listed.split_at(listed.len() - 1);
    let expected = format!(
        "<stdin> lines {} and {}: score 11",
        head.join(", "),
        last[0]
    );
    assert!(all.stderr.contains(&expected), "{}", all.stderr);
}

#[test]
fn a_row_refused_for_its_score_is_also_told_its_other_role() {
    // Line 3 has a bad score and gives `K1` another role; line 4 another role, spelt with
    // other case and spacing than line 2's, is the same role. Line 5 names an interview not
    // seen before, so its bad score is all there is to say. Line 6 writes `K1` otherwise: the
    // same interview, named as that line writes it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roles.csv"),
        "municipality,interview,role,scorer,dimension,score\n\
         Kinda,K1,skola,Anna,A,4\n\
         kinda,K1,polis,Anna,B,x\n\
         Kinda,K1, Skola ,Anna,C,fem\n\
         Kinda,K2,polis,Anna,D,y\n\
         Kinda,k1,polis,Anna,E,z\n",
    )
    .unwrap();
    let run = crate::readiness_in(dir.path(), &["score", "roles.csv"], None);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "error: 6 errors in the input:\n  \
         roles.csv:3: score `x` is not a number\n  \
         roles.csv:3: interview `K1` has role `polis` here but `skola` at roles.csv:2\n  \
         roles.csv:4: score `fem` is not a number\n  \
         roles.csv:5: score `y` is not a number\n  \
         roles.csv:6: score `z` is not a number\n  \
         roles.csv:6: interview `k1` has role `polis` here but `skola` at roles.csv:2\n"
    );
}

#[test]
fn an_interview_given_another_role_is_refused_on_every_row_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        "Kinda,K1,skola,Anna,A,4",
        "Kinda,K1,skola,Anna,B,5",
        "Kinda,K1,polis,Anna,C,5",
        "Kinda,K1,polis,Anna,D,6",
        "Kinda,K1,skola,Anna,E,4",
        "Kinda,K1,polis,Anna,F,3",
    ];
    // Sorted as written, then the other role first and the rows of each apart: every row
    // with the role not seen first is refused, also those after the first refused.
    for (order, said) in [
        (
            [0, 1, 2, 3, 4, 5],
            "roles.csv lines 4, 5 and 7: interview `K1` has role `polis` here but `skola` at \
             roles.csv:2",
        ),
        (
            [2, 0, 3, 1, 5, 4],
            "roles.csv lines 3, 5 and 7: interview `K1` has role `skola` here but `polis` at \
             roles.csv:2",
        ),
    ] {
        let text: String = std::iter::once("municipality,interview,role,scorer,dimension,score")
            .chain(order.iter().map(|&i| rows[i]))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(dir.path().join("roles.csv"), text).unwrap();
        let run = crate::readiness_in(dir.path(), &["score", "roles.csv"], None);
        assert_eq!(run.code, 2, "{order:?}: {}", run.stdout);
        assert_eq!(
            run.stderr,
            format!("error: 3 errors in the input:\n  {said}\n"),
            "{order:?}"
        );
    }
}
