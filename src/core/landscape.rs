//! Loss landscapes on a grid: for toy surfaces the plane is the parameter plane itself
//! (θ₁, θ₂). Each cell is a pure function of (objective, layer, cell), so callers may
//! evaluate rows in any order on any number of threads and get the same picture.
//!
//! Orientation (the `basin landscape` contract): `values[[i, j]]` is the loss at
//! `(x[j], y[i])`; row 0 is the lowest y.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::core::surface::{Copies, RowPlan, ShiftedCopies};

/// The largest grid side basin accepts (memory and time stay sane).
pub const MAX_RESOLUTION: usize = 2048;

/// Which surface a grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Full-batch training loss.
    #[default]
    Train,
    /// Held-out (population) loss.
    Test,
    /// Test minus train: the generalization gap as a picture.
    Gap,
}

impl Layer {
    /// Every layer, in menu order.
    pub const ALL: [Self; 3] = [Self::Train, Self::Test, Self::Gap];

    /// The preset / CLI name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Train => "train",
            Self::Test => "test",
            Self::Gap => "gap",
        }
    }
}

/// A rectangular grid of sample points: `nx` columns over `x`, `ny` rows over `y`,
/// end points included.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GridSpec {
    /// x range [min, max].
    pub x: [f64; 2],
    /// y range [min, max].
    pub y: [f64; 2],
    /// Columns (≥ 2).
    pub nx: usize,
    /// Rows (≥ 2).
    pub ny: usize,
}

fn lerp(range: [f64; 2], i: usize, n: usize) -> f64 {
    if n < 2 {
        return range[0];
    }
    #[allow(clippy::cast_precision_loss)]
    let t = i as f64 / (n - 1) as f64;
    // This form hits both end points exactly (the first and last columns are the range).
    range[0] * (1.0 - t) + range[1] * t
}

impl GridSpec {
    /// A square grid of side `resolution` over `x` × `y`.
    #[must_use]
    pub fn square(x: [f64; 2], y: [f64; 2], resolution: usize) -> Self {
        Self {
            x,
            y,
            nx: resolution.max(2),
            ny: resolution.max(2),
        }
    }

    /// The x coordinate of column `j`.
    #[must_use]
    pub fn x_at(&self, j: usize) -> f64 {
        lerp(self.x, j, self.nx)
    }

    /// The y coordinate of row `i`.
    #[must_use]
    pub fn y_at(&self, i: usize) -> f64 {
        lerp(self.y, i, self.ny)
    }

    /// All column coordinates.
    #[must_use]
    pub fn xs(&self) -> Vec<f64> {
        (0..self.nx).map(|j| self.x_at(j)).collect()
    }

    /// All row coordinates.
    #[must_use]
    pub fn ys(&self) -> Vec<f64> {
        (0..self.ny).map(|i| self.y_at(i)).collect()
    }

    /// The same window at `1/factor` of the resolution (at least 2×2): the quick first pass.
    #[must_use]
    pub fn coarse(&self, factor: usize) -> Self {
        let f = factor.max(1);
        Self {
            nx: (self.nx / f).max(2),
            ny: (self.ny / f).max(2),
            ..*self
        }
    }
}

/// One evaluated grid.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Grid {
    /// Where the samples are.
    pub spec: GridSpec,
    /// Which surface.
    pub layer: Layer,
    /// Losses, shape `[ny, nx]`: `values[[i, j]]` at `(x_at(j), y_at(i))`.
    pub values: Array2<f64>,
}

/// The share of non-finite cells from which a grid is reported as largely undefined
/// ([`Grid::largely_non_finite`]) instead of being drawn as if it were a picture.
pub const NON_FINITE_WARNING: f64 = 0.25;

impl Grid {
    /// The share of cells that are NaN or infinite (0 to 1): a custom formula such as
    /// `log(x)` is undefined over part of the view.
    #[must_use]
    pub fn non_finite_share(&self) -> f64 {
        let total = self.values.len();
        if total == 0 {
            return 0.0;
        }
        let bad = self.values.iter().filter(|v| !v.is_finite()).count();
        #[allow(clippy::cast_precision_loss)]
        let share = bad as f64 / total as f64;
        share
    }

    /// Whether at least [`NON_FINITE_WARNING`] of the cells are NaN or infinite, so views
    /// should say so rather than colour what is left.
    #[must_use]
    pub fn largely_non_finite(&self) -> bool {
        self.non_finite_share() >= NON_FINITE_WARNING
    }

