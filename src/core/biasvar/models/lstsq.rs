//! Ridge and minimum-norm least squares (nalgebra).
//!
//! For a design A (n × p) and targets y, the solution of `min ‖Aw − y‖² + λ‖w‖²` is
//! `w = V diag(sᵢ / (sᵢ² + λ)) Uᵀ y` (SVD `A = U S Vᵀ`); with λ = 0 and singular values at
//! or below `max(n, p) · ε · s_max` dropped, it is the pseudo-inverse (minimum-norm)
//! solution `A⁺y`, which is what random-feature regression needs past the interpolation
//! threshold p = n and what keeps a rank-deficient fit finite.
//!
//! The SVD is the safe path but costs several times a Cholesky factorisation, and the lab
//! refits hundreds of models per slider move. So when λ > 0 proves the problem well
//! conditioned, the ridge normal equations are solved by Cholesky instead — in the primal
//! form `(AᵀA + λI) w = Aᵀy` when p ≤ n, in the dual form `(AAᵀ + λI) α = y, w = Aᵀα`
//! when p > n (the smaller Gram matrix either way). The proof: the Gram matrix G has
//! `λ_min ≥ λ` and `λ_max ≤ tr G = ‖A‖_F²`, so `cond G ≤ ‖A‖_F² / λ`; at or below
//! [`CHOLESKY_MAX_CONDITION`] the Cholesky solution is accurate to about
//! `cond · ε ≈ 10⁻⁶` relative, far below anything a plot shows. Otherwise (λ = 0, or a
//! ridge too small to help) the SVD path runs.

use nalgebra::{DMatrix, DVector};

use crate::core::product::{Lhs, Start, product};

/// The SVD's iteration budget per singular value; a healthy matrix needs a handful.
const SVD_ITERATIONS_PER_VALUE: usize = 200;

/// The largest proven condition number of the Gram matrix for which the Cholesky path is
/// taken.
pub const CHOLESKY_MAX_CONDITION: f64 = 1e10;

/// The ridge (λ > 0) or minimum-norm (λ = 0) least-squares weights for the design `a`
/// (n × p) and targets `y` (length n), or `None` when no path gives a finite result.
#[must_use]
pub fn ridge_lstsq(a: DMatrix<f64>, y: &[f64], ridge: f64) -> Option<Vec<f64>> {
    let (n, p) = a.shape();
    if n == 0 || p == 0 {
        return Some(vec![0.0; p]);
    }
    if ridge > 0.0
        && a.norm_squared() <= CHOLESKY_MAX_CONDITION * ridge
        && let Some(w) = ridge_cholesky(&a, y, ridge)
    {
        return Some(w);
    }
    ridge_svd(a, y, ridge)
}

/// The ridge solution by Cholesky of the smaller Gram matrix (primal for p ≤ n, dual for
/// p > n), or `None` if the factorisation fails or the result is not finite.
#[must_use]
pub fn ridge_cholesky(a: &DMatrix<f64>, y: &[f64], ridge: f64) -> Option<Vec<f64>> {
    let (n, p) = a.shape();
    let y = DVector::from_column_slice(y);
    let w = if p <= n {
        let mut gram = a.tr_mul(a);
        for i in 0..p {
            gram[(i, i)] += ridge;
        }
        gram.cholesky()?.solve(&a.tr_mul(&y))
    } else {
        // A·Aᵀ through basin's product (nalgebra's `*` would use a CPU-dependent kernel):
        // A's column-major storage read row-major is Aᵀ ([p, n]). The result is exactly
        // symmetric, so its layout does not matter.
        let mut gram = DMatrix::zeros(n, n);
        let data = a.as_slice();
        product(
            [n, n, p],
            Lhs::transposed(data, n),
            data,
            gram.as_mut_slice(),
            Start::Zero,
        );
        for i in 0..n {
            gram[(i, i)] += ridge;
        }
        a.tr_mul(&gram.cholesky()?.solve(&y))
    };
    w.iter()
        .all(|wj| wj.is_finite())
        .then(|| w.as_slice().to_vec())
}

