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

use crate::model::number::{Exact, Total};
use num_bigint::BigInt;
use num_rational::BigRational;

/// Why a statistic has no value for these data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Undefined(pub String);

/// A statistic's value, or why it has none.
pub type Stat<T = f64> = Result<T, Undefined>;

pub(crate) fn undefined<T>(reason: impl Into<String>) -> Stat<T> {
    Err(Undefined(reason.into()))
}

/// `x` if it is a finite number, else undefined with `reason`: the guard that keeps NaN and
/// infinity out of every report.
pub(crate) fn finite(x: f64, reason: &str) -> Stat {
    if x.is_finite() {
        Ok(x)
    } else {
        undefined(reason)
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
        &(&Exact::int(self.n) * &self.squares) - &(&self.sum * &self.sum)
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
