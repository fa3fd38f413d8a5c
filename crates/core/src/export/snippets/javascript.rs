//! JavaScript snippets (ES modules, Node 20+): `openai`, `@anthropic-ai/sdk`,
//! `@google/genai`; routes without an SDK method use the `fetch` snippet.

use serde_json::{Map, Value};

use super::literal::{Node, Writer};
use super::{
    camel, file_names, google_auth_note, reads_note, GeminiCall, GeminiContents, GeminiPart, ImagenCall, Info,
    OpenAiCall, Plan, Script, SystemInstruction,
};
use crate::request::catalogue::AuthStyle;
use crate::request::http::{MultipartPart, PartValue};

/// Multipart fields the SDK types as numbers.
const INTEGER_PARTS: &[&str] = &["n", "output_compression", "partial_images"];

/// The JavaScript SDK snippet for a planned request.
pub(crate) fn javascript(plan: &Plan, info: &Info, w: &mut Writer) -> String {
    match plan {
        Plan::OpenAi(call) => openai(call, info, w),
        Plan::Claude(body) => claude(body, info, w),
        Plan::GeminiList => gemini_list(info, w),
        Plan::Gemini(call) => gemini(call, info, w),
        Plan::Imagen(call) => imagen(call, info, w),
        Plan::Plain(reason) => super::fetch::fetch(info, w, Some(reason)),
    }
}

fn entry(name: &str, node: Node) -> (String, Node) {
    (name.to_string(), node)
}

fn header_map(headers: &[(String, String)]) -> Node {
    Node::Map(
        headers
            .iter()
            .map(|(n, v)| (n.clone(), Node::str(v.as_str())))
            .collect(),
    )
}

fn new_client(w: &mut Writer, target: &str, class: &str, options: Vec<(String, Node)>) -> String {
    let lead = format!("const {target} = new {class}(").len();
    format!(
        "const {target} = new {class}({});",
        w.render_after(&Node::Map(options), 0, lead)
    )
}

/// `const target = await callee(arg, …);`
fn await_call(w: &mut Writer, target: &str, callee: &str, args: Vec<Node>) -> String {
    let args = args.into_iter().map(|a| (None, a)).collect();
    let lead = format!("const {target} = await ").len();
    format!(
        "const {target} = await {};",
        w.render_after(&Node::Call(callee.to_string(), args), 0, lead)
    )
}

const SAVE_OPENAI_IMAGES: &str = "for (const [i, image] of (result.data ?? []).entries()) {
  if (image.b64_json) {
    await writeFile(\"image-\" + i + \".png\", Buffer.from(image.b64_json, \"base64\"));
    console.log(\"saved image-\" + i + \".png\");
  } else {
    console.log(image.url);
  }
}";

fn openai(call: &OpenAiCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "npm install openai");
    if info.auth == Some(AuthStyle::XApiKey) {
        s.note("The SDK sends the key as Authorization: Bearer; RouteScope accepts it as well as x-api-key.");
    }
    let uses_files = matches!(call, OpenAiCall::ImagesEdit(_));
    s.import(if uses_files {
        "import OpenAI, { toFile } from \"openai\";"
    } else {
        "import OpenAI from \"openai\";"
    });
    let mut options = vec![
        entry("baseURL", Node::str(format!("{}/v1", info.base))),
        entry("apiKey", Node::Code(w.key_expr())),
    ];
    if !info.extra_headers.is_empty() {
        options.push(entry("defaultHeaders", header_map(&info.extra_headers)));
    }
    s.block(new_client(w, "client", "OpenAI", options));
    let body = |m: &Map<String, Value>| Node::Json(Value::Object(m.clone()));
    match call {
        OpenAiCall::ListModels => {
            s.block("for await (const model of client.models.list()) {\n  console.log(model.id);\n}")
        }
        OpenAiCall::RetrieveModel(id) => {
            let c = await_call(w, "model", "client.models.retrieve", vec![Node::str(id.as_str())]);
            s.block(format!("{c}\nconsole.log(model);"));
        }
        OpenAiCall::Chat(m) if info.streaming => {
            let c = await_call(w, "stream", "client.chat.completions.create", vec![body(m)]);
            s.block(format!(
                "{c}\nfor await (const chunk of stream) {{\n  process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n}}\nprocess.stdout.write(\"\\n\");"
            ));
        }
        OpenAiCall::Chat(m) => {
            let c = await_call(w, "completion", "client.chat.completions.create", vec![body(m)]);
            s.block(format!("{c}\nconsole.log(completion.choices[0].message.content);"));
        }
        OpenAiCall::Responses(m) if info.streaming => {
            let c = await_call(w, "stream", "client.responses.create", vec![body(m)]);
            s.block(format!(
                "{c}\nfor await (const event of stream) {{\n  if (event.type === \"response.output_text.delta\") process.stdout.write(event.delta);\n}}\nprocess.stdout.write(\"\\n\");"
            ));
        }
        OpenAiCall::Responses(m) => {
            let c = await_call(w, "response", "client.responses.create", vec![body(m)]);
            s.block(format!("{c}\nconsole.log(response.output_text);"));
        }
        OpenAiCall::ImagesGenerate(m) => {
            s.std_import("import { writeFile } from \"node:fs/promises\";");
            let c = await_call(w, "result", "client.images.generate", vec![body(m)]);
            s.block(format!("{c}\n{SAVE_OPENAI_IMAGES}"));
        }
        OpenAiCall::ImagesEdit(parts) => {
            s.std_import("import fs from \"node:fs\";");
            s.std_import("import { writeFile } from \"node:fs/promises\";");
            if let Some(n) = reads_note(&file_names(parts)) {
                s.note(&n);
            }
            let params = edit_params(parts, w);
            let c = await_call(w, "result", "client.images.edit", vec![params]);
            s.block(format!("{c}\n{SAVE_OPENAI_IMAGES}"));
        }
    }
    s.finish(w)
}

