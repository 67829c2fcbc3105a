//! Analytic 2-D test surfaces with gradients and Hessians, and the toy problem built from one:
//! a dataset of shifted copies (DESIGN.md, "Toy surfaces with a real batch size").
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
//! Pure numerics: no threads, no egui, no files.

use rand_distr::{Distribution as _, StandardNormal};
use serde::{Deserialize, Serialize};

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

/// A surface: its kind and parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Which function.
    pub kind: SurfaceKind,
    /// Condition number κ of [`SurfaceKind::Quadratic`] (≥ 1); ignored by the others.
    pub condition: f64,
}

type Hessian = [[f64; 2]; 2];

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
                20.0 + x * x - 10.0 * (TAU * x).cos() + y * y - 10.0 * (TAU * y).cos()
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
                let (sx, cx) = (TAU * x).sin_cos();
                let (sy, cy) = (TAU * y).sin_cos();
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
                    [2.0 + c * (TAU * x).cos(), 0.0],
                    [0.0, 2.0 + c * (TAU * y).cos()],
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
    -20.0 * (-0.2 * r).exp_m1() + (E - (0.5 * ((TAU * x).cos() + (TAU * y).cos())).exp())
}

fn ackley_value_gradient(x: f64, y: f64) -> (f64, [f64; 2]) {
    let r = (0.5 * (x * x + y * y)).sqrt();
    let (sx, cx) = (TAU * x).sin_cos();
    let (sy, cy) = (TAU * y).sin_cos();
    let cosine = (0.5 * (cx + cy)).exp();
    let value = -20.0 * (-0.2 * r).exp_m1() + (E - cosine);
    // The cone 20(1 − e^{−0.2r}) has gradient 2e^{−0.2r}·w/r, undefined at r = 0: use 0.
    let cone = if r > 0.0 {
        2.0 * (-0.2 * r).exp() / r
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
    let (sx, cx) = (TAU * x).sin_cos();
    let (sy, cy) = (TAU * y).sin_cos();
    let cosine = (0.5 * (cx + cy)).exp();
    let pi2 = PI * PI;
    let mut h = [
        [pi2 * cosine * (2.0 * cx - sx * sx), -pi2 * cosine * sx * sy],
        [-pi2 * cosine * sx * sy, pi2 * cosine * (2.0 * cy - sy * sy)],
    ];
    if r > 0.0 {
        // Cone gradient 2 q(r) w with q = e^{−0.2r}/r; ∂/∂w_j gives 2q δ_ij + w_i w_j q'/r.
        let e = (-0.2 * r).exp();
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
    well.depth * (-(dx * dx + dy * dy) / (2.0 * well.width * well.width)).exp()
}

/// The well's height and its gradient `−height · d / s²`.
fn well_height_gradient(well: &Well, x: f64, y: f64) -> (f64, [f64; 2]) {
    let (dx, dy) = (x - well.centre[0], y - well.centre[1]);
    let s2 = well.width * well.width;
    let height = well.depth * (-(dx * dx + dy * dy) / (2.0 * s2)).exp();
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
            Self::Saddle => &[],
            Self::SharpFlat => &[[-0.586_031_499_667_952, 0.0], [0.5, 0.0]],
        }
    }
}

/// Highest power of x or y in a surface polynomial (Goldstein–Price has total degree 8).
const MAX_DEGREE: usize = 8;

/// A bivariate polynomial `Σ c[p][q] x^p y^q` with p, q ≤ [`MAX_DEGREE`]. Built once per
/// problem; evaluated by nested Horner over the non-zero corner `p ≤ px`, `q ≤ qy`.
#[derive(Clone, Debug, PartialEq)]
struct Poly {
    c: [[f64; MAX_DEGREE + 1]; MAX_DEGREE + 1],
    px: usize,
    qy: usize,
}

impl Poly {
    fn zero() -> Self {
        Self {
            c: [[0.0; MAX_DEGREE + 1]; MAX_DEGREE + 1],
            px: 0,
            qy: 0,
        }
    }

    fn constant(v: f64) -> Self {
        let mut p = Self::zero();
        p.c[0][0] = v;
        p
    }

    fn x() -> Self {
        let mut p = Self::zero();
        p.c[1][0] = 1.0;
        p.px = 1;
        p
    }

    fn y() -> Self {
        let mut p = Self::zero();
        p.c[0][1] = 1.0;
        p.qy = 1;
        p
    }

    /// Recomputes the degree bounds from the non-zero coefficients.
    fn trimmed(mut self) -> Self {
        self.px = 0;
        self.qy = 0;
        for (p, row) in self.c.iter().enumerate() {
            for (q, &v) in row.iter().enumerate() {
                if v != 0.0 {
                    self.px = self.px.max(p);
                    self.qy = self.qy.max(q);
                }
            }
        }
        self
    }

    fn add(&self, other: &Self) -> Self {
        let mut out = self.clone();
        for (row, other_row) in out.c.iter_mut().zip(&other.c) {
            for (v, w) in row.iter_mut().zip(other_row) {
                *v += w;
            }
        }
        out.trimmed()
    }

    fn sub(&self, other: &Self) -> Self {
        self.add(&other.scale(-1.0))
    }

    fn scale(&self, k: f64) -> Self {
        let mut out = self.clone();
        for v in out.c.iter_mut().flatten() {
            *v *= k;
        }
        out.trimmed()
    }

    /// The product; terms beyond [`MAX_DEGREE`] cannot occur for the built-in surfaces.
    fn mul(&self, other: &Self) -> Self {
        let mut out = Self::zero();
        for p1 in 0..=self.px {
            for q1 in 0..=self.qy {
                let a = self.c[p1][q1];
                if a == 0.0 {
                    continue;
                }
                for p2 in 0..=other.px {
                    for q2 in 0..=other.qy {
                        let (p, q) = (p1 + p2, q1 + q2);
                        debug_assert!(p <= MAX_DEGREE && q <= MAX_DEGREE);
                        if p <= MAX_DEGREE && q <= MAX_DEGREE {
                            out.c[p][q] += a * other.c[p2][q2];
                        }
                    }
                }
            }
        }
        out.trimmed()
    }

    /// ∂/∂x.
    fn dx(&self) -> Self {
        let mut out = Self::zero();
        for p in 1..=self.px {
            for q in 0..=self.qy {
                out.c[p - 1][q] = to_f64(p) * self.c[p][q];
            }
        }
        out.trimmed()
    }

    /// ∂/∂y.
    fn dy(&self) -> Self {
        let mut out = Self::zero();
        for p in 0..=self.px {
            for q in 1..=self.qy {
                out.c[p][q - 1] = to_f64(q) * self.c[p][q];
            }
        }
        out.trimmed()
    }

