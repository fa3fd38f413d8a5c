//! Reading an error body, whatever shape it came in.
//!
//! The gateway family answers in several envelopes (its own and OpenAI's
//! `{"error":{…}}`, Anthropic's, Google's, the task and dashboard shapes), and proxies
//! or foreign gateways add theirs (`{"detail":…}`, plain text, HTML pages). This module
//! only *reads*: it turns a body into an [`Envelope`] holding the fields the diagnosis
//! needs, and never decides what the error means. It never panics on any input.

use crate::answer::page;
use serde_json::{Map, Value};

/// How deep a vendor error nested as a string inside `message` is followed.
const MAX_NESTING: u8 = 2;
/// Longest plain-text message kept, in characters (bodies can be whole log dumps).
const MAX_PLAIN_CHARS: usize = 2000;

/// The shape an error body came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EnvelopeShape {
    /// `{"error":{"message","type","code","param"}}`: the gateway's own and OpenAI's.
    GatewayOrOpenAi,
    /// `{"type":"error","error":{"type","message"}}`: Anthropic's, also on the gateway's Claude route.
    Claude,
    /// `{"error":{"code":int,"message","status","details"}}`: Google's.
    Google,
    /// `{"code","message","data"}`: the gateway's async task routes.
    Task,
    /// `{"success":false,"message"}`: the dashboard and self-service API.
    Dashboard,
    /// `{"detail":…}`: FastAPI-like proxies and foreign gateways.
    Detail,
    /// Text that is neither JSON nor HTML.
    PlainText,
    /// An HTML page: a proxy's error page or the dashboard answering an API call.
    Html,
    /// No body at all.
    #[default]
    Empty,
    /// JSON in none of the shapes above.
    OtherJson,
}

impl EnvelopeShape {
    /// A stable id for evidence and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            EnvelopeShape::GatewayOrOpenAi => "gateway-or-openai",
            EnvelopeShape::Claude => "claude",
            EnvelopeShape::Google => "google",
            EnvelopeShape::Task => "task",
            EnvelopeShape::Dashboard => "dashboard",
            EnvelopeShape::Detail => "detail",
            EnvelopeShape::PlainText => "plain-text",
            EnvelopeShape::Html => "html",
            EnvelopeShape::Empty => "empty",
            EnvelopeShape::OtherJson => "other-json",
        }
    }

    /// Whether the shape belongs to a foreign gateway or proxy rather than the gateway family.
    pub fn is_foreign(self) -> bool {
        matches!(
            self,
            EnvelopeShape::Detail | EnvelopeShape::PlainText | EnvelopeShape::OtherJson
        )
    }
}

/// What could be read out of a response body, whatever its shape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Envelope {
    /// The shape the body came in.
    pub shape: EnvelopeShape,
    /// The human message, when there is one.
    pub message: Option<String>,
    /// `error.type` (gateway, OpenAI, Anthropic) or a foreign body's `type`.
    pub error_type: Option<String>,
    /// `error.code` or the task/dashboard `code`; numbers rendered as strings.
    pub code: Option<String>,
    /// `error.param`, or the location of a FastAPI validation error.
    pub param: Option<String>,
    /// Google's `error.status` such as `INVALID_ARGUMENT`.
    pub google_status: Option<String>,
    /// Google's `details[].reason` such as `API_KEY_INVALID`.
    pub google_reason: Option<String>,
    /// The request id, from `(request id: …)` in the message or a `request_id` member.
    pub request_id: Option<String>,
    /// A vendor JSON error embedded as a string inside `message`.
    pub nested: Option<Box<Envelope>>,
    /// The `<title>` (or first heading) of an HTML page.
    pub html_title: Option<String>,
    /// A dashboard body's `success`.
    pub success: Option<bool>,
    /// Google's `RetryInfo.retryDelay` such as `17s`.
    pub retry_delay: Option<String>,
    /// Whether a top-level `error` member (object or non-empty string) was present.
    pub has_error_member: bool,
    /// The provider a gateway names as the source of the error (OpenRouter's
    /// `metadata.provider_name` / `provider_code`): the words are relayed, not its own.
    pub relayed_from: Option<String>,
}

impl Envelope {
    /// An envelope of one shape with nothing read out of it.
    pub fn of_shape(shape: EnvelopeShape) -> Envelope {
        Envelope {
            shape,
            ..Envelope::default()
        }
    }

