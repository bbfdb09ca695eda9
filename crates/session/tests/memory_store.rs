//! The in-memory store against the conformance suite.

mod conformance;

use std::sync::Arc;

use pyro_session::{MemoryStore, SessionStore};

conformance_suite!(((), Arc::new(MemoryStore::new()) as Arc<dyn SessionStore>));
