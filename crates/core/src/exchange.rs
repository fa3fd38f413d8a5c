//! One exchange, from Send to verdict. [`InFlight`] holds the facts of what was sent, takes
//! the answer's head and bytes as they arrive (through an [`AnswerReader`], so each chunk
//! costs work proportional to the chunk), and at the end turns how the transport ended into
//! the finished [`Exchange`] the page shows and the history keeps: the transport outcome
//! (a cut answer keeps its status and the bytes that arrived), the rendered answer and the
//! diagnosis. The browser shell only feeds it and paints what it says.

use std::sync::Arc;

use crate::answer::reader::{AnswerReader, ReadAnswer};
use crate::answer::response::Rendered;
use crate::answer::sse::StreamSummary;
use crate::diagnosis::{diagnose, CutCause, Diagnosis, RequestFacts, StreamEnd, Transport};
use crate::request::build::{auth_sent, Connection};
use crate::request::catalogue::{endpoint, EndpointId};
use crate::request::form::FormValues;
use crate::request::http::HttpRequest;
use crate::text::lang::Lang;
use crate::text::redact::{mask_key, redact, redact_bytes_in_place, redact_in_place, EchoWatch};

/// One finished exchange: what was sent, what came back, and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    /// A serial number, so views can tell exchanges apart.
    pub serial: u32,
    /// The endpoint it was sent to.
    pub endpoint: EndpointId,
    /// The method and URL, key redacted.
    pub request_line: String,
    /// The model the request named, for the follow-up checks.
    pub model: Option<String>,
    /// Milliseconds to the response head (time to first byte).
    pub head_ms: Option<u64>,
    /// Milliseconds to the first streamed assistant text.
    pub first_token_ms: Option<u64>,
    /// Bytes of the answer received (more than the body kept when the cap stopped reading).
    pub received_bytes: usize,
    /// What was sent, as the diagnosis reads it (never the key: the URL is redacted).
    pub facts: RequestFacts,
    /// The transport outcome.
    pub transport: Transport,
    /// The rendered answer (text, usage, images…).
    pub rendered: Rendered,
    /// The body's bytes, kept only when its text is not a faithful copy of them (invalid
    /// UTF-8): a download then gives what arrived, byte for byte (the key still masked).
    pub exact_body: Option<Arc<[u8]>>,
    /// The charset the body was decoded from, when it was not UTF-8 and its `Content-Type`
    /// named one the browser knows (`gbk`…): the text shown is then that decoding.
    pub body_charset: Option<String>,
    /// The verdict.
    pub diagnosis: Diagnosis,
    /// The language the verdict is worded in.
    pub lang: Lang,
    /// Bytes of body, text, images and model ids the history left out of this copy (0 for
    /// the exchange as it arrived; see [`crate::history`]).
    pub history_dropped: usize,
    /// When it was sent, in milliseconds since the Unix epoch, as the shell's clock said
    /// (the core keeps no clock); `None` when not recorded.
    pub sent_at_ms: Option<u64>,
}

impl Exchange {
    /// Whether the request asked for a stream and a 2xx answer came as one body without
    /// events (streaming off for this route or model, or a proxy that buffered it).
    pub fn stream_answered_whole(&self) -> bool {
        let ok = matches!(&self.transport, Transport::Response { status, .. } if (200..300).contains(status));
        ok && self.facts.streamed && self.rendered.stream_events.is_none()
    }

    /// The server's `retry-after` in seconds, when the header was readable.
    pub fn retry_after_secs(&self) -> Option<u32> {
        let headers = match &self.transport {
            Transport::Response { headers, .. } | Transport::Cut { headers, .. } => headers,
            _ => return None,
        };
        headers
            .iter()
            .find(|(name, _)| name == "retry-after")
            .and_then(|(_, value)| value.trim().parse().ok())
    }
}

/// The answer's head, as the browser reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// HTTP status.
    pub status: u16,
    /// The headers JavaScript could read, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// True for a cross-origin response: only CORS-safelisted headers are readable then.
    pub cross_origin: bool,
    /// Milliseconds from Send to the head.
    pub at_ms: u64,
}

/// How the transport ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The body was read to its end (or to the byte cap).
    Finished,
    /// fetch rejected, or reading the body failed; the browser's message.
    Failed(String),
    /// The client timeout aborted it.
    TimedOut,
    /// The person pressed Cancel.
    Cancelled,
}

