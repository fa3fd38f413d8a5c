//! Server-sent events: splitting a stream into events, and merging each protocol's deltas
//! into the assistant's text.

use serde_json::Value;

use crate::answer::parts::Parts;

/// One server-sent event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` name, empty when the stream names none (OpenAI Chat, Gemini).
    pub name: String,
    /// The `data:` lines joined with newlines.
    pub data: String,
}

/// Incremental SSE parser: feed it text as it arrives, take complete events out.
#[derive(Debug, Default)]
pub struct SseParser {
    buffer: String,
    name: String,
    data: Vec<String>,
    /// Lines of the current block that are no SSE field: some servers end a stream with a
    /// bare JSON error (Gemini's 503 after its last chunk), which would otherwise vanish.
    stray: String,
}

/// How much of a block's stray lines is kept, in bytes: an error object fits many times.
const STRAY_CAP: usize = 64 * 1024;

impl SseParser {
    /// Adds text and returns the events it completed. Work is proportional to `text` plus
    /// an unfinished line carried over: complete lines are read in place and the buffer is
    /// shortened once per call, never once per line.
    pub fn push(&mut self, text: &str) -> Vec<SseEvent> {
        // What is buffered holds no newline (it is the start of an unfinished line), so the
        // search starts at the new text: a long line arriving in small chunks stays linear.
        let mut search = self.buffer.len();
        self.buffer.push_str(text);
        let mut events = Vec::new();
        let buffer = std::mem::take(&mut self.buffer);
        let mut start = 0;
        while let Some(offset) = buffer.get(search..).and_then(|rest| rest.find('\n')) {
            let end = search + offset;
            let line = &buffer[start..end];
            self.line(line.strip_suffix('\r').unwrap_or(line), &mut events);
            start = end + 1;
            search = start;
        }
        self.buffer = buffer;
        self.buffer.drain(..start);
        events
    }

    /// Ends the stream: a last event without its blank line still counts.
    pub fn finish(mut self) -> Vec<SseEvent> {
        let mut events = Vec::new();
        if !self.buffer.is_empty() {
            let line = std::mem::take(&mut self.buffer);
            self.line(line.trim_end_matches('\r'), &mut events);
        }
        self.dispatch(&mut events);
        events
    }

    fn line(&mut self, line: &str, events: &mut Vec<SseEvent>) {
        if line.is_empty() {
            self.dispatch(events);
            return;
        }
        if line.starts_with(':') {
            return;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => self.name = value.to_string(),
            "data" => self.data.push(value.to_string()),
            // llama.cpp's server (2025) sent a failure as an `error:` field of its own.
            "error" => {
                self.name = "error".to_string();
                self.data.push(value.to_string());
            }
            "id" | "retry" => {}
            _ if self.stray.len() + line.len() < STRAY_CAP => {
                self.stray.push_str(line);
                self.stray.push('\n');
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, events: &mut Vec<SseEvent>) {
        let stray = std::mem::take(&mut self.stray);
        if self.data.is_empty() && self.name.is_empty() {
            // A block of nothing but bare JSON is passed on as one unnamed event, so the
            // mergers read it like any data (an error object in it is the stream's error).
            let json = stray.trim();
            if json.starts_with('{') || json.starts_with('[') {
                events.push(SseEvent {
                    name: String::new(),
                    data: json.to_string(),
                });
            }
            return;
        }
        events.push(SseEvent {
            name: std::mem::take(&mut self.name),
            data: self.data.join("\n"),
        });
        self.data.clear();
    }
}

/// Parses a whole SSE text.
pub fn parse_all(text: &str) -> Vec<SseEvent> {
    let mut p = SseParser::default();
    let mut events = p.push(text);
    events.extend(p.finish());
    events
}

/// Which stream dialect to merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamDialect {
    /// Chat Completions: `data:` chunks, `[DONE]`.
    OpenAiChat,
    /// Responses: named `response.*` events.
    OpenAiResponses,
    /// Claude Messages: `message_start` … `message_stop`, `error`.
    Claude,
    /// Gemini `alt=sse`: `data:` chunks of candidates.
    Gemini,
}

/// What a stream said, merged.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StreamSummary {
    /// The assistant text, deltas joined.
    pub text: String,
    /// The model's refusal instead of an answer, deltas joined (OpenAI's `delta.refusal`).
    pub refusal: String,
    /// The finish or stop reason, when one came.
    pub finish_reason: Option<String>,
    /// Whether the protocol's end marker arrived.
    pub completed: bool,
    /// The data of an error event, when one came after the 200.
    pub error: Option<String>,
    /// Why the provider gave no content, when it said so (Gemini's prompt block, or a
    /// finish reason such as SAFETY before any text).
    pub withheld: Option<String>,
    /// Number of events.
    pub events: usize,
    /// Token usage figures the stream reported, by name.
    pub usage: Vec<(String, i64)>,
    /// Reasoning and tool calls, merged apart from the text.
    pub parts: Parts,
}

