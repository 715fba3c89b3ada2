//! Format-neutral grids for the rubric commands (`rubric list`, `show`, `diff`), drawn by the
//! table and Markdown renderers alike.

use super::fit::Wrap;
use super::grid::{Grid, GroupColumns, shown, stage_label};
use crate::domain::rubric_effect::{DataDiff, GroupDiff, Pair};
use crate::lang::Lang;
use crate::rubric::diff::{Change, ChangeKind};
use crate::rubric::{Dimension, Entry, Rubric};

/// The column headings of `keys`, in `lang`.
fn headings(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| lang.text(k).to_string()).collect()
}

/// `rubric list`: one row per rubric.
pub(crate) fn list_grid(entries: &[Entry], lang: Lang) -> Grid {
    let header = headings(
        lang,
        &[
            "rubric.name",
            "rubric.language",
            "rubric.dimensions",
            "rubric.description",
        ],
    );
    let mut grid = Grid::new(header, 0..0).wrapping([2, 3], Wrap::Words);
    for e in entries {
        let name = if e.default {
            lang.fill("rubric.default", &[("name", &e.name)])
        } else {
            e.name.clone()
        };
        grid.rows.push(vec![
            name,
            e.language.clone(),
            format!("{}: {}", e.dimensions.len(), e.dimensions.join(" ")),
            e.description.clone(),
        ]);
    }
    grid
}

/// `rubric show`: the scoring settings and what each means.
pub(crate) fn settings_grid(rubric: &Rubric, lang: Lang) -> Grid {
    let s = &rubric.scoring;
    let rows = [
        (
            "levels",
            s.levels.to_string(),
            lang.fill("rubric.levels", &[("levels", &s.levels)]),
        ),
        (
            "step",
            lang.number(&s.step.to_plain()),
            lang.text("rubric.step").into(),
        ),
        (
            "min_interviews",
            s.min_interviews.to_string(),
            lang.text("rubric.min_interviews").into(),
        ),
        (
            "max_gap",
            lang.number(&s.max_gap.to_plain()),
            lang.text("rubric.max_gap").into(),
        ),
        (
            "partial_credit",
            lang.number(&s.partial_credit.to_plain()),
            lang.text("rubric.partial_credit").into(),
        ),
    ];
    let header = headings(lang, &["rubric.setting", "rubric.value", "rubric.meaning"]);
    let mut grid = Grid::new(header, 1..2).wrapping([2], Wrap::Words);
    for (key, value, meaning) in rows {
        grid.rows.push(vec![key.to_string(), value, meaning]);
    }
    grid
}

/// `rubric show`: the stages with their meaning and goal.
pub(crate) fn stages_grid(rubric: &Rubric, lang: Lang) -> Grid {
    let header = headings(
        lang,
        &[
            "rubric.level",
            "rubric.stage",
            "rubric.meaning",
            "rubric.goal",
        ],
    );
    // A stage's name is the row's subject here, not a label in a cell of results: it may wrap
    // between words like the text beside it (`High level of community ownership` is 33 wide).
    let mut grid = Grid::new(header, 0..1).wrapping([1, 2, 3], Wrap::Words);
    for s in &rubric.stages {
        grid.rows.push(vec![
            s.level.to_string(),
            s.name.clone(),
            s.meaning.clone(),
            s.goal.clone(),
        ]);
    }
    grid
}

/// `rubric show`: each stage's strategies, as (heading, items) — the stage's own, then those for
/// one dimension (`F Resources: …`).
pub(crate) fn strategies(rubric: &Rubric, lang: Lang) -> Vec<(String, Vec<String>)> {
    rubric
        .stages
        .iter()
        .map(|s| {
            let mut items = s.strategies.clone();
            for (id, list) in &s.dimension_strategies {
                let name = rubric
                    .dimensions
                    .iter()
                    .find(|d| &d.id == id)
                    .map_or("", |d| d.name.as_str());
                let lead = lang.fill("rubric.for_dimension", &[("id", id), ("name", &name)]);
                items.extend(list.iter().map(|t| format!("{lead}: {t}")));
            }
            (format!("{} {}", s.level, s.name), items)
        })
        .collect()
}

