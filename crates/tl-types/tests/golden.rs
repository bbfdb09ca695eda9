//! Golden bytes: real serialized TL from a recorded key exchange with Telegram's test DC 2
//! (vector C2 of `../shared/vectors/VECTORS.md`: grammers' `emulate_successful_auth_key_gen_flow`,
//! identical in Telethon v2's `authentication_test.py`). Every message must decode to the
//! expected fields and re-encode to exactly the recorded bytes.
#![cfg(feature = "mtproto")]

use pyro_tl_types::mtproto::{enums, functions};
use pyro_tl_types::{Deserializable, Identifiable, RemoteCall, Serializable};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap_or_default())
        .collect()
}

fn int128(text: &str) -> [u8; 16] {
    hex(text).try_into().unwrap_or_default()
}

/// Decodes `bytes` as `T`, checks the re-encoding, and returns the value.
fn golden<T: Serializable + Deserializable>(bytes: &[u8]) -> T {
    let value = match T::from_bytes(bytes) {
        Ok(value) => value,
        Err(e) => panic!("does not decode: {e}"),
    };
    assert_eq!(value.to_bytes(), bytes);
    value
}

const NONCE: &str = "4e44b426241e8b839153122d44585ac6";
const SERVER_NONCE: &str = "65ba0b393e1094329eda2c42d6283303";
const STEP1_REQUEST: &str = "f18e7ebe4e44b426241e8b839153122d44585ac6";
const STEP1_RESPONSE: &str = concat!(
    "632416054e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d62833030819546f942a11278d000000",
    "15c4b51c0300000003268d20df9858b2029f4ba16d109296216be86c022bb4c3",
);
const STEP2_REQUEST: &str = concat!(
    "bee412d74e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d62833030444b2e50d000000045e63ac",
    "8100000003268d20df9858b2fe0001007ec37ca8a84aa1b26d21bc8ac28b261ffa57b44e29f0d6722261e9b436059cc8",
    "0ae9768a3ae4fbefe46cfbb76b88a1f80a1ebd95ae5d17bf655ed1015755e04c483a01cf4094a0830864054a71a0ac8a",
    "5ec34d6b24a69bf66c9654b32a8c65b0302718351b28f72a9a49610d5259b6edb6da37acc5fedc47d1a09c58df2c7ecc",
    "bfaf54dfe123ebc253d9069f74e8be128051e5d280b3c9a5e8d3c6da344cb7374a6d410d4e088cc0eda3d8b1108ba4f4",
    "a85d79fbd2758000723780bc5459f59fd1cea1b511b77cc1411781d3feb57b14a97726cf3d2146cf43e648a69ff9cb5d",
    "48a31f543bd5bc3a023cf382d86d36bbfbbcb5e4a136acee25fd8e3e597e714d",
);
const STEP2_RESPONSE: &str = concat!(
    "5c07e8d04e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d6283303fe500200fd064e91012ade62",
    "1b26a48ac7dc8b2c8670ed67092a00fe8c936483e4b02822c3cc655aaffe00542e311df5abdaa645b1da85ca50a6c7b0",
    "e7cc7cb2b23d42c84e288bb3b5cfe313e1ebafe19833916df4d1f58dba62e0ac49cac17a31b8b0d57d43eefda546d67e",
    "80e311c4b213adec9635c73f75a18ffb26fb71391523bd5ddfcc8be51b36d6b2552394c511ec935d53811a981baca62a",
    "2b58cbfe96f1b35e118e5e17456994aea931839925c4578f281f3f129d28026ec80224617a9ca8c615a12fba9c53e774",
    "476567f07b01a59d2e6635e39c16dc0a54679f3b54b0482f1cbeac821147d93d7365f4e23fb5794eb5fd4ffdc6456638",
    "ea32f641f49ee705e7b0da71cb75753e2f4f80d5af07edb017948f332e34a9c5886b0c86281e0e7228d5a652a9faaf81",
    "9f7686c099186169aaa377c136fac57b69b7f7b383aaece652f8dcb14e0dfb23e2a65330307a74c31c508cc504450fa2",
    "08eee14d8bbead1c1f90ccfc183ae1d3345c62424ea3477776204e8fe69efbb6a27b168913d3babaca30aa1c9589d665",
    "5b2ad4cd59f67e9b3957ab3270d70afab9bd488a6c5f39ca739ca8947def00cdb8812152731710f5108235775a019d3b",
    "4986d6b720b05167b4ee731a10a29fc1e03c42e99d8ff5cf64f45070c2f5ce485ea5fddc281728b6e4d0dea561c9097e",
    "3f8a54b055b0c069a9f8207520f6429eb5225c985e3379f2cf6754f56d414fcd00d502e69223b911b915978e0890a9ef",
    "128715b828bf3fda3fee6c7b9b2621d971a6f7820f89f4c4c2ab29dec00007c3ec6cead64f7f5802d5e6a4a16a185cfb",
    "fced5351fa68380e",
);
const STEP3_REQUEST: &str = concat!(
    "1f5f04f54e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d6283303fe500100def448d48c608480",
    "bab65df3f8990be8011f7b415a6f8113617bea749b8b0ea6a937987b18cc4dcce8197efdcf8d6ec6af7fc3364b4945df",
    "77e4a1ae9db7acea4abcd73247edb36bde20fc969c1d55717277afe0bc31a9ee99f7d822f91fa2dc69c868a19511b162",
    "d55e0814d0292b7708b67d57eb04569349d5a20ffe85c0141fc17e9bbbaf207bef56e66decda718c52c45273f868c2ef",
    "f89bb06355cd515fbfe123d719b244234867d2889c9d0e4436ba644076e5014a78af60b2f0e1b30285f4f71539bcf8c5",
    "06ccafd62cfcd1b040fe5e35bb30e519ad56d753100f604e3ea5d02409d74dd3ab0861227410f1e13591cf2a638347e6",
    "c6d0bcae14e0e8753313b51daee40a67407b5cc8b213856a290a0c7b6cda9ff9c58d69faaf6a748cff05512b69f1380f",
    "7a36843edecdc764048bc16d9808f353a9caf6d49ca8b717c8f6de037518a444931a7da2b80f16d0",
);
const STEP3_RESPONSE: &str = concat!(
    "34f7cb3b4e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d628330313b781a0de4ab6bc7ab414cb",
    "e13f9f86",
);