/// Merges events of a dialect into a summary.
pub fn summarize(dialect: StreamDialect, events: &[SseEvent]) -> StreamSummary {
    let mut merger = StreamMerger::new(dialect);
    for e in events {
        merger.add(e);
    }
    merger.into_summary()
}

/// Merges a stream's events one at a time, as they arrive: the work per event is that
/// event's, so a stream of any length is merged in one pass.
#[derive(Clone, Debug)]
pub struct StreamMerger {
    dialect: StreamDialect,
    summary: StreamSummary,
}

impl StreamMerger {
    /// A merger for one dialect, with nothing merged yet.
    pub fn new(dialect: StreamDialect) -> StreamMerger {
        StreamMerger {
            dialect,
            summary: StreamSummary::default(),
        }
    }

    /// What has been merged so far.
    pub fn summary(&self) -> &StreamSummary {
        &self.summary
    }

    /// The merged summary.
    pub fn into_summary(self) -> StreamSummary {
        self.summary
    }

    /// Merges one event.
    pub fn add(&mut self, e: &SseEvent) {
        let s = &mut self.summary;
        s.events += 1;
        let dialect = self.dialect;
        if e.data.trim() == "[DONE]" {
            s.completed = true;
            return;
        }
        let Ok(v) = serde_json::from_str::<Value>(&e.data) else {
            return;
        };
        if e.name == "error"
            || v.get("error").is_some_and(|x| !x.is_null())
            || v.get("type").and_then(Value::as_str) == Some("error")
        {
            s.error = Some(e.data.clone());
            return;
        }
        match dialect {
            StreamDialect::OpenAiChat => {
                if let Some(choice) = v.pointer("/choices/0") {
                    if let Some(t) = choice.pointer("/delta/content").and_then(Value::as_str) {
                        s.text.push_str(t);
                    }
                    if let Some(r) = choice.pointer("/delta/refusal").and_then(Value::as_str) {
                        s.refusal.push_str(r);
                    }
                    if let Some(delta) = choice.get("delta") {
                        s.parts.chat_delta(delta);
                    }
                    // An empty reason (one-api writes `""` on every chunk it converts) is
                    // none, and does not erase one that came.
                    if let Some(r) = choice
                        .get("finish_reason")
                        .and_then(Value::as_str)
                        .filter(|r| !r.is_empty())
                    {
                        s.finish_reason = Some(r.to_string());
                    }
                }
                collect_usage(v.get("usage"), &mut s.usage);
            }
            StreamDialect::OpenAiResponses => {
                let kind = if e.name.is_empty() {
                    v.get("type").and_then(Value::as_str).unwrap_or("")
                } else {
                    e.name.as_str()
                };
                match kind {
                    "response.output_text.delta" => {
                        if let Some(t) = v.get("delta").and_then(Value::as_str) {
                            s.text.push_str(t);
                        }
                    }
                    "response.completed" => {
                        s.completed = true;
                        s.finish_reason = v
                            .pointer("/response/status")
                            .and_then(Value::as_str)
                            .map(str::to_string);
                        collect_usage(v.pointer("/response/usage"), &mut s.usage);
                    }
                    // Cut by the request's own `max_output_tokens`, an incomplete response
                    // is the answer (as a chat's `finish_reason: length`); cut by a filter,
                    // the provider withheld the rest; any other reason is a failure.
                    "response.incomplete" => {
                        let why = v
                            .pointer("/response/incomplete_details/reason")
                            .and_then(Value::as_str)
                            .unwrap_or("");
                        match why {
                            "max_output_tokens" => {
                                s.completed = true;
                                s.finish_reason = Some(why.to_string());
                                collect_usage(v.pointer("/response/usage"), &mut s.usage);
                            }
                            "content_filter" => {
                                s.completed = true;
                                s.finish_reason = Some(why.to_string());
                                s.withheld = Some(format!("incomplete_details.reason = {why}"));
                            }
                            _ => s.error = Some(e.data.clone()),
                        }
                    }
                    "response.failed" => {
                        s.error = Some(e.data.clone());
                    }
                    other => s.parts.responses_event(other, &v),
                }
            }
            StreamDialect::Claude => {
                let kind = if e.name.is_empty() {
                    v.get("type").and_then(Value::as_str).unwrap_or("")
                } else {
                    e.name.as_str()
                };
                match kind {
                    "content_block_delta" => {
                        if let Some(t) = v.pointer("/delta/text").and_then(Value::as_str) {
                            s.text.push_str(t);
                        }
                    }
                    "message_delta" => {
                        if let Some(r) = v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                            s.finish_reason = Some(r.to_string());
                        }
                        collect_usage(v.get("usage"), &mut s.usage);
                    }
                    "message_start" => collect_usage(v.pointer("/message/usage"), &mut s.usage),
                    "message_stop" => s.completed = true,
                    _ => {}
                }
                if matches!(kind, "content_block_start" | "content_block_delta") {
                    s.parts.claude_event(kind, &v);
                }
            }
            StreamDialect::Gemini => {
                if let Some(parts) = v.pointer("/candidates/0/content/parts").and_then(Value::as_array) {
                    for p in parts {
                        if s.parts.gemini_part(p) {
                            continue;
                        }
                        if let Some(t) = p.get("text").and_then(Value::as_str) {
                            s.text.push_str(t);
                        }
                    }
                }
                // A blocked prompt is the whole stream: no candidates, only the reason.
                if let Some(block) = v.pointer("/promptFeedback/blockReason").and_then(Value::as_str) {
                    s.withheld = Some(format!("promptFeedback.blockReason = {block}"));
                    s.completed = true;
                }
                if let Some(r) = v.pointer("/candidates/0/finishReason").and_then(Value::as_str) {
                    let nothing_said =
                        s.text.is_empty() && s.parts.reasoning.is_empty() && s.parts.tool_calls.is_empty();
                    if nothing_said && !matches!(r, "STOP" | "MAX_TOKENS") {
                        s.withheld = Some(format!("finishReason = {r}"));
                    }
                    s.finish_reason = Some(r.to_string());
                    s.completed = true;
                }
                collect_usage(v.get("usageMetadata"), &mut s.usage);
            }
        }
    }
}

