//! `auth.bindTempAuthKey` (core.telegram.org/method/auth.bindTempAuthKey): a temporary key
//! proves it may act for a permanent one with an MTProto 1.0 message encrypted under the
//! permanent key, whose body is `bind_auth_key_inner`.
//!
//! The server checks that the call came over a temporary key, that the permanent key exists on
//! this DC, that the inner message decrypts and carries the outer call's msg_id, and that every
//! field of `bind_auth_key_inner` matches: nonce, both key ids, the temporary session and the
//! expiry. Failures answer `400 ENCRYPTED_MESSAGE_INVALID` (`TEMP_AUTH_KEY_EMPTY` when the
//! carrying key is not temporary), as Telegram names them.

use pyro_mtproto_crypto::packet::{Sender, decrypt_v1};
use pyro_tl_types::api::functions;
use pyro_tl_types::mtproto::enums as mt;
use pyro_tl_types::{Deserializable, Identifiable, Serializable};

use crate::net::dc::DcShared;
use crate::{Outcome, RpcError};

/// The id of `auth.bindTempAuthKey`, to pick the call out before the model sees it.
pub(crate) const BIND_TEMP_AUTH_KEY: u32 = functions::auth::BindTempAuthKey::CONSTRUCTOR_ID;

/// Whether a request body is `auth.bindTempAuthKey`.
pub(crate) fn is_bind(body: &[u8]) -> bool {
    body.get(..4)
        .is_some_and(|id| u32::from_le_bytes([id[0], id[1], id[2], id[3]]) == BIND_TEMP_AUTH_KEY)
}

/// The call over temporary key `temp_id` in session `session_id`, whose msg_id was `msg_id`.
pub(crate) fn bind(
    dc: &DcShared,
    temp_id: i64,
    temporary: bool,
    session_id: i64,
    msg_id: i64,
    body: &[u8],
    now: i64,
) -> Outcome {
    let invalid = || Outcome::Error(RpcError::bad_request("ENCRYPTED_MESSAGE_INVALID"));
    if !temporary {
        return Outcome::Error(RpcError::bad_request("TEMP_AUTH_KEY_EMPTY"));
    }
    let Ok(call) = functions::auth::BindTempAuthKey::from_bytes(body) else {
        return Outcome::Error(RpcError::bad_request("INPUT_FETCH_ERROR"));
    };
    let Some(perm) = dc.registry.get(call.perm_auth_key_id, dc.dc_id, now) else {
        return invalid();
    };
    if perm.expires_at.is_some() {
        return invalid();
    }
    let Ok(plain) = decrypt_v1(&perm.key, Sender::Client, &call.encrypted_message) else {
        return invalid();
    };
    // salt (8) and session_id (8) are random here; then msg_id (8), seq_no (4), length (4).
    let inner_msg_id = plain
        .get(16..24)
        .and_then(|b| b.try_into().ok())
        .map(i64::from_le_bytes);
    let len = plain
        .get(28..32)
        .and_then(|b| b.try_into().ok())
        .map_or(0, |b| u32::from_le_bytes(b) as usize);
    let Some(Ok(mt::BindAuthKeyInner::BindAuthKeyInner(inner))) = plain
        .get(32..32 + len)
        .map(mt::BindAuthKeyInner::from_bytes)
    else {
        return invalid();
    };
    let matches = inner_msg_id == Some(msg_id)
        && inner.nonce == call.nonce
        && inner.temp_auth_key_id == temp_id
        && inner.perm_auth_key_id == call.perm_auth_key_id
        && inner.temp_session_id == session_id
        && inner.expires_at == call.expires_at;
    if !matches
        || !dc
            .registry
            .bind(temp_id, call.perm_auth_key_id, i64::from(call.expires_at))
    {
        return invalid();
    }
    Outcome::Answer(true.to_bytes())
}
