//! The subcommands, one module each: arguments and a `run` function that computes a typed
//! result and hands it to a renderer.

pub mod agreement;
pub mod compare;
pub mod consensus;
pub mod plan;
pub mod report;
pub mod score;

pub mod completions;
pub mod man;
pub mod rubric;

/// How a command that ran to the end turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0.
    Success,
    /// Exit status 1: ran fine, the answer is no (`--strict` found warnings, a check failed).
    No,
}
