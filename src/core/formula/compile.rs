//! The compiler and the interpreter: an expression tree becomes a flat list of register
//! instructions, run once per point (generic over f64 and num-dual's dual numbers) or over
//! [`LANES`] points at a time (f64 only, one tight loop per instruction, which the compiler
//! vectorises: the landscape grids' hot path).
//!
//! Registers form a stack: an operand lands in the register numbered by its depth, so a
//! binary instruction combines registers `dst` and `dst + 1` into `dst` and the register
//! count is the expression's depth, not its size. Constant sub-expressions are folded at
//! compile time (with the same f64 operations as evaluation), integer powers become `powi`
//! (and `^2` a multiplication), and a constant operand of a binary operator is carried in the
//! instruction instead of a register.

use num_dual::{DualNum, HyperDual64};

use super::Func;
use super::parse::{BinaryOp, Expr};

/// Points evaluated together by [`Program::eval_lanes`].
pub const LANES: usize = 64;

/// Registers kept on the stack by [`Program::eval`]; deeper formulas use the heap.
const INLINE_REGISTERS: usize = 16;

/// Integer exponents up to this size use `powi`; larger ones `powf`.
const MAX_POWI: f64 = 64.0;

/// A one-operand operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum UnaryOp {
    Neg,
    Square,
    Powi(i32),
    Powf(f64),
    Func(Func),
}

/// One instruction; `dst` is a register index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Instr {
    Const {
        dst: u16,
        value: f64,
    },
    X {
        dst: u16,
    },
    Y {
        dst: u16,
    },
    /// `r[dst] = op(r[dst])`.
    Unary {
        op: UnaryOp,
        dst: u16,
    },
    /// `r[dst] = r[dst] op r[dst + 1]`.
    Binary {
        op: BinaryOp,
        dst: u16,
    },
    /// `r[dst] = r[dst] op value`, or `value op r[dst]` when `swapped`.
    BinaryConst {
        op: BinaryOp,
        dst: u16,
        value: f64,
        swapped: bool,
    },
}

/// A compiled formula.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Program {
    code: Vec<Instr>,
    registers: usize,
}

/// The number types the interpreter runs on: f64 for values, num-dual's hyper-dual numbers for
/// second derivatives. Transcendental functions take their values from `libm` and carry the
/// derivatives by num-dual's chain rule (num-dual's own call the standard library, whose last
/// bits differ between machines and the web build).
pub(super) trait Chain: DualNum<Primitive = f64> + Copy {
    /// f(a) from f(re) and, where derivatives are carried, `[f′(re), f″(re)]`.
    fn chain(self, f0: f64, derivatives: impl FnOnce() -> [f64; 2]) -> Self;
}

impl Chain for f64 {
    fn chain(self, f0: f64, _: impl FnOnce() -> [f64; 2]) -> Self {
        f0
    }
}

impl Chain for HyperDual64 {
    /// num-dual's chain rule for hyper-dual numbers.
    fn chain(self, f0: f64, derivatives: impl FnOnce() -> [f64; 2]) -> Self {
        let [f1, f2] = derivatives();
        Self::new(
            f0,
            self.eps1 * f1,
            self.eps2 * f1,
            self.eps1eps2 * f1 + self.eps1 * self.eps2 * f2,
        )
    }
}

fn exp<D: Chain>(a: D) -> D {
    let e = libm::exp(a.re());
    a.chain(e, || [e, e])
}

fn ln<D: Chain>(a: D) -> D {
    let x = a.re();
    a.chain(libm::log(x), || {
        let r = x.recip();
        [r, -r * r]
    })
}

fn tanh<D: Chain>(a: D) -> D {
    let x = a.re();
    let t = libm::tanh(x);
    a.chain(t, || {
        // 1/cosh² rather than 1 − tanh², which rounds to 0 long before the derivative does.
        let c = libm::cosh(x);
        let d = 1.0 / (c * c);
        [d, -2.0 * t * d]
    })
}

