//! Fault injection at the RPC layer: flood waits, DC migrations and lost live updates, each
//! switched on by a rule and decided by the model's seeded generator (so a run repeats).
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
    /// The fraction (0..=1) of live updates that are not queued for pushing; clients must
    /// recover them with `updates.getDifference` / `getChannelDifference`. Answers to the
    /// caller's own requests are never dropped.
    pub drop_updates: f64,
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
}

impl MigrateKind {
    fn name(self) -> &'static str {
        match self {
            Self::Phone => "PHONE",
            Self::User => "USER",
            Self::Network => "NETWORK",
            Self::File => "FILE",
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

/// A migration error as Telegram words it.
pub(crate) fn migrate_error(kind: MigrateKind, dc_id: i32) -> RpcError {
    RpcError::new(303, format!("{}_MIGRATE_{dc_id}", kind.name()))
}

impl Faults {
    /// The injected error for a call of `method` on DC `dc_id`, if a rule fires.
    pub(crate) fn check_call(&self, method: &str, dc_id: i32, rng: &mut Rng) -> Option<RpcError> {
        let applies = |rule_method: &str| rule_method == "*" || rule_method == method;
        for rule in &self.flood_wait {
            if applies(&rule.method) && rng.chance(rule.probability) {
                return Some(RpcError::new(420, format!("FLOOD_WAIT_{}", rule.seconds)));
            }
        }
        for rule in &self.migrate {
            if applies(&rule.method) && rule.dc_id != dc_id && rng.chance(rule.probability) {
                return Some(migrate_error(rule.kind, rule.dc_id));
            }
        }
        None
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
        let faults = Faults {
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
            drop_updates: 0.0,
        };
        let mut rng = Rng::new(1);
        let flood = faults.check_call("messages.sendMessage", 2, &mut rng);
        assert_eq!(flood, Some(RpcError::new(420, "FLOOD_WAIT_7")));
        let migrate = faults.check_call("help.getConfig", 2, &mut rng);
        assert_eq!(migrate, Some(RpcError::new(303, "NETWORK_MIGRATE_3")));
        assert_eq!(faults.check_call("help.getConfig", 3, &mut rng), None);
        assert!(!faults.drop_update(&mut rng));
    }
}
