//! Pre-flight checks, run live as the person types: what will fail before it is sent, each
//! finding tied to a field, with a one-click fix where the fix is obvious.

use serde_json::Value;

use crate::preflight::fix::Fix;
use crate::request::base_url::BaseUrl;
use crate::request::build::{self_service_confirmed, Connection};
use crate::request::catalogue::{AuthStyle, BodyKind, Endpoint, EndpointId, FieldKind, Origin, Target};
use crate::request::field_ref::FieldRef;
use crate::request::form::{ContentPart, FieldValue, FormValues};
use crate::text::closest::closest;
use crate::text::lang::Lang;
use crate::text::size::one_decimal;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The request will fail as it stands.
    Error,
    /// It will probably fail or behave unexpectedly.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The id used for styling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word shown beside a finding.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("error", "错误"),
            Severity::Warning => lang.pick("warning", "警告"),
            Severity::Info => lang.pick("note", "提示"),
        }
    }
}

/// One finding of the pre-flight check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// A stable rule id (`key-missing-sk`, `base-ends-v1`…).
    pub rule: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// The setting, form field or raw body it points at.
    pub field: FieldRef,
    /// What is wrong and why, in the product's words.
    pub message: String,
    /// The fix, when it is obvious.
    pub fix: Option<Fix>,
}

impl Finding {
    pub(crate) fn new(
        rule: &'static str,
        severity: Severity,
        field: FieldRef,
        message: String,
        fix: Option<Fix>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            field,
            message,
            fix,
        }
    }
}

/// Everything the checks look at.
#[derive(Clone, Copy, Debug)]
pub struct LintInput<'a> {
    /// The endpoint on screen.
    pub endpoint: &'a Endpoint,
    /// Settings.
    pub conn: &'a Connection,
    /// The form.
    pub values: &'a FormValues,
    /// The raw body, when edited by hand.
    pub raw_body: Option<&'a str>,
    /// Whether the page itself is served over https.
    pub page_is_https: bool,
    /// Model ids from the last model list fetched with this key (empty: not fetched).
    pub known_models: &'a [String],
}

/// Uploads above this many bytes risk the documented timeouts.
pub const LARGE_UPLOAD_BYTES: u64 = 8 * 1024 * 1024;
/// More reference images than this risk timeouts.
pub const MANY_IMAGES: usize = 4;

