//! Exporting a built request as code: the official Python / JavaScript SDK call that sends
//! it, or plain `fetch`.
//!
//! The snippet is derived from the [`HttpRequest`] the preview shows, so it says what the
//! playground would send. An SDK is used where it has a method that sends this body as is
//! (the OpenAI, Anthropic and google-genai clients); routes no SDK covers (Seedream JSON
//! edits, async tasks, the self-service API) and bodies an SDK call cannot express exactly
//! fall back to `requests` in Python and `fetch` in JavaScript. The key is read from
//! `ROUTESCOPE_API_KEY` unless the person revealed it.

pub mod literal;

mod fetch;
mod google;
mod javascript;
mod python;

use serde_json::{Map, Value};

use crate::export::curl::{KeyExposure, KEY_VAR};
use crate::request::base_url::BaseUrl;
use crate::request::catalogue::{AuthStyle, Endpoint, EndpointId};
use crate::request::http::{Body, HttpRequest, MultipartPart};
use crate::text::percent::decode_segment;
use google::{gemini_call, imagen_call, path_model};
pub(crate) use google::{GeminiCall, GeminiContents, GeminiPart, ImagenCall, SystemInstruction};
use literal::{comment_text, Lang, Writer};

/// The languages/SDKs a request can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SnippetKind {
    /// Python with the official SDK of the route (`openai`, `anthropic`, `google-genai`),
    /// or `requests` where no SDK method exists.
    PythonSdk,
    /// JavaScript (ES module, Node 20+) with the official SDK, or `fetch`.
    JavaScriptSdk,
    /// Plain `fetch`, exactly the request's method, URL, headers and body.
    Fetch,
}

impl SnippetKind {
    /// Every kind, in the order of the tabs.
    pub const ALL: [SnippetKind; 3] = [SnippetKind::PythonSdk, SnippetKind::JavaScriptSdk, SnippetKind::Fetch];

    /// The id used in storage and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetKind::PythonSdk => "python-sdk",
            SnippetKind::JavaScriptSdk => "javascript-sdk",
            SnippetKind::Fetch => "fetch",
        }
    }

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            SnippetKind::PythonSdk => "Python",
            SnippetKind::JavaScriptSdk => "JavaScript",
            SnippetKind::Fetch => "fetch",
        }
    }

    /// The file extension the snippet would be saved with.
    pub fn extension(self) -> &'static str {
        match self {
            SnippetKind::PythonSdk => "py",
            SnippetKind::JavaScriptSdk | SnippetKind::Fetch => "mjs",
        }
    }
}

/// Which official SDK a snippet uses for this endpoint (for the tab label and a note):
/// `openai`, `anthropic` / `@anthropic-ai/sdk`, `google-genai` / `@google/genai`, or
/// `requests` / `fetch` where no SDK method exists. [`sdk_used`] refines this for a
/// particular request (a raw body an SDK call cannot express falls back to plain HTTP).
pub fn sdk_for(endpoint: &Endpoint, kind: SnippetKind) -> &'static str {
    let family = match endpoint.id {
        EndpointId::OpenAiModels
        | EndpointId::ChatCompletions
        | EndpointId::Responses
        | EndpointId::ImagesGenerations
        | EndpointId::ImageEditsMultipart => Family::OpenAi,
        EndpointId::ClaudeMessages => Family::Anthropic,
        EndpointId::GeminiModels | EndpointId::GeminiGenerate | EndpointId::ImagenPredict => Family::Google,
        EndpointId::SeedreamEdits
        | EndpointId::AsyncImageSubmit
        | EndpointId::AsyncImageQuery
        | EndpointId::VideoSubmit
        | EndpointId::VideoQuery
        | EndpointId::KeyStatus
        | EndpointId::UsageLog
        | EndpointId::UsageStat => Family::Plain,
    };
    family.package(kind)
}

