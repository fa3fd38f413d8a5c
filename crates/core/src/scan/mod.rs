//! "What can this key do?": the key capability scan. The model lists say what a key may
//! name, not what works (a listed model can still have no channel, no price, the wrong
//! group or a provider down), so the scan sends each chosen model the smallest valid
//! request of its protocol and keeps the diagnosis of each try.
//!
//! This module plans and keeps the books; the shell only sends what [`Scan::next`] hands
//! out and reports back with [`Scan::record`]. A rate limit pauses the scan (for the wait
//! the answer asked for, else a doubling backoff) and the model is tried again, a few times,
//! before it counts as rate-limited. Each try is a billed call: the cap bounds them.

use std::collections::VecDeque;

use crate::diagnosis::{Action, Category};
use crate::exchange::Exchange;
use crate::request::build::{build_request, Connection};
use crate::request::catalogue::{endpoint, EndpointId};
use crate::request::form::{FieldValue, FormValues};
use crate::request::http::HttpRequest;
use crate::text::lang::Lang;

mod table;
pub use table::{decode_rows, encode_rows, result_text, to_csv, to_markdown, view_order, SortKey};

/// The most tries in flight at once.
pub const MAX_CONCURRENCY: usize = 8;
/// How many times a rate-limited model is tried again before it counts as rate-limited.
pub const MAX_RATE_LIMIT_RETRIES: u8 = 3;
/// The first wait after a 429 that named none, doubled for each 429 in a row.
pub const FIRST_BACKOFF_MS: u64 = 2_000;
/// The longest wait.
pub const MAX_BACKOFF_MS: u64 = 60_000;
/// Output tokens a try asks for: enough for any model to answer, few enough to cost little.
pub const TRY_MAX_TOKENS: u32 = 16;

/// The protocol a model is tried with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanProtocol {
    /// OpenAI Chat Completions.
    Chat,
    /// Claude Messages.
    Claude,
    /// Gemini generateContent.
    Gemini,
    /// OpenAI image generation (tried only on request: an image costs more).
    Image,
}

impl ScanProtocol {
    /// Every protocol, in the order the cheapest-request preview lists them.
    pub const ALL: [ScanProtocol; 4] = [
        ScanProtocol::Chat,
        ScanProtocol::Claude,
        ScanProtocol::Gemini,
        ScanProtocol::Image,
    ];

    /// A stable id (CSV, Markdown, `data-protocol`).
    pub fn as_str(self) -> &'static str {
        match self {
            ScanProtocol::Chat => "chat",
            ScanProtocol::Claude => "claude",
            ScanProtocol::Gemini => "gemini",
            ScanProtocol::Image => "image",
        }
    }

    /// The endpoint a try goes to.
    pub fn endpoint(self) -> EndpointId {
        match self {
            ScanProtocol::Chat => EndpointId::ChatCompletions,
            ScanProtocol::Claude => EndpointId::ClaudeMessages,
            ScanProtocol::Gemini => EndpointId::GeminiGenerate,
            ScanProtocol::Image => EndpointId::ImagesGenerations,
        }
    }

    /// What the table shows.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ScanProtocol::Chat => "Chat Completions",
            ScanProtocol::Claude => "Claude Messages",
            ScanProtocol::Gemini => "Gemini generateContent",
            ScanProtocol::Image => lang.pick("Image generation", "图像生成"),
        }
    }
}

/// The protocol to try a model with, from its id; `None` for what no cheap try can test
/// (video, audio, embeddings, moderation, rerank).
pub fn protocol_for(model: &str) -> Option<ScanProtocol> {
    let id = model.to_ascii_lowercase();
    let has = |parts: &[&str]| parts.iter().any(|p| id.contains(p));
    if has(&[
        "sora",
        "veo",
        "video",
        "kling",
        "embedding",
        "whisper",
        "tts",
        "audio",
        "moderation",
        "rerank",
        "transcribe",
    ]) {
        return None;
    }
    if has(&[
        "imagen",
        "dall-e",
        "gpt-image",
        "seedream",
        "flux",
        "midjourney",
        "-image",
    ]) {
        return Some(ScanProtocol::Image);
    }
    if id.starts_with("claude") || id.contains("/claude") {
        return Some(ScanProtocol::Claude);
    }
    if id.starts_with("gemini") || id.contains("/gemini") {
        return Some(ScanProtocol::Gemini);
    }
    Some(ScanProtocol::Chat)
}

