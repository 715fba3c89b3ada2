//! What changed between two rubrics: metadata, scoring settings, dimensions, anchors and stages.
//!
//! Dimensions are matched by id, anchors by dimension id and level, stages by level — the same
//! keys by which score files and coded transcripts are read, so a change listed here is a change
//! in how the same data is read and scored. (A five-dimension rubric's `A` is thus compared with
//! a six-dimension rubric's `A`, whatever their names: that is what the data's column `A` means
//! under each.)

use super::{Dimension, Rubric};
use serde::Serialize;

/// One difference between two rubrics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Where, in the rubric's own terms: `scoring.step`, `dimensions.A.name`,
    /// `dimensions.A.anchors.4.statement`, `stages.4.name`, `dimensions.F`.
    pub path: String,
    pub change: ChangeKind,
    /// The value in the old rubric (`None` when added).
    pub old: Option<String>,
    /// The value in the new rubric (`None` when removed).
    pub new: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// Every difference from `old` to `new`, in rubric order: metadata, scoring, dimensions (with
/// their anchors), stages.
pub fn changes(old: &Rubric, new: &Rubric) -> Vec<Change> {
    let (s, t) = (&old.scoring, &new.scoring);
    let values = [
        ("name", old.name.clone(), new.name.clone()),
        ("title", old.title.clone(), new.title.clone()),
        ("language", old.language.clone(), new.language.clone()),
        (
            "description",
            old.description.clone(),
            new.description.clone(),
        ),
        ("scoring.levels", s.levels.to_string(), t.levels.to_string()),
        ("scoring.step", s.step.to_plain(), t.step.to_plain()),
        (
            "scoring.min_interviews",
            s.min_interviews.to_string(),
            t.min_interviews.to_string(),
        ),
        (
            "scoring.max_gap",
            s.max_gap.to_plain(),
            t.max_gap.to_plain(),
        ),
        (
            "scoring.partial_credit",
            s.partial_credit.to_plain(),
            t.partial_credit.to_plain(),
        ),
    ];
    let mut out: Vec<Change> = values
        .iter()
        .filter(|(_, a, b)| a != b)
        .map(|(path, a, b)| changed(path.to_string(), a, b))
        .collect();

    for d in &old.dimensions {
        match new.dimensions.iter().find(|n| n.id == d.id) {
            Some(n) => dimension(d, n, &mut out),
            None => out.push(presence(
                format!("dimensions.{}", d.id),
                Some(label(d)),
                None,
            )),
        }
    }
    for n in &new.dimensions {
        if !old.dimensions.iter().any(|d| d.id == n.id) {
            out.push(presence(
                format!("dimensions.{}", n.id),
                None,
                Some(label(n)),
            ));
        }
    }

    let levels = old.stages.iter().chain(&new.stages).map(|s| s.level);
    let mut levels: Vec<u32> = levels.collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        let a = old.stages.iter().find(|s| s.level == level);
        let b = new.stages.iter().find(|s| s.level == level);
        match (a, b) {
            (Some(a), Some(b)) => {
                for (field, x, y) in [
                    ("name", &a.name, &b.name),
                    ("meaning", &a.meaning, &b.meaning),
                    ("goal", &a.goal, &b.goal),
                ] {
                    if x != y {
                        out.push(changed(format!("stages.{level}.{field}"), x, y));
                    }
                }
                // A list of strategies as one text, one per line, so that a change shows whole.
                let listed = |list: &[String]| list.join("\n");
                if a.strategies != b.strategies {
                    let (x, y) = (listed(&a.strategies), listed(&b.strategies));
                    out.push(changed(format!("stages.{level}.strategies"), &x, &y));
                }
                let ids = a
                    .dimension_strategies
                    .keys()
                    .chain(b.dimension_strategies.keys());
                let ids: std::collections::BTreeSet<&String> = ids.collect();
                for id in ids {
                    let (x, y) = (
                        a.dimension_strategies.get(id),
                        b.dimension_strategies.get(id),
                    );
                    if x != y {
                        let path = format!("stages.{level}.dimension_strategies.{id}");
                        let (x, y) = (x.map(|l| listed(l)), y.map(|l| listed(l)));
                        out.push(match (x, y) {
                            (Some(x), Some(y)) => changed(path, &x, &y),
                            (x, y) => presence(path, x, y),
                        });
                    }
                }
            }
            (a, b) => out.push(presence(
                format!("stages.{level}"),
                a.map(|s| s.name.clone()),
                b.map(|s| s.name.clone()),
            )),
        }
    }
    out
}

fn changed(path: String, old: &str, new: &str) -> Change {
    Change {
        path,
        change: ChangeKind::Changed,
        old: Some(old.to_string()),
        new: Some(new.to_string()),
    }
}