/// The ridge or minimum-norm solution through the SVD, or `None` when the SVD does not
/// converge or the result is not finite.
#[must_use]
pub fn ridge_svd(a: DMatrix<f64>, y: &[f64], ridge: f64) -> Option<Vec<f64>> {
    let (n, p) = a.shape();
    if n == 0 || p == 0 {
        return Some(vec![0.0; p]);
    }
    let max_iterations = SVD_ITERATIONS_PER_VALUE * n.max(p);
    let svd = a.try_svd_unordered(true, true, f64::EPSILON, max_iterations)?;
    let u = svd.u.as_ref()?;
    let v_t = svd.v_t.as_ref()?;
    let s = &svd.singular_values;
    let s_max = s.iter().copied().fold(0.0_f64, f64::max);
    #[allow(clippy::cast_precision_loss)]
    let cutoff = n.max(p) as f64 * f64::EPSILON * s_max;
    let mut w = vec![0.0; p];
    for (i, &si) in s.iter().enumerate() {
        if si <= cutoff {
            continue;
        }
        let uty: f64 = (0..n).map(|row| u[(row, i)] * y[row]).sum();
        let coefficient = si / (si * si + ridge) * uty;
        for (j, wj) in w.iter_mut().enumerate() {
            *wj += coefficient * v_t[(i, j)];
        }
    }
    w.iter().all(|wj| wj.is_finite()).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_system_is_solved() {
        // y = 1 + 2t on three points.
        let a = DMatrix::from_row_slice(3, 2, &[1.0, -1.0, 1.0, 0.0, 1.0, 1.0]);
        let w = ridge_lstsq(a, &[-1.0, 1.0, 3.0], 0.0).expect("solvable");
        assert!(
            (w[0] - 1.0).abs() < 1e-12 && (w[1] - 2.0).abs() < 1e-12,
            "{w:?}"
        );
    }

    #[test]
    fn underdetermined_gives_minimum_norm() {
        // One equation w0 + w1 = 2: the minimum-norm solution is (1, 1).
        let a = DMatrix::from_row_slice(1, 2, &[1.0, 1.0]);
        let w = ridge_lstsq(a, &[2.0], 0.0).expect("solvable");
        assert!(
            (w[0] - 1.0).abs() < 1e-12 && (w[1] - 1.0).abs() < 1e-12,
            "{w:?}"
        );
    }

    #[test]
    fn ridge_shrinks_by_the_known_factor() {
        // A = I₂: w = y / (1 + λ).
        let a = DMatrix::identity(2, 2);
        let w = ridge_lstsq(a, &[3.0, -6.0], 2.0).expect("solvable");
        assert!(
            (w[0] - 1.0).abs() < 1e-12 && (w[1] + 2.0).abs() < 1e-12,
            "{w:?}"
        );
    }

    #[test]
    fn cholesky_paths_agree_with_the_svd() {
        // A tall (primal) and a wide (dual) random-ish design.
        for (n, p) in [(9, 4), (4, 9)] {
            let a = DMatrix::from_fn(n, p, |i, j| libm::sin((i * 7 + j * 3) as f64));
            let y: Vec<f64> = (0..n).map(|i| libm::cos(i as f64)).collect();
            let by_svd = ridge_svd(a.clone(), &y, 0.1).expect("svd");
            let by_cholesky = ridge_cholesky(&a, &y, 0.1).expect("cholesky");
            let via_front = ridge_lstsq(a, &y, 0.1).expect("solvable");
            for ((s, c), f) in by_svd.iter().zip(&by_cholesky).zip(&via_front) {
                assert!(
                    (s - c).abs() < 1e-12 && (c - f).abs() == 0.0,
                    "{n}×{p}: {s} vs {c}"
                );
            }
        }
    }

    #[test]
    fn duplicate_columns_stay_finite() {
        let a = DMatrix::from_row_slice(3, 2, &[1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
        let w = ridge_lstsq(a, &[1.0, 2.0, 3.0], 0.0).expect("solvable");
        assert!(
            (w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.5).abs() < 1e-12,
            "{w:?}"
        );
    }
}
