//! Feeds arbitrary first bytes of a connection to the server's codec detector (with and without
//! an MTProxy secret, chosen by the first byte), then whatever follows to the detected codec.
//! Asserts: no panic; detection consumes no more than it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_transport::{Detector, DetectorConfig, RecvBuffer};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, stream)) = data.split_first() else {
        return;
    };
    let config = DetectorConfig {
        secret: (pick & 1 == 1).then_some([pick; 16]),
        allow_plain: pick & 2 == 0,
        ..DetectorConfig::default()
    };
    let mut input = RecvBuffer::from_vec(stream.to_vec());
    if let Ok(Some(mut detected)) = Detector::new(config, 0).detect(&mut input) {
        assert!(input.len() <= stream.len());
        while let Ok(Some(_)) = detected.codec.decode(&mut input) {}
    }
});
