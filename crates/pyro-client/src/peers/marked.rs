//! Marked ids, as in the Bot API: one `i64` that says both the namespace and the id.
//!
//! Telegram's TL objects carry bare ids and say the namespace by the constructor (`peerUser`,
//! `peerChat`, `peerChannel`), so the same number can name a user, a basic group and a channel.
//! The Bot API (and Pyrogram, Telethon, TDLib) fold the namespace into the number:
//!
//! | peer | marked id | bare id range |
//! |---|---|---|
//! | user or bot | `id` | 1 ..= 2^40 - 1 |
//! | basic group | `-id` | 1 ..= 999 999 999 999 |
//! | channel, supergroup | `-1_000_000_000_000 - id` (written `-100…`) | 1 ..= 10^12 - 2^31 |
//!
//! The ranges are TDLib's (`td/telegram/UserId.h`, `ChatId.h`, `ChannelId.h`, `DialogId.cpp`):
//! they make the three namespaces disjoint, so a marked id converts back without guessing.
//! Secret chats (TDLib's `-2 000 000 000 000 + id`) are not peers of the MTProto API and are not
//! accepted.

use pyro_session::{PeerId, PeerType};

/// The largest user id (TDLib's `UserId::max`, 2^40 - 1).
pub const MAX_USER_ID: i64 = (1 << 40) - 1;
/// The largest basic group id (TDLib's `ChatId::max`).
pub const MAX_CHAT_ID: i64 = 999_999_999_999;
/// The largest channel id (TDLib's `ChannelId::max`, 10^12 - 2^31).
pub const MAX_CHANNEL_ID: i64 = 1_000_000_000_000 - (1 << 31);
/// The offset of channels' marked ids: `marked = CHANNEL_ZERO - id` (TDLib's
/// `ZERO_CHANNEL_ID`).
pub const CHANNEL_ZERO: i64 = -1_000_000_000_000;

/// Whether `id` is a valid bare id in namespace `ty`.
pub const fn is_valid(ty: PeerType, id: i64) -> bool {
    let max = match ty {
        PeerType::User => MAX_USER_ID,
        PeerType::Chat => MAX_CHAT_ID,
        PeerType::Channel => MAX_CHANNEL_ID,
    };
    id >= 1 && id <= max
}

/// The marked id of a peer: users keep their id, basic groups are negated, channels become
/// `-100…` (`-1_000_000_000_000 - id`).
///
/// Ids outside Telegram's ranges ([`is_valid`]) have no marked form; they saturate instead of
/// overflowing, and do not convert back.
///
/// ```
/// use pyro_client::peers::{marked_id, peer_from_marked};
/// use pyro_session::PeerId;
///
/// assert_eq!(marked_id(PeerId::user(777000)), 777000);
/// assert_eq!(marked_id(PeerId::chat(123)), -123);
/// assert_eq!(marked_id(PeerId::channel(1234567890)), -1001234567890);
/// assert_eq!(peer_from_marked(-1001234567890), Some(PeerId::channel(1234567890)));
/// ```
pub const fn marked_id(peer: PeerId) -> i64 {
    match peer.ty {
        PeerType::User => peer.id,
        PeerType::Chat => peer.id.saturating_neg(),
        PeerType::Channel => CHANNEL_ZERO.saturating_sub(peer.id),
    }
}

/// The peer a marked id names, or `None` when it is 0 or falls in no namespace's range.
pub const fn peer_from_marked(marked: i64) -> Option<PeerId> {
    if marked > 0 {
        return if marked <= MAX_USER_ID {
            Some(PeerId::user(marked))
        } else {
            None
        };
    }
    if marked < 0 && marked >= -MAX_CHAT_ID {
        return Some(PeerId::chat(-marked));
    }
    if marked < CHANNEL_ZERO && marked >= CHANNEL_ZERO - MAX_CHANNEL_ID {
        return Some(PeerId::channel(CHANNEL_ZERO - marked));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bot_api_examples_convert_both_ways() {
        // The Bot API's documented forms: users positive, groups negative, channels -100….
        let cases = [
            (PeerId::user(777_000), 777_000),
            (PeerId::user(MAX_USER_ID), MAX_USER_ID),
            (PeerId::chat(1), -1),
            (PeerId::chat(MAX_CHAT_ID), -999_999_999_999),
            (PeerId::channel(1), -1_000_000_000_001),
            (PeerId::channel(1_234_567_890), -1_001_234_567_890),
            (PeerId::channel(MAX_CHANNEL_ID), -1_997_852_516_352),
        ];
        for (peer, marked) in cases {
            assert_eq!(marked_id(peer), marked, "{peer:?}");
            assert_eq!(peer_from_marked(marked), Some(peer), "{marked}");
        }
    }

    #[test]
    fn numbers_outside_every_range_are_refused() {
        for marked in [
            0,
            MAX_USER_ID + 1,
            i64::MAX,
            CHANNEL_ZERO,
            CHANNEL_ZERO - MAX_CHANNEL_ID - 1,
            -2_000_000_000_001, // a secret chat in TDLib's numbering
            i64::MIN,
        ] {
            assert_eq!(peer_from_marked(marked), None, "{marked}");
        }
    }

    #[test]
    fn every_valid_id_round_trips_and_namespaces_never_overlap() {
        // Deterministic sweep over each range's ends and a stride through its middle.
        for ty in [PeerType::User, PeerType::Chat, PeerType::Channel] {
            let max = match ty {
                PeerType::User => MAX_USER_ID,
                PeerType::Chat => MAX_CHAT_ID,
                PeerType::Channel => MAX_CHANNEL_ID,
            };
            let ids = (1..50)
                .chain((0..1000).map(|k| 1 + k * (max / 1000)))
                .chain(max - 50..=max);
            for id in ids {
                let peer = PeerId { ty, id };
                assert!(is_valid(ty, id));
                assert_eq!(peer_from_marked(marked_id(peer)), Some(peer), "{peer:?}");
            }
            assert!(!is_valid(ty, 0) && !is_valid(ty, max + 1) && !is_valid(ty, -1));
        }
    }

    #[test]
    fn extreme_ids_saturate_instead_of_overflowing() {
        assert_eq!(marked_id(PeerId::channel(i64::MAX)), i64::MIN);
        assert_eq!(marked_id(PeerId::chat(i64::MIN)), i64::MAX);
        assert_eq!(peer_from_marked(marked_id(PeerId::channel(i64::MAX))), None);
    }
}
