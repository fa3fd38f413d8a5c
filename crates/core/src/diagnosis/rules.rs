//! Evaluating signatures against one error body: who answered (origin), which rule
//! matched first, how sure that makes us given the status, whose side it is, and the
//! status-only fallback when nothing matched.

use super::context::{bare_provider_refusal, caller_wrote_it, callers_own_timeout, gateway_made_it, reason_in_context};
use super::family::{Family, NEW_API_CODES};
use super::matching::{normalise, Hay};
use super::reason::Reason;
use super::signatures::{Tier, RULES};
use super::verdict::{ev, Verdict};
use super::{Category, Confidence, Protocol, Side};
use crate::answer::envelope::{Envelope, EnvelopeShape};

/// Whose words the error body carries, as far as the evidence tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The answering gateway's own refusal (its type, codes, shapes or request-id suffix).
    Gateway,
    /// Some other `*_api_error`: probably a rebranded gateway of the new-api family.
    Rebrand,
    /// A provider's error relayed by a gateway (a nested vendor body, a relay marker).
    Upstream,
    /// The vendor's own API, called directly: its errors are about the caller.
    Vendor,
    /// A proxy's page in front of the service (nginx, Cloudflare, a load balancer).
    Proxy,
    /// Nothing tells whose words these are.
    Unknown,
}

/// What new-api's Midjourney and Suno relays say of their own checks (before any upstream
/// is called), though they type them `upstream_error`.
const NEW_API_TASK_OWN: [&str; 5] = [
    "quota_not_enough",
    "task_no_found",
    "task_not_found",
    "get_channel_info_failed",
    // Its video content proxy, typed `server_error`: the key it should have kept with the task.
    "API key not stored for task",
];

/// Whether a message names a gateway's own usage cap (OpenRouter's `free-models-per-day`
/// and `free-models-per-min`), which no provider behind it sets.
pub(crate) fn names_own_cap(message: &str) -> bool {
    message.contains("free-models-per")
}

/// Error types gateways give their own errors: new-api, one-api, its forks one-hub and
/// done-hub, and labring's aiproxy.
const GATEWAY_OWN_TYPES: &[&str] = &[
    "new_api_error",
    "one_api_error",
    "one_hub_error",
    "aiproxy_error",
    "veloera_error",
    "model_officially_unsupported",
];

