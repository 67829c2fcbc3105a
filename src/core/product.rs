//! basin's matrix product `C = start + A·B`, in f32 and f64, with one fixed order of
//! operations: every number it gives is the same bits on every CPU, at every vector width,
//! on 1 thread or many, and in the browser's WebAssembly build.
//!
//! Why not ndarray's `dot` or nalgebra's `*` (both `matrixmultiply`): that crate picks a
//! kernel by the CPU it runs on, and its AVX2 and AVX-512 kernels use fused multiply-adds
//! (one rounding where the others round twice), so a network trained on one machine, or in
//! the browser, drifted from the same preset on another in the last digits of its printed
//! numbers. And at the sizes basin's networks have (32 × 64 × 64) it spends about 40 % of its
//! time packing copies of the operands. Here each element is
//! `c[r, j] = (…((s[j] + a(r, 0)·b[0, j]) + a(r, 1)·b[1, j]) + …)`, a multiply then an add
//! for each `p` in order (no fused multiply-add); the tiles of outputs held in registers
//! (4 or 8 rows × up to 64 columns) only decide which elements are summed side by
//! side, never the order within one. The loops are plain Rust that the compiler vectorizes,
//! compiled once per instruction set ([`crate::core::simd`]).

use std::ops::{Add, Mul};

use ndarray::{Array2, ArrayView2};
use pulp::{Simd, WithSimd};

use crate::core::simd::vectorized;

/// The element types: f32 (the networks) and f64 (exact Hessians, PCA, least squares).
pub trait Element:
    Copy + Default + Send + Sync + Add<Output = Self> + Mul<Output = Self> + 'static
{
    /// Whether tiles 64 columns wide fit in the registers (four AVX-512 registers a row).
    const WIDE: bool;
    /// The longest sum taken in one pass over `B` (see [`products`]).
    const K_BLOCK: usize;
    /// Not a number (what [`transpose`] gives for a short source).
    const NAN: Self;

    /// [`transpose`]'s register-shuffle blocks where this type has them: returns how many
    /// leading rows and columns of `src` (`[rows, cols]`) it wrote into `dst`.
    fn transpose_blocks(
        _src: &[Self],
        _rows: usize,
        _cols: usize,
        _dst: &mut [Self],
    ) -> (usize, usize) {
        (0, 0)
    }
}

impl Element for f32 {
    const WIDE: bool = true;
    const K_BLOCK: usize = usize::MAX;
    const NAN: Self = f32::NAN;

    /// 8 × 8 blocks of AVX shuffles on x86-64 with AVX2.
    fn transpose_blocks(src: &[f32], rows: usize, cols: usize, dst: &mut [f32]) -> (usize, usize) {
        #[cfg(target_arch = "x86_64")]
        if let Some(v3) = pulp::x86::V3::try_new() {
            Simd::vectorize(
                v3,
                Blocks8 {
                    v3,
                    src,
                    rows,
                    cols,
                    dst,
                },
            );
            return (rows / 8 * 8, cols / 8 * 8);
        }
        let _ = (src, rows, cols, dst);
        (0, 0)
    }
}

/// f64 sums run in blocks of 64 terms: the exact Hessian-vector product's `δᵀ·a` over 250
/// samples (`[64, 64, 250]`, whose `B` of 125 KiB does not fit the first-level cache) took
/// 19.4 µs in one pass and 16.6 µs in blocks of 64, against 15.7 µs for the same
/// multiply-adds as `[250, 64, 64]`; blocks of 40 to 84 were alike.
impl Element for f64 {
    const WIDE: bool = false;
    const K_BLOCK: usize = 64;
    const NAN: Self = f64::NAN;
}

/// The left operand `A`, read in place: a row-major matrix, or the transpose of one.
#[derive(Clone, Copy, Debug)]
pub struct Lhs<'a, T> {
    /// The elements.
    data: &'a [T],
    /// The row length of `data`.
    width: usize,
    /// Whether `A` is `data` transposed: `a(r, p) = data[p·width + r]` rather than
    /// `data[r·width + p]`.
    transposed: bool,
}

