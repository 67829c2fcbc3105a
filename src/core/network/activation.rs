//! Hidden-layer activations of the MLP, in f32: tanh, relu, gelu (erf form, PyTorch's
//! `nn.GELU()` default) and sigmoid, with their derivatives for backprop.
//!
//! Why not `libm::tanhf`: the landscape grid evaluates about 10⁸ activations per picture, and a
//! libm call per element does not vectorize. Every function here is branch-free (both sides
//! of a choice are computed, then one is selected), so the loops over them vectorize, and
//! [`Activation::forward_slice`] and [`Activation::backward_slice`] run them at the CPU's
//! widest vector width ([`crate::core::simd::vectorized`]). Accuracy, against `libm`'s f64
//! functions over every f32 (tested densely, ±0, subnormals, huge, NaN and
//! ±∞ included): relative error ≤ 2e-7 for tanh, sigmoid, GELU and GELU's derivative, except
//! that GELU′ near its zero (−0.8 < x < −0.7) is within 1e-9 absolute, and that where the
//! true value is below f32's smallest normal number (σ(x) for x < −87.3, GELU in its far
//! left tail) the error is absolute, ≤ 2⁻¹²⁶.
//!
//! How: tanh in f32 as `x + x³·P(x²)` for |x| < 1 and `1 − 2/(1 + e^{2|x|})` beyond; sigmoid
//! as `1/(1 + e^{−x})`; both with an exp that keeps `e^v = 2^k·(1 + q)` apart, so that
//! `1 + e^v = (1 + 2^k) + 2^k·q` is formed with one rounding. GELU and its derivative are
//! computed in f64 (their tails need more than f32 can carry through e^{−x²}) with
//! `erfc(z) = t·e^{−z² + G(2t − 1)}`, `t = 2/(2 + z)`. The polynomials P and G were fitted
//! by `tools/fits/activation_fits.py`. No `mul_add`: without a compile-time FMA target it
//! is a libm call per element, and with one the bits would differ between machines.
//!
//! The derivatives follow PyTorch's autograd: tanh′ = 1 − a², σ′ = a(1 − a) from the
//! forward outputs a (so they agree with PyTorch's, not with the exact derivative, in the far
//! tails where a rounds to ±1), relu′(0) = 0, and GELU′ = Φ(x) + x·φ(x).

use ndarray::{ArrayView2, ArrayViewMut2, Zip};

use pulp::{Simd, WithSimd};

use crate::core::simd::vectorized;
use serde::{Deserialize, Serialize};

/// A hidden-layer activation (the output layer has none: it gives logits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// tanh(x).
    #[default]
    Tanh,
    /// max(x, 0); its derivative at 0 is taken as 0, as in PyTorch.
    Relu,
    /// x·Φ(x) with the exact (erf) Gaussian CDF, PyTorch's `nn.GELU(approximate='none')`.
    Gelu,
    /// 1 / (1 + e^(−x)).
    Sigmoid,
}

impl Activation {
    /// Every activation, in menu order.
    pub const ALL: [Self; 4] = [Self::Tanh, Self::Relu, Self::Gelu, Self::Sigmoid];

