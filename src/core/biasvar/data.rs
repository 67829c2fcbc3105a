//! Seeded data for the bias–variance lab: training sets drawn from the population, bootstrap
//! resamples of one set (with their out-of-bag share), k-fold splits, fresh test noise.
//!
//! Every draw comes from `crate::core::rng::rng_for(seed, stream)` with a stream id built
//! from a kind ([`streams`]) and an index (the repeat r, the bag member b, …), so each training
//! set, resample or noise vector is a pure function of (config, index): the numbers do not
//! depend on which thread fits which repeat, nor on the complexity being fitted (every
//! complexity sees the same R training sets: common random numbers keep the curves smooth).
//!
//! Pure numerics: no threads, no egui, no files.

use rand::RngExt as _;
use rand_distr::{Distribution as _, StandardNormal};

use super::config::{BiasVarianceConfig, Evaluation, Inputs, Resampling};
use crate::core::rng::{Rng, rng_for};

/// Stream kinds of the bias–variance lab. The stream id of kind `K` and index `i` is
/// `K << 32 | i`, far from the ids of the other labs (`crate::core::rng::stream`).
pub mod streams {
    /// The inputs and noise of training set r (fresh mode).
    pub const TRAINING_SET: u64 = 0xB0;
    /// The one drawn set of bootstrap mode (index 0).
    pub const ORIGINAL_SET: u64 = 0xB1;
    /// The bootstrap resample of repeat r (bootstrap mode).
    pub const RESAMPLE: u64 = 0xB2;
    /// The fixed inputs shared by every training set (index 0).
    pub const FIXED_INPUTS: u64 = 0xB3;
    /// The fresh test noise of repeat r.
    pub const TEST_NOISE: u64 = 0xB4;
    /// The model's own randomness (MLP init, random features) of repeat r.
    pub const MODEL: u64 = 0xB5;
    /// The fold assignment of the cross-validation (index 0).
    pub const FOLDS: u64 = 0xB6;
    /// The bootstrap resamples of the bagged ensemble of set r: index `r · 2¹⁶ + b`.
    pub const BAG: u64 = 0xB7;
    /// The model randomness of bag member b of set r: index `r · 2¹⁶ + b`.
    pub const BAG_MODEL: u64 = 0xB8;
    /// The model randomness of the fit on fold f of the cross-validation.
    pub const CV_MODEL: u64 = 0xB9;
}

/// The generator of stream `kind`, index `index`, of the experiment seeded with `seed`.
#[must_use]
pub fn stream_rng(seed: u64, kind: u64, index: u64) -> Rng {
    rng_for(seed, (kind << 32) | (index & 0xFFFF_FFFF))
}

/// The index of bag member `b` of set `r` in the [`streams::BAG`] and [`streams::BAG_MODEL`]
/// streams.
#[must_use]
pub fn bag_index(r: usize, b: usize) -> u64 {
    ((r as u64) << 16) | (b as u64 & 0xFFFF)
}

/// A seed for a model's own randomness, drawn from stream `kind`, index `index`.
#[must_use]
pub fn model_seed(seed: u64, kind: u64, index: u64) -> u64 {
    stream_rng(seed, kind, index).random()
}

/// A regression dataset: inputs x ∈ [0, 1] and noisy targets y = f(x) + ε.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainingSet {
    /// Inputs, length n.
    pub x: Vec<f64>,
    /// Targets, length n.
    pub y: Vec<f64>,
}

impl TrainingSet {
    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// Whether the set has no points.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The points at `indices` (repeats allowed), in that order.
    #[must_use]
    pub fn select(&self, indices: &[usize]) -> Self {
        Self {
            x: indices.iter().map(|&i| self.x[i]).collect(),
            y: indices.iter().map(|&i| self.y[i]).collect(),
        }
    }
}

/// n inputs drawn uniformly from [0, 1].
fn uniform_inputs(n: usize, rng: &mut Rng) -> Vec<f64> {
    (0..n).map(|_| rng.random::<f64>()).collect()
}

