//! Large transfers through the test DC: a byte-exact 100 MiB round trip (upload, then
//! download), connections dropped in the middle of a large transfer, and the demo's transfer
//! (`examples/demo/files.rs`) at a smaller size.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod files_support;

#[path = "../examples/demo/files.rs"]
#[allow(dead_code, unreachable_pub)]
mod demo_files;

use std::time::Instant;

use files_support::{bot, pattern, round_trip, start_with};
use pyro_client::files::TransferOptions;
use pyro_test_dc::NetFaults;

const MIB: usize = 1024 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100_mib_file_round_trips_byte_exact() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    let bytes = pattern(100 * MIB, 5);
    let started = Instant::now();
    let back = round_trip(&client, &bytes, &TransferOptions::default()).await;
    eprintln!("100 MiB round trip: {:?}", started.elapsed());
    assert_eq!(back.len(), bytes.len());
    assert!(back == bytes, "the 100 MiB file came back different");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_during_a_big_file_transfer_resume_without_corruption() {
    let dc = start_with(files_support::seed(), 1).await;
    let client = bot(&dc).await;
    // Above the 10 MiB threshold, so the parts go as `saveBigFilePart`.
    let bytes = pattern(24 * MIB + 4097, 6);
    dc.set_net_faults(NetFaults {
        seed: 29,
        drop_probability: 0.05,
        ..NetFaults::default()
    });
    let options = TransferOptions {
        part_retries: 10,
        ..TransferOptions::default()
    };
    let back = round_trip(&client, &bytes, &options).await;
    assert!(back == bytes, "corrupted after dropped connections");
    assert!(dc.connections_accepted() > 5, "no connection was dropped");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_transfer_checks_the_hash_of_what_came_back() {
    let size = 12 * MIB + 5;
    let mut lines = Vec::new();
    let report = demo_files::run_embedded(size, false, |line| lines.push(line))
        .await
        .unwrap();
    assert_eq!(report.size, size);
    assert!(report.upload.as_nanos() > 0 && report.download.as_nanos() > 0);
    let text = lines.join("\n");
    for step in [
        "12 MiB",
        "uploaded 25 parts",
        "MB/s",
        "SHA-256 of the download matches",
    ] {
        assert!(text.contains(step), "no {step:?} in:\n{text}");
    }
}
