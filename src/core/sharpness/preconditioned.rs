//! The preconditioned sharpness of adaptive optimizers and its edge of stability (Cohen,
//! Ghorbani, Krishnan, Agarwal, Medapati, Badura, Suo, Cardoze, Nado, Dahl & Gilmer 2022,
//! "Adaptive Gradient Methods at the Edge of Stability").
//!
//! Adam steps `θ ← θ − η P⁻¹ m` with the diagonal preconditioner
//! `P = (1 − β₁ᵗ)·diag(√v̂ + ε)` (the first moment's bias correction folded in, as the paper
//! does). On a quadratic with Hessian H this is heavy-ball momentum on `P⁻¹H` with the
//! exponential average's step `η(1 − β₁)`, so it is stable iff
//! `λ_max(P⁻¹H) < (2 + 2β₁)/((1 − β₁)η)` — 38/η for β₁ = 0.9. RMSprop (`P = diag(√v + ε)`,
//! or `√(v − ḡ²) + ε` centred) with momentum μ is plain heavy ball on `P⁻¹H`: stable iff
//! `λ_max(P⁻¹H) < (2 + 2μ)/η`. Full-batch Adam's and RMSprop's preconditioned sharpness
//! rises to that line and hovers there, as plain gradient descent's λ_max does at 2/η.
//!
//! `P⁻¹H` is not symmetric, but it has the eigenvalues of the symmetric `P^{-1/2} H P^{-1/2}`
//! ([`Preconditioned`]), so the power iteration of [`super::spectrum`] applies unchanged.
//! [`preconditioned_sharpness_along`] replays a run with the training loop's own
//! [`Runner`], so the preconditioner at each step is exactly the one the run stepped with
//! (the parameter record keeps no optimizer state).

use super::{Curvature, HessianOperator, SharpnessError, spectrum};
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::train::{RunSpec, Runner};

/// The optimizers whose stability is decided by a preconditioned sharpness — the one place
/// that says which they are (SAM is not one of them: its ascent step changes the dynamics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preconditioner {
    /// Adam and AdamW: `P = (1 − β₁ᵗ)·diag(√v̂ + ε)`.
    Adam,
    /// RMSprop: `P = diag(√v + ε)` (centred: `√(v − ḡ²) + ε`).
    RmsProp,
}

impl Preconditioner {
    /// The preconditioner of a run of `optimizer`; `None` for every other optimizer.
    #[must_use]
    pub fn of(optimizer: &OptimizerSpec) -> Option<Self> {
        match optimizer.kind {
            OptimizerKind::Adam | OptimizerKind::AdamW => Some(Self::Adam),
            OptimizerKind::RmsProp => Some(Self::RmsProp),
            _ => None,
        }
    }
}

/// The edge of stability of an adaptive optimizer's preconditioned sharpness at learning
/// rate `lr`: Adam and AdamW `(2 + 2β₁)/((1 − β₁)η)`, RMSprop `(2 + 2μ)/η`; `None` for every
/// other optimizer (SGD's line is [`super::stability_threshold`] on λ_max itself).
#[must_use]
pub fn adaptive_threshold(optimizer: &OptimizerSpec) -> Option<f64> {
    let lr = optimizer.lr;
    if lr <= 0.0 {
        return None;
    }
    match Preconditioner::of(optimizer)? {
        Preconditioner::Adam => {
            let b1 = optimizer.betas[0];
            Some((2.0 + 2.0 * b1) / ((1.0 - b1) * lr))
        }
        Preconditioner::RmsProp => Some(super::stability_threshold(lr, optimizer.momentum)),
    }
}

/// `P⁻¹` of the optimizer's last step, one entry per parameter (see the module docs):
/// Adam/AdamW `1/((1 − β₁ᵗ)(√v̂ + ε))`, RMSprop `1/(√v + ε)`. `None` before the first step
/// or for an optimizer without a preconditioner.
#[must_use]
pub fn inverse_preconditioner(runner: &Runner<'_>, optimizer: &OptimizerSpec) -> Option<Vec<f64>> {
    let kind = Preconditioner::of(optimizer)?;
    // At η = 1 the effective step sizes are 1/(√v̂ + ε) (Adam) or 1/(√v + ε) (RMSprop).
    let buffers = runner.optimizer().inspect(1.0);
    if buffers.step_size.is_empty() {
        return None;
    }
    match kind {
        Preconditioner::Adam => {
            #[allow(clippy::cast_precision_loss)]
            let bias1 = 1.0 - libm::pow(optimizer.betas[0], buffers.steps as f64);
            (bias1 > 0.0).then(|| buffers.step_size.iter().map(|s| s / bias1).collect())
        }
        Preconditioner::RmsProp => Some(buffers.step_size),
    }
}

