//! The `pq` puzzle of `resPQ`: the server picks two primes below 2^32 (as Telegram does) and
//! sends their product; the client factorises it (see [`crate::factorize`]).

use num_bigint::BigUint;

use super::HandshakeError;
use crate::dh::is_probable_prime;

/// Prime pairs from recorded exchanges and library tests (VECTORS.md C4: the old
/// core.telegram.org sample, grammers, Telethon, Telegram's auth-key example, the C2 recording,
/// TDLib `tdutils/test/pq.cpp`). A server may pick among them instead of generating primes.
pub const KNOWN_PQ: [(u32, u32); 11] = [
    (1_229_739_323, 1_402_015_859),
    (1_206_429_347, 1_218_991_343),
    (1_518_968_219, 1_556_064_227),
    (1_555_252_417, 1_803_100_129),
    (1_719_614_201, 1_813_767_169),
    (1_513_098_571, 1_780_931_429),
    (1_141_464_581, 1_202_243_663),
    (1_338_315_091, 1_710_990_221),
    (1_152_574_733, 1_583_590_529),
    (179_424_611, 179_424_673),
    (4_294_467_311, 4_294_467_449),
];

/// Two primes `p < q` below 2^32 whose product the server sends as `pq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PqPair {
    p: u32,
    q: u32,
}

impl PqPair {
    /// Checks that `p` and `q` are primes with `1 < p < q` (Miller-Rabin, so injected primes can
    /// come from any generator).
    pub fn new(p: u32, q: u32) -> Result<Self, HandshakeError> {
        let prime = |n: u32| is_probable_prime(&BigUint::from(n));
        if p < q && prime(p) && prime(q) {
            Ok(Self { p, q })
        } else {
            Err(HandshakeError::InvalidPq { p, q })
        }
    }

    /// One pair of [`KNOWN_PQ`], chosen by a random byte.
    pub fn known(random: u8) -> Self {
        let (p, q) = KNOWN_PQ[usize::from(random) % KNOWN_PQ.len()];
        Self { p, q }
    }

    /// The smaller prime.
    pub fn p(&self) -> u32 {
        self.p
    }

    /// The larger prime.
    pub fn q(&self) -> u32 {
        self.q
    }

    /// The product sent as `pq`.
    pub fn pq(&self) -> u64 {
        u64::from(self.p) * u64::from(self.q)
    }
}

/// A number as TL `bytes` content: big-endian without leading zeros (as Telegram sends `pq`,
/// `p` and `q`).
pub(crate) fn be_bytes(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    bytes[skip..].to_vec()
}

/// `resPQ.pq` as a number: at most 8 big-endian bytes.
pub(crate) fn read_pq(bytes: &[u8]) -> Result<u64, HandshakeError> {
    if bytes.len() > 8 {
        return Err(HandshakeError::BadPq(bytes.len()));
    }
    Ok(bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factorize::factorize;

    /// VECTORS.md C4: every known pair is two primes whose product factorises back.
    #[test]
    fn known_pairs_are_primes_and_factorise_back() {
        for (p, q) in KNOWN_PQ {
            let pair = PqPair::new(p, q).unwrap();
            assert_eq!(factorize(pair.pq()).unwrap(), (u64::from(p), u64::from(q)));
            assert_eq!(read_pq(&be_bytes(pair.pq())).unwrap(), pair.pq());
        }
        assert_eq!(PqPair::known(8).pq(), 0x1954_6f94_2a11_278d);
    }

    #[test]
    fn bad_pairs_and_pq_are_typed() {
        for (p, q) in [(4, 7), (7, 7), (11, 7), (1, 7), (3, 9)] {
            assert_eq!(PqPair::new(p, q), Err(HandshakeError::InvalidPq { p, q }));
        }
        assert_eq!(read_pq(&[1; 9]), Err(HandshakeError::BadPq(9)));
        assert_eq!(be_bytes(0x44b2_e50d), vec![0x44, 0xb2, 0xe5, 0x0d]);
    }
}
