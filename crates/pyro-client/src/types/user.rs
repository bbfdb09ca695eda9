//! [`User`]: a user or bot, and its [`UserStatus`] (last seen).

use pyro_tl_types::api::{enums, types};

use super::peer::PeerId;

/// A user or bot, built from a raw `User` (which stays reachable through [`User::raw`]).
///
/// A user the server did not send is *unresolved*: [`User::is_resolved`] is `false` and only
/// the id is known.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    raw: enums::User,
    resolved: bool,
}

impl User {
    /// A user from its raw object (`user` or `userEmpty`).
    pub fn from_raw(raw: enums::User) -> Self {
        Self {
            raw,
            resolved: true,
        }
    }

    /// A placeholder for a user that was referenced but not sent: only the id is known.
    pub fn unresolved(id: i64) -> Self {
        Self {
            raw: enums::User::Empty(types::UserEmpty { id }),
            resolved: false,
        }
    }

    /// The raw object this user was built from.
    pub fn raw(&self) -> &enums::User {
        &self.raw
    }

    /// The raw object, consuming the user.
    pub fn into_raw(self) -> enums::User {
        self.raw
    }

    fn full(&self) -> Option<&types::User> {
        match &self.raw {
            enums::User::User(user) => Some(user),
            enums::User::Empty(_) => None,
        }
    }

    fn flag(&self, get: impl FnOnce(&types::User) -> bool) -> bool {
        self.full().is_some_and(get)
    }

    /// The user's id.
    pub fn id(&self) -> i64 {
        match &self.raw {
            enums::User::User(user) => user.id,
            enums::User::Empty(user) => user.id,
        }
    }

    /// The user as a peer id.
    pub fn peer_id(&self) -> PeerId {
        PeerId::User(self.id())
    }

    /// Whether the server sent this user (a placeholder for a missing peer is not resolved).
    pub fn is_resolved(&self) -> bool {
        self.resolved
    }

    /// The first name ("" when unknown; deleted accounts have none).
    pub fn first_name(&self) -> &str {
        self.full()
            .and_then(|u| u.first_name.as_deref())
            .unwrap_or_default()
    }

    /// The last name, if any.
    pub fn last_name(&self) -> Option<&str> {
        self.full().and_then(|u| u.last_name.as_deref())
    }

    /// First and last name joined by a space.
    pub fn full_name(&self) -> String {
        match self.last_name() {
            Some(last) if !last.is_empty() => format!("{} {last}", self.first_name()),
            _ => self.first_name().to_owned(),
        }
    }

    /// The main username (without `@`): `username`, or else the first active collectible one.
    pub fn username(&self) -> Option<&str> {
        let user = self.full()?;
        user.username.as_deref().or_else(|| {
            user.usernames.iter().flatten().find_map(|name| match name {
                enums::Username::Username(name) if name.active => Some(name.username.as_str()),
                enums::Username::Username(_) => None,
            })
        })
    }

    /// The phone number, if visible to us.
    pub fn phone(&self) -> Option<&str> {
        self.full().and_then(|u| u.phone.as_deref())
    }

    /// The user's language code (only sent to bots, about the users that talk to them).
    pub fn lang_code(&self) -> Option<&str> {
        self.full().and_then(|u| u.lang_code.as_deref())
    }

    /// The access hash, needed to address the user in requests.
    pub fn access_hash(&self) -> Option<i64> {
        self.full().and_then(|u| u.access_hash)
    }

    /// Whether this is the signed-in account.
    pub fn is_self(&self) -> bool {
        self.flag(|u| u.self_)
    }

    /// Whether this is a bot.
    pub fn is_bot(&self) -> bool {
        self.flag(|u| u.bot)
    }

    /// Whether the user is in our contacts.
    pub fn is_contact(&self) -> bool {
        self.flag(|u| u.contact)
    }

    /// Whether we are in each other's contacts.
    pub fn is_mutual_contact(&self) -> bool {
        self.flag(|u| u.mutual_contact)
    }

    /// Whether the account was deleted.
    pub fn is_deleted(&self) -> bool {
        self.flag(|u| u.deleted)
    }

    /// Whether Telegram verified the account.
    pub fn is_verified(&self) -> bool {
        self.flag(|u| u.verified)
    }

    /// Whether the user has Telegram Premium.
    pub fn is_premium(&self) -> bool {
        self.flag(|u| u.premium)
    }

    /// Whether Telegram flagged the account as a scam.
    pub fn is_scam(&self) -> bool {
        self.flag(|u| u.scam)
    }

    /// Whether Telegram flagged the account as impersonating someone.
    pub fn is_fake(&self) -> bool {
        self.flag(|u| u.fake)
    }

    /// Whether this is an official Telegram support account.
    pub fn is_support(&self) -> bool {
        self.flag(|u| u.support)
    }

    /// Whether this is a `min` object: partial, its access hash not usable on its own.
    pub fn is_min(&self) -> bool {
        self.flag(|u| u.min)
    }

    /// When the user was last seen, as far as they let us know.
    pub fn status(&self) -> UserStatus {
        self.full()
            .and_then(|u| u.status.as_ref())
            .map_or(UserStatus::Unknown, UserStatus::from_raw)
    }

    /// The `InputPeer` that addresses this user, if we can (ourselves, or with an access hash).
    pub fn input_peer(&self) -> Option<enums::InputPeer> {
        if self.is_self() {
            return Some(enums::InputPeer::InputPeerSelf);
        }
        let access_hash = self.access_hash()?;
        Some(enums::InputPeer::User(types::InputPeerUser {
            user_id: self.id(),
            access_hash,
        }))
    }

    /// The `InputUser` that addresses this user, if we can.
    pub fn input_user(&self) -> Option<enums::InputUser> {
        if self.is_self() {
            return Some(enums::InputUser::InputUserSelf);
        }
        let access_hash = self.access_hash()?;
        Some(enums::InputUser::InputUser(types::InputUser {
            user_id: self.id(),
            access_hash,
        }))
    }
}

/// When a user was last seen, as far as their privacy settings let us know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    /// Not known (not sent, or `userStatusEmpty`).
    Unknown,
    /// Online now; the status expires at this Unix time unless renewed.
    Online {
        /// Unix time at which the user counts as offline unless the status is renewed.
        expires: i32,
    },
    /// Offline since this Unix time.
    Offline {
        /// Unix time the user was last online.
        was_online: i32,
    },
    /// Seen recently (hidden by privacy settings).
    Recently,
    /// Seen within the last week.
    LastWeek,
    /// Seen within the last month.
    LastMonth,
}

impl UserStatus {
    /// The typed status of a raw `UserStatus`.
    pub fn from_raw(raw: &enums::UserStatus) -> Self {
        match raw {
            enums::UserStatus::Empty => Self::Unknown,
            enums::UserStatus::Online(s) => Self::Online { expires: s.expires },
            enums::UserStatus::Offline(s) => Self::Offline {
                was_online: s.was_online,
            },
            enums::UserStatus::Recently(_) => Self::Recently,
            enums::UserStatus::LastWeek(_) => Self::LastWeek,
            enums::UserStatus::LastMonth(_) => Self::LastMonth,
        }
    }

    /// Whether the user is online at Unix time `now`.
    pub fn is_online_at(self, now: i32) -> bool {
        matches!(self, Self::Online { expires } if expires > now)
    }
}
