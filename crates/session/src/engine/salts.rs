//! Server salts: the current one, the future ones from `get_future_salts`, and when to fetch more.

use std::time::Duration;

use pyro_tl_types::mtproto::types::FutureSalt;

/// The salts known to the engine.
#[derive(Debug, Clone)]
pub(crate) struct Salts {
    current: i64,
    /// Future salts sorted by `valid_since`.
    future: Vec<FutureSalt>,
    /// When (monotonic) to ask for more salts; `None` while a request is out or nothing is due.
    refresh_at: Option<Duration>,
}

impl Salts {
    pub(crate) fn new(salt: i64) -> Self {
        Self {
            current: salt,
            future: Vec::new(),
            refresh_at: None,
        }
    }

    /// The salt to use at server time `server_secs`: the newest future salt already valid, else
    /// the current one. Expired future salts are dropped.
    pub(crate) fn salt_at(&mut self, server_secs: i64) -> i64 {
        self.future
            .retain(|s| i64::from(s.valid_until) > server_secs);
        while let Some(first) = self.future.first() {
            if i64::from(first.valid_since) > server_secs {
                break;
            }
            self.current = first.salt;
            if self.future.len() > 1 && i64::from(self.future[1].valid_since) <= server_secs {
                self.future.remove(0);
            } else {
                break;
            }
        }
        self.current
    }

    /// The server told us the right salt (`bad_server_salt`, `new_session_created`): use it,
    /// forget the future list (it may be stale) and fetch a new one at once.
    pub(crate) fn replace(&mut self, salt: i64, mono_now: Duration) {
        self.current = salt;
        self.future.clear();
        self.refresh_at = Some(mono_now);
    }

    /// Stores the answer to `get_future_salts` (`now` is the server's time in it) and plans the
    /// next fetch `margin` before the last salt expires.
    pub(crate) fn store(
        &mut self,
        mut salts: Vec<FutureSalt>,
        server_now: i32,
        mono_now: Duration,
        margin: Duration,
    ) {
        salts.sort_by_key(|s| s.valid_since);
        let last_until = salts
            .iter()
            .map(|s| s.valid_until)
            .max()
            .unwrap_or(server_now);
        let lead = u64::try_from(i64::from(last_until) - i64::from(server_now)).unwrap_or(0);
        let wait = Duration::from_secs(lead)
            .saturating_sub(margin)
            .max(Duration::from_secs(60));
        self.refresh_at = Some(mono_now + wait);
        self.future = salts;
    }

    /// When to fetch salts next.
    pub(crate) fn refresh_at(&self) -> Option<Duration> {
        self.refresh_at
    }

    /// A fetch was queued: stop asking until its answer (or a failure) re-arms the timer.
    pub(crate) fn fetching(&mut self) {
        self.refresh_at = None;
    }

    /// The fetch was lost (reconnect): try again at `at`.
    pub(crate) fn retry_at(&mut self, at: Duration) {
        self.refresh_at = Some(self.refresh_at.map_or(at, |t| t.min(at)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs(since: i32, until: i32, salt: i64) -> FutureSalt {
        FutureSalt {
            valid_since: since,
            valid_until: until,
            salt,
        }
    }

    #[test]
    fn switches_to_the_salt_valid_now() {
        let mut s = Salts::new(1);
        s.store(
            vec![fs(200, 300, 3), fs(100, 200, 2)],
            100,
            Duration::ZERO,
            Duration::from_secs(10),
        );
        assert_eq!(s.refresh_at(), Some(Duration::from_secs(190)));
        assert_eq!(s.salt_at(150), 2);
        assert_eq!(s.salt_at(250), 3);
        assert_eq!(s.salt_at(400), 3); // all expired: keep the last one until told otherwise
        s.replace(9, Duration::from_secs(5));
        assert_eq!(s.salt_at(400), 9);
        assert_eq!(s.refresh_at(), Some(Duration::from_secs(5)));
    }
}