    /// Whether the body reports an error, whatever the status (a 200 can carry one).
    pub fn is_error(&self) -> bool {
        match self.shape {
            EnvelopeShape::GatewayOrOpenAi | EnvelopeShape::Claude | EnvelopeShape::Google | EnvelopeShape::Detail => {
                true
            }
            EnvelopeShape::Dashboard => self.success == Some(false),
            EnvelopeShape::Task => self.code.as_deref().is_some_and(|c| !is_success_code(c)),
            EnvelopeShape::OtherJson => self.has_error_member,
            EnvelopeShape::PlainText | EnvelopeShape::Html | EnvelopeShape::Empty => false,
        }
    }

    /// The innermost nested envelope, or this one.
    pub fn innermost(&self) -> &Envelope {
        match &self.nested {
            Some(inner) => inner.innermost(),
            None => self,
        }
    }
}

/// Task and dashboard codes that mean "no error".
fn is_success_code(code: &str) -> bool {
    matches!(
        code.trim().to_ascii_lowercase().as_str(),
        "success" | "ok" | "0" | "200" | "" | "succeeded"
    )
}

/// Whether `text` (trimmed) may be one whole JSON object or array: it opens and closes
/// with matching brackets. An answer cut by the byte cap, the timeout or a broken
/// connection fails this in O(1), where a parse would scan up to 64 MB only to fail.
pub fn could_be_whole_json(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with('{') && text.ends_with('}')) || (text.starts_with('[') && text.ends_with(']'))
}

/// Reads a response body into an [`Envelope`]; `content_type` is only a hint, since
/// proxies and gateways label bodies wrongly often enough.
pub fn parse_envelope(content_type: Option<&str>, body: &str) -> Envelope {
    parse_at_depth(content_type, body, 0)
}

fn parse_at_depth(content_type: Option<&str>, body: &str, depth: u8) -> Envelope {
    let text = body.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Envelope::of_shape(EnvelopeShape::Empty);
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("event-stream") || text.starts_with("data:") || text.starts_with("event:") {
        if let Some(data) = sse_error_data(text) {
            return parse_at_depth(None, data, depth);
        }
    }
    if could_be_whole_json(text) {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return from_json(&value, depth);
        }
        // Two answers written into one body (new-api v0.2–v0.4 wrote an error, then again,
        // or a panic's): the first is what the server answered.
        if let Some(Ok(value)) = serde_json::Deserializer::from_str(text).into_iter::<Value>().next() {
            if value.is_object() {
                return from_json(&value, depth);
            }
        }
    }
    if ct.contains("html") || page::looks_like_html(text) {
        let mut env = Envelope::of_shape(EnvelopeShape::Html);
        env.html_title = page::title(text);
        env.request_id = page::request_id(text);
        return env;
    }
    let mut env = Envelope::of_shape(EnvelopeShape::PlainText);
    let message: String = text.chars().take(MAX_PLAIN_CHARS).collect();
    env.request_id = extract_request_id(&message);
    env.nested = nested_in(&message, depth);
    env.message = Some(message);
    env
}

/// The first SSE `data:` payload that is an error, for a body that is an event stream.
fn sse_error_data(text: &str) -> Option<&str> {
    let mut after_error_event = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("event:") {
            after_error_event = name.trim().eq_ignore_ascii_case("error");
            continue;
        }
        if let Some(data) = line.strip_prefix("data:") {
            let data = data.trim();
            let lower = data.to_ascii_lowercase();
            if after_error_event || lower.contains("\"error\"") {
                return Some(data);
            }
        }
    }
    None
}

/// A JSON value as text: strings trimmed (empty ones dropped), numbers and booleans rendered.
fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        // Some gateways wrap the text once more: `"message": {"error": "…"}`.
        Value::Object(inner) => ["message", "error", "detail"].iter().find_map(|k| match inner.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }),
        _ => None,
    }
}

fn first_text(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text_of(obj.get(*k)))
}

const MESSAGE_KEYS: [&str; 11] = [
    "message",
    // AWS API Gateway's own answers capitalise it (`{"Message":"User is not authorized…"}`).
    "Message",
    "msg",
    "error_message",
    "errorMessage",
    "error_msg",
    "description",
    "err",
    "reason",
    "detail",
    // Portkey passes its Workers runtime's failures on as `{"html-message": …}`.
    "html-message",
];

