//! REFI-QDA projects (`.qdpx`): scored as the same codings in a coded-segments CSV, the evidence
//! trail with source and characters, and every kind of bad project an error naming its element
//! and GUID (exit 2), never a panic.

use crate::{readiness, readiness_in};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

const PROJECT: &str = "tests/fixtures/qdpx/kinda-ydre.qdpx";
const SAME_AS_CSV: &str = "tests/fixtures/qdpx/kinda-ydre.csv";
const REGISTER: &str = "tests/fixtures/qdpx/register.csv";

fn json(args: &[&str]) -> Value {
    let run = readiness(args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// `score --format json [extra…] --interviews REGISTER PROJECT`.
fn project_json(extra: &[&str]) -> Value {
    let mut args = vec!["score", "--format", "json"];
    args.extend(extra);
    args.extend(["--interviews", REGISTER, PROJECT]);
    json(&args)
}

/// `value` without the keys that say where a segment is (they differ between a CSV's lines and
/// a project's selections by nature).
fn without_places(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for key in ["file", "line", "source", "start", "end"] {
                map.remove(key);
            }
            map.values_mut().for_each(without_places);
        }
        Value::Array(items) => items.iter_mut().for_each(without_places),
        _ => {}
    }
}

#[test]
fn a_project_scores_as_the_same_codings_in_a_coded_csv() {
    // Two coders, nested codes, cases with variables, a source with its own variables, a source
    // in no case (its municipality from the register), a code that names no anchor.
    for extra in [&[][..], &["--detail", "--show-text"][..]] {
        let run = |file: &str| {
            let mut args = vec!["score", "--format", "json", "--interviews", REGISTER];
            args.extend(extra);
            args.push(file);
            json(&args)
        };
        let (mut project, mut csv) = (run(PROJECT), run(SAME_AS_CSV));
        for key in ["results", "warnings", "notes"] {
            let (mut p, mut c) = (project[key].take(), csv[key].take());
            without_places(&mut p);
            without_places(&mut c);
            if key == "notes" {
                // The project's note on its coded picture is its own.
                let picture = p.as_array_mut().unwrap();
                picture.retain(|n| !n.as_str().unwrap().contains("picture"));
            }
            assert_eq!(p, c, "{key} differ with {extra:?}");
        }
    }
    // Kinda KIN-1, A: Maria A3, A4, A5~ → 4.5; Johan A4, -A6 → 4: 4.25.
    let out = project_json(&[]);
    assert_eq!(out["results"][0]["municipality"], "Kinda");
    assert_eq!(out["results"][0]["dimensions"]["A"]["score"], 4.25);
}

#[test]
fn the_evidence_names_the_source_and_characters_and_text_only_when_asked() {
    let out = project_json(&["--detail"]);
    let johan = &out["results"][0]["detail"][0]["scores"]["A"]["evidence"]["Johan"][0];
    assert_eq!(johan["code"], "A4");
    assert_eq!(johan["source"], "KIN-1");
    assert_eq!(
        (johan["start"].as_u64(), johan["end"].as_u64()),
        (Some(41), Some(97))
    );
    assert!(
        johan.get("text").is_none(),
        "no text without --show-text: {johan}"
    );
    let out = project_json(&["--detail", "--show-text"]);
    let johan = &out["results"][0]["detail"][0]["scores"]["A"]["evidence"]["Johan"][0];
    assert_eq!(
        johan["text"],
        "Det finns ett par insatser för föräldrar, men de är nya."
    );
    // The table for people: the codes with their source and characters.
    let run = readiness(
        &["score", "--detail", "--interviews", REGISTER, PROJECT],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("A4 (KIN-1 41–97)"), "{}", run.stdout);
    assert!(!run.stdout.contains("föräldrar"), "{}", run.stdout);
}

