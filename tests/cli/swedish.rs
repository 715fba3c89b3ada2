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
    // Under the Swedish rubric, said in Swedish.
    let run = score_wide(
        "kommun,intervju,A,B,Leadership,D,E,F\nKinda,K1,4,5,3,4,4,4\n",
        "crm6-sv",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "scores.csv:1: kolumnen `Leadership` namnger dimension C (Leadership) i rubriken \
             `crm6` (språk `en`), men rubriken är `crm6-sv` (språk `sv`): ange `--rubric crm6`, \
             eller döp kolumnen till `C` eller `Ledarskap`"
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

// Item 1: the language of everything meant for people.

use crate::readiness;

/// Runs `readiness` in the repository root with `READINESS_LANG` set.
fn readiness_with_lang_env(lang: &str, args: &[&str]) -> crate::Run {
    let out = assert_cmd::Command::cargo_bin("readiness")
        .unwrap()
        .current_dir(crate::root())
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env_remove("READINESS_RUBRIC")
        .env("READINESS_LANG", lang)
        .output()
        .unwrap();
    crate::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const SWEDISH_FIXTURE: &str = "tests/fixtures/swedish-long.csv";

#[test]
fn a_swedish_rubric_speaks_swedish_and_lang_or_the_environment_overrides_it() {
    let sv = readiness(&["score", "--rubric", "crm6-sv", SWEDISH_FIXTURE], None);
    assert_eq!(sv.code, 0, "{}", sv.stderr);
    assert!(sv.stdout.contains("│ Kommun "), "{}", sv.stdout);
    assert!(sv.stdout.contains("varningar:"), "{}", sv.stdout);
    assert!(
        sv.stdout
            .contains("2 intervjuer, färre än rubrikens minimum 4")
    );
    assert!(sv.stdout.contains("3,45"), "decimal comma: {}", sv.stdout);

    let en = readiness(
        &[
            "score",
            "--rubric",
            "crm6-sv",
            "--lang",
            "en",
            SWEDISH_FIXTURE,
        ],
        None,
    );
    assert!(en.stdout.contains("│ Municipality "), "{}", en.stdout);
    assert!(en.stdout.contains("3.45"));
    assert!(
        en.stdout.contains("3 Vag medvetenhet"),
        "stage names stay the rubric's"
    );

    let env = readiness_with_lang_env("en", &["score", "--rubric", "crm6-sv", SWEDISH_FIXTURE]);
    assert_eq!(env.stdout, en.stdout, "READINESS_LANG=en is --lang en");
    let flag_wins = readiness_with_lang_env(
        "en",
        &[
            "score",
            "--rubric",
            "crm6-sv",
            "--lang",
            "sv",
            SWEDISH_FIXTURE,
        ],
    );
    assert_eq!(
        flag_wins.stdout, sv.stdout,
        "--lang wins over READINESS_LANG"
    );

    let english_rubric_in_swedish = readiness(
        &["score", "--lang", "sv", "data/ostergotland-scores.csv"],
        None,
    );
    assert!(english_rubric_in_swedish.stdout.contains("│ Kommun "));
    assert!(english_rubric_in_swedish.stdout.contains("Preplanning"));
}

#[test]
fn machine_formats_keep_their_english_keys_in_swedish() {
    let plain = |lang: &str, format: &str| {
        readiness(
            &[
                "score",
                "--rubric",
                "crm6-sv",
                "--lang",
                lang,
                "--format",
                format,
                SWEDISH_FIXTURE,
            ],
            None,
        )
    };
    assert_eq!(plain("sv", "json").stdout, plain("en", "json").stdout);
    assert_eq!(plain("sv", "csv").stdout, plain("en", "csv").stdout);
    assert!(plain("sv", "csv").stdout.starts_with("municipality,round,"));
    // People still read the warnings that CSV sends to standard error in their language.
    assert!(
        plain("sv", "csv")
            .stderr
            .contains("varning: Ödeshög, omgång 1: 2 intervjuer")
    );
}

#[test]
fn score_in_swedish_on_the_example_data() {
    let run = readiness(
        &["score", "--lang", "sv", "data/ostergotland-scores.csv"],
        None,
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn score_markdown_in_swedish_with_detail() {
    let run = readiness(
        &[
            "score",
            "--rubric",
            "crm6-sv",
            "--format",
            "markdown",
            "--detail",
            SWEDISH_FIXTURE,
        ],
        None,
    );
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn agreement_in_swedish() {
    let run = readiness(
        &[
            "agreement",
            "--lang",
            "sv",
            "--by",
            "municipality",
            "data/ostergotland-scores.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn consensus_says_what_it_wrote_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let scores = crate::root().join("data/ostergotland-scores.csv");
    let run = crate::readiness_in(
        dir.path(),
        &[
            "consensus",
            "--lang",
            "sv",
            scores.to_str().unwrap(),
            "-o",
            "ws.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last = run.stderr.lines().last().unwrap();
    assert!(last.starts_with("skrev `ws.csv`: "), "{last}");
    assert!(last.contains("för mötet att avgöra"), "{last}");
    // The worksheet itself is a machine format: English headers, as `score` reads them back.
    let sheet = fs::read_to_string(dir.path().join("ws.csv")).unwrap();
    assert!(sheet.starts_with("municipality,"), "{sheet}");
}

#[test]
fn rubric_show_in_english_of_a_swedish_rubric() {
    let run = readiness(&["rubric", "show", "crm6-sv", "--lang", "en"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\nScoring\n"), "{}", run.stdout);
    assert!(run.stdout.contains("│ Level ┆ Stage "));
    assert!(
        run.stdout.contains("Förplanering"),
        "the rubric's own words stay"
    );
    let sv = readiness(&["rubric", "show", "crm6-sv"], None);
    assert!(sv.stdout.contains("\nPoängsättning\n"), "{}", sv.stdout);
    let md = readiness(&["rubric", "show", "crm6-sv", "--format", "markdown"], None);
    assert!(
        md.stdout.contains("## Steg\n\nSteget är totalpoängen"),
        "{}",
        md.stdout
    );
}

#[test]
fn errors_speak_the_language_asked_for() {
    let sv = readiness(&["--lang", "sv", "score", "no-such-file.csv"], None);
    assert_eq!(sv.code, 2);
    assert!(sv.stderr.starts_with("fel: "), "{}", sv.stderr);
    let en = readiness(&["score", "no-such-file.csv"], None);
    assert!(en.stderr.starts_with("error: "), "{}", en.stderr);
    // Under a Swedish rubric, the frame of the input's errors is Swedish.
    let mut csv = String::from("kommun,intervju,bedömare,dimension,poäng\n");
    for i in 0..5 {
        csv.push_str(&format!("Kinda,K{i},Anna,A,11\n"));
    }
    let bad = readiness(&["score", "--rubric", "crm6-sv", "-"], Some(csv.as_bytes()));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.starts_with(
            "fel: 5 problem i indata:\n  <stdin> rad 2, 3, 4 och 2 till: poängen 11 \
                          ligger utanför rubrikens skala 1–9\n"
        ),
        "{}",
        bad.stderr
    );
}

// Item 6: less noise, nothing hidden.

#[test]
fn many_warnings_of_one_kind_are_one_line_and_all_with_verbose() {
    let args = [
        "score",
        "data/coded/segments.csv",
        "--interviews",
        "data/coded/intervjuer.csv",
    ];
    let grouped = readiness(&args, None);
    let summary: Vec<&str> = grouped
        .stdout
        .lines()
        .filter(|l| l.contains("needs consensus"))
        .collect();
    assert_eq!(
        summary,
        [
            "  - needs consensus: 13 items in 3 municipalities — Kinda KIN-1 A, Kinda KIN-1 B, \
          Kinda KIN-2 B, …; all with --verbose"
        ]
    );
    let mut verbose_args = args.to_vec();
    verbose_args.push("--verbose");
    let all = readiness(&verbose_args, None);
    let each = all
        .stdout
        .lines()
        .filter(|l| l.contains("— needs consensus ("))
        .count();
    assert_eq!(each, 13, "{}", all.stdout);
    // JSON keeps every warning.
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&readiness(&json_args, None).stdout).unwrap();
    let in_json = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["warnings"].as_array().unwrap())
        .filter(|w| w.as_str().unwrap().contains("needs consensus"))
        .count();
    assert_eq!(in_json, 13);
}

#[test]
fn the_mean_legend_only_where_a_mean_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let agreed = "municipality,interview,scorer,dimension,score\n\
                  Kinda,K1,consensus,A,4\nKinda,K1,consensus,B,4\nKinda,K1,consensus,C,4\n\
                  Kinda,K1,consensus,D,4\nKinda,K1,consensus,E,4\nKinda,K1,consensus,F,4\n";
    fs::write(dir.path().join("agreed.csv"), agreed).unwrap();
    let run = crate::readiness_in(dir.path(), &["score", "--detail", "agreed.csv"], None);
    assert!(
        run.stdout.contains("Kinda: combined score per interview\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("mean of scorers"), "{}", run.stdout);
    let md = crate::readiness_in(
        dir.path(),
        &["score", "--detail", "--format", "markdown", "agreed.csv"],
        None,
    );
    assert!(!md.stdout.contains("mean of the scorers"), "{}", md.stdout);
}

// Item 4: the Excel dialect's headers are in the output language, and still read back.

#[test]
fn a_swedish_excel_worksheet_has_swedish_headers_and_reads_back_as_the_plain_one() {
    let dir = tempfile::tempdir().unwrap();
    let scores = crate::root().join("data/ostergotland-scores.csv");
    let scores = scores.to_str().unwrap();
    let write = |extra: &[&str], out: &str| {
        let mut args = vec!["consensus", scores, "-o", out];
        args.extend_from_slice(extra);
        let run = crate::readiness_in(dir.path(), &args, None);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    write(&[], "plain.csv");
    write(&["--lang", "sv", "--csv", "excel-sv"], "sv.csv");
    let sv = fs::read_to_string(dir.path().join("sv.csv")).unwrap();
    assert!(
        sv.starts_with(
            "\u{feff}kommun;omgång;intervju;dimension;Johan;Maria;skillnad;konsensus;status;note\r\n"
        ),
        "{}",
        &sv[..120]
    );
    let score = |worksheet: &str| {
        crate::readiness_in(
            dir.path(),
            &["score", scores, worksheet, "--format", "json"],
            None,
        )
    };
    let (from_plain, from_sv) = (score("plain.csv"), score("sv.csv"));
    assert_eq!(from_sv.code, from_plain.code, "{}", from_sv.stderr);
    let results = |run: &crate::Run| {
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        v["results"].clone()
    };
    assert_eq!(results(&from_sv), results(&from_plain));
    // Redone from the Swedish worksheet, it keeps its Swedish headers.
    let redo = crate::readiness_in(
        dir.path(),
        &[
            "consensus",
            scores,
            "sv.csv",
            "-o",
            "sv2.csv",
            "--lang",
            "sv",
            "--csv",
            "excel-sv",
        ],
        None,
    );
    assert_eq!(redo.code, 0, "{}", redo.stderr);
    let again = fs::read_to_string(dir.path().join("sv2.csv")).unwrap();
    assert_eq!(again.lines().next(), sv.lines().next());
}

// Issue 14 item 1: the readers' messages in the output language.

/// A Swedish scores file with a score off the scale, a duplicate, an unknown dimension, a
/// score that is no number and empty cells.
const BAD_SWEDISH: &str = "kommun,intervju,bedömare,dimension,poäng\n\
                           Kinda,K1,Anna,A,11\n\
                           Kinda,K1,Anna,B,4\n\
                           Kinda,K1,Anna,B,5\n\
                           Kinda,K2,Anna,X,x\n\
                           Kinda,K3,,A,\n";

#[test]
fn a_bad_swedish_scores_file_gets_swedish_errors_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("poäng.csv"), BAD_SWEDISH).unwrap();
    let sv = readiness_in(
        dir.path(),
        &["score", "--rubric", "crm6-sv", "poäng.csv"],
        None,
    );
    assert_eq!(sv.code, 2, "{}", sv.stderr);
    assert_eq!(
        sv.stderr,
        "fel: 6 problem i indata:\n\
         \x20 poäng.csv:2: poängen 11 ligger utanför rubrikens skala 1–9\n\
         \x20 poäng.csv:4: dubbel poäng: bedömaren `Anna` har redan poängsatt intervju `K1` på \
         dimension B, i poäng.csv:3\n\
         \x20 poäng.csv:5: okänd dimension `X`: rubriken `crm6-sv` har A, B, C, D, E, F\n\
         \x20 poäng.csv:5: poängen `x` är inte ett tal\n\
         \x20 poäng.csv:6: bedömare saknas\n\
         \x20 poäng.csv:6: poäng saknas\n"
    );
    let en = readiness_in(
        dir.path(),
        &["score", "--rubric", "crm6-sv", "--lang", "en", "poäng.csv"],
        None,
    );
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert_eq!(
        en.stderr,
        "error: 6 errors in the input:\n\
         \x20 poäng.csv:2: score 11 is outside the rubric's scale 1–9\n\
         \x20 poäng.csv:4: duplicate score: scorer `Anna` already scored interview `K1` on \
         dimension B at poäng.csv:3\n\
         \x20 poäng.csv:5: unknown dimension `X`: rubric `crm6-sv` has A, B, C, D, E, F\n\
         \x20 poäng.csv:5: score `x` is not a number\n\
         \x20 poäng.csv:6: missing scorer\n\
         \x20 poäng.csv:6: missing score\n"
    );
}

#[test]
fn a_swedish_file_without_data_rows_says_so_in_swedish() {
    let csv = "kommun,intervju,bedömare,dimension,poäng\n,,,,\n";
    let sv = readiness(&["score", "--rubric", "crm6-sv", "-"], Some(csv.as_bytes()));
    assert_eq!(sv.code, 2, "{}", sv.stderr);
    assert_eq!(
        sv.stderr,
        "fel: 1 problem i indata:\n  <stdin>: inga datarader, bara rubrikraden och 1 tom rad: \
         inget att läsa\n"
    );
    let en = readiness(&["score", "-"], Some(csv.as_bytes()));
    assert_eq!(
        en.stderr,
        "error: 1 error in the input:\n  <stdin>: no data rows, only the header and 1 blank \
         row: nothing to read\n"
    );
}

/// JSON keeps the readers' warnings in English under a Swedish rubric: scripts see one text.
#[test]
fn json_keeps_the_readers_warnings_in_english_under_a_swedish_rubric() {
    let csv = "kommun,intervju,bedömare,dimension,poäng,G\nKinda,K1,Anna,A,4,x\n";
    let run = readiness(
        &["score", "--rubric", "crm6-sv", "--format", "json", "-"],
        Some(csv.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let warnings = json["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().starts_with(
                "<stdin>: column `G` is not used: rubric `crm6-sv` has no dimension `G`"
            )),
        "{warnings:?}"
    );
}

#[test]
fn a_missing_column_is_said_in_swedish_with_the_header_seen() {
    let csv = "kommun,intervju,dimension\nKinda,K1,A\n";
    let sv = readiness(&["score", "--rubric", "crm6-sv", "-"], Some(csv.as_bytes()));
    assert_eq!(sv.code, 2, "{}", sv.stderr);
    assert_eq!(
        sv.stderr,
        "fel: 1 problem i indata:\n  <stdin>:1: kolumnen `poäng` saknas (en lång poängfil har \
         `dimension` och `poäng`) (rubrikrad: kommun, intervju, dimension; läst som UTF-8, \
         avgränsare `,`)\n"
    );
    let en = readiness(
        &["score", "--lang", "en", "--rubric", "crm6-sv", "-"],
        Some(csv.as_bytes()),
    );
    assert_eq!(
        en.stderr,
        "error: 1 error in the input:\n  <stdin>:1: missing required column `score` (a long \
         scores file has `dimension` and `score`) (header seen: kommun, intervju, dimension; \
         read as UTF-8, delimiter `,`)\n"
    );
}

#[test]
fn an_error_found_after_the_rubric_is_read_speaks_its_language_in_the_prefix_too() {
    let run = readiness(
        &[
            "compare",
            "--rubric",
            "crm6-sv",
            "data/ostergotland-scores.csv",
        ],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("fel: inget att jämföra: 13 grupper saknar omgång"),
        "{}",
        run.stderr
    );
    let unknown = readiness(
        &[
            "score",
            "--lang",
            "sv",
            "-m",
            "Linkoping",
            "data/ostergotland-scores.csv",
        ],
        None,
    );
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.starts_with("fel: "), "{}", unknown.stderr);
}

/// What reading finds besides errors — unused columns, spellings of one name, codes that name no
/// anchor, rows without a code, lines of a disagreement — is said in Swedish to a Swedish user,
/// and stays English in JSON, where scripts read it.
#[test]
fn reading_warnings_and_notes_are_swedish_for_people_and_english_in_json() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("kodat.csv"),
        "kommun,intervju,kodare,kod\nÖdeshög,I1,Åsa,A4\nödeshög,I1,Åsa,Citat\nÖdeshög,I1,Åsa,\n\
         Ödeshög,I2,Åsa,Z9\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("poäng.csv"),
        "kommun,intervju,bedömare,A,B,C,D,E,F,färg\nKinda,K1,Ann,4,2,5,3,3,2,röd\n\
         Kinda,K1,Bo,8,2,5,3,3,2,röd\n",
    )
    .unwrap();
    let args = [
        "score",
        "--lang",
        "sv",
        "--verbose",
        "kodat.csv",
        "poäng.csv",
    ];
    let run = readiness_in(dir.path(), &args, None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let all = format!("{}{}", run.stdout, run.stderr);
    for swedish in [
        "kodat.csv: UTF-8, avgränsare `,`; kodade segment: 4 rader lästa",
        "poäng.csv: UTF-8, avgränsare `,`; breda poäng: 2 rader lästa",
        "poäng.csv: kolumnen `färg` används inte",
        "en kommun skriven på 2 sätt, `Ödeshög` i kodat.csv:2, kodat.csv:4–5; `ödeshög` i \
         kodat.csv:3: tagna som en, visas som `Ödeshög`",
        "koden `Z9` ser ut som ett ankar-id, men rubriken `crm6` har inget sådant ankare (1 gång, \
         första i kodat.csv:5)",
        "Ödeshög: intervju `I2`, kodare `Åsa`: inga ankarkoder, alltså inga poäng",
        "1 rad med kodade segment saknar kod och poängsätts inte (första i kodat.csv:4)",
        "1 kod namnger inget ankare i rubriken `crm6` och poängsätts inte: Citat ×1",
        "behöver konsensus (poäng.csv rad 2, 3)",
    ] {
        assert!(all.contains(swedish), "missing {swedish:?} in\n{all}");
    }
    for english in [
        "is not used",
        "written 2 ways",
        "lines 2, 3",
        "no anchor codes",
        "rows read",
    ] {
        assert!(!all.contains(english), "{english:?} in\n{all}");
    }
    let json = readiness_in(
        dir.path(),
        &[
            "score",
            "--lang",
            "sv",
            "--format",
            "json",
            "kodat.csv",
            "poäng.csv",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let text = |key: &str| v[key].to_string();
    assert!(
        text("notes").contains("poäng.csv: column `färg` is not used"),
        "{}",
        text("notes")
    );
    assert!(
        text("warnings").contains("one municipality written 2 ways"),
        "{}",
        text("warnings")
    );
}

/// A coded export's header errors speak the run's language, with the hint for a misspelt column.
#[test]
fn a_coded_exports_missing_columns_are_named_in_swedish() {
    let run = crate::readiness(
        &["score", "--from", "taguette", "--lang", "sv", "-"],
        Some(b"Document,Tagg\nd1,A4\n"),
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "<stdin>:1: kolumn för koden saknas i Taguette-export: väntade `tag`; menade du \
             kolumnen `Tagg`?"
        ),
        "{}",
        run.stderr
    );
    let run = crate::readiness(
        &["score", "--lang", "sv", "-"],
        Some(b"intervju,kod\nd1,A4\n"),
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("ingen kommunkolumn i kodade segment: ange ett intervjuregister"),
        "{}",
        run.stderr
    );
}
