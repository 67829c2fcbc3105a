//! The bias–variance decomposition at one complexity (Geman, Bienenstock & Doursat 1992;
//! Hastie, Tibshirani & Friedman 2009, §7.3).
//!
//! On the evaluation points x_1..x_M (the test grid, or the fixed training inputs — see
//! [`super::config::Evaluation`]), with fits h_1..h_R on R training sets:
//! - `h̄(x) = mean_r h_r(x)`, `s²(x) = Σ_r (h_r(x) − h̄(x))² / (R − 1)`;
//! - bias² = `mean_x [(h̄(x) − f(x))² − s²(x)/R]` and variance = `mean_x s²(x)`, both unbiased
//!   (the plug-in `(h̄ − f)²` carries `variance/R` of sampling error, which near an
//!   interpolation threshold outgrows the bias itself), with jackknife standard errors
//!   ([`super::estimate`]); still `mean_x mean_r (h_r(x) − f(x))² = bias² + variance` exactly;
//! - noise = σ²;
//! - expected test MSE = `mean_x mean_r (h_r(x) − y_rx)²` with fresh test targets
//!   `y_rx = f(x) + ε_rx` (one draw per grid point and repeat). It equals
//!   bias² + variance + noise up to the sampling error of the M·R noise draws:
//!   `(mean ε² − σ²) − 2·mean((h − f)·ε)`, whose standard deviation is
//!   `√((2σ⁴ + 4σ²·(bias² + variance)) / (M·R))` for Gaussian noise.
//!
//! Also: the training MSE (mean over r of each fit's error on its own training set), the
//! k-fold CV MSE of the first training set (pooled over the held-out points, with the spread
//! over folds), and the test MSE of the bagged ensemble (B bootstrap fits of a training set,
//! averaged) over the first `bag_sets` sets, with the same fresh test targets as the single
//! fits so the two are compared pairwise.
//!
//! The work is split for the jobs layer: [`fit_repeat`] (one training set: its fit, its
//! bagged ensemble) and [`cross_validate`] are pure functions of (config, complexity, index),
//! so they may run in any order on any thread; [`aggregate`] folds their results in repeat
//! order. [`decompose`] does all three in a plain loop. No threads here (core rule).

use super::config::{BiasVarianceConfig, Inputs};
use super::data::{self, TrainingSet, streams};
use super::estimate;
use super::models::{self, Regressor};
use crate::core::stats::median;

/// One fit's contribution: repeat r at one complexity.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatFit {
    /// h_r on the test grid, length M.
    pub predictions: Vec<f64>,
    /// The fit's MSE on its own training set.
    pub train_mse: f64,
    /// `mean_x (h_r(x) − f(x) − ε_rx)²` with repeat r's fresh test noise.
    pub test_mse: f64,
    /// The bagged ensemble's test MSE on the same test targets, for r < `bag_sets`.
    pub bagged_test_mse: Option<f64>,
    /// The out-of-bag share of the bootstrap resample (bootstrap mode).
    pub out_of_bag_share: Option<f64>,
    /// h_r at the shared training inputs ([`Inputs::Fixed`]), length n.
    pub at_inputs: Option<Vec<f64>>,
    /// How many of the fits made for this repeat (the fit and its bag) fell back.
    pub fallback_fits: usize,
}

/// k-fold cross-validation of the first training set.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossValidation {
    /// Held-out squared error pooled over all n points.
    pub mse: f64,
    /// The held-out MSE of each fold, length k.
    pub fold_mse: Vec<f64>,
    /// The sample standard deviation of `fold_mse` (0 for one fold).
    pub fold_std: f64,
    /// How many fold fits fell back.
    pub fallback_fits: usize,
}

/// What the top plot draws: the truth, one training sample, the beam of fits, its mean and
/// its ±1σ band, all on the test grid.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Beam {
    /// The evaluation points x_1..x_M (the test grid, or the sorted training inputs).
    pub grid: Vec<f64>,
    /// f on the grid, length M.
    pub truth: Vec<f64>,
    /// The training set of repeat 0 (the points to draw).
    pub sample: TrainingSet,
    /// Every fit on the grid, shape R × M.
    pub fits: Vec<Vec<f64>>,
    /// h̄ on the grid, length M.
    pub mean: Vec<f64>,
    /// The standard deviation over the R fits at each grid point, length M.
    pub std: Vec<f64>,
    /// The point-wise median of the fits, length M.
    pub median: Vec<f64>,
}

