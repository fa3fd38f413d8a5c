//! OpenAI-style text routes: `POST /v1/chat/completions` and `POST /v1/responses`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::call::{Call, Refusal, Usage};
use crate::clock::unix_now;
use crate::envelope::{json_response, Ctx, Fault, GatewayMsg, Shape};
use crate::models::{Endpoint, TestModel};
use crate::state::Twin;
use crate::upstream::{self, count_tokens, data_event, deltas, named_event, sse};
use crate::validate::{go_types, type_name};

/// The roles OpenAI accepts in `messages`.
const ROLES: &[&str] = &["system", "assistant", "user", "function", "tool", "developer"];

/// OpenAI's range checks for the sampling knobs.
fn sampling(body: &Value) -> Result<(), Fault> {
    for (param, max) in [("temperature", 2.0), ("top_p", 1.0)] {
        if let Some(v) = body.get(param).and_then(Value::as_f64) {
            if !(0.0..=max).contains(&v) {
                return Err(Fault::out_of_range(param, v, 0.0, max));
            }
        }
    }
    Ok(())
}

fn run(result: Result<Response, Refusal>) -> Response {
    result.unwrap_or_else(|refusal| *refusal)
}

/// `POST /v1/chat/completions`.
pub async fn chat_completions(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    run(chat(&mut call, req).await)
}

