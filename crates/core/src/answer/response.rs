//! Reading a successful answer for what a person wants to see: the assistant's text, the
//! usage, the models of a list, images, a task's status.

use serde_json::Value;

use crate::answer::envelope::{could_be_whole_json, midjourney_accepted};
use crate::answer::parts::{Parts, ToolCall};
use crate::answer::sse::StreamEnd;
use crate::answer::sse::{collect_usage, parse_all, summarize, StreamDialect, StreamSummary};
use crate::request::protocol::Protocol;

pub use crate::answer::shape::{answer_shape, AnswerShape};

/// An image found in an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageOut {
    /// A URL or a `data:` URI to show and download.
    pub src: String,
    /// Where in the answer it was (`data[0].url`, `predictions[1]`…).
    pub origin: String,
}

impl ImageOut {
    /// Whether this result is a video (a `video_url`, or an address ending in a video
    /// file name), to be shown in a player rather than as an image.
    pub fn is_video(&self) -> bool {
        let path = self.src.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
        self.origin == "video_url" || [".mp4", ".webm", ".mov", ".m4v"].iter().any(|ext| path.ends_with(ext))
    }
}

/// A task's status, normalised across vendors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    /// Waiting to start.
    Queued,
    /// Running.
    Running,
    /// Finished with a result.
    Succeeded,
    /// Finished without one.
    Failed,
}

impl TaskState {
    /// The id used for styling and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Queued => "queued",
            TaskState::Running => "running",
            TaskState::Succeeded => "succeeded",
            TaskState::Failed => "failed",
        }
    }

    /// Whether the task has ended (with or without a result): nothing more will change.
    pub fn is_terminal(self) -> bool {
        matches!(self, TaskState::Succeeded | TaskState::Failed)
    }

    /// Reads a vendor's status word (`WAIT`, `in_progress`, `SUCCESS`, `completed`…).
    pub fn from_vendor(word: &str) -> Option<TaskState> {
        let w = word.trim().to_ascii_lowercase();
        Some(match w.as_str() {
            "wait" | "queued" | "pending" | "submitted" | "not_start" | "created" => TaskState::Queued,
            "run" | "running" | "in_progress" | "processing" | "generating" => TaskState::Running,
            "done" | "success" | "succeeded" | "completed" | "complete" | "finished" => TaskState::Succeeded,
            "fail" | "failed" | "failure" | "error" | "cancelled" | "canceled" | "expired" => TaskState::Failed,
            _ => return None,
        })
    }
}

/// What the answer shows beyond its raw text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The assistant's text.
    pub text: Option<String>,
    /// Finish / stop reason.
    pub finish_reason: Option<String>,
    /// Token usage figures.
    pub usage: Vec<(String, i64)>,
    /// Model ids of a model list.
    pub models: Vec<String>,
    /// Images to show.
    pub images: Vec<ImageOut>,
    /// A task id to query with (`task_id`, `job_id`).
    pub task_id: Option<String>,
    /// A task's normalised status and the vendor's word for it.
    pub task_state: Option<(TaskState, String)>,
    /// Number of stream events, when the answer was a stream.
    pub stream_events: Option<usize>,
    /// Whether a stream reached its end marker.
    pub stream_completed: Option<bool>,
    /// The model's reasoning (or its summary), shown apart from the text.
    pub reasoning: Option<String>,
    /// Tool calls the model asked for.
    pub tool_calls: Vec<ToolCall>,
}

impl Rendered {
    /// What a merged stream shows.
    pub fn of_stream(s: StreamSummary) -> Rendered {
        let Parts {
            reasoning, tool_calls, ..
        } = s.parts;
        Rendered {
            reasoning: (!reasoning.is_empty()).then_some(reasoning),
            tool_calls,
            text: (!s.text.is_empty()).then_some(s.text),
            finish_reason: s.finish_reason,
            usage: s.usage,
            stream_events: Some(s.events),
            stream_completed: Some(s.completed),
            ..Rendered::default()
        }
    }

