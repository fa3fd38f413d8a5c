//! Pre-flight checks: every rule fires on its input, stays quiet on the documented
//! defaults, and every fix button removes its finding.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use routescope_core::preflight::fix::{apply_fix, fix_label, Fix};
use routescope_core::preflight::lint::{lint, Finding, LintInput, Severity};
use routescope_core::request::build::Connection;
use routescope_core::request::catalogue::{endpoint, AuthStyle, EndpointId, CATALOGUE};
use routescope_core::request::form::{FieldValue, FormValues, Message};
use routescope_core::request::http::FileRef;
use routescope_core::text::closest::{closest, edit_distance};
use routescope_core::text::lang::Lang;

struct Setup {
    endpoint: EndpointId,
    conn: Connection,
    values: FormValues,
    raw: Option<String>,
    https_page: bool,
    models: Vec<String>,
}

fn setup(id: EndpointId) -> Setup {
    Setup {
        endpoint: id,
        conn: Connection {
            api_key: "sk-valid-0123456789".into(),
            ..Connection::default()
        },
        values: FormValues::defaults(endpoint(id)),
        raw: None,
        https_page: true,
        models: Vec::new(),
    }
}

fn run(s: &Setup, lang: Lang) -> Vec<Finding> {
    lint(
        &LintInput {
            endpoint: endpoint(s.endpoint),
            conn: &s.conn,
            values: &s.values,
            raw_body: s.raw.as_deref(),
            page_is_https: s.https_page,
            known_models: &s.models,
        },
        lang,
    )
}

fn file(size: u64) -> FileRef {
    FileRef {
        id: 1,
        name: "big.png".into(),
        mime: "image/png".into(),
        size,
        base64: None,
    }
}

/// (rule, how to provoke it, expected field, severity, expected fix)
type Row = (&'static str, fn() -> Setup, &'static str, Severity, Option<Fix>);

