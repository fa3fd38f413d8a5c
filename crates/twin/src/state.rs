//! The twin's memory: configuration, request ids, per-token rate windows, the usage log
//! and async tasks. Everything sits behind one mutex; the twin is a test tool, not a server
//! farm.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::clock;

/// Tunable behaviour; tests shorten the timings.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long `twin-slow` and `/_slow/` wait before answering.
    pub slow: Duration,
    /// Pause between stream events.
    pub stream_delay: Duration,
    /// Requests per window for `sk-twin-ratelimited`.
    pub rate_limit_max: usize,
    /// The rolling window for the rate limit.
    pub rate_window: Duration,
    /// Async image jobs report `WAIT` until this much time has passed…
    pub image_wait: Duration,
    /// …then `RUN` until this much, then `DONE` (or `FAIL`).
    pub image_done: Duration,
    /// Video tasks reach `completed` after this long.
    pub video_done: Duration,
    /// Largest request body read, in bytes.
    pub body_limit: usize,
    /// The gateway family the twin answers as.
    pub profile: crate::profile::Profile,
    /// Size of the `/_huge/` answer, in bytes.
    pub huge_bytes: usize,
    /// Events in the `/_flood/` stream.
    pub flood_events: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            slow: Duration::from_millis(20_000),
            stream_delay: Duration::from_millis(30),
            rate_limit_max: 3,
            rate_window: Duration::from_secs(60),
            image_wait: Duration::from_millis(1_000),
            image_done: Duration::from_millis(3_000),
            video_done: Duration::from_millis(4_000),
            body_limit: 32 * 1024 * 1024,
            profile: crate::profile::Profile::NewApi,
            huge_bytes: 20 * 1024 * 1024,
            flood_events: 20_000,
        }
    }
}

impl Config {
    /// Timings short enough for in-process tests (no stream delay, tasks finish in 300 ms).
    pub fn fast() -> Config {
        Config {
            slow: Duration::from_millis(200),
            stream_delay: Duration::ZERO,
            image_wait: Duration::from_millis(100),
            image_done: Duration::from_millis(250),
            video_done: Duration::from_millis(300),
            ..Config::default()
        }
    }
}

/// What a handler reports for the usage log; the front door adds id and timing.
#[derive(Clone, Debug, Default)]
pub struct LogNote {
    /// The token that made the call.
    pub token_key: &'static str,
    /// Model name as sent.
    pub model: String,
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Completion tokens.
    pub completion_tokens: u64,
    /// Quota charged (new-api units).
    pub quota: u64,
    /// Error text for failures, a short note for successes.
    pub content: String,
    /// True for failures (new-api log type 5).
    pub is_error: bool,
}

/// One line of the usage log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    /// What the handler reported.
    pub note: LogNote,
    /// The request id.
    pub request_id: String,
    /// Unix seconds.
    pub created_at: u64,
    /// When it was recorded (for per-minute stats).
    pub at: Instant,
    /// Seconds the call took.
    pub use_time: u64,
}

/// An async job's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// `/v1/aiart/openai/image/*`.
    Image,
    /// `/v1/video/generations`.
    Video,
}

/// An async job; its state is derived from the time elapsed since `started`.
#[derive(Clone, Debug)]
pub struct Task {
    /// Job / task id.
    pub id: String,
    /// Image or video.
    pub kind: TaskKind,
    /// Owner (tasks are per token).
    pub token_key: &'static str,
    /// Model asked for.
    pub model: String,
    /// Images to produce (image jobs).
    pub count: u32,
    /// Submitted at.
    pub started: Instant,
    /// Submitted at, unix seconds.
    pub created_at: u64,
    /// Ends in failure (prompt contained `twin-fail`).
    pub fail: bool,
    /// Colour of the produced images.
    pub colour: [u8; 3],
    /// Base URL the client used, for result URLs.
    pub base_url: String,
}

#[derive(Default)]
struct Inner {
    hits: HashMap<&'static str, VecDeque<Instant>>,
    logs: VecDeque<LogEntry>,
    tasks: HashMap<String, Task>,
    canary: Vec<String>,
}

const MAX_LOGS: usize = 10_000;

/// Shared state behind every route.
pub struct Twin {
    /// Timings and limits.
    pub config: Config,
    seq: AtomicU64,
    inner: Mutex<Inner>,
}

impl Twin {
    /// Fresh state.
    pub fn new(config: Config) -> Twin {
        Twin {
            config,
            seq: AtomicU64::new(1),
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave these maps half-written in a way
        // that matters to a test tool, so keep serving.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A process-wide increasing number for ids.
    pub fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::Relaxed)
    }

