//! Analytic 2-D test surfaces with gradients and Hessians, and the toy problem built from one:
//! a dataset of shifted copies, so that a toy surface has a real batch size.
//!
//! `L_train(w) = (1/N) Σ f(w − σξ_i)`, `L_test(w) = (1/M) Σ f(w − σζ_j)` with seeded Gaussian
//! shifts, so a mini-batch gradient is a real mean of per-sample gradients whose noise shrinks
//! as 1/√B. With σ = 0 every copy is `f` itself and all batch sizes agree exactly.
//!
//! Speed: mini-batches are summed sample by sample, but the full-batch and test surfaces (the
//! landscape grids, and the losses recorded at every training step) are evaluated in closed
//! form wherever one exists, independent of N and M:
//! - a polynomial surface (Rosenbrock, Beale, Himmelblau, Booth, six-hump camel,
//!   Goldstein–Price, saddle, quadratic) averaged over shifts is `f(w) + h(w)`, where the
//!   correction polynomial `h` has coefficients built once from the shift moments
//!   `m_kl = mean a^k b^l` (binomial expansion of `(x − a)^p (y − b)^q`). `f` keeps its
//!   natural, well-conditioned formula and `h` is `O(σ)`, so nothing is lost to cancellation,
//!   and with σ = 0 `h` vanishes identically;
//! - Rastrigin is separable: the mean of `cos 2π(x − a_i)` is `cos 2πx · C + sin 2πx · S` with
//!   the precomputed `C = mean cos 2πa_i`, `S = mean sin 2πa_i`;
//! - Ackley and `sharp_flat` have no such form and are summed over the samples.
//!
//! - a custom surface ([`SurfaceKind::Custom`], a typed [`Formula`]) that is a polynomial
//!   (+ − ×, division by constants, integer powers, degree ≤ 8 in x and in y) is rebuilt as
//!   one and gets the closed form above; any other is summed over the samples,
//!   [`crate::core::formula::LANES`] copies at a time through the formula's vectorised
//!   interpreter. Its gradients and Hessians come from hyper-dual numbers.
//!
//! Pure numerics: no threads, no egui, no files.

use std::sync::Arc;

use rand_distr::{Distribution as _, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::core::formula::Formula;
use crate::core::objective::{Batch, Objective};
use crate::core::rng::{self, stream};

use std::f64::consts::{E, PI, TAU};

/// The built-in test functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurfaceKind {
    /// (1−x)² + 100(y−x²)².
    Rosenbrock,
    /// Beale: (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
    Beale,
    /// Himmelblau: (x² + y − 11)² + (x + y² − 7)², four global minima.
    Himmelblau,
    /// Rastrigin (n = 2): 20 + Σ (x_i² − 10 cos 2πx_i), a grid of local minima.
    Rastrigin,
    /// Ackley: a cone with a dimpled floor, minimum 0 at the origin.
    Ackley,
    /// Booth: (x + 2y − 7)² + (2x + y − 5)², a tilted convex bowl.
    Booth,
    /// Six-hump camel: two global minima among six.
    SixHumpCamel,
    /// Goldstein–Price: minimum 3 at (0, −1), values over six decades.
    GoldsteinPrice,
    /// x² − y².
    Saddle,
    /// ½(κx² + y²), condition number κ.
    Quadratic,
    /// basin's own: a narrow dimple on the slope of a wide basin,
    /// `f(w) = 1 − A₁ exp(−‖w − c₁‖²/2s₁²) − A₂ exp(−‖w − c₂‖²/2s₂²)` with the narrow well
    /// A₁ = 0.5, s₁ = 0.12, c₁ = (−0.6, 0) ([`NARROW_WELL`]) and the wide well A₂ = 0.8,
    /// s₂ = 1, c₂ = (0.5, 0) ([`WIDE_WELL`]). The dimple is the deeper minimum (f ≈ 0.0598 at
    /// (−0.586, 0) against 0.2 at (0.5, 0)) and leaving it means rolling downhill into the
    /// basin, with no second barrier. With shifted copies (σ > 0) the dimple's training
    /// minimum pays a large test loss for its offset, the basin hardly any: the picture of
    /// Keskar et al. 2017.
    SharpFlat,
    /// A formula typed by the user ([`Surface::formula`]). Not in [`SurfaceKind::ALL`]
    /// (the built-in kinds).
    Custom,
}

