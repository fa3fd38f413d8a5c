//! The endpoint list, grouped by protocol.

use leptos::prelude::*;

use crate::state::use_settings;
use routescope_core::request::catalogue::CATALOGUE;

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
        <nav class="endpoints" aria-label="Endpoints">
            {groups
                .into_iter()
                .map(|group| {
                    view! {
                        <div class="endpoint-group">
                            <h2 class="endpoint-group-title">{group}</h2>
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
