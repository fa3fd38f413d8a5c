//! The saved-settings schema: what survives a reload. Never the key (that is stored apart,
//! only on request).

use serde_json::{json, Value};

use crate::request::catalogue::{AuthStyle, EndpointId};
use crate::request::connections::ConnectionBook;
use crate::text::lang::Lang;

/// Light or dark: the system's choice unless the person picked one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows the system's light/dark setting (the default).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every choice, in the order the picker shows them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The id used in storage, in the picker and as the page's `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads an id written by [`Theme::as_str`].
    pub fn parse(text: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// What the picker shows.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Theme::System => lang.pick("System", "跟随系统"),
            Theme::Light => lang.pick("Light", "浅色"),
            Theme::Dark => lang.pick("Dark", "深色"),
        }
    }
}

/// Settings kept in local storage.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SavedSettings {
    /// The named connections (addresses and auth styles, never keys) and the one in use.
    pub connections: ConnectionBook,
    /// The product's language.
    pub lang: Lang,
    /// Light, dark or the system's.
    pub theme: Theme,
    /// The endpoint shown last.
    pub endpoint: EndpointId,
    /// Client timeout in seconds (0: the endpoint's own).
    pub timeout_secs: u32,
}

impl SavedSettings {
    /// Serialises to the stored JSON.
    pub fn encode(&self) -> String {
        json!({
            "connections": self.connections.encode(),
            "lang": self.lang.as_str(),
            "theme": self.theme.as_str(),
            "endpoint": self.endpoint.as_str(),
            "timeout_secs": self.timeout_secs,
        })
        .to_string()
    }

    /// Reads stored JSON; anything missing or malformed falls back to the default, field
    /// by field, so one bad value never loses the rest. Settings stored before connections
    /// had names (one gateway, one self-service address, "remember key") become one
    /// named connection.
    pub fn decode(text: &str) -> SavedSettings {
        let d = SavedSettings::default();
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return d;
        };
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let connections = match v.get("connections") {
            Some(book) => ConnectionBook::decode(book).unwrap_or_default(),
            None if v.get("gateway").is_some() => {
                let legacy = d.connections.active();
                ConnectionBook::from_single(
                    s("gateway").unwrap_or_else(|| legacy.gateway.clone()),
                    s("self_service").unwrap_or_else(|| legacy.self_service.clone()),
                    s("auth").and_then(|a| AuthStyle::parse(&a)).unwrap_or(legacy.auth),
                    v.get("remember_key").and_then(Value::as_bool).unwrap_or(false),
                )
            }
            None => d.connections,
        };
        SavedSettings {
            connections,
            lang: s("lang").map(|l| Lang::from_tag(&l)).unwrap_or(d.lang),
            theme: s("theme").and_then(|t| Theme::parse(&t)).unwrap_or(d.theme),
            endpoint: s("endpoint").and_then(|e| EndpointId::parse(&e)).unwrap_or(d.endpoint),
            timeout_secs: v
                .get("timeout_secs")
                .and_then(Value::as_u64)
                .map(|t| t.min(3600) as u32)
                .unwrap_or(d.timeout_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::build::DEFAULT_GATEWAY;
    use crate::request::connections::KeyKeeping;

    #[test]
    fn round_trips_and_survives_garbage() {
        let mut connections = ConnectionBook::first_visit(true);
        connections.set_keeping(1, KeyKeeping::Tab);
        let s = SavedSettings {
            connections,
            lang: Lang::Zh,
            theme: Theme::Dark,
            endpoint: EndpointId::ClaudeMessages,
            timeout_secs: 5,
        };
        assert_eq!(SavedSettings::decode(&s.encode()), s);
        assert_eq!(SavedSettings::decode("not json"), SavedSettings::default());
        let partial =
            SavedSettings::decode(r#"{"connections": 5, "lang": "zh", "theme": "sepia", "endpoint": "nope"}"#);
        assert_eq!(partial.connections, ConnectionBook::default());
        assert_eq!(partial.lang, Lang::Zh);
        assert_eq!(partial.theme, Theme::System);
        assert_eq!(partial.endpoint, EndpointId::ChatCompletions);
    }

    #[test]
    fn settings_from_before_named_connections_are_kept() {
        let old = r#"{"gateway":"http://127.0.0.1:8787","self_service":"http://127.0.0.1:8787","auth":"x-api-key","lang":"en","endpoint":"claude-messages","remember_key":true,"timeout_secs":9}"#;
        let read = SavedSettings::decode(old);
        let c = read.connections.active();
        assert_eq!(c.gateway, "http://127.0.0.1:8787");
        assert_eq!(c.auth, AuthStyle::XApiKey);
        assert_eq!(c.keeping, KeyKeeping::Browser);
        assert_eq!(read.endpoint, EndpointId::ClaudeMessages);
        assert_eq!(read.timeout_secs, 9);
        assert_eq!(
            SavedSettings::decode("{}").connections.active().gateway,
            DEFAULT_GATEWAY
        );
    }
}
