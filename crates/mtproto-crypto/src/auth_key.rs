//! The 2048-bit authorization key and the hashes derived from it.

use sha1::{Digest, Sha1};
use zeroize::Zeroize;

/// A 256-byte MTProto authorization key, wiped from memory when dropped.
///
/// Its [`id`](Self::id) (the low 64 bits of SHA-1 of the key) prefixes every encrypted packet;
/// the [`aux_hash`](Self::aux_hash) (the high 64 bits) enters the key exchange's `new_nonce_hash`.
/// `Debug` prints only the id.
///
/// ```
/// use pyro_mtproto_crypto::AuthKey;
///
/// let key = AuthKey::from_bytes([7; 256]);
/// assert!(!format!("{key:?}").contains("0707"));
/// assert_eq!(key.id(), i64::from_le_bytes(key.id_bytes()));
/// ```
#[derive(Clone)]
pub struct AuthKey {
    key: [u8; 256],
    id: [u8; 8],
    aux_hash: [u8; 8],
}

impl AuthKey {
    /// Wraps 256 key bytes (as produced by the key exchange, big-endian `g^ab mod p`).
    pub fn from_bytes(key: [u8; 256]) -> Self {
        let digest: [u8; 20] = Sha1::digest(key).into();
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[12..20]);
        let mut aux_hash = [0u8; 8];
        aux_hash.copy_from_slice(&digest[..8]);
        Self { key, id, aux_hash }
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; 256] {
        &self.key
    }

    /// `auth_key_id`: SHA1(key)[12..20], as the 8 bytes that prefix each packet.
    pub fn id_bytes(&self) -> [u8; 8] {
        self.id
    }

    /// `auth_key_id` as the signed little-endian `long` of the TL schema.
    pub fn id(&self) -> i64 {
        i64::from_le_bytes(self.id)
    }

    /// `auth_key_aux_hash`: SHA1(key)[0..8].
    pub fn aux_hash(&self) -> [u8; 8] {
        self.aux_hash
    }

    /// `new_nonce_hash{number}` = SHA1(new_nonce || number || aux_hash)[4..20]; the server sends
    /// number 1 in `dh_gen_ok`, 2 in `dh_gen_retry` and 3 in `dh_gen_fail`.
    pub fn new_nonce_hash(&self, new_nonce: &[u8; 32], number: u8) -> [u8; 16] {
        let mut hasher = Sha1::new();
        hasher.update(new_nonce);
        hasher.update([number]);
        hasher.update(self.aux_hash);
        let digest: [u8; 20] = hasher.finalize().into();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[4..]);
        out
    }
}

impl Drop for AuthKey {
    fn drop(&mut self) {
        self.key.zeroize();
    }
}

impl core::fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "AuthKey {{ id: {:016x}, .. }}",
            u64::from_le_bytes(self.id)
        )
    }
}

impl PartialEq for AuthKey {
    /// Constant-time comparison of the key bytes.
    fn eq(&self, other: &Self) -> bool {
        crate::ct_eq(&self.key, &other.key)
    }
}

impl Eq for AuthKey {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    pub(crate) fn sequential_key() -> AuthKey {
        AuthKey::from_bytes(core::array::from_fn(|i| i as u8))
    }

    /// Vector B1: grammers `auth_key.rs`, Telethon v2 `auth_key_test.py`, gotd `crypto/key_test.go`.
    #[test]
    fn vector_b1_ids_and_nonce_hashes() {
        let key = sequential_key();
        assert_eq!(key.id_bytes().to_vec(), hex("32d1586ea457dfc8"));
        assert_eq!(key.aux_hash().to_vec(), hex("4916d6bdb7f78e68"));
        let new_nonce: [u8; 32] = core::array::from_fn(|i| i as u8);
        let expected = [
            "c2ced2b33e593a55d27f4a5dabee7c67",
            "f4318e85bd2ff3be84d9fefce3dce39f",
            "4bf9d7b37db413ee431d28517631cb3d",
        ];
        for (number, want) in (1..=3).zip(expected) {
            assert_eq!(key.new_nonce_hash(&new_nonce, number).to_vec(), hex(want));
        }
    }

    #[test]
    fn debug_hides_the_key_and_eq_compares_bytes() {
        let key = sequential_key();
        let shown = format!("{key:?}");
        assert!(shown.contains("32d1586ea457dfc8") || shown.contains("c8df57a46e58d132"));
        assert!(!shown.contains("0001020304"));
        assert_eq!(key, sequential_key());
        assert_ne!(key, AuthKey::from_bytes([0; 256]));
    }
}
