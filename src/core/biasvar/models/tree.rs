//! Regression trees (CART on squared error) and gradient boosting of shallow trees.
//!
//! With one input, every node of a tree holds a contiguous run of the training points sorted
//! by x, so a tree is grown on the sorted points with prefix sums: the best split of a run is
//! the cut between two distinct neighbouring x that maximises `S_L²/n_L + S_R²/n_R` (S the sum
//! of the targets), i.e. minimises the summed squared error of the two halves. The threshold
//! is the midpoint of the cut. Growth stops at the depth limit, at a single point, when all
//! x are equal, or when no cut lowers the squared error. Leaves predict their mean.
//!
//! Boosting (ESL §10.10, squared loss): `F₀ = mean y`, then each round fits a depth-limited
//! tree h_m to the residuals `y − F_{m−1}(x)` and adds `ν·h_m`. Bias falls round by round;
//! with many rounds the ensemble chases the noise.

use super::{Regressor, mean};

/// A node of a [`RegressionTree`].
#[derive(Clone, Copy, Debug, PartialEq)]
enum Node {
    /// A leaf predicting this value.
    Leaf(f64),
    /// x < threshold goes to `left`, else to `right` (indices into the node list).
    Split {
        threshold: f64,
        left: usize,
        right: usize,
    },
}

/// A CART regression tree of limited depth (depth 0 is one leaf: the mean).
#[derive(Clone, Debug)]
pub struct RegressionTree {
    max_depth: usize,
    /// Node 0 is the root.
    nodes: Vec<Node>,
}

/// Sorts the points by x (stably) and returns (x sorted, y in the same order).
fn sorted_by_x(x: &[f64], y: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mut order: Vec<usize> = (0..x.len().min(y.len())).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    (
        order.iter().map(|&i| x[i]).collect(),
        order.iter().map(|&i| y[i]).collect(),
    )
}

impl RegressionTree {
    /// An unfitted tree of at most `max_depth` levels of splits (predicts 0).
    #[must_use]
    pub fn new(max_depth: usize) -> Self {
        Self {
            max_depth,
            nodes: vec![Node::Leaf(0.0)],
        }
    }

    /// Grows the tree on points already sorted by x (`y` in the same order).
    pub fn fit_sorted(&mut self, x_sorted: &[f64], y: &[f64]) {
        self.nodes.clear();
        if x_sorted.is_empty() {
            self.nodes.push(Node::Leaf(0.0));
            return;
        }
        // prefix[i] = sum of y[..i].
        let mut prefix = Vec::with_capacity(y.len() + 1);
        prefix.push(0.0);
        let mut acc = 0.0;
        for &v in y {
            acc += v;
            prefix.push(acc);
        }
        self.grow(x_sorted, y, &prefix, 0, x_sorted.len(), 0);
    }

    /// Appends the subtree of the run `lo..hi` at `depth` and returns its node index.
    fn grow(
        &mut self,
        x: &[f64],
        y: &[f64],
        prefix: &[f64],
        lo: usize,
        hi: usize,
        depth: usize,
    ) -> usize {
        let index = self.nodes.len();
        // Summed directly, not as a difference of prefix sums, so a one-point leaf predicts
        // its target exactly (and a fully grown tree has training error exactly 0).
        let run_mean = mean(&y[lo..hi]);
        self.nodes.push(Node::Leaf(run_mean));
        if depth >= self.max_depth || hi - lo < 2 {
            return index;
        }
        let total = prefix[hi] - prefix[lo];
        #[allow(clippy::cast_precision_loss)]
        let parent_score = total * total / (hi - lo) as f64;
        let mut best: Option<(usize, f64)> = None;
        for cut in lo + 1..hi {
            if x[cut - 1] >= x[cut] {
                continue; // equal x cannot be separated
            }
            let left = prefix[cut] - prefix[lo];
            let right = total - left;
            #[allow(clippy::cast_precision_loss)]
            let score = left * left / (cut - lo) as f64 + right * right / (hi - cut) as f64;
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((cut, score));
            }
        }
        let Some((cut, score)) = best else {
            return index;
        };
        // The squared-error reduction is score − parent_score ≥ 0; stop when it is only
        // rounding noise.
        if score - parent_score <= 1e-12 * parent_score.abs().max(1e-300) {
            return index;
        }
        let threshold = 0.5 * (x[cut - 1] + x[cut]);
        let left = self.grow(x, y, prefix, lo, cut, depth + 1);
        let right = self.grow(x, y, prefix, cut, hi, depth + 1);
        self.nodes[index] = Node::Split {
            threshold,
            left,
            right,
        };
        index
    }

    /// Number of leaves.
    #[must_use]
    pub fn leaves(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, Node::Leaf(_)))
            .count()
    }
}

