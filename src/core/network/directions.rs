//! Directions through weight space for landscape planes (Li, Xu, Taylor, Studer & Goldstein
//! 2018, "Visualizing the Loss Landscape of Neural Nets"; Goodfellow, Vinyals & Saxe 2015):
//!
//! - random Gaussian directions, filter-normalized (Li et al. 2018): for each layer and each
//!   output neuron, the row of d is rescaled to the norm of the same row of θ₀
//!   (`d ← d/(‖d‖ + 1e-10)·‖θ‖`, as loss-landscape's `net_plotter.py` does); bias entries are
//!   zero by default (their `--xignore biasbn`), or copied from θ₀ (what that code does
//!   without it);
//! - PCA of a trajectory: the top-2 principal directions of {θ_t − θ_final} (centred, as
//!   sklearn's `PCA` that loss-landscape uses), their explained-variance ratios, and every
//!   point's coordinates by projection `⟨θ_t − θ_final, d⟩` (d unit);
//! - the plane through two solutions: d₁ = θ_B − θ_A, d₂ a filter-normalized random
//!   direction made orthogonal to d₁;
//! - the plane through the top two Hessian eigenvectors at a point (the directions in which
//!   the minimum is sharpest): d₁, d₂ the unit eigenvectors of the two largest (algebraic)
//!   eigenvalues of the training-loss Hessian, by deflated power iteration
//!   ([`crate::core::sharpness::spectrum::largest_eigenpairs`]); not filter-normalized, so
//!   plane coordinates are Euclidean distances in weight space;
//! - the 1-D interpolation `L((1−α)θ_A + αθ_B)` of Goodfellow et al. and Keskar et al.
//!
//! Random directions come from the ChaCha8 streams [`DIRECTION_1`](super::stream::DIRECTION_1)
//! and [`DIRECTION_2`](super::stream::DIRECTION_2) of the seed, so runs that share a seed
//! and a centre share a plane. The PCA uses nalgebra's symmetric eigen-solver on the smaller
//! of the two Gram matrices (points × points when there are fewer points than parameters).

use nalgebra::{DMatrix, SymmetricEigen};
use ndarray::{Array2, Axis};
use rand_distr::{Distribution as _, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::core::objective::{Batch, Objective};
use crate::core::product::matmul;
use crate::core::rng::rng_for;
use crate::core::sharpness::spectrum::{self, PowerConfig};
use crate::core::sharpness::{Curvature, SharpnessError};

use super::mlp::Architecture;
use super::plane::{Plane, PlaneError};
use super::stream;

/// What the bias entries of a filter-normalized direction are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BiasDirection {
    /// Zero: the plane does not move the biases (Li et al.'s `biasbn` option, the default).
    #[default]
    Zero,
    /// θ₀'s biases (loss-landscape's behaviour for 1-D tensors without `biasbn`).
    LikeTheta,
}

