//! Contacts, as Pyrogram groups them: importing by phone number, adding and deleting
//! contacts, the contact list, and blocking users.

use pyro_tl_types::api::{enums, functions, types};

use super::common::{peer_map, target};
use super::paged::{Page, PageFuture, Paged};
use super::users::input_user;
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::{Chat, PeerId, User};

/// Blocked peers asked per page of [`Client::get_blocked`] (Telegram's cap).
const BLOCKED_PAGE: i32 = 100;

/// A phone-book entry for [`Client::import_contacts`]: the number in international format
/// and the name to save it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputContact {
    phone: String,
    first_name: String,
    last_name: String,
}

impl InputContact {
    /// An entry for `phone` (digits, `+`, spaces and dashes are all accepted by Telegram)
    /// saved as `first_name`.
    pub fn new(phone: impl Into<String>, first_name: impl Into<String>) -> Self {
        Self {
            phone: phone.into(),
            first_name: first_name.into(),
            last_name: String::new(),
        }
    }

    /// Sets the last name (empty by default).
    #[must_use]
    pub fn last_name(mut self, last_name: impl Into<String>) -> Self {
        self.last_name = last_name.into();
        self
    }

    /// The raw `inputPhoneContact`, numbered `client_id`.
    fn to_raw(&self, client_id: i64) -> enums::InputContact {
        enums::InputContact::InputPhoneContact(Box::new(types::InputPhoneContact {
            client_id,
            phone: self.phone.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            note: None,
        }))
    }
}

impl Client {
    /// Imports phone-book entries: each number with a Telegram account becomes a contact under
    /// the given name. The answer lines up with `contacts`: the user of each entry, or `None`
    /// for a number without an account (or one Telegram did not import).
    pub async fn import_contacts(
        &self,
        contacts: Vec<InputContact>,
    ) -> Result<Vec<Option<User>>, Error> {
        let raw = (0_i64..).zip(&contacts).map(|(i, c)| c.to_raw(i)).collect();
        let enums::contacts::ImportedContacts::ImportedContacts(answer) = self
            .invoke(&functions::contacts::ImportContacts { contacts: raw })
            .await?;
        let peers = peer_map(self, &answer.users, &[]);
        let mut users = vec![None; contacts.len()];
        for enums::ImportedContact::ImportedContact(found) in &answer.imported {
            if let Some(slot) = usize::try_from(found.client_id)
                .ok()
                .and_then(|i| users.get_mut(i))
            {
                *slot = Some(peers.user(found.user_id));
            }
        }
        Ok(users)
    }

    /// Adds a known user (anything [`Client::resolve_peer`] accepts) as a contact under
    /// `first_name` / `last_name` (`""` for none); the user as the account now sees them.
    pub async fn add_contact(
        &self,
        user: impl IntoPeerQuery,
        first_name: &str,
        last_name: &str,
    ) -> Result<User, Error> {
        let id = input_user(self, user).await?;
        let user_id = match &id {
            enums::InputUser::InputUser(u) => Some(u.user_id),
            _ => None,
        };
        let answer = self
            .invoke(&functions::contacts::AddContact {
                add_phone_privacy_exception: false,
                id,
                first_name: first_name.to_owned(),
                last_name: last_name.to_owned(),
                phone: String::new(),
                note: None,
            })
            .await?;
        let users = match answer {
            enums::Updates::Updates(u) => u.users,
            enums::Updates::Combined(u) => u.users,
            _ => Vec::new(),
        };
        let peers = peer_map(self, &users, &[]);
        let found = user_id
            .and_then(|id| peers.get_user(id).cloned())
            .or_else(|| peers.users().next().cloned());
        found.ok_or_else(|| Error::Config("contacts.addContact answered without the user".into()))
    }

    /// Removes users from the contact list (users that were not contacts are ignored).
    pub async fn delete_contacts<P: IntoPeerQuery>(
        &self,
        users: impl IntoIterator<Item = P>,
    ) -> Result<(), Error> {
        let mut id = Vec::new();
        for user in users {
            id.push(input_user(self, user).await?);
        }
        self.invoke(&functions::contacts::DeleteContacts { id })
            .await?;
        Ok(())
    }

    /// The account's contacts, under the names the account saved them as.
    pub async fn get_contacts(&self) -> Result<Vec<User>, Error> {
        match self
            .invoke(&functions::contacts::GetContacts { hash: 0 })
            .await?
        {
            enums::contacts::Contacts::Contacts(c) => {
                Ok(c.users.into_iter().map(User::from_raw).collect())
            }
            enums::contacts::Contacts::NotModified => Ok(Vec::new()),
        }
    }

    /// How many contacts the account has.
    pub async fn get_contacts_count(&self) -> Result<usize, Error> {
        match self
            .invoke(&functions::contacts::GetContacts { hash: 0 })
            .await?
        {
            enums::contacts::Contacts::Contacts(c) => Ok(c.contacts.len()),
            enums::contacts::Contacts::NotModified => Ok(0),
        }
    }

    /// Blocks a user (or a chat, which then cannot see the account's stories): a blocked
    /// user's private messages are refused with `USER_IS_BLOCKED`. `true` if it was not
    /// blocked yet.
    pub async fn block_user(&self, user: impl IntoPeerQuery) -> Result<bool, Error> {
        let id = target(self, user).await?.input_peer();
        self.invoke(&functions::contacts::Block {
            my_stories_from: false,
            id,
        })
        .await
    }

    /// Unblocks a user or chat; `true` if it was blocked.
    pub async fn unblock_user(&self, user: impl IntoPeerQuery) -> Result<bool, Error> {
        let id = target(self, user).await?.input_peer();
        self.invoke(&functions::contacts::Unblock {
            my_stories_from: false,
            id,
        })
        .await
    }

    /// Everyone the account blocked, most recently blocked first, as private chats (or the
    /// groups and channels blocked), 100 a page as the stream is read.
    pub fn get_blocked(&self) -> Paged<Chat> {
        Paged::new(blocked_page(self.clone(), 0))
    }
}

/// The page of blocked peers from `offset`.
fn blocked_page(client: Client, offset: i32) -> PageFuture<Chat> {
    Box::pin(async move {
        let answer = client
            .invoke(&functions::contacts::GetBlocked {
                my_stories_from: false,
                offset,
                limit: BLOCKED_PAGE,
            })
            .await?;
        let (blocked, users, chats, count) = match answer {
            enums::contacts::Blocked::Blocked(b) => (b.blocked, b.users, b.chats, None),
            enums::contacts::Blocked::Slice(b) => (b.blocked, b.users, b.chats, Some(b.count)),
        };
        let peers = peer_map(&client, &users, &chats);
        let got = i32::try_from(blocked.len()).unwrap_or(i32::MAX);
        let items = blocked
            .iter()
            .map(|enums::PeerBlocked::PeerBlocked(b)| peers.chat(PeerId::from_raw(&b.peer_id)))
            .collect();
        let after = offset.saturating_add(got);
        let next = count
            .filter(|total| got > 0 && after < *total)
            .map(|_| blocked_page(client, after));
        Ok(Page { items, next })
    })
}
