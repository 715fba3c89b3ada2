//! `readiness report`: the workshop report as HTML, parsed (every municipality has its page,
//! every SVG is well-formed XML, nothing is fetched, a hostile name is escaped), snapshots of the
//! whole page in English and Swedish, the bad-input rules of `-o`, and a real browser printing
//! it to PDF and taking a screenshot when one is installed.

use crate::{readiness, readiness_in, root};
use insta::assert_snapshot;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

const DATA: &str = "data/ostergotland-scores.csv";
const DATE: &str = "2026-12-03";

/// The example data's municipalities, in Swedish order.
const MUNICIPALITIES: [&str; 13] = [
    "Boxholm",
    "Finspång",
    "Kinda",
    "Linköping",
    "Mjölby",
    "Motala",
    "Norrköping",
    "Söderköping",
    "Vadstena",
    "Valdemarsvik",
    "Ydre",
    "Åtvidaberg",
    "Ödeshög",
];

fn select(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// `readiness report` with `args` and a fixed date, its HTML from standard output.
fn report(args: &[&str]) -> String {
    let mut all = vec!["report", "--date", DATE];
    all.extend_from_slice(args);
    let run = readiness(&all, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("<!DOCTYPE html>"), "{}", run.stdout);
    run.stdout
}

/// The headings of the municipality pages.
fn page_headings(doc: &Html) -> Vec<String> {
    doc.select(&select("section.page.municipality > header > h1"))
        .map(|h| h.text().collect::<String>())
        .collect()
}

/// What every report must be: self-contained, no script, every chart well-formed with a text
/// alternative, one county page.
fn check_self_contained(html: &str) {
    let doc = Html::parse_document(html);
    assert_eq!(doc.select(&select("script")).count(), 0, "no script");
    assert_eq!(doc.select(&select("section#county")).count(), 1);
    for element in doc.select(&select("[src], [href], link, img, iframe, object, embed")) {
        let e = element.value();
        assert!(
            !matches!(e.name(), "link" | "img" | "iframe" | "object" | "embed"),
            "nothing to load: {}",
            element.html()
        );
        for attr in ["src", "href"] {
            if let Some(v) = e.attr(attr) {
                assert!(v.starts_with('#'), "only links inside the page: {attr}={v}");
            }
        }
    }
    for style in doc.select(&select("style")) {
        let css: String = style.text().collect();
        assert!(!css.contains("url("), "no url() in the CSS");
        assert!(!css.contains("@import") && !css.contains("@font-face"));
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    let svgs: Vec<_> = doc.select(&select("svg")).collect();
    assert!(!svgs.is_empty());
    for svg in svgs {
        let xml = svg.html();
        let tree = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("an SVG that is not well-formed XML: {e}\n{xml}"));
        let root = tree.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(root.attribute("viewBox").is_some());
        let names: Vec<&str> = root
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .take(2)
            .collect();
        assert_eq!(
            names,
            ["title", "desc"],
            "each chart has a text alternative"
        );
        for node in tree.descendants().filter(|n| n.has_tag_name("text")) {
            assert!(node.attribute("font-size").is_some());
        }
    }
}

#[test]
fn every_municipality_has_its_page_and_nothing_is_fetched() {
    let html = report(&[DATA]);
    check_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(page_headings(&doc), MUNICIPALITIES);
    // The county table lists each in the same order, linking to its page.
    let links: Vec<String> = doc
        .select(&select("table.municipalities tbody th a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(links, MUNICIPALITIES);
    for a in doc.select(&select("table.municipalities tbody th a")) {
        let target = &a.value().attr("href").unwrap()[1..];
        let sel = select(&format!("section[id='{target}']"));
        assert_eq!(doc.select(&sel).count(), 1, "a page for #{target}");
    }
    // One ladder chart, one dimension chart per municipality.
    assert_eq!(doc.select(&select("svg.ladder-chart")).count(), 1);
    assert_eq!(doc.select(&select("svg.dimension-chart")).count(), 13);
    // The county ladder has a row per municipality with its text alternative.
    let rows: Vec<String> = doc
        .select(&select("svg.ladder-chart g > title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(rows.len(), 13);
    assert!(
        rows.contains(
            &"Kinda: overall score 4.48 (95% CI 4.35–4.61), stage 4 Preplanning (stages 4–4)"
                .to_string()
        ),
        "{rows:?}"
    );
    // Aggregates only: no interview id, scorer or role of the data is on the page.
    for private in ["BOX-1", "Maria", "Johan", "socialtjänst"] {
        assert!(!html.contains(private), "{private} is in the report");
    }
    assert!(html.contains("Made 3 December 2026"));
}

#[test]
fn a_hostile_municipality_name_is_shown_never_interpreted() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("municipality,interview,scorer,A,B,C,D,E,F\n");
    for i in 1..=4 {
        for (scorer, s) in [("Anna", "3"), ("Erik", "4")] {
            csv.push_str(&format!(
                "\"<Kinda & Ydre>\",I{i},{scorer},{s},{s},{s},{s},{s},{s}\n"
            ));
        }
    }
    std::fs::write(dir.path().join("hostile.csv"), csv).unwrap();
    let run = readiness_in(
        dir.path(),
        &["report", "--date", DATE, "hostile.csv", "-o", "r.html"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    check_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(page_headings(&doc), ["<Kinda & Ydre>"]);
    assert_eq!(doc.select(&select("kinda")).count(), 0, "no such element");
    assert!(html.contains("&lt;Kinda &amp; Ydre&gt;"));
    assert!(!html.contains("<Kinda"));
}

#[test]
fn html_on_example_data_in_english() {
    let html = report(&[DATA]);
    assert_snapshot!(html);
}

#[test]
fn html_on_example_data_in_swedish() {
    let html = report(&["--rubric", "crm6-sv", DATA]);
    check_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(page_headings(&doc), MUNICIPALITIES);
    assert!(html.contains("<html lang=\"sv\">"));
    assert!(html.contains("Gjord 3 december 2026"), "Swedish date");
    assert!(html.contains("4,48"), "decimal comma");
    assert!(!html.contains("4.48"), "no decimal point in Swedish");
    assert!(html.contains("Förplanering"));
    assert_snapshot!(html);
}

#[test]
fn lang_sv_with_an_english_rubric_speaks_swedish_around_the_rubrics_words() {
    let html = report(&["--lang", "sv", "-m", "Kinda", DATA]);
    assert!(html.contains("Underlagets kvalitet"));
    assert!(
        html.contains("Preplanning"),
        "the rubric's stage names stay"
    );
    assert!(html.contains("4,48"));
}

#[test]
fn compared_rounds_show_the_change_and_the_county_summary() {
    let html = report(&[
        "--round",
        "data/ostergotland-2025.csv=2025",
        "--round",
        "data/ostergotland-2027.csv=2027",
        "data/ostergotland-2025.csv",
        "data/ostergotland-2027.csv",
    ]);
    check_self_contained(&html);
    let doc = Html::parse_document(&html);
    let pages = page_headings(&doc);
    assert!(!pages.is_empty());
    // The round is named once, not in every heading.
    assert_eq!(pages, ["Boxholm", "Kinda", "Linköping", "Ydre"]);
    assert!(html.contains("Round 2027, compared with round 2025."));
    assert!(html.contains("Change since round 2025"));
    assert!(html.contains("County: stage up"), "the county's summary");
    // Each page has the dimensions before and after with the verdict, and the since line.
    let first = doc.select(&select("section.municipality")).next().unwrap();
    let header: Vec<String> = first
        .select(&select("table.dims thead th"))
        .map(|t| t.text().collect())
        .collect();
    assert!(header.contains(&"Round 2025".to_string()), "{header:?}");
    assert!(header.contains(&"Verdict".to_string()), "{header:?}");
    assert!(first.html().contains("Since 2025: overall score"));
    // The earlier round's score is drawn hollow on the charts.
    assert!(doc.select(&select("svg circle[fill='#ffffff']")).count() > 0);
    let verdicts: String = doc
        .select(&select("table.municipalities tbody td"))
        .map(|t| t.text().collect::<String>())
        .collect();
    assert!(verdicts.contains('↑') || verdicts.contains('↓') || verdicts.contains('≈'));
}

#[test]
fn one_municipality_and_an_unknown_one() {
    let html = report(&["-m", "kinda", DATA]);
    assert_eq!(page_headings(&Html::parse_document(&html)), ["Kinda"]);
    let run = readiness(&["report", "-m", "Kindaa", DATA], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `Kinda`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_input_and_refused_outputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join(DATA);
    let copy = dir.path().join("scores.csv");
    std::fs::copy(&data, &copy).unwrap();
    let run = readiness_in(dir.path(), &["report", "missing.csv", "-o", "r.html"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    let run = readiness_in(
        dir.path(),
        &["report", "scores.csv", "-o", "scores.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: refusing to write `scores.csv`: it is the input file `scores.csv`; give another \
         name with `-o`\n"
    );
    std::fs::write(dir.path().join("r.html"), "keep me").unwrap();
    let run = readiness_in(dir.path(), &["report", "scores.csv", "-o", "r.html"], None);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `r.html` already exists; give `--force` to replace it\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.html")).unwrap(),
        "keep me"
    );
    let run = readiness_in(
        dir.path(),
        &["report", "scores.csv", "-o", "r.html", "--force"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = readiness_in(
        dir.path(),
        &["report", "--date", "3 Dec", "scores.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
    let run = readiness_in(
        dir.path(),
        &["report", "--later", "2030", "scores.csv"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no round"), "{}", run.stderr);
}

/// A browser that can print and take screenshots, if one is installed.
fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in [
        "chromium-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Runs the browser headless on `page` with `args`; a temporary profile of its own, and at
/// most two minutes (a browser that hangs fails the test instead of holding it up).
fn headless(browser: &Path, profile: &Path, args: &[String], page: &Path) {
    let mut child = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the browser starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("the browser can be waited for") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{} {args:?} did not finish in two minutes",
                browser.display()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{} {args:?} failed", browser.display());
}

/// The number of pages of a PDF: `pdfinfo` when installed, else its `/Type /Page` objects
/// (not `/Type /Pages`, the page tree).
fn pdf_pages(pdf: &Path) -> usize {
    if let Ok(out) = std::process::Command::new("pdfinfo").arg(pdf).output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(n) = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
        {
            return n;
        }
    }
    let bytes = std::fs::read(pdf).unwrap();
    let mut count = 0;
    for pattern in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        count += bytes
            .windows(pattern.len() + 1)
            .filter(|w| w.starts_with(pattern) && w[pattern.len()] != b's')
            .count();
    }
    count
}

/// The share of a PNG's pixels that are not white, and how many colours it has (up to 64).
fn ink(png: &Path) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    let mut total = 0usize;
    for px in pixels.chunks(channels) {
        total += 1;
        if px.iter().take(3).any(|&c| c < 245) {
            inked += 1;
        }
        if colours.len() < 64 {
            colours.insert(px.to_vec());
        }
    }
    (inked as f64 / total as f64, colours.len())
}

#[test]
fn a_real_browser_prints_a_page_per_municipality_and_shows_the_ladder() {
    let Some(browser) = browser() else {
        eprintln!(
            "skipped: no chromium-headless-shell, chromium, chromium-browser or google-chrome on \
             PATH (.ci/run installs Debian's chromium-headless-shell with apt where it can)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let run = readiness(
        &["report", "--date", DATE, DATA, "-o", page.to_str().unwrap()],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let profile = dir.path().join("profile");
    let pdf = dir.path().join("report.pdf");
    headless(
        &browser,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &page,
    );
    assert_eq!(
        pdf_pages(&pdf),
        MUNICIPALITIES.len() + 1,
        "one A4 page per municipality and the county's"
    );
    let shot = dir.path().join("county.png");
    headless(
        &browser,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,900".into(),
        ],
        &page,
    );
    let (share, colours) = ink(&shot);
    assert!(colours > 8, "the screenshot has {colours} colours");
    assert!(
        share > 0.05,
        "only {share:.3} of the screenshot is not white"
    );
}

#[test]
fn open_warnings_are_summed_up_without_the_scorers_names() {
    let html = report(&["tests/fixtures/two-scorers.csv"]);
    let doc = Html::parse_document(&html);
    let warnings: Vec<String> = doc
        .select(&select("section.municipality ul.warnings li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        warnings,
        ["needs consensus: 1 item in 1 municipality — Ödeshög Ö2 C; all with --verbose"]
    );
    assert!(
        !html.contains("Åsa") && !html.contains("Örjan"),
        "no scorer's name"
    );
    assert!(!html.contains("two-scorers.csv"), "no file's line");
}

#[test]
fn a_large_county_is_grouped_by_stage_and_its_ladder_drawn_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("municipality,interview,scorer,A,B,C,D,E,F\n");
    for m in 0..45 {
        for i in 0..2 {
            let s = format!("{}.{}", 2 + m % 6, 5 * ((m + i) % 2));
            csv.push_str(&format!(
                "Kommun {m:02},I{i},consensus,{s},{s},{s},{s},{s},{s}\n"
            ));
        }
    }
    std::fs::write(dir.path().join("county.csv"), csv).unwrap();
    let run = readiness_in(dir.path(), &["report", "--date", DATE, "county.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Html::parse_document(&run.stdout);
    assert_eq!(page_headings(&doc).len(), 45);
    // Two ladder charts: municipalities 1–30 and 31–45, the second starting a new printed page.
    let captions: Vec<String> = doc
        .select(&select("figure.ladder figcaption"))
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(
        captions,
        ["Municipalities 1–30 of 45", "Municipalities 31–45 of 45"]
    );
    assert_eq!(doc.select(&select("figure.ladder.continued")).count(), 1);
    // Before them, each stage with its municipalities, highest first; every one counted once.
    let counts: Vec<usize> = doc
        .select(&select("table.by-stage tbody td.num"))
        .map(|c| c.text().collect::<String>().parse().unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 45);
    let stages: Vec<String> = doc
        .select(&select("table.by-stage tbody th"))
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(stages.first().map(String::as_str), Some("7 Stabilization"));
    assert_eq!(
        stages.last().map(String::as_str),
        Some("2 Denial / resistance")
    );
    assert!(
        run.stdout
            .contains("Scorer agreement: no items with two scorers")
    );
}

#[test]
fn one_round_is_named_once_not_on_every_heading() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "municipality,round,interview,scorer,A,B,C,D,E,F\n\
               Kinda,2025,K1,consensus,4,4,4,4,4,4\n\
               Kinda,2025,K2,consensus,5,5,5,5,5,5\n";
    std::fs::write(dir.path().join("one.csv"), csv).unwrap();
    let run = readiness_in(dir.path(), &["report", "--date", DATE, "one.csv"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = Html::parse_document(&run.stdout);
    assert_eq!(page_headings(&doc), ["Kinda"]);
    assert!(run.stdout.contains("six dimensions). Round 2025.</p>"));
}
