//! Feeds arbitrary bytes to the TL decoders of several types (primitives, vectors, MTProto
//! envelopes, big API enums). Decoding must never panic or over-allocate; whatever decodes must
//! re-encode to bytes that decode again and encode identically (byte equality rather than value
//! equality, so that NaN doubles compare as they should).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_tl_types::{Cursor, Deserializable, Serializable, api, mtproto};

fn check<T: Serializable + Deserializable>(data: &[u8]) {
    let mut cur = Cursor::new(data);
    let Ok(value) = T::deserialize(&mut cur) else { return };
    let encoded = value.to_bytes();
    match T::from_bytes(&encoded) {
        Ok(again) => assert_eq!(again.to_bytes(), encoded, "re-encoding differs"),
        Err(e) => panic!("re-encoded value does not decode: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the type so that one corpus explores them all.
    let Some((&selector, rest)) = data.split_first() else { return };
    match selector % 10 {
        0 => check::<String>(rest),
        1 => check::<Vec<Vec<u8>>>(rest),
        2 => check::<mtproto::enums::MessageContainer>(rest),
        3 => check::<mtproto::enums::RpcResult>(rest),
        4 => check::<mtproto::enums::ServerDhParams>(rest),
        5 => check::<mtproto::enums::FutureSalts>(rest),
        6 => check::<api::enums::Updates>(rest),
        7 => check::<api::enums::messages::Messages>(rest),
        8 => check::<api::enums::Message>(rest),
        _ => check::<api::enums::Update>(rest),
    }
});
