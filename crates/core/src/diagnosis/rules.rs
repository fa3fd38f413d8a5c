//! Evaluating signatures against one error body: who answered (origin), which rule
//! matched first, how sure that makes us given the status, whose side it is, and the
//! status-only fallback when nothing matched.

use super::matching::{normalise, Hay};
use super::reason::Reason;
use super::signatures::{Tier, RULES};
use super::verdict::{ev, Verdict};
use super::{Category, Confidence, RequestFacts, Side};
use crate::answer::envelope::{Envelope, EnvelopeShape};

/// Who produced the error body, as far as its envelope tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// `new_api_error` / `one_api_error`, a gateway-only code, or the task/dashboard shapes.
    Gateway,
    /// Some other `*_api_error`: probably a rebranded gateway of the same family.
    Rebrand,
    /// Any other type, or Google's shape: the provider behind a channel.
    Upstream,
    /// No type to go by (plain text, HTML, foreign JSON).
    Unknown,
}

/// Codes only the gateway family itself emits (new-api `types/error.go`); new-api
/// sometimes puts them in `type` too, which must not read as an upstream type.
const GATEWAY_CODES: &[&str] = &[
    "model_price_error",
    "insufficient_user_quota",
    "pre_consume_token_quota_failed",
    "access_denied",
    "get_channel_failed",
    "count_token_failed",
    "invalid_api_type",
    "gen_relay_info_failed",
    "read_request_body_failed",
    "convert_request_failed",
    "invalid_request",
    "sensitive_words_detected",
    "token_concurrency_limit_reached",
    "token_concurrency_unavailable",
    "entitlement_required",
    "entitlement_inactive",
    "entitlement_daily_limit_exceeded",
    "entitlement_total_limit_exceeded",
];

/// Reads who answered from the envelope.
pub(crate) fn origin_of(env: &Envelope) -> Origin {
    let ty = env.error_type.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    if ty == "new_api_error" || ty == "one_api_error" || GATEWAY_CODES.contains(&ty.as_str()) {
        return Origin::Gateway;
    }
    if ty.len() > "_api_error".len() && ty.ends_with("_api_error") {
        return Origin::Rebrand;
    }
    // The gateway's own router answers unknown routes with `Invalid URL (METHOD PATH)` in the
    // OpenAI shape (type invalid_request_error): that is the gateway, not a provider.
    if env
        .message
        .as_deref()
        .is_some_and(|m| m.trim_start().starts_with("Invalid URL ("))
    {
        return Origin::Gateway;
    }
    match env.shape {
        EnvelopeShape::Google => Origin::Upstream,
        EnvelopeShape::GatewayOrOpenAi | EnvelopeShape::Claude if !ty.is_empty() => Origin::Upstream,
        // Older gateways sent their own errors without a type but with a request id.
        EnvelopeShape::GatewayOrOpenAi | EnvelopeShape::Claude if env.request_id.is_some() => Origin::Gateway,
        EnvelopeShape::Task | EnvelopeShape::Dashboard => Origin::Gateway,
        _ => Origin::Unknown,
    }
}

/// Whether the URL is a vendor's own API (then a vendor error is about the user's key).
fn is_direct_vendor(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    [
        "api.openai.com",
        "api.anthropic.com",
        "generativelanguage.googleapis.com",
        "aiplatform.googleapis.com",
    ]
    .iter()
    .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// What kind of signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Code,
    Phrase,
    Keyword,
}

/// Whether a status is one this category usually comes with (spec quirks included:
/// bad parameters as 500, a missing model as 503, OpenAI's billing error as 429).
fn status_fits(category: Category, status: u16) -> bool {
    let list: &[u16] = match category {
        // Google answers an invalid key with 400 INVALID_ARGUMENT.
        Category::AuthenticationFailure => &[400, 401, 403],
        Category::TokenUnavailable => &[401, 403],
        Category::InsufficientBalance => &[400, 402, 403, 429],
        Category::ModelNotAvailable => &[400, 403, 404, 500, 503],
        Category::IncorrectEndpoint => &[404, 405, 501],
        Category::ParameterError => &[400, 413, 415, 422, 500],
        Category::ClaudeCodeBetas => &[400],
        Category::Timeout => &[408, 500, 502, 503, 504, 522, 524],
        Category::RateLimit => &[429, 503],
        Category::RequestTooLarge => &[400, 413, 500],
        Category::UpstreamFailure => &[500, 502, 503, 504, 520, 521, 522, 523, 525, 526, 527, 529, 530],
        _ => &[],
    };
    list.contains(&status)
}

