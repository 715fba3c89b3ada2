//! A group's key — municipality, round and issue: the unit that gets a stage — and its one order
//! everywhere the tool lists groups: municipalities in Swedish alphabetical order (å, ä, ö after
//! z), then rounds and issues in natural order (`omgång 2` before `omgång 10`), none first.

use crate::lang::Lang;
use crate::text::{natural_cmp, swedish_cmp, swedish_key};
use std::cmp::Ordering;
use std::fmt;

/// Which municipality, round and issue a result is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct GroupKey {
    pub municipality: String,
    pub round: Option<String>,
    pub issue: Option<String>,
}

impl GroupKey {
    /// The group as messages in `lang` name it ([`label_in`]).
    pub fn label(&self, lang: Lang) -> String {
        label_in(
            lang,
            &self.municipality,
            self.round.as_deref(),
            self.issue.as_deref(),
        )
    }

    pub fn new(municipality: &str, round: Option<&str>, issue: Option<&str>) -> GroupKey {
        GroupKey {
            municipality: municipality.to_string(),
            round: round.map(str::to_string),
            issue: issue.map(str::to_string),
        }
    }
}

/// `Ödeshög, round 2023, alkohol`: a group as messages name it.
pub fn label(municipality: &str, round: Option<&str>, issue: Option<&str>) -> String {
    label_in(Lang::En, municipality, round, issue)
}

/// A group as messages in `lang` name it: `Ödeshög, omgång 2023, alkohol` in Swedish.
pub fn label_in(
    lang: Lang,
    municipality: &str,
    round: Option<&str>,
    issue: Option<&str>,
) -> String {
    let mut label = municipality.to_string();
    if let Some(r) = round {
        label.push_str(", ");
        label.push_str(&lang.fill("key.round", &[("round", &r)]));
    }
    if let Some(i) = issue {
        label.push_str(", ");
        label.push_str(i);
    }
    label
}

impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&label(
            &self.municipality,
            self.round.as_deref(),
            self.issue.as_deref(),
        ))
    }
}

/// Natural order of an optional part: none first.
fn optional_cmp(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => natural_cmp(a, b),
    }
}

impl Ord for GroupKey {
    fn cmp(&self, other: &Self) -> Ordering {
        swedish_cmp(&self.municipality, &other.municipality)
            .then_with(|| optional_cmp(self.round.as_deref(), other.round.as_deref()))
            .then_with(|| optional_cmp(self.issue.as_deref(), other.issue.as_deref()))
    }
}

impl PartialOrd for GroupKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Sorts `items` in the order of their groups' keys (`parts` gives municipality, round, issue),
/// as [`GroupKey`]'s `Ord` does; each municipality's Swedish sort key is computed once.
pub fn sort_by_group<T>(
    items: &mut Vec<T>,
    parts: impl Fn(&T) -> (&str, Option<&str>, Option<&str>),
) {
    let mut keyed: Vec<_> = items
        .drain(..)
        .map(|item| (swedish_key(parts(&item).0), item))
        .collect();
    // Equal keys are equal names (the key ends in the name itself).
    keyed.sort_by(|(ka, a), (kb, b)| {
        let ((_, ra, ia), (_, rb, ib)) = (parts(a), parts(b));
        ka.cmp(kb)
            .then_with(|| optional_cmp(ra, rb))
            .then_with(|| optional_cmp(ia, ib))
    });
    items.extend(keyed.into_iter().map(|(_, item)| item));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sort_swedish_then_naturally_and_the_cached_sort_agrees() {
        let keys = [
            ("Ödeshög", Some("omgång 10"), None),
            ("Ödeshög", Some("omgång 2"), None),
            ("Åtvidaberg", None, Some("alkohol")),
            ("Åtvidaberg", None, None),
            ("ydre", Some("2023"), None),
            ("Ydre", Some("2023"), None),
            ("Kinda", Some("2025"), Some("tobak")),
            ("Kinda", Some("2025"), Some("alkohol")),
        ];
        let mut owned: Vec<GroupKey> = keys
            .iter()
            .map(|(m, r, i)| GroupKey::new(m, *r, *i))
            .collect();
        owned.sort();
        let labels: Vec<String> = owned.iter().map(ToString::to_string).collect();
        assert_eq!(
            labels,
            [
                "Kinda, round 2025, alkohol",
                "Kinda, round 2025, tobak",
                "Ydre, round 2023",
                "ydre, round 2023",
                "Åtvidaberg",
                "Åtvidaberg, alkohol",
                "Ödeshög, round omgång 2",
                "Ödeshög, round omgång 10",
            ]
        );
        let mut cached: Vec<GroupKey> = keys
            .iter()
            .map(|(m, r, i)| GroupKey::new(m, *r, *i))
            .collect();
        sort_by_group(&mut cached, |k| {
            (&k.municipality, k.round.as_deref(), k.issue.as_deref())
        });
        assert_eq!(cached, owned);
    }
}
