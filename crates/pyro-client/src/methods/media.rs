//! Sending media, as Pyrogram names it: `send_photo`, `send_document`, `send_video`,
//! `send_audio`, `send_voice`, `send_animation`, `send_sticker`.
//!
//! Each takes a [`MediaSource`] (a path, bytes, a reader, a Bot API `file_id` re-sent without
//! uploading, or an [`UploadedFile`]) and [`MediaOptions`]: the caption, with the parse mode,
//! reply, keyboard and silent flag of [`SendOptions`]; a thumbnail, spoiler and self-destruct
//! timer; and the kind's metadata (duration, dimensions, title, performer, waveform, emoji).
//! Documents get their file name and a MIME type guessed from their first bytes
//! ([`crate::files::guess_mime`]).

use std::fmt;
use std::path::PathBuf;

use tokio::io::AsyncRead;

use super::media_input::SendKind;
use super::options::SendOptions;
use crate::Client;
use crate::files::{TransferError, TransferOptions, UploadedFile};
use crate::peers::IntoPeerQuery;
use crate::types::Message;

/// Where the file of a sent medium comes from.
pub enum MediaSource {
    /// A file on disk, uploaded (its name is the path's last component).
    Path(PathBuf),
    /// Bytes in memory, uploaded under `name`.
    Bytes {
        /// The content.
        bytes: Vec<u8>,
        /// The file name shown to recipients.
        name: String,
    },
    /// `size` bytes read from `reader`, uploaded under `name`.
    Reader {
        /// The content.
        reader: Box<dyn AsyncRead + Send + Unpin>,
        /// How many bytes to read.
        size: u64,
        /// The file name shown to recipients.
        name: String,
    },
    /// A Bot API `file_id` of a file Telegram already has: sent again without uploading.
    FileId(String),
    /// A file already uploaded with [`Client::upload_bytes`] and friends.
    Uploaded(UploadedFile),
}

impl MediaSource {
    /// A file on disk.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self::Path(path.into())
    }

    /// Bytes in memory, named `name`.
    pub fn bytes(bytes: impl Into<Vec<u8>>, name: impl Into<String>) -> Self {
        Self::Bytes {
            bytes: bytes.into(),
            name: name.into(),
        }
    }

    /// `size` bytes of `reader`, named `name`.
    pub fn reader(
        reader: impl AsyncRead + Send + Unpin + 'static,
        size: u64,
        name: impl Into<String>,
    ) -> Self {
        Self::Reader {
            reader: Box::new(reader),
            size,
            name: name.into(),
        }
    }

    /// A Bot API `file_id`.
    pub fn file_id(id: impl Into<String>) -> Self {
        Self::FileId(id.into())
    }
}

impl From<UploadedFile> for MediaSource {
    fn from(file: UploadedFile) -> Self {
        Self::Uploaded(file)
    }
}

impl fmt::Debug for MediaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Self::Bytes { bytes, name } => f
                .debug_struct("Bytes")
                .field("len", &bytes.len())
                .field("name", name)
                .finish(),
            Self::Reader { size, name, .. } => f
                .debug_struct("Reader")
                .field("size", size)
                .field("name", name)
                .finish_non_exhaustive(),
            Self::FileId(id) => f.debug_tuple("FileId").field(id).finish(),
            Self::Uploaded(file) => f.debug_tuple("Uploaded").field(file).finish(),
        }
    }
}

/// How a medium is sent. Metadata that does not apply to a kind is ignored (a title on a
/// photo, dimensions on a voice note).
#[derive(Debug, Default)]
pub struct MediaOptions {
    /// The caption (read with `send.parse_mode`).
    pub caption: String,
    /// The caption's parse mode, the reply, the keyboard and silent delivery, as for text
    /// messages (`no_webpage` does not apply).
    pub send: SendOptions,
    /// A JPEG thumbnail (at most 320 px a side, 200 KiB) for documents, videos and audio.
    pub thumbnail: Option<MediaSource>,
    /// Hide the photo or video behind a spoiler.
    pub spoiler: bool,
    /// Seconds a private chat's photo or video lives after it is opened.
    pub ttl_seconds: Option<i32>,
    /// The file name shown (default: the source's name).
    pub file_name: Option<String>,
    /// The MIME type (default: guessed from the content, then the name).
    pub mime_type: Option<String>,
    /// Duration in seconds of a video, animation, audio or voice note.
    pub duration: f64,
    /// Width and height of a video or animation.
    pub dimensions: Option<(i32, i32)>,
    /// Whether a video can be played while it downloads (MP4 with the index first).
    pub supports_streaming: bool,
    /// The title of a music file.
    pub title: Option<String>,
    /// The performer of a music file.
    pub performer: Option<String>,
    /// A voice note's waveform (5-bit samples, packed).
    pub waveform: Option<Vec<u8>>,
    /// The emoji a sticker stands for.
    pub emoji: String,
    /// Parallelism, progress and cancellation of the upload.
    pub transfer: TransferOptions,
}

