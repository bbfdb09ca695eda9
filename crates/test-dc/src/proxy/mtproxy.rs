//! The MTProxy side: accept obfuscated2 keyed with the secret (inside fake TLS for `ee`
//! secrets), read the DC id from the client's header, open a plain connection to that DC with
//! the same framing, and relay packets both ways: quick acknowledgements and transport errors
//! too. With the padded codec each packet's random tail is cut before it goes on (the codec of
//! the next hop adds its own).

use std::collections::HashMap;
use std::net::SocketAddr;

use pyro_transport::{
    AcceptConfig, CodecKind, ConnectOptions, Frame, FramedConnection, FramedReader, FramedWriter,
    TransportError,
};
use tokio::net::TcpStream;

use super::Refused;
use crate::net::strip_padding;

/// Accepts the client and connects to the DC its header names.
pub(crate) async fn handshake(
    stream: TcpStream,
    accept: &AcceptConfig,
    dcs: &HashMap<i32, SocketAddr>,
) -> Result<(Client, FramedConnection), Refused> {
    let accepted = pyro_transport::accept(stream, accept).await?;
    let init = accepted.obfuscated.ok_or(Refused::Broken)?;
    let dc = i32::from(init.dc).abs();
    let addr = *dcs.get(&dc).ok_or(Refused::Broken)?;
    let upstream = pyro_transport::connect(&ConnectOptions::new(addr, init.dc, init.kind)).await?;
    let client = Client {
        connection: accepted.connection,
        padded: init.kind == CodecKind::PaddedIntermediate,
    };
    Ok((client, upstream))
}

/// The client's side of a relay.
pub(crate) struct Client {
    connection: FramedConnection,
    /// The client's packets carry the padded codec's random tail.
    padded: bool,
}

/// Relays until either side closes or fails.
pub(crate) async fn relay(client: Client, upstream: FramedConnection) {
    let (client_in, client_out) = client.connection.into_split();
    let (dc_in, dc_out) = upstream.into_split();
    tokio::select! {
        () = to_dc(client_in, dc_out, client.padded) => {}
        () = to_client(dc_in, client_out, client.padded) => {}
    }
}

/// Cuts the padded codec's random tail (a plain message has auth_key_id 0).
fn unpad(payload: &mut Vec<u8>) {
    let plain = payload.get(..8).is_some_and(|id| id == [0; 8]);
    strip_padding(payload, plain);
}

async fn to_dc(mut from: FramedReader, mut to: FramedWriter, padded: bool) {
    while let Ok(frame) = from.recv().await {
        let Frame::Packet {
            mut payload,
            quick_ack,
        } = frame
        else {
            continue;
        };
        if padded {
            unpad(&mut payload);
        }
        let sent = if quick_ack {
            to.send_with_quick_ack(&payload).await
        } else {
            to.send(&payload).await
        };
        if sent.is_err() {
            return;
        }
    }
}

async fn to_client(mut from: FramedReader, mut to: FramedWriter, padded: bool) {
    loop {
        let sent = match from.recv().await {
            Ok(Frame::Packet { mut payload, .. }) => {
                if padded {
                    unpad(&mut payload);
                }
                to.send(&payload).await
            }
            Ok(Frame::QuickAck(token)) => to.send_quick_ack(token).await,
            Err(TransportError::ErrorCode { code }) => {
                let _ = to.send_error(code).await;
                return;
            }
            Err(_) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}