    /// Passes every text this rendering shows through `mask` (a server may echo the key
    /// anywhere: in the text, a model id, an image URL, a task id, a usage name).
    pub fn mask_with(&mut self, mask: impl Fn(&mut String)) {
        let texts = self
            .text
            .iter_mut()
            .chain(self.finish_reason.iter_mut())
            .chain(self.usage.iter_mut().map(|(name, _)| name))
            .chain(self.models.iter_mut())
            .chain(self.images.iter_mut().flat_map(|i| [&mut i.src, &mut i.origin]))
            .chain(self.task_id.iter_mut())
            .chain(self.task_state.iter_mut().map(|(_, word)| word))
            .chain(self.reasoning.iter_mut())
            .chain(
                self.tool_calls
                    .iter_mut()
                    .flat_map(|c| [&mut c.id, &mut c.name, &mut c.arguments]),
            );
        for text in texts {
            mask(text);
        }
    }
}

/// Whether an image address is one the page may show and link to: `https:`, `http:` or a
/// `data:image/…` URI. Anything else (`javascript:`, `data:text/html`, `file:`) is not.
pub fn is_showable_image_src(src: &str) -> bool {
    let head: String = src.trim_start().chars().take(11).flat_map(char::to_lowercase).collect();
    head.starts_with("https://") || head.starts_with("http://") || head.starts_with("data:image/")
}

/// Whether a content type is an event stream.
pub fn is_event_stream(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|c| c.to_ascii_lowercase().contains("text/event-stream"))
}

/// The charset a `Content-Type` names when it is not UTF-8 (`text/html; charset=GBK` →
/// `gbk`), lower-cased and unquoted; `None` for UTF-8, ASCII (a subset) or no charset.
pub fn legacy_charset(content_type: Option<&str>) -> Option<String> {
    let label = content_type?
        .split(';')
        .skip(1)
        .filter_map(|param| param.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))?
        .1
        .trim()
        .trim_matches('"')
        .to_ascii_lowercase();
    let utf8 = ["", "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii"];
    (!utf8.contains(&label.as_str())).then_some(label)
}

/// The charset a whole body must be decoded from before it is read, when it is not UTF-8:
/// a UTF-16 byte order mark says so outright (and outranks the header, as in browsers),
/// else the charset its `Content-Type` names. A body whose bytes are valid UTF-8 is decoded
/// only from a charset in which ASCII text is spelled differently (UTF-16, ISO-2022-JP):
/// under any other label it reads the same when it is ASCII, and non-ASCII UTF-8 under,
/// say, `charset=iso-8859-1` is far likelier a mislabel than Latin-1.
pub fn body_charset(content_type: Option<&str>, bytes: &[u8], valid_utf8: bool) -> Option<String> {
    let label = match bytes {
        [0xFF, 0xFE, ..] => "utf-16le".to_string(),
        [0xFE, 0xFF, ..] => "utf-16be".to_string(),
        [0xEF, 0xBB, 0xBF, ..] => return None,
        _ => legacy_charset(content_type)?,
    };
    (!valid_utf8 || spells_ascii_differently(&label)).then_some(label)
}

/// Whether a charset label (WHATWG's names for it) is one whose ASCII differs from UTF-8's.
fn spells_ascii_differently(label: &str) -> bool {
    const LABELS: [&str; 11] = [
        "utf-16",
        "utf-16le",
        "utf-16be",
        "unicode",
        "unicodefeff",
        "unicodefffe",
        "csunicode",
        "ucs-2",
        "iso-10646-ucs-2",
        "iso-2022-jp",
        "csiso2022jp",
    ];
    LABELS.contains(&label)
}

/// The stream dialect of a protocol, if it streams.
pub fn dialect(protocol: Protocol) -> Option<StreamDialect> {
    match protocol {
        Protocol::OpenAiChat => Some(StreamDialect::OpenAiChat),
        Protocol::OpenAiResponses => Some(StreamDialect::OpenAiResponses),
        Protocol::ClaudeMessages => Some(StreamDialect::Claude),
        Protocol::GeminiNative => Some(StreamDialect::Gemini),
        _ => None,
    }
}

