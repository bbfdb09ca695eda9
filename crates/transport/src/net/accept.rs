//! The server side: accept a connection, answer a fake-TLS hello when configured, detect the
//! codec and hand back a [`FramedConnection`]. The test DC and our MTProxy tests use it.

use super::{FramedConnection, fill, random_array, unix_now};
use crate::buffer::RecvBuffer;
use crate::codec::{Detector, DetectorConfig, ObfuscatedInit};
use crate::error::{Result, TransportError};
use crate::faketls::{RecordReader, parse_client_hello, server_hello};
use crate::frame::CodecKind;
use crate::secret::{MtProxySecret, SecretMode};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// What a server accepts.
#[derive(Debug, Clone)]
pub struct AcceptConfig {
    /// Codec detection (secret, plain codecs allowed, limits).
    pub detector: DetectorConfig,
    /// Accept fake-TLS connections (needs `detector.secret`): the expected server name, if any.
    pub fake_tls: Option<Option<String>>,
    /// Accept fake-TLS client clocks this many seconds off ours.
    pub max_clock_skew: u32,
    /// Refuse every codec but padded intermediate (MTProxy `dd`/`ee` secrets).
    pub padded_only: bool,
}

impl Default for AcceptConfig {
    /// A Telegram DC: every plain codec and obfuscated2 without a secret.
    fn default() -> Self {
        Self {
            detector: DetectorConfig::default(),
            fake_tls: None,
            max_clock_skew: 120,
            padded_only: false,
        }
    }
}

impl AcceptConfig {
    /// An MTProxy server for `secret`: obfuscated2 only, keyed with it; fake TLS for `ee`.
    pub fn mtproxy(secret: &MtProxySecret) -> Self {
        let mut config = Self::default();
        config.detector.secret = Some(secret.key);
        config.detector.allow_plain = false;
        match &secret.mode {
            SecretMode::Plain => {}
            SecretMode::Padded => config.padded_only = true,
            SecretMode::FakeTls { domain } => {
                config.padded_only = true;
                config.fake_tls = Some(Some(domain.clone()));
            }
        }
        config
    }
}

/// An accepted connection.
#[derive(Debug)]
pub struct Accepted {
    /// The framed connection (server side).
    pub connection: FramedConnection,
    /// The codec the client chose.
    pub kind: CodecKind,
    /// The client's obfuscated2 choices, when it used obfuscation.
    pub obfuscated: Option<ObfuscatedInit>,
}

/// Accepts one client on `stream` (server side).
pub async fn accept(mut stream: TcpStream, config: &AcceptConfig) -> Result<Accepted> {
    stream.set_nodelay(true)?;
    let seed = u64::from_le_bytes(random_array()?);
    let mut raw = RecvBuffer::new();
    fill(&mut stream, &mut raw).await?;
    let fake_tls = match (&config.fake_tls, config.detector.secret) {
        (Some(domain), Some(key)) if raw.as_slice().first() == Some(&0x16) => {
            let hello = loop {
                let max_skew = config.max_clock_skew;
                if let Some(hello) = parse_client_hello(raw.as_slice(), &key, unix_now(), max_skew)?
                {
                    break hello;
                }
                fill(&mut stream, &mut raw).await?;
            };
            if domain.is_some() && hello.domain != *domain {
                return Err(TransportError::BadTls("ClientHello names another domain"));
            }
            raw.consume(hello.consumed);
            let filler_len = 1024 + usize::from(u16::from_le_bytes(random_array()?)) % 3072;
            let mut filler = vec![0u8; filler_len];
            getrandom::fill(&mut filler).map_err(|_| TransportError::Random)?;
            let answer = server_hello(&key, &hello, &random_array()?, &filler);
            stream.write_all(&answer).await?;
            true
        }
        (Some(_), Some(_)) if config.padded_only => {
            return Err(TransportError::BadTls(
                "this server accepts fake-TLS clients only",
            ));
        }
        _ => false,
    };
    let mut detector = Detector::new(config.detector, seed);
    let mut records = RecordReader::new();
    let mut plain = RecvBuffer::new();
    let detected = loop {
        let input = if fake_tls {
            records.unwrap(&mut raw, &mut plain)?;
            &mut plain
        } else {
            &mut raw
        };
        if let Some(detected) = detector.detect(input)? {
            break detected;
        }
        fill(&mut stream, &mut raw).await?;
    };
    let kind = detected.codec.kind();
    if config.padded_only && kind != CodecKind::PaddedIntermediate {
        return Err(TransportError::BadInit(
            "this server accepts padded intermediate only",
        ));
    }
    let tls = fake_tls.then_some(false);
    let connection = FramedConnection::new(stream, detected.codec, raw, plain, tls);
    Ok(Accepted {
        connection,
        kind,
        obfuscated: detected.obfuscated,
    })
}
