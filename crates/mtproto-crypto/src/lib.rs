//! MTProto cryptography for pyro: the byte-level primitives every other layer builds on.
//!
//! This crate is sans-IO and takes every random byte from its caller, so every output is
//! reproducible in tests. Modules:
//!
//! - [`ctr`]: AES-256-CTR (obfuscated transports, CDN file parts).
//! - [`obfuscation`]: the obfuscated2 handshake and its two CTR streams (MTProxy secrets too).
//!
//! ```
//! use pyro_mtproto_crypto::obfuscation::{client_handshake, server_handshake, TAG_ABRIDGED};
//!
//! let (header, mut client) = client_handshake([0x42; 64], TAG_ABRIDGED, 2, None)?;
//! let (hello, mut server) = server_handshake(&header, None)?;
//! assert_eq!(hello.dc, 2);
//! let mut bytes = *b"hello";
//! client.encrypt(&mut bytes);
//! server.decrypt(&mut bytes);
//! assert_eq!(&bytes, b"hello");
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

mod auth_key;
pub mod ctr;
#[cfg(any(feature = "handshake", feature = "srp"))]
pub mod dh;
mod error;
pub mod exchange;
pub mod factorize;
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
