//! Expired file references end to end: the test DC issues references per hour of its clock
//! (`Faults::file_reference_ttl`) and answers `FILE_REFERENCE_EXPIRED` to older ones; a download
//! that knows its message refetches it (`messages.getMessages`, or `channels.getMessages` in a
//! supergroup) and goes on, one without an origin fails with the server's error, and a deleted
//! message leaves nothing to refresh from.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod media_support;

use media_support::{GROUP, content, document, sent, start};
use pyro_client::client::Error;
use pyro_client::files::{FileLocation, TransferError, TransferOptions};
use pyro_client::methods::{MediaOptions, MediaSource};
use pyro_test_dc::{Faults, ManualClock};

/// References live one hour.
const TTL: i32 = 3600;

fn expiring() -> Faults {
    Faults {
        file_reference_ttl: Some(TTL),
        ..Faults::default()
    }
}

fn is_expired(result: &Result<Vec<u8>, TransferError>) -> bool {
    matches!(result, Err(TransferError::Client(Error::Rpc(rpc))) if rpc.name == "FILE_REFERENCE_EXPIRED")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_references_are_refreshed_from_the_message() {
    let clock = ManualClock::new(1_700_000_000);
    let (dc, client) = start(&clock, expiring()).await;
    // Three windows, so several parts meet the expiry at once and share one refresh.
    let bytes = content(b"%PDF-1.5\n", 1_300_000);
    for chat in ["me", GROUP] {
        let message = sent(
            client
                .send_document(
                    chat,
                    MediaSource::bytes(bytes.clone(), "big.pdf"),
                    MediaOptions::new(),
                )
                .await
                .unwrap(),
        );
        let located = message.file_location().unwrap();
        assert!(located.origin.is_some());
        let bare = FileLocation::document(document(&message).raw());
        let options = TransferOptions::default();
        // Fresh: both work.
        assert!(client.download_to_vec(&bare, &options).await.unwrap() == bytes);

        clock.advance(TTL + 1);
        // Without an origin the expiry is the answer; with one, the message is fetched again.
        assert!(
            is_expired(&client.download_to_vec(&bare, &options).await),
            "{chat}"
        );
        assert!(
            message.download().await.unwrap() == bytes,
            "{chat}: refreshed download differs"
        );
        // The location keeps the fresh reference for later downloads, and refreshes again
        // after another expiry.
        assert!(client.download_to_vec(&located, &options).await.unwrap() == bytes);
        clock.advance(TTL);
        assert!(client.download_to_vec(&located, &options).await.unwrap() == bytes);
        let mut stream = client.download_stream(&located, 5, 10, &options);
        assert!(stream.next().await.unwrap().unwrap() == bytes[5..15]);
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_message_leaves_the_expiry_standing() {
    let clock = ManualClock::new(1_700_000_000);
    let (dc, client) = start(&clock, expiring()).await;
    let bytes = content(b"PK\x03\x04", 10_000);
    let message = sent(
        client
            .send_document(
                "me",
                MediaSource::bytes(bytes.clone(), "a.zip"),
                MediaOptions::new(),
            )
            .await
            .unwrap(),
    );
    assert_eq!(document(&message).mime_type(), "application/zip");
    let located = message.file_location().unwrap();
    message.delete(true).await.unwrap();
    clock.advance(TTL + 1);
    let result = client
        .download_to_vec(&located, &TransferOptions::default())
        .await;
    assert!(is_expired(&result), "{result:?}");
    dc.shutdown().await;
}
