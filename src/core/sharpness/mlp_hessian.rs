//! The exact Hessian of an MLP's full-batch training loss, by Pearlmutter's R-operator
//! (forward-over-reverse), in f64.
//!
//! Why not central differences of the network's gradient: the network computes in f32
//! (see [`crate::core::network::mlp`]), whose gradients carry rounding of about 1e-7
//! relative; divided by a step `2h`, that noise limits a difference quotient to roughly
//! 1e-3 relative accuracy at the best step, and worse where the third derivative is large.
//! Sharpness numbers are compared with independently computed exact eigenvalues, so the
//! operator here recomputes the network in f64 from the same layout (PyTorch's `nn.Linear`
//! order, [`LayerShape`]) and differentiates it twice exactly.
//!
//! With `z_l = a_{l−1} W_lᵀ + b_l`, `a_l = φ(z_l)` (`a_0 = x`, one row per sample) and
//! `δ_l = ∂L/∂z_l`, the R-operator `R{·} = d/dr (·)(θ + r v)|_{r=0}` gives
//!
//! - forward: `R z_l = R a_{l−1} W_lᵀ + a_{l−1} V_lᵀ + v_{b,l}`, `R a_l = φ'(z_l) ⊙ R z_l`;
//! - at the head: `R δ_L = (1/n) ∇²ℓ(z_L) R z_L` (BCE: `σ(1 − σ)`; cross-entropy:
//!   `diag p − p pᵀ`; MSE: 2);
//! - backward: `R δ_{l−1} = (R δ_l W_l + δ_l V_l) ⊙ φ'(z_{l−1})
//!   + (δ_l W_l) ⊙ φ''(z_{l−1}) ⊙ R z_{l−1}`;
//! - and `H v` for layer l: `R δ_lᵀ a_{l−1} + δ_lᵀ R a_{l−1}` (weights), `Σ_rows R δ_l`
//!   (bias).
//!
//! BatchNorm in eval mode (the network's running statistics, as its loss) is an affine map
//! per feature, `u = γ ⊙ (z − μ) ⊙ s + β` with `s = 1/√(σ² + eps)` fixed, so
//! `R u = γ s ⊙ R z + v_γ ⊙ x̂ + v_β` forward and, backward, with `δ_u = ∂L/∂u`,
//! `R δ_z = R δ_u ⊙ γ s + δ_u ⊙ v_γ s`, `H v` for γ: `Σ_rows (R δ_u ⊙ x̂ + δ_u ⊙ s ⊙ R z)`,
//! for β: `Σ_rows R δ_u` (φ, φ', φ'' are then taken at u).
//!
//! The forward and backward passes at θ do not depend on v, so [`MlpHessian::new`] runs them
//! once and every [`HessianOperator::apply`] costs only the two R-passes (about three
//! forward passes' worth of matrix products), in buffers kept per thread between calls and
//! written in place. Every sum is taken in one fixed order — each product through
//! [`crate::core::product`] on its own from zero, a sum of two products added after, column
//! sums down the rows, the batch's chunks and halves added in order — so the numbers are the
//! same bits on every machine and on 1 thread or many (preset texts quote them).

use std::ops::Range;

use ndarray::{Array1, Array2, ArrayView1, Axis, s};
use pulp::{Simd, WithSimd};

use crate::core::network::activation::Activation;
use crate::core::network::batchnorm::BN_EPS;
use crate::core::network::mlp::{
    BatchStats, DataSplit, Kept, LayerShape, Loss, Mlp, split_batch, with_kept,
};
use crate::core::objective::Objective as _;
use crate::core::product::{Lhs, Start, matmul, product, transpose};
use crate::core::simd::vectorized;

use super::{Curvature, HessianOperator, SharpnessError, check_len};

/// The rows of one R-pass of [`MlpHessian`]'s product (see `hvp`). Each chunk's part of
/// `H v` is summed on its own and the parts added in order, so this size is part of the
/// numbers' bits (presets quote them): it must not change. It also keeps the R-pass's
/// buffers ([`RPass`]) small enough for the second-level cache.
const HVP_CHUNK: usize = 250;

