//! Fuzzing every pure parser and decoder with inputs grown from real answers, with oracles
//! stronger than "did not panic":
//! - reading an answer: the same bytes cut into random chunks give the same finished
//!   exchange as one chunk, and a key the server echoes (raw, percent-encoded,
//!   JSON-escaped, base64) is in nothing the exchange keeps;
//! - SSE: an incremental parse at random chunk borders equals the whole-text parse;
//! - envelopes, request ids and the diagnosis: any status, headers and body give a verdict
//!   with a headline and an explanation, in both languages;
//! - share links: any fragment decodes without harm, a decoded link re-encodes to the same
//!   request, and a key typed anywhere never reaches a link;
//! - redaction: no form of the key survives;
//! - base URLs: parsing is idempotent, and joining never yields a `.`/`..` path segment;
//! - saved settings: any stored text decodes, `decode(encode(s)) == s`, and the key never
//!   reaches what is stored;
//! - request building: any form values build or explain why not; a value that lands in the
//!   path stays one segment, and the key is in the URL only for `?key=` auth;
//! - inline images: any header bytes give a type, the exact size and no harm;
//! - imports (curl, fetch, raw HTTP): any text is read or refused with a reason, and the
//!   key found never reaches the form or a link;
//! - the stored history: it never holds the key, every entry loads back, and damaged
//!   storage loads without harm.
//!
//! `cargo test` runs a bounded number of cases per target (`FUZZ_CASES`, default 1,500);
//! `scripts/fuzz.sh` runs a million or more. A failure prints the seed and case to replay:
//! `FUZZ_SEED=<seed> FUZZ_CASES=<n> cargo test -p routescope-core --test fuzz`.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use routescope_core::answer::envelope::{extract_request_id, parse_envelope};
use routescope_core::answer::reader::DEFAULT_BYTE_CAP;
use routescope_core::answer::sse::{parse_all, SseParser};
use routescope_core::diagnosis::{diagnose, CutCause, RequestFacts, StreamEnd, Transport};
use routescope_core::exchange::{Ending, Exchange, Head, InFlight};
use routescope_core::request::base_url::BaseUrl;
use routescope_core::request::build::{build_request, Connection};
use routescope_core::request::catalogue::{endpoint, AuthStyle, FieldKind, Target, CATALOGUE};
use routescope_core::request::form::{FieldValue, FormValues};
use routescope_core::request::saved::SavedSettings;
use routescope_core::request::share;
use routescope_core::text::base64;
use routescope_core::text::lang::Lang;
use routescope_core::text::percent::encode_component;
use routescope_core::text::redact::redact;

/// SplitMix64: small, fast and good enough to drive mutations reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn cases() -> usize {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1_500)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2026)
}

/// Runs `body` for every case with its own generator; a panic or a failed oracle names the
/// target, seed and case so it can be replayed.
fn fuzz(target: &str, body: impl Fn(&mut Rng) -> Result<(), String>) {
    let (n, base) = (cases(), seed());
    for case in 0..n {
        let case_seed = base ^ (case as u64).wrapping_mul(0xA24B_AED4_963E_E407) ^ hash(target);
        let mut rng = Rng(case_seed);
        let outcome = catch_unwind(AssertUnwindSafe(|| body(&mut rng)));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(oracle)) => panic!("{target}: case {case} (FUZZ_SEED={base}) broke an oracle: {oracle}"),
            Err(_) => panic!("{target}: case {case} (FUZZ_SEED={base}) panicked"),
        }
    }
    eprintln!("{target}: {n} cases, 0 panics, 0 oracle failures");
}

fn hash(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    })
}

/// Real answers (bodies of the golden corpus) and a few stream bodies: what mutations start from.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
        let mut bodies = vec![
            "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n".to_string(),
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".to_string(),
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}]}\r\n\r\n".to_string(),
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}}\n\n".to_string(),
        ];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "jsonl") {
                for line in std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()) {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap();
                    if let Some(body) = v["response"]["body"].as_str() {
                        bodies.push(body.to_string());
                    }
                }
            }
        }
        bodies
    })
}

/// Fragments the extractors and signatures look for, spliced in to reach deep branches.
const MARKERS: &[&str] = &[
    "(request id: 2026120212345678)",
    "No available channel for model ",
    "无可用渠道",
    "Invalid token",
    "无效的令牌",
    "model_not_found",
    "insufficient_quota",
    "retry after 3s",
    "\"error\":{",
    "\"code\":",
    "data: ",
    "\n\n",
    "\r\n",
    "%",
    "\\u00",
    "\u{FFFD}",
    "🦀",
    "<script>alert(1)</script>",
    "{\"message\":",
    "upstream",
    "429",
    "token",
];

