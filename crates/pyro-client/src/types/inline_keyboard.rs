//! Inline keyboards: rows of [`InlineButton`]s attached under a message, built with
//! [`InlineKeyboard`]'s builder and converted to and from the raw `replyInlineMarkup`.

use pyro_tl_types::api::{enums, types};

/// What pressing an inline button does.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineAction {
    /// Sends a callback query with this data to the bot (at most 64 bytes, a server rule).
    Callback(Vec<u8>),
    /// Opens a URL.
    Url(String),
    /// Opens a URL after logging the user in to the site (Telegram Login).
    LoginUrl {
        /// The URL.
        url: String,
        /// Text shown on forwarded copies of the button.
        forward_text: Option<String>,
    },
    /// Opens a Web App.
    WebApp(String),
    /// Starts inline mode with this query: in the current chat if `current_chat`, or in a chat
    /// the user picks.
    SwitchInline {
        /// The query typed for the user.
        query: String,
        /// Whether to stay in the current chat.
        current_chat: bool,
    },
    /// Opens a user's profile.
    UserProfile(i64),
    /// Copies text to the clipboard.
    Copy(String),
    /// Launches the message's game.
    Game,
    /// Pays the message's invoice.
    Buy,
    /// Does nothing (shown greyed out).
    Disabled,
    /// Any other button type, raw.
    Other(enums::InlineButtonType),
}

/// One inline button: its label, what it does, and its raw style (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct InlineButton {
    /// The label.
    pub text: String,
    /// What pressing it does.
    pub action: InlineAction,
    /// The button's colour and icon, raw (`None`: the app's default).
    pub style: Option<enums::KeyboardButtonStyle>,
}

impl InlineButton {
    /// A button with a label and an action.
    pub fn new(text: impl Into<String>, action: InlineAction) -> Self {
        Self {
            text: text.into(),
            action,
            style: None,
        }
    }

    /// A button that sends `data` back to the bot as a callback query.
    pub fn callback(text: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Self::new(text, InlineAction::Callback(data.into()))
    }

    /// A button that opens a URL.
    pub fn url(text: impl Into<String>, url: impl Into<String>) -> Self {
        Self::new(text, InlineAction::Url(url.into()))
    }

    /// A button that starts inline mode in a chat the user picks.
    pub fn switch_inline(text: impl Into<String>, query: impl Into<String>) -> Self {
        Self::new(
            text,
            InlineAction::SwitchInline {
                query: query.into(),
                current_chat: false,
            },
        )
    }

    /// A button that starts inline mode in the current chat.
    pub fn switch_inline_current_chat(text: impl Into<String>, query: impl Into<String>) -> Self {
        Self::new(
            text,
            InlineAction::SwitchInline {
                query: query.into(),
                current_chat: true,
            },
        )
    }

    /// A button that opens a Web App.
    pub fn web_app(text: impl Into<String>, url: impl Into<String>) -> Self {
        Self::new(text, InlineAction::WebApp(url.into()))
    }

    /// A button that copies text.
    pub fn copy(text: impl Into<String>, copied: impl Into<String>) -> Self {
        Self::new(text, InlineAction::Copy(copied.into()))
    }

    /// The same button with a raw style (colour, icon).
    #[must_use]
    pub fn with_style(mut self, style: enums::KeyboardButtonStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// The callback data, for callback buttons.
    pub fn callback_data(&self) -> Option<&[u8]> {
        match &self.action {
            InlineAction::Callback(data) => Some(data),
            _ => None,
        }
    }

    pub(crate) fn from_raw(raw: &enums::KeyboardInlineButton) -> Self {
        use enums::InlineButtonType as T;
        let enums::KeyboardInlineButton::KeyboardInlineButton(b) = raw;
        let action = match &b.r#type {
            T::Callback(c) if !c.requires_password => InlineAction::Callback(c.data.clone()),
            T::Url(u) => InlineAction::Url(u.url.clone()),
            T::UrlAuth(u) => InlineAction::LoginUrl {
                url: u.url.clone(),
                forward_text: u.fwd_text.clone(),
            },
            T::WebView(w) => InlineAction::WebApp(w.url.clone()),
            T::SwitchInline(s) if s.peer_types.is_none() => InlineAction::SwitchInline {
                query: s.query.clone(),
                current_chat: s.same_peer,
            },
            T::UserProfile(u) => InlineAction::UserProfile(u.user_id),
            T::Copy(c) => InlineAction::Copy(c.copy_text.clone()),
            T::Game => InlineAction::Game,
            T::Buy => InlineAction::Buy,
            T::Disabled => InlineAction::Disabled,
            other => InlineAction::Other(other.clone()),
        };
        Self {
            text: b.text.clone(),
            action,
            style: b.style.clone(),
        }
    }

