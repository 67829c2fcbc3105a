//! `torch.optim.Adam` and `torch.optim.AdamW`: bias-corrected moments, ε added after the
//! square root, AMSGrad as the running max of the raw second moment (torch's code, not its
//! older docs). Adam's weight decay is L2 (added to the gradient); AdamW's is decoupled
//! (`θ ← θ(1 − γλ)` before the moment update).

use super::{GradAt, Optimizer, OptimizerSpec};

/// How weight decay enters the update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decay {
    /// Adam: `g ← g + λθ`.
    L2,
    /// AdamW: `θ ← θ − γλθ` first.
    Decoupled,
}

/// Adam / AdamW with optional AMSGrad.
#[derive(Clone, Debug)]
pub struct Adam {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    amsgrad: bool,
    decay: Decay,
    t: i32,
    m: Vec<f64>,
    v: Vec<f64>,
    v_max: Vec<f64>,
}

impl Adam {
    /// A fresh Adam (or AdamW, by `decay`) for `dim` parameters.
    #[must_use]
    pub fn new(spec: &OptimizerSpec, decay: Decay, dim: usize) -> Self {
        Self {
            beta1: spec.betas[0],
            beta2: spec.betas[1],
            eps: spec.eps,
            weight_decay: spec.weight_decay,
            amsgrad: spec.amsgrad,
            decay,
            t: 0,
            m: vec![0.0; dim],
            v: vec![0.0; dim],
            v_max: vec![0.0; dim],
        }
    }
}

impl Optimizer for Adam {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        self.t += 1;
        let bias1 = 1.0 - self.beta1.powi(self.t);
        let bias2 = 1.0 - self.beta2.powi(self.t);
        let step_size = lr / bias1;
        let bias2_sqrt = bias2.sqrt();
        for i in 0..theta.len() {
            let mut g = grad[i];
            match self.decay {
                Decay::L2 => g += self.weight_decay * theta[i],
                Decay::Decoupled => theta[i] *= 1.0 - lr * self.weight_decay,
            }
            self.m[i] = self.beta1 * self.m[i] + (1.0 - self.beta1) * g;
            self.v[i] = self.beta2 * self.v[i] + (1.0 - self.beta2) * g * g;
            let second = if self.amsgrad {
                self.v_max[i] = self.v_max[i].max(self.v[i]);
                self.v_max[i]
            } else {
                self.v[i]
            };
            let denom = second.sqrt() / bias2_sqrt + self.eps;
            theta[i] -= step_size * self.m[i] / denom;
        }
    }
}