/// The multipart parts as `images.edit` params; several `image[]` files become an array
/// (the SDK sends an array as repeated `image[]` parts).
fn edit_params(parts: &[MultipartPart], w: &mut Writer) -> Node {
    let mut groups: Vec<(String, bool, Vec<Node>)> = Vec::new();
    for p in parts {
        let (name, listed) = match p.name.strip_suffix("[]") {
            Some(n) => (n.to_string(), true),
            None => (p.name.clone(), false),
        };
        let node = match &p.value {
            PartValue::File(f) => {
                let path = w.str(&f.name);
                let mime = w.str(&f.effective_mime());
                Node::Code(format!(
                    "await toFile(fs.createReadStream({path}), {path}, {{ type: {mime} }})"
                ))
            }
            PartValue::Text(t) if INTEGER_PARTS.contains(&name.as_str()) && t.parse::<i64>().is_ok() => {
                Node::Code(t.clone())
            }
            PartValue::Text(t) => Node::str(t.as_str()),
        };
        match groups.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, l, items)) => {
                *l |= listed;
                items.push(node);
            }
            None => groups.push((name, listed, vec![node])),
        }
    }
    Node::Map(
        groups
            .into_iter()
            .map(|(name, listed, mut items)| {
                let node = if listed || items.len() > 1 {
                    Node::List(items)
                } else {
                    items.pop().unwrap_or(Node::code("null"))
                };
                (name, node)
            })
            .collect(),
    )
}

fn claude(body: &Map<String, Value>, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "npm install @anthropic-ai/sdk");
    s.note("RouteScope accepts the key as x-api-key or Authorization: Bearer, whichever your SDK version sends.");
    s.import("import Anthropic from \"@anthropic-ai/sdk\";");
    // anthropic-version is always set: the default differs between SDK versions.
    let (per_call, defaults): (Vec<_>, Vec<_>) = info
        .extra_headers
        .iter()
        .cloned()
        .partition(|(n, _)| n.eq_ignore_ascii_case("anthropic-beta"));
    let mut options = vec![
        entry("baseURL", Node::str(info.base.as_str())),
        entry("apiKey", Node::Code(w.key_expr())),
    ];
    if !defaults.is_empty() {
        options.push(entry("defaultHeaders", header_map(&defaults)));
    }
    s.block(new_client(w, "client", "Anthropic", options));
    let mut args = vec![Node::Json(Value::Object(body.clone()))];
    if !per_call.is_empty() {
        args.push(Node::Map(vec![entry("headers", header_map(&per_call))]));
    }
    if info.streaming {
        let c = await_call(w, "stream", "client.messages.create", args);
        s.block(format!(
            "{c}\nfor await (const event of stream) {{\n  if (event.type === \"content_block_delta\" && event.delta.type === \"text_delta\") {{\n    process.stdout.write(event.delta.text);\n  }}\n}}\nprocess.stdout.write(\"\\n\");"
        ));
    } else {
        let c = await_call(w, "message", "client.messages.create", args);
        s.block(format!(
            "{c}\nconsole.log(message.content.filter((block) => block.type === \"text\").map((block) => block.text).join(\"\"));"
        ));
    }
    s.finish(w)
}

fn genai_client(s: &mut Script, info: &Info, w: &mut Writer) {
    s.note(google_auth_note(info.auth));
    s.note("apiVersion: \"v1beta\": RouteScope documents /v1beta paths (newer SDKs default to /v1).");
    s.import("import { GoogleGenAI } from \"@google/genai\";");
    let mut http = vec![
        entry("baseUrl", Node::str(info.base.as_str())),
        entry("apiVersion", Node::str("v1beta")),
    ];
    if !info.extra_headers.is_empty() {
        http.push(entry("headers", header_map(&info.extra_headers)));
    }
    let options = vec![
        entry("apiKey", Node::Code(w.key_expr())),
        entry("httpOptions", Node::Map(http)),
    ];
    s.block(new_client(w, "ai", "GoogleGenAI", options));
}

fn gemini_list(info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "npm install @google/genai");
    genai_client(&mut s, info, w);
    s.block("const pager = await ai.models.list();\nfor await (const model of pager) {\n  console.log(model.name);\n}");
    s.finish(w)
}

