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
