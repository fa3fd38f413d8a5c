//! Claude Messages: `POST /v1/messages`, with Anthropic's validation wording and stream events.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::b64;
use crate::call::{Call, Refusal, Usage};
use crate::envelope::{json_response, Ctx, Fault, Shape};
use crate::models::{Endpoint, TestModel};
use crate::state::Twin;
use crate::upstream::{self, count_tokens, deltas, named_event, sse};
use crate::validate::go_types;

/// Content block types Anthropic accepts in messages.
const BLOCKS: &[&str] = &[
    "text",
    "image",
    "document",
    "tool_use",
    "tool_result",
    "thinking",
    "redacted_thinking",
];

/// `POST /v1/messages`.
pub async fn messages(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::Claude);
    relay(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

async fn relay(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (body, model) = call.admit_json(req, Endpoint::Text, "/v1/messages").await?;
    go_types(
        &body,
        "ClaudeRequest",
        &[
            ("max_tokens", "uint"),
            ("messages", "[]dto.ClaudeMessage"),
            ("stream", "bool"),
            ("temperature", "*float64"),
            ("top_p", "*float64"),
        ],
    )
    .map_err(|f| call.fail(f))?;
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    let breaks_mid_stream = stream && call.test_model() == Some(TestModel::UpstreamError);
    call.upstream(breaks_mid_stream).await?;
    let (user_text, images, prompt) = anthropic_checks(&body).map_err(|f| call.fail(f))?;

    let text = upstream::reply(&user_text, images);
    let usage = Usage::text(prompt, count_tokens(&text));
    let id = format!("msg_01Twin{:016}", call.twin.next_seq());
    let usage_json = json!({
        "input_tokens": usage.prompt, "output_tokens": usage.completion,
        "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
    });
    if !stream {
        let answer = json!({
            "id": id, "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn", "stop_sequence": null, "usage": usage_json,
        });
        return Ok(call.done(json_response(StatusCode::OK, &answer), usage, "claude message"));
    }

    let mut events = vec![
        named_event(
            "message_start",
            &json!({"type": "message_start", "message": {
                "id": id, "type": "message", "role": "assistant", "model": model, "content": [],
                "stop_reason": null, "stop_sequence": null,
                "usage": {"input_tokens": usage.prompt, "output_tokens": 1},
            }}),
        ),
        named_event(
            "content_block_start",
            &json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
        named_event("ping", &json!({"type": "ping"})),
    ];
    let delta = |d: &str| {
        named_event(
            "content_block_delta",
            &json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": d}}),
        )
    };
    let pieces = deltas(&text);
    if breaks_mid_stream {
        // The upstream dies after the 200 went out: the client sees an error event mid-stream.
        events.push(delta(pieces.first().map(String::as_str).unwrap_or("")));
        events.push(named_event(
            "error",
            &json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
        ));
        return Ok(call.done(
            sse(events, call.twin.config.stream_delay),
            usage,
            "claude message (stream broke)",
        ));
    }
    events.extend(pieces.iter().map(|d| delta(d)));
    events.push(named_event(
        "content_block_stop",
        &json!({"type": "content_block_stop", "index": 0}),
    ));
    events.push(named_event(
        "message_delta",
        &json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
                "usage": {"output_tokens": usage.completion}}),
    ));
    events.push(named_event("message_stop", &json!({"type": "message_stop"})));
    Ok(call.done(
        sse(events, call.twin.config.stream_delay),
        usage,
        "claude message (stream)",
    ))
}

/// The top-level fields of a Messages request, as Anthropic documents them (without betas).
const MESSAGES_FIELDS: &[&str] = &[
    "model",
    "messages",
    "max_tokens",
    "system",
    "metadata",
    "stop_sequences",
    "stream",
    "temperature",
    "top_p",
    "top_k",
    "tools",
    "tool_choice",
    "thinking",
    "service_tier",
    "container",
    "mcp_servers",
];

