//! Bot commands at the raw TL level: one list per scope and language, set, read back, reset;
//! the Bot API's limits; people may not set them; `users.getFullUser` shows the default list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod common;

use bots_support::{BOT_TOKEN, seed};
use common::{Client, World};
use enums::BotCommandScope as S;
use pyro_tl_types::api::{enums, functions, types};

fn command(name: &str, description: &str) -> enums::BotCommand {
    enums::BotCommand::BotCommand(Box::new(types::BotCommand {
        ephemeral: false,
        command: name.into(),
        description: description.into(),
    }))
}

fn names(list: &[enums::BotCommand]) -> Vec<String> {
    list.iter()
        .map(|enums::BotCommand::BotCommand(c)| c.command.clone())
        .collect()
}

fn set(
    bot: &Client,
    scope: enums::BotCommandScope,
    lang: &str,
    commands: Vec<enums::BotCommand>,
) -> Result<bool, pyro_test_dc::RpcError> {
    bot.call(&functions::bots::SetBotCommands {
        scope,
        lang_code: lang.into(),
        commands,
    })
}

fn get(bot: &Client, scope: enums::BotCommandScope, lang: &str) -> Vec<String> {
    let list = bot
        .call(&functions::bots::GetBotCommands {
            scope,
            lang_code: lang.into(),
        })
        .unwrap();
    names(&list)
}

#[test]
fn each_scope_and_language_has_its_own_list() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let default = vec![command("start", "Start"), command("help", "Help")];
    assert!(set(&bot, S::Default, "", default).unwrap());
    set(&bot, S::Default, "de", vec![command("hilfe", "Hilfe")]).unwrap();
    set(
        &bot,
        S::Users,
        "",
        vec![command("private", "In private chats")],
    )
    .unwrap();
    let club = S::Peer(Box::new(types::BotCommandScopePeer {
        peer: bot.resolve("club"),
    }));
    set(&bot, club.clone(), "", vec![command("vote", "Vote")]).unwrap();

    assert_eq!(get(&bot, S::Default, ""), ["start", "help"]);
    assert_eq!(get(&bot, S::Default, "de"), ["hilfe"]);
    assert_eq!(get(&bot, S::Users, ""), ["private"]);
    assert_eq!(get(&bot, club.clone(), ""), ["vote"]);
    assert!(
        get(&bot, S::Chats, "").is_empty(),
        "no list: empty, no fallback"
    );
    assert!(get(&bot, S::Users, "de").is_empty());

    assert!(
        bot.call(&functions::bots::ResetBotCommands {
            scope: club.clone(),
            lang_code: String::new()
        })
        .unwrap()
    );
    assert!(get(&bot, club, "").is_empty());
    set(&bot, S::Default, "de", vec![]).unwrap();
    assert!(
        get(&bot, S::Default, "de").is_empty(),
        "an empty list clears"
    );
    assert_eq!(get(&bot, S::Default, ""), ["start", "help"], "others stay");

    // People see the default list in the bot's full profile.
    let alice = world.login("15550001", 1);
    let enums::InputPeer::User(peer) = alice.resolve("helperbot") else {
        panic!()
    };
    let enums::users::UserFull::UserFull(full) = alice
        .call(&functions::users::GetFullUser {
            id: enums::InputUser::InputUser(types::InputUser {
                user_id: peer.user_id,
                access_hash: peer.access_hash,
            }),
        })
        .unwrap();
    let enums::UserFull::UserFull(full) = full.full_user;
    let Some(enums::BotInfo::BotInfo(info)) = full.bot_info else {
        panic!("bot info")
    };
    assert_eq!(names(info.commands.as_deref().unwrap()), ["start", "help"]);
}

#[test]
fn commands_are_checked() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let refused = |lang: &str, commands| set(&bot, S::Default, lang, commands).unwrap_err().message;
    assert_eq!(
        refused("", vec![command("Start", "x")]),
        "BOT_COMMAND_INVALID"
    );
    assert_eq!(refused("", vec![command("", "x")]), "BOT_COMMAND_INVALID");
    assert_eq!(
        refused("", vec![command(&"a".repeat(33), "x")]),
        "BOT_COMMAND_INVALID"
    );
    assert_eq!(
        refused("", vec![command("ok", "")]),
        "BOT_COMMAND_DESCRIPTION_INVALID"
    );
    assert_eq!(
        refused("", vec![command("ok", &"d".repeat(257))]),
        "BOT_COMMAND_DESCRIPTION_INVALID"
    );
    let many = (0..101).map(|i| command(&format!("c{i}"), "x")).collect();
    assert_eq!(refused("", many), "BOT_COMMANDS_TOO_MUCH");
    assert_eq!(
        refused("english", vec![command("ok", "x")]),
        "LANG_CODE_INVALID"
    );
    let limits = vec![command(&"a".repeat(32), &"d".repeat(256))];
    assert!(
        set(&bot, S::Default, "en", limits).unwrap(),
        "the limits themselves are fine"
    );
    assert!(
        get(&bot, S::Default, "").is_empty(),
        "nothing refused was stored"
    );

    let alice = world.login("15550001", 1);
    let by_person = set(&alice, S::Default, "", vec![command("ok", "x")]);
    assert_eq!(by_person.unwrap_err().message, "USER_BOT_REQUIRED");
    let bad_peer = S::Peer(Box::new(types::BotCommandScopePeer {
        peer: enums::InputPeer::Empty,
    }));
    assert_eq!(
        set(&bot, bad_peer, "", vec![]).unwrap_err().message,
        "PEER_ID_INVALID"
    );
}