/// Targets `f(x) + σ·z` with z ~ N(0, 1) from `rng`.
fn noisy_targets(config: &BiasVarianceConfig, x: &[f64], rng: &mut Rng) -> Vec<f64> {
    x.iter()
        .map(|&xi| {
            let z: f64 = StandardNormal.sample(rng);
            config.truth.eval(xi) + config.noise * z
        })
        .collect()
}

/// The training inputs shared by every set when `config.inputs` is [`Inputs::Fixed`].
#[must_use]
pub fn fixed_inputs(config: &BiasVarianceConfig) -> Vec<f64> {
    uniform_inputs(
        config.n_train,
        &mut stream_rng(config.seed, streams::FIXED_INPUTS, 0),
    )
}

/// Fresh training set r: n points from the population (x ~ U[0, 1], or the fixed inputs),
/// y = f(x) + σz.
#[must_use]
pub fn fresh_set(config: &BiasVarianceConfig, r: usize) -> TrainingSet {
    draw_set(
        config,
        &mut stream_rng(config.seed, streams::TRAINING_SET, r as u64),
    )
}

/// The one drawn set that bootstrap mode resamples.
#[must_use]
pub fn original_set(config: &BiasVarianceConfig) -> TrainingSet {
    draw_set(
        config,
        &mut stream_rng(config.seed, streams::ORIGINAL_SET, 0),
    )
}

/// n points from the population (x ~ U[0, 1], or the fixed inputs), y = f(x) + σz, drawn
/// from `rng`.
fn draw_set(config: &BiasVarianceConfig, rng: &mut Rng) -> TrainingSet {
    let x = match config.inputs {
        Inputs::Random => uniform_inputs(config.n_train, rng),
        Inputs::Fixed => fixed_inputs(config),
    };
    let y = noisy_targets(config, &x, rng);
    TrainingSet { x, y }
}

/// n indices drawn uniformly with replacement from 0..n.
#[must_use]
pub fn bootstrap_indices(n: usize, rng: &mut Rng) -> Vec<usize> {
    (0..n).map(|_| rng.random_range(0..n)).collect()
}

/// The share of 0..n that `indices` never picks: each point is out of bag with probability
/// (1 − 1/n)ⁿ → e⁻¹ ≈ 0.368.
#[must_use]
pub fn out_of_bag_share(n: usize, indices: &[usize]) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let mut picked = vec![false; n];
    for &i in indices {
        if let Some(p) = picked.get_mut(i) {
            *p = true;
        }
    }
    let out = picked.iter().filter(|&&p| !p).count();
    #[allow(clippy::cast_precision_loss)]
    let share = out as f64 / n as f64;
    share
}

/// The training set of repeat r, and its out-of-bag share in bootstrap mode: fresh set r, or
/// bootstrap resample r of the original set.
#[must_use]
pub fn training_set(config: &BiasVarianceConfig, r: usize) -> (TrainingSet, Option<f64>) {
    match config.resampling {
        Resampling::Fresh => (fresh_set(config, r), None),
        Resampling::Bootstrap => {
            let original = original_set(config);
            let mut rng = stream_rng(config.seed, streams::RESAMPLE, r as u64);
            let indices = bootstrap_indices(original.len(), &mut rng);
            let share = out_of_bag_share(original.len(), &indices);
            (original.select(&indices), Some(share))
        }
    }
}

/// The set that cross-validation and bagging start from for repeat r: fresh set r, or the
/// original set in bootstrap mode (bagging a bootstrap resample would bootstrap twice).
#[must_use]
pub fn base_set(config: &BiasVarianceConfig, r: usize) -> TrainingSet {
    match config.resampling {
        Resampling::Fresh => fresh_set(config, r),
        Resampling::Bootstrap => original_set(config),
    }
}

/// k folds of 0..n: a seeded shuffle cut into k contiguous blocks whose sizes differ by at
/// most one. Each index lies in exactly one fold; fold i is the validation set of split i.
#[must_use]
pub fn kfold_splits(n: usize, k: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let k = k.clamp(1, n.max(1));
    let mut order: Vec<usize> = (0..n).collect();
    // Fisher–Yates with our own generator (portable across rand versions).
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        order.swap(i, j);
    }
    (0..k)
        .map(|f| order[f * n / k..(f + 1) * n / k].to_vec())
        .collect()
}

