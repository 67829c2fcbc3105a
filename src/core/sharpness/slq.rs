//! The eigenvalue spectral density (ESD) of the Hessian by stochastic Lanczos quadrature, as
//! PyHessian computes it (Ghorbani, Krishnan & Xiao 2019; Yao, Gholami, Keutzer & Mahoney
//! 2020), from Hessian-vector products alone:
//!
//! 1. for each of `probes` random unit vectors v (standard normal, normalized), run `steps`
//!    Lanczos iterations with full reorthogonalization, giving a tridiagonal T;
//! 2. T's eigenvalues θ_k are the quadrature nodes and the squared first components of its
//!    eigenvectors τ_k the weights (Σ_k τ_k = 1, and Σ_k τ_k θ_k = vᵀHv exactly);
//! 3. the density is `ρ(λ) = mean_probes Σ_k τ_k · N(λ; θ_k, σ²)` on a grid over the nodes,
//!    σ² = `sigma2 · max(1, θ_max − θ_min)` (PyHessian's smoothing), normalized to integrate
//!    to 1 on the grid.
//!
//! Its mean `∫ λ ρ(λ) dλ` is the mean of `vᵀHv` over the probes: an unbiased estimate of
//! trace/P, the average eigenvalue. The largest node approaches λ_max quickly (Lanczos finds
//! the extremes first). Deterministic: the probes come from [`crate::core::rng`] stream
//! [`super::stream::SLQ`]` + probe` of the seed. No threads, no egui.

use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

use super::{HessianOperator, dot, norm, spectrum::gaussian_vector, stream};

/// The settings of stochastic Lanczos quadrature.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlqConfig {
    /// Random probe vectors (PyHessian: 1; more smooth out the estimate).
    pub probes: usize,
    /// Lanczos steps per probe (at most the parameter count; PyHessian: 100).
    pub steps: usize,
    /// Grid points of the density.
    pub bins: usize,
    /// Relative Gaussian smoothing σ² (PyHessian: 1e−5, times the spectrum's width if > 1).
    pub sigma2: f64,
}

impl Default for SlqConfig {
    /// 4 probes of 80 steps, 400 grid points, σ² = 1e−5 × width.
    fn default() -> Self {
        Self {
            probes: 4,
            steps: 80,
            bins: 400,
            sigma2: 1e-5,
        }
    }
}

/// The quadrature of one probe: nodes θ_k and weights τ_k.
#[derive(Clone, Debug, PartialEq)]
pub struct Quadrature {
    /// Eigenvalues of the Lanczos tridiagonal, ascending.
    pub nodes: Vec<f64>,
    /// Squared first components of its eigenvectors (summing to 1).
    pub weights: Vec<f64>,
}

/// The smoothed density on a grid: `value[i]` at `lambda[i]`, integrating to 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Density {
    /// Grid of eigenvalues, ascending and evenly spaced.
    pub lambda: Vec<f64>,
    /// The density at each grid point.
    pub value: Vec<f64>,
}

impl Density {
    /// `∫ ρ(λ) dλ` on the grid (trapezoidal): about 1.
    #[must_use]
    pub fn mass(&self) -> f64 {
        self.trapezoid(|_, v| v)
    }

    /// `∫ λ ρ(λ) dλ` on the grid: the mean eigenvalue (≈ trace / P).
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.trapezoid(|l, v| l * v)
    }

    fn trapezoid(&self, f: impl Fn(f64, f64) -> f64) -> f64 {
        self.lambda
            .windows(2)
            .zip(self.value.windows(2))
            .map(|(l, v)| 0.5 * (f(l[0], v[0]) + f(l[1], v[1])) * (l[1] - l[0]))
            .sum()
    }
}