    /// The preset name (`"tanh"`, `"relu"`, `"gelu"`, `"sigmoid"`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::Gelu => "gelu",
            Self::Sigmoid => "sigmoid",
        }
    }

    /// Parses a preset name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The activation of one number.
    #[must_use]
    pub fn value(self, x: f32) -> f32 {
        match self {
            Self::Tanh => tanh_f32(x),
            Self::Relu => x.max(0.0),
            Self::Gelu => gelu_f32(x),
            Self::Sigmoid => sigmoid_f32(x),
        }
    }

    /// Writes `out = act(z)` element by element (same shapes).
    pub fn forward(self, z: ArrayView2<'_, f32>, mut out: ArrayViewMut2<'_, f32>) {
        if z.dim() == out.dim()
            && let (Some(z), Some(out)) = (z.as_slice(), out.as_slice_mut())
        {
            self.forward_slice(z, out);
            return;
        }
        let zip = Zip::from(out).and(z);
        match self {
            Self::Tanh => zip.for_each(|a, &z| *a = tanh_f32(z)),
            Self::Relu => zip.for_each(|a, &z| *a = z.max(0.0)),
            Self::Gelu => zip.for_each(|a, &z| *a = gelu_f32(z)),
            Self::Sigmoid => zip.for_each(|a, &z| *a = sigmoid_f32(z)),
        }
    }

    /// `out[i] = act(z[i])` over two slices (up to the shorter length): the loop the
    /// compiler vectorizes.
    pub fn forward_slice(self, z: &[f32], out: &mut [f32]) {
        vectorized(Forward { act: self, z, out });
    }

    /// Backprop through the activation: `grad ← grad ⊙ act'(z)`, given the pre-activations
    /// `z` and the activations `a = act(z)` of the forward pass (same shapes).
    pub fn backward(
        self,
        z: ArrayView2<'_, f32>,
        a: ArrayView2<'_, f32>,
        mut grad: ArrayViewMut2<'_, f32>,
    ) {
        if z.dim() == grad.dim()
            && a.dim() == grad.dim()
            && let (Some(z), Some(a), Some(grad)) =
                (z.as_slice(), a.as_slice(), grad.as_slice_mut())
        {
            self.backward_slice(z, a, grad);
            return;
        }
        let zip = Zip::from(grad).and(z).and(a);
        match self {
            Self::Tanh => zip.for_each(|g, _, &a| *g *= 1.0 - a * a),
            Self::Relu => zip.for_each(|g, &z, _| *g = relu_backward(*g, z)),
            Self::Gelu => zip.for_each(|g, &z, _| *g *= gelu_derivative_f32(z)),
            Self::Sigmoid => zip.for_each(|g, _, &a| *g *= a * (1.0 - a)),
        }
    }

    /// [`Activation::backward`] over slices (up to the shortest length).
    pub fn backward_slice(self, z: &[f32], a: &[f32], grad: &mut [f32]) {
        vectorized(Backward {
            act: self,
            z,
            a,
            grad,
        });
    }
}

/// [`Activation::forward_slice`]'s loop, for [`vectorized`].
struct Forward<'a> {
    act: Activation,
    z: &'a [f32],
    out: &'a mut [f32],
}

impl WithSimd for Forward<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let pairs = self.out.iter_mut().zip(self.z);
        match self.act {
            Activation::Tanh => pairs.for_each(|(a, &z)| *a = tanh_f32(z)),
            Activation::Relu => pairs.for_each(|(a, &z)| *a = z.max(0.0)),
            Activation::Gelu => pairs.for_each(|(a, &z)| *a = gelu_f32(z)),
            Activation::Sigmoid => pairs.for_each(|(a, &z)| *a = sigmoid_f32(z)),
        }
    }
}

/// [`Activation::backward_slice`]'s loop, for [`vectorized`].
struct Backward<'a> {
    act: Activation,
    z: &'a [f32],
    a: &'a [f32],
    grad: &'a mut [f32],
}

impl WithSimd for Backward<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, _: S) {
        let triples = self.grad.iter_mut().zip(self.z).zip(self.a);
        match self.act {
            Activation::Tanh => triples.for_each(|((g, _), &a)| *g *= 1.0 - a * a),
            Activation::Relu => triples.for_each(|((g, &z), _)| *g = relu_backward(*g, z)),
            Activation::Gelu => triples.for_each(|((g, &z), _)| *g *= gelu_derivative_f32(z)),
            Activation::Sigmoid => triples.for_each(|((g, _), &a)| *g *= a * (1.0 - a)),
        }
    }
}

/// The upstream gradient where z > 0, else 0 (PyTorch's relu'(0) = 0).
#[inline]
fn relu_backward(grad: f32, z: f32) -> f32 {
    if z > 0.0 { grad } else { 0.0 }
}

/// `v` limited to `[lo, hi]`, NaN kept (a select, so it vectorizes; f32 or f64).
#[inline(always)]
fn limit<T: PartialOrd>(v: T, lo: T, hi: T) -> T {
    let v = if v < lo { lo } else { v };
    if v > hi { hi } else { v }
}

/// `e^v = s·(1 + q)` for `v` in `[−88, 88]`, as `(s, q)`: `s = 2^k` with `k = round(v/ln 2)`
/// (0 for k = −127), and `q = e^r − 1` on `|r| ≤ ln 2 / 2` by its Taylor series to r⁷
/// (truncation below 6e-9). Kept apart so that `1 + e^v` can be formed with one rounding.
#[inline(always)]
#[allow(clippy::excessive_precision)]
fn exp_parts_f32(v: f32) -> (f32, f32) {
    // 1.5·2²³: adding it rounds to an integer, which then sits in the low mantissa bits.
    const ROUND: f32 = 12_582_912.0;
    const LOG2_E: f32 = std::f32::consts::LOG2_E;
    // ln 2 in two parts (Cody and Waite): k·LN2_HI is exact for |k| < 2¹⁵.
    const LN2_HI: f32 = 0.693_359_375;
    const LN2_LO: f32 = -2.121_944_4e-4;
    let shifted = v * LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (v - k * LN2_HI) - k * LN2_LO;
    let poly = 1.0 / 2.0
        + r * (1.0 / 6.0
            + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))));
    let q = r + r * r * poly;
    let exponent = shifted
        .to_bits()
        .wrapping_sub(ROUND.to_bits())
        .wrapping_add(127);
    (f32::from_bits(exponent << 23), q)
}