/// What the page paints while an answer arrives.
#[derive(Clone, Copy, Debug)]
pub struct Live<'a> {
    /// The status, once the head came.
    pub status: Option<u16>,
    /// Bytes received so far.
    pub bytes: usize,
    /// The merged stream so far, when the answer is a stream.
    pub merged: Option<&'a StreamSummary>,
}

/// An exchange under way. Its `Debug` leaves the key out.
pub struct InFlight {
    serial: u32,
    endpoint: EndpointId,
    request_line: String,
    facts: RequestFacts,
    cap: usize,
    head: Option<Head>,
    reader: Option<AnswerReader>,
    /// Held only while the answer arrives, to mask a key the server echoes back; the
    /// finished exchange never contains it.
    key: String,
    /// Whether the answer's bytes may hold the key, watched chunk by chunk.
    watch: EchoWatch,
}

impl std::fmt::Debug for InFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InFlight")
            .field("serial", &self.serial)
            .field("endpoint", &self.endpoint)
            .field("request_line", &self.request_line)
            .field("head", &self.head)
            .field("bytes", &self.reader.as_ref().map_or(0, AnswerReader::bytes))
            .finish_non_exhaustive()
    }
}

impl InFlight {
    /// Starts an exchange for `request`, built from `values` on `conn`; at most `cap` bytes
    /// of the answer are kept. The key never enters what is kept: URLs are redacted.
    pub fn start(
        serial: u32,
        endpoint_id: EndpointId,
        request: &HttpRequest,
        values: &FormValues,
        conn: &Connection,
        page_is_https: bool,
        cap: usize,
    ) -> InFlight {
        let ep = endpoint(endpoint_id);
        let url = redact(&request.url, &conn.api_key);
        let facts = RequestFacts {
            protocol: ep.protocol,
            method: request.method.as_str().to_string(),
            url: url.clone(),
            model: values.model().map(str::to_string),
            streamed: values.flag("stream"),
            body_bytes: request.body.approx_len(),
            page_is_https,
            anthropic_beta: request.header("anthropic-beta").map(str::to_string),
            auth_style: auth_sent(ep, conn),
        };
        InFlight {
            serial,
            endpoint: endpoint_id,
            request_line: format!("{} {url}", request.method.as_str()),
            facts,
            cap,
            head: None,
            reader: None,
            key: conn.api_key.clone(),
            watch: EchoWatch::new(&conn.api_key),
        }
    }

    /// The answer's head arrived.
    pub fn head(&mut self, head: Head) {
        let content_type = head
            .headers
            .iter()
            .find(|(name, _)| name == "content-type")
            .map(|(_, value)| value.as_str());
        self.reader = Some(AnswerReader::new(
            self.facts.protocol,
            head.status,
            content_type,
            self.cap,
        ));
        self.head = Some(head);
    }

    /// A chunk of the body arrived `at_ms` after Send.
    pub fn push(&mut self, chunk: &[u8], at_ms: u64) {
        if let Some(reader) = &mut self.reader {
            reader.push(chunk, at_ms);
            self.watch.push(chunk);
        }
    }

    /// Whether reading should go on (false once the byte cap is reached).
    pub fn wants_more(&self) -> bool {
        self.reader.as_ref().is_none_or(|r| !r.capped())
    }