impl<'a, T> Lhs<'a, T> {
    /// A row-major `[rows, width]` matrix.
    #[must_use]
    pub fn rows(data: &'a [T], width: usize) -> Self {
        Self {
            data,
            width,
            transposed: false,
        }
    }

    /// The transpose of a row-major `[rows, width]` matrix (so `A` is `[width, rows]`).
    #[must_use]
    pub fn transposed(data: &'a [T], width: usize) -> Self {
        Self {
            data,
            width,
            transposed: true,
        }
    }

    /// The length `data` needs for an `[m, k]` matrix `A`.
    fn needs(&self, m: usize, k: usize) -> usize {
        match (m, k, self.transposed) {
            (0, _, _) | (_, 0, _) => 0,
            (_, _, false) => (m - 1) * self.width + k,
            (_, _, true) => (k - 1) * self.width + m,
        }
    }

    /// `A` without its first `p0` columns (empty past the end).
    fn after_column(self, p0: usize) -> Self {
        let at = if self.transposed { p0 * self.width } else { p0 };
        Self {
            data: self.data.get(at..).unwrap_or_default(),
            ..self
        }
    }
}

/// What each row of `C` starts from before the products are added.
#[derive(Clone, Copy, Debug)]
pub enum Start<'a, T> {
    /// Zero.
    Zero,
    /// The same row for every row of `C` (a bias), length `n`.
    Row(&'a [T]),
    /// What `C` holds (so the product is added to it).
    Current,
}

/// `C = start + A·B` for `[m, n, k]`: `A` is `[m, k]` (read through [`Lhs`]), `B` is `[k, n]`
/// and `C` is `[m, n]`, both row-major. Returns false, leaving `C` untouched, when a slice is
/// too short for the shape.
pub fn product<T: Element>(
    [m, n, k]: [usize; 3],
    a: Lhs<'_, T>,
    b: &[T],
    c: &mut [T],
    start: Start<'_, T>,
) -> bool {
    let shape_ok = if a.transposed {
        a.width >= m
    } else {
        a.width >= k
    };
    let start_ok = match start {
        Start::Row(row) => row.len() >= n,
        Start::Zero | Start::Current => true,
    };
    if !shape_ok || a.data.len() < a.needs(m, k) || b.len() < k * n || c.len() < m * n || !start_ok
    {
        return false;
    }
    struct Op<'a, 'b, T>([usize; 3], Lhs<'a, T>, &'a [T], &'b mut [T], Start<'a, T>);
    impl<T: Element> WithSimd for Op<'_, '_, T> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            products(self.0, self.1, self.2, self.3, self.4);
        }
    }
    vectorized(Op([m, n, k], a, b, c, start));
    true
}

/// `A·B` of two ndarray matrices, through [`product`]. `A` is read in place when it is
/// row-major or the transpose of a row-major matrix, else copied; `B` is copied unless it is
/// row-major.
#[must_use]
pub fn matmul<T: Element>(a: ArrayView2<'_, T>, b: ArrayView2<'_, T>) -> Array2<T> {
    let (m, k) = a.dim();
    let n = b.ncols();
    assert_eq!(k, b.nrows(), "matmul: [{m}, {k}]·[{}, {n}]", b.nrows());
    let b = b.as_standard_layout();
    let copied;
    let lhs = if let Some(data) = a.to_slice() {
        Lhs::rows(data, k)
    } else if let Some(data) = a.reversed_axes().to_slice() {
        Lhs::transposed(data, m)
    } else {
        copied = a.as_standard_layout().into_owned();
        Lhs::rows(copied.as_slice().unwrap_or(&[]), k)
    };
    let mut c = Array2::default((m, n));
    if let (Some(bs), Some(cs)) = (b.as_slice(), c.as_slice_mut()) {
        product([m, n, k], lhs, bs, cs, Start::Zero);
    }
    c
}