    /// The smallest and largest finite values, if any.
    #[must_use]
    pub fn finite_range(&self) -> Option<(f64, f64)> {
        self.values
            .iter()
            .filter(|v| v.is_finite())
            .fold(None, |acc, &v| match acc {
                None => Some((v, v)),
                Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
            })
    }

    /// The value of the grid point nearest to `p`, if `p` is inside the grid's rectangle
    /// (for hover read-outs where evaluating the loss directly would be costly).
    #[must_use]
    pub fn value_near(&self, p: [f64; 2]) -> Option<f64> {
        let s = &self.spec;
        let index = |v: f64, [lo, hi]: [f64; 2], n: usize| -> Option<usize> {
            if n == 0 || !(lo..=hi).contains(&v) {
                return None;
            }
            let t = if n > 1 && hi > lo {
                (v - lo) / (hi - lo)
            } else {
                0.0
            };
            // t is in [0, 1], so the rounded index is in 0..n.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let k = (t * (n - 1) as f64).round() as usize;
            Some(k.min(n - 1))
        };
        let j = index(p[0], s.x, s.nx)?;
        let i = index(p[1], s.y, s.ny)?;
        self.values.get([i, j]).copied()
    }
}

/// The loss of `layer` at one point of a toy problem.
#[must_use]
pub fn surface_cell(problem: &ShiftedCopies, layer: Layer, p: [f64; 2]) -> f64 {
    match layer {
        Layer::Train => problem.train_loss_at(p),
        Layer::Test => problem.test_loss_at(p),
        Layer::Gap => problem.test_loss_at(p) - problem.train_loss_at(p),
    }
}

/// The rows of one grid, with the work they share done once: make one per grid, then call
/// [`GridRows::fill`] for the rows in any order, on any thread (it is `Sync`); each row is a
/// pure function of (problem, layer, spec, row). This is the fast way to a whole grid.
#[derive(Clone, Debug)]
pub struct GridRows<'a> {
    problem: &'a ShiftedCopies,
    layer: Layer,
    spec: GridSpec,
    /// The training-copies plan (for `Train` and `Gap`).
    train: Option<RowPlan>,
    /// The test-copies plan (for `Test` and `Gap`).
    test: Option<RowPlan>,
}

impl<'a> GridRows<'a> {
    /// Prepares the grid `spec` of `layer`.
    #[must_use]
    pub fn new(problem: &'a ShiftedCopies, layer: Layer, spec: GridSpec) -> Self {
        let xs = spec.xs();
        let plan = |copies| Some(problem.row_plan(copies, &xs));
        let (train, test) = match layer {
            Layer::Train => (plan(Copies::Train), None),
            Layer::Test => (None, plan(Copies::Test)),
            Layer::Gap => (plan(Copies::Train), plan(Copies::Test)),
        };
        Self {
            problem,
            layer,
            spec,
            train,
            test,
        }
    }

    /// The grid these rows belong to.
    #[must_use]
    pub fn spec(&self) -> &GridSpec {
        &self.spec
    }

    /// Fills `out` (length `spec.nx`) with row `row`: `out[j]` is the loss at
    /// `(x_at(j), y_at(row))`.
    pub fn fill(&self, row: usize, out: &mut [f64]) {
        let y = self.spec.y_at(row);
        match (self.layer, &self.train, &self.test) {
            (Layer::Train, Some(train), _) => self.problem.row_values(train, y, out),
            (Layer::Test, _, Some(test)) => self.problem.row_values(test, y, out),
            (Layer::Gap, Some(train), Some(test)) => {
                let mut train_row = vec![0.0; out.len()];
                self.problem.row_values(train, y, &mut train_row);
                self.problem.row_values(test, y, out);
                for (v, t) in out.iter_mut().zip(&train_row) {
                    *v -= t;
                }
            }
            // `new` always makes the plans its layer needs.
            _ => {
                for (j, v) in out.iter_mut().enumerate() {
                    *v = surface_cell(self.problem, self.layer, [self.spec.x_at(j), y]);
                }
            }
        }
    }
}

/// Fills `out` (length `spec.nx`) with row `row` of the grid, cell by cell. For a whole
/// grid use [`GridRows`]: it shares the per-column work between rows, which makes
/// `sharp_flat` grids about 15× and Ackley grids about 2× faster (the closed-form surfaces
/// cost the same either way). The two agree to rounding (about 1e-15 relative).
pub fn surface_row(
    problem: &ShiftedCopies,
    layer: Layer,
    spec: &GridSpec,
    row: usize,
    out: &mut [f64],
) {
    let y = spec.y_at(row);
    for (j, v) in out.iter_mut().enumerate() {
        *v = surface_cell(problem, layer, [spec.x_at(j), y]);
    }
}

