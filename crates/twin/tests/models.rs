//! Model rules: allow lists, channels, lists, quota, rate limits and the scripted test models.

mod common;

use std::time::{Duration, Instant};

use axum::Router;
use common::{chat_body, get, post, twin};
use gateway_twin::{app, Config};
use serde_json::{json, Value};

#[tokio::test]
async fn unknown_model_is_503_model_not_found_in_both_languages() {
    let app = twin();
    for (model, zh, want) in [
        (
            "gpt-5.4-turbo",
            false,
            "No available channel for model gpt-5.4-turbo under group default (distributor)",
        ),
        (
            "gpt-5.4-turbo",
            true,
            "分组 default 下模型 gpt-5.4-turbo 无可用渠道（distributor）",
        ),
        (
            "GPT-5.4",
            false,
            "No available channel for model GPT-5.4 under group default (distributor)",
        ),
    ] {
        let mut req = post("/v1/chat/completions").key("sk-twin-valid").json(chat_body(model));
        if zh {
            req = req.zh();
        }
        let r = req.send(&app).await;
        assert_eq!(r.status, 503);
        assert_eq!(r.code(), "model_not_found");
        assert_eq!(r.gateway_message(), want);
    }
}

#[tokio::test]
async fn allow_list_is_checked_before_the_channel() {
    let app = twin();
    let cases = [
        ("gpt-5.4-mini", 200, None),
        ("claude-sonnet-4-6", 200, None),
        ("gpt-5.4", 403, Some("This token has no access to model gpt-5.4")),
        // Not even a real model: the allow list still answers first, as in new-api.
        (
            "no-such-model",
            403,
            Some("This token has no access to model no-such-model"),
        ),
    ];
    for (model, status, msg) in cases {
        let r = post("/v1/chat/completions")
            .key("sk-twin-allowlist")
            .json(chat_body(model))
            .send(&app)
            .await;
        assert_eq!(r.status.as_u16(), status, "{model}: {}", r.text());
        if let Some(msg) = msg {
            assert_eq!(r.gateway_message(), msg);
            assert_eq!(r.code(), "");
        }
    }
    let r = post("/v1/chat/completions")
        .key("sk-twin-allowlist")
        .zh()
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.gateway_message(), "该令牌无权访问模型 gpt-5.4");
}

#[tokio::test]
async fn model_lists_show_what_the_key_sees() {
    let app = twin();
    let r = get("/v1/models").key("sk-twin-valid").send(&app).await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["object"], "list");
    assert_eq!(body["success"], true);
    let ids: Vec<&str> = body["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_str())
        .collect();
    for id in [
        "gpt-5.4",
        "claude-opus-4-6",
        "imagen-4.0-ultra-generate-001",
        "doubao-seedream-5-0-260128",
        "veo-3.1",
        "twin-slow",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert_eq!(body["data"][0]["object"], "model");

    let r = get("/v1/models").key("sk-twin-allowlist").send(&app).await;
    let ids: Vec<Value> = r.json()["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| m["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!("gpt-5.4-mini"), json!("claude-sonnet-4-6")]);

    // Quota problems do not block lists.
    for key in ["sk-twin-broke", "sk-twin-lowquota", "sk-twin-ratelimited"] {
        assert_eq!(get("/v1/models").key(key).send(&app).await.status, 200, "{key}");
    }
    // Key states do.
    assert_eq!(get("/v1/models").key("sk-twin-disabled").send(&app).await.status, 401);
    assert_eq!(get("/v1/models").send(&app).await.status, 401);
}

#[tokio::test]
async fn one_model_and_the_200_error_quirk() {
    let app = twin();
    let r = get("/v1/models/gpt-5.4").key("sk-twin-valid").send(&app).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], "gpt-5.4");
    let r = get("/v1/models/gpt-9").key("sk-twin-valid").send(&app).await;
    assert_eq!(r.status, 200, "an error object inside a 200");
    assert_eq!(r.code(), "model_not_found");
    assert_eq!(r.message(), "The model 'gpt-9' does not exist");
    let r = get("/v1/models/gpt-5.4").key("sk-twin-allowlist").send(&app).await;
    assert_eq!(r.code(), "model_not_found", "hidden by the allow list");
}

#[tokio::test]
async fn gemini_lists() {
    let app = twin();
    let r = get("/v1beta/models")
        .header("x-goog-api-key", "sk-twin-valid")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["nextPageToken"], "");
    let models = body["models"].as_array().cloned().unwrap_or_default();
    assert_eq!(models.len(), 6, "gemini + imagen only");
    assert!(models
        .iter()
        .all(|m| m["name"].as_str().is_some_and(|n| n.starts_with("models/"))));
    let imagen = models
        .iter()
        .find(|m| m["name"] == "models/imagen-4.0-generate-001")
        .cloned()
        .unwrap_or_default();
    assert_eq!(imagen["supportedGenerationMethods"], json!(["predict"]));

    let r = get("/v1beta/openai/models").key("sk-twin-valid").send(&app).await;
    assert_eq!(r.json()["object"], "list");
    let r = get("/v1beta/models").key("sk-twin-allowlist").send(&app).await;
    assert_eq!(r.json()["models"], json!([]));
}