fn confidence(strength: Strength, fits: Option<bool>) -> Confidence {
    match (strength, fits) {
        (Strength::Code, None) | (Strength::Code | Strength::Phrase, Some(true)) => Confidence::High,
        (Strength::Phrase, None)
        | (Strength::Code | Strength::Phrase, Some(false))
        | (Strength::Keyword, Some(true)) => Confidence::Medium,
        (Strength::Keyword, _) => Confidence::Low,
    }
}

/// Whose side a cause is on.
pub(crate) fn side_for(reason: Reason, category: Category, origin: Origin, direct: bool) -> Side {
    use Reason::*;
    match category {
        Category::ParameterError
        | Category::ClaudeCodeBetas
        | Category::IncorrectEndpoint
        | Category::RequestTooLarge
        | Category::Cancelled => Side::Client,
        Category::NetworkOrCors => Side::Network,
        Category::Timeout if reason == RequestTimeout => Side::Network,
        Category::Timeout => Side::Upstream,
        Category::UpstreamFailure if reason == GatewayInternal => Side::Gateway,
        Category::UpstreamFailure => Side::Upstream,
        Category::Success | Category::SuccessWithErrorBody | Category::Unknown => match origin {
            Origin::Gateway | Origin::Rebrand => Side::Gateway,
            Origin::Upstream => Side::Upstream,
            Origin::Unknown => Side::Unknown,
        },
        Category::AuthenticationFailure
        | Category::TokenUnavailable
        | Category::InsufficientBalance
        | Category::ModelNotAvailable
        | Category::RateLimit => {
            let upstream_cause = matches!(reason, UpstreamKey | UpstreamQuota | UpstreamLimit | Saturated);
            if !direct && (upstream_cause || origin == Origin::Upstream) {
                Side::Upstream
            } else {
                Side::Gateway
            }
        }
    }
}

/// The same complaint means the user's account when the gateway says it, and the
/// channel's when a provider says it (unless the user called the provider directly).
fn adjust_for_origin(reason: Reason, origin: Origin, direct: bool) -> Reason {
    use Reason::*;
    match (reason, origin) {
        (UpstreamKey, _) if direct => KeyInvalid,
        (UpstreamQuota, Origin::Gateway) => UserQuota,
        (UpstreamLimit, _) if direct => GatewayLimit,
        (_, Origin::Upstream) if direct => reason,
        (
            KeyMissing | KeyInvalid | KeyInvalidAmbiguous | PermissionDenied | TokenDisabled | TokenExpired
            | TokenExhausted,
            Origin::Upstream,
        ) => UpstreamKey,
        (UserQuota, Origin::Upstream) => UpstreamQuota,
        (GatewayLimit, Origin::Upstream) => UpstreamLimit,
        _ => reason,
    }
}

/// Every code and type in the envelope chain, normalised.
fn codes_of(env: &Envelope) -> Vec<String> {
    let mut codes = Vec::new();
    let mut current = Some(env);
    while let Some(e) = current {
        for value in [&e.code, &e.error_type, &e.google_status, &e.google_reason]
            .into_iter()
            .flatten()
        {
            codes.push(normalise(&split_camel(value)));
        }
        current = e.nested.as_deref();
    }
    codes
}

/// `InvalidParameter` → `Invalid Parameter`, so CamelCase codes match like snake_case ones.
fn split_camel(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 4);
    let mut prev_lower = false;
    for c in code.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Every text in the envelope chain worth matching.
fn hay_of(env: &Envelope) -> Hay {
    let mut texts: Vec<&str> = Vec::new();
    let mut current = Some(env);
    while let Some(e) = current {
        if let Some(message) = &e.message {
            // The nested JSON is matched as its own envelope; its raw text would only
            // let its keys ("server_error") pass for words.
            texts.push(if e.nested.is_some() {
                outside_json(message)
            } else {
                message
            });
        }
        texts.extend([&e.param, &e.html_title].into_iter().flatten().map(String::as_str));
        current = e.nested.as_deref();
    }
    Hay::new(texts)
}

