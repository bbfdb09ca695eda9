//! The peer cache's values: which peer, of what kind, and how to address it.

/// The namespace of a peer id, as in Telegram's `Peer` constructors (`peerUser`, `peerChat`,
/// `peerChannel`): the same number can name a user, a basic group and a channel at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeerType {
    /// Users and bots.
    User,
    /// Basic groups.
    Chat,
    /// Channels, supergroups and gigagroups.
    Channel,
}

impl PeerType {
    /// The number stored for this type.
    pub(crate) const fn code(self) -> i64 {
        match self {
            PeerType::User => 0,
            PeerType::Chat => 1,
            PeerType::Channel => 2,
        }
    }
}

/// A peer's identity: its namespace and its id there. The peer cache's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeerId {
    /// The namespace.
    pub ty: PeerType,
    /// The id within the namespace (the bare id, as in the TL objects).
    pub id: i64,
}

impl PeerId {
    /// A user or bot.
    pub const fn user(id: i64) -> Self {
        PeerId {
            ty: PeerType::User,
            id,
        }
    }

    /// A basic group.
    pub const fn chat(id: i64) -> Self {
        PeerId {
            ty: PeerType::Chat,
            id,
        }
    }

    /// A channel or supergroup.
    pub const fn channel(id: i64) -> Self {
        PeerId {
            ty: PeerType::Channel,
            id,
        }
    }
}

/// What a cached peer is, finer than its [`PeerType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PeerKind {
    /// A user account.
    User,
    /// A bot account.
    Bot,
    /// A basic group.
    Chat,
    /// A broadcast channel.
    Channel,
    /// A supergroup (`megagroup` flag).
    Megagroup,
    /// A gigagroup (broadcast group).
    Gigagroup,
}

impl PeerKind {
    /// The namespace this kind lives in.
    pub const fn peer_type(self) -> PeerType {
        match self {
            PeerKind::User | PeerKind::Bot => PeerType::User,
            PeerKind::Chat => PeerType::Chat,
            PeerKind::Channel | PeerKind::Megagroup | PeerKind::Gigagroup => PeerType::Channel,
        }
    }

    /// The number stored for this kind.
    pub(crate) const fn code(self) -> i64 {
        match self {
            PeerKind::User => 0,
            PeerKind::Bot => 1,
            PeerKind::Chat => 2,
            PeerKind::Channel => 3,
            PeerKind::Megagroup => 4,
            PeerKind::Gigagroup => 5,
        }
    }

    /// The kind stored as `code`, if it is one.
    pub(crate) const fn from_code(code: i64) -> Option<Self> {
        Some(match code {
            0 => PeerKind::User,
            1 => PeerKind::Bot,
            2 => PeerKind::Chat,
            3 => PeerKind::Channel,
            4 => PeerKind::Megagroup,
            5 => PeerKind::Gigagroup,
            _ => return None,
        })
    }
}

/// One entry of the peer cache: what the client needs to address a peer it has seen.
///
/// When an entry is upserted over an existing one, `access_hash`, `phone` and `last_seen` that are
/// `None` keep the stored values (a "min" constructor lacks them without meaning they changed);
/// `kind`, `username` and `updated_at` are replaced. A username or phone belongs to one peer at a
/// time: upserting a peer with a username clears it from any other cached peer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPeer {
    /// The bare id (its namespace follows from [`CachedPeer::kind`]).
    pub id: i64,
    /// What the peer is.
    pub kind: PeerKind,
    /// The access hash for `inputPeerUser`/`inputPeerChannel` (basic groups have none).
    pub access_hash: Option<i64>,
    /// The public username, without `@`; looked up case-insensitively (ASCII).
    pub username: Option<String>,
    /// The phone number, digits only as Telegram sends it.
    pub phone: Option<String>,
    /// When the user was last seen online, in Unix seconds, if known.
    pub last_seen: Option<i64>,
    /// When this entry was last written, in Unix seconds (passed in by the caller).
    pub updated_at: i64,
}

impl CachedPeer {
    /// The cache key of this entry.
    pub const fn peer_id(&self) -> PeerId {
        PeerId {
            ty: self.kind.peer_type(),
            id: self.id,
        }
    }
}
