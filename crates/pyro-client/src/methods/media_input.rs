//! Turning a [`MediaSource`] and [`MediaOptions`] into the `InputMedia` Telegram takes:
//! uploading the file (and thumbnail), guessing the MIME type from the first bytes, writing the
//! kind's document attributes, or naming an existing file by its Bot API `file_id`.

use pyro_tl_types::api::{enums, functions, types};
use tokio::io::{AsyncRead, AsyncReadExt};

use super::common::target;
use super::media::{MediaOptions, MediaSource};
use crate::client::{Client, Error};
use crate::file_id::FileId;
use crate::files::{DEFAULT_MIME, SNIFF_LEN, TransferError, TransferOptions, guess_mime};
use crate::peers::IntoPeerQuery;
use crate::types::bound::{Sent, message_in_answer, random_id};
use crate::types::{Message, ReplyMarkup};

/// What a medium is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SendKind {
    Photo,
    Document,
    Video,
    Audio,
    Voice,
    Animation,
    Sticker,
}

impl SendKind {
    /// The MIME type when neither the content nor the name tells (the format each kind is
    /// normally sent in).
    fn fallback_mime(self) -> &'static str {
        match self {
            Self::Video | Self::Animation => "video/mp4",
            Self::Audio => "audio/mpeg",
            Self::Voice => "audio/ogg",
            Self::Sticker => "image/webp",
            Self::Photo | Self::Document => DEFAULT_MIME,
        }
    }

    /// The document attributes of this kind (the file name last, except for voice notes,
    /// which show none).
    fn attributes(self, options: &MediaOptions, name: &str) -> Vec<enums::DocumentAttribute> {
        let (w, h) = options.dimensions.unwrap_or_default();
        let video = || {
            enums::DocumentAttribute::Video(Box::new(types::DocumentAttributeVideo {
                supports_streaming: options.supports_streaming,
                duration: options.duration,
                w,
                h,
                ..Default::default()
            }))
        };
        let audio = |voice| {
            enums::DocumentAttribute::Audio(Box::new(types::DocumentAttributeAudio {
                voice,
                duration: options.duration.round() as i32,
                title: options.title.clone().filter(|_| !voice),
                performer: options.performer.clone().filter(|_| !voice),
                waveform: options.waveform.clone().filter(|_| voice),
            }))
        };
        let mut attributes = match self {
            Self::Photo | Self::Document => Vec::new(),
            Self::Video => vec![video()],
            Self::Animation => vec![enums::DocumentAttribute::Animated, video()],
            Self::Audio => vec![audio(false)],
            Self::Voice => return vec![audio(true)],
            Self::Sticker => vec![enums::DocumentAttribute::Sticker(Box::new(
                types::DocumentAttributeSticker {
                    alt: options.emoji.clone(),
                    stickerset: enums::InputStickerSet::Empty,
                    ..Default::default()
                },
            ))],
        };
        attributes.push(enums::DocumentAttribute::Filename(
            types::DocumentAttributeFilename {
                file_name: name.to_owned(),
            },
        ));
        attributes
    }
}

/// A finished upload with what the document needs from it.
struct Prepared {
    file: enums::InputFile,
    name: String,
    /// The first bytes of the content (for the MIME guess; empty for earlier uploads).
    head: Vec<u8>,
}

/// Reads up to `want` bytes (fewer only at the end of `reader`).
async fn read_head<R: AsyncRead + Unpin>(reader: &mut R, want: usize) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(want);
    reader.take(want as u64).read_to_end(&mut head).await?;
    Ok(head)
}

/// The name an earlier upload was given.
fn uploaded_name(file: &enums::InputFile) -> String {
    match file {
        enums::InputFile::InputFile(f) => f.name.clone(),
        enums::InputFile::Big(f) => f.name.clone(),
        enums::InputFile::StoryDocument(_) => String::new(),
    }
}

