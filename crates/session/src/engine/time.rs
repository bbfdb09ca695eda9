//! Time: the injected clock reading ([`Now`]) and the message-id clock built on it.
//!
//! A message id is the sender's unix time in seconds (high 32 bits) and its fraction (low 32
//! bits). Client ids are divisible by 4; server ids are 1 mod 4 for responses and 3 mod 4 for
//! everything else. Ids strictly increase within a session. The client corrects its clock with the
//! offset learnt from the server's ids (`bad_msg_notification` 16/17), as the MTProto description
//! asks.

use std::time::Duration;

const NANOS: i128 = 1_000_000_000;

/// One reading of the caller's clocks, passed into every call that may need the time.
///
/// `mono` is a monotonic instant (any origin, never goes back): every timer of the engine is a
/// deadline on it. `unix` is the wall-clock time since the Unix epoch: message ids are made from
/// it. The tokio driver reads both from the OS; tests pass a virtual clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time since an arbitrary origin.
    pub mono: Duration,
    /// Wall-clock time since the Unix epoch.
    pub unix: Duration,
}

impl Now {
    /// A clock reading.
    pub fn new(mono: Duration, unix: Duration) -> Self {
        Self { mono, unix }
    }

    /// The same clocks `by` later.
    #[must_use]
    pub fn after(self, by: Duration) -> Self {
        Self {
            mono: self.mono + by,
            unix: self.unix + by,
        }
    }
}

/// The time a message id carries, in nanoseconds since the Unix epoch.
pub(crate) fn id_time_nanos(msg_id: i64) -> i128 {
    let secs = i128::from(msg_id >> 32);
    let frac = i128::from(msg_id & 0xffff_ffff);
    secs * NANOS + ((frac * NANOS) >> 32)
}

/// Generates strictly increasing message ids from a corrected clock.
#[derive(Debug, Clone, Default)]
pub(crate) struct MsgIdClock {
    /// Server time minus local time, in nanoseconds.
    offset: i128,
    last: i64,
}

impl MsgIdClock {
    /// The corrected (server) unix time in nanoseconds.
    pub(crate) fn server_nanos(&self, now: Now) -> i128 {
        now.unix.as_nanos() as i128 + self.offset
    }

    /// The corrected (server) unix time in whole seconds.
    pub(crate) fn server_secs(&self, now: Now) -> i64 {
        (self.server_nanos(now) / NANOS) as i64
    }

    /// The next id whose two low bits are `residue` (0 for clients, 1 or 3 for servers).
    pub(crate) fn next(&mut self, now: Now, residue: i64) -> i64 {
        // Clamped to the ids' range, so even an absurd offset from a server cannot overflow.
        let t = self
            .server_nanos(now)
            .clamp(0, i128::from(i32::MAX) * NANOS);
        let secs = (t / NANOS) as i64;
        let frac = (((t % NANOS) << 32) / NANOS) as i64;
        let mut id = ((secs << 32) | frac) & !3 | residue;
        if id <= self.last {
            id = (self.last & !3).saturating_add(4) | residue;
        }
        self.last = id;
        id
    }

    /// Adopts the server's time from one of its message ids. When the clock moves back, ids
    /// restart from the corrected time (the ones made from the wrong clock were rejected).
    pub(crate) fn sync_to(&mut self, now: Now, server_msg_id: i64) {
        let new_offset = id_time_nanos(server_msg_id) - now.unix.as_nanos() as i128;
        if new_offset < self.offset {
            self.last = 0;
        }
        self.offset = new_offset;
    }

    /// How far `msg_id`'s time lies from the corrected clock (positive: in the future).
    pub(crate) fn skew(&self, now: Now, msg_id: i64) -> i128 {
        id_time_nanos(msg_id) - self.server_nanos(now)
    }

    /// Whether `msg_id` lies within `past` before and `future` after the corrected clock.
    pub(crate) fn in_window(
        &self,
        now: Now,
        msg_id: i64,
        past: Duration,
        future: Duration,
    ) -> bool {
        let skew = self.skew(now, msg_id);
        skew >= -(past.as_nanos() as i128) && skew <= future.as_nanos() as i128
    }

    /// Sets the server-minus-local offset to whole seconds.
    pub(crate) fn set_offset_secs(&mut self, secs: i32) {
        self.offset = i128::from(secs) * NANOS;
    }

    /// The server-minus-local offset in nanoseconds.
    pub(crate) fn offset_nanos(&self) -> i128 {
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> Now {
        Now::new(
            Duration::from_secs(secs),
            Duration::from_secs(1_700_000_000 + secs),
        )
    }

    #[test]
    fn ids_increase_and_keep_their_residue() {
        let mut clock = MsgIdClock::default();
        let a = clock.next(at(0), 0);
        let b = clock.next(at(0), 0);
        assert_eq!(a % 4, 0);
        assert!(b > a);
        assert_eq!(a >> 32, 1_700_000_000);
        let s = clock.next(at(0), 3);
        assert_eq!(s % 4, 3);
        assert!(s > b);
    }

    #[test]
    fn sync_moves_the_clock_and_restarts_ids() {
        let mut clock = MsgIdClock::default();
        let ahead = at(3600);
        let first = clock.next(ahead, 0);
        let server_id = (1_700_000_000i64 << 32) | 1;
        clock.sync_to(ahead, server_id);
        let next = clock.next(ahead, 0);
        assert!(next < first);
        assert_eq!(next >> 32, 1_700_000_000);
        assert!(clock.in_window(
            ahead,
            server_id,
            Duration::from_secs(300),
            Duration::from_secs(30)
        ));
    }

    #[test]
    fn absurd_server_times_do_not_overflow() {
        let mut clock = MsgIdClock::default();
        clock.sync_to(at(0), i64::MAX);
        let a = clock.next(at(0), 0);
        let b = clock.next(at(0), 0);
        assert!(b >= a);
        clock.sync_to(at(0), i64::MIN);
        assert!(clock.next(at(0), 0) >= 0);
    }
}
