//! Sharpness of a minimum (Keskar et al. 2017; Cohen et al. 2021; Yao et al. 2020,
//! PyHessian): the curvature
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
//! - [`slq`]: the eigenvalue spectral density by stochastic Lanczos quadrature.
//! - [`preconditioned`]: the preconditioned sharpness λ_max(P⁻¹H) of Adam and RMSprop and
//!   its edge of stability (Cohen et al. 2022).
//! - [`keskar`]: Keskar et al.'s ε-sharpness, maximized by projected gradient ascent for
//!   networks and by a dense search for 2-D surfaces.
//!
//! [`Curvature`] ties an objective to its best operator and to closed forms where they exist
//! (toy surfaces: the 2×2 eigenvalues and a dense ε-search), so callers (the sweep runner,
//! the jobs layer, the CLI) ask an objective for λ_max, the top eigenvalues or ε-sharpness at
//! θ without knowing what it is. [`report`] gathers every number of one point (the lab's
//! table, `basin sharpness`); [`lambda_max_along`] and [`stability_threshold`] give the
//! λ_max-against-step curve and its 2/η line.
//! Pure numerics like the rest of `core`: deterministic (random start vectors come from
//! [`crate::core::rng`] streams [`stream`]), single-threaded, no files, no egui.

pub mod hvp;
pub mod keskar;
pub mod mlp_hessian;
pub mod preconditioned;
pub mod slq;
pub mod spectrum;

use crate::core::objective::{Batch, Objective};

/// Stream ids of the sharpness estimators' random draws (see
/// [`crate::core::rng::rng_for`]); distinct from the ids of the surfaces
/// ([`crate::core::rng::stream`]) and of the networks ([`crate::core::network::stream`]).
pub mod stream {
    /// The start vector of power iteration for eigenvalue `k` uses `POWER_START + k`.
    pub const POWER_START: u64 = 20;
    /// The Rademacher probes of Hutchinson's trace estimate.
    pub const HUTCHINSON: u64 = 40;
    /// The start vector of the short power iteration whose eigenvector gives ε-sharpness
    /// ascent its extra starting corners.
    pub const EPS_SHARPNESS: u64 = 41;
    /// Probe `p` of stochastic Lanczos quadrature uses `SLQ + p`.
    pub const SLQ: u64 = 1000;
}

/// A parameter vector or direction of the wrong length, or a point where the loss is not
/// finite.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum SharpnessError {
    /// A vector whose length is not the objective's parameter count.
    #[error("{what} has length {got}, expected {expected} (the number of parameters)")]
    Length {
        /// Which vector.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        what: crate::core::wire::Name,
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

/// Checks `theta` and evaluates the full-batch loss there (must be finite).
pub(crate) fn checked_loss<O: Objective + ?Sized>(
    objective: &O,
    theta: &[f64],
) -> Result<f64, SharpnessError> {
    if objective.dim() == 0 {
        return Err(SharpnessError::Empty);
    }
    check_len("theta", theta, objective.dim())?;
    let loss = objective.loss(theta, Batch::Full);
    if loss.is_finite() && theta.iter().all(|t| t.is_finite()) {
        Ok(loss)
    } else {
        Err(SharpnessError::NotFinite { value: loss })
    }
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

    /// The `count` eigenvalues of largest magnitude, by power iteration with deflation
    /// ([`spectrum::top_eigenpairs`]) unless there is a closed form.
    ///
    /// # Errors
    /// As [`Curvature::hessian_at`].
    fn top_eigenvalues(
        &self,
        theta: &[f64],
        count: usize,
        config: &spectrum::PowerConfig,
        seed: u64,
    ) -> Result<Vec<f64>, SharpnessError> {
        let op = self.hessian_at(theta)?;
        let pairs = spectrum::top_eigenpairs(op.as_ref(), count, config, seed);
        Ok(pairs.into_iter().map(|p| p.value).collect())
    }

    /// Keskar's ε-sharpness at `theta`: projected gradient ascent from the gradient's corner
    /// and from the corners of ±v_max, the top eigenvector by a short power iteration
    /// ([`keskar::eps_sharpness_with_starts`]), unless overridden (toy surfaces: a dense
    /// search).
    ///
    /// # Errors
    /// `theta` of the wrong length or a non-finite loss there.
    fn eps_sharpness(
        &self,
        theta: &[f64],
        config: &keskar::EpsConfig,
    ) -> Result<keskar::EpsSharpness, SharpnessError> {
        let op = self.hessian_at(theta)?;
        let start = spectrum::gaussian_vector(op.dim(), 0, stream::EPS_SHARPNESS);
        let rough = spectrum::PowerConfig {
            tol: 1e-2,
            max_iter: 30,
        };
        let top = spectrum::power_iteration(op.as_ref(), 0.0, &start, &[], &rough);
        let starts = if top.vector.iter().all(|x| x.is_finite()) {
            let opposite = top.vector.iter().map(|x| -x).collect();
            vec![top.vector, opposite]
        } else {
            Vec::new()
        };
        keskar::eps_sharpness_with_starts(self, theta, config, &starts)
    }
}

/// Settings of a [`SharpnessReport`].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportConfig {
    /// Stopping rule of power iteration and Hutchinson's estimate.
    pub power: spectrum::PowerConfig,
    /// ε-sharpness settings.
    pub eps: keskar::EpsConfig,
    /// How many top eigenvalues to list (λ_max is always computed).
    pub top_n: usize,
    /// Up to this many parameters the trace is exact (`dim()` Hessian-vector products);
    /// above, Hutchinson's estimate.
    pub exact_trace_up_to: usize,
}

