//! Writing a result to the file given with `-o`: never over an input, never half-written.
//!
//! The checks come before any work, so a refused run costs nothing: the output must not be one
//! of the input files (compared as canonical paths, and on Unix also as device and inode, so a
//! link or another spelling of the same file is caught), and must not be a directory. An existing
//! file is replaced only when the caller allows it.
//!
//! The text is written to a temporary file in the same directory, flushed to disk, then renamed
//! over the target in one step: a reader sees the old file or the new one, and an interrupted
//! run leaves no partial output (the temporary file is removed when dropped).
//!
//! The same rules hold for text and for bytes (an xlsx workbook); a binary format is refused on a
//! terminal, where it would only garble the screen.

use crate::lang::Lang;
use crate::model::Message;
use anyhow::Context;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a command's result goes: standard output, or a file that [`Destination::checked`]
/// allowed. Every command that writes `-o` goes through it, so the rule is the same everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// The destination `-o` names (`None` or `-`: standard output), refused before any work when
    /// it is one of `inputs`, a directory, or an existing file without `force`.
    pub fn checked(
        output: Option<&Path>,
        inputs: &[String],
        force: bool,
    ) -> Result<Destination, OutputError> {
        match file(output) {
            None => Ok(Destination::Stdout),
            Some(path) => {
                check(path, inputs, force)?;
                Ok(Destination::File(path.to_path_buf()))
            }
        }
    }

    /// Refuses a binary format (xlsx) to standard output when that is a terminal: it needs `-o`.
    /// Checked before any work, like the file rules.
    pub fn refuse_binary_on_terminal(
        &self,
        binary: Option<&str>,
        terminal: bool,
    ) -> Result<(), OutputError> {
        match (self, binary) {
            (Destination::Stdout, Some(extension)) if terminal => {
                Err(OutputError::BinaryOnTerminal {
                    extension: extension.to_string(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Whether the result goes to a file (then the terminal still needs the warnings).
    pub fn is_file(&self) -> bool {
        matches!(self, Destination::File(_))
    }

    /// Writes `text`: atomically to the file, or to `out`.
    pub fn write(&self, text: &[u8], out: &mut dyn Write) -> anyhow::Result<()> {
        match self {
            Destination::File(path) => write_atomically(path, text),
            Destination::Stdout => out.write_all(text).context("could not write the output"),
        }
    }
}

/// Writes a rendered report to its destination — the one rule of every command that writes
/// reports: when the output does not show the warnings and notes to a person (CSV), or goes to a
/// file, they also go to standard error.
pub fn report(
    destination: &Destination,
    renderer: &dyn crate::render::Renderer,
    rendered: &[u8],
    warnings: impl IntoIterator<Item = impl std::fmt::Display>,
    notes: &[Message],
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if !renderer.shows_warnings() || destination.is_file() {
        to_stderr(warnings, notes, lang);
    }
    destination.write(rendered, out)
}

/// Prints warnings and notes on standard error, one a line: for output that does not carry them
/// to a person (CSV), and for any output written to a file.
fn to_stderr(
    warnings: impl IntoIterator<Item = impl std::fmt::Display>,
    notes: &[Message],
    lang: Lang,
) {
    // Buffered: a round before its consensus meeting has tens of thousands of warnings.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let (warning, note) = (lang.text("stderr.warning"), lang.text("stderr.note"));
    for w in warnings {
        let _ = writeln!(err, "{warning}: {w}");
    }
    for n in notes {
        let _ = writeln!(err, "{note}: {}", n.text(lang));
    }
    let _ = err.flush();
}

/// The file that `-o` names, or `None` for standard output: no `-o`, or `-o -` (as `-` means
/// standard input among the inputs).
pub fn file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| *path != Path::new("-"))
}

/// Why an output file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OutputError {
    #[error(
        "refusing to write `{output}`: it is the input file `{input}`; give another name with `-o`"
    )]
    IsInput { output: String, input: String },
    #[error("`{output}` already exists; give `--force` to replace it")]
    Exists { output: String },
    #[error("`{output}` is a directory; give a file name with `-o`")]
    IsDirectory { output: String },
    #[error(
        "the {extension} format is a binary file, not for a terminal; give `-o FILE.{extension}`"
    )]
    BinaryOnTerminal { extension: String },
}

