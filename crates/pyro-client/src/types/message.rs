//! [`Message`]: a message or service message, with its chat, sender, text, entities, media,
//! reply, forward header, service action and reply markup.

use pyro_tl_types::api::enums;

use super::action::ServiceAction;
use super::chat::Chat;
use super::keyboard::ReplyMarkup;
use super::media::Media;
use super::origin::{ForwardInfo, ReplyTo, Sender};
use super::peer::{PeerId, PeerMap};
use crate::client::Client;

/// A message (`message`) or service message (`messageService`), built from its raw object and
/// the peers that came with it. The raw object stays reachable through [`Message::raw`].
#[derive(Debug, Clone)]
pub struct Message {
    raw: enums::Message,
    chat: Chat,
    sender: Option<Sender>,
    media: Option<Media>,
    action: Option<ServiceAction>,
    reply_to: Option<ReplyTo>,
    forward: Option<ForwardInfo>,
    reply_markup: Option<ReplyMarkup>,
    client: Option<Client>,
}

impl Message {
    /// A message from its raw object, peers resolved through `peers`. `None` for
    /// `messageEmpty` (a message that does not exist or was deleted).
    ///
    /// Peers missing from `peers` become unresolved placeholders that keep their ids.
    pub fn from_raw(raw: enums::Message, peers: &PeerMap) -> Option<Self> {
        Self::try_from_raw(raw, peers).ok()
    }

    /// [`Message::from_raw`], handing a `messageEmpty` back instead of dropping it.
    pub(crate) fn try_from_raw(
        raw: enums::Message,
        peers: &PeerMap,
    ) -> Result<Self, enums::Message> {
        let parts = match &raw {
            enums::Message::Empty(_) => return Err(raw),
            enums::Message::Message(m) => Parts {
                peer: PeerId::from_raw(&m.peer_id),
                from: m.from_id.as_ref().map(PeerId::from_raw),
                out: m.out,
                post: m.post,
                reply_to: m.reply_to.as_ref(),
            },
            enums::Message::Service(m) => Parts {
                peer: PeerId::from_raw(&m.peer_id),
                from: m.from_id.as_ref().map(PeerId::from_raw),
                out: m.out,
                post: m.post,
                reply_to: m.reply_to.as_ref(),
            },
        };
        let chat = peers.chat(parts.peer);
        let sender = match parts.from {
            Some(from) => Some(Sender::resolve(from, peers)),
            None if chat.is_private() && parts.out => peers
                .self_id()
                .map(|id| Sender::resolve(PeerId::User(id), peers)),
            None if chat.is_private() => Some(Sender::resolve(parts.peer, peers)),
            None if parts.post || chat.is_channel() => Some(Sender::Chat(chat.clone())),
            None => None,
        };
        let reply_to = parts.reply_to.map(ReplyTo::from_raw);
        let (media, action, forward, reply_markup) = match &raw {
            enums::Message::Message(m) => (
                m.media.as_ref().and_then(Media::from_raw),
                None,
                m.fwd_from.as_ref().map(|f| ForwardInfo::from_raw(f, peers)),
                m.reply_markup.as_ref().map(ReplyMarkup::from_raw),
            ),
            enums::Message::Service(m) => (None, ServiceAction::from_raw(&m.action), None, None),
            enums::Message::Empty(_) => (None, None, None, None),
        };
        Ok(Self {
            raw,
            chat,
            sender,
            media,
            action,
            reply_to,
            forward,
            reply_markup,
            client: peers.client().cloned(),
        })
    }