/// A mutation of `text`: byte flips, cuts, splices of markers or other corpus entries.
fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.truncate(at),
            2 => {
                let marker = rng.pick(MARKERS).as_bytes();
                bytes.splice(at..at, marker.iter().copied());
            }
            3 => {
                let other = rng.pick(corpus()).as_bytes();
                let from = rng.below(other.len() + 1);
                let to = from + rng.below(other.len() - from + 1);
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            4 if at < bytes.len() => {
                let end = at + rng.below(bytes.len() - at + 1);
                bytes.drain(at..end);
            }
            5 => {
                let noise: Vec<u8> = (0..rng.below(8)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, noise);
            }
            _ => {
                let marker = rng.pick(MARKERS);
                let repeated = marker.repeat(1 + rng.below(64));
                bytes.splice(at..at, repeated.bytes());
            }
        }
    }
    bytes
}

fn any_text(rng: &mut Rng) -> String {
    let seed = rng.pick(corpus()).clone();
    String::from_utf8_lossy(&mutate(rng, &seed)).into_owned()
}

/// A key as people have them: `sk-` and 8–48 characters, sometimes with URL-special ones.
fn any_key(rng: &mut Rng) -> String {
    const PLAIN: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const SPECIAL: &[u8] = b"/+=&%-_.";
    let mut key = String::from(if rng.chance(4) { "" } else { "sk-" });
    for _ in 0..8 + rng.below(40) {
        let set = if rng.chance(6) { SPECIAL } else { PLAIN };
        key.push(*rng.pick(set) as char);
    }
    key
}

/// The forms a server could echo the key in.
fn key_forms(key: &str) -> Vec<String> {
    vec![
        key.to_string(),
        encode_component(key),
        key.replace('/', "\\/"),
        base64::encode(key.as_bytes()),
    ]
}

fn any_status(rng: &mut Rng) -> u16 {
    *rng.pick(&[
        200, 200, 201, 204, 301, 400, 401, 403, 404, 405, 408, 413, 422, 429, 500, 502, 503, 504, 520, 524, 0, 999,
    ])
}

fn any_content_type(rng: &mut Rng) -> Option<String> {
    let types = [
        "application/json",
        "application/json; charset=utf-8",
        "text/event-stream",
        "text/event-stream; charset=utf-8",
        "text/html",
        "text/plain",
        "application/octet-stream",
        "",
        ";;;",
    ];
    (!rng.chance(8)).then(|| rng.pick(&types).to_string())
}

fn any_headers(rng: &mut Rng, key: &str) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    if let Some(ct) = any_content_type(rng) {
        headers.push(("content-type".to_string(), ct));
    }
    let names = [
        "x-oneapi-request-id",
        "x-request-id",
        "retry-after",
        "server",
        "cf-ray",
        "x-echo",
    ];
    for _ in 0..rng.below(4) {
        let name = rng.pick(&names).to_string();
        let value = match rng.below(4) {
            0 => key.to_string(),
            1 => rng.below(100_000).to_string(),
            _ => any_text(rng).chars().take(60).collect(),
        };
        headers.push((name, value));
    }
    headers
}

/// Inserts one form of the key at a random place of `body`.
fn echo_key(rng: &mut Rng, body: Vec<u8>, key: &str) -> Vec<u8> {
    let forms = key_forms(key);
    let form = rng.pick(&forms);
    let mut body = body;
    let at = rng.below(body.len() + 1);
    body.splice(at..at, form.bytes());
    body
}

/// Cuts `bytes` into random chunks (sometimes one byte each, sometimes large).
fn chunks<'a>(rng: &mut Rng, bytes: &'a [u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = bytes;
    let max = *rng.pick(&[1, 3, 17, 256, 4096]);
    while !rest.is_empty() {
        let n = 1 + rng.below(max.min(rest.len()));
        let (head, tail) = rest.split_at(n);
        out.push(head);
        rest = tail;
    }
    out
}

/// Everything an exchange keeps, as text, for the key oracle.
/// A response head of any status, with headers that may echo the key.
fn any_head(rng: &mut Rng, key: &str) -> Head {
    Head {
        status: any_status(rng),
        headers: any_headers(rng, key),
        cross_origin: rng.chance(2),
        at_ms: 40,
    }
}

