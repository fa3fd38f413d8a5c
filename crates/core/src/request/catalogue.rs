//! The endpoint catalogue: every documented RouteScope route as data.
//!
//! An endpoint is a method, a path template, the origin it lives on, the auth styles it
//! accepts and a list of form fields, each saying where its value goes in the request.
//! The UI renders any endpoint from this description, so adding a route or a field is a
//! change to this file alone.

use crate::request::http::Method;
pub use crate::request::protocol::{AuthStyle, Protocol};

/// Stable identifiers of the endpoints, used in share links and storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EndpointId {
    /// `GET /v1/models`
    OpenAiModels,
    /// `GET /v1beta/models`
    GeminiModels,
    /// `POST /v1/chat/completions`
    ChatCompletions,
    /// `POST /v1/responses`
    Responses,
    /// `POST /v1/messages`
    ClaudeMessages,
    /// `POST /v1beta/models/{model}:generateContent`
    GeminiGenerate,
    /// `POST /v1beta/models/{model}:predict`
    ImagenPredict,
    /// `POST /v1/images/generations`
    ImagesGenerations,
    /// `POST /v1/images/edits`, multipart
    ImageEditsMultipart,
    /// `POST /v1/images/edits`, Seedream JSON
    SeedreamEdits,
    /// `POST /v1/aiart/openai/image/submit`
    AsyncImageSubmit,
    /// The async image query (path unverified, editable)
    AsyncImageQuery,
    /// `POST /v1/video/generations`
    VideoSubmit,
    /// `GET /v1/video/generations/{task_id}`
    VideoQuery,
    /// `GET {webapi}/api/token/self/`
    KeyStatus,
    /// `GET {webapi}/api/token/self/log?request_id=`
    UsageLog,
    /// `GET {webapi}/api/token/self/log/stat`
    UsageStat,
}

impl EndpointId {
    /// The kebab-case id used in links and storage keys.
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointId::OpenAiModels => "openai-models",
            EndpointId::GeminiModels => "gemini-models",
            EndpointId::ChatCompletions => "chat-completions",
            EndpointId::Responses => "responses",
            EndpointId::ClaudeMessages => "claude-messages",
            EndpointId::GeminiGenerate => "gemini-generate",
            EndpointId::ImagenPredict => "imagen-predict",
            EndpointId::ImagesGenerations => "images-generations",
            EndpointId::ImageEditsMultipart => "image-edits",
            EndpointId::SeedreamEdits => "seedream-edits",
            EndpointId::AsyncImageSubmit => "async-image-submit",
            EndpointId::AsyncImageQuery => "async-image-query",
            EndpointId::VideoSubmit => "video-submit",
            EndpointId::VideoQuery => "video-query",
            EndpointId::KeyStatus => "key-status",
            EndpointId::UsageLog => "usage-log",
            EndpointId::UsageStat => "usage-stat",
        }
    }

    /// Reads an id written by [`EndpointId::as_str`].
    pub fn parse(text: &str) -> Option<EndpointId> {
        CATALOGUE.iter().map(|e| e.id).find(|id| id.as_str() == text)
    }
}

/// Where an endpoint lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The model gateway (`https://api.routescope.ai`).
    Gateway,
    /// The self-service account API, a different origin (`https://webapi.routescope.ai`).
    SelfService,
}

/// How the message editor's content is written into the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageStyle {
    /// OpenAI `messages[{role, content}]`, parts `text` / `image_url`.
    OpenAiChat,
    /// Claude `messages[{role, content}]`, parts `text` / `image` with a source.
    Claude,
    /// Gemini `contents[{role, parts[{text} | {inline_data}]}]`, roles user/model.
    Gemini,
    /// Responses `input`: a string for a single user text, else input items.
    ResponsesInput,
}

impl MessageStyle {
    /// The roles the editor offers, first is the default for a new message.
    pub fn roles(self) -> &'static [&'static str] {
        match self {
            MessageStyle::OpenAiChat => &["user", "system", "assistant", "developer"],
            MessageStyle::Claude => &["user", "assistant"],
            MessageStyle::Gemini => &["user", "model"],
            MessageStyle::ResponsesInput => &["user", "system", "assistant", "developer"],
        }
    }
}

