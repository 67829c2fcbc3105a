//! `torch.optim.RMSprop`: `v ← αv + (1−α)g²`, optionally centered (`v − ḡ²`), optionally with
//! momentum on the normalised step (`b ← μb + g/(√ṽ + ε)`), L2 weight decay.

use super::{GradAt, Optimizer, OptimizerSpec};

/// RMSprop with torch's centered and momentum options.
#[derive(Clone, Debug)]
pub struct RmsProp {
    alpha: f64,
    eps: f64,
    weight_decay: f64,
    momentum: f64,
    centered: bool,
    square_avg: Vec<f64>,
    grad_avg: Vec<f64>,
    buf: Vec<f64>,
}

impl RmsProp {
    /// A fresh RMSprop for `dim` parameters.
    #[must_use]
    pub fn new(spec: &OptimizerSpec, dim: usize) -> Self {
        Self {
            alpha: spec.alpha,
            eps: spec.eps,
            weight_decay: spec.weight_decay,
            momentum: spec.momentum,
            centered: spec.centered,
            square_avg: vec![0.0; dim],
            grad_avg: vec![0.0; dim],
            buf: vec![0.0; dim],
        }
    }
}

impl Optimizer for RmsProp {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        for i in 0..theta.len() {
            let g = grad[i] + self.weight_decay * theta[i];
            self.square_avg[i] = self.alpha * self.square_avg[i] + (1.0 - self.alpha) * g * g;
            let avg = if self.centered {
                self.grad_avg[i] = self.alpha * self.grad_avg[i] + (1.0 - self.alpha) * g;
                (self.square_avg[i] - self.grad_avg[i] * self.grad_avg[i]).sqrt() + self.eps
            } else {
                self.square_avg[i].sqrt() + self.eps
            };
            if self.momentum > 0.0 {
                self.buf[i] = self.momentum * self.buf[i] + g / avg;
                theta[i] -= lr * self.buf[i];
            } else {
                theta[i] -= lr * g / avg;
            }
        }
    }
}