/// [`product`]'s loops, inlined into each instruction set's copy. A sum longer than
/// [`Element::K_BLOCK`] terms runs as consecutive blocks of that many, each starting from
/// what the ones before left in `C` (so each element's sum is the same sequence of adds: the
/// running sum is stored and reloaded exactly), so the rows of `B` a block reads stay in the
/// first-level cache while every tile of `C` passes over them.
#[inline(always)]
fn products<T: Element>(
    [m, n, k]: [usize; 3],
    a: Lhs<'_, T>,
    b: &[T],
    c: &mut [T],
    start: Start<'_, T>,
) {
    let mut p0 = 0;
    loop {
        let len = (k - p0).min(T::K_BLOCK);
        let block_start = if p0 == 0 { start } else { Start::Current };
        let block_b = b.get(p0 * n..).unwrap_or_default();
        column_blocks([m, n, len], a.after_column(p0), block_b, c, block_start);
        p0 += len;
        if p0 >= k {
            break;
        }
    }
}

/// One pass of [`products`] over `k` terms: column blocks of 64 (f32 only), 32 and 16 (and 8
/// for f64), then the last few columns padded to a full block. Wide blocks take 4 rows at a
/// time, narrow ones 8 (so each column of `B` loaded is used by more rows).
#[inline(always)]
fn column_blocks<T: Element>(
    [m, n, k]: [usize; 3],
    a: Lhs<'_, T>,
    b: &[T],
    c: &mut [T],
    start: Start<'_, T>,
) {
    let block = |j0| Block {
        j0,
        n,
        k,
        a,
        b,
        start,
    };
    let mut j0 = 0;
    while n - j0 >= 16 {
        j0 += match n - j0 {
            64.. if T::WIDE => block(j0).rows::<4, 64>(m, c),
            32.. => block(j0).rows::<4, 32>(m, c),
            _ => block(j0).rows::<8, 16>(m, c),
        };
    }
    if !T::WIDE && n - j0 == 8 {
        j0 += block(j0).rows::<8, 8>(m, c);
    }
    if j0 < n {
        // f64: 9 to 15 last columns as one padded block 16 wide rather than a block of 8 and
        // a padded one (the digits network's 10 outputs: `[250, 10, 64]` 6.6 → 5.1 µs).
        if T::WIDE || n - j0 > 8 {
            edge::<T, 16>([m, n, k], j0, a, b, c, start);
        } else {
            edge::<T, 8>([m, n, k], j0, a, b, c, start);
        }
    }
}

/// `dst = srcᵀ`: `src` is `[rows, cols]` row-major, `dst` becomes `[cols, rows]` (resized).
/// Only data moves, so every path gives the same result: f32 on x86-64 with AVX2 in 8 × 8
/// blocks of register shuffles (a plain loop here reads one column at a time and cost 0.8 µs
/// for a 64 × 64 weight, as much as the product it serves), everything else and the edges in
/// a loop.
pub fn transpose<T: Element>(src: &[T], rows: usize, cols: usize, dst: &mut Vec<T>) {
    dst.resize(rows * cols, T::default());
    if src.len() < rows * cols {
        dst.fill(T::NAN);
        return;
    }
    let done = T::transpose_blocks(src, rows, cols, dst);
    // What the blocks left: the last rows % 8 rows, and the last cols % 8 columns.
    for r in 0..rows {
        let from = if r < done.0 { done.1 } else { 0 };
        for c in from..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}

/// [`transpose`]'s 8 × 8 blocks with AVX shuffles.
#[cfg(target_arch = "x86_64")]
struct Blocks8<'a> {
    v3: pulp::x86::V3,
    src: &'a [f32],
    rows: usize,
    cols: usize,
    dst: &'a mut [f32],
}

