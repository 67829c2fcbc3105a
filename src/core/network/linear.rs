//! The dense-layer kernels of the MLP, in f32 on row-major slices: the forward product
//! `z = x·Wᵀ + b` and the two backward products `∂W = δᵀ·x`, `∂x = δ·W` (plus `∂b = Σ δ`).
//!
//! The wide layers go to basin's matrix product ([`crate::core::product`]), with the bias as
//! the start of each output row. The thin ones every small MLP has — the first layer (2
//! inputs) and the last (1 output) — get plain loops that vectorize along the contiguous axis
//! instead (a side ≤ [`THIN`]: a general product wastes its tiles there). Every path is a
//! fixed sequence of operations, so results are the same bits on every machine; different
//! paths round differently, which is why the path depends only on the shape.

use pulp::{Simd, WithSimd};

use crate::core::product::{Lhs, Start, product, transpose};
use crate::core::simd::vectorized;

/// Layers with at most this many inputs or outputs use the loop kernels.
pub const THIN: usize = 4;

/// One `nn.Linear` layer's parameters as slices of the flat f32 parameters.
#[derive(Clone, Copy, Debug)]
pub struct Dense<'a> {
    /// Weight, `[fan_out, fan_in]` row-major.
    pub w: &'a [f32],
    /// Bias, length `fan_out`.
    pub b: &'a [f32],
    /// Inputs.
    pub fan_in: usize,
    /// Outputs.
    pub fan_out: usize,
}

/// `Σ a[k]·b[k]` with eight interleaved partial sums (so the loop vectorizes; the order is
/// fixed, so the result is deterministic).
#[must_use]
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let chunks = a.len().min(b.len()) / 8;
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    let mut tail = 0.0;
    for (x, y) in a[chunks * 8..].iter().zip(&b[chunks * 8..]) {
        tail += x * y;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// `y ← y + α·x` over the shorter length.
#[inline]
fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += alpha * x;
    }
}

/// `z = x·Wᵀ + b` for `n` rows: `x` is `[n, fan_in]`, `z` is `[n, fan_out]`, both
/// row-major. `wt` is room for `Wᵀ` (what the product reads; its contents do not matter).
/// Slices of the wrong length leave `z` as NaN.
pub fn forward(x: &[f32], n: usize, layer: &Dense<'_>, z: &mut [f32], wt: &mut Vec<f32>) {
    struct Op<'a, 'b>(
        &'a [f32],
        usize,
        &'a Dense<'b>,
        &'a mut [f32],
        &'a mut Vec<f32>,
    );
    impl WithSimd for Op<'_, '_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            forward_loops(self.0, self.1, self.2, self.3, self.4);
        }
    }
    vectorized(Op(x, n, layer, z, wt));
}

/// [`forward`]'s loops, inlined into each instruction set's copy.
#[inline(always)]
fn forward_loops(x: &[f32], n: usize, layer: &Dense<'_>, z: &mut [f32], wt: &mut Vec<f32>) {
    let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
    if x.len() != n * fan_in || z.len() != n * fan_out || fan_in == 0 || fan_out == 0 {
        z.fill(f32::NAN);
        return;
    }
    if layer.w.len() != fan_in * fan_out || layer.b.len() != fan_out {
        z.fill(f32::NAN);
        return;
    }
    if fan_in <= THIN || fan_out > THIN {
        // Wᵀ as [fan_in, fan_out], so each input scales one contiguous row.
        transpose(layer.w, fan_out, fan_in, wt);
    }
    if fan_in <= THIN {
        for (zr, xr) in z.chunks_exact_mut(fan_out).zip(x.chunks_exact(fan_in)) {
            zr.copy_from_slice(layer.b);
            for (k, &xk) in xr.iter().enumerate() {
                axpy(xk, &wt[k * fan_out..(k + 1) * fan_out], zr);
            }
        }
    } else if fan_out <= THIN {
        for (zr, xr) in z.chunks_exact_mut(fan_out).zip(x.chunks_exact(fan_in)) {
            for ((zo, wo), &bo) in zr.iter_mut().zip(layer.w.chunks_exact(fan_in)).zip(layer.b) {
                *zo = dot(xr, wo) + bo;
            }
        }
    } else {
        let start = Start::Row(layer.b);
        product([n, fan_out, fan_in], Lhs::rows(x, fan_in), wt, z, start);
    }
}

