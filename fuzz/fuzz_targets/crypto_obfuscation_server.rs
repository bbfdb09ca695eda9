//! Feeds arbitrary 64-byte headers (and an optional MTProxy secret) to the obfuscated2 server
//! handshake. Asserts: no panic; an accepted header names one of the three transports; and the
//! resulting streams decrypt and encrypt the rest of the input without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_mtproto_crypto::obfuscation::{
    TAG_ABRIDGED, TAG_INTERMEDIATE, TAG_PADDED_INTERMEDIATE, server_handshake,
};

fuzz_target!(|data: &[u8]| {
    let Some((header, rest)) = data.split_first_chunk::<64>() else { return };
    let (secret, payload) = match rest.split_first_chunk::<16>() {
        Some((secret, payload)) if rest.len() % 2 == 1 => (Some(secret), payload),
        _ => (None, rest),
    };
    if let Ok((hello, mut obfuscator)) = server_handshake(header, secret) {
        assert!(
            [TAG_ABRIDGED, TAG_INTERMEDIATE, TAG_PADDED_INTERMEDIATE].contains(&hello.protocol_tag)
        );
        let mut bytes = payload.to_vec();
        obfuscator.decrypt(&mut bytes);
        obfuscator.encrypt(&mut bytes);
    }
});
