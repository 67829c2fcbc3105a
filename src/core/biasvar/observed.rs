//! Bias and variance on a person's own 1-D data, where the truth is unknown.
//!
//! Without the truth f, bias² and noise cannot be separated: only y = f(x) + ε is seen.
//! What can honestly be estimated, and what this module computes:
//!
//! 1. The rows are split once, by the seed, into a training set and held-out test points
//!    (x_1, y_1) … (x_m, y_m) ([`HeldOut::split`]).
//! 2. At each complexity, the model is fitted to B bootstrap resamples of the training set:
//!    fits h_1 … h_B ([`fit_resample`], a pure function of (config, split, complexity, b)).
//! 3. At each held-out point, with `h̄(x) = mean_b h_b(x)` and the population variance
//!    `v(x) = mean_b (h_b(x) − h̄(x))²`, the identity
//!    `mean_b (y − h_b(x))² = (y − h̄(x))² + v(x)` holds exactly. Averaged over the held-out
//!    points ([`estimate`]):
//!    - test MSE = `mean_i mean_b (y_i − h_b(x_i))²`, the held-out error of a typical fit;
//!    - variance = `mean_i v(x_i)`, the spread of the fits across resamples;
//!    - bias² + noise = `mean_i (y_i − h̄(x_i))²` = test MSE − variance: the error of the
//!      average fit, which is (h̄ − f)² + σ² in expectation over the noise. The two parts
//!      are not separable without f.
//!
//! Each of the three is a mean over the m held-out points of a per-point quantity, and its
//! uncertainty is the standard error of that mean (sample standard deviation / √m): the
//! sampling error of the held-out set, which dominates for a few hundred points. It does not
//! include the error of the bootstrap itself (finite B, and resamples of one set standing in
//! for new sets from the population), so a band is a lower bound on the real uncertainty.
//!
//! Units: x is mapped to [0, 1] by the range of all rows (x only: no target is looked at), as
//! the models expect; y is centred and scaled by the training rows' mean and standard
//! deviation for fitting, and every prediction and error is reported in the file's units.
//!
//! Pure and deterministic: every number is a function of (data, config); no threads, no egui,
//! no files.

use rand::RngExt as _;

use super::config::BiasVarianceConfig;
use super::data::{self, TrainingSet, stream_rng, streams};
use super::models;

/// The stream of the seeded train / held-out split (index 0).
pub const SPLIT_STREAM: u64 = 0xBA;

/// How many bootstrap fits per complexity are kept whole for drawing.
pub const SHOWN_FITS: usize = 20;

/// Points of the grid the fits are drawn on (over the range of x).
pub const CURVE_POINTS: usize = 200;

/// A 1-D regression dataset as read: pairs (x_i, y_i), every value finite.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Observations {
    /// Where the data came from, for messages and saving: an absolute path or
    /// `builtin:NAME`.
    pub source: String,
    /// The input column's name in the file.
    pub x_column: String,
    /// The target column's name in the file.
    pub y_column: String,
    /// Inputs, in file order.
    pub x: Vec<f64>,
    /// Targets, in file order.
    pub y: Vec<f64>,
    /// The share of the rows held out, in (0, 1).
    pub test_fraction: f64,
}

impl Observations {
    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// Rows held out: `round(test_fraction · n)`, at least 2 and leaving at least 2 to train
    /// on (for n ≥ 4; see [`MIN_ROWS`]).
    #[must_use]
    pub fn held_out(&self) -> usize {
        let n = self.len();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let k = (self.test_fraction * n as f64).round() as usize;
        k.clamp(2, n.saturating_sub(2).max(2))
    }

    /// Training and held-out rows: `(n_train, n_test)`.
    #[must_use]
    pub fn sizes(&self) -> (usize, usize) {
        let held = self.held_out();
        (self.len().saturating_sub(held), held)
    }
}

/// `config` made for `data`: its model (family, complexities, ridge), B (`repeats`) and seed
/// kept; `n_train` the data's training rows, bootstrap resampling, and every setting that
/// only a truth uses (truth, noise, inputs, test grid, folds, bagging) at its default, as a
/// preset on a data file reads them.
#[must_use]
pub fn config_on(data: &Observations, config: &BiasVarianceConfig) -> BiasVarianceConfig {
    BiasVarianceConfig {
        family: config.family,
        complexities: config.complexities.clone(),
        ridge: config.ridge,
        repeats: config.repeats,
        seed: config.seed,
        n_train: data.sizes().0,
        resampling: super::config::Resampling::Bootstrap,
        folds: 2,
        ..BiasVarianceConfig::default()
    }
}

