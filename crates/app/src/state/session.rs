//! This visit's activity: the exchange on screen, the history, the model ids last listed,
//! a one-time notice and the client helper's state. Kept in memory only, never the key.

use leptos::prelude::*;

use routescope_core::answer::response::Rendered;
use routescope_core::diagnosis::{Diagnosis, RequestFacts, Transport};
use routescope_core::request::catalogue::EndpointId;
use routescope_core::request::form::FormValues;

/// One finished exchange: what was sent, what came back, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// A serial number, so views can tell exchanges apart.
    pub serial: u32,
    /// The endpoint it was sent to.
    pub endpoint: EndpointId,
    /// The method and URL, key redacted.
    pub request_line: String,
    /// The model the request named, for the follow-up checks.
    pub model: Option<String>,
    /// Milliseconds to the response head (time to first byte).
    pub head_ms: Option<u64>,
    /// Milliseconds to the first streamed assistant text.
    pub first_token_ms: Option<u64>,
    /// What was sent, as the diagnosis reads it (never the key: the URL is redacted).
    pub facts: RequestFacts,
    /// The transport outcome.
    pub transport: Transport,
    /// The rendered answer (text, usage, images…).
    pub rendered: Rendered,
    /// The verdict.
    pub diagnosis: Diagnosis,
}

/// One past exchange and the form that made it. Never the key: the form holds none, and
/// the request line is redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// The exchange as it was shown.
    pub exchange: Exchange,
    /// The form values at Send.
    pub values: FormValues,
    /// The raw body at Send, when the body was edited by hand.
    pub raw_body: Option<String>,
}

/// How many past exchanges the history keeps (in memory only).
pub const HISTORY_LIMIT: usize = 30;

/// Where the current request is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Nothing sent yet.
    Idle,
    /// Waiting for the answer; the text received so far.
    InFlight {
        /// Text streamed in so far.
        partial: String,
    },
    /// Done.
    Done(Box<Exchange>),
}

/// The session's signals; provided in context by [`Session::provide`].
#[derive(Clone, Copy)]
pub struct Session {
    /// The current exchange.
    pub phase: RwSignal<Phase>,
    /// Past exchanges, newest first; kept in memory only.
    pub history: RwSignal<Vec<HistoryEntry>>,
    /// Model ids from the last successful model list, for the pickers and the checks.
    pub models: RwSignal<Vec<String>>,
    /// Parts of the last opened link that were ignored (shown once, until dismissed).
    pub ignored_link_parts: RwSignal<Vec<String>>,
    /// A gateway address a link proposed: used only when the person confirms it, since the
    /// key goes wherever the gateway points.
    pub proposed_gateway: RwSignal<Option<String>>,
    /// Whether the client setup helper is open.
    pub client_helper_open: RwSignal<bool>,
}

impl Session {
    /// Creates an empty session and provides it.
    pub fn provide() -> Session {
        let session = Session {
            phase: RwSignal::new(Phase::Idle),
            history: RwSignal::new(Vec::new()),
            models: RwSignal::new(Vec::new()),
            ignored_link_parts: RwSignal::new(Vec::new()),
            proposed_gateway: RwSignal::new(None),
            client_helper_open: RwSignal::new(false),
        };
        provide_context(session);
        session
    }

    /// Records a finished exchange in the history (newest first, capped).
    pub fn remember(&self, entry: HistoryEntry) {
        self.history.update(|h| {
            h.insert(0, entry);
            h.truncate(HISTORY_LIMIT);
        });
    }

    /// Whether a request is in flight (tracked).
    pub fn in_flight(&self) -> bool {
        matches!(self.phase.get(), Phase::InFlight { .. })
    }
}

/// The session provided by [`Session::provide`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
