//! Transfers under trouble: files kept on another DC (`FILE_MIGRATE_X`), connections dropped
//! mid-transfer, cancellation (no partial file left), downloads to a path through a temporary
//! name, and byte ranges read chunk by chunk.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod files_support;

use files_support::{bot, pattern, round_trip, seeded_document, start_with};
use pyro_client::Client;
use pyro_client::files::{CancelToken, FileLocation, PART_SIZE, TransferError, TransferOptions};
use pyro_test_dc::{NetFaults, SeedFile, TestDc};

/// A seed whose bot got two files from Alice: 3 MiB + 5 bytes kept on DC 2, and an empty one.
fn seed_with_files() -> pyro_test_dc::Seed {
    let far = SeedFile {
        name: "far.bin".into(),
        mime_type: "application/octet-stream".into(),
        size: 3 * 1024 * 1024 + 5,
        dc: Some(2),
        ..SeedFile::default()
    };
    let empty = SeedFile {
        name: "empty.txt".into(),
        mime_type: "text/plain".into(),
        text: Some(String::new()),
        ..SeedFile::default()
    };
    files_support::seed()
        .file_message("alice", "helper", "far", far.clone())
        .file_message("alice", "helper", "empty", empty)
}

/// Two DCs seeded by [`seed_with_files`], the bot logged in, and where its DC 2 file is.
async fn far_file() -> (TestDc, Client, FileLocation) {
    let dc = start_with(seed_with_files(), 2).await;
    let client = bot(&dc).await;
    let far = seeded_document(&client, 1).await;
    (dc, client, far)
}

/// The seeded pattern of `SeedFile` (`i % 251`).
fn seeded_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_on_another_dc_are_fetched_there_even_from_a_wrong_dc() {
    let (dc, client, far) = far_file().await;
    assert_eq!(far.dc_id, 2);
    let expected = seeded_bytes(3 * 1024 * 1024 + 5);
    let options = TransferOptions::default();
    let back = client.download_to_vec(&far, &options).await.unwrap();
    assert!(back == expected, "direct download differs");
    // Asked on the home DC, every window answers FILE_MIGRATE_2 and the client follows it.
    let wrong = FileLocation { dc_id: 1, ..far };
    let back = client.download_to_vec(&wrong, &options).await.unwrap();
    assert!(back == expected, "migrated download differs");
    let empty = seeded_document(&client, 2).await;
    assert_eq!(empty.size, 0);
    assert!(
        client
            .download_to_vec(&empty, &options)
            .await
            .unwrap()
            .is_empty()
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_mid_transfer_resend_parts_without_corruption() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    dc.set_net_faults(NetFaults {
        seed: 11,
        drop_probability: 0.08,
        ..NetFaults::default()
    });
    let bytes = pattern(4 * 1024 * 1024 + 123, 3);
    let options = TransferOptions {
        part_retries: 8,
        ..TransferOptions::default()
    };
    let back = round_trip(&client, &bytes, &options).await;
    assert!(back == bytes, "corrupted after dropped connections");
    assert!(dc.connections_accepted() > 5, "no connection was dropped");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_to_a_path_appear_only_when_complete_and_cancelling_leaves_nothing() {
    let (dc, client, far) = far_file().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("far.bin");
    let temp = dir.path().join("far.bin.pyro-part");

    let token = CancelToken::new();
    let trigger = token.clone();
    let options = TransferOptions::default()
        .parallelism(1)
        .cancel(token)
        .progress(move |done, _| {
            if done >= PART_SIZE as u64 {
                trigger.cancel();
            }
        });
    let cancelled = client.download_to_path(&far, &path, &options).await;
    assert!(
        matches!(cancelled, Err(TransferError::Cancelled)),
        "{cancelled:?}"
    );
    assert!(
        !path.exists() && !temp.exists(),
        "a partial file was left behind"
    );

    let written = client
        .download_to_path(&far, &path, &TransferOptions::default())
        .await
        .unwrap();
    assert_eq!(written, far.size);
    assert!(std::fs::read(&path).unwrap() == seeded_bytes(far.size as usize));
    assert!(!temp.exists());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelled_uploads_end_with_an_error() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let token = CancelToken::new();
    let trigger = token.clone();
    let options = TransferOptions::default()
        .parallelism(1)
        .cancel(token)
        .progress(move |done, _| {
            if done > 0 {
                trigger.cancel();
            }
        });
    let result = client
        .upload_bytes(pattern(3 * 1024 * 1024, 1), "x", &options)
        .await;
    assert!(
        matches!(result, Err(TransferError::Cancelled)),
        "{result:?}"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn byte_ranges_are_read_chunk_by_chunk() {
    let (dc, client, far) = far_file().await;
    let all = seeded_bytes(far.size as usize);
    let options = TransferOptions::default();
    for (offset, limit) in [
        (0, 10),
        (PART_SIZE as u64 - 3, 10),
        (1_000_000, 1_500_000),
        (far.size - 2, 100),
    ] {
        let mut reader = client.download_stream(&far, offset, limit, &options);
        let mut got = Vec::new();
        while let Some(chunk) = reader.next().await {
            let chunk = chunk.unwrap();
            assert!(chunk.len() <= PART_SIZE);
            got.extend_from_slice(&chunk);
        }
        let start = offset as usize;
        let end = (offset + limit).min(far.size) as usize;
        assert!(got == all[start..end], "range {offset}+{limit} differs");
        assert_eq!(reader.remaining(), 0);
    }
    dc.shutdown().await;
}
