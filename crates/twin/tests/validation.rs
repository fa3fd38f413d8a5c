//! Each route rejects bad bodies the way the gateway or its upstream does: one table row per case.

mod common;

use common::{post, twin};
use serde_json::{json, Value};

/// Who produced the error, which decides the envelope.
#[derive(Debug, Clone, Copy, PartialEq)]
enum By {
    /// new-api itself: `new_api_error` with a request id in the message.
    Gateway,
    /// The upstream in OpenAI's shape: no request id.
    OpenAi,
    /// Anthropic's shape.
    Claude,
    /// Task envelope `{code, message, data:null}`.
    Task,
}

struct Case {
    name: &'static str,
    path: &'static str,
    body: Body,
    status: u16,
    by: By,
    /// `error.code` (Gateway/OpenAi) or `code` (Task); unused for Claude.
    code: &'static str,
    /// A fragment of the message.
    says: &'static str,
}

enum Body {
    Json(Value),
    Raw(&'static str),
}

fn case(
    name: &'static str,
    path: &'static str,
    body: Value,
    status: u16,
    by: By,
    code: &'static str,
    says: &'static str,
) -> Case {
    Case {
        name,
        path,
        body: Body::Json(body),
        status,
        by,
        code,
        says,
    }
}

const CHAT: &str = "/v1/chat/completions";
const RESP: &str = "/v1/responses";
const MSGS: &str = "/v1/messages";
const GEN: &str = "/v1beta/models/gemini-2.5-flash:generateContent";
const PREDICT: &str = "/v1beta/models/imagen-4.0-generate-001:predict";
const IMG: &str = "/v1/images/generations";
const EDIT: &str = "/v1/images/edits";
const AIART: &str = "/v1/aiart/openai/image/submit";
const VIDEO: &str = "/v1/video/generations";

fn cases() -> Vec<Case> {
    let user = json!([{"role": "user", "content": "hi"}]);
    let parts = json!([{"role": "user", "parts": [{"text": "hi"}]}]);
    vec![
        Case {
            name: "chat not JSON",
            path: CHAT,
            body: Body::Raw("{\"model\": \"gpt-5.4\","),
            status: 400,
            by: By::Gateway,
            code: "invalid_request",
            says: "Invalid request: Invalid request: invalid JSON request body",
        },
        case(
            "chat no model",
            CHAT,
            json!({"messages": user}),
            400,
            By::Gateway,
            "",
            "Model name not specified, model name cannot be empty",
        ),
        case(
            "chat model not a string",
            CHAT,
            json!({"model": 5, "messages": user}),
            400,
            By::Gateway,
            "invalid_request",
            "field model must be a string",
        ),
        case(
            "chat no messages",
            CHAT,
            json!({"model": "gpt-5.4"}),
            500,
            By::Gateway,
            "invalid_request",
            "field messages is required",
        ),
        case(
            "chat empty messages",
            CHAT,
            json!({"model": "gpt-5.4", "messages": []}),
            500,
            By::Gateway,
            "invalid_request",
            "field messages is required",
        ),
        case(
            "chat gemini contents",
            CHAT,
            json!({"model": "gpt-5.4", "contents": parts}),
            500,
            By::Gateway,
            "invalid_request",
            "field messages is required",
        ),
        case(
            "chat temperature string",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "temperature": "0.7"}),
            500,
            By::Gateway,
            "invalid_request",
            "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.temperature of type *float64",
        ),
        case(
            "chat negative max_tokens",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "max_tokens": -1}),
            500,
            By::Gateway,
            "invalid_request",
            "cannot unmarshal number -1",
        ),
        case(
            "chat huge max_tokens",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "max_tokens": 4_000_000_000u64}),
            500,
            By::Gateway,
            "invalid_request",
            "max_tokens is invalid",
        ),
        case(
            "chat bad role",
            CHAT,
            json!({"model": "gpt-5.4", "messages": [{"role": "bot", "content": "x"}]}),
            400,
            By::OpenAi,
            "invalid_value",
            "Invalid value: 'bot'. Supported values are:",
        ),
        case(
            "chat missing role",
            CHAT,
            json!({"model": "gpt-5.4", "messages": [{"content": "x"}]}),
            400,
            By::OpenAi,
            "missing_required_parameter",
            "messages[0].role",
        ),
        case(
            "chat bad part",
            CHAT,
            json!({"model": "gpt-5.4", "messages": [{"role": "user", "content": [{"type": "input_text", "text": "x"}]}]}),
            400,
            By::OpenAi,
            "invalid_value",
            "Invalid value: 'input_text'",
        ),
        case(
            "chat temperature 3",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "temperature": 3}),
            400,
            By::OpenAi,
            "invalid_value",
            "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
        ),
        case(
            "chat top_p 1.5",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "top_p": 1.5}),
            400,
            By::OpenAi,
            "invalid_value",
            "Expected a value <= 1, but got 1.5 instead.",
        ),
        case(
            "chat temperature -1",
            CHAT,
            json!({"model": "gpt-5.4", "messages": user, "temperature": -1}),
            400,
            By::OpenAi,
            "invalid_value",
            "decimal below minimum value",
        ),
        case(
            "responses no input",
            RESP,
            json!({"model": "gpt-5.4"}),
            500,
            By::Gateway,
            "invalid_request",
            "input is required",
        ),
        case(
            "responses bad effort",
            RESP,
            json!({"model": "gpt-5.4", "input": "x", "reasoning": {"effort": "max"}}),
            400,
            By::OpenAi,
            "invalid_value",
            "Invalid value: 'max'. Supported values are: 'minimal', 'low', 'medium', and 'high'.",
        ),
        case(
            "responses tiny max_output_tokens",
            RESP,
            json!({"model": "gpt-5.4", "input": "x", "max_output_tokens": 5}),
            400,
            By::OpenAi,
            "integer_below_min_value",
            "Expected a value >= 16",
        ),
        case(
            "responses input number",
            RESP,
            json!({"model": "gpt-5.4", "input": 5}),
            400,
            By::OpenAi,
            "invalid_type",
            "Invalid type for 'input'",
        ),
        case(
            "messages no max_tokens",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "messages": user}),
            400,
            By::Claude,
            "",
            "max_tokens: Field required",
        ),
        case(
            "messages no messages",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": 10}),
            400,
            By::Claude,
            "",
            "messages: Field required",
        ),
        case(
            "messages context_management",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": user, "context_management": {"edits": []}}),
            400,
            By::Claude,
            "",
            "context_management: Extra inputs are not permitted",
        ),
        case(
            "messages with an OpenAI field (any unknown field is refused by name)",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": user, "frequency_penalty": 0.5}),
            400,
            By::Claude,
            "",
            "frequency_penalty: Extra inputs are not permitted",
        ),
        case(
            "messages temperature 1.5",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": user, "temperature": 1.5}),
            400,
            By::Claude,
            "",
            "temperature: Input should be less than or equal to 1",
        ),
        case(
            "messages system role",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": [{"role": "system", "content": "x"}]}),
            400,
            By::Claude,
            "",
            "messages.0.role: Input should be 'user' or 'assistant'",
        ),
        case(
            "messages max_tokens string",
            MSGS,
            json!({"model": "claude-sonnet-4-6", "max_tokens": "10", "messages": user}),
            500,
            By::Claude,
            "",
            "json: cannot unmarshal string into Go struct field ClaudeRequest.max_tokens of type uint",
        ),
        case(
            "gemini no contents",
            GEN,
            json!({"generationConfig": {}}),
            500,
            By::Gateway,
            "invalid_request",
            "contents is required",
        ),
        case(
            "gemini openai messages",
            GEN,
            json!({"messages": user}),
            500,
            By::Gateway,
            "invalid_request",
            "contents is required",
        ),
        case(
            "gemini bad role",
            GEN,
            json!({"contents": [{"role": "assistant", "parts": [{"text": "x"}]}]}),
            400,
            By::OpenAi,
            "INVALID_ARGUMENT",
            "Please use a valid role: user, model.",
        ),
        case(
            "gemini empty parts",
            GEN,
            json!({"contents": [{"role": "user", "parts": []}]}),
            400,
            By::OpenAi,
            "INVALID_ARGUMENT",
            "contents.parts must not be empty",
        ),
        case(
            "gemini bad base64",
            GEN,
            json!({"contents": [{"parts": [{"inline_data": {"mime_type": "image/png", "data": "@@@"}}]}]}),
            400,
            By::OpenAi,
            "INVALID_ARGUMENT",
            "Base64 decoding failed",
        ),
        case(
            "gemini temperature 3",
            GEN,
            json!({"contents": parts, "generationConfig": {"temperature": 3}}),
            400,
            By::OpenAi,
            "INVALID_ARGUMENT",
            "temperature value of 3",
        ),
        case(
            "predict no instances",
            PREDICT,
            json!({"contents": parts}),
            400,
            By::OpenAi,
            "invalid_value",
            "instances is required",
        ),
        case(
            "predict no prompt",
            PREDICT,
            json!({"instances": [{"text": "x"}]}),
            400,
            By::OpenAi,
            "invalid_value",
            "instances[0].prompt is required",
        ),
        case(
            "predict sampleCount 5",
            PREDICT,
            json!({"instances": [{"prompt": "x"}], "parameters": {"sampleCount": 5}}),
            400,
            By::OpenAi,
            "invalid_value",
            "sampleCount must be an integer between 1 and 4",
        ),
        case(
            "predict aspect 2:1",
            PREDICT,
            json!({"instances": [{"prompt": "x"}], "parameters": {"aspectRatio": "2:1"}}),
            400,
            By::OpenAi,
            "invalid_value",
            "aspectRatio must be one of 1:1, 3:4, 4:3, 9:16, 16:9",
        ),
        case(
            "predict person",
            PREDICT,
            json!({"instances": [{"prompt": "x"}], "parameters": {"personGeneration": "everyone"}}),
            400,
            By::OpenAi,
            "invalid_value",
            "personGeneration must be one of",
        ),
        case(
            "predict gemini model",
            "/v1beta/models/gemini-2.5-flash:predict",
            json!({"instances": [{"prompt": "x"}]}),
            400,
            By::OpenAi,
            "model_not_supported",
            "imagen",
        ),
        case(
            "images no prompt",
            IMG,
            json!({"model": "gpt-image-2"}),
            500,
            By::Gateway,
            "invalid_request",
            "field prompt is required",
        ),
        case(
            "images no model",
            IMG,
            json!({"prompt": "x"}),
            503,
            By::Gateway,
            "model_not_found",
            "No available channel for model dall-e under group default",
        ),
        case(
            "images n 11",
            IMG,
            json!({"model": "gpt-image-2", "prompt": "x", "n": 11}),
            400,
            By::OpenAi,
            "invalid_value",
            "Expected a value <= 10, but got 11 instead.",
        ),
        case(
            "images unicode x",
            IMG,
            json!({"model": "gpt-image-2", "prompt": "x", "size": "1024×1024"}),
            400,
            By::OpenAi,
            "invalid_value",
            "invalid size",
        ),
        case(
            "images bad format",
            IMG,
            json!({"model": "gpt-image-2", "prompt": "x", "response_format": "png"}),
            400,
            By::OpenAi,
            "invalid_value",
            "Supported values are: 'url' and 'b64_json'.",
        ),
        case(
            "images chat model",
            IMG,
            json!({"model": "gpt-5.4", "prompt": "x"}),
            400,
            By::OpenAi,
            "model_not_supported",
            "does not support image generation",
        ),
        case(
            "edits json gpt-image",
            EDIT,
            json!({"model": "gpt-image-2", "prompt": "x", "image": "https://example.com/a.png"}),
            400,
            By::OpenAi,
            "invalid_request",
            "multipart/form-data",
        ),
        case(
            "edits seedream no image",
            EDIT,
            json!({"model": "doubao-seedream-4-5-251128", "prompt": "x"}),
            400,
            By::OpenAi,
            "missing_required_parameter",
            "image is required",
        ),
        case(
            "edits seedream bad ref",
            EDIT,
            json!({"model": "doubao-seedream-4-5-251128", "prompt": "x", "image": ["ftp://a/b.png"]}),
            400,
            By::OpenAi,
            "invalid_value",
            "image[0] must be an http(s) URL",
        ),
        case(
            "edits seedream no prompt",
            EDIT,
            json!({"model": "doubao-seedream-4-5-251128", "image": "https://a/b.png"}),
            500,
            By::Gateway,
            "invalid_request",
            "field prompt is required",
        ),
        case(
            "aiart nothing",
            AIART,
            json!({"model": "gpt-image-2"}),
            400,
            By::Task,
            "invalid_request",
            "prompt or images is required",
        ),
        case(
            "aiart bad image",
            AIART,
            json!({"model": "gpt-image-2", "images": ["a.png"]}),
            400,
            By::Task,
            "invalid_request",
            "images[0] must be an http(s) URL",
        ),
        case(
            "video no prompt",
            VIDEO,
            json!({"model": "sora-2"}),
            400,
            By::Task,
            "invalid_request",
            "prompt is required",
        ),
        case(
            "video chat model",
            VIDEO,
            json!({"model": "gpt-5.4", "prompt": "x"}),
            400,
            By::Task,
            "invalid_request",
            "does not support video generation",
        ),
        case(
            "video duration",
            VIDEO,
            json!({"model": "veo-3.1", "prompt": "x", "duration": 99}),
            400,
            By::Task,
            "invalid_request",
            "duration must be between 1 and 20",
        ),
        case(
            "video size",
            VIDEO,
            json!({"model": "veo-3.1", "prompt": "x", "size": "1280×720"}),
            400,
            By::Task,
            "invalid_request",
            "invalid size",
        ),
    ]
}

