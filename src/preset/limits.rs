//! Every range a preset value must lie in: what validation enforces (naming the key and the
//! range when a value is outside) and what the window's sliders and clamps respect, so a value
//! set by hand can always be saved and loaded again. One place for all of them: the surface
//! problem's, the network problem's and the sweeps' here, the bias–variance model's in
//! [`biasvar`] (they live in `core::biasvar::config`, which validates itself).

use std::ops::RangeInclusive;

use crate::core::network::{architecture, data, file_data};

pub use crate::core::biasvar::config::limits as biasvar;

/// Training samples N of a toy problem.
pub const SAMPLES: RangeInclusive<usize> = 1..=65_536;
/// Test samples M of a toy problem.
pub const TEST_SAMPLES: RangeInclusive<usize> = 1..=65_536;
/// Shift spread σ of a toy problem.
pub const NOISE: RangeInclusive<f64> = 0.0..=10.0;
/// Training steps.
pub const STEPS: RangeInclusive<usize> = 1..=100_000;
/// Runs in one experiment.
pub const RUNS: RangeInclusive<usize> = 1..=16;
/// Landscape grid side.
pub const RESOLUTION: RangeInclusive<usize> = 8..=crate::core::landscape::MAX_RESOLUTION;
/// Quadratic condition number κ.
pub const CONDITION: RangeInclusive<f64> = 1.0..=1.0e6;
/// Gradient-noise τ of a run (larger values only produce divergence).
pub const GRAD_NOISE: RangeInclusive<f64> = 0.0..=1.0e3;

/// Training or test samples of a network dataset.
pub const NETWORK_SAMPLES: RangeInclusive<usize> = 1..=data::MAX_SAMPLES;
/// Training images of the digits (the rest, at least 10, are the test set).
pub const DIGITS_TRAIN: RangeInclusive<usize> = 10..=crate::core::network::digits::COUNT - 10;
/// Input noise of a network dataset.
pub const INPUT_NOISE: RangeInclusive<f64> = 0.0..=10.0;
/// Label noise of a network dataset: beyond one half the labels mean their opposite.
pub const LABEL_NOISE: RangeInclusive<f64> = 0.0..=0.5;
/// Classes of a network dataset that takes a class count.
pub const CLASSES: RangeInclusive<usize> = 2..=data::MAX_CLASSES;
/// Rows of a data file (`dataset = "file"`); more are refused.
pub const DATA_ROWS: RangeInclusive<usize> = 1..=file_data::MAX_ROWS;
/// Feature columns of a data file; more are refused.
pub const DATA_FEATURES: RangeInclusive<usize> = 1..=file_data::MAX_FEATURES;
/// Classes of a classification data file; more are refused.
pub const DATA_CLASSES: RangeInclusive<usize> = 2..=file_data::MAX_CLASSES;
/// Width of one hidden layer.
pub const WIDTH: RangeInclusive<usize> = 1..=architecture::MAX_WIDTH;
/// Hidden layers of a network (the output layer makes one more).
pub const HIDDEN_LAYERS: RangeInclusive<usize> = 0..=architecture::MAX_LAYERS - 1;

/// BatchNorm's ghost-batch size G (`problem.bn_batch_size`, `sweep.bn_batch_sizes`, the
/// labs' BN-batch sliders): PyTorch refuses statistics over one example; at most a batch.
pub const BN_BATCH: RangeInclusive<usize> = 2..=data::MAX_SAMPLES;
/// Entries in one `[sweep]` list (batch sizes, learning rates, seeds).
pub const SWEEP_AXIS: RangeInclusive<usize> = 1..=64;
/// Epochs of one sweep cell.
pub const SWEEP_EPOCHS: RangeInclusive<usize> = 1..=10_000;
/// The largest learning rate a sweep may list (the smallest must be above 0).
pub const SWEEP_LR_MAX: f64 = 1e3;

/// `value` brought into `range` (for the window's edits: a slider or a typed value never
/// leaves what a preset accepts).
#[must_use]
pub fn clamp<T: PartialOrd + Copy>(value: T, range: RangeInclusive<T>) -> T {
    let (lo, hi) = range.into_inner();
    if value < lo {
        lo
    } else if value > hi {
        hi
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_keeps_values_inside_and_brings_others_to_the_ends() {
        assert_eq!(clamp(0.7, LABEL_NOISE), 0.5);
        assert_eq!(clamp(-1.0, LABEL_NOISE), 0.0);
        assert_eq!(clamp(0.2, LABEL_NOISE), 0.2);
        assert_eq!(clamp(0, CLASSES), 2);
    }

    #[test]
    fn network_limits_follow_the_core_maxima() {
        assert_eq!(*NETWORK_SAMPLES.end(), data::MAX_SAMPLES);
        assert_eq!(*DATA_ROWS.end(), 1_000_000);
        assert_eq!(*DATA_FEATURES.end(), architecture::MAX_INPUTS);
        assert_eq!(*DATA_CLASSES.end(), 100);
        assert_eq!(*HIDDEN_LAYERS.end() + 1, architecture::MAX_LAYERS);
        assert!(RESOLUTION.contains(&101) && !RESOLUTION.contains(&7));
        assert!(LABEL_NOISE.contains(&0.5) && !LABEL_NOISE.contains(&0.51));
    }
}
