//! Keskar et al.'s ε-sharpness ("On Large-Batch Training for Deep Learning", ICLR 2017,
//! Metric 2.1 in full space):
//!
//! `φ = 100 · (max_{y ∈ C_ε} L(θ + y) − L(θ)) / (1 + L(θ))`, with the box
//! `C_ε = { y : |y_i| ≤ ε(|θ_i| + 1) }` and ε = 1e−3 by default,
//!
//! where L is the full-batch training loss. The inner maximization is a box-constrained
//! ascent; Keskar et al. ran about ten iterations of L-BFGS-B. Here:
//!
//! - [`eps_sharpness`] (any objective, networks): projected sign-gradient ascent. The first
//!   step jumps to the corner `y = b ⊙ sign ∇L(θ)` (b the box half-widths), where the first-
//!   order model peaks; each later step moves by half the previous step along the sign of the
//!   gradient at the current point and projects back onto the box, so coordinates where the
//!   loss keeps rising stay on their face and the others settle by bisection. The best point
//!   seen is kept, and y = 0 counts, so φ ≥ 0.
//! - [`eps_sharpness_with_starts`]: the same from more corners. Near a minimum the gradient's
//!   signs are noise and the second-order term decides, so
//!   [`super::Curvature::eps_sharpness`] also starts from the corners of ±v_max, the top
//!   Hessian eigenvector (on a 2-32-32-1 network at a full-batch minimum this finds several
//!   times the gradient corner's value).
//! - [`eps_sharpness_dense`] (2-D surfaces): the maximum over a dense grid of the box,
//!   corners included.

use serde::{Deserialize, Serialize};

use crate::core::objective::{Batch, Objective};

use super::SharpnessError;
use super::checked_loss;

/// Keskar et al.'s default box size.
pub const DEFAULT_EPS: f64 = 1e-3;

/// How ε-sharpness is computed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpsConfig {
    /// ε, the relative size of the box (Keskar et al.: 1e−3 and 5e−4).
    pub eps: f64,
    /// Gradient evaluations of the ascent (the first jumps to a corner).
    pub steps: usize,
    /// Grid points per axis of the dense search for 2-D objectives.
    pub resolution: usize,
}

impl Default for EpsConfig {
    /// ε = 1e−3, 10 ascent steps, a 101 × 101 dense grid.
    fn default() -> Self {
        Self {
            eps: DEFAULT_EPS,
            steps: 10,
            resolution: 101,
        }
    }
}

/// An ε-sharpness value with the numbers it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct EpsSharpness {
    /// φ, in percent of `1 + L(θ)`.
    pub value: f64,
    /// `L(θ)`.
    pub loss: f64,
    /// The largest loss found in the box, `L(θ + y*)`.
    pub max_loss: f64,
    /// The maximizing perturbation `y*`.
    pub perturbation: Vec<f64>,
}

/// The half-widths of the box: `ε(|θ_i| + 1)`.
#[must_use]
pub fn box_half_widths(theta: &[f64], eps: f64) -> Vec<f64> {
    theta.iter().map(|t| eps * (t.abs() + 1.0)).collect()
}

/// `100 · (max_loss − loss) / (1 + loss)`.
#[must_use]
pub fn keskar_ratio(loss: f64, max_loss: f64) -> f64 {
    100.0 * (max_loss - loss) / (1.0 + loss)
}

fn result(loss: f64, max_loss: f64, perturbation: Vec<f64>) -> EpsSharpness {
    EpsSharpness {
        value: keskar_ratio(loss, max_loss),
        loss,
        max_loss,
        perturbation,
    }
}

/// ε-sharpness by projected sign-gradient ascent from the gradient's corner (see the module
/// docs), for any objective. A non-finite loss inside the box counts as unbounded: φ = +∞.
///
/// # Errors
/// `theta` of the wrong length, or a non-finite loss at θ.
pub fn eps_sharpness<O: Objective + ?Sized>(
    objective: &O,
    theta: &[f64],
    config: &EpsConfig,
) -> Result<EpsSharpness, SharpnessError> {
    eps_sharpness_with_starts(objective, theta, config, &[])
}

