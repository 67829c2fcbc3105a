//! Loss landscapes on a grid: for toy surfaces the plane is the parameter plane itself
//! (θ₁, θ₂). Each cell is a pure function of (objective, layer, cell), so callers may
//! evaluate rows in any order on any number of threads and get the same picture.
//!
//! Orientation (the `basin landscape` contract): `values[[i, j]]` is the loss at
//! `(x[j], y[i])`; row 0 is the lowest y.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::core::surface::ShiftedCopies;

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
#[derive(Clone, Copy, Debug, PartialEq)]
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
    range[0] + (range[1] - range[0]) * t
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
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Where the samples are.
    pub spec: GridSpec,
    /// Which surface.
    pub layer: Layer,
    /// Losses, shape `[ny, nx]`: `values[[i, j]]` at `(x_at(j), y_at(i))`.
    pub values: Array2<f64>,
}

impl Grid {
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

/// Fills `out` (length `spec.nx`) with row `row` of the grid.
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
    let rows = (0..spec.ny)
        .map(|i| {
            let mut row = vec![0.0; spec.nx];
            surface_row(problem, layer, &spec, i, &mut row);
            row
        })
        .collect();
    grid_from_rows(spec, layer, rows)
}
