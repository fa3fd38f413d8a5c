//! Form inputs → the exact HTTP request, for every endpoint in the catalogue; and every
//! curl export splits back (as a shell would) to the same method, URL, headers and body.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use routescope_core::export::curl::{to_curl, KeyExposure, KEY_VAR};
use routescope_core::export::shell_words::split;
use routescope_core::request::build::{build_request, Connection};
use routescope_core::request::catalogue::{endpoint, AuthStyle, EndpointId, CATALOGUE};
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::form::{ContentPart, FieldValue, FormValues, Message};
use routescope_core::request::http::{Body, FileRef, HttpRequest, Method, PartValue};
use serde_json::{json, Value};

const KEY: &str = "sk-test-0123456789abcdef";

fn conn(auth: AuthStyle) -> Connection {
    Connection {
        gateway: "https://api.routescope.ai".into(),
        self_service: "https://webapi.routescope.ai".into(),
        api_key: KEY.into(),
        auth,
    }
}

fn png(id: u32, name: &str) -> FileRef {
    FileRef {
        id,
        name: name.into(),
        mime: "image/png".into(),
        size: 68,
        base64: Some("iVBORw0KGgo=".into()),
    }
}

/// One row: an endpoint, changes to its default form, and the request it must become.
struct Case {
    name: &'static str,
    endpoint: EndpointId,
    auth: AuthStyle,
    edit: fn(&mut FormValues),
    method: Method,
    url: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: Expect,
}

