//! Temporary keys: a `p_q_inner_data_temp_dc` exchange, `auth.bindTempAuthKey` with its MTProto
//! 1.0 inner message under the permanent key (sent as raw packets, since the msg_id inside must
//! equal the call's), after which calls over the temporary key act for the permanent key's
//! authorization; a wrong binding is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use net_support::raw::{RPC_RESULT, RawSession, plaintext};
use net_support::*;
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::{ClientFinished, ClientOptions};
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::mtproto::{enums as mt, types as mtt};
use pyro_transport::{CodecKind, FramedConnection};

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