/// Copies integer usage figures (`prompt_tokens`, `input_tokens`, `totalTokenCount` …).
pub fn collect_usage(usage: Option<&Value>, into: &mut Vec<(String, i64)>) {
    let Some(Value::Object(map)) = usage else {
        return;
    };
    for (k, v) in map {
        if let Some(n) = v.as_i64() {
            match into.iter_mut().find(|(name, _)| name == k) {
                Some(slot) => slot.1 = n,
                None => into.push((k.clone(), n)),
            }
        }
    }
}

/// How a stream ended after a 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEnd {
    /// The stream ended normally (`[DONE]`, `message_stop`, `response.completed`…).
    Completed,
    /// An `event: error` (or an error payload) arrived mid-stream.
    ErrorEvent {
        /// The error event's data.
        body: String,
    },
    /// The connection closed before the stream's end marker.
    EndedEarly,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAT: &str = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo 你好\"},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
    const CLAUDE: &str = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    const RESPONSES: &str = "event: response.output_text.delta\r\ndata: {\"delta\":\"Hey\"}\r\n\r\nevent: response.completed\r\ndata: {\"response\":{\"status\":\"completed\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\r\n\r\n";
    const GEMINI: &str = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Bon\"}]}}]}\n\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"jour\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"totalTokenCount\":9}}\n\n";

    /// Every stream, split at every byte offset, decodes to the same events.
    #[test]
    fn any_split_gives_the_same_events() {
        for text in [CHAT, CLAUDE, RESPONSES, GEMINI] {
            let whole = parse_all(text);
            for cut in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
                let mut p = SseParser::default();
                let mut events = p.push(&text[..cut]);
                events.extend(p.push(&text[cut..]));
                events.extend(p.finish());
                assert_eq!(events, whole, "cut at {cut}");
            }
        }
    }

    #[test]
    fn merges_each_dialect() {
        let table = [
            (StreamDialect::OpenAiChat, CHAT, "Hello 你好", Some("stop"), true, false),
            (StreamDialect::Claude, CLAUDE, "Hi", None, false, true),
            (
                StreamDialect::OpenAiResponses,
                RESPONSES,
                "Hey",
                Some("completed"),
                true,
                false,
            ),
            (StreamDialect::Gemini, GEMINI, "Bonjour", Some("STOP"), true, false),
        ];
        for (dialect, text, merged, finish, completed, error) in table {
            let s = summarize(dialect, &parse_all(text));
            assert_eq!(s.text, merged, "{dialect:?}");
            assert_eq!(s.finish_reason.as_deref(), finish, "{dialect:?}");
            assert_eq!(s.completed, completed, "{dialect:?}");
            assert_eq!(s.error.is_some(), error, "{dialect:?}");
        }
        let chat = summarize(StreamDialect::OpenAiChat, &parse_all(CHAT));
        assert_eq!(
            chat.usage,
            vec![("prompt_tokens".to_string(), 3), ("completion_tokens".to_string(), 2)]
        );
    }

    /// A bare JSON error after the last chunk (Gemini's 503 once output began) is the
    /// stream's error, not lost as unknown fields; other stray text still is.
    #[test]
    fn a_bare_json_block_is_an_event() {
        const TAIL: &str = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Ok\"}]},\"finishReason\":\"STOP\"}]}\n\n{\n  \"error\": {\n    \"code\": 503,\n    \"status\": \"UNAVAILABLE\"\n  }\n}\n";
        let events = parse_all(TAIL);
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[1].data,
            "{\n  \"error\": {\n    \"code\": 503,\n    \"status\": \"UNAVAILABLE\"\n  }\n}"
        );
        let s = summarize(StreamDialect::Gemini, &events);
        assert_eq!(s.text, "Ok");
        assert!(s.error.as_deref().is_some_and(|e| e.contains("UNAVAILABLE")));
        for cut in (0..=TAIL.len()).filter(|i| TAIL.is_char_boundary(*i)) {
            let mut p = SseParser::default();
            let mut split = p.push(&TAIL[..cut]);
            split.extend(p.push(&TAIL[cut..]));
            split.extend(p.finish());
            assert_eq!(split, events, "cut at {cut}");
        }
        // Unknown fields and stray words are ignored, as the SSE format says.
        assert_eq!(parse_all("foo: bar\nnot json\n\nid: 7\nretry: 10\n\n"), vec![]);
        assert_eq!(parse_all("foo: bar\ndata: x\n\n").len(), 1);
        // llama.cpp's `error:` field is an error event.
        let events = parse_all("error: {\"code\":400,\"message\":\"too long\"}\n\ndata: [DONE]\n\n");
        let s = summarize(StreamDialect::OpenAiChat, &events);
        assert!(s.error.as_deref().is_some_and(|e| e.contains("too long")));
    }

    /// Gemini's blocked prompt is a whole stream of one event: it ends there, and says why
    /// nothing came; a safety finish before any text says so too, one after text does not.
    #[test]
    fn gemini_says_why_it_withheld() {
        let blocked = "data: {\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"totalTokenCount\":9}}\r\n\r\n";
        let s = summarize(StreamDialect::Gemini, &parse_all(blocked));
        assert!(s.completed);
        assert_eq!(
            s.withheld.as_deref(),
            Some("promptFeedback.blockReason = PROHIBITED_CONTENT")
        );
        let safety = "data: {\"candidates\":[{\"finishReason\":\"SAFETY\"}]}\n\n";
        let s = summarize(StreamDialect::Gemini, &parse_all(safety));
        assert_eq!(s.withheld.as_deref(), Some("finishReason = SAFETY"));
        let after_text = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\n\ndata: {\"candidates\":[{\"finishReason\":\"SAFETY\"}]}\n\n";
        assert_eq!(summarize(StreamDialect::Gemini, &parse_all(after_text)).withheld, None);
        assert_eq!(summarize(StreamDialect::Gemini, &parse_all(GEMINI)).withheld, None);
    }

    #[test]
    fn comments_and_multiline_data() {
        let events = parse_all(": keep-alive\n\ndata: a\ndata: b\n\n");
        assert_eq!(
            events,
            vec![SseEvent {
                name: String::new(),
                data: "a\nb".into()
            }]
        );
    }
}
