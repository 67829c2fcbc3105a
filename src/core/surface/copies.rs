//! The toy problem: a dataset of shifted copies of a surface, its mini-batch losses and
//! gradients, and the row plans that make landscape grids cheap.

use super::closed_form::*;
use super::*;
use crate::core::formula::LANES;

/// A toy problem: N training copies and M test copies of a surface, shifted by σ·ξ.
///
/// ```
/// use basin::core::objective::{Batch, Objective};
/// use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
///
/// let rosenbrock = Surface::new(SurfaceKind::Rosenbrock);
/// // σ = 0: every copy is f, whatever the batch.
/// let exact = ShiftedCopies::new(rosenbrock.clone(), 64, 0.0, 256, 7);
/// let mut grad = [0.0; 2];
/// let loss = exact.loss_grad(&[1.0, 1.0], Batch::Indices(&[3, 9]), &mut grad);
/// assert_eq!((loss, grad), (0.0, [0.0, 0.0]));
/// // σ > 0: a batch of one is one shifted copy; the full batch is their mean.
/// let noisy = ShiftedCopies::new(rosenbrock.clone(), 64, 0.1, 256, 7);
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
    pub fn surface(&self) -> &Surface {
        &self.surface
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
            MeanForm::Rastrigin(r) => r.hessian(p),
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
    pub(super) fn batch_loss_grad(&self, p: [f64; 2], indices: &[usize]) -> (f64, [f64; 2]) {
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
    /// A custom formula: [`LANES`] columns at a time through its vectorised interpreter,
    /// copy by copy.
    Formula(Arc<Formula>),
}

/// The mean of a formula over shifted copies at `p`, [`LANES`] copies at a time, summed in
/// copy order (the same sums as a grid row's, so grids and point losses agree bit for bit).
fn formula_mean(formula: &Formula, shifts: &[[f64; 2]], p: [f64; 2]) -> f64 {
    let mut scratch = Vec::new();
    let (mut xs, mut ys, mut out) = ([p[0]; LANES], [p[1]; LANES], [0.0; LANES]);
    let mut sum = 0.0;
    for chunk in shifts.chunks(LANES) {
        for (k, &[a, b]) in chunk.iter().enumerate() {
            xs[k] = p[0] - a;
            ys[k] = p[1] - b;
        }
        formula.values_lanes(&xs, &ys, &mut scratch, &mut out);
        for v in &out[..chunk.len()] {
            sum += v;
        }
    }
    sum / to_f64(shifts.len())
}

/// One grid row of a formula's mean over shifted copies: `out[j]` at `(xs[j], y)`.
fn formula_row(formula: &Formula, shifts: &[[f64; 2]], xs: &[f64], y: f64, out: &mut [f64]) {
    let mut scratch = Vec::new();
    let (mut lane_x, mut values) = ([0.0; LANES], [0.0; LANES]);
    let n = to_f64(shifts.len());
    for (columns, cells) in xs.chunks(LANES).zip(out.chunks_mut(LANES)) {
        let mut sum = [0.0; LANES];
        for &[a, b] in shifts {
            for (lane, &x) in lane_x.iter_mut().zip(columns) {
                *lane = x - a;
            }
            let lane_y = [y - b; LANES];
            formula.values_lanes(&lane_x, &lane_y, &mut scratch, &mut values);
            for (s, v) in sum.iter_mut().zip(&values) {
                *s += v;
            }
        }
        for (cell, s) in cells.iter_mut().zip(&sum) {
            *cell = s / n;
        }
    }
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
    let term = |a: f64, b: f64| libm::exp(-0.2 * (0.5 * (a + b)).sqrt());
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
            libm::exp(k * d * d)
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
                    let (sx, cx) = libm::sincos(TAU * x);
                    for (&[a, _], t) in shifts.iter().zip(trig) {
                        cosine.push(libm::exp(0.5 * (cx * t[0] + sx * t[1])));
                        dx2.push((x - a) * (x - a));
                    }
                }
                ColumnFactors::Ackley { cosine, dx2 }
            }
            MeanForm::Direct => match (&self.surface.formula, self.surface.kind) {
                (Some(f), SurfaceKind::Custom) => ColumnFactors::Formula(Arc::clone(f)),
                _ => ColumnFactors::PerCell,
            },
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
                    .map(|s| libm::exp(0.5 * libm::cos(TAU * (y - s[1]))))
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
            ColumnFactors::Formula(f) => formula_row(f, shifts, &plan.xs, y, out),
        }
    }
}

fn mean_value(surface: &Surface, form: &MeanForm, shifts: &[[f64; 2]], p: [f64; 2]) -> f64 {
    let [x, y] = p;
    match form {
        MeanForm::Exact => surface.value(p),
        MeanForm::Polynomial(c) => surface.value(p) + c.h.eval(x, y),
        MeanForm::Rastrigin(r) => r.value(p),
        MeanForm::Ackley(trig) => {
            let (sx, cx) = libm::sincos(TAU * x);
            let (sy, cy) = libm::sincos(TAU * y);
            let (mut cone, mut cosine) = (0.0, 0.0);
            for (&[a, b], t) in shifts.iter().zip(trig) {
                let (dx, dy) = (x - a, y - b);
                let r = (0.5 * (dx * dx + dy * dy)).sqrt();
                cone += libm::expm1(-0.2 * r);
                cosine += libm::exp(0.5 * ((cx * t[0] + sx * t[1]) + (cy * t[2] + sy * t[3])));
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
                narrow_sum += libm::exp(k1 * (dx * dx + dy * dy));
                let (dx, dy) = (x2 - a, y2 - b);
                wide_sum += libm::exp(k2 * (dx * dx + dy * dy));
            }
            let inv_n = 1.0 / to_f64(shifts.len());
            1.0 - (narrow.depth * narrow_sum + wide.depth * wide_sum) * inv_n
        }
        MeanForm::Direct => match (&surface.formula, surface.kind) {
            (Some(f), SurfaceKind::Custom) => formula_mean(f, shifts, p),
            _ => {
                let sum: f64 = shifts
                    .iter()
                    .map(|&[a, b]| surface.value([x - a, y - b]))
                    .sum();
                sum / to_f64(shifts.len())
            }
        },
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
        MeanForm::Rastrigin(r) => r.value_gradient(p),
        MeanForm::Ackley(trig) => {
            let (sx, cx) = libm::sincos(TAU * x);
            let (sy, cy) = libm::sincos(TAU * y);
            let (mut cone, mut cosine_sum) = (0.0, 0.0);
            let mut g = [0.0; 2];
            for (&[a, b], t) in shifts.iter().zip(trig) {
                let (dx, dy) = (x - a, y - b);
                let r = (0.5 * (dx * dx + dy * dy)).sqrt();
                let e = libm::exp(-0.2 * r);
                cone += libm::expm1(-0.2 * r);
                let cosine = libm::exp(0.5 * ((cx * t[0] + sx * t[1]) + (cy * t[2] + sy * t[3])));
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
                let e = libm::exp(k1 * (dx * dx + dy * dy));
                sums[0][0] += e;
                sums[0][1] += e * dx;
                sums[0][2] += e * dy;
                let (dx, dy) = (x2 - a, y2 - b);
                let e = libm::exp(k2 * (dx * dx + dy * dy));
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
