//! `readiness rubric init`: an embedded rubric as a TOML file to edit.
//!
//! The output is the embedded rubric's own source, byte for byte, under a short header. Its
//! comments already explain every key, so generating the file from the parsed rubric would only
//! lose them; and a copy that is the embedded source keeps a user's edits visible later with
//! `rubric diff crm6 my-rubric.toml` or a plain `diff` against a new `init`.

use crate::cli::rubric::init::InitArgs;
use crate::cmd::Outcome;
use crate::rubric::EMBEDDED;
use std::io::Write;

/// The file `init --from name` prints, or `None` for a name that is not embedded.
pub fn source(name: &str) -> Option<String> {
    let (name, src) = EMBEDDED.iter().find(|(n, _)| *n == name)?;
    let header = format!(
        "\
# Made by `readiness rubric init --from {name}`: the embedded rubric `{name}`, to edit.
# Until you change it, it scores exactly as `--rubric {name}` does. Give it a `name` of its own,
# edit statements, stage names or settings, and check what the edits do before using it:
#   readiness rubric check THIS-FILE.toml
#   readiness rubric diff {name} THIS-FILE.toml --data YOUR-SCORES.csv
#   readiness score --rubric THIS-FILE.toml YOUR-SCORES.csv
#
"
    );
    Some(header + src)
}

pub fn run(args: &InitArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let Some(text) = source(&args.from) else {
        let names: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
        let hint = crate::text::did_you_mean(&args.from, names.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        anyhow::bail!(
            "`{}` is not an embedded rubric: `init --from` takes one of {}{hint}",
            args.from,
            names.join(", ")
        );
    };
    crate::output::Destination::Stdout.write(text.as_bytes(), out)?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Rubric;

    #[test]
    fn every_init_parses_to_the_embedded_rubric() {
        for (name, _) in EMBEDDED {
            let text = source(name).unwrap();
            let copy = Rubric::parse(&text, "copy.toml").unwrap();
            let original = Rubric::load(name).unwrap();
            assert_eq!(crate::rubric::diff::changes(&original, &copy), []);
            assert!(text.starts_with("# Made by `readiness rubric init"));
        }
        assert!(source("crm7").is_none());
    }
}
