//! Sharpness of a minimum (DESIGN.md "Sharpness", REFERENCES.md §3.1–3.4): the curvature
//! numbers the Sharp vs Flat lab puts beside each run, computed on the full-batch training
//! loss.
//!
//! Everything here works through one small interface, [`HessianOperator`]: the Hessian at a
//! fixed point θ as a linear map `v ↦ H v`. Three operators implement it:
//!
//! - [`mlp_hessian::MlpHessian`]: the exact Hessian of an [`crate::core::network::mlp::Mlp`]
//!   by Pearlmutter's R-operator (forward-over-reverse), in f64 (the network itself computes
//!   in f32; curvature from f32 gradients would drown in rounding, see
//!   [`hvp::CentralDifferences`]).
//! - [`hvp::SurfaceHessian`]: the exact 2×2 Hessian of a toy surface's training loss
//!   ([`crate::core::surface::ShiftedCopies::train_hessian`]).
//! - [`hvp::CentralDifferences`]: `(∇L(θ + h v) − ∇L(θ − h v)) / 2h` for any
//!   [`Objective`], the fallback for objectives without an exact operator.
//!
//! On top of it:
//!
//! - [`spectrum`]: power iteration for λ_max with PyHessian's relative-tolerance stop,
//!   deflation (Gram–Schmidt) for the next eigenvalues, and Hutchinson's trace estimate.
//! - [`keskar`]: Keskar et al.'s ε-sharpness, maximized by projected gradient ascent for
//!   networks and by a dense search for 2-D surfaces.
//!
//! [`Curvature`] ties an objective to its best operator, so callers (the sweep runner, the
//! jobs layer, the CLI) ask an objective for its Hessian at θ without knowing what it is.
//! Pure numerics like the rest of `core`: deterministic (random start vectors come from
//! [`crate::core::rng`] streams [`stream`]), single-threaded, no files, no egui.

pub mod hvp;
pub mod keskar;
pub mod mlp_hessian;
pub mod spectrum;

use crate::core::objective::Objective;

/// Stream ids of the sharpness estimators' random draws (see
/// [`crate::core::rng::rng_for`]); distinct from the ids of the surfaces
/// ([`crate::core::rng::stream`]) and of the networks ([`crate::core::network::stream`]).
pub mod stream {
    /// The start vector of power iteration for eigenvalue `k` uses `POWER_START + k`.
    pub const POWER_START: u64 = 20;
    /// The Rademacher probes of Hutchinson's trace estimate.
    pub const HUTCHINSON: u64 = 40;
    /// The random corner ε-sharpness ascent starts from when the gradient is zero.
    pub const EPS_SHARPNESS: u64 = 41;
}

/// A parameter vector or direction of the wrong length, or a point where the loss is not
/// finite.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SharpnessError {
    /// A vector whose length is not the objective's parameter count.
    #[error("{what} has length {got}, expected {expected} (the number of parameters)")]
    Length {
        /// Which vector.
        what: &'static str,
        /// Its length.
        got: usize,
        /// The parameter count.
        expected: usize,
    },
    /// The loss or its gradient is not finite at the point (a diverged run).
    #[error("the training loss is not finite at this point ({value}); no curvature there")]
    NotFinite {
        /// The loss found.
        value: f64,
    },
    /// An objective without parameters.
    #[error("the objective has no parameters")]
    Empty,
}

/// Checks that `v` has `expected` entries.
///
/// # Errors
/// [`SharpnessError::Length`] naming `what`.
pub fn check_len(what: &'static str, v: &[f64], expected: usize) -> Result<(), SharpnessError> {
    if v.len() == expected {
        Ok(())
    } else {
        Err(SharpnessError::Length {
            what,
            got: v.len(),
            expected,
        })
    }
}

/// The Hessian of a training loss at one fixed point θ, as the linear map `v ↦ H v`
/// (`dim()` × `dim()`, symmetric).
pub trait HessianOperator {
    /// Number of parameters.
    fn dim(&self) -> usize;
    /// Writes `H v` into `out` (both of length `dim()`; other lengths leave `out` NaN).
    fn apply(&self, v: &[f64], out: &mut [f64]);
}

/// An objective that knows its best Hessian operator (exact where one exists).
pub trait Curvature: Objective {
    /// The Hessian of the full-batch training loss at `theta`.
    ///
    /// # Errors
    /// `theta` of the wrong length, or a point where the loss is not finite.
    fn hessian_at<'a>(
        &'a self,
        theta: &[f64],
    ) -> Result<Box<dyn HessianOperator + 'a>, SharpnessError>;

    /// λ_max of the full-batch training loss at `theta`: power iteration on
    /// [`Curvature::hessian_at`] ([`spectrum::lambda_max`], start vector from `seed`), unless
    /// the objective has a closed form (toy surfaces: the 2×2 eigenvalue).
    ///
    /// # Errors
    /// As [`Curvature::hessian_at`].
    fn lambda_max(
        &self,
        theta: &[f64],
        config: &spectrum::PowerConfig,
        seed: u64,
    ) -> Result<f64, SharpnessError> {
        let op = self.hessian_at(theta)?;
        Ok(spectrum::lambda_max(op.as_ref(), config, seed).value)
    }
}

/// `Σ a_i b_i`.
#[must_use]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The Euclidean norm.
#[must_use]
pub fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}
