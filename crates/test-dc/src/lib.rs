//! pyro-test-dc (being built): a local MTProto server over an in-memory Telegram.
