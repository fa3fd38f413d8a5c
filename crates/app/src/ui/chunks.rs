//! The page's lazily loaded chunks and what each holds (see [`mod@crate::ui::lazy`]).
//!
//! - `answer`: everything that happens after Send: reading the answer (the exchange, the
//!   diagnosis), the response and diagnosis views, follow-up checks, the cost of a call and
//!   the support report, and the history (its entries are diagnosed again when read).
//! - `scan`: the key capability scan.
//! - `tools`: what a person opens now and then: curl / SDK export, the raw-body editor,
//!   import (and what it offers), client setup, naming connections, the saved requests,
//!   the endpoint search; and the pre-flight checks, which the form does not need to be
//!   drawn.
//!
//! Both are fetched in the background once the form is on screen, so a first Send rarely
//! waits for them; a part whose chunk is not here yet shows "Loading…", or after a failed
//! fetch a message with Retry.

use leptos::prelude::*;

use crate::state::{use_drafts, use_session, HistoryEntry, Linter};
use crate::ui::lazy::{split_code, Chunk};
use crate::ui::response::BodyTab;
use crate::ui::send::Sender;
use routescope_core::request::catalogue::EndpointId;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::http::HttpRequest;
use routescope_core::request::import::Imported;

/// The answer chunk's entry points.
#[derive(Clone, Copy)]
pub struct AnswerCode {
    /// Sends a request and reads its answer into the session.
    pub dispatch: fn(Sender, EndpointId, HttpRequest, u32),
    /// The response pane (a task followed, what is arriving, the finished answer).
    pub response_pane: fn(RwSignal<BodyTab>) -> AnyView,
    /// The diagnosis pane.
    pub diagnosis_pane: fn() -> AnyView,
    /// What the last call cost.
    pub cost_panel: fn() -> AnyView,
    /// The support report of the last call.
    pub support_report: fn() -> AnyView,
    /// Reads a stored history (entries and how many could not be read).
    pub decode_history: fn(&str) -> (Vec<HistoryEntry>, usize),
    /// The history list in the side column.
    pub history_list: fn() -> AnyView,
}

split_code! {
    /// Fetches the answer chunk (once) and hands over its entry points.
    pub fn load_answer => answer_code() in answer -> AnswerCode {
        Ok(AnswerCode {
            dispatch: crate::ui::send::dispatch_now,
            response_pane: crate::ui::response::response_pane,
            diagnosis_pane: crate::ui::diagnosis::diagnosis_pane,
            cost_panel: || view! { <crate::ui::cost::CallCostPanel /> }.into_any(),
            support_report: || view! { <crate::ui::report::SupportReport /> }.into_any(),
            decode_history: routescope_core::history::store::decode_counted,
            history_list: || view! { <crate::ui::history::History /> }.into_any(),
        })
    }
}

/// The scan chunk's entry point.
#[derive(Clone, Copy)]
pub struct ScanCode {
    /// The key capability scan panel.
    pub panel: fn() -> AnyView,
}

split_code! {
    /// Fetches the scan chunk (once) and hands over its panel.
    pub fn load_scan => scan_code() in scan -> ScanCode {
        Ok(ScanCode {
            panel: || view! { <crate::ui::scan::KeyScan /> }.into_any(),
        })
    }
}

/// The tools chunk's entry points: what a person opens now and then.
#[derive(Clone, Copy)]
pub struct ToolsCode {
    /// curl and SDK snippets of the request on screen.
    pub export_tabs: fn() -> AnyView,
    /// The raw-body editor of the request preview.
    pub raw_body_editor: fn() -> AnyView,
    /// Reads a pasted curl / fetch / HTTP request.
    pub import: fn(&str) -> Result<Imported, String>,
    /// The client setup helper.
    pub client_helper: fn() -> AnyView,
    /// "More settings": naming connections, the self-service address, the timeout.
    pub more_settings: fn() -> AnyView,
    /// The saved requests in the side column.
    pub saved_list: fn() -> AnyView,
    /// The endpoint search (Ctrl/Cmd+K).
    pub endpoint_search: fn() -> AnyView,
    /// What the last import offers beyond the form.
    pub import_offer: fn() -> AnyView,
    /// The pre-flight checks of the draft on screen.
    pub lint: Linter,
    /// The findings for one setting, form field or the raw body.
    pub field_findings: fn(FieldRef) -> AnyView,
    /// Every finding of the draft on screen.
    pub all_findings: fn() -> AnyView,
}

split_code! {
    /// Fetches the tools chunk (once) and hands over its entry points.
    pub fn load_tools => tools_code() in tools -> ToolsCode {
        Ok(ToolsCode {
            export_tabs: crate::ui::preview::export_tabs,
            raw_body_editor: crate::ui::preview::raw_body_editor,
            import: routescope_core::request::import::import,
            client_helper: || view! { <crate::ui::clients::ClientHelper /> }.into_any(),
            more_settings: crate::ui::settings::more_settings,
            saved_list: || view! { <crate::ui::saved::SavedList /> }.into_any(),
            endpoint_search: || view! { <crate::ui::endpoints::EndpointSearch /> }.into_any(),
            import_offer: || view! { <crate::ui::import::ImportOfferNotice /> }.into_any(),
            lint: routescope_core::preflight::lint::lint,
            field_findings: crate::ui::findings::field_findings_list,
            all_findings: crate::ui::findings::all_findings_list,
        })
    }
}

/// Every chunk of the page, provided in context.
#[derive(Clone, Copy)]
pub struct Chunks {
    /// Reading and showing answers.
    pub answer: Chunk<AnswerCode>,
    /// The key capability scan.
    pub scan: Chunk<ScanCode>,
    /// Export, import, client setup, connections, saved requests.
    pub tools: Chunk<ToolsCode>,
}

impl Chunks {
    /// Creates the chunks (none fetched yet) and provides them.
    pub fn provide() -> Chunks {
        let chunks = Chunks {
            answer: Chunk::new(load_answer, ("reading answers", "读取响应")),
            scan: Chunk::new(load_scan, ("the key scan", "密钥扫描")),
            tools: Chunk::new(load_tools, ("this tool", "此工具")),
        };
        provide_context(chunks);
        // The pre-flight checks run as soon as their code is here.
        let drafts = use_drafts();
        Effect::new(move |_| {
            if let Some(code) = chunks.tools.code() {
                drafts.linter.set(Some(code.lint));
            }
        });
        // The stored history is read as soon as the code that reads it is here.
        let session = use_session();
        Effect::new(move |_| {
            if let Some(code) = chunks.answer.code() {
                session.restore_history(code.decode_history);
            }
        });
        chunks
    }

    /// Starts fetching every chunk in the background (after the first render).
    pub fn prefetch(&self) {
        self.answer.start();
        self.tools.start();
        self.scan.start();
    }
}

/// The provided chunks.
pub fn use_chunks() -> Chunks {
    use_context::<Chunks>().unwrap_or_else(Chunks::provide)
}
