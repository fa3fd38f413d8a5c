//! The self-service (dashboard) API a key holder can call with the key itself:
//! `GET /api/token/self/`, `GET /api/token/self/log?request_id=`, `GET /api/token/self/log/stat`.
//! Like new-api's dashboard API it answers HTTP 200 with `{"success":false,…}` on refusal,
//! and it reports disabled/expired/exhausted keys instead of refusing them.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::envelope::{json_response, Ctx, GatewayMsg};
use crate::models::GROUP;
use crate::state::Twin;
use crate::tokens::{self, KeyPlaces, Token};

fn refuse(ctx: &Ctx, msg: GatewayMsg) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"success": false, "message": msg.text(ctx.lang, false)}),
    )
}

fn token(ctx: &Ctx, headers: &HeaderMap) -> Result<&'static Token, Box<Response>> {
    let Some(key) = tokens::presented_key(headers, None, KeyPlaces::default()) else {
        return Err(Box::new(refuse(ctx, GatewayMsg::TokenNotProvided)));
    };
    tokens::find(&key).ok_or_else(|| Box::new(refuse(ctx, GatewayMsg::InvalidToken)))
}

fn ok(data: Value) -> Response {
    json_response(StatusCode::OK, &json!({"success": true, "message": "", "data": data}))
}

/// `GET /api/token/self/`: the key's status, group, quota and limits.
pub async fn token_self(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, headers: HeaderMap) -> Response {
    let t = match token(&ctx, &headers) {
        Ok(t) => t,
        Err(refusal) => return *refusal,
    };
    let (spent, requests) = twin.totals(t.key);
    let used = t.seeded_used_quota() + spent;
    let (unlimited, remain) = match t.initial_remain_quota() {
        None => (true, 0),
        Some(start) => (false, start.saturating_sub(spent)),
    };
    let limits = t.model_limits();
    ok(json!({
        "name": t.name,
        "status": t.status(),
        "group": GROUP,
        "quota": remain + used,
        "used_quota": used,
        "remain_quota": remain,
        "unlimited_quota": unlimited,
        "expired_time": t.expired_time(),
        "request_count": requests,
        "model_limits_enabled": !limits.is_empty(),
        "model_limits": limits.join(","),
    }))
}

/// `GET /api/token/self/log?request_id=…`: the calls this key made (newest first).
pub async fn token_log(
    State(twin): State<Arc<Twin>>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let t = match token(&ctx, &headers) {
        Ok(t) => t,
        Err(refusal) => return *refusal,
    };
    let wanted = query.get("request_id").map(String::as_str).filter(|s| !s.is_empty());
    let items: Vec<Value> = twin
        .logs_for(t.key, wanted)
        .into_iter()
        .take(100)
        .map(|e| {
            json!({
                "request_id": e.request_id,
                "type": if e.note.is_error { 5 } else { 2 },
                "model_name": e.note.model,
                "token_name": t.name,
                "group": GROUP,
                "created_at": e.created_at,
                "prompt_tokens": e.note.prompt_tokens,
                "completion_tokens": e.note.completion_tokens,
                "quota": e.note.quota,
                "content": e.note.content,
                "use_time": e.use_time,
            })
        })
        .collect();
    let total = items.len();
    ok(json!({"items": items, "total": total, "page": 1, "page_size": 100}))
}

/// `GET /api/token/self/log/stat`: quota, requests and tokens of the last minute.
pub async fn token_stat(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, headers: HeaderMap) -> Response {
    let t = match token(&ctx, &headers) {
        Ok(t) => t,
        Err(refusal) => return *refusal,
    };
    let (quota, rpm, tpm) = twin.last_minute(t.key);
    ok(json!({"quota": quota, "rpm": rpm, "tpm": tpm}))
}