/// The SDK the snippet for this very request uses: [`sdk_for`], except where the request
/// needs plain HTTP (the OpenAI-shaped Gemini list, a body the SDK cannot send as is).
pub fn sdk_used(kind: SnippetKind, endpoint: &Endpoint, request: &HttpRequest) -> &'static str {
    let info = Info::new(endpoint, request, "");
    plan(&info).family().package(kind)
}

/// The snippet for `request` (already built by `build_request`), runnable as written.
/// `base` is the gateway or self-service address as typed (e.g. `https://api.routescope.ai`);
/// SDK clients are pointed at it. `key` never appears in the output unless `exposure` is
/// [`KeyExposure::Revealed`].
pub fn snippet(
    kind: SnippetKind,
    endpoint: &Endpoint,
    request: &HttpRequest,
    base: &str,
    key: &str,
    exposure: KeyExposure,
) -> String {
    let info = Info::new(endpoint, request, base);
    match kind {
        SnippetKind::PythonSdk => {
            let mut w = Writer::new(Lang::Python, key, exposure);
            python::python(&plan(&info), &info, &mut w)
        }
        SnippetKind::JavaScriptSdk => {
            let mut w = Writer::new(Lang::Js, key, exposure);
            javascript::javascript(&plan(&info), &info, &mut w)
        }
        SnippetKind::Fetch => {
            let mut w = Writer::new(Lang::Js, key, exposure);
            fetch::fetch(&info, &mut w, None)
        }
    }
}

/// Which client library family a snippet is written against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    OpenAi,
    Anthropic,
    Google,
    Plain,
}

impl Family {
    fn package(self, kind: SnippetKind) -> &'static str {
        match (self, kind) {
            (_, SnippetKind::Fetch) | (Family::Plain, SnippetKind::JavaScriptSdk) => "fetch",
            (Family::Plain, SnippetKind::PythonSdk) => "requests",
            (Family::OpenAi, _) => "openai",
            (Family::Anthropic, SnippetKind::PythonSdk) => "anthropic",
            (Family::Anthropic, SnippetKind::JavaScriptSdk) => "@anthropic-ai/sdk",
            (Family::Google, SnippetKind::PythonSdk) => "google-genai",
            (Family::Google, SnippetKind::JavaScriptSdk) => "@google/genai",
        }
    }
}

/// What the snippet writers need to know about the request, read once.
pub(crate) struct Info<'a> {
    pub(crate) endpoint: &'a Endpoint,
    pub(crate) request: &'a HttpRequest,
    /// The JSON body, when there is one and it parses.
    pub(crate) json: Option<Value>,
    /// Whether the answer is an event stream (`"stream": true`, `alt=sse`).
    pub(crate) streaming: bool,
    /// How the request carries the key, if it does.
    pub(crate) auth: Option<AuthStyle>,
    /// The request's headers, duplicates joined with `, `.
    pub(crate) headers: Vec<(String, String)>,
    /// The headers an SDK client must be told about: all but the key and Content-Type.
    pub(crate) extra_headers: Vec<(String, String)>,
    /// The address SDK clients are pointed at, without a trailing slash.
    pub(crate) base: String,
}

