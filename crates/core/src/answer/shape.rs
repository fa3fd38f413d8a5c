//! Whether a 2xx body is the endpoint's answer: the protocol's answer, a withheld one, a
//! failed task, an answer reporting its own failure, or something else. The diagnosis reads
//! a success only through this.

use serde_json::Value;

use crate::answer::envelope::could_be_whole_json;
use crate::answer::response::{dialect, is_event_stream, render, TaskState};
use crate::answer::sse::{parse_all, SseEvent, StreamDialect, StreamMerger};
use crate::request::protocol::Protocol;
use crate::text::lang::Lang;

/// Whether a 2xx body is the endpoint's answer, as its protocol shapes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerShape {
    /// The protocol's answer (chat choices, Claude content, Gemini candidates, image data,
    /// a model list, a task's state, self-service data).
    Answer,
    /// The provider answered but withheld the content, with its stated reason
    /// (Gemini's `promptFeedback.blockReason`, a `finishReason` of SAFETY with no content).
    Withheld(String),
    /// An async task that ended without a result, with the task's own word and reason.
    TaskFailed(String),
    /// Something else came back: what it was.
    NotAnAnswer(Unanswered),
    /// An answer that reports its own failure inside (a choice ending in `error`).
    ErrorInside(String),
    /// A chat stream that reached its end marker without any choice saying why it stopped
    /// (no `finish_reason`): a gateway may have dropped the provider's error and closed it
    /// as if finished, so the text may be cut short.
    Unfinished(String),
}

/// What came back on a 2xx instead of the endpoint's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    /// Nothing at all.
    EmptyBody,
    /// A stream that carried neither content nor usage.
    EmptyStream,
    /// A page of HTML.
    HtmlPage,
    /// Text that does not parse as JSON.
    NotJson,
    /// Gemini's answer without candidates.
    NoCandidates,
    /// Gemini's candidate without content.
    EmptyCandidate,
    /// A task answer with neither a task id nor a state.
    NoTaskState,
    /// JSON, but not this endpoint's answer.
    OtherShape,
}

impl Unanswered {
    /// What came back, in a few words of the language asked for.
    pub fn words(self, lang: Lang) -> &'static str {
        use Unanswered::*;
        match self {
            EmptyBody => lang.pick("an empty body", "空响应体"),
            EmptyStream => lang.pick("a stream with no content", "没有内容的流"),
            HtmlPage => lang.pick("an HTML page", "一个 HTML 页面"),
            NotJson => lang.pick("text that is not JSON", "不是 JSON 的文本"),
            NoCandidates => lang.pick("no candidates", "没有候选结果（candidates）"),
            EmptyCandidate => lang.pick("a candidate with no content", "候选结果没有内容"),
            NoTaskState => lang.pick("no task id or state", "没有任务 ID 或任务状态"),
            OtherShape => lang.pick(
                "JSON in another shape than this endpoint's answer",
                "JSON，但不是该接口的应答格式",
            ),
        }
    }
}