/// The fewest rows a dataset may have: 2 to train on and 2 held out (a standard error needs
/// two points).
pub const MIN_ROWS: usize = 4;

/// The affine maps between the file's units and the models' ones.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scale {
    /// The smallest x of all rows (maps to 0).
    pub x_min: f64,
    /// The range of x of all rows (maps to 1; 1 when every x is equal).
    pub x_span: f64,
    /// The training targets' mean.
    pub y_mean: f64,
    /// The training targets' standard deviation (1 when they are all equal).
    pub y_std: f64,
}

impl Scale {
    /// x in [0, 1].
    #[must_use]
    pub fn unit_x(&self, x: f64) -> f64 {
        (x - self.x_min) / self.x_span
    }

    /// A standardized target.
    #[must_use]
    pub fn unit_y(&self, y: f64) -> f64 {
        (y - self.y_mean) / self.y_std
    }

    /// A model's prediction in the file's units.
    #[must_use]
    pub fn file_y(&self, unit: f64) -> f64 {
        self.y_mean + self.y_std * unit
    }
}

/// The seeded split of a dataset into training rows and held-out test points, in the file's
/// units, with the scale the models work in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeldOut {
    /// The training rows.
    pub train: TrainingSet,
    /// The held-out test points.
    pub test: TrainingSet,
    /// File units ↔ model units.
    pub scale: Scale,
    /// The grid the fits are drawn on: [`CURVE_POINTS`] points from the smallest to the
    /// largest x.
    pub curve_x: Vec<f64>,
}

impl HeldOut {
    /// Shuffles the rows with the seed's split stream and holds out the last
    /// [`Observations::held_out`] of them. Needs at least [`MIN_ROWS`] rows.
    #[must_use]
    pub fn split(data: &Observations, seed: u64) -> Self {
        let n = data.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = stream_rng(seed, SPLIT_STREAM, 0);
        // Fisher–Yates with our own generator (portable across rand versions).
        for i in (1..n).rev() {
            let j = rng.random_range(0..=i);
            order.swap(i, j);
        }
        let cut = n - data.held_out().min(n);
        let all = TrainingSet {
            x: data.x.clone(),
            y: data.y.clone(),
        };
        let train = all.select(&order[..cut]);
        let test = all.select(&order[cut..]);
        let x_min = data.x.iter().copied().fold(f64::INFINITY, f64::min);
        let x_max = data.x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let span = x_max - x_min;
        let (x_min, x_span) = if span > 0.0 && span.is_finite() {
            (x_min, span)
        } else {
            (if x_min.is_finite() { x_min } else { 0.0 }, 1.0)
        };
        let y_mean = models::mean(&train.y);
        let y_var = models::mean(
            &train
                .y
                .iter()
                .map(|y| (y - y_mean).powi(2))
                .collect::<Vec<_>>(),
        );
        let y_std = if y_var > 0.0 && y_var.is_finite() {
            y_var.sqrt()
        } else {
            1.0
        };
        #[allow(clippy::cast_precision_loss)]
        let curve_x = (0..CURVE_POINTS)
            .map(|i| x_min + x_span * i as f64 / (CURVE_POINTS - 1) as f64)
            .collect();
        Self {
            train,
            test,
            scale: Scale {
                x_min,
                x_span,
                y_mean,
                y_std,
            },
            curve_x,
        }
    }
}

/// One bootstrap fit at one complexity.
#[derive(Clone, Debug, PartialEq)]
pub struct ResampleFit {
    /// h_b at each held-out point (file units), length m.
    pub at_test: Vec<f64>,
    /// h_b on [`HeldOut::curve_x`] (file units).
    pub curve: Vec<f64>,
    /// The fit's MSE on its own resample (file units).
    pub train_mse: f64,
    /// Whether the fit fell back to a simpler model.
    pub fell_back: bool,
}

/// Fits bootstrap resample `b` of the training rows at `complexity`. A pure function of its
/// arguments (the resample and the model's own randomness come from the seed's streams with
/// index b): call it for b in 0..B in any order, on any thread.
#[must_use]
pub fn fit_resample(
    config: &BiasVarianceConfig,
    held: &HeldOut,
    complexity: usize,
    b: usize,
) -> ResampleFit {
    let s = held.scale;
    let mut rng = stream_rng(config.seed, streams::RESAMPLE, b as u64);
    let indices = data::bootstrap_indices(held.train.len(), &mut rng);
    let resample = held.train.select(&indices);
    let x: Vec<f64> = resample.x.iter().map(|&v| s.unit_x(v)).collect();
    let y: Vec<f64> = resample.y.iter().map(|&v| s.unit_y(v)).collect();
    let mut model = models::new_model(
        config.family,
        complexity,
        config.ridge,
        data::model_seed(config.seed, streams::MODEL, b as u64),
    );
    model.fit(&x, &y);
    let predict = |xs: &[f64]| -> Vec<f64> {
        xs.iter()
            .map(|&v| s.file_y(model.predict(s.unit_x(v))))
            .collect()
    };
    let fitted = predict(&resample.x);
    let train_mse = models::mean(
        &fitted
            .iter()
            .zip(&resample.y)
            .map(|(h, y)| (h - y).powi(2))
            .collect::<Vec<_>>(),
    );
    ResampleFit {
        at_test: predict(&held.test.x),
        curve: predict(&held.curve_x),
        train_mse,
        fell_back: model.fell_back(),
    }
}

