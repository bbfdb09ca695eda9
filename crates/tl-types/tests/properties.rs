//! Property tests: decode(encode(x)) == x over generated values, and decoding arbitrary bytes
//! never panics and re-encodes consistently.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use pyro_tl_types::{Cursor, Deserializable, Serializable};

/// A fixed seed keeps the suite deterministic; no regression files are written.
fn config() -> Config {
    Config {
        rng_seed: RngSeed::Fixed(229),
        failure_persistence: None,
        ..Config::default()
    }
}

fn round_trips<T: Serializable + Deserializable + PartialEq + std::fmt::Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let bytes = value.to_bytes();
    prop_assert_eq!(bytes.len() % 4, 0, "TL values are whole 32-bit words");
    prop_assert_eq!(
        &T::from_bytes(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?,
        value
    );
    Ok(())
}

/// Decodes `bytes` as `T` if it can; whatever decodes must re-encode to bytes that decode to the
/// same value and encode identically again.
fn decodes_consistently<T: Serializable + Deserializable + PartialEq + std::fmt::Debug>(
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let mut cur = Cursor::new(bytes);
    if let Ok(value) = T::deserialize(&mut cur) {
        let again = value.to_bytes();
        let back = T::from_bytes(&again).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.to_bytes(), again);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn primitives_round_trip(i in any::<i32>(), l in any::<i64>(), d in -1e300f64..1e300, s in ".{0,300}",
                             b in proptest::collection::vec(any::<u8>(), 0..700), v in proptest::collection::vec(any::<i64>(), 0..40)) {
        round_trips(&i)?;
        round_trips(&l)?;
        round_trips(&d)?;
        round_trips(&s)?;
        round_trips(&b)?;
        round_trips(&v)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decodes_consistently::<String>(&bytes)?;
        decodes_consistently::<Vec<Vec<u8>>>(&bytes)?;
        #[cfg(feature = "mtproto")]
        {
            decodes_consistently::<pyro_tl_types::mtproto::enums::ServerDhParams>(&bytes)?;
            decodes_consistently::<pyro_tl_types::mtproto::enums::MessageContainer>(&bytes)?;
        }
        #[cfg(feature = "api")]
        {
            decodes_consistently::<pyro_tl_types::api::enums::Updates>(&bytes)?;
            decodes_consistently::<pyro_tl_types::api::enums::InputPeer>(&bytes)?;
        }
    }
}

#[cfg(feature = "api")]
mod api {
    use super::*;
    use pyro_tl_types::api::{enums, types};

    /// Any `InputPeer`, nesting through `inputPeerUserFromMessage` / `inputPeerChannelFromMessage`.
    fn input_peer() -> impl Strategy<Value = enums::InputPeer> {
        let leaf = prop_oneof![
            Just(enums::InputPeer::Empty),
            Just(enums::InputPeer::InputPeerSelf),
            any::<i64>().prop_map(|chat_id| types::InputPeerChat { chat_id }.into()),
            (any::<i64>(), any::<i64>()).prop_map(|(user_id, access_hash)| types::InputPeerUser {
                user_id,
                access_hash
            }
            .into()),
        ];
        leaf.prop_recursive(4, 16, 1, |inner| {
            (inner, any::<i32>(), any::<i64>()).prop_map(|(peer, msg_id, user_id)| {
                types::InputPeerUserFromMessage {
                    peer,
                    msg_id,
                    user_id,
                }
                .into()
            })
        })
    }

    /// `userProfilePhoto`, whose flags word covers two `true` flags and an optional `bytes`.
    fn profile_photo() -> impl Strategy<Value = enums::UserProfilePhoto> {
        (
            any::<bool>(),
            any::<bool>(),
            any::<i64>(),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
            any::<i32>(),
        )
            .prop_map(|(has_video, personal, photo_id, stripped_thumb, dc_id)| {
                types::UserProfilePhoto {
                    has_video,
                    personal,
                    photo_id,
                    stripped_thumb,
                    dc_id,
                }
                .into()
            })
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn input_peers_round_trip(peer in input_peer()) {
            round_trips(&peer)?;
        }

        #[test]
        fn flagged_fields_round_trip(photo in profile_photo(), url in ".{0,40}", offset in any::<i32>()) {
            round_trips(&photo)?;
            let entity: enums::MessageEntity = types::MessageEntityTextUrl { offset, length: 3, url }.into();
            round_trips(&vec![entity])?;
        }
    }
}
