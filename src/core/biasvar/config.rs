//! The settings of one bias–variance experiment and their validation.
//!
//! [`BiasVarianceConfig`] is what the preset layer builds from a `kind = "regression"` preset
//! and what the GUI's sliders edit. [`BiasVarianceConfig::validate`]
//! is the one place where ranges are checked; its errors name the preset key
//! (`problem.n_train`, `model.complexity`, `resampling.folds`, …) and the allowed range, so the
//! CLI and the GUI can show them as they are. Everything downstream assumes a validated config.
//!
//! Pure data: no randomness, no threads, no egui.

use serde::{Deserialize, Serialize};

use std::f64::consts::PI;

/// Limits that validation enforces (and the GUI's sliders should respect).
pub mod limits {
    use std::ops::RangeInclusive;

    /// n, points per training set.
    pub const N_TRAIN: RangeInclusive<usize> = 2..=5_000;
    /// σ, the observation noise.
    pub const NOISE: RangeInclusive<f64> = 0.0..=10.0;
    /// Ridge penalty λ (on the sum of squared errors, as scikit-learn's `Ridge(alpha)`).
    pub const RIDGE: RangeInclusive<f64> = 0.0..=1.0e6;
    /// R, training sets (or bootstrap resamples) per complexity.
    pub const REPEATS: RangeInclusive<usize> = 1..=10_000;
    /// B, bootstrap fits averaged by the bagged ensemble.
    pub const BAG_SIZE: RangeInclusive<usize> = 1..=1_000;
    /// Points of the test grid on [0, 1].
    pub const TEST_POINTS: RangeInclusive<usize> = 2..=10_000;
    /// Number of complexities on the x-axis.
    pub const COMPLEXITIES: RangeInclusive<usize> = 1..=256;
    /// Polynomial degree.
    pub const DEGREE: RangeInclusive<usize> = 0..=40;
    /// MLP hidden width.
    pub const WIDTH: RangeInclusive<usize> = 1..=1_024;
    /// Regression tree depth (0 is a single leaf: the mean).
    pub const DEPTH: RangeInclusive<usize> = 0..=30;
    /// Boosting rounds (0 is the mean alone).
    pub const ROUNDS: RangeInclusive<usize> = 0..=10_000;
    /// Random features p.
    pub const FEATURES: RangeInclusive<usize> = 1..=10_000;
    /// Depth of each boosted tree.
    pub const BOOST_DEPTH: RangeInclusive<usize> = 1..=8;
    /// Boosting shrinkage ν (exclusive of 0).
    pub const SHRINKAGE: RangeInclusive<f64> = 0.0..=1.0;
    /// MLP full-batch Adam steps.
    pub const MLP_STEPS: RangeInclusive<usize> = 1..=100_000;
    /// MLP Adam learning rate (exclusive of 0).
    pub const MLP_LEARNING_RATE: RangeInclusive<f64> = 0.0..=1.0;
    /// Scale γ of random Fourier / Laplace frequencies (exclusive of 0).
    pub const FEATURE_SCALE: RangeInclusive<f64> = 0.0..=1.0e3;
}

/// The true regression function f on x ∈ [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// sin(2πx): one full period (the default).
    Sin,
    /// cos(1.5πx): scikit-learn's "Underfitting vs. Overfitting" example.
    Cos,
    /// A unit step at x = 0.5: −0.5 left of it, +0.5 from it on (hard for smooth models).
    Step,
    /// The straight line 2x − 1 (a linear model has no bias on it).
    Linear,
}

impl Truth {
    /// Every truth, in menu order.
    pub const ALL: [Self; 4] = [Self::Sin, Self::Cos, Self::Step, Self::Linear];

    /// f(x).
    #[must_use]
    pub fn eval(self, x: f64) -> f64 {
        match self {
            Self::Sin => libm::sin(2.0 * PI * x),
            Self::Cos => libm::cos(1.5 * PI * x),
            Self::Step => {
                if x < 0.5 {
                    -0.5
                } else {
                    0.5
                }
            }
            Self::Linear => 2.0 * x - 1.0,
        }
    }