#[test]
fn verbose_and_json_say_what_was_taken_from_where() {
    let out = project_json(&[]);
    let file = &out["input"]["files"][0];
    assert_eq!(file["shape"], "REFI-QDA project");
    assert_eq!(
        (file["rows"].as_u64(), file["used"].as_u64()),
        (Some(25), Some(25))
    );
    let p = &file["project"];
    let counts = [
        "sources",
        "text_sources",
        "selections",
        "codings",
        "ignored_codings",
    ]
    .map(|k| p[k].as_u64().unwrap());
    assert_eq!(counts, [5, 4, 10, 25, 1]);
    let run = readiness(
        &["score", "--verbose", "--interviews", REGISTER, PROJECT],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "kinda-ydre.qdpx: 5 sources, 4 with text selections read: 10 selections, 25 codings",
        "municipality: case variable `kommun` (2 sources); the source's variable `kommun` (1 source); the interview register",
        "interview: the sources' names (4 sources)",
        "coder: the codings' `creatingUser` (25 codings)",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
}

#[test]
fn a_source_without_municipality_and_no_register_is_an_error() {
    let run = readiness(&["score", PROJECT], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`TextSource` `50000000-0000-4000-8000-000000000004`: source `YDR-2` has codings but no municipality"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_project_is_recognised_from_its_content_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(PROJECT, dir.path().join("export.zip")).unwrap();
    std::fs::copy(REGISTER, dir.path().join("register.csv")).unwrap();
    let run = readiness_in(
        dir.path(),
        &["score", "--interviews", "register.csv", "export.zip"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Ydre"), "{}", run.stdout);
}

// Bad projects, built here: a zip of `project.qde` (and maybe texts) written to a temp dir.

/// The fixture's XML, to be spoilt.
fn good_xml() -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(PROJECT).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("project.qde").unwrap(), &mut xml).unwrap();
    xml
}

/// The fixture's source texts: (entry name, bytes).
fn good_texts() -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(PROJECT).unwrap()).unwrap();
    (0..archive.len())
        .filter_map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            name.starts_with("sources/").then_some((name, bytes))
        })
        .collect()
}

fn write_zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    std::fs::write(path, zip_bytes(entries)).unwrap();
}

/// `readiness score --interviews register.csv [extra…] bad.qdpx` on a project made of `entries`,
/// with the fixture's register, in a temporary directory.
fn score_zip(entries: &[(String, Vec<u8>)], extra: &[&str]) -> crate::Run {
    let dir = tempfile::tempdir().unwrap();
    write_zip(&dir.path().join("bad.qdpx"), entries);
    std::fs::copy(REGISTER, dir.path().join("register.csv")).unwrap();
    let mut args = vec!["score", "--interviews", "register.csv"];
    args.extend(extra);
    args.push("bad.qdpx");
    readiness_in(dir.path(), &args, None)
}

