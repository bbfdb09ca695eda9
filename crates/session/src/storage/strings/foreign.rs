//! Other libraries' session strings, import only: Pyrogram's and Telethon's.
//!
//! # Telethon
//!
//! Layout, from `telethon/sessions/string.py` in Telethon 1.45.0: the character `'1'`
//! (`CURRENT_VERSION`), then URL-safe base64 *with* padding of `struct.pack('>B{}sH256s')`:
//! the DC id (1 byte), the server IP (4 bytes for IPv4, 16 for IPv6, picked by the string's length),
//! the port (big-endian `u16`) and the 256-byte auth key (all zeros when there is none).
//!
//! The string holds no user and no test-mode flag; the test mode is inferred from the address
//! (one of Telegram's well-known test DC addresses, below).
//!
//! # Pyrogram
//!
//! Layouts, from `pyrogram/storage/storage.py` and `memory_storage.py` in Pyrogram 2.0.106
//! (URL-safe base64 of Python `struct` packs, padding stripped):
//!
//! | layout | struct | decoded bytes | string length |
//! |---|---|---|---|
//! | current (`SESSION_STRING_FORMAT`) | `>BI?256sQ?`: dc id, api id, test mode, auth key, user id, is bot | 271 | 362 |
//! | old (`OLD_SESSION_STRING_FORMAT`) | `>B?256sI?`: dc id, test mode, auth key, user id (32-bit), is bot | 263 | 351 |
//! | old 64-bit (`OLD_SESSION_STRING_FORMAT_64`) | `>B?256sQ?`: the same with a 64-bit user id | 267 | 356 |
//!
//! The strings carry no address: the DC id is mapped to Telegram's well-known addresses
//! (below), as Pyrogram itself does.
//!
//! # Well-known addresses
//!
//! Pyrogram maps the DC id to a fixed table. [`well_known_address`] holds the IPv4 entries of that table, `pyrogram/session/internals/data_center.py` (`DataCenter.PROD`
//! and `DataCenter.TEST`) in Pyrogram 2.0.106, with its ports (443 for production, 80 for the test
//! servers). They are facts about Telegram's network, the same addresses the official apps ship;
//! the client replaces them with the list from `help.getConfig` after its first connection.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::SessionData;
use super::pyro::{Reader, decode_base64};
use crate::storage::error::StringDefect;
use crate::storage::types::LoggedInUser;

/// The version character every Telethon string starts with.
pub(super) const TELETHON_VERSION: char = '1';

/// Decoded length with an IPv4 address: 1 + 4 + 2 + 256.
const TELETHON_LEN_V4: usize = 263;
/// Decoded length with an IPv6 address: 1 + 16 + 2 + 256.
const TELETHON_LEN_V6: usize = 275;

