//! One-click fixes of pre-flight findings: what each changes and its button's label.

use serde_json::Value;

use crate::preflight::header_value::cleaned_header_value;
use crate::request::build::Connection;
use crate::request::catalogue::EndpointId;
use crate::request::field_ref::FieldRef;
use crate::request::form::FormValues;
use crate::text::lang::Lang;

/// A one-click fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Remove surrounding whitespace, quotes and line breaks from the key.
    TrimKey,
    /// Remove a pasted `Bearer ` prefix from the key.
    RemoveBearer,
    /// Remove a trailing `/v1` from the gateway address.
    StripV1,
    /// Replace the gateway address with its origin (a full endpoint URL was pasted).
    UseOrigin(String),
    /// Switch the address to https.
    UseHttps,
    /// Add `max_tokens` (Claude requires it).
    AddMaxTokens,
    /// Write the size with an ASCII `x`.
    AsciiSize(String),
    /// Use this model id instead (did-you-mean).
    UseModel(String),
    /// Set a number field to the nearest allowed value.
    Clamp(String),
    /// Switch to another endpoint that matches the body.
    SwitchEndpoint(EndpointId),
    /// Make a header value sendable: look-alike punctuation to ASCII, the unsendable removed.
    CleanHeader,
}

/// What applying a fix changes: the settings, the form, the raw body, or the endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FixOutcome {
    /// Switch to this endpoint (its own form keeps its values).
    pub switch_to: Option<EndpointId>,
}

/// Applies a fix for a finding on `field`. Pure: the caller writes the results back.
pub fn apply_fix(
    fix: &Fix,
    field: FieldRef,
    conn: &mut Connection,
    values: &mut FormValues,
    raw_body: &mut Option<String>,
) -> FixOutcome {
    fn base_text(conn: &mut Connection, field: FieldRef) -> &mut String {
        if field == FieldRef::SelfService {
            &mut conn.self_service
        } else {
            &mut conn.gateway
        }
    }
    match fix {
        Fix::TrimKey => {
            conn.api_key = conn
                .api_key
                .trim()
                .trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”')
                .trim()
                .to_string();
        }
        Fix::RemoveBearer => {
            let k = conn.api_key.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            let k = k
                .strip_prefix("Bearer ")
                .or_else(|| k.strip_prefix("bearer "))
                .unwrap_or(k);
            conn.api_key = k.trim().to_string();
        }
        Fix::StripV1 => {
            let b = base_text(conn, field);
            let t = b.trim().trim_end_matches('/');
            let t = t.strip_suffix("/v1beta").or_else(|| t.strip_suffix("/v1")).unwrap_or(t);
            *b = t.to_string();
        }
        Fix::UseOrigin(origin) => *base_text(conn, field) = origin.clone(),
        Fix::UseHttps => {
            let b = base_text(conn, field);
            if let Some(rest) = b.trim().strip_prefix("http://") {
                *b = format!("https://{rest}");
            }
        }
        Fix::AddMaxTokens => {
            values.set_text("max_tokens", "1024");
            if let Some(raw) = raw_body.as_mut() {
                if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(raw) {
                    map.insert("max_tokens".into(), Value::from(1024));
                    *raw = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_else(|_| raw.clone());
                }
            }
        }
        Fix::AsciiSize(size) | Fix::Clamp(size) => {
            let key = match (fix, field) {
                (Fix::AsciiSize(_), _) => "size",
                (_, FieldRef::Form(key)) => key,
                // A clamp is only offered on a form field; anything else has nothing to set.
                _ => return FixOutcome::default(),
            };
            values.set_text(key, size.clone());
            if let (Some(raw), Fix::AsciiSize(_)) = (raw_body.as_mut(), fix) {
                if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(raw) {
                    map.insert("size".into(), Value::String(size.clone()));
                    *raw = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_else(|_| raw.clone());
                }
            }
        }
        Fix::UseModel(model) => values.set_text("model", model.clone()),
        Fix::SwitchEndpoint(id) => return FixOutcome { switch_to: Some(*id) },
        Fix::CleanHeader => match field {
            FieldRef::ApiKey => conn.api_key = cleaned_header_value(&conn.api_key),
            FieldRef::Form(key) => {
                let cleaned = cleaned_header_value(values.text(key));
                values.set_text(key, cleaned);
            }
            _ => {}
        },
    }
    FixOutcome::default()
}

/// The label of a fix button.
pub fn fix_label(fix: &Fix, lang: Lang) -> String {
    match (fix, lang) {
        (Fix::TrimKey, Lang::En) => "Trim the key".into(),
        (Fix::TrimKey, Lang::Zh) => "去除多余字符".into(),
        (Fix::RemoveBearer, Lang::En) => "Remove \"Bearer \"".into(),
        (Fix::RemoveBearer, Lang::Zh) => "去掉“Bearer ”".into(),
        (Fix::StripV1, Lang::En) => "Strip /v1".into(),
        (Fix::StripV1, Lang::Zh) => "去掉 /v1".into(),
        (Fix::UseOrigin(o), Lang::En) => format!("Use {o}"),
        (Fix::UseOrigin(o), Lang::Zh) => format!("改为 {o}"),
        (Fix::UseHttps, Lang::En) => "Use https".into(),
        (Fix::UseHttps, Lang::Zh) => "改用 https".into(),
        (Fix::AddMaxTokens, Lang::En) => "Add max_tokens: 1024".into(),
        (Fix::AddMaxTokens, Lang::Zh) => "添加 max_tokens: 1024".into(),
        (Fix::AsciiSize(s), Lang::En) => format!("Use {s}"),
        (Fix::AsciiSize(s), Lang::Zh) => format!("改为 {s}"),
        (Fix::UseModel(m), Lang::En) => format!("Use {m}"),
        (Fix::UseModel(m), Lang::Zh) => format!("改用 {m}"),
        (Fix::Clamp(v), Lang::En) => format!("Set to {v}"),
        (Fix::Clamp(v), Lang::Zh) => format!("设为 {v}"),
        (Fix::SwitchEndpoint(id), Lang::En) => {
            format!("Open {}", crate::request::catalogue::endpoint(*id).title)
        }
        (Fix::CleanHeader, Lang::En) => "Replace look-alike characters".into(),
        (Fix::CleanHeader, Lang::Zh) => "替换形近字符".into(),
        (Fix::SwitchEndpoint(id), Lang::Zh) => {
            format!("打开 {}", crate::request::catalogue::endpoint(*id).title)
        }
    }
}
