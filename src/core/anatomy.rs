//! Inside one step: what an optimizer saw and did on the step from point `t` to point `t + 1`
//! of a run — the full-batch gradient step `−η∇L`, the mini-batch step `−η·g`, the momentum
//! (Adam: the bias-corrected first moment `m̂`), the actual update, each coordinate's
//! effective step size (Adam, RMSprop, Adagrad), Nesterov's look-ahead point and SAM's ascent
//! point — as one [`StepAnatomy`], with the update rule's numbers filled in
//! ([`StepAnatomy::rule_lines`]).
//!
//! Trajectories keep parameters, not optimizer state, so [`step_anatomy`] replays the run to
//! point `t` with the training loop's own [`Runner`] (same batches, noise, clipping, schedule,
//! same bits) and reads the optimizer's buffers ([`Optimizer::inspect`]) before and after the
//! next step. No update is computed here: every number comes from the optimizer code itself.
//! [`Overlay`] names what the Playground and its figures can draw of it.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::core::objective::{Batch, Objective};
use crate::core::optim::{Buffers, OptimizerKind, OptimizerSpec};
use crate::core::train::{RunSpec, Runner};

mod rule;

/// One thing the Playground can draw at the playback step of the selected run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overlay {
    /// The full-batch gradient step `−η∇L(θ)`.
    Gradient,
    /// The step along the mini-batch gradient that was used, `−η·g`.
    MiniBatch,
    /// The momentum buffer (Adam: `m̂`) as a step, `−η·v`.
    Momentum,
    /// The update actually made, `θ_{t+1} − θ_t`.
    Update,
    /// Each coordinate's effective step size (Adam, RMSprop, Adagrad) as the half-axes of an
    /// ellipse around θ.
    StepSize,
    /// Nesterov's look-ahead point `θ − η·μ·v`.
    LookAhead,
    /// SAM's ascent point `θ + ρ·g/‖g‖`.
    Ascent,
}

impl Overlay {
    /// Every overlay, in the order of the toggles and the legend.
    pub const ALL: [Self; 7] = [
        Self::Gradient,
        Self::MiniBatch,
        Self::Momentum,
        Self::Update,
        Self::StepSize,
        Self::LookAhead,
        Self::Ascent,
    ];

    /// The preset name (`view.step_overlays`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Gradient => "gradient",
            Self::MiniBatch => "mini_batch",
            Self::Momentum => "momentum",
            Self::Update => "update",
            Self::StepSize => "step_size",
            Self::LookAhead => "look_ahead",
            Self::Ascent => "ascent",
        }
    }

    /// Parses a preset name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The palette colour of the overlay (RGB): distinct from one another and from the
    /// runs' colours on every colour map, shared by the window and the figures.
    #[must_use]
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Self::Gradient => [255, 255, 255],
            Self::MiniBatch => [150, 150, 150],
            Self::Momentum => [255, 64, 200],
            Self::Update => [255, 40, 40],
            Self::StepSize => [0, 230, 255],
            Self::LookAhead => [255, 200, 0],
            Self::Ascent => [120, 255, 60],
        }
    }
}

/// What happened inside the step from point `step` to point `step + 1` of a run.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StepAnatomy {
    /// `t`: the step starts at point `t` of the trajectory.
    pub step: usize,
    /// The run's optimizer (SAM's hyperparameters and its base's).
    pub spec: OptimizerSpec,
    /// The learning rate `η` this step used (after the schedule).
    pub lr: f64,
    /// `θ_t`.
    pub theta: Vec<f64>,
    /// `θ_{t+1}`.
    pub theta_next: Vec<f64>,
    /// The full-batch gradient `∇L(θ_t)`.
    pub full_grad: Vec<f64>,
    /// The gradient the optimizer was handed: the mini-batch gradient at `θ_t`, with the
    /// run's noise and clipping.
    pub batch_grad: Vec<f64>,
    /// The optimizer's buffers before the step.
    pub before: Buffers,
    /// The optimizer's buffers after the step (step sizes at `lr`).
    pub after: Buffers,
}

/// `θ + s·v`.
fn along(theta: &[f64], s: f64, v: &[f64]) -> Vec<f64> {
    theta
        .iter()
        .zip(v)
        .map(|(t, v)| s.mul_add(*v, *t))
        .collect()
}

/// `v` or `None` when empty.
fn some(v: &[f64]) -> Option<&[f64]> {
    (!v.is_empty()).then_some(v)
}

