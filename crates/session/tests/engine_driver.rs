//! The tokio driver against the server counterpart over TCP on 127.0.0.1 (intermediate
//! framing): invoke from cloned handles, a reconnect that resends an unanswered request,
//! cancellation by dropping the `invoke` future, and the key exchange over the plain channel.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::envelope::{unwrap_plain, wrap_plain};
use pyro_mtproto_crypto::handshake::{
    ANSWER_PADDING_RANDOM, ClientOptions, PqPair, ServerDhSecret, ServerFinished, ServerStart,
};
use pyro_mtproto_crypto::packet::Sender;
use pyro_mtproto_crypto::rsa::RsaPrivateKey;
use pyro_session::driver::{DriverConfig, create_auth_key, spawn};
use pyro_session::engine::Now;
use pyro_session::server::{ServerConfig, ServerSession};
use pyro_transport::{AcceptConfig, CodecKind, ConnectOptions, Frame, FramedConnection, accept};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const KEY: [u8; 256] = [0x17; 256];

fn now(origin: tokio::time::Instant) -> Now {
    Now::new(
        origin.elapsed(),
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap(),
    )
}

/// What the test server reports.
#[derive(Debug, PartialEq, Eq)]
enum Note {
    /// A request arrived (its msg_id).
    Request(i64),
    /// The client dropped a running request's answer.
    Dropped,
}

/// How the test server behaves.
#[derive(Clone, Copy)]
enum Mode {
    /// Answer every request with its words reversed.
    Echo,
    /// Close the first connection when its first request arrives, then echo.
    DropFirst,
    /// Never answer.
    Hold,
}

/// Serves connections one after another with one server session.
async fn serve(
    listener: TcpListener,
    mut session: ServerSession,
    mode: Mode,
    notes: mpsc::UnboundedSender<Note>,
) {
    let origin = tokio::time::Instant::now();
    let mut drop_next = matches!(mode, Mode::DropFirst);
    let mut buf = Vec::new();
    while let Ok((stream, _)) = listener.accept().await {
        let Ok(accepted) = accept(stream, &AcceptConfig::default()).await else {
            continue;
        };
        let mut conn = accepted.connection;
        'conn: while let Ok(frame) = conn.recv().await {
            let Frame::Packet { mut payload, .. } = frame else {
                continue;
            };
            let dropped = session.stats().dropped_answers;
            let _ = session.handle_packet(now(origin), &mut payload);
            if session.stats().dropped_answers > dropped {
                let _ = notes.send(Note::Dropped);
            }
            while let Some(req) = session.poll_request() {
                let _ = notes.send(Note::Request(req.msg_id));
                if drop_next {
                    drop_next = false;
                    break 'conn;
                }
                if !matches!(mode, Mode::Hold) {
                    let answer: Vec<u8> = req.body.chunks(4).rev().flatten().copied().collect();
                    session.answer(req.msg_id, &answer);
                }
            }
            while session.poll_transmit(now(origin), &mut buf) {
                if conn.send(&buf).await.is_err() {
                    break 'conn;
                }
            }
        }
    }
}

async fn start(mode: Mode) -> (pyro_session::driver::Client, mpsc::UnboundedReceiver<Note>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let session = ServerSession::new(AuthKey::from_bytes(KEY), [3; 32], ServerConfig::default());
    let salt = session.salt_at(now(tokio::time::Instant::now()));
    let (notes_tx, notes_rx) = mpsc::unbounded_channel();
    tokio::spawn(serve(listener, session, mode, notes_tx));
    let mut config = DriverConfig::new(ConnectOptions::new(addr, 2, CodecKind::Intermediate));
    config.backoff_min = Duration::from_millis(5);
    let (client, _events) = spawn(config, AuthKey::from_bytes(KEY), salt).unwrap();
    (client, notes_rx)
}

