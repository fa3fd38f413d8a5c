//! Stream framing per protocol, and early failures that come back as plain JSON.

mod common;

use common::{post, twin};
use serde_json::{json, Value};

fn parse(lines: &[String]) -> Vec<Value> {
    lines
        .iter()
        .filter(|l| *l != "[DONE]")
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect()
}

#[tokio::test]
async fn chat_stream_is_sse_with_done_and_usage() {
    let app = twin();
    let body = json!({
        "model": "gpt-5.4", "stream": true, "stream_options": {"include_usage": true},
        "messages": [{"role": "user", "content": "stream me"}],
    });
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let data = r.sse_data();
    assert_eq!(data.last().map(String::as_str), Some("[DONE]"));
    let chunks = parse(&data);
    assert!(chunks.len() > 4, "several chunks");
    assert!(chunks.iter().all(|c| c["object"] == "chat.completion.chunk"));
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(text, "Hello from the RouteScope twin. You said: stream me");
    let finish = &chunks[chunks.len() - 2];
    assert_eq!(finish["choices"][0]["finish_reason"], "stop");
    let usage = &chunks[chunks.len() - 1];
    assert_eq!(usage["choices"], json!([]));
    assert!(usage["usage"]["total_tokens"].as_u64().unwrap_or(0) > 0);
}

#[tokio::test]
async fn chat_stream_without_usage_and_early_failure_as_json() {
    let app = twin();
    let body = json!({"model": "gpt-5.4", "stream": true, "messages": [{"role": "user", "content": "x"}]});
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert!(parse(&r.sse_data()).iter().all(|c| c.get("usage").is_none()));

    let body = json!({"model": "twin-upstream-error", "stream": true, "messages": [{"role": "user", "content": "x"}]});
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 500);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8"),
        "early failures are not SSE"
    );
}

#[tokio::test]
async fn responses_stream_names_its_events() {
    let app = twin();
    let body = json!({"model": "gpt-5.4", "input": "one two three", "stream": true});
    let r = post("/v1/responses").key("sk-twin-valid").json(body).send(&app).await;
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let events = r.sse_events();
    assert_eq!(events.first().map(String::as_str), Some("response.created"));
    assert_eq!(events.last().map(String::as_str), Some("response.completed"));
    assert!(events.iter().filter(|e| *e == "response.output_text.delta").count() >= 3);
    assert!(events.iter().any(|e| e == "response.output_text.done"));
    let data = parse(&r.sse_data());
    for (name, payload) in events.iter().zip(&data) {
        assert_eq!(payload["type"], name.as_str(), "event name matches data.type");
    }
    let text: String = data
        .iter()
        .filter(|d| d["type"] == "response.output_text.delta")
        .filter_map(|d| d["delta"].as_str())
        .collect();
    assert_eq!(text, "Hello from the RouteScope twin. You said: one two three");
    let done = data.last().cloned().unwrap_or_default();
    assert_eq!(done["response"]["status"], "completed");
    assert_eq!(done["response"]["output"][0]["content"][0]["text"], text.as_str());
}