    pub(crate) fn to_raw(&self) -> enums::KeyboardInlineButton {
        use enums::InlineButtonType as T;
        let r#type = match &self.action {
            InlineAction::Callback(data) => T::Callback(types::InlineButtonTypeCallback {
                requires_password: false,
                data: data.clone(),
            }),
            InlineAction::Url(url) => T::Url(types::InlineButtonTypeUrl { url: url.clone() }),
            InlineAction::LoginUrl { url, forward_text } => {
                T::InputInlineButtonTypeUrlAuth(Box::new(types::InputInlineButtonTypeUrlAuth {
                    request_write_access: false,
                    fwd_text: forward_text.clone(),
                    url: url.clone(),
                    bot: None,
                }))
            }
            InlineAction::WebApp(url) => {
                T::WebView(types::InlineButtonTypeWebView { url: url.clone() })
            }
            InlineAction::SwitchInline {
                query,
                current_chat,
            } => T::SwitchInline(Box::new(types::InlineButtonTypeSwitchInline {
                same_peer: *current_chat,
                query: query.clone(),
                peer_types: None,
            })),
            InlineAction::UserProfile(user_id) => {
                T::UserProfile(types::InlineButtonTypeUserProfile { user_id: *user_id })
            }
            InlineAction::Copy(text) => T::Copy(types::InlineButtonTypeCopy {
                copy_text: text.clone(),
            }),
            InlineAction::Game => T::Game,
            InlineAction::Buy => T::Buy,
            InlineAction::Disabled => T::Disabled,
            InlineAction::Other(raw) => raw.clone(),
        };
        enums::KeyboardInlineButton::KeyboardInlineButton(Box::new(types::KeyboardInlineButton {
            style: self.style.clone(),
            text: self.text.clone(),
            r#type,
        }))
    }
}

/// An inline keyboard: rows of buttons under a message.
///
/// ```
/// use pyro_client::types::{InlineButton, InlineKeyboard};
///
/// let keyboard = InlineKeyboard::new()
///     .row([InlineButton::callback("Yes", "vote:yes"), InlineButton::callback("No", "vote:no")])
///     .row([InlineButton::url("Docs", "https://example.org/")]);
/// assert_eq!(keyboard.rows().len(), 2);
/// assert_eq!(keyboard.rows()[0][1].callback_data(), Some(&b"vote:no"[..]));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InlineKeyboard {
    rows: Vec<Vec<InlineButton>>,
    force_reply: bool,
}

impl InlineKeyboard {
    /// An empty keyboard.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keyboard with one more row.
    #[must_use]
    pub fn row(mut self, buttons: impl IntoIterator<Item = InlineButton>) -> Self {
        self.rows.push(buttons.into_iter().collect());
        self
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<InlineButton>] {
        &self.rows
    }

    /// Every button, row by row.
    pub fn buttons(&self) -> impl Iterator<Item = &InlineButton> {
        self.rows.iter().flatten()
    }

    pub(crate) fn from_raw(raw: &types::ReplyInlineMarkup) -> Self {
        let rows = raw
            .rows
            .iter()
            .map(|row| {
                let enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(row) = row;
                row.buttons.iter().map(InlineButton::from_raw).collect()
            })
            .collect();
        Self {
            rows,
            force_reply: raw.force_reply,
        }
    }

    pub(crate) fn to_raw(&self) -> types::ReplyInlineMarkup {
        types::ReplyInlineMarkup {
            force_reply: self.force_reply,
            rows: self
                .rows
                .iter()
                .map(|row| {
                    enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(
                        types::KeyboardInlineButtonRow {
                            buttons: row.iter().map(InlineButton::to_raw).collect(),
                        },
                    )
                })
                .collect(),
        }
    }
}
