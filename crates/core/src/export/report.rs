//! The support report: one exchange as the Markdown a gateway's issue tracker or support
//! asks for (the request, the response, the request id, the time, the diagnosis, the
//! equivalent curl), optionally beside the same request aimed at the provider's own API so
//! the person can run the A/B comparison support asks for.
//!
//! Nothing secret survives: the key is masked to its first and last characters in every
//! form it could take ([`redact`]), any other secret-looking token (an `sk-…` key, a Google
//! `AIza…` key, a `Bearer` token) is masked too ([`mask_secret_looking`]), inline base64 is
//! cut to a size note and bodies are cut at a cap with their size.

use serde_json::Value;

use crate::answer::body_view::window;
use crate::diagnosis::Transport;
use crate::exchange::Exchange;
use crate::export::curl::{to_curl, to_curl_reading, KeyExposure};
use crate::export::har::without_inline_data;
use crate::request::build::{build_request, Connection};
use crate::request::catalogue::{AuthStyle, Endpoint, EndpointId, Protocol, Target};
use crate::request::form::FormValues;
use crate::request::http::{Body, HttpRequest, PartValue};
use crate::text::redact::{mask_key, redact};
use crate::text::time::{local, utc_iso};

/// Bytes of the response body a report keeps.
pub const REPORT_RESPONSE_CAP: usize = 8 * 1024;
/// Bytes of the request body a report keeps.
pub const REPORT_REQUEST_CAP: usize = 16 * 1024;
/// The variable the provider section's curl reads its key from.
pub const PROVIDER_KEY_VAR: &str = "PROVIDER_API_KEY";
/// Stands in for the provider's key while its request is built (never a real key).
const PROVIDER_KEY_PLACEHOLDER: &str = "provider-key-placeholder";

/// The provider's own API for an endpoint's protocol: its base URL and how it takes a key.
/// `None` where the gateway's route has no provider twin (tasks, account, Seedream).
pub fn provider_default(endpoint: &Endpoint) -> Option<(&'static str, AuthStyle)> {
    if endpoint.id == EndpointId::SeedreamEdits {
        return None;
    }
    match endpoint.protocol {
        Protocol::OpenAiChat | Protocol::OpenAiResponses | Protocol::OpenAiImages | Protocol::OpenAiModels => {
            Some(("https://api.openai.com", AuthStyle::Bearer))
        }
        Protocol::ClaudeMessages => Some(("https://api.anthropic.com", AuthStyle::XApiKey)),
        Protocol::GeminiNative | Protocol::GeminiModels | Protocol::Imagen => {
            Some(("https://generativelanguage.googleapis.com", AuthStyle::XGoogApiKey))
        }
        Protocol::AsyncTask | Protocol::VideoTask | Protocol::SelfService => None,
    }
}

/// The same request aimed at the provider's own API at `base_url` with `model` (the
/// provider's id for it), its key a placeholder; an error says why it cannot be built.
pub fn provider_request(
    endpoint: &Endpoint,
    values: &FormValues,
    raw_body: Option<&str>,
    base_url: &str,
    model: &str,
) -> Result<HttpRequest, String> {
    let Some((_, auth)) = provider_default(endpoint) else {
        return Err("This route has no provider API to compare with.".to_string());
    };
    let conn = Connection {
        gateway: base_url.trim().to_string(),
        self_service: base_url.trim().to_string(),
        api_key: PROVIDER_KEY_PLACEHOLDER.to_string(),
        auth,
    };
    let mut values = values.clone();
    let model = model.trim();
    let model_field = endpoint.field("model");
    if let Some(spec) = model_field.filter(|_| !model.is_empty()) {
        values.set_text(spec.key, model.to_string());
    }
    // A raw body names the model itself: the provider's id goes there too.
    let raw = raw_body.map(
        |raw| match (model_field.map(|f| f.target), serde_json::from_str::<Value>(raw)) {
            (Some(Target::Json("model")), Ok(Value::Object(mut map))) if !model.is_empty() => {
                map.insert("model".to_string(), Value::String(model.to_string()));
                Value::Object(map).to_string()
            }
            _ => raw.to_string(),
        },
    );
    build_request(endpoint, &conn, &values, raw.as_deref()).into_sendable()
}