    /// The preset name (`truth = "sin"`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Sin => "sin",
            Self::Cos => "cos",
            Self::Step => "step",
            Self::Linear => "linear",
        }
    }

    /// The truth with preset name `name`, if there is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The kind of random feature of [`Family::RandomFeatures`] (t = 2x − 1 throughout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// `max(0, s·(t − c))` with a knot c ~ U[−1, 1] and a sign s = ±1 (a random ReLU layer
    /// whose kinks fall inside the data; γ is not used).
    Relu,
    /// `√2·cos(ω·t + b)` with ω ~ N(0, γ²), b ~ U[0, 2π): random Fourier features of the
    /// Gaussian kernel `exp(−γ²(t − t')²/2)`. Smooth, so interpolating noisy data with
    /// them is violently unstable; shown for contrast.
    Fourier,
    /// `√2·cos(ω·t + b)` with Cauchy ω (scale γ), b ~ U[0, 2π): random Fourier features of
    /// the Laplace kernel `exp(−γ|t − t'|)`, whose interpolants stay local. The default for
    /// double descent: with n = 30, σ = 0.3 and γ = 15 the test MSE falls to ≈ 0.46 at
    /// p ≈ n/2, peaks by many decades at p = n, and falls below the first minimum (≈ 0.2)
    /// by p ≈ 2000.
    Laplace,
}

/// A model family; the complexity (see [`BiasVarianceConfig::complexities`]) is its size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "family")]
pub enum Family {
    /// Least squares on Legendre polynomials of t = 2x − 1; complexity = degree.
    Polynomial,
    /// k-nearest-neighbour mean; complexity = k (the plot's axis is 1/k, see
    /// [`Family::axis_value`]).
    Knn,
    /// A 1-hidden-layer tanh network trained by full-batch Adam; complexity = width.
    Mlp {
        /// Adam steps per fit.
        steps: usize,
        /// Adam learning rate.
        learning_rate: f64,
    },
    /// A CART regression tree on squared error; complexity = depth.
    Tree,
    /// Gradient boosting of shallow trees with shrinkage ν; complexity = rounds.
    Boosting {
        /// ν: each round adds ν times the tree fitted to the residuals.
        shrinkage: f64,
        /// Depth of each tree (2 by default: weak learners).
        tree_depth: usize,
    },
    /// Least squares on p random features, minimum-norm (pseudo-inverse) plus ridge;
    /// complexity = p. The double-descent peak sits at p = n.
    RandomFeatures {
        /// ReLU, Gaussian-kernel or Laplace-kernel features.
        kind: FeatureKind,
        /// γ, the frequency scale of Fourier and Laplace features (unused by ReLU).
        scale: f64,
    },
}

impl Family {
    /// An MLP with the default training budget (2 000 Adam steps at learning rate 0.01).
    pub const MLP: Self = Self::Mlp {
        steps: 2_000,
        learning_rate: 0.01,
    };
    /// Boosting of depth-2 trees with shrinkage ν = 0.1.
    pub const BOOSTING: Self = Self::Boosting {
        shrinkage: 0.1,
        tree_depth: 2,
    };
    /// Random Laplace-kernel Fourier features with γ = 15 (see [`FeatureKind::Laplace`]).
    pub const RANDOM_FEATURES: Self = Self::RandomFeatures {
        kind: FeatureKind::Laplace,
        scale: 15.0,
    };
    /// Every family with its default settings, in the order presets and menus list them.
    pub const ALL: [Self; 6] = [
        Self::Polynomial,
        Self::Knn,
        Self::MLP,
        Self::Tree,
        Self::BOOSTING,
        Self::RANDOM_FEATURES,
    ];

    /// The preset name (`model.family`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Polynomial => "polynomial",
            Self::Knn => "knn",
            Self::Mlp { .. } => "mlp",
            Self::Tree => "tree",
            Self::Boosting { .. } => "boosting",
            Self::RandomFeatures { .. } => "random_features",
        }
    }

    /// The family with preset name `name` and default settings, if there is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the complexity counts, for axis labels: "degree", "1/k", "width", …
    #[must_use]
    pub fn complexity_label(self) -> &'static str {
        match self {
            Self::Polynomial => "degree",
            Self::Knn => "1/k",
            Self::Mlp { .. } => "width",
            Self::Tree => "depth",
            Self::Boosting { .. } => "rounds",
            Self::RandomFeatures { .. } => "features p",
        }
    }

    /// A complexity in the family's words: "degree 4", "k = 5", "features p 30".
    #[must_use]
    pub fn complexity_text(self, complexity: usize) -> String {
        match self {
            Self::Knn => format!("k = {complexity}"),
            other => format!("{} {complexity}", other.complexity_label()),
        }
    }

    /// Where complexity `c` sits on the plot's x-axis: 1/k for k-NN (so that complexity grows
    /// to the right), `c` itself otherwise.
    #[must_use]
    pub fn axis_value(self, complexity: usize) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let c = complexity as f64;
        match self {
            Self::Knn => 1.0 / c.max(1.0),
            _ => c,
        }
    }

    /// The allowed complexities (`model.complexity`) of this family.
    #[must_use]
    pub fn complexity_range(self) -> std::ops::RangeInclusive<usize> {
        match self {
            Self::Polynomial => limits::DEGREE,
            Self::Knn => 1..=*limits::N_TRAIN.end(),
            Self::Mlp { .. } => limits::WIDTH,
            Self::Tree => limits::DEPTH,
            Self::Boosting { .. } => limits::ROUNDS,
            Self::RandomFeatures { .. } => limits::FEATURES,
        }
    }
}