/// What kind of input a field is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A model id, with suggestions from the fetched model list.
    Model,
    /// A whole number within bounds.
    Integer {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// A decimal number within bounds.
    Decimal {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
    },
    /// One of fixed values; `""` in the list means "not sent".
    Choice(&'static [&'static str]),
    /// On sends `true`; off sends nothing.
    Toggle,
    /// Any JSON value typed by hand (tools, extra config).
    Json,
    /// Comma-separated values sent as a JSON array of strings.
    CsvList,
    /// One URL or data URI per line: a string when there is one and `always_array` is
    /// off, else an array.
    UrlLines {
        /// Send an array even for a single line (async `images`).
        always_array: bool,
    },
    /// The conversation editor.
    Messages(MessageStyle),
    /// Gemini `systemInstruction`: text wrapped as `{role:"user", parts:[{text}]}`.
    GeminiSystem,
    /// Chosen files (images). `multiple` allows several.
    Files {
        /// Whether several files may be chosen.
        multiple: bool,
    },
}

/// Where a field's value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A dotted path in the JSON body (`generationConfig.temperature`, `instances.0.prompt`).
    Json(&'static str),
    /// A `{name}` placeholder in the path, percent-encoded.
    Path(&'static str),
    /// A `{name}` placeholder in the path, inserted as typed (a path choice).
    PathRaw(&'static str),
    /// A query parameter.
    Query(&'static str),
    /// A multipart part of this name (files with several picked become `name[]`).
    Part(&'static str),
    /// A request header.
    Header(&'static str),
    /// Replaces the whole path template (for the unverified async query path).
    WholePath,
    /// Switches the endpoint to its streaming form.
    Stream,
}

/// One form field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// Unique within the endpoint; also the share-link key.
    pub key: &'static str,
    /// The visible label.
    pub label: &'static str,
    /// The kind of input.
    pub kind: FieldKind,
    /// Where the value goes.
    pub target: Target,
    /// Whether the protocol requires it.
    pub required: bool,
    /// The prefilled value (documented example values), as text.
    pub default: &'static str,
    /// One line of help under the field.
    pub help: &'static str,
}

/// The body an endpoint sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// `application/json`.
    Json,
    /// `multipart/form-data`.
    Multipart,
}

/// One documented endpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Endpoint {
    /// Stable id.
    pub id: EndpointId,
    /// The group in the side list.
    pub group: &'static str,
    /// Short title.
    pub title: &'static str,
    /// One sentence on what it is for.
    pub summary: &'static str,
    /// The method.
    pub method: Method,
    /// The path template with `{placeholders}`.
    pub path: &'static str,
    /// The path template when streaming is on, if it differs (Gemini).
    pub stream_path: Option<&'static str>,
    /// Which origin it is called on.
    pub origin: Origin,
    /// What it sends.
    pub body: BodyKind,
    /// The protocol family, for the diagnosis.
    pub protocol: Protocol,
    /// The auth styles this route accepts, documented first.
    pub auth_styles: &'static [AuthStyle],
    /// Extra fixed headers every official client sends.
    pub fixed_headers: &'static [(&'static str, &'static str)],
    /// The form.
    pub fields: &'static [FieldSpec],
    /// The client timeout it should get, in seconds (images are documented at 150 s).
    pub timeout_secs: u32,
}

impl Endpoint {
    /// The field with this key.
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Whether the endpoint has a streaming switch.
    pub fn can_stream(&self) -> bool {
        self.fields.iter().any(|f| f.target == Target::Stream)
    }
}

/// Looks an endpoint up by id.
pub fn endpoint(id: EndpointId) -> &'static Endpoint {
    // Every id has exactly one entry: the catalogue test checks it.
    CATALOGUE.iter().find(|e| e.id == id).unwrap_or(&CATALOGUE[0])
}

const BEARER_ONLY: &[AuthStyle] = &[AuthStyle::Bearer];
const OPENAI_LIST_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XApiKey];
const CLAUDE_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XApiKey];
const GEMINI_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XGoogApiKey, AuthStyle::QueryKey];

const fn field(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    target: Target,
    default: &'static str,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        target,
        required: false,
        default,
        help,
    }
}

const fn required(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    target: Target,
    default: &'static str,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        target,
        required: true,
        default,
        help,
    }
}