/// e^v in f32 for `v ≤ 0` (the softmax's exponentials, of logits minus their maximum):
/// relative error ≤ 3e-7 down to v = −87 (where e^v is still a normal f32), 0 below −88,
/// NaN kept. Branch-free, so loops over it vectorize.
#[must_use]
#[inline(always)]
pub fn exp_f32(v: f32) -> f32 {
    let (s, q) = exp_parts_f32(limit(v, -88.0, 0.0));
    s + s * q
}

/// e^v in f64 for `v` in `[−708, 709]` (clamped there; NaN stays NaN): `2^k · e^r`, e^r by
/// its Taylor series to r¹¹ on `|r| ≤ ln 2 / 2` (truncation below 1e-14).
#[inline(always)]
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
fn exp_f64(v: f64) -> f64 {
    const ROUND: f64 = 6_755_399_441_055_744.0; // 1.5·2⁵²
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-1;
    const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
    let v = limit(v, -708.0, 709.0);
    let shifted = v * LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (v - k * LN2_HI) - k * LN2_LO;
    let mut poly = 1.0 / 39_916_800.0; // 1/11!
    for factorial in [
        3_628_800.0,
        362_880.0,
        40_320.0,
        5_040.0,
        720.0,
        120.0,
        24.0,
        6.0,
        2.0,
        1.0,
        1.0,
    ] {
        poly = poly * r + 1.0 / factorial;
    }
    let exponent = shifted
        .to_bits()
        .wrapping_sub(ROUND.to_bits())
        .wrapping_add(1023);
    poly * f64::from_bits(exponent << 52)
}

/// tanh(x) in f32 (relative error ≤ 2e-7 everywhere; ±0, NaN and ±∞ as the standard
/// library's). Branch-free, so loops over it vectorize.
#[must_use]
#[inline(always)]
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn tanh_f32(x: f32) -> f32 {
    // (tanh x − x)/x³ as a polynomial in u = x² on [0, 1] (tools/fits/activation_fits.py).
    const P: [f32; 8] = [
        -0.333_333_343_267_440_8,
        0.133_333_116_769_790_65,
        -0.053_963_623_940_944_67,
        0.021_830_778_568_983_078,
        -0.008_701_320_737_600_327,
        0.003_211_853_792_890_906_3,
        -0.000_927_147_513_721_138_2,
        0.000_143_828_816_362_656_65,
    ];
    let u = x * x;
    let mut p = P[7];
    for &c in P[..7].iter().rev() {
        p = p * u + c;
    }
    let near = (x + x * u * p).copysign(x);
    // 1 − 2/(1 + e^{2|x|}); beyond |x| = 20 the result is 1 in f32 anyway.
    let (s, q) = exp_parts_f32(limit(2.0 * x.abs(), 0.0, 40.0));
    let far = (1.0 - 2.0 / ((1.0 + s) + s * q)).copysign(x);
    if x.abs() < 1.0 { near } else { far }
}

/// The logistic sigmoid `1 / (1 + e^(−x))` in f32 (relative error ≤ 2e-7 where σ(x) is a
/// normal f32, i.e. x ≥ −87.3; below, within 2⁻¹²⁶). Branch-free.
#[must_use]
#[inline(always)]
pub fn sigmoid_f32(x: f32) -> f32 {
    let (s, q) = exp_parts_f32(limit(-x, -88.0, 87.34));
    1.0 / ((1.0 + s) + s * q)
}