/// Reads whose words the body carries from the family and the envelope.
pub(crate) fn origin_of(env: &Envelope, family: Family, protocol: Protocol) -> Origin {
    if family.is_vendor() {
        return Origin::Vendor;
    }
    if family.is_proxy() {
        return Origin::Proxy;
    }
    let ty = env.error_type.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let message = env.message.as_deref().unwrap_or("");
    // A gateway's own cap named in its words, even beside the provider it picked; and
    // new-api's task relays, which type their own checks `upstream_error`.
    if names_own_cap(message) || NEW_API_TASK_OWN.contains(&message.trim()) {
        return Origin::Gateway;
    }
    // one-hub's Gemini route puts its own type where Google puts the status.
    let google_status = env.google_status.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    if GATEWAY_OWN_TYPES.contains(&ty.as_str())
        || GATEWAY_OWN_TYPES.contains(&google_status.as_str())
        || NEW_API_CODES.contains(&ty.as_str())
    {
        return Origin::Gateway;
    }
    // The new-api router answers unknown routes with `Invalid URL (METHOD PATH)` in the
    // OpenAI shape: that is the gateway, not a provider.
    if message.trim_start().starts_with("Invalid URL (") {
        return Origin::Gateway;
    }
    // "hailuo api error: insufficient balance": new-api's video relays prefix the provider's
    // words with its name.
    let lower = message.to_ascii_lowercase();
    let named_provider = lower
        .split_once(" api error: ")
        .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()));
    let relayed = env.nested.is_some()
        || env.relayed_from.is_some()
        || named_provider
        || ty == "upstream_error"
        || message.contains("Provider returned error")
        || is_litellm_provider_exception(message);
    // `xyz_api_error`: a rebranded gateway of the new-api family speaking for itself.
    if ty.len() > "_api_error".len() && ty.ends_with("_api_error") {
        return Origin::Rebrand;
    }
    // A gateway-only code under another type: one-hub rewrites its own errors' type to
    // `system_error` but keeps the code (`insufficient_user_quota`).
    let code = env.code.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    if !relayed && matches!(family, Family::NewApi | Family::OneApi) && NEW_API_CODES.contains(&code.as_str()) {
        return Origin::Gateway;
    }
    // Model lists and the account API are answered by the gateway itself, never relayed.
    let relay_route = !matches!(
        protocol,
        Protocol::OpenAiModels | Protocol::GeminiModels | Protocol::SelfService
    );
    match family {
        Family::LiteLlm | Family::OpenRouter => return if relayed { Origin::Upstream } else { Origin::Gateway },
        Family::NewApi | Family::OneApi if !relay_route => return Origin::Gateway,
        Family::NewApi | Family::OneApi if !ty.is_empty() || relayed => return Origin::Upstream,
        _ => {}
    }
    if relayed {
        return Origin::Upstream;
    }
    match env.shape {
        // Google's own shape behind a gateway is the provider's, relayed.
        EnvelopeShape::Google => Origin::Upstream,
        // Older gateways sent their own errors without a type but with a request id.
        EnvelopeShape::GatewayOrOpenAi | EnvelopeShape::Claude if env.request_id.is_some() => Origin::Gateway,
        EnvelopeShape::Task | EnvelopeShape::Dashboard if matches!(family, Family::NewApi | Family::OneApi) => {
            Origin::Gateway
        }
        _ => Origin::Unknown,
    }
}