const STREAM: FieldSpec = field(
    "stream",
    "Stream",
    FieldKind::Toggle,
    Target::Json("stream"),
    "",
    "Receive the answer as server-sent events.",
);
const IMAGEN_MODELS: &[&str] = &[
    "imagen-4.0-fast-generate-001",
    "imagen-4.0-generate-001",
    "imagen-4.0-ultra-generate-001",
];
const SEEDREAM_MODELS: &[&str] = &[
    "doubao-seedream-4-0-250828",
    "doubao-seedream-4-5-251128",
    "doubao-seedream-5-0-260128",
];
const RESPONSE_FORMATS: &[&str] = &["", "url", "b64_json"];
const IMAGE_QUALITIES: &[&str] = &["", "auto", "low", "medium", "high", "standard", "hd"];

/// Every documented endpoint, in the order of the side list.
pub static CATALOGUE: &[Endpoint] = &[
    Endpoint {
        id: EndpointId::OpenAiModels,
        group: "Models",
        title: "List models (OpenAI)",
        summary: "The models this key can use, as OpenAI-style clients see them.",
        method: Method::Get,
        path: "/v1/models{model}",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::None,
        protocol: Protocol::OpenAiModels,
        auth_styles: OPENAI_LIST_AUTH,
        fixed_headers: &[],
        fields: &[field(
            "model",
            "One model (optional)",
            FieldKind::Model,
            Target::Path("model"),
            "",
            "Leave empty for the whole list; a model id fetches GET /v1/models/{model}.",
        )],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::GeminiModels,
        group: "Models",
        title: "List models (Gemini)",
        summary: "The models Gemini-native clients see under /v1beta.",
        method: Method::Get,
        path: "/v1beta/{list}",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::None,
        protocol: Protocol::GeminiModels,
        auth_styles: GEMINI_AUTH,
        fixed_headers: &[],
        fields: &[field(
            "list",
            "Shape",
            FieldKind::Choice(&["models", "openai/models"]),
            Target::PathRaw("list"),
            "models",
            "models: Gemini-native list; openai/models: the same list in OpenAI shape.",
        )],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::ChatCompletions,
        group: "OpenAI",
        title: "Chat Completions",
        summary: "OpenAI Chat Completions: model and messages.",
        method: Method::Post,
        path: "/v1/chat/completions",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::OpenAiChat,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Json("model"),
                "gpt-5.4",
                "A model id from the model list.",
            ),
            required(
                "messages",
                "Messages",
                FieldKind::Messages(MessageStyle::OpenAiChat),
                Target::Json("messages"),
                "",
                "At least one message.",
            ),
            field(
                "temperature",
                "Temperature",
                FieldKind::Decimal { min: 0.0, max: 2.0 },
                Target::Json("temperature"),
                "",
                "0 to 2; empty leaves the model's default.",
            ),
            field(
                "top_p",
                "Top p",
                FieldKind::Decimal { min: 0.0, max: 1.0 },
                Target::Json("top_p"),
                "",
                "0 to 1.",
            ),
            field(
                "max_tokens",
                "Max tokens",
                FieldKind::Integer { min: 1, max: 1_000_000 },
                Target::Json("max_tokens"),
                "",
                "Upper bound on the answer's length.",
            ),
            STREAM,
            field(
                "include_usage",
                "Usage in stream",
                FieldKind::Toggle,
                Target::Json("stream_options.include_usage"),
                "",
                "stream_options.include_usage: a last chunk with token usage.",
            ),
            field(
                "enable_thinking",
                "enable_thinking",
                FieldKind::Toggle,
                Target::Json("enable_thinking"),
                "",
                "Qwen-style extension; other models ignore or reject it.",
            ),
            field(
                "tools",
                "Tools (JSON)",
                FieldKind::Json,
                Target::Json("tools"),
                "",
                "An array of tool definitions.",
            ),
        ],
        timeout_secs: 120,
    },
    Endpoint {
        id: EndpointId::Responses,
        group: "OpenAI",
        title: "Responses",
        summary: "OpenAI Responses API, what Codex uses (wire_api = \"responses\").",
        method: Method::Post,
        path: "/v1/responses",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::OpenAiResponses,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Json("model"),
                "gpt-5.4",
                "A model id from the model list.",
            ),
            required(
                "input",
                "Input",
                FieldKind::Messages(MessageStyle::ResponsesInput),
                Target::Json("input"),
                "",
                "One user text is sent as a plain string; more becomes input items.",
            ),
            field(
                "instructions",
                "Instructions",
                FieldKind::LongText,
                Target::Json("instructions"),
                "",
                "System-level instructions.",
            ),
            field(
                "max_output_tokens",
                "Max output tokens",
                FieldKind::Integer { min: 1, max: 1_000_000 },
                Target::Json("max_output_tokens"),
                "",
                "",
            ),
            field(
                "reasoning_effort",
                "Reasoning effort",
                FieldKind::Choice(&["", "minimal", "low", "medium", "high"]),
                Target::Json("reasoning.effort"),
                "",
                "reasoning.effort",
            ),
            STREAM,
        ],
        timeout_secs: 120,
    },
    Endpoint {
        id: EndpointId::ClaudeMessages,
        group: "Claude",
        title: "Messages",
        summary: "Claude Messages: model, messages and the required max_tokens.",
        method: Method::Post,
        path: "/v1/messages",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::ClaudeMessages,
        auth_styles: CLAUDE_AUTH,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Json("model"),
                "claude-sonnet-4-6",
                "A model id from the model list.",
            ),
            required(
                "max_tokens",
                "Max tokens",
                FieldKind::Integer { min: 1, max: 1_000_000 },
                Target::Json("max_tokens"),
                "1024",
                "Required by Claude Messages.",
            ),
            field(
                "system",
                "System",
                FieldKind::LongText,
                Target::Json("system"),
                "",
                "The system prompt, outside messages.",
            ),
            required(
                "messages",
                "Messages",
                FieldKind::Messages(MessageStyle::Claude),
                Target::Json("messages"),
                "",
                "Alternate user and assistant.",
            ),
            field(
                "temperature",
                "Temperature",
                FieldKind::Decimal { min: 0.0, max: 1.0 },
                Target::Json("temperature"),
                "",
                "Anthropic accepts 0 to 1.",
            ),
            STREAM,
            field(
                "tools",
                "Tools (JSON)",
                FieldKind::Json,
                Target::Json("tools"),
                "",
                "An array of tool definitions.",
            ),
            required(
                "anthropic_version",
                "anthropic-version",
                FieldKind::Choice(&["2023-06-01", "2026-10-21"]),
                Target::Header("anthropic-version"),
                "2023-06-01",
                "Official clients always send it.",
            ),
            field(
                "anthropic_beta",
                "anthropic-beta",
                FieldKind::Text,
                Target::Header("anthropic-beta"),
                "",
                "Where Claude Code's experimental betas travel; leave empty.",
            ),
        ],
        timeout_secs: 120,
    },
    Endpoint {
        id: EndpointId::GeminiGenerate,
        group: "Gemini",
        title: "generateContent",
        summary: "Gemini native: contents[].parts[], the model in the path.",
        method: Method::Post,
        path: "/v1beta/models/{model}:generateContent",
        stream_path: Some("/v1beta/models/{model}:streamGenerateContent?alt=sse"),
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::GeminiNative,
        auth_styles: GEMINI_AUTH,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Path("model"),
                "gemini-2.5-flash",
                "Goes in the path, not the body.",
            ),
            required(
                "contents",
                "Contents",
                FieldKind::Messages(MessageStyle::Gemini),
                Target::Json("contents"),
                "",
                "contents[].parts[]: text and inline images.",
            ),
            field(
                "system_instruction",
                "System instruction",
                FieldKind::GeminiSystem,
                Target::Json("systemInstruction"),
                "",
                "Sent as {role:\"user\", parts:[{text}]}.",
            ),
            field(
                "temperature",
                "Temperature",
                FieldKind::Decimal { min: 0.0, max: 2.0 },
                Target::Json("generationConfig.temperature"),
                "",
                "",
            ),
            field(
                "top_p",
                "topP",
                FieldKind::Decimal { min: 0.0, max: 1.0 },
                Target::Json("generationConfig.topP"),
                "",
                "",
            ),
            field(
                "top_k",
                "topK",
                FieldKind::Integer { min: 1, max: 1000 },
                Target::Json("generationConfig.topK"),
                "",
                "",
            ),
            field(
                "max_output_tokens",
                "maxOutputTokens",
                FieldKind::Integer { min: 1, max: 1_000_000 },
                Target::Json("generationConfig.maxOutputTokens"),
                "",
                "",
            ),
            field(
                "response_modalities",
                "responseModalities",
                FieldKind::CsvList,
                Target::Json("generationConfig.responseModalities"),
                "",
                "TEXT, IMAGE for image models.",
            ),
            field(
                "stream",
                "Stream",
                FieldKind::Toggle,
                Target::Stream,
                "",
                "Uses :streamGenerateContent?alt=sse.",
            ),
        ],
        timeout_secs: 120,
    },
    Endpoint {
        id: EndpointId::ImagenPredict,
        group: "Gemini",
        title: "Imagen predict",
        summary: "Imagen: instances and parameters.",
        method: Method::Post,
        path: "/v1beta/models/{model}:predict",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::Imagen,
        auth_styles: GEMINI_AUTH,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Choice(IMAGEN_MODELS),
                Target::Path("model"),
                "imagen-4.0-fast-generate-001",
                "",
            ),
            required(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Json("instances.0.prompt"),
                "A watercolor lighthouse at dawn",
                "instances[0].prompt",
            ),
            field(
                "sample_count",
                "sampleCount",
                FieldKind::Integer { min: 1, max: 4 },
                Target::Json("parameters.sampleCount"),
                "1",
                "1 to 4 (the API's default is 4).",
            ),
            field(
                "aspect_ratio",
                "aspectRatio",
                FieldKind::Choice(&["1:1", "3:4", "4:3", "9:16", "16:9"]),
                Target::Json("parameters.aspectRatio"),
                "1:1",
                "",
            ),
            field(
                "person_generation",
                "personGeneration",
                FieldKind::Choice(&["", "dont_allow", "allow_adult", "allow_all"]),
                Target::Json("parameters.personGeneration"),
                "",
                "",
            ),
            field(
                "image_size",
                "imageSize",
                FieldKind::Choice(&["", "1K", "2K"]),
                Target::Json("parameters.imageSize"),
                "",
                "",
            ),
        ],
        timeout_secs: 150,
    },
    Endpoint {
        id: EndpointId::ImagesGenerations,
        group: "Images",
        title: "Image generation",
        summary: "OpenAI Images generation; also Doubao Seedream text-to-image.",
        method: Method::Post,
        path: "/v1/images/generations",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::OpenAiImages,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Json("model"),
                "gpt-image-2",
                "gpt-image-2 or a doubao-seedream model.",
            ),
            required(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Json("prompt"),
                "A watercolor lighthouse at dawn",
                "",
            ),
            field(
                "n",
                "n",
                FieldKind::Integer { min: 1, max: 10 },
                Target::Json("n"),
                "1",
                "1 to 10 images.",
            ),
            field(
                "size",
                "Size",
                FieldKind::Text,
                Target::Json("size"),
                "1024x1024",
                "WIDTHxHEIGHT with an ASCII x.",
            ),
            field(
                "quality",
                "Quality",
                FieldKind::Choice(IMAGE_QUALITIES),
                Target::Json("quality"),
                "",
                "",
            ),
            field(
                "style",
                "Style",
                FieldKind::Choice(&["", "vivid", "natural"]),
                Target::Json("style"),
                "",
                "",
            ),
            field(
                "response_format",
                "response_format",
                FieldKind::Choice(RESPONSE_FORMATS),
                Target::Json("response_format"),
                "",
                "url or b64_json",
            ),
            field("user", "user", FieldKind::Text, Target::Json("user"), "", ""),
        ],
        timeout_secs: 150,
    },
    Endpoint {
        id: EndpointId::ImageEditsMultipart,
        group: "Images",
        title: "Image edit (multipart)",
        summary: "OpenAI-style edits: the source image uploaded as multipart/form-data.",
        method: Method::Post,
        path: "/v1/images/edits",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Multipart,
        protocol: Protocol::OpenAiImages,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Model,
                Target::Part("model"),
                "gpt-image-2",
                "",
            ),
            required(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Part("prompt"),
                "Add a red umbrella",
                "",
            ),
            required(
                "image",
                "Image file(s)",
                FieldKind::Files { multiple: true },
                Target::Part("image"),
                "",
                "PNG, JPEG or WebP; several are sent as image[].",
            ),
            field(
                "mask",
                "Mask (optional)",
                FieldKind::Files { multiple: false },
                Target::Part("mask"),
                "",
                "A PNG whose transparent pixels mark what to edit.",
            ),
            field(
                "n",
                "n",
                FieldKind::Integer { min: 1, max: 10 },
                Target::Part("n"),
                "",
                "",
            ),
            field(
                "size",
                "Size",
                FieldKind::Text,
                Target::Part("size"),
                "1024x1024",
                "WIDTHxHEIGHT with an ASCII x.",
            ),
            field(
                "quality",
                "Quality",
                FieldKind::Choice(IMAGE_QUALITIES),
                Target::Part("quality"),
                "",
                "",
            ),
            field(
                "response_format",
                "response_format",
                FieldKind::Choice(RESPONSE_FORMATS),
                Target::Part("response_format"),
                "",
                "",
            ),
        ],
        timeout_secs: 150,
    },
    Endpoint {
        id: EndpointId::SeedreamEdits,
        group: "Images",
        title: "Seedream edit (JSON)",
        summary: "Doubao Seedream edits: reference images in the JSON image field.",
        method: Method::Post,
        path: "/v1/images/edits",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::OpenAiImages,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "model",
                "Model",
                FieldKind::Choice(SEEDREAM_MODELS),
                Target::Json("model"),
                "doubao-seedream-4-0-250828",
                "",
            ),
            required(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Json("prompt"),
                "Make it a winter scene",
                "",
            ),
            required(
                "image",
                "Image URLs",
                FieldKind::UrlLines { always_array: false },
                Target::Json("image"),
                "https://example.com/reference.png",
                "One URL or data: URI per line; one is sent as a string, several as an array.",
            ),
            field(
                "image_files",
                "Or image files",
                FieldKind::Files { multiple: true },
                Target::Json("image"),
                "",
                "Sent as data: URIs in the image field.",
            ),
            field(
                "size",
                "Size",
                FieldKind::Text,
                Target::Json("size"),
                "2048x2048",
                "1K, 2K, 4K or WIDTHxHEIGHT.",
            ),
            field(
                "watermark",
                "Watermark",
                FieldKind::Toggle,
                Target::Json("watermark"),
                "",
                "",
            ),
            field(
                "response_format",
                "response_format",
                FieldKind::Choice(RESPONSE_FORMATS),
                Target::Json("response_format"),
                "",
                "",
            ),
            field(
                "seed",
                "Seed",
                FieldKind::Integer {
                    min: -1,
                    max: 2_147_483_647,
                },
                Target::Json("seed"),
                "",
                "",
            ),
            field(
                "guidance_scale",
                "guidance_scale",
                FieldKind::Decimal { min: 1.0, max: 10.0 },
                Target::Json("guidance_scale"),
                "",
                "",
            ),
        ],
        timeout_secs: 150,
    },
    Endpoint {
        id: EndpointId::AsyncImageSubmit,
        group: "Tasks",
        title: "Async image: submit",
        summary: "Start an image job and get a job_id to poll: no long request to time out.",
        method: Method::Post,
        path: "/v1/aiart/openai/image/submit",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::AsyncTask,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            field(
                "model",
                "Model",
                FieldKind::Model,
                Target::Json("model"),
                "gpt-image-2",
                "",
            ),
            field(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Json("prompt"),
                "A watercolor lighthouse at dawn",
                "prompt or images is required.",
            ),
            field(
                "images",
                "Image URLs",
                FieldKind::UrlLines { always_array: true },
                Target::Json("images"),
                "",
                "Reference image URLs, one per line (always an array).",
            ),
            field("mask", "Mask URL", FieldKind::Text, Target::Json("mask"), "", ""),
            field("size", "Size", FieldKind::Text, Target::Json("size"), "1024x1024", ""),
            field(
                "quality",
                "Quality",
                FieldKind::Choice(IMAGE_QUALITIES),
                Target::Json("quality"),
                "",
                "",
            ),
            field(
                "n",
                "n",
                FieldKind::Integer { min: 1, max: 10 },
                Target::Json("n"),
                "",
                "",
            ),
            field(
                "output_format",
                "output_format",
                FieldKind::Choice(&["", "png", "jpeg", "webp"]),
                Target::Json("output_format"),
                "",
                "",
            ),
        ],
        timeout_secs: 60,
    },
    Endpoint {
        id: EndpointId::AsyncImageQuery,
        group: "Tasks",
        title: "Async image: query",
        summary: "Poll a job's status (WAIT, RUN, DONE, FAIL). The path is unverified: edit it if needed.",
        method: Method::Post,
        path: "/v1/aiart/openai/image/query",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::AsyncTask,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required(
                "query_path",
                "Query path",
                FieldKind::Text,
                Target::WholePath,
                "/v1/aiart/openai/image/query",
                "Not in the public docs; change it if your gateway differs.",
            ),
            required(
                "job_id",
                "job_id",
                FieldKind::Text,
                Target::Json("job_id"),
                "",
                "From the submit answer.",
            ),
        ],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::VideoSubmit,
        group: "Tasks",
        title: "Video: submit",
        summary: "Start a video task (new-api standard) and get a task_id.",
        method: Method::Post,
        path: "/v1/video/generations",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::Json,
        protocol: Protocol::VideoTask,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[
            required("model", "Model", FieldKind::Model, Target::Json("model"), "sora-2", ""),
            required(
                "prompt",
                "Prompt",
                FieldKind::LongText,
                Target::Json("prompt"),
                "A paper boat drifting down a rainy street",
                "",
            ),
            field(
                "image",
                "Image URL",
                FieldKind::Text,
                Target::Json("image"),
                "",
                "Optional first frame.",
            ),
            field(
                "duration",
                "Duration (s)",
                FieldKind::Integer { min: 1, max: 60 },
                Target::Json("duration"),
                "",
                "",
            ),
            field(
                "size",
                "Size",
                FieldKind::Text,
                Target::Json("size"),
                "",
                "e.g. 1280x720",
            ),
        ],
        timeout_secs: 60,
    },
    Endpoint {
        id: EndpointId::VideoQuery,
        group: "Tasks",
        title: "Video: query",
        summary: "A video task's status and result.",
        method: Method::Get,
        path: "/v1/video/generations/{task_id}",
        stream_path: None,
        origin: Origin::Gateway,
        body: BodyKind::None,
        protocol: Protocol::VideoTask,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[required(
            "task_id",
            "task_id",
            FieldKind::Text,
            Target::Path("task_id"),
            "",
            "From the submit answer.",
        )],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::KeyStatus,
        group: "Account",
        title: "Key status and balance",
        summary: "Self-service API: this key's status, group and remaining quota.",
        method: Method::Get,
        path: "/api/token/self/",
        stream_path: None,
        origin: Origin::SelfService,
        body: BodyKind::None,
        protocol: Protocol::SelfService,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::UsageLog,
        group: "Account",
        title: "Find a call by request id",
        summary: "Self-service API: the usage-log entry of one request id.",
        method: Method::Get,
        path: "/api/token/self/log",
        stream_path: None,
        origin: Origin::SelfService,
        body: BodyKind::None,
        protocol: Protocol::SelfService,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[required(
            "request_id",
            "Request id",
            FieldKind::Text,
            Target::Query("request_id"),
            "",
            "From an error message's (request id: …).",
        )],
        timeout_secs: 30,
    },
    Endpoint {
        id: EndpointId::UsageStat,
        group: "Account",
        title: "Live RPM / TPM",
        summary: "Self-service API: quota used and requests/tokens in the last minute.",
        method: Method::Get,
        path: "/api/token/self/log/stat",
        stream_path: None,
        origin: Origin::SelfService,
        body: BodyKind::None,
        protocol: Protocol::SelfService,
        auth_styles: BEARER_ONLY,
        fixed_headers: &[],
        fields: &[],
        timeout_secs: 30,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_appears_once_and_round_trips() {
        for e in CATALOGUE {
            assert_eq!(CATALOGUE.iter().filter(|x| x.id == e.id).count(), 1, "{:?}", e.id);
            assert_eq!(EndpointId::parse(e.id.as_str()), Some(e.id));
            assert_eq!(endpoint(e.id).id, e.id);
        }
    }

    #[test]
    fn field_keys_are_unique_and_placeholders_have_fields() {
        for e in CATALOGUE {
            for f in e.fields {
                assert_eq!(
                    e.fields.iter().filter(|x| x.key == f.key).count(),
                    1,
                    "{} {}",
                    e.title,
                    f.key
                );
            }
            let mut rest = e.path;
            while let Some(start) = rest.find('{') {
                let end = rest[start..].find('}').map(|i| start + i).unwrap_or(rest.len());
                let name = &rest[start + 1..end];
                assert!(
                    e.fields
                        .iter()
                        .any(|f| f.target == Target::Path(name) || f.target == Target::PathRaw(name)),
                    "{}: no field for {{{name}}}",
                    e.title
                );
                rest = &rest[end..];
            }
        }
    }

    #[test]
    fn bearer_is_always_offered_first() {
        for e in CATALOGUE {
            assert_eq!(e.auth_styles.first(), Some(&AuthStyle::Bearer), "{}", e.title);
        }
    }
}
