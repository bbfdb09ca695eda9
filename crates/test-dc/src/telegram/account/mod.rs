//! `account.updateStatus`: an account says it is online or offline; its contacts' sessions get
//! `updateUserStatus`, and every `User` object of it carries the status from then on (online
//! lapses to offline when its expiry passes, as a client that stops reporting does).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};

/// Seconds an "online" report lasts (Telegram's `online_cloud_timeout_ms`, 300 000 ms, in
/// `help.getConfig`).
const ONLINE_FOR: i32 = 300;

/// The last status an account reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Online until `expires`.
    Online { expires: i32 },
    /// Offline since `was_online`.
    Offline { was_online: i32 },
}

/// Routes the `account.*` methods of this folder.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "account.updateStatus" => update_status(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// The `UserStatus` of a person: what it last reported; offline "now" if it never did.
    pub(crate) fn status_tl(&self, id: i64) -> enums::UserStatus {
        let now = self.now();
        match self.statuses.get(&id) {
            Some(Status::Online { expires }) if *expires > now => {
                enums::UserStatus::Online(types::UserStatusOnline { expires: *expires })
            }
            Some(Status::Online { expires }) => {
                enums::UserStatus::Offline(types::UserStatusOffline {
                    was_online: *expires,
                })
            }
            Some(Status::Offline { was_online }) => {
                enums::UserStatus::Offline(types::UserStatusOffline {
                    was_online: *was_online,
                })
            }
            None => enums::UserStatus::Offline(types::UserStatusOffline { was_online: now }),
        }
    }
}

fn update_status(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::account::UpdateStatus = decode(body)?;
    let me = caller.me()?;
    if model.user(me)?.bot {
        return Err(RpcError::bad_request("BOT_METHOD_INVALID"));
    }
    let now = model.now();
    let status = if request.offline {
        Status::Offline { was_online: now }
    } else {
        Status::Online {
            expires: now.saturating_add(ONLINE_FOR),
        }
    };
    model.statuses.insert(me, status);
    let status = types::UpdateUserStatus {
        user_id: me,
        status: model.status_tl(me),
    };
    let update = model.update_short(enums::Update::UserStatus(Box::new(status)));
    let contacts = model.user(me)?.contacts.clone();
    for contact in contacts.into_iter().filter(|c| *c != me) {
        model.push(contact, &update, None);
    }
    answer(&true)
}
