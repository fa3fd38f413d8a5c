//! The load and hostile prefixes: what the benchmark and the hostile suite rely on.
mod common;

use axum::body::Body;
use axum::http::Request;
use common::{get, post, twin};
use gateway_twin::loads::flood_word;
use gateway_twin::{app, Config};
use http_body_util::BodyExt;
use tower::ServiceExt;

#[tokio::test]
async fn huge_is_one_valid_chat_completion_of_the_configured_size() {
    let router = app(Config {
        huge_bytes: 1024 * 1024,
        ..Config::fast()
    });
    let r = post("/_huge/v1/chat/completions").send(&router).await;
    assert_eq!(r.status, 200);
    assert!(
        r.body.len() >= 1024 * 1024 - 64 && r.body.len() < 1024 * 1024 + 1024,
        "{}",
        r.body.len()
    );
    assert!(r.json().pointer("/choices/0/message/content").is_some());
    assert!(
        r.header("access-control-allow-origin").is_some(),
        "readable from the page"
    );
}

#[tokio::test]
async fn flood_sends_every_event_in_order_then_done() {
    let router = app(Config {
        flood_events: 1000,
        ..Config::fast()
    });
    let text = post("/_flood/v1/chat/completions").send(&router).await.text();
    let events: Vec<&str> = text.split("\n\n").filter(|e| !e.is_empty()).collect();
    assert_eq!(events.len(), 1002);
    assert!(events[1000].contains("\"finish_reason\":\"stop\""), "{}", events[1000]);
    assert_eq!(events[1001], "data: [DONE]");
    for (i, event) in events[..1000].iter().enumerate() {
        assert!(
            event.contains(&format!("\"content\":\"{}\"", flood_word(i))),
            "event {i}: {event}"
        );
    }
}

#[tokio::test]
async fn cut_breaks_the_body_after_three_events() {
    let req = Request::builder()
        .method("POST")
        .uri("/_cut/v1/chat/completions")
        .body(Body::empty())
        .expect("request");
    let resp = twin().oneshot(req).await.expect("router is infallible");
    assert_eq!(resp.status(), 200);
    let mut body = resp.into_body();
    let mut events = 0;
    let failed = loop {
        match body.frame().await {
            Some(Ok(frame)) => events += frame.data_ref().map_or(0, |d| d.len()).min(1),
            Some(Err(_)) => break true,
            None => break false,
        }
    };
    assert!(failed, "the body ends in an error, not a clean close");
    assert_eq!(events, 3);
}

#[tokio::test]
async fn markers_badutf8_and_echokey() {
    let app = twin();
    let markers = get("/_markers/v1/chat/completions").send(&app).await;
    assert_eq!(markers.status, 503);
    assert!(markers.message().len() >= 1024 * 1024);
    let bad = get("/_badutf8/x").send(&app).await;
    assert!(bad.body.len() >= 2 * 1024 * 1024 - 16);
    assert!(std::str::from_utf8(&bad.body).is_err());
    let echo = post("/_echokey/v1/chat/completions")
        .key("sk-a/b+c=d&e%f")
        .send(&app)
        .await;
    assert_eq!(echo.status, 401);
    assert!(echo.message().contains("sk-a/b+c=d&e%f"));
    assert!(echo.message().contains("sk-a%2Fb%2Bc%3Dd%26e%25f"));
}