#[tokio::test]
async fn claude_stream_event_sequence() {
    let app = twin();
    let body = json!({"model": "claude-sonnet-4-6", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "hello"}]});
    let r = post("/v1/messages").key("sk-twin-valid").json(body).send(&app).await;
    assert_eq!(r.status, 200);
    let events = r.sse_events();
    let mut compact: Vec<&str> = events.iter().map(String::as_str).collect();
    compact.dedup();
    assert_eq!(
        compact,
        [
            "message_start",
            "content_block_start",
            "ping",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    let data = parse(&r.sse_data());
    let text: String = data.iter().filter_map(|d| d["delta"]["text"].as_str()).collect();
    assert_eq!(text, "Hello from the RouteScope twin. You said: hello");
    assert!(r
        .text()
        .contains("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

#[tokio::test]
async fn claude_stream_breaks_after_the_200() {
    let app = twin();
    let body = json!({"model": "twin-upstream-error", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "hello"}]});
    let r = post("/v1/messages").key("sk-twin-valid").json(body).send(&app).await;
    assert_eq!(r.status, 200);
    let events = r.sse_events();
    assert_eq!(events.first().map(String::as_str), Some("message_start"));
    assert_eq!(events.last().map(String::as_str), Some("error"));
    assert!(!events.iter().any(|e| e == "message_stop"));
    let last = parse(&r.sse_data()).pop().unwrap_or_default();
    assert_eq!(
        last,
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
    );
    // Without stream the same model fails before any body.
    let body =
        json!({"model": "twin-upstream-error", "max_tokens": 100, "messages": [{"role": "user", "content": "hello"}]});
    let r = post("/v1/messages").key("sk-twin-valid").json(body).send(&app).await;
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["type"], "error");
}

#[tokio::test]
async fn gemini_streams_sse_with_alt_and_a_json_array_without() {
    let app = twin();
    let body = json!({"contents": [{"role": "user", "parts": [{"text": "stream gemini"}]}]});
    let r = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        .key("sk-twin-valid")
        .json(body.clone())
        .send(&app)
        .await;
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let chunks = parse(&r.sse_data());
    assert!(chunks.len() > 2);
    let text: String = chunks
        .iter()
        .filter_map(|c| c["candidates"][0]["content"]["parts"][0]["text"].as_str())
        .collect();
    assert_eq!(text, "Hello from the RouteScope twin. You said: stream gemini");
    assert_eq!(
        chunks.last().map(|c| c["candidates"][0]["finishReason"].clone()),
        Some(json!("STOP"))
    );

    let r = post("/v1/models/gemini-2.5-flash:streamGenerateContent")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert!(r.json().as_array().is_some_and(|a| a.len() == chunks.len()));
}

#[tokio::test]
async fn stream_events_are_paced() {
    let app = gateway_twin::app(gateway_twin::Config {
        stream_delay: std::time::Duration::from_millis(5),
        ..gateway_twin::Config::fast()
    });
    let started = std::time::Instant::now();
    let body = json!({"model": "gpt-5.4", "stream": true, "messages": [{"role": "user", "content": "a b c d"}]});
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    let events = r.sse_data().len() as u32;
    assert!(started.elapsed() >= std::time::Duration::from_millis(5) * (events - 1));
}

#[tokio::test]
async fn a_stream_that_breaks_sends_tokens_then_an_error_chunk_in_each_profile() {
    use gateway_twin::profile::Profile;
    for (profile, marker) in [
        (Profile::NewApi, "server_error"),
        (Profile::LiteLlm, "litellm.InternalServerError"),
        (Profile::OpenRouter, "\"finish_reason\":\"error\""),
    ] {
        let app = gateway_twin::app(gateway_twin::Config {
            profile,
            ..gateway_twin::Config::fast()
        });
        let body = json!({"model": "twin-stream-breaks", "stream": true, "messages": [{"role": "user", "content": "one two three"}]});
        let r = post("/v1/chat/completions")
            .key("sk-twin-valid")
            .json(body)
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "{profile:?}");
        assert_eq!(r.header("content-type"), Some("text/event-stream"), "{profile:?}");
        let text = r.text();
        assert!(text.contains("\"content\""), "{profile:?}: some tokens first: {text}");
        assert!(text.contains(marker), "{profile:?}: the family's error chunk: {text}");
        assert!(!text.contains("[DONE]"), "{profile:?}: no end marker");
    }
}

#[tokio::test]
async fn a_stream_whose_error_was_dropped_closes_with_done_and_no_finish_reason() {
    let app = twin();
    let body = json!({"model": "twin-stream-error-dropped", "stream": true, "messages": [{"role": "user", "content": "one two three"}]});
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let text = r.text();
    assert!(text.contains("\"content\""), "some tokens first: {text}");
    assert!(
        text.trim_end().ends_with("data: [DONE]"),
        "closed as if finished: {text}"
    );
    assert!(!text.contains("\"finish_reason\":\""), "no finish reason: {text}");
}

#[tokio::test]
async fn a_success_status_that_is_not_an_answer() {
    let app = twin();
    let body = json!({"model": "twin-not-an-answer", "messages": [{"role": "user", "content": "x"}]});
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["choices"], json!([]));
}
