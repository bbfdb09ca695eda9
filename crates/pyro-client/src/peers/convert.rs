//! From the `User` and `Chat` constructors Telegram sends to peer cache entries.
//!
//! - `user`: a user or a bot, with its access hash, its username (the legacy `username` field, or
//!   the first active one of `usernames`), its phone and when it was last seen.
//! - `chat`, `chatForbidden`: basic groups (no access hash needed).
//! - `channel`, `channelForbidden`: broadcast channels, supergroups, gigagroups.
//! - `userEmpty`, `chatEmpty`, and the community constructors (which have no `Peer` or
//!   `InputPeer` form to address them with) are not cached.
//!
//! A `min` constructor (core.telegram.org/api/min) comes from a context where the server did not
//! send full information: its access hash cannot be used to address the peer, and a missing
//! username does not mean the peer has none. Such entries keep what the cache already knows
//! ([`Seen::min`]).

use pyro_session::{CachedPeer, PeerKind};
use pyro_tl_types::api::enums;

/// One peer found in a response, ready for the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The entry (its `access_hash` is `None` for `min` constructors).
    pub peer: CachedPeer,
    /// Whether it came from a `min` constructor: its `None` fields do not clear known values.
    pub min: bool,
}

/// The first active username of a `usernames` list.
fn first_active(usernames: Option<&Vec<enums::Username>>) -> Option<String> {
    usernames?.iter().find_map(|u| {
        let enums::Username::Username(u) = u;
        u.active.then(|| u.username.clone())
    })
}

/// `username` when set, else the first active one of `usernames`.
fn username_of(
    legacy: Option<&String>,
    usernames: Option<&Vec<enums::Username>>,
) -> Option<String> {
    legacy
        .filter(|u| !u.is_empty())
        .cloned()
        .or_else(|| first_active(usernames))
}

/// The digits of a phone number (Telegram sends digits only; stray `+` or spaces are dropped).
pub(crate) fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// A cache entry from a `User`, or `None` for `userEmpty`. `now` is Unix seconds.
pub fn from_user(user: &enums::User, now: i64) -> Option<Seen> {
    let enums::User::User(u) = user else {
        return None;
    };
    let last_seen = match &u.status {
        Some(enums::UserStatus::Offline(s)) => Some(i64::from(s.was_online)),
        Some(enums::UserStatus::Online(_)) => Some(now),
        _ => None,
    };
    Some(Seen {
        peer: CachedPeer {
            id: u.id,
            kind: if u.bot { PeerKind::Bot } else { PeerKind::User },
            access_hash: if u.min { None } else { u.access_hash },
            username: username_of(u.username.as_ref(), u.usernames.as_ref()),
            phone: u
                .phone
                .as_deref()
                .map(phone_digits)
                .filter(|p| !p.is_empty()),
            last_seen,
            updated_at: now,
        },
        min: u.min,
    })
}

/// A cache entry from a `Chat`, or `None` for the constructors that are not cached. `now` is
/// Unix seconds.
pub fn from_chat(chat: &enums::Chat, now: i64) -> Option<Seen> {
    let entry = |id, kind, access_hash, username| CachedPeer {
        id,
        kind,
        access_hash,
        username,
        phone: None,
        last_seen: None,
        updated_at: now,
    };
    let channel_kind = |megagroup: bool, gigagroup: bool| {
        if gigagroup {
            PeerKind::Gigagroup
        } else if megagroup {
            PeerKind::Megagroup
        } else {
            PeerKind::Channel
        }
    };
    let (peer, min) = match chat {
        enums::Chat::Chat(c) => (entry(c.id, PeerKind::Chat, None, None), false),
        enums::Chat::Forbidden(c) => (entry(c.id, PeerKind::Chat, None, None), false),
        enums::Chat::Channel(c) => (
            entry(
                c.id,
                channel_kind(c.megagroup, c.gigagroup),
                if c.min { None } else { c.access_hash },
                username_of(c.username.as_ref(), c.usernames.as_ref()),
            ),
            c.min,
        ),
        enums::Chat::ChannelForbidden(c) => (
            entry(
                c.id,
                channel_kind(c.megagroup, false),
                Some(c.access_hash),
                None,
            ),
            false,
        ),
        enums::Chat::Empty(_) | enums::Chat::Community(_) | enums::Chat::CommunityForbidden(_) => {
            return None;
        }
    };
    Some(Seen { peer, min })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_tl_types::api::types;

    #[test]
    fn users_keep_hash_username_phone_and_status() {
        let user: enums::User = types::User {
            id: 10,
            access_hash: Some(99),
            bot: true,
            usernames: Some(vec![
                types::Username {
                    username: "old".into(),
                    active: false,
                    editable: false,
                }
                .into(),
                types::Username {
                    username: "Fresh".into(),
                    active: true,
                    editable: true,
                }
                .into(),
            ]),
            phone: Some("+1 555 0100".into()),
            status: Some(types::UserStatusOffline { was_online: 1234 }.into()),
            ..Default::default()
        }
        .into();
        let seen = from_user(&user, 5000).expect("cached");
        assert!(!seen.min);
        assert_eq!(seen.peer.kind, PeerKind::Bot);
        assert_eq!(seen.peer.access_hash, Some(99));
        assert_eq!(seen.peer.username.as_deref(), Some("Fresh"));
        assert_eq!(seen.peer.phone.as_deref(), Some("15550100"));
        assert_eq!(
            (seen.peer.last_seen, seen.peer.updated_at),
            (Some(1234), 5000)
        );
        assert_eq!(
            from_user(&enums::User::Empty(types::UserEmpty { id: 1 }), 0),
            None
        );
    }

    #[test]
    fn min_constructors_drop_their_access_hash() {
        let user: enums::User = types::User {
            id: 10,
            min: true,
            access_hash: Some(99),
            username: Some("name".into()),
            ..Default::default()
        }
        .into();
        let seen = from_user(&user, 0).expect("cached");
        assert!(seen.min);
        assert_eq!(seen.peer.access_hash, None);
        assert_eq!(seen.peer.username.as_deref(), Some("name"));
    }

    #[test]
    fn chats_map_to_their_kinds() {
        let kind =
            |chat: enums::Chat| from_chat(&chat, 0).map(|s| (s.peer.kind, s.peer.access_hash));
        assert_eq!(
            kind(
                types::Chat {
                    id: 1,
                    ..Default::default()
                }
                .into()
            ),
            Some((PeerKind::Chat, None))
        );
        let channel = |megagroup, gigagroup| types::Channel {
            id: 2,
            access_hash: Some(7),
            megagroup,
            gigagroup,
            ..Default::default()
        };
        assert_eq!(
            kind(channel(false, false).into()),
            Some((PeerKind::Channel, Some(7)))
        );
        assert_eq!(
            kind(channel(true, false).into()),
            Some((PeerKind::Megagroup, Some(7)))
        );
        assert_eq!(
            kind(channel(true, true).into()),
            Some((PeerKind::Gigagroup, Some(7)))
        );
        let forbidden = types::ChannelForbidden {
            id: 3,
            access_hash: 8,
            megagroup: true,
            ..Default::default()
        };
        assert_eq!(kind(forbidden.into()), Some((PeerKind::Megagroup, Some(8))));
        assert_eq!(kind(types::ChatEmpty { id: 4 }.into()), None);
    }
}
