//! 2FA password checks with SRP-2048 (feature `srp`): the `inputCheckPasswordSRP` values for
//! `auth.checkPassword`, and the verifier for setting a new password, for the algorithm
//! `passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow` (core.telegram.org/api/srp).
//!
//! Definitions (H = SHA-256, numbers big-endian, `pad` = left-padded to 256 bytes):
//! `SH(d, s) = H(s || d || s)`, `PH1 = SH(SH(password, salt1), salt2)`,
//! `x = PH2 = SH(PBKDF2-HMAC-SHA512(PH1, salt1, 100000), salt2)`, `v = g^x`, `k = H(p || pad g)`,
//! `u = H(pad g_a || pad g_b)`, `t = (g_b - k v) mod p`, `s_a = t^(a + u x)`, `K = H(pad s_a)`,
//! `M1 = H(H(p) xor H(pad g) || H(salt1) || H(salt2) || pad g_a || pad g_b || K)`.
//!
//! The server's `p` and `g` should first pass [`crate::dh::check_dh_params`] (cache the result);
//! this module checks only that `g_b` lies in `(0, p)`. The random `a` (256 bytes) is injected.
//!
//! ```no_run
//! use pyro_mtproto_crypto::srp::{check_password, SrpParams};
//! use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
//!
//! # let (salt1, salt2, srp_b, a) = (vec![1u8; 40], vec![2u8; 16], vec![5u8; 256], [6u8; 256]);
//! let params = SrpParams { salt1: &salt1, salt2: &salt2, g: 3, p: &TELEGRAM_DH_PRIME };
//! let check = check_password(b"hunter2", &params, &srp_b, 42, &a)?;
//! assert_eq!(check.srp_id, 42);
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

use num_bigint::BigUint;
use sha2::{Digest, Sha256, Sha512};

use crate::CryptoError;
use crate::bignum::{Modulus, left_pad};

/// PBKDF2 iterations of the algorithm.
const PBKDF2_ROUNDS: u32 = 100_000;

/// The server's password parameters (`passwordKdfAlgo...` `salt1`, `salt2`, `g`, `p`).
#[derive(Debug, Clone, Copy)]
pub struct SrpParams<'a> {
    /// `salt1` of the algorithm (for a new password: the server's salt1 plus 32 random bytes).
    pub salt1: &'a [u8],
    /// `salt2` of the algorithm.
    pub salt2: &'a [u8],
    /// The generator.
    pub g: u32,
    /// The 2048-bit prime, big-endian (256 bytes).
    pub p: &'a [u8],
}

/// What `inputCheckPasswordSRP` carries.
#[derive(Clone, PartialEq, Eq)]
pub struct SrpCheck {
    /// `srp_id` from `account.password`, passed through.
    pub srp_id: i64,
    /// `A = g^a mod p`, 256 bytes.
    pub a: [u8; 256],
    /// `M1`, 32 bytes.
    pub m1: [u8; 32],
}

impl core::fmt::Debug for SrpCheck {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SrpCheck")
            .field("srp_id", &self.srp_id)
            .finish_non_exhaustive()
    }
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// `SH(data, salt) = H(salt || data || salt)`.
fn salted(data: &[u8], salt: &[u8]) -> [u8; 32] {
    sha256(&[salt, data, salt])
}

/// `x = PH2(password, salt1, salt2)`, 32 big-endian bytes.
fn password_x(password: &[u8], params: &SrpParams<'_>) -> [u8; 32] {
    let ph1 = salted(&salted(password, params.salt1), params.salt2);
    let mut derived = [0u8; 64];
    pbkdf2::pbkdf2_hmac::<Sha512>(&ph1, params.salt1, PBKDF2_ROUNDS, &mut derived);
    salted(&derived, params.salt2)
}

/// `value` left-padded to 256 bytes (it is below `p`, so it fits).
fn pad256(value: &BigUint) -> [u8; 256] {
    left_pad(&value.to_bytes_be())
}

/// `p` as a [`Modulus`]; a zero `p` is out of range for every value.
fn modulus(p: &[u8]) -> Result<Modulus, CryptoError> {
    Modulus::new(p).map_err(|_| CryptoError::UnsafeDhParams("p is zero"))
}

/// Bytes of the exponent `a + u x` (below 2^2048 + 2^512): its fixed width, so the exponent's
/// length does not depend on its value.
const SECRET_SUM_LEN: usize = 257;

/// `k = H(p || pad g)`.
fn multiplier(p_padded: &[u8; 256], g_padded: &[u8; 256]) -> BigUint {
    BigUint::from_bytes_be(&sha256(&[p_padded, g_padded]))
}

