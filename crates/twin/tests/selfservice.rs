//! The self-service key API reports each key's state and the calls it made.

mod common;

use common::{chat_body, get, post, twin};
use serde_json::{json, Value};

#[tokio::test]
async fn token_self_reports_states_instead_of_refusing() {
    let app = twin();
    let cases = [
        ("sk-twin-valid", 1, true, -1),
        ("sk-twin-disabled", 2, false, -1),
        ("sk-twin-expired", 3, false, 1_767_225_600),
        ("sk-twin-exhausted", 4, false, -1),
        ("sk-twin-allowlist", 1, false, -1),
    ];
    for (key, status, unlimited, expired) in cases {
        let r = get("/api/token/self/").key(key).send(&app).await;
        assert_eq!(r.status, 200, "{key}");
        let body = r.json();
        assert_eq!(body["success"], true, "{key}");
        let data = &body["data"];
        assert_eq!(data["status"], status, "{key}");
        assert_eq!(data["group"], "default");
        assert_eq!(data["unlimited_quota"], unlimited, "{key}");
        assert_eq!(data["expired_time"], expired, "{key}");
    }
    let data = get("/api/token/self/").key("sk-twin-allowlist").send(&app).await.json()["data"].clone();
    assert_eq!(data["model_limits_enabled"], true);
    assert_eq!(data["model_limits"], "gpt-5.4-mini,claude-sonnet-4-6");
    let data = get("/api/token/self").key("sk-twin-exhausted").send(&app).await.json()["data"].clone();
    assert_eq!(data["remain_quota"], 0);
}

#[tokio::test]
async fn unknown_keys_get_success_false_with_http_200() {
    let app = twin();
    let r = get("/api/token/self/").key("sk-nope").send(&app).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"success": false, "message": "Invalid token"}));
    let r = get("/api/token/self/").key("sk-nope").zh().send(&app).await;
    assert_eq!(r.json(), json!({"success": false, "message": "无效的令牌"}));
    let r = get("/api/token/self/log/stat").send(&app).await;
    assert_eq!(r.json()["success"], false);
}

#[tokio::test]
async fn calls_are_logged_by_request_id() {
    let app = twin();
    let ok = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    let bad = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("gpt-typo"))
        .send(&app)
        .await;
    let ok_id = ok.header("x-oneapi-request-id").unwrap_or_default();
    let bad_id = bad.header("x-oneapi-request-id").unwrap_or_default();

    let r = get(&format!("/api/token/self/log?request_id={ok_id}"))
        .key("sk-twin-valid")
        .send(&app)
        .await;
    let items: Vec<Value> = r.json()["data"]["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["request_id"], ok_id);
    assert_eq!(items[0]["model_name"], "gpt-5.4");
    let usage = &ok.json()["usage"];
    assert_eq!(items[0]["prompt_tokens"], usage["prompt_tokens"]);
    assert_eq!(items[0]["completion_tokens"], usage["completion_tokens"]);
    assert!(items[0]["quota"].as_u64().unwrap_or(0) > 0);
    assert!(items[0]["use_time"].as_u64().is_some());

    let r = get(&format!("/api/token/self/log?request_id={bad_id}"))
        .key("sk-twin-valid")
        .send(&app)
        .await;
    let items: Vec<Value> = r.json()["data"]["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["content"],
        "No available channel for model gpt-typo under group default (distributor)"
    );

    // Another key cannot see them; the stat counts this minute.
    let r = get(&format!("/api/token/self/log?request_id={ok_id}"))
        .key("sk-twin-zh")
        .send(&app)
        .await;
    assert_eq!(r.json()["data"]["items"], json!([]));
    let stat = get("/api/token/self/log/stat")
        .key("sk-twin-valid")
        .send(&app)
        .await
        .json();
    assert_eq!(stat["data"]["rpm"], 2);
    assert_eq!(stat["data"]["quota"], items_quota(&app).await);
    assert!(stat["data"]["tpm"].as_u64().unwrap_or(0) > 0);
    let me = get("/api/token/self/").key("sk-twin-valid").send(&app).await.json();
    assert_eq!(me["data"]["request_count"], 2);

    post("/_twin/reset").send(&app).await;
    let stat = get("/api/token/self/log/stat")
        .key("sk-twin-valid")
        .send(&app)
        .await
        .json();
    assert_eq!(stat["data"]["rpm"], 0);
}

async fn items_quota(app: &axum::Router) -> Value {
    let r = get("/api/token/self/log").key("sk-twin-valid").send(app).await;
    let total: u64 = r.json()["data"]["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["quota"].as_u64())
        .sum();
    json!(total)
}