/// Masks tokens that look like secrets whoever they belong to: `sk-…` keys, Google `AIza…`
/// keys and whatever follows `Bearer `, each to its first and last characters.
pub fn mask_secret_looking(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '+' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let starts = ["sk-", "AIza", "Bearer "]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, *p)))
            .min();
        let Some((at, prefix)) = starts else {
            out.push_str(rest);
            break;
        };
        // A prefix inside a longer word (`task-`, `disk-`) is not a key.
        let inside_word = prefix != "Bearer " && rest[..at].chars().next_back().is_some_and(is_token_char);
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let token_start = if prefix == "Bearer " { prefix.len() } else { 0 };
        let token_len = after[token_start..]
            .find(|c: char| !is_token_char(c))
            .unwrap_or(after.len() - token_start);
        let token = &after[token_start..token_start + token_len];
        let long_enough = token.len() >= if prefix == "Bearer " { 12 } else { 16 };
        if long_enough && !inside_word && !token.contains('…') {
            out.push_str(&after[..token_start]);
            out.push_str(&mask_key(token));
            rest = &after[token_start + token_len..];
        } else {
            let step = after.chars().next().map_or(1, char::len_utf8);
            out.push_str(&after[..step]);
            rest = &after[step..];
        }
    }
    out
}

/// What a support report is made of.
pub struct ReportInput<'a> {
    /// The exchange.
    pub exchange: &'a Exchange,
    /// The request as it was sent (the URL as called).
    pub request: &'a HttpRequest,
    /// The key to mask.
    pub key: &'a str,
    /// The product's version.
    pub version: &'a str,
    /// When the report was made, in ms since the epoch (the time of the call when the
    /// exchange did not record one).
    pub now_ms: u64,
    /// The person's zone, in minutes east of UTC.
    pub offset_minutes: i32,
    /// The same request aimed at the provider, when the person asked for the A/B section.
    pub provider: Option<&'a HttpRequest>,
}

/// A body for the report: inline data cut to a size note, then cut at `cap` with its size.
fn body_excerpt(text: &str, cap: usize) -> String {
    let cut = without_inline_data(text);
    let kept = window(&cut, 0, cap);
    if kept.skipped_after > 0 {
        format!("{}\n… ({} of {} bytes shown)", kept.text, kept.text.len(), text.len())
    } else {
        kept.text.to_string()
    }
}

/// A fenced block that no backtick run inside `text` can close early.
fn fenced(lang: &str, text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{}\n{fence}\n", text.trim_end_matches('\n'))
}

/// The request block: request line, headers, body.
fn request_block(request: &HttpRequest) -> String {
    let mut text = format!("{} {}\n", request.method.as_str(), request.url);
    for h in &request.headers {
        text.push_str(&format!("{}: {}\n", h.name, h.value));
    }
    match &request.body {
        Body::Empty => {}
        Body::Json(json) => {
            text.push('\n');
            text.push_str(&body_excerpt(json, REPORT_REQUEST_CAP));
        }
        Body::Multipart(parts) => {
            text.push_str("\n(multipart/form-data)\n");
            for p in parts {
                match &p.value {
                    PartValue::Text(t) => text.push_str(&format!("{}={}\n", p.name, body_excerpt(t, 1024))),
                    PartValue::File(f) => text.push_str(&format!(
                        "{}=@{} ({}, {} bytes)\n",
                        p.name,
                        f.name,
                        f.effective_mime(),
                        f.size
                    )),
                }
            }
        }
    }
    text
}

