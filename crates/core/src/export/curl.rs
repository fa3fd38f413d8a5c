//! Exporting a built request as a curl command a person can paste into a terminal.

use crate::export::shell_words::{quote, quote_with_var};
use crate::request::http::{Body, HttpRequest, Method, PartValue};
use crate::text::percent::encode_component;

/// The environment variable a masked export reads the key from.
pub const KEY_VAR: &str = "ROUTESCOPE_API_KEY";

/// How the key appears in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyExposure {
    /// Read from `$ROUTESCOPE_API_KEY`: safe to paste anywhere, still runnable.
    FromEnv,
    /// Written out in full, because the person revealed it on purpose.
    Revealed,
}

/// The curl command for `request`. `key` is the secret to hide unless revealed.
pub fn to_curl(request: &HttpRequest, key: &str, exposure: KeyExposure) -> String {
    to_curl_reading(request, key, exposure, KEY_VAR)
}

/// The curl command for `request` with a hidden key read from `$var` (a support report's
/// provider section reads `$PROVIDER_API_KEY`).
pub fn to_curl_reading(request: &HttpRequest, key: &str, exposure: KeyExposure, var: &str) -> String {
    let hide = exposure == KeyExposure::FromEnv && key.len() >= 4;
    let arg = |word: &str| -> String {
        if hide && word.contains(key) {
            quote_with_var(word, key, var)
        } else {
            quote(word)
        }
    };
    let mut lines = Vec::new();
    let has_body = !matches!(request.body, Body::Empty);
    let method_flag = match (request.method, has_body) {
        (Method::Get, false) | (Method::Post, true) => String::new(),
        (m, _) => format!(" -X {}", m.as_str()),
    };
    // A `?key=` key with characters a URL must encode (`/ + = & %`) cannot be spliced in as
    // `$ROUTESCOPE_API_KEY`: the shell would paste it raw. curl encodes it itself when it
    // comes through `--url-query` (curl 7.87+), which keeps the key out of the command and the
    // request exactly as built (the builder puts the key last, where curl appends it).
    let encoded = encode_component(key.trim());
    let key_param = format!("key={encoded}");
    let url_query = (hide && encoded != key.trim())
        .then(|| {
            request
                .url
                .strip_suffix(&key_param)
                .and_then(|rest| rest.strip_suffix('?').or_else(|| rest.strip_suffix('&')))
        })
        .flatten();
    match url_query {
        Some(url) => {
            lines.push(format!("curl{method_flag} {}", quote(url)));
            lines.push(format!(
                "  --url-query {}",
                quote_with_var(&format!("key={}", key.trim()), key.trim(), var)
            ));
        }
        None => lines.push(format!("curl{method_flag} {}", arg(&request.url))),
    }
    for h in &request.headers {
        lines.push(format!("  -H {}", arg(&format!("{}: {}", h.name, h.value))));
    }
    match &request.body {
        Body::Empty => {}
        Body::Json(text) => lines.push(format!("  --data-raw {}", arg(text))),
        Body::Multipart(parts) => {
            for p in parts {
                match &p.value {
                    // `-F name=@x` would read a file and `<x` a file's text: values starting
                    // with those must travel as --form-string.
                    PartValue::Text(t) if t.starts_with('@') || t.starts_with('<') => {
                        lines.push(format!("  --form-string {}", arg(&format!("{}={}", p.name, t))))
                    }
                    PartValue::Text(t) => lines.push(format!("  -F {}", arg(&format!("{}={}", p.name, t)))),
                    PartValue::File(f) => lines.push(format!(
                        "  -F {}",
                        quote(&format!("{}=@{};type={}", p.name, f.name, f.effective_mime()))
                    )),
                }
            }
        }
    }
    lines.join(" \\\n")
}