impl<'a> Info<'a> {
    fn new(endpoint: &'a Endpoint, request: &'a HttpRequest, base: &str) -> Info<'a> {
        let json = match &request.body {
            Body::Json(text) => serde_json::from_str::<Value>(text).ok(),
            _ => None,
        };
        let (path, query) = split_url(&request.url);
        let streaming = json.as_ref().and_then(|j| j.get("stream")) == Some(&Value::Bool(true))
            || path.contains(":streamGenerateContent")
            || query.split('&').any(|p| p == "alt=sse");
        let auth = if request.header("authorization").is_some() {
            Some(AuthStyle::Bearer)
        } else if request.header("x-api-key").is_some() {
            Some(AuthStyle::XApiKey)
        } else if request.header("x-goog-api-key").is_some() {
            Some(AuthStyle::XGoogApiKey)
        } else if query.split('&').any(|p| p.starts_with("key=")) {
            Some(AuthStyle::QueryKey)
        } else {
            None
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        for h in &request.headers {
            if matches!(request.body, Body::Multipart(_)) && h.name.eq_ignore_ascii_case("content-type") {
                // The runtime's FormData writes the boundary; a hand-written one breaks it.
                continue;
            }
            match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&h.name)) {
                Some((_, v)) => {
                    v.push_str(", ");
                    v.push_str(&h.value);
                }
                None => headers.push((h.name.clone(), h.value.clone())),
            }
        }
        let extra_headers = headers
            .iter()
            .filter(|(n, _)| {
                !["authorization", "x-api-key", "x-goog-api-key", "content-type"]
                    .iter()
                    .any(|skip| n.eq_ignore_ascii_case(skip))
            })
            .cloned()
            .collect();
        let base = match BaseUrl::parse(base) {
            Ok(b) => b.as_string(),
            Err(_) => base.trim().trim_end_matches('/').to_string(),
        };
        Info {
            endpoint,
            request,
            json,
            streaming,
            auth,
            headers,
            extra_headers,
            base,
        }
    }

    /// The request's path, without origin and query.
    pub(crate) fn path(&self) -> &str {
        split_url(&self.request.url).0
    }

    /// The first line of a snippet: what to install and where the key comes from.
    pub(crate) fn first_line(&self, w: &Writer, install: &str) -> String {
        let mark = match w.lang() {
            Lang::Python => "#",
            Lang::Js => "//",
        };
        if w.revealed() {
            format!("{mark} {install}  |  the key is written out below: keep this snippet private")
        } else {
            format!("{mark} {install}  |  export {KEY_VAR}=<your key>")
        }
    }
}

/// `(path, query)` of an absolute URL.
fn split_url(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    let from_path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let without_fragment = from_path.split('#').next().unwrap_or("");
    match without_fragment.split_once('?') {
        Some((p, q)) => (p, q),
        None => (without_fragment, ""),
    }
}

/// `camelCase` → `snake_case`; snake_case stays as it is.
pub(crate) fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `snake_case` → `camelCase`.
pub(crate) fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// What a google-genai snippet says about the key: the SDK always sends `x-goog-api-key`.
pub(crate) fn google_auth_note(auth: Option<AuthStyle>) -> &'static str {
    match auth {
        Some(AuthStyle::QueryKey) => {
            "This request puts the key in ?key=; the SDK sends it as an x-goog-api-key header instead, which RouteScope accepts the same way."
        }
        Some(AuthStyle::XGoogApiKey) => "The SDK sends the key as an x-goog-api-key header, as this request does.",
        _ => "The SDK sends the key as an x-goog-api-key header (RouteScope's docs show Bearer; the gateway accepts both).",
    }
}

/// A note line that cannot break out of its comment.
pub(crate) fn note(text: &str) -> String {
    comment_text(text)
}