/// 2/√π.
const FRAC_2_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;
/// 1/√(2π).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// erf(x) in f64 to about 1e-13 absolute: the Maclaurin series below |x| = 2.5, the
/// continued fraction of erfc above (f64 std has no erf).
#[must_use]
pub fn erf(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return f64::NAN;
    }
    if ax < 2.5 {
        // erf x = 2/√π Σ (−1)ⁿ x^{2n+1} / (n! (2n+1))
        let x2 = x * x;
        let mut power = x; // (−1)ⁿ x^{2n+1} / n!
        let mut sum = x;
        for n in 1..200 {
            power *= -x2 / f64::from(n);
            let term = power / f64::from(2 * n + 1);
            sum += term;
            if term.abs() < 1e-17 * sum.abs() {
                break;
            }
        }
        return FRAC_2_SQRT_PI * sum;
    }
    if ax > 6.0 {
        return 1.0f64.copysign(x);
    }
    // erfc x = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards.
    let mut t = ax;
    for k in (1..=80).rev() {
        t = ax + f64::from(k) * 0.5 / t;
    }
    let erfc = 0.5 * FRAC_2_SQRT_PI * libm::exp(-ax * ax) / t;
    (1.0 - erfc).copysign(x)
}

/// `φ(z)`, `φ'(z)` and `φ''(z)` of an activation in f64 (relu: `φ'(0) = 0` as in PyTorch,
/// `φ'' = 0`; gelu with the exact Gaussian CDF).
#[must_use]
pub fn activation_derivatives(activation: Activation, z: f64) -> [f64; 3] {
    match activation {
        Activation::Tanh => {
            let a = libm::tanh(z);
            let d1 = 1.0 - a * a;
            [a, d1, -2.0 * a * d1]
        }
        Activation::Relu => {
            if z > 0.0 {
                [z, 1.0, 0.0]
            } else {
                [0.0, 0.0, 0.0]
            }
        }
        Activation::Gelu => {
            let cdf = 0.5 * (1.0 + erf(z * std::f64::consts::FRAC_1_SQRT_2));
            let pdf = FRAC_1_SQRT_2PI * libm::exp(-0.5 * z * z);
            [z * cdf, cdf + z * pdf, pdf * (2.0 - z * z)]
        }
        Activation::Sigmoid => {
            let s = sigmoid(z);
            let d1 = s * (1.0 - s);
            [s, d1, d1 * (1.0 - 2.0 * s)]
        }
    }
}

/// The logistic function, stable for large |z|.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// One layer's weight `[fan_out, fan_in]` and bias from a flat parameter vector.
fn layer_params(layer: &LayerShape, p: &[f64]) -> (Array2<f64>, Array1<f64>) {
    let w = Array2::from_shape_fn((layer.fan_out, layer.fan_in), |(i, j)| {
        p[layer.offset + i * layer.fan_in + j]
    });
    let b = Array1::from_iter(p[layer.bias_range()].iter().copied());
    (w, b)
}

/// The per-sample second-derivative data of the loss head.
#[derive(Clone, Debug)]
enum HeadCurvature {
    /// BCE: `σ(z)(1 − σ(z))` per sample.
    Bce(Array1<f64>),
    /// Cross-entropy: the softmax probabilities `[n, k]`.
    CrossEntropy(Array2<f64>),
    /// MSE: the constant 2.
    Mse,
}

/// One hidden layer's BatchNorm in eval mode: `u = γ ⊙ x̂ + β` with `x̂ = (z − μ) ⊙ s`,
/// `s = 1/√(σ² + eps)` from the running statistics (fixed, so the map is affine in z and
/// bilinear in (z, γ)).
#[derive(Clone, Debug)]
struct EvalBatchNorm {
    /// `s` per feature.
    s: Array1<f64>,
    /// `γ ⊙ s` per feature: `∂u/∂z`.
    gamma_s: Array1<f64>,
    /// `x̂` `[n, width]`.
    xhat: Array2<f64>,
}

/// The entries of `range` of a flat vector as a 1-D array.
fn entries(p: &[f64], range: std::ops::Range<usize>) -> Array1<f64> {
    Array1::from_iter(p[range].iter().copied())
}