/// Reads whether a 2xx body is an answer. Streams count when they carried content or usage.
pub fn answer_shape(protocol: Protocol, content_type: Option<&str>, body: &str) -> AnswerShape {
    if body.trim().is_empty() {
        return AnswerShape::NotAnAnswer(Unanswered::EmptyBody);
    }
    let streamed = is_event_stream(content_type)
        || body.trim_start().starts_with("data:")
        || body.trim_start().starts_with("event:");
    if let Some(d) = dialect(protocol).filter(|_| streamed) {
        // Merged only until the first event that carries something: a long stream is
        // usually decided by its first content event, not read to its end again.
        let events = parse_all(body);
        let mut merger = StreamMerger::new(d);
        let carried = events.iter().any(|e| {
            merger.add(e);
            let s = merger.summary();
            !s.text.is_empty() || !s.usage.is_empty() || s.finish_reason.is_some()
        });
        if let Some(why) = &merger.summary().withheld {
            return AnswerShape::Withheld(why.clone());
        }
        if !carried {
            return AnswerShape::NotAnAnswer(Unanswered::EmptyStream);
        }
        return how_it_ended(d, &events).unwrap_or(AnswerShape::Answer);
    }
    let parsed = could_be_whole_json(body)
        .then(|| serde_json::from_str::<Value>(body).ok())
        .flatten();
    let Some(v) = parsed else {
        return AnswerShape::NotAnAnswer(if body.trim_start().starts_with('<') {
            Unanswered::HtmlPage
        } else {
            Unanswered::NotJson
        });
    };
    let has = |key: &str| v.get(key).is_some_and(|x| !x.is_null());
    let array = |key: &str| v.get(key).and_then(Value::as_array);
    let nonempty = |key: &str| array(key).is_some_and(|a| !a.is_empty());
    let word = |x: Option<&Value>| x.and_then(Value::as_str).unwrap_or("").to_string();
    match protocol {
        Protocol::OpenAiChat if nonempty("choices") => {
            let first = v.pointer("/choices/0");
            let failed = first.and_then(|c| c.get("finish_reason")).and_then(Value::as_str) == Some("error")
                || first.and_then(|c| c.get("error")).is_some_and(Value::is_object);
            if failed {
                let message = word(v.pointer("/choices/0/error/message"));
                AnswerShape::ErrorInside(if message.is_empty() {
                    "finish_reason = error".into()
                } else {
                    message
                })
            } else {
                AnswerShape::Answer
            }
        }
        Protocol::OpenAiResponses if has("output") || v.get("object").and_then(Value::as_str) == Some("response") => {
            AnswerShape::Answer
        }
        Protocol::ClaudeMessages if has("content") || v.get("type").and_then(Value::as_str) == Some("message") => {
            AnswerShape::Answer
        }
        Protocol::GeminiNative => {
            let block = word(v.pointer("/promptFeedback/blockReason"));
            if !block.is_empty() {
                return AnswerShape::Withheld(format!("promptFeedback.blockReason = {block}"));
            }
            let Some(first) = array("candidates").and_then(|c| c.first()) else {
                return AnswerShape::NotAnAnswer(Unanswered::NoCandidates);
            };
            let parts = first
                .pointer("/content/parts")
                .and_then(Value::as_array)
                .is_some_and(|p| !p.is_empty());
            let finish = word(first.get("finishReason"));
            if parts {
                AnswerShape::Answer
            } else if !finish.is_empty() && finish != "STOP" && finish != "MAX_TOKENS" {
                AnswerShape::Withheld(format!("finishReason = {finish}, no content"))
            } else {
                AnswerShape::NotAnAnswer(Unanswered::EmptyCandidate)
            }
        }
        Protocol::Imagen if nonempty("predictions") => AnswerShape::Answer,
        Protocol::Imagen if array("predictions").is_some() || v.as_object().is_some_and(|o| o.is_empty()) => {
            AnswerShape::Withheld("no images came back (all filtered)".into())
        }
        // An image answer with no images (a fallback that swallowed the error, a filter):
        // the call did not give what it asked for.
        Protocol::OpenAiImages if array("data").is_some_and(|d| d.is_empty()) => {
            AnswerShape::Withheld("no images came back (data is empty)".into())
        }
        Protocol::OpenAiImages if array("data").is_some() => AnswerShape::Answer,
        Protocol::OpenAiModels if array("data").is_some() || has("id") => AnswerShape::Answer,
        Protocol::GeminiModels if array("models").is_some() || array("data").is_some() => AnswerShape::Answer,
        Protocol::AsyncTask | Protocol::VideoTask => {
            let r = render(protocol, content_type, body);
            match r.task_state {
                Some((TaskState::Failed, vendor_word)) => {
                    let reason = [
                        "/fail_reason",
                        "/data/fail_reason",
                        "/failReason",
                        "/data/task_status_msg",
                        "/error/message",
                        "/message",
                        "/data/message",
                        "/reason",
                    ]
                    .iter()
                    .map(|p| word(v.pointer(p)))
                    .find(|s| !s.is_empty())
                    .unwrap_or_default();
                    AnswerShape::TaskFailed(if reason.is_empty() {
                        vendor_word
                    } else {
                        format!("{vendor_word}: {reason}")
                    })
                }
                Some(_) => AnswerShape::Answer,
                None if r.task_id.is_some() || !r.images.is_empty() => AnswerShape::Answer,
                None => AnswerShape::NotAnAnswer(Unanswered::NoTaskState),
            }
        }
        Protocol::SelfService if v.get("success").and_then(Value::as_bool) == Some(true) || has("data") => {
            AnswerShape::Answer
        }
        _ => AnswerShape::NotAnAnswer(Unanswered::OtherShape),
    }
}

