//! The top of the Hessian spectrum and its trace from Hessian-vector products alone, as
//! PyHessian computes them (Yao, Gholami, Keutzer & Mahoney 2020):
//!
//! - power iteration: start from `v ~ N(0, I)`, normalized; each iteration orthogonalizes v
//!   against the eigenvectors already found (Gram–Schmidt deflation), computes `H v`, takes
//!   the Rayleigh quotient `λ = vᵀ H v` and sets `v = H v / ‖H v‖`; it stops when
//!   `|λ_t − λ_{t−1}| / (|λ_{t−1}| + 1e−6) < tol` (tol 1e−3, at most 100 iterations);
//! - Hutchinson's trace: the running mean of `vᵀ H v` over Rademacher vectors v, stopped by
//!   the same relative-tolerance rule on the mean.
//!
//! Power iteration finds the eigenvalue of largest magnitude. Near a minimum that is λ_max;
//! away from one (early in training, at a saddle) a negative eigenvalue can dominate, so
//! [`lambda_max`] then runs a second power iteration on `H − λ_dom I`, whose dominant
//! eigenvalue is `λ_max − λ_dom`, and reports the largest algebraic eigenvalue.
//!
//! Random vectors come from [`crate::core::rng`] streams [`super::stream`] of the given
//! seed, so every number is reproducible.

use rand_distr::{Distribution as _, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::core::rng;

use super::{HessianOperator, dot, norm, stream};

/// The stopping rule of power iteration and of Hutchinson's estimate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerConfig {
    /// Relative tolerance on successive estimates (PyHessian: 1e−3).
    pub tol: f64,
    /// Most iterations (Hessian-vector products) per eigenvalue or trace (PyHessian: 100).
    pub max_iter: usize,
}

impl Default for PowerConfig {
    /// PyHessian's defaults: tol 1e−3, 100 iterations.
    fn default() -> Self {
        Self {
            tol: 1e-3,
            max_iter: 100,
        }
    }
}

impl PowerConfig {
    /// A tighter rule for numbers that are compared with exact eigenvalues (tol 1e−6, 1000
    /// iterations).
    #[must_use]
    pub fn precise() -> Self {
        Self {
            tol: 1e-6,
            max_iter: 1000,
        }
    }

    /// PyHessian's test: `|new − old| / (|old| + 1e−6) < tol`.
    fn settled(&self, old: f64, new: f64) -> bool {
        (new - old).abs() / (old.abs() + 1e-6) < self.tol
    }
}

/// An eigenvalue estimate with its unit eigenvector.
#[derive(Clone, Debug, PartialEq)]
pub struct Eigenpair {
    /// The eigenvalue (Rayleigh quotient of the last iterate).
    pub value: f64,
    /// The unit eigenvector.
    pub vector: Vec<f64>,
    /// Hessian-vector products used.
    pub iterations: usize,
    /// Whether the tolerance was met before `max_iter`.
    pub converged: bool,
}

/// Removes from `v` its components along the orthonormal `basis` (modified Gram–Schmidt).
fn orthogonalize(v: &mut [f64], basis: &[Vec<f64>]) {
    for b in basis {
        let c = dot(v, b);
        for (x, y) in v.iter_mut().zip(b) {
            *x -= c * y;
        }
    }
}

/// Scales `v` to unit length; false if it is zero or not finite.
fn normalize(v: &mut [f64]) -> bool {
    let n = norm(v);
    if !(n.is_finite() && n > 0.0) {
        return false;
    }
    for x in v.iter_mut() {
        *x /= n;
    }
    true
}

/// A standard normal vector from stream `stream_id` of `seed`.
#[must_use]
pub fn gaussian_vector(dim: usize, seed: u64, stream_id: u64) -> Vec<f64> {
    let mut rng = rng::rng_for(seed, stream_id);
    (0..dim).map(|_| StandardNormal.sample(&mut rng)).collect()
}

