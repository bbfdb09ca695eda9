//! Files attached to messages: [`Photo`] and [`Document`] (which also backs videos, audio,
//! voice notes, stickers, animations and video notes), with their raw objects reachable.

use pyro_tl_types::api::{enums, types};

/// A photo: its raw object plus how the message shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    raw: types::Photo,
    spoiler: bool,
    ttl_seconds: Option<i32>,
}

impl Photo {
    /// A photo from a raw `messageMediaPhoto`; `None` when the photo is missing or
    /// `photoEmpty` (expired self-destructing photos, for instance).
    pub fn from_media(media: &types::MessageMediaPhoto) -> Option<Self> {
        let raw = match media.photo.as_ref()? {
            enums::Photo::Photo(photo) => (**photo).clone(),
            enums::Photo::Empty(_) => return None,
        };
        Some(Self {
            raw,
            spoiler: media.spoiler,
            ttl_seconds: media.ttl_seconds,
        })
    }

    /// The raw `photo`.
    pub fn raw(&self) -> &types::Photo {
        &self.raw
    }

    /// The photo's id.
    pub fn id(&self) -> i64 {
        self.raw.id
    }

    /// The access hash (with [`Photo::file_reference`], what a download needs).
    pub fn access_hash(&self) -> i64 {
        self.raw.access_hash
    }

    /// The file reference (expires; refetch the message to refresh it).
    pub fn file_reference(&self) -> &[u8] {
        &self.raw.file_reference
    }

    /// The DC that stores the photo.
    pub fn dc_id(&self) -> i32 {
        self.raw.dc_id
    }

    /// Upload time (Unix).
    pub fn date(&self) -> i32 {
        self.raw.date
    }

    /// The available sizes (thumbnails and full sizes), raw.
    pub fn sizes(&self) -> &[enums::PhotoSize] {
        &self.raw.sizes
    }

    /// Whether the photo is hidden behind a spoiler.
    pub fn has_spoiler(&self) -> bool {
        self.spoiler
    }

    /// Seconds until a self-destructing photo disappears after opening.
    pub fn ttl_seconds(&self) -> Option<i32> {
        self.ttl_seconds
    }
}

/// A document: any file, including the ones messages show as video, audio, voice, sticker,
/// animation or video note (see [`super::Media`] for which).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    raw: types::Document,
    spoiler: bool,
    ttl_seconds: Option<i32>,
}

impl Document {
    /// A document from a raw `messageMediaDocument`; `None` when it is missing or
    /// `documentEmpty`.
    pub fn from_media(media: &types::MessageMediaDocument) -> Option<Self> {
        let raw = Self::full(media.document.as_ref()?)?;
        Some(Self {
            raw,
            spoiler: media.spoiler,
            ttl_seconds: media.ttl_seconds,
        })
    }

    /// A document from a raw `Document` (a web page's, for instance); `None` for
    /// `documentEmpty`.
    pub fn from_raw(raw: &enums::Document) -> Option<Self> {
        Some(Self {
            raw: Self::full(raw)?,
            spoiler: false,
            ttl_seconds: None,
        })
    }

    fn full(raw: &enums::Document) -> Option<types::Document> {
        match raw {
            enums::Document::Document(doc) => Some((**doc).clone()),
            enums::Document::Empty(_) => None,
        }
    }

    /// The raw `document`.
    pub fn raw(&self) -> &types::Document {
        &self.raw
    }

    /// The document's id.
    pub fn id(&self) -> i64 {
        self.raw.id
    }

    /// The access hash (with [`Document::file_reference`], what a download needs).
    pub fn access_hash(&self) -> i64 {
        self.raw.access_hash
    }

    /// The file reference (expires; refetch the message to refresh it).
    pub fn file_reference(&self) -> &[u8] {
        &self.raw.file_reference
    }

    /// The DC that stores the file.
    pub fn dc_id(&self) -> i32 {
        self.raw.dc_id
    }

