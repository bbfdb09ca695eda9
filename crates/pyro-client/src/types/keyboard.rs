//! Reply markup: [`ReplyMarkup`] (inline keyboard, reply keyboard, keyboard removal, forced
//! reply) and the reply keyboard's builder ([`ReplyKeyboard`], [`KeyboardButton`]), converted to
//! and from the raw `ReplyMarkup`.

use pyro_tl_types::api::{enums, types};

use super::inline_keyboard::InlineKeyboard;

/// What a reply keyboard button does when pressed (besides sending its label).
#[derive(Debug, Clone, PartialEq)]
pub enum KeyboardAction {
    /// Sends the label as a message.
    Text,
    /// Asks to share the user's phone number.
    RequestPhone,
    /// Asks to share the user's location.
    RequestLocation,
    /// Asks the user to create a poll (`Some(true)`: quiz only, `Some(false)`: regular only).
    RequestPoll(Option<bool>),
    /// Opens a Web App.
    WebApp(String),
    /// Any other button type (peer requests...), raw.
    Other(enums::ButtonType),
}

/// One reply keyboard button.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyboardButton {
    /// The label (sent as the message when pressed).
    pub text: String,
    /// What else pressing it does.
    pub action: KeyboardAction,
    /// The button's colour and icon, raw (`None`: the app's default).
    pub style: Option<enums::KeyboardButtonStyle>,
}

impl KeyboardButton {
    /// A button that sends its label.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new(text, KeyboardAction::Text)
    }

    /// A button with a label and an action.
    pub fn new(text: impl Into<String>, action: KeyboardAction) -> Self {
        Self {
            text: text.into(),
            action,
            style: None,
        }
    }

    /// A button that asks for the user's phone number.
    pub fn request_phone(text: impl Into<String>) -> Self {
        Self::new(text, KeyboardAction::RequestPhone)
    }

    /// A button that asks for the user's location.
    pub fn request_location(text: impl Into<String>) -> Self {
        Self::new(text, KeyboardAction::RequestLocation)
    }

    fn from_raw(raw: &enums::KeyboardButton) -> Self {
        let enums::KeyboardButton::KeyboardButton(b) = raw;
        let action = match &b.r#type {
            enums::ButtonType::Default => KeyboardAction::Text,
            enums::ButtonType::RequestPhone => KeyboardAction::RequestPhone,
            enums::ButtonType::RequestGeoLocation => KeyboardAction::RequestLocation,
            enums::ButtonType::RequestPoll(p) => KeyboardAction::RequestPoll(p.quiz),
            enums::ButtonType::SimpleWebView(w) => KeyboardAction::WebApp(w.url.clone()),
            other => KeyboardAction::Other(other.clone()),
        };
        Self {
            text: b.text.clone(),
            action,
            style: b.style.clone(),
        }
    }

    fn to_raw(&self) -> enums::KeyboardButton {
        let r#type = match &self.action {
            KeyboardAction::Text => enums::ButtonType::Default,
            KeyboardAction::RequestPhone => enums::ButtonType::RequestPhone,
            KeyboardAction::RequestLocation => enums::ButtonType::RequestGeoLocation,
            KeyboardAction::RequestPoll(quiz) => {
                enums::ButtonType::RequestPoll(types::ButtonTypeRequestPoll { quiz: *quiz })
            }
            KeyboardAction::WebApp(url) => {
                enums::ButtonType::SimpleWebView(types::ButtonTypeSimpleWebView {
                    url: url.clone(),
                })
            }
            KeyboardAction::Other(raw) => raw.clone(),
        };
        enums::KeyboardButton::KeyboardButton(Box::new(types::KeyboardButton {
            style: self.style.clone(),
            text: self.text.clone(),
            r#type,
        }))
    }
}

/// A reply keyboard: rows of buttons that replace the user's keyboard.
///
/// ```
/// use pyro_client::types::{KeyboardButton, ReplyKeyboard};
///
/// let keyboard = ReplyKeyboard::new()
///     .row([KeyboardButton::text("Menu"), KeyboardButton::request_location("Where am I?")])
///     .resize()
///     .one_time()
///     .placeholder("Pick one");
/// assert_eq!(keyboard.rows()[0].len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[allow(clippy::struct_excessive_bools)] // the server's own flags, each independent
pub struct ReplyKeyboard {
    rows: Vec<Vec<KeyboardButton>>,
    /// Whether apps fit the keyboard's height to its buttons.
    pub resize: bool,
    /// Whether the keyboard hides after one press.
    pub one_time: bool,
    /// Whether only mentioned users (and the replied-to sender) see it.
    pub selective: bool,
    /// Whether the keyboard stays shown even when the user opens the regular one.
    pub persistent: bool,
    /// The input field's placeholder while the keyboard is shown.
    pub placeholder: Option<String>,
}

impl ReplyKeyboard {
    /// An empty keyboard.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keyboard with one more row.
    #[must_use]
    pub fn row(mut self, buttons: impl IntoIterator<Item = KeyboardButton>) -> Self {
        self.rows.push(buttons.into_iter().collect());
        self
    }

