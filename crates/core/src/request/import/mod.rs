//! Importing what a person already has: a curl command (bash or Windows `cmd`, as docs,
//! terminals and browsers write it), a `fetch(…)` call, or a raw HTTP request. The text is
//! read into a [`Command`], then matched to the catalogue's endpoint, whose form is filled;
//! what the form cannot say stays in the raw body or is listed with the reason.
//!
//! A key found in the import is a secret: it is returned apart ([`FoundKey`], whose `Debug`
//! masks it) for the person to accept or ignore, and never enters the form values, so it
//! cannot reach history or links. The gateway the command called is returned too, to be
//! used only if the person agrees.

pub mod curl;
pub mod fetch;

use crate::request::catalogue::{endpoint, AuthStyle, BodyKind, EndpointId, FieldKind, Target, CATALOGUE};
use crate::request::form::{FieldValue, FormValues};
use crate::request::sync::values_from_body;
use crate::text::percent::{decode_component, decode_segment};
use crate::text::redact::mask_key;
use crate::text::shell;

/// An HTTP request as a command described it, before it is matched to an endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    /// The method, upper-case.
    pub method: Option<String>,
    /// The absolute URL.
    pub url: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Option<ImportBody>,
    /// A client timeout the command set (curl `-m`).
    pub timeout_secs: Option<u32>,
    /// Parts of the command not used, and why.
    pub notes: Vec<String>,
}

/// A command's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportBody {
    /// Text (JSON, form-encoded, anything).
    Text(String),
    /// Multipart form parts (curl `-F`).
    Form(Vec<FormPart>),
}

/// One multipart part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormPart {
    /// The part's name.
    pub name: String,
    /// Its value.
    pub value: PartValue,
}

/// A multipart part's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    /// A text value.
    Text(String),
    /// A file on the machine that ran the command (a page cannot read it by its path).
    File {
        /// The path as written.
        path: String,
        /// The type the command gave, if any.
        mime: Option<String>,
    },
}

/// A key found in an import, and how it was sent.
#[derive(Clone, PartialEq, Eq)]
pub struct FoundKey {
    /// The key.
    pub value: String,
    /// How it travelled.
    pub style: AuthStyle,
}

impl std::fmt::Debug for FoundKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FoundKey({}, {:?})", mask_key(&self.value), self.style)
    }
}

/// What an import gives the playground.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The endpoint it matched.
    pub endpoint: EndpointId,
    /// The form values (never the key).
    pub values: FormValues,
    /// The body as written, when the form cannot say all of it.
    pub raw_body: Option<String>,
    /// The address the command called, up to the endpoint's path (origin and any prefix).
    pub base: String,
    /// The key it carried, if any.
    pub key: Option<FoundKey>,
    /// The client timeout it set, if any.
    pub timeout_secs: Option<u32>,
    /// What was not imported, and why.
    pub unmapped: Vec<String>,
}

/// The kinds of text an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A curl command.
    Curl,
    /// A `fetch(…)` call.
    Fetch,
    /// A raw HTTP request.
    RawHttp,
}

/// Which kind of text this is, if it is one an import reads (used to notice a command
/// pasted into the gateway address).
pub fn detect(text: &str) -> Option<Format> {
    let t = strip_prompt(text);
    let first = t.lines().next().unwrap_or("").trim();
    let word = first.split_whitespace().next().unwrap_or("");
    if matches!(word, "curl" | "curl.exe") {
        return Some(Format::Curl);
    }
    if t.contains("fetch(")
        && (t.starts_with("fetch(") || t.starts_with("await ") || t.starts_with("const ") || t.starts_with("let "))
    {
        return Some(Format::Fetch);
    }
    let mut parts = first.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next());
    let is_method = matches!(method, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS");
    let raw = is_method && (version.is_some_and(|v| v.starts_with("HTTP/")) || target.starts_with("http"));
    raw.then_some(Format::RawHttp)
}

/// A shell prompt pasted along (`$ curl …`, `> curl …`, `PS C:\> curl …`).
fn strip_prompt(text: &str) -> &str {
    let t = text.trim();
    for prompt in ["$ ", "% ", "> ", "# "] {
        if let Some(rest) = t.strip_prefix(prompt) {
            return rest.trim_start();
        }
    }
    t
}

/// Reads any supported text into a [`Command`].
pub fn read_command(text: &str) -> Result<Command, String> {
    let t = strip_prompt(text);
    match detect(t) {
        Some(Format::Curl) => {
            let words = shell::split(t, shell::dialect_of(t)).map_err(|e| match e {
                shell::SplitError::UnclosedQuote(q) => format!("a {q} quote is opened and never closed"),
            })?;
            curl::parse_curl(&words)
        }
        Some(Format::Fetch) => fetch::parse_fetch(t),
        Some(Format::RawHttp) => fetch::parse_raw_http(t),
        None => Err("paste a curl command, a fetch(…) call or a raw HTTP request".into()),
    }
}

