//! The history as it is kept across reloads (local storage): for each exchange, the request
//! as a share fragment (never the key), what was sent as the diagnosis reads it, and the
//! transport outcome with the first [`STORED_BODY_CAP`] bytes of the body. On load, each
//! exchange is rebuilt and read again (rendered and diagnosed by today's rules), so a
//! stored verdict can never be stale or forged by what storage holds.
//!
//! Whatever is stored passes through the key's redaction once more, and decoding is
//! total: a malformed entry is dropped, the others load.

use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::answer::body_view::window;
use crate::answer::response::render;
use crate::answer::sse::StreamEnd;
use crate::diagnosis::{diagnose, CutCause, RequestFacts, Transport};
use crate::exchange::Exchange;
use crate::request::catalogue::{endpoint, AuthStyle, EndpointId};
use crate::request::form::FormValues;
use crate::request::share;
use crate::text::lang::Lang;
use crate::text::redact::redact;

/// Bytes of one exchange's body kept across reloads.
pub const STORED_BODY_CAP: usize = 64 * 1024;
/// Bytes the stored history may take in all (local storage holds about 5 MB per origin).
pub const STORED_BUDGET: usize = 1024 * 1024;

/// One past exchange as the page holds it: the exchange and the form that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEntry {
    /// The exchange.
    pub exchange: Arc<Exchange>,
    /// The form values at Send.
    pub values: FormValues,
    /// The raw body at Send, when edited by hand.
    pub raw_body: Option<String>,
}

fn stream_json(stream: &Option<StreamEnd>, key: &str) -> Value {
    match stream {
        None => Value::Null,
        Some(StreamEnd::Completed) => json!("completed"),
        Some(StreamEnd::EndedEarly) => json!("ended-early"),
        Some(StreamEnd::ErrorEvent { body }) => json!({"error": redact(window(body, 0, 4096).text, key)}),
    }
}

fn stream_of(v: &Value) -> Option<StreamEnd> {
    match v {
        Value::String(s) if s == "completed" => Some(StreamEnd::Completed),
        Value::String(s) if s == "ended-early" => Some(StreamEnd::EndedEarly),
        Value::Object(o) => o
            .get("error")
            .and_then(Value::as_str)
            .map(|b| StreamEnd::ErrorEvent { body: b.to_string() }),
        _ => None,
    }
}

fn transport_json(t: &Transport, key: &str) -> Value {
    let response = |status: &u16,
                    headers: &Vec<(String, String)>,
                    hidden: &bool,
                    body: &String,
                    elapsed: &u64,
                    stream: &Option<StreamEnd>| {
        json!({
            "status": status,
            "headers": headers.iter().map(|(n, v)| json!([n, redact(v, key)])).collect::<Vec<_>>(),
            "cors_hidden": hidden,
            "body": redact(window(body, 0, STORED_BODY_CAP).text, key),
            "elapsed": elapsed,
            "stream": stream_json(stream, key),
        })
    };
    match t {
        Transport::Response {
            status,
            headers,
            headers_hidden_by_cors,
            body,
            elapsed_ms,
            stream,
        } => {
            let mut v = response(status, headers, headers_hidden_by_cors, body, elapsed_ms, stream);
            v["kind"] = json!("response");
            v
        }
        Transport::Cut {
            status,
            headers,
            headers_hidden_by_cors,
            body,
            elapsed_ms,
            stream,
            cause,
        } => {
            let mut v = response(status, headers, headers_hidden_by_cors, body, elapsed_ms, stream);
            v["kind"] = json!("cut");
            v["cause"] = match cause {
                CutCause::Timeout => json!("timeout"),
                CutCause::Cancelled => json!("cancelled"),
                CutCause::Network(m) => json!({"network": redact(m, key)}),
                CutCause::Cap { cap_bytes } => json!({"cap": cap_bytes}),
            };
            v
        }
        Transport::NetworkError { message, elapsed_ms } => {
            json!({"kind": "network", "message": redact(message, key), "elapsed": elapsed_ms})
        }
        Transport::TimedOut { after_ms } => json!({"kind": "timeout", "elapsed": after_ms}),
        Transport::Cancelled { after_ms } => json!({"kind": "cancelled", "elapsed": after_ms}),
    }
}

