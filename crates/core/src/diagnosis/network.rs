//! Outcomes without a response: fetch() rejected, our own timeout fired, or Cancel.
//!
//! A rejected fetch never says why (browsers word it "Failed to fetch", "NetworkError
//! when attempting to fetch resource.", "Load failed"), so the cause is read from what
//! is known around it: the page and URL schemes, any hint in the message, how long it
//! took and how big the body was.

use super::reason::Reason;
use super::verdict::{ev, Verdict};
use super::{Action, AuthStyle, Category, Confidence, CutCause, RequestFacts, Side};
use crate::answer::response::human_size;

/// Message hints some browsers and runtimes do give, most specific first.
const HINTS: &[(&[&str], Reason)] = &[
    (&["mixed content"], Reason::MixedContent),
    (
        &["cors", "access-control", "cross-origin", "preflight"],
        Reason::CorsRefused,
    ),
    (
        &[
            "err_name_not_resolved",
            "name not resolved",
            "getaddrinfo",
            "enotfound",
            "dns",
        ],
        Reason::Dns,
    ),
    (&["err_cert", "certificate", "ssl", "tls"], Reason::Tls),
    (&["refused", "econnrefused"], Reason::ConnectionRefused),
    (
        &[
            "internet_disconnected",
            "offline",
            "network changed",
            "err_network_changed",
        ],
        Reason::Offline,
    ),
];

/// Hosts a browser treats as potentially trustworthy even over http.
fn is_local_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = if host.starts_with('[') {
        host.split(']').next().map_or(host, |h| h.trim_start_matches('['))
    } else {
        host.split(':').next().unwrap_or(host)
    };
    name == "localhost" || name.ends_with(".localhost") || name.starts_with("127.") || name == "::1"
}

/// fetch() rejected with no status.
pub(crate) fn network_error(facts: &RequestFacts, message: &str, elapsed_ms: u64) -> Verdict {
    let lower = message.to_ascii_lowercase();
    let mixed = facts.page_is_https
        && facts.url.trim().to_ascii_lowercase().starts_with("http:")
        && !is_local_host(facts.url.trim());
    let hinted = HINTS
        .iter()
        .find(|(words, _)| words.iter().any(|w| lower.contains(w)))
        .map(|(_, reason)| *reason);
    let (reason, confidence) = match (mixed, hinted) {
        (true, _) => (Reason::MixedContent, Confidence::High),
        (false, Some(reason)) => (reason, Confidence::High),
        (false, None) => (Reason::GenericNetwork, Confidence::Medium),
    };
    let mut v = Verdict::new(reason, confidence, Side::Network);
    v.evidence
        .push(ev("transport", format!("fetch rejected: {}", message.trim())));
    v.evidence.push(ev("elapsed", format!("{elapsed_ms} ms")));
    if mixed {
        v.evidence.push(ev("scheme", "https page → http: URL"));
    }
    v.details.after_ms = Some(elapsed_ms);
    v.details.body_bytes = facts.body_bytes;
    v.details.bearer_preflight = facts.auth_style == Some(AuthStyle::Bearer)
        && facts.protocol.has_alternative_auth()
        && matches!(reason, Reason::GenericNetwork | Reason::CorsRefused);
    if reason == Reason::GenericNetwork {
        v.candidates.push(Category::NetworkOrCors);
        // A proxy's timeout or size page has no CORS headers, so it surfaces here.
        if elapsed_ms >= 25_000 {
            v.candidates.push(Category::Timeout);
        }
        if facts.body_bytes > 1_000_000 {
            v.candidates.push(Category::RequestTooLarge);
        }
        if v.candidates.len() == 1 {
            v.candidates.clear();
        }
    }
    if reason == Reason::MixedContent || reason == Reason::Dns {
        v.actions.push(Action::OpenClientHelper);
    }
    if !matches!(reason, Reason::MixedContent | Reason::Offline) {
        v.actions.push(Action::ProbeCors);
    }
    if v.details.bearer_preflight {
        v.actions.push(Action::SwitchAuthStyle);
    }
    v.actions.push(Action::Retry);
    v
}

