//! The `BatchNorm1d` kernels of the MLP, in f32 on row-major `[n, width]` slices, with
//! PyTorch's semantics:
//!
//! - training mode: each chunk of rows (a ghost batch, [`chunks`]) is normalized with its own
//!   mean and *biased* variance, `x̂ = (z − μ) / √(σ² + eps)`, `u = γ·x̂ + β`, eps =
//!   [`BN_EPS`]; the running statistics are updated once per chunk, in order, with momentum
//!   [`BN_MOMENTUM`] from the chunk's mean and its *unbiased* variance
//!   (`r ← (1 − m)·r + m·s`), as `torch.cat([bn(c) for c in z.split(g)])` does;
//! - eval mode: the running statistics take the place of the chunk's.
//!
//! Statistics are summed in f64 (two passes: mean, then squared deviations), the
//! normalization runs in f32 like the rest of the network. The backward pass in training
//! mode differentiates through the chunk statistics:
//! `∂z = γ·s/m · (m·∂u − Σ∂u − x̂·Σ(∂u·x̂))` per chunk of m rows, with `s = 1/√(σ² + eps)`;
//! in eval mode `∂z = γ·s·∂u`. Both give `∂γ = Σ ∂u·x̂`, `∂β = Σ ∂u` over all rows.

use std::ops::Range;

pub use super::architecture::{BN_EPS, BN_MOMENTUM};

/// The row ranges of the ghost batches of `n` rows with chunk size `chunk`: consecutive
/// chunks of `chunk` rows; a remainder of one row joins the chunk before it (statistics over
/// one example are undefined). A `chunk` of 0 or ≥ `n` gives one chunk.
#[must_use]
pub fn chunks(n: usize, chunk: usize) -> Vec<Range<usize>> {
    if chunk == 0 || chunk >= n {
        return std::iter::once(0..n).collect();
    }
    let mut ranges: Vec<Range<usize>> = (0..n)
        .step_by(chunk)
        .map(|s| s..(s + chunk).min(n))
        .collect();
    if ranges.len() > 1
        && ranges.last().is_some_and(|r| r.len() < 2)
        && let Some(tail) = ranges.pop()
        && let Some(prev) = ranges.last_mut()
    {
        prev.end = tail.end;
    }
    ranges
}

/// Where the statistics of a forward pass come from.
#[derive(Debug)]
pub enum Stats<'a> {
    /// Eval mode: this layer's running mean and running variance (`width` each).
    Running {
        /// Running mean.
        mean: &'a [f64],
        /// Running variance.
        var: &'a [f64],
    },
    /// Training mode: the statistics of each chunk of rows; with `running` (mean then
    /// variance, `2·width`), updates them.
    Batch {
        /// The ghost batches' row ranges ([`chunks`]).
        chunks: &'a [Range<usize>],
        /// The running statistics to update, if any.
        running: Option<&'a mut [f64]>,
    },
}

