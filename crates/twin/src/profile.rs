//! Gateway families the twin can answer as (`--profile`), so the playground's diagnosis is
//! checked against more than one gateway. The default answers as new-api (the gateway
//! RouteScope runs). `litellm` and `openrouter` answer the same situations in those
//! families' own envelopes, vocabularies and request-id headers, as their public source
//! and docs show them: a missing key, an unknown key, an unknown or forbidden model, an
//! empty balance, a rate limit, a relayed provider error, and a stream that breaks.

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::envelope::{json_response, GatewayMsg, OpenAiError};

/// The family the twin answers as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Profile {
    /// new-api: `new_api_error`, `(request id: …)`, `X-Oneapi-Request-Id`.
    #[default]
    NewApi,
    /// The LiteLLM proxy: `auth_error` and kin, the status as a string `code`, `x-litellm-call-id`.
    LiteLlm,
    /// OpenRouter: `{"error":{"message","code":<int>,"metadata"}}`, `x-generation-id`.
    OpenRouter,
}

impl Profile {
    /// Reads `new-api`, `litellm` or `openrouter`.
    pub fn parse(text: &str) -> Option<Profile> {
        match text.trim().to_ascii_lowercase().as_str() {
            "new-api" | "newapi" => Some(Profile::NewApi),
            "litellm" => Some(Profile::LiteLlm),
            "openrouter" => Some(Profile::OpenRouter),
            _ => None,
        }
    }

    /// The header carrying the request id.
    pub fn request_id_header(self) -> &'static str {
        match self {
            Profile::NewApi => "x-oneapi-request-id",
            Profile::LiteLlm => "x-litellm-call-id",
            Profile::OpenRouter => "x-generation-id",
        }
    }

    /// A gateway refusal in this family's words; `None` for new-api (its own renderer).
    pub fn gateway_refusal(self, msg: &GatewayMsg, masked_key: &str) -> Option<Response> {
        let (status, body) = match self {
            Profile::NewApi => return None,
            Profile::LiteLlm => litellm_refusal(msg, masked_key),
            Profile::OpenRouter => openrouter_refusal(msg),
        };
        Some(json_response(status, &body))
    }

    /// A provider's error relayed by this family; `None` for new-api.
    pub fn relayed(self, e: &OpenAiError) -> Option<Response> {
        let code = e.status.as_u16();
        let body = match self {
            Profile::NewApi => return None,
            Profile::LiteLlm => json!({"error": {
                "message": format!("litellm.{}: OpenAIException - {}", litellm_exception(code), e.message),
                "type": e.kind, "param": e.param, "code": code.to_string(),
            }}),
            Profile::OpenRouter => json!({"error": {
                "message": "Provider returned error",
                "code": code,
                "metadata": {
                    "raw": json!({"error": {"message": e.message, "type": e.kind, "param": e.param, "code": e.code}}).to_string(),
                    "provider_name": "OpenAI",
                },
            }}),
        };
        Some(json_response(e.status, &body))
    }

    /// The `data:` line a broken OpenAI-style stream ends with, after some content.
    pub fn stream_error(self, id: &str) -> Value {
        match self {
            // new-api passes the provider's own error chunk through unchanged.
            Profile::NewApi => json!({"error": {
                "message": "The server had an error while processing your request. Sorry about that!",
                "type": "server_error", "param": null, "code": null,
            }}),
            Profile::LiteLlm => json!({"error": {
                "message": "litellm.InternalServerError: OpenAIException - Connection error.",
                "type": null, "param": null, "code": "500",
            }}),
            Profile::OpenRouter => json!({
                "id": id, "object": "chat.completion.chunk", "provider": "OpenAI",
                "error": {"code": 502, "message": "Provider disconnected", "metadata": {"error_type": "provider_unavailable"}},
                "choices": [{"index": 0, "delta": {"content": ""}, "finish_reason": "error"}],
            }),
        }
    }

    /// Sets this family's request-id header.
    pub fn stamp_header(self, resp: &mut Response, request_id: &str) {
        if let Ok(v) = HeaderValue::from_str(request_id) {
            resp.headers_mut().insert(self.request_id_header(), v);
        }
    }
}

fn litellm_exception(status: u16) -> &'static str {
    match status {
        400 => "BadRequestError",
        401 => "AuthenticationError",
        403 => "PermissionDeniedError",
        404 => "NotFoundError",
        429 => "RateLimitError",
        503 => "ServiceUnavailableError",
        _ => "InternalServerError",
    }
}

