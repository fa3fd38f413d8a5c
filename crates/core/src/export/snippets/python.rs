//! Python snippets: `openai`, `anthropic`, `google-genai`, or `requests`.

use serde_json::{Map, Value};

use super::literal::{Node, Writer};
use super::{
    file_names, google_auth_note, reads_note, GeminiCall, GeminiContents, GeminiPart, ImagenCall, Info, OpenAiCall,
    Plan, Script, SystemInstruction,
};
use crate::request::catalogue::AuthStyle;
use crate::request::http::{Body, FileRef, Method, MultipartPart, PartValue};

/// Keyword arguments of `client.chat.completions.create`; others travel in `extra_body`.
const CHAT_PARAMS: &[&str] = &[
    "messages",
    "model",
    "audio",
    "frequency_penalty",
    "function_call",
    "functions",
    "logit_bias",
    "logprobs",
    "max_completion_tokens",
    "max_tokens",
    "metadata",
    "modalities",
    "n",
    "parallel_tool_calls",
    "prediction",
    "presence_penalty",
    "prompt_cache_key",
    "reasoning_effort",
    "response_format",
    "safety_identifier",
    "seed",
    "service_tier",
    "stop",
    "store",
    "stream",
    "stream_options",
    "temperature",
    "tool_choice",
    "tools",
    "top_logprobs",
    "top_p",
    "user",
    "verbosity",
    "web_search_options",
];

/// Keyword arguments of `client.responses.create`.
const RESPONSES_PARAMS: &[&str] = &[
    "background",
    "conversation",
    "include",
    "input",
    "instructions",
    "max_output_tokens",
    "max_tool_calls",
    "metadata",
    "model",
    "parallel_tool_calls",
    "previous_response_id",
    "prompt",
    "prompt_cache_key",
    "reasoning",
    "safety_identifier",
    "service_tier",
    "store",
    "stream",
    "stream_options",
    "temperature",
    "text",
    "tool_choice",
    "tools",
    "top_logprobs",
    "top_p",
    "truncation",
    "user",
];

/// Keyword arguments of `client.images.generate`.
const IMAGES_GENERATE_PARAMS: &[&str] = &[
    "prompt",
    "background",
    "model",
    "moderation",
    "n",
    "output_compression",
    "output_format",
    "quality",
    "response_format",
    "size",
    "style",
    "user",
];

/// Keyword arguments of `client.images.edit`.
const IMAGES_EDIT_PARAMS: &[&str] = &[
    "image",
    "prompt",
    "background",
    "input_fidelity",
    "mask",
    "model",
    "n",
    "output_compression",
    "output_format",
    "quality",
    "response_format",
    "size",
    "user",
];

/// Multipart fields the SDK types as integers.
const INTEGER_PARTS: &[&str] = &["n", "output_compression", "partial_images"];

/// Keyword arguments of `client.messages.create`.
const CLAUDE_PARAMS: &[&str] = &[
    "max_tokens",
    "messages",
    "model",
    "metadata",
    "service_tier",
    "stop_sequences",
    "stream",
    "system",
    "temperature",
    "thinking",
    "tool_choice",
    "tools",
    "top_k",
    "top_p",
];

/// The `anthropic-version` the 2.x Python SDK sends by itself (see `docs/endpoints.md`, SDK notes).
const ANTHROPIC_SDK_VERSION: &str = "2026-10-21";

/// The Python snippet for a planned request.
pub(crate) fn python(plan: &Plan, info: &Info, w: &mut Writer) -> String {
    match plan {
        Plan::OpenAi(call) => openai(call, info, w),
        Plan::Claude(body) => claude(body, info, w),
        Plan::GeminiList => gemini_list(info, w),
        Plan::Gemini(call) => gemini(call, info, w),
        Plan::Imagen(call) => imagen(call, info, w),
        Plan::Plain(reason) => plain(info, w, reason),
    }
}

fn kw(name: &str, node: Node) -> (Option<String>, Node) {
    (Some(name.to_string()), node)
}

