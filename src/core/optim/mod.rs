//! Optimizers with torch.optim's exact update equations and defaults (the PyTorch 2.x docs),
//! plus Lion (Chen et al. 2023) and SAM (Foret et al. 2021) wrapping any base optimizer.
//!
//! An [`OptimizerSpec`] is the validated, serialisable description (torch.optim's names);
//! [`OptimizerSpec::build`] makes the stateful [`Optimizer`] for one run. The learning rate is
//! passed to every [`Optimizer::step`], so schedules live outside the optimizers, as in torch.
//!
//! "Exact" is meant to the last bit where we can: torch's CPU kernels fuse `a + α·b`
//! (`add(alpha=)`), `addcmul` and `lerp` into one fused multiply-add, while `addcdiv` and
//! plain arithmetic round every operation; each update below spells out which torch call it
//! mirrors and uses [`f64::mul_add`] exactly where torch fuses. (Checked against torch 2.15
//! float64 on random inputs; see tools/golden/README.md.)

use serde::{Deserialize, Serialize};

pub mod adagrad;
pub mod adam;
pub mod lion;
pub mod rmsprop;
pub mod sam;
pub mod sgd;

/// `torch.lerp(start, end, weight)` as torch's CPU kernel computes it: one fused multiply-add,
/// `start + w·(end − start)` for `|w| < 0.5`, else `end + (w − 1)·(end − start)`.
#[must_use]
pub fn torch_lerp(start: f64, end: f64, weight: f64) -> f64 {
    if weight.abs() < 0.5 {
        weight.mul_add(end - start, start)
    } else {
        (weight - 1.0).mul_add(end - start, end)
    }
}

/// The ℓ₂ norm as `torch.linalg.vector_norm` sums it on CPU: squares accumulated left to
/// right with fused multiply-adds, then one square root.
#[must_use]
pub fn l2_norm(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |acc, v| v.mul_add(*v, acc)).sqrt()
}

/// Re-evaluates the current mini-batch's loss and gradient at another point:
/// `grad_at(theta, grad_out) -> loss`. Only SAM needs it.
pub type GradAt<'a> = dyn FnMut(&[f64], &mut [f64]) -> f64 + 'a;

/// What an optimizer carries between steps, read-only, as it stands after its last step (the
/// step anatomy, [`crate::core::anatomy`], shows it). A vector is empty where the optimizer
/// has no such buffer (or before its first step).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Buffers {
    /// Steps taken (Adam's and Adagrad's `state['step']`; 0 for the others).
    pub steps: u64,
    /// The momentum buffer: SGD's and RMSprop's `b`, Adam's and Lion's `m` (raw).
    pub momentum: Vec<f64>,
    /// Adam's bias-corrected first moment `m̂ = m/(1 − β₁ᵗ)`.
    pub first_moment: Vec<f64>,
    /// The squared-gradient accumulator: Adam's `v` (`v_max` with AMSGrad), RMSprop's
    /// `square_avg`, Adagrad's `sum`.
    pub second: Vec<f64>,
    /// Each coordinate's effective step size at learning rate `lr` ([`Optimizer::inspect`]):
    /// Adam `η/(√v̂ + ε)` with `v̂ = v/(1 − β₂ᵗ)`, RMSprop `η/(√v + ε)` (centered:
    /// `√(v − ḡ²)`), Adagrad `η̃/(√sum + ε)` with `η̃ = η/(1 + (t − 1)·lr_decay)`.
    pub step_size: Vec<f64>,
    /// SAM: the ascent point `θ + ρ·g/(‖g‖ + 1e−12)` of the last step.
    pub ascent: Vec<f64>,
    /// SAM: the mini-batch gradient at the ascent point (what the base optimizer stepped
    /// with).
    pub ascent_grad: Vec<f64>,
}

/// A stateful optimizer for one run.
pub trait Optimizer: Send {
    /// One update of `theta` in place, from `grad` = ∇L(theta) on the current mini-batch,
    /// with learning rate `lr`. `grad_at` evaluates the same mini-batch elsewhere.
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], grad_at: &mut GradAt<'_>);

    /// The buffers as they stand now, the effective step sizes for learning rate `lr`.
    fn inspect(&self, lr: f64) -> Buffers {
        let _ = lr;
        Buffers::default()
    }
}

