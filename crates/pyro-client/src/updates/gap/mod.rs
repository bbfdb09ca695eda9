//! Gap recovery as a sans-IO state machine: the [`Sequencer`].
//!
//! Telegram pushes updates over every connection of a session, in no guaranteed order, and
//! may lose some. Each box (see [`BoxId`]) numbers its events, so the sequencer knows whether
//! an update is the next one, one seen already, or one that came early. Early ones are held
//! for [`SequencerConfig::gap_wait`] (half a second) in case the missing ones are only late;
//! after that the sequencer asks for `updates.getDifference` or
//! `updates.getChannelDifference` ([`Request`]), which the caller makes and feeds back.
//! `updatesTooLong`, `updateChannelTooLong` and a new session (`new_session_created`, after
//! which the server may have dropped pushes) ask for a difference at once.
//!
//! The sequencer does no I/O and reads no clock: `now` comes with every call that may start
//! or end a wait, and [`Sequencer::next_deadline`] says when to call [`Sequencer::poll_request`]
//! again. What it hands out ([`Sequencer::poll_update`]) is every update exactly once, in box
//! order; [`Sequencer::take_changes`] tells what to write to the session store.

mod apply;
mod boxes;
mod classify;
mod difference;
mod incoming;
mod origin;
mod request;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use pyro_session::UpdateState;
use pyro_tl_types::api::{enums, functions};

use boxes::{Common, PtsBox};
pub use classify::BoxId;
pub use incoming::Peers;
use incoming::{Incoming, flatten};
use origin::Origin;
pub use request::{ChannelDifference, Request, SequencerConfig, SequencerStats, StateChanges};

/// An update handed out by the sequencer, with the users and chats it came with.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequenced {
    /// The update.
    pub update: enums::Update,
    /// The users and chats of the container or difference it came in.
    pub peers: Arc<Peers>,
}

/// Where a box's recovery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Live updates apply; a deadline may be running for held ones.
    Live(Option<Instant>),
    /// A difference must be asked for.
    Due,
    /// A difference was asked for; live updates are held until it is fed back.
    Fetching,
}

/// The gap recovery state machine (see the module docs).
#[derive(Debug)]
pub struct Sequencer {
    config: SequencerConfig,
    /// The common state, once `updates.getState` or the store gave it.
    common: Option<Common>,
    /// Whether `updates.getState` is needed / asked for.
    state: Option<Phase>,
    channels: HashMap<i64, PtsBox>,
    /// Recovery of the common box (key `BoxId::Common`) and of each channel.
    phases: BTreeMap<BoxId, Phase>,
    access_hashes: HashMap<i64, i64>,
    ready: VecDeque<Sequenced>,
    common_dirty: bool,
    channels_dirty: BTreeMap<i64, i32>,
    stats: SequencerStats,
    /// When the last update (or difference) arrived, for the idle poll.
    last_activity: Option<Instant>,
    /// The highest pts of a common-box update with unknown peers that came while a common
    /// difference was in flight: that difference may stop short of it.
    refetch: Option<i32>,
}

impl Sequencer {
    /// A sequencer with no state yet: its first request is `updates.getState`. Until that is
    /// answered, updates are handed out unchecked.
    pub fn new(config: SequencerConfig) -> Self {
        Self {
            config,
            common: None,
            state: Some(Phase::Due),
            channels: HashMap::new(),
            phases: BTreeMap::new(),
            access_hashes: HashMap::new(),
            ready: VecDeque::new(),
            common_dirty: false,
            channels_dirty: BTreeMap::new(),
            stats: SequencerStats::default(),
            last_activity: None,
            refetch: None,
        }
    }

    /// A sequencer resuming from a stored state. With `catch_up`, it first fetches what
    /// happened while the client was away (a difference for the common box and every stored
    /// channel); without it, it asks `updates.getState` and starts from now (the stored
    /// channels are forgotten, as their pts would be stale).
    pub fn restore(
        config: SequencerConfig,
        state: UpdateState,
        channels: &[(i64, i32)],
        catch_up: bool,
    ) -> Self {
        let mut sequencer = Self::new(config);
        if catch_up {
            sequencer.common = Some(Common::new(state.pts, state.qts, state.date, state.seq));
            sequencer.state = None;
            sequencer.phases.insert(BoxId::Common, Phase::Due);
            for &(id, pts) in channels {
                sequencer.channels.insert(id, PtsBox::new(pts));
                sequencer.phases.insert(BoxId::Channel(id), Phase::Due);
            }
        }
        sequencer
    }

    /// The counters so far.
    pub fn stats(&self) -> SequencerStats {
        self.stats
    }

    /// The common state, once known.
    pub fn state(&self) -> Option<UpdateState> {
        self.common.as_ref().map(|c| UpdateState {
            pts: c.pts.pts,
            qts: c.qts.pts,
            date: c.date,
            seq: c.seq,
        })
    }

    /// Whether the common state is known and no common difference is pending or in flight
    /// (after a start, a restore's catch-up or `updates.getState`).
    pub fn is_live(&self) -> bool {
        self.common.is_some()
            && matches!(self.phases.get(&BoxId::Common), None | Some(Phase::Live(_)))
    }

    /// A channel's pts, once known.
    pub fn channel_pts(&self, channel_id: i64) -> Option<i32> {
        self.channels.get(&channel_id).map(|b| b.pts)
    }

