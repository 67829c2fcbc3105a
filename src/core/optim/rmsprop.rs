//! `torch.optim.RMSprop`: `v ← αv + (1−α)g²`, optionally centered (`v − ḡ²`), optionally with
//! momentum on the normalised step (`b ← μb + g/(√ṽ + ε)`), L2 weight decay.

use super::{Buffers, GradAt, Optimizer, OptimizerSpec};

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

impl RmsProp {
    /// The denominator of coordinate `i`: `√v + ε`, or centered
    /// `square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()` + ε.
    fn avg(&self, i: usize) -> f64 {
        if self.centered {
            (-self.grad_avg[i])
                .mul_add(self.grad_avg[i], self.square_avg[i])
                .sqrt()
                + self.eps
        } else {
            self.square_avg[i].sqrt() + self.eps
        }
    }
}

impl Optimizer for RmsProp {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], _grad_at: &mut GradAt<'_>) {
        for i in 0..theta.len() {
            // grad.add(param, alpha=weight_decay)
            let g = if self.weight_decay == 0.0 {
                grad[i]
            } else {
                self.weight_decay.mul_add(theta[i], grad[i])
            };
            // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            self.square_avg[i] =
                ((1.0 - self.alpha) * g).mul_add(g, self.square_avg[i] * self.alpha);
            if self.centered {
                // grad_avg.lerp_(grad, 1 - alpha)
                self.grad_avg[i] = super::torch_lerp(self.grad_avg[i], g, 1.0 - self.alpha);
            }
            let avg = self.avg(i);
            if self.momentum > 0.0 {
                // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
                self.buf[i] = self.buf[i] * self.momentum + g / avg;
                theta[i] = (-lr).mul_add(self.buf[i], theta[i]);
            } else {
                // param.addcdiv_(grad, avg, value=-lr)
                theta[i] += -lr * g / avg;
            }
        }
    }

    fn inspect(&self, lr: f64) -> Buffers {
        Buffers {
            momentum: if self.momentum > 0.0 {
                self.buf.clone()
            } else {
                Vec::new()
            },
            second: self.square_avg.clone(),
            step_size: (0..self.square_avg.len())
                .map(|i| lr / self.avg(i))
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
    fn rmsprop_weight_decay_first_three_updates() {
        // γ = 0.01, α = 0.99, ε = 1e−8, λ = 0.01; θ₀ = 1, gradients 1, −2, 0.5.
        // t=1: g = 1.01; v = 0.01·1.0201 = 0.010201; √v = 0.101;
        //      θ = 1 − 0.01·1.01/(0.101 + 1e−8) = 0.9000000099009891.
        // t=2: g = −2 + 0.009 = −1.991; v = 0.99·0.010201 + 0.01·3.964081 = 0.04973980;
        //      θ = 0.9 + 0.01·1.991/(√v + 1e−8) = 0.9892728236284649.
        // t=3: 0.9668785677798987 (tools/golden/hand_values.py).
        let spec = OptimizerSpec {
            lr: 0.01,
            weight_decay: 0.01,
            ..OptimizerSpec::defaults(OptimizerKind::RmsProp)
        };
        let got = steps_1d(&spec, 1.0, &[1.0, -2.0, 0.5]);
        assert_close(
            &got,
            &[
                0.900_000_009_900_989,
                0.989_272_823_628_464_9,
                0.966_878_567_779_898_7,
            ],
            1e-14,
        );
    }

    #[test]
    fn centered_rmsprop_with_momentum_first_three_updates() {
        // γ = 0.01, α = 0.9, μ = 0.5, centered; gradients 1, −2, 0.5.
        // t=1: v = 0.1, ḡ = 0.1, ṽ = 0.1 − 0.01 = 0.09, √ṽ = 0.3;
        //      b = 1/(0.3 + 1e−8) = 3.3333332222…; θ = 1 − 0.033333332222 = 0.9666666677777777.
        // t=2: v = 0.09 + 0.4 = 0.49, ḡ = 0.09 − 0.2 = −0.11, ṽ = 0.49 − 0.0121 = 0.4779;
        //      b = 0.5·3.33333 − 2/(√0.4779 + 1e−8); θ = 0.9789308703550188.
        // t=3: 0.9777195451384084 (tools/golden/hand_values.py).
        let spec = OptimizerSpec {
            lr: 0.01,
            alpha: 0.9,
            momentum: 0.5,
            centered: true,
            ..OptimizerSpec::defaults(OptimizerKind::RmsProp)
        };
        let got = steps_1d(&spec, 1.0, &[1.0, -2.0, 0.5]);
        assert_close(
            &got,
            &[
                0.966_666_667_777_777_7,
                0.978_930_870_355_018_8,
                0.977_719_545_138_408_4,
            ],
            1e-14,
        );
    }
}
