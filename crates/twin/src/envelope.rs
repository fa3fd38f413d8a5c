//! Error bodies in every shape the gateway family answers with, in English and Chinese.
//!
//! Gateway-side refusals use new-api's envelope `{"error":{"message":"… (request id: …)",
//! "type":"new_api_error","code":…}}`; relayed upstream errors use the vendor's own shape
//! and carry no request id; task routes use `{"code","message","data":null}`.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::models::GROUP;

/// The language the gateway answers in (new-api follows `Accept-Language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Chinese when the header starts with `zh`, English otherwise.
    pub fn from_accept_language(value: Option<&str>) -> Lang {
        match value {
            Some(v) if v.trim_start().to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// Picks the wording for this language.
    pub fn pick(self, en: String, zh: String) -> String {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Per-request facts every answer needs.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The id new-api appends to gateway messages and sends as `X-Oneapi-Request-Id`.
    pub request_id: String,
    /// Answer language.
    pub lang: Lang,
    /// `/_legacy/`: older one-api wordings.
    pub legacy: bool,
    /// `/_folded/`: new-api since 2026-04-12, which answers a disabled, expired or used-up
    /// key with the same "Invalid token" as an unknown one.
    pub folded: bool,
    /// Envelope type `one_api_error` instead of `new_api_error`.
    pub one_api_type: bool,
    /// `http://host:port` as the client reached us, for file URLs.
    pub base_url: String,
    /// The gateway family the twin answers as.
    pub profile: crate::profile::Profile,
}

impl Ctx {
    /// The gateway envelope's `type`.
    pub fn error_type(&self) -> &'static str {
        if self.one_api_type || self.legacy {
            "one_api_error"
        } else {
            "new_api_error"
        }
    }

    /// `message (request id: …)`, new-api's `MessageWithRequestId`.
    pub fn stamp(&self, message: &str) -> String {
        format!("{message} (request id: {})", self.request_id)
    }
}

/// How relay-stage gateway errors are wrapped on a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `{"error":{…}}` (OpenAI and Gemini routes).
    OpenAi,
    /// `{"type":"error","error":{"type","message"}}` (`/v1/messages`).
    Claude,
    /// `{"code","message","data":null}` (async task routes).
    Task,
}

/// A refusal decided by the gateway itself (key, balance, group, model, limits, parsing).
#[derive(Clone, Debug, PartialEq)]
pub enum GatewayMsg {
    /// No key at all.
    TokenNotProvided,
    /// Unknown key (also disabled/expired/exhausted under `/_legacy/`).
    InvalidToken,
    /// Token status 2.
    TokenDisabled,
    /// Token status 3.
    TokenExpired,
    /// Token status 4, with the masked key.
    TokenExhausted(String),
    /// Client IP not in the token's list (Chinese in every language, as in new-api).
    IpDenied,
    /// The token's model limits exclude the model.
    ModelForbidden(String),
    /// No channel in the group serves the model (typos land here).
    NoChannel(String),
    /// The user's balance is empty.
    UserQuota,
    /// The token's own quota cannot cover the pre-consumption.
    TokenQuota,
    /// Model request rate limit hit.
    RateLimited {
        /// Requests allowed per window.
        max: usize,
        /// Window length in minutes.
        minutes: u64,
        /// Seconds until a slot frees up.
        retry_after: u64,
    },
    /// The distributor could not read the body (`Invalid request: …`, said twice as new-api does).
    InvalidRequest(String),
    /// The body has no model.
    ModelNameRequired,
    /// The body exceeds the size limit.
    BodyTooLarge(usize),
    /// A relay-stage error with a Go error string (English only), e.g. `field messages is required`.
    Relay {
        /// HTTP status (new-api's `NewError` defaults to 500).
        status: StatusCode,
        /// `error.code`.
        code: &'static str,
        /// The Go error text.
        message: String,
    },
}

impl GatewayMsg {
    /// `field X is required`: new-api's 500 for a missing required field.
    pub fn field_required(field: &str) -> GatewayMsg {
        GatewayMsg::invalid_request_500(format!("field {field} is required"))
    }

    /// A 500 `invalid_request` with the given Go error text.
    pub fn invalid_request_500(message: String) -> GatewayMsg {
        GatewayMsg::Relay {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "invalid_request",
            message,
        }
    }

    /// Go's `json: cannot unmarshal X into Go struct field S.f of type T` (500 `invalid_request`).
    pub fn unmarshal(got: &Value, strukt: &str, field: &str, go_type: &str) -> GatewayMsg {
        let kind = match got {
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "bool",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Null => "null",
        };
        GatewayMsg::invalid_request_500(format!(
            "json: cannot unmarshal {kind} into Go struct field {strukt}.{field} of type {go_type}"
        ))
    }

