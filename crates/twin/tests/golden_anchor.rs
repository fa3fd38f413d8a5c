//! The twin anchored to real answers: for each situation the twin stages, the answer must
//! match a recorded answer of the gateway it follows (`crates/core/tests/golden/`, each with
//! its public source): the same status, error type and code, and the same message once the
//! request id and the names that differ by setup (model, group, amounts) are set aside.
//! Without this, the twin's wording, the diagnosis fixtures and the signature table could
//! all repeat one unverified belief.
mod common;

use common::{get, post, twin, Reply};
use serde_json::{json, Value};

/// The recorded answers of the new-api family, by name.
fn golden(name: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/golden/newapi.jsonl");
    let text = std::fs::read_to_string(path).expect("the golden answers are in the workspace");
    text.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|answer| answer["name"] == name)
        .unwrap_or_else(|| panic!("no golden answer {name}"))
}

/// A message with its request id and setup-dependent names taken out.
fn comparable(message: &str, names: &[&str]) -> String {
    let mut text = match message.find(" (request id:") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    };
    for name in names {
        text = text.replace(name, "<name>");
    }
    text.trim().to_string()
}

/// The twin's answer against the recorded one; `names` are the setup-dependent words of
/// both (the recorded model and the twin's).
fn assert_matches(situation: &str, reply: &Reply, golden_name: &str, names: &[&str]) {
    let recorded = golden(golden_name);
    let response = &recorded["response"];
    assert_eq!(
        reply.status.as_u16() as u64,
        response["status"].as_u64().unwrap_or(0),
        "{situation}: status"
    );
    let body: Value = serde_json::from_str(response["body"].as_str().unwrap_or("")).unwrap_or(Value::Null);
    let theirs = &body["error"];
    let ours = reply.json();
    let ours = &ours["error"];
    assert_eq!(ours["type"], theirs["type"], "{situation}: error type");
    assert_eq!(
        ours.get("code").cloned().unwrap_or(json!("")),
        theirs.get("code").cloned().unwrap_or(json!("")),
        "{situation}: error code"
    );
    assert_eq!(
        comparable(ours["message"].as_str().unwrap_or(""), names),
        comparable(theirs["message"].as_str().unwrap_or(""), names),
        "{situation}: message (recorded in {golden_name})"
    );
}

fn chat(model: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": "hi"}]})
}

#[tokio::test]
async fn the_twin_answers_as_the_recorded_gateway_does() {
    let app = twin();
    let cases: Vec<(&str, Reply, &str, Vec<&str>)> = vec![
        (
            "an unknown key",
            post("/v1/chat/completions")
                .key("sk-not-a-real-key")
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202605_chat_missing_key_en",
            vec![],
        ),
        (
            "an unknown key, Chinese",
            post("/v1/chat/completions")
                .key("sk-not-a-real-key")
                .zh()
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202605_chat_missing_key_zh",
            vec![],
        ),
        (
            "an expired key, Chinese (explicit, as builds before 2026-04-12 say it)",
            post("/v1/chat/completions")
                .key("sk-twin-expired")
                .zh()
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202604_chat_token_expired",
            vec![],
        ),
        (
            "an expired key on a newer build (/_folded/: states folded into Invalid token)",
            post("/_folded/v1/chat/completions")
                .key("sk-twin-expired")
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202605_chat_expired_key_collapsed",
            vec![],
        ),
        (
            "a disabled key on one-api (/_legacy/)",
            post("/_legacy/v1/chat/completions")
                .key("sk-twin-disabled")
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "oneapi_v06_chat_token_disabled",
            vec![],
        ),
        (
            "an unknown model",
            post("/v1/chat/completions")
                .key("sk-twin-valid")
                .json(chat("gpt-5.4x"))
                .send(&app)
                .await,
            "newapi_202605_chat_no_channel_en",
            vec!["gpt-5.4x", "gpt-5.1"],
        ),
        (
            "an unknown model, Chinese",
            post("/v1/chat/completions")
                .key("sk-twin-valid")
                .zh()
                .json(chat("gpt-5.4x"))
                .send(&app)
                .await,
            "newapi_202605_chat_no_channel_zh",
            vec!["gpt-5.4x", "gpt-5.1"],
        ),
        (
            "a model outside the key's allow list",
            post("/v1/chat/completions")
                .key("sk-twin-allowlist")
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202605_chat_token_model_forbidden_en",
            vec!["gpt-5.4", "gpt-4o"],
        ),
        (
            "a base URL ending in /v1",
            post("/v1/v1/chat/completions")
                .key("sk-twin-valid")
                .json(chat("gpt-5.4"))
                .send(&app)
                .await,
            "newapi_202605_invalid_url_double_v1",
            vec![],
        ),
        (
            "GET on the chat route",
            get("/v1/chat/completions").key("sk-twin-valid").send(&app).await,
            "newapi_202605_invalid_url_get_chat",
            vec![],
        ),
        (
            "an unknown model on GET /v1/models/{id}",
            get("/v1/models/gpt-9").key("sk-twin-valid").send(&app).await,
            "newapi_202605_models_retrieve_unknown",
            vec![],
        ),
    ];
    for (situation, reply, golden_name, names) in &cases {
        assert_matches(situation, reply, golden_name, names);
    }
}
