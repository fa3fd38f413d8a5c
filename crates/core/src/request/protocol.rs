//! The protocol families and the ways a key travels: named once here, used by every stage
//! (the catalogue, building, the diagnosis and the exports).

use crate::text::lang::Lang;

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

    /// The header the gateway also accepts the key in here (`x-api-key` on Claude and model
    /// lists, `x-goog-api-key` on Gemini and Imagen), so a Bearer preflight failure has a
    /// way around it; `None` where `Authorization` is the only way in.
    pub fn alternative_auth(self) -> Option<AuthStyle> {
        match self {
            Protocol::ClaudeMessages | Protocol::OpenAiModels => Some(AuthStyle::XApiKey),
            Protocol::GeminiNative | Protocol::GeminiModels | Protocol::Imagen => Some(AuthStyle::XGoogApiKey),
            _ => None,
        }
    }

    /// Whether [`Protocol::alternative_auth`] has a header to offer.
    pub fn has_alternative_auth(self) -> bool {
        self.alternative_auth().is_some()
    }

    /// Whether long jobs of this family have an async task endpoint to fall back on.
    pub fn has_async_alternative(self) -> bool {
        matches!(
            self,
            Protocol::OpenAiImages | Protocol::Imagen | Protocol::VideoTask | Protocol::AsyncTask
        )
    }
}

/// How the key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AuthStyle {
    /// `Authorization: Bearer sk-…`, documented for every route.
    #[default]
    Bearer,
    /// `x-api-key: sk-…` (Claude Messages, model list).
    XApiKey,
    /// `x-goog-api-key: sk-…` (Gemini routes; what the google-genai SDK sends).
    XGoogApiKey,
    /// `?key=sk-…` (Gemini routes). Puts the key in the URL: offered, never the default.
    QueryKey,
}

impl AuthStyle {
    /// The id used in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthStyle::Bearer => "bearer",
            AuthStyle::XApiKey => "x-api-key",
            AuthStyle::XGoogApiKey => "x-goog-api-key",
            AuthStyle::QueryKey => "query-key",
        }
    }

    /// What the picker shows.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            AuthStyle::Bearer => "Authorization: Bearer",
            AuthStyle::XApiKey => lang.pick("x-api-key header", "x-api-key 请求头"),
            AuthStyle::XGoogApiKey => lang.pick("x-goog-api-key header", "x-goog-api-key 请求头"),
            AuthStyle::QueryKey => lang.pick("?key= in the URL", "URL 中的 ?key="),
        }
    }

    /// Reads an id written by [`AuthStyle::as_str`].
    pub fn parse(text: &str) -> Option<AuthStyle> {
        [
            AuthStyle::Bearer,
            AuthStyle::XApiKey,
            AuthStyle::XGoogApiKey,
            AuthStyle::QueryKey,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}