/// LiteLLM names the provider's exception when it relays one (`litellm.BadRequestError:
/// OpenAIException - …`): the words after it are the provider's.
fn is_litellm_provider_exception(message: &str) -> bool {
    message.contains("litellm.") && message.contains("Exception")
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

/// Whose side a cause is on: where the fix is. Your key, account, request or settings are
/// the client's side; a gateway's configuration (no channel, no price, its own failure)
/// is the gateway's; a provider's failure, or its refusal of the key a gateway uses for
/// it, is upstream; the path between is the network's. When nothing tells whose words an
/// account error is in, the side stays unknown.
pub(crate) fn side_for(reason: Reason, category: Category, origin: Origin) -> Side {
    use Reason::*;
    // A company's forward proxy stopped the call on the caller's own network.
    if reason == ForwardProxy {
        return Side::Network;
    }
    match category {
        Category::IncorrectEndpoint if reason == NotImplemented => Side::Gateway,
        Category::ParameterError
        | Category::ClaudeCodeBetas
        | Category::IncorrectEndpoint
        | Category::RequestTooLarge
        | Category::Cancelled => Side::Client,
        // A vendor called straight from the browser that wants an opt-in header: yours to set.
        Category::NetworkOrCors if origin == Origin::Vendor => Side::Client,
        // A proxy or firewall in front answered: whoever runs the gateway runs it.
        Category::NetworkOrCors if reason == ProxyBlocked => Side::Gateway,
        Category::NetworkOrCors => Side::Network,
        Category::Timeout if reason == RequestTimeout => Side::Network,
        // One text for several failures: whose they are is not in the answer.
        Category::UpstreamFailure if reason == SaturatedMasked => Side::Unknown,
        // A proxy's page says the service behind it (the gateway) did not answer in time or
        // at all: that is the gateway's side, whoever the gateway relays to.
        Category::Timeout | Category::UpstreamFailure if origin == Origin::Proxy => Side::Gateway,
        Category::Timeout => Side::Upstream,
        Category::UpstreamFailure if matches!(reason, GatewayOverloaded | KeyPoolEmpty | ModelLoad) => Side::Gateway,
        Category::UpstreamFailure => Side::Upstream,
        Category::Unknown if reason == GatewayInternal => Side::Gateway,
        Category::Success | Category::SuccessWithErrorBody | Category::Unknown => match origin {
            Origin::Gateway | Origin::Rebrand => Side::Gateway,
            Origin::Upstream => Side::Upstream,
            Origin::Vendor | Origin::Proxy | Origin::Unknown => Side::Unknown,
        },
        Category::AuthenticationFailure
        | Category::TokenUnavailable
        | Category::InsufficientBalance
        | Category::ModelNotAvailable
        | Category::RateLimit => {
            let upstream_cause = matches!(reason, UpstreamKey | UpstreamQuota | UpstreamLimit | Saturated);
            let gateway_config = matches!(reason, NoChannel | ModelNotPriced | HostAuth);
            match origin {
                Origin::Vendor => Side::Client,
                // No channel or price for a model is the gateway's set-up even when its
                // words come wrapped like a provider's (LiteLLM's "Unknown provider=").
                _ if gateway_config => Side::Gateway,
                // Which client makes the call is the caller's choice, whoever checks it.
                _ if reason == ClientOnly => Side::Client,
                Origin::Upstream => Side::Upstream,
                // "You exceeded your current quota" from a host nothing identifies: a gateway
                // relaying its channel's provider, or a provider called directly. Not sure.
                Origin::Unknown if reason == UpstreamQuota => Side::Unknown,
                _ if upstream_cause => Side::Upstream,
                _ if gateway_config => Side::Gateway,
                Origin::Gateway | Origin::Rebrand => Side::Client,
                Origin::Proxy | Origin::Unknown => Side::Unknown,
            }
        }
    }
}

/// The same complaint means the user's account when the gateway (or the vendor called
/// directly) says it, and the channel's when a gateway relays a provider saying it.
fn adjust_for_origin(reason: Reason, origin: Origin) -> Reason {
    use Reason::*;
    match (reason, origin) {
        (UpstreamKey, Origin::Vendor) => KeyInvalid,
        (UpstreamLimit, Origin::Vendor) => GatewayLimit,
        (UpstreamQuota, Origin::Gateway) => UserQuota,
        (
            KeyMissing | KeyInvalid | KeyInvalidAmbiguous | PermissionDenied | TokenDisabled | TokenExpired
            | TokenExhausted,
            Origin::Upstream,
        ) => UpstreamKey,
        (UserQuota, Origin::Upstream) => UpstreamQuota,
        (GatewayLimit, Origin::Upstream) => UpstreamLimit,
        // A sensitive-word filter behind the gateway (midjourney-proxy's banned prompt) is
        // the provider's content decision, not the gateway's filter.
        (SensitiveWords, Origin::Upstream) => ContentPolicy,
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
    let mut texts: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    let mut current = Some(env);
    while let Some(e) = current {
        if let Some(message) = &e.message {
            // The nested JSON is matched as its own envelope; its raw text would only
            // let its keys ("server_error") pass for words.
            let message = if e.nested.is_some() {
                outside_json(message)
            } else {
                message
            };
            texts.push(without_router_notes(message));
        }
        texts.extend(
            [&e.param, &e.html_title]
                .into_iter()
                .flatten()
                .map(|s| s.as_str().into()),
        );
        current = e.nested.as_deref();
    }
    Hay::new(texts.iter().map(|t| t.as_ref()))
}

/// A message without LiteLLM's router bookkeeping ("Received Model Group=…", "Available
/// Model Group Fallbacks=…", "LiteLLM Retried: 1 times…"): words about models and groups
/// that are not the error's. The errors of the fallbacks it tried stay.
fn without_router_notes(message: &str) -> std::borrow::Cow<'_, str> {
    const NOTES: [&str; 3] = [
        "Received Model Group=",
        "Available Model Group Fallbacks=",
        "LiteLLM Retried:",
    ];
    if !NOTES.iter().any(|n| message.contains(n)) {
        return message.into();
    }
    message
        .lines()
        .filter(|line| !NOTES.iter().any(|n| line.trim_start().starts_with(n)))
        .map(|line| {
            NOTES
                .iter()
                .filter_map(|n| line.find(n))
                .min()
                .map_or(line, |at| &line[..at])
        })
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

/// The text before an embedded JSON object (`openai_error: {…}` → `openai_error: `).
fn outside_json(message: &str) -> &str {
    message.find('{').and_then(|i| message.get(..i)).unwrap_or(message)
}

/// A generic code's cause made specific by a phrase of the same category.
fn refine(reason: Reason, codes: &[String], hay: &Hay) -> Reason {
    // Kin: a generic "invalid request" code whose words say "too large" is a too-large
    // request; a generic authentication code whose words say the token expired or the
    // account is off is that state of the key.
    let family = |r: Reason| match r.category() {
        Category::ClaudeCodeBetas | Category::RequestTooLarge => Category::ParameterError,
        Category::TokenUnavailable => Category::AuthenticationFailure,
        c => c,
    };
    // The code's own phrase agrees: nothing to refine.
    if RULES
        .iter()
        .any(|r| r.tier == Tier::Phrase && r.reason == reason && r.matches(codes, hay).is_some())
    {
        return reason;
    }
    RULES
        .iter()
        .filter(|r| r.tier == Tier::Phrase && r.reason != reason && family(r.reason) == family(reason))
        .find(|r| r.matches(codes, hay).is_some())
        .map_or(reason, |r| r.reason)
}

/// Fields and words only Claude Code's betas add to a Messages call (as the matcher folds
/// them: `context_management` is "context management").
const BETA_FIELDS: &[&str] = &[
    "context management",
    "defer loading",
    "output config",
    "ttl",
    "mcp servers",
    "container",
    "beta",
    "effort",
];

/// Statuses whose status-only reading beats a keyword that contradicts them.
const TELLING_STATUSES: &[u16] = &[400, 401, 402, 404, 405, 408, 413, 415, 422, 429, 501, 504, 524, 529];

/// The verdict from signatures, or `None` when nothing matched (or only a keyword that
/// the status contradicts). `status` is `None` for errors inside a 2xx.
pub(crate) fn error_verdict(
    status: Option<u16>,
    env: &Envelope,
    family: Family,
    protocol: Protocol,
) -> Option<Verdict> {
    // A page from an unnamed server titled only with its status ("405 Method Not Allowed",
    // HAProxy's) says nothing the status does not: it is left to the status. A named
    // proxy's page (nginx's 429) is that proxy's own finding, read below.
    if env.shape == EnvelopeShape::Html
        && !family.is_named_proxy()
        && env.html_title.as_deref().is_some_and(|t| !says_more_than_a_status(t))
    {
        return None;
    }
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
        // A generic code only says which side answered: alone it is worth a keyword.
        Tier::Keyword | Tier::WeakCode => Strength::Keyword,
        Tier::Code => Strength::Code,
    };
    // A keyword that a generic code agrees with is as good as the code.
    let code_agrees = RULES
        .iter()
        .filter(|r| r.tier == Tier::WeakCode && r.reason.category() == rule.reason.category())
        .any(|r| r.matches(&codes, &hay).is_some());
    if strength == Strength::Keyword && code_agrees {
        strength = Strength::Code;
    }
    let origin = origin_of(env, family, protocol);
    let mut reason = rule.reason;
    if rule.tier == Tier::Code {
        reason = refine(reason, &codes, &hay);
    }
    reason = adjust_for_origin(reason, origin);
    reason = reason_in_context(reason, protocol, origin, &hay);
    // Google words its per-minute and per-day quotas as OpenAI words billing ("You exceeded
    // your current quota"); relayed on a Gemini route without Google's RESOURCE_EXHAUSTED,
    // the route is what tells: it is a rate limit there, not an empty account.
    // (A free-tier quota of 0 for the model is another matter: waiting will not help, only
    // billing will, so it stays the account's money.)
    let google_words = matches!(protocol, Protocol::GeminiNative | Protocol::Imagen)
        && hay.first_of(&["exceeded your current quota"]).is_some()
        && hay.first_of(&["limit: 0,", "limit: 0 "]).is_none();
    if google_words && matches!(reason, Reason::UpstreamQuota | Reason::UserQuota) {
        reason = match origin {
            Origin::Upstream => Reason::UpstreamLimit,
            _ => Reason::GatewayLimit,
        };
        if strength == Strength::Code {
            strength = Strength::Phrase;
        }
    }
    // Gateways give one "upstream saturated" text for several failures; with a 5xx (not the
    // 429 of a real limit) it is that blanket answer and names no cause.
    if reason == Reason::Saturated && status.is_some_and(|s| s >= 500) {
        reason = Reason::SaturatedMasked;
    }
    // 408 is the server giving up on the request itself, whatever words come with it.
    // (A provider's own 408 with its words, Azure's "The operation was timeout.", is its
    // operation running out of time, not the request arriving too slowly; so is a gateway's
    // 408 that says the timeout the caller sent ran out, Portkey's, while it waited on the
    // provider.)
    if status == Some(408)
        && reason.category() == Category::Timeout
        && !callers_own_timeout(&hay)
        && !matches!(origin, Origin::Upstream | Origin::Gateway | Origin::Vendor)
    {
        reason = Reason::RequestTimeout;
    }
    let category = reason.category();
    let fits = status.map(|s| status_fits(category, s));
    if strength == Strength::Keyword && fits == Some(false) && status.is_some_and(|s| TELLING_STATUSES.contains(&s)) {
        return None;
    }
    let mut confidence = confidence(strength, fits);
    // Words that say nothing beyond the status ("Error", "Bad Request") under a generic
    // code are a guess.
    if matches!(rule.tier, Tier::WeakCode | Tier::Keyword) && !explicit_message(env) {
        confidence = Confidence::Low;
    }
    // High only when the family is known too: the same words from a system nobody can
    // name may mean something else there.
    let foreign = env.shape.is_foreign() || origin == Origin::Rebrand || family == Family::Unknown;
    if foreign {
        confidence = confidence.min(Confidence::Medium);
    }
    // A proxy's terse words in front of the service are a hint, never a finding; except a
    // named proxy's (nginx, Cloudflare) own page for what only it does (its body limit, its
    // timeout, its rate limit), where the words are that proxy's finding.
    if origin == Origin::Proxy && !(family.is_named_proxy() && confidence == Confidence::High) {
        confidence = Confidence::Low;
    }
    // A generic server error in the gateway's own words is the gateway failing, not a
    // provider behind it.
    if reason == Reason::ServerError
        && origin == Origin::Gateway
        && matches!(family, Family::NewApi | Family::OneApi | Family::LiteLlm)
    {
        reason = Reason::GatewayInternal;
        confidence = confidence.min(Confidence::Medium);
    }
    // new-api maps a channel's statuses (a 404 made a 429) and then words every 429 as
    // saturation; `param` keeps the status the provider really sent, and that is not a limit.
    let rewritten_status = env
        .param
        .as_deref()
        .and_then(|p| p.trim().parse::<u16>().ok())
        .filter(|sent| reason == Reason::Saturated && (100..600).contains(sent) && *sent != 429);
    if rewritten_status.is_some() {
        confidence = Confidence::Low;
    }
    if bare_provider_refusal(reason, &hay) {
        confidence = Confidence::Low;
    }
    // "Extra inputs are not permitted" names a field: Claude Code's betas only when it is one
    // a beta adds; any other field (a typo, a field of another API) may be the request's own.
    let beta_field_unnamed = reason == Reason::ExtraInputs
        && hay.first_of(&["extra inputs", "extra input"]).is_some()
        && hay.first_of(BETA_FIELDS).is_none();
    if beta_field_unnamed {
        confidence = confidence.min(Confidence::Medium);
    }
    // A rule that knows its words name no cause (Google's CANCELLED) is a quote, not a finding.
    if reason == Reason::Unrecognised {
        confidence = Confidence::Low;
    }
    let category = reason.category();
    let side = if gateway_made_it(reason, protocol, origin, &hay) {
        Side::Gateway
    } else if caller_wrote_it(&hay) {
        Side::Client
    } else {
        side_for(reason, category, origin)
    };
    let mut v = Verdict::new(reason, confidence, side);
    v.evidence.push(ev("signature", signature));
    if let Some(sent) = rewritten_status {
        v.evidence.push(ev(
            "upstream status",
            format!("param = {sent}: the provider answered {sent}, which the gateway reworded as saturation"),
        ));
    }
    v.evidence.push(ev("origin", origin_label(origin, env)));
    v.details.foreign = env.shape.is_foreign();
    v.details.rebrand = origin == Origin::Rebrand;
    v.candidates = match reason {
        Reason::KeyInvalidAmbiguous => {
            vec![Category::AuthenticationFailure, Category::TokenUnavailable]
        }
        Reason::UpstreamTimeout => vec![Category::Timeout, Category::UpstreamFailure],
        Reason::ExtraInputs if beta_field_unnamed => vec![Category::ClaudeCodeBetas, Category::ParameterError],
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
        Origin::Vendor => "the vendor, called directly".to_string(),
        Origin::Proxy => "a proxy in front".to_string(),
        Origin::Unknown => "unknown".to_string(),
    }
}

/// Whether the body says something in words (a message, a detail, plain text) beyond the
/// status's own reason phrase ("Not Found", "Bad Gateway"), which adds nothing to it.
pub(crate) fn explicit_message(env: &Envelope) -> bool {
    let Some(message) = env.innermost().message.as_deref().or(env.message.as_deref()) else {
        return false;
    };
    // A message that only spells out its own type ("Invalid request Error" typed
    // `invalid_request_error`) says nothing more than the type.
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let ty = env
        .innermost()
        .error_type
        .as_deref()
        .or(env.error_type.as_deref())
        .unwrap_or("");
    if !ty.is_empty() && letters(message) == letters(ty) {
        return false;
    }
    says_more_than_a_status(message)
}

/// Whether `text` has words beyond a status's reason phrase or a stock sentence that only
/// restates it ("502 Bad Gateway", "Internal error").
fn says_more_than_a_status(text: &str) -> bool {
    let words: String = text
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        // The reason phrases are ASCII; other scripts pass through unchanged.
        .to_ascii_lowercase();
    let words = words
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ");
    const REASON_PHRASES: &[&str] = &[
        "bad request",
        "unauthorized",
        "payment required",
        "forbidden",
        "not found",
        "method not allowed",
        "request timeout",
        "conflict",
        "payload too large",
        "request entity too large",
        "unprocessable entity",
        "too many requests",
        "internal server error",
        "not implemented",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
        "gateway time out",
        "error",
        "page not found",
        "service temporarily unavailable",
        "provider returned error",
        "upstream error",
        "unknown error",
        "something went wrong",
        "服务器内部错误",
        "内部错误",
        "网关错误",
        "服务不可用",
        "系统错误",
        "server error",
        // Restatements of a code, with nothing of their own.
        "request contains an invalid argument",
        "request not allowed",
        "invalid request",
        // A 404's words with one more ("Resource not found"): the status, said again.
        "resource not found",
        // Google's stock words for a 500, and the like.
        "internal error encountered",
        "an internal error has occurred",
        "internal error",
        "an error occurred",
        // axios's words for any status (claude-relay-service relays them for a provider's 400).
        "request failed with status code",
        // LiteLLM's one sentence for any 400 it could not map (a content block among them).
        "the request payload is malformed or invalid ensure it matches the expected schema",
    ];
    !words.is_empty() && !REASON_PHRASES.contains(&words.as_str())
}

/// The categories a status alone points at, for "not sure" verdicts.
fn status_guess(status: u16) -> Vec<Category> {
    use Category as C;
    match status {
        400 | 422 => vec![C::ParameterError],
        401 => vec![C::AuthenticationFailure, C::TokenUnavailable],
        402 => vec![C::InsufficientBalance],
        403 => vec![C::TokenUnavailable, C::InsufficientBalance, C::ModelNotAvailable],
        404 => vec![C::IncorrectEndpoint, C::ModelNotAvailable],
        408 | 504 | 524 => vec![C::Timeout],
        413 => vec![C::RequestTooLarge],
        429 => vec![C::RateLimit, C::InsufficientBalance],
        500 => vec![C::UpstreamFailure, C::ParameterError],
        501..=599 => vec![C::UpstreamFailure],
        _ => vec![],
    }
}

/// What the status alone says when no signature matched.
pub(crate) fn status_fallback(
    status: u16,
    env: &Envelope,
    family: Family,
    protocol: Protocol,
    raw_body: &str,
) -> Verdict {
    use Category as C;
    use Confidence::{High, Low, Medium};
    use Reason as R;
    let html = env.shape == EnvelopeShape::Html;
    let empty = env.shape == EnvelopeShape::Empty;
    let head: String = raw_body.chars().take(4000).collect::<String>().to_ascii_lowercase();
    let (reason, category, confidence, candidates): (Reason, Category, Confidence, Vec<Category>) = match status {
        // A tunnel's own page (ngrok's endpoint offline or its agent unable to connect, ngrok
        // 1.x and the tunnels built on it, frp, localtunnel): nothing behind the tunnel.
        _ if raw_body.contains("ERR_NGROK_3200")
            || raw_body.contains("ERR_NGROK_8012")
            || head.contains("faithfully yours, frp")
            || head.contains("tunnel unavailable")
            || ((head.trim_start().starts_with("tunnel ") || head.contains("<h2>tunnel "))
                && (head.contains(" not found") || head.contains(" unavailable"))) =>
        {
            (
                R::TunnelDown,
                C::UpstreamFailure,
                Medium,
                vec![C::UpstreamFailure, C::IncorrectEndpoint],
            )
        }
        // An explicit message that no rule knows is quoted and left "not sure": the status
        // only suggests where to look. (Not Cloudflare's own statuses, its origin unreachable
        // or its tunnel down: they say what happened whatever words its JSON adds.)
        s if explicit_message(env) && !html && !(family == Family::Cloudflare && matches!(s, 520..=527 | 530)) => {
            let guess = status_guess(s);
            (R::Unrecognised, C::Unknown, Low, guess)
        }
        // A Squid page ("Generated … by host (squid/6.10)"), whatever its status: the caller's
        // own network proxy answered, not anything behind the gateway's address.
        // Its error code (in the page's mail link) says what stopped the call there.
        _ if html && head.contains("(squid/") => {
            let category = if raw_body.contains("ERR_READ_TIMEOUT") || raw_body.contains("ERR_LIFETIME_EXP") {
                C::Timeout
            } else if raw_body.contains("ERR_TOO_BIG") {
                C::RequestTooLarge
            } else if raw_body.contains("ERR_CONNECT_FAIL") {
                C::UpstreamFailure
            } else {
                C::NetworkOrCors
            };
            (R::ForwardProxy, category, Medium, vec![category])
        }
        // Alibaba Cloud's WAF block page (its images on errors.aliyun.com, whatever status it
        // sends, 405 among them): a firewall in front refused the call and says no reason.
        _ if html && head.contains("errors.aliyun.com") && head.contains("block_message") => (
            R::ProxyBlocked,
            C::NetworkOrCors,
            Low,
            vec![C::NetworkOrCors, C::ParameterError],
        ),
        400 => (R::StatusOnly, C::ParameterError, Low, vec![]),
        // Google's front end of a Cloud Run service that admits only calls signed with Google
        // credentials: an API key is not one, and the gateway never saw the call.
        401 | 403 if html && head.contains("your client does not have permission to") => {
            (R::HostAuth, C::AuthenticationFailure, Medium, vec![])
        }
        401 => (
            R::StatusOnly,
            C::AuthenticationFailure,
            Low,
            vec![C::AuthenticationFailure, C::TokenUnavailable],
        ),
        402 => (R::StatusOnly, C::InsufficientBalance, Low, vec![]),
        // CloudFront serving only cachable methods: this address is a website or a
        // distribution that does not pass POST on to an API.
        403 if html && head.contains("not configured to allow the http request method") => (
            R::MethodNotAllowed,
            C::IncorrectEndpoint,
            Medium,
            vec![C::IncorrectEndpoint],
        ),
        403 if html
            && (head.contains("cloudflare") || head.contains("access denied") || head.contains("forbidden")) =>
        {
            (
                R::ProxyBlocked,
                C::NetworkOrCors,
                Low,
                vec![C::NetworkOrCors, C::TokenUnavailable],
            )
        }
        403 => (
            R::StatusOnly,
            C::Unknown,
            Low,
            vec![C::TokenUnavailable, C::InsufficientBalance, C::ModelNotAvailable],
        ),
        404 if html => (R::RouteNotFound, C::IncorrectEndpoint, Medium, vec![]),
        404 => (
            R::RouteNotFound,
            C::IncorrectEndpoint,
            Low,
            vec![C::IncorrectEndpoint, C::ModelNotAvailable],
        ),
        405 => (R::MethodNotAllowed, C::IncorrectEndpoint, Low, vec![]),
        408 => (R::RequestTimeout, C::Timeout, High, vec![]),
        413 | 414 | 431 => (R::BodyTooLarge, C::RequestTooLarge, High, vec![]),
        415 | 422 => (R::GenericParam, C::ParameterError, Medium, vec![]),
        429 if empty => (R::EmptyBody429, C::RateLimit, High, vec![]),
        429 => (
            R::StatusOnly,
            C::RateLimit,
            Medium,
            vec![C::RateLimit, C::InsufficientBalance],
        ),
        // A named proxy's own 500 page (a backend's 500 comes through with the backend's
        // body): the proxy in front of the service failed, and says nothing about why.
        500 if html && matches!(family, Family::Nginx | Family::OtherProxy) => {
            (R::GatewayInternal, C::Unknown, Low, vec![C::UpstreamFailure])
        }
        500 if html => (R::ServerError, C::UpstreamFailure, Low, vec![]),
        500 => (
            R::StatusOnly,
            C::UpstreamFailure,
            Low,
            vec![C::UpstreamFailure, C::ParameterError],
        ),
        // A proxy's own 501 page (HAProxy's for a transfer encoding it does not take) is
        // not a route the API lacks.
        501 if html => (R::NotImplemented, C::IncorrectEndpoint, Low, vec![]),
        501 => (R::NotImplemented, C::IncorrectEndpoint, Medium, vec![]),
        502 => (R::ServerError, C::UpstreamFailure, Low, vec![]),
        503 => (
            R::StatusOnly,
            C::UpstreamFailure,
            Low,
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
    let origin = origin_of(env, family, protocol);
    // A telling status (413, 408, an empty 429, a proxy's timeout page) is a named
    // signature, but only as sure as the family behind it is known; a proxy's page is a hint.
    let confidence = match origin {
        // A status only a proxy's own limits produce (413, 524, an empty 429…) on a page
        // signed by nginx or Cloudflare is that proxy's finding, whatever is behind it.
        Origin::Proxy if confidence == Confidence::High && family.is_named_proxy() => Confidence::High,
        Origin::Proxy => Confidence::Low,
        _ if family == Family::Unknown => confidence.min(Confidence::Medium),
        _ => confidence,
    };
    let mut v = Verdict::in_category(reason, category, confidence, side_for(reason, category, origin));
    let signature = if reason == R::Unrecognised {
        "nothing matched".to_string()
    } else if confidence == Confidence::High {
        format!("a telling status: {status}")
    } else {
        "status only".to_string()
    };
    v.evidence.push(ev("signature", signature));
    v.details.foreign = env.shape.is_foreign();
    v.candidates = candidates;
    v
}
