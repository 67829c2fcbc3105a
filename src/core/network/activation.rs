//! Hidden-layer activations of the MLP, in f32: tanh, relu, gelu (erf form, PyTorch's
//! `nn.GELU()` default) and sigmoid, with their derivatives for backprop.
//!
//! Why not `f32::tanh`: the landscape grid evaluates about 10⁸ activations per picture, and a
//! libm call per element does not vectorize. [`tanh_f32`] is a branch-free rational
//! approximation (the one Eigen uses for `float`): a clamp, two polynomials and a division,
//! which the compiler turns into SIMD; its error is below 4e-7 absolute everywhere, under
//! the f32 rounding of the matrix products around it. No `mul_add` here: without a
//! compile-time FMA target feature it becomes a libm call per element, 4× slower than libm's
//! tanh itself. Sigmoid is `½ + ½·tanh(x/2)` with the
//! same kernel. GELU needs `erf`, which std lacks: [`erf_f32`] is Abramowitz & Stegun 7.1.26
//! (error below 1.5e-7 absolute, 5e-7 after f32 rounding).

use ndarray::{ArrayView2, ArrayViewMut2, Zip};
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
        let pairs = out.iter_mut().zip(z);
        match self {
            Self::Tanh => pairs.for_each(|(a, &z)| *a = tanh_f32(z)),
            Self::Relu => pairs.for_each(|(a, &z)| *a = z.max(0.0)),
            Self::Gelu => pairs.for_each(|(a, &z)| *a = gelu_f32(z)),
            Self::Sigmoid => pairs.for_each(|(a, &z)| *a = sigmoid_f32(z)),
        }
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
        let triples = grad.iter_mut().zip(z).zip(a);
        match self {
            Self::Tanh => triples.for_each(|((g, _), &a)| *g *= 1.0 - a * a),
            Self::Relu => triples.for_each(|((g, &z), _)| *g = relu_backward(*g, z)),
            Self::Gelu => triples.for_each(|((g, &z), _)| *g *= gelu_derivative_f32(z)),
            Self::Sigmoid => triples.for_each(|((g, _), &a)| *g *= a * (1.0 - a)),
        }
    }
}

/// The upstream gradient where z > 0, else 0 (PyTorch's relu'(0) = 0).
#[inline]
fn relu_backward(grad: f32, z: f32) -> f32 {
    if z > 0.0 { grad } else { 0.0 }
}

/// Clamp of [`tanh_f32`]: beyond it tanh rounds to ±1 in f32.
const TANH_CLAMP: f32 = 7.905_311;

/// tanh(x) as a rational function (Eigen's `generic_fast_tanh_float`): odd numerator of
/// degree 13 over even denominator of degree 6 on `|x| ≤ 7.9`, ±1 beyond; absolute error
/// below 4e-7 in f32. NaN stays NaN. Branch-free, so loops over it vectorize.
#[must_use]
#[inline]
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn tanh_f32(x: f32) -> f32 {
    const A1: f32 = 4.893_524_558_917_86e-3;
    const A3: f32 = 6.372_619_288_754_36e-4;
    const A5: f32 = 1.485_722_357_179_79e-5;
    const A7: f32 = 5.122_297_090_371_14e-8;
    const A9: f32 = -8.604_671_522_137_35e-11;
    const A11: f32 = 2.000_187_904_824_77e-13;
    const A13: f32 = -2.760_768_477_423_55e-16;
    const B0: f32 = 4.893_525_185_543_85e-3;
    const B2: f32 = 2.268_434_632_439_00e-3;
    const B4: f32 = 1.185_347_056_866_54e-4;
    const B6: f32 = 1.198_258_394_667_02e-6;
    let x = x.clamp(-TANH_CLAMP, TANH_CLAMP);
    let x2 = x * x;
    let p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2) + A1;
    let q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
    x * p / q
}

/// The logistic sigmoid `1 / (1 + e^(−x)) = ½ + ½·tanh(x/2)`, through [`tanh_f32`].
#[must_use]
#[inline]
pub fn sigmoid_f32(x: f32) -> f32 {
    0.5 * tanh_f32(0.5 * x) + 0.5
}

/// erf(x) by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7 in exact arithmetic,
/// below 5e-7 in f32), odd in x.
#[must_use]
#[inline]
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn erf_f32(x: f32) -> f32 {
    const P: f32 = 0.327_591_1;
    const A1: f32 = 0.254_829_592;
    const A2: f32 = -0.284_496_736;
    const A3: f32 = 1.421_413_741;
    const A4: f32 = -1.453_152_027;
    const A5: f32 = 1.061_405_429;
    let ax = x.abs();
    let t = 1.0 / (P * ax + 1.0);
    let poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
    let y = 1.0 - poly * (-ax * ax).exp();
    y.copysign(x)
}

