//! Load: many concurrent sessions, each with its own key, calling in a loop for a fixed time;
//! every call must succeed. The suite runs the figure, 200 sessions for 20 s (about 45 s
//! with the 200 key exchanges in a debug build on 2 cores).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::time::{Duration, Instant};

use net_support::*;
use pyro_transport::CodecKind;

/// Runs `sessions` sessions for `duration`; returns the number of calls answered.
async fn load(sessions: usize, duration: Duration) -> u64 {
    let dc = std::sync::Arc::new(start(1).await);
    let kinds = [
        CodecKind::Abridged,
        CodecKind::Intermediate,
        CodecKind::PaddedIntermediate,
        CodecKind::Full,
    ];
    let mut keys = Vec::with_capacity(sessions);
    for i in 0..sessions {
        let kind = kinds[i % kinds.len()];
        keys.push((kind, new_key(&dc, 1, kind).await));
    }
    let until = Instant::now() + duration;
    let tasks: Vec<_> = keys
        .into_iter()
        .map(|(kind, key)| {
            let client = session(&dc, 1, kind, &key);
            tokio::spawn(async move {
                let mut calls = 0u64;
                while Instant::now() < until {
                    client.invoke(get_config()).await.unwrap();
                    calls += 1;
                }
                client.shutdown();
                calls
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        let calls = task.await.unwrap();
        assert!(calls > 0, "a session got no answer at all");
        total += calls;
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_sessions_for_twenty_seconds() {
    let calls = load(200, Duration::from_secs(20)).await;
    println!("200 sessions, 20 s: {calls} calls");
}
