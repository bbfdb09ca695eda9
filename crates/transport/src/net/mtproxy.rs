//! The client side of MTProxy: obfuscated2 keyed with the secret, inside fake TLS for `ee`
//! secrets.

use super::{ConnectOptions, FramedConnection, fill, random_array, random_init, unix_now};
use crate::buffer::RecvBuffer;
use crate::codec::Codec;
use crate::error::Result;
use crate::faketls::{client_hello, verify_server_hello};
use crate::secret::{MtProxySecret, SecretMode};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Runs the MTProxy handshakes on a socket connected to the proxy.
pub(super) async fn connect(
    mut stream: TcpStream,
    secret: &MtProxySecret,
    options: &ConnectOptions,
    seed: u64,
) -> Result<FramedConnection> {
    let kind = secret.codec_for(options.codec);
    let init = random_init()?;
    let codec = Codec::obfuscated_client(
        kind,
        init,
        options.dc,
        Some(&secret.key),
        options.limits,
        seed,
    )?;
    let SecretMode::FakeTls { domain } = &secret.mode else {
        return Ok(FramedConnection::new(
            stream,
            codec,
            RecvBuffer::new(),
            RecvBuffer::new(),
            None,
        ));
    };
    let hello = client_hello(&secret.key, domain, unix_now(), &random_array()?);
    stream.write_all(&hello.bytes).await?;
    let mut raw = RecvBuffer::new();
    loop {
        if let Some(used) = verify_server_hello(raw.as_slice(), &secret.key, &hello.client_random)?
        {
            raw.consume(used);
            return Ok(FramedConnection::new(
                stream,
                codec,
                raw,
                RecvBuffer::new(),
                Some(true),
            ));
        }
        fill(&mut stream, &mut raw).await?;
    }
}