/// Status, headers, whether CORS hid the rest, body and how a stream ended.
type ResponseParts = (u16, Vec<(String, String)>, bool, String, Option<StreamEnd>);

fn transport_of(v: &Value) -> Option<Transport> {
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let elapsed = v.get("elapsed").and_then(Value::as_u64).unwrap_or(0);
    let kind = v.get("kind")?.as_str()?;
    let response_parts = || -> Option<ResponseParts> {
        let status = u16::try_from(v.get("status")?.as_u64()?).ok()?;
        let headers = v
            .get("headers")?
            .as_array()?
            .iter()
            .filter_map(|h| Some((h.get(0)?.as_str()?.to_string(), h.get(1)?.as_str()?.to_string())))
            .collect();
        let hidden = v.get("cors_hidden").and_then(Value::as_bool).unwrap_or(false);
        Some((
            status,
            headers,
            hidden,
            text("body")?,
            stream_of(v.get("stream").unwrap_or(&Value::Null)),
        ))
    };
    Some(match kind {
        "response" => {
            let (status, headers, headers_hidden_by_cors, body, stream) = response_parts()?;
            Transport::Response {
                status,
                headers,
                headers_hidden_by_cors,
                body,
                elapsed_ms: elapsed,
                stream,
            }
        }
        "cut" => {
            let (status, headers, headers_hidden_by_cors, body, stream) = response_parts()?;
            let cause = match v.get("cause")? {
                Value::String(s) if s == "timeout" => CutCause::Timeout,
                Value::String(s) if s == "cancelled" => CutCause::Cancelled,
                Value::Object(o) if o.contains_key("network") => {
                    CutCause::Network(o.get("network")?.as_str()?.to_string())
                }
                Value::Object(o) => CutCause::Cap {
                    cap_bytes: usize::try_from(o.get("cap")?.as_u64()?).ok()?,
                },
                _ => return None,
            };
            Transport::Cut {
                status,
                headers,
                headers_hidden_by_cors,
                body,
                elapsed_ms: elapsed,
                stream,
                cause,
            }
        }
        "network" => Transport::NetworkError {
            message: text("message")?,
            elapsed_ms: elapsed,
        },
        "timeout" => Transport::TimedOut { after_ms: elapsed },
        "cancelled" => Transport::Cancelled { after_ms: elapsed },
        _ => return None,
    })
}

/// One entry as stored.
fn entry_json(e: &StoredEntry, key: &str) -> Value {
    let ex = &e.exchange;
    let f = &ex.facts;
    json!({
        "serial": ex.serial,
        "sent_at_ms": ex.sent_at_ms,
        "endpoint": ex.endpoint.as_str(),
        "form": share::encode_request(e.exchange.endpoint, &e.values, e.raw_body.as_deref(), key),
        "method": f.method,
        "url": redact(&f.url, key),
        "model": f.model.as_deref().map(|m| redact(m, key)),
        "streamed": f.streamed,
        "body_bytes": f.body_bytes,
        "page_https": f.page_is_https,
        "beta": f.anthropic_beta,
        "auth": f.auth_style.map(AuthStyle::as_str),
        "head_ms": ex.head_ms,
        "first_token_ms": ex.first_token_ms,
        "received": ex.received_bytes,
        "lang": ex.lang.as_str(),
        "transport": transport_json(&ex.transport, key),
    })
}

