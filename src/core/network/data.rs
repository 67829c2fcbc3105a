//! Seeded datasets for the Network lab: five 2-D classification sets (moons, circles,
//! spirals, xor, gaussian blobs with k classes) and a 1-D regression set (noisy sine), each
//! with a training set and a separate test set drawn from the same distribution; and one real
//! set, the 8×8 handwritten digits ([`super::digits`]: 64 inputs, 10 classes), whose 1,797
//! images are split by the seed into `n_train` training images and the rest for testing
//! (`n_test` is not used).
//!
//! Every draw comes from ChaCha8 via [`crate::core::rng::rng_for`]: the training set from
//! stream [`TRAIN_SET`](super::stream::TRAIN_SET), the test set from
//! [`TEST_SET`](super::stream::TEST_SET), so a set is a pure function of (spec, seed) and
//! changing `n_test` never changes the training points.
//!
//! Shapes: `x` is `Array2<f32>` of shape `[n, 2]` (`[n, 1]` for the sine), `y` is
//! `Array1<f32>` of length `n`: 0.0/1.0 for binary sets, the class index `0.0..k` for blobs,
//! the target value for the sine. Classes are balanced: point `i` has clean class `i mod k`.
//!
//! And a person's own data ([`DatasetKind::File`], [`super::file_data`]): a CSV or NPY table
//! loaded by the preset layer and carried in the spec, split by the seed like the digits (or
//! by a test file of its own).
//!
//! Noise: `noise` is the standard deviation of Gaussian noise added to the inputs (for the
//! sine, to the targets: there the input is the thing we choose); `label_noise` is the
//! fraction of labels flipped to another class (exactly `round(label_noise · n)` of them), on
//! the test set too, since it is part of the distribution. The regression set ignores it.

use std::f64::consts::PI;
use std::sync::Arc;

use ndarray::{Array1, Array2};
use rand::RngExt as _;
use rand::seq::SliceRandom as _;
use rand_distr::{Distribution as _, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::core::rng::{Rng, rng_for};

use super::file_data::FileData;
use super::{digits, stream};

/// The default number of training images of the digits (the rest are for testing).
pub const DIGITS_TRAIN_DEFAULT: usize = 1_000;

/// The largest training or test set accepted.
pub const MAX_SAMPLES: usize = 1_000_000;
/// The most classes a blobs set may have.
pub const MAX_CLASSES: usize = 16;
/// Standard deviation of each gaussian blob before input noise.
pub const BLOB_STD: f64 = 0.25;
/// Turns of each spiral arm from the centre to radius 1.
pub const SPIRAL_TURNS: f64 = 1.75;

/// Which dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DatasetKind {
    /// Two interleaving half circles (sklearn's `make_moons`), centred on the origin.
    #[default]
    Moons,
    /// A circle of radius 1 (class 0) around a circle of radius 0.5 (class 1).
    Circles,
    /// Two spiral arms, 1.75 turns each, half a turn apart (TensorFlow Playground's).
    Spirals,
    /// Uniform on [−1, 1]²; class 1 where x·y > 0.
    Xor,
    /// k gaussian blobs (σ = 0.25) centred on the unit circle.
    Blobs,
    /// y = sin(πx) for x uniform on [−1, 1]: regression.
    Sine,
    /// The 8×8 handwritten digits (real data; pixels/16, 10 classes).
    Digits,
    /// A person's own table (CSV or NPY), carried in [`DatasetSpec::file`]; not in
    /// [`DatasetKind::EVERY`], since it is not picked from a list but loaded from a preset.
    File,
}

impl DatasetKind {
    /// Every generated dataset, in menu order: [`DatasetKind::EVERY`] without the real
    /// [`DatasetKind::Digits`], its last.
    pub const ALL: [Self; 6] = *Self::EVERY.first_chunk().unwrap();

