//! The CPU's widest vector instructions for basin's hot loops, chosen at run time.
//!
//! basin is built for the baseline x86-64 CPU (SSE2: 4 f32 lanes), so the binary runs on any
//! machine; the loops the compiler vectorizes (activations, the thin layers' products, the
//! loss head) would stay at that width. [`vectorized`] runs a closure compiled again for
//! AVX-512 or AVX2 + FMA when the CPU has them (through the `pulp` crate's safe dispatch), so
//! the same loops use 16 or 8 lanes. The arithmetic is the same IEEE operations at every
//! width (no fused multiply-add is introduced, nothing is reassociated), so the results are
//! the same bits on every path, and the same on 1 thread or many.

use std::sync::LazyLock;

/// The instruction set found on this CPU, detected once.
static ARCH: LazyLock<pulp::Arch> = LazyLock::new(pulp::Arch::new);

/// Runs `op` compiled for the widest instruction set this CPU has (AVX-512, AVX2 + FMA, or
/// the baseline). `op` is a [`pulp::WithSimd`] whose `with_simd` is `#[inline(always)]` and
/// holds the whole loop: it is then inlined into a copy per instruction set, and the
/// `#[inline]` functions it calls are vectorized at that copy's width. (A closure, or one
/// generic wrapper calling a kernel function through `FnOnce`, does not do: the compiler kept
/// them out of line at the baseline width, measured 4× slower for tanh. Hence one small
/// `WithSimd` type per loop.)
#[inline(always)]
pub fn vectorized<Op: pulp::WithSimd>(op: Op) -> Op::Output {
    ARCH.dispatch(op)
}

/// The instruction set [`vectorized`] uses here, for benchmarks and reports: `"AVX-512"`,
/// `"AVX2+FMA"` or `"baseline"`.
#[must_use]
pub fn instruction_set() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    match *ARCH {
        pulp::Arch::V4(_) => "AVX-512",
        pulp::Arch::V3(_) => "AVX2+FMA",
        _ => "baseline",
    }
    #[cfg(not(target_arch = "x86_64"))]
    "baseline"
}