/// The Hessian of an [`Mlp`]'s full-batch training loss at one point, exact in f64 (see the
/// module docs); with BatchNorm in eval mode (the network's running statistics), as the
/// network's own loss.
#[derive(Clone, Debug)]
pub struct MlpHessian {
    layers: Vec<LayerShape>,
    dim: usize,
    n: usize,
    /// Inputs `[n, inputs]`.
    x: Array2<f64>,
    /// Weights and biases at θ.
    params: Vec<(Array2<f64>, Array1<f64>)>,
    /// `W_lᵀ` `[fan_in, fan_out]`: the right operand of the forward products.
    wt: Vec<Array2<f64>>,
    /// Hidden activations `a_l`.
    a: Vec<Array2<f64>>,
    /// `φ'(z_l)` of the hidden layers.
    d1: Vec<Array2<f64>>,
    /// Eval-mode BatchNorm of each hidden layer that has one.
    bn: Vec<Option<EvalBatchNorm>>,
    /// `δ_l = ∂L/∂z_l` per layer.
    delta: Vec<Array2<f64>>,
    /// `∂L/∂u_l` of the hidden layers (`δ_l` itself without BatchNorm).
    delta_u: Vec<Array2<f64>>,
    /// `(δ_l W_l) ⊙ φ''(z_{l−1})` (`δ_l W_l = ∂L/∂a_{l−1}`) for layers l ≥ 1 (entry 0 is
    /// empty): the R-backward's curvature term without its `R z_{l−1}`, which does not
    /// depend on v (each element one rounded product, as the term computed whole).
    upstream_d2: Vec<Array2<f64>>,
    head: HeadCurvature,
    loss: f64,
    grad: Vec<f64>,
}

impl MlpHessian {
    /// Runs the f64 forward and backward passes of `mlp` at `theta` over the whole training
    /// set.
    ///
    /// # Errors
    /// `theta` of the wrong length, or a non-finite loss or gradient there.
    pub fn new(mlp: &Mlp, theta: &[f64]) -> Result<Self, SharpnessError> {
        check_len("theta", theta, mlp.dim())?;
        let arch = mlp.architecture();
        let train = mlp.split(DataSplit::Train);
        let n = train.len();
        let x = row_major(train.x.mapv(f64::from));
        let y: Vec<f64> = train.y.iter().map(|&t| f64::from(t)).collect();
        let layers = arch.layers().to_vec();
        let last = layers.len() - 1;
        let params: Vec<_> = layers.iter().map(|l| layer_params(l, theta)).collect();
        let running = mlp.running();
        check_len("running statistics", running, arch.running_len())?;

        // Forward.
        let mut a: Vec<Array2<f64>> = Vec::with_capacity(last);
        let mut d1 = Vec::with_capacity(last);
        let mut d2 = Vec::with_capacity(last);
        let mut bn = Vec::with_capacity(last);
        let mut at = 0;
        let mut logits = Array2::zeros((0, 0));
        for (l, (w, b)) in params.iter().enumerate() {
            let input = if l == 0 { &x } else { &a[l - 1] };
            let mut z = matmul(input.view(), w.t());
            z += b;
            if l == last {
                logits = z;
            } else {
                let layer = &layers[l];
                // The activation's input: z, or BatchNorm's u.
                let pre = if layer.batchnorm {
                    let width = layer.fan_out;
                    let mean = entries(running, at..at + width);
                    let s = entries(running, at + width..at + 2 * width)
                        .mapv(|var| 1.0 / (var + BN_EPS).sqrt());
                    at += 2 * width;
                    let gamma = entries(theta, layer.gamma_range());
                    let beta = entries(theta, layer.beta_range());
                    let xhat = (&z - &mean) * &s;
                    let u = &xhat * &gamma + &beta;
                    bn.push(Some(EvalBatchNorm {
                        gamma_s: &gamma * &s,
                        s,
                        xhat,
                    }));
                    u
                } else {
                    bn.push(None);
                    z
                };
                let mut act = pre.clone();
                let mut first = pre.clone();
                let mut second = pre;
                for ((v, f), s) in act.iter_mut().zip(first.iter_mut()).zip(second.iter_mut()) {
                    let [phi, dphi, ddphi] = activation_derivatives(arch.activation(), *v);
                    (*v, *f, *s) = (phi, dphi, ddphi);
                }
                a.push(act);
                d1.push(first);
                d2.push(second);
            }
        }

        // Loss head: mean loss, δ_L and the head's curvature.
        let k = arch.outputs();
        let inv_n = 1.0 / n as f64;
        let mut delta_last = Array2::zeros((n, k));
        let mut total = 0.0;
        let head = match arch.loss() {
            Loss::BceWithLogits => {
                let mut curv = Array1::zeros(n);
                for i in 0..n {
                    let (z, t) = (logits[[i, 0]], y[i]);
                    total += z.max(0.0) - z * t + libm::log1p(libm::exp(-z.abs()));
                    let s = sigmoid(z);
                    delta_last[[i, 0]] = (s - t) * inv_n;
                    curv[i] = s * (1.0 - s);
                }
                HeadCurvature::Bce(curv)
            }
            Loss::CrossEntropy => {
                let mut probs = Array2::zeros((n, k));
                for i in 0..n {
                    let row = logits.row(i);
                    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let sum: f64 = row.iter().map(|&v| libm::exp(v - max)).sum();
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let target = (y[i] as usize).min(k - 1);
                    total += max + libm::log(sum) - row[target];
                    for j in 0..k {
                        let p = libm::exp(row[j] - max) / sum;
                        probs[[i, j]] = p;
                        let onehot = if j == target { 1.0 } else { 0.0 };
                        delta_last[[i, j]] = (p - onehot) * inv_n;
                    }
                }
                HeadCurvature::CrossEntropy(probs)
            }
            Loss::Mse => {
                for i in 0..n {
                    let r = logits[[i, 0]] - y[i];
                    total += r * r;
                    delta_last[[i, 0]] = 2.0 * r * inv_n;
                }
                HeadCurvature::Mse
            }
        };
        let loss = total * inv_n;

        // Backward.
        let dim = arch.dim();
        let mut grad = vec![0.0; dim];
        let mut delta = vec![Array2::zeros((0, 0)); layers.len()];
        let mut delta_u = vec![Array2::zeros((0, 0)); last];
        let mut upstream_d2 = vec![Array2::zeros((0, 0)); layers.len()];
        delta[last] = delta_last;
        for l in (0..layers.len()).rev() {
            let input = if l == 0 { &x } else { &a[l - 1] };
            let gw = matmul(delta[l].t(), input.view());
            let gb = delta[l].sum_axis(Axis(0));
            write_layer(&layers[l], &gw, &gb, &mut grad);
            if l > 0 {
                let up = matmul(delta[l].view(), params[l].0.view());
                let du = &up * &d1[l - 1];
                delta[l - 1] = match &bn[l - 1] {
                    Some(norm) => {
                        // ∂L/∂γ = Σ δ_u ⊙ x̂, ∂L/∂β = Σ δ_u, δ_z = δ_u ⊙ γ s.
                        let below = &layers[l - 1];
                        write_entries(below.gamma_range(), &(&du * &norm.xhat), &mut grad);
                        write_entries(below.beta_range(), &du, &mut grad);
                        &du * &norm.gamma_s
                    }
                    None => du.clone(),
                };
                delta_u[l - 1] = du;
                upstream_d2[l] = &up * &d2[l - 1];
            }
        }
        if !(loss.is_finite() && grad.iter().all(|g| g.is_finite())) {
            return Err(SharpnessError::NotFinite { value: loss });
        }
        // The R-passes read these as row-major slices.
        let all_row_major = |m: Vec<Array2<f64>>| m.into_iter().map(row_major).collect();
        let wt = params
            .iter()
            .map(|(w, _)| w.t().as_standard_layout().into_owned())
            .collect();
        let bn = bn
            .into_iter()
            .map(|norm| {
                norm.map(|norm| EvalBatchNorm {
                    xhat: row_major(norm.xhat),
                    ..norm
                })
            })
            .collect();
        let head = match head {
            HeadCurvature::CrossEntropy(probs) => HeadCurvature::CrossEntropy(row_major(probs)),
            other => other,
        };
        Ok(Self {
            layers,
            dim,
            n,
            x,
            params: params.into_iter().map(|(w, b)| (row_major(w), b)).collect(),
            wt,
            a: all_row_major(a),
            d1: all_row_major(d1),
            bn,
            delta: all_row_major(delta),
            delta_u: all_row_major(delta_u),
            upstream_d2: all_row_major(upstream_d2),
            head,
            loss,
            grad,
        })
    }

