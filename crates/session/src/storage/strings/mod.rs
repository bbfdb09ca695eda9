//! Session strings: a whole login in one line of text.
//!
//! [`SessionData`] is what a session string holds: the home DC and its address, the permanent auth
//! key, the user and the test-mode flag. It is exported in pyro's own format
//! ([`SessionData::to_pyro_string`]) and imported from pyro's, Pyrogram's and Telethon's formats
//! ([`SessionData::parse`] recognises which). [`SessionData::from_store`] and
//! [`SessionData::apply_to`] move it out of and into any [`SessionStore`].
//!
//! A session string is a password: anyone holding it is logged in as the account.

mod foreign;
mod pyro;

use std::fmt;
use std::net::SocketAddr;

use super::SessionStore;
use super::error::{Result, StorageError, StringDefect, StringFormat};
use super::types::{AuthKey, DcFlags, DcOption, LoggedInUser};

pub use foreign::well_known_address;

/// The contents of a session string.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionData {
    /// The home DC.
    pub dc_id: i32,
    /// The home DC's address.
    pub addr: SocketAddr,
    /// The permanent auth key for the home DC.
    pub auth_key: AuthKey,
    /// The logged-in account, if the format records it (Telethon's does not).
    pub user: Option<LoggedInUser>,
    /// Whether the session belongs to Telegram's test servers.
    pub test_mode: bool,
    /// The API id the session was made with, if the format records it (Pyrogram's current one does).
    pub api_id: Option<i32>,
}

impl fmt::Debug for SessionData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionData")
            .field("dc_id", &self.dc_id)
            .field("addr", &self.addr)
            .field("auth_key", &self.auth_key)
            .field("user", &self.user)
            .field("test_mode", &self.test_mode)
            .field("api_id", &self.api_id)
            .finish()
    }
}

fn invalid(format: StringFormat) -> impl FnOnce(StringDefect) -> StorageError {
    move |defect| StorageError::InvalidSessionString { format, defect }
}

impl SessionData {
    /// Exports as a pyro session string (`pyro1.` + URL-safe base64).
    pub fn to_pyro_string(&self) -> String {
        pyro::encode(self)
    }

    /// Imports a pyro session string.
    pub fn from_pyro_string(text: &str) -> Result<Self> {
        pyro::decode(text.trim()).map_err(invalid(StringFormat::Pyro))
    }

    /// Imports a Pyrogram session string (current or old layout). The address is Telegram's
    /// well-known address for the DC id, since Pyrogram strings carry none.
    pub fn from_pyrogram_string(text: &str) -> Result<Self> {
        foreign::decode_pyrogram(text.trim()).map_err(invalid(StringFormat::Pyrogram))
    }

    /// Imports a Telethon string session (version `1`).
    pub fn from_telethon_string(text: &str) -> Result<Self> {
        foreign::decode_telethon(text.trim()).map_err(invalid(StringFormat::Telethon))
    }

    /// Imports a session string in any supported format, telling which it was.
    ///
    /// pyro strings start with `pyro`, Telethon's with `1`; anything else is tried as Pyrogram's,
    /// and a string that is not base64 of a Pyrogram length is
    /// [`StorageError::UnrecognisedSessionString`].
    pub fn parse(text: &str) -> Result<(StringFormat, Self)> {
        let text = text.trim();
        if text.starts_with(pyro::PREFIX) {
            return Ok((StringFormat::Pyro, SessionData::from_pyro_string(text)?));
        }
        if text.starts_with(foreign::TELETHON_VERSION) {
            return Ok((
                StringFormat::Telethon,
                SessionData::from_telethon_string(text)?,
            ));
        }
        match foreign::decode_pyrogram(text) {
            Ok(data) => Ok((StringFormat::Pyrogram, data)),
            Err(
                StringDefect::Empty | StringDefect::BadBase64 | StringDefect::WrongLength { .. },
            ) => Err(StorageError::UnrecognisedSessionString),
            Err(defect) => Err(invalid(StringFormat::Pyrogram)(defect)),
        }
    }

    /// Reads the session of `store`'s home DC: its permanent key, its address (from the stored DC
    /// options, preferring a plain IPv4 one, else the well-known address), the user and test mode.
    pub fn from_store(store: &dyn SessionStore) -> Result<Self> {
        let dc_id = store
            .home_dc()?
            .ok_or(StorageError::NothingToExport { missing: "home DC" })?;
        let auth_key = store
            .auth_key(dc_id)?
            .ok_or(StorageError::NothingToExport {
                missing: "auth key for the home DC",
            })?;
        let test_mode = store.test_mode()?;
        let plain = DcFlags::MEDIA_ONLY | DcFlags::CDN | DcFlags::TCPO_ONLY;
        let options = store.dc_options()?;
        let mut candidates: Vec<&DcOption> = options
            .iter()
            .filter(|o| o.dc_id == dc_id && o.flags.bits() & plain.bits() == 0)
            .collect();
        candidates.sort_by_key(|o| o.ip.is_ipv6());
        let addr = candidates
            .first()
            .map(|o| SocketAddr::new(o.ip, o.port))
            .or_else(|| well_known_address(dc_id, test_mode))
            .ok_or(StorageError::NothingToExport {
                missing: "address for the home DC",
            })?;
        Ok(SessionData {
            dc_id,
            addr,
            auth_key,
            user: store.user()?,
            test_mode,
            api_id: None,
        })
    }

    /// Writes this session into `store`: home DC, test mode, permanent key, the user if known, and
    /// the address as a DC option if the store has none for that DC.
    pub fn apply_to(&self, store: &dyn SessionStore) -> Result<()> {
        let mut options = store.dc_options()?;
        if !options.iter().any(|o| o.dc_id == self.dc_id) {
            options.push(DcOption {
                dc_id: self.dc_id,
                ip: self.addr.ip(),
                port: self.addr.port(),
                flags: if self.addr.is_ipv6() {
                    DcFlags::IPV6
                } else {
                    DcFlags::empty()
                },
                secret: None,
            });
            store.set_dc_options(&options)?;
        }
        store.set_test_mode(self.test_mode)?;
        store.set_auth_key(self.dc_id, Some(&self.auth_key))?;
        if let Some(user) = &self.user {
            store.set_user(Some(user))?;
        }
        store.set_home_dc(self.dc_id)
    }
}
