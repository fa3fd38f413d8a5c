//! The endpoint catalogue: every documented RouteScope route as data, one file per family
//! (`openai`, `claude`, `gemini`, `images`, `tasks`, `account`), one field per line.
//!
//! What an endpoint *is* (the types) lives in [`crate::request::endpoint`] and is re-exported
//! here, so callers import both from one place. Adding a route or a field is a change to this
//! folder (and a new [`EndpointId`] variant).

pub use crate::request::endpoint::{
    BodyKind, Endpoint, EndpointId, FieldKind, FieldSpec, MessageStyle, Origin, Target,
};
use crate::request::http::Method;
pub use crate::request::protocol::{AuthStyle, Protocol};
use crate::text::lang::Lang;

mod account;
mod claude;
mod gemini;
mod images;
mod openai;
mod search;
mod tasks;
mod zh;

pub use search::search;

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

impl Endpoint {
    /// The one-sentence summary in `lang`.
    pub fn summary_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary,
            Lang::Zh => zh::summary(self.id),
        }
    }

    /// A field's label in `lang` (the English one when no wording exists).
    pub fn field_label(&self, spec: &FieldSpec, lang: Lang) -> &'static str {
        match lang {
            Lang::En => spec.label,
            Lang::Zh => zh::field(self.id, spec.key).map_or(spec.label, |(label, _)| label),
        }
    }

    /// A field's help line in `lang` (the English one when no wording exists).
    pub fn field_help(&self, spec: &FieldSpec, lang: Lang) -> &'static str {
        match lang {
            Lang::En => spec.help,
            Lang::Zh => zh::field(self.id, spec.key).map_or(spec.help, |(_, help)| help),
        }
    }
}

/// A side-list group title in `lang`.
pub fn group_title(group: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::En => group,
        Lang::Zh => zh::group(group).unwrap_or(group),
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
