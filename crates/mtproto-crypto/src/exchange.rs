//! Key-exchange primitives that need no TL types: the temporary AES key and IV that protect
//! `server_DH_params_ok`/`set_client_DH_params`, and the first server salt.
//!
//! The typestate machines of the exchange (in the `handshake` layer) call these with the nonces
//! they hold; all inputs are plain bytes.

use sha1::{Digest, Sha1};

fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// `(tmp_aes_key, tmp_aes_iv)` from the nonces (core.telegram.org/mtproto/auth_key, step 5):
/// key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0..12];
/// iv = SHA1(server_nonce + new_nonce)[12..20] + SHA1(new_nonce + new_nonce) + new_nonce[0..4].
pub fn tmp_aes_key_iv(server_nonce: &[u8; 16], new_nonce: &[u8; 32]) -> ([u8; 32], [u8; 32]) {
    let ns = sha1(&[new_nonce, server_nonce]);
    let sn = sha1(&[server_nonce, new_nonce]);
    let nn = sha1(&[new_nonce, new_nonce]);
    let mut key = [0u8; 32];
    key[..20].copy_from_slice(&ns);
    key[20..].copy_from_slice(&sn[..12]);
    let mut iv = [0u8; 32];
    iv[..8].copy_from_slice(&sn[12..]);
    iv[8..28].copy_from_slice(&nn);
    iv[28..].copy_from_slice(&new_nonce[..4]);
    (key, iv)
}

/// The first server salt after a key exchange: `new_nonce[0..8] XOR server_nonce[0..8]`, read as
/// a little-endian `long`.
pub fn first_salt(server_nonce: &[u8; 16], new_nonce: &[u8; 32]) -> i64 {
    let mut salt = [0u8; 8];
    for (i, s) in salt.iter_mut().enumerate() {
        *s = new_nonce[i] ^ server_nonce[i];
    }
    i64::from_le_bytes(salt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AuthKey;
    use crate::test_util::hex;

    fn arr<const N: usize>(s: &str) -> [u8; N] {
        hex(s).try_into().unwrap()
    }

    /// Vector B5: grammers `key_from_nonce`, Telethon v2 `test_key_from_nonce`, and the second
    /// vector from Telethon v1 (2018) `test_generate_key_data_from_nonce`.
    #[test]
    fn vector_b5_tmp_aes_key_and_iv() {
        let cases = [
            (
                "000102030405060708090a0b0c0d0e0f",
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "0758f1533b615d24f6e8a94a6fcbee0a55eaab2217d7295ca9213d1a2d7d16a6",
                "5a84108e9805656ce864070e166e6218f6783e8511471a5ab7802cf200010203",
            ),
            (
                "5468652031362d626974206e6f6e6365",
                "546865206e65772c2063616c63756c617465642033322d626974206e6f6e6365",
                "2faa7fa1fc73efa0997a68034da48eb4ab0e455d62957cfec0f81fd4a0d4ec91",
                "f7aee3c82b3dc2b8d1e11b0e10079f6e9edc963005f9eaee8ba1682054686520",
            ),
        ];
        for (sn, nn, key, iv) in cases {
            let (k, i) = tmp_aes_key_iv(&arr(sn), &arr(nn));
            assert_eq!((k.to_vec(), i.to_vec()), (hex(key), hex(iv)));
        }
    }

    /// Vector C2 (grammers `emulate_successful_auth_key_gen_flow`, Telegram test DC 2): the first
    /// salt from new_nonce = step2_random[0..32] and the server nonce of resPQ, and the id of the
    /// resulting auth key.
    #[test]
    fn vector_c2_first_salt_and_key_id() {
        let new_nonce = arr("b9dce68b05ef760fa7edfefeff45aaa8afbac11dc3d333bc3132fd16ab816d63");
        let server_nonce = arr("65ba0b393e1094329eda2c42d6283303");
        assert_eq!(
            first_salt(&server_nonce, &new_nonce),
            4_459_407_212_920_268_508
        );
        let key = AuthKey::from_bytes(arr(concat!(
            "7582e48ad36cd6eef7944ac9bd7027de9ee3202543b68850ac01e1221350f7174e6c3771c9d86b3075f777539c23d053e9da9a1510d49e8fa0ad76a016ce28bf",
            "e3543dde69959bc682dab762b95a36629a8438e65baa53cc79b551c23d555c7675a36f4ece90882ece497d28a903409b780a8a80516cb0f8534fee3a67530beb",
            "2b1929626e07c2a052c4870b18b0a626606ca05cb13668a65aee3fa32cbebf1b3a56532138cb22c017cac44a292021902eea9b9f906c6be19c9203c7bb3ebc5f",
            "1b2044d0a90cb008f7248c3ae4449e0895b6090abb04c24131c2948bd27d879ecb934e50a46671f987653385ab388e4fa1ddd4c95743111e08bf11fef1f8f739"
        )));
        assert_eq!(key.id_bytes().to_vec(), hex("9cfd4a95546f4614"));
    }
}
