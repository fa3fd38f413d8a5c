//! The saved-settings schema: what survives a reload. Never the key (that is stored apart,
//! only on request).

use serde_json::{json, Value};

use crate::request::build::{DEFAULT_GATEWAY, DEFAULT_SELF_SERVICE};
use crate::request::catalogue::{AuthStyle, EndpointId};
use crate::text::lang::Lang;

/// Settings kept in local storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSettings {
    /// The gateway address.
    pub gateway: String,
    /// The self-service address.
    pub self_service: String,
    /// Preferred auth style.
    pub auth: AuthStyle,
    /// The product's language.
    pub lang: Lang,
    /// The endpoint shown last.
    pub endpoint: EndpointId,
    /// Whether the key is remembered.
    pub remember_key: bool,
    /// Client timeout in seconds (0: the endpoint's own).
    pub timeout_secs: u32,
}

impl Default for SavedSettings {
    fn default() -> Self {
        SavedSettings {
            gateway: DEFAULT_GATEWAY.to_string(),
            self_service: DEFAULT_SELF_SERVICE.to_string(),
            auth: AuthStyle::Bearer,
            lang: Lang::En,
            endpoint: EndpointId::ChatCompletions,
            remember_key: false,
            timeout_secs: 0,
        }
    }
}

impl SavedSettings {
    /// These settings with the key taken out of anything it was typed into by mistake (an
    /// address with `?key=sk-…`): settings are stored whether or not the person asked to
    /// remember the key, so they must never carry it. An address that still holds it after
    /// its query is dropped falls back to the default.
    pub fn without_secret(mut self, secret: &str) -> SavedSettings {
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
        scrub(&mut self.gateway, DEFAULT_GATEWAY);
        scrub(&mut self.self_service, DEFAULT_SELF_SERVICE);
        self
    }

    /// Serialises to the stored JSON.
    pub fn encode(&self) -> String {
        json!({
            "gateway": self.gateway,
            "self_service": self.self_service,
            "auth": self.auth.as_str(),
            "lang": self.lang.as_str(),
            "endpoint": self.endpoint.as_str(),
            "remember_key": self.remember_key,
            "timeout_secs": self.timeout_secs,
        })
        .to_string()
    }

    /// Reads stored JSON; anything missing or malformed falls back to the default, field
    /// by field, so one bad value never loses the rest.
    pub fn decode(text: &str) -> SavedSettings {
        let d = SavedSettings::default();
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return d;
        };
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        SavedSettings {
            gateway: s("gateway").unwrap_or(d.gateway),
            self_service: s("self_service").unwrap_or(d.self_service),
            auth: s("auth").and_then(|a| AuthStyle::parse(&a)).unwrap_or(d.auth),
            lang: s("lang").map(|l| Lang::from_tag(&l)).unwrap_or(d.lang),
            endpoint: s("endpoint").and_then(|e| EndpointId::parse(&e)).unwrap_or(d.endpoint),
            remember_key: v.get("remember_key").and_then(Value::as_bool).unwrap_or(d.remember_key),
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

    #[test]
    fn round_trips_and_survives_garbage() {
        let s = SavedSettings {
            gateway: "http://127.0.0.1:8787".into(),
            auth: AuthStyle::XApiKey,
            lang: Lang::Zh,
            endpoint: EndpointId::ClaudeMessages,
            remember_key: true,
            timeout_secs: 5,
            ..SavedSettings::default()
        };
        assert_eq!(SavedSettings::decode(&s.encode()), s);
        assert_eq!(SavedSettings::decode("not json"), SavedSettings::default());
        let partial = SavedSettings::decode(r#"{"gateway": 5, "lang": "zh", "endpoint": "nope"}"#);
        assert_eq!(partial.gateway, DEFAULT_GATEWAY);
        assert_eq!(partial.lang, Lang::Zh);
        assert_eq!(partial.endpoint, EndpointId::ChatCompletions);
    }

    #[test]
    fn never_contains_a_key() {
        let key = "sk-live-9e8d7c6b5a4f3e2d1c0b";
        // The key typed by mistake into both addresses, in a query and in the path.
        let typed = SavedSettings {
            gateway: format!("https://gw.example/?key={key}"),
            self_service: format!("https://self.example/{key}/"),
            ..SavedSettings::default()
        };
        assert!(typed.encode().contains(key), "the fixture carries the key");
        let stored = typed.without_secret(key);
        let text = stored.encode();
        assert!(!text.contains(key), "{text}");
        assert_eq!(stored.gateway, "https://gw.example/");
        assert_eq!(stored.self_service, DEFAULT_SELF_SERVICE);
        // Nothing else changes, and settings without the key pass untouched.
        let plain = SavedSettings::default();
        assert_eq!(plain.clone().without_secret(key), plain);
    }
}