enum Expect {
    None,
    Json(Value),
    /// (part name, text value or `@filename;type`)
    Parts(&'static [(&'static str, &'static str)]),
}

const BEARER: (&str, &str) = ("Authorization", "Bearer sk-test-0123456789abcdef");
const JSON_CT: (&str, &str) = ("Content-Type", "application/json");

fn no_edit(_: &mut FormValues) {}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "openai models", endpoint: EndpointId::OpenAiModels, auth: AuthStyle::Bearer, edit: no_edit, method: Method::Get, url: "https://api.routescope.ai/v1/models", headers: &[BEARER], body: Expect::None },
        Case { name: "openai one model, x-api-key", endpoint: EndpointId::OpenAiModels, auth: AuthStyle::XApiKey, edit: |v| v.set_text("model", "gpt-5.4"), method: Method::Get, url: "https://api.routescope.ai/v1/models/gpt-5.4", headers: &[("x-api-key", KEY)], body: Expect::None },
        Case { name: "gemini models", endpoint: EndpointId::GeminiModels, auth: AuthStyle::XGoogApiKey, edit: no_edit, method: Method::Get, url: "https://api.routescope.ai/v1beta/models", headers: &[("x-goog-api-key", KEY)], body: Expect::None },
        Case { name: "gemini models openai shape, ?key=", endpoint: EndpointId::GeminiModels, auth: AuthStyle::QueryKey, edit: |v| v.set_text("list", "openai/models"), method: Method::Get, url: "https://api.routescope.ai/v1beta/openai/models?key=sk-test-0123456789abcdef", headers: &[], body: Expect::None },
        Case {
            name: "chat defaults",
            endpoint: EndpointId::ChatCompletions,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            method: Method::Post,
            url: "https://api.routescope.ai/v1/chat/completions",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "gpt-5.4", "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Say hello in one short sentence."}]})),
        },
        Case {
            name: "chat with options, image part, stream",
            endpoint: EndpointId::ChatCompletions,
            auth: AuthStyle::XApiKey, // not accepted on chat: falls back to Bearer
            edit: |v| {
                v.set_text("temperature", "0.7");
                v.set_text("max_tokens", "64");
                v.set("stream", FieldValue::Flag(true));
                v.set("include_usage", FieldValue::Flag(true));
                v.set_text("tools", r#"[{"type":"function","function":{"name":"f"}}]"#);
                v.set("messages", FieldValue::Messages(vec![Message { id: 1, role: "user".into(), parts: vec![
                    ContentPart::Text("What is this?".into()), ContentPart::ImageUrl("https://x/cat.png".into()), ContentPart::ImageFile(png(3, "a.png"))] }]));
            },
            method: Method::Post,
            url: "https://api.routescope.ai/v1/chat/completions",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "gpt-5.4", "messages": [{"role": "user", "content": [
                {"type": "text", "text": "What is this?"},
                {"type": "image_url", "image_url": {"url": "https://x/cat.png"}},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]}],
                "temperature": 0.7, "max_tokens": 64, "stream": true, "stream_options": {"include_usage": true},
                "tools": [{"type": "function", "function": {"name": "f"}}]})),
        },
        Case {
            name: "responses single input is a string",
            endpoint: EndpointId::Responses,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("reasoning_effort", "low"); v.set_text("instructions", "Be brief."); },
            method: Method::Post,
            url: "https://api.routescope.ai/v1/responses",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "gpt-5.4", "input": "Say hello in one short sentence.", "instructions": "Be brief.", "reasoning": {"effort": "low"}})),
        },
        Case {
            name: "claude defaults with version header",
            endpoint: EndpointId::ClaudeMessages,
            auth: AuthStyle::XApiKey,
            edit: |v| v.set_text("system", "You are terse."),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/messages",
            headers: &[("x-api-key", KEY), JSON_CT, ("anthropic-version", "2023-06-01")],
            body: Expect::Json(json!({"model": "claude-sonnet-4-6", "max_tokens": 1024, "system": "You are terse.",
                "messages": [{"role": "user", "content": "Say hello in one short sentence."}]})),
        },
        Case {
            name: "claude image file and beta header",
            endpoint: EndpointId::ClaudeMessages,
            auth: AuthStyle::Bearer,
            edit: |v| {
                v.set_text("anthropic_beta", "context-management-2025-06-27");
                v.set("messages", FieldValue::Messages(vec![Message { id: 1, role: "user".into(), parts: vec![ContentPart::ImageFile(png(1, "a.png")), ContentPart::Text("Describe".into())] }]));
            },
            method: Method::Post,
            url: "https://api.routescope.ai/v1/messages",
            headers: &[BEARER, JSON_CT, ("anthropic-version", "2023-06-01"), ("anthropic-beta", "context-management-2025-06-27")],
            body: Expect::Json(json!({"model": "claude-sonnet-4-6", "max_tokens": 1024, "messages": [{"role": "user", "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                {"type": "text", "text": "Describe"}]}]})),
        },
        Case {
            name: "gemini generateContent with system, config, inline image",
            endpoint: EndpointId::GeminiGenerate,
            auth: AuthStyle::XGoogApiKey,
            edit: |v| {
                v.set_text("system_instruction", "Answer in French.");
                v.set_text("temperature", "1");
                v.set_text("max_output_tokens", "100");
                v.set_text("response_modalities", "TEXT, IMAGE");
                v.set("contents", FieldValue::Messages(vec![Message { id: 1, role: "user".into(), parts: vec![ContentPart::Text("Hi".into()), ContentPart::ImageFile(png(2, "b.png"))] }]));
            },
            method: Method::Post,
            url: "https://api.routescope.ai/v1beta/models/gemini-2.5-flash:generateContent",
            headers: &[("x-goog-api-key", KEY), JSON_CT],
            body: Expect::Json(json!({"contents": [{"role": "user", "parts": [{"text": "Hi"}, {"inline_data": {"mime_type": "image/png", "data": "iVBORw0KGgo="}}]}],
                "systemInstruction": {"role": "user", "parts": [{"text": "Answer in French."}]},
                "generationConfig": {"temperature": 1.0, "maxOutputTokens": 100, "responseModalities": ["TEXT", "IMAGE"]}})),
        },
        Case {
            name: "gemini streaming path",
            endpoint: EndpointId::GeminiGenerate,
            auth: AuthStyle::QueryKey,
            edit: |v| v.set("stream", FieldValue::Flag(true)),
            method: Method::Post,
            url: "https://api.routescope.ai/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=sk-test-0123456789abcdef",
            headers: &[JSON_CT],
            body: Expect::Json(json!({"contents": [{"role": "user", "parts": [{"text": "Say hello in one short sentence."}]}]})),
        },
        Case {
            name: "imagen predict",
            endpoint: EndpointId::ImagenPredict,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("sample_count", "2"); v.set_text("person_generation", "dont_allow"); },
            method: Method::Post,
            url: "https://api.routescope.ai/v1beta/models/imagen-4.0-fast-generate-001:predict",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"instances": [{"prompt": "A watercolor lighthouse at dawn"}], "parameters": {"sampleCount": 2, "aspectRatio": "1:1", "personGeneration": "dont_allow"}})),
        },
        Case {
            name: "images generation",
            endpoint: EndpointId::ImagesGenerations,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("response_format", "b64_json"),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/images/generations",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "gpt-image-2", "prompt": "A watercolor lighthouse at dawn", "n": 1, "size": "1024x1024", "response_format": "b64_json"})),
        },
        Case {
            name: "image edit multipart, two images and a mask",
            endpoint: EndpointId::ImageEditsMultipart,
            auth: AuthStyle::Bearer,
            edit: |v| {
                v.set("image", FieldValue::Files(vec![png(1, "one.png"), png(2, "two.png")]));
                v.set("mask", FieldValue::Files(vec![png(3, "mask.png")]));
                v.set_text("n", "2");
            },
            method: Method::Post,
            url: "https://api.routescope.ai/v1/images/edits",
            headers: &[BEARER],
            body: Expect::Parts(&[("model", "gpt-image-2"), ("prompt", "Add a red umbrella"), ("image[]", "@one.png;type=image/png"), ("image[]", "@two.png;type=image/png"), ("mask", "@mask.png;type=image/png"), ("n", "2"), ("size", "1024x1024")]),
        },
        Case {
            name: "image edit multipart, one image",
            endpoint: EndpointId::ImageEditsMultipart,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("image", FieldValue::Files(vec![png(1, "photo.png")])),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/images/edits",
            headers: &[BEARER],
            body: Expect::Parts(&[("model", "gpt-image-2"), ("prompt", "Add a red umbrella"), ("image", "@photo.png;type=image/png"), ("size", "1024x1024")]),
        },
        Case {
            name: "seedream edit, one URL is a string",
            endpoint: EndpointId::SeedreamEdits,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("watermark", FieldValue::Flag(true)),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/images/edits",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "doubao-seedream-4-0-250828", "prompt": "Make it a winter scene", "image": "https://example.com/reference.png", "size": "2048x2048", "watermark": true})),
        },
        Case {
            name: "seedream edit, URL plus file become an array of URL and data URI",
            endpoint: EndpointId::SeedreamEdits,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("image_files", FieldValue::Files(vec![png(4, "ref.png")])),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/images/edits",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "doubao-seedream-4-0-250828", "prompt": "Make it a winter scene", "image": ["https://example.com/reference.png", "data:image/png;base64,iVBORw0KGgo="], "size": "2048x2048"})),
        },
        Case {
            name: "async image submit, images always an array",
            endpoint: EndpointId::AsyncImageSubmit,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("images", "https://x/1.png\n"),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/aiart/openai/image/submit",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "gpt-image-2", "prompt": "A watercolor lighthouse at dawn", "images": ["https://x/1.png"], "size": "1024x1024"})),
        },
        Case {
            name: "async image query on an edited path",
            endpoint: EndpointId::AsyncImageQuery,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("job_id", "job-42"); v.set_text("query_path", "/v1/aiart/openai/image/status"); },
            method: Method::Post,
            url: "https://api.routescope.ai/v1/aiart/openai/image/status",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"job_id": "job-42"})),
        },
        Case {
            name: "video submit",
            endpoint: EndpointId::VideoSubmit,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("duration", "5"),
            method: Method::Post,
            url: "https://api.routescope.ai/v1/video/generations",
            headers: &[BEARER, JSON_CT],
            body: Expect::Json(json!({"model": "sora-2", "prompt": "A paper boat drifting down a rainy street", "duration": 5})),
        },
        Case { name: "video query", endpoint: EndpointId::VideoQuery, auth: AuthStyle::Bearer, edit: |v| v.set_text("task_id", "task 7/b"), method: Method::Get, url: "https://api.routescope.ai/v1/video/generations/task%207%2Fb", headers: &[BEARER], body: Expect::None },
        Case { name: "key status on the self-service origin", endpoint: EndpointId::KeyStatus, auth: AuthStyle::XApiKey, edit: no_edit, method: Method::Get, url: "https://webapi.routescope.ai/api/token/self/", headers: &[BEARER], body: Expect::None },
        Case { name: "usage log by request id", endpoint: EndpointId::UsageLog, auth: AuthStyle::Bearer, edit: |v| v.set_text("request_id", "2026112407010234 5&x"), method: Method::Get, url: "https://webapi.routescope.ai/api/token/self/log?request_id=2026112407010234%205%26x", headers: &[BEARER], body: Expect::None },
        Case { name: "usage stat", endpoint: EndpointId::UsageStat, auth: AuthStyle::Bearer, edit: no_edit, method: Method::Get, url: "https://webapi.routescope.ai/api/token/self/log/stat", headers: &[BEARER], body: Expect::None },
    ]
}

