//! The model catalogue of group `default`, and which endpoints each model can serve.

/// The only group the twin's tokens belong to.
pub const GROUP: &str = "default";

/// A test model with a scripted upstream behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestModel {
    /// Answers normally after `--slow-ms`.
    Slow,
    /// 500 `do_request_failed` (on a Claude stream: an `event: error` after the 200).
    UpstreamError,
    /// 503 "The server is overloaded" (`bad_response_status_code`).
    Overloaded,
    /// 400 `model_price_error`: the operator never priced it.
    Unpriced,
    /// 429 from the provider behind the channel, relayed with its "try again in 2s" hint.
    UpstreamRateLimited,
    /// 200 with a chat completion that has no choices: a success status, not an answer.
    NotAnAnswer,
    /// 200 whose one choice ends with `finish_reason: "error"` and an error object, the
    /// shape OpenRouter documents for a provider that fails after starting to answer.
    ErrorOn200,
    /// On an OpenAI-style stream: a few tokens, then the family's error chunk, no end marker.
    BreaksMidStream,
    /// On an OpenAI-style stream: a few tokens, then `[DONE]` with no finish reason, as a
    /// gateway that dropped the provider's error chunk closes it (one-api's converters).
    DropsStreamError,
    /// A chat answer with reasoning (`reasoning_content`) and a tool call beside its text.
    ReasonsAndCalls,
}

/// What kind of upstream sits behind a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// OpenAI text models.
    OpenAiChat,
    /// Anthropic models.
    Claude,
    /// Gemini text models.
    GeminiText,
    /// Gemini with image output.
    GeminiImage,
    /// Imagen (`:predict`).
    Imagen,
    /// OpenAI image models.
    GptImage,
    /// Doubao Seedream image models (JSON edits).
    Seedream,
    /// Video models (task API).
    Video,
    /// A scripted test model; serves every endpoint.
    Test(TestModel),
}

/// The endpoint families a model may be asked to serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `/v1/chat/completions`, `/v1/responses`, `/v1/messages`, Gemini generateContent.
    Text,
    /// `:predict`.
    Predict,
    /// `/v1/images/generations`, `/v1/images/edits`, the async image task.
    Image,
    /// `/v1/video/generations`.
    Video,
}

impl Endpoint {
    /// Human name used in "does not support" messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Text => "text generation",
            Endpoint::Predict => "predict",
            Endpoint::Image => "image generation",
            Endpoint::Video => "video generation",
        }
    }
}

/// One model in the group.
#[derive(Debug)]
pub struct Model {
    /// The id clients send.
    pub id: &'static str,
    /// Upstream kind.
    pub family: Family,
    /// `owned_by` in the OpenAI list.
    pub owned_by: &'static str,
    /// `displayName` in the Gemini list.
    pub display: &'static str,
}

impl Model {
    /// True when this model's channel can serve the endpoint.
    pub fn serves(&self, endpoint: Endpoint) -> bool {
        match self.family {
            Family::Test(_) => true,
            Family::OpenAiChat | Family::Claude | Family::GeminiText => endpoint == Endpoint::Text,
            Family::GeminiImage => matches!(endpoint, Endpoint::Text | Endpoint::Image),
            Family::Imagen => matches!(endpoint, Endpoint::Predict | Endpoint::Image),
            Family::GptImage | Family::Seedream => endpoint == Endpoint::Image,
            Family::Video => endpoint == Endpoint::Video,
        }
    }

    /// The scripted behaviour, for test models.
    pub fn test(&self) -> Option<TestModel> {
        match self.family {
            Family::Test(t) => Some(t),
            _ => None,
        }
    }

    /// True for models listed by the Gemini-native list (`/v1beta/models`).
    pub fn is_google(&self) -> bool {
        matches!(self.family, Family::GeminiText | Family::GeminiImage | Family::Imagen)
    }

    /// `created` in the OpenAI list: fixed, so answers are reproducible.
    pub fn created(&self) -> u64 {
        1_767_225_600
    }
}

const fn m(id: &'static str, family: Family, owned_by: &'static str, display: &'static str) -> Model {
    Model {
        id,
        family,
        owned_by,
        display,
    }
}