/// [`eps_sharpness`] with more starting corners: one ascent starts at the corner
/// `b ⊙ sign ∇L(θ)`, and one more at `b ⊙ sign d` for each direction d of `starts`; the best
/// point of all ascents wins.
///
/// Why: near a minimum the gradient is nearly zero and its signs say little, while the
/// loss rises fastest along the top Hessian eigenvector, so
/// [`super::Curvature::eps_sharpness`] adds the corners of ±v_max.
///
/// # Errors
/// `theta` or a start of the wrong length, or a non-finite loss at θ.
pub fn eps_sharpness_with_starts<O: Objective + ?Sized>(
    objective: &O,
    theta: &[f64],
    config: &EpsConfig,
    starts: &[Vec<f64>],
) -> Result<EpsSharpness, SharpnessError> {
    let loss = checked_loss(objective, theta)?;
    let dim = theta.len();
    for start in starts {
        super::check_len("an ε-sharpness start direction", start, dim)?;
    }
    let bounds = box_half_widths(theta, config.eps);
    let mut gradient = vec![0.0; dim];
    objective.loss_grad(theta, Batch::Full, &mut gradient);
    let mut best = (loss, vec![0.0; dim]);
    for first in std::iter::once(&gradient).chain(starts) {
        let (value, y) = ascend(objective, theta, &bounds, first, config.steps);
        if !value.is_finite() {
            return Ok(result(loss, f64::INFINITY, y));
        }
        if value > best.0 {
            best = (value, y);
        }
    }
    Ok(result(loss, best.0, best.1))
}

/// One projected sign-gradient ascent: the corner `b ⊙ sign(first)` (ties go +), then
/// `steps − 1` moves of half the previous size along the sign of the gradient, each
/// projected onto the box. Returns the best loss seen and its perturbation (a non-finite
/// loss is returned at once).
fn ascend<O: Objective + ?Sized>(
    objective: &O,
    theta: &[f64],
    bounds: &[f64],
    first: &[f64],
    steps: usize,
) -> (f64, Vec<f64>) {
    let dim = theta.len();
    let mut direction = first.to_vec();
    let mut y = vec![0.0; dim];
    let mut point = theta.to_vec();
    let mut best = (f64::NEG_INFINITY, vec![0.0; dim]);
    let mut step_scale = 1.0;
    for _ in 0..steps.max(1) {
        for (((yi, d), b), (p, t)) in y
            .iter_mut()
            .zip(&direction)
            .zip(bounds)
            .zip(point.iter_mut().zip(theta))
        {
            let sign = if *d >= 0.0 { 1.0 } else { -1.0 };
            *yi = (*yi + step_scale * b * sign).clamp(-b, *b);
            *p = t + *yi;
        }
        step_scale *= 0.5;
        let value = objective.loss_grad(&point, Batch::Full, &mut direction);
        if !value.is_finite() {
            return (f64::INFINITY, y);
        }
        if value > best.0 {
            best = (value, y.clone());
        }
    }
    best
}

/// ε-sharpness of a 2-parameter objective by a dense search: the largest full-batch loss
/// over a `resolution × resolution` grid spanning the box (edges and corners included).
///
/// # Errors
/// `theta` not of length 2 and `objective.dim()`, or a non-finite loss at θ.
pub fn eps_sharpness_dense<O: Objective + ?Sized>(
    objective: &O,
    theta: &[f64],
    config: &EpsConfig,
) -> Result<EpsSharpness, SharpnessError> {
    super::check_len("theta (a 2-D objective)", theta, 2)?;
    let loss = checked_loss(objective, theta)?;
    let bounds = box_half_widths(theta, config.eps);
    let [bx, by] = [bounds[0], bounds[1]];
    let n = config.resolution.max(2);
    let at = |b: f64, k: usize| -b + 2.0 * b * k as f64 / (n - 1) as f64;
    let mut best = (loss, vec![0.0; theta.len()]);
    let mut point = theta.to_vec();
    for i in 0..n {
        for j in 0..n {
            let y = [at(bx, j), at(by, i)];
            for (k, p) in point.iter_mut().enumerate().take(2) {
                *p = theta[k] + y[k];
            }
            let value = objective.loss(&point, Batch::Full);
            if !value.is_finite() {
                return Ok(result(loss, f64::INFINITY, y.to_vec()));
            }
            if value > best.0 {
                best = (value, y.to_vec());
            }
        }
    }
    Ok(result(loss, best.0, best.1))
}
