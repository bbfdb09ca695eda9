//! Media without a message and albums: `messages.uploadMedia` stores an upload and answers
//! its `MessageMedia` (the client re-sends it by id), and `messages.sendMultiMedia` sends up to
//! ten photos and documents as one album: one message each, sharing a `grouped_id`, answered
//! in one `updatesCombined`.

use pyro_tl_types::api::{enums, functions, types};

use super::media::spoiler_of;
use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::{Caller, Model};

/// Most items an album holds (Telegram answers `MULTI_MEDIA_TOO_LONG` above ten).
const ALBUM_MAX: usize = 10;

pub(super) fn upload_media(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::UploadMedia = decode(body)?;
    caller.me()?;
    model.resolve_peer(caller, &request.peer)?;
    let file = model.input_media(caller, &request.media)?;
    answer(&model.media_tl(file, spoiler_of(&request.media)))
}

pub(super) fn send_multi_media(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SendMultiMedia = decode(body)?;
    let me = caller.me()?;
    let to = model.resolve_peer(caller, &request.peer)?;
    if request.multi_media.is_empty() {
        return Err(RpcError::bad_request("MEDIA_EMPTY"));
    }
    if request.multi_media.len() > ALBUM_MAX {
        return Err(RpcError::bad_request("MULTI_MEDIA_TOO_LONG"));
    }
    // Every item is checked (and uploads finished) before the first message goes out.
    let mut items = Vec::with_capacity(request.multi_media.len());
    for single in &request.multi_media {
        let enums::InputSingleMedia::InputSingleMedia(single) = single;
        let file = model.input_media(caller, &single.media)?;
        items.push((file, spoiler_of(&single.media), single));
    }
    let grouped_id = Some(model.rng.positive_i64());
    let mut answers = Vec::with_capacity(items.len());
    for (file, spoiler, single) in items {
        let content = Content {
            text: single.message.clone(),
            media: Some(file),
            spoiler,
            grouped_id,
            ..Content::default()
        };
        let origin = Origin {
            auth_key_id: Some(caller.auth_key_id),
            random_id: Some(single.random_id),
            short: false,
        };
        answers.push(model.deliver(me, to, content, origin)?);
    }
    answer(&combine(answers))
}

/// One `updatesCombined` of several `updates` answers: every update in order, each user and
/// chat once, `seq_start` of the first and `seq` of the last.
fn combine(answers: Vec<enums::Updates>) -> enums::Updates {
    let mut combined = types::UpdatesCombined::default();
    let mut first = true;
    for part in answers {
        let enums::Updates::Updates(part) = part else {
            continue;
        };
        if first {
            combined.seq_start = part.seq;
            first = false;
        }
        combined.updates.extend(part.updates);
        for user in part.users {
            if !combined.users.contains(&user) {
                combined.users.push(user);
            }
        }
        for chat in part.chats {
            if !combined.chats.contains(&chat) {
                combined.chats.push(chat);
            }
        }
        combined.date = part.date;
        combined.seq = part.seq;
    }
    enums::Updates::Combined(Box::new(combined))
}
