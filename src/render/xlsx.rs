//! Excel workbooks (rust_xlsxwriter): one sheet per table of a result, for analysts who work
//! on in Excel.
//!
//! Built from the same typed results as the other renderers, never from their text: a score is
//! the nearest `f64` of its exact value (full precision, as CSV and JSON carry it) and is shown
//! with two decimals (number format `0.00`); stages and counts are whole numbers (`0`). Every
//! sheet has its header row frozen and a filter on it, and columns as wide as their widest
//! cell (within bounds). Besides the result's own tables, every workbook has a `warnings`
//! sheet, an `input` sheet (how each file was read: the `--verbose` accounting) and an `info`
//! sheet naming the rubric, the command line and the readiness version.
//!
//! The consensus worksheet is the workbook's first sheet, in the columns of the CSV worksheet,
//! so the file can be filled in and read back as it is (the reader takes the first sheet).
//! Text is written as text: a cell starting with `=` stays text, so nothing needs neutralising.

use super::Run;
use super::columns::{self, headings};
use crate::domain::agreement::AgreementReport;
use crate::domain::consensus::{Column, Worksheet};
use crate::domain::plan::PlanReport;
use crate::domain::score::{RubricSummary, ScoreReport};
use crate::lang::Lang;
use crate::model::message::said;
use crate::model::number::Exact;
use rust_xlsxwriter::{Format, Workbook};

/// The xlsx renderer. Its output is binary: to a file (`-o`) or a pipe, never a terminal.
#[derive(Debug, Clone, Default)]
pub struct Xlsx {
    /// The command line and the inputs, for the info and input sheets.
    pub run: Run,
    /// The language of the warnings and of the column headers.
    pub options: super::Options,
}

impl Xlsx {
    /// The language of the column headers: Swedish for a Swedish reader (the words the readers
    /// know, so a workbook written in Swedish reads back), else the stable English keys.
    fn headers(&self) -> Option<Lang> {
        (self.options.lang == Lang::Sv).then_some(Lang::Sv)
    }
}

impl super::Renderer for Xlsx {
    fn name(&self) -> &'static str {
        "xlsx"
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        let h = self.headers();
        let mut sheets = vec![results(report, h)];
        if report.results.iter().any(|r| r.detail.is_some()) {
            sheets.push(detail(report, h));
        }
        sheets.push(warnings(
            &report
                .labelled_warnings(self.options.lang)
                .collect::<Vec<_>>(),
            &said(&report.notes, self.options.lang),
            h,
        ));
        self.workbook(sheets, Some(&report.rubric))
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        let h = self.headers();
        let lang = self.options.lang;
        let sheets = vec![
            agreement(report, h),
            warnings(&said(&report.warnings, lang), &said(&report.notes, lang), h),
        ];
        self.workbook(sheets, Some(&report.rubric))
    }
    fn plan(&self, report: &PlanReport) -> anyhow::Result<Vec<u8>> {
        let h = self.headers();
        let notes = said(&report.notes, self.options.lang);
        let sheets = vec![plan(report, h), warnings(&report.warnings, &notes, h)];
        self.workbook(sheets, self.run.rubric.as_ref())
    }
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        let h = self.headers();
        let mut sheets = vec![comparisons(report, h), county(report, h)];
        if !report.trends.is_empty() {
            sheets.push(trends(report, h));
        }
        let lines = report.labelled_warnings(self.options.lang);
        sheets.push(warnings(&lines, &said(&report.notes, self.options.lang), h));
        self.workbook(sheets, Some(&report.rubric))
    }
    fn worksheet(&self, sheet: &Worksheet) -> anyhow::Result<Vec<u8>> {
        let lang = self.options.lang;
        let all = said(
            &[&self.run.warnings[..], &sheet.warnings[..]].concat(),
            lang,
        );
        let sheets = vec![
            worksheet(sheet),
            warnings(&all, &said(&self.run.notes, lang), self.headers()),
        ];
        self.workbook(sheets, self.run.rubric.as_ref())
    }
}

/// A cell of a sheet, typed: how it is stored and shown.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    /// A measured value: stored at full precision, shown with two decimals.
    Number(f64),
    /// A stage or a count: shown as a whole number.
    Whole(i64),
    Bool(bool),
    Empty,
}

impl Cell {
    fn text(s: &str) -> Cell {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }

    fn exact(x: Option<&Exact>) -> Cell {
        x.map_or(Cell::Empty, |x| Cell::Number(x.to_f64()))
    }