/// Rebuilds one entry: the exchange is rendered and diagnosed again from what was stored.
fn entry_of(v: &Value) -> Option<StoredEntry> {
    let id = EndpointId::parse(v.get("endpoint")?.as_str()?)?;
    let ep = endpoint(id);
    let shared = share::decode(v.get("form")?.as_str()?).filter(|s| s.endpoint == id);
    let (values, raw_body) = match shared {
        Some(s) => (s.values, s.raw_body),
        None => (FormValues::defaults(ep), None),
    };
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let facts = RequestFacts {
        protocol: ep.protocol,
        method: text("method")?,
        url: text("url")?,
        model: text("model"),
        streamed: v.get("streamed").and_then(Value::as_bool).unwrap_or(false),
        body_bytes: v
            .get("body_bytes")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
        page_is_https: v.get("page_https").and_then(Value::as_bool).unwrap_or(true),
        anthropic_beta: text("beta"),
        auth_style: text("auth").and_then(|a| AuthStyle::parse(&a)),
    };
    let transport = transport_of(v.get("transport")?)?;
    let lang = Lang::from_tag(&text("lang").unwrap_or_default());
    let (rendered, stored_bytes) = match &transport {
        Transport::Response {
            status, headers, body, ..
        }
        | Transport::Cut {
            status, headers, body, ..
        } if *status < 400 => {
            let ct = headers
                .iter()
                .find(|(n, _)| n == "content-type")
                .map(|(_, v)| v.as_str());
            (render(ep.protocol, ct, body), body.len())
        }
        other => (Default::default(), other.body().map_or(0, str::len)),
    };
    let received = v
        .get("received")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(stored_bytes);
    let diagnosis = diagnose(&facts, &transport, lang);
    let ms = |k: &str| v.get(k).and_then(Value::as_u64);
    Some(StoredEntry {
        exchange: Arc::new(Exchange {
            serial: u32::try_from(v.get("serial")?.as_u64()?).ok()?,
            endpoint: id,
            request_line: format!("{} {}", facts.method, facts.url),
            model: facts.model.clone(),
            head_ms: ms("head_ms"),
            first_token_ms: ms("first_token_ms"),
            received_bytes: received,
            facts,
            transport,
            rendered,
            diagnosis,
            lang,
            exact_body: None,
            body_charset: None,
            history_dropped: received.saturating_sub(stored_bytes),
            sent_at_ms: ms("sent_at_ms"),
        }),
        values,
        raw_body,
    })
}

/// The stored text for `entries` (newest first): as many as fit in [`STORED_BUDGET`], each
/// with its body cut to [`STORED_BODY_CAP`], every form of `key` redacted once more.
pub fn encode(entries: &[StoredEntry], key: &str) -> String {
    let mut kept = Vec::new();
    let mut total = 0;
    for e in entries {
        let v = entry_json(e, key);
        let size = v.to_string().len();
        if total + size > STORED_BUDGET && !kept.is_empty() {
            break;
        }
        total += size;
        kept.push(v);
    }
    let mut root = Map::new();
    root.insert("v".into(), json!(1));
    root.insert("entries".into(), Value::Array(kept));
    let text = Value::Object(root).to_string();
    // The last line of defence: nothing stored may hold the key in any form.
    redact(&text, key)
}

/// The entries of a stored text, newest first; anything malformed is left out.
pub fn decode(text: &str) -> Vec<StoredEntry> {
    decode_counted(text).0
}

