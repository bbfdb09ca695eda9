//! Shared test harness: a model on two DCs with a manual clock, and clients that serialize
//! requests with the generated types and decode the answers.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::expect_used
)]

use std::sync::Arc;

use pyro_mtproto_crypto::srp::{SrpParams, check_password};
use pyro_test_dc::{CallContext, DcAddress, ManualClock, Options, RpcError, Seed, Telegram};
use pyro_tl_types::api::{enums, functions, types};
use pyro_tl_types::{Deserializable, RemoteCall};

/// The start of every test's clock.
pub const START: i32 = 1_700_000_000;

pub struct World {
    pub telegram: Arc<Telegram>,
    pub clock: ManualClock,
}

pub fn dcs() -> Vec<DcAddress> {
    vec![
        DcAddress {
            id: 2,
            ip: "127.0.0.1".into(),
            port: 4432,
        },
        DcAddress {
            id: 4,
            ip: "127.0.0.1".into(),
            port: 4434,
        },
    ]
}

impl World {
    pub fn new(seed: &Seed) -> Self {
        Self::with_rng(seed, 42)
    }

    pub fn with_rng(seed: &Seed, rng_seed: u64) -> Self {
        let clock = ManualClock::new(START);
        let options = Options {
            dcs: dcs(),
            clock: Arc::new(clock.clone()),
            rng_seed,
        };
        let telegram = Arc::new(Telegram::new(seed, options).expect("seed"));
        Self { telegram, clock }
    }

    /// A client with a fresh auth key on `dc_id`.
    pub fn client(&self, dc_id: i32, auth_key_id: i64) -> Client {
        Client {
            telegram: Arc::clone(&self.telegram),
            ctx: CallContext {
                dc_id,
                auth_key_id,
                session_id: auth_key_id ^ 0x55,
            },
        }
    }

    /// A client signed in with `phone` (login code read from the hook).
    pub fn login(&self, phone: &str, auth_key_id: i64) -> Client {
        let client = self.client(2, auth_key_id);
        client.login(phone).expect("login");
        client
    }

    /// A client signed in as a bot.
    pub fn bot(&self, token: &str, auth_key_id: i64) -> Client {
        let client = self.client(2, auth_key_id);
        client
            .call(&functions::auth::ImportBotAuthorization {
                flags: 0,
                api_id: 1,
                api_hash: "h".into(),
                bot_auth_token: token.into(),
            })
            .expect("bot login");
        client
    }
}

pub struct Client {
    pub telegram: Arc<Telegram>,
    pub ctx: CallContext,
}

impl Client {
    pub fn raw(&self, request: &[u8]) -> Result<Vec<u8>, RpcError> {
        self.telegram.call(&self.ctx, request).into_result()
    }

    pub fn call<R: RemoteCall>(&self, request: &R) -> Result<R::Return, RpcError> {
        let bytes = self.raw(&request.to_bytes())?;
        Ok(R::Return::from_bytes(&bytes).expect("answer decodes as the method's return type"))
    }

    pub fn send_code(&self, phone: &str) -> Result<String, RpcError> {
        let sent = self.call(&functions::auth::SendCode {
            phone_number: phone.into(),
            api_id: 1,
            api_hash: "hash".into(),
            settings: enums::CodeSettings::default(),
        })?;
        match sent {
            enums::auth::SentCode::SentCode(s) => Ok(s.phone_code_hash),
            other => panic!("unexpected {other:?}"),
        }
    }

    pub fn sign_in(
        &self,
        phone: &str,
        hash: &str,
        code: &str,
    ) -> Result<enums::auth::Authorization, RpcError> {
        self.call(&functions::auth::SignIn {
            phone_number: phone.into(),
            phone_code_hash: hash.into(),
            phone_code: Some(code.into()),
            email_verification: None,
        })
    }

    pub fn login(&self, phone: &str) -> Result<enums::auth::Authorization, RpcError> {
        let hash = self.send_code(phone)?;
        let code = self
            .telegram
            .last_login_code(phone)
            .expect("code delivered");
        self.sign_in(phone, &hash, &code)
    }

    /// Answers the 2FA step with `password` through SRP (pyro-mtproto-crypto's client side);
    /// `corrupt` flips a bit of `M1`, which the server sees as a wrong password without the
    /// cost of a second PBKDF2 run.
    pub fn check_password(
        &self,
        password: &[u8],
        corrupt: bool,
    ) -> Result<enums::auth::Authorization, RpcError> {
        let enums::account::Password::Password(pw) =
            self.call(&functions::account::GetPassword {}).unwrap();
        assert!(pw.has_password);
        let Some(enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(algo)) =
            &pw.current_algo
        else {
            panic!("no algo")
        };
        assert_eq!(algo.g, 3);
        assert_eq!(algo.p, pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME.to_vec());
        let params = SrpParams {
            salt1: &algo.salt1,
            salt2: &algo.salt2,
            g: 3,
            p: &algo.p,
        };
        let srp_b = pw.srp_b.as_deref().unwrap();
        let mut check =
            check_password(password, &params, srp_b, pw.srp_id.unwrap(), &[7u8; 256]).unwrap();
        check.m1[0] ^= u8::from(corrupt);
        self.call(&functions::auth::CheckPassword {
            password: enums::InputCheckPasswordSrp::InputCheckPasswordSrp(Box::new(
                types::InputCheckPasswordSrp {
                    srp_id: check.srp_id,
                    a: check.a.to_vec(),
                    m1: check.m1.to_vec(),
                },
            )),
        })
    }

