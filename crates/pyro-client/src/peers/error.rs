//! [`PeerError`]: why a peer could not be resolved, in words a user of pyro can act on.

use pyro_session::{PeerId, PeerType};

use super::marked::marked_id;

/// What the namespace of an id is called in messages.
fn what(ty: PeerType) -> &'static str {
    match ty {
        PeerType::User => "user or bot",
        PeerType::Chat => "basic group",
        PeerType::Channel => "channel or supergroup",
    }
}

/// Why `resolve_peer` failed. The `Display` text explains the cause and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeerError {
    // ----- The caller's input. -----
    /// The text is none of: a marked id, `@username`, `+phone`, a `t.me` or `tg://resolve`
    /// link, `me`.
    #[error(
        "{input:?} does not name a peer: {reason} (give a marked id such as 12345 or \
         -1001234567890, a @username, a +phone number, a t.me/username link or \"me\")"
    )]
    Unparsable {
        /// What was given.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A link of a kind that names no single peer to resolve (an invite link, a sticker set,
    /// a proxy, ...).
    #[error("{link:?} is a {kind} link, not a link to a user, group or channel")]
    UnsupportedLink {
        /// The link.
        link: String,
        /// What it links to.
        kind: &'static str,
    },

    // ----- The peer is unknown to this session. -----
    /// `PEER_ID_INVALID`: the id was never seen by this session, so there is no access hash to
    /// address it with.
    #[error(
        "PEER_ID_INVALID: the {kind} with id {marked} was never seen by this session, so pyro \
         has no access hash for it, and Telegram only lets an account address peers it has been \
         shown. Fetch it first from something that mentions it (a dialog, a message, a member \
         list, an update: every response is cached) or resolve it by @username or t.me link \
         instead of by id",
        kind = what(id.ty),
        marked = marked_id(*id)
    )]
    Unknown {
        /// The id asked for.
        id: PeerId,
    },
    /// `PEER_ID_INVALID`: the peer was only seen in a reduced ("min") form, without an access
    /// hash this account may use.
    #[error(
        "PEER_ID_INVALID: the {kind} with id {marked} was only seen without an access hash \
         (Telegram sent its reduced \"min\" form, as in large groups or forwarded messages), so \
         it cannot be addressed yet. Fetch it from a dialog, a message it sent to you, a member \
         list, or resolve it by @username first",
        kind = what(id.ty),
        marked = marked_id(*id)
    )]
    NoAccessHash {
        /// The id asked for.
        id: PeerId,
    },
    /// No user, bot, group or channel has this username (`USERNAME_NOT_OCCUPIED`,
    /// `USERNAME_INVALID`).
    #[error(
        "no user, bot, group or channel has the username @{username} (Telegram answered \
         {rpc}); check the spelling"
    )]
    UsernameNotFound {
        /// The username asked for, without `@`.
        username: String,
        /// The RPC error Telegram answered with.
        rpc: String,
    },
    /// No account with this phone number is visible to this account (`PHONE_NOT_OCCUPIED`, or
    /// the owner's privacy settings hide it).
    #[error(
        "no Telegram account with the phone number +{phone} is visible to this account \
         (Telegram answered {rpc}): the number is not registered, or its owner's privacy \
         settings hide it; importing it as a contact (contacts.importContacts) may help"
    )]
    PhoneNotFound {
        /// The digits asked for.
        phone: String,
        /// The RPC error Telegram answered with.
        rpc: String,
    },
    /// `me` was asked for but the session is not logged in.
    #[error("\"me\" names the logged-in account, but this session is not logged in yet")]
    NotLoggedIn,
}

impl PeerError {
    /// Whether this is one of the `PEER_ID_INVALID` cases (the peer exists, but this session
    /// cannot address it).
    pub fn is_peer_id_invalid(&self) -> bool {
        matches!(self, Self::Unknown { .. } | Self::NoAccessHash { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_peer_messages_say_why_and_how_to_fix_it() {
        let text = PeerError::Unknown {
            id: PeerId::channel(1_234_567_890),
        }
        .to_string();
        assert!(text.starts_with("PEER_ID_INVALID"), "{text}");
        for words in [
            "channel or supergroup",
            "-1001234567890",
            "never seen",
            "access hash",
            "dialog",
            "@username",
        ] {
            assert!(text.contains(words), "{words:?} missing in {text}");
        }
        let min = PeerError::NoAccessHash {
            id: PeerId::user(42),
        };
        assert!(min.is_peer_id_invalid());
        assert!(
            min.to_string()
                .contains("user or bot with id 42 was only seen")
        );
        assert!(!PeerError::NotLoggedIn.is_peer_id_invalid());
    }
}
