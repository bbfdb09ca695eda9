//! Perfect forward secrecy, sans-IO: the `auth.bindTempAuthKey` call that binds a temporary auth
//! key to the permanent one (core.telegram.org/method/auth.bindTempAuthKey and
//! core.telegram.org/api/pfs).
//!
//! The call carries `bind_auth_key_inner` (nonce, both key ids, the temporary session's id, the
//! expiry) as an MTProto 1.0 message encrypted under the **permanent** key: a random 16 bytes
//! in place of salt and session id, then the msg_id of the call itself, seq_no 0, the length and
//! the body, padded to 16 bytes. Because that msg_id is only known when the call is
//! transmitted, [`TempKeyBinding`] is a body builder for
//! [`Engine::request_bound`](crate::engine::Engine::request_bound): it makes a fresh encrypted
//! message for each msg_id the call goes out under.
//!
//! `auth.bindTempAuthKey` belongs to the API schema, which this crate does not compile (only the
//! MTProto one); its four fields are encoded here by hand, and a test checks the bytes against
//! the generated API type. `bind_auth_key_inner` is part of the MTProto schema (auth_key.tl) and
//! comes from pyro-tl-types.
//!
//! # Example
//!
//! The first request of a temporary key's session (the [`driver`](crate::driver) does this
//! with PFS on):
//!
//! ```
//! use std::time::Duration;
//! use pyro_mtproto_crypto::AuthKey;
//! use pyro_mtproto_crypto::packet::{Sender, decrypt};
//! use pyro_session::engine::{Engine, EngineConfig, Now, RequestOptions};
//! use pyro_session::pfs::{BIND_TEMP_AUTH_KEY, TempKeyBinding};
//!
//! let now = Now::new(Duration::ZERO, Duration::from_secs(1_700_000_000));
//! let (perm, temp) = (AuthKey::from_bytes([1; 256]), AuthKey::from_bytes([2; 256]));
//! let mut engine = Engine::new(EngineConfig::default(), temp.clone(), 0, [3; 32]);
//! let binding =
//!     TempKeyBinding::new(perm, temp.id(), engine.session_id(), 1_700_086_400, [4; 32]);
//! let id = engine.request_bound(now, binding.into_builder(), RequestOptions::default());
//! engine.send_first(id); // every other request waits for the answer
//! engine.connected(now);
//!
//! let mut packet = Vec::new();
//! assert!(engine.poll_transmit(now, &mut packet));
//! let plain = decrypt(&temp, Sender::Client, &packet).expect("our own packet");
//! // salt, session_id, msg_id, seq_no, length, then the call itself.
//! assert_eq!(plain[32..36], BIND_TEMP_AUTH_KEY.to_le_bytes());
//! ```

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{Sender, encrypt_v1};
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, types};
use pyro_tl_types::primitives::write_bytes;

use crate::engine::{BodyBuilder, Drbg};

/// `auth.bindTempAuthKey#cdd42a05 perm_auth_key_id:long nonce:long expires_at:int
/// encrypted_message:bytes = Bool` (schema/api.tl).
pub const BIND_TEMP_AUTH_KEY: u32 = 0xcdd4_2a05;
/// `boolTrue#997275b5 = Bool` (schema/api.tl).
pub const BOOL_TRUE: u32 = 0x9972_75b5;
/// `boolFalse#bc799737 = Bool` (schema/api.tl).
pub const BOOL_FALSE: u32 = 0xbc79_9737;

/// Serializes `auth.bindTempAuthKey` (constructor id, then the fields in schema order).
pub fn encode_bind_temp_auth_key(
    perm_auth_key_id: i64,
    nonce: i64,
    expires_at: i32,
    encrypted_message: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(24 + 8 + encrypted_message.len());
    out.extend_from_slice(&BIND_TEMP_AUTH_KEY.to_le_bytes());
    out.extend_from_slice(&perm_auth_key_id.to_le_bytes());
    out.extend_from_slice(&nonce.to_le_bytes());
    out.extend_from_slice(&expires_at.to_le_bytes());
    write_bytes(encrypted_message, &mut out);
    out
}

/// Reads the `Bool` an `auth.bindTempAuthKey` answers: `Some(true)` for `boolTrue`,
/// `Some(false)` for `boolFalse`, `None` for anything else.
pub fn parse_bool(result: &[u8]) -> Option<bool> {
    match result.first_chunk::<4>().map(|b| u32::from_le_bytes(*b)) {
        Some(BOOL_TRUE) if result.len() == 4 => Some(true),
        Some(BOOL_FALSE) if result.len() == 4 => Some(false),
        _ => None,
    }
}

/// What one binding says: which temporary key, in which session, acts for which permanent key
/// until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BindingTerms {
    /// Random, the same in the call and inside the encrypted message.
    pub nonce: i64,
    /// The temporary key's id.
    pub temp_auth_key_id: i64,
    /// The session of the temporary key that sends the call.
    pub temp_session_id: i64,
    /// When the temporary key stops working (Unix seconds, server time).
    pub expires_at: i32,
}

