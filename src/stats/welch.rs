//! The change between two rounds and how sure it is: Welch's t-interval of the difference of
//! two means (different respondents each round), and the paired t-interval of a county's mean
//! change over the same municipalities in both rounds.
//!
//! Welch (1947), "The generalization of Student's problem when several different population
//! variances are involved", *Biometrika* 34; Satterthwaite (1946), *Biometrics Bulletin* 2. For
//! the earlier round's `n₁` values with sample variance `s₁²` and the later round's `n₂` with
//! `s₂²` (both with the `n − 1` denominator):
//!
//! ```text
//! change   d = x̄₂ − x̄₁
//! v₁ = s₁²/n₁,  v₂ = s₂²/n₂,  se² = v₁ + v₂
//! df = se⁴ / (v₁²/(n₁ − 1) + v₂²/(n₂ − 1))           (Welch–Satterthwaite)
//! interval  d ± t(0.975; df) · se
//! ```
//!
//! This is scipy's `ttest_ind(later, earlier, equal_var=False).confidence_interval(0.95)`.
//! `v₁`, `v₂` and `se²` are computed exactly (rationals from the sums), so no spread is
//! recognised exactly; `df` (from them), `√se²`, the t quantile (statrs, at a fractional `df`)
//! and the ends are `f64`.
//!
//! Undefined with fewer than two values in a round, and when neither round has any spread
//! (`se² = 0`: `df` is 0/0; scipy then returns a zero-width interval at a meaningless `df`).
//!
//! The paired interval (scipy `ttest_rel(later, earlier)`) is the one-sample t-interval of the
//! municipalities' changes ([`super::interval`]).

use super::{Stat, Sums, Undefined, finite, undefined_because};
use crate::model::number::Exact;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// The change of the mean from `earlier` to `later`, with its 95% Welch interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `mean(later) − mean(earlier)`, exactly.
    pub change: Exact,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// The 95% interval of the change.
    pub ci95: [f64; 2],
    /// Its half-width, `t(0.975; df) · se`: the interval of another centre (an overall score
    /// that is not the mean of its interview means) is that centre ± this.
    pub half_width: f64,
}

/// Why a round's values give no interval, or the interval of the change of their mean.
pub fn welch_95(earlier: &[Exact], later: &[Exact]) -> Stat<Change> {
    let (a, b) = (Sums::of(earlier), Sums::of(later));
    if a.n < 2 || b.n < 2 {
        return undefined_because("welch_few", &[]);
    }
    // s²/n = spread / (n²(n − 1)).
    let v = |s: &Sums| &s.spread() / &Exact::int(s.n * s.n * (s.n - 1));
    let (va, vb) = (v(&a), v(&b));
    let se2 = &va + &vb;
    if se2 == Exact::int(0) {
        return undefined_because("welch_no_spread", &[]);
    }
    // The variances are exact (so "no spread" is exact); df, a ratio of their squares, is then
    // a smooth function of them, computed in f64 (a relative error of about 1e-16).
    let (fa, fb, fse2) = (va.to_f64(), vb.to_f64(), se2.to_f64());
    let df = fse2 * fse2 / (fa * fa / (a.n - 1) as f64 + fb * fb / (b.n - 1) as f64);
    let mean = |s: &Sums| &s.sum / &Exact::int(s.n);
    let change = &mean(&b) - &mean(&a);
    let t = t_975(df)?;
    let half = finite(t * fse2.sqrt(), "the interval is not finite")?;
    let centre = change.to_f64();
    Ok(Change {
        change,
        df,
        ci95: [centre - half, centre + half],
        half_width: half,
    })
}

/// Student's t quantile t(0.975; df) at a fractional `df`.
fn t_975(df: f64) -> Stat {
    let t = StudentsT::new(0.0, 1.0, df)
        .map_err(|e| Undefined::Text(format!("no t distribution with {df} degrees: {e}")))?
        .inverse_cdf(0.975);
    finite(t, "t_not_finite")
}