fn build(case: &Case) -> HttpRequest {
    let ep = endpoint(case.endpoint);
    let mut values = FormValues::defaults(ep);
    (case.edit)(&mut values);
    let built = build_request(ep, &conn(case.auth), &values, None);
    assert!(built.errors.is_empty(), "{}: {:?}", case.name, built.errors);
    built.request.unwrap_or_else(|| panic!("{}: no request", case.name))
}

#[test]
fn every_endpoint_builds_the_exact_request() {
    let cases = cases();
    for case in &cases {
        let r = build(case);
        assert_eq!(r.method, case.method, "{}", case.name);
        assert_eq!(r.url, case.url, "{}", case.name);
        let headers: Vec<(&str, &str)> = r.headers.iter().map(|h| (h.name.as_str(), h.value.as_str())).collect();
        assert_eq!(headers, case.headers, "{}", case.name);
        match (&case.body, &r.body) {
            (Expect::None, Body::Empty) => {}
            (Expect::Json(expected), Body::Json(text)) => {
                let got: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", case.name));
                assert_eq!(&got, expected, "{}", case.name);
            }
            (Expect::Parts(expected), Body::Multipart(parts)) => {
                let got: Vec<(String, String)> = parts
                    .iter()
                    .map(|p| match &p.value {
                        PartValue::Text(t) => (p.name.clone(), t.clone()),
                        PartValue::File(f) => (p.name.clone(), format!("@{};type={}", f.name, f.mime)),
                    })
                    .collect();
                let expected: Vec<(String, String)> =
                    expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
                assert_eq!(got, expected, "{}", case.name);
            }
            (e, b) => panic!(
                "{}: body kind differs: expected {} got {b:?}",
                case.name,
                matches!(e, Expect::None)
            ),
        }
    }
    // Every endpoint of the catalogue has at least one row.
    for e in CATALOGUE {
        assert!(cases.iter().any(|c| c.endpoint == e.id), "no case for {:?}", e.id);
    }
}

