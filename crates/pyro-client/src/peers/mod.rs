//! Peers: every user, group and channel the client sees is cached with its access hash, and
//! `resolve_peer` turns ids, usernames, phone numbers and links into addressable peers.
//!
//! # How it fits together
//! - Harvesting: every answer of `Client::invoke` is walked for `User` and `Chat` objects
//!   ([`pyro_tl_types::CollectPeers`], implemented by every generated type) and each one becomes
//!   a [`CachedPeer`] (`convert`: kind, access hash, username, phone, last seen). Updates carry
//!   users and chats too: the updates module passes them to
//!   [`Client::harvest_peers`](crate::Client::harvest_peers).
//! - [`PeerCache`]: an in-memory front over the session store ([`pyro_session::SessionStore`]):
//!   lookups by id, username or phone do not touch SQLite once a peer is known, and only changed
//!   entries are written, one batch per response. The store keeps them across restarts.
//! - [`PeerQuery`]: what a caller may name a peer by (`12345`, `-1001234567890`, `@name`,
//!   `+phone`, `t.me/name`, `tg://resolve?domain=name`, `me`), parsed by [`PeerQuery::parse`].
//! - [`Client::resolve_peer`](crate::Client::resolve_peer): the cache first, then `contacts.resolveUsername`,
//!   `contacts.resolvePhone` or `users.getUsers` (for `me`); the answer is cached like any
//!   other. A peer that cannot be addressed is a [`PeerError`] saying why and what to do.
//! - [`PeerRef`]: the result, an id with its access hash, which builds `InputPeer`,
//!   `InputUser` and `InputChannel`.
//! - Marked ids ([`marked_id`], [`peer_from_marked`]): the Bot API's single-number form (users
//!   positive, basic groups `-id`, channels `-100…`).
//!
//! # Example
//! ```
//! use std::sync::Arc;
//! use pyro_client::peers::{PeerCache, PeerQuery, PeerRef};
//! use pyro_session::{MemoryStore, PeerId};
//! use pyro_tl_types::api::{enums, types};
//!
//! let cache = PeerCache::new(Arc::new(MemoryStore::new()));
//! // A response mentioning a channel (here contacts.resolvedPeer) is harvested:
//! let answer = enums::contacts::ResolvedPeer::ResolvedPeer(Box::new(types::contacts::ResolvedPeer {
//!     peer: types::PeerChannel { channel_id: 2_000_000_001 }.into(),
//!     chats: vec![types::Channel {
//!         id: 2_000_000_001,
//!         access_hash: Some(555),
//!         username: Some("news".into()),
//!         ..Default::default()
//!     }
//!     .into()],
//!     users: vec![],
//! }));
//! assert_eq!(cache.harvest(&answer, 1_700_000_000)?, 1);
//!
//! // Later lookups by username or marked id find it without a request.
//! let by_name = cache.by_username("NEWS")?.expect("cached");
//! let peer = PeerRef::from_cached(&by_name).expect("has an access hash");
//! assert_eq!(peer.marked_id(), -1_002_000_000_001);
//! assert_eq!(PeerQuery::parse("-1002000000001")?, PeerQuery::Id(PeerId::channel(2_000_000_001)));
//! assert!(matches!(peer.input_peer(), enums::InputPeer::Channel(c) if c.access_hash == 555));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
mod convert;
mod error;
mod marked;
mod peer_ref;
mod query;
mod resolve;

pub use cache::PeerCache;
pub use convert::{Seen, from_chat, from_user};
pub use error::PeerError;
pub use marked::{
    CHANNEL_ZERO, MAX_CHANNEL_ID, MAX_CHAT_ID, MAX_USER_ID, is_valid, marked_id, peer_from_marked,
};
pub use peer_ref::{PeerRef, peer_id_of, peer_of};
pub use pyro_session::{CachedPeer, PeerId, PeerKind, PeerType};
pub use query::{IntoPeerQuery, PeerQuery};
