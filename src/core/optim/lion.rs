//! Lion (Chen et al. 2023): `c = β₁m + (1−β₁)g`, `θ ← θ(1 − γλ) − γ·sign(c)`,
//! `m ← β₂m + (1−β₂)g` (lucidrains/lion-pytorch applies the decay before the sign step).
//! `sign(0) = 0`, as `torch.sign`.

use super::{GradAt, Optimizer, OptimizerSpec};

/// Lion: evolved sign momentum.
#[derive(Clone, Debug)]
pub struct Lion {
    beta1: f64,
    beta2: f64,
    weight_decay: f64,
    m: Vec<f64>,
}

impl Lion {
    /// A fresh Lion for `dim` parameters.
    #[must_use]
    pub fn new(spec: &OptimizerSpec, dim: usize) -> Self {
        Self {
            beta1: spec.betas[0],
            beta2: spec.betas[1],
            weight_decay: spec.weight_decay,
            m: vec![0.0; dim],
        }
    }
}

fn torch_sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl Optimizer for Lion {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        for i in 0..theta.len() {
            theta[i] *= 1.0 - lr * self.weight_decay;
            let c = self.beta1 * self.m[i] + (1.0 - self.beta1) * grad[i];
            theta[i] -= lr * torch_sign(c);
            self.m[i] = self.beta2 * self.m[i] + (1.0 - self.beta2) * grad[i];
        }
    }
}