    #[inline]
    fn eval(&self, x: f64, y: f64) -> f64 {
        let mut acc = 0.0;
        for row in self.c[..=self.px].iter().rev() {
            let mut inner = 0.0;
            for &v in row[..=self.qy].iter().rev() {
                inner = inner * y + v;
            }
            acc = acc * x + inner;
        }
        acc
    }
}

#[allow(clippy::cast_precision_loss)]
fn to_f64(n: usize) -> f64 {
    n as f64
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * to_f64(n - i) / to_f64(i + 1))
}

/// `mean f(w − s_i) − f(w)` for a polynomial f and its derivatives, as polynomials.
#[derive(Clone, Debug)]
struct Correction {
    h: Poly,
    hx: Poly,
    hy: Poly,
    hxx: Poly,
    hxy: Poly,
    hyy: Poly,
}

impl Correction {
    fn new(f: &Poly, shifts: &[[f64; 2]]) -> Self {
        // Moments m[k][l] = mean a^k b^l, k ≤ px, l ≤ qy.
        let mut m = [[0.0; MAX_DEGREE + 1]; MAX_DEGREE + 1];
        for &[a, b] in shifts {
            let mut ak = 1.0;
            for row in &mut m[..=f.px] {
                let mut bl = 1.0;
                for v in &mut row[..=f.qy] {
                    *v += ak * bl;
                    bl *= b;
                }
                ak *= a;
            }
        }
        let inv_n = 1.0 / to_f64(shifts.len().max(1));
        for v in m.iter_mut().flatten() {
            *v *= inv_n;
        }
        // (x − a)^p (y − b)^q = Σ_{r,t} C(p,r) C(q,t) x^r y^t (−a)^{p−r} (−b)^{q−t}; the
        // (r, t) = (p, q) terms rebuild f itself and are left out.
        let mut h = Poly::zero();
        for p in 0..=f.px {
            for q in 0..=f.qy {
                let c = f.c[p][q];
                if c == 0.0 {
                    continue;
                }
                for r in 0..=p {
                    for t in 0..=q {
                        if (r, t) == (p, q) {
                            continue;
                        }
                        let sign = if (p - r + q - t) % 2 == 0 { 1.0 } else { -1.0 };
                        h.c[r][t] += c * binomial(p, r) * binomial(q, t) * sign * m[p - r][q - t];
                    }
                }
            }
        }
        let h = h.trimmed();
        let hx = h.dx();
        let hy = h.dy();
        Self {
            hxx: hx.dx(),
            hxy: hx.dy(),
            hyy: hy.dy(),
            h,
            hx,
            hy,
        }
    }
}

/// How the mean over a whole set of shifts (all N training or all M test copies) is computed.
#[derive(Clone, Debug)]
enum MeanForm {
    /// σ = 0: every copy is f itself.
    Exact,
    /// Polynomial surfaces: f + h.
    Polynomial(Box<Correction>),
    /// Rastrigin: the quadratic part by moments, the cosine part by the mean cos/sin of the
    /// shifts (per axis).
    Rastrigin {
        /// mean a, mean b.
        mean: [f64; 2],
        /// mean a², mean b².
        mean_sq: [f64; 2],
        /// mean cos 2πa, mean cos 2πb.
        cos: [f64; 2],
        /// mean sin 2πa, mean sin 2πb.
        sin: [f64; 2],
    },
    /// Ackley: summed over the copies, with `cos 2π(x − a) = cos 2πx cos 2πa + sin 2πx sin 2πa`
    /// so that each copy costs a square root and two exponentials, no trigonometry. Per
    /// shift: `[cos 2πa, sin 2πa, cos 2πb, sin 2πb]`.
    Ackley(Vec<[f64; 4]>),
    /// No closed form: sum over the copies.
    Direct,
}

impl MeanForm {
    fn new(surface: &Surface, noise: f64, shifts: &[[f64; 2]]) -> Self {
        if noise == 0.0 {
            return Self::Exact;
        }
        if let Some(poly) = surface.polynomial() {
            return Self::Polynomial(Box::new(Correction::new(&poly, shifts)));
        }
        if surface.kind == SurfaceKind::Rastrigin {
            let inv_n = 1.0 / to_f64(shifts.len().max(1));
            let mut sums = [[0.0; 2]; 4];
            for s in shifts {
                for axis in 0..2 {
                    let (sin, cos) = (TAU * s[axis]).sin_cos();
                    sums[0][axis] += s[axis];
                    sums[1][axis] += s[axis] * s[axis];
                    sums[2][axis] += cos;
                    sums[3][axis] += sin;
                }
            }
            let scaled = |v: [f64; 2]| [v[0] * inv_n, v[1] * inv_n];
            return Self::Rastrigin {
                mean: scaled(sums[0]),
                mean_sq: scaled(sums[1]),
                cos: scaled(sums[2]),
                sin: scaled(sums[3]),
            };
        }
        if surface.kind == SurfaceKind::Ackley {
            return Self::Ackley(
                shifts
                    .iter()
                    .map(|&[a, b]| {
                        let (sa, ca) = (TAU * a).sin_cos();
                        let (sb, cb) = (TAU * b).sin_cos();
                        [ca, sa, cb, sb]
                    })
                    .collect(),
            );
        }
        Self::Direct
    }
}

/// A toy problem: N training copies and M test copies of a surface, shifted by σ·ξ.
///
/// ```
/// use basin::core::objective::{Batch, Objective};
/// use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
///
/// let rosenbrock = Surface::new(SurfaceKind::Rosenbrock);
/// // σ = 0: every copy is f, whatever the batch.
/// let exact = ShiftedCopies::new(rosenbrock, 64, 0.0, 256, 7);
/// let mut grad = [0.0; 2];
/// let loss = exact.loss_grad(&[1.0, 1.0], Batch::Indices(&[3, 9]), &mut grad);
/// assert_eq!((loss, grad), (0.0, [0.0, 0.0]));
/// // σ > 0: a batch of one is one shifted copy; the full batch is their mean.
/// let noisy = ShiftedCopies::new(rosenbrock, 64, 0.1, 256, 7);
/// let [a, b] = noisy.train_shifts()[3];
/// let one = noisy.loss(&[1.0, 1.0], Batch::Indices(&[3]));
/// assert_eq!(one, rosenbrock.value([1.0 - a, 1.0 - b]));
/// assert!(noisy.loss(&[1.0, 1.0], Batch::Full) > 0.0);
/// ```
#[derive(Clone, Debug)]
pub struct ShiftedCopies {
    surface: Surface,
    noise: f64,
    /// Training shifts σξ_i, length N.
    train_shifts: Vec<[f64; 2]>,
    /// Test shifts σζ_j, length M.
    test_shifts: Vec<[f64; 2]>,
    /// The full-batch training surface.
    train_mean: MeanForm,
    /// The test surface.
    test_mean: MeanForm,
}

