//! `torch.optim.Adagrad`: `γ̃ = γ/(1 + (t−1)·lr_decay)`, `sum ← sum + g²`,
//! `θ ← θ − γ̃ g/(√sum + ε)`, the accumulator starting at `initial_accumulator_value`.

use super::{Buffers, GradAt, Optimizer, OptimizerSpec};

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
        // clr = lr / (1 + (step - 1) * lr_decay), in Python floats.
        #[allow(clippy::cast_precision_loss)]
        let clr = lr / (1.0 + (self.t - 1) as f64 * self.lr_decay);
        for i in 0..theta.len() {
            // grad.add(param, alpha=weight_decay)
            let g = if self.weight_decay == 0.0 {
                grad[i]
            } else {
                self.weight_decay.mul_add(theta[i], grad[i])
            };
            // state_sum.addcmul_(grad, grad, value=1); std = state_sum.sqrt().add_(eps)
            self.sum[i] = g.mul_add(g, self.sum[i]);
            let std = self.sum[i].sqrt() + self.eps;
            // param.addcdiv_(grad, std, value=-clr)
            theta[i] += -clr * g / std;
        }
    }

    fn inspect(&self, lr: f64) -> Buffers {
        #[allow(clippy::cast_precision_loss)]
        let clr = lr / (1.0 + self.t.saturating_sub(1) as f64 * self.lr_decay);
        Buffers {
            steps: self.t,
            second: self.sum.clone(),
            step_size: self
                .sum
                .iter()
                .map(|s| clr / (s.sqrt() + self.eps))
                .collect(),
            ..Buffers::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, steps_1d};
    use super::super::{OptimizerKind, OptimizerSpec};

    #[test]
    fn adagrad_lr_decay_accumulator_weight_decay_first_three_updates() {
        // γ = 0.1, lr_decay = 0.5, initial_accumulator_value = 0.1, ε = 1e−10, λ = 0.01;
        // θ₀ = 1, gradients 1, −2, 0.5.
        // t=1: γ̃ = 0.1; g = 1.01; sum = 0.1 + 1.0201 = 1.1201;
        //      θ = 1 − 0.1·1.01/(√1.1201 + 1e−10) = 0.9045682308259329.
        // t=2: γ̃ = 0.1/1.5; g = −2 + 0.009045682… = −1.990954317…; sum = 1.1201 + g²;
        //      θ = 0.9634346073440192.
        // t=3: γ̃ = 0.1/2; 0.9524114351437914 (tools/golden/hand_values.py).
        let spec = OptimizerSpec {
            lr: 0.1,
            lr_decay: 0.5,
            initial_accumulator_value: 0.1,
            weight_decay: 0.01,
            ..OptimizerSpec::defaults(OptimizerKind::Adagrad)
        };
        let got = steps_1d(&spec, 1.0, &[1.0, -2.0, 0.5]);
        assert_close(
            &got,
            &[
                0.904_568_230_825_932_9,
                0.963_434_607_344_019_2,
                0.952_411_435_143_791_4,
            ],
            1e-14,
        );
    }
}
