//! This visit's activity: the exchange on screen, the history, the model ids last listed,
//! a one-time notice and the client helper's state. Kept in memory only, never the key.

use std::sync::Arc;

use leptos::prelude::*;

use routescope_core::answer::response::TaskState;
use routescope_core::exchange::Live;
use routescope_core::history;
use routescope_core::request::catalogue::EndpointId;
use routescope_core::request::import::FoundKey;
use routescope_core::request::saved_requests::SavedRequests;

pub use routescope_core::exchange::Exchange;

/// What the page shows while an answer arrives: a copy of the domain's live reading, taken
/// at most once per repaint interval.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveView {
    /// The status, once the head came.
    pub status: Option<u16>,
    /// Bytes received so far.
    pub bytes: usize,
    /// The merged text of a stream so far.
    pub text: Option<String>,
    /// Stream events merged so far.
    pub events: usize,
}

impl LiveView {
    /// Copies what the domain reads now.
    pub fn of(live: &Live<'_>) -> LiveView {
        LiveView {
            status: live.status,
            bytes: live.bytes,
            text: live.merged.map(|m| m.text.clone()).filter(|t| !t.is_empty()),
            events: live.merged.map_or(0, |m| m.events),
        }
    }
}

/// One past exchange and the form that made it (the core's stored-history entry). Never
/// the key: the form holds none, and the request line is redacted.
pub use routescope_core::history::store::StoredEntry as HistoryEntry;

/// Where the current request is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Nothing sent yet.
    Idle,
    /// Waiting for the answer; what has arrived so far.
    InFlight(LiveView),
    /// Done (shared with the history: a big body is never copied).
    Done(Arc<Exchange>),
}

/// What an import offers beyond the form it filled. The key stays here, in memory, only
/// until the person uses or ignores it; it is never part of the form, history or links.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOffer {
    /// The endpoint the import opened.
    pub endpoint: EndpointId,
    /// The address the command called, when it is not the one in use.
    pub base: Option<String>,
    /// The key the command carried.
    pub key: Option<FoundKey>,
    /// The client timeout the command set.
    pub timeout_secs: Option<u32>,
    /// What was not imported, and why.
    pub unmapped: Vec<String>,
}

/// Something storage did that the person should know: nothing is lost silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageNotice {
    /// The browser refused to keep the history (storage full or disabled).
    HistoryNotKept,
    /// Stored history entries that could not be read and were left out.
    HistoryUnreadable(usize),
    /// The browser refused to keep the saved requests.
    SavedNotKept,
    /// The stored saved requests could not be read (entries left out).
    SavedUnreadable(usize),
}

/// An async task being followed to its end.
#[derive(Clone, Debug, PartialEq)]
pub struct Following {
    /// The task id.
    pub task_id: String,
    /// The endpoint that queries it.
    pub query: EndpointId,
    /// Polls sent so far.
    pub polls: usize,
    /// The last status read.
    pub state: Option<TaskState>,
    /// When following began (browser milliseconds).
    pub started_ms: f64,
    /// Milliseconds followed, as of the last poll.
    pub elapsed_ms: u64,
    /// Whether polling goes on.
    pub active: bool,
    /// Why it stopped, when it stopped for another reason than an end state.
    pub stopped: Option<StopReason>,
}

/// Why following stopped early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The person pressed Stop.
    Stopped,
    /// An answer was not a task status (an error: the diagnosis says which).
    NotAStatus,
    /// The query could not be built from its form.
    CannotBuild,
    /// Followed for the whole limit without an end.
    GaveUp,
}

/// The session's signals; provided in context by [`Session::provide`].
#[derive(Clone, Copy)]
pub struct Session {
    /// The current exchange.
    pub phase: RwSignal<Phase>,
    /// Past exchanges, newest first; kept in memory only, within the core's byte budget.
    pub history: RwSignal<Vec<HistoryEntry>>,
    /// Exchanges the history dropped to stay within its byte budget (said, not hidden).
    pub history_dropped_entries: RwSignal<usize>,
    /// Model ids from the last successful model list, for the pickers and the checks.
    pub models: RwSignal<Vec<String>>,
    /// Parts of the last opened link that were ignored (shown once, until dismissed).
    pub ignored_link_parts: RwSignal<Vec<String>>,
    /// A gateway address a link proposed: used only when the person confirms it, since the
    /// key goes wherever the gateway points.
    pub proposed_gateway: RwSignal<Option<String>>,
    /// Whether the client setup helper is open.
    pub client_helper_open: RwSignal<bool>,
    /// Text to import, handed over by a paste elsewhere (a command pasted into an address).
    pub import_request: RwSignal<Option<String>>,
    /// Requests the person named and kept (in local storage, never the key).
    pub saved: RwSignal<SavedRequests>,
    /// What storage could not do, said once until dismissed.
    pub storage_notice: RwSignal<Option<StorageNotice>>,
    /// What the last import offers beyond the form (the gateway it called, the key it
    /// carried, what it could not import), until the person answers or dismisses it.
    pub import_offer: RwSignal<Option<ImportOffer>>,
    /// The async task being followed, if any.
    pub following: RwSignal<Option<Following>>,
    /// Whether the stored history has been read (see [`Session::restore_history`]).
    history_restored: StoredValue<bool>,
}