/// Anthropic's request validation; returns (last user text, images, prompt tokens).
fn anthropic_checks(body: &Value) -> Result<(String, usize, u64), Fault> {
    let max_tokens = body.get("max_tokens").filter(|v| !v.is_null());
    match max_tokens {
        None => return Err(Fault::claude_invalid("max_tokens: Field required")),
        Some(v) if v.as_u64().is_none_or(|n| n < 1) => {
            return Err(Fault::claude_invalid(
                "max_tokens: Input should be greater than or equal to 1",
            ))
        }
        _ => {}
    }
    let Some(messages) = body.get("messages").filter(|v| !v.is_null()) else {
        return Err(Fault::claude_invalid("messages: Field required"));
    };
    let messages = messages.as_array().cloned().unwrap_or_default();
    if messages.is_empty() {
        return Err(Fault::claude_invalid("messages: at least one message is required"));
    }
    // Like Anthropic's own validation, any top-level field outside the documented request
    // is refused by name. `context_management` is one of them here: it only exists behind a
    // beta the twin's channel does not have (Claude Code's experimental betas).
    if let Some(extra) = body
        .as_object()
        .and_then(|fields| fields.keys().find(|k| !MESSAGES_FIELDS.contains(&k.as_str())))
    {
        return Err(Fault::claude_invalid(format!(
            "{extra}: Extra inputs are not permitted"
        )));
    }
    if let Some(t) = body.get("temperature").and_then(Value::as_f64) {
        if t > 1.0 {
            return Err(Fault::claude_invalid(
                "temperature: Input should be less than or equal to 1",
            ));
        }
        if t < 0.0 {
            return Err(Fault::claude_invalid(
                "temperature: Input should be greater than or equal to 0",
            ));
        }
    }
    let mut last_user = (String::new(), 0);
    let mut prompt = body.get("system").map(|s| count_tokens(&system_text(s))).unwrap_or(0);
    for (i, m) in messages.iter().enumerate() {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("");
        if role != "user" && role != "assistant" {
            return Err(Fault::claude_invalid(format!(
                "messages.{i}.role: Input should be 'user' or 'assistant'"
            )));
        }
        let content = m.get("content").unwrap_or(&Value::Null);
        match content {
            Value::String(_) => {}
            Value::Array(blocks) => {
                for (j, block) in blocks.iter().enumerate() {
                    check_block(i, j, block)?;
                }
            }
            Value::Null => return Err(Fault::claude_invalid(format!("messages.{i}.content: Field required"))),
            _ => {
                return Err(Fault::claude_invalid(format!(
                    "messages.{i}.content: Input should be a valid string or a valid list"
                )))
            }
        }
        let (text, images) = upstream::content_text(content);
        prompt += count_tokens(&text) + 3 + 85 * images as u64;
        if role == "user" {
            last_user = (text, images);
        }
    }
    Ok((last_user.0, last_user.1, prompt))
}

fn check_block(i: usize, j: usize, block: &Value) -> Result<(), Fault> {
    let kind = block.get("type").and_then(Value::as_str).unwrap_or("");
    if !BLOCKS.contains(&kind) {
        let tags = BLOCKS.iter().map(|b| format!("'{b}'")).collect::<Vec<_>>().join(", ");
        return Err(Fault::claude_invalid(format!(
            "messages.{i}.content.{j}: Input tag '{kind}' found using 'type' does not match any of the expected tags: {tags}"
        )));
    }
    if kind == "image" && block.pointer("/source/type").and_then(Value::as_str) == Some("base64") {
        let media = block
            .pointer("/source/media_type")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !["image/jpeg", "image/png", "image/gif", "image/webp"].contains(&media) {
            return Err(Fault::claude_invalid(format!(
                "messages.{i}.content.{j}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"
            )));
        }
        let data = block.pointer("/source/data").and_then(Value::as_str).unwrap_or("");
        if b64::decode(data).is_none_or(|bytes| bytes.is_empty()) {
            return Err(Fault::claude_invalid(format!(
                "messages.{i}.content.{j}.image.source.base64.data: The image data is not valid base64"
            )));
        }
    }
    Ok(())
}

fn system_text(system: &Value) -> String {
    match system {
        Value::String(s) => s.clone(),
        other => upstream::content_text(other).0,
    }
}
