//! Issue 14 item 5: tables fit the terminal. The score table, `--detail` and `agreement --by
//! municipality` at 60, 80 and 120 columns (`COLUMNS`), every line within the width, and every
//! cell whole: each cell of a narrow table is a cell of the unfitted one, so no number, interval,
//! stage label or name was broken. Columns that cannot fit are left out, named under the table.

use crate::{Run, readiness_at, readiness_with, root};
use insta::assert_snapshot;

const DATA: &str = "data/ostergotland-scores.csv";

/// The cells of a drawn table's rows (`│ a ┆ b │`), trimmed.
fn cells(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with('│'))
        .flat_map(|l| l.split(['│', '┆']).map(|c| c.trim().to_string()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Runs `args` at `columns` and checks the output fits and breaks no cell.
fn at(columns: u16, args: &[&str]) -> Run {
    let run = readiness_at(columns, args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= usize::from(columns),
            "wider than {columns}: {line}"
        );
    }
    let whole = readiness_with(root(), None, args, None).stdout;
    let whole = cells(&whole);
    for cell in cells(&run.stdout) {
        assert!(whole.contains(&cell), "`{cell}` is a broken cell");
    }
    run
}

#[test]
fn score_table_at_60_columns() {
    let run = at(60, &["score", DATA]);
    assert!(
        run.stdout
            .contains("Left out to fit 60 columns: A, B, C, D, E, F, 95% CI.")
    );
    assert_snapshot!(run.stdout);
}

#[test]
fn score_table_at_80_columns() {
    let run = at(80, &["score", DATA]);
    assert!(
        run.stdout
            .contains("Left out to fit 80 columns: C, D, E, F, 95% CI.")
    );
    assert_snapshot!(run.stdout);
}

#[test]
fn score_table_at_120_columns_is_whole() {
    let run = at(120, &["score", DATA]);
    assert!(!run.stdout.contains("Left out"), "{}", run.stdout);
    assert_snapshot!(run.stdout);
}

#[test]
fn score_detail_at_60_columns() {
    assert_snapshot!(at(60, &["score", "--detail", DATA]).stdout);
}

#[test]
fn score_detail_at_80_columns() {
    assert_snapshot!(at(80, &["score", "--detail", DATA]).stdout);
}

#[test]
fn score_detail_at_120_columns() {
    assert_snapshot!(at(120, &["score", "--detail", DATA]).stdout);
}

#[test]
fn agreement_by_municipality_at_60_columns() {
    assert_snapshot!(at(60, &["agreement", "--by", "municipality", DATA]).stdout);
}

#[test]
fn agreement_by_municipality_at_80_columns() {
    assert_snapshot!(at(80, &["agreement", "--by", "municipality", DATA]).stdout);
}

#[test]
fn agreement_by_municipality_at_120_columns() {
    assert_snapshot!(at(120, &["agreement", "--by", "municipality", DATA]).stdout);
}

#[test]
fn the_left_out_note_speaks_swedish() {
    let run = at(60, &["score", "--lang", "sv", DATA]);
    assert!(
        run.stdout
            .contains("Utelämnat för att rymmas på 60 tecken:"),
        "{}",
        run.stdout
    );
}

#[test]
fn not_a_terminal_and_no_columns_means_no_wrapping() {
    // Scripts and snapshots rely on this: a pipe gets the table as wide as it is.
    let run = readiness_with(root(), None, &["score", DATA], None);
    assert!(!run.stdout.contains("Left out"), "{}", run.stdout);
    assert!(run.stdout.contains("95% CI"));
    let widest = run.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest > 120, "the legend stays one line: {}", run.stdout);
}

#[test]
fn an_invalid_columns_is_ignored() {
    let run = readiness_with(root(), Some("wide"), &["score", DATA], None);
    assert!(!run.stdout.contains("Left out"), "{}", run.stdout);
}

/// The words of a text, sorted, each word split after a `/` (where a cell may wrap it).
fn words(text: &str) -> Vec<String> {
    let lines: Vec<String> = text.lines().map(|l| l.replace(['│', '┆'], " ")).collect();
    let mut words: Vec<String> = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .flat_map(|w| w.split_inclusive('/'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(String::from)
        .collect();
    words.sort();
    words
}

#[test]
fn rubric_show_wraps_statements_between_words_at_60_columns() {
    for rubric in ["crm6", "crm6-sv"] {
        let run = readiness_at(60, &["rubric", "show", rubric]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for line in run.stdout.lines() {
            assert!(line.chars().count() <= 60, "wider than 60: {line}");
        }
        assert!(!run.stdout.contains("Left out"), "{}", run.stdout);
        let whole = readiness_with(root(), None, &["rubric", "show", rubric], None).stdout;
        let (narrow, whole) = (words(&run.stdout), words(&whole));
        let missing: Vec<&String> = whole.iter().filter(|w| !narrow.contains(w)).collect();
        assert!(missing.is_empty(), "{rubric}: broken or lost {missing:?}");
    }
}

#[test]
fn evidence_with_text_at_60_columns_leaves_out_the_question_and_dimension() {
    let args = [
        "score",
        "--detail",
        "--show-text",
        "tests/fixtures/coded-small.csv",
    ];
    let run = readiness_at(60, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 60, "wider than 60: {line}");
    }
    assert!(
        run.stdout
            .contains("Left out to fit 60 columns: Dimension, Question."),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("┆ -C4  ┆ 9    ┆"), "{}", run.stdout);
}
