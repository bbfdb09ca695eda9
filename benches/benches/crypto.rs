//! mtproto-crypto benches: the AES-256 latency chain (the hardware limit of IGE), IGE, MTProto 2.0
//! packets, SHA-256 alone, pq factorisation, the SRP 2FA check, modular exponentiation (pyro's
//! against `num-bigint`) and a whole auth-key exchange. The last two are measured in the thread's
//! CPU time (see `ThreadCpuTime`), the others in wall time. Results: `benches/README.md`.
//!
//! `cargo bench -p pyro-benches --no-default-features --features crypto --bench crypto`

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use pyro_benches::{SIZES, pattern};
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
use pyro_mtproto_crypto::factorize::factorize;
use pyro_mtproto_crypto::ige::Aes256Ige;
use pyro_mtproto_crypto::packet::{self, HEADER_LEN, Sender};
use pyro_mtproto_crypto::srp::{SrpParams, check_password};
use sha2::{Digest, Sha256};
use std::hint::black_box;

fn key32(seed: u64) -> [u8; 32] {
    let mut key = [0u8; 32];
    key.copy_from_slice(&pattern(32, seed));
    key
}

/// (a) A dependent chain of AES-256 block encryptions, size/16 blocks: IGE's latency limit.
fn aes_chain(c: &mut Criterion) {
    let cipher = Aes256Ige::new(&key32(1));
    let mut group = c.benchmark_group("aes256_chain");
    for size in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        let mut block = [7u8; 16];
        group.bench_function(size.to_string(), |b| {
            b.iter(|| cipher.encrypt_chain(black_box(&mut block), size / 16));
        });
    }
    group.finish();
}

/// (b) AES-256-IGE in place, both directions (key already expanded).
fn ige(c: &mut Criterion) {
    let cipher = Aes256Ige::new(&key32(2));
    for (name, decrypt) in [("ige_encrypt", false), ("ige_decrypt", true)] {
        let mut group = c.benchmark_group(name);
        for size in SIZES {
            group.throughput(Throughput::Bytes(size as u64));
            let mut data = pattern(size, 3);
            let mut iv = key32(4);
            group.bench_function(size.to_string(), |b| {
                b.iter(|| {
                    let result = if decrypt {
                        cipher.decrypt(&mut iv, black_box(&mut data))
                    } else {
                        cipher.encrypt(&mut iv, black_box(&mut data))
                    };
                    result.ok()
                });
            });
        }
        group.finish();
    }
}

/// A plaintext of `size` bytes with a valid inner header (its length field counts the rest).
fn inner_plaintext(size: usize) -> Vec<u8> {
    let mut plain = pattern(size, 5);
    plain[28..32].copy_from_slice(&((size - 32) as u32).to_le_bytes());
    plain
}

