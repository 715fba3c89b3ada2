//! Krippendorff's alpha with the interval metric: any number of scorers, missing scores allowed.
//!
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School for
//! Communication, University of Pennsylvania (<https://repository.upenn.edu/asc_papers/43>);
//! Krippendorff (2004), *Content Analysis*, 2nd ed., ch. 11. With the interval difference
//! `δ²(a, b) = (a − b)²`, over the *pairable* values — those of items (units) that at least two
//! scorers rated, `m_u` values in item `u`, `n = Σ m_u` in all:
//!
//! ```text
//! α   = 1 − D_o / D_e
//! D_o = (1/n)        Σ_u  1/(m_u − 1) · Σ_{i≠j in u} (v_i − v_j)²     within items
//! D_e = 1/(n(n − 1))        Σ_{i≠j over all n values} (v_i − v_j)²      between any two values
//! ```
//!
//! the pairwise-difference form of the coincidence-matrix computation in the 2011 paper (the
//! coincidence matrix only groups these same pairs by value). A sum over ordered pairs is
//! `Σ_{i≠j} (v_i − v_j)² = 2·(m·Σv² − (Σv)²)`, which is what is computed, exactly.
//!
//! Undefined with fewer than two pairable items, and when `D_e = 0` (every pairable value is the
//! same: no variation for disagreement to be measured against).

use super::{Stat, Sums, int, to_f64, too_few, undefined_because};
use crate::model::number::Exact;
use num_traits::Zero;

/// Interval alpha of `items`, each the scores it received (missing scores simply left out).
pub fn interval(items: &[Vec<Exact>]) -> Stat {
    let pairable: Vec<&Vec<Exact>> = items.iter().filter(|u| u.len() >= 2).collect();
    if pairable.len() < 2 {
        return too_few("alpha_items_one", "alpha_items_none", pairable.len());
    }
    let mut within = Exact::int(0);
    for unit in &pairable {
        let s = Sums::of(unit.iter());
        within = &within + &(&(&Exact::int(2) * &s.spread()) / &Exact::int(s.n - 1));
    }
    let within = within.to_big();
    let all = Sums::of(pairable.iter().flat_map(|u| u.iter()));
    let n = int(all.n);
    let between = int(2) * all.spread().to_big();
    if between.is_zero() {
        return undefined_because("alpha_no_variance", &[]);
    }
    // D_o / D_e = (within / n) / (between / (n(n − 1))) = within·(n − 1) / between.
    let alpha = int(1) - within * (n - int(1)) / between;
    Ok(to_f64(&alpha))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testing::xs;
    use approx::assert_abs_diff_eq;

    /// Krippendorff (2011), section C, "Interval metric": four observers, twelve units, with
    /// missing values; the paper gives α_interval = 0.849. The same data in the `krippendorff`
    /// Python package 0.9.0 (`scripts/reference-values.py`, "Krippendorff 2011"):
    /// `krippendorff.alpha(reliability_data=[[1,2,3,3,2,1,4,1,2,nan,nan,nan],
    ///   [1,2,3,3,2,2,4,1,2,5,nan,3], [nan,3,3,3,2,3,4,2,2,5,1,nan], [1,2,3,3,2,4,4,1,2,5,1,nan]],
    ///   level_of_measurement="interval")` → `0.8491071428571428`.
    #[test]
    fn krippendorffs_worked_example() {
        let by_unit: [&[f64]; 12] = [
            &[1., 1., 1.],
            &[2., 2., 3., 2.],
            &[3., 3., 3., 3.],
            &[3., 3., 3., 3.],
            &[2., 2., 2., 2.],
            &[1., 2., 3., 4.],
            &[4., 4., 4., 4.],
            &[1., 1., 2., 1.],
            &[2., 2., 2., 2.],
            &[5., 5., 5.],
            &[1., 1.],
            &[3.],
        ];
        let units: Vec<Vec<Exact>> = by_unit.iter().map(|u| xs(u)).collect();
        let alpha = interval(&units).unwrap();
        assert_abs_diff_eq!(alpha, 0.8491071428571428, epsilon = 1e-12);
        assert_eq!(format!("{alpha:.3}"), "0.849");
    }

    /// Reference (`scripts/reference-values.py`): `krippendorff` 0.9.0, two scorers on half points with one score missing:
    /// `krippendorff.alpha(reliability_data=[[3,3.5,4,5,2.5,6,4.5,nan],
    ///   [3.5,3.5,5,4.5,2,6,4,4]], level_of_measurement="interval")` → `0.8992248062015504`.
    #[test]
    fn half_points_and_a_missing_score() {
        let units = vec![
            xs(&[3., 3.5]),
            xs(&[3.5, 3.5]),
            xs(&[4., 5.]),
            xs(&[5., 4.5]),
            xs(&[2.5, 2.]),
            xs(&[6., 6.]),
            xs(&[4.5, 4.]),
            xs(&[4.]),
        ];
        let alpha = interval(&units).unwrap();
        assert_abs_diff_eq!(alpha, 0.8992248062015504, epsilon = 1e-12);
    }

    #[test]
    fn degenerate_inputs_are_undefined_with_a_reason() {
        let lone = interval(&[xs(&[3.]), xs(&[4.])]).unwrap_err();
        assert!(lone.to_string().contains("are none"), "{lone}");
        let one = interval(&[xs(&[3., 4.]), xs(&[4.])]).unwrap_err();
        assert!(one.to_string().contains("there is one"), "{one}");
        let flat = interval(&[xs(&[5., 5.]), xs(&[5., 5., 5.])]).unwrap_err();
        assert!(flat.to_string().starts_with("no variance"), "{flat}");
    }

    #[test]
    fn perfect_agreement_is_one() {
        let units = vec![xs(&[2., 2.]), xs(&[5., 5., 5.]), xs(&[7.5, 7.5])];
        assert_abs_diff_eq!(interval(&units).unwrap(), 1.0);
    }
}
