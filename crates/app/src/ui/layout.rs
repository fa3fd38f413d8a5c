//! The page's layout state: which pane a narrow screen shows, and whether the endpoint
//! search is open. Presentation only: nothing here decides anything about a request.

use leptos::prelude::*;

use crate::ui::tr;

/// The three panes a narrow screen (under 900 px) shows one at a time, as tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The endpoint list and the request form.
    Request,
    /// The raw answer.
    Response,
    /// The diagnosis.
    Diagnosis,
}

impl Pane {
    /// The id used in `data-pane` (what the style sheet keys on) and in element ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Pane::Request => "request",
            Pane::Response => "response",
            Pane::Diagnosis => "diagnosis",
        }
    }
}

/// Layout signals, provided in context by [`Layout::provide`].
#[derive(Clone, Copy)]
pub struct Layout {
    /// The pane a narrow screen shows.
    pub pane: RwSignal<Pane>,
    /// Whether the endpoint search (Ctrl/Cmd+K) is open.
    pub search_open: RwSignal<bool>,
    /// Whether the key capability scan is open.
    pub scan_open: RwSignal<bool>,
}

impl Layout {
    /// Creates and provides the layout state.
    pub fn provide() -> Layout {
        let layout = Layout {
            pane: RwSignal::new(Pane::Request),
            search_open: RwSignal::new(false),
            scan_open: RwSignal::new(false),
        };
        provide_context(layout);
        layout
    }
}

/// The provided layout state.
pub fn use_layout() -> Layout {
    expect_context::<Layout>()
}

/// The tabs a narrow screen uses to move between request, response and diagnosis (hidden
/// by the style sheet on wider screens, where all three are side by side).
#[component]
pub fn PaneTabs() -> impl IntoView {
    let layout = use_layout();
    let tab = move |pane: Pane, label: (&'static str, &'static str)| {
        view! {
            <button
                type="button"
                role="tab"
                id=format!("tab-{}", pane.as_str())
                data-pane-tab=pane.as_str()
                aria-controls=format!("pane-{}", pane.as_str())
                aria-selected=move || (layout.pane.get() == pane).to_string()
                on:click=move |_| layout.pane.set(pane)
            >
                {tr(label.0, label.1)}
            </button>
        }
    };
    view! {
        <div class="pane-tabs tabs" role="tablist" aria-label=tr("Panes", "面板")>
            {tab(Pane::Request, ("Request", "请求"))}
            {tab(Pane::Response, ("Response", "响应"))}
            {tab(Pane::Diagnosis, ("Diagnosis", "诊断"))}
        </div>
    }
}
