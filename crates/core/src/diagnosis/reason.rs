//! The fine-grained causes behind each category: they pick the wording and the checks.

use super::Category;

/// One specific cause; each belongs to exactly one [`Category`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Reason {
    Ok,
    OkEmptyBody,
    ErrorBodyOn2xx,

    KeyMissing,
    KeyInvalid,
    /// Plain `Invalid token` from a newer gateway: disabled/expired/exhausted fold into it.
    KeyInvalidAmbiguous,
    /// The channel's own key was refused upstream: an operator problem.
    UpstreamKey,
    PermissionDenied,
    AccountBanned,

    TokenDisabled,
    TokenExpired,
    TokenExhausted,
    IpNotAllowed,
    TokenQuotaLow,

    UserQuota,
    /// The channel's billing upstream (OpenAI `insufficient_quota`, Anthropic credit balance).
    UpstreamQuota,

    ModelNoAccess,
    NoChannel,
    ModelNotPriced,
    ModelNotFound,
    GroupDenied,

    InvalidUrl,
    DoubledV1,
    HtmlPage,
    MethodNotAllowed,
    NotImplemented,
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
    GatewayTimeout,
    ProxyTimeout,
    RequestTimeout,
    UpstreamTimeout,

    GatewayLimit,
    EmptyBody429,
    UpstreamLimit,
    Saturated,
    Concurrency,

    BodyTooLarge,

    UpstreamRequestFailed,
    UpstreamBadStatus,
    Overloaded,
    UpstreamApiError,
    /// The provider refuses calls from the caller's country or region.
    RegionBlocked,
    ServerError,
    GatewayInternal,
    StreamError,
    StreamEndedEarly,

    MixedContent,
    CorsRefused,
    Dns,
    Tls,
    ConnectionRefused,
    Offline,
    GenericNetwork,
    ProxyBlocked,

    UserCancelled,

    /// Only the status code points at the category.
    StatusOnly,
    Unrecognised,
}

impl Reason {
    /// The category this cause belongs to; `StatusOnly` and `Unrecognised` carry their
    /// category separately, so they answer `Unknown`.
    pub(crate) fn category(self) -> Category {
        use Reason::*;
        match self {
            Ok | OkEmptyBody => Category::Success,
            ErrorBodyOn2xx => Category::SuccessWithErrorBody,
            KeyMissing | KeyInvalid | KeyInvalidAmbiguous | UpstreamKey | PermissionDenied | AccountBanned => {
                Category::AuthenticationFailure
            }
            TokenDisabled | TokenExpired | TokenExhausted | IpNotAllowed | TokenQuotaLow => Category::TokenUnavailable,
            UserQuota | UpstreamQuota => Category::InsufficientBalance,
            ModelNoAccess | NoChannel | ModelNotPriced | ModelNotFound | GroupDenied => Category::ModelNotAvailable,
            InvalidUrl | DoubledV1 | HtmlPage | MethodNotAllowed | NotImplemented | RouteNotFound => {
                Category::IncorrectEndpoint
            }
            ModelMissing | MessagesRequired | ContentsRequired | MaxTokens | PromptRequired | InvalidJson
            | UnknownField | ContextLength | ContentPolicy | GenericParam => Category::ParameterError,
            ExtraInputs | BetaHeaderHeuristic => Category::ClaudeCodeBetas,
            ClientTimeout | GatewayTimeout | ProxyTimeout | RequestTimeout | UpstreamTimeout => Category::Timeout,
            GatewayLimit | EmptyBody429 | UpstreamLimit | Saturated | Concurrency => Category::RateLimit,
            BodyTooLarge => Category::RequestTooLarge,
            UpstreamRequestFailed
            | UpstreamBadStatus
            | Overloaded
            | UpstreamApiError
            | RegionBlocked
            | ServerError
            | GatewayInternal
            | StreamError
            | StreamEndedEarly => Category::UpstreamFailure,
            MixedContent | CorsRefused | Dns | Tls | ConnectionRefused | Offline | GenericNetwork | ProxyBlocked => {
                Category::NetworkOrCors
            }
            UserCancelled => Category::Cancelled,
            StatusOnly | Unrecognised => Category::Unknown,
        }
    }
}