    /// The f64 full-batch training loss at θ.
    #[must_use]
    pub fn loss(&self) -> f64 {
        self.loss
    }

    /// The f64 gradient of the full-batch training loss at θ.
    #[must_use]
    pub fn gradient(&self) -> &[f64] {
        &self.grad
    }

    /// `H v` for a direction `v` of length `dim()`, over the batch as [`split_batch`] splits
    /// it (the same split as the gradient's: the same bits on 1 thread or many).
    fn hvp(&self, v: &[f64], out: &mut [f64]) {
        split_batch(self.n, out, |rows, part| {
            with_kept(&R_PASS, |work| {
                work.prepare(&self.layers, rows.len().min(HVP_CHUNK), v);
                // In chunks of HVP_CHUNK rows, each added into the first's part in order.
                let mut chunk = std::mem::take(&mut work.chunk);
                chunk.resize(part.len(), 0.0);
                for (i, start) in rows.clone().step_by(HVP_CHUNK).enumerate() {
                    let end = (start + HVP_CHUNK).min(rows.end);
                    if i == 0 {
                        self.hvp_rows(start..end, v, work, part);
                    } else {
                        self.hvp_rows(start..end, v, work, &mut chunk);
                        add_into(part, &chunk);
                    }
                }
                work.chunk = chunk;
            });
            0.0
        });
    }

