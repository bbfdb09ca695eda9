//! MTProto transports for pyro: how MTProto packets travel over a byte stream. This crate knows
//! nothing of sessions or encryption keys; it frames, obfuscates and proxies.
//!
//! # Layers
//!
//! - **Sans-IO codecs** ([`Codec`], split into [`Encoder`] and [`Decoder`]): abridged (with the
//!   quick-ack bit), intermediate, padded intermediate and full, each for the client and the
//!   server ([`Side`]), optionally wrapped in obfuscated2 ([`Codec::obfuscated_client`],
//!   [`Codec::obfuscated_server`]). Encoding appends to a `Vec<u8>`; decoding consumes only whole
//!   frames from a [`RecvBuffer`] and yields a [`Frame`]: a packet, or the server's quick ack.
//!   Transport error frames (-404, -429, ...) surface as [`TransportError::ErrorCode`]. Every
//!   announced length is checked against [`Limits`] before anything is allocated.
//! - **Detection** ([`Detector`]): the server side's choice of codec from a connection's first
//!   bytes, including obfuscated2 headers opened with an MTProxy secret.
//! - **Fake TLS** ([`faketls`]): the `ee` MTProxy disguise, client and server, sans-IO.
//! - **Tokio drivers**: [`connect`] (TCP over IPv4/IPv6 with a timeout, through SOCKS5, HTTP
//!   CONNECT or MTProxy with plain, `dd` and `ee` secrets) and [`accept`] (the server side),
//!   both yielding a [`FramedConnection`].
//!
//! # Example
//!
//! A client and a server codec talking through a buffer, with an obfuscated2 wrapper:
//!
//! ```
//! use pyro_transport::{Codec, CodecKind, Detector, DetectorConfig, Frame, Limits, RecvBuffer};
//!
//! # fn main() -> Result<(), pyro_transport::TransportError> {
//! // 64 random bytes (the tokio driver draws them from the OS and redraws invalid ones).
//! let init = [0x61; 64];
//! assert!(pyro_transport::is_valid_init(&init));
//! let mut client =
//!     Codec::obfuscated_client(CodecKind::Intermediate, init, 2, None, Limits::default(), 0)?;
//! let mut wire = Vec::new();
//! client.encode(b"an MTProto packet, 32 bytes long", &mut wire)?;
//!
//! // The server detects the codec from the first bytes, then decodes with it.
//! let mut input = RecvBuffer::from_vec(wire);
//! let detected = Detector::new(DetectorConfig::default(), 0).detect(&mut input)?.unwrap();
//! assert_eq!(detected.obfuscated.map(|o| o.dc), Some(2));
//! let mut server = detected.codec;
//! let frame = server.decode(&mut input)?;
//! assert_eq!(frame, Some(Frame::packet(b"an MTProto packet, 32 bytes long".to_vec())));
//! # Ok(())
//! # }
//! ```
//!
//! Over the network, `connect(&ConnectOptions::new(addr, 2, CodecKind::Abridged))` gives a
//! [`FramedConnection`] with `send(&[u8])` and `recv() -> Frame`.

mod buffer;
mod codec;
mod error;
pub mod faketls;
mod frame;
mod net;
mod secret;

pub use buffer::RecvBuffer;
pub use codec::{
    Codec, Decoder, Detected, Detector, DetectorConfig, Encoder, ObfuscatedInit, is_valid_init,
};
pub use error::{Result, TransportError};
pub use frame::{CodecKind, Frame, Limits, Side};
pub use net::{
    AcceptConfig, Accepted, ConnectOptions, Credentials, FramedConnection, FramedReader,
    FramedWriter, Proxy, accept, connect,
};
pub use secret::{MtProxySecret, SecretMode};
