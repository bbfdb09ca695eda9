//! Importing the Pyrogram and Telethon strings produced by those libraries (see `vectors`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod vectors;

use std::net::SocketAddr;

use pyro_session::{AuthKey, LoggedInUser, MemoryStore, SessionData, SessionStore, StringFormat};

fn addr(text: &str) -> SocketAddr {
    text.parse().unwrap()
}

#[test]
fn telethon_ipv4_string() {
    let data = SessionData::from_telethon_string(vectors::TELETHON_V4).unwrap();
    assert_eq!(data.dc_id, 2);
    assert_eq!(data.addr, addr("149.154.167.51:443"));
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_ascending()));
    assert_eq!(data.user, None, "Telethon strings carry no user");
    assert!(!data.test_mode);
    assert_eq!(data.api_id, None);
}

#[test]
fn telethon_ipv6_string() {
    let data = SessionData::from_telethon_string(vectors::TELETHON_V6).unwrap();
    assert_eq!(data.dc_id, 4);
    assert_eq!(data.addr, addr("[2001:67c:4e8:f004::a]:443"));
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_descending()));
}

#[test]
fn pyrogram_current_string() {
    let data = SessionData::from_pyrogram_string(vectors::PYROGRAM).unwrap();
    assert_eq!(data.dc_id, 2);
    assert_eq!(data.api_id, Some(12345));
    assert!(!data.test_mode);
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_ascending()));
    assert_eq!(
        data.user,
        Some(LoggedInUser {
            id: 777_000,
            bot: false
        })
    );
    // No address in the string: Pyrogram's well-known production address of DC 2.
    assert_eq!(data.addr, addr("149.154.167.51:443"));
}

#[test]
fn pyrogram_test_mode_bot_string() {
    let data = SessionData::from_pyrogram_string(vectors::PYROGRAM_TEST_BOT).unwrap();
    assert_eq!(data.dc_id, 1);
    assert_eq!(data.api_id, Some(2040));
    assert!(data.test_mode);
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_descending()));
    assert_eq!(
        data.user,
        Some(LoggedInUser {
            id: 5_000_000_001,
            bot: true
        })
    );
    // Pyrogram's test DC 1, on its test port.
    assert_eq!(data.addr, addr("149.154.175.10:80"));
}

#[test]
fn pyrogram_old_32_bit_user_string() {
    assert_eq!(vectors::PYROGRAM_OLD.len(), 351);
    let data = SessionData::from_pyrogram_string(vectors::PYROGRAM_OLD).unwrap();
    assert_eq!(data.dc_id, 5);
    assert_eq!(data.api_id, None);
    assert!(!data.test_mode);
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_ascending()));
    assert_eq!(
        data.user,
        Some(LoggedInUser {
            id: 123_456_789,
            bot: true
        })
    );
    assert_eq!(data.addr, addr("91.108.56.130:443"));
}

#[test]
fn pyrogram_old_64_bit_user_string() {
    assert_eq!(vectors::PYROGRAM_OLD64.len(), 356);
    let data = SessionData::from_pyrogram_string(vectors::PYROGRAM_OLD64).unwrap();
    assert_eq!(data.dc_id, 5);
    assert_eq!(
        data.user,
        Some(LoggedInUser {
            id: 5_000_000_002,
            bot: true
        })
    );
    assert_eq!(data.auth_key, AuthKey::new(vectors::key_ascending()));
}

#[test]
fn parse_recognises_each_format() {
    for &(format, text) in vectors::ALL {
        let (found, data) = SessionData::parse(text).unwrap();
        let expected = match format {
            "telethon" => StringFormat::Telethon,
            _ => StringFormat::Pyrogram,
        };
        assert_eq!(found, expected, "{text}");
        // Surrounding whitespace from a copy and paste is ignored.
        let (_, padded) = SessionData::parse(&format!("  {text}\n")).unwrap();
        assert_eq!(padded, data);
        // Re-exported in pyro's format, the same session comes back.
        let (again_format, again) = SessionData::parse(&data.to_pyro_string()).unwrap();
        assert_eq!(again_format, StringFormat::Pyro);
        assert_eq!(again, data);
    }
}

#[test]
fn telethon_string_without_padding_is_accepted() {
    let unpadded = vectors::TELETHON_V4.trim_end_matches('=');
    assert_ne!(unpadded, vectors::TELETHON_V4);
    assert_eq!(
        SessionData::from_telethon_string(unpadded).unwrap(),
        SessionData::from_telethon_string(vectors::TELETHON_V4).unwrap()
    );
}

#[test]
fn imported_string_logs_a_store_in() {
    let store = MemoryStore::new();
    let data = SessionData::from_pyrogram_string(vectors::PYROGRAM).unwrap();
    data.apply_to(&store).unwrap();
    assert_eq!(store.home_dc().unwrap(), Some(2));
    assert_eq!(store.auth_key(2).unwrap(), Some(data.auth_key.clone()));
    assert_eq!(store.user().unwrap(), data.user);
    let options = store.dc_options().unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(SocketAddr::new(options[0].ip, options[0].port), data.addr);
    // Exported again (pyro strings carry no api id), it is the same session.
    let exported = SessionData::from_store(&store).unwrap();
    assert_eq!(
        exported,
        SessionData {
            api_id: None,
            ..data
        }
    );
}
