//! The start-up banner: where the twin listens, the demo keys, switches and special models.

use std::fmt::Write;

use crate::front::SWITCHES;
use crate::loads::LOADS;
use crate::state::Config;
use crate::tasks::FAIL_MARKER;
use crate::tokens::TOKENS;

/// The scripted test models with what each does.
pub fn special_models(config: &Config) -> Vec<(&'static str, String)> {
    vec![
        (
            "twin-slow",
            format!("answers normally after {} ms (--slow-ms)", config.slow.as_millis()),
        ),
        (
            "twin-upstream-error",
            "500 do_request_failed; on a Claude stream: event: error after the 200".into(),
        ),
        (
            "twin-overloaded",
            "503 upstream_error bad_response_status_code (529 overloaded_error on /v1/messages)".into(),
        ),
        ("twin-unpriced", "400 model_price_error (ratio or price not set)".into()),
        (
            "twin-upstream-429",
            "429 relayed from the provider, asking to try again in 2s (in the body: readable under CORS)".into(),
        ),
        (
            "twin-stream-breaks",
            "on an OpenAI-style stream: a few tokens, then the profile's error chunk".into(),
        ),
        (
            "twin-stream-error-dropped",
            "on an OpenAI-style stream: a few tokens, then [DONE] with no finish reason (an error dropped on the way)"
                .into(),
        ),
        ("twin-not-an-answer", "200 chat completion with no choices".into()),
        (
            "twin-error-on-200",
            "200 chat completion whose choice ends in finish_reason \"error\" with an error object".into(),
        ),
        (
            "twin-tool-call",
            "chat answer with reasoning_content and a get_weather tool call beside its text (streamed too)".into(),
        ),
        (
            "any unknown model",
            "503 model_not_found: No available channel for model X under group default (distributor)".into(),
        ),
    ]
}

/// The human banner printed at start (without the machine-readable `TWIN_URL=` line).
pub fn banner(url: &str, config: &Config) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(out, "RouteScope gateway twin listening on {url}");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Demo keys (Authorization: Bearer <key>; x-api-key on /v1/messages and /v1/models;"
    );
    let _ = writeln!(out, "x-goog-api-key or ?key= on /v1beta/...):");
    for t in TOKENS {
        let _ = writeln!(out, "  {:<22} {}", t.key, t.demonstrates);
    }
    let _ = writeln!(
        out,
        "  {:<22} 401 Invalid token / 无效的令牌 (no key: Token not provided)",
        "any other sk-... key"
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Behaviour switches (path prefixes, stripped before routing, stackable):"
    );
    for (prefix, what) in SWITCHES {
        let _ = writeln!(out, "  {prefix:<13} {what}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Loads (any path under the prefix, no key checked; for benches and hostile tests):"
    );
    for (prefix, what) in LOADS {
        let _ = writeln!(out, "  {prefix:<13} {what}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Special models:");
    for (model, what) in special_models(config) {
        let _ = writeln!(out, "  {model:<20} {what}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Other:");
    let _ = writeln!(out, "  Accept-Language: zh...  Chinese gateway messages");
    let _ = writeln!(
        out,
        "  prompt containing \"{FAIL_MARKER}\"  async image/video tasks end FAIL/failed"
    );
    let _ = writeln!(
        out,
        "  /chat/completions, /, /dashboard ...  200 text/html console page (base URL missing /v1)"
    );
    let _ = writeln!(
        out,
        "  request body over {} MB  413 read_request_body_failed, readable (--body-limit-mb)",
        config.body_limit / (1024 * 1024)
    );
    let _ = writeln!(
        out,
        "  GET /_twin/health -> ok    GET /_twin/hello -> who answers (the playground's sandbox probe)    POST /_twin/reset -> clears rate counters, tasks, logs"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_names_the_body_limit() {
        let config = Config {
            body_limit: 3 * 1024 * 1024,
            ..Config::default()
        };
        let text = banner("http://127.0.0.1:1", &config);
        assert!(text.contains("request body over 3 MB"), "{text}");
        assert!(text.contains("--body-limit-mb"), "{text}");
    }
}