/// The SDK call a request maps onto, or why it is sent as plain HTTP.
pub(crate) enum Plan {
    /// The `openai` client.
    OpenAi(OpenAiCall),
    /// `messages.create` of the Anthropic client, with the body's fields.
    Claude(Map<String, Value>),
    /// `models.list()` of the google-genai client.
    GeminiList,
    /// `models.generate_content` of the google-genai client.
    Gemini(GeminiCall),
    /// `models.generate_images` of the google-genai client.
    Imagen(ImagenCall),
    /// No SDK method: plain HTTP, for this reason.
    Plain(&'static str),
}

impl Plan {
    fn family(&self) -> Family {
        match self {
            Plan::OpenAi(_) => Family::OpenAi,
            Plan::Claude(_) => Family::Anthropic,
            Plan::GeminiList | Plan::Gemini(_) | Plan::Imagen(_) => Family::Google,
            Plan::Plain(_) => Family::Plain,
        }
    }
}

/// The `openai` client method and its arguments.
pub(crate) enum OpenAiCall {
    /// `models.list()`
    ListModels,
    /// `models.retrieve(id)`
    RetrieveModel(String),
    /// `chat.completions.create(**body)`
    Chat(Map<String, Value>),
    /// `responses.create(**body)`
    Responses(Map<String, Value>),
    /// `images.generate(**body)`
    ImagesGenerate(Map<String, Value>),
    /// `images.edit(...)` from the multipart parts.
    ImagesEdit(Vec<MultipartPart>),
}

const NO_SDK_SEEDREAM: &str = "The openai SDK's images.edit uploads files as multipart; Seedream edits take JSON";
const NO_SDK_TASKS: &str = "Async image tasks are RouteScope's own API: no SDK has a method for them";
const NO_SDK_VIDEO: &str = "Video tasks (new-api standard) have no SDK method";
const NO_SDK_SELF: &str = "The self-service API has no SDK";
const NO_SDK_GEMINI_OPENAI_LIST: &str = "The OpenAI-shaped Gemini list has no google-genai method";
const NO_SDK_BODY: &str = "This body has fields the SDK call cannot send exactly as written";

/// Decides how the request is expressed.
fn plan(info: &Info) -> Plan {
    let object = info.json.as_ref().and_then(Value::as_object).cloned();
    let path = info.path();
    match info.endpoint.id {
        EndpointId::OpenAiModels => match path.rsplit_once("/models/") {
            Some((_, id)) if !id.is_empty() => Plan::OpenAi(OpenAiCall::RetrieveModel(decode_segment(id))),
            _ => Plan::OpenAi(OpenAiCall::ListModels),
        },
        EndpointId::GeminiModels if path.ends_with("/openai/models") => Plan::Plain(NO_SDK_GEMINI_OPENAI_LIST),
        EndpointId::GeminiModels => Plan::GeminiList,
        EndpointId::ChatCompletions => object.map_or(Plan::Plain(NO_SDK_BODY), |m| Plan::OpenAi(OpenAiCall::Chat(m))),
        EndpointId::Responses => object.map_or(Plan::Plain(NO_SDK_BODY), |m| Plan::OpenAi(OpenAiCall::Responses(m))),
        EndpointId::ClaudeMessages => object.map_or(Plan::Plain(NO_SDK_BODY), Plan::Claude),
        // A streamed image generation answers with events the snippet would not print.
        EndpointId::ImagesGenerations if info.streaming => Plan::Plain(NO_SDK_BODY),
        EndpointId::ImagesGenerations => object.map_or(Plan::Plain(NO_SDK_BODY), |m| {
            Plan::OpenAi(OpenAiCall::ImagesGenerate(m))
        }),
        EndpointId::ImageEditsMultipart => match &info.request.body {
            Body::Multipart(parts) => Plan::OpenAi(OpenAiCall::ImagesEdit(parts.clone())),
            _ => Plan::Plain(NO_SDK_BODY),
        },
        EndpointId::GeminiGenerate => {
            gemini_call(info.json.as_ref(), path_model(path)).map_or(Plan::Plain(NO_SDK_BODY), Plan::Gemini)
        }
        EndpointId::ImagenPredict => {
            imagen_call(info.json.as_ref(), path_model(path)).map_or(Plan::Plain(NO_SDK_BODY), Plan::Imagen)
        }
        EndpointId::SeedreamEdits => Plan::Plain(NO_SDK_SEEDREAM),
        EndpointId::AsyncImageSubmit | EndpointId::AsyncImageQuery => Plan::Plain(NO_SDK_TASKS),
        EndpointId::VideoSubmit | EndpointId::VideoQuery => Plan::Plain(NO_SDK_VIDEO),
        EndpointId::KeyStatus | EndpointId::UsageLog | EndpointId::UsageStat => Plan::Plain(NO_SDK_SELF),
    }
}

/// The local files a multipart body reads, for a note.
pub(crate) fn file_names(parts: &[MultipartPart]) -> Vec<String> {
    parts
        .iter()
        .filter_map(|p| match &p.value {
            crate::request::http::PartValue::File(f) => Some(f.name.clone()),
            crate::request::http::PartValue::Text(_) => None,
        })
        .collect()
}

/// "Reads a.png, b.png and c.png from the current folder."
pub(crate) fn reads_note(files: &[String]) -> Option<String> {
    let names: Vec<String> = files.iter().map(|f| comment_text(f)).collect();
    let list = match names.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    Some(format!("Reads {list} from the current folder: the files you picked."))
}

/// Assembles a snippet: first line, notes, imports, then blocks separated by blank lines.
pub(crate) struct Script {
    lang: Lang,
    first: String,
    notes: Vec<String>,
    std_imports: Vec<String>,
    imports: Vec<String>,
    blocks: Vec<String>,
}

impl Script {
    /// A snippet whose first line says to run `install`.
    pub(crate) fn new(info: &Info, w: &Writer, install: &str) -> Script {
        Script {
            lang: w.lang(),
            first: info.first_line(w, install),
            notes: Vec::new(),
            std_imports: Vec::new(),
            imports: Vec::new(),
            blocks: Vec::new(),
        }
    }

