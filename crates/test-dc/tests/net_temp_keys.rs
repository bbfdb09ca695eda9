//! Temporary keys: a `p_q_inner_data_temp_dc` exchange, `auth.bindTempAuthKey` with its MTProto
//! 1.0 inner message under the permanent key (sent as raw packets, since the msg_id inside must
//! equal the call's), after which calls over the temporary key act for the permanent key's
//! authorization; a wrong binding is refused.
//!
//! Then the same through pyro-session's driver with PFS on: it binds its temporary key first
//! thing and acts for the logged-in bot; a binding the DC refuses stops it; a temporary key the
//! DC forgets, or one that expires on the DC's (injected) clock, is replaced by a fresh bound
//! key, and one about to expire is renewed, without losing a request.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::time::Duration;

use net_support::raw::{RPC_RESULT, RawSession, plaintext};
use net_support::*;
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::{ClientFinished, ClientOptions};
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_session::driver::{
    self, BindError, Client, DriverConfig, DriverError, DriverState, PfsConfig, TempKeyInfo,
};
use pyro_session::engine::RequestError;
use pyro_test_dc::{NetFaults, TestDc};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::mtproto::{enums as mt, types as mtt};
use pyro_transport::{CodecKind, ConnectOptions, FramedConnection};

/// The `bindTempAuthKey` call for message `msg_id` of session `session_id` over `temp`.
fn bind_call(
    perm: &AuthKey,
    temp: &AuthKey,
    session_id: i64,
    msg_id: i64,
    expires_at: i32,
) -> Vec<u8> {
    let nonce = i64::from_le_bytes(random());
    let inner = mt::BindAuthKeyInner::BindAuthKeyInner(mtt::BindAuthKeyInner {
        nonce,
        temp_auth_key_id: temp.id(),
        perm_auth_key_id: perm.id(),
        temp_session_id: session_id,
        expires_at,
    })
    .to_bytes();
    let plain = plaintext(
        i64::from_le_bytes(random()),
        i64::from_le_bytes(random()),
        msg_id,
        0,
        &inner,
    );
    let pad = (16 - plain.len() % 16) % 16;
    let encrypted_message =
        packet::encrypt_v1(perm, Sender::Client, &plain, &random::<16>()[..pad]).unwrap();
    functions::auth::BindTempAuthKey {
        perm_auth_key_id: perm.id(),
        nonce,
        expires_at,
        encrypted_message,
    }
    .to_bytes()
}

/// Sends the bind call over `conn` and returns the first 4 bytes of its result.
async fn bind(
    conn: &mut FramedConnection,
    perm: &ClientFinished,
    temp: &ClientFinished,
    forge: bool,
) -> u32 {
    let mut raw = RawSession::new(conn, temp);
    let session_id = raw.session_id;
    let expires_at = unix_now() as i32 + 3000;
    let wrong_perm = AuthKey::from_bytes([7; 256]);
    let (_, result) = raw
        .call(RPC_RESULT, |msg_id| {
            let under = if forge { &wrong_perm } else { &perm.auth_key };
            let mut body = bind_call(under, &temp.auth_key, session_id, msg_id, expires_at);
            // A forged binding claims the real permanent key while encrypting under another.
            body[4..12].copy_from_slice(&perm.auth_key.id().to_le_bytes());
            body
        })
        .await;
    u32::from_le_bytes(result[..4].try_into().unwrap())
}

/// A permanent key on DC 1 of `dc`, and a driver over it logged in as the seeded bot.
async fn bot_on_permanent_key(dc: &TestDc) -> (ClientFinished, Client) {
    let perm = new_key(dc, 1, CodecKind::Intermediate).await;
    let perm_client = session(dc, 1, CodecKind::Intermediate, &perm);
    let login = functions::auth::ImportBotAuthorization {
        flags: 0,
        api_id: 1,
        api_hash: "hash".into(),
        bot_auth_token: "42:TOKEN".into(),
    };
    perm_client.invoke(login.to_bytes()).await.unwrap();
    (perm, perm_client)
}