/// The entries of a stored text and how many could not be read (an unreadable text
/// counts as one), so the page can say what it left out.
pub fn decode_counted(text: &str) -> (Vec<StoredEntry>, usize) {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return (Vec::new(), usize::from(!text.trim().is_empty()));
    };
    let all = v
        .get("entries")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let read: Vec<StoredEntry> = all.iter().filter_map(entry_of).collect();
    let unreadable = if v.get("entries").is_some_and(Value::is_array) {
        all.len() - read.len()
    } else {
        1
    };
    (read, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Ending, Head, InFlight};
    use crate::request::build::{build_request, Connection};
    use crate::request::form::FieldValue;

    const KEY: &str = "sk-store-test-0123456789";

    fn exchange(id: EndpointId, status: u16, ct: &str, body: &str, ending: Ending) -> StoredEntry {
        let conn = Connection {
            gateway: "https://gw.example".into(),
            api_key: KEY.into(),
            ..Connection::default()
        };
        let ep = endpoint(id);
        let mut values = FormValues::defaults(ep);
        if ep.field("temperature").is_some() {
            values.set("temperature", FieldValue::Text("0.4".into()));
        }
        let request = build_request(ep, &conn, &values, None)
            .request
            .unwrap_or_else(|| panic!("{id:?} builds"));
        let mut flight = InFlight::start(7, id, &request, &values, &conn, true, 1 << 26);
        flight.head(Head {
            status,
            headers: vec![("content-type".into(), ct.into()), ("x-echo".into(), KEY.into())],
            cross_origin: true,
            at_ms: 12,
        });
        flight.push(body.as_bytes(), 20);
        StoredEntry {
            exchange: Arc::new(flight.finish(ending, 30, Lang::En)),
            values,
            raw_body: None,
        }
    }

    #[test]
    fn exchanges_come_back_as_they_were_without_the_key() {
        let entries = vec![
            exchange(
                EndpointId::ChatCompletions,
                200,
                "application/json",
                r#"{"choices":[{"message":{"content":"Hi"},"finish_reason":"stop"}]}"#,
                Ending::Finished,
            ),
            exchange(
                EndpointId::ChatCompletions,
                401,
                "application/json",
                &format!(
                    r#"{{"error":{{"message":"Invalid token {KEY} (request id: 2026)","type":"new_api_error"}}}}"#
                ),
                Ending::Finished,
            ),
            exchange(
                EndpointId::ChatCompletions,
                200,
                "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"He\"}}]}\n\n",
                Ending::TimedOut,
            ),
            exchange(
                EndpointId::OpenAiModels,
                200,
                "application/json",
                "",
                Ending::Failed("network error".into()),
            ),
        ];
        let stored = encode(&entries, KEY);
        assert!(!stored.contains(KEY), "{stored}");
        let back = decode(&stored);
        assert_eq!(back.len(), entries.len());
        for (a, b) in entries.iter().zip(&back) {
            let (x, y) = (&a.exchange, &b.exchange);
            assert_eq!(
                (x.serial, x.endpoint, &x.transport, &x.facts, x.head_ms),
                (y.serial, y.endpoint, &y.transport, &y.facts, y.head_ms)
            );
            assert_eq!(x.diagnosis, y.diagnosis, "read again, the same verdict");
            assert_eq!(x.rendered.text, y.rendered.text);
            assert_eq!(a.values.text("temperature"), b.values.text("temperature"));
            assert_eq!(
                a.values.get("messages"),
                b.values.get("messages"),
                "the conversation comes back"
            );
        }
    }

    #[test]
    fn big_bodies_are_cut_and_the_budget_holds() {
        let big = format!(
            r#"{{"choices":[{{"message":{{"content":"{}"}}}}]}}"#,
            "x".repeat(300 * 1024)
        );
        let entries: Vec<StoredEntry> = (0..30)
            .map(|_| {
                exchange(
                    EndpointId::ChatCompletions,
                    200,
                    "application/json",
                    &big,
                    Ending::Finished,
                )
            })
            .collect();
        let stored = encode(&entries, KEY);
        assert!(stored.len() <= STORED_BUDGET + 1024, "{} bytes", stored.len());
        let back = decode(&stored);
        assert!(!back.is_empty() && back.len() < 30);
        assert!(back[0].exchange.history_dropped > 200 * 1024, "the cut is said");
    }

    #[test]
    fn malformed_storage_loads_what_it_can() {
        for text in [
            "",
            "null",
            "{\"entries\":5}",
            "{\"entries\":[{}, 3, \"x\"]}",
            "{\"entries\":[{\"endpoint\":\"chat-completions\",\"serial\":1e99}]}",
        ] {
            assert!(decode(text).is_empty(), "{text}");
        }
        let good = encode(
            &[exchange(
                EndpointId::ChatCompletions,
                200,
                "application/json",
                "{}",
                Ending::Finished,
            )],
            KEY,
        );
        let mixed = good.replacen("\"entries\":[", "\"entries\":[{\"endpoint\":\"nope\"},", 1);
        assert_eq!(decode(&mixed).len(), 1);
        assert_eq!(decode_counted(&mixed).1, 1, "the one left out is counted");
        assert_eq!(decode_counted("not json").1, 1);
        assert_eq!(decode_counted("").1, 0);
    }
}
