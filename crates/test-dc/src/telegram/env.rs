//! What the in-memory Telegram takes from outside: the time and the randomness, both injected
//! so that every run with the same seed and the same clock answers the same bytes.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The source of `date` fields: Unix seconds.
pub trait Clock: Send + Sync {
    /// The current time in Unix seconds.
    fn now(&self) -> i32;
}

/// A clock that only moves when told to: the tests' and the harness's clock.
///
/// Clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    seconds: Arc<AtomicI64>,
}

impl ManualClock {
    /// A clock standing at `unix_seconds`.
    pub fn new(unix_seconds: i32) -> Self {
        Self {
            seconds: Arc::new(AtomicI64::new(i64::from(unix_seconds))),
        }
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: i32) {
        self.seconds.fetch_add(i64::from(seconds), Ordering::SeqCst);
    }

    /// Sets the clock to `unix_seconds`.
    pub fn set(&self, unix_seconds: i32) {
        self.seconds
            .store(i64::from(unix_seconds), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i32 {
        self.seconds.load(Ordering::SeqCst) as i32
    }
}

/// The system clock, for the binary.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i32 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i32)
    }
}

/// A small deterministic generator (SplitMix64, Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", 2014): ids, access hashes, salts, login codes, SRP's `b` and
/// the fault switches' dice. Not for secrets: the test DC has none worth keeping.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator started from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        // SplitMix64's published constants.
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A random positive `i64` (ids and access hashes are never 0 or negative here).
    pub(crate) fn positive_i64(&mut self) -> i64 {
        (self.next_u64() >> 1).max(1) as i64
    }

    /// `n` random bytes.
    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n + 8);
        while out.len() < n {
            out.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        out.truncate(n);
        out
    }

    /// A uniformly random number in `0..bound` (`bound` > 0).
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    /// `true` with probability `p` (clamped to 0..=1).
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        // 53 random bits as a fraction in [0, 1): exact in an f64's 53-bit mantissa.
        #[allow(clippy::cast_precision_loss)]
        let fraction = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        fraction < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_spread() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
        let hits = (0..10_000).filter(|_| a.chance(0.25)).count();
        assert!((2_200..2_800).contains(&hits), "{hits}");
        assert!(!a.chance(0.0));
        assert_eq!(a.bytes(13).len(), 13);
        assert!(a.below(10) < 10);
    }

    #[test]
    fn manual_clock_moves_when_told() {
        let clock = ManualClock::new(1_000);
        let shared = clock.clone();
        shared.advance(5);
        assert_eq!(clock.now(), 1_005);
        clock.set(7);
        assert_eq!(shared.now(), 7);
    }
}
