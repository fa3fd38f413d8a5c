//! Importing what people paste: 35 real commands (`tests/import/commands.txt`: the vendors'
//! own docs examples, gateway docs, browser "Copy as cURL / fetch" output in bash and cmd
//! flavours, a raw request from a proxy log), each checked for the endpoint it opens, the
//! gateway it called, the fields it filled, the key it carried (kept apart, never in the
//! form) and what it could not import.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use routescope_core::request::catalogue::{AuthStyle, EndpointId};
use routescope_core::request::form::FieldValue;
use routescope_core::request::import::{detect, import, Format};
use routescope_core::request::share;

struct Expect {
    name: &'static str,
    endpoint: EndpointId,
    base: &'static str,
    fields: &'static [(&'static str, &'static str)],
    key: Option<(&'static str, AuthStyle)>,
    /// Words every unmapped note list must contain (each somewhere).
    unmapped: &'static [&'static str],
    /// Whether the body is kept as written (the form cannot say all of it: Gemini contents
    /// without a role, which the form would add).
    raw_body: bool,
}

const OPENAI: &str = "https://api.openai.com";
const GEMINI: &str = "https://generativelanguage.googleapis.com";
const GATEWAY: &str = "https://api.routescope.ai";
const SELF: &str = "https://webapi.routescope.ai";
const PLACEHOLDER: &[&str] = &["placeholder"];