/// The text before an embedded JSON object (`openai_error: {…}` → `openai_error: `).
fn outside_json(message: &str) -> &str {
    message.find('{').and_then(|i| message.get(..i)).unwrap_or(message)
}

/// A generic code's cause made specific by a phrase of the same category.
fn refine(reason: Reason, codes: &[String], hay: &Hay) -> Reason {
    let family = |r: Reason| match r.category() {
        Category::ClaudeCodeBetas => Category::ParameterError,
        c => c,
    };
    RULES
        .iter()
        .filter(|r| r.tier == Tier::Phrase && r.reason != reason && family(r.reason) == family(reason))
        .find(|r| r.matches(codes, hay).is_some())
        .map_or(reason, |r| r.reason)
}

/// Statuses whose status-only reading beats a keyword that contradicts them.
const TELLING_STATUSES: &[u16] = &[400, 401, 402, 404, 405, 408, 413, 415, 422, 429, 501, 504, 524, 529];

/// The verdict from signatures, or `None` when nothing matched (or only a keyword that
/// the status contradicts). `status` is `None` for errors inside a 2xx.
pub(crate) fn error_verdict(status: Option<u16>, env: &Envelope, facts: &RequestFacts) -> Option<Verdict> {
    let codes = codes_of(env);
    let hay = hay_of(env);
    if codes.is_empty() && hay.is_empty() {
        return None;
    }
    let (rule, signature) = Tier::ORDER.iter().find_map(|tier| {
        RULES
            .iter()
            .filter(|r| r.tier == *tier)
            .find_map(|r| r.matches(&codes, &hay).map(|s| (r, s)))
    })?;
    let mut strength = match rule.tier {
        Tier::Phrase => Strength::Phrase,
        Tier::Keyword => Strength::Keyword,
        Tier::Code | Tier::WeakCode => Strength::Code,
    };
    // A keyword that a generic code agrees with is as good as the code.
    let code_agrees = RULES
        .iter()
        .filter(|r| r.tier == Tier::WeakCode && r.reason.category() == rule.reason.category())
        .any(|r| r.matches(&codes, &hay).is_some());
    if strength == Strength::Keyword && code_agrees {
        strength = Strength::Code;
    }
    let origin = origin_of(env);
    let direct = is_direct_vendor(&facts.url);
    let mut reason = rule.reason;
    if rule.tier == Tier::Code {
        reason = refine(reason, &codes, &hay);
    }
    reason = adjust_for_origin(reason, origin, direct);
    let category = reason.category();
    let fits = status.map(|s| status_fits(category, s));
    if strength == Strength::Keyword && fits == Some(false) && status.is_some_and(|s| TELLING_STATUSES.contains(&s)) {
        return None;
    }
    let mut confidence = confidence(strength, fits);
    let foreign = env.shape.is_foreign() || origin == Origin::Rebrand;
    if foreign {
        confidence = confidence.min(Confidence::Medium);
    }
    let mut v = Verdict::new(reason, confidence, side_for(reason, category, origin, direct));
    v.evidence.push(ev("signature", signature));
    v.evidence.push(ev("origin", origin_label(origin, env)));
    v.details.foreign = env.shape.is_foreign();
    v.details.rebrand = origin == Origin::Rebrand;
    v.candidates = match reason {
        Reason::KeyInvalidAmbiguous => {
            vec![Category::AuthenticationFailure, Category::TokenUnavailable]
        }
        Reason::UpstreamTimeout => vec![Category::Timeout, Category::UpstreamFailure],
        Reason::PermissionDenied => {
            vec![Category::AuthenticationFailure, Category::ModelNotAvailable]
        }
        Reason::GatewayLimit | Reason::UserQuota if strength == Strength::Keyword => {
            vec![Category::RateLimit, Category::InsufficientBalance]
        }
        _ => vec![],
    };
    Some(v)
}

fn origin_label(origin: Origin, env: &Envelope) -> String {
    let ty = env.error_type.clone().unwrap_or_default();
    match origin {
        Origin::Gateway if ty.is_empty() => "gateway".to_string(),
        Origin::Gateway => format!("gateway ({ty})"),
        Origin::Rebrand => format!("gateway-like rebrand ({ty})"),
        Origin::Upstream if ty.is_empty() => "upstream".to_string(),
        Origin::Upstream => format!("upstream ({ty})"),
        Origin::Unknown => "unknown".to_string(),
    }
}

