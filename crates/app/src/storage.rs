//! The one place that touches `localStorage` / `sessionStorage`.
//!
//! Settings (named connections without their keys) live in localStorage. A connection's key
//! is stored only when that connection opts in: in sessionStorage ("this tab") or
//! localStorage ("this browser"), under its own entry, so choosing "memory only" or
//! "Forget key" deletes it. The
//! history (never the key) is kept too, so it survives a reload; "Clear history" deletes it.
//! Every read tolerates missing storage (private windows, disabled storage) and bad data.

use routescope_core::request::connections::{key_entry, KeyKeeping};
use routescope_core::request::saved::SavedSettings;

const SETTINGS_KEY: &str = "routescope.settings.v1";
/// Where versions before named connections kept the one remembered key.
const LEGACY_KEY_KEY: &str = "routescope.api-key.v1";
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

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The storage a key kept this way lives in (none for memory-only).
fn key_store(keeping: KeyKeeping) -> Option<web_sys::Storage> {
    match keeping {
        KeyKeeping::Memory => None,
        KeyKeeping::Tab => session(),
        KeyKeeping::Browser => local(),
    }
}

/// Connection `id`'s key, when it is kept in the tab's or the browser's storage.
pub fn load_key(id: u32, keeping: KeyKeeping) -> Option<String> {
    key_store(keeping)
        .and_then(|s| s.get_item(&key_entry(id)).ok().flatten())
        .filter(|k| !k.is_empty())
}

/// Keeps connection `id`'s key where its keeping says, and nowhere else (an empty key or
/// a memory-only connection leaves it in no storage).
pub fn keep_key(id: u32, keeping: KeyKeeping, key: &str) {
    let entry = key_entry(id);
    for (store, wanted) in [(session(), KeyKeeping::Tab), (local(), KeyKeeping::Browser)] {
        let Some(store) = store else { continue };
        if keeping == wanted && !key.is_empty() {
            let _ = store.set_item(&entry, key);
        } else {
            let _ = store.remove_item(&entry);
        }
    }
}

/// The key stored by versions before named connections (one key, in localStorage), removed
/// as it is read: the caller keeps it under its connection from then on.
pub fn take_legacy_key() -> Option<String> {
    let store = local()?;
    let key = store.get_item(LEGACY_KEY_KEY).ok().flatten();
    let _ = store.remove_item(LEGACY_KEY_KEY);
    key.filter(|k| !k.is_empty())
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

fn scan_entry(connection: u32) -> String {
    format!("routescope.scan.v1.{connection}")
}

/// A connection's last key-scan results, if kept.
pub fn load_scan(connection: u32) -> Option<String> {
    local().and_then(|s| s.get_item(&scan_entry(connection)).ok().flatten())
}

/// Keeps a connection's key-scan results (the core wrote them; no row holds the key).
pub fn save_scan(connection: u32, text: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(&scan_entry(connection), text);
    }
}

/// Removes a connection's key-scan results.
pub fn forget_scan(connection: u32) {
    if let Some(s) = local() {
        let _ = s.remove_item(&scan_entry(connection));
    }
}