/// `P^{-1/2} H P^{-1/2}` for a diagonal `P`: symmetric, with the eigenvalues of `P⁻¹H`.
pub struct Preconditioned<'a> {
    hessian: &'a dyn HessianOperator,
    /// `P^{-1/2}`'s diagonal.
    scale: Vec<f64>,
}

impl<'a> Preconditioned<'a> {
    /// The operator for `hessian` and `P⁻¹`'s diagonal `inverse_p` (entries ≥ 0).
    ///
    /// # Errors
    /// `inverse_p` not of the Hessian's dimension.
    pub fn new(
        hessian: &'a dyn HessianOperator,
        inverse_p: &[f64],
    ) -> Result<Self, SharpnessError> {
        super::check_len("the preconditioner", inverse_p, hessian.dim())?;
        Ok(Self {
            hessian,
            scale: inverse_p.iter().map(|p| p.max(0.0).sqrt()).collect(),
        })
    }
}

impl HessianOperator for Preconditioned<'_> {
    fn dim(&self) -> usize {
        self.hessian.dim()
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        if !super::lengths_fit(self.scale.len(), v, out) {
            return;
        }
        let scaled: Vec<f64> = v.iter().zip(&self.scale).map(|(x, s)| x * s).collect();
        self.hessian.apply(&scaled, out);
        for (o, s) in out.iter_mut().zip(&self.scale) {
            *o *= s;
        }
    }
}

/// `λ_max(P⁻¹H)` at `theta` for `P⁻¹`'s diagonal `inverse_p`: power iteration on
/// [`Preconditioned`] (the largest algebraic eigenvalue, as [`spectrum::lambda_max`]).
///
/// # Errors
/// `theta` or `inverse_p` of the wrong length, or a non-finite loss at `theta`.
pub fn preconditioned_lambda_max(
    problem: &dyn Curvature,
    theta: &[f64],
    inverse_p: &[f64],
    config: &spectrum::PowerConfig,
    seed: u64,
) -> Result<f64, SharpnessError> {
    let hessian = problem.hessian_at(theta)?;
    let op = Preconditioned::new(hessian.as_ref(), inverse_p)?;
    Ok(spectrum::lambda_max(&op, config, seed).value)
}

