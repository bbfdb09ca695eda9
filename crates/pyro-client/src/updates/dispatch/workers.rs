//! The dispatcher: handler groups in order, run on a bounded pool of workers.
//!
//! Updates are spread over the workers by a shard key (the chat, for the client's updates), so
//! one chat's updates are handled one after another, in the order they were sent, while
//! different chats run in parallel. Each worker has a bounded queue: when the handlers fall
//! behind, [`Workers::send`] waits for room instead of dropping updates, and the wait reaches
//! back to whoever produces them (backpressure).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::flow::{Flow, HandlerError};
use super::handler::{Handler, Router};

/// How many workers and how much queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerConfig {
    /// Worker tasks (handlers of different shards run concurrently). 4 by default.
    pub workers: usize,
    /// Updates each worker's queue holds before [`Workers::send`] waits. 256 by default.
    pub queue: usize,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            workers: 4,
            queue: 256,
        }
    }
}

type ErrorHook = Arc<dyn Fn(HandlerError) + Send + Sync>;

/// Handlers by group, ready to run updates through.
pub struct Dispatcher<C, U> {
    client: C,
    groups: Arc<Vec<Vec<Handler<C, U>>>>,
    on_error: ErrorHook,
    errors: Arc<AtomicU64>,
}

impl<C: Clone, U> Clone for Dispatcher<C, U> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            groups: Arc::clone(&self.groups),
            on_error: Arc::clone(&self.on_error),
            errors: Arc::clone(&self.errors),
        }
    }
}

impl<C, U> std::fmt::Debug for Dispatcher<C, U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher")
            .field("groups", &self.groups.len())
            .finish_non_exhaustive()
    }
}

impl<C, U> Dispatcher<C, U>
where
    C: Clone + Send + Sync + 'static,
    U: Send + Sync + 'static,
{
    /// A dispatcher of `router`'s handlers, handing them `client`. Handler errors go to
    /// standard error until [`Dispatcher::on_error`] says otherwise.
    pub fn new(client: C, router: Router<C, U>) -> Self {
        let mut groups: BTreeMap<i32, Vec<Handler<C, U>>> = BTreeMap::new();
        for handler in router.handlers {
            groups.entry(handler.group).or_default().push(handler);
        }
        Self {
            client,
            groups: Arc::new(groups.into_values().collect()),
            on_error: Arc::new(|e| eprintln!("pyro: an update handler failed: {e}")),
            errors: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Where handler errors go.
    #[must_use]
    pub fn on_error(mut self, hook: impl Fn(HandlerError) + Send + Sync + 'static) -> Self {
        self.on_error = Arc::new(hook);
        self
    }

    /// How many handler runs failed so far.
    pub fn errors(&self) -> u64 {
        self.errors.load(Ordering::Relaxed)
    }

    /// Runs `update` through the groups, in order, on the calling task; returns how many
    /// handlers ran.
    pub async fn dispatch(&self, update: &U) -> usize {
        let mut ran = 0;
        for group in self.groups.iter() {
            for handler in group {
                let Some(run) = handler.try_run(&self.client, update) else {
                    continue;
                };
                ran += 1;
                let flow = run.await.unwrap_or_else(|e| {
                    self.errors.fetch_add(1, Ordering::Relaxed);
                    (self.on_error)(e);
                    Flow::Next
                });
                match flow {
                    Flow::Next => break,
                    Flow::Continue => {}
                    Flow::Stop => return ran,
                }
            }
        }
        ran
    }

    /// Starts `config.workers` workers; `shard` picks each update's worker (updates with the
    /// same key are handled in order).
    pub fn spawn(self, config: WorkerConfig, shard: fn(&U) -> u64) -> Workers<U> {
        let count = config.workers.max(1);
        let mut senders = Vec::with_capacity(count);
        let mut tasks = Vec::with_capacity(count);
        for _ in 0..count {
            let (tx, mut rx) = mpsc::channel::<U>(config.queue.max(1));
            let dispatcher = self.clone();
            tasks.push(tokio::spawn(async move {
                while let Some(update) = rx.recv().await {
                    dispatcher.dispatch(&update).await;
                }
            }));
            senders.push(tx);
        }
        Workers {
            senders,
            tasks,
            shard,
        }
    }
}

/// The running workers of a [`Dispatcher`].
#[derive(Debug)]
pub struct Workers<U> {
    senders: Vec<mpsc::Sender<U>>,
    tasks: Vec<JoinHandle<()>>,
    shard: fn(&U) -> u64,
}

/// The workers are gone (they stopped or a handler panicked); the update comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkersGone<U>(pub U);

impl<U: Send + 'static> Workers<U> {
    /// Queues `update` on its shard's worker, waiting while that queue is full.
    pub async fn send(&self, update: U) -> Result<(), WorkersGone<U>> {
        let count = self.senders.len() as u64;
        let index = (self.shard)(&update).checked_rem(count).unwrap_or(0) as usize;
        let Some(sender) = self.senders.get(index) else {
            return Err(WorkersGone(update));
        };
        sender.send(update).await.map_err(|e| WorkersGone(e.0))
    }

    /// Lets the workers finish what is queued, then waits for them.
    pub async fn finish(self) {
        drop(self.senders);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}
