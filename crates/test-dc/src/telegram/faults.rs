//! Fault injection at the RPC layer: flood waits, DC migrations, internal server errors and lost
//! live updates, each switched on by a rule and decided by the model's seeded generator (so a run
//! repeats).
//!
//! A rule names its method as Telegram spells it (`messages.sendMessage`), a whole namespace
//! (`stats.*`) or every method (`*`). Injected errors are answered before the call runs, so a
//! refused call never changes the model, except [`InternalFailure::TimeoutAfterRun`], which
//! replaces the answer of a call that ran (a lost answer).
//!
//! Transport faults (dropped connections, corrupted frames) belong to the network half.

use serde::{Deserialize, Serialize};

use crate::error::RpcError;
use crate::telegram::env::Rng;

/// The fault switches. The default switches everything off.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// `420 FLOOD_WAIT_X` answers.
    pub flood_wait: Vec<FloodWaitRule>,
    /// `303 *_MIGRATE_X` answers.
    pub migrate: Vec<MigrateRule>,
    /// `500` internal errors and `-503 Timeout` answers.
    pub internal: Vec<InternalErrorRule>,
    /// The fraction (0..=1) of live updates that are not queued for pushing; clients must
    /// recover them with `updates.getDifference` / `getChannelDifference`. Answers to the
    /// caller's own requests are never dropped.
    pub drop_updates: f64,
    /// How long a file reference lives, in seconds of the model's clock: references are issued
    /// per period of this length, and `upload.getFile` with one of an earlier period answers
    /// `400 FILE_REFERENCE_EXPIRED` (clients refetch the message for a fresh one). `None`: a
    /// file keeps one reference forever.
    pub file_reference_ttl: Option<i32>,
}

fn always() -> f64 {
    1.0
}

/// Answer `FLOOD_WAIT_{seconds}` to calls of `method`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FloodWaitRule {
    /// The TL name of the method (`messages.sendMessage`), or `*` for every method.
    pub method: String,
    /// The wait the error asks for.
    pub seconds: i32,
    /// The probability (0..=1) that a call is refused; 1 when absent.
    #[serde(default = "always")]
    pub probability: f64,
}

/// Which `*_MIGRATE_X` error a [`MigrateRule`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrateKind {
    /// `PHONE_MIGRATE_X`: the phone number's account lives on DC X.
    Phone,
    /// `USER_MIGRATE_X`: the user's account lives on DC X.
    User,
    /// `NETWORK_MIGRATE_X`: the client's IP should use DC X.
    Network,
    /// `FILE_MIGRATE_X`: the file lives on DC X.
    File,
    /// `STATS_MIGRATE_X`: the statistics (the `stats.*` methods) live on DC X.
    Stats,
}

impl MigrateKind {
    fn name(self) -> &'static str {
        match self {
            Self::Phone => "PHONE",
            Self::User => "USER",
            Self::Network => "NETWORK",
            Self::File => "FILE",
            Self::Stats => "STATS",
        }
    }
}

/// Answer `303 {KIND}_MIGRATE_{dc_id}` to calls of `method` made on any other DC than `dc_id`
/// (calls on `dc_id` itself pass, so a client that follows the redirect gets through).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateRule {
    /// The TL name of the method, or `*`.
    pub method: String,
    /// The error's kind.
    pub kind: MigrateKind,
    /// The DC the error sends the client to.
    pub dc_id: i32,
    /// The probability (0..=1) that a call is redirected; 1 when absent.
    #[serde(default = "always")]
    pub probability: f64,
}

/// Which internal failure an [`InternalErrorRule`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InternalFailure {
    /// `500 {name}`: an internal server error, named as Telegram names them
    /// (`INTERNAL_SERVER_ERROR`, `RPC_CALL_FAIL`, `RPC_MCGET_FAIL`, ...); the call may be
    /// repeated.
    Internal(String),
    /// `-503 Timeout`: the server did not get an answer from its backend in time.
    Timeout,
    /// `-503 Timeout` answered *after* the call ran: the backend finished, but the front end
    /// had given up on it, so the change is made and its answer is lost. (The other failures
    /// refuse the call before it runs.)
    TimeoutAfterRun,
}

