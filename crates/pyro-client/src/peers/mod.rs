//! The peer cache and `resolve_peer`: ids, usernames, phones, links and marked ids.
