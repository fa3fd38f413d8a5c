//! Sending: the Send / Cancel bar, the client timeout, and turning what the browser saw
//! into the domain's `Transport` for the diagnosis.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use web_sys::AbortController;

use crate::net;
use crate::state::{use_state, AppState, Exchange, HistoryEntry, Phase};
use routescope_core::answer::response::{render, stream_end};
use routescope_core::diagnosis::{diagnose, RequestFacts, Transport};
use routescope_core::request::build::auth_sent;
use routescope_core::request::catalogue::{endpoint, EndpointId};
use routescope_core::request::http::HttpRequest;
use routescope_core::text::lang::Lang;
use routescope_core::text::redact::redact;

/// Why a request was aborted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AbortReason {
    None,
    Timeout,
    User,
}

/// Holds the in-flight request's abort handle; shared through context.
#[derive(Clone, Copy)]
pub struct Sender {
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    reason: StoredValue<Rc<Cell<AbortReason>>, LocalStorage>,
    serial: StoredValue<u32>,
}

impl Sender {
    /// Creates the sender and provides it.
    pub fn provide() -> Sender {
        let sender = Sender {
            controller: StoredValue::new_local(None),
            reason: StoredValue::new_local(Rc::new(Cell::new(AbortReason::None))),
            serial: StoredValue::new(0),
        };
        provide_context(sender);
        // Leaving the page (or unmounting in tests) aborts whatever is in flight.
        on_cleanup(move || sender.abort(AbortReason::User));
        sender
    }

    fn abort(&self, why: AbortReason) {
        self.reason.with_value(|r| r.set(why));
        self.controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }

    /// Cancels the request in flight.
    pub fn cancel(&self) {
        self.abort(AbortReason::User);
    }

    /// Sends the current request, if it can be sent and nothing is in flight.
    pub fn send(&self, state: AppState) {
        let built = state.built.get_untracked();
        if !built.sendable() || matches!(state.phase.get_untracked(), Phase::InFlight { .. }) {
            return;
        }
        let Some(request) = built.request else { return };
        let endpoint_id = state.endpoint.get_untracked();
        let timeout_secs = match state.timeout_secs.get_untracked() {
            0 => endpoint(endpoint_id).timeout_secs,
            n => n,
        };
        self.dispatch(state, endpoint_id, request, timeout_secs);
    }