/// The optimizer families, by their torch.optim names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    /// `torch.optim.SGD` (momentum, dampening, nesterov, weight_decay).
    Sgd,
    /// `torch.optim.Adam` (betas, eps, weight_decay as L2, amsgrad).
    Adam,
    /// `torch.optim.AdamW` (decoupled weight decay).
    AdamW,
    /// `torch.optim.RMSprop` (alpha, eps, centered, momentum, weight_decay).
    RmsProp,
    /// `torch.optim.Adagrad` (lr_decay, initial_accumulator_value, eps, weight_decay).
    Adagrad,
    /// Lion: the sign of an interpolated momentum (betas, weight_decay).
    Lion,
    /// Sharpness-aware minimisation: ascend by ρ along the gradient, then step the base
    /// optimizer with the gradient found there.
    Sam,
}

impl OptimizerKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Sgd,
        Self::Adam,
        Self::AdamW,
        Self::RmsProp,
        Self::Adagrad,
        Self::Lion,
        Self::Sam,
    ];

    /// The preset name (`"sgd"`, `"adamw"`, …).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Sgd => "sgd",
            Self::Adam => "adam",
            Self::AdamW => "adamw",
            Self::RmsProp => "rmsprop",
            Self::Adagrad => "adagrad",
            Self::Lion => "lion",
            Self::Sam => "sam",
        }
    }

    /// The display name (`"SGD"`, `"AdamW"`, …).
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Sgd => "SGD",
            Self::Adam => "Adam",
            Self::AdamW => "AdamW",
            Self::RmsProp => "RMSprop",
            Self::Adagrad => "Adagrad",
            Self::Lion => "Lion",
            Self::Sam => "SAM",
        }
    }

    /// Parses a preset name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A fully specified optimizer, with torch.optim's hyperparameter names. Fields that the
/// kind does not use are ignored. For [`OptimizerKind::Sam`] the other fields configure the
/// base optimizer named by `base`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptimizerSpec {
    /// Which optimizer.
    pub kind: OptimizerKind,
    /// Learning rate γ (> 0).
    pub lr: f64,
    /// Momentum μ (SGD, RMSprop), in [0, 1).
    pub momentum: f64,
    /// Dampening τ of SGD's momentum, in [0, 1].
    pub dampening: f64,
    /// Nesterov momentum (SGD; needs momentum > 0 and dampening = 0).
    pub nesterov: bool,
    /// Weight decay λ ≥ 0 (L2 for SGD/Adam/RMSprop/Adagrad, decoupled for AdamW and Lion).
    pub weight_decay: f64,
    /// (β₁, β₂) of Adam, AdamW and Lion, each in [0, 1).
    pub betas: [f64; 2],
    /// ε added to the denominator (Adam, AdamW, RMSprop, Adagrad), > 0.
    pub eps: f64,
    /// AMSGrad variant of Adam/AdamW.
    pub amsgrad: bool,
    /// Smoothing constant α of RMSprop, in [0, 1).
    pub alpha: f64,
    /// Centered RMSprop (divide by an estimate of the variance).
    pub centered: bool,
    /// Adagrad's learning-rate decay, ≥ 0.
    pub lr_decay: f64,
    /// Adagrad's initial accumulator value, ≥ 0.
    pub initial_accumulator_value: f64,
    /// SAM's neighbourhood radius ρ > 0.
    pub rho: f64,
    /// SAM's base optimizer (any kind but SAM).
    pub base: OptimizerKind,
}

impl OptimizerSpec {
    /// torch.optim's defaults for `kind` (Lion: lucidrains' defaults; SAM: ρ = 0.05 over SGD).
    #[must_use]
    pub fn defaults(kind: OptimizerKind) -> Self {
        let mut spec = Self {
            kind,
            lr: 1e-3,
            momentum: 0.0,
            dampening: 0.0,
            nesterov: false,
            weight_decay: 0.0,
            betas: [0.9, 0.999],
            eps: 1e-8,
            amsgrad: false,
            alpha: 0.99,
            centered: false,
            lr_decay: 0.0,
            initial_accumulator_value: 0.0,
            rho: 0.05,
            base: OptimizerKind::Sgd,
        };
        match kind {
            OptimizerKind::Sgd | OptimizerKind::Adam | OptimizerKind::Sam => {}
            OptimizerKind::AdamW => spec.weight_decay = 1e-2,
            OptimizerKind::RmsProp => spec.lr = 1e-2,
            OptimizerKind::Adagrad => {
                spec.lr = 1e-2;
                spec.eps = 1e-10;
            }
            OptimizerKind::Lion => {
                spec.lr = 1e-4;
                spec.betas = [0.9, 0.99];
            }
        }
        spec
    }

