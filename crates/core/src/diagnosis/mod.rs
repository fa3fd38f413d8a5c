//! The diagnosis: what went wrong with one exchange, said in the product's own words.
//!
//! In scope: reading how an exchange ended (transport outcome, status, the headers
//! JavaScript could read, body, how a stream ended) together with the request's facts,
//! and returning a [`Diagnosis`]: a category, an honest confidence, whose side the cause
//! is on, the evidence it rests on, what to check and which actions to offer.
//! Out of scope: sending anything, rendering, storage.
//!
//! Signatures are read from the most to the least certain (see `docs/gateway-behaviour.md`):
//! transport outcome, status, content type, envelope shape, `type`/`code`, then message
//! patterns in English and Chinese. Several gateway generations and foreign gateways
//! answer in the wild, so messages are matched by tolerant patterns, never one exact
//! string, and what nothing matches becomes [`Category::Unknown`] rather than a guess.
//!
//! Files: `classify` runs the flow; `rules` evaluates the `signatures` table with the
//! `matching` helpers and `extract`s names; `network` reads outcomes without a
//! response; `request_id` reads ids and headers; `reason` names the fine-grained
//! causes; `text`, `explain` and `checks` hold the wording.

mod checks;
mod classify;
mod context;
pub mod cost;
mod explain;
mod extract;
pub mod family;
pub mod followup;
mod matching;
pub use matching::MESSAGE_SCAN_CAP;
mod network;
mod panels;
mod reason;
mod request_id;
mod rules;
mod signatures;
mod text;
mod verdict;

pub use crate::answer::sse::StreamEnd;
pub use crate::request::protocol::{AuthStyle, Protocol};
use crate::text::lang::Lang;
pub use verdict::{Action, Category, Confidence, Diagnosis, Evidence, Side};

/// What the request was, as far as the diagnosis needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    /// The protocol family.
    pub protocol: Protocol,
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The full URL the request went to.
    pub url: String,
    /// The model asked for, when the request named one.
    pub model: Option<String>,
    /// Whether the request asked for a stream.
    pub streamed: bool,
    /// The size of the request body in bytes.
    pub body_bytes: usize,
    /// Whether the playground page itself is served over https (mixed content).
    pub page_is_https: bool,
    /// The `anthropic-beta` header sent, if any (Claude Code's experimental betas).
    pub anthropic_beta: Option<String>,
    /// How the key was sent; `None` when no key was sent at all.
    pub auth_style: Option<AuthStyle>,
}

impl Default for RequestFacts {
    fn default() -> Self {
        RequestFacts {
            protocol: Protocol::default(),
            method: String::new(),
            url: String::new(),
            model: None,
            streamed: false,
            body_bytes: 0,
            page_is_https: false,
            anthropic_beta: None,
            auth_style: Some(AuthStyle::Bearer),
        }
    }
}