    /// 400 `model_price_error` for a model the operator never priced.
    pub fn price_not_set(model: &str) -> GatewayMsg {
        GatewayMsg::Relay {
            status: StatusCode::BAD_REQUEST,
            code: "model_price_error",
            message: format!("model {model} ratio or price not set, please set or contact admin"),
        }
    }

    /// 500 `do_request_failed`: the channel could not be reached.
    pub fn do_request_failed() -> GatewayMsg {
        GatewayMsg::Relay {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "do_request_failed",
            message: "upstream error: do request failed".into(),
        }
    }

    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            GatewayMsg::TokenNotProvided
            | GatewayMsg::InvalidToken
            | GatewayMsg::TokenDisabled
            | GatewayMsg::TokenExpired
            | GatewayMsg::TokenExhausted(_) => StatusCode::UNAUTHORIZED,
            GatewayMsg::IpDenied | GatewayMsg::ModelForbidden(_) | GatewayMsg::UserQuota | GatewayMsg::TokenQuota => {
                StatusCode::FORBIDDEN
            }
            GatewayMsg::NoChannel(_) => StatusCode::SERVICE_UNAVAILABLE,
            GatewayMsg::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            GatewayMsg::InvalidRequest(_) | GatewayMsg::ModelNameRequired => StatusCode::BAD_REQUEST,
            GatewayMsg::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            GatewayMsg::Relay { status, .. } => *status,
        }
    }

    /// `error.code` (empty where new-api sends none).
    pub fn code(&self) -> &'static str {
        match self {
            GatewayMsg::IpDenied => "access_denied",
            GatewayMsg::NoChannel(_) => "model_not_found",
            GatewayMsg::UserQuota => "insufficient_user_quota",
            GatewayMsg::TokenQuota => "pre_consume_token_quota_failed",
            GatewayMsg::InvalidRequest(_) => "invalid_request",
            GatewayMsg::BodyTooLarge(_) => "read_request_body_failed",
            GatewayMsg::Relay { code, .. } => code,
            _ => "",
        }
    }

    /// True for errors raised inside the relay (wrapped in the route's own shape).
    pub fn is_relay_stage(&self) -> bool {
        matches!(self, GatewayMsg::Relay { .. })
    }

    /// The message text (without request id) for this language and generation.
    pub fn text(&self, lang: Lang, legacy: bool) -> String {
        self.worded(lang, legacy, false)
    }

    /// The message text for this language, generation, and whether key states are folded
    /// into "Invalid token" (new-api since 2026-04-12, an anti-enumeration change; one-api and
    /// earlier new-api named each state, in Chinese only for one-api).
    pub fn worded(&self, lang: Lang, legacy: bool, folded: bool) -> String {
        let s = |en: &str, zh: &str| lang.pick(en.to_owned(), zh.to_owned());
        match self {
            GatewayMsg::TokenNotProvided => s("Token not provided", "未提供令牌"),
            GatewayMsg::InvalidToken => s("Invalid token", "无效的令牌"),
            GatewayMsg::TokenDisabled | GatewayMsg::TokenExpired | GatewayMsg::TokenExhausted(_) if folded => {
                s("Invalid token", "无效的令牌")
            }
            GatewayMsg::TokenDisabled if legacy => "该令牌状态不可用".into(),
            GatewayMsg::TokenExpired if legacy => "该令牌已过期".into(),
            GatewayMsg::TokenExhausted(_) if legacy => "该令牌额度已用尽".into(),
            GatewayMsg::TokenDisabled => s("This token status is unavailable", "该令牌状态不可用"),
            GatewayMsg::TokenExpired => s("This token has expired", "该令牌已过期"),
            GatewayMsg::TokenExhausted(masked) => lang.pick(
                format!("This token quota is exhausted TokenStatusExhausted[{masked}]"),
                format!("该令牌额度已用尽 TokenStatusExhausted[{masked}]"),
            ),
            GatewayMsg::IpDenied => "您的 IP 不在令牌允许访问的列表中".into(),
            GatewayMsg::ModelForbidden(model) if legacy => format!("该令牌无权使用模型：{model}"),
            GatewayMsg::ModelForbidden(model) => lang.pick(
                format!("This token has no access to model {model}"),
                format!("该令牌无权访问模型 {model}"),
            ),
            GatewayMsg::NoChannel(model) if legacy => {
                format!("当前分组 {GROUP} 下对于模型 {model} 无可用渠道")
            }
            // The gateway names the stage that failed, "(distributor)", in both languages.
            GatewayMsg::NoChannel(model) => lang.pick(
                format!("No available channel for model {model} under group {GROUP} (distributor)"),
                format!("分组 {GROUP} 下模型 {model} 无可用渠道（distributor）"),
            ),
            GatewayMsg::UserQuota => s("user quota is not enough", "用户额度不足, 剩余额度: ＄0.000000"),
            GatewayMsg::TokenQuota => s(
                "token quota is not enough, token remain quota: ＄0.001000, need quota: ＄0.020000",
                "令牌额度不足, 剩余额度: ＄0.001000, 需要额度: ＄0.020000",
            ),
            // new-api's model rate limiter hard-codes this Chinese sentence.
            GatewayMsg::RateLimited { max, minutes, .. } => {
                format!("您已达到请求数限制：{minutes}分钟内最多请求{max}次")
            }
            GatewayMsg::InvalidRequest(detail) => lang.pick(
                format!("Invalid request: Invalid request: {detail}"),
                format!("无效的请求，无效的请求，{detail}"),
            ),
            GatewayMsg::ModelNameRequired => s(
                "Model name not specified, model name cannot be empty",
                "未指定模型名称，模型名称不能为空",
            ),
            GatewayMsg::BodyTooLarge(mb) => {
                format!("read request body failed: request body exceeds {mb} MB")
            }
            GatewayMsg::Relay { message, .. } => message.clone(),
        }
    }
}

