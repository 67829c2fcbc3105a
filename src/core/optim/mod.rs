//! Optimizers with torch.optim's exact update equations and defaults (REFERENCES.md §5),
//! plus Lion (Chen et al. 2023) and SAM (Foret et al. 2021) wrapping any base optimizer.
//!
//! An [`OptimizerSpec`] is the validated, serialisable description (torch.optim's names);
//! [`OptimizerSpec::build`] makes the stateful [`Optimizer`] for one run. The learning rate is
//! passed to every [`Optimizer::step`], so schedules live outside the optimizers, as in torch.

use serde::{Deserialize, Serialize};

pub mod adagrad;
pub mod adam;
pub mod lion;
pub mod rmsprop;
pub mod sam;
pub mod sgd;

/// Re-evaluates the current mini-batch's loss and gradient at another point:
/// `grad_at(theta, grad_out) -> loss`. Only SAM needs it.
pub type GradAt<'a> = dyn FnMut(&[f64], &mut [f64]) -> f64 + 'a;

/// A stateful optimizer for one run.
pub trait Optimizer: Send {
    /// One update of `theta` in place, from `grad` = ∇L(theta) on the current mini-batch,
    /// with learning rate `lr`. `grad_at` evaluates the same mini-batch elsewhere.
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], grad_at: &mut GradAt<'_>);
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
