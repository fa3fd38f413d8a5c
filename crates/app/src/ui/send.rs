//! Sending: the Send / Cancel bar, the client timeout and the abort. What arrives is fed
//! to the domain's `InFlight`, which reads it and turns it into the finished exchange.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use web_sys::AbortController;

use crate::net;
use crate::state::{
    use_drafts, use_session, use_settings, DraftStore, HistoryEntry, LiveView, Phase, Session, Settings,
};
use crate::ui::chunks::{AnswerCode, Chunks};
use crate::ui::layout::{Layout, Pane};
use crate::ui::lazy::Chunk;
use crate::ui::widgets::{Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::answer::reader::DEFAULT_BYTE_CAP;
use routescope_core::exchange::{Ending, InFlight};
use routescope_core::request::catalogue::EndpointId;
use routescope_core::request::http::HttpRequest;
use routescope_core::text::redact::redact;

/// How often a streaming answer is repainted, in milliseconds.
const PAINT_EVERY_MS: f64 = 50.0;

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
    /// The layout, when the whole page is mounted (a send shows the response pane).
    layout: Option<Layout>,
    /// The chunk that reads and shows answers.
    answer: Chunk<AnswerCode>,
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
            layout: use_context::<Layout>(),
            answer: use_context::<Chunks>().unwrap_or_else(Chunks::provide).answer,
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

    /// The serial of the last exchange sent.
    pub fn last_serial(&self) -> u32 {
        self.serial.get_value()
    }

    /// Cancels the request in flight.
    pub fn cancel(&self) {
        self.abort(AbortReason::User);
    }

    /// Sends the current request, if it can be sent and nothing is in flight.
    pub fn send(&self) {
        let built = self.drafts.built.get_untracked();
        // A link that named another gateway waits for the person's answer: until then the
        // request goes nowhere (the key could otherwise follow a link they did not check).
        let link_question_open = self.session.proposed_gateway.with_untracked(Option::is_some);
        if !built.sendable() || link_question_open || matches!(self.session.phase.get_untracked(), Phase::InFlight(_)) {
            return;
        }
        let Some(request) = built.request else { return };
        let endpoint_id = self.settings.endpoint.get_untracked();
        let timeout_secs = untrack(|| self.settings.timeout_for(endpoint_id));
        // On a narrow screen the answer is what the person wants to see next.
        if let Some(layout) = self.layout {
            layout.pane.set(Pane::Response);
        }
        self.dispatch(endpoint_id, request, timeout_secs);
    }

    /// Sends any request on behalf of an endpoint (also used by follow-up checks). The
    /// reading of the answer lives in the answer chunk: when its code is not here yet, it is
    /// fetched first; if that fails, the response pane says so and nothing is sent.
    pub fn dispatch(&self, endpoint_id: EndpointId, request: HttpRequest, timeout_secs: u32) {
        let sender = *self;
        let answer = self.answer;
        if let Some(code) = answer.code_untracked() {
            (code.dispatch)(sender, endpoint_id, request, timeout_secs);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(code) = answer.get().await {
                (code.dispatch)(sender, endpoint_id, request, timeout_secs);
            }
        });
    }
}

