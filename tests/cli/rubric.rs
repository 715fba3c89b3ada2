//! `readiness rubric list|show|check|init|diff`, the CI recipe in examples/, and the scores of
//! the example data under every embedded rubric (so that any change to a rubric shows as a
//! snapshot diff in review).

use crate::{Run, readiness, root};
use insta::assert_snapshot;
use readiness::rubric::EMBEDDED;
use tempfile::TempDir;

const DATA: &str = "data/ostergotland-scores.csv";
const CODED: [&str; 3] = [
    "data/coded/segments.csv",
    "--interviews",
    "data/coded/intervjuer.csv",
];

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// `rubric init --from from`, edited, written to a temporary directory as `file`.
fn edited(from: &str, file: &str, edit: impl Fn(&str) -> String) -> (TempDir, String) {
    let init = readiness(&["rubric", "init", "--from", from], None);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let edited = edit(&init.stdout);
    assert_ne!(edited, init.stdout, "the edit changed nothing");
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(file);
    std::fs::write(&path, edited).unwrap();
    (dir, path.to_str().unwrap().to_string())
}

/// A run's transcript with the temporary directory replaced by `[TMP]`.
fn transcript(run: &Run, dir: &TempDir) -> String {
    run.transcript()
        .replace(dir.path().to_str().unwrap(), "[TMP]")
}

/// Replaces the statement that follows `id = "{anchor}"`.
fn restate(src: &str, anchor: &str, statement: &str) -> String {
    let at = src.find(&format!("id = \"{anchor}\"")).expect("anchor id");
    let start = at + src[at..].find("statement = \"").unwrap();
    let end = start + src[start..].find('\n').unwrap();
    format!(
        "{}statement = \"{statement}\"{}",
        &src[..start],
        &src[end..]
    )
}

/// Removes the dimension with id `id`, anchors and all.
fn without_dimension(src: &str, id: &str) -> String {
    let start = src
        .find(&format!("[[dimensions]]\nid = \"{id}\""))
        .expect("dimension");
    let end = src[start + 1..]
        .find("[[dimensions]]\n")
        .map_or(src.len(), |i| start + 1 + i);
    format!("{}{}", &src[..start], &src[end..])
}

// ---- list, show ----