    /// The MIME type the uploader declared.
    pub fn mime_type(&self) -> &str {
        &self.raw.mime_type
    }

    /// Size in bytes.
    pub fn size(&self) -> i64 {
        self.raw.size
    }

    /// Whether the media is hidden behind a spoiler.
    pub fn has_spoiler(&self) -> bool {
        self.spoiler
    }

    /// Seconds until self-destructing media disappears after opening.
    pub fn ttl_seconds(&self) -> Option<i32> {
        self.ttl_seconds
    }

    /// The raw attributes (file name, dimensions, duration, sticker...).
    pub fn attributes(&self) -> &[enums::DocumentAttribute] {
        &self.raw.attributes
    }

    /// The original file name, if the uploader sent one.
    pub fn file_name(&self) -> Option<&str> {
        self.attributes().iter().find_map(|a| match a {
            enums::DocumentAttribute::Filename(f) => Some(f.file_name.as_str()),
            _ => None,
        })
    }

    /// Duration in seconds of a video or audio file (videos may have fractions).
    pub fn duration(&self) -> Option<f64> {
        self.attributes().iter().find_map(|a| match a {
            enums::DocumentAttribute::Video(v) => Some(v.duration),
            enums::DocumentAttribute::Audio(au) => Some(f64::from(au.duration)),
            _ => None,
        })
    }

    /// Width and height of a video, image or sticker.
    pub fn dimensions(&self) -> Option<(i32, i32)> {
        self.attributes().iter().find_map(|a| match a {
            enums::DocumentAttribute::Video(v) => Some((v.w, v.h)),
            enums::DocumentAttribute::ImageSize(i) => Some((i.w, i.h)),
            _ => None,
        })
    }

    /// The emoji a sticker stands for.
    pub fn sticker_emoji(&self) -> Option<&str> {
        self.attributes().iter().find_map(|a| match a {
            enums::DocumentAttribute::Sticker(s) => Some(s.alt.as_str()),
            _ => None,
        })
    }

    /// Title and performer of a music file.
    pub fn audio_title(&self) -> (Option<&str>, Option<&str>) {
        self.audio().map_or((None, None), |a| {
            (a.title.as_deref(), a.performer.as_deref())
        })
    }

    /// The waveform of a voice note (5-bit samples, packed), if sent.
    pub fn waveform(&self) -> Option<&[u8]> {
        self.audio().and_then(|a| a.waveform.as_deref())
    }

    fn audio(&self) -> Option<&types::DocumentAttributeAudio> {
        self.attributes().iter().find_map(|a| match a {
            enums::DocumentAttribute::Audio(au) => Some(&**au),
            _ => None,
        })
    }

    /// How a message shows this document, from its attributes and the media's flags (a
    /// sticker first, then an animation, a video or video note, a voice note or music file).
    pub(crate) fn kind(&self, media: &types::MessageMediaDocument) -> DocumentKind {
        let mut kind = DocumentKind::File;
        for attribute in self.attributes() {
            match attribute {
                enums::DocumentAttribute::Sticker(_) => return DocumentKind::Sticker,
                enums::DocumentAttribute::Animated => kind = DocumentKind::Animation,
                enums::DocumentAttribute::Video(v) if kind != DocumentKind::Animation => {
                    kind = if v.round_message || media.round {
                        DocumentKind::VideoNote
                    } else {
                        DocumentKind::Video
                    };
                }
                enums::DocumentAttribute::Audio(a) if kind == DocumentKind::File => {
                    kind = if a.voice || media.voice {
                        DocumentKind::Voice
                    } else {
                        DocumentKind::Audio
                    };
                }
                _ => {}
            }
        }
        kind
    }
}

/// How a message shows a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocumentKind {
    File,
    Video,
    VideoNote,
    Audio,
    Voice,
    Sticker,
    Animation,
}
