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

pub mod ctr;
mod error;
pub mod obfuscation;
#[cfg(test)]
mod test_util;

pub use error::CryptoError;