/// An upstream vendor error relayed in OpenAI's shape (no request id).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenAiError {
    /// HTTP status.
    pub status: StatusCode,
    /// `error.message`.
    pub message: String,
    /// `error.type`.
    pub kind: &'static str,
    /// `error.param`.
    pub param: String,
    /// `error.code`.
    pub code: String,
}

/// Everything that can go wrong in a request, before it is dressed for the route.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Refused by the gateway.
    Gateway(GatewayMsg),
    /// Upstream error, OpenAI shape.
    OpenAi(OpenAiError),
    /// Upstream error, Anthropic shape.
    Claude {
        /// HTTP status.
        status: StatusCode,
        /// `error.type`.
        kind: &'static str,
        /// `error.message`.
        message: String,
    },
    /// Task-route error `{"code","message","data":null}`.
    Task {
        /// HTTP status.
        status: StatusCode,
        /// `code`.
        code: &'static str,
        /// `message`.
        message: String,
    },
    /// A 429 with no body and no content type.
    EmptyTooMany,
}

impl From<GatewayMsg> for Fault {
    fn from(msg: GatewayMsg) -> Fault {
        Fault::Gateway(msg)
    }
}

impl Fault {
    /// 400 `invalid_request_error` in OpenAI's shape.
    pub fn invalid(param: &str, code: &str, message: impl Into<String>) -> Fault {
        Fault::OpenAi(OpenAiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            kind: "invalid_request_error",
            param: param.into(),
            code: code.into(),
        })
    }

    /// OpenAI's wording for a number outside its range (`code: invalid_value`).
    pub fn out_of_range(param: &str, got: f64, min: f64, max: f64) -> Fault {
        let (side, bound, op) = if got > max {
            ("above maximum", max, "<=")
        } else {
            ("below minimum", min, ">=")
        };
        Fault::invalid(
            param,
            "invalid_value",
            format!(
                "Invalid '{param}': decimal {side} value. Expected a value {op} {}, but got {} instead.",
                num(bound),
                num(got)
            ),
        )
    }

    /// OpenAI's wording for a value outside an enumeration.
    pub fn not_one_of(param: &str, got: &str, allowed: &[&str]) -> Fault {
        let list = allowed.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>();
        let joined = match list.split_last() {
            Some((last, [only])) => format!("{only} and {last}"),
            Some((last, rest)) if !rest.is_empty() => format!("{}, and {last}", rest.join(", ")),
            _ => list.join(""),
        };
        Fault::invalid(
            param,
            "invalid_value",
            format!("Invalid value: '{got}'. Supported values are: {joined}."),
        )
    }

    /// 400 in Anthropic's shape (`invalid_request_error`).
    pub fn claude_invalid(message: impl Into<String>) -> Fault {
        Fault::Claude {
            status: StatusCode::BAD_REQUEST,
            kind: "invalid_request_error",
            message: message.into(),
        }
    }

    /// 400 task envelope `invalid_request`.
    pub fn task_invalid(message: impl Into<String>) -> Fault {
        Fault::Task {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_request",
            message: message.into(),
        }
    }

    /// HTTP status of the answer.
    pub fn status(&self) -> StatusCode {
        match self {
            Fault::Gateway(m) => m.status(),
            Fault::OpenAi(e) => e.status,
            Fault::Claude { status, .. } | Fault::Task { status, .. } => *status,
            Fault::EmptyTooMany => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// The text a usage log shows for this failure.
    pub fn log_text(&self, ctx: &Ctx) -> String {
        match self {
            Fault::Gateway(m) => m.worded(ctx.lang, ctx.legacy, ctx.folded),
            Fault::OpenAi(e) => e.message.clone(),
            Fault::Claude { message, .. } | Fault::Task { message, .. } => message.clone(),
            Fault::EmptyTooMany => "429 Too Many Requests (empty body)".into(),
        }
    }

    /// The full HTTP answer. `shape` wraps relay-stage gateway errors for the route.
    pub fn render(&self, ctx: &Ctx, shape: Shape) -> Response {
        let status = self.status();
        // Another gateway family dresses the same situation in its own words.
        match self {
            Fault::Gateway(m) => {
                if let Some(resp) = ctx.profile.gateway_refusal(m, "sk-...****") {
                    return resp;
                }
            }
            Fault::OpenAi(e) => {
                if let Some(resp) = ctx.profile.relayed(e) {
                    return resp;
                }
            }
            _ => {}
        }
        let body = match self {
            Fault::EmptyTooMany => return empty(status),
            Fault::Gateway(m) => {
                let message = ctx.stamp(&m.worded(ctx.lang, ctx.legacy, ctx.folded));
                let mut resp = match (m.is_relay_stage(), shape) {
                    (true, Shape::Claude) => json_response(
                        status,
                        &json!({"type": "error", "error": {"type": ctx.error_type(), "message": message}}),
                    ),
                    (true, Shape::Task) => {
                        json_response(status, &json!({"code": m.code(), "message": message, "data": null}))
                    }
                    (true, Shape::OpenAi) => json_response(
                        status,
                        &json!({"error": {"message": message, "type": ctx.error_type(), "param": "", "code": m.code()}}),
                    ),
                    (false, _) => json_response(
                        status,
                        &json!({"error": {"message": message, "type": ctx.error_type(), "code": m.code()}}),
                    ),
                };
                if let GatewayMsg::RateLimited { retry_after, .. } = m {
                    resp.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
                }
                return resp;
            }
            Fault::OpenAi(e) => {
                json!({"error": {"message": e.message, "type": e.kind, "param": e.param, "code": e.code}})
            }
            Fault::Claude { kind, message, .. } => {
                json!({"type": "error", "error": {"type": kind, "message": message}})
            }
            Fault::Task { code, message, .. } => {
                json!({"code": code, "message": message, "data": null})
            }
        };
        json_response(status, &body)
    }
}

/// Formats a number the way OpenAI echoes it (integers without `.0`).
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A JSON answer with gin's content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = Response::new(Body::from(body.to_string()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// An answer with no body and no content type.
pub fn empty(status: StatusCode) -> Response {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = status;
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_messages_read_like_openai() {
        let Fault::OpenAi(e) = Fault::out_of_range("temperature", 3.0, 0.0, 2.0) else {
            panic!("not an OpenAI error")
        };
        assert_eq!(
            e.message,
            "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead."
        );
        let Fault::OpenAi(e) = Fault::not_one_of("reasoning.effort", "max", &["minimal", "low", "high"]) else {
            panic!("not an OpenAI error")
        };
        assert_eq!(
            e.message,
            "Invalid value: 'max'. Supported values are: 'minimal', 'low', and 'high'."
        );
    }

    #[test]
    fn language_and_generation_pick_wordings() {
        let m = GatewayMsg::NoChannel("gpt-5".into());
        assert_eq!(
            m.text(Lang::En, false),
            "No available channel for model gpt-5 under group default (distributor)"
        );
        assert_eq!(
            m.text(Lang::Zh, false),
            "分组 default 下模型 gpt-5 无可用渠道（distributor）"
        );
        assert_eq!(m.text(Lang::En, true), "当前分组 default 下对于模型 gpt-5 无可用渠道");
        assert_eq!(GatewayMsg::TokenExpired.text(Lang::Zh, true), "该令牌已过期");
        assert_eq!(
            GatewayMsg::TokenExpired.text(Lang::En, true),
            "该令牌已过期",
            "one-api spoke Chinese only"
        );
        assert_eq!(GatewayMsg::TokenExpired.worded(Lang::En, false, true), "Invalid token");
        assert_eq!(GatewayMsg::TokenDisabled.worded(Lang::Zh, false, true), "无效的令牌");
        assert_eq!(Lang::from_accept_language(Some("zh-CN,zh;q=0.9")), Lang::Zh);
        assert_eq!(Lang::from_accept_language(Some("en-US,zh;q=0.9")), Lang::En);
    }
}