    /// The part of `H v` from the samples `rows` (at most [`HVP_CHUNK`]; the loss's 1/n is
    /// the whole batch's), in `work`'s buffers as [`RPass::prepare`] sized them for `v`; the
    /// element-wise loops at the CPU's vector width ([`vectorized`]).
    fn hvp_rows(&self, rows: Range<usize>, v: &[f64], work: &mut RPass, out: &mut [f64]) {
        struct Op<'a>(
            &'a MlpHessian,
            Range<usize>,
            &'a [f64],
            &'a mut RPass,
            &'a mut [f64],
        );
        impl WithSimd for Op<'_> {
            type Output = ();
            #[inline(always)]
            fn with_simd<S: Simd>(self, _: S) {
                self.0.hvp_rows_loops(self.1, self.2, self.3, self.4);
            }
        }
        vectorized(Op(self, rows, v, work, out));
    }

    /// [`MlpHessian::hvp_rows`]' loops, inlined into each instruction set's copy. Between
    /// the products the element-wise work runs a row at a time (its passes over a row stay in
    /// the first-level cache), and the column sums of the bias, γ and β entries are added up
    /// as the rows are written.
    #[inline(always)]
    fn hvp_rows_loops(&self, rows: Range<usize>, v: &[f64], work: &mut RPass, out: &mut [f64]) {
        let m = rows.len();
        let of = |matrix| rows_of(matrix, &rows);
        let last = self.layers.len() - 1;
        let RPass {
            vt,
            rz,
            ru,
            ra,
            rdelta,
            below,
            second,
            chunk: _,
        } = work;

        // R-forward: R z_l = a_{l−1} V_lᵀ + v_b + R a_{l−1} W_lᵀ (the products summed on
        // their own, then added in that order), and R a_l = φ' ⊙ R(the activation's input),
        // which is R u_l = γ s ⊙ R z_l + v_γ ⊙ x̂ + v_β with BatchNorm.
        for (l, layer) in self.layers.iter().enumerate() {
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let input = if l == 0 {
                of(&self.x)
            } else {
                of(&self.a[l - 1])
            };
            let r = &mut rz[l][..m * fan_out];
            mul([m, fan_out, fan_in], Lhs::rows(input, fan_in), &vt[l], r);
            if l > 0 {
                let ra_below = Lhs::rows(&ra[l - 1][..m * fan_in], fan_in);
                let product = &mut second[..m * fan_out];
                mul([m, fan_out, fan_in], ra_below, slice(&self.wt[l]), product);
            }
            let v_b = &v[layer.bias_range()];
            let d1 = if l < last { of(&self.d1[l]) } else { &[] };
            for (i, r_row) in r.chunks_exact_mut(fan_out).enumerate() {
                let at = i * fan_out..(i + 1) * fan_out;
                add_into(r_row, v_b);
                if l > 0 {
                    add_into(r_row, &second[at.clone()]);
                }
                if l == last {
                    continue;
                }
                let ra_row = &mut ra[l][at.clone()];
                let d1_row = &d1[at.clone()];
                match &self.bn[l] {
                    Some(norm) => {
                        let u_row = &mut ru[l][at.clone()];
                        let xhat_row = &of(&norm.xhat)[at];
                        let features = norm
                            .gamma_s
                            .iter()
                            .zip(&v[layer.gamma_range()])
                            .zip(&v[layer.beta_range()]);
                        for (((u, &r), &xhat), ((&gamma_s, &v_gamma), &v_beta)) in
                            u_row.iter_mut().zip(&*r_row).zip(xhat_row).zip(features)
                        {
                            *u = r * gamma_s + xhat * v_gamma + v_beta;
                        }
                        multiply(ra_row, u_row, d1_row);
                    }
                    None => multiply(ra_row, r_row, d1_row),
                }
            }
        }

        // The head: R δ_L = (1/n) ∇²ℓ R z_L.
        out.fill(0.0);
        let inv_n = 1.0 / self.n as f64;
        let head_layer = &self.layers[last];
        let k = head_layer.fan_out;
        let r_last = &rz[last][..m * k];
        let head = &mut rdelta[..m * k];
        match &self.head {
            HeadCurvature::Bce(curv) => {
                let rows_curv = curv.slice(s![rows.clone()]);
                let by_row = head.chunks_exact_mut(k).zip(r_last.chunks_exact(k));
                for ((d_row, r_row), &c) in by_row.zip(&rows_curv) {
                    let scale = c * inv_n;
                    for (d, &r) in d_row.iter_mut().zip(r_row) {
                        *d = r * scale;
                    }
                }
            }
            HeadCurvature::CrossEntropy(probs) => {
                // (diag p − p pᵀ) r = p ⊙ r − p (p·r), and p·r is the row sum of p ⊙ r
                // (summed as ndarray sums a row).
                let probs = of(probs);
                for ((d_row, r_row), p_row) in head
                    .chunks_exact_mut(k)
                    .zip(r_last.chunks_exact(k))
                    .zip(probs.chunks_exact(k))
                {
                    multiply(d_row, r_row, p_row);
                    let sum = ArrayView1::from(&*d_row).sum();
                    for (d, &p) in d_row.iter_mut().zip(p_row) {
                        *d = (*d - p * sum) * inv_n;
                    }
                }
            }
            HeadCurvature::Mse => {
                for (d, &r) in head.iter_mut().zip(r_last) {
                    *d = r * (2.0 * inv_n);
                }
            }
        }
        for row in head.chunks_exact(k) {
            add_into(&mut out[head_layer.bias_range()], row);
        }

        // R-backward. Layer l's bias entries, the column sums of R δ_l, were added up where
        // R δ_l was written (above for the last layer, by the layer above for the others).
        for l in (0..self.layers.len()).rev() {
            let layer = &self.layers[l];
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            let input = if l == 0 {
                of(&self.x)
            } else {
                of(&self.a[l - 1])
            };
            let rd = &rdelta[..m * fan_out];
            let delta = of(&self.delta[l]);
            // H v for W_l: R δ_lᵀ a_{l−1} + δ_lᵀ R a_{l−1}.
            let hw = &mut out[layer.weight_range()];
            mul(
                [fan_out, fan_in, m],
                Lhs::transposed(rd, fan_out),
                input,
                hw,
            );
            if l == 0 {
                break;
            }
            let product = &mut second[..fan_out * fan_in];
            let ra_below = &ra[l - 1][..m * fan_in];
            mul(
                [fan_out, fan_in, m],
                Lhs::transposed(delta, fan_out),
                ra_below,
                product,
            );
            add_into(hw, product);
            // R(δ_l W_l) = R δ_l W_l + δ_l V_l.
            let rg = &mut below[..m * fan_in];
            mul(
                [m, fan_in, fan_out],
                Lhs::rows(rd, fan_out),
                slice(&self.params[l].0),
                rg,
            );
            let product = &mut second[..m * fan_in];
            let v_w = &v[layer.weight_range()];
            mul(
                [m, fan_in, fan_out],
                Lhs::rows(delta, fan_out),
                v_w,
                product,
            );
            // The layer below's bias, γ and β entries (γ and β empty without BatchNorm).
            let under = &self.layers[l - 1];
            let entries = &mut out[under.bias_range().start..under.beta_range().end];
            let (bias_sums, bn_sums) = entries.split_at_mut(fan_in);
            let (gamma_sums, beta_sums) = bn_sums.split_at_mut(under.gamma_range().len());
            let norm = self.bn[l - 1].as_ref();
            let r_pre = if norm.is_some() {
                &ru[l - 1]
            } else {
                &rz[l - 1]
            };
            let (d1, up_d2) = (of(&self.d1[l - 1]), of(&self.upstream_d2[l]));
            let v_gamma = &v[under.gamma_range()];
            for (i, g_row) in rg.chunks_exact_mut(fan_in).enumerate() {
                let at = i * fan_in..(i + 1) * fan_in;
                // R δ_u = R(δ_l W_l) ⊙ φ' + (δ_l W_l) ⊙ φ'' ⊙ R(the activation's input).
                let terms = d1[at.clone()].iter().zip(&up_d2[at.clone()]);
                for ((g, &p), ((&d1, &up_d2), &r)) in g_row
                    .iter_mut()
                    .zip(&second[at.clone()])
                    .zip(terms.zip(&r_pre[at.clone()]))
                {
                    *g = (*g + p) * d1 + up_d2 * r;
                }
                if let Some(norm) = norm {
                    // R(∂L/∂γ) = Σ (R δ_u ⊙ x̂ + δ_u ⊙ s ⊙ R z), R(∂L/∂β) = Σ R δ_u,
                    // R δ_z = R δ_u ⊙ γ s + δ_u ⊙ v_γ s.
                    let du = &of(&self.delta_u[l - 1])[at.clone()];
                    let xhat = &of(&norm.xhat)[at.clone()];
                    let du_rz = du.iter().zip(&rz[l - 1][at]).zip(&norm.s);
                    for (((sum, &rdu), &xhat), ((&du, &r), &s)) in
                        gamma_sums.iter_mut().zip(&*g_row).zip(xhat).zip(du_rz)
                    {
                        *sum += rdu * xhat + du * r * s;
                    }
                    add_into(beta_sums, g_row);
                    let features = norm.gamma_s.iter().zip(v_gamma).zip(&norm.s);
                    for ((rdu, &du), ((&gamma_s, &v_gamma), &s)) in
                        g_row.iter_mut().zip(du).zip(features)
                    {
                        *rdu = *rdu * gamma_s + du * (v_gamma * s);
                    }
                }
                add_into(bias_sums, g_row);
            }
            std::mem::swap(rdelta, below);
        }
    }
}