fn rows() -> Vec<Row> {
    vec![
        (
            "header-unsendable",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                // A hyphen typeset as U+2011, as pasted from a web page.
                s.values.set_text("anthropic_beta", "context\u{2011}1m-2025-08-07");
                s
            },
            "anthropic_beta",
            Severity::Error,
            Some(Fix::CleanHeader),
        ),
        (
            "header-unsendable",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "sk-valid-0123\u{200B}456789".into();
                s
            },
            "api_key",
            Severity::Error,
            Some(Fix::CleanHeader),
        ),
        (
            "key-empty",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key.clear();
                s
            },
            "api_key",
            Severity::Error,
            None,
        ),
        (
            "key-missing-sk",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "0123456789abcdef".into();
                s
            },
            "api_key",
            Severity::Warning,
            None,
        ),
        (
            "key-whitespace",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = " sk-valid-0123456789\n".into();
                s
            },
            "api_key",
            Severity::Error,
            Some(Fix::TrimKey),
        ),
        (
            "key-whitespace",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "\"sk-valid-0123456789\"".into();
                s
            },
            "api_key",
            Severity::Error,
            Some(Fix::TrimKey),
        ),
        (
            "key-inner-space",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "sk-valid 0123456789".into();
                s
            },
            "api_key",
            Severity::Error,
            None,
        ),
        (
            "key-has-bearer",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "Bearer sk-valid-0123456789".into();
                s
            },
            "api_key",
            Severity::Error,
            Some(Fix::RemoveBearer),
        ),
        (
            "key-short",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.api_key = "sk-abc".into();
                s
            },
            "api_key",
            Severity::Warning,
            None,
        ),
        (
            "base-ends-v1",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.gateway = "https://api.routescope.ai/v1/".into();
                s
            },
            "gateway",
            Severity::Error,
            Some(Fix::StripV1),
        ),
        (
            "base-ends-v1",
            || {
                let mut s = setup(EndpointId::GeminiGenerate);
                s.conn.gateway = "https://api.routescope.ai/v1beta".into();
                s
            },
            "gateway",
            Severity::Error,
            Some(Fix::StripV1),
        ),
        (
            "base-is-endpoint",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.gateway = "https://api.routescope.ai/v1/chat/completions".into();
                s
            },
            "gateway",
            Severity::Error,
            Some(Fix::UseOrigin("https://api.routescope.ai".into())),
        ),
        (
            "base-mixed-content",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.gateway = "http://gw.example.com".into();
                s
            },
            "gateway",
            Severity::Error,
            Some(Fix::UseHttps),
        ),
        (
            "base-has-query",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.conn.gateway = "https://api.routescope.ai?x=1".into();
                s
            },
            "gateway",
            Severity::Warning,
            None,
        ),
        (
            "base-ends-v1",
            || {
                let mut s = setup(EndpointId::KeyStatus);
                s.conn.self_service = "https://webapi.routescope.ai/v1".into();
                s
            },
            "self_service",
            Severity::Error,
            Some(Fix::StripV1),
        ),
        (
            "self-service-unconfirmed",
            || {
                let mut s = setup(EndpointId::KeyStatus);
                s.conn.gateway = "https://gateway.example.com".into();
                s
            },
            "self_service",
            Severity::Error,
            Some(Fix::UseOrigin("https://gateway.example.com".into())),
        ),
        (
            "protocol-contents-to-openai",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.raw = Some(r#"{"model":"gpt-5.4","contents":[{"parts":[{"text":"hi"}]}]}"#.into());
                s
            },
            "body",
            Severity::Error,
            Some(Fix::SwitchEndpoint(EndpointId::GeminiGenerate)),
        ),
        (
            "missing-messages",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.raw = Some(r#"{"model":"gpt-5.4"}"#.into());
                s
            },
            "messages",
            Severity::Error,
            None,
        ),
        (
            "protocol-claude-to-openai",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.raw = Some(r#"{"model":"gpt-5.4","max_tokens":64,"system":"be brief","messages":[{"role":"user","content":"hi"}]}"#.into());
                s
            },
            "body",
            Severity::Warning,
            None,
        ),
        (
            "protocol-contents-to-claude",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.raw = Some(
                    r#"{"model":"claude-sonnet-4-6","max_tokens":64,"contents":[{"parts":[{"text":"hi"}]}]}"#.into(),
                );
                s
            },
            "body",
            Severity::Error,
            None,
        ),
        (
            "protocol-messages-to-gemini",
            || {
                let mut s = setup(EndpointId::GeminiGenerate);
                s.raw = Some(r#"{"messages":[{"role":"user","content":"hi"}]}"#.into());
                s
            },
            "body",
            Severity::Error,
            Some(Fix::SwitchEndpoint(EndpointId::ChatCompletions)),
        ),
        (
            "gemini-model-in-body",
            || {
                let mut s = setup(EndpointId::GeminiGenerate);
                s.raw = Some(r#"{"model":"gemini-2.5-flash","contents":[]}"#.into());
                s
            },
            "body",
            Severity::Warning,
            None,
        ),
        (
            "claude-max-tokens",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.values.set_text("max_tokens", "");
                s
            },
            "max_tokens",
            Severity::Error,
            Some(Fix::AddMaxTokens),
        ),
        (
            "claude-max-tokens",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.raw = Some(r#"{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"hi"}]}"#.into());
                s
            },
            "max_tokens",
            Severity::Error,
            Some(Fix::AddMaxTokens),
        ),
        (
            "claude-system-role",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.values.set(
                    "messages",
                    FieldValue::Messages(vec![Message::text(1, "system", "x"), Message::text(2, "user", "y")]),
                );
                s
            },
            "messages",
            Severity::Error,
            None,
        ),
        (
            "claude-context-management",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.raw = Some(r#"{"model":"m","max_tokens":5,"messages":[],"context_management":{}}"#.into());
                s
            },
            "body",
            Severity::Warning,
            None,
        ),
        (
            "protocol-messages-to-responses",
            || {
                let mut s = setup(EndpointId::Responses);
                s.raw = Some(r#"{"model":"gpt-5.4","messages":[]}"#.into());
                s
            },
            "body",
            Severity::Error,
            Some(Fix::SwitchEndpoint(EndpointId::ChatCompletions)),
        ),
        (
            "edit-no-file",
            || setup(EndpointId::ImageEditsMultipart),
            "image",
            Severity::Error,
            None,
        ),
        (
            "seedream-no-image",
            || {
                let mut s = setup(EndpointId::SeedreamEdits);
                s.values.set_text("image", "");
                s
            },
            "image",
            Severity::Error,
            None,
        ),
        (
            "many-images",
            || {
                let mut s = setup(EndpointId::ImageEditsMultipart);
                s.values.set("image", FieldValue::Files(vec![file(10); 5]));
                s
            },
            "image",
            Severity::Warning,
            Some(Fix::SwitchEndpoint(EndpointId::AsyncImageSubmit)),
        ),
        (
            "many-images",
            || {
                let mut s = setup(EndpointId::SeedreamEdits);
                s.values.set_text(
                    "image",
                    "https://a/1\nhttps://a/2\nhttps://a/3\nhttps://a/4\nhttps://a/5",
                );
                s
            },
            "image",
            Severity::Warning,
            Some(Fix::SwitchEndpoint(EndpointId::AsyncImageSubmit)),
        ),
        (
            "large-upload",
            || {
                let mut s = setup(EndpointId::ImageEditsMultipart);
                s.values.set("image", FieldValue::Files(vec![file(12 * 1024 * 1024)]));
                s
            },
            "body",
            Severity::Warning,
            Some(Fix::SwitchEndpoint(EndpointId::AsyncImageSubmit)),
        ),
        (
            "size-not-ascii-x",
            || {
                let mut s = setup(EndpointId::ImagesGenerations);
                s.values.set_text("size", "1024×1024");
                s
            },
            "size",
            Severity::Error,
            Some(Fix::AsciiSize("1024x1024".into())),
        ),
        (
            "out-of-range",
            || {
                let mut s = setup(EndpointId::ImagenPredict);
                s.values.set_text("sample_count", "8");
                s
            },
            "sample_count",
            Severity::Error,
            Some(Fix::Clamp("4".into())),
        ),
        (
            "out-of-range",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.values.set_text("temperature", "2.5");
                s
            },
            "temperature",
            Severity::Error,
            Some(Fix::Clamp("2".into())),
        ),
        (
            "out-of-range",
            || {
                let mut s = setup(EndpointId::ClaudeMessages);
                s.values.set_text("temperature", "1.5");
                s
            },
            "temperature",
            Severity::Error,
            Some(Fix::Clamp("1".into())),
        ),
        (
            "required-empty",
            || {
                let mut s = setup(EndpointId::ImagesGenerations);
                s.values.set_text("prompt", " ");
                s
            },
            "prompt",
            Severity::Error,
            None,
        ),
        (
            "model-not-listed",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.values.set_text("model", "gpt-5.4x");
                s.models = vec!["gpt-5.4".into(), "gpt-5.4-mini".into(), "claude-sonnet-4-6".into()];
                s
            },
            "model",
            Severity::Warning,
            Some(Fix::UseModel("gpt-5.4".into())),
        ),
        (
            "model-not-listed",
            || {
                let mut s = setup(EndpointId::ChatCompletions);
                s.values.set_text("model", "llama-3");
                s.models = vec!["gpt-5.4".into()];
                s
            },
            "model",
            Severity::Warning,
            None,
        ),
        (
            "key-in-url",
            || {
                let mut s = setup(EndpointId::GeminiGenerate);
                s.conn.auth = AuthStyle::QueryKey;
                s
            },
            "api_key",
            Severity::Info,
            None,
        ),
    ]
}

