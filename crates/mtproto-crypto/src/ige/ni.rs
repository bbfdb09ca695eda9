//! The AES-NI path: AES-256 key expansion and IGE with every round key held in registers.
//!
//! # Why this module uses `unsafe`
//!
//! IGE is sequential: each block's input depends on the previous block's output, so its speed is
//! bounded by the latency of one AES-256 encryption per block (14 dependent `aesenc` rounds). The
//! `aes` crate processes one block per call, reloading its backend and round keys each time, which
//! costs a large fraction of that latency. Reaching the hardware limit needs a loop compiled with
//! the `aes` target feature that keeps the round keys in registers across blocks. Such functions
//! are written with `core::arch::x86_64` intrinsics under `#[target_feature(enable = "aes,sse2")]`
//! and are selected at runtime with `is_x86_feature_detected!` (no `-C target-cpu=native`).
//!
//! The `unsafe` here is of two kinds, each with a `SAFETY` note: calling a `#[target_feature]`
//! function (sound because a [`RoundKeys`] value can only be built after the runtime check
//! succeeded) and unaligned 16-byte loads and stores through pointers derived from `&[u8; 16]`
//! references (sound because the references are valid for exactly 16 bytes). The module is tested
//! block-for-block against the portable path (`super::portable`).
#![allow(unsafe_code)]

use core::arch::x86_64::{
    __m128i, _mm_aesdec_si128, _mm_aesdeclast_si128, _mm_aesenc_si128, _mm_aesenclast_si128,
    _mm_aesimc_si128, _mm_aeskeygenassist_si128, _mm_loadu_si128, _mm_shuffle_epi32,
    _mm_slli_si128, _mm_storeu_si128, _mm_xor_si128,
};

use zeroize::Zeroize;

/// Expanded AES-256 round keys, encryption and decryption (the latter through `aesimc`).
///
/// Holding one proves that the CPU has AES-NI: [`RoundKeys::new`] is the only constructor.
#[derive(Clone)]
pub(crate) struct RoundKeys {
    enc: [[u8; 16]; 15],
    dec: [[u8; 16]; 15],
}

impl RoundKeys {
    /// Expands `key`, or `None` when the CPU lacks AES-NI.
    pub(crate) fn new(key: &[u8; 32]) -> Option<Self> {
        if !(std::arch::is_x86_feature_detected!("aes")
            && std::arch::is_x86_feature_detected!("sse2"))
        {
            return None;
        }
        let mut keys = Self {
            enc: [[0; 16]; 15],
            dec: [[0; 16]; 15],
        };
        // SAFETY: AES-NI and SSE2 were detected just above.
        unsafe { expand(key, &mut keys) };
        Some(keys)
    }

    /// IGE-encrypts whole 16-byte blocks of `data` in place, carrying `iv` forward.
    pub(crate) fn ige_encrypt(&self, iv: &mut [u8; 32], data: &mut [u8]) {
        // SAFETY: `self` exists, so the CPU features were detected (see `new`).
        unsafe { ige_encrypt(self, iv, data) }
    }

    /// IGE-decrypts whole 16-byte blocks of `data` in place, carrying `iv` forward.
    pub(crate) fn ige_decrypt(&self, iv: &mut [u8; 32], data: &mut [u8]) {
        // SAFETY: as in `ige_encrypt`.
        unsafe { ige_decrypt(self, iv, data) }
    }

    /// Encrypts `block` `count` times in a dependent chain.
    pub(crate) fn chain(&self, block: &mut [u8; 16], count: usize) {
        // SAFETY: as in `ige_encrypt`.
        unsafe { chain(self, block, count) }
    }
}

impl Drop for RoundKeys {
    fn drop(&mut self) {
        self.enc.zeroize();
        self.dec.zeroize();
    }
}

#[inline(always)]
fn load(bytes: &[u8; 16]) -> __m128i {
    // SAFETY: `bytes` is valid for 16 bytes of reads; the load is unaligned; SSE2 is baseline.
    unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
}

#[inline(always)]
fn store(bytes: &mut [u8; 16], value: __m128i) {
    // SAFETY: `bytes` is valid for 16 bytes of writes; the store is unaligned; SSE2 is baseline.
    unsafe { _mm_storeu_si128(bytes.as_mut_ptr().cast(), value) }
}

#[inline(always)]
fn load_all(keys: &[[u8; 16]; 15]) -> [__m128i; 15] {
    let mut out = [load(&[0; 16]); 15];
    for (o, k) in out.iter_mut().zip(keys) {
        *o = load(k);
    }
    out
}

/// XORs `w` with itself shifted left by 4, 8 and 12 bytes (the running XOR of a key-schedule row).
#[inline]
#[target_feature(enable = "aes,sse2")]
fn spread(w: __m128i) -> __m128i {
    let mut w = w;
    let mut t = _mm_slli_si128::<4>(w);
    w = _mm_xor_si128(w, t);
    t = _mm_slli_si128::<4>(t);
    w = _mm_xor_si128(w, t);
    t = _mm_slli_si128::<4>(t);
    _mm_xor_si128(w, t)
}

