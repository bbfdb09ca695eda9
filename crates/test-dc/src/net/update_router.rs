//! The update router: wakes on every update (or late answer) the model queues, drains that
//! authorization's queues and hands them to the authorization's connections (updates for nobody connected are
//! dropped, as Telegram drops pushes to offline sessions: clients catch up with
//! `updates.getDifference`).
//!
//! With [`NetFaults::shuffle_updates`] on, updates are held per authorization and pushed in
//! shuffled batches, each connection with its own order; a partial batch goes out after the
//! switch's `flush_after`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::Telegram;
use crate::faults_net::NetFaults;
use crate::net::registry::Registry;
use crate::telegram::env::Rng;

/// How often the router lets the model settle what is due ([`Telegram::tick`]).
const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// Mixed into [`NetFaults::seed`] so the shuffle's dice differ from the connections'.
const SHUFFLE_SEED_MIX: u64 = 0x5bd1_e995_5bd1_e995;

/// Updates held for shuffling, by authorization.
struct Held {
    batches: HashMap<i64, Vec<Vec<u8>>>,
    flush_at: Option<Instant>,
    rng: Option<Rng>,
}

impl Held {
    fn rng(&mut self, faults: &NetFaults) -> &mut Rng {
        self.rng
            .get_or_insert_with(|| Rng::new(faults.seed ^ SHUFFLE_SEED_MIX))
    }

    /// Pushes every held batch, shuffled.
    fn flush(&mut self, registry: &Registry, faults: &NetFaults) {
        let batches: Vec<(i64, Vec<Vec<u8>>)> = self.batches.drain().collect();
        for (authorization, batch) in batches {
            registry.deliver_shuffled(authorization, &batch, self.rng(faults));
        }
        self.flush_at = None;
    }
}

/// Starts the router task.
pub(crate) fn spawn(
    telegram: &Arc<Telegram>,
    registry: &Arc<Registry>,
    faults: &Arc<RwLock<NetFaults>>,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<i64>();
    telegram.set_update_listener(move |authorization| {
        let _ = tx.send(authorization);
    });
    let telegram = Arc::clone(telegram);
    let registry = Arc::clone(registry);
    let faults = Arc::clone(faults);
    let current = move || {
        faults
            .read()
            .map_or_else(|e| e.into_inner().clone(), |f| f.clone())
    };
    tokio::spawn(async move {
        // Bot queries time out on the model's clock; a quiet server still has to notice.
        let mut ticks = tokio::time::interval(TICK);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut held = Held {
            batches: HashMap::new(),
            flush_at: None,
            rng: None,
        };
        loop {
            let flush_at = held.flush_at;
            let timer = async move {
                match flush_at {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                woken = rx.recv() => {
                    let Some(authorization) = woken else { return };
                    for (ticket, answer) in telegram.take_answers(authorization) {
                        if let Some(bytes) = answer.into_bytes() {
                            registry.answer(authorization, ticket, &bytes);
                        }
                    }
                    let updates = telegram.take_updates(authorization);
                    if updates.is_empty() {
                        continue;
                    }
                    let faults = current();
                    let Some(shuffle) = faults.shuffle_updates else {
                        held.flush(&registry, &faults);
                        registry.deliver(authorization, &updates);
                        continue;
                    };
                    let batch = held.batches.entry(authorization).or_default();
                    batch.extend(updates);
                    if batch.len() >= shuffle.window {
                        let batch = std::mem::take(batch);
                        registry.deliver_shuffled(authorization, &batch, held.rng(&faults));
                    } else if held.flush_at.is_none() {
                        held.flush_at = Some(Instant::now() + shuffle.flush_after);
                    }
                }
                () = timer => held.flush(&registry, &current()),
                _ = ticks.tick() => telegram.tick(),
                _ = stop.changed() => return,
            }
        }
    })
}