/// How many of a stream's last events are read for how it ended: the finish reason comes
/// in the last content event or just after it (then usage and the end marker).
const TAIL_EVENTS: usize = 8;

/// Why a stream that carried content did not carry the whole answer, or `None` when it
/// ended as an answer ends. A filter or the model's refusal cut it (a chat's
/// `finish_reason: content_filter` or `delta.refusal`, Claude's `stop_reason: refusal`,
/// Gemini's SAFETY, RECITATION and the like, a Responses answer incomplete for its
/// filter): withheld. A chat choice that finished with an error's name (Portkey's
/// `overloaded_error`): the error inside. A chat stream that reached `[DONE]` with no
/// finish reason at all: unfinished. Read from the last events only, so a long stream is
/// not merged again.
fn how_it_ended(dialect: StreamDialect, events: &[SseEvent]) -> Option<AnswerShape> {
    let tail = &events[events.len().saturating_sub(TAIL_EVENTS)..];
    let mut merger = StreamMerger::new(dialect);
    for e in tail {
        merger.add(e);
    }
    let summary = merger.into_summary();
    if let Some(why) = summary.withheld {
        return Some(AnswerShape::Withheld(format!("{why}, after part of the answer")));
    }
    let finish = summary.finish_reason.as_deref().unwrap_or("");
    if dialect == StreamDialect::OpenAiChat && summary.refusal.is_empty() {
        if finish == "error" || finish.ends_with("_error") {
            return Some(AnswerShape::ErrorInside(format!("finish_reason = {finish}")));
        }
        if finish.is_empty() && summary.completed {
            return Some(AnswerShape::Unfinished(
                "[DONE] came, but no choice gave a finish_reason".to_string(),
            ));
        }
    }
    let cut = match dialect {
        StreamDialect::OpenAiChat if !summary.refusal.is_empty() => {
            Some("delta.refusal: the model refused".to_string())
        }
        StreamDialect::OpenAiChat if finish == "content_filter" => Some(format!("finish_reason = {finish}")),
        StreamDialect::Claude if finish == "refusal" => Some(format!("stop_reason = {finish}")),
        StreamDialect::Gemini
            if !finish.is_empty() && !matches!(finish, "STOP" | "MAX_TOKENS" | "FINISH_REASON_UNSPECIFIED") =>
        {
            Some(format!("finishReason = {finish}"))
        }
        _ => None,
    };
    cut.map(|why| AnswerShape::Withheld(format!("{why}, after part of the answer")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_cut_by_a_filter_or_a_refusal_is_withheld_and_one_cut_by_its_own_limit_is_an_answer() {
        use AnswerShape::*;
        let sse = Some("text/event-stream");
        type Row = (Protocol, &'static str, Option<&'static str>);
        let table: [Row; 8] = [
            (
                Protocol::OpenAiChat,
                "data: {\"choices\":[{\"delta\":{\"content\":\"Part\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"content_filter\"}]}\n\ndata: [DONE]\n\n",
                Some("content_filter"),
            ),
            (
                Protocol::OpenAiChat,
                "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"refusal\":\"I can't\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
                Some("refusal"),
            ),
            (
                Protocol::OpenAiChat,
                "data: {\"choices\":[{\"delta\":{\"content\":\"Long\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n",
                None,
            ),
            (
                Protocol::ClaudeMessages,
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"I\"}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
                Some("refusal"),
            ),
            (
                Protocol::GeminiNative,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Once\"}]}}]}\n\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"RECITATION\"}]}\n\n",
                Some("RECITATION"),
            ),
            (
                Protocol::GeminiNative,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Done\"}]},\"finishReason\":\"MAX_TOKENS\"}]}\n\n",
                None,
            ),
            (
                Protocol::OpenAiResponses,
                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hello,\"}\n\nevent: response.incomplete\ndata: {\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}}\n\n",
                None,
            ),
            (
                Protocol::OpenAiResponses,
                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hello,\"}\n\nevent: response.incomplete\ndata: {\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"}}}\n\n",
                Some("content_filter"),
            ),
        ];
        for (protocol, body, withheld) in table {
            let shape = answer_shape(protocol, sse, body);
            match withheld {
                Some(word) => assert!(
                    matches!(&shape, Withheld(why) if why.contains(word) && why.contains("after part of the answer")),
                    "{protocol:?} {body}: {shape:?}"
                ),
                None => assert_eq!(shape, Answer, "{protocol:?} {body}"),
            }
        }
    }

    #[test]
    fn a_2xx_is_an_answer_only_in_the_endpoint_shape() {
        use AnswerShape::*;
        let json = Some("application/json");
        type Row = (Protocol, &'static str, fn(&AnswerShape) -> bool);
        let table: [Row; 12] = [
            (
                Protocol::OpenAiChat,
                r#"{"choices":[{"message":{"content":"hi"},"finish_reason":"stop"}]}"#,
                |s| *s == Answer,
            ),
            (
                Protocol::OpenAiChat,
                r#"{"id":"x","object":"chat.completion","choices":[]}"#,
                |s| matches!(s, NotAnAnswer(_)),
            ),
            (
                Protocol::OpenAiChat,
                r#"{"choices":[{"message":{"content":"part"},"finish_reason":"error","error":{"message":"Provider disconnected"}}]}"#,
                |s| matches!(s, ErrorInside(m) if m == "Provider disconnected"),
            ),
            (Protocol::OpenAiChat, "", |s| matches!(s, NotAnAnswer(_))),
            (Protocol::OpenAiChat, "<!doctype html><title>x</title>", |s| {
                matches!(s, NotAnAnswer(_))
            }),
            (
                Protocol::ClaudeMessages,
                r#"{"type":"message","content":[{"type":"text","text":"hi"}]}"#,
                |s| *s == Answer,
            ),
            (
                Protocol::GeminiNative,
                r#"{"promptFeedback":{"blockReason":"SAFETY"}}"#,
                |s| matches!(s, Withheld(w) if w.contains("SAFETY")),
            ),
            (
                Protocol::GeminiNative,
                r#"{"candidates":[{"finishReason":"SAFETY"}]}"#,
                |s| matches!(s, Withheld(_)),
            ),
            (
                Protocol::GeminiNative,
                r#"{"candidates":[{"content":{"parts":[{"text":"hi"}]},"finishReason":"STOP"}]}"#,
                |s| *s == Answer,
            ),
            (Protocol::OpenAiModels, r#"{"object":"list","data":[]}"#, |s| {
                *s == Answer
            }),
            (
                Protocol::VideoTask,
                r#"{"task_id":"t1","status":"failed","fail_reason":"content rejected"}"#,
                |s| matches!(s, TaskFailed(w) if w.contains("content rejected")),
            ),
            (Protocol::VideoTask, r#"{"task_id":"t1","status":"queued"}"#, |s| {
                *s == Answer
            }),
        ];
        for (protocol, body, ok) in table {
            let shape = answer_shape(protocol, json, body);
            assert!(ok(&shape), "{protocol:?} {body}: {shape:?}");
        }
        let sse = Some("text/event-stream");
        let stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"total_tokens\":3}}\n\ndata: [DONE]\n\n";
        assert_eq!(answer_shape(Protocol::OpenAiChat, sse, stream), Answer);
        // `[DONE]` with no finish reason anywhere (one-api writes `""` on each chunk it
        // converts, and drops the provider's error): perhaps cut.
        let unfinished =
            "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"\"}]}\n\ndata: [DONE]\n\n";
        assert!(matches!(
            answer_shape(Protocol::OpenAiChat, sse, unfinished),
            Unfinished(_)
        ));
        // Portkey names the provider's error in the finish reason.
        let overloaded = "data: {\"choices\":[{\"delta\":{\"content\":\"\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"overloaded_error\"}]}\n\ndata: [DONE]\n\n";
        assert!(matches!(
            answer_shape(Protocol::OpenAiChat, sse, overloaded),
            ErrorInside(w) if w.contains("overloaded_error")
        ));
        let empty_stream = "data: [DONE]\n\n";
        assert!(matches!(
            answer_shape(Protocol::OpenAiChat, Some("text/event-stream"), empty_stream),
            NotAnAnswer(_)
        ));
    }
}
