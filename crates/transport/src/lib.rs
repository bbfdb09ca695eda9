//! pyro-transport (being built; see the crate's Cargo.toml description).
