//! Feeds arbitrary text, and the base64 of arbitrary bytes (so that most inputs get past the
//! alphabet check), to the `file_id` and `file_unique_id` decoders. Asserts: no decoder panics;
//! every id that decodes re-encodes to the identical text; every unique id it yields, and every
//! unique id that decodes, round-trips too; asking for its input locations never panics.

#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;
use pyro_client::file_id::{FileId, FileUniqueId};

fn check(text: &str) {
    if let Ok(id) = FileId::decode(text) {
        assert_eq!(id.encode().as_deref(), Ok(text), "decoded id re-encodes differently");
        if let Ok(unique) = id.unique_id() {
            assert_eq!(FileUniqueId::decode(&unique.encode()).as_ref(), Ok(&unique));
        }
        let _ = id.to_input_location();
        let _ = id.to_input_document();
        let _ = id.to_input_photo();
    }
    if let Ok(unique) = FileUniqueId::decode(text) {
        assert_eq!(FileUniqueId::decode(&unique.encode()).as_ref(), Ok(&unique));
    }
}

fuzz_target!(|data: &[u8]| {
    check(&String::from_utf8_lossy(data));
    check(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data));
});
