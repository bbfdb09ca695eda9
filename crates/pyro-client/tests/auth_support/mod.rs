//! Shared helpers of the auth tests: a test DC with people (one with a 2FA password, one on
//! another DC) and bots, and a client builder pointed at it.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use pyro_client::auth::SignIn;
use pyro_client::types::User;
use pyro_client::{Client, ClientBuilder};
use pyro_test_dc::{Seed, SeedUser, TestDc};

/// Alice: a plain account on DC 1.
pub const ALICE: &str = "15550001";
/// Carol: an account with a 2FA password.
pub const CAROL: &str = "15550003";
/// Carol's password and hint.
pub const CAROL_PASSWORD: &str = "correct horse";
pub const CAROL_HINT: &str = "battery staple";
/// Dave: an account whose home is DC 2.
pub const DAVE: &str = "15550004";
/// The bot's token.
pub const BOT_TOKEN: &str = "4242:auth-bot-token";

pub fn seed() -> Seed {
    let mut carol = SeedUser::person("carol", CAROL, "Carol").password(CAROL_PASSWORD);
    carol.hint = Some(CAROL_HINT.to_owned());
    Seed::new()
        .user(SeedUser::person("alice", ALICE, "Alice").username("alice"))
        .user(carol)
        .user(SeedUser::person("dave", DAVE, "Dave").dc(2))
        .user(SeedUser::bot("robot", BOT_TOKEN, "Robot").username("robot_bot"))
}

/// Two DCs (ids 1 and 2) serving [`seed`].
pub async fn start() -> TestDc {
    TestDc::builder().seed(seed()).dcs(2).start().await.unwrap()
}

/// A builder that knows every DC of `dc` and its key (in-memory session, DC 1 first).
pub fn builder(dc: &TestDc) -> ClientBuilder {
    let mut b = Client::builder(4242, "auth-test-hash")
        .in_memory()
        .request_timeout(Some(Duration::from_secs(20)))
        .connect_timeout(Duration::from_secs(5));
    for info in dc.dcs() {
        b = b.dc(info.id, info.addr);
    }
    b.rsa_key_pem(dc.dcs()[0].public_pem.clone())
}

/// A connected client with an in-memory session.
pub async fn client(dc: &TestDc) -> Client {
    builder(dc).connect().await.unwrap()
}

/// The last login code the test DC delivered to `phone`.
pub fn code(dc: &TestDc, phone: &str) -> String {
    dc.telegram()
        .last_login_code(phone)
        .expect("a code was delivered")
}

/// Logs `client` in as the account of `phone` (code, and the password when one is asked).
pub async fn login(client: &Client, dc: &TestDc, phone: &str, password: Option<&str>) -> User {
    let token = client.request_login_code(phone).await.unwrap();
    match client.sign_in(&token, &code(dc, phone)).await.unwrap() {
        SignIn::Done(user) => user,
        SignIn::PasswordRequired(token) => client
            .check_password(token, password.expect("a password is asked for"))
            .await
            .unwrap(),
        other => panic!("unexpected {other:?}"),
    }
}