/// How a streamed answer ended, for the diagnosis: `None` when it was not a stream (an early
/// failure with `stream: true` comes back as plain JSON with a non-2xx status).
pub fn stream_end(protocol: Protocol, content_type: Option<&str>, status: u16, body: &str) -> Option<StreamEnd> {
    if !is_event_stream(content_type) || status >= 300 {
        return None;
    }
    let s = summarize(dialect(protocol)?, &parse_all(body));
    Some(match (s.error, s.completed) {
        (Some(body), _) => StreamEnd::ErrorEvent { body },
        (None, true) => StreamEnd::Completed,
        (None, false) => StreamEnd::EndedEarly,
    })
}

/// Reads an answer body.
pub fn render(protocol: Protocol, content_type: Option<&str>, body: &str) -> Rendered {
    if is_event_stream(content_type)
        || body.trim_start().starts_with("data:")
        || body.trim_start().starts_with("event:")
    {
        if let Some(d) = dialect(protocol) {
            return Rendered::of_stream(summarize(d, &parse_all(body)));
        }
    }
    // A body cut short (the byte cap, a timeout) cannot parse: say so in O(1).
    if !could_be_whole_json(body) {
        return Rendered::default();
    }
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return Rendered::default();
    };
    let mut r = Rendered::default();
    let mut parts = Parts::default();
    match protocol {
        Protocol::OpenAiChat => {
            if let Some(message) = v.pointer("/choices/0/message") {
                parts.chat_message(message);
            }
            r.text = v
                .pointer("/choices/0/message/content")
                .and_then(Value::as_str)
                .map(str::to_string);
            r.finish_reason = v
                .pointer("/choices/0/finish_reason")
                .and_then(Value::as_str)
                .map(str::to_string);
            collect_usage(v.get("usage"), &mut r.usage);
        }
        Protocol::OpenAiResponses => {
            let mut text = String::new();
            for item in v.get("output").and_then(Value::as_array).into_iter().flatten() {
                for c in item.get("content").and_then(Value::as_array).into_iter().flatten() {
                    if let Some(t) = c.get("text").and_then(Value::as_str) {
                        text.push_str(t);
                    }
                }
            }
            if let Some(output) = v.get("output") {
                parts.responses_output(output);
            }
            r.text = (!text.is_empty()).then_some(text);
            r.finish_reason = v.get("status").and_then(Value::as_str).map(str::to_string);
            collect_usage(v.get("usage"), &mut r.usage);
        }
        Protocol::ClaudeMessages => {
            if let Some(content) = v.get("content") {
                parts.claude_content(content);
            }
            let text: String = v
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter(|c| c.get("type").and_then(Value::as_str).is_none_or(|t| t == "text"))
                .filter_map(|c| c.get("text").and_then(Value::as_str))
                .collect();
            r.text = (!text.is_empty()).then_some(text);
            r.finish_reason = v.get("stop_reason").and_then(Value::as_str).map(str::to_string);
            collect_usage(v.get("usage"), &mut r.usage);
        }
        Protocol::GeminiNative => {
            let mut text = String::new();
            let gemini_parts = v.pointer("/candidates/0/content/parts").and_then(Value::as_array);
            for (i, p) in gemini_parts.into_iter().flatten().enumerate() {
                if parts.gemini_part(p) {
                    continue;
                }
                if let Some(t) = p.get("text").and_then(Value::as_str) {
                    text.push_str(t);
                }
                let inline = p.get("inlineData").or_else(|| p.get("inline_data"));
                if let Some(d) = inline {
                    let mime = d
                        .get("mimeType")
                        .or_else(|| d.get("mime_type"))
                        .and_then(Value::as_str)
                        .unwrap_or("image/png");
                    if let Some(data) = d.get("data").and_then(Value::as_str) {
                        r.images.push(ImageOut {
                            src: format!("data:{mime};base64,{data}"),
                            origin: format!("candidates[0].content.parts[{i}]"),
                        });
                    }
                }
            }
            r.text = (!text.is_empty()).then_some(text);
            r.finish_reason = v
                .pointer("/candidates/0/finishReason")
                .and_then(Value::as_str)
                .map(str::to_string);
            collect_usage(v.get("usageMetadata"), &mut r.usage);
        }
        Protocol::Imagen => {
            for (i, p) in v
                .get("predictions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(b) = p.get("bytesBase64Encoded").and_then(Value::as_str) {
                    let mime = p.get("mimeType").and_then(Value::as_str).unwrap_or("image/png");
                    r.images.push(ImageOut {
                        src: format!("data:{mime};base64,{b}"),
                        origin: format!("predictions[{i}]"),
                    });
                }
            }
        }
        Protocol::OpenAiImages => collect_openai_images(&v, &mut r.images),
        Protocol::OpenAiModels | Protocol::GeminiModels => r.models = model_ids_in(&v),
        Protocol::AsyncTask | Protocol::VideoTask => {
            let data = v.get("data").filter(|d| d.is_object()).unwrap_or(&v);
            r.task_id = ["task_id", "job_id", "id"]
                .iter()
                .find_map(|k| data.get(*k).or_else(|| v.get(*k)))
                .and_then(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.as_i64().map(|n| n.to_string()))
                });
            // midjourney-proxy answers a submit with `{"code": 1, "description": "提交成功",
            // "result": "<task id>"}` (21: already there, 22: queued): the id is `result`.
            if r.task_id.is_none() && v.get("code").and_then(Value::as_i64).is_some_and(midjourney_accepted) {
                r.task_id = v.get("result").and_then(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .or_else(|| x.as_i64().map(|n| n.to_string()))
                });
            }
            // (Kling names it `task_status`.)
            let status = data.get("status").or_else(|| data.get("task_status"));
            if let Some(word) = status.and_then(Value::as_str) {
                if let Some(state) = TaskState::from_vendor(word) {
                    r.task_state = Some((state, word.to_string()));
                }
            }
            for key in ["url", "video_url"] {
                if let Some(u) = data.get(key).and_then(Value::as_str) {
                    r.images.push(ImageOut {
                        src: u.to_string(),
                        origin: key.to_string(),
                    });
                }
            }
            for (i, u) in data
                .get("images")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(u) = u.as_str() {
                    r.images.push(ImageOut {
                        src: u.to_string(),
                        origin: format!("images[{i}]"),
                    });
                }
            }
        }
        Protocol::SelfService => {}
    }
    r.reasoning = (!parts.reasoning.is_empty()).then_some(parts.reasoning);
    r.tool_calls = parts.tool_calls;
    // Only what an <img> may show and a download link may open: a `javascript:` or
    // `data:text/html` "image" from a hostile answer stays in the body, as text.
    r.images.retain(|i| is_showable_image_src(&i.src));
    r
}