async fn chat(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (body, model) = call.admit_json(req, Endpoint::Text, "/v1/chat/completions").await?;
    chat_gateway_checks(&body).map_err(|f| call.fail(f))?;
    let streamed = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    let breaks_mid_stream = streamed && call.test_model() == Some(TestModel::BreaksMidStream);
    let drops_stream_error = streamed && call.test_model() == Some(TestModel::DropsStreamError);
    call.upstream(false).await?;
    let (user_text, images, prompt) = chat_upstream_checks(&body).map_err(|f| call.fail(f))?;

    let text = upstream::reply(&user_text, images);
    let usage = Usage::text(prompt, count_tokens(&text));
    let id = format!("chatcmpl-twin{:012}", call.twin.next_seq());
    let created = unix_now();
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    let usage_json = json!({
        "prompt_tokens": usage.prompt,
        "completion_tokens": usage.completion,
        "total_tokens": usage.prompt + usage.completion,
    });
    if call.test_model() == Some(TestModel::NotAnAnswer) {
        let empty = json!({"id": id, "object": "chat.completion", "created": created, "model": model, "choices": []});
        return Ok(call.done(
            json_response(StatusCode::OK, &empty),
            usage,
            "chat completion (no choices)",
        ));
    }
    if call.test_model() == Some(TestModel::ErrorOn200) {
        // The provider failed after the gateway had committed to a 200: the error rides in
        // the choice (OpenRouter documents this shape for non-streamed answers).
        let failed = json!({
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": "partial output"},
                "finish_reason": "error",
                "error": {"code": 502, "message": "Provider disconnected mid-stream", "metadata": {"error_type": "provider_unavailable"}},
            }],
        });
        return Ok(call.done(
            json_response(StatusCode::OK, &failed),
            usage,
            "chat completion (choice failed)",
        ));
    }
    let reasons_and_calls = call.test_model() == Some(TestModel::ReasonsAndCalls);
    let reasoning = "The user asks about the weather: call get_weather for Paris.";
    let arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
    if reasons_and_calls && !stream {
        let answer = json!({
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "choices": [{
                "index": 0,
                "message": {
                    "role": "assistant", "content": text, "reasoning_content": reasoning,
                    "tool_calls": [{"id": "call_twin_1", "type": "function", "function": {"name": "get_weather", "arguments": arguments}}],
                },
                "finish_reason": "tool_calls",
            }],
            "usage": usage_json,
        });
        return Ok(call.done(
            json_response(StatusCode::OK, &answer),
            usage,
            "chat completion (reasoning, tool call)",
        ));
    }
    if !stream {
        let answer = json!({
            "id": id,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": null},
                "logprobs": null,
                "finish_reason": "stop",
            }],
            "usage": usage_json,
            "system_fingerprint": null,
        });
        return Ok(call.done(json_response(StatusCode::OK, &answer), usage, "chat completion"));
    }
    let chunk = |delta: Value, finish: Value| {
        data_event(&json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}],
        }))
    };
    let mut events = vec![chunk(json!({"role": "assistant", "content": ""}), Value::Null)];
    if breaks_mid_stream {
        // Some content, then the provider's error chunk and no end marker.
        events.extend(
            deltas(&text)
                .iter()
                .take(2)
                .map(|d| chunk(json!({"content": d}), Value::Null)),
        );
        events.push(data_event(&call.ctx.profile.stream_error(&id)));
        return Ok(call.done(
            sse(events, call.twin.config.stream_delay),
            usage,
            "chat completion (stream broke)",
        ));
    }
    if drops_stream_error {
        // Some content, then the end marker as if it had finished: the provider's error
        // chunk was dropped on the way, and no choice says why the answer stopped.
        events.extend(
            deltas(&text)
                .iter()
                .take(2)
                .map(|d| chunk(json!({"content": d}), Value::Null)),
        );
        events.push("data: [DONE]\n\n".to_owned());
        return Ok(call.done(
            sse(events, call.twin.config.stream_delay),
            usage,
            "chat completion (stream error dropped)",
        ));
    }
    if reasons_and_calls {
        events.extend(
            deltas(reasoning)
                .iter()
                .map(|d| chunk(json!({"reasoning_content": d}), Value::Null)),
        );
    }
    events.extend(deltas(&text).iter().map(|d| chunk(json!({"content": d}), Value::Null)));
    if reasons_and_calls {
        // The call's name comes first, its arguments in pieces, as OpenAI streams them.
        events.push(chunk(
            json!({"tool_calls": [{"index": 0, "id": "call_twin_1", "type": "function", "function": {"name": "get_weather", "arguments": ""}}]}),
            Value::Null,
        ));
        let (head, tail) = arguments.split_at(arguments.len() / 2);
        for piece in [head, tail] {
            events.push(chunk(
                json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}),
                Value::Null,
            ));
        }
    }
    events.push(chunk(
        json!({}),
        json!(if reasons_and_calls { "tool_calls" } else { "stop" }),
    ));
    let include_usage = body
        .pointer("/stream_options/include_usage")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if include_usage {
        events.push(data_event(&json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [], "usage": usage_json,
        })));
    }
    events.push("data: [DONE]\n\n".to_owned());
    Ok(call.done(
        sse(events, call.twin.config.stream_delay),
        usage,
        "chat completion (stream)",
    ))
}

fn chat_gateway_checks(body: &Value) -> Result<(), Fault> {
    go_types(
        body,
        "GeneralOpenAIRequest",
        &[
            ("messages", "[]dto.Message"),
            ("stream", "bool"),
            ("stream_options", "*dto.StreamOptions"),
            ("temperature", "*float64"),
            ("top_p", "float64"),
            ("max_tokens", "uint"),
            ("max_completion_tokens", "uint"),
            ("n", "int"),
        ],
    )?;
    let messages = body.get("messages").and_then(Value::as_array);
    let Some(messages) = messages.filter(|m| !m.is_empty()) else {
        return Err(GatewayMsg::field_required("messages").into());
    };
    for m in messages {
        if !m.is_object() {
            return Err(GatewayMsg::unmarshal(m, "GeneralOpenAIRequest", "messages", "dto.Message").into());
        }
        if let Some(role) = m.get("role").filter(|r| !r.is_string() && !r.is_null()) {
            return Err(GatewayMsg::unmarshal(role, "Message", "role", "string").into());
        }
    }
    if body
        .get("max_tokens")
        .and_then(Value::as_u64)
        .is_some_and(|n| n > i32::MAX as u64 / 2)
    {
        return Err(GatewayMsg::invalid_request_500("max_tokens is invalid".into()).into());
    }
    Ok(())
}

