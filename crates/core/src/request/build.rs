//! Form values → the exact HTTP request. Pure: the same inputs always give the same request.

use serde_json::{Map, Value};

use crate::request::base_url::BaseUrl;
use crate::request::catalogue::{AuthStyle, BodyKind, Endpoint, FieldKind, FieldSpec, MessageStyle, Origin, Target};
use crate::request::field_ref::FieldRef;
use crate::request::form::{ContentPart, FormValues, Message};
use crate::request::http::{Body, FileRef, Header, HttpRequest, MultipartPart, PartValue};
use crate::text::percent::{encode_component, encode_segment};

/// Where and as whom requests go: the settings panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The model gateway's address.
    pub gateway: String,
    /// The self-service API's address (a different origin).
    pub self_service: String,
    /// The API key exactly as typed.
    pub api_key: String,
    /// The preferred auth style; routes that do not accept it fall back to Bearer.
    pub auth: AuthStyle,
}

impl Default for Connection {
    fn default() -> Self {
        Connection {
            gateway: DEFAULT_GATEWAY.to_string(),
            self_service: DEFAULT_SELF_SERVICE.to_string(),
            api_key: String::new(),
            auth: AuthStyle::Bearer,
        }
    }
}

/// The documented gateway address.
pub const DEFAULT_GATEWAY: &str = "https://api.routescope.ai";
/// The documented self-service address.
pub const DEFAULT_SELF_SERVICE: &str = "https://webapi.routescope.ai";

/// Whether the self-service address may receive the key: one the person typed, or the one
/// documented for the gateway they typed (RouteScope's API host and its `webapi` host).
/// The built-in default is never trusted for another gateway.
pub fn self_service_confirmed(conn: &Connection) -> bool {
    let (Ok(gateway), Ok(self_service)) = (BaseUrl::parse(&conn.gateway), BaseUrl::parse(&conn.self_service)) else {
        return false;
    };
    let origin_of = |text: &str| BaseUrl::parse(text).map(|b| b.origin()).unwrap_or_default();
    let is_default = self_service.origin() == origin_of(DEFAULT_SELF_SERVICE);
    !is_default || gateway.origin() == origin_of(DEFAULT_GATEWAY)
}

/// Something that stops the request from being sent, tied to the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The setting, form field or raw body it concerns.
    pub field: FieldRef,
    /// What is wrong, written for the person.
    pub message: String,
}

impl FieldError {
    fn new(field: FieldRef, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// The outcome of building: the request when it can be formed, and what blocks sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The request, when the URL could be formed (shown even while errors remain).
    pub request: Option<HttpRequest>,
    /// Problems that block Send.
    pub errors: Vec<FieldError>,
}

impl Built {
    /// Whether Send may go ahead.
    pub fn sendable(&self) -> bool {
        self.request.is_some() && self.errors.is_empty()
    }

