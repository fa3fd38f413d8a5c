//! The parts of an answer that are not its text: the model's reasoning and the tool calls
//! it asked for, read from a whole answer or merged event by event from a stream, in each
//! protocol's words. They are shown apart from the text, so a reasoning summary is never
//! mistaken for the answer and a tool call with empty content is not "no answer".
//!
//! - Chat Completions: `reasoning_content` (DeepSeek, new-api, LiteLLM) or `reasoning`
//!   (OpenRouter) beside `content`; `tool_calls[]` whose `function.arguments` stream in
//!   pieces keyed by `index`.
//! - Responses: `reasoning` output items (their `summary[].text`), `function_call` items;
//!   in a stream `response.reasoning_summary_text.delta` / `response.reasoning_text.delta`,
//!   `response.output_item.added` and `response.function_call_arguments.delta`.
//! - Claude: `thinking` and `tool_use` content blocks; in a stream `thinking_delta` and
//!   `input_json_delta` keyed by the block's `index`.
//! - Gemini: parts with `thought: true` (reasoning) and `functionCall` parts.

use serde_json::Value;

/// A tool (function) call the model asked for.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ToolCall {
    /// The call id, when the protocol gives one.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments, as the JSON text the model wrote (pieces joined for a stream).
    pub arguments: String,
}

/// Reasoning and tool calls read so far.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Parts {
    /// The reasoning text (or its summary), pieces joined.
    pub reasoning: String,
    /// The tool calls, in the order they began.
    pub tool_calls: Vec<ToolCall>,
    /// Which call a stream's index (chat `index`, Claude block `index`, Responses
    /// `output_index`) refers to.
    slots: Vec<(u64, usize)>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A JSON value as the text a tool call's arguments are shown as.