/// What the status alone says when no signature matched.
pub(crate) fn status_fallback(status: u16, env: &Envelope, facts: &RequestFacts, raw_body: &str) -> Verdict {
    use Category as C;
    use Confidence::{High, Low, Medium};
    use Reason as R;
    let html = env.shape == EnvelopeShape::Html;
    let empty = env.shape == EnvelopeShape::Empty;
    let head: String = raw_body.chars().take(4000).collect::<String>().to_ascii_lowercase();
    let (reason, category, confidence, candidates): (Reason, Category, Confidence, Vec<Category>) = match status {
        400 => (R::StatusOnly, C::ParameterError, Medium, vec![]),
        401 => (
            R::StatusOnly,
            C::AuthenticationFailure,
            Medium,
            vec![C::AuthenticationFailure, C::TokenUnavailable],
        ),
        402 => (R::StatusOnly, C::InsufficientBalance, Medium, vec![]),
        403 if html
            && (head.contains("cloudflare") || head.contains("access denied") || head.contains("forbidden")) =>
        {
            (R::ProxyBlocked, C::NetworkOrCors, Medium, vec![])
        }
        403 => (
            R::StatusOnly,
            C::Unknown,
            Low,
            vec![C::TokenUnavailable, C::InsufficientBalance, C::ModelNotAvailable],
        ),
        404 if html => (R::RouteNotFound, C::IncorrectEndpoint, High, vec![]),
        404 if empty || env.shape == EnvelopeShape::PlainText => {
            (R::RouteNotFound, C::IncorrectEndpoint, Medium, vec![])
        }
        404 => (
            R::RouteNotFound,
            C::IncorrectEndpoint,
            Medium,
            vec![C::IncorrectEndpoint, C::ModelNotAvailable],
        ),
        405 => (R::MethodNotAllowed, C::IncorrectEndpoint, High, vec![]),
        408 => (R::RequestTimeout, C::Timeout, High, vec![]),
        413 => (R::BodyTooLarge, C::RequestTooLarge, High, vec![]),
        415 | 422 => (R::GenericParam, C::ParameterError, Medium, vec![]),
        429 if empty => (R::EmptyBody429, C::RateLimit, High, vec![]),
        429 => (
            R::StatusOnly,
            C::RateLimit,
            Medium,
            vec![C::RateLimit, C::InsufficientBalance],
        ),
        500 if html => (R::ServerError, C::UpstreamFailure, Medium, vec![]),
        500 => (
            R::StatusOnly,
            C::UpstreamFailure,
            Low,
            vec![C::UpstreamFailure, C::ParameterError],
        ),
        501 => (R::NotImplemented, C::IncorrectEndpoint, Medium, vec![]),
        502 => (R::ServerError, C::UpstreamFailure, Medium, vec![]),
        503 => (
            R::StatusOnly,
            C::UpstreamFailure,
            Medium,
            vec![C::UpstreamFailure, C::ModelNotAvailable, C::RateLimit],
        ),
        504 => (
            R::GatewayTimeout,
            C::Timeout,
            if html || empty { High } else { Medium },
            vec![],
        ),
        524 => (R::ProxyTimeout, C::Timeout, High, vec![]),
        529 => (R::Overloaded, C::UpstreamFailure, High, vec![]),
        520..=523 | 525..=527 | 530 => (R::ServerError, C::UpstreamFailure, Medium, vec![]),
        s if (500..600).contains(&s) => (R::StatusOnly, C::UpstreamFailure, Low, vec![]),
        _ => (R::Unrecognised, C::Unknown, Low, vec![]),
    };
    let origin = origin_of(env);
    let mut v = Verdict::in_category(
        reason,
        category,
        confidence,
        side_for(reason, category, origin, is_direct_vendor(&facts.url)),
    );
    v.evidence.push(ev(
        "signature",
        if reason == R::Unrecognised {
            "nothing matched"
        } else {
            "status only"
        },
    ));
    v.details.foreign = env.shape.is_foreign();
    v.candidates = candidates;
    v
}