    /// The optimizer that actually updates the parameters (the base for SAM).
    #[must_use]
    pub fn update_kind(&self) -> OptimizerKind {
        if self.kind == OptimizerKind::Sam {
            self.base
        } else {
            self.kind
        }
    }

    /// Checks every hyperparameter the kind uses; the error names the key and its range.
    ///
    /// # Errors
    /// `(key, message)` for the first value out of range.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let in_unit = |v: f64| (0.0..1.0).contains(&v);
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return Err(("lr", format!("must be > 0 and finite, got {}", self.lr)));
        }
        if !(self.weight_decay.is_finite() && self.weight_decay >= 0.0) {
            return Err((
                "weight_decay",
                format!("must be ≥ 0, got {}", self.weight_decay),
            ));
        }
        if self.kind == OptimizerKind::Sam {
            if self.base == OptimizerKind::Sam {
                return Err((
                    "base",
                    "SAM cannot wrap SAM; use sgd, adam, adamw, rmsprop, adagrad or lion".into(),
                ));
            }
            if !(self.rho.is_finite() && self.rho > 0.0) {
                return Err(("rho", format!("must be > 0, got {}", self.rho)));
            }
        }
        match self.update_kind() {
            OptimizerKind::Sgd => {
                if !in_unit(self.momentum) {
                    return Err((
                        "momentum",
                        format!("must be in [0, 1), got {}", self.momentum),
                    ));
                }
                if !(0.0..=1.0).contains(&self.dampening) {
                    return Err((
                        "dampening",
                        format!("must be in [0, 1], got {}", self.dampening),
                    ));
                }
                if self.nesterov && (self.momentum <= 0.0 || self.dampening != 0.0) {
                    return Err((
                        "nesterov",
                        "needs momentum > 0 and dampening = 0 (as in torch)".into(),
                    ));
                }
            }
            OptimizerKind::Adam | OptimizerKind::AdamW | OptimizerKind::Lion => {
                if !(in_unit(self.betas[0]) && in_unit(self.betas[1])) {
                    return Err((
                        "betas",
                        format!("each must be in [0, 1), got {:?}", self.betas),
                    ));
                }
            }
            OptimizerKind::RmsProp => {
                if !in_unit(self.alpha) {
                    return Err(("alpha", format!("must be in [0, 1), got {}", self.alpha)));
                }
                if !in_unit(self.momentum) {
                    return Err((
                        "momentum",
                        format!("must be in [0, 1), got {}", self.momentum),
                    ));
                }
            }
            OptimizerKind::Adagrad => {
                if !(self.lr_decay.is_finite() && self.lr_decay >= 0.0) {
                    return Err(("lr_decay", format!("must be ≥ 0, got {}", self.lr_decay)));
                }
                if !(self.initial_accumulator_value.is_finite()
                    && self.initial_accumulator_value >= 0.0)
                {
                    return Err((
                        "initial_accumulator_value",
                        format!("must be ≥ 0, got {}", self.initial_accumulator_value),
                    ));
                }
            }
            OptimizerKind::Sam => {}
        }
        if matches!(
            self.update_kind(),
            OptimizerKind::Adam
                | OptimizerKind::AdamW
                | OptimizerKind::RmsProp
                | OptimizerKind::Adagrad
        ) && !(self.eps.is_finite() && self.eps > 0.0)
        {
            return Err(("eps", format!("must be > 0, got {}", self.eps)));
        }
        Ok(())
    }

    /// A short legend text: the kind and its key hyperparameters.
    #[must_use]
    pub fn summary(&self) -> String {
        let base = |k: OptimizerKind, s: &Self| -> String {
            match k {
                OptimizerKind::Sgd if s.nesterov => format!("Nesterov μ={}", s.momentum),
                OptimizerKind::Sgd if s.momentum > 0.0 => format!("SGD μ={}", s.momentum),
                other => other.title().to_string(),
            }
        };
        let name = if self.kind == OptimizerKind::Sam {
            format!("SAM(ρ={}) {}", self.rho, base(self.base, self))
        } else {
            base(self.kind, self)
        };
        format!("{name} lr={}", crate::core::fmt3(self.lr))
    }

    /// The stateful optimizer for a parameter vector of length `dim`.
    #[must_use]
    pub fn build(&self, dim: usize) -> Box<dyn Optimizer> {
        match self.kind {
            OptimizerKind::Sam => Box::new(sam::Sam::new(
                self.rho,
                build_plain(self, self.base, dim),
                dim,
            )),
            kind => build_plain(self, kind, dim),
        }
    }
}

