//! Where an `Updates` object came from, and what that changes.
//!
//! - **Pushed, with peers checked** ([`Sequencer::push_checked`]). An update must be usable by
//!   the handlers: replying to a message needs its chat, and knowing who wrote it needs its
//!   sender. `updateShortMessage` and `updateShortChatMessage` carry no access hash for the
//!   sender, and `min` users carry an unusable one. So a common-box message whose chat or sender
//!   the client cannot address is not applied. The sequencer asks for `updates.getDifference`
//!   from the state before it, and the difference returns the whole message with its users (as
//!   TDLib and grammers do). The message is handed out once, from the difference. Updates of
//!   other boxes, and updates outside every box, are handed out as they come: a channel's
//!   difference needs the channel's own access hash, and a difference never repeats the
//!   unnumbered updates.
//! - **The answer to one of the client's own requests** ([`Sequencer::push_own`]), such as
//!   `updateShortSentMessage` or an `updates` holding `updateMessageID` and the sent
//!   `updateNewMessage`. Its numbered updates move their boxes, so a send leaves no gap to
//!   fetch, but nothing of it is handed out: the caller has it as its answer. Handlers see the
//!   account's outgoing messages only when the server pushes them, that is, messages sent by
//!   its other sessions (filter them with `filters::outgoing()`).

use std::time::Instant;

use pyro_session::PeerId;
use pyro_tl_types::api::enums;

use super::boxes::Fit;
use super::classify::{BoxId, Position};
use super::{Phase, Sequencer};

/// Where an `Updates` object came from.
#[derive(Clone, Copy)]
pub(crate) enum Origin<'a> {
    /// Pushed; every peer it mentions is taken as addressable.
    Trusted,
    /// Pushed; the function says which peers the client can address.
    Checked(&'a dyn Fn(PeerId) -> bool),
    /// The answer to one of the client's own requests.
    Own,
}

/// The peers the handlers need to act on `update`: a message's chat and sender, when they are
/// users or channels (basic groups are addressed by id alone).
fn needed(update: &enums::Update) -> Vec<PeerId> {
    let message = match update {
        enums::Update::NewMessage(u) => &u.message,
        enums::Update::EditMessage(u) => &u.message,
        _ => return Vec::new(),
    };
    let (peer, from) = match message {
        enums::Message::Message(m) => (&m.peer_id, m.from_id.as_ref()),
        enums::Message::Service(m) => (&m.peer_id, m.from_id.as_ref()),
        enums::Message::Empty(_) => return Vec::new(),
    };
    std::iter::once(peer)
        .chain(from)
        .filter_map(|p| match p {
            enums::Peer::User(u) => Some(PeerId::user(u.user_id)),
            enums::Peer::Channel(c) => Some(PeerId::channel(c.channel_id)),
            enums::Peer::Chat(_) => None,
        })
        .collect()
}

impl Sequencer {
    /// Feeds an `Updates` object the server pushed, handing out only updates whose peers
    /// `addressable` knows (or the account itself). A common-box message with a peer it does
    /// not know is fetched again with `updates.getDifference` instead (see the module docs of
    /// `origin`), which comes with the users and chats the message needs.
    pub fn push_checked(
        &mut self,
        updates: enums::Updates,
        now: Instant,
        addressable: &dyn Fn(PeerId) -> bool,
    ) {
        self.push_from(updates, now, Origin::Checked(addressable));
    }

    /// Feeds the `Updates` answer of one of the client's own requests (`messages.sendMessage`
    /// and the like): its numbered updates move their boxes, so the next pushed update fits,
    /// and nothing of it is handed out.
    pub fn push_own(&mut self, updates: enums::Updates, now: Instant) {
        self.push_from(updates, now, Origin::Own);
    }

    /// Whether `update`, at `position`, can be applied as it came from `origin`.
    pub(super) fn resolvable(
        &self,
        origin: Origin<'_>,
        position: Position,
        update: &enums::Update,
    ) -> bool {
        let Origin::Checked(addressable) = origin else {
            return true;
        };
        if position.box_id != BoxId::Common {
            return true;
        }
        let me = self.config.self_id.map(PeerId::user);
        needed(update)
            .into_iter()
            .all(|peer| Some(peer) == me || addressable(peer))
    }

    /// A common-box update whose peers are unknown: unless it was seen already, the box is
    /// fetched from before it (a difference in flight when it came is followed by another if
    /// its state falls short of the update).
    pub(super) fn unresolved(&mut self, position: Position) {
        let Some(common) = self.common.as_ref() else {
            return;
        };
        if common.pts.fit(position) == Fit::Old {
            self.stats.duplicates += 1;
            return;
        }
        self.stats.unknown_peers += 1;
        match self.phases.get(&BoxId::Common) {
            None | Some(Phase::Live(_)) => {
                self.phases.insert(BoxId::Common, Phase::Due);
            }
            Some(Phase::Due) => {}
            Some(Phase::Fetching) => {
                self.refetch = Some(self.refetch.unwrap_or(0).max(position.pts));
            }
        }
    }

    /// After a common fetch: whether an update that came while it was in flight is still
    /// beyond the state it reached (then the box is fetched again).
    pub(super) fn needs_refetch(&mut self) -> bool {
        let Some(pts) = self.refetch.take() else {
            return false;
        };
        self.common.as_ref().is_some_and(|c| c.pts.pts < pts)
    }
}

#[cfg(test)]
#[path = "origin_tests.rs"]
mod tests;
