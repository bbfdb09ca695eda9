//! File transfers: parallel uploads and downloads in 512 KiB parts over the client's media
//! sessions, with progress and cancellation.
//!
//! Telegram's rules (core.telegram.org/api/files): a file is uploaded in parts of at most
//! 512 KiB, with `upload.saveFilePart` up to 10 MiB and `upload.saveBigFilePart` above (which
//! names the total number of parts), at most 4000 parts; a small upload carries the MD5 of its
//! bytes. The limits are 2000 MiB per file, 4000 MiB for premium accounts, and are checked before
//! anything is sent. Downloads ask `upload.getFile` for 512 KiB windows, which are aligned to
//! 4 KiB and never cross a 1 MiB boundary.
//!
//! - [`Client::upload_bytes`], [`Client::upload_file`] and [`Client::upload_reader`] send
//!   [`TransferOptions::parallelism`] parts at once (each request goes to the next of the
//!   client's media sessions, [`ClientBuilder::media_connections`]); a part that fails on the
//!   network is sent again, and an upload that cannot send every part is an error.
//! - [`Client::download`] writes a file to any `AsyncWrite`, [`Client::download_to_vec`] keeps
//!   it in memory and [`Client::download_to_path`] writes `NAME.pyro-part` beside the target and
//!   renames it only once every byte is there. `FILE_MIGRATE_X` is followed by the client.
//!   [`Client::download_stream`] reads any byte range as a `Stream` of chunks, for streaming
//!   media (aligned windows, trimmed to the range).
//! - A [`FileLocation`] found in a message carries its [`FileOrigin`]: when Telegram answers
//!   `FILE_REFERENCE_EXPIRED`, the message is fetched again and the download goes on with the
//!   fresh reference.
//! - [`guess_mime`] names a file's type from its first bytes ([`sniff_mime`]), then from its
//!   name; the `send_*` methods ([`Client::send_document`]...) use it.
//! - [`TransferOptions::progress`] is called with (bytes done, total) as parts complete, and a
//!   [`CancelToken`] stops a transfer between parts: the call ends with
//!   [`TransferError::Cancelled`] and no partial file stays behind.
//!
//! # Example
//!
//! ```
//! use pyro_client::files::{FileLocation, TransferOptions};
//! use pyro_client::tl::{enums, functions};
//! use pyro_client::Client;
//! use pyro_test_dc::{Seed, SeedUser, TestDc};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let runtime = tokio::runtime::Runtime::new()?;
//! # runtime.block_on(async {
//! let seed = Seed::new().user(SeedUser::bot("helper", "42:TOKEN", "Helper"));
//! let dc = TestDc::builder().seed(seed).start().await?;
//! let mut builder = Client::builder(12345, "0123456789abcdef").in_memory();
//! for info in dc.dcs() {
//!     builder = builder.dc(info.id, info.addr).rsa_key_pem(info.public_pem.clone());
//! }
//! let client = builder.connect().await?;
//! client
//!     .invoke(&functions::auth::ImportBotAuthorization {
//!         flags: 0,
//!         api_id: client.api_id(),
//!         api_hash: client.api_hash().to_owned(),
//!         bot_auth_token: "42:TOKEN".to_owned(),
//!     })
//!     .await?;
//!
//! let bytes: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
//! let uploaded = client
//!     .upload_bytes(bytes.clone(), "data.bin", &TransferOptions::default())
//!     .await?;
//! assert_eq!(uploaded.parts, 2);
//! assert!(matches!(uploaded.input_file, enums::InputFile::InputFile(_)));
//! # dc.shutdown().await;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })
//! # }
//! ```
//!
//! [`Client::upload_bytes`]: crate::Client::upload_bytes
//! [`Client::upload_file`]: crate::Client::upload_file
//! [`Client::upload_reader`]: crate::Client::upload_reader
//! [`Client::download`]: crate::Client::download
//! [`Client::download_to_vec`]: crate::Client::download_to_vec
//! [`Client::download_to_path`]: crate::Client::download_to_path
//! [`Client::download_stream`]: crate::Client::download_stream
//! [`Client::send_document`]: crate::Client::send_document
//! [`ClientBuilder::media_connections`]: crate::ClientBuilder::media_connections

mod control;
mod download;
mod fetch;
mod location;
mod mime;
mod origin;
mod parts;
mod stream;
mod upload;

pub use control::{CancelToken, ProgressFn, TransferError, TransferOptions};
pub use location::FileLocation;
pub use mime::{DEFAULT_MIME, SNIFF_LEN, guess_mime, mime_from_extension, sniff_mime};
pub use origin::FileOrigin;
pub use stream::FileStream;
pub use upload::UploadedFile;

/// Size of every part but the last, and of every download window (512 KiB, Telegram's largest).
pub const PART_SIZE: usize = 512 * 1024;
/// Uploads larger than this use `upload.saveBigFilePart` (10 MiB).
pub const BIG_FILE_THRESHOLD: u64 = 10 * 1024 * 1024;
/// Largest file for an ordinary account (2000 MiB).
pub const SIZE_LIMIT: u64 = 2000 * 1024 * 1024;
/// Largest file for a premium account (4000 MiB).
pub const PREMIUM_SIZE_LIMIT: u64 = 4000 * 1024 * 1024;
