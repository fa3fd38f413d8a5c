//! SDK snippet export, for every endpoint in the catalogue and every snippet kind: each
//! snippet compiles (`python3 -m py_compile`, `node --check`), hides or reveals the key as
//! asked, names the right SDK method and address, and sends the request's own body.
//!
//! Set `SNIPPETS_KEEP=1` to keep the written snippets in the temp folder for reading.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use routescope_core::export::curl::{KeyExposure, KEY_VAR};
use routescope_core::export::snippets::literal::{js_string, js_value, python_string, python_value};
use routescope_core::export::snippets::{sdk_for, sdk_used, snippet, SnippetKind};
use routescope_core::request::build::{build_request, Connection};
use routescope_core::request::catalogue::{endpoint, AuthStyle, EndpointId, CATALOGUE};
use routescope_core::request::form::{ContentPart, FieldValue, FormValues, Message};
use routescope_core::request::http::{Body, FileRef, HttpRequest};
use routescope_core::text::percent::encode_component;
use serde_json::{json, Value};

const KEY: &str = "sk-test-0123456789abcdef";
/// No quotes or backslashes, but everything else a shell, a template literal or a URL
/// would trip over.
const ODD_KEY: &str = "sk-odd$HOME{1}`é%&+/=~!#;";
const GATEWAY: &str = "https://api.routescope.ai";
const SELF_SERVICE: &str = "https://webapi.routescope.ai";

fn png(id: u32, name: &str) -> FileRef {
    FileRef {
        id,
        name: name.into(),
        mime: "image/png".into(),
        size: 68,
        base64: Some("iVBORw0KGgo=".into()),
    }
}

/// One row: an endpoint, changes to its default form, and what each snippet must say.
/// A needle starting with `!` must NOT appear.
struct Row {
    name: &'static str,
    endpoint: EndpointId,
    auth: AuthStyle,
    edit: fn(&mut FormValues),
    /// The SDK the Python and JavaScript tabs use for this request.
    sdk: (&'static str, &'static str),
    py: &'static [&'static str],
    js: &'static [&'static str],
    fetch: &'static [&'static str],
}

fn no_edit(_: &mut FormValues) {}

