//! Messages: send, edit, delete, forward, copy and fetch by id.

use pyro_tl_types::api::{enums, functions, types};

use super::common::{Target, message_list, messages_in_answer, target};
use super::options::SendOptions;
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::bound::{Sent, delete_in, message_in_answer, random_id};
use crate::types::{Message, ReplyMarkup};

impl Client {
    /// Sends a plain text message; the sent message (Telegram's answers always carry it).
    ///
    /// `chat` is anything [`Client::resolve_peer`] accepts (`"@name"`, a marked id, `"me"`, a
    /// [`crate::peers::PeerRef`]...).
    pub async fn send_message(
        &self,
        chat: impl IntoPeerQuery,
        text: impl Into<String>,
    ) -> Result<Option<Message>, Error> {
        self.send_message_with(chat, text, SendOptions::default())
            .await
    }

    /// Sends a text message with a parse mode, reply, keyboard or flags ([`SendOptions`]).
    pub async fn send_message_with(
        &self,
        chat: impl IntoPeerQuery,
        text: impl Into<String>,
        options: SendOptions,
    ) -> Result<Option<Message>, Error> {
        let to = target(self, chat).await?;
        let formatted = options.parse_mode.parse(&text.into())?;
        let request = functions::messages::SendMessage {
            peer: to.input_peer(),
            reply_to: options.reply_to.map(reply_header),
            message: formatted.text,
            entities: (!formatted.entities.is_empty()).then_some(formatted.entities),
            random_id: random_id(),
            reply_markup: options.reply_markup.as_ref().map(ReplyMarkup::to_raw),
            silent: options.silent,
            no_webpage: options.no_webpage,
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        let sent = Sent {
            text: &request.message,
            reply_to: options.reply_to,
        };
        Ok(message_in_answer(answer, self, &to.chat, Some(&sent)))
    }

    /// Replaces the text of message `id` in `chat`; the edited message.
    pub async fn edit_message_text(
        &self,
        chat: impl IntoPeerQuery,
        id: i32,
        text: impl Into<String>,
    ) -> Result<Option<Message>, Error> {
        self.edit_message_text_with(chat, id, text, SendOptions::default())
            .await
    }

    /// [`Client::edit_message_text`] with a parse mode and keyboard (`reply_to` and `silent`
    /// do not apply to edits and are ignored).
    pub async fn edit_message_text_with(
        &self,
        chat: impl IntoPeerQuery,
        id: i32,
        text: impl Into<String>,
        options: SendOptions,
    ) -> Result<Option<Message>, Error> {
        let to = target(self, chat).await?;
        let formatted = options.parse_mode.parse(&text.into())?;
        let request = functions::messages::EditMessage {
            peer: to.input_peer(),
            id,
            message: Some(formatted.text),
            entities: (!formatted.entities.is_empty()).then_some(formatted.entities),
            reply_markup: options.reply_markup.as_ref().map(ReplyMarkup::to_raw),
            no_webpage: options.no_webpage,
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        Ok(message_in_answer(answer, self, &to.chat, None))
    }

    /// Deletes messages of `chat`; `revoke` deletes them for everyone in private chats and
    /// basic groups (always so in channels). The number the server deleted.
    pub async fn delete_messages(
        &self,
        chat: impl IntoPeerQuery,
        ids: &[i32],
        revoke: bool,
    ) -> Result<i32, Error> {
        let at = target(self, chat).await?;
        delete_in(self, &at.input_peer(), ids.to_vec(), revoke).await
    }

    /// Forwards messages `ids` of `from` to `to` (with the "forwarded from" header); the
    /// copies, in order.
    pub async fn forward_messages(
        &self,
        to: impl IntoPeerQuery,
        from: impl IntoPeerQuery,
        ids: &[i32],
    ) -> Result<Vec<Message>, Error> {
        let dest = target(self, to).await?;
        let source = target(self, from).await?;
        let request = functions::messages::ForwardMessages {
            from_peer: source.input_peer(),
            id: ids.to_vec(),
            random_id: ids.iter().map(|_| random_id()).collect(),
            to_peer: dest.input_peer(),
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        Ok(messages_in_answer(answer, self, &dest.chat, None))
    }

    /// Messages of `chat` by id (any chat: private, group or channel), in the order asked;
    /// ids that do not exist are left out.
    pub async fn get_messages(
        &self,
        chat: impl IntoPeerQuery,
        ids: &[i32],
    ) -> Result<Vec<Message>, Error> {
        let at = target(self, chat).await?;
        self.messages_by_id(&at, ids).await
    }

    pub(crate) async fn messages_by_id(
        &self,
        at: &Target,
        ids: &[i32],
    ) -> Result<Vec<Message>, Error> {
        let id = ids
            .iter()
            .map(|&id| enums::InputMessage::Id(types::InputMessageId { id }))
            .collect();
        let answer = if let Some(channel) = at.peer.input_channel() {
            self.invoke(&functions::channels::GetMessages { channel, id })
                .await?
        } else {
            self.invoke(&functions::messages::GetMessages { id })
                .await?
        };
        let mut found = message_list(answer, self).messages;
        // messages.getMessages reads from the account's common box: keep this chat's only.
        found.retain(|m| m.chat().id() == at.chat.id());
        Ok(found)
    }

    /// Copies message `id` of `from` into `to` without the "forwarded from" header: its text
    /// with entities, its photo or document, and its inline keyboard. Service messages and
    /// media other than photos and documents cannot be copied (`Error::Config`); an unknown
    /// id is `Ok(None)`.
    pub async fn copy_message(
        &self,
        to: impl IntoPeerQuery,
        from: impl IntoPeerQuery,
        id: i32,
    ) -> Result<Option<Message>, Error> {
        let source = target(self, from).await?;
        let Some(original) = self.messages_by_id(&source, &[id]).await?.pop() else {
            return Ok(None);
        };
        let enums::Message::Message(raw) = original.raw() else {
            return Err(Error::Config("service messages cannot be copied".into()));
        };
        let dest = target(self, to).await?;
        let entities = (!raw.entities.as_ref().is_none_or(Vec::is_empty))
            .then(|| raw.entities.clone())
            .flatten();
        let reply_markup = original.reply_markup().map(ReplyMarkup::to_raw);
        let answer = match raw.media.as_ref() {
            None => {
                let request = functions::messages::SendMessage {
                    peer: dest.input_peer(),
                    message: raw.message.clone(),
                    entities,
                    reply_markup,
                    random_id: random_id(),
                    ..Default::default()
                };
                self.invoke(&request).await?
            }
            Some(media) => {
                let request = functions::messages::SendMedia {
                    peer: dest.input_peer(),
                    media: input_media(media)?,
                    message: raw.message.clone(),
                    entities,
                    reply_markup,
                    random_id: random_id(),
                    ..Default::default()
                };
                self.invoke(&request).await?
            }
        };
        let sent = Sent {
            text: &raw.message,
            reply_to: None,
        };
        Ok(message_in_answer(answer, self, &dest.chat, Some(&sent)))
    }
}

/// `inputReplyToMessage` for a message of the same chat.
pub(super) fn reply_header(id: i32) -> enums::InputReplyTo {
    enums::InputReplyTo::Message(Box::new(types::InputReplyToMessage {
        reply_to_msg_id: id,
        ..Default::default()
    }))
}

/// The media of a message to send again (the file stays on the server).
pub(super) fn input_media(media: &enums::MessageMedia) -> Result<enums::InputMedia, Error> {
    let uncopyable = || Error::Config("only photos and documents can be sent again".into());
    match media {
        enums::MessageMedia::Photo(m) => match &m.photo {
            Some(enums::Photo::Photo(p)) => {
                Ok(enums::InputMedia::Photo(Box::new(types::InputMediaPhoto {
                    id: enums::InputPhoto::InputPhoto(types::InputPhoto {
                        id: p.id,
                        access_hash: p.access_hash,
                        file_reference: p.file_reference.clone(),
                    }),
                    spoiler: m.spoiler,
                    ..Default::default()
                })))
            }
            _ => Err(uncopyable()),
        },
        enums::MessageMedia::Document(m) => match &m.document {
            Some(enums::Document::Document(d)) => Ok(enums::InputMedia::Document(Box::new(
                types::InputMediaDocument {
                    id: enums::InputDocument::InputDocument(types::InputDocument {
                        id: d.id,
                        access_hash: d.access_hash,
                        file_reference: d.file_reference.clone(),
                    }),
                    spoiler: m.spoiler,
                    ..Default::default()
                },
            ))),
            _ => Err(uncopyable()),
        },
        _ => Err(uncopyable()),
    }
}
