//! The private key's arithmetic: RSA with the Chinese remainder theorem (RFC 8017 section
//! 5.1.2, RSADP with the `(p, q, dP, dQ, qInv)` representation).
//!
//! `c^d mod n` becomes `m1 = c^dP mod p` and `m2 = c^dQ mod q`, two exponentiations of half the
//! width with exponents of half the length (about a quarter of the work of one 2048-bit
//! exponentiation), recombined as `m = m2 + q (qInv (m1 - m2) mod p)`. The five numbers come
//! from the PKCS#1 `RSAPrivateKey` structure itself (`prime1`, `prime2`, `exponent1`,
//! `exponent2`, `coefficient`) and are checked against `n` and `d` when the key is loaded. As RSA
//! implementations do against faults (a flipped bit in one half would let a peer factor `n` from
//! one bad answer), every result is re-encrypted with `e` and compared with the ciphertext before
//! it is used.

use num_bigint::BigUint;
use rsa::pkcs1::der::SecretDocument;
use zeroize::Zeroize;

use super::{RSA_BLOCK_LEN, RsaPublicKey, to_block};
use crate::CryptoError;
use crate::bignum::Modulus;

/// `p`, `q` (with their Montgomery constants), `dP`, `dQ` and `qInv` of a two-prime key.
#[derive(Clone)]
pub(super) struct CrtKey {
    p: Modulus,
    q: Modulus,
    /// `d mod (p - 1)`, big-endian, padded to the length of `p` (the exponent's length is public).
    dp: Vec<u8>,
    /// `d mod (q - 1)`, big-endian, padded to the length of `q`.
    dq: Vec<u8>,
    /// `q^-1 mod p`.
    q_inv: BigUint,
}

impl Drop for CrtKey {
    fn drop(&mut self) {
        self.dp.zeroize();
        self.dq.zeroize();
    }
}

/// `x` as big-endian bytes, left-padded to `len`.
fn padded(x: &BigUint, len: usize) -> Vec<u8> {
    let bytes = x.to_bytes_be();
    let mut out = vec![0; len.saturating_sub(bytes.len())];
    out.extend_from_slice(&bytes);
    out
}

fn malformed(what: &str) -> CryptoError {
    CryptoError::RsaKey(format!("PKCS#1 CRT values are inconsistent: {what}"))
}

impl CrtKey {
    /// The CRT values of a PKCS#1 PEM private key, checked against its `n` and `d`.
    pub(super) fn from_pkcs1_pem(pem: &str) -> Result<Self, CryptoError> {
        let (_, document) = SecretDocument::from_pem(pem)
            .map_err(|e| CryptoError::RsaKey(format!("not a PEM document: {e}")))?;
        let key = rsa::pkcs1::RsaPrivateKey::try_from(document.as_bytes())
            .map_err(|e| CryptoError::RsaKey(format!("not a PKCS#1 private key: {e}")))?;
        let number = |u: rsa::pkcs1::UintRef<'_>| BigUint::from_bytes_be(u.as_bytes());
        let (n, d) = (number(key.modulus), number(key.private_exponent));
        let (p, q) = (number(key.prime1), number(key.prime2));
        let (dp, dq) = (number(key.exponent1), number(key.exponent2));
        let q_inv = number(key.coefficient);
        let one = BigUint::from(1u32);
        // Checked first: the checks below subtract one from the primes and divide by them.
        if p <= one || q <= one {
            return Err(malformed("a prime is below 2"));
        }
        let checks = [
            (&p * &q == n, "n is not p q"),
            (dp == &d % (&p - 1u32), "exponent1 is not d mod (p - 1)"),
            (dq == &d % (&q - 1u32), "exponent2 is not d mod (q - 1)"),
            ((&q_inv * &q) % &p == one, "coefficient is not q^-1 mod p"),
        ];
        if let Some((_, what)) = checks.iter().find(|(ok, _)| !ok) {
            return Err(malformed(what));
        }
        let p = Modulus::from_biguint(p)?;
        let q = Modulus::from_biguint(q)?;
        Ok(Self {
            dp: padded(&dp, p.byte_len()),
            dq: padded(&dq, q.byte_len()),
            p,
            q,
            q_inv,
        })
    }

