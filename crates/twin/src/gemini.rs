//! Gemini-native routes: `POST /v1beta/models/{model}:generateContent` (also under `/v1/`),
//! `:streamGenerateContent` and Imagen's `:predict`. Errors come back in OpenAI's shape,
//! as they do through new-api, with Google's own wording inside.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::b64;
use crate::call::{Call, Refusal, Usage};
use crate::envelope::{json_response, Ctx, Fault, GatewayMsg, OpenAiError, Shape};
use crate::models::{Endpoint, Family};
use crate::pages;
use crate::png;
use crate::state::Twin;
use crate::upstream::{self, count_tokens, data_event, deltas, sse};
use crate::validate::go_types;

/// `POST /v1beta/models/{model}:{action}` and `POST /v1/models/{model}:{action}`.
pub async fn model_action(
    State(twin): State<Arc<Twin>>,
    Extension(ctx): Extension<Ctx>,
    Path(target): Path<String>,
    req: Request,
) -> Response {
    let Some((model, action)) = target.rsplit_once(':') else {
        return pages::invalid_url(req.method().as_str(), req.uri().path());
    };
    let (model, action) = (model.to_owned(), action.to_owned());
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    let result = match action.as_str() {
        "generateContent" => generate(&mut call, &model, false, req).await,
        "streamGenerateContent" => generate(&mut call, &model, true, req).await,
        "predict" => predict(&mut call, &model, req).await,
        _ => return pages::invalid_url(req.method().as_str(), req.uri().path()),
    };
    result.unwrap_or_else(|refusal| *refusal)
}

/// A Google `INVALID_ARGUMENT`, relayed in OpenAI's shape.
fn google_invalid(param: &str, message: impl Into<String>) -> Fault {
    Fault::OpenAi(OpenAiError {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
        kind: "invalid_request_error",
        param: param.into(),
        code: "INVALID_ARGUMENT".into(),
    })
}

async fn generate(call: &mut Call, model: &str, stream: bool, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    call.authenticate(&parts.headers, &parts.uri)?;
    call.admit(model)?;
    call.require(Endpoint::Text, "generateContent")?;
    let bytes = call.body(body).await?;
    let body = call.json(&bytes)?;
    go_types(
        &body,
        "GeminiChatRequest",
        &[
            ("contents", "[]dto.GeminiChatContent"),
            ("generationConfig", "dto.GeminiChatGenerationConfig"),
            ("systemInstruction", "*dto.GeminiChatContent"),
        ],
    )
    .map_err(|f| call.fail(f))?;
    if body.get("contents").and_then(Value::as_array).is_none_or(Vec::is_empty) {
        return Err(call.fail(GatewayMsg::invalid_request_500("contents is required".into())));
    }
    call.upstream(false).await?;
    let (user_text, images, prompt) = google_checks(&body).map_err(|f| call.fail(f))?;

    let wants_image = call.model.is_some_and(|m| m.family == Family::GeminiImage)
        || body
            .pointer("/generationConfig/responseModalities")
            .and_then(Value::as_array)
            .is_some_and(|m| {
                m.iter()
                    .any(|x| x.as_str().is_some_and(|s| s.eq_ignore_ascii_case("IMAGE")))
            });
    let text = upstream::reply(&user_text, images);
    let usage = Usage::text(prompt, count_tokens(&text) + if wants_image { 1290 } else { 0 });
    let usage_json = json!({
        "promptTokenCount": usage.prompt,
        "candidatesTokenCount": usage.completion,
        "totalTokenCount": usage.prompt + usage.completion,
    });
    let response_id = format!("twin{:016}", call.twin.next_seq());
    let image_part = || {
        let data = b64::encode(&png::square(64, upstream::colour(&user_text)));
        json!({"inlineData": {"mimeType": "image/png", "data": data}})
    };
    let candidate = |parts: Vec<Value>, finish: bool| {
        let mut c = json!({"content": {"role": "model", "parts": parts}, "index": 0});
        if finish {
            c["finishReason"] = json!("STOP");
        }
        c
    };
    let chunk = |parts: Vec<Value>, finish: bool| {
        json!({
            "candidates": [candidate(parts, finish)],
            "usageMetadata": usage_json,
            "modelVersion": model,
            "responseId": response_id,
        })
    };
    if !stream {
        let mut parts = vec![json!({"text": text})];
        if wants_image {
            parts.push(image_part());
        }
        return Ok(call.done(
            json_response(StatusCode::OK, &chunk(parts, true)),
            usage,
            "gemini generateContent",
        ));
    }
    let words = deltas(&text);
    let last = words.len().saturating_sub(1);
    let mut chunks: Vec<Value> = words
        .iter()
        .enumerate()
        .map(|(i, w)| chunk(vec![json!({"text": w})], i == last && !wants_image))
        .collect();
    if wants_image {
        chunks.push(chunk(vec![image_part()], true));
    }
    let sse_wanted = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|kv| kv == "alt=sse"));
    if sse_wanted {
        let events = chunks.iter().map(data_event).collect();
        return Ok(call.done(sse(events, call.twin.config.stream_delay), usage, "gemini stream"));
    }
    // Without alt=sse Google streams one JSON array.
    Ok(call.done(
        json_response(StatusCode::OK, &Value::Array(chunks)),
        usage,
        "gemini stream (json array)",
    ))
}