/// `M1 = H(H(p) xor H(pad g) || H(salt1) || H(salt2) || pad A || pad B || H(pad S))`.
fn proof(params: &SrpParams<'_>, g_a: &[u8; 256], g_b: &[u8; 256], s: &BigUint) -> [u8; 32] {
    let key = sha256(&[&pad256(s)]);
    let mut h_pg = sha256(&[&pad256(&BigUint::from_bytes_be(params.p))]);
    for (x, y) in h_pg
        .iter_mut()
        .zip(sha256(&[&pad256(&BigUint::from(params.g))]))
    {
        *x ^= y;
    }
    sha256(&[
        &h_pg,
        &sha256(&[params.salt1]),
        &sha256(&[params.salt2]),
        g_a,
        g_b,
        &key,
    ])
}

/// `value` as a number in `(0, p)`, or `DhValueOutOfRange(what)`.
fn in_group(value: &[u8], p: &BigUint, what: &'static str) -> Result<BigUint, CryptoError> {
    let n = BigUint::from_bytes_be(value);
    if n == BigUint::ZERO || &n >= p {
        return Err(CryptoError::DhValueOutOfRange(what));
    }
    Ok(n)
}

/// Computes `inputCheckPasswordSRP` for `password` against the server's parameters and `srp_B`;
/// `a` is 256 random bytes. A zero `p` is `UnsafeDhParams`, `srp_B` outside `(0, p)`
/// `DhValueOutOfRange`.
pub fn check_password(
    password: &[u8],
    params: &SrpParams<'_>,
    srp_b: &[u8],
    srp_id: i64,
    a: &[u8; 256],
) -> Result<SrpCheck, CryptoError> {
    let modulus = modulus(params.p)?;
    let p = modulus.value();
    let g_b = in_group(srp_b, p, "srp_B is not in (0, p)")?;
    let g = params.g.to_be_bytes();
    let x = password_x(password, params);
    let k = multiplier(&pad256(p), &pad256(&BigUint::from(params.g)));
    let v = modulus.pow_big(&g, &x);
    let g_a = pad256(&modulus.pow_big(&g, a));
    let g_b_padded = pad256(&g_b);
    let u = BigUint::from_bytes_be(&sha256(&[&g_a, &g_b_padded]));
    let kv = (k * v) % p;
    let t = (&g_b + p - kv) % p;
    let exponent = BigUint::from_bytes_be(a) + u * BigUint::from_bytes_be(&x);
    let s_a = modulus.pow_big(
        &t.to_bytes_be(),
        &left_pad::<SECRET_SUM_LEN>(&exponent.to_bytes_be()),
    );
    let m1 = proof(params, &g_a, &g_b_padded, &s_a);
    Ok(SrpCheck { srp_id, a: g_a, m1 })
}

/// Server side of a round: `srp_B = k v + g^b mod p` (256 bytes) for the stored verifier `v`
/// (what [`new_password_hash`] made) and the server's random secret `b`.
///
/// `params.p` is the server's own prime; a zero `p` (no group at all) gives 256 zero bytes.
pub fn server_public(params: &SrpParams<'_>, verifier: &[u8], b: &[u8]) -> [u8; 256] {
    let Ok(modulus) = modulus(params.p) else {
        return [0; 256];
    };
    let p = modulus.value();
    let k = multiplier(&pad256(p), &pad256(&BigUint::from(params.g)));
    let v = BigUint::from_bytes_be(verifier);
    let g_b = modulus.pow_big(&params.g.to_be_bytes(), b);
    pad256(&((k * v + g_b) % p))
}

/// Server side of a round: the `M1` a client that knows the password sends for its `A` (`g_a`),
/// given the round's secret `b` and its `srp_B`. The server compares it with the client's `M1`.
/// `g_a` outside `(0, p)` is `DhValueOutOfRange`, a zero `p` `UnsafeDhParams`.
pub fn server_expected_m1(
    params: &SrpParams<'_>,
    verifier: &[u8],
    b: &[u8],
    g_a: &[u8],
    srp_b: &[u8],
) -> Result<[u8; 32], CryptoError> {
    let modulus = modulus(params.p)?;
    let p = modulus.value();
    let g_a = pad256(&in_group(g_a, p, "srp A is not in (0, p)")?);
    let g_b = pad256(&BigUint::from_bytes_be(srp_b));
    let u = sha256(&[&g_a, &g_b]);
    let v_u = modulus.pow_big(verifier, &u);
    let base = BigUint::from_bytes_be(&g_a) * v_u % p;
    let s = modulus.pow_big(&base.to_bytes_be(), b);
    Ok(proof(params, &g_a, &g_b, &s))
}

/// The verifier `v = g^x mod p` (256 bytes) that `account.updatePasswordSettings` sends as
/// `new_password_hash`. `params.salt1` is the server's `salt1` extended with 32 random bytes.
///
/// `params.p` should have passed [`crate::dh::check_dh_params`]; a zero `p` gives 256 zero bytes.
pub fn new_password_hash(password: &[u8], params: &SrpParams<'_>) -> [u8; 256] {
    let Ok(modulus) = modulus(params.p) else {
        return [0; 256];
    };
    let x = password_x(password, params);
    pad256(&modulus.pow_big(&params.g.to_be_bytes(), &x))
}

#[cfg(test)]
#[path = "srp_tests.rs"]
mod tests;