    /// A comment line under the first.
    pub(crate) fn note(&mut self, text: &str) {
        self.notes.push(note(text));
    }

    /// A standard-library import (Python) or `node:` import (JavaScript).
    pub(crate) fn std_import(&mut self, line: &str) {
        if !self.std_imports.iter().any(|l| l == line) {
            self.std_imports.push(line.to_string());
        }
    }

    /// A package import.
    pub(crate) fn import(&mut self, line: &str) {
        if !self.imports.iter().any(|l| l == line) {
            self.imports.push(line.to_string());
        }
    }

    /// A block of statements.
    pub(crate) fn block(&mut self, code: impl Into<String>) {
        self.blocks.push(code.into());
    }

    /// The finished text.
    pub(crate) fn finish(mut self, w: &Writer) -> String {
        if self.lang == Lang::Python {
            if w.uses_env {
                self.std_imports.push("import os".to_string());
            }
            if w.uses_quote {
                self.std_imports.push("from urllib.parse import quote".to_string());
            }
            // isort's order: `import x` lines, then `from x import y`, each alphabetical.
            self.std_imports.sort_by_key(|l| (l.starts_with("from "), l.clone()));
        }
        let mark = match self.lang {
            Lang::Python => "#",
            Lang::Js => "//",
        };
        let mut out = self.first;
        out.push('\n');
        for n in &self.notes {
            out.push_str(&format!("{mark} {n}\n"));
        }
        for group in [&self.std_imports, &self.imports] {
            if !group.is_empty() {
                out.push_str(&group.join("\n"));
                out.push_str("\n\n");
            }
        }
        if self.std_imports.is_empty() && self.imports.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.blocks.join("\n\n"));
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(snake("maxOutputTokens"), "max_output_tokens");
        assert_eq!(snake("top_p"), "top_p");
        assert_eq!(camel("number_of_images"), "numberOfImages");
        assert_eq!(split_url("https://h:1/p/q?a=1&b#f"), ("/p/q", "a=1&b"));
        assert_eq!(split_url("https://h"), ("", ""));
        assert_eq!(
            path_model("/v1beta/models/gemini-2.5-flash:streamGenerateContent"),
            Some("gemini-2.5-flash".into())
        );
        assert_eq!(path_model("/v1beta/models/a%2Fb:predict"), Some("a/b".into()));
    }

    #[test]
    fn kinds_round_trip_their_ids() {
        for k in SnippetKind::ALL {
            assert_eq!(SnippetKind::ALL.iter().filter(|x| x.as_str() == k.as_str()).count(), 1);
            assert!(!k.label().is_empty());
        }
    }
}