    /// A new-api style request id: UTC `YYYYMMDDhhmmss`, 9 digits of nanoseconds, 8 letters.
    pub fn next_request_id(&self) -> String {
        let n = self.next_seq();
        let mut x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1_e995;
        let mut letters = String::with_capacity(8);
        for _ in 0..8 {
            x ^= x >> 29;
            x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
            let i = (x >> 40) % 52;
            let c = if i < 26 { b'a' + i as u8 } else { b'A' + (i - 26) as u8 };
            letters.push(char::from(c));
        }
        format!(
            "{}{:09}{}",
            clock::utc_stamp(clock::unix_now()),
            clock::subsec_nanos(),
            letters
        )
    }

    /// Clears rate windows, tasks and logs.
    pub fn reset(&self) {
        *self.lock() = Inner::default();
    }

    /// Records a hit on the canary (a path under `/_canary/`).
    pub fn record_canary(&self, path: &str) {
        let mut inner = self.lock();
        if inner.canary.len() < 1000 {
            inner.canary.push(path.to_string());
        }
    }

    /// The canary paths hit since the last reset.
    pub fn canary_hits(&self) -> Vec<String> {
        self.lock().canary.clone()
    }

    /// Takes a slot in the token's rolling window, or says how many seconds until one frees.
    pub fn take_rate_slot(&self, key: &'static str) -> Result<(), u64> {
        let (max, window) = (self.config.rate_limit_max, self.config.rate_window);
        let now = Instant::now();
        let mut inner = self.lock();
        let hits = inner.hits.entry(key).or_default();
        while hits.front().is_some_and(|t| now.duration_since(*t) >= window) {
            hits.pop_front();
        }
        if hits.len() >= max {
            let oldest = hits.front().copied().unwrap_or(now);
            let wait = window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        hits.push_back(now);
        Ok(())
    }

    /// Appends to the usage log.
    pub fn record(&self, entry: LogEntry) {
        let mut inner = self.lock();
        if inner.logs.len() >= MAX_LOGS {
            inner.logs.pop_front();
        }
        inner.logs.push_back(entry);
    }

    /// The token's log lines, newest first, optionally only one request id.
    pub fn logs_for(&self, key: &str, request_id: Option<&str>) -> Vec<LogEntry> {
        self.lock()
            .logs
            .iter()
            .rev()
            .filter(|e| e.note.token_key == key && request_id.is_none_or(|id| e.request_id == id))
            .cloned()
            .collect()
    }

    /// (quota, requests, tokens) the token used in the last minute.
    pub fn last_minute(&self, key: &str) -> (u64, u64, u64) {
        let now = Instant::now();
        self.lock()
            .logs
            .iter()
            .filter(|e| e.note.token_key == key && now.duration_since(e.at) < Duration::from_secs(60))
            .fold((0, 0, 0), |(q, r, t), e| {
                (
                    q + e.note.quota,
                    r + 1,
                    t + e.note.prompt_tokens + e.note.completion_tokens,
                )
            })
    }

    /// (quota used, request count) since start.
    pub fn totals(&self, key: &str) -> (u64, u64) {
        self.lock()
            .logs
            .iter()
            .filter(|e| e.note.token_key == key)
            .fold((0, 0), |(q, n), e| (q + e.note.quota, n + 1))
    }

    /// Stores a new task.
    pub fn add_task(&self, task: Task) {
        self.lock().tasks.insert(task.id.clone(), task);
    }

    /// The task with this id if it belongs to the token.
    pub fn task(&self, id: &str, key: &str, kind: TaskKind) -> Option<Task> {
        self.lock()
            .tasks
            .get(id)
            .filter(|t| t.token_key == key && t.kind == kind)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_look_like_new_api() {
        let twin = Twin::new(Config::default());
        let a = twin.next_request_id();
        let b = twin.next_request_id();
        assert_eq!(a.len(), 31);
        assert!(a[..23].bytes().all(|c| c.is_ascii_digit()), "{a}");
        assert!(a[23..].bytes().all(|c| c.is_ascii_alphabetic()), "{a}");
        assert_ne!(a[23..], b[23..]);
    }

    #[test]
    fn rate_window_counts_and_reports_wait() {
        let twin = Twin::new(Config {
            rate_limit_max: 2,
            ..Config::default()
        });
        assert_eq!(twin.take_rate_slot("k"), Ok(()));
        assert_eq!(twin.take_rate_slot("k"), Ok(()));
        assert_eq!(twin.take_rate_slot("k"), Err(60));
        assert_eq!(twin.take_rate_slot("other"), Ok(()));
        twin.reset();
        assert_eq!(twin.take_rate_slot("k"), Ok(()));
    }
}