/// One Gaussian well of [`SurfaceKind::SharpFlat`]: it subtracts
/// `depth · exp(−‖w − centre‖² / 2 width²)` from 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Well {
    /// Depth A.
    pub depth: f64,
    /// Width s (standard deviation of the Gaussian).
    pub width: f64,
    /// Centre c.
    pub centre: [f64; 2],
}

impl Well {
    /// The curvature `A / s²` at the centre of the well alone (its Hessian there is this
    /// times the identity).
    #[must_use]
    pub fn curvature(&self) -> f64 {
        self.depth / (self.width * self.width)
    }
}

/// The sharp well of `sharp_flat`: A₁ = 0.5, s₁ = 0.12, c₁ = (−0.6, 0).
pub const NARROW_WELL: Well = Well {
    depth: 0.5,
    width: 0.12,
    centre: [-0.6, 0.0],
};

/// The flat well of `sharp_flat`: A₂ = 0.8, s₂ = 1.0, c₂ = (0.5, 0).
pub const WIDE_WELL: Well = Well {
    depth: 0.8,
    width: 1.0,
    centre: [0.5, 0.0],
};

/// A surface: its kind and parameters. Cheap to clone (a custom formula is shared).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Surface {
    /// Which function.
    pub kind: SurfaceKind,
    /// Condition number κ of [`SurfaceKind::Quadratic`] (≥ 1); ignored by the others.
    pub condition: f64,
    /// The formula of [`SurfaceKind::Custom`]; ignored by the others. A custom surface
    /// without one is NaN everywhere (the constructors never make one).
    pub formula: Option<Arc<Formula>>,
}

type Hessian = [[f64; 2]; 2];

impl Surface {
    /// The surface `kind` with the default κ = 10.
    #[must_use]
    pub const fn new(kind: SurfaceKind) -> Self {
        Self {
            kind,
            condition: 10.0,
            formula: None,
        }
    }

    /// The custom surface f = `formula`.
    #[must_use]
    pub fn custom(formula: Arc<Formula>) -> Self {
        Self {
            formula: Some(formula),
            ..Self::new(SurfaceKind::Custom)
        }
    }

    /// The formula for captions: the typed text of a custom surface, the built-in kind's
    /// formula otherwise.
    #[must_use]
    pub fn formula_text(&self) -> &str {
        match (&self.formula, self.kind) {
            (Some(f), SurfaceKind::Custom) => f.source(),
            _ => self.kind.formula(),
        }
    }

    /// f(p).
    #[must_use]
    pub fn value(&self, p: [f64; 2]) -> f64 {
        let [x, y] = p;
        match self.kind {
            SurfaceKind::Rosenbrock => {
                let (u, v) = (1.0 - x, y - x * x);
                u * u + 100.0 * v * v
            }
            SurfaceKind::Beale => {
                let (t1, t2, t3) = beale_terms(x, y);
                t1 * t1 + t2 * t2 + t3 * t3
            }
            SurfaceKind::Himmelblau => {
                let (u, v) = (x * x + y - 11.0, x + y * y - 7.0);
                u * u + v * v
            }
            SurfaceKind::Rastrigin => {
                20.0 + x * x - 10.0 * libm::cos(TAU * x) + y * y - 10.0 * libm::cos(TAU * y)
            }
            SurfaceKind::Ackley => ackley_value(x, y),
            SurfaceKind::Booth => {
                let (u, v) = (x + 2.0 * y - 7.0, 2.0 * x + y - 5.0);
                u * u + v * v
            }
            SurfaceKind::SixHumpCamel => {
                let (x2, y2) = (x * x, y * y);
                (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2
            }
            SurfaceKind::GoldsteinPrice => goldstein_price(x, y).0,
            SurfaceKind::Saddle => x * x - y * y,
            SurfaceKind::Quadratic => 0.5 * (self.condition * x * x + y * y),
            SurfaceKind::SharpFlat => {
                1.0 - well_height(&NARROW_WELL, x, y) - well_height(&WIDE_WELL, x, y)
            }
            SurfaceKind::Custom => self.formula.as_ref().map_or(f64::NAN, |f| f.value(p)),
        }
    }

    /// ∇f(p).
    #[must_use]
    pub fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        self.value_gradient(p).1
    }

