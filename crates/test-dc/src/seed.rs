//! Seeds: the accounts, bots, channels, messages and files an in-memory Telegram starts with,
//! built in code or read from a JSON fixture (the binary's `--seed FILE`).
//!
//! Entries refer to each other by `key`, a handle that exists only in the seed (`"alice"`).
//! Every field but the keys has a default, so a fixture names only what a test needs:
//!
//! ```json
//! {
//!   "users": [
//!     { "key": "alice", "phone": "15550001", "first_name": "Alice", "username": "alice",
//!       "password": "hunter2", "login_code": "12345", "contacts": ["bob"] },
//!     { "key": "bob", "phone": "15550002", "first_name": "Bob" },
//!     { "key": "echo", "bot_token": "1000:echo-token", "first_name": "Echo", "username": "echobot" }
//!   ],
//!   "channels": [
//!     { "key": "news", "title": "News", "broadcast": true, "creator": "alice",
//!       "members": ["bob"], "generated_members": 3000 }
//!   ],
//!   "messages": [
//!     { "from": "alice", "to": "bob", "text": "hello" },
//!     { "from": "alice", "to": "news", "text": "a file",
//!       "file": { "name": "notes.txt", "mime_type": "text/plain", "text": "file body" } }
//!   ],
//!   "faults": { "drop_updates": 0.1 }
//! }
//! ```

use serde::{Deserialize, Serialize};

use crate::error::SeedError;
use crate::telegram::Faults;

/// Everything an in-memory Telegram starts with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Seed {
    /// People and bots.
    pub users: Vec<SeedUser>,
    /// Channels and supergroups, with their members.
    pub channels: Vec<SeedChannel>,
    /// Messages sent in this order once the accounts and channels exist.
    pub messages: Vec<SeedMessage>,
    /// The fault switches at start (they can be changed later with
    /// [`crate::Telegram::set_faults`]).
    pub faults: Faults,
}

/// A person (with a phone number) or a bot (with a token).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeedUser {
    /// The handle other seed entries use.
    pub key: String,
    /// The phone number, digits only; people log in with it.
    pub phone: Option<String>,
    /// The bot token (`auth.importBotAuthorization`); makes the account a bot.
    pub bot_token: Option<String>,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Username, without `@`.
    pub username: Option<String>,
    /// The 2FA password; `auth.signIn` then answers `SESSION_PASSWORD_NEEDED`.
    pub password: Option<String>,
    /// The 2FA hint shown by `account.getPassword`.
    pub hint: Option<String>,
    /// The login code every `auth.sendCode` for this phone delivers (random otherwise).
    pub login_code: Option<String>,
    /// The account's home DC (the first DC of the list when absent).
    pub dc: Option<i32>,
    /// Keys of this account's contacts.
    pub contacts: Vec<String>,
    /// The profile's "about" text.
    pub about: Option<String>,
}

impl SeedUser {
    /// A person who logs in with `phone`.
    pub fn person(key: &str, phone: &str, first_name: &str) -> Self {
        Self {
            key: key.to_owned(),
            phone: Some(phone.to_owned()),
            first_name: first_name.to_owned(),
            ..Self::default()
        }
    }

    /// A bot that logs in with `token`.
    pub fn bot(key: &str, token: &str, first_name: &str) -> Self {
        Self {
            key: key.to_owned(),
            bot_token: Some(token.to_owned()),
            first_name: first_name.to_owned(),
            ..Self::default()
        }
    }

    /// Sets the username.
    #[must_use]
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }

    /// Sets a 2FA password.
    #[must_use]
    pub fn password(mut self, password: &str) -> Self {
        self.password = Some(password.to_owned());
        self
    }

    /// Fixes the login code.
    #[must_use]
    pub fn login_code(mut self, code: &str) -> Self {
        self.login_code = Some(code.to_owned());
        self
    }

    /// Sets the home DC.
    #[must_use]
    pub fn dc(mut self, dc_id: i32) -> Self {
        self.dc = Some(dc_id);
        self
    }

    /// Adds a contact.
    #[must_use]
    pub fn contact(mut self, key: &str) -> Self {
        self.contacts.push(key.to_owned());
        self
    }
}

/// A channel (`broadcast`) or a supergroup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeedChannel {
    /// The handle other seed entries use.
    pub key: String,
    /// Title.
    pub title: String,
    /// Public username, without `@`.
    pub username: Option<String>,
    /// A broadcast channel when true, a supergroup otherwise.
    pub broadcast: bool,
    /// Key of the creator (a member and the only admin).
    pub creator: String,
    /// Keys of the other members, in joining order.
    pub members: Vec<String>,
    /// How many synthetic members (`Member 1`, `Member 2`, ...) to add after `members`.
    pub generated_members: u32,
}

