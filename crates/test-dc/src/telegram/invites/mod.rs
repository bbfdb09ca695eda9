//! Invite links of basic groups and channels: `messages.exportChatInvite`,
//! `checkChatInvite`, `importChatInvite`, `getExportedChatInvites` and
//! `editExportedChatInvite` (revoking, with a fresh permanent link replacing a revoked one).
//! Links expire by date or usage limit (`INVITE_HASH_EXPIRED`); making and listing them takes
//! `invite_users`.

mod join;

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::chats::records::{InviteRecord, Right};
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::PeerKey;

/// How links start; the hash follows.
const LINK_PREFIX: &str = "https://t.me/+";
/// Characters of a generated hash (Telegram's are 16 URL-safe base64 characters).
const HASH_LEN: usize = 16;
/// The URL-safe base64 alphabet the hashes are drawn from.
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Telegram's bounds on `usage_limit`.
const USAGE_LIMIT_MAX: i32 = 99_999;
/// Most links one `getExportedChatInvites` page returns.
const PAGE_MAX: i32 = 100;

/// Routes the invite-link methods of `messages.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "messages.exportChatInvite" => export(model, caller, body),
        "messages.getExportedChatInvites" => list(model, caller, body),
        "messages.editExportedChatInvite" => edit(model, caller, body),
        "messages.checkChatInvite" => join::check(model, caller, body),
        "messages.importChatInvite" => join::import(model, caller, body),
        _ => return None,
    })
}

/// The hash of a link given as `https://t.me/+HASH`, `t.me/joinchat/HASH` or the bare hash.
pub(crate) fn hash_of(link: &str) -> &str {
    link.rsplit_once('/')
        .map_or(link, |(_, tail)| tail)
        .trim_start_matches('+')
}

impl Model {
    /// The link with this hash (`INVITE_HASH_INVALID` otherwise).
    pub(super) fn invite(&self, link: &str) -> Result<&InviteRecord, RpcError> {
        self.invites
            .get(hash_of(link))
            .ok_or_else(|| RpcError::bad_request("INVITE_HASH_INVALID"))
    }

    /// A basic group or channel the caller administers with `invite_users`.
    fn invite_admin_of(
        &self,
        caller: &Caller,
        input: &enums::InputPeer,
    ) -> Result<(i64, PeerKey), RpcError> {
        let me = caller.me()?;
        let chat = self.resolve_peer(caller, input)?;
        self.require_right(me, chat, Right::InviteUsers)?;
        Ok((me, chat))
    }

    /// Makes a new link of `chat` for `admin`.
    fn new_invite(&mut self, admin: i64, chat: PeerKey, permanent: bool) -> InviteRecord {
        let hash: String = loop {
            let candidate: String = (0..HASH_LEN)
                .map(|_| {
                    let index = self.rng.below(ALPHABET.len() as u64) as usize;
                    char::from(ALPHABET.get(index).copied().unwrap_or(b'A'))
                })
                .collect();
            if !self.invites.contains_key(&candidate) {
                break candidate;
            }
        };
        InviteRecord {
            link: format!("{LINK_PREFIX}{hash}"),
            peer: chat,
            admin_id: admin,
            date: self.now(),
            expire_date: None,
            usage_limit: None,
            usage: 0,
            revoked: false,
            permanent,
            title: None,
        }
    }
}

/// Checks `expire_date` (in the future) and `usage_limit` (1..=99 999).
fn check_limits(
    now: i32,
    expire_date: Option<i32>,
    usage_limit: Option<i32>,
) -> Result<(), RpcError> {
    if expire_date.is_some_and(|at| at != 0 && at <= now) {
        return Err(RpcError::bad_request("EXPIRE_DATE_INVALID"));
    }
    if usage_limit.is_some_and(|n| n != 0 && !(1..=USAGE_LIMIT_MAX).contains(&n)) {
        return Err(RpcError::bad_request("USAGE_LIMIT_INVALID"));
    }
    Ok(())
}