/// The upstream's own checks; returns (last user text, images seen, prompt tokens).
fn chat_upstream_checks(body: &Value) -> Result<(String, usize, u64), Fault> {
    let messages = body
        .get("messages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut last_user = (String::new(), 0);
    let mut prompt = 0;
    for (i, m) in messages.iter().enumerate() {
        let Some(role) = m.get("role").and_then(Value::as_str) else {
            return Err(Fault::invalid(
                &format!("messages[{i}].role"),
                "missing_required_parameter",
                format!("Missing required parameter: 'messages[{i}].role'."),
            ));
        };
        if !ROLES.contains(&role) {
            return Err(Fault::not_one_of(&format!("messages[{i}].role"), role, ROLES));
        }
        let content = m.get("content").unwrap_or(&Value::Null);
        if let Some(parts) = content.as_array() {
            for (j, p) in parts.iter().enumerate() {
                let kind = p.get("type").and_then(Value::as_str).unwrap_or("");
                let known = ["text", "image_url", "input_audio", "refusal", "audio", "file"];
                if !known.contains(&kind) {
                    return Err(Fault::not_one_of(
                        &format!("messages[{i}].content[{j}].type"),
                        kind,
                        &known,
                    ));
                }
            }
        } else if !content.is_string() && !content.is_null() {
            return Err(Fault::invalid(
                &format!("messages[{i}].content"),
                "invalid_type",
                format!("Invalid type for 'messages[{i}].content': expected one of a string or array of objects, but got {} instead.", type_name(content)),
            ));
        }
        let (text, images) = upstream::content_text(content);
        prompt += count_tokens(&text) + 3 + 85 * images as u64;
        if role == "user" {
            last_user = (text, images);
        }
    }
    sampling(body)?;
    Ok((last_user.0, last_user.1, prompt))
}

/// `POST /v1/responses`.
pub async fn responses(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    run(respond(&mut call, req).await)
}

async fn respond(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (body, model) = call.admit_json(req, Endpoint::Text, "/v1/responses").await?;
    go_types(
        &body,
        "OpenAIResponsesRequest",
        &[
            ("input", "json.RawMessage"),
            ("stream", "bool"),
            ("temperature", "*float64"),
            ("top_p", "*float64"),
            ("max_output_tokens", "uint"),
            ("reasoning", "*dto.Reasoning"),
        ],
    )
    .map_err(|f| call.fail(f))?;
    if body.get("input").is_none_or(Value::is_null) {
        return Err(call.fail(GatewayMsg::invalid_request_500("input is required".into())));
    }
    call.upstream(false).await?;
    let (user_text, images) = responses_upstream_checks(&body).map_err(|f| call.fail(f))?;

    let instructions = body.get("instructions").and_then(Value::as_str).unwrap_or("");
    let text = upstream::reply(&user_text, images);
    let usage = Usage::text(
        count_tokens(instructions) + count_tokens(&user_text) + 85 * images as u64,
        count_tokens(&text),
    );
    let seq = call.twin.next_seq();
    let (resp_id, msg_id) = (format!("resp_twin{seq:012}"), format!("msg_twin{seq:012}"));
    let created = unix_now();
    let effort = body.pointer("/reasoning/effort").cloned().unwrap_or(Value::Null);
    let response = |status: &str, output: Value, usage_v: Value| {
        json!({
            "id": resp_id, "object": "response", "created_at": created, "status": status,
            "model": model, "output": output, "usage": usage_v,
            "instructions": body.get("instructions").cloned().unwrap_or(Value::Null),
            "max_output_tokens": body.get("max_output_tokens").cloned().unwrap_or(Value::Null),
            "reasoning": {"effort": effort},
            "error": null, "incomplete_details": null,
        })
    };
    let item = json!({
        "type": "message", "id": msg_id, "status": "completed", "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": []}],
    });
    let usage_json = json!({
        "input_tokens": usage.prompt,
        "output_tokens": usage.completion,
        "total_tokens": usage.prompt + usage.completion,
    });
    let finished = response("completed", json!([item]), usage_json);
    if !body.get("stream").and_then(Value::as_bool).unwrap_or(false) {
        return Ok(call.done(json_response(StatusCode::OK, &finished), usage, "response"));
    }

    let mut events = Vec::new();
    let mut push = |name: &str, mut payload: Map<String, Value>| {
        payload.insert("type".into(), json!(name));
        payload.insert("sequence_number".into(), json!(events.len()));
        events.push(named_event(name, &Value::Object(payload)));
    };
    let obj = |v: Value| match v {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let pending = response("in_progress", json!([]), Value::Null);
    push("response.created", obj(json!({"response": pending})));
    push("response.in_progress", obj(json!({"response": pending})));
    push(
        "response.output_item.added",
        obj(
            json!({"output_index": 0, "item": {"type": "message", "id": msg_id, "status": "in_progress", "role": "assistant", "content": []}}),
        ),
    );
    let part_at = json!({"item_id": msg_id, "output_index": 0, "content_index": 0});
    let with = |extra: Value| {
        let mut m = obj(part_at.clone());
        m.extend(obj(extra));
        m
    };
    push(
        "response.content_part.added",
        with(json!({"part": {"type": "output_text", "text": "", "annotations": []}})),
    );
    for d in deltas(&text) {
        push("response.output_text.delta", with(json!({"delta": d})));
    }
    push("response.output_text.done", with(json!({"text": text})));
    push(
        "response.content_part.done",
        with(json!({"part": {"type": "output_text", "text": text, "annotations": []}})),
    );
    push(
        "response.output_item.done",
        obj(json!({"output_index": 0, "item": item})),
    );
    push("response.completed", obj(json!({"response": finished})));
    Ok(call.done(sse(events, call.twin.config.stream_delay), usage, "response (stream)"))
}