    /// The client this message is bound to (see [`PeerMap::with_client`]), which its methods
    /// (`reply`, `edit`, `delete`...) use.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// The message bound to a client.
    #[must_use]
    pub fn with_client(mut self, client: Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The raw object this message was built from.
    pub fn raw(&self) -> &enums::Message {
        &self.raw
    }

    /// The message's id (unique per chat for channels, per account otherwise).
    pub fn id(&self) -> i32 {
        match &self.raw {
            enums::Message::Message(m) => m.id,
            enums::Message::Service(m) => m.id,
            enums::Message::Empty(m) => m.id,
        }
    }

    /// The chat the message is in.
    pub fn chat(&self) -> &Chat {
        &self.chat
    }

    /// Who sent it: a user, or a chat (channel posts, anonymous admins). `None` when the server
    /// did not say (an outgoing private message before the client knows its own id).
    pub fn sender(&self) -> Option<&Sender> {
        self.sender.as_ref()
    }

    /// The id of the sending user, if a user sent it.
    pub fn sender_user_id(&self) -> Option<i64> {
        match self.sender()? {
            Sender::User(user) => Some(user.id()),
            Sender::Chat(_) => None,
        }
    }

    /// When the message was sent (Unix time).
    pub fn date(&self) -> i32 {
        match &self.raw {
            enums::Message::Message(m) => m.date,
            enums::Message::Service(m) => m.date,
            enums::Message::Empty(_) => 0,
        }
    }

    /// The text, or the caption of media ("" for service messages).
    pub fn text(&self) -> &str {
        match &self.raw {
            enums::Message::Message(m) => &m.message,
            _ => "",
        }
    }

    /// The formatting entities of the text (UTF-16 offsets), raw.
    pub fn entities(&self) -> &[enums::MessageEntity] {
        match &self.raw {
            enums::Message::Message(m) => m.entities.as_deref().unwrap_or_default(),
            _ => &[],
        }
    }

    /// The media, if any.
    pub fn media(&self) -> Option<&Media> {
        self.media.as_ref()
    }

    /// The service action, for service messages.
    pub fn action(&self) -> Option<&ServiceAction> {
        self.action.as_ref()
    }

    /// Whether this is a service message (members joined, title changed...).
    pub fn is_service(&self) -> bool {
        matches!(self.raw, enums::Message::Service(_))
    }

    /// What the message replies to.
    pub fn reply_to(&self) -> Option<&ReplyTo> {
        self.reply_to.as_ref()
    }

    /// The id of the message it replies to, if it replies to a message.
    pub fn reply_to_message_id(&self) -> Option<i32> {
        self.reply_to.as_ref().and_then(|r| r.message_id)
    }

    /// Where a forwarded message first came from.
    pub fn forward(&self) -> Option<&ForwardInfo> {
        self.forward.as_ref()
    }

    /// Whether the message was forwarded.
    pub fn is_forwarded(&self) -> bool {
        self.forward.is_some()
    }

    /// The keyboard attached to the message.
    pub fn reply_markup(&self) -> Option<&ReplyMarkup> {
        self.reply_markup.as_ref()
    }

    fn full(&self) -> Option<&pyro_tl_types::api::types::Message> {
        match &self.raw {
            enums::Message::Message(m) => Some(m),
            _ => None,
        }
    }

    /// Whether we sent it.
    pub fn is_outgoing(&self) -> bool {
        match &self.raw {
            enums::Message::Message(m) => m.out,
            enums::Message::Service(m) => m.out,
            enums::Message::Empty(_) => false,
        }
    }

    /// When it was last edited (Unix time), if ever.
    pub fn edit_date(&self) -> Option<i32> {
        self.full().and_then(|m| m.edit_date)
    }

    /// Whether it is pinned.
    pub fn is_pinned(&self) -> bool {
        self.full().is_some_and(|m| m.pinned)
    }

    /// Whether it was sent silently (no notification).
    pub fn is_silent(&self) -> bool {
        match &self.raw {
            enums::Message::Message(m) => m.silent,
            enums::Message::Service(m) => m.silent,
            enums::Message::Empty(_) => false,
        }
    }

    /// Whether it mentions us.
    pub fn is_mentioned(&self) -> bool {
        match &self.raw {
            enums::Message::Message(m) => m.mentioned,
            enums::Message::Service(m) => m.mentioned,
            enums::Message::Empty(_) => false,
        }
    }

    /// Whether it is a channel post.
    pub fn is_post(&self) -> bool {
        match &self.raw {
            enums::Message::Message(m) => m.post,
            enums::Message::Service(m) => m.post,
            enums::Message::Empty(_) => false,
        }
    }

    /// How many times a channel post was viewed.
    pub fn views(&self) -> Option<i32> {
        self.full().and_then(|m| m.views)
    }

    /// The album (media group) the message belongs to.
    pub fn media_group_id(&self) -> Option<i64> {
        self.full().and_then(|m| m.grouped_id)
    }

    /// The signature of a channel post's author.
    pub fn post_author(&self) -> Option<&str> {
        self.full().and_then(|m| m.post_author.as_deref())
    }

    /// The bot an inline message was sent through.
    pub fn via_bot_id(&self) -> Option<i64> {
        self.full().and_then(|m| m.via_bot_id)
    }
}

/// The fields both message constructors share, read once.
struct Parts<'a> {
    peer: PeerId,
    from: Option<PeerId>,
    out: bool,
    post: bool,
    reply_to: Option<&'a enums::MessageReplyHeader>,
}
