//! The endpoint catalogue: every documented RouteScope route as data.
//!
//! An endpoint is a method, a path template, the origin it lives on, the auth styles it
//! accepts and a list of form fields, each saying where its value goes in the request.
//! The UI renders any endpoint from this description, so adding a route or a field is a
//! change to this folder alone: the types live here, the entries in one file per family
//! (`openai`, `claude`, `gemini`, `images`, `tasks`, `account`), one field per line.

use crate::request::http::Method;
pub use crate::request::protocol::{AuthStyle, Protocol};

mod account;
mod claude;
mod gemini;
mod images;
mod openai;
mod tasks;

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

/// Looks an endpoint up by id. Total: every id names exactly one entry, so a new id does
/// not compile until its entry exists.
pub fn endpoint(id: EndpointId) -> &'static Endpoint {
    match id {
        EndpointId::OpenAiModels => &openai::OPENAI_MODELS,
        EndpointId::GeminiModels => &gemini::GEMINI_MODELS,
        EndpointId::ChatCompletions => &openai::CHAT_COMPLETIONS,
        EndpointId::Responses => &openai::RESPONSES,
        EndpointId::ClaudeMessages => &claude::CLAUDE_MESSAGES,
        EndpointId::GeminiGenerate => &gemini::GEMINI_GENERATE,
        EndpointId::ImagenPredict => &gemini::IMAGEN_PREDICT,
        EndpointId::ImagesGenerations => &images::IMAGES_GENERATIONS,
        EndpointId::ImageEditsMultipart => &images::IMAGE_EDITS_MULTIPART,
        EndpointId::SeedreamEdits => &images::SEEDREAM_EDITS,
        EndpointId::AsyncImageSubmit => &tasks::ASYNC_IMAGE_SUBMIT,
        EndpointId::AsyncImageQuery => &tasks::ASYNC_IMAGE_QUERY,
        EndpointId::VideoSubmit => &tasks::VIDEO_SUBMIT,
        EndpointId::VideoQuery => &tasks::VIDEO_QUERY,
        EndpointId::KeyStatus => &account::KEY_STATUS,
        EndpointId::UsageLog => &account::USAGE_LOG,
        EndpointId::UsageStat => &account::USAGE_STAT,
    }
}

const BEARER_ONLY: &[AuthStyle] = &[AuthStyle::Bearer];
const OPENAI_LIST_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XApiKey];
const CLAUDE_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XApiKey];
const GEMINI_AUTH: &[AuthStyle] = &[AuthStyle::Bearer, AuthStyle::XGoogApiKey, AuthStyle::QueryKey];

/// An optional field: `field(key, label, kind, target, default, help)`.
#[rustfmt::skip]
const fn field(key: &'static str, label: &'static str, kind: FieldKind, target: Target, default: &'static str, help: &'static str) -> FieldSpec {
    FieldSpec { key, label, kind, target, required: false, default, help }
}

/// A field the protocol requires; the same arguments as [`field`].
#[rustfmt::skip]
const fn required(key: &'static str, label: &'static str, kind: FieldKind, target: Target, default: &'static str, help: &'static str) -> FieldSpec {
    FieldSpec { required: true, ..field(key, label, kind, target, default, help) }
}

#[rustfmt::skip]
const STREAM: FieldSpec = field("stream", "Stream", FieldKind::Toggle, Target::Json("stream"), "", "Receive the answer as server-sent events.");
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
    openai::OPENAI_MODELS,
    gemini::GEMINI_MODELS,
    openai::CHAT_COMPLETIONS,
    openai::RESPONSES,
    claude::CLAUDE_MESSAGES,
    gemini::GEMINI_GENERATE,
    gemini::IMAGEN_PREDICT,
    images::IMAGES_GENERATIONS,
    images::IMAGE_EDITS_MULTIPART,
    images::SEEDREAM_EDITS,
    tasks::ASYNC_IMAGE_SUBMIT,
    tasks::ASYNC_IMAGE_QUERY,
    tasks::VIDEO_SUBMIT,
    tasks::VIDEO_QUERY,
    account::KEY_STATUS,
    account::USAGE_LOG,
    account::USAGE_STAT,
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

    /// The diagnosis offers "send the key as …" from the protocol; every endpoint of that
    /// protocol must list the header, or the button would silently not appear.
    #[test]
    fn the_alternative_header_of_a_protocol_is_offered_by_its_endpoints() {
        for e in CATALOGUE {
            if let Some(style) = e.protocol.alternative_auth() {
                assert!(e.auth_styles.contains(&style), "{}: {style:?}", e.title);
            }
        }
    }
}
