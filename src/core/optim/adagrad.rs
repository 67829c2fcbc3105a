//! `torch.optim.Adagrad`: `γ̃ = γ/(1 + (t−1)·lr_decay)`, `sum ← sum + g²`,
//! `θ ← θ − γ̃ g/(√sum + ε)`, the accumulator starting at `initial_accumulator_value`.

use super::{GradAt, Optimizer, OptimizerSpec};

/// Adagrad with torch's lr_decay and initial accumulator.
#[derive(Clone, Debug)]
pub struct Adagrad {
    lr_decay: f64,
    eps: f64,
    weight_decay: f64,
    t: u64,
    sum: Vec<f64>,
}

impl Adagrad {
    /// A fresh Adagrad for `dim` parameters.
    #[must_use]
    pub fn new(spec: &OptimizerSpec, dim: usize) -> Self {
        Self {
            lr_decay: spec.lr_decay,
            eps: spec.eps,
            weight_decay: spec.weight_decay,
            t: 0,
            sum: vec![spec.initial_accumulator_value; dim],
        }
    }
}

impl Optimizer for Adagrad {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        self.t += 1;
        #[allow(clippy::cast_precision_loss)]
        let clr = lr / (1.0 + (self.t - 1) as f64 * self.lr_decay);
        for i in 0..theta.len() {
            let g = grad[i] + self.weight_decay * theta[i];
            self.sum[i] += g * g;
            theta[i] -= clr * g / (self.sum[i].sqrt() + self.eps);
        }
    }
}
