//! Linear work on hostile data, measured: every parser, extractor and matcher of the core
//! is fed hostile inputs of 1, 2, 4 and 8 units (megabytes of extractor bait, invalid
//! UTF-8, event floods, a key-sized needle in a huge text…) and its time per doubling is
//! printed. Work that rescans per match or drains from the front shows up as a ratio near
//! 4; linear work stays near 2. Run by `scripts/bench.sh`; exits non-zero when the growth
//! per doubling (over the whole range, medians of 5 runs each) passes 2.6.
//!
//! `cargo run --release -p routescope-core --example linearity`

use std::time::Instant;

use routescope_core::answer::body_view::{find_all, reindent_json};
use routescope_core::answer::envelope::{extract_request_id, parse_envelope};
use routescope_core::answer::reader::{AnswerReader, DEFAULT_BYTE_CAP};
use routescope_core::answer::sse::parse_all;
use routescope_core::diagnosis::{diagnose, AuthStyle, Protocol, RequestFacts, Transport};
use routescope_core::request::model_picker::suggest;
use routescope_core::request::share;
use routescope_core::text::closest::closest;
use routescope_core::text::lang::Lang;
use routescope_core::text::redact::{redact, EchoWatch};

const KEY: &str = "sk-linearity-0123456789";

/// One parser under test: its name, and what it does with an input of `units` units.
struct Case {
    name: &'static str,
    run: fn(&str) -> usize,
    input: fn(usize) -> String,
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

const MB: usize = 1 << 20;

fn error_body(units: usize) -> String {
    let message = repeat_to(
        "model gpt-9/ try again in 9999 under group g (request id: 2026) Invalid URL (POST /v1/v1 ",
        units * MB,
    );
    serde_json::json!({"error": {"message": message, "type": "new_api_error", "code": "model_not_found"}}).to_string()
}

fn flood(units: usize) -> String {
    repeat_to("data: {\"choices\":[{\"delta\":{\"content\":\"w \"}}]}\n\n", units * MB)
}

fn facts() -> RequestFacts {
    RequestFacts {
        protocol: Protocol::OpenAiChat,
        method: "POST".into(),
        url: "https://gw.example/v1/chat/completions".into(),
        model: Some("gpt-9".into()),
        streamed: false,
        body_bytes: 100,
        page_is_https: true,
        anthropic_beta: None,
        auth_style: Some(AuthStyle::Bearer),
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "answer reader, a chat stream",
            input: flood,
            run: |t| read(t, "text/event-stream"),
        },
        Case {
            name: "answer reader, invalid UTF-8",
            input: |u| "\u{FFFD}(".repeat(u * MB / 4),
            run: |t| {
                // Feed the bytes an invalid sequence at a time: the decoder's worst case.
                let bytes: Vec<u8> = t.bytes().map(|b| if b == 0xEF { 0xC3 } else { b }).collect();
                let mut reader =
                    AnswerReader::new(Protocol::OpenAiChat, 200, Some("application/json"), DEFAULT_BYTE_CAP);
                bytes.chunks(4096).for_each(|c| reader.push(c, 1));
                reader.finish().body.len()
            },
        },
        Case {
            name: "SSE parse",
            input: flood,
            run: |t| parse_all(t).len(),
        },
        Case {
            name: "error envelope",
            input: error_body,
            run: |t| usize::from(parse_envelope(Some("application/json"), t).is_error()),
        },
        Case {
            name: "request id extraction",
            input: |u| repeat_to("(request id: x) ", u * MB),
            run: |t| extract_request_id(t).map_or(0, |s| s.len()),
        },
        Case {
            name: "diagnosis of extractor bait",
            input: error_body,
            run: |t| {
                let transport = Transport::Response {
                    status: 503,
                    headers: vec![],
                    headers_hidden_by_cors: false,
                    body: t.to_string(),
                    elapsed_ms: 1,
                    stream: None,
                };
                diagnose(&facts(), &transport, Lang::En).evidence.len()
            },
        },
        Case {
            name: "redaction, key absent",
            input: |u| repeat_to("sk-linearity-012345678 ", u * MB),
            run: |t| redact(t, KEY).len(),
        },
        Case {
            name: "redaction, key everywhere",
            input: |u| repeat_to(&format!("{KEY} "), u * MB),
            run: |t| redact(t, KEY).len(),
        },
        Case {
            name: "key watch",
            input: |u| repeat_to("sk-linearity-012345678 \\", u * MB),
            run: |t| {
                let mut w = EchoWatch::new(KEY);
                t.as_bytes().chunks(65536).for_each(|c| w.push(c));
                usize::from(w.key_seen())
            },
        },
        Case {
            name: "pretty view (reindent)",
            input: error_body,
            run: |t| reindent_json(t).len(),
        },
        Case {
            name: "find in body",
            // A needle that is nowhere: the whole body is searched (a found one stops at the cap).
            input: |u| repeat_to("aaaaaaaaab", u * MB),
            run: |t| find_all(t, "aaaac", 1000).len(),
        },
        Case {
            name: "model picker",
            input: |u| {
                (0..u * 50_000)
                    .map(|i| format!("vendor-{}/model-{i}\n", i % 97))
                    .collect()
            },
            run: |t| {
                let models: Vec<&str> = t.lines().collect();
                suggest(&models, "model-42").matches
            },
        },
        Case {
            name: "model typo suggestion",
            input: |u| {
                (0..u * 50_000)
                    .map(|i| format!("vendor-{}/model-{i}\n", i % 97))
                    .collect()
            },
            run: |t| {
                let models: Vec<String> = t.lines().map(str::to_string).collect();
                closest("vendor-3/model-4x", &models).map_or(0, |m| m.len())
            },
        },
        Case {
            name: "share link decode",
            input: |u| format!("e=chat-completions&{}", repeat_to("model=%2e%2e%2F&", u * MB / 4)),
            run: |t| share::decode(t).map_or(0, |s| s.ignored.len()),
        },
    ]
}

