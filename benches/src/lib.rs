//! Shared helpers for pyro's criterion benchmarks (the bench targets live in `benches/benches/`).
//!
//! Results, with the command and the machine, are recorded in `benches/README.md`.

/// Deterministic, non-trivial test bytes of length `len` (a simple xorshift stream), so that
/// benchmarks never measure all-zero inputs that some code paths could special-case.
#[must_use]
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// Sizes used by the byte-throughput benches: 1 KiB, 64 KiB and 1 MiB.
pub const SIZES: [usize; 3] = [1024, 64 * 1024, 1024 * 1024];
