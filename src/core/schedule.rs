//! Learning-rate schedules with `torch.optim.lr_scheduler`'s names, parameters and numbers.
//!
//! A [`Scheduler`] is stepped once per optimizer step, after it, as in PyTorch when
//! `scheduler.step()` follows `optimizer.step()`: the first step uses the lr of epoch 0 (the
//! initial lr, or one-cycle's `max_lr / div_factor`, or the first warm-up factor), step k uses
//! the lr of epoch k − 1.
//!
//! The values follow torch's `step()`, which uses each scheduler's *chainable* (recursive)
//! `get_lr`, not the closed form (`_get_closed_form_lr` only runs when an epoch is passed to
//! `step`, which is deprecated); the two differ in the last bits, and basin matches the
//! former:
//! - `StepLR`: at every multiple of `step_size`, lr ← lr·γ;
//! - `ExponentialLR`: lr ← lr·γ every epoch;
//! - `CosineAnnealingLR`: `lr ← η_min + (lr − η_min)·(1 + cos(πt/T))/(1 + cos(π(t−1)/T))`,
//!   and `lr + (base − η_min)(1 − cos(π/T))/2` where `(t − 1 − T) mod 2T = 0` (past `T_max`
//!   it rises again, as torch's does);
//! - `OneCycleLR` (not chainable, computed from the step number): cosine from
//!   `max_lr/div_factor` up to `max_lr` until `pct_start·total_steps − 1`, then down to
//!   `max_lr/div_factor/final_div_factor` at `total_steps − 1` (`three_phase=False`,
//!   `anneal_strategy='cos'`; momentum is not cycled, as with `cycle_momentum=False`). Past
//!   `total_steps`, where torch raises, the lr stays at its value at `total_steps`.
//! - warm-up for `w` steps is `SequentialLR([LinearLR(start_factor, total_iters=w), main],
//!   milestones=[w])`: `LinearLR`'s recursion for epochs `0..w`, then the main schedule from
//!   its own epoch 0 (torch resets it there with its closed form). Before one-cycle, the
//!   warm-up rises to one-cycle's start `max_lr / div_factor` (OneCycleLR sets the group's
//!   `initial_lr`, which SequentialLR restores before the warm-up).

use std::f64::consts::PI;

use serde::{Deserialize, Serialize};

/// What a schedule does after its warm-up.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleKind {
    /// The lr stays as set.
    #[default]
    Constant,
    /// `StepLR(step_size, gamma)`: × γ every `step_size` steps.
    Step {
        /// Steps between decays (≥ 1).
        step_size: usize,
        /// The factor (torch's default 0.1).
        gamma: f64,
    },
    /// `ExponentialLR(gamma)`: × γ every step.
    Exponential {
        /// The factor per step.
        gamma: f64,
    },
    /// `CosineAnnealingLR(T_max, eta_min)`: half a cosine from the lr down to `eta_min`.
    Cosine {
        /// Steps of the half period (≥ 1).
        t_max: usize,
        /// The floor η_min.
        eta_min: f64,
    },
    /// `OneCycleLR(max_lr, total_steps, pct_start, div_factor, final_div_factor)`.
    OneCycle(OneCycle),
}

/// `OneCycleLR`'s parameters.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OneCycle {
    /// The peak lr.
    pub max_lr: f64,
    /// Steps in the cycle (≥ 1).
    pub total_steps: usize,
    /// Share of the cycle spent rising (torch's default 0.3).
    pub pct_start: f64,
    /// The start lr is `max_lr / div_factor` (default 25).
    pub div_factor: f64,
    /// The final lr is the start lr / `final_div_factor` (default 1e4).
    pub final_div_factor: f64,
}

impl OneCycle {
    /// The lr at the cycle's start, `max_lr / div_factor`.
    #[must_use]
    pub fn initial_lr(&self) -> f64 {
        self.max_lr / self.div_factor
    }

    /// OneCycleLR's `get_lr` at step `t` (two phases, cosine).
    fn lr(&self, t: usize) -> f64 {
        let initial = self.initial_lr();
        let min_lr = initial / self.final_div_factor;
        let first_end = self.pct_start * real(self.total_steps) - 1.0;
        let last_end = real(self.total_steps) - 1.0;
        let step = real(t);
        let (start, end, from, to) = if step <= first_end {
            (0.0, first_end, initial, self.max_lr)
        } else {
            (first_end, last_end, self.max_lr, min_lr)
        };
        let pct = (step - start) / (end - start);
        let cos_out = libm::cos(PI * pct) + 1.0;
        to + (from - to) / 2.0 * cos_out
    }
}

