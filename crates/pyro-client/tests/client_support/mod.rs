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
        .user(SeedUser::bot("helper", BOT_TOKEN, "Helper").username("helper"))
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

/// Logs the client in as the person with `phone` (no 2FA) through auth.sendCode and
/// auth.signIn, reading the code from the test DC; returns the user id.
pub async fn user_login(client: &Client, dc: &TestDc, phone: &str) -> i64 {
    let sent = client
        .invoke(&functions::auth::SendCode {
            phone_number: phone.to_owned(),
            api_id: client.api_id(),
            api_hash: client.api_hash().to_owned(),
            settings: enums::CodeSettings::default(),
        })
        .await
        .unwrap();
    let enums::auth::SentCode::SentCode(sent) = sent else {
        panic!("no code sent");
    };
    let answer = client
        .invoke(&functions::auth::SignIn {
            phone_number: phone.to_owned(),
            phone_code_hash: sent.phone_code_hash,
            phone_code: dc.telegram().last_login_code(phone),
            email_verification: None,
        })
        .await
        .unwrap();
    let enums::auth::Authorization::Authorization(auth) = answer else {
        panic!("sign-up required");
    };
    match auth.user {
        enums::User::User(user) => user.id,
        enums::User::Empty(user) => user.id,
    }
}

/// The id of the account the client is logged in as, asked of the server.
pub async fn me(client: &Client) -> i64 {
    let users = client
        .invoke(&functions::users::GetUsers {
            id: vec![enums::InputUser::InputUserSelf],
        })
        .await
        .unwrap();
    match users.first() {
        Some(enums::User::User(user)) => user.id,
        other => panic!("not a user: {other:?}"),
    }
}

/// `help.getNearestDc`, answered by every DC without login: which DC answered.
pub async fn answering_dc(client: &Client) -> Result<i32, pyro_client::Error> {
    let enums::NearestDc::NearestDc(nearest) =
        client.invoke(&functions::help::GetNearestDc {}).await?;
    Ok(nearest.this_dc)
}

/// The auth key id of the client's stored key for `dc`.
pub fn key_id(client: &Client, dc: i32) -> i64 {
    let key = client.store().auth_key(dc).unwrap().expect("a stored key");
    pyro_mtproto_crypto::AuthKey::from_bytes(*key.as_bytes()).id()
}