/// A new link; `legacy_revoke_permanent` revokes the admin's permanent link and makes this one
/// the permanent one.
fn export(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::ExportChatInvite = decode(body)?;
    let (me, chat) = model.invite_admin_of(caller, &request.peer)?;
    check_limits(model.now(), request.expire_date, request.usage_limit)?;
    if request.legacy_revoke_permanent {
        for invite in model.invites.values_mut() {
            if invite.peer == chat && invite.admin_id == me && invite.permanent {
                invite.revoked = true;
            }
        }
    }
    let mut invite = model.new_invite(me, chat, request.legacy_revoke_permanent);
    invite.expire_date = request.expire_date.filter(|&at| at != 0);
    invite.usage_limit = request.usage_limit.filter(|&n| n != 0);
    invite.title = request.title.filter(|t| !t.is_empty());
    let exported = invite.tl();
    model
        .invites
        .insert(hash_of(&invite.link).to_owned(), invite);
    answer(&exported)
}

/// One admin's links, active or revoked, newest first, paged by (`offset_date`, `offset_link`).
fn list(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetExportedChatInvites = decode(body)?;
    let (me, chat) = model.invite_admin_of(caller, &request.peer)?;
    let admin = model.resolve_user(caller, &request.admin_id)?;
    let mut links: Vec<&InviteRecord> = model
        .invites
        .values()
        .filter(|i| i.peer == chat && i.admin_id == admin && i.revoked == request.revoked)
        .collect();
    links.sort_by(|a, b| (b.date, &b.link).cmp(&(a.date, &a.link)));
    let count = links.len() as i32;
    let after = |i: &&InviteRecord| match (request.offset_date, &request.offset_link) {
        (Some(date), Some(link)) => (i.date, &i.link) < (date, link),
        _ => true,
    };
    let limit = request.limit.clamp(0, PAGE_MAX) as usize;
    let invites = links
        .into_iter()
        .filter(after)
        .take(limit)
        .map(InviteRecord::tl)
        .collect();
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(admin));
    let (users, _) = model.mentioned(Some(me), &mentions);
    answer(&enums::messages::ExportedChatInvites::ExportedChatInvites(
        Box::new(types::messages::ExportedChatInvites {
            count,
            invites,
            users,
        }),
    ))
}

/// Changes a link's limits and title, or revokes it (a revoked permanent link is replaced
/// by a new one). The link's admin or the chat's creator may; a revoked link stays revoked
/// (`INVITE_HASH_EXPIRED`).
fn edit(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::EditExportedChatInvite = decode(body)?;
    let (me, chat) = model.invite_admin_of(caller, &request.peer)?;
    let creator = match chat {
        PeerKey::Channel(id) => model.channel(id)?.creator,
        PeerKey::Chat(id) => model.chat(id)?.creator,
        PeerKey::User(id) => id,
    };
    let invite = model.invite(&request.link)?;
    if invite.peer != chat {
        return Err(RpcError::bad_request("INVITE_HASH_INVALID"));
    }
    if invite.admin_id != me && creator != me {
        return Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED"));
    }
    if invite.revoked {
        return Err(RpcError::bad_request("INVITE_HASH_EXPIRED"));
    }
    check_limits(model.now(), request.expire_date, request.usage_limit)?;
    let (admin, permanent) = (invite.admin_id, invite.permanent);
    let hash = hash_of(&request.link).to_owned();
    let replacement = (request.revoked && permanent).then(|| model.new_invite(admin, chat, true));
    let invite = model
        .invites
        .get_mut(&hash)
        .ok_or_else(|| RpcError::bad_request("INVITE_HASH_INVALID"))?;
    if request.revoked {
        invite.revoked = true;
    }
    if let Some(at) = request.expire_date {
        invite.expire_date = (at != 0).then_some(at);
    }
    if let Some(n) = request.usage_limit {
        invite.usage_limit = (n != 0).then_some(n);
    }
    if let Some(title) = request.title {
        invite.title = (!title.is_empty()).then_some(title);
    }
    let edited = invite.tl();
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(admin));
    let (users, _) = model.mentioned(Some(me), &mentions);
    let Some(new) = replacement else {
        return answer(&enums::messages::ExportedChatInvite::ExportedChatInvite(
            Box::new(types::messages::ExportedChatInvite {
                invite: edited,
                users,
            }),
        ));
    };
    let new_invite = new.tl();
    model.invites.insert(hash_of(&new.link).to_owned(), new);
    answer(&enums::messages::ExportedChatInvite::Replaced(Box::new(
        types::messages::ExportedChatInviteReplaced {
            invite: edited,
            new_invite,
            users,
        },
    )))
}