const TRICKY: &str = "It's \"quoted\" \\ back\\slash ${x} `tick` 你好 🙂\nnew line\ttab\u{2028}sep\u{202e}rtl";

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "openai models",
            endpoint: EndpointId::OpenAiModels,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            sdk: ("openai", "openai"),
            py: &["# pip install openai", "from openai import OpenAI", "base_url=\"https://api.routescope.ai/v1\"", "for model in client.models.list():"],
            js: &["// npm install openai", "import OpenAI from \"openai\";", "baseURL: \"https://api.routescope.ai/v1\"", "client.models.list()"],
            fetch: &["// Node 20+: no dependencies", "await fetch(\"https://api.routescope.ai/v1/models\", {", "method: \"GET\"", "credentials: \"omit\"", "!body:"],
        },
        Row {
            name: "openai one model, x-api-key",
            endpoint: EndpointId::OpenAiModels,
            auth: AuthStyle::XApiKey,
            edit: |v| v.set_text("model", "gpt-5.4"),
            sdk: ("openai", "openai"),
            py: &["client.models.retrieve(\"gpt-5.4\")", "Authorization: Bearer; RouteScope accepts it as well as x-api-key"],
            js: &["await client.models.retrieve(\"gpt-5.4\")"],
            fetch: &["fetch(\"https://api.routescope.ai/v1/models/gpt-5.4\"", "\"x-api-key\": "],
        },
        Row {
            name: "gemini models, x-goog-api-key",
            endpoint: EndpointId::GeminiModels,
            auth: AuthStyle::XGoogApiKey,
            edit: no_edit,
            sdk: ("google-genai", "@google/genai"),
            py: &["# pip install google-genai", "from google import genai", "genai.Client(", "http_options=types.HttpOptions(", "base_url=\"https://api.routescope.ai\",", "api_version=\"v1beta\",", "for model in client.models.list():", "x-goog-api-key"],
            js: &["// npm install @google/genai", "new GoogleGenAI({", "baseUrl: \"https://api.routescope.ai\"", "apiVersion: \"v1beta\"", "await ai.models.list()"],
            fetch: &["fetch(\"https://api.routescope.ai/v1beta/models\"", "\"x-goog-api-key\": "],
        },
        Row {
            name: "gemini models openai shape, ?key=",
            endpoint: EndpointId::GeminiModels,
            auth: AuthStyle::QueryKey,
            edit: |v| v.set_text("list", "openai/models"),
            sdk: ("requests", "fetch"),
            py: &["# pip install requests", "requests.get(", "\"https://api.routescope.ai/v1beta/openai/models?key=", "OpenAI-shaped Gemini list", "!from google"],
            js: &["// Node 20+: no dependencies", "fetch(\"https://api.routescope.ai/v1beta/openai/models?key=", "OpenAI-shaped Gemini list"],
            fetch: &["fetch(\"https://api.routescope.ai/v1beta/openai/models?key=", "!headers:"],
        },
        Row {
            name: "chat defaults",
            endpoint: EndpointId::ChatCompletions,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            sdk: ("openai", "openai"),
            py: &["completion = client.chat.completions.create(", "model=\"gpt-5.4\",", "{\"role\": \"system\", \"content\": \"You are a helpful assistant.\"}", "print(completion.choices[0].message.content)", "!extra_body"],
            js: &["const completion = await client.chat.completions.create({", "model: \"gpt-5.4\",", "{ role: \"user\", content: \"Say hello in one short sentence.\" }"],
            fetch: &["fetch(\"https://api.routescope.ai/v1/chat/completions\", {", "method: \"POST\"", "\"Content-Type\": \"application/json\"", "body: JSON.stringify({", "console.log(await res.text());"],
        },
        Row {
            name: "chat streaming with usage, a Qwen extension and an image",
            endpoint: EndpointId::ChatCompletions,
            auth: AuthStyle::Bearer,
            edit: |v| {
                v.set("stream", FieldValue::Flag(true));
                v.set("include_usage", FieldValue::Flag(true));
                v.set("enable_thinking", FieldValue::Flag(true));
                v.set_text("temperature", "0.7");
                v.set("messages", FieldValue::Messages(vec![Message { id: 1, role: "user".into(), parts: vec![
                    ContentPart::Text("What is this?".into()), ContentPart::ImageFile(png(3, "a.png"))] }]));
            },
            sdk: ("openai", "openai"),
            py: &["stream = client.chat.completions.create(", "stream=True,", "stream_options={\"include_usage\": True},", "extra_body={\"enable_thinking\": True},", "for chunk in stream:", "print(chunk.choices[0].delta.content, end=\"\", flush=True)", "data:image/png;base64,iVBORw0KGgo="],
            js: &["for await (const chunk of stream)", "enable_thinking: true", "process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\")"],
            fetch: &["res.body.getReader()", "new TextDecoder()", "decoder.decode(value, { stream: true })"],
        },
        Row {
            name: "chat with tricky text",
            endpoint: EndpointId::ChatCompletions,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("messages", FieldValue::Messages(vec![Message::text(1, "user", TRICKY)])),
            sdk: ("openai", "openai"),
            py: &[r#""It's \"quoted\" \\ back\\slash ${x} `tick` 你好 🙂\nnew line\ttab\u2028sep\u202ertl""#],
            js: &[r#""It's \"quoted\" \\ back\\slash ${x} `tick` 你好 🙂\nnew line\ttab\u2028sep\u202ertl""#],
            fetch: &["body: JSON.stringify({"],
        },
        Row {
            name: "responses",
            endpoint: EndpointId::Responses,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("reasoning_effort", "low"); v.set_text("instructions", "Be brief."); },
            sdk: ("openai", "openai"),
            py: &["response = client.responses.create(", "input=\"Say hello in one short sentence.\",", "reasoning={\"effort\": \"low\"},", "print(response.output_text)"],
            js: &["await client.responses.create({", "reasoning: { effort: \"low\" }", "console.log(response.output_text);"],
            fetch: &["fetch(\"https://api.routescope.ai/v1/responses\""],
        },
        Row {
            name: "responses streaming",
            endpoint: EndpointId::Responses,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("stream", FieldValue::Flag(true)),
            sdk: ("openai", "openai"),
            py: &["stream = client.responses.create(", "if event.type == \"response.output_text.delta\":"],
            js: &["event.type === \"response.output_text.delta\""],
            fetch: &["res.body.getReader()"],
        },
        Row {
            name: "claude defaults, x-api-key",
            endpoint: EndpointId::ClaudeMessages,
            auth: AuthStyle::XApiKey,
            edit: |v| v.set_text("system", "You are terse."),
            sdk: ("anthropic", "@anthropic-ai/sdk"),
            py: &["# pip install anthropic", "from anthropic import Anthropic", "client = Anthropic(", "base_url=\"https://api.routescope.ai\",", "default_headers={\"anthropic-version\": \"2023-06-01\"}", "message = client.messages.create(", "max_tokens=1024,", "system=\"You are terse.\",", "!extra_headers", "!/v1\""],
            js: &["// npm install @anthropic-ai/sdk", "new Anthropic({", "baseURL: \"https://api.routescope.ai\",", "defaultHeaders: { \"anthropic-version\": \"2023-06-01\" }", "await client.messages.create({"],
            fetch: &["fetch(\"https://api.routescope.ai/v1/messages\"", "\"anthropic-version\": \"2023-06-01\"", "\"x-api-key\": "],
        },
        Row {
            name: "claude streaming with anthropic-beta and the 2.x version",
            endpoint: EndpointId::ClaudeMessages,
            auth: AuthStyle::Bearer,
            edit: |v| {
                v.set_text("anthropic_beta", "context-management-2025-06-27");
                v.set_text("anthropic_version", "2026-10-21");
                v.set("stream", FieldValue::Flag(true));
            },
            sdk: ("anthropic", "@anthropic-ai/sdk"),
            py: &["extra_headers={\"anthropic-beta\": \"context-management-2025-06-27\"}", "stream=True,", "event.type == \"content_block_delta\" and event.delta.type == \"text_delta\"", "!default_headers", "sends anthropic-version: 2026-10-21 by itself"],
            js: &["{ headers: { \"anthropic-beta\": \"context-management-2025-06-27\" } }", "defaultHeaders: { \"anthropic-version\": \"2026-10-21\" }", "for await (const event of stream)"],
            fetch: &["\"anthropic-beta\": \"context-management-2025-06-27\"", "res.body.getReader()"],
        },
        Row {
            name: "gemini defaults, Bearer",
            endpoint: EndpointId::GeminiGenerate,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            sdk: ("google-genai", "@google/genai"),
            py: &["response = client.models.generate_content(", "model=\"gemini-2.5-flash\",", "contents=\"Say hello in one short sentence.\",", "sends the key as an x-goog-api-key header", "!config="],
            js: &["await ai.models.generateContent({", "model: \"gemini-2.5-flash\",", "contents: \"Say hello in one short sentence.\""],
            fetch: &["fetch(\"https://api.routescope.ai/v1beta/models/gemini-2.5-flash:generateContent\"", "Authorization: \"Bearer \""],
        },
        Row {
            name: "gemini with inline image, system and config, x-goog-api-key",
            endpoint: EndpointId::GeminiGenerate,
            auth: AuthStyle::XGoogApiKey,
            edit: |v| {
                v.set_text("system_instruction", "Answer in French.");
                v.set_text("temperature", "1");
                v.set_text("max_output_tokens", "100");
                v.set_text("response_modalities", "TEXT, IMAGE");
                v.set("contents", FieldValue::Messages(vec![Message { id: 1, role: "user".into(), parts: vec![ContentPart::Text("Hi".into()), ContentPart::ImageFile(png(2, "b.png"))] }]));
            },
            sdk: ("google-genai", "@google/genai"),
            py: &["types.Part.from_bytes(", "data=open(\"image-1.png\", \"rb\").read(),", "mime_type=\"image/png\"", "types.Part.from_text(text=\"Hi\")", "config=types.GenerateContentConfig(", "system_instruction=\"Answer in French.\",", "max_output_tokens=100,", "response_modalities=[\"TEXT\", \"IMAGE\"],", "Reads image-1.png"],
            js: &["inlineData: {", "data: (await readFile(\"image-1.png\")).toString(\"base64\"),", "systemInstruction: \"Answer in French.\"", "maxOutputTokens: 100", "import { readFile, writeFile } from \"node:fs/promises\";"],
            fetch: &["\"x-goog-api-key\": ", "inline_data: { mime_type: \"image/png\", data: \"iVBORw0KGgo=\" }"],
        },
        Row {
            name: "gemini streaming, ?key=",
            endpoint: EndpointId::GeminiGenerate,
            auth: AuthStyle::QueryKey,
            edit: |v| v.set("stream", FieldValue::Flag(true)),
            sdk: ("google-genai", "@google/genai"),
            py: &["for chunk in client.models.generate_content_stream(", "puts the key in ?key=; the SDK sends it as an x-goog-api-key header"],
            js: &["await ai.models.generateContentStream({", "process.stdout.write(chunk.text ?? \"\")"],
            fetch: &["fetch(\"https://api.routescope.ai/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=", "res.body.getReader()"],
        },
        Row {
            name: "imagen predict",
            endpoint: EndpointId::ImagenPredict,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("sample_count", "2"); v.set_text("person_generation", "dont_allow"); },
            sdk: ("google-genai", "@google/genai"),
            py: &["# pip install \"google-genai<=2.1\"  (2.2+ refuses Imagen on this API)", "result = client.models.generate_images(", "model=\"imagen-4.0-fast-generate-001\",", "prompt=\"A watercolor lighthouse at dawn\",", "number_of_images=2", "aspect_ratio=\"1:1\"", "person_generation=\"dont_allow\"", "api_version=\"v1beta\""],
            js: &["await ai.models.generateImages({", "numberOfImages: 2", "personGeneration: \"dont_allow\""],
            fetch: &["fetch(\"https://api.routescope.ai/v1beta/models/imagen-4.0-fast-generate-001:predict\""],
        },
        Row {
            name: "imagen with imageSize goes plain (the SDK renames it)",
            endpoint: EndpointId::ImagenPredict,
            auth: AuthStyle::XGoogApiKey,
            edit: |v| v.set_text("image_size", "2K"),
            sdk: ("requests", "fetch"),
            py: &["requests.post(", "\"https://api.routescope.ai/v1beta/models/imagen-4.0-fast-generate-001:predict\"", "\"imageSize\": \"2K\""],
            js: &["fetch(\"https://api.routescope.ai/v1beta/models/imagen-4.0-fast-generate-001:predict\""],
            fetch: &["imageSize: \"2K\""],
        },
        Row {
            name: "images generation",
            endpoint: EndpointId::ImagesGenerations,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("response_format", "b64_json"),
            sdk: ("openai", "openai"),
            py: &["result = client.images.generate(", "response_format=\"b64_json\",", "base64.b64decode(image.b64_json)", "import base64"],
            js: &["await client.images.generate({", "Buffer.from(image.b64_json, \"base64\")"],
            fetch: &["fetch(\"https://api.routescope.ai/v1/images/generations\""],
        },
        Row {
            name: "image edit multipart, two images and a mask",
            endpoint: EndpointId::ImageEditsMultipart,
            auth: AuthStyle::Bearer,
            edit: |v| {
                v.set("image", FieldValue::Files(vec![png(1, "one.png"), png(2, "two.png")]));
                v.set("mask", FieldValue::Files(vec![png(3, "mask.png")]));
                v.set_text("n", "2");
            },
            sdk: ("openai", "openai"),
            py: &["result = client.images.edit(", "image=[open(\"one.png\", \"rb\"), open(\"two.png\", \"rb\")],", "mask=open(\"mask.png\", \"rb\"),", "n=2,", "prompt=\"Add a red umbrella\",", "Reads one.png, two.png and mask.png"],
            js: &["import OpenAI, { toFile } from \"openai\";", "import fs from \"node:fs\";", "image: [", "await toFile(fs.createReadStream(\"one.png\"), \"one.png\", { type: \"image/png\" })", "mask: await toFile(fs.createReadStream(\"mask.png\"), \"mask.png\", { type: \"image/png\" })", "n: 2"],
            fetch: &["const form = new FormData();", "form.append(\"model\", \"gpt-image-2\");", "form.append(\"image[]\", new Blob([await readFile(\"one.png\")], { type: \"image/png\" }), \"one.png\");", "form.append(\"mask\", new Blob([await readFile(\"mask.png\")], { type: \"image/png\" }), \"mask.png\");", "body: form,", "!Content-Type", "!multipart/form-data"],
        },
        Row {
            name: "image edit multipart, one odd file name",
            endpoint: EndpointId::ImageEditsMultipart,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("image", FieldValue::Files(vec![FileRef { id: 1, name: "my \"photo\"\n.png".into(), mime: "image/png".into(), size: 1, base64: None }])),
            sdk: ("openai", "openai"),
            py: &["image=open(\"my \\\"photo\\\"\\n.png\", \"rb\"),", "# Reads my \"photo\"\\n.png from"],
            js: &["image: await toFile(fs.createReadStream(\"my \\\"photo\\\"\\n.png\")"],
            fetch: &["form.append(\"image\", new Blob([await readFile(\"my \\\"photo\\\"\\n.png\")]"],
        },
        Row {
            name: "seedream edit, one URL",
            endpoint: EndpointId::SeedreamEdits,
            auth: AuthStyle::Bearer,
            edit: |v| v.set("watermark", FieldValue::Flag(true)),
            sdk: ("requests", "fetch"),
            py: &["# pip install requests", "import requests", "response = requests.post(", "\"https://api.routescope.ai/v1/images/edits\",", "\"Content-Type\": \"application/json\"", "\"watermark\": True", "timeout=150,", "Seedream edits take JSON"],
            js: &["// Node 20+: no dependencies", "Seedream edits take JSON", "body: JSON.stringify({"],
            fetch: &["watermark: true"],
        },
        Row {
            name: "seedream edit with a data URI",
            endpoint: EndpointId::SeedreamEdits,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("image", ""); v.set("image_files", FieldValue::Files(vec![png(4, "ref.png"), png(5, "ref2.png")])); },
            sdk: ("requests", "fetch"),
            py: &["\"data:image/png;base64,iVBORw0KGgo=\""],
            js: &["\"data:image/png;base64,iVBORw0KGgo=\""],
            fetch: &["\"data:image/png;base64,iVBORw0KGgo=\""],
        },
        Row {
            name: "async image submit",
            endpoint: EndpointId::AsyncImageSubmit,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("images", "https://x/1.png\n"),
            sdk: ("requests", "fetch"),
            py: &["requests.post(", "\"https://api.routescope.ai/v1/aiart/openai/image/submit\"", "\"images\": [\"https://x/1.png\"]", "timeout=60,"],
            js: &["fetch(\"https://api.routescope.ai/v1/aiart/openai/image/submit\""],
            fetch: &["images: [\"https://x/1.png\"]"],
        },
        Row {
            name: "async image query on an edited path",
            endpoint: EndpointId::AsyncImageQuery,
            auth: AuthStyle::Bearer,
            edit: |v| { v.set_text("job_id", "job-42"); v.set_text("query_path", "/v1/aiart/openai/image/status"); },
            sdk: ("requests", "fetch"),
            py: &["requests.post(", "\"https://api.routescope.ai/v1/aiart/openai/image/status\"", "json={\"job_id\": \"job-42\"}"],
            js: &["fetch(\"https://api.routescope.ai/v1/aiart/openai/image/status\""],
            fetch: &["body: JSON.stringify({ job_id: \"job-42\" })"],
        },
        Row {
            name: "video submit",
            endpoint: EndpointId::VideoSubmit,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("duration", "5"),
            sdk: ("requests", "fetch"),
            py: &["requests.post(", "\"https://api.routescope.ai/v1/video/generations\"", "\"duration\": 5"],
            js: &["fetch(\"https://api.routescope.ai/v1/video/generations\""],
            fetch: &["duration: 5"],
        },
        Row {
            name: "video query",
            endpoint: EndpointId::VideoQuery,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("task_id", "task 7/b"),
            sdk: ("requests", "fetch"),
            py: &["requests.get(", "\"https://api.routescope.ai/v1/video/generations/task%207%2Fb\"", "!json="],
            js: &["fetch(\"https://api.routescope.ai/v1/video/generations/task%207%2Fb\""],
            fetch: &["method: \"GET\""],
        },
        Row {
            name: "key status on the self-service origin",
            endpoint: EndpointId::KeyStatus,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            sdk: ("requests", "fetch"),
            py: &["requests.get(", "\"https://webapi.routescope.ai/api/token/self/\"", "self-service API has no SDK"],
            js: &["fetch(\"https://webapi.routescope.ai/api/token/self/\""],
            fetch: &["fetch(\"https://webapi.routescope.ai/api/token/self/\""],
        },
        Row {
            name: "usage log by request id",
            endpoint: EndpointId::UsageLog,
            auth: AuthStyle::Bearer,
            edit: |v| v.set_text("request_id", "2026112407010234 5&x"),
            sdk: ("requests", "fetch"),
            py: &["\"https://webapi.routescope.ai/api/token/self/log?request_id=2026112407010234%205%26x\""],
            js: &["fetch(\"https://webapi.routescope.ai/api/token/self/log?request_id=2026112407010234%205%26x\""],
            fetch: &["fetch(\"https://webapi.routescope.ai/api/token/self/log?request_id=2026112407010234%205%26x\""],
        },
        Row {
            name: "usage stat",
            endpoint: EndpointId::UsageStat,
            auth: AuthStyle::Bearer,
            edit: no_edit,
            sdk: ("requests", "fetch"),
            py: &["\"https://webapi.routescope.ai/api/token/self/log/stat\""],
            js: &["fetch(\"https://webapi.routescope.ai/api/token/self/log/stat\""],
            fetch: &["fetch(\"https://webapi.routescope.ai/api/token/self/log/stat\""],
        },
    ]
}