/// Lanczos with full reorthogonalization from `start` (normalized here) for at most `steps`
/// steps: the diagonal α and the off-diagonal β of the tridiagonal. Stops early when the
/// Krylov space is exhausted (β ≈ 0) or a product is not finite.
#[must_use]
pub fn lanczos(op: &dyn HessianOperator, start: &[f64], steps: usize) -> (Vec<f64>, Vec<f64>) {
    let dim = op.dim();
    let (mut alpha, mut beta) = (Vec::new(), Vec::new());
    let n0 = norm(start);
    if start.len() != dim || !(n0.is_finite() && n0 > 0.0) {
        return (alpha, beta);
    }
    let mut basis: Vec<Vec<f64>> = vec![start.iter().map(|x| x / n0).collect()];
    let mut w = vec![0.0; dim];
    for step in 0..steps.min(dim) {
        let v = &basis[step];
        op.apply(v, &mut w);
        if w.iter().any(|x| !x.is_finite()) {
            break;
        }
        let a = dot(&w, v);
        alpha.push(a);
        // Full reorthogonalization (twice, for stability) against every basis vector.
        for _ in 0..2 {
            for q in &basis {
                let c = dot(&w, q);
                for (wi, qi) in w.iter_mut().zip(q) {
                    *wi -= c * qi;
                }
            }
        }
        let b = norm(&w);
        let scale = alpha.iter().map(|a| a.abs()).fold(1e-30, f64::max);
        if step + 1 == steps.min(dim) || b.is_nan() || b <= 1e-10 * scale {
            break;
        }
        beta.push(b);
        basis.push(w.iter().map(|x| x / b).collect());
    }
    (alpha, beta)
}

/// Nodes and weights of the tridiagonal (α, β); none for an empty or non-finite one.
#[must_use]
pub fn quadrature(alpha: &[f64], beta: &[f64]) -> Quadrature {
    let m = alpha.len();
    if m == 0 || beta.len() + 1 < m || alpha.iter().chain(beta).any(|x| !x.is_finite()) {
        return Quadrature {
            nodes: Vec::new(),
            weights: Vec::new(),
        };
    }
    let t = DMatrix::from_fn(m, m, |i, j| {
        if i == j {
            alpha[i]
        } else if i + 1 == j {
            beta[i]
        } else if j + 1 == i {
            beta[j]
        } else {
            0.0
        }
    });
    let eigen = t.symmetric_eigen();
    let mut pairs: Vec<(f64, f64)> = (0..m)
        .map(|k| (eigen.eigenvalues[k], eigen.eigenvectors[(0, k)].powi(2)))
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    Quadrature {
        nodes: pairs.iter().map(|p| p.0).collect(),
        weights: pairs.iter().map(|p| p.1).collect(),
    }
}

/// The quadratures of `config.probes` probes (probe p from stream `SLQ + p` of `seed`).
#[must_use]
pub fn quadratures(op: &dyn HessianOperator, config: &SlqConfig, seed: u64) -> Vec<Quadrature> {
    quadratures_until(op, config, seed, &|| true).unwrap_or_default()
}

/// [`quadratures`], asking `go_on` after each probe whether to go on (it may also count the
/// probes done, for a progress bar); `None` when it said stop.
pub fn quadratures_until(
    op: &dyn HessianOperator,
    config: &SlqConfig,
    seed: u64,
    go_on: &dyn Fn() -> bool,
) -> Option<Vec<Quadrature>> {
    let mut quads = Vec::with_capacity(config.probes);
    for p in 0..config.probes {
        let start = gaussian_vector(op.dim(), seed, stream::SLQ + p as u64);
        let (alpha, beta) = lanczos(op, &start, config.steps);
        let q = quadrature(&alpha, &beta);
        if !q.nodes.is_empty() {
            quads.push(q);
        }
        if !go_on() {
            return None;
        }
    }
    Some(quads)
}

/// The smoothed spectral density (empty when no probe gave a quadrature).
#[must_use]
pub fn density(op: &dyn HessianOperator, config: &SlqConfig, seed: u64) -> Density {
    density_until(op, config, seed, &|| true).unwrap_or_else(|| Density {
        lambda: Vec::new(),
        value: Vec::new(),
    })
}