/// How the R training sets are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resampling {
    /// R independent draws from the population: the textbook decomposition.
    Fresh,
    /// R bootstrap resamples of one drawn set: what one can do with a single dataset.
    Bootstrap,
}

/// Where the training inputs x come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inputs {
    /// Every training set draws its own x ~ U[0, 1].
    Random,
    /// The x are drawn once and shared by every training set; only the noise is fresh
    /// (the fixed-design setting of the σ²(d+1)/n law).
    Fixed,
}

/// Where the fits are evaluated (the x of bias², variance and test MSE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    /// The midpoint grid of `test_points` cells of [0, 1]: the mean over x ~ U[0, 1].
    Grid,
    /// The n shared training inputs (sorted), with fresh noise at each: the in-sample
    /// (fixed-design) decomposition, where least squares with d + 1 parameters has
    /// variance σ²(d + 1)/n. Needs [`Inputs::Fixed`].
    TrainingInputs,
}

/// One bias–variance experiment: truth, data, model family, resampling, seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BiasVarianceConfig {
    /// f, the true function (`problem.truth`).
    pub truth: Truth,
    /// n, points per training set (`problem.n_train`).
    pub n_train: usize,
    /// σ, the standard deviation of the observation noise (`problem.noise`).
    pub noise: f64,
    /// Random or fixed training inputs (`problem.inputs`).
    pub inputs: Inputs,
    /// Where bias², variance and the test MSE are measured (`problem.evaluate_at`).
    pub evaluate_at: Evaluation,
    /// Points of the test grid: the midpoints `(i + ½)/m` of m equal cells of [0, 1], so a
    /// mean over the grid is the midpoint rule for the mean over x ~ U[0, 1]
    /// (`problem.test_points`).
    pub test_points: usize,
    /// The model family and its fixed settings (`model.family`, …).
    pub family: Family,
    /// The x-axis: model sizes in the family's unit (degree, k, width, depth, rounds, p)
    /// (`model.complexity`).
    pub complexities: Vec<usize>,
    /// λ ≥ 0, the ridge penalty of polynomial and random-feature least squares, on the sum
    /// of squared errors (`model.ridge`).
    pub ridge: f64,
    /// Fresh draws or bootstrap of one set (`resampling.mode`).
    pub resampling: Resampling,
    /// R, fits per complexity (`resampling.repeats`).
    pub repeats: usize,
    /// k, folds of the cross-validation on the first training set (`resampling.folds`).
    pub folds: usize,
    /// B, bootstrap fits averaged by the bagged ensemble (`resampling.bag_size`).
    pub bag_size: usize,
    /// How many of the R training sets the bagged ensemble is built on (the first ones; all
    /// R when larger than R); its test MSE is the mean over them (`resampling.bag_sets`;
    /// bagging costs B fits per set).
    pub bag_sets: usize,
    /// The experiment seed; every random draw comes from `rng_for(seed, stream)`.
    pub seed: u64,
}

impl Default for BiasVarianceConfig {
    /// Polynomials of degree 0–15 on sin 2πx with n = 30, σ = 0.3, R = 200 fresh sets.
    fn default() -> Self {
        Self {
            truth: Truth::Sin,
            n_train: 30,
            noise: 0.3,
            inputs: Inputs::Random,
            evaluate_at: Evaluation::Grid,
            test_points: 100,
            family: Family::Polynomial,
            complexities: (0..=15).collect(),
            ridge: 1e-6,
            resampling: Resampling::Fresh,
            repeats: 200,
            folds: 5,
            bag_size: 20,
            bag_sets: 10,
            seed: 0,
        }
    }
}

/// A setting outside its allowed range: the preset key and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {message}")]
pub struct ConfigError {
    /// The preset key, e.g. `resampling.folds`.
    pub key: &'static str,
    /// What is wrong and the allowed range.
    pub message: String,
}