/// Decodes a Telethon string session.
pub(super) fn decode_telethon(text: &str) -> Result<SessionData, StringDefect> {
    let mut chars = text.chars();
    match chars.next() {
        None => return Err(StringDefect::Empty),
        Some(TELETHON_VERSION) => {}
        Some(other) => return Err(StringDefect::UnsupportedVersion(other.to_string())),
    }
    let bytes = decode_base64(chars.as_str())?;
    let mut reader = Reader::new(&bytes);
    let dc_id = reader.u8("dc_id")?;
    let ip = match bytes.len() {
        TELETHON_LEN_V4 => IpAddr::V4(Ipv4Addr::from(reader.array::<4>("address")?)),
        TELETHON_LEN_V6 => IpAddr::V6(Ipv6Addr::from(reader.array::<16>("address")?)),
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

const PYROGRAM_LEN: usize = 271;
const PYROGRAM_LEN_OLD: usize = 263;
const PYROGRAM_LEN_OLD_64: usize = 267;

/// Decodes a Pyrogram session string, any of its layouts.
pub(super) fn decode_pyrogram(text: &str) -> Result<SessionData, StringDefect> {
    if text.is_empty() {
        return Err(StringDefect::Empty);
    }
    let bytes = decode_base64(text)?;
    let mut reader = Reader::new(&bytes);
    let dc_id = i32::from(reader.u8("dc_id")?);
    let (api_id, test_mode, auth_key, user_id, bot) = match bytes.len() {
        PYROGRAM_LEN => {
            let api_id = reader.u32("api_id")?;
            let test_mode = reader.bool("test_mode")?;
            let auth_key = reader.auth_key()?;
            let user_id = reader.u64("user_id")?;
            (
                Some(api_id),
                test_mode,
                auth_key,
                user_id,
                reader.bool("is_bot")?,
            )
        }
        PYROGRAM_LEN_OLD | PYROGRAM_LEN_OLD_64 => {
            let test_mode = reader.bool("test_mode")?;
            let auth_key = reader.auth_key()?;
            let user_id = if bytes.len() == PYROGRAM_LEN_OLD {
                u64::from(reader.u32("user_id")?)
            } else {
                reader.u64("user_id")?
            };
            (None, test_mode, auth_key, user_id, reader.bool("is_bot")?)
        }
        found => return Err(StringDefect::WrongLength { found }),
    };
    reader.finish()?;
    let api_id = match api_id {
        None | Some(0) => None,
        Some(id) => {
            Some(i32::try_from(id).map_err(|_| StringDefect::BadField { field: "api_id" })?)
        }
    };
    let user = match user_id {
        0 => None,
        id => Some(LoggedInUser {
            id: i64::try_from(id).map_err(|_| StringDefect::BadField { field: "user_id" })?,
            bot,
        }),
    };
    let addr =
        well_known_address(dc_id, test_mode).ok_or(StringDefect::UnknownDc { dc_id, test_mode })?;
    Ok(SessionData {
        dc_id,
        addr,
        auth_key,
        user,
        test_mode,
        api_id,
    })
}

/// Production DCs (Pyrogram `DataCenter.PROD`).
const PRODUCTION: &[(i32, [u8; 4])] = &[
    (1, [149, 154, 175, 53]),
    (2, [149, 154, 167, 51]),
    (3, [149, 154, 175, 100]),
    (4, [149, 154, 167, 91]),
    (5, [91, 108, 56, 130]),
    (203, [91, 105, 192, 100]),
];

/// Test DCs (Pyrogram `DataCenter.TEST`).
const TEST: &[(i32, [u8; 4])] = &[
    (1, [149, 154, 175, 10]),
    (2, [149, 154, 167, 40]),
    (3, [149, 154, 175, 117]),
];

/// Pyrogram's port for production DCs.
const PRODUCTION_PORT: u16 = 443;
/// Pyrogram's port for test DCs.
const TEST_PORT: u16 = 80;

/// The well-known IPv4 address of a DC, if it has one.
pub fn well_known_address(dc_id: i32, test_mode: bool) -> Option<SocketAddr> {
    let (table, port) = if test_mode {
        (TEST, TEST_PORT)
    } else {
        (PRODUCTION, PRODUCTION_PORT)
    };
    table
        .iter()
        .find(|(id, _)| *id == dc_id)
        .map(|&(_, ip)| SocketAddr::new(IpAddr::V4(Ipv4Addr::from(ip)), port))
}

/// Whether `ip` is one of the well-known test DC addresses (Telethon strings do not say whether
/// they are for the test servers; the address does).
pub(super) fn is_test_address(ip: IpAddr) -> bool {
    TEST.iter()
        .any(|&(_, test_ip)| ip == IpAddr::V4(Ipv4Addr::from(test_ip)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_and_test_tables_differ_and_cover_dcs_1_to_3() {
        for dc in 1..=3 {
            let prod = well_known_address(dc, false);
            let test = well_known_address(dc, true);
            assert!(prod.is_some() && test.is_some());
            assert_ne!(prod, test);
            assert!(test.is_some_and(|a| is_test_address(a.ip())));
            assert!(prod.is_some_and(|a| !is_test_address(a.ip())));
        }
        assert_eq!(well_known_address(4, true), None);
        assert_eq!(well_known_address(0, false), None);
    }
}