    /// f(p) and ∇f(p) together, sharing the work (the training loop's hot path).
    #[must_use]
    pub fn value_gradient(&self, p: [f64; 2]) -> (f64, [f64; 2]) {
        let [x, y] = p;
        match self.kind {
            SurfaceKind::Rosenbrock => {
                let (u, v) = (1.0 - x, y - x * x);
                (u * u + 100.0 * v * v, [-2.0 * u - 400.0 * x * v, 200.0 * v])
            }
            SurfaceKind::Beale => {
                let (t1, t2, t3) = beale_terms(x, y);
                let (y2, y3) = (y * y, y * y * y);
                let gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0));
                let gy = 2.0 * x * (t1 + 2.0 * y * t2 + 3.0 * y2 * t3);
                (t1 * t1 + t2 * t2 + t3 * t3, [gx, gy])
            }
            SurfaceKind::Himmelblau => {
                let (u, v) = (x * x + y - 11.0, x + y * y - 7.0);
                (
                    u * u + v * v,
                    [4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v],
                )
            }
            SurfaceKind::Rastrigin => {
                let (sx, cx) = libm::sincos(TAU * x);
                let (sy, cy) = libm::sincos(TAU * y);
                (
                    20.0 + x * x - 10.0 * cx + y * y - 10.0 * cy,
                    [2.0 * x + 20.0 * PI * sx, 2.0 * y + 20.0 * PI * sy],
                )
            }
            SurfaceKind::Ackley => ackley_value_gradient(x, y),
            SurfaceKind::Booth => {
                let (u, v) = (x + 2.0 * y - 7.0, 2.0 * x + y - 5.0);
                (u * u + v * v, [2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v])
            }
            SurfaceKind::SixHumpCamel => {
                let (x2, y2) = (x * x, y * y);
                (
                    (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2,
                    [
                        8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y,
                        x - 8.0 * y + 16.0 * y2 * y,
                    ],
                )
            }
            SurfaceKind::GoldsteinPrice => {
                let (f, g, _) = goldstein_price(x, y);
                (f, g)
            }
            SurfaceKind::Saddle => (x * x - y * y, [2.0 * x, -2.0 * y]),
            SurfaceKind::Quadratic => {
                let k = self.condition;
                (0.5 * (k * x * x + y * y), [k * x, y])
            }
            SurfaceKind::SharpFlat => {
                let (h1, g1) = well_height_gradient(&NARROW_WELL, x, y);
                let (h2, g2) = well_height_gradient(&WIDE_WELL, x, y);
                (1.0 - h1 - h2, [-g1[0] - g2[0], -g1[1] - g2[1]])
            }
            SurfaceKind::Custom => self
                .formula
                .as_ref()
                .map_or((f64::NAN, [f64::NAN; 2]), |f| f.value_gradient(p)),
        }
    }

    /// The Hessian ∇²f(p), row-major. Ackley's cone term has no second derivative at the
    /// origin; there only the cosine term's (finite) Hessian is returned.
    #[must_use]
    pub fn hessian(&self, p: [f64; 2]) -> Hessian {
        let [x, y] = p;
        match self.kind {
            SurfaceKind::Rosenbrock => {
                let hxx = 2.0 - 400.0 * y + 1200.0 * x * x;
                let hxy = -400.0 * x;
                [[hxx, hxy], [hxy, 200.0]]
            }
            SurfaceKind::Beale => {
                let (t1, t2, t3) = beale_terms(x, y);
                let (y2, y3) = (y * y, y * y * y);
                let (ax1, ax2, ax3) = (y - 1.0, y2 - 1.0, y3 - 1.0);
                let (ay1, ay2, ay3) = (x, 2.0 * x * y, 3.0 * x * y2);
                let hxx = 2.0 * (ax1 * ax1 + ax2 * ax2 + ax3 * ax3);
                let hxy =
                    2.0 * (ax1 * ay1 + t1 + ax2 * ay2 + 2.0 * y * t2 + ax3 * ay3 + 3.0 * y2 * t3);
                let hyy =
                    2.0 * (ay1 * ay1 + ay2 * ay2 + 2.0 * x * t2 + ay3 * ay3 + 6.0 * x * y * t3);
                [[hxx, hxy], [hxy, hyy]]
            }
            SurfaceKind::Himmelblau => {
                let (u, v) = (x * x + y - 11.0, x + y * y - 7.0);
                let hxy = 4.0 * (x + y);
                [
                    [4.0 * u + 8.0 * x * x + 2.0, hxy],
                    [hxy, 2.0 + 4.0 * v + 8.0 * y * y],
                ]
            }
            SurfaceKind::Rastrigin => {
                let c = 40.0 * PI * PI;
                [
                    [2.0 + c * libm::cos(TAU * x), 0.0],
                    [0.0, 2.0 + c * libm::cos(TAU * y)],
                ]
            }
            SurfaceKind::Ackley => ackley_hessian(x, y),
            SurfaceKind::Booth => [[10.0, 8.0], [8.0, 10.0]],
            SurfaceKind::SixHumpCamel => {
                let x2 = x * x;
                [
                    [8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0],
                    [1.0, -8.0 + 48.0 * y * y],
                ]
            }
            SurfaceKind::GoldsteinPrice => goldstein_price(x, y).2,
            SurfaceKind::Saddle => [[2.0, 0.0], [0.0, -2.0]],
            SurfaceKind::Quadratic => [[self.condition, 0.0], [0.0, 1.0]],
            SurfaceKind::SharpFlat => {
                let h1 = well_hessian(&NARROW_WELL, x, y);
                let h2 = well_hessian(&WIDE_WELL, x, y);
                [
                    [-h1[0][0] - h2[0][0], -h1[0][1] - h2[0][1]],
                    [-h1[1][0] - h2[1][0], -h1[1][1] - h2[1][1]],
                ]
            }
            SurfaceKind::Custom => self
                .formula
                .as_ref()
                .map_or([[f64::NAN; 2]; 2], |f| f.hessian(p)),
        }
    }

    /// f as a polynomial in (x, y), for the kinds that are one.
    fn polynomial(&self) -> Option<Poly> {
        let x = Poly::x();
        let y = Poly::y();
        let c = Poly::constant;
        let poly = match self.kind {
            SurfaceKind::Rosenbrock => {
                let u = c(1.0).sub(&x);
                let v = y.sub(&x.mul(&x));
                u.mul(&u).add(&v.mul(&v).scale(100.0))
            }
            SurfaceKind::Beale => {
                let xy = x.mul(&y);
                let xy2 = xy.mul(&y);
                let xy3 = xy2.mul(&y);
                let t1 = c(1.5).sub(&x).add(&xy);
                let t2 = c(2.25).sub(&x).add(&xy2);
                let t3 = c(2.625).sub(&x).add(&xy3);
                t1.mul(&t1).add(&t2.mul(&t2)).add(&t3.mul(&t3))
            }
            SurfaceKind::Himmelblau => {
                let u = x.mul(&x).add(&y).sub(&c(11.0));
                let v = x.add(&y.mul(&y)).sub(&c(7.0));
                u.mul(&u).add(&v.mul(&v))
            }
            SurfaceKind::Booth => {
                let u = x.add(&y.scale(2.0)).sub(&c(7.0));
                let v = x.scale(2.0).add(&y).sub(&c(5.0));
                u.mul(&u).add(&v.mul(&v))
            }
            SurfaceKind::SixHumpCamel => {
                let x2 = x.mul(&x);
                let y2 = y.mul(&y);
                let a = c(4.0)
                    .sub(&x2.scale(2.1))
                    .add(&x2.mul(&x2).scale(1.0 / 3.0));
                let b = c(-4.0).add(&y2.scale(4.0));
                a.mul(&x2).add(&x.mul(&y)).add(&b.mul(&y2))
            }
            SurfaceKind::GoldsteinPrice => {
                let s = x.add(&y).add(&c(1.0));
                let p = c(19.0)
                    .sub(&x.scale(14.0))
                    .add(&x.mul(&x).scale(3.0))
                    .sub(&y.scale(14.0))
                    .add(&x.mul(&y).scale(6.0))
                    .add(&y.mul(&y).scale(3.0));
                let t = x.scale(2.0).sub(&y.scale(3.0));
                let q = c(18.0)
                    .sub(&x.scale(32.0))
                    .add(&x.mul(&x).scale(12.0))
                    .add(&y.scale(48.0))
                    .sub(&x.mul(&y).scale(36.0))
                    .add(&y.mul(&y).scale(27.0));
                let a = c(1.0).add(&s.mul(&s).mul(&p));
                let b = c(30.0).add(&t.mul(&t).mul(&q));
                a.mul(&b)
            }
            SurfaceKind::Saddle => x.mul(&x).sub(&y.mul(&y)),
            SurfaceKind::Quadratic => x
                .mul(&x)
                .scale(0.5 * self.condition)
                .add(&y.mul(&y).scale(0.5)),
            SurfaceKind::Custom => return self.formula.as_ref()?.as_polynomial(),
            SurfaceKind::Rastrigin | SurfaceKind::Ackley | SurfaceKind::SharpFlat => {
                return None;
            }
        };
        Some(poly)
    }
}

