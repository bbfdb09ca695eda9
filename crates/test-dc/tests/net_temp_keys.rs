//! Temporary keys: a `p_q_inner_data_temp_dc` exchange, `auth.bindTempAuthKey` with its MTProto
//! 1.0 inner message under the permanent key (sent as raw packets, since the msg_id inside must
//! equal the call's), after which calls over the temporary key act for the permanent key's
//! authorization; a wrong binding is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use net_support::*;
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::{ClientFinished, ClientOptions};
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::mtproto::{enums as mt, types as mtt};
use pyro_transport::{CodecKind, Frame, FramedConnection};

/// `rpc_result#f35c6d01`, `bad_server_salt#edab447b` (core.telegram.org/mtproto/service_messages).
const RPC_RESULT: u32 = 0xf35c_6d01;
const BAD_SERVER_SALT: u32 = 0xedab_447b;

fn plaintext(salt: i64, session_id: i64, msg_id: i64, seq_no: i32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&salt.to_le_bytes());
    out.extend_from_slice(&session_id.to_le_bytes());
    out.extend_from_slice(&msg_id.to_le_bytes());
    out.extend_from_slice(&seq_no.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

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

/// Sends the bind call over `conn` (retrying once after `bad_server_salt`) and returns the
/// first 4 bytes of its result.
async fn bind(
    conn: &mut FramedConnection,
    perm: &ClientFinished,
    temp: &ClientFinished,
    forge: bool,
) -> u32 {
    let session_id = i64::from_le_bytes(random());
    let mut salt = temp.first_salt;
    let expires_at = unix_now() as i32 + 3000;
    for attempt in 1..=2i64 {
        let msg_id = ((unix_now() + i64::from(temp.time_offset)) << 32) + attempt * 4;
        let wrong_perm = forge.then(|| AuthKey::from_bytes([7; 256]));
        let body = bind_call(
            wrong_perm.as_ref().unwrap_or(&perm.auth_key),
            &temp.auth_key,
            session_id,
            msg_id,
            expires_at,
        );
        let body = if forge {
            // Claim the real permanent key while encrypting under another.
            let mut b = body;
            b[4..12].copy_from_slice(&perm.auth_key.id().to_le_bytes());
            b
        } else {
            body
        };
        let plain = plaintext(salt, session_id, msg_id, 1, &body);
        let pad = packet::padding_len(plain.len(), 0);
        let wire =
            packet::encrypt(&temp.auth_key, Sender::Client, &plain, &vec![0x42; pad]).unwrap();
        conn.send(&wire).await.unwrap();
        loop {
            let Frame::Packet { payload, .. } = conn.recv().await.unwrap() else {
                continue;
            };
            let answer = packet::decrypt(&temp.auth_key, Sender::Server, &payload).unwrap();
            let mut result = RPC_RESULT.to_le_bytes().to_vec();
            result.extend_from_slice(&msg_id.to_le_bytes());
            if let Some(at) = find(&answer, &result) {
                let at = at + result.len();
                return u32::from_le_bytes(answer[at..at + 4].try_into().unwrap());
            }
            if let Some(at) = find(&answer, &BAD_SERVER_SALT.to_le_bytes()) {
                let at = at + 4 + 8 + 4 + 4;
                salt = i64::from_le_bytes(answer[at..at + 8].try_into().unwrap());
                break;
            }
        }
    }
    panic!("no answer to bindTempAuthKey");
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
    let perm = new_key(&dc, 1, CodecKind::Intermediate).await;
    let perm_client = session(&dc, 1, CodecKind::Intermediate, &perm);
    let login = functions::auth::ImportBotAuthorization {
        flags: 0,
        api_id: 1,
        api_hash: "hash".into(),
        bot_auth_token: "42:TOKEN".into(),
    };
    perm_client.invoke(login.to_bytes()).await.unwrap();
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
