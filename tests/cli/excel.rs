//! Excel output: `--format xlsx` workbooks read back through calamine (and a worksheet that
//! openpyxl filled in), and the `--csv excel-sv` dialect's bytes and numbers.

use crate::{readiness, readiness_in, root};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::fs;
use std::io::Read;
use std::path::Path;

const DATA: &str = "data/ostergotland-scores.csv";
const TWO: &str = "tests/fixtures/two-scorers.csv";
/// Filled in by `scripts/make-xlsx-fixture.py` (openpyxl) from a worksheet readiness wrote.
const FILLED: &str = "tests/fixtures/worksheet-filled-by-openpyxl.xlsx";
/// The decisions the script typed, as they read in a CSV worksheet.
const DECISIONS: [(&str, &str, &str); 4] = [
    ("Ö1", "B", "4"),
    ("Ö2", "C", "5"),
    ("Ö3", "F", "3.5"),
    ("Ö4", "F", "4.5"),
];

/// Every sheet of a workbook: its name and cells.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn sheet<'a>(sheets: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &sheets.iter().find(|(n, _)| n == name).unwrap().1
}

/// A file of the workbook's zip archive, as text.
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// CSV text as records.
fn records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Whether an xlsx cell holds what a CSV field holds: the same number (bit for bit: full
/// precision), the same text, or both empty.
fn same(cell: &Data, field: &str) -> bool {
    match cell {
        Data::Float(x) => field.parse::<f64>() == Ok(*x),
        Data::Int(n) => field.parse::<i64>() == Ok(*n),
        Data::String(s) => s == field,
        Data::Bool(b) => b.to_string() == field,
        Data::Empty => field.is_empty(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Asserts that a sheet holds the CSV's table, cell by cell.
fn assert_same_table(rows: &[Vec<Data>], csv_text: &str, what: &str) {
    let fields = records(csv_text, b',');
    assert_eq!(rows.len(), fields.len(), "{what}: rows");
    for (r, (row, record)) in rows.iter().zip(&fields).enumerate() {
        for (c, field) in record.iter().enumerate() {
            let cell = row.get(c).unwrap_or(&Data::Empty);
            assert!(
                same(cell, field),
                "{what} row {r} column {c}: {cell:?} ≠ {field:?}"
            );
        }
    }
}

#[test]
fn a_score_workbook_holds_the_csv_numbers_at_full_precision() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join(DATA);
    let data = data.to_str().unwrap();
    let run = readiness_in(
        dir.path(),
        &[
            "score", "--detail", "--format", "xlsx", "-o", "s.xlsx", data,
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "");
    let path = dir.path().join("s.xlsx");
    let book = sheets(&path);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["results", "detail", "warnings", "input", "info"]);

    let plain = readiness(&["score", "--format", "csv", DATA], None).stdout;
    assert_same_table(sheet(&book, "results"), &plain, "results");
    let detail = readiness(&["score", "--detail", "--format", "csv", DATA], None).stdout;
    assert_same_table(sheet(&book, "detail"), &detail, "detail");
    // A score with many digits is stored with all of them.
    let results = sheet(&book, "results");
    let overall = results[0].iter().position(|h| same(h, "overall")).unwrap();
    assert!(
        results[1..]
            .iter()
            .any(|r| matches!(r[overall], Data::Float(x) if format!("{x}").len() > 8)),
        "no long decimal among {results:?}"
    );

    let input = sheet(&book, "input");
    assert!(same(&input[1][0], data), "{input:?}");
    assert!(
        matches!(input[1][3], Data::Float(x) if x > 0.0),
        "{input:?}"
    );
    let info = sheet(&book, "info");
    let value = |key: &str| {
        info.iter()
            .find(|r| same(&r[0], key))
            .map(|r| r[1].to_string())
    };
    assert_eq!(
        value("readiness").unwrap(),
        format!("readiness {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(value("rubric").as_deref(), Some("crm6"));
    let command = value("command").unwrap();
    assert_eq!(
        command,
        format!("readiness score --detail --format xlsx -o s.xlsx {data}")
    );

    // Two decimals shown, stages whole; every sheet's header frozen, with a filter.
    let styles = part(&path, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.00""#), "{styles}");
    for n in 1..=book.len() {
        let xml = part(&path, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains(r#"ySplit="1""#), "sheet {n}: no frozen header");
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {n}: no filter"
        );
        assert!(xml.contains("<col "), "sheet {n}: no column widths");
    }
    // Warnings go to the terminal too, as with any -o file.
    let warnings = sheet(&book, "warnings");
    assert!(same(&warnings[0][0], "kind"));
}

#[test]
fn an_agreement_workbook_holds_the_csv_table() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join(DATA);
    let args = ["agreement", "--by", "municipality", data.to_str().unwrap()];
    let run = readiness_in(
        dir.path(),
        &[&args[..], &["-f", "xlsx", "-o", "a.xlsx"]].concat(),
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let book = sheets(&dir.path().join("a.xlsx"));
    let plain = readiness_in(root(), &[&args[..], &["-f", "csv"]].concat(), None).stdout;
    assert_same_table(sheet(&book, "agreement"), &plain, "agreement");
}

#[test]
fn xlsx_refuses_an_existing_file_and_an_input_like_any_output() {
    let dir = with_scores();
    let input = readiness_in(
        dir.path(),
        &["score", "scores.csv", "-f", "xlsx", "-o", "scores.csv"],
        None,
    );
    assert_eq!(input.code, 2);
    assert!(
        input.stderr.contains("it is the input file"),
        "{}",
        input.stderr
    );
    fs::write(dir.path().join("out.xlsx"), "old").unwrap();
    let exists = readiness_in(
        dir.path(),
        &["consensus", "scores.csv", "-f", "xlsx", "-o", "out.xlsx"],
        None,
    );
    assert_eq!(exists.code, 2);
    assert!(exists.stderr.contains("--force"), "{}", exists.stderr);
    assert_eq!(fs::read(dir.path().join("out.xlsx")).unwrap(), b"old");
    // Not to a terminal, but to a pipe it is written (tests' standard output is a pipe).
    let piped = assert_cmd::Command::cargo_bin("readiness")
        .unwrap()
        .current_dir(root())
        .args(["score", TWO, "-f", "xlsx"])
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(piped.stdout.starts_with(b"PK\x03\x04"), "a zip archive");
}

#[test]
fn csv_options_go_with_csv_only() {
    let run = readiness(
        &["score", TWO, "--format", "json", "--csv", "excel-sv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--csv` is a CSV dialect, but the format is JSON; give `--format csv` or leave \
         out `--csv`\n"
    );
    // Alone, --csv means CSV.
    let alone = readiness(&["score", TWO, "--csv", "excel-sv"], None);
    assert_eq!(alone.code, 0, "{}", alone.transcript());
    assert!(alone.stdout.starts_with("\u{feff}municipality;"));
}

/// Fills the CSV worksheet's consensus cells with [`DECISIONS`].
fn filled_csv_worksheet() -> String {
    let worksheet = readiness(&["consensus", TWO], None).stdout;
    let mut rows = records(&worksheet, b',');
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (interview, dimension, consensus) = (col("interview"), col("dimension"), col("consensus"));
    for row in &mut rows[1..] {
        if let Some((_, _, v)) = DECISIONS
            .iter()
            .find(|(i, d, _)| row[interview] == *i && row[dimension] == *d)
        {
            assert_eq!(row[consensus], "");
            row[consensus] = v.to_string();
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.write_record(row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// A temporary directory holding the two scorers' scores as `scores.csv`.
fn with_scores() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join(TWO), dir.path().join("scores.csv")).unwrap();
    dir
}

/// Runs `readiness` in `dir`, which must succeed; its standard output.
fn ok_in(dir: &Path, args: &[&str]) -> String {
    let run = readiness_in(dir, args, None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout
}

#[test]
fn an_xlsx_worksheet_reads_back_as_the_csv_worksheet() {
    let dir = with_scores();
    let run = |args: &[&str]| ok_in(dir.path(), args);
    run(&[
        "consensus",
        "scores.csv",
        "-o",
        "ws.xlsx",
        "--format",
        "xlsx",
    ]);
    let csv_worksheet = run(&["consensus", "scores.csv"]);
    let book = sheets(&dir.path().join("ws.xlsx"));
    assert_eq!(book[0].0, "worksheet", "the worksheet is the first sheet");
    assert_same_table(&book[0].1, &csv_worksheet, "worksheet");
    fs::write(dir.path().join("ws.csv"), &csv_worksheet).unwrap();

    // Not filled in: the same scores, and the same worksheet when redone.
    assert_eq!(
        run(&["score", "scores.csv", "ws.xlsx", "-f", "csv"]),
        run(&["score", "scores.csv", "ws.csv", "-f", "csv"])
    );
    run(&[
        "consensus",
        "scores.csv",
        "ws.xlsx",
        "-o",
        "ws2.xlsx",
        "-f",
        "xlsx",
    ]);
    assert_eq!(sheets(&dir.path().join("ws2.xlsx"))[0], book[0]);
    assert_eq!(run(&["consensus", "scores.csv", "ws.xlsx"]), csv_worksheet);
}

#[test]
fn an_xlsx_worksheet_filled_in_by_another_program_reads_back() {
    // openpyxl typed the decisions (one as the text "3,5") and saved the workbook its own way.
    let dir = with_scores();
    fs::copy(root().join(FILLED), dir.path().join("filled.xlsx")).unwrap();
    fs::write(dir.path().join("filled.csv"), filled_csv_worksheet()).unwrap();
    let run = |args: &[&str]| ok_in(dir.path(), args);
    let from_xlsx = run(&[
        "score",
        "--strict",
        "scores.csv",
        "filled.xlsx",
        "-f",
        "csv",
    ]);
    let from_csv = run(&["score", "--strict", "scores.csv", "filled.csv", "-f", "csv"]);
    assert_eq!(from_xlsx, from_csv);
    assert!(
        from_xlsx.contains("\nÖdeshög,,,4,4.625,4.125,3.75,5,4.5,3.75,"),
        "{from_xlsx}"
    );
    // Redone, it keeps the decisions: the same worksheet as from the filled CSV.
    assert_eq!(
        run(&["consensus", "scores.csv", "filled.xlsx"]),
        run(&["consensus", "scores.csv", "filled.csv"])
    );
    run(&[
        "consensus",
        "scores.csv",
        "filled.xlsx",
        "-o",
        "ws2.xlsx",
        "-f",
        "xlsx",
    ]);
    assert_eq!(
        run(&["score", "scores.csv", "ws2.xlsx", "-f", "csv"]),
        from_csv
    );
}

/// The excel-sv bytes of `args` and the plain CSV's, both checked: BOM, `;`, CRLF, and the same
/// fields once decimal commas are points again.
fn assert_excel_sv_is_plain(args: &[&str]) -> String {
    let plain = readiness(&[args, &["--format", "csv"]].concat(), None);
    let sv = readiness(
        &[args, &["--format", "csv", "--csv", "excel-sv"]].concat(),
        None,
    );
    assert_eq!(sv.code, 0, "{}", sv.transcript());
    let text = sv.stdout.strip_prefix('\u{feff}').expect("a BOM first");
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert!(text.lines().next().unwrap().contains(';'));
    let back: Vec<Vec<String>> = records(text, b';')
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|f| {
                    if f.replace(',', ".").parse::<f64>().is_ok() {
                        f.replace(',', ".")
                    } else {
                        f
                    }
                })
                .collect()
        })
        .collect();
    assert_eq!(back, records(&plain.stdout, b','), "{args:?}");
    sv.stdout
}

#[test]
fn excel_sv_csv_is_the_plain_csv_spelled_for_swedish_excel() {
    let score = assert_excel_sv_is_plain(&["score", DATA]);
    assert!(
        score.contains(";4,2;4;Preplanning;"),
        "decimal commas: {score}"
    );
    assert_excel_sv_is_plain(&["score", "--detail", DATA]);
    assert_excel_sv_is_plain(&["agreement", "--by", "municipality", DATA]);
    let ws = readiness(&["consensus", TWO, "--csv", "excel-sv"], None);
    assert!(
        ws.stdout.contains(";Ö1;B;4;4,5;0,5;;;\r\n"),
        "{}",
        ws.stdout
    );
    // The plain dialect is the default, byte for byte.
    assert_eq!(
        readiness(&["score", "-f", "csv", "--csv", "plain", DATA], None).stdout,
        readiness(&["score", "-f", "csv", DATA], None).stdout
    );
}

#[test]
fn an_excel_sv_worksheet_reads_back() {
    let dir = with_scores();
    let run = |args: &[&str]| ok_in(dir.path(), args);
    run(&[
        "consensus",
        "scores.csv",
        "--csv",
        "excel-sv",
        "-o",
        "sv.csv",
    ]);
    let plain = run(&["consensus", "scores.csv"]);
    fs::write(dir.path().join("plain.csv"), &plain).unwrap();
    assert_eq!(
        run(&["score", "scores.csv", "sv.csv", "-f", "csv"]),
        run(&["score", "scores.csv", "plain.csv", "-f", "csv"])
    );
    assert_eq!(run(&["consensus", "scores.csv", "sv.csv"]), plain);
}

#[test]
fn xlsx_to_a_terminal_is_refused() {
    // A real terminal, through util-linux `script`; skipped where there is none.
    let bin = assert_cmd::cargo::cargo_bin("readiness");
    let command = format!("{} score {DATA} -f xlsx", bin.display());
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
    else {
        eprintln!("no `script`: skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains(
            "error: the xlsx format is a binary file, not for a terminal; give `-o FILE.xlsx`"
        ),
        "{text}"
    );
}

#[test]
fn a_worksheet_workbook_lists_the_warnings_of_reading_too() {
    let dir = with_scores();
    fs::write(
        dir.path().join("empty.csv"),
        "municipality,interview,scorer,A,B,C,D,E,F\n",
    )
    .unwrap();
    ok_in(
        dir.path(),
        &[
            "consensus",
            "scores.csv",
            "empty.csv",
            "-f",
            "xlsx",
            "-o",
            "w.xlsx",
        ],
    );
    let book = sheets(&dir.path().join("w.xlsx"));
    let warnings = sheet(&book, "warnings");
    assert!(same(&warnings[1][0], "warning"));
    assert!(
        same(&warnings[1][1], "empty.csv: no data rows, only the header"),
        "{warnings:?}"
    );
    let info = sheet(&book, "info");
    assert!(
        info.iter()
            .any(|r| same(&r[0], "rubric") && same(&r[1], "crm6"))
    );
}

#[test]
fn plan_workbook_has_a_row_per_dimension_and_columns_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join(DATA), dir.path().join("scores.csv")).unwrap();
    let run = readiness_in(
        dir.path(),
        &[
            "plan",
            "-f",
            "xlsx",
            "-m",
            "Kinda",
            "-o",
            "plan.xlsx",
            "scores.csv",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = sheets(&dir.path().join("plan.xlsx"));
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plan", "warnings", "input", "info"]);
    let plan = sheet(&all, "plan");
    let header: Vec<String> = plan[0].iter().map(ToString::to_string).collect();
    assert_eq!(header[8], "dimension");
    assert_eq!(header[16..], ["actions", "who", "when", "follow_up"]);
    // Kinda: six dimensions, lowest first; the two lowest (F, B) come first, with strategies.
    assert_eq!(plan.len(), 7);
    assert_eq!(plan[1][0], Data::String("Kinda".into()));
    assert_eq!(plan[1][8], Data::String("F".into()));
    assert_eq!(plan[1][14], Data::Bool(true));
    assert!(!plan[1][15].to_string().is_empty());
    assert_eq!(plan[3][14], Data::Bool(false));
}

#[test]
fn a_compare_workbook_holds_the_long_csv_and_the_county() {
    let dir = tempfile::tempdir().unwrap();
    let path = |p: &str| root().join(p).to_str().unwrap().to_string();
    let (a, b, c) = (
        path("data/ostergotland-scores.csv"),
        path("data/ostergotland-2025.csv"),
        path("data/ostergotland-2027.csv"),
    );
    let rounds = [
        "--round".to_string(),
        format!("{a}=2023"),
        "--round".to_string(),
        format!("{b}=2025"),
        "--round".to_string(),
        format!("{c}=2027"),
        a.clone(),
        b.clone(),
        c.clone(),
    ];
    let rounds: Vec<&str> = rounds.iter().map(String::as_str).collect();
    let xlsx = [&["compare", "-f", "xlsx", "-o", "c.xlsx"][..], &rounds].concat();
    let run = readiness_in(dir.path(), &xlsx, None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let book = sheets(&dir.path().join("c.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "comparisons",
            "county",
            "trends",
            "warnings",
            "input",
            "info"
        ]
    );
    let csv = readiness_in(
        dir.path(),
        &[&["compare", "-f", "csv"][..], &rounds].concat(),
        None,
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_same_table(sheet(&book, "comparisons"), &csv.stdout, "comparisons");
    let county = sheet(&book, "county");
    assert_eq!(county.len(), 1 + 3, "a row per pair: {county:?}");
    assert!(same(&county[1][3], "12"), "{county:?}");
}

/// A Swedish reader's workbook has the headers of the Swedish Excel CSV (the words the readers
/// know), its warnings sheet says `varning`, and its input sheet says how each file was read in
/// Swedish; the numbers are those of the English workbook.
#[test]
fn a_swedish_workbook_has_swedish_headers_and_the_same_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join(DATA);
    let data = data.to_str().unwrap();
    for (lang, file) in [("sv", "sv.xlsx"), ("en", "en.xlsx")] {
        let run = readiness_in(
            dir.path(),
            &[
                "score", "--lang", lang, "--detail", "-f", "xlsx", "-o", file, data,
            ],
            None,
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
    }
    let sv = sheets(&dir.path().join("sv.xlsx"));
    let en = sheets(&dir.path().join("en.xlsx"));
    let csv_header = |detail: &[&str]| -> Vec<String> {
        let args = [
            &[
                "score", "--lang", "sv", "-f", "csv", "--csv", "excel-sv", data,
            ],
            detail,
        ];
        let csv = readiness(&args.concat(), None);
        let text = csv.stdout.strip_prefix('\u{feff}').unwrap().to_string();
        records(&text, b';').remove(0)
    };
    let first_row =
        |rows: &[Vec<Data>]| -> Vec<String> { rows[0].iter().map(|c| c.to_string()).collect() };
    assert_eq!(first_row(sheet(&sv, "results")), csv_header(&[]));
    assert_eq!(first_row(sheet(&sv, "detail")), csv_header(&["--detail"]));
    assert_eq!(first_row(sheet(&sv, "results"))[0], "kommun");
    assert_eq!(first_row(sheet(&en, "results"))[0], "municipality");
    assert_eq!(sheet(&sv, "results")[1..], sheet(&en, "results")[1..]);
    let input = sheet(&sv, "input");
    assert_eq!(first_row(input)[..3], ["fil", "läst_som", "form"]);
    assert_eq!(
        first_row(&input[1..])[1..3],
        ["UTF-8, avgränsare `,`", "breda poäng"]
    );
    assert_eq!(first_row(sheet(&sv, "info")), ["nyckel", "värde"]);

    let two = root().join(TWO);
    let run = readiness_in(
        dir.path(),
        &[
            "score",
            "--lang",
            "sv",
            "-f",
            "xlsx",
            "-o",
            "two.xlsx",
            two.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let warnings = sheet(&sheets(&dir.path().join("two.xlsx")), "warnings").to_vec();
    assert_eq!(first_row(&warnings), ["typ", "meddelande"]);
    assert_eq!(first_row(&warnings[1..])[0], "varning");
    assert!(
        first_row(&warnings[1..])[1].contains("behöver konsensus"),
        "{warnings:?}"
    );
}
