//! pyro's own session string format, export from stores, and bad input of every kind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod vectors;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pyro_session::{
    AuthKey, DcFlags, DcOption, LoggedInUser, MemoryStore, SessionData, SessionStore, SqliteStore,
    StorageError, StringDefect, StringFormat,
};

fn sample(
    addr: SocketAddr,
    user: Option<LoggedInUser>,
    test_mode: bool,
    api_id: Option<i32>,
) -> SessionData {
    SessionData {
        dc_id: 4,
        addr,
        auth_key: AuthKey::new(vectors::key_ascending()),
        user,
        test_mode,
        api_id,
    }
}

fn samples() -> Vec<SessionData> {
    let v4 = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(149, 154, 167, 91)), 443);
    let v6 = SocketAddr::new(
        IpAddr::V6("2001:67c:4e8:f004::a".parse::<Ipv6Addr>().unwrap()),
        5222,
    );
    let human = Some(LoggedInUser {
        id: 777_000,
        bot: false,
    });
    let bot = Some(LoggedInUser {
        id: i64::MAX,
        bot: true,
    });
    vec![
        sample(v4, None, false, None),
        sample(v4, human, false, Some(12345)),
        sample(v6, bot, true, None),
        sample(v6, human, true, Some(i32::MAX)),
    ]
}

#[test]
fn pyro_strings_round_trip() {
    for data in samples() {
        let text = data.to_pyro_string();
        assert!(text.starts_with("pyro1."), "{text}");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)),
            "not URL-safe: {text}"
        );
        assert_eq!(SessionData::from_pyro_string(&text).unwrap(), data);
        assert_eq!(
            SessionData::parse(&text).unwrap(),
            (StringFormat::Pyro, data)
        );
    }
}

#[test]
fn pyro_string_has_the_documented_layout() {
    let data = &samples()[1];
    let text = data.to_pyro_string();
    let bytes = URL_SAFE_NO_PAD
        .decode(text.strip_prefix("pyro1.").unwrap())
        .unwrap();
    assert_eq!(bytes.len(), 1 + 4 + 1 + 4 + 2 + 256 + 8 + 4);
    assert_eq!(bytes[0], 0b1010, "flags: user present, api id present");
    assert_eq!(bytes[1..5], 4i32.to_be_bytes());
    assert_eq!(bytes[5], 4);
    assert_eq!(bytes[6..10], [149, 154, 167, 91]);
    assert_eq!(bytes[10..12], 443u16.to_be_bytes());
    assert_eq!(bytes[12..268], vectors::key_ascending());
    assert_eq!(bytes[268..276], 777_000i64.to_be_bytes());
    assert_eq!(bytes[276..280], 12345i32.to_be_bytes());
}

#[test]
fn sqlite_store_exports_and_reimports() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("export.session")).unwrap();
    assert!(matches!(
        SessionData::from_store(&store),
        Err(StorageError::NothingToExport { .. })
    ));
    store.set_home_dc(2).unwrap();
    assert!(matches!(
        SessionData::from_store(&store),
        Err(StorageError::NothingToExport { .. })
    ));
    store
        .set_auth_key(2, Some(&AuthKey::new(vectors::key_descending())))
        .unwrap();
    store
        .set_user(Some(&LoggedInUser { id: 42, bot: true }))
        .unwrap();
    // Media-only and IPv6 options are passed over for the plain IPv4 one.
    let option = |ip: IpAddr, flags| DcOption {
        dc_id: 2,
        ip,
        port: 443,
        flags,
        secret: None,
    };
    store
        .set_dc_options(&[
            option(
                IpAddr::V4(Ipv4Addr::new(149, 154, 167, 151)),
                DcFlags::MEDIA_ONLY,
            ),
            option(IpAddr::V6(Ipv6Addr::LOCALHOST), DcFlags::IPV6),
            option(
                IpAddr::V4(Ipv4Addr::new(149, 154, 167, 50)),
                DcFlags::empty(),
            ),
        ])
        .unwrap();
    let data = SessionData::from_store(&store).unwrap();
    assert_eq!(data.addr, "149.154.167.50:443".parse().unwrap());

    let memory = MemoryStore::new();
    SessionData::parse(&data.to_pyro_string())
        .unwrap()
        .1
        .apply_to(&memory)
        .unwrap();
    assert_eq!(SessionData::from_store(&memory).unwrap(), data);

    // Without DC options, the well-known address stands in.
    store.set_dc_options(&[]).unwrap();
    assert_eq!(
        SessionData::from_store(&store).unwrap().addr,
        "149.154.167.51:443".parse().unwrap()
    );
}

fn defect(result: Result<SessionData, StorageError>) -> StringDefect {
    match result {
        Err(StorageError::InvalidSessionString { defect, .. }) => defect,
        other => panic!("expected InvalidSessionString, got {other:?}"),
    }
}