impl Session {
    /// Creates an empty session and provides it.
    pub fn provide() -> Session {
        // The saved requests are read now; the history kept across reloads is read again by
        // today's rules (which diagnose every entry) once the answer chunk is here: see
        // `restore_history`. What could not be read is counted and said.
        let (saved, skipped) = match crate::storage::load_saved_requests().map(|t| SavedRequests::decode(&t)) {
            None => (SavedRequests::default(), 0),
            Some(Ok(read)) => read,
            Some(Err(_)) => (SavedRequests::default(), 1),
        };
        let notice = (skipped > 0).then_some(StorageNotice::SavedUnreadable(skipped));
        let session = Session {
            phase: RwSignal::new(Phase::Idle),
            history: RwSignal::new(Vec::new()),
            history_restored: StoredValue::new(false),
            history_dropped_entries: RwSignal::new(0),
            models: RwSignal::new(Vec::new()),
            ignored_link_parts: RwSignal::new(Vec::new()),
            proposed_gateway: RwSignal::new(None),
            client_helper_open: RwSignal::new(false),
            import_request: RwSignal::new(None),
            saved: RwSignal::new(saved),
            storage_notice: RwSignal::new(notice),
            import_offer: RwSignal::new(None),
            following: RwSignal::new(None),
        };
        provide_context(session);
        session
    }

    /// Reads the history kept across reloads with `decode` (the core's history decoder,
    /// which lives in the answer chunk), once per visit and before anything new is
    /// remembered, so an early Send never overwrites what was kept.
    pub fn restore_history(&self, decode: fn(&str) -> (Vec<HistoryEntry>, usize)) {
        if self.history_restored.get_value() {
            return;
        }
        self.history_restored.set_value(true);
        let Some(text) = crate::storage::load_history() else {
            return;
        };
        let (kept, unreadable) = decode(&text);
        self.history.update(|h| h.extend(kept));
        if unreadable > 0 && self.storage_notice.get_untracked().is_none() {
            self.storage_notice
                .set(Some(StorageNotice::HistoryUnreadable(unreadable)));
        }
    }

    /// Records a finished exchange in the history (newest first), cut and capped as the
    /// core's history rules say, and keeps the history across reloads (`key` is redacted
    /// from what is stored once more).
    pub fn remember(&self, mut entry: HistoryEntry, key: &str) {
        entry.exchange = history::kept_for_history(&entry.exchange);
        let mut dropped = 0;
        self.history.update(|h| {
            h.insert(0, entry);
            let kept = history::entries_kept(h.iter().map(|e| history::held_bytes(&e.exchange)));
            // Entries beyond the count limit are the usual rolling history; only those the
            // byte budget pushed out are worth a word.
            dropped = h.len().min(history::HISTORY_LIMIT) - kept;
            h.truncate(kept);
        });
        if dropped > 0 {
            self.history_dropped_entries.update(|n| *n += dropped);
        }
        self.store_history(key);
    }

    /// Writes the history to storage.
    pub fn store_history(&self, key: &str) {
        let kept = self
            .history
            .with_untracked(|h| crate::storage::save_history(&history::store::encode(h, key)));
        if !kept {
            self.storage_notice.set(Some(StorageNotice::HistoryNotKept));
        }
    }

    /// Deletes one past exchange.
    pub fn forget(&self, serial: u32, key: &str) {
        self.history.update(|h| h.retain(|e| e.exchange.serial != serial));
        self.store_history(key);
    }

    /// Changes the saved requests and stores them.
    pub fn update_saved(&self, change: impl FnOnce(&mut SavedRequests)) {
        self.saved.update(change);
        if !self
            .saved
            .with_untracked(|s| crate::storage::save_saved_requests(&s.encode()))
        {
            self.storage_notice.set(Some(StorageNotice::SavedNotKept));
        }
    }

    /// Deletes the whole history, here and in storage.
    pub fn clear_history(&self) {
        self.history.set(Vec::new());
        self.history_dropped_entries.set(0);
        crate::storage::forget_history();
    }

    /// Whether a request is in flight (tracked).
    pub fn in_flight(&self) -> bool {
        self.phase.with(|p| matches!(p, Phase::InFlight(_)))
    }
}

/// The session provided by [`Session::provide`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
