//! What to do after a request failed: follow a migration, sleep through a flood wait at or below
//! the threshold, retry an internal error after a backoff, or give up. A pure function of the
//! failure, the settings and the counts so far, so the policy is tested without a network.

use std::time::Duration;

use pyro_session::driver::DriverError;
use pyro_session::engine::RequestError;

use super::config::Config;
use super::error::MigrateKind;
use super::invoke::{is_transient, migration};

/// The next step after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Send the request to this DC (moving the home DC for phone/network/user kinds).
    Migrate(MigrateKind, i32),
    /// Wait out a flood wait, then send again.
    Sleep(Duration),
    /// Wait out a backoff after an internal error, then send again.
    Retry(Duration),
    /// Return the error.
    Fail,
}

/// The flood-wait style errors that are slept through: their value is seconds to wait.
const WAITS: [&str; 3] = ["FLOOD_WAIT", "FLOOD_PREMIUM_WAIT", "SLOWMODE_WAIT"];

/// Decides after `failure`, given how many (migrations, flood sleeps, retries) this request has
/// had.
pub(crate) fn decide(config: &Config, failure: &DriverError, counts: (u32, u32, u32)) -> Decision {
    let (migrations, floods, retries) = counts;
    let policy = &config.retry;
    if let DriverError::Request(RequestError::Rpc(rpc)) = failure {
        if let Some((kind, dc)) = migration(rpc) {
            return if migrations < policy.max_migrations {
                Decision::Migrate(kind, dc)
            } else {
                Decision::Fail
            };
        }
        if WAITS.contains(&rpc.name.as_str())
            && let Some(seconds) = rpc.value
        {
            let wait = Duration::from_secs(u64::from(seconds));
            return if wait <= config.flood_sleep_threshold && floods < policy.max_flood_sleeps {
                Decision::Sleep(wait)
            } else {
                Decision::Fail
            };
        }
    }
    if is_transient(failure) && retries < policy.max_retries {
        return Decision::Retry(policy.delay(retries + 1));
    }
    Decision::Fail
}

#[cfg(test)]
mod tests {
    use pyro_session::engine::RpcError;

    use super::*;

    fn config() -> Config {
        Config::defaults(1)
    }

    fn rpc(code: i32, message: &str) -> DriverError {
        DriverError::Request(RequestError::Rpc(RpcError::new(code, message)))
    }

    #[test]
    fn flood_waits_sleep_at_or_below_the_threshold_only() {
        let c = config();
        let ten = Duration::from_secs(10);
        assert_eq!(
            decide(&c, &rpc(420, "FLOOD_WAIT_10"), (0, 0, 0)),
            Decision::Sleep(ten)
        );
        assert_eq!(
            decide(&c, &rpc(420, "FLOOD_WAIT_11"), (0, 0, 0)),
            Decision::Fail
        );
        let three = Duration::from_secs(3);
        assert_eq!(
            decide(&c, &rpc(400, "SLOWMODE_WAIT_3"), (0, 0, 0)),
            Decision::Sleep(three)
        );
        let premium = rpc(420, "FLOOD_PREMIUM_WAIT_3");
        assert_eq!(decide(&c, &premium, (0, 0, 0)), Decision::Sleep(three));
        let limit = c.retry.max_flood_sleeps;
        assert_eq!(decide(&c, &premium, (0, limit, 0)), Decision::Fail);
    }

    #[test]
    fn migrations_are_followed_a_bounded_number_of_times() {
        let c = config();
        let phone = rpc(303, "PHONE_MIGRATE_4");
        assert_eq!(
            decide(&c, &phone, (0, 0, 0)),
            Decision::Migrate(MigrateKind::Phone, 4)
        );
        let file = rpc(303, "FILE_MIGRATE_3");
        assert_eq!(
            decide(&c, &file, (1, 0, 0)),
            Decision::Migrate(MigrateKind::File, 3)
        );
        assert_eq!(
            decide(&c, &file, (c.retry.max_migrations, 0, 0)),
            Decision::Fail
        );
    }

    #[test]
    fn internal_errors_back_off_then_fail() {
        let c = config();
        let internal = rpc(500, "INTERNAL_SERVER_ERROR");
        assert_eq!(
            decide(&c, &internal, (0, 0, 0)),
            Decision::Retry(c.retry.delay(1))
        );
        assert_eq!(
            decide(&c, &internal, (0, 0, 2)),
            Decision::Retry(c.retry.delay(3))
        );
        assert_eq!(decide(&c, &internal, (0, 0, 3)), Decision::Fail);
        assert_eq!(
            decide(&c, &rpc(-503, "Timeout"), (0, 0, 0)),
            Decision::Retry(c.retry.delay(1))
        );
        assert_eq!(
            decide(&c, &rpc(400, "PEER_ID_INVALID"), (0, 0, 0)),
            Decision::Fail
        );
        let timeout = DriverError::Request(RequestError::Timeout);
        assert_eq!(decide(&c, &timeout, (0, 0, 0)), Decision::Fail);
    }
}