/// One BN layer's forward pass over `z` (`[n, width]`): writes `xhat`, `u = γ·x̂ + β` and
/// `inv_std` (`1/√(σ² + eps)` per chunk and feature, `[chunks, width]`; one row in eval
/// mode).
#[allow(clippy::too_many_arguments)]
pub fn forward(
    z: &[f32],
    width: usize,
    gamma: &[f32],
    beta: &[f32],
    stats: Stats<'_>,
    xhat: &mut Vec<f32>,
    u: &mut Vec<f32>,
    inv_std: &mut Vec<f32>,
) {
    xhat.resize(z.len(), 0.0);
    u.resize(z.len(), 0.0);
    match stats {
        Stats::Running { mean, var } => {
            inv_std.clear();
            inv_std.extend(var.iter().map(|&v| (1.0 / (v + BN_EPS).sqrt()) as f32));
            let mean32: Vec<f32> = mean.iter().map(|&m| m as f32).collect();
            normalize_rows(z, width, &mean32, inv_std, gamma, beta, xhat, u);
        }
        Stats::Batch {
            chunks,
            mut running,
        } => {
            inv_std.clear();
            for range in chunks {
                let rows = &z[range.start * width..range.end * width];
                let m = range.len();
                let mut mean = vec![0.0f64; width];
                for row in rows.chunks_exact(width) {
                    for (s, &v) in mean.iter_mut().zip(row) {
                        *s += f64::from(v);
                    }
                }
                for s in &mut mean {
                    *s /= m as f64;
                }
                let mut ss = vec![0.0f64; width];
                for row in rows.chunks_exact(width) {
                    for ((s, &v), &mu) in ss.iter_mut().zip(row).zip(&mean) {
                        let d = f64::from(v) - mu;
                        *s += d * d;
                    }
                }
                let start = inv_std.len();
                inv_std.extend(
                    ss.iter()
                        .map(|&s| (1.0 / (s / m as f64 + BN_EPS).sqrt()) as f32),
                );
                if let Some(running) = running.as_deref_mut()
                    && m > 1
                {
                    let (rm, rv) = running.split_at_mut(width);
                    for j in 0..width {
                        rm[j] = (1.0 - BN_MOMENTUM) * rm[j] + BN_MOMENTUM * mean[j];
                        let unbiased = ss[j] / (m - 1) as f64;
                        rv[j] = (1.0 - BN_MOMENTUM) * rv[j] + BN_MOMENTUM * unbiased;
                    }
                }
                let mean32: Vec<f32> = mean.iter().map(|&v| v as f32).collect();
                let lo = range.start * width;
                let hi = range.end * width;
                normalize_rows(
                    rows,
                    width,
                    &mean32,
                    &inv_std[start..start + width],
                    gamma,
                    beta,
                    &mut xhat[lo..hi],
                    &mut u[lo..hi],
                );
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn normalize_rows(
    z: &[f32],
    width: usize,
    mean: &[f32],
    inv_std: &[f32],
    gamma: &[f32],
    beta: &[f32],
    xhat: &mut [f32],
    u: &mut [f32],
) {
    for ((zr, xr), ur) in z
        .chunks_exact(width)
        .zip(xhat.chunks_exact_mut(width))
        .zip(u.chunks_exact_mut(width))
    {
        for j in 0..width {
            let x = (zr[j] - mean[j]) * inv_std[j];
            xr[j] = x;
            ur[j] = gamma[j] * x + beta[j];
        }
    }
}

/// One BN layer's backward pass: `d` holds `∂L/∂u` (`[n, width]`) and is overwritten with
/// `∂L/∂z`; adds `∂γ` and `∂β` into `dgamma`, `dbeta`. `chunks` is None in eval mode (then
/// `inv_std` has one row), else the chunks of the forward pass.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    d: &mut [f32],
    xhat: &[f32],
    inv_std: &[f32],
    width: usize,
    gamma: &[f32],
    chunks: Option<&[Range<usize>]>,
    dgamma: &mut [f32],
    dbeta: &mut [f32],
) {
    // ∂γ, ∂β over all rows (summed in f64 for accuracy, then cast).
    let mut sg = vec![0.0f64; width];
    let mut sb = vec![0.0f64; width];
    for (dr, xr) in d.chunks_exact(width).zip(xhat.chunks_exact(width)) {
        for j in 0..width {
            sg[j] += f64::from(dr[j]) * f64::from(xr[j]);
            sb[j] += f64::from(dr[j]);
        }
    }
    for j in 0..width {
        dgamma[j] += sg[j] as f32;
        dbeta[j] += sb[j] as f32;
    }
    match chunks {
        None => {
            for dr in d.chunks_exact_mut(width) {
                for j in 0..width {
                    dr[j] *= gamma[j] * inv_std[j];
                }
            }
        }
        Some(chunks) => {
            for (c, range) in chunks.iter().enumerate() {
                let lo = range.start * width;
                let hi = range.end * width;
                let m = range.len() as f64;
                let mut s_d = vec![0.0f64; width];
                let mut s_dx = vec![0.0f64; width];
                for (dr, xr) in d[lo..hi]
                    .chunks_exact(width)
                    .zip(xhat[lo..hi].chunks_exact(width))
                {
                    for j in 0..width {
                        s_d[j] += f64::from(dr[j]);
                        s_dx[j] += f64::from(dr[j]) * f64::from(xr[j]);
                    }
                }
                let mean_d: Vec<f32> = s_d.iter().map(|&s| (s / m) as f32).collect();
                let mean_dx: Vec<f32> = s_dx.iter().map(|&s| (s / m) as f32).collect();
                let scale: Vec<f32> = (0..width)
                    .map(|j| gamma[j] * inv_std[c * width + j])
                    .collect();
                for (dr, xr) in d[lo..hi]
                    .chunks_exact_mut(width)
                    .zip(xhat[lo..hi].chunks_exact(width))
                {
                    for j in 0..width {
                        dr[j] = scale[j] * (dr[j] - mean_d[j] - xr[j] * mean_dx[j]);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_and_merge_a_single_row_remainder() {
        let whole: Vec<Range<usize>> = std::iter::once(0..8).collect();
        assert_eq!(chunks(8, 0), whole);
        assert_eq!(chunks(8, 8), whole);
        assert_eq!(chunks(8, 20), whole);
        assert_eq!(chunks(8, 4), vec![0..4, 4..8]);
        assert_eq!(chunks(10, 4), vec![0..4, 4..8, 8..10]);
        assert_eq!(chunks(9, 4), vec![0..4, 4..9]);
    }

    #[test]
    fn training_forward_normalizes_each_chunk_and_updates_running_stats() {
        // Two features, four rows, chunks of two.
        let z = [1.0f32, 10.0, 3.0, 10.0, -2.0, 0.0, 2.0, 4.0];
        let ranges = chunks(4, 2);
        let mut running = vec![0.0, 0.0, 1.0, 1.0];
        let (mut xhat, mut u, mut inv) = (Vec::new(), Vec::new(), Vec::new());
        forward(
            &z,
            2,
            &[2.0, 1.0],
            &[0.5, 0.0],
            Stats::Batch {
                chunks: &ranges,
                running: Some(&mut running),
            },
            &mut xhat,
            &mut u,
            &mut inv,
        );
        // Chunk 1, feature 0: mean 2, biased var 1 → x̂ = ∓1/√(1 + 1e-5).
        let s = 1.0 / (1.0f64 + 1e-5).sqrt();
        assert!((f64::from(xhat[0]) + s).abs() < 1e-6);
        assert!((f64::from(u[0]) - (0.5 - 2.0 * s)).abs() < 1e-6);
        // Feature 1 of chunk 1 is constant: x̂ = 0.
        assert_eq!(xhat[1], 0.0);
        // Running mean of feature 0: 0.9·(0.9·0 + 0.1·2) + 0.1·0 = 0.18.
        assert!((running[0] - 0.18).abs() < 1e-12);
        // Running var of feature 0: unbiased 2 then 8: 0.9·(0.9 + 0.2) + 0.8 = 1.79.
        assert!((running[2] - 1.79).abs() < 1e-12);
    }
}