/// `n` shifts σ·(ξ₁, ξ₂), ξ ~ N(0, I₂), drawn in order (so the first shifts do not change
/// when n grows, and changing σ only rescales them).
fn draw_shifts(n: usize, noise: f64, seed: u64, stream_id: u64) -> Vec<[f64; 2]> {
    let mut rng = rng::rng_for(seed, stream_id);
    (0..n)
        .map(|_| {
            let a: f64 = StandardNormal.sample(&mut rng);
            let b: f64 = StandardNormal.sample(&mut rng);
            [noise * a, noise * b]
        })
        .collect()
}

impl ShiftedCopies {
    /// N = `samples` training copies and M = `test_samples` test copies with shift spread
    /// `noise`, drawn from the streams of `seed` (at least one of each).
    #[must_use]
    pub fn new(
        surface: Surface,
        samples: usize,
        noise: f64,
        test_samples: usize,
        seed: u64,
    ) -> Self {
        let train_shifts = draw_shifts(samples.max(1), noise, seed, stream::TRAIN_DATA);
        let test_shifts = draw_shifts(test_samples.max(1), noise, seed, stream::TEST_DATA);
        Self {
            train_mean: MeanForm::new(&surface, noise, &train_shifts),
            test_mean: MeanForm::new(&surface, noise, &test_shifts),
            surface,
            noise,
            train_shifts,
            test_shifts,
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

    /// The training shifts σξ_i (length N): copy i is `w ↦ f(w − σξ_i)`, whose minimum sits
    /// at the minimum of f moved by the shift.
    #[must_use]
    pub fn train_shifts(&self) -> &[[f64; 2]] {
        &self.train_shifts
    }

    /// The test shifts σζ_j (length M).
    #[must_use]
    pub fn test_shifts(&self) -> &[[f64; 2]] {
        &self.test_shifts
    }

    /// M, the number of test copies.
    #[must_use]
    pub fn n_test(&self) -> usize {
        self.test_shifts.len()
    }

    /// The loss of training sample `i` alone at `p`, with its gradient.
    ///
    /// # Panics
    /// If `i ≥ N` (a caller bug, never user input).
    #[must_use]
    pub fn sample_loss_grad(&self, i: usize, p: [f64; 2]) -> (f64, [f64; 2]) {
        let [a, b] = self.train_shifts[i];
        self.surface.value_gradient([p[0] - a, p[1] - b])
    }

    /// Full-batch training loss at a point.
    #[must_use]
    pub fn train_loss_at(&self, p: [f64; 2]) -> f64 {
        mean_value(&self.surface, &self.train_mean, &self.train_shifts, p)
    }

    /// Full-batch training loss and its gradient at a point.
    #[must_use]
    pub fn train_loss_grad_at(&self, p: [f64; 2]) -> (f64, [f64; 2]) {
        mean_value_gradient(&self.surface, &self.train_mean, &self.train_shifts, p)
    }

    /// Test (population) loss at a point.
    #[must_use]
    pub fn test_loss_at(&self, p: [f64; 2]) -> f64 {
        mean_value(&self.surface, &self.test_mean, &self.test_shifts, p)
    }

    /// Hessian of the full-batch training loss at a point (the mean of the per-sample
    /// Hessians).
    #[must_use]
    pub fn train_hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        self.mean_hessian(Copies::Train, p)
    }

    /// Hessian of the mean loss over `copies` at a point (the mean of the per-copy
    /// Hessians).
    #[must_use]
    pub fn mean_hessian(&self, copies: Copies, p: [f64; 2]) -> [[f64; 2]; 2] {
        let surface = &self.surface;
        let (form, shifts) = self.copies(copies);
        match form {
            MeanForm::Exact => surface.hessian(p),
            MeanForm::Polynomial(c) => {
                let h = surface.hessian(p);
                let [x, y] = p;
                let hxy = c.hxy.eval(x, y);
                [
                    [h[0][0] + c.hxx.eval(x, y), h[0][1] + hxy],
                    [h[1][0] + hxy, h[1][1] + c.hyy.eval(x, y)],
                ]
            }
            MeanForm::Rastrigin { cos, sin, .. } => {
                let k = 40.0 * PI * PI;
                let diagonal = |axis: usize| {
                    let (s, c) = (TAU * p[axis]).sin_cos();
                    2.0 + k * (c * cos[axis] + s * sin[axis])
                };
                [[diagonal(0), 0.0], [0.0, diagonal(1)]]
            }
            MeanForm::Ackley(_) | MeanForm::Direct => {
                let mut sum = [[0.0; 2]; 2];
                for &[a, b] in shifts {
                    let h = surface.hessian([p[0] - a, p[1] - b]);
                    for (row, h_row) in sum.iter_mut().zip(h) {
                        for (v, w) in row.iter_mut().zip(h_row) {
                            *v += w;
                        }
                    }
                }
                let inv_n = 1.0 / to_f64(shifts.len());
                sum.map(|row| row.map(|v| v * inv_n))
            }
        }
    }

    /// Mean loss and gradient over the training samples `indices`, summed sample by sample.
    fn batch_loss_grad(&self, p: [f64; 2], indices: &[usize]) -> (f64, [f64; 2]) {
        if self.noise == 0.0 {
            return self.surface.value_gradient(p);
        }
        let (mut value, mut gx, mut gy) = (0.0, 0.0, 0.0);
        for &i in indices {
            let [a, b] = self.train_shifts[i];
            let (v, g) = self.surface.value_gradient([p[0] - a, p[1] - b]);
            value += v;
            gx += g[0];
            gy += g[1];
        }
        let inv_b = 1.0 / to_f64(indices.len());
        (value * inv_b, [gx * inv_b, gy * inv_b])
    }

    fn batch_loss(&self, p: [f64; 2], indices: &[usize]) -> f64 {
        if self.noise == 0.0 {
            return self.surface.value(p);
        }
        let sum: f64 = indices
            .iter()
            .map(|&i| {
                let [a, b] = self.train_shifts[i];
                self.surface.value([p[0] - a, p[1] - b])
            })
            .sum();
        sum / to_f64(indices.len())
    }
}

/// Which set of copies a mean runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Copies {
    /// The N training copies (the full-batch training loss).
    Train,
    /// The M test copies (the held-out loss).
    Test,
}

/// The largest `copies × columns` table a [`RowPlan`] precomputes (16 MiB of f64); beyond
/// it rows are evaluated cell by cell.
const MAX_PLAN_ENTRIES: usize = 1 << 21;

/// Per-column work for evaluating many rows of one grid (same columns `xs`), made by
/// [`ShiftedCopies::row_plan`]. For the surfaces summed copy by copy, a Gaussian factorises
/// into an x-part and a y-part: the x-parts are computed once here, the y-parts once per
/// row, and each cell is a dot product instead of N exponentials.
#[derive(Clone, Debug)]
pub struct RowPlan {
    copies: Copies,
    xs: Vec<f64>,
    factors: ColumnFactors,
}