/// A learning-rate schedule of one run: an optional linear warm-up, then [`ScheduleKind`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// What happens after the warm-up.
    pub kind: ScheduleKind,
    /// Steps of linear warm-up (0 = none).
    pub warmup_steps: usize,
    /// `LinearLR`'s `start_factor` for the warm-up, in (0, 1] (torch's default 1/3).
    pub warmup_start_factor: f64,
}

impl Default for Schedule {
    fn default() -> Self {
        Self::new(ScheduleKind::Constant)
    }
}

/// torch's `LinearLR` default `start_factor`.
pub const DEFAULT_WARMUP_START_FACTOR: f64 = 1.0 / 3.0;

impl ScheduleKind {
    /// The preset name: `constant`, `step`, `exponential`, `cosine`, `one_cycle`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Constant => "constant",
            Self::Step { .. } => "step",
            Self::Exponential { .. } => "exponential",
            Self::Cosine { .. } => "cosine",
            Self::OneCycle { .. } => "one_cycle",
        }
    }

    /// Every preset name, in menu order.
    pub const NAMES: [&'static str; 5] = ["constant", "step", "exponential", "cosine", "one_cycle"];

    /// The kind called `name` with torch's defaults; `lr` and `steps` fill in what torch
    /// requires (`T_max`, `max_lr`, `total_steps`) and `step_size` (a third of the steps).
    #[must_use]
    pub fn with_defaults(name: &str, lr: f64, steps: usize) -> Option<Self> {
        Some(match name {
            "constant" => Self::Constant,
            "step" => Self::Step {
                step_size: (steps / 3).max(1),
                gamma: 0.1,
            },
            "exponential" => Self::Exponential { gamma: 0.99 },
            "cosine" => Self::Cosine {
                t_max: steps.max(1),
                eta_min: 0.0,
            },
            "one_cycle" => Self::OneCycle(OneCycle {
                max_lr: lr,
                total_steps: steps.max(1),
                pct_start: 0.3,
                div_factor: 25.0,
                final_div_factor: 1e4,
            }),
            _ => return None,
        })
    }

    /// Checks every parameter against torch's constraints (and finiteness).
    ///
    /// # Errors
    /// `(key, message)` for the first bad parameter, with torch's parameter name.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        let positive = |key: &'static str, v: f64| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err((key, format!("must be > 0 and finite, got {v}")))
            }
        };
        let count = |key: &'static str, v: usize| {
            if v >= 1 {
                Ok(())
            } else {
                Err((key, "must be at least 1".to_string()))
            }
        };
        match *self {
            Self::Constant => Ok(()),
            Self::Step { step_size, gamma } => {
                count("step_size", step_size)?;
                positive("gamma", gamma)
            }
            Self::Exponential { gamma } => positive("gamma", gamma),
            Self::Cosine { t_max, eta_min } => {
                count("T_max", t_max)?;
                if eta_min.is_finite() && eta_min >= 0.0 {
                    Ok(())
                } else {
                    Err(("eta_min", format!("must be ≥ 0 and finite, got {eta_min}")))
                }
            }
            Self::OneCycle(c) => {
                positive("max_lr", c.max_lr)?;
                count("total_steps", c.total_steps)?;
                if !(0.0..=1.0).contains(&c.pct_start) {
                    let message = format!("must be in [0, 1], got {}", c.pct_start);
                    return Err(("pct_start", message));
                }
                positive("div_factor", c.div_factor)?;
                positive("final_div_factor", c.final_div_factor)
            }
        }
    }
}

impl Schedule {
    /// `kind` without warm-up.
    #[must_use]
    pub const fn new(kind: ScheduleKind) -> Self {
        Self {
            kind,
            warmup_steps: 0,
            warmup_start_factor: DEFAULT_WARMUP_START_FACTOR,
        }
    }

    /// Whether the lr never changes.
    #[must_use]
    pub fn is_constant(&self) -> bool {
        self.kind == ScheduleKind::Constant && self.warmup_steps == 0
    }