    pub fn me(&self) -> i64 {
        self.telegram
            .authorized_user(self.ctx.auth_key_id)
            .expect("signed in")
    }

    /// Resolves `@username` to an input peer.
    pub fn resolve(&self, username: &str) -> enums::InputPeer {
        let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = self
            .call(&functions::contacts::ResolveUsername {
                username: username.into(),
                referer: None,
            })
            .expect("resolve");
        match resolved.peer {
            enums::Peer::User(p) => {
                let user = resolved
                    .users
                    .iter()
                    .find(|u| user_id(u) == p.user_id)
                    .expect("user");
                input_user_peer(user)
            }
            enums::Peer::Channel(p) => {
                let chat = resolved
                    .chats
                    .iter()
                    .find(|c| channel_id(c) == p.channel_id)
                    .expect("chat");
                input_channel_peer(chat)
            }
            enums::Peer::Chat(_) => panic!("basic group"),
        }
    }

    pub fn send(
        &self,
        peer: &enums::InputPeer,
        text: &str,
        random_id: i64,
    ) -> Result<enums::Updates, RpcError> {
        self.call(&functions::messages::SendMessage {
            peer: peer.clone(),
            message: text.into(),
            random_id,
            ..functions::messages::SendMessage::default()
        })
    }

    pub fn history(
        &self,
        peer: &enums::InputPeer,
        offset_id: i32,
        add_offset: i32,
        limit: i32,
    ) -> (Vec<i32>, Vec<String>, i32) {
        let answer = self
            .call(&functions::messages::GetHistory {
                peer: peer.clone(),
                offset_id,
                offset_date: 0,
                add_offset,
                limit,
                max_id: 0,
                min_id: 0,
                hash: 0,
            })
            .expect("history");
        messages_of(&answer)
    }

    pub fn state(&self) -> types::updates::State {
        let enums::updates::State::State(state) =
            self.call(&functions::updates::GetState {}).expect("state");
        state
    }

    pub fn difference(&self, pts: i32) -> enums::updates::Difference {
        self.call(&functions::updates::GetDifference {
            pts,
            date: START,
            qts: 0,
            ..Default::default()
        })
        .expect("difference")
    }

    /// Decoded live updates queued for this client.
    pub fn updates(&self) -> Vec<enums::Updates> {
        self.telegram
            .take_updates(self.ctx.auth_key_id)
            .iter()
            .map(|b| enums::Updates::from_bytes(b).expect("updates decode"))
            .collect()
    }
}

/// The one element of a list (panics with the list otherwise).
pub fn only<T: std::fmt::Debug>(mut list: Vec<T>) -> T {
    assert_eq!(list.len(), 1, "expected one element: {list:?}");
    list.remove(0)
}

/// The `inputPeerUser` of an account, with the access hash from `users.getUsers`-like data.
pub fn input_user_peer(user: &enums::User) -> enums::InputPeer {
    match user {
        enums::User::User(u) => enums::InputPeer::User(types::InputPeerUser {
            user_id: u.id,
            access_hash: u.access_hash.expect("access hash"),
        }),
        enums::User::Empty(_) => panic!("empty user"),
    }
}

pub fn user_id(user: &enums::User) -> i64 {
    match user {
        enums::User::User(u) => u.id,
        enums::User::Empty(u) => u.id,
    }
}

pub fn channel_id(chat: &enums::Chat) -> i64 {
    match chat {
        enums::Chat::Channel(c) => c.id,
        other => panic!("not a channel: {other:?}"),
    }
}

pub fn input_channel_peer(chat: &enums::Chat) -> enums::InputPeer {
    match chat {
        enums::Chat::Channel(c) => enums::InputPeer::Channel(types::InputPeerChannel {
            channel_id: c.id,
            access_hash: c.access_hash.expect("access hash"),
        }),
        other => panic!("not a channel: {other:?}"),
    }
}

pub fn input_channel(peer: &enums::InputPeer) -> enums::InputChannel {
    match peer {
        enums::InputPeer::Channel(c) => enums::InputChannel::InputChannel(types::InputChannel {
            channel_id: c.channel_id,
            access_hash: c.access_hash,
        }),
        other => panic!("not a channel peer: {other:?}"),
    }
}

/// (ids, texts, count) of a `messages.Messages`.
pub fn messages_of(answer: &enums::messages::Messages) -> (Vec<i32>, Vec<String>, i32) {
    let (list, count) = match answer {
        enums::messages::Messages::Messages(m) => (&m.messages, m.messages.len() as i32),
        enums::messages::Messages::Slice(m) => (&m.messages, m.count),
        enums::messages::Messages::ChannelMessages(m) => (&m.messages, m.count),
        enums::messages::Messages::NotModified(_) => panic!("not modified"),
    };
    let ids = list.iter().map(message_id).collect();
    let texts = list.iter().map(message_text).collect();
    (ids, texts, count)
}

pub fn message_id(message: &enums::Message) -> i32 {
    match message {
        enums::Message::Message(m) => m.id,
        enums::Message::Service(m) => m.id,
        enums::Message::Empty(m) => m.id,
    }
}

pub fn message_text(message: &enums::Message) -> String {
    match message {
        enums::Message::Message(m) => m.message.clone(),
        _ => String::new(),
    }
}
