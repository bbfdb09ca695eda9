//! Fault injection at the network level: dropped connections, delayed and reordered answers,
//! `bad_server_salt` storms, a wrong server clock, transport error codes and shuffled live
//! updates. Every switch is off by default; random ones are decided by a generator seeded from
//! [`NetFaults::seed`] and the connection's number, so a run with the same traffic repeats.
//!
//! RPC-level faults (`FLOOD_WAIT_X`, `*_MIGRATE_X`, lost live updates) are the model's
//! [`Faults`](crate::Faults); [`TestDcBuilder::faults`](crate::TestDcBuilder::faults) sets them.

use std::time::Duration;

use crate::telegram::env::Rng;

/// A transport error code sent instead of an answer, after which the connection is closed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransportFault {
    /// The negative code: -404 (auth key not found), -429 (too many connections / flood), ...
    pub code: i32,
    /// The probability (0..=1) that an incoming encrypted packet gets it.
    pub probability: f64,
}

/// The network fault switches. The default switches everything off.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetFaults {
    /// Seed of the dice (mixed with each connection's number).
    pub seed: u64,
    /// Close every connection when its N-th encrypted packet arrives, before answering it.
    pub drop_after_packets: Option<u32>,
    /// The probability (0..=1) that an incoming encrypted packet closes its connection instead
    /// of being answered.
    pub drop_probability: f64,
    /// Hold every outgoing encrypted packet this long before writing it.
    pub delay: Duration,
    /// The probability (0..=1) that an outgoing packet is held back and written after the next
    /// one.
    pub reorder_probability: f64,
    /// A `bad_server_salt` storm: salts last only this long, with no grace period, so clients
    /// keep being told to change salt.
    pub salt_lifetime: Option<Duration>,
    /// Seconds added to the server's clock (msg_ids, salts, `server_time`, time windows); makes
    /// clients resync with `bad_msg_notification` 16/17.
    pub clock_offset_secs: i64,
    /// A transport error answered to incoming encrypted packets.
    pub transport_error: Option<TransportFault>,
    /// Live updates pushed in a random order: each connection of an authorization gets every
    /// held batch shuffled on its own (seeded by [`NetFaults::seed`]), so two connections
    /// deliver the same updates in two different orders.
    pub shuffle_updates: Option<UpdateShuffle>,
}

/// How [`NetFaults::shuffle_updates`] holds live updates before pushing them shuffled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateShuffle {
    /// A batch goes out shuffled once this many updates are held for an authorization.
    pub window: usize,
    /// A partial batch goes out after this long.
    pub flush_after: Duration,
}

impl Default for UpdateShuffle {
    fn default() -> Self {
        Self {
            window: 8,
            flush_after: Duration::from_millis(20),
        }
    }
}

/// What to do with one incoming encrypted packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Process it.
    Serve,
    /// Close the connection without answering.
    Drop,
    /// Send this transport error code, then close.
    Error(i32),
}

/// One connection's view of the switches: the dice and the packet count.
#[derive(Debug)]
pub(crate) struct FaultDice {
    rng: Rng,
    received: u32,
}

impl FaultDice {
    /// Dice for connection number `connection`.
    pub(crate) fn new(faults: &NetFaults, connection: u64) -> Self {
        let mixed = faults.seed ^ connection.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Self {
            rng: Rng::new(mixed),
            received: 0,
        }
    }

    /// The verdict for the next incoming encrypted packet.
    pub(crate) fn incoming(&mut self, faults: &NetFaults) -> Verdict {
        self.received = self.received.saturating_add(1);
        if faults
            .drop_after_packets
            .is_some_and(|n| self.received >= n)
        {
            return Verdict::Drop;
        }
        if self.rng.chance(faults.drop_probability) {
            return Verdict::Drop;
        }
        match faults.transport_error {
            Some(fault) if self.rng.chance(fault.probability) => Verdict::Error(fault.code),
            _ => Verdict::Serve,
        }
    }

    /// Whether the next outgoing packet is held back behind the one after it.
    pub(crate) fn reorder(&mut self, faults: &NetFaults) -> bool {
        self.rng.chance(faults.reorder_probability)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_off_serve_everything() {
        let faults = NetFaults::default();
        let mut dice = FaultDice::new(&faults, 1);
        assert!((0..1000).all(|_| dice.incoming(&faults) == Verdict::Serve));
        assert!(!(0..1000).any(|_| dice.reorder(&faults)));
    }

    #[test]
    fn drop_after_counts_packets() {
        let faults = NetFaults {
            drop_after_packets: Some(3),
            ..NetFaults::default()
        };
        let mut dice = FaultDice::new(&faults, 1);
        let verdicts: Vec<Verdict> = (0..3).map(|_| dice.incoming(&faults)).collect();
        assert_eq!(verdicts, [Verdict::Serve, Verdict::Serve, Verdict::Drop]);
    }

    #[test]
    fn random_switches_are_seeded() {
        let faults = NetFaults {
            seed: 42,
            drop_probability: 0.3,
            transport_error: Some(TransportFault {
                code: -429,
                probability: 0.5,
            }),
            ..NetFaults::default()
        };
        let run = |connection| {
            let mut dice = FaultDice::new(&faults, connection);
            (0..200).map(|_| dice.incoming(&faults)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let verdicts = run(7);
        let drops = verdicts.iter().filter(|v| **v == Verdict::Drop).count();
        let errors = verdicts
            .iter()
            .filter(|v| **v == Verdict::Error(-429))
            .count();
        assert!((30..90).contains(&drops), "{drops}");
        assert!((40..100).contains(&errors), "{errors}");
    }
}