fn beale_terms(x: f64, y: f64) -> (f64, f64, f64) {
    let xy = x * y;
    (1.5 - x + xy, 2.25 - x + xy * y, 2.625 - x + xy * y * y)
}

/// Goldstein–Price as `a · b` with `a = 1 + s²P`, `b = 30 + t²Q`: value, gradient, Hessian.
fn goldstein_price(x: f64, y: f64) -> (f64, [f64; 2], Hessian) {
    let s = x + y + 1.0;
    let p = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y;
    let pd = [-14.0 + 6.0 * x + 6.0 * y, -14.0 + 6.0 * x + 6.0 * y];
    let pdd = [[6.0, 6.0], [6.0, 6.0]];
    let t = 2.0 * x - 3.0 * y;
    let td = [2.0, -3.0];
    let q = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y;
    let qd = [-32.0 + 24.0 * x - 36.0 * y, 48.0 - 36.0 * x + 54.0 * y];
    let qdd = [[24.0, -36.0], [-36.0, 54.0]];

    let a = 1.0 + s * s * p;
    let b = 30.0 + t * t * q;
    let mut ad = [0.0; 2];
    let mut bd = [0.0; 2];
    for i in 0..2 {
        ad[i] = 2.0 * s * p + s * s * pd[i];
        bd[i] = 2.0 * t * td[i] * q + t * t * qd[i];
    }
    let mut h = [[0.0; 2]; 2];
    for i in 0..2 {
        for j in 0..2 {
            let add = 2.0 * p + 2.0 * s * (pd[i] + pd[j]) + s * s * pdd[i][j];
            let bdd = 2.0 * td[i] * td[j] * q
                + 2.0 * t * (td[i] * qd[j] + td[j] * qd[i])
                + t * t * qdd[i][j];
            h[i][j] = add * b + ad[i] * bd[j] + ad[j] * bd[i] + a * bdd;
        }
    }
    // The formula is symmetric in (i, j) but its rounding is not.
    h[1][0] = h[0][1];
    (a * b, [ad[0] * b + a * bd[0], ad[1] * b + a * bd[1]], h)
}

