//! A plane through parameter space, `θ(a, b) = θ₀ + a·d₁ + b·d₂`, and the loss landscape on it
//! (Goodfellow, Vinyals & Saxe 2015; Li et al. 2018): coordinates of any point by least squares,
//! its distance from the plane (a projected trajectory leaves the plane; this says how far), and
//! grids evaluated one row at a time.
//!
//! Orientation, as for toy surfaces ([`crate::core::landscape`]): column j is `a = x_at(j)`
//! along d₁, row i is `b = y_at(i)` along d₂, so `values[[i, j]]` is the loss at
//! `θ₀ + x[j]·d₁ + y[i]·d₂`.
//!
//! Every cell is a pure function of (objective, plane, layer, cell): the parameters are
//! formed in f64 by one formula ([`Plane::params_from_plane_into`]) and the loss is a
//! sequential full-batch pass, so rows may be computed in any order on any number of threads
//! (the jobs layer does that; nothing here spawns threads) and give the same bits.
//! [`MlpRows`] is the fast path for networks: the same numbers as [`Plane::layer_row`] on an
//! [`Mlp`], without allocating per cell. [`NetworkPlane`] is a plane of the Network lab with
//! the runs projected onto it (what the app draws, the CLI and the figures export).

use crate::core::landscape::{Grid, GridSpec, Layer, grid_from_rows};
use crate::core::objective::{Batch, Objective};

use super::mlp::{DataSplit, Mlp, Scratch, params_f32};

/// A plane that cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PlaneError {
    /// Vectors of different lengths.
    #[error(
        "plane vectors have lengths {origin} (origin), {d1} (d1), {d2} (d2); expected one length"
    )]
    Lengths {
        /// Length of the origin.
        origin: usize,
        /// Length of d₁.
        d1: usize,
        /// Length of d₂.
        d2: usize,
    },
    /// A non-finite entry.
    #[error("the plane's {vector} has a non-finite entry at index {index}")]
    NotFinite {
        /// `origin`, `d1` or `d2`.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        vector: crate::core::wire::Name,
        /// Where.
        index: usize,
    },
    /// Zero or parallel directions.
    #[error("d1 and d2 must be non-zero and not parallel (|cos| = {cos:.6})")]
    Degenerate {
        /// |cos ∠(d₁, d₂)| (NaN when a direction is zero).
        cos: f64,
    },
}

