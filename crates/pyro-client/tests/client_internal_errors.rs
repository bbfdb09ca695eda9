//! `500` internal errors and `-503 Timeout` injected by the test DC for the first N calls: the
//! client retries after the retry policy's backoff (slept through an injected sleeper, so
//! nothing really waits) and succeeds; when the failures outlast the policy it returns the
//! typed RPC error after exactly `1 + max_retries` attempts; a refused call is not run twice, and
//! a send whose answer was lost after it ran is not sent again (`RANDOM_ID_DUPLICATE` on the
//! retry ends it as [`Error::AlreadySent`]).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::sync::Arc;
use std::time::Duration;

use client_support::{ALICE_PHONE, RecordingSleeper, answering_dc, builder, start, user_login};
use pyro_client::{Client, Error, RetryPolicy};
use pyro_test_dc::{Faults, InternalErrorRule, InternalFailure, TestDc};

fn failing(method: &str, failure: InternalFailure, count: u32) -> Faults {
    Faults {
        internal: vec![InternalErrorRule {
            method: method.into(),
            failure,
            count,
        }],
        ..Faults::default()
    }
}

fn internal(name: &str) -> InternalFailure {
    InternalFailure::Internal(name.into())
}

/// The outcomes the server logged for `method`, oldest first.
fn outcomes(dc: &TestDc, method: &str) -> Vec<String> {
    let log = dc.telegram().log();
    log.into_iter()
        .filter(|line| line.method == method)
        .map(|line| line.outcome)
        .collect()
}

fn policy(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(250),
        ..RetryPolicy::default()
    }
}

/// A client of `dc` with `policy` whose pauses are recorded, not slept.
async fn recording_client(dc: &TestDc, policy: RetryPolicy) -> (Client, Arc<RecordingSleeper>) {
    let sleeper = RecordingSleeper::new();
    let client = builder(dc)
        .sleeper(sleeper.clone())
        .retry_policy(policy)
        .connect()
        .await
        .unwrap();
    (client, sleeper)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_errors_and_timeouts_are_retried_with_backoff() {
    let cases = [
        (
            internal("INTERNAL_SERVER_ERROR"),
            "500 INTERNAL_SERVER_ERROR",
        ),
        (internal("RPC_CALL_FAIL"), "500 RPC_CALL_FAIL"),
        (InternalFailure::Timeout, "-503 Timeout"),
    ];
    for (failure, logged) in cases {
        let dc = start(1, failing("help.getNearestDc", failure, 3)).await;
        let (client, sleeper) = recording_client(&dc, policy(3)).await;
        assert_eq!(answering_dc(&client).await.unwrap(), 1, "{logged}");
        // Doubling from 100 ms, capped at 250 ms.
        let ms = Duration::from_millis;
        assert_eq!(sleeper.pauses(), [ms(100), ms(200), ms(250)], "{logged}");
        assert_eq!(
            outcomes(&dc, "help.getNearestDc"),
            [logged, logged, logged, "ok"]
        );
        dc.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_that_outlast_the_policy_give_the_typed_error() {
    let dc = start(
        1,
        failing("help.getNearestDc", internal("RPC_CALL_FAIL"), 10),
    )
    .await;
    let (client, sleeper) = recording_client(&dc, policy(2)).await;
    let err = answering_dc(&client).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rpc(e) if e.code == 500 && e.name == "RPC_CALL_FAIL"),
        "{err:?}"
    );
    assert!(err.is_rpc("RPC_CALL_FAIL"));
    assert_eq!(sleeper.pauses().len(), 2);
    assert_eq!(
        outcomes(&dc, "help.getNearestDc").len(),
        3,
        "1 + max_retries attempts"
    );

    // With retries off, a -503 comes back at once, as its own typed error.
    dc.set_faults(failing("*", InternalFailure::Timeout, 1));
    let strict = builder(&dc)
        .sleeper(sleeper.clone())
        .retry_policy(policy(0))
        .connect()
        .await;
    let Err(err) = strict else {
        panic!("help.getConfig of connect() should have failed")
    };
    assert!(
        matches!(&err, Error::Rpc(e) if e.code == -503 && e.name == "Timeout"),
        "{err:?}"
    );
    assert_eq!(sleeper.pauses().len(), 2, "no sleep with retries off");
    dc.shutdown().await;
}

/// Alice logged in on a fresh DC whose next `count` `messages.sendMessage` calls meet
/// `failure`; with her pts before any send.
async fn alice_sending(
    failure: InternalFailure,
    count: u32,
) -> (TestDc, Client, Arc<RecordingSleeper>, i64, i32) {
    let dc = start(1, Faults::default()).await;
    let (client, sleeper) = recording_client(&dc, RetryPolicy::default()).await;
    let alice = user_login(&client, &dc, ALICE_PHONE).await;
    let pts_before = dc.telegram().user_pts(alice).unwrap();
    dc.set_faults(failing("messages.sendMessage", failure, count));
    (dc, client, sleeper, alice, pts_before)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_message_is_sent_once() {
    let failure = internal("INTERNAL_SERVER_ERROR");
    let (dc, client, sleeper, alice, pts_before) = alice_sending(failure, 2).await;
    let sent = client.send_message("me", "exactly once").await.unwrap();
    assert!(sent.is_some());
    assert_eq!(sleeper.pauses().len(), 2);
    // The server ran the call once: one `ok`, and the account's box grew by one message.
    let logged = outcomes(&dc, "messages.sendMessage");
    assert_eq!(
        logged.iter().filter(|o| *o == "ok").count(),
        1,
        "{logged:?}"
    );
    assert_eq!(logged.len(), 3, "{logged:?}");
    assert_eq!(dc.telegram().user_pts(alice).unwrap(), pts_before + 1);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_whose_answer_was_lost_is_not_sent_twice() {
    // The send runs, then its answer is replaced by -503: the client retries the same bytes
    // (the same random_id), which the server refuses as a duplicate.
    let (dc, client, sleeper, alice, pts_before) =
        alice_sending(InternalFailure::TimeoutAfterRun, 1).await;
    let err = client.send_message("me", "answer lost").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::AlreadySent {
                method: "messages.sendMessage"
            }
        ),
        "{err:?}"
    );
    assert!(err.is_rpc("RANDOM_ID_DUPLICATE"));
    assert_eq!(sleeper.pauses().len(), 1);
    assert_eq!(
        outcomes(&dc, "messages.sendMessage"),
        ["-503 Timeout", "400 RANDOM_ID_DUPLICATE"]
    );
    // Exactly one message: the account's box moved by one event.
    assert_eq!(dc.telegram().user_pts(alice).unwrap(), pts_before + 1);
    dc.shutdown().await;
}
