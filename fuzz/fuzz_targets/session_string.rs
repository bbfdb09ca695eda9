//! Feeds arbitrary text to every session string importer (pyro, Pyrogram, Telethon, and the
//! format detector). Asserts: no importer panics; whatever the detector accepts, the specific
//! importer for that format accepts too, with the same result; and anything imported survives a
//! round trip through pyro's own format unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_session::{SessionData, StringFormat};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pyro = SessionData::from_pyro_string(&text);
    let pyrogram = SessionData::from_pyrogram_string(&text);
    let telethon = SessionData::from_telethon_string(&text);
    if let Ok((format, session)) = SessionData::parse(&text) {
        let specific = match format {
            StringFormat::Pyro => pyro.ok(),
            StringFormat::Pyrogram => pyrogram.ok(),
            StringFormat::Telethon => telethon.ok(),
            _ => None,
        };
        assert_eq!(specific.as_ref(), Some(&session), "detector and importer disagree");
        let again = SessionData::from_pyro_string(&session.to_pyro_string());
        assert_eq!(again.ok().as_ref(), Some(&session), "pyro round trip changed the session");
    }
});