/// Every model with a channel in group `default`.
pub static MODELS: &[Model] = &[
    m("gpt-5.4", Family::OpenAiChat, "openai", "GPT-5.4"),
    m("gpt-5.4-mini", Family::OpenAiChat, "openai", "GPT-5.4 mini"),
    m("claude-sonnet-4-6", Family::Claude, "anthropic", "Claude Sonnet 4.6"),
    m("claude-opus-4-6", Family::Claude, "anthropic", "Claude Opus 4.6"),
    m("gemini-2.5-flash", Family::GeminiText, "google", "Gemini 2.5 Flash"),
    m("gemini-2.5-pro", Family::GeminiText, "google", "Gemini 2.5 Pro"),
    m(
        "gemini-2.5-flash-image",
        Family::GeminiImage,
        "google",
        "Gemini 2.5 Flash Image",
    ),
    m(
        "imagen-4.0-fast-generate-001",
        Family::Imagen,
        "google",
        "Imagen 4 Fast",
    ),
    m("imagen-4.0-generate-001", Family::Imagen, "google", "Imagen 4"),
    m(
        "imagen-4.0-ultra-generate-001",
        Family::Imagen,
        "google",
        "Imagen 4 Ultra",
    ),
    m("gpt-image-2", Family::GptImage, "openai", "GPT Image 2"),
    m(
        "doubao-seedream-4-0-250828",
        Family::Seedream,
        "volcengine",
        "Seedream 4.0",
    ),
    m(
        "doubao-seedream-4-5-251128",
        Family::Seedream,
        "volcengine",
        "Seedream 4.5",
    ),
    m(
        "doubao-seedream-5-0-260128",
        Family::Seedream,
        "volcengine",
        "Seedream 5.0",
    ),
    m("sora-2", Family::Video, "openai", "Sora 2"),
    m("veo-3.1", Family::Video, "google", "Veo 3.1"),
    m("twin-slow", Family::Test(TestModel::Slow), "custom", "Twin slow"),
    m(
        "twin-upstream-error",
        Family::Test(TestModel::UpstreamError),
        "custom",
        "Twin upstream error",
    ),
    m(
        "twin-overloaded",
        Family::Test(TestModel::Overloaded),
        "custom",
        "Twin overloaded",
    ),
    m(
        "twin-stream-breaks",
        Family::Test(TestModel::BreaksMidStream),
        "custom",
        "Twin stream breaks",
    ),
    m(
        "twin-stream-error-dropped",
        Family::Test(TestModel::DropsStreamError),
        "custom",
        "Twin stream error dropped",
    ),
    m(
        "twin-not-an-answer",
        Family::Test(TestModel::NotAnAnswer),
        "custom",
        "Twin not an answer",
    ),
    m(
        "twin-error-on-200",
        Family::Test(TestModel::ErrorOn200),
        "custom",
        "Twin error on 200",
    ),
    m(
        "twin-tool-call",
        Family::Test(TestModel::ReasonsAndCalls),
        "custom",
        "Twin reasoning and a tool call",
    ),
    m(
        "twin-upstream-429",
        Family::Test(TestModel::UpstreamRateLimited),
        "custom",
        "Twin upstream rate limited",
    ),
    m(
        "twin-unpriced",
        Family::Test(TestModel::Unpriced),
        "custom",
        "Twin unpriced",
    ),
];

/// The model with exactly this id (ids are case-sensitive, as channel abilities are).
pub fn find(id: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.id == id)
}

/// The models a token sees: its allow list if it has one, else the whole group.
pub fn visible(limits: &[&str]) -> Vec<&'static Model> {
    MODELS
        .iter()
        .filter(|m| limits.is_empty() || limits.contains(&m.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_matrix() {
        let cases = [
            ("gpt-5.4", Endpoint::Text, true),
            ("gpt-5.4", Endpoint::Image, false),
            ("gemini-2.5-flash-image", Endpoint::Image, true),
            ("imagen-4.0-generate-001", Endpoint::Predict, true),
            ("gemini-2.5-flash", Endpoint::Predict, false),
            ("sora-2", Endpoint::Video, true),
            ("veo-3.1", Endpoint::Text, false),
            ("twin-slow", Endpoint::Video, true),
        ];
        for (id, ep, want) in cases {
            let model = find(id);
            assert_eq!(model.map(|m| m.serves(ep)), Some(want), "{id} {ep:?}");
        }
    }

    #[test]
    fn allow_list_narrows_visibility() {
        assert_eq!(visible(&[]).len(), MODELS.len());
        let ids: Vec<_> = visible(&["gpt-5.4-mini", "claude-sonnet-4-6"])
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, ["gpt-5.4-mini", "claude-sonnet-4-6"]);
    }
}