impl SeedChannel {
    /// A supergroup created by `creator`.
    pub fn supergroup(key: &str, title: &str, creator: &str) -> Self {
        Self {
            key: key.to_owned(),
            title: title.to_owned(),
            creator: creator.to_owned(),
            ..Self::default()
        }
    }

    /// A broadcast channel created by `creator`.
    pub fn broadcast(key: &str, title: &str, creator: &str) -> Self {
        Self {
            broadcast: true,
            ..Self::supergroup(key, title, creator)
        }
    }

    /// Adds a member.
    #[must_use]
    pub fn member(mut self, key: &str) -> Self {
        self.members.push(key.to_owned());
        self
    }

    /// Adds `count` synthetic members.
    #[must_use]
    pub fn generated_members(mut self, count: u32) -> Self {
        self.generated_members = count;
        self
    }

    /// Sets the public username.
    #[must_use]
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }
}

/// A message sent while seeding, from an account to an account or a channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeedMessage {
    /// Key of the sender.
    pub from: String,
    /// Key of the recipient (an account) or of a channel.
    pub to: String,
    /// The text (the caption when there is a file).
    pub text: String,
    /// A document attached to the message.
    pub file: Option<SeedFile>,
}

/// A document stored on a DC and attached to a seeded message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeedFile {
    /// File name (`documentAttributeFilename`).
    pub name: String,
    /// MIME type.
    pub mime_type: String,
    /// The content as text; when absent, `size` bytes of a fixed pattern (`i % 251`).
    pub text: Option<String>,
    /// Size of the generated content when `text` is absent.
    pub size: u32,
    /// The DC that keeps the file (the sender's home DC when absent).
    pub dc: Option<i32>,
}

impl SeedFile {
    /// The file's bytes.
    pub fn content(&self) -> Vec<u8> {
        match &self.text {
            Some(text) => text.as_bytes().to_vec(),
            None => (0..self.size).map(|i| (i % 251) as u8).collect(),
        }
    }
}

impl Seed {
    /// An empty seed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a JSON fixture.
    pub fn from_json(text: &str) -> Result<Self, SeedError> {
        Ok(serde_json::from_str(text)?)
    }

    /// Reads a JSON fixture from a file.
    pub fn from_file(path: &std::path::Path) -> Result<Self, SeedError> {
        Self::from_json(&std::fs::read_to_string(path)?)
    }

    /// Adds an account.
    #[must_use]
    pub fn user(mut self, user: SeedUser) -> Self {
        self.users.push(user);
        self
    }

    /// Adds a channel or supergroup.
    #[must_use]
    pub fn channel(mut self, channel: SeedChannel) -> Self {
        self.channels.push(channel);
        self
    }

    /// Adds a text message.
    #[must_use]
    pub fn message(mut self, from: &str, to: &str, text: &str) -> Self {
        self.messages.push(SeedMessage {
            from: from.to_owned(),
            to: to.to_owned(),
            text: text.to_owned(),
            file: None,
        });
        self
    }

    /// Adds a message carrying a document.
    #[must_use]
    pub fn file_message(mut self, from: &str, to: &str, caption: &str, file: SeedFile) -> Self {
        self.messages.push(SeedMessage {
            from: from.to_owned(),
            to: to.to_owned(),
            text: caption.to_owned(),
            file: Some(file),
        });
        self
    }

    /// Sets the fault switches.
    #[must_use]
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fixture_round_trips_and_rejects_typos() {
        let seed = Seed::new()
            .user(SeedUser::person("alice", "15550001", "Alice").password("pw"))
            .user(SeedUser::bot("echo", "1:t", "Echo"))
            .channel(SeedChannel::broadcast("news", "News", "alice").generated_members(3))
            .message("alice", "news", "hi");
        let text = serde_json::to_string(&seed).unwrap();
        assert_eq!(Seed::from_json(&text).unwrap(), seed);
        let typo = r#"{ "users": [ { "key": "a", "phnoe": "1" } ] }"#;
        assert!(matches!(Seed::from_json(typo), Err(SeedError::Json(_))));
        let doc = SeedFile {
            size: 300,
            ..SeedFile::default()
        };
        assert_eq!(doc.content()[252], 1);
    }
}