/// Our own timeout fired.
pub(crate) fn timed_out(facts: &RequestFacts, after_ms: u64) -> Verdict {
    // Nothing came back; a slow generation upstream is by far the usual cause.
    let mut v = Verdict::new(Reason::ClientTimeout, Confidence::High, Side::Upstream);
    v.evidence
        .push(ev("transport", format!("timed out after {after_ms} ms")));
    v.details.after_ms = Some(after_ms);
    if facts.protocol.has_async_alternative() {
        v.actions.push(Action::UseAsyncTask);
    }
    v.actions.push(Action::Retry);
    v
}

/// What a cut answer's evidence says about the cut.
pub(crate) fn cut_evidence(cause: &CutCause, received: usize, elapsed_ms: u64) -> super::Evidence {
    let size = human_size(received);
    ev(
        "transport",
        match cause {
            CutCause::Timeout => format!("timed out after {elapsed_ms} ms with the answer arriving: {size} received"),
            CutCause::Cancelled => format!("cancelled after {elapsed_ms} ms with the answer arriving: {size} received"),
            CutCause::Network(message) => {
                format!(
                    "connection lost after {elapsed_ms} ms, {size} received: {}",
                    message.trim()
                )
            }
            CutCause::Cap { cap_bytes } => format!("reading stopped at the {} cap", human_size(*cap_bytes)),
        },
    )
}

/// The answer had begun (a status arrived) when reading stopped. `read` is the verdict on
/// the part that arrived: its evidence (status, who answered, request id) is kept.
pub(crate) fn cut(
    facts: &RequestFacts,
    cause: &CutCause,
    status: u16,
    received: usize,
    elapsed_ms: u64,
    streamed: bool,
    read: Verdict,
) -> Verdict {
    let (reason, confidence, side) = match cause {
        // The answer was still coming: the fix is a longer timeout (or streaming), on the
        // person's side, and that is a fact, not a reading.
        CutCause::Timeout => (Reason::TimeoutMidAnswer, Confidence::High, Side::Client),
        CutCause::Cancelled => (Reason::UserCancelled, Confidence::High, Side::Client),
        // A connection dropped mid-body: a proxy's read timeout, the network or the provider
        // can all do this, and the browser does not say which.
        CutCause::Network(_) => (Reason::ConnectionLost, Confidence::Low, Side::Unknown),
        CutCause::Cap { .. } => (Reason::BodyCapped, Confidence::High, Side::Unknown),
    };
    let mut v = Verdict::new(reason, confidence, side);
    v.evidence.push(cut_evidence(cause, received, elapsed_ms));
    // From the reading of the part that arrived, keep what it tells about the answer (status,
    // content type, who answered, how far a stream got); a 2xx body is no error message, so
    // its text, its envelope shape and "no request id in an error" would only mislead.
    let not_an_error = status < 300;
    v.evidence.extend(read.evidence.into_iter().filter(|e| {
        e.label != "transport"
            && !(not_an_error && matches!(e.label, "message" | "envelope" | "words"))
            && !(not_an_error && e.label == "request-id" && e.value.starts_with("none"))
    }));
    v.details = read.details;
    v.details.status = Some(status);
    v.details.after_ms = Some(elapsed_ms);
    v.details.received_bytes = Some(received);
    match cause {
        CutCause::Timeout => {
            if facts.protocol.has_async_alternative() {
                v.actions.push(Action::UseAsyncTask);
            }
            v.actions.push(Action::Retry);
        }
        CutCause::Network(_) => {
            v.candidates = vec![Category::NetworkOrCors, Category::UpstreamFailure, Category::Timeout];
            if streamed {
                v.candidates.swap(0, 1);
            }
            v.actions.push(Action::Retry);
        }
        CutCause::Cancelled | CutCause::Cap { .. } => {}
    }
    v
}

/// The user pressed Cancel.
pub(crate) fn cancelled(after_ms: u64) -> Verdict {
    let mut v = Verdict::new(Reason::UserCancelled, Confidence::High, Side::Client);
    v.evidence
        .push(ev("transport", format!("cancelled after {after_ms} ms")));
    v.details.after_ms = Some(after_ms);
    v
}