impl Regressor for RegressionTree {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        let (xs, ys) = sorted_by_x(x, y);
        self.fit_sorted(&xs, &ys);
    }

    fn predict(&self, x: f64) -> f64 {
        let mut i = 0;
        loop {
            match self.nodes.get(i) {
                Some(Node::Leaf(v)) => return *v,
                Some(Node::Split {
                    threshold,
                    left,
                    right,
                }) => i = if x < *threshold { *left } else { *right },
                None => return 0.0,
            }
        }
    }
}

/// Gradient boosting of depth-limited regression trees with shrinkage ν.
#[derive(Clone, Debug)]
pub struct Boosting {
    rounds: usize,
    shrinkage: f64,
    tree_depth: usize,
    /// F₀, the mean of the training targets.
    base: f64,
    trees: Vec<RegressionTree>,
}

impl Boosting {
    /// An unfitted booster of `rounds` trees of depth `tree_depth`, each added with weight
    /// `shrinkage` (predicts 0).
    #[must_use]
    pub fn new(rounds: usize, shrinkage: f64, tree_depth: usize) -> Self {
        Self {
            rounds,
            shrinkage,
            tree_depth,
            base: 0.0,
            trees: Vec::new(),
        }
    }
}

impl Regressor for Boosting {
    fn fit(&mut self, x: &[f64], y: &[f64]) {
        let (xs, ys) = sorted_by_x(x, y);
        self.base = mean(&ys);
        self.trees.clear();
        let mut fitted = vec![self.base; ys.len()];
        let mut residual = vec![0.0; ys.len()];
        for _ in 0..self.rounds {
            for ((r, yi), fi) in residual.iter_mut().zip(&ys).zip(&fitted) {
                *r = yi - fi;
            }
            let mut tree = RegressionTree::new(self.tree_depth);
            tree.fit_sorted(&xs, &residual);
            for (fi, &xi) in fitted.iter_mut().zip(&xs) {
                *fi += self.shrinkage * tree.predict(xi);
            }
            self.trees.push(tree);
        }
    }

    fn predict(&self, x: f64) -> f64 {
        self.base + self.shrinkage * self.trees.iter().map(|t| t.predict(x)).sum::<f64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::biasvar::models::mse;

    #[test]
    fn one_split_finds_the_step() {
        let x = [0.1, 0.2, 0.3, 0.6, 0.7, 0.8];
        let y = [1.0, 1.0, 1.0, 5.0, 5.0, 5.0];
        let mut tree = RegressionTree::new(1);
        tree.fit(&x, &y);
        assert_eq!(tree.leaves(), 2);
        assert_eq!(tree.predict(0.0), 1.0);
        assert_eq!(tree.predict(0.44), 1.0);
        assert_eq!(tree.predict(0.46), 5.0);
    }

    #[test]
    fn depth_zero_is_the_mean_and_deep_trees_interpolate() {
        let x = [0.5, 0.1, 0.9, 0.3, 0.7];
        let y = [3.0, -1.0, 2.0, 0.5, 7.0];
        let mut stump = RegressionTree::new(0);
        stump.fit(&x, &y);
        assert!((stump.predict(0.2) - 2.3).abs() < 1e-12);
        let mut deep = RegressionTree::new(10);
        deep.fit(&x, &y);
        assert_eq!(mse(&deep, &x, &y), 0.0);
        assert_eq!(deep.leaves(), 5);
    }

    #[test]
    fn equal_inputs_are_never_split() {
        let mut tree = RegressionTree::new(5);
        tree.fit(&[0.5, 0.5, 0.5], &[1.0, 2.0, 3.0]);
        assert_eq!(tree.leaves(), 1);
        assert_eq!(tree.predict(0.5), 2.0);
    }

    #[test]
    fn boosting_training_error_falls_with_rounds() {
        let x: Vec<f64> = (0..40).map(|i| f64::from(i) / 40.0).collect();
        let y: Vec<f64> = x.iter().map(|&v| libm::sin(6.0 * v)).collect();
        let mut last = f64::INFINITY;
        for rounds in [0, 5, 20, 80] {
            let mut model = Boosting::new(rounds, 0.1, 2);
            model.fit(&x, &y);
            let err = mse(&model, &x, &y);
            assert!(err < last, "rounds {rounds}: {err} !< {last}");
            last = err;
        }
    }
}
