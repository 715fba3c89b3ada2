//! ICC(2,1): the intraclass correlation for two-way random effects, absolute agreement, single
//! scorer, with its 95% confidence interval.
//!
//! Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
//! *Psychological Bulletin* 86(2), 420–428, case 2 (ICC(2,1)); McGraw & Wong (1996), "Forming
//! inferences about some intraclass correlation coefficients", *Psychological Methods* 1(1),
//! 30–46, who call it ICC(A,1). Both scorers (raters) and items (targets) are taken as random
//! samples, and a scorer who is systematically higher counts as disagreement.
//!
//! On `n` items each rated by all `k` scorers (a complete matrix `x_ij`), with the two-way
//! ANOVA mean squares for items (rows, `MSR`), scorers (columns, `MSC`) and residual (`MSE`):
//!
//! ```text
//! SSR = k·Σ_i (x̄_i· − x̄)²          MSR = SSR / (n − 1)
//! SSC = n·Σ_j (x̄_·j − x̄)²          MSC = SSC / (k − 1)
//! SSE = Σ(x_ij − x̄)² − SSR − SSC    MSE = SSE / ((n − 1)(k − 1))
//! ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE)/n)
//! ```
//!
//! The 95% confidence interval is McGraw & Wong's (1996, table 7, case 2A; Shrout & Fleiss's
//! approximation), with `ρ` the ICC, Satterthwaite's degrees of freedom `v`, and
//! `F(p; d1, d2)` the `p` quantile of Fisher's F:
//!
//! ```text
//! a  = k·ρ                    b = n·(1 + (k − 1)·ρ) − k·ρ
//! v  = (n − 1)(k − 1)·(a·MSC + b·MSE)² / ((n − 1)·(a·MSC)² + (b·MSE)²)
//! F* = F(0.975; n − 1, v)     F_* = F(0.975; v, n − 1)
//! lower = n·(MSR − F*·MSE) / (F*·(k·MSC + (k·n − k − n)·MSE) + n·MSR)
//! upper = n·(F_*·MSR − MSE) / (k·MSC + (k·n − k − n)·MSE + n·F_*·MSR)
//! ```
//!
//! The interval is clamped to `[−1, 1]`: with few items the approximation's lower end can fall
//! below −1 (five items gave −1.20), which no correlation can be, and cutting an interval to the
//! possible values keeps its coverage. The estimate itself is reported as computed.
//!
//! `v` is written here without dividing by `MSE`, so that scorers who differ only by a constant
//! (`MSE = 0`) still get an interval. The value is undefined with fewer than two items or
//! scorers, or when the denominator is zero (no variance between items nor scorers). The
//! interval alone is undefined when `v` is 0/0, that is `a·MSC = 0` and `b·MSE = 0`: when every
//! scorer gave every item the same score as every other scorer (`MSC = MSE = 0`), or when the
//! scorers' means are equal (`MSC = 0`) and `ρ = −n/(nk − n − k)`, where `b = 0`.

use super::{Stat, Sums, finite, int, to_f64, too_few, undefined_because};
use crate::model::number::Exact;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// The two-way ANOVA mean squares of a complete items × scorers matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct MeanSquares {
    pub items: usize,
    pub scorers: usize,
    pub rows: BigRational,
    pub columns: BigRational,
    pub error: BigRational,
}

/// ICC(2,1) and its 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Icc {
    pub value: f64,
    pub ci95: Stat<(f64, f64)>,
    pub mean_squares: MeanSquares,
}

