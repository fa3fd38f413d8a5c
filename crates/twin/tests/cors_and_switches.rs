//! CORS exactly as the gateway family sets it, the behaviour-switch prefixes, wrong URLs.

mod common;

use std::time::{Duration, Instant};

use common::{chat_body, get, post, preflight, twin};

fn cors_names(r: &common::Reply) -> Vec<String> {
    let mut names: Vec<String> = r
        .headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| k.starts_with("access-control-"))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn preflight_is_204_with_the_exact_headers() {
    let app = twin();
    for path in [
        "/v1/chat/completions",
        "/v1/messages",
        "/api/token/self/",
        "/anything",
        "/_proxy413/v1/images/edits",
    ] {
        let r = preflight(path).send(&app).await;
        assert_eq!(r.status, 204, "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(r.header("access-control-allow-headers"), Some("*"));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("GET,POST,PUT,DELETE,OPTIONS")
        );
        assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
        assert_eq!(r.header("access-control-max-age"), None);
        assert!(r.body.is_empty());
    }
}

#[tokio::test]
async fn answers_carry_origin_and_credentials_but_expose_nothing() {
    let app = twin();
    let cases = [
        post("/v1/chat/completions")
            .key("sk-twin-valid")
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await,
        post("/v1/chat/completions")
            .key("sk-nope")
            .json(chat_body("gpt-5.4"))
            .send(&app)
            .await,
        get("/v1/models").key("sk-twin-valid").send(&app).await,
        get("/dashboard").send(&app).await,
        get("/_twin/health").send(&app).await,
    ];
    for r in cases {
        assert_eq!(
            cors_names(&r),
            ["access-control-allow-credentials", "access-control-allow-origin"],
            "{r:?}"
        );
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }
}

#[tokio::test]
async fn nocors_strips_every_cors_header() {
    let app = twin();
    let r = preflight("/_nocors/v1/chat/completions").send(&app).await;
    assert_eq!(r.status, 204);
    assert!(cors_names(&r).is_empty());
    let r = post("/_nocors/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "same answer");
    assert!(cors_names(&r).is_empty());
    assert!(r.header("x-oneapi-request-id").is_some());
}

#[tokio::test]
async fn proxy_pages() {
    let app = twin();
    let r = post("/_proxy413/v1/images/edits")
        .key("sk-twin-valid")
        .json(chat_body("x"))
        .send(&app)
        .await;
    assert_eq!(r.status, 413);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r
        .text()
        .starts_with("<html>\r\n<head><title>413 Request Entity Too Large</title>"));
    assert!(cors_names(&r).is_empty());

    let r = post("/_proxy504/v1/chat/completions").send(&app).await;
    assert_eq!(r.status, 504);
    assert!(r.text().contains("504 Gateway Time-out"));
    assert!(cors_names(&r).is_empty());

    let r = post("/_cf524/v1/chat/completions").send(&app).await;
    assert_eq!(r.status.as_u16(), 524);
    assert!(r.text().contains("Error code 524"));
    assert_eq!(cors_names(&r), ["access-control-allow-origin"]);
}

#[tokio::test]
async fn slow_prefix_waits_then_answers() {
    let app = twin(); // Config::fast(): 200 ms
    let started = Instant::now();
    let r = post("/_slow/v1/chat/completions")
        .key("sk-twin-valid")
        .json(chat_body("gpt-5.4"))
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    // Preflights are not slowed.
    let started = Instant::now();
    preflight("/_slow/v1/chat/completions").send(&app).await;
    assert!(started.elapsed() < Duration::from_millis(150));
}

#[tokio::test]
async fn wrong_urls() {
    let app = twin();
    let cases = [
        (
            "POST",
            "/v1/v1/chat/completions",
            404,
            Some("Invalid URL (POST /v1/v1/chat/completions)"),
        ),
        (
            "GET",
            "/v1/chat/completions",
            404,
            Some("Invalid URL (GET /v1/chat/completions)"),
        ),
        (
            "POST",
            "/v1/chat/completion",
            404,
            Some("Invalid URL (POST /v1/chat/completion)"),
        ),
        (
            "POST",
            "/v1beta/models/gemini-2.5-flash:countWords",
            404,
            Some("Invalid URL (POST /v1beta/models/gemini-2.5-flash:countWords)"),
        ),
        (
            "POST",
            "/v1/models/gpt-5.4",
            404,
            Some("Invalid URL (POST /v1/models/gpt-5.4)"),
        ),
        ("POST", "/api/nothing", 404, Some("Invalid URL (POST /api/nothing)")),
        (
            "POST",
            "/_legacy/v1/v1/chat/completions",
            404,
            Some("Invalid URL (POST /v1/v1/chat/completions)"),
        ),
        ("POST", "/chat/completions", 200, None),
        ("GET", "/", 200, None),
        ("GET", "/dashboard", 200, None),
        ("POST", "/messages", 200, None),
    ];
    for (method, path, status, msg) in cases {
        let req = if method == "GET" { get(path) } else { post(path) };
        let r = req.key("sk-twin-valid").json(chat_body("gpt-5.4")).send(&app).await;
        assert_eq!(r.status.as_u16(), status, "{method} {path}");
        match msg {
            Some(m) => {
                assert_eq!(r.message(), m);
                assert_eq!(r.kind(), "invalid_request_error");
                assert_eq!(r.json()["error"]["param"], "");
            }
            None => {
                assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
                assert!(r.text().starts_with("<!doctype html><html lang=\"en\"><head>"));
                assert!(r.text().contains("<title>RouteScope</title>"));
            }
        }
    }
}

#[tokio::test]
async fn twin_health_and_files() {
    let app = twin();
    let r = get("/_twin/health").send(&app).await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "ok"));
    let r = get("/_twin/files/12-ff8000-8.png").send(&app).await;
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert_eq!(r.body, gateway_twin::png::square(8, [0xff, 0x80, 0]));
    assert_eq!(get("/_twin/files/nope.png").send(&app).await.status, 404);
    assert_eq!(get("/_twin/unknown").send(&app).await.status, 404);
}
