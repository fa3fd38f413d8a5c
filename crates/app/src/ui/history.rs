//! The history of this session's exchanges: one click puts a request and its answer back
//! on screen. In memory only, and never with the key.

use leptos::prelude::*;

use crate::state::{restore, use_drafts, use_session, use_settings, HistoryEntry, Phase};
use crate::ui::widgets::{StatusBadge, StatusTone};
use crate::ui::{tr, tr_with};
use routescope_core::diagnosis::Transport;
use routescope_core::request::catalogue::endpoint;

/// The past exchanges, newest first.
#[component]
pub fn History() -> impl IntoView {
    let session = use_session();
    let any = Memo::new(move |_| session.history.with(|h| !h.is_empty()));
    move || {
        any.get().then(|| {
            view! {
                <section class="history" aria-label="History">
                    <h2 class="endpoint-group-title">{tr("History", "历史记录")}</h2>
                    <ul>
                        <For each=move || session.history.get() key=|entry| entry.exchange.serial let:entry>
                            <HistoryItem entry=entry />
                        </For>
                    </ul>
                </section>
            }
        })
    }
}

/// One past exchange: its outcome, endpoint and verdict; a click restores it.
#[component]
fn HistoryItem(entry: HistoryEntry) -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let ex = entry.exchange;
    let serial = ex.serial;
    let shown = Memo::new(move |_| {
        session
            .phase
            .with(|p| matches!(p, Phase::Done(e) if e.serial == serial))
    });
    let tone = match &ex.transport {
        Transport::Response { status, .. } | Transport::Cut { status, .. } => StatusTone::of_status(*status),
        Transport::NetworkError { .. } | Transport::TimedOut { .. } => StatusTone::Network,
        Transport::Cancelled { .. } => StatusTone::Pending,
    };
    let transport = ex.transport.clone();
    let category = ex.diagnosis.category;
    view! {
        <li>
            <button
                type="button"
                class="history-item"
                aria-current=move || if shown.get() { "true" } else { "false" }
                data-serial=serial.to_string()
                on:click=move |_| restore(settings, drafts, session, serial)
            >
                <StatusBadge tone=tone text=Signal::derive(tr_with(move |lang| transport.outcome(lang))) small=true />
                <span class="history-text">
                    <span class="history-title">{endpoint(ex.endpoint).title}</span>
                    <span class="history-verdict">{tr_with(move |lang| category.title(lang))}</span>
                </span>
            </button>
        </li>
    }
}
