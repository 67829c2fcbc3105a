//! A tiny 1-hidden-layer tanh network, `h(x) = Σ_j w2_j·tanh(w1_j·t + b1_j) + b2` with
//! t = 2x − 1, trained on the mean squared error by full-batch Adam (torch defaults:
//! β = (0.9, 0.999), ε = 1e-8) for a fixed number of steps. Complexity = width.
//!
//! Self-contained on purpose: the Network lab's MLP serves 2-D classification with
//! mini-batches; this one is a 1-D regressor cheap enough to fit hundreds of times per
//! slider move. Initialisation follows `nn.Linear` (uniform ±1/√fan_in) from the model's own
//! seed, so a fit is a pure function of (data, width, steps, learning rate, seed). If the loss
//! ever turns non-finite the weights of the last finite step are kept and the fit reports
//! [`Regressor::fell_back`].

use rand::RngExt as _;

use super::Regressor;
use crate::core::rng::rng_for;

/// Adam's β₁.
const BETA1: f64 = 0.9;
/// Adam's β₂.
const BETA2: f64 = 0.999;
/// Adam's ε.
const EPS: f64 = 1e-8;

/// A 1-hidden-layer tanh regressor.
#[derive(Clone, Debug)]
pub struct Mlp {
    width: usize,
    steps: usize,
    learning_rate: f64,
    seed: u64,
    /// `[w1 (width), b1 (width), w2 (width), b2]`.
    params: Vec<f64>,
    fell_back: bool,
}

impl Mlp {
    /// An unfitted network of `width` hidden units (predicts 0), trained by `steps` Adam
    /// steps at `learning_rate`, initialised from `seed`.
    #[must_use]
    pub fn new(width: usize, steps: usize, learning_rate: f64, seed: u64) -> Self {
        let width = width.max(1);
        Self {
            width,
            steps,
            learning_rate,
            seed,
            params: vec![0.0; 3 * width + 1],
            fell_back: false,
        }
    }

    /// `nn.Linear`-style initial weights: layer 1 (fan-in 1) uniform on ±1, layer 2 uniform
    /// on ±1/√width.
    fn init(&mut self) {
        let mut rng = rng_for(self.seed, 0);
        let h = self.width;
        #[allow(clippy::cast_precision_loss)]
        let bound2 = 1.0 / (h as f64).sqrt();
        for (i, p) in self.params.iter_mut().enumerate() {
            let bound = if i < 2 * h { 1.0 } else { bound2 };
            *p = rng.random_range(-bound..bound);
        }
    }

    /// The mean squared error on (t, y) and its gradient into `grad`.
    fn loss_grad(&self, params: &[f64], t: &[f64], y: &[f64], grad: &mut [f64]) -> f64 {
        let h = self.width;
        let (w1, rest) = params.split_at(h);
        let (b1, rest) = rest.split_at(h);
        let (w2, b2) = rest.split_at(h);
        let b2 = b2[0];
        grad.fill(0.0);
        #[allow(clippy::cast_precision_loss)]
        let n = t.len().max(1) as f64;
        let mut hidden = vec![0.0; h];
        let mut loss = 0.0;
        for (&ti, &yi) in t.iter().zip(y) {
            let mut out = b2;
            for j in 0..h {
                hidden[j] = libm::tanh(w1[j].mul_add(ti, b1[j]));
                out += w2[j] * hidden[j];
            }
            let err = out - yi;
            loss += err * err;
            let d = 2.0 * err / n;
            for j in 0..h {
                let dh = d * w2[j] * (1.0 - hidden[j] * hidden[j]);
                grad[j] += dh * ti;
                grad[h + j] += dh;
                grad[2 * h + j] += d * hidden[j];
            }
            grad[3 * h] += d;
        }
        loss / n
    }
}

impl Regressor for Mlp {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        self.init();
        self.fell_back = false;
        let t: Vec<f64> = x.iter().map(|&v| 2.0 * v - 1.0).collect();
        let dim = self.params.len();
        let mut params = self.params.clone();
        let mut grad = vec![0.0; dim];
        let mut m = vec![0.0; dim];
        let mut v = vec![0.0; dim];
        let (mut beta1_power, mut beta2_power) = (1.0, 1.0);
        for _ in 0..self.steps {
            let loss = self.loss_grad(&params, &t, y, &mut grad);
            if !loss.is_finite() || grad.iter().any(|g| !g.is_finite()) {
                self.fell_back = true;
                break;
            }
            self.params.copy_from_slice(&params);
            beta1_power *= BETA1;
            beta2_power *= BETA2;
            let step = self.learning_rate / (1.0 - beta1_power);
            let bias2_sqrt = (1.0 - beta2_power).sqrt();
            for i in 0..dim {
                m[i] = BETA1 * m[i] + (1.0 - BETA1) * grad[i];
                v[i] = BETA2 * v[i] + (1.0 - BETA2) * grad[i] * grad[i];
                params[i] -= step * m[i] / (v[i].sqrt() / bias2_sqrt + EPS);
            }
        }
        if !self.fell_back && params.iter().all(|p| p.is_finite()) {
            self.params = params;
        }
    }

    fn predict(&self, x: f64) -> f64 {
        let h = self.width;
        let t = 2.0 * x - 1.0;
        let mut out = self.params[3 * h];
        for j in 0..h {
            out +=
                self.params[2 * h + j] * libm::tanh(self.params[j].mul_add(t, self.params[h + j]));
        }
        out
    }

    fn fell_back(&self) -> bool {
        self.fell_back
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::biasvar::models::mse;

    #[test]
    fn gradient_matches_finite_differences() {
        let mut model = Mlp::new(3, 0, 0.01, 5);
        model.init();
        let t = [-0.8, 0.1, 0.6];
        let y = [0.3, -0.2, 0.9];
        let mut grad = vec![0.0; model.params.len()];
        model.loss_grad(&model.params, &t, &y, &mut grad);
        let mut scratch = vec![0.0; grad.len()];
        for i in 0..grad.len() {
            let h = 1e-6;
            let mut plus = model.params.clone();
            plus[i] += h;
            let mut minus = model.params.clone();
            minus[i] -= h;
            let numeric = (model.loss_grad(&plus, &t, &y, &mut scratch)
                - model.loss_grad(&minus, &t, &y, &mut scratch))
                / (2.0 * h);
            assert!(
                (numeric - grad[i]).abs() < 1e-7,
                "param {i}: {numeric} vs {}",
                grad[i]
            );
        }
    }

    #[test]
    fn training_lowers_the_error_and_is_seeded() {
        let x: Vec<f64> = (0..20).map(|i| f64::from(i) / 19.0).collect();
        let y: Vec<f64> = x
            .iter()
            .map(|&v| libm::sin(std::f64::consts::TAU * v))
            .collect();
        let mut short = Mlp::new(8, 10, 0.01, 3);
        short.fit(&x, &y);
        let mut long = Mlp::new(8, 400, 0.01, 3);
        long.fit(&x, &y);
        assert!(mse(&long, &x, &y) < 0.5 * mse(&short, &x, &y));
        let mut again = Mlp::new(8, 400, 0.01, 3);
        again.fit(&x, &y);
        assert_eq!(again.predict(0.3).to_bits(), long.predict(0.3).to_bits());
    }
}
