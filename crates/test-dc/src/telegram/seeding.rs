//! Building the model from a [`Seed`]: accounts, contacts, channels with their (possibly
//! thousands of) members, then messages in order, through the same code paths as the RPCs.

use crate::error::SeedError;
use crate::seed::{Seed, SeedUser};
use crate::telegram::auth::make_password;
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::Model;
use crate::telegram::state::PeerKey;

/// Seeded actions answer no one.
const NO_ORIGIN: Origin = Origin {
    auth_key_id: None,
    random_id: None,
    short: false,
};

impl Model {
    fn check_dc(&self, dc: Option<i32>) -> Result<i32, SeedError> {
        match dc {
            None => Ok(self.default_dc()),
            Some(id) if self.dcs.iter().any(|d| d.id == id) => Ok(id),
            Some(id) => Err(SeedError::UnknownDc(id)),
        }
    }

    fn seeded_user(&self, key: &str) -> Result<i64, SeedError> {
        match self.seed_keys.get(key) {
            Some(PeerKey::User(id)) => Ok(*id),
            _ => Err(SeedError::UnknownAccount(key.to_owned())),
        }
    }

    fn add_seed_user(&mut self, seed: &SeedUser) -> Result<(), SeedError> {
        let dc = self.check_dc(seed.dc)?;
        let duplicate = |what, value: &str| SeedError::Duplicate {
            what,
            value: value.to_owned(),
        };
        if self.seed_keys.contains_key(&seed.key) {
            return Err(duplicate("key", &seed.key));
        }
        if let Some(phone) = seed
            .phone
            .as_deref()
            .filter(|p| self.phones.contains_key(*p))
        {
            return Err(duplicate("phone", phone));
        }
        let bot = seed.bot_token.is_some();
        let id = self.create_user(
            &seed.first_name,
            &seed.last_name,
            seed.phone.clone(),
            bot,
            dc,
        );
        if let Some(token) = &seed.bot_token
            && self.bot_tokens.insert(token.clone(), id).is_some()
        {
            return Err(duplicate("bot token", token));
        }
        if let Some(username) = &seed.username
            && !self.claim_username(username, PeerKey::User(id))
        {
            return Err(duplicate("username", username));
        }
        let password = seed
            .password
            .as_deref()
            .map(|p| make_password(p, seed.hint.clone(), &mut self.rng));
        if let Some(user) = self.users.get_mut(&id) {
            user.username.clone_from(&seed.username);
            user.fixed_code.clone_from(&seed.login_code);
            user.about.clone_from(&seed.about);
            user.password = password;
        }
        self.seed_keys.insert(seed.key.clone(), PeerKey::User(id));
        Ok(())
    }

    /// Fills an empty model from a seed.
    pub(crate) fn apply_seed(&mut self, seed: &Seed) -> Result<(), SeedError> {
        self.faults = seed.faults.clone();
        for user in &seed.users {
            self.add_seed_user(user)?;
        }
        for user in &seed.users {
            let id = self.seeded_user(&user.key)?;
            let contacts = user
                .contacts
                .iter()
                .map(|k| self.seeded_user(k))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(record) = self.users.get_mut(&id) {
                record.contacts = contacts;
            }
        }
        for channel in &seed.channels {
            let creator = self.seeded_user(&channel.creator)?;
            if self.seed_keys.contains_key(&channel.key) {
                return Err(SeedError::Duplicate {
                    what: "key",
                    value: channel.key.clone(),
                });
            }
            let (id, _) = self
                .create_channel(creator, &channel.title, channel.broadcast, NO_ORIGIN)
                .map_err(|e| SeedError::UnknownAccount(e.message))?;
            self.seed_keys
                .insert(channel.key.clone(), PeerKey::Channel(id));
            if let Some(username) = &channel.username {
                if !self.claim_username(username, PeerKey::Channel(id)) {
                    return Err(SeedError::Duplicate {
                        what: "username",
                        value: username.clone(),
                    });
                }
                if let Some(record) = self.channels.get_mut(&id) {
                    record.username = Some(username.clone());
                }
            }
            for member in &channel.members {
                let user = self.seeded_user(member)?;
                self.add_member(id, user, creator)
                    .map_err(|e| SeedError::UnknownAccount(e.message))?;
            }
            let dc = self.default_dc();
            for n in 1..=channel.generated_members {
                let user = self.create_user(&format!("Member {n}"), &channel.key, None, false, dc);
                self.add_member(id, user, creator)
                    .map_err(|e| SeedError::UnknownAccount(e.message))?;
            }
        }
        for message in &seed.messages {
            let from = self.seeded_user(&message.from)?;
            let to = *self
                .seed_keys
                .get(&message.to)
                .ok_or_else(|| SeedError::UnknownAccount(message.to.clone()))?;
            let media = match &message.file {
                Some(file) => {
                    let dc = match file.dc {
                        Some(dc) => self.check_dc(Some(dc))?,
                        None => self.users.get(&from).map_or(self.default_dc(), |u| u.dc_id),
                    };
                    Some(self.store_file(dc, false, &file.name, &file.mime_type, file.content()))
                }
                None => None,
            };
            let content = Content {
                text: message.text.clone(),
                media,
                ..Content::default()
            };
            self.deliver(from, to, content, NO_ORIGIN).map_err(|e| {
                SeedError::UnknownAccount(format!(
                    "{} -> {}: {}",
                    message.from, message.to, e.message
                ))
            })?;
        }
        Ok(())
    }
}