/// Imports a text: reads it, matches the endpoint, fills the form.
pub fn import(text: &str) -> Result<Imported, String> {
    let cmd = read_command(text)?;
    map_command(cmd)
}

/// The parts of an absolute URL this module needs.
struct Url<'a> {
    origin: &'a str,
    path: &'a str,
    query: Vec<(String, String)>,
}

fn parse_url(url: &str) -> Result<Url<'_>, String> {
    let without_fragment = url.split('#').next().unwrap_or(url);
    let (before_query, query) = without_fragment.split_once('?').unwrap_or((without_fragment, ""));
    let scheme_end = before_query.find("://").ok_or("the URL has no scheme")? + 3;
    let path_start = before_query[scheme_end..]
        .find('/')
        .map_or(before_query.len(), |i| scheme_end + i);
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_component(k), decode_component(v))
        })
        .collect();
    Ok(Url {
        origin: &before_query[..path_start],
        path: &before_query[path_start..],
        query,
    })
}

/// A path matched against an endpoint's template: the prefix before it and the one
/// placeholder's value.
struct PathMatch {
    prefix: String,
    placeholder: Option<(String, String)>,
    literal_len: usize,
}

/// Matches `path` (no query) against `template` (`/v1beta/models/{model}:generateContent`):
/// the template must end the path; anything before it is the gateway's prefix.
fn match_template(template: &'static str, path: &str) -> Option<PathMatch> {
    let template = template.split('?').next().unwrap_or(template);
    let trim = |s: &str| s.trim_end_matches('/').to_string();
    let (template, path) = (trim(template), trim(path));
    let Some(open) = template.find('{') else {
        let prefix = path.strip_suffix(template.as_str())?;
        return Some(PathMatch {
            prefix: prefix.to_string(),
            placeholder: None,
            literal_len: template.len(),
        });
    };
    let close = template.find('}')?;
    let (before, name, after) = (&template[..open], &template[open + 1..close], &template[close + 1..]);
    let head = path.strip_suffix(after)?;
    let at = head.rfind(before)?;
    let value = &head[at + before.len()..];
    // `/v1/models{model}`: the value comes with its own slash, or is absent.
    let value = if before.ends_with('/') {
        value.to_string()
    } else {
        value.strip_prefix('/').unwrap_or(value).to_string()
    };
    let multi_segment = name == "list";
    if (value.contains('/') && !multi_segment) || (value.is_empty() && before.ends_with('/')) {
        return None;
    }
    Some(PathMatch {
        prefix: head[..at].to_string(),
        placeholder: Some((name.to_string(), decode_segment(&value))),
        literal_len: before.len() + after.len(),
    })
}

/// Which endpoint a method and path are, with how they matched; the longest literal match
/// wins (a specific route over a generic one), then the catalogue's order.
fn match_endpoint(method: &str, path: &str, multipart: bool) -> Option<(EndpointId, PathMatch, bool)> {
    let mut best: Option<(EndpointId, PathMatch, bool)> = None;
    for ep in CATALOGUE {
        if !ep.method.as_str().eq_ignore_ascii_case(method) {
            continue;
        }
        if (ep.body == BodyKind::Multipart) != multipart && ep.body != BodyKind::None {
            continue;
        }
        let templates = [(ep.path, false)].into_iter().chain(ep.stream_path.map(|p| (p, true)));
        for (template, streamed) in templates {
            if let Some(m) = match_template(template, path) {
                if best.as_ref().is_none_or(|(_, b, _)| m.literal_len > b.literal_len) {
                    best = Some((ep.id, m, streamed));
                }
            }
        }
    }
    best
}