    /// The request when it may be sent, else the first reason it may not (for requests the
    /// product builds by itself: a scan's tries, a report's provider section).
    pub fn into_sendable(self) -> Result<HttpRequest, String> {
        match self.request {
            Some(request) if self.errors.is_empty() => Ok(request),
            _ => Err(self
                .errors
                .into_iter()
                .next()
                .map_or_else(|| "The request cannot be built.".to_string(), |e| e.message)),
        }
    }
}

/// The auth style actually used on this endpoint.
pub fn effective_auth(endpoint: &Endpoint, preferred: AuthStyle) -> AuthStyle {
    if endpoint.auth_styles.contains(&preferred) {
        preferred
    } else {
        AuthStyle::Bearer
    }
}

/// Builds the request an endpoint's form describes. `raw_body`, when given, replaces the
/// generated JSON body verbatim (the escape hatch) after checking that it is JSON.
pub fn build_request(endpoint: &Endpoint, conn: &Connection, values: &FormValues, raw_body: Option<&str>) -> Built {
    let mut errors = Vec::new();
    let base_field = FieldRef::base_of(endpoint.origin);
    let base_text = match endpoint.origin {
        Origin::Gateway => conn.gateway.as_str(),
        Origin::SelfService => conn.self_service.as_str(),
    };
    let base = match BaseUrl::parse(base_text) {
        Ok(b) => Some(b),
        Err(e) => {
            errors.push(FieldError::new(base_field, e.message()));
            None
        }
    };

    if !header_safe(&conn.api_key) {
        errors.push(FieldError::new(
            FieldRef::ApiKey,
            "The key contains a line break or a character a header cannot carry: the browser would refuse to send it.",
        ));
    }

    let path = build_path(endpoint, values, &mut errors);
    let auth = effective_auth(endpoint, conn.auth);
    let mut query: Vec<(String, String)> = Vec::new();
    for f in endpoint.fields {
        if let Target::Query(name) = f.target {
            let v = values.text(f.key).trim();
            if !v.is_empty() {
                query.push((name.to_string(), v.to_string()));
            }
        }
    }
    if auth == AuthStyle::QueryKey && !conn.api_key.is_empty() {
        query.push(("key".to_string(), conn.api_key.clone()));
    }

    let mut headers = Vec::new();
    if !conn.api_key.is_empty() {
        headers.push(match auth {
            AuthStyle::Bearer => Header::new("Authorization", format!("Bearer {}", conn.api_key)),
            AuthStyle::XApiKey => Header::new("x-api-key", conn.api_key.clone()),
            AuthStyle::XGoogApiKey => Header::new("x-goog-api-key", conn.api_key.clone()),
            AuthStyle::QueryKey => Header::new("", ""),
        });
        headers.retain(|h| !h.name.is_empty());
    }

    let body = match endpoint.body {
        BodyKind::None => Body::Empty,
        BodyKind::Json => {
            headers.push(Header::new("Content-Type", "application/json"));
            match raw_body {
                Some(raw) => match check_json(raw) {
                    Ok(()) => Body::Json(raw.to_string()),
                    Err(message) => {
                        errors.push(FieldError::new(FieldRef::Body, message));
                        Body::Json(raw.to_string())
                    }
                },
                None => Body::Json(json_body_text(endpoint, values, &mut errors)),
            }
        }
        BodyKind::Multipart => Body::Multipart(multipart_parts(endpoint, values, &mut errors)),
    };
    for (name, value) in endpoint.fixed_headers {
        headers.push(Header::new(*name, *value));
    }
    for f in endpoint.fields {
        if let Target::Header(name) = f.target {
            let v = values.text(f.key).trim();
            if !header_safe(v) {
                // fetch() throws on such a value: refuse it here, next to the field, instead.
                errors.push(FieldError::new(
                    FieldRef::Form(f.key),
                    format!("{} has a line break or a character a header cannot carry (only Latin-1 is allowed): retype it, e.g. a plain - for a typographic dash.", f.label),
                ));
            } else if !v.is_empty() {
                headers.push(Header::new(name, v));
            }
        }
    }

    let request = base.map(|b| {
        let mut url = b.join(&path);
        for (name, value) in &query {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_component(value));
        }
        HttpRequest {
            method: endpoint.method,
            url,
            headers,
            body,
        }
    });
    Built { request, errors }
}

/// Checks a raw body is JSON; the error names the line and column.
pub fn check_json(text: &str) -> Result<(), String> {
    match serde_json::from_str::<Value>(text) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!(
            "Not valid JSON at line {}, column {}: {}",
            e.line(),
            e.column(),
            json_error_reason(&e)
        )),
    }
}

