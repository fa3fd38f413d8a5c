//! Sending: the Send / Cancel bar, the client timeout, and turning what the browser saw
//! into the domain's `Transport` for the diagnosis.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use web_sys::AbortController;

use crate::net;
use crate::state::{
    use_drafts, use_session, use_settings, DraftStore, Exchange, HistoryEntry, Phase, Session, Settings,
};
use crate::ui::widgets::{Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::answer::response::{render, stream_end};
use routescope_core::diagnosis::{diagnose, RequestFacts, Transport};
use routescope_core::request::build::auth_sent;
use routescope_core::request::catalogue::{endpoint, EndpointId};
use routescope_core::request::http::HttpRequest;
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
    settings: Settings,
    drafts: DraftStore,
    session: Session,
}

impl Sender {
    /// Creates the sender (after the state is provided) and provides it.
    pub fn provide() -> Sender {
        let sender = Sender {
            controller: StoredValue::new_local(None),
            reason: StoredValue::new_local(Rc::new(Cell::new(AbortReason::None))),
            serial: StoredValue::new(0),
            settings: use_settings(),
            drafts: use_drafts(),
            session: use_session(),
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
    pub fn send(&self) {
        let built = self.drafts.built.get_untracked();
        if !built.sendable() || matches!(self.session.phase.get_untracked(), Phase::InFlight { .. }) {
            return;
        }
        let Some(request) = built.request else { return };
        let endpoint_id = self.settings.endpoint.get_untracked();
        let timeout_secs = untrack(|| self.settings.timeout_for(endpoint_id));
        self.dispatch(endpoint_id, request, timeout_secs);
    }

    /// Sends any request on behalf of an endpoint (also used by follow-up checks).
    pub fn dispatch(&self, endpoint_id: EndpointId, request: HttpRequest, timeout_secs: u32) {
        let (settings, drafts, session) = (self.settings, self.drafts, self.session);
        let Ok(controller) = AbortController::new() else {
            session.phase.set(Phase::Idle);
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
        session.phase.set(Phase::InFlight { partial: String::new() });
        let lang = settings.lang.get_untracked();
        let key = settings.conn.with_untracked(|c| c.api_key.clone());
        let page_is_https = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let sender = *self;
        // The form as it was at Send: the person may keep editing while the answer comes.
        let (values, raw_at_send) = drafts.snapshot(endpoint_id);
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
                    session.phase.set(Phase::InFlight {
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
                auth_style: settings.conn.with_untracked(|c| auth_sent(ep, c)),
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
                session.models.set(rendered.models.clone());
            }
            sender.controller.set_value(None);
            let exchange = Exchange {
                serial,
                endpoint: endpoint_id,
                request_line: format!("{} {}", request.method.as_str(), redact(&request.url, &key)),
                model: facts.model.clone(),
                head_ms,
                first_token_ms: first_token_ms.filter(|_| values.flag("stream")),
                facts,
                transport,
                rendered,
                diagnosis,
            };
            session.remember(HistoryEntry {
                exchange: exchange.clone(),
                values,
                raw_body: raw_at_send,
            });
            session.phase.set(Phase::Done(Box::new(exchange)));
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
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let sender = use_sender();
    let in_flight = Memo::new(move |_| session.in_flight());
    let sendable = Memo::new(move |_| drafts.built.with(|b| b.sendable()));
    let timeout = move || settings.timeout_for(settings.endpoint.get());
    view! {
        <div class="send-bar">
            <button
                type="button"
                class=ButtonKind::Primary.as_str()
                disabled=move || !sendable.get() || in_flight.get()
                aria-keyshortcuts="Control+Enter Meta+Enter"
                on:click=move |_| sender.send()
            >
                {tr_with(move |lang| if in_flight.get() { lang.pick("Sending…", "发送中…") } else { lang.pick("Send", "发送") })}
            </button>
            <Button disabled=Signal::derive(move || !in_flight.get()) on_click=move || sender.cancel()>
                {tr("Cancel", "取消")}
            </Button>
            <span class="muted send-hint">
                {tr_with(move |lang| {
                    let secs = timeout();
                    lang.pick_owned(
                        &format!("Ctrl/⌘+Enter · timeout {secs} s · credentials omitted"),
                        &format!("Ctrl/⌘+Enter · 超时 {secs} 秒 · 不携带凭据"),
                    )
                })}
            </span>
        </div>
    }
}
