//! k-nearest-neighbour regression: the mean of the targets of the k training inputs nearest
//! to x. Complexity = k (plotted as 1/k: k = 1 interpolates, k = n is the global mean). Ties
//! in distance go to the earlier training point, so predictions are deterministic; with
//! fewer than k training points all of them are used.

use super::Regressor;

/// A k-NN regressor (it stores the training set).
#[derive(Clone, Debug)]
pub struct Knn {
    k: usize,
    /// Training points sorted by x.
    points: Vec<(f64, f64)>,
}

impl Knn {
    /// An unfitted k-NN model with `k` ≥ 1 neighbours (predicts 0).
    #[must_use]
    pub fn new(k: usize) -> Self {
        Self {
            k: k.max(1),
            points: Vec::new(),
        }
    }
}

impl Regressor for Knn {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        self.points = x.iter().copied().zip(y.iter().copied()).collect();
        // Stable sort: equal x keep their training order.
        self.points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }

    fn predict(&self, x: f64) -> f64 {
        let n = self.points.len();
        if n == 0 {
            return 0.0;
        }
        let k = self.k.min(n);
        // The k nearest of points sorted by x form a contiguous window: grow it from the
        // insertion point, taking the closer side each time (the left one on a tie).
        let mut right = self.points.partition_point(|p| p.0 < x);
        let mut left = right;
        while right - left < k {
            let take_left = match (left.checked_sub(1), right < n) {
                (Some(l), true) => x - self.points[l].0 <= self.points[right].0 - x,
                (Some(_), false) => true,
                (None, _) => false,
            };
            if take_left {
                left -= 1;
            } else {
                right += 1;
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let k = k as f64;
        self.points[left..right].iter().map(|p| p.1).sum::<f64>() / k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_neighbour_interpolates_and_k_equal_n_is_the_mean() {
        let x = [0.9, 0.1, 0.5, 0.3];
        let y = [4.0, 1.0, 3.0, 2.0];
        let mut one = Knn::new(1);
        one.fit(&x, &y);
        for (xi, yi) in x.iter().zip(&y) {
            assert_eq!(one.predict(*xi), *yi);
        }
        assert_eq!(one.predict(0.42), 3.0);
        let mut all = Knn::new(4);
        all.fit(&x, &y);
        assert_eq!(all.predict(0.0), 2.5);
    }

    #[test]
    fn two_neighbours_pick_the_closest_pair() {
        let mut model = Knn::new(2);
        model.fit(&[0.0, 0.2, 0.3, 1.0], &[10.0, 20.0, 30.0, 40.0]);
        // Nearest to 0.26 are 0.3 and 0.2.
        assert_eq!(model.predict(0.26), 25.0);
        // Nearest to 0.95 are 1.0 and 0.3.
        assert_eq!(model.predict(0.95), 35.0);
    }
}
