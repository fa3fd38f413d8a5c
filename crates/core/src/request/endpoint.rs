//! The endpoint model: what an endpoint is (method, path template, origin, auth styles, form
//! fields and where each value goes). The data itself, one entry per documented route, is
//! in [`crate::request::catalogue`]; the UI renders any endpoint from this description.

use crate::request::catalogue::CATALOGUE;
use crate::request::http::Method;
use crate::request::protocol::{AuthStyle, Protocol};

/// Stable identifiers of the endpoints, used in share links and storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum EndpointId {
    /// `GET /v1/models`
    OpenAiModels,
    /// `GET /v1beta/models`
    GeminiModels,
    /// `POST /v1/chat/completions`
    #[default]
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

    /// For an async task endpoint (submit or query): the endpoint that queries the task and
    /// the field its id goes into.
    pub fn task_query(self) -> Option<(EndpointId, &'static str)> {
        match self {
            EndpointId::AsyncImageSubmit | EndpointId::AsyncImageQuery => Some((EndpointId::AsyncImageQuery, "job_id")),
            EndpointId::VideoSubmit | EndpointId::VideoQuery => Some((EndpointId::VideoQuery, "task_id")),
            _ => None,
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