/// `∂W = δᵀ·x` (`[fan_out, fan_in]`) and `∂b = Σ_rows δ` for `n` rows of `δ` (`[n, fan_out]`)
/// and `x` (`[n, fan_in]`). Slices of the wrong length give NaN gradients.
pub fn param_grad(
    delta: &[f32],
    x: &[f32],
    n: usize,
    layer: &Dense<'_>,
    gw: &mut [f32],
    gb: &mut [f32],
) {
    struct Op<'a, 'b>(
        &'a [f32],
        &'a [f32],
        usize,
        &'a Dense<'b>,
        &'a mut [f32],
        &'a mut [f32],
    );
    impl WithSimd for Op<'_, '_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            param_grad_loops(self.0, self.1, self.2, self.3, self.4, self.5);
        }
    }
    vectorized(Op(delta, x, n, layer, gw, gb));
}

/// [`param_grad`]'s loops, inlined into each instruction set's copy.
#[inline(always)]
fn param_grad_loops(
    delta: &[f32],
    x: &[f32],
    n: usize,
    layer: &Dense<'_>,
    gw: &mut [f32],
    gb: &mut [f32],
) {
    let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
    if delta.len() != n * fan_out
        || x.len() != n * fan_in
        || gw.len() != fan_in * fan_out
        || gb.len() != fan_out
        || fan_in == 0
        || fan_out == 0
    {
        gw.fill(f32::NAN);
        gb.fill(f32::NAN);
        return;
    }
    gb.fill(0.0);
    for dr in delta.chunks_exact(fan_out) {
        axpy(1.0, dr, gb);
    }
    if fan_out <= THIN {
        // Row o of ∂W accumulates δ[i, o]·x[i, :].
        gw.fill(0.0);
        for (dr, xr) in delta.chunks_exact(fan_out).zip(x.chunks_exact(fan_in)) {
            for (gwo, &d) in gw.chunks_exact_mut(fan_in).zip(dr) {
                axpy(d, xr, gwo);
            }
        }
    } else if fan_in <= THIN {
        // Accumulate ∂Wᵀ as [fan_in, fan_out] (contiguous rows), then transpose.
        let mut gwt = vec![0.0f32; fan_in * fan_out];
        for (dr, xr) in delta.chunks_exact(fan_out).zip(x.chunks_exact(fan_in)) {
            for (k, &xk) in xr.iter().enumerate() {
                axpy(xk, dr, &mut gwt[k * fan_out..(k + 1) * fan_out]);
            }
        }
        for (o, row) in gw.chunks_exact_mut(fan_in).enumerate() {
            for (k, g) in row.iter_mut().enumerate() {
                *g = gwt[k * fan_out + o];
            }
        }
    } else {
        let delta_t = Lhs::transposed(delta, fan_out);
        product([fan_out, fan_in, n], delta_t, x, gw, Start::Zero);
    }
}

/// `∂x = δ·W` (`[n, fan_in]`) for `n` rows of `δ` (`[n, fan_out]`). Slices of the wrong
/// length give NaN.
pub fn input_grad(delta: &[f32], n: usize, layer: &Dense<'_>, dx: &mut [f32]) {
    struct Op<'a, 'b>(&'a [f32], usize, &'a Dense<'b>, &'a mut [f32]);
    impl WithSimd for Op<'_, '_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            input_grad_loops(self.0, self.1, self.2, self.3);
        }
    }
    vectorized(Op(delta, n, layer, dx));
}

