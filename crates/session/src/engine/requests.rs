//! The bookkeeping of what was sent: every pending request (across resends), and what each
//! outgoing message id stood for, so answers, acks and errors find their way back.

use std::collections::{BTreeSet, VecDeque};
use std::time::Duration;

use super::config::{BodyBuilder, RequestId, RequestOptions};
use super::window::IdMap;

/// The builder of a request whose body names its own msg_id.
pub(crate) struct Builder(pub(crate) BodyBuilder);

impl core::fmt::Debug for Builder {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Builder")
    }
}

/// A request waiting for its outcome.
#[derive(Debug)]
pub(crate) struct Pending {
    /// The body as sent (possibly `gzip_packed`; for a bound request, the last one built).
    pub(crate) body: Vec<u8>,
    /// Rebuilds the body for each msg_id it goes out under (bound requests only).
    pub(crate) build: Option<Builder>,
    /// Every message id it went out under; an answer to any of them answers the request.
    pub(crate) msg_ids: Vec<i64>,
    /// Whether it waits in the send queue.
    pub(crate) queued: bool,
    pub(crate) deadline: Option<Duration>,
    pub(crate) resends: u32,
    /// When the request was last sent, acknowledged or asked about (for `msgs_state_req`).
    pub(crate) heard: Duration,
}

/// A service message the engine sends on its own behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Internal {
    Ping {
        ping_id: i64,
    },
    FutureSalts,
    DropAnswer {
        req_msg_id: i64,
    },
    DestroySession {
        session_id: i64,
    },
    /// `msgs_state_req` about these requests' latest msg_ids.
    StateReq {
        msg_ids: Vec<i64>,
    },
    /// `msg_resend_req`, `msgs_state_info`: not answered, not resent.
    OneShot,
}

/// What one of our message ids stood for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Request(RequestId),
    Internal(Internal),
    /// A container and the ids inside it.
    Container(Vec<i64>),
    /// A `msgs_ack` and the ids it acknowledged.
    Acks(Vec<i64>),
}

/// How many non-request message ids are remembered (containers, acks, internal messages).
const TRANSIENT: usize = 4096;

/// Pending requests and the map from our message ids to what they carried.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    next_id: u64,
    pub(crate) pending: IdMap<RequestId, Pending>,
    deadlines: BTreeSet<(Duration, RequestId)>,
    sent: IdMap<i64, Target>,
    transient: VecDeque<i64>,
}

impl Ledger {
    /// Registers a new request.
    pub(crate) fn add(
        &mut self,
        body: Vec<u8>,
        build: Option<Builder>,
        options: RequestOptions,
        mono_now: Duration,
    ) -> RequestId {
        self.next_id += 1;
        let id = RequestId(self.next_id);
        let deadline = options.timeout.map(|t| mono_now + t);
        if let Some(d) = deadline {
            self.deadlines.insert((d, id));
        }
        self.pending.insert(
            id,
            Pending {
                body,
                build,
                msg_ids: Vec::new(),
                queued: true,
                deadline,
                resends: 0,
                heard: mono_now,
            },
        );
        id
    }

    /// Removes a request (it got its outcome), forgetting every id it went out under.
    pub(crate) fn finish(&mut self, id: RequestId) -> Option<Pending> {
        let p = self.pending.remove(&id)?;
        for msg_id in &p.msg_ids {
            self.sent.remove(msg_id);
        }
        if let Some(d) = p.deadline {
            self.deadlines.remove(&(d, id));
        }
        Some(p)
    }

    /// Records that `msg_id` carried `target`.
    pub(crate) fn record(&mut self, msg_id: i64, target: Target) {
        if let Target::Request(id) = target {
            if let Some(p) = self.pending.get_mut(&id) {
                p.msg_ids.push(msg_id);
            }
        } else {
            if self.transient.len() == TRANSIENT
                && let Some(old) = self.transient.pop_front()
            {
                self.sent.remove(&old);
            }
            self.transient.push_back(msg_id);
        }
        self.sent.insert(msg_id, target);
    }

    /// What `msg_id` carried, if it is still remembered.
    pub(crate) fn target(&self, msg_id: i64) -> Option<&Target> {
        self.sent.get(&msg_id)
    }

    /// Forgets a non-request id (its answer came).
    pub(crate) fn forget(&mut self, msg_id: i64) -> Option<Target> {
        self.sent.remove(&msg_id)
    }

    /// The earliest request deadline.
    pub(crate) fn next_deadline(&self) -> Option<Duration> {
        self.deadlines.first().map(|(d, _)| *d)
    }

    /// A request whose deadline is at or before `mono_now`.
    pub(crate) fn pop_expired(&mut self, mono_now: Duration) -> Option<RequestId> {
        let &(d, id) = self.deadlines.first()?;
        (d <= mono_now).then_some(id)
    }

    /// Requests that went out and are not queued again: the ones a reconnect must resend.
    pub(crate) fn in_flight(&self) -> Vec<(i64, RequestId)> {
        let mut out: Vec<_> = self
            .pending
            .iter()
            .filter(|(_, p)| !p.queued)
            .filter_map(|(id, p)| p.msg_ids.last().map(|m| (*m, *id)))
            .collect();
        out.sort_unstable();
        out
    }

    /// Internal messages still waiting for an answer (for a reconnect).
    pub(crate) fn internal_in_flight(&self) -> Vec<(i64, Internal)> {
        let mut out: Vec<_> = self
            .sent
            .iter()
            .filter_map(|(m, t)| match t {
                Target::Internal(i) if *i != Internal::OneShot => Some((*m, i.clone())),
                _ => None,
            })
            .collect();
        out.sort_unstable_by_key(|(m, _)| *m);
        out
    }
}