#[test]
fn list_names_every_embedded_rubric() {
    let run = readiness(&["rubric", "list"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
    let v = json(&readiness(&["rubric", "list", "--format", "json"], None));
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    let embedded: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, embedded);
    assert_eq!(v[0]["default"], true);
    assert_eq!(v[1]["language"], "sv");
    assert_eq!(
        v[2]["dimensions"],
        serde_json::json!(["A", "B", "C", "D", "E"])
    );
}

#[test]
fn show_table() {
    let run = readiness(&["rubric", "show", "crm6-sv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn show_markdown_is_a_handout() {
    let run = readiness(&["rubric", "show", "crm6", "--format", "markdown"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
}

#[test]
fn show_json() {
    let run = readiness(&["rubric", "show", "crm5", "--format", "json"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.stdout);
    let v = json(&run);
    assert_eq!(v["scoring"]["partial_credit"], 0.5);
    assert_eq!(v["dimensions"].as_array().unwrap().len(), 5);
    assert_eq!(v["dimensions"][1]["anchors"][3]["id"], "B4");
    assert_eq!(v["stages"][8]["level"], 9);
}

#[test]
fn show_reads_a_path_and_rejects_an_unknown_name() {
    let run = readiness(
        &["rubric", "show", "scoring-anchors/crm5.toml", "-f", "json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["source"], "scoring-anchors/crm5.toml");
    let run = readiness(&["rubric", "show", "crm5sv"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown rubric `crm5sv`"),
        "{}",
        run.stderr
    );
}

// ---- check ----

#[test]
fn check_valid_files() {
    let run = readiness(
        &[
            "rubric",
            "check",
            "scoring-anchors/crm6.toml",
            "examples/rubric-ci/rubric.toml",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn check_points_at_every_problem() {
    // Unknown key (with a suggestion), a missing level, a duplicate anchor id, a minimum number
    // of interviews below 1, and a step that does not divide the scale: all five in one pass.
    let run = readiness(
        &["rubric", "check", "tests/fixtures/rubrics/broken.toml"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn check_syntax_errors_are_invalid_not_errors() {
    let run = readiness(
        &["rubric", "check", "tests/fixtures/rubrics/syntax.toml"],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn check_an_unreadable_file_is_exit_2() {
    let run = readiness(
        &[
            "rubric",
            "check",
            "scoring-anchors/crm5.toml",
            "no-such-rubric.toml",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

/// Regression: a rubric saved as Windows-1252 gave "stream did not contain valid UTF-8", with
/// no line and no way out.
#[test]
fn a_rubric_saved_as_windows_1252_says_where_and_to_save_it_as_utf8() {
    let init = readiness(&["rubric", "init", "--from", "crm6-sv"], None);
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&init.stdout);
    assert!(!lossy);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kalmar.toml");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();
    // Line 17 is `# the project's translations ("förändringstrappan", the change ladder).`
    let message = "could not read rubric `[TMP]/kalmar.toml`: the file is not UTF-8 text: \
                   line 17, column 33 has the byte 0xF6, `ö` in Windows-1252; save it as UTF-8 \
                   (in Notepad: Save as, Encoding UTF-8) and try again";
    let check = readiness(&["rubric", "check", path], None);
    assert_eq!(check.code, 2, "{}", check.transcript());
    assert_snapshot!(transcript(&check, &dir));
    assert!(transcript(&check, &dir).contains(message));
    let score = readiness(&["score", "--rubric", path, DATA], None);
    assert_eq!(score.code, 2, "{}", score.transcript());
    assert_eq!(
        transcript(&score, &dir),
        format!("exit: 2\n--- stdout\n--- stderr\nerror: {message}\n")
    );
    let stdin = readiness(&["rubric", "check", "-"], Some(&bytes));
    assert_eq!(stdin.code, 2);
    assert!(
        stdin
            .stderr
            .contains("could not read rubric `<stdin>`: the file is not UTF-8 text: line 17"),
        "{}",
        stdin.stderr
    );
}

/// Regression: the reason a rubric file could not be read was printed twice.
#[test]
fn an_unreadable_rubric_says_why_once() {
    let run = readiness(&["score", "--rubric", "tests/fixtures", DATA], None);
    assert_eq!(run.code, 2);
    let reason = run
        .stderr
        .strip_prefix("error: could not read rubric `tests/fixtures`: ")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    // The operating system's reason, e.g. "Is a directory (os error 21)", and nothing after it.
    assert!(!reason.trim_end().contains(": "), "{}", run.stderr);
}

#[test]
fn check_reads_standard_input() {
    let src = std::fs::read(root().join("scoring-anchors/crm6-sv.toml")).unwrap();
    let run = readiness(&["rubric", "check", "-"], Some(&src));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("<stdin>: valid: rubric `crm6-sv`"),
        "{}",
        run.stdout
    );
}

#[test]
fn score_with_an_invalid_rubric_file_stays_exit_2() {
    let run = readiness(
        &[
            "score",
            "--rubric",
            "tests/fixtures/rubrics/broken.toml",
            DATA,
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_snapshot!(run.transcript());
}

// ---- init ----

#[test]
fn init_header() {
    let run = readiness(&["rubric", "init", "--from", "crm6-sv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head: Vec<&str> = run.stdout.lines().take(9).collect();
    assert_snapshot!(head.join("\n"));
    let source = std::fs::read_to_string(root().join("scoring-anchors/crm6-sv.toml")).unwrap();
    assert!(
        run.stdout.ends_with(&source),
        "the embedded source follows the header"
    );
}

#[test]
fn init_round_trips_every_embedded_rubric() {
    for (name, _) in EMBEDDED {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("mine.toml");
        let init = readiness(&["rubric", "init", "--from", name], None);
        assert_eq!(init.code, 0, "{name}: {}", init.stderr);
        std::fs::write(&path, &init.stdout).unwrap();
        let path = path.to_str().unwrap();

        let check = readiness(&["rubric", "check", path], None);
        assert_eq!(check.code, 0, "{name}: {}", check.stdout);

        let same = readiness(&["rubric", "diff", "--lang", "en", name, path], None);
        assert_eq!(same.code, 0, "{name}: {}", same.stderr);
        assert!(
            same.stdout.contains("No changes to the rubric."),
            "{name}: {}",
            same.stdout
        );

        for data in [vec![DATA], CODED.to_vec()] {
            let scores = |rubric: &str| {
                let mut args = vec!["score", "--format", "json", "--rubric", rubric];
                args.extend(&data);
                let run = readiness(&args, None);
                assert_eq!(run.code, 0, "{name} {data:?}: {}", run.stderr);
                let v = json(&run);
                (
                    v["results"].clone(),
                    v["warnings"].clone(),
                    v["notes"].clone(),
                )
            };
            let (embedded, copy) = (scores(name), scores(path));
            assert_eq!(embedded, copy, "{name} {data:?}");
            assert!(!embedded.0.as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn init_from_an_unknown_rubric() {
    let run = readiness(&["rubric", "init", "--from", "crm5-sv"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_snapshot!(run.transcript());
}

// ---- diff ----

#[test]
fn diff_without_data_lists_what_changed() {
    let (dir, path) = edited("crm6", "local.toml", |s| {
        let s = restate(s, "C4", "Leaders are trying to get something started.");
        s.replace("step = 0.5 ", "step = 1.0 ")
            .replace("partial_credit = 0.5 ", "partial_credit = 0.0 ")
            .replace("name = \"Preparation\"", "name = \"Getting ready\"")
    });
    let run = readiness(&["rubric", "diff", "crm6", &path], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(transcript(&run, &dir));
}

#[test]
fn diff_six_to_five_dimensions() {
    let run = readiness(&["rubric", "diff", "crm6", "crm5"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn diff_anchor_text_only_keeps_every_stage_exit_0() {
    let (dir, path) = edited("crm6", "reworded.toml", |s| {
        restate(
            s,
            "C4",
            "Leaders are trying to get something started, for instance by asking for a report.",
        )
    });
    let run = readiness(&["rubric", "diff", "crm6", &path, "--data", DATA], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(transcript(&run, &dir));
}

#[test]
fn diff_dropping_a_dimension_changes_stages_exit_1() {
    let (dir, path) = edited("crm6", "no-climate.toml", |s| without_dimension(s, "D"));
    let run = readiness(&["rubric", "diff", "crm6", &path, "--data", DATA], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_snapshot!(transcript(&run, &dir));

    let run = readiness(
        &[
            "rubric", "diff", "crm6", &path, "--format", "json", "--data", DATA,
        ],
        None,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["changes"][0]["path"], "dimensions.D");
    assert_eq!(v["changes"][0]["change"], "removed");
    let data = &v["data"];
    assert_eq!(data["stage_changes"], 2);
    assert_eq!(data["unchanged"], 0);
    // Boxholm: A B C E F = 2.625 2.75 3.25 2.75 2.625, overall exactly 2.8: stage 3 → 2.
    let boxholm = &data["results"][0];
    assert_eq!(boxholm["municipality"], "Boxholm");
    assert_eq!(boxholm["outcome"], "stage");
    assert_eq!(boxholm["stage"], serde_json::json!({"old": 3, "new": 2}));
    assert_eq!(boxholm["overall"]["new"], 2.8);
    assert_eq!(
        boxholm["dimensions"]["D"],
        serde_json::json!({"old": 4.0, "new": null})
    );
    // Valdemarsvik: exactly 3 without D, so stage 3, not 2.
    let valdemarsvik = &data["results"][9];
    assert_eq!(valdemarsvik["municipality"], "Valdemarsvik");
    assert_eq!(
        valdemarsvik["stage"],
        serde_json::json!({"old": 2, "new": 3})
    );
}

#[test]
fn diff_six_to_five_dimensions_on_data_compares_what_each_can_score() {
    let run = readiness(
        &[
            "rubric", "diff", "crm6", "crm5", "--format", "json", "--data", DATA,
        ],
        None,
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let v = json(&run);
    let data = &v["data"];
    let results = data["results"].as_array().unwrap();
    assert_eq!(results.len(), 13);
    for r in results {
        assert_eq!(r["dimensions"]["F"]["new"], serde_json::Value::Null);
        assert!(r["dimensions"]["F"]["old"].is_number());
        assert_ne!(r["outcome"], "unchanged");
    }
    assert_eq!(
        data["warnings"]["new"][0],
        "data/ostergotland-scores.csv: column `F` is not used: rubric `crm5` has no dimension `F` \
         (its dimensions are A, B, C, D, E). If these scores were given with another rubric, its \
         letters may name other dimensions here — check `--rubric`"
    );
    assert_eq!(run.code, if data["stage_changes"] == 0 { 0 } else { 1 });
}

#[test]
fn diff_partial_credit_on_coded_data() {
    let (dir, path) = edited("crm6", "no-partial.toml", |s| {
        s.replace("partial_credit = 0.5 ", "partial_credit = 0.0 ")
    });
    let mut args = vec![
        "rubric",
        "diff",
        "crm6",
        path.as_str(),
        "--format",
        "markdown",
        "--data",
    ];
    args.extend(CODED);
    let run = readiness(&args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot!(transcript(&run, &dir));
}

#[test]
fn diff_refuses_standard_input_as_data() {
    let src = std::fs::read(root().join(DATA)).unwrap();
    let run = readiness(
        &["rubric", "diff", "crm6", "crm6-sv", "--data", "-"],
        Some(&src),
    );
    assert_eq!(run.code, 2);
    assert_snapshot!(run.transcript());
}

#[test]
fn diff_names_the_rubric_the_data_does_not_fit() {
    // A rubric whose step (1) rejects the half points of the example data.
    let (dir, path) = edited("crm6", "whole-points.toml", |s| {
        s.replace("step = 0.5 ", "step = 1.0 ")
            .replace("partial_credit = 0.5 ", "partial_credit = 0.0 ")
    });
    let run = readiness(&["rubric", "diff", "crm6", &path, "--data", DATA], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    let err = transcript(&run, &dir);
    assert!(
        err.contains("error: could not score the data under the new rubric `crm6`: "),
        "{err}"
    );
    assert!(
        err.contains("is not a multiple of the rubric's step 1"),
        "{err}"
    );
}

#[test]
fn help_documents_exit_codes() {
    for sub in ["check", "diff"] {
        let run = readiness(&["rubric", sub, "--help"], None);
        assert_eq!(run.code, 0);
        assert_snapshot!(format!("help_{sub}"), run.stdout);
    }
}

// ---- the CI recipe, and the project's own rubric snapshots ----

/// Runs examples/ci-check-rubric.sh with the built binary, in the repository root.
fn ci_script(args: &[&str]) -> Run {
    ci_script_in(root(), args)
}

/// Runs examples/ci-check-rubric.sh with the built binary, in `dir`.
fn ci_script_in(dir: &std::path::Path, args: &[&str]) -> Run {
    let out = std::process::Command::new("bash")
        .arg(root().join("examples/ci-check-rubric.sh"))
        .args(args)
        .current_dir(dir)
        .env("READINESS", env!("CARGO_BIN_EXE_readiness"))
        .env("NO_COLOR", "1")
        .env_remove("READINESS_RUBRIC")
        .output()
        .expect("bash runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const EXAMPLE: [&str; 4] = [
    "crm6-sv",
    "examples/rubric-ci/rubric.toml",
    "examples/rubric-ci/expected/scores.csv",
    "examples/rubric-ci/fixtures/scores.csv",
];

#[test]
fn ci_example_passes_as_committed() {
    let run = ci_script(&EXAMPLE);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_snapshot!(run.transcript());
}

#[test]
fn ci_example_fails_on_an_unreviewed_stage_change() {
    let src = std::fs::read_to_string(root().join(EXAMPLE[1])).unwrap();
    let dir = TempDir::new().unwrap();
    let rubric = dir.path().join("rubric.toml");
    std::fs::write(&rubric, without_dimension(&src, "D")).unwrap();
    let rubric = rubric.to_str().unwrap();
    let run = ci_script(&[EXAMPLE[0], rubric, EXAMPLE[2], EXAMPLE[3]]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let text = transcript(&run, &dir);
    // The rubric is Swedish, so is its diff.
    assert!(text.contains("byter steg"), "{text}");
    assert!(
        text.contains("error: the scores under [TMP]/rubric.toml differ from"),
        "{text}"
    );

    // Recording the new scores is the review: then the same change passes.
    let expected = dir.path().join("scores.csv");
    let score = readiness(
        &["score", "--rubric", rubric, "--format", "csv", EXAMPLE[3]],
        None,
    );
    std::fs::write(&expected, &score.stdout).unwrap();
    let run = ci_script(&[EXAMPLE[0], rubric, expected.to_str().unwrap(), EXAMPLE[3]]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("records the new stages: reviewed"),
        "{}",
        run.stdout
    );
}

/// Regression: the expected output held the paths as given (`score --format json` names the
/// rubric and input files), so the recipe failed when run from any other directory.
#[test]
fn ci_example_passes_from_inside_its_directory() {
    let dir = root().join("examples/rubric-ci");
    let run = ci_script_in(
        &dir,
        &[
            "crm6-sv",
            "rubric.toml",
            "expected/scores.csv",
            "fixtures/scores.csv",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with(
            "== scores compared with expected/scores.csv\nthe scores match expected/scores.csv.\n"
        ),
        "{}",
        run.stdout
    );
    // And with absolute paths, as a CI job in another checkout would give them.
    let abs = |p: &str| dir.join(p).to_str().unwrap().to_string();
    let (rubric, expected, data) = (
        abs("rubric.toml"),
        abs("expected/scores.csv"),
        abs("fixtures/scores.csv"),
    );
    let run = ci_script(&["crm6-sv", &rubric, &expected, &data]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn ci_example_missing_expected_output_is_an_error() {
    let run = ci_script(&[
        EXAMPLE[0],
        EXAMPLE[1],
        "examples/rubric-ci/expected/no-such.csv",
        EXAMPLE[3],
    ]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("no-such.csv"), "{}", run.stderr);
}

#[test]
fn ci_example_fails_on_an_invalid_rubric() {
    let run = ci_script(&[
        "crm6",
        "tests/fixtures/rubrics/broken.toml",
        EXAMPLE[2],
        EXAMPLE[3],
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("invalid: 8 problems"), "{}", run.stdout);
}

#[test]
fn scores_of_the_example_data_under_every_embedded_rubric() {
    // Any change to an embedded rubric that changes a score shows here as a snapshot diff.
    for (name, _) in EMBEDDED {
        for (label, data) in [("scores", vec![DATA]), ("coded", CODED.to_vec())] {
            let mut args = vec!["score", "--format", "json", "--rubric", name];
            args.extend(&data);
            let run = readiness(&args, None);
            assert_eq!(run.code, 0, "{name} {label}: {}", run.stderr);
            assert_snapshot!(format!("score_json_{name}_{label}"), run.stdout);
        }
    }
}

/// Issue 16: every stage has its strategies; a rubric without them is refused, each stage named.
#[test]
fn check_a_rubric_without_strategies() {
    let (dir, path) = edited("crm6", "old-style.toml", |s| {
        // A rubric written before strategies existed: the `strategies` lists and the
        // dimension table taken out.
        let mut out = String::new();
        let mut skipping = false;
        for line in s.lines() {
            if line.starts_with("strategies = [") {
                skipping = true;
            } else if skipping {
                skipping = line != "]";
            } else if !line.starts_with("[stages.dimension_strategies]")
                && !line.starts_with("F = [\"Map")
            {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    });
    let run = readiness(&["rubric", "check", &path], None);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let problems = run
        .stdout
        .lines()
        .filter(|l| l.contains("has no strategies"))
        .count();
    assert_eq!(problems, 9, "{}", run.stdout);
    assert_snapshot!(transcript(&run, &dir));
}

#[test]
fn diff_of_a_changed_strategy() {
    let (dir, path) = edited("crm6", "strategy.toml", |s| {
        s.replace(
            "  \"Make the first requests for funding and support.\",",
            "  \"Apply to the county board's development fund.\",",
        )
    });
    let run = readiness(&["rubric", "diff", "crm6", &path], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("stages.5.strategies"), "{}", run.stdout);
    assert_snapshot!(transcript(&run, &dir));
}