/// Something that is only in one of the rubrics: added when `old` is `None`, else removed.
fn presence(path: String, old: Option<String>, new: Option<String>) -> Change {
    Change {
        path,
        change: if old.is_some() {
            ChangeKind::Removed
        } else {
            ChangeKind::Added
        },
        old,
        new,
    }
}

fn label(d: &Dimension) -> String {
    format!("{} {}", d.id, d.name)
}

fn dimension(a: &Dimension, b: &Dimension, out: &mut Vec<Change>) {
    let base = format!("dimensions.{}", a.id);
    if a.name != b.name {
        out.push(changed(format!("{base}.name"), &a.name, &b.name));
    }
    if a.question != b.question {
        out.push(changed(
            format!("{base}.question"),
            &a.question,
            &b.question,
        ));
    }
    let mut levels: Vec<u32> = a
        .anchors
        .iter()
        .chain(&b.anchors)
        .map(|x| x.level)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        let path = format!("{base}.anchors.{level}");
        let x = a.anchors.iter().find(|x| x.level == level);
        let y = b.anchors.iter().find(|y| y.level == level);
        match (x, y) {
            (Some(x), Some(y)) => {
                if x.id != y.id {
                    out.push(changed(format!("{path}.id"), &x.id, &y.id));
                }
                if x.statement != y.statement {
                    out.push(changed(
                        format!("{path}.statement"),
                        &x.statement,
                        &y.statement,
                    ));
                }
            }
            (x, y) => out.push(presence(
                path,
                x.map(|x| format!("{}: {}", x.id, x.statement)),
                y.map(|y| format!("{}: {}", y.id, y.statement)),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> Rubric {
        Rubric::load(name).unwrap()
    }

    #[test]
    fn a_changed_strategy_is_one_change_with_the_whole_list() {
        let old = Rubric::load("crm6").unwrap();
        let mut new = old.clone();
        std::sync::Arc::make_mut(&mut new.stages[4]).strategies[1] =
            "Gather the local data first.".into();
        std::sync::Arc::make_mut(&mut new.stages[2])
            .dimension_strategies
            .remove("F");
        let c = changes(&old, &new);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].path, "stages.3.dimension_strategies.F");
        assert_eq!(c[0].change, ChangeKind::Removed);
        assert_eq!(c[1].path, "stages.5.strategies");
        assert!(
            c[1].new
                .as_deref()
                .unwrap()
                .contains("\nGather the local data first.\n")
        );
    }

    #[test]
    fn a_rubric_has_no_changes_from_itself() {
        for (name, _) in super::super::EMBEDDED {
            assert_eq!(changes(&load(name), &load(name)), []);
        }
    }

    #[test]
    fn an_edited_statement_step_and_stage_name_are_each_one_change() {
        let old = load("crm6");
        let mut new = old.clone();
        new.dimensions[2].anchors[3].statement = "Leaders are keen.".into();
        new.scoring.step = crate::model::number::Exact::int(1);
        std::sync::Arc::make_mut(&mut new.stages[4]).name = "Getting ready".into();
        let c = changes(&old, &new);
        let paths: Vec<&str> = c.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "scoring.step",
                "dimensions.C.anchors.4.statement",
                "stages.5.name"
            ]
        );
        assert_eq!(c[0].old.as_deref(), Some("0.5"));
        assert_eq!(c[0].new.as_deref(), Some("1"));
        assert_eq!(c[2].new.as_deref(), Some("Getting ready"));
        assert!(c.iter().all(|c| c.change == ChangeKind::Changed));
    }

    #[test]
    fn six_to_five_dimensions_removes_f_and_renames_by_id() {
        let c = changes(&load("crm6"), &load("crm5"));
        let removed: Vec<&Change> = c
            .iter()
            .filter(|c| c.change == ChangeKind::Removed)
            .collect();
        // The resources strategy of stage 3 moves with the resources dimension, F → E.
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert_eq!(removed[0].path, "dimensions.F");
        assert_eq!(removed[1].path, "stages.3.dimension_strategies.F");
        assert_eq!(
            removed[0].old.as_deref(),
            Some("F Resources related to the issue")
        );
        let a = c.iter().find(|c| c.path == "dimensions.A.name").unwrap();
        assert_eq!(a.old.as_deref(), Some("Community efforts"));
        assert_eq!(a.new.as_deref(), Some("Community knowledge of efforts"));
        let stages: Vec<&str> = c
            .iter()
            .filter(|c| c.path.starts_with("stages."))
            .map(|c| c.path.as_str())
            .collect();
        assert_eq!(
            stages,
            [
                "stages.3.dimension_strategies.E",
                "stages.3.dimension_strategies.F"
            ]
        );
        let added: Vec<&str> = c
            .iter()
            .filter(|c| c.change == ChangeKind::Added)
            .map(|c| c.path.as_str())
            .collect();
        assert_eq!(added, ["stages.3.dimension_strategies.E"]);
    }
}
