//! The one place that touches `localStorage` / `sessionStorage`.
//!
//! Settings live in localStorage. The API key is stored only when the person opts in, and
//! then in localStorage under its own entry, so turning the option off deletes it. The
//! history (never the key) is kept too, so it survives a reload; "Clear history" deletes it.
//! Every read tolerates missing storage (private windows, disabled storage) and bad data.

use routescope_core::request::saved::SavedSettings;

const SETTINGS_KEY: &str = "routescope.settings.v1";
const KEY_KEY: &str = "routescope.api-key.v1";
const HISTORY_KEY: &str = "routescope.history.v1";
const SAVED_KEY: &str = "routescope.saved-requests.v1";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved settings, or `None` when there are none or storage cannot be read.
pub fn load_settings() -> Option<SavedSettings> {
    local()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .map(|text| SavedSettings::decode(&text))
}

/// Saves the settings (never the key).
pub fn save_settings(settings: &SavedSettings) {
    if let Some(s) = local() {
        let _ = s.set_item(SETTINGS_KEY, &settings.encode());
    }
}

/// The stored key, when the person chose to store it.
pub fn load_key() -> Option<String> {
    local().and_then(|s| s.get_item(KEY_KEY).ok().flatten())
}

/// Stores the key (only called when the person opted in).
pub fn save_key(key: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(KEY_KEY, key);
    }
}

/// Removes a stored key.
pub fn forget_key() {
    if let Some(s) = local() {
        let _ = s.remove_item(KEY_KEY);
    }
}

/// The stored history text, if any.
pub fn load_history() -> Option<String> {
    local().and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
}

/// Stores the history (the core made it without the key and within its budget); false
/// when the browser refused (storage full or disabled): the history stays in this tab.
pub fn save_history(text: &str) -> bool {
    local().is_some_and(|s| s.set_item(HISTORY_KEY, text).is_ok())
}

/// Removes the stored history.
pub fn forget_history() {
    if let Some(s) = local() {
        let _ = s.remove_item(HISTORY_KEY);
    }
}

/// The saved requests' text, if any.
pub fn load_saved_requests() -> Option<String> {
    local().and_then(|s| s.get_item(SAVED_KEY).ok().flatten())
}

/// Stores the saved requests (the core wrote them without the key); false when the
/// browser refused.
pub fn save_saved_requests(text: &str) -> bool {
    local().is_some_and(|s| s.set_item(SAVED_KEY, text).is_ok())
}
