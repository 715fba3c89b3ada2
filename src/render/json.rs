//! JSON output: the serialised typed result, pretty-printed. Field names are a stable API.

use serde::Serialize;

/// Any result as pretty JSON with a trailing newline.
pub fn render<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}
