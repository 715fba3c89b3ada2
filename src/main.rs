//! The `readiness` binary: parses the command line and hands it to the library.
//! Everything else lives in the `readiness` library crate so tests and benches call it in-process.

use std::process::ExitCode;

fn main() -> ExitCode {
    readiness::main()
}
