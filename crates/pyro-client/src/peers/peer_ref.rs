//! [`PeerRef`]: a peer the client can address, and the `Input*` constructors built from it.

use pyro_session::{CachedPeer, PeerId, PeerType};
use pyro_tl_types::api::{enums, types};

use super::marked::marked_id;

/// A peer the client can put in a request: its id and, for users and channels, the access hash
/// Telegram gave this account for it.
///
/// Basic groups need no access hash (`inputPeerChat` has none); theirs is 0.
///
/// ```
/// use pyro_client::peers::PeerRef;
/// use pyro_session::PeerId;
/// use pyro_tl_types::api::enums;
///
/// let channel = PeerRef::new(PeerId::channel(1234567890), 42);
/// assert_eq!(channel.marked_id(), -1001234567890);
/// assert!(matches!(channel.input_peer(), enums::InputPeer::Channel(c) if c.access_hash == 42));
/// assert!(channel.input_user().is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PeerRef {
    /// Which peer.
    pub id: PeerId,
    /// The access hash for this account (0 for basic groups).
    pub access_hash: i64,
}

impl PeerRef {
    /// A peer and its access hash.
    pub const fn new(id: PeerId, access_hash: i64) -> Self {
        Self { id, access_hash }
    }

    /// A cache entry as a reference, when it can be addressed: basic groups always, users and
    /// channels only with an access hash.
    pub fn from_cached(peer: &CachedPeer) -> Option<Self> {
        let id = peer.peer_id();
        match (id.ty, peer.access_hash) {
            (PeerType::Chat, _) => Some(Self::new(id, 0)),
            (_, Some(hash)) => Some(Self::new(id, hash)),
            (_, None) => None,
        }
    }

    /// The Bot API form of the id (see [`marked_id`]).
    pub const fn marked_id(&self) -> i64 {
        marked_id(self.id)
    }

    /// `inputPeerUser`, `inputPeerChat` or `inputPeerChannel`.
    pub fn input_peer(&self) -> enums::InputPeer {
        let (id, access_hash) = (self.id.id, self.access_hash);
        match self.id.ty {
            PeerType::User => types::InputPeerUser {
                user_id: id,
                access_hash,
            }
            .into(),
            PeerType::Chat => types::InputPeerChat { chat_id: id }.into(),
            PeerType::Channel => types::InputPeerChannel {
                channel_id: id,
                access_hash,
            }
            .into(),
        }
    }

    /// `inputUser`, for a user; `None` for groups and channels.
    pub fn input_user(&self) -> Option<enums::InputUser> {
        (self.id.ty == PeerType::User).then(|| {
            types::InputUser {
                user_id: self.id.id,
                access_hash: self.access_hash,
            }
            .into()
        })
    }

    /// `inputChannel`, for a channel or supergroup; `None` for users and basic groups.
    pub fn input_channel(&self) -> Option<enums::InputChannel> {
        (self.id.ty == PeerType::Channel).then(|| {
            types::InputChannel {
                channel_id: self.id.id,
                access_hash: self.access_hash,
            }
            .into()
        })
    }

    /// `peerUser`, `peerChat` or `peerChannel` (the form in messages and dialogs).
    pub fn peer(&self) -> enums::Peer {
        peer_of(self.id)
    }
}

/// The `Peer` constructor for an id.
pub fn peer_of(id: PeerId) -> enums::Peer {
    match id.ty {
        PeerType::User => types::PeerUser { user_id: id.id }.into(),
        PeerType::Chat => types::PeerChat { chat_id: id.id }.into(),
        PeerType::Channel => types::PeerChannel { channel_id: id.id }.into(),
    }
}

/// The id a `Peer` constructor names.
pub fn peer_id_of(peer: &enums::Peer) -> PeerId {
    match peer {
        enums::Peer::User(p) => PeerId::user(p.user_id),
        enums::Peer::Chat(p) => PeerId::chat(p.chat_id),
        enums::Peer::Channel(p) => PeerId::channel(p.channel_id),
    }
}

impl From<PeerRef> for enums::InputPeer {
    fn from(peer: PeerRef) -> Self {
        peer.input_peer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_session::PeerKind;

    fn cached(kind: PeerKind, id: i64, access_hash: Option<i64>) -> CachedPeer {
        CachedPeer {
            id,
            kind,
            access_hash,
            username: None,
            phone: None,
            last_seen: None,
            updated_at: 0,
        }
    }

    #[test]
    fn each_namespace_builds_its_own_constructors() {
        let user = PeerRef::new(PeerId::user(5), -9);
        assert_eq!(
            user.input_peer(),
            enums::InputPeer::User(types::InputPeerUser {
                user_id: 5,
                access_hash: -9
            })
        );
        assert_eq!(
            user.input_user(),
            Some(enums::InputUser::InputUser(types::InputUser {
                user_id: 5,
                access_hash: -9
            }))
        );
        assert_eq!(user.input_channel(), None);

        let chat = PeerRef::new(PeerId::chat(6), 0);
        assert_eq!(
            chat.input_peer(),
            enums::InputPeer::Chat(types::InputPeerChat { chat_id: 6 })
        );
        assert_eq!((chat.input_user(), chat.input_channel()), (None, None));
        assert_eq!(chat.marked_id(), -6);

        let channel = PeerRef::new(PeerId::channel(7), 8);
        assert_eq!(
            channel.input_channel(),
            Some(enums::InputChannel::InputChannel(types::InputChannel {
                channel_id: 7,
                access_hash: 8
            }))
        );
        assert_eq!(peer_id_of(&channel.peer()), channel.id);
        assert_eq!(peer_id_of(&user.peer()), user.id);
        assert_eq!(peer_id_of(&chat.peer()), chat.id);
    }

    #[test]
    fn cache_entries_without_access_hash_cannot_be_addressed() {
        assert_eq!(
            PeerRef::from_cached(&cached(PeerKind::Bot, 3, Some(4))),
            Some(PeerRef::new(PeerId::user(3), 4))
        );
        assert_eq!(PeerRef::from_cached(&cached(PeerKind::User, 3, None)), None);
        assert_eq!(
            PeerRef::from_cached(&cached(PeerKind::Megagroup, 3, None)),
            None
        );
        assert_eq!(
            PeerRef::from_cached(&cached(PeerKind::Chat, 3, None)),
            Some(PeerRef::new(PeerId::chat(3), 0))
        );
    }
}
