//! Applying live updates: each one is checked against its box, then handed out, held behind a
//! gap (starting the gap's wait), or dropped as seen already; `seq` orders the rest.

use std::sync::Arc;
use std::time::Instant;

use pyro_tl_types::api::{enums, types};

use super::boxes::{Fit, Held, HeldSeq, PtsBox};
use super::classify::{BoxId, Position};
use super::incoming::{Container, Peers};
use super::origin::Origin;
use super::{Phase, Sequenced, Sequencer};

impl Sequencer {
    pub(super) fn need_difference(&mut self, box_id: BoxId) {
        if box_id.recovered_by() == BoxId::Common && self.common.is_none() {
            return;
        }
        let phase = self
            .phases
            .entry(box_id.recovered_by())
            .or_insert(Phase::Due);
        if matches!(phase, Phase::Live(_)) {
            *phase = Phase::Due;
        }
    }

    pub(super) fn learn_peers(&mut self, peers: &Peers) {
        for chat in &peers.chats {
            if let enums::Chat::Channel(c) = chat
                && !c.min
                && let Some(hash) = c.access_hash
            {
                self.access_hashes.insert(c.id, hash);
            }
        }
    }

    pub(super) fn push_container(
        &mut self,
        container: Container,
        now: Instant,
        origin: Origin<'_>,
    ) {
        self.learn_peers(&container.peers);
        let Container {
            items,
            peers,
            date,
            seq_start,
            seq,
        } = container;
        let own = matches!(origin, Origin::Own);
        let mut unordered = Vec::new();
        for item in items {
            match (item.position, item.update.filter(|_| !own)) {
                (Some(position), update) => {
                    if let Some(u) = &update
                        && self.common.is_some()
                        && !self.resolvable(origin, position, u)
                    {
                        self.unresolved(position);
                        continue;
                    }
                    self.offer(
                        position,
                        Held {
                            update,
                            peers: Arc::clone(&peers),
                        },
                        now,
                    );
                }
                (None, Some(update)) => unordered.push(update),
                (None, None) => {}
            }
        }
        if unordered.is_empty() && seq_start == 0 {
            return;
        }
        let fetching = self.phases.get(&BoxId::Common) == Some(&Phase::Fetching)
            || self.phases.get(&BoxId::Common) == Some(&Phase::Due);
        let Some(common) = self.common.as_mut().filter(|_| seq_start != 0) else {
            self.deliver_all(unordered, &peers);
            return;
        };
        if seq_start <= common.seq {
            self.stats.duplicates += unordered.len() as u64;
        } else if seq_start == common.seq + 1 && !fetching {
            common.seq = seq;
            common.date = common.date.max(date);
            self.common_dirty = true;
            self.deliver_all(unordered, &peers);
            self.release_common();
        } else {
            let held = HeldSeq {
                seq,
                date,
                updates: unordered,
                peers,
            };
            common.hold_seq(seq_start, held);
            self.start_wait(BoxId::Common, now);
        }
    }

    /// Applies, holds or drops one update that a box orders.
    pub(super) fn offer(&mut self, position: Position, held: Held, now: Instant) {
        let recovery = position.box_id.recovered_by();
        let live = matches!(self.phases.get(&recovery), None | Some(Phase::Live(_)));
        let target = match position.box_id {
            BoxId::Common => self.common.as_mut().map(|c| &mut c.pts),
            BoxId::Secondary => self.common.as_mut().map(|c| &mut c.qts),
            BoxId::Channel(id) => Some(
                self.channels
                    .entry(id)
                    .or_insert_with(|| PtsBox::new(position.start())),
            ),
        };
        let Some(target) = target else {
            // No state yet: nothing to check against.
            self.deliver_held(held);
            return;
        };
        match target.fit(position) {
            Fit::Old => self.stats.duplicates += 1,
            Fit::Next if live => {
                target.pts = position.pts;
                self.mark_dirty(position.box_id);
                self.deliver_held(held);
                self.release(recovery);
            }
            Fit::Next | Fit::Gap => {
                target.hold(position, held);
                if live {
                    self.start_wait(recovery, now);
                }
            }
        }
    }

