//! Custom surfaces typed as formulas: `(1-x)^2 + 100*(y-x^2)^2`.
//!
//! A [`Formula`] is parsed once ([`parse`](self) module: a real parser whose errors carry the
//! byte span of the offending token and say what was expected there), compiled once into a
//! flat list of register instructions, and then evaluated as often as the training loop and
//! the landscape grids need:
//! - values in plain f64, one point at a time or [`LANES`] points at a time (the grid's hot
//!   path, vectorised);
//! - exact gradients and Hessians by forward-mode automatic differentiation with num-dual's
//!   hyper-dual numbers (ε₁ along one axis, ε₂ along another: ∂f/∂a, ∂f/∂b and ∂²f/∂a∂b in
//!   one pass), never finite differences.
//!
//! A formula can do nothing but compute a number: there are no names but x, y, pi, e and
//! eleven functions, its text is capped at [`MAX_CHARS`] characters and its nesting at
//! [`MAX_DEPTH`] levels, so parsing, memory and evaluation time are bounded.

mod compile;
mod parse;

use std::fmt;
use std::sync::Arc;

use num_dual::HyperDual64;

pub use compile::LANES;
use compile::Program;

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 1_000;

/// The deepest nesting accepted (brackets, function calls, signs and exponents).
pub const MAX_DEPTH: usize = 64;

/// The functions a formula may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Func {
    /// sin(a).
    Sin,
    /// cos(a).
    Cos,
    /// tan(a).
    Tan,
    /// exp(a).
    Exp,
    /// log(a), the natural logarithm.
    Log,
    /// sqrt(a).
    Sqrt,
    /// abs(a) (its derivative at 0 is taken as +1).
    Abs,
    /// tanh(a).
    Tanh,
    /// sigmoid(a) = 1 / (1 + exp(−a)).
    Sigmoid,
    /// min(a, b) (the derivative of the smaller argument; `a`'s on ties).
    Min,
    /// max(a, b) (the derivative of the larger argument; `a`'s on ties).
    Max,
}

impl Func {
    /// Every function, in the order the help text lists them.
    pub const ALL: [Self; 11] = [
        Self::Sin,
        Self::Cos,
        Self::Tan,
        Self::Exp,
        Self::Log,
        Self::Sqrt,
        Self::Abs,
        Self::Tanh,
        Self::Sigmoid,
        Self::Min,
        Self::Max,
    ];

    /// The name a formula uses.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Sin => "sin",
            Self::Cos => "cos",
            Self::Tan => "tan",
            Self::Exp => "exp",
            Self::Log => "log",
            Self::Sqrt => "sqrt",
            Self::Abs => "abs",
            Self::Tanh => "tanh",
            Self::Sigmoid => "sigmoid",
            Self::Min => "min",
            Self::Max => "max",
        }
    }

    /// The function called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// How many arguments it takes.
    #[must_use]
    pub fn arity(self) -> usize {
        match self {
            Self::Min | Self::Max => 2,
            _ => 1,
        }
    }
}

/// Every name a formula may use, comma-separated (for error messages and help text).
#[must_use]
pub fn known_names() -> String {
    let mut names = vec!["x", "y", "pi", "e"];
    names.extend(Func::ALL.iter().map(|f| f.name()));
    names.join(", ")
}

