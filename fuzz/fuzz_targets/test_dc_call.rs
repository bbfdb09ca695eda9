//! Feeds arbitrary request bodies to the test DC's in-memory Telegram, from a signed-in auth
//! key and from an unknown one. The first byte picks a method id of the model (so the fuzzer
//! reaches every handler's decoder and logic) or, when it is 0xff, sends the bytes as they are.
//! Asserts: nothing panics, every call gets an answer or a typed error, and the model still
//! answers `updates.getState` afterwards.

#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use pyro_test_dc::{CallContext, DcAddress, ManualClock, Options, Seed, SeedChannel, SeedUser, Telegram};
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::{Deserializable, Identifiable, Serializable};

/// Method ids the model implements (TL ids, little-endian on the wire).
const METHODS: &[u32] = &[
    functions::auth::SendCode::CONSTRUCTOR_ID,
    functions::auth::SignIn::CONSTRUCTOR_ID,
    functions::auth::SignUp::CONSTRUCTOR_ID,
    functions::auth::CheckPassword::CONSTRUCTOR_ID,
    functions::auth::ImportBotAuthorization::CONSTRUCTOR_ID,
    functions::auth::ExportAuthorization::CONSTRUCTOR_ID,
    functions::auth::ImportAuthorization::CONSTRUCTOR_ID,
    functions::account::GetPassword::CONSTRUCTOR_ID,
    functions::users::GetUsers::CONSTRUCTOR_ID,
    functions::users::GetFullUser::CONSTRUCTOR_ID,
    functions::contacts::ResolveUsername::CONSTRUCTOR_ID,
    functions::messages::SendMessage::CONSTRUCTOR_ID,
    functions::messages::SendMedia::CONSTRUCTOR_ID,
    functions::messages::EditMessage::CONSTRUCTOR_ID,
    functions::messages::DeleteMessages::CONSTRUCTOR_ID,
    functions::messages::ForwardMessages::CONSTRUCTOR_ID,
    functions::messages::GetMessages::CONSTRUCTOR_ID,
    functions::messages::GetHistory::CONSTRUCTOR_ID,
    functions::messages::GetDialogs::CONSTRUCTOR_ID,
    functions::messages::Search::CONSTRUCTOR_ID,
    functions::messages::ReadHistory::CONSTRUCTOR_ID,
    functions::channels::CreateChannel::CONSTRUCTOR_ID,
    functions::channels::InviteToChannel::CONSTRUCTOR_ID,
    functions::channels::GetParticipants::CONSTRUCTOR_ID,
    functions::channels::GetMessages::CONSTRUCTOR_ID,
    functions::channels::GetChannels::CONSTRUCTOR_ID,
    functions::upload::SaveFilePart::CONSTRUCTOR_ID,
    functions::upload::SaveBigFilePart::CONSTRUCTOR_ID,
    functions::upload::GetFile::CONSTRUCTOR_ID,
    functions::updates::GetDifference::CONSTRUCTOR_ID,
    functions::updates::GetChannelDifference::CONSTRUCTOR_ID,
];

fn telegram() -> &'static Telegram {
    static TELEGRAM: OnceLock<Telegram> = OnceLock::new();
    TELEGRAM.get_or_init(|| {
        let seed = Seed::new()
            .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
            .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
            .channel(SeedChannel::supergroup("club", "Club", "alice").member("bob").generated_members(20))
            .message("alice", "bob", "hello");
        let options = Options {
            dcs: vec![DcAddress { id: 2, ip: "127.0.0.1".into(), port: 1 }],
            clock: Arc::new(ManualClock::new(1_700_000_000)),
            rng_seed: 1,
        };
        let telegram = Telegram::new(&seed, options).unwrap();
        // Key 1 is Bob's, signed in with the code the model delivers.
        let ctx = CallContext { dc_id: 2, auth_key_id: 1, session_id: 1 };
        let send = functions::auth::SendCode {
            phone_number: "15550002".into(),
            api_id: 1,
            api_hash: "h".into(),
            settings: Default::default(),
        };
        let sent = telegram.call(&ctx, &send.to_bytes()).into_result().unwrap();
        let enums::auth::SentCode::SentCode(sent) = enums::auth::SentCode::from_bytes(&sent).unwrap() else {
            panic!("no code sent")
        };
        let hash = sent.phone_code_hash;
        let sign_in = functions::auth::SignIn {
            phone_number: "15550002".into(),
            phone_code_hash: hash,
            phone_code: telegram.last_login_code("15550002"),
            email_verification: None,
        };
        telegram.call(&ctx, &sign_in.to_bytes()).into_result().unwrap();
        telegram
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let telegram = telegram();
    let mut request = Vec::with_capacity(rest.len() + 4);
    if pick != 0xff {
        METHODS[usize::from(pick) % METHODS.len()].serialize(&mut request);
    }
    request.extend_from_slice(rest);
    let signed_in = CallContext { dc_id: 2, auth_key_id: 1, session_id: 1 };
    let stranger = CallContext { dc_id: 2, auth_key_id: 2, session_id: 2 };
    let _ = telegram.call(&signed_in, &request);
    let _ = telegram.call(&stranger, &request);
    let _ = telegram.take_updates(1);
    let state = telegram.call(&signed_in, &functions::updates::GetState {}.to_bytes());
    assert!(state.into_result().is_ok(), "the model stopped answering");
});
