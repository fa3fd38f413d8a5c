//! Share links and docs deep links: a request described in the URL fragment, so a docs page
//! can link straight into a prefilled form. Never the key: a link that carries one is
//! refused for that part, and links this module writes cannot contain it.
//!
//! Format: `#e=<endpoint id>&<field key>=<value>&…&body=<JSON>&gateway=<url>`, each value
//! percent-encoded. The fragment never reaches the server hosting the page.

use crate::request::catalogue::{endpoint, BodyKind, EndpointId, FieldKind, Target};
use crate::request::form::FormValues;
use crate::request::sync::values_from_body;
use crate::text::percent::{decode_component, encode_component};

/// What a link asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedRequest {
    /// The endpoint to open.
    pub endpoint: EndpointId,
    /// The form values to start from (defaults with the link's values applied).
    pub values: FormValues,
    /// A raw body to keep when the link's JSON has keys the form cannot show.
    pub raw_body: Option<String>,
    /// A gateway address to use.
    pub gateway: Option<String>,
    /// Parts of the link that were ignored, and why (shown to the person).
    pub ignored: Vec<String>,
}

/// Names a link may never set: a key belongs in the person's own settings.
const SECRET_NAMES: [&str; 6] = ["key", "api_key", "apikey", "token", "authorization", "sk"];

/// Writes the link fragment (without `#`) for an endpoint's form. `body` is the JSON body
/// to carry, when the form has one; field values that travel in the body are not repeated.
/// `secret` is the person's key: any part that would carry it (typed into a field, the
/// body or the gateway address by mistake) is left out of the link.
pub fn encode(id: EndpointId, values: &FormValues, body: Option<&str>, gateway: Option<&str>, secret: &str) -> String {
    let ep = endpoint(id);
    let secret = secret.trim();
    let carries_secret = |text: &str| secret.len() >= 6 && text.contains(secret);
    let mut parts = vec![format!("e={}", id.as_str())];
    for f in ep.fields {
        let in_body = matches!(f.target, Target::Json(_)) && body.is_some();
        if in_body || matches!(f.kind, FieldKind::Files { .. } | FieldKind::Messages(_)) {
            continue;
        }
        let text = match f.kind {
            FieldKind::Toggle => {
                if values.flag(f.key) {
                    "true".to_string()
                } else {
                    continue;
                }
            }
            _ => values.text(f.key).to_string(),
        };
        if text != f.default && !carries_secret(&text) {
            parts.push(format!("{}={}", f.key, encode_component(&text)));
        }
    }
    if let Some(b) = body.filter(|b| !carries_secret(b)) {
        // Compact JSON keeps links short.
        let compact = serde_json::from_str::<serde_json::Value>(b)
            .map(|v| v.to_string())
            .unwrap_or_else(|_| b.to_string());
        parts.push(format!("body={}", encode_component(&compact)));
    }
    if let Some(g) = gateway.filter(|g| !carries_secret(g)) {
        parts.push(format!("gateway={}", encode_component(g)));
    }
    parts.join("&")
}

/// Writes a whole request as a fragment, for what is kept rather than shared (history,
/// saved requests): a JSON endpoint's body travels whole (the form's JSON, or the raw body
/// when edited by hand), so the conversation comes back too. Never the key.
pub fn encode_request(id: EndpointId, values: &FormValues, raw_body: Option<&str>, secret: &str) -> String {
    let ep = endpoint(id);
    let body = match (raw_body, ep.body) {
        (Some(raw), _) => Some(raw.to_string()),
        (None, BodyKind::Json) => Some(crate::request::build::form_json(ep, values, &mut Vec::new()).to_string()),
        _ => None,
    };
    encode(id, values, body.as_deref(), None, secret)
}