/// Runs every check; errors first.
pub fn lint(input: &LintInput, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    check_key(input, lang, &mut out);
    check_base(input, lang, &mut out);
    check_body(input, lang, &mut out);
    check_fields(input, lang, &mut out);
    crate::preflight::header_value::check_header_values(input, lang, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn t(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn check_key(input: &LintInput, lang: Lang, out: &mut Vec<Finding>) {
    let key = input.conn.api_key.as_str();
    if key.is_empty() {
        out.push(Finding::new(
            "key-empty",
            Severity::Error,
            FieldRef::ApiKey,
            t(
                lang,
                "No API key: the gateway will answer 401 \"Token not provided\". Paste your sk- key.".into(),
                "未填写 API Key：网关会返回 401“未提供令牌”。请粘贴完整的 sk- 密钥。".into(),
            ),
            None,
        ));
        return;
    }
    let trimmed = key.trim();
    let inner = trimmed.trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
    if let Some(rest) = inner.strip_prefix("Bearer ").or_else(|| inner.strip_prefix("bearer ")) {
        let _ = rest;
        out.push(Finding::new("key-has-bearer", Severity::Error, FieldRef::ApiKey, t(lang,
            "The key starts with \"Bearer \": the playground adds it itself, so the gateway would see \"Bearer Bearer sk-…\" and answer Invalid token.".into(),
            "密钥以“Bearer ”开头：本工具会自动添加，网关会收到“Bearer Bearer sk-…”并返回无效令牌。".into()), Some(Fix::RemoveBearer)));
        return;
    }
    if inner != key {
        out.push(Finding::new("key-whitespace", Severity::Error, FieldRef::ApiKey, t(lang,
            "The key has spaces, a line break or quotes around it: they are sent as part of the key and the gateway answers Invalid token.".into(),
            "密钥前后有空格、换行或引号：它们会被当作密钥的一部分发送，网关会返回无效令牌。".into()), Some(Fix::TrimKey)));
    } else if inner.chars().any(|c| c.is_whitespace() || c == '"' || c == '\'') {
        out.push(Finding::new("key-inner-space", Severity::Error, FieldRef::ApiKey, t(lang,
            "The key contains a space or a quote inside it: it was probably copied with something else. Copy it again from the console.".into(),
            "密钥中间含有空格或引号：可能复制时带上了其他内容。请从控制台重新复制。".into()), None));
    }
    if !inner.starts_with("sk-") {
        out.push(Finding::new("key-missing-sk", Severity::Warning, FieldRef::ApiKey, t(lang,
            "The key does not start with sk-: RouteScope keys are the full secret including sk-. Some clients show it without the prefix.".into(),
            "密钥不是以 sk- 开头：RouteScope 的密钥需包含完整的 sk- 前缀，部分客户端显示时会省略它。".into()), None));
    } else if inner.len() < 12 {
        out.push(Finding::new(
            "key-short",
            Severity::Warning,
            FieldRef::ApiKey,
            t(
                lang,
                "The key looks too short: it may have been cut off when copied.".into(),
                "密钥看起来过短：复制时可能被截断了。".into(),
            ),
            None,
        ));
    }
}

fn check_base(input: &LintInput, lang: Lang, out: &mut Vec<Finding>) {
    let field = FieldRef::base_of(input.endpoint.origin);
    let text = match input.endpoint.origin {
        Origin::Gateway => input.conn.gateway.as_str(),
        Origin::SelfService => input.conn.self_service.as_str(),
    };
    let Ok(base) = BaseUrl::parse(text) else {
        return;
    };
    if input.endpoint.origin == Origin::SelfService && !self_service_confirmed(input.conn) {
        let gateway = BaseUrl::parse(&input.conn.gateway).map(|g| g.origin()).ok();
        out.push(Finding::new("self-service-unconfirmed", Severity::Error, field, t(lang,
            format!("This request would take your key to {}, the built-in self-service address, while your gateway is elsewhere. Set this gateway's own Self-service API URL (new-api serves it on the gateway's origin).", base.origin()),
            format!("该请求会把密钥发往内置的自助接口地址 {}，而你的网关在别处。请填写该网关自己的自助接口地址（new-api 通常在网关自身的地址上提供）。", base.origin())), gateway.map(Fix::UseOrigin)));
    }
    if input.page_is_https && base.scheme == "http" && !base.is_loopback() {
        out.push(Finding::new("base-mixed-content", Severity::Error, field, t(lang,
            "This page is https but the gateway address is http: the browser blocks the request as mixed content before it leaves.".into(),
            "本页面是 https，而网关地址是 http：浏览器会以混合内容为由直接拦截请求。".into()), Some(Fix::UseHttps)));
    }
    let path = base.path.to_ascii_lowercase();
    let endpoint_markers = [
        "/chat/completions",
        "/responses",
        "/messages",
        "/images/",
        "/models",
        ":generatecontent",
        ":predict",
        "/video/",
        "/aiart/",
        "/api/token",
    ];
    if endpoint_markers.iter().any(|m| path.contains(m)) {
        out.push(Finding::new("base-is-endpoint", Severity::Error, field, t(lang,
            format!("The address is a full endpoint URL ({}): set only the gateway origin; each endpoint adds its own path.", base.path),
            format!("地址是一个完整的接口 URL（{}）：这里只需填写网关根地址，每个接口会自动拼接路径。", base.path)), Some(Fix::UseOrigin(base.origin()))));
    } else if path.ends_with("/v1") || path.ends_with("/v1beta") {
        let example = base.join(input.endpoint.path.split('{').next().unwrap_or(""));
        out.push(Finding::new("base-ends-v1", Severity::Error, field, t(lang,
            format!("The address ends in {}: endpoint paths already start with /v1, so the request goes to {example} and the gateway answers 404 Invalid URL. OpenAI-style clients (Codex, the OpenAI SDK) take …/v1; this playground and Claude Code take the bare origin.", &base.path),
            format!("地址以 {} 结尾：接口路径本身已包含 /v1，请求会发到 {example}，网关返回 404 Invalid URL。OpenAI 类客户端（Codex、OpenAI SDK）填写 …/v1；本工具和 Claude Code 填写根地址。", &base.path)), Some(Fix::StripV1)));
    }
    if base.had_query {
        out.push(Finding::new(
            "base-has-query",
            Severity::Warning,
            field,
            t(
                lang,
                "The address carries a ?query or #fragment: it is ignored for a base address.".into(),
                "地址带有 ?查询 或 #片段：作为根地址时会被忽略。".into(),
            ),
            None,
        ));
    }
}

/// The JSON body that will be sent, parsed (raw override or generated), if any.
fn body_json(input: &LintInput) -> Option<Value> {
    if input.endpoint.body != BodyKind::Json {
        return None;
    }
    let text = match input.raw_body {
        Some(raw) => raw.to_string(),
        None => {
            let built = crate::request::build::build_request(input.endpoint, input.conn, input.values, None);
            match built.request.map(|r| r.body) {
                Some(crate::request::http::Body::Json(t)) => t,
                _ => return None,
            }
        }
    };
    serde_json::from_str(&text).ok()
}

fn check_body(input: &LintInput, lang: Lang, out: &mut Vec<Finding>) {
    let ep = input.endpoint;
    if let Some(body) = body_json(input) {
        let has = |k: &str| body.get(k).is_some();
        match ep.id {
            EndpointId::ChatCompletions => {
                if has("contents") {
                    out.push(Finding::new("protocol-contents-to-openai", Severity::Error, FieldRef::Body, t(lang,
                        "The body has Gemini's contents: OpenAI Chat Completions reads messages. The gateway answers \"field messages is required\".".into(),
                        "请求体使用了 Gemini 的 contents：OpenAI Chat Completions 需要 messages，网关会返回“field messages is required”。".into()), Some(Fix::SwitchEndpoint(EndpointId::GeminiGenerate))));
                }
                if !has("messages") && !has("contents") {
                    out.push(Finding::new(
                        "missing-messages",
                        Severity::Error,
                        FieldRef::Form("messages"),
                        t(
                            lang,
                            "No messages: Chat Completions needs model and messages.".into(),
                            "缺少 messages：Chat Completions 需要 model 和 messages。".into(),
                        ),
                        None,
                    ));
                }
                if has("max_tokens") && has("system") {
                    out.push(Finding::new("protocol-claude-to-openai", Severity::Warning, FieldRef::Body, t(lang,
                        "A top-level system field is Claude's shape: in Chat Completions the system prompt is a message with role system.".into(),
                        "顶层 system 字段是 Claude 的格式：Chat Completions 中系统提示应作为 role 为 system 的消息。".into()), None));
                }
            }
            EndpointId::GeminiGenerate => {
                if has("messages") {
                    out.push(Finding::new("protocol-messages-to-gemini", Severity::Error, FieldRef::Body, t(lang,
                        "The body has messages: Gemini generateContent reads contents[].parts[]. The gateway answers \"contents is required\".".into(),
                        "请求体使用了 messages：Gemini generateContent 需要 contents[].parts[]，网关会返回“contents is required”。".into()), Some(Fix::SwitchEndpoint(EndpointId::ChatCompletions))));
                }
                if has("model") {
                    out.push(Finding::new("gemini-model-in-body", Severity::Warning, FieldRef::Body, t(lang,
                        "Gemini takes the model from the path, not the body: the body's model is ignored or rejected.".into(),
                        "Gemini 从路径中读取模型，而不是请求体：请求体里的 model 会被忽略或拒绝。".into()), None));
                }
            }
            EndpointId::ClaudeMessages => {
                if !has("max_tokens") {
                    out.push(Finding::new("claude-max-tokens", Severity::Error, FieldRef::Form("max_tokens"), t(lang,
                        "Claude Messages requires max_tokens: without it the answer is 400 \"max_tokens: Field required\".".into(),
                        "Claude Messages 必须填写 max_tokens：缺少时会返回 400“max_tokens: Field required”。".into()), Some(Fix::AddMaxTokens)));
                }
                if has("contents") {
                    out.push(Finding::new(
                        "protocol-contents-to-claude",
                        Severity::Error,
                        FieldRef::Body,
                        t(
                            lang,
                            "The body has Gemini's contents: Claude Messages reads messages.".into(),
                            "请求体使用了 Gemini 的 contents：Claude Messages 需要 messages。".into(),
                        ),
                        None,
                    ));
                }
                if body.get("messages").and_then(Value::as_array).is_some_and(|m| {
                    m.iter()
                        .any(|x| x.get("role").and_then(Value::as_str) == Some("system"))
                }) {
                    out.push(Finding::new(
                        "claude-system-role",
                        Severity::Error,
                        FieldRef::Form("messages"),
                        t(
                            lang,
                            "Claude has no system role inside messages: put the system prompt in the System field."
                                .into(),
                            "Claude 的 messages 中没有 system 角色：请把系统提示写在 System 字段。".into(),
                        ),
                        None,
                    ));
                }
                if has("context_management") {
                    out.push(Finding::new("claude-context-management", Severity::Warning, FieldRef::Body, t(lang,
                        "context_management is an experimental beta field: gateways without it answer 400 \"Extra inputs are not permitted\".".into(),
                        "context_management 是实验性 beta 字段：不支持的网关会返回 400“Extra inputs are not permitted”。".into()), None));
                }
            }
            EndpointId::Responses if has("messages") && !has("input") => {
                out.push(Finding::new(
                    "protocol-messages-to-responses",
                    Severity::Error,
                    FieldRef::Body,
                    t(
                        lang,
                        "The Responses API reads input, not messages.".into(),
                        "Responses API 需要 input，而不是 messages。".into(),
                    ),
                    Some(Fix::SwitchEndpoint(EndpointId::ChatCompletions)),
                ));
            }
            EndpointId::SeedreamEdits => {
                let images = ["image", "images", "image_urls"].iter().any(|k| {
                    body.get(*k)
                        .is_some_and(|v| !v.is_null() && v != &Value::Array(vec![]) && v != "")
                });
                if !images {
                    out.push(Finding::new("seedream-no-image", Severity::Error, FieldRef::Form("image"), t(lang,
                        "A Seedream edit needs at least one reference image in the image field (a URL or a data: URI).".into(),
                        "Seedream 编辑至少需要在 image 字段中提供一张参考图（URL 或 data: URI）。".into()), None));
                }
                let count = match body.get("image") {
                    Some(Value::Array(a)) => a.len(),
                    Some(Value::String(_)) => 1,
                    _ => 0,
                };
                if count > MANY_IMAGES {
                    out.push(many_images(lang, FieldRef::Form("image"), count));
                }
            }
            _ => {}
        }
        if let Some(Value::String(size)) = body.get("size") {
            if size.contains('×') || size.contains('X') || size.contains('*') {
                let fixed = size.replace(['×', 'X', '*'], "x").replace(' ', "");
                out.push(Finding::new(
                    "size-not-ascii-x",
                    Severity::Error,
                    FieldRef::Form("size"),
                    t(
                        lang,
                        format!("The size \"{size}\" must be written with an ASCII x, like {fixed}."),
                        format!("尺寸“{size}”必须使用英文字母 x，例如 {fixed}。"),
                    ),
                    Some(Fix::AsciiSize(fixed)),
                ));
            }
        }
    }
    if ep.id == EndpointId::ImageEditsMultipart {
        if input.values.files("image").is_empty() {
            out.push(Finding::new(
                "edit-no-file",
                Severity::Error,
                FieldRef::Form("image"),
                t(
                    lang,
                    "OpenAI-style image editing uploads the source image as multipart/form-data: choose a file.".into(),
                    "OpenAI 风格的图片编辑需要以 multipart/form-data 上传源图：请选择文件。".into(),
                ),
                None,
            ));
        }
        let count = input.values.files("image").len();
        if count > MANY_IMAGES {
            out.push(many_images(lang, FieldRef::Form("image"), count));
        }
    }
    let upload: u64 = ep
        .fields
        .iter()
        .map(|f| match input.values.get(f.key) {
            Some(FieldValue::Files(files)) => files.iter().map(|x| x.size).sum(),
            Some(FieldValue::Messages(ms)) => ms
                .iter()
                .flat_map(|m| m.parts.iter())
                .map(|p| match p {
                    ContentPart::ImageFile(x) => x.size,
                    _ => 0,
                })
                .sum(),
            _ => 0,
        })
        .sum();
    if upload > LARGE_UPLOAD_BYTES {
        out.push(Finding::new("large-upload", Severity::Warning, FieldRef::Body, t(lang,
            format!("{} MB of uploads: large bodies risk a timeout or a 413 from a proxy. For images and video, the async task endpoints avoid the long request.", one_decimal(upload, 1_048_576)),
            format!("上传内容共 {} MB：请求体过大可能超时或被代理返回 413。图片和视频任务可改用异步任务接口。", one_decimal(upload, 1_048_576))), Some(Fix::SwitchEndpoint(EndpointId::AsyncImageSubmit))));
    }
}

fn many_images(lang: Lang, field: FieldRef, count: usize) -> Finding {
    Finding::new("many-images", Severity::Warning, field, t(lang,
        format!("{count} reference images in one request: many images make timeouts likely. Consider the async image task."),
        format!("一次请求包含 {count} 张参考图：图片过多容易超时，可考虑改用异步图片任务。")), Some(Fix::SwitchEndpoint(EndpointId::AsyncImageSubmit)))
}

/// A decimal as `{}` writes it (`2`, `0.5`; `1e-7` for a tiny one), through the JSON writer the page carries
/// anyway: `f64`'s own `Display` would add kilobytes of formatting code to the first render.
fn decimal_text(x: f64) -> String {
    serde_json::Number::from_f64(x).map_or_else(String::new, |n| {
        let text = n.to_string();
        text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
    })
}

fn check_fields(input: &LintInput, lang: Lang, out: &mut Vec<Finding>) {
    let ep = input.endpoint;
    for f in ep.fields {
        let text = input.values.text(f.key).trim();
        // A number outside its bounds, with the nearest allowed value as the fix.
        let out_of_range = match f.kind {
            FieldKind::Integer { min, max } => text.parse::<i64>().ok().filter(|n| *n < min || *n > max).map(|n| {
                (
                    n.to_string(),
                    min.to_string(),
                    max.to_string(),
                    n.clamp(min, max).to_string(),
                )
            }),
            FieldKind::Decimal { min, max } => text.parse::<f64>().ok().filter(|n| *n < min || *n > max).map(|n| {
                (
                    decimal_text(n),
                    decimal_text(min),
                    decimal_text(max),
                    decimal_text(n.clamp(min, max)),
                )
            }),
            _ => None,
        };
        if let Some((n, min, max, clamped)) = out_of_range {
            out.push(Finding::new(
                "out-of-range",
                Severity::Error,
                FieldRef::Form(f.key),
                t(
                    lang,
                    format!("{} is {n}, outside {min}–{max}.", f.label),
                    format!("{} 为 {n}，超出 {min}–{max} 的范围。", f.label),
                ),
                Some(Fix::Clamp(clamped)),
            ));
        }
        if f.required && !matches!(f.target, Target::Stream) {
            let empty = match (f.kind, input.values.get(f.key)) {
                (FieldKind::Files { .. }, _) => false, // reported above with a clearer message
                (_, Some(FieldValue::Messages(m))) => m.is_empty(),
                (_, Some(FieldValue::Text(t))) => t.trim().is_empty(),
                (_, None) => true,
                _ => false,
            };
            if empty && input.raw_body.is_none() {
                out.push(Finding::new(
                    "required-empty",
                    Severity::Error,
                    FieldRef::Form(f.key),
                    t(
                        lang,
                        format!("{} is required.", f.label),
                        format!("{} 为必填项。", f.label),
                    ),
                    None,
                ));
            }
        }
    }
    if let (Some(model), false) = (input.values.model(), input.known_models.is_empty()) {
        if !input.known_models.iter().any(|m| m == model) {
            let suggestion = closest(model, input.known_models);
            let hint = suggestion
                .as_ref()
                .map(|s| t(lang, format!(" Did you mean {s}?"), format!(" 是否想用 {s}？")))
                .unwrap_or_default();
            out.push(Finding::new("model-not-listed", Severity::Warning, FieldRef::Form("model"), t(lang,
                format!("{model} is not in the {} models this key listed: expect 503 \"no available channel\" (typo) or 403 \"no access to model\".{hint}", input.known_models.len()),
                format!("{model} 不在该密钥可见的 {} 个模型中：可能返回 503“无可用渠道”（拼写错误）或 403“无权访问模型”。{hint}", input.known_models.len())), suggestion.map(Fix::UseModel)));
        }
    }
    if input.endpoint.auth_styles.len() > 1
        && input.conn.auth == AuthStyle::QueryKey
        && input.endpoint.auth_styles.contains(&AuthStyle::QueryKey)
    {
        out.push(Finding::new(
            "key-in-url",
            Severity::Info,
            FieldRef::ApiKey,
            t(
                lang,
                "?key= puts the key in the URL, where proxies and logs can see it. The x-goog-api-key header is safer."
                    .into(),
                "?key= 会把密钥放进 URL，代理和日志都能看到。使用 x-goog-api-key 请求头更安全。".into(),
            ),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_read_as_display_writes_them() {
        for x in [0.0, 1.0, 2.0, 10.0, 0.5, 1.25, 2.7, -0.1, 123.456] {
            assert_eq!(super::decimal_text(x), x.to_string(), "{x}");
        }
        // Far from the bounds people type, the JSON writer's exponent form stays valid.
        assert_eq!(super::decimal_text(1e-7), "1e-7");
    }
}
