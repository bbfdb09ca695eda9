//! After the handshake: the obfuscated2 stream cut into TLS application-data records.

use super::SEND_RECORD;
use super::wire::record;
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};

/// The ChangeCipherSpec record a client sends once before its first application data.
const CHANGE_CIPHER_SPEC: [u8; 6] = [0x14, 0x03, 0x03, 0x00, 0x01, 0x01];

/// Wraps outgoing bytes in application-data records.
#[derive(Debug, Clone)]
pub struct RecordWriter {
    /// The client sends ChangeCipherSpec before its first record.
    change_cipher_spec_pending: bool,
}

impl RecordWriter {
    /// A writer for the client (`true`: sends ChangeCipherSpec first) or the server.
    pub fn new(client: bool) -> Self {
        Self {
            change_cipher_spec_pending: client,
        }
    }

    /// Appends `data` to `out` as application-data records of at most 16 KiB each.
    pub fn wrap(&mut self, data: &[u8], out: &mut Vec<u8>) {
        out.reserve(data.len() + 5 * (data.len() / SEND_RECORD + 1) + 6);
        if std::mem::take(&mut self.change_cipher_spec_pending) {
            out.extend_from_slice(&CHANGE_CIPHER_SPEC);
        }
        for chunk in data.chunks(SEND_RECORD) {
            out.extend_from_slice(&[0x17, 0x03, 0x03]);
            out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
            out.extend_from_slice(chunk);
        }
    }
}

/// Unwraps incoming application-data records into the plain obfuscated2 stream.
#[derive(Debug, Clone, Default)]
pub struct RecordReader {
    _private: (),
}

impl RecordReader {
    /// A reader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the payloads of every complete record at the front of `raw` into `stream`.
    /// ChangeCipherSpec records are skipped; any other record type, a version that is not TLS
    /// or an oversized record is [`TransportError::BadTls`].
    pub fn unwrap(&mut self, raw: &mut RecvBuffer, stream: &mut RecvBuffer) -> Result<()> {
        while let Some((kind, len)) = record(raw.as_slice())? {
            match kind {
                0x17 => stream.extend_from_slice(&raw.as_slice()[5..5 + len]),
                0x14 if len == 1 => {}
                _ => return Err(TransportError::BadTls("unexpected record type")),
            }
            raw.consume(5 + len);
        }
        Ok(())
    }
}