    /// Sends any request on behalf of an endpoint (also used by follow-up checks).
    pub fn dispatch(&self, state: AppState, endpoint_id: EndpointId, request: HttpRequest, timeout_secs: u32) {
        let Ok(controller) = AbortController::new() else {
            state.phase.set(Phase::Idle);
            return;
        };
        let signal = controller.signal();
        let reason = Rc::new(Cell::new(AbortReason::None));
        self.reason.set_value(reason.clone());
        self.controller.set_value(Some(controller.clone()));
        let serial = self.serial.get_value() + 1;
        self.serial.set_value(serial);
        let timer_reason = reason.clone();
        let timer_controller = controller.clone();
        let timer = set_timeout_with_handle(
            move || {
                timer_reason.set(AbortReason::Timeout);
                timer_controller.abort();
            },
            Duration::from_secs(u64::from(timeout_secs)),
        )
        .ok();
        state.phase.set(Phase::InFlight { partial: String::new() });
        let lang = state.lang.get_untracked();
        let key = state.conn.with_untracked(|c| c.api_key.clone());
        let page_is_https = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let sender = *self;
        // The form as it was at Send: the person may keep editing while the answer comes.
        let values = state
            .forms
            .with_untracked(|f| f.get(&endpoint_id).cloned())
            .unwrap_or_default();
        let raw_at_send = state.raw_bodies.with_untracked(|r| r.get(&endpoint_id).cloned());
        leptos::task::spawn_local(async move {
            let ep = endpoint(endpoint_id);
            let started = net::now_ms();
            let mut last_paint = 0.0;
            let mut first_token_ms: Option<u64> = None;
            let result = net::send(&request, &signal, |text| {
                let now = net::now_ms();
                // The first chunk that carries assistant text is the time to first token.
                if first_token_ms.is_none() && render(ep.protocol, Some("text/event-stream"), text).text.is_some() {
                    first_token_ms = Some((now - started).max(0.0) as u64);
                }
                // Streamed text is repainted at most every 50 ms.
                if now - last_paint > 50.0 {
                    last_paint = now;
                    state.phase.set(Phase::InFlight {
                        partial: text.to_string(),
                    });
                }
            })
            .await;
            if let Some(t) = timer {
                t.clear();
            }
            let elapsed_ms = (net::now_ms() - started).max(0.0) as u64;
            let mut head_ms = None;
            let transport = match result {
                Ok(received) => {
                    head_ms = Some(received.head_ms.max(0.0) as u64);
                    let content_type = received
                        .headers
                        .iter()
                        .find(|(k, _)| k == "content-type")
                        .map(|(_, v)| v.clone());
                    let stream = stream_end(ep.protocol, content_type.as_deref(), received.status, &received.body);
                    Transport::Response {
                        status: received.status,
                        headers: received.headers,
                        headers_hidden_by_cors: received.cross_origin,
                        body: received.body,
                        elapsed_ms,
                        stream,
                    }
                }
                Err(message) => match reason.get() {
                    AbortReason::Timeout => Transport::TimedOut { after_ms: elapsed_ms },
                    AbortReason::User => Transport::Cancelled { after_ms: elapsed_ms },
                    AbortReason::None => Transport::NetworkError { message, elapsed_ms },
                },
            };
            let facts = RequestFacts {
                protocol: ep.protocol,
                method: request.method.as_str().to_string(),
                url: redact(&request.url, &key),
                model: values.model().map(str::to_string),
                streamed: values.flag("stream"),
                body_bytes: request.body.approx_len(),
                page_is_https,
                anthropic_beta: request.header("anthropic-beta").map(str::to_string),
                auth_style: state.conn.with_untracked(|c| auth_sent(ep, c)),
            };
            let diagnosis = diagnose(&facts, &transport, lang);
            let rendered = match &transport {
                Transport::Response {
                    status, headers, body, ..
                } if *status < 400 => {
                    let ct = headers
                        .iter()
                        .find(|(k, _)| k == "content-type")
                        .map(|(_, v)| v.as_str());
                    render(ep.protocol, ct, body)
                }
                _ => Default::default(),
            };
            if !rendered.models.is_empty() {
                state.models.set(rendered.models.clone());
            }
            sender.controller.set_value(None);
            let exchange = Exchange {
                serial,
                endpoint: endpoint_id,
                request_line: format!("{} {}", request.method.as_str(), redact(&request.url, &key)),
                model: facts.model.clone(),
                head_ms,
                first_token_ms: first_token_ms.filter(|_| values.flag("stream")),
                transport,
                rendered,
                diagnosis,
            };
            state.remember(HistoryEntry {
                exchange: exchange.clone(),
                values,
                raw_body: raw_at_send,
            });
            state.phase.set(Phase::Done(Box::new(exchange)));
        });
    }
}

/// The provided sender.
pub fn use_sender() -> Sender {
    expect_context::<Sender>()
}

/// Send, Cancel and what blocks sending.
#[component]
pub fn SendBar() -> impl IntoView {
    let state = use_state();
    let sender = use_sender();
    let in_flight = Memo::new(move |_| matches!(state.phase.get(), Phase::InFlight { .. }));
    let sendable = Memo::new(move |_| state.built.with(|b| b.sendable()));
    let timeout = move || match state.timeout_secs.get() {
        0 => state.current().timeout_secs,
        n => n,
    };
    view! {
        <div class="send-bar">
            <button
                type="button"
                class="btn btn--primary"
                disabled=move || !sendable.get() || in_flight.get()
                aria-keyshortcuts="Control+Enter Meta+Enter"
                on:click=move |_| sender.send(state)
            >
                {move || match (in_flight.get(), state.lang.get()) {
                    (true, lang) => lang.pick("Sending…", "发送中…"),
                    (false, lang) => lang.pick("Send", "发送"),
                }}
            </button>
            <button type="button" class="btn" disabled=move || !in_flight.get() on:click=move |_| sender.cancel()>
                {move || state.lang.get().pick("Cancel", "取消")}
            </button>
            <span class="muted send-hint">
                {move || match state.lang.get() {
                    Lang::En => format!("Ctrl/⌘+Enter · timeout {} s · credentials omitted", timeout()),
                    Lang::Zh => format!("Ctrl/⌘+Enter · 超时 {} 秒 · 不携带凭据", timeout()),
                }}
            </span>
        </div>
    }
}
