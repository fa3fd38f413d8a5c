//! What the person set up and the playground remembers between visits: the named
//! connections, the language, the theme, the endpoint on screen, the timeout. A connection's
//! key is kept in memory, and in the tab's or the browser's storage only when that
//! connection opts in.

use leptos::prelude::*;

use crate::storage;
use routescope_core::request::build::Connection;
use routescope_core::request::catalogue::{endpoint, Endpoint, EndpointId};
use routescope_core::request::connections::{ConnectionBook, KeyKeeping};
use routescope_core::request::sandbox::SANDBOX_KEY;
use routescope_core::request::saved::{SavedSettings, Theme};
use routescope_core::text::lang::Lang;

/// The settings, each a signal; provided in context by [`Settings::provide`].
#[derive(Clone, Copy)]
pub struct Settings {
    /// The connection in use, with its key: what every request is built from.
    pub conn: RwSignal<Connection>,
    /// Every named connection (never a key) and which one is in use.
    pub book: RwSignal<ConnectionBook>,
    /// Whether the key is shown in clear (input, preview, exports).
    pub reveal_key: RwSignal<bool>,
    /// The product's language.
    pub lang: RwSignal<Lang>,
    /// Light, dark or the system's.
    pub theme: RwSignal<Theme>,
    /// The endpoint on screen.
    pub endpoint: RwSignal<EndpointId>,
    /// Client timeout override in seconds (0: the endpoint's own).
    pub timeout_secs: RwSignal<u32>,
    /// Whether a gateway twin answered on the sandbox address.
    pub sandbox_found: RwSignal<bool>,
    /// This visit's keys of the connections not in use, by connection id (memory only).
    parked_keys: StoredValue<Vec<(u32, String)>>,
}