/// A mean over the held-out points and its standard error.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mean {
    /// The mean over the held-out points.
    pub value: f64,
    /// Its standard error: the points' sample standard deviation / √m (0 for one point).
    pub se: f64,
}

impl Mean {
    /// The mean of `values` and its standard error.
    #[must_use]
    pub fn of(values: &[f64]) -> Self {
        let value = models::mean(values);
        let m = values.len();
        let se = if m > 1 {
            #[allow(clippy::cast_precision_loss)]
            let (m, dof) = (m as f64, (m - 1) as f64);
            let var = values.iter().map(|v| (v - value).powi(2)).sum::<f64>() / dof;
            (var / m).sqrt()
        } else {
            0.0
        };
        Self { value, se }
    }

    /// `value ± width · se`, as `[lo, hi]`.
    #[must_use]
    pub fn band(&self, width: f64) -> [f64; 2] {
        [self.value - width * self.se, self.value + width * self.se]
    }
}

/// The fits of one complexity on the drawing grid.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Curves {
    /// The first [`SHOWN_FITS`] bootstrap fits on [`HeldOut::curve_x`].
    pub shown: Vec<Vec<f64>>,
    /// h̄ on the grid (over all B fits).
    pub mean: Vec<f64>,
    /// The standard deviation of the B fits at each grid point.
    pub std: Vec<f64>,
}

/// What held-out points and bootstrap resamples say at one complexity.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Estimate {
    /// The complexity in the family's unit.
    pub complexity: usize,
    /// Its place on the x-axis (1/k for k-NN).
    pub axis_value: f64,
    /// `mean_i mean_b (y_i − h_b(x_i))²`: held-out error of a fit, averaged over resamples.
    pub test_mse: Mean,
    /// `mean_i mean_b (h_b(x_i) − h̄(x_i))²`: variance of the fits across resamples.
    pub variance: Mean,
    /// `mean_i (y_i − h̄(x_i))²` = test MSE − variance: bias² and noise together.
    pub bias2_noise: Mean,
    /// Mean over b of each fit's error on its own resample.
    pub train_mse: f64,
    /// h̄ at each held-out point.
    pub mean_at_test: Vec<f64>,
    /// Fits that fell back to a simpler model.
    pub fallback_fits: usize,
    /// The fits for the data plot.
    pub curves: Curves,
}

/// Per-point mean and population variance over the rows of `rows` (all of one length).
fn column_mean_variance(rows: &[&[f64]]) -> (Vec<f64>, Vec<f64>) {
    let width = rows.first().map_or(0, |r| r.len());
    #[allow(clippy::cast_precision_loss)]
    let count = rows.len().max(1) as f64;
    let mut mean = vec![0.0; width];
    for row in rows {
        for (m, v) in mean.iter_mut().zip(row.iter()) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= count;
    }
    let mut variance = vec![0.0; width];
    for row in rows {
        for ((s, v), m) in variance.iter_mut().zip(row.iter()).zip(&mean) {
            *s += (v - m).powi(2);
        }
    }
    for s in &mut variance {
        *s /= count;
    }
    (mean, variance)
}

