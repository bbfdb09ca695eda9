//! pyro's own session string: `pyro1.` followed by URL-safe base64 (no padding) of
//!
//! | field | bytes | notes |
//! |---|---|---|
//! | flags | 1 | bit 0 test mode, bit 1 user present, bit 2 bot, bit 3 api id present |
//! | dc id | 4 | big-endian `i32` |
//! | address length | 1 | 4 (IPv4) or 16 (IPv6) |
//! | address | 4 or 16 | network order |
//! | port | 2 | big-endian |
//! | auth key | 256 | |
//! | user id | 8 | big-endian `i64`, if flag bit 1 |
//! | api id | 4 | big-endian `i32`, if flag bit 3 |
//!
//! The version lives in the text prefix so a future layout is recognised before decoding. The
//! separator `.` is URL-safe and never part of base64url, so the prefix cannot be mistaken for
//! payload.
//!
//! The byte-level helpers every codec here uses (URL-safe base64, a bounds-checked big-endian
//! [`Reader`] that turns every short read into a typed defect) are at the end.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::SessionData;
use crate::storage::error::StringDefect;
use crate::storage::types::{AUTH_KEY_LEN, AuthKey, LoggedInUser};

/// The text every pyro session string starts with, before the version number.
pub(super) const PREFIX: &str = "pyro";
/// The layout version written, and the only one read.
const VERSION: &str = "1";

const FLAG_TEST_MODE: u8 = 1 << 0;
const FLAG_USER: u8 = 1 << 1;
const FLAG_BOT: u8 = 1 << 2;
const FLAG_API_ID: u8 = 1 << 3;
const KNOWN_FLAGS: u8 = FLAG_TEST_MODE | FLAG_USER | FLAG_BOT | FLAG_API_ID;

/// Encodes `data` as a pyro session string.
pub(super) fn encode(data: &SessionData) -> String {
    let mut flags = 0;
    if data.test_mode {
        flags |= FLAG_TEST_MODE;
    }
    if let Some(user) = data.user {
        flags |= FLAG_USER;
        if user.bot {
            flags |= FLAG_BOT;
        }
    }
    if data.api_id.is_some() {
        flags |= FLAG_API_ID;
    }
    let mut out = Vec::with_capacity(1 + 4 + 1 + 16 + 2 + 256 + 8 + 4);
    out.push(flags);
    out.extend_from_slice(&data.dc_id.to_be_bytes());
    match data.addr.ip() {
        IpAddr::V4(ip) => {
            out.push(4);
            out.extend_from_slice(&ip.octets());
        }
        IpAddr::V6(ip) => {
            out.push(16);
            out.extend_from_slice(&ip.octets());
        }
    }
    out.extend_from_slice(&data.addr.port().to_be_bytes());
    out.extend_from_slice(data.auth_key.as_bytes());
    if let Some(user) = data.user {
        out.extend_from_slice(&user.id.to_be_bytes());
    }
    if let Some(api_id) = data.api_id {
        out.extend_from_slice(&api_id.to_be_bytes());
    }
    format!("{PREFIX}{VERSION}.{}", encode_base64(&out))
}

