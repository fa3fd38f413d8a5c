//! Hostile answers: error messages of megabytes made of the very patterns the extractors
//! look for. The diagnosis reads a bounded prefix of each message (`MESSAGE_SCAN_CAP`), so
//! what lies beyond it can change nothing: a message and the same message with its tail
//! doubled get the same verdict. Before the cap, a 1 MB message of repeated markers kept
//! the page busy for minutes (every marker hit re-read the rest of the message).
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use routescope_core::diagnosis::{
    diagnose, AuthStyle, Category, Diagnosis, Protocol, RequestFacts, Transport, MESSAGE_SCAN_CAP,
};
use routescope_core::text::lang::Lang;

fn facts() -> RequestFacts {
    RequestFacts {
        protocol: Protocol::OpenAiChat,
        method: "POST".into(),
        url: "https://api.routescope.ai/v1/chat/completions".into(),
        model: Some("gpt-9".into()),
        streamed: false,
        body_bytes: 200,
        page_is_https: true,
        anthropic_beta: None,
        auth_style: Some(AuthStyle::Bearer),
    }
}

/// A new-api style error whose message is `head` followed by `tail` repeated to `bytes`.
fn answer(status: u16, head: &str, tail: &str, bytes: usize) -> Transport {
    let mut message = String::from(head);
    while message.len() < bytes {
        message.push_str(tail);
    }
    let body = serde_json::json!({"error": {"message": message, "type": "new_api_error", "code": ""}}).to_string();
    Transport::Response {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        headers_hidden_by_cors: false,
        body,
        elapsed_ms: 300,
        stream: None,
    }
}

/// What a verdict decides: category, confidence, side, candidates, headline and the
/// values it extracted (evidence other than the quoted message and sizes).
type Decided<'a> = (
    Category,
    &'a str,
    &'a str,
    Vec<Category>,
    &'a str,
    Vec<(&'a str, &'a str)>,
);

fn decided(d: &Diagnosis) -> Decided<'_> {
    let extracted = d
        .evidence
        .iter()
        .filter(|e| !matches!(e.label, "message" | "words" | "size" | "body"))
        .map(|e| (e.label, e.value.as_str()))
        .collect();
    (
        d.category,
        d.confidence.as_str(),
        d.side.as_str(),
        d.candidates.clone(),
        &d.headline,
        extracted,
    )
}

#[test]
fn megabytes_of_repeated_markers_decide_nothing_beyond_the_scanned_prefix() {
    // Each tail is a pattern some extractor or signature scans for, repeated without end.
    let cases: &[(u16, &str, &str)] = &[
        (
            503,
            "No available channel for model gpt-9 under group default ",
            "model gpt-9/",
        ),
        (503, "No available channel for model ", "gpt-9/gpt-9/"),
        (429, "Rate limit reached, please try again in ", "9999999999"),
        (429, "您已达到请求数限制：1分钟内最多请求", "6"),
        (400, "Unknown name ", "\"field_a\" field field "),
        (404, "Invalid URL (POST ", "/v1/v1"),
        (401, "Invalid token ", "wait wait retry after "),
        (500, "upstream error: ", "\u{FFFD}分组 模型 "),
    ];
    for (status, head, tail) in cases {
        let small = diagnose(&facts(), &answer(*status, head, tail, 1 << 20), Lang::En);
        let large = diagnose(&facts(), &answer(*status, head, tail, 2 << 20), Lang::En);
        assert_eq!(decided(&small), decided(&large), "{head}{tail}…");
    }
}

#[test]
fn what_lies_past_the_cap_is_not_read() {
    // A signature placed after the cap must not be found: the verdict is the one for the
    // message's readable part (here: words no rule knows), not the late "Invalid token".
    let filler = "x".repeat(MESSAGE_SCAN_CAP + 10);
    let late = answer(401, &format!("{filler} Invalid token"), "", 0);
    let early = answer(401, "Invalid token", "", 0);
    let late = diagnose(&facts(), &late, Lang::En);
    let early = diagnose(&facts(), &early, Lang::En);
    assert_eq!(early.category, Category::AuthenticationFailure);
    assert_ne!(
        decided(&late),
        decided(&early),
        "a pattern beyond MESSAGE_SCAN_CAP was read"
    );
}