fn read(text: &str, content_type: &str) -> usize {
    let mut reader = AnswerReader::new(Protocol::OpenAiChat, 200, Some(content_type), DEFAULT_BYTE_CAP);
    text.as_bytes().chunks(65536).for_each(|c| reader.push(c, 1));
    reader.finish().body.len()
}

fn median_ms(case: &Case, input: &str) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box((case.run)(std::hint::black_box(input)));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

fn main() {
    println!(
        "{:<32} {:>9} {:>9} {:>9} {:>9}  growth per doubling",
        "parser (input of 1/2/4/8 units)", "1", "2", "4", "8"
    );
    let mut failed = Vec::new();
    for case in cases() {
        let times: Vec<f64> = [1, 2, 4, 8]
            .iter()
            .map(|&u| median_ms(&case, &(case.input)(u)))
            .collect();
        // The growth per doubling over the whole range (1 to 8 units: three doublings), from
        // the first size that takes over 2 ms: one slow run in the middle cannot decide it.
        let start = times.iter().position(|&t| t > 2.0);
        let worst = start
            .filter(|&i| i < 3)
            .map_or(0.0, |i| (times[3] / times[i]).powf(1.0 / (3 - i) as f64));
        let shown: Vec<String> = times.iter().map(|t| format!("{t:.1} ms")).collect();
        let verdict = if worst > 2.6 { "  NOT LINEAR" } else { "" };
        println!(
            "{:<32} {:>9} {:>9} {:>9} {:>9}  {:.2}{verdict}",
            case.name, shown[0], shown[1], shown[2], shown[3], worst
        );
        if worst > 2.6 {
            failed.push(case.name);
        }
    }
    if !failed.is_empty() {
        eprintln!("linearity: these grow faster than linearly: {failed:?}");
        std::process::exit(1);
    }
}
