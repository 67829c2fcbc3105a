//! The Network lab's picture for image data (the digits, or a person's table whose feature
//! count is the square of at least [`MIN_SIDE`]: 64 = 8×8, 784 = 28×28): the first test images
//! with the class the network predicts at the playback step, and the confusion matrix of the
//! whole test set. The predictions ([`predict`]) also serve the scatter of other data of many
//! features on its principal components. A 2-class network has one logit: its class is
//! `logit > 0`. The images are made into one texture once per training; the predictions are
//! computed on a worker with the decision boundary's job ([`super::boundary`]).

use egui::{Color32, ColorImage};
use ndarray::Axis;

use crate::core::network::architecture::Loss;
use crate::core::network::mlp::{DataSplit, Mlp};

/// How many test images the gallery shows.
pub const SHOWN: usize = 24;

/// The smallest image side shown as a gallery (fewer features are a table, not an image).
pub const MIN_SIDE: usize = 8;

/// Tiles per row of the gallery.
pub const COLUMNS: usize = 6;

/// The test images the gallery shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GalleryImages {
    /// Side of an image in pixels (8 for the digits).
    pub side: usize,
    /// Each image's pixels, row-major, in [0, 1].
    pub pixels: Vec<Vec<f32>>,
    /// Each image's true class.
    pub labels: Vec<usize>,
    /// Number of classes.
    pub classes: usize,
}

impl GalleryImages {
    /// The first [`SHOWN`] test images of a classifier whose inputs form a square image of
    /// side at least [`MIN_SIDE`] (`None` for other data or regression). Pixels in [0, 1]
    /// are shown as they are; others (0–255, standardized) are scaled by the test set's
    /// smallest and largest value.
    #[must_use]
    pub fn of(mlp: &Mlp) -> Option<Self> {
        let arch = mlp.architecture();
        let inputs = arch.inputs();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let side = (inputs as f64).sqrt().round() as usize;
        if side < MIN_SIDE || side * side != inputs || arch.loss() == Loss::Mse {
            return None;
        }
        let test = mlp.split(DataSplit::Test);
        let n = test.len().min(SHOWN);
        let (lo, hi) = test
            .x
            .iter()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        let (offset, scale) = if lo >= 0.0 && hi <= 1.0 || hi <= lo {
            (0.0, 1.0)
        } else {
            (lo, 1.0 / (hi - lo))
        };
        let pixels = (0..n)
            .map(|i| {
                test.x
                    .row(i)
                    .iter()
                    .map(|v| ((v - offset) * scale).clamp(0.0, 1.0))
                    .collect()
            })
            .collect();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let labels = (0..n).map(|i| test.y[i].max(0.0) as usize).collect();
        Some(Self {
            side,
            pixels,
            labels,
            classes: arch.outputs().max(2),
        })
    }

    /// Rows of tiles.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.pixels.len().div_ceil(COLUMNS)
    }

    /// All images in one picture: [`COLUMNS`] tiles a row, one pixel of background between
    /// tiles, ink dark on light (as the digits were written).
    #[must_use]
    pub fn atlas(&self) -> ColorImage {
        let cell = self.side + 1;
        let (w, h) = (COLUMNS * cell + 1, self.rows() * cell + 1);
        let mut image = ColorImage::new([w, h], vec![Color32::from_gray(90); w * h]);
        for (k, pixels) in self.pixels.iter().enumerate() {
            let (x0, y0) = ((k % COLUMNS) * cell + 1, (k / COLUMNS) * cell + 1);
            for (p, &v) in pixels.iter().enumerate() {
                let (x, y) = (x0 + p % self.side, y0 + p / self.side);
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let grey = (255.0 * (1.0 - v)).round().clamp(0.0, 255.0) as u8;
                image[(x, y)] = Color32::from_gray(grey);
            }
        }
        image
    }
}

/// What the network predicts for the test set at one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GalleryPrediction {
    /// The predicted class of every test image (in test-set order).
    pub predicted: Vec<usize>,
    /// `confusion[true][predicted]`: test images of each true class by predicted class.
    pub confusion: Vec<Vec<u32>>,
}

impl GalleryPrediction {
    /// The share of test images of class `c` predicted right (`None` when there are none).
    #[must_use]
    pub fn class_accuracy(&self, c: usize) -> Option<f64> {
        let row = self.confusion.get(c)?;
        let total: u32 = row.iter().sum();
        (total > 0).then(|| f64::from(row[c]) / f64::from(total))
    }

    /// Right predictions and test images in all.
    #[must_use]
    pub fn right_of_all(&self) -> (u32, u32) {
        let right = (0..self.confusion.len())
            .map(|c| self.confusion[c].get(c).copied().unwrap_or(0))
            .sum();
        let all = self.confusion.iter().flatten().sum();
        (right, all)
    }
}

