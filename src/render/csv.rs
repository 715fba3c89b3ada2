//! CSV output through `csv::Writer`: one header row, numbers as plain numbers.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, or a
//! tab or carriage return) are neutralised with a leading `'`, the OWASP advice against CSV
//! injection; numbers are written as numbers and never altered.
//!
//! A number is the nearest `f64`, written as its `Display` writes it (the shortest decimal that
//! reads back as the same `f64`, never an exponent). The score table writes its many numbers
//! through `Numbers`, which gives the same text faster.
//!
//! Two [`Dialect`]s: the plain one for scripts (`,`, decimal point, UTF-8 without BOM, LF — as it
//! always was, byte for byte), and `excel-sv`, as Swedish-locale Excel opens a file by double
//! click: `;` between fields, decimal comma, UTF-8 with a BOM (else Excel guesses Windows-1252),
//! CRLF. The dialect changes only the spelling: the same fields, the same digits.

use super::columns;
use crate::domain::agreement::AgreementReport;
use crate::domain::consensus::Worksheet;
use crate::domain::score::{GroupResult, ScoreReport};
use crate::model::number::Exact;
use std::borrow::Cow;
use std::fmt::Write as _;

/// A text cell, neutralised if a spreadsheet would read it as a formula.
fn text(value: &str) -> String {
    neutralised(value).into_owned()
}

/// [`text`], borrowed when it needs no change.
fn neutralised(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Numbers as `f64`'s `Display` writes them, byte for byte, without its cost: a short
/// terminating decimal straight from the exact value ([`Exact::write_short_decimal`]), other
/// values through Żmij (`zmij`, as `serde_json` uses it), whose digits are `Display`'s — the
/// shortest that read back as the same `f64`, the closest of those to it. The two differ only in
/// notation (Żmij writes `4.0` and exponents) and in the rare tie between two shortest
/// candidates, which only a value with a short exact binary expansion can meet; those values,
/// and the ones Żmij would write with an exponent, go through `Display` itself.
#[derive(Default)]
struct Numbers {
    zmij: zmij::Buffer,
    text: String,
}

impl Numbers {
    /// An exact value as its nearest `f64`; empty when there is none.
    fn exact(&mut self, value: Option<&Exact>) -> &str {
        let Some(value) = value else { return "" };
        self.text.clear();
        if value.write_short_decimal(&mut self.text) {
            return &self.text;
        }
        self.float(value.to_f64())
    }

    fn float(&mut self, x: f64) -> &str {
        // Ties need a value with at most 26 binary digits after the point (its exact decimal
        // then has at most 18 significant digits); Żmij switches to exponents outside this range.
        if (1e-5..1e15).contains(&x.abs()) && fraction_bits(x) > 26 {
            let text = self.zmij.format_finite(x);
            return text.strip_suffix(".0").unwrap_or(text);
        }
        self.text.clear();
        let _ = write!(self.text, "{x}");
        &self.text
    }

    fn int(&mut self, n: i64) -> &str {
        self.text.clear();
        if !crate::model::number::short_decimal(n, 1, &mut self.text) {
            let _ = write!(self.text, "{n}");
        }
        &self.text
    }
}

/// How many binary digits after the point a finite `x` has (0 for a whole number).
fn fraction_bits(x: f64) -> i32 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    if mantissa == 0 {
        return 0;
    }
    (-(exponent + mantissa.trailing_zeros() as i32)).max(0)
}

fn number(value: Option<&Exact>) -> String {
    Numbers::default().exact(value).to_string()
}

/// How a CSV file is spelled: the delimiter, the decimal mark, the byte-order mark, line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// `,` between fields, decimal point, UTF-8 without BOM, LF: for scripts.
    #[default]
    Plain,
    /// For Swedish-locale Excel: `;` between fields, decimal comma, UTF-8 with BOM, CRLF.
    ExcelSv,
}

impl Dialect {
    /// A CSV writer of this dialect, the BOM already written.
    fn writer(self) -> csv::Writer<Vec<u8>> {
        match self {
            Dialect::Plain => csv::Writer::from_writer(Vec::new()),
            Dialect::ExcelSv => csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer("\u{feff}".as_bytes().to_vec()),
        }
    }

    /// A number's text (as [`Numbers`] or `Display` write it) in this dialect's decimal mark.
    fn number(self, text: &str) -> Cow<'_, str> {
        match self {
            Dialect::ExcelSv if text.contains('.') => Cow::Owned(text.replace('.', ",")),
            _ => Cow::Borrowed(text),
        }
    }
}