/// The body's fields as keyword arguments; unknown ones go in `extra_body`.
fn kwargs(body: &Map<String, Value>, known: &[&str]) -> Vec<(Option<String>, Node)> {
    let mut args = Vec::new();
    let mut extra = Vec::new();
    for (k, v) in body {
        if known.contains(&k.as_str()) {
            args.push(kw(k, Node::Json(v.clone())));
        } else {
            extra.push((k.clone(), Node::Json(v.clone())));
        }
    }
    if !extra.is_empty() {
        args.push(kw("extra_body", Node::Map(extra)));
    }
    args
}

fn header_map(headers: &[(String, String)]) -> Node {
    Node::Map(
        headers
            .iter()
            .map(|(n, v)| (n.clone(), Node::str(v.as_str())))
            .collect(),
    )
}

fn call(w: &mut Writer, target: &str, callee: &str, args: Vec<(Option<String>, Node)>) -> String {
    format!(
        "{target} = {}",
        w.render_after(&Node::Call(callee.to_string(), args), 0, target.len() + 3)
    )
}

const SAVE_OPENAI_IMAGES: &str = "for i, image in enumerate(result.data or []):
    if image.b64_json:
        with open(f\"image-{i}.png\", \"wb\") as f:
            f.write(base64.b64decode(image.b64_json))
        print(f\"saved image-{i}.png\")
    else:
        print(image.url)";

fn openai(call_: &OpenAiCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "pip install openai");
    if info.auth == Some(AuthStyle::XApiKey) {
        s.note("The SDK sends the key as Authorization: Bearer; RouteScope accepts it as well as x-api-key.");
    }
    s.import("from openai import OpenAI");
    let mut client = vec![
        kw("base_url", Node::str(format!("{}/v1", info.base))),
        kw("api_key", Node::Code(w.key_expr())),
    ];
    if !info.extra_headers.is_empty() {
        client.push(kw("default_headers", header_map(&info.extra_headers)));
    }
    s.block(call(w, "client", "OpenAI", client));
    match call_ {
        OpenAiCall::ListModels => s.block("for model in client.models.list():\n    print(model.id)"),
        OpenAiCall::RetrieveModel(id) => {
            let retrieve = call(
                w,
                "model",
                "client.models.retrieve",
                vec![(None, Node::str(id.as_str()))],
            );
            s.block(format!("{retrieve}\nprint(model)"));
        }
        OpenAiCall::Chat(body) => {
            let args = kwargs(body, CHAT_PARAMS);
            if info.streaming {
                let c = call(w, "stream", "client.chat.completions.create", args);
                s.block(format!(
                    "{c}\nfor chunk in stream:\n    if chunk.choices and chunk.choices[0].delta.content:\n        print(chunk.choices[0].delta.content, end=\"\", flush=True)\nprint()"
                ));
            } else {
                let c = call(w, "completion", "client.chat.completions.create", args);
                s.block(format!("{c}\nprint(completion.choices[0].message.content)"));
            }
        }
        OpenAiCall::Responses(body) => {
            let args = kwargs(body, RESPONSES_PARAMS);
            if info.streaming {
                let c = call(w, "stream", "client.responses.create", args);
                s.block(format!(
                    "{c}\nfor event in stream:\n    if event.type == \"response.output_text.delta\":\n        print(event.delta, end=\"\", flush=True)\nprint()"
                ));
            } else {
                let c = call(w, "response", "client.responses.create", args);
                s.block(format!("{c}\nprint(response.output_text)"));
            }
        }
        OpenAiCall::ImagesGenerate(body) => {
            s.std_import("import base64");
            let c = call(
                w,
                "result",
                "client.images.generate",
                kwargs(body, IMAGES_GENERATE_PARAMS),
            );
            s.block(format!("{c}\n{SAVE_OPENAI_IMAGES}"));
        }
        OpenAiCall::ImagesEdit(parts) => {
            s.std_import("import base64");
            if let Some(n) = reads_note(&file_names(parts)) {
                s.note(&n);
            }
            let args = edit_kwargs(parts, w);
            let c = call(w, "result", "client.images.edit", args);
            s.block(format!("{c}\n{SAVE_OPENAI_IMAGES}"));
        }
    }
    s.finish(w)
}

/// `open("a.png", "rb")`, or a `(name, handle, type)` tuple when the name's extension
/// would not tell the SDK the type the request declares.
fn open_file(file: &FileRef, w: &mut Writer) -> Node {
    let path = w.str(&file.name);
    let handle = format!("open({path}, \"rb\")");
    let guessed = FileRef {
        mime: String::new(),
        ..file.clone()
    }
    .effective_mime();
    let mime = file.effective_mime();
    if guessed == mime {
        Node::Code(handle)
    } else {
        Node::Code(format!("({path}, {handle}, {})", w.str(&mime)))
    }
}

/// The multipart parts as `images.edit` keyword arguments: several `image[]` files
/// become a list (the SDK sends a list as repeated `image[]` parts).
fn edit_kwargs(parts: &[MultipartPart], w: &mut Writer) -> Vec<(Option<String>, Node)> {
    let mut groups: Vec<(String, bool, Vec<&MultipartPart>)> = Vec::new();
    for p in parts {
        let (name, listed) = match p.name.strip_suffix("[]") {
            Some(n) => (n.to_string(), true),
            None => (p.name.clone(), false),
        };
        match groups.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, l, items)) => {
                *l |= listed;
                items.push(p);
            }
            None => groups.push((name, listed, vec![p])),
        }
    }
    let mut args = Vec::new();
    let mut extra = Vec::new();
    for (name, listed, items) in groups {
        let nodes: Vec<Node> = items
            .iter()
            .map(|p| match &p.value {
                PartValue::File(f) => open_file(f, w),
                PartValue::Text(t) if INTEGER_PARTS.contains(&name.as_str()) && t.parse::<i64>().is_ok() => {
                    Node::Code(t.clone())
                }
                PartValue::Text(t) => Node::str(t.as_str()),
            })
            .collect();
        let node = if listed || nodes.len() > 1 {
            Node::List(nodes)
        } else {
            nodes.into_iter().next().unwrap_or(Node::Code("None".into()))
        };
        if IMAGES_EDIT_PARAMS.contains(&name.as_str()) {
            args.push(kw(&name, node));
        } else {
            extra.push((name, node));
        }
    }
    if !extra.is_empty() {
        args.push(kw("extra_body", Node::Map(extra)));
    }
    args
}