/// The class the network with weights `theta` predicts for every test image (the largest
/// logit; with one logit, class 1 when it is positive), and the confusion matrix; `None` if
/// the network cannot predict.
#[must_use]
pub fn predict(mlp: &Mlp, theta: &[f64]) -> Option<GalleryPrediction> {
    let test = mlp.split(DataSplit::Test);
    let logits = mlp.outputs(theta, test.x.view()).ok()?;
    let binary = logits.ncols() == 1;
    let classes = if binary { 2 } else { logits.ncols() };
    let predicted: Vec<usize> = logits
        .axis_iter(Axis(0))
        .map(|row| {
            if binary {
                return usize::from(row[0] > 0.0);
            }
            row.iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |(bk, bv), (k, &v)| {
                    if v > bv { (k, v) } else { (bk, bv) }
                })
                .0
        })
        .collect();
    let mut confusion = vec![vec![0u32; classes]; classes];
    for (&p, &y) in predicted.iter().zip(&test.y) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let t = y.max(0.0) as usize;
        if let Some(cell) = confusion.get_mut(t).and_then(|row| row.get_mut(p)) {
            *cell += 1;
        }
    }
    Some(GalleryPrediction {
        predicted,
        confusion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits() -> Mlp {
        let text = "name = \"d\"\n[problem]\nkind = \"network\"\ndataset = \"digits\"\n\
                    n_train = 200\nhidden = [16]\nactivation = \"relu\"\n\
                    [training]\nsteps = 1\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n";
        match crate::preset::parse(text, "test.toml", &[]) {
            Ok(crate::preset::Preset::Network(e)) => e.build_mlp().expect("mlp"),
            other => panic!("a digits network preset: {other:?}"),
        }
    }

    #[test]
    fn the_gallery_shows_the_first_test_digits_as_8_by_8_images() {
        let mlp = digits();
        let images = GalleryImages::of(&mlp).expect("digits are images");
        assert_eq!((images.side, images.classes), (8, 10));
        assert_eq!(images.pixels.len(), SHOWN);
        assert!(images.pixels.iter().all(|p| p.len() == 64));
        let test = mlp.split(DataSplit::Test);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let first = test.y[0] as usize;
        assert_eq!(images.labels[0], first);
        let atlas = images.atlas();
        assert_eq!(
            atlas.size,
            [COLUMNS * 9 + 1, SHOWN.div_ceil(COLUMNS) * 9 + 1]
        );
        // Pixel (0, 0) of image 0 sits at (1, 1): ink 1.0 is black, 0.0 white.
        let v = test.x[[0, 0]];
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let grey = (255.0 * (1.0 - v)).round() as u8;
        assert_eq!(atlas[(1, 1)], Color32::from_gray(grey));
    }

    #[test]
    fn predictions_fill_the_confusion_matrix_with_every_test_image() {
        let mlp = digits();
        let dim = mlp.architecture().dim();
        // All weights zero but the last bias of class 3: every image is predicted 3.
        let mut theta = vec![0.0; dim];
        theta[dim - 10 + 3] = 1.0;
        let p = predict(&mlp, &theta).expect("predicts");
        let n = mlp.split(DataSplit::Test).len();
        assert_eq!(p.predicted.len(), n);
        assert!(p.predicted.iter().all(|&c| c == 3));
        let (right, all) = p.right_of_all();
        assert_eq!(all as usize, n);
        assert_eq!(right, p.confusion[3][3]);
        assert_eq!(p.class_accuracy(3), Some(1.0));
        assert_eq!(p.class_accuracy(0), Some(0.0));
    }

    /// A network on a CSV file of `features` columns of 0..255 values and 2 classes.
    fn two_class_file(features: usize) -> (tempfile::TempDir, Mlp) {
        use std::fmt::Write as _;
        let mut text: String = (0..features).map(|j| format!("p{j},")).collect();
        text.push_str("label\n");
        for i in 0..40 {
            for j in 0..features {
                write!(text, "{},", (i * 7 + j * 3) % 256).expect("write");
            }
            writeln!(text, "{}", i % 2).expect("write");
        }
        super::super::boundary::tests::file_network(&text)
    }

    #[test]
    fn a_two_class_image_file_predicts_by_the_sign_of_its_one_logit() {
        let (_dir, mlp) = two_class_file(64);
        assert_eq!(mlp.architecture().outputs(), 1);
        let images = GalleryImages::of(&mlp).expect("8 × 8 images");
        assert_eq!((images.side, images.classes), (8, 2));
        // 0..255 pixels are scaled into [0, 1], not clipped to white and black.
        let all: Vec<f32> = images.pixels.iter().flatten().copied().collect();
        assert!(all.iter().any(|&v| v > 0.05 && v < 0.95));
        let dim = mlp.architecture().dim();
        let n = mlp.split(DataSplit::Test).len();
        for (bias, class) in [(2.0, 1), (-2.0, 0)] {
            let mut theta = vec![0.0; dim];
            theta[dim - 1] = bias;
            let p = predict(&mlp, &theta).expect("predicts");
            assert_eq!(p.confusion.len(), 2);
            assert!(p.predicted.iter().all(|&c| c == class), "bias {bias}");
            let in_class: u32 = p.confusion.iter().map(|row| row[class]).sum();
            assert_eq!(in_class as usize, n);
        }
        // Four features make a table, not a 2 × 2 image.
        let (_dir, mlp) = two_class_file(4);
        assert!(GalleryImages::of(&mlp).is_none());
    }

    #[test]
    fn two_dimensional_data_has_no_gallery() {
        let text = "name = \"m\"\n[problem]\nkind = \"network\"\ndataset = \"moons\"\n\
                    [training]\nsteps = 1\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n";
        let Ok(crate::preset::Preset::Network(e)) = crate::preset::parse(text, "t.toml", &[])
        else {
            panic!("moons preset");
        };
        assert!(GalleryImages::of(&e.build_mlp().expect("mlp")).is_none());
    }
}
