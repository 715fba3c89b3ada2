//! The command line, declared with clap derive: doc comments are the help text.

pub mod agreement;
pub mod compare;
pub mod completions;
pub mod consensus;
pub mod man;
pub mod plan;
pub mod report;
pub mod rubric;
pub mod score;

use crate::input::qda::Tool;
use crate::render;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// `--format`: the output formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned table for people, warnings below it.
    Table,
    /// CSV with a header row, for spreadsheets and scripts.
    Csv,
    /// JSON, a stable API for scripts.
    Json,
    /// Markdown table, for reports.
    Markdown,
    /// Excel workbook, one sheet per table (needs -o FILE.xlsx on a terminal).
    Xlsx,
}

/// `consensus --format`: the worksheet's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WorksheetFormat {
    /// CSV, in the dialect of --csv.
    Csv,
    /// Excel workbook: the worksheet first, to fill in and read back as it is.
    Xlsx,
}

/// `--csv`: the CSV dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvDialect {
    /// `,` between fields, decimal point, UTF-8, LF: for scripts.
    Plain,
    /// `;` between fields, decimal comma, UTF-8 with BOM, CRLF: for Swedish-locale Excel.
    ExcelSv,
}

impl From<CsvDialect> for render::csv::Dialect {
    fn from(d: CsvDialect) -> render::csv::Dialect {
        match d {
            CsvDialect::Plain => render::csv::Dialect::Plain,
            CsvDialect::ExcelSv => render::csv::Dialect::ExcelSv,
        }
    }
}

/// The format asked for, with the CSV dialect: `--csv` with another format than CSV is an error
/// rather than ignored.
fn format_with_dialect(
    format: render::Format,
    csv: Option<CsvDialect>,
) -> anyhow::Result<render::Format> {
    match (format, csv) {
        (render::Format::Csv(_), Some(d)) => Ok(render::Format::Csv(d.into())),
        (_, None) => Ok(format),
        (other, Some(_)) => anyhow::bail!(
            "`--csv` is a CSV dialect, but the format is {}; give `--format csv` or leave out `--csv`",
            other.renderer(render::Options::default()).name()
        ),
    }
}

impl From<Format> for render::Format {
    fn from(f: Format) -> render::Format {
        match f {
            Format::Table => render::Format::Table,
            Format::Csv => render::Format::Csv(render::csv::Dialect::Plain),
            Format::Json => render::Format::Json,
            Format::Markdown => render::Format::Markdown,
            Format::Xlsx => render::Format::Xlsx,
        }
    }
}

impl From<WorksheetFormat> for render::Format {
    fn from(f: WorksheetFormat) -> render::Format {
        match f {
            WorksheetFormat::Csv => render::Format::Csv(render::csv::Dialect::Plain),
            WorksheetFormat::Xlsx => render::Format::Xlsx,
        }
    }
}

/// Output formats of `rubric list`, `show` and `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RubricFormat {
    /// Text and aligned tables, for people.
    Table,
    /// Markdown: a workshop handout (`show`) or a pull-request comment (`diff`).
    Markdown,
    /// JSON, a stable API for scripts.
    Json,
}

impl From<RubricFormat> for render::Format {
    fn from(f: RubricFormat) -> render::Format {
        match f {
            RubricFormat::Table => render::Format::Table,
            RubricFormat::Markdown => render::Format::Markdown,
            RubricFormat::Json => render::Format::Json,
        }
    }
}

/// `--from`: the QDA tools whose exports the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromTool {
    /// MAXQDA "Coded Segments" export (English or German headers).
    Maxqda,
    /// ATLAS.ti Quotation Manager export.
    Atlasti,
    /// QualCoder 3.6+ coding report (one row per coding).
    Qualcoder,
    /// Taguette highlights export (no coder column: one coder per file, named with --coder).
    Taguette,
    /// Dedoose excerpts export.
    Dedoose,
}

impl From<FromTool> for Tool {
    fn from(t: FromTool) -> Tool {
        match t {
            FromTool::Maxqda => Tool::Maxqda,
            FromTool::Atlasti => Tool::Atlasti,
            FromTool::Qualcoder => Tool::Qualcoder,
            FromTool::Taguette => Tool::Taguette,
            FromTool::Dedoose => Tool::Dedoose,
        }
    }
}

/// `agreement --by`: how to split the statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// One block per municipality (and round, issue, when the input names them).
    Municipality,
}

