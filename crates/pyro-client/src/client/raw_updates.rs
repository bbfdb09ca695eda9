//! The raw update feed: every update the server pushes on the home DC's main session, decoded to
//! [`enums::Updates`], plus a signal when updates may have been missed, for the updates module
//! (or a user who wants them raw) to take once with
//! [`Client::take_raw_updates`](super::Client::take_raw_updates). Once the feed is taken, the
//! `Updates` answers of the client's own requests come too ([`RawUpdate::Answer`]): they move
//! the update state (a sent message uses a `pts`) without being news.
//!
//! The channel is bounded ([`ClientBuilder::updates_capacity`](super::ClientBuilder::updates_capacity),
//! 1024 by default): when the consumer falls behind, the session's event pump waits for room
//! (backpressure) instead of growing a queue without bound. Until the feed is taken, pushed
//! updates are dropped and a [`RawUpdate::MaybeMissed`] is queued first, so the consumer knows to
//! fetch the difference (`updates.getDifference`) when it starts.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use pyro_tl_types::Deserializable;
use pyro_tl_types::api::enums;
use tokio::sync::mpsc;

/// One item of the raw update feed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RawUpdate {
    /// An `Updates` object the server pushed.
    Updates {
        /// The DC whose session pushed it.
        dc: i32,
        /// The updates.
        updates: enums::Updates,
    },
    /// The `Updates` object that answered one of the client's own requests
    /// (`messages.sendMessage`, `messages.editMessage`...): the caller has it as its answer;
    /// it is here for its place in the update sequence (`pts`, `seq`).
    Answer {
        /// The DC that answered.
        dc: i32,
        /// The answer.
        updates: enums::Updates,
    },
    /// Updates may have been missed: the server created a new session (`new_session_created`),
    /// or updates arrived before the feed was taken. Fetch the difference.
    MaybeMissed {
        /// The DC concerned.
        dc: i32,
        /// Why.
        reason: MissedReason,
    },
}

/// Why [`RawUpdate::MaybeMissed`] was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MissedReason {
    /// The server created a new session for the client.
    SessionCreated,
    /// Updates were pushed before anyone took the feed, and were dropped.
    NotListening,
    /// A pushed update did not decode as `Updates` (an unknown constructor of a newer layer).
    Undecodable,
}

/// The receiving end of the raw update feed.
pub type RawUpdates = mpsc::Receiver<RawUpdate>;

/// The sending side shared by every session's event pump, and the receiver until taken.
#[derive(Debug)]
pub(crate) struct UpdateFeed {
    tx: mpsc::Sender<RawUpdate>,
    rx: Mutex<Option<RawUpdates>>,
    taken: AtomicBool,
    dropped: AtomicBool,
}

impl UpdateFeed {
    /// A feed holding at most `capacity` undelivered items.
    pub(crate) fn new(capacity: usize) -> Self {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        Self {
            tx,
            rx: Mutex::new(Some(rx)),
            taken: AtomicBool::new(false),
            dropped: AtomicBool::new(false),
        }
    }

    /// The receiver, the first time only.
    pub(crate) fn take(&self) -> Option<RawUpdates> {
        let rx = match self.rx.lock() {
            Ok(mut rx) => rx.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if rx.is_some() {
            self.taken.store(true, Ordering::Release);
        }
        rx
    }

    /// Whether the receiver was taken.
    pub(crate) fn is_taken(&self) -> bool {
        self.taken.load(Ordering::Acquire)
    }

    /// Hands one pushed body (a boxed `Updates`) to the consumer, waiting for room.
    pub(crate) async fn push_body(&self, dc: i32, body: &[u8]) {
        let item = match enums::Updates::from_bytes(body) {
            Ok(updates) => RawUpdate::Updates { dc, updates },
            Err(_) => RawUpdate::MaybeMissed {
                dc,
                reason: MissedReason::Undecodable,
            },
        };
        self.push(item).await;
    }

    /// Hands one item to the consumer (waiting for room), or drops it while nobody listens.
    pub(crate) async fn push(&self, item: RawUpdate) {
        if !self.taken.load(Ordering::Acquire) {
            self.dropped.store(true, Ordering::Release);
            return;
        }
        if self.dropped.swap(false, Ordering::AcqRel) {
            let dc = match &item {
                RawUpdate::Updates { dc, .. }
                | RawUpdate::Answer { dc, .. }
                | RawUpdate::MaybeMissed { dc, .. } => *dc,
            };
            let missed = RawUpdate::MaybeMissed {
                dc,
                reason: MissedReason::NotListening,
            };
            let _ = self.tx.send(missed).await;
        }
        // A closed receiver means nobody listens any more: nothing to do.
        let _ = self.tx.send(item).await;
    }

    /// Hands the answer of one of the client's own requests to the consumer if it is an
    /// `Updates` object and the feed is taken. Never waits: the request's caller may be a
    /// handler that the consumer itself waits for, so when the feed is full the answer is
    /// queued by a task of its own (the consumer orders it by its `pts` like any update).
    pub(crate) fn answer(&self, dc: i32, body: &[u8]) {
        if !self.taken.load(Ordering::Acquire) {
            return;
        }
        let Ok(updates) = enums::Updates::from_bytes(body) else {
            return;
        };
        match self.tx.try_send(RawUpdate::Answer { dc, updates }) {
            Err(mpsc::error::TrySendError::Full(item)) => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    let _ = tx.send(item).await;
                });
            }
            // Sent, or nobody listens any more.
            Ok(()) | Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use pyro_tl_types::Serializable;

    #[tokio::test]
    async fn updates_before_taking_are_reported_as_missed() {
        let feed = UpdateFeed::new(4);
        let body = enums::Updates::TooLong.to_bytes();
        feed.push_body(2, &body).await;
        let mut rx = feed.take().unwrap();
        assert!(feed.take().is_none());
        feed.push_body(2, &body).await;
        feed.push_body(2, &[1, 2, 3, 4]).await;
        let first = rx.recv().await;
        assert_eq!(
            first,
            Some(RawUpdate::MaybeMissed {
                dc: 2,
                reason: MissedReason::NotListening
            })
        );
        assert!(matches!(
            rx.recv().await,
            Some(RawUpdate::Updates { dc: 2, .. })
        ));
        assert!(matches!(
            rx.recv().await,
            Some(RawUpdate::MaybeMissed {
                reason: MissedReason::Undecodable,
                ..
            })
        ));
    }
}
