//! Statistics of scorer agreement and of the uncertainty of a score.
//!
//! Every coefficient is computed on exact rationals from the scores (see [`crate::model::number`]): sums
//! of squares, mean squares and their ratios are exact, so "no variance" is recognised exactly
//! and never turns into a NaN. Only the distribution quantiles (Student's t, Fisher's F, from
//! `statrs`) and the final value are `f64`.
//!
//! A statistic that the data cannot support — one item, no variance, a single scorer — is an
//! [`Undefined`] with the reason, which the reports show as `null` beside that reason.
//! docs/statistics.md gives the definitions and references in one place.
//!
//! The tests check each statistic against published worked examples and against other
//! implementations (scikit-learn, `krippendorff`, pingouin, scipy); `scripts/reference-values.py`
//! prints every such reference value, and names the package versions that produced them.

pub mod alpha;
pub mod icc;
pub mod interval;
pub mod kappa;
pub mod welch;

use crate::lang::Lang;
use crate::model::number::{Exact, Total};
use num_bigint::BigInt;
use num_rational::BigRational;

/// Why a statistic has no value for these data: a text of the message catalogue (`stats.` +
/// `key`, with its placeholders' values), or, for a reason from a library, its own words.
/// `Display` and JSON give the English text; [`Undefined::text`] the text in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undefined {
    Keyed {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    Text(String),
}

impl Undefined {
    /// The reason as a person reads it in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Undefined::Keyed { key, args } => {
                let args: Vec<(&str, &dyn std::fmt::Display)> = args
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
                    .collect();
                lang.fill(&format!("stats.{key}"), &args)
            }
            Undefined::Text(text) => text.clone(),
        }
    }
}

impl std::fmt::Display for Undefined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Undefined {}

impl serde::Serialize for Undefined {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A statistic's value, or why it has none.
pub type Stat<T = f64> = Result<T, Undefined>;

/// Undefined for the reason `stats.{key}` of the catalogue, with its placeholders' values.
pub(crate) fn undefined_because<T>(key: &'static str, args: &[(&'static str, String)]) -> Stat<T> {
    Err(Undefined::Keyed {
        key,
        args: args.to_vec(),
    })
}

/// Undefined because there are fewer than two of what a statistic needs: the reason `one` when
/// there is one, `none` when there are none.
pub(crate) fn too_few<T>(one: &'static str, none: &'static str, n: usize) -> Stat<T> {
    undefined_because(if n == 1 { one } else { none }, &[])
}

/// `x` if it is a finite number, else undefined with `reason`: the guard that keeps NaN and
/// infinity out of every report.
pub(crate) fn finite(x: f64, reason: &'static str) -> Stat {
    if x.is_finite() {
        Ok(x)
    } else {
        undefined_because(reason, &[])
    }
}

/// Sum and sum of squares of some scores, exactly.
#[derive(Debug, Clone)]
pub(crate) struct Sums {
    pub n: i64,
    sum: Exact,
    squares: Exact,
}

impl Sums {
    pub fn of<'a>(values: impl IntoIterator<Item = &'a Exact>) -> Sums {
        let (mut sum, mut squares) = (Total::default(), Total::default());
        for v in values {
            sum.add(v);
            squares.add(&v.square());
        }
        Sums {
            n: sum.n,
            sum: sum.value(),
            squares: squares.value(),
        }
    }

    /// `Σx`.
    pub fn sum(&self) -> BigRational {
        self.sum.to_big()
    }

    /// `Σx²`.
    pub fn squares(&self) -> BigRational {
        self.squares.to_big()
    }

    /// `n·Σx² − (Σx)²`, which is `n²` times the population variance and `n(n−1)` times the
    /// sample variance; zero exactly when all values are equal.
    pub fn spread(&self) -> Exact {
        &(&Exact::int(self.n) * &self.squares) - &self.sum.square()
    }
}

pub(crate) fn int(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

pub(crate) fn to_f64(r: &BigRational) -> f64 {
    Exact::from_big(r.clone()).to_f64()
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::model::number::Exact;

    /// Exact values from numbers written in a test.
    pub fn xs(values: &[f64]) -> Vec<Exact> {
        values
            .iter()
            .map(|v| Exact::from_f64(*v).expect("finite"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::xs;
    use super::*;

    /// Every 3 × 2 matrix of scores from {1, 2, 5} and every 4 × 2 matrix from {1, 5} — ties,
    /// constant rows and columns, perfect and inverse agreement included: each statistic is a
    /// finite number or undefined with a reason, never NaN, never a panic.
    #[test]
    fn small_matrices_never_give_nan() {
        for (items, values) in [(3u32, &[1.0, 2.0, 5.0][..]), (4, &[1.0, 5.0][..])] {
            let cells = items * 2;
            let base = values.len() as u32;
            for code in 0..base.pow(cells) {
                let flat: Vec<f64> = (0..cells)
                    .map(|i| values[(code / base.pow(i) % base) as usize])
                    .collect();
                let rows: Vec<Vec<Exact>> = flat.chunks(2).map(xs).collect();
                let pairs: Vec<(Exact, Exact)> =
                    rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
                let ok = |x: &Stat| x.as_ref().map_or(true, |v| v.is_finite());
                assert!(ok(&kappa::quadratic(&pairs)), "{flat:?}");
                assert!(ok(&alpha::interval(&rows)), "{flat:?}");
                if let Ok(icc) = icc::icc_2_1(&rows) {
                    assert!(icc.value.is_finite(), "{flat:?}");
                    if let Ok((lo, hi)) = icc.ci95 {
                        assert!(lo.is_finite() && hi.is_finite() && lo <= hi, "{flat:?}");
                    }
                }
                let column: Vec<Exact> = rows.iter().map(|r| r[0].clone()).collect();
                assert!(ok(&interval::t_half_width_95(&column)), "{flat:?}");
            }
        }
    }
}