    /// The preset name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Moons => "moons",
            Self::Circles => "circles",
            Self::Spirals => "spirals",
            Self::Xor => "xor",
            Self::Blobs => "blobs",
            Self::Sine => "sine",
            Self::Digits => "digits",
            Self::File => "file",
        }
    }

    /// Every dataset, the generated ones first, then the real one.
    pub const EVERY: [Self; 7] = [
        Self::Moons,
        Self::Circles,
        Self::Spirals,
        Self::Xor,
        Self::Blobs,
        Self::Sine,
        Self::Digits,
    ];

    /// Parses a preset name (`"file"` included).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::EVERY
            .into_iter()
            .chain([Self::File])
            .find(|k| k.name() == name)
    }

    /// The learning task of this dataset with `classes` classes (used by blobs only; a
    /// file's task is its data's, [`DatasetSpec::task`]: here a multiclass guess).
    #[must_use]
    pub fn task(self, classes: usize) -> Task {
        match self {
            Self::Moons | Self::Circles | Self::Spirals | Self::Xor => Task::Binary,
            Self::Blobs | Self::File => Task::Multiclass { classes },
            Self::Sine => Task::Regression,
            Self::Digits => Task::Multiclass {
                classes: digits::CLASSES,
            },
        }
    }

    /// Input dimension: 2, 1 for the sine, 64 for the digits; a file's is its data's
    /// ([`DatasetSpec::input_dim`]), 0 here.
    #[must_use]
    pub fn input_dim(self) -> usize {
        match self {
            Self::Sine => 1,
            Self::Digits => digits::PIXELS,
            Self::File => 0,
            _ => 2,
        }
    }

    /// Whether the dataset is the shipped real set (a fixed set of samples split by the
    /// seed) rather than generated; a person's file is neither ([`DatasetKind::File`]).
    #[must_use]
    pub fn is_real(self) -> bool {
        self == Self::Digits
    }
}

/// What the targets mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Task {
    /// Labels 0/1; one output logit; BCE with logits.
    Binary,
    /// Labels 0..k; k output logits; cross-entropy.
    Multiclass {
        /// k ≥ 2.
        classes: usize,
    },
    /// Real targets; one output; MSE.
    Regression,
}

impl Task {
    /// Number of network outputs the task needs.
    #[must_use]
    pub fn outputs(self) -> usize {
        match self {
            Self::Binary | Self::Regression => 1,
            Self::Multiclass { classes } => classes,
        }
    }

    /// Number of classes (None for regression).
    #[must_use]
    pub fn classes(self) -> Option<usize> {
        match self {
            Self::Binary => Some(2),
            Self::Multiclass { classes } => Some(classes),
            Self::Regression => None,
        }
    }
}

/// Samples and their targets.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Split {
    /// Inputs, shape `[n, input_dim]`.
    pub x: Array2<f32>,
    /// Targets, length `n` (labels as exact small floats, or values).
    pub y: Array1<f32>,
}

impl Split {
    /// Number of samples.
    #[must_use]
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are no samples.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// An empty split with `input_dim` columns (e.g. a model given without test data).
    #[must_use]
    pub fn empty(input_dim: usize) -> Self {
        Self {
            x: Array2::zeros((0, input_dim)),
            y: Array1::zeros(0),
        }
    }
}

/// A generated dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Which generator made it.
    pub kind: DatasetKind,
    /// What the targets mean.
    pub task: Task,
    /// The training set.
    pub train: Split,
    /// The held-out test set.
    pub test: Split,
}

/// A dataset that cannot be generated, naming the field and the allowed range.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum DataError {
    /// A sample count outside `allowed`.
    #[error("{field} = {value} is out of range (allowed {min}..={max})")]
    Count {
        /// `n_train`, `n_test` or `classes`.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        field: crate::core::wire::Name,
        /// What was asked for.
        value: usize,
        /// Smallest allowed.
        min: usize,
        /// Largest allowed.
        max: usize,
    },
    /// `kind = File` without its data, or data without `kind = File`.
    #[error("dataset \"file\" needs its table (and only it carries one)")]
    MissingFile,
    /// A noise level outside its range.
    #[error("{field} = {value} is out of range (allowed {range})")]
    Noise {
        /// `noise` or `label_noise`.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        field: crate::core::wire::Name,
        /// What was asked for.
        value: f64,
        /// The allowed range, in words.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        range: crate::core::wire::Name,
    },
}