/// Sends `request` and feeds what arrives to the domain's `InFlight` (part of the answer
/// chunk).
pub(crate) fn dispatch_now(sender: Sender, endpoint_id: EndpointId, request: HttpRequest, timeout_secs: u32) {
    {
        let (settings, drafts, session) = (sender.settings, sender.drafts, sender.session);
        // What is remembered below goes on top of the kept history, never in its place.
        session.restore_history(routescope_core::history::store::decode_counted);
        let Ok(controller) = AbortController::new() else {
            session.phase.set(Phase::Idle);
            return;
        };
        let signal = controller.signal();
        let reason = Rc::new(Cell::new(AbortReason::None));
        sender.reason.set_value(reason.clone());
        sender.controller.set_value(Some(controller.clone()));
        // Serials go on from the history kept across reloads, so no two exchanges share one.
        let last_kept = session
            .history
            .with_untracked(|h| h.iter().map(|e| e.exchange.serial).max().unwrap_or(0));
        let serial = sender.serial.get_value().max(last_kept) + 1;
        sender.serial.set_value(serial);
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
        session.phase.set(Phase::InFlight(LiveView::default()));
        let lang = settings.lang.get_untracked();
        let page_is_https = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        // The form as it was at Send: the person may keep editing while the answer comes.
        let (values, raw_at_send) = drafts.snapshot(endpoint_id);
        let flight = settings.conn.with_untracked(|conn| {
            InFlight::start(
                serial,
                endpoint_id,
                &request,
                &values,
                conn,
                page_is_https,
                DEFAULT_BYTE_CAP,
            )
        });
        // The domain reads the answer; this shell only feeds it and repaints, at most once
        // per PAINT_EVERY_MS, so a fast stream costs one repaint per interval, not per chunk.
        let flight = Rc::new(RefCell::new(flight));
        // The wall clock at Send, for the support report's "time of the call".
        let sent_at_ms = js_sys::Date::now().max(0.0) as u64;
        leptos::task::spawn_local(async move {
            let started = net::now_ms();
            let mut last_paint = 0.0;
            let on_head = {
                let flight = flight.clone();
                move |head| flight.borrow_mut().head(head)
            };
            let on_bytes = {
                let flight = flight.clone();
                move |chunk: &[u8]| {
                    let now = net::now_ms();
                    let mut flight = flight.borrow_mut();
                    flight.push(chunk, (now - started).max(0.0) as u64);
                    if now - last_paint > PAINT_EVERY_MS {
                        last_paint = now;
                        session.phase.set(Phase::InFlight(LiveView::of(&flight.live())));
                    }
                    flight.wants_more()
                }
            };
            let result = net::send(&request, &signal, on_head, on_bytes).await;
            if let Some(t) = timer {
                t.clear();
            }
            let elapsed_ms = (net::now_ms() - started).max(0.0) as u64;
            let ending = match (result, reason.get()) {
                (_, AbortReason::Timeout) => Ending::TimedOut,
                (_, AbortReason::User) => Ending::Cancelled,
                (Ok(()), AbortReason::None) => Ending::Finished,
                (Err(message), AbortReason::None) => Ending::Failed(message),
            };
            // Reading and judging are separate tasks: the page paints the last of the stream
            // before the verdict's work starts.
            net::yield_to_browser().await;
            let Ok(flight) = Rc::try_unwrap(flight).map(RefCell::into_inner) else {
                // Every callback holding it is gone once send() returned.
                session.phase.set(Phase::Idle);
                return;
            };
            let mut exchange = flight.finish_decoding(ending, elapsed_ms, lang, &net::decode_charset);
            exchange.sent_at_ms = Some(sent_at_ms);
            if !exchange.rendered.models.is_empty() {
                session.models.set(exchange.rendered.models.clone());
            }
            sender.controller.set_value(None);
            let exchange = Arc::new(exchange);
            let key = settings.conn.with_untracked(|c| c.api_key.clone());
            session.remember(
                HistoryEntry {
                    exchange: exchange.clone(),
                    values,
                    raw_body: raw_at_send,
                },
                &key,
            );
            session.phase.set(Phase::Done(exchange));
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
    let link_question_open = Memo::new(move |_| session.proposed_gateway.with(Option::is_some));
    let timeout = move || settings.timeout_for(settings.endpoint.get());
    view! {
        <div class="send-bar">
            <code class="send-url mono" aria-label=tr("URL to be called", "将调用的 URL") data-send-url="">
                {move || {
                    let key = settings.conn.with(|c| c.api_key.clone());
                    drafts.built.with(|b| b.request.as_ref().map(|r| format!("{} {}", r.method.as_str(), redact(&r.url, &key))).unwrap_or_default())
                }}
            </code>
            <button
                type="button"
                class=ButtonKind::Primary.as_str()
                disabled=move || !sendable.get() || in_flight.get() || link_question_open.get()
                aria-keyshortcuts="Control+Enter Meta+Enter"
                on:click=move |_| sender.send()
            >
                {tr_with(move |lang| if in_flight.get() { lang.pick("Sending…", "发送中…") } else { lang.pick("Send", "发送") })}
            </button>
            <Button disabled=Signal::derive(move || !in_flight.get()) on_click=move || sender.cancel()>
                {tr("Cancel", "取消")}
            </Button>
            {move || link_question_open.get().then(|| view! {
                <span class="field-error" role="note" aria-label=tr("Send waits", "发送等待中")>
                    {tr("Answer the question about the link's gateway first: nothing is sent until you do.", "请先回答关于链接中网关的问题：在此之前不会发送任何请求。")}
                </span>
            })}
            <span class="muted send-hint">
                {tr_with(move |lang| {
                    let secs = timeout();
                    lang.pick_owned(
                        &format!("Ctrl/⌘+Enter sends, Esc stops · timeout {secs} s · credentials omitted"),
                        &format!("Ctrl/⌘+Enter 发送，Esc 停止 · 超时 {secs} 秒 · 不携带凭据"),
                    )
                })}
            </span>
        </div>
    }
}
