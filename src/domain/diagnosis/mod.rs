//! The diagnosis: what went wrong with one exchange, said in the product's own words.
//!
//! In scope: reading how an exchange ended (transport outcome, status, the headers
//! JavaScript could read, body, how a stream ended) together with the request's facts,
//! and returning a [`Diagnosis`]: a category, an honest confidence, whose side the cause
//! is on, the evidence it rests on, what to check and which actions to offer.
//! Out of scope: sending anything, rendering, storage.
//!
//! Signatures are read in the order `shared/spec/gateway-behaviour.md` asks for:
//! transport outcome, status, content type, envelope shape, `type`/`code`, then message
//! patterns in English and Chinese. Several gateway generations and foreign gateways
//! answer in the wild, so messages are matched by tolerant patterns, never one exact
//! string, and what nothing matches becomes [`Category::Unknown`] rather than a guess.
//!
//! Files: `classify` runs the flow; `rules` evaluates the `signatures` table with the
//! `matching` helpers and `extract`s names; `network` reads outcomes without a
//! response; `request_id` reads ids and headers; `reason` names the fine-grained
//! causes; `text`, `explain` and `checks` hold the wording.

mod checks;
mod classify;
mod explain;
mod extract;
mod matching;
mod network;
mod reason;
mod request_id;
mod rules;
mod signatures;
mod text;

use crate::domain::envelope::Envelope;
use crate::domain::lang::Lang;

/// Which protocol family the request belonged to (affects which envelope to expect and advice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    /// `POST /v1/chat/completions`.
    #[default]
    OpenAiChat,
    /// `POST /v1/responses` (what Codex uses).
    OpenAiResponses,
    /// `POST /v1/images/generations` and `/v1/images/edits`.
    OpenAiImages,
    /// `GET /v1/models` and `/v1/models/{id}`.
    OpenAiModels,
    /// `POST /v1/messages`.
    ClaudeMessages,
    /// `POST /v1beta/models/{model}:generateContent` and its stream.
    GeminiNative,
    /// `GET /v1beta/models`.
    GeminiModels,
    /// `POST /v1beta/models/{model}:predict`.
    Imagen,
    /// The async image task submit/query routes.
    AsyncTask,
    /// The async video task routes.
    VideoTask,
    /// The self-service account API (`/api/token/self/…`).
    SelfService,
}

impl Protocol {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::OpenAiChat => "openai-chat",
            Protocol::OpenAiResponses => "openai-responses",
            Protocol::OpenAiImages => "openai-images",
            Protocol::OpenAiModels => "openai-models",
            Protocol::ClaudeMessages => "claude-messages",
            Protocol::GeminiNative => "gemini-native",
            Protocol::GeminiModels => "gemini-models",
            Protocol::Imagen => "imagen",
            Protocol::AsyncTask => "async-task",
            Protocol::VideoTask => "video-task",
            Protocol::SelfService => "self-service",
        }
    }

    /// Whether the gateway accepts a key outside `Authorization` here (`x-api-key` on Claude
    /// and model lists, `x-goog-api-key` / `?key=` on Gemini), so a Bearer preflight
    /// failure has a way around it.
    pub fn has_alternative_auth(self) -> bool {
        matches!(
            self,
            Protocol::ClaudeMessages
                | Protocol::OpenAiModels
                | Protocol::GeminiNative
                | Protocol::GeminiModels
                | Protocol::Imagen
        )
    }

    /// Whether long jobs of this family have an async task endpoint to fall back on.
    pub fn has_async_alternative(self) -> bool {
        matches!(
            self,
            Protocol::OpenAiImages | Protocol::Imagen | Protocol::VideoTask | Protocol::AsyncTask
        )
    }
}

/// How the key travelled, as far as the diagnosis needs it (CORS treats them differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuthStyle {
    /// `Authorization: Bearer sk-…`, the documented default.
    #[default]
    Bearer,
    /// `x-api-key: sk-…` (Claude, model lists).
    XApiKey,
    /// `x-goog-api-key: sk-…` (Gemini).
    XGoogApiKey,
    /// `?key=sk-…` (Gemini).
    QueryKey,
    /// No key was sent.
    None,
}

impl AuthStyle {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthStyle::Bearer => "bearer",
            AuthStyle::XApiKey => "x-api-key",
            AuthStyle::XGoogApiKey => "x-goog-api-key",
            AuthStyle::QueryKey => "query-key",
            AuthStyle::None => "none",
        }
    }
}

