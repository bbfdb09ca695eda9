//! Feeds arbitrary bytes to MTProto packet decryption (2.0 both directions, and 1.0). Asserts: no
//! panic; a forged packet is never accepted; and when the input makes a well-formed inner
//! plaintext, encrypting it and decrypting the result gives it back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{self, Sender};

fuzz_target!(|data: &[u8]| {
    let key = AuthKey::from_bytes(core::array::from_fn(|i| i as u8));
    // Half the inputs carry our auth_key_id, so decryption gets past the first check.
    let mut packet = data.to_vec();
    if data.first().is_some_and(|b| b & 1 == 1) && packet.len() >= 8 {
        packet[..8].copy_from_slice(&key.id_bytes());
    }
    for sender in [Sender::Client, Sender::Server] {
        assert!(packet::decrypt_in_place(&key, sender, &mut packet.clone()).is_err());
        assert!(packet::decrypt_v1(&key, sender, &packet).is_err());
    }

    // Round trip: the input as a message body behind a valid inner header.
    let body = &data[..data.len() / 4 * 4];
    let mut plain = vec![0u8; 32];
    plain[28..32].copy_from_slice(&(body.len() as u32).to_le_bytes());
    plain.extend_from_slice(body);
    let pad = packet::padding_len(plain.len(), data.len() % 7);
    let sealed = packet::encrypt(&key, Sender::Server, &plain, &vec![0xa5; pad]);
    let sealed = sealed.expect("valid padding is accepted");
    if plain.len() > 32 {
        let opened = packet::decrypt(&key, Sender::Server, &sealed).expect("own packet decrypts");
        assert_eq!(opened, plain);
    }
});
