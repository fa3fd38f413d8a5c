//! Token states, key placement, languages and gateway generations.

mod common;

use common::{chat_body, get, post, twin};
use serde_json::{json, Value};

/// (key, status, code, English message, Chinese message)
type Case = (Option<&'static str>, u16, &'static str, &'static str, &'static str);

const CASES: &[Case] = &[
    (None, 401, "", "Token not provided", "未提供令牌"),
    (Some("sk-nope"), 401, "", "Invalid token", "无效的令牌"),
    (Some("twin-valid"), 401, "", "Invalid token", "无效的令牌"),
    (
        Some("sk-twin-disabled"),
        401,
        "",
        "This token status is unavailable",
        "该令牌状态不可用",
    ),
    (
        Some("sk-twin-expired"),
        401,
        "",
        "This token has expired",
        "该令牌已过期",
    ),
    (
        Some("sk-twin-exhausted"),
        401,
        "",
        "This token quota is exhausted TokenStatusExhausted[sk-twi***ted]",
        "该令牌额度已用尽 TokenStatusExhausted[sk-twi***ted]",
    ),
    (
        Some("sk-twin-iprestricted"),
        403,
        "access_denied",
        "您的 IP 不在令牌允许访问的列表中",
        "您的 IP 不在令牌允许访问的列表中",
    ),
    (
        Some("sk-twin-broke"),
        403,
        "insufficient_user_quota",
        "user quota is not enough",
        "用户额度不足, 剩余额度: ＄0.000000",
    ),
    (
        Some("sk-twin-lowquota"),
        403,
        "pre_consume_token_quota_failed",
        "token quota is not enough, token remain quota: ＄0.001000, need quota: ＄0.020000",
        "令牌额度不足, 剩余额度: ＄0.001000, 需要额度: ＄0.020000",
    ),
];

#[tokio::test]
async fn token_states_answer_in_english_and_chinese() {
    let app = twin();
    for (key, status, code, en, zh) in CASES {
        for (zh_lang, want) in [(false, en), (true, zh)] {
            let mut req = post("/v1/chat/completions").json(chat_body("gpt-5.4-mini"));
            if let Some(k) = key {
                req = req.key(k);
            }
            if zh_lang {
                req = req.zh();
            }
            let r = req.send(&app).await;
            assert_eq!(r.status.as_u16(), *status, "{key:?} zh={zh_lang}: {}", r.text());
            assert_eq!(r.kind(), "new_api_error", "{key:?}");
            assert_eq!(r.code(), *code, "{key:?}");
            assert_eq!(r.gateway_message(), *want, "{key:?} zh={zh_lang}");
            assert_eq!(
                r.json()["error"].as_object().map(|o| o.len()),
                Some(3),
                "message, type, code only"
            );
        }
    }
}

#[tokio::test]
async fn valid_and_chinese_keys_work() {
    let app = twin();
    for key in [
        "sk-twin-valid",
        "sk-twin-zh",
        "sk-twin-allowlist",
        "sk-twin-ratelimited",
    ] {
        let r = post("/v1/chat/completions")
            .key(key)
            .json(chat_body("gpt-5.4-mini"))
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "{key}: {}", r.text());
        assert!(r.header("x-oneapi-request-id").is_some());
    }
}

#[tokio::test]
async fn empty_429_has_no_body_and_no_content_type() {
    let app = twin();
    let r = post("/v1/chat/completions")
        .key("sk-twin-empty429")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 429);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    // Lists are not rate limited.
    let r = get("/v1/models").key("sk-twin-empty429").send(&app).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn chinese_only_key_uses_the_older_envelope_type() {
    let app = twin();
    let r = post("/v1/chat/completions")
        .key("sk-twin-zh")
        .json(chat_body("gpt-5.5"))
        .send(&app)
        .await;
    assert_eq!(r.status, 503);
    assert_eq!(r.kind(), "one_api_error");
    assert_eq!(r.code(), "model_not_found");
    assert_eq!(
        r.gateway_message(),
        "分组 default 下模型 gpt-5.5 无可用渠道（distributor）"
    );
}

