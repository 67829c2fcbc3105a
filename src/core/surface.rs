//! Analytic 2-D test surfaces with gradients and Hessians, and the toy problem built from one:
//! a dataset of shifted copies (DESIGN.md, "Toy surfaces with a real batch size").
//!
//! `L_train(w) = (1/N) Σ f(w − σξ_i)`, `L_test(w) = (1/M) Σ f(w − σζ_j)` with seeded Gaussian
//! shifts, so a mini-batch gradient is a real mean of per-sample gradients whose noise shrinks
//! as 1/√B. With σ = 0 every copy is `f` itself and all batch sizes agree exactly.

use serde::{Deserialize, Serialize};

use crate::core::objective::{Batch, Objective};

/// The built-in test functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurfaceKind {
    /// (1−x)² + 100(y−x²)².
    Rosenbrock,
    /// Beale.
    Beale,
    /// Himmelblau.
    Himmelblau,
    /// Rastrigin (n = 2).
    Rastrigin,
    /// Ackley.
    Ackley,
    /// Booth.
    Booth,
    /// Six-hump camel.
    SixHumpCamel,
    /// Goldstein–Price.
    GoldsteinPrice,
    /// x² − y².
    Saddle,
    /// ½(κx² + y²), condition number κ.
    Quadratic,
    /// basin's own: a narrow dimple on the slope of a wide basin.
    SharpFlat,
}

/// A surface: its kind and parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Which function.
    pub kind: SurfaceKind,
    /// Condition number κ of [`SurfaceKind::Quadratic`] (≥ 1); ignored by the others.
    pub condition: f64,
}

impl Surface {
    /// The surface `kind` with the default κ = 10.
    #[must_use]
    pub const fn new(kind: SurfaceKind) -> Self {
        Self {
            kind,
            condition: 10.0,
        }
    }

    /// f(p).
    #[must_use]
    pub fn value(&self, p: [f64; 2]) -> f64 {
        let _ = p;
        0.0
    }

    /// ∇f(p).
    #[must_use]
    pub fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        let _ = p;
        [0.0, 0.0]
    }

    /// The Hessian ∇²f(p), row-major.
    #[must_use]
    pub fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let _ = p;
        [[0.0, 0.0], [0.0, 0.0]]
    }
}

impl SurfaceKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 11] = [
        Self::Rosenbrock,
        Self::Beale,
        Self::Himmelblau,
        Self::Rastrigin,
        Self::Ackley,
        Self::Booth,
        Self::SixHumpCamel,
        Self::GoldsteinPrice,
        Self::Saddle,
        Self::Quadratic,
        Self::SharpFlat,
    ];

    /// The preset name (`"six_hump_camel"`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Rosenbrock => "rosenbrock",
            Self::Beale => "beale",
            Self::Himmelblau => "himmelblau",
            Self::Rastrigin => "rastrigin",
            Self::Ackley => "ackley",
            Self::Booth => "booth",
            Self::SixHumpCamel => "six_hump_camel",
            Self::GoldsteinPrice => "goldstein_price",
            Self::Saddle => "saddle",
            Self::Quadratic => "quadratic",
            Self::SharpFlat => "sharp_flat",
        }
    }

    /// Parses a preset name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The display name (`"Six-hump camel"`).
    #[must_use]
    pub fn title(self) -> &'static str {
        ""
    }

    /// The formula, for tooltips and figure captions.
    #[must_use]
    pub fn formula(self) -> &'static str {
        ""
    }

    /// The usual plotting window `(x range, y range)`.
    #[must_use]
    pub fn default_view(self) -> ([f64; 2], [f64; 2]) {
        ([-2.0, 2.0], [-2.0, 2.0])
    }

    /// A start point that shows the surface's character.
    #[must_use]
    pub fn default_start(self) -> [f64; 2] {
        [-1.0, 1.0]
    }

    /// Whether the values span decades, so the colour scale should be logarithmic.
    #[must_use]
    pub fn log_scale(self) -> bool {
        false
    }
}

/// A toy problem: N training copies and M test copies of a surface, shifted by σ·ξ.
#[derive(Clone, Debug)]
pub struct ShiftedCopies {
    surface: Surface,
    noise: f64,
    /// Training shifts σξ_i, length N.
    train_shifts: Vec<[f64; 2]>,
    /// Test shifts σζ_j, length M.
    test_shifts: Vec<[f64; 2]>,
}

impl ShiftedCopies {
    /// N = `samples` training copies and M = `test_samples` test copies with shift spread
    /// `noise`, drawn from the streams of `seed`.
    #[must_use]
    pub fn new(
        surface: Surface,
        samples: usize,
        noise: f64,
        test_samples: usize,
        seed: u64,
    ) -> Self {
        let _ = seed;
        Self {
            surface,
            noise,
            train_shifts: vec![[0.0; 2]; samples.max(1)],
            test_shifts: vec![[0.0; 2]; test_samples.max(1)],
        }
    }

    /// The underlying surface.
    #[must_use]
    pub fn surface(&self) -> Surface {
        self.surface
    }

    /// σ.
    #[must_use]
    pub fn noise(&self) -> f64 {
        self.noise
    }

    /// Full-batch training loss at a point.
    #[must_use]
    pub fn train_loss_at(&self, p: [f64; 2]) -> f64 {
        self.surface.value(p)
    }

    /// Test (population) loss at a point.
    #[must_use]
    pub fn test_loss_at(&self, p: [f64; 2]) -> f64 {
        self.surface.value(p)
    }

    /// Hessian of the full-batch training loss at a point.
    #[must_use]
    pub fn train_hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        self.surface.hessian(p)
    }
}

impl Objective for ShiftedCopies {
    fn dim(&self) -> usize {
        2
    }

    fn n_train(&self) -> usize {
        self.train_shifts.len()
    }

    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        let _ = batch;
        let g = self.surface.gradient([theta[0], theta[1]]);
        grad[0] = g[0];
        grad[1] = g[1];
        self.surface.value([theta[0], theta[1]])
    }

    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        let _ = batch;
        self.surface.value([theta[0], theta[1]])
    }

    fn test_loss(&self, theta: &[f64]) -> f64 {
        self.test_loss_at([theta[0], theta[1]])
    }
}