/// The smallest valid body of a protocol for `model`, as JSON text.
pub fn smallest_body(protocol: ScanProtocol, model: &str, stream: bool) -> String {
    let model = serde_json::Value::String(model.to_string());
    let body = match protocol {
        ScanProtocol::Chat => serde_json::json!({
            "model": model, "max_tokens": TRY_MAX_TOKENS, "stream": stream,
            "messages": [{"role": "user", "content": "Say OK."}],
        }),
        ScanProtocol::Claude => serde_json::json!({
            "model": model, "max_tokens": TRY_MAX_TOKENS, "stream": stream,
            "messages": [{"role": "user", "content": "Say OK."}],
        }),
        ScanProtocol::Gemini => serde_json::json!({
            "contents": [{"role": "user", "parts": [{"text": "Say OK."}]}],
            "generationConfig": {"maxOutputTokens": TRY_MAX_TOKENS},
        }),
        ScanProtocol::Image => serde_json::json!({"model": model, "prompt": "a small blue dot", "n": 1}),
    };
    body.to_string()
}

/// The try for `model`: its protocol's smallest request, built exactly as the form would
/// build it (auth style, headers, the stream path for Gemini), with the form it came from
/// (what the exchange reads its facts from).
pub fn smallest_request(
    conn: &Connection,
    model: &str,
    protocol: ScanProtocol,
    stream: bool,
) -> Result<(HttpRequest, FormValues), String> {
    let ep = endpoint(protocol.endpoint());
    let mut values = FormValues::defaults(ep);
    values.set_text("model", model);
    let streams = stream && protocol != ScanProtocol::Image;
    if ep.field("stream").is_some() {
        values.set("stream", FieldValue::Flag(streams));
    }
    build_request(ep, conn, &values, Some(&smallest_body(protocol, model, streams)))
        .into_sendable()
        .map(|request| (request, values))
}

/// What the person chose for a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScanSettings {
    /// Tries in flight at once (1 to [`MAX_CONCURRENCY`]).
    pub concurrency: usize,
    /// The most models tried (each try is a billed call).
    pub cap: usize,
    /// Stream the tries (to time the first token).
    pub stream: bool,
    /// Try image models too (an image costs more than a few tokens).
    pub include_images: bool,
}

impl Default for ScanSettings {
    fn default() -> Self {
        ScanSettings {
            concurrency: 3,
            cap: 20,
            stream: false,
            include_images: false,
        }
    }
}

/// Why a model was not tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// No cheap try tests it (video, audio, embeddings…).
    NoCheapTry,
    /// An image model, and images were not asked for.
    ImagesOff,
    /// Beyond the cap.
    OverCap,
    /// The scan was stopped first.
    Stopped,
}

impl SkipReason {
    /// What the table says.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            SkipReason::NoCheapTry => lang.pick(
                "not tried: no cheap request tests this kind of model",
                "未尝试：这类模型没有低成本的测试请求",
            ),
            SkipReason::ImagesOff => lang.pick(
                "not tried: image models are tried only on request",
                "未尝试：图像模型仅在勾选后尝试",
            ),
            SkipReason::OverCap => lang.pick("not tried: over the cap", "未尝试：超出上限"),
            SkipReason::Stopped => lang.pick("not tried: the scan was stopped", "未尝试：扫描已停止"),
        }
    }

    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NoCheapTry => "no-cheap-try",
            SkipReason::ImagesOff => "images-off",
            SkipReason::OverCap => "over-cap",
            SkipReason::Stopped => "stopped",
        }
    }
}

/// One try's result, as the table shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TryOutcome {
    /// The diagnosis category (`Success` when it worked).
    pub category: Category,
    /// The diagnosis headline.
    pub headline: String,
    /// The request id, when the answer carried one.
    pub request_id: Option<String>,
    /// Milliseconds from Send to the end.
    pub latency_ms: u64,
    /// Milliseconds to the first streamed token.
    pub first_token_ms: Option<u64>,
    /// The wait a rate limit asked for, in seconds.
    pub retry_after_secs: Option<u32>,
}

impl TryOutcome {
    /// The outcome of a finished exchange.
    pub fn of(exchange: &Exchange, latency_ms: u64) -> TryOutcome {
        let d = &exchange.diagnosis;
        TryOutcome {
            category: d.category,
            headline: d.headline.clone(),
            request_id: d.request_id.clone(),
            latency_ms,
            first_token_ms: exchange.first_token_ms,
            retry_after_secs: d.actions.iter().find_map(|a| match a {
                Action::RetryAfter { seconds } => Some(*seconds),
                _ => None,
            }),
        }
    }

    /// Whether the model works.
    pub fn works(&self) -> bool {
        self.category == Category::Success
    }
}