#[tokio::test]
async fn every_route_rejects_bad_bodies_in_its_own_shape() {
    let app = twin();
    for c in cases() {
        let req = post(c.path).key("sk-twin-valid");
        let req = match c.body {
            Body::Json(v) => req.json(v),
            Body::Raw(s) => req.raw("application/json", s.as_bytes().to_vec()),
        };
        let r = req.send(&app).await;
        let name = c.name;
        assert_eq!(r.status.as_u16(), c.status, "{name}: {}", r.text());
        let body = r.json();
        let request_id = r.header("x-oneapi-request-id").unwrap_or_default().to_owned();
        match c.by {
            By::Gateway => {
                assert_eq!(r.kind(), "new_api_error", "{name}");
                assert_eq!(r.code(), c.code, "{name}");
                assert!(r.message().contains(c.says), "{name}: {}", r.message());
                assert!(r.message().ends_with(&format!("(request id: {request_id})")), "{name}");
            }
            By::OpenAi => {
                assert_ne!(r.kind(), "new_api_error", "{name}");
                assert_eq!(r.code(), c.code, "{name}");
                assert!(
                    body["error"].get("param").is_some(),
                    "{name}: OpenAI errors carry param"
                );
                assert!(r.message().contains(c.says), "{name}: {}", r.message());
                assert!(
                    !r.message().contains("request id"),
                    "{name}: upstream errors carry no request id"
                );
            }
            By::Claude => {
                assert_eq!(body["type"], "error", "{name}");
                assert!(r.message().contains(c.says), "{name}: {}", r.message());
                if c.status == 400 {
                    assert_eq!(r.kind(), "invalid_request_error", "{name}");
                }
            }
            By::Task => {
                assert_eq!(body["code"], c.code, "{name}");
                assert_eq!(body["data"], Value::Null, "{name}");
                assert!(
                    body["message"].as_str().unwrap_or("").contains(c.says),
                    "{name}: {body}"
                );
            }
        }
    }
}

