//! What bots are asked: [`CallbackQuery`] (an inline button pressed), [`InlineQuery`] (a user
//! typing `@bot query`) and [`ChosenInlineResult`] (the result they picked).

use pyro_tl_types::api::{enums, types};

use super::chat::Chat;
use super::media::Location;
use super::peer::{PeerId, PeerMap};
use super::user::User;
use crate::client::Client;

/// The raw update a [`CallbackQuery`] came from.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCallbackQuery {
    /// A button under a message in a chat (`updateBotCallbackQuery`).
    Chat(types::UpdateBotCallbackQuery),
    /// A button under a message sent via inline mode (`updateInlineBotCallbackQuery`).
    Inline(types::UpdateInlineBotCallbackQuery),
}

/// A user pressed an inline keyboard button.
#[derive(Debug, Clone)]
pub struct CallbackQuery {
    raw: RawCallbackQuery,
    from: User,
    chat: Option<Chat>,
    client: Option<Client>,
}

impl CallbackQuery {
    /// A callback query from a button under a message in a chat.
    pub fn from_chat_raw(raw: types::UpdateBotCallbackQuery, peers: &PeerMap) -> Self {
        Self {
            from: peers.user(raw.user_id),
            chat: Some(peers.chat(PeerId::from_raw(&raw.peer))),
            client: peers.client().cloned(),
            raw: RawCallbackQuery::Chat(raw),
        }
    }

    /// A callback query from a button under an inline-mode message.
    pub fn from_inline_raw(raw: types::UpdateInlineBotCallbackQuery, peers: &PeerMap) -> Self {
        Self {
            from: peers.user(raw.user_id),
            chat: None,
            client: peers.client().cloned(),
            raw: RawCallbackQuery::Inline(raw),
        }
    }

    /// The client this query is bound to (see [`PeerMap::with_client`]), which
    /// [`CallbackQuery::answer`] uses.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// The query bound to a client.
    #[must_use]
    pub fn with_client(mut self, client: Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The raw update.
    pub fn raw(&self) -> &RawCallbackQuery {
        &self.raw
    }

    /// The query's id (what answering it needs).
    pub fn id(&self) -> i64 {
        match &self.raw {
            RawCallbackQuery::Chat(q) => q.query_id,
            RawCallbackQuery::Inline(q) => q.query_id,
        }
    }

    /// Who pressed the button.
    pub fn from(&self) -> &User {
        &self.from
    }

    /// The chat of the message with the button (not for inline-mode messages).
    pub fn chat(&self) -> Option<&Chat> {
        self.chat.as_ref()
    }

    /// The id of the message with the button (not for inline-mode messages).
    pub fn message_id(&self) -> Option<i32> {
        match &self.raw {
            RawCallbackQuery::Chat(q) => Some(q.msg_id),
            RawCallbackQuery::Inline(_) => None,
        }
    }

    /// The inline-mode message with the button, raw.
    pub fn inline_message_id(&self) -> Option<&enums::InputBotInlineMessageId> {
        match &self.raw {
            RawCallbackQuery::Chat(_) => None,
            RawCallbackQuery::Inline(q) => Some(&q.msg_id),
        }
    }

    /// A global id of the chat the message was sent in (for games' high scores).
    pub fn chat_instance(&self) -> i64 {
        match &self.raw {
            RawCallbackQuery::Chat(q) => q.chat_instance,
            RawCallbackQuery::Inline(q) => q.chat_instance,
        }
    }

    /// The button's data.
    pub fn data(&self) -> Option<&[u8]> {
        match &self.raw {
            RawCallbackQuery::Chat(q) => q.data.as_deref(),
            RawCallbackQuery::Inline(q) => q.data.as_deref(),
        }
    }

    /// The button's data as text, if it is UTF-8.
    pub fn data_str(&self) -> Option<&str> {
        self.data().and_then(|d| std::str::from_utf8(d).ok())
    }

    /// The short name of the game to launch, for game buttons.
    pub fn game_short_name(&self) -> Option<&str> {
        match &self.raw {
            RawCallbackQuery::Chat(q) => q.game_short_name.as_deref(),
            RawCallbackQuery::Inline(q) => q.game_short_name.as_deref(),
        }
    }
}

/// A user typed `@yourbot query` (the bot has inline mode on).
#[derive(Debug, Clone)]
pub struct InlineQuery {
    raw: types::UpdateBotInlineQuery,
    from: User,
    client: Option<Client>,
}

impl InlineQuery {
    /// An inline query from its raw update.
    pub fn from_raw(raw: types::UpdateBotInlineQuery, peers: &PeerMap) -> Self {
        Self {
            from: peers.user(raw.user_id),
            client: peers.client().cloned(),
            raw,
        }
    }

    /// The client this query is bound to (see [`PeerMap::with_client`]), which
    /// `InlineQuery::answer` uses.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// The query bound to a client.
    #[must_use]
    pub fn with_client(mut self, client: Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The raw update.
    pub fn raw(&self) -> &types::UpdateBotInlineQuery {
        &self.raw
    }

    /// The query's id (what answering it needs).
    pub fn id(&self) -> i64 {
        self.raw.query_id
    }

    /// Who is typing.
    pub fn from(&self) -> &User {
        &self.from
    }

    /// The text after the bot's username.
    pub fn query(&self) -> &str {
        &self.raw.query
    }

    /// The paging offset the bot returned for the previous page ("" for the first page).
    pub fn offset(&self) -> &str {
        &self.raw.offset
    }

    /// What kind of chat the query is typed in, raw.
    pub fn peer_type(&self) -> Option<&enums::InlineQueryPeerType> {
        self.raw.peer_type.as_ref()
    }

    /// The user's location, for bots that ask for it.
    pub fn location(&self) -> Option<Location> {
        self.raw.geo.as_ref().and_then(Location::from_raw)
    }
}

/// A user picked one of an inline query's results (needs inline feedback on at @BotFather).
#[derive(Debug, Clone)]
pub struct ChosenInlineResult {
    raw: types::UpdateBotInlineSend,
    from: User,
}

impl ChosenInlineResult {
    /// A chosen result from its raw update.
    pub fn from_raw(raw: types::UpdateBotInlineSend, peers: &PeerMap) -> Self {
        Self {
            from: peers.user(raw.user_id),
            raw,
        }
    }

    /// The raw update.
    pub fn raw(&self) -> &types::UpdateBotInlineSend {
        &self.raw
    }

    /// The id of the chosen result (as the bot set it).
    pub fn result_id(&self) -> &str {
        &self.raw.id
    }

    /// Who picked it.
    pub fn from(&self) -> &User {
        &self.from
    }

    /// The query that produced it.
    pub fn query(&self) -> &str {
        &self.raw.query
    }

    /// The sent message, if it has an inline keyboard (so the bot can edit it later), raw.
    pub fn inline_message_id(&self) -> Option<&enums::InputBotInlineMessageId> {
        self.raw.msg_id.as_ref()
    }

    /// The user's location, for bots that ask for it.
    pub fn location(&self) -> Option<Location> {
        self.raw.geo.as_ref().and_then(Location::from_raw)
    }
}
