//! The gateway's request id and the headers worth quoting (`retry-after`, rate limits).
//!
//! The gateway appends `(request id: …)` to its own messages and sets
//! `X-Oneapi-Request-Id`; the console's usage log and `/api/token/self/log?request_id=`
//! search by it. Without `Access-Control-Expose-Headers` JavaScript cannot read the
//! header, so the message is the usual source; relayed upstream errors carry none.

use super::extract::{parse_duration_secs, retry_seconds_in_text};
use super::matching::scanned;
use crate::answer::envelope::Envelope;

/// Header names that carry a request id, most specific first.
const REQUEST_ID_HEADERS: [&str; 23] = [
    "x-oneapi-request-id",
    "x-new-api-request-id",
    "x-litellm-call-id",
    "x-kong-request-id",
    // Portkey's trace id and Cloudflare AI Gateway's log id: what their logs search by.
    "x-portkey-trace-id",
    "cf-aig-log-id",
    "x-generation-id",
    "x-request-id",
    "request-id",
    "apim-request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    // AWS API Gateway's HTTP APIs, and Railway's edge.
    "apigw-requestid",
    "x-railway-request-id",
    "x-amz-cf-id",
    "x-vercel-id",
    "x-nf-request-id",
    "x-azure-ref",
    "cf-ray",
    // Akamai's edge: the reference its "Access Denied" page quotes.
    "x-reference-error",
    // Alibaba Cloud's CDN and Function Compute.
    "eagleid",
    "x-fc-request-id",
    "x-cloud-trace-context",
];

/// Where a request id was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundId {
    pub(crate) id: String,
    /// "message", "body" or the header's name.
    pub(crate) source: &'static str,
}

/// A header's value by lower-case name.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The request id from the body (message first, then nested), else a readable header.
pub(crate) fn find_request_id(envelope: &Envelope, headers: &[(String, String)]) -> Option<FoundId> {
    // On a Cloudflare page the header carries the full Ray ID (with its data centre).
    if envelope.shape == crate::answer::envelope::EnvelopeShape::Html {
        if let Some(ray) = header(headers, "cf-ray") {
            return Some(FoundId {
                id: ray.to_string(),
                source: "cf-ray",
            });
        }
    }
    let mut current = Some(envelope);
    while let Some(env) = current {
        if let Some(id) = &env.request_id {
            return Some(FoundId {
                id: id.clone(),
                source: "body",
            });
        }
        current = env.nested.as_deref();
    }
    REQUEST_ID_HEADERS.iter().find_map(|name| {
        header(headers, name).map(|v| FoundId {
            id: v.to_string(),
            source: name,
        })
    })
}

/// What is known about when to retry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RetryHint {
    /// Seconds to wait, when they could be read.
    pub(crate) seconds: Option<u32>,
    /// The raw value shown as evidence (`30`, an HTTP date, Google's `17s`).
    pub(crate) shown: Option<String>,
}

/// `retry-after` (seconds or an HTTP date), Google's `retryDelay`, or a wait the message asks for.
pub(crate) fn retry_hint(headers: &[(String, String)], envelope: &Envelope) -> RetryHint {
    if let Some(value) = header(headers, "retry-after") {
        let seconds = value.parse::<u32>().ok();
        return RetryHint {
            seconds,
            shown: Some(value.to_string()),
        };
    }
    if let Some(ms) = header(headers, "retry-after-ms").and_then(|v| v.parse::<u64>().ok()) {
        let seconds = u32::try_from(ms.div_ceil(1000)).ok();
        return RetryHint {
            seconds,
            shown: Some(format!("{ms} ms")),
        };
    }
    let inner = envelope.innermost();
    for env in [envelope, inner] {
        if let Some(delay) = &env.retry_delay {
            return RetryHint {
                seconds: parse_duration_secs(delay),
                shown: Some(delay.clone()),
            };
        }
    }
    for env in [envelope, inner] {
        if let Some(secs) = env.message.as_deref().map(scanned).and_then(retry_seconds_in_text) {
            return RetryHint {
                seconds: Some(secs),
                shown: Some(format!("{secs} s")),
            };
        }
    }
    RetryHint::default()
}

/// Readable rate-limit headers (`x-ratelimit-*`, `anthropic-ratelimit-*`), at most six.
pub(crate) fn rate_limit_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(n, _)| {
            let n = n.to_ascii_lowercase();
            n.starts_with("x-ratelimit") || n.starts_with("anthropic-ratelimit") || n == "ratelimit"
        })
        .take(6)
        .cloned()
        .collect()
}
