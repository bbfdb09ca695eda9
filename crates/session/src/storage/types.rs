//! The values a session store holds, apart from peers: auth keys, DC options, the logged-in user and
//! the update state.

use std::fmt;
use std::net::IpAddr;
use std::ops::BitOr;

use zeroize::Zeroize;

use super::error::{Result, StorageError};

/// The length of an MTProto auth key in bytes.
pub const AUTH_KEY_LEN: usize = 256;

/// A 256-byte MTProto auth key, as negotiated with one DC.
///
/// Its `Debug` output never shows the key bytes, and the bytes are zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey(Box<[u8; AUTH_KEY_LEN]>);

impl AuthKey {
    /// Wraps a key of exactly [`AUTH_KEY_LEN`] bytes.
    pub fn new(bytes: [u8; AUTH_KEY_LEN]) -> Self {
        AuthKey(Box::new(bytes))
    }

    /// Copies a key from a slice, which must be exactly [`AUTH_KEY_LEN`] bytes long.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let array: [u8; AUTH_KEY_LEN] = bytes
            .try_into()
            .map_err(|_| StorageError::InvalidAuthKeyLength { len: bytes.len() })?;
        Ok(AuthKey::new(array))
    }

    /// The key bytes.
    pub fn as_bytes(&self) -> &[u8; AUTH_KEY_LEN] {
        &self.0
    }

    /// Whether every byte is zero (Telethon writes such a key for "no key").
    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|&b| b == 0)
    }
}

impl Drop for AuthKey {
    /// Wipes the key bytes, so a dropped key does not linger in freed memory.
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthKey(<256 bytes redacted>)")
    }
}

/// A temporary auth key (for perfect forward secrecy), bound to a permanent key until it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempAuthKey {
    /// The key.
    pub key: AuthKey,
    /// When the server forgets it, in Unix seconds (the `expires_in` of `bind_auth_key_inner` added
    /// to the time of binding).
    pub expires_at: i64,
}

/// The flags of a `dcOption`, with the bit numbers of Telegram's schema
/// (`dcOption#18b7a10d flags:# ipv6:flags.0?true media_only:flags.1?true tcpo_only:flags.2?true
/// cdn:flags.3?true static:flags.4?true this_port_only:flags.5?true ...`, core.telegram.org/api/datacenter).
///
/// The `secret` flag (bit 10) is not kept here: [`DcOption::secret`] is an `Option` instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DcFlags(u32);

impl DcFlags {
    /// The address is IPv6.
    pub const IPV6: DcFlags = DcFlags(1 << 0);
    /// Use this address only to download media.
    pub const MEDIA_ONLY: DcFlags = DcFlags(1 << 1);
    /// Reachable only through TCP obfuscation (MTProxy-style).
    pub const TCPO_ONLY: DcFlags = DcFlags(1 << 2);
    /// A CDN DC.
    pub const CDN: DcFlags = DcFlags(1 << 3);
    /// A static address, worth trying when the others fail.
    pub const STATIC: DcFlags = DcFlags(1 << 4);
    /// Connect only on this port, not on the other ports of the same address.
    pub const THIS_PORT_ONLY: DcFlags = DcFlags(1 << 5);

    /// No flags.
    pub const fn empty() -> Self {
        DcFlags(0)
    }

    /// Flags from the raw `flags` word; unknown bits are kept as they are.
    pub const fn from_bits(bits: u32) -> Self {
        DcFlags(bits)
    }

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every flag in `other` is set.
    pub const fn contains(self, other: DcFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for DcFlags {
    type Output = DcFlags;

    fn bitor(self, rhs: DcFlags) -> DcFlags {
        DcFlags(self.0 | rhs.0)
    }
}

/// One address of a DC, as listed by `help.getConfig`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DcOption {
    /// The DC id (negative-free; media and CDN DCs use the same numbering).
    pub dc_id: i32,
    /// The IP address.
    pub ip: IpAddr,
    /// The TCP port.
    pub port: u16,
    /// The option's flags.
    pub flags: DcFlags,
    /// The MTProxy secret for `tcpo_only` addresses.
    pub secret: Option<Vec<u8>>,
}

/// The account the session is logged in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LoggedInUser {
    /// The user id.
    pub id: i64,
    /// Whether the account is a bot.
    pub bot: bool,
}

/// The common update state (`updates.state`): where `updates.getDifference` resumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UpdateState {
    /// The message box's persistent timestamp.
    pub pts: i32,
    /// The secret chats' persistent timestamp.
    pub qts: i32,
    /// The date of the last update.
    pub date: i32,
    /// The number of the last update sequence.
    pub seq: i32,
}
