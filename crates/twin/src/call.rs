//! One relayed call through the gateway's stages, in new-api's order:
//! token → model allow list → channel for the model → quota → rate limit → relay.
//! Each stage returns the finished error `Response` on refusal, so handlers read as a
//! straight line of `?`.

use std::sync::Arc;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::Query;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::envelope::{Ctx, Fault, GatewayMsg, OpenAiError, Shape};
use crate::models::{self, Endpoint, Model, TestModel};
use crate::state::{LogNote, Twin};
use crate::tokens::{self, Behaviour, KeyPlaces, Token};

/// A finished refusal. Boxed because a `Response` is large and refusals travel through `?`.
pub type Refusal = Box<Response>;

/// Token counts of an answer, for `usage` and the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Input tokens.
    pub prompt: u64,
    /// Output tokens.
    pub completion: u64,
    /// Quota charged (new-api units, 500 000 = $1).
    pub quota: u64,
}

impl Usage {
    /// Usage of a text call; quota follows a fixed ratio so logs are reproducible.
    pub fn text(prompt: u64, completion: u64) -> Usage {
        Usage {
            prompt,
            completion,
            quota: (prompt + 4 * completion) * 2,
        }
    }

    /// Usage of a per-call priced request (images, video).
    pub fn flat(quota: u64) -> Usage {
        Usage {
            quota,
            ..Usage::default()
        }
    }
}

/// The state of one call as it passes the gateway's stages.
pub struct Call {
    /// Shared state.
    pub twin: Arc<Twin>,
    /// Request facts (adjusted once the token is known).
    pub ctx: Ctx,
    /// How relay-stage errors are wrapped on this route.
    pub shape: Shape,
    /// The authenticated token.
    pub token: Option<&'static Token>,
    /// The model name as sent.
    pub model_name: String,
    /// The model, once admitted.
    pub model: Option<&'static Model>,
}

impl Call {
    /// A call that has passed no stage yet.
    pub fn new(twin: Arc<Twin>, ctx: Ctx, shape: Shape) -> Call {
        Call {
            twin,
            ctx,
            shape,
            token: None,
            model_name: String::new(),
            model: None,
        }
    }

    /// A gateway-stage refusal: always the new-api envelope, whatever the route.
    pub fn reject(&self, fault: impl Into<Fault>) -> Refusal {
        Box::new(self.finish_error(fault.into(), Shape::OpenAi))
    }

    /// A relay-stage failure, wrapped for the route.
    pub fn fail(&self, fault: impl Into<Fault>) -> Refusal {
        Box::new(self.finish_error(fault.into(), self.shape))
    }

    fn finish_error(&self, fault: Fault, shape: Shape) -> Response {
        let mut resp = fault.render(&self.ctx, shape);
        if let Some(token) = self.token {
            resp.extensions_mut().insert(LogNote {
                token_key: token.key,
                model: self.model_name.clone(),
                content: fault.log_text(&self.ctx),
                is_error: true,
                ..LogNote::default()
            });
        }
        resp
    }

    /// Attaches the usage-log note to a successful answer.
    pub fn done(&self, mut resp: Response, usage: Usage, content: impl Into<String>) -> Response {
        if let Some(token) = self.token {
            resp.extensions_mut().insert(LogNote {
                token_key: token.key,
                model: self.model_name.clone(),
                prompt_tokens: usage.prompt,
                completion_tokens: usage.completion,
                quota: usage.quota,
                content: content.into(),
                is_error: false,
            });
        }
        resp
    }