pub const AFTER_HELP: &str = "\
Examples:
  readiness score data/ostergotland-scores.csv
  readiness score --rubric crm6-sv --format json scores.csv > scores.json
  readiness agreement --by municipality scores.csv
  readiness consensus scores.csv -o worksheet.csv   # for the consensus meeting
  readiness score scores.csv worksheet.csv          # after it, with its decisions
  readiness plan -f markdown -m Kinda scores.csv    # the workshop handout and plan skeleton
  readiness score --interviews intervjuer.csv segments.csv   # coded transcripts
  readiness compare --round a.csv=2023 --round b.csv=2025 a.csv b.csv   # follow-up rounds
  readiness report scores.csv -o report.html        # the workshop report, one HTML file
  readiness rubric init --from crm6-sv > my-rubric.toml
  readiness rubric diff crm6-sv my-rubric.toml --data scores.csv
  readiness help score                              # each command's options and examples

Exit status:
  0  success
  1  ran fine, but the answer is no: --strict found warnings, `rubric check` found an invalid
     rubric, `rubric diff --data` found a municipality whose stage changes, `compare
     --fail-on down` found a municipality that clearly went down
  2  error: bad input, unreadable file, invalid rubric, usage, or a refused -o file";

/// Score Community Readiness Model interviews: from scoring sheets to each municipality's stage
/// on the change ladder (förändringstrappan).
#[derive(Debug, Parser)]
#[command(name = "readiness", version, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language for people: tables, Markdown, warnings (JSON and CSV keep English keys)
    /// [default: the rubric's language]
    #[arg(
        long,
        global = true,
        env = "READINESS_LANG",
        value_enum,
        value_name = "LANG"
    )]
    pub lang: Option<Lang>,
}

/// `--lang`: the languages readiness speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Sv,
}

impl From<Lang> for crate::lang::Lang {
    fn from(l: Lang) -> crate::lang::Lang {
        match l {
            Lang::En => crate::lang::Lang::En,
            Lang::Sv => crate::lang::Lang::Sv,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score interviews: each municipality's dimension scores, overall score and stage.
    #[command(after_help = score::AFTER_HELP)]
    Score(score::ScoreArgs),
    /// Scorer agreement per dimension and pooled: exact, within one level, kappa, alpha, ICC.
    #[command(after_help = agreement::AFTER_HELP)]
    Agreement(agreement::AgreementArgs),
    /// The worksheet for the consensus meeting: each scorer's score, the gap, the consensus.
    #[command(after_help = consensus::AFTER_HELP)]
    Consensus(consensus::ConsensusArgs),
    /// From stage to plan: the weakest dimensions and the strategies that fit their stage.
    #[command(after_help = plan::AFTER_HELP)]
    Plan(plan::PlanArgs),
    /// Compare rounds: each municipality's change per dimension and overall, how sure it is
    /// (a Welch t-interval), the stages before and after, and the county's change.
    #[command(after_help = compare::AFTER_HELP)]
    Compare(compare::CompareArgs),
    /// The workshop report: one self-contained HTML file with the county's ladder and a page per
    /// municipality (stage, dimensions, change, plan, data quality).
    #[command(after_help = report::AFTER_HELP)]
    Report(report::ReportArgs),

    /// Work with rubrics: list, show, check, init, and diff what a change does to the stages.
    #[command(after_help = rubric::AFTER_HELP)]
    Rubric(rubric::RubricArgs),

    /// Print a shell completion script.
    #[command(after_help = completions::AFTER_HELP)]
    Completions(completions::CompletionsArgs),

    /// Print a man page (roff): readiness(1), or a command's such as readiness-rubric-diff(1).
    #[command(after_help = man::AFTER_HELP)]
    Man(man::ManArgs),
}

/// Options shared by every command that reads score files.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Score files or coded exports (CSV, xlsx, ods) or REFI-QDA projects (.qdpx); `-` reads
    /// standard input.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<String>,

    /// Rubric: an embedded name (crm6, crm6-sv, crm5) or a path to a rubric TOML file.
    #[arg(long, short, default_value = crate::rubric::DEFAULT, env = "READINESS_RUBRIC", value_name = "NAME|PATH")]
    pub rubric: String,

    /// How to read the files.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `--municipality NAME`: only these municipalities (`plan`, `score`).
#[derive(Debug, Clone, Args)]
pub struct MunicipalityArgs {
    /// Only this municipality (repeatable); matched ignoring case and spacing. A name not in the
    /// input is an error.
    #[arg(long = "municipality", short = 'm', value_name = "NAME")]
    pub municipalities: Vec<String>,
}

/// How score files are read: shared by the commands that read them and by `rubric diff --data`.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Field delimiter of the input; sniffed from the header when not given (`,` `;` or tab).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter, help_heading = "Input")]
    pub delimiter: Option<u8>,

    /// Read coded segments exported by this QDA tool (recognised from the header when not given).
    #[arg(long, value_enum, value_name = "TOOL", help_heading = "Input")]
    pub from: Option<FromTool>,

    /// Interview register (`interview, municipality`, optional `round, role, date`) for coded
    /// exports that name only the transcript.
    #[arg(long, value_name = "FILE", help_heading = "Input")]
    pub interviews: Option<String>,

    /// The coder of a coded export without a coder column (Taguette): FILE's segments are
    /// NAME's. Repeat it for each coder's file; FILE as given among the inputs.
    #[arg(long = "coder", value_name = "FILE=NAME", value_parser = parse_coder, help_heading = "Input")]
    pub coders: Vec<(String, String)>,

    /// The round of a file without a round column: FILE's interviews are round ROUND (`2025`,
    /// `omgång 2`). Repeat it for each file; FILE as given among the inputs.
    #[arg(long = "round", value_name = "FILE=ROUND", value_parser = parse_round, help_heading = "Input")]
    pub rounds: Vec<(String, String)>,

    /// Worksheet to read from spreadsheet inputs (.xlsx, .xls, .ods); the first when not given.
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub sheet: Option<String>,

    /// Say on standard error how each input was read: encoding, delimiter, layout, and how many
    /// rows were read, used, blank and rejected.
    #[arg(long, short, help_heading = "Input")]
    pub verbose: bool,
}

/// Output options shared by the commands that print results.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table,
          default_value_if("csv", clap::builder::ArgPredicate::IsPresent, "csv"),
          help_heading = "Output")]
    pub format: Format,

    #[command(flatten)]
    pub csv: CsvArgs,

    #[command(flatten)]
    pub file: OutputFileArgs,
}