    /// `c^d mod n` for a ciphertext `c < n` (big-endian) by the CRT, returned only once it
    /// re-encrypts to `c` under `public` (the key's own public half).
    pub(super) fn decrypt(
        &self,
        c: &[u8],
        public: &RsaPublicKey,
    ) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        let (p, q) = (self.p.value(), self.q.value());
        let m1 = BigUint::from_bytes_be(&self.p.pow(c, &self.dp));
        let m2 = BigUint::from_bytes_be(&self.q.pow(c, &self.dq));
        // h = qInv (m1 - m2) mod p, kept non-negative by adding p before subtracting m2 mod p.
        let h = (&self.q_inv * (m1 + p - (&m2 % p))) % p;
        let m = (m2 + h * q).to_bytes_be();
        if !public.encrypts_to(&m, c) {
            return Err(CryptoError::RsaKey(
                "RSA-CRT result does not re-encrypt to the ciphertext (fault or bad key)".into(),
            ));
        }
        Ok(to_block(&m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};
    use rsa::traits::PrivateKeyParts;

    const SERVER_KEY: &str = include_str!("../../tests/data/test_server_key.pem");

    fn keys() -> (CrtKey, RsaPublicKey, rsa::RsaPrivateKey) {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        let reference = rsa::RsaPrivateKey::from_pkcs1_pem(SERVER_KEY).unwrap();
        let private = super::super::RsaPrivateKey::from_pkcs1_pem(SERVER_KEY).unwrap();
        let crt = CrtKey::from_pkcs1_pem(SERVER_KEY).unwrap();
        (crt, private.public_key().clone(), reference)
    }

    proptest! {
        #![proptest_config(Config {
            cases: 16,
            rng_seed: RngSeed::Fixed(0x0063_7274),
            failure_persistence: None,
            ..Config::default()
        })]

        /// The CRT result equals `c^d mod n` computed the long way by `num-bigint`.
        #[test]
        fn crt_equals_plain_private_exponentiation(c in proptest::collection::vec(any::<u8>(), 1..=256)) {
            let (crt, public, reference) = keys();
            let n = BigUint::from_bytes_be(&public.modulus());
            let c = BigUint::from_bytes_be(&c) % &n;
            let d = BigUint::from_bytes_be(&reference.d().to_bytes_be());
            let want = to_block(&c.modpow(&d, &n).to_bytes_be());
            prop_assert_eq!(crt.decrypt(&c.to_bytes_be(), &public), Ok(want));
        }
    }

    /// A fault in either half (here a flipped bit of dP or dQ, or a wrong qInv) is caught by the
    /// re-encryption check instead of returning a result that would reveal a factor of n.
    #[test]
    fn faults_are_caught_by_re_encryption() {
        let (crt, public, _) = keys();
        let c = public.raw_encrypt(&[0x42; 200]).unwrap();
        assert!(crt.decrypt(&c, &public).is_ok());
        let mut bad_dp = crt.clone();
        bad_dp.dp[100] ^= 1;
        let mut bad_dq = crt.clone();
        bad_dq.dq[127] ^= 2;
        let mut bad_q_inv = crt.clone();
        bad_q_inv.q_inv += 1u32;
        for bad in [bad_dp, bad_dq, bad_q_inv] {
            assert!(matches!(
                bad.decrypt(&c, &public),
                Err(CryptoError::RsaKey(_))
            ));
        }
    }

    /// The stored CRT values must match n and d: a key whose exponent1, exponent2 or
    /// coefficient was altered is refused when loaded (the `rsa` crate ignores those fields).
    #[test]
    fn inconsistent_crt_values_are_refused() {
        use rsa::pkcs1::DecodeRsaPrivateKey;
        use rsa::pkcs1::der::{Encode, pem::LineEnding};
        let (_, document) = SecretDocument::from_pem(SERVER_KEY).unwrap();
        let key = rsa::pkcs1::RsaPrivateKey::try_from(document.as_bytes()).unwrap();
        let plus_one = |u: rsa::pkcs1::UintRef<'_>| {
            (BigUint::from_bytes_be(u.as_bytes()) + 1u32).to_bytes_be()
        };
        let altered = [
            plus_one(key.exponent1),
            plus_one(key.exponent2),
            plus_one(key.coefficient),
        ];
        for (field, value) in altered.iter().enumerate() {
            let mut bad = key.clone();
            let value = rsa::pkcs1::UintRef::new(value).unwrap();
            match field {
                0 => bad.exponent1 = value,
                1 => bad.exponent2 = value,
                _ => bad.coefficient = value,
            }
            let der = bad.to_der().unwrap();
            let pem = rsa::pkcs1::der::pem::encode_string("RSA PRIVATE KEY", LineEnding::LF, &der)
                .unwrap();
            assert!(
                rsa::RsaPrivateKey::from_pkcs1_pem(&pem).is_ok(),
                "the rsa crate accepts it"
            );
            assert!(
                matches!(CrtKey::from_pkcs1_pem(&pem), Err(CryptoError::RsaKey(_))),
                "field {field}"
            );
        }
        assert!(CrtKey::from_pkcs1_pem("junk").is_err());
        // Primes of 0 and 1 are refused before anything divides by them.
        for tiny in [&[0u8][..], &[1]] {
            let mut bad = key.clone();
            bad.prime2 = rsa::pkcs1::UintRef::new(tiny).unwrap();
            let der = bad.to_der().unwrap();
            let pem = rsa::pkcs1::der::pem::encode_string("RSA PRIVATE KEY", LineEnding::LF, &der)
                .unwrap();
            assert!(matches!(
                CrtKey::from_pkcs1_pem(&pem),
                Err(CryptoError::RsaKey(_))
            ));
        }
    }
}
