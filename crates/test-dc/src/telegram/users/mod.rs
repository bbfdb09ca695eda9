//! `users.getUsers`, `users.getFullUser`, `contacts.resolveUsername`, `contacts.resolvePhone`,
//! and creating accounts (sign-up and seeds); the contact list and blocking are in [`contacts`].

mod contacts;

use std::collections::HashMap;

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, notify_settings, peer};
use crate::telegram::state::{Mailbox, PeerKey, UserRecord};

/// Routes `users.*` and `contacts.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "users.getUsers" => get_users(model, caller, body),
        "users.getFullUser" => get_full_user(model, caller, body),
        "contacts.resolveUsername" => resolve_username(model, caller, body),
        "contacts.resolvePhone" => resolve_phone(model, caller, body),
        _ => return contacts::handle(model, caller, method, body),
    })
}

impl Model {
    /// Creates an account on `dc_id`; returns its id.
    pub(crate) fn create_user(
        &mut self,
        first_name: &str,
        last_name: &str,
        phone: Option<String>,
        bot: bool,
        dc_id: i32,
    ) -> i64 {
        let id = self.next_user_id;
        self.next_user_id += 1;
        if let Some(phone) = &phone {
            self.phones.insert(phone.clone(), id);
        }
        let record = UserRecord {
            id,
            access_hash: self.rng.positive_i64(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            username: None,
            phone,
            bot,
            about: None,
            dc_id,
            password: None,
            fixed_code: None,
            contacts: Vec::new(),
            contact_names: HashMap::new(),
            blocked: Vec::new(),
            mailbox: Mailbox::default(),
        };
        self.users.insert(id, record);
        id
    }
}

fn get_users(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::users::GetUsers = decode(body)?;
    let me = caller.me()?;
    let users: Vec<enums::User> = request
        .id
        .iter()
        .filter_map(|input| model.resolve_user(caller, input).ok())
        .map(|id| model.user_tl(Some(me), id))
        .collect();
    answer(&users)
}

fn get_full_user(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::users::GetFullUser = decode(body)?;
    let me = caller.me()?;
    let id = model.resolve_user(caller, &request.id)?;
    let about = model.user(id)?.about.clone();
    let full = types::UserFull {
        id,
        about,
        settings: enums::PeerSettings::PeerSettings(Box::default()),
        notify_settings: notify_settings(),
        common_chats_count: 0,
        bot_info: model.bot_info_tl(id),
        ..types::UserFull::default()
    };
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(id));
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::users::UserFull::UserFull(Box::new(
        types::users::UserFull {
            full_user: enums::UserFull::UserFull(Box::new(full)),
            chats,
            users,
        },
    )))
}

fn resolve_username(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::ResolveUsername = decode(body)?;
    let me = caller.me()?;
    let name = request
        .username
        .trim_start_matches('@')
        .to_ascii_lowercase();
    if name.is_empty() {
        return Err(RpcError::bad_request("USERNAME_INVALID"));
    }
    let key = *model
        .usernames
        .get(&name)
        .ok_or_else(|| RpcError::bad_request("USERNAME_NOT_OCCUPIED"))?;
    resolved(model, me, key)
}

/// `contacts.resolvePhone`: the account with that phone number (digits compared).
fn resolve_phone(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::ResolvePhone = decode(body)?;
    let me = caller.me()?;
    let phone: String = request.phone.chars().filter(char::is_ascii_digit).collect();
    if phone.is_empty() {
        return Err(RpcError::bad_request("PHONE_NUMBER_INVALID"));
    }
    let id = *model
        .phones
        .get(&phone)
        .ok_or_else(|| RpcError::bad_request("PHONE_NOT_OCCUPIED"))?;
    resolved(model, me, PeerKey::User(id))
}

/// `contacts.resolvedPeer` for `key`, with its user or chat.
fn resolved(model: &Model, me: i64, key: PeerKey) -> Result<Vec<u8>, RpcError> {
    let mut mentions = Mentions::default();
    mentions.add(key);
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::contacts::ResolvedPeer::ResolvedPeer(Box::new(
        types::contacts::ResolvedPeer {
            peer: peer(key),
            chats,
            users,
        },
    )))
}