fn build(row: &Row, key: &str) -> HttpRequest {
    let ep = endpoint(row.endpoint);
    let mut values = FormValues::defaults(ep);
    (row.edit)(&mut values);
    let conn = Connection {
        gateway: GATEWAY.into(),
        self_service: SELF_SERVICE.into(),
        api_key: key.into(),
        auth: row.auth,
    };
    let built = build_request(ep, &conn, &values, None);
    // ODD_KEY is refused for sending (é is fine, but nothing else stops the preview).
    built
        .request
        .unwrap_or_else(|| panic!("{}: no request: {:?}", row.name, built.errors))
}

fn base_for(row: &Row) -> &'static str {
    if endpoint(row.endpoint).origin == routescope_core::request::catalogue::Origin::SelfService {
        SELF_SERVICE
    } else {
        GATEWAY
    }
}

fn make(row: &Row, kind: SnippetKind, key: &str, exposure: KeyExposure) -> String {
    snippet(
        kind,
        endpoint(row.endpoint),
        &build(row, key),
        base_for(row),
        key,
        exposure,
    )
}

/// A scratch folder for this test process.
fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("routescope-snippets-{}-{label}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cleanup(dir: &Path) {
    if std::env::var_os("SNIPPETS_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(dir);
    } else {
        eprintln!("snippets kept in {}", dir.display());
    }
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_needles(label: &str, text: &str, needles: &[&str]) {
    for n in needles {
        match n.strip_prefix('!') {
            Some(absent) => assert!(!text.contains(absent), "{label}: must not contain {absent:?}\n{text}"),
            None => assert!(text.contains(n), "{label}: missing {n:?}\n{text}"),
        }
    }
}

#[test]
fn every_row_and_kind_compiles_and_says_the_right_thing() {
    let dir = scratch("compile");
    let rows = rows();
    let mut python_files = Vec::new();
    let mut js_files = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let ep = endpoint(row.endpoint);
        for kind in SnippetKind::ALL {
            for (k, key) in [KEY, ODD_KEY].into_iter().enumerate() {
                for exposure in [KeyExposure::FromEnv, KeyExposure::Revealed] {
                    let text = make(row, kind, key, exposure);
                    let label = format!("{} / {} / key {k} / {exposure:?}", row.name, kind.as_str());
                    let encoded = encode_component(key);
                    match exposure {
                        KeyExposure::FromEnv => {
                            assert!(
                                !text.contains(key) && !text.contains(&encoded),
                                "{label}: key leaked\n{text}"
                            );
                            assert!(text.contains(KEY_VAR), "{label}: no {KEY_VAR}\n{text}");
                            assert!(
                                text.lines()
                                    .next()
                                    .unwrap_or("")
                                    .contains(&format!("export {KEY_VAR}=")),
                                "{label}: first line\n{text}"
                            );
                        }
                        KeyExposure::Revealed => {
                            assert!(
                                text.contains(key) || text.contains(&encoded),
                                "{label}: key not written out\n{text}"
                            );
                            assert!(
                                !text.contains(KEY_VAR),
                                "{label}: reads the environment although revealed\n{text}"
                            );
                        }
                    }
                    let first = text.lines().next().unwrap_or("");
                    let expected_first = match kind {
                        SnippetKind::PythonSdk => format!(
                            "# pip install {}",
                            if row.sdk.0 == "google-genai" && row.endpoint == EndpointId::ImagenPredict {
                                "\"google-genai<=2.1\""
                            } else {
                                row.sdk.0
                            }
                        ),
                        SnippetKind::JavaScriptSdk if row.sdk.1 == "fetch" => {
                            "// Node 20+: no dependencies".to_string()
                        }
                        SnippetKind::JavaScriptSdk => format!("// npm install {}", row.sdk.1),
                        SnippetKind::Fetch => "// Node 20+: no dependencies".to_string(),
                    };
                    assert!(first.starts_with(&expected_first), "{label}: first line {first:?}");
                    let req = build(row, key);
                    let expected_sdk = match kind {
                        SnippetKind::PythonSdk => row.sdk.0,
                        SnippetKind::JavaScriptSdk => row.sdk.1,
                        SnippetKind::Fetch => "fetch",
                    };
                    assert_eq!(sdk_used(kind, ep, &req), expected_sdk, "{label}");
                    if k == 0 && exposure == KeyExposure::FromEnv {
                        let needles = match kind {
                            SnippetKind::PythonSdk => row.py,
                            SnippetKind::JavaScriptSdk => row.js,
                            SnippetKind::Fetch => row.fetch,
                        };
                        check_needles(&label, &text, needles);
                        if kind == SnippetKind::Fetch {
                            // Up to a ?key= the URL is written as is; the key is the variable.
                            let shown = match req.url.find("key=") {
                                Some(i) => &req.url[..i + 4],
                                None => req.url.as_str(),
                            };
                            let literal = js_string(shown);
                            assert!(
                                text.contains(&format!("fetch({}", literal.trim_end_matches('"'))),
                                "{label}: URL\n{text}"
                            );
                        }
                    }
                    let ext = kind.extension();
                    let path = dir.join(format!("r{i:02}-{}-k{k}-{exposure:?}.{ext}", kind.as_str()));
                    std::fs::write(&path, &text).unwrap();
                    if ext == "py" {
                        python_files.push((path, label, text));
                    } else {
                        js_files.push((path, label, text));
                    }
                }
            }
        }
    }
    for e in CATALOGUE {
        assert!(rows.iter().any(|r| r.endpoint == e.id), "no row for {:?}", e.id);
    }

    // Python: one interpreter compiles every file and names the ones that fail.
    let script = "import py_compile, sys\nbad = []\nfor p in sys.argv[1:]:\n    try:\n        py_compile.compile(p, doraise=True)\n    except py_compile.PyCompileError as e:\n        bad.append(p)\n        print(e.msg, file=sys.stderr)\nprint('\\n'.join(bad))\nsys.exit(1 if bad else 0)\n";
    let (ok, stdout, stderr) = run(Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(python_files.iter().map(|(p, _, _)| p)));
    if !ok {
        let first_bad = stdout.lines().next().unwrap_or("");
        let (_, label, text) = python_files
            .iter()
            .find(|(p, _, _)| p.to_string_lossy() == first_bad)
            .unwrap_or(&python_files[0]);
        panic!("py_compile failed for {label}:\n{stderr}\n----\n{text}");
    }
    // JavaScript: node --check per file (ES module syntax, top-level await).
    for (path, label, text) in &js_files {
        let (ok, _, stderr) = run(Command::new("node").arg("--check").arg(path));
        assert!(ok, "node --check failed for {label}:\n{stderr}\n----\n{text}");
    }
    cleanup(&dir);
}