/// OpenAI's Responses checks; returns (last user text, images).
fn responses_upstream_checks(body: &Value) -> Result<(String, usize), Fault> {
    let input = body.get("input").unwrap_or(&Value::Null);
    let found = match input {
        Value::String(s) => (s.clone(), 0),
        Value::Array(items) => {
            let mut last = (String::new(), 0);
            for (i, item) in items.iter().enumerate() {
                let role = item.get("role").and_then(Value::as_str);
                let kind = item.get("type").and_then(Value::as_str).unwrap_or("message");
                if kind == "message" && role.is_none() {
                    return Err(Fault::invalid(
                        &format!("input[{i}]"),
                        "missing_required_parameter",
                        format!("Missing required parameter: 'input[{i}].role'."),
                    ));
                }
                if role == Some("user") {
                    last = upstream::content_text(item.get("content").unwrap_or(&Value::Null));
                }
            }
            last
        }
        other => {
            return Err(Fault::invalid(
                "input",
                "invalid_type",
                format!(
                    "Invalid type for 'input': expected one of a string or array of input items, but got {} instead.",
                    type_name(other)
                ),
            ))
        }
    };
    if let Some(effort) = body.pointer("/reasoning/effort").filter(|e| !e.is_null()) {
        let allowed = ["minimal", "low", "medium", "high"];
        let got = effort.as_str().unwrap_or("");
        if !allowed.contains(&got) {
            return Err(Fault::not_one_of(
                "reasoning.effort",
                effort.to_string().trim_matches('"'),
                &allowed,
            ));
        }
    }
    if let Some(n) = body.get("max_output_tokens").and_then(Value::as_u64) {
        if n < 16 {
            return Err(Fault::invalid(
                "max_output_tokens",
                "integer_below_min_value",
                format!("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {n} instead."),
            ));
        }
    }
    sampling(body)?;
    Ok(found)
}