/// Decodes a pyro session string.
pub(super) fn decode(text: &str) -> Result<SessionData, StringDefect> {
    if text.is_empty() {
        return Err(StringDefect::Empty);
    }
    let rest = text
        .strip_prefix(PREFIX)
        .ok_or(StringDefect::MissingPrefix)?;
    let (version, payload) = rest.split_once('.').ok_or(StringDefect::MissingPrefix)?;
    if version != VERSION {
        return Err(StringDefect::UnsupportedVersion(version.to_owned()));
    }
    let bytes = decode_base64(payload)?;
    let mut reader = Reader::new(&bytes);
    let flags = reader.u8("flags")?;
    if flags & !KNOWN_FLAGS != 0 || (flags & FLAG_BOT != 0 && flags & FLAG_USER == 0) {
        return Err(StringDefect::BadField { field: "flags" });
    }
    let dc_id = reader.i32("dc_id")?;
    let ip = match reader.u8("address_length")? {
        4 => IpAddr::V4(Ipv4Addr::from(reader.array::<4>("address")?)),
        16 => IpAddr::V6(Ipv6Addr::from(reader.array::<16>("address")?)),
        _ => {
            return Err(StringDefect::BadField {
                field: "address_length",
            });
        }
    };
    let port = reader.u16("port")?;
    let auth_key = reader.auth_key()?;
    let user = if flags & FLAG_USER != 0 {
        Some(LoggedInUser {
            id: reader.i64("user_id")?,
            bot: flags & FLAG_BOT != 0,
        })
    } else {
        None
    };
    let api_id = if flags & FLAG_API_ID != 0 {
        Some(reader.i32("api_id")?)
    } else {
        None
    };
    reader.finish()?;
    Ok(SessionData {
        dc_id,
        addr: SocketAddr::new(ip, port),
        auth_key,
        user,
        test_mode: flags & FLAG_TEST_MODE != 0,
        api_id,
    })
}

// --- Byte-level helpers shared with the foreign formats ---

const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes URL-safe base64, padded or not.
pub(super) fn decode_base64(text: &str) -> Result<Vec<u8>, StringDefect> {
    URL_SAFE_LENIENT
        .decode(text)
        .map_err(|_| StringDefect::BadBase64)
}

/// Encodes as URL-safe base64 without padding.
pub(super) fn encode_base64(bytes: &[u8]) -> String {
    URL_SAFE_LENIENT.encode(bytes)
}

/// Reads big-endian fields from a byte slice, front to back.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// The next `N` bytes.
    pub(super) fn array<const N: usize>(
        &mut self,
        field: &'static str,
    ) -> Result<[u8; N], StringDefect> {
        let (head, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or(StringDefect::Truncated { field })?;
        self.rest = rest;
        Ok(*head)
    }

    pub(super) fn u8(&mut self, field: &'static str) -> Result<u8, StringDefect> {
        Ok(self.array::<1>(field)?[0])
    }

    pub(super) fn u16(&mut self, field: &'static str) -> Result<u16, StringDefect> {
        Ok(u16::from_be_bytes(self.array(field)?))
    }

    pub(super) fn u32(&mut self, field: &'static str) -> Result<u32, StringDefect> {
        Ok(u32::from_be_bytes(self.array(field)?))
    }

    pub(super) fn i32(&mut self, field: &'static str) -> Result<i32, StringDefect> {
        Ok(i32::from_be_bytes(self.array(field)?))
    }

    pub(super) fn u64(&mut self, field: &'static str) -> Result<u64, StringDefect> {
        Ok(u64::from_be_bytes(self.array(field)?))
    }

    pub(super) fn i64(&mut self, field: &'static str) -> Result<i64, StringDefect> {
        Ok(i64::from_be_bytes(self.array(field)?))
    }

    /// A byte that must be 0 or 1 (Python's `struct` `?` as written by `pack`).
    pub(super) fn bool(&mut self, field: &'static str) -> Result<bool, StringDefect> {
        match self.u8(field)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(StringDefect::BadField { field }),
        }
    }

    /// A 256-byte auth key; an all-zero key means "none" and is refused.
    pub(super) fn auth_key(&mut self) -> Result<AuthKey, StringDefect> {
        let key = AuthKey::new(self.array::<AUTH_KEY_LEN>("auth_key")?);
        if key.is_zero() {
            return Err(StringDefect::NoAuthKey);
        }
        Ok(key)
    }

    /// Succeeds only if every byte was read.
    pub(super) fn finish(self) -> Result<(), StringDefect> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(StringDefect::TrailingBytes {
                count: self.rest.len(),
            })
        }
    }
}