/// `--csv DIALECT`, beside `--format csv`.
#[derive(Debug, Clone, Args)]
pub struct CsvArgs {
    /// CSV dialect (`plain` when not given); given without --format, the format is csv.
    #[arg(long, value_enum, value_name = "DIALECT", help_heading = "Output")]
    pub csv: Option<CsvDialect>,
}

impl OutputArgs {
    /// The format and where the result goes, checked before any work is done: the `-o` rules,
    /// `--csv` only with CSV, and a binary format (xlsx) not to a terminal.
    pub fn checked(
        &self,
        inputs: &[String],
    ) -> anyhow::Result<(render::Format, crate::output::Destination)> {
        let format = format_with_dialect(self.format.into(), self.csv.csv)?;
        Ok((format, self.file.destination_for(format, inputs)?))
    }
}

/// `-o FILE` and `--force`: the one rule of every command that writes a result to a file.
#[derive(Debug, Clone, Args)]
pub struct OutputFileArgs {
    /// Write to FILE instead of standard output: atomically (a temporary file, then renamed), never
    /// over one of the inputs, and never over an existing file without --force. `-` is standard
    /// output.
    #[arg(long = "output", short, value_name = "FILE", help_heading = "Output")]
    pub output: Option<std::path::PathBuf>,

    /// Replace the -o FILE if it already exists (what it holds is lost). An input is never
    /// replaced.
    #[arg(long, requires = "output", help_heading = "Output")]
    pub force: bool,
}

impl OutputFileArgs {
    /// Where the result goes, checked against the inputs before any work is done.
    pub fn destination(&self, inputs: &[String]) -> anyhow::Result<crate::output::Destination> {
        Ok(crate::output::Destination::checked(
            self.output.as_deref(),
            inputs,
            self.force,
        )?)
    }

    /// [`OutputFileArgs::destination`] for `format`, which when binary needs a file on a
    /// terminal.
    pub fn destination_for(
        &self,
        format: render::Format,
        inputs: &[String],
    ) -> anyhow::Result<crate::output::Destination> {
        use std::io::IsTerminal;
        let destination = self.destination(inputs)?;
        destination.refuse_binary_on_terminal(
            format.binary_extension(),
            std::io::stdout().is_terminal(),
        )?;
        Ok(destination)
    }
}