/// Everything that defines a dataset (cheap to clone: a file's table is shared).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetSpec {
    /// Which generator.
    pub kind: DatasetKind,
    /// Training samples (1..=[`MAX_SAMPLES`]).
    pub n_train: usize,
    /// Test samples (0..=[`MAX_SAMPLES`]).
    pub n_test: usize,
    /// Standard deviation of the input noise (target noise for the sine), ≥ 0.
    pub noise: f64,
    /// Fraction of flipped labels, in [0, 1] (ignored for the sine).
    pub label_noise: f64,
    /// Number of classes of the blobs (2..=[`MAX_CLASSES`]); the binary sets ignore it.
    pub classes: usize,
    /// The experiment seed.
    pub seed: u64,
    /// A person's table, for [`DatasetKind::File`] (None for every other kind).
    #[serde(skip)]
    pub file: Option<Arc<FileData>>,
}

impl DatasetSpec {
    /// `kind` with `n_train` and `n_test` samples, no noise, 3 blobs, seed 0.
    #[must_use]
    pub fn new(kind: DatasetKind, n_train: usize, n_test: usize) -> Self {
        Self {
            kind,
            n_train,
            n_test,
            noise: 0.0,
            label_noise: 0.0,
            classes: 3,
            seed: 0,
            file: None,
        }
    }

    /// A spec of a person's table: its sizes, task and classes come from the data.
    #[must_use]
    pub fn from_file(data: FileData, seed: u64) -> Self {
        let (n_train, n_test) = data.sizes();
        Self {
            classes: data.task.classes().unwrap_or(2),
            seed,
            file: Some(Arc::new(data)),
            ..Self::new(DatasetKind::File, n_train, n_test)
        }
    }