fn ackley_value(x: f64, y: f64) -> f64 {
    let r = (0.5 * (x * x + y * y)).sqrt();
    // 20(1 − e^{−0.2r}) + (e − e^{½(cos 2πx + cos 2πy)}): exactly 0 at the origin.
    -20.0 * libm::expm1(-0.2 * r) + (E - libm::exp(0.5 * (libm::cos(TAU * x) + libm::cos(TAU * y))))
}

fn ackley_value_gradient(x: f64, y: f64) -> (f64, [f64; 2]) {
    let r = (0.5 * (x * x + y * y)).sqrt();
    let (sx, cx) = libm::sincos(TAU * x);
    let (sy, cy) = libm::sincos(TAU * y);
    let cosine = libm::exp(0.5 * (cx + cy));
    let value = -20.0 * libm::expm1(-0.2 * r) + (E - cosine);
    // The cone 20(1 − e^{−0.2r}) has gradient 2e^{−0.2r}·w/r, undefined at r = 0: use 0.
    let cone = if r > 0.0 {
        2.0 * libm::exp(-0.2 * r) / r
    } else {
        0.0
    };
    (
        value,
        [cone * x + PI * sx * cosine, cone * y + PI * sy * cosine],
    )
}

fn ackley_hessian(x: f64, y: f64) -> Hessian {
    let r = (0.5 * (x * x + y * y)).sqrt();
    let (sx, cx) = libm::sincos(TAU * x);
    let (sy, cy) = libm::sincos(TAU * y);
    let cosine = libm::exp(0.5 * (cx + cy));
    let pi2 = PI * PI;
    let mut h = [
        [pi2 * cosine * (2.0 * cx - sx * sx), -pi2 * cosine * sx * sy],
        [-pi2 * cosine * sx * sy, pi2 * cosine * (2.0 * cy - sy * sy)],
    ];
    if r > 0.0 {
        // Cone gradient 2 q(r) w with q = e^{−0.2r}/r; ∂/∂w_j gives 2q δ_ij + w_i w_j q'/r.
        let e = libm::exp(-0.2 * r);
        let q = e / r;
        let dq_over_r = -e * (0.2 / r + 1.0 / (r * r)) / r;
        let w = [x, y];
        for (i, row) in h.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                let diagonal = if i == j { 2.0 * q } else { 0.0 };
                *cell += diagonal + w[i] * w[j] * dq_over_r;
            }
        }
    }
    h
}

