//! How well the scorers agree: per dimension and pooled over all dimensions, for the whole input
//! or per municipality.
//!
//! Works on a [`Sheet`] alone, from each cell's individual scorers' scores (consensus scores
//! are not a scorer), so it serves every input that fills a sheet: scores, worksheets, coded
//! transcripts. An *item* is one interview on one dimension — (municipality, round, issue,
//! interview, dimension) — with at least one individual score. On these items:
//!
//! - `exact` and `within_one`: over the items at least two scorers rated, the share where all
//!   scores are equal, and where the highest and lowest differ by at most one level;
//! - `kappa_quadratic`: Cohen's weighted kappa, quadratic weights ([`stats::kappa`]), when
//!   exactly two scorers rated in this scope, over the items both rated;
//! - `alpha_interval`: Krippendorff's alpha, interval metric ([`stats::alpha`]), any number of
//!   scorers, missing scores allowed;
//! - `icc`: ICC(2,1) with its 95% interval ([`stats::icc`]) over the items every scorer rated.
//!
//! Kappa and the ICC take scorers by name as the same raters across items; where different
//! pairs scored different municipalities, alpha still applies, or split with `--by municipality`.
//! A statistic the data cannot support is `None` with its reason in `null_reasons`.

use crate::domain::score::{ByDimension, RubricSummary};
use crate::engine::store::{Group, Sheet};
use crate::model::GroupKey;
use crate::model::message::Message;
use crate::model::number::{Exact, Score};
use crate::rubric::Rubric;
use crate::stats::{self, Stat, alpha, icc, kappa};
use serde::Serialize;
use std::collections::BTreeMap;

/// What `readiness agreement` computes.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementReport {
    pub rubric: RubricSummary,
    /// Every scorer in the input, in natural order.
    pub scorers: Vec<String>,
    pub dimensions: ByDimension<Agreement>,
    pub pooled: Agreement,
    /// Per municipality (and round, issue), with `--by municipality`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupAgreement>>,
    pub warnings: Vec<Message>,
    /// Information about the input that is not a problem (as in `readiness score`).
    pub notes: Vec<Message>,
}

/// The agreement within one municipality (and round, issue).
#[derive(Debug, Clone, Serialize)]
pub struct GroupAgreement {
    /// The municipality, round and issue (flattened into the JSON object, as three fields).
    #[serde(flatten)]
    pub key: GroupKey,
    pub scorers: Vec<String>,
    pub dimensions: ByDimension<Agreement>,
    pub pooled: Agreement,
}

/// The agreement statistics over one set of items. Proportions are fractions of 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Items (interview × dimension) with at least one individual score.
    pub items: usize,
    /// Items rated by at least two scorers: the base of `exact` and `within_one`.
    pub compared: usize,
    /// Items rated by every scorer of this scope: the base of the ICC.
    pub complete: usize,
    pub exact: Option<f64>,
    pub within_one: Option<f64>,
    pub kappa_quadratic: Option<f64>,
    pub alpha_interval: Option<f64>,
    pub icc: Option<IccResult>,
    /// Why a statistic above is `null`, by its field name (`icc.ci95` for the interval alone).
    pub null_reasons: BTreeMap<String, stats::Undefined>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IccResult {
    pub value: f64,
    pub ci95: Option<[f64; 2]>,
}

/// One item: its scores by scorer index (into the scope's scorer list).
type Item = Vec<(usize, Exact)>;

/// Computes the agreement over every item of `sheet`, and also per group when `per_group`.
pub fn agreement(sheet: &Sheet, rubric: &Rubric, per_group: bool) -> AgreementReport {
    let groups = sheet.groups_in_order();
    let all = scope(sheet, &groups, rubric);
    // Warnings found while reading (e.g. contradictory codes of coded transcripts).
    let mut warnings = group_warnings(&groups);
    if all.pooled.items == 0 {
        warnings.push(Message::new("read.no_individual_scores"));
    }
    let split = per_group.then(|| of_groups(sheet, &groups, rubric));
    AgreementReport {
        rubric: RubricSummary::of(rubric),
        scorers: all.scorers,
        dimensions: all.dimensions,
        pooled: all.pooled,
        groups: split,
        warnings,
        notes: Vec::new(),
    }
}