/// The support report as Markdown, with no form of the key and no secret-looking token.
pub fn support_report(input: &ReportInput) -> String {
    let ex = input.exchange;
    let d = &ex.diagnosis;
    let mut md = String::new();
    md.push_str("## RouteScope Playground support report\n\n");
    let (when, recorded) = match ex.sent_at_ms {
        Some(ms) => (ms, true),
        None => (input.now_ms, false),
    };
    md.push_str(&format!(
        "- **Time of the call**: {} (your time: {}){}\n",
        utc_iso(when),
        local(when, input.offset_minutes),
        if recorded {
            ""
        } else {
            " (not recorded; this is when the report was made)"
        }
    ));
    md.push_str(&format!(
        "- **Request id**: {}\n",
        d.request_id
            .as_deref()
            .map_or("none in the answer".to_string(), |id| format!("`{id}`"))
    ));
    md.push_str(&format!(
        "- **Answered by**: {}\n",
        d.evidence_value("answered-by").unwrap_or("not known")
    ));
    md.push_str(&format!(
        "- **Outcome**: {} after {} ms\n",
        ex.transport.outcome(crate::text::lang::Lang::En),
        ex.transport.elapsed_ms()
    ));
    md.push_str(&format!("- **Product**: RouteScope Playground {}\n\n", input.version));

    md.push_str("### Diagnosis\n\n");
    md.push_str(&format!(
        "**{}** ({} confidence; side: {})\n\n{}\n\n{}\n\n",
        d.category.as_str(),
        d.confidence.as_str(),
        d.side.as_str(),
        d.headline,
        d.explanation
    ));
    if !d.evidence.is_empty() {
        md.push_str("| evidence | value |\n|---|---|\n");
        for e in &d.evidence {
            md.push_str(&format!("| {} | {} |\n", e.label, table_cell(&e.value)));
        }
        md.push('\n');
    }

    md.push_str("### Request\n\n");
    md.push_str(&fenced("http", &request_block(input.request)));
    md.push('\n');

    md.push_str("### Response\n\n");
    match &ex.transport {
        Transport::Response {
            status, headers, body, ..
        }
        | Transport::Cut {
            status, headers, body, ..
        } => {
            let mut text = format!("HTTP {status}\n");
            for (n, v) in headers {
                text.push_str(&format!("{n}: {v}\n"));
            }
            text.push('\n');
            text.push_str(&body_excerpt(body, REPORT_RESPONSE_CAP));
            md.push_str(&format!("{} bytes received.\n\n", ex.received_bytes.max(body.len())));
            md.push_str(&fenced("http", &text));
        }
        other => md.push_str(&format!(
            "No HTTP answer: {}.\n",
            other.outcome(crate::text::lang::Lang::En)
        )),
    }
    md.push('\n');

    md.push_str("### The same request with curl\n\n");
    md.push_str("The key is read from `$ROUTESCOPE_API_KEY`.\n\n");
    md.push_str(&fenced("sh", &to_curl(input.request, input.key, KeyExposure::FromEnv)));

    if let Some(provider) = input.provider {
        md.push_str("\n### The same request straight to the provider (A/B)\n\n");
        md.push_str("Run both: if this one works and the gateway's does not, the gateway's side is the place to look. The key is read from `$PROVIDER_API_KEY`.\n\n");
        md.push_str(&fenced(
            "sh",
            &to_curl_reading(
                provider,
                PROVIDER_KEY_PLACEHOLDER,
                KeyExposure::FromEnv,
                PROVIDER_KEY_VAR,
            ),
        ));
    }
    // Once more over everything: the key in any form, and any other secret-looking token.
    mask_secret_looking(&redact(&md, input.key))
}

