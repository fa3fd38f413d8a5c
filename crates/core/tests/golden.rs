//! Golden answers: real answers of gateways (new-api and one-api generations, LiteLLM,
//! OpenRouter and other OpenAI-compatible gateways), of the vendors' own APIs and of the
//! proxies in between, each with its public source (a source file at a commit, a docs page
//! or an issue thread where someone pasted it) and capture date, in `tests/golden/*.jsonl`.
//!
//! Every answer is diagnosed as the playground would diagnose it (the request's facts, the
//! status, the headers, the body; a stream's end read from its events) and must come out as
//! the fixture says: the category, a side that is right or honestly unknown, and the request
//! id when the answer carries one. Answers marked `unknown` are ones no rule should claim:
//! they must come out "not sure" (category Unknown or low confidence), never a confident
//! verdict.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

use routescope_core::answer::response::stream_end;
use routescope_core::diagnosis::{
    diagnose, AuthStyle, Category, Confidence, Diagnosis, Protocol, RequestFacts, Side, Transport,
};
use routescope_core::text::lang::Lang;
use serde_json::Value;

/// One golden answer.
#[derive(Debug, Clone)]
struct Golden {
    file: String,
    name: String,
    family: String,
    facts: RequestFacts,
    transport: Transport,
    category: String,
    side: String,
    request_id: Option<String>,
}

fn protocol(id: &str) -> Protocol {
    match id {
        "openai-chat" => Protocol::OpenAiChat,
        "openai-responses" => Protocol::OpenAiResponses,
        "openai-images" => Protocol::OpenAiImages,
        "openai-models" => Protocol::OpenAiModels,
        "claude-messages" => Protocol::ClaudeMessages,
        "gemini-native" => Protocol::GeminiNative,
        "gemini-models" => Protocol::GeminiModels,
        "imagen" => Protocol::Imagen,
        "async-task" => Protocol::AsyncTask,
        "video-task" => Protocol::VideoTask,
        "self-service" => Protocol::SelfService,
        other => panic!("unknown protocol {other}"),
    }
}

/// The host the request went to: the vendor's own for vendor answers (a direct call),
/// the family's public host where it has one, else a gateway the tool has never seen.
fn host(family: &str) -> &'static str {
    match family {
        "openai" => "https://api.openai.com",
        "anthropic" => "https://api.anthropic.com",
        "google" => "https://generativelanguage.googleapis.com",
        "openrouter" => "https://openrouter.ai",
        "deepseek" => "https://api.deepseek.com",
        "moonshot" => "https://api.moonshot.cn",
        "zhipu" => "https://open.bigmodel.cn",
        "volcengine-ark" => "https://ark.cn-beijing.volces.com",
        "dashscope" => "https://dashscope.aliyuncs.com",
        "siliconflow" => "https://api.siliconflow.cn",
        "groq" => "https://api.groq.com",
        "xai" => "https://api.x.ai",
        "mistral" => "https://api.mistral.ai",
        "together" => "https://api.together.xyz",
        "fireworks" => "https://api.fireworks.ai",
        "perplexity" => "https://api.perplexity.ai",
        "cerebras" => "https://api.cerebras.ai",
        "huggingface" => "https://router.huggingface.co",
        _ => "https://llm-gateway.example.com",
    }
}

fn load() -> Vec<Golden> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for path in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
    {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for (n, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", n + 1));
            out.push(golden(&file, &v));
        }
    }
    out
}