/// The agreement within each of `groups`, in their order. Groups are independent: computed in
/// parallel (rayon keeps the order).
fn of_groups(sheet: &Sheet, groups: &[&Group], rubric: &Rubric) -> Vec<GroupAgreement> {
    use rayon::prelude::*;
    groups
        .par_iter()
        .map(|g| {
            let s = scope(sheet, &[*g], rubric);
            GroupAgreement {
                key: g.key(),
                scorers: s.scorers,
                dimensions: s.dimensions,
                pooled: s.pooled,
            }
        })
        .collect()
}

/// The agreement within each group of `sheet` that `keep` selects, in the groups' order: what
/// `agreement(…, true)` gives per group, without the statistics over the whole input.
pub fn per_group(
    sheet: &Sheet,
    rubric: &Rubric,
    keep: impl Fn(&GroupKey) -> bool,
) -> Vec<GroupAgreement> {
    let groups: Vec<&Group> = sheet
        .groups_in_order()
        .into_iter()
        .filter(|g| keep(&g.key()))
        .collect();
    of_groups(sheet, &groups, rubric)
}

/// The reading warnings of each group, labelled with the group, in the groups' order.
pub(crate) fn group_warnings(groups: &[&Group]) -> Vec<Message> {
    groups
        .iter()
        .flat_map(|g| g.warnings.iter().map(|w| w.clone().of_group(g.key())))
        .collect()
}

struct Scope {
    scorers: Vec<String>,
    dimensions: ByDimension<Agreement>,
    pooled: Agreement,
}

/// The statistics of the items of `groups`, per dimension and pooled.
fn scope(sheet: &Sheet, groups: &[&Group], rubric: &Rubric) -> Scope {
    let scorers = sheet.scorer_names(groups);
    let index = |name: &str| scorers.iter().position(|s| s == name).unwrap_or(0);
    let mut per_dim: Vec<Vec<Item>> = vec![Vec::new(); rubric.dimensions.len()];
    for group in groups {
        for interview in group.interviews.values() {
            for d in 0..rubric.dimensions.len() {
                let cell = sheet.cell(interview, d);
                if cell.scorers.is_empty() {
                    continue;
                }
                let mut item: Item = cell
                    .scorers
                    .iter()
                    .map(|(n, r)| (index(n), r.score.to_exact()))
                    .collect();
                item.sort_by_key(|(s, _)| *s);
                if let Some(items) = per_dim.get_mut(d) {
                    items.push(item);
                }
            }
        }
    }
    let dimensions = ByDimension(
        rubric
            .dimensions
            .iter()
            .zip(&per_dim)
            .map(|(dim, items)| (dim.id.clone(), statistics(items, &scorers)))
            .collect(),
    );
    let pooled: Vec<Item> = per_dim.into_iter().flatten().collect();
    Scope {
        pooled: statistics(&pooled, &scorers),
        dimensions,
        scorers,
    }
}

/// Every statistic over `items`, whose scorer indices point into `scorers`.
/// Whether an item's scores lie within `limit` of each other (highest − lowest ≤ `limit`): on
/// 128-bit integers when every score is a fraction of 64-bit ones, as the usual scores are.
fn spread_within(item: &Item, limit: i64) -> bool {
    let small: Option<smallvec::SmallVec<[Score; 4]>> =
        item.iter().map(|(_, s)| Score::from_exact(s)).collect();
    let Some(small) = small else {
        let lo = item.iter().map(|(_, s)| s).min();
        let hi = item.iter().map(|(_, s)| s).max();
        return lo
            .zip(hi)
            .is_some_and(|(lo, hi)| hi.abs_diff(lo) <= Exact::int(limit));
    };
    let (Some(lo), Some(hi)) = (small.iter().min(), small.iter().max()) else {
        return false;
    };
    // hn/hd − ln/ld ≤ limit ⇔ hn·ld − ln·hd ≤ limit·hd·ld (denominators positive).
    let (hn, hd) = (i128::from(*hi.0.numer()), i128::from(*hi.0.denom()));
    let (ln, ld) = (i128::from(*lo.0.numer()), i128::from(*lo.0.denom()));
    hn * ld - ln * hd <= i128::from(limit) * hd * ld
}