#[tokio::test]
async fn rate_limit_allows_three_per_minute_then_429_with_retry_after() {
    let app = twin();
    for i in 0..3 {
        let r = post("/v1/chat/completions")
            .key("sk-twin-ratelimited")
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "call {i}");
    }
    for zh in [false, true] {
        let mut req = post("/v1/chat/completions")
            .key("sk-twin-ratelimited")
            .json(chat_body("gpt-5.4"));
        if zh {
            req = req.zh();
        }
        let r = req.send(&app).await;
        assert_eq!(r.status, 429);
        assert_eq!(r.kind(), "new_api_error");
        assert_eq!(r.gateway_message(), "您已达到请求数限制：1分钟内最多请求3次");
        let retry: u64 = r.header("retry-after").and_then(|v| v.parse().ok()).unwrap_or(0);
        assert!((1..=60).contains(&retry), "retry-after {retry}");
    }
    // Other keys are unaffected; reset clears the window.
    assert_eq!(
        post("/v1/chat/completions")
            .key("sk-twin-valid")
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await
            .status,
        200
    );
    assert_eq!(post("/_twin/reset").send(&app).await.status, 200);
    let r = post("/v1/chat/completions")
        .key("sk-twin-ratelimited")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn rate_window_rolls() {
    let app: Router = app(Config {
        rate_window: Duration::from_millis(500),
        ..Config::fast()
    });
    for _ in 0..3 {
        post("/v1/chat/completions")
            .key("sk-twin-ratelimited")
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await;
    }
    let r = post("/v1/chat/completions")
        .key("sk-twin-ratelimited")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 429);
    tokio::time::sleep(Duration::from_millis(550)).await;
    let r = post("/v1/chat/completions")
        .key("sk-twin-ratelimited")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn quota_refusals_come_after_the_model_checks() {
    let app = twin();
    // Unknown model beats the empty balance (channel before quota).
    let r = post("/v1/chat/completions")
        .key("sk-twin-broke")
        .json(chat_body("nope"))
        .send(&app)
        .await;
    assert_eq!((r.status.as_u16(), r.code().as_str()), (503, "model_not_found"));
    let r = post("/v1/images/generations")
        .key("sk-twin-lowquota")
        .json(json!({"model": "gpt-image-2", "prompt": "x"}))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code().as_str()),
        (403, "pre_consume_token_quota_failed")
    );
}

#[tokio::test]
async fn scripted_test_models() {
    let app = twin();
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("twin-unpriced"))
        .send(&app)
        .await;
    assert_eq!((r.status.as_u16(), r.code().as_str()), (400, "model_price_error"));
    assert_eq!(
        r.gateway_message(),
        "model twin-unpriced ratio or price not set, please set or contact admin"
    );

    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("twin-upstream-error"))
        .send(&app)
        .await;
    assert_eq!(
        (r.status.as_u16(), r.code().as_str(), r.kind().as_str()),
        (500, "do_request_failed", "new_api_error")
    );
    assert_eq!(r.gateway_message(), "upstream error: do request failed");

    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("twin-overloaded"))
        .send(&app)
        .await;
    assert_eq!(r.status, 503);
    assert_eq!(
        r.json(),
        json!({"error": {"message": "The server is overloaded", "type": "upstream_error", "param": "", "code": "bad_response_status_code"}})
    );

    let claude = json!({"model": "twin-overloaded", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]});
    let r = post("/v1/messages").key("sk-twin-valid").json(claude).send(&app).await;
    assert_eq!(r.status.as_u16(), 529);
    assert_eq!(
        r.json(),
        json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
    );

    let claude = json!({"model": "twin-unpriced", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]});
    let r = post("/v1/messages").key("sk-twin-valid").json(claude).send(&app).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["type"],
        "error",
        "relay-stage errors on /v1/messages use the Claude shape"
    );
    assert_eq!(r.kind(), "new_api_error");

    let started = Instant::now();
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("twin-slow"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "waited {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn endpoint_mismatch_is_an_upstream_400() {
    let app = twin();
    let r = post("/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("imagen-4.0-generate-001"))
        .send(&app)
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.kind(), "invalid_request_error");
    assert_eq!(r.code(), "model_not_supported");
    assert!(r.header("x-oneapi-request-id").is_some());
    assert!(!r.message().contains("request id"));
}
