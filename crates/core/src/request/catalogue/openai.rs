//! OpenAI-shaped routes: the OpenAI model list, Chat Completions and Responses.

use super::{
    field, required, BodyKind, Endpoint, EndpointId, FieldKind as K, MessageStyle, Method, Origin, Protocol,
    Target as T, BEARER_ONLY, OPENAI_LIST_AUTH, STREAM,
};

#[rustfmt::skip]
pub(super) const OPENAI_MODELS: Endpoint = Endpoint {
    id: EndpointId::OpenAiModels, group: "Models", title: "List models (OpenAI)",
    summary: "The models this key can use, as OpenAI-style clients see them.",
    method: Method::Get, path: "/v1/models{model}", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::None, protocol: Protocol::OpenAiModels,
    auth_styles: OPENAI_LIST_AUTH, fixed_headers: &[], timeout_secs: 30,
    fields: &[
        field("model", "One model (optional)", K::Model, T::Path("model"), "", "Leave empty for the whole list; a model id fetches GET /v1/models/{model}."),
    ],
};

#[rustfmt::skip]
pub(super) const CHAT_COMPLETIONS: Endpoint = Endpoint {
    id: EndpointId::ChatCompletions, group: "OpenAI", title: "Chat Completions",
    summary: "OpenAI Chat Completions: model and messages.",
    method: Method::Post, path: "/v1/chat/completions", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::OpenAiChat,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 120,
    fields: &[
        required("model", "Model", K::Model, T::Json("model"), "gpt-5.4", "A model id from the model list."),
        required("messages", "Messages", K::Messages(MessageStyle::OpenAiChat), T::Json("messages"), "", "At least one message."),
        field("temperature", "Temperature", K::Decimal { min: 0.0, max: 2.0 }, T::Json("temperature"), "", "0 to 2; empty leaves the model's default."),
        field("top_p", "Top p", K::Decimal { min: 0.0, max: 1.0 }, T::Json("top_p"), "", "0 to 1."),
        field("max_tokens", "Max tokens", K::Integer { min: 1, max: 1_000_000 }, T::Json("max_tokens"), "", "Upper bound on the answer's length."),
        STREAM,
        field("include_usage", "Usage in stream", K::Toggle, T::Json("stream_options.include_usage"), "", "stream_options.include_usage: a last chunk with token usage."),
        field("enable_thinking", "enable_thinking", K::Toggle, T::Json("enable_thinking"), "", "Qwen-style extension; other models ignore or reject it."),
        field("tools", "Tools (JSON)", K::Json, T::Json("tools"), "", "An array of tool definitions."),
    ],
};

#[rustfmt::skip]
pub(super) const RESPONSES: Endpoint = Endpoint {
    id: EndpointId::Responses, group: "OpenAI", title: "Responses",
    summary: "OpenAI Responses API, what Codex uses (wire_api = \"responses\").",
    method: Method::Post, path: "/v1/responses", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::OpenAiResponses,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 120,
    fields: &[
        required("model", "Model", K::Model, T::Json("model"), "gpt-5.4", "A model id from the model list."),
        required("input", "Input", K::Messages(MessageStyle::ResponsesInput), T::Json("input"), "", "One user text is sent as a plain string; more becomes input items."),
        field("instructions", "Instructions", K::LongText, T::Json("instructions"), "", "System-level instructions."),
        field("max_output_tokens", "Max output tokens", K::Integer { min: 1, max: 1_000_000 }, T::Json("max_output_tokens"), "", ""),
        field("reasoning_effort", "Reasoning effort", K::Choice(&["", "minimal", "low", "medium", "high"]), T::Json("reasoning.effort"), "", "reasoning.effort"),
        STREAM,
    ],
};
