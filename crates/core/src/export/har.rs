//! One exchange as a HAR 1.2 file (the format DevTools, Postman and proxies read), for a
//! support thread or another tool. The key is redacted in every form wherever it could
//! appear (URL, headers, bodies), data URIs and base64 in the request body are cut to a
//! size note, and the response body is kept up to [`HAR_BODY_CAP`] with its full size.

use serde_json::{json, Value};

use crate::answer::body_view::window;
use crate::diagnosis::Transport;
use crate::exchange::Exchange;
use crate::request::http::{Body, HttpRequest, PartValue};
use crate::text::percent::decode_component;
use crate::text::redact::{mask_key, redact, redact_bytes_in_place};

/// Bytes of the response body a HAR file keeps.
pub const HAR_BODY_CAP: usize = 1024 * 1024;

/// Long base64 runs (inline images) replaced by a note of their size.
pub(crate) fn without_inline_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() > 256 {
            out.push_str(&format!("[{} bytes of base64 left out]", run.len()));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The HAR text for `exchange`, sent as `request`, exported at `started` (ISO 8601; the
/// exchange keeps no wall-clock time, so the entry says when it was exported).
pub fn har(exchange: &Exchange, request: &HttpRequest, key: &str, started: &str) -> String {
    let hide = |text: &str| redact(text, key);
    let query: Vec<Value> = request
        .url
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            json!({"name": hide(&decode_component(n)), "value": hide(&decode_component(v))})
        })
        .collect();
    let mut request_json = json!({
        "method": request.method.as_str(),
        "url": hide(&request.url),
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": request.headers.iter().map(|h| json!({"name": h.name, "value": hide(&h.value)})).collect::<Vec<_>>(),
        "queryString": query,
        "headersSize": -1,
        "bodySize": request.body.approx_len(),
    });
    match &request.body {
        Body::Empty => {}
        Body::Json(text) => {
            request_json["postData"] =
                json!({"mimeType": "application/json", "text": hide(&without_inline_data(text))});
        }
        Body::Multipart(parts) => {
            let params: Vec<Value> = parts
                .iter()
                .map(|p| match &p.value {
                    PartValue::Text(t) => json!({"name": p.name, "value": hide(t)}),
                    PartValue::File(f) => json!({"name": p.name, "fileName": f.name, "contentType": f.effective_mime(), "value": format!("[{} bytes]", f.size)}),
                })
                .collect();
            request_json["postData"] = json!({"mimeType": "multipart/form-data", "params": params});
        }
    }
    let (status, headers, body) = match &exchange.transport {
        Transport::Response {
            status, headers, body, ..
        }
        | Transport::Cut {
            status, headers, body, ..
        } => (*status, headers.clone(), body.as_str()),
        _ => (0, Vec::new(), ""),
    };
    let mime = headers
        .iter()
        .find(|(n, _)| n == "content-type")
        .map_or("", |(_, v)| v.as_str())
        .to_string();
    let elapsed = exchange.transport.elapsed_ms();
    let wait = exchange.head_ms.unwrap_or(elapsed).min(elapsed);
    let kept = window(body, 0, HAR_BODY_CAP).text;
    let mut content = match exchange.exact_body.as_deref().filter(|b| b.len() <= HAR_BODY_CAP) {
        // A body that is not UTF-8 goes in as the bytes received (HAR's base64 encoding),
        // the key masked in them as everywhere.
        Some(bytes) => {
            let mut bytes = bytes.to_vec();
            redact_bytes_in_place(&mut bytes, key, &mask_key(key));
            json!({
                "size": exchange.received_bytes.max(bytes.len()),
                "mimeType": mime,
                "text": crate::text::base64::encode(&bytes),
                "encoding": "base64",
                "comment": "the bytes as received: the body is not UTF-8",
            })
        }
        None => json!({"size": exchange.received_bytes.max(body.len()), "mimeType": mime, "text": hide(kept)}),
    };
    if exchange.exact_body.is_none() && kept.len() < body.len() {
        content["comment"] = json!(format!("the first {} bytes of {}", kept.len(), body.len()));
    }
    let d = &exchange.diagnosis;
    let har = json!({
        "log": {
            "version": "1.2",
            "creator": {"name": "RouteScope Playground", "version": env!("CARGO_PKG_VERSION")},
            "entries": [{
                "startedDateTime": started,
                "time": elapsed,
                "request": request_json,
                "response": {
                    "status": status,
                    "statusText": "",
                    "httpVersion": "HTTP/1.1",
                    "cookies": [],
                    "headers": headers.iter().map(|(n, v)| json!({"name": n, "value": hide(v)})).collect::<Vec<_>>(),
                    "content": content,
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": exchange.received_bytes,
                    "_error": match &exchange.transport {
                        Transport::Response { .. } => Value::Null,
                        other => json!(other.outcome(crate::text::lang::Lang::En)),
                    },
                },
                "cache": {},
                "timings": {"send": 0, "wait": wait, "receive": elapsed - wait},
                "comment": hide(&format!("RouteScope diagnosis: {} ({}, {}): {}{}", d.category.as_str(), d.confidence.as_str(), d.side.as_str(), d.headline, d.request_id.as_deref().map(|r| format!("; request id {r}")).unwrap_or_default())),
            }],
        }
    });
    // Once more over the whole text: no form of the key in any field.
    hide(&serde_json::to_string_pretty(&har).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Ending, Head, InFlight};
    use crate::request::build::{build_request, Connection};
    use crate::request::catalogue::{endpoint, AuthStyle, EndpointId};
    use crate::request::form::FormValues;
    use crate::text::lang::Lang;

    const KEY: &str = "sk-har-0123456789abcdef/+=";

    /// The endpoint's default request, sent with `KEY` as `auth`, and its answer's head.
    fn answered(id: EndpointId, auth: AuthStyle, status: u16, content_type: &str) -> (HttpRequest, InFlight) {
        let conn = Connection {
            gateway: "https://gw.example".into(),
            api_key: KEY.into(),
            auth,
            ..Connection::default()
        };
        let ep = endpoint(id);
        let values = FormValues::defaults(ep);
        let request = build_request(ep, &conn, &values, None)
            .request
            .unwrap_or_else(|| panic!("builds"));
        let mut flight = InFlight::start(1, ep.id, &request, &values, &conn, true, 1 << 26);
        flight.head(Head {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            cross_origin: false,
            at_ms: 30,
        });
        (request, flight)
    }

    #[test]
    fn a_har_entry_with_every_part_and_no_form_of_the_key() {
        let (request, mut flight) = answered(EndpointId::GeminiGenerate, AuthStyle::QueryKey, 401, "application/json");
        flight.push(
            format!("{{\"error\":{{\"message\":\"API key not valid: {KEY}\",\"status\":\"INVALID_ARGUMENT\"}}}}")
                .as_bytes(),
            40,
        );
        let exchange = flight.finish(Ending::Finished, 55, Lang::En);
        let text = har(&exchange, &request, KEY, "2026-12-02T12:00:00.000Z");
        for form in [KEY.to_string(), crate::text::percent::encode_component(KEY)] {
            assert!(!text.contains(&form), "{form} in {text}");
        }
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        let entry = &v["log"]["entries"][0];
        assert_eq!(v["log"]["version"], "1.2");
        assert_eq!(entry["request"]["method"], "POST");
        assert_eq!(entry["response"]["status"], 401);
        assert_eq!(entry["timings"]["wait"], 30);
        assert!(entry["request"]["postData"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("contents")));
        assert!(entry["comment"]
            .as_str()
            .is_some_and(|c| c.contains("RouteScope diagnosis: authentication-failure")));
        assert!(entry["request"]["queryString"]
            .as_array()
            .is_some_and(|q| q.iter().any(|p| p["name"] == "key")));
    }

    #[test]
    fn a_body_that_is_not_utf8_goes_in_as_its_bytes_with_the_key_masked() {
        let (request, mut flight) = answered(
            EndpointId::ChatCompletions,
            AuthStyle::Bearer,
            502,
            "text/html; charset=gbk",
        );
        let sent = [b"<title>502 \xB4\xED</title> ".as_slice(), KEY.as_bytes()].concat();
        flight.push(&sent, 40);
        let exchange = flight.finish(Ending::Finished, 55, Lang::En);
        let text = har(&exchange, &request, KEY, "2026-12-03T12:00:00.000Z");
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        let content = &v["log"]["entries"][0]["response"]["content"];
        assert_eq!(content["encoding"], "base64");
        let expected = [b"<title>502 \xB4\xED</title> ".as_slice(), mask_key(KEY).as_bytes()].concat();
        assert_eq!(content["text"], crate::text::base64::encode(&expected));
    }

    #[test]
    fn inline_images_are_cut_to_a_note() {
        let data = format!("{{\"image\":\"data:image/png;base64,{}\"}}", "A".repeat(5000));
        let cut = without_inline_data(&data);
        assert!(
            cut.contains("[5000 bytes of base64 left out]") && cut.len() < 200,
            "{cut}"
        );
    }
}
