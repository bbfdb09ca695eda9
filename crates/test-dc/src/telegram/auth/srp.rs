//! The server side of SRP-2048 2FA (core.telegram.org/api/srp): `account.getPassword` hands out
//! `B = k v + g^b mod p` for the stored verifier `v`, and `auth.checkPassword` recomputes the
//! client's `M1` from `A` and compares.
//!
//! With `H` = SHA-256 and `pad` = left-padded to 256 bytes: `k = H(p || pad g)`,
//! `u = H(pad A || pad B)`, `S = (A v^u)^b mod p` (the client's `(B - k v)^(a + u x)`),
//! `K = H(pad S)`, `M1 = H(H(p) xor H(pad g) || H(salt1) || H(salt2) || pad A || pad B || K)`.

use num_bigint::BigUint;
use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
use pyro_mtproto_crypto::srp::{SrpParams, new_password_hash};
use pyro_tl_types::api::{enums, types};
use sha2::{Digest, Sha256};

use crate::error::RpcError;
use crate::telegram::env::Rng;
use crate::telegram::state::{PasswordRecord, SrpRound};

/// The generator Telegram uses with its prime.
pub(crate) const SRP_G: u32 = 3;

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// A number left-padded to 256 bytes (numbers here are below `p`).
fn pad(value: &BigUint) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    let mut out = vec![0u8; 256usize.saturating_sub(bytes.len())];
    out.extend_from_slice(&bytes);
    out
}

fn prime() -> BigUint {
    BigUint::from_bytes_be(&TELEGRAM_DH_PRIME)
}

/// A stored password for `password`, with fresh salts; the verifier is computed on first use
/// ([`ensure_verifier`]).
pub(crate) fn make_password(password: &str, hint: Option<String>, rng: &mut Rng) -> PasswordRecord {
    PasswordRecord {
        salt1: rng.bytes(40),
        salt2: rng.bytes(16),
        verifier: Vec::new(),
        unhashed: Some(password.to_owned()),
        hint,
    }
}

/// Computes the verifier of a seeded password with the client side's own function (so both
/// sides agree on `x`), and forgets the password.
pub(crate) fn ensure_verifier(record: &mut PasswordRecord) {
    if let Some(password) = record.unhashed.take() {
        let params = SrpParams {
            salt1: &record.salt1,
            salt2: &record.salt2,
            g: SRP_G,
            p: &TELEGRAM_DH_PRIME,
        };
        record.verifier = new_password_hash(password.as_bytes(), &params).to_vec();
    }
}

/// The algorithm description for a stored password (or, without salts, for a new one).
pub(crate) fn algo(salt1: Vec<u8>, salt2: Vec<u8>) -> enums::PasswordKdfAlgo {
    enums::PasswordKdfAlgo::Sha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow(Box::new(
        types::PasswordKdfAlgoSha256Sha256Pbkdf2Hmacsha512iter100000Sha256ModPow {
            salt1,
            salt2,
            g: SRP_G as i32,
            p: TELEGRAM_DH_PRIME.to_vec(),
        },
    ))
}

/// Starts a round for `user`'s password: picks `b`, computes `B`.
pub(crate) fn start_round(user: i64, password: &PasswordRecord, rng: &mut Rng) -> SrpRound {
    let p = prime();
    let g = BigUint::from(SRP_G);
    let k = BigUint::from_bytes_be(&sha256(&[&TELEGRAM_DH_PRIME, &pad(&g)]));
    let v = BigUint::from_bytes_be(&password.verifier);
    let b = rng.bytes(256);
    let g_b = (k * v + g.modpow(&BigUint::from_bytes_be(&b), &p)) % &p;
    SrpRound {
        user,
        b,
        g_b: pad(&g_b),
    }
}

/// Checks the client's `A` and `M1` against a round; `PASSWORD_HASH_INVALID` on mismatch.
pub(crate) fn check(
    round: &SrpRound,
    password: &PasswordRecord,
    a: &[u8],
    m1: &[u8],
) -> Result<(), RpcError> {
    let p = prime();
    let g_a = BigUint::from_bytes_be(a);
    if g_a == BigUint::ZERO || g_a >= p || a.len() > 256 {
        return Err(RpcError::bad_request("SRP_A_INVALID"));
    }
    let g_a_padded = pad(&g_a);
    let u = BigUint::from_bytes_be(&sha256(&[&g_a_padded, &round.g_b]));
    let v = BigUint::from_bytes_be(&password.verifier);
    let b = BigUint::from_bytes_be(&round.b);
    let s = (g_a * v.modpow(&u, &p) % &p).modpow(&b, &p);
    let key = sha256(&[&pad(&s)]);
    let g_padded = pad(&BigUint::from(SRP_G));
    let mut h_pg = sha256(&[&TELEGRAM_DH_PRIME]);
    for (x, y) in h_pg.iter_mut().zip(sha256(&[&g_padded])) {
        *x ^= y;
    }
    let expected = sha256(&[
        &h_pg,
        &sha256(&[&password.salt1]),
        &sha256(&[&password.salt2]),
        &g_a_padded,
        &round.g_b,
        &key,
    ]);
    if expected.as_slice() == m1 {
        Ok(())
    } else {
        Err(RpcError::bad_request("PASSWORD_HASH_INVALID"))
    }
}
