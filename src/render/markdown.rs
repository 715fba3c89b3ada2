//! Markdown tables, for reports and workshop handouts.

use super::Options;
use super::grid::{
    Grid, agreement_grid, agreement_groups_grid, agreement_legend, agreement_notes, detail_grid,
    evidence_grid, group_label, score_grid, score_legend, score_warnings,
};
use super::plan as plans;
use super::rubric;
use crate::domain::agreement::AgreementReport;
use crate::domain::plan::PlanReport;
use crate::domain::rubric_effect::RubricDiff;
use crate::domain::score::ScoreReport;
use crate::lang::Lang;
use crate::model::message::said;
use crate::rubric::{Entry, Rubric};
use std::fmt::Write as _;

/// Escapes the characters that would break a table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('\n', " ")
}

/// Writes a grid as a Markdown table.
fn draw(out: &mut String, grid: &Grid) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(&grid.header));
    let rule: Vec<&str> = grid
        .right
        .iter()
        .map(|r| if *r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &grid.rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

/// A bulleted list under a bold heading, or nothing.
fn list(out: &mut String, heading: &str, items: &[String]) {
    if !items.is_empty() {
        let _ = writeln!(out, "\n**{heading}**\n");
        for item in items {
            let _ = writeln!(out, "- {}", cell(item));
        }
    }
}

/// The warnings under a bold heading, or nothing.
fn warnings(out: &mut String, warnings: &[String], lang: Lang) {
    list(out, lang.text("markdown.warnings"), warnings);
}

/// The Markdown renderer: tables and headings for reports and handouts.
#[derive(Debug, Clone, Copy)]
pub struct Markdown {
    pub options: Options,
}

impl super::Renderer for Markdown {
    fn name(&self) -> &'static str {
        "Markdown"
    }
    fn score(&self, report: &ScoreReport) -> anyhow::Result<Vec<u8>> {
        Ok(score(report, &self.options).into_bytes())
    }
    fn agreement(&self, report: &AgreementReport) -> anyhow::Result<Vec<u8>> {
        Ok(agreement(report, &self.options).into_bytes())
    }
    fn plan(&self, report: &PlanReport) -> anyhow::Result<Vec<u8>> {
        Ok(plan(report, &self.options).into_bytes())
    }
    fn compare(&self, report: &crate::domain::rounds::CompareReport) -> anyhow::Result<Vec<u8>> {
        let lang = self.options.lang;
        let table = |g: &Grid| {
            let mut out = String::new();
            draw(&mut out, g);
            out.push('\n');
            out
        };
        let heading = |h: &str| format!("### {}\n\n", cell(h));
        let mut out = super::rounds::text(report, lang, &table, &heading, "- ", "  \n");
        let lines = super::grid::compare_warnings(report, lang, self.options.verbose);
        warnings(&mut out, &lines, lang);
        list(
            &mut out,
            lang.text("markdown.notes"),
            &said(&report.notes, lang),
        );
        Ok(out.into_bytes())
    }
    fn rubric_list(&self, entries: &[Entry]) -> anyhow::Result<String> {
        Ok(rubric_list(entries, &self.options))
    }
    fn rubric_show(&self, rubric: &Rubric) -> anyhow::Result<String> {
        Ok(rubric_show(rubric, &self.options))
    }
    fn rubric_diff(&self, diff: &RubricDiff) -> anyhow::Result<String> {
        Ok(rubric_diff(diff, &self.options))
    }
}

