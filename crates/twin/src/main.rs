//! `gateway-twin [--port N] [--host 127.0.0.1] [--slow-ms N] [--body-limit-mb N]`: serves
//! the twin and prints its banner plus a machine-readable `TWIN_URL=` line.

use std::io::Write;
use std::time::Duration;

use gateway_twin::{app, banner::banner, Config};

struct Args {
    host: String,
    port: u16,
    slow_ms: Option<u64>,
    body_limit_mb: Option<usize>,
    huge_mb: Option<usize>,
    flood_events: Option<usize>,
    profile: gateway_twin::profile::Profile,
}

const USAGE: &str = "usage: gateway-twin [--port N] [--host 127.0.0.1] [--slow-ms N] [--body-limit-mb N (default 32)] [--huge-mb N (default 20)] [--flood-events N (default 20000)] [--profile new-api|litellm|openrouter]";

fn parse_args(argv: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        host: "127.0.0.1".into(),
        port: 8787,
        slow_ms: None,
        body_limit_mb: None,
        huge_mb: None,
        flood_events: None,
        profile: gateway_twin::profile::Profile::NewApi,
    };
    let mut it = argv.into_iter();
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => args.port = value("--port")?.parse().map_err(|e| format!("--port: {e}"))?,
            "--host" => args.host = value("--host")?,
            "--slow-ms" => args.slow_ms = Some(value("--slow-ms")?.parse().map_err(|e| format!("--slow-ms: {e}"))?),
            "--body-limit-mb" => {
                let mb: usize = value("--body-limit-mb")?
                    .parse()
                    .map_err(|e| format!("--body-limit-mb: {e}"))?;
                if mb == 0 || mb > 4096 {
                    return Err(format!("--body-limit-mb: {mb} is outside 1..=4096"));
                }
                args.body_limit_mb = Some(mb);
            }
            "--huge-mb" => {
                let mb: usize = value("--huge-mb")?.parse().map_err(|e| format!("--huge-mb: {e}"))?;
                if mb == 0 || mb > 1024 {
                    return Err(format!("--huge-mb: {mb} is outside 1..=1024"));
                }
                args.huge_mb = Some(mb);
            }
            "--flood-events" => {
                let n: usize = value("--flood-events")?
                    .parse()
                    .map_err(|e| format!("--flood-events: {e}"))?;
                if n == 0 || n > 10_000_000 {
                    return Err(format!("--flood-events: {n} is outside 1..=10000000"));
                }
                args.flood_events = Some(n);
            }
            "--profile" => {
                let name = value("--profile")?;
                args.profile = gateway_twin::profile::Profile::parse(&name)
                    .ok_or_else(|| format!("--profile: unknown family {name}\n{USAGE}"))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[tokio::main]
async fn main() {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let mut config = Config::default();
    if let Some(ms) = args.slow_ms {
        config.slow = Duration::from_millis(ms);
    }
    config.profile = args.profile;
    if let Some(mb) = args.body_limit_mb {
        config.body_limit = mb * 1024 * 1024;
    }
    if let Some(mb) = args.huge_mb {
        config.huge_bytes = mb * 1024 * 1024;
    }
    if let Some(n) = args.flood_events {
        config.flood_events = n;
    }
    let listener = match tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}:{}: {e}", args.host, args.port);
            std::process::exit(1);
        }
    };
    let url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => {
            eprintln!("cannot read the bound address: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{}", banner(&url, &config));
    let _ = writeln!(out, "TWIN_URL={url}");
    let _ = out.flush();
    drop(out);

    let server = axum::serve(listener, app(config)).with_graceful_shutdown(shutdown_signal());
    // Open streams or slow answers must not hold the process: give them two seconds.
    let deadline = async {
        shutdown_signal().await;
        tokio::time::sleep(Duration::from_secs(2)).await;
    };
    tokio::select! {
        result = server => {
            if let Err(e) = result {
                eprintln!("server error: {e}");
                std::process::exit(1);
            }
        }
        _ = deadline => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn body_limit_flag() {
        assert_eq!(parse(&[]).map(|a| a.body_limit_mb), Ok(None));
        let a = parse(&["--port", "0", "--body-limit-mb", "1"]).map(|a| a.body_limit_mb);
        assert_eq!(a, Ok(Some(1)));
        for bad in [
            &["--body-limit-mb"][..],
            &["--body-limit-mb", "0"],
            &["--body-limit-mb", "x"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