fn collect_openai_images(v: &Value, into: &mut Vec<ImageOut>) {
    for (i, d) in v
        .get("data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(u) = d.get("url").and_then(Value::as_str) {
            into.push(ImageOut {
                src: u.to_string(),
                origin: format!("data[{i}].url"),
            });
        } else if let Some(b) = d.get("b64_json").and_then(Value::as_str) {
            into.push(ImageOut {
                src: format!("data:image/png;base64,{b}"),
                origin: format!("data[{i}].b64_json"),
            });
        }
    }
}

/// The model ids of an OpenAI list (`data[].id`) or a Gemini list (`models[].name`, the
/// `models/` prefix removed as clients use the bare id).
pub fn model_ids(body: &str) -> Vec<String> {
    serde_json::from_str::<Value>(body).map_or_else(|_| Vec::new(), |v| model_ids_in(&v))
}

/// The model ids of an already parsed list (a body of 100,000 ids is parsed once).
fn model_ids_in(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for m in v.get("data").and_then(Value::as_array).into_iter().flatten() {
        if let Some(id) = m.get("id").and_then(Value::as_str) {
            ids.push(id.to_string());
        }
    }
    for m in v.get("models").and_then(Value::as_array).into_iter().flatten() {
        if let Some(name) = m.get("name").and_then(Value::as_str) {
            ids.push(name.strip_prefix("models/").unwrap_or(name).to_string());
        }
    }
    ids.dedup();
    ids
}