/// `readiness score` as Markdown.
fn score(report: &ScoreReport, options: &Options) -> String {
    let lang = options.lang;
    let mut out = String::new();
    draw(&mut out, &score_grid(report, lang));
    let legend = score_legend(report, lang).replace('\n', "  \n");
    let _ = writeln!(out, "\n{legend}");
    for r in report.results.iter().filter(|r| r.detail.is_some()) {
        let _ = writeln!(out, "\n### {}\n", cell(&group_label(r, lang)));
        let grid = detail_grid(report, r, "*", lang);
        draw(&mut out, &grid);
        if grid.rows.iter().flatten().any(|c| c.ends_with('*')) {
            let _ = writeln!(out, "\n{}", lang.text("markdown.mean_mark"));
        }
        if let Some(grid) = evidence_grid(r, lang) {
            let _ = writeln!(out, "\n{}\n", lang.text("markdown.evidence_heading"));
            draw(&mut out, &grid);
        }
    }
    let lines = score_warnings(report, lang, options.verbose);
    warnings(&mut out, &lines, lang);
    list(
        &mut out,
        lang.text("markdown.notes"),
        &said(&report.notes, lang),
    );
    out
}

/// `readiness agreement` as Markdown.
fn agreement(report: &AgreementReport, options: &Options) -> String {
    let lang = options.lang;
    let mut out = String::new();
    draw(&mut out, &agreement_grid(report, lang));
    let legend = agreement_legend(report, lang).replace('\n', "  \n");
    let _ = writeln!(out, "\n{legend}");
    if let Some(groups) = &report.groups {
        let _ = writeln!(out, "\n### {}\n", lang.text("markdown.per_municipality"));
        draw(&mut out, &agreement_groups_grid(groups, lang));
    }
    let not_computed = agreement_notes(report, lang);
    list(&mut out, lang.text("markdown.not_computed"), &not_computed);
    warnings(&mut out, &said(&report.warnings, lang), lang);
    list(
        &mut out,
        lang.text("markdown.notes"),
        &said(&report.notes, lang),
    );
    out
}

/// `readiness plan` as Markdown: a workshop handout, and per municipality the skeleton of the
/// implementation plan with headings to fill in.
fn plan(report: &PlanReport, options: &Options) -> String {
    let lang = options.lang;
    let mut out = format!(
        "# {}\n\n{}\n",
        lang.text("plan.title"),
        cell(&lang.fill("plan.intro", &[("rubric", &report.rubric)]))
    );
    for p in &report.plans {
        let _ = writeln!(out, "\n## {}\n", cell(&plans::heading(p, lang)));
        let _ = writeln!(out, "{}", cell(&plans::stage_line(p, lang)));
        if let Some(firm) = plans::firmness(p, lang) {
            let _ = writeln!(out, "\n{}", cell(&firm));
        }
        if let Some(since) = &p.since {
            let _ = writeln!(out, "\n{}", cell(&super::rounds::since_line(since, lang)));
        }
        if let Some(stage) = &p.stage {
            let _ = writeln!(
                out,
                "\n- **{}:** {}\n- **{}:** {}",
                lang.text("plan.meaning"),
                cell(&stage.meaning),
                lang.text("plan.goal"),
                cell(&stage.goal)
            );
        }
        let _ = writeln!(out, "\n### {}\n", lang.text("plan.dimensions_heading"));
        draw(&mut out, &plans::dimensions_grid(p, lang));
        if let Some(missing) = plans::missing_line(p, lang) {
            let _ = writeln!(out, "\n{}", cell(&missing));
        }
        let _ = writeln!(out, "\n### {}\n", lang.text("plan.focus_heading"));
        let _ = writeln!(out, "{}", cell(&plans::focus_line(p, lang)));
        for group in plans::by_stage(p) {
            let stage = &group[0].stage;
            let _ = writeln!(
                out,
                "\n#### {}\n\n**{}:** {}\n\n{}\n",
                cell(&plans::stage_heading(group, lang)),
                lang.text("plan.goal"),
                cell(&stage.goal),
                lang.fill("plan.strategies", &[("stage", &stage.level)])
            );
            for s in &group[0].strategies {
                let _ = writeln!(out, "- {}", cell(s));
            }
            for f in group.iter().filter(|f| !f.dimension_strategies.is_empty()) {
                let _ = writeln!(out, "\n{}\n", cell(&plans::for_dimension(f, lang)));
                for s in &f.dimension_strategies {
                    let _ = writeln!(out, "- {}", cell(s));
                }
            }
        }
        let _ = writeln!(out, "\n### {}", lang.text("plan.skeleton_heading"));
        for key in ["plan.actions", "plan.who", "plan.when", "plan.follow_up"] {
            let _ = writeln!(
                out,
                "\n#### {}\n\n{}",
                lang.text(key),
                lang.text("plan.fill_in")
            );
        }
    }
    warnings(&mut out, &report.warnings, lang);
    list(
        &mut out,
        lang.text("markdown.notes"),
        &said(&report.notes, lang),
    );
    out
}