/// Assembles rows (each of length `spec.nx`, in order) into a [`Grid`].
#[must_use]
pub fn grid_from_rows(spec: GridSpec, layer: Layer, rows: Vec<Vec<f64>>) -> Grid {
    let flat: Vec<f64> = rows.into_iter().flatten().collect();
    let values = Array2::from_shape_vec((spec.ny, spec.nx), flat)
        .unwrap_or_else(|_| Array2::from_elem((spec.ny, spec.nx), f64::NAN));
    Grid {
        spec,
        layer,
        values,
    }
}

/// The whole grid, sequentially (the jobs layer runs rows in parallel instead).
#[must_use]
pub fn surface_grid(problem: &ShiftedCopies, layer: Layer, spec: GridSpec) -> Grid {
    let rows_of = GridRows::new(problem, layer, spec);
    let rows = (0..spec.ny)
        .map(|i| {
            let mut row = vec![0.0; spec.nx];
            rows_of.fill(i, &mut row);
            row
        })
        .collect();
    grid_from_rows(spec, layer, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::surface::{Surface, SurfaceKind};

    fn rosenbrock(noise: f64) -> ShiftedCopies {
        ShiftedCopies::new(Surface::new(SurfaceKind::Rosenbrock), 16, noise, 32, 3)
    }

    #[test]
    fn value_near_picks_the_nearest_point_inside_only() {
        let spec = GridSpec {
            x: [0.0, 2.0],
            y: [-1.0, 1.0],
            nx: 3,
            ny: 5,
        };
        let values = Array2::from_shape_fn((5, 3), |(i, j)| (10 * i + j) as f64);
        let grid = Grid {
            spec,
            layer: Layer::Train,
            values,
        };
        // x = 1.2 is nearest column 1 (x = 1); y = 0.6 nearest row 3 (y = 0.5).
        assert_eq!(grid.value_near([1.2, 0.6]), Some(31.0));
        assert_eq!(grid.value_near([0.0, -1.0]), Some(0.0));
        assert_eq!(grid.value_near([2.0, 1.0]), Some(42.0));
        assert_eq!(grid.value_near([2.1, 0.0]), None);
        assert_eq!(grid.value_near([f64::NAN, 0.0]), None);
    }

    #[test]
    fn rows_are_y_and_columns_are_x() {
        // Rosenbrock is not symmetric under swapping x and y, so a transposed grid fails.
        let problem = rosenbrock(0.0);
        let spec = GridSpec {
            x: [0.0, 2.0],
            y: [-1.0, 1.0],
            nx: 3,
            ny: 5,
        };
        let grid = surface_grid(&problem, Layer::Train, spec);
        assert_eq!(grid.values.dim(), (5, 3));
        assert_eq!(spec.xs(), vec![0.0, 1.0, 2.0]);
        assert_eq!(spec.ys(), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        // Row 0 is the lowest y, column 2 the largest x: f(2, −1) = 1 + 100·25.
        assert_eq!(grid.values[[0, 2]], 2501.0);
        // f(1, 1) = 0 at row 4, column 1; f(0, −0.5) = 1 + 25 at row 1, column 0.
        assert_eq!(grid.values[[4, 1]], 0.0);
        assert_eq!(grid.values[[1, 0]], 26.0);
        for i in 0..spec.ny {
            for j in 0..spec.nx {
                let expected = problem.train_loss_at([spec.x_at(j), spec.y_at(i)]);
                assert_eq!(grid.values[[i, j]], expected, "cell ({i}, {j})");
            }
        }
    }

    #[test]
    fn end_points_are_exact() {
        let spec = GridSpec::square([-1.5, 2.0], [-1.2, 1.2], 256);
        assert_eq!((spec.x_at(0), spec.x_at(255)), (-1.5, 2.0));
        assert_eq!((spec.y_at(0), spec.y_at(255)), (-1.2, 1.2));
        let xs = spec.xs();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        // A degenerate request still gives a 2×2 grid over the window.
        let tiny = GridSpec::square([0.0, 1.0], [0.0, 1.0], 0);
        assert_eq!((tiny.nx, tiny.ny, tiny.xs()), (2, 2, vec![0.0, 1.0]));
    }

    #[test]
    fn coarse_keeps_the_window_at_lower_resolution() {
        let spec = GridSpec {
            x: [-2.0, 2.0],
            y: [-1.0, 3.0],
            nx: 256,
            ny: 200,
        };
        let coarse = spec.coarse(4);
        assert_eq!((coarse.nx, coarse.ny), (64, 50));
        assert_eq!((coarse.x, coarse.y), (spec.x, spec.y));
        assert_eq!(coarse.x_at(63), 2.0);
        assert_eq!(spec.coarse(1), spec);
        assert_eq!(spec.coarse(0), spec);
        let floor = spec.coarse(1000);
        assert_eq!((floor.nx, floor.ny), (2, 2));
    }

    #[test]
    fn gap_is_test_minus_train() {
        let problem = rosenbrock(0.3);
        let spec = GridSpec::square([-2.0, 2.0], [-1.0, 3.0], 9);
        let train = surface_grid(&problem, Layer::Train, spec);
        let test = surface_grid(&problem, Layer::Test, spec);
        let gap = surface_grid(&problem, Layer::Gap, spec);
        assert_eq!(gap.layer, Layer::Gap);
        assert_eq!(gap.values, &test.values - &train.values);
        // With σ > 0 the train and test copies differ, so the gap is not zero.
        assert!(gap.values.iter().any(|v| v.abs() > 1e-3));
        // With σ = 0 they coincide exactly.
        let exact = surface_grid(&rosenbrock(0.0), Layer::Gap, spec);
        assert!(exact.values.iter().all(|&v| v == 0.0));
    }

    #[test]
    fn rows_assemble_in_order() {
        let problem = rosenbrock(0.2);
        let spec = GridSpec::square([-1.0, 1.0], [0.0, 2.0], 6);
        // Rows computed in any order (here last to first) assemble into the same grid.
        let mut rows = vec![Vec::new(); spec.ny];
        for i in (0..spec.ny).rev() {
            let mut row = vec![0.0; spec.nx];
            surface_row(&problem, Layer::Test, &spec, i, &mut row);
            rows[i] = row;
        }
        let assembled = grid_from_rows(spec, Layer::Test, rows);
        assert_eq!(assembled, surface_grid(&problem, Layer::Test, spec));
        // Rows of the wrong length give a grid of NaN rather than a panic.
        let broken = grid_from_rows(spec, Layer::Test, vec![vec![1.0; 3]]);
        assert!(broken.values.iter().all(|v| v.is_nan()));
        assert_eq!(broken.finite_range(), None);
    }

    /// The shared-work rows agree with evaluating every cell on its own, for every surface
    /// and layer (odd sizes exercise the remainders of the unrolled sums).
    #[test]
    fn grid_rows_match_cell_by_cell() {
        for kind in SurfaceKind::ALL {
            for noise in [0.0, 0.3] {
                let problem = ShiftedCopies::new(Surface::new(kind), 37, noise, 53, 8);
                let (x, y) = kind.default_view();
                let spec = GridSpec {
                    x,
                    y,
                    nx: 13,
                    ny: 7,
                };
                for layer in Layer::ALL {
                    let grid = surface_grid(&problem, layer, spec);
                    for i in 0..spec.ny {
                        for j in 0..spec.nx {
                            let p = [spec.x_at(j), spec.y_at(i)];
                            let cell = surface_cell(&problem, layer, p);
                            let scale = 1.0 + problem.train_loss_at(p).abs();
                            assert!(
                                (grid.values[[i, j]] - cell).abs() <= 1e-12 * scale,
                                "{kind:?} σ={noise} {layer:?} at {p:?}: {} vs {cell}",
                                grid.values[[i, j]]
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn grid_rows_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<GridRows<'static>>();
        shareable::<ShiftedCopies>();
        shareable::<Grid>();
    }

    #[test]
    fn finite_range_skips_non_finite_cells() {
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 2);
        let grid = |values: Vec<f64>| Grid {
            spec,
            layer: Layer::Train,
            values: Array2::from_shape_vec((2, 2), values).expect("2×2"),
        };
        assert_eq!(
            grid(vec![3.0, f64::NAN, -1.5, f64::INFINITY]).finite_range(),
            Some((-1.5, 3.0))
        );
        assert_eq!(
            grid(vec![2.0, 2.0, 2.0, 2.0]).finite_range(),
            Some((2.0, 2.0))
        );
        assert_eq!(
            grid(vec![f64::NAN, f64::NEG_INFINITY, f64::NAN, f64::INFINITY]).finite_range(),
            None
        );
    }
}
