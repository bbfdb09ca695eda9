//! Shared helpers of the methods tests: a seeded test DC (Alice, Bob, Carol, a bot, a
//! supergroup with generated members, a long private history) and a logged-in Alice.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use pyro_client::{Client, Error};
use pyro_test_dc::{Seed, SeedChannel, SeedUser, TestDc};

/// Alice's phone.
pub const ALICE_PHONE: &str = "15550001";
/// Messages Bob sent Alice while seeding; every seventh says "needle".
pub const HISTORY_LEN: usize = 250;
/// Synthetic members of the `club` supergroup (besides Alice and Bob).
pub const GENERATED_MEMBERS: u32 = 450;

/// The seed: Alice (Bob's contact), Bob (`@bob`), Carol (`@carol`), the bot `@helper`, the
/// supergroup `@club` (Alice's, with Bob and generated members) and Bob's messages to Alice.
pub fn seed() -> Seed {
    let mut seed = Seed::new()
        .user(
            SeedUser::person("alice", ALICE_PHONE, "Alice")
                .login_code("12345")
                .contact("bob"),
        )
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .user(SeedUser::person("carol", "15550003", "Carol").username("carol"))
        .user(SeedUser::bot("helper", "42:TOKEN", "Helper").username("helper"))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("bob")
                .generated_members(GENERATED_MEMBERS),
        );
    for i in 0..HISTORY_LEN {
        let text = if i % 7 == 0 {
            format!("needle {i}")
        } else {
            format!("hay {i}")
        };
        seed = seed.message("bob", "alice", &text);
    }
    seed
}

/// A test DC with [`seed`].
pub async fn start() -> TestDc {
    TestDc::builder().seed(seed()).dcs(1).start().await.unwrap()
}

/// A client of `dc`, logged in as Alice.
pub async fn alice(dc: &TestDc) -> Client {
    login(dc, ALICE_PHONE).await
}

/// A client of `dc` that has not logged in.
pub async fn connect(dc: &TestDc) -> Client {
    let mut builder = Client::builder(4242, "test-hash")
        .in_memory()
        .request_timeout(Some(Duration::from_secs(10)));
    for info in dc.dcs() {
        builder = builder.dc(info.id, info.addr);
    }
    builder
        .rsa_key_pem(dc.dcs()[0].public_pem.clone())
        .connect()
        .await
        .unwrap()
}

/// A client of `dc`, logged in as the person with `phone`.
pub async fn login(dc: &TestDc, phone: &str) -> Client {
    let client = connect(dc).await;
    let token = client.request_login_code(phone).await.unwrap();
    let code = dc.telegram().last_login_code(phone).unwrap();
    let signed = client.sign_in(&token, &code).await.unwrap();
    assert!(
        matches!(signed, pyro_client::auth::SignIn::Done(_)),
        "not signed in: {signed:?}"
    );
    client
}

/// A client of `dc`, logged in as the bot `@helper`.
pub async fn helper_bot(dc: &TestDc) -> Client {
    let client = connect(dc).await;
    client.sign_in_bot("42:TOKEN").await.unwrap();
    client
}

/// The name of the RPC error a call failed with (panics if it did not fail that way).
pub fn rpc<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Rpc(e)) => e.name,
        other => panic!("expected an RPC error, got {other:?}"),
    }
}