/// The paired 95% interval of the mean of `changes` (one per municipality in both rounds):
/// the mean ± t(0.975; n − 1)·s/√n.
pub fn paired_95(changes: &[Exact]) -> Stat<(Exact, [f64; 2])> {
    let mean = Exact::mean(changes).ok_or_else(|| Undefined::Keyed {
        key: "paired_none",
        args: Vec::new(),
    })?;
    let half = super::interval::t_half_width_95(changes).map_err(|_| Undefined::Keyed {
        key: "paired_few",
        args: Vec::new(),
    })?;
    let centre = mean.to_f64();
    Ok((mean, [centre - half, centre + half]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testing::xs;
    use approx::assert_abs_diff_eq;

    /// `(earlier, later, change, df, lo, hi)`: `scripts/welch-reference.py`, scipy 1.17.1,
    /// `ttest_ind(later, earlier, equal_var=False)` and its `confidence_interval(0.95)`.
    type WelchCase = (&'static [f64], &'static [f64], f64, f64, f64, f64);
    const WELCH: &[WelchCase] = &[
        // a clear rise, five interviews each round
        (
            &[4.0, 4.5, 5.0, 4.0, 3.5],
            &[5.5, 6.0, 5.0, 6.5, 5.5],
            1.5,
            8.000000000000002,
            0.6685583849089384,
            2.3314416150910615,
        ),
        // unequal sizes and spreads
        (
            &[3.0, 3.5, 6.0, 2.5],
            &[4.0, 4.5, 4.0, 5.0, 4.5, 4.0],
            0.583333333333333,
            3.278046077111868,
            -1.829382106194776,
            2.996048772861442,
        ),
        // the later round has no spread, the earlier has
        (
            &[4.0, 5.0, 6.0],
            &[5.0, 5.0, 5.0],
            0.0,
            2.0,
            -2.48413771175033,
            2.48413771175033,
        ),
        // two interviews each, a fall
        (
            &[6.0, 5.0],
            &[4.0, 3.5],
            -1.75,
            1.4705882352941178,
            -5.209261415035532,
            1.7092614150355319,
        ),
        // thirds: interview means of a six-dimension rubric
        (
            &[4.333333333333333, 4.5, 5.166666666666667],
            &[5.0, 5.833333333333333, 5.5, 6.166666666666667],
            0.958333333333333,
            4.75410540227986,
            0.02878425414296648,
            1.8878824125236995,
        ),
    ];

    #[test]
    fn matches_scipy_ttest_ind_welch() {
        for (earlier, later, change, df, lo, hi) in WELCH {
            let exact = |v: &[f64]| -> Vec<Exact> {
                v.iter()
                    .map(|x| {
                        // Thirds are written as decimals above; read them as the exact thirds.
                        let sixths = (x * 6.0).round();
                        Exact::ratio(sixths as i64, 6)
                    })
                    .collect()
            };
            let c = welch_95(&exact(earlier), &exact(later)).unwrap();
            assert_abs_diff_eq!(c.change.to_f64(), *change, epsilon = 1e-9);
            assert_abs_diff_eq!(c.df, *df, epsilon = 1e-9);
            assert_abs_diff_eq!(c.ci95[0], *lo, epsilon = 1e-9);
            assert_abs_diff_eq!(c.ci95[1], *hi, epsilon = 1e-9);
        }
    }

    #[test]
    fn degenerate_rounds_have_no_interval() {
        let one = welch_95(&xs(&[4.0]), &xs(&[5.0, 6.0])).unwrap_err();
        assert_eq!(one.to_string(), "fewer than two interviews in a round");
        assert!(welch_95(&[], &xs(&[5.0, 6.0])).is_err());
        // scipy gives a zero-width interval at df = 1 here (0/0); there is no interval.
        let flat = welch_95(&xs(&[4.0, 4.0, 4.0]), &xs(&[5.0, 5.0])).unwrap_err();
        assert_eq!(flat.to_string(), "no spread in either round");
    }

    #[test]
    fn swapping_the_rounds_negates_the_change_and_the_interval() {
        let (a, b) = (xs(&[4.0, 4.5, 5.0]), xs(&[5.5, 6.0, 5.0, 7.0]));
        let ab = welch_95(&a, &b).unwrap();
        let ba = welch_95(&b, &a).unwrap();
        assert_eq!(&ab.change + &ba.change, Exact::int(0));
        assert_eq!(ab.df, ba.df);
        assert_abs_diff_eq!(ab.ci95[0], -ba.ci95[1], epsilon = 1e-12);
    }

    /// `(changes, mean, lo, hi)`: scipy 1.17.1 `ttest_rel(later, earlier)` and its
    /// `confidence_interval(0.95)` (`scripts/welch-reference.py`).
    type PairedCase = (&'static [f64], &'static [f64], f64, f64, f64);
    const PAIRED: &[PairedCase] = &[
        (
            &[4.52, 4.8, 5.05, 4.6],
            &[6.01, 6.5, 6.97, 6.3],
            1.7025,
            1.4231281576100687,
            1.9818718423899315,
        ),
        (
            &[3.0, 4.5, 5.0, 4.0, 6.0],
            &[3.5, 4.0, 5.5, 4.5, 5.5],
            0.1,
            -0.5800873806582557,
            0.7800873806582557,
        ),
        // every municipality moved by the same amount: a zero-width interval, as scipy gives
        (&[3.0, 4.0, 5.0], &[4.0, 5.0, 6.0], 1.0, 1.0, 1.0),
    ];

    #[test]
    fn matches_scipy_ttest_rel() {
        for (earlier, later, mean, lo, hi) in PAIRED {
            let changes: Vec<Exact> = xs(later)
                .iter()
                .zip(xs(earlier))
                .map(|(b, a)| b - &a)
                .collect();
            let (m, [l, h]) = paired_95(&changes).unwrap();
            assert_abs_diff_eq!(m.to_f64(), *mean, epsilon = 1e-9);
            assert_abs_diff_eq!(l, *lo, epsilon = 1e-9);
            assert_abs_diff_eq!(h, *hi, epsilon = 1e-9);
        }
        assert!(paired_95(&xs(&[0.5])).is_err());
        assert!(paired_95(&[]).is_err());
    }
}