/// Where one model stands.
#[derive(Clone, Debug, PartialEq)]
pub enum RowState {
    /// Not tried yet.
    Waiting,
    /// A try is in flight.
    Trying,
    /// Waiting to be tried again after a rate limit.
    RetryingAfterLimit,
    /// Tried: the outcome.
    Done(TryOutcome),
    /// Not tried.
    Skipped(SkipReason),
}

/// One model in the scan.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanRow {
    /// The model id.
    pub model: String,
    /// The protocol tried (`None`: nothing cheap tests it).
    pub protocol: Option<ScanProtocol>,
    /// Where it stands.
    pub state: RowState,
}

/// A scan in progress: the queue, what is in flight, the pause and the results.
#[derive(Clone, Debug)]
pub struct Scan {
    rows: Vec<ScanRow>,
    queue: VecDeque<usize>,
    in_flight: usize,
    concurrency: usize,
    retries: Vec<u8>,
    limits_in_a_row: u32,
    paused_until_ms: u64,
    stopped: bool,
}

impl Scan {
    /// A scan of `models` (in the order given): at most `cap` are tried.
    pub fn new(models: &[String], settings: ScanSettings) -> Scan {
        let mut queue = VecDeque::new();
        let rows: Vec<ScanRow> = models
            .iter()
            .enumerate()
            .map(|(at, model)| {
                let protocol = protocol_for(model);
                let state = match protocol {
                    None => RowState::Skipped(SkipReason::NoCheapTry),
                    Some(ScanProtocol::Image) if !settings.include_images => RowState::Skipped(SkipReason::ImagesOff),
                    Some(_) if queue.len() >= settings.cap => RowState::Skipped(SkipReason::OverCap),
                    Some(_) => {
                        queue.push_back(at);
                        RowState::Waiting
                    }
                };
                ScanRow {
                    model: model.clone(),
                    protocol,
                    state,
                }
            })
            .collect();
        Scan {
            retries: vec![0; rows.len()],
            rows,
            queue,
            in_flight: 0,
            concurrency: settings.concurrency.clamp(1, MAX_CONCURRENCY),
            limits_in_a_row: 0,
            paused_until_ms: 0,
            stopped: false,
        }
    }

    /// The tries to start now (row indices), up to the concurrency, unless paused.
    pub fn next(&mut self, now_ms: u64) -> Vec<usize> {
        let mut started = Vec::new();
        if self.stopped || now_ms < self.paused_until_ms {
            return started;
        }
        while self.in_flight < self.concurrency {
            let Some(at) = self.queue.pop_front() else { break };
            self.rows[at].state = RowState::Trying;
            self.in_flight += 1;
            started.push(at);
        }
        started
    }

    /// When a paused scan may go on (ms), if it is paused.
    pub fn paused_until(&self, now_ms: u64) -> Option<u64> {
        (!self.stopped && now_ms < self.paused_until_ms && !self.queue.is_empty()).then_some(self.paused_until_ms)
    }

    /// Records a try's outcome. A rate limit pauses the scan and puts the model back at the
    /// front of the queue, up to [`MAX_RATE_LIMIT_RETRIES`] times.
    pub fn record(&mut self, at: usize, outcome: TryOutcome, now_ms: u64) {
        if at >= self.rows.len() || self.rows[at].state != RowState::Trying {
            return;
        }
        self.in_flight = self.in_flight.saturating_sub(1);
        if outcome.category == Category::RateLimit && self.retries[at] < MAX_RATE_LIMIT_RETRIES && !self.stopped {
            self.retries[at] += 1;
            let doubling = FIRST_BACKOFF_MS.saturating_mul(1 << self.limits_in_a_row.min(5));
            let wait = outcome
                .retry_after_secs
                .map_or(doubling, |s| u64::from(s) * 1000)
                .clamp(500, MAX_BACKOFF_MS);
            self.limits_in_a_row += 1;
            self.paused_until_ms = self.paused_until_ms.max(now_ms + wait);
            self.rows[at].state = RowState::RetryingAfterLimit;
            self.queue.push_front(at);
            return;
        }
        if outcome.category != Category::RateLimit {
            self.limits_in_a_row = 0;
        }
        self.rows[at].state = RowState::Done(outcome);
    }

    /// Stops: nothing more starts; what waits is marked as not tried (tries in flight are
    /// the shell's to abort).
    pub fn stop(&mut self) {
        self.stopped = true;
        for at in self.queue.drain(..) {
            self.rows[at].state = RowState::Skipped(SkipReason::Stopped);
        }
    }

