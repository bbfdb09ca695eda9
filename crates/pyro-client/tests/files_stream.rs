//! Downloads as a `Stream` end to end: byte ranges at odd offsets and lengths (the test DC
//! refuses any window that is not 4 KiB-aligned, does not divide 1 MiB or crosses a 1 MiB
//! boundary, so each passing range shows the client aligned its requests and trimmed the
//! answers), every window size, progress, cancellation and ranges past the end.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod media_support;

use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures_core::Stream;
use media_support::{content, document, sent, start_plain};
use pyro_client::files::{CancelToken, FileLocation, FileStream, TransferError, TransferOptions};
use pyro_client::methods::{MediaOptions, MediaSource};

/// Every chunk of a stream, polled through the `Stream` trait.
async fn collect(mut stream: FileStream) -> Result<Vec<u8>, TransferError> {
    let mut out = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        out.extend_from_slice(&chunk?);
    }
    assert_eq!(stream.remaining(), 0);
    Ok(out)
}

/// A 2.3 MiB document in Saved Messages and its bytes.
async fn stored(client: &pyro_client::Client) -> (FileLocation, Vec<u8>) {
    let bytes = content(b"\0\0\0\x18ftypmp42", 2_400_000);
    let message = sent(
        client
            .send_video(
                "me",
                MediaSource::bytes(bytes.clone(), "v.mp4"),
                MediaOptions::new(),
            )
            .await
            .unwrap(),
    );
    assert_eq!(document(&message).size(), bytes.len() as i64);
    (message.file_location().unwrap(), bytes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_ranges_are_aligned_for_the_server_and_trimmed_for_the_caller() {
    let (dc, client) = start_plain().await;
    let (file, bytes) = stored(&client).await;
    let size = bytes.len() as u64;
    let options = TransferOptions::default();
    let ranges = [
        (0, 1),
        (1, 4095),
        (4095, 2),
        (12_345, 1_048_577),
        (524_287, 524_290),
        (1_048_575, 3),
        (777_777, 1_111_111),
        (size - 7, 100),
        (0, u64::MAX),
    ];
    for window in [4096, 65_536, 100_000, 512 * 1024, 1 << 20, 8 << 20] {
        for (offset, limit) in ranges {
            let stream = client
                .download_stream(&file, offset, limit, &options)
                .window_size(window);
            let got = collect(stream).await.unwrap();
            let start = offset as usize;
            let end = offset.saturating_add(limit).min(size) as usize;
            assert!(
                got == bytes[start..end],
                "window {window}, range {offset}+{limit}: {} bytes, expected {}",
                got.len(),
                end - start
            );
        }
    }
    // Past the end: nothing, and no request.
    let past = client.download_stream(&file, size + 5, 10, &options);
    assert!(collect(past).await.unwrap().is_empty());
    let empty = client.download_stream(&file, 100, 0, &options);
    assert!(collect(empty).await.unwrap().is_empty());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunks_follow_the_windows_and_report_progress() {
    let (dc, client) = start_plain().await;
    let (file, bytes) = stored(&client).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let options = TransferOptions::default().progress(move |done, total| {
        log.lock().unwrap().push((done, total));
    });
    // 100 000 bytes from 10 000 in 64 KiB windows: chunks end on 64 KiB boundaries.
    let mut stream = client
        .download_stream(&file, 10_000, 100_000, &options)
        .window_size(65_536);
    let mut lengths = Vec::new();
    while let Some(chunk) = stream.next().await {
        lengths.push(chunk.unwrap().len());
    }
    assert_eq!(lengths, [65_536 - 10_000, 100_000 - (65_536 - 10_000)]);
    let progress = seen.lock().unwrap().clone();
    assert_eq!(progress, [(55_536, 100_000), (100_000, 100_000)]);
    assert!(bytes.len() > 110_000);

    // Cancelled before reading: the first item is the cancellation, then nothing.
    let token = CancelToken::new();
    let options = TransferOptions::default().cancel(token.clone());
    let mut stream = client.download_stream(&file, 0, u64::MAX, &options);
    assert!(stream.next().await.unwrap().is_ok());
    token.cancel();
    assert!(matches!(
        stream.next().await,
        Some(Err(TransferError::Cancelled))
    ));
    assert!(stream.next().await.is_none());
    dc.shutdown().await;
}