/// The mean squares of `matrix`: one row per item, one column per scorer, no gaps.
pub fn mean_squares(matrix: &[Vec<Exact>]) -> Stat<MeanSquares> {
    let n = matrix.len();
    let k = matrix.first().map_or(0, Vec::len);
    if n < 2 {
        return too_few("icc_items_one", "icc_items_none", n);
    }
    if k < 2 {
        return undefined_because("icc_scorers", &[]);
    }
    if matrix.iter().any(|row| row.len() != k) {
        return undefined_because("icc_complete", &[]);
    }
    let (ni, ki) = (int(n as i64), int(k as i64));
    let all = Sums::of(matrix.iter().flatten());
    // Sums of squares from totals: SS = Σ(total²)/size − (grand total)²/N, exactly.
    let sum = all.sum();
    let correction = &sum * &sum / int(all.n);
    let total = all.squares() - &correction;
    // The totals of each item and of each scorer, and the sums of their squares.
    let row_totals: Vec<Exact> = matrix
        .iter()
        .map(|row| Exact::from_big(Sums::of(row).sum()))
        .collect();
    let rows = Sums::of(&row_totals).squares() / &ki - &correction;
    let column_totals: Vec<Exact> = (0..k)
        .map(|j| Exact::from_big(Sums::of(matrix.iter().map(|row| &row[j])).sum()))
        .collect();
    let columns = Sums::of(&column_totals).squares() / &ni - &correction;
    let error = total - &rows - &columns;
    let one = int(1);
    Ok(MeanSquares {
        items: n,
        scorers: k,
        rows: rows / (&ni - &one),
        columns: columns / (&ki - &one),
        error: error / ((&ni - &one) * (&ki - &one)),
    })
}

/// ICC(2,1) of `matrix` (one row per item, one column per scorer, no gaps) with its 95% interval.
pub fn icc_2_1(matrix: &[Vec<Exact>]) -> Stat<Icc> {
    let ms = mean_squares(matrix)?;
    let rho = estimate(&ms)?;
    let value = to_f64(&rho);
    let ci95 = interval(&ms, &rho).map(|(lo, hi)| (lo.clamp(-1.0, 1.0), hi.clamp(-1.0, 1.0)));
    Ok(Icc {
        value,
        ci95,
        mean_squares: ms,
    })
}

/// ICC(2,1) from the mean squares, exactly.
fn estimate(ms: &MeanSquares) -> Stat<BigRational> {
    let (n, k) = (int(ms.items as i64), int(ms.scorers as i64));
    let one = int(1);
    let denominator = &ms.rows + (&k - &one) * &ms.error + &k * (&ms.columns - &ms.error) / &n;
    if !denominator.is_positive() {
        return undefined_because("icc_no_variance", &[]);
    }
    Ok((&ms.rows - &ms.error) / denominator)
}