impl MediaOptions {
    /// Default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the caption.
    #[must_use]
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        self.caption = caption.into();
        self
    }

    /// Sets the caption's parse mode, the reply, the keyboard and silent delivery.
    #[must_use]
    pub fn send(mut self, send: SendOptions) -> Self {
        self.send = send;
        self
    }

    /// Adds a thumbnail.
    #[must_use]
    pub fn thumbnail(mut self, thumbnail: MediaSource) -> Self {
        self.thumbnail = Some(thumbnail);
        self
    }

    /// Hides the medium behind a spoiler.
    #[must_use]
    pub fn spoiler(mut self) -> Self {
        self.spoiler = true;
        self
    }

    /// Makes the medium self-destruct `seconds` after it is opened.
    #[must_use]
    pub fn ttl_seconds(mut self, seconds: i32) -> Self {
        self.ttl_seconds = Some(seconds);
        self
    }

    /// Sets the file name.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the MIME type instead of guessing it.
    #[must_use]
    pub fn mime_type(mut self, mime: impl Into<String>) -> Self {
        self.mime_type = Some(mime.into());
        self
    }

    /// Sets the duration in seconds.
    #[must_use]
    pub fn duration(mut self, seconds: f64) -> Self {
        self.duration = seconds;
        self
    }

    /// Sets width and height.
    #[must_use]
    pub fn dimensions(mut self, width: i32, height: i32) -> Self {
        self.dimensions = Some((width, height));
        self
    }

    /// Marks a video as streamable.
    #[must_use]
    pub fn supports_streaming(mut self) -> Self {
        self.supports_streaming = true;
        self
    }

    /// Sets a music file's title and performer.
    #[must_use]
    pub fn track(mut self, title: impl Into<String>, performer: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self.performer = Some(performer.into());
        self
    }

    /// Sets a voice note's waveform.
    #[must_use]
    pub fn waveform(mut self, waveform: impl Into<Vec<u8>>) -> Self {
        self.waveform = Some(waveform.into());
        self
    }

    /// Sets a sticker's emoji.
    #[must_use]
    pub fn emoji(mut self, emoji: impl Into<String>) -> Self {
        self.emoji = emoji.into();
        self
    }

    /// Sets the upload's parallelism, progress and cancellation.
    #[must_use]
    pub fn transfer(mut self, transfer: TransferOptions) -> Self {
        self.transfer = transfer;
        self
    }
}

/// The public `send_*` methods: one per kind, all through [`Client::send_kind`].
macro_rules! send_methods {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {
        impl Client {
            $(
                $(#[$doc])*
                pub async fn $name(
                    &self,
                    chat: impl IntoPeerQuery,
                    media: MediaSource,
                    options: MediaOptions,
                ) -> Result<Option<Message>, TransferError> {
                    self.send_kind(chat, SendKind::$kind, media, options).await
                }
            )*
        }
    };
}

send_methods! {
    /// Sends a photo (Telegram recompresses it; JPEG, PNG or WebP up to 10 MB).
    send_photo => Photo;
    /// Sends a file as a document, with its file name and MIME type.
    send_document => Document;
    /// Sends a video (duration, dimensions and streaming support from the options).
    send_video => Video;
    /// Sends a music file (duration, title and performer from the options).
    send_audio => Audio;
    /// Sends a voice note (OGG/Opus; duration and waveform from the options).
    send_voice => Voice;
    /// Sends an animation: a GIF or a silent MP4 video.
    send_animation => Animation;
    /// Sends a sticker (WebP, animated TGS or video WebM; its emoji from the options).
    send_sticker => Sticker;
}
