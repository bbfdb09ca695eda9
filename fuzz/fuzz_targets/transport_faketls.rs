//! Feeds arbitrary bytes to the fake-TLS parsers: the server's ClientHello check, the client's
//! ServerHello check and the record unwrapper. Asserts: no panic; an accepted hello spans no
//! more bytes than given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_transport::RecvBuffer;
use pyro_transport::faketls::{RecordReader, parse_client_hello, verify_server_hello};

fuzz_target!(|data: &[u8]| {
    let key = [0x42; 16];
    if let Ok(Some(hello)) = parse_client_hello(data, &key, 0, u32::MAX) {
        assert!(hello.consumed <= data.len());
    }
    if let Ok(Some(used)) = verify_server_hello(data, &key, &[0; 32]) {
        assert!(used <= data.len());
    }
    let mut raw = RecvBuffer::from_vec(data.to_vec());
    let mut stream = RecvBuffer::new();
    let _ = RecordReader::new().unwrap(&mut raw, &mut stream);
    assert!(stream.len() <= data.len());
});