/// The complement of `fold` in 0..n, in increasing order.
#[must_use]
pub fn complement(n: usize, fold: &[usize]) -> Vec<usize> {
    let mut held_out = vec![false; n];
    for &i in fold {
        if let Some(h) = held_out.get_mut(i) {
            *h = true;
        }
    }
    (0..n).filter(|&i| !held_out[i]).collect()
}

/// The points where bias², variance and test MSE are measured: the midpoint grid, or the
/// shared training inputs in increasing order ([`Evaluation::TrainingInputs`]).
#[must_use]
pub fn evaluation_points(config: &BiasVarianceConfig) -> Vec<f64> {
    match config.evaluate_at {
        Evaluation::Grid => config.test_grid(),
        Evaluation::TrainingInputs => {
            let mut x = fixed_inputs(config);
            x.sort_by(f64::total_cmp);
            x
        }
    }
}

/// Fresh test noise for repeat r: one σz for each of `points` evaluation points.
#[must_use]
pub fn test_noise(config: &BiasVarianceConfig, r: usize, points: usize) -> Vec<f64> {
    let mut rng = stream_rng(config.seed, streams::TEST_NOISE, r as u64);
    (0..points)
        .map(|_| {
            let z: f64 = StandardNormal.sample(&mut rng);
            config.noise * z
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_reproducible_and_distinct() {
        let config = BiasVarianceConfig::default();
        let a = fresh_set(&config, 3);
        assert_eq!(a, fresh_set(&config, 3));
        assert_ne!(a, fresh_set(&config, 4));
        assert_eq!(a.len(), config.n_train);
        assert!(a.x.iter().all(|x| (0.0..1.0).contains(x)));
    }

    #[test]
    fn fixed_inputs_share_x_not_noise() {
        let config = BiasVarianceConfig {
            inputs: Inputs::Fixed,
            ..BiasVarianceConfig::default()
        };
        let a = fresh_set(&config, 0);
        let b = fresh_set(&config, 1);
        assert_eq!(a.x, b.x);
        assert_ne!(a.y, b.y);
    }

    #[test]
    fn noiseless_targets_are_the_truth() {
        let config = BiasVarianceConfig {
            noise: 0.0,
            ..BiasVarianceConfig::default()
        };
        let set = fresh_set(&config, 0);
        for (x, y) in set.x.iter().zip(&set.y) {
            assert_eq!(*y, config.truth.eval(*x));
        }
    }

    #[test]
    fn bootstrap_resamples_the_original_points() {
        let config = BiasVarianceConfig {
            resampling: Resampling::Bootstrap,
            ..BiasVarianceConfig::default()
        };
        let original = original_set(&config);
        let (resample, share) = training_set(&config, 2);
        assert_eq!(resample.len(), original.len());
        for (x, y) in resample.x.iter().zip(&resample.y) {
            let i = original
                .x
                .iter()
                .position(|o| o == x)
                .expect("resampled point");
            assert_eq!(original.y[i], *y);
        }
        let share = share.expect("bootstrap reports its out-of-bag share");
        assert!(share > 0.0 && share < 1.0);
    }

    #[test]
    fn folds_partition_and_balance() {
        let mut rng = stream_rng(1, streams::FOLDS, 0);
        let folds = kfold_splits(23, 5, &mut rng);
        assert_eq!(folds.len(), 5);
        let mut all: Vec<usize> = folds.concat();
        all.sort_unstable();
        assert_eq!(all, (0..23).collect::<Vec<_>>());
        assert!(folds.iter().all(|f| f.len() == 4 || f.len() == 5));
        let rest = complement(23, &folds[0]);
        assert_eq!(rest.len() + folds[0].len(), 23);
        assert!(rest.iter().all(|i| !folds[0].contains(i)));
    }
}
