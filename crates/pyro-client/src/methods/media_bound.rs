//! Media on received messages: [`Message::reply_photo`] and [`Message::reply_document`],
//! [`Message::download`] and [`Message::download_to`] (the location carries the message as its
//! origin, so an expired file reference is refreshed), and the Bot API ids of a [`Media`].

use std::path::Path;

use pyro_tl_types::api::enums;

use super::media::{MediaOptions, MediaSource};
use super::media_input::SendKind;
use crate::client::Error;
use crate::file_id::{
    FileId, FileLocation as IdLocation, FileType, PhotoLocation, PhotoSizeSource,
};
use crate::files::{FileLocation, FileOrigin, TransferError, TransferOptions};
use crate::peers::{PeerQuery, PeerRef};
use crate::types::bound::{bound, input_peer};
use crate::types::{Document, Media, Message, Photo};
use pyro_session::PeerId;

impl Message {
    /// Replies to this message in its chat with a photo; the sent message.
    pub async fn reply_photo(
        &self,
        photo: MediaSource,
        options: MediaOptions,
    ) -> Result<Option<Message>, TransferError> {
        self.reply_media(SendKind::Photo, photo, options).await
    }

    /// Replies to this message in its chat with a document; the sent message.
    pub async fn reply_document(
        &self,
        document: MediaSource,
        options: MediaOptions,
    ) -> Result<Option<Message>, TransferError> {
        self.reply_media(SendKind::Document, document, options)
            .await
    }

    async fn reply_media(
        &self,
        kind: SendKind,
        source: MediaSource,
        options: MediaOptions,
    ) -> Result<Option<Message>, TransferError> {
        let client = bound(self.client())?;
        let peer = input_peer(client, self.chat())?;
        let mut options = options;
        options.send.reply_to = Some(self.id());
        client
            .send_kind(peer_query(peer)?, kind, source, options)
            .await
    }

    /// Where this message's photo or document can be downloaded from, with the message as the
    /// origin of its file reference when the message is bound to a client. `None` without a
    /// downloadable medium.
    pub fn file_location(&self) -> Option<FileLocation> {
        let enums::Message::Message(raw) = self.raw() else {
            return None;
        };
        let location = FileLocation::from_media(raw.media.as_ref()?)?;
        let peer = self.client().and_then(|c| input_peer(c, self.chat()).ok());
        Some(match peer {
            Some(peer) => location.with_origin(FileOrigin::message(peer, self.id())),
            None => location,
        })
    }

    /// Downloads this message's photo or document into memory.
    pub async fn download(&self) -> Result<Vec<u8>, TransferError> {
        let (client, location) = self.download_parts()?;
        client
            .download_to_vec(&location, &TransferOptions::default())
            .await
    }

    /// Downloads this message's photo or document to `path` (through a temporary file renamed
    /// once complete); the number of bytes written.
    pub async fn download_to(&self, path: impl AsRef<Path>) -> Result<u64, TransferError> {
        let (client, location) = self.download_parts()?;
        client
            .download_to_path(&location, path, &TransferOptions::default())
            .await
    }

    fn download_parts(&self) -> Result<(&crate::Client, FileLocation), Error> {
        let client = bound(self.client())?;
        let location = self
            .file_location()
            .ok_or_else(|| Error::Config("the message has no photo or document".into()))?;
        Ok((client, location))
    }
}

/// A resolved `InputPeer` as something `resolve_peer` takes back unchanged.
fn peer_query(peer: enums::InputPeer) -> Result<PeerQuery, Error> {
    Ok(match peer {
        enums::InputPeer::InputPeerSelf => PeerQuery::Me,
        enums::InputPeer::User(u) => {
            PeerQuery::Ref(PeerRef::new(PeerId::user(u.user_id), u.access_hash))
        }
        enums::InputPeer::Chat(c) => PeerQuery::Ref(PeerRef::new(PeerId::chat(c.chat_id), 0)),
        enums::InputPeer::Channel(c) => {
            PeerQuery::Ref(PeerRef::new(PeerId::channel(c.channel_id), c.access_hash))
        }
        _ => return Err(Error::PeerIdInvalid),
    })
}

impl Media {
    /// The Bot API `file_id` of a photo (its largest size) or any document-backed medium;
    /// `None` for other media.
    pub fn file_id(&self) -> Option<String> {
        self.decoded_file_id()?.encode().ok()
    }

    /// The Bot API `file_unique_id` of the same file.
    pub fn file_unique_id(&self) -> Option<String> {
        Some(self.decoded_file_id()?.unique_id().ok()?.encode())
    }

    fn decoded_file_id(&self) -> Option<FileId> {
        let (file_type, document) = match self {
            Self::Photo(photo) => return photo_file_id(photo),
            Self::Document(d) => (FileType::Document, d),
            Self::Video(d) => (FileType::Video, d),
            Self::VideoNote(d) => (FileType::VideoNote, d),
            Self::Audio(d) => (FileType::Audio, d),
            Self::Voice(d) => (FileType::VoiceNote, d),
            Self::Sticker(d) => (FileType::Sticker, d),
            Self::Animation(d) => (FileType::Animation, d),
            _ => return None,
        };
        Some(document_file_id(file_type, document))
    }
}

fn document_file_id(file_type: FileType, document: &Document) -> FileId {
    FileId::new(
        file_type,
        document.dc_id(),
        Some(document.file_reference().to_vec()),
        IdLocation::Common {
            id: document.id(),
            access_hash: document.access_hash(),
        },
    )
}

/// The id of a photo's largest size (its type letter is the thumbnail type).
fn photo_file_id(photo: &Photo) -> Option<FileId> {
    let location = FileLocation::photo(photo.raw())?;
    let enums::InputFileLocation::InputPhotoFileLocation(input) = &location.location else {
        return None;
    };
    let letter = input.thumb_size.bytes().next()?;
    let source = PhotoSizeSource::Thumbnail {
        file_type: FileType::Photo,
        thumbnail_type: i32::from(letter),
    };
    Some(FileId::new(
        FileType::Photo,
        photo.dc_id(),
        Some(photo.file_reference().to_vec()),
        IdLocation::Photo(PhotoLocation {
            id: photo.id(),
            access_hash: photo.access_hash(),
            source,
            legacy: None,
        }),
    ))
}
