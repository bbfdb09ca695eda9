//! Chats: create groups, supergroups and channels, add members, join and leave, rename,
//! ban, restrict and promote.

use pyro_tl_types::api::{enums, functions, types};

use super::common::{Target, target};
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::Chat;

impl Client {
    /// Creates a supergroup with the account as its creator and only member.
    pub async fn create_supergroup(
        &self,
        title: impl Into<String>,
        about: impl Into<String>,
    ) -> Result<Chat, Error> {
        self.create(title.into(), about.into(), false).await
    }

    /// Creates a broadcast channel with the account as its creator.
    pub async fn create_channel(
        &self,
        title: impl Into<String>,
        about: impl Into<String>,
    ) -> Result<Chat, Error> {
        self.create(title.into(), about.into(), true).await
    }

    async fn create(&self, title: String, about: String, broadcast: bool) -> Result<Chat, Error> {
        let request = functions::channels::CreateChannel {
            broadcast,
            megagroup: !broadcast,
            title,
            about,
            ..Default::default()
        };
        chat_in(self.invoke(&request).await?, "channels.createChannel")
    }

    /// Creates a basic group with the account as its creator and `users` as members.
    pub async fn create_group<P: IntoPeerQuery>(
        &self,
        title: impl Into<String>,
        users: impl IntoIterator<Item = P>,
    ) -> Result<Chat, Error> {
        let request = functions::messages::CreateChat {
            users: self.input_users(users).await?,
            title: title.into(),
            ttl_period: None,
        };
        let enums::messages::InvitedUsers::InvitedUsers(invited) = self.invoke(&request).await?;
        chat_in(invited.updates, "messages.createChat")
    }

    async fn input_users<P: IntoPeerQuery>(
        &self,
        users: impl IntoIterator<Item = P>,
    ) -> Result<Vec<enums::InputUser>, Error> {
        let mut input = Vec::new();
        for user in users {
            let peer = self.resolve_peer(user).await?;
            input.push(peer.input_user().ok_or_else(not_a_user)?);
        }
        Ok(input)
    }

    /// Adds users to a basic group, supergroup or channel (they become members at once); how
    /// many were added.
    pub async fn add_chat_members<P: IntoPeerQuery>(
        &self,
        chat: impl IntoPeerQuery,
        users: impl IntoIterator<Item = P>,
    ) -> Result<usize, Error> {
        let at = target(self, chat).await?;
        let input = self.input_users(users).await?;
        if let Some(chat_id) = basic_group(&at) {
            for user_id in &input {
                let request = functions::messages::AddChatUser {
                    chat_id,
                    user_id: user_id.clone(),
                    fwd_limit: FORWARD_LIMIT,
                };
                self.invoke(&request).await?;
            }
            return Ok(input.len());
        }
        let channel = channel_of(&at)?;
        let count = input.len();
        let request = functions::channels::InviteToChannel {
            channel,
            users: input,
        };
        let enums::messages::InvitedUsers::InvitedUsers(invited) = self.invoke(&request).await?;
        Ok(count - invited.missing_invitees.len())
    }

    /// Joins a supergroup or channel the account knows (by `@username`, or an id seen before).
    pub async fn join_chat(&self, chat: impl IntoPeerQuery) -> Result<(), Error> {
        let channel = channel_of(&target(self, chat).await?)?;
        self.invoke(&functions::channels::JoinChannel { channel })
            .await?;
        Ok(())
    }

    /// Leaves a basic group, supergroup or channel.
    pub async fn leave_chat(&self, chat: impl IntoPeerQuery) -> Result<(), Error> {
        let at = target(self, chat).await?;
        if let Some(chat_id) = basic_group(&at) {
            let request = functions::messages::DeleteChatUser {
                revoke_history: false,
                chat_id,
                user_id: enums::InputUser::InputUserSelf,
            };
            self.invoke(&request).await?;
            return Ok(());
        }
        let channel = channel_of(&at)?;
        self.invoke(&functions::channels::LeaveChannel { channel })
            .await?;
        Ok(())
    }

    /// Renames a basic group (any member), supergroup or channel (administrators with the
    /// right to change info).
    pub async fn set_chat_title(
        &self,
        chat: impl IntoPeerQuery,
        title: impl Into<String>,
    ) -> Result<(), Error> {
        let at = target(self, chat).await?;
        if let Some(chat_id) = basic_group(&at) {
            let request = functions::messages::EditChatTitle {
                chat_id,
                title: title.into(),
            };
            self.invoke(&request).await?;
            return Ok(());
        }
        let channel = channel_of(&at)?;
        let request = functions::channels::EditTitle {
            channel,
            title: title.into(),
        };
        self.invoke(&request).await?;
        Ok(())
    }

