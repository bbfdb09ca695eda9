//! The contact list and blocking: `contacts.importContacts`, `contacts.addContact`,
//! `contacts.deleteContacts`, `contacts.getContacts` (with its caching hash),
//! `contacts.block`, `contacts.unblock` and `contacts.getBlocked`; and the send check a block
//! makes (Telegram's `USER_IS_BLOCKED` / `YOU_BLOCKED_USER`).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::PeerKey;

/// The most `contacts.getBlocked` returns at once.
const BLOCKED_LIMIT_MAX: usize = 100;

/// Routes the `contacts.*` methods of this module.
pub(super) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "contacts.getContacts" => get_contacts(model, caller, body),
        "contacts.importContacts" => import_contacts(model, caller, body),
        "contacts.addContact" => add_contact(model, caller, body),
        "contacts.deleteContacts" => delete_contacts(model, caller, body),
        "contacts.block" => set_blocked(model, caller, body, true),
        "contacts.unblock" => set_blocked(model, caller, body, false),
        "contacts.getBlocked" => get_blocked(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// Refuses a private message from `from` to `to` when either blocked the other:
    /// `YOU_BLOCKED_USER` when the sender did, `USER_IS_BLOCKED` when the receiver did.
    pub(crate) fn check_not_blocked(&self, from: i64, to: i64) -> Result<(), RpcError> {
        let blocks = |who: i64, whom: i64| {
            self.users
                .get(&who)
                .is_some_and(|u| u.blocked.iter().any(|(p, _)| *p == PeerKey::User(whom)))
        };
        if from == to {
            return Ok(());
        }
        if blocks(from, to) {
            return Err(RpcError::bad_request("YOU_BLOCKED_USER"));
        }
        if blocks(to, from) {
            return Err(RpcError::bad_request("USER_IS_BLOCKED"));
        }
        Ok(())
    }

    /// Makes `user` a contact of `me` under the given name.
    fn save_contact(&mut self, me: i64, user: i64, first_name: &str, last_name: &str) {
        if let Some(record) = self.users.get_mut(&me) {
            if !record.contacts.contains(&user) {
                record.contacts.push(user);
            }
            record
                .contact_names
                .insert(user, (first_name.to_owned(), last_name.to_owned()));
        }
    }
}

/// Telegram's caching hash over `ids` (core.telegram.org/api/offsets, "Hash generation").
fn vector_hash(ids: impl IntoIterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    for id in ids {
        #[allow(clippy::cast_sign_loss)]
        let id = id as u64;
        hash ^= id >> 21;
        hash ^= id << 35;
        hash ^= hash >> 4;
        hash = hash.wrapping_add(id);
    }
    #[allow(clippy::cast_possible_wrap)]
    let hash = hash as i64;
    hash
}

/// `contacts.getContacts`: the list, or `contactsNotModified` when `hash` is the hash of
/// `saved_count` (always 0 here) followed by the sorted contact ids.
fn get_contacts(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::GetContacts = decode(body)?;
    let me = caller.me()?;
    let record = model.user(me)?;
    let mut sorted = record.contacts.clone();
    sorted.sort_unstable();
    if request.hash != 0 && request.hash == vector_hash(std::iter::once(0).chain(sorted)) {
        return answer(&enums::contacts::Contacts::NotModified);
    }
    let mut mentions = Mentions::default();
    let contacts = record
        .contacts
        .iter()
        .map(|id| {
            mentions.add(PeerKey::User(*id));
            let mutual = model
                .users
                .get(id)
                .is_some_and(|u| u.contacts.contains(&me));
            enums::Contact::Contact(types::Contact {
                user_id: *id,
                mutual,
            })
        })
        .collect();
    let (users, _) = model.mentioned(Some(me), &mentions);
    answer(&enums::contacts::Contacts::Contacts(Box::new(
        types::contacts::Contacts {
            contacts,
            saved_count: 0,
            users,
        },
    )))
}

/// `contacts.importContacts`: every phone number with an account becomes a contact under the
/// given name; numbers without one are left out, as Telegram does (`retry_contacts` is for
/// imports Telegram postpones, which never happens here).
fn import_contacts(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::ImportContacts = decode(body)?;
    let me = caller.me()?;
    let mut imported = Vec::new();
    let mut mentions = Mentions::default();
    for enums::InputContact::InputPhoneContact(contact) in &request.contacts {
        let phone: String = contact.phone.chars().filter(char::is_ascii_digit).collect();
        let Some(&user) = model.phones.get(&phone) else {
            continue;
        };
        model.save_contact(me, user, &contact.first_name, &contact.last_name);
        mentions.add(PeerKey::User(user));
        imported.push(enums::ImportedContact::ImportedContact(
            types::ImportedContact {
                user_id: user,
                client_id: contact.client_id,
            },
        ));
    }
    let (users, _) = model.mentioned(Some(me), &mentions);
    answer(&enums::contacts::ImportedContacts::ImportedContacts(
        Box::new(types::contacts::ImportedContacts {
            imported,
            popular_invites: Vec::new(),
            retry_contacts: Vec::new(),
            users,
        }),
    ))
}