impl ConfigError {
    fn new(key: &'static str, message: String) -> Self {
        Self { key, message }
    }
}

fn check_usize(
    key: &'static str,
    value: usize,
    range: &std::ops::RangeInclusive<usize>,
) -> Result<(), ConfigError> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(ConfigError::new(
            key,
            format!(
                "{value} is outside the allowed range {}..={}",
                range.start(),
                range.end()
            ),
        ))
    }
}

/// Checks `value` lies in `range`; with `open_start` the start itself is excluded.
fn check_f64(
    key: &'static str,
    value: f64,
    range: &std::ops::RangeInclusive<f64>,
    open_start: bool,
) -> Result<(), ConfigError> {
    let above_start = if open_start {
        value > *range.start()
    } else {
        value >= *range.start()
    };
    if value.is_finite() && above_start && value <= *range.end() {
        Ok(())
    } else {
        let bracket = if open_start { "(" } else { "[" };
        Err(ConfigError::new(
            key,
            format!(
                "{value} is outside the allowed range {bracket}{}, {}]",
                range.start(),
                range.end()
            ),
        ))
    }
}

impl BiasVarianceConfig {
    /// Checks every setting; the first problem found is returned with its preset key and the
    /// allowed range.
    ///
    /// # Errors
    /// A [`ConfigError`] for: n outside [`limits::N_TRAIN`], σ < 0 or not finite, R = 0,
    /// folds k outside 2..=n, an empty or out-of-range complexity list, k-NN with k > n, a
    /// polynomial of degree ≥ n without ridge (the least-squares fit is not unique), a
    /// negative ridge, evaluation at the training inputs with random inputs, and
    /// out-of-range test points, bag sizes or family settings (`model.steps`,
    /// `model.learning_rate`, `model.shrinkage`, `model.tree_depth`, `model.scale`).
    pub fn validate(&self) -> Result<(), ConfigError> {
        check_usize("problem.n_train", self.n_train, &limits::N_TRAIN)?;
        check_f64("problem.noise", self.noise, &limits::NOISE, false)?;
        check_usize(
            "problem.test_points",
            self.test_points,
            &limits::TEST_POINTS,
        )?;
        if self.evaluate_at == Evaluation::TrainingInputs && self.inputs != Inputs::Fixed {
            return Err(ConfigError::new(
                "problem.evaluate_at",
                "\"training_inputs\" needs problem.inputs = \"fixed\" (random inputs differ \
                 from one training set to the next); allowed: \"grid\""
                    .to_string(),
            ));
        }
        check_f64("model.ridge", self.ridge, &limits::RIDGE, false)?;
        check_usize("resampling.repeats", self.repeats, &limits::REPEATS)?;
        check_usize("resampling.folds", self.folds, &(2..=self.n_train))?;
        check_usize("resampling.bag_size", self.bag_size, &limits::BAG_SIZE)?;
        check_usize("resampling.bag_sets", self.bag_sets, &limits::REPEATS)?;
        self.validate_family()?;
        self.validate_complexities()
    }

    fn validate_family(&self) -> Result<(), ConfigError> {
        match self.family {
            Family::Polynomial | Family::Knn | Family::Tree => Ok(()),
            Family::Mlp {
                steps,
                learning_rate,
            } => {
                check_usize("model.steps", steps, &limits::MLP_STEPS)?;
                check_f64(
                    "model.learning_rate",
                    learning_rate,
                    &limits::MLP_LEARNING_RATE,
                    true,
                )
            }
            Family::Boosting {
                shrinkage,
                tree_depth,
            } => {
                check_f64("model.shrinkage", shrinkage, &limits::SHRINKAGE, true)?;
                check_usize("model.tree_depth", tree_depth, &limits::BOOST_DEPTH)
            }
            Family::RandomFeatures { scale, .. } => {
                check_f64("model.scale", scale, &limits::FEATURE_SCALE, true)
            }
        }
    }

