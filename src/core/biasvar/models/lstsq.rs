//! Ridge and minimum-norm least squares through the SVD (nalgebra).
//!
//! For a design A (n × p) and targets y, the solution of `min ‖Aw − y‖² + λ‖w‖²` is
//! `w = V diag(sᵢ / (sᵢ² + λ)) Uᵀ y`; with λ = 0 and singular values at or below
//! `max(n, p) · ε · s_max` dropped, it is the pseudo-inverse (minimum-norm) solution
//! `A⁺y`, which is what random-feature regression needs past the interpolation threshold
//! p = n and what keeps a rank-deficient polynomial fit finite. The SVD costs more than a
//! Cholesky of AᵀA but does not square the condition number, and n and p here are small.

use nalgebra::DMatrix;

/// The SVD's iteration budget per singular value; a healthy matrix needs a handful.
const SVD_ITERATIONS_PER_VALUE: usize = 200;

/// The ridge (λ > 0) or minimum-norm (λ = 0) least-squares weights for the design `a`
/// (n × p) and targets `y` (length n), or `None` when the SVD does not converge or the
/// result is not finite.
#[must_use]
pub fn ridge_lstsq(a: DMatrix<f64>, y: &[f64], ridge: f64) -> Option<Vec<f64>> {
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
    fn duplicate_columns_stay_finite() {
        let a = DMatrix::from_row_slice(3, 2, &[1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
        let w = ridge_lstsq(a, &[1.0, 2.0, 3.0], 0.0).expect("solvable");
        assert!(
            (w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.5).abs() < 1e-12,
            "{w:?}"
        );
    }
}