fn kept_text(exchange: &Exchange) -> String {
    format!("{exchange:?}")
}

fn run_exchange(
    id_index: usize,
    key: &str,
    auth: AuthStyle,
    head: &Head,
    pieces: &[&[u8]],
    ending: &Ending,
    lang: Lang,
) -> Option<Exchange> {
    let ep = &CATALOGUE[id_index];
    let conn = Connection {
        gateway: "https://gw.example".into(),
        api_key: key.into(),
        auth,
        ..Connection::default()
    };
    let values = FormValues::defaults(ep);
    let request = build_request(ep, &conn, &values, None).request?;
    let mut flight = InFlight::start(1, ep.id, &request, &values, &conn, true, DEFAULT_BYTE_CAP);
    flight.head(head.clone());
    for piece in pieces {
        flight.push(piece, 50);
    }
    Some(flight.finish(ending.clone(), 900, lang))
}

#[test]
fn exchange_is_independent_of_chunking_and_never_keeps_the_key() {
    fuzz("exchange", |rng| {
        let key = any_key(rng);
        let seed = rng.pick(corpus()).clone();
        let mut body = mutate(rng, &seed);
        if rng.chance(2) {
            body = echo_key(rng, body, &key);
        }
        let head = any_head(rng, &key);
        let ending = match rng.below(6) {
            0 => Ending::TimedOut,
            1 => Ending::Cancelled,
            2 => Ending::Failed(format!("network error near {key}")),
            _ => Ending::Finished,
        };
        let id_index = rng.below(CATALOGUE.len());
        let auth = *rng.pick(&[
            AuthStyle::Bearer,
            AuthStyle::XApiKey,
            AuthStyle::XGoogApiKey,
            AuthStyle::QueryKey,
        ]);
        let lang = *rng.pick(&[Lang::En, Lang::Zh]);
        let whole = run_exchange(id_index, &key, auth, &head, &[&body], &ending, lang);
        let split = run_exchange(id_index, &key, auth, &head, &chunks(rng, &body), &ending, lang);
        if whole != split {
            return Err("the same bytes in other chunks gave another exchange".into());
        }
        if let Some(exchange) = whole {
            let kept = kept_text(&exchange);
            for form in key_forms(&key) {
                if let Some(at) = kept.find(form.as_str()) {
                    let around: String = kept[kept.floor_char_boundary(at.saturating_sub(300))..]
                        .chars()
                        .take(400)
                        .collect();
                    return Err(format!("the exchange keeps the key as {form:?}: …{around}"));
                }
            }
            if exchange.diagnosis.headline.trim().is_empty() {
                return Err("a verdict without a headline".into());
            }
        }
        Ok(())
    });
}

#[test]
fn sse_parses_the_same_at_any_chunk_border() {
    fuzz("sse", |rng| {
        let seed = rng.pick(corpus()).clone();
        let text = String::from_utf8_lossy(&mutate(rng, &seed)).into_owned();
        let whole = parse_all(&text);
        let mut parser = SseParser::default();
        let mut events = Vec::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let mut n = 1 + rng.below(rest.len().min(64));
            while !rest.is_char_boundary(n) {
                n += 1;
            }
            let (head, tail) = rest.split_at(n);
            events.extend(parser.push(head));
            rest = tail;
        }
        events.extend(parser.finish());
        if events != whole {
            return Err(format!("{} events in chunks, {} whole", events.len(), whole.len()));
        }
        Ok(())
    });
}

