//! Large transfers through the test DC: a byte-exact 100 MiB round trip (upload, then
//! download), and connections dropped in the middle of a large transfer.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod files_support;

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
