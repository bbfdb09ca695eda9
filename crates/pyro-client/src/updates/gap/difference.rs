//! Feeding back the answers to `updates.getDifference` and `updates.getChannelDifference`:
//! the events they list are handed out, the counters move to the answer's state, and whatever
//! was held behind the gap is released (or dropped, when the difference covered it).

use std::sync::Arc;
use std::time::Instant;

use pyro_tl_types::api::{enums, types};

use super::boxes::{Held, PtsBox};
use super::classify::{BoxId, position};
use super::incoming::Peers;
use super::{Phase, Sequencer};

/// One page of a common difference.
struct Page {
    new_messages: Vec<enums::Message>,
    new_encrypted_messages: Vec<enums::EncryptedMessage>,
    other_updates: Vec<enums::Update>,
    peers: Arc<Peers>,
    state: enums::updates::State,
}

impl Page {
    fn new(
        (new_messages, new_encrypted_messages, other_updates): (
            Vec<enums::Message>,
            Vec<enums::EncryptedMessage>,
            Vec<enums::Update>,
        ),
        users: Vec<enums::User>,
        chats: Vec<enums::Chat>,
        state: enums::updates::State,
    ) -> Self {
        Self {
            new_messages,
            new_encrypted_messages,
            other_updates,
            peers: Arc::new(Peers { users, chats }),
            state,
        }
    }
}

impl Sequencer {
    /// Feeds the answer to [`Request::Difference`](super::Request::Difference).
    pub fn on_difference(&mut self, difference: enums::updates::Difference, now: Instant) {
        use enums::updates::Difference as D;
        match difference {
            D::Empty(d) => {
                if let Some(common) = self.common.as_mut() {
                    common.date = d.date;
                    common.seq = d.seq;
                    self.common_dirty = true;
                }
                self.end_fetch(BoxId::Common, now);
            }
            D::Difference(d) => {
                let d = *d;
                let page = Page::new(
                    (d.new_messages, d.new_encrypted_messages, d.other_updates),
                    d.users,
                    d.chats,
                    d.state,
                );
                self.apply_page(page, now);
                self.end_fetch(BoxId::Common, now);
            }
            D::Slice(d) => {
                let d = *d;
                let page = Page::new(
                    (d.new_messages, d.new_encrypted_messages, d.other_updates),
                    d.users,
                    d.chats,
                    d.intermediate_state,
                );
                self.apply_page(page, now);
                // More to fetch from the intermediate state.
                self.phases.insert(BoxId::Common, Phase::Due);
            }
            D::TooLong(d) => {
                self.stats.too_long += 1;
                if let Some(common) = self.common.as_mut() {
                    common.pts.pts = d.pts;
                    self.common_dirty = true;
                }
                // The events in between are lost; fetch the rest (date, seq, qts) from there.
                self.phases.insert(BoxId::Common, Phase::Due);
            }
        }
    }

    /// Feeds the answer to [`Request::ChannelDifference`](super::Request::ChannelDifference).
    pub fn on_channel_difference(
        &mut self,
        channel_id: i64,
        difference: enums::updates::ChannelDifference,
        now: Instant,
    ) {
        use enums::updates::ChannelDifference as C;
        let (pts, is_final) = match difference {
            C::Empty(d) => (Some(d.pts), d.r#final),
            C::ChannelDifference(d) => {
                let d = *d;
                let peers = Arc::new(Peers {
                    users: d.users,
                    chats: d.chats,
                });
                self.learn_peers(&peers);
                for message in d.new_messages {
                    let update = types::UpdateNewChannelMessage {
                        message,
                        pts: 0,
                        pts_count: 0,
                    };
                    self.deliver(enums::Update::NewChannelMessage(Box::new(update)), &peers);
                }
                self.deliver_all(d.other_updates, &peers);
                (Some(d.pts), d.r#final)
            }
            C::TooLong(d) => {
                self.stats.too_long += 1;
                let pts = match &d.dialog {
                    enums::Dialog::Dialog(dialog) => dialog.pts,
                    enums::Dialog::Folder(_) | enums::Dialog::Community(_) => None,
                };
                (pts, d.r#final)
            }
        };
        if let Some(pts) = pts {
            self.channels.entry(channel_id).or_default().pts = pts;
            self.channels_dirty.insert(channel_id, pts);
        }
        if is_final {
            self.end_fetch(BoxId::Channel(channel_id), now);
        } else {
            self.phases.insert(BoxId::Channel(channel_id), Phase::Due);
        }
    }

    /// Hands out one page of a common difference and moves the counters to its state.
    fn apply_page(&mut self, page: Page, now: Instant) {
        self.learn_peers(&page.peers);
        for message in page.new_messages {
            let update = types::UpdateNewMessage {
                message,
                pts: 0,
                pts_count: 0,
            };
            self.deliver(enums::Update::NewMessage(Box::new(update)), &page.peers);
        }
        for message in page.new_encrypted_messages {
            let update = types::UpdateNewEncryptedMessage { message, qts: 0 };
            self.deliver(
                enums::Update::NewEncryptedMessage(Box::new(update)),
                &page.peers,
            );
        }
        for update in page.other_updates {
            match position(&update) {
                // Channels keep their own order even inside a common difference.
                Some(p) if matches!(p.box_id, BoxId::Channel(_)) => {
                    let held = Held {
                        update: Some(update),
                        peers: Arc::clone(&page.peers),
                    };
                    self.offer(p, held, now);
                }
                _ => self.deliver(update, &page.peers),
            }
        }
        let enums::updates::State::State(state) = page.state;
        if let Some(common) = self.common.as_mut() {
            common.pts.pts = state.pts;
            common.qts.pts = state.qts;
            common.date = state.date;
            common.seq = state.seq;
            self.common_dirty = true;
        }
    }

    /// A box's fetch is over: live updates apply again, held ones that now fit are released,
    /// and a gap that is still open waits again.
    fn end_fetch(&mut self, recovery: BoxId, now: Instant) {
        self.last_activity = Some(now);
        self.phases.insert(recovery, Phase::Live(None));
        self.release(recovery);
        if recovery == BoxId::Common && self.needs_refetch() {
            self.phases.insert(BoxId::Common, Phase::Due);
            return;
        }
        let waiting = match recovery {
            BoxId::Channel(id) => self.channels.get(&id).is_some_and(PtsBox::waiting),
            BoxId::Common | BoxId::Secondary => self
                .common
                .as_ref()
                .is_some_and(super::boxes::Common::waiting),
        };
        if waiting {
            self.start_wait(recovery, now);
        }
    }
}
