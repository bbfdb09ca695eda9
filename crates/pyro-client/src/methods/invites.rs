//! Invite links: make them (with an expiry date, a usage limit, a title), list, revoke, look
//! at one and join through one.

use pyro_tl_types::api::{enums, functions, types};

use super::common::target;
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;

/// Limits of a new invite link (see [`Client::create_chat_invite_link_with`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InviteLinkOptions {
    /// When the link stops working (Unix time).
    pub expire_date: Option<i32>,
    /// How many people may join through it (1 to 99 999).
    pub usage_limit: Option<i32>,
    /// A name the admins see.
    pub title: Option<String>,
}

/// The hash of a link given as `https://t.me/+HASH`, `t.me/joinchat/HASH` or the bare hash.
fn hash_of(link: &str) -> &str {
    link.rsplit_once('/')
        .map_or(link, |(_, tail)| tail)
        .trim_start_matches('+')
}

/// The link of an exported invite, or the caller's error of a chat taking join requests.
fn exported(invite: enums::ExportedChatInvite) -> Result<types::ChatInviteExported, Error> {
    match invite {
        enums::ExportedChatInvite::ChatInviteExported(invite) => Ok(*invite),
        enums::ExportedChatInvite::ChatInvitePublicJoinRequests => Err(Error::Config(
            "the chat takes join requests instead of invite links".into(),
        )),
    }
}

impl Client {
    /// A new invite link of a chat (`https://t.me/+...`), without limits.
    pub async fn create_chat_invite_link(&self, chat: impl IntoPeerQuery) -> Result<String, Error> {
        let invite = self
            .create_chat_invite_link_with(chat, InviteLinkOptions::default())
            .await?;
        Ok(invite.link)
    }

    /// A new invite link with the limits of `options` (admins with `invite_users`).
    pub async fn create_chat_invite_link_with(
        &self,
        chat: impl IntoPeerQuery,
        options: InviteLinkOptions,
    ) -> Result<types::ChatInviteExported, Error> {
        let peer = target(self, chat).await?.input_peer();
        let request = functions::messages::ExportChatInvite {
            peer,
            expire_date: options.expire_date,
            usage_limit: options.usage_limit,
            title: options.title,
            ..Default::default()
        };
        exported(self.invoke(&request).await?)
    }

    /// The account's invite links of a chat: the working ones, or (`revoked`) the revoked
    /// ones; at most 100, newest first.
    pub async fn get_chat_invite_links(
        &self,
        chat: impl IntoPeerQuery,
        revoked: bool,
    ) -> Result<Vec<types::ChatInviteExported>, Error> {
        let peer = target(self, chat).await?.input_peer();
        let request = functions::messages::GetExportedChatInvites {
            revoked,
            peer,
            admin_id: enums::InputUser::InputUserSelf,
            limit: 100,
            ..Default::default()
        };
        let enums::messages::ExportedChatInvites::ExportedChatInvites(page) =
            self.invoke(&request).await?;
        page.invites.into_iter().map(exported).collect()
    }

    /// Revokes an invite link: nobody joins through it any more. The revoked link (a revoked
    /// permanent link is replaced by a new one, which [`Client::get_chat_invite_links`]
    /// lists).
    pub async fn revoke_chat_invite_link(
        &self,
        chat: impl IntoPeerQuery,
        link: &str,
    ) -> Result<types::ChatInviteExported, Error> {
        let peer = target(self, chat).await?.input_peer();
        let request = functions::messages::EditExportedChatInvite {
            revoked: true,
            peer,
            link: link.to_owned(),
            ..Default::default()
        };
        let invite = match self.invoke(&request).await? {
            enums::messages::ExportedChatInvite::ExportedChatInvite(e) => e.invite,
            enums::messages::ExportedChatInvite::Replaced(r) => r.invite,
        };
        exported(invite)
    }

    /// What an invite link leads to, without joining: `chatInvite` (title, member count...)
    /// or `chatInviteAlready` for a chat the account is in. Spent, expired and revoked links
    /// fail with `INVITE_HASH_EXPIRED`.
    pub async fn check_chat_invite_link(&self, link: &str) -> Result<enums::ChatInvite, Error> {
        let request = functions::messages::CheckChatInvite {
            hash: hash_of(link).to_owned(),
        };
        self.invoke(&request).await
    }

    /// Joins a chat through an invite link (`https://t.me/+HASH`, `t.me/joinchat/HASH` or the
    /// bare hash).
    pub async fn join_chat_by_link(&self, link: &str) -> Result<(), Error> {
        let request = functions::messages::ImportChatInvite {
            hash: hash_of(link).to_owned(),
        };
        self.invoke(&request).await?;
        Ok(())
    }
}