/// Reads a split curl command back into (method, url, headers, body or parts).
fn parse_curl(words: &[String]) -> (String, String, Vec<String>, Option<String>, Vec<String>) {
    assert_eq!(words[0], "curl");
    let (mut method, mut url, mut headers, mut body, mut parts) = (None, String::new(), Vec::new(), None, Vec::new());
    let mut i = 1;
    while i < words.len() {
        match words[i].as_str() {
            "-X" => {
                method = Some(words[i + 1].clone());
                i += 1;
            }
            "-H" => {
                headers.push(words[i + 1].clone());
                i += 1;
            }
            "--data-raw" => {
                body = Some(words[i + 1].clone());
                i += 1;
            }
            "-F" | "--form-string" => {
                parts.push(words[i + 1].clone());
                i += 1;
            }
            // curl appends `name=` and the content URL-encoded (unreserved characters kept).
            "--url-query" => {
                let (name, content) = words[i + 1].split_once('=').unwrap_or((words[i + 1].as_str(), ""));
                let joiner = if url.contains('?') { '&' } else { '?' };
                url = format!(
                    "{url}{joiner}{name}={}",
                    routescope_core::text::percent::encode_component(content)
                );
                i += 1;
            }
            w => url = w.to_string(),
        }
        i += 1;
    }
    let method = method.unwrap_or_else(|| {
        if body.is_some() || !parts.is_empty() {
            "POST".into()
        } else {
            "GET".into()
        }
    });
    (method, url, headers, body, parts)
}

