//! The TLS wire format as fake TLS needs it: writing and reading length-prefixed structures
//! without panicking, record headers, and (after the handshake) the obfuscated2 stream cut into
//! application-data records.

use super::{MAX_RECORD, SEND_RECORD};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};

/// Appends TLS structures, patching length prefixes once their contents are written.
pub(super) struct Writer {
    pub(super) out: Vec<u8>,
}

impl Writer {
    pub(super) fn new() -> Self {
        Self {
            out: Vec::with_capacity(600),
        }
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.out.extend_from_slice(bytes);
        self
    }

    pub(super) fn u16(&mut self, value: u16) -> &mut Self {
        self.bytes(&value.to_be_bytes())
    }

    /// Starts a `width`-byte big-endian length prefix; returns where it is.
    pub(super) fn open(&mut self, width: usize) -> usize {
        let at = self.out.len();
        self.out.resize(at + width, 0);
        at
    }

    /// Fills the length prefix opened at `at` with the bytes written since.
    pub(super) fn close(&mut self, at: usize, width: usize) {
        let len = (self.out.len() - at - width) as u32;
        if let Some(slot) = self.out.get_mut(at..at + width) {
            slot.copy_from_slice(&len.to_be_bytes()[4 - width..]);
        }
    }

    /// Writes `body` inside a `width`-byte length prefix.
    pub(super) fn nested(&mut self, width: usize, body: impl FnOnce(&mut Self)) -> &mut Self {
        let at = self.open(width);
        body(self);
        self.close(at, width);
        self
    }
}

/// Reads TLS structures; running out of bytes is a typed error.
pub(super) struct Reader<'a> {
    pub(super) data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.data.len() < n {
            return Err(TransportError::BadTls("structure shorter than its length"));
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    pub(super) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// A sub-reader over a `u16`-length-prefixed vector.
    pub(super) fn vec16(&mut self) -> Result<Reader<'a>> {
        let len = usize::from(self.u16()?);
        Ok(Reader {
            data: self.take(len)?,
        })
    }

    /// A sub-reader over a `u8`-length-prefixed vector.
    pub(super) fn vec8(&mut self) -> Result<Reader<'a>> {
        let len = usize::from(self.u8()?);
        Ok(Reader {
            data: self.take(len)?,
        })
    }
}

/// The header of a complete record at the front of `input`: `(type, payload length)`, or `None`
/// while incomplete. Versions other than 3.1 and 3.3 and oversized records are errors.
pub(super) fn record(input: &[u8]) -> Result<Option<(u8, usize)>> {
    let Some(&[kind, major, minor, hi, lo]) = input.first_chunk::<5>() else {
        return Ok(None);
    };
    if major != 3 || !(minor == 1 || minor == 3) {
        return Err(TransportError::BadTls("not a TLS record"));
    }
    let len = usize::from(u16::from_be_bytes([hi, lo]));
    if len > MAX_RECORD {
        return Err(TransportError::BadTls("record longer than TLS allows"));
    }
    Ok((input.len() >= 5 + len).then_some((kind, len)))
}

// ---- Records after the handshake ----

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