    pub(super) fn mark_dirty(&mut self, box_id: BoxId) {
        match box_id {
            BoxId::Common | BoxId::Secondary => self.common_dirty = true,
            BoxId::Channel(id) => {
                if let Some(b) = self.channels.get(&id) {
                    self.channels_dirty.insert(id, b.pts);
                }
            }
        }
    }

    /// Starts the wait of a gap in `recovery`'s boxes, unless one runs already.
    pub(super) fn start_wait(&mut self, recovery: BoxId, now: Instant) {
        let phase = self.phases.entry(recovery).or_insert(Phase::Live(None));
        if *phase == Phase::Live(None) {
            *phase = Phase::Live(Some(now + self.config.gap_wait));
            self.stats.gaps += 1;
        }
    }

    /// Releases what now fits in `recovery`'s boxes; ends the wait when nothing is held.
    pub(super) fn release(&mut self, recovery: BoxId) {
        match recovery {
            BoxId::Channel(id) => {
                let mut out = Vec::new();
                let Some(b) = self.channels.get_mut(&id) else {
                    return;
                };
                let (_, dropped) = b.release(|h| out.push(h));
                self.stats.duplicates += dropped as u64;
                let waiting = b.waiting();
                let pts = b.pts;
                if !out.is_empty() {
                    self.channels_dirty.insert(id, pts);
                }
                self.finish_release(recovery, out, waiting);
            }
            BoxId::Common | BoxId::Secondary => self.release_common(),
        }
    }

    pub(super) fn release_common(&mut self) {
        let Some(common) = self.common.as_mut() else {
            return;
        };
        let mut out = Vec::new();
        let mut seq_out = Vec::new();
        let (_, pts_dropped) = common.pts.release(|h| out.push(h));
        let (_, qts_dropped) = common.qts.release(|h| out.push(h));
        common.release_seq(|h| seq_out.push(h));
        self.stats.duplicates += (pts_dropped + qts_dropped) as u64;
        let waiting = common.waiting();
        if !out.is_empty() || !seq_out.is_empty() {
            self.common_dirty = true;
        }
        for h in seq_out {
            self.deliver_all(h.updates, &h.peers);
        }
        self.finish_release(BoxId::Common, out, waiting);
    }

    pub(super) fn finish_release(&mut self, recovery: BoxId, out: Vec<Held>, waiting: bool) {
        let released = !out.is_empty();
        for h in out {
            self.deliver_held(h);
        }
        if let Some(phase @ Phase::Live(Some(_))) = self.phases.get_mut(&recovery)
            && !waiting
        {
            *phase = Phase::Live(None);
            if released {
                self.stats.healed_by_waiting += 1;
            }
        }
    }

    pub(super) fn deliver_held(&mut self, held: Held) {
        if let Some(update) = held.update {
            self.deliver(update, &held.peers);
        }
    }

    pub(super) fn deliver_all(&mut self, updates: Vec<enums::Update>, peers: &Arc<Peers>) {
        for update in updates {
            self.deliver(update, peers);
        }
    }

    pub(super) fn deliver(&mut self, update: enums::Update, peers: &Arc<Peers>) {
        if let enums::Update::ChannelTooLong(u) = &update {
            self.channel_too_long(u);
        }
        self.stats.delivered += 1;
        self.ready.push_back(Sequenced {
            update,
            peers: Arc::clone(peers),
        });
    }

    /// `updateChannelTooLong`: fetch the channel's difference (from the update's pts when the
    /// channel is new to us).
    pub(super) fn channel_too_long(&mut self, update: &types::UpdateChannelTooLong) {
        let id = update.channel_id;
        if let std::collections::hash_map::Entry::Vacant(entry) = self.channels.entry(id) {
            let Some(pts) = update.pts else {
                return;
            };
            entry.insert(PtsBox::new(pts));
        }
        self.need_difference(BoxId::Channel(id));
    }
}
