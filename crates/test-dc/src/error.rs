//! The errors of the test DC: the `rpc_error`s the in-memory Telegram answers, and what can be
//! wrong with a seed.

use pyro_tl_types::Serializable;
use thiserror::Error;

/// `rpc_error#2144ca19 error_code:int error_message:string = RpcError`: the typed answer of a
/// request that failed, named as Telegram names it (`PHONE_CODE_INVALID`, `FLOOD_WAIT_5`, ...).
///
/// The test DC's own names (documented at [`crate::Telegram::call`]) are
/// `METHOD_NOT_IMPLEMENTED_IN_TEST_DC` (a real method this model does not implement) and the
/// ones Telegram itself uses for bad input: `INPUT_METHOD_INVALID` (an id that is no method) and
/// `INPUT_FETCH_ERROR` (a known method whose parameters do not decode).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("rpc error {code}: {message}")]
pub struct RpcError {
    /// The HTTP-like class: 303 migrate, 400 bad request, 401 unauthorised, 420 flood, ...
    pub code: i32,
    /// The upper-case name, with a number suffix where Telegram puts one (`FLOOD_WAIT_5`).
    pub message: String,
}

/// The id of `rpc_error#2144ca19`.
pub const RPC_ERROR_ID: u32 = 0x2144_ca19;

impl RpcError {
    /// An error with a code and a name.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// 400: the caller sent something wrong.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    /// 401 `AUTH_KEY_UNREGISTERED`: the auth key is bound to no user.
    pub fn unregistered() -> Self {
        Self::new(401, "AUTH_KEY_UNREGISTERED")
    }

    /// The number after the last `_` of the name (`FLOOD_WAIT_5` -> 5), if there is one.
    pub fn value(&self) -> Option<i32> {
        self.message.rsplit('_').next()?.parse().ok()
    }

    /// The error serialized as a boxed `rpc_error`, as it goes inside `rpc_result`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buf = Vec::with_capacity(8 + self.message.len());
        RPC_ERROR_ID.serialize(&mut buf);
        self.code.serialize(&mut buf);
        self.message.serialize(&mut buf);
        buf
    }
}

/// Why a seed could not be loaded.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SeedError {
    /// The fixture is not valid JSON for [`crate::Seed`] (the file's fault).
    #[error("seed is not valid: {0}")]
    Json(#[from] serde_json::Error),
    /// Two accounts share a phone number, a username or a bot token (the seed's fault).
    #[error("seed has a duplicate {what}: {value}")]
    Duplicate {
        /// `phone`, `username` or `bot token`.
        what: &'static str,
        /// The repeated value.
        value: String,
    },
    /// A channel member, contact or file owner names an account the seed does not have.
    #[error("seed refers to unknown account {0}")]
    UnknownAccount(String),
    /// A DC id used by the seed is not in the DC list.
    #[error("seed refers to DC {0}, which is not in the DC list")]
    UnknownDc(i32),
    /// The DC list is empty.
    #[error("the DC list is empty")]
    NoDcs,
    /// Reading the fixture failed (local I/O).
    #[error("cannot read the seed: {0}")]
    Io(#[from] std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_error_bytes_and_value() {
        let err = RpcError::new(420, "FLOOD_WAIT_17");
        assert_eq!(err.value(), Some(17));
        assert_eq!(RpcError::unregistered().value(), None);
        let bytes = err.to_bytes();
        assert_eq!(bytes[..4], RPC_ERROR_ID.to_le_bytes());
        assert_eq!(bytes[4..8], 420i32.to_le_bytes());
        assert_eq!(bytes[8], 13);
        assert_eq!(&bytes[9..22], b"FLOOD_WAIT_17");
        assert_eq!(bytes.len() % 4, 0);
    }
}