    /// What to paint now.
    pub fn live(&self) -> Live<'_> {
        Live {
            status: self.head.as_ref().map(|h| h.status),
            bytes: self.reader.as_ref().map_or(0, AnswerReader::bytes),
            merged: self.reader.as_ref().and_then(AnswerReader::merged),
        }
    }

    /// Ends the exchange: the transport outcome, the rendered answer and the verdict.
    pub fn finish(self, ending: Ending, elapsed_ms: u64, lang: Lang) -> Exchange {
        self.finish_decoding(ending, elapsed_ms, lang, &|_, _| None)
    }

    /// [`InFlight::finish`], where a body in another charset than UTF-8 (`gbk`, `shift_jis`,
    /// `utf-16le`…, see [`crate::answer::response::body_charset`]) is decoded by
    /// `decode(label, bytes)` (the
    /// browser's own decoder; `None` when it knows no such charset) before it is shown and
    /// read. The exact bytes stay kept either way.
    pub fn finish_decoding(
        self,
        ending: Ending,
        elapsed_ms: u64,
        lang: Lang,
        decode: &dyn Fn(&str, &[u8]) -> Option<String>,
    ) -> Exchange {
        let InFlight {
            serial,
            endpoint,
            request_line,
            facts,
            cap,
            head,
            reader,
            key,
            watch,
        } = self;
        let mask = mask_key(&key);
        // A server may echo the key (in an error message, a header, a debug body): whatever
        // came back is masked before anything keeps or shows it.
        let masked = |mut text: String| {
            redact_in_place(&mut text, &key, &mask);
            text
        };
        let (transport, rendered, head_ms, first_token_ms, received_bytes, exact_body, body_charset) =
            match (head, reader) {
                (Some(head), Some(reader)) => {
                    let mut read: ReadAnswer = reader.finish_decoding(decode);
                    // The watch reads the raw bytes: text decoded from another charset (UTF-16,
                    // say) may spell the key where the bytes did not, so it is always rescanned,
                    // and bytes that hold the key in a form only the decoding shows are not kept.
                    let decoded = read.charset.is_some();
                    if decoded && !watch.key_seen() && redact(&read.body, &key) != read.body {
                        read.exact_body = None;
                    }
                    if watch.key_seen() || decoded {
                        read.body = masked(std::mem::take(&mut read.body));
                        if let Some(bytes) = &mut read.exact_body {
                            redact_bytes_in_place(bytes, &key, &mask);
                        }
                    }
                    if watch.decoded_may_hold_key() || decoded {
                        read.rendered.mask_with(|text| redact_in_place(text, &key, &mask));
                        if let Some(StreamEnd::ErrorEvent { body }) = &mut read.stream_end {
                            redact_in_place(body, &key, &mask);
                        }
                    }
                    let headers: Vec<(String, String)> = head
                        .headers
                        .into_iter()
                        .map(|(name, value)| (name, masked(value)))
                        .collect();
                    let cause = match ending {
                        Ending::Finished if read.capped => Some(CutCause::Cap { cap_bytes: cap }),
                        Ending::Finished => None,
                        Ending::Failed(message) => Some(CutCause::Network(masked(message))),
                        Ending::TimedOut => Some(CutCause::Timeout),
                        Ending::Cancelled => Some(CutCause::Cancelled),
                    };
                    let rendered = if head.status < 400 {
                        read.rendered
                    } else {
                        Rendered::default()
                    };
                    let transport = match cause {
                        None => Transport::Response {
                            status: head.status,
                            headers,
                            headers_hidden_by_cors: head.cross_origin,
                            body: read.body,
                            elapsed_ms,
                            stream: read.stream_end,
                        },
                        Some(cause) => Transport::Cut {
                            status: head.status,
                            headers,
                            headers_hidden_by_cors: head.cross_origin,
                            body: read.body,
                            elapsed_ms,
                            stream: read.stream_end,
                            cause,
                        },
                    };
                    let exact_body = read.exact_body.map(Arc::from);
                    (
                        transport,
                        rendered,
                        Some(head.at_ms),
                        read.first_token_ms,
                        read.bytes,
                        exact_body,
                        read.charset,
                    )
                }
                _ => {
                    let transport = match ending {
                        Ending::TimedOut => Transport::TimedOut { after_ms: elapsed_ms },
                        Ending::Cancelled => Transport::Cancelled { after_ms: elapsed_ms },
                        Ending::Failed(message) => Transport::NetworkError {
                            message: masked(message),
                            elapsed_ms,
                        },
                        // A finished read without a head cannot happen in a browser; say what
                        // is known rather than invent a status.
                        Ending::Finished => Transport::NetworkError {
                            message: "the answer ended before its head arrived".to_string(),
                            elapsed_ms,
                        },
                    };
                    (transport, Rendered::default(), None, None, 0, None, None)
                }
            };
        let diagnosis = diagnose(&facts, &transport, lang);
        Exchange {
            serial,
            endpoint,
            request_line,
            model: facts.model.clone(),
            head_ms,
            first_token_ms: first_token_ms.filter(|_| facts.streamed),
            received_bytes,
            facts,
            transport,
            rendered,
            exact_body,
            body_charset,
            diagnosis,
            lang,
            history_dropped: 0,
            sent_at_ms: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::reader::DEFAULT_BYTE_CAP;
    use crate::diagnosis::{Category, Side};
    use crate::request::build::build_request;
    use crate::request::form::FieldValue;

    const KEY: &str = "sk-exchange-test-0123456789";

    fn chat(stream: bool) -> (HttpRequest, FormValues, Connection) {
        let conn = Connection {
            gateway: "https://api.routescope.ai".into(),
            api_key: KEY.into(),
            ..Connection::default()
        };
        let mut values = FormValues::defaults(endpoint(EndpointId::ChatCompletions));
        values.set("stream", FieldValue::Flag(stream));
        let built = build_request(endpoint(EndpointId::ChatCompletions), &conn, &values, None);
        let request = built
            .request
            .unwrap_or_else(|| panic!("the default chat builds: {:?}", built.errors));
        (request, values, conn)
    }

    fn head(status: u16, content_type: &str) -> Head {
        Head {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            cross_origin: true,
            at_ms: 40,
        }
    }

    const STREAM: &[&str] = &[
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n",
        "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n",
    ];

    /// A chat exchange under way, keeping at most `cap` bytes.
    fn flight(stream: bool, cap: usize) -> InFlight {
        let (request, values, conn) = chat(stream);
        InFlight::start(7, EndpointId::ChatCompletions, &request, &values, &conn, true, cap)
    }

    fn run(stream: bool, status: u16, content_type: &str, chunks: &[&str], ending: Ending) -> Exchange {
        let mut flight = flight(stream, DEFAULT_BYTE_CAP);
        flight.head(head(status, content_type));
        for (i, chunk) in chunks.iter().enumerate() {
            flight.push(chunk.as_bytes(), 50 + i as u64 * 10);
        }
        flight.finish(ending, 500, Lang::En)
    }

    #[test]
    fn a_finished_stream_is_a_success_with_its_merged_text_and_first_token() {
        let ex = run(true, 200, "text/event-stream", STREAM, Ending::Finished);
        assert_eq!(ex.diagnosis.category, Category::Success);
        assert_eq!(ex.rendered.text.as_deref(), Some("Hello"));
        assert_eq!(ex.head_ms, Some(40));
        assert_eq!(ex.first_token_ms, Some(50));
        assert!(matches!(ex.transport, Transport::Response { status: 200, .. }));
        assert!(!ex.request_line.contains(KEY) && !ex.facts.url.contains(KEY));
    }

    #[test]
    fn a_stream_request_answered_with_one_json_body_is_noted() {
        let json = ["{\"choices\":[{\"message\":{\"content\":\"Hello\"},\"finish_reason\":\"stop\"}]}"];
        let whole = run(true, 200, "application/json", &json, Ending::Finished);
        assert!(whole.stream_answered_whole());
        assert_eq!(whole.rendered.text.as_deref(), Some("Hello"));
        assert!(
            !run(false, 200, "application/json", &json, Ending::Finished).stream_answered_whole(),
            "not asked"
        );
        assert!(
            !run(true, 200, "text/event-stream", STREAM, Ending::Finished).stream_answered_whole(),
            "streamed"
        );
        assert!(
            !run(true, 401, "application/json", &json, Ending::Finished).stream_answered_whole(),
            "an error is no answer"
        );
    }

    #[test]
    fn a_timeout_mid_stream_keeps_the_status_and_what_arrived() {
        let ex = run(true, 200, "text/event-stream", &STREAM[..1], Ending::TimedOut);
        let Transport::Cut {
            status, body, cause, ..
        } = &ex.transport
        else {
            panic!("a cut answer: {:?}", ex.transport)
        };
        assert_eq!((*status, cause), (200, &CutCause::Timeout));
        assert_eq!(body, STREAM[0]);
        assert_eq!(ex.diagnosis.category, Category::Timeout);
        assert_eq!(ex.diagnosis.side, Side::Client, "the fix is a longer timeout");
        assert!(ex
            .diagnosis
            .evidence_value("transport")
            .is_some_and(|t| t.contains("answer arriving")));
        // The stream's own text is no error message, and the request already streamed.
        assert_eq!(ex.diagnosis.evidence_value("message"), None);
        assert!(
            ex.diagnosis.checks.iter().all(|c| !c.contains("Stream text responses")),
            "{:?}",
            ex.diagnosis.checks
        );
        assert_eq!(
            ex.rendered.text.as_deref(),
            Some("Hel"),
            "the partial text stays visible"
        );
    }

    #[test]
    fn a_body_that_is_not_utf8_keeps_its_exact_bytes_with_the_key_masked() {
        let mut flight = flight(false, DEFAULT_BYTE_CAP);
        flight.head(head(500, "text/plain"));
        let mut sent = b"upstream said \xFF\xFE for ".to_vec();
        sent.extend_from_slice(KEY.as_bytes());
        for chunk in sent.chunks(3) {
            flight.push(chunk, 60);
        }
        let ex = flight.finish(Ending::Finished, 500, Lang::En);
        let exact = ex.exact_body.as_deref().expect("the bytes are kept");
        let mut expected = b"upstream said \xFF\xFE for ".to_vec();
        expected.extend_from_slice(mask_key(KEY).as_bytes());
        assert_eq!(exact, expected.as_slice());
        assert_eq!(
            ex.transport.body(),
            Some(format!("upstream said \u{FFFD}\u{FFFD} for {}", mask_key(KEY)).as_str())
        );

        let clean = run(false, 200, "application/json", &["{\"ok\":\"é\"}"], Ending::Finished);
        assert_eq!(clean.exact_body, None, "a faithful text is not kept twice");
    }

    #[test]
    fn a_body_in_a_named_legacy_charset_is_shown_and_read_decoded() {
        // GBK for "错误网关" (bad gateway), as a proxy's page in China may send it.
        let gbk: &[u8] = b"<html><head><title>502 \xB4\xED\xCE\xF3\xCD\xF8\xB9\xD8</title></head></html>";
        let decode = |label: &str, bytes: &[u8]| {
            (label == "gbk" && bytes == gbk)
                .then(|| "<html><head><title>502 错误网关</title></head></html>".to_string())
        };
        let run = |content_type: &str, decode: &dyn Fn(&str, &[u8]) -> Option<String>| {
            let mut flight = flight(false, DEFAULT_BYTE_CAP);
            flight.head(head(502, content_type));
            flight.push(gbk, 60);
            flight.finish_decoding(Ending::Finished, 500, Lang::En, decode)
        };
        let ex = run("text/html; charset=\"GBK\"", &decode);
        assert_eq!(ex.body_charset.as_deref(), Some("gbk"));
        assert!(ex.transport.body().is_some_and(|b| b.contains("502 错误网关")));
        assert_eq!(ex.diagnosis.evidence_value("html-title"), Some("502 错误网关"));
        assert_eq!(ex.exact_body.as_deref(), Some(gbk), "the bytes stay kept");
        // No charset named, or one the browser does not know: the text stays as read.
        for (content_type, decoder) in [
            ("text/html", &decode as &dyn Fn(&str, &[u8]) -> Option<String>),
            ("text/html; charset=x-unknown", &|_: &str, _: &[u8]| None),
        ] {
            let ex = run(content_type, decoder);
            assert_eq!(ex.body_charset, None, "{content_type}");
            assert!(
                ex.transport.body().is_some_and(|b| b.contains('\u{FFFD}')),
                "{content_type}"
            );
        }
    }

    #[test]
    fn a_key_only_the_decoding_spells_is_masked_and_its_bytes_are_not_kept() {
        // Bytes in which no form of the key appears, which the charset's decoder turns into it.
        let sent: &[u8] = b"\xFE\xFFecho";
        let spelled = format!("echo {KEY}");
        let decode = |_: &str, _: &[u8]| Some(spelled.clone());
        let mut flight = flight(false, DEFAULT_BYTE_CAP);
        flight.head(head(400, "text/plain; charset=x-odd"));
        flight.push(sent, 60);
        let ex = flight.finish_decoding(Ending::Finished, 500, Lang::En, &decode);
        assert_eq!(ex.transport.body(), Some(format!("echo {}", mask_key(KEY)).as_str()));
        assert_eq!(ex.exact_body, None);
    }

    #[test]
    fn a_utf16_body_whose_bytes_are_valid_utf8_is_decoded_and_an_echoed_key_masked() {
        let utf16le = |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let decode = |label: &str, bytes: &[u8]| {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            (label == "utf-16le").then(|| String::from_utf16_lossy(&units))
        };
        let run = |body: &[u8]| {
            let mut flight = flight(true, DEFAULT_BYTE_CAP);
            flight.head(head(401, "application/json; charset=UTF-16LE"));
            flight.push(body, 60);
            flight.finish_decoding(Ending::Finished, 500, Lang::En, &decode)
        };
        // ASCII in UTF-16 is valid UTF-8 (NUL between characters): it was shown as such.
        let plain = utf16le("{\"error\":{\"message\":\"Invalid token\"}}");
        let ex = run(&plain);
        assert_eq!(ex.body_charset.as_deref(), Some("utf-16le"));
        assert_eq!(ex.transport.body(), Some("{\"error\":{\"message\":\"Invalid token\"}}"));
        assert_eq!(ex.exact_body.as_deref(), Some(plain.as_slice()), "the bytes stay kept");
        // A key the server echoes in UTF-16 is masked, and its bytes are not kept.
        let echoed = utf16le(&format!("{{\"error\":\"bad key {KEY}\"}}"));
        let ex = run(&echoed);
        let shown = ex.transport.body().unwrap_or_default();
        assert!(!shown.contains(KEY) && shown.contains(&mask_key(KEY)), "{shown}");
        assert_eq!(ex.exact_body, None);
    }

    #[test]
    fn a_connection_lost_mid_body_is_said_with_the_browser_message_and_not_guessed() {
        let ex = run(
            true,
            200,
            "text/event-stream",
            &STREAM[..1],
            Ending::Failed("network error".into()),
        );
        assert!(matches!(
            ex.transport,
            Transport::Cut {
                cause: CutCause::Network(_),
                ..
            }
        ));
        assert_eq!(ex.diagnosis.confidence.as_str(), "low");
        assert_eq!(ex.diagnosis.side, Side::Unknown);
        assert!(ex.diagnosis.candidates.len() > 1);
    }

    #[test]
    fn cancel_before_the_head_and_after_it() {
        let flight = flight(false, DEFAULT_BYTE_CAP);
        let ex = flight.finish(Ending::Cancelled, 80, Lang::En);
        assert_eq!(ex.transport, Transport::Cancelled { after_ms: 80 });
        let ex = run(true, 200, "text/event-stream", &STREAM[..1], Ending::Cancelled);
        assert_eq!(ex.diagnosis.category, Category::Cancelled);
    }

    #[test]
    fn an_error_status_cut_short_keeps_the_error_reading() {
        let body = "{\"error\":{\"message\":\"Invalid token (request id: 2025)\",\"type\":\"new_api_error\"}}";
        let ex = run(false, 401, "application/json", &[body], Ending::TimedOut);
        assert_eq!(ex.diagnosis.category, Category::AuthenticationFailure);
        assert_eq!(ex.rendered, Rendered::default());
    }

    #[test]
    fn a_key_the_server_echoes_is_masked_in_everything_kept() {
        let echoed = format!(
            "{{\"error\":{{\"message\":\"Invalid token {KEY} ({})\",\"type\":\"new_api_error\"}}}}",
            crate::text::percent::encode_component(KEY)
        );
        let mut flight = flight(false, DEFAULT_BYTE_CAP);
        let mut echoing = head(401, "application/json");
        echoing.headers.push(("x-debug-key".into(), KEY.into()));
        flight.head(echoing);
        flight.push(echoed.as_bytes(), 50);
        let ex = flight.finish(Ending::Finished, 60, Lang::En);
        let everything = format!("{ex:?}");
        assert!(!everything.contains(KEY), "{everything}");
        assert!(!everything.contains("sk-exchange-test-0123456789"));
        assert!(everything.contains(&mask_key(KEY)));
    }

    #[test]
    fn the_byte_cap_stops_reading_with_its_own_verdict() {
        let mut flight = flight(false, 16);
        flight.head(head(200, "application/json"));
        let answer = b"{\"choices\":[{\"message\":{\"content\":\"long\"}}]}";
        flight.push(answer, 60);
        assert!(!flight.wants_more());
        let ex = flight.finish(Ending::Finished, 70, Lang::En);
        assert!(matches!(
            ex.transport,
            Transport::Cut {
                cause: CutCause::Cap { cap_bytes: 16 },
                ..
            }
        ));
        assert_eq!(ex.received_bytes, answer.len());
        assert_eq!(ex.diagnosis.category, Category::Unknown);
    }
}