fn from_json(value: &Value, depth: u8) -> Envelope {
    let obj = match value {
        Value::Object(obj) => obj,
        Value::Array(items) => {
            // Gemini's non-SSE stream answers errors as `[{"error":{…}}]`.
            return items
                .iter()
                .find(|v| v.get("error").is_some())
                .map(|v| from_json(v, depth))
                .unwrap_or_else(|| Envelope::of_shape(EnvelopeShape::OtherJson));
        }
        _ => {
            let mut env = Envelope::of_shape(EnvelopeShape::OtherJson);
            env.message = text_of(Some(value));
            return env;
        }
    };
    // The Responses API's failed event carries its error inside `response`.
    if let Some(inner @ Value::Object(r)) = obj.get("response") {
        if r.get("error").is_some_and(Value::is_object) && depth < 4 {
            return from_json(inner, depth + 1);
        }
    }
    // Providers' own error envelopes that say "error" in other words; each also comes with
    // status 200 (see `own_error`).
    let own_error = provider_error(obj);
    let mut env = match obj.get("error") {
        Some(Value::Object(err)) if text_of(obj.get("type")).as_deref() == Some("error") => {
            let mut env = Envelope::of_shape(EnvelopeShape::Claude);
            env.message = first_text(err, &MESSAGE_KEYS);
            env.error_type = text_of(err.get("type"));
            env.code = text_of(err.get("code"));
            env.nested = upstream_beside(err);
            env
        }
        Some(Value::Object(err)) => error_object(err),
        Some(Value::String(s)) if !s.trim().is_empty() => {
            let mut env = Envelope::of_shape(EnvelopeShape::OtherJson);
            // claude-relay-service puts the provider's answer, as JSON text, in `details`
            // beside its own `"error": "Claude API error"`: read below as the nested answer.
            let extra = first_text(obj, &MESSAGE_KEYS).or_else(|| text_of(obj.get("details")));
            env.message = Some(match extra {
                Some(m) if m != s.trim() => format!("{}: {m}", s.trim()),
                _ => s.trim().to_string(),
            });
            env.error_type = text_of(obj.get("type"));
            env.code = text_of(obj.get("code"));
            env
        }
        _ if matches!(obj.get("success"), Some(Value::Bool(_))) => {
            let mut env = Envelope::of_shape(EnvelopeShape::Dashboard);
            env.success = obj.get("success").and_then(Value::as_bool);
            env.message = first_text(obj, &["message", "msg"]);
            env.code = text_of(obj.get("code"));
            env
        }
        _ if obj.get("detail").is_some_and(|d| !d.is_null()) => detail(obj.get("detail")),
        _ if own_error.is_some() => {
            let (code, message, request_id) = own_error.clone().unwrap_or_default();
            let mut env = Envelope::of_shape(EnvelopeShape::OtherJson);
            env.code = code;
            env.message = message;
            env.request_id = request_id;
            env
        }
        // The task routes always send `data` (null on errors); vLLM's `{"object":"error",
        // "message","code"}` has none and stays foreign.
        _ if obj.contains_key("code")
            && obj.contains_key("data")
            && (obj.contains_key("message") || obj.contains_key("msg")) =>
        {
            let mut env = Envelope::of_shape(EnvelopeShape::Task);
            env.code = text_of(obj.get("code"));
            env.message = first_text(obj, &["message", "msg"]);
            env.error_type = text_of(obj.get("type"));
            env
        }
        // midjourney-proxy: `{"code", "description", "result", "properties"}`, where 1 is
        // submitted, 21 already there and 22 queued; anything else is its refusal. A gateway
        // relaying it passes it on whole, so its words are the proxy's, not the gateway's.
        _ if obj.contains_key("code") && obj.contains_key("description") && obj.contains_key("result") => {
            let mut env = Envelope::of_shape(EnvelopeShape::Task);
            env.code = text_of(obj.get("code")).filter(|c| !c.parse().is_ok_and(midjourney_accepted));
            env.message = text_of(obj.get("description"));
            env.relayed_from = Some("midjourney-proxy".to_string());
            env
        }
        _ => {
            let mut env = Envelope::of_shape(EnvelopeShape::OtherJson);
            env.message = first_text(obj, &MESSAGE_KEYS).or_else(|| {
                // `{"errors":[{"message":…}]}` from GraphQL-style services.
                obj.get("errors")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(Value::as_object)
                    .and_then(|e| first_text(e, &MESSAGE_KEYS))
            });
            env.error_type = text_of(obj.get("type"));
            env.code = text_of(obj.get("code"));
            env
        }
    };
    if env.relayed_from.is_none() && obj.get("error").is_some_and(Value::is_object) {
        // OpenRouter's stream chunks name the provider beside the error.
        env.relayed_from = text_of(obj.get("provider"));
    }
    env.has_error_member = match obj.get("error") {
        Some(Value::Object(_)) => true,
        Some(Value::String(s)) => !s.trim().is_empty(),
        _ => false,
    } || obj.get("object").and_then(Value::as_str) == Some("error")
        || obj.get("html-message").is_some_and(Value::is_string)
        || own_error.is_some();
    // Some servers percent-encode their message (xAI once sent `Incorrect%20API%20key…`): a
    // message with no space but encoded ones is read, and quoted, decoded.
    if let Some(message) = env.message.as_mut().filter(|m| !m.contains(' ') && m.contains("%20")) {
        *message = crate::text::percent::decode_segment(message);
    }
    // (`ray_id`: Cloudflare's JSON error pages, which name the Ray ID without its data centre.)
    // (`event_id`: the block id of SafeLine's firewall, which its console searches by.)
    env.request_id = first_text(obj, &["request_id", "requestId", "ray_id", "event_id"])
        .or_else(|| env.request_id.take())
        // OpenRouter's stream chunks carry their generation id (`gen-…`) beside the error.
        .or_else(|| first_text(obj, &["id"]).filter(|id| id.starts_with("gen-")))
        .or_else(|| env.message.as_deref().and_then(extract_request_id));
    if let Some(message) = env.message.clone().filter(|_| env.nested.is_none()) {
        env.nested = nested_in(&message, depth);
    }
    env
}