/// [`density`], asking `go_on` after each probe whether to go on ([`quadratures_until`]);
/// `None` when it said stop.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn density_until(
    op: &dyn HessianOperator,
    config: &SlqConfig,
    seed: u64,
    go_on: &dyn Fn() -> bool,
) -> Option<Density> {
    let quads = quadratures_until(op, config, seed, go_on)?;
    let nodes = quads.iter().flat_map(|q| q.nodes.iter().copied());
    let (lo, hi) = nodes.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    if quads.is_empty() || !lo.is_finite() || !hi.is_finite() || config.bins < 2 {
        return Some(Density {
            lambda: Vec::new(),
            value: Vec::new(),
        });
    }
    let sigma2 = config.sigma2 * (hi - lo).max(1.0);
    let pad = 0.01 * (hi - lo) + 5.0 * sigma2.sqrt();
    let (lo, hi) = (lo - pad, hi + pad);
    let step = (hi - lo) / (config.bins - 1) as f64;
    let lambda: Vec<f64> = (0..config.bins).map(|i| lo + step * i as f64).collect();
    let norm_const = 1.0 / (2.0 * std::f64::consts::PI * sigma2).sqrt();
    let mut value: Vec<f64> = lambda
        .iter()
        .map(|&l| {
            quads
                .iter()
                .flat_map(|q| q.nodes.iter().zip(&q.weights))
                .map(|(&t, &w)| w * norm_const * libm::exp(-(l - t).powi(2) / (2.0 * sigma2)))
                .sum::<f64>()
                / quads.len() as f64
        })
        .collect();
    let mass = Density {
        lambda: lambda.clone(),
        value: value.clone(),
    }
    .mass();
    if mass > 0.0 {
        for v in &mut value {
            *v /= mass;
        }
    }
    Some(Density { lambda, value })
}

/// The Hessian restricted to one block of parameters, `H_BB` for the indices `range` (a
/// layer's weights and biases): per-layer spectra, as PyHessian's users ask for. Its
/// eigenvalues are those of the curvature within the layer, the other parameters held fixed.
pub struct Block<'a> {
    hessian: &'a dyn HessianOperator,
    range: std::ops::Range<usize>,
}

impl<'a> Block<'a> {
    /// `H_BB` of `hessian` for `range` (None if it is empty or leaves the parameters).
    #[must_use]
    pub fn new(hessian: &'a dyn HessianOperator, range: std::ops::Range<usize>) -> Option<Self> {
        (!range.is_empty() && range.end <= hessian.dim()).then_some(Self { hessian, range })
    }
}

