//! A local twin of the RouteScope gateway (a new-api deployment) for the playground's tests
//! and offline sandbox.
//!
//! In scope: the gateway's observable behaviour — token states, model allow lists and
//! channels, quota and rate-limit refusals, request validation per protocol, error envelopes
//! in English and Chinese (and an older generation), CORS, stream framing, async tasks,
//! the self-service key API, and the failure signatures of proxies in front of it.
//!
//! Out of scope: real models, persistence, accounts beyond the seeded keys, TLS.
//!
//! Modules: [`front`] (prefix switches, CORS, request ids, usage log) hands requests to the
//! routes below; [`call`] runs a relayed call through the gateway's stages; [`envelope`]
//! dresses errors; [`tokens`] and [`models`] hold the seeded data; [`openai`], [`claude`],
//! [`gemini`], [`images`], [`tasks`], [`listing`], [`selfservice`] are the endpoints;
//! [`upstream`], [`png`], [`b64`] make the fake answers; [`loads`] serves large and hostile
//! answers for the benchmark and the hostile suite.

#![warn(missing_docs)]

pub mod b64;
pub mod banner;
pub mod bomb;
pub mod call;
pub mod claude;
pub mod clock;
pub mod cors;
pub mod envelope;
pub mod front;
pub mod gemini;
pub mod images;
pub mod listing;
pub mod loads;
pub mod models;
pub mod openai;
pub mod pages;
pub mod png;
pub mod profile;
pub mod selfservice;
pub mod state;
pub mod tasks;
pub mod tokens;
pub mod upstream;
pub mod validate;
pub mod xss;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

pub use state::Config;
use state::Twin;

/// The whole twin as a router: serve it, or drive it in-process with `tower::ServiceExt::oneshot`.
pub fn app(config: Config) -> Router {
    let twin = Arc::new(Twin::new(config));
    let inner = routes(twin.clone());
    Router::new()
        .fallback(front::handle)
        .with_state(front::Front { twin, inner })
}

/// The route table for prefix-stripped paths.
fn routes(twin: Arc<Twin>) -> Router {
    let limit = twin.config.body_limit;
    Router::new()
        .route("/v1/models", get(listing::openai_list))
        .route("/v1/models/{id}", get(listing::openai_one).post(gemini::model_action))
        .route("/v1beta/models", get(listing::gemini_list))
        .route("/v1beta/models/{target}", post(gemini::model_action))
        .route("/v1beta/openai/models", get(listing::openai_list))
        .route("/v1/chat/completions", post(openai::chat_completions))
        .route("/v1/responses", post(openai::responses))
        .route("/v1/messages", post(claude::messages))
        .route("/v1/images/generations", post(images::generations))
        .route("/v1/images/edits", post(images::edits))
        .route("/v1/aiart/openai/image/submit", post(tasks::image_submit))
        .route("/v1/aiart/openai/image/query", post(tasks::image_query))
        .route("/v1/video/generations", post(tasks::video_submit))
        .route("/v1/video/generations/{task_id}", get(tasks::video_fetch))
        .route("/api/token/self", get(selfservice::token_self))
        .route("/api/token/self/", get(selfservice::token_self))
        .route("/api/token/self/log", get(selfservice::token_log))
        .route("/api/token/self/log/stat", get(selfservice::token_stat))
        .route("/_twin/health", get(health))
        .route("/_twin/hello", get(hello))
        .route("/_twin/reset", post(reset))
        .route("/_twin/canary", get(canary))
        .route("/_twin/files/{name}", get(images::file))
        .fallback(unrouted)
        .method_not_allowed_fallback(unrouted)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(twin)
}

async fn unrouted(req: Request) -> Response {
    pages::unrouted(req.method().as_str(), req.uri().path())
}

async fn health() -> &'static str {
    "ok"
}

/// `GET /_twin/hello`: how the playground recognises a twin on the sandbox address.
async fn hello() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({
        "twin": "routescope-gateway-twin",
        "version": env!("CARGO_PKG_VERSION"),
    }))
}

/// `GET /_twin/canary`: the canary paths hit since the last reset, as a JSON array.
async fn canary(State(twin): State<Arc<Twin>>) -> axum::Json<Vec<String>> {
    axum::Json(twin.canary_hits())
}

async fn reset(State(twin): State<Arc<Twin>>) -> (StatusCode, &'static str) {
    twin.reset();
    (StatusCode::OK, "{\"success\":true,\"message\":\"twin state cleared\"}")
}
