//! Parsing of every accepted form, and refusal of the rest.

use super::*;

fn parsed(input: &str) -> PeerQuery {
    PeerQuery::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

fn name(name: &str) -> PeerQuery {
    PeerQuery::Username(name.into())
}

#[test]
fn usernames_in_every_spelling() {
    for input in [
        "durov",
        "@durov",
        "  @durov ",
        "t.me/durov",
        "https://t.me/durov",
        "http://t.me/durov/",
        "HTTPS://T.ME/durov",
        "https://www.t.me/durov",
        "https://t.me/durov/123",
        "https://t.me/durov?start=abc",
        "https://t.me/s/durov",
        "telegram.me/durov",
        "https://telegram.dog/durov",
        "tg://resolve?domain=durov",
        "tg://resolve?domain=durov&start=x",
    ] {
        assert_eq!(parsed(input), name("durov"), "{input}");
    }
    assert_eq!(parsed("https://durov.t.me"), name("durov"));
    assert_eq!(parsed("Echo_Bot1"), name("Echo_Bot1"));
}

#[test]
fn ids_phones_and_me() {
    assert_eq!(parsed("777000"), PeerQuery::Id(PeerId::user(777_000)));
    assert_eq!(parsed("-42"), PeerQuery::Id(PeerId::chat(42)));
    assert_eq!(
        parsed("-1002000000001"),
        PeerQuery::Id(PeerId::channel(2_000_000_001))
    );
    assert_eq!(
        parsed("https://t.me/c/2000000001/17"),
        PeerQuery::Id(PeerId::channel(2_000_000_001))
    );
    assert_eq!(parsed("tg://user?id=5"), PeerQuery::Id(PeerId::user(5)));
    assert_eq!(
        parsed("+1 (555) 000-1"),
        PeerQuery::Phone("15550001".into())
    );
    assert_eq!(
        parsed("t.me/+15550001"),
        PeerQuery::Phone("15550001".into())
    );
    assert_eq!(
        parsed("tg://resolve?phone=15550001"),
        PeerQuery::Phone("15550001".into())
    );
    assert_eq!(parsed("me"), PeerQuery::Me);
    assert_eq!(parsed("SELF"), PeerQuery::Me);
    assert_eq!(
        (-1_002_000_000_001i64).into_peer_query(),
        Ok(PeerQuery::Id(PeerId::channel(2_000_000_001)))
    );
    assert_eq!(
        PeerId::chat(3).into_peer_query(),
        Ok(PeerQuery::Id(PeerId::chat(3)))
    );
}

#[test]
fn invite_and_other_links_are_refused_by_kind() {
    for (input, kind) in [
        ("https://t.me/+AbCdEfGh", "chat invite"),
        ("t.me/joinchat/AbCdEf", "chat invite"),
        ("tg://join?invite=AbC", "chat invite"),
        ("https://t.me/addstickers/Pack", "sticker set"),
        ("https://t.me/proxy?server=x", "MTProxy"),
    ] {
        match PeerQuery::parse(input) {
            Err(PeerError::UnsupportedLink { kind: k, .. }) => assert_eq!(k, kind, "{input}"),
            other => panic!("{input}: {other:?}"),
        }
    }
}

#[test]
fn malformed_input_is_an_error_that_says_why() {
    for input in [
        "",
        "   ",
        "0",
        "12x",
        "99999999999999999999",
        "-2000000000001",
        "@",
        "@1abc",
        "@ab",
        "@has space",
        "@thirtythree_characters_long_name_",
        "+12",
        "+1555abc",
        "https://example.com/durov",
        "t.me/",
        "t.me/c/notanumber",
        "tg://resolve",
        "tg://user?id=-5",
        "tg://settings",
        "dur.ov",
    ] {
        match PeerQuery::parse(input) {
            Err(e @ PeerError::Unparsable { .. }) => {
                assert!(e.to_string().contains("does not name a peer"), "{e}");
            }
            other => panic!("{input:?}: {other:?}"),
        }
    }
}

#[test]
fn arbitrary_text_never_panics() {
    // A deterministic sweep of awkward inputs, multi-byte characters included.
    let pieces = [
        "tg://", "t.me/", "+", "@", "-", "é", "ß", "/", "?", "=", "&", "1", "a", " ",
    ];
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let _ = PeerQuery::parse(&format!("{a}{b}{c}"));
            }
        }
    }
}