/// `rubric show`: one dimension's anchored scale.
pub(crate) fn anchors_grid(dimension: &Dimension, lang: Lang) -> Grid {
    let header = headings(lang, &["rubric.level", "rubric.anchor", "rubric.statement"]);
    let mut grid = Grid::new(header, 0..1).wrapping([2], Wrap::Words);
    for a in &dimension.anchors {
        grid.rows
            .push(vec![a.level.to_string(), a.id.clone(), a.statement.clone()]);
    }
    grid
}

/// The line above a rubric: `crm6: Community Readiness Model, six dimensions`.
pub(crate) fn title(rubric: &Rubric) -> String {
    format!("{}: {}", rubric.name, rubric.title)
}

/// The line under the title: language and source.
pub(crate) fn origin(rubric: &Rubric, lang: Lang) -> String {
    lang.fill(
        "rubric.origin",
        &[("language", &rubric.language), ("source", &rubric.source)],
    )
}

/// `rubric diff`: one row per change of the rubric.
pub(crate) fn changes_grid(changes: &[Change], lang: Lang) -> Grid {
    let header = headings(lang, &["diff.path", "diff.change", "diff.old", "diff.new"]);
    let mut grid = Grid::new(header, 0..0).wrapping([2, 3], Wrap::Words);
    for c in changes {
        let kind = lang.text(match c.change {
            ChangeKind::Added => "diff.added",
            ChangeKind::Removed => "diff.removed",
            ChangeKind::Changed => "diff.changed",
        });
        grid.rows.push(vec![
            c.path.clone(),
            kind.into(),
            c.old.clone().unwrap_or_else(|| "–".into()),
            c.new.clone().unwrap_or_else(|| "–".into()),
        ]);
    }
    grid
}

/// `old → new`, or the value once when it did not change.
fn arrow(pair: &Pair<String>) -> String {
    if pair.old == pair.new {
        pair.old.clone()
    } else {
        format!("{} → {}", pair.old, pair.new)
    }
}

fn scores(pair: &Pair<Option<crate::model::number::Exact>>, lang: Lang) -> Pair<String> {
    Pair {
        old: shown(pair.old.as_ref(), lang),
        new: shown(pair.new.as_ref(), lang),
    }
}

/// `rubric diff --data`: one row per municipality whose scores or stage change.
pub(crate) fn data_grid(data: &DataDiff, lang: Lang) -> Grid {
    let changed: Vec<&GroupDiff> = data.changed().collect();
    let columns = GroupColumns::of(
        changed
            .iter()
            .map(|g| (g.key.round.as_deref(), g.key.issue.as_deref())),
    );
    let mut header = columns.header(lang);
    header.extend(headings(
        lang,
        &["diff.dimension_scores", "table.overall", "rubric.stage"],
    ));
    let dims = header.len() - 3;
    let mut grid = Grid::new(header, 0..0).wrapping([dims], Wrap::After(", "));
    for g in changed {
        let mut row = columns.cells(
            &g.key.municipality,
            g.key.round.as_deref(),
            g.key.issue.as_deref(),
        );
        let dims: Vec<String> = g
            .dimensions
            .0
            .iter()
            .filter(|(_, p)| p.differs())
            .map(|(id, p)| format!("{id} {}", arrow(&scores(p, lang))))
            .collect();
        row.push(dims.join(", "));
        row.push(arrow(&scores(&g.overall, lang)));
        row.push(arrow(&Pair {
            old: stage_label(g.stage.old, g.stage_name.old.as_deref()),
            new: stage_label(g.stage.new, g.stage_name.new.as_deref()),
        }));
        grid.rows.push(row);
    }
    grid
}

/// The summary under the data table.
pub(crate) fn data_summary(data: &DataDiff, lang: Lang) -> String {
    lang.count(
        "diff.summary",
        data.results.len(),
        &[
            ("stage", &data.stage_changes),
            ("scores", &data.score_changes),
            ("unchanged", &data.unchanged),
        ],
    )
}

/// Warnings that only one rubric gives on the data, labelled with the side.
pub(crate) fn data_warnings(data: &DataDiff, lang: Lang) -> Vec<String> {
    let side = |key: &str, w: &String| lang.fill(key, &[("warning", w)]);
    let old = data.warnings.old.iter().map(|w| side("diff.old_only", w));
    let new = data.warnings.new.iter().map(|w| side("diff.new_only", w));
    old.chain(new).collect()
}