/// What the request was, as far as the diagnosis needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestFacts {
    /// The protocol family.
    pub protocol: Protocol,
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The full URL the request went to.
    pub url: String,
    /// The model asked for, when the request named one.
    pub model: Option<String>,
    /// Whether the request asked for a stream.
    pub streamed: bool,
    /// The size of the request body in bytes.
    pub body_bytes: usize,
    /// Whether the playground page itself is served over https (mixed content).
    pub page_is_https: bool,
    /// The `anthropic-beta` header sent, if any (Claude Code's experimental betas).
    pub anthropic_beta: Option<String>,
    /// How the key was sent.
    pub auth_style: AuthStyle,
}

/// How the exchange ended at the transport level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A response arrived (possibly streamed).
    Response {
        /// The HTTP status.
        status: u16,
        /// Lower-case names; only those JavaScript could read.
        headers: Vec<(String, String)>,
        /// Whether CORS hid headers (no `Access-Control-Expose-Headers`).
        headers_hidden_by_cors: bool,
        /// The body as text (for a stream: what was received).
        body: String,
        /// Time until the response ended, in milliseconds.
        elapsed_ms: u64,
        /// How a stream ended, when the request streamed.
        stream: Option<StreamEnd>,
    },
    /// fetch() rejected with no status (CORS, DNS, TLS, refused connection, mixed content, proxy page without CORS).
    NetworkError {
        /// The browser's error text, e.g. `Failed to fetch`.
        message: String,
        /// Time until the rejection, in milliseconds.
        elapsed_ms: u64,
    },
    /// Our own timeout fired.
    TimedOut {
        /// The timeout that fired, in milliseconds.
        after_ms: u64,
    },
    /// The user pressed Cancel.
    Cancelled {
        /// When the user cancelled, in milliseconds.
        after_ms: u64,
    },
}

/// How a stream ended after a 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEnd {
    /// The stream ended normally (`[DONE]`, `message_stop`, `response.completed`…).
    Completed,
    /// An `event: error` (or an error payload) arrived mid-stream.
    ErrorEvent {
        /// The error event's data.
        body: String,
    },
    /// The connection closed before the stream's end marker.
    EndedEarly,
}

/// The seed's categories plus the ones beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The call worked.
    Success,
    /// A 2xx whose body is an error nothing more specific explains.
    SuccessWithErrorBody,
    /// The key is missing, malformed or unknown.
    AuthenticationFailure,
    /// The key exists but is disabled, expired, out of quota or IP-restricted.
    TokenUnavailable,
    /// The account (or the upstream channel) has no balance left.
    InsufficientBalance,
    /// The model is unknown, not allowed for the key/group, or has no channel.
    ModelNotAvailable,
    /// Wrong base URL, path or method.
    IncorrectEndpoint,
    /// The body does not fit the protocol (often mixed protocols).
    ParameterError,
    /// Claude Code's experimental betas rejected by the upstream.
    ClaudeCodeBetas,
    /// The request took too long somewhere.
    Timeout,
    /// RPM/TPM/concurrency limits.
    RateLimit,
    /// fetch() failed before any status: CORS, DNS, TLS, mixed content, proxy pages.
    NetworkOrCors,
    /// The body was too large for the gateway or a proxy.
    RequestTooLarge,
    /// The provider or channel failed.
    UpstreamFailure,
    /// The user cancelled.
    Cancelled,
    /// Nothing recognisable: shown with the parsed envelope, never guessed.
    Unknown,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 16] = [
        Category::Success,
        Category::SuccessWithErrorBody,
        Category::AuthenticationFailure,
        Category::TokenUnavailable,
        Category::InsufficientBalance,
        Category::ModelNotAvailable,
        Category::IncorrectEndpoint,
        Category::ParameterError,
        Category::ClaudeCodeBetas,
        Category::Timeout,
        Category::RateLimit,
        Category::NetworkOrCors,
        Category::RequestTooLarge,
        Category::UpstreamFailure,
        Category::Cancelled,
        Category::Unknown,
    ];

    /// A stable kebab-case id, also the CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::SuccessWithErrorBody => "success-with-error-body",
            Category::AuthenticationFailure => "authentication-failure",
            Category::TokenUnavailable => "token-unavailable",
            Category::InsufficientBalance => "insufficient-balance",
            Category::ModelNotAvailable => "model-not-available",
            Category::IncorrectEndpoint => "incorrect-endpoint",
            Category::ParameterError => "parameter-error",
            Category::ClaudeCodeBetas => "claude-code-betas",
            Category::Timeout => "timeout",
            Category::RateLimit => "rate-limit",
            Category::NetworkOrCors => "network-or-cors",
            Category::RequestTooLarge => "request-too-large",
            Category::UpstreamFailure => "upstream-failure",
            Category::Cancelled => "cancelled",
            Category::Unknown => "unknown",
        }
    }

    /// The category's name as the product shows it.
    pub fn title(self, lang: Lang) -> &'static str {
        text::title(self, lang)
    }
}

