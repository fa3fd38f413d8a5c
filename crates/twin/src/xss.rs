//! The hostile suite's script-injection answers (`/_xss/…`) and its canary (`/_canary/…`).
//!
//! Every text the playground shows from an answer (the error message, type and code, the
//! request id, header values, model ids, the streamed text, image URLs, a task's id and
//! status) carries payloads that, if they ever ran as HTML or script, would fetch the
//! canary on this twin. The canary records each hit; `GET /_twin/canary` lists them. A
//! page that shows answers as text never hits it.

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::loads::{event_stream_of, json_answer};

/// The payloads, each aimed at `canary` (`http://host/_canary`) with its own path so a hit
/// names the vector that got through.
pub fn payloads(canary: &str) -> Vec<String> {
    vec![
        format!("<img src=x onerror=\"fetch('{canary}/img-onerror')\">"),
        format!("<script>fetch('{canary}/script')</script>"),
        format!("<script src=\"{canary}/script-src.js\"></script>"),
        format!("<svg onload=\"fetch('{canary}/svg-onload')\"></svg>"),
        format!("<iframe src=\"{canary}/iframe\"></iframe>"),
        format!("<a href=\"javascript:fetch('{canary}/a-href')\">click</a>"),
        format!("<img src=\"{canary}/img-src\">"),
        format!("<link rel=stylesheet href=\"{canary}/link\">"),
        format!("<style>@import url({canary}/style-import);</style>"),
        format!("<object data=\"{canary}/object\"></object>"),
        format!("\"><img src=\"{canary}/attr-break\">"),
        format!("'><svg/onload=fetch('{canary}/single-quote')>"),
        format!("{{{{constructor.constructor('fetch(\"{canary}/template\")')()}}}}"),
        format!("javascript:fetch('{canary}/bare-js')"),
        format!("<math><mtext><table><mglyph><style><img src=\"{canary}/mxss\">"),
    ]
}

/// A header-safe payload (visible ASCII only): headers cannot carry the others.
fn header_payload(canary: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("<img src=\"{canary}/header\">"))
        .unwrap_or_else(|_| HeaderValue::from_static("<script>1</script>"))
}

/// The answer for a request to `/_xss/<rest>`, by what `rest` names: `err/` an error of
/// the new-api shape, `sse/` a chat stream, a model list, images, a task; anything else a
/// chat completion. `canary` is this twin's canary address.
pub fn answer(rest: &str, canary: &str) -> Response {
    let p = payloads(canary);
    let all = p.join(" ");
    let mut resp = if rest.starts_with("err/") {
        let message = format!("{all} (request id: <b>20261202</b>{})", p[0]);
        let body = json!({"error": {"message": message, "type": p[1], "param": p[4], "code": p[2]}});
        json_answer(StatusCode::BAD_REQUEST, body.to_string())
    } else if rest.starts_with("sse/") {
        let mut events: Vec<String> = p
            .iter()
            .map(|payload| {
                let chunk = json!({"id": "x", "object": "chat.completion.chunk", "model": p[3],
                    "choices": [{"index": 0, "delta": {"content": format!("{payload} "), "reasoning_content": p[5]}, "finish_reason": null}]});
                format!("data: {chunk}\n\n")
            })
            .collect();
        let last = json!({"id": "x", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": p[6]}],
            "usage": {"prompt_tokens": 1, "completion_tokens": p.len(), "total_tokens": p.len() + 1}});
        events.push(format!("data: {last}\n\ndata: [DONE]\n\n"));
        event_stream_of(events)
    } else if rest.ends_with("models") || rest.ends_with("models/") {
        let data: Vec<_> = p
            .iter()
            .map(|id| json!({"id": id, "object": "model", "owned_by": p[7]}))
            .collect();
        json_answer(StatusCode::OK, json!({"object": "list", "data": data}).to_string())
    } else if rest.contains("images/") {
        let body = json!({"created": 1, "data": [
            {"url": format!("javascript:fetch('{canary}/image-url')")},
            {"url": format!("data:text/html,<script>fetch('{canary}/image-data-html')</script>")},
            {"b64_json": format!("\"><img src=\"{canary}/b64\">")},
        ]});
        json_answer(StatusCode::OK, body.to_string())
    } else if rest.contains("video/generations") {
        let body = json!({"task_id": p[0], "status": p[1], "progress": 100,
            "url": format!("javascript:fetch('{canary}/video-url')"), "error": p[2]});
        json_answer(StatusCode::OK, body.to_string())
    } else {
        let body = json!({"id": p[9], "object": "chat.completion", "created": 1, "model": p[3],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": all, "reasoning_content": p[5]}, "finish_reason": p[6]}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}});
        json_answer(StatusCode::OK, body.to_string())
    };
    let h = resp.headers_mut();
    let value = header_payload(canary);
    for name in ["x-oneapi-request-id", "x-request-id", "server"] {
        h.insert(name, value.clone());
    }
    h.insert("access-control-expose-headers", HeaderValue::from_static("*"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_payload_aims_at_the_canary() {
        for p in payloads("http://twin/_canary") {
            assert!(p.contains("http://twin/_canary/"), "{p}");
        }
    }
}
