//! Leptos components, one concept per file. They render domain values and call domain
//! functions; they never assemble HTTP or classify errors themselves.

mod clients;
mod diagnosis;
mod endpoints;
mod fields;
mod findings;
mod history;
mod messages;
mod preview;
mod response;
pub mod send;
mod settings;

use leptos::ev;
use leptos::prelude::*;

use crate::state::AppState;

pub use diagnosis::DiagnosisPanel;
pub use endpoints::EndpointNav;
pub use preview::RequestPreview;
pub use response::ResponsePanel;
pub use settings::SettingsBar;

/// Text in the person's chosen language; re-renders when the language changes.
pub fn tr(en: &'static str, zh: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = crate::state::use_state();
    move || state.lang.get().pick(en, zh)
}

/// The whole page: settings on top; endpoints, request and response side by side.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    let sender = send::Sender::provide();
    // Ctrl/Cmd+Enter sends from anywhere on the page.
    let handle = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            sender.send(state);
        }
    });
    on_cleanup(move || handle.remove());
    // A docs page links straight into a prefilled request through the URL fragment.
    if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
        state.apply_link(&hash);
    }
    let hash_handle = window_event_listener(ev::hashchange, move |_| {
        if let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) {
            state.apply_link(&hash);
        }
    });
    on_cleanup(move || hash_handle.remove());
    view! {
        <div class="app">
            <SettingsBar />
            {move || state.notice.get().map(|n| view! {
                <div class="notice" role="status">
                    <span>{n}</span>
                    <button type="button" class="btn btn--small btn--ghost" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"✕"</button>
                </div>
            })}
            <div class="workspace">
                <aside class="sidebar">
                    <EndpointNav />
                    <history::History />
                </aside>
                <main class="request-column">
                    <clients::ClientHelper />
                    <fields::RequestForm />
                    <RequestPreview />
                </main>
                <div class="response-column">
                    <DiagnosisPanel />
                    <ResponsePanel />
                </div>
            </div>
        </div>
    }
}