#[cfg(target_arch = "x86_64")]
impl WithSimd for Blocks8<'_> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        use std::arch::x86_64::__m256;
        let Self {
            v3,
            src,
            rows,
            cols,
            dst,
        } = self;
        let avx = v3.avx;
        if rows < 8 || cols < 8 {
            return;
        }
        // Eight rows of `src` at a time, sliced once (the loads then check nothing but the
        // block's columns): a third of the time of indexing `src` per load.
        for (rb, block) in src[..rows / 8 * 8 * cols]
            .chunks_exact(8 * cols)
            .enumerate()
        {
            let r0 = rb * 8;
            let s: [&[f32]; 8] = std::array::from_fn(|i| &block[i * cols..(i + 1) * cols]);
            let mut c0 = 0;
            while c0 + 8 <= cols {
                let r: [__m256; 8] = std::array::from_fn(|i| {
                    let row: [f32; 8] = s[i][c0..c0 + 8].try_into().unwrap_or([0.0; 8]);
                    pulp::bytemuck::cast(row)
                });
                let t0 = avx._mm256_unpacklo_ps(r[0], r[1]);
                let t1 = avx._mm256_unpackhi_ps(r[0], r[1]);
                let t2 = avx._mm256_unpacklo_ps(r[2], r[3]);
                let t3 = avx._mm256_unpackhi_ps(r[2], r[3]);
                let t4 = avx._mm256_unpacklo_ps(r[4], r[5]);
                let t5 = avx._mm256_unpackhi_ps(r[4], r[5]);
                let t6 = avx._mm256_unpacklo_ps(r[6], r[7]);
                let t7 = avx._mm256_unpackhi_ps(r[6], r[7]);
                let u = [
                    avx._mm256_shuffle_ps::<0x44>(t0, t2),
                    avx._mm256_shuffle_ps::<0xEE>(t0, t2),
                    avx._mm256_shuffle_ps::<0x44>(t1, t3),
                    avx._mm256_shuffle_ps::<0xEE>(t1, t3),
                    avx._mm256_shuffle_ps::<0x44>(t4, t6),
                    avx._mm256_shuffle_ps::<0xEE>(t4, t6),
                    avx._mm256_shuffle_ps::<0x44>(t5, t7),
                    avx._mm256_shuffle_ps::<0xEE>(t5, t7),
                ];
                // Column c0 + j of `src` is row c0 + j of `dst`.
                let out: [__m256; 8] = std::array::from_fn(|j| {
                    if j < 4 {
                        avx._mm256_permute2f128_ps::<0x20>(u[j], u[j + 4])
                    } else {
                        avx._mm256_permute2f128_ps::<0x31>(u[j - 4], u[j])
                    }
                });
                for (j, v) in out.iter().enumerate() {
                    let at = (c0 + j) * rows + r0;
                    if let Some(d) = dst.get_mut(at..at + 8) {
                        d.copy_from_slice(&pulp::bytemuck::cast::<__m256, [f32; 8]>(*v));
                    }
                }
                c0 += 8;
            }
        }
    }
}

/// The last `n − j0 < W` columns of [`products`]: computed as a block `W` wide, from copies
/// of those columns of `B`, the start and `C` padded with zeros, then written back (lanes
/// side by side are faster than a column at a time, and each element's sum is the same).
#[inline(always)]
fn edge<T: Element, const W: usize>(
    [m, n, k]: [usize; 3],
    j0: usize,
    a: Lhs<'_, T>,
    b: &[T],
    c: &mut [T],
    start: Start<'_, T>,
) {
    let width = n - j0;
    let pad = |rows: usize, from: &[T]| {
        let mut out = vec![T::default(); rows * W];
        for (o, row) in out.chunks_exact_mut(W).zip(from.chunks(n)) {
            o[..width].copy_from_slice(&row[j0..]);
        }
        out
    };
    let b_pad = pad(k, b);
    let row_pad;
    let mut c_pad = match start {
        Start::Current => pad(m, c),
        Start::Zero | Start::Row(_) => vec![T::default(); m * W],
    };
    let start_pad = match start {
        Start::Row(row) => {
            row_pad = pad(1, row);
            Start::Row(&row_pad[..])
        }
        Start::Zero => Start::Zero,
        Start::Current => Start::Current,
    };
    let block = Block {
        j0: 0,
        n: W,
        k,
        a,
        b: &b_pad,
        start: start_pad,
    };
    block.rows::<8, W>(m, &mut c_pad);
    for (row, padded) in c.chunks_exact_mut(n).zip(c_pad.chunks_exact(W)) {
        row[j0..].copy_from_slice(&padded[..width]);
    }
}