fn litellm_refusal(msg: &GatewayMsg, masked_key: &str) -> (StatusCode, Value) {
    let error = |status: StatusCode, message: String, kind: &str, param: Value| {
        (
            status,
            json!({"error": {"message": message, "type": kind, "param": param, "code": status.as_u16().to_string()}}),
        )
    };
    match msg {
        GatewayMsg::TokenNotProvided => error(
            StatusCode::UNAUTHORIZED,
            "Authentication Error, No api key passed in.".into(),
            "auth_error",
            json!("None"),
        ),
        GatewayMsg::InvalidToken => error(
            StatusCode::UNAUTHORIZED,
            format!("Authentication Error, Invalid proxy server token passed. Received API Key = {masked_key}, Key Hash (Token) =e3b0c44298fc1c14. Unable to find token in cache or `LiteLLM_VerificationTokenTable`"),
            "token_not_found_in_db",
            json!("key"),
        ),
        GatewayMsg::TokenDisabled => error(
            StatusCode::UNAUTHORIZED,
            "Authentication Error, Key is blocked. Update via `/key/unblock` if you're an admin.".into(),
            "auth_error",
            Value::Null,
        ),
        GatewayMsg::TokenExpired | GatewayMsg::TokenExhausted(_) => error(
            StatusCode::UNAUTHORIZED,
            "Authentication Error - Expired Key. Key Expiry time 2026-11-30 00:00:00+00:00 and current time 2026-12-02 09:14:07+00:00".into(),
            "expired_key",
            json!(masked_key),
        ),
        GatewayMsg::NoChannel(model) => error(
            StatusCode::BAD_REQUEST,
            format!("/chat/completions: Invalid model name passed in model={model}. Call `/v1/models` to view available models for your key."),
            "invalid_request_error",
            json!("model"),
        ),
        GatewayMsg::ModelForbidden(model) => error(
            StatusCode::FORBIDDEN,
            format!("The requested model '{model}' is not available for this API key, or the model name is invalid. Check the models available to you and try again."),
            "key_model_access_denied",
            json!("model"),
        ),
        GatewayMsg::UserQuota | GatewayMsg::TokenQuota => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Budget has been exceeded! Key=twin ({masked_key}) Current cost: 10.0421, Max budget: 10.0"),
            "budget_exceeded",
            Value::Null,
        ),
        GatewayMsg::RateLimited { max, .. } => error(
            StatusCode::TOO_MANY_REQUESTS,
            format!("LiteLLM Rate Limit Handler for rate limit type = key. Crossed TPM / RPM / Max Parallel Request Limit. current rpm: {}, rpm limit: {max}, current tpm: 0, tpm limit: 1000000", max + 1),
            "None",
            json!("None"),
        ),
        other => error(other.status(), other.text(crate::envelope::Lang::En, false), "None", json!("None")),
    }
}

fn openrouter_refusal(msg: &GatewayMsg) -> (StatusCode, Value) {
    let error =
        |status: StatusCode, message: String| (status, json!({"error": {"message": message, "code": status.as_u16()}}));
    match msg {
        GatewayMsg::TokenNotProvided => error(StatusCode::UNAUTHORIZED, "No auth credentials found".into()),
        GatewayMsg::InvalidToken | GatewayMsg::TokenDisabled | GatewayMsg::TokenExpired | GatewayMsg::TokenExhausted(_) => {
            error(StatusCode::UNAUTHORIZED, "User not found.".into())
        }
        GatewayMsg::NoChannel(model) => error(StatusCode::BAD_REQUEST, format!("{model} is not a valid model ID")),
        GatewayMsg::ModelForbidden(model) => error(StatusCode::NOT_FOUND, format!("No endpoints found for {model}.")),
        GatewayMsg::UserQuota | GatewayMsg::TokenQuota => error(
            StatusCode::PAYMENT_REQUIRED,
            "This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1000. To increase, visit https://openrouter.ai/settings/credits and add more credits".into(),
        ),
        GatewayMsg::RateLimited { .. } => error(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded: limit_rpm/twin/3".into()),
        other => error(other.status(), other.text(crate::envelope::Lang::En, false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_headers_differ() {
        assert_eq!(Profile::parse("LiteLLM"), Some(Profile::LiteLlm));
        assert_eq!(Profile::parse("openrouter"), Some(Profile::OpenRouter));
        assert_eq!(Profile::parse("new-api"), Some(Profile::NewApi));
        assert_eq!(Profile::parse("nope"), None);
        assert_ne!(
            Profile::LiteLlm.request_id_header(),
            Profile::OpenRouter.request_id_header()
        );
    }

    #[test]
    fn only_foreign_profiles_rewrite_refusals() {
        assert!(Profile::NewApi
            .gateway_refusal(&GatewayMsg::InvalidToken, "sk-...x")
            .is_none());
        let r = Profile::OpenRouter
            .gateway_refusal(&GatewayMsg::TokenNotProvided, "")
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
}