impl HessianOperator for Block<'_> {
    fn dim(&self) -> usize {
        self.range.len()
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        if !super::lengths_fit(self.range.len(), v, out) {
            return;
        }
        let mut full = vec![0.0; self.hessian.dim()];
        full[self.range.clone()].copy_from_slice(v);
        let mut image = vec![0.0; self.hessian.dim()];
        self.hessian.apply(&full, &mut image);
        out.copy_from_slice(&image[self.range.clone()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A diagonal Hessian with the given eigenvalues.
    struct Diagonal(Vec<f64>);

    impl HessianOperator for Diagonal {
        fn dim(&self) -> usize {
            self.0.len()
        }
        fn apply(&self, v: &[f64], out: &mut [f64]) {
            for ((o, d), x) in out.iter_mut().zip(&self.0).zip(v) {
                *o = d * x;
            }
        }
    }

    fn eigenvalues() -> Vec<f64> {
        (0..40)
            .map(|i| {
                if i < 3 {
                    50.0 - 10.0 * f64::from(i)
                } else {
                    0.05 * f64::from(i)
                }
            })
            .collect()
    }

    /// With as many steps as parameters Lanczos is exact: the nodes are the eigenvalues, the
    /// weights sum to 1, and Σ τθ = vᵀHv / vᵀv.
    #[test]
    fn full_lanczos_recovers_the_spectrum_and_the_rayleigh_quotient() {
        let op = Diagonal(eigenvalues());
        let v = gaussian_vector(40, 3, stream::SLQ);
        let (alpha, beta) = lanczos(&op, &v, 40);
        let q = quadrature(&alpha, &beta);
        let mut expected = eigenvalues();
        expected.sort_by(f64::total_cmp);
        assert_eq!(q.nodes.len(), 40);
        for (a, b) in q.nodes.iter().zip(&expected) {
            assert!((a - b).abs() < 1e-8 * (1.0 + b.abs()), "{a} vs {b}");
        }
        assert!((q.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let mut hv = vec![0.0; 40];
        op.apply(&v, &mut hv);
        let rayleigh = dot(&v, &hv) / dot(&v, &v);
        let quad: f64 = q.nodes.iter().zip(&q.weights).map(|(t, w)| t * w).sum();
        assert!((quad - rayleigh).abs() < 1e-9 * rayleigh.abs());
    }

    /// Few steps still find the extremes: the top node is λ_max.
    #[test]
    fn a_few_steps_find_the_top_eigenvalue() {
        let op = Diagonal(eigenvalues());
        let v = gaussian_vector(40, 5, stream::SLQ);
        let (alpha, beta) = lanczos(&op, &v, 12);
        let q = quadrature(&alpha, &beta);
        let top = q.nodes.last().copied().unwrap_or(f64::NAN);
        assert!((top - 50.0).abs() < 1e-6, "{top}");
    }

    /// The density integrates to 1, its mean is the mean of the probes' Rayleigh quotients
    /// (≈ trace / P), and it has mass near the three outliers.
    #[test]
    fn the_density_has_unit_mass_and_the_trace_per_parameter_as_mean() {
        let op = Diagonal(eigenvalues());
        let config = SlqConfig {
            probes: 30,
            steps: 40,
            bins: 2000,
            sigma2: 1e-5,
        };
        let d = density(&op, &config, 7);
        assert!((d.mass() - 1.0).abs() < 1e-9);
        let trace_per_p = eigenvalues().iter().sum::<f64>() / 40.0;
        let probes_mean = (0..30)
            .map(|p| {
                let v = gaussian_vector(40, 7, stream::SLQ + p);
                let mut hv = vec![0.0; 40];
                op.apply(&v, &mut hv);
                dot(&v, &hv) / dot(&v, &v)
            })
            .sum::<f64>()
            / 30.0;
        assert!(
            (d.mean() - probes_mean).abs() < 1e-3 * probes_mean,
            "{}",
            d.mean()
        );
        // Hutchinson's error with 30 probes over 40 parameters: within 25 % of trace/P.
        assert!(
            (d.mean() / trace_per_p - 1.0).abs() < 0.25,
            "{} vs {trace_per_p}",
            d.mean()
        );
        // The grid covers the spectrum; mass above 25 is about 3 of 40 eigenvalues' weight.
        assert!(d.lambda[0] < 0.0 && *d.lambda.last().expect("grid") > 50.0);
        let above: f64 = d
            .lambda
            .windows(2)
            .zip(d.value.windows(2))
            .filter(|(l, _)| l[0] > 25.0)
            .map(|(l, v)| 0.5 * (v[0] + v[1]) * (l[1] - l[0]))
            .sum();
        assert!((above - 3.0 / 40.0).abs() < 0.06, "{above}");
    }

    #[test]
    fn bad_starts_give_no_quadrature() {
        let op = Diagonal(vec![1.0, 2.0]);
        assert_eq!(lanczos(&op, &[0.0, 0.0], 2), (Vec::new(), Vec::new()));
        assert_eq!(lanczos(&op, &[1.0], 2), (Vec::new(), Vec::new()));
        let d = density(&Diagonal(Vec::new()), &SlqConfig::default(), 1);
        assert!(d.lambda.is_empty());
    }
}
