//! Leptos components, one concept per file. They render core values and call core
//! functions; they never assemble HTTP or classify errors themselves.
//!
//! One way to translate: [`tr`] for fixed text and [`tr_with`] for text built from values
//! or from the core's `title(lang)` methods; both re-render when the language changes.
//! Reusable pieces (buttons, key-value tables, status badges, URL settings, copy buttons)
//! are in [`widgets`].

pub mod chunks;
mod clients;
mod cost;
mod diagnosis;
mod endpoints;
mod fields;
mod findings;
mod follow;
mod history;
mod import;
pub mod layout;
pub mod lazy;
mod messages;
mod preview;
mod report;
mod response;
mod saved;
mod scan;
pub mod send;
mod settings;
pub mod widgets;

use leptos::ev;
use leptos::prelude::*;

use crate::state::{open_link, provide_state, use_settings, StorageNotice};
use routescope_core::text::lang::Lang;

pub use diagnosis::DiagnosisPanel;
pub use endpoints::EndpointNav;
pub use preview::RequestPreview;
pub use response::ResponsePanel;
pub use settings::SettingsBar;

/// Fixed text in the person's chosen language; re-renders when the language changes.
pub fn tr(en: &'static str, zh: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_settings().lang;
    move || lang.get().pick(en, zh)
}

/// Fixed text in the chosen language as a signal, for props that take one (a button's
/// accessible name).
pub fn tr_signal(en: &'static str, zh: &'static str) -> Signal<String> {
    let text = tr(en, zh);
    Signal::derive(move || text().to_string())
}

/// Text made for the chosen language by `make` (a `format!` per language, or a core
/// `title(lang)`); re-renders when the language changes.
///
/// A `Signal<String>` rather than a closure: every call site then shares one rendering of
/// reactive text (a closure of its own type at each of ~70 sites had its own, ~40 KB of
/// wasm before the first render); only `make` stays per site, behind one pointer.
pub fn tr_with<T: Into<String>>(make: impl Fn(Lang) -> T + Send + Sync + 'static) -> Signal<String> {
    let lang = use_settings().lang;
    Signal::derive(move || make(lang.get()).into())
}

/// What to say about something storage could not do.
fn storage_message(notice: StorageNotice, lang: Lang) -> String {
    match notice {
        StorageNotice::HistoryNotKept => lang.pick_owned(
            "The browser's storage is full or off: the history stays in this tab but is not kept for your next visit.",
            "浏览器存储已满或被禁用：历史记录仍保留在此标签页中，但不会为下次访问保存。",
        ),
        StorageNotice::HistoryUnreadable(n) => lang.pick_owned(
            &format!("{n} stored history entries could not be read and were left out; the others are back."),
            &format!("有 {n} 条已保存的历史记录无法读取，已略过；其余记录已恢复。"),
        ),
        StorageNotice::SavedNotKept => lang.pick_owned(
            "The browser's storage is full or off: saved requests stay in this tab; export them to keep them.",
            "浏览器存储已满或被禁用：已保存的请求仅保留在此标签页中；请导出以免丢失。",
        ),
        StorageNotice::SavedUnreadable(n) => lang.pick_owned(
            &format!("{n} stored saved requests could not be read and were left out; the others are back."),
            &format!("有 {n} 个已保存的请求无法读取，已略过；其余请求已恢复。"),
        ),
    }
}

