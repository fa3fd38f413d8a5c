//! Large and hostile answers, selected by path prefixes, for the benchmark and the hostile
//! suite: a huge JSON answer, a flood of stream events at full speed, an endless stream, a
//! stream whose connection breaks, an error message of megabytes made of the patterns the
//! diagnosis looks for, invalid UTF-8, and an error that echoes the key. They answer any
//! method and path under their prefix, with CORS, and check no key: they stand for what a
//! broken or hostile server may send, not for the gateway.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::stream::{self, StreamExt};
use serde_json::json;

use crate::state::Twin;

/// Which load a prefix asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// `/_huge/`: a chat completion of about `--huge-mb` MB.
    Huge,
    /// `/_flood/`: `--flood-events` chat stream events at full speed, the finish chunk, then
    /// `[DONE]`.
    Flood,
    /// `/_endless/`: a chat stream that never ends (an event every 20 ms).
    Endless,
    /// `/_cut/`: three chat stream events, then the connection breaks.
    Cut,
    /// `/_markers/`: a 401 whose message is ~1 MB of the phrases extractors look for.
    Markers,
    /// `/_badutf8/`: 200 with 2 MB of bytes that are not UTF-8.
    BadUtf8,
    /// `/_echokey/`: a 401 whose message repeats the key it was sent, raw and percent-encoded.
    EchoKey,
    /// `/_many/`: a model list of [`MANY_MODELS`] ids.
    Many,
    /// `/_xss/`: script-injection payloads in every field an answer has (see [`crate::xss`]).
    Xss,
    /// `/_canary/`: records a hit; a payload that ran would have fetched it.
    Canary,
    /// `/_gzbomb/`: gzip that inflates to 256 MB (see [`crate::bomb`]).
    GzBomb,
}

/// How many model ids `/_many/` lists.
pub const MANY_MODELS: usize = 100_000;

/// Every load prefix with what it does, for the banner.
pub const LOADS: &[(&str, &str)] = &[
    ("/_huge/", "200 chat completion of about --huge-mb MB (default 20)"),
    (
        "/_flood/",
        "--flood-events chat stream events (default 20000) at full speed",
    ),
    ("/_endless/", "a chat stream that never ends (an event every 20 ms)"),
    ("/_cut/", "three chat stream events, then the connection breaks"),
    (
        "/_markers/",
        "401 whose message is ~1 MB of phrases the diagnosis extracts from",
    ),
    ("/_badutf8/", "200 with 2 MB of invalid UTF-8"),
    (
        "/_echokey/",
        "401 whose message echoes the key sent (raw and percent-encoded)",
    ),
    ("/_many/", "a model list of 100,000 ids"),
    (
        "/_xss/",
        "script-injection payloads in every answer field (err/, sse/, models, images, video)",
    ),
    (
        "/_canary/",
        "records a hit (GET /_twin/canary lists them): no payload may reach it",
    ),
];

impl Load {
    /// The load a path segment names.
    pub fn parse(segment: &str) -> Option<Load> {
        Some(match segment {
            "_huge" => Load::Huge,
            "_flood" => Load::Flood,
            "_endless" => Load::Endless,
            "_cut" => Load::Cut,
            "_markers" => Load::Markers,
            "_badutf8" => Load::BadUtf8,
            "_echokey" => Load::EchoKey,
            "_many" => Load::Many,
            "_xss" => Load::Xss,
            "_canary" => Load::Canary,
            "_gzbomb" => Load::GzBomb,
            _ => return None,
        })
    }
}

/// The flood's `i`-th word: the merged text is these words in order, so a client that lost
/// or reordered an event shows it.
pub fn flood_word(i: usize) -> String {
    format!("w{i} ")
}

fn chunk_event(content: &str) -> String {
    let chunk = json!({
        "id": "chatcmpl-twinload", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5.4",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}],
    });
    format!("data: {chunk}\n\n")
}

/// The last chunk of a whole chat stream: no content, the reason it stopped.
fn finish_event() -> String {
    let chunk = json!({
        "id": "chatcmpl-twinload", "object": "chat.completion.chunk", "created": 1, "model": "gpt-5.4",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
    });
    format!("data: {chunk}\n\n")
}

/// A stream of ready-made events, sent back to back.
pub(crate) fn event_stream_of(events: Vec<String>) -> Response {
    let stream = stream::iter(events.into_iter().map(|e| Ok::<_, Infallible>(Bytes::from(e))));
    event_stream(Body::from_stream(stream))
}

