//! `readiness completions` and `readiness man`: generated from the clap definition.

use crate::readiness;
use insta::assert_snapshot;

#[test]
fn completions_for_every_shell_know_the_subcommands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef readiness"),
        ("fish", "complete -c readiness"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = readiness(&["completions", shell], None);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: no `{marker}`");
        // fish writes long options as `-l data`; the others as `--data`.
        for word in ["score", "rubric", "check", "diff", "data", "interviews"] {
            assert!(run.stdout.contains(word), "{shell}: no `{word}`");
        }
    }
    let run = readiness(&["completions", "tcsh"], None);
    assert_eq!(run.code, 2);
}

#[test]
fn man_pages() {
    let run = readiness(&["man"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\n.TH readiness 1 "), "{}", run.stdout);
    assert!(
        run.stdout.contains("readiness\\-rubric(1)"),
        "the main page lists the subcommand pages"
    );
    assert!(run.stdout.contains("Exit status"));

    let run = readiness(&["man", "rubric", "diff"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("\n.TH readiness-rubric-diff 1  \"readiness "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\\-\\-data"));

    let run = readiness(&["man", "rubric", "dif"], None);
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

/// Issue 14 item 6: `readiness man` keeps each example of `--help` on one line, in a no-fill
/// block, so that `man` does not fill it into the prose and break it.
#[test]
fn man_keeps_the_examples_of_help_on_one_line_each() {
    let help = readiness(&["score", "--help"], None).stdout;
    let roff = readiness(&["man", "score"], None).stdout;
    let lines: Vec<&str> = roff.lines().collect();
    let examples: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Examples:")
        .filter(|l| l.starts_with("  readiness") || l.starts_with("  cat "))
        .collect();
    assert!(examples.len() >= 5, "{help}");
    assert!(
        examples
            .iter()
            .any(|e| e.contains("--coder erik.csv=Erik anna.csv erik.csv"))
    );
    for example in examples {
        let escaped = example.replace('-', "\\-").replace('\'', "\\*(Aq");
        let at = lines
            .iter()
            .position(|l| *l == escaped)
            .unwrap_or_else(|| panic!("`{escaped}` is not one line of the roff:\n{roff}"));
        let block = lines[..at]
            .iter()
            .rev()
            .find(|l| **l == ".nf" || **l == ".fi");
        assert_eq!(block, Some(&".nf"), "`{example}` is not in a no-fill block");
    }
}

#[test]
fn top_level_help_lists_every_command_and_exit_code() {
    let run = readiness(&["--help"], None);
    assert_eq!(run.code, 0);
    // Examples first, then the exit status (a new user's review found no examples here).
    let examples = run.stdout.find("\nExamples:\n  readiness score ");
    let exit = run.stdout.find("\nExit status:\n  0  success\n");
    assert!(examples.is_some() && examples < exit, "{}", run.stdout);
    assert_snapshot!(run.stdout);
}
