//! `STATS_MIGRATE_X` against the test DC's fault rules: only the redirected request goes to the
//! statistics DC (with the login imported there first); the home DC, in memory and in the store,
//! stays where it was, and the next request goes home again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use client_support::{answering_dc, bot_login, builder, key_id, me, start};
use pyro_client::Error;
use pyro_client::tl::{enums, functions};
use pyro_test_dc::{Faults, LogLine, MigrateKind, MigrateRule, TestDc};

fn stats_migrate(method: &str, dc_id: i32) -> Faults {
    Faults {
        migrate: vec![MigrateRule {
            method: method.into(),
            kind: MigrateKind::Stats,
            dc_id,
            probability: 1.0,
        }],
        ..Faults::default()
    }
}

/// The log lines of `method`, as (DC, outcome).
fn calls(dc: &TestDc, method: &str) -> Vec<(i32, String)> {
    let log: Vec<LogLine> = dc.telegram().log();
    log.into_iter()
        .filter(|line| line.method == method)
        .map(|line| (line.dc_id, line.outcome))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stats_migration_sends_only_that_request_to_the_other_dc() {
    let dc = start(3, stats_migrate("users.getUsers", 3)).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    // Answered by DC 3, where the client imported the login first.
    assert_eq!(me(&client).await, bot);
    assert_eq!(
        calls(&dc, "users.getUsers"),
        [(1, "303 STATS_MIGRATE_3".to_owned()), (3, "ok".to_owned())]
    );
    assert_eq!(dc.telegram().authorized_user(key_id(&client, 3)), Some(bot));
    // The home DC did not move, neither in memory nor in the store.
    assert_eq!(client.home_dc(), 1);
    assert_eq!(client.store().home_dc().unwrap(), Some(1));
    assert_eq!(client.connected_dcs(), [1, 3]);
    // Other requests still go home.
    assert_eq!(answering_dc(&client).await.unwrap(), 1);
    // The next users.getUsers is redirected again (the rule still fires on DC 1) and answered.
    assert_eq!(me(&client).await, bot);
    assert_eq!(calls(&dc, "users.getUsers").len(), 4);
    assert_eq!(
        calls(&dc, "auth.importAuthorization"),
        [(3, "ok".to_owned())]
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_methods_follow_a_namespace_rule() {
    let dc = start(2, stats_migrate("stats.*", 2)).await;
    let client = builder(&dc).connect().await.unwrap();
    bot_login(&client).await;
    let request = functions::stats::GetBroadcastStats {
        dark: false,
        channel: enums::InputChannel::Empty,
    };
    // The test DC has no statistics: DC 2 answers that it does not implement the method, which
    // proves the request reached it.
    let err = client.invoke(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rpc(e) if e.name == "METHOD_NOT_IMPLEMENTED_IN_TEST_DC"),
        "{err:?}"
    );
    let seen = calls(&dc, "stats.getBroadcastStats");
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0], (1, "303 STATS_MIGRATE_2".to_owned()));
    assert_eq!(seen[1].0, 2);
    assert_eq!(client.home_dc(), 1);
    // A method outside the namespace is not redirected.
    assert_eq!(answering_dc(&client).await.unwrap(), 1);
    dc.shutdown().await;
}