/// Answer an internal error to the first `count` calls of `method`, then let calls pass: a
/// client that retries gets through after `count` failures, one that gives up earlier sees the
/// error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternalErrorRule {
    /// The TL name of the method, `namespace.*`, or `*`.
    pub method: String,
    /// The error answered.
    pub failure: InternalFailure,
    /// How many more calls fail: each failure uses one up (so the rule is spent after `count`
    /// refused calls, whichever DC they came to).
    pub count: u32,
}

impl InternalErrorRule {
    /// The error this rule answers.
    fn error(&self) -> RpcError {
        match &self.failure {
            InternalFailure::Internal(name) => RpcError::new(500, name.clone()),
            InternalFailure::Timeout | InternalFailure::TimeoutAfterRun => {
                RpcError::new(-503, "Timeout")
            }
        }
    }
}

/// Whether a rule's method pattern names `method`: the exact name, `namespace.*`, or `*`.
fn applies(pattern: &str, method: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some("") => true,
        Some(prefix) if prefix.ends_with('.') => method.starts_with(prefix),
        _ => pattern == method,
    }
}

/// A migration error as Telegram words it.
pub(crate) fn migrate_error(kind: MigrateKind, dc_id: i32) -> RpcError {
    RpcError::new(303, format!("{}_MIGRATE_{dc_id}", kind.name()))
}

impl Faults {
    /// The injected error for a call of `method` on DC `dc_id`, if a rule fires (a firing
    /// internal-error rule counts the failure).
    pub(crate) fn check_call(
        &mut self,
        method: &str,
        dc_id: i32,
        rng: &mut Rng,
    ) -> Option<RpcError> {
        for rule in &self.flood_wait {
            if applies(&rule.method, method) && rng.chance(rule.probability) {
                return Some(RpcError::new(420, format!("FLOOD_WAIT_{}", rule.seconds)));
            }
        }
        for rule in &self.migrate {
            if applies(&rule.method, method) && rule.dc_id != dc_id && rng.chance(rule.probability)
            {
                return Some(migrate_error(rule.kind, rule.dc_id));
            }
        }
        self.internal_error(method, false)
    }

    /// The error that replaces the answer of a call of `method` that ran, if a
    /// [`InternalFailure::TimeoutAfterRun`] rule fires (it counts the failure).
    pub(crate) fn check_answer(&mut self, method: &str) -> Option<RpcError> {
        self.internal_error(method, true)
    }

    /// The first live internal-error rule for `method` that fires before the call runs, or
    /// after it (`after_run`); counts the failure.
    fn internal_error(&mut self, method: &str, after_run: bool) -> Option<RpcError> {
        let rule = self.internal.iter_mut().find(|rule| {
            rule.count > 0
                && applies(&rule.method, method)
                && (rule.failure == InternalFailure::TimeoutAfterRun) == after_run
        })?;
        rule.count -= 1;
        Some(rule.error())
    }