#[tokio::test(flavor = "current_thread")]
async fn invoke_from_cloned_handles() {
    let (client, _notes) = start(Mode::Echo).await;
    let other = client.clone();
    let a = tokio::spawn(async move { other.invoke(vec![1, 0, 0, 0, 2, 0, 0, 0]).await });
    let b = client.invoke(vec![3, 0, 0, 0, 4, 0, 0, 0]).await.unwrap();
    assert_eq!(b, [4, 0, 0, 0, 3, 0, 0, 0]);
    assert_eq!(a.await.unwrap().unwrap(), [2, 0, 0, 0, 1, 0, 0, 0]);
    client.shutdown();
    assert!(client.invoke(vec![1, 0, 0, 0]).await.is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn a_lost_connection_resends_the_request() {
    let (client, mut notes) = start(Mode::DropFirst).await;
    let answer = client.invoke(vec![5, 0, 0, 0, 6, 0, 0, 0]).await.unwrap();
    assert_eq!(answer, [6, 0, 0, 0, 5, 0, 0, 0]);
    let Some(Note::Request(first)) = notes.recv().await else {
        panic!()
    };
    let Some(Note::Request(second)) = notes.recv().await else {
        panic!()
    };
    assert!(second > first, "resent under a new msg_id");
}

#[tokio::test(flavor = "current_thread")]
async fn dropping_the_invoke_future_cancels_the_request() {
    let (client, mut notes) = start(Mode::Hold).await;
    let call = client.invoke(vec![7, 0, 0, 0]);
    tokio::select! {
        _ = call => panic!("the server never answers"),
        note = notes.recv() => assert!(matches!(note, Some(Note::Request(_)))),
    }
    // The future is dropped: the driver sends rpc_drop_answer and the server drops the answer.
    assert_eq!(notes.recv().await, Some(Note::Dropped));
}

/// The body of the client's next plain message.
async fn next_body(conn: &mut FramedConnection) -> Vec<u8> {
    let Frame::Packet { payload, .. } = conn.recv().await.unwrap() else {
        panic!()
    };
    unwrap_plain(&payload, Sender::Client)
        .unwrap()
        .body
        .to_vec()
}

/// The server side of the key exchange on one accepted connection.
async fn serve_key_exchange(listener: TcpListener, key: RsaPrivateKey) -> ServerFinished {
    let (stream, _) = listener.accept().await.unwrap();
    let mut conn = accept(stream, &AcceptConfig::default())
        .await
        .unwrap()
        .connection;
    let keys = [key];
    let secret = ServerDhSecret::new(&[0x11; 256]).unwrap();
    let mut ids = 1i64;
    let mut send = async |conn: &mut FramedConnection, body: &[u8]| {
        ids += 4;
        let msg_id = ((SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64)
            << 32)
            | ids;
        conn.send(&wrap_plain(msg_id, body)).await.unwrap();
    };
    let server = ServerStart::new([2; 16], PqPair::known(0));
    let (res_pq, server) = server.handle(&next_body(&mut conn).await, &keys).unwrap();
    send(&mut conn, &res_pq).await;
    let time = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i32;
    let padding = [4u8; ANSWER_PADDING_RANDOM];
    let (dh_params, server) = server
        .handle(&next_body(&mut conn).await, &keys, &secret, time, &padding)
        .unwrap();
    send(&mut conn, &dh_params).await;
    let (dh_gen, finished) = server.handle(&next_body(&mut conn).await).unwrap().accept();
    send(&mut conn, &dh_gen).await;
    finished
}

#[tokio::test(flavor = "current_thread")]
async fn an_auth_key_is_created_then_used() {
    let pem = include_str!("../../mtproto-crypto/tests/data/test_server_key.pem");
    let private = RsaPrivateKey::from_pkcs1_pem(pem).unwrap();
    let public = private.public_key().clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve_key_exchange(listener, private));
    let options = ConnectOptions::new(addr, 2, CodecKind::Intermediate);
    let mut conn = pyro_transport::connect(&options).await.unwrap();
    let client = create_auth_key(&mut conn, ClientOptions::permanent(2), &[public])
        .await
        .unwrap();
    let server = server.await.unwrap();
    assert_eq!(client.auth_key, server.auth_key);
    assert_eq!(client.first_salt, server.first_salt);

    // The new key carries a session: the server's salt schedule is its own, so the first
    // request meets bad_server_salt and is resent with the right salt.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let key = AuthKey::from_bytes(*server.auth_key.as_bytes());
    let session = ServerSession::new(key, [9; 32], ServerConfig::default());
    let (notes, _notes_rx) = mpsc::unbounded_channel();
    tokio::spawn(serve(listener, session, Mode::Echo, notes));
    let mut config = DriverConfig::new(ConnectOptions::new(addr, 2, CodecKind::Intermediate));
    config.time_offset = client.time_offset;
    let (handle, _events) = spawn(config, client.auth_key, client.first_salt).unwrap();
    assert_eq!(
        handle.invoke(vec![1, 0, 0, 0, 9, 0, 0, 0]).await.unwrap(),
        [9, 0, 0, 0, 1, 0, 0, 0]
    );
}
