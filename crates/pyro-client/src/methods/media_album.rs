//! Albums (`send_media_group`): up to ten photos, videos, documents or audio files sent as one
//! group. Each upload first becomes a stored photo or document through `messages.uploadMedia`
//! (albums take only media Telegram already has), then `messages.sendMultiMedia` sends them
//! together; Telegram gives the messages one `grouped_id`.

use pyro_tl_types::api::{enums, functions, types};

use super::common::{messages_in_answer, target};
use super::media::{MediaOptions, MediaSource};
use super::media_input::SendKind;
use super::messages::{input_media, reply_header};
use crate::client::{Client, Error};
use crate::files::TransferError;
use crate::peers::IntoPeerQuery;
use crate::types::Message;
use crate::types::bound::random_id;

/// Most items in one album (Telegram's limit).
pub const ALBUM_MAX: usize = 10;

/// One item of an album: what it is, its file, and its caption and metadata.
#[derive(Debug)]
pub struct AlbumItem {
    kind: SendKind,
    source: MediaSource,
    options: MediaOptions,
}

impl AlbumItem {
    fn new(kind: SendKind, source: MediaSource) -> Self {
        Self {
            kind,
            source,
            options: MediaOptions::default(),
        }
    }

    /// A photo.
    pub fn photo(source: MediaSource) -> Self {
        Self::new(SendKind::Photo, source)
    }

    /// A video.
    pub fn video(source: MediaSource) -> Self {
        Self::new(SendKind::Video, source)
    }

    /// A document (an album of documents holds only documents).
    pub fn document(source: MediaSource) -> Self {
        Self::new(SendKind::Document, source)
    }

    /// A music file (an album of audio holds only audio).
    pub fn audio(source: MediaSource) -> Self {
        Self::new(SendKind::Audio, source)
    }

    /// Sets the item's caption, metadata and upload options (reply and markup do not apply
    /// per item; the first item's `send.reply_to` and `send.silent` apply to the album).
    #[must_use]
    pub fn options(mut self, options: MediaOptions) -> Self {
        self.options = options;
        self
    }
}

impl Client {
    /// Sends an album of 1 to [`ALBUM_MAX`] items to `chat`; the sent messages, in order
    /// (they share [`Message::media_group_id`]).
    pub async fn send_media_group(
        &self,
        chat: impl IntoPeerQuery,
        items: Vec<AlbumItem>,
    ) -> Result<Vec<Message>, TransferError> {
        if items.is_empty() || items.len() > ALBUM_MAX {
            let problem = format!("an album holds 1 to {ALBUM_MAX} items, not {}", items.len());
            return Err(Error::Config(problem).into());
        }
        let to = target(self, chat).await?;
        let peer = to.input_peer();
        let reply_to = items.first().and_then(|item| item.options.send.reply_to);
        let silent = items.first().is_some_and(|item| item.options.send.silent);
        let mut multi_media = Vec::with_capacity(items.len());
        for AlbumItem {
            kind,
            source,
            mut options,
        } in items
        {
            let caption = options.send.parse_mode.parse(&options.caption)?;
            let mut media = self.input_media_of(kind, source, &mut options).await?;
            if matches!(
                media,
                enums::InputMedia::UploadedPhoto(_) | enums::InputMedia::UploadedDocument(_)
            ) {
                let stored = self
                    .invoke(&functions::messages::UploadMedia {
                        business_connection_id: None,
                        peer: peer.clone(),
                        media,
                    })
                    .await?;
                media = input_media(&stored)?;
                keep_flags(&mut media, &options);
            }
            multi_media.push(enums::InputSingleMedia::InputSingleMedia(Box::new(
                types::InputSingleMedia {
                    media,
                    random_id: random_id(),
                    message: caption.text,
                    entities: (!caption.entities.is_empty()).then_some(caption.entities),
                },
            )));
        }
        let request = functions::messages::SendMultiMedia {
            peer,
            reply_to: reply_to.map(reply_header),
            multi_media,
            silent,
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        Ok(messages_in_answer(answer, self, &to.chat, None))
    }
}

/// Puts the item's spoiler and timer back on media re-sent by id (`uploadMedia`'s answer
/// describes the stored file, not how this message shows it).
fn keep_flags(media: &mut enums::InputMedia, options: &MediaOptions) {
    match media {
        enums::InputMedia::Photo(p) => {
            p.spoiler = options.spoiler;
            p.ttl_seconds = options.ttl_seconds;
        }
        enums::InputMedia::Document(d) => {
            d.spoiler = options.spoiler;
            d.ttl_seconds = options.ttl_seconds;
        }
        _ => {}
    }
}