/// [`input_grad`]'s loops, inlined into each instruction set's copy.
#[inline(always)]
fn input_grad_loops(delta: &[f32], n: usize, layer: &Dense<'_>, dx: &mut [f32]) {
    let (fan_in, fan_out) = (layer.fan_in, layer.fan_out);
    if delta.len() != n * fan_out
        || dx.len() != n * fan_in
        || layer.w.len() != fan_in * fan_out
        || fan_in == 0
        || fan_out == 0
    {
        dx.fill(f32::NAN);
        return;
    }
    if fan_out <= THIN || fan_in <= THIN {
        for (dxr, dr) in dx.chunks_exact_mut(fan_in).zip(delta.chunks_exact(fan_out)) {
            dxr.fill(0.0);
            for (wo, &d) in layer.w.chunks_exact(fan_in).zip(dr) {
                axpy(d, wo, dxr);
            }
        }
    } else {
        product(
            [n, fan_in, fan_out],
            Lhs::rows(delta, fan_out),
            layer.w,
            dx,
            Start::Zero,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic test numbers in [−1, 1).
    fn numbers(len: usize, salt: u32) -> Vec<f32> {
        (0..len)
            .map(|i| {
                let h = (i as u32)
                    .wrapping_mul(2_654_435_761)
                    .wrapping_add(salt.wrapping_mul(40_503));
                (h % 2000) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    fn close(a: &[f32], b: &[f64], what: &str) {
        assert_eq!(a.len(), b.len(), "{what}");
        for (k, (&x, &y)) in a.iter().zip(b).enumerate() {
            assert!(
                (f64::from(x) - y).abs() < 1e-4 * (1.0 + y.abs()),
                "{what}[{k}]: {x} vs {y}"
            );
        }
    }

    /// Every kernel path (thin in, thin out, both, neither; odd lengths for the dot's tail)
    /// against the definitions in f64.
    #[test]
    fn every_path_matches_the_definition() {
        let n = 13;
        for (fan_in, fan_out) in [(2, 32), (32, 1), (3, 2), (19, 11), (4, 5), (9, 4)] {
            let x = numbers(n * fan_in, 1);
            let w = numbers(fan_out * fan_in, 2);
            let b = numbers(fan_out, 3);
            let delta = numbers(n * fan_out, 4);
            let layer = Dense {
                w: &w,
                b: &b,
                fan_in,
                fan_out,
            };
            let f = |v: f32| f64::from(v);
            let mut z = vec![0.0; n * fan_out];
            forward(&x, n, &layer, &mut z, &mut Vec::new());
            let expected: Vec<f64> = (0..n * fan_out)
                .map(|e| {
                    let (i, o) = (e / fan_out, e % fan_out);
                    f(b[o])
                        + (0..fan_in)
                            .map(|k| f(x[i * fan_in + k]) * f(w[o * fan_in + k]))
                            .sum::<f64>()
                })
                .collect();
            close(&z, &expected, &format!("z {fan_in}→{fan_out}"));

            let mut gw = vec![0.0; fan_out * fan_in];
            let mut gb = vec![0.0; fan_out];
            param_grad(&delta, &x, n, &layer, &mut gw, &mut gb);
            let expected: Vec<f64> = (0..fan_out * fan_in)
                .map(|e| {
                    let (o, k) = (e / fan_in, e % fan_in);
                    (0..n)
                        .map(|i| f(delta[i * fan_out + o]) * f(x[i * fan_in + k]))
                        .sum()
                })
                .collect();
            close(&gw, &expected, &format!("∂W {fan_in}→{fan_out}"));
            let expected: Vec<f64> = (0..fan_out)
                .map(|o| (0..n).map(|i| f(delta[i * fan_out + o])).sum())
                .collect();
            close(&gb, &expected, "∂b");

            let mut dx = vec![0.0; n * fan_in];
            input_grad(&delta, n, &layer, &mut dx);
            let expected: Vec<f64> = (0..n * fan_in)
                .map(|e| {
                    let (i, k) = (e / fan_in, e % fan_in);
                    (0..fan_out)
                        .map(|o| f(delta[i * fan_out + o]) * f(w[o * fan_in + k]))
                        .sum()
                })
                .collect();
            close(&dx, &expected, &format!("∂x {fan_in}→{fan_out}"));
        }
    }

    #[test]
    fn wrong_lengths_give_nan_not_a_panic() {
        let w = [1.0f32; 6];
        let b = [0.0f32; 3];
        let layer = Dense {
            w: &w,
            b: &b,
            fan_in: 2,
            fan_out: 3,
        };
        let mut z = vec![0.0; 6];
        forward(&[1.0; 3], 2, &layer, &mut z, &mut Vec::new());
        assert!(z.iter().all(|v| v.is_nan()));
        let mut dx = vec![0.0; 4];
        input_grad(&[1.0; 5], 2, &layer, &mut dx);
        assert!(dx.iter().all(|v| v.is_nan()));
        assert_eq!(dot(&[1.0; 11], &[2.0; 11]), 22.0);
    }
}