/// Directions that cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum DirectionError {
    /// A vector whose length is not the network's parameter count.
    #[error("{what} has length {got}, expected {expected} (the network's parameter count)")]
    Length {
        /// Which vector.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        what: crate::core::wire::Name,
        /// Its length.
        got: usize,
        /// The parameter count.
        expected: usize,
    },
    /// A trajectory with too few points for a PCA.
    #[error("a PCA plane needs at least 3 trajectory points, got {points}")]
    TooFewPoints {
        /// Points given.
        points: usize,
    },
    /// A trajectory that never moves, or two solutions that coincide.
    #[error("{what}: the points do not spread, so they span no direction")]
    NoSpread {
        /// What was asked for.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        what: crate::core::wire::Name,
    },
    /// The eigen-solver's input was not finite.
    #[error("the trajectory has non-finite parameters")]
    NotFinite,
    /// The directions did not make a plane.
    #[error(transparent)]
    Plane(#[from] PlaneError),
    /// No Hessian at the centre (a non-finite loss there, or a failed power iteration).
    #[error("no Hessian eigenvectors: {0}")]
    Curvature(#[from] SharpnessError),
    /// A BatchNorm network's recorded running statistics do not fit it.
    #[error("cannot measure in eval mode: {0}")]
    Running(String),
}

fn check_len(what: &'static str, got: usize, expected: usize) -> Result<(), DirectionError> {
    if got == expected {
        Ok(())
    } else {
        Err(DirectionError::Length {
            what,
            got,
            expected,
        })
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

/// `dim` independent N(0, 1) numbers from stream `stream_id` of `seed`.
#[must_use]
pub fn gaussian_direction(dim: usize, seed: u64, stream_id: u64) -> Vec<f64> {
    let mut rng = rng_for(seed, stream_id);
    (0..dim).map(|_| StandardNormal.sample(&mut rng)).collect()
}

/// Filter normalization in place: every weight row of `direction` (the incoming weights of
/// one output neuron) gets the ℓ₂ norm of the same row of `reference`; the bias entries
/// (and BatchNorm's γ and β) become zero or `reference`'s (`bias`).
///
/// # Errors
/// `direction` or `reference` not of length `arch.dim()`.
pub fn filter_normalize(
    arch: &Architecture,
    direction: &mut [f64],
    reference: &[f64],
    bias: BiasDirection,
) -> Result<(), DirectionError> {
    check_len("direction", direction.len(), arch.dim())?;
    check_len("reference", reference.len(), arch.dim())?;
    for layer in arch.layers() {
        for neuron in 0..layer.fan_out {
            let rows = layer.weight_row(neuron);
            let scale = norm(&reference[rows.clone()]) / (norm(&direction[rows.clone()]) + 1e-10);
            for d in &mut direction[rows] {
                *d *= scale;
            }
        }
        // Biases and BatchNorm's γ, β (Li et al. 2018 treat them alike).
        for biases in [layer.bias_range(), layer.gamma_range(), layer.beta_range()] {
            match bias {
                BiasDirection::Zero => direction[biases].fill(0.0),
                BiasDirection::LikeTheta => {
                    direction[biases.clone()].copy_from_slice(&reference[biases])
                }
            }
        }
    }
    Ok(())
}

/// A Gaussian direction from stream `stream_id` of `seed`, filter-normalized to `reference`.
///
/// # Errors
/// `reference` not of length `arch.dim()`.
pub fn random_direction(
    arch: &Architecture,
    reference: &[f64],
    seed: u64,
    stream_id: u64,
    bias: BiasDirection,
) -> Result<Vec<f64>, DirectionError> {
    let mut d = gaussian_direction(arch.dim(), seed, stream_id);
    filter_normalize(arch, &mut d, reference, bias)?;
    Ok(d)
}

/// The random plane of Li et al.: centred on `center` (the current or final weights), two
/// filter-normalized Gaussian directions from the seed's streams `DIRECTION_1` and
/// `DIRECTION_2`.
///
/// # Errors
/// `center` not of length `arch.dim()`, or a centre whose weights are all zero (the
/// normalized directions vanish).
pub fn random_plane(
    arch: &Architecture,
    center: &[f64],
    seed: u64,
    bias: BiasDirection,
) -> Result<Plane, DirectionError> {
    let d1 = random_direction(arch, center, seed, stream::DIRECTION_1, bias)?;
    let d2 = random_direction(arch, center, seed, stream::DIRECTION_2, bias)?;
    Ok(Plane::new(center.to_vec(), d1, d2)?)
}

/// The plane through two solutions: origin θ_A, d₁ = θ_B − θ_A (so `(1, 0)` is θ_B), d₂ a
/// filter-normalized (to θ_A) random direction from stream `DIRECTION_2`, made orthogonal to
/// d₁ by one Gram–Schmidt step.
///
/// # Errors
/// Vectors not of length `arch.dim()`, or θ_A = θ_B.
pub fn solutions_plane(
    arch: &Architecture,
    theta_a: &[f64],
    theta_b: &[f64],
    seed: u64,
    bias: BiasDirection,
) -> Result<Plane, DirectionError> {
    check_len("theta_a", theta_a.len(), arch.dim())?;
    check_len("theta_b", theta_b.len(), arch.dim())?;
    let d1: Vec<f64> = theta_b.iter().zip(theta_a).map(|(b, a)| b - a).collect();
    let d1_sq = dot(&d1, &d1);
    if d1_sq == 0.0 {
        return Err(DirectionError::NoSpread {
            what: "the plane through two solutions (θ_A = θ_B)",
        });
    }
    let mut d2 = random_direction(arch, theta_a, seed, stream::DIRECTION_2, bias)?;
    let along = dot(&d2, &d1) / d1_sq;
    for (v, u) in d2.iter_mut().zip(&d1) {
        *v -= along * u;
    }
    Ok(Plane::new(theta_a.to_vec(), d1, d2)?)
}

/// The plane through the top two Hessian eigenvectors at a point, with their eigenvalues.
#[derive(Clone, Debug, PartialEq)]
pub struct HessianPlane {
    /// Origin θ_c, d₁ and d₂ the unit eigenvectors of λ₁ ≥ λ₂ (orthogonal).
    pub plane: Plane,
    /// λ₁ ≥ λ₂, the two largest (algebraic) eigenvalues of the training-loss Hessian at θ_c.
    pub eigenvalues: [f64; 2],
}

/// The loss rise, in loss units, that one unit of a Hessian plane's preset range stands for
/// along v₁ (see [`hessian_range_unit`]).
pub const HESSIAN_RANGE_RISE: f64 = 1.0;

/// The length in weight space of one unit of a Hessian plane's preset range (`view.x`,
/// `view.y`): the step along v₁ at which the quadratic model `½λ₁α²` predicts a loss rise
/// of [`HESSIAN_RANGE_RISE`], `√(2·rise/|λ₁|)`, the same on both axes so that the picture
/// keeps its proportions (along v₂ the rise at that step is `λ₂/λ₁` of it). The default
/// range ±1 thus shows the sharpest direction climbing by about one loss unit at its edges,
/// whatever λ₁ is. |λ₁| is floored at 1e-6 (a flat point would otherwise ask for an
/// unbounded range); a non-finite λ₁ gives 1.
#[must_use]
pub fn hessian_range_unit(lambda_1: f64) -> f64 {
    if lambda_1.is_finite() {
        (2.0 * HESSIAN_RANGE_RISE / lambda_1.abs().max(1e-6)).sqrt()
    } else {
        1.0
    }
}

/// The power-iteration rule of the Hessian plane: a relative change of the Rayleigh quotient
/// below 1e-10 (which leaves the eigenvectors about 1e-5 from the true ones when the top
/// eigenvalues are well separated; the Hessian-vector products are exact, so the rule
/// settles), at most 1000 products per eigenvector.
pub const HESSIAN_PLANE_POWER: PowerConfig = PowerConfig {
    tol: 1e-10,
    max_iter: 1000,
};

/// The plane through `centre` spanned by the unit eigenvectors of the two largest
/// (algebraic) eigenvalues of `problem`'s full-batch training-loss Hessian there
/// ([`spectrum::largest_eigenpairs`]: deflated power iteration, start vectors from `seed`).
/// The directions are not filter-normalized. Each eigenvector's sign is fixed so that its
/// entry of largest magnitude (the first on ties) is positive. A BatchNorm network is asked
/// in eval mode, like every other plane: pass the network with the running statistics of
/// the centre.
///
/// # Errors
/// `centre` of the wrong length, a non-finite loss there, fewer than two parameters, or a
/// power iteration that failed (non-finite Hessian-vector products).
pub fn hessian_plane(
    problem: &dyn Curvature,
    centre: &[f64],
    config: &PowerConfig,
    seed: u64,
) -> Result<HessianPlane, DirectionError> {
    check_len("centre", centre.len(), problem.dim())?;
    if problem.dim() < 2 {
        return Err(DirectionError::NoSpread {
            what: "a Hessian plane needs at least two parameters",
        });
    }
    let op = problem.hessian_at(centre)?;
    let pairs = spectrum::largest_eigenpairs(op.as_ref(), 2, config, seed);
    let [first, second] = pairs.as_slice() else {
        return Err(SharpnessError::NotFinite { value: f64::NAN }.into());
    };
    let signed = |v: &[f64]| -> Vec<f64> {
        let largest = v
            .iter()
            .fold(0.0_f64, |m, x| if x.abs() > m.abs() { *x } else { m });
        if largest < 0.0 {
            v.iter().map(|x| -x).collect()
        } else {
            v.to_vec()
        }
    };
    let plane = Plane::new(
        centre.to_vec(),
        signed(&first.vector),
        signed(&second.vector),
    )?;
    Ok(HessianPlane {
        plane,
        eigenvalues: [first.value, second.value],
    })
}

/// A plane from the principal components of a trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct PcaPlane {
    /// Origin θ_final (the last point), d₁ and d₂ the first two principal directions (unit,
    /// orthogonal).
    pub plane: Plane,
    /// Fraction of the variance of {θ_t − θ_final} along d₁ and along d₂.
    pub explained_variance_ratio: [f64; 2],
    /// `(⟨θ_t − θ_final, d₁⟩, ⟨θ_t − θ_final, d₂⟩)` for every point; the last is (0, 0).
    pub coords: Vec<[f64; 2]>,
}

/// The PCA plane of a trajectory `params` (shape `[points, dim]` row-major, as
/// [`crate::core::train::Trajectory::params`]; the last point is θ_final).
///
/// The components are fitted on at most `max_fit_points` evenly spaced points (the first and
/// the last always among them; 0 means every point), because the cost is an eigenproblem of
/// side `min(fit points, dim)`: a few hundred points describe a path as well as thousands.
/// Every point is then projected. Signs are fixed so that the first point has coordinates
/// ≤ 0 (the path runs towards +a, +b). A path that spans a single direction gets as d₂ the
/// unit coordinate axis least aligned with d₁, orthogonalized (its explained variance is 0).
///
/// # Errors
/// Fewer than 3 points, a length that is not a multiple of `dim`, non-finite parameters,
/// or a path that never moves.
pub fn pca_plane(
    params: &[f64],
    dim: usize,
    max_fit_points: usize,
) -> Result<PcaPlane, DirectionError> {
    if dim == 0 || !params.len().is_multiple_of(dim) {
        return Err(DirectionError::Length {
            what: "trajectory parameters",
            got: params.len(),
            expected: dim * (params.len() / dim.max(1)).max(1),
        });
    }
    let points = params.len() / dim;
    if points < 3 {
        return Err(DirectionError::TooFewPoints { points });
    }
    if params.iter().any(|v| !v.is_finite()) {
        return Err(DirectionError::NotFinite);
    }
    let last = &params[(points - 1) * dim..];
    let fit = fit_indices(points, max_fit_points);
    let mut centred = Array2::from_shape_fn((fit.len(), dim), |(r, c)| {
        params[fit[r] * dim + c] - last[c]
    });
    if let Some(mean) = centred.mean_axis(Axis(0)) {
        centred -= &mean;
    }

    let (eigenvalues, directions) = top_two_components(&centred);
    let total: f64 = centred.iter().map(|v| v * v).sum();
    let Some(mut d1) = directions[0].clone() else {
        return Err(DirectionError::NoSpread {
            what: "the PCA of a trajectory",
        });
    };
    let mut d2 = match &directions[1] {
        Some(d) => d.clone(),
        None => least_aligned_axis(&d1),
    };
    // One more Gram–Schmidt step keeps d₂ ⟂ d₁ to rounding, whatever the eigen-solver gave.
    let along = dot(&d2, &d1);
    for (v, u) in d2.iter_mut().zip(&d1) {
        *v -= along * u;
    }
    let n2 = norm(&d2);
    for v in &mut d2 {
        *v /= n2;
    }
    let project = |point: &[f64], d: &[f64]| -> f64 {
        point
            .iter()
            .zip(last)
            .zip(d)
            .map(|((p, l), d)| (p - l) * d)
            .sum()
    };
    for d in [&mut d1, &mut d2] {
        if project(&params[..dim], d) > 0.0 {
            for v in d.iter_mut() {
                *v = -*v;
            }
        }
    }
    let ratio = |lambda: f64| (lambda.max(0.0) / total).min(1.0);
    let explained_variance_ratio = [ratio(eigenvalues[0]), ratio(eigenvalues[1])];
    let coords = params
        .chunks_exact(dim)
        .map(|point| [project(point, &d1), project(point, &d2)])
        .collect();
    let plane = Plane::new(last.to_vec(), d1, d2)?;
    Ok(PcaPlane {
        plane,
        explained_variance_ratio,
        coords,
    })
}

/// `m = max(limit, 3)` evenly spaced indices of `0..points` with both ends (all of them
/// when `limit` is 0 or at least `points`).
fn fit_indices(points: usize, limit: usize) -> Vec<usize> {
    if limit == 0 || limit >= points {
        return (0..points).collect();
    }
    let m = limit.max(3);
    let mut indices: Vec<usize> = (0..m).map(|k| k * (points - 1) / (m - 1)).collect();
    indices.dedup();
    indices
}

/// The mean of the rows of `x` (`[n, d]`) and their first two principal axes (unit vectors in
/// input space; a zero vector where the data has no spread in that direction), fitted on at
/// most `max_rows` evenly spaced rows so the cost stays bounded. For drawing data of more
/// than two features on a plane (the Network lab's picture of a person's table).
#[must_use]
pub fn principal_axes(
    x: ndarray::ArrayView2<'_, f32>,
    max_rows: usize,
) -> (Vec<f64>, [Vec<f64>; 2]) {
    let (rows, dim) = x.dim();
    let fit = fit_indices(rows, max_rows);
    let mut centred = Array2::from_shape_fn((fit.len(), dim), |(r, c)| {
        let v = f64::from(x[[fit[r], c]]);
        if v.is_finite() { v } else { 0.0 }
    });
    let mean = centred
        .mean_axis(Axis(0))
        .map_or_else(|| vec![0.0; dim], |m| m.to_vec());
    for mut row in centred.rows_mut() {
        for (v, m) in row.iter_mut().zip(&mean) {
            *v -= m;
        }
    }
    let (_, [a, b]) = top_two_components(&centred);
    let zero = || vec![0.0; dim];
    (mean, [a.unwrap_or_else(zero), b.unwrap_or_else(zero)])
}

/// The two largest eigenvalues of the covariance (unnormalised: XᵀX) of the centred rows of
/// `x`, and their unit eigenvectors in parameter space (None where the eigenvalue is zero).
fn top_two_components(x: &Array2<f64>) -> ([f64; 2], [Option<Vec<f64>>; 2]) {
    let (points, dim) = x.dim();
    let by_points = points <= dim;
    let gram = if by_points {
        matmul(x.view(), x.t())
    } else {
        matmul(x.t(), x.view())
    };
    let size = gram.nrows();
    let matrix = DMatrix::from_fn(size, size, |i, j| gram[[i, j]]);
    let eigen = SymmetricEigen::new(matrix);
    let mut order: Vec<usize> = (0..size).collect();
    order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
    let scale: f64 = eigen
        .eigenvalues
        .iter()
        .map(|v| v.abs())
        .fold(0.0, f64::max);
    let mut values = [0.0; 2];
    let mut vectors: [Option<Vec<f64>>; 2] = [None, None];
    for (k, &index) in order.iter().take(2).enumerate() {
        let lambda = eigen.eigenvalues[index];
        values[k] = lambda;
        if lambda.is_nan() || lambda <= 1e-12 * scale {
            continue;
        }
        let u = eigen.eigenvectors.column(index);
        let v: Vec<f64> = if by_points {
            // v = Xᵀu / ‖Xᵀu‖: the right singular vector for the left one u.
            (0..dim)
                .map(|c| (0..points).map(|r| x[[r, c]] * u[r]).sum())
                .collect()
        } else {
            u.iter().copied().collect()
        };
        let n = norm(&v);
        if n > 0.0 {
            vectors[k] = Some(v.into_iter().map(|e| e / n).collect());
        }
    }
    (values, vectors)
}

/// The unit coordinate axis with the smallest |component| in `d` (first on ties).
fn least_aligned_axis(d: &[f64]) -> Vec<f64> {
    let k = d
        .iter()
        .enumerate()
        .fold((0, f64::INFINITY), |best, (i, v)| {
            if v.abs() < best.1 { (i, v.abs()) } else { best }
        })
        .0;
    let mut e = vec![0.0; d.len()];
    e[k] = 1.0;
    e
}

/// One point of a 1-D interpolation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InterpolationPoint {
    /// α: 0 at θ_A, 1 at θ_B.
    pub alpha: f64,
    /// Full-batch training loss at `(1−α)θ_A + αθ_B`.
    pub train_loss: f64,
    /// Test loss there.
    pub test_loss: f64,
}

/// `n` (at least 2) evenly spaced values from `range[0]` to `range[1]`, both included
/// (`[−1, 2]` is the usual interpolation range). Computed as `r₀ + (r₁ − r₀)·i/(n − 1)`
/// with the product first, so grid-aligned values such as 0 and 1 come out exact.
#[must_use]
pub fn alphas(range: [f64; 2], n: usize) -> Vec<f64> {
    let n = n.max(2);
    let span = range[1] - range[0];
    let mut out: Vec<f64> = (0..n)
        .map(|i| range[0] + span * i as f64 / (n - 1) as f64)
        .collect();
    out[n - 1] = range[1];
    out
}

/// The losses along the line through θ_A and θ_B, at each `alpha`:
/// `L((1−α)θ_A + αθ_B)`.
///
/// # Errors
/// `theta_a` or `theta_b` not of length `objective.dim()`.
pub fn interpolate(
    objective: &dyn Objective,
    theta_a: &[f64],
    theta_b: &[f64],
    alphas: &[f64],
) -> Result<Vec<InterpolationPoint>, DirectionError> {
    check_len("theta_a", theta_a.len(), objective.dim())?;
    check_len("theta_b", theta_b.len(), objective.dim())?;
    let mut theta = vec![0.0; objective.dim()];
    Ok(alphas
        .iter()
        .map(|&alpha| {
            for ((t, a), b) in theta.iter_mut().zip(theta_a).zip(theta_b) {
                *t = (1.0 - alpha) * a + alpha * b;
            }
            InterpolationPoint {
                alpha,
                train_loss: objective.loss(&theta, Batch::Full),
                test_loss: objective.test_loss(&theta),
            }
        })
        .collect())
}
