//! Closed forms of the full-batch and test means of the polynomial surfaces (and Rastrigin),
//! built once per problem from the shift moments; see the parent module for the idea.

use super::*;

/// Highest power of x or y in a surface polynomial (Goldstein–Price has total degree 8).
pub(super) const MAX_DEGREE: usize = 8;

/// A bivariate polynomial `Σ c[p][q] x^p y^q` with p, q ≤ [`MAX_DEGREE`]. Built once per
/// problem; evaluated by nested Horner over the non-zero corner `p ≤ px`, `q ≤ qy`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Poly {
    c: [[f64; MAX_DEGREE + 1]; MAX_DEGREE + 1],
    px: usize,
    qy: usize,
}

impl Poly {
    pub(super) fn zero() -> Self {
        Self {
            c: [[0.0; MAX_DEGREE + 1]; MAX_DEGREE + 1],
            px: 0,
            qy: 0,
        }
    }

    pub(super) fn constant(v: f64) -> Self {
        let mut p = Self::zero();
        p.c[0][0] = v;
        p
    }

    pub(super) fn x() -> Self {
        let mut p = Self::zero();
        p.c[1][0] = 1.0;
        p.px = 1;
        p
    }

    pub(super) fn y() -> Self {
        let mut p = Self::zero();
        p.c[0][1] = 1.0;
        p.qy = 1;
        p
    }

