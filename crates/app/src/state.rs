//! The app's state, provided through context. Computable values are Memos over domain
//! functions; effects exist only to talk to storage.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::storage;
use routescope_core::answer::response::Rendered;
use routescope_core::diagnosis::{Diagnosis, Transport};
use routescope_core::preflight::lint::{apply_fix, lint, Finding, Fix, LintInput};
use routescope_core::request::build::{build_request, Built, Connection};
use routescope_core::request::catalogue::{endpoint, Endpoint, EndpointId, CATALOGUE};
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::form::FormValues;
use routescope_core::request::saved::SavedSettings;
use routescope_core::request::share::{decode, encode};
use routescope_core::request::sync::{form_from_raw, merge_form_into_raw};
use routescope_core::text::lang::Lang;

/// One finished exchange: what was sent, what came back, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// A serial number, so views can tell exchanges apart.
    pub serial: u32,
    /// The endpoint it was sent to.
    pub endpoint: EndpointId,
    /// The method and URL, key redacted.
    pub request_line: String,
    /// The model the request named, for the follow-up checks.
    pub model: Option<String>,
    /// Milliseconds to the response head (time to first byte).
    pub head_ms: Option<u64>,
    /// Milliseconds to the first streamed assistant text.
    pub first_token_ms: Option<u64>,
    /// The transport outcome.
    pub transport: Transport,
    /// The rendered answer (text, usage, images…).
    pub rendered: Rendered,
    /// The verdict.
    pub diagnosis: Diagnosis,
}

/// One past exchange and the form that made it. Never the key: the form holds none, and
/// the request line is redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// The exchange as it was shown.
    pub exchange: Exchange,
    /// The form values at Send.
    pub values: FormValues,
    /// The raw body at Send, when the body was edited by hand.
    pub raw_body: Option<String>,
}

/// How many past exchanges the history keeps (in memory only).
pub const HISTORY_LIMIT: usize = 30;

/// Where the current request is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Nothing sent yet.
    Idle,
    /// Waiting for the answer; the text received so far.
    InFlight {
        /// Text streamed in so far.
        partial: String,
    },
    /// Done.
    Done(Box<Exchange>),
}

/// Every signal the UI shares.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Gateway address, key and auth style.
    pub conn: RwSignal<Connection>,
    /// Whether the key is shown in clear (input, preview, curl).
    pub reveal_key: RwSignal<bool>,
    /// Whether the key is stored in this browser.
    pub remember_key: RwSignal<bool>,
    /// The product's language.
    pub lang: RwSignal<Lang>,
    /// The endpoint on screen.
    pub endpoint: RwSignal<EndpointId>,
    /// Each endpoint's form values (kept when switching endpoints).
    pub forms: RwSignal<BTreeMap<EndpointId, FormValues>>,
    /// Each endpoint's raw body, when the person edits the body by hand.
    pub raw_bodies: RwSignal<BTreeMap<EndpointId, String>>,
    /// Client timeout override in seconds (0: the endpoint's own).
    pub timeout_secs: RwSignal<u32>,
    /// The current exchange.
    pub phase: RwSignal<Phase>,
    /// Model ids from the last successful model list, for the pickers.
    pub models: RwSignal<Vec<String>>,
    /// The request as built from the current form.
    pub built: Memo<Built>,
    /// Pre-flight findings for the current form, live.
    pub findings: Memo<Vec<Finding>>,
    /// Whether the client setup helper is open.
    pub client_helper_open: RwSignal<bool>,
    /// A notice to show once (e.g. parts of a link that were ignored).
    pub notice: RwSignal<Option<String>>,
    /// Past exchanges, newest first; kept in memory only.
    pub history: RwSignal<Vec<HistoryEntry>>,
}

