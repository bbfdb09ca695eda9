//! Telegram's server RSA public keys (facts, with their sources).
//!
//! Both keys appear, as decimal moduli with e = 65537, in grammers
//! `grammers-mtproto/src/authentication.rs` (`key_for_fingerprint`) and Telethon v2
//! `telethon/_impl/crypto/rsa.py` (`PRODUCTION_RSA_KEY`, `TESTMODE_RSA_KEY`); the production PEM
//! is the one Telegram Desktop embeds. The PEMs below were re-encoded from those moduli with
//! Python `cryptography` and their fingerprints recomputed (VECTORS.md C3/H). The older keys that
//! Telethon 1.45.0 (`telethon/crypto/rsa.py`) and kurigram 2.2.26 (`pyrogram/crypto/rsa.py`)
//! ship (fingerprints 847625836280919973, -4344800451088585951, ...) are not these two: those
//! packages carry neither the current production key nor the test-DC key.

/// Production key, fingerprint -3414540481677951611 (`85fd64de851d9dd0`).
pub const PRODUCTION_KEY_PEM: &str = "-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
-----END RSA PUBLIC KEY-----
";

/// Test-DC key, fingerprint -5595554452916591101 (n = 25342889...32949, e = 65537).
pub const TEST_KEY_PEM: &str = "-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR
yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv
plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/
j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1
aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO
j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB
-----END RSA PUBLIC KEY-----
";