fn json_error_reason(e: &serde_json::Error) -> String {
    // serde_json's Display appends " at line X column Y"; the position is said already.
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn build_path(endpoint: &Endpoint, values: &FormValues, errors: &mut Vec<FieldError>) -> String {
    let stream = endpoint
        .fields
        .iter()
        .any(|f| f.target == Target::Stream && values.flag(f.key));
    let mut template = match (stream, endpoint.stream_path) {
        (true, Some(p)) => p.to_string(),
        _ => endpoint.path.to_string(),
    };
    if let Some(f) = endpoint.fields.iter().find(|f| f.target == Target::WholePath) {
        let custom = values.text(f.key).trim();
        if custom.is_empty() {
            errors.push(FieldError::new(FieldRef::Form(f.key), "A path is needed."));
        } else if !custom.starts_with("/v1/")
            || custom.contains("..")
            || custom.split('/').any(|segment| segment == ".")
            || custom.contains(['?', '#', '\\'])
            || custom.contains("//")
        {
            // Typed or from a link, the path stays on the gateway's API: it may not climb out
            // of /v1/ or carry a query of its own, since the key goes along.
            errors.push(FieldError::new(
                FieldRef::Form(f.key),
                "The path must stay under /v1/ (no . or .. segments, ?, # or //).",
            ));
            template = "/v1/".to_string();
        } else {
            template = custom.to_string();
        }
    }
    for f in endpoint.fields {
        let (name, raw) = match f.target {
            Target::Path(n) => (n, false),
            Target::PathRaw(n) => (n, true),
            _ => continue,
        };
        let placeholder = format!("{{{name}}}");
        let Some(at) = template.find(&placeholder) else {
            continue;
        };
        let value = values.text(f.key).trim();
        let preceded_by_slash = template[..at].ends_with('/');
        // A raw path choice must be one of its choices, and no segment may be `.` or `..`:
        // either would steer the request (and the key) to another path on the gateway.
        let allowed = match f.kind {
            FieldKind::Choice(options) if raw => options.contains(&value),
            _ => !matches!(value, "." | ".."),
        };
        if !value.is_empty() && !allowed {
            errors.push(FieldError::new(
                FieldRef::Form(f.key),
                format!("{} is not a value this path takes.", f.label),
            ));
            continue;
        }
        let inserted = if value.is_empty() {
            if preceded_by_slash {
                errors.push(FieldError::new(
                    FieldRef::Form(f.key),
                    format!("{} is needed: it is part of the path.", f.label),
                ));
            }
            String::new()
        } else {
            let encoded = if raw { value.to_string() } else { encode_segment(value) };
            if preceded_by_slash {
                encoded
            } else {
                format!("/{encoded}")
            }
        };
        template = template.replacen(&placeholder, &inserted, 1);
    }
    template
}

fn json_body_text(endpoint: &Endpoint, values: &FormValues, errors: &mut Vec<FieldError>) -> String {
    let root = form_json(endpoint, values, errors);
    serde_json::to_string_pretty(&root).unwrap_or_else(|_| "{}".to_string())
}

/// The JSON body the form describes, as a value (problems are pushed to `errors`).
pub fn form_json(endpoint: &Endpoint, values: &FormValues, errors: &mut Vec<FieldError>) -> Value {
    let mut root = Value::Object(Map::new());
    for f in endpoint.fields {
        let Target::Json(path) = f.target else {
            continue;
        };
        if let Some(v) = json_value(f, values, errors) {
            merge_at_path(&mut root, path, v);
        }
    }
    root
}

/// The JSON value a field contributes, or `None` when it sends nothing.
fn json_value(f: &FieldSpec, values: &FormValues, errors: &mut Vec<FieldError>) -> Option<Value> {
    let text = values.text(f.key);
    let trimmed = text.trim();
    match f.kind {
        FieldKind::Toggle => values.flag(f.key).then_some(Value::Bool(true)),
        FieldKind::Messages(style) => Some(encode_messages(style, values.messages(f.key))),
        FieldKind::Files { .. } => {
            let uris: Vec<Value> = values
                .files(f.key)
                .iter()
                .filter_map(|file| file.data_uri())
                .map(Value::String)
                .collect();
            match uris.len() {
                0 => None,
                1 => uris.into_iter().next(),
                _ => Some(Value::Array(uris)),
            }
        }
        _ if trimmed.is_empty() => None,
        FieldKind::Text | FieldKind::Model | FieldKind::Choice(_) => Some(Value::String(trimmed.to_string())),
        FieldKind::LongText => Some(Value::String(text.to_string())),
        FieldKind::Integer { .. } => match trimmed.parse::<i64>() {
            Ok(n) => Some(Value::from(n)),
            Err(_) => {
                errors.push(FieldError::new(
                    FieldRef::Form(f.key),
                    format!("{} must be a whole number.", f.label),
                ));
                None
            }
        },
        FieldKind::Decimal { .. } => match trimmed.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            Some(n) => Some(Value::Number(n)),
            None => {
                errors.push(FieldError::new(
                    FieldRef::Form(f.key),
                    format!("{} must be a number such as 0.7.", f.label),
                ));
                None
            }
        },
        FieldKind::Json => match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(FieldError::new(
                    FieldRef::Form(f.key),
                    format!(
                        "Not valid JSON at line {}, column {}: {}",
                        e.line(),
                        e.column(),
                        json_error_reason(&e)
                    ),
                ));
                None
            }
        },
        FieldKind::CsvList => Some(Value::Array(
            trimmed
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        )),
        FieldKind::UrlLines { always_array } => {
            let lines: Vec<Value> = trimmed
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect();
            if lines.len() == 1 && !always_array {
                lines.into_iter().next()
            } else {
                Some(Value::Array(lines))
            }
        }
        FieldKind::GeminiSystem => Some(serde_json::json!({"role": "user", "parts": [{"text": text}]})),
    }
}