impl Transport {
    /// The body that arrived, when a response (whole or cut) arrived.
    pub fn body(&self) -> Option<&str> {
        match self {
            Transport::Response { body, .. } | Transport::Cut { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The same outcome with the body that arrived passed through `change` (a response, whole
    /// or cut, keeps its status, headers and how it ended); other outcomes are cloned as they are.
    pub fn with_body(&self, change: impl FnOnce(&str) -> String) -> Transport {
        let mut copy = match self {
            // The body is replaced below; cloning it first would copy what is about to go.
            Transport::Response {
                status,
                headers,
                headers_hidden_by_cors,
                elapsed_ms,
                stream,
                ..
            } => Transport::Response {
                status: *status,
                headers: headers.clone(),
                headers_hidden_by_cors: *headers_hidden_by_cors,
                body: String::new(),
                elapsed_ms: *elapsed_ms,
                stream: stream.clone(),
            },
            Transport::Cut {
                status,
                headers,
                headers_hidden_by_cors,
                elapsed_ms,
                stream,
                cause,
                ..
            } => Transport::Cut {
                status: *status,
                headers: headers.clone(),
                headers_hidden_by_cors: *headers_hidden_by_cors,
                body: String::new(),
                elapsed_ms: *elapsed_ms,
                stream: stream.clone(),
                cause: cause.clone(),
            },
            other => return other.clone(),
        };
        if let (Transport::Response { body, .. } | Transport::Cut { body, .. }, Some(old)) = (&mut copy, self.body()) {
            *body = change(old);
        }
        copy
    }

    /// The outcome in a word or number, as a status badge shows it: the HTTP status, or
    /// what happened instead.
    pub fn outcome(&self, lang: Lang) -> String {
        match self {
            Transport::Response { status, .. } => status.to_string(),
            Transport::NetworkError { .. } => lang.pick("network", "网络").to_string(),
            Transport::TimedOut { .. } => lang.pick("timeout", "超时").to_string(),
            Transport::Cancelled { .. } => lang.pick("cancelled", "已取消").to_string(),
            Transport::Cut { status, .. } => lang.pick_owned(&format!("{status}, cut"), &format!("{status}，中断")),
        }
    }

    /// Milliseconds from Send to the end, however it ended.
    pub fn elapsed_ms(&self) -> u64 {
        match self {
            Transport::Response { elapsed_ms, .. }
            | Transport::Cut { elapsed_ms, .. }
            | Transport::NetworkError { elapsed_ms, .. } => *elapsed_ms,
            Transport::TimedOut { after_ms } | Transport::Cancelled { after_ms } => *after_ms,
        }
    }
}

/// How the exchange ended at the transport level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A response arrived (possibly streamed).
    Response {
        /// The HTTP status.
        status: u16,
        /// Lower-case names; only those JavaScript could read.
        headers: Vec<(String, String)>,
        /// Whether CORS hid headers (no `Access-Control-Expose-Headers`).
        headers_hidden_by_cors: bool,
        /// The body as text (for a stream: what was received).
        body: String,
        /// Time until the response ended, in milliseconds.
        elapsed_ms: u64,
        /// How a stream ended, when the request streamed.
        stream: Option<StreamEnd>,
    },
    /// fetch() rejected with no status (CORS, DNS, TLS, refused connection, mixed content, proxy page without CORS).
    NetworkError {
        /// The browser's error text, e.g. `Failed to fetch`.
        message: String,
        /// Time until the rejection, in milliseconds.
        elapsed_ms: u64,
    },
    /// Our own timeout fired.
    TimedOut {
        /// The timeout that fired, in milliseconds.
        after_ms: u64,
    },
    /// The user pressed Cancel.
    Cancelled {
        /// When the user cancelled, in milliseconds.
        after_ms: u64,
    },
    /// The answer began (status and headers arrived) but reading its body stopped before
    /// its end: what arrived is kept.
    Cut {
        /// The HTTP status.
        status: u16,
        /// Lower-case names; only those JavaScript could read.
        headers: Vec<(String, String)>,
        /// Whether CORS hid headers.
        headers_hidden_by_cors: bool,
        /// The part of the body that arrived.
        body: String,
        /// Time until reading stopped, in milliseconds.
        elapsed_ms: u64,
        /// How far a stream had got, when the request streamed.
        stream: Option<StreamEnd>,
        /// Why reading stopped.
        cause: CutCause,
    },
}

/// Why reading an answer stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CutCause {
    /// The client timeout fired while the answer was arriving.
    Timeout,
    /// The person pressed Cancel.
    Cancelled,
    /// The connection failed mid-body; the browser's message.
    Network(String),
    /// The answer outgrew the byte cap, so reading stopped there.
    Cap {
        /// The cap, in bytes.
        cap_bytes: usize,
    },
}

/// Diagnoses one exchange. Never panics, whatever the body.
pub fn diagnose(facts: &RequestFacts, transport: &Transport, lang: Lang) -> Diagnosis {
    classify::classify(facts, transport, lang)
}