/// FIPS-197 AES-256 key expansion with `aeskeygenassist`, then `aesimc` for the decryption keys.
#[target_feature(enable = "aes,sse2")]
fn expand(key: &[u8; 32], out: &mut RoundKeys) {
    let (halves, _) = key.as_chunks::<16>();
    let mut rk = [load(&[0; 16]); 15];
    let mut even = load(&halves[0]);
    let mut odd = load(&halves[1]);
    rk[0] = even;
    rk[1] = odd;
    macro_rules! round {
        ($rcon:literal, $i:literal) => {
            let assist = _mm_shuffle_epi32::<0xff>(_mm_aeskeygenassist_si128::<$rcon>(odd));
            even = _mm_xor_si128(spread(even), assist);
            rk[$i] = even;
        };
        ($rcon:literal, $i:literal, $j:literal) => {
            round!($rcon, $i);
            let assist = _mm_shuffle_epi32::<0xaa>(_mm_aeskeygenassist_si128::<0>(even));
            odd = _mm_xor_si128(spread(odd), assist);
            rk[$j] = odd;
        };
    }
    round!(0x01, 2, 3);
    round!(0x02, 4, 5);
    round!(0x04, 6, 7);
    round!(0x08, 8, 9);
    round!(0x10, 10, 11);
    round!(0x20, 12, 13);
    round!(0x40, 14);
    for (i, k) in rk.iter().enumerate() {
        store(&mut out.enc[i], *k);
        let dec = if i == 0 || i == 14 {
            rk[14 - i]
        } else {
            _mm_aesimc_si128(rk[14 - i])
        };
        store(&mut out.dec[i], dec);
    }
}

/// IGE encryption: `c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}`. The `^ p_{i-1}` is folded into the last
/// round key and `p_i ^ rk0` is computed off the chain, so the dependent path per block is one XOR
/// plus the 14 AES rounds.
#[target_feature(enable = "aes,sse2")]
fn ige_encrypt(keys: &RoundKeys, iv: &mut [u8; 32], data: &mut [u8]) {
    let rk = load_all(&keys.enc);
    let (iv_halves, _) = iv.as_chunks_mut::<16>();
    let mut c_prev = load(&iv_halves[0]);
    let mut p_prev = load(&iv_halves[1]);
    let (blocks, _) = data.as_chunks_mut::<16>();
    for block in blocks {
        let p = load(block);
        let mut s = _mm_xor_si128(c_prev, _mm_xor_si128(p, rk[0]));
        for k in &rk[1..14] {
            s = _mm_aesenc_si128(s, *k);
        }
        let c = _mm_aesenclast_si128(s, _mm_xor_si128(rk[14], p_prev));
        store(block, c);
        c_prev = c;
        p_prev = p;
    }
    store(&mut iv_halves[0], c_prev);
    store(&mut iv_halves[1], p_prev);
}

/// IGE decryption: `p_i = D(c_i ^ p_{i-1}) ^ c_{i-1}`, folded like [`ige_encrypt`].
#[target_feature(enable = "aes,sse2")]
fn ige_decrypt(keys: &RoundKeys, iv: &mut [u8; 32], data: &mut [u8]) {
    let rk = load_all(&keys.dec);
    let (iv_halves, _) = iv.as_chunks_mut::<16>();
    let mut c_prev = load(&iv_halves[0]);
    let mut p_prev = load(&iv_halves[1]);
    let (blocks, _) = data.as_chunks_mut::<16>();
    for block in blocks {
        let c = load(block);
        let mut s = _mm_xor_si128(p_prev, _mm_xor_si128(c, rk[0]));
        for k in &rk[1..14] {
            s = _mm_aesdec_si128(s, *k);
        }
        let p = _mm_aesdeclast_si128(s, _mm_xor_si128(rk[14], c_prev));
        store(block, p);
        c_prev = c;
        p_prev = p;
    }
    store(&mut iv_halves[0], c_prev);
    store(&mut iv_halves[1], p_prev);
}

/// `count` dependent AES-256 encryptions of `block`: the latency limit IGE is measured against.
/// The XOR with round key 0 is folded into the last round key, so each step is exactly the
/// 14 dependent AES rounds.
#[target_feature(enable = "aes,sse2")]
fn chain(keys: &RoundKeys, block: &mut [u8; 16], count: usize) {
    let rk = load_all(&keys.enc);
    let last = _mm_xor_si128(rk[14], rk[0]);
    let mut s = _mm_xor_si128(load(block), rk[0]);
    for _ in 0..count {
        for k in &rk[1..14] {
            s = _mm_aesenc_si128(s, *k);
        }
        s = _mm_aesenclast_si128(s, last);
    }
    store(block, _mm_xor_si128(s, rk[0]));
}