#[test]
fn sdk_for_names_the_official_client_of_each_route() {
    let table = [
        (EndpointId::OpenAiModels, "openai", "openai"),
        (EndpointId::GeminiModels, "google-genai", "@google/genai"),
        (EndpointId::ChatCompletions, "openai", "openai"),
        (EndpointId::Responses, "openai", "openai"),
        (EndpointId::ClaudeMessages, "anthropic", "@anthropic-ai/sdk"),
        (EndpointId::GeminiGenerate, "google-genai", "@google/genai"),
        (EndpointId::ImagenPredict, "google-genai", "@google/genai"),
        (EndpointId::ImagesGenerations, "openai", "openai"),
        (EndpointId::ImageEditsMultipart, "openai", "openai"),
        (EndpointId::SeedreamEdits, "requests", "fetch"),
        (EndpointId::AsyncImageSubmit, "requests", "fetch"),
        (EndpointId::AsyncImageQuery, "requests", "fetch"),
        (EndpointId::VideoSubmit, "requests", "fetch"),
        (EndpointId::VideoQuery, "requests", "fetch"),
        (EndpointId::KeyStatus, "requests", "fetch"),
        (EndpointId::UsageLog, "requests", "fetch"),
        (EndpointId::UsageStat, "requests", "fetch"),
    ];
    assert_eq!(table.len(), CATALOGUE.len());
    for (id, py, js) in table {
        let ep = endpoint(id);
        assert_eq!(sdk_for(ep, SnippetKind::PythonSdk), py, "{id:?}");
        assert_eq!(sdk_for(ep, SnippetKind::JavaScriptSdk), js, "{id:?}");
        assert_eq!(sdk_for(ep, SnippetKind::Fetch), "fetch", "{id:?}");
    }
}