fn golden(file: &str, v: &Value) -> Golden {
    let s = |x: &Value| x.as_str().unwrap_or_default().to_string();
    let req = &v["request"];
    let resp = &v["response"];
    let family = s(&v["family"]);
    let protocol = protocol(&s(&req["protocol"]));
    let key_sent = req["key_sent"].as_bool().unwrap_or(true);
    let auth = match protocol {
        Protocol::ClaudeMessages if family == "anthropic" => AuthStyle::XApiKey,
        Protocol::GeminiNative | Protocol::GeminiModels | Protocol::Imagen if family == "google" => {
            AuthStyle::XGoogApiKey
        }
        _ => AuthStyle::Bearer,
    };
    let facts = RequestFacts {
        protocol,
        method: s(&req["method"]),
        // A line may name the host it was sent to; else the family's (see `host`).
        url: match v["host"].as_str() {
            Some(h) => format!("https://{h}{}", s(&req["path"])),
            None => format!("{}{}", host(&family), s(&req["path"])),
        },
        model: None,
        streamed: req["stream"].as_bool().unwrap_or(false),
        body_bytes: 300,
        page_is_https: true,
        anthropic_beta: None,
        auth_style: key_sent.then_some(auth),
    };
    let status = resp["status"].as_u64().unwrap_or(0) as u16;
    let body = s(&resp["body"]);
    let content_type = s(&resp["content_type"]);
    let mut headers: Vec<(String, String)> = Vec::new();
    if !content_type.is_empty() {
        headers.push(("content-type".into(), content_type.clone()));
    }
    if let Some(map) = resp["headers"].as_object() {
        for (k, val) in map {
            if !k.eq_ignore_ascii_case("content-type") {
                headers.push((k.to_ascii_lowercase(), s(val)));
            }
        }
    }
    let stream = if resp["sse"].as_bool().unwrap_or(false) {
        stream_end(protocol, Some("text/event-stream"), status, &body)
    } else {
        stream_end(protocol, Some(&content_type), status, &body)
    };
    Golden {
        file: file.to_string(),
        name: s(&v["name"]),
        family,
        facts,
        transport: Transport::Response {
            status,
            headers,
            headers_hidden_by_cors: false,
            body,
            elapsed_ms: 800,
            stream,
        },
        category: s(&v["expect"]["category"]),
        side: s(&v["expect"]["side"]),
        request_id: v["expect"]["request_id"].as_str().map(str::to_string),
    }
}

/// Four or more English words in a row outside the quoted message (“…”) and outside
/// parentheses (a status phrase, a code): wording that was not translated.
fn english_in(headline: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut outside = String::new();
    for c in headline.chars() {
        match c {
            '“' | '(' | '（' | '"' => depth += 1,
            '”' | ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let mut run: Vec<&str> = Vec::new();
    for token in outside.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == ' ')) {
        let words: Vec<&str> = token.split_whitespace().filter(|w| w.len() > 1).collect();
        if words.len() > run.len() {
            run = words;
        }
    }
    (run.len() >= 4).then(|| run.join(" "))
}

/// "Not sure": nothing recognised, or only a low-confidence guess.
fn not_sure(d: &Diagnosis) -> bool {
    d.category == Category::Unknown || d.confidence == Confidence::Low
}

fn check(g: &Golden, d: &Diagnosis) -> Vec<String> {
    let mut problems = Vec::new();
    if g.category == "unknown" {
        if !not_sure(d) {
            problems.push(format!(
                "claimed {} at {} confidence; should be not sure",
                d.category.as_str(),
                d.confidence.as_str()
            ));
        }
    } else if d.category.as_str() != g.category {
        problems.push(format!(
            "category {} ({}), expected {}",
            d.category.as_str(),
            d.confidence.as_str(),
            g.category
        ));
    }
    if !g.side.is_empty() && g.side != "unknown" && d.side.as_str() != g.side && d.side != Side::Unknown {
        problems.push(format!("side {}, expected {} (or unknown)", d.side.as_str(), g.side));
    }
    if let Some(id) = &g.request_id {
        if d.request_id.as_deref() != Some(id.as_str()) {
            problems.push(format!("request id {:?}, expected {id}", d.request_id));
        }
    }
    problems
}