/// Google's checks on `contents`, `systemInstruction` and `generationConfig`.
/// Returns (last user text, inline images in it, prompt tokens).
fn google_checks(body: &Value) -> Result<(String, usize, u64), Fault> {
    let contents = body
        .get("contents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut last_user = (String::new(), 0);
    let mut prompt = 0;
    if let Some(sys) = body.get("systemInstruction") {
        let (t, _) = parts_text(sys, "system_instruction")?;
        prompt += count_tokens(&t);
    }
    for (i, content) in contents.iter().enumerate() {
        let role = content.get("role").and_then(Value::as_str).unwrap_or("user");
        if role != "user" && role != "model" {
            return Err(google_invalid(
                &format!("contents[{i}].role"),
                "Please use a valid role: user, model.",
            ));
        }
        let (text, images) = parts_text(content, &format!("contents[{i}]"))?;
        prompt += count_tokens(&text) + 258 * images as u64;
        if role == "user" {
            last_user = (text, images);
        }
    }
    let config = body.get("generationConfig").cloned().unwrap_or(Value::Null);
    if let Some(t) = config.get("temperature").and_then(Value::as_f64) {
        if !(0.0..=2.0).contains(&t) {
            return Err(google_invalid(
                "generationConfig.temperature",
                format!("Unable to submit request because it has a temperature value of {t} but the supported range is from 0 (inclusive) to 2.0001 (exclusive). Update the value and try again."),
            ));
        }
    }
    if let Some(p) = config.get("topP").and_then(Value::as_f64) {
        if !(0.0..=1.0).contains(&p) {
            return Err(google_invalid(
                "generationConfig.topP",
                format!("Unable to submit request because it has a topP value of {p} but the supported range is from 0 (inclusive) to 1.0001 (exclusive). Update the value and try again."),
            ));
        }
    }
    if let Some(k) = config.get("topK").and_then(Value::as_f64) {
        if k < 1.0 {
            return Err(google_invalid(
                "generationConfig.topK",
                "topK must be a positive integer.",
            ));
        }
    }
    if let Some(n) = config.get("maxOutputTokens").and_then(Value::as_i64) {
        if n < 1 {
            return Err(google_invalid(
                "generationConfig.maxOutputTokens",
                format!("Unable to submit request because it has a maxOutputTokens value of {n} but the supported range is from 1 (inclusive) to 65537 (exclusive). Update the value and try again."),
            ));
        }
    }
    if let Some(modes) = config.get("responseModalities").and_then(Value::as_array) {
        for m in modes {
            let s = m.as_str().unwrap_or("");
            if !["TEXT", "IMAGE", "AUDIO"].contains(&s.to_ascii_uppercase().as_str()) {
                return Err(google_invalid(
                    "generationConfig.responseModalities",
                    format!("Invalid value at 'generation_config.response_modalities' (type.googleapis.com/google.cloud.aiplatform.v1.GenerationConfig.Modality), \"{s}\""),
                ));
            }
        }
    }
    Ok((last_user.0, last_user.1, prompt))
}

/// Text and inline-image count of one `{role?, parts[]}`; checks each part.
fn parts_text(content: &Value, at: &str) -> Result<(String, usize), Fault> {
    let Some(parts) = content.get("parts").and_then(Value::as_array).filter(|p| !p.is_empty()) else {
        return Err(google_invalid(
            &format!("{at}.parts"),
            format!("* GenerateContentRequest.{at}.parts: contents.parts must not be empty.\n"),
        ));
    };
    let mut text = Vec::new();
    let mut images = 0;
    for (j, part) in parts.iter().enumerate() {
        if let Some(t) = part.get("text").and_then(Value::as_str) {
            text.push(t.to_owned());
            continue;
        }
        let inline = part.get("inlineData").or_else(|| part.get("inline_data"));
        if let Some(inline) = inline {
            let mime = inline
                .get("mimeType")
                .or_else(|| inline.get("mime_type"))
                .and_then(Value::as_str)
                .unwrap_or("");
            if mime.is_empty() {
                return Err(google_invalid(
                    &format!("{at}.parts[{j}].inline_data.mime_type"),
                    format!(
                        "* GenerateContentRequest.{at}.parts[{j}].inline_data.mime_type: required field is not set.\n"
                    ),
                ));
            }
            let data = inline.get("data").and_then(Value::as_str).unwrap_or("");
            if data.is_empty() || b64::decode(data).is_none() {
                let shown: String = data.chars().take(40).collect();
                return Err(google_invalid(
                    &format!("{at}.parts[{j}].inline_data.data"),
                    format!("Invalid value at '{at}.parts[{j}].inline_data.data' (TYPE_BYTES), Base64 decoding failed for \"{shown}\""),
                ));
            }
            if mime.starts_with("image/") {
                images += 1;
            }
            continue;
        }
        let other = [
            "fileData",
            "file_data",
            "functionCall",
            "functionResponse",
            "executableCode",
            "codeExecutionResult",
            "thought",
        ];
        if !other.iter().any(|k| part.get(*k).is_some()) {
            return Err(google_invalid(
                &format!("{at}.parts[{j}]"),
                format!("* GenerateContentRequest.{at}.parts[{j}].data: required oneof field 'data' must have one initialized field\n"),
            ));
        }
    }
    Ok((text.join(" "), images))
}

const ASPECTS: &[(&str, u32, u32)] = &[
    ("1:1", 64, 64),
    ("3:4", 48, 64),
    ("4:3", 64, 48),
    ("9:16", 36, 64),
    ("16:9", 64, 36),
];
const PERSONS: &[&str] = &["dont_allow", "allow_adult", "allow_all"];

async fn predict(call: &mut Call, model: &str, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    call.authenticate(&parts.headers, &parts.uri)?;
    call.admit(model)?;
    call.require(Endpoint::Predict, ":predict needs an imagen-* model")?;
    let bytes = call.body(body).await?;
    let body = call.json(&bytes)?;
    call.upstream(false).await?;
    let (prompt, count, (w, h)) = imagen_checks(&body).map_err(|f| call.fail(f))?;
    let rgb = upstream::colour(&prompt);
    let image = b64::encode(&png::solid(w, h, rgb));
    let predictions: Vec<Value> = (0..count)
        .map(|_| json!({"bytesBase64Encoded": image, "mimeType": "image/png"}))
        .collect();
    let usage = Usage::flat(20_000 * u64::from(count));
    Ok(call.done(
        json_response(StatusCode::OK, &json!({"predictions": predictions})),
        usage,
        format!("imagen predict x{count}"),
    ))
}

/// Imagen's body checks; returns (prompt, sampleCount, (width, height)).
fn imagen_checks(body: &Value) -> Result<(String, u32, (u32, u32)), Fault> {
    let Some(instances) = body
        .get("instances")
        .and_then(Value::as_array)
        .filter(|i| !i.is_empty())
    else {
        return Err(Fault::invalid(
            "instances",
            "invalid_value",
            "instances is required: send \"instances\": [{\"prompt\": \"…\"}] (Imagen predict does not take \"contents\")",
        ));
    };
    let mut prompt = String::new();
    for (i, inst) in instances.iter().enumerate() {
        match inst.get("prompt").and_then(Value::as_str) {
            Some(p) if !p.trim().is_empty() => prompt = p.to_owned(),
            _ => {
                return Err(Fault::invalid(
                    &format!("instances[{i}].prompt"),
                    "invalid_value",
                    format!("instances[{i}].prompt is required and must be a non-empty string"),
                ))
            }
        }
    }
    let params = body.get("parameters").cloned().unwrap_or(Value::Null);
    let count = match params.get("sampleCount") {
        None | Some(Value::Null) => 4,
        Some(v) => match v.as_u64().filter(|n| (1..=4).contains(n)) {
            Some(n) => n as u32,
            None => {
                return Err(Fault::invalid(
                    "parameters.sampleCount",
                    "invalid_value",
                    format!("parameters.sampleCount must be an integer between 1 and 4, got {v}"),
                ))
            }
        },
    };
    let size = match params.get("aspectRatio") {
        None | Some(Value::Null) => (64, 64),
        Some(v) => match ASPECTS.iter().find(|(name, _, _)| v.as_str() == Some(name)) {
            Some((_, w, h)) => (*w, *h),
            None => {
                return Err(Fault::invalid(
                    "parameters.aspectRatio",
                    "invalid_value",
                    format!("parameters.aspectRatio must be one of 1:1, 3:4, 4:3, 9:16, 16:9, got {v}"),
                ))
            }
        },
    };
    if let Some(v) = params.get("personGeneration").filter(|v| !v.is_null()) {
        if !PERSONS.iter().any(|p| v.as_str() == Some(p)) {
            return Err(Fault::invalid(
                "parameters.personGeneration",
                "invalid_value",
                format!("parameters.personGeneration must be one of dont_allow, allow_adult, allow_all, got {v}"),
            ));
        }
    }
    Ok((prompt, count, size))
}
