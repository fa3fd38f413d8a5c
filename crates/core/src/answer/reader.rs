//! Reading an answer as it arrives: bytes in, decoded text, stream events merged per
//! protocol, time to first token, and at the end the rendered answer and how a stream
//! ended. Each chunk costs work proportional to the chunk (UTF-8 decoding, SSE lines and
//! their merge happen once per byte), so a 20,000-event stream or a 20 MB body is read in
//! one pass, never re-parsed from the start at every chunk.

use crate::answer::response::{body_charset, dialect, is_event_stream, render, Rendered};
use crate::answer::sse::{SseParser, StreamEnd, StreamMerger, StreamSummary};
use crate::answer::utf8::{Decoded, Utf8Accumulator};
use crate::request::protocol::Protocol;

/// The default cap on bytes read from one answer: far above any real answer (a 4K image
/// as base64 is ~10 MB), low enough that a runaway body cannot exhaust the tab's memory.
pub const DEFAULT_BYTE_CAP: usize = 64 * 1024 * 1024;

/// An answer being read.
#[derive(Debug)]
pub struct AnswerReader {
    protocol: Protocol,
    status: u16,
    content_type: Option<String>,
    text: Utf8Accumulator,
    /// Bytes of `text` already handed to the SSE parser.
    fed: usize,
    stream: Option<(SseParser, StreamMerger)>,
    bytes: usize,
    cap: usize,
    first_byte_ms: Option<u64>,
    first_token_ms: Option<u64>,
}

/// An answer read to its end (or to the point where reading stopped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadAnswer {
    /// The body as text (invalid UTF-8 replaced), as far as it was read.
    pub body: String,
    /// The body's bytes, kept only when the text is not a faithful copy of them (invalid
    /// UTF-8, or text decoded from another charset), so a download can still give exactly
    /// what arrived.
    pub exact_body: Option<Vec<u8>>,
    /// The charset `body` was decoded from, when it was not UTF-8 and its `Content-Type`
    /// named one the decoder knew.
    pub charset: Option<String>,
    /// Bytes received.
    pub bytes: usize,
    /// Whether reading stopped at the byte cap before the answer ended.
    pub capped: bool,
    /// How a stream ended, when the answer was a stream with a success status.
    pub stream_end: Option<StreamEnd>,
    /// What the answer shows beyond its raw text.
    pub rendered: Rendered,
    /// Milliseconds from Send to the first body byte.
    pub first_byte_ms: Option<u64>,
    /// Milliseconds from Send to the first streamed assistant text.
    pub first_token_ms: Option<u64>,
}

impl AnswerReader {
    /// Starts reading an answer with this status and content type, keeping at most `cap`
    /// bytes.
    pub fn new(protocol: Protocol, status: u16, content_type: Option<&str>, cap: usize) -> AnswerReader {
        let stream = (is_event_stream(content_type) && status < 300)
            .then(|| dialect(protocol))
            .flatten()
            .map(|d| (SseParser::default(), StreamMerger::new(d)));
        AnswerReader {
            protocol,
            status,
            content_type: content_type.map(str::to_string),
            text: Utf8Accumulator::default(),
            fed: 0,
            stream,
            bytes: 0,
            cap,
            first_byte_ms: None,
            first_token_ms: None,
        }
    }

    /// Takes a chunk received `at_ms` after Send. Bytes beyond the cap are not kept.
    pub fn push(&mut self, chunk: &[u8], at_ms: u64) {
        if chunk.is_empty() {
            return;
        }
        self.first_byte_ms.get_or_insert(at_ms);
        let room = self.cap.saturating_sub(self.bytes);
        let kept = chunk.get(..room.min(chunk.len())).unwrap_or_default();
        self.bytes += chunk.len();
        self.text.push(kept);
        if let Some((parser, merger)) = &mut self.stream {
            let new_text = self.text.as_str().get(self.fed..).unwrap_or_default();
            for event in parser.push(new_text) {
                merger.add(&event);
            }
            self.fed = self.text.as_str().len();
            if self.first_token_ms.is_none() && !merger.summary().text.is_empty() {
                self.first_token_ms = Some(at_ms);
            }
        }
    }