/// The decomposition at one complexity.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Decomposition {
    /// The model size (degree, k, width, depth, rounds or p).
    pub complexity: usize,
    /// Its place on the x-axis (1/k for k-NN).
    pub axis_value: f64,
    /// `mean_x [(h̄(x) − f(x))² − s²(x)/R]`: unbiased, may be slightly negative when the bias
    /// is within its sampling error of 0.
    pub bias2: f64,
    /// Its standard error (jackknife over the R fits; NaN for R < 3).
    pub bias2_se: f64,
    /// `mean_x (h̄(x) − f(x))²`, the plug-in estimate (biased upward by `variance/R`).
    pub bias2_plugin: f64,
    /// `mean_x s²(x)`, the sample variance over the R fits (divisor R − 1).
    pub variance: f64,
    /// Its standard error (jackknife; NaN for R < 3).
    pub variance_se: f64,
    /// σ².
    pub noise: f64,
    /// `mean_{x,r} (h_r(x) − y_rx)²` with fresh test targets.
    pub expected_test_mse: f64,
    /// Its standard error: the R fits' test MSEs' standard deviation / √R.
    pub expected_test_mse_se: f64,
    /// The median over r of each fit's test MSE: a robust companion of
    /// `expected_test_mse`, whose mean is dominated by a few wild fits near an
    /// interpolation threshold (the test error at p = n has heavy tails).
    pub median_test_mse: f64,
    /// Mean over r of each fit's training MSE.
    pub train_mse: f64,
    /// k-fold CV MSE of the first training set.
    pub cv_mse: f64,
    /// The spread (sample std) of the per-fold CV MSEs.
    pub cv_mse_std: f64,
    /// The CV MSE's standard error from the folds: `cv_mse_std / √k` (NaN for one fold).
    pub cv_mse_se: f64,
    /// Mean test MSE of the bagged ensembles.
    pub bagged_mse: f64,
    /// Mean test MSE of the single fits on the same `bag_sets` sets (the pairwise
    /// comparison for `bagged_mse`).
    pub single_mse_on_bag_sets: f64,
    /// Mean out-of-bag share of the R resamples (bootstrap mode).
    pub out_of_bag_share: Option<f64>,
    /// With fixed inputs: `mean_i s²(x_i)` at the n training inputs (sample variance over
    /// the R fits); σ²(d + 1)/n for least squares with d + 1 parameters.
    pub variance_at_inputs: Option<f64>,
    /// The share of the fits' spread carried by the largest 1 % of them (heavy tails when
    /// large; [`estimate::top_percent_share`]).
    pub top_percent_share: f64,
    /// Fits (of all kinds) that fell back to a simpler model.
    pub fallback_fits: usize,
    /// The fits for the top plot.
    pub beam: Beam,
}

/// `model` fitted to `set`.
fn fitted(
    config: &BiasVarianceConfig,
    complexity: usize,
    set: &TrainingSet,
    seed: u64,
) -> Box<dyn Regressor> {
    let mut model = models::new_model(config.family, complexity, config.ridge, seed);
    model.fit(&set.x, &set.y);
    model
}

/// `mean_x (prediction(x) − f(x) − ε_x)²` on the grid.
fn test_mse(config: &BiasVarianceConfig, grid: &[f64], predictions: &[f64], noise: &[f64]) -> f64 {
    let errors: Vec<f64> = grid
        .iter()
        .zip(predictions)
        .zip(noise)
        .map(|((&x, &h), &e)| (h - config.truth.eval(x) - e).powi(2))
        .collect();
    models::mean(&errors)
}

