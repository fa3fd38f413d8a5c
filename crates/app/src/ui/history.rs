//! The history of this session's exchanges: one click puts a request and its answer back
//! on screen. Kept across reloads within the core's byte budgets, searchable, each entry
//! deletable and the whole clearable; never with the key.

use leptos::prelude::*;

use crate::state::{restore, use_drafts, use_session, use_settings, HistoryEntry, Phase};
use crate::ui::widgets::{keyed_list_of, Button, ButtonKind, StatusBadge, StatusTone};
use crate::ui::{tr, tr_signal, tr_with};
use routescope_core::answer::response::human_size;
use routescope_core::diagnosis::Transport;
use routescope_core::history;
use routescope_core::request::catalogue::endpoint;

/// The past exchanges, newest first.
#[component]
pub fn History() -> impl IntoView {
    let session = use_session();
    let any = Memo::new(move |_| session.history.with(|h| !h.is_empty()));
    let (query, set_query) = signal(String::new());
    let shown = Memo::new(move |_| {
        query.with(|q| {
            session.history.with(|h| {
                h.iter()
                    .filter(|e| history::matches(&e.exchange, q))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        any.get().then(|| {
            view! {
                <section class="history" aria-label=tr("History", "历史记录")>
                    <h2 class="endpoint-group-title">{tr("History", "历史记录")}</h2>
                    <input
                        type="search"
                        class="history-search"
                        aria-label=tr("Search history", "搜索历史记录")
                        placeholder=move || tr("Search: endpoint, status, verdict, model…", "搜索：端点、状态、结论、模型…")()
                        prop:value=query
                        on:input=move |ev| set_query.set(event_target_value(&ev))
                    />
                    <ul>
                        {keyed_list_of(
                            shown.into(),
                            |entry| entry.exchange.serial.to_string(),
                            |entry| view! { <HistoryItem entry=entry /> }.into_any(),
                        )}
                    </ul>
                    {move || (shown.with(Vec::is_empty)).then(|| view! { <p class="muted">{tr("Nothing in the history matches.", "历史记录中没有匹配项。")}</p> })}
                    <Button kind=ButtonKind::Ghost on_click=move || session.clear_history()>{tr("Clear history", "清空历史记录")}</Button>
                    {move || {
                        let dropped = session.history_dropped_entries.get();
                        let budget = human_size(history::HISTORY_BUDGET);
                        (dropped > 0).then(|| view! {
                            <p class="note" role="note" aria-label=tr("History budget", "历史记录容量")>
                                {tr_with(move |lang| lang.pick_owned(
                                    &format!("{dropped} older exchanges were dropped to keep the history under {budget}."),
                                    &format!("为使历史记录不超过 {budget}，已丢弃 {dropped} 条较早的记录。"),
                                ))}
                            </p>
                        })
                    }}
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
    let category = ex.diagnosis.category;
    // The exchange is shared; its outcome line is worded from it, never from a copy of its body.
    let shared = ex.clone();
    let forget = move || {
        let key = settings.conn.with_untracked(|c| c.api_key.clone());
        session.forget(serial, &key);
    };
    view! {
        <li class="history-row">
            <button
                type="button"
                class="history-item"
                aria-current=move || if shown.get() { "true" } else { "false" }
                data-serial=serial.to_string()
                on:click=move |_| restore(settings, drafts, session, serial)
            >
                <StatusBadge tone=tone text=tr_with(move |lang| shared.transport.outcome(lang)) small=true />
                <span class="history-text">
                    <span class="history-title">{endpoint(ex.endpoint).title}</span>
                    <span class="history-verdict">{tr_with(move |lang| category.title(lang))}</span>
                </span>
            </button>
            <Button kind=ButtonKind::Ghost aria_label=tr_signal("Delete this exchange", "删除这条记录") on_click=forget>"✕"</Button>
        </li>
    }
}
