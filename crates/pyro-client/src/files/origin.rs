//! Where a download's file was found, so that an expired file reference can be replaced.
//!
//! Telegram's file references expire (core.telegram.org/api/file_reference): `upload.getFile`
//! then answers `400 FILE_REFERENCE_EXPIRED`, and the client must fetch the object again from
//! the context it came from to get a fresh reference. pyro does that for files found in a
//! message: the message is fetched again (`messages.getMessages`, or `channels.getMessages` in
//! a channel), the file with the same id is looked up in its media, and the download goes on
//! with its new reference. Every window of a download shares one [`FileOrigin`], so the first
//! window to meet the error refreshes the reference and the others use the new one.

use std::fmt;
use std::sync::Arc;

use pyro_tl_types::api::{enums, functions, types};
use tokio::sync::Mutex;

use crate::client::{Client, Error};
use crate::types::bound::input_channel;

/// The context a file came from; clones share the latest fresh reference.
#[derive(Clone)]
pub struct FileOrigin {
    source: Source,
    /// The newest reference fetched through this origin.
    fresh: Arc<Mutex<Option<Vec<u8>>>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// Message `id` of chat `peer`.
    Message { peer: enums::InputPeer, id: i32 },
}

impl FileOrigin {
    /// A file attached to message `id` of the chat `peer`.
    pub fn message(peer: enums::InputPeer, id: i32) -> Self {
        Self {
            source: Source::Message { peer, id },
            fresh: Arc::default(),
        }
    }

    /// The message this origin points to: its chat and id.
    pub fn message_ref(&self) -> Option<(&enums::InputPeer, i32)> {
        match &self.source {
            Source::Message { peer, id } => Some((peer, *id)),
        }
    }

    /// The newest reference fetched so far, if any.
    pub(super) async fn current(&self) -> Option<Vec<u8>> {
        self.fresh.lock().await.clone()
    }

    /// A reference for file `file_id` newer than `stale`: the one another window already
    /// fetched, or a new one from the origin. `Ok(None)` when the origin no longer holds the
    /// file (the message was deleted or edited to other media).
    pub(super) async fn refresh(
        &self,
        client: &Client,
        file_id: i64,
        stale: &[u8],
    ) -> Result<Option<Vec<u8>>, Error> {
        let mut fresh = self.fresh.lock().await;
        if let Some(newer) = fresh.as_ref().filter(|r| r.as_slice() != stale) {
            return Ok(Some(newer.clone()));
        }
        let found = match &self.source {
            Source::Message { peer, id } => message_media(client, peer, *id)
                .await?
                .and_then(|media| reference_in(&media, file_id)),
        };
        if found.is_some() {
            fresh.clone_from(&found);
        }
        Ok(found)
    }
}

impl fmt::Debug for FileOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileOrigin")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Origins are equal when they point to the same context (whatever they have fetched).
impl PartialEq for FileOrigin {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// The media of message `id` in `peer`, fetched again.
async fn message_media(
    client: &Client,
    peer: &enums::InputPeer,
    id: i32,
) -> Result<Option<enums::MessageMedia>, Error> {
    let ids = vec![enums::InputMessage::Id(types::InputMessageId { id })];
    let answer = match input_channel(peer) {
        Some(channel) => {
            client
                .invoke(&functions::channels::GetMessages { channel, id: ids })
                .await?
        }
        None => {
            client
                .invoke(&functions::messages::GetMessages { id: ids })
                .await?
        }
    };
    let messages = match answer {
        enums::messages::Messages::Messages(m) => m.messages,
        enums::messages::Messages::Slice(m) => m.messages,
        enums::messages::Messages::ChannelMessages(m) => m.messages,
        enums::messages::Messages::NotModified(_) => Vec::new(),
    };
    Ok(messages.into_iter().find_map(|message| match message {
        enums::Message::Message(m) if m.id == id => m.media,
        _ => None,
    }))
}

/// The reference of file `file_id` (a photo or document) in `media`.
pub(super) fn reference_in(media: &enums::MessageMedia, file_id: i64) -> Option<Vec<u8>> {
    match media {
        enums::MessageMedia::Document(m) => match m.document.as_ref()? {
            enums::Document::Document(d) if d.id == file_id => Some(d.file_reference.clone()),
            _ => None,
        },
        enums::MessageMedia::Photo(m) => match m.photo.as_ref()? {
            enums::Photo::Photo(p) if p.id == file_id => Some(p.file_reference.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The file id and reference a location names (documents and photos).
pub(super) fn location_reference(location: &enums::InputFileLocation) -> Option<(i64, &[u8])> {
    match location {
        enums::InputFileLocation::InputDocumentFileLocation(l) => Some((l.id, &l.file_reference)),
        enums::InputFileLocation::InputPhotoFileLocation(l) => Some((l.id, &l.file_reference)),
        _ => None,
    }
}

/// Replaces the reference of a document or photo location.
pub(super) fn set_reference(location: &mut enums::InputFileLocation, reference: Vec<u8>) {
    match location {
        enums::InputFileLocation::InputDocumentFileLocation(l) => l.file_reference = reference,
        enums::InputFileLocation::InputPhotoFileLocation(l) => l.file_reference = reference,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_by_file_id() {
        let document = |id| {
            enums::MessageMedia::Document(Box::new(types::MessageMediaDocument {
                document: Some(enums::Document::Document(Box::new(types::Document {
                    id,
                    file_reference: vec![9, 9],
                    ..Default::default()
                }))),
                ..Default::default()
            }))
        };
        assert_eq!(reference_in(&document(5), 5), Some(vec![9, 9]));
        assert_eq!(reference_in(&document(6), 5), None);
        assert_eq!(reference_in(&enums::MessageMedia::Empty, 5), None);
        let mut location = enums::InputFileLocation::InputPhotoFileLocation(Box::new(
            types::InputPhotoFileLocation {
                id: 3,
                file_reference: vec![1],
                ..Default::default()
            },
        ));
        set_reference(&mut location, vec![2, 2]);
        assert_eq!(
            location_reference(&location),
            Some((3, [2u8, 2].as_slice()))
        );
        let a = FileOrigin::message(enums::InputPeer::InputPeerSelf, 4);
        assert_eq!(a, a.clone());
        assert_ne!(a, FileOrigin::message(enums::InputPeer::InputPeerSelf, 5));
        assert_eq!(a.message_ref().map(|(_, id)| id), Some(4));
    }
}
