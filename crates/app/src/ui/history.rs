//! The history of this session's exchanges: one click puts a request and its answer back
//! on screen. In memory only, and never with the key.

use leptos::prelude::*;

use crate::state::{use_state, Phase};
use crate::ui::response::status_class;
use crate::ui::tr;
use routescope_core::diagnosis::Transport;
use routescope_core::request::catalogue::endpoint;

/// The past exchanges, newest first.
#[component]
pub fn History() -> impl IntoView {
    let state = use_state();
    let shown = Memo::new(move |_| match state.phase.get() {
        Phase::Done(e) => Some(e.serial),
        _ => None,
    });
    move || {
        let entries = state.history.get();
        (!entries.is_empty()).then(|| {
            let lang = state.lang.get();
            view! {
                <section class="history" aria-label="History">
                    <h2 class="endpoint-group-title">{tr("History", "历史记录")}</h2>
                    <ul>
                        {entries
                            .into_iter()
                            .map(|entry| {
                                let ex = entry.exchange;
                                let serial = ex.serial;
                                let (outcome, class) = match &ex.transport {
                                    Transport::Response { status, .. } => (status.to_string(), status_class(*status)),
                                    Transport::NetworkError { .. } => (lang.pick("network", "网络").to_string(), "status--network"),
                                    Transport::TimedOut { .. } => (lang.pick("timeout", "超时").to_string(), "status--network"),
                                    Transport::Cancelled { .. } => (lang.pick("cancelled", "已取消").to_string(), "badge--pending"),
                                };
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="history-item"
                                            aria-current=move || if shown.get() == Some(serial) { "true" } else { "false" }
                                            data-serial=serial.to_string()
                                            on:click=move |_| state.restore(serial)
                                        >
                                            <span class=format!("badge badge--small {class}")>{outcome}</span>
                                            <span class="history-text">
                                                <span class="history-title">{endpoint(ex.endpoint).title}</span>
                                                <span class="history-verdict">{ex.diagnosis.category.title(lang)}</span>
                                            </span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