#[test]
fn curl_exports_split_back_to_the_same_request() {
    for case in &cases() {
        let r = build(case);
        for exposure in [KeyExposure::Revealed, KeyExposure::FromEnv] {
            let curl = to_curl(&r, KEY, exposure);
            let words = split(&curl).unwrap_or_else(|e| panic!("{}: {e:?}\n{curl}", case.name));
            // With the key masked the shell sees ${ROUTESCOPE_API_KEY}: substitute it back.
            let words: Vec<String> = words
                .into_iter()
                .map(|w| w.replace(&format!("${{{KEY_VAR}}}"), KEY))
                .collect();
            if exposure == KeyExposure::FromEnv {
                assert!(!curl.contains(KEY), "{}: key leaked into masked curl", case.name);
            }
            let (method, url, headers, body, parts) = parse_curl(&words);
            assert_eq!(method, r.method.as_str(), "{}", case.name);
            assert_eq!(url, r.url, "{}", case.name);
            let expected_headers: Vec<String> = r.headers.iter().map(|h| format!("{}: {}", h.name, h.value)).collect();
            assert_eq!(headers, expected_headers, "{}", case.name);
            match &r.body {
                Body::Empty => assert!(body.is_none() && parts.is_empty(), "{}", case.name),
                Body::Json(text) => {
                    assert_eq!(body.as_deref(), Some(text.as_str()), "{}", case.name)
                }
                Body::Multipart(ps) => {
                    let expected: Vec<String> = ps
                        .iter()
                        .map(|p| match &p.value {
                            PartValue::Text(t) => format!("{}={}", p.name, t),
                            PartValue::File(f) => format!("{}=@{};type={}", p.name, f.name, f.mime),
                        })
                        .collect();
                    assert_eq!(parts, expected, "{}", case.name);
                }
            }
        }
    }
}

#[test]
fn tricky_values_survive_curl_quoting() {
    let ep = endpoint(EndpointId::ChatCompletions);
    let mut values = FormValues::defaults(ep);
    values.set(
        "messages",
        FieldValue::Messages(vec![Message::text(
            1,
            "user",
            "It's \"quoted\" $HOME `pwd` \\ 你好\nnew line",
        )]),
    );
    let r = build_request(ep, &conn(AuthStyle::Bearer), &values, None)
        .request
        .unwrap();
    let words = split(&to_curl(&r, KEY, KeyExposure::FromEnv)).unwrap();
    let Body::Json(text) = &r.body else { panic!() };
    assert!(words.contains(text));
}

#[test]
fn problems_are_reported_next_to_their_field() {
    let ep = endpoint(EndpointId::ChatCompletions);
    let mut values = FormValues::defaults(ep);
    values.set_text("temperature", "0.7x");
    values.set_text("max_tokens", "ten");
    values.set_text("tools", "[{]");
    let built = build_request(ep, &conn(AuthStyle::Bearer), &values, None);
    let fields: Vec<&str> = built.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["temperature", "max_tokens", "tools"]);
    assert!(
        built.errors[2].message.contains("line 1, column 3"),
        "{}",
        built.errors[2].message
    );
    assert!(built.request.is_some(), "the preview still shows the request");
    assert!(!built.sendable());

    let mut c = conn(AuthStyle::Bearer);
    c.gateway = "api.routescope.ai".into();
    let built = build_request(ep, &c, &FormValues::defaults(ep), None);
    assert_eq!(built.errors[0].field, FieldRef::Gateway);
    assert!(built.request.is_none());

    c = conn(AuthStyle::Bearer);
    c.api_key = "sk-abc\n".into();
    assert_eq!(
        build_request(ep, &c, &FormValues::defaults(ep), None).errors[0].field,
        FieldRef::ApiKey
    );

    let gemini = endpoint(EndpointId::GeminiGenerate);
    let mut v = FormValues::defaults(gemini);
    v.set_text("model", " ");
    assert_eq!(
        build_request(gemini, &conn(AuthStyle::Bearer), &v, None).errors[0].field,
        FieldRef::Form("model")
    );
}

#[test]
fn raw_body_is_sent_verbatim_and_checked() {
    let ep = endpoint(EndpointId::ChatCompletions);
    let values = FormValues::defaults(ep);
    let raw = "{\"model\":\"x\",\n \"contents\": []}";
    let built = build_request(ep, &conn(AuthStyle::Bearer), &values, Some(raw));
    assert!(built.sendable());
    assert_eq!(built.request.unwrap().body, Body::Json(raw.into()));

    let bad = "{\"model\": \"x\",\n  \"messages\": [}";
    let built = build_request(ep, &conn(AuthStyle::Bearer), &values, Some(bad));
    assert_eq!(built.errors.len(), 1);
    assert_eq!(built.errors[0].field, FieldRef::Body);
    assert!(
        built.errors[0]
            .message
            .starts_with("Not valid JSON at line 2, column 16"),
        "{}",
        built.errors[0].message
    );
    assert_eq!(
        built.request.unwrap().body,
        Body::Json(bad.into()),
        "what was typed is kept"
    );
}

