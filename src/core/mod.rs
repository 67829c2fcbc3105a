//! Pure numerics: objectives, surfaces, optimizers, training, landscapes.
//!
//! Everything here is deterministic; callers (the `jobs` layer, the CLI, benches) decide what
//! runs in parallel. One exception, on the caller's pool: a network's gradient and its exact
//! Hessian-vector product over a large batch are computed as two halves with `rayon::join`
//! ([`network::mlp::SPLIT_BATCH`]), a split fixed by the batch's size, so the numbers are the
//! same bits on 1 thread or many. The hot loops run at the CPU's widest SIMD ([`simd`]).
//! Nothing here owns threads, imports egui or touches files.

pub mod anatomy;
pub mod biasvar;
pub mod formula;
pub mod landscape;
pub mod network;
pub mod objective;
pub mod optim;
pub mod product;
pub mod rng;
pub mod schedule;
pub mod sharpness;
pub mod simd;
pub mod stats;
pub mod surface;
pub mod sweep;
pub mod train;
pub mod tune;
pub mod wire;

/// Formats a number with 3 significant digits, the house style for every number shown
/// (`0.00123`, `1.23e+05`, `42.0`).
#[must_use]
pub fn fmt3(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let mag = libm::log10(x.abs()).floor();
    if !(-3.0..5.0).contains(&mag) {
        return format!("{x:.2e}");
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let decimals = (2.0 - mag).max(0.0) as usize;
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn fmt3_uses_three_significant_digits() {
        assert_eq!(super::fmt3(0.001_234), "0.00123");
        assert_eq!(super::fmt3(42.0), "42.0");
        assert_eq!(super::fmt3(1.0), "1.00");
        assert_eq!(super::fmt3(123_456.0), "1.23e5");
        assert_eq!(super::fmt3(0.0), "0");
    }
}