    /// Checks the kind's parameters and the warm-up's.
    ///
    /// # Errors
    /// `(key, message)` for the first bad parameter.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        self.kind.validate()?;
        let f = self.warmup_start_factor;
        if !(f > 0.0 && f <= 1.0) {
            return Err((
                "warmup_start_factor",
                format!("must be in (0, 1] (LinearLR's start_factor), got {f}"),
            ));
        }
        Ok(())
    }

    /// A scheduler at epoch 0 for an optimizer whose lr is `lr`.
    #[must_use]
    pub fn start(&self, lr: f64) -> Scheduler {
        let main_base = match self.kind {
            ScheduleKind::OneCycle(c) => c.initial_lr(),
            _ => lr,
        };
        let mut s = Scheduler {
            schedule: *self,
            base: main_base,
            lr: main_base,
            epoch: 0,
        };
        s.lr = if self.warmup_steps > 0 {
            main_base * self.warmup_start_factor
        } else {
            s.main_initial()
        };
        s
    }

    /// The lr of each of `steps` optimizer steps (index k is the lr of step k + 1).
    #[must_use]
    pub fn lrs(&self, lr: f64, steps: usize) -> Vec<f64> {
        let mut s = self.start(lr);
        (0..steps)
            .map(|_| {
                let current = s.lr();
                s.step();
                current
            })
            .collect()
    }
}

/// A running schedule: [`Scheduler::lr`] for the coming step, [`Scheduler::step`] after it.
#[derive(Clone, Debug)]
pub struct Scheduler {
    schedule: Schedule,
    /// The main schedule's base lr (torch's `base_lrs` / `initial_lr`).
    base: f64,
    /// The group's current lr.
    lr: f64,
    /// `last_epoch`.
    epoch: usize,
}

#[allow(clippy::cast_precision_loss)]
fn real(n: usize) -> f64 {
    n as f64
}

impl Scheduler {
    /// The lr for the coming optimizer step.
    #[must_use]
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// `scheduler.step()`: moves to the next epoch.
    pub fn step(&mut self) {
        self.epoch += 1;
        let w = self.schedule.warmup_steps;
        if self.epoch < w {
            // LinearLR's chainable form with end_factor 1, total_iters w (epoch ≥ 1).
            let sf = self.schedule.warmup_start_factor;
            let e = real(self.epoch - 1);
            self.lr *= 1.0 + (1.0 - sf) / (real(w) * sf + e * (1.0 - sf));
        } else if self.epoch == w {
            // SequentialLR's milestone: the main schedule restarts at its epoch 0.
            self.lr = self.main_initial();
        } else {
            self.main_step(self.epoch - w);
        }
    }

    /// The main schedule's lr at its own epoch 0 (torch's closed form there).
    fn main_initial(&self) -> f64 {
        match self.schedule.kind {
            ScheduleKind::Cosine { eta_min, .. } => {
                eta_min + (self.base - eta_min) * (1.0 + libm::cos(0.0_f64)) / 2.0
            }
            ScheduleKind::OneCycle(c) => c.lr(0),
            _ => self.base,
        }
    }

    /// The main schedule's chainable step to its epoch `t` ≥ 1.
    fn main_step(&mut self, t: usize) {
        match self.schedule.kind {
            ScheduleKind::Constant => {}
            ScheduleKind::Step { step_size, gamma } => {
                if t.is_multiple_of(step_size) {
                    self.lr *= gamma;
                }
            }
            ScheduleKind::Exponential { gamma } => self.lr *= gamma,
            ScheduleKind::Cosine { t_max, eta_min } => {
                // (t − 1 − T) mod 2T == 0 with Python's non-negative modulo, i.e.
                // (t + T − 1) mod 2T == 0.
                if (t + t_max - 1).is_multiple_of(2 * t_max) {
                    self.lr += (self.base - eta_min) * (1.0 - libm::cos(PI / real(t_max))) / 2.0;
                } else {
                    let now = (1.0 + libm::cos(PI * real(t) / real(t_max)))
                        / (1.0 + libm::cos(PI * real(t - 1) / real(t_max)));
                    self.lr = now * (self.lr - eta_min) + eta_min;
                }
            }
            ScheduleKind::OneCycle(c) => self.lr = c.lr(t.min(c.total_steps)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_is_constant_and_the_first_step_uses_the_initial_lr() {
        assert_eq!(Schedule::default().lrs(0.1, 3), vec![0.1, 0.1, 0.1]);
        let step = Schedule::new(ScheduleKind::Step {
            step_size: 2,
            gamma: 0.5,
        });
        // Epochs 0, 1 → 0.1; 2, 3 → 0.05; 4 → 0.025.
        assert_eq!(step.lrs(0.1, 5), vec![0.1, 0.1, 0.05, 0.05, 0.025]);
    }
}
