//! The server side of SRP-2048 2FA (core.telegram.org/api/srp): `account.getPassword` hands out
//! `B = k v + g^b mod p` for the stored verifier `v`, and `auth.checkPassword` recomputes the
//! client's `M1` from `A` and compares. The maths is mtproto-crypto's (`srp::server_public`,
//! `srp::server_expected_m1`), the same code the client side uses.

use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
use pyro_mtproto_crypto::srp::{SrpParams, new_password_hash, server_expected_m1, server_public};
use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::env::Rng;
use crate::telegram::state::{PasswordRecord, SrpRound};

/// The generator Telegram uses with its prime.
pub(crate) const SRP_G: u32 = 3;

/// The algorithm parameters of a stored password.
fn params(record: &PasswordRecord) -> SrpParams<'_> {
    SrpParams {
        salt1: &record.salt1,
        salt2: &record.salt2,
        g: SRP_G,
        p: &TELEGRAM_DH_PRIME,
    }
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
        record.verifier = new_password_hash(password.as_bytes(), &params(record)).to_vec();
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
    let b = rng.bytes(256);
    let g_b = server_public(&params(password), &password.verifier, &b).to_vec();
    SrpRound { user, b, g_b }
}

/// Checks the client's `A` and `M1` against a round; `SRP_A_INVALID` for an `A` outside
/// `(0, p)`, `PASSWORD_HASH_INVALID` on mismatch.
pub(crate) fn check(
    round: &SrpRound,
    password: &PasswordRecord,
    a: &[u8],
    m1: &[u8],
) -> Result<(), RpcError> {
    let expected = server_expected_m1(
        &params(password),
        &password.verifier,
        &round.b,
        a,
        &round.g_b,
    )
    .map_err(|_| RpcError::bad_request("SRP_A_INVALID"))?;
    if expected.as_slice() == m1 {
        Ok(())
    } else {
        Err(RpcError::bad_request("PASSWORD_HASH_INVALID"))
    }
}
