//! Claude Messages, as Claude Code and the Anthropic SDK send it.

use super::{
    field, required, BodyKind, Endpoint, EndpointId, FieldKind as K, MessageStyle, Method, Origin, Protocol,
    Target as T, CLAUDE_AUTH, STREAM,
};

#[rustfmt::skip]
pub(super) const CLAUDE_MESSAGES: Endpoint = Endpoint {
    id: EndpointId::ClaudeMessages, group: "Claude", title: "Messages",
    summary: "Claude Messages: model, messages and the required max_tokens.",
    method: Method::Post, path: "/v1/messages", stream_path: None,
    origin: Origin::Gateway, body: BodyKind::Json, protocol: Protocol::ClaudeMessages,
    auth_styles: CLAUDE_AUTH, fixed_headers: &[], timeout_secs: 120,
    fields: &[
        required("model", "Model", K::Model, T::Json("model"), "claude-sonnet-4-6", "A model id from the model list."),
        required("max_tokens", "Max tokens", K::Integer { min: 1, max: 1_000_000 }, T::Json("max_tokens"), "1024", "Required by Claude Messages."),
        field("system", "System", K::LongText, T::Json("system"), "", "The system prompt, outside messages."),
        required("messages", "Messages", K::Messages(MessageStyle::Claude), T::Json("messages"), "", "Alternate user and assistant."),
        field("temperature", "Temperature", K::Decimal { min: 0.0, max: 1.0 }, T::Json("temperature"), "", "Anthropic accepts 0 to 1."),
        STREAM,
        field("tools", "Tools (JSON)", K::Json, T::Json("tools"), "", "An array of tool definitions."),
        required("anthropic_version", "anthropic-version", K::Choice(&["2023-06-01", "2026-10-21"]), T::Header("anthropic-version"), "2023-06-01", "Official clients always send it."),
        field("anthropic_beta", "anthropic-beta", K::Text, T::Header("anthropic-beta"), "", "Where Claude Code's experimental betas travel; leave empty."),
    ],
};