    /// Bans a user from a supergroup or channel until `until_date` (Unix time; 0: forever):
    /// they are removed and cannot come back through links. In a basic group the user is
    /// removed (basic groups keep no ban list).
    pub async fn ban_chat_member(
        &self,
        chat: impl IntoPeerQuery,
        user: impl IntoPeerQuery,
        until_date: i32,
    ) -> Result<(), Error> {
        let at = target(self, chat).await?;
        if let Some(chat_id) = basic_group(&at) {
            let user_id = self
                .resolve_peer(user)
                .await?
                .input_user()
                .ok_or_else(not_a_user)?;
            let request = functions::messages::DeleteChatUser {
                revoke_history: false,
                chat_id,
                user_id,
            };
            self.invoke(&request).await?;
            return Ok(());
        }
        let rights = types::ChatBannedRights {
            view_messages: true,
            until_date,
            ..Default::default()
        };
        self.restrict_in(&at, user, rights).await
    }

    /// Lifts every ban and restriction of a user in a supergroup (they are not added back).
    pub async fn unban_chat_member(
        &self,
        chat: impl IntoPeerQuery,
        user: impl IntoPeerQuery,
    ) -> Result<(), Error> {
        self.restrict_chat_member(chat, user, types::ChatBannedRights::default())
            .await
    }

    /// Sets what a member of a supergroup may not do (`rights`: each `true` field is a
    /// denied right, until `until_date`; all `false` lifts the restrictions).
    pub async fn restrict_chat_member(
        &self,
        chat: impl IntoPeerQuery,
        user: impl IntoPeerQuery,
        rights: types::ChatBannedRights,
    ) -> Result<(), Error> {
        let at = target(self, chat).await?;
        self.restrict_in(&at, user, rights).await
    }

    async fn restrict_in(
        &self,
        at: &Target,
        user: impl IntoPeerQuery,
        rights: types::ChatBannedRights,
    ) -> Result<(), Error> {
        let channel = channel_of(at)?;
        let participant = self.resolve_peer(user).await?.input_peer();
        let request = functions::channels::EditBanned {
            channel,
            participant,
            banned_rights: enums::ChatBannedRights::ChatBannedRights(rights),
        };
        self.invoke(&request).await?;
        Ok(())
    }

    /// Makes a member an administrator with `rights` (all `false` demotes them) and an
    /// optional custom title.
    pub async fn promote_chat_member(
        &self,
        chat: impl IntoPeerQuery,
        user: impl IntoPeerQuery,
        rights: types::ChatAdminRights,
        rank: Option<String>,
    ) -> Result<(), Error> {
        let channel = channel_of(&target(self, chat).await?)?;
        let user_id = self
            .resolve_peer(user)
            .await?
            .input_user()
            .ok_or_else(not_a_user)?;
        let request = functions::channels::EditAdmin {
            channel,
            user_id,
            admin_rights: enums::ChatAdminRights::ChatAdminRights(rights),
            rank,
        };
        self.invoke(&request).await?;
        Ok(())
    }
}

/// How many recent messages a user added to a basic group may see (Telegram's maximum).
const FORWARD_LIMIT: i32 = 100;

/// The chat an answer that created it carries.
fn chat_in(answer: enums::Updates, method: &str) -> Result<Chat, Error> {
    let chats = match answer {
        enums::Updates::Updates(u) => u.chats,
        enums::Updates::Combined(u) => u.chats,
        _ => Vec::new(),
    };
    chats
        .into_iter()
        .map(Chat::from_raw_chat)
        .find(Chat::is_resolved)
        .ok_or_else(|| Error::Config(format!("{method} answered without the chat")))
}

/// The id of a target that is a basic group.
fn basic_group(at: &Target) -> Option<i64> {
    match at.input_peer() {
        enums::InputPeer::Chat(chat) => Some(chat.chat_id),
        _ => None,
    }
}

/// The channel of a target, or the caller's error of naming another kind of chat.
fn channel_of(at: &Target) -> Result<enums::InputChannel, Error> {
    at.peer.input_channel().ok_or_else(|| {
        Error::Config(format!(
            "{:?} is not a supergroup or channel; this method needs one",
            at.peer.id
        ))
    })
}

fn not_a_user() -> Error {
    Error::Config("a user was expected, not a group or channel".into())
}
