//! Finding every `User` and `Chat` inside a value: [`CollectPeers`] and [`PeerRefs`].
//!
//! Telegram sends the users and chats a response or update mentions alongside it (`users` and
//! `chats` vectors, at any depth: `messages.Messages`, `Updates`, `contacts.ResolvedPeer`, ...).
//! A client caches them to learn access hashes. Every generated type and enum implements
//! [`CollectPeers`]; the code generator visits only the fields whose types can reach `User` or
//! `Chat`, and types that cannot reach them have an empty walk. Vectors, options, boxes and the
//! built-in types implement it too, so `R::Return: CollectPeers` holds for every function `R`.
//!
//! ```
//! use pyro_tl_types::api::{enums, types};
//! use pyro_tl_types::CollectPeers;
//!
//! let user = enums::User::User(Box::new(types::User { id: 7, access_hash: Some(99), ..Default::default() }));
//! let chat = enums::Chat::Chat(Box::new(types::Chat { id: 12, ..Default::default() }));
//! let resolved = enums::contacts::ResolvedPeer::ResolvedPeer(Box::new(types::contacts::ResolvedPeer {
//!     peer: enums::Peer::User(types::PeerUser { user_id: 7 }),
//!     users: vec![user.clone()],
//!     chats: vec![chat.clone()],
//! }));
//! let found = resolved.peer_refs();
//! assert_eq!(found.users, [&user]);
//! assert_eq!(found.chats, [&chat]);
//! ```

use crate::api::enums::{Chat, User};

/// The users and chats found in a value, borrowed from it, in the order they were met.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeerRefs<'a> {
    /// Every `User` met (duplicates included).
    pub users: Vec<&'a User>,
    /// Every `Chat` met (basic groups and channels, forbidden ones included; duplicates included).
    pub chats: Vec<&'a Chat>,
}

impl PeerRefs<'_> {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.chats.is_empty()
    }
}

/// A value that may contain `User`s and `Chat`s.
pub trait CollectPeers {
    /// Appends every `User` and `Chat` inside `self` to `out`. The default finds nothing: it is
    /// the walk of every type that cannot contain one.
    fn collect_peers<'a>(&'a self, out: &mut PeerRefs<'a>) {
        let _ = out;
    }

    /// Every `User` and `Chat` inside `self`, in a new [`PeerRefs`].
    fn peer_refs(&self) -> PeerRefs<'_> {
        let mut out = PeerRefs::default();
        self.collect_peers(&mut out);
        out
    }
}

macro_rules! no_peers {
    ($($ty:ty),*) => {$(
        impl CollectPeers for $ty {}
    )*};
}

no_peers!(bool, u8, i32, u32, i64, f64, String);

impl<const N: usize> CollectPeers for [u8; N] {}

impl<T: CollectPeers> CollectPeers for Vec<T> {
    fn collect_peers<'a>(&'a self, out: &mut PeerRefs<'a>) {
        for item in self {
            item.collect_peers(out);
        }
    }
}

impl<T: CollectPeers> CollectPeers for Option<T> {
    fn collect_peers<'a>(&'a self, out: &mut PeerRefs<'a>) {
        if let Some(value) = self {
            value.collect_peers(out);
        }
    }
}

impl<T: CollectPeers + ?Sized> CollectPeers for Box<T> {
    fn collect_peers<'a>(&'a self, out: &mut PeerRefs<'a>) {
        (**self).collect_peers(out);
    }
}
