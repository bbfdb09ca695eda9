//! Shared helpers of the media tests: a bot logged in on a one-DC test DC whose seed has a
//! supergroup the bot created, sample contents that carry their formats' signatures, and the
//! document of a sent message.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use pyro_client::Client;
use pyro_client::types::{Document, Media, Message};
use pyro_test_dc::{Faults, ManualClock, SeedChannel, TestDc};

#[path = "../files_support/mod.rs"]
mod files_support;

pub use files_support::{bot, pattern};

/// The seed's supergroup, created by the bot.
pub const GROUP: &str = "@club";

/// A test DC whose model clock is `clock`, with `faults`, and the bot logged in.
pub async fn start(clock: &ManualClock, faults: Faults) -> (TestDc, Client) {
    let mut club = SeedChannel::supergroup("club", "Club", "helper");
    club.username = Some("club".into());
    club.members = vec!["alice".into()];
    let dc = TestDc::builder()
        .seed(files_support::seed().channel(club))
        .clock(Arc::new(clock.clone()))
        .faults(faults)
        .start()
        .await
        .unwrap();
    let client = bot(&dc).await;
    (dc, client)
}

/// A test DC with the system-like fixed clock and no faults.
pub async fn start_plain() -> (TestDc, Client) {
    start(&ManualClock::new(1_700_000_000), Faults::default()).await
}

/// `signature` followed by `len` bytes of [`pattern`].
pub fn content(signature: &[u8], len: usize) -> Vec<u8> {
    let mut bytes = signature.to_vec();
    bytes.extend_from_slice(&pattern(len, signature.len() as u8));
    bytes
}

/// The start of an MP4 file: a `ftyp` box of brand `isom` (ISO/IEC 14496-12, 4.3).
pub const MP4: &[u8] = b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41";
/// The start of a PNG file (PNG spec, 5.2) and its `IHDR` chunk's length and type.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR";
/// The start of a JPEG file (SOI, then an APP0 marker).
pub const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0";

/// The sent message, which every send must return.
pub fn sent(message: Option<Message>) -> Message {
    message.expect("the answer carries the sent message")
}

/// The document behind a message's media.
pub fn document(message: &Message) -> Document {
    message
        .media()
        .and_then(Media::document)
        .cloned()
        .unwrap_or_else(|| panic!("no document in {:?}", message.media()))
}