#[test]
fn envelopes_request_ids_and_verdicts_take_any_answer() {
    fuzz("diagnosis", |rng| {
        let body = any_text(rng);
        let content_type = any_content_type(rng);
        let envelope = parse_envelope(content_type.as_deref(), &body);
        let _ = envelope.innermost();
        let _ = extract_request_id(&body);
        let facts = RequestFacts {
            protocol: endpoint(rng.pick(CATALOGUE).id).protocol,
            method: rng.pick(&["GET", "POST", "DELETE"]).to_string(),
            url: format!(
                "https://gw.example/{}",
                any_text(rng).chars().take(40).collect::<String>()
            ),
            model: rng.chance(2).then(|| any_text(rng).chars().take(30).collect()),
            streamed: rng.chance(2),
            body_bytes: rng.below(1 << 20),
            page_is_https: rng.chance(2),
            anthropic_beta: rng.chance(4).then(|| "context-1m-2025-08-07".to_string()),
            auth_style: rng.chance(5).then_some(AuthStyle::Bearer),
        };
        let headers = any_headers(rng, "sk-none");
        let stream = rng.chance(3).then(|| match rng.below(3) {
            0 => StreamEnd::Completed,
            1 => StreamEnd::EndedEarly,
            _ => StreamEnd::ErrorEvent { body: any_text(rng) },
        });
        let transport = match rng.below(8) {
            0 => Transport::NetworkError {
                message: any_text(rng),
                elapsed_ms: 10,
            },
            1 => Transport::TimedOut { after_ms: 30_000 },
            2 => Transport::Cancelled { after_ms: 5 },
            3 => Transport::Cut {
                status: any_status(rng),
                headers,
                headers_hidden_by_cors: rng.chance(2),
                body,
                elapsed_ms: 100,
                stream,
                cause: rng
                    .pick(&[
                        CutCause::Timeout,
                        CutCause::Cancelled,
                        CutCause::Network("x".into()),
                        CutCause::Cap { cap_bytes: 64 },
                    ])
                    .clone(),
            },
            _ => Transport::Response {
                status: any_status(rng),
                headers,
                headers_hidden_by_cors: rng.chance(2),
                body,
                elapsed_ms: 100,
                stream,
            },
        };
        for lang in [Lang::En, Lang::Zh] {
            let d = diagnose(&facts, &transport, lang);
            if d.headline.trim().is_empty() || d.explanation.trim().is_empty() {
                return Err(format!("{:?} without a headline or explanation", d.category));
            }
        }
        Ok(())
    });
}

#[test]
fn share_links_decode_anything_and_never_carry_the_key() {
    fuzz("share", |rng| {
        // Any fragment decodes without harm.
        let fragment = match rng.below(3) {
            0 => any_text(rng),
            1 => format!("e={}&{}", rng.pick(CATALOGUE).id.as_str(), any_text(rng)),
            _ => {
                let ep = rng.pick(CATALOGUE);
                let field = ep
                    .fields
                    .get(rng.below(ep.fields.len().max(1)))
                    .map_or("model", |f| f.key);
                format!(
                    "#e={}&{field}={}&gateway={}",
                    ep.id.as_str(),
                    encode_component(&any_text(rng)),
                    encode_component(&any_text(rng))
                )
            }
        };
        if let Some(link) = share::decode(&fragment) {
            // What a link opened says, written again, opens the same request.
            let ep = endpoint(link.endpoint);
            let body = link.raw_body.as_deref();
            let again = share::encode(link.endpoint, &link.values, body, link.gateway.as_deref(), "");
            let reopened = share::decode(&again).ok_or("a written link does not open")?;
            if reopened.endpoint != link.endpoint
                || (body.is_none()
                    && ep.fields.iter().any(|f| {
                        !matches!(f.kind, FieldKind::Messages(_) | FieldKind::Files { .. })
                            && reopened.values.text(f.key) != link.values.text(f.key)
                            && reopened.values.flag(f.key) == link.values.flag(f.key)
                            && !matches!(f.kind, FieldKind::Toggle)
                    }))
            {
                return Err(format!("{fragment:?} did not survive a round trip"));
            }
        }
        // A key typed into any field, the body or the gateway never reaches a link.
        let key = any_key(rng);
        let ep = rng.pick(CATALOGUE);
        let mut values = FormValues::defaults(ep);
        for f in ep.fields {
            if rng.chance(2)
                && !matches!(
                    f.kind,
                    FieldKind::Toggle | FieldKind::Messages(_) | FieldKind::Files { .. }
                )
            {
                values.set(
                    f.key,
                    FieldValue::Text(format!("{}{key}", any_text(rng).chars().take(5).collect::<String>())),
                );
            }
        }
        let body = rng.chance(2).then(|| format!("{{\"model\":\"{key}\"}}"));
        let gateway = format!("https://gw.example/?key={key}");
        let link = share::encode(ep.id, &values, body.as_deref(), Some(&gateway), &key);
        if key.trim().len() >= 6 && key_forms(&key).iter().take(2).any(|form| link.contains(form.as_str())) {
            return Err(format!("the link {link:?} carries the key"));
        }
        Ok(())
    });
}