/// A byte count as people read it (kept here for the page's imports).
pub use crate::text::size::human_size;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_each_protocol() {
        let chat = r#"{"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#;
        let r = render(Protocol::OpenAiChat, Some("application/json"), chat);
        assert_eq!(r.text.as_deref(), Some("Hi"));
        assert_eq!(r.finish_reason.as_deref(), Some("stop"));
        assert_eq!(r.usage.len(), 3);

        let claude = r#"{"content":[{"type":"text","text":"A"},{"type":"text","text":"B"}],"stop_reason":"end_turn"}"#;
        assert_eq!(
            render(Protocol::ClaudeMessages, None, claude).text.as_deref(),
            Some("AB")
        );

        let responses =
            r#"{"status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"R"}]}]}"#;
        assert_eq!(
            render(Protocol::OpenAiResponses, None, responses).text.as_deref(),
            Some("R")
        );

        let gemini = r#"{"candidates":[{"content":{"parts":[{"text":"G"},{"inlineData":{"mimeType":"image/png","data":"AAA"}}]},"finishReason":"STOP"}]}"#;
        let g = render(Protocol::GeminiNative, None, gemini);
        assert_eq!(g.text.as_deref(), Some("G"));
        assert_eq!(g.images[0].src, "data:image/png;base64,AAA");

        let imagen = r#"{"predictions":[{"bytesBase64Encoded":"QQ","mimeType":"image/jpeg"}]}"#;
        assert_eq!(
            render(Protocol::Imagen, None, imagen).images[0].src,
            "data:image/jpeg;base64,QQ"
        );

        let hostile = r#"{"data":[{"url":"javascript:alert(1)"},{"url":" JavaScript:x"},{"url":"data:text/html,<script>1</script>"},{"url":"HTTPS://x/2.png"}]}"#;
        let shown: Vec<String> = render(Protocol::OpenAiImages, Some("application/json"), hostile)
            .images
            .into_iter()
            .map(|i| i.src)
            .collect();
        assert_eq!(shown, ["HTTPS://x/2.png"], "only showable addresses become images");
        let images = r#"{"data":[{"url":"https://x/1.png"},{"b64_json":"Qg"}]}"#;
        let i = render(Protocol::OpenAiImages, None, images);
        assert_eq!(i.images.len(), 2);
        assert_eq!(i.images[1].origin, "data[1].b64_json");
    }

    #[test]
    fn reads_model_lists_of_both_shapes() {
        assert_eq!(
            model_ids(r#"{"object":"list","data":[{"id":"gpt-5.4"},{"id":"claude-sonnet-4-6"}]}"#),
            vec!["gpt-5.4", "claude-sonnet-4-6"]
        );
        assert_eq!(
            model_ids(r#"{"models":[{"name":"models/gemini-2.5-flash"},{"name":"imagen-4.0-generate-001"}]}"#),
            vec!["gemini-2.5-flash", "imagen-4.0-generate-001"]
        );
        assert!(model_ids("<html>").is_empty());
    }

    #[test]
    fn reads_tasks_of_several_vendors() {
        let submit = r#"{"request_id":"r1","job_id":"job-9"}"#;
        assert_eq!(
            render(Protocol::AsyncTask, None, submit).task_id.as_deref(),
            Some("job-9")
        );
        let query = r#"{"code":"success","data":{"job_id":"job-9","status":"RUN"}}"#;
        assert_eq!(
            render(Protocol::AsyncTask, None, query).task_state,
            Some((TaskState::Running, "RUN".into()))
        );
        // midjourney-proxy's submit: the task id is `result`, for code 1 (submitted) and 22 (queued).
        for code in [1, 22] {
            let submit =
                format!(r#"{{"code":{code},"description":"提交成功","result":"1320098173412546","properties":{{}}}}"#);
            assert_eq!(
                render(Protocol::AsyncTask, None, &submit).task_id.as_deref(),
                Some("1320098173412546")
            );
        }
        let refused = r#"{"code":4,"description":"参数错误","result":null}"#;
        assert_eq!(render(Protocol::AsyncTask, None, refused).task_id, None);
        let video = r#"{"task_id":"t1","status":"completed","progress":100,"url":"https://v/1.mp4"}"#;
        let v = render(Protocol::VideoTask, None, video);
        assert_eq!(v.task_state.map(|s| s.0), Some(TaskState::Succeeded));
        assert_eq!(v.task_id.as_deref(), Some("t1"));
        assert!(v.images[0].is_video(), "a .mp4 result is a video");
        let still = r#"{"task_id":"t2","status":"completed","url":"https://v/1.png?sig=a.mp4x"}"#;
        assert!(!render(Protocol::VideoTask, None, still).images[0].is_video());
    }

    #[test]
    fn streams_are_merged() {
        let body = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n";
        let r = render(Protocol::OpenAiChat, Some("text/event-stream; charset=utf-8"), body);
        assert_eq!(r.text.as_deref(), Some("Hi"));
        assert_eq!(r.stream_completed, Some(true));
    }

    #[test]
    fn stream_endings() {
        let sse = Some("text/event-stream");
        let done = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n";
        let cut = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n";
        let error = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}\n\n";
        assert_eq!(
            stream_end(Protocol::OpenAiChat, sse, 200, done),
            Some(StreamEnd::Completed)
        );
        assert_eq!(
            stream_end(Protocol::OpenAiChat, sse, 200, cut),
            Some(StreamEnd::EndedEarly)
        );
        assert!(matches!(
            stream_end(Protocol::ClaudeMessages, sse, 200, error),
            Some(StreamEnd::ErrorEvent { .. })
        ));
        assert_eq!(
            stream_end(Protocol::OpenAiChat, Some("application/json"), 503, "{}"),
            None
        );
        assert_eq!(stream_end(Protocol::Imagen, sse, 200, done), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(10), "10 B");
        assert_eq!(human_size(2048), "2.0 KB");
    }

    #[test]
    fn a_body_is_decoded_when_its_bytes_or_its_label_say_it_is_not_utf8() {
        let utf16 = b"{\0\"\0e\0\"\0}\0";
        // Content type, bytes, whether they are valid UTF-8, the charset to decode from.
        type Case<'a> = (Option<&'a str>, &'a [u8], bool, Option<&'a str>);
        let cases: [Case; 9] = [
            // Invalid UTF-8: any named charset is tried.
            (Some("text/html; charset=gbk"), b"\xB4\xED", false, Some("gbk")),
            (Some("text/html"), b"\xB4\xED", false, None),
            // Valid UTF-8 under an ASCII-compatible label stays UTF-8.
            (Some("text/plain; charset=iso-8859-1"), "é".as_bytes(), true, None),
            (Some("application/json; charset=gbk"), b"{}", true, None),
            // UTF-16 text that happens to be valid UTF-8 (ASCII with NULs) is decoded.
            (
                Some("application/json; charset=UTF-16LE"),
                utf16,
                true,
                Some("utf-16le"),
            ),
            (Some("application/json; charset=utf-16"), utf16, true, Some("utf-16")),
            // A byte order mark says it even without a label, and outranks one.
            (None, b"\xFF\xFE{\0}\0", false, Some("utf-16le")),
            (
                Some("text/plain; charset=utf-8"),
                b"\xFE\xFF\0{\0}",
                false,
                Some("utf-16be"),
            ),
            (Some("text/plain; charset=gbk"), "\u{FEFF}ok".as_bytes(), true, None),
        ];
        for (content_type, bytes, valid_utf8, expected) in cases {
            assert_eq!(
                body_charset(content_type, bytes, valid_utf8).as_deref(),
                expected,
                "{content_type:?} {bytes:?}"
            );
        }
    }

    #[test]
    fn a_legacy_charset_is_named_only_when_it_is_not_utf8() {
        let cases = [
            (Some("text/html; charset=GBK"), Some("gbk")),
            (Some("text/plain;charset=\"Shift_JIS\""), Some("shift_jis")),
            (Some("application/json; charset=utf-8"), None),
            (Some("application/json; charset=UTF8"), None),
            (Some("text/html"), None),
            (Some("text/html; boundary=x"), None),
            (None, None),
        ];
        for (content_type, expected) in cases {
            assert_eq!(legacy_charset(content_type).as_deref(), expected, "{content_type:?}");
        }
    }
}
