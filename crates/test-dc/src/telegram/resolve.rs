//! Input peers to records: `inputPeerSelf`, `inputUser`, `inputChannel`... with their access
//! hashes checked, as Telegram checks them.

use pyro_tl_types::api::enums;

use crate::error::RpcError;
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::PeerKey;

impl Model {
    /// The user an `InputUser` names (`USER_ID_INVALID` if it names none or the hash is wrong).
    pub(crate) fn resolve_user(
        &self,
        caller: &Caller,
        input: &enums::InputUser,
    ) -> Result<i64, RpcError> {
        match input {
            enums::InputUser::InputUserSelf => caller.me(),
            enums::InputUser::InputUser(user) => self.check_user(user.user_id, user.access_hash),
            enums::InputUser::FromMessage(from) => self.user(from.user_id).map(|u| u.id),
            enums::InputUser::Empty => Err(RpcError::bad_request("USER_ID_INVALID")),
        }
    }

    fn check_user(&self, id: i64, access_hash: i64) -> Result<i64, RpcError> {
        match self.users.get(&id) {
            Some(user) if user.access_hash == access_hash => Ok(id),
            _ => Err(RpcError::bad_request("USER_ID_INVALID")),
        }
    }

    /// The channel an `InputChannel` names (`CHANNEL_INVALID` otherwise).
    pub(crate) fn resolve_channel(&self, input: &enums::InputChannel) -> Result<i64, RpcError> {
        match input {
            enums::InputChannel::InputChannel(channel) => {
                self.check_channel(channel.channel_id, channel.access_hash)
            }
            enums::InputChannel::FromMessage(from) => self.channel(from.channel_id).map(|c| c.id),
            enums::InputChannel::Empty => Err(RpcError::bad_request("CHANNEL_INVALID")),
        }
    }

    fn check_channel(&self, id: i64, access_hash: i64) -> Result<i64, RpcError> {
        match self.channels.get(&id) {
            Some(channel) if channel.access_hash == access_hash => Ok(id),
            _ => Err(RpcError::bad_request("CHANNEL_INVALID")),
        }
    }

    /// The chat an `InputPeer` names (`PEER_ID_INVALID` otherwise).
    pub(crate) fn resolve_peer(
        &self,
        caller: &Caller,
        input: &enums::InputPeer,
    ) -> Result<PeerKey, RpcError> {
        let invalid = || RpcError::bad_request("PEER_ID_INVALID");
        match input {
            enums::InputPeer::InputPeerSelf => caller.me().map(PeerKey::User),
            enums::InputPeer::User(user) => self
                .check_user(user.user_id, user.access_hash)
                .map(PeerKey::User)
                .map_err(|_| invalid()),
            enums::InputPeer::Channel(channel) => self
                .check_channel(channel.channel_id, channel.access_hash)
                .map(PeerKey::Channel)
                .map_err(|_| invalid()),
            enums::InputPeer::UserFromMessage(from) => match self.users.get(&from.user_id) {
                Some(_) => Ok(PeerKey::User(from.user_id)),
                None => Err(invalid()),
            },
            enums::InputPeer::ChannelFromMessage(from) => match self.channels.get(&from.channel_id)
            {
                Some(_) => Ok(PeerKey::Channel(from.channel_id)),
                None => Err(invalid()),
            },
            enums::InputPeer::Chat(chat) => match self.chats.get(&chat.chat_id) {
                Some(_) => Ok(PeerKey::Chat(chat.chat_id)),
                None => Err(invalid()),
            },
            enums::InputPeer::Empty => Err(invalid()),
        }
    }

    /// A channel the caller may read: a member, or anyone for a public (username) channel
    /// (`CHANNEL_PRIVATE` otherwise).
    pub(crate) fn readable_channel(&self, me: i64, channel_id: i64) -> Result<(), RpcError> {
        if self.channel(channel_id)?.username.is_some() {
            return Ok(());
        }
        self.member_channel(me, channel_id)
    }

    /// A channel the caller is a member of (`CHANNEL_PRIVATE` otherwise).
    pub(crate) fn member_channel(&self, me: i64, channel_id: i64) -> Result<(), RpcError> {
        if self.channel(channel_id)?.member_set.contains(&me) {
            Ok(())
        } else {
            Err(RpcError::bad_request("CHANNEL_PRIVATE"))
        }
    }
}