    /// A try in flight that was aborted: counted as not tried.
    pub fn abandon(&mut self, at: usize) {
        if self.rows.get(at).is_some_and(|r| r.state == RowState::Trying) {
            self.in_flight = self.in_flight.saturating_sub(1);
            self.rows[at].state = RowState::Skipped(SkipReason::Stopped);
        }
    }

    /// Whether nothing is left to send or to wait for.
    pub fn finished(&self) -> bool {
        self.in_flight == 0 && (self.queue.is_empty() || self.stopped)
    }

    /// Whether the scan was stopped.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Every model, in the order given.
    pub fn rows(&self) -> &[ScanRow] {
        &self.rows
    }

    /// (tried, to try) so far.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .rows
            .iter()
            .filter(|r| matches!(r.state, RowState::Done(_)))
            .count();
        let planned = self
            .rows
            .iter()
            .filter(|r| {
                !matches!(
                    r.state,
                    RowState::Skipped(SkipReason::NoCheapTry | SkipReason::ImagesOff | SkipReason::OverCap)
                )
            })
            .count();
        (done, planned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::catalogue::AuthStyle;
    use crate::request::http::Body;

    pub(super) fn outcome(category: Category, retry_after_secs: Option<u32>) -> TryOutcome {
        TryOutcome {
            category,
            headline: format!("{} headline", category.as_str()),
            request_id: Some("req-1".into()),
            latency_ms: 120,
            first_token_ms: None,
            retry_after_secs,
        }
    }

    pub(super) fn models(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_model_gets_its_protocol() {
        let table: &[(&str, Option<ScanProtocol>)] = &[
            ("gpt-5.4", Some(ScanProtocol::Chat)),
            ("deepseek-v3", Some(ScanProtocol::Chat)),
            ("claude-sonnet-4-6", Some(ScanProtocol::Claude)),
            ("anthropic/claude-3.5-haiku", Some(ScanProtocol::Claude)),
            ("gemini-2.5-pro", Some(ScanProtocol::Gemini)),
            ("gemini-2.5-flash-image", Some(ScanProtocol::Image)),
            ("imagen-4.0-generate-001", Some(ScanProtocol::Image)),
            ("gpt-image-2", Some(ScanProtocol::Image)),
            ("doubao-seedream-4-0-250828", Some(ScanProtocol::Image)),
            ("sora-2", None),
            ("veo-3.1", None),
            ("text-embedding-3-small", None),
            ("whisper-1", None),
        ];
        for (model, expected) in table {
            assert_eq!(protocol_for(model), *expected, "{model}");
        }
    }

    #[test]
    fn the_smallest_request_of_each_protocol_is_valid_and_small() {
        let conn = Connection {
            gateway: "https://gw.example".into(),
            api_key: "sk-scan-key-123456".into(),
            auth: AuthStyle::Bearer,
            ..Connection::default()
        };
        for (model, protocol, url) in [
            ("gpt-5.4", ScanProtocol::Chat, "https://gw.example/v1/chat/completions"),
            (
                "claude-sonnet-4-6",
                ScanProtocol::Claude,
                "https://gw.example/v1/messages",
            ),
            (
                "gemini-2.5-flash",
                ScanProtocol::Gemini,
                "https://gw.example/v1beta/models/gemini-2.5-flash:generateContent",
            ),
            (
                "gpt-image-2",
                ScanProtocol::Image,
                "https://gw.example/v1/images/generations",
            ),
        ] {
            let (request, values) =
                smallest_request(&conn, model, protocol, false).unwrap_or_else(|e| panic!("{model}: {e}"));
            assert_eq!(values.model(), Some(model));
            assert_eq!(request.url, url);
            let Body::Json(body) = &request.body else {
                panic!("{model}: a JSON body")
            };
            assert!(body.len() < 200, "{model}: {body}");
            let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            if protocol != ScanProtocol::Gemini {
                assert_eq!(v["model"], model);
            }
            if matches!(protocol, ScanProtocol::Chat | ScanProtocol::Claude) {
                assert_eq!(
                    v["max_tokens"], TRY_MAX_TOKENS,
                    "Claude requires it; it bounds the cost"
                );
            }
        }
        let (streamed, _) =
            smallest_request(&conn, "gemini-2.5-flash", ScanProtocol::Gemini, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            streamed.url.contains(":streamGenerateContent?alt=sse"),
            "{}",
            streamed.url
        );
        let (chat, _) = smallest_request(&conn, "gpt-5.4", ScanProtocol::Chat, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(&chat.body, Body::Json(b) if b.contains("\"stream\":true")));
    }

    #[test]
    fn plans_within_the_cap_and_skips_what_it_cannot_try() {
        let list = models(&[
            "gpt-5.4",
            "sora-2",
            "gpt-image-2",
            "claude-sonnet-4-6",
            "gemini-2.5-flash",
        ]);
        let scan = Scan::new(
            &list,
            ScanSettings {
                cap: 2,
                ..ScanSettings::default()
            },
        );
        let states: Vec<&RowState> = scan.rows().iter().map(|r| &r.state).collect();
        assert_eq!(
            states,
            [
                &RowState::Waiting,
                &RowState::Skipped(SkipReason::NoCheapTry),
                &RowState::Skipped(SkipReason::ImagesOff),
                &RowState::Waiting,
                &RowState::Skipped(SkipReason::OverCap),
            ]
        );
        assert_eq!(scan.progress(), (0, 2));
        let with_images = Scan::new(
            &list,
            ScanSettings {
                include_images: true,
                ..ScanSettings::default()
            },
        );
        assert_eq!(with_images.rows()[2].state, RowState::Waiting);
    }

    #[test]
    fn never_more_in_flight_than_the_concurrency() {
        let list: Vec<String> = (0..10).map(|i| format!("model-{i}")).collect();
        let mut scan = Scan::new(
            &list,
            ScanSettings {
                concurrency: 3,
                ..ScanSettings::default()
            },
        );
        assert_eq!(scan.next(0), vec![0, 1, 2]);
        assert!(scan.next(0).is_empty(), "three in flight already");
        scan.record(1, outcome(Category::Success, None), 10);
        assert_eq!(scan.next(10), vec![3]);
        // A result for something not in flight changes nothing.
        scan.record(9, outcome(Category::Success, None), 10);
        assert_eq!(scan.rows()[9].state, RowState::Waiting);
        let mut rounds = 0;
        while !scan.finished() {
            for at in (0..10)
                .filter(|&at| scan.rows()[at].state == RowState::Trying)
                .collect::<Vec<_>>()
            {
                scan.record(at, outcome(Category::ModelNotAvailable, None), 20);
            }
            let started = scan.next(20);
            assert!(started.len() <= 3);
            rounds += 1;
            assert!(rounds < 10);
        }
        assert_eq!(scan.progress(), (10, 10));
    }

    #[test]
    fn a_rate_limit_pauses_then_tries_again_then_gives_up() {
        let list = models(&["a", "b"]);
        let mut scan = Scan::new(
            &list,
            ScanSettings {
                concurrency: 1,
                ..ScanSettings::default()
            },
        );
        assert_eq!(scan.next(0), vec![0]);
        // The answer asked for 5 s: the scan waits exactly that, and "a" goes first again.
        scan.record(0, outcome(Category::RateLimit, Some(5)), 1_000);
        assert_eq!(scan.rows()[0].state, RowState::RetryingAfterLimit);
        assert_eq!(scan.paused_until(1_000), Some(6_000));
        assert!(scan.next(5_999).is_empty());
        assert_eq!(scan.next(6_000), vec![0]);
        // No wait named: 2 s, then 4 s (doubling for 429s in a row).
        scan.record(0, outcome(Category::RateLimit, None), 6_100);
        assert_eq!(scan.paused_until(6_100), Some(6_100 + FIRST_BACKOFF_MS * 2));
        assert_eq!(scan.next(10_100), vec![0]);
        scan.record(0, outcome(Category::RateLimit, None), 10_200);
        assert_eq!(scan.next(10_200 + 8_000), vec![0]);
        // The fourth 429 for "a": it counts as rate-limited, and the scan goes on with "b".
        scan.record(0, outcome(Category::RateLimit, None), 20_000);
        assert!(matches!(&scan.rows()[0].state, RowState::Done(o) if o.category == Category::RateLimit));
        assert_eq!(scan.next(20_000), vec![1]);
        scan.record(1, outcome(Category::Success, None), 20_100);
        assert!(scan.finished());
    }

    #[test]
    fn stop_marks_the_rest_as_not_tried() {
        let list = models(&["a", "b", "c"]);
        let mut scan = Scan::new(
            &list,
            ScanSettings {
                concurrency: 1,
                ..ScanSettings::default()
            },
        );
        assert_eq!(scan.next(0), vec![0]);
        scan.stop();
        assert!(scan.next(0).is_empty());
        assert!(!scan.finished(), "one still in flight");
        scan.abandon(0);
        assert!(scan.finished());
        assert!(scan
            .rows()
            .iter()
            .all(|r| r.state == RowState::Skipped(SkipReason::Stopped)));
    }
}
