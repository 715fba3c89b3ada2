//! Cohen's weighted kappa with quadratic weights on the score values, for two scorers.
//!
//! Cohen (1968), "Weighted kappa: nominal scale agreement with provision for scaled disagreement
//! or partial credit", *Psychological Bulletin* 70(4), 213–220. With disagreement weights
//! `w(a, b) = (a − b)²` on the score values themselves (not on category ranks, so 4.5 lies half
//! way between 4 and 5):
//!
//! ```text
//! κw = 1 − D_o / D_e
//! D_o = (1/n)  Σ_i (x_i − y_i)²            observed disagreement over the n items
//! D_e = (1/n²) Σ_i Σ_j (x_i − y_j)²        disagreement expected from the two marginals
//!     = ( n·Σx² + n·Σy² − 2·Σx·Σy ) / n²
//! ```
//!
//! which is Cohen's `1 − Σ w·p_o / Σ w·p_e` over the contingency table, written with sums
//! (Fleiss & Cohen 1973 show this kappa equals an intraclass correlation up to a term in 1/n).
//! Weights that are a constant multiple of these give the same kappa, so this equals
//! scikit-learn's `cohen_kappa_score(weights="quadratic")` when its labels are the full,
//! evenly spaced score scale.
//!
//! Undefined with fewer than two items, and when `D_e = 0` (both scorers gave one and the same
//! score to every item: nothing to be chance-corrected against).

use super::{Stat, Sums, int, to_f64, too_few, undefined_because};
use crate::model::number::Exact;
use num_traits::Zero;

/// Quadratic-weighted kappa of two scorers' scores of the same items, `(first, second)`.
pub fn quadratic(pairs: &[(Exact, Exact)]) -> Stat {
    let n = pairs.len();
    if n < 2 {
        return too_few("kappa_items_one", "kappa_items_none", n);
    }
    let x = Sums::of(pairs.iter().map(|(a, _)| a));
    let y = Sums::of(pairs.iter().map(|(_, b)| b));
    let mut observed = Exact::int(0);
    for (a, b) in pairs {
        let d = a - b;
        observed = &observed + &(&d * &d);
    }
    let observed = observed.to_big();
    let n = int(x.n);
    // n²·D_e and n·D_o, so that κ = 1 − n·(n·D_o) / (n²·D_e).
    let expected = &n * x.squares() + &n * y.squares() - int(2) * x.sum() * y.sum();
    if expected.is_zero() {
        return undefined_because("kappa_no_variance", &[]);
    }
    let kappa = int(1) - n * observed / expected;
    Ok(to_f64(&kappa))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testing::xs;
    use approx::assert_abs_diff_eq;

    fn pairs(a: &[f64], b: &[f64]) -> Vec<(Exact, Exact)> {
        xs(a).into_iter().zip(xs(b)).collect()
    }

    /// Reference (`scripts/reference-values.py`, "whole scores"): scikit-learn 1.9.1,
    /// `python3 -c "from sklearn.metrics import cohen_kappa_score as k; \
    ///   print(repr(k([1,2,3,4,5,3,2,4,5,1], [1,3,3,5,4,2,2,4,5,2], weights='quadratic', \
    ///   labels=[1,2,3,4,5])))"` → `0.8648648648648649`.
    #[test]
    fn matches_scikit_learn_on_whole_scores() {
        let k = quadratic(&pairs(
            &[1., 2., 3., 4., 5., 3., 2., 4., 5., 1.],
            &[1., 3., 3., 5., 4., 2., 2., 4., 5., 2.],
        ))
        .unwrap();
        assert_abs_diff_eq!(k, 0.8648648648648649, epsilon = 1e-12);
    }

    /// Reference (`scripts/reference-values.py`, "half points"): scikit-learn 1.9.1, which takes
    /// only whole labels: the half points doubled
    /// (2 … 18, the full scale, so its rank weights are the value weights up to a constant
    /// factor, which kappa ignores):
    /// `python3 -c "from sklearn.metrics import cohen_kappa_score as k; \
    ///   print(repr(k([6,7,8,10,5,12,9,6], [7,7,10,9,4,12,8,8], weights='quadratic', \
    ///   labels=list(range(2,19)))))"` → `0.8466453674121406`.
    #[test]
    fn matches_scikit_learn_on_half_points() {
        let k = quadratic(&pairs(
            &[3., 3.5, 4., 5., 2.5, 6., 4.5, 3.],
            &[3.5, 3.5, 5., 4.5, 2., 6., 4., 4.],
        ))
        .unwrap();
        assert_abs_diff_eq!(k, 0.8466453674121406, epsilon = 1e-12);
    }

    #[test]
    fn perfect_agreement_is_one_and_a_constant_shift_is_penalised() {
        let same = quadratic(&pairs(&[2., 4., 6.], &[2., 4., 6.])).unwrap();
        assert_abs_diff_eq!(same, 1.0);
        // Kappa measures agreement, not correlation: one scorer always a level higher.
        let shifted = quadratic(&pairs(&[2., 4., 6.], &[3., 5., 7.])).unwrap();
        assert!(shifted < 1.0, "{shifted}");
    }

    #[test]
    fn degenerate_inputs_are_undefined_with_a_reason() {
        let none = quadratic(&[]).unwrap_err();
        assert!(none.to_string().contains("are none"), "{none}");
        let one = quadratic(&pairs(&[4.], &[5.])).unwrap_err();
        assert!(one.to_string().contains("there is one"), "{one}");
        let flat = quadratic(&pairs(&[4., 4., 4.], &[4., 4., 4.])).unwrap_err();
        assert!(flat.to_string().starts_with("no variance"), "{flat}");
    }
}
