//! Shared by the `tg_bots_*` tests: a seed with people, a bot and a supergroup; keyboards;
//! calls that wait for a bot (`Outcome::Later`) and their settled answers.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::expect_used
)]

use pyro_test_dc::{Outcome, RpcError, Seed, SeedChannel, SeedUser};
use pyro_tl_types::api::{enums, functions, types};
use pyro_tl_types::{Deserializable, RemoteCall};

use crate::common::Client;

/// Alice and Bob (contacts of each other), Carol (nobody's contact), the bot `@helperbot`,
/// and the supergroup `@club` with Alice, Bob and the bot.
pub fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", "15550001", "Alice")
                .username("alice")
                .contact("bob"),
        )
        .user(
            SeedUser::person("bob", "15550002", "Bob")
                .username("bob")
                .contact("alice"),
        )
        .user(SeedUser::person("carol", "15550003", "Carol").username("carol"))
        .user(SeedUser::bot("helper", "7000:helper-token", "Helper").username("helperbot"))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("bob")
                .member("helper"),
        )
}

/// The bot's token in [`seed`].
pub const BOT_TOKEN: &str = "7000:helper-token";

/// An inline keyboard of callback buttons, one row per `(label, data)`.
pub fn inline_keyboard(buttons: &[(&str, &[u8])]) -> enums::ReplyMarkup {
    let rows = buttons
        .iter()
        .map(|(text, data)| {
            let button = types::KeyboardInlineButton {
                text: (*text).to_owned(),
                r#type: enums::InlineButtonType::Callback(types::InlineButtonTypeCallback {
                    requires_password: false,
                    data: data.to_vec(),
                }),
                ..types::KeyboardInlineButton::default()
            };
            enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(
                types::KeyboardInlineButtonRow {
                    buttons: vec![enums::KeyboardInlineButton::KeyboardInlineButton(Box::new(
                        button,
                    ))],
                },
            )
        })
        .collect();
    enums::ReplyMarkup::ReplyInlineMarkup(types::ReplyInlineMarkup {
        force_reply: false,
        rows,
    })
}

/// Sends `text` with `markup` from `client` to `peer`.
pub fn send_with_markup(
    client: &Client,
    peer: &enums::InputPeer,
    text: &str,
    markup: enums::ReplyMarkup,
    random_id: i64,
) -> Result<enums::Updates, RpcError> {
    client.call(&functions::messages::SendMessage {
        peer: peer.clone(),
        message: text.into(),
        random_id,
        reply_markup: Some(markup),
        ..functions::messages::SendMessage::default()
    })
}

/// Makes a call that must wait for a bot; its ticket.
pub fn call_later<R: RemoteCall>(client: &Client, request: &R) -> u64 {
    match client.telegram.call(&client.ctx, &request.to_bytes()) {
        Outcome::Later(ticket) => ticket,
        other => panic!("expected the call to wait, got {other:?}"),
    }
}

/// The settled answer of ticket `ticket` (it must be the only one ready).
pub fn settled<T: Deserializable>(client: &Client, ticket: u64) -> Result<T, RpcError> {
    let mut ready = client.telegram.take_answers(client.ctx.auth_key_id);
    assert_eq!(ready.len(), 1, "one answer ready: {ready:?}");
    let (got, outcome) = ready.remove(0);
    assert_eq!(got, ticket);
    outcome
        .into_result()
        .map(|bytes| T::from_bytes(&bytes).expect("answer decodes"))
}

/// Every `Update` of the live updates queued for `client` (short message forms are left out).
pub fn live(client: &Client) -> Vec<enums::Update> {
    client
        .updates()
        .into_iter()
        .flat_map(|u| match u {
            enums::Updates::Updates(u) => u.updates,
            enums::Updates::Combined(u) => u.updates,
            enums::Updates::UpdateShort(u) => vec![u.update],
            _ => Vec::new(),
        })
        .collect()
}

/// The one message of an `updates` answer or update list (`updateNewMessage` or
/// `updateNewChannelMessage`).
pub fn new_message(updates: &[enums::Update]) -> types::Message {
    let found: Vec<&enums::Message> = updates
        .iter()
        .filter_map(|u| match u {
            enums::Update::NewMessage(m) => Some(&m.message),
            enums::Update::NewChannelMessage(m) => Some(&m.message),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one new message in {updates:?}");
    match found[0] {
        enums::Message::Message(m) => (**m).clone(),
        other => panic!("{other:?}"),
    }
}

/// The updates of an `Updates` answer.
pub fn updates_of(answer: enums::Updates) -> Vec<enums::Update> {
    match answer {
        enums::Updates::Updates(u) => u.updates,
        enums::Updates::UpdateShort(u) => vec![u.update],
        other => panic!("{other:?}"),
    }
}