#[tokio::test]
async fn claude_accepts_its_documented_optional_fields() {
    let user = json!([{"role": "user", "content": "hi"}]);
    let body = json!({"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": user, "top_k": 5, "stop_sequences": ["x"], "metadata": {"user_id": "u"}, "system": "s", "temperature": 0.5});
    let r = post(MSGS).key("sk-twin-valid").json(body).send(&twin()).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
}

#[tokio::test]
async fn chinese_distributor_messages() {
    let app = twin();
    let r = post(CHAT)
        .key("sk-twin-valid")
        .zh()
        .raw("application/json", b"not json".to_vec())
        .send(&app)
        .await;
    assert_eq!(r.gateway_message(), "无效的请求，无效的请求，invalid JSON request body");
    let r = post(CHAT)
        .key("sk-twin-valid")
        .zh()
        .json(json!({"messages": []}))
        .send(&app)
        .await;
    assert_eq!(r.gateway_message(), "未指定模型名称，模型名称不能为空");
}

#[tokio::test]
async fn body_limit_is_a_413_gateway_error() {
    let app = gateway_twin::app(gateway_twin::Config {
        body_limit: 1024 * 1024,
        ..gateway_twin::Config::fast()
    });
    let big = format!("{{\"model\":\"gpt-5.4\",\"pad\":\"{}\"}}", "x".repeat(1024 * 1024 + 10));
    let r = post(CHAT)
        .key("sk-twin-valid")
        .raw("application/json", big.into_bytes())
        .send(&app)
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.code(), "read_request_body_failed");
}