/// How sure the classifier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// A type/code or a specific message matched, with a consistent status.
    High,
    /// Only wording, or only a strong status.
    Medium,
    /// A status-only guess.
    Low,
}

impl Confidence {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }

    /// 2 for high, 1 for medium, 0 for low: for "at least" comparisons.
    pub fn rank(self) -> u8 {
        match self {
            Confidence::High => 2,
            Confidence::Medium => 1,
            Confidence::Low => 0,
        }
    }

    /// Whether this is at least as sure as `other`.
    pub fn at_least(self, other: Confidence) -> bool {
        self.rank() >= other.rank()
    }

    /// The less sure of the two.
    pub fn min(self, other: Confidence) -> Confidence {
        if self.rank() <= other.rank() {
            self
        } else {
            other
        }
    }
}

/// Whose side the cause is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The user's request or client configuration.
    Client,
    /// The gateway refused: key, balance, group, model access, rate limit.
    Gateway,
    /// The provider or channel: usually needs the operator.
    Upstream,
    /// Between the browser and the gateway.
    Network,
    /// Nobody can tell (or nothing failed).
    Unknown,
}

impl Side {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Gateway => "gateway",
            Side::Upstream => "upstream",
            Side::Network => "network",
            Side::Unknown => "unknown",
        }
    }
}

/// One piece of evidence the verdict rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// A stable id like "status", "content-type", "envelope", "type", "code", "message",
    /// "transport", "request-id", "retry-after", "model", "group", "signature".
    pub label: &'static str,
    /// What was seen.
    pub value: String,
}

/// A next step the UI can offer as a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Is this model visible to my key.
    ListModels,
    /// Self-service `/api/token/self/`.
    CheckKeyStatus,
    /// A preflight-only probe.
    ProbeCors,
    /// Wait this long, then retry.
    RetryAfter {
        /// Seconds to wait.
        seconds: u32,
    },
    /// Retry now.
    Retry,
    /// Use the async task endpoints (images, video).
    UseAsyncTask,
    /// Open the base-URL / client configuration helper.
    OpenClientHelper,
    /// Show how to disable Claude Code's experimental betas.
    DisableClaudeBetas,
    /// Open the console to top up (advice only).
    TopUp,
    /// Copy the request id.
    CopyRequestId,
    /// Use `x-api-key` / `x-goog-api-key` when a Bearer preflight fails.
    SwitchAuthStyle,
}

impl Action {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ListModels => "list-models",
            Action::CheckKeyStatus => "check-key-status",
            Action::ProbeCors => "probe-cors",
            Action::RetryAfter { .. } => "retry-after",
            Action::Retry => "retry",
            Action::UseAsyncTask => "use-async-task",
            Action::OpenClientHelper => "open-client-helper",
            Action::DisableClaudeBetas => "disable-claude-betas",
            Action::TopUp => "top-up",
            Action::CopyRequestId => "copy-request-id",
            Action::SwitchAuthStyle => "switch-auth-style",
        }
    }

    /// The button label.
    pub fn label(self, lang: Lang) -> String {
        text::action_label(self, lang)
    }
}

/// The verdict shown next to the raw response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// The category.
    pub category: Category,
    /// How sure.
    pub confidence: Confidence,
    /// Whose side.
    pub side: Side,
    /// A one-line verdict in the chosen language.
    pub headline: String,
    /// Why, in a few sentences.
    pub explanation: String,
    /// What the verdict rests on.
    pub evidence: Vec<Evidence>,
    /// The gateway's request id, when one was found.
    pub request_id: Option<String>,
    /// What to check, in the product's own words.
    pub checks: Vec<String>,
    /// Next steps to offer as buttons.
    pub actions: Vec<Action>,
    /// When several causes fit (the chosen one first); empty when one clearly fits.
    pub candidates: Vec<Category>,
    /// The body as read.
    pub envelope: Envelope,
}

impl Diagnosis {
    /// The first evidence value with this label.
    pub fn evidence_value(&self, label: &str) -> Option<&str> {
        self.evidence
            .iter()
            .find(|e| e.label == label)
            .map(|e| e.value.as_str())
    }
}

/// Diagnoses one exchange. Never panics, whatever the body.
pub fn diagnose(facts: &RequestFacts, transport: &Transport, lang: Lang) -> Diagnosis {
    classify::classify(facts, transport, lang)
}