/// `A·exp(−‖w − c‖²/2s²)`.
fn well_height(well: &Well, x: f64, y: f64) -> f64 {
    let (dx, dy) = (x - well.centre[0], y - well.centre[1]);
    well.depth * libm::exp(-(dx * dx + dy * dy) / (2.0 * well.width * well.width))
}

/// The well's height and its gradient `−height · d / s²`.
fn well_height_gradient(well: &Well, x: f64, y: f64) -> (f64, [f64; 2]) {
    let (dx, dy) = (x - well.centre[0], y - well.centre[1]);
    let s2 = well.width * well.width;
    let height = well.depth * libm::exp(-(dx * dx + dy * dy) / (2.0 * s2));
    let k = -height / s2;
    (height, [k * dx, k * dy])
}

/// The Hessian of the well's height: `height/s² · (d dᵀ/s² − I)`.
fn well_hessian(well: &Well, x: f64, y: f64) -> Hessian {
    let d = [x - well.centre[0], y - well.centre[1]];
    let s2 = well.width * well.width;
    let k = well_height(well, x, y) / s2;
    let mut h = [[0.0; 2]; 2];
    for (i, row) in h.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            let identity = if i == j { 1.0 } else { 0.0 };
            *cell = k * (d[i] * d[j] / s2 - identity);
        }
    }
    h
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
            Self::Custom => "custom",
        }
    }

    /// Parses a preset name (a built-in kind, or `"custom"`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        if name == Self::Custom.name() {
            return Some(Self::Custom);
        }
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The display name (`"Six-hump camel"`).
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Rosenbrock => "Rosenbrock",
            Self::Beale => "Beale",
            Self::Himmelblau => "Himmelblau",
            Self::Rastrigin => "Rastrigin",
            Self::Ackley => "Ackley",
            Self::Booth => "Booth",
            Self::SixHumpCamel => "Six-hump camel",
            Self::GoldsteinPrice => "Goldstein–Price",
            Self::Saddle => "Saddle",
            Self::Quadratic => "Quadratic",
            Self::SharpFlat => "Sharp vs flat",
            Self::Custom => "Custom",
        }
    }

    /// The formula, for tooltips and figure captions.
    #[must_use]
    pub fn formula(self) -> &'static str {
        match self {
            Self::Rosenbrock => "f(x, y) = (1 − x)² + 100 (y − x²)²",
            Self::Beale => "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            Self::Himmelblau => "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
            Self::Rastrigin => "f(x, y) = 20 + x² − 10 cos 2πx + y² − 10 cos 2πy",
            Self::Ackley => {
                "f(x, y) = −20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20"
            }
            Self::Booth => "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²",
            Self::SixHumpCamel => "f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (4y² − 4) y²",
            Self::GoldsteinPrice => {
                "f(x, y) = [1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · \
                 [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]"
            }
            Self::Saddle => "f(x, y) = x² − y²",
            Self::Quadratic => "f(x, y) = ½ (κ x² + y²)",
            Self::SharpFlat => {
                "f(w) = 1 − 0.5 exp(−‖w − (−0.6, 0)‖² / (2·0.12²)) − 0.8 exp(−‖w − (0.5, 0)‖² / 2)"
            }
            Self::Custom => "f(x, y) = a formula you type",
        }
    }

    /// The usual plotting window `(x range, y range)`.
    #[must_use]
    pub fn default_view(self) -> ([f64; 2], [f64; 2]) {
        match self {
            Self::Rosenbrock => ([-2.0, 2.0], [-1.0, 3.0]),
            Self::Beale | Self::Rastrigin => ([-4.5, 4.5], [-4.5, 4.5]),
            Self::Himmelblau => ([-6.0, 6.0], [-6.0, 6.0]),
            Self::Ackley => ([-5.0, 5.0], [-5.0, 5.0]),
            Self::Booth => ([-10.0, 10.0], [-10.0, 10.0]),
            Self::SixHumpCamel => ([-3.0, 3.0], [-2.0, 2.0]),
            Self::GoldsteinPrice | Self::Saddle | Self::Quadratic => ([-2.0, 2.0], [-2.0, 2.0]),
            Self::SharpFlat => ([-1.5, 2.0], [-1.2, 1.2]),
            Self::Custom => ([-3.0, 3.0], [-3.0, 3.0]),
        }
    }

    /// A start point that shows the surface's character.
    #[must_use]
    pub fn default_start(self) -> [f64; 2] {
        match self {
            Self::Rosenbrock => [-1.5, 2.0],
            Self::Beale => [3.0, 4.0],
            // Just off the central local maximum (−0.271, −0.923): optimizers pick different
            // minima.
            Self::Himmelblau => [-0.5, -1.0],
            Self::Rastrigin => [-2.0, 3.5],
            Self::Ackley => [-4.0, 3.5],
            Self::Booth => [-8.0, 8.0],
            Self::SixHumpCamel => [-2.0, 1.5],
            Self::GoldsteinPrice => [-1.5, 1.5],
            // Just off the ridge: plain GD stalls, adaptive methods escape.
            Self::Saddle => [-1.5, 1e-3],
            Self::Quadratic => [-1.5, 1.5],
            Self::SharpFlat => NARROW_WELL.centre,
            Self::Custom => [-2.0, 2.0],
        }
    }

    /// Whether the values span decades (and stay ≥ 0), so the colour scale should be
    /// logarithmic.
    #[must_use]
    pub fn log_scale(self) -> bool {
        matches!(
            self,
            Self::Rosenbrock
                | Self::Beale
                | Self::Himmelblau
                | Self::Booth
                | Self::GoldsteinPrice
                | Self::Quadratic
        )
    }

    /// The minima worth a marker: the known global minima (none for the saddle). For
    /// `sharp_flat` both well bottoms, the narrow (global) one first.
    #[must_use]
    pub fn minima(self) -> &'static [[f64; 2]] {
        match self {
            Self::Rosenbrock => &[[1.0, 1.0]],
            Self::Beale => &[[3.0, 0.5]],
            Self::Himmelblau => &[
                [3.0, 2.0],
                [-2.805_118_086_952_745, 3.131_312_518_250_573],
                [-3.779_310_253_377_747, -3.283_185_991_286_17],
                [3.584_428_340_330_492, -1.848_126_526_964_404],
            ],
            Self::Rastrigin | Self::Ackley | Self::Quadratic => &[[0.0, 0.0]],
            Self::Booth => &[[1.0, 3.0]],
            Self::SixHumpCamel => &[
                [0.089_842_013_100_318, -0.712_656_403_020_740],
                [-0.089_842_013_100_318, 0.712_656_403_020_740],
            ],
            Self::GoldsteinPrice => &[[0.0, -1.0]],
            Self::Saddle | Self::Custom => &[],
            Self::SharpFlat => &[[-0.586_031_499_667_952, 0.0], [0.5, 0.0]],
        }
    }
}

mod closed_form;
use closed_form::Poly;
mod copies;
#[cfg(test)]
mod tests;

pub use copies::{Copies, RowPlan, ShiftedCopies};