fn build_plain(spec: &OptimizerSpec, kind: OptimizerKind, dim: usize) -> Box<dyn Optimizer> {
    match kind {
        OptimizerKind::Sgd => Box::new(sgd::Sgd::new(spec, dim)),
        OptimizerKind::Adam => Box::new(adam::Adam::new(spec, adam::Decay::L2, dim)),
        OptimizerKind::AdamW => Box::new(adam::Adam::new(spec, adam::Decay::Decoupled, dim)),
        OptimizerKind::RmsProp => Box::new(rmsprop::RmsProp::new(spec, dim)),
        OptimizerKind::Adagrad => Box::new(adagrad::Adagrad::new(spec, dim)),
        OptimizerKind::Lion => Box::new(lion::Lion::new(spec, dim)),
        // validate() rejects SAM over SAM; fall back to plain SGD rather than recurse.
        OptimizerKind::Sam => Box::new(sgd::Sgd::new(spec, dim)),
    }
}

/// Helpers for the optimizer unit tests in this module's children.
#[cfg(test)]
pub(crate) mod testing {
    use super::OptimizerSpec;

    /// θ after each of `grads.len()` steps of `spec` on a single parameter starting at
    /// `theta0`, fed the fixed gradient sequence `grads` (not ∇f of anything: the updates are
    /// checked against hand computations, tools/golden/hand_values.py). Fails if the
    /// optimizer asks to re-evaluate the gradient elsewhere (only SAM may).
    pub(crate) fn steps_1d(spec: &OptimizerSpec, theta0: f64, grads: &[f64]) -> Vec<f64> {
        assert_eq!(spec.validate(), Ok(()));
        let mut optimizer = spec.build(1);
        let mut theta = [theta0];
        let mut calls = 0_usize;
        let mut out = Vec::new();
        for &g in grads {
            let mut grad_at = |_: &[f64], _: &mut [f64]| {
                calls += 1;
                0.0
            };
            optimizer.step(spec.lr, &mut theta, &[g], &mut grad_at);
            out.push(theta[0]);
        }
        assert_eq!(calls, 0, "{:?} re-evaluated the gradient", spec.kind);
        out
    }

