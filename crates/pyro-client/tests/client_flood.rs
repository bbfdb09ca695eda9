//! Flood waits against the test DC's fault rules: at or below the threshold the client sleeps
//! (through an injected sleeper, so nothing really waits) and sends again; above it, or after
//! too many sleeps, it returns the typed error at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use client_support::{RecordingSleeper, answering_dc, builder, start};
use pyro_client::client::{SleepFuture, Sleeper};
use pyro_client::{Error, RetryPolicy};
use pyro_test_dc::{Faults, FloodWaitRule, Telegram};

fn flood(seconds: i32) -> Faults {
    Faults {
        flood_wait: vec![FloodWaitRule {
            method: "help.getNearestDc".into(),
            seconds,
            probability: 1.0,
        }],
        ..Faults::default()
    }
}

/// A sleeper that lifts the DC's faults when the client sleeps: the retry after the sleep
/// succeeds, deterministically.
struct LiftFaults {
    telegram: Arc<Telegram>,
    pauses: Mutex<Vec<Duration>>,
}

impl std::fmt::Debug for LiftFaults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiftFaults").finish_non_exhaustive()
    }
}

impl Sleeper for LiftFaults {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        self.pauses.lock().unwrap().push(duration);
        self.telegram.set_faults(Faults::default());
        Box::pin(async {})
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_under_the_threshold_is_slept_through() {
    let dc = start(1, flood(3)).await;
    let sleeper = Arc::new(LiftFaults {
        telegram: Arc::clone(dc.telegram()),
        pauses: Mutex::new(Vec::new()),
    });
    let client = builder(&dc)
        .sleeper(sleeper.clone())
        .connect()
        .await
        .unwrap();
    assert_eq!(answering_dc(&client).await.unwrap(), 1);
    assert_eq!(*sleeper.pauses.lock().unwrap(), [Duration::from_secs(3)]);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_at_the_threshold_sleeps_a_bounded_number_of_times() {
    let dc = start(1, flood(10)).await;
    let sleeper = RecordingSleeper::new();
    let policy = RetryPolicy {
        max_flood_sleeps: 2,
        ..RetryPolicy::default()
    };
    let client = builder(&dc)
        .sleeper(sleeper.clone())
        .retry_policy(policy)
        .connect()
        .await
        .unwrap();
    let err = answering_dc(&client).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::FloodWait {
                seconds: 10,
                method: "help.getNearestDc"
            }
        ),
        "{err:?}"
    );
    assert_eq!(sleeper.pauses(), [Duration::from_secs(10); 2]);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_over_the_threshold_is_returned_at_once() {
    let dc = start(1, flood(11)).await;
    let sleeper = RecordingSleeper::new();
    let client = builder(&dc)
        .sleeper(sleeper.clone())
        .connect()
        .await
        .unwrap();
    let err = answering_dc(&client).await.unwrap_err();
    assert!(
        matches!(err, Error::FloodWait { seconds: 11, .. }),
        "{err:?}"
    );
    assert!(err.is_rpc("FLOOD_WAIT"));
    assert!(sleeper.pauses().is_empty());

    // A lower threshold turns a 3 s wait into an error too.
    dc.set_faults(flood(3));
    let strict = builder(&dc)
        .sleeper(sleeper.clone())
        .flood_sleep_threshold(Duration::from_secs(2))
        .connect()
        .await
        .unwrap();
    let err = answering_dc(&strict).await.unwrap_err();
    assert!(
        matches!(err, Error::FloodWait { seconds: 3, .. }),
        "{err:?}"
    );
    assert!(sleeper.pauses().is_empty());
    dc.shutdown().await;
}