impl AppState {
    /// Creates the state from saved settings and provides it.
    pub fn provide() -> AppState {
        let saved = storage::load_settings();
        let key = if saved.remember_key {
            storage::load_key().unwrap_or_default()
        } else {
            String::new()
        };
        let conn = RwSignal::new(Connection {
            gateway: saved.gateway.clone(),
            self_service: saved.self_service.clone(),
            api_key: key,
            auth: saved.auth,
        });
        let forms = RwSignal::new(
            CATALOGUE
                .iter()
                .map(|e| (e.id, FormValues::defaults(e)))
                .collect::<BTreeMap<_, _>>(),
        );
        let endpoint_id = RwSignal::new(saved.endpoint);
        let raw_bodies = RwSignal::new(BTreeMap::new());
        let built = Memo::new(move |_| {
            let id = endpoint_id.get();
            let ep = endpoint(id);
            let raw = raw_bodies.with(|r: &BTreeMap<EndpointId, String>| r.get(&id).cloned());
            conn.with(|c| {
                forms.with(|f| {
                    build_request(
                        ep,
                        c,
                        &f.get(&id).cloned().unwrap_or_else(|| FormValues::defaults(ep)),
                        raw.as_deref(),
                    )
                })
            })
        });
        let lang = RwSignal::new(saved.lang);
        let models = RwSignal::new(Vec::<String>::new());
        let page_is_https = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let findings = Memo::new(move |_| {
            let id = endpoint_id.get();
            let ep = endpoint(id);
            let raw = raw_bodies.with(|r: &BTreeMap<EndpointId, String>| r.get(&id).cloned());
            let values = forms
                .with(|f| f.get(&id).cloned())
                .unwrap_or_else(|| FormValues::defaults(ep));
            conn.with(|c| {
                models.with(|m| {
                    lint(
                        &LintInput {
                            endpoint: ep,
                            conn: c,
                            values: &values,
                            raw_body: raw.as_deref(),
                            page_is_https,
                            known_models: m,
                        },
                        lang.get(),
                    )
                })
            })
        });
        let state = AppState {
            conn,
            reveal_key: RwSignal::new(false),
            remember_key: RwSignal::new(saved.remember_key),
            lang,
            endpoint: endpoint_id,
            forms,
            raw_bodies,
            timeout_secs: RwSignal::new(saved.timeout_secs),
            phase: RwSignal::new(Phase::Idle),
            models,
            built,
            findings,
            client_helper_open: RwSignal::new(false),
            notice: RwSignal::new(None),
            history: RwSignal::new(Vec::new()),
        };
        // Persist settings (never the key) whenever they change.
        Effect::new(move |_| {
            let settings = conn.with(|c| SavedSettings {
                gateway: c.gateway.clone(),
                self_service: c.self_service.clone(),
                auth: c.auth,
                lang: state.lang.get(),
                endpoint: endpoint_id.get(),
                remember_key: state.remember_key.get(),
                timeout_secs: state.timeout_secs.get(),
            });
            storage::save_settings(&settings);
        });
        // The key is written only while the person wants it remembered.
        Effect::new(move |_| {
            if state.remember_key.get() {
                conn.with(|c| storage::save_key(&c.api_key));
            } else {
                storage::forget_key();
            }
        });
        provide_context(state);
        state
    }

    /// The endpoint on screen.
    pub fn current(&self) -> &'static Endpoint {
        endpoint(self.endpoint.get())
    }

    /// The current endpoint's form values.
    pub fn values(&self) -> FormValues {
        let id = self.endpoint.get();
        self.forms
            .with(|f| f.get(&id).cloned())
            .unwrap_or_else(|| FormValues::defaults(endpoint(id)))
    }

    /// Changes the current endpoint's form values; a raw body being edited follows along.
    pub fn update_values(&self, change: impl FnOnce(&mut FormValues)) {
        let id = self.endpoint.get_untracked();
        let mut updated = None;
        self.forms.update(|f| {
            let values = f.entry(id).or_insert_with(|| FormValues::defaults(endpoint(id)));
            change(values);
            updated = Some(values.clone());
        });
        let raw = self.raw_bodies.with_untracked(|r| r.get(&id).cloned());
        if let (Some(values), Some(raw)) = (updated, raw) {
            if let Some(merged) = merge_form_into_raw(endpoint(id), &values, &raw) {
                self.raw_bodies.update(|r| {
                    r.insert(id, merged);
                });
            }
        }
    }

    /// Sets the raw body as typed and carries what the form can show back into it.
    pub fn set_raw_body(&self, text: String) {
        let id = self.endpoint.get_untracked();
        let current = self
            .forms
            .with_untracked(|f| f.get(&id).cloned())
            .unwrap_or_else(|| FormValues::defaults(endpoint(id)));
        let synced = form_from_raw(endpoint(id), &text, &current);
        if synced != current {
            self.forms.update(|f| {
                f.insert(id, synced);
            });
        }
        self.raw_bodies.update(|r| {
            r.insert(id, text);
        });
    }
}

