//! The fine-grained causes behind each category: they pick the wording and the checks.

use super::Category;

/// One specific cause; each belongs to exactly one [`Category`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Reason {
    Ok,
    ErrorBodyOn2xx,

    KeyMissing,
    KeyInvalid,
    /// Plain `Invalid token` from a newer gateway: disabled/expired/exhausted fold into it.
    KeyInvalidAmbiguous,
    /// The channel's own key was refused upstream: an operator problem.
    UpstreamKey,
    PermissionDenied,
    /// The hosting platform in front of the gateway (Cloud Run, a Lambda function URL)
    /// wants its own authorisation, which an API key is not: the key was never checked.
    HostAuth,
    AccountBanned,

    TokenDisabled,
    TokenExpired,
    TokenExhausted,
    IpNotAllowed,
    TokenQuotaLow,
    /// The key is valid but not enabled for this service at all (a per-key permission).
    KeyScope,
    /// The key (or its relay) admits one client only (Claude Code), and this is not it.
    ClientOnly,
    /// The key's own spending cap for the period (a daily cost limit) is reached.
    SpendCap,
    /// The account's own usage limit for a model, set in the provider's console (Volcengine
    /// Ark's "Safe Experience Mode"), is reached: calls are paused until it is raised.
    AccountCap,

    UserQuota,
    /// The channel's billing upstream (OpenAI `insufficient_quota`, Anthropic credit balance).
    UpstreamQuota,

    ModelNoAccess,
    NoChannel,
    ModelNotPriced,
    ModelNotFound,
    /// A model served only through an inference profile (Bedrock), called by its own id.
    InferenceProfile,
    GroupDenied,

    InvalidUrl,
    DoubledV1,
    HtmlPage,
    MethodNotAllowed,
    NotImplemented,
    /// This model does not serve this operation (an embedding model on chat).
    WrongOperation,
    /// Plain http sent to an https port.
    WrongScheme,
    RouteNotFound,

    ModelMissing,
    MessagesRequired,
    ContentsRequired,
    MaxTokens,
    PromptRequired,
    InvalidJson,
    UnknownField,
    ContextLength,
    ContentPolicy,
    GenericParam,

    ExtraInputs,
    BetaHeaderHeuristic,

    ClientTimeout,
    /// The client timeout fired while the answer was arriving.
    TimeoutMidAnswer,
    GatewayTimeout,
    ProxyTimeout,
    RequestTimeout,
    UpstreamTimeout,

    GatewayLimit,
    EmptyBody429,
    UpstreamLimit,
    Saturated,
    /// A gateway's one "upstream saturated" text with a 5xx, which it gives for several
    /// failures (no channel, every channel failing): the cause is not in the answer.
    SaturatedMasked,
    /// A relay's own pool of provider keys is empty (all blacklisted after failures, or
    /// none added): the operator's to refill.
    KeyPoolEmpty,
    /// A self-hosted server could not load the model (memory, a crashed backend).
    ModelLoad,
    Concurrency,

    BodyTooLarge,
    /// More tokens than one call may carry (a per-minute budget smaller than the request).
    TooManyTokens,

    UpstreamRequestFailed,
    UpstreamBadStatus,
    Overloaded,
    UpstreamApiError,
    /// The provider refuses calls from the caller's country or region.
    RegionBlocked,
    ServerError,
    GatewayInternal,
    /// The gateway sheds load itself (new-api `system_cpu_overloaded` and kin).
    GatewayOverloaded,
    StreamError,
    StreamEndedEarly,
    /// A chat stream closed with its end marker but without a finish reason: perhaps cut.
    Unfinished,

    MixedContent,
    CorsRefused,
    Dns,
    Tls,
    ConnectionRefused,
    Offline,
    GenericNetwork,
    ProxyBlocked,
    /// A forward proxy on the caller's own network (Squid) answered: the call never left it.
    ForwardProxy,
    /// A tunnel in front of the gateway (ngrok, frp, natapp, localtunnel) answered with its
    /// own page: nothing is connected behind it.
    TunnelDown,
    /// The connection failed after the answer had begun.
    ConnectionLost,

    UserCancelled,
    /// The answer outgrew the byte cap and reading stopped there.
    BodyCapped,

    /// Only the status code points at the category.
    StatusOnly,
    Unrecognised,
    /// The gateway's sensitive-word filter refused the content.
    SensitiveWords,
    /// No task with this id.
    TaskNotFound,
    /// A 2xx whose body is not the endpoint's answer.
    NotAnAnswer,
    /// The provider answered but withheld the content (safety and similar).
    Withheld,
    /// An async task that ended without a result.
    TaskFailed,
}

impl Reason {
    /// The category this cause belongs to; `StatusOnly` and `Unrecognised` carry their
    /// category separately, so they answer `Unknown`.
    pub(crate) fn category(self) -> Category {
        use Reason::*;
        match self {
            Ok => Category::Success,
            ErrorBodyOn2xx => Category::SuccessWithErrorBody,
            KeyMissing | KeyInvalid | KeyInvalidAmbiguous | UpstreamKey | PermissionDenied | AccountBanned
            | HostAuth => Category::AuthenticationFailure,
            TokenDisabled | TokenExpired | TokenExhausted | IpNotAllowed | TokenQuotaLow | GroupDenied
            | RegionBlocked | KeyScope | SpendCap | ClientOnly => Category::TokenUnavailable,
            UserQuota | UpstreamQuota | AccountCap => Category::InsufficientBalance,
            ModelNoAccess | NoChannel | ModelNotPriced | ModelNotFound | InferenceProfile => {
                Category::ModelNotAvailable
            }
            InvalidUrl | DoubledV1 | HtmlPage | MethodNotAllowed | NotImplemented | RouteNotFound | WrongOperation
            | WrongScheme => Category::IncorrectEndpoint,
            ModelMissing | MessagesRequired | ContentsRequired | MaxTokens | PromptRequired | InvalidJson
            | UnknownField | GenericParam | SensitiveWords | TaskNotFound => Category::ParameterError,
            ContextLength => Category::RequestTooLarge,
            ContentPolicy | NotAnAnswer | Withheld | Unfinished | GatewayInternal => Category::Unknown,
            TaskFailed => Category::UpstreamFailure,
            ExtraInputs | BetaHeaderHeuristic => Category::ClaudeCodeBetas,
            ClientTimeout | TimeoutMidAnswer | GatewayTimeout | ProxyTimeout | RequestTimeout | UpstreamTimeout => {
                Category::Timeout
            }
            GatewayLimit | EmptyBody429 | UpstreamLimit | Saturated | Concurrency => Category::RateLimit,
            BodyTooLarge | TooManyTokens => Category::RequestTooLarge,
            UpstreamRequestFailed
            | SaturatedMasked
            | KeyPoolEmpty
            | ModelLoad
            | UpstreamBadStatus
            | Overloaded
            | UpstreamApiError
            | ServerError
            | GatewayOverloaded
            | TunnelDown
            | StreamError
            | StreamEndedEarly => Category::UpstreamFailure,
            MixedContent | CorsRefused | Dns | Tls | ConnectionRefused | Offline | GenericNetwork | ProxyBlocked
            | ForwardProxy | ConnectionLost => Category::NetworkOrCors,
            UserCancelled => Category::Cancelled,
            StatusOnly | Unrecognised | BodyCapped => Category::Unknown,
        }
    }
}