/// One thread's buffers for the R-passes of [`MlpHessian`] (row-major, sized for a chunk of
/// rows), kept between calls ([`with_kept`]): allocated and faulted in afresh on every call
/// (ndarray's element-wise arithmetic makes a new array per operation), a dozen matrices of
/// rows × width took a quarter of a full-batch product's time on the digits network. Every
/// entry is written before it is read in the same call, so the results never depend on what
/// they held.
#[derive(Debug, Default)]
struct RPass {
    /// `V_lᵀ` per layer, `[fan_in, fan_out]`: the right operand of the forward products.
    vt: Vec<Vec<f64>>,
    /// `R z_l` per layer, `[rows, fan_out]`.
    rz: Vec<Vec<f64>>,
    /// `R u_l` of each hidden layer with BatchNorm (empty for the others, where the
    /// activation's input is `z_l`).
    ru: Vec<Vec<f64>>,
    /// `R a_l` of the hidden layers.
    ra: Vec<Vec<f64>>,
    /// `R δ_l` of the layer being differentiated, `[rows, fan_out]`.
    rdelta: Vec<f64>,
    /// `R δ_{l−1}` of the layer below while it is computed.
    below: Vec<f64>,
    /// The second product of a sum of two (each product is summed on its own, then the two
    /// added).
    second: Vec<f64>,
    /// A later chunk's part of `H v`, added into the first chunk's.
    chunk: Vec<f64>,
}