    /// Whether the cap was reached: the caller should stop reading.
    pub fn capped(&self) -> bool {
        self.bytes >= self.cap
    }

    /// Bytes received so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The text decoded so far.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// The stream merged so far, when the answer is a stream.
    pub fn merged(&self) -> Option<&StreamSummary> {
        self.stream.as_ref().map(|(_, merger)| merger.summary())
    }

    /// Milliseconds from Send to the first streamed assistant text, once it came.
    pub fn first_token_ms(&self) -> Option<u64> {
        self.first_token_ms
    }

    /// Ends reading: the rest of a stream is merged and the answer rendered.
    pub fn finish(self) -> ReadAnswer {
        self.finish_decoding(&|_, _| None)
    }

    /// [`AnswerReader::finish`], where a whole body in another charset than UTF-8 (named by
    /// its `Content-Type` or a UTF-16 byte order mark; see [`body_charset`]) is first decoded
    /// by `decode(label, bytes)` (the browser's own decoder; `None` for a charset it does
    /// not know). A stream is merged as it arrived and is never decoded again.
    pub fn finish_decoding(self, decode: &dyn Fn(&str, &[u8]) -> Option<String>) -> ReadAnswer {
        let capped = self.capped();
        let Decoded {
            text: mut body,
            exact: mut exact_body,
        } = self.text.finish();
        let mut charset = None;
        if self.stream.is_none() {
            let valid_utf8 = exact_body.is_none();
            let bytes = exact_body.as_deref().unwrap_or(body.as_bytes());
            if let Some(label) = body_charset(self.content_type.as_deref(), bytes, valid_utf8) {
                if let Some(text) = decode(&label, bytes) {
                    // The text no longer is the bytes: keep them for an exact download.
                    let bytes = std::mem::replace(&mut body, text);
                    exact_body.get_or_insert_with(|| bytes.into_bytes());
                    charset = Some(label);
                }
            }
        }
        let (rendered, stream_end) = match self.stream {
            Some((mut parser, mut merger)) => {
                // What the last push left unfinished, and a final event without its blank line.
                for event in parser.push(body.get(self.fed..).unwrap_or_default()) {
                    merger.add(&event);
                }
                for event in parser.finish() {
                    merger.add(&event);
                }
                let summary = merger.into_summary();
                let end = match (&summary.error, summary.completed) {
                    (Some(body), _) => StreamEnd::ErrorEvent { body: body.clone() },
                    (None, true) => StreamEnd::Completed,
                    (None, false) => StreamEnd::EndedEarly,
                };
                (Rendered::of_stream(summary), Some(end))
            }
            None => (render(self.protocol, self.content_type.as_deref(), &body), None),
        };
        // A stream's end marker decides nothing for an error status.
        let stream_end = stream_end.filter(|_| self.status < 300);
        ReadAnswer {
            body,
            exact_body,
            charset,
            bytes: self.bytes,
            capped,
            stream_end,
            rendered,
            first_byte_ms: self.first_byte_ms,
            first_token_ms: self.first_token_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::response::stream_end;

    const CHAT: &str = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo 你好\"},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
    const CLAUDE: &str = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi ✓\"}}\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    const RESPONSES: &str = "event: response.output_text.delta\r\ndata: {\"delta\":\"Hey\"}\r\n\r\nevent: response.completed\r\ndata: {\"response\":{\"status\":\"completed\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\r\n\r\n";
    const GEMINI: &str = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Bon\"}]}}]}\n\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"jour\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"totalTokenCount\":9}}";
    const SSE: &str = "text/event-stream";

    fn read(protocol: Protocol, content_type: &str, chunks: &[&[u8]]) -> ReadAnswer {
        let mut reader = AnswerReader::new(protocol, 200, Some(content_type), DEFAULT_BYTE_CAP);
        for (i, chunk) in chunks.iter().enumerate() {
            reader.push(chunk, i as u64 + 1);
        }
        reader.finish()
    }

    /// The whole answer in one piece, read the way the answer was always read before.
    fn whole(protocol: Protocol, content_type: &str, body: &str) -> (Rendered, Option<StreamEnd>) {
        (
            render(protocol, Some(content_type), body),
            stream_end(protocol, Some(content_type), 200, body),
        )
    }

    #[test]
    fn every_split_point_reads_like_the_whole_answer() {
        let cases = [
            (Protocol::OpenAiChat, SSE, CHAT),
            (Protocol::ClaudeMessages, SSE, CLAUDE),
            (Protocol::OpenAiResponses, SSE, RESPONSES),
            (Protocol::GeminiNative, SSE, GEMINI),
            (
                Protocol::OpenAiChat,
                "application/json",
                "{\"choices\":[{\"message\":{\"content\":\"é\"}}]}",
            ),
        ];
        for (protocol, content_type, body) in cases {
            let expected = whole(protocol, content_type, body);
            let bytes = body.as_bytes();
            for cut in 0..=bytes.len() {
                let got = read(protocol, content_type, &[&bytes[..cut], &bytes[cut..]]);
                assert_eq!(got.body, body, "{protocol:?} cut at {cut}");
                assert_eq!((got.rendered, got.stream_end), expected, "{protocol:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn random_chunk_sizes_read_like_the_whole_answer() {
        // A small deterministic generator: no dependency, the same chunks every run.
        let mut seed: u64 = 0x5EED;
        let mut next = move |bound: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % bound + 1
        };
        let long: String = CHAT.repeat(200);
        for (protocol, body) in [
            (Protocol::OpenAiChat, long.as_str()),
            (Protocol::ClaudeMessages, CLAUDE),
        ] {
            let expected = whole(protocol, SSE, body);
            for _ in 0..50 {
                let bytes = body.as_bytes();
                let mut chunks: Vec<&[u8]> = Vec::new();
                let mut at = 0;
                while at < bytes.len() {
                    let end = (at + next(64)).min(bytes.len());
                    chunks.push(&bytes[at..end]);
                    at = end;
                }
                let got = read(protocol, SSE, &chunks);
                assert_eq!((got.rendered, got.stream_end), expected);
            }
        }
    }

    #[test]
    fn first_token_is_the_chunk_that_brought_text() {
        let split = CHAT.find("data: {\"choices\":[{\"delta\":{\"content\"").unwrap_or(0);
        let got = read(
            Protocol::OpenAiChat,
            SSE,
            &[&CHAT.as_bytes()[..split], &CHAT.as_bytes()[split..]],
        );
        assert_eq!(got.first_byte_ms, Some(1));
        assert_eq!(got.first_token_ms, Some(2));
        assert_eq!(got.rendered.text.as_deref(), Some("Hello 你好"));
    }

    #[test]
    fn the_cap_stops_keeping_bytes_and_says_so() {
        let mut reader = AnswerReader::new(Protocol::OpenAiChat, 200, Some("application/json"), 10);
        reader.push(b"0123456789abcdef", 1);
        assert!(reader.capped());
        let got = reader.finish();
        assert_eq!(got.body, "0123456789");
        assert_eq!(got.bytes, 16);
        assert!(got.capped);
    }

    #[test]
    fn an_error_status_is_not_read_as_a_stream() {
        let mut reader = AnswerReader::new(Protocol::OpenAiChat, 503, Some(SSE), DEFAULT_BYTE_CAP);
        reader.push(b"{\"error\":{\"message\":\"no channel\"}}", 1);
        let got = reader.finish();
        assert_eq!(
            got.stream_end, None,
            "an end marker decides nothing for an error status"
        );
    }
}