/// Numbers compare by value (`1.0` and `1` are the same once JavaScript has read them).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

fn request_json(req: &HttpRequest) -> Value {
    match &req.body {
        Body::Json(t) => serde_json::from_str(t).unwrap(),
        other => panic!("not JSON: {other:?}"),
    }
}

#[test]
fn fetch_and_js_sdk_bodies_evaluate_to_the_request_body() {
    let dir = scratch("js-bodies");
    let rows = rows();
    let mut literals = Vec::new();
    let mut expected = Vec::new();
    for row in &rows {
        let req = build(row, KEY);
        if !matches!(req.body, Body::Json(_)) {
            continue;
        }
        let body = request_json(&req);
        let fetch = make(row, SnippetKind::Fetch, KEY, KeyExposure::FromEnv);
        let literal = between(&fetch, "body: JSON.stringify(", "),\n  credentials:")
            .unwrap_or_else(|| panic!("{}: no body literal\n{fetch}", row.name));
        literals.push(format!("({literal})"));
        expected.push((format!("{} / fetch", row.name), body.clone()));
        // The JavaScript SDK tabs pass the body as the create() params, verbatim.
        let js = make(row, SnippetKind::JavaScriptSdk, KEY, KeyExposure::FromEnv);
        for callee in [
            "client.chat.completions.create(",
            "client.responses.create(",
            "client.images.generate(",
            "client.messages.create(",
        ] {
            if let Some(arg) = between(&js, callee, ");\n") {
                let arg = arg
                    .split(",\n  { headers:")
                    .next()
                    .unwrap_or(arg)
                    .trim()
                    .trim_start_matches('\n')
                    .trim_end_matches(',');
                literals.push(format!("({arg})"));
                expected.push((format!("{} / js sdk", row.name), body.clone()));
            }
        }
    }
    assert!(literals.len() >= 20, "only {} bodies checked", literals.len());
    let program = format!(
        "process.stdout.write(JSON.stringify([\n{}\n]));\n",
        literals.join(",\n")
    );
    let path = dir.join("bodies.mjs");
    std::fs::write(&path, &program).unwrap();
    let (ok, stdout, stderr) = run(Command::new("node").arg(&path));
    assert!(ok, "node failed: {stderr}\n{program}");
    let got: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(got.len(), expected.len());
    for ((name, want), got) in expected.iter().zip(&got) {
        assert!(same(want, got), "{name}: body differs\nwant {want}\ngot  {got}");
    }
    cleanup(&dir);
}