/// The preconditioned sharpness `λ_max(P⁻¹H)` along run `run_index` (Adam, AdamW or
/// RMSprop) as `(step, value)` at every `every`-th step from `every` on and at step `steps`:
/// the run is replayed from `start` with the training loop's [`Runner`] (the same steps,
/// bit for bit, as the recorded trajectory), and at each of those steps its parameters and
/// the preconditioner of the step just taken are measured. Empty for another optimizer;
/// stops at the first step where the loss is not finite.
#[must_use]
#[allow(clippy::too_many_arguments)]
pub fn preconditioned_sharpness_along(
    problem: &dyn Curvature,
    run: &RunSpec,
    run_index: usize,
    start: &[f64],
    steps: usize,
    every: usize,
    config: &spectrum::PowerConfig,
    seed: u64,
) -> Vec<(usize, f64)> {
    if adaptive_threshold(&run.optimizer).is_none() {
        return Vec::new();
    }
    let every = every.max(1);
    let mut runner = Runner::new(problem, run, run_index, start, seed);
    let mut curve = Vec::new();
    for step in 1..=steps {
        runner.step();
        if step % every != 0 && step != steps {
            continue;
        }
        let Some(inverse_p) = inverse_preconditioner(&runner, &run.optimizer) else {
            break;
        };
        match preconditioned_lambda_max(problem, runner.theta(), &inverse_p, config, seed) {
            Ok(value) if value.is_finite() => curve.push((step, value)),
            _ => break,
        }
    }
    curve
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sharpness::hvp::DenseHessian;
    use crate::core::sharpness::spectrum::PowerConfig;

    /// Power iteration run to convergence (the default stops at a relative change of 1e−6).
    const TIGHT: PowerConfig = PowerConfig {
        tol: 1e-14,
        max_iter: 10_000,
    };

    fn adam(lr: f64, beta1: f64) -> OptimizerSpec {
        let mut spec = OptimizerSpec::defaults(OptimizerKind::Adam);
        spec.lr = lr;
        spec.betas[0] = beta1;
        spec
    }

    #[test]
    fn thresholds_are_cohen_et_al_s() {
        // 38/η for β₁ = 0.9 (the paper's example), 2/η for RMSprop without momentum.
        assert!((adaptive_threshold(&adam(1e-3, 0.9)).unwrap() - 38_000.0).abs() < 1e-6);
        assert!((adaptive_threshold(&adam(0.01, 0.0)).unwrap() - 200.0).abs() < 1e-9);
        let mut rms = OptimizerSpec::defaults(OptimizerKind::RmsProp);
        rms.lr = 0.5;
        assert!((adaptive_threshold(&rms).unwrap() - 4.0).abs() < 1e-12);
        rms.momentum = 0.5;
        assert!((adaptive_threshold(&rms).unwrap() - 6.0).abs() < 1e-12);
        assert_eq!(
            adaptive_threshold(&OptimizerSpec::defaults(OptimizerKind::Sgd)),
            None
        );
        assert_eq!(
            adaptive_threshold(&OptimizerSpec::defaults(OptimizerKind::Sam)),
            None
        );
    }

    #[test]
    fn preconditioned_operator_has_the_eigenvalues_of_p_inverse_h() {
        // H = [[4, 1, 0], [1, 3, 0.5], [0, 0.5, 2]], P⁻¹ = diag(0.5, 2, 1).
        // P⁻¹H's characteristic polynomial, by hand: its eigenvalues are those of
        // D H D with D = diag(√0.5, √2, 1); nalgebra's symmetric solver on D H D gives the
        // reference, and P⁻¹H·x = λx is checked directly for the top pair.
        let h = vec![4.0, 1.0, 0.0, 1.0, 3.0, 0.5, 0.0, 0.5, 2.0];
        let inverse_p = [0.5, 2.0, 1.0];
        let dense = DenseHessian::new(3, h.clone()).unwrap();
        let op = Preconditioned::new(&dense, &inverse_p).unwrap();
        let top = spectrum::lambda_max(&op, &TIGHT, 1);
        // x = P^{-1/2} u is an eigenvector of P⁻¹H with the same eigenvalue.
        let x: Vec<f64> = top
            .vector
            .iter()
            .zip(&inverse_p)
            .map(|(u, p)| u * p.sqrt())
            .collect();
        for i in 0..3 {
            let hx: f64 = (0..3).map(|j| h[i * 3 + j] * x[j]).sum();
            assert!(
                (inverse_p[i] * hx - top.value * x[i]).abs() < 1e-6,
                "row {i}: {} vs {}",
                inverse_p[i] * hx,
                top.value * x[i]
            );
        }
        let d = nalgebra::DMatrix::from_fn(3, 3, |i, j| {
            inverse_p[i].sqrt() * h[i * 3 + j] * inverse_p[j].sqrt()
        });
        let reference = nalgebra::SymmetricEigen::new(d)
            .eigenvalues
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        assert!((top.value - reference).abs() < 1e-9 * reference);
        // A wrong-length preconditioner is an error, not a panic.
        assert!(Preconditioned::new(&dense, &[1.0, 2.0]).is_err());
    }

    #[test]
    fn on_a_diagonal_quadratic_it_is_the_largest_curvature_over_step_denominator() {
        // The closed form: for H = diag(a), λ_max(P⁻¹H) = max_i a_i·p⁻¹_i.
        let a = [10.0, 1.0, 0.1, 3.0];
        let inverse_p = [0.01, 5.0, 100.0, 0.2];
        let mut h = vec![0.0; 16];
        for i in 0..4 {
            h[i * 5] = a[i];
        }
        let dense = DenseHessian::new(4, h).unwrap();
        let op = Preconditioned::new(&dense, &inverse_p).unwrap();
        let got = spectrum::lambda_max(&op, &TIGHT, 3).value;
        let want = a
            .iter()
            .zip(&inverse_p)
            .map(|(a, p)| a * p)
            .fold(f64::NEG_INFINITY, f64::max);
        assert!((got - want).abs() < 1e-8 * want, "{got} vs {want}");
        assert!((want - 10.0).abs() < 1e-12);
    }
}