fn arguments_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl Parts {
    /// The call a stream index refers to, begun when first seen.
    fn slot(&mut self, index: u64) -> &mut ToolCall {
        let at = match self.slots.iter().find(|(i, _)| *i == index) {
            Some((_, at)) => *at,
            None => {
                self.tool_calls.push(ToolCall::default());
                self.slots.push((index, self.tool_calls.len() - 1));
                self.tool_calls.len() - 1
            }
        };
        &mut self.tool_calls[at]
    }

    /// A Chat Completions stream delta (`choices[0].delta`).
    pub fn chat_delta(&mut self, delta: &Value) {
        if let Some(r) = text(delta, "reasoning_content").or_else(|| text(delta, "reasoning")) {
            self.reasoning.push_str(r);
        }
        for (n, call) in delta
            .get("tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let index = call.get("index").and_then(Value::as_u64).unwrap_or(n as u64);
            let slot = self.slot(index);
            if let Some(id) = text(call, "id") {
                slot.id = id.to_string();
            }
            if let Some(f) = call.get("function") {
                if let Some(name) = text(f, "name") {
                    slot.name.push_str(name);
                }
                if let Some(args) = text(f, "arguments") {
                    slot.arguments.push_str(args);
                }
            }
        }
    }

    /// A whole Chat Completions message (`choices[0].message`).
    pub fn chat_message(&mut self, message: &Value) {
        if let Some(r) = text(message, "reasoning_content").or_else(|| text(message, "reasoning")) {
            self.reasoning.push_str(r);
        }
        for call in message
            .get("tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let f = call.get("function").unwrap_or(&Value::Null);
            self.tool_calls.push(ToolCall {
                id: text(call, "id").unwrap_or_default().to_string(),
                name: text(f, "name").unwrap_or_default().to_string(),
                arguments: arguments_text(f.get("arguments")),
            });
        }
    }

    /// A Responses stream event of type `kind`.
    pub fn responses_event(&mut self, kind: &str, v: &Value) {
        match kind {
            "response.reasoning_summary_text.delta" | "response.reasoning_text.delta" => {
                if let Some(d) = text(v, "delta") {
                    self.reasoning.push_str(d);
                }
            }
            "response.output_item.added" => {
                let item = v.get("item").unwrap_or(&Value::Null);
                if text(item, "type") == Some("function_call") {
                    let index = v.get("output_index").and_then(Value::as_u64).unwrap_or(u64::MAX);
                    let slot = self.slot(index);
                    slot.id = text(item, "call_id").unwrap_or_default().to_string();
                    slot.name = text(item, "name").unwrap_or_default().to_string();
                }
            }
            "response.function_call_arguments.delta" => {
                let index = v.get("output_index").and_then(Value::as_u64).unwrap_or(u64::MAX);
                if let Some(d) = text(v, "delta") {
                    self.slot(index).arguments.push_str(d);
                }
            }
            _ => {}
        }
    }

    /// A whole Responses `output` array.
    pub fn responses_output(&mut self, output: &Value) {
        for item in output.as_array().into_iter().flatten() {
            match text(item, "type") {
                Some("reasoning") => {
                    for s in item.get("summary").and_then(Value::as_array).into_iter().flatten() {
                        if let Some(t) = text(s, "text") {
                            self.reasoning.push_str(t);
                        }
                    }
                }
                Some("function_call") => self.tool_calls.push(ToolCall {
                    id: text(item, "call_id").unwrap_or_default().to_string(),
                    name: text(item, "name").unwrap_or_default().to_string(),
                    arguments: arguments_text(item.get("arguments")),
                }),
                _ => {}
            }
        }
    }

    /// A Claude stream event of type `kind`.
    pub fn claude_event(&mut self, kind: &str, v: &Value) {
        let index = v.get("index").and_then(Value::as_u64).unwrap_or(u64::MAX);
        match kind {
            "content_block_start" => {
                let block = v.get("content_block").unwrap_or(&Value::Null);
                if text(block, "type") == Some("tool_use") {
                    let slot = self.slot(index);
                    slot.id = text(block, "id").unwrap_or_default().to_string();
                    slot.name = text(block, "name").unwrap_or_default().to_string();
                }
            }
            "content_block_delta" => {
                let delta = v.get("delta").unwrap_or(&Value::Null);
                match text(delta, "type") {
                    Some("thinking_delta") => {
                        if let Some(t) = text(delta, "thinking") {
                            self.reasoning.push_str(t);
                        }
                    }
                    Some("input_json_delta") => {
                        if let Some(p) = text(delta, "partial_json") {
                            self.slot(index).arguments.push_str(p);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// A whole Claude `content` array.
    pub fn claude_content(&mut self, content: &Value) {
        for block in content.as_array().into_iter().flatten() {
            match text(block, "type") {
                Some("thinking") => {
                    if let Some(t) = text(block, "thinking") {
                        self.reasoning.push_str(t);
                    }
                }
                Some("tool_use") => self.tool_calls.push(ToolCall {
                    id: text(block, "id").unwrap_or_default().to_string(),
                    name: text(block, "name").unwrap_or_default().to_string(),
                    arguments: arguments_text(block.get("input")),
                }),
                _ => {}
            }
        }
    }

    /// One Gemini part; true when it was reasoning or a call (so not answer text).
    pub fn gemini_part(&mut self, part: &Value) -> bool {
        if let Some(call) = part.get("functionCall").or_else(|| part.get("function_call")) {
            self.tool_calls.push(ToolCall {
                id: text(call, "id").unwrap_or_default().to_string(),
                name: text(call, "name").unwrap_or_default().to_string(),
                arguments: arguments_text(call.get("args")),
            });
            return true;
        }
        if part.get("thought").and_then(Value::as_bool) == Some(true) {
            if let Some(t) = text(part, "text") {
                self.reasoning.push_str(t);
            }
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn call(id: &str, name: &str, arguments: &str) -> ToolCall {
        ToolCall {
            id: id.into(),
            name: name.into(),
            arguments: arguments.into(),
        }
    }

    #[test]
    fn chat_deltas_merge_reasoning_and_calls_by_index() {
        let mut p = Parts::default();
        for delta in [
            json!({"reasoning_content": "Think"}),
            json!({"reasoning": "ing."}),
            json!({"tool_calls": [{"index": 0, "id": "call_1", "function": {"name": "get_weather", "arguments": ""}}]}),
            json!({"tool_calls": [{"index": 1, "id": "call_2", "function": {"name": "now", "arguments": "{}"}}]}),
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\":"}}]}),
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}),
        ] {
            p.chat_delta(&delta);
        }
        assert_eq!(p.reasoning, "Thinking.");
        assert_eq!(
            p.tool_calls,
            [
                call("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                call("call_2", "now", "{}")
            ]
        );
    }

    #[test]
    fn whole_answers_of_every_protocol() {
        let mut chat = Parts::default();
        chat.chat_message(&json!({"content": null, "reasoning_content": "R", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\"a\":1}"}}]}));
        assert_eq!(
            (chat.reasoning.as_str(), chat.tool_calls.clone()),
            ("R", vec![call("c", "f", "{\"a\":1}")])
        );

        let mut responses = Parts::default();
        responses.responses_output(&json!([
            {"type": "reasoning", "summary": [{"type": "summary_text", "text": "Plan."}]},
            {"type": "function_call", "call_id": "fc_1", "name": "search", "arguments": "{\"q\":\"x\"}"},
            {"type": "message", "content": [{"type": "output_text", "text": "ignored here"}]}
        ]));
        assert_eq!(
            (responses.reasoning.as_str(), responses.tool_calls.clone()),
            ("Plan.", vec![call("fc_1", "search", "{\"q\":\"x\"}")])
        );

        let mut claude = Parts::default();
        claude.claude_content(&json!([
            {"type": "thinking", "thinking": "Hmm.", "signature": "s"},
            {"type": "text", "text": "ignored here"},
            {"type": "tool_use", "id": "toolu_1", "name": "calc", "input": {"x": 2}}
        ]));
        assert_eq!(
            (claude.reasoning.as_str(), claude.tool_calls.clone()),
            ("Hmm.", vec![call("toolu_1", "calc", "{\"x\":2}")])
        );

        let mut gemini = Parts::default();
        assert!(gemini.gemini_part(&json!({"text": "Thought.", "thought": true})));
        assert!(gemini.gemini_part(&json!({"functionCall": {"name": "lookup", "args": {"id": 7}}})));
        assert!(!gemini.gemini_part(&json!({"text": "Answer."})));
        assert_eq!(
            (gemini.reasoning.as_str(), gemini.tool_calls.clone()),
            ("Thought.", vec![call("", "lookup", "{\"id\":7}")])
        );
    }

    #[test]
    fn claude_and_responses_streams() {
        let mut claude = Parts::default();
        claude.claude_event(
            "content_block_delta",
            &json!({"index": 0, "delta": {"type": "thinking_delta", "thinking": "a"}}),
        );
        claude.claude_event(
            "content_block_start",
            &json!({"index": 1, "content_block": {"type": "tool_use", "id": "t1", "name": "calc", "input": {}}}),
        );
        claude.claude_event(
            "content_block_delta",
            &json!({"index": 1, "delta": {"type": "input_json_delta", "partial_json": "{\"x\""}}),
        );
        claude.claude_event(
            "content_block_delta",
            &json!({"index": 1, "delta": {"type": "input_json_delta", "partial_json": ":1}"}}),
        );
        assert_eq!(
            (claude.reasoning.as_str(), claude.tool_calls.clone()),
            ("a", vec![call("t1", "calc", "{\"x\":1}")])
        );

        let mut responses = Parts::default();
        responses.responses_event("response.reasoning_summary_text.delta", &json!({"delta": "Why"}));
        responses.responses_event(
            "response.output_item.added",
            &json!({"output_index": 1, "item": {"type": "function_call", "call_id": "fc", "name": "f"}}),
        );
        responses.responses_event(
            "response.function_call_arguments.delta",
            &json!({"output_index": 1, "delta": "{}"}),
        );
        assert_eq!(
            (responses.reasoning.as_str(), responses.tool_calls.clone()),
            ("Why", vec![call("fc", "f", "{}")])
        );
    }
}
