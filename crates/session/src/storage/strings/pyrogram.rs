//! Pyrogram's session strings, import only.
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
//! ([`super::known_dcs`]), as Pyrogram itself does.

use super::SessionData;
use super::known_dcs::well_known_address;
use super::reader::{Reader, decode_base64};
use crate::storage::error::StringDefect;
use crate::storage::types::LoggedInUser;

const LEN_CURRENT: usize = 271;
const LEN_OLD: usize = 263;
const LEN_OLD_64: usize = 267;

/// Decodes a Pyrogram session string, any of its layouts.
pub(super) fn decode(text: &str) -> Result<SessionData, StringDefect> {
    if text.is_empty() {
        return Err(StringDefect::Empty);
    }
    let bytes = decode_base64(text)?;
    let mut reader = Reader::new(&bytes);
    let dc_id = i32::from(reader.u8("dc_id")?);
    let (api_id, test_mode, auth_key, user_id, bot) = match bytes.len() {
        LEN_CURRENT => {
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
        LEN_OLD | LEN_OLD_64 => {
            let test_mode = reader.bool("test_mode")?;
            let auth_key = reader.auth_key()?;
            let user_id = if bytes.len() == LEN_OLD {
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