#[test]
fn python_bodies_evaluate_to_the_request_body() {
    let dir = scratch("py-bodies");
    let rows = rows();
    let mut literals = Vec::new();
    let mut expected = Vec::new();
    // The SDK kwargs, folded back together with extra_body, are the body.
    let fold = "def fold(**kw):\n    extra = kw.pop(\"extra_body\", {})\n    kw.pop(\"extra_headers\", None)\n    return {**kw, **extra}\n";
    for row in &rows {
        let req = build(row, KEY);
        if !matches!(req.body, Body::Json(_)) {
            continue;
        }
        let body = request_json(&req);
        let py = make(row, SnippetKind::PythonSdk, KEY, KeyExposure::FromEnv);
        if let Some(arg) = between(&py, "    json=", ",\n    timeout=") {
            literals.push(arg.to_string());
            expected.push((format!("{} / requests", row.name), body.clone()));
        }
        for callee in [
            "client.chat.completions.create(",
            "client.responses.create(",
            "client.images.generate(",
            "client.messages.create(",
        ] {
            if let Some(args) = between(&py, callee, "\n)\n") {
                literals.push(format!("fold({args})"));
                expected.push((format!("{} / python sdk", row.name), body.clone()));
            }
        }
    }
    assert!(literals.len() >= 12, "only {} bodies checked", literals.len());
    let program = format!(
        "import json\n{fold}\nprint(json.dumps([\n{}\n]))\n",
        literals.join(",\n")
    );
    let path = dir.join("bodies.py");
    std::fs::write(&path, &program).unwrap();
    let (ok, stdout, stderr) = run(Command::new("python3").arg(&path));
    assert!(ok, "python failed: {stderr}\n{program}");
    let got: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(got.len(), expected.len());
    for ((name, want), got) in expected.iter().zip(&got) {
        assert!(same(want, got), "{name}: body differs\nwant {want}\ngot  {got}");
    }
    cleanup(&dir);
}