/// Scores a project made of `entries` with the fixture's register: exit 2, one error, which is
/// returned.
fn refused(entries: &[(String, Vec<u8>)]) -> String {
    let run = score_zip(entries, &[]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    run.stderr
}

/// `err` says `text`.
fn says(err: &str, text: &str) {
    assert!(err.contains(text), "expected: {text}\n{err}");
}

/// A project whose XML is the fixture's with `from` replaced by `to` (once).
fn spoilt(from: &str, to: &str) -> String {
    let xml = good_xml();
    assert!(xml.contains(from), "{from}");
    let mut entries = vec![(
        "project.qde".to_string(),
        xml.replacen(from, to, 1).into_bytes(),
    )];
    entries.extend(good_texts());
    refused(&entries)
}

#[test]
fn a_zip_without_project_qde_is_refused() {
    let err = refused(&[("readme.txt".into(), b"hello".to_vec())]);
    says(
        &err,
        "bad.qdpx: not a REFI-QDA project: the zip archive has no `project.qde`",
    );
}

#[test]
fn a_file_named_qdpx_that_is_no_zip_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.qdpx"), "kommun,intervju\n").unwrap();
    let run = readiness_in(dir.path(), &["score", "bad.qdpx"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("not a REFI-QDA project (a .qdpx file is a zip archive)"),
        "{}",
        run.stderr
    );
}

#[test]
fn xml_that_does_not_parse_is_refused_with_its_position() {
    let err = spoilt("</Users>", "</Usrs>");
    says(&err, "`project.qde` is not well-formed XML");
    says(&err, "expected 'Users' tag, not 'Usrs' at 6:3");
}

#[test]
fn xml_that_is_not_a_refi_qda_project_is_refused() {
    let err = refused(&[(
        "project.qde".into(),
        b"<Workbook xmlns=\"urn:other\"/>".to_vec(),
    )]);
    says(&err, "its root element is `{urn:other}Workbook`");
}

#[test]
fn a_project_off_the_schema_is_refused_naming_the_element_and_its_guid() {
    let sel1 = "`PlainTextSelection` `5e000000-0000-4000-8000-000000000001`";
    // (what is spoilt, the fixture's text, what it becomes, what the error says)
    let cases = [
        (
            "a selection without its start",
            " startPosition=\"41\"",
            "",
            format!("{sel1}: has no `startPosition` attribute"),
        ),
        (
            "a position that is no number of characters",
            "startPosition=\"41\"",
            "startPosition=\"-3\"",
            format!("{sel1}: `startPosition` is `-3`, not a whole number"),
        ),
        (
            "a CodeRef to no code",
            "<CodeRef targetGUID=\"c0000000-0000-4000-8000-0000000000a3\"/>",
            "<CodeRef targetGUID=\"deadbeef-0000-4000-8000-000000000000\"/>",
            "`CodeRef`: `targetGUID` `deadbeef-0000-4000-8000-000000000000` is no `Code` of the \
             code book"
                .into(),
        ),
        (
            "a creatingUser that is no user",
            "<Coding guid=\"5c000000-0000-4000-8000-000000010000\" creatingUser=\"6f1d1a52-0000-4000-8000-000000000001\"",
            "<Coding guid=\"5c000000-0000-4000-8000-000000010000\" creatingUser=\"6f1d1a52-0000-4000-8000-00000000dead\"",
            "`Coding` `5c000000-0000-4000-8000-000000010000`: `creatingUser` \
             `6f1d1a52-0000-4000-8000-00000000dead` is no `User` of the project"
                .into(),
        ),
        (
            "a selection outside its source",
            "endPosition=\"97\"",
            "endPosition=\"9700\"",
            format!(
                "{sel1}: characters 41–9700 are outside source `KIN-1`, which has 214 characters"
            ),
        ),
        (
            "a selection that ends before it starts",
            "startPosition=\"41\"",
            "startPosition=\"98\"",
            format!("{sel1}: starts at character 98, after its end 97"),
        ),
    ];
    for (what, from, to, error) in cases {
        let err = spoilt(from, to);
        assert!(err.contains(&error), "{what}: expected {error}\n{err}");
        says(&err, "bad.qdpx: project.qde line ");
    }
}

#[test]
fn a_missing_source_text_is_refused() {
    let err = refused(&[("project.qde".into(), good_xml().into_bytes())]);
    says(
        &err,
        "`TextSource` `50000000-0000-4000-8000-000000000001`: its plain text `internal://50000000-0000-4000-8000-000000000001.txt` is not in the archive",
    );
}

#[test]
fn an_entry_named_out_of_the_archive_is_refused() {
    for name in ["../x", "/etc/passwd", "..\\x.txt", "sources/../../x"] {
        let mut entries = vec![("project.qde".to_string(), good_xml().into_bytes())];
        entries.push((name.to_string(), b"x".to_vec()));
        let err = refused(&entries);
        says(&err, "a path out of the archive: refused");
    }
}

#[test]
fn too_many_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.qdpx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..10_001 {
        zip.start_file(format!("s/{i}"), options).unwrap();
    }
    zip.finish().unwrap();
    let run = readiness_in(dir.path(), &["score", "many.qdpx"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the archive has 10001 entries; a project may have at most 10000"),
        "{}",
        run.stderr
    );
}

/// A zip archive of `entries`, deflated, in memory.
fn zip_bytes(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_without_unpacking_it() {
    use readiness::input::qdpx::{
        Limits, MAX_ENTRIES, MAX_PROJECT_BYTES, MAX_TOTAL_BYTES, Settings, read,
    };
    // The limits every command reads with, as README says.
    assert_eq!(
        (MAX_ENTRIES, MAX_PROJECT_BYTES, MAX_TOTAL_BYTES),
        (10_000, 256 << 20, 1 << 30)
    );
    assert_eq!(Limits::default(), Limits::DEFAULT);
    // The same checks at a small scale (the command's own, unpacking 256 MiB, is
    // `the_command_refuses_a_zip_bomb`, ignored as slow in a debug build).
    let settings = Settings {
        keep_text: false,
        register: true,
        lang: readiness::lang::Lang::En,
        limits: Limits {
            entries: 10,
            entry_bytes: 2 << 20,
            total_bytes: 3 << 20,
        },
    };
    // An entry that unpacks past its limit, however small its archive.
    let mut xml = good_xml().into_bytes();
    xml.extend(vec![b' '; 3 << 20]);
    let bytes = zip_bytes(&[("project.qde".into(), xml)]);
    assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
    let err = read(std::io::Cursor::new(bytes), settings).unwrap_err();
    assert_eq!(
        err,
        ["`project.qde` unpacks to more than 2 MiB: refused (a zip bomb?)"]
    );
    // Entries each within the limit, together past the total.
    let mut entries = vec![("project.qde".to_string(), good_xml().into_bytes())];
    entries.extend(good_texts().into_iter().map(|(name, mut bytes)| {
        bytes.extend(vec![b' '; 1900 << 10]);
        (name, bytes)
    }));
    let err = read(std::io::Cursor::new(zip_bytes(&entries)), settings).unwrap_err();
    assert_eq!(
        err,
        [
            "`sources/50000000-0000-4000-8000-000000000002.txt` unpacks to more than 3 MiB: refused (a zip bomb?)"
        ]
    );
    // More entries than the limit.
    let many: Vec<(String, Vec<u8>)> = (0..11).map(|i| (format!("s/{i}"), Vec::new())).collect();
    let err = read(std::io::Cursor::new(zip_bytes(&many)), settings).unwrap_err();
    assert_eq!(
        err,
        ["the archive has 11 entries; a project may have at most 10: refused"]
    );
}

#[test]
#[ignore = "unpacks 256 MiB: about 30 s in a debug build; run with `cargo test -- --ignored`"]
fn the_command_refuses_a_zip_bomb() {
    // 257 MiB of spaces after the XML's start, deflated to a few hundred KiB: more than
    // `project.qde` may unpack to.
    let mut xml = b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">".to_vec();
    xml.extend(vec![b' '; 257 << 20]);
    let bytes = zip_bytes(&[("project.qde".into(), xml)]);
    assert!(bytes.len() < 8 << 20);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.qdpx"), bytes).unwrap();
    let run = readiness_in(dir.path(), &["score", "bomb.qdpx"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    says(
        &run.stderr,
        "`project.qde` unpacks to more than 256 MiB: refused (a zip bomb?)",
    );
}

// Never a panic: arbitrary bytes, and arbitrary small zips whose `project.qde` is random or the
// fixture's XML mutated, through the library's reader and through the whole reading path.

mod never_panics {
    use super::{PROJECT, good_texts, good_xml};
    use proptest::prelude::*;
    use readiness::engine::store::Sheet;
    use readiness::input::qdpx::{Settings, read};
    use readiness::input::{ReadOptions, read_all};
    use readiness::rubric::Rubric;
    use std::io::{Cursor, Write};
    use std::sync::OnceLock;

    fn settings() -> Settings {
        Settings {
            keep_text: true,
            register: false,
            lang: readiness::lang::Lang::En,
            limits: readiness::input::qdpx::Limits::DEFAULT,
        }
    }

    fn xml() -> &'static str {
        static XML: OnceLock<String> = OnceLock::new();
        XML.get_or_init(good_xml)
    }

    /// Bits of XML and numbers that make a mutation likely to parse and still be wrong.
    fn token() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<",
            ">",
            "\"",
            "/>",
            "</Code>",
            "<Coding guid=\"g\">",
            "<CodeRef targetGUID=\"x\"/>",
            " startPosition=\"99999999999999999999\"",
            " endPosition=\"0\"",
            "-1",
            "0",
            "&amp;",
            "&bogus;",
            "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
            "\u{0}",
            "é",
            "{",
            "}",
            "guid=\"\"",
            "<PlainTextSelection guid=\"s\" startPosition=\"1\" endPosition=\"2\"/>",
            "",
        ])
    }

    /// The fixture's XML with a few bytes deleted or tokens inserted (kept valid UTF-8).
    fn mutated() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec((any::<prop::sample::Index>(), 0..3usize, token()), 1..6).prop_map(
            |edits| {
                let mut text = xml().to_string();
                for (at, len, token) in edits {
                    let mut i = at.index(text.len() + 1);
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    let mut end = (i + len * 7).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(i..end, token);
                }
                text.into_bytes()
            },
        )
    }

    fn entry_name() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "project.qde",
            "sources/50000000-0000-4000-8000-000000000001.txt",
            "sources/50000000-0000-4000-8000-000000000002.txt",
            "sources/x.txt",
            "../x",
            "a\\..\\b",
            "",
        ])
        .prop_map(str::to_string)
    }

    fn content() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..256),
            mutated(),
            Just(xml().as_bytes().to_vec()),
        ]
    }

    fn zip_of(entries: &[(String, Vec<u8>)], texts: bool) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut all = entries.to_vec();
        if texts {
            all.extend(good_texts());
        }
        for (name, bytes) in &all {
            // A name written twice is refused by the writer: that archive is not generated.
            if zip.start_file(name.as_str(), options).is_ok() {
                zip.write_all(bytes).unwrap();
            }
        }
        zip.finish().unwrap().into_inner()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
            let _ = read(Cursor::new(bytes.clone()), settings());
            // A zip's signature in front, so the archive reader gets further.
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend(bytes);
            let _ = read(Cursor::new(zipped), settings());
        }

        #[test]
        fn arbitrary_small_zips_never_panic(
            entries in prop::collection::vec((entry_name(), content()), 0..4),
            project in prop_oneof![mutated(), Just(Vec::new())],
            texts in any::<bool>(),
        ) {
            let mut entries = entries;
            if !project.is_empty() {
                entries.insert(0, ("project.qde".to_string(), project));
            }
            let bytes = zip_of(&entries, texts);
            let _ = read(Cursor::new(bytes.clone()), settings());
            // The whole reading path, with text kept and evidence, as `score --detail
            // --show-text` reads.
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.qdpx");
            std::fs::write(&path, &bytes).unwrap();
            let rubric = Rubric::load("crm6").unwrap();
            let mut sheet = Sheet::new(rubric.dimensions.len());
            let options = ReadOptions {
                keep_evidence: true,
                keep_text: true,
                ..ReadOptions::default()
            };
            let _ = read_all(&[path.to_string_lossy().into_owned()], &rubric, &options, &mut sheet);
        }
    }

    #[test]
    fn the_fixture_reads_through_the_library() {
        let project = read(std::fs::File::open(PROJECT).unwrap(), settings());
        // Without a register, source YDR-2 (in no case) has no municipality.
        let errors = project.unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let project = read(
            std::fs::File::open(PROJECT).unwrap(),
            Settings {
                register: true,
                ..settings()
            },
        )
        .unwrap();
        assert_eq!(project.rows.len(), 25);
        assert_eq!(project.spans[0].source.as_ref(), "KIN-1");
    }
}