#[test]
fn a_pasted_v1_base_doubles_the_path_visibly() {
    let ep = endpoint(EndpointId::ChatCompletions);
    let mut c = conn(AuthStyle::Bearer);
    c.gateway = "https://api.routescope.ai/v1/".into();
    let r = build_request(ep, &c, &FormValues::defaults(ep), None).request.unwrap();
    assert_eq!(r.url, "https://api.routescope.ai/v1/v1/chat/completions");
}

/// Values that would steer the request (and the key) to another path on the gateway are
/// refused, whether typed or brought by a link: a raw path choice outside its choices, a
/// `.`/`..` segment, a custom query path outside /v1/.
#[test]
fn path_values_cannot_steer_the_request_elsewhere() {
    let cases: [(EndpointId, &str, &str); 7] = [
        (EndpointId::GeminiModels, "list", "../../api/token/self/?x="),
        (EndpointId::GeminiModels, "list", "models/../../api"),
        (EndpointId::OpenAiModels, "model", ".."),
        (EndpointId::VideoQuery, "task_id", ".."),
        (EndpointId::AsyncImageQuery, "query_path", "/api/token/self/"),
        (EndpointId::AsyncImageQuery, "query_path", "/v1/../api/token/self/"),
        (EndpointId::AsyncImageQuery, "query_path", "/v1/x?key=1"),
    ];
    for (id, field, value) in cases {
        let ep = endpoint(id);
        let mut values = FormValues::defaults(ep);
        values.set_text(field, value);
        let built = build_request(ep, &conn(AuthStyle::Bearer), &values, None);
        assert!(!built.sendable(), "{field}={value} must not be sendable");
        assert!(
            built.errors.iter().any(|e| e.field == FieldRef::Form(field)),
            "{field}={value}: the error sits on the field: {:?}",
            built.errors
        );
    }
    // The documented values still work.
    let ep = endpoint(EndpointId::GeminiModels);
    let mut values = FormValues::defaults(ep);
    values.set_text("list", "openai/models");
    assert!(build_request(ep, &conn(AuthStyle::Bearer), &values, None).sendable());
}

/// What a real shell passes to `curl` for an exported command: the command runs in `sh` or
/// `bash` with `curl` replaced by a function that prints each argument NUL-terminated, and
/// `$ROUTESCOPE_API_KEY` set to the key.
fn argv_from_shell(shell: &str, command: &str) -> Vec<String> {
    argv_from_shell_with_key(shell, command, KEY)
}