fn statistics(items: &[Item], scorers: &[String]) -> Agreement {
    let mut reasons = BTreeMap::new();
    let mut keep = |name: &str, stat: Stat| match stat {
        Ok(v) => Some(v),
        Err(why) => {
            reasons.insert(name.to_string(), why);
            None
        }
    };
    // The scorers who rated in this scope (a dimension may have fewer than the whole input).
    let mut present: Vec<usize> = items.iter().flatten().map(|(s, _)| *s).collect();
    present.sort_unstable();
    present.dedup();
    let compared: Vec<&Item> = items.iter().filter(|i| i.len() >= 2).collect();
    let complete: Vec<&Item> = items
        .iter()
        .filter(|i| present.len() >= 2 && i.len() == present.len())
        .collect();
    let share = |pred: &dyn Fn(&Item) -> bool| -> Stat {
        if compared.is_empty() {
            return stats::undefined_because("no_pairs", &[]);
        }
        let hits = compared.iter().filter(|i| pred(i)).count();
        Ok(hits as f64 / compared.len() as f64)
    };
    let exact = keep("exact", share(&|i| spread_within(i, 0)));
    let within_one = keep("within_one", share(&|i| spread_within(i, 1)));
    let names = |idx: &[usize]| -> String {
        idx.iter()
            .filter_map(|i| scorers.get(*i))
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kappa_stat = match present.as_slice() {
        [a, b] => {
            let pairs: Vec<(Exact, Exact)> = items
                .iter()
                .filter_map(|i| {
                    let x = i.iter().find(|(s, _)| s == a)?;
                    let y = i.iter().find(|(s, _)| s == b)?;
                    Some((x.1.clone(), y.1.clone()))
                })
                .collect();
            kappa::quadratic(&pairs)
        }
        [] => stats::undefined_because("no_scores", &[]),
        [_] => stats::undefined_because("kappa_one_scorer", &[("scorers", names(&present))]),
        _ => stats::undefined_because(
            "kappa_many_scorers",
            &[
                ("n", present.len().to_string()),
                ("scorers", names(&present)),
            ],
        ),
    };
    let kappa_quadratic = keep("kappa_quadratic", kappa_stat);
    let units: Vec<Vec<Exact>> = items
        .iter()
        .map(|i| i.iter().map(|(_, s)| s.clone()).collect())
        .collect();
    let alpha_interval = keep("alpha_interval", alpha::interval(&units));
    let icc_stat = if present.len() < 2 {
        match present.as_slice() {
            [] => stats::undefined_because("no_scores", &[]),
            _ => stats::undefined_because("icc_one_scorer", &[("scorers", names(&present))]),
        }
    } else {
        let matrix: Vec<Vec<Exact>> = complete
            .iter()
            .map(|i| i.iter().map(|(_, s)| s.clone()).collect())
            .collect();
        icc::icc_2_1(&matrix)
    };
    let icc = match icc_stat {
        Ok(icc) => {
            let ci95 = match icc.ci95 {
                Ok((lo, hi)) => Some([lo, hi]),
                Err(why) => {
                    reasons.insert("icc.ci95".into(), why);
                    None
                }
            };
            Some(IccResult {
                value: icc.value,
                ci95,
            })
        }
        Err(why) => {
            reasons.insert("icc".into(), why);
            None
        }
    };
    Agreement {
        items: items.len(),
        compared: compared.len(),
        complete: complete.len(),
        exact,
        within_one,
        kappa_quadratic,
        alpha_interval,
        icc,
        null_reasons: reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn spreads_are_compared_exactly_on_either_path() {
        let item = |scores: &[&str]| -> Item {
            scores
                .iter()
                .enumerate()
                .map(|(k, s)| (k, Exact::parse(s).unwrap()))
                .collect()
        };
        // (scores, within 0, within 1)
        let cases: [(&[&str], bool, bool); 6] = [
            (&["4", "4", "4"], true, true),
            (&["3.5", "4.5"], false, true),
            (&["3.5", "4.75"], false, false),
            (&["7", "6.0000001"], false, true),
            // Past 64 bits: the big-rational path.
            (
                &["4.00000000000000000000001", "5.00000000000000000000001"],
                false,
                true,
            ),
            (&["4", "5.00000000000000000000001"], false, false),
        ];
        for (scores, exact, one) in cases {
            let i = item(scores);
            assert_eq!(
                (spread_within(&i, 0), spread_within(&i, 1)),
                (exact, one),
                "{scores:?}"
            );
        }
        assert!(!spread_within(&Vec::new(), 1));
    }

    fn sheet(rows: &[(&str, &str, &str, usize, &str)]) -> Sheet {
        crate::engine::store::sheet_of(rows)
    }

    fn crm6() -> Rubric {
        Rubric::load("crm6").unwrap()
    }

    #[test]
    fn two_scorers_on_one_dimension() {
        // Dimension A: K1 4/4, K2 5/6, K3 3/5, K4 only Anna; a consensus row is not a scorer.
        let s = sheet(&[
            ("Kinda", "K1", "Anna", 0, "4"),
            ("Kinda", "K1", "Erik", 0, "4"),
            ("Kinda", "K1", "consensus", 0, "4"),
            ("Kinda", "K2", "Anna", 0, "5"),
            ("Kinda", "K2", "Erik", 0, "6"),
            ("Kinda", "K3", "Anna", 0, "3"),
            ("Kinda", "K3", "Erik", 0, "5"),
            ("Kinda", "K4", "Anna", 0, "4.5"),
        ]);
        let r = agreement(&s, &crm6(), false);
        assert_eq!(r.scorers, ["Anna", "Erik"]);
        let a = r.dimensions.get("A").unwrap();
        assert_eq!((a.items, a.compared, a.complete), (4, 3, 3));
        assert_abs_diff_eq!(a.exact.unwrap(), 1.0 / 3.0);
        assert_abs_diff_eq!(a.within_one.unwrap(), 2.0 / 3.0);
        // Kappa by hand: Σ(x−y)² = 0 + 1 + 4 = 5; Σx = 12, Σy = 15, Σx² = 50, Σy² = 77;
        // n²·D_e = 3·50 + 3·77 − 2·12·15 = 21; κ = 1 − 3·5/21 = 2/7.
        assert_abs_diff_eq!(a.kappa_quadratic.unwrap(), 2.0 / 7.0, epsilon = 1e-12);
        assert!(a.alpha_interval.is_some() && a.icc.is_some());
        // Dimension B has no scores at all: everything is null, with reasons.
        let b = r.dimensions.get("B").unwrap();
        assert_eq!(b.items, 0);
        assert_eq!(b.exact, None);
        assert_eq!(
            b.null_reasons.keys().collect::<Vec<_>>(),
            [
                "alpha_interval",
                "exact",
                "icc",
                "kappa_quadratic",
                "within_one"
            ]
        );
        // Pooled over dimensions is dimension A here.
        assert_eq!(r.pooled, *a);
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn three_scorers_have_no_kappa_but_alpha_and_icc_on_complete_items() {
        let mut rows = Vec::new();
        for (k, scores) in [
            ("K1", ["4", "4", "5"]),
            ("K2", ["6", "5", "6"]),
            ("K3", ["2", "3", "2"]),
        ] {
            for (who, s) in ["Anna", "Erik", "Sara"].iter().zip(scores) {
                rows.push(("Kinda", k, *who, 2, s));
            }
        }
        rows.push(("Kinda", "K4", "Anna", 2, "7"));
        rows.push(("Kinda", "K4", "Erik", 2, "7"));
        let r = agreement(&sheet(&rows), &crm6(), false);
        let c = r.dimensions.get("C").unwrap();
        assert_eq!((c.items, c.compared, c.complete), (4, 4, 3));
        assert_eq!(c.kappa_quadratic, None);
        let why = &c.null_reasons["kappa_quadratic"];
        assert!(
            why.to_string()
                .starts_with("needs exactly two scorers; 3 scored (`Anna`, `Erik`, `Sara`)"),
            "{why}"
        );
        assert!(c.alpha_interval.is_some());
        // The ICC uses the three items every scorer rated: the same as computing it on them.
        let matrix: Vec<Vec<Exact>> = [[4, 4, 5], [6, 5, 6], [2, 3, 2]]
            .iter()
            .map(|r| r.iter().map(|x| Exact::int(*x)).collect())
            .collect();
        let expected = icc::icc_2_1(&matrix).unwrap().value;
        assert_abs_diff_eq!(c.icc.as_ref().unwrap().value, expected);
    }

    #[test]
    fn a_single_scorer_gives_nulls_with_reasons_never_nan() {
        let r = agreement(
            &sheet(&[
                ("Ydre", "Y1", "Anna", 0, "3"),
                ("Ydre", "Y2", "Anna", 0, "4"),
            ]),
            &crm6(),
            false,
        );
        let a = r.dimensions.get("A").unwrap();
        assert_eq!((a.items, a.compared), (2, 0));
        assert!(a.exact.is_none() && a.kappa_quadratic.is_none() && a.icc.is_none());
        assert_eq!(
            a.null_reasons["kappa_quadratic"].to_string(),
            "needs two scorers; only `Anna` scored"
        );
        assert_eq!(
            a.null_reasons["icc"].to_string(),
            "needs at least two scorers; only `Anna` scored"
        );
        assert_eq!(
            a.null_reasons["exact"].to_string(),
            "no item was rated by two or more scorers"
        );
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
    }

    #[test]
    fn consensus_only_input_warns_that_there_is_nothing_to_compare() {
        let r = agreement(
            &sheet(&[("Ydre", "Y1", "consensus", 0, "3")]),
            &crm6(),
            false,
        );
        assert_eq!(r.pooled.items, 0);
        assert_eq!(r.warnings.len(), 1);
        assert!(
            r.warnings[0].to_string().contains("nothing to compare"),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn split_by_municipality_in_swedish_order_with_each_ones_scorers() {
        let r = agreement(
            &sheet(&[
                ("Ödeshög", "Ö1", "Åsa", 0, "3"),
                ("Ödeshög", "Ö1", "Örjan", 0, "4"),
                ("Kinda", "K1", "Anna", 0, "5"),
                ("Kinda", "K1", "Erik", 0, "5"),
            ]),
            &crm6(),
            true,
        );
        // Over the whole input four scorers rated dimension A, so no kappa there…
        assert!(r.dimensions.get("A").unwrap().kappa_quadratic.is_none());
        let groups = r.groups.as_ref().unwrap();
        let names: Vec<&str> = groups.iter().map(|g| g.key.municipality.as_str()).collect();
        assert_eq!(names, ["Kinda", "Ödeshög"]);
        assert_eq!(groups[1].scorers, ["Åsa", "Örjan"]);
        // …but each municipality has its own pair; one item each is still too few for kappa.
        let a = groups[1].dimensions.get("A").unwrap();
        assert!(
            a.null_reasons["kappa_quadratic"]
                .to_string()
                .contains("there is one"),
            "{a:?}"
        );
        assert_eq!(a.within_one, Some(1.0));
    }
}