/// `Φ(x)` (the standard normal CDF) in f64 with relative error below 1e-10, from
/// `erfc(z) = t·e^{−z² + G(2t − 1)}`, `t = 2/(2 + z)`, `z = |x|/√2`.
#[inline(always)]
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
fn normal_cdf_f64(x: f64) -> f64 {
    // ln(erfc(z)·e^{z²}/t) as a polynomial in y = 2t − 1 (tools/fits/activation_fits.py).
    const G: [f64; 17] = [
        -0.671794084063884,
        0.6726432239565592,
        0.04734330801876752,
        -0.046895609488673856,
        -0.009872721136731821,
        0.008824933321084992,
        0.0017592647705774146,
        -0.0023458260466405496,
        -0.00014798402911320223,
        0.0006739609073915439,
        -8.858461298371781e-05,
        -0.00017558855006658247,
        6.2344656878101e-05,
        3.469295207019987e-05,
        -2.0766727618920337e-05,
        -3.7253126644686374e-06,
        3.1613884453531914e-06,
    ];
    // Beyond z = 27, erfc(z) < 1e-318: Φ is 0 or 1 in f64.
    let z = limit(x.abs() * std::f64::consts::FRAC_1_SQRT_2, 0.0, 27.0);
    let t = 2.0 / (2.0 + z);
    let y = 2.0 * t - 1.0;
    let mut g = G[16];
    for &c in G[..16].iter().rev() {
        g = g * y + c;
    }
    let half_erfc = 0.5 * t * exp_f64(g - z * z);
    if x < 0.0 { half_erfc } else { 1.0 - half_erfc }
}

/// 1/√(2π).
#[allow(clippy::excessive_precision)]
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// GELU with the exact Gaussian CDF: `x·Φ(x)` (PyTorch's default), computed in f64 and
/// rounded once (relative error ≤ 2e-7). Branch-free.
#[must_use]
#[inline(always)]
pub fn gelu_f32(x: f32) -> f32 {
    // Below −40 GELU and its derivative are 0 in f64 (and −∞ gives the limit, not NaN).
    let x = limit(f64::from(x), -40.0, f64::INFINITY);
    #[allow(clippy::cast_possible_truncation)]
    let gelu = (x * normal_cdf_f64(x)) as f32;
    gelu
}

