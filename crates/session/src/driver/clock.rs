//! The driver's time: the one clock it reads, the jitter of its reconnect backoff, and sleeping
//! until an optional deadline.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use crate::engine::Now;

/// The wall clock and a monotonic clock, read together: the only clock calls of the crate.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    origin: Instant,
}

impl Clock {
    /// A clock whose monotonic time starts now.
    pub(super) fn start() -> Self {
        Self {
            origin: Instant::now(),
        }
    }

    /// The time now on both clocks.
    pub(super) fn now(self) -> Now {
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Now::new(self.origin.elapsed(), unix)
    }

    /// The instant `mono` after the clock started.
    pub(super) fn instant(self, mono: Duration) -> Instant {
        self.origin + mono
    }
}

/// `delay` scaled by a random factor in 0.5..1.5, so many clients do not reconnect in step.
pub(super) fn jittered(delay: Duration) -> Duration {
    let r = getrandom::u32().unwrap_or(u32::MAX / 2);
    delay.mul_f64(0.5 + f64::from(r) / f64::from(u32::MAX))
}

/// Sleeps until `at`, or forever without a deadline.
pub(super) async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