/// (c) MTProto 2.0 packets of `size` bytes of plaintext: encrypt in a reused buffer (hash, key
/// derivation, key expansion, IGE) and decrypt in place (IGE interleaved with the hash).
fn packets(c: &mut Criterion) {
    let mut key_bytes = [0u8; 256];
    key_bytes.copy_from_slice(&pattern(256, 6));
    let key = AuthKey::from_bytes(key_bytes);
    let mut group = c.benchmark_group("packet_encrypt");
    for size in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        let plain = inner_plaintext(size);
        let pad = packet::padding_len(size, 0);
        let padding = pattern(pad, 7);
        let mut buf = Vec::with_capacity(HEADER_LEN + size + 1024);
        group.bench_function(size.to_string(), |b| {
            b.iter(|| {
                buf.clear();
                buf.resize(HEADER_LEN, 0);
                buf.extend_from_slice(&plain);
                packet::encrypt_in_place(&key, Sender::Client, &mut buf, &padding).ok()
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("packet_decrypt");
    for size in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        let plain = inner_plaintext(size);
        let padding = pattern(packet::padding_len(size, 0), 8);
        let sealed = packet::encrypt(&key, Sender::Server, &plain, &padding).ok();
        let sealed = sealed.unwrap_or_default();
        assert!(
            packet::decrypt(&key, Sender::Server, &sealed).is_ok(),
            "bench packet must be valid"
        );
        group.bench_function(size.to_string(), |b| {
            b.iter_batched_ref(
                || sealed.clone(),
                |p| {
                    packet::decrypt_in_place(&key, Sender::Server, p)
                        .map(|plain| plain.len())
                        .ok()
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

/// (d) SHA-256 alone (sha2 with its runtime SHA-NI detection).
fn sha256(c: &mut Criterion) {
    let mut group = c.benchmark_group("sha256");
    for size in SIZES {
        group.throughput(Throughput::Bytes(size as u64));
        let data = pattern(size, 9);
        group.bench_function(size.to_string(), |b| {
            b.iter(|| Sha256::digest(black_box(&data)));
        });
    }
    group.finish();
}

/// pq factorisation: the recorded test-DC pq (C2) and TDLib's 64-bit product (C4).
fn pq(c: &mut Criterion) {
    let mut group = c.benchmark_group("pq_factorize");
    for (name, pq) in [
        ("c2_test_dc", 0x1954_6f94_2a11_278d_u64),
        ("tdlib_64bit", 0xfff0_bea2_3027_8ff7),
    ] {
        group.bench_function(name, |b| b.iter(|| factorize(black_box(pq))));
    }
    group.finish();
}

/// The 2FA SRP check at real size (PBKDF2-HMAC-SHA512 with 100 000 rounds and three 2048-bit
/// modular exponentiations).
fn srp(c: &mut Criterion) {
    let mut g_b = [0u8; 256];
    g_b.copy_from_slice(&pattern(256, 10));
    g_b[0] = 0x10; // below p
    let mut a = [0u8; 256];
    a.copy_from_slice(&pattern(256, 11));
    let (salt1, salt2) = (pattern(40, 12), pattern(16, 13));
    let params = SrpParams {
        salt1: &salt1,
        salt2: &salt2,
        g: 3,
        p: &TELEGRAM_DH_PRIME,
    };
    let mut group = c.benchmark_group("srp");
    group.sample_size(10);
    group.bench_function("check_password", |b| {
        b.iter(|| check_password(black_box(b"hunter2"), &params, &g_b, 1, &a).ok());
    });
    group.finish();
}

/// The CPU time of the benchmarking thread (`/proc/thread-self/schedstat`, nanoseconds on the
/// CPU), for the big-number groups: on a shared machine the wall time of a 20 ms computation
/// mostly measures how long other processes held the core, while the thread's CPU time is the
/// work itself. The kernel updates that counter at scheduler ticks (a few ms), so the groups that
/// use it take few, long samples (`sample_size(10)`, each hundreds of ms) to keep the error per
/// sample near 1 %. Reported in the same units as wall time; where the file is missing (not
/// Linux) every reading is zero and the figures are meaningless.
struct ThreadCpuTime {
    wall: WallTime,
}

impl ThreadCpuTime {
    fn now_ns() -> u64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = std::time::Duration;

    fn start(&self) -> u64 {
        Self::now_ns()
    }
    fn end(&self, start: u64) -> Self::Value {
        std::time::Duration::from_nanos(Self::now_ns().saturating_sub(start))
    }
    fn add(&self, v1: &Self::Value, v2: &Self::Value) -> Self::Value {
        *v1 + *v2
    }
    fn zero(&self) -> Self::Value {
        std::time::Duration::ZERO
    }
    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_secs_f64() * 1e9
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// 2048-bit modular exponentiation with a 2048-bit exponent (a DH step) and 1024-bit with a
/// 1024-bit exponent (one RSA-CRT half): pyro's Montgomery code against `num-bigint`'s `modpow`
/// on the same numbers, plus the public-exponent form with e = 65537 (RSA encryption) and the
/// small-base form `g^e` with g = 3 (the client's `g_b`) against `pow` with the same base.
fn modpow(c: &mut Criterion<ThreadCpuTime>) {
    use num_bigint::BigUint;
    use pyro_mtproto_crypto::bignum::Modulus;

    let mut half = pattern(128, 18);
    half[0] |= 0x80;
    half[127] |= 1;
    let cases = [("2048", TELEGRAM_DH_PRIME.to_vec()), ("1024", half)];
    let mut group = c.benchmark_group("modpow");
    group.sample_size(10);
    for (bits, modulus) in cases {
        let len = modulus.len();
        let base = pattern(len, 19);
        let exponent = pattern(len, 20);
        let Ok(ours) = Modulus::new(&modulus) else {
            return;
        };
        let (m, b, e) = (
            BigUint::from_bytes_be(&modulus),
            BigUint::from_bytes_be(&base),
            BigUint::from_bytes_be(&exponent),
        );
        assert_eq!(
            BigUint::from_bytes_be(&ours.pow(&base, &exponent)),
            b.modpow(&e, &m),
            "the two implementations must agree"
        );
        group.bench_function(format!("pyro_{bits}"), |bench| {
            bench.iter(|| ours.pow(black_box(&base), black_box(&exponent)));
        });
        group.bench_function(format!("num_bigint_{bits}"), |bench| {
            bench.iter(|| black_box(&b).modpow(black_box(&e), &m));
        });
        group.bench_function(format!("pyro_public_e65537_{bits}"), |bench| {
            bench.iter(|| ours.pow_public(black_box(&base), &[1, 0, 1]));
        });
        // g^b of the key exchange: a one-limb base (g = 3) with a full-length secret exponent.
        assert_eq!(ours.pow_small_base(3, &exponent), ours.pow(&[3], &exponent));
        group.bench_function(format!("pyro_small_base_g3_{bits}"), |bench| {
            bench.iter(|| ours.pow_small_base(3, black_box(&exponent)));
        });
        group.bench_function(format!("pyro_g3_general_{bits}"), |bench| {
            bench.iter(|| ours.pow(&[3], black_box(&exponent)));
        });
    }
    group.finish();
}

/// One whole auth-key exchange, client and server typestates in memory (RSA_PAD, the test-only
/// fixture key): with the server's DH secret precomputed outside the timed loop (as a test DC
/// keeps a pool) and with `g_a` computed inside it.
fn key_exchange(c: &mut Criterion<ThreadCpuTime>) {
    use pyro_mtproto_crypto::handshake::{
        ClientDhOutcome, ClientOptions, ClientStep1, PqPair, STEP2_RANDOM, STEP3_RANDOM,
        ServerDhSecret, ServerStart,
    };
    use pyro_mtproto_crypto::rsa::RsaPrivateKey;

    let pem = include_str!("../../crates/mtproto-crypto/tests/data/test_server_key.pem");
    let Ok(server_key) = RsaPrivateKey::from_pkcs1_pem(pem) else {
        return;
    };
    let keys = [server_key.clone()];
    let known = [server_key.public_key().clone()];
    let mut a = [0u8; 256];
    a.copy_from_slice(&pattern(256, 14));
    let mut step2 = [0u8; STEP2_RANDOM];
    step2.copy_from_slice(&pattern(STEP2_RANDOM, 15));
    let mut step3 = [0u8; STEP3_RANDOM];
    step3.copy_from_slice(&pattern(STEP3_RANDOM, 16));
    let exchange = |secret: &ServerDhSecret| -> Option<i64> {
        let (req_pq, client) = ClientStep1::new(ClientOptions::permanent(2)).start([1; 16]);
        let (res_pq, server) = ServerStart::new([2; 16], PqPair::known(0))
            .handle(&req_pq, &keys)
            .ok()?;
        let (req_dh, client) = client.handle(&res_pq, &step2, &known).ok()?;
        let (dh_params, server) = server
            .handle(&req_dh, &keys, secret, 1_700_000_000, &[3; 16])
            .ok()?;
        let (set_dh, client) = client.handle(&dh_params, &step3, 1_700_000_000).ok()?;
        let client = client.compute_key();
        let (dh_gen, _) = server.handle(&set_dh).ok()?.accept();
        match client.handle(&dh_gen).ok()? {
            ClientDhOutcome::Done(done) => Some(done.auth_key.id()),
            ClientDhOutcome::Retry(_) => None,
        }
    };
    let Ok(precomputed) = ServerDhSecret::new(&a) else {
        return;
    };
    assert!(
        exchange(&precomputed).is_some(),
        "bench exchange must complete"
    );
    let mut group = c.benchmark_group("key_exchange");
    group.sample_size(10);
    group.bench_function("precomputed_server_secret", |b| {
        b.iter(|| exchange(black_box(&precomputed)));
    });
    group.bench_function("fresh_server_secret", |b| {
        b.iter(|| {
            ServerDhSecret::new(black_box(&a))
                .ok()
                .and_then(|s| exchange(&s))
        });
    });
    group.bench_function("server_secret_alone", |b| {
        b.iter(|| ServerDhSecret::new(black_box(&a)).is_ok());
    });
    group.finish();
}

criterion_group!(benches, aes_chain, ige, packets, sha256, pq, srp);
criterion_group! {
    name = big_numbers;
    config = Criterion::default().with_measurement(ThreadCpuTime { wall: WallTime });
    targets = modpow, key_exchange
}
criterion_main!(benches, big_numbers);
