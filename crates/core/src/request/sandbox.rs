//! The local sandbox: the gateway twin `scripts/dev.sh` starts beside the app, how the page
//! asks whether one answers on its address (no key, no header), and when it may ask.

use serde_json::Value;

use crate::request::http::{Body, HttpRequest, Method};

/// Where `scripts/dev.sh` starts the local gateway twin (the "Local sandbox").
pub const SANDBOX_ADDRESS: &str = "http://127.0.0.1:8787";
/// The sandbox's demo key that succeeds. Not a secret: the sandbox is a local twin.
pub const SANDBOX_KEY: &str = "sk-twin-valid";
/// Where the sandbox answers "I am a twin" (no key is sent to it).
pub const SANDBOX_PROBE_PATH: &str = "/_twin/hello";
/// The name the sandbox connection gets.
pub const SANDBOX_NAME: &str = "Local sandbox";

/// The request that asks the sandbox address whether a twin answers there: a plain GET
/// with no key and no header at all.
pub fn sandbox_probe() -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: format!("{SANDBOX_ADDRESS}{SANDBOX_PROBE_PATH}"),
        headers: Vec::new(),
        body: Body::Empty,
    }
}

/// Whether a page served from `host` may look for the sandbox as it opens: only a page on
/// this machine. Elsewhere the browser may ask the person before a public page reaches a
/// local address, so the look happens when they open the connection picker.
pub fn probe_on_load(host: &str) -> bool {
    let host = host.trim_start_matches('[').split(']').next().unwrap_or("");
    matches!(host, "localhost" | "127.0.0.1" | "::1") || host.ends_with(".localhost")
}

/// Whether an answer to [`SANDBOX_PROBE_PATH`] comes from the gateway twin.
pub fn is_sandbox_answer(status: u16, body: &str) -> bool {
    status == 200
        && serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| {
                v.get("twin")
                    .and_then(Value::as_str)
                    .map(|t| t == "routescope-gateway-twin")
            })
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_twin_is_taken_for_the_sandbox() {
        assert!(is_sandbox_answer(
            200,
            r#"{"twin":"routescope-gateway-twin","version":"1"}"#
        ));
        assert!(!is_sandbox_answer(404, r#"{"twin":"routescope-gateway-twin"}"#));
        assert!(!is_sandbox_answer(200, r#"{"object":"list","data":[]}"#));
        assert!(!is_sandbox_answer(200, "<html>"));
        let probe = sandbox_probe();
        assert!(probe.headers.is_empty(), "the probe carries no key");
        assert_eq!(probe.url, "http://127.0.0.1:8787/_twin/hello");
    }

    #[test]
    fn looks_for_the_sandbox_on_load_only_from_this_machine() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]", "app.localhost"] {
            assert!(probe_on_load(host), "{host}");
        }
        for host in ["docs.routescope.ai", "192.168.1.5", "localhost.evil.example", ""] {
            assert!(!probe_on_load(host), "{host}");
        }
    }
}
