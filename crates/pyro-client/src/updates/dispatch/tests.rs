//! Dispatcher mechanics over a toy update type: `(chat, number)` pairs, client `()`.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Waker};

use tokio::sync::{mpsc, oneshot};

use super::*;

type Update = (u64, u32);
type Log = Arc<Mutex<Vec<String>>>;

#[allow(clippy::unnecessary_wraps)] // an extractor's shape
fn any(update: &Update) -> Option<Update> {
    Some(*update)
}

fn odd(update: &Update) -> Option<u32> {
    (update.1 % 2 == 1).then_some(update.1)
}

/// A handler that logs `name` and returns `flow`.
fn logging(log: &Log, name: &'static str, flow: Flow) -> Handler<(), Update> {
    let log = Arc::clone(log);
    Handler::new(any, move |(), (_, n)| {
        let log = Arc::clone(&log);
        async move {
            log.lock().unwrap().push(format!("{name}:{n}"));
            flow
        }
    })
}

fn taken(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.lock().unwrap())
}

#[tokio::test]
async fn groups_run_in_order_with_propagation() {
    let log = Log::default();
    let mut app = Router::new("app");
    app.add(logging(&log, "b1", Flow::Next).group(1));
    app.add(logging(&log, "b2", Flow::Next).group(1)); // never: b1 took the update
    app.add(logging(&log, "a1", Flow::Continue).group(-1));
    app.add(logging(&log, "a2", Flow::Next).group(-1));
    let mut stopper = Router::new("stopper");
    let stop_log = Arc::clone(&log);
    stopper.add(
        Handler::new(odd, move |(), n| {
            let log = Arc::clone(&stop_log);
            async move {
                log.lock().unwrap().push(format!("stop:{n}"));
                Flow::Stop
            }
        })
        .group(0),
    );
    app.include(stopper);
    assert_eq!(app.len(), 5);
    let dispatcher = Dispatcher::new((), app);
    assert_eq!(dispatcher.dispatch(&(1, 2)).await, 3);
    assert_eq!(taken(&log), ["a1:2", "a2:2", "b1:2"]);
    assert_eq!(dispatcher.dispatch(&(1, 3)).await, 3);
    assert_eq!(taken(&log), ["a1:3", "a2:3", "stop:3"]);
}

#[tokio::test]
async fn filters_pick_updates_and_errors_are_reported() {
    let log = Log::default();
    let errors = Log::default();
    let hook_errors = Arc::clone(&errors);
    let failing = Handler::new(any, |(), (_, n)| async move {
        if n == 0 {
            Err(std::io::Error::other("zero"))
        } else {
            Ok(Flow::Continue)
        }
    });
    let router = Router::new("filters")
        .with(logging(&log, "big", Flow::Next).filter(|(), u: &Update| u.1 >= 10))
        .with(failing)
        .with(logging(&log, "rest", Flow::Next));
    let dispatcher = Dispatcher::new((), router)
        .on_error(move |e| hook_errors.lock().unwrap().push(e.to_string()));
    dispatcher.dispatch(&(0, 10)).await;
    dispatcher.dispatch(&(0, 5)).await;
    dispatcher.dispatch(&(0, 0)).await;
    assert_eq!(taken(&log), ["big:10", "rest:5"]);
    assert_eq!(taken(&errors), ["zero"]);
    assert_eq!(dispatcher.errors(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_keep_each_shard_in_order() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let handler = Handler::new(any, move |(), update| {
        let tx = tx.clone();
        async move {
            tokio::task::yield_now().await;
            let _ = tx.send(update);
        }
    });
    let workers = Dispatcher::new((), Router::default().with(handler)).spawn(
        WorkerConfig {
            workers: 3,
            queue: 4,
        },
        |u| u.0,
    );
    for n in 0..300 {
        workers.send((u64::from(n % 7), n)).await.unwrap();
    }
    workers.finish().await;
    let mut seen = Vec::new();
    while let Ok(update) = rx.try_recv() {
        seen.push(update);
    }
    assert_eq!(seen.len(), 300, "every update exactly once");
    for chat in 0..7 {
        let numbers: Vec<u32> = seen.iter().filter(|u| u.0 == chat).map(|u| u.1).collect();
        assert!(numbers.is_sorted(), "chat {chat} out of order: {numbers:?}");
    }
}

#[tokio::test]
async fn full_queues_make_senders_wait() {
    let (started_tx, started_rx) = oneshot::channel::<()>();
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let gate = Arc::new(Mutex::new(Some((started_tx, release_rx))));
    let handled = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&handled);
    let handler = Handler::new(any, move |(), update| {
        let first = gate.lock().unwrap().take();
        let seen = Arc::clone(&seen);
        async move {
            if let Some((started, release)) = first {
                let _ = started.send(());
                let _ = release.await;
            }
            seen.lock().unwrap().push(update.1);
        }
    });
    let config = WorkerConfig {
        workers: 1,
        queue: 1,
    };
    let workers = Dispatcher::new((), Router::default().with(handler)).spawn(config, |_| 0);
    workers.send((0, 1)).await.unwrap();
    started_rx.await.unwrap(); // the worker holds update 1
    workers.send((0, 2)).await.unwrap(); // fills the queue
    let mut third = Box::pin(workers.send((0, 3)));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(
        third.as_mut().poll(&mut cx).is_pending(),
        "no room: the sender waits"
    );
    release_tx.send(()).unwrap();
    third.await.unwrap();
    workers.finish().await;
    assert_eq!(*handled.lock().unwrap(), [1, 2, 3], "nothing dropped");
}
