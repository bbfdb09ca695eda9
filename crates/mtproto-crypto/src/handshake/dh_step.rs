//! The Diffie-Hellman half of the exchange: the client's checks of `server_DH_inner_data`
//! (core.telegram.org/mtproto/security_guidelines), the server's secret `a` with its `g_a`, and
//! the 256-byte form of `g^ab mod p` that becomes the auth key.

use num_bigint::BigUint;
use zeroize::Zeroize;

use super::{DhValue, HandshakeError};
use crate::bignum::left_pad;
use crate::dh::{TELEGRAM_DH_PRIME, check_dh_params, check_dh_value, telegram_prime};

/// Bytes of a 2048-bit DH number.
pub(crate) const DH_LEN: usize = 256;

/// Whether `g` satisfies its quadratic-residue condition on `p` (core.telegram.org/mtproto/
/// auth_key, step 4 notes: g = 2 needs p mod 8 = 7, 3: p mod 3 = 2, 4: none, 5: p mod 5 in
/// {1, 4}, 6: p mod 24 in {19, 23}, 7: p mod 7 in {3, 5, 6}).
fn g_generates_subgroup(p: &BigUint, g: i32) -> bool {
    let rem = |m: u32| (p % m).to_u32_digits().first().copied().unwrap_or(0);
    match g {
        2 => rem(8) == 7,
        3 => rem(3) == 2,
        4 => true,
        5 => matches!(rem(5), 1 | 4),
        6 => matches!(rem(24), 19 | 23),
        7 => matches!(rem(7), 3 | 5 | 6),
        _ => false,
    }
}

/// The client's checks of the server's group and `g_a`: the size of `dh_prime`, then `g` and
/// its residue condition (so the error says which part is wrong), then `dh_prime` a safe prime
/// (Telegram's takes the fast path), then the range of `g_a`.
pub(crate) fn check_server_group(p: &[u8], g: i32, g_a: &[u8]) -> Result<(), HandshakeError> {
    let prime = BigUint::from_bytes_be(p);
    if prime.bits() != 2048 {
        return Err(HandshakeError::BadDhPrime);
    }
    if !g_generates_subgroup(&prime, g) {
        return Err(HandshakeError::BadG(g));
    }
    check_dh_params(p, g as u32).map_err(|_| HandshakeError::BadDhPrime)?;
    check_dh_value(g_a, p).map_err(|_| HandshakeError::DhValueOutOfRange(DhValue::Ga))
}

/// A result modulo a 2048-bit prime as exactly 256 big-endian bytes.
pub(crate) fn block_of(bytes: &[u8]) -> [u8; DH_LEN] {
    left_pad(bytes)
}

/// The server's DH secret `a` with its `g_a = g^a mod dh_prime`, over Telegram's prime.
///
/// Computing `g_a` is one 2048-bit modular exponentiation (milliseconds in a release build; the
/// figures are in `benches/README.md`), so a server (or a test DC) can precompute a pool of these
/// and hand one to each exchange. `a` is wiped from memory on drop.
#[derive(Clone)]
pub struct ServerDhSecret {
    g: i32,
    a: [u8; DH_LEN],
    g_a: [u8; DH_LEN],
}

impl Drop for ServerDhSecret {
    fn drop(&mut self) {
        self.a.zeroize();
    }
}

impl core::fmt::Debug for ServerDhSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ServerDhSecret")
            .field("g", &self.g)
            .finish_non_exhaustive()
    }
}

impl ServerDhSecret {
    /// `a` from 256 random bytes (big-endian) with `g = 3`, Telegram's usual generator.
    pub fn new(random: &[u8; DH_LEN]) -> Result<Self, HandshakeError> {
        Self::with_generator(random, 3)
    }

    /// `a` from 256 random bytes with generator `g` (2..=7, valid for Telegram's prime: 3, 4,
    /// 5 or 7). Fails if `g` does not suit the prime or `g_a` falls outside the range the client
    /// checks (then draw another `a`).
    pub fn with_generator(random: &[u8; DH_LEN], g: i32) -> Result<Self, HandshakeError> {
        let p = BigUint::from_bytes_be(&TELEGRAM_DH_PRIME);
        if !g_generates_subgroup(&p, g) {
            return Err(HandshakeError::BadG(g));
        }
        let g_a = block_of(&telegram_prime().pow(&(g as u32).to_be_bytes(), random));
        check_dh_value(&g_a, &TELEGRAM_DH_PRIME)
            .map_err(|_| HandshakeError::InvalidServerSecret)?;
        Ok(Self { g, a: *random, g_a })
    }

    /// The generator `g`.
    pub fn g(&self) -> i32 {
        self.g
    }

    /// `g_a`, 256 big-endian bytes.
    pub fn g_a(&self) -> &[u8; DH_LEN] {
        &self.g_a
    }

    /// `g_b^a mod p`: the auth key from the client's `g_b` (already range-checked).
    pub(crate) fn shared_key(&self, g_b: &[u8]) -> [u8; DH_LEN] {
        block_of(&telegram_prime().pow(g_b, &self.a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_checks_name_the_faulty_part() {
        let p = TELEGRAM_DH_PRIME;
        let g_a = ServerDhSecret::new(&[0x5a; DH_LEN]).unwrap();
        assert_eq!(check_server_group(&p, 3, g_a.g_a()), Ok(()));
        assert_eq!(
            check_server_group(&p, 2, g_a.g_a()),
            Err(HandshakeError::BadG(2))
        );
        assert_eq!(
            check_server_group(&p, 8, g_a.g_a()),
            Err(HandshakeError::BadG(8))
        );
        let mut not_prime = p;
        not_prime[255] = not_prime[255].wrapping_add(24 * 5); // same residues mod 3, 4
        assert_eq!(
            check_server_group(&not_prime, 4, g_a.g_a()),
            Err(HandshakeError::BadDhPrime)
        );
        assert_eq!(
            check_server_group(&p, 3, &[2]),
            Err(HandshakeError::DhValueOutOfRange(DhValue::Ga))
        );
    }

    #[test]
    fn server_secret_refuses_weak_values() {
        assert_eq!(
            ServerDhSecret::new(&[0; DH_LEN]).map(|_| ()),
            Err(HandshakeError::InvalidServerSecret)
        );
        assert_eq!(
            ServerDhSecret::with_generator(&[1; DH_LEN], 2).map(|_| ()),
            Err(HandshakeError::BadG(2))
        );
        let mut small = [0u8; DH_LEN];
        small[DH_LEN - 1] = 1;
        assert_eq!(block_of(&[1]), small);
        assert_eq!(block_of(&[0; 300]), [0; DH_LEN]);
    }
}
