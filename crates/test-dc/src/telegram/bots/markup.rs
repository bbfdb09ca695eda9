//! Keyboards sent with messages (`reply_markup`): kept on a bot's messages after the checks
//! Telegram makes, dropped from people's (Telegram ignores a person's markup), and searched for
//! the callback button a query names.

use pyro_tl_types::api::enums;

use crate::error::RpcError;
use crate::telegram::model::Model;

/// Most bytes of a callback button's data (the Bot API's `callback_data` limit).
const MAX_CALLBACK_DATA: usize = 64;
/// Most buttons one keyboard holds.
const MAX_BUTTONS: usize = 100;

impl Model {
    /// The keyboard a message from `sender` keeps: a bot's, once checked; none for a person.
    pub(crate) fn bot_markup(
        &self,
        sender: i64,
        markup: Option<enums::ReplyMarkup>,
    ) -> Result<Option<enums::ReplyMarkup>, RpcError> {
        let Some(markup) = markup else {
            return Ok(None);
        };
        if !self.user(sender)?.bot {
            return Ok(None);
        }
        check_markup(&markup)?;
        Ok(Some(markup))
    }
}

/// Telegram's checks on a keyboard: no empty button labels (`BUTTON_TEXT_INVALID`), callback
/// data of 1 to 64 bytes (`BUTTON_DATA_INVALID`), URLs not empty (`BUTTON_URL_INVALID`), at
/// most 100 buttons (`REPLY_MARKUP_TOO_LONG`).
pub(crate) fn check_markup(markup: &enums::ReplyMarkup) -> Result<(), RpcError> {
    use enums::InlineButtonType as T;
    let texts: Vec<&str> = match markup {
        enums::ReplyMarkup::ReplyInlineMarkup(m) => {
            let mut texts = Vec::new();
            for enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(row) in &m.rows {
                for enums::KeyboardInlineButton::KeyboardInlineButton(button) in &row.buttons {
                    texts.push(button.text.as_str());
                    match &button.r#type {
                        T::Callback(c) if !(1..=MAX_CALLBACK_DATA).contains(&c.data.len()) => {
                            return Err(RpcError::bad_request("BUTTON_DATA_INVALID"));
                        }
                        T::Url(u) if u.url.is_empty() => {
                            return Err(RpcError::bad_request("BUTTON_URL_INVALID"));
                        }
                        _ => {}
                    }
                }
            }
            texts
        }
        enums::ReplyMarkup::ReplyKeyboardMarkup(m) => m
            .rows
            .iter()
            .flat_map(|enums::KeyboardButtonRow::KeyboardButtonRow(row)| &row.buttons)
            .map(|enums::KeyboardButton::KeyboardButton(b)| b.text.as_str())
            .collect(),
        enums::ReplyMarkup::ReplyKeyboardHide(_)
        | enums::ReplyMarkup::ReplyKeyboardForceReply(_) => Vec::new(),
    };
    if texts.iter().any(|t| t.trim().is_empty()) {
        return Err(RpcError::bad_request("BUTTON_TEXT_INVALID"));
    }
    if texts.len() > MAX_BUTTONS {
        return Err(RpcError::bad_request("REPLY_MARKUP_TOO_LONG"));
    }
    Ok(())
}

/// Whether an inline keyboard has a callback button with exactly this data.
pub(crate) fn has_callback(markup: Option<&enums::ReplyMarkup>, data: &[u8]) -> bool {
    let Some(enums::ReplyMarkup::ReplyInlineMarkup(m)) = markup else {
        return false;
    };
    m.rows
        .iter()
        .flat_map(|enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(row)| &row.buttons)
        .any(|enums::KeyboardInlineButton::KeyboardInlineButton(b)| {
            matches!(&b.r#type, enums::InlineButtonType::Callback(c) if c.data == data)
        })
}