fn event_stream(body: Body) -> Response {
    let mut resp = Response::new(body);
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

pub(crate) fn json_answer(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// The key a request carried, in whichever header it came.
fn key_sent(headers: &HeaderMap) -> String {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    value("authorization")
        .map(|v| v.trim_start_matches("Bearer ").to_string())
        .or_else(|| value("x-api-key"))
        .or_else(|| value("x-goog-api-key"))
        .unwrap_or_default()
}

/// Percent-encodes everything but unreserved characters.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The answer for a load; `path` is the whole request path, `host` the twin's own address.
pub fn answer(load: Load, twin: &Twin, headers: &HeaderMap, path: &str) -> Response {
    let config = &twin.config;
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    match load {
        Load::Many => {
            let data: Vec<_> = (0..MANY_MODELS)
                .map(|i| json!({"id": format!("vendor-{}/model-{i}", i % 97), "object": "model", "owned_by": "twin"}))
                .collect();
            json_answer(StatusCode::OK, json!({"object": "list", "data": data}).to_string())
        }
        Load::Xss => {
            let rest = path
                .trim_start_matches('/')
                .strip_prefix("_xss")
                .unwrap_or("")
                .trim_start_matches('/');
            crate::xss::answer(rest, &format!("http://{host}/_canary"))
        }
        Load::GzBomb => {
            let chunks: Vec<Result<Bytes, Infallible>> = crate::bomb::body()
                .chunks(64 * 1024)
                .map(|c| Ok(Bytes::from_static(c)))
                .collect();
            let mut resp = json_answer(StatusCode::OK, Body::from_stream(stream::iter(chunks)));
            resp.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            resp
        }
        Load::Canary => {
            twin.record_canary(path);
            let mut resp = Response::new(Body::empty());
            *resp.status_mut() = StatusCode::NO_CONTENT;
            resp
        }
        Load::Huge => {
            // One long content string of plain words, so the body is valid JSON of the size asked.
            let words = config.huge_bytes / 6;
            let mut content = String::with_capacity(words * 6);
            for i in 0..words {
                content.push_str(if i % 10 == 9 { "word. " } else { "word, " });
            }
            let body = json!({
                "id": "chatcmpl-twinhuge", "object": "chat.completion", "created": 1, "model": "gpt-5.4",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 5, "completion_tokens": words, "total_tokens": words + 5},
            });
            json_answer(StatusCode::OK, body.to_string())
        }
        Load::Flood => {
            // Events are packed into chunks of ~64 KB and sent back to back: the network is as
            // fast as it gets, so the client's own work is what is measured.
            let count = config.flood_events;
            let mut chunks: Vec<String> = Vec::new();
            let mut current = String::new();
            for i in 0..count {
                current.push_str(&chunk_event(&flood_word(i)));
                if current.len() > 64 * 1024 {
                    chunks.push(std::mem::take(&mut current));
                }
            }
            // A whole chat stream says why it stopped before `[DONE]`.
            current.push_str(&finish_event());
            current.push_str("data: [DONE]\n\n");
            chunks.push(current);
            let stream = stream::iter(chunks.into_iter().map(|c| Ok::<_, Infallible>(Bytes::from(c))));
            event_stream(Body::from_stream(stream))
        }
        Load::Endless => {
            let stream = stream::iter(0u64..).then(|i| async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                Ok::<_, Infallible>(Bytes::from(chunk_event(&format!("tick{i} "))))
            });
            event_stream(Body::from_stream(stream))
        }
        Load::Cut => {
            let stream = stream::iter(0..4).then(|i| async move {
                tokio::time::sleep(Duration::from_millis(30)).await;
                if i < 3 {
                    Ok(Bytes::from(chunk_event(&format!("part{i} "))))
                } else {
                    // An error from the body stream makes the server drop the connection
                    // mid-body: the browser's read() rejects, as with a proxy that gives up.
                    Err(std::io::Error::other("the twin breaks this connection on purpose"))
                }
            });
            event_stream(Body::from_stream(stream))
        }
        Load::Markers => {
            let mut message = String::from("No available channel for model gpt-9 under group default ");
            while message.len() < 1024 * 1024 {
                message.push_str(
                    "model gpt-9/gpt-9/ try again in 9999 under group g field \"x\" Invalid URL (POST /v1/v1 ",
                );
            }
            let body = json!({"error": {"message": message, "type": "new_api_error", "code": "model_not_found"}});
            json_answer(StatusCode::SERVICE_UNAVAILABLE, body.to_string())
        }
        Load::BadUtf8 => {
            let mut bytes = b"{\"note\":\"".to_vec();
            bytes.extend(std::iter::repeat_n([0xC3u8, 0x28, 0xFF], 2 * 1024 * 1024 / 3).flatten());
            bytes.extend_from_slice(b"\"}");
            json_answer(StatusCode::OK, bytes)
        }
        Load::EchoKey => {
            let key = key_sent(headers);
            let message = format!(
                "Invalid token {key} (sent as {}; request id: 20261202000000000000000EchoKey)",
                percent(&key)
            );
            let body = json!({"error": {"message": message, "type": "new_api_error", "code": ""}});
            json_answer(StatusCode::UNAUTHORIZED, body.to_string())
        }
    }
}
