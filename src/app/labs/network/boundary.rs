//! The Network lab's data picture: the training and test points split by class
//! ([`DataPoints`]), and the network's prediction over the input plane at one step of one run
//! ([`boundary`]: predicted-class colours washed to grey where the network is unsure, or the
//! fitted curve of a regression network). Computed on a worker, uploaded once.

use egui::{Color32, ColorImage};
use egui_plot::PlotPoint;

use crate::core::landscape::GridSpec;
use crate::core::network::architecture::Loss;
use crate::core::network::directions::principal_axes;
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
    /// The fitted curve over the input range (1 feature), or the predictions at the test
    /// points on their first principal component (more features).
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
    /// The predicted class of every test point (image data, and data drawn on its principal
    /// components).
    pub gallery: Option<super::gallery::GalleryPrediction>,
    /// The test points by predicted class, for data drawn on its principal components
    /// ([`rings`]).
    pub rings: Vec<Vec<PlotPoint>>,
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
    /// Whether the x axis (and, for a classifier, the y axis) are the first (and second)
    /// principal components of the training inputs: data of more than two features, or of
    /// more than one for regression.
    pub principal: bool,
    /// The test points in test-set order (to ring them by their predicted class).
    pub test_order: Vec<PlotPoint>,
}

/// Most training rows the principal axes are fitted on (evenly spaced; bounds the cost).
const PCA_ROWS: usize = 500;

/// Whether `mlp`'s data is drawn on principal components rather than its own inputs (more
/// than two features, or more than one for regression); such points are computed on a
/// worker.
#[must_use]
pub fn needs_principal_axes(mlp: &Mlp) -> bool {
    let arch = mlp.architecture();
    let regression = arch.loss() == Loss::Mse;
    arch.inputs() > if regression { 1 } else { 2 }
}

/// The test points grouped by the class predicted for each (`predicted` in test-set order),
/// `classes` lists (empty when the counts differ).
#[must_use]
pub fn rings(data: &DataPoints, predicted: &[usize], classes: usize) -> Vec<Vec<PlotPoint>> {
    if data.test_order.len() != predicted.len() {
        return Vec::new();
    }
    let mut by_class = vec![Vec::new(); classes];
    for (&p, &point) in predicted.iter().zip(&data.test_order) {
        if let Some(list) = by_class.get_mut(p) {
            list.push(point);
        }
    }
    by_class
}

/// The colour of class `c` in the data and boundary pictures (Okabe–Ito, orange and blue
/// first: [`crate::render::palette::class_rgb`]).
#[must_use]
pub fn class_color(c: usize) -> Color32 {
    let [r, g, b] = crate::render::palette::class_rgb(c);
    Color32::from_rgb(r, g, b)
}

/// The scatter of a network's data and the box around it: the inputs themselves for 2-D data
/// (and 1-D regression), else the first two principal components of the training inputs
/// (the first and the target for regression). May take a while for a large table with many
/// features: call it on a worker when [`needs_principal_axes`].
#[must_use]
pub fn data_points(mlp: &Mlp) -> DataPoints {
    let regression = mlp.architecture().loss() == Loss::Mse;
    let principal = needs_principal_axes(mlp);
    let classes = match mlp.architecture().loss() {
        Loss::CrossEntropy => mlp.architecture().outputs(),
        Loss::BceWithLogits => 2,
        Loss::Mse => 1,
    };
    let axes = principal.then(|| principal_axes(mlp.split(DataSplit::Train).x.view(), PCA_ROWS));
    let at = |row: ndarray::ArrayView1<'_, f32>, k: usize| -> f64 {
        match &axes {
            Some((mean, axes)) => row
                .iter()
                .zip(mean)
                .zip(&axes[k])
                .map(|((&v, m), a)| (f64::from(v) - m) * a)
                .sum(),
            None => f64::from(row[k]),
        }
    };
    let mut test_order = Vec::new();
    let mut split = |which: DataSplit| -> Vec<Vec<PlotPoint>> {
        let data = mlp.split(which);
        let mut by_class = vec![Vec::new(); classes];
        for (row, &y) in data.x.rows().into_iter().zip(&data.y) {
            let point = if regression {
                PlotPoint::new(at(row, 0), y)
            } else {
                PlotPoint::new(at(row, 0), at(row, 1))
            };
            if which == DataSplit::Test {
                test_order.push(point);
            }
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
        principal,
        test_order,
    }
}