/// The `encrypted_message` of `auth.bindTempAuthKey` for a call sent under `msg_id`:
/// `bind_auth_key_inner` in an MTProto 1.0 message under `perm`. `random` gives the 16 bytes
/// that replace salt and session id and up to 15 bytes of padding.
pub fn encrypted_message(
    perm: &AuthKey,
    terms: &BindingTerms,
    msg_id: i64,
    random: &[u8; 31],
) -> Vec<u8> {
    let inner = enums::BindAuthKeyInner::BindAuthKeyInner(types::BindAuthKeyInner {
        nonce: terms.nonce,
        temp_auth_key_id: terms.temp_auth_key_id,
        perm_auth_key_id: perm.id(),
        temp_session_id: terms.temp_session_id,
        expires_at: terms.expires_at,
    })
    .to_bytes();
    let mut plain = Vec::with_capacity(32 + inner.len());
    plain.extend_from_slice(&random[..16]);
    plain.extend_from_slice(&msg_id.to_le_bytes());
    plain.extend_from_slice(&0i32.to_le_bytes());
    plain.extend_from_slice(&(inner.len() as u32).to_le_bytes());
    plain.extend_from_slice(&inner);
    let pad = (16 - plain.len() % 16) % 16;
    // The padding makes whole blocks, so encrypt_v1 cannot refuse it; an empty message (which
    // the server refuses) would be the only outcome of a bug here.
    encrypt_v1(perm, Sender::Client, &plain, &random[16..16 + pad]).unwrap_or_default()
}

/// The body builder of one binding: every call of [`body`](Self::body) makes the whole
/// `auth.bindTempAuthKey` for one msg_id, with fresh random bytes from its own seeded
/// generator (so a test gets the same bytes every run).
#[derive(Debug)]
pub struct TempKeyBinding {
    perm: AuthKey,
    terms: BindingTerms,
    rng: Drbg,
}

impl TempKeyBinding {
    /// A binding of the temporary key `temp_auth_key_id`, used by session `temp_session_id`,
    /// to `perm` until `expires_at`. The nonce and all padding come from `seed`.
    pub fn new(
        perm: AuthKey,
        temp_auth_key_id: i64,
        temp_session_id: i64,
        expires_at: i32,
        seed: [u8; 32],
    ) -> Self {
        let mut rng = Drbg::new(seed);
        let terms = BindingTerms {
            nonce: rng.next_i64(),
            temp_auth_key_id,
            temp_session_id,
            expires_at,
        };
        Self { perm, terms, rng }
    }

    /// What the binding says.
    pub fn terms(&self) -> BindingTerms {
        self.terms
    }

    /// The serialized call for a transmission under `msg_id`.
    pub fn body(&mut self, msg_id: i64) -> Vec<u8> {
        let mut random = [0u8; 31];
        self.rng.fill(&mut random);
        let encrypted = encrypted_message(&self.perm, &self.terms, msg_id, &random);
        encode_bind_temp_auth_key(
            self.perm.id(),
            self.terms.nonce,
            self.terms.expires_at,
            &encrypted,
        )
    }

    /// The binding as a builder for [`Engine::request_bound`](crate::engine::Engine::request_bound).
    pub fn into_builder(mut self) -> BodyBuilder {
        Box::new(move |msg_id| self.body(msg_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_mtproto_crypto::packet::decrypt_v1;

    #[test]
    fn the_inner_message_decrypts_under_the_permanent_key_with_the_call_msg_id() {
        let perm = AuthKey::from_bytes([3; 256]);
        let mut binding = TempKeyBinding::new(perm.clone(), 77, 88, 1_700_086_400, [5; 32]);
        let body = binding.body(0x6000_0000_0000_0004);
        assert_eq!(body[..4], BIND_TEMP_AUTH_KEY.to_le_bytes());
        assert_eq!(body[4..12], perm.id().to_le_bytes());
        // bytes: auth_key_id, msg_key and 80 encrypted bytes (72 padded), a 1-byte length.
        assert_eq!(body[24], 104);
        let encrypted = &body[25..25 + 104];
        assert_eq!(body.len(), 25 + 104 + 3, "padded to whole words");
        let plain = decrypt_v1(&perm, Sender::Client, encrypted).unwrap();
        assert_eq!(plain[16..24], 0x6000_0000_0000_0004i64.to_le_bytes());
        assert_eq!(plain[24..28], [0; 4], "seq_no 0");
        assert_eq!(plain[28..32], 40u32.to_le_bytes());
        let terms = binding.terms();
        assert_eq!(plain[32 + 4..32 + 12], terms.nonce.to_le_bytes());
        assert_eq!(plain[32 + 12..32 + 20], 77i64.to_le_bytes());
        // A second transmission gets new random bytes but keeps the terms.
        let again = binding.body(0x6000_0000_0000_0008);
        assert_ne!(again, body);
        assert_eq!(again[12..24], body[12..24]);
    }

    #[test]
    fn bools() {
        assert_eq!(parse_bool(&BOOL_TRUE.to_le_bytes()), Some(true));
        assert_eq!(parse_bool(&BOOL_FALSE.to_le_bytes()), Some(false));
        assert_eq!(parse_bool(&[1, 2, 3]), None);
        assert_eq!(parse_bool(&[0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]), None);
    }
}