/// One column block of [`products`]: its first column `j0`, the row length `n` of `B` and
/// `C`, the sum's length `k`, and the operands.
#[derive(Clone, Copy)]
struct Block<'a, T> {
    j0: usize,
    n: usize,
    k: usize,
    a: Lhs<'a, T>,
    b: &'a [T],
    start: Start<'a, T>,
}

impl<T: Element> Block<'_, T> {
    /// Columns `j0..j0 + W` of every row of `C`, `R` rows at a time (then 4, then 1);
    /// returns `W`.
    #[inline(always)]
    fn rows<const R: usize, const W: usize>(self, m: usize, c: &mut [T]) -> usize {
        let mut r0 = 0;
        while r0 + R <= m {
            self.tile::<R, W>(r0, c);
            r0 += R;
        }
        while R > 4 && r0 + 4 <= m {
            self.tile::<4, W>(r0, c);
            r0 += 4;
        }
        for r in r0..m {
            self.tile::<1, W>(r, c);
        }
        W
    }

    /// Rows `r0..r0 + R`, columns `j0..j0 + W` of `C`, summed in registers.
    #[inline(always)]
    fn tile<const R: usize, const W: usize>(self, r0: usize, c: &mut [T]) {
        let Self {
            j0,
            n,
            k,
            a,
            b,
            start,
        } = self;
        let mut acc = [[T::default(); W]; R];
        for (r, acc) in acc.iter_mut().enumerate() {
            match start {
                Start::Zero => {}
                Start::Row(row) => acc.copy_from_slice(&row[j0..j0 + W]),
                Start::Current => acc.copy_from_slice(&c[(r0 + r) * n + j0..][..W]),
            }
        }
        // One bounds check per row of A (or per step p), none in the sums.
        let add = |acc: &mut [T; W], av: T, bv: &[T; W]| {
            for (s, &bv) in acc.iter_mut().zip(bv) {
                *s = *s + av * bv;
            }
        };
        let b_row = |p: usize| {
            let mut bv = [T::default(); W];
            bv.copy_from_slice(&b[p * n + j0..][..W]);
            bv
        };
        if a.transposed {
            for p in 0..k {
                let bv = b_row(p);
                for (acc, &av) in acc.iter_mut().zip(&a.data[p * a.width + r0..][..R]) {
                    add(acc, av, &bv);
                }
            }
        } else {
            // The tile's rows of A as one slice (`std::array::from_fn` over R row slices was
            // not inlined here).
            let width = a.width;
            let rows = a
                .data
                .get(r0 * width..(r0 + R - 1) * width + k)
                .unwrap_or_default();
            for p in 0..k {
                let bv = b_row(p);
                for (r, acc) in acc.iter_mut().enumerate() {
                    add(acc, rows[r * width + p], &bv);
                }
            }
        }
        for (r, acc) in acc.iter().enumerate() {
            c[(r0 + r) * n + j0..][..W].copy_from_slice(acc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic test numbers in [−1, 1) (multiples of 1/1024, so short sums are exact).
    fn numbers(len: usize, salt: u64) -> Vec<f64> {
        (0..len as u64)
            .map(|i| {
                let h = i.wrapping_mul(2_654_435_761).wrapping_add(salt * 40_503) % 2048;
                h as f64 / 1024.0 - 1.0
            })
            .collect()
    }

    /// Every block width and the single rows and columns at the edges, each start, the
    /// transposed left operand: against the definition, in the definition's order (so the
    /// f64 results must be the same bits).
    #[test]
    fn every_tile_gives_the_definition_in_its_order() {
        for (m, n, k) in [
            (13, 125, 9),
            (4, 64, 1),
            (1, 1, 1),
            (7, 3, 70),
            (9, 200, 5),
            (5, 20, 150),
        ] {
            let a = numbers(m * k, 1);
            let b = numbers(k * n, 2);
            let s = numbers(n, 3);
            let c0 = numbers(m * n, 4);
            let want = |r: usize, j: usize, from: f64| {
                (0..k).fold(from, |acc, p| acc + a[r * k + p] * b[p * n + j])
            };
            let mut c = c0.clone();
            assert!(product(
                [m, n, k],
                Lhs::rows(&a, k),
                &b,
                &mut c,
                Start::Row(&s)
            ));
            let mut current = c0.clone();
            assert!(product(
                [m, n, k],
                Lhs::rows(&a, k),
                &b,
                &mut current,
                Start::Current
            ));
            // Aᵀ stored row-major as [k, m].
            let at: Vec<f64> = (0..k * m).map(|e| a[(e % m) * k + e / m]).collect();
            let mut zero = vec![f64::NAN; m * n];
            assert!(product(
                [m, n, k],
                Lhs::transposed(&at, m),
                &b,
                &mut zero,
                Start::Zero
            ));
            for r in 0..m {
                for (j, &sj) in s.iter().enumerate() {
                    let e = r * n + j;
                    assert_eq!(c[e].to_bits(), want(r, j, sj).to_bits(), "row start {e}");
                    assert_eq!(current[e].to_bits(), want(r, j, c0[e]).to_bits(), "{e}");
                    assert_eq!(zero[e].to_bits(), want(r, j, 0.0).to_bits(), "zero {e}");
                }
            }
            // f32 through its 64-wide tiles: the same order, so the same bits as a scalar
            // loop in f32.
            let f = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
            let (a32, b32) = (f(&a), f(&b));
            let mut c32 = vec![0.0f32; m * n];
            assert!(product(
                [m, n, k],
                Lhs::rows(&a32, k),
                &b32,
                &mut c32,
                Start::Zero
            ));
            for r in 0..m {
                for j in 0..n {
                    let w = (0..k).fold(0.0f32, |acc, p| acc + a32[r * k + p] * b32[p * n + j]);
                    assert_eq!(c32[r * n + j].to_bits(), w.to_bits(), "f32 {r},{j}");
                }
            }
        }
    }

    #[test]
    fn transpose_moves_every_element() {
        for (rows, cols) in [
            (64, 64),
            (10, 64),
            (64, 10),
            (13, 21),
            (8, 8),
            (1, 5),
            (0, 3),
        ] {
            let src: Vec<f32> = (0..rows * cols).map(|i| i as f32).collect();
            let mut dst = vec![-1.0; 7];
            transpose(&src, rows, cols, &mut dst);
            assert_eq!(dst.len(), rows * cols);
            for r in 0..rows {
                for c in 0..cols {
                    assert_eq!(
                        dst[c * rows + r],
                        src[r * cols + c],
                        "{rows}×{cols} at {r},{c}"
                    );
                }
            }
        }
    }

    #[test]
    fn short_slices_are_refused_and_matmul_reads_views() {
        let mut c = vec![7.0f32; 4];
        assert!(!product(
            [2, 2, 2],
            Lhs::rows(&[1.0; 3], 2),
            &[1.0; 4],
            &mut c,
            Start::Zero
        ));
        assert!(!product(
            [2, 2, 2],
            Lhs::rows(&[1.0; 4], 2),
            &[1.0; 4],
            &mut c,
            Start::Row(&[0.0])
        ));
        assert_eq!(c, vec![7.0; 4]);
        // An empty sum: C is its start.
        let mut empty = vec![7.0f32; 6];
        assert!(product(
            [3, 2, 0],
            Lhs::rows(&[], 0),
            &[],
            &mut empty,
            Start::Row(&[1.0, 2.0])
        ));
        assert_eq!(empty, vec![1.0, 2.0, 1.0, 2.0, 1.0, 2.0]);
        let x = ndarray::array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        assert_eq!(
            matmul(x.view(), x.t()),
            ndarray::array![[14.0, 32.0], [32.0, 77.0]]
        );
        assert_eq!(
            matmul(x.t(), x.view()),
            ndarray::array![[17.0, 22.0, 27.0], [22.0, 29.0, 36.0], [27.0, 36.0, 45.0]]
        );
        // A view with a step between its columns is copied first.
        let every_other = x.slice(ndarray::s![.., ..;2]);
        assert_eq!(
            matmul(every_other, ndarray::array![[1.0], [1.0]].view()),
            ndarray::array![[4.0], [10.0]]
        );
    }
}