/// `readiness rubric list` as Markdown.
fn rubric_list(entries: &[Entry], options: &Options) -> String {
    let mut out = String::new();
    draw(&mut out, &rubric::list_grid(entries, options.lang));
    out
}

/// `readiness rubric show` as Markdown: a workshop handout with the stages and each dimension's
/// anchored scale.
fn rubric_show(r: &Rubric, options: &Options) -> String {
    let lang = options.lang;
    let mut out = format!("# {}\n\n", cell(&rubric::title(r)));
    if !r.description.is_empty() {
        let _ = writeln!(out, "{}\n", cell(&r.description));
    }
    let _ = writeln!(
        out,
        "*{}*\n\n## {}\n",
        cell(&rubric::origin(r, lang)),
        lang.text("rubric.scoring")
    );
    draw(&mut out, &rubric::settings_grid(r, lang));
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        lang.text("rubric.stages_markdown"),
        lang.text("rubric.stage_rule")
    );
    draw(&mut out, &rubric::stages_grid(r, lang));
    let _ = writeln!(out, "\n## {}", lang.text("rubric.strategies_heading"));
    for (stage, items) in rubric::strategies(r, lang) {
        let _ = writeln!(out, "\n### {}\n", cell(&stage));
        for item in items {
            let _ = writeln!(out, "- {}", cell(&item));
        }
    }
    for d in &r.dimensions {
        let _ = writeln!(out, "\n## {} {}\n", cell(&d.id), cell(&d.name));
        if !d.question.is_empty() {
            let _ = writeln!(out, "{}\n", cell(&d.question));
        }
        draw(&mut out, &rubric::anchors_grid(d, lang));
    }
    out
}

/// `readiness rubric diff` as Markdown, e.g. for a comment on a pull request.
fn rubric_diff(diff: &RubricDiff, options: &Options) -> String {
    let lang = options.lang;
    let names = [("old", cell(&diff.old.name)), ("new", cell(&diff.new.name))];
    let sources = [
        ("old", cell(&diff.old.source)),
        ("new", cell(&diff.new.source)),
    ];
    let fill = |key: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
            .collect();
        lang.fill(key, &args)
    };
    let mut out = format!("## {}\n\n", fill("diff.markdown_title", &names));
    let _ = writeln!(out, "{}\n", fill("diff.markdown_from", &sources));
    if diff.changes.is_empty() {
        let _ = writeln!(out, "{}", lang.text("diff.no_changes"));
    } else {
        let count = lang.count("diff.changes", diff.changes.len(), &[]);
        let _ = writeln!(out, "{count}\n");
        draw(&mut out, &rubric::changes_grid(&diff.changes, lang));
    }
    if let Some(data) = &diff.data {
        let files = cell(&data.files.join(", "));
        let _ = writeln!(
            out,
            "\n### {}\n\n{}\n",
            lang.text("diff.markdown_scores"),
            fill("diff.markdown_data", &[("files", files)])
        );
        if data.changed().next().is_some() {
            draw(&mut out, &rubric::data_grid(data, lang));
            out.push('\n');
        }
        let _ = writeln!(out, "{}", rubric::data_summary(data, lang));
        warnings(&mut out, &rubric::data_warnings(data, lang), lang);
    }
    out
}
