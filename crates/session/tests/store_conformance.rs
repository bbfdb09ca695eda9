//! Both stores against the one conformance suite (`conformance/`), each test on a fresh store.

mod conformance;

mod memory {
    use std::sync::Arc;

    use pyro_session::{MemoryStore, SessionStore};

    use crate::conformance;

    crate::conformance_suite!(((), Arc::new(MemoryStore::new()) as Arc<dyn SessionStore>));
}

mod sqlite {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use pyro_session::{SessionStore, SqliteStore};
    use tempfile::TempDir;

    use crate::conformance;

    /// A fresh store in its own temporary directory.
    fn fresh() -> (TempDir, Arc<dyn SessionStore>) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("test.session")).unwrap();
        (dir, Arc::new(store))
    }

    crate::conformance_suite!(fresh());
}
