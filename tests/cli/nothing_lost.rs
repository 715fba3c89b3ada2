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