#[tokio::test]
async fn legacy_generation_names_key_states_in_chinese_and_newer_builds_fold_them() {
    let app = twin();
    for (key, one_api) in [
        ("sk-twin-disabled", "该令牌状态不可用"),
        ("sk-twin-expired", "该令牌已过期"),
        ("sk-twin-exhausted", "该令牌额度已用尽"),
    ] {
        let r = post("/_legacy/v1/chat/completions")
            .key(key)
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await;
        assert_eq!(r.status, 401);
        assert_eq!(r.kind(), "one_api_error");
        assert_eq!(r.gateway_message(), one_api, "one-api named the state, in Chinese only");
        for (zh, folded) in [(false, "Invalid token"), (true, "无效的令牌")] {
            let req = post("/_folded/v1/chat/completions").key(key).json(chat_body("gpt-5.4"));
            let r = if zh { req.zh() } else { req }.send(&app).await;
            assert_eq!(r.status, 401);
            assert_eq!(r.kind(), "new_api_error");
            assert_eq!(r.gateway_message(), folded, "new-api since 2026-04-12 folds {key}");
        }
    }
    let r = post("/_legacy/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("gpt-4o"))
        .send(&app)
        .await;
    assert_eq!((r.status.as_u16(), r.code().as_str()), (503, "model_not_found"));
    assert_eq!(r.gateway_message(), "当前分组 default 下对于模型 gpt-4o 无可用渠道");
    let r = post("/_legacy/v1/chat/completions")
        .key("sk-twin-allowlist")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.gateway_message(), "该令牌无权使用模型：gpt-5.4");
}

#[tokio::test]
async fn key_places_follow_new_api() {
    let app = twin();
    let claude =
        json!({"model": "claude-sonnet-4-6", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}]});
    let gemini = json!({"contents": [{"role": "user", "parts": [{"text": "hi"}]}]});
    let gem_path = "/v1beta/models/gemini-2.5-flash:generateContent";
    let cases: Vec<(&str, common::Req, u16)> = vec![
        (
            "x-api-key on messages",
            post("/v1/messages")
                .header("x-api-key", "sk-twin-valid")
                .json(claude.clone()),
            200,
        ),
        (
            "x-api-key on models",
            get("/v1/models").header("x-api-key", "sk-twin-valid"),
            200,
        ),
        (
            "x-api-key ignored on chat",
            post("/v1/chat/completions")
                .header("x-api-key", "sk-twin-valid")
                .json(chat_body("gpt-5.4")),
            401,
        ),
        (
            "x-goog-api-key on gemini",
            post(gem_path)
                .header("x-goog-api-key", "sk-twin-valid")
                .json(gemini.clone()),
            200,
        ),
        (
            "?key= on gemini",
            post(&format!("{gem_path}?key=sk-twin-valid")).json(gemini.clone()),
            200,
        ),
        (
            "?key= on /v1/models/{id}",
            get("/v1/models/gpt-5.4?key=sk-twin-valid"),
            200,
        ),
        (
            "?key= ignored on chat",
            post("/v1/chat/completions?key=sk-twin-valid").json(chat_body("gpt-5.4")),
            401,
        ),
        (
            "lowercase bearer",
            post("/v1/chat/completions")
                .header("authorization", "bearer sk-twin-valid")
                .json(chat_body("gpt-5.4")),
            200,
        ),
        (
            "Bearer twice",
            post("/v1/chat/completions")
                .header("authorization", "Bearer Bearer sk-twin-valid")
                .json(chat_body("gpt-5.4")),
            401,
        ),
        (
            "quoted key",
            post("/v1/chat/completions")
                .header("authorization", "Bearer \"sk-twin-valid\"")
                .json(chat_body("gpt-5.4")),
            401,
        ),
    ];
    for (name, req, status) in cases {
        let r = req.send(&app).await;
        assert_eq!(r.status.as_u16(), status, "{name}: {}", r.text());
    }
}

#[tokio::test]
async fn claude_route_auth_errors_keep_the_gateway_envelope() {
    let app = twin();
    let r = post("/v1/messages")
        .header("x-api-key", "sk-twin-expired")
        .json(json!({"model": "claude-sonnet-4-6", "max_tokens": 8, "messages": [{"role": "user", "content": "x"}]}))
        .send(&app)
        .await;
    assert_eq!(r.status, 401);
    let body = r.json();
    assert_eq!(body.get("type"), None, "not the Claude shape");
    assert_eq!(
        body.pointer("/error/type").and_then(Value::as_str),
        Some("new_api_error")
    );
    assert_eq!(r.gateway_message(), "This token has expired");
}
