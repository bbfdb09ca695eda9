//! pyro-session (being built).