/// 1/√2.
const FRAC_1_SQRT_2: f32 = std::f32::consts::FRAC_1_SQRT_2;
/// 1/√(2π).
#[allow(clippy::excessive_precision)]
const FRAC_1_SQRT_2PI: f32 = 0.398_942_280_401_432_7;

/// GELU with the exact Gaussian CDF: `x·Φ(x) = ½x(1 + erf(x/√2))` (PyTorch's default).
#[must_use]
#[inline]
pub fn gelu_f32(x: f32) -> f32 {
    0.5 * x * (1.0 + erf_f32(x * FRAC_1_SQRT_2))
}

/// d/dx GELU(x) = Φ(x) + x·φ(x).
#[must_use]
#[inline]
pub fn gelu_derivative_f32(x: f32) -> f32 {
    let cdf = 0.5 * (1.0 + erf_f32(x * FRAC_1_SQRT_2));
    let pdf = FRAC_1_SQRT_2PI * (-0.5 * x * x).exp();
    x * pdf + cdf
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// x from −10 to 10 in steps of 1e-3, plus the clamp point.
    fn sweep() -> impl Iterator<Item = f32> {
        (-10_000..=10_000)
            .map(|i| i as f32 * 1e-3)
            .chain([TANH_CLAMP, -TANH_CLAMP, 1e-6, -1e-6])
    }

    /// erf in f64 by its Taylor series (|x| ≤ 3) or 1 − erfc by the continued fraction.
    fn erf_f64(x: f64) -> f64 {
        if x.abs() > 3.0 {
            // erfc(x) = e^(−x²)/(x√π) · 1/(1 + 1/(2x²)/(1 + 2/(2x²)/(1 + …))), by Lentz-free
            // backward evaluation of the continued fraction.
            let ax = x.abs();
            let mut f = 0.0;
            for k in (1..60).rev() {
                f = f64::from(k) / 2.0 / (ax + f);
            }
            let erfc = (-ax * ax).exp() / std::f64::consts::PI.sqrt() / (ax + f);
            return (1.0 - erfc).copysign(x);
        }
        let mut term = x;
        let mut sum = x;
        for n in 1..200 {
            term *= -x * x / f64::from(n);
            sum += term / f64::from(2 * n + 1);
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn tanh_is_within_4e7_of_the_true_tanh() {
        let worst = sweep()
            .map(|x| (f64::from(tanh_f32(x)) - f64::from(x).tanh()).abs())
            .fold(0.0, f64::max);
        assert!(worst < 4e-7, "worst error {worst}");
        assert_eq!(tanh_f32(0.0), 0.0);
        assert_eq!(tanh_f32(100.0), tanh_f32(TANH_CLAMP));
        assert!(tanh_f32(f32::NAN).is_nan());
        assert!((tanh_f32(-0.5) + tanh_f32(0.5)).abs() < f32::EPSILON);
    }

    #[test]
    fn sigmoid_and_erf_match_their_definitions() {
        let mut worst_erf = 0.0;
        for x in sweep() {
            let x64 = f64::from(x);
            let sigmoid = 1.0 / (1.0 + (-x64).exp());
            assert!((f64::from(sigmoid_f32(x)) - sigmoid).abs() < 2e-7, "σ({x})");
            let erf = erf_f64(x64);
            worst_erf = f64::max(worst_erf, (f64::from(erf_f32(x)) - erf).abs());
        }
        // A&S 7.1.26 is within 1.5e-7; the f32 arithmetic adds a few ulp of 1.
        assert!(worst_erf < 5e-7, "erf off by {worst_erf}");
        // Known values: erf(1) = 0.8427007929, erf(0.5) = 0.5204998778.
        assert!((erf_f64(1.0) - 0.842_700_792_9).abs() < 1e-10);
        assert!((erf_f64(0.5) - 0.520_499_877_8).abs() < 1e-10);
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
        // The derivative against central differences in f64 of the exact formula.
        for x in [-3.0f32, -1.0, -0.2, 0.0, 0.3, 1.5, 4.0] {
            let g = |x: f64| 0.5 * x * (1.0 + erf_f64(x / 2f64.sqrt()));
            let h = 1e-5;
            let fd = (g(f64::from(x) + h) - g(f64::from(x) - h)) / (2.0 * h);
            assert!(
                (f64::from(gelu_derivative_f32(x)) - fd).abs() < 1e-6,
                "gelu'({x})"
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
