//! Polynomial least squares with ridge: complexity = degree d.
//!
//! Features are the Legendre polynomials P₀..P_d of t = 2x − 1, orthogonal on [−1, 1], so the
//! design is well conditioned for inputs spread over [0, 1] (monomials xᵏ are nearly
//! collinear by degree 8). The span, and so the unpenalised fit, is the same as with
//! monomials. Solved by [`super::lstsq::ridge_lstsq`]; the ridge penalises every coefficient,
//! P₀'s included.

use nalgebra::DMatrix;

use super::{Regressor, lstsq, mean};

/// Writes P₀(t)..P_d(t) into `out` (length d + 1) by Bonnet's recurrence
/// (k + 1)P_{k+1} = (2k + 1)t P_k − k P_{k−1}.
pub fn legendre(t: f64, out: &mut [f64]) {
    let Some(first) = out.first_mut() else {
        return;
    };
    *first = 1.0;
    if out.len() > 1 {
        out[1] = t;
    }
    for k in 1..out.len().saturating_sub(1) {
        #[allow(clippy::cast_precision_loss)]
        let kf = k as f64;
        out[k + 1] = ((2.0 * kf + 1.0) * t * out[k] - kf * out[k - 1]) / (kf + 1.0);
    }
}

/// A polynomial of fixed degree, fitted by ridge least squares.
#[derive(Clone, Debug)]
pub struct Polynomial {
    degree: usize,
    ridge: f64,
    /// Legendre coefficients, length degree + 1.
    coefficients: Vec<f64>,
    fell_back: bool,
}

impl Polynomial {
    /// An unfitted polynomial of `degree` with ridge penalty `ridge` (predicts 0).
    #[must_use]
    pub fn new(degree: usize, ridge: f64) -> Self {
        Self {
            degree,
            ridge,
            coefficients: vec![0.0; degree + 1],
            fell_back: false,
        }
    }

    /// The fitted Legendre coefficients (of P₀..P_d in t = 2x − 1).
    #[must_use]
    pub fn coefficients(&self) -> &[f64] {
        &self.coefficients
    }
}

impl Regressor for Polynomial {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        let p = self.degree + 1;
        let mut row = vec![0.0; p];
        let mut a = DMatrix::zeros(x.len(), p);
        for (i, &xi) in x.iter().enumerate() {
            legendre(2.0 * xi - 1.0, &mut row);
            for (j, &v) in row.iter().enumerate() {
                a[(i, j)] = v;
            }
        }
        match lstsq::ridge_lstsq(a, y, self.ridge) {
            Some(w) => {
                self.coefficients = w;
                self.fell_back = false;
            }
            None => {
                self.coefficients = vec![0.0; p];
                self.coefficients[0] = mean(y);
                self.fell_back = true;
            }
        }
    }

    fn predict(&self, x: f64) -> f64 {
        // Bonnet's recurrence on the fly, without a buffer.
        let t = 2.0 * x - 1.0;
        let (mut previous, mut current) = (0.0, 1.0);
        let mut sum = 0.0;
        for (k, c) in self.coefficients.iter().enumerate() {
            sum += c * current;
            #[allow(clippy::cast_precision_loss)]
            let kf = k as f64;
            let next = ((2.0 * kf + 1.0) * t * current - kf * previous) / (kf + 1.0);
            previous = current;
            current = next;
        }
        sum
    }

    fn fell_back(&self) -> bool {
        self.fell_back
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legendre_matches_closed_forms() {
        let mut p = [0.0; 4];
        let t = 0.3;
        legendre(t, &mut p);
        assert_eq!(p[0], 1.0);
        assert_eq!(p[1], t);
        assert!((p[2] - (3.0 * t * t - 1.0) / 2.0).abs() < 1e-15);
        assert!((p[3] - (5.0 * t * t * t - 3.0 * t) / 2.0).abs() < 1e-15);
    }

    #[test]
    fn recovers_a_cubic_exactly() {
        let f = |x: f64| 1.0 - 2.0 * x + 3.0 * x * x - 4.0 * x * x * x;
        let x: Vec<f64> = (0..10).map(|i| f64::from(i) / 9.0).collect();
        let y: Vec<f64> = x.iter().map(|&v| f(v)).collect();
        let mut model = Polynomial::new(3, 0.0);
        model.fit(&x, &y);
        for xi in [0.05, 0.5, 0.77] {
            assert!((model.predict(xi) - f(xi)).abs() < 1e-10);
        }
        assert!(!model.fell_back());
    }

    #[test]
    fn predict_matches_the_feature_row() {
        let model = Polynomial {
            degree: 4,
            ridge: 0.0,
            coefficients: vec![0.5, -1.0, 2.0, 0.25, -0.75],
            fell_back: false,
        };
        let mut row = [0.0; 5];
        for x in [0.0, 0.2, 0.9, 1.0] {
            legendre(2.0 * x - 1.0, &mut row);
            let expected: f64 = row
                .iter()
                .zip(&model.coefficients)
                .map(|(p, c)| p * c)
                .sum();
            assert!((model.predict(x) - expected).abs() < 1e-13);
        }
    }

    #[test]
    fn degree_zero_is_the_mean() {
        let mut model = Polynomial::new(0, 0.0);
        model.fit(&[0.1, 0.4, 0.9], &[1.0, 2.0, 6.0]);
        assert!((model.predict(0.3) - 3.0).abs() < 1e-12);
    }
}