/// The escaping helpers, checked by the languages themselves: every string and value
/// written as a literal reads back as the same JSON.
#[test]
fn literals_read_back_identically_in_python_and_node() {
    let dir = scratch("literals");
    let strings = [
        "",
        "plain",
        "quote \" and ' and `",
        "back\\slash\\\\",
        "new\nline\r\n",
        "tab\t",
        "nul\u{0} bell\u{7} esc\u{1b} del\u{7f} c1\u{85}",
        "${notTemplate} #{x} {braces} %s %(x)s",
        "你好 café Ελληνικά 🙂 👩\u{200d}💻",
        "\u{2028}\u{2029} separators",
        "bidi \u{202e}reversed\u{202c} \u{2066}iso\u{2069}",
        "zero\u{200b}width \u{feff}bom \u{ad}soft",
        "tag \u{e0041}",
        "*/ --> </script> \"\"\" '''",
        "trailing backslash \\",
    ];
    let value = json!({"strings": strings, "nested": {"a": [1, -2, 3.5, 1e-7, 12345678901234u64, true, false, null], "__proto__": {"x": 1}, "x-y": "z", "1a": []}});
    let py = format!(
        "import json\nprint(json.dumps([[{}], {}]))\n",
        strings.iter().map(|s| python_string(s)).collect::<Vec<_>>().join(", "),
        python_value(&value)
    );
    let js = format!(
        "process.stdout.write(JSON.stringify([[{}], {}]));\n",
        strings.iter().map(|s| js_string(s)).collect::<Vec<_>>().join(", "),
        js_value(&value)
    );
    let py_path = dir.join("literals.py");
    let js_path = dir.join("literals.mjs");
    std::fs::write(&py_path, &py).unwrap();
    std::fs::write(&js_path, &js).unwrap();
    let (ok, out, err) = run(Command::new("python3").arg(&py_path));
    assert!(ok, "{err}\n{py}");
    let got: Value = serde_json::from_str(&out).unwrap();
    assert!(same(&got, &json!([strings, value])), "python read back {got}");
    let (ok, out, err) = run(Command::new("node").arg(&js_path));
    assert!(ok, "{err}\n{js}");
    let got: Value = serde_json::from_str(&out).unwrap();
    assert!(same(&got, &json!([strings, value])), "node read back {got}");
    // Nothing invisible is written raw.
    for s in strings {
        for lit in [python_string(s), js_string(s)] {
            assert!(
                !lit.chars()
                    .any(|c| c.is_control()
                        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}' | '\u{200b}' | '\u{feff}')),
                "{lit}"
            );
        }
    }
    cleanup(&dir);
}