/// Checks that `output` may be written: not one of `inputs` (`-` is standard input and is
/// skipped), not a directory, and not an existing file unless `replace`.
pub fn check(output: &Path, inputs: &[String], replace: bool) -> Result<(), OutputError> {
    let name = output.display().to_string();
    for input in inputs.iter().filter(|i| *i != "-") {
        if same_file(output, Path::new(input)) {
            return Err(OutputError::IsInput {
                output: name,
                input: input.clone(),
            });
        }
    }
    if output.is_dir() {
        return Err(OutputError::IsDirectory { output: name });
    }
    if output.exists() && !replace {
        return Err(OutputError::Exists { output: name });
    }
    Ok(())
}

/// Whether two paths name the same existing file (also through a link or another spelling of
/// the path), by the `same-file` crate: device and inode on Unix, the file index on Windows.
fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

/// Writes `contents` to `path` atomically: a temporary file beside it, synced, then renamed.
/// A replaced file keeps its permissions; a new one gets the usual ones (umask applied).
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".readiness-").suffix(".tmp");
    let permissions = match fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    let name = path.display();
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("could not create a file in `{}`", dir.display()))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("could not write `{name}`"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("could not write `{name}`"))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_dash_is_standard_output() {
        assert_eq!(file(None), None);
        assert_eq!(file(Some(Path::new("-"))), None);
        assert_eq!(file(Some(Path::new("./-"))), Some(Path::new("./-")));
        assert_eq!(file(Some(Path::new("w.csv"))), Some(Path::new("w.csv")));
    }

    #[test]
    fn an_input_is_refused_under_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("scores.csv");
        fs::write(&input, "x").unwrap();
        let inputs = [input.display().to_string()];
        let err = check(&input, &inputs, true).unwrap_err();
        assert!(matches!(err, OutputError::IsInput { .. }), "{err}");
        let dotted = dir.path().join(".").join("scores.csv");
        assert!(check(&dotted, &inputs, true).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(check(&link, &inputs, true).is_err(), "symbolic link");
            let hard = dir.path().join("hard.csv");
            fs::hard_link(&input, &hard).unwrap();
            assert!(check(&hard, &inputs, true).is_err(), "hard link");
        }
        // Standard input is never a file to compare with.
        let other = dir.path().join("new.csv");
        assert_eq!(check(&other, &["-".to_string()], false), Ok(()));
    }

    #[test]
    fn an_existing_file_needs_permission_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("worksheet.csv");
        fs::write(&old, "filled in by hand").unwrap();
        let err = check(&old, &[], false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "`{}` already exists; give `--force` to replace it",
                old.display()
            )
        );
        assert_eq!(check(&old, &[], true), Ok(()));
        assert!(matches!(
            check(dir.path(), &[], true),
            Err(OutputError::IsDirectory { .. })
        ));
    }

    #[test]
    fn a_binary_format_needs_a_file_on_a_terminal_only() {
        let stdout = Destination::Stdout;
        let err = stdout
            .refuse_binary_on_terminal(Some("xlsx"), true)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the xlsx format is a binary file, not for a terminal; give `-o FILE.xlsx`"
        );
        assert_eq!(
            stdout.refuse_binary_on_terminal(Some("xlsx"), false),
            Ok(())
        );
        assert_eq!(stdout.refuse_binary_on_terminal(None, true), Ok(()));
        let file = Destination::File(PathBuf::from("out.xlsx"));
        assert_eq!(file.refuse_binary_on_terminal(Some("xlsx"), true), Ok(()));
    }

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomically(&path, "Ödeshög,5\n".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "Ödeshög,5\n");
        write_atomically(&path, b"replaced\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "replaced\n");
        assert_eq!(names(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("out.csv");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert!(
            format!("{err:#}").contains("could not create a file in"),
            "{err:#}"
        );
        assert!(names(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