    fn float(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Number)
    }

    fn whole(n: usize) -> Cell {
        Cell::Whole(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// How many characters the cell shows (for the column width).
    fn shown_width(&self) -> usize {
        match self {
            Cell::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Number(x) => format!("{x:.2}").len(),
            Cell::Whole(n) => n.to_string().len(),
            Cell::Bool(_) => 5,
            Cell::Empty => 0,
        }
    }
}

/// One sheet: a header row and rows of typed cells.
#[derive(Debug, Clone)]
struct Sheet {
    name: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Sheet {
    fn new(name: &'static str, header: Vec<String>) -> Sheet {
        Sheet {
            name,
            header,
            rows: Vec::new(),
        }
    }
}

/// Columns are at least this wide, and at most that, in characters.
const WIDTHS: (usize, usize) = (6, 60);

impl Xlsx {
    /// The workbook of `sheets`, then the input and info sheets.
    fn workbook(
        &self,
        mut sheets: Vec<Sheet>,
        rubric: Option<&RubricSummary>,
    ) -> anyhow::Result<Vec<u8>> {
        sheets.push(input(&self.run, self.headers()));
        sheets.push(info(&self.run, rubric, self.headers()));
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        let decimals = Format::new().set_num_format("0.00");
        let whole = Format::new().set_num_format("0");
        for sheet in &sheets {
            let ws = workbook.add_worksheet();
            ws.set_name(sheet.name)?;
            let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count()).collect();
            for (c, h) in sheet.header.iter().enumerate() {
                ws.write_string_with_format(0, col(c), h, &bold)?;
            }
            for (r, row) in sheet.rows.iter().enumerate() {
                let r = u32::try_from(r + 1)?;
                for (c, cell) in row.iter().enumerate() {
                    if widths.len() <= c {
                        widths.resize(c + 1, 0);
                    }
                    widths[c] = widths[c].max(cell.shown_width());
                    match cell {
                        Cell::Text(s) => ws.write_string(r, col(c), s)?,
                        Cell::Number(x) => ws.write_number_with_format(r, col(c), *x, &decimals)?,
                        Cell::Whole(n) => {
                            // Whole numbers of a sheet are counts and stages, far below 2^53.
                            #[allow(clippy::cast_precision_loss)]
                            let x = *n as f64;
                            ws.write_number_with_format(r, col(c), x, &whole)?
                        }
                        Cell::Bool(b) => ws.write_boolean(r, col(c), *b)?,
                        Cell::Empty => ws,
                    };
                }
            }
            for (c, w) in widths.iter().enumerate() {
                // A little room for the filter button beside the header.
                let w = (w + 3).clamp(WIDTHS.0, WIDTHS.1);
                ws.set_column_width(col(c), u32::try_from(w)?)?;
            }
            ws.set_freeze_panes(1, 0)?;
            let last_row = u32::try_from(sheet.rows.len())?;
            let last_col = col(widths.len().max(1) - 1);
            ws.autofilter(0, 0, last_row, last_col)?;
        }
        Ok(workbook.save_to_buffer()?)
    }
}

/// A column number; sheets have far fewer columns than `u16` counts.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// `results`: a row per municipality (and round, issue), the columns of the CSV score table.
fn results(report: &ScoreReport, h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new("results", headings(&columns::score(report), h));
    for r in &report.results {
        let mut row = vec![
            Cell::text(&r.key.municipality),
            Cell::text(r.key.round.as_deref().unwrap_or_default()),
            Cell::text(r.key.issue.as_deref().unwrap_or_default()),
            Cell::whole(r.interviews),
        ];
        row.extend(
            r.dimensions
                .0
                .iter()
                .map(|(_, d)| Cell::exact(d.score.as_ref())),
        );
        row.push(Cell::exact(r.overall.as_ref()));
        row.push(
            r.stage
                .as_ref()
                .map_or(Cell::Empty, |s| Cell::Whole(s.number())),
        );
        row.push(Cell::text(r.stage.as_ref().map_or("", |s| s.name.as_str())));
        let [lo, hi] = r
            .overall_ci95
            .map_or([None, None], |[a, b]| [Some(a), Some(b)]);
        row.extend([Cell::float(lo), Cell::float(hi)]);
        match r.stage_range {
            Some([a, b]) => row.extend([Cell::Whole(a), Cell::Whole(b)]),
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
        for (_, d) in &r.dimensions.0 {
            let [lo, hi] = d.ci95.map_or([None, None], |[a, b]| [Some(a), Some(b)]);
            row.extend([Cell::float(lo), Cell::float(hi)]);
        }
        for (_, d) in &r.dimensions.0 {
            row.push(d.stage.map_or(Cell::Empty, Cell::Whole));
        }
        sheet.rows.push(row);
    }
    sheet
}

/// `comparisons`: the long table of `compare`, the columns of its CSV.
fn comparisons(report: &crate::domain::rounds::CompareReport, h: Option<Lang>) -> Sheet {
    use super::rounds::Field;
    let header = headings(super::rounds::LONG, h);
    let mut sheet = Sheet::new("comparisons", header);
    for row in super::rounds::long_rows(report) {
        sheet.rows.push(
            row.into_iter()
                .map(|f| match f {
                    Field::Text(t) => Cell::text(t),
                    Field::Exact(x) => Cell::exact(x),
                    Field::Float(x) => Cell::float(x),
                    Field::Int(x) => x.map_or(Cell::Empty, Cell::Whole),
                })
                .collect(),
        );
    }
    sheet
}

/// `county`: a row per pair of rounds (and issue), the JSON `county` fields.
fn county(report: &crate::domain::rounds::CompareReport, h: Option<Lang>) -> Sheet {
    let keys = [
        "from",
        "to",
        "issue",
        "municipalities",
        "stage_up",
        "stage_same",
        "stage_down",
        "clearly_up",
        "clearly_down",
        "unclear",
        "no_verdict",
        "one_round_only",
        "mean_change",
        "mean_change_lo",
        "mean_change_hi",
    ];
    let mut sheet = Sheet::new("county", headings(&keys, h));
    for c in &report.county {
        let [lo, hi] = c.ci95.map_or([None, None], |[a, b]| [Some(a), Some(b)]);
        let mut row = vec![
            Cell::text(&c.from),
            Cell::text(&c.to),
            Cell::text(c.issue.as_deref().unwrap_or_default()),
        ];
        row.extend(
            [
                c.municipalities,
                c.stage_up,
                c.stage_same,
                c.stage_down,
                c.clearly_up,
                c.clearly_down,
                c.unclear,
                c.no_verdict,
                c.one_round_only,
            ]
            .map(Cell::whole),
        );
        row.extend([
            Cell::exact(c.mean_change.as_ref()),
            Cell::float(lo),
            Cell::float(hi),
        ]);
        sheet.rows.push(row);
    }
    sheet
}

/// `trends`: a row per municipality (and issue), each round's overall score and stage.
fn trends(report: &crate::domain::rounds::CompareReport, h: Option<Lang>) -> Sheet {
    let mut header = vec!["municipality".to_string(), "issue".to_string()];
    for r in &report.rounds {
        header.push(format!("{r}_overall"));
        header.push(format!("{r}_stage"));
    }
    header.push("change".into());
    let mut sheet = Sheet::new("trends", headings(&header, h));
    for t in &report.trends {
        let mut row = vec![
            Cell::text(&t.municipality),
            Cell::text(t.issue.as_deref().unwrap_or_default()),
        ];
        for p in &t.rounds {
            row.push(Cell::exact(p.as_ref().and_then(|p| p.overall.as_ref())));
            row.push(
                p.as_ref()
                    .and_then(|p| p.stage)
                    .map_or(Cell::Empty, Cell::Whole),
            );
        }
        row.push(Cell::exact(t.change.as_ref()));
        sheet.rows.push(row);
    }
    sheet
}

/// `detail`: a row per interview, its combined score per dimension and whether that was the
/// scorers' agreed (consensus) score; on coded input, each dimension's evidence trail.
fn detail(report: &ScoreReport, h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new("detail", headings(&columns::detail(report), h));
    let evidence = columns::has_evidence(report);
    for r in &report.results {
        for i in r.detail.iter().flatten() {
            let mut row = vec![
                Cell::text(&r.key.municipality),
                Cell::text(r.key.round.as_deref().unwrap_or_default()),
                Cell::text(r.key.issue.as_deref().unwrap_or_default()),
                Cell::text(&i.interview),
                Cell::text(i.role.as_deref().unwrap_or_default()),
            ];
            row.extend(
                i.scores
                    .0
                    .iter()
                    .map(|(_, c)| Cell::exact(c.as_ref().map(|c| &c.combined))),
            );
            row.extend(
                i.scores
                    .0
                    .iter()
                    .map(|(_, c)| c.as_ref().map_or(Cell::Empty, |c| Cell::Bool(c.consensus))),
            );
            if evidence {
                row.extend(
                    i.scores
                        .0
                        .iter()
                        .map(|(_, c)| Cell::text(&columns::evidence_cell(c.as_ref()))),
                );
            }
            sheet.rows.push(row);
        }
    }
    sheet
}

/// `agreement`: a row per dimension and a `pooled` row; with `--by`, those rows per group.
fn agreement(report: &AgreementReport, h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new("agreement", headings(&columns::agreement(report), h));
    for row in columns::agreement_rows(report) {
        let a = row.agreement;
        let ci = a.icc.as_ref().and_then(|i| i.ci95);
        let mut cells: Vec<Cell> = row
            .group
            .map(|g| {
                vec![
                    Cell::text(&g.key.municipality),
                    Cell::text(g.key.round.as_deref().unwrap_or_default()),
                    Cell::text(g.key.issue.as_deref().unwrap_or_default()),
                ]
            })
            .unwrap_or_default();
        cells.extend([
            Cell::text(row.dimension),
            Cell::text(&row.scorers.join("; ")),
            Cell::whole(a.items),
            Cell::whole(a.compared),
            Cell::whole(a.complete),
            Cell::float(a.exact),
            Cell::float(a.within_one),
            Cell::float(a.kappa_quadratic),
            Cell::float(a.alpha_interval),
            Cell::float(a.icc.as_ref().map(|i| i.value)),
            Cell::float(ci.map(|c| c[0])),
            Cell::float(ci.map(|c| c[1])),
            Cell::text(&row.reasons()),
        ]);
        sheet.rows.push(cells);
    }
    sheet
}

/// `worksheet`: the consensus worksheet in the columns (and headers) of the CSV worksheet.
fn worksheet(ws: &Worksheet) -> Sheet {
    let mut sheet = Sheet::new(
        "worksheet",
        ws.columns.iter().map(|(_, h)| h.clone()).collect(),
    );
    for r in &ws.rows {
        let row = ws.columns.iter().map(|(c, _)| match c {
            Column::Municipality => Cell::text(&r.municipality),
            Column::Round => Cell::text(r.round.as_deref().unwrap_or_default()),
            Column::Issue => Cell::text(r.issue.as_deref().unwrap_or_default()),
            Column::Interview => Cell::text(&r.interview),
            Column::Dimension => Cell::text(&r.dimension),
            Column::Scorer(i) => Cell::exact(r.scores.get(*i).and_then(Option::as_ref)),
            Column::Gap => Cell::exact(r.gap.as_ref()),
            Column::Consensus => Cell::exact(r.consensus.as_ref()),
            Column::Status => Cell::text(r.status.cell()),
            Column::Kept(i) => Cell::text(r.kept.get(*i).map_or("", String::as_str)),
        });
        sheet.rows.push(row.collect());
    }
    sheet
}

/// `plan`: a row per municipality (and round, issue) and dimension, lowest first, then the
/// missing ones; `first` marks the dimensions to work on first, with their stage's strategies
/// (one a line); the last four columns are for the analyst to fill in.
fn plan(report: &PlanReport, h: Option<Lang>) -> Sheet {
    let keys = [
        "municipality",
        "round",
        "issue",
        "stage",
        "stage_name",
        "stage_range_low",
        "stage_range_high",
        "firm",
        "dimension",
        "dimension_name",
        "score",
        "dimension_stage",
        "dimension_stage_name",
        "goal",
        "first",
        "strategies",
        "actions",
        "who",
        "when",
        "follow_up",
    ];
    let mut sheet = Sheet::new("plan", headings(&keys, h));
    for p in &report.plans {
        let group = |row: &mut Vec<Cell>| {
            row.extend([
                Cell::text(&p.key.municipality),
                Cell::text(p.key.round.as_deref().unwrap_or_default()),
                Cell::text(p.key.issue.as_deref().unwrap_or_default()),
                p.stage
                    .as_ref()
                    .map_or(Cell::Empty, |s| Cell::Whole(s.level)),
                Cell::text(p.stage.as_ref().map_or("", |s| s.name.as_str())),
            ]);
            match p.stage_range {
                Some([a, b]) => row.extend([Cell::Whole(a), Cell::Whole(b)]),
                None => row.extend([Cell::Empty, Cell::Empty]),
            }
            row.push(Cell::Bool(p.firm));
        };
        for d in &p.dimensions {
            let mut row = Vec::new();
            group(&mut row);
            let focus = p.focus.iter().find(|f| f.id == d.id);
            let strategies = focus.map_or_else(String::new, |f| {
                [&f.strategies[..], &f.dimension_strategies[..]]
                    .concat()
                    .join("\n")
            });
            row.extend([
                Cell::text(&d.id),
                Cell::text(&d.name),
                Cell::exact(Some(&d.score)),
                Cell::Whole(d.stage.level),
                Cell::text(&d.stage.name),
                Cell::text(&d.stage.goal),
                Cell::Bool(focus.is_some()),
                Cell::text(&strategies),
            ]);
            sheet.rows.push(row);
        }
        for d in &p.missing {
            let mut row = Vec::new();
            group(&mut row);
            row.extend([Cell::text(&d.id), Cell::text(&d.name)]);
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            row.extend([Cell::Bool(false), Cell::Empty]);
            sheet.rows.push(row);
        }
    }
    sheet
}

/// `warnings`: every warning, then every note, one a row.
fn warnings(warnings: &[String], notes: &[String], h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new("warnings", headings(&["kind", "message"], h));
    let rows = warnings
        .iter()
        .map(|w| ("warning", w))
        .chain(notes.iter().map(|n| ("note", n)));
    for (kind, message) in rows {
        let kind = h.map_or(kind, |lang| lang.text(&format!("stderr.{kind}")));
        sheet.rows.push(vec![Cell::text(kind), Cell::text(message)]);
    }
    sheet
}

/// `input`: how each input was read, and rows read = used + blank + rejected.
fn input(run: &Run, h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new(
        "input",
        headings(
            &[
                "file",
                "read_as",
                "shape",
                "rows",
                "used",
                "blank",
                "rejected",
                "ignored_columns",
            ],
            h,
        ),
    );
    let count = |n: u64| Cell::Whole(i64::try_from(n).unwrap_or(i64::MAX));
    for f in &run.files {
        sheet.rows.push(vec![
            Cell::text(&f.file),
            Cell::text(&f.read_as.text(h.unwrap_or(Lang::En))),
            Cell::text(&f.shape.text(h.unwrap_or(Lang::En))),
            count(f.rows),
            count(f.used),
            count(f.blank),
            count(f.rejected),
            Cell::text(&f.ignored_columns.join(", ")),
        ]);
    }
    sheet
}

/// `info`: what made the workbook — the rubric, the command line, the readiness version.
fn info(run: &Run, rubric: Option<&RubricSummary>, h: Option<Lang>) -> Sheet {
    let mut sheet = Sheet::new("info", headings(&["key", "value"], h));
    let mut pairs = vec![
        (
            "readiness",
            format!("readiness {}", env!("CARGO_PKG_VERSION")),
        ),
        ("command", run.command.clone()),
    ];
    if let Some(rubric) = rubric {
        pairs.extend([
            ("rubric", rubric.name.clone()),
            ("rubric_title", rubric.title.clone()),
            ("rubric_language", rubric.language.clone()),
            ("max_gap", rubric.max_gap.to_plain()),
            ("min_interviews", rubric.min_interviews.to_string()),
        ]);
    }
    for (key, value) in pairs {
        sheet.rows.push(vec![Cell::text(key), Cell::text(&value)]);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_and_measured_as_shown() {
        assert_eq!(Cell::text(""), Cell::Empty);
        assert_eq!(Cell::exact(Exact::parse("4.5").as_ref()), Cell::Number(4.5));
        let third = Exact::ratio(1, 3);
        assert_eq!(Cell::exact(Some(&third)), Cell::Number(1.0 / 3.0));
        assert_eq!(Cell::exact(None), Cell::Empty);
        // Shown with two decimals, whatever the stored digits.
        assert_eq!(Cell::Number(1.0 / 3.0).shown_width(), 4);
        assert_eq!(Cell::Whole(12).shown_width(), 2);
        assert_eq!(Cell::text("Ödeshög").shown_width(), 7);
    }

    #[test]
    fn a_workbook_without_inputs_still_has_its_info() {
        let xlsx = Xlsx::default();
        let bytes = super::super::Renderer::worksheet(
            &xlsx,
            &Worksheet {
                scorers: Vec::new(),
                warnings: vec![crate::model::Message::new("read.no_individual_scores")],
                with_issue: false,
                columns: Vec::new(),
                kept: Vec::new(),
                rows: Vec::new(),
            },
        )
        .unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
    }
}
