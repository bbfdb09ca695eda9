//! Telethon's `StringSession` (version `1`), import only.
//!
//! Layout, from `telethon/sessions/string.py` in Telethon 1.45.0: the character `'1'`
//! (`CURRENT_VERSION`), then URL-safe base64 *with* padding of `struct.pack('>B{}sH256s')`:
//! the DC id (1 byte), the server IP (4 bytes for IPv4, 16 for IPv6, picked by the string's length),
//! the port (big-endian `u16`) and the 256-byte auth key (all zeros when there is none).
//!
//! The string holds no user and no test-mode flag; the test mode is inferred from the address
//! (one of Telegram's well-known test DC addresses).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::SessionData;
use super::known_dcs::is_test_address;
use super::reader::{Reader, decode_base64};
use crate::storage::error::StringDefect;

/// The version character every Telethon string starts with.
pub(super) const VERSION: char = '1';

/// Decoded length with an IPv4 address: 1 + 4 + 2 + 256.
const LEN_V4: usize = 263;
/// Decoded length with an IPv6 address: 1 + 16 + 2 + 256.
const LEN_V6: usize = 275;

/// Decodes a Telethon string session.
pub(super) fn decode(text: &str) -> Result<SessionData, StringDefect> {
    let mut chars = text.chars();
    match chars.next() {
        None => return Err(StringDefect::Empty),
        Some(VERSION) => {}
        Some(other) => return Err(StringDefect::UnsupportedVersion(other.to_string())),
    }
    let bytes = decode_base64(chars.as_str())?;
    let mut reader = Reader::new(&bytes);
    let dc_id = reader.u8("dc_id")?;
    let ip = match bytes.len() {
        LEN_V4 => IpAddr::V4(Ipv4Addr::from(reader.array::<4>("address")?)),
        LEN_V6 => IpAddr::V6(Ipv6Addr::from(reader.array::<16>("address")?)),
        found => return Err(StringDefect::WrongLength { found }),
    };
    let port = reader.u16("port")?;
    let auth_key = reader.auth_key()?;
    reader.finish()?;
    Ok(SessionData {
        dc_id: dc_id.into(),
        addr: SocketAddr::new(ip, port),
        auth_key,
        user: None,
        test_mode: is_test_address(ip),
        api_id: None,
    })
}
