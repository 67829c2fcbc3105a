//! `torch.optim.SGD`: momentum (torch's form `b = μb + (1−τ)g`, no dampening on the first
//! step), Nesterov (`g + μb`), and L2 weight decay added to the gradient.

use super::{Buffers, GradAt, Optimizer, OptimizerSpec};

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
            // grad.add(param, alpha=weight_decay): one fused multiply-add on CPU.
            let mut g = if self.weight_decay == 0.0 {
                grad[i]
            } else {
                self.weight_decay.mul_add(theta[i], grad[i])
            };
            if self.momentum != 0.0 {
                let b = if first {
                    // buf = grad.clone(): no dampening on the first step.
                    g
                } else {
                    // buf.mul_(momentum).add_(grad, alpha=1 - dampening)
                    (1.0 - self.dampening).mul_add(g, self.momentum * self.buf[i])
                };
                self.buf[i] = b;
                g = if self.nesterov {
                    // grad.add(buf, alpha=momentum)
                    self.momentum.mul_add(b, g)
                } else {
                    b
                };
            }
            // param.add_(grad, alpha=-lr)
            theta[i] = (-lr).mul_add(g, theta[i]);
        }
    }

    fn inspect(&self, _lr: f64) -> Buffers {
        Buffers {
            momentum: self.buf.clone(),
            ..Buffers::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, steps_1d};
    use super::super::{OptimizerKind, OptimizerSpec};

    /// θ₀ = 1 and the gradients 1, −2, 0.5, as in tools/golden/hand_values.py.
    const GRADS: [f64; 3] = [1.0, -2.0, 0.5];

    fn sgd(lr: f64, momentum: f64, dampening: f64, weight_decay: f64) -> OptimizerSpec {
        OptimizerSpec {
            lr,
            momentum,
            dampening,
            weight_decay,
            ..OptimizerSpec::defaults(OptimizerKind::Sgd)
        }
    }

    #[test]
    fn plain_sgd_first_three_updates() {
        // θ ← θ − 0.1g: 1 − 0.1 = 0.9; 0.9 + 0.2 = 1.1; 1.1 − 0.05 = 1.05.
        let got = steps_1d(&sgd(0.1, 0.0, 0.0, 0.0), 1.0, &GRADS);
        assert_close(&got, &[0.9, 1.1, 1.05], 1e-15);
    }

    #[test]
    fn momentum_dampening_weight_decay_first_three_updates() {
        // γ = 0.1, μ = 0.9, τ = 0.1, λ = 0.01.
        // t=1: g = 1 + 0.01·1 = 1.01; b = g (no dampening on the first step) = 1.01;
        //      θ = 1 − 0.101 = 0.899.
        // t=2: g = −2 + 0.00899 = −1.99101; b = 0.9·1.01 + 0.9·(−1.99101) = −0.882909;
        //      θ = 0.899 + 0.0882909 = 0.9872909.
        // t=3: g = 0.5 + 0.009872909 = 0.509872909;
        //      b = 0.9·(−0.882909) + 0.9·0.509872909 = −0.3357324819;
        //      θ = 0.9872909 + 0.03357324819 = 1.02086414819.
        let got = steps_1d(&sgd(0.1, 0.9, 0.1, 0.01), 1.0, &GRADS);
        assert_close(&got, &[0.899, 0.987_290_9, 1.020_864_148_19], 1e-14);
    }

    #[test]
    fn nesterov_first_three_updates() {
        // γ = 0.1, μ = 0.9, τ = 0, λ = 0.01; the step uses g + μb.
        // t=1: g = 1.01; b = 1.01; step 1.01 + 0.909 = 1.919; θ = 1 − 0.1919 = 0.8081.
        // t=2: g = −2 + 0.008081 = −1.991919; b = 0.909 − 1.991919 = −1.082919;
        //      step −1.991919 − 0.9746271 = −2.9665461; θ = 0.8081 + 0.29665461 = 1.10475461.
        // t=3: g = 0.5 + 0.0110475461 = 0.5110475461; b = −0.9746271 + 0.5110475461
        //      = −0.4635795539; step 0.5110475461 − 0.41722159851 = 0.09382594759;
        //      θ = 1.10475461 − 0.009382594759 = 1.095372015241.
        let mut spec = sgd(0.1, 0.9, 0.0, 0.01);
        spec.nesterov = true;
        let got = steps_1d(&spec, 1.0, &GRADS);
        assert_close(&got, &[0.8081, 1.104_754_61, 1.095_372_015_241], 1e-14);
    }
}