#[test]
fn every_rule_fires_where_it_should() {
    for (rule, make, field, severity, fix) in rows() {
        let s = make();
        let findings = run(&s, Lang::En);
        let f = findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} did not fire: {findings:#?}"));
        assert_eq!(f.field.as_str(), field, "{rule}");
        assert_eq!(f.severity, severity, "{rule}");
        assert_eq!(f.fix, fix, "{rule}");
        assert!(!f.message.is_empty());
        // Chinese text exists for every finding.
        let zh = run(&s, Lang::Zh);
        let z = zh
            .iter()
            .find(|z| z.rule == rule)
            .unwrap_or_else(|| panic!("{rule} missing in zh"));
        assert!(
            z.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{rule}: {}",
            z.message
        );
    }
}

#[test]
fn every_fix_button_removes_its_finding() {
    for (rule, make, _, _, fix) in rows() {
        let Some(fix) = fix else { continue };
        let mut s = make();
        let field = run(&s, Lang::En)
            .into_iter()
            .find(|f| f.rule == rule)
            .map(|f| f.field)
            .unwrap_or_else(|| panic!("{rule} did not fire"));
        assert!(!fix_label(&fix, Lang::En).is_empty() && !fix_label(&fix, Lang::Zh).is_empty());
        let outcome = apply_fix(&fix, field, &mut s.conn, &mut s.values, &mut s.raw);
        if let Some(target) = outcome.switch_to {
            // Switching endpoint is the fix: the new endpoint's own defaults are clean.
            let mut fresh = setup(target);
            fresh.conn = s.conn.clone();
            assert!(
                run(&fresh, Lang::En).iter().all(|f| f.severity != Severity::Error),
                "{rule}: switching to {target:?} still has errors"
            );
            continue;
        }
        let after = run(&s, Lang::En);
        assert!(
            after.iter().all(|f| f.rule != rule || f.field != field),
            "{rule}: still there after {fix:?}: {after:#?}"
        );
    }
}