    /// Remembers a channel's access hash (the sequencer also learns them from the chats that
    /// come with updates), for its `updates.getChannelDifference`.
    pub fn learn_channel(&mut self, channel_id: i64, access_hash: i64) {
        self.access_hashes.insert(channel_id, access_hash);
    }

    /// Feeds an `Updates` object the server pushed, taking every peer it mentions as known
    /// (see [`Sequencer::push_checked`] and [`Sequencer::push_own`] for the other sources).
    pub fn push(&mut self, updates: enums::Updates, now: Instant) {
        self.push_from(updates, now, Origin::Trusted);
    }

    fn push_from(&mut self, updates: enums::Updates, now: Instant, origin: Origin<'_>) {
        self.last_activity = Some(now);
        match flatten(updates, self.config.self_id) {
            Incoming::TooLong => {
                self.stats.too_long += 1;
                self.need_difference(BoxId::Common);
            }
            Incoming::Container(container) => self.push_container(container, now, origin),
        }
    }

    /// The server created a new session (`new_session_created`): pushes may have been lost.
    pub fn session_created(&mut self) {
        self.need_difference(BoxId::Common);
    }

    /// The next update to hand to the handlers.
    pub fn poll_update(&mut self) -> Option<Sequenced> {
        self.ready.pop_front()
    }

    /// When [`Sequencer::poll_request`] must be called next, if a gap is waiting.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.phases
            .values()
            .filter_map(|p| match p {
                Phase::Live(deadline) => *deadline,
                Phase::Due | Phase::Fetching => None,
            })
            .chain(self.idle_deadline())
            .min()
    }

    /// When the idle poll is due, if the common box is live.
    fn idle_deadline(&self) -> Option<Instant> {
        let live = matches!(self.phases.get(&BoxId::Common), None | Some(Phase::Live(_)));
        if self.common.is_none() || !live {
            return None;
        }
        Some(self.last_activity? + self.config.idle_poll?)
    }

    /// The next request to make, if any (gaps whose wait ended by `now` turn into requests).
    /// Each request is handed out once; feed its answer back, or call
    /// [`Sequencer::request_failed`].
    pub fn poll_request(&mut self, now: Instant) -> Option<Request> {
        self.last_activity.get_or_insert(now);
        if self.state == Some(Phase::Due) {
            self.state = Some(Phase::Fetching);
            return Some(Request::GetState);
        }
        if self.idle_deadline().is_some_and(|at| at <= now) {
            self.phases.insert(BoxId::Common, Phase::Due);
            self.last_activity = Some(now);
        }
        for phase in self.phases.values_mut() {
            if matches!(phase, Phase::Live(Some(at)) if *at <= now) {
                *phase = Phase::Due;
            }
        }
        let (&box_id, phase) = self.phases.iter_mut().find(|(_, p)| **p == Phase::Due)?;
        *phase = Phase::Fetching;
        self.stats.differences += 1;
        match box_id {
            BoxId::Channel(channel_id) => {
                let pts = self.channels.get(&channel_id).map_or(0, |b| b.pts);
                Some(Request::ChannelDifference(ChannelDifference {
                    channel_id,
                    access_hash: self.access_hashes.get(&channel_id).copied(),
                    pts,
                    limit: self.config.channel_limit,
                }))
            }
            BoxId::Common | BoxId::Secondary => {
                let common = self.common.as_ref()?;
                Some(Request::Difference(functions::updates::GetDifference {
                    pts: common.pts.pts,
                    pts_limit: None,
                    pts_total_limit: None,
                    date: common.date,
                    qts: common.qts.pts,
                    qts_limit: None,
                }))
            }
        }
    }

    /// A request failed (network, RPC error): it is asked again after
    /// [`SequencerConfig::retry_after`].
    pub fn request_failed(&mut self, request: &Request, now: Instant) {
        let retry = Some(now + self.config.retry_after);
        match request {
            Request::GetState => self.state = Some(Phase::Due),
            Request::Difference(_) => {
                self.phases.insert(BoxId::Common, Phase::Live(retry));
            }
            Request::ChannelDifference(c) => {
                self.phases
                    .insert(BoxId::Channel(c.channel_id), Phase::Live(retry));
            }
        }
    }

    /// A channel's difference cannot be fetched (no access hash, or the channel is gone):
    /// its held updates are handed out as they are and its counter jumps past them.
    pub fn channel_unreachable(&mut self, channel_id: i64) {
        self.phases.remove(&BoxId::Channel(channel_id));
        let Some(b) = self.channels.get_mut(&channel_id) else {
            return;
        };
        let held = b.accept_all();
        self.channels_dirty.insert(channel_id, b.pts);
        for h in held {
            self.deliver_held(h);
        }
    }

    /// Feeds the answer to [`Request::GetState`].
    pub fn on_state(&mut self, state: enums::updates::State) {
        let enums::updates::State::State(s) = state;
        let common = Common::new(s.pts, s.qts, s.date, s.seq);
        self.common = Some(common);
        self.state = None;
        self.common_dirty = true;
        self.phases
            .entry(BoxId::Common)
            .or_insert(Phase::Live(None));
        self.release_common();
    }

    /// The state changes to persist since the last call.
    pub fn take_changes(&mut self) -> StateChanges {
        let common = if std::mem::take(&mut self.common_dirty) {
            self.state()
        } else {
            None
        };
        StateChanges {
            common,
            channels: std::mem::take(&mut self.channels_dirty)
                .into_iter()
                .collect(),
        }
    }
}