/// A provider's own error envelope, as (code, message, request id):
/// - TencentCloud API (Hunyuan): `{"Response":{"Error":{"Code","Message"},"RequestId"}}`;
/// - Baidu Qianfan's older API: `{"error_code": <non-zero>, "error_msg"}`;
/// - MiniMax's older API: `{"base_resp":{"status_code": <non-zero>, "status_msg"}}` (its
///   answers carry `base_resp` with 0 too, which is no error).
type ProviderError = (Option<String>, Option<String>, Option<String>);

fn provider_error(obj: &Map<String, Value>) -> Option<ProviderError> {
    if let Some(Value::Object(response)) = obj.get("Response") {
        if let Some(Value::Object(err)) = response.get("Error") {
            return Some((
                text_of(err.get("Code")),
                text_of(err.get("Message")),
                text_of(response.get("RequestId")),
            ));
        }
    }
    let nonzero = |v: Option<&Value>| v.and_then(Value::as_i64).is_some_and(|n| n != 0);
    // Its `id` is the call's log id, which Baidu's support asks for.
    if nonzero(obj.get("error_code")) {
        return Some((
            text_of(obj.get("error_code")),
            text_of(obj.get("error_msg")),
            text_of(obj.get("id")),
        ));
    }
    // `{"code": <non-zero>, "msg": …}` and nothing else (Qianfan's documented limit answer,
    // sent with 200), or `{"status": false, "msg": …}` (宝塔 WAF's JSON refusals): no answer
    // of any endpoint is only that. A `data` member makes it a task route's answer, read
    // below.
    let bare_code = obj
        .get("code")
        .and_then(Value::as_i64)
        .is_some_and(|n| n != 0 && n != 200);
    let refused = obj.get("status") == Some(&Value::Bool(false));
    if (bare_code || refused) && obj.len() == 2 && obj.get("msg").is_some_and(Value::is_string) {
        return Some((text_of(obj.get("code")), text_of(obj.get("msg")), None));
    }
    if let Some(Value::Object(base)) = obj.get("base_resp") {
        if nonzero(base.get("status_code")) {
            return Some((text_of(base.get("status_code")), text_of(base.get("status_msg")), None));
        }
    }
    None
}

/// midjourney-proxy's codes for a submit it took: 1 submitted, 21 already there, 22
/// queued. Any other code is its refusal.
pub(crate) fn midjourney_accepted(code: i64) -> bool {
    matches!(code, 1 | 21 | 22)
}

/// A relay's own words with the provider's answer beside them (`"upstream_error": {…}`,
/// Cubence and other Claude relays): that answer, read as its own envelope.
fn upstream_beside(err: &Map<String, Value>) -> Option<Box<Envelope>> {
    let inner @ Value::Object(_) = err.get("upstream_error")? else {
        return None;
    };
    let upstream = from_json(inner, 1);
    (upstream.message.is_some() || upstream.error_type.is_some()).then(|| Box::new(upstream))
}

