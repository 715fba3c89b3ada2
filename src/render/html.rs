//! The workshop report as one self-contained HTML file: CSS and SVG inline, no script, no font,
//! image or style fetched from anywhere, so it opens from a USB stick without a network and
//! prints one municipality per A4 page.
//!
//! The page is written by [MiniJinja](https://docs.rs/minijinja) templates (`templates/`,
//! embedded in the binary) from the typed view of [`super::report`]. MiniJinja because it
//! auto-escapes every value in a `.html` template (a municipality named `<Kinda & Ydre>` is shown,
//! never interpreted), reports an undefined value as an error instead of printing nothing, has no
//! proc-macro to compile (askama's templates are compiled into Rust, which costs build time on
//! every change of a template) and a small dependency tree (serde only). No markup is built in
//! Rust: the charts' geometry comes from [`super::svg`] and the templates write the elements.

use super::report::view;
use super::{Options, Renderer};
use crate::domain::agreement::AgreementReport;
use crate::domain::report::Workshop;
use crate::domain::score::ScoreReport;
use minijinja::{Environment, UndefinedBehavior};
use std::sync::LazyLock;

/// The templates, parsed once.
static TEMPLATES: LazyLock<Result<Environment<'static>, minijinja::Error>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_template("report.css", include_str!("../../templates/report.css"))?;
    env.add_template("charts.html", include_str!("../../templates/charts.html"))?;
    env.add_template("report.html", include_str!("../../templates/report.html"))?;
    Ok(env)
});

/// The HTML format: only the workshop report has a form in it.
#[derive(Debug, Clone, Copy)]
pub struct Html {
    pub options: Options,
}

impl Renderer for Html {
    fn name(&self) -> &'static str {
        "HTML"
    }

    fn score(&self, _report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        super::unsupported(
            self.name(),
            "the scores alone (it writes `readiness report`)",
        )
    }

    fn agreement(&self, _report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        super::unsupported(
            self.name(),
            "the agreement alone (it writes `readiness report`)",
        )
    }

    fn report(&self, workshop: &Workshop) -> anyhow::Result<Vec<u8>> {
        let env = TEMPLATES
            .as_ref()
            .map_err(|e| anyhow::anyhow!("the report's templates do not parse: {e:#}"))?;
        let view = view(workshop, self.options.lang, self.options.verbose);
        let html = env
            .get_template("report.html")?
            .render(minijinja::context! { r => minijinja::value::Serde(view) })
            .map_err(|e| anyhow::anyhow!("could not write the report: {e:#}"))?;
        Ok(html.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `r.t.KEY` of the templates is a text of the catalogue's `report` section (the
    /// catalogue's own test holds Swedish to the same keys), and the templates parse.
    #[test]
    fn every_word_a_template_reads_is_in_the_catalogue() {
        assert!(TEMPLATES.is_ok(), "{:?}", TEMPLATES.as_ref().err());
        let words = crate::lang::Lang::En.section("report");
        let mut asked = 0;
        for source in [
            include_str!("../../templates/report.html"),
            include_str!("../../templates/charts.html"),
        ] {
            for piece in source.split("r.t.").skip(1) {
                let key: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                asked += 1;
                assert!(
                    words.contains_key(&key),
                    "`report.{key}` is not in the catalogue"
                );
            }
        }
        assert!(asked > 20, "only {asked} words found in the templates");
    }
}