    /// Stage 1: the key. Unknown, missing, disabled, expired, exhausted and IP-blocked keys stop here.
    pub fn authenticate(&mut self, headers: &HeaderMap, uri: &Uri) -> Result<&'static Token, Refusal> {
        let query_key = Query::<std::collections::HashMap<String, String>>::try_from_uri(uri)
            .ok()
            .and_then(|q| q.0.get("key").cloned());
        let places = KeyPlaces::for_path(uri.path());
        let Some(key) = tokens::presented_key(headers, query_key.as_deref(), places) else {
            return Err(self.reject(GatewayMsg::TokenNotProvided));
        };
        // The twin wants the full secret: a key without `sk-` is just an unknown key.
        let Some(token) = tokens::find(&key) else {
            return Err(self.reject(GatewayMsg::InvalidToken));
        };
        self.token = Some(token);
        if token.behaviour == Behaviour::ChineseOnly {
            self.ctx.lang = crate::envelope::Lang::Zh;
            self.ctx.one_api_type = true;
        }
        let refusal = match token.behaviour {
            Behaviour::Disabled => Some(GatewayMsg::TokenDisabled),
            Behaviour::Expired => Some(GatewayMsg::TokenExpired),
            Behaviour::Exhausted => Some(GatewayMsg::TokenExhausted(token.masked())),
            Behaviour::IpDenied => Some(GatewayMsg::IpDenied),
            _ => None,
        };
        match refusal {
            Some(msg) => Err(self.reject(msg)),
            None => Ok(token),
        }
    }

    /// The gate every JSON relay route passes in this order: authenticate, read and parse
    /// the body, require and admit its model, check the model serves `route`. Returns the
    /// parsed body and the model id.
    pub async fn admit_json(
        &mut self,
        req: axum::extract::Request,
        endpoint: Endpoint,
        route: &str,
    ) -> Result<(Value, String), Refusal> {
        let (parts, body) = req.into_parts();
        self.authenticate(&parts.headers, &parts.uri)?;
        let bytes = self.body(body).await?;
        let body = self.json(&bytes)?;
        let model = self.required_model(&body)?;
        self.admit(&model)?;
        self.require(endpoint, route)?;
        Ok((body, model))
    }

    /// Reads the whole body, refusing bodies over the limit.
    pub async fn body(&self, body: Body) -> Result<Bytes, Refusal> {
        let limit = self.twin.config.body_limit;
        to_bytes(body, limit)
            .await
            .map_err(|_| self.reject(GatewayMsg::BodyTooLarge(limit / (1024 * 1024))))
    }

    /// The distributor's JSON check.
    pub fn json(&self, bytes: &[u8]) -> Result<Value, Refusal> {
        serde_json::from_slice(bytes)
            .map_err(|_| self.reject(GatewayMsg::InvalidRequest("invalid JSON request body".into())))
    }

    /// The distributor's `model` field read (absent or null counts as empty).
    pub fn model_field(&self, body: &Value) -> Result<Option<String>, Refusal> {
        match body.get("model") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.reject(GatewayMsg::InvalidRequest("field model must be a string".into()))),
        }
    }

    /// `model_field`, refusing an empty model like new-api's distributor.
    pub fn required_model(&self, body: &Value) -> Result<String, Refusal> {
        self.model_field(body)?
            .ok_or_else(|| self.reject(GatewayMsg::ModelNameRequired))
    }

    /// Stages 2–5 for a billed call: allow list, channel, quota, rate limit.
    pub fn admit(&mut self, model: &str) -> Result<&'static Model, Refusal> {
        self.model_name = model.to_owned();
        let Some(token) = self.token else {
            return Err(self.reject(GatewayMsg::TokenNotProvided));
        };
        if !token.may_use(model) {
            return Err(self.reject(GatewayMsg::ModelForbidden(model.to_owned())));
        }
        let Some(found) = models::find(model) else {
            return Err(self.reject(GatewayMsg::NoChannel(model.to_owned())));
        };
        self.model = Some(found);
        match token.behaviour {
            Behaviour::Broke => return Err(self.reject(GatewayMsg::UserQuota)),
            Behaviour::LowQuota => return Err(self.reject(GatewayMsg::TokenQuota)),
            Behaviour::Empty429 => return Err(self.reject(Fault::EmptyTooMany)),
            Behaviour::RateLimited => {
                if let Err(retry_after) = self.twin.take_rate_slot(token.key) {
                    let cfg = &self.twin.config;
                    return Err(self.reject(GatewayMsg::RateLimited {
                        max: cfg.rate_limit_max,
                        minutes: (cfg.rate_window.as_secs() / 60).max(1),
                        retry_after,
                    }));
                }
            }
            _ => {}
        }
        Ok(found)
    }

    /// Relay: refuses a model whose channel cannot serve this endpoint.
    pub fn require(&self, endpoint: Endpoint, route: &str) -> Result<(), Refusal> {
        match self.model {
            Some(m) if m.serves(endpoint) => Ok(()),
            _ => {
                let message = format!(
                    "model {} does not support {} ({route})",
                    self.model_name,
                    endpoint.as_str()
                );
                Err(self.fail(match self.shape {
                    Shape::Claude => Fault::claude_invalid(message),
                    Shape::Task => Fault::task_invalid(message),
                    Shape::OpenAi => Fault::invalid("model", "model_not_supported", message),
                }))
            }
        }
    }

    /// The scripted test behaviour of the admitted model, if any.
    pub fn test_model(&self) -> Option<TestModel> {
        self.model.and_then(Model::test)
    }

    /// Relay: pricing, then the fake upstream's scripted failures. `twin-slow` waits here.
    /// With `mid_stream_error`, `twin-upstream-error` passes so the handler can fail mid-stream.
    pub async fn upstream(&self, mid_stream_error: bool) -> Result<(), Refusal> {
        match self.test_model() {
            Some(TestModel::Unpriced) => Err(self.fail(GatewayMsg::price_not_set(&self.model_name))),
            Some(TestModel::Slow) => {
                tokio::time::sleep(self.twin.config.slow).await;
                Ok(())
            }
            Some(TestModel::UpstreamError) if !mid_stream_error => Err(self.fail(GatewayMsg::do_request_failed())),
            Some(TestModel::Overloaded) => Err(self.fail(self.overloaded())),
            Some(TestModel::UpstreamRateLimited) => Err(self.fail(self.upstream_rate_limited())),
            _ => Ok(()),
        }
    }

    /// The provider's own 429, relayed: the wait is only in the message, since the gateway
    /// exposes no headers to scripts.
    fn upstream_rate_limited(&self) -> Fault {
        use axum::http::StatusCode;
        let message = "Rate limit reached for requests on the upstream account. Please try again in 2s.";
        match self.shape {
            Shape::Claude => Fault::Claude {
                status: StatusCode::TOO_MANY_REQUESTS,
                kind: "rate_limit_error",
                message: message.into(),
            },
            Shape::Task => Fault::Task {
                status: StatusCode::TOO_MANY_REQUESTS,
                code: "rate_limit_exceeded",
                message: message.into(),
            },
            Shape::OpenAi => Fault::OpenAi(OpenAiError {
                status: StatusCode::TOO_MANY_REQUESTS,
                message: message.into(),
                kind: "requests",
                param: String::new(),
                code: "rate_limit_exceeded".into(),
            }),
        }
    }

    fn overloaded(&self) -> Fault {
        use axum::http::StatusCode;
        match self.shape {
            // Anthropic's own overload status and shape, passed through.
            Shape::Claude => Fault::Claude {
                status: StatusCode::from_u16(529).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                kind: "overloaded_error",
                message: "Overloaded".into(),
            },
            Shape::Task => Fault::Task {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "bad_response_status_code",
                message: "The server is overloaded".into(),
            },
            Shape::OpenAi => Fault::OpenAi(OpenAiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: "The server is overloaded".into(),
                kind: "upstream_error",
                param: String::new(),
                code: "bad_response_status_code".into(),
            }),
        }
    }
}