#[derive(Clone, Debug)]
enum ColumnFactors {
    /// Closed forms (or too large a table): every cell on its own.
    PerCell,
    /// `sharp_flat`: `exp(−(x_j − c_x − a_i)² / 2s²)` for each well, `[column][copy]`.
    SharpFlat { narrow: Vec<f64>, wide: Vec<f64> },
    /// Ackley: `exp(½ cos 2π(x_j − a_i))` and `(x_j − a_i)²`, `[column][copy]`.
    Ackley { cosine: Vec<f64>, dx2: Vec<f64> },
}

impl RowPlan {
    /// The column coordinates this plan was made for.
    #[must_use]
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// Which copies its rows average.
    #[must_use]
    pub fn copies(&self) -> Copies {
        self.copies
    }
}

/// `Σ a_i b_i` with four independent partial sums (in a fixed order, so deterministic),
/// which lets the compiler vectorise it.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
    let (a_rest, b_rest) = (a4.remainder(), b4.remainder());
    for (x, y) in a4.zip(b4) {
        for l in 0..4 {
            acc[l] += x[l] * y[l];
        }
    }
    let rest: f64 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + rest
}

/// `Σ exp(−0.2 √(½(dx2_i + dy2_i)))`, four partial sums.
fn ackley_cone_sum(dx2: &[f64], dy2: &[f64]) -> f64 {
    let term = |a: f64, b: f64| (-0.2 * (0.5 * (a + b)).sqrt()).exp();
    let mut acc = [0.0; 4];
    let (a4, b4) = (dx2.chunks_exact(4), dy2.chunks_exact(4));
    let (a_rest, b_rest) = (a4.remainder(), b4.remainder());
    for (x, y) in a4.zip(b4) {
        for l in 0..4 {
            acc[l] += term(x[l], y[l]);
        }
    }
    let rest: f64 = a_rest.iter().zip(b_rest).map(|(&a, &b)| term(a, b)).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + rest
}

/// `exp(−(v − c − s)² / 2w²)` for every shift component `s`.
fn gaussian_factors(
    v: f64,
    centre: f64,
    width: f64,
    shifts: impl Iterator<Item = f64>,
) -> Vec<f64> {
    let k = -1.0 / (2.0 * width * width);
    shifts
        .map(|s| {
            let d = v - centre - s;
            (k * d * d).exp()
        })
        .collect()
}

impl ShiftedCopies {
    fn copies(&self, copies: Copies) -> (&MeanForm, &[[f64; 2]]) {
        match copies {
            Copies::Train => (&self.train_mean, &self.train_shifts),
            Copies::Test => (&self.test_mean, &self.test_shifts),
        }
    }

    /// The mean loss over `copies` at a point: [`Self::train_loss_at`] or
    /// [`Self::test_loss_at`].
    #[must_use]
    pub fn mean_loss_at(&self, copies: Copies, p: [f64; 2]) -> f64 {
        let (form, shifts) = self.copies(copies);
        mean_value(&self.surface, form, shifts, p)
    }

    /// The mean loss over `copies` at a point and its gradient.
    #[must_use]
    pub fn mean_loss_grad_at(&self, copies: Copies, p: [f64; 2]) -> (f64, [f64; 2]) {
        let (form, shifts) = self.copies(copies);
        mean_value_gradient(&self.surface, form, shifts, p)
    }

    /// Precomputes what every row of a grid with columns `xs` shares (see [`RowPlan`]).
    #[must_use]
    pub fn row_plan(&self, copies: Copies, xs: &[f64]) -> RowPlan {
        let (form, shifts) = self.copies(copies);
        let small = shifts.len().saturating_mul(xs.len()) <= MAX_PLAN_ENTRIES;
        let factors = match form {
            MeanForm::Direct if small && self.surface.kind == SurfaceKind::SharpFlat => {
                let columns = |well: &Well| -> Vec<f64> {
                    xs.iter()
                        .flat_map(|&x| {
                            gaussian_factors(
                                x,
                                well.centre[0],
                                well.width,
                                shifts.iter().map(|s| s[0]),
                            )
                        })
                        .collect()
                };
                ColumnFactors::SharpFlat {
                    narrow: columns(&NARROW_WELL),
                    wide: columns(&WIDE_WELL),
                }
            }
            MeanForm::Ackley(trig) if small => {
                let mut cosine = Vec::with_capacity(xs.len() * shifts.len());
                let mut dx2 = Vec::with_capacity(xs.len() * shifts.len());
                for &x in xs {
                    let (sx, cx) = (TAU * x).sin_cos();
                    for (&[a, _], t) in shifts.iter().zip(trig) {
                        cosine.push((0.5 * (cx * t[0] + sx * t[1])).exp());
                        dx2.push((x - a) * (x - a));
                    }
                }
                ColumnFactors::Ackley { cosine, dx2 }
            }
            _ => ColumnFactors::PerCell,
        };
        RowPlan {
            copies,
            xs: xs.to_vec(),
            factors,
        }
    }

    /// Fills `out` (length `plan.xs().len()`) with the mean loss over the plan's copies at
    /// `(xs[j], y)`. Equal to [`Self::mean_loss_at`] up to rounding (bit for bit for the
    /// closed forms).
    pub fn row_values(&self, plan: &RowPlan, y: f64, out: &mut [f64]) {
        let (form, shifts) = self.copies(plan.copies);
        let n = shifts.len();
        let inv_n = 1.0 / to_f64(n);
        match &plan.factors {
            ColumnFactors::PerCell => {
                for (v, &x) in out.iter_mut().zip(&plan.xs) {
                    *v = mean_value(&self.surface, form, shifts, [x, y]);
                }
            }
            ColumnFactors::SharpFlat { narrow, wide } => {
                let row = |well: &Well| -> Vec<f64> {
                    let mut f = gaussian_factors(
                        y,
                        well.centre[1],
                        well.width,
                        shifts.iter().map(|s| s[1]),
                    );
                    let scale = well.depth * inv_n;
                    f.iter_mut().for_each(|v| *v *= scale);
                    f
                };
                let (narrow_row, wide_row) = (row(&NARROW_WELL), row(&WIDE_WELL));
                for ((v, narrow_col), wide_col) in out
                    .iter_mut()
                    .zip(narrow.chunks_exact(n))
                    .zip(wide.chunks_exact(n))
                {
                    *v = 1.0 - dot(narrow_col, &narrow_row) - dot(wide_col, &wide_row);
                }
            }
            ColumnFactors::Ackley { cosine, dx2 } => {
                let cosine_row: Vec<f64> = shifts
                    .iter()
                    .map(|s| (0.5 * (TAU * (y - s[1])).cos()).exp())
                    .collect();
                let dy2: Vec<f64> = shifts.iter().map(|s| (y - s[1]) * (y - s[1])).collect();
                for ((v, cos_col), dx2_col) in out
                    .iter_mut()
                    .zip(cosine.chunks_exact(n))
                    .zip(dx2.chunks_exact(n))
                {
                    let cone = ackley_cone_sum(dx2_col, &dy2) * inv_n;
                    *v = 20.0 * (1.0 - cone) + (E - dot(cos_col, &cosine_row) * inv_n);
                }
            }
        }
    }
}