impl Default for ReportConfig {
    /// The tight power-iteration rule ([`spectrum::PowerConfig::precise`]: a report's λ_max
    /// is what users compare with other tools, and PyHessian's tol 1e−3 can leave about 1 %
    /// when the top two eigenvalues are close), ε = 1e−3, the top 3 eigenvalues, exact
    /// traces up to 64 parameters.
    fn default() -> Self {
        Self {
            power: spectrum::PowerConfig::precise(),
            eps: keskar::EpsConfig::default(),
            top_n: 3,
            exact_trace_up_to: 64,
        }
    }
}

/// The sharpness numbers of one point (the lab's table and `basin sharpness`; the field
/// names are the keys of `basin sharpness`'s JSON, a CLI contract).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharpnessReport {
    /// Full-batch training loss.
    pub loss: f64,
    /// Test loss.
    pub test_loss: f64,
    /// The largest Hessian eigenvalue.
    pub lambda_max: f64,
    /// The eigenvalues of largest magnitude, in the order found.
    pub top_eigenvalues: Vec<f64>,
    /// The Hessian trace (exact or Hutchinson's estimate, see `trace_exact`).
    pub hessian_trace: f64,
    /// Whether `trace` is exact.
    pub trace_exact: bool,
    /// Keskar's ε-sharpness.
    pub eps_sharpness: f64,
}

/// Every sharpness number at `theta` (random vectors from `seed`).
///
/// # Errors
/// `theta` of the wrong length or a non-finite loss there.
pub fn report<C: Curvature + ?Sized>(
    problem: &C,
    theta: &[f64],
    config: &ReportConfig,
    seed: u64,
) -> Result<SharpnessReport, SharpnessError> {
    let eps = problem.eps_sharpness(theta, &config.eps)?;
    let lambda_max = problem.lambda_max(theta, &config.power, seed)?;
    let top_eigenvalues = problem.top_eigenvalues(theta, config.top_n, &config.power, seed)?;
    let op = problem.hessian_at(theta)?;
    let trace_exact = op.dim() <= config.exact_trace_up_to;
    let trace = if trace_exact {
        spectrum::exact_trace(op.as_ref())
    } else {
        spectrum::hutchinson_trace(op.as_ref(), &config.power, seed).value
    };
    Ok(SharpnessReport {
        loss: eps.loss,
        test_loss: problem.test_loss(theta),
        lambda_max,
        top_eigenvalues,
        hessian_trace: trace,
        trace_exact,
        eps_sharpness: eps.value,
    })
}

/// Whether `v` and `out` both have length `dim`, as a [`HessianOperator::apply`] needs;
/// if not, `out` is filled with NaN.
fn lengths_fit(dim: usize, v: &[f64], out: &mut [f64]) -> bool {
    let fit = v.len() == dim && out.len() == dim;
    if !fit {
        out.fill(f64::NAN);
    }
    fit
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

/// The edge of stability for a step size η: gradient descent on a quadratic is unstable iff
/// λ_max > 2/η, and with heavy-ball momentum β iff λ_max > (2 + 2β)/η (Cohen, Kaur, Li,
/// Kolter & Talwalkar 2021, "Gradient Descent on Neural Networks Typically Occurs at the Edge
/// of Stability"). Infinite for η ≤ 0.
#[must_use]
pub fn stability_threshold(lr: f64, momentum: f64) -> f64 {
    if lr > 0.0 {
        (2.0 + 2.0 * momentum) / lr
    } else {
        f64::INFINITY
    }
}

/// λ_max at every `every`-th point of a training record (step 0 included) and at its last
/// point, as `(step, λ_max)`: the curve drawn against the [`stability_threshold`] line.
/// When the record keeps every `k`-th point only (its `stride`), `every` is rounded up to a
/// multiple of `k`, so each value is measured at its own step's weights. Points where the
/// Hessian cannot be formed (a non-finite loss) are left out.
#[must_use]
pub fn lambda_max_along(
    problem: &dyn Curvature,
    trajectory: &crate::core::train::Trajectory,
    every: usize,
    config: &spectrum::PowerConfig,
    seed: u64,
) -> Vec<(usize, f64)> {
    lambda_max_along_with(trajectory, every, &|step| {
        problem
            .lambda_max(trajectory.point(step), config, seed)
            .ok()
    })
}

/// [`lambda_max_along`] with λ_max at a point measured by `lambda_at(point)` (`None` leaves
/// the point out): for an objective that changes along the run, such as a BatchNorm network
/// in eval mode with the running statistics of each point.
#[must_use]
pub fn lambda_max_along_with(
    trajectory: &crate::core::train::Trajectory,
    every: usize,
    lambda_at: &dyn Fn(usize) -> Option<f64>,
) -> Vec<(usize, f64)> {
    let len = trajectory.len();
    let stride = trajectory.stride.max(1);
    let every = every.max(1).div_ceil(stride) * stride;
    let mut steps: Vec<usize> = (0..len).step_by(every).collect();
    if len > 0 && steps.last() != Some(&(len - 1)) {
        steps.push(len - 1);
    }
    steps
        .into_iter()
        .filter_map(|step| lambda_at(step).map(|lambda| (step, lambda)))
        .collect()
}