/// Why a formula was refused: a message and the byte span `start..end` of the source it
/// points at (empty at the end of the text when something is missing there).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("at character {column}: {message}")]
pub struct FormulaError {
    /// Byte offset where the problem starts.
    pub start: usize,
    /// The 1-based character position of `start` (what a user counts).
    pub column: usize,
    /// Byte offset where it ends (≥ `start`).
    pub end: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl FormulaError {
    /// Two lines for a terminal or a monospace label: the formula, and under it `^` marks
    /// under the offending characters (one `^` at the end when something is missing).
    #[must_use]
    pub fn pointer(&self, source: &str) -> String {
        let before = source.get(..self.start).map_or(0, |s| s.chars().count());
        let width = source
            .get(self.start..self.end)
            .map_or(1, |s| s.chars().count())
            .max(1);
        format!("{source}\n{}{}", " ".repeat(before), "^".repeat(width))
    }
}

/// A ring of bivariate polynomials a formula can be rebuilt in
/// ([`Formula::as_polynomial`]); each operation may refuse (`None`), e.g. past a degree.
pub trait Polynomial: Sized + Clone {
    /// The constant `v`.
    fn constant(v: f64) -> Self;
    /// The polynomial x.
    fn x() -> Self;
    /// The polynomial y.
    fn y() -> Self;
    /// `self + other`.
    fn add(&self, other: &Self) -> Option<Self>;
    /// `self − other`.
    fn sub(&self, other: &Self) -> Option<Self>;
    /// `self · other`.
    fn mul(&self, other: &Self) -> Option<Self>;
}

/// A parsed and compiled formula f(x, y). Cheap to share: clone the [`Arc`] returned by
/// [`Formula::parse_shared`].
#[derive(Clone, Debug)]
pub struct Formula {
    source: String,
    program: Program,
}

/// A formula travels as its source text and is parsed anew (`jobs::task`).
impl serde::Serialize for Formula {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.source())
    }
}

impl<'de> serde::Deserialize<'de> for Formula {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = <String as serde::Deserialize>::deserialize(deserializer)?;
        Self::parse(&source).map_err(serde::de::Error::custom)
    }
}

impl PartialEq for Formula {
    /// Two formulas are equal when their texts are.
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Formula {
    /// Parses and compiles `source`.
    ///
    /// ```
    /// use basin::core::formula::Formula;
    /// let f = Formula::parse("(1-x)^2 + 100*(y-x^2)^2")?;
    /// assert_eq!(f.value([1.0, 1.0]), 0.0);
    /// let (_, g) = f.value_gradient([0.0, 0.0]);
    /// assert_eq!(g, [-2.0, 0.0]);
    /// let err = Formula::parse("x^2 + * y").unwrap_err();
    /// assert_eq!((err.start, err.end), (6, 7));
    /// # Ok::<(), basin::core::formula::FormulaError>(())
    /// ```
    ///
    /// # Errors
    /// A [`FormulaError`] pointing at the first problem: too long, empty, an unexpected
    /// character or token (with what was expected), an unknown name (listing the known
    /// ones), a wrong number of arguments, unbalanced brackets, or nesting deeper than
    /// [`MAX_DEPTH`].
    pub fn parse(source: &str) -> Result<Self, FormulaError> {
        let expr = parse::parse(source)?;
        Ok(Self {
            source: source.to_string(),
            program: Program::compile(expr),
        })
    }

    /// [`Self::parse`], shared.
    ///
    /// # Errors
    /// As [`Self::parse`].
    pub fn parse_shared(source: &str) -> Result<Arc<Self>, FormulaError> {
        Self::parse(source).map(Arc::new)
    }

    /// The text it was parsed from.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The number of compiled instructions (constant parts folded).
    #[must_use]
    pub fn instructions(&self) -> usize {
        self.program.len()
    }

    /// The number of registers evaluation needs (the compiled depth).
    #[must_use]
    pub fn registers(&self) -> usize {
        self.program.registers()
    }

    /// The formula as a polynomial in `P`, when it is one (+ − ×, division by constants,
    /// non-negative integer powers): lets the shifted-copies problem average it over the
    /// copies in closed form, as it does for the built-in polynomial surfaces.
    #[must_use]
    pub fn as_polynomial<P: Polynomial>(&self) -> Option<P> {
        self.program.fold_polynomial()
    }

    /// f(p).
    #[must_use]
    pub fn value(&self, p: [f64; 2]) -> f64 {
        self.program.eval(p[0], p[1])
    }

    /// f at [`LANES`] points `(x[k], y[k])` into `out`; `scratch` is reused between calls
    /// (start with an empty `Vec`). Equal to [`Self::value`] at every lane.
    pub fn values_lanes(
        &self,
        x: &[f64; LANES],
        y: &[f64; LANES],
        scratch: &mut Vec<[f64; LANES]>,
        out: &mut [f64; LANES],
    ) {
        self.program.eval_lanes(x, y, scratch, out);
    }

    /// f(p) and ∇f(p), exact (one hyper-dual pass). The value is the f64 evaluation's, equal
    /// to [`Self::value`] bit for bit (dual division rounds differently).
    #[must_use]
    pub fn value_gradient(&self, p: [f64; 2]) -> (f64, [f64; 2]) {
        let h = self.directional(p, [1.0, 0.0], [0.0, 1.0]);
        (self.value(p), [h.eps1, h.eps2])
    }

    /// The Hessian ∇²f(p), exact, row-major and symmetric (three hyper-dual passes:
    /// ∂²/∂x², ∂²/∂x∂y, ∂²/∂y²).
    #[must_use]
    pub fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let hxx = self.directional(p, [1.0, 0.0], [1.0, 0.0]).eps1eps2;
        let hxy = self.directional(p, [1.0, 0.0], [0.0, 1.0]).eps1eps2;
        let hyy = self.directional(p, [0.0, 1.0], [0.0, 1.0]).eps1eps2;
        [[hxx, hxy], [hxy, hyy]]
    }