/// `contacts.addContact`: a known user becomes a contact under the given name (the phone
/// privacy exception is accepted; this server has no phone privacy to except from).
fn add_contact(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::AddContact = decode(body)?;
    let me = caller.me()?;
    let user = model.resolve_user(caller, &request.id)?;
    if user == me || model.user(user)?.bot {
        return Err(RpcError::bad_request("CONTACT_ID_INVALID"));
    }
    if request.first_name.trim().is_empty() {
        return Err(RpcError::bad_request("FIRSTNAME_INVALID"));
    }
    model.save_contact(me, user, &request.first_name, &request.last_name);
    contact_updates(model, me, &[user])
}

/// `contacts.deleteContacts`: the users stop being contacts (those that were not are ignored).
fn delete_contacts(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::DeleteContacts = decode(body)?;
    let me = caller.me()?;
    let mut removed = Vec::new();
    for input in &request.id {
        let user = model.resolve_user(caller, input)?;
        let record = model.user_mut(me)?;
        if record.contacts.contains(&user) {
            record.contacts.retain(|c| *c != user);
            record.contact_names.remove(&user);
            removed.push(user);
        }
    }
    contact_updates(model, me, &removed)
}

/// The `Updates` answering a contact change: `updatePeerSettings` of each user, with the users
/// as `me` now sees them.
fn contact_updates(model: &Model, me: i64, users: &[i64]) -> Result<Vec<u8>, RpcError> {
    let mut mentions = Mentions::default();
    let updates = users
        .iter()
        .map(|user| {
            mentions.add(PeerKey::User(*user));
            enums::Update::PeerSettings(Box::new(types::UpdatePeerSettings {
                peer: peer(PeerKey::User(*user)),
                settings: enums::PeerSettings::PeerSettings(Box::default()),
            }))
        })
        .collect();
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::Updates::Updates(Box::new(types::Updates {
        updates,
        users,
        chats,
        date: model.now(),
        seq: 0,
    })))
}

/// `contacts.block` / `contacts.unblock`: `true` when the list changed, with
/// `updatePeerBlocked` pushed to the account's other sessions.
fn set_blocked(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
    block: bool,
) -> Result<Vec<u8>, RpcError> {
    // Both requests have the same fields; `contacts.unblock` is read as what it is.
    let id = if block {
        decode::<functions::contacts::Block>(body)?.id
    } else {
        decode::<functions::contacts::Unblock>(body)?.id
    };
    let me = caller.me()?;
    let target = model.resolve_peer(caller, &id)?;
    if target == PeerKey::User(me) {
        return Err(RpcError::bad_request("CONTACT_ID_INVALID"));
    }
    let date = model.now();
    let record = model.user_mut(me)?;
    let present = record.blocked.iter().any(|(p, _)| *p == target);
    let changed = present != block;
    if block && !present {
        record.blocked.push((target, date));
    } else if !block {
        record.blocked.retain(|(p, _)| *p != target);
    }
    if changed {
        let update = model.update_short(enums::Update::PeerBlocked(Box::new(
            types::UpdatePeerBlocked {
                blocked: block,
                blocked_my_stories_from: false,
                peer_id: peer(target),
            },
        )));
        model.push(me, &update, Some(caller.auth_key_id));
    }
    answer(&changed)
}

/// `contacts.getBlocked`: the blocked peers, newest first, from `offset`; a slice with the
/// total count when that is not all of them.
fn get_blocked(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::contacts::GetBlocked = decode(body)?;
    let me = caller.me()?;
    let offset =
        usize::try_from(request.offset).map_err(|_| RpcError::bad_request("OFFSET_INVALID"))?;
    let limit = usize::try_from(request.limit)
        .map_err(|_| RpcError::bad_request("LIMIT_INVALID"))?
        .min(BLOCKED_LIMIT_MAX);
    let all = &model.user(me)?.blocked;
    let mut mentions = Mentions::default();
    let blocked: Vec<enums::PeerBlocked> = all
        .iter()
        .rev()
        .skip(offset)
        .take(limit)
        .map(|(key, date)| {
            mentions.add(*key);
            enums::PeerBlocked::PeerBlocked(Box::new(types::PeerBlocked {
                peer_id: peer(*key),
                date: *date,
            }))
        })
        .collect();
    let (users, chats) = model.mentioned(Some(me), &mentions);
    let count = all.len();
    if offset == 0 && blocked.len() == count {
        return answer(&enums::contacts::Blocked::Blocked(Box::new(
            types::contacts::Blocked {
                blocked,
                chats,
                users,
            },
        )));
    }
    answer(&enums::contacts::Blocked::Slice(Box::new(
        types::contacts::BlockedSlice {
            count: i32::try_from(count).unwrap_or(i32::MAX),
            blocked,
            chats,
            users,
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::vector_hash;

    #[test]
    fn vector_hash_follows_the_documented_steps() {
        assert_eq!(vector_hash([]), 0);
        // One id: (id >> 21) ^ (id << 35), then ^= itself >> 4, then + id.
        let id: u64 = 0x1234_5678;
        let mut h = (id >> 21) ^ (id << 35);
        h ^= h >> 4;
        h = h.wrapping_add(id);
        assert_eq!(vector_hash([0x1234_5678]), h as i64);
        assert_ne!(vector_hash([0, 1, 2]), vector_hash([0, 2, 1]));
    }
}
