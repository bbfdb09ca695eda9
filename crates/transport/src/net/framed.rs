//! [`FramedConnection`]: a socket and a codec stack (optional fake-TLS records, optional
//! obfuscated2, a framing), whatever lies beneath: direct TCP, SOCKS5, HTTP CONNECT or MTProxy.

use super::read_into;
use crate::buffer::RecvBuffer;
use crate::codec::{Codec, Decoder, Encoder};
use crate::error::{Result, TransportError};
use crate::faketls::{RecordReader, RecordWriter};
use crate::frame::Frame;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// How much a single socket read asks for.
const READ_CHUNK: usize = 64 * 1024;

/// The receiving half of a [`FramedConnection`].
#[derive(Debug)]
pub struct FramedReader {
    stream: OwnedReadHalf,
    decoder: Decoder,
    /// Fake-TLS record layer: raw socket bytes go to `raw`, unwrapped bytes to `stream_bytes`.
    tls: Option<RecordReader>,
    raw: RecvBuffer,
    stream_bytes: RecvBuffer,
}

/// The sending half of a [`FramedConnection`].
#[derive(Debug)]
pub struct FramedWriter {
    stream: OwnedWriteHalf,
    encoder: Encoder,
    tls: Option<RecordWriter>,
    out: Vec<u8>,
    scratch: Vec<u8>,
}

/// One MTProto connection: send packets, receive frames.
#[derive(Debug)]
pub struct FramedConnection {
    reader: FramedReader,
    writer: FramedWriter,
}

impl FramedConnection {
    /// Wraps a connected socket. `raw` holds socket bytes already read past the handshake and
    /// `unwrapped` stream bytes already taken out of fake-TLS records; `tls` selects the fake-TLS
    /// record layer (`Some(true)` for a client, `Some(false)` for a server).
    pub(crate) fn new(
        stream: TcpStream,
        codec: Codec,
        raw: RecvBuffer,
        unwrapped: RecvBuffer,
        tls: Option<bool>,
    ) -> Self {
        let (read, write) = stream.into_split();
        let (encoder, decoder) = codec.split();
        Self {
            reader: FramedReader {
                stream: read,
                decoder,
                tls: tls.map(|_| RecordReader::new()),
                raw,
                stream_bytes: unwrapped,
            },
            writer: FramedWriter {
                stream: write,
                encoder,
                tls: tls.map(RecordWriter::new),
                out: Vec::new(),
                scratch: Vec::new(),
            },
        }
    }

    /// Sends one packet.
    pub async fn send(&mut self, packet: &[u8]) -> Result<()> {
        self.writer.send(packet).await
    }

    /// Sends one packet asking the server for a quick acknowledgement (client side).
    pub async fn send_with_quick_ack(&mut self, packet: &[u8]) -> Result<()> {
        self.writer.send_with_quick_ack(packet).await
    }

    /// Receives the next frame. A transport error frame is [`TransportError::ErrorCode`]; the end
    /// of the stream is [`TransportError::Closed`] or, mid-frame, [`TransportError::Truncated`].
    pub async fn recv(&mut self) -> Result<Frame> {
        self.reader.recv().await
    }

    /// The sending half, for server-only frames (quick acks, transport errors).
    pub fn writer(&mut self) -> &mut FramedWriter {
        &mut self.writer
    }

    /// Separates the halves, e.g. for a reader task and a writer task.
    pub fn into_split(self) -> (FramedReader, FramedWriter) {
        (self.reader, self.writer)
    }
}

impl FramedReader {
    /// See [`FramedConnection::recv`].
    pub async fn recv(&mut self) -> Result<Frame> {
        loop {
            let input = if let Some(tls) = self.tls.as_mut() {
                tls.unwrap(&mut self.raw, &mut self.stream_bytes)?;
                &mut self.stream_bytes
            } else {
                &mut self.raw
            };
            if let Some(frame) = self.decoder.decode(input)? {
                return Ok(frame);
            }
            if read_into(&mut self.stream, &mut self.raw, READ_CHUNK).await? == 0 {
                let pending = self.raw.len() + self.stream_bytes.len();
                return Err(TransportError::end_of_stream(pending));
            }
        }
    }
}

impl FramedWriter {
    /// See [`FramedConnection::send`].
    pub async fn send(&mut self, packet: &[u8]) -> Result<()> {
        self.write_with(|encoder, out| encoder.encode(packet, out))
            .await
    }

    /// See [`FramedConnection::send_with_quick_ack`].
    pub async fn send_with_quick_ack(&mut self, packet: &[u8]) -> Result<()> {
        self.write_with(|encoder, out| encoder.encode_with_quick_ack(packet, out))
            .await
    }

    /// Server side: sends a quick acknowledgement carrying `token`.
    pub async fn send_quick_ack(&mut self, token: u32) -> Result<()> {
        self.write_with(|encoder, out| encoder.encode_quick_ack(token, out))
            .await
    }

    /// Server side: sends a transport error (a negative code such as -404).
    pub async fn send_error(&mut self, code: i32) -> Result<()> {
        self.write_with(|encoder, out| encoder.encode_error(code, out))
            .await
    }

    async fn write_with(
        &mut self,
        encode: impl FnOnce(&mut Encoder, &mut Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        self.out.clear();
        if let Some(tls) = self.tls.as_mut() {
            self.scratch.clear();
            encode(&mut self.encoder, &mut self.scratch)?;
            tls.wrap(&self.scratch, &mut self.out);
        } else {
            encode(&mut self.encoder, &mut self.out)?;
        }
        self.stream.write_all(&self.out).await?;
        Ok(())
    }
}
