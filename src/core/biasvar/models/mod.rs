//! The model families of the bias–variance lab behind one trait, [`Regressor`]: fit on
//! (x, y), predict at any x. [`new_model`] builds the family of a config at one complexity.
//!
//! Each family lives in its own file: [`polynomial`] (Legendre least squares with ridge),
//! [`knn`], [`mlp`] (a tiny tanh network trained by full-batch Adam), [`tree`] (CART and
//! gradient boosting of shallow trees) and [`random_features`] (minimum-norm least squares on
//! p random features). Least squares goes through [`lstsq`] (nalgebra's SVD), so
//! rank-deficient and over-parametrised problems get the minimum-norm solution rather than
//! a NaN.
//!
//! Contract: after `fit` on finite data, `predict` returns finite numbers; a fit that cannot
//! be computed (an SVD that does not converge, a diverging MLP) falls back to a simpler model
//! and says so through [`Regressor::fell_back`]. Models draw their randomness only from the
//! seed they are built with. Pure numerics: no threads, no egui.

pub mod knn;
pub mod lstsq;
pub mod mlp;
pub mod polynomial;
pub mod random_features;
pub mod tree;

use super::config::Family;

/// A regression model on x ∈ [0, 1].
pub trait Regressor: Send {
    /// Fits the model to the points (x_i, y_i); `x` and `y` have the same length. Fitting
    /// on no points gives the model that predicts 0.
    fn fit(&mut self, x: &[f64], y: &[f64]);

    /// The prediction at `x`.
    fn predict(&self, x: f64) -> f64;

    /// Predictions at every point of `xs`.
    fn predict_many(&self, xs: &[f64]) -> Vec<f64> {
        xs.iter().map(|&x| self.predict(x)).collect()
    }

    /// Whether the last fit could not be computed as specified and a simpler model (the mean
    /// of y, or the last finite MLP weights) stands in for it.
    fn fell_back(&self) -> bool {
        false
    }
}

/// The model of `family` at `complexity` (degree, k, width, depth, rounds or p), with ridge
/// penalty `ridge` where the family has one and its own randomness seeded by `seed`.
#[must_use]
pub fn new_model(family: Family, complexity: usize, ridge: f64, seed: u64) -> Box<dyn Regressor> {
    match family {
        Family::Polynomial => Box::new(polynomial::Polynomial::new(complexity, ridge)),
        Family::Knn => Box::new(knn::Knn::new(complexity)),
        Family::Mlp {
            steps,
            learning_rate,
        } => Box::new(mlp::Mlp::new(complexity, steps, learning_rate, seed)),
        Family::Tree => Box::new(tree::RegressionTree::new(complexity)),
        Family::Boosting {
            shrinkage,
            tree_depth,
        } => Box::new(tree::Boosting::new(complexity, shrinkage, tree_depth)),
        Family::RandomFeatures { kind, scale } => Box::new(random_features::RandomFeatures::new(
            kind, complexity, scale, ridge, seed,
        )),
    }
}

/// The mean of `y`, 0 for no points.
#[must_use]
pub fn mean(y: &[f64]) -> f64 {
    if y.is_empty() {
        0.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let n = y.len() as f64;
        y.iter().sum::<f64>() / n
    }
}

/// The mean squared error of `model` on the points (x_i, y_i).
#[must_use]
pub fn mse(model: &dyn Regressor, x: &[f64], y: &[f64]) -> f64 {
    let se: Vec<f64> = x
        .iter()
        .zip(y)
        .map(|(&xi, &yi)| (model.predict(xi) - yi).powi(2))
        .collect();
    mean(&se)
}