    /// Input dimension: the kind's, or the file's feature count.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        match &self.file {
            Some(f) => f.input_dim(),
            None => self.kind.input_dim(),
        }
    }

    /// The number of classes this spec actually generates (2 for the binary sets).
    #[must_use]
    pub fn class_count(&self) -> usize {
        match self.kind {
            DatasetKind::Blobs => self.classes,
            DatasetKind::Digits => digits::CLASSES,
            DatasetKind::File => self.task().classes().unwrap_or(1),
            _ => 2,
        }
    }

    /// The learning task.
    #[must_use]
    pub fn task(&self) -> Task {
        match &self.file {
            Some(f) => f.task,
            None => self.kind.task(self.classes),
        }
    }

    /// Checks every field against its range.
    ///
    /// # Errors
    /// The first field out of range.
    pub fn validate(&self) -> Result<(), DataError> {
        let count = |field, value, min, max| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(DataError::Count {
                    field,
                    value,
                    min,
                    max,
                })
            }
        };
        if (self.kind == DatasetKind::File) != self.file.is_some() {
            return Err(DataError::MissingFile);
        }
        if self.kind == DatasetKind::File {
            // The sizes are the data's.
        } else if self.kind == DatasetKind::Digits {
            // At least one image of every class can be in each split.
            count("n_train", self.n_train, 10, digits::COUNT - 10)?;
        } else {
            count("n_train", self.n_train, 1, MAX_SAMPLES)?;
            count("n_test", self.n_test, 0, MAX_SAMPLES)?;
        }
        if self.kind == DatasetKind::Blobs {
            count("classes", self.classes, 2, MAX_CLASSES)?;
        }
        if !(self.noise.is_finite() && self.noise >= 0.0) {
            return Err(DataError::Noise {
                field: "noise",
                value: self.noise,
                range: "a finite number ≥ 0",
            });
        }
        if !(0.0..=1.0).contains(&self.label_noise) {
            return Err(DataError::Noise {
                field: "label_noise",
                value: self.label_noise,
                range: "0 to 1",
            });
        }
        Ok(())
    }

    /// Generates the training and test sets.
    ///
    /// # Errors
    /// A field out of range (see [`DatasetSpec::validate`]).
    pub fn generate(&self) -> Result<Dataset, DataError> {
        self.validate()?;
        if let Some(file) = &self.file {
            let (train, test) = file.splits(self.seed);
            return Ok(Dataset {
                kind: self.kind,
                task: self.task(),
                train,
                test,
            });
        }
        if self.kind == DatasetKind::Digits {
            let (train, test) = self.digits_splits();
            return Ok(Dataset {
                kind: self.kind,
                task: self.task(),
                train,
                test,
            });
        }
        Ok(Dataset {
            kind: self.kind,
            task: self.task(),
            train: self.split(self.n_train, stream::TRAIN_SET),
            test: self.split(self.n_test, stream::TEST_SET),
        })
    }

    /// The digits in an order shuffled by the seed (stream `TRAIN_SET`): the first `n_train`
    /// for training, the rest for testing; then the input noise and the flipped labels of
    /// each split (streams `TRAIN_SET` and `TEST_SET`).
    fn digits_splits(&self) -> (Split, Split) {
        let (x, y) = digits::images();
        let mut order: Vec<usize> = (0..x.nrows()).collect();
        let mut rng = rng_for(self.seed, stream::TRAIN_SET);
        order.shuffle(&mut rng);
        let n_train = self.n_train.min(order.len());
        let take = |indices: &[usize], rng: &mut Rng| {
            let mut split = Split {
                x: x.select(ndarray::Axis(0), indices),
                y: y.select(ndarray::Axis(0), indices),
            };
            if self.noise > 0.0 {
                split
                    .x
                    .mapv_inplace(|v| (f64::from(v) + self.noise * normal(rng)) as f32);
            }
            flip_labels(&mut split.y, digits::CLASSES, self.label_noise, rng);
            split
        };
        let train = take(&order[..n_train], &mut rng);
        let test = take(&order[n_train..], &mut rng_for(self.seed, stream::TEST_SET));
        (train, test)
    }

    fn split(&self, n: usize, stream_id: u64) -> Split {
        let mut rng = rng_for(self.seed, stream_id);
        let k = self.class_count();
        let dim = self.kind.input_dim();
        let mut x = Array2::zeros((n, dim));
        let mut y = Array1::zeros(n);
        for i in 0..n {
            let class = i % k;
            let (point, target) = self.clean_point(class, &mut rng);
            let mut row = x.row_mut(i);
            if self.kind == DatasetKind::Sine {
                row[0] = point[0] as f32;
                y[i] = (target + self.noise * normal(&mut rng)) as f32;
            } else {
                for (c, p) in row.iter_mut().zip(point) {
                    *c = (p + self.noise * normal(&mut rng)) as f32;
                }
                y[i] = class as f32;
            }
        }
        if self.kind != DatasetKind::Sine {
            flip_labels(&mut y, k, self.label_noise, &mut rng);
        }
        Split { x, y }
    }

    /// One noise-free point of class `class` and its target (the class, or the sine value).
    fn clean_point(&self, class: usize, rng: &mut Rng) -> ([f64; 2], f64) {
        let u: f64 = rng.random();
        let target = class as f64;
        match self.kind {
            DatasetKind::Moons => {
                let t = PI * u;
                // sklearn's moons, shifted by (−0.5, −0.25) so they sit around the origin.
                let p = if class == 0 {
                    [libm::cos(t) - 0.5, libm::sin(t) - 0.25]
                } else {
                    [0.5 - libm::cos(t), 0.25 - libm::sin(t)]
                };
                (p, target)
            }
            DatasetKind::Circles => {
                let r = if class == 0 { 1.0 } else { 0.5 };
                let t = 2.0 * PI * u;
                ([r * libm::cos(t), r * libm::sin(t)], target)
            }
            DatasetKind::Spirals => {
                let angle = 2.0 * PI * SPIRAL_TURNS * u + PI * target;
                ([u * libm::cos(angle), u * libm::sin(angle)], target)
            }
            DatasetKind::Xor => {
                let v: f64 = rng.random();
                let sx = if rng.random::<bool>() { 1.0 } else { -1.0 };
                // Class 1 in the quadrants where x·y > 0.
                let sy = if class == 1 { sx } else { -sx };
                ([sx * u, sy * v], target)
            }
            DatasetKind::Blobs => {
                let angle = 2.0 * PI * target / self.class_count() as f64;
                let p = [
                    libm::cos(angle) + BLOB_STD * normal(rng),
                    libm::sin(angle) + BLOB_STD * normal(rng),
                ];
                (p, target)
            }
            DatasetKind::Sine => {
                let x = 2.0 * u - 1.0;
                ([x, 0.0], libm::sin(PI * x))
            }
            // Real data is not generated point by point (see `digits_splits`).
            DatasetKind::Digits | DatasetKind::File => ([0.0, 0.0], target),
        }
    }
}