/// `θ(a, b) = origin + a·d1 + b·d2`, with d₁ and d₂ independent (not necessarily orthogonal
/// or unit: a filter-normalized pair is neither).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Plane {
    origin: Vec<f64>,
    d1: Vec<f64>,
    d2: Vec<f64>,
    /// Gram matrix entries ⟨d₁,d₁⟩, ⟨d₁,d₂⟩, ⟨d₂,d₂⟩.
    gram: [f64; 3],
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Plane {
    /// The plane through `origin` spanned by `d1` and `d2`.
    ///
    /// ```
    /// use basin::core::network::plane::Plane;
    /// let plane = Plane::new(vec![1.0, 1.0, 1.0], vec![1.0, 0.0, 0.0], vec![1.0, 1.0, 0.0])?;
    /// assert_eq!(plane.params_from_plane(2.0, -1.0), vec![2.0, 0.0, 1.0]);
    /// // (2, 0, 4) is 3 above the point (2, 0, 1) of the plane, at (a, b) = (2, −1).
    /// assert_eq!(plane.plane_from_params(&[2.0, 0.0, 4.0]), [2.0, -1.0]);
    /// assert_eq!(plane.distance_from_plane(&[2.0, 0.0, 4.0]), 3.0);
    /// # Ok::<(), basin::core::network::plane::PlaneError>(())
    /// ```
    ///
    /// # Errors
    /// Vectors of different lengths, a non-finite entry, or directions that are zero or
    /// parallel (|cos| > 1 − 1e-12).
    pub fn new(origin: Vec<f64>, d1: Vec<f64>, d2: Vec<f64>) -> Result<Self, PlaneError> {
        if origin.len() != d1.len() || origin.len() != d2.len() {
            return Err(PlaneError::Lengths {
                origin: origin.len(),
                d1: d1.len(),
                d2: d2.len(),
            });
        }
        for (vector, v) in [("origin", &origin), ("d1", &d1), ("d2", &d2)] {
            if let Some(index) = v.iter().position(|x| !x.is_finite()) {
                return Err(PlaneError::NotFinite { vector, index });
            }
        }
        let gram = [dot(&d1, &d1), dot(&d1, &d2), dot(&d2, &d2)];
        let cos = gram[1].abs() / (gram[0] * gram[2]).sqrt();
        if !(gram[0] > 0.0 && gram[2] > 0.0 && cos < 1.0 - 1e-12) {
            return Err(PlaneError::Degenerate { cos });
        }
        Ok(Self {
            origin,
            d1,
            d2,
            gram,
        })
    }

    /// θ₀, where `(a, b) = (0, 0)`.
    #[must_use]
    pub fn origin(&self) -> &[f64] {
        &self.origin
    }

    /// d₁, the direction of `a` (grid columns).
    #[must_use]
    pub fn d1(&self) -> &[f64] {
        &self.d1
    }

    /// d₂, the direction of `b` (grid rows).
    #[must_use]
    pub fn d2(&self) -> &[f64] {
        &self.d2
    }

    /// Number of parameters.
    #[must_use]
    pub fn dim(&self) -> usize {
        self.origin.len()
    }

    /// Writes `θ₀ + a·d₁ + b·d₂` into `out` (length `dim()`; extra entries are left alone).
    pub fn params_from_plane_into(&self, a: f64, b: f64, out: &mut [f64]) {
        for (((o, &t0), &u), &v) in out.iter_mut().zip(&self.origin).zip(&self.d1).zip(&self.d2) {
            *o = t0 + a * u + b * v;
        }
    }

    /// `θ₀ + a·d₁ + b·d₂`.
    #[must_use]
    pub fn params_from_plane(&self, a: f64, b: f64) -> Vec<f64> {
        let mut out = vec![0.0; self.dim()];
        self.params_from_plane_into(a, b, &mut out);
        out
    }

    /// The plane coordinates `(a, b)` of the point of the plane nearest to `theta` (least
    /// squares: `(a, b)` solves the 2×2 normal equations of d₁, d₂). For orthonormal
    /// directions this is the projection `(⟨θ−θ₀, d₁⟩, ⟨θ−θ₀, d₂⟩)`. NaN if `theta` has the
    /// wrong length.
    #[must_use]
    pub fn plane_from_params(&self, theta: &[f64]) -> [f64; 2] {
        if theta.len() != self.dim() {
            return [f64::NAN; 2];
        }
        let (mut r1, mut r2) = (0.0, 0.0);
        for (((&t, &t0), &u), &v) in theta.iter().zip(&self.origin).zip(&self.d1).zip(&self.d2) {
            let r = t - t0;
            r1 += u * r;
            r2 += v * r;
        }
        let [g11, g12, g22] = self.gram;
        let det = g11 * g22 - g12 * g12;
        [(g22 * r1 - g12 * r2) / det, (g11 * r2 - g12 * r1) / det]
    }

    /// The point of the plane nearest to `theta`: the parameters whose loss the surface
    /// shows under a projected trajectory point (compare it with the loss at `theta` itself
    /// to see what the projection hides). NaN entries if `theta` has the wrong length.
    #[must_use]
    pub fn nearest_on_plane(&self, theta: &[f64]) -> Vec<f64> {
        let [a, b] = self.plane_from_params(theta);
        self.params_from_plane(a, b)
    }

    /// The Euclidean distance from `theta` to the plane (how far a projected point really
    /// is from the surface drawn under it). NaN if `theta` has the wrong length.
    #[must_use]
    pub fn distance_from_plane(&self, theta: &[f64]) -> f64 {
        let [a, b] = self.plane_from_params(theta);
        if !(a.is_finite() && b.is_finite()) {
            return f64::NAN;
        }
        let on_plane = self.params_from_plane(a, b);
        theta
            .iter()
            .zip(&on_plane)
            .map(|(t, p)| (t - p) * (t - p))
            .sum::<f64>()
            .sqrt()
    }

    /// Plane coordinates of every point of a trajectory's parameters (shape `[points, dim]`
    /// row-major, as in [`crate::core::train::Trajectory::params`]).
    #[must_use]
    pub fn project_points(&self, params: &[f64]) -> Vec<[f64; 2]> {
        params
            .chunks_exact(self.dim().max(1))
            .map(|p| self.plane_from_params(p))
            .collect()
    }

    /// Row `i` of the full-batch training-loss grid: `out[j]` (length `spec.nx`) is the loss
    /// at `θ₀ + x_at(j)·d₁ + y_at(i)·d₂`.
    pub fn row(&self, objective: &dyn Objective, spec: &GridSpec, i: usize, out: &mut [f64]) {
        self.layer_row(objective, Layer::Train, spec, i, out);
    }

    /// Row `i` of the grid of `layer`: the full-batch training loss, the test loss, or test
    /// minus train. NaN cells if the objective's dimension differs from the plane's.
    pub fn layer_row(
        &self,
        objective: &dyn Objective,
        layer: Layer,
        spec: &GridSpec,
        i: usize,
        out: &mut [f64],
    ) {
        let b = spec.y_at(i);
        let mut theta = vec![0.0; self.dim()];
        for (j, cell) in out.iter_mut().enumerate() {
            if objective.dim() != self.dim() {
                *cell = f64::NAN;
                continue;
            }
            self.params_from_plane_into(spec.x_at(j), b, &mut theta);
            *cell = match layer {
                Layer::Train => objective.loss(&theta, Batch::Full),
                Layer::Test => objective.test_loss(&theta),
                Layer::Gap => objective.test_loss(&theta) - objective.loss(&theta, Batch::Full),
            };
        }
    }

    /// The whole grid of `layer`, row after row (the jobs layer runs rows in parallel).
    #[must_use]
    pub fn grid(&self, objective: &dyn Objective, layer: Layer, spec: GridSpec) -> Grid {
        let rows = (0..spec.ny)
            .map(|i| {
                let mut row = vec![0.0; spec.nx];
                self.layer_row(objective, layer, &spec, i, &mut row);
                row
            })
            .collect();
        grid_from_rows(spec, layer, rows)
    }
}

