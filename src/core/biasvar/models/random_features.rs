//! Least squares on p random features: the cheapest model that shows double descent
//! (Belkin, Hsu, Ma & Mandal 2019). Complexity = p.
//!
//! Features of t = 2x − 1, scaled by 1/√p so that the feature kernel `Σ_j φ_j(x)φ_j(x')`
//! converges as p grows (and a given ridge λ means the same at every p):
//! - ReLU: `φ_j = max(0, s_j·(t − c_j))/√p`, knots c_j ~ U[−1, 1], signs s_j = ±1;
//! - Fourier: `φ_j = √(2/p)·cos(ω_j·t + b_j)`, ω_j ~ N(0, γ²), b_j ~ U[0, 2π) (Gaussian
//!   kernel);
//! - Laplace: the same with Cauchy ω_j of scale γ (Laplace kernel `exp(−γ|t − t'|)`).
//!
//! Which kernel matters in one dimension: with x ~ U[0, 1] two training points are often
//! 10⁻⁴ apart, and an interpolant through their two noisy targets must be steep there. A
//! smooth (Gaussian) kernel pays for that everywhere, with weights of 10¹⁰ and swings of
//! 10⁵ between the points; the Laplace kernel's interpolants are local, so past the peak the
//! test error comes back down (below the first minimum for n = 30, σ = 0.3, γ = 15 by
//! p ≈ 2000). ReLU features with finitely many knots behave like the smooth case.
//!
//! The weights are the ridge solution, or with λ = 0 the minimum-norm (pseudo-inverse) one
//! from [`super::lstsq`]: below p = n it is ordinary least squares, at p ≈ n the design is
//! nearly square and ill conditioned so the interpolant swings wildly (the peak), and past it
//! the minimum-norm interpolant gets smoother again. A ridge λ > 0 flattens the peak.
//!
//! Feature j is the j-th draw from the model's seed, so the features of p are the first p of
//! those of p + 1: sweeping p adds features one at a time.

use std::f64::consts::{PI, TAU};

use nalgebra::DMatrix;
use rand::RngExt as _;
use rand_distr::{Distribution as _, StandardNormal};

use super::{Regressor, lstsq, mean};
use crate::core::biasvar::config::FeatureKind;
use crate::core::rng::rng_for;

/// A random-feature least-squares regressor.
#[derive(Clone, Debug)]
pub struct RandomFeatures {
    kind: FeatureKind,
    ridge: f64,
    /// (sign, knot) of each ReLU feature; (frequency, phase) of each cosine feature.
    features: Vec<(f64, f64)>,
    /// Output weights, length p.
    weights: Vec<f64>,
    /// The mean of y, predicted when the solve fails.
    fallback: Option<f64>,
}

impl RandomFeatures {
    /// An unfitted model (predicts 0) on `p` features of `kind` (Fourier frequencies with
    /// scale `scale`), ridge penalty `ridge`, features drawn from `seed`.
    #[must_use]
    pub fn new(kind: FeatureKind, p: usize, scale: f64, ridge: f64, seed: u64) -> Self {
        let p = p.max(1);
        let mut rng = rng_for(seed, 0);
        let features = (0..p)
            .map(|_| {
                let z: f64 = StandardNormal.sample(&mut rng);
                match kind {
                    FeatureKind::Relu => {
                        let sign = if z < 0.0 { -1.0 } else { 1.0 };
                        (sign, rng.random_range(-1.0..1.0))
                    }
                    FeatureKind::Laplace => {
                        // A standard Cauchy draw: tan of a uniform angle in (−π/2, π/2).
                        let u: f64 = rng.random_range(0.0..1.0);
                        (
                            scale * libm::tan(PI * (u - 0.5)),
                            rng.random_range(0.0..TAU),
                        )
                    }
                    FeatureKind::Fourier => (scale * z, rng.random_range(0.0..TAU)),
                }
            })
            .collect();
        Self {
            kind,
            ridge,
            features,
            weights: vec![0.0; p],
            fallback: None,
        }
    }

