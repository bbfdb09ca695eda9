//! `messages.*`: sending, reading, editing, deleting and forwarding messages in private chats
//! and channels, dialogs and read receipts.

mod dialogs;
mod edit;
mod history;
mod pins;
pub(crate) mod send;

pub(crate) use dialogs::read_channel_history;
pub(crate) use edit::delete_channel_messages;
pub(crate) use history::get_channel_messages;

use crate::error::RpcError;
use crate::telegram::model::{Caller, Model};

/// Routes `messages.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "messages.sendMessage" => send::send_message(model, caller, body),
        "messages.sendMedia" => send::send_media(model, caller, body),
        "messages.forwardMessages" => edit::forward_messages(model, caller, body),
        "messages.editMessage" => edit::edit_message(model, caller, body),
        "messages.deleteMessages" => edit::delete_messages(model, caller, body),
        "messages.getMessages" => history::get_messages(model, caller, body),
        "messages.getHistory" => history::get_history(model, caller, body),
        "messages.search" => history::search(model, caller, body),
        "messages.getDialogs" => dialogs::get_dialogs(model, caller, body),
        "messages.readHistory" => dialogs::read_history(model, caller, body),
        "messages.updatePinnedMessage" => pins::update_pinned_message(model, caller, body),
        "messages.unpinAllMessages" => pins::unpin_all_messages(model, caller, body),
        _ => return None,
    })
}
