//! Shared helpers of the client tests: a seeded test DC, a builder pointed at it, a raw bot
//! login, and a sleeper that records pauses instead of sleeping.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyro_client::client::{SleepFuture, Sleeper};
use pyro_client::{Client, ClientBuilder};
use pyro_test_dc::{Faults, Seed, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions};

/// The bot's token in [`seed`].
pub const BOT_TOKEN: &str = "42:TOKEN";
/// Alice's phone in [`seed`].
pub const ALICE_PHONE: &str = "15550001";

/// Two people and a bot.
pub fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", ALICE_PHONE, "Alice").login_code("12345"))
        .user(SeedUser::person("bob", "15550002", "Bob").login_code("22222"))
        .user(SeedUser::bot("helper", BOT_TOKEN, "Helper"))
}

/// A test DC with `dcs` DCs, [`seed`] and `faults`.
pub async fn start(dcs: usize, faults: Faults) -> TestDc {
    TestDc::builder()
        .seed(seed())
        .dcs(dcs)
        .faults(faults)
        .start()
        .await
        .unwrap()
}

/// A builder that knows every DC of `dc` and its key, keeps the session in memory and gives up
/// on an unanswered request after 10 s.
pub fn builder(dc: &TestDc) -> ClientBuilder {
    let mut b = Client::builder(4242, "test-hash")
        .in_memory()
        .request_timeout(Some(Duration::from_secs(10)))
        .connect_timeout(Duration::from_secs(5));
    for info in dc.dcs() {
        b = b.dc(info.id, info.addr);
    }
    b.rsa_key_pem(dc.dcs()[0].public_pem.clone())
}

/// Logs the client in as the seed's bot with a raw `auth.importBotAuthorization`; returns the
/// bot's user id.
pub async fn bot_login(client: &Client) -> i64 {
    let answer = client
        .invoke(&functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: client.api_id(),
            api_hash: client.api_hash().to_owned(),
            bot_auth_token: BOT_TOKEN.to_owned(),
        })
        .await
        .unwrap();
    let enums::auth::Authorization::Authorization(auth) = answer else {
        panic!("sign-up required for a bot");
    };
    let enums::User::User(user) = auth.user else {
        panic!("empty user");
    };
    user.id
}

/// A [`Sleeper`] that returns at once and remembers every pause asked for.
#[derive(Debug, Default)]
pub struct RecordingSleeper {
    pauses: Mutex<Vec<Duration>>,
}

impl RecordingSleeper {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    pub fn pauses(&self) -> Vec<Duration> {
        self.pauses.lock().unwrap().clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        self.pauses.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}