/// McGraw & Wong's interval as the formula gives it, before clamping to `[−1, 1]`.
fn interval(ms: &MeanSquares, rho: &BigRational) -> Stat<(f64, f64)> {
    let (ni, ki) = (ms.items as i64, ms.scorers as i64);
    let (n, k) = (int(ni), int(ki));
    let one = int(1);
    let a = &k * rho;
    let b = &n * (&one + (&k - &one) * rho) - &k * rho;
    let am = &a * &ms.columns;
    let bm = &b * &ms.error;
    let v_denominator = (&n - &one) * &am * &am + &bm * &bm;
    if v_denominator.is_zero() {
        // Satterthwaite's degrees of freedom are 0/0: a·MSC = 0 and b·MSE = 0.
        return undefined_because(
            if ms.error.is_zero() && ms.columns.is_zero() {
                "icc_degenerate"
            } else {
                "icc_df_undefined"
            },
            &[],
        );
    }
    let v_numerator = (&n - &one) * (&k - &one) * (&am + &bm) * (&am + &bm);
    let v = to_f64(&(v_numerator / v_denominator));
    let df_items = (ni - 1) as f64;
    let quantile = |d1: f64, d2: f64| -> Stat {
        let f = FisherSnedecor::new(d1, d2).or_else(|_| {
            undefined_because(
                "f_undefined",
                &[("d1", d1.to_string()), ("d2", d2.to_string())],
            )
        })?;
        finite(f.inverse_cdf(0.975), "f_not_finite")
    };
    let f_upper = quantile(df_items, v)?;
    let f_lower = quantile(v, df_items)?;
    let (msr, msc, mse) = (to_f64(&ms.rows), to_f64(&ms.columns), to_f64(&ms.error));
    let (nf, kf) = (ni as f64, ki as f64);
    let c = kf * nf - kf - nf;
    let lower = nf * (msr - f_upper * mse) / (f_upper * (kf * msc + c * mse) + nf * msr);
    let upper = nf * (f_lower * msr - mse) / (kf * msc + c * mse + nf * f_lower * msr);
    let why = "interval_not_finite";
    Ok((finite(lower, why)?, finite(upper, why)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::testing::xs;
    use approx::assert_abs_diff_eq;

    fn matrix(rows: &[&[f64]]) -> Vec<Vec<Exact>> {
        rows.iter().map(|r| xs(r)).collect()
    }

    /// Shrout & Fleiss (1979), table 2: six targets rated by four judges; the paper gives
    /// ICC(2,1) = 0.29. Reference for the unrounded value and the interval: pingouin 0.7.0
    /// (`scripts/reference-values.py`, "Shrout & Fleiss table 2"), with rounding switched off —
    /// `pg.options["round"] = None; pg.options["round.column.CI95"] = None;
    ///  pg.intraclass_corr(df, targets="t", raters="r", ratings="s")`, row `ICC(A,1)`:
    /// ICC `0.28976377952755916`, CI95 `[0.018786513374712058, 0.7610843696489527]`.
    #[test]
    fn shrout_and_fleiss_table_2() {
        let m = matrix(&[
            &[9., 2., 5., 8.],
            &[6., 1., 3., 2.],
            &[8., 4., 6., 8.],
            &[7., 1., 2., 6.],
            &[10., 5., 6., 9.],
            &[6., 2., 4., 7.],
        ]);
        let icc = icc_2_1(&m).unwrap();
        assert_eq!(format!("{:.2}", icc.value), "0.29");
        assert_abs_diff_eq!(icc.value, 0.28976377952755916, epsilon = 1e-12);
        let (lo, hi) = icc.ci95.unwrap();
        assert_abs_diff_eq!(lo, 0.018786513374712058, epsilon = 1e-9);
        assert_abs_diff_eq!(hi, 0.7610843696489527, epsilon = 1e-9);
        // Table 2's mean squares: between targets 11.24, between judges 32.49, residual 1.02.
        let ms = &icc.mean_squares;
        assert_eq!(format!("{:.2}", to_f64(&ms.rows)), "11.24");
        assert_eq!(format!("{:.2}", to_f64(&ms.columns)), "32.49");
        assert_eq!(format!("{:.2}", to_f64(&ms.error)), "1.02");
    }

    /// Reference (`scripts/reference-values.py`, "half points"): pingouin 0.7.0 as above, on two scorers' half-point scores of eight items:
    /// scorer 1 `[3,3.5,4,5,2.5,6,4.5,3]`, scorer 2 `[3.5,3.5,5,4.5,2,6,4,4]` →
    /// ICC(A,1) `0.8631921824104235`, CI95 `[0.47284042120900466, 0.9709006169834031]`.
    #[test]
    fn two_scorers_on_half_points() {
        let s1 = [3., 3.5, 4., 5., 2.5, 6., 4.5, 3.];
        let s2 = [3.5, 3.5, 5., 4.5, 2., 6., 4., 4.];
        let rows: Vec<Vec<Exact>> = s1.iter().zip(&s2).map(|(a, b)| xs(&[*a, *b])).collect();
        let icc = icc_2_1(&rows).unwrap();
        assert_abs_diff_eq!(icc.value, 0.8631921824104235, epsilon = 1e-12);
        let (lo, hi) = icc.ci95.unwrap();
        assert_abs_diff_eq!(lo, 0.47284042120900466, epsilon = 1e-9);
        assert_abs_diff_eq!(hi, 0.9709006169834031, epsilon = 1e-9);
    }

    /// Regression: `agreement --by municipality` showed Ödeshög A's interval as −1.20–0.86.
    /// Five interviews, scorers Johan and Maria, from `data/ostergotland-scores.csv`.
    #[test]
    fn the_interval_is_clamped_to_minus_one_and_one() {
        let johan = [4.5, 3., 2.5, 4.5, 2.];
        let maria = [3., 3.5, 2.5, 3.5, 3.5];
        let rows: Vec<Vec<Exact>> = johan
            .iter()
            .zip(&maria)
            .map(|(a, b)| xs(&[*a, *b]))
            .collect();
        let icc = icc_2_1(&rows).unwrap();
        assert_eq!(format!("{:.2}", icc.value), "0.08");
        let rho = estimate(&icc.mean_squares).unwrap();
        let (raw_lo, raw_hi) = interval(&icc.mean_squares, &rho).unwrap();
        assert!(raw_lo < -1.0, "the formula's own lower end: {raw_lo}");
        assert_eq!(format!("{raw_lo:.2}"), "-1.20");
        assert_eq!(icc.ci95.unwrap(), (-1.0, raw_hi));
        assert!(raw_hi < 1.0);
    }

    #[test]
    fn a_constant_offset_lowers_absolute_agreement_but_keeps_an_interval() {
        // Scorer 2 is always one level higher: no residual (MSE = 0), yet ICC(2,1) < 1.
        let m = matrix(&[&[2., 3.], &[4., 5.], &[6., 7.], &[3., 4.]]);
        let icc = icc_2_1(&m).unwrap();
        assert!(icc.value < 1.0 && icc.value > 0.5, "{}", icc.value);
        let (lo, hi) = icc.ci95.unwrap();
        assert!(lo < icc.value && icc.value <= hi, "{lo} {} {hi}", icc.value);
    }

    #[test]
    fn degenerate_inputs_are_undefined_with_a_reason() {
        let one = icc_2_1(&matrix(&[&[3., 4.]])).unwrap_err();
        assert!(one.to_string().contains("there is one"), "{one}");
        let single = icc_2_1(&matrix(&[&[3.], &[4.]])).unwrap_err();
        assert_eq!(single.to_string(), "needs at least two scorers");
        let flat = icc_2_1(&matrix(&[&[5., 5.], &[5., 5.]])).unwrap_err();
        assert!(flat.to_string().starts_with("no variance"), "{flat}");
        // Two items, two scorers, the scorers swap: MSR = MSC = 0, only residual.
        let swap = icc_2_1(&matrix(&[&[1., 2.], &[2., 1.]])).unwrap_err();
        assert!(swap.to_string().starts_with("no variance"), "{swap}");
        // No variance between items' means nor scorers: b = n(1 + ρ) − 2ρ = 0 at ρ = −5/3, so
        // v = 0/0. (pingouin 0.7.0 gives ICC −1.6666666666666667 here too.)
        let odd = icc_2_1(&matrix(&[
            &[5., 4.],
            &[4., 5.],
            &[4.5, 4.5],
            &[4.5, 4.5],
            &[4.5, 4.5],
        ]))
        .unwrap();
        assert_abs_diff_eq!(odd.value, -5.0 / 3.0, epsilon = 1e-12);
        let why = odd.ci95.unwrap_err().to_string();
        assert!(
            why.to_string()
                .starts_with("the interval's degrees of freedom are undefined"),
            "{why}"
        );
        // Perfect agreement on varied items: ICC 1, but no interval.
        let same = icc_2_1(&matrix(&[&[2., 2.], &[5., 5.], &[7., 7.]])).unwrap();
        assert_abs_diff_eq!(same.value, 1.0);
        assert!(same.ci95.unwrap_err().to_string().contains("agree exactly"));
    }
}
