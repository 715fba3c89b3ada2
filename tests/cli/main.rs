//! CLI tests: the real binary on data/ and on small fixtures, with reviewed snapshots of stdout,
//! stderr and exit status. One test binary (modules below) for fast linking.

mod agreement;
mod architecture;
mod coded;
mod compare;
mod consensus;
mod excel;
mod input;
mod nothing_lost;
mod plan;
mod properties;
mod qdpx;
mod report;
mod score;
mod swedish;
mod width;

mod completions;
mod rubric;

use assert_cmd::Command;
use std::path::Path;

/// The repository root: commands run there so paths in messages are short and stable.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What a run produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Exit status, stdout and stderr in one text, for snapshots.
    pub fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `readiness` with `args` in the repository root, with `stdin` if given.
pub fn readiness(args: &[&str], stdin: Option<&[u8]>) -> Run {
    readiness_in(root(), args, stdin)
}

/// Runs `readiness` with `args` in `dir` (a temporary directory, for tests that write files).
pub fn readiness_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    readiness_with(dir, Some("200"), args, stdin)
}

/// Runs `readiness` with `args` in the repository root, tables fitted to `columns` (`COLUMNS`).
pub fn readiness_at(columns: u16, args: &[&str]) -> Run {
    readiness_with(root(), Some(&columns.to_string()), args, None)
}

/// Runs `readiness` with `args` in `dir`, `COLUMNS` set to `columns` or unset.
pub fn readiness_with(
    dir: &Path,
    columns: Option<&str>,
    args: &[&str],
    stdin: Option<&[u8]>,
) -> Run {
    let mut cmd = Command::cargo_bin("readiness").expect("binary built");
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("READINESS_RUBRIC")
        .env_remove("READINESS_LANG");
    match columns {
        Some(c) => cmd.env("COLUMNS", c),
        None => cmd.env_remove("COLUMNS"),
    };
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}