/// The gateway/OpenAI shape, or Google's when `status`/`details` are present.
fn error_object(err: &Map<String, Value>) -> Envelope {
    let google =
        matches!(err.get("status"), Some(Value::String(_))) || matches!(err.get("details"), Some(Value::Array(_)));
    let mut env = Envelope::of_shape(if google {
        EnvelopeShape::Google
    } else {
        EnvelopeShape::GatewayOrOpenAi
    });
    // `{"error":{"error":{"message":…}}}` (a gateway wrapping a provider's envelope whole).
    env.message = first_text(err, &MESSAGE_KEYS).or_else(|| text_of(err.get("error")));
    env.nested = upstream_beside(err);
    // OpenRouter puts the provider's own words in `metadata.raw`; new-api appends them too.
    // (In 2025 it sometimes wrapped them once more: `"raw": {"__kind": "OK", "data": "…"}`.)
    let raw = err.get("metadata").and_then(|m| m.get("raw"));
    if let Some(raw) = text_of(raw).or_else(|| text_of(raw.and_then(|r| r.get("data")))) {
        env.message = Some(match env.message.take() {
            Some(m) if !m.contains(&raw) => format!("{m} ({raw})"),
            Some(m) => m,
            None => raw,
        });
    }
    env.error_type = text_of(err.get("type"));
    env.code = text_of(err.get("code"));
    // OpenRouter's 2026 envelope: no numeric code, the reason in `availability.code`.
    if let Some(code) = err.get("availability").and_then(|a| text_of(a.get("code"))) {
        env.code = Some(code);
    } else if env.code.is_none() {
        env.code = text_of(err.get("error_type"));
    }
    env.param = text_of(err.get("param"));
    env.request_id = first_text(err, &["request_id", "requestId"]);
    env.relayed_from = err
        .get("metadata")
        .and_then(|m| text_of(m.get("provider_name")).or_else(|| text_of(m.get("provider_code"))));
    if google {
        env.google_status = text_of(err.get("status"));
        let details = err.get("details").and_then(Value::as_array);
        let errors = err.get("errors").and_then(Value::as_array);
        for item in details.into_iter().chain(errors).flatten() {
            if env.google_reason.is_none() {
                env.google_reason = text_of(item.get("reason"));
            }
            if env.retry_delay.is_none() {
                env.retry_delay = text_of(item.get("retryDelay"));
            }
        }
    }
    env
}

/// FastAPI-like `detail`: a string, an object, or a list of validation errors.
fn detail(value: Option<&Value>) -> Envelope {
    let mut env = Envelope::of_shape(EnvelopeShape::Detail);
    match value {
        Some(Value::Object(d)) => {
            // `{"detail":{"error":{"message":…}}}` or DeepInfra's `{"detail":{"error":"…"}}`.
            env.message = first_text(d, &MESSAGE_KEYS).or_else(|| match d.get("error") {
                Some(Value::Object(e)) => first_text(e, &MESSAGE_KEYS),
                other => text_of(other),
            });
            env.error_type = text_of(d.get("type"));
            env.code = text_of(d.get("code"));
        }
        Some(Value::Array(items)) => {
            let mut messages = Vec::new();
            let mut locations = Vec::new();
            for item in items.iter().filter_map(Value::as_object) {
                if let Some(m) = first_text(item, &["msg", "message"]) {
                    messages.push(m);
                }
                if let Some(loc) = item.get("loc").and_then(Value::as_array) {
                    let path: Vec<String> = loc.iter().filter_map(|v| text_of(Some(v))).collect();
                    locations.push(path.join("."));
                }
                if env.error_type.is_none() {
                    env.error_type = text_of(item.get("type"));
                }
            }
            env.message = (!messages.is_empty()).then(|| messages.join("; "));
            env.param = (!locations.is_empty()).then(|| locations.join(", "));
        }
        other => env.message = text_of(other),
    }
    env
}

/// A JSON error embedded inside a message, as relayed upstream errors often are
/// (`openai_error: {"error":{…}}`, `status_code=401, {…}`).
fn nested_in(message: &str, depth: u8) -> Option<Box<Envelope>> {
    if depth >= MAX_NESTING {
        return None;
    }
    let start = message.find('{')?;
    let end = message.rfind('}')?;
    if end <= start {
        return None;
    }
    let inner = message.get(start..=end)?;
    let value = serde_json::from_str::<Value>(inner).ok().or_else(|| {
        // LiteLLM quotes a provider's body as a Python bytes literal (`b'{\n  "error": …}'`),
        // whose escapes are not JSON's; read once more with them undone.
        (inner.contains("\\n") || inner.contains("\\'")).then(|| {
            let unescaped = inner.replace("\\n", "\n").replace("\\'", "'");
            serde_json::from_str::<Value>(&unescaped).ok()
        })?
    })?;
    let env = from_json(&value, depth + 1);
    let useful = env.shape != EnvelopeShape::OtherJson
        || env.message.is_some()
        || env.code.is_some()
        || env.error_type.is_some();
    useful.then(|| Box::new(env))
}