#[test]
fn redaction_leaves_no_form_of_the_key() {
    fuzz("redact", |rng| {
        let key = any_key(rng);
        let mut text = any_text(rng).into_bytes();
        for _ in 0..1 + rng.below(3) {
            text = echo_key(rng, text, &key);
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        let redacted = redact(&text, &key);
        for form in key_forms(&key) {
            if redacted.contains(&form) {
                let at = redacted.find(form.as_str()).unwrap_or(0);
                let around: String = redacted[redacted.floor_char_boundary(at.saturating_sub(40))..]
                    .chars()
                    .take(120)
                    .collect();
                return Err(format!("{form:?} survived redaction in …{around:?}"));
            }
        }
        Ok(())
    });
}

#[test]
fn base_urls_parse_idempotently_and_join_without_dot_segments() {
    fuzz("base-url", |rng| {
        let input = match rng.below(3) {
            0 => any_text(rng),
            1 => format!("https://{}", any_text(rng).chars().take(40).collect::<String>()),
            _ => format!(
                "{}{}{}",
                rng.pick(&["http://", "https://", "HTTPS://", "", "ws://"]),
                rng.pick(&[
                    "api.routescope.ai",
                    "localhost:8080",
                    "[::1]:9",
                    "127.0.0.1",
                    "a..b",
                    "x@y",
                    "%2e%2e"
                ]),
                rng.pick(&["", "/", "/v1", "/v1/", "/./x", "/../", "?key=1", "#f", "/v1beta/models"])
            ),
        };
        if let Ok(base) = BaseUrl::parse(&input) {
            let again = BaseUrl::parse(&base.as_string())
                .map_err(|e| format!("{input:?} parsed, its text did not: {}", e.message()))?;
            // The query is dropped on purpose (a base never carries one): the rest must hold.
            if (&again.scheme, &again.authority, &again.path) != (&base.scheme, &base.authority, &base.path) {
                return Err(format!("{input:?} is not idempotent"));
            }
            let joined = base.join("/v1/chat/completions");
            let after_origin = &joined[base.origin().len()..];
            if after_origin.split('/').any(|s| s == "." || s == "..") {
                return Err(format!("{joined:?} holds a dot segment"));
            }
            let _ = (base.origin(), base.host(), base.is_loopback());
        }
        Ok(())
    });
}

#[test]
fn saved_settings_decode_anything_and_never_store_the_key() {
    fuzz("saved", |rng| {
        let stored = if rng.chance(2) {
            String::from_utf8_lossy(&mutate(rng, &SavedSettings::default().encode())).into_owned()
        } else {
            any_text(rng)
        };
        let settings = SavedSettings::decode(&stored);
        if SavedSettings::decode(&settings.encode()) != settings {
            return Err(format!("{stored:?} does not round-trip"));
        }
        let key = any_key(rng);
        let mut typed = settings;
        let working = Connection {
            gateway: format!(
                "https://gw.example/{}?key={key}",
                any_text(rng).chars().take(8).collect::<String>()
            ),
            self_service: format!("{key}.example"),
            ..Connection::default()
        };
        typed.connections.update_active(&working);
        let active = typed.connections.active().id;
        typed.connections = typed.connections.without_secret(active, &key);
        let written = typed.encode();
        if key.len() >= 6 && written.contains(&key) {
            return Err(format!("{written:?} stores the key"));
        }
        Ok(())
    });
}

#[test]
fn any_form_values_build_or_explain_and_stay_on_their_path() {
    fuzz("build", |rng| {
        let ep = rng.pick(CATALOGUE);
        let key = any_key(rng);
        let auth = *rng.pick(&[
            AuthStyle::Bearer,
            AuthStyle::XApiKey,
            AuthStyle::XGoogApiKey,
            AuthStyle::QueryKey,
        ]);
        let conn = Connection {
            gateway: rng
                .pick(&[
                    "https://gw.example",
                    "http://localhost:8080/",
                    "https://gw.example/v1",
                    "gw.example",
                ])
                .to_string(),
            api_key: key.clone(),
            auth,
            ..Connection::default()
        };
        let mut values = FormValues::defaults(ep);
        for f in ep.fields {
            if rng.chance(3) {
                let value = match f.kind {
                    FieldKind::Toggle => FieldValue::Flag(rng.chance(2)),
                    FieldKind::Messages(_) | FieldKind::Files { .. } => continue,
                    _ => FieldValue::Text(match rng.below(3) {
                        0 => rng
                            .pick(&[
                                "..", ".", "a/../b", "x?y#z", "%2e%2e", "", " ", "-1", "1e999", "{}", "[", "null",
                            ])
                            .to_string(),
                        _ => any_text(rng).chars().take(80).collect(),
                    }),
                };
                values.set(f.key, value);
            }
        }
        let raw = rng.chance(5).then(|| any_text(rng));
        let built = build_request(ep, &conn, &values, raw.as_deref());
        if let Some(request) = &built.request {
            let path = request
                .url
                .split_once("://")
                .map_or("", |(_, rest)| rest)
                .split(['?', '#'])
                .next()
                .unwrap_or("");
            if path.split('/').any(|s| s == "." || s == "..") {
                return Err(format!("{} holds a dot segment", request.url));
            }
            let template_segments = ep.path.split('/').filter(|s| !s.is_empty()).count();
            let base_segments = path.split('/').count();
            let whole_path_editable = ep.fields.iter().any(|f| f.target == Target::WholePath);
            if base_segments < template_segments && !whole_path_editable {
                return Err(format!("{} lost segments of {}", request.url, ep.path));
            }
            if built.sendable() && auth != AuthStyle::QueryKey && key.len() >= 6 && request.url.contains(&key) {
                return Err(format!("{} carries the key without ?key= auth", request.url));
            }
        }
        Ok(())
    });
}

#[test]
fn inline_image_headers_of_any_bytes_are_read_without_harm() {
    let headers: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x04\0\0\0\x03\0\x08\x06\0\0\0",
        b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xC0\0\x11\x08\x04\0\x06\0",
        b"GIF89a\x40\x01\xF0\0",
        b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0\xFF\x03\0\x57\x02\0",
        b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f\xff\xff\xff\xff",
    ];
    fuzz("image-facts", |rng| {
        let mut bytes = rng.pick(&headers).to_vec();
        for _ in 0..rng.below(6) {
            match rng.below(3) {
                0 if !bytes.is_empty() => {
                    let i = rng.below(bytes.len());
                    bytes[i] = rng.next() as u8;
                }
                1 => bytes.truncate(rng.below(bytes.len() + 1)),
                _ => bytes.extend((0..rng.below(40)).map(|_| rng.next() as u8)),
            }
        }
        let mime = rng.pick(&["image/png", "image/jpeg", "image/webp", "IMAGE/GIF"]);
        let src = format!("data:{mime};base64,{}", base64::encode(&bytes));
        let facts = routescope_core::answer::image_facts::inline_image_facts(&src)
            .ok_or("a data:image URI is an inline image")?;
        if facts.bytes != bytes.len() {
            return Err(format!("{} bytes said for {}", facts.bytes, bytes.len()));
        }
        let _ = (facts.summary(), facts.extension());
        Ok(())
    });
}

