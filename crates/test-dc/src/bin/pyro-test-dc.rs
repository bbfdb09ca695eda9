//! `pyro-test-dc`: the test DC as a standalone server for other clients.
//!
//! ```text
//! pyro-test-dc --listen 127.0.0.1:PORT --seed FILE [--dcs N] [--key FILE]
//! ```
//!
//! DC 1 listens on PORT, DC `i` on PORT + i - 1 (port 0 picks free ports). It prints each DC's
//! address, its RSA public key (PKCS#1 PEM) and fingerprint, then logs every call and every
//! login code it delivers. Without `--key` a fresh key is generated per DC.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use pyro_test_dc::{KeySource, Seed, ServerKey, TestDc};

const USAGE: &str =
    "usage: pyro-test-dc --listen 127.0.0.1:PORT --seed FILE [--dcs N] [--key FILE]";

/// The command line.
struct Args {
    listen: SocketAddr,
    seed: String,
    dcs: usize,
    key: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut listen = None;
    let mut seed = None;
    let mut dcs = 1;
    let mut key = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                listen = Some(v.parse().map_err(|e| format!("--listen {v}: {e}"))?);
            }
            "--seed" => seed = Some(value()?),
            "--dcs" => {
                let v = value()?;
                dcs = v.parse().map_err(|e| format!("--dcs {v}: {e}"))?;
            }
            "--key" => key = Some(value()?),
            "--help" | "-h" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(Args {
        listen: listen.ok_or_else(|| format!("--listen is required\n{USAGE}"))?,
        seed: seed.ok_or_else(|| format!("--seed is required\n{USAGE}"))?,
        dcs,
        key,
    })
}

async fn run(args: Args) -> Result<(), String> {
    let json = std::fs::read_to_string(&args.seed).map_err(|e| format!("{}: {e}", args.seed))?;
    let seed = Seed::from_json(&json).map_err(|e| format!("{}: {e}", args.seed))?;
    let keys = match &args.key {
        Some(path) => {
            let pem = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            KeySource::Key(Box::new(
                ServerKey::from_pem(&pem).map_err(|e| format!("{path}: {e}"))?,
            ))
        }
        None => KeySource::Generate,
    };
    let dc = TestDc::builder()
        .seed(seed)
        .dcs(args.dcs)
        .listen(args.listen)
        .keys(keys)
        .start()
        .await
        .map_err(|e| e.to_string())?;
    for info in dc.dcs() {
        println!("DC {} listening on {}", info.id, info.addr);
        println!("DC {} key fingerprint {}", info.id, info.fingerprint);
        println!("{}", info.public_pem.trim_end());
    }
    let telegram = std::sync::Arc::clone(dc.telegram());
    let (mut logged, mut codes) = (0, 0);
    loop {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = tokio::signal::ctrl_c() => break,
        }
        let log = telegram.log();
        for line in log.iter().skip(logged) {
            println!(
                "log dc={} key={:#018x} {} -> {}",
                line.dc_id, line.auth_key_id, line.method, line.outcome
            );
        }
        logged = log.len();
        let delivered = telegram.login_codes();
        for code in delivered.iter().skip(codes) {
            println!("login code for +{}: {}", code.phone, code.code);
        }
        codes = delivered.len();
    }
    dc.shutdown().await;
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pyro-test-dc: {message}");
            ExitCode::FAILURE
        }
    }
}
