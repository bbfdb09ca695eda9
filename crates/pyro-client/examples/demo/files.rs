//! The demo's file transfer, shared by the example and its test (`tests/files_large.rs`): a bot
//! on an embedded test DC uploads a file over four media connections, sends it to its Saved
//! Messages as a document and downloads it again, with a progress bar each way; the SHA-256 of
//! the download must equal the upload's, and both speeds are printed.

use std::collections::hash_map::RandomState;
use std::error::Error;
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pyro_client::Client;
use pyro_client::files::{FileLocation, TransferOptions};
use pyro_client::tl::{enums, functions, types};
use pyro_test_dc::{Seed, SeedUser, TestDc};
use sha2::{Digest, Sha256};

/// What the transfer returns on failure.
pub(crate) type FilesResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// The size the example transfers (64 MiB).
pub(crate) const DEMO_FILE_SIZE: usize = 64 * 1024 * 1024;

/// The embedded deployment's bot.
const BOT_TOKEN: &str = "200:pyro-files-bot";
/// Media connections, and parts in flight on each.
const CONNECTIONS: usize = 4;
const PARTS_PER_CONNECTION: usize = 4;

/// What one round trip measured.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FilesReport {
    /// Bytes sent and received.
    pub(crate) size: usize,
    /// Time of the upload.
    pub(crate) upload: Duration,
    /// Time of the download.
    pub(crate) download: Duration,
    /// SHA-256 of the uploaded bytes, which the download matched.
    pub(crate) sha256: [u8; 32],
}

/// Megabytes (10^6 bytes) per second.
#[allow(clippy::cast_precision_loss)] // a file size far below 2^52 bytes
pub(crate) fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

/// `len` bytes of xorshift64 output: incompressible, and a different file for each `seed`.
fn content(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A progress bar for `len` bytes, drawn on stderr when `visible`.
fn bar(len: usize, label: &'static str, visible: bool) -> ProgressBar {
    let target = if visible {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    let style = ProgressStyle::with_template(
        "{msg:>8} [{bar:40.cyan/blue}] {bytes:>10}/{total_bytes} {bytes_per_sec:>12}",
    )
    .map_or_else(
        |_| ProgressStyle::default_bar(),
        |s| s.progress_chars("=> "),
    );
    bar.set_style(style);
    bar.set_message(label);
    bar
}

/// Transfer options whose progress moves `bar`.
fn options(bar: &ProgressBar) -> TransferOptions {
    let bar = bar.clone();
    TransferOptions::default()
        .parallelism(CONNECTIONS * PARTS_PER_CONNECTION)
        .progress(move |done, _| bar.set_position(done))
}

/// Sends an upload to the bot's Saved Messages; returns where the document can be downloaded.
async fn send_to_self(client: &Client, file: enums::InputFile) -> FilesResult<FileLocation> {
    let updates = client
        .invoke(&functions::messages::SendMedia {
            peer: enums::InputPeer::InputPeerSelf,
            media: enums::InputMedia::UploadedDocument(Box::new(
                types::InputMediaUploadedDocument {
                    file,
                    mime_type: "application/octet-stream".into(),
                    attributes: vec![enums::DocumentAttribute::Filename(
                        types::DocumentAttributeFilename {
                            file_name: "demo.bin".into(),
                        },
                    )],
                    ..Default::default()
                },
            )),
            // Unique per send (Telegram refuses a repeated one as RANDOM_ID_DUPLICATE).
            random_id: RandomState::new().hash_one(Instant::now()).cast_signed(),
            ..Default::default()
        })
        .await?;
    let list = match &updates {
        enums::Updates::Updates(u) => &u.updates,
        enums::Updates::Combined(u) => &u.updates,
        _ => return Err("sendMedia answered without a message".into()),
    };
    list.iter()
        .find_map(|update| match update {
            enums::Update::NewMessage(u) => match &u.message {
                enums::Message::Message(m) => m.media.as_ref().and_then(FileLocation::from_media),
                _ => None,
            },
            _ => None,
        })
        .ok_or_else(|| "the sent message has no document".into())
}

/// Starts a test DC, logs a bot in, uploads `size` bytes, sends them to itself and downloads
/// them again; `step` gets each line to print. Fails if the SHA-256 of the download differs.
pub(crate) async fn run_embedded(
    size: usize,
    visible: bool,
    mut step: impl FnMut(String),
) -> FilesResult<FilesReport> {
    let seed = Seed::new().user(SeedUser::bot("files", BOT_TOKEN, "Files Bot"));
    let dc = TestDc::builder().seed(seed).start().await?;
    let info = dc.dcs()[0].clone();
    let client = Client::builder(1, "pyro-demo")
        .in_memory()
        .dc(info.id, info.addr)
        .rsa_key_pem(info.public_pem.clone())
        .media_connections(CONNECTIONS)
        .connect()
        .await?;
    client.sign_in_bot(BOT_TOKEN).await?;
    let bytes = content(size, size as u64);
    let sha256: [u8; 32] = Sha256::digest(&bytes).into();
    step(format!(
        "files: {} MiB (SHA-256 {}) over {CONNECTIONS} media connections",
        size >> 20,
        hex(&sha256[..8])
    ));

    let up = bar(size, "upload", visible);
    let t = Instant::now();
    let uploaded = client
        .upload_reader(&bytes[..], size as u64, "demo.bin", &options(&up))
        .await?;
    let upload = t.elapsed();
    up.finish_and_clear();
    step(format!(
        "uploaded {} parts in {:.0} ms: {:.0} MB/s",
        uploaded.parts,
        upload.as_secs_f64() * 1000.0,
        mb_per_s(size, upload)
    ));
    let location = send_to_self(&client, uploaded.input_file).await?;

    let down = bar(size, "download", visible);
    let t = Instant::now();
    let back = client.download_to_vec(&location, &options(&down)).await?;
    let download = t.elapsed();
    down.finish_and_clear();
    step(format!(
        "downloaded in {:.0} ms: {:.0} MB/s",
        download.as_secs_f64() * 1000.0,
        mb_per_s(size, download)
    ));
    let back_sha256: [u8; 32] = Sha256::digest(&back).into();
    if back_sha256 != sha256 {
        return Err(format!(
            "the download's SHA-256 {} differs from the upload's {}",
            hex(&back_sha256),
            hex(&sha256)
        )
        .into());
    }
    step(format!(
        "SHA-256 of the download matches ({})",
        hex(&sha256[..8])
    ));
    dc.shutdown().await;
    Ok(FilesReport {
        size,
        upload,
        download,
        sha256,
    })
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}
