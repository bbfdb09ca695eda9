//! Pinned messages: pin (silently, or only for ourselves in a private chat), unpin one, unpin
//! all. Shared by [`Client`]'s methods and the bound [`Message::pin`] / [`Message::unpin`].

use pyro_tl_types::api::{enums, functions};

use super::common::target;
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::bound::message_in_answer;
use crate::types::{Chat, Message};

/// How a message is pinned (see [`Client::pin_message_with`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PinOptions {
    /// Pin without notifying the chat's members.
    pub silent: bool,
    /// In a private chat: pin only for ourselves (the other side sees nothing, and no service
    /// message is posted).
    pub one_side: bool,
}

/// Pins (or, with `unpin`, unpins) message `id` of the chat `peer` names; the
/// `messageActionPinMessage` service message a pin posts, when there is one.
pub(crate) async fn pin_in(
    client: &Client,
    peer: enums::InputPeer,
    chat: &Chat,
    id: i32,
    unpin: bool,
    options: PinOptions,
) -> Result<Option<Message>, Error> {
    let request = functions::messages::UpdatePinnedMessage {
        silent: options.silent,
        unpin,
        pm_oneside: options.one_side,
        peer,
        id,
    };
    let answer = client.invoke(&request).await?;
    Ok(message_in_answer(answer, client, chat, None).filter(|_| !unpin))
}

impl Client {
    /// Pins a message for everyone in the chat, with a notification; the service message
    /// announcing the pin. Needs the right to pin in groups (`pin_messages`) and to edit
    /// posts in channels; fails with `MESSAGE_ID_INVALID` for unknown or service messages.
    pub async fn pin_message(
        &self,
        chat: impl IntoPeerQuery,
        message_id: i32,
    ) -> Result<Option<Message>, Error> {
        self.pin_message_with(chat, message_id, PinOptions::default())
            .await
    }

    /// Pins a message as `options` say; the service message, if the pin posted one (a
    /// one-sided pin does not).
    pub async fn pin_message_with(
        &self,
        chat: impl IntoPeerQuery,
        message_id: i32,
        options: PinOptions,
    ) -> Result<Option<Message>, Error> {
        let at = target(self, chat).await?;
        pin_in(self, at.input_peer(), &at.chat, message_id, false, options).await
    }

    /// Unpins one message (for both sides of a private chat).
    pub async fn unpin_message(
        &self,
        chat: impl IntoPeerQuery,
        message_id: i32,
    ) -> Result<(), Error> {
        let at = target(self, chat).await?;
        pin_in(
            self,
            at.input_peer(),
            &at.chat,
            message_id,
            true,
            PinOptions::default(),
        )
        .await?;
        Ok(())
    }

    /// Unpins every pinned message of a chat; how many update events the server logged (0
    /// when nothing was pinned).
    pub async fn unpin_all_messages(&self, chat: impl IntoPeerQuery) -> Result<i32, Error> {
        let peer = target(self, chat).await?.input_peer();
        let request = functions::messages::UnpinAllMessages {
            peer,
            ..Default::default()
        };
        let enums::messages::AffectedHistory::AffectedHistory(affected) =
            self.invoke(&request).await?;
        Ok(affected.pts_count)
    }
}