fn gemini(g: &GeminiCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "npm install @google/genai");
    genai_client(&mut s, info, w);
    let mut inline = Vec::new();
    let contents = match &g.contents {
        GeminiContents::Text(t) => Node::str(t.as_str()),
        GeminiContents::Turns(turns) => Node::List(
            turns
                .iter()
                .map(|t| {
                    let mut fields = Vec::new();
                    if let Some(role) = &t.role {
                        fields.push(entry("role", Node::str(role.as_str())));
                    }
                    let parts = t
                        .parts
                        .iter()
                        .map(|p| match p {
                            GeminiPart::Text(text) => Node::Map(vec![entry("text", Node::str(text.as_str()))]),
                            GeminiPart::Inline { mime, file } => {
                                inline.push(file.clone());
                                let data = format!("(await readFile({})).toString(\"base64\")", w.str(file));
                                Node::Map(vec![entry(
                                    "inlineData",
                                    Node::Map(vec![
                                        entry("mimeType", Node::str(mime.as_str())),
                                        entry("data", Node::Code(data)),
                                    ]),
                                )])
                            }
                            GeminiPart::Uri { mime, uri } => Node::Map(vec![entry(
                                "fileData",
                                Node::Map(vec![
                                    entry("mimeType", Node::str(mime.as_str())),
                                    entry("fileUri", Node::str(uri.as_str())),
                                ]),
                            )]),
                        })
                        .collect();
                    fields.push(entry("parts", Node::List(parts)));
                    Node::Map(fields)
                })
                .collect(),
        ),
    };
    if let Some(n) = reads_note(&inline) {
        s.note(&n);
    }
    let mut config = Vec::new();
    match &g.system {
        Some(SystemInstruction::Text(t)) => config.push(entry("systemInstruction", Node::str(t.as_str()))),
        Some(SystemInstruction::Raw(v)) => config.push(entry("systemInstruction", Node::Json(v.clone()))),
        None => {}
    }
    for (name, value) in g.config.iter().chain(&g.extras) {
        config.push(entry(&camel(name), Node::Json(value.clone())));
    }
    let mut params = vec![entry("model", Node::str(g.model.as_str())), entry("contents", contents)];
    if !config.is_empty() {
        params.push(entry("config", Node::Map(config)));
    }
    let fs_names: Vec<&str> = [(!inline.is_empty(), "readFile"), (!info.streaming, "writeFile")]
        .iter()
        .filter(|(used, _)| *used)
        .map(|(_, n)| *n)
        .collect();
    if !fs_names.is_empty() {
        s.std_import(&format!(
            "import {{ {} }} from \"node:fs/promises\";",
            fs_names.join(", ")
        ));
    }
    if info.streaming {
        let c = await_call(w, "stream", "ai.models.generateContentStream", vec![Node::Map(params)]);
        s.block(format!(
            "{c}\nfor await (const chunk of stream) {{\n  process.stdout.write(chunk.text ?? \"\");\n}}\nprocess.stdout.write(\"\\n\");"
        ));
    } else {
        let c = await_call(w, "response", "ai.models.generateContent", vec![Node::Map(params)]);
        s.block(format!(
            "{c}
const parts = response.candidates?.[0]?.content?.parts ?? [];
for (const [i, part] of parts.entries()) {{
  if (part.inlineData?.data) {{
    const name = \"gemini-\" + i + \".\" + (part.inlineData.mimeType ?? \"image/png\").split(\"/\").pop();
    await writeFile(name, Buffer.from(part.inlineData.data, \"base64\"));
    console.log(\"saved\", name);
  }} else if (part.text) {{
    console.log(part.text);
  }}
}}"
        ));
    }
    s.finish(w)
}

fn imagen(g: &ImagenCall, info: &Info, w: &mut Writer) -> String {
    let mut s = Script::new(info, w, "npm install @google/genai");
    genai_client(&mut s, info, w);
    s.note("Imagen goes to :predict; if your SDK version refuses Imagen on this API, use the fetch tab.");
    s.std_import("import { writeFile } from \"node:fs/promises\";");
    let mut params = vec![
        entry("model", Node::str(g.model.as_str())),
        entry("prompt", Node::str(g.prompt.as_str())),
    ];
    if !g.params.is_empty() {
        let config = g
            .params
            .iter()
            .map(|(n, v)| (camel(n), Node::Json(v.clone())))
            .collect();
        params.push(entry("config", Node::Map(config)));
    }
    let c = await_call(w, "result", "ai.models.generateImages", vec![Node::Map(params)]);
    s.block(format!(
        "{c}
for (const [i, generated] of (result.generatedImages ?? []).entries()) {{
  if (generated.image?.imageBytes) {{
    await writeFile(\"imagen-\" + i + \".png\", Buffer.from(generated.image.imageBytes, \"base64\"));
    console.log(\"saved imagen-\" + i + \".png\");
  }}
}}"
    ));
    s.finish(w)
}
