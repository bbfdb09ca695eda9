//! pyro-tl-types (being built; see the crate's Cargo.toml description).
