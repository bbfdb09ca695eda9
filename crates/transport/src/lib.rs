//! MTProto transports for pyro: how MTProto packets travel over a byte stream.
//!
//! TODO crate guide
#![forbid(unsafe_code)]

mod buffer;
mod codec;
mod detect;
mod error;
mod frame;

pub use buffer::RecvBuffer;
pub use codec::{Codec, Decoder, Encoder, ObfuscatedInit, is_valid_init};
pub use detect::{Detected, Detector, DetectorConfig};
pub use error::{Result, TransportError};
pub use frame::{CodecKind, Frame, Limits, Side};
pub mod faketls;
mod secret;
pub use secret::{MtProxySecret, SecretMode};
mod net;
pub use net::{
    AcceptConfig, Accepted, ConnectOptions, Credentials, FramedConnection, FramedReader,
    FramedWriter, Proxy, accept, connect,
};
