//! MTProto cryptography for pyro: the byte-level primitives the transport, the session and the
//! auth-key exchange are built on.
//!
//! The crate is sans-IO and takes every random byte from its caller, so every output can be
//! reproduced in tests; nothing here reads the clock or the OS RNG.
//!
//! # Guide
//!
//! | module | what it does | feature |
//! |---|---|---|
//! | [`packet`] | MTProto 2.0 packets: msg_key, key derivation, padding, encrypt, decrypt with every check of the security guidelines; MTProto 1.0 for `auth.bindTempAuthKey` | core |
//! | [`AuthKey`] | the 256-byte key, its id and aux hash, `new_nonce_hash1/2/3`; wiped on drop | core |
//! | [`ige`] | AES-256-IGE in place (and streaming, the IV carried across calls) | core |
//! | [`ctr`] | AES-256-CTR for obfuscated transports and CDN files | core |
//! | [`obfuscation`] | the obfuscated2 handshake (client and server sides, MTProxy secrets) | core |
//! | [`exchange`] | `tmp_aes_key`/`tmp_aes_iv` and the first salt of the key exchange | core |
//! | [`factorize`] | Pollard-Brent factorisation of the 64-bit `pq` | core |
//! | `bignum` | 2048-bit (and 1024-bit) Montgomery modular exponentiation, fixed window for secret exponents | `handshake` or `srp` |
//! | `dh` | safe-prime, generator and range checks of DH parameters | `handshake` or `srp` |
//! | `rsa` | Telegram's RSA keys and fingerprints, RSA_PAD and the legacy scheme, both sides | `handshake` |
//! | `handshake` | the auth-key exchange as client and server typestates | `handshake` |
//! | `srp` | the 2FA `inputCheckPasswordSRP` values and the new-password verifier | `srp` |
//!
//! With `default-features = false` the crate needs neither big-number maths nor the TL layer.
//! Errors are one enum, [`CryptoError`], grouped by who is at fault.
//!
//! A client sends and receives an encrypted message like this:
//!
//! ```
//! use pyro_mtproto_crypto::AuthKey;
//! use pyro_mtproto_crypto::packet::{self, Sender, HEADER_LEN};
//!
//! let auth_key = AuthKey::from_bytes([0x5a; 256]);
//! // salt, session_id, msg_id, seq_no, then message_data_length = 8 and an 8-byte body.
//! let mut plaintext = vec![0u8; 40];
//! plaintext[28] = 8;
//!
//! // Encrypt in a buffer with headroom for auth_key_id and msg_key: no allocation.
//! let padding = [0x17u8; 1024]; // fresh random bytes in real use
//! let pad = packet::padding_len(plaintext.len(), 0);
//! let mut wire = Vec::with_capacity(HEADER_LEN + plaintext.len() + pad);
//! wire.resize(HEADER_LEN, 0);
//! wire.extend_from_slice(&plaintext);
//! packet::encrypt_in_place(&auth_key, Sender::Client, &mut wire, &padding[..pad])?;
//! assert_eq!(&wire[..8], &auth_key.id_bytes());
//!
//! // The server side decrypts in place and gets the plaintext back without its padding.
//! let received = packet::decrypt_in_place(&auth_key, Sender::Client, &mut wire)?;
//! assert_eq!(received, &plaintext[..]);
//!
//! // Tampering is caught before anything inside the plaintext is read.
//! let mut forged = packet::encrypt(&auth_key, Sender::Server, &plaintext, &padding[..pad])?;
//! forged[40] ^= 1;
//! assert!(packet::decrypt_in_place(&auth_key, Sender::Server, &mut forged).is_err());
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```
//!
//! # Speed and the one `unsafe` module
//!
//! IGE is sequential, so its speed limit is the latency of one AES-256 encryption per block.
//! The `aes` crate's one-block-per-call API stays well short of that, so on x86-64 the IGE loops
//! use AES-NI intrinsics under `#[target_feature(enable = "aes,sse2")]` with the round keys kept
//! in registers, chosen at runtime with `is_x86_feature_detected!` (never `-C target-cpu=native`;
//! the portable `aes` path runs elsewhere and is tested against the AES-NI one). That module,
//! `ige::ni`, is the only place `unsafe` is allowed (`#![allow(unsafe_code)]`): for calling the
//! `#[target_feature]` functions after the runtime check and for unaligned 16-byte loads and
//! stores; its docs justify each use. Packet decryption hashes while it decrypts (64 bytes of IGE,
//! then the SHA-256 compression of those bytes) so the AES and SHA units work side by side.
//! Measurements are in `benches/README.md`.

mod auth_key;
#[cfg(any(feature = "handshake", feature = "srp"))]
pub mod bignum;
pub mod ctr;
#[cfg(any(feature = "handshake", feature = "srp"))]
pub mod dh;
mod error;
pub mod exchange;
pub mod factorize;
#[cfg(feature = "handshake")]
pub mod handshake;
pub mod ige;
pub mod obfuscation;
pub mod packet;
#[cfg(feature = "handshake")]
pub mod rsa;
#[cfg(feature = "srp")]
pub mod srp;
#[cfg(test)]
mod test_util;

pub use auth_key::AuthKey;
pub use error::CryptoError;

/// Constant-time equality of two byte strings of equal length (unequal lengths compare false).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    core::hint::black_box(diff) == 0
}