/// The CSV renderer: one header row and a row per result, for spreadsheets and scripts. Its
/// output has no room for warnings: they go to standard error.
#[derive(Debug, Clone, Copy)]
pub struct Csv {
    pub dialect: Dialect,
    /// The language of the Excel dialect's headers (plain CSV keeps its English keys).
    pub lang: crate::lang::Lang,
}

impl Csv {
    /// The language of the headers: `None` (the stable keys) for plain CSV.
    fn header_lang(&self) -> Option<crate::lang::Lang> {
        (self.dialect == Dialect::ExcelSv).then_some(self.lang)
    }
}

impl super::Renderer for Csv {
    fn name(&self) -> &'static str {
        "CSV"
    }
    fn shows_warnings(&self) -> bool {
        false
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        score(report, self.dialect, self.header_lang())
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        agreement(report, self.dialect, self.header_lang())
    }
    fn worksheet(&self, worksheet: &Worksheet) -> anyhow::Result<Vec<u8>> {
        self::worksheet(worksheet, self.dialect, self.header_lang())
    }
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        compare(report, self.dialect, self.header_lang())
    }
}

/// `readiness compare` as CSV: the long table, one row per pair, municipality and dimension
/// or overall; the Excel dialect's headers in the output language, as for `score`.
fn compare(
    report: &crate::domain::rounds::CompareReport,
    dialect: Dialect,
    lang: Option<crate::lang::Lang>,
) -> anyhow::Result<Vec<u8>> {
    use super::rounds::Field;
    let mut w = dialect.writer();
    w.write_record(columns::headings(super::rounds::LONG, lang))?;
    let mut numbers = Numbers::default();
    for row in super::rounds::long_rows(report) {
        for field in row {
            match field {
                Field::Text(t) => w.write_field(neutralised(t).as_bytes())?,
                Field::Exact(x) => w.write_field(dialect.number(numbers.exact(x)).as_bytes())?,
                Field::Float(Some(x)) => {
                    w.write_field(dialect.number(numbers.float(x)).as_bytes())?
                }
                Field::Int(Some(x)) => w.write_field(numbers.int(x))?,
                Field::Float(None) | Field::Int(None) => w.write_field([])?,
            }
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(w.into_inner()?)
}

/// `readiness score` as CSV: one row per group; with `--detail`, one row per interview instead.
fn score(
    report: &ScoreReport,
    dialect: Dialect,
    lang: Option<crate::lang::Lang>,
) -> anyhow::Result<Vec<u8>> {
    let mut w = dialect.writer();
    let detail = report.results.iter().any(|r| r.detail.is_some());
    let keys = if detail {
        columns::detail(report)
    } else {
        columns::score(report)
    };
    w.write_record(columns::headings(&keys, lang))?;
    if detail {
        let evidence = columns::has_evidence(report);
        for r in &report.results {
            let key = [
                text(&r.key.municipality),
                text(r.key.round.as_deref().unwrap_or_default()),
                text(r.key.issue.as_deref().unwrap_or_default()),
            ];
            for i in r.detail.iter().flatten() {
                let mut row = key.to_vec();
                row.push(text(&i.interview));
                row.push(text(i.role.as_deref().unwrap_or_default()));
                row.extend(
                    i.scores
                        .0
                        .iter()
                        .map(|(_, c)| number(c.as_ref().map(|c| &c.combined)))
                        .map(|n| dialect.number(&n).into_owned()),
                );
                row.extend(i.scores.0.iter().map(|(_, c)| {
                    c.as_ref()
                        .map(|c| c.consensus.to_string())
                        .unwrap_or_default()
                }));
                if evidence {
                    row.extend(
                        i.scores
                            .0
                            .iter()
                            .map(|(_, c)| text(&columns::evidence_cell(c.as_ref()))),
                    );
                }
                w.write_record(&row)?;
            }
        }
        return Ok(w.into_inner()?);
    }
    score_rows(&mut w, &report.results, dialect)?;
    Ok(w.into_inner()?)
}

/// The score table's rows of `results`, field by field through the writer (which quotes a
/// field only where it must); numbers through [`Numbers`].
fn score_rows(
    w: &mut csv::Writer<Vec<u8>>,
    results: &[GroupResult],
    dialect: Dialect,
) -> csv::Result<()> {
    let mut numbers = Numbers::default();
    for r in results {
        w.write_field(neutralised(&r.key.municipality).as_bytes())?;
        w.write_field(neutralised(r.key.round.as_deref().unwrap_or_default()).as_bytes())?;
        w.write_field(neutralised(r.key.issue.as_deref().unwrap_or_default()).as_bytes())?;
        w.write_field(numbers.int(i64::try_from(r.interviews).unwrap_or(i64::MAX)))?;
        for (_, d) in &r.dimensions.0 {
            w.write_field(dialect.number(numbers.exact(d.score.as_ref())).as_bytes())?;
        }
        w.write_field(dialect.number(numbers.exact(r.overall.as_ref())).as_bytes())?;
        w.write_field(r.stage.as_ref().map_or("", |s| numbers.int(s.number())))?;
        let name = r.stage.as_ref().map_or("", |s| s.name.as_str());
        w.write_field(neutralised(name).as_bytes())?;
        pair(w, &mut numbers, dialect, r.overall_ci95, Numbers::float)?;
        pair(w, &mut numbers, dialect, r.stage_range, Numbers::int)?;
        for (_, d) in &r.dimensions.0 {
            pair(w, &mut numbers, dialect, d.ci95, Numbers::float)?;
        }
        for (_, d) in &r.dimensions.0 {
            w.write_field(d.stage.map_or("", |s| numbers.int(s)))?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(())
}

/// The two ends of an interval or range as two fields, or two empty fields.
fn pair<T>(
    w: &mut csv::Writer<Vec<u8>>,
    numbers: &mut Numbers,
    dialect: Dialect,
    ends: Option<[T; 2]>,
    write: fn(&mut Numbers, T) -> &str,
) -> csv::Result<()> {
    match ends {
        Some(ends) => {
            for end in ends {
                w.write_field(dialect.number(write(numbers, end)).as_bytes())?;
            }
        }
        None => {
            w.write_field("")?;
            w.write_field("")?;
        }
    }
    Ok(())
}

/// `readiness agreement` as CSV: a row per dimension and a `pooled` row; with `--by`, those rows
/// for each municipality (and round, issue) instead of for the whole input.
fn agreement(
    report: &AgreementReport,
    dialect: Dialect,
    lang: Option<crate::lang::Lang>,
) -> anyhow::Result<Vec<u8>> {
    let mut w = dialect.writer();
    w.write_record(columns::headings(&columns::agreement(report), lang))?;
    let float = |x: Option<f64>| {
        x.map(|v| dialect.number(&v.to_string()).into_owned())
            .unwrap_or_default()
    };
    for row in columns::agreement_rows(report) {
        let a = row.agreement;
        let ci = a.icc.as_ref().and_then(|i| i.ci95);
        let mut cells: Vec<String> = row
            .group
            .map(|g| {
                vec![
                    text(&g.key.municipality),
                    text(g.key.round.as_deref().unwrap_or_default()),
                    text(g.key.issue.as_deref().unwrap_or_default()),
                ]
            })
            .unwrap_or_default();
        cells.extend([
            text(row.dimension),
            text(&row.scorers.join("; ")),
            a.items.to_string(),
            a.compared.to_string(),
            a.complete.to_string(),
            float(a.exact),
            float(a.within_one),
            float(a.kappa_quadratic),
            float(a.alpha_interval),
            float(a.icc.as_ref().map(|i| i.value)),
            float(ci.map(|c| c[0])),
            float(ci.map(|c| c[1])),
            text(&row.reasons()),
        ]);
        w.write_record(&cells)?;
    }
    Ok(w.into_inner()?)
}

/// The consensus worksheet: `municipality, round, [issue,] interview, dimension`, one column
/// per scorer, `gap`, `consensus`, and an empty `note` column for the meeting. Names are
/// neutralised like any text cell; the worksheet reader takes the `'` off again
/// ([`crate::model::column::unneutralised`]).
fn worksheet(
    sheet: &Worksheet,
    dialect: Dialect,
    lang: Option<crate::lang::Lang>,
) -> anyhow::Result<Vec<u8>> {
    use crate::domain::consensus::Column;
    let mut w = dialect.writer();
    // The tool's own columns in the header language; scorers' and people's columns as typed.
    w.write_record(sheet.columns.iter().map(|(c, h)| match c {
        Column::Scorer(_) | Column::Kept(_) => text(h),
        _ => text(&columns::heading(h, lang)),
    }))?;
    let plain = |x: Option<&Exact>| {
        x.map(|x| dialect.number(&x.to_plain()).into_owned())
            .unwrap_or_default()
    };
    for r in &sheet.rows {
        let row = sheet.columns.iter().map(|(c, _)| match c {
            Column::Municipality => text(&r.municipality),
            Column::Round => text(r.round.as_deref().unwrap_or_default()),
            Column::Issue => text(r.issue.as_deref().unwrap_or_default()),
            Column::Interview => text(&r.interview),
            Column::Dimension => text(&r.dimension),
            Column::Scorer(i) => plain(r.scores.get(*i).and_then(Option::as_ref)),
            Column::Gap => plain(r.gap.as_ref()),
            Column::Consensus => plain(r.consensus.as_ref()),
            Column::Status => r.status.cell().to_string(),
            Column::Kept(i) => text(r.kept.get(*i).map_or("", String::as_str)),
        });
        w.write_record(row)?;
    }
    Ok(w.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut numbers = Numbers::default();
        let special = [
            // Ties between two shortest decimals, where Żmij (or Ryū) and Display part ways.
            1.0 + 2f64.powi(-17),
            -1_852_509_443_290_297.0 / 8.0, // -231563680411287.125
            4.0,
            -0.5,
            0.0,
            -0.0,
            1e15,
            999999999999999.9,
            1e-5,
            9.99e-6,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in special {
            assert_eq!(numbers.float(x), x.to_string(), "{x:e}");
        }
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..60_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = match i % 4 {
                0 => f64::from_bits(state),
                1 => (state >> 11) as f64 / (1u64 << 53) as f64 * 10.0,
                // A few binary digits after the point, and more.
                2 => (state >> 20) as f64 * 2f64.powi(-((state % 40) as i32)),
                _ => (state % 100_000) as f64 / ((state >> 32) % 999 + 1) as f64,
            };
            assert_eq!(numbers.float(x), x.to_string(), "{x:e}");
        }
        let third = Exact::ratio(1, 3);
        assert_eq!(numbers.exact(Some(&third)), "0.3333333333333333");
        assert_eq!(numbers.exact(Exact::parse("4.50").as_ref()), "4.5");
        assert_eq!(numbers.exact(None), "");
    }

    #[test]
    fn many_groups_give_one_row_each_in_order() {
        // Enough groups for the rows to be written in two halves on two threads.
        let names: Vec<String> = (0..301).map(|m| format!("Kommun {m}")).collect();
        let mut rows = Vec::new();
        for (m, name) in names.iter().enumerate() {
            for d in 0..6 {
                let score = ["3", "4.5", "6"][(m + d) % 3];
                rows.push((name.as_str(), "K1", "consensus", d, score));
            }
        }
        let sheet = crate::engine::store::sheet_of(&rows);
        let rubric = crate::rubric::Rubric::load("crm6").unwrap();
        let report = ScoreReport {
            rubric: crate::domain::score::RubricSummary::of(&rubric),
            results: crate::domain::score::score(&sheet, &rubric, Default::default()),
            warnings: Vec::new(),
            notes: Vec::new(),
            input: crate::domain::score::InputSummary { files: Vec::new() },
        };
        let text = String::from_utf8(score(&report, Dialect::Plain, None).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 302);
        assert!(lines[0].starts_with("municipality,round,issue,interviews,A,"));
        let firsts: Vec<&str> = lines[1..]
            .iter()
            .map(|l| l.split(',').next().unwrap())
            .collect();
        let order: Vec<&str> = report
            .results
            .iter()
            .map(|r| r.key.municipality.as_str())
            .collect();
        assert_eq!(firsts, order);
        assert_eq!((order[0], order[300]), ("Kommun 0", "Kommun 99"));
    }

    #[test]
    fn the_excel_dialect_changes_only_the_decimal_mark_of_numbers() {
        assert_eq!(
            Dialect::ExcelSv.number("4.291666666666667"),
            "4,291666666666667"
        );
        assert_eq!(Dialect::ExcelSv.number("-0.5"), "-0,5");
        assert_eq!(Dialect::ExcelSv.number("4"), "4");
        assert_eq!(Dialect::Plain.number("4.5"), "4.5");
        let mut w = Dialect::ExcelSv.writer();
        w.write_record(["Ödeshög", "a;b", "4,5"]).unwrap();
        assert_eq!(
            w.into_inner().unwrap(),
            "\u{feff}Ödeshög;\"a;b\";4,5\r\n".as_bytes()
        );
    }

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+46"), "'+46");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Ödeshög"), "Ödeshög");
        assert_eq!(text(""), "");
    }
}