#[test]
fn imports_of_any_text_never_put_the_key_in_the_form() {
    let commands: Vec<&str> = include_str!("import/commands.txt")
        .split("### ")
        .filter_map(|b| b.split_once('\n').map(|(_, c)| c))
        .collect();
    fuzz("import", |rng| {
        let seed = rng.pick(&commands).to_string();
        let text = String::from_utf8_lossy(&mutate(rng, &seed)).into_owned();
        if let Ok(got) = routescope_core::request::import::import(&text) {
            if let Some(k) = got.key.as_ref().filter(|k| k.value.len() >= 6) {
                let link = share::encode(
                    got.endpoint,
                    &got.values,
                    got.raw_body.as_deref(),
                    Some(&got.base),
                    &k.value,
                );
                // Where the key's text occurs once in the whole input (its auth header) and not
                // in the endpoint's defaults, nothing but a leak could put it in the form.
                let only_in_auth = text.matches(k.value.as_str()).count() == 1;
                let defaults = routescope_core::request::form::FormValues::defaults(
                    routescope_core::request::catalogue::endpoint(got.endpoint),
                );
                let in_defaults = format!("{defaults:?}").contains(&k.value);
                if only_in_auth && !in_defaults && format!("{:?}", got.values).contains(&k.value) {
                    return Err(format!("the key {:?} reached the form values: {text:?}", k.value));
                }
                if link.contains(&k.value) {
                    return Err(format!("the key reached a link: {link}"));
                }
            }
        }
        Ok(())
    });
}