/// A table cell on one line, with its pipes escaped.
fn table_cell(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    window(&one_line, 0, 300).text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{Ending, Head, InFlight};
    use crate::request::catalogue::endpoint;
    use crate::text::lang::Lang;

    const KEY: &str = "sk-rPt7Qz2WvK9mXa4LbN8sYd3F/+=";

    fn failed_exchange(ep: &'static Endpoint, values: &FormValues, conn: &Connection) -> (Exchange, HttpRequest) {
        let request = build_request(ep, conn, values, None)
            .request
            .unwrap_or_else(|| panic!("the defaults build"));
        let mut flight = InFlight::start(7, ep.id, &request, values, conn, true, 1 << 26);
        flight.head(Head {
            status: 503,
            headers: vec![("content-type".into(), "application/json".into())],
            cross_origin: true,
            at_ms: 20,
        });
        let body = format!(
            "{{\"error\":{{\"message\":\"分组 default 下模型 gpt-5.4x 无可用渠道 (request id: 20261202170312345678901AbCdEfGh) key {KEY} other sk-oTherKeyQwErTyUiOpZxCv\",\"type\":\"new_api_error\",\"code\":\"model_not_found\"}}}}"
        );
        flight.push(body.as_bytes(), 30);
        let mut exchange = flight.finish(Ending::Finished, 40, Lang::En);
        exchange.sent_at_ms = Some(1_796_230_992_345);
        (exchange, request)
    }

    fn every_substring_absent(text: &str, secret: &str, min: usize) {
        let chars: Vec<char> = secret.chars().collect();
        for len in min..=chars.len() {
            for start in 0..=chars.len() - len {
                let piece: String = chars[start..start + len].iter().collect();
                assert!(!text.contains(&piece), "{piece:?} of the key survives in:\n{text}");
            }
        }
    }

    #[test]
    fn a_failed_call_reports_its_id_time_and_diagnosis_and_no_secret() {
        let ep = endpoint(EndpointId::ChatCompletions);
        let conn = Connection {
            gateway: "https://gw.example".into(),
            api_key: KEY.into(),
            ..Connection::default()
        };
        let mut values = FormValues::defaults(ep);
        values.set_text("model", "gpt-5.4x");
        let (exchange, request) = failed_exchange(ep, &values, &conn);
        let provider =
            provider_request(ep, &values, None, "https://api.openai.com", "gpt-5.4").unwrap_or_else(|e| panic!("{e}"));
        let text = support_report(&ReportInput {
            exchange: &exchange,
            request: &request,
            key: KEY,
            version: "0.1.0",
            now_ms: 1_796_231_000_000,
            offset_minutes: 480,
            provider: Some(&provider),
        });
        every_substring_absent(&text, KEY, 8);
        every_substring_absent(&text, "sk-oTherKeyQwErTyUiOpZxCv", 8);
        assert!(text.contains("`20261202170312345678901AbCdEfGh`"), "{text}");
        assert!(text.contains("2026-12-02T17:03:12Z (your time: 2026-12-03 01:03:12 (UTC+08:00))"));
        assert!(text.contains("**model-not-available**"));
        assert!(
            text.contains("Authorization: Bearer sk-…"),
            "the key's ends show which key it was"
        );
        assert!(text.contains("curl https://gw.example/v1/chat/completions"));
        assert!(text.contains("Bearer ${ROUTESCOPE_API_KEY}"));
        // The A/B section: the provider's URL, its model id, its own key variable.
        assert!(text.contains("curl https://api.openai.com/v1/chat/completions"));
        assert!(text.contains("Bearer ${PROVIDER_API_KEY}"));
        assert!(text.contains("\"model\": \"gpt-5.4\","), "the provider's model id");
        assert!(!text.contains(PROVIDER_KEY_PLACEHOLDER));
    }

    #[test]
    fn bodies_are_cut_and_inline_data_left_out() {
        let ep = endpoint(EndpointId::ChatCompletions);
        let conn = Connection {
            api_key: KEY.into(),
            ..Connection::default()
        };
        let values = FormValues::defaults(ep);
        let mut request = build_request(ep, &conn, &values, None)
            .request
            .unwrap_or_else(|| panic!("builds"));
        request.body = Body::Json(format!(
            "{{\"image\":\"data:image/png;base64,{}\"}}",
            "QUJD".repeat(5000)
        ));
        let mut flight = InFlight::start(1, ep.id, &request, &values, &conn, false, 1 << 26);
        flight.head(Head {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            cross_origin: true,
            at_ms: 5,
        });
        let big = format!("{{\"text\":\"{}\"}}", "a few words ".repeat(4_000));
        flight.push(big.as_bytes(), 6);
        let exchange = flight.finish(Ending::Finished, 9, Lang::En);
        let text = support_report(&ReportInput {
            exchange: &exchange,
            request: &request,
            key: KEY,
            version: "0.1.0",
            now_ms: 0,
            offset_minutes: 0,
            provider: None,
        });
        assert!(text.contains("[20000 bytes of base64 left out]"), "{text}");
        assert!(text.contains(&format!("({REPORT_RESPONSE_CAP} of {} bytes shown)", big.len())));
        assert!(text.contains("(not recorded; this is when the report was made)"));
        assert!(!text.contains("A/B"));
        assert!(text.len() < 40_000);
    }

    #[test]
    fn the_provider_request_names_the_provider_model_everywhere() {
        let claude = endpoint(EndpointId::ClaudeMessages);
        let values = FormValues::defaults(claude);
        let raw = r#"{"model":"claude-via-gateway","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"#;
        let Ok(request) = provider_request(
            claude,
            &values,
            Some(raw),
            "https://api.anthropic.com",
            "claude-sonnet-4-5",
        ) else {
            panic!("builds");
        };
        assert_eq!(request.url, "https://api.anthropic.com/v1/messages");
        assert!(request.headers.iter().any(|h| h.name.eq_ignore_ascii_case("x-api-key")));
        assert!(
            matches!(&request.body, Body::Json(t) if t.contains("claude-sonnet-4-5") && !t.contains("claude-via-gateway"))
        );
        let gemini = endpoint(EndpointId::GeminiGenerate);
        let Ok(request) = provider_request(
            gemini,
            &FormValues::defaults(gemini),
            None,
            "https://generativelanguage.googleapis.com",
            "gemini-2.5-pro",
        ) else {
            panic!("builds");
        };
        assert!(request
            .url
            .starts_with("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:"));
        let tasks = endpoint(EndpointId::VideoSubmit);
        assert!(provider_request(tasks, &FormValues::defaults(tasks), None, "https://x.example", "m").is_err());
        assert!(provider_default(endpoint(EndpointId::SeedreamEdits)).is_none());
    }

    #[test]
    fn secret_looking_tokens_are_masked_and_ordinary_words_kept() {
        let table: &[(&str, &str)] = &[
            ("key sk-abcdefghijklmnop0123 end", "key sk-…0123 end"),
            ("AIzaSyA-0123456789abcdefghijklmnopq", "…nopq"),
            ("Authorization: Bearer abcdefghijkl0123", "Authorization: Bearer …0123"),
            ("task-abcdefghijklmnopqrstuvwxyz", "task-abcdefghijklmnopqrstuvwxyz"),
            ("sk-short", "sk-short"),
            ("Bearer sk-…wxyz", "Bearer sk-…wxyz"),
            (
                "request id 20261202170312345678901AbCdEfGh",
                "request id 20261202170312345678901AbCdEfGh",
            ),
        ];
        for (input, expected) in table {
            assert_eq!(mask_secret_looking(input), *expected, "{input}");
        }
    }
}