fn apply_unary<D: Chain>(op: UnaryOp, a: D) -> D {
    match op {
        UnaryOp::Neg => -a,
        UnaryOp::Square => a * a,
        UnaryOp::Powi(n) => a.powi(n),
        UnaryOp::Powf(p) => {
            let x = a.re();
            a.chain(libm::pow(x, p), || {
                [
                    p * libm::pow(x, p - 1.0),
                    p * (p - 1.0) * libm::pow(x, p - 2.0),
                ]
            })
        }
        UnaryOp::Func(f) => match f {
            Func::Sin => a.chain(libm::sin(a.re()), || {
                let (s, c) = libm::sincos(a.re());
                [c, -s]
            }),
            Func::Cos => a.chain(libm::cos(a.re()), || {
                let (s, c) = libm::sincos(a.re());
                [-s, -c]
            }),
            Func::Tan => {
                let t = libm::tan(a.re());
                a.chain(t, || {
                    let d = 1.0 + t * t;
                    [d, 2.0 * t * d]
                })
            }
            Func::Exp => exp(a),
            Func::Log => ln(a),
            Func::Sqrt => a.sqrt(),
            Func::Abs => {
                if a.re() < 0.0 {
                    -a
                } else {
                    a
                }
            }
            Func::Tanh => tanh(a),
            // ½(1 + tanh(a/2)): no overflow of exp(−a), and finite derivatives everywhere.
            Func::Sigmoid => (tanh(a * 0.5) + 1.0) * 0.5,
            // Two-argument functions are binary operators; never reached.
            Func::Min | Func::Max => a,
        },
    }
}

fn apply_binary<D: Chain>(op: BinaryOp, a: D, b: D) -> D {
    match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Div => a / b,
        // num-dual's `powd`: exp(b·ln a) for dual numbers, pow for f64.
        BinaryOp::Pow => {
            if D::NDERIV == 0 {
                D::from(libm::pow(a.re(), b.re()))
            } else {
                exp(ln(a) * b)
            }
        }
        // NaN in either operand propagates through the comparison's `else`.
        BinaryOp::Min => {
            if b.re() < a.re() {
                b
            } else {
                a
            }
        }
        BinaryOp::Max => {
            if b.re() > a.re() {
                b
            } else {
                a
            }
        }
    }
}

/// Folds constant sub-trees (with the evaluation's own f64 operations).
fn fold(expr: Expr) -> Expr {
    match expr {
        Expr::Neg(a) => match fold(*a) {
            Expr::Number(v) => Expr::Number(-v),
            a => Expr::Neg(Box::new(a)),
        },
        Expr::Binary(op, a, b) => match (fold(*a), fold(*b)) {
            (Expr::Number(a), Expr::Number(b)) => Expr::Number(apply_binary(op, a, b)),
            (a, b) => Expr::Binary(op, Box::new(a), Box::new(b)),
        },
        Expr::Call(f, args) => {
            let mut args: Vec<Expr> = args.into_iter().map(fold).collect();
            match (f, args.as_slice()) {
                (Func::Min | Func::Max, [_, _]) => {
                    let op = if f == Func::Min {
                        BinaryOp::Min
                    } else {
                        BinaryOp::Max
                    };
                    let b = args.pop().map_or(Expr::Number(f64::NAN), |b| b);
                    let a = args.pop().map_or(Expr::Number(f64::NAN), |a| a);
                    fold(Expr::Binary(op, Box::new(a), Box::new(b)))
                }
                (_, [Expr::Number(v)]) => Expr::Number(apply_unary(UnaryOp::Func(f), *v)),
                _ => Expr::Call(f, args),
            }
        }
        other => other,
    }
}

struct Emitter {
    code: Vec<Instr>,
    registers: usize,
}

impl Emitter {
    fn reg(&mut self, depth: usize) -> u16 {
        self.registers = self.registers.max(depth + 1);
        // The parser caps nesting far below u16::MAX.
        u16::try_from(depth).unwrap_or(u16::MAX)
    }