    /// The keyboard fitted to its buttons' height.
    #[must_use]
    pub fn resize(mut self) -> Self {
        self.resize = true;
        self
    }

    /// The keyboard hidden after one press.
    #[must_use]
    pub fn one_time(mut self) -> Self {
        self.one_time = true;
        self
    }

    /// The keyboard shown only to mentioned users and the replied-to sender.
    #[must_use]
    pub fn selective(mut self) -> Self {
        self.selective = true;
        self
    }

    /// The keyboard kept shown.
    #[must_use]
    pub fn persistent(mut self) -> Self {
        self.persistent = true;
        self
    }

    /// The keyboard with an input placeholder.
    #[must_use]
    pub fn placeholder(mut self, text: impl Into<String>) -> Self {
        self.placeholder = Some(text.into());
        self
    }

    /// The rows.
    pub fn rows(&self) -> &[Vec<KeyboardButton>] {
        &self.rows
    }
}

/// A message's keyboard or keyboard instruction.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyMarkup {
    /// Buttons under the message.
    Inline(InlineKeyboard),
    /// A keyboard replacing the user's.
    Keyboard(ReplyKeyboard),
    /// Removes a reply keyboard (only for mentioned users if `selective`).
    RemoveKeyboard {
        /// Only for mentioned users and the replied-to sender.
        selective: bool,
    },
    /// Opens a reply to this message in the user's app.
    ForceReply {
        /// Hide the interface after one use.
        single_use: bool,
        /// Only for mentioned users and the replied-to sender.
        selective: bool,
        /// The input field's placeholder.
        placeholder: Option<String>,
    },
}

impl ReplyMarkup {
    /// The typed markup of a raw `ReplyMarkup`.
    pub fn from_raw(raw: &enums::ReplyMarkup) -> Self {
        match raw {
            enums::ReplyMarkup::ReplyInlineMarkup(m) => Self::Inline(InlineKeyboard::from_raw(m)),
            enums::ReplyMarkup::ReplyKeyboardMarkup(m) => Self::Keyboard(ReplyKeyboard {
                rows: m
                    .rows
                    .iter()
                    .map(|row| {
                        let enums::KeyboardButtonRow::KeyboardButtonRow(row) = row;
                        row.buttons.iter().map(KeyboardButton::from_raw).collect()
                    })
                    .collect(),
                resize: m.resize,
                one_time: m.single_use,
                selective: m.selective,
                persistent: m.persistent,
                placeholder: m.placeholder.clone(),
            }),
            enums::ReplyMarkup::ReplyKeyboardHide(m) => Self::RemoveKeyboard {
                selective: m.selective,
            },
            enums::ReplyMarkup::ReplyKeyboardForceReply(m) => Self::ForceReply {
                single_use: m.single_use,
                selective: m.selective,
                placeholder: m.placeholder.clone(),
            },
        }
    }

    /// The raw `ReplyMarkup` to send.
    pub fn to_raw(&self) -> enums::ReplyMarkup {
        match self {
            Self::Inline(k) => enums::ReplyMarkup::ReplyInlineMarkup(k.to_raw()),
            Self::Keyboard(k) => {
                enums::ReplyMarkup::ReplyKeyboardMarkup(Box::new(types::ReplyKeyboardMarkup {
                    resize: k.resize,
                    single_use: k.one_time,
                    selective: k.selective,
                    persistent: k.persistent,
                    force_reply: false,
                    rows: k
                        .rows
                        .iter()
                        .map(|row| {
                            enums::KeyboardButtonRow::KeyboardButtonRow(types::KeyboardButtonRow {
                                buttons: row.iter().map(KeyboardButton::to_raw).collect(),
                            })
                        })
                        .collect(),
                    placeholder: k.placeholder.clone(),
                }))
            }
            Self::RemoveKeyboard { selective } => {
                enums::ReplyMarkup::ReplyKeyboardHide(types::ReplyKeyboardHide {
                    selective: *selective,
                })
            }
            Self::ForceReply {
                single_use,
                selective,
                placeholder,
            } => enums::ReplyMarkup::ReplyKeyboardForceReply(types::ReplyKeyboardForceReply {
                single_use: *single_use,
                selective: *selective,
                placeholder: placeholder.clone(),
            }),
        }
    }

    /// The inline keyboard, if this is one.
    pub fn inline_keyboard(&self) -> Option<&InlineKeyboard> {
        match self {
            Self::Inline(k) => Some(k),
            _ => None,
        }
    }
}

impl From<InlineKeyboard> for ReplyMarkup {
    fn from(keyboard: InlineKeyboard) -> Self {
        Self::Inline(keyboard)
    }
}

impl From<ReplyKeyboard> for ReplyMarkup {
    fn from(keyboard: ReplyKeyboard) -> Self {
        Self::Keyboard(keyboard)
    }
}
