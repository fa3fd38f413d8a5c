//! Named connections: several gateway + self-service + auth-style sets ("RouteScope",
//! "Local sandbox", another provider) switched in one click.
//!
//! The book is what settings storage keeps of them, so it never holds a key: each
//! connection only says where its key may be kept ([`KeyKeeping`]); the shell keeps the keys
//! in memory and, when a connection opts in, under [`key_entry`] in the tab's or the browser's
//! storage. A connection's addresses are scrubbed of its key ([`ConnectionBook::without_secret`])
//! before the book is stored, in case the key was typed into one of them.

use serde_json::{json, Value};

use crate::request::build::{Connection, DEFAULT_GATEWAY, DEFAULT_SELF_SERVICE};
use crate::request::protocol::AuthStyle;
use crate::request::sandbox::{SANDBOX_ADDRESS, SANDBOX_NAME};
use crate::text::lang::Lang;

/// The most connections the book keeps.
pub const CONNECTIONS_LIMIT: usize = 20;
/// The longest name, in characters.
pub const NAME_LIMIT: usize = 40;

/// Where a connection's key is kept between page loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum KeyKeeping {
    /// Only in this page's memory: a reload forgets it (the default).
    #[default]
    Memory,
    /// In this tab's session storage: a reload keeps it, closing the tab forgets it.
    Tab,
    /// In this browser's local storage, until "Forget key".
    Browser,
}

impl KeyKeeping {
    /// Every choice, in the order the picker shows them.
    pub const ALL: [KeyKeeping; 3] = [KeyKeeping::Memory, KeyKeeping::Tab, KeyKeeping::Browser];

    /// The id used in storage and as the picker's value.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKeeping::Memory => "memory",
            KeyKeeping::Tab => "tab",
            KeyKeeping::Browser => "browser",
        }
    }

    /// Reads an id written by [`KeyKeeping::as_str`].
    pub fn parse(text: &str) -> Option<KeyKeeping> {
        KeyKeeping::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// What the picker shows.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            KeyKeeping::Memory => lang.pick("Keep key in memory only", "密钥仅保存在内存中"),
            KeyKeeping::Tab => lang.pick("Keep key in this tab", "在此标签页中保存密钥"),
            KeyKeeping::Browser => lang.pick("Keep key in this browser", "在此浏览器中保存密钥"),
        }
    }
}

/// The storage entry a connection's key is kept under (when it opts in).
pub fn key_entry(id: u32) -> String {
    format!("routescope.key.v2.{id}")
}

/// One named set of addresses and auth style (never the key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedConnection {
    /// Stable id: names the key's storage entry, survives renames.
    pub id: u32,
    /// What the picker shows.
    pub name: String,
    /// The model gateway's address.
    pub gateway: String,
    /// The self-service API's address.
    pub self_service: String,
    /// The preferred auth style.
    pub auth: AuthStyle,
    /// Where its key may be kept.
    pub keeping: KeyKeeping,
    /// Whether this is the local twin, whose demo key is filled in when it has none.
    pub sandbox: bool,
    /// Whether each call's cost is looked up in the usage log as soon as it is answered.
    pub auto_cost: bool,
}

impl NamedConnection {
    /// The documented gateway, with no key kept.
    fn routescope(id: u32) -> NamedConnection {
        NamedConnection {
            id,
            name: "RouteScope".to_string(),
            gateway: DEFAULT_GATEWAY.to_string(),
            self_service: DEFAULT_SELF_SERVICE.to_string(),
            auth: AuthStyle::Bearer,
            keeping: KeyKeeping::Memory,
            sandbox: false,
            auto_cost: false,
        }
    }

    /// The local twin at [`SANDBOX_ADDRESS`].
    fn sandbox(id: u32) -> NamedConnection {
        NamedConnection {
            id,
            name: SANDBOX_NAME.to_string(),
            gateway: SANDBOX_ADDRESS.to_string(),
            self_service: SANDBOX_ADDRESS.to_string(),
            auth: AuthStyle::Bearer,
            keeping: KeyKeeping::Memory,
            sandbox: true,
            auto_cost: false,
        }
    }

