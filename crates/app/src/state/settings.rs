//! What the person set up and the playground remembers between visits: the connection,
//! the language, the endpoint on screen, the timeout. The key itself is remembered only
//! while "Remember key" is ticked.

use leptos::prelude::*;

use crate::storage;
use routescope_core::request::build::Connection;
use routescope_core::request::catalogue::{endpoint, Endpoint, EndpointId};
use routescope_core::request::saved::SavedSettings;
use routescope_core::text::lang::Lang;

/// Where `scripts/dev.sh` starts the gateway twin.
const DEV_TWIN: &str = "http://127.0.0.1:8787";
/// The twin's demo key that succeeds (not a secret: the twin is a local sandbox).
const DEV_TWIN_KEY: &str = "sk-twin-valid";

/// The settings, each a signal; provided in context by [`Settings::provide`].
#[derive(Clone, Copy)]
pub struct Settings {
    /// Gateway address, self-service address, key and auth style.
    pub conn: RwSignal<Connection>,
    /// Whether the key is shown in clear (input, preview, exports).
    pub reveal_key: RwSignal<bool>,
    /// Whether the key is stored in this browser.
    pub remember_key: RwSignal<bool>,
    /// The product's language.
    pub lang: RwSignal<Lang>,
    /// The endpoint on screen.
    pub endpoint: RwSignal<EndpointId>,
    /// Client timeout override in seconds (0: the endpoint's own).
    pub timeout_secs: RwSignal<u32>,
}

impl Settings {
    /// Loads the saved settings (and the key, when remembered), provides them, and keeps
    /// storage in step from then on.
    pub fn provide() -> Settings {
        let first_visit = storage::load_settings();
        let fresh = first_visit.is_none();
        let mut saved = first_visit.unwrap_or_default();
        let mut api_key = if saved.remember_key {
            storage::load_key().unwrap_or_default()
        } else {
            String::new()
        };
        // `trunk serve` (a debug build, started by scripts/dev.sh beside the gateway twin)
        // opens on the twin with its demo key, so the first Send works offline. Release
        // builds open on the documented gateway with no key.
        // A first visit speaks the browser's language (the switch changes it, and the choice
        // is kept from then on).
        if fresh {
            let tags: Vec<String> = web_sys::window()
                .map(|w| w.navigator().languages().iter().filter_map(|t| t.as_string()).collect())
                .unwrap_or_default();
            saved.lang = Lang::from_preferences(tags.iter().map(String::as_str));
        }
        if cfg!(debug_assertions) && fresh {
            saved.gateway = DEV_TWIN.to_string();
            saved.self_service = DEV_TWIN.to_string();
            api_key = DEV_TWIN_KEY.to_string();
        }
        let settings = Settings {
            conn: RwSignal::new(Connection {
                gateway: saved.gateway.clone(),
                self_service: saved.self_service.clone(),
                api_key,
                auth: saved.auth,
            }),
            reveal_key: RwSignal::new(false),
            remember_key: RwSignal::new(saved.remember_key),
            lang: RwSignal::new(saved.lang),
            endpoint: RwSignal::new(saved.endpoint),
            timeout_secs: RwSignal::new(saved.timeout_secs),
        };
        // Persist settings (never the key, even one typed into an address) whenever they change.
        Effect::new(move |_| {
            let saved = settings.conn.with(|c| {
                SavedSettings {
                    gateway: c.gateway.clone(),
                    self_service: c.self_service.clone(),
                    auth: c.auth,
                    lang: settings.lang.get(),
                    endpoint: settings.endpoint.get(),
                    remember_key: settings.remember_key.get(),
                    timeout_secs: settings.timeout_secs.get(),
                }
                .without_secret(&c.api_key)
            });
            storage::save_settings(&saved);
        });
        // The key is written only while the person wants it remembered.
        Effect::new(move |_| {
            if settings.remember_key.get() {
                settings.conn.with(|c| storage::save_key(&c.api_key));
            } else {
                storage::forget_key();
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
}

/// The settings provided by [`Settings::provide`].
pub fn use_settings() -> Settings {
    expect_context::<Settings>()
}
