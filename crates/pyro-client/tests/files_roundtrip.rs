//! Byte-exact round trips through the test DC around the part size (512 KiB) and the big-file
//! threshold (10 MiB), the upload size rules, progress and concurrent transfers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod files_support;

use std::sync::{Arc, Mutex};

use files_support::{bot, pattern, round_trip, send_document, start_with};
use pyro_client::files::{PART_SIZE, SIZE_LIMIT, TransferError, TransferOptions};
use pyro_tl_types::api::enums;

const KIB: usize = 1024;
const MIB: usize = 1024 * KIB;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sizes_around_the_part_boundary_round_trip_byte_exact() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let options = TransferOptions::default();
    for (salt, len) in [1, 512 * KIB - 1, 512 * KIB, 512 * KIB + 1, 3 * MIB + 7]
        .into_iter()
        .enumerate()
    {
        let bytes = pattern(len, salt as u8);
        let back = round_trip(&client, &bytes, &options).await;
        assert!(back == bytes, "{len} bytes came back different");
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_big_file_threshold_switches_to_save_big_file_part() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let options = TransferOptions::default().parallelism(8);
    for (salt, len) in [10 * MIB - 1, 10 * MIB, 10 * MIB + 1]
        .into_iter()
        .enumerate()
    {
        let bytes = pattern(len, salt as u8);
        let uploaded = client
            .upload_bytes(bytes.clone(), "big.bin", &options)
            .await
            .unwrap();
        let big = matches!(uploaded.input_file, enums::InputFile::Big(_));
        assert_eq!(big, len > 10 * MIB, "{len} bytes");
        if let enums::InputFile::InputFile(small) = &uploaded.input_file {
            assert_eq!(small.md5_checksum.len(), 32);
        }
        assert_eq!(uploaded.parts as usize, len.div_ceil(PART_SIZE));
        let location = send_document(&client, &uploaded).await;
        let back = client.download_to_vec(&location, &options).await.unwrap();
        assert!(back == bytes, "{len} bytes came back different");
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_and_oversized_uploads_fail_before_sending() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let options = TransferOptions::default();
    let empty = client.upload_bytes(Vec::new(), "empty", &options).await;
    assert!(matches!(empty, Err(TransferError::Empty)), "{empty:?}");
    // A reader that claims more than the limit: refused before a byte is read.
    let huge = client
        .upload_reader(&[][..], SIZE_LIMIT + 1, "huge", &options)
        .await;
    assert!(
        matches!(
            huge,
            Err(TransferError::TooLarge {
                limit: SIZE_LIMIT,
                ..
            })
        ),
        "{huge:?}"
    );
    // A reader shorter than announced is an error, not a silent partial file.
    let short = client
        .upload_reader(&pattern(1000, 0)[..], 2000, "short", &options)
        .await;
    assert!(
        matches!(
            short,
            Err(TransferError::SourceTooShort {
                got: 1000,
                expected: 2000
            })
        ),
        "{short:?}"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_reaches_the_total_and_never_goes_back() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let options = TransferOptions::default().progress(move |done, total| {
        log.lock().unwrap().push((done, total));
    });
    let len = 2 * MIB + 3;
    let bytes = pattern(len, 9);
    let back = round_trip(&client, &bytes, &options).await;
    assert!(back == bytes);
    let seen = seen.lock().unwrap().clone();
    // Upload then download: each starts at 0 and ends at the total.
    let starts: Vec<_> = seen.iter().filter(|(done, _)| *done == 0).collect();
    assert_eq!(starts.len(), 2, "{seen:?}");
    assert!(
        seen.iter()
            .all(|&(done, total)| done <= total && total == len as u64)
    );
    assert_eq!(
        seen.iter().filter(|(done, _)| *done == len as u64).count(),
        2
    );
    for pair in seen.windows(2) {
        assert!(pair[1].0 >= pair[0].0 || pair[1].0 == 0, "{pair:?}");
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_transfers_do_not_mix_their_parts() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let tasks: Vec<_> = (0..4u8)
        .map(|salt| {
            let client = client.clone();
            tokio::spawn(async move {
                let bytes = pattern(MIB + 1000 * usize::from(salt), salt);
                let back = round_trip(&client, &bytes, &TransferOptions::default()).await;
                back == bytes
            })
        })
        .collect();
    for task in tasks {
        assert!(
            task.await.unwrap(),
            "a concurrent transfer came back different"
        );
    }
    dc.shutdown().await;
}
