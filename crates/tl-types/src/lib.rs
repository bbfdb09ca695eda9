//! Telegram's TL serialization runtime, and the generated types of API layer 229 and MTProto.
//!
//! # Layout
//! - The runtime: [`Serializable`] (append to a `Vec<u8>`), [`Deserializable`] (read from a
//!   [`Cursor`] over borrowed bytes), [`Identifiable`] (`CONSTRUCTOR_ID`), [`RemoteCall`] (a
//!   function and its `Return` type), [`DeserializeError`], [`LAYER`] and [`name_for_id`].
//! - `CollectPeers` and `PeerRefs` (feature `api`): every `User` and `Chat` inside any value, for
//!   a client's peer cache.
//! - `api` (feature `api`, from `schema/api.tl`) and `mtproto` (feature `mtproto`, from
//!   `schema/auth_key.tl`, `sys_msgs.tl` and `mtproto_core.tl`), each with `types` (one struct per
//!   constructor), `enums` (one enum per boxed type) and `functions` (one struct per function);
//!   namespaces are sub-modules: `api::functions::messages::SendMessage`.
//!
//! # Conventions
//! - Structs are *bare*: they serialize their fields only. Enums are *boxed*: the constructor id,
//!   then the fields. Functions serialize (and, for servers and tests, deserialize) with their id.
//! - `flags.N?T` fields are `Option<T>`, `flags.N?true` fields are `bool`; the flags words are
//!   computed when serializing and never stored.
//! - Large enum variants hold a `Box`, so every enum is at most 64 bytes.
//! - `message`, `msg_container` and `rpc_result` are hand-written (re-exported as
//!   `mtproto::types::{Message, MsgContainer, RpcResult}`): TL cannot express their layout, so
//!   message bodies and RPC results stay raw bytes for the session layer to decode. The enums
//!   `mtproto::enums::{MessageContainer, RpcResult}` read them boxed (with the id), and
//!   `mtproto::types::GzipPacked` holds the compressed bytes of `gzip_packed`.
//! - Decoding never panics and never allocates more than the input could hold; `string`s that
//!   are not UTF-8 are decoded lossily (see [`primitives`]).
//!
//! # Example
//!
//! The first round of the key exchange, byte for byte as recorded against Telegram's test DC
//! (vector C2 of `VECTORS.md`): the client's `req_pq_multi` and the server's `resPQ`.
//!
//! ```
//! # #[cfg(feature = "mtproto")] {
//! use pyro_tl_types::mtproto::{enums, functions};
//! use pyro_tl_types::{Deserializable, RemoteCall, Serializable};
//!
//! let nonce = 0x4e44b426241e8b839153122d44585ac6u128.to_be_bytes();
//! let request = functions::ReqPqMulti { nonce };
//! let bytes = request.to_bytes();
//! assert_eq!(bytes[..4], [0xf1, 0x8e, 0x7e, 0xbe]); // req_pq_multi#be7e8ef1, little-endian
//! assert_eq!(bytes[4..], nonce);
//!
//! let mut answer = vec![0x63, 0x24, 0x16, 0x05]; // resPQ#05162463
//! answer.extend_from_slice(&nonce);
//! answer.extend_from_slice(&0x65ba0b393e1094329eda2c42d6283303u128.to_be_bytes()); // server_nonce
//! answer.extend_from_slice(&[8, 0x19, 0x54, 0x6f, 0x94, 0x2a, 0x11, 0x27, 0x8d, 0, 0, 0]); // pq:bytes
//! answer.extend_from_slice(&[0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0]); // Vector<long>, 1 item
//! answer.extend_from_slice(&(-5595554452916591101i64).to_le_bytes());
//!
//! let res_pq = <functions::ReqPqMulti as RemoteCall>::Return::from_bytes(&answer)?;
//! let enums::ResPq::ResPq(res_pq) = res_pq;
//! assert_eq!(res_pq.nonce, nonce);
//! assert_eq!(res_pq.pq, [0x19, 0x54, 0x6f, 0x94, 0x2a, 0x11, 0x27, 0x8d]);
//! assert_eq!(res_pq.server_public_key_fingerprints, [-5595554452916591101]);
//!
//! // Truncated input is an error, never a panic.
//! assert!(enums::ResPq::from_bytes(&answer[..40]).is_err());
//! # }
//! # Ok::<(), pyro_tl_types::DeserializeError>(())
//! ```

mod cursor;
mod envelope;
mod error;
#[rustfmt::skip]
mod generated;
#[cfg(feature = "api")]
mod peers;
pub mod primitives;
mod traits;
mod vector;

pub use cursor::Cursor;
pub use error::DeserializeError;
pub use generated::LAYER;
#[cfg(feature = "api")]
pub use generated::api;
#[cfg(feature = "mtproto")]
pub use generated::mtproto;
#[cfg(feature = "api")]
pub use peers::{CollectPeers, PeerRefs};
pub use traits::{Deserializable, Identifiable, RemoteCall, Serializable};
pub use vector::{VECTOR_ID, read_bare_vec, write_bare_vec};

/// The TL name of any constructor or function id known to the enabled schemas (MTProto first,
/// then the API), or `None`.
pub fn name_for_id(id: u32) -> Option<&'static str> {
    #[cfg(feature = "mtproto")]
    if let Some(name) = mtproto::name_for_id(id) {
        return Some(name);
    }
    #[cfg(feature = "api")]
    if let Some(name) = api::name_for_id(id) {
        return Some(name);
    }
    let _ = id;
    None
}
