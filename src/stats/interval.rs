//! The 95% t-interval of a mean, for the uncertainty of dimension and overall scores.
//!
//! Student's t-interval for the mean of `n` values with the *sample* standard deviation (the
//! `n − 1` denominator) and `n − 1` degrees of freedom (any introductory text, e.g. Moore,
//! McCabe & Craig, *Introduction to the Practice of Statistics*, ch. 7):
//!
//! ```text
//! s² = Σ(x − x̄)² / (n − 1) = (n·Σx² − (Σx)²) / (n(n − 1))
//! half-width h = t(0.975; n − 1) · s / √n          interval = centre ± h
//! ```
//!
//! The caller picks the centre: a dimension's score is the mean of its interviews' combined
//! scores; the overall score is the mean of the dimension scores, which equals the mean of the
//! interview-level means whenever every interview has every dimension. The interval is then
//! clamped to the rubric's scale `[1, levels]`: the true mean cannot lie outside the scale, and
//! cutting an interval to the possible values keeps its coverage.
//!
//! Undefined with fewer than two values. Equal values give a zero-width interval: the data show
//! no spread, and the interval says so.

use super::{Stat, Sums, finite, too_few};
use crate::model::number::Exact;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// The half-width of the 95% t-interval of the mean of `values`.
pub fn t_half_width_95(values: &[Exact]) -> Stat {
    half_width(Sums::of(values))
}

/// Student's t quantile t(0.975; df), remembered per `df` below 1024 (indexed by it, NaN where
/// not yet computed): its inverse CDF is iterative and the same few degrees of freedom recur for
/// every municipality.
fn t_975(df: i64) -> Stat {
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let index = usize::try_from(df).ok().filter(|i| *i < 1024);
    let known = index.and_then(|i| CACHE.with(|c| c.borrow().get(i).copied()));
    if let Some(t) = known.filter(|t| !t.is_nan()) {
        return Ok(t);
    }
    let dff = df as f64;
    let t = StudentsT::new(0.0, 1.0, dff)
        .map_err(|e| super::Undefined::Text(format!("no t distribution with {dff} degrees: {e}")))?
        .inverse_cdf(0.975);
    if let Some(i) = index {
        CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            if cache.len() <= i {
                cache.resize(i + 1, f64::NAN);
            }
            cache[i] = t;
        });
    }
    Ok(t)
}

fn half_width(s: Sums) -> Stat {
    if s.n < 2 {
        return too_few("interviews_one", "interviews_none", s.n as usize);
    }
    let variance = (&s.spread() / &Exact::int(s.n * (s.n - 1))).to_f64();
    let t = t_975(s.n - 1)?;
    finite(
        t * variance.sqrt() / (s.n as f64).sqrt(),
        "interval_not_finite",
    )
}

/// `centre ± half_width`, clamped to `[1, levels]`.
pub fn clamped(centre: f64, half_width: f64, levels: u32) -> (f64, f64) {
    let top = f64::from(levels);
    (
        (centre - half_width).clamp(1.0, top),
        (centre + half_width).clamp(1.0, top),
    )
}

/// The stages an interval spans: its ends rounded down, clamped to the scale, and always
/// including `stage` (the exactly computed stage of the centre).
pub fn stage_range(ci: (f64, f64), stage: i64, levels: u32) -> (i64, i64) {
    let top = i64::from(levels);
    // The ends are clamped to [1, levels], so the casts cannot overflow.
    let lo = (ci.0.floor() as i64).clamp(1, top);
    let hi = (ci.1.floor() as i64).clamp(1, top);
    (lo.min(stage), hi.max(stage))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testing::xs;
    use approx::assert_abs_diff_eq;

    /// Reference (`scripts/reference-values.py`, "t interval"): scipy 1.17.1,
    /// `scipy.stats.t.interval(0.95, 4, loc=numpy.mean(x), scale=scipy.stats.sem(x))` for
    /// `x = [4.5, 5, 5.5, 4, 5.5]` → `(4.090534107645649, 5.709465892354352)`.
    #[test]
    fn matches_scipy() {
        let x = xs(&[4.5, 5., 5.5, 4., 5.5]);
        let h = t_half_width_95(&x).unwrap();
        let mean = 4.9;
        assert_abs_diff_eq!(mean - h, 4.090534107645649, epsilon = 1e-9);
        assert_abs_diff_eq!(mean + h, 5.709465892354352, epsilon = 1e-9);
    }

    /// One degree of freedom: t(0.975; 1) = 12.706204736174694 (scipy 1.17.1,
    /// `scipy.stats.t.ppf(0.975, 1)`); two values 4 and 6 have s = √2, so h = t·√2/√2 = t.
    #[test]
    fn two_values_use_one_degree_of_freedom() {
        let h = t_half_width_95(&xs(&[4., 6.])).unwrap();
        assert_abs_diff_eq!(h, 12.706204736174694, epsilon = 1e-6);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(
            t_half_width_95(&[])
                .unwrap_err()
                .to_string()
                .contains("are none")
        );
        assert!(
            t_half_width_95(&xs(&[4.]))
                .unwrap_err()
                .to_string()
                .contains("is one")
        );
        assert_eq!(t_half_width_95(&xs(&[4., 4., 4.])).unwrap(), 0.0);
    }

    #[test]
    fn clamping_and_stage_ranges() {
        assert_eq!(clamped(8.5, 1.2, 9), (7.3, 9.0));
        assert_eq!(clamped(1.5, 2.0, 9), (1.0, 3.5));
        // 4.9 from five interviews is not a firm stage 4.
        assert_eq!(stage_range((3.8, 5.99), 4, 9), (3, 5));
        assert_eq!(stage_range((9.0, 9.0), 9, 9), (9, 9));
        assert_eq!(stage_range((4.2, 4.8), 4, 9), (4, 4));
        // The range always holds the exactly computed stage.
        assert_eq!(stage_range((5.0, 5.0), 4, 9), (4, 5));
    }
}