thread_local! {
    /// This thread's [`RPass`].
    static R_PASS: Kept<RPass> = const { std::cell::Cell::new(None) };
}

impl RPass {
    /// Sizes the buffers for chunks of up to `rows` rows of `layers`, and writes `V_lᵀ` from
    /// the direction `v`.
    fn prepare(&mut self, layers: &[LayerShape], rows: usize, v: &[f64]) {
        let last = layers.len() - 1;
        self.vt.resize_with(layers.len(), Vec::new);
        self.rz.resize_with(layers.len(), Vec::new);
        self.ru.resize_with(last, Vec::new);
        self.ra.resize_with(last, Vec::new);
        let mut widest = 0;
        for (l, layer) in layers.iter().enumerate() {
            let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
            transpose(&v[layer.weight_range()], fan_out, fan_in, &mut self.vt[l]);
            self.rz[l].resize(rows * fan_out, 0.0);
            if l < last {
                self.ra[l].resize(rows * fan_out, 0.0);
                let bn_rows = if layer.batchnorm { rows } else { 0 };
                self.ru[l].resize(bn_rows * fan_out, 0.0);
            }
            // `second` also holds a weight's `[fan_out, fan_in]`.
            widest = widest.max(rows * fan_in.max(fan_out)).max(fan_in * fan_out);
        }
        for buffer in [&mut self.rdelta, &mut self.below, &mut self.second] {
            buffer.resize(widest, 0.0);
        }
    }
}

/// `c = a·b` through basin's product (`[m, n, k]` as [`product`] takes them; the slices fit
/// by construction).
fn mul(shape: [usize; 3], a: Lhs<'_, f64>, b: &[f64], c: &mut [f64]) {
    let fits = product(shape, a, b, c, Start::Zero);
    debug_assert!(fits, "an R-pass product of shape {shape:?}");
}

/// `out[i] = out[i] + add[i]` over the shorter length.
#[inline(always)]
fn add_into(out: &mut [f64], add: &[f64]) {
    for (o, &a) in out.iter_mut().zip(add) {
        *o += a;
    }
}

