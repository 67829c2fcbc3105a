//! Lion (Chen et al. 2023): `c = β₁m + (1−β₁)g`, `θ ← θ(1 − γλ) − γ·sign(c)`,
//! `m ← β₂m + (1−β₂)g` (lucidrains/lion-pytorch applies the decay before the sign step).
//! `sign(0) = 0`, as `torch.sign`.

use super::{Buffers, GradAt, Optimizer, OptimizerSpec};

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

/// `torch.sign`: ±1, 0 at zero, NaN stays NaN (so a NaN gradient still diverges the run).
fn torch_sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0
    }
}

impl Optimizer for Lion {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        for i in 0..theta.len() {
            // p.data.mul_(1 - lr * wd)
            theta[i] *= 1.0 - lr * self.weight_decay;
            // exp_avg.clone().mul_(beta1).add(grad, alpha=1 - beta1).sign_()
            let c = (1.0 - self.beta1).mul_add(grad[i], self.m[i] * self.beta1);
            // p.add_(update, alpha=-lr)
            theta[i] = (-lr).mul_add(torch_sign(c), theta[i]);
            // exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)
            self.m[i] = (1.0 - self.beta2).mul_add(grad[i], self.m[i] * self.beta2);
        }
    }

    fn inspect(&self, _lr: f64) -> Buffers {
        Buffers {
            momentum: self.m.clone(),
            ..Buffers::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, steps_1d};
    use super::super::{OptimizerKind, OptimizerSpec};
    use super::torch_sign;

    #[test]
    fn lion_first_three_updates() {
        // γ = 0.1, β = (0.9, 0.99), λ = 0.1; θ₀ = 1, gradients 1, −2, 0.5.
        // t=1: θ = 1·(1 − 0.01) = 0.99; c = 0.1·1 = 0.1 > 0 → θ = 0.89; m = 0.01.
        // t=2: θ = 0.89·0.99 = 0.8811; c = 0.009 − 0.2 = −0.191 < 0 → θ = 0.9811;
        //      m = 0.0099 − 0.02 = −0.0101.
        // t=3: θ = 0.9811·0.99 = 0.971289; c = −0.00909 + 0.05 = 0.04091 > 0 → θ = 0.871289.
        let spec = OptimizerSpec {
            lr: 0.1,
            weight_decay: 0.1,
            ..OptimizerSpec::defaults(OptimizerKind::Lion)
        };
        let got = steps_1d(&spec, 1.0, &[1.0, -2.0, 0.5]);
        assert_close(&got, &[0.89, 0.9811, 0.871_289], 1e-15);
    }

    #[test]
    fn sign_is_torchs() {
        assert_eq!(torch_sign(3.0), 1.0);
        assert_eq!(torch_sign(-1e-300), -1.0);
        assert_eq!(torch_sign(0.0), 0.0);
        assert!(torch_sign(f64::NAN).is_nan());
    }
}