fn mean_value(surface: &Surface, form: &MeanForm, shifts: &[[f64; 2]], p: [f64; 2]) -> f64 {
    let [x, y] = p;
    match form {
        MeanForm::Exact => surface.value(p),
        MeanForm::Polynomial(c) => surface.value(p) + c.h.eval(x, y),
        MeanForm::Rastrigin {
            mean,
            mean_sq,
            cos,
            sin,
        } => {
            let mut v = 20.0;
            for axis in 0..2 {
                let w = p[axis];
                let (s, c) = (TAU * w).sin_cos();
                v += w * w - 2.0 * w * mean[axis] + mean_sq[axis]
                    - 10.0 * (c * cos[axis] + s * sin[axis]);
            }
            v
        }
        MeanForm::Ackley(trig) => {
            let (sx, cx) = (TAU * x).sin_cos();
            let (sy, cy) = (TAU * y).sin_cos();
            let (mut cone, mut cosine) = (0.0, 0.0);
            for (&[a, b], t) in shifts.iter().zip(trig) {
                let (dx, dy) = (x - a, y - b);
                let r = (0.5 * (dx * dx + dy * dy)).sqrt();
                cone += (-0.2 * r).exp_m1();
                cosine += (0.5 * ((cx * t[0] + sx * t[1]) + (cy * t[2] + sy * t[3]))).exp();
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            -20.0 * cone * inv_n + (E - cosine * inv_n)
        }
        MeanForm::Direct if surface.kind == SurfaceKind::SharpFlat => {
            let (narrow, wide) = (&NARROW_WELL, &WIDE_WELL);
            let (k1, k2) = (-0.5 / narrow.width.powi(2), -0.5 / wide.width.powi(2));
            let (x1, y1) = (x - narrow.centre[0], y - narrow.centre[1]);
            let (x2, y2) = (x - wide.centre[0], y - wide.centre[1]);
            let (mut narrow_sum, mut wide_sum) = (0.0, 0.0);
            for &[a, b] in shifts {
                let (dx, dy) = (x1 - a, y1 - b);
                narrow_sum += (k1 * (dx * dx + dy * dy)).exp();
                let (dx, dy) = (x2 - a, y2 - b);
                wide_sum += (k2 * (dx * dx + dy * dy)).exp();
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            1.0 - (narrow.depth * narrow_sum + wide.depth * wide_sum) * inv_n
        }
        MeanForm::Direct => {
            let sum: f64 = shifts
                .iter()
                .map(|&[a, b]| surface.value([x - a, y - b]))
                .sum();
            sum / to_f64(shifts.len())
        }
    }
}

fn mean_value_gradient(
    surface: &Surface,
    form: &MeanForm,
    shifts: &[[f64; 2]],
    p: [f64; 2],
) -> (f64, [f64; 2]) {
    let [x, y] = p;
    match form {
        MeanForm::Exact => surface.value_gradient(p),
        MeanForm::Polynomial(c) => {
            let (v, g) = surface.value_gradient(p);
            (
                v + c.h.eval(x, y),
                [g[0] + c.hx.eval(x, y), g[1] + c.hy.eval(x, y)],
            )
        }
        MeanForm::Rastrigin {
            mean,
            mean_sq,
            cos,
            sin,
        } => {
            let mut v = 20.0;
            let mut g = [0.0; 2];
            for axis in 0..2 {
                let w = p[axis];
                let (s, c) = (TAU * w).sin_cos();
                v += w * w - 2.0 * w * mean[axis] + mean_sq[axis]
                    - 10.0 * (c * cos[axis] + s * sin[axis]);
                g[axis] = 2.0 * (w - mean[axis]) + 20.0 * PI * (s * cos[axis] - c * sin[axis]);
            }
            (v, g)
        }
        MeanForm::Ackley(trig) => {
            let (sx, cx) = (TAU * x).sin_cos();
            let (sy, cy) = (TAU * y).sin_cos();
            let (mut cone, mut cosine_sum) = (0.0, 0.0);
            let mut g = [0.0; 2];
            for (&[a, b], t) in shifts.iter().zip(trig) {
                let (dx, dy) = (x - a, y - b);
                let r = (0.5 * (dx * dx + dy * dy)).sqrt();
                let e = (-0.2 * r).exp();
                cone += (-0.2 * r).exp_m1();
                let cosine = (0.5 * ((cx * t[0] + sx * t[1]) + (cy * t[2] + sy * t[3]))).exp();
                cosine_sum += cosine;
                // sin 2π(x − a) = sin 2πx cos 2πa − cos 2πx sin 2πa.
                let (sin_x, sin_y) = (sx * t[0] - cx * t[1], sy * t[2] - cy * t[3]);
                let k = if r > 0.0 { 2.0 * e / r } else { 0.0 };
                g[0] += k * dx + PI * sin_x * cosine;
                g[1] += k * dy + PI * sin_y * cosine;
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            (
                -20.0 * cone * inv_n + (E - cosine_sum * inv_n),
                [g[0] * inv_n, g[1] * inv_n],
            )
        }
        MeanForm::Direct if surface.kind == SurfaceKind::SharpFlat => {
            let (narrow, wide) = (&NARROW_WELL, &WIDE_WELL);
            let (s1, s2) = (narrow.width.powi(2), wide.width.powi(2));
            let (k1, k2) = (-0.5 / s1, -0.5 / s2);
            let (x1, y1) = (x - narrow.centre[0], y - narrow.centre[1]);
            let (x2, y2) = (x - wide.centre[0], y - wide.centre[1]);
            // Σ e, Σ e·dx, Σ e·dy per well.
            let mut sums = [[0.0; 3]; 2];
            for &[a, b] in shifts {
                let (dx, dy) = (x1 - a, y1 - b);
                let e = (k1 * (dx * dx + dy * dy)).exp();
                sums[0][0] += e;
                sums[0][1] += e * dx;
                sums[0][2] += e * dy;
                let (dx, dy) = (x2 - a, y2 - b);
                let e = (k2 * (dx * dx + dy * dy)).exp();
                sums[1][0] += e;
                sums[1][1] += e * dx;
                sums[1][2] += e * dy;
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            let (a1, a2) = (narrow.depth * inv_n, wide.depth * inv_n);
            // ∇(−A e) = A e d / s².
            let (g1, g2) = (a1 / s1, a2 / s2);
            (
                1.0 - (a1 * sums[0][0] + a2 * sums[1][0]),
                [
                    g1 * sums[0][1] + g2 * sums[1][1],
                    g1 * sums[0][2] + g2 * sums[1][2],
                ],
            )
        }
        MeanForm::Direct => {
            let (mut value, mut gx, mut gy) = (0.0, 0.0, 0.0);
            for &[a, b] in shifts {
                let (v, g) = surface.value_gradient([x - a, y - b]);
                value += v;
                gx += g[0];
                gy += g[1];
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            (value * inv_n, [gx * inv_n, gy * inv_n])
        }
    }
}

impl Objective for ShiftedCopies {
    fn dim(&self) -> usize {
        2
    }

    fn n_train(&self) -> usize {
        self.train_shifts.len()
    }

    /// The mean over the batch of the per-sample losses and gradients. An empty index list
    /// is treated as the full batch.
    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        let p = [theta[0], theta[1]];
        let (value, g) = match batch {
            Batch::Indices(indices) if !indices.is_empty() => self.batch_loss_grad(p, indices),
            _ => self.train_loss_grad_at(p),
        };
        grad[0] = g[0];
        grad[1] = g[1];
        value
    }

    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        let p = [theta[0], theta[1]];
        match batch {
            Batch::Indices(indices) if !indices.is_empty() => self.batch_loss(p, indices),
            _ => self.train_loss_at(p),
        }
    }

    fn test_loss(&self, theta: &[f64]) -> f64 {
        self.test_loss_at([theta[0], theta[1]])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt as _;

    /// Points inside each kind's default view where it is smooth (Ackley: away from 0).
    fn probe_points(kind: SurfaceKind) -> Vec<[f64; 2]> {
        let ([x0, x1], [y0, y1]) = kind.default_view();
        let mut points = vec![kind.default_start()];
        for &(tx, ty) in &[
            (0.13, 0.71),
            (0.37, 0.29),
            (0.52, 0.55),
            (0.81, 0.12),
            (0.66, 0.93),
        ] {
            points.push([x0 + tx * (x1 - x0), y0 + ty * (y1 - y0)]);
        }
        if kind == SurfaceKind::SharpFlat {
            // Inside the narrow dimple, where the curvature is largest.
            points.push([-0.65, 0.07]);
            points.push([-0.52, -0.1]);
        }
        points
    }

    fn surfaces() -> Vec<Surface> {
        let mut all: Vec<Surface> = SurfaceKind::ALL.into_iter().map(Surface::new).collect();
        all.push(Surface {
            kind: SurfaceKind::Quadratic,
            condition: 100.0,
        });
        all
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * (a.abs().max(b.abs()) + 1.0)
    }

    #[test]
    fn gradients_match_central_differences() {
        for s in surfaces() {
            for p in probe_points(s.kind) {
                let h = 1e-6;
                let g = s.gradient(p);
                let fd = [
                    (s.value([p[0] + h, p[1]]) - s.value([p[0] - h, p[1]])) / (2.0 * h),
                    (s.value([p[0], p[1] + h]) - s.value([p[0], p[1] - h])) / (2.0 * h),
                ];
                // Relative 1e-5, plus the rounding of f itself divided by h.
                let rounding = 1e-9 * (1.0 + s.value(p).abs());
                for axis in 0..2 {
                    assert!(
                        (g[axis] - fd[axis]).abs() <= 1e-5 * g[axis].abs() + rounding,
                        "{:?} at {p:?}, axis {axis}: analytic {} vs fd {}",
                        s.kind,
                        g[axis],
                        fd[axis]
                    );
                }
                assert_eq!(s.value_gradient(p).0, s.value(p), "{:?} at {p:?}", s.kind);
            }
        }
    }

    #[test]
    fn hessians_match_central_differences_of_the_gradient() {
        for s in surfaces() {
            for p in probe_points(s.kind) {
                let h = 1e-6;
                let hess = s.hessian(p);
                assert_eq!(hess[0][1], hess[1][0], "{:?}: symmetric", s.kind);
                for axis in 0..2 {
                    let mut plus = p;
                    let mut minus = p;
                    plus[axis] += h;
                    minus[axis] -= h;
                    let (gp, gm) = (s.gradient(plus), s.gradient(minus));
                    for row in 0..2 {
                        let fd = (gp[row] - gm[row]) / (2.0 * h);
                        let rounding = 1e-9 * (1.0 + s.gradient(p)[row].abs());
                        assert!(
                            (hess[row][axis] - fd).abs() <= 1e-5 * fd.abs() + rounding,
                            "{:?} at {p:?}, H[{row}][{axis}]: analytic {} vs fd {fd}",
                            s.kind,
                            hess[row][axis]
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn known_minimum_values() {
        let value = |kind, p| Surface::new(kind).value(p);
        assert_eq!(value(SurfaceKind::Rosenbrock, [1.0, 1.0]), 0.0);
        assert_eq!(value(SurfaceKind::Beale, [3.0, 0.5]), 0.0);
        assert_eq!(value(SurfaceKind::Booth, [1.0, 3.0]), 0.0);
        assert_eq!(value(SurfaceKind::GoldsteinPrice, [0.0, -1.0]), 3.0);
        assert_eq!(value(SurfaceKind::Rastrigin, [0.0, 0.0]), 0.0);
        assert!(value(SurfaceKind::Ackley, [0.0, 0.0]).abs() < 1e-15);
        assert!((value(SurfaceKind::SixHumpCamel, [0.0898, -0.7126]) + 1.0316).abs() < 1e-4);
        for &p in SurfaceKind::Himmelblau.minima() {
            assert!(value(SurfaceKind::Himmelblau, p) < 1e-20, "{p:?}");
        }
        let camel = SurfaceKind::SixHumpCamel.minima();
        for &p in camel {
            assert!((value(SurfaceKind::SixHumpCamel, p) + 1.031_628_453_489_877).abs() < 1e-13);
        }
        let [narrow, wide] = SurfaceKind::SharpFlat.minima() else {
            panic!("sharp_flat lists both wells");
        };
        let narrow_depth = value(SurfaceKind::SharpFlat, *narrow);
        let wide_depth = value(SurfaceKind::SharpFlat, *wide);
        // The narrow well is the deeper one (the global minimum), by design.
        assert!(
            (narrow_depth - 0.059_795_434_781).abs() < 1e-10,
            "{narrow_depth}"
        );
        assert!((wide_depth - 0.2).abs() < 1e-12, "{wide_depth}");
        assert!(SurfaceKind::Saddle.minima().is_empty());
    }

    #[test]
    fn listed_minima_are_stationary_and_convex() {
        for kind in SurfaceKind::ALL {
            let s = Surface::new(kind);
            for &p in kind.minima() {
                let g = s.gradient(p);
                assert!(g[0].hypot(g[1]) < 1e-9, "{kind:?} at {p:?}: gradient {g:?}");
                let h = s.hessian(p);
                let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
                assert!(h[0][0] > 0.0 && det > 0.0, "{kind:?} at {p:?}: {h:?}");
            }
        }
    }

    #[test]
    fn ackley_is_finite_at_its_kink() {
        let s = Surface::new(SurfaceKind::Ackley);
        let (v, g) = s.value_gradient([0.0, 0.0]);
        assert_eq!(g, [0.0, 0.0]);
        assert!(v.is_finite());
        assert!(
            s.hessian([0.0, 0.0])
                .iter()
                .flatten()
                .all(|h| h.is_finite())
        );
        // A shifted copy centred exactly on the kink stays finite too.
        let problem = ShiftedCopies::new(s, 8, 0.5, 8, 1);
        let shift = problem.train_shifts()[3];
        let (v, g) = problem.sample_loss_grad(3, shift);
        assert!(v.abs() < 1e-15 && g == [0.0, 0.0]);
    }

    #[test]
    fn metadata_is_consistent() {
        for kind in SurfaceKind::ALL {
            assert_eq!(SurfaceKind::from_name(kind.name()), Some(kind));
            assert!(!kind.title().is_empty() && kind.formula().starts_with("f("));
            let ([x0, x1], [y0, y1]) = kind.default_view();
            let inside = |p: [f64; 2]| (x0..=x1).contains(&p[0]) && (y0..=y1).contains(&p[1]);
            assert!(inside(kind.default_start()), "{kind:?}");
            assert!(kind.minima().iter().all(|&p| inside(p)), "{kind:?}");
            // A logarithmic colour scale needs values ≥ 0 over the whole view.
            let s = Surface::new(kind);
            let lowest = (0..=40)
                .flat_map(|i| (0..=40).map(move |j| (i, j)))
                .map(|(i, j)| {
                    let t = |k: usize, lo: f64, hi: f64| lo + (hi - lo) * to_f64(k) / 40.0;
                    s.value([t(j, x0, x1), t(i, y0, y1)])
                })
                .fold(f64::INFINITY, f64::min);
            if kind.log_scale() {
                assert!(lowest >= 0.0, "{kind:?}: {lowest}");
            }
        }
        assert_eq!(SurfaceKind::from_name("nope"), None);
        assert!(!SurfaceKind::SixHumpCamel.log_scale() && !SurfaceKind::Saddle.log_scale());
    }

    #[test]
    fn zero_noise_gives_exactly_f_for_every_batch() {
        for s in surfaces() {
            let problem = ShiftedCopies::new(s, 16, 0.0, 32, 5);
            for p in probe_points(s.kind) {
                let (v, g) = s.value_gradient(p);
                let mut grad = [0.0; 2];
                let batches: [&[usize]; 4] = [&[3], &[0, 5, 9], &[1, 2, 3, 4, 5, 6, 7], &[]];
                for indices in batches {
                    let loss = problem.loss_grad(&p, Batch::Indices(indices), &mut grad);
                    assert_eq!((loss, grad), (v, g), "{:?} {indices:?}", s.kind);
                    assert_eq!(problem.loss(&p, Batch::Indices(indices)), v);
                }
                assert_eq!(problem.loss_grad(&p, Batch::Full, &mut grad), v);
                assert_eq!(grad, g);
                assert_eq!(problem.loss(&p, Batch::Full), v);
                assert_eq!(problem.test_loss(&p), v);
                assert_eq!(problem.train_hessian(p), s.hessian(p));
            }
        }
    }

    /// The issue's contract: with σ = 0 every batch size gives the same trajectory, bit for
    /// bit (and with σ > 0 they differ).
    #[test]
    fn zero_noise_trajectories_do_not_depend_on_the_batch_size() {
        use crate::core::optim::{OptimizerKind, OptimizerSpec};
        use crate::core::train::{RunSpec, train};
        use std::sync::atomic::AtomicBool;

        let cancel = AtomicBool::new(false);
        for kind in [OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::Sam] {
            let mut spec = OptimizerSpec::defaults(kind);
            spec.lr = 1e-3;
            spec.momentum = 0.9;
            let trajectories = |noise: f64| -> Vec<Vec<f64>> {
                let problem =
                    ShiftedCopies::new(Surface::new(SurfaceKind::Rosenbrock), 32, noise, 64, 3);
                [1, 4, 0]
                    .into_iter()
                    .map(|batch_size| {
                        let run = RunSpec {
                            batch_size,
                            ..RunSpec::new(spec.clone())
                        };
                        train(&problem, &run, 0, &[-1.5, 2.0], 200, 3, &cancel).params
                    })
                    .collect()
            };
            let exact = trajectories(0.0);
            assert_eq!(exact[0].len(), 2 * 201);
            assert!(exact.iter().all(|t| t == &exact[0]), "{kind:?}");
            let noisy = trajectories(0.2);
            assert!(noisy[0] != noisy[2] && noisy[1] != noisy[2], "{kind:?}");
        }
    }

    /// The closed forms of the full-batch and test surfaces agree with summing the copies.
    #[test]
    fn closed_forms_match_the_sum_over_copies() {
        for s in surfaces() {
            let problem = ShiftedCopies::new(s, 37, 0.4, 53, 11);
            let all: Vec<usize> = (0..problem.n_train()).collect();
            for p in probe_points(s.kind) {
                let (v, g) = problem.batch_loss_grad(p, &all);
                let (fast_v, fast_g) = problem.train_loss_grad_at(p);
                let scale = 1e-11 * (1.0 + v.abs());
                assert!(
                    close(fast_v, v, 1e-11),
                    "{:?} {p:?}: {fast_v} vs {v}",
                    s.kind
                );
                assert!((fast_v - problem.train_loss_at(p)).abs() <= scale);
                for axis in 0..2 {
                    assert!(
                        close(fast_g[axis], g[axis], 1e-11 * (1.0 + v.abs() * 1e-3)),
                        "{:?} {p:?}: {fast_g:?} vs {g:?}",
                        s.kind
                    );
                }
                let test_sum: f64 = problem
                    .test_shifts()
                    .iter()
                    .map(|&[a, b]| s.value([p[0] - a, p[1] - b]))
                    .sum();
                let test = test_sum / to_f64(problem.n_test());
                assert!(close(problem.test_loss_at(p), test, 1e-11), "{:?}", s.kind);
                let mut hess_sum = [[0.0; 2]; 2];
                for &[a, b] in problem.train_shifts() {
                    let h = s.hessian([p[0] - a, p[1] - b]);
                    for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                        hess_sum[r][c] += h[r][c] / 37.0;
                    }
                }
                let hess = problem.train_hessian(p);
                for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    assert!(
                        close(hess[r][c], hess_sum[r][c], 1e-10),
                        "{:?} {p:?}: {hess:?} vs {hess_sum:?}",
                        s.kind
                    );
                }
            }
        }
    }

    #[test]
    fn a_batch_is_the_mean_of_its_samples() {
        let s = Surface::new(SurfaceKind::Himmelblau);
        let problem = ShiftedCopies::new(s, 10, 0.5, 10, 3);
        let p = [1.0, -0.5];
        let mut grad = [0.0; 2];
        let loss = problem.loss_grad(&p, Batch::Indices(&[2, 7]), &mut grad);
        let (v2, g2) = problem.sample_loss_grad(2, p);
        let (v7, g7) = problem.sample_loss_grad(7, p);
        assert!(close(loss, 0.5 * (v2 + v7), 1e-15));
        assert!(close(grad[0], 0.5 * (g2[0] + g7[0]), 1e-15));
        assert!(close(grad[1], 0.5 * (g2[1] + g7[1]), 1e-15));
        // Copy i is f moved by its shift.
        let [a, b] = problem.train_shifts()[7];
        assert_eq!(v7, s.value([p[0] - a, p[1] - b]));
        assert!(v2 != v7);
    }

    #[test]
    fn shifts_are_seeded_gaussian_and_scaled_by_noise() {
        let s = Surface::new(SurfaceKind::Rosenbrock);
        let a = ShiftedCopies::new(s, 4000, 0.3, 100, 9);
        let b = ShiftedCopies::new(s, 4000, 0.3, 100, 9);
        let c = ShiftedCopies::new(s, 4000, 0.3, 100, 10);
        let wider = ShiftedCopies::new(s, 4000, 0.6, 100, 9);
        assert_eq!(a.train_shifts(), b.train_shifts());
        assert_eq!(a.test_shifts(), b.test_shifts());
        assert_ne!(a.train_shifts(), c.train_shifts());
        assert_ne!(a.train_shifts()[..100], a.test_shifts()[..]);
        assert_eq!(a.train_loss_at([0.2, 0.3]), b.train_loss_at([0.2, 0.3]));
        assert_ne!(a.train_loss_at([0.2, 0.3]), c.train_loss_at([0.2, 0.3]));
        assert_eq!(wider.train_shifts()[17][1], 2.0 * a.train_shifts()[17][1]);
        // The first shifts do not depend on N.
        let fewer = ShiftedCopies::new(s, 10, 0.3, 100, 9);
        assert_eq!(fewer.train_shifts(), &a.train_shifts()[..10]);
        for axis in 0..2 {
            let n = to_f64(a.n_train());
            let mean = a.train_shifts().iter().map(|s| s[axis]).sum::<f64>() / n;
            let var = a
                .train_shifts()
                .iter()
                .map(|s| s[axis] * s[axis])
                .sum::<f64>()
                / n;
            assert!(mean.abs() < 0.02, "{mean}");
            assert!((var.sqrt() - 0.3).abs() < 0.01, "{}", var.sqrt());
        }
    }

    /// Var of a mean of B draws without replacement from N values with population variance
    /// s² is s²/B · (N − B)/(N − 1).
    #[test]
    fn minibatch_gradient_variance_falls_as_one_over_b() {
        let n = 64;
        let problem = ShiftedCopies::new(Surface::new(SurfaceKind::Himmelblau), n, 0.5, 8, 21);
        let p = [0.7, 1.3];
        let per_sample: Vec<[f64; 2]> = (0..n).map(|i| problem.sample_loss_grad(i, p).1).collect();
        let (_, full) = problem.train_loss_grad_at(p);
        let s2 = per_sample
            .iter()
            .map(|g| (g[0] - full[0]).powi(2) + (g[1] - full[1]).powi(2))
            .sum::<f64>()
            / to_f64(n);
        assert!(s2 > 1.0, "the per-sample gradients must differ: {s2}");
        let mut rng = rng::rng_for(4, 99);
        let mut order: Vec<usize> = (0..n).collect();
        let mut grad = [0.0; 2];
        let draws = 20_000;
        let mut previous = f64::INFINITY;
        for b in [1, 4, 16] {
            let mut sum = 0.0;
            for _ in 0..draws {
                // Partial Fisher–Yates: the first b entries are a uniform sample without
                // replacement.
                for i in 0..b {
                    let j = rng.random_range(i..n);
                    order.swap(i, j);
                }
                problem.loss_grad(&p, Batch::Indices(&order[..b]), &mut grad);
                sum += (grad[0] - full[0]).powi(2) + (grad[1] - full[1]).powi(2);
            }
            let empirical = sum / to_f64(draws);
            let expected = s2 / to_f64(b) * to_f64(n - b) / to_f64(n - 1);
            assert!(
                (empirical / expected - 1.0).abs() < 0.1,
                "B = {b}: {empirical} vs {expected}"
            );
            assert!(empirical < previous);
            previous = empirical;
        }
    }

    /// The minimum of the mean over `copies` near `start`, by damped Newton steps.
    fn minimum(problem: &ShiftedCopies, copies: Copies, start: [f64; 2]) -> [f64; 2] {
        let mut p = start;
        for _ in 0..20 {
            let (_, g) = problem.mean_loss_grad_at(copies, p);
            let h = problem.mean_hessian(copies, p);
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            assert!(h[0][0] > 0.0 && det > 0.0, "not convex at {p:?}: {h:?}");
            p[0] -= (h[1][1] * g[0] - h[0][1] * g[1]) / det;
            p[1] -= (h[0][0] * g[1] - h[1][0] * g[0]) / det;
        }
        let (_, g) = problem.mean_loss_grad_at(copies, p);
        assert!(g[0].hypot(g[1]) < 1e-10, "not converged at {p:?}: {g:?}");
        p
    }

    /// Keskar et al.: with finitely many copies, each well's training minimum sits off its
    /// test minimum (by about σ/√N); the narrow well pays far more test loss for the offset
    /// than the wide one, roughly in the ratio of their curvatures. The offsets themselves
    /// vary from seed to seed, so the claim is about most seeds and the mean.
    #[test]
    fn the_narrow_well_generalises_worse() {
        let seeds = 16;
        let excess: Vec<[f64; 2]> = (0..seeds)
            .map(|seed| {
                let problem =
                    ShiftedCopies::new(Surface::new(SurfaceKind::SharpFlat), 64, 0.1, 2048, seed);
                [NARROW_WELL.centre, WIDE_WELL.centre].map(|start| {
                    let train_min = minimum(&problem, Copies::Train, start);
                    assert!(
                        (train_min[0] - start[0]).abs() < 0.2,
                        "{seed}: {train_min:?}"
                    );
                    let test_min = minimum(&problem, Copies::Test, train_min);
                    let excess = problem.test_loss_at(train_min) - problem.test_loss_at(test_min);
                    assert!(excess >= 0.0, "seed {seed}: the test minimum is lower");
                    excess
                })
            })
            .collect();
        let narrow_worse = excess.iter().filter(|[n, w]| n > w).count();
        assert!(narrow_worse >= 12, "{narrow_worse} of {seeds}: {excess:?}");
        let mean = |k: usize| excess.iter().map(|e| e[k]).sum::<f64>() / to_f64(excess.len());
        assert!(mean(0) > 5.0 * mean(1), "{} vs {}", mean(0), mean(1));
    }
}