impl StepAnatomy {
    /// The optimizer that made the update (SAM's base for SAM).
    #[must_use]
    pub fn update_kind(&self) -> OptimizerKind {
        self.spec.update_kind()
    }

    /// The full-batch gradient step `−η∇L(θ_t)`.
    #[must_use]
    pub fn gradient_step(&self) -> Vec<f64> {
        self.full_grad.iter().map(|g| -self.lr * g).collect()
    }

    /// The mini-batch gradient step `−η·g`.
    #[must_use]
    pub fn batch_step(&self) -> Vec<f64> {
        self.batch_grad.iter().map(|g| -self.lr * g).collect()
    }

    /// The momentum after the step, as the step it alone would make, `−η·v`: SGD's and
    /// RMSprop's buffer, Adam's bias-corrected `m̂`, Lion's `m`; `None` without momentum.
    #[must_use]
    pub fn momentum_step(&self) -> Option<Vec<f64>> {
        let v = match self.update_kind() {
            OptimizerKind::Adam | OptimizerKind::AdamW => &self.after.first_moment,
            _ => &self.after.momentum,
        };
        some(v).map(|v| v.iter().map(|m| -self.lr * m).collect())
    }

    /// The update made, `θ_{t+1} − θ_t`.
    #[must_use]
    pub fn update(&self) -> Vec<f64> {
        self.theta_next
            .iter()
            .zip(&self.theta)
            .map(|(a, b)| a - b)
            .collect()
    }

    /// Each coordinate's effective step size (Adam, AdamW, RMSprop, Adagrad).
    #[must_use]
    pub fn step_sizes(&self) -> Option<&[f64]> {
        some(&self.after.step_size)
    }

    /// Nesterov's look-ahead point `θ_t − η·μ·v_{t−1}` (where momentum alone carries θ; torch's
    /// form folds the gradient there into `g + μ·v`); `None` unless the run is Nesterov.
    #[must_use]
    pub fn look_ahead(&self) -> Option<Vec<f64>> {
        if self.update_kind() != OptimizerKind::Sgd || !self.spec.nesterov {
            return None;
        }
        Some(match some(&self.before.momentum) {
            Some(v) => along(&self.theta, -self.lr * self.spec.momentum, v),
            None => self.theta.clone(),
        })
    }

    /// SAM's ascent point `θ_t + ρ·g/(‖g‖ + 1e−12)`; `None` unless the run is SAM.
    #[must_use]
    pub fn ascent(&self) -> Option<&[f64]> {
        some(&self.after.ascent)
    }

    /// Whether `overlay` has something to draw for this run's optimizer.
    #[must_use]
    pub fn has(&self, overlay: Overlay) -> bool {
        match overlay {
            Overlay::Gradient | Overlay::MiniBatch | Overlay::Update => true,
            Overlay::Momentum => self.momentum_step().is_some(),
            Overlay::StepSize => self.step_sizes().is_some(),
            Overlay::LookAhead => self.look_ahead().is_some(),
            Overlay::Ascent => self.ascent().is_some(),
        }
    }
}

/// The anatomy of the step from point `step` to point `step + 1` of run `run_index` of an
/// experiment (`objective`, `start`, `seed` as it was trained with): replays `step` steps,
/// then looks inside the next. `None` when cancelled or when the run is no longer finite at
/// point `step`. Costs `step + 1` steps of training.
#[must_use]
pub fn step_anatomy(
    objective: &dyn Objective,
    run: &RunSpec,
    run_index: usize,
    start: &[f64],
    seed: u64,
    step: usize,
    cancel: &AtomicBool,
) -> Option<StepAnatomy> {
    let mut runner = Runner::new(objective, run, run_index, start, seed);
    for _ in 0..step {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        runner.step();
    }
    let theta = runner.theta().to_vec();
    if !theta.iter().all(|t| t.is_finite()) {
        return None;
    }
    let mut full_grad = vec![0.0; theta.len()];
    objective.loss_grad(&theta, Batch::Full, &mut full_grad);
    let lr = runner.next_lr();
    let before = runner.optimizer().inspect(lr);
    runner.step();
    Some(StepAnatomy {
        step,
        spec: run.optimizer.clone(),
        lr,
        theta,
        theta_next: runner.theta().to_vec(),
        full_grad,
        batch_grad: runner.grad().to_vec(),
        before,
        after: runner.optimizer().inspect(lr),
    })
}

#[cfg(test)]
mod tests;