fn claude(body: &Map<String, Value>, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "pip install anthropic");
    s.note("anthropic 2.x authenticates with Authorization: Bearer (1.x used x-api-key); RouteScope accepts both.");
    s.import("from anthropic import Anthropic");
    let mut defaults = Vec::new();
    let mut per_call = Vec::new();
    for (name, value) in &info.extra_headers {
        if name.eq_ignore_ascii_case("anthropic-version") {
            if value == ANTHROPIC_SDK_VERSION {
                s.note(&format!(
                    "anthropic 2.x sends anthropic-version: {ANTHROPIC_SDK_VERSION} by itself."
                ));
            } else {
                defaults.push((name.clone(), value.clone()));
            }
        } else if name.eq_ignore_ascii_case("anthropic-beta") {
            per_call.push((name.clone(), value.clone()));
        } else {
            defaults.push((name.clone(), value.clone()));
        }
    }
    let mut client = vec![
        kw("base_url", Node::str(info.base.as_str())),
        kw("api_key", Node::Code(w.key_expr())),
    ];
    if !defaults.is_empty() {
        client.push(kw("default_headers", header_map(&defaults)));
    }
    s.block(call(w, "client", "Anthropic", client));
    let mut args = kwargs(body, CLAUDE_PARAMS);
    if !per_call.is_empty() {
        args.push(kw("extra_headers", header_map(&per_call)));
    }
    if info.streaming {
        let c = call(w, "stream", "client.messages.create", args);
        s.block(format!(
            "{c}\nfor event in stream:\n    if event.type == \"content_block_delta\" and event.delta.type == \"text_delta\":\n        print(event.delta.text, end=\"\", flush=True)\nprint()"
        ));
    } else {
        let c = call(w, "message", "client.messages.create", args);
        s.block(format!(
            "{c}\nprint(\"\".join(block.text for block in message.content if block.type == \"text\"))"
        ));
    }
    s.finish(w)
}

