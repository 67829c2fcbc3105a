//! Hessian operators that are not the MLP's R-operator: central differences of gradients
//! for any [`Objective`], the exact 2×2 Hessian of a toy surface, and a dense symmetric
//! matrix; plus the closed-form eigen-decomposition of a symmetric 2×2 matrix.
//!
//! Central differences: `H v ≈ (∇L(θ + h v) − ∇L(θ − h v)) / 2h`. The error has two parts:
//! truncation, `h²‖∇³L‖/6`, and rounding of the two gradients, `ε_g/h`, where `ε_g` is the
//! gradient's rounding error. The step is therefore set as a fraction of the scale of θ:
//! `h‖v‖ = relative_step · (1 + ‖θ‖)`, with `relative_step` near `ε^{1/3}` of the
//! arithmetic the gradient is computed in: [`RELATIVE_STEP_F64`] for f64 objectives,
//! [`RELATIVE_STEP_F32`] for the f32 network, where it is measured (tests/sharpness.rs) at
//! 3e-5 to 1.3e-4 relative error against the exact operator on a 2-32-32-1 tanh MLP. Networks
//! still use the exact [`super::mlp_hessian::MlpHessian`]: it costs one pass instead of two
//! gradients and has no step to tune.

use crate::core::objective::{Batch, Objective};
use crate::core::surface::ShiftedCopies;

use super::keskar::{EpsConfig, EpsSharpness};
use super::spectrum::PowerConfig;
use super::{Curvature, HessianOperator, SharpnessError, checked_loss, norm};

/// `relative_step` for objectives computed in f64: ≈ ε_f64^{1/3}.
pub const RELATIVE_STEP_F64: f64 = 6e-6;

/// `relative_step` for objectives computed in f32 (the network's forward pass): about
/// ε_f32^{1/3}/50, small enough for the truncation error and large enough for f32 rounding.
pub const RELATIVE_STEP_F32: f64 = 1e-3;

/// The Hessian-vector product of any objective by central differences of its full-batch
/// gradient (see the module docs for the step).
pub struct CentralDifferences<'a> {
    objective: &'a dyn Objective,
    theta: Vec<f64>,
    relative_step: f64,
}

impl<'a> CentralDifferences<'a> {
    /// The operator of `objective` at `theta` with step `relative_step · (1 + ‖θ‖)` along
    /// each direction (a non-positive or non-finite step falls back to
    /// [`RELATIVE_STEP_F64`]).
    ///
    /// # Errors
    /// `theta` of the wrong length or a non-finite loss there.
    pub fn new(
        objective: &'a dyn Objective,
        theta: &[f64],
        relative_step: f64,
    ) -> Result<Self, SharpnessError> {
        checked_loss(objective, theta)?;
        let relative_step = if relative_step.is_finite() && relative_step > 0.0 {
            relative_step
        } else {
            RELATIVE_STEP_F64
        };
        Ok(Self {
            objective,
            theta: theta.to_vec(),
            relative_step,
        })
    }

    /// The step `h` used along `v` (so that `h‖v‖ = relative_step·(1 + ‖θ‖)`).
    #[must_use]
    pub fn step_for(&self, v: &[f64]) -> f64 {
        self.relative_step * (1.0 + norm(&self.theta)) / norm(v)
    }
}

impl HessianOperator for CentralDifferences<'_> {
    fn dim(&self) -> usize {
        self.theta.len()
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        let dim = self.theta.len();
        if v.len() != dim || out.len() != dim {
            out.fill(f64::NAN);
            return;
        }
        if v.iter().all(|&x| x == 0.0) {
            out.fill(0.0);
            return;
        }
        let h = self.step_for(v);
        let shifted = |sign: f64| -> Vec<f64> {
            self.theta
                .iter()
                .zip(v)
                .map(|(t, d)| t + sign * h * d)
                .collect()
        };
        let mut g_minus = vec![0.0; dim];
        self.objective.loss_grad(&shifted(1.0), Batch::Full, out);
        self.objective
            .loss_grad(&shifted(-1.0), Batch::Full, &mut g_minus);
        let inv = 1.0 / (2.0 * h);
        for (o, m) in out.iter_mut().zip(&g_minus) {
            *o = (*o - m) * inv;
        }
    }
}

/// A dense symmetric matrix as an operator (row-major `dim × dim`); for tests and small
/// problems.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseHessian {
    dim: usize,
    matrix: Vec<f64>,
}

impl DenseHessian {
    /// The operator of the row-major `dim × dim` `matrix` (None if the length is not
    /// `dim²`).
    #[must_use]
    pub fn new(dim: usize, matrix: Vec<f64>) -> Option<Self> {
        (matrix.len() == dim * dim).then_some(Self { dim, matrix })
    }

    /// The matrix, row-major.
    #[must_use]
    pub fn matrix(&self) -> &[f64] {
        &self.matrix
    }
}

impl HessianOperator for DenseHessian {
    fn dim(&self) -> usize {
        self.dim
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        if !super::lengths_fit(self.dim, v, out) {
            return;
        }
        for (o, row) in out.iter_mut().zip(self.matrix.chunks_exact(self.dim)) {
            *o = super::dot(row, v);
        }
    }
}

/// The eigen-decomposition of a symmetric 2×2 matrix.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eigen2 {
    /// The eigenvalues, largest first.
    pub values: [f64; 2],
    /// Unit eigenvectors, `vectors[k]` for `values[k]`.
    pub vectors: [[f64; 2]; 2],
}