#[test]
fn every_golden_answer_is_diagnosed_as_its_source_says() {
    let all = load();
    assert!(!all.is_empty(), "no golden answers found");
    let mut failures = Vec::new();
    let mut by_family: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for g in &all {
        for lang in [Lang::En, Lang::Zh] {
            let d = diagnose(&g.facts, &g.transport, lang);
            let mut problems = check(g, &d);
            if lang == Lang::Zh {
                if let Some(words) = english_in(&d.headline) {
                    problems.push(format!("Chinese headline carries English words: {words}"));
                }
            }
            if lang == Lang::En {
                let entry = by_family.entry(g.family.clone()).or_default();
                entry.0 += 1;
                entry.1 += usize::from(problems.is_empty());
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} {} [{:?}]: {}\n    headline: {}",
                    g.file,
                    g.name,
                    lang,
                    problems.join("; "),
                    d.headline
                ));
            }
        }
    }
    for (family, (n, ok)) in &by_family {
        println!("{family:>24}: {ok}/{n}");
    }
    assert!(
        failures.is_empty(),
        "{} golden answers diagnosed wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_is_wide_enough_and_every_answer_cites_its_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut unknown = 0;
    let mut families = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let v: Value = serde_json::from_str(line).unwrap();
            let name = v["name"].as_str().unwrap_or_default().to_string();
            let source = v["source"].as_str().unwrap_or_default();
            assert!(source.starts_with("https://"), "{name}: no public source");
            assert!(
                v["captured"].as_str().is_some_and(|c| c.len() == 10),
                "{name}: no capture date"
            );
            assert!(names.insert(name.clone()), "{name}: duplicate name");
            families.insert(v["family"].as_str().unwrap_or_default().to_string());
            unknown += usize::from(v["expect"]["category"] == "unknown");
        }
    }
    println!(
        "{} answers, {} families, {unknown} not-sure",
        names.len(),
        families.len()
    );
    assert!(names.len() >= 300, "only {} golden answers", names.len());
    assert!(families.len() >= 7, "only {} families", families.len());
    assert!(unknown >= 40, "only {unknown} answers that must come out not sure");
}

/// The labels that mean no named signature stood behind a verdict.
const NO_SIGNATURE: [&str; 2] = ["status only", "nothing matched"];

#[test]
fn confidence_is_high_only_where_a_named_signature_matched() {
    for g in load() {
        let d = diagnose(&g.facts, &g.transport, Lang::En);
        if d.confidence != Confidence::High {
            continue;
        }
        let signature = d.evidence_value("signature");
        assert!(
            signature.is_some_and(|s| !NO_SIGNATURE.contains(&s)),
            "{}: high confidence with signature {signature:?}",
            g.name
        );
        // A family nobody can name never yields a confident verdict on its words alone.
        let family = d.evidence_value("answered-by").unwrap_or_default();
        assert!(
            family != "unknown"
                || signature.is_some_and(|s| s.starts_with("fact:") || s.starts_with("the endpoint's answer")),
            "{}: high confidence although nothing tells who answered ({signature:?})",
            g.name
        );
    }
}

#[test]
fn a_verdict_never_contradicts_what_was_sent() {
    for g in load() {
        // The same answer to a request that carried no key.
        let mut facts = g.facts.clone();
        facts.auth_style = None;
        let d = diagnose(&facts, &g.transport, Lang::En);
        let status = match &g.transport {
            Transport::Response { status, .. } => *status,
            _ => 0,
        };
        assert_eq!(
            d.evidence_value("key"),
            Some("none sent"),
            "{}: the missing key is not in the evidence",
            g.name
        );
        let account = matches!(d.category, Category::AuthenticationFailure | Category::TokenUnavailable);
        // No key sent: never "the provider refused the channel's key" (an upstream key
        // verdict), and a 401 is the missing key, on your side.
        assert!(
            !(account && d.side == Side::Upstream),
            "{}: upstream key verdict without a key: {}",
            g.name,
            d.headline
        );
        if status == 401 || account {
            assert_eq!(
                (d.category, d.side, d.confidence),
                (Category::AuthenticationFailure, Side::Client, Confidence::High),
                "{}: no key was sent, yet: {}",
                g.name,
                d.headline
            );
        }
        // Asked for a stream, got one JSON answer: said in the evidence.
        if g.facts.streamed && (200..300).contains(&status) {
            let ct = match &g.transport {
                Transport::Response { headers, .. } => headers
                    .iter()
                    .find(|(k, _)| k == "content-type")
                    .map(|(_, v)| v.clone()),
                _ => None,
            };
            if !ct.is_some_and(|c| c.contains("event-stream")) && d.category == Category::Success {
                assert!(
                    d.evidence.iter().any(|e| e.label == "stream"),
                    "{}: a stream was asked for and one JSON answer came back, unsaid",
                    g.name
                );
            }
        }
    }
}

#[test]
fn the_untranslated_wording_check_sees_english_outside_quotes_only() {
    assert_eq!(
        english_in("状态码表示成功，但返回的不是应答：JSON in another shape than this endpoint's answer。").as_deref(),
        Some("JSON in another shape than this endpoint's answer")
    );
    assert_eq!(
        english_in("不确定：响应中写的是“Incorrect API key provided here”。"),
        None
    );
    assert_eq!(
        english_in("状态码 503（Service Unavailable Right Now）：最可能是上游故障。"),
        None
    );
}