/// The google-genai client and the notes every google-genai snippet carries.
fn genai_client(s: &mut Script, info: &Info, w: &mut Writer) {
    s.note(google_auth_note(info.auth));
    s.note("api_version=\"v1beta\": RouteScope documents /v1beta paths (google-genai 3.x would call /v1).");
    s.import("from google import genai");
    s.import("from google.genai import types");
    let mut options = vec![
        kw("base_url", Node::str(info.base.as_str())),
        kw("api_version", Node::str("v1beta")),
    ];
    if !info.extra_headers.is_empty() {
        options.push(kw("headers", header_map(&info.extra_headers)));
    }
    let client = vec![
        kw("api_key", Node::Code(w.key_expr())),
        kw("http_options", Node::Call("types.HttpOptions".into(), options)),
    ];
    s.block(call(w, "client", "genai.Client", client));
}

fn gemini_list(info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "pip install google-genai");
    genai_client(&mut s, info, w);
    s.block("for model in client.models.list():\n    print(model.name)");
    s.finish(w)
}

fn gemini(g: &GeminiCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "pip install google-genai");
    let inline: Vec<String> = match &g.contents {
        GeminiContents::Text(_) => Vec::new(),
        GeminiContents::Turns(turns) => turns
            .iter()
            .flat_map(|t| &t.parts)
            .filter_map(|p| match p {
                GeminiPart::Inline { file, .. } => Some(file.clone()),
                _ => None,
            })
            .collect(),
    };
    genai_client(&mut s, info, w);
    if let Some(n) = reads_note(&inline) {
        s.note(&n);
    }
    let contents = match &g.contents {
        GeminiContents::Text(t) => Node::str(t.as_str()),
        GeminiContents::Turns(turns) => Node::List(
            turns
                .iter()
                .map(|t| {
                    let mut args = Vec::new();
                    if let Some(role) = &t.role {
                        args.push(kw("role", Node::str(role.as_str())));
                    }
                    let parts = t.parts.iter().map(|p| gemini_part(p, w)).collect();
                    args.push(kw("parts", Node::List(parts)));
                    Node::Call("types.Content".into(), args)
                })
                .collect(),
        ),
    };
    let mut config = Vec::new();
    match &g.system {
        Some(SystemInstruction::Text(t)) => config.push(kw("system_instruction", Node::str(t.as_str()))),
        Some(SystemInstruction::Raw(v)) => config.push(kw("system_instruction", Node::Json(v.clone()))),
        None => {}
    }
    for (name, value) in g.config.iter().chain(&g.extras) {
        config.push(kw(name, Node::Json(value.clone())));
    }
    let mut args = vec![kw("model", Node::str(g.model.as_str())), kw("contents", contents)];
    if !config.is_empty() {
        args.push(kw("config", Node::Call("types.GenerateContentConfig".into(), config)));
    }
    if info.streaming {
        let c = w.render_after(&Node::Call("client.models.generate_content_stream".into(), args), 0, 13);
        s.block(format!(
            "for chunk in {c}:\n    print(chunk.text or \"\", end=\"\", flush=True)\nprint()"
        ));
    } else {
        let c = call(w, "response", "client.models.generate_content", args);
        s.block(format!(
            "{c}\ncontent = response.candidates[0].content if response.candidates else None
for i, part in enumerate((content.parts if content else None) or []):
    if part.inline_data and part.inline_data.data:
        name = f\"gemini-{{i}}.\" + (part.inline_data.mime_type or \"image/png\").split(\"/\")[-1]
        with open(name, \"wb\") as f:
            f.write(part.inline_data.data)
        print(\"saved\", name)
    elif part.text:
        print(part.text)"
        ));
    }
    s.finish(w)
}

fn gemini_part(part: &GeminiPart, w: &mut Writer) -> Node {
    match part {
        GeminiPart::Text(t) => Node::Call("types.Part.from_text".into(), vec![kw("text", Node::str(t.as_str()))]),
        GeminiPart::Inline { mime, file } => {
            let data = format!("open({}, \"rb\").read()", w.str(file));
            Node::Call(
                "types.Part.from_bytes".into(),
                vec![kw("data", Node::Code(data)), kw("mime_type", Node::str(mime.as_str()))],
            )
        }
        GeminiPart::Uri { mime, uri } => Node::Call(
            "types.Part.from_uri".into(),
            vec![
                kw("file_uri", Node::str(uri.as_str())),
                kw("mime_type", Node::str(mime.as_str())),
            ],
        ),
    }
}

fn imagen(g: &ImagenCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(
        info,
        w,
        "pip install \"google-genai<=2.1\"  (2.2+ refuses Imagen on this API)",
    );
    genai_client(&mut s, info, w);
    let mut args = vec![
        kw("model", Node::str(g.model.as_str())),
        kw("prompt", Node::str(g.prompt.as_str())),
    ];
    if !g.params.is_empty() {
        let config = g.params.iter().map(|(n, v)| kw(n, Node::Json(v.clone()))).collect();
        args.push(kw("config", Node::Call("types.GenerateImagesConfig".into(), config)));
    }
    let c = call(w, "result", "client.models.generate_images", args);
    s.block(format!(
        "{c}
for i, generated in enumerate(result.generated_images or []):
    if generated.image and generated.image.image_bytes:
        with open(f\"imagen-{{i}}.png\", \"wb\") as f:
            f.write(generated.image.image_bytes)
        print(f\"saved imagen-{{i}}.png\")"
    ));
    s.finish(w)
}

/// `requests` with exactly the request's method, URL, headers and body.
fn plain(info: &Info, w: &mut Writer, reason: &str) -> String {
    let mut s = Script::new(info, w, "pip install requests");
    s.note(&format!(
        "{reason}. Plain HTTP with requests: exactly the request the playground shows."
    ));
    if info.auth.is_none() {
        s.note("This request carries no key: add your Authorization header.");
    }
    s.import("import requests");
    let r = info.request;
    let mut args = vec![(None, Node::Url(r.url.clone()))];
    if !info.headers.is_empty() {
        args.push(kw("headers", header_map(&info.headers)));
    }
    match (&r.body, &info.json) {
        (Body::Empty, _) => {}
        (Body::Json(_), Some(v)) => args.push(kw("json", Node::Json(v.clone()))),
        (Body::Json(text), None) => {
            // A str body would be encoded as Latin-1 by http.client: send UTF-8 bytes.
            args.push(kw("data", Node::Code(format!("{}.encode()", w.str(text)))));
        }
        (Body::Multipart(parts), _) => {
            if let Some(n) = reads_note(&file_names(parts)) {
                s.note(&n);
            }
            // (None, value) tuples are plain fields: one list keeps the parts in order.
            let files = parts
                .iter()
                .map(|p| {
                    let name = w.str(&p.name);
                    Node::Code(match &p.value {
                        PartValue::Text(t) => format!("({name}, (None, {}))", w.str(t)),
                        PartValue::File(f) => {
                            let path = w.str(&f.name);
                            format!(
                                "({name}, ({path}, open({path}, \"rb\"), {}))",
                                w.str(&f.effective_mime())
                            )
                        }
                    })
                })
                .collect();
            args.push(kw("files", Node::List(files)));
        }
    }
    if info.streaming {
        args.push(kw("stream", Node::code("True")));
    }
    args.push(kw("timeout", Node::Code(info.endpoint.timeout_secs.to_string())));
    let callee = match r.method {
        Method::Get => "requests.get",
        Method::Post => "requests.post",
    };
    let c = call(w, "response", callee, args);
    if info.streaming {
        s.block(format!(
            "{c}\nprint(response.status_code)\nfor line in response.iter_lines(decode_unicode=True):\n    print(line)"
        ));
    } else {
        s.block(format!("{c}\nprint(response.status_code)\nprint(response.text)"));
    }
    s.finish(w)
}