/// The whole page: settings on top; endpoints, request and response side by side.
#[component]
pub fn App() -> impl IntoView {
    let (settings, drafts, session) = provide_state();
    let layout = layout::Layout::provide();
    let chunks = chunks::Chunks::provide();
    let sender = send::Sender::provide();
    // What the first render does not need is fetched once the form is on screen, so the
    // first Send rarely waits for it.
    Effect::new(move |_| {
        request_animation_frame(move || {
            set_timeout(move || chunks.prefetch(), std::time::Duration::ZERO);
        });
    });
    // Ctrl/Cmd+Enter sends from anywhere on the page; Ctrl/Cmd+K opens the endpoint search.
    let handle = window_event_listener(ev::keydown, move |e: ev::KeyboardEvent| {
        let command = e.ctrl_key() || e.meta_key();
        if e.key() == "Enter" && command {
            e.prevent_default();
            sender.send();
        } else if command && e.key().eq_ignore_ascii_case("k") {
            e.prevent_default();
            layout.search_open.update(|open| *open = !*open);
        } else if e.key() == "Escape" && layout.search_open.get_untracked() {
            layout.search_open.set(false);
        } else if e.key() == "Escape" && session.in_flight() {
            // Esc stops what is in flight, as in every API client.
            sender.cancel();
        }
    });
    on_cleanup(move || handle.remove());
    // A docs page links straight into a prefilled request through the URL fragment.
    let current_hash = || web_sys::window().and_then(|w| w.location().hash().ok());
    if let Some(hash) = current_hash() {
        open_link(settings, drafts, session, &hash);
    }
    let hash_handle = window_event_listener(ev::hashchange, move |_| {
        if let Some(hash) = current_hash() {
            open_link(settings, drafts, session, &hash);
        }
    });
    on_cleanup(move || hash_handle.remove());
    view! {
        <div class="app">
            <SettingsBar />
            {move || {
                let ignored = session.ignored_link_parts.get().join("; ");
                (!ignored.is_empty()).then(|| view! {
                    <div class="notice" role="status">
                        <span>{tr_with(move |lang| lang.pick_owned(&format!("Parts of the link were ignored: {ignored}."), &format!("链接中有部分内容被忽略：{ignored}。")))}</span>
                        <widgets::Button kind=widgets::ButtonKind::Ghost aria_label=tr_signal("Dismiss", "关闭") on_click=move || session.ignored_link_parts.set(Vec::new())>"✕"</widgets::Button>
                    </div>
                })
            }}
            {move || session.proposed_gateway.get().map(|proposed| {
                let shown = proposed.clone();
                view! {
                    <div class="notice notice--question" role="status">
                        <span>{tr_with(move |lang| lang.pick_owned(
                            &format!("This link points at another gateway: {shown}. Your key goes only where the Gateway URL points, so it stays as it is unless you choose it."),
                            &format!("该链接指向另一个网关：{shown}。密钥只会发往“网关地址”所指之处，除非你选择它，否则保持不变。"),
                        ))}</span>
                        <widgets::Button kind=widgets::ButtonKind::Small on_click=move || {
                            settings.conn.update(|c| c.gateway = proposed.clone());
                            session.proposed_gateway.set(None);
                        }>{tr("Use this gateway", "使用该网关")}</widgets::Button>
                        <widgets::Button kind=widgets::ButtonKind::Ghost on_click=move || session.proposed_gateway.set(None)>{tr("Keep mine", "保留我的")}</widgets::Button>
                    </div>
                }
            })}
            {move || chunks.tools.code().map(|code| (code.import_offer)())}
            {move || session.storage_notice.get().map(|notice| view! {
                <div class="notice" role="status" aria-label=tr("Storage", "存储")>
                    <span>{tr_with(move |lang| storage_message(notice, lang))}</span>
                    <widgets::Button kind=widgets::ButtonKind::Ghost aria_label=tr_signal("Dismiss", "关闭") on_click=move || session.storage_notice.set(None)>"✕"</widgets::Button>
                </div>
            })}
            // The request bar (method, the URL about to be called, Send and Cancel) stays on
            // top at every width; on a narrow screen the pane tabs ride with it.
            <div class="request-bar">
                <send::SendBar />
                <layout::PaneTabs />
            </div>
            {move || match chunks.tools.code() {
                Some(code) => Some((code.endpoint_search)()),
                None => layout.search_open.get().then(|| chunks.tools.waiting_view()),
            }}
            // The scan's table needs the page's width: it sits above the three columns.
            <div class="scan-area">
                {move || match chunks.scan.code() {
                    Some(code) => Some((code.panel)()),
                    None => layout.scan_open.get().then(|| chunks.scan.waiting_view()),
                }}
            </div>
            <div class="workspace" data-pane=move || layout.pane.get().as_str()>
                <aside class="sidebar pane pane--request">
                    <endpoints::EndpointSearchButton />
                    <button
                        type="button"
                        class="btn btn--small endpoint-search-button"
                        aria-expanded=move || layout.scan_open.get().to_string()
                        on:click=move |_| {
                            chunks.scan.start();
                            layout.scan_open.update(|o| *o = !*o);
                            layout.pane.set(layout::Pane::Request);
                        }
                    >
                        {tr("What can this key do?", "这个密钥能做什么？")}
                    </button>
                    <EndpointNav />
                    // The saved requests and the history appear as soon as their code is
                    // here (the history is read by the answer chunk's rules).
                    {move || chunks.tools.code().map(|code| (code.saved_list)())}
                    {move || chunks.answer.code().map(|code| (code.history_list)())}
                </aside>
                <main class="request-column pane pane--request" id="pane-request">
                    {move || match chunks.tools.code() {
                        Some(code) => Some((code.client_helper)()),
                        None => session.client_helper_open.get().then(|| chunks.tools.waiting_view()),
                    }}
                    <fields::RequestForm />
                    <RequestPreview />
                </main>
                <div class="response-column">
                    <div class="pane pane--diagnosis" id="pane-diagnosis">
                        <DiagnosisPanel />
                    </div>
                    <div class="pane pane--response" id="pane-response">
                        <ResponsePanel />
                        {move || chunks.answer.code().map(|code| view! {
                            {(code.cost_panel)()}
                            {(code.support_report)()}
                        })}
                    </div>
                </div>
            </div>
        </div>
    }
}