    /// f along directions `u` (ε₁) and `v` (ε₂): `re` = f, `eps1` = ∇f·u, `eps2` = ∇f·v,
    /// `eps1eps2` = uᵀ∇²f v.
    fn directional(&self, p: [f64; 2], u: [f64; 2], v: [f64; 2]) -> HyperDual64 {
        let x = HyperDual64::new(p[0], u[0], v[0], 0.0);
        let y = HyperDual64::new(p[1], u[1], v[1], 0.0);
        self.program.eval(x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_fold_and_squares_compile_to_one_instruction() {
        let f = Formula::parse("2*pi + 3^2").expect("valid");
        assert_eq!(f.instructions(), 1);
        assert_eq!(f.value([0.0, 0.0]), 2.0 * std::f64::consts::PI + 9.0);
        // x, 1-x (constant operand), square, y, x, square, sub, square, *100, add.
        let rosenbrock = Formula::parse("(1-x)^2 + 100*(y-x^2)^2").expect("valid");
        assert_eq!(rosenbrock.instructions(), 10);
        assert_eq!(rosenbrock.registers(), 3);
    }

    #[test]
    fn lanes_equal_single_points() {
        let f = Formula::parse("sin(3*x)*exp(-y^2) + max(x, y)^3 / (1 + abs(x*y)) - sigmoid(x)")
            .expect("valid");
        let mut x = [0.0; LANES];
        let mut y = [0.0; LANES];
        for k in 0..LANES {
            #[allow(clippy::cast_precision_loss)]
            let t = k as f64;
            x[k] = -2.0 + 0.07 * t;
            y[k] = 1.5 - 0.05 * t;
        }
        let (mut scratch, mut out) = (Vec::new(), [0.0; LANES]);
        f.values_lanes(&x, &y, &mut scratch, &mut out);
        for k in 0..LANES {
            assert_eq!(
                out[k].to_bits(),
                f.value([x[k], y[k]]).to_bits(),
                "lane {k}"
            );
        }
    }

    #[test]
    fn pointer_marks_the_offending_token() {
        let source = "x^2 + * y";
        let err = Formula::parse(source).expect_err("bad");
        assert_eq!(err.pointer(source), "x^2 + * y\n      ^");
        assert_eq!(err.column, 7);
        assert!(
            err.to_string().starts_with("at character 7: expected"),
            "{err}"
        );
    }
}
