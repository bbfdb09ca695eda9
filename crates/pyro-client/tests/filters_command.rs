//! The command matcher: prefixes, the bot's username, case, and argument parsing.

use pyro_client::filters::{Command, Filter};
use pyro_client::types::{Message, PeerMap};
use pyro_tl_types::api::{enums, types};

fn message(text: &str) -> Message {
    let raw = types::Message {
        id: 1,
        peer_id: enums::Peer::User(types::PeerUser { user_id: 10 }),
        message: text.into(),
        ..Default::default()
    };
    Message::from_raw(enums::Message::Message(Box::new(raw)), &PeerMap::new())
        .unwrap_or_else(|| unreachable!())
}

#[test]
fn names_and_prefixes() {
    let start = Command::new(["start", "help"]);
    assert_eq!(start.parse("/start").map(|c| c.name), Some("start"));
    assert_eq!(
        start.parse("/HELP me").map(|c| (c.name, c.args_text)),
        Some(("HELP", "me"))
    );
    assert_eq!(start.parse("/starter"), None);
    assert_eq!(start.parse("start"), None);
    assert_eq!(start.parse("!start"), None);
    assert_eq!(start.parse(" /start"), None, "commands start the text");
    assert_eq!(start.parse("/"), None);

    let bang = start.clone().prefixes(["!", "."]);
    assert_eq!(bang.parse("!start").map(|c| c.prefix), Some("!"));
    assert_eq!(bang.parse(".help").map(|c| c.prefix), Some("."));
    assert_eq!(bang.parse("/start"), None);
    // The original matcher is unchanged by the copy's edit.
    assert!(start.parse("/start").is_some());

    let bare = Command::new(["ping"]).prefixes([""]);
    assert!(bare.parse("ping now").is_some());

    let exact = Command::new(["Start"]).case_sensitive();
    assert!(exact.parse("/Start").is_some() && exact.parse("/start").is_none());
}

#[test]
fn bot_username() {
    let lenient = Command::new(["start"]);
    assert_eq!(
        lenient.parse("/start@AnyBot").and_then(|c| c.mention),
        Some("AnyBot")
    );

    let mine = Command::new(["start"]).username("@PyroBot");
    assert!(mine.parse("/start@pyrobot x").is_some());
    assert!(mine.parse("/start").is_some());
    assert!(mine.parse("/start@otherbot").is_none());
}

#[test]
fn arguments() {
    let cmd = Command::new(["ban"]);
    let args = |text: &str| cmd.parse(text).map(|c| c.args()).unwrap_or_default();
    assert_eq!(args("/ban"), Vec::<String>::new());
    assert_eq!(args("/ban   alice  bob "), ["alice", "bob"]);
    assert_eq!(
        args("/ban \"two words\" 'and more' x"),
        ["two words", "and more", "x"]
    );
    assert_eq!(args(r#"/ban "say \"hi\"" a\ b"#), ["say \"hi\"", "a b"]);
    assert_eq!(args("/ban \"\" after"), ["", "after"]);
    assert_eq!(args("/ban \"unclosed rest"), ["unclosed rest"]);
    assert_eq!(args("/ban\nline two"), ["line", "two"]);
    assert_eq!(args("/ban émoji 🦀"), ["émoji", "🦀"]);
    assert_eq!(
        cmd.parse("/ban  spaced  ").map(|c| c.args_text),
        Some("spaced")
    );
}

#[test]
fn as_a_filter() {
    let filter: Filter<Message> = Command::new(["start"]).username("pyrobot").into();
    assert!(filter.check(&message("/start")));
    assert!(filter.check(&message("/start@PyroBot payload")));
    assert!(!filter.check(&message("/start@other")));
    assert!(!filter.check(&message("hello /start")));
    assert!(!filter.check(&message("")));
}