/// Folds the B resample fits (in resample order) into the estimate at `complexity`.
#[must_use]
pub fn estimate(
    config: &BiasVarianceConfig,
    held: &HeldOut,
    complexity: usize,
    fits: Vec<ResampleFit>,
) -> Estimate {
    let at_test: Vec<&[f64]> = fits.iter().map(|f| f.at_test.as_slice()).collect();
    let (mean_at_test, var_at_test) = column_mean_variance(&at_test);
    #[allow(clippy::cast_precision_loss)]
    let b = fits.len().max(1) as f64;
    let per_point_mse: Vec<f64> = held
        .test
        .y
        .iter()
        .enumerate()
        .map(|(i, y)| fits.iter().map(|f| (y - f.at_test[i]).powi(2)).sum::<f64>() / b)
        .collect();
    let per_point_gap: Vec<f64> = held
        .test
        .y
        .iter()
        .zip(&mean_at_test)
        .map(|(y, h)| (y - h).powi(2))
        .collect();
    let curves: Vec<&[f64]> = fits.iter().map(|f| f.curve.as_slice()).collect();
    let (curve_mean, curve_var) = column_mean_variance(&curves);
    let train: Vec<f64> = fits.iter().map(|f| f.train_mse).collect();
    let fallback_fits = fits.iter().filter(|f| f.fell_back).count();
    let shown = fits.into_iter().take(SHOWN_FITS).map(|f| f.curve).collect();
    Estimate {
        complexity,
        axis_value: config.family.axis_value(complexity),
        test_mse: Mean::of(&per_point_mse),
        variance: Mean::of(&var_at_test),
        bias2_noise: Mean::of(&per_point_gap),
        train_mse: models::mean(&train),
        mean_at_test,
        fallback_fits,
        curves: Curves {
            shown,
            mean: curve_mean,
            std: curve_var.iter().map(|v| v.sqrt()).collect(),
        },
    }
}

/// The estimate at every complexity of `config`, in order, in a plain loop (the jobs layer
/// runs the same pieces in parallel). `config.repeats` is B.
#[must_use]
pub fn estimate_all(config: &BiasVarianceConfig, held: &HeldOut) -> Vec<Estimate> {
    config
        .complexities
        .iter()
        .map(|&c| {
            let fits = (0..config.repeats)
                .map(|b| fit_resample(config, held, c, b))
                .collect();
            estimate(config, held, c, fits)
        })
        .collect()
}

/// The index of the lowest held-out test MSE in `estimates` (0 for none).
#[must_use]
pub fn lowest_test_mse(estimates: &[Estimate]) -> usize {
    estimates
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.test_mse.value.total_cmp(&b.1.test_mse.value))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize) -> Observations {
        #[allow(clippy::cast_precision_loss)]
        let x: Vec<f64> = (0..n).map(|i| 10.0 + i as f64).collect();
        let y = x.iter().map(|v| 3.0 * v + libm::sin(v * 7.0)).collect();
        Observations {
            source: "t.csv".into(),
            x_column: "x".into(),
            y_column: "y".into(),
            x,
            y,
            test_fraction: 0.3,
        }
    }

    #[test]
    fn the_split_is_seeded_and_keeps_every_row_once() {
        let data = line(20);
        let a = HeldOut::split(&data, 3);
        assert_eq!((a.train.len(), a.test.len()), (14, 6));
        assert_eq!(a, HeldOut::split(&data, 3));
        assert_ne!(a.train, HeldOut::split(&data, 4).train);
        let mut all: Vec<f64> = a.train.x.iter().chain(&a.test.x).copied().collect();
        all.sort_by(f64::total_cmp);
        assert_eq!(all, data.x);
        assert_eq!((a.scale.x_min, a.scale.x_span), (10.0, 19.0));
        assert_eq!(a.curve_x.first().copied(), Some(10.0));
        assert!((a.curve_x[CURVE_POINTS - 1] - 29.0).abs() < 1e-12);
        assert_eq!(line(4).sizes(), (2, 2));
        assert_eq!(line(5).sizes(), (3, 2));
    }

    #[test]
    fn test_mse_is_variance_plus_the_gap_of_the_mean_fit() {
        let config = BiasVarianceConfig {
            repeats: 15,
            ..BiasVarianceConfig::default()
        };
        let data = line(40);
        let held = HeldOut::split(&data, 0);
        for e in estimate_all(
            &BiasVarianceConfig {
                complexities: vec![0, 2, 6],
                ..config
            },
            &held,
        ) {
            let sum = e.variance.value + e.bias2_noise.value;
            assert!(
                (e.test_mse.value - sum).abs() <= 1e-9 * sum.max(1.0),
                "{e:?}"
            );
            assert!(e.test_mse.se > 0.0 && e.variance.value >= 0.0);
            assert_eq!(e.curves.shown.len(), 15);
            assert_eq!(e.mean_at_test.len(), held.test.len());
        }
    }

    #[test]
    fn standard_errors_are_of_the_mean() {
        let m = Mean::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(m.value, 2.5);
        assert!((m.se - (5.0_f64 / 3.0 / 4.0).sqrt()).abs() < 1e-12);
        assert_eq!(Mean::of(&[2.0]).se, 0.0);
        assert_eq!(m.band(2.0), [2.5 - 2.0 * m.se, 2.5 + 2.0 * m.se]);
    }
}