/// Power iteration on `H − shift·I` from `start`, deflated against the orthonormal
/// `found` eigenvectors. The value returned is the eigenvalue of `H − shift·I`.
///
/// A start vector of the wrong length, or one inside the span of `found`, gives a NaN
/// eigenvalue (as does a non-finite Hessian-vector product).
#[must_use]
pub fn power_iteration(
    op: &dyn HessianOperator,
    shift: f64,
    start: &[f64],
    found: &[Vec<f64>],
    config: &PowerConfig,
) -> Eigenpair {
    let dim = op.dim();
    let failed = |iterations| Eigenpair {
        value: f64::NAN,
        vector: vec![f64::NAN; dim],
        iterations,
        converged: false,
    };
    let mut v = start.to_vec();
    orthogonalize(&mut v, found);
    if v.len() != dim || !normalize(&mut v) {
        return failed(0);
    }
    let mut hv = vec![0.0; dim];
    let mut value: Option<f64> = None;
    for iteration in 1..=config.max_iter.max(1) {
        orthogonalize(&mut v, found);
        if !normalize(&mut v) {
            return failed(iteration);
        }
        op.apply(&v, &mut hv);
        if shift != 0.0 {
            for (h, x) in hv.iter_mut().zip(&v) {
                *h -= shift * x;
            }
        }
        let rayleigh = dot(&hv, &v);
        if !rayleigh.is_finite() {
            return failed(iteration);
        }
        let settled = value.is_some_and(|old| config.settled(old, rayleigh));
        value = Some(rayleigh);
        // H v = 0 (a zero Hessian on the remaining subspace): v is an eigenvector of 0.
        if !normalize(&mut hv) {
            return Eigenpair {
                value: rayleigh,
                vector: v,
                iterations: iteration,
                converged: true,
            };
        }
        std::mem::swap(&mut v, &mut hv);
        if settled {
            orthogonalize(&mut v, found);
            normalize(&mut v);
            return Eigenpair {
                value: rayleigh,
                vector: v,
                iterations: iteration,
                converged: true,
            };
        }
    }
    orthogonalize(&mut v, found);
    normalize(&mut v);
    Eigenpair {
        value: value.unwrap_or(f64::NAN),
        vector: v,
        iterations: config.max_iter.max(1),
        converged: false,
    }
}

/// The `count` eigenvalues of largest magnitude, by power iteration with deflation
/// (PyHessian's `eigenvalues(top_n)`), in the order found. Eigenvalue k starts from a
/// Gaussian vector of stream `POWER_START + k` of `seed`.
#[must_use]
pub fn top_eigenpairs(
    op: &dyn HessianOperator,
    count: usize,
    config: &PowerConfig,
    seed: u64,
) -> Vec<Eigenpair> {
    let dim = op.dim();
    let mut pairs: Vec<Eigenpair> = Vec::with_capacity(count.min(dim));
    let mut found: Vec<Vec<f64>> = Vec::with_capacity(count.min(dim));
    for k in 0..count.min(dim) {
        let start = gaussian_vector(dim, seed, stream::POWER_START + k as u64);
        let pair = power_iteration(op, 0.0, &start, &found, config);
        if !pair.value.is_finite() {
            pairs.push(pair);
            break;
        }
        found.push(pair.vector.clone());
        pairs.push(pair);
    }
    pairs
}

/// The `count` largest (algebraic) eigenvalues, descending: the values of
/// [`largest_eigenpairs`] (a single NaN if the first power iteration fails).
#[must_use]
pub fn largest_eigenvalues(
    op: &dyn HessianOperator,
    count: usize,
    config: &PowerConfig,
    seed: u64,
) -> Vec<f64> {
    largest_eigenpairs(op, count, config, seed)
        .into_iter()
        .map(|p| p.value)
        .collect()
}

/// The `count` largest (algebraic) eigenvalues with their unit eigenvectors, descending:
/// deflated power iteration on `H − λ_min·I`, whose eigenvalues are all ≥ 0 so that the
/// dominant ones are the largest — unlike [`top_eigenpairs`], a large negative eigenvalue
/// (away from a minimum) does not push out a smaller positive one. λ_min comes from a power
/// iteration shifted by the dominant eigenvalue, stopped at a relative change of 1e-3 (or
/// `config.tol` if looser: the shift needs no more); without negative eigenvalues the shift
/// is 0. The values are those of `H` (the shift added back); `iterations` counts the pair's own
/// pass. If the first power iteration fails (a non-finite product), the one pair returned
/// has a NaN value; later failures end the list early.
#[must_use]
pub fn largest_eigenpairs(
    op: &dyn HessianOperator,
    count: usize,
    config: &PowerConfig,
    seed: u64,
) -> Vec<Eigenpair> {
    let dim = op.dim();
    let start = gaussian_vector(dim, seed, stream::POWER_START);
    let dominant = power_iteration(op, 0.0, &start, &[], config);
    if !dominant.value.is_finite() {
        return vec![dominant];
    }
    let lambda_min = if dominant.value < 0.0 {
        dominant.value
    } else {
        // Only the shift needs λ_min, and only roughly: PyHessian's 1e-3 at most. A tight rule
        // would rarely settle here, where the eigenvalues of `H − λ_dom·I` crowd near −λ_dom
        // (the flat bulk of a network's spectrum).
        let rough = PowerConfig {
            tol: config.tol.max(1e-3),
            ..*config
        };
        let other = power_iteration(op, dominant.value, &start, &[], &rough);
        other.value + dominant.value
    };
    let shift = if lambda_min.is_finite() {
        lambda_min.min(0.0)
    } else {
        0.0
    };
    let mut found: Vec<Vec<f64>> = Vec::new();
    let mut pairs = Vec::new();
    for k in 0..count.min(dim) {
        let start = gaussian_vector(dim, seed, stream::POWER_START + k as u64);
        let mut pair = power_iteration(op, shift, &start, &found, config);
        if !pair.value.is_finite() {
            break;
        }
        pair.value += shift;
        found.push(pair.vector.clone());
        pairs.push(pair);
    }
    pairs.sort_by(|a, b| b.value.total_cmp(&a.value));
    pairs
}

