//! `torch.optim.Adam` and `torch.optim.AdamW`: bias-corrected moments, ε added after the
//! square root, AMSGrad as the running max of the raw second moment (torch's code, not its
//! older docs). Adam's weight decay is L2 (added to the gradient); AdamW's is decoupled
//! (`θ ← θ(1 − γλ)` before the moment update).

use super::{Buffers, GradAt, Optimizer, OptimizerSpec};

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
    /// Steps taken (torch's `state['step']`).
    t: u64,
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
        // Python floats: `beta ** step` is C's pow, `bias_correction2 ** 0.5` too.
        #[allow(clippy::cast_precision_loss)]
        let step = self.t as f64;
        let bias1 = 1.0 - libm::pow(self.beta1, step);
        let bias2 = 1.0 - libm::pow(self.beta2, step);
        let step_size = lr / bias1;
        let bias2_sqrt = libm::pow(bias2, 0.5);
        for i in 0..theta.len() {
            let mut g = grad[i];
            if self.weight_decay != 0.0 {
                match self.decay {
                    // grad.add(param, alpha=weight_decay)
                    Decay::L2 => g = self.weight_decay.mul_add(theta[i], g),
                    // param.mul_(1 - lr * weight_decay)
                    Decay::Decoupled => theta[i] *= 1.0 - lr * self.weight_decay,
                }
            }
            // exp_avg.lerp_(grad, 1 - beta1)
            self.m[i] = super::torch_lerp(self.m[i], g, 1.0 - self.beta1);
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            self.v[i] = ((1.0 - self.beta2) * g).mul_add(g, self.v[i] * self.beta2);
            let second = if self.amsgrad {
                // torch.maximum(max_exp_avg_sq, exp_avg_sq): the raw second moment.
                self.v_max[i] = self.v_max[i].max(self.v[i]);
                self.v_max[i]
            } else {
                self.v[i]
            };
            // denom = (sqrt(v) / bias_correction2_sqrt).add_(eps)
            let denom = second.sqrt() / bias2_sqrt + self.eps;
            // param.addcdiv_(exp_avg, denom, value=-step_size): rounded, not fused.
            theta[i] += -step_size * self.m[i] / denom;
        }
    }

    fn inspect(&self, lr: f64) -> Buffers {
        if self.t == 0 {
            return Buffers::default();
        }
        #[allow(clippy::cast_precision_loss)]
        let step = self.t as f64;
        let bias1 = 1.0 - libm::pow(self.beta1, step);
        let bias2_sqrt = libm::pow(1.0 - libm::pow(self.beta2, step), 0.5);
        let second = if self.amsgrad { &self.v_max } else { &self.v };
        Buffers {
            steps: self.t,
            momentum: self.m.clone(),
            first_moment: self.m.iter().map(|m| m / bias1).collect(),
            second: second.clone(),
            // The denominator of the step, as `step` computes it.
            step_size: second
                .iter()
                .map(|v| lr / (v.sqrt() / bias2_sqrt + self.eps))
                .collect(),
            ..Buffers::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{assert_close, steps_1d};
    use super::super::{OptimizerKind, OptimizerSpec};

    fn adam(kind: OptimizerKind, betas: [f64; 2], weight_decay: f64) -> OptimizerSpec {
        OptimizerSpec {
            lr: 0.1,
            betas,
            weight_decay,
            ..OptimizerSpec::defaults(kind)
        }
    }

    #[test]
    fn adam_l2_decay_first_three_updates() {
        // γ = 0.1, β = (0.9, 0.999), ε = 1e−8, λ = 0.01; θ₀ = 1, gradients 1, −2, 0.5.
        // t=1: g = 1.01; m = 0.101; v = 0.001·1.01² = 0.00102010;
        //      m̂ = 1.01, √v̂ = 1.01; θ = 1 − 0.1·1.01/(1.01 + 1e−8) = 0.900000000990099.
        // t=2: g = −2 + 0.009 = −1.991; m = 0.0909 − 0.1991 = −0.1082;
        //      v = 0.999·0.0010201 + 0.001·1.991² = 0.0049830…; m̂ = −0.1082/0.19,
        //      √v̂ = √(v/0.001999); θ = 0.9360684609228258.
        // t=3 likewise: 0.9490323671861612 (tools/golden/hand_values.py, 50 digits).
        let got = steps_1d(
            &adam(OptimizerKind::Adam, [0.9, 0.999], 0.01),
            1.0,
            &[1.0, -2.0, 0.5],
        );
        assert_close(
            &got,
            &[
                0.900_000_000_990_099,
                0.936_068_460_922_825_8,
                0.949_032_367_186_161_2,
            ],
            1e-14,
        );
    }

    #[test]
    fn amsgrad_keeps_the_largest_raw_second_moment() {
        // γ = 0.1, β = (0.9, 0.5), gradients 2, −0.5, 0.1: v = 2, 1.125, 0.5675 falls, so
        // AMSGrad keeps v_max = 2 and divides by √(2/(1 − 0.5ᵗ)).
        // t=1: m = 0.2, m̂ = 2, √v̂ = 2 → θ = 1 − 0.1·2/(2 + 1e−8) = 0.9000000005.
        // t=2: m = 0.18 − 0.05 = 0.13, m̂ = 0.13/0.19; √(2/0.75) = 1.63299…;
        //      θ = 0.9 − 0.1·0.684210…/1.63299… = 0.8581008341037088.
        // t=3: m = 0.117 + 0.01 = 0.127, m̂ = 0.127/0.271; √(2/0.875);
        //      θ = 0.8271035634134225. Plain Adam would give 0.8441344454189801 and
        //      0.7859434859171892 (it divides by the smaller current v).
        let grads = [2.0, -0.5, 0.1];
        let mut spec = adam(OptimizerKind::Adam, [0.9, 0.5], 0.0);
        spec.amsgrad = true;
        assert_close(
            &steps_1d(&spec, 1.0, &grads),
            &[
                0.900_000_000_5,
                0.858_100_834_103_708_8,
                0.827_103_563_413_422_5,
            ],
            1e-14,
        );
        spec.amsgrad = false;
        assert_close(
            &steps_1d(&spec, 1.0, &grads),
            &[
                0.900_000_000_5,
                0.844_134_445_418_980_1,
                0.785_943_485_917_189_2,
            ],
            1e-14,
        );
    }

    #[test]
    fn adamw_decays_the_weights_not_the_gradient() {
        // γ = 0.1, λ = 0.1, β = (0.9, 0.999): θ ← θ(1 − 0.01) first, then Adam's step with
        // the raw gradient.
        // t=1: θ = 0.99; m̂ = 1, √v̂ = 1 → θ = 0.99 − 0.1/(1 + 1e−8) = 0.89000000099999999.
        // t=2: θ = 0.8811000001; m = 0.09 − 0.2 = −0.11, m̂ = −0.11/0.19;
        //      v = 0.000999 + 0.004 = 0.004999, √v̂ = √(0.004999/0.001999);
        //      θ = 0.9177103534620751.
        // t=3: 0.9222023161292010 (tools/golden/hand_values.py).
        let got = steps_1d(
            &adam(OptimizerKind::AdamW, [0.9, 0.999], 0.1),
            1.0,
            &[1.0, -2.0, 0.5],
        );
        assert_close(
            &got,
            &[
                0.890_000_001,
                0.917_710_353_462_075_1,
                0.922_202_316_129_201,
            ],
            1e-14,
        );
    }
}