fn get_self() -> Vec<u8> {
    functions::users::GetUsers {
        id: vec![enums::InputUser::InputUserSelf],
    }
    .to_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bound_temporary_keys_act_for_their_permanent_key() {
    let dc = start(1).await;
    let info = &dc.dcs()[0];
    let (perm, perm_client) = bot_on_permanent_key(&dc).await;
    perm_client.invoke(get_self()).await.unwrap();

    let mut conn = connect(info.addr, 1, CodecKind::Intermediate).await;
    let temp = exchange(
        &mut conn,
        &info.public_pem,
        ClientOptions::temporary(1, 3600),
    )
    .await;
    // Unbound, the temporary key is its own (unauthorised) authorization.
    let temp_client = session(&dc, 1, CodecKind::Intermediate, &temp);
    assert!(temp_client.invoke(get_self()).await.is_err());
    // A binding encrypted under the wrong permanent key is refused.
    assert_ne!(bind(&mut conn, &perm, &temp, true).await, 0x9972_75b5);
    assert!(temp_client.invoke(get_self()).await.is_err());
    // The right one answers boolTrue, and the temporary key now acts for the bot.
    assert_eq!(bind(&mut conn, &perm, &temp, false).await, 0x9972_75b5);
    temp_client.invoke(get_self()).await.unwrap();
    // Binding needs a temporary key: the permanent key cannot be bound.
    let mut conn = connect(info.addr, 1, CodecKind::Intermediate).await;
    assert_ne!(bind(&mut conn, &perm, &perm, false).await, 0x9972_75b5);
    temp_client.shutdown();
    perm_client.shutdown();
    dc.shutdown().await;
}

/// A DC with the bot logged in on a permanent key (driver `perm_client`), and a PFS driver
/// (`client`) over that key that has made one call.
struct PfsBot {
    dc: TestDc,
    perm: ClientFinished,
    perm_client: Client,
    client: Client,
    /// The bot's user id.
    bot: i64,
    /// The first temporary key.
    first: TempKeyInfo,
}

impl PfsBot {
    /// Temporary keys live `lifetime`.
    async fn start(lifetime: Duration) -> Self {
        let dc = start(1).await;
        let (perm, perm_client) = bot_on_permanent_key(&dc).await;
        let bot = self_id(&perm_client).await;
        let client = pfs_session(&dc, &perm.auth_key, lifetime);
        assert_eq!(
            self_id(&client).await,
            bot,
            "the temporary key acts for the bot"
        );
        let first = client.state().temp_key.expect("a temporary key");
        Self {
            dc,
            perm,
            perm_client,
            client,
            bot,
            first,
        }
    }

    /// `n` concurrent calls, each of which must be answered as the bot.
    async fn calls_answered_as_the_bot(&self, n: usize) {
        let calls: Vec<_> = (0..n).map(|_| call_self(&self.client)).collect();
        for id in futures_join(calls).await {
            assert_eq!(id, self.bot, "still logged in as the bot");
        }
    }

    /// The state, after checking that a new bound key replaced the first.
    fn replaced(&self) -> DriverState {
        let state = self.client.state();
        let now = state.temp_key.expect("a temporary key");
        assert_ne!(now.id, self.first.id, "a new key");
        assert!(now.bound);
        state
    }

    async fn stop(self) {
        self.client.shutdown();
        self.perm_client.shutdown();
        self.dc.shutdown().await;
    }
}

/// A PFS driver over permanent key `perm`, whose temporary keys live `lifetime`.
fn pfs_session(dc: &TestDc, perm: &AuthKey, lifetime: Duration) -> Client {
    let info = &dc.dcs()[0];
    let mut config = DriverConfig::new(ConnectOptions::new(info.addr, 1, CodecKind::Intermediate));
    config.backoff_min = Duration::from_millis(20);
    config.backoff_max = Duration::from_millis(200);
    let mut pfs = PfsConfig::new(1, vec![RsaPublicKey::from_pem(&info.public_pem).unwrap()]);
    pfs.lifetime = lifetime;
    config.pfs = Some(pfs);
    let (client, _events) = driver::spawn(config, perm.clone(), 0).unwrap();
    client
}

/// The id of the bot's user, from `users.getUsers([inputUserSelf])`.
async fn self_id(client: &Client) -> i64 {
    let answer = client.invoke(get_self()).await.unwrap();
    match <Vec<enums::User> as pyro_tl_types::Deserializable>::from_bytes(&answer).unwrap()[..] {
        [enums::User::User(ref u)] => u.id,
        ref other => panic!("unexpected users: {other:?}"),
    }
}

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pfs_driver_binds_first_and_acts_for_the_permanent_key() {
    let t = PfsBot::start(HOUR).await;
    // Calls made while the driver has no key yet wait for the binding, then run as the bot.
    let fresh = pfs_session(&t.dc, &t.perm.auth_key, HOUR);
    let calls: Vec<_> = (0..4).map(|_| call_self(&fresh)).collect();
    for id in futures_join(calls).await {
        assert_eq!(id, t.bot);
    }
    let state = fresh.state();
    let temp = state.temp_key.expect("a temporary key");
    assert!(temp.bound);
    assert_ne!(temp.id, t.perm.auth_key.id());
    assert_ne!(temp.id, t.first.id, "each driver makes its own key");
    let now = unix_now();
    assert!(
        (now + 3500..=now + 3700).contains(&temp.expires_at),
        "{temp:?}"
    );
    assert!(state.connected);
    assert_eq!(state.connections, 1);
    fresh.shutdown();
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_binding_to_a_key_the_dc_does_not_know_is_refused_and_stops_the_driver() {
    let dc = start(1).await;
    let forged = AuthKey::from_bytes([7; 256]);
    let client = pfs_session(&dc, &forged, HOUR);
    match client.invoke(get_self()).await {
        Err(DriverError::Bind(BindError::Request(RequestError::Rpc(e)))) => {
            assert_eq!(e.name, "ENCRYPTED_MESSAGE_INVALID");
        }
        other => panic!("expected a refused binding, got {other:?}"),
    }
    assert!(matches!(
        client.invoke(get_self()).await,
        Err(DriverError::Stopped)
    ));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_key_the_dc_forgets_is_replaced_and_no_request_is_lost() {
    let t = PfsBot::start(HOUR).await;
    t.dc.forget_auth_key(t.first.id);
    // These go out on the forgotten key, get -404, and are answered over a new bound key.
    t.calls_answered_as_the_bot(3).await;
    let state = t.replaced();
    assert_eq!(state.last_transport_error, Some(-404));
    assert!(state.connections >= 2);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_key_expired_on_the_dc_clock_is_replaced_and_no_request_is_lost() {
    let t = PfsBot::start(HOUR).await;
    // Two hours pass on the DC's clock: the one-hour key has expired there.
    t.dc.set_net_faults(NetFaults {
        clock_offset_secs: 7200,
        ..NetFaults::default()
    });
    t.calls_answered_as_the_bot(2).await;
    let state = t.replaced();
    let second = state.temp_key.unwrap_or(t.first);
    assert!(
        second.expires_at >= t.first.expires_at + 7000,
        "the new key's expiry is on the DC's clock: {:?} {second:?}",
        t.first
    );
    assert!((7190..=7210).contains(&state.time_offset), "{state:?}");
    assert_eq!(state.last_transport_error, Some(-404));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_key_about_to_expire_is_renewed_while_requests_flow() {
    // Two-second keys: renewed one second in (half the lifetime at most before expiry).
    let t = PfsBot::start(Duration::from_secs(2)).await;
    let mut watch = t.client.watch_state();
    let mut answered = 0;
    // Keep calling until the state shows another bound key; every call is answered as the bot.
    loop {
        let renewed = watch
            .borrow_and_update()
            .temp_key
            .is_some_and(|k| k.id != t.first.id && k.bound);
        if renewed {
            break;
        }
        assert_eq!(self_id(&t.client).await, t.bot);
        answered += 1;
        assert!(answered < 100_000, "the key was never renewed");
    }
    t.calls_answered_as_the_bot(2).await;
    t.stop().await;
}

/// [`self_id`] on a clone of `client`, as a future that owns it.
fn call_self(client: &Client) -> impl std::future::Future<Output = i64> + Send + 'static {
    let client = client.clone();
    async move { self_id(&client).await }
}

/// Runs the futures concurrently and returns their outputs in order.
async fn futures_join<F: std::future::Future<Output = i64> + Send + 'static>(
    futures: Vec<F>,
) -> Vec<i64> {
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