/// Sets `value` at a dotted path (`a.b`, `instances.0.prompt`). Where a value is already
/// there (Seedream URLs and files both fill `image`) the two become one array.
fn merge_at_path(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let next_is_index = segments.get(i + 1).is_some_and(|s| s.parse::<usize>().is_ok());
        if let Ok(index) = seg.parse::<usize>() {
            if !node.is_array() {
                *node = Value::Array(Vec::new());
            }
            let Value::Array(items) = node else { return };
            while items.len() <= index {
                items.push(Value::Null);
            }
            node = &mut items[index];
        } else {
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            let Value::Object(map) = node else { return };
            let fresh = if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            };
            node = map
                .entry(seg.to_string())
                .or_insert(if last { Value::Null } else { fresh });
        }
        if last {
            *node = match std::mem::take(node) {
                Value::Null => value,
                Value::Array(mut existing) => {
                    push_flat(&mut existing, value);
                    Value::Array(existing)
                }
                Value::Object(_) if value.is_object() => value,
                other => {
                    let mut items = vec![other];
                    push_flat(&mut items, value);
                    Value::Array(items)
                }
            };
            return;
        }
    }
}

fn push_flat(items: &mut Vec<Value>, value: Value) {
    match value {
        Value::Array(more) => items.extend(more),
        one => items.push(one),
    }
}

/// Writes the conversation editor's messages in a protocol's own shape.
pub fn encode_messages(style: MessageStyle, messages: &[Message]) -> Value {
    match style {
        MessageStyle::OpenAiChat => Value::Array(
            messages
                .iter()
                .map(|m| serde_json::json!({"role": m.role, "content": openai_content(&m.parts, false)}))
                .collect(),
        ),
        MessageStyle::Claude => Value::Array(
            messages.iter().map(|m| serde_json::json!({"role": m.role, "content": claude_content(&m.parts)})).collect(),
        ),
        MessageStyle::Gemini => Value::Array(
            messages
                .iter()
                .map(|m| serde_json::json!({"role": m.role, "parts": m.parts.iter().map(gemini_part).collect::<Vec<_>>()}))
                .collect(),
        ),
        MessageStyle::ResponsesInput => match messages {
            [only] if only.role == "user" && matches!(only.parts.as_slice(), [ContentPart::Text(_)]) => match &only.parts[0] {
                ContentPart::Text(t) => Value::String(t.clone()),
                _ => Value::Null,
            },
            _ => Value::Array(
                messages
                    .iter()
                    .map(|m| serde_json::json!({"role": m.role, "content": openai_content(&m.parts, true)}))
                    .collect(),
            ),
        },
    }
}

fn single_text(parts: &[ContentPart]) -> Option<&str> {
    match parts {
        [ContentPart::Text(t)] => Some(t),
        _ => None,
    }
}

fn image_source(part: &ContentPart) -> Option<String> {
    match part {
        ContentPart::ImageUrl(u) => Some(u.trim().to_string()),
        ContentPart::ImageFile(f) => f.data_uri(),
        ContentPart::Text(_) => None,
    }
}

