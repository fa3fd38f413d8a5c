//! The endpoint list, grouped by protocol, and the endpoint search (Ctrl/Cmd+K).

use leptos::prelude::*;

use crate::state::use_settings;
use crate::ui::layout::{use_layout, Pane};
use crate::ui::{tr, tr_with};
use routescope_core::request::catalogue::{endpoint, group_title, search, EndpointId, CATALOGUE};

/// The side list of every documented endpoint.
#[component]
pub fn EndpointNav() -> impl IntoView {
    let selected = use_settings().endpoint;
    let mut groups: Vec<&'static str> = Vec::new();
    for e in CATALOGUE {
        if !groups.contains(&e.group) {
            groups.push(e.group);
        }
    }
    view! {
        <nav class="endpoints" aria-label=tr("Endpoints", "接口")>
            {groups
                .into_iter()
                .map(|group| {
                    view! {
                        <div class="endpoint-group">
                            <h2 class="endpoint-group-title">{tr_with(move |lang| group_title(group, lang))}</h2>
                            <ul>
                                {CATALOGUE
                                    .iter()
                                    .filter(|e| e.group == group)
                                    .map(|e| {
                                        let id = e.id;
                                        view! {
                                            <li>
                                                <button
                                                    type="button"
                                                    class="endpoint-link"
                                                    class:endpoint-link--active=move || selected.get() == id
                                                    aria-current=move || if selected.get() == id { "page" } else { "false" }
                                                    on:click=move |_| selected.set(id)
                                                >
                                                    <span class=format!("method method--{}", e.method.as_str().to_ascii_lowercase())>
                                                        {e.method.as_str()}
                                                    </span>
                                                    <span class="endpoint-title">{e.title}</span>
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The button that opens the endpoint search, at the top of the side list.
#[component]
pub fn EndpointSearchButton() -> impl IntoView {
    let layout = use_layout();
    view! {
        <button
            type="button"
            class="btn btn--small endpoint-search-button"
            aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| layout.search_open.set(true)
        >
            {tr("Find endpoint…", "查找接口…")}
            <kbd class="muted">"Ctrl/⌘K"</kbd>
        </button>
    }
}

/// The endpoint search (Ctrl/Cmd+K): type words from a title, path or protocol; ↑/↓ move,
/// Enter opens, Esc closes.
#[component]
pub fn EndpointSearch() -> impl IntoView {
    let settings = use_settings();
    let layout = use_layout();
    let query = RwSignal::new(String::new());
    let chosen = RwSignal::new(0usize);
    let found = Memo::new(move |_| query.with(|q| search(q).into_iter().map(|e| e.id).collect::<Vec<_>>()));
    let input = NodeRef::<leptos::html::Input>::new();
    // Focus the box as it opens; start from an empty query each time.
    Effect::new(move |_| {
        if layout.search_open.get() {
            query.set(String::new());
            chosen.set(0);
            // After the frame that shows the dialog: a hidden box cannot take focus.
            request_animation_frame(move || {
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    let close = move || layout.search_open.set(false);
    let open = move |id: EndpointId| {
        settings.endpoint.set(id);
        layout.pane.set(Pane::Request);
        close();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let count = found.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                chosen.update(|c| *c = (*c + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                chosen.update(|c| *c = (*c + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                // Ctrl/Cmd+Enter must not also send from here.
                ev.stop_propagation();
                if let Some(id) = found.with(|f| f.get(chosen.get_untracked()).copied()) {
                    open(id);
                }
            }
            "Escape" => {
                // Esc closes the search; it must not also stop a request in flight.
                ev.stop_propagation();
                close();
            }
            _ => {}
        }
    };
    let option_id = |id: EndpointId| format!("endpoint-option-{}", id.as_str());
    view! {
        <div class="search-backdrop" class:search-backdrop--open=move || layout.search_open.get() on:click=move |_| close()>
            <div
                class="search-dialog panel"
                role="dialog"
                aria-modal="true"
                aria-label=move || settings.lang.get().pick("Find an endpoint", "查找接口")
                on:click=|ev| ev.stop_propagation()
            >
                <input
                    node_ref=input
                    type="text"
                    role="combobox"
                    aria-label=move || settings.lang.get().pick("Find an endpoint", "查找接口")
                    aria-expanded="true"
                    aria-controls="endpoint-search-results"
                    aria-activedescendant=move || found.with(|f| f.get(chosen.get()).map(|id| option_id(*id)))
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || settings.lang.get().pick("Title, path or protocol…", "标题、路径或协议…")
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        chosen.set(0);
                    }
                    on:keydown=on_key
                />
                <ul id="endpoint-search-results" role="listbox" aria-label=move || settings.lang.get().pick("Endpoints found", "找到的接口")>
                    {move || found.get().into_iter().enumerate().map(|(at, id)| {
                        let e = endpoint(id);
                        view! {
                            <li
                                role="option"
                                id=option_id(id)
                                class="search-option"
                                aria-selected=move || (chosen.get() == at).to_string()
                                on:click=move |_| open(id)
                            >
                                <span class=format!("method method--{}", e.method.as_str().to_ascii_lowercase())>{e.method.as_str()}</span>
                                <span class="search-title">{e.title}</span>
                                <code class="search-path muted">{e.path}</code>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || found.with(Vec::is_empty).then(|| view! {
                    <p class="empty">{tr("No endpoint matches every word.", "没有接口同时匹配所有词。")}</p>
                })}
                <p class="muted search-hint">{tr("↑/↓ move · Enter opens · Esc closes", "↑/↓ 移动 · Enter 打开 · Esc 关闭")}</p>
            </div>
        </div>
    }
}