    fn emit(&mut self, expr: &Expr, depth: usize) {
        let dst = self.reg(depth);
        match expr {
            Expr::Number(value) => self.code.push(Instr::Const { dst, value: *value }),
            Expr::X => self.code.push(Instr::X { dst }),
            Expr::Y => self.code.push(Instr::Y { dst }),
            Expr::Neg(a) => {
                self.emit(a, depth);
                self.code.push(Instr::Unary {
                    op: UnaryOp::Neg,
                    dst,
                });
            }
            Expr::Call(f, args) => {
                for a in args.iter().take(1) {
                    self.emit(a, depth);
                }
                self.code.push(Instr::Unary {
                    op: UnaryOp::Func(*f),
                    dst,
                });
            }
            Expr::Binary(BinaryOp::Pow, base, exponent) => match **exponent {
                Expr::Number(p) => {
                    self.emit(base, depth);
                    let op = if p == 2.0 {
                        UnaryOp::Square
                    } else if p.fract() == 0.0 && p.abs() <= MAX_POWI {
                        #[allow(clippy::cast_possible_truncation)]
                        UnaryOp::Powi(p as i32)
                    } else {
                        UnaryOp::Powf(p)
                    };
                    self.code.push(Instr::Unary { op, dst });
                }
                _ => self.binary(BinaryOp::Pow, base, exponent, depth),
            },
            Expr::Binary(op, a, b) => self.binary(*op, a, b, depth),
        }
    }

    fn binary(&mut self, op: BinaryOp, a: &Expr, b: &Expr, depth: usize) {
        let dst = self.reg(depth);
        let (operand, value, swapped) = match (a, b) {
            (_, Expr::Number(value)) => (a, *value, false),
            (Expr::Number(value), _) => (b, *value, true),
            _ => {
                self.emit(a, depth);
                self.emit(b, depth + 1);
                self.code.push(Instr::Binary { op, dst });
                return;
            }
        };
        self.emit(operand, depth);
        self.code.push(Instr::BinaryConst {
            op,
            dst,
            value,
            swapped,
        });
    }
}

impl Program {
    /// Compiles a parsed expression.
    pub(super) fn compile(expr: Expr) -> Self {
        let folded = fold(expr);
        let mut emitter = Emitter {
            code: Vec::new(),
            registers: 1,
        };
        emitter.emit(&folded, 0);
        Self {
            code: emitter.code,
            registers: emitter.registers,
        }
    }

    /// Number of instructions.
    pub(super) fn len(&self) -> usize {
        self.code.len()
    }

    /// Number of registers (the compiled depth).
    pub(super) fn registers(&self) -> usize {
        self.registers
    }

    /// f(x, y) in any number type: f64 for values, dual numbers for derivatives.
    pub(super) fn eval<D: Chain>(&self, x: D, y: D) -> D {
        let zero = D::from(0.0);
        if self.registers <= INLINE_REGISTERS {
            let mut r = [zero; INLINE_REGISTERS];
            self.execute(&mut Scalar { r: &mut r, x, y });
            r[0]
        } else {
            let mut r = vec![zero; self.registers];
            self.execute(&mut Scalar { r: &mut r, x, y });
            r[0]
        }
    }

    /// f at [`LANES`] points at once, into `out`; `regs` is scratch space reused between
    /// calls. Each lane gets the same bits as [`Self::eval`] with f64.
    pub(super) fn eval_lanes(
        &self,
        x: &[f64; LANES],
        y: &[f64; LANES],
        regs: &mut Vec<[f64; LANES]>,
        out: &mut [f64; LANES],
    ) {
        if regs.len() < self.registers + 1 {
            regs.resize(self.registers + 1, [0.0; LANES]);
        }
        self.execute(&mut Lanes { r: regs, x, y });
        *out = regs[0];
    }

    /// The formula rebuilt in a polynomial ring `P`, if it is a polynomial: only + − ×,
    /// division by constants, and non-negative integer powers (`P`'s operations may refuse,
    /// e.g. beyond a degree, by returning `None`).
    pub(super) fn fold_polynomial<P: super::Polynomial>(&self) -> Option<P> {
        let mut machine = PolynomialRegisters {
            r: vec![None; self.registers + 1],
        };
        self.execute(&mut machine);
        machine.r[0].take()
    }