/// An existing file named by its `file_id`, sent again as a photo or a document.
fn reused(kind: SendKind, id: &str, options: &MediaOptions) -> Result<enums::InputMedia, Error> {
    let bad = |err| Error::Config(format!("file_id {id:?}: {err}"));
    let file_id = FileId::decode(id).map_err(bad)?;
    Ok(if kind == SendKind::Photo {
        enums::InputMedia::Photo(Box::new(types::InputMediaPhoto {
            id: file_id.to_input_photo().map_err(bad)?,
            spoiler: options.spoiler,
            ttl_seconds: options.ttl_seconds,
            ..Default::default()
        }))
    } else {
        enums::InputMedia::Document(Box::new(types::InputMediaDocument {
            id: file_id.to_input_document().map_err(bad)?,
            spoiler: options.spoiler,
            ttl_seconds: options.ttl_seconds,
            ..Default::default()
        }))
    })
}

impl Client {
    /// Uploads a source (not a `file_id`: that names a file already there).
    async fn upload_source(
        &self,
        source: MediaSource,
        transfer: &TransferOptions,
    ) -> Result<Prepared, TransferError> {
        let (uploaded, name, head) = match source {
            MediaSource::Path(path) => {
                let head = read_head(&mut tokio::fs::File::open(&path).await?, SNIFF_LEN).await?;
                let uploaded = self.upload_file(&path, transfer).await?;
                let name = uploaded_name(&uploaded.input_file);
                (uploaded, name, head)
            }
            MediaSource::Bytes { bytes, name } => {
                let head = bytes.get(..SNIFF_LEN).unwrap_or(&bytes).to_vec();
                (self.upload_bytes(bytes, &name, transfer).await?, name, head)
            }
            MediaSource::Reader {
                mut reader,
                size,
                name,
            } => {
                let want = usize::try_from(size).unwrap_or(SNIFF_LEN).min(SNIFF_LEN);
                let head = read_head(&mut reader, want).await?;
                let rest = head.as_slice().chain(reader);
                let uploaded = self.upload_reader(rest, size, &name, transfer).await?;
                (uploaded, name, head)
            }
            MediaSource::Uploaded(uploaded) => {
                let name = uploaded_name(&uploaded.input_file);
                (uploaded, name, Vec::new())
            }
            MediaSource::FileId(_) => {
                let problem = "a file_id names a file already uploaded; it cannot be uploaded";
                return Err(Error::Config(problem.into()).into());
            }
        };
        Ok(Prepared {
            file: uploaded.input_file,
            name,
            head,
        })
    }

    /// The `InputMedia` of `source` sent as `kind`: uploaded (with its thumbnail), or named by
    /// its `file_id`.
    pub(crate) async fn input_media_of(
        &self,
        kind: SendKind,
        source: MediaSource,
        options: &mut MediaOptions,
    ) -> Result<enums::InputMedia, TransferError> {
        let prepared = match source {
            MediaSource::FileId(id) => return Ok(reused(kind, &id, options)?),
            other => self.upload_source(other, &options.transfer).await?,
        };
        if kind == SendKind::Photo {
            return Ok(enums::InputMedia::UploadedPhoto(Box::new(
                types::InputMediaUploadedPhoto {
                    file: prepared.file,
                    spoiler: options.spoiler,
                    ttl_seconds: options.ttl_seconds,
                    ..Default::default()
                },
            )));
        }
        let thumb = match options.thumbnail.take() {
            Some(thumbnail) => Some(self.upload_source(thumbnail, &options.transfer).await?.file),
            None => None,
        };
        let name = options.file_name.clone().unwrap_or(prepared.name);
        let mime_type = options.mime_type.clone().unwrap_or_else(|| {
            match guess_mime(&prepared.head, &name) {
                DEFAULT_MIME => kind.fallback_mime(),
                known => known,
            }
            .to_owned()
        });
        Ok(enums::InputMedia::UploadedDocument(Box::new(
            types::InputMediaUploadedDocument {
                force_file: kind == SendKind::Document,
                spoiler: options.spoiler,
                file: prepared.file,
                thumb,
                mime_type,
                attributes: kind.attributes(options, &name),
                ttl_seconds: options.ttl_seconds,
                ..Default::default()
            },
        )))
    }

