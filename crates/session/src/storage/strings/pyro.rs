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

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::SessionData;
use super::reader::{Reader, decode_base64, encode_base64};
use crate::storage::error::StringDefect;
use crate::storage::types::LoggedInUser;

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