/// The boundary picture of `theta` over the box of `data`.
/// Data drawn on its principal components (or as a gallery) gets the predicted class of every
/// test point instead of a coloured plane; such a regression (more than one feature) gets no
/// curve but its prediction at every test point, at the point's first principal component.
pub fn boundary(mlp: &Mlp, theta: &[f64], data: &DataPoints) -> Option<BoundaryShape> {
    let regression = mlp.architecture().loss() == Loss::Mse;
    if needs_principal_axes(mlp) {
        if regression {
            let test = mlp.split(DataSplit::Test);
            let predicted = mlp.predict(theta, test.x.view()).ok()?;
            return Some(BoundaryShape::Curve(
                data.test_order
                    .iter()
                    .zip(predicted.column(0))
                    .filter(|(_, y)| y.is_finite())
                    .map(|(p, &y)| PlotPoint::new(p.x, f64::from(y)))
                    .collect(),
            ));
        }
        return super::gallery::predict(mlp, theta).map(BoundaryShape::Gallery);
    }
    if regression {
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
pub(super) mod tests {
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
        let p = 1.0 / (1.0 + libm::expf(-4.0f32));
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

    /// A network on the CSV text `csv` (file `d.csv` in a temporary folder; the folder lives
    /// as long as the returned guard). Shared by the lab's picture tests.
    pub(in crate::app::labs::network) fn file_network(csv: &str) -> (tempfile::TempDir, Mlp) {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("d.csv"), csv).expect("write");
        let preset = "name = \"f\"\n[problem]\nkind = \"network\"\ndataset = \"file\"\n\
                      train = \"d.csv\"\nhidden = [4]\n[training]\nsteps = 1\n\
                      [[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n";
        match crate::preset::parse_in(preset, "f.toml", &[], dir.path()) {
            Ok(crate::preset::Preset::Network(e)) => {
                let mlp = e.build_mlp().expect("mlp");
                (dir, mlp)
            }
            other => panic!("a file network preset: {other:?}"),
        }
    }

    #[test]
    fn a_file_of_two_features_gets_a_decision_boundary_like_the_moons() {
        let mut csv = String::from("a,b,label\n");
        for i in 0..30 {
            csv.push_str(&format!("{},{},{}\n", i, (i * 7) % 13, i % 2));
        }
        let (_dir, mlp) = file_network(&csv);
        assert!(!needs_principal_axes(&mlp));
        let data = data_points(&mlp);
        assert!(!data.principal && !data.regression);
        let theta = vec![0.1; mlp.architecture().dim()];
        assert!(matches!(
            boundary(&mlp, &theta, &data),
            Some(BoundaryShape::Image(_))
        ));
    }

    #[test]
    fn data_of_many_features_lies_on_its_principal_components() {
        // Three features, all the spread along (1, 1, 0): PC 1 carries it, PC 2 is flat.
        let mut csv = String::from("a,b,c,label\n");
        for i in 0..40 {
            csv.push_str(&format!("{i},{i},5,{}\n", i % 3));
        }
        let (_dir, mlp) = file_network(&csv);
        assert!(needs_principal_axes(&mlp));
        let data = data_points(&mlp);
        assert!(data.principal);
        assert_eq!(data.test_order.len(), mlp.split(DataSplit::Test).len());
        for p in &data.test_order {
            assert!(p.y.abs() < 1e-6, "{p:?}");
        }
        // Two test points i, j lie √2·|i − j| apart along PC 1 (the unit axis (1, 1, 0)/√2).
        let test = mlp.split(DataSplit::Test);
        let (a, b) = (&data.test_order[0], &data.test_order[1]);
        let gap = f64::from((test.x[[0, 0]] - test.x[[1, 0]]).abs()) * 2f64.sqrt();
        assert!(((a.x - b.x).abs() - gap).abs() < 1e-4, "{a:?} {b:?} {gap}");
        let spread = data
            .test_order
            .iter()
            .map(|p| p.x)
            .fold(0.0f64, |m, x| m.max(x.abs()));
        assert!(spread > 5.0, "{spread}");
        let theta = vec![0.1; mlp.architecture().dim()];
        let Some(BoundaryShape::Gallery(prediction)) = boundary(&mlp, &theta, &data) else {
            panic!("predicted classes, no coloured plane");
        };
        let rings = rings(&data, &prediction.predicted, 3);
        assert_eq!(
            rings.iter().map(Vec::len).sum::<usize>(),
            data.test_order.len()
        );
    }

    #[test]
    fn a_regression_on_many_features_draws_its_test_predictions_on_pc1() {
        // Three features and a real-valued target: the network's prediction at every test
        // point, at that point's first principal component (no curve over a projection).
        let mut csv = String::from("a,b,c,y\n");
        for i in 0..40 {
            csv.push_str(&format!("{i},{},{},{}.5\n", (i * 3) % 7, i % 5, i % 9));
        }
        let (_dir, mlp) = file_network(&csv);
        let data = data_points(&mlp);
        assert!(data.principal && data.regression);
        let theta: Vec<f64> = (0..mlp.architecture().dim())
            .map(|k| ((k % 5) as f64 - 2.0) * 0.1)
            .collect();
        let Some(BoundaryShape::Curve(points)) = boundary(&mlp, &theta, &data) else {
            panic!("a regression gets points");
        };
        let test = mlp.split(DataSplit::Test);
        let predicted = mlp.predict(&theta, test.x.view()).expect("predict");
        assert_eq!(points.len(), test.len());
        for ((p, at), y) in points.iter().zip(&data.test_order).zip(predicted.column(0)) {
            assert_eq!(p.x, at.x);
            assert_eq!(p.y, f64::from(*y));
        }
        // Not a constant: the weights make the prediction vary between test points.
        assert!(points.iter().any(|p| (p.y - points[0].y).abs() > 1e-6));
    }

    #[test]
    fn blend_is_grey_where_unsure() {
        let grey = blend(class_color(0), class_color(1), 0.5, 0.0);
        let sure = blend(class_color(0), class_color(1), 1.0, 1.0);
        let spread = |c: Color32| c.r().max(c.g()).max(c.b()) - c.r().min(c.g()).min(c.b());
        assert!(spread(grey) < spread(sure));
    }
}
