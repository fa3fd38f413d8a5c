//! Shared helpers for the twin's in-process tests: build a request, drive the router with
//! `oneshot`, and read the answer.
#![allow(dead_code)] // each test crate uses a different subset

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use gateway_twin::{app, Config};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// A twin with test timings.
pub fn twin() -> Router {
    app(Config::fast())
}

/// A request under construction.
pub struct Req {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// `GET path`.
pub fn get(path: &str) -> Req {
    Req {
        method: Method::GET,
        path: path.into(),
        headers: Vec::new(),
        body: Vec::new(),
    }
}

/// `POST path`.
pub fn post(path: &str) -> Req {
    Req {
        method: Method::POST,
        ..get(path)
    }
}

/// `OPTIONS path` as a browser preflight.
pub fn preflight(path: &str) -> Req {
    Req {
        method: Method::OPTIONS,
        ..get(path)
    }
    .header("origin", "http://localhost:8080")
    .header("access-control-request-method", "POST")
    .header("access-control-request-headers", "authorization,content-type")
}

impl Req {
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `Authorization: Bearer key`.
    pub fn key(self, key: &str) -> Req {
        self.header("authorization", &format!("Bearer {key}"))
    }

    /// `Accept-Language: zh-CN`.
    pub fn zh(self) -> Req {
        self.header("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")
    }

    /// A JSON body.
    pub fn json(self, body: Value) -> Req {
        self.raw("application/json", body.to_string().into_bytes())
    }

    /// Any body with a content type.
    pub fn raw(mut self, content_type: &str, body: Vec<u8>) -> Req {
        self.body = body;
        self.header("content-type", content_type)
    }

    /// Sends it through the router.
    pub async fn send(self, app: &Router) -> Reply {
        let mut builder = Request::builder().method(self.method).uri(&self.path);
        for (k, v) in &self.headers {
            builder = builder.header(k, v);
        }
        let req = builder.body(Body::from(self.body)).expect("test request builds");
        let resp = app.clone().oneshot(req).await.expect("router is infallible");
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .collect()
            .await
            .expect("body reads")
            .to_bytes()
            .to_vec();
        Reply { status, headers, body }
    }
}

/// A finished answer.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (panics with the body text when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `error.message` of an OpenAI-shaped or Claude-shaped error.
    pub fn message(&self) -> String {
        self.json()
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// `error.code` as text.
    pub fn code(&self) -> String {
        self.json()
            .pointer("/error/code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// `error.type`.
    pub fn kind(&self) -> String {
        self.json()
            .pointer("/error/type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// The message with its ` (request id: …)` suffix checked against the header and removed.
    pub fn gateway_message(&self) -> String {
        let id = self.header("x-oneapi-request-id").expect("request id header");
        let msg = self.message();
        let suffix = format!(" (request id: {id})");
        assert!(msg.ends_with(&suffix), "message {msg:?} lacks {suffix:?}");
        msg[..msg.len() - suffix.len()].to_owned()
    }

    /// SSE `data:` payloads in order.
    pub fn sse_data(&self) -> Vec<String> {
        self.text()
            .split("\n\n")
            .filter_map(|block| block.lines().find_map(|l| l.strip_prefix("data: ")).map(str::to_owned))
            .collect()
    }

    /// SSE `event:` names in order.
    pub fn sse_events(&self) -> Vec<String> {
        self.text()
            .split("\n\n")
            .filter_map(|block| block.lines().find_map(|l| l.strip_prefix("event: ")).map(str::to_owned))
            .collect()
    }
}

/// A minimal valid chat body.
pub fn chat_body(model: &str) -> Value {
    serde_json::json!({"model": model, "messages": [{"role": "user", "content": "hi twin"}]})
}