impl Settings {
    /// Loads the saved settings (and the keys of connections that keep theirs), provides
    /// them, and keeps storage in step from then on.
    pub fn provide() -> Settings {
        let first_visit = storage::load_settings();
        let fresh = first_visit.is_none();
        let mut saved = first_visit.unwrap_or_default();
        if fresh {
            // A first visit speaks the browser's language (the switch changes it, and the
            // choice is kept from then on).
            let tags: Vec<String> = web_sys::window()
                .map(|w| w.navigator().languages().iter().filter_map(|t| t.as_string()).collect())
                .unwrap_or_default();
            saved.lang = Lang::from_preferences(tags.iter().map(String::as_str));
            // `trunk serve` (a debug build, started by scripts/dev.sh beside the gateway twin)
            // opens on the local sandbox with its demo key, so the first Send works offline.
            // Release builds open on the documented gateway with no key.
            saved.connections = ConnectionBook::first_visit(cfg!(debug_assertions));
        }
        let active = saved.connections.active().clone();
        // A key kept by versions before named connections moves to the connection in use.
        if let Some(legacy) = storage::take_legacy_key() {
            storage::keep_key(active.id, active.keeping, &legacy);
        }
        let api_key = storage::load_key(active.id, active.keeping)
            .or_else(|| active.sandbox.then(|| SANDBOX_KEY.to_string()))
            .unwrap_or_default();
        let settings = Settings {
            conn: RwSignal::new(active.with_key(api_key)),
            book: RwSignal::new(saved.connections),
            reveal_key: RwSignal::new(false),
            lang: RwSignal::new(saved.lang),
            theme: RwSignal::new(saved.theme),
            endpoint: RwSignal::new(saved.endpoint),
            timeout_secs: RwSignal::new(saved.timeout_secs),
            sandbox_found: RwSignal::new(false),
            parked_keys: StoredValue::new(Vec::new()),
        };
        // Edits to the addresses and auth style land in the connection in use.
        Effect::new(move |_| {
            settings.conn.with(|c| settings.book.update(|b| b.update_active(c)));
        });
        // Persist settings whenever they change: never a key, even one typed into an address.
        Effect::new(move |_| {
            let mut book = settings.book.get();
            let active = book.active().id;
            book = settings.conn.with(|c| book.without_secret(active, &c.api_key));
            for (id, key) in settings.parked_keys.get_value() {
                book = book.without_secret(id, &key);
            }
            storage::save_settings(&SavedSettings {
                connections: book,
                lang: settings.lang.get(),
                theme: settings.theme.get(),
                endpoint: settings.endpoint.get(),
                timeout_secs: settings.timeout_secs.get(),
            });
        });
        // The key in use is kept where its connection says, and nowhere else.
        Effect::new(move |_| {
            let (id, keeping) = settings.book.with(|b| (b.active().id, b.active().keeping));
            settings.conn.with(|c| storage::keep_key(id, keeping, &c.api_key));
        });
        // The page's colours follow the choice (`system` leaves them to the system).
        Effect::new(move |_| {
            let theme = settings.theme.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-theme", theme.as_str());
            }
        });
        provide_context(settings);
        settings
    }

    /// The endpoint on screen (tracked).
    pub fn current(&self) -> &'static Endpoint {
        endpoint(self.endpoint.get())
    }

    /// The client timeout for an endpoint: the override, or the endpoint's own.
    pub fn timeout_for(&self, id: EndpointId) -> u32 {
        match self.timeout_secs.get() {
            0 => endpoint(id).timeout_secs,
            n => n,
        }
    }

    /// Parks the key in use under its connection, so coming back to it in this visit finds it.
    fn park_key(&self) {
        let id = self.book.with_untracked(|b| b.active().id);
        let key = self.conn.with_untracked(|c| c.api_key.clone());
        self.parked_keys.update_value(|keys| {
            keys.retain(|(k, _)| *k != id);
            if !key.is_empty() {
                keys.push((id, key));
            }
        });
    }

    /// Makes the book's connection in use the working one, with its key: parked this
    /// visit, else kept in storage, else the sandbox's demo key.
    fn load_active(&self) {
        let active = self.book.with_untracked(|b| b.active().clone());
        let parked = self
            .parked_keys
            .with_value(|keys| keys.iter().find(|(k, _)| *k == active.id).map(|(_, key)| key.clone()));
        let key = parked
            .or_else(|| storage::load_key(active.id, active.keeping))
            .or_else(|| active.sandbox.then(|| SANDBOX_KEY.to_string()))
            .unwrap_or_default();
        self.reveal_key.set(false);
        self.conn.set(active.with_key(key));
    }

    /// Switches to connection `id`: its addresses, auth style and key.
    pub fn switch_connection(&self, id: u32) {
        if self.book.with_untracked(|b| b.active().id) == id {
            return;
        }
        self.park_key();
        if self.book.try_update(|b| b.switch_to(id)).unwrap_or(false) {
            self.load_active();
        }
    }

    /// Adds a connection to the documented gateway, with no key, and switches to it; false
    /// when the book is full.
    pub fn add_connection(&self) -> bool {
        self.park_key();
        let added = self.book.try_update(|b| b.add()).flatten().is_some();
        if added {
            self.load_active();
        }
        added
    }

    /// Switches to the local sandbox, adding it when the book has none.
    pub fn use_sandbox(&self) {
        self.park_key();
        self.book.update(|b| {
            b.add_sandbox();
        });
        self.load_active();
    }

    /// Removes connection `id` and forgets its key everywhere; the neighbour comes into
    /// use when it was the one in use.
    pub fn remove_connection(&self, id: u32) {
        let was_active = self.book.with_untracked(|b| b.active().id) == id;
        if self.book.try_update(|b| b.remove(id)).flatten().is_some() {
            storage::keep_key(id, KeyKeeping::Memory, "");
            storage::forget_scan(id);
            self.parked_keys.update_value(|keys| keys.retain(|(k, _)| *k != id));
            if was_active {
                self.load_active();
            }
        }
    }

    /// Sets where the key of the connection in use is kept (the key effect moves it).
    pub fn set_keeping(&self, keeping: KeyKeeping) {
        self.book.update(|b| {
            let id = b.active().id;
            b.set_keeping(id, keeping);
        });
    }

    /// Sets whether the connection in use looks up each call's cost by itself.
    pub fn set_auto_cost(&self, on: bool) {
        self.book.update(|b| {
            let id = b.active().id;
            b.set_auto_cost(id, on);
        });
    }

    /// Forgets the key of the connection in use: out of memory and out of storage.
    pub fn forget_key(&self) {
        self.conn.update(|c| c.api_key.clear());
    }
}

/// The settings provided by [`Settings::provide`].
pub fn use_settings() -> Settings {
    expect_context::<Settings>()
}