    /// The working connection for this set with `api_key`.
    pub fn with_key(&self, api_key: String) -> Connection {
        Connection {
            gateway: self.gateway.clone(),
            self_service: self.self_service.clone(),
            api_key,
            auth: self.auth,
        }
    }

    fn encode(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "gateway": self.gateway,
            "self_service": self.self_service,
            "auth": self.auth.as_str(),
            "keeping": self.keeping.as_str(),
            "sandbox": self.sandbox,
            "auto_cost": self.auto_cost,
        })
    }

    /// Reads one stored connection; `None` without a usable id. Other fields fall back
    /// one by one, so a bad value never loses the rest.
    fn decode(v: &Value) -> Option<NamedConnection> {
        let id = u32::try_from(v.get("id")?.as_u64()?).ok()?;
        let d = NamedConnection::routescope(id);
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let name = s("name").map(|n| clean_name(&n)).filter(|n| !n.is_empty());
        Some(NamedConnection {
            id,
            name: name.unwrap_or_else(|| format!("Connection {id}")),
            gateway: s("gateway").unwrap_or(d.gateway),
            self_service: s("self_service").unwrap_or(d.self_service),
            auth: s("auth").and_then(|a| AuthStyle::parse(&a)).unwrap_or(d.auth),
            keeping: s("keeping").and_then(|k| KeyKeeping::parse(&k)).unwrap_or_default(),
            sandbox: v.get("sandbox").and_then(Value::as_bool).unwrap_or(false),
            auto_cost: v.get("auto_cost").and_then(Value::as_bool).unwrap_or(false),
        })
    }
}

/// A name as kept: one line, trimmed, at most [`NAME_LIMIT`] characters.
fn clean_name(name: &str) -> String {
    let one_line: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line
        .trim()
        .chars()
        .take(NAME_LIMIT)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Why a name was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing but spaces.
    Empty,
    /// Another connection has it.
    Taken,
}

impl NameProblem {
    /// What to say next to the name field.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            NameProblem::Empty => lang.pick("Give the connection a name.", "请为连接命名。"),
            NameProblem::Taken => lang.pick("Another connection has this name.", "已有同名连接。"),
        }
    }
}

/// Every named connection and which one is in use. Never empty; the active id always
/// names one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionBook {
    connections: Vec<NamedConnection>,
    active: u32,
}

impl Default for ConnectionBook {
    fn default() -> Self {
        ConnectionBook::first_visit(false)
    }
}

impl ConnectionBook {
    /// A first visit's book: the documented gateway, and beside it the local sandbox (in use)
    /// when the page was built to run next to it.
    pub fn first_visit(with_sandbox: bool) -> ConnectionBook {
        let mut book = ConnectionBook {
            connections: vec![NamedConnection::routescope(1)],
            active: 1,
        };
        if with_sandbox {
            book.add_sandbox();
        }
        book
    }

