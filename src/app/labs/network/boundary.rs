//! The Network lab's data picture: the training and test points split by class
//! ([`DataPoints`]), and the network's prediction over the input plane at one step of one run
//! ([`boundary`]: predicted-class colours washed to grey where the network is unsure, or the
//! fitted curve of a regression network). Computed on a worker, uploaded once.

use egui::{Color32, ColorImage};
use egui_plot::PlotPoint;

use crate::core::landscape::GridSpec;
use crate::core::network::mlp::{DataSplit, Mlp};

/// Side of the decision-boundary image, in cells.
const BOUNDARY_CELLS: usize = 96;
/// Points of the fitted curve of a regression network.
const CURVE_POINTS: usize = 200;

/// The decision boundary (or fitted curve) at one step of one run.
#[derive(Debug)]
pub struct Boundary {
    /// The run it shows.
    pub run: usize,
    /// The step it shows.
    pub step: usize,
    /// What was drawn.
    pub shape: BoundaryShape,
}

/// A classifier's coloured input plane, or a regression network's curve.
#[derive(Debug)]
pub enum BoundaryShape {
    /// Predicted class colours over the input box (row 0 at the top).
    Image(ColorImage),
    /// The fitted curve over the input range.
    Curve(Vec<PlotPoint>),
    /// Images (the digits): the predicted class of every test image.
    Gallery(super::gallery::GalleryPrediction),
}

/// The boundary on screen.
pub struct BoundaryPicture {
    /// The run it shows.
    pub run: usize,
    /// The step it shows.
    pub step: usize,
    /// The coloured input plane, uploaded (classification).
    pub texture: Option<egui::TextureHandle>,
    /// The fitted curve (regression).
    pub curve: Vec<PlotPoint>,
    /// The predictions on the test images (image data).
    pub gallery: Option<super::gallery::GalleryPrediction>,
}

/// The training and test points, split by class, for the scatter plot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataPoints {
    /// Training points per class (one list for regression: `[x, y]`).
    pub train: Vec<Vec<PlotPoint>>,
    /// Test points per class.
    pub test: Vec<Vec<PlotPoint>>,
    /// The input box drawn: `[x0, x1]`.
    pub x: [f64; 2],
    /// `[y0, y1]` (the target range for regression).
    pub y: [f64; 2],
    /// Whether the task is regression (a curve, not a coloured plane).
    pub regression: bool,
}

/// The colour of class `c` in the data and boundary pictures (Okabe–Ito, orange and blue
/// first: [`crate::render::palette::class_rgb`]).
#[must_use]
pub fn class_color(c: usize) -> Color32 {
    let [r, g, b] = crate::render::palette::class_rgb(c);
    Color32::from_rgb(r, g, b)
}

