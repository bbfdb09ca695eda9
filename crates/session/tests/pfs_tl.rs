//! The hand-encoded `auth.bindTempAuthKey` equals the generated API type's bytes, and a
//! binding's body decodes as that type with the terms it was made with.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pyro_mtproto_crypto::AuthKey;
use pyro_session::pfs::{self, TempKeyBinding};
use pyro_tl_types::api::functions::auth::BindTempAuthKey;
use pyro_tl_types::{Deserializable, Identifiable, Serializable};

#[test]
fn the_constructor_ids_are_the_schema_ones() {
    assert_eq!(pfs::BIND_TEMP_AUTH_KEY, BindTempAuthKey::CONSTRUCTOR_ID);
    assert_eq!(true.to_bytes(), pfs::BOOL_TRUE.to_le_bytes());
    assert_eq!(false.to_bytes(), pfs::BOOL_FALSE.to_le_bytes());
}

#[test]
fn hand_encoded_bytes_equal_the_generated_ones() {
    // Short and long `bytes` (1-byte and 4-byte length headers), and edge values.
    for (len, key_id, nonce, expires) in [
        (0usize, 0i64, 0i64, 0i32),
        (104, -5, i64::MIN, 1_700_000_000),
        (300, i64::MAX, 42, i32::MAX),
    ] {
        let message: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
        let generated = BindTempAuthKey {
            perm_auth_key_id: key_id,
            nonce,
            expires_at: expires,
            encrypted_message: message.clone(),
        }
        .to_bytes();
        assert_eq!(
            pfs::encode_bind_temp_auth_key(key_id, nonce, expires, &message),
            generated,
            "len {len}"
        );
    }
}

#[test]
fn a_binding_body_decodes_as_the_api_call() {
    let perm = AuthKey::from_bytes([0x21; 256]);
    let mut binding = TempKeyBinding::new(perm.clone(), -9, 12, 1_700_003_600, [1; 32]);
    let body = binding.body(0x6500_0000_0000_0010);
    let call = BindTempAuthKey::from_bytes(&body).unwrap();
    assert_eq!(call.perm_auth_key_id, perm.id());
    assert_eq!(call.nonce, binding.terms().nonce);
    assert_eq!(call.expires_at, 1_700_003_600);
    assert_eq!(call.encrypted_message.len(), 104);
    // Deterministic: the same seed gives the same bytes.
    let mut twin = TempKeyBinding::new(perm, -9, 12, 1_700_003_600, [1; 32]);
    assert_eq!(twin.body(0x6500_0000_0000_0010), body);
}
