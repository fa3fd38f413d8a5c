//! Gemini-native routes under `/v1beta`: the model list, generateContent (and its stream) and Imagen.

use super::{
    field, required, BodyKind, Endpoint, EndpointId, FieldKind as K, MessageStyle, Method, Origin, Protocol,
    Target as T, GEMINI_AUTH, IMAGEN_MODELS,
};

#[rustfmt::skip]
pub(super) const GEMINI_MODELS: Endpoint = Endpoint {
    id: EndpointId::GeminiModels, group: "Models", title: "List models (Gemini)",
    summary: "The models Gemini-native clients see under /v1beta.",
    method: Method::Get, path: "/v1beta/{list}", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::None, protocol: Protocol::GeminiModels,
    auth_styles: GEMINI_AUTH, fixed_headers: &[], timeout_secs: 30,
    fields: &[
        field("list", "Shape", K::Choice(&["models", "openai/models"]), T::PathRaw("list"), "models", "models: Gemini-native list; openai/models: the same list in OpenAI shape."),
    ],
};

#[rustfmt::skip]
pub(super) const GEMINI_GENERATE: Endpoint = Endpoint {
    id: EndpointId::GeminiGenerate, group: "Gemini", title: "generateContent",
    summary: "Gemini native: contents[].parts[], the model in the path.",
    method: Method::Post, path: "/v1beta/models/{model}:generateContent", stream_path: Some("/v1beta/models/{model}:streamGenerateContent?alt=sse"),
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::GeminiNative,
    auth_styles: GEMINI_AUTH, fixed_headers: &[], timeout_secs: 120,
    fields: &[
        required("model", "Model", K::Model, T::Path("model"), "gemini-2.5-flash", "Goes in the path, not the body."),
        required("contents", "Contents", K::Messages(MessageStyle::Gemini), T::Json("contents"), "", "contents[].parts[]: text and inline images."),
        field("system_instruction", "System instruction", K::GeminiSystem, T::Json("systemInstruction"), "", "Sent as {role:\"user\", parts:[{text}]}."),
        field("temperature", "Temperature", K::Decimal { min: 0.0, max: 2.0 }, T::Json("generationConfig.temperature"), "", ""),
        field("top_p", "topP", K::Decimal { min: 0.0, max: 1.0 }, T::Json("generationConfig.topP"), "", ""),
        field("top_k", "topK", K::Integer { min: 1, max: 1000 }, T::Json("generationConfig.topK"), "", ""),
        field("max_output_tokens", "maxOutputTokens", K::Integer { min: 1, max: 1_000_000 }, T::Json("generationConfig.maxOutputTokens"), "", ""),
        field("response_modalities", "responseModalities", K::CsvList, T::Json("generationConfig.responseModalities"), "", "TEXT, IMAGE for image models."),
        field("stream", "Stream", K::Toggle, T::Stream, "", "Uses :streamGenerateContent?alt=sse."),
    ],
};

#[rustfmt::skip]
pub(super) const IMAGEN_PREDICT: Endpoint = Endpoint {
    id: EndpointId::ImagenPredict, group: "Gemini", title: "Imagen predict",
    summary: "Imagen: instances and parameters.",
    method: Method::Post, path: "/v1beta/models/{model}:predict", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::Imagen,
    auth_styles: GEMINI_AUTH, fixed_headers: &[], timeout_secs: 150,
    fields: &[
        required("model", "Model", K::Choice(IMAGEN_MODELS), T::Path("model"), "imagen-4.0-fast-generate-001", ""),
        required("prompt", "Prompt", K::LongText, T::Json("instances.0.prompt"), "A watercolor lighthouse at dawn", "instances[0].prompt"),
        field("sample_count", "sampleCount", K::Integer { min: 1, max: 4 }, T::Json("parameters.sampleCount"), "1", "1 to 4 (the API's default is 4)."),
        field("aspect_ratio", "aspectRatio", K::Choice(&["1:1", "3:4", "4:3", "9:16", "16:9"]), T::Json("parameters.aspectRatio"), "1:1", ""),
        field("person_generation", "personGeneration", K::Choice(&["", "dont_allow", "allow_adult", "allow_all"]), T::Json("parameters.personGeneration"), "", ""),
        field("image_size", "imageSize", K::Choice(&["", "1K", "2K"]), T::Json("parameters.imageSize"), "", ""),
    ],
};
