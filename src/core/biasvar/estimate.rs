//! Unbiased estimates of the squared bias and the variance from R fits, with their standard
//! errors.
//!
//! With fits h_1..h_R on R independent training sets, at an evaluation point x:
//! - the plug-in `(h̄ − f)²` is biased upward: `E[(h̄ − f)²] = bias² + σ_h²/R`, where σ_h² is
//!   the fits' variance at x. Near an interpolation threshold σ_h² is huge, so with R = 200 the
//!   plug-in shows sampling error as a rising bias² curve;
//! - `s² = Σ_r (h_r − h̄)² / (R − 1)` is unbiased for σ_h², so
//!   **bias² = `mean_x [(h̄ − f)² − s²/R]`** and **variance = `mean_x s²`** are unbiased, and
//!   their sum is still `mean_x mean_r (h_r − f)²` exactly (the identity of the
//!   decomposition). The unbiased bias² can come out below zero by sampling error: it is then
//!   "not distinguishable from 0", never a value to put on a log axis.
//!
//! The standard errors are the jackknife's over the R fits (leave one fit out, recompute,
//! `√((R − 1)/R · Σ (θ₍ᵣ₎ − θ̄)²)`), computed in O(R·M) from each point's centred sums: with
//! `d_r = h_r − h̄` and `Q = Σ d_r²`, leaving fit r out moves the mean by `−d_r/(R − 1)` and
//! leaves `Q − d_r²·R/(R − 1)` as the sum of squares. They need R ≥ 3 (NaN below). The
//! jackknife errs on the safe side: where the bias is near 0 (bias² is then a degenerate
//! U-statistic of the fits) its standard error is about √2 too large, so a band errs towards
//! "not distinguishable from 0"; where the bias is clear it is the estimate's spread. The
//! standard error of a mean over the R fits (the expected test MSE) is the usual `s/√R`.
//!
//! No threads, no egui (core rule): pure functions of the fits.

/// The squared bias and the variance of R fits, unbiased, with their standard errors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BiasVariance {
    /// `mean_x [(h̄ − f)² − s²/R]`: unbiased, may be slightly negative.
    pub bias2: f64,
    /// `mean_x (h̄ − f)²`: the plug-in estimate, biased upward by `variance/R`.
    pub bias2_plugin: f64,
    /// `mean_x s²` (sample variance over the fits, divisor R − 1).
    pub variance: f64,
    /// The jackknife standard error of `bias2` (NaN for R < 3).
    pub bias2_se: f64,
    /// The jackknife standard error of `variance` (NaN for R < 3).
    pub variance_se: f64,
}

