//! Key derivation for packet encryption: MTProto 2.0 (SHA-256) and MTProto 1.0 (SHA-1, still
//! used for the inner message of `auth.bindTempAuthKey`).

use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::AuthKey;

/// Who encrypted a packet; selects the `x` offset into the auth key (0 for the client, 8 for
/// the server) in msg_key and key derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sender {
    /// Client to server: `x = 0`.
    Client,
    /// Server to client: `x = 8`.
    Server,
}

impl Sender {
    /// The offset `x` of the MTProto specification.
    pub fn x(self) -> usize {
        match self {
            Self::Client => 0,
            Self::Server => 8,
        }
    }
}

fn digest<D: Digest>(parts: &[&[u8]]) -> sha2::digest::Output<D> {
    let mut hasher = D::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize()
}

/// The part of the auth key that prefixes the plaintext in the MTProto 2.0 msg_key hash:
/// `auth_key[88 + x .. 120 + x]`.
pub(crate) fn msg_key_prefix(auth_key: &AuthKey, sender: Sender) -> &[u8] {
    let x = sender.x();
    &auth_key.as_bytes()[88 + x..120 + x]
}

/// MTProto 2.0 msg_key of a padded plaintext: `SHA-256(auth_key[88+x..120+x] || plaintext)[8..24]`.
pub fn msg_key_v2(auth_key: &AuthKey, sender: Sender, padded_plaintext: &[u8]) -> [u8; 16] {
    let full = digest::<Sha256>(&[msg_key_prefix(auth_key, sender), padded_plaintext]);
    middle_16(&full)
}

/// `hash[8..24]`, the msg_key part of a SHA-256 digest.
pub(crate) fn middle_16(hash: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&hash[8..24]);
    out
}

/// MTProto 2.0 `(aes_key, aes_iv)` for a msg_key:
/// `a = SHA256(msg_key || auth_key[x..x+36])`, `b = SHA256(auth_key[40+x..76+x] || msg_key)`,
/// key = `a[0..8] || b[8..24] || a[24..32]`, iv = `b[0..8] || a[8..24] || b[24..32]`.
pub fn kdf_v2(auth_key: &AuthKey, sender: Sender, msg_key: &[u8; 16]) -> ([u8; 32], [u8; 32]) {
    let (k, x) = (auth_key.as_bytes(), sender.x());
    let a = digest::<Sha256>(&[msg_key, &k[x..x + 36]]);
    let b = digest::<Sha256>(&[&k[40 + x..76 + x], msg_key]);
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&a[..8]);
    key[8..24].copy_from_slice(&b[8..24]);
    key[24..].copy_from_slice(&a[24..]);
    let mut iv = [0u8; 32];
    iv[..8].copy_from_slice(&b[..8]);
    iv[8..24].copy_from_slice(&a[8..24]);
    iv[24..].copy_from_slice(&b[24..]);
    (key, iv)
}

/// MTProto 1.0 msg_key: `SHA1(plaintext)[4..20]` over the plaintext *without* padding.
pub fn msg_key_v1(plaintext: &[u8]) -> [u8; 16] {
    let full = digest::<Sha1>(&[plaintext]);
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[4..20]);
    out
}

/// MTProto 1.0 `(aes_key, aes_iv)` for a msg_key (SHA-1 based, four hashes).
pub fn kdf_v1(auth_key: &AuthKey, sender: Sender, msg_key: &[u8; 16]) -> ([u8; 32], [u8; 32]) {
    let (k, x) = (auth_key.as_bytes(), sender.x());
    let a = digest::<Sha1>(&[msg_key, &k[x..x + 32]]);
    let b = digest::<Sha1>(&[&k[32 + x..48 + x], msg_key, &k[48 + x..64 + x]]);
    let c = digest::<Sha1>(&[&k[64 + x..96 + x], msg_key]);
    let d = digest::<Sha1>(&[msg_key, &k[96 + x..128 + x]]);
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&a[..8]);
    key[8..20].copy_from_slice(&b[8..20]);
    key[20..].copy_from_slice(&c[4..16]);
    let mut iv = [0u8; 32];
    iv[..12].copy_from_slice(&a[8..20]);
    iv[12..20].copy_from_slice(&b[..8]);
    iv[20..24].copy_from_slice(&c[16..20]);
    iv[24..].copy_from_slice(&d[..8]);
    (key, iv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;

    fn sequential_key() -> AuthKey {
        AuthKey::from_bytes(core::array::from_fn(|i| i as u8))
    }

    const MSG_KEY: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

    /// Vector B2: grammers `calc_client_key` / `calc_server_key`, Telethon v2, gotd `TestCalcKey`.
    #[test]
    fn vector_b2_kdf_v2_both_directions() {
        let key = sequential_key();
        let (k, iv) = kdf_v2(&key, Sender::Client, &MSG_KEY);
        assert_eq!(
            k.to_vec(),
            hex("704ed09c8b41668ae8f99d244738f71dbddc44469b6bbd4aa8573dd042bd059e")
        );
        assert_eq!(
            iv.to_vec(),
            hex("4d266000a550edabbf4c7ce40fd0043cc92230184cd317a5cc9c2482fd3b9318")
        );
        let (k, iv) = kdf_v2(&key, Sender::Server, &MSG_KEY);
        assert_eq!(
            k.to_vec(),
            hex("217725799b245806458174a1fcfbc883906807b15033fdd0ea2b4d69cf9c364e")
        );
        assert_eq!(
            iv.to_vec(),
            hex("669a6538917a4fa56ca32360a431c9160be4ad887140980dab91ce7bdc47ffbc")
        );
    }

    /// Vector B6: gotd `crypto/kdf_v1_test.go` (MTProto 1.0 KDF and msg_key).
    #[test]
    fn vector_b6_kdf_v1_and_msg_key_v1() {
        let (k, iv) = kdf_v1(&sequential_key(), Sender::Client, &MSG_KEY);
        assert_eq!(
            k.to_vec(),
            hex("17d7295ca9213d1ab656acdb1ad48b2ea7f3a8f7095098d5508b900bbd5fccfc")
        );
        assert_eq!(
            iv.to_vec(),
            hex("2d7d16a65a84108e9805656caa474501cc580aa2edc33abfd0bfad785464d1c6")
        );
        assert_eq!(
            msg_key_v1(b"bind-message-test-payload").to_vec(),
            hex("fc11a3669566de22b87f66550dc3de6d")
        );
    }
}