    fn validate_complexities(&self) -> Result<(), ConfigError> {
        const KEY: &str = "model.complexity";
        check_usize(KEY, self.complexities.len(), &limits::COMPLEXITIES).map_err(|_| {
            ConfigError::new(
                KEY,
                format!(
                    "{} complexities given; allowed {}..={}",
                    self.complexities.len(),
                    limits::COMPLEXITIES.start(),
                    limits::COMPLEXITIES.end()
                ),
            )
        })?;
        let range = match self.family {
            Family::Knn => 1..=self.n_train,
            family => family.complexity_range(),
        };
        for &c in &self.complexities {
            check_usize(KEY, c, &range).map_err(|_| {
                ConfigError::new(
                    KEY,
                    format!(
                        "{} {c} is outside the allowed range {}..={}",
                        self.family.complexity_label(),
                        range.start(),
                        range.end()
                    ),
                )
            })?;
            if self.family == Family::Polynomial && self.ridge == 0.0 && c + 1 > self.n_train {
                return Err(ConfigError::new(
                    KEY,
                    format!(
                        "degree {c} needs at least {} points without ridge (n_train = {}); \
                         lower the degree below {} or set model.ridge > 0",
                        c + 1,
                        self.n_train,
                        self.n_train
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The test grid: `test_points` midpoints of equal cells of [0, 1] (what
    /// [`Evaluation::Grid`] evaluates on; `data::evaluation_points` gives the points of
    /// either evaluation).
    #[must_use]
    pub fn test_grid(&self) -> Vec<f64> {
        #[allow(clippy::cast_precision_loss)]
        let m = self.test_points as f64;
        #[allow(clippy::cast_precision_loss)]
        (0..self.test_points)
            .map(|i| (i as f64 + 0.5) / m)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid() {
        assert_eq!(BiasVarianceConfig::default().validate(), Ok(()));
    }

    #[test]
    fn bad_inputs_name_their_keys() {
        let base = BiasVarianceConfig::default();
        let cases: Vec<(BiasVarianceConfig, &str)> = vec![
            (
                BiasVarianceConfig {
                    noise: -0.1,
                    ..base.clone()
                },
                "problem.noise",
            ),
            (
                BiasVarianceConfig {
                    repeats: 0,
                    ..base.clone()
                },
                "resampling.repeats",
            ),
            (
                BiasVarianceConfig {
                    folds: 31,
                    ..base.clone()
                },
                "resampling.folds",
            ),
            (
                BiasVarianceConfig {
                    ridge: 0.0,
                    complexities: vec![3, 30],
                    ..base.clone()
                },
                "model.complexity",
            ),
            (
                BiasVarianceConfig {
                    family: Family::Knn,
                    complexities: vec![0],
                    ..base.clone()
                },
                "model.complexity",
            ),
            (
                BiasVarianceConfig {
                    family: Family::Knn,
                    complexities: vec![31],
                    ..base.clone()
                },
                "model.complexity",
            ),
            (
                BiasVarianceConfig {
                    complexities: vec![],
                    ..base.clone()
                },
                "model.complexity",
            ),
            (
                BiasVarianceConfig {
                    family: Family::Boosting {
                        shrinkage: 0.0,
                        tree_depth: 2,
                    },
                    ..base.clone()
                },
                "model.shrinkage",
            ),
            (
                BiasVarianceConfig {
                    ridge: f64::NAN,
                    ..base.clone()
                },
                "model.ridge",
            ),
            (
                BiasVarianceConfig {
                    n_train: 1,
                    ..base.clone()
                },
                "problem.n_train",
            ),
            (
                BiasVarianceConfig {
                    evaluate_at: Evaluation::TrainingInputs,
                    ..base.clone()
                },
                "problem.evaluate_at",
            ),
        ];
        for (config, key) in cases {
            let err = config.validate().expect_err(key);
            assert_eq!(err.key, key, "{err}");
            assert!(
                err.to_string().contains("allowed") || err.to_string().contains("ridge"),
                "{err}"
            );
        }
    }

    #[test]
    fn degree_below_n_without_ridge_is_fine() {
        let config = BiasVarianceConfig {
            ridge: 0.0,
            complexities: vec![29],
            ..BiasVarianceConfig::default()
        };
        assert_eq!(config.validate(), Ok(()));
    }

    #[test]
    fn names_round_trip() {
        for t in Truth::ALL {
            assert_eq!(Truth::from_name(t.name()), Some(t));
        }
        for name in [
            "polynomial",
            "knn",
            "mlp",
            "tree",
            "boosting",
            "random_features",
        ] {
            assert_eq!(Family::from_name(name).map(Family::name), Some(name));
        }
        assert_eq!(Family::Knn.axis_value(4), 0.25);
        assert_eq!(Family::Tree.axis_value(4), 4.0);
    }

    #[test]
    fn test_grid_is_midpoints() {
        let config = BiasVarianceConfig {
            test_points: 4,
            ..BiasVarianceConfig::default()
        };
        assert_eq!(config.test_grid(), vec![0.125, 0.375, 0.625, 0.875]);
    }
}