/// Fits training set r at `complexity` (and, for r < `bag_sets`, its bagged ensemble).
/// A pure function of its arguments: call it for r in 0..R in any order, on any thread.
#[must_use]
pub fn fit_repeat(config: &BiasVarianceConfig, complexity: usize, r: usize) -> RepeatFit {
    let grid = data::evaluation_points(config);
    let noise = data::test_noise(config, r, grid.len());
    let (set, out_of_bag_share) = data::training_set(config, r);
    let model = fitted(
        config,
        complexity,
        &set,
        data::model_seed(config.seed, streams::MODEL, r as u64),
    );
    let mut fallback_fits = usize::from(model.fell_back());
    let predictions = model.predict_many(&grid);
    let train_mse = models::mse(model.as_ref(), &set.x, &set.y);
    let at_inputs = match config.inputs {
        Inputs::Fixed => Some(model.predict_many(&data::fixed_inputs(config))),
        Inputs::Random => None,
    };
    let bagged_test_mse = (r < config.bag_sets).then(|| {
        let base = data::base_set(config, r);
        let mut sum = vec![0.0; grid.len()];
        for b in 0..config.bag_size {
            let index = data::bag_index(r, b);
            let mut rng = data::stream_rng(config.seed, streams::BAG, index);
            let resample = base.select(&data::bootstrap_indices(base.len(), &mut rng));
            let member = fitted(
                config,
                complexity,
                &resample,
                data::model_seed(config.seed, streams::BAG_MODEL, index),
            );
            fallback_fits += usize::from(member.fell_back());
            for (s, p) in sum.iter_mut().zip(member.predict_many(&grid)) {
                *s += p;
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let b = config.bag_size.max(1) as f64;
        let bagged: Vec<f64> = sum.iter().map(|s| s / b).collect();
        test_mse(config, &grid, &bagged, &noise)
    });
    RepeatFit {
        test_mse: test_mse(config, &grid, &predictions, &noise),
        predictions,
        train_mse,
        bagged_test_mse,
        out_of_bag_share,
        at_inputs,
        fallback_fits,
    }
}

/// k-fold cross-validation at `complexity` on the first training set (the original set in
/// bootstrap mode): each fold is held out once, the model fitted on the rest.
#[must_use]
pub fn cross_validate(config: &BiasVarianceConfig, complexity: usize) -> CrossValidation {
    let set = data::base_set(config, 0);
    let n = set.len();
    let mut rng = data::stream_rng(config.seed, streams::FOLDS, 0);
    let folds = data::kfold_splits(n, config.folds, &mut rng);
    let mut fold_mse = Vec::with_capacity(folds.len());
    let mut squared_error_sum = 0.0;
    let mut fallback_fits = 0;
    for (f, fold) in folds.iter().enumerate() {
        let train = set.select(&data::complement(n, fold));
        let held_out = set.select(fold);
        let model = fitted(
            config,
            complexity,
            &train,
            data::model_seed(config.seed, streams::CV_MODEL, f as u64),
        );
        fallback_fits += usize::from(model.fell_back());
        let mse = models::mse(model.as_ref(), &held_out.x, &held_out.y);
        #[allow(clippy::cast_precision_loss)]
        let points = held_out.len() as f64;
        squared_error_sum += mse * points;
        fold_mse.push(mse);
    }
    #[allow(clippy::cast_precision_loss)]
    let mse = squared_error_sum / n.max(1) as f64;
    let fold_mean = models::mean(&fold_mse);
    let fold_std = if fold_mse.len() > 1 {
        #[allow(clippy::cast_precision_loss)]
        let dof = (fold_mse.len() - 1) as f64;
        (fold_mse
            .iter()
            .map(|m| (m - fold_mean).powi(2))
            .sum::<f64>()
            / dof)
            .sqrt()
    } else {
        0.0
    };
    CrossValidation {
        mse,
        fold_mse,
        fold_std,
        fallback_fits,
    }
}

/// Per-point mean and population variance over the rows of `rows` (all of one length).
fn column_mean_variance(rows: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let width = rows.first().map_or(0, Vec::len);
    #[allow(clippy::cast_precision_loss)]
    let count = rows.len().max(1) as f64;
    let mut mean = vec![0.0; width];
    for row in rows {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= count;
    }
    let mut variance = vec![0.0; width];
    for row in rows {
        for ((s, v), m) in variance.iter_mut().zip(row).zip(&mean) {
            *s += (v - m).powi(2);
        }
    }
    for s in &mut variance {
        *s /= count;
    }
    (mean, variance)
}

/// Folds the R repeat fits (in repeat order) and the cross-validation into the
/// decomposition at `complexity`.
#[must_use]
pub fn aggregate(
    config: &BiasVarianceConfig,
    complexity: usize,
    repeats: Vec<RepeatFit>,
    cv: &CrossValidation,
) -> Decomposition {
    let grid = data::evaluation_points(config);
    let truth: Vec<f64> = grid.iter().map(|&x| config.truth.eval(x)).collect();
    let mut fits = Vec::with_capacity(repeats.len());
    let mut train = Vec::with_capacity(repeats.len());
    let mut test = Vec::with_capacity(repeats.len());
    let mut bagged = Vec::new();
    let mut single_on_bag_sets = Vec::new();
    let mut shares = Vec::new();
    let mut at_inputs = Vec::new();
    let mut fallback_fits = cv.fallback_fits;
    for fit in repeats {
        train.push(fit.train_mse);
        test.push(fit.test_mse);
        if let Some(b) = fit.bagged_test_mse {
            bagged.push(b);
            single_on_bag_sets.push(fit.test_mse);
        }
        shares.extend(fit.out_of_bag_share);
        at_inputs.extend(fit.at_inputs);
        fallback_fits += fit.fallback_fits;
        fits.push(fit.predictions);
    }
    let (mean, variance) = column_mean_variance(&fits);
    let estimate = estimate::bias_variance(&fits, &truth);
    // Only the variance of the fits at the inputs is wanted: the truth passed is a placeholder.
    let variance_at_inputs = (!at_inputs.is_empty()).then(|| {
        let placeholder = vec![0.0; at_inputs.first().map_or(0, Vec::len)];
        estimate::bias_variance(&at_inputs, &placeholder).variance
    });
    #[allow(clippy::cast_precision_loss)]
    let folds = cv.fold_mse.len() as f64;
    Decomposition {
        complexity,
        axis_value: config.family.axis_value(complexity),
        bias2: estimate.bias2,
        bias2_se: estimate.bias2_se,
        bias2_plugin: estimate.bias2_plugin,
        variance: estimate.variance,
        variance_se: estimate.variance_se,
        noise: config.noise * config.noise,
        expected_test_mse: models::mean(&test),
        expected_test_mse_se: estimate::mean_se(&test),
        median_test_mse: median(test.iter().copied()).unwrap_or(0.0),
        train_mse: models::mean(&train),
        cv_mse: cv.mse,
        cv_mse_std: cv.fold_std,
        cv_mse_se: if folds > 1.0 {
            cv.fold_std / folds.sqrt()
        } else {
            f64::NAN
        },
        bagged_mse: models::mean(&bagged),
        single_mse_on_bag_sets: models::mean(&single_on_bag_sets),
        out_of_bag_share: (!shares.is_empty()).then(|| models::mean(&shares)),
        variance_at_inputs,
        fallback_fits,
        top_percent_share: estimate::top_percent_share(&fits, &mean),
        beam: Beam {
            sample: data::training_set(config, 0).0,
            std: variance.iter().map(|v| v.sqrt()).collect(),
            median: estimate::median_fit(&fits),
            grid,
            truth,
            fits,
            mean,
        },
    }
}

/// The decomposition at `complexity`: R repeat fits, the cross-validation, aggregated.
/// `config` must be validated.
#[must_use]
pub fn decompose(config: &BiasVarianceConfig, complexity: usize) -> Decomposition {
    let repeats = (0..config.repeats)
        .map(|r| fit_repeat(config, complexity, r))
        .collect();
    let cv = cross_validate(config, complexity);
    aggregate(config, complexity, repeats, &cv)
}

/// The decomposition at every complexity of `config`, in order.
#[must_use]
pub fn decompose_all(config: &BiasVarianceConfig) -> Vec<Decomposition> {
    config
        .complexities
        .iter()
        .map(|&c| decompose(config, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::biasvar::config::Family;

    fn small() -> BiasVarianceConfig {
        BiasVarianceConfig {
            repeats: 12,
            bag_sets: 2,
            bag_size: 4,
            test_points: 40,
            complexities: vec![3],
            ..BiasVarianceConfig::default()
        }
    }

    #[test]
    fn bias_plus_variance_is_the_mean_squared_distance_to_the_truth() {
        let config = small();
        let d = decompose(&config, 3);
        let mut total = 0.0;
        for fit in &d.beam.fits {
            for (h, f) in fit.iter().zip(&d.beam.truth) {
                total += (h - f).powi(2);
            }
        }
        let expected = total / (d.beam.fits.len() * d.beam.truth.len()) as f64;
        assert!((d.bias2 + d.variance - expected).abs() < 1e-12 * expected);
        assert_eq!(d.beam.fits.len(), 12);
        assert_eq!(d.noise, 0.09);
        assert!(d.out_of_bag_share.is_none() && d.variance_at_inputs.is_none());
    }

    #[test]
    fn repeats_do_not_depend_on_order() {
        let config = small();
        let forward: Vec<RepeatFit> = (0..4).map(|r| fit_repeat(&config, 5, r)).collect();
        let backward: Vec<RepeatFit> = (0..4).rev().map(|r| fit_repeat(&config, 5, r)).collect();
        for (a, b) in forward.iter().zip(backward.iter().rev()) {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn knn_axis_is_one_over_k() {
        let config = BiasVarianceConfig {
            family: Family::Knn,
            ..small()
        };
        let d = decompose(&config, 4);
        assert_eq!(d.axis_value, 0.25);
        assert!(d.bias2.is_finite() && d.variance > 0.0);
    }
}
