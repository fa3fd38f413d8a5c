//! Model lists: `GET /v1/models`, `GET /v1/models/{id}`, `GET /v1beta/models`,
//! `GET /v1beta/openai/models`. Lists need a working key but are not billed or rate limited.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::call::{Call, Refusal};
use crate::envelope::{json_response, Ctx, Shape};
use crate::models::{self, Model};
use crate::state::Twin;

fn openai_model(m: &Model) -> Value {
    json!({"id": m.id, "object": "model", "created": m.created(), "owned_by": m.owned_by})
}

fn visible(call: &mut Call, req: &Request) -> Result<Vec<&'static Model>, Refusal> {
    let token = call.authenticate(req.headers(), req.uri())?;
    Ok(models::visible(token.model_limits()))
}

/// `GET /v1/models` and `GET /v1beta/openai/models`: the OpenAI list, plus new-api's `success`.
pub async fn openai_list(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    match visible(&mut call, &req) {
        Ok(list) => {
            let data: Vec<Value> = list.into_iter().map(openai_model).collect();
            json_response(
                StatusCode::OK,
                &json!({"object": "list", "data": data, "success": true}),
            )
        }
        Err(refusal) => *refusal,
    }
}

/// `GET /v1/models/{id}`: one model; an unknown id is a **200** carrying an `error` object.
pub async fn openai_one(
    State(twin): State<Arc<Twin>>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    match visible(&mut call, &req) {
        Ok(list) => match list.into_iter().find(|m| m.id == id) {
            Some(m) => json_response(StatusCode::OK, &openai_model(m)),
            None => json_response(
                StatusCode::OK,
                &json!({"error": {
                    "message": format!("The model '{id}' does not exist"),
                    "type": "invalid_request_error",
                    "param": "model",
                    "code": "model_not_found",
                }}),
            ),
        },
        Err(refusal) => *refusal,
    }
}

/// `GET /v1beta/models`: the Gemini-native list (Gemini and Imagen models only).
pub async fn gemini_list(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    match visible(&mut call, &req) {
        Ok(list) => {
            let models: Vec<Value> = list
                .into_iter()
                .filter(|m| m.is_google())
                .map(|m| {
                    let methods: &[&str] = if m.family == models::Family::Imagen {
                        &["predict"]
                    } else {
                        &["generateContent", "streamGenerateContent", "countTokens"]
                    };
                    json!({
                        "name": format!("models/{}", m.id),
                        "displayName": m.display,
                        "description": format!("{} (via the RouteScope twin)", m.display),
                        "supportedGenerationMethods": methods,
                    })
                })
                .collect();
            json_response(StatusCode::OK, &json!({"models": models, "nextPageToken": ""}))
        }
        Err(refusal) => *refusal,
    }
}
