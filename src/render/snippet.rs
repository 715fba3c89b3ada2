//! Problems pointed at in their source: the message, `file:line:column`, the line itself and a
//! caret under the value, rendered by annotate-snippets as compilers do.

use crate::rubric::RubricProblem;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::IsTerminal;

/// Colour only for a terminal, and only when `NO_COLOR` is unset and `TERM` is not `dumb`.
pub fn colour_stdout() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Every problem of one file, each with its snippet, separated by blank lines.
pub fn problems(src: &str, path: &str, problems: &[RubricProblem], colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for p in problems {
        let start = src.floor_char_boundary(p.span.start.min(src.len()));
        let end = src.ceil_char_boundary(p.span.end.clamp(start, src.len()));
        let report = &[Level::ERROR.primary_title(&p.message).element(
            Snippet::source(src)
                .path(path)
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        out.push_str(&renderer.render(report));
        out.push_str("\n\n");
    }
    out
}