/// C2 step1: `req_pq_multi#be7e8ef1 nonce:int128 = ResPQ`, built from its fields.
#[test]
fn req_pq_multi_is_byte_exact() {
    let request = functions::ReqPqMulti {
        nonce: int128(NONCE),
    };
    assert_eq!(request.to_bytes(), hex(STEP1_REQUEST));
    assert_eq!(functions::ReqPqMulti::CONSTRUCTOR_ID, 0xbe7e_8ef1);
    assert_eq!(
        golden::<functions::ReqPqMulti>(&hex(STEP1_REQUEST)),
        request
    );
}

/// C2 step1 answer: `resPQ` with pq = 0x19546f942a11278d and three key fingerprints, the first
/// being the test-DC key's (-5595554452916591101).
#[test]
fn res_pq_decodes_to_the_recorded_fields() {
    let answer: <functions::ReqPqMulti as RemoteCall>::Return = golden(&hex(STEP1_RESPONSE));
    let enums::ResPq::ResPq(res_pq) = answer;
    assert_eq!(res_pq.nonce, int128(NONCE));
    assert_eq!(res_pq.server_nonce, int128(SERVER_NONCE));
    assert_eq!(res_pq.pq, hex("19546f942a11278d"));
    assert_eq!(
        res_pq.server_public_key_fingerprints,
        [
            -5_595_554_452_916_591_101,
            -7_596_991_558_377_038_078,
            -4_344_800_451_088_585_951
        ]
    );
}

/// C2 step2: `req_DH_params` with p, q, the fingerprint and the 256-byte RSA_PAD payload (which
/// takes the `0xfe` long-length form).
#[test]
fn req_dh_params_round_trips() {
    let request: functions::ReqDhParams = golden(&hex(STEP2_REQUEST));
    assert_eq!(request.nonce, int128(NONCE));
    assert_eq!(request.server_nonce, int128(SERVER_NONCE));
    assert_eq!(request.public_key_fingerprint, -5_595_554_452_916_591_101);
    assert_eq!(request.encrypted_data.len(), 256);
    let pq = u64::from_be_bytes(hex("19546f942a11278d").try_into().unwrap_or_default());
    let (p, q) = (
        u64::from(u32::from_be_bytes(
            request.p.clone().try_into().unwrap_or_default(),
        )),
        u64::from(u32::from_be_bytes(
            request.q.clone().try_into().unwrap_or_default(),
        )),
    );
    assert_eq!(p * q, pq);
}

/// C2 step2 answer: `server_DH_params_ok` carrying the encrypted answer.
#[test]
fn server_dh_params_ok_round_trips() {
    let answer: <functions::ReqDhParams as RemoteCall>::Return = golden(&hex(STEP2_RESPONSE));
    let enums::ServerDhParams::Ok(ok) = answer else {
        panic!("expected server_DH_params_ok")
    };
    assert_eq!(ok.server_nonce, int128(SERVER_NONCE));
    assert_eq!(ok.encrypted_answer.len() % 16, 0);
}

/// C2 step3: `set_client_DH_params`, and the server's `dh_gen_ok`.
#[test]
fn set_client_dh_params_and_dh_gen_ok_round_trip() {
    let request: functions::SetClientDhParams = golden(&hex(STEP3_REQUEST));
    assert_eq!(request.nonce, int128(NONCE));
    assert_eq!(request.encrypted_data.len() % 16, 0);
    let answer: <functions::SetClientDhParams as RemoteCall>::Return = golden(&hex(STEP3_RESPONSE));
    let enums::SetClientDhParamsAnswer::DhGenOk(ok) = answer else {
        panic!("expected dh_gen_ok")
    };
    assert_eq!(ok.server_nonce, int128(SERVER_NONCE));
}

/// A truncated or extended message is an error, never a panic or a silent success.
#[test]
fn truncated_and_extended_messages_are_errors() {
    let bytes = hex(STEP2_RESPONSE);
    for len in [0, 3, 4, 20, 40, bytes.len() - 1] {
        assert!(
            enums::ServerDhParams::from_bytes(&bytes[..len]).is_err(),
            "{len}"
        );
    }
    let mut longer = bytes.clone();
    longer.extend_from_slice(&[0; 4]);
    assert!(enums::ServerDhParams::from_bytes(&longer).is_err());
}