fn expectations() -> Vec<Expect> {
    use AuthStyle::*;
    use EndpointId::*;
    let e = |name, endpoint, base, fields, key, unmapped, raw_body| Expect {
        name,
        endpoint,
        base,
        fields,
        key,
        unmapped,
        raw_body,
    };
    vec![
        e(
            "openai-docs-chat",
            ChatCompletions,
            OPENAI,
            &[("model", "gpt-4.1")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openai-docs-chat-stream",
            ChatCompletions,
            OPENAI,
            &[("model", "gpt-4.1"), ("stream", "true")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openai-docs-responses",
            Responses,
            OPENAI,
            &[("model", "gpt-4.1")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openai-docs-images",
            ImagesGenerations,
            OPENAI,
            &[
                ("model", "gpt-image-1"),
                ("prompt", "A cute baby sea otter"),
                ("n", "1"),
                ("size", "1024x1024"),
            ],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openai-docs-image-edit",
            ImageEditsMultipart,
            OPENAI,
            &[
                ("model", "gpt-image-1"),
                ("prompt", "Create a lovely gift basket with these items"),
            ],
            None,
            &["body-lotion.png", "bath-bomb.png", "placeholder"],
            false,
        ),
        e(
            "openai-docs-models",
            OpenAiModels,
            OPENAI,
            &[("model", "")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openai-docs-model",
            OpenAiModels,
            OPENAI,
            &[("model", "gpt-4.1")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "anthropic-docs-messages",
            ClaudeMessages,
            "https://api.anthropic.com",
            &[
                ("model", "claude-sonnet-4-5"),
                ("max_tokens", "1024"),
                ("anthropic_version", "2023-06-01"),
            ],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "anthropic-docs-beta",
            ClaudeMessages,
            "https://api.anthropic.com",
            &[("anthropic_beta", "context-1m-2025-08-07")],
            Some(("sk-ant-api03-0123456789abcdefghij", XApiKey)),
            &[],
            false,
        ),
        e(
            "gemini-docs-generate",
            GeminiGenerate,
            GEMINI,
            &[("model", "gemini-2.5-flash"), ("stream", "false")],
            None,
            PLACEHOLDER,
            true,
        ),
        e(
            "gemini-docs-query-key",
            GeminiGenerate,
            GEMINI,
            &[("model", "gemini-2.0-flash")],
            Some(("AIzaSyD-0123456789abcdefghijklmnop", QueryKey)),
            &[],
            true,
        ),
        e(
            "gemini-docs-stream",
            GeminiGenerate,
            GEMINI,
            &[("model", "gemini-2.5-flash"), ("stream", "true")],
            None,
            PLACEHOLDER,
            true,
        ),
        e(
            "gemini-docs-imagen",
            ImagenPredict,
            GEMINI,
            &[("model", "imagen-4.0-generate-001"), ("sample_count", "4")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "gemini-docs-models",
            GeminiModels,
            GEMINI,
            &[("list", "models")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openrouter-docs-chat",
            ChatCompletions,
            "https://openrouter.ai/api",
            &[("model", "openai/gpt-4o")],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "openrouter-docs-attribution",
            ChatCompletions,
            "https://openrouter.ai/api",
            &[("model", "openai/gpt-4o")],
            Some(("sk-or-v1-0123456789abcdef0123456789", Bearer)),
            &["HTTP-Referer", "X-Title"],
            false,
        ),
        e(
            "litellm-docs-proxy",
            ChatCompletions,
            "http://0.0.0.0:4000",
            &[("model", "gpt-3.5-turbo")],
            Some(("sk-1234", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-docs-chat",
            ChatCompletions,
            GATEWAY,
            &[("model", "gpt-5.4"), ("stream", "true")],
            Some(("sk-abcdef1234567890abcdef1234567890", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-docs-video-submit",
            VideoSubmit,
            GATEWAY,
            &[("model", "sora-2"), ("prompt", "A paper boat on a rainy street")],
            Some(("sk-video-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-docs-video-query",
            VideoQuery,
            GATEWAY,
            &[("task_id", "task_01JD8Z3Q")],
            Some(("sk-video-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-docs-token-self",
            KeyStatus,
            SELF,
            &[],
            Some(("sk-self-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-docs-log",
            UsageLog,
            SELF,
            &[("request_id", "202612021234567890abcdef")],
            Some(("sk-self-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "chrome-copy-as-curl-bash",
            ChatCompletions,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-live-0123456789abcdefghij", Bearer)),
            &[],
            false,
        ),
        e(
            "chrome-copy-as-curl-cmd",
            ClaudeMessages,
            GATEWAY,
            &[
                ("model", "claude-sonnet-4-6"),
                ("max_tokens", "256"),
                ("anthropic_version", "2023-06-01"),
            ],
            Some(("sk-ant-cmd-0123456789abcdef", XApiKey)),
            &[],
            false,
        ),
        e(
            "chrome-copy-as-curl-ansi",
            ChatCompletions,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-ansi-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "firefox-copy-as-curl",
            Responses,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-ff-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "chrome-copy-as-fetch",
            ChatCompletions,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-fetch-0123456789abcdef", Bearer)),
            &["credentials", "referrer"],
            false,
        ),
        e(
            "chrome-copy-as-fetch-node",
            ImagesGenerations,
            GATEWAY,
            &[
                ("model", "gpt-image-2"),
                ("prompt", "A lighthouse"),
                ("size", "1024x1024"),
            ],
            Some(("sk-node-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "handwritten-fetch",
            AsyncImageSubmit,
            GATEWAY,
            &[
                ("model", "gpt-image-2"),
                ("prompt", "A lighthouse at dawn"),
                ("size", "1024x1024"),
            ],
            Some(("sk-hand-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "raw-http-proxy-log",
            ChatCompletions,
            "http://localhost:3000",
            &[("model", "gpt-5.4")],
            Some(("sk-raw-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "curl-json-option",
            Responses,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-json-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "seedream-json-edit",
            SeedreamEdits,
            GATEWAY,
            &[
                ("model", "doubao-seedream-4-0-250828"),
                ("prompt", "Make it snow"),
                ("size", "2K"),
            ],
            None,
            PLACEHOLDER,
            false,
        ),
        e(
            "windows-curl-exe",
            ChatCompletions,
            GATEWAY,
            &[("model", "gpt-5.4")],
            Some(("sk-win-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
        e(
            "terminal-prompt",
            OpenAiModels,
            GATEWAY,
            &[],
            Some(("sk-prompt-0123456789", Bearer)),
            &[],
            false,
        ),
        e(
            "gateway-prefix-timeout",
            ChatCompletions,
            "https://gw.example.com/openai",
            &[("model", "gpt-5.4"), ("temperature", "0.2")],
            Some(("sk-prefix-0123456789abcdef", Bearer)),
            &[],
            false,
        ),
    ]
}

/// The commands file: `### name: where it comes from`, then the command.
fn commands() -> Vec<(String, String)> {
    let text = include_str!("import/commands.txt");
    text.split("### ")
        .filter(|b| !b.trim().is_empty())
        .map(|block| {
            let (head, body) = block.split_once('\n').unwrap();
            (
                head.split(':').next().unwrap().trim().to_string(),
                body.trim_end().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_real_command_opens_its_endpoint_with_its_fields() {
    let all = commands();
    let expected = expectations();
    assert!(all.len() >= 30, "{} commands", all.len());
    assert_eq!(all.len(), expected.len(), "every command has a row");
    let mut failures = Vec::new();
    for ((name, text), want) in all.iter().zip(&expected) {
        assert_eq!(name, want.name, "rows follow the file's order");
        let got = match import(text) {
            Ok(got) => got,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let mut problems = Vec::new();
        if got.endpoint != want.endpoint {
            problems.push(format!("endpoint {:?}, expected {:?}", got.endpoint, want.endpoint));
        }
        if got.base != want.base {
            problems.push(format!("base {}, expected {}", got.base, want.base));
        }
        for (field, value) in want.fields {
            let shown = match got.values.get(field) {
                Some(FieldValue::Flag(on)) => on.to_string(),
                _ => got.values.text(field).to_string(),
            };
            if shown != *value {
                problems.push(format!("{field} = {shown:?}, expected {value:?}"));
            }
        }
        let key = got.key.as_ref().map(|k| (k.value.as_str(), k.style));
        if key != want.key {
            problems.push(format!("key {key:?}, expected {:?}", want.key));
        }
        for word in want.unmapped {
            if !got.unmapped.iter().any(|n| n.contains(word)) {
                problems.push(format!("no unmapped note mentions {word:?}: {:?}", got.unmapped));
            }
        }
        if want.unmapped.is_empty() && !got.unmapped.is_empty() {
            problems.push(format!("unexpected notes: {:?}", got.unmapped));
        }
        if got.raw_body.is_some() != want.raw_body {
            problems.push(format!("raw body {:?}", got.raw_body));
        }
        // The key is never in what the form holds, so it cannot reach history or a link.
        if let Some(k) = &got.key {
            let link = share::encode(got.endpoint, &got.values, got.raw_body.as_deref(), None, "");
            if format!("{:?}", got.values).contains(&k.value)
                || link.contains(&k.value)
                || format!("{k:?}").contains(&k.value)
            {
                problems.push("the key reached the form, a link or a debug line".into());
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn detects_what_it_reads_and_says_why_it_cannot() {
    assert_eq!(detect("curl https://x"), Some(Format::Curl));
    assert_eq!(detect("  $ curl -s https://x"), Some(Format::Curl));
    assert_eq!(detect("await fetch('https://x')"), Some(Format::Fetch));
    assert_eq!(detect("GET /v1/models HTTP/1.1\nHost: x"), Some(Format::RawHttp));
    assert_eq!(detect("https://api.routescope.ai"), None);
    assert_eq!(detect("sk-abc"), None);
    let errors = [
        (
            "curl https://api.routescope.ai/v2/unknown",
            "not one of the playground's endpoints",
        ),
        ("curl -s", "no URL"),
        ("curl 'https://x/v1/models", "quote"),
        ("hello", "paste a curl command"),
        // Found by fuzzing: a "://" only after the query.
        ("curl 'httpK?x=://a'", "scheme"),
        ("fetch(url, opts)", "URL as a string"),
        (
            "fetch('https://api.routescope.ai/v1/models', {headers: {Authorization: token}})",
            "plain data",
        ),
        (
            "curl -X POST https://api.routescope.ai/v1/chat/completions -d 'model=gpt'",
            "not JSON",
        ),
    ];
    for (text, why) in errors {
        match import(text) {
            Err(e) => assert!(e.contains(why), "{text}: {e}"),
            Ok(got) => assert!(
                got.unmapped.iter().any(|n| n.contains(why)),
                "{text}: {:?}",
                got.unmapped
            ),
        }
    }
}
