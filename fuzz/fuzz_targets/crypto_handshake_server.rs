//! Feeds arbitrary bytes to each step of the server side of the auth-key exchange: `req_pq_multi`,
//! `req_DH_params` (RSA_PAD and legacy decryption, four inner-data kinds) and
//! `set_client_DH_params` (AES answer, hash, retry id, g_b range). The first byte picks the step;
//! in the second half of its range the rest is XORed into a genuine message of that step instead,
//! to reach the checks behind the decoders. Asserts: no panic; a step only succeeds on input a
//! client could have produced, and what it answers decodes as the TL type the client expects.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_mtproto_crypto::handshake::*;
use pyro_mtproto_crypto::rsa::RsaPrivateKey;
use pyro_tl_types::Deserializable;
use pyro_tl_types::mtproto::enums;
use std::sync::OnceLock;

/// A server stopped before each step, with the genuine message of that step.
struct Fixture {
    keys: Vec<RsaPrivateKey>,
    secret: ServerDhSecret,
    start: ServerStart,
    req_pq: Vec<u8>,
    at_req_dh: ServerAwaitingDhParams,
    req_dh: Vec<u8>,
    at_set_dh: ServerAwaitingClientDh,
    set_dh: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let pem = include_str!("../../crates/mtproto-crypto/tests/data/test_server_key.pem");
        let keys = vec![RsaPrivateKey::from_pkcs1_pem(pem).expect("fixture key parses")];
        let known = [keys[0].public_key().clone()];
        let secret = ServerDhSecret::new(&[0x3c; 256]).expect("fixed secret is in range");
        let start = ServerStart::new([2; 16], PqPair::known(0));
        let (req_pq, client) = ClientStep1::new(ClientOptions::permanent(2)).start([1; 16]);
        let (res_pq, at_req_dh) = start.clone().handle(&req_pq, &keys).expect("genuine req_pq");
        let (req_dh, client) =
            client.handle(&res_pq, &[3; STEP2_RANDOM], &known).expect("genuine resPQ");
        let (dh_params, at_set_dh) = at_req_dh
            .clone()
            .handle(&req_dh, &keys, &secret, 1_700_000_000, &[4; 16])
            .expect("genuine req_DH_params");
        let (set_dh, _) = client
            .handle(&dh_params, &[5; STEP3_RANDOM], 1_700_000_000)
            .expect("genuine server_DH_params");
        Fixture { keys, secret, start, req_pq, at_req_dh, req_dh, at_set_dh, set_dh }
    })
}

/// `genuine` with `noise` XORed over its start.
fn mutate(genuine: &[u8], noise: &[u8]) -> Vec<u8> {
    let mut out = genuine.to_vec();
    for (byte, n) in out.iter_mut().zip(noise) {
        *byte ^= n;
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = fixture();
    let xor = selector >= 128;
    match selector % 3 {
        0 => {
            let input = if xor { mutate(&f.req_pq, rest) } else { rest.to_vec() };
            if let Ok((res_pq, _)) = f.start.clone().handle(&input, &f.keys) {
                assert!(enums::ResPq::from_bytes(&res_pq).is_ok());
            }
        }
        1 => {
            let input = if xor { mutate(&f.req_dh, rest) } else { rest.to_vec() };
            let result = f.at_req_dh.clone().handle(&input, &f.keys, &f.secret, 0, &[0; 16]);
            if let Ok((answer, _)) = result {
                assert!(enums::ServerDhParams::from_bytes(&answer).is_ok());
            }
        }
        _ => {
            let input = if xor { mutate(&f.set_dh, rest) } else { rest.to_vec() };
            if let Ok(candidate) = f.at_set_dh.clone().handle(&input) {
                let (ok, finished) = candidate.accept();
                assert!(enums::SetClientDhParamsAnswer::from_bytes(&ok).is_ok());
                assert!(finished.matches_key_id(finished.auth_key.id()));
            }
        }
    }
});
