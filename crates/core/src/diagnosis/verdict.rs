//! The verdict as data: the category, confidence, side, evidence and actions a diagnosis
//! is made of, and the [`Verdict`] the classifier builds before anything is put into words.
//! Every part of the diagnosis (network outcomes, the signature rules, the wording) speaks
//! these types, so none of them needs to import another.

use super::family::Family;
use super::reason::Reason;
use crate::answer::envelope::Envelope;
use crate::answer::shape::Unanswered;

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
    /// Copy the request id.
    CopyRequestId,
    /// Use `x-api-key` / `x-goog-api-key` when a Bearer preflight fails.
    SwitchAuthStyle,
    /// Turn the stream off and send again: a single answer carries an error a stream lost.
    SendWithoutStream,
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
            Action::CopyRequestId => "copy-request-id",
            Action::SwitchAuthStyle => "switch-auth-style",
            Action::SendWithoutStream => "send-without-stream",
        }
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

/// A verdict before it is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) reason: Reason,
    pub(crate) category: Category,
    pub(crate) confidence: Confidence,
    pub(crate) side: Side,
    pub(crate) candidates: Vec<Category>,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) actions: Vec<Action>,
    pub(crate) details: Details,
}

impl Verdict {
    /// A verdict whose category is the reason's own.
    pub(crate) fn new(reason: Reason, confidence: Confidence, side: Side) -> Verdict {
        Verdict::in_category(reason, reason.category(), confidence, side)
    }

    /// A verdict with an explicit category (status-only guesses).
    pub(crate) fn in_category(reason: Reason, category: Category, confidence: Confidence, side: Side) -> Verdict {
        Verdict {
            reason,
            category,
            confidence,
            side,
            candidates: Vec::new(),
            evidence: Vec::new(),
            actions: Vec::new(),
            details: Details::default(),
        }
    }

    /// Switches to another cause (and its category).
    pub(crate) fn set_reason(&mut self, reason: Reason) {
        self.reason = reason;
        self.category = reason.category();
    }
}

/// One evidence row.
pub(crate) fn ev(label: &'static str, value: impl Into<String>) -> Evidence {
    Evidence {
        label,
        value: value.into(),
    }
}

/// Whose request id an answer carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum IdOwner {
    /// The gateway's own (`(request id: …)` from new-api): its usage log finds the call.
    Gateway,
    /// A provider's (`req_…` from Anthropic, OpenAI's `x-request-id`, OpenRouter's
    /// `gen-…`): only that provider's support can use it.
    Provider,
    /// A proxy's (`cf-ray`): whoever runs the proxy can use it.
    Proxy,
    /// Not known.
    #[default]
    Unknown,
}

/// What the wording may quote about this exchange.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Details {
    pub(crate) status: Option<u16>,
    pub(crate) model: Option<String>,
    pub(crate) group: Option<String>,
    pub(crate) field: Option<String>,
    pub(crate) route: Option<String>,
    pub(crate) window: Option<(u32, u32)>,
    pub(crate) retry_secs: Option<u32>,
    pub(crate) after_ms: Option<u64>,
    /// Bytes of the answer that arrived before reading stopped (a cut answer).
    pub(crate) received_bytes: Option<usize>,
    pub(crate) body_bytes: usize,
    pub(crate) body_empty: bool,
    pub(crate) hidden_by_cors: bool,
    pub(crate) request_id: Option<String>,
    /// The body answered from a non-gateway envelope (foreign gateway, proxy).
    pub(crate) foreign: bool,
    /// The error type looked like a rebranded gateway's (`xyz_api_error`).
    pub(crate) rebrand: bool,
    /// The error came back inside a 2xx (body or stream event).
    pub(crate) on_2xx: bool,
    /// Whether the browser might be refusing `Authorization` in preflight.
    pub(crate) bearer_preflight: bool,
    /// What came back instead of an answer, a withheld answer's stated reason, or a
    /// failed task's own reason.
    pub(crate) note: Option<String>,
    /// The answer's own message, quoted when no rule recognised it.
    pub(crate) quote: Option<String>,
    /// Whose request id it is: only the gateway's own finds the call in its usage log.
    pub(crate) request_id_owner: IdOwner,
    /// Who answered, as far as the evidence tells.
    pub(crate) family: Family,
    /// What came back on a 2xx instead of the endpoint's answer.
    pub(crate) unanswered: Option<Unanswered>,
}
