//! The app's state, in three parts provided through context separately, so a component
//! takes only what it needs:
//! - [`Settings`]: what the person set up (persisted; the key only on request);
//! - [`DraftStore`]: every endpoint's unsent form and raw body, written only through its
//!   methods, and the request and findings derived from them (Memos);
//! - [`Session`]: this visit's exchange, history and model list (memory only).
//!
//! Computable values are Memos over core functions; effects exist only to talk to storage.
//! The few operations that touch more than one part live here.

mod drafts;
mod session;
mod settings;

use leptos::prelude::*;

pub use drafts::{use_drafts, DraftStore, Linter};
pub use session::{
    use_session, Exchange, Following, HistoryEntry, ImportOffer, LiveView, Phase, Session, StopReason, StorageNotice,
};
pub use settings::{use_settings, Settings};

use routescope_core::request::catalogue::Origin;
use routescope_core::request::http::Body;
use routescope_core::request::import::Imported;
use routescope_core::request::share::{decode, encode};

/// Creates and provides the three parts of the state.
pub fn provide_state() -> (Settings, DraftStore, Session) {
    let settings = Settings::provide();
    let session = Session::provide();
    let drafts = DraftStore::provide(settings, session.models.into());
    (settings, drafts, session)
}

/// Opens a request described by a link fragment (docs deep links, shared links).
pub fn open_link(settings: Settings, drafts: DraftStore, session: Session, fragment: &str) {
    let Some(shared) = decode(fragment) else { return };
    drafts.replace(shared.endpoint, shared.values, shared.raw_body);
    // A link never moves the key elsewhere on its own: a different gateway is proposed, and
    // used only once the person confirms it.
    let current = settings.conn.with_untracked(|c| c.gateway.clone());
    session.proposed_gateway.set(
        shared
            .gateway
            .filter(|g| g.trim().trim_end_matches('/') != current.trim().trim_end_matches('/')),
    );
    settings.endpoint.set(shared.endpoint);
    session.phase.set(Phase::Idle);
    session.ignored_link_parts.set(shared.ignored);
}

/// Opens what an import read: its endpoint and form now; the gateway it called, the key it
/// carried and its timeout only as an offer the person answers.
pub fn apply_import(settings: Settings, drafts: DraftStore, session: Session, imported: Imported) {
    let ep = routescope_core::request::catalogue::endpoint(imported.endpoint);
    drafts.replace(imported.endpoint, imported.values, imported.raw_body);
    settings.endpoint.set(imported.endpoint);
    session.phase.set(Phase::Idle);
    let current = settings.conn.with_untracked(|c| match ep.origin {
        Origin::Gateway => c.gateway.clone(),
        Origin::SelfService => c.self_service.clone(),
    });
    let same = |a: &str, b: &str| a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/');
    session.import_offer.set(Some(ImportOffer {
        endpoint: imported.endpoint,
        base: Some(imported.base).filter(|b| !same(b, &current)),
        key: imported.key,
        timeout_secs: imported.timeout_secs,
        unmapped: imported.unmapped,
    }));
}

/// Opens a saved request: its endpoint and form (a saved request names no gateway).
pub fn open_saved(settings: Settings, drafts: DraftStore, session: Session, index: usize) {
    let Some(shared) = session.saved.with_untracked(|s| s.open(index)) else {
        return;
    };
    drafts.replace(shared.endpoint, shared.values, shared.raw_body);
    settings.endpoint.set(shared.endpoint);
    session.phase.set(Phase::Idle);
}

/// Puts a past exchange back on screen: its endpoint, form, raw body and answer.
pub fn restore(settings: Settings, drafts: DraftStore, session: Session, serial: u32) {
    let Some(entry) = session
        .history
        .with_untracked(|h| h.iter().find(|e| e.exchange.serial == serial).cloned())
    else {
        return;
    };
    let id = entry.exchange.endpoint;
    drafts.replace(id, entry.values, entry.raw_body);
    settings.endpoint.set(id);
    session.phase.set(Phase::Done(entry.exchange));
}

/// The link fragment for the request on screen (never the key; tracked).
pub fn link_fragment(settings: Settings, drafts: DraftStore) -> String {
    let id = settings.endpoint.get();
    let body = drafts.built.with(|b| match b.request.as_ref().map(|r| &r.body) {
        Some(Body::Json(t)) => Some(t.clone()),
        _ => None,
    });
    let (gateway, key) = settings.conn.with(|c| (c.gateway.clone(), c.api_key.clone()));
    let (values, _) = drafts.snapshot(id);
    encode(id, &values, body.as_deref(), Some(&gateway), &key)
}