#[test]
fn documented_defaults_are_clean_on_every_endpoint() {
    for e in CATALOGUE {
        let s = setup(e.id);
        let errors: Vec<Finding> = run(&s, Lang::En)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        // The multipart edit needs a file the person must choose; nothing else may error.
        let allowed = |f: &Finding| {
            f.rule == "edit-no-file"
                || (f.rule == "required-empty" && matches!(f.field.as_str(), "job_id" | "task_id" | "request_id"))
        };
        assert!(errors.iter().all(allowed), "{}: {errors:#?}", e.title);
    }
}

#[test]
fn loopback_http_is_not_mixed_content() {
    let mut s = setup(EndpointId::ChatCompletions);
    s.conn.gateway = "http://127.0.0.1:8787".into();
    assert!(run(&s, Lang::En).iter().all(|f| f.rule != "base-mixed-content"));
}

#[test]
fn did_you_mean() {
    let known: Vec<String> = ["gpt-5.4", "gpt-5.4-mini", "claude-sonnet-4-6", "gemini-2.5-flash"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let table = [
        ("gpt-5.4x", Some("gpt-5.4")),
        ("claude-sonet-4-6", Some("claude-sonnet-4-6")),
        ("gemini-2.5-flsh", Some("gemini-2.5-flash")),
        ("GPT-5.4", None),
        ("something-else", None),
    ];
    for (typed, expected) in table {
        assert_eq!(closest(typed, &known).as_deref(), expected, "{typed}");
    }
    assert_eq!(edit_distance("kitten", "sitting"), 3);
}

/// Every rule the pre-flight source can raise has a row above: a rule added without one
/// fails here.
#[test]
fn every_rule_in_the_source_has_a_row() {
    let source = concat!(
        include_str!("../src/preflight/lint.rs"),
        include_str!("../src/preflight/header_value.rs")
    );
    let mut in_source: Vec<&str> = Vec::new();
    for piece in source.split("Finding::new(").skip(1) {
        let quoted = piece
            .trim_start()
            .strip_prefix('"')
            .and_then(|rest| rest.split('"').next());
        if let Some(rule) = quoted {
            in_source.push(rule);
        }
    }
    // `many-images` is raised through a helper whose call site names it.
    assert!(source.contains("Finding::new(\"many-images\""));
    in_source.sort_unstable();
    in_source.dedup();
    let rows: Vec<&str> = rows().iter().map(|r| r.0).collect();
    let missing: Vec<&&str> = in_source.iter().filter(|r| !rows.contains(r)).collect();
    assert!(missing.is_empty(), "rules without a row in this table: {missing:?}");
    assert!(in_source.len() >= 30, "the scan found only {} rules", in_source.len());
}