    /// Sends one medium of `kind` to `chat`; the sent message.
    pub(crate) async fn send_kind(
        &self,
        chat: impl IntoPeerQuery,
        kind: SendKind,
        source: MediaSource,
        mut options: MediaOptions,
    ) -> Result<Option<Message>, TransferError> {
        let to = target(self, chat).await?;
        let caption = options.send.parse_mode.parse(&options.caption)?;
        let media = self.input_media_of(kind, source, &mut options).await?;
        let request = functions::messages::SendMedia {
            peer: to.input_peer(),
            reply_to: options.send.reply_to.map(super::messages::reply_header),
            media,
            message: caption.text,
            entities: (!caption.entities.is_empty()).then_some(caption.entities),
            random_id: random_id(),
            reply_markup: options.send.reply_markup.as_ref().map(ReplyMarkup::to_raw),
            silent: options.send.silent,
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        let sent = Sent {
            text: &request.message,
            reply_to: options.send.reply_to,
        };
        Ok(message_in_answer(answer, self, &to.chat, Some(&sent)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_writes_its_attributes() {
        let options = MediaOptions::new()
            .duration(2.6)
            .dimensions(640, 360)
            .supports_streaming()
            .track("Song", "Band")
            .waveform(vec![1, 2, 3])
            .emoji("🙂");
        let names = |kind: SendKind| {
            kind.attributes(&options, "f.bin")
                .iter()
                .map(|a| match a {
                    enums::DocumentAttribute::Video(v) => {
                        assert_eq!((v.w, v.h, v.duration), (640, 360, 2.6));
                        assert!(v.supports_streaming);
                        "video"
                    }
                    enums::DocumentAttribute::Audio(a) if a.voice => {
                        assert_eq!(
                            (a.duration, a.waveform.as_deref()),
                            (3, Some(&[1u8, 2, 3][..]))
                        );
                        assert_eq!(a.title, None);
                        "voice"
                    }
                    enums::DocumentAttribute::Audio(a) => {
                        assert_eq!(a.title.as_deref(), Some("Song"));
                        assert_eq!(a.performer.as_deref(), Some("Band"));
                        assert_eq!(a.waveform, None);
                        "audio"
                    }
                    enums::DocumentAttribute::Animated => "animated",
                    enums::DocumentAttribute::Sticker(s) => {
                        assert_eq!(s.alt, "🙂");
                        "sticker"
                    }
                    enums::DocumentAttribute::Filename(f) => {
                        assert_eq!(f.file_name, "f.bin");
                        "name"
                    }
                    other => panic!("unexpected {other:?}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(names(SendKind::Document), ["name"]);
        assert_eq!(names(SendKind::Video), ["video", "name"]);
        assert_eq!(names(SendKind::Animation), ["animated", "video", "name"]);
        assert_eq!(names(SendKind::Audio), ["audio", "name"]);
        assert_eq!(names(SendKind::Voice), ["voice"]);
        assert_eq!(names(SendKind::Sticker), ["sticker", "name"]);
        assert_eq!(SendKind::Voice.fallback_mime(), "audio/ogg");
    }

    #[test]
    fn file_ids_are_checked_against_the_kind() {
        // A document id from Pyrogram's tests/test_file_id.py.
        let document =
            "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E";
        let options = MediaOptions::new().spoiler();
        let media = reused(SendKind::Document, document, &options).unwrap();
        assert!(matches!(
            media,
            enums::InputMedia::Document(d) if d.spoiler && matches!(
                &d.id, enums::InputDocument::InputDocument(i) if i.id == 5_312_458_109_417_947_140
            )
        ));
        assert!(matches!(
            reused(SendKind::Photo, document, &options),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            reused(SendKind::Document, "not an id", &options),
            Err(Error::Config(_))
        ));
    }
}