/// Reads a link fragment (with or without `#`). `None` when it names no known endpoint.
pub fn decode(fragment: &str) -> Option<SharedRequest> {
    let text = fragment.trim_start_matches('#').trim_start_matches('/');
    let pairs: Vec<(String, String)> = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect();
    let id = pairs
        .iter()
        .find(|(k, _)| k == "e" || k == "endpoint")
        .and_then(|(_, v)| EndpointId::parse(v))?;
    let ep = endpoint(id);
    let mut values = FormValues::defaults(ep);
    let mut raw_body = None;
    let mut gateway = None;
    let mut ignored = Vec::new();
    for (k, v) in &pairs {
        let lower = k.to_ascii_lowercase();
        if k == "e" || k == "endpoint" {
            continue;
        }
        if SECRET_NAMES.contains(&lower.as_str()) || v.trim_start().starts_with("sk-") && lower != "model" {
            ignored.push(format!("{k}: links never carry keys; enter yours in the API key field"));
            continue;
        }
        match k.as_str() {
            "body" if ep.body == BodyKind::Json => match values_from_body(ep, v, &values) {
                Some((read, raw)) => {
                    values = read;
                    raw_body = raw;
                }
                None => ignored.push("body: not valid JSON".to_string()),
            },
            "gateway" => gateway = Some(v.clone()),
            _ => match ep.field(k) {
                Some(f) if f.kind == FieldKind::Toggle => {
                    values.set(f.key, crate::request::form::FieldValue::Flag(v == "true" || v == "1"))
                }
                Some(f) if !matches!(f.kind, FieldKind::Files { .. } | FieldKind::Messages(_)) => {
                    values.set_text(f.key, v.clone())
                }
                _ => ignored.push(format!("{k}: not a field of {}", ep.title)),
            },
        }
    }
    // A body given alongside field values: the fields win, as they were written later by
    // whoever made the link.
    if raw_body.is_some() {
        for (k, v) in &pairs {
            if let Some(f) = ep.field(k) {
                if matches!(f.target, Target::Json(_)) && f.kind != FieldKind::Toggle {
                    values.set_text(f.key, v.clone());
                }
            }
        }
    }
    Some(SharedRequest {
        endpoint: id,
        values,
        raw_body,
        gateway,
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::build::{build_request, Connection};
    use crate::request::catalogue::CATALOGUE;
    use crate::request::form::{FieldValue, Message};
    use crate::request::http::Body;

    fn body_of(id: EndpointId, values: &FormValues, raw: Option<&str>) -> Body {
        build_request(endpoint(id), &Connection::default(), values, raw)
            .request
            .map(|r| r.body)
            .unwrap_or(Body::Empty)
    }

    /// Every endpoint's defaults survive a round trip to the exact same request.
    #[test]
    fn round_trips_every_endpoint() {
        for e in CATALOGUE {
            let values = FormValues::defaults(e);
            let body = match body_of(e.id, &values, None) {
                Body::Json(t) => Some(t),
                _ => None,
            };
            let link = encode(e.id, &values, body.as_deref(), None, "");
            let back = decode(&format!("#{link}")).unwrap_or_else(|| panic!("{link}"));
            assert_eq!(back.endpoint, e.id);
            assert_eq!(
                body_of(e.id, &back.values, back.raw_body.as_deref()),
                body_of(e.id, &values, None),
                "{}",
                e.title
            );
        }
    }

    #[test]
    fn edited_values_and_unknown_keys_travel() {
        let id = EndpointId::ChatCompletions;
        let mut values = FormValues::defaults(endpoint(id));
        values.set(
            "messages",
            FieldValue::Messages(vec![Message::text(1, "user", "Bonjour & 你好 = ?")]),
        );
        values.set_text("temperature", "0.2");
        let raw = r#"{"model":"gpt-5.4","messages":[{"role":"user","content":"x"}],"seed":42}"#;
        let link = encode(id, &values, Some(raw), Some("http://127.0.0.1:8787"), "");
        let back = decode(&link).unwrap();
        assert_eq!(back.gateway.as_deref(), Some("http://127.0.0.1:8787"));
        assert!(back.raw_body.as_deref().unwrap_or("").contains("\"seed\": 42"));
        let link = encode(id, &values, None, None, "");
        let back = decode(&link).unwrap();
        assert_eq!(back.values.text("temperature"), "0.2");
    }

    #[test]
    fn docs_links_are_simple_and_keys_are_refused() {
        let back = decode("#e=gemini-generate&model=gemini-2.5-pro&stream=true").unwrap();
        assert_eq!(back.values.text("model"), "gemini-2.5-pro");
        assert!(back.values.flag("stream"));
        let back =
            decode("#e=chat-completions&key=sk-abc&api_key=x&authorization=Bearer%20sk-1&user=sk-secret").unwrap();
        assert_eq!(back.ignored.len(), 4, "{:?}", back.ignored);
        assert!(decode("#e=nope").is_none());
        assert!(decode("").is_none());
        let back = decode("#e=chat-completions&body=%7Bnot").unwrap();
        assert_eq!(back.ignored, vec!["body: not valid JSON".to_string()]);
    }

    #[test]
    fn links_never_contain_the_key() {
        let key = "sk-live-3f9a8b7c6d5e4f3a2b1c";
        let leaks = |link: &str| link.contains(key) || link.contains(&encode_component(key));
        for e in CATALOGUE {
            // The key typed by mistake into every text field, the body and the gateway address.
            let mut values = FormValues::defaults(e);
            for f in e.fields {
                if !matches!(
                    f.kind,
                    FieldKind::Files { .. } | FieldKind::Messages(_) | FieldKind::Toggle
                ) {
                    values.set_text(f.key, format!("x {key} y"));
                }
            }
            let body = format!(r#"{{"model":"m","api_key":"{key}"}}"#);
            let gateway = format!("https://gw.example/?key={key}");
            for carried in [None, Some(body.as_str())] {
                let link = encode(e.id, &values, carried, Some(&gateway), key);
                assert!(!leaks(&link), "{}: {link}", e.title);
            }
            // Without the key to look for, the same values would travel: the check is real.
            let unguarded = encode(e.id, &values, Some(&body), Some(&gateway), "");
            assert!(leaks(&unguarded), "{}: the fixture must carry the key", e.title);
        }
    }
}