/// λ_max, the largest (algebraic) eigenvalue, with its eigenvector: power iteration, then a
/// shifted second pass if the dominant eigenvalue is negative (see the module docs).
/// `iterations` counts both passes.
#[must_use]
pub fn lambda_max(op: &dyn HessianOperator, config: &PowerConfig, seed: u64) -> Eigenpair {
    let dim = op.dim();
    let start = gaussian_vector(dim, seed, stream::POWER_START);
    let dominant = power_iteration(op, 0.0, &start, &[], config);
    if dominant.value.is_nan() || dominant.value >= 0.0 {
        return dominant;
    }
    let shift = dominant.value;
    let mut top = power_iteration(op, shift, &start, &[], config);
    top.value += shift;
    top.iterations += dominant.iterations;
    top
}

/// A trace estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceEstimate {
    /// The mean of `vᵀ H v` over the probes.
    pub value: f64,
    /// Probes (Hessian-vector products) used.
    pub probes: usize,
    /// Whether the tolerance was met before `max_iter`.
    pub converged: bool,
}

/// Hutchinson's estimate of `tr H`: the running mean of `vᵀ H v` over Rademacher vectors
/// (entries ±1, from stream `HUTCHINSON` of `seed`), stopped as in PyHessian's `trace()`:
/// when the mean moves by less than `tol` relative (the first comparison is against 0).
#[must_use]
pub fn hutchinson_trace(
    op: &dyn HessianOperator,
    config: &PowerConfig,
    seed: u64,
) -> TraceEstimate {
    use rand::RngExt as _;
    let dim = op.dim();
    let mut rng = rng::rng_for(seed, stream::HUTCHINSON);
    let mut v = vec![0.0; dim];
    let mut hv = vec![0.0; dim];
    let mut sum = 0.0;
    let mut mean = 0.0;
    for probe in 1..=config.max_iter.max(1) {
        for x in &mut v {
            *x = if rng.random::<bool>() { 1.0 } else { -1.0 };
        }
        op.apply(&v, &mut hv);
        sum += dot(&v, &hv);
        let new_mean = sum / probe as f64;
        if !new_mean.is_finite() {
            return TraceEstimate {
                value: f64::NAN,
                probes: probe,
                converged: false,
            };
        }
        if config.settled(mean, new_mean) {
            return TraceEstimate {
                value: new_mean,
                probes: probe,
                converged: true,
            };
        }
        mean = new_mean;
    }
    TraceEstimate {
        value: mean,
        probes: config.max_iter.max(1),
        converged: false,
    }
}

/// The exact trace `Σ e_iᵀ H e_i` from `dim()` Hessian-vector products (for small
/// problems and for checking Hutchinson).
#[must_use]
pub fn exact_trace(op: &dyn HessianOperator) -> f64 {
    let dim = op.dim();
    let mut e = vec![0.0; dim];
    let mut he = vec![0.0; dim];
    let mut trace = 0.0;
    for i in 0..dim {
        e[i] = 1.0;
        op.apply(&e, &mut he);
        trace += he[i];
        e[i] = 0.0;
    }
    trace
}

#[cfg(test)]
mod tests {
    use super::super::hvp::DenseHessian;
    use super::*;

    fn diagonal(values: &[f64]) -> DenseHessian {
        let n = values.len();
        let mut m = vec![0.0; n * n];
        for (i, &v) in values.iter().enumerate() {
            m[i * n + i] = v;
        }
        DenseHessian::new(n, m).unwrap_or_else(|| unreachable!("n² entries"))
    }

    #[test]
    fn a_negative_dominant_eigenvalue_is_shifted_away() {
        let h = diagonal(&[-9.0, 2.0, 1.0, 0.5]);
        let top = lambda_max(&h, &PowerConfig::precise(), 3);
        assert!((top.value - 2.0).abs() < 1e-4, "λ_max = {}", top.value);
        let dominant = top_eigenpairs(&h, 1, &PowerConfig::precise(), 3);
        assert!((dominant[0].value + 9.0).abs() < 1e-4);
    }

    #[test]
    fn hutchinson_is_exact_on_a_diagonal_matrix() {
        // vᵀ D v = tr D for every ±1 vector; the stop fires at the second probe.
        let h = diagonal(&[3.0, 1.5, -0.5]);
        let t = hutchinson_trace(&h, &PowerConfig::default(), 1);
        assert!((t.value - 4.0).abs() < 1e-12);
        assert_eq!((t.probes, t.converged), (2, true));
        assert!((exact_trace(&h) - 4.0).abs() < 1e-15);
    }

    #[test]
    fn zero_hessian_gives_zero() {
        let h = diagonal(&[0.0, 0.0]);
        let top = lambda_max(&h, &PowerConfig::default(), 1);
        assert_eq!(top.value, 0.0);
    }
}
