//! The server's salt schedule: one salt per period (an hour by default), derived from a secret,
//! with the previous salt still accepted for a grace time after its period ends.

use std::time::Duration;

use pyro_tl_types::mtproto::types::FutureSalt;

/// A deterministic salt schedule.
#[derive(Debug, Clone)]
pub(crate) struct SaltSchedule {
    secret: u64,
    lifetime: u64,
    grace: u64,
}

/// SplitMix64's finaliser: spreads an index into an unpredictable-looking 64-bit salt.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SaltSchedule {
    pub(crate) fn new(secret: u64, lifetime: Duration, grace: Duration) -> Self {
        Self {
            secret,
            lifetime: lifetime.as_secs().max(1),
            grace: grace.as_secs(),
        }
    }

    fn salt(&self, period: u64) -> i64 {
        mix(self.secret ^ period) as i64
    }

    /// The salt of the period containing `unix_secs`.
    pub(crate) fn current(&self, unix_secs: u64) -> i64 {
        self.salt(unix_secs / self.lifetime)
    }

    /// Whether `salt` is accepted at `unix_secs`: the current one, or the previous one during
    /// the grace time.
    pub(crate) fn accepts(&self, salt: i64, unix_secs: u64) -> bool {
        let period = unix_secs / self.lifetime;
        if salt == self.salt(period) {
            return true;
        }
        period > 0 && unix_secs % self.lifetime < self.grace && salt == self.salt(period - 1)
    }

    /// The current salt and the `n - 1` after it, as `future_salt`s.
    pub(crate) fn future(&self, unix_secs: u64, n: usize) -> Vec<FutureSalt> {
        let first = unix_secs / self.lifetime;
        (first..first + n.clamp(1, 64) as u64)
            .map(|p| FutureSalt {
                valid_since: (p * self.lifetime).min(i32::MAX as u64) as i32,
                valid_until: ((p + 1) * self.lifetime).min(i32::MAX as u64) as i32,
                salt: self.salt(p),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_grace() {
        let s = SaltSchedule::new(7, Duration::from_secs(3600), Duration::from_secs(1800));
        let a = s.current(3600 * 10 + 5);
        let b = s.current(3600 * 11 + 5);
        assert_ne!(a, b);
        assert!(s.accepts(a, 3600 * 11 + 5));
        assert!(!s.accepts(a, 3600 * 11 + 1800));
        let f = s.future(3600 * 10 + 5, 2);
        assert_eq!(f[0].salt, a);
        assert_eq!(f[1].salt, b);
        assert_eq!(f[1].valid_since, 3600 * 11);
    }
}