/// The plane of a network experiment's view and every run's coordinates on it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NetworkPlane {
    /// `θ(a, b) = θ₀ + a·d₁ + b·d₂`.
    pub plane: Plane,
    /// Per run, the plane coordinates `(a, b)` of every recorded point.
    pub coords: Vec<Vec<[f64; 2]>>,
    /// For the PCA plane, the explained variance ratio of each axis.
    pub explained_variance_ratio: Option<[f64; 2]>,
    /// For the Hessian plane, λ₁ ≥ λ₂, the eigenvalues of its unit directions d₁, d₂.
    pub eigenvalues: Option<[f64; 2]>,
    /// Per run and point, the distance ‖θ − θ_plane‖ from the point to the plane.
    pub distances: Vec<Vec<f64>>,
    /// Per run and point, the full-batch training loss at the projected point: the surface
    /// value drawn under the path (compare with the true loss at the point).
    pub plane_losses: Vec<Vec<f64>>,
}

impl NetworkPlane {
    /// The length in plane coordinates of one unit of the view's range (`view.x`, `view.y`):
    /// 1, except on the Hessian plane, whose unit directions make the range count in steps
    /// of [`super::directions::hessian_range_unit`] of λ₁.
    #[must_use]
    pub fn range_unit(&self) -> f64 {
        self.eigenvalues
            .map_or(1.0, |[l1, _]| super::directions::hessian_range_unit(l1))
    }

    /// The view's range `range` in plane coordinates ([`NetworkPlane::range_unit`]).
    #[must_use]
    pub fn scaled_range(&self, range: [f64; 2]) -> [f64; 2] {
        let unit = self.range_unit();
        [range[0] * unit, range[1] * unit]
    }
}

/// The rows of one network landscape grid: the same numbers as [`Plane::layer_row`] on the
/// [`Mlp`], with the buffers of the forward pass reused across the cells of a row. `Sync`:
/// share one between threads and call [`MlpRows::fill`] for rows in any order.
#[derive(Clone, Copy, Debug)]
pub struct MlpRows<'a> {
    mlp: &'a Mlp,
    plane: &'a Plane,
    layer: Layer,
    spec: GridSpec,
}

impl<'a> MlpRows<'a> {
    /// The grid `spec` of `layer` for `mlp` on `plane`.
    #[must_use]
    pub fn new(mlp: &'a Mlp, plane: &'a Plane, layer: Layer, spec: GridSpec) -> Self {
        Self {
            mlp,
            plane,
            layer,
            spec,
        }
    }

    /// The grid these rows belong to.
    #[must_use]
    pub fn spec(&self) -> &GridSpec {
        &self.spec
    }

    /// Fills `out` (length `spec.nx`) with row `row`. NaN cells if the network's parameter
    /// count differs from the plane's dimension.
    pub fn fill(&self, row: usize, out: &mut [f64]) {
        let mut scratch = Scratch::default();
        let mut theta = vec![0.0; self.plane.dim()];
        let b = self.spec.y_at(row);
        let matches = self.mlp.architecture().dim() == self.plane.dim();
        for (j, cell) in out.iter_mut().enumerate() {
            if !matches {
                *cell = f64::NAN;
                continue;
            }
            self.plane
                .params_from_plane_into(self.spec.x_at(j), b, &mut theta);
            let params = params_f32(&theta);
            let mut loss = |which| self.mlp.loss_f32(&params, which, &mut scratch);
            *cell = match self.layer {
                Layer::Train => loss(DataSplit::Train),
                Layer::Test => loss(DataSplit::Test),
                Layer::Gap => loss(DataSplit::Test) - loss(DataSplit::Train),
            };
        }
    }

    /// The whole grid, sequentially.
    #[must_use]
    pub fn grid(&self) -> Grid {
        let rows = (0..self.spec.ny)
            .map(|i| {
                let mut row = vec![0.0; self.spec.nx];
                self.fill(i, &mut row);
                row
            })
            .collect();
        grid_from_rows(self.spec, self.layer, rows)
    }
}