/// `consensus --format` and `--csv`: the worksheet's format.
#[derive(Debug, Clone, Args)]
pub struct WorksheetFormatArgs {
    /// Worksheet format.
    #[arg(long, short, value_enum, default_value_t = WorksheetFormat::Csv, help_heading = "Output")]
    pub format: WorksheetFormat,

    #[command(flatten)]
    pub csv: CsvArgs,
}

impl WorksheetFormatArgs {
    /// The format, `--csv` only with CSV.
    pub fn format(&self) -> anyhow::Result<render::Format> {
        format_with_dialect(self.format.into(), self.csv.csv)
    }
}

/// The width tables for people are fitted to: `COLUMNS`, else the terminal's, else none
/// ([`render::fit::width_for`]).
pub fn table_width() -> Option<u16> {
    render::fit::width_for(
        std::env::var("COLUMNS").ok().as_deref(),
        render::fit::terminal_width(),
    )
}

impl ReadArgs {
    /// With `--verbose`: one line per input on standard error.
    pub fn report_reading(&self, files: &[crate::input::FileReport], lang: crate::lang::Lang) {
        if self.verbose {
            for f in files {
                eprintln!("{}", f.summary(lang));
                for line in f.project_lines(lang) {
                    eprintln!("{line}");
                }
            }
        }
    }

    /// How results are written for people in `lang`: every warning listed with `--verbose`.
    pub fn render_options(&self, lang: crate::lang::Lang) -> render::Options {
        render::Options {
            lang,
            verbose: self.verbose,
            width: table_width(),
        }
    }

    /// The reading options these arguments ask for.
    pub fn read_options(&self) -> crate::input::ReadOptions {
        crate::input::ReadOptions {
            verbose: self.verbose,
            delimiter: self.delimiter,
            from: self.from.map(Tool::from),
            register: self.interviews.clone(),
            sheet: self.sheet.clone(),
            coders: self.coders.clone(),
            rounds: self.rounds.clone(),
            ..Default::default()
        }
    }
}

impl InputArgs {
    /// With `--verbose`: one line per input on standard error.
    pub fn report_reading(&self, files: &[crate::input::FileReport], lang: crate::lang::Lang) {
        self.read.report_reading(files, lang);
    }

    /// The reading options these arguments ask for.
    pub fn read_options(&self) -> crate::input::ReadOptions {
        self.read.read_options()
    }

    /// Refuses what clap cannot: standard input named twice.
    pub fn validate(&self) -> anyhow::Result<()> {
        let stdin = self
            .files
            .iter()
            .chain(&self.read.interviews)
            .filter(|f| *f == "-");
        if stdin.count() > 1 {
            anyhow::bail!("standard input (`-`) can be given only once");
        }
        Ok(())
    }
}

/// `FILE=NAME`, split at the last `=` (a file name may have one, a coder's name not).
fn parse_coder(s: &str) -> Result<(String, String), String> {
    parse_file_value(s, "FILE=NAME (e.g. `taguette-anna.csv=Anna`)")
}

/// `FILE=ROUND`, split at the last `=`.
fn parse_round(s: &str) -> Result<(String, String), String> {
    parse_file_value(s, "FILE=ROUND (e.g. `after.csv=2025`)")
}

fn parse_file_value(s: &str, shape: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((file, value)) if !file.is_empty() && !crate::text::trim(value).is_empty() => {
            let value = crate::text::trim(value);
            if value.chars().count() > crate::input::MAX_KEY_CHARS {
                return Err(format!(
                    "`{file}=…`: more than {} characters is not a name",
                    crate::input::MAX_KEY_CHARS
                ));
            }
            Ok((file.to_string(), value.to_string()))
        }
        _ => Err(format!("`{s}` is not {shape}")),
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!("`{s}` is not a single ASCII character (or `tab`)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn delimiters() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert!(parse_delimiter("ab").is_err());
    }

    #[test]
    fn coders_split_at_the_last_equals_sign() {
        let pair = |f: &str, n: &str| Ok((f.to_string(), n.to_string()));
        assert_eq!(parse_coder("a.csv=Anna"), pair("a.csv", "Anna"));
        assert_eq!(parse_coder("x=y.csv= Erik "), pair("x=y.csv", "Erik"));
        assert!(parse_coder("a.csv").is_err());
        assert!(parse_coder("a.csv=").is_err());
        assert!(parse_coder("=Anna").is_err());
    }
}
