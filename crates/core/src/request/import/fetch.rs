//! `fetch(…)` calls as browsers copy them ("Copy as fetch", "Copy as fetch (Node.js)") or as
//! people write them, and raw HTTP requests (`POST /v1/… HTTP/1.1`, headers, a blank line,
//! the body), read into a [`Command`].

use serde_json::Value;

use crate::request::import::{Command, ImportBody};

/// Reads `fetch("url", { … })` (with or without `await`, a trailing `;` or `.then(…)`).
pub fn parse_fetch(text: &str) -> Result<Command, String> {
    let start = text.find("fetch(").ok_or("no fetch( call")? + "fetch(".len();
    let args = &text[start..];
    let (url, after_url) = string_literal(args.trim_start()).ok_or("fetch( needs the URL as a string first")?;
    let mut cmd = Command {
        url,
        ..Command::default()
    };
    let rest = after_url.trim_start();
    if let Some(options) = rest
        .strip_prefix(',')
        .map(str::trim_start)
        .filter(|r| r.starts_with('{'))
    {
        let object = balanced(options).ok_or("the options object is not closed")?;
        let value = js_object_to_json(object)
            .ok_or("the options object is not plain data (JSON-like); copy it with the browser's \"Copy as fetch\"")?;
        read_options(&value, &mut cmd);
    }
    if cmd.method.is_none() {
        cmd.method = Some(if cmd.body.is_some() { "POST" } else { "GET" }.to_string());
    }
    Ok(cmd)
}

fn read_options(options: &Value, cmd: &mut Command) {
    if let Some(m) = options.get("method").and_then(Value::as_str) {
        cmd.method = Some(m.to_ascii_uppercase());
    }
    match options.get("headers") {
        Some(Value::Object(map)) => {
            for (name, v) in map {
                let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                cmd.headers.push((name.clone(), v));
            }
        }
        Some(Value::Array(pairs)) => {
            for pair in pairs {
                if let (Some(n), Some(v)) = (pair.get(0).and_then(Value::as_str), pair.get(1).and_then(Value::as_str)) {
                    cmd.headers.push((n.to_string(), v.to_string()));
                }
            }
        }
        _ => {}
    }
    match options.get("body") {
        Some(Value::String(b)) => cmd.body = Some(ImportBody::Text(b.clone())),
        Some(Value::Null) | None => {}
        // `JSON.stringify({…})` was unwrapped to the object itself.
        Some(other) => cmd.body = Some(ImportBody::Text(other.to_string())),
    }
    for (key, why) in [
        ("credentials", "requests here always omit credentials"),
        ("referrer", "the browser sets it"),
        ("referrerPolicy", "the page's own policy applies"),
    ] {
        if options.get(key).is_some() {
            cmd.notes.push(format!("{key}: {why}"));
        }
    }
}

/// A JS string literal at the start of `text` (`"…"`, `'…'` or a template without `${}`),
/// decoded, and the text after it.
fn string_literal(text: &str) -> Option<(String, &str)> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, escaped) = chars.next()?;
                out.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    other => other,
                });
            }
            c if c == quote => return Some((out, &text[i + c.len_utf8()..])),
            c => out.push(c),
        }
    }
    None
}

