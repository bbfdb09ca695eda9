//! The portable IGE path over the `aes` crate's block API (used when AES-NI is absent, and as the
//! reference the AES-NI path is tested against). Generic over the block cipher so AES-128 can be
//! wired in to check the mode against OpenSSL's AES-128-IGE vectors (A3).

use aes::cipher::consts::U16;
use aes::cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser};

/// XORs `b` into `a`.
fn xor_into(a: &mut [u8; 16], b: &[u8; 16]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x ^= y;
    }
}

/// Splits a 32-byte IGE IV into (previous ciphertext, previous plaintext).
pub(crate) fn split_iv(iv: &[u8; 32]) -> ([u8; 16], [u8; 16]) {
    let mut c = [0u8; 16];
    let mut p = [0u8; 16];
    c.copy_from_slice(&iv[..16]);
    p.copy_from_slice(&iv[16..]);
    (c, p)
}

/// Joins (previous ciphertext, previous plaintext) back into an IV.
pub(crate) fn join_iv(iv: &mut [u8; 32], c: &[u8; 16], p: &[u8; 16]) {
    iv[..16].copy_from_slice(c);
    iv[16..].copy_from_slice(p);
}

/// IGE-encrypts whole blocks of `data` in place, updating `iv` to continue the stream.
/// `data.len()` is a multiple of 16 (checked by the caller; a trailing partial block is ignored).
pub(crate) fn encrypt<C>(cipher: &C, iv: &mut [u8; 32], data: &mut [u8])
where
    C: BlockCipherEncrypt + BlockSizeUser<BlockSize = U16>,
{
    let (mut c_prev, mut p_prev) = split_iv(iv);
    for chunk in data.chunks_exact_mut(16) {
        let mut p = [0u8; 16];
        p.copy_from_slice(chunk);
        let mut x = p;
        xor_into(&mut x, &c_prev);
        let mut block = Array::from(x);
        cipher.encrypt_block(&mut block);
        let mut c: [u8; 16] = block.into();
        xor_into(&mut c, &p_prev);
        chunk.copy_from_slice(&c);
        c_prev = c;
        p_prev = p;
    }
    join_iv(iv, &c_prev, &p_prev);
}

/// IGE-decrypts whole blocks of `data` in place, updating `iv` to continue the stream.
pub(crate) fn decrypt<C>(cipher: &C, iv: &mut [u8; 32], data: &mut [u8])
where
    C: BlockCipherDecrypt + BlockSizeUser<BlockSize = U16>,
{
    let (mut c_prev, mut p_prev) = split_iv(iv);
    for chunk in data.chunks_exact_mut(16) {
        let mut c = [0u8; 16];
        c.copy_from_slice(chunk);
        let mut x = c;
        xor_into(&mut x, &p_prev);
        let mut block = Array::from(x);
        cipher.decrypt_block(&mut block);
        let mut p: [u8; 16] = block.into();
        xor_into(&mut p, &c_prev);
        chunk.copy_from_slice(&p);
        c_prev = c;
        p_prev = p;
    }
    join_iv(iv, &c_prev, &p_prev);
}

/// Encrypts `block` `count` times in a dependent chain (the latency baseline).
pub(crate) fn chain<C>(cipher: &C, block: &mut [u8; 16], count: usize)
where
    C: BlockCipherEncrypt + BlockSizeUser<BlockSize = U16>,
{
    let mut b = Array::from(*block);
    for _ in 0..count {
        cipher.encrypt_block(&mut b);
    }
    *block = b.into();
}