/// The estimates from `fits` (R rows of M predictions) against `truth` (length M). With one
/// fit the variance is 0 and the bias² the plug-in (nothing better can be said).
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn bias_variance(fits: &[Vec<f64>], truth: &[f64]) -> BiasVariance {
    let r_count = fits.len();
    let m_count = truth.len();
    if r_count == 0 || m_count == 0 {
        return BiasVariance {
            bias2: f64::NAN,
            bias2_plugin: f64::NAN,
            variance: f64::NAN,
            bias2_se: f64::NAN,
            variance_se: f64::NAN,
        };
    }
    let r = r_count as f64;
    let m = m_count as f64;
    let mut mean = vec![0.0; m_count];
    for fit in fits {
        for (s, h) in mean.iter_mut().zip(fit) {
            *s += h;
        }
    }
    for s in &mut mean {
        *s /= r;
    }
    // Q at each point: the sum of squared deviations from the mean.
    let mut q = vec![0.0; m_count];
    for fit in fits {
        for ((s, h), mu) in q.iter_mut().zip(fit).zip(&mean) {
            *s += (h - mu).powi(2);
        }
    }
    let offset: Vec<f64> = mean.iter().zip(truth).map(|(mu, f)| mu - f).collect();
    let bias2_plugin = offset.iter().map(|e| e * e).sum::<f64>() / m;
    if r_count < 2 {
        return BiasVariance {
            bias2: bias2_plugin,
            bias2_plugin,
            variance: 0.0,
            bias2_se: f64::NAN,
            variance_se: f64::NAN,
        };
    }
    let s2: Vec<f64> = q.iter().map(|q| q / (r - 1.0)).collect();
    let variance = s2.iter().sum::<f64>() / m;
    let bias2 = offset
        .iter()
        .zip(&s2)
        .map(|(e, s2)| e * e - s2 / r)
        .sum::<f64>()
        / m;
    let (bias2_se, variance_se) = if r_count < 3 {
        (f64::NAN, f64::NAN)
    } else {
        // Leave-one-out estimates, fit by fit.
        let n = r - 1.0;
        let mut loo_bias2 = Vec::with_capacity(r_count);
        let mut loo_variance = Vec::with_capacity(r_count);
        for fit in fits {
            let (mut b, mut v) = (0.0, 0.0);
            for (((h, mu), e), q) in fit.iter().zip(&mean).zip(&offset).zip(&q) {
                let d = h - mu;
                let e_loo = e - d / n;
                let s2_loo = ((q - d * d * r / n) / (n - 1.0)).max(0.0);
                b += e_loo * e_loo - s2_loo / n;
                v += s2_loo;
            }
            loo_bias2.push(b / m);
            loo_variance.push(v / m);
        }
        (jackknife_se(&loo_bias2), jackknife_se(&loo_variance))
    };
    BiasVariance {
        bias2,
        bias2_plugin,
        variance,
        bias2_se,
        variance_se,
    }
}

/// The share of the fits' total squared spread (`Σ_r mean_x (h_r − h̄)²`, the variance times
/// R − 1) carried by the largest 1 % of the fits (at least one): near 0.01 for a well-behaved
/// beam, near 1 when a few exploding fits make the variance (heavy tails). NaN without spread.
#[must_use]
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
pub fn top_percent_share(fits: &[Vec<f64>], mean: &[f64]) -> f64 {
    let mut spread: Vec<f64> = fits
        .iter()
        .map(|fit| fit.iter().zip(mean).map(|(h, m)| (h - m).powi(2)).sum())
        .collect();
    let total: f64 = spread.iter().sum();
    if total.is_nan() || total <= 0.0 || total.is_infinite() {
        return f64::NAN;
    }
    spread.sort_by(|a, b| b.total_cmp(a));
    let top = ((spread.len() as f64) * 0.01).ceil().max(1.0) as usize;
    spread[..top].iter().sum::<f64>() / total
}

/// The point-wise median of the fits (the middle fit at every x; the mean of the two middle
/// ones for an even R): beside the mean, it shows where most fits are when a few explode.
#[must_use]
pub fn median_fit(fits: &[Vec<f64>]) -> Vec<f64> {
    let width = fits.first().map_or(0, Vec::len);
    (0..width)
        .map(|i| {
            crate::core::stats::median(fits.iter().filter_map(|f| f.get(i).copied()))
                .unwrap_or(f64::NAN)
        })
        .collect()
}

/// The jackknife standard error from the leave-one-out estimates.
#[allow(clippy::cast_precision_loss)]
fn jackknife_se(leave_one_out: &[f64]) -> f64 {
    let n = leave_one_out.len() as f64;
    let mean = leave_one_out.iter().sum::<f64>() / n;
    ((n - 1.0) / n
        * leave_one_out
            .iter()
            .map(|v| (v - mean).powi(2))
            .sum::<f64>())
    .sqrt()
}

