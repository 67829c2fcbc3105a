//! Seeded random streams. Every random draw in basin comes from a ChaCha8 generator whose
//! seed is derived from the experiment seed and a stream id, never from scheduling order, so
//! the same preset gives the same numbers on 1 thread or many.

use rand::SeedableRng as _;

/// The one generator type of basin (portable across platforms and rand versions).
pub type Rng = rand_chacha::ChaCha8Rng;

/// Stream ids for the independent random streams of one experiment.
pub mod stream {
    /// Shifts of the training copies of a toy surface.
    pub const TRAIN_DATA: u64 = 1;
    /// Shifts of the test copies of a toy surface.
    pub const TEST_DATA: u64 = 2;
    /// Mini-batch order and gradient noise of run `i` uses `RUNS + i`.
    pub const RUNS: u64 = 1_000;
}

/// Mixes a base seed and a stream id into a new seed (SplitMix64 finaliser), so nearby
/// `(base, stream)` pairs give unrelated streams.
#[must_use]
pub fn stream_seed(base: u64, stream_id: u64) -> u64 {
    let mut z = base
        .wrapping_add(stream_id.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A generator for stream `stream_id` of the experiment seeded with `base`.
#[must_use]
pub fn rng_for(base: u64, stream_id: u64) -> Rng {
    Rng::seed_from_u64(stream_seed(base, stream_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt as _;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: u64 = rng_for(7, 1).random();
        let b: u64 = rng_for(7, 1).random();
        let c: u64 = rng_for(7, 2).random();
        let d: u64 = rng_for(8, 1).random();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }
}