/// Markers a request id follows, lower-case; the gateway writes `(request id: …)`.
const REQUEST_ID_MARKERS: [&str; 9] = [
    "request id",
    "request_id",
    "request-id",
    "requestid",
    "req id",
    "请求 id",
    "请求id",
    "请求编号",
    // AIHubMix's rebranded new-api writes `(tid: …)` where new-api writes `(request id: …)`.
    "(tid",
];

/// Finds a request id in a message: `(request id: X)`, the full-width `（request id: X）`,
/// `request id: X`, `request_id=X`, `请求 ID：X`. The last one wins, since the gateway
/// appends its own after any id an upstream message carries.
pub fn extract_request_id(message: &str) -> Option<String> {
    // ASCII lower-casing keeps every byte offset, so positions found in `lower` index `message`.
    let lower = message.to_ascii_lowercase();
    let mut best: Option<(usize, String)> = None;
    for marker in REQUEST_ID_MARKERS {
        for (pos, _) in lower.match_indices(marker) {
            let Some(rest) = message.get(pos + marker.len()..) else {
                continue;
            };
            if let Some(id) = read_id(rest) {
                if best.as_ref().is_none_or(|(p, _)| pos > *p) {
                    best = Some((pos, id));
                }
            }
        }
    }
    best.map(|(_, id)| id)
}