    /// Whether a live update about to be queued is lost instead.
    pub(crate) fn drop_update(&self, rng: &mut Rng) -> bool {
        rng.chance(self.drop_updates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_fire_on_their_method_only() {
        let mut faults = Faults {
            flood_wait: vec![FloodWaitRule {
                method: "messages.sendMessage".into(),
                seconds: 7,
                probability: 1.0,
            }],
            migrate: vec![MigrateRule {
                method: "*".into(),
                kind: MigrateKind::Network,
                dc_id: 3,
                probability: 1.0,
            }],
            internal: Vec::new(),
            drop_updates: 0.0,
            file_reference_ttl: None,
        };
        let mut rng = Rng::new(1);
        let flood = faults.check_call("messages.sendMessage", 2, &mut rng);
        assert_eq!(flood, Some(RpcError::new(420, "FLOOD_WAIT_7")));
        let migrate = faults.check_call("help.getConfig", 2, &mut rng);
        assert_eq!(migrate, Some(RpcError::new(303, "NETWORK_MIGRATE_3")));
        assert_eq!(faults.check_call("help.getConfig", 3, &mut rng), None);
        assert!(!faults.drop_update(&mut rng));
    }

    #[test]
    fn namespace_patterns_and_stats_migrations() {
        assert!(applies("stats.*", "stats.getBroadcastStats"));
        assert!(!applies("stats.*", "messages.getStats"));
        assert!(!applies("stats.*", "statsx.get"));
        assert!(applies("*", "help.getConfig"));
        assert!(!applies("help.getConfi*", "help.getConfig"));
        let mut faults = Faults {
            migrate: vec![MigrateRule {
                method: "stats.*".into(),
                kind: MigrateKind::Stats,
                dc_id: 2,
                probability: 1.0,
            }],
            ..Faults::default()
        };
        let mut rng = Rng::new(3);
        let err = faults.check_call("stats.getMegagroupStats", 1, &mut rng);
        assert_eq!(err, Some(RpcError::new(303, "STATS_MIGRATE_2")));
        assert_eq!(
            faults.check_call("stats.getMegagroupStats", 2, &mut rng),
            None
        );
        assert_eq!(faults.check_call("help.getConfig", 1, &mut rng), None);
    }

    #[test]
    fn internal_errors_fail_the_first_calls_only() {
        let mut faults = Faults {
            internal: vec![
                InternalErrorRule {
                    method: "messages.sendMessage".into(),
                    failure: InternalFailure::Internal("RPC_CALL_FAIL".into()),
                    count: 2,
                },
                InternalErrorRule {
                    method: "*".into(),
                    failure: InternalFailure::Timeout,
                    count: 1,
                },
            ],
            ..Faults::default()
        };
        let mut rng = Rng::new(5);
        let mut send = || faults.check_call("messages.sendMessage", 2, &mut rng);
        let fail = Some(RpcError::new(500, "RPC_CALL_FAIL"));
        assert_eq!(send(), fail);
        assert_eq!(send(), fail);
        // The first rule is spent; the catch-all answers its one timeout, then all pass.
        assert_eq!(send(), Some(RpcError::new(-503, "Timeout")));
        assert_eq!(send(), None);
        assert_eq!(faults.internal.iter().map(|r| r.count).sum::<u32>(), 0);
    }

    #[test]
    fn rules_read_from_json() {
        let json = r#"{"internal": [
            {"method": "stats.*", "failure": {"internal": "INTERNAL_SERVER_ERROR"}, "count": 3},
            {"method": "*", "failure": "timeout", "count": 1}
        ], "migrate": [{"method": "stats.*", "kind": "stats", "dc_id": 4}]}"#;
        let faults: Faults = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(faults.internal.len(), 2);
        assert_eq!(faults.internal[1].failure, InternalFailure::Timeout);
        assert_eq!(faults.migrate[0].kind, MigrateKind::Stats);
    }

    #[test]
    fn a_timeout_after_the_run_fires_on_the_answer_only() {
        let mut faults = Faults {
            internal: vec![InternalErrorRule {
                method: "messages.sendMessage".into(),
                failure: InternalFailure::TimeoutAfterRun,
                count: 1,
            }],
            ..Faults::default()
        };
        let mut rng = Rng::new(7);
        // The call is not refused before it runs; its answer is replaced once.
        assert_eq!(faults.check_call("messages.sendMessage", 2, &mut rng), None);
        assert_eq!(faults.check_answer("help.getConfig"), None);
        let lost = Some(RpcError::new(-503, "Timeout"));
        assert_eq!(faults.check_answer("messages.sendMessage"), lost);
        assert_eq!(faults.check_answer("messages.sendMessage"), None);
    }
}