    /// Writes φ₁(x)..φ_p(x) into `out` (length p).
    fn features_at(&self, x: f64, out: &mut [f64]) {
        let t = 2.0 * x - 1.0;
        #[allow(clippy::cast_precision_loss)]
        let p = self.features.len() as f64;
        match self.kind {
            FeatureKind::Relu => {
                let norm = 1.0 / p.sqrt();
                for (o, &(w, b)) in out.iter_mut().zip(&self.features) {
                    *o = norm * (w * (t - b)).max(0.0);
                }
            }
            FeatureKind::Fourier | FeatureKind::Laplace => {
                let norm = (2.0 / p).sqrt();
                for (o, &(w, b)) in out.iter_mut().zip(&self.features) {
                    *o = norm * libm::cos(w.mul_add(t, b));
                }
            }
        }
    }

    /// The p feature values at `x`.
    #[must_use]
    pub fn feature_row(&self, x: f64) -> Vec<f64> {
        let mut row = vec![0.0; self.features.len()];
        self.features_at(x, &mut row);
        row
    }

    /// The Euclidean norm of the fitted weights.
    #[must_use]
    pub fn weight_norm(&self) -> f64 {
        self.weights.iter().map(|w| w * w).sum::<f64>().sqrt()
    }
}

impl Regressor for RandomFeatures {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        let p = self.features.len();
        let mut row = vec![0.0; p];
        let mut a = DMatrix::zeros(x.len(), p);
        for (i, &xi) in x.iter().enumerate() {
            self.features_at(xi, &mut row);
            for (j, &v) in row.iter().enumerate() {
                a[(i, j)] = v;
            }
        }
        match lstsq::ridge_lstsq(a, y, self.ridge) {
            Some(w) => {
                self.weights = w;
                self.fallback = None;
            }
            None => {
                self.weights = vec![0.0; p];
                self.fallback = Some(mean(y));
            }
        }
    }

    fn predict(&self, x: f64) -> f64 {
        if let Some(m) = self.fallback {
            return m;
        }
        let mut row = vec![0.0; self.features.len()];
        self.features_at(x, &mut row);
        row.iter().zip(&self.weights).map(|(f, w)| f * w).sum()
    }

    fn fell_back(&self) -> bool {
        self.fallback.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::biasvar::models::mse;

    #[test]
    fn more_features_than_points_interpolate() {
        let x = [0.05, 0.3, 0.55, 0.8, 0.95];
        let y = [0.2, -0.4, 1.0, 0.1, -0.3];
        for kind in [
            FeatureKind::Relu,
            FeatureKind::Fourier,
            FeatureKind::Laplace,
        ] {
            let mut model = RandomFeatures::new(kind, 40, 5.0, 0.0, 9);
            model.fit(&x, &y);
            assert!(mse(&model, &x, &y) < 1e-12, "{kind:?}");
        }
    }

    #[test]
    fn features_are_nested_in_p() {
        let small = RandomFeatures::new(FeatureKind::Fourier, 3, 5.0, 0.0, 4);
        let large = RandomFeatures::new(FeatureKind::Fourier, 7, 5.0, 0.0, 4);
        assert_eq!(small.features[..], large.features[..3]);
    }

    #[test]
    fn ridge_shrinks_the_weights() {
        let x: Vec<f64> = (0..12).map(|i| f64::from(i) / 11.0).collect();
        let y: Vec<f64> = x.iter().map(|&v| libm::sin(TAU * v)).collect();
        let mut plain = RandomFeatures::new(FeatureKind::Relu, 12, 1.0, 0.0, 2);
        plain.fit(&x, &y);
        let mut ridged = RandomFeatures::new(FeatureKind::Relu, 12, 1.0, 1e-2, 2);
        ridged.fit(&x, &y);
        assert!(ridged.weight_norm() < plain.weight_norm());
    }
}
