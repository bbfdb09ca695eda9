//! pyro-mtproto-crypto (being built; see the crate's Cargo.toml description).