fn openai_content(parts: &[ContentPart], responses: bool) -> Value {
    if let Some(t) = single_text(parts) {
        return Value::String(t.to_string());
    }
    Value::Array(
        parts
            .iter()
            .map(|p| match (p, responses) {
                (ContentPart::Text(t), false) => serde_json::json!({"type": "text", "text": t}),
                (ContentPart::Text(t), true) => serde_json::json!({"type": "input_text", "text": t}),
                (_, false) => {
                    serde_json::json!({"type": "image_url", "image_url": {"url": image_source(p).unwrap_or_default()}})
                }
                (_, true) => {
                    serde_json::json!({"type": "input_image", "image_url": image_source(p).unwrap_or_default()})
                }
            })
            .collect(),
    )
}

fn claude_content(parts: &[ContentPart]) -> Value {
    if let Some(t) = single_text(parts) {
        return Value::String(t.to_string());
    }
    Value::Array(
        parts
            .iter()
            .map(|p| match p {
                ContentPart::Text(t) => serde_json::json!({"type": "text", "text": t}),
                ContentPart::ImageUrl(u) => {
                    serde_json::json!({"type": "image", "source": {"type": "url", "url": u.trim()}})
                }
                ContentPart::ImageFile(f) => serde_json::json!({"type": "image", "source": {
                    "type": "base64", "media_type": f.effective_mime(), "data": f.base64.clone().unwrap_or_default()}}),
            })
            .collect(),
    )
}

fn gemini_part(part: &ContentPart) -> Value {
    match part {
        ContentPart::Text(t) => serde_json::json!({"text": t}),
        // RouteScope's docs write the snake_case spelling; the gateway and Google accept both.
        ContentPart::ImageFile(f) => {
            serde_json::json!({"inline_data": {"mime_type": f.effective_mime(), "data": f.base64.clone().unwrap_or_default()}})
        }
        ContentPart::ImageUrl(u) => {
            let probe = FileRef {
                id: 0,
                name: u.clone(),
                mime: String::new(),
                size: 0,
                base64: None,
            };
            serde_json::json!({"file_data": {"mime_type": probe.effective_mime(), "file_uri": u.trim()}})
        }
    }
}

fn multipart_parts(endpoint: &Endpoint, values: &FormValues, errors: &mut Vec<FieldError>) -> Vec<MultipartPart> {
    let mut parts = Vec::new();
    for f in endpoint.fields {
        let Target::Part(name) = f.target else {
            continue;
        };
        match f.kind {
            FieldKind::Files { .. } => {
                let files = values.files(f.key);
                // The official SDK sends several source images as repeated `image[]` parts.
                let part_name = if files.len() > 1 {
                    format!("{name}[]")
                } else {
                    name.to_string()
                };
                for file in files {
                    parts.push(MultipartPart {
                        name: part_name.clone(),
                        value: PartValue::File(file.clone()),
                    });
                }
            }
            FieldKind::Integer { .. } => {
                let t = values.text(f.key).trim();
                if t.is_empty() {
                    continue;
                }
                if t.parse::<i64>().is_err() {
                    errors.push(FieldError::new(
                        FieldRef::Form(f.key),
                        format!("{} must be a whole number.", f.label),
                    ));
                }
                parts.push(MultipartPart {
                    name: name.to_string(),
                    value: PartValue::Text(t.to_string()),
                });
            }
            _ => {
                let t = values.text(f.key);
                if t.trim().is_empty() {
                    continue;
                }
                let v = if f.kind == FieldKind::LongText {
                    t.to_string()
                } else {
                    t.trim().to_string()
                };
                parts.push(MultipartPart {
                    name: name.to_string(),
                    value: PartValue::Text(v),
                });
            }
        }
    }
    parts
}

/// Whether a header value is one the browser's fetch accepts: no CR, LF or NUL, and only
/// Latin-1 characters.
pub fn header_safe(value: &str) -> bool {
    !value.contains(['\r', '\n', '\0']) && value.chars().all(|c| u32::from(c) <= 0xFF)
}

/// How the key actually travels on this endpoint, as the diagnosis sees it: `None` when
/// no key is sent at all.
pub fn auth_sent(endpoint: &Endpoint, conn: &Connection) -> Option<AuthStyle> {
    (!conn.api_key.is_empty()).then(|| effective_auth(endpoint, conn.auth))
}
