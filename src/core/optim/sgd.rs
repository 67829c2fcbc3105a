//! `torch.optim.SGD`: momentum (torch's form `b = μb + (1−τ)g`, no dampening on the first
//! step), Nesterov (`g + μb`), and L2 weight decay added to the gradient.

use super::{GradAt, Optimizer, OptimizerSpec};

/// Stochastic gradient descent with torch's momentum, dampening, Nesterov and weight decay.
#[derive(Clone, Debug)]
pub struct Sgd {
    momentum: f64,
    dampening: f64,
    nesterov: bool,
    weight_decay: f64,
    /// Momentum buffer b (empty until the first step, as torch's `None`).
    buf: Vec<f64>,
}

impl Sgd {
    /// A fresh SGD for `dim` parameters.
    #[must_use]
    pub fn new(spec: &OptimizerSpec, dim: usize) -> Self {
        Self {
            momentum: spec.momentum,
            dampening: spec.dampening,
            nesterov: spec.nesterov,
            weight_decay: spec.weight_decay,
            buf: Vec::with_capacity(dim),
        }
    }
}

impl Optimizer for Sgd {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        let first = self.buf.is_empty();
        if first && self.momentum != 0.0 {
            self.buf.resize(theta.len(), 0.0);
        }
        for i in 0..theta.len() {
            let mut g = grad[i] + self.weight_decay * theta[i];
            if self.momentum != 0.0 {
                let b = if first {
                    g
                } else {
                    self.momentum * self.buf[i] + (1.0 - self.dampening) * g
                };
                self.buf[i] = b;
                g = if self.nesterov {
                    g + self.momentum * b
                } else {
                    b
                };
            }
            theta[i] -= lr * g;
        }
    }
}