/// The same, with `$ROUTESCOPE_API_KEY` set to `key`.
fn argv_from_shell_with_key(shell: &str, command: &str, key: &str) -> Vec<String> {
    let script = format!("curl() {{ for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }}\n{command}\n");
    let out = std::process::Command::new(shell)
        .arg("-c")
        .arg(&script)
        .env(KEY_VAR, key)
        .output()
        .unwrap_or_else(|e| panic!("{shell} is needed for this test: {e}"));
    assert!(
        out.status.success(),
        "{shell} failed: {}\n{command}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut argv: Vec<String> = text.split('\0').map(str::to_string).collect();
    argv.pop(); // after the last NUL
    std::iter::once("curl".to_string()).chain(argv).collect()
}

/// Every exported curl command, run by a real `sh` and a real `bash`, hands curl exactly
/// the request that was built, with the key either revealed or read from the environment;
/// including values full of quoting traps.
#[test]
fn a_real_shell_sends_exactly_the_built_request() {
    let traps = "It's \"quoted\" $HOME `pwd` $(id) !event \\ back\\slash 你好 ☃\nnew line\ttab %s";
    let mut requests: Vec<(String, HttpRequest)> = cases().iter().map(|c| (c.name.to_string(), build(c))).collect();
    let ep = endpoint(EndpointId::ChatCompletions);
    let mut values = FormValues::defaults(ep);
    values.set("messages", FieldValue::Messages(vec![Message::text(1, "user", traps)]));
    let mut trap_conn = conn(AuthStyle::Bearer);
    trap_conn.gateway = "https://gw.example/path with space".into();
    if let Some(r) = build_request(ep, &trap_conn, &values, None).request {
        requests.push(("quoting traps".into(), r));
    }
    let shells: Vec<&str> = ["sh", "bash"]
        .into_iter()
        .filter(|s| std::process::Command::new(s).arg("-c").arg("true").output().is_ok())
        .collect();
    assert_eq!(shells, ["sh", "bash"], "both shells are needed");
    for (name, r) in &requests {
        for exposure in [KeyExposure::Revealed, KeyExposure::FromEnv] {
            let command = to_curl(r, KEY, exposure);
            for shell in &shells {
                let argv = argv_from_shell(shell, &command);
                let (method, url, headers, body, parts) = parse_curl(&argv);
                let expected_headers: Vec<String> =
                    r.headers.iter().map(|h| format!("{}: {}", h.name, h.value)).collect();
                assert_eq!(
                    (method.as_str(), url.as_str()),
                    (r.method.as_str(), r.url.as_str()),
                    "{name} via {shell}"
                );
                assert_eq!(headers, expected_headers, "{name} via {shell}");
                match &r.body {
                    Body::Empty => assert!(body.is_none() && parts.is_empty(), "{name} via {shell}"),
                    Body::Json(text) => assert_eq!(body.as_deref(), Some(text.as_str()), "{name} via {shell}"),
                    Body::Multipart(ps) => assert_eq!(parts.len(), ps.len(), "{name} via {shell}"),
                }
            }
        }
    }
}

/// A `?key=` key with characters a URL must encode stays out of the exported command, and
/// a real shell still hands curl the URL exactly as built (curl encodes `--url-query`).
#[test]
fn a_url_special_key_in_the_query_is_exported_without_the_key() {
    let key = "sk-ab/cd+ef=gh&ij%kl";
    let ep = endpoint(EndpointId::GeminiGenerate);
    let mut values = FormValues::defaults(ep);
    values.set("stream", FieldValue::Flag(true));
    let mut c = conn(AuthStyle::QueryKey);
    c.api_key = key.into();
    let Some(r) = build_request(ep, &c, &values, None).request else {
        panic!("the streamed Gemini call builds")
    };
    assert!(
        r.url.ends_with(&format!(
            "key={}",
            routescope_core::text::percent::encode_component(key)
        )),
        "{}",
        r.url
    );
    let command = to_curl(&r, key, KeyExposure::FromEnv);
    assert!(!command.contains(key), "{command}");
    assert!(!command.contains("ab%2Fcd"), "{command}");
    for shell in ["sh", "bash"] {
        let argv = argv_from_shell_with_key(shell, &command, key);
        let (method, url, _, _, _) = parse_curl(&argv);
        assert_eq!(
            (method.as_str(), url.as_str()),
            (r.method.as_str(), r.url.as_str()),
            "via {shell}: {command}"
        );
    }
}

/// A header value fetch() would refuse (a line break, NUL, a character above U+00FF such
/// as a typographic dash pasted into anthropic-beta) is refused next to its field instead
/// of wedging the send.
#[test]
fn header_values_fetch_would_refuse_are_refused_at_the_field() {
    let ep = endpoint(EndpointId::ClaudeMessages);
    for bad in [
        "context\u{2010}management-2025-06-27",
        "a\r\nX-Injected: 1",
        "nul\0byte",
    ] {
        let mut values = FormValues::defaults(ep);
        values.set_text("anthropic_beta", bad);
        let built = build_request(ep, &conn(AuthStyle::Bearer), &values, None);
        assert!(!built.sendable(), "{bad:?} must not be sendable");
        assert!(
            built.errors.iter().any(|e| e.field == FieldRef::Form("anthropic_beta")),
            "{bad:?}: {:?}",
            built.errors
        );
    }
    let mut values = FormValues::defaults(ep);
    values.set_text("anthropic_beta", "context-management-2025-06-27");
    assert!(build_request(ep, &conn(AuthStyle::Bearer), &values, None).sendable());
}