fn normal(rng: &mut Rng) -> f64 {
    StandardNormal.sample(rng)
}

/// Flips exactly `round(fraction · n)` labels, chosen uniformly, each to a uniformly chosen
/// other class.
fn flip_labels(y: &mut Array1<f32>, classes: usize, fraction: f64, rng: &mut Rng) {
    let n = y.len();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let flips = ((fraction * n as f64).round() as usize).min(n);
    if flips == 0 || classes < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let (chosen, _) = order.partial_shuffle(rng, flips);
    chosen.sort_unstable();
    for &i in chosen.iter() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let old = y[i] as usize;
        let shift = 1 + rng.random_range(0..classes - 1);
        y[i] = ((old + shift) % classes) as f32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: DatasetKind) -> DatasetSpec {
        DatasetSpec {
            seed: 3,
            ..DatasetSpec::new(kind, 200, 100)
        }
    }

    /// The dataset of a spec that must be valid.
    fn generated(spec: DatasetSpec) -> Dataset {
        spec.generate().expect("valid")
    }

    #[test]
    fn all_is_every_dataset_but_the_real_one() {
        assert_eq!(DatasetKind::EVERY[..6], DatasetKind::ALL);
        assert_eq!(DatasetKind::EVERY[6], DatasetKind::Digits);
    }

    #[test]
    fn shapes_and_balanced_labels() {
        for kind in DatasetKind::ALL {
            let data = generated(spec(kind));
            assert_eq!(data.train.x.dim(), (200, kind.input_dim()), "{kind:?}");
            assert_eq!(data.test.x.dim(), (100, kind.input_dim()), "{kind:?}");
            assert_eq!(data.train.len(), 200);
            if let Some(k) = data.task.classes() {
                for class in 0..k {
                    let count = data.train.y.iter().filter(|&&v| v == class as f32).count();
                    assert!(
                        count.abs_diff(200 / k) <= 1,
                        "{kind:?} class {class}: {count}"
                    );
                }
            }
            assert!(
                data.train
                    .x
                    .iter()
                    .chain(&data.train.y)
                    .all(|v| v.is_finite())
            );
        }
    }

    #[test]
    fn clean_sets_follow_their_definitions() {
        let circles = generated(spec(DatasetKind::Circles));
        for (row, &label) in circles.train.x.rows().into_iter().zip(&circles.train.y) {
            let r = libm::hypot(f64::from(row[0]), f64::from(row[1]));
            let expected = if label == 0.0 { 1.0 } else { 0.5 };
            assert!((r - expected).abs() < 1e-6);
        }
        let xor = generated(spec(DatasetKind::Xor));
        for (row, &label) in xor.train.x.rows().into_iter().zip(&xor.train.y) {
            assert_eq!(label == 1.0, row[0] * row[1] > 0.0);
            assert!(row.iter().all(|v| v.abs() <= 1.0));
        }
        let sine = generated(spec(DatasetKind::Sine));
        for (row, &target) in sine.train.x.rows().into_iter().zip(&sine.train.y) {
            let expected = libm::sin(PI * f64::from(row[0]));
            assert!((f64::from(target) - expected).abs() < 1e-6);
        }
        let moons = generated(spec(DatasetKind::Moons));
        for (row, &label) in moons.train.x.rows().into_iter().zip(&moons.train.y) {
            // Class 0 lies on the unit circle around (−0.5, −0.25), class 1 around (0.5, 0.25).
            let c = if label == 0.0 {
                [-0.5, -0.25]
            } else {
                [0.5, 0.25]
            };
            let r = libm::hypot(f64::from(row[0]) - c[0], f64::from(row[1]) - c[1]);
            assert!((r - 1.0).abs() < 1e-6);
        }
    }

    #[test]
    fn same_seed_same_sets_and_train_does_not_depend_on_test_size() {
        let a = generated(spec(DatasetKind::Spirals));
        let b = generated(spec(DatasetKind::Spirals));
        assert_eq!(a, b);
        let more_test = generated(DatasetSpec {
            n_test: 7,
            ..spec(DatasetKind::Spirals)
        });
        assert_eq!(a.train, more_test.train);
        // The test set is a fresh draw, not a copy of the first training points.
        assert_ne!(a.train.x.slice(ndarray::s![..100, ..]), a.test.x);
        let other_seed = generated(DatasetSpec {
            seed: 4,
            ..spec(DatasetKind::Spirals)
        });
        assert_ne!(a.train, other_seed.train);
    }

    #[test]
    fn label_noise_flips_exactly_that_fraction() {
        for kind in [DatasetKind::Moons, DatasetKind::Blobs] {
            let clean = generated(spec(kind));
            let noisy = generated(DatasetSpec {
                label_noise: 0.1,
                ..spec(kind)
            });
            // Same points (the flips come after every point is drawn), 20 of 200 labels changed.
            assert_eq!(clean.train.x, noisy.train.x);
            let changed = clean
                .train
                .y
                .iter()
                .zip(&noisy.train.y)
                .filter(|(a, b)| a != b)
                .count();
            assert_eq!(changed, 20, "{kind:?}");
            assert!(
                noisy
                    .train
                    .y
                    .iter()
                    .all(|&v| (0.0..3.0).contains(&v) && v.fract() == 0.0)
            );
        }
    }

    #[test]
    fn input_noise_has_the_asked_spread() {
        let clean = generated(spec(DatasetKind::Circles));
        let noisy = generated(DatasetSpec {
            noise: 0.1,
            ..spec(DatasetKind::Circles)
        });
        let diffs: Vec<f64> = (&noisy.train.x - &clean.train.x)
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        let std = (diffs.iter().map(|d| d * d).sum::<f64>() / diffs.len() as f64).sqrt();
        assert!((std - 0.1).abs() < 0.01, "std {std}");
    }

    #[test]
    fn bad_specs_name_the_field() {
        let bad = DatasetSpec {
            n_train: 0,
            ..spec(DatasetKind::Moons)
        };
        assert!(matches!(
            bad.generate(),
            Err(DataError::Count {
                field: "n_train",
                ..
            })
        ));
        let bad = DatasetSpec {
            classes: 1,
            ..spec(DatasetKind::Blobs)
        };
        assert!(bad.validate().is_err());
        let bad = DatasetSpec {
            label_noise: 1.5,
            ..spec(DatasetKind::Moons)
        };
        let message = bad.validate().expect_err("out of range").to_string();
        assert!(message.contains("label_noise") && message.contains("0 to 1"));
        let bad = DatasetSpec {
            noise: f64::NAN,
            ..spec(DatasetKind::Moons)
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn digits_split_by_the_seed_into_n_train_and_the_rest() {
        let spec = DatasetSpec {
            seed: 5,
            ..DatasetSpec::new(DatasetKind::Digits, DIGITS_TRAIN_DEFAULT, 0)
        };
        let d = generated(spec.clone());
        assert_eq!(d.task, Task::Multiclass { classes: 10 });
        assert_eq!((d.train.len(), d.test.len()), (1_000, 797));
        assert_eq!(d.train.x.ncols(), 64);
        assert!(
            d.train
                .x
                .iter()
                .chain(&d.test.x)
                .all(|v| (0.0..=1.0).contains(v))
        );
        // Every image exactly once: the pixel sums of both splits add up to the whole set's.
        let (all, labels) = digits::images();
        let sum = |x: &Array2<f32>| x.iter().map(|&v| f64::from(v)).sum::<f64>();
        assert!((sum(&d.train.x) + sum(&d.test.x) - sum(&all)).abs() < 1e-6);
        let label_sum = |y: &Array1<f32>| y.iter().map(|&v| f64::from(v)).sum::<f64>();
        assert_eq!(
            label_sum(&d.train.y) + label_sum(&d.test.y),
            label_sum(&labels)
        );
        // The same seed gives the same split, another seed another.
        assert_eq!(generated(spec.clone()), d);
        let other = generated(DatasetSpec {
            seed: 6,
            ..spec.clone()
        });
        assert_ne!(other.train.y, d.train.y);
        // n_test is not used; n_train is range-checked.
        let err = DatasetSpec {
            n_train: 1_790,
            ..spec.clone()
        }
        .generate()
        .expect_err("too many");
        assert_eq!(
            err.to_string(),
            "n_train = 1790 is out of range (allowed 10..=1787)"
        );
        assert!(DatasetSpec { n_train: 9, ..spec }.validate().is_err());
    }
}
