//! The 8×8 handwritten digits (scikit-learn's copy of the UCI optical-recognition digits,
//! CC BY 4.0; source, licence and format in `assets/digits/README.md`), compiled into the
//! binary: 1,797 images of 64 pixels with values 0–16, labels 0–9.
//!
//! [`images`] gives every image as pixels/16 in [0, 1] and its label; the split into training
//! and test images by the seed is [`super::data::DatasetSpec`]'s.

use ndarray::{Array1, Array2};

/// Number of images.
pub const COUNT: usize = 1_797;
/// Pixels per image (8×8, row by row).
pub const PIXELS: usize = 64;
/// Number of classes (the digits 0–9).
pub const CLASSES: usize = 10;
/// The largest raw pixel value.
pub const MAX_PIXEL: u8 = 16;

/// 1,797 records of 65 bytes: 64 pixels then the label.
static RAW: &[u8] = include_bytes!("../../../assets/digits/digits.u8");

/// Every image, in scikit-learn's order: pixels/16 `[1797, 64]` and labels `[1797]` (as the
/// class index in f32, like every classification set).
#[must_use]
pub fn images() -> (Array2<f32>, Array1<f32>) {
    let mut x = Array2::zeros((COUNT, PIXELS));
    let mut y = Array1::zeros(COUNT);
    for (i, record) in RAW.chunks_exact(PIXELS + 1).take(COUNT).enumerate() {
        for (v, &p) in x.row_mut(i).iter_mut().zip(&record[..PIXELS]) {
            *v = f32::from(p) / f32::from(MAX_PIXEL);
        }
        y[i] = f32::from(record[PIXELS]);
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asset_has_every_record_in_range() {
        assert_eq!(RAW.len(), COUNT * (PIXELS + 1));
        for record in RAW.chunks_exact(PIXELS + 1) {
            assert!(record[..PIXELS].iter().all(|&p| p <= MAX_PIXEL));
            assert!(usize::from(record[PIXELS]) < CLASSES);
        }
    }

    #[test]
    fn image_zero_is_sklearns_zero() {
        // sklearn: load_digits().images[0][0] = [0, 0, 5, 13, 9, 1, 0, 0], target 0;
        // images[1796] sums to 392 and is an 8.
        let (x, y) = images();
        let row: Vec<f32> = x.row(0).iter().take(8).map(|v| v * 16.0).collect();
        assert_eq!(row, [0.0, 0.0, 5.0, 13.0, 9.0, 1.0, 0.0, 0.0]);
        assert_eq!(x[[0, 10]], 13.0 / 16.0);
        assert_eq!(y[0], 0.0);
        assert_eq!(
            &y.as_slice().expect("contiguous")[..10],
            &[0., 1., 2., 3., 4., 5., 6., 7., 8., 9.]
        );
        assert_eq!(x.row(COUNT - 1).sum() * 16.0, 392.0);
        assert_eq!(y[COUNT - 1], 8.0);
        // sklearn's class counts.
        let mut counts = [0usize; CLASSES];
        for &t in &y {
            counts[t as usize] += 1;
        }
        assert_eq!(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        assert!(x.iter().all(|&v| (0.0..=1.0).contains(&v)));
        assert_eq!(x.iter().copied().fold(0.0, f32::max), 1.0);
    }
}