/// The scatter of a network's data and the box around it.
pub fn data_points(mlp: &Mlp) -> DataPoints {
    let regression = mlp.architecture().inputs() == 1;
    let classes = match mlp.architecture().loss() {
        crate::core::network::architecture::Loss::CrossEntropy => mlp.architecture().outputs(),
        crate::core::network::architecture::Loss::BceWithLogits => 2,
        crate::core::network::architecture::Loss::Mse => 1,
    };
    let split = |which: DataSplit| -> Vec<Vec<PlotPoint>> {
        let data = mlp.split(which);
        let mut by_class = vec![Vec::new(); classes];
        for (row, &y) in data.x.rows().into_iter().zip(&data.y) {
            let point = if regression {
                PlotPoint::new(row[0], y)
            } else {
                PlotPoint::new(row[0], row[1])
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let class = if regression { 0 } else { y.max(0.0) as usize };
            if let Some(list) = by_class.get_mut(class) {
                list.push(point);
            }
        }
        by_class
    };
    let train = split(DataSplit::Train);
    let test = split(DataSplit::Test);
    let bounds = |axis: usize| {
        let (lo, hi) = train
            .iter()
            .chain(&test)
            .flatten()
            .map(|p| if axis == 0 { p.x } else { p.y })
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo.is_finite() && hi > lo {
            let pad = 0.08 * (hi - lo);
            [lo - pad, hi + pad]
        } else {
            [-1.5, 1.5]
        }
    };
    DataPoints {
        x: bounds(0),
        y: bounds(1),
        train,
        test,
        regression,
    }
}

/// The boundary picture of `theta` over the box of `data`.
pub fn boundary(mlp: &Mlp, theta: &[f64], data: &DataPoints) -> Option<BoundaryShape> {
    if !data.regression && mlp.architecture().inputs() != 2 {
        return super::gallery::predict(mlp, theta).map(BoundaryShape::Gallery);
    }
    if data.regression {
        let [x0, x1] = data.x;
        let xs: Vec<f64> = (0..CURVE_POINTS)
            .map(|i| x0 + (x1 - x0) * i as f64 / (CURVE_POINTS - 1) as f64)
            .collect();
        let ys = mlp.predict_curve(theta, &xs).ok()?;
        return Some(BoundaryShape::Curve(
            xs.iter()
                .zip(ys)
                .filter(|(_, y)| y.is_finite())
                .map(|(&x, y)| PlotPoint::new(x, y))
                .collect(),
        ));
    }
    let spec = GridSpec::square(data.x, data.y, BOUNDARY_CELLS);
    let predictions = mlp.predict_grid(theta, &spec).ok()?;
    let (ny, nx, c) = predictions.dim();
    let mut pixels = Vec::with_capacity(nx * ny);
    for r in 0..ny {
        let i = ny - 1 - r;
        for j in 0..nx {
            let color = if c == 1 {
                let p = predictions[[i, j, 0]];
                if p.is_finite() {
                    blend(class_color(0), class_color(1), p, (2.0 * p - 1.0).abs())
                } else {
                    Color32::GRAY
                }
            } else {
                let (best, p) = (0..c).fold((0, f32::NEG_INFINITY), |(bk, bp), k| {
                    let v = predictions[[i, j, k]];
                    if v > bp { (k, v) } else { (bk, bp) }
                });
                if p.is_finite() {
                    let floor = 1.0 / c as f32;
                    let confidence = ((p - floor) / (1.0 - floor)).clamp(0.0, 1.0);
                    blend(class_color(best), class_color(best), 0.0, confidence)
                } else {
                    Color32::GRAY
                }
            };
            pixels.push(color);
        }
    }
    Some(BoundaryShape::Image(ColorImage::new([nx, ny], pixels)))
}

/// `a` to `b` by `t` in [0, 1], washed towards a neutral grey where `confidence` is low, so
/// the boundary (p = ½) is grey and the certain regions carry their class colour.
fn blend(a: Color32, b: Color32, t: f32, confidence: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let strength = 0.25 + 0.6 * confidence.clamp(0.0, 1.0);
    let grey = 0x80 as f32;
    let mix = |x: u8, y: u8| {
        let c = f32::from(x) * (1.0 - t) + f32::from(y) * t;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = (grey + (c - grey) * strength).round().clamp(0.0, 255.0) as u8;
        v
    };
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moons() -> crate::preset::NetworkExperiment {
        match crate::preset::load("moons", &[]) {
            Ok(crate::preset::Preset::Network(e)) => e,
            _ => panic!("moons is a network preset"),
        }
    }

    #[test]
    fn data_points_split_by_class_inside_the_box() {
        let e = moons();
        let mlp = e.build_mlp().expect("mlp");
        let data = data_points(&mlp);
        assert!(!data.regression);
        assert_eq!(data.train.len(), 2);
        let n: usize = data.train.iter().map(Vec::len).sum();
        assert_eq!(n, e.dataset.n_train);
        let m: usize = data.test.iter().map(Vec::len).sum();
        assert_eq!(m, e.dataset.n_test);
        for p in data.train.iter().chain(&data.test).flatten() {
            assert!(data.x[0] < p.x && p.x < data.x[1]);
            assert!(data.y[0] < p.y && p.y < data.y[1]);
        }
    }

    #[test]
    fn boundary_colours_follow_the_prediction() {
        let e = moons();
        let mlp = e.build_mlp().expect("mlp");
        let data = data_points(&mlp);
        let dim = mlp.architecture().dim();
        // All weights zero except the output bias: p = σ(b) everywhere.
        let mut theta = vec![0.0; dim];
        theta[dim - 1] = 4.0;
        let Some(BoundaryShape::Image(image)) = boundary(&mlp, &theta, &data) else {
            panic!("a classifier draws an image");
        };
        assert_eq!(image.size, [BOUNDARY_CELLS, BOUNDARY_CELLS]);
        let p = 1.0 / (1.0 + (-4.0f32).exp());
        let expected = blend(class_color(0), class_color(1), p, 2.0 * p - 1.0);
        assert!(image.pixels.iter().all(|&c| c == expected));
        // Class 1 is blue: the blue channel dominates.
        assert!(expected.b() > expected.r());
        theta[dim - 1] = -4.0;
        let Some(BoundaryShape::Image(image)) = boundary(&mlp, &theta, &data) else {
            panic!("a classifier draws an image");
        };
        assert!(image.pixels[0].r() > image.pixels[0].b());
    }

    #[test]
    fn blend_is_grey_where_unsure() {
        let grey = blend(class_color(0), class_color(1), 0.5, 0.0);
        let sure = blend(class_color(0), class_color(1), 1.0, 1.0);
        let spread = |c: Color32| c.r().max(c.g()).max(c.b()) - c.r().min(c.g()).min(c.b());
        assert!(spread(grey) < spread(sure));
    }
}