impl Eigen2 {
    /// The trace (sum of the eigenvalues).
    #[must_use]
    pub fn trace(&self) -> f64 {
        self.values[0] + self.values[1]
    }
}

/// Closed-form eigenvalues and eigenvectors of the symmetric matrix `[[a, b], [b, d]]` (the
/// off-diagonal is taken as the mean of `h[0][1]` and `h[1][0]`):
/// `λ = (a + d)/2 ± √(((a − d)/2)² + b²)`.
#[must_use]
pub fn eigen_2x2(h: [[f64; 2]; 2]) -> Eigen2 {
    let a = h[0][0];
    let d = h[1][1];
    let b = 0.5 * (h[0][1] + h[1][0]);
    let mean = 0.5 * (a + d);
    let half_gap = 0.5 * (a - d);
    let radius = libm::hypot(half_gap, b);
    let values = [mean + radius, mean - radius];
    // The eigenvector of the larger eigenvalue: (cos φ, sin φ) with tan 2φ = 2b / (a − d).
    let phi = 0.5 * libm::atan2(b, half_gap);
    let (s, c) = libm::sincos(phi);
    Eigen2 {
        values,
        vectors: [[c, s], [-s, c]],
    }
}

/// The exact Hessian of a toy problem's full-batch training loss at one point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SurfaceHessian {
    /// The matrix, row-major.
    pub matrix: [[f64; 2]; 2],
}

impl SurfaceHessian {
    /// [`ShiftedCopies::train_hessian`] at `theta`.
    ///
    /// # Errors
    /// `theta` not of length 2, or a non-finite loss there.
    pub fn new(problem: &ShiftedCopies, theta: &[f64]) -> Result<Self, SharpnessError> {
        checked_loss(problem, theta)?;
        let matrix = problem.train_hessian([theta[0], theta[1]]);
        if matrix.iter().flatten().all(|h| h.is_finite()) {
            Ok(Self { matrix })
        } else {
            Err(SharpnessError::NotFinite { value: f64::NAN })
        }
    }

    /// Its closed-form eigen-decomposition.
    #[must_use]
    pub fn eigen(&self) -> Eigen2 {
        eigen_2x2(self.matrix)
    }
}

impl HessianOperator for SurfaceHessian {
    fn dim(&self) -> usize {
        2
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        if v.len() != 2 || out.len() != 2 {
            out.fill(f64::NAN);
            return;
        }
        let [[a, b], [c, d]] = self.matrix;
        out[0] = a * v[0] + b * v[1];
        out[1] = c * v[0] + d * v[1];
    }
}

impl Curvature for ShiftedCopies {
    fn hessian_at<'a>(
        &'a self,
        theta: &[f64],
    ) -> Result<Box<dyn HessianOperator + 'a>, SharpnessError> {
        Ok(Box::new(SurfaceHessian::new(self, theta)?))
    }

    /// The dense search over the 2-D box ([`super::keskar::eps_sharpness_dense`]).
    fn eps_sharpness(
        &self,
        theta: &[f64],
        config: &EpsConfig,
    ) -> Result<EpsSharpness, SharpnessError> {
        super::keskar::eps_sharpness_dense(self, theta, config)
    }

    /// Both closed-form eigenvalues, largest first (`count` is capped at 2).
    fn top_eigenvalues(
        &self,
        theta: &[f64],
        count: usize,
        _config: &PowerConfig,
        _seed: u64,
    ) -> Result<Vec<f64>, SharpnessError> {
        let values = SurfaceHessian::new(self, theta)?.eigen().values;
        Ok(values.into_iter().take(count).collect())
    }

    /// The closed-form larger eigenvalue of the 2×2 Hessian (no iteration).
    fn lambda_max(
        &self,
        theta: &[f64],
        _config: &PowerConfig,
        _seed: u64,
    ) -> Result<f64, SharpnessError> {
        Ok(SurfaceHessian::new(self, theta)?.eigen().values[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigen_2x2_matches_the_characteristic_polynomial() {
        let h = [[3.0, 1.0], [1.0, 2.0]];
        let e = eigen_2x2(h);
        let disc = (0.25f64 + 1.0).sqrt();
        assert!((e.values[0] - (2.5 + disc)).abs() < 1e-14);
        assert!((e.values[1] - (2.5 - disc)).abs() < 1e-14);
        for k in 0..2 {
            let [x, y] = e.vectors[k];
            let hv = [h[0][0] * x + h[0][1] * y, h[1][0] * x + h[1][1] * y];
            assert!((hv[0] - e.values[k] * x).abs() < 1e-13);
            assert!((hv[1] - e.values[k] * y).abs() < 1e-13);
            assert!((libm::hypot(x, y) - 1.0).abs() < 1e-15);
        }
    }

    #[test]
    fn eigen_2x2_of_a_diagonal_matrix_with_the_smaller_entry_first() {
        let e = eigen_2x2([[1.0, 0.0], [0.0, 5.0]]);
        assert_eq!(e.values, [5.0, 1.0]);
        assert!(e.vectors[0][0].abs() < 1e-15 && (e.vectors[0][1].abs() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn dense_operator_rejects_wrong_lengths() {
        let h = DenseHessian::new(2, vec![1.0, 0.0, 0.0, 1.0]);
        let Some(h) = h else {
            panic!("a 2×2 matrix has 4 entries");
        };
        let mut out = [0.0; 3];
        h.apply(&[1.0, 2.0], &mut out);
        assert!(out.iter().all(|o| o.is_nan()));
        assert!(DenseHessian::new(2, vec![1.0; 3]).is_none());
    }
}