/// `out[i] = a[i] · b[i]` over the shortest length.
#[inline(always)]
fn multiply(out: &mut [f64], a: &[f64], b: &[f64]) {
    for ((o, &a), &b) in out.iter_mut().zip(a).zip(b) {
        *o = a * b;
    }
}

/// A row-major matrix's elements (every matrix [`MlpHessian`] keeps is row-major, see
/// [`row_major`]).
fn slice(matrix: &Array2<f64>) -> &[f64] {
    matrix.as_slice().unwrap_or_default()
}

/// The rows `rows` of a row-major matrix.
fn rows_of<'m>(matrix: &'m Array2<f64>, rows: &Range<usize>) -> &'m [f64] {
    let width = matrix.ncols();
    slice(matrix)
        .get(rows.start * width..rows.end * width)
        .unwrap_or_default()
}

/// `matrix` in row-major order (moved when it already is).
fn row_major(matrix: Array2<f64>) -> Array2<f64> {
    if matrix.is_standard_layout() {
        matrix
    } else {
        matrix.as_standard_layout().into_owned()
    }
}

/// Writes the column sums of `rows` (`[n, width]`) into `out[range]` (a BatchNorm γ or β).
fn write_entries(range: std::ops::Range<usize>, rows: &Array2<f64>, out: &mut [f64]) {
    for (o, g) in out[range].iter_mut().zip(rows.sum_axis(Axis(0))) {
        *o = g;
    }
}

/// Writes a layer's weight and bias entries into a flat vector.
fn write_layer(layer: &LayerShape, w: &Array2<f64>, b: &Array1<f64>, out: &mut [f64]) {
    for (o, &g) in out[layer.weight_range()].iter_mut().zip(w.iter()) {
        *o = g;
    }
    for (o, &g) in out[layer.bias_range()].iter_mut().zip(b.iter()) {
        *o = g;
    }
}

impl HessianOperator for MlpHessian {
    fn dim(&self) -> usize {
        self.dim
    }

    fn apply(&self, v: &[f64], out: &mut [f64]) {
        if !super::lengths_fit(self.dim, v, out) {
            return;
        }
        self.hvp(v, out);
    }
}

/// The exact operator, in eval mode (a BatchNorm network with its running statistics, as
/// its loss).
impl Curvature for Mlp {
    fn hessian_at<'a>(
        &'a self,
        theta: &[f64],
    ) -> Result<Box<dyn HessianOperator + 'a>, SharpnessError> {
        Ok(Box::new(MlpHessian::new(self, theta)?))
    }
}

/// Training mode over the whole batch: central differences of its gradient (the exact
/// operator when the network has no BatchNorm).
impl Curvature for BatchStats {
    fn hessian_at<'a>(
        &'a self,
        theta: &[f64],
    ) -> Result<Box<dyn HessianOperator + 'a>, SharpnessError> {
        if !self.mlp().architecture().batchnorm() {
            return self.mlp().hessian_at(theta);
        }
        Ok(Box::new(super::hvp::CentralDifferences::new(
            self,
            theta,
            super::hvp::RELATIVE_STEP_F32,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_matches_reference_values() {
        // Values from mpmath (erf to 16 digits).
        let cases = [
            (0.0, 0.0),
            (0.5, 0.520_499_877_813_046_5),
            (1.0, 0.842_700_792_949_714_9),
            (2.4, 0.999_311_486_103_354_9),
            (2.6, 0.999_763_965_583_470_2),
            (3.0, 0.999_977_909_503_001_4),
            (-1.0, -0.842_700_792_949_714_9),
        ];
        for (x, want) in cases {
            assert!((erf(x) - want).abs() < 1e-12, "erf({x}) = {}", erf(x));
        }
    }

    #[test]
    fn activation_derivatives_match_difference_quotients() {
        let h = 1e-5;
        for act in Activation::ALL {
            for z in [-2.3, -0.4, 0.3, 1.7] {
                let [phi, d1, d2] = activation_derivatives(act, z);
                let [p_plus, d1_plus, _] = activation_derivatives(act, z + h);
                let [p_minus, d1_minus, _] = activation_derivatives(act, z - h);
                assert!(
                    ((p_plus - p_minus) / (2.0 * h) - d1).abs() < 1e-8,
                    "{act:?} φ' at {z}"
                );
                assert!(
                    ((d1_plus - d1_minus) / (2.0 * h) - d2).abs() < 1e-8,
                    "{act:?} φ'' at {z}"
                );
                assert!(phi.is_finite());
            }
        }
    }
}