    /// A book of one connection made from settings stored before connections had names.
    pub fn from_single(gateway: String, self_service: String, auth: AuthStyle, keep_key: bool) -> ConnectionBook {
        let name = if gateway.trim_end_matches('/') == DEFAULT_GATEWAY {
            "RouteScope".to_string()
        } else {
            host_of(&gateway)
                .map(clean_name)
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "My gateway".to_string())
        };
        let keeping = if keep_key {
            KeyKeeping::Browser
        } else {
            KeyKeeping::Memory
        };
        ConnectionBook {
            connections: vec![NamedConnection {
                name,
                gateway,
                self_service,
                auth,
                keeping,
                ..NamedConnection::routescope(1)
            }],
            active: 1,
        }
    }

    /// Every connection, in the order they were added.
    pub fn list(&self) -> &[NamedConnection] {
        &self.connections
    }

    /// The connection in use.
    pub fn active(&self) -> &NamedConnection {
        // The invariant (never empty, active always present) makes the fallback unreachable;
        // it keeps the function total without a panic path.
        self.connections
            .iter()
            .find(|c| c.id == self.active)
            .unwrap_or(&self.connections[0])
    }

    /// The connection with this id.
    pub fn get(&self, id: u32) -> Option<&NamedConnection> {
        self.connections.iter().find(|c| c.id == id)
    }

    fn get_mut(&mut self, id: u32) -> Option<&mut NamedConnection> {
        self.connections.iter_mut().find(|c| c.id == id)
    }

    /// Puts `id` in use; false when there is no such connection.
    pub fn switch_to(&mut self, id: u32) -> bool {
        let known = self.get(id).is_some();
        if known {
            self.active = id;
        }
        known
    }

    /// Whether the book can take another connection.
    pub fn has_room(&self) -> bool {
        self.connections.len() < CONNECTIONS_LIMIT
    }

    fn next_id(&self) -> u32 {
        self.connections
            .iter()
            .map(|c| c.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// A name no connection has yet, from `base` ("Connection" → "Connection 2").
    fn free_name(&self, base: &str) -> String {
        let taken = |n: &str| self.connections.iter().any(|c| c.name.eq_ignore_ascii_case(n));
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|i| format!("{base} {i}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }

    /// Adds a connection to the documented gateway with a fresh name and puts it in use;
    /// `None` when the book is full.
    pub fn add(&mut self) -> Option<u32> {
        if !self.has_room() {
            return None;
        }
        let id = self.next_id();
        let name = self.free_name("Connection");
        self.connections.push(NamedConnection {
            name,
            ..NamedConnection::routescope(id)
        });
        self.active = id;
        Some(id)
    }

    /// The sandbox connection, if the book has one.
    pub fn sandbox(&self) -> Option<&NamedConnection> {
        self.connections.iter().find(|c| c.sandbox)
    }

    /// Puts the local sandbox in use, adding it when the book has none (even when full:
    /// it replaces nothing, and a full book still reaches the sandbox).
    pub fn add_sandbox(&mut self) -> u32 {
        let id = match self.sandbox() {
            Some(c) => c.id,
            None => {
                let id = self.next_id();
                let mut sandbox = NamedConnection::sandbox(id);
                sandbox.name = self.free_name(SANDBOX_NAME);
                self.connections.push(sandbox);
                id
            }
        };
        self.active = id;
        id
    }

    /// Renames a connection; the name is trimmed to one line of at most [`NAME_LIMIT`]
    /// characters, and must be non-empty and not another connection's.
    pub fn rename(&mut self, id: u32, name: &str) -> Result<(), NameProblem> {
        let name = clean_name(name);
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        if self
            .connections
            .iter()
            .any(|c| c.id != id && c.name.eq_ignore_ascii_case(&name))
        {
            return Err(NameProblem::Taken);
        }
        if let Some(c) = self.get_mut(id) {
            c.name = name;
        }
        Ok(())
    }

    /// Removes a connection (never the last one); the one before it comes into use when it
    /// was in use. Returns what was removed, so the shell can forget its key.
    pub fn remove(&mut self, id: u32) -> Option<NamedConnection> {
        if self.connections.len() < 2 {
            return None;
        }
        let at = self.connections.iter().position(|c| c.id == id)?;
        let removed = self.connections.remove(at);
        if self.active == id {
            self.active = self.connections[at.saturating_sub(1).min(self.connections.len() - 1)].id;
        }
        Some(removed)
    }

    /// Copies the working connection's addresses and auth style into the one in use.
    pub fn update_active(&mut self, working: &Connection) {
        let active = self.active;
        if let Some(c) = self.get_mut(active) {
            c.gateway.clone_from(&working.gateway);
            c.self_service.clone_from(&working.self_service);
            c.auth = working.auth;
        }
    }

    /// Sets whether a connection looks up each call's cost by itself.
    pub fn set_auto_cost(&mut self, id: u32, on: bool) {
        if let Some(c) = self.get_mut(id) {
            c.auto_cost = on;
        }
    }

    /// Sets where a connection's key may be kept.
    pub fn set_keeping(&mut self, id: u32, keeping: KeyKeeping) {
        if let Some(c) = self.get_mut(id) {
            c.keeping = keeping;
        }
    }

    /// This book with `secret` taken out of connection `id`'s addresses, in case it was
    /// typed into one (`?key=sk-…`): the book is stored whatever the keeping, so it must never
    /// carry a key. An address that still holds it after its query is dropped falls back to
    /// the default.
    pub fn without_secret(mut self, id: u32, secret: &str) -> ConnectionBook {
        let secret = secret.trim();
        if secret.len() < 6 {
            return self;
        }
        let scrub = |address: &mut String, default: &str| {
            if address.contains(secret) {
                let kept = address.split(['?', '#']).next().unwrap_or("").to_string();
                *address = if kept.contains(secret) {
                    default.to_string()
                } else {
                    kept
                };
            }
        };
        if let Some(c) = self.get_mut(id) {
            scrub(&mut c.gateway, DEFAULT_GATEWAY);
            scrub(&mut c.self_service, DEFAULT_SELF_SERVICE);
        }
        self
    }

    /// The stored form (inside the settings JSON).
    pub fn encode(&self) -> Value {
        json!({
            "active": self.active,
            "list": self.connections.iter().map(NamedConnection::encode).collect::<Vec<_>>(),
        })
    }

    /// Reads a stored book; `None` when nothing usable is there. Unreadable entries and
    /// repeated ids are left out; a missing active id falls back to the first connection.
    pub fn decode(v: &Value) -> Option<ConnectionBook> {
        let mut connections: Vec<NamedConnection> = Vec::new();
        for c in v.get("list")?.as_array()?.iter().filter_map(NamedConnection::decode) {
            if connections.len() < CONNECTIONS_LIMIT && connections.iter().all(|k| k.id != c.id) {
                connections.push(c);
            }
        }
        let first = connections.first()?.id;
        let active = v
            .get("active")
            .and_then(Value::as_u64)
            .and_then(|a| u32::try_from(a).ok())
            .filter(|a| connections.iter().any(|c| c.id == *a))
            .unwrap_or(first);
        Some(ConnectionBook { connections, active })
    }
}

/// The host of an address (`https://gw.example:8443/v1` → `gw.example:8443`).
fn host_of(address: &str) -> Option<&str> {
    let rest = address.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(book: &ConnectionBook) -> Vec<&str> {
        book.list().iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn a_first_visit_has_the_gateway_and_maybe_the_sandbox_in_use() {
        let plain = ConnectionBook::first_visit(false);
        assert_eq!(names(&plain), ["RouteScope"]);
        assert_eq!(plain.active().gateway, DEFAULT_GATEWAY);
        let dev = ConnectionBook::first_visit(true);
        assert_eq!(names(&dev), ["RouteScope", "Local sandbox"]);
        assert!(dev.active().sandbox);
        assert_eq!(dev.active().gateway, SANDBOX_ADDRESS);
    }

    #[test]
    fn add_switch_rename_remove() {
        let mut book = ConnectionBook::first_visit(false);
        let second = book.add().unwrap_or_default();
        assert_eq!(book.active().id, second);
        assert_eq!(book.active().name, "Connection");
        let third = book.add().unwrap_or_default();
        assert_eq!(book.active().name, "Connection 2");
        assert!(book.switch_to(1));
        assert!(!book.switch_to(999), "an unknown id changes nothing");
        assert_eq!(book.active().id, 1);

        assert_eq!(book.rename(second, "  Other\nprovider  "), Ok(()));
        assert_eq!(book.get(second).map(|c| c.name.as_str()), Some("Other provider"));
        assert_eq!(book.rename(third, "routescope"), Err(NameProblem::Taken));
        assert_eq!(book.rename(third, " \t "), Err(NameProblem::Empty));
        assert_eq!(book.rename(third, &"x".repeat(100)), Ok(()));
        assert_eq!(book.get(third).map(|c| c.name.chars().count()), Some(NAME_LIMIT));

        // Removing the one in use puts its neighbour in use; the last one stays.
        book.switch_to(third);
        assert_eq!(book.remove(third).map(|c| c.id), Some(third));
        assert_eq!(book.active().id, second);
        assert_eq!(book.remove(1).map(|c| c.id), Some(1));
        assert_eq!(book.active().id, second);
        assert_eq!(book.remove(second), None, "the last connection is never removed");
    }

    #[test]
    fn the_sandbox_is_added_once_and_even_to_a_full_book() {
        let mut book = ConnectionBook::first_visit(false);
        while book.add().is_some() {}
        assert_eq!(book.list().len(), CONNECTIONS_LIMIT);
        let id = book.add_sandbox();
        assert_eq!(book.add_sandbox(), id);
        assert_eq!(book.list().iter().filter(|c| c.sandbox).count(), 1);
        assert_eq!(book.active().gateway, SANDBOX_ADDRESS);
    }

    #[test]
    fn edits_land_in_the_connection_in_use() {
        let mut book = ConnectionBook::first_visit(true);
        let working = Connection {
            gateway: "http://127.0.0.1:9999".into(),
            auth: AuthStyle::XApiKey,
            ..Connection::default()
        };
        book.update_active(&working);
        assert_eq!(book.active().gateway, "http://127.0.0.1:9999");
        assert_eq!(book.active().auth, AuthStyle::XApiKey);
        assert_eq!(
            book.get(1).map(|c| c.gateway.as_str()),
            Some(DEFAULT_GATEWAY),
            "the other is untouched"
        );
    }

    #[test]
    fn round_trips_and_survives_garbage() {
        let mut book = ConnectionBook::first_visit(true);
        let id = book.add().unwrap_or_default();
        book.set_keeping(id, KeyKeeping::Tab);
        book.set_auto_cost(id, true);
        book.set_keeping(1, KeyKeeping::Browser);
        assert_eq!(ConnectionBook::decode(&book.encode()), Some(book.clone()));

        let messy = json!({"active": 77, "list": [
            {"id": 3, "name": "\u{0}", "gateway": 5, "keeping": "forever"},
            {"id": 3, "name": "again"},
            {"name": "no id"},
            "not an object",
            {"id": 9, "name": "Nine", "auth": "x-api-key", "sandbox": true}
        ]});
        let Some(read) = ConnectionBook::decode(&messy) else {
            panic!("two entries are usable");
        };
        assert_eq!(names(&read), ["Connection 3", "Nine"]);
        assert_eq!(read.active().id, 3, "an unknown active id falls back to the first");
        assert_eq!(read.list()[0].gateway, DEFAULT_GATEWAY);
        assert_eq!(read.list()[0].keeping, KeyKeeping::Memory);
        assert_eq!(read.list()[1].auth, AuthStyle::XApiKey);
        assert!(read.list()[1].sandbox);
        assert_eq!(ConnectionBook::decode(&json!({"list": []})), None);
        assert_eq!(ConnectionBook::decode(&json!("nope")), None);
    }

    #[test]
    fn a_key_typed_into_an_address_is_never_stored() {
        let key = "sk-live-9e8d7c6b5a4f3e2d1c0b";
        let mut book = ConnectionBook::first_visit(false);
        book.update_active(&Connection {
            gateway: format!("https://gw.example/?key={key}"),
            self_service: format!("https://self.example/{key}/"),
            ..Connection::default()
        });
        assert!(book.encode().to_string().contains(key), "the fixture carries the key");
        let stored = book.without_secret(1, key);
        assert!(!stored.encode().to_string().contains(key));
        assert_eq!(stored.active().gateway, "https://gw.example/");
        assert_eq!(stored.active().self_service, DEFAULT_SELF_SERVICE);
    }

    #[test]
    fn legacy_settings_become_one_named_connection() {
        let own = ConnectionBook::from_single(
            "https://gw.example:8443/v1".into(),
            DEFAULT_SELF_SERVICE.into(),
            AuthStyle::Bearer,
            true,
        );
        assert_eq!(own.active().name, "gw.example:8443");
        assert_eq!(own.active().keeping, KeyKeeping::Browser);
        let documented = ConnectionBook::from_single(
            DEFAULT_GATEWAY.into(),
            DEFAULT_SELF_SERVICE.into(),
            AuthStyle::Bearer,
            false,
        );
        assert_eq!(documented.active().name, "RouteScope");
        assert_eq!(documented.active().keeping, KeyKeeping::Memory);
    }
}