/// The `{…}` at the start of `text`, braces balanced outside strings.
fn balanced(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                in_string = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => in_string = Some(c),
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// A JS object literal of plain data as JSON: bare and single-quoted keys, single-quoted
/// strings, trailing commas and `JSON.stringify(x)` are accepted; anything computed is not.
fn js_object_to_json(object: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str::<Value>(object) {
        return Some(v);
    }
    let mut out = String::with_capacity(object.len());
    let mut rest = object;
    while let Some(c) = rest.chars().next() {
        if let Some(inner) = rest.strip_prefix("JSON.stringify(") {
            let call = balanced(&format!("({inner}"))?.len();
            let argument = &inner[..call.checked_sub(2)?];
            out.push_str(&serde_json::to_string(&js_object_to_json(argument.trim())?).ok()?);
            rest = &inner[call - 1..];
            continue;
        }
        match c {
            '"' | '\'' | '`' => {
                let (s, after) = string_literal(rest)?;
                out.push_str(&serde_json::to_string(&s).ok()?);
                rest = after;
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let end = rest
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
                    .unwrap_or(rest.len());
                let word = &rest[..end];
                let after = rest[end..].trim_start();
                if after.starts_with(':') {
                    out.push_str(&serde_json::to_string(word).ok()?);
                } else if matches!(word, "true" | "false" | "null") {
                    out.push_str(word);
                } else {
                    return None;
                }
                rest = &rest[end..];
            }
            ',' => {
                let after = rest[1..].trim_start();
                if !(after.starts_with('}') || after.starts_with(']')) {
                    out.push(',');
                }
                rest = &rest[1..];
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Some(serde_json::from_str::<Value>(&out).ok()?).filter(Value::is_object)
}

/// Reads a raw HTTP request: `METHOD /path HTTP/1.1` (or an absolute URL), headers, a blank
/// line, the body. The URL is `https://` + `Host` unless the request line says otherwise
/// (`http://` for a loopback host).
pub fn parse_raw_http(text: &str) -> Result<Command, String> {
    let text = text.trim_start();
    let (head, body) = match text
        .find("\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| text.find("\n\n").map(|i| (i, 2)))
    {
        Some((i, sep)) => (&text[..i], Some(&text[i + sep..])),
        None => (text, None),
    };
    let mut lines = head.lines();
    let request_line = lines.next().ok_or("empty request")?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().ok_or("no method")?, parts.next().ok_or("no path")?);
    let mut cmd = Command {
        method: Some(method.to_ascii_uppercase()),
        ..Command::default()
    };
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            cmd.headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    cmd.url = if target.contains("://") {
        target.to_string()
    } else {
        let host = cmd
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("host"))
            .map(|(_, v)| v.clone())
            .ok_or("a request with a path needs a Host header")?;
        let loopback = host.starts_with("localhost") || host.starts_with("127.") || host.starts_with("[::1]");
        format!("{}://{host}{target}", if loopback { "http" } else { "https" })
    };
    cmd.headers
        .retain(|(n, _)| !n.eq_ignore_ascii_case("host") && !n.eq_ignore_ascii_case("content-length"));
    if let Some(b) = body.map(str::trim).filter(|b| !b.is_empty()) {
        cmd.body = Some(ImportBody::Text(b.to_string()));
    }
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_objects_of_plain_data() {
        let cases = [
            ("{\"a\": 1}", "{\"a\":1}"),
            ("{a: 'b', c: [1, 2,], d: true,}", "{\"a\":\"b\",\"c\":[1,2],\"d\":true}"),
            (
                "{body: JSON.stringify({model: \"m\", n: 1})}",
                "{\"body\":{\"model\":\"m\",\"n\":1}}",
            ),
        ];
        for (js, json) in cases {
            assert_eq!(
                js_object_to_json(js).map(|v| v.to_string()).as_deref(),
                Some(json),
                "{js}"
            );
        }
        assert_eq!(js_object_to_json("{a: process.env.KEY}"), None);
    }

    #[test]
    fn raw_requests_with_and_without_a_host() {
        let c = parse_raw_http("POST /v1/chat/completions HTTP/1.1\nHost: localhost:3000\nContent-Length: 2\n\n{}")
            .unwrap_or_default();
        assert_eq!(
            (c.method.as_deref(), c.url.as_str()),
            (Some("POST"), "http://localhost:3000/v1/chat/completions")
        );
        assert_eq!(c.headers, []);
        assert!(parse_raw_http("GET /v1/models HTTP/1.1\r\n\r\n").is_err());
    }
}