#[test]
fn transcripts_and_pdf_text_are_read_and_pictures_are_not() {
    // An audio source's transcript (selections by sync points) and a PDF's text representation,
    // one coder, municipality from the sources' own variables.
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="media">
  <Users><User guid="00000000-0000-4000-8000-0000000000u1" name="Maria"/></Users>
  <CodeBook><Codes>
    <Code guid="00000000-0000-4000-8000-0000000000a4" name="A4" isCodable="true"/>
    <Code guid="00000000-0000-4000-8000-0000000000b3" name="B3" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="00000000-0000-4000-8000-0000000000v1" name="Kommun" typeOfVariable="Text"/></Variables>
  <Sources>
    <AudioSource guid="00000000-0000-4000-8000-0000000000s1" name="YDR-3" path="internal://x.m4a">
      <Transcript guid="00000000-0000-4000-8000-0000000000t1" name="YDR-3 transkript">
        <PlainTextContent>Svar: Det finns ett program sedan i fjol.</PlainTextContent>
        <SyncPoint guid="00000000-0000-4000-8000-0000000000p0" timeStamp="0" position="6"/>
        <SyncPoint guid="00000000-0000-4000-8000-0000000000p1" timeStamp="900" position="41"/>
        <TranscriptSelection guid="00000000-0000-4000-8000-0000000000x1" fromSyncPoint="00000000-0000-4000-8000-0000000000p0" toSyncPoint="00000000-0000-4000-8000-0000000000p1">
          <Coding guid="00000000-0000-4000-8000-0000000000c1" creatingUser="00000000-0000-4000-8000-0000000000u1"><CodeRef targetGUID="00000000-0000-4000-8000-0000000000a4"/></Coding>
        </TranscriptSelection>
      </Transcript>
      <AudioSelection guid="00000000-0000-4000-8000-0000000000x2" begin="0" end="100">
        <Coding guid="00000000-0000-4000-8000-0000000000c2" creatingUser="00000000-0000-4000-8000-0000000000u1"><CodeRef targetGUID="00000000-0000-4000-8000-0000000000b3"/></Coding>
      </AudioSelection>
      <VariableValue><VariableRef targetGUID="00000000-0000-4000-8000-0000000000v1"/><TextValue>Ydre</TextValue></VariableValue>
    </AudioSource>
    <PDFSource guid="00000000-0000-4000-8000-0000000000s2" name="YDR-4" path="internal://y.pdf">
      <Representation guid="00000000-0000-4000-8000-0000000000r2" name="YDR-4" plainTextPath="internal://y.txt">
        <PlainTextSelection guid="00000000-0000-4000-8000-0000000000x3" startPosition="0" endPosition="4" creatingUser="00000000-0000-4000-8000-0000000000u1">
          <Coding guid="00000000-0000-4000-8000-0000000000c3"><CodeRef targetGUID="00000000-0000-4000-8000-0000000000b3"/></Coding>
        </PlainTextSelection>
      </Representation>
      <VariableValue><VariableRef targetGUID="00000000-0000-4000-8000-0000000000v1"/><TextValue>Ydre</TextValue></VariableValue>
    </PDFSource>
  </Sources>
</Project>
"#;
    let dir = tempfile::tempdir().unwrap();
    write_zip(
        &dir.path().join("media.qdpx"),
        &[
            ("project.qde".into(), xml.as_bytes().to_vec()),
            (
                "sources/y.txt".into(),
                "Alla vet om det.".as_bytes().to_vec(),
            ),
        ],
    );
    let args = [
        "score",
        "--format",
        "json",
        "--detail",
        "--show-text",
        "media.qdpx",
    ];
    let run = readiness_in(dir.path(), &args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).unwrap();
    let ydre = &out["results"][0];
    assert_eq!(ydre["municipality"], "Ydre");
    assert_eq!(ydre["dimensions"]["A"]["score"], 4.0);
    assert_eq!(ydre["dimensions"]["B"]["score"], 3.0);
    let a = &ydre["detail"][0]["scores"]["A"]["evidence"]["Maria"][0];
    assert_eq!(a["text"], "Det finns ett program sedan i fjol.");
    let b = &ydre["detail"][1]["scores"]["B"]["evidence"]["Maria"][0];
    assert_eq!(
        (b["source"].as_str(), b["text"].as_str()),
        (Some("YDR-4"), Some("Alla"))
    );
    let p = &out["input"]["files"][0]["project"];
    assert_eq!(
        (p["codings"].as_u64(), p["ignored_codings"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn cases_that_disagree_and_references_to_nothing_are_refused() {
    let kin2 = "<SourceRef targetGUID=\"50000000-0000-4000-8000-000000000002\"/>";
    let ydr1 = "<SourceRef targetGUID=\"50000000-0000-4000-8000-000000000003\"/>";
    let err = spoilt(kin2, &format!("{kin2}{ydr1}"));
    says(
        &err,
        "source `YDR-1` is in cases that disagree on its municipality: `Kinda` (case `Kinda`) and `Ydre` (case `Ydre`)",
    );
    let err = spoilt(
        "<VariableRef targetGUID=\"a0000000-0000-4000-8000-000000000001\"/>",
        "<VariableRef targetGUID=\"deadbeef-0000-4000-8000-000000000001\"/>",
    );
    says(
        &err,
        "`VariableRef`: `targetGUID` `deadbeef-0000-4000-8000-000000000001` is no `Variable` of the project",
    );
    let err = spoilt(
        kin2,
        "<SourceRef targetGUID=\"deadbeef-0000-4000-8000-000000000002\"/>",
    );
    says(
        &err,
        "`SourceRef`: `targetGUID` `deadbeef-0000-4000-8000-000000000002` is no source of the project",
    );
}

#[test]
fn a_project_on_standard_input_is_refused_with_how_to_read_it() {
    let bytes = std::fs::read(PROJECT).unwrap();
    let run = readiness(&["score", "-"], Some(&bytes));
    assert_eq!(run.code, 2, "{}", run.stderr);
    says(
        &run.stderr,
        "<stdin>: a REFI-QDA project (.qdpx) is read from a file: give its path rather than `-`",
    );
}

#[test]
fn what_other_tools_write_differently_is_read_too() {
    // A `.qde` named after the project, a `Sources/` folder, a variable with NVivo's
    // classification prefix, another version of the namespace: the same scores.
    let xml = good_xml()
        .replace("name=\"kommun\"", "name=\"Cases:Kommun\"")
        .replace(
            "urn:QDA-XML:project:1.0\" xmlns:xsi",
            "urn:QDA-XML:project:0.4\" xmlns:xsi",
        );
    let mut entries = vec![("Kinda och Ydre.qde".to_string(), xml.into_bytes())];
    entries.extend(
        good_texts()
            .into_iter()
            .map(|(name, bytes)| (name.replace("sources/", "Sources/"), bytes)),
    );
    let run = score_zip(&entries, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let other: Value = serde_json::from_str(&run.stdout).unwrap();
    let fixture = project_json(&[]);
    assert_eq!(other["results"], fixture["results"]);
}

#[test]
fn a_bad_project_is_told_in_swedish_under_a_swedish_rubric() {
    let xml = good_xml().replacen(
        "<CodeRef targetGUID=\"c0000000-0000-4000-8000-0000000000a3\"/>",
        "<CodeRef targetGUID=\"deadbeef-0000-4000-8000-000000000000\"/>",
        1,
    );
    let mut entries = vec![("project.qde".to_string(), xml.into_bytes())];
    entries.extend(good_texts());
    let run = score_zip(&entries, &["--rubric", "crm6-sv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    says(
        &run.stderr,
        "bad.qdpx: project.qde rad 52: `CodeRef`: `targetGUID` `deadbeef-0000-4000-8000-000000000000` är ingen `Code` i kodboken",
    );
    assert!(run.stderr.starts_with("fel: "), "{}", run.stderr);
}

#[test]
fn one_problem_at_many_selections_is_one_error_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("register.csv"),
        "intervju,kommun\nKIN-1,Kinda\nKIN-2,Ydre\nYDR-1,Ydre\nYDR-2,Ydre\n",
    )
    .unwrap();
    std::fs::copy(PROJECT, dir.path().join("p.qdpx")).unwrap();
    let run = readiness_in(
        dir.path(),
        &["score", "--interviews", "register.csv", "p.qdpx"],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // KIN-2's two selections, three codings: one error naming both selections once.
    says(
        &run.stderr,
        "p.qdpx: `PlainTextSelection` `5e000000-0000-4000-8000-000000000005` in source `KIN-2` (characters 6–51); `PlainTextSelection` `5e000000-0000-4000-8000-000000000006` in source `KIN-2` (characters 52–80): municipality `Kinda` here, but the interview register says `Ydre` for interview `KIN-2`",
    );
    assert_eq!(
        run.stderr.matches("for interview `KIN-2`").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn coder_and_round_options_are_refused_for_a_project_that_names_its_own() {
    for (option, value, error) in [
        (
            "--coder",
            "X",
            "`--coder` names this file's coder, but the project names its coders (`creatingUser`)",
        ),
        (
            "--round",
            "2025",
            "`--round` gives this file's round, but the project gives rounds",
        ),
    ] {
        let given = format!("{PROJECT}={value}");
        let args = ["score", option, &given, "--interviews", REGISTER, PROJECT];
        let run = readiness(&args, None);
        assert_eq!(run.code, 2, "{}", run.stderr);
        says(&run.stderr, &format!("kinda-ydre.qdpx: {error}"));
    }
}

#[test]
fn a_project_given_as_the_interview_register_is_refused_as_no_table() {
    let run = readiness(&["score", "--interviews", PROJECT, SAME_AS_CSV], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    says(
        &run.stderr,
        "kinda-ydre.qdpx: interview register: this is a REFI-QDA project (.qdpx), not a table: give it among the inputs, not here",
    );
}