/// d/dx GELU(x) = Φ(x) + x·φ(x), in f64 and rounded once.
#[must_use]
#[inline(always)]
pub fn gelu_derivative_f32(x: f32) -> f32 {
    // Beyond ±40 the derivative is 0 or 1 in f64.
    let x = limit(f64::from(x), -40.0, 40.0);
    let pdf = FRAC_1_SQRT_2PI * exp_f64(-0.5 * x * x);
    #[allow(clippy::cast_possible_truncation)]
    let derivative = (normal_cdf_f64(x) + x * pdf) as f32;
    derivative
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// erfc(z) for z ≥ 0 in f64, independently of the kernel: 1 − erf by its Taylor series
    /// below 2, the continued fraction `e^{−z²}/√π / (z + (1/2)/(z + 1/(z + (3/2)/(z + …))))`
    /// (evaluated backwards) from 2 on.
    fn erfc_reference(z: f64) -> f64 {
        let frac_1_sqrt_pi = std::f64::consts::FRAC_2_SQRT_PI / 2.0;
        if z < 2.0 {
            let mut term = z;
            let mut sum = z;
            for n in 1..200 {
                term *= -z * z / f64::from(n);
                sum += term / f64::from(2 * n + 1);
                if term.abs() < 1e-18 {
                    break;
                }
            }
            return 1.0 - sum * 2.0 * frac_1_sqrt_pi;
        }
        // 50 terms reach 1e-15 from z = 2 on (checked against mpmath).
        let mut t = z;
        for k in (1..=50).rev() {
            t = z + f64::from(k) * 0.5 / t;
        }
        frac_1_sqrt_pi * libm::exp(-z * z) / t
    }

    /// Φ(x) in f64 by [`erfc_reference`].
    fn cdf_reference(x: f64) -> f64 {
        let half_erfc = 0.5 * erfc_reference(x.abs() * std::f64::consts::FRAC_1_SQRT_2);
        if x < 0.0 { half_erfc } else { 1.0 - half_erfc }
    }

    /// The references of the four functions, in f64 from `libm` (the same bits on every
    /// target; std's would be the platform's C library).
    fn references(x: f32) -> [f64; 4] {
        let x = f64::from(x);
        let pdf = FRAC_1_SQRT_2PI * libm::exp(-0.5 * x * x);
        let cdf = cdf_reference(x);
        if x == f64::NEG_INFINITY {
            // The limits (x·Φ(x) → 0), where IEEE arithmetic gives −∞·0 = NaN.
            return [-1.0, 0.0, 0.0, 0.0];
        }
        if x == f64::INFINITY {
            return [1.0, 1.0, f64::INFINITY, 1.0];
        }
        [
            libm::tanh(x),
            1.0 / (1.0 + libm::exp(-x)),
            x * cdf,
            cdf + x * pdf,
        ]
    }

    /// The error of `got` against `want` as a fraction of what the module promises:
    /// relative error / 2e-7 where the true value is a normal f32, absolute error / 2⁻¹²⁶
    /// below (NaN where NaN is due counts 0, elsewhere infinity).
    fn error(got: f32, want: f64) -> f64 {
        if want.is_nan() || got.is_nan() {
            return if want.is_nan() == got.is_nan() {
                0.0
            } else {
                f64::INFINITY
            };
        }
        let normal = f64::from(f32::MIN_POSITIVE);
        let diff = (f64::from(got) - want).abs();
        if want.abs() >= normal {
            diff / want.abs() / 2e-7
        } else {
            diff / normal
        }
    }

    /// The worst [`error`]s of tanh, sigmoid, GELU and GELU′ over `xs`, with where they are.
    fn worst(xs: impl Iterator<Item = f32>) -> [(f64, f32); 4] {
        let mut worst = [(0.0, 0.0); 4];
        for x in xs {
            let got = [
                tanh_f32(x),
                sigmoid_f32(x),
                gelu_f32(x),
                gelu_derivative_f32(x),
            ];
            for (i, ((w, g), r)) in worst.iter_mut().zip(got).zip(references(x)).enumerate() {
                // GELU′ crosses zero at x ≈ −0.7518: there its error is absolute, ≤ 1e-9.
                let e = if i == 3 && (-0.8..-0.7).contains(&x) {
                    (f64::from(g) - r).abs() / 1e-9
                } else {
                    error(g, r)
                };
                if e > w.0 {
                    *w = (e, x);
                }
            }
        }
        worst
    }

    /// The special values and the edges of every piece: ±0, subnormals, the tanh pieces'
    /// boundary at 1, sigmoid's clamp, GELU′'s zero, huge and infinite inputs, NaN.
    fn special() -> Vec<f32> {
        let mut xs = vec![
            0.0,
            f32::from_bits(1),
            f32::MIN_POSITIVE,
            1e-30,
            1e-7,
            1.0,
            0.999_999_94,
            1.000_000_1,
            0.751_791_5,
            9.0,
            20.0,
            40.0,
            87.33,
            87.336,
            87.34,
            88.0,
            1e10,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
        ];
        xs.extend(xs.clone().into_iter().map(|x| -x));
        xs
    }

    #[test]
    fn activations_are_within_2e7_relative_of_libm() {
        // Every 4099th f32 bit pattern (a million values over all signs and exponents),
        // [−2, 2] in steps of 1e-5, GELU's lower tail in steps of 1e-4, and the special
        // values. (Every f32: the ignored test below.)
        let spread = (0..=u32::MAX / 4099).map(|i| f32::from_bits(i * 4099));
        let near = (-200_000..=200_000).map(|i| i as f32 * 1e-5);
        let tail = (0..50_000).map(|i| -9.0 - i as f32 * 1e-4);
        let worst = worst(spread.chain(near).chain(tail).chain(special()));
        for ((e, x), name) in worst.iter().zip(["tanh", "sigmoid", "gelu", "gelu'"]) {
            assert!(*e <= 1.0, "{name}: {e} of the promised error at x = {x:e}");
        }
        // ±0 and NaN exactly as libm's.
        assert_eq!(tanh_f32(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(tanh_f32(0.0).to_bits(), 0);
        assert_eq!(gelu_f32(0.0), 0.0);
        assert_eq!(sigmoid_f32(0.0), 0.5);
        assert_eq!(tanh_f32(f32::INFINITY), 1.0);
        assert_eq!(tanh_f32(f32::NEG_INFINITY), -1.0);
        assert_eq!(sigmoid_f32(f32::INFINITY), 1.0);
        for f in [tanh_f32, sigmoid_f32, gelu_f32, gelu_derivative_f32] {
            assert!(f(f32::NAN).is_nan());
        }
        // Odd symmetry of tanh holds bit for bit.
        for x in [0.3f32, 0.999, 1.0, 2.5, 7.0] {
            assert_eq!(tanh_f32(-x), -tanh_f32(x));
        }
    }

    /// The softmax's exponential against f64's, densely over [−87, 0], and at its ends.
    #[test]
    fn exp_is_within_3e7_relative_where_the_softmax_uses_it() {
        let mut worst = 0.0f64;
        for i in 0..=870_000 {
            let v = -(i as f32) * 1e-4;
            let want = libm::exp(f64::from(v));
            worst = worst.max((f64::from(exp_f32(v)) - want).abs() / want);
        }
        assert!(worst <= 3e-7, "{worst}");
        assert_eq!(exp_f32(0.0), 1.0);
        assert_eq!(exp_f32(-100.0), 0.0);
        assert!(exp_f32(f32::NAN).is_nan());
    }

    /// The same check over every f32 (4.3 billion values): about a minute in a release
    /// build, so it runs on request: `cargo test --release --lib every_f32 -- --ignored`.
    #[test]
    #[ignore = "4.3 billion values; run on request in a release build"]
    fn every_f32_is_within_2e7_relative() {
        use rayon::prelude::*;
        let worst = (0..=u16::MAX)
            .into_par_iter()
            .map(|hi| {
                let low = (0..=u16::MAX)
                    .map(move |lo| f32::from_bits(u32::from(hi) << 16 | u32::from(lo)));
                worst(low)
            })
            .reduce(
                || [(0.0, 0.0); 4],
                |a, b| std::array::from_fn(|i| if b[i].0 > a[i].0 { b[i] } else { a[i] }),
            );
        for ((e, x), name) in worst.iter().zip(["tanh", "sigmoid", "gelu", "gelu'"]) {
            println!("{name}: worst {e:.3} of the promised error at x = {x:e}");
            assert!(*e <= 1.0, "{name}: {e} of the promised error at x = {x:e}");
        }
    }

    #[test]
    fn the_references_are_right() {
        // mpmath at 30 digits: erfc(0.5), erfc(3), erfc(9); Φ(−5).
        let cases = [
            (erfc_reference(0.5), 0.479_500_122_186_953_5),
            (erfc_reference(3.0), 2.209_049_699_858_544e-5),
            (erfc_reference(9.0), 4.137_031_746_513_81e-37),
            (cdf_reference(-5.0), 2.866_515_718_791_939e-7),
        ];
        for (got, want) in cases {
            assert!((got - want).abs() <= 1e-13 * want, "{got} against {want}");
        }
    }

    #[test]
    fn gelu_is_x_times_the_gaussian_cdf() {
        // PyTorch: F.gelu(torch.tensor([-1., 0.5, 2.])) = [-0.15865525, 0.34573123, 1.95449974].
        for (x, expected) in [
            (-1.0, -0.158_655_25),
            (0.5, 0.345_731_23),
            (2.0, 1.954_499_7),
        ] {
            assert!((gelu_f32(x) - expected).abs() < 3e-7, "gelu({x})");
        }
    }

    #[test]
    fn vectorized_slices_give_the_bits_of_one_call_at_a_time() {
        let z: Vec<f32> = (0..1000).map(|i| (i as f32 - 500.0) * 0.037).collect();
        for act in Activation::ALL {
            let mut out = vec![0.0; z.len()];
            act.forward_slice(&z, &mut out);
            let one_by_one: Vec<u32> = z.iter().map(|&x| act.value(x).to_bits()).collect();
            assert_eq!(
                out.iter().map(|a| a.to_bits()).collect::<Vec<_>>(),
                one_by_one,
                "{act:?}"
            );
        }
    }

    #[test]
    fn backward_multiplies_by_the_derivative() {
        let z =
            Array2::from_shape_vec((2, 3), vec![-2.0f32, -0.5, 0.0, 0.25, 1.0, 3.0]).expect("2×3");
        for act in Activation::ALL {
            let mut a = Array2::zeros((2, 3));
            act.forward(z.view(), a.view_mut());
            let mut grad = Array2::from_elem((2, 3), 2.0f32);
            act.backward(z.view(), a.view(), grad.view_mut());
            for ((&zi, &ai), &gi) in z.iter().zip(&a).zip(&grad) {
                assert_eq!(ai, act.value(zi));
                let h = 1e-3f64;
                let f = |x: f64| {
                    let x = x as f32;
                    f64::from(act.value(x))
                };
                let fd = (f(f64::from(zi) + h) - f(f64::from(zi) - h)) / (2.0 * h);
                let expected = if act == Activation::Relu && zi == 0.0 {
                    0.0
                } else {
                    2.0 * fd
                };
                assert!(
                    (f64::from(gi) - expected).abs() < 2e-3,
                    "{act:?} at {zi}: {gi} vs {expected}"
                );
            }
        }
        assert_eq!(Activation::from_name("gelu"), Some(Activation::Gelu));
        assert_eq!(Activation::from_name("swish"), None);
    }
}