    /// Recomputes the degree bounds from the non-zero coefficients.
    pub(super) fn trimmed(mut self) -> Self {
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

    pub(super) fn add(&self, other: &Self) -> Self {
        let mut out = self.clone();
        for (row, other_row) in out.c.iter_mut().zip(&other.c) {
            for (v, w) in row.iter_mut().zip(other_row) {
                *v += w;
            }
        }
        out.trimmed()
    }

    pub(super) fn sub(&self, other: &Self) -> Self {
        self.add(&other.scale(-1.0))
    }

    pub(super) fn scale(&self, k: f64) -> Self {
        let mut out = self.clone();
        for v in out.c.iter_mut().flatten() {
            *v *= k;
        }
        out.trimmed()
    }

    /// The product; terms beyond [`MAX_DEGREE`] cannot occur for the built-in surfaces.
    pub(super) fn mul(&self, other: &Self) -> Self {
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
    pub(super) fn dx(&self) -> Self {
        let mut out = Self::zero();
        for p in 1..=self.px {
            for q in 0..=self.qy {
                out.c[p - 1][q] = to_f64(p) * self.c[p][q];
            }
        }
        out.trimmed()
    }

    /// ∂/∂y.
    pub(super) fn dy(&self) -> Self {
        let mut out = Self::zero();
        for p in 0..=self.px {
            for q in 1..=self.qy {
                out.c[p][q - 1] = to_f64(q) * self.c[p][q];
            }
        }
        out.trimmed()
    }

    #[inline]
    pub(super) fn eval(&self, x: f64, y: f64) -> f64 {
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

/// Custom formulas that are polynomials of degree ≤ [`MAX_DEGREE`] in each variable get the
/// built-in polynomials' closed-form means.
impl crate::core::formula::Polynomial for Poly {
    fn constant(v: f64) -> Self {
        Self::constant(v)
    }

    fn x() -> Self {
        Self::x()
    }

    fn y() -> Self {
        Self::y()
    }

    fn add(&self, other: &Self) -> Option<Self> {
        Some(Self::add(self, other))
    }

    fn sub(&self, other: &Self) -> Option<Self> {
        Some(Self::sub(self, other))
    }

    fn mul(&self, other: &Self) -> Option<Self> {
        (self.px + other.px <= MAX_DEGREE && self.qy + other.qy <= MAX_DEGREE)
            .then(|| Self::mul(self, other))
    }
}

#[allow(clippy::cast_precision_loss)]
pub(super) fn to_f64(n: usize) -> f64 {
    n as f64
}

pub(super) fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * to_f64(n - i) / to_f64(i + 1))
}

/// `mean f(w − s_i) − f(w)` for a polynomial f and its derivatives, as polynomials.
#[derive(Clone, Debug)]
pub(super) struct Correction {
    pub(super) h: Poly,
    pub(super) hx: Poly,
    pub(super) hy: Poly,
    pub(super) hxx: Poly,
    pub(super) hxy: Poly,
    pub(super) hyy: Poly,
}

impl Correction {
    pub(super) fn new(f: &Poly, shifts: &[[f64; 2]]) -> Self {
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
pub(super) enum MeanForm {
    /// σ = 0: every copy is f itself.
    Exact,
    /// Polynomial surfaces: f + h.
    Polynomial(Box<Correction>),
    /// Rastrigin: the quadratic part by moments, the cosine part by the mean cos/sin of the
    /// shifts (per axis).
    Rastrigin(RastriginMean),
    /// Ackley: summed over the copies, with `cos 2π(x − a) = cos 2πx cos 2πa + sin 2πx sin 2πa`
    /// so that each copy costs a square root and two exponentials, no trigonometry. Per
    /// shift: `[cos 2πa, sin 2πa, cos 2πb, sin 2πb]`.
    Ackley(Vec<[f64; 4]>),
    /// No closed form: sum over the copies.
    Direct,
}

impl MeanForm {
    pub(super) fn new(surface: &Surface, noise: f64, shifts: &[[f64; 2]]) -> Self {
        if noise == 0.0 {
            return Self::Exact;
        }
        if let Some(poly) = surface.polynomial() {
            return Self::Polynomial(Box::new(Correction::new(&poly, shifts)));
        }
        if surface.kind == SurfaceKind::Rastrigin {
            return Self::Rastrigin(RastriginMean::new(shifts));
        }
        if surface.kind == SurfaceKind::Ackley {
            return Self::Ackley(
                shifts
                    .iter()
                    .map(|&[a, b]| {
                        let (sa, ca) = libm::sincos(TAU * a);
                        let (sb, cb) = libm::sincos(TAU * b);
                        [ca, sa, cb, sb]
                    })
                    .collect(),
            );
        }
        Self::Direct
    }
}

/// Rastrigin's mean over a set of shifts, from per-axis moments: the mean of
/// `(w − a)² − 10 cos 2π(w − a)` is `w² − 2w·mean a + mean a² − 10 (cos 2πw · C + sin 2πw · S)`.
#[derive(Clone, Debug)]
pub(super) struct RastriginMean {
    /// mean a, mean b.
    mean: [f64; 2],
    /// mean a², mean b².
    mean_sq: [f64; 2],
    /// mean cos 2πa, mean cos 2πb (`C`).
    cos: [f64; 2],
    /// mean sin 2πa, mean sin 2πb (`S`).
    sin: [f64; 2],
}

impl RastriginMean {
    fn new(shifts: &[[f64; 2]]) -> Self {
        let inv_n = 1.0 / to_f64(shifts.len().max(1));
        let mut sums = [[0.0; 2]; 4];
        for s in shifts {
            for axis in 0..2 {
                let (sin, cos) = libm::sincos(TAU * s[axis]);
                sums[0][axis] += s[axis];
                sums[1][axis] += s[axis] * s[axis];
                sums[2][axis] += cos;
                sums[3][axis] += sin;
            }
        }
        let scaled = |v: [f64; 2]| [v[0] * inv_n, v[1] * inv_n];
        Self {
            mean: scaled(sums[0]),
            mean_sq: scaled(sums[1]),
            cos: scaled(sums[2]),
            sin: scaled(sums[3]),
        }
    }

    /// The mean value at `p`.
    pub(super) fn value(&self, p: [f64; 2]) -> f64 {
        self.value_gradient(p).0
    }

    /// The mean value and gradient at `p`.
    pub(super) fn value_gradient(&self, p: [f64; 2]) -> (f64, [f64; 2]) {
        let Self {
            mean,
            mean_sq,
            cos,
            sin,
        } = self;
        let mut v = 20.0;
        let mut g = [0.0; 2];
        for axis in 0..2 {
            let w = p[axis];
            let (s, c) = libm::sincos(TAU * w);
            v += w * w - 2.0 * w * mean[axis] + mean_sq[axis]
                - 10.0 * (c * cos[axis] + s * sin[axis]);
            g[axis] = 2.0 * (w - mean[axis]) + 20.0 * PI * (s * cos[axis] - c * sin[axis]);
        }
        (v, g)
    }

    /// The mean Hessian at `p` (diagonal: the function is separable).
    pub(super) fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let k = 40.0 * PI * PI;
        let diagonal = |axis: usize| {
            let (s, c) = libm::sincos(TAU * p[axis]);
            2.0 + k * (c * self.cos[axis] + s * self.sin[axis])
        };
        [[diagonal(0), 0.0], [0.0, diagonal(1)]]
    }
}