/// Fills the endpoint's form from a command.
pub fn map_command(cmd: Command) -> Result<Imported, String> {
    let url = parse_url(&cmd.url)?;
    let method = cmd.method.clone().unwrap_or_else(|| "GET".into());
    let multipart = matches!(cmd.body, Some(ImportBody::Form(_)));
    let (id, matched, streamed_path) = match_endpoint(&method, url.path, multipart)
        .ok_or_else(|| format!("{method} {} is not one of the playground's endpoints", url.path))?;
    let ep = endpoint(id);
    let mut values = FormValues::defaults(ep);
    let mut unmapped = cmd.notes.clone();
    let mut raw_body = None;
    let mut key = None;

    if let Some((name, value)) = matched.placeholder {
        if let Some(f) = ep
            .fields
            .iter()
            .find(|f| matches!(f.target, Target::Path(n) | Target::PathRaw(n) if n == name.as_str()))
        {
            values.set_text(f.key, value);
        }
    }
    if let Some(f) = ep.fields.iter().find(|f| f.target == Target::WholePath) {
        values.set_text(
            f.key,
            url.path
                .strip_prefix(matched.prefix.as_str())
                .unwrap_or(url.path)
                .to_string(),
        );
    }
    if streamed_path {
        if let Some(f) = ep.fields.iter().find(|f| f.target == Target::Stream) {
            values.set(f.key, FieldValue::Flag(true));
        }
    }
    for (name, value) in &url.query {
        match (
            name.as_str(),
            ep.fields
                .iter()
                .find(|f| matches!(f.target, Target::Query(n) if n == name.as_str())),
        ) {
            ("key", _) => {
                key = Some(FoundKey {
                    value: value.clone(),
                    style: AuthStyle::QueryKey,
                })
            }
            ("alt", _) if streamed_path && value == "sse" => {}
            (_, Some(f)) => values.set_text(f.key, value.clone()),
            _ => unmapped.push(format!("?{name}=…: not a parameter of {}", ep.title)),
        }
    }
    for (name, value) in &cmd.headers {
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "authorization" => match value.split_once(' ') {
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                    key = Some(FoundKey {
                        value: token.trim().to_string(),
                        style: AuthStyle::Bearer,
                    });
                }
                _ => unmapped.push("Authorization: not a Bearer key; the gateway takes Bearer keys".into()),
            },
            "x-api-key" => {
                key = Some(FoundKey {
                    value: value.clone(),
                    style: AuthStyle::XApiKey,
                })
            }
            "x-goog-api-key" => {
                key = Some(FoundKey {
                    value: value.clone(),
                    style: AuthStyle::XGoogApiKey,
                })
            }
            // What the browser and the form set by themselves.
            "content-type" | "accept" | "accept-encoding" | "accept-language" | "user-agent" | "origin" | "referer"
            | "connection" | "host" | "content-length" | "cache-control" | "pragma" | "priority" | "dnt" => {}
            l if l.starts_with("sec-") || l == "cookie" => {}
            _ => match ep
                .fields
                .iter()
                .find(|f| matches!(f.target, Target::Header(h) if h.eq_ignore_ascii_case(&lower)))
            {
                Some(f) => values.set_text(f.key, value.clone()),
                None => unmapped.push(format!("{name}: a header the {} form does not send", ep.title)),
            },
        }
    }
    match cmd.body {
        Some(ImportBody::Text(text)) if ep.body == BodyKind::Json => match values_from_body(ep, &text, &values) {
            Some((read, raw)) => {
                values = read;
                raw_body = raw;
            }
            None => unmapped.push("the body is not JSON, which this endpoint takes".into()),
        },
        Some(ImportBody::Form(parts)) => {
            for part in parts {
                let field = ep
                    .fields
                    .iter()
                    .find(|f| matches!(f.target, Target::Part(n) if n == part.name || format!("{n}[]") == part.name));
                match (part.value, field) {
                    (PartValue::Text(v), Some(f)) if !matches!(f.kind, FieldKind::Files { .. }) => {
                        values.set_text(f.key, v)
                    }
                    (PartValue::File { path, .. }, Some(f)) if matches!(f.kind, FieldKind::Files { .. }) => {
                        unmapped.push(format!(
                            "{}: choose {path} again in \"{}\" (a page cannot open a file by its path)",
                            part.name, f.label
                        ));
                    }
                    _ => unmapped.push(format!("{}: not a part of {}", part.name, ep.title)),
                }
            }
        }
        Some(ImportBody::Text(_)) => unmapped.push(format!("the body: {} sends none", ep.title)),
        None => {}
    }
    // `$OPENAI_API_KEY`, `${KEY}`, `%KEY%`: the docs' placeholder, not a key.
    if let Some(k) = key.take() {
        let v = k.value.trim();
        if v.starts_with('$') || (v.starts_with('%') && v.ends_with('%')) || v.starts_with('<') || v.is_empty() {
            unmapped.push(format!(
                "the key is {v}, a placeholder: enter your key in the API key field"
            ));
        } else {
            key = Some(k);
        }
    }
    Ok(Imported {
        endpoint: id,
        values,
        raw_body,
        base: format!("{}{}", url.origin, matched.prefix),
        key,
        timeout_secs: cmd.timeout_secs,
        unmapped,
    })
}