    /// Runs the code once on `machine`: the one place that decodes the instructions.
    fn execute(&self, machine: &mut impl Registers) {
        for instr in &self.code {
            match *instr {
                Instr::Const { dst, value } => machine.constant(usize::from(dst), value),
                Instr::X { dst } => machine.x(usize::from(dst)),
                Instr::Y { dst } => machine.y(usize::from(dst)),
                Instr::Unary { op, dst } => machine.unary(op, usize::from(dst)),
                Instr::Binary { op, dst } => machine.binary(op, usize::from(dst)),
                Instr::BinaryConst {
                    op,
                    dst,
                    value,
                    swapped,
                } => machine.binary_const(op, usize::from(dst), value, swapped),
            }
        }
    }
}

/// What one interpreter does with each [`Instr`] to its registers `r`; the result is left
/// in `r[0]`. [`Program::execute`] walks the code.
trait Registers {
    /// `r[dst] = value`.
    fn constant(&mut self, dst: usize, value: f64);
    /// `r[dst] = x`.
    fn x(&mut self, dst: usize);
    /// `r[dst] = y`.
    fn y(&mut self, dst: usize);
    /// `r[dst] = op(r[dst])`.
    fn unary(&mut self, op: UnaryOp, dst: usize);
    /// `r[dst] = r[dst] op r[dst + 1]`.
    fn binary(&mut self, op: BinaryOp, dst: usize);
    /// `r[dst] = r[dst] op value`, or `value op r[dst]` when `swapped`.
    fn binary_const(&mut self, op: BinaryOp, dst: usize, value: f64, swapped: bool);
}

/// One point, in any number type ([`Program::eval`]).
struct Scalar<'a, D> {
    r: &'a mut [D],
    x: D,
    y: D,
}

impl<D: Chain> Registers for Scalar<'_, D> {
    fn constant(&mut self, dst: usize, value: f64) {
        self.r[dst] = D::from(value);
    }

    fn x(&mut self, dst: usize) {
        self.r[dst] = self.x;
    }

    fn y(&mut self, dst: usize) {
        self.r[dst] = self.y;
    }

    fn unary(&mut self, op: UnaryOp, dst: usize) {
        self.r[dst] = apply_unary(op, self.r[dst]);
    }

    fn binary(&mut self, op: BinaryOp, dst: usize) {
        self.r[dst] = apply_binary(op, self.r[dst], self.r[dst + 1]);
    }

    fn binary_const(&mut self, op: BinaryOp, dst: usize, value: f64, swapped: bool) {
        let c = D::from(value);
        self.r[dst] = if swapped {
            apply_binary(op, c, self.r[dst])
        } else {
            apply_binary(op, self.r[dst], c)
        };
    }
}

/// [`LANES`] points in f64, one tight loop per instruction ([`Program::eval_lanes`]); every
/// operation gives the bits of [`apply_unary`] and [`apply_binary`].
struct Lanes<'a> {
    r: &'a mut [[f64; LANES]],
    x: &'a [f64; LANES],
    y: &'a [f64; LANES],
}