#[test]
fn a_v1_base_is_kept_so_the_snippet_calls_what_the_playground_calls() {
    let ep = endpoint(EndpointId::ChatCompletions);
    let conn = Connection {
        gateway: "https://api.routescope.ai/v1/".into(),
        api_key: KEY.into(),
        ..Connection::default()
    };
    let req = build_request(ep, &conn, &FormValues::defaults(ep), None)
        .request
        .unwrap();
    let py = snippet(
        SnippetKind::PythonSdk,
        ep,
        &req,
        "https://api.routescope.ai/v1/",
        KEY,
        KeyExposure::FromEnv,
    );
    assert!(py.contains("base_url=\"https://api.routescope.ai/v1/v1\""), "{py}");
    let fetch = snippet(
        SnippetKind::Fetch,
        ep,
        &req,
        "https://api.routescope.ai/v1/",
        KEY,
        KeyExposure::FromEnv,
    );
    assert!(
        fetch.contains("fetch(\"https://api.routescope.ai/v1/v1/chat/completions\""),
        "{fetch}"
    );
}

#[test]
fn a_raw_body_the_sdk_cannot_express_falls_back_to_plain_http() {
    let ep = endpoint(EndpointId::GeminiGenerate);
    let conn = Connection {
        api_key: KEY.into(),
        ..Connection::default()
    };
    let raw = r#"{"contents":[{"role":"user","parts":[{"text":"hi","thoughtSignature":"x"}]}],"labels":{"a":"b"}}"#;
    let req = build_request(ep, &conn, &FormValues::defaults(ep), Some(raw))
        .request
        .unwrap();
    assert_eq!(sdk_used(SnippetKind::PythonSdk, ep, &req), "requests");
    assert_eq!(sdk_used(SnippetKind::JavaScriptSdk, ep, &req), "fetch");
    let py = snippet(SnippetKind::PythonSdk, ep, &req, GATEWAY, KEY, KeyExposure::FromEnv);
    assert!(
        py.contains("requests.post(") && py.contains("\"thoughtSignature\": \"x\""),
        "{py}"
    );

    // Not JSON at all: sent as typed.
    let chat = endpoint(EndpointId::ChatCompletions);
    let req = build_request(chat, &conn, &FormValues::defaults(chat), Some("{\"model\": "))
        .request
        .unwrap();
    let py = snippet(SnippetKind::PythonSdk, chat, &req, GATEWAY, KEY, KeyExposure::FromEnv);
    assert!(py.contains("data=\"{\\\"model\\\": \".encode()"), "{py}");
    let fetch = snippet(SnippetKind::Fetch, chat, &req, GATEWAY, KEY, KeyExposure::FromEnv);
    assert!(fetch.contains("body: \"{\\\"model\\\": \","), "{fetch}");
}

#[test]
fn no_key_means_no_auth_header_and_a_note() {
    let ep = endpoint(EndpointId::UsageStat);
    let conn = Connection::default();
    let req = build_request(ep, &conn, &FormValues::defaults(ep), None)
        .request
        .unwrap();
    let fetch = snippet(SnippetKind::Fetch, ep, &req, SELF_SERVICE, "", KeyExposure::FromEnv);
    assert!(
        fetch.contains("carries no key") && !fetch.contains("Authorization:"),
        "{fetch}"
    );
}