#[test]
fn malformed_strings_are_typed_errors() {
    assert_eq!(
        defect(SessionData::from_pyro_string("")),
        StringDefect::Empty
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("pyro")),
        StringDefect::MissingPrefix
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("tele1.AAAA")),
        StringDefect::MissingPrefix
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("pyro2.AAAA")),
        StringDefect::UnsupportedVersion("2".into())
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("pyro1.*")),
        StringDefect::BadBase64
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("pyro1.")),
        StringDefect::Truncated { field: "flags" }
    );
    assert_eq!(
        defect(SessionData::from_pyro_string("pyro1._w")),
        StringDefect::BadField { field: "flags" }
    );
    assert_eq!(
        defect(SessionData::from_telethon_string("2abc")),
        StringDefect::UnsupportedVersion("2".into())
    );
    assert_eq!(
        defect(SessionData::from_telethon_string("1AAAA")),
        StringDefect::WrongLength { found: 3 }
    );
    assert_eq!(
        defect(SessionData::from_pyrogram_string("AAAA")),
        StringDefect::WrongLength { found: 3 }
    );

    // A pyro string with trailing bytes.
    let mut bytes = URL_SAFE_NO_PAD
        .decode(&samples()[0].to_pyro_string()[6..])
        .unwrap();
    bytes.push(0);
    let text = format!("pyro1.{}", URL_SAFE_NO_PAD.encode(&bytes));
    assert_eq!(
        defect(SessionData::from_pyro_string(&text)),
        StringDefect::TrailingBytes { count: 1 }
    );

    // Telethon writes an all-zero key for "no key".
    let mut bytes = URL_SAFE_NO_PAD
        .decode(vectors::TELETHON_V4[1..].trim_end_matches('='))
        .unwrap();
    bytes[7..].fill(0);
    let text = format!("1{}", URL_SAFE_NO_PAD.encode(&bytes));
    assert_eq!(
        defect(SessionData::from_telethon_string(&text)),
        StringDefect::NoAuthKey
    );

    // A Pyrogram DC without a well-known address, and a bool that is neither 0 nor 1.
    let mut bytes = URL_SAFE_NO_PAD.decode(vectors::PYROGRAM).unwrap();
    bytes[0] = 9;
    let text = URL_SAFE_NO_PAD.encode(&bytes);
    assert_eq!(
        defect(SessionData::from_pyrogram_string(&text)),
        StringDefect::UnknownDc {
            dc_id: 9,
            test_mode: false
        }
    );
    bytes[0] = 2;
    bytes[5] = 2;
    let text = URL_SAFE_NO_PAD.encode(&bytes);
    assert_eq!(
        defect(SessionData::from_pyrogram_string(&text)),
        StringDefect::BadField { field: "test_mode" }
    );

    for junk in ["", "   ", "hello world", "AAAA", "=====", "\u{1F600}"] {
        assert!(
            matches!(
                SessionData::parse(junk),
                Err(StorageError::UnrecognisedSessionString)
            ),
            "{junk:?}"
        );
    }
}

/// Every prefix and every one-character corruption of every valid string is an error or, where
/// the format itself cannot tell, a different session; never a panic.
#[test]
fn truncated_and_corrupted_strings_never_panic() {
    let mut texts: Vec<String> = samples().iter().map(SessionData::to_pyro_string).collect();
    texts.extend(vectors::ALL.iter().map(|(_, t)| (*t).to_owned()));
    for text in &texts {
        let original = SessionData::parse(text).unwrap();
        for cut in 0..text.len() {
            let prefix = &text[..cut];
            let result = SessionData::parse(prefix);
            if text[cut..].bytes().all(|b| b == b'=') {
                // Only base64 padding was cut, which the importers do not require.
                assert_eq!(result.unwrap(), original);
                continue;
            }
            // The formats tell layouts apart by length alone: a cut Pyrogram string of an old
            // layout's length (351, 356 characters) or a cut Telethon IPv6 string of the IPv4
            // length (352 or 353 with its padding) decodes as that layout, as it would in Pyrogram or Telethon.
            let ambiguous = match text.as_bytes().first() {
                Some(b'p') => false,
                Some(b'1') => matches!(cut, 352 | 353),
                _ => matches!(cut, 351 | 356),
            };
            assert!(
                result.is_err() || ambiguous,
                "prefix {cut} of {text} parsed"
            );
        }
        for (pos, ch) in text.char_indices().step_by(7) {
            for replacement in ['A', '_', '*', '='] {
                if replacement == ch {
                    continue;
                }
                let mut changed = text.clone();
                changed.replace_range(pos..=pos, &replacement.to_string());
                if let Ok((_, data)) = SessionData::parse(&changed) {
                    assert_ne!(data, original.1, "a change at {pos} went unnoticed");
                }
            }
        }
    }
}