/// The id right after a marker, once separators are skipped; it must look like an id
/// (6+ characters with a digit), so "request id is required" yields nothing.
fn read_id(rest: &str) -> Option<String> {
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '=' | '"' | '\'' | '#' | '`'));
    let id: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let id = id.trim_end_matches(['.', '-', '_']);
    (id.len() >= 6 && id.chars().any(|c| c.is_ascii_digit())).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Envelope {
        parse_envelope(Some("application/json"), body)
    }

    #[test]
    fn reads_each_shape() {
        let cases: &[(&str, &str, EnvelopeShape)] = &[
            (
                "gateway",
                r#"{"error":{"message":"无效的令牌 (request id: 20260101000000123abc)","type":"new_api_error","code":""}}"#,
                EnvelopeShape::GatewayOrOpenAi,
            ),
            (
                "claude",
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
                EnvelopeShape::Claude,
            ),
            (
                "google",
                r#"{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}"#,
                EnvelopeShape::Google,
            ),
            (
                "task",
                r#"{"code":"invalid_request","message":"prompt or images is required","data":null}"#,
                EnvelopeShape::Task,
            ),
            (
                "dashboard",
                r#"{"success":false,"message":"无效的令牌"}"#,
                EnvelopeShape::Dashboard,
            ),
            ("detail", r#"{"detail":"Not authenticated"}"#, EnvelopeShape::Detail),
            ("other", r#"{"error":"Unauthorized"}"#, EnvelopeShape::OtherJson),
            ("empty", "  \n", EnvelopeShape::Empty),
            ("plain", "upstream connect error", EnvelopeShape::PlainText),
            (
                "html",
                "<html><head><title>502 Bad Gateway</title></head></html>",
                EnvelopeShape::Html,
            ),
        ];
        for (name, body, shape) in cases {
            let env = parse(body);
            assert_eq!(env.shape, *shape, "{name}");
            assert!(
                env.shape == EnvelopeShape::Empty || env.shape == EnvelopeShape::Html || env.message.is_some(),
                "{name}: {env:?}"
            );
        }
    }

    #[test]
    fn gateway_fields_and_empty_code() {
        let env = parse(
            r#"{"error":{"message":"No available channel for model gpt-9 under group default (request id: 2026abc123)","type":"new_api_error","param":"","code":"model_not_found"}}"#,
        );
        assert_eq!(env.error_type.as_deref(), Some("new_api_error"));
        assert_eq!(env.code.as_deref(), Some("model_not_found"));
        assert_eq!(env.param, None);
        assert_eq!(env.request_id.as_deref(), Some("2026abc123"));
        assert!(env.is_error());
        let env = parse(r#"{"error":{"message":"x","type":"new_api_error","code":""}}"#);
        assert_eq!(env.code, None);
    }

    #[test]
    fn google_reason_status_and_retry_delay() {
        let env = parse(
            r#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"17s"}]}}"#,
        );
        assert_eq!(env.code.as_deref(), Some("429"));
        assert_eq!(env.google_status.as_deref(), Some("RESOURCE_EXHAUSTED"));
        assert_eq!(env.retry_delay.as_deref(), Some("17s"));
        let arr = parse(r#"[{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}]"#);
        assert_eq!(arr.shape, EnvelopeShape::Google);
    }

    #[test]
    fn claude_top_level_request_id() {
        let env = parse(
            r#"{"type":"error","error":{"type":"new_api_error","message":"blocked"},"request_id":"2026010203abcd"}"#,
        );
        assert_eq!(env.shape, EnvelopeShape::Claude);
        assert_eq!(env.request_id.as_deref(), Some("2026010203abcd"));
    }

    #[test]
    fn nested_vendor_error_inside_message() {
        let env = parse(
            r#"{"error":{"message":"openai_error: {\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}","type":"bad_response_status_code","code":"bad_response_status_code"}}"#,
        );
        let inner = env.nested.as_deref().map(|n| n.code.clone());
        assert_eq!(inner, Some(Some("invalid_api_key".to_string())));
        assert_eq!(env.innermost().error_type.as_deref(), Some("invalid_request_error"));
    }

    #[test]
    fn detail_variants() {
        let list =
            parse(r#"{"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]}"#);
        assert_eq!(list.message.as_deref(), Some("field required"));
        assert_eq!(list.param.as_deref(), Some("body.messages"));
        let obj = parse(r#"{"detail":{"message":"Rate limited","code":"rate_limited"}}"#);
        assert_eq!(obj.code.as_deref(), Some("rate_limited"));
    }

    #[test]
    fn success_bodies_are_not_errors() {
        for body in [
            r#"{"id":"chatcmpl-1","choices":[{"message":{"content":"hi"}}]}"#,
            r#"{"success":true,"message":"","data":{}}"#,
            r#"{"code":"success","message":"","data":{"status":"DONE"}}"#,
            r#"{"object":"list","data":[]}"#,
            "",
        ] {
            assert!(!parse(body).is_error(), "{body}");
        }
        assert!(parse(r#"{"code":"quota_not_enough","message":"额度不足","data":null}"#).is_error());
    }

    #[test]
    fn firewall_pages_give_the_id_their_support_asks_for() {
        let cases = [
            (
                "<p>您的请求UUID为：<span class=\"id\">77baaa1b-cec4b27e</span> <span>x</span></p>",
                "77baaa1b-cec4b27e",
            ),
            (
                "<p><span>Request ID:</span><span>7700009760203595820</span></p><p>The request",
                "7700009760203595820",
            ),
            (
                "<textarea id=\"renderData\">{\"traceid\":\"2ff6083c17872680\",\"lang\":\"cn\"}</textarea>",
                "2ff6083c17872680",
            ),
            (
                "<p>Cloudflare Ray ID: <strong>8f1a2b3c4d5e6f7a</strong> &bull;</p>",
                "8f1a2b3c4d5e6f7a",
            ),
            (
                "An error occurred while processing your request.<p>\nReference&#32;&#35;30&#46;8a4f1d17&#46;1790312845&#46;2b6c9e1a\n",
                "30.8a4f1d17.1790312845.2b6c9e1a",
            ),
        ];
        for (page, id) in cases {
            let html = format!("<!doctype html><html><body>{page}</body></html>");
            assert_eq!(
                parse_envelope(Some("text/html"), &html).request_id.as_deref(),
                Some(id),
                "{page}"
            );
        }
        assert_eq!(
            parse_envelope(Some("text/html"), "<html><body>Request ID: abc</body></html>").request_id,
            None
        );
    }

    #[test]
    fn providers_own_envelopes_and_two_bodies_in_one() {
        // Baidu's classic error carries the call's log id as `id`.
        let baidu = parse_envelope(None, r#"{"error_code":336003,"error_msg":"bad","id":"as-r2m1yiqv5z"}"#);
        assert!(baidu.is_error());
        assert_eq!(baidu.request_id.as_deref(), Some("as-r2m1yiqv5z"));
        // A bare `{"code","msg"}` is an error; with `data` it is a task route's answer, and
        // code 0 is no error.
        assert!(parse_envelope(None, r#"{"code":336501,"msg":"Rate limit reached for RPM"}"#).is_error());
        assert!(!parse_envelope(None, r#"{"code":0,"msg":"ok"}"#).is_error());
        assert_eq!(
            parse_envelope(None, r#"{"code":1,"msg":"submitted","data":{"id":"t"}}"#).shape,
            EnvelopeShape::Task
        );
        // new-api v0.2 wrote an error and then a panic's into one body: the first is read.
        let two = r#"{"error":{"message":"first","type":"new_api_error"}}{"error":{"message":"second"}}"#;
        assert_eq!(parse_envelope(None, two).message.as_deref(), Some("first"));
    }

    #[test]
    fn html_title_and_h1() {
        let page = "<!DOCTYPE html><html><head><title>api.example.com | 524: A timeout occurred</title></head></html>";
        assert_eq!(
            parse_envelope(Some("text/html"), page).html_title.as_deref(),
            Some("api.example.com | 524: A timeout occurred")
        );
        let nginx = "<html>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n</body></html>";
        assert_eq!(
            parse_envelope(None, nginx).html_title.as_deref(),
            Some("413 Request Entity Too Large")
        );
    }

    #[test]
    fn sse_error_event() {
        let body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        let env = parse_envelope(Some("text/event-stream"), body);
        assert_eq!(env.shape, EnvelopeShape::Claude);
        assert_eq!(env.error_type.as_deref(), Some("overloaded_error"));
    }

    #[test]
    fn request_id_variants() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "无效的令牌 (request id: 20260312093015123456789abcd)",
                Some("20260312093015123456789abcd"),
            ),
            (
                "无效的令牌（request id: 2026031209301512ab）",
                Some("2026031209301512ab"),
            ),
            ("Invalid token (Request ID: B20260312abc)", Some("B20260312abc")),
            ("request id: 2026xyz0001.", Some("2026xyz0001")),
            ("failed, request_id=req_01HZX9ABC", Some("req_01HZX9ABC")),
            ("出错了，请求 ID：20260312abcdef", Some("20260312abcdef")),
            ("请求ID: 88aa77bb66", Some("88aa77bb66")),
            (
                "Invalid token: lm (tid: 2025122009070498288564916744791)",
                Some("2025122009070498288564916744791"),
            ),
            (
                "Please include the request ID req_abc123 in your message. (request id: 2026gw999)",
                Some("2026gw999"),
            ),
            ("request id is required", None),
            ("no id here", None),
            ("request id: ", None),
            ("request id: 中文", None),
        ];
        for (message, expected) in cases {
            assert_eq!(extract_request_id(message).as_deref(), *expected, "{message}");
        }
    }

    /// A relay's words with the provider's answer beside them: that answer is read too.
    #[test]
    fn upstream_error_beside_a_relays_words() {
        let env = parse(
            r#"{"error":{"message":"请求目标分享错误","type":"bad_share","upstream_error":{"error":{"message":"non-Claude code cli client","type":"invalid_request_error"},"type":"error"}},"type":"error"}"#,
        );
        assert_eq!(env.message.as_deref(), Some("请求目标分享错误"));
        let inner = env.nested.as_deref().map(|n| n.message.clone());
        assert_eq!(inner, Some(Some("non-Claude code cli client".to_string())));
    }

    /// Providers' own envelopes are errors (even on a 200) with their code, words and id;
    /// the same envelopes with a zero code are answers.
    #[test]
    fn providers_own_envelopes() {
        type Expected<'a> = Option<(&'a str, &'a str, Option<&'a str>)>;
        let cases: &[(&str, Expected)] = &[
            (
                r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"Request signature verification failed."},"RequestId":"3d78-89"}}"#,
                Some((
                    "AuthFailure.SignatureFailure",
                    "Request signature verification failed.",
                    Some("3d78-89"),
                )),
            ),
            (
                r#"{"error_code":17,"error_msg":"Open api daily request limit reached"}"#,
                Some(("17", "Open api daily request limit reached", None)),
            ),
            (
                r#"{"base_resp":{"status_code":2049,"status_msg":"invalid api key"}}"#,
                Some(("2049", "invalid api key", None)),
            ),
            (r#"{"html-message":"Network connection lost."}"#, None),
            (r#"{"Response":{"RequestId":"1","Choices":[]}}"#, None),
            (r#"{"error_code":0,"result":"hi"}"#, None),
            (
                r#"{"reply":"hi","base_resp":{"status_code":0,"status_msg":"success"}}"#,
                None,
            ),
        ];
        for (body, expected) in cases {
            let env = parse(body);
            match expected {
                Some((code, message, id)) => {
                    assert!(env.is_error(), "{body}");
                    assert_eq!(env.code.as_deref(), Some(*code), "{body}");
                    assert_eq!(env.message.as_deref(), Some(*message), "{body}");
                    assert_eq!(env.request_id.as_deref(), *id, "{body}");
                }
                None if body.contains("html-message") => {
                    assert!(env.is_error());
                    assert_eq!(env.message.as_deref(), Some("Network connection lost."));
                }
                None => assert!(!env.is_error(), "{body}"),
            }
        }
    }
}