impl AppState {
    /// Applies a pre-flight fix to the settings, form and raw body it concerns.
    pub fn apply_fix(&self, fix: &Fix, field: FieldRef) {
        let id = self.endpoint.get_untracked();
        let mut conn = self.conn.get_untracked();
        let mut values = self
            .forms
            .with_untracked(|f| f.get(&id).cloned())
            .unwrap_or_else(|| FormValues::defaults(endpoint(id)));
        let mut raw = self.raw_bodies.with_untracked(|r| r.get(&id).cloned());
        let outcome = apply_fix(fix, field, &mut conn, &mut values, &mut raw);
        self.conn.set(conn);
        self.forms.update(|f| {
            f.insert(id, values);
        });
        if let Some(text) = raw {
            self.raw_bodies.update(|r| {
                r.insert(id, text);
            });
        }
        if let Some(target) = outcome.switch_to {
            self.endpoint.set(target);
        }
    }
}

impl AppState {
    /// Opens a request described by a link fragment (docs deep links, shared links).
    pub fn apply_link(&self, fragment: &str) {
        let Some(shared) = decode(fragment) else { return };
        let id = shared.endpoint;
        self.forms.update(|f| {
            f.insert(id, shared.values);
        });
        self.raw_bodies.update(|r| match shared.raw_body {
            Some(raw) => {
                r.insert(id, raw);
            }
            None => {
                r.remove(&id);
            }
        });
        if let Some(g) = shared.gateway {
            self.conn.update(|c| c.gateway = g);
        }
        self.endpoint.set(id);
        self.phase.set(Phase::Idle);
        self.notice.set(
            (!shared.ignored.is_empty())
                .then(|| format!("Parts of the link were ignored: {}.", shared.ignored.join("; "))),
        );
    }

    /// Records a finished exchange in the history (newest first, capped).
    pub fn remember(&self, entry: HistoryEntry) {
        self.history.update(|h| {
            h.insert(0, entry);
            h.truncate(HISTORY_LIMIT);
        });
    }

    /// Puts a past exchange back on screen: its endpoint, form, raw body and answer.
    pub fn restore(&self, serial: u32) {
        let Some(entry) = self
            .history
            .with_untracked(|h| h.iter().find(|e| e.exchange.serial == serial).cloned())
        else {
            return;
        };
        let id = entry.exchange.endpoint;
        self.forms.update(|f| {
            f.insert(id, entry.values);
        });
        self.raw_bodies.update(|r| match entry.raw_body {
            Some(raw) => {
                r.insert(id, raw);
            }
            None => {
                r.remove(&id);
            }
        });
        self.endpoint.set(id);
        self.phase.set(Phase::Done(Box::new(entry.exchange)));
    }

    /// The link fragment for the request on screen (never the key).
    pub fn link_fragment(&self) -> String {
        let id = self.endpoint.get();
        let body = self.built.with(|b| match b.request.as_ref().map(|r| &r.body) {
            Some(routescope_core::request::http::Body::Json(t)) => Some(t.clone()),
            _ => None,
        });
        let gateway = self.conn.with(|c| c.gateway.clone());
        let values = self.values();
        encode(id, &values, body.as_deref(), Some(&gateway))
    }
}

/// The state provided by [`AppState::provide`].
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