/// The standard error of the mean of `values`: sample standard deviation / √n (NaN for fewer
/// than two values).
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn mean_se(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return f64::NAN;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0) / n).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, StandardNormal};

    /// R fits `f + b + τ·z` at M points: known bias² = mean b², known variance = τ².
    fn fits(rng: &mut ChaCha8Rng, bias: &[f64], tau: f64, r: usize) -> Vec<Vec<f64>> {
        (0..r)
            .map(|_| {
                bias.iter()
                    .map(|b| {
                        let z: f64 = StandardNormal.sample(rng);
                        b + tau * z
                    })
                    .collect()
            })
            .collect()
    }

    /// A known small bias under a large variance with few fits: the plug-in is visibly off
    /// (by τ²/R), the corrected estimate is within 2 SE of the truth — on average over many
    /// replications and in the typical single one.
    #[test]
    fn the_corrected_bias_is_unbiased_where_the_plugin_is_not() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let bias: Vec<f64> = (0..20).map(|i| 0.05 * f64::from(i % 3)).collect();
        let true_bias2 = bias.iter().map(|b| b * b).sum::<f64>() / 20.0;
        let (tau, r) = (2.0, 10);
        let truth = vec![0.0; 20];
        let replications = 2000;
        let (mut plugin, mut corrected, mut variance, mut within) = (0.0, 0.0, 0.0, 0);
        let mut estimates = Vec::new();
        let mut ses = Vec::new();
        for _ in 0..replications {
            let e = bias_variance(&fits(&mut rng, &bias, tau, r), &truth);
            plugin += e.bias2_plugin;
            corrected += e.bias2;
            variance += e.variance;
            within += usize::from((e.bias2 - true_bias2).abs() <= 2.0 * e.bias2_se);
            estimates.push(e.bias2);
            ses.push(e.bias2_se);
        }
        let n = f64::from(replications);
        let (plugin, corrected, variance) = (plugin / n, corrected / n, variance / n);
        // The plug-in is off by τ²/R = 0.4 against a true bias² of about 0.0017.
        assert!(
            (plugin - true_bias2 - tau * tau / 10.0).abs() < 0.02,
            "{plugin}"
        );
        // The corrected estimate's mean is the truth within its Monte-Carlo error.
        let sd = (estimates
            .iter()
            .map(|v| (v - corrected).powi(2))
            .sum::<f64>()
            / n)
            .sqrt();
        assert!(
            (corrected - true_bias2).abs() < 3.0 * sd / n.sqrt(),
            "{corrected}"
        );
        assert!((variance - tau * tau).abs() < 0.05, "{variance}");
        // With the bias this near 0 the jackknife errs on the safe side: its SE is larger
        // than the estimates' spread over replications (by about √2, the degenerate
        // U-statistic case), so ±2 SE covers the truth more often than 95 %.
        let mean_se = ses.iter().sum::<f64>() / n;
        let ratio = mean_se / sd;
        assert!(
            (0.95..1.6).contains(&ratio),
            "SE {mean_se} against spread {sd}"
        );
        assert!(within as f64 / n > 0.95, "{within}");
    }

    /// Where the bias is large against the fits' noise, the jackknife SE is the spread of the
    /// estimate over replications (within 15 %).
    #[test]
    fn the_jackknife_se_is_the_spread_where_the_bias_is_clear() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let bias: Vec<f64> = (0..20).map(|i| 0.5 + 0.1 * f64::from(i % 4)).collect();
        let truth = vec![0.0; 20];
        let mut estimates = Vec::new();
        let mut ses = Vec::new();
        for _ in 0..2000 {
            let e = bias_variance(&fits(&mut rng, &bias, 1.0, 40), &truth);
            estimates.push(e.bias2);
            ses.push(e.bias2_se);
        }
        let n = estimates.len() as f64;
        let mean = estimates.iter().sum::<f64>() / n;
        let sd = (estimates.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        let mean_se = ses.iter().sum::<f64>() / n;
        assert!(
            (mean_se / sd - 1.0).abs() < 0.15,
            "SE {mean_se} against spread {sd}"
        );
    }

    #[test]
    fn bias_plus_variance_keeps_the_identity() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let truth: Vec<f64> = (0..15).map(|i| libm::sin(f64::from(i))).collect();
        let bias: Vec<f64> = (0..15).map(|i| 0.3 * libm::cos(f64::from(i))).collect();
        let fits: Vec<Vec<f64>> = fits(&mut rng, &bias, 0.7, 25)
            .into_iter()
            .map(|fit| fit.iter().zip(&truth).map(|(h, f)| h + f).collect())
            .collect();
        let e = bias_variance(&fits, &truth);
        let direct = fits
            .iter()
            .flat_map(|fit| fit.iter().zip(&truth).map(|(h, f)| (h - f).powi(2)))
            .sum::<f64>()
            / (25.0 * 15.0);
        assert!(
            (e.bias2 + e.variance - direct).abs() < 1e-12,
            "{e:?} {direct}"
        );
        assert!(e.bias2 < e.bias2_plugin);
    }

    /// The O(R·M) jackknife against leaving each fit out and recomputing from scratch.
    #[test]
    fn the_jackknife_matches_a_direct_computation() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let truth: Vec<f64> = (0..7).map(|_| rng.random_range(-1.0..1.0)).collect();
        let fits: Vec<Vec<f64>> = (0..9)
            .map(|_| (0..7).map(|_| rng.random_range(-3.0..3.0)).collect())
            .collect();
        let e = bias_variance(&fits, &truth);
        let loo: Vec<BiasVariance> = (0..fits.len())
            .map(|skip| {
                let rest: Vec<Vec<f64>> = fits
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != skip)
                    .map(|(_, f)| f.clone())
                    .collect();
                bias_variance(&rest, &truth)
            })
            .collect();
        let se = |values: Vec<f64>| jackknife_se(&values);
        let bias2_se = se(loo.iter().map(|l| l.bias2).collect());
        let variance_se = se(loo.iter().map(|l| l.variance).collect());
        assert!(
            (e.bias2_se - bias2_se).abs() < 1e-12 * (1.0 + bias2_se),
            "{e:?}"
        );
        assert!((e.variance_se - variance_se).abs() < 1e-12 * (1.0 + variance_se));
        assert!(e.bias2_se > 0.0 && e.variance_se > 0.0);
    }

    #[test]
    fn one_wild_fit_carries_the_variance_and_the_median_ignores_it() {
        // 99 fits at ±0.1 and one at 50: the top 1 % (one fit) carries almost all spread.
        let mut fits: Vec<Vec<f64>> = (0..99)
            .map(|r| vec![if r % 2 == 0 { 0.1 } else { -0.1 }; 3])
            .collect();
        fits.push(vec![50.0; 3]);
        let mean: Vec<f64> = (0..3)
            .map(|i| fits.iter().map(|f| f[i]).sum::<f64>() / 100.0)
            .collect();
        let share = top_percent_share(&fits, &mean);
        assert!(share > 0.98, "{share}");
        let median = median_fit(&fits);
        assert!(
            median
                .iter()
                .all(|&m| (m - (-0.1)).abs() < 1e-12 || (m - 0.1).abs() < 1e-12)
        );
        // A tame beam: no fit stands out; the top 1 % is about 1 % of the spread.
        let tame: Vec<Vec<f64>> = (0..200).map(|r| vec![f64::from(r % 2) - 0.5]).collect();
        let share = top_percent_share(&tame, &[0.0]);
        assert!((share - 0.01).abs() < 1e-12, "{share}");
        assert!(top_percent_share(&[vec![1.0]], &[1.0]).is_nan());
    }

    #[test]
    fn few_fits_give_no_standard_error() {
        let e = bias_variance(&[vec![1.0, 2.0]], &[0.0, 0.0]);
        assert_eq!((e.bias2, e.variance), (2.5, 0.0));
        assert!(e.bias2_se.is_nan());
        let e = bias_variance(&[vec![1.0], vec![3.0]], &[0.0]);
        // s² = 2, bias² = (2)² − 2/2 = 3.
        assert_eq!((e.bias2, e.variance), (3.0, 2.0));
        assert!(e.variance_se.is_nan());
        assert!(mean_se(&[1.0]).is_nan());
        assert!((mean_se(&[1.0, 3.0]) - 1.0).abs() < 1e-15);
    }
}