#[test]
fn stored_history_never_holds_the_key_and_any_stored_text_loads() {
    use routescope_core::history::store;
    fuzz("history-store", |rng| {
        let key = any_key(rng);
        let seed = rng.pick(corpus()).clone();
        let mutated = mutate(rng, &seed);
        let body = echo_key(rng, mutated, &key);
        let head = any_head(rng, &key);
        let id_index = rng.below(CATALOGUE.len());
        let Some(exchange) = run_exchange(
            id_index,
            &key,
            AuthStyle::Bearer,
            &head,
            &[&body],
            &Ending::Finished,
            Lang::En,
        ) else {
            return Ok(());
        };
        let entry = store::StoredEntry {
            exchange: std::sync::Arc::new(exchange),
            values: FormValues::defaults(&CATALOGUE[id_index]),
            raw_body: None,
        };
        let stored = store::encode(&[entry], &key);
        for form in key_forms(&key) {
            if stored.contains(&form) {
                return Err(format!("the stored history holds the key as {form:?}"));
            }
        }
        let loaded = store::decode(&stored);
        if loaded.len() != 1 {
            return Err("a stored entry did not load back".into());
        }
        let damaged = String::from_utf8_lossy(&mutate(rng, &stored)).into_owned();
        let _ = store::decode(&damaged);
        Ok(())
    });
}

#[test]
fn support_reports_of_any_answer_hold_no_form_of_the_key() {
    use routescope_core::export::report::{mask_secret_looking, support_report, ReportInput};
    fuzz("support-report", |rng| {
        let key = any_key(rng);
        let seed = rng.pick(corpus()).clone();
        let mutated = mutate(rng, &seed);
        let body = echo_key(rng, mutated, &key);
        let head = any_head(rng, &key);
        let id_index = rng.below(CATALOGUE.len());
        let auth = *rng.pick(&[
            AuthStyle::Bearer,
            AuthStyle::XApiKey,
            AuthStyle::XGoogApiKey,
            AuthStyle::QueryKey,
        ]);
        let Some(exchange) = run_exchange(id_index, &key, auth, &head, &[&body], &Ending::Finished, Lang::En) else {
            return Ok(());
        };
        let conn = Connection {
            gateway: "https://gw.example".into(),
            api_key: key.clone(),
            auth,
            ..Connection::default()
        };
        let ep = &CATALOGUE[id_index];
        let Some(request) = build_request(ep, &conn, &FormValues::defaults(ep), None).request else {
            return Ok(());
        };
        let report = support_report(&ReportInput {
            exchange: &exchange,
            request: &request,
            key: &key,
            version: "fuzz",
            now_ms: rng.below(4_000_000_000_000) as u64,
            offset_minutes: rng.below(1_681) as i32 - 840,
            provider: None,
        });
        if key.trim().len() >= 6 {
            for form in key_forms(key.trim()) {
                if report.contains(&form) {
                    return Err(format!("the report holds the key as {form:?}"));
                }
            }
        }
        // Masking twice changes nothing more: nothing secret-looking is left to mask.
        if mask_secret_looking(&report) != report {
            return Err("a secret-looking token survived the report's masking".into());
        }
        Ok(())
    });
}

#[test]
fn usage_log_answers_of_any_shape_are_read_without_harm() {
    use routescope_core::diagnosis::cost::{read_cost, CallShape, CostLookup, Matched};
    const LOG: &str = r#"{"success":true,"message":"","data":{"items":[{"request_id":"20261202170001000000001AAAAAAAA","type":2,"model_name":"gpt-5.4","created_at":1796230990,"prompt_tokens":21,"completion_tokens":19,"quota":240,"use_time":1,"group":"default"}]}}"#;
    fuzz("usage-log", |rng| {
        let body = String::from_utf8_lossy(&mutate(rng, LOG)).into_owned();
        let id = rng.chance(2).then_some("20261202170001000000001AAAAAAAA");
        let call = CallShape {
            request_id: id,
            model: rng.chance(2).then_some("gpt-5.4"),
            sent_at: rng.chance(2).then_some(1_796_230_989),
            failed: rng.chance(4),
            tokens: rng.chance(2).then_some((21, 19)),
        };
        match read_cost(any_status(rng), &body, &call) {
            CostLookup::Found {
                cost,
                matched: Matched::RequestId,
            } if cost.request_id.as_deref() != id => {
                Err(format!("matched by id {id:?} an entry with {:?}", cost.request_id))
            }
            _ => Ok(()),
        }
    });
}