impl Registers for Lanes<'_> {
    fn constant(&mut self, dst: usize, value: f64) {
        self.r[dst] = [value; LANES];
    }

    fn x(&mut self, dst: usize) {
        self.r[dst] = *self.x;
    }

    fn y(&mut self, dst: usize) {
        self.r[dst] = *self.y;
    }

    fn unary(&mut self, op: UnaryOp, dst: usize) {
        let a = &mut self.r[dst];
        match op {
            UnaryOp::Neg => a.iter_mut().for_each(|v| *v = -*v),
            UnaryOp::Square => a.iter_mut().for_each(|v| *v *= *v),
            // The same comparison as `apply_unary` (so −0 stays −0), as a vectorisable select.
            UnaryOp::Func(Func::Abs) => a.iter_mut().for_each(|v| {
                if *v < 0.0 {
                    *v = -*v;
                }
            }),
            _ => a.iter_mut().for_each(|v| *v = apply_unary(op, *v)),
        }
    }

    fn binary(&mut self, op: BinaryOp, dst: usize) {
        let (lo, hi) = self.r.split_at_mut(dst + 1);
        let zip = lo[dst].iter_mut().zip(&hi[0]);
        match op {
            BinaryOp::Add => zip.for_each(|(a, b)| *a += b),
            BinaryOp::Sub => zip.for_each(|(a, b)| *a -= b),
            BinaryOp::Mul => zip.for_each(|(a, b)| *a *= b),
            BinaryOp::Div => zip.for_each(|(a, b)| *a /= b),
            BinaryOp::Min => zip.for_each(|(a, b)| {
                if *b < *a {
                    *a = *b;
                }
            }),
            BinaryOp::Max => zip.for_each(|(a, b)| {
                if *b > *a {
                    *a = *b;
                }
            }),
            _ => zip.for_each(|(a, b)| *a = apply_binary(op, *a, *b)),
        }
    }

    /// The common operators without a broadcast array.
    fn binary_const(&mut self, op: BinaryOp, dst: usize, c: f64, swapped: bool) {
        let a = &mut self.r[dst];
        match (op, swapped) {
            // IEEE addition and multiplication commute bit for bit.
            (BinaryOp::Add, _) => a.iter_mut().for_each(|v| *v += c),
            (BinaryOp::Sub, false) => a.iter_mut().for_each(|v| *v -= c),
            (BinaryOp::Sub, true) => a.iter_mut().for_each(|v| *v = c - *v),
            (BinaryOp::Mul, _) => a.iter_mut().for_each(|v| *v *= c),
            (BinaryOp::Div, false) => a.iter_mut().for_each(|v| *v /= c),
            (BinaryOp::Div, true) => a.iter_mut().for_each(|v| *v = c / *v),
            (_, false) => a.iter_mut().for_each(|v| *v = apply_binary(op, *v, c)),
            (_, true) => a.iter_mut().for_each(|v| *v = apply_binary(op, c, *v)),
        }
    }
}

/// The formula as a polynomial ([`Program::fold_polynomial`]): a register is `None` once
/// an operation is not polynomial or `P` refuses it, and stays `None` through every
/// operation that reads it, up to `r[0]`.
struct PolynomialRegisters<P> {
    r: Vec<Option<P>>,
}

impl<P: super::Polynomial> Registers for PolynomialRegisters<P> {
    fn constant(&mut self, dst: usize, value: f64) {
        self.r[dst] = Some(P::constant(value));
    }

    fn x(&mut self, dst: usize) {
        self.r[dst] = Some(P::x());
    }

    fn y(&mut self, dst: usize) {
        self.r[dst] = Some(P::y());
    }

    fn unary(&mut self, op: UnaryOp, dst: usize) {
        self.r[dst] = self.r[dst].take().and_then(|a| match op {
            UnaryOp::Neg => P::constant(0.0).sub(&a),
            UnaryOp::Square => a.mul(&a),
            UnaryOp::Powi(n) if n >= 0 => (0..n).try_fold(P::constant(1.0), |acc, _| acc.mul(&a)),
            _ => None,
        });
    }

    fn binary(&mut self, op: BinaryOp, dst: usize) {
        let b = self.r[dst + 1].take();
        self.r[dst] = self.r[dst].take().zip(b).and_then(|(a, b)| match op {
            BinaryOp::Add => a.add(&b),
            BinaryOp::Sub => a.sub(&b),
            BinaryOp::Mul => a.mul(&b),
            _ => None,
        });
    }

    fn binary_const(&mut self, op: BinaryOp, dst: usize, c: f64, swapped: bool) {
        self.r[dst] = self.r[dst].take().and_then(|a| {
            let k = P::constant(c);
            match (op, swapped) {
                (BinaryOp::Add, _) => a.add(&k),
                (BinaryOp::Sub, false) => a.sub(&k),
                (BinaryOp::Sub, true) => k.sub(&a),
                (BinaryOp::Mul, _) => a.mul(&k),
                (BinaryOp::Div, false) if c != 0.0 && c.is_finite() => a.mul(&P::constant(1.0 / c)),
                _ => None,
            }
        });
    }
}
