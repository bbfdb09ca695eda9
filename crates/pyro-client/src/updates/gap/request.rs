//! What the [`Sequencer`](super::Sequencer) asks its caller to fetch, and the knobs it runs by.

use std::time::Duration;

use pyro_tl_types::api::{enums, functions, types};

/// A request the caller must make and feed the answer of back.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// `updates.getState`: no state yet (first start, or a restart without catch-up); answer
    /// with [`Sequencer::on_state`](super::Sequencer::on_state).
    GetState,
    /// `updates.getDifference` for the common and secondary boxes; answer with
    /// [`Sequencer::on_difference`](super::Sequencer::on_difference).
    Difference(functions::updates::GetDifference),
    /// `updates.getChannelDifference` for one channel; answer with
    /// [`Sequencer::on_channel_difference`](super::Sequencer::on_channel_difference).
    ChannelDifference(ChannelDifference),
}

/// The parts of an `updates.getChannelDifference` call; the caller supplies the channel's
/// access hash when [`ChannelDifference::access_hash`] is unknown to the sequencer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelDifference {
    /// The channel.
    pub channel_id: i64,
    /// The channel's access hash, if an update mentioned the channel.
    pub access_hash: Option<i64>,
    /// The channel's pts to resume from.
    pub pts: i32,
    /// How many events to ask for.
    pub limit: i32,
}

impl ChannelDifference {
    /// The TL call, with `access_hash` (the known one is used when `None`; 0 when neither).
    pub fn function(&self, access_hash: Option<i64>) -> functions::updates::GetChannelDifference {
        functions::updates::GetChannelDifference {
            force: false,
            channel: enums::InputChannel::InputChannel(types::InputChannel {
                channel_id: self.channel_id,
                access_hash: access_hash.or(self.access_hash).unwrap_or(0),
            }),
            filter: enums::ChannelMessagesFilter::Empty,
            pts: self.pts,
            limit: self.limit,
        }
    }
}

/// How the sequencer behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequencerConfig {
    /// How long a gap may stay open, waiting for the missing updates to arrive out of order,
    /// before a difference is asked for. Half a second by default, as Telegram's guide advises.
    pub gap_wait: Duration,
    /// How long to wait before asking again after a difference request failed.
    pub retry_after: Duration,
    /// Ask for the common difference after this long without any update: a lost push that no
    /// later update reveals is found this way. 15 minutes by default, as Telegram's guide
    /// advises; `None` never polls.
    pub idle_poll: Option<Duration>,
    /// `limit` of `updates.getChannelDifference` (100 for users; bots may ask up to 100 000).
    pub channel_limit: i32,
    /// The account's user id, for the sender of outgoing short messages.
    pub self_id: Option<i64>,
}

impl Default for SequencerConfig {
    fn default() -> Self {
        Self {
            gap_wait: Duration::from_millis(500),
            retry_after: Duration::from_secs(1),
            idle_poll: Some(Duration::from_secs(15 * 60)),
            channel_limit: 100,
            self_id: None,
        }
    }
}

/// Counters of what the sequencer saw, for tests and monitoring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SequencerStats {
    /// Updates handed out.
    pub delivered: u64,
    /// Updates dropped because they were seen already.
    pub duplicates: u64,
    /// Gaps opened (updates that arrived before the ones they follow).
    pub gaps: u64,
    /// Gaps closed by the missing updates arriving before the deadline.
    pub healed_by_waiting: u64,
    /// Difference requests made (common and channel).
    pub differences: u64,
    /// `differenceTooLong` / `channelDifferenceTooLong` / `updatesTooLong` answers: events
    /// were lost for good and the counters jumped.
    pub too_long: u64,
    /// Pushed messages not applied because the client could not address their chat or
    /// sender: each was fetched again with the difference.
    pub unknown_peers: u64,
}

/// Changes of the persistent state since the last [`Sequencer::take_changes`](super::Sequencer::take_changes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateChanges {
    /// The new common state, if it changed.
    pub common: Option<pyro_session::UpdateState>,
    /// The channels whose pts changed, with the new pts.
    pub channels: Vec<(i64, i32)>,
}

impl StateChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.common.is_none() && self.channels.is_empty()
    }
}