    /// Asserts `got[i] ≈ want[i]` to `rel` relative error (`|a−b| ≤ rel·max(1, |b|)`).
    pub(crate) fn assert_close(got: &[f64], want: &[f64], rel: f64) {
        assert_eq!(got.len(), want.len());
        for (i, (a, b)) in got.iter().zip(want).enumerate() {
            assert!(
                (a - b).abs() <= rel * b.abs().max(1.0),
                "value {i}: got {a:.17e}, want {b:.17e}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The optimizer with the given lr (other fields torch's defaults), as used below.
    fn spec(kind: OptimizerKind, lr: f64) -> OptimizerSpec {
        OptimizerSpec {
            lr,
            ..OptimizerSpec::defaults(kind)
        }
    }

    #[test]
    fn every_optimizer_converges_on_a_convex_quadratic() {
        // f(x, y) = ½(10x² + y²), minimum 0 at the origin, κ = 10.
        let grad_of = |p: &[f64], g: &mut [f64]| {
            g[0] = 10.0 * p[0];
            g[1] = p[1];
            0.5 * (10.0 * p[0] * p[0] + p[1] * p[1])
        };
        let mut sam_adam = spec(OptimizerKind::Sam, 0.05);
        sam_adam.base = OptimizerKind::Adam;
        let mut momentum = spec(OptimizerKind::Sgd, 0.05);
        momentum.momentum = 0.9;
        let mut nesterov = momentum.clone();
        nesterov.nesterov = true;
        let mut centered = spec(OptimizerKind::RmsProp, 0.01);
        centered.centered = true;
        centered.momentum = 0.5;
        let mut amsgrad = spec(OptimizerKind::Adam, 0.05);
        amsgrad.amsgrad = true;
        // (optimizer, bound on |θ| after 2,000 steps from (1, 1)).
        let cases = [
            (spec(OptimizerKind::Sgd, 0.1), 1e-12),
            (momentum, 1e-12),
            (nesterov, 1e-12),
            (spec(OptimizerKind::Adam, 0.05), 1e-12),
            (amsgrad, 1e-12),
            // AdamW's default decay pulls towards 0 too, so the minimum stays at 0.
            (spec(OptimizerKind::AdamW, 0.05), 1e-12),
            // Plain RMSprop's step is about ±lr once v has forgotten the large early
            // gradients: it hovers within lr of the minimum.
            (spec(OptimizerKind::RmsProp, 0.01), 0.01),
            (centered, 1e-4),
            (spec(OptimizerKind::Adagrad, 0.5), 1e-12),
            (spec(OptimizerKind::Lion, 0.01), 1e-12),
            // SAM over GD settles into a 2-cycle at about ±ρ across the minimum (lr·10 = 1).
            (spec(OptimizerKind::Sam, 0.1), 0.0505),
            (sam_adam, 0.01),
        ];
        for (case, tolerance) in cases {
            assert_eq!(case.validate(), Ok(()));
            let mut optimizer = case.build(2);
            let mut theta = [1.0, 1.0];
            let mut grad = [0.0; 2];
            for _ in 0..2_000 {
                grad_of(&theta, &mut grad);
                let mut grad_at = |p: &[f64], g: &mut [f64]| grad_of(p, g);
                optimizer.step(case.lr, &mut theta, &grad, &mut grad_at);
            }
            let loss = grad_of(&theta, &mut grad);
            assert!(
                theta.iter().all(|t| t.abs() < tolerance),
                "{}: ended at {theta:?} with f = {loss}, want |θ| < {tolerance}",
                case.summary()
            );
        }
    }

    #[test]
    fn defaults_are_torchs() {
        let sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
        assert_eq!((sgd.lr, sgd.momentum, sgd.dampening), (1e-3, 0.0, 0.0));
        assert!(!sgd.nesterov && sgd.weight_decay == 0.0);
        let adam = OptimizerSpec::defaults(OptimizerKind::Adam);
        assert_eq!((adam.lr, adam.betas, adam.eps), (1e-3, [0.9, 0.999], 1e-8));
        assert!(!adam.amsgrad && adam.weight_decay == 0.0);
        let adamw = OptimizerSpec::defaults(OptimizerKind::AdamW);
        assert_eq!((adamw.lr, adamw.weight_decay), (1e-3, 1e-2));
        let rms = OptimizerSpec::defaults(OptimizerKind::RmsProp);
        assert_eq!(
            (rms.lr, rms.alpha, rms.eps, rms.momentum),
            (1e-2, 0.99, 1e-8, 0.0)
        );
        assert!(!rms.centered);
        let ada = OptimizerSpec::defaults(OptimizerKind::Adagrad);
        assert_eq!(
            (ada.lr, ada.lr_decay, ada.initial_accumulator_value, ada.eps),
            (1e-2, 0.0, 0.0, 1e-10)
        );
        let lion = OptimizerSpec::defaults(OptimizerKind::Lion);
        assert_eq!(
            (lion.lr, lion.betas, lion.weight_decay),
            (1e-4, [0.9, 0.99], 0.0)
        );
        let sam = OptimizerSpec::defaults(OptimizerKind::Sam);
        assert_eq!((sam.rho, sam.base), (0.05, OptimizerKind::Sgd));
    }

    /// The key `validate` names for `spec` after `edit`, or `None` if it accepts it.
    fn rejected_key(
        kind: OptimizerKind,
        edit: impl FnOnce(&mut OptimizerSpec),
    ) -> Option<&'static str> {
        let mut s = OptimizerSpec::defaults(kind);
        edit(&mut s);
        s.validate().err().map(|(key, message)| {
            assert!(!message.is_empty(), "{key}: empty message");
            key
        })
    }

    #[test]
    fn validate_names_the_bad_key() {
        use OptimizerKind as K;
        for kind in K::ALL {
            assert_eq!(rejected_key(kind, |_| {}), None, "{kind:?} defaults");
            assert_eq!(rejected_key(kind, |s| s.lr = 0.0), Some("lr"));
            assert_eq!(rejected_key(kind, |s| s.lr = -1e-3), Some("lr"));
            assert_eq!(rejected_key(kind, |s| s.lr = f64::NAN), Some("lr"));
            assert_eq!(rejected_key(kind, |s| s.lr = f64::INFINITY), Some("lr"));
            assert_eq!(
                rejected_key(kind, |s| s.weight_decay = -0.1),
                Some("weight_decay")
            );
        }
        assert_eq!(rejected_key(K::Sgd, |s| s.momentum = 1.0), Some("momentum"));
        assert_eq!(
            rejected_key(K::Sgd, |s| s.momentum = -0.1),
            Some("momentum")
        );
        assert_eq!(
            rejected_key(K::Sgd, |s| s.dampening = 1.5),
            Some("dampening")
        );
        assert_eq!(
            rejected_key(K::Sgd, |s| s.nesterov = true),
            Some("nesterov")
        );
        assert_eq!(
            rejected_key(K::Sgd, |s| {
                s.nesterov = true;
                s.momentum = 0.9;
                s.dampening = 0.1;
            }),
            Some("nesterov")
        );
        assert_eq!(
            rejected_key(K::Sgd, |s| {
                s.nesterov = true;
                s.momentum = 0.9;
            }),
            None
        );
        for kind in [K::Adam, K::AdamW, K::Lion] {
            assert_eq!(
                rejected_key(kind, |s| s.betas = [1.0, 0.999]),
                Some("betas")
            );
            assert_eq!(rejected_key(kind, |s| s.betas = [0.9, -0.1]), Some("betas"));
        }
        for kind in [K::Adam, K::AdamW, K::RmsProp, K::Adagrad] {
            assert_eq!(rejected_key(kind, |s| s.eps = 0.0), Some("eps"));
        }
        // Lion and SGD have no ε, so a bad one is ignored.
        assert_eq!(rejected_key(K::Lion, |s| s.eps = 0.0), None);
        assert_eq!(rejected_key(K::RmsProp, |s| s.alpha = 1.0), Some("alpha"));
        assert_eq!(
            rejected_key(K::RmsProp, |s| s.momentum = 1.0),
            Some("momentum")
        );
        assert_eq!(
            rejected_key(K::Adagrad, |s| s.lr_decay = -1.0),
            Some("lr_decay")
        );
        assert_eq!(
            rejected_key(K::Adagrad, |s| s.initial_accumulator_value = -1.0),
            Some("initial_accumulator_value")
        );
        assert_eq!(rejected_key(K::Sam, |s| s.rho = 0.0), Some("rho"));
        assert_eq!(rejected_key(K::Sam, |s| s.base = K::Sam), Some("base"));
        // SAM checks its base optimizer's keys.
        assert_eq!(
            rejected_key(K::Sam, |s| {
                s.base = K::Adam;
                s.betas = [0.9, 1.5];
            }),
            Some("betas")
        );
    }

    #[test]
    fn summary_names_the_kind_and_key_hyperparameters() {
        let mut nesterov = spec(OptimizerKind::Sgd, 0.01);
        nesterov.momentum = 0.9;
        nesterov.nesterov = true;
        assert_eq!(nesterov.summary(), "Nesterov μ=0.9 lr=0.0100");
        let mut sam = spec(OptimizerKind::Sam, 0.5);
        sam.base = OptimizerKind::Adam;
        assert_eq!(sam.summary(), "SAM(ρ=0.05) Adam lr=0.500");
        assert_eq!(
            spec(OptimizerKind::RmsProp, 1e-3).summary(),
            "RMSprop lr=0.00100"
        );
        for kind in OptimizerKind::ALL {
            assert_eq!(OptimizerKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(OptimizerKind::from_name("adamax"), None);
    }

    #[test]
    fn lerp_and_norm_follow_torchs_cpu_kernels() {
        // Printed by torch 2.15 (float64, CPU), chosen where plain rounding gives another
        // last bit: t = torch.tensor([2.405, 2.405]); t.lerp_(torch.tensor([-2.321] * 2), 0.1)
        // → 1.9323999999999997 (plain arithmetic: 1.9324); weight 0.7 from 2.362 to −1.207 →
        // −0.13629999999999992 (plain: −0.13629999999999987); vector_norm([−1.821, 1.534]) →
        // 2.3810075598368012 (plain: 2.3810075598368017).
        assert_eq!(torch_lerp(2.405, -2.321, 0.1), 1.932_399_999_999_999_7);
        assert_eq!(torch_lerp(2.362, -1.207, 0.7), -0.136_299_999_999_999_92);
        assert_eq!(l2_norm(&[-1.821, 1.534]), 2.381_007_559_836_801_2);
        assert_eq!(torch_lerp(2.0, 4.0, 0.0), 2.0);
        assert_eq!(torch_lerp(2.0, 4.0, 1.0), 4.0);
        assert_eq!(l2_norm(&[]), 0.0);
    }
}
