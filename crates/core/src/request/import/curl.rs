//! A curl command line, as the docs, terminals and browsers write it, read into a
//! [`Command`]: method, URL, headers, body (data, `--json` or `-F` form parts), and a note
//! for each option the playground cannot honour.

use crate::request::import::{Command, FormPart, ImportBody, PartValue};
use crate::text::percent::encode_component;

/// Options that take a value and only change how curl itself behaves: noted, not used.
const IGNORED_WITH_VALUE: &[(&str, &str)] = &[
    ("-o", "output file"),
    ("--output", "output file"),
    ("-w", "write-out format"),
    ("--write-out", "write-out format"),
    ("-x", "proxy"),
    ("--proxy", "proxy"),
    ("--retry", "retries"),
    ("--connect-timeout", "connect timeout"),
    ("-b", "cookies (never sent: requests omit credentials)"),
    ("--cookie", "cookies (never sent: requests omit credentials)"),
    ("-c", "cookie jar"),
    ("--cookie-jar", "cookie jar"),
    ("-e", "referer (the browser sets it)"),
    ("--referer", "referer (the browser sets it)"),
    ("-A", "user agent (the browser sets it)"),
    ("--user-agent", "user agent (the browser sets it)"),
    ("--cacert", "CA certificate"),
    ("--cert", "client certificate"),
    ("--key", "client key"),
    ("--resolve", "DNS override"),
    ("-D", "header dump"),
    ("--dump-header", "header dump"),
    ("-r", "byte range"),
    ("--range", "byte range"),
    ("-T", "upload file"),
    ("--upload-file", "upload file"),
    ("-K", "config file"),
    ("--config", "config file"),
    ("--limit-rate", "rate limit"),
];

/// Flags without a value that change nothing the playground sends.
const HARMLESS_FLAGS: &[&str] = &[
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-L",
    "--location",
    "-k",
    "--insecure",
    "-i",
    "--include",
    "-v",
    "--verbose",
    "-N",
    "--no-buffer",
    "--compressed",
    "-f",
    "--fail",
    "--fail-with-body",
    "--http1.1",
    "--http2",
    "--http2-prior-knowledge",
    "-#",
    "--progress-bar",
    "-g",
    "--globoff",
    "-sS",
    "-sSL",
    "-sL",
    "-fsSL",
];

/// Reads the words of a curl command (the first word is `curl`).
pub fn parse_curl(words: &[String]) -> Result<Command, String> {
    let mut cmd = Command::default();
    let mut data: Vec<String> = Vec::new();
    let mut parts: Vec<FormPart> = Vec::new();
    let mut get = false;
    let mut json = false;
    let mut head = false;
    let mut rest = words.iter().skip(1).peekable();
    while let Some(word) = rest.next() {
        // Short options may carry their value attached (`-XPOST`, `-H'x: y'`).
        let (flag, attached) = split_attached(word);
        let mut value = || -> Result<String, String> {
            match &attached {
                Some(v) => Ok(v.clone()),
                None => rest.next().cloned().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "-X" | "--request" => cmd.method = Some(value()?.to_ascii_uppercase()),
            "-H" | "--header" => {
                let h = value()?;
                match h.split_once(':') {
                    Some((name, v)) => cmd.headers.push((name.trim().to_string(), v.trim().to_string())),
                    None if h.ends_with(';') => cmd
                        .headers
                        .push((h.trim_end_matches(';').trim().to_string(), String::new())),
                    None => cmd.notes.push(format!("-H {h}: not a header (no colon)")),
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" => {
                let d = value()?;
                if d.starts_with('@') && flag != "--data-raw" {
                    cmd.notes.push(format!(
                        "{flag} {d}: a body read from a file; paste the file's content as the body"
                    ));
                } else {
                    data.push(d);
                }
            }
            "--data-urlencode" => {
                let d = value()?;
                data.push(match d.split_once('=') {
                    Some((name, v)) => format!("{name}={}", encode_component(v)),
                    None => encode_component(&d),
                });
            }
            "--json" => {
                json = true;
                data.push(value()?);
            }
            "-F" | "--form" | "--form-string" => {
                let f = value()?;
                let literal = flag == "--form-string";
                match form_part(&f, literal) {
                    Some(part) => parts.push(part),
                    None => cmd.notes.push(format!("{flag} {f}: not name=value")),
                }
            }
            "-u" | "--user" => {
                let _ = value()?;
                cmd.notes.push(
                    "-u: basic auth is not how the gateway takes a key; the key goes in the API key field".into(),
                );
            }
            "--url" => cmd.url = value()?,
            "-m" | "--max-time" => {
                let t = value()?;
                cmd.timeout_secs = t.parse::<f64>().ok().filter(|s| *s > 0.0).map(|s| s.ceil() as u32);
            }
            "-G" | "--get" => get = true,
            "-I" | "--head" => head = true,
            f if HARMLESS_FLAGS.contains(&f) => {}
            f if f.starts_with('-') && f.len() > 1 => match IGNORED_WITH_VALUE.iter().find(|(name, _)| *name == f) {
                Some((_, what)) => {
                    let v = value()?;
                    cmd.notes.push(format!("{f} {v}: {what}, not used here"));
                }
                None if is_combined_harmless(f) => {}
                None => cmd
                    .notes
                    .push(format!("{f}: a curl option the playground does not use")),
            },
            _ if cmd.url.is_empty() => cmd.url = word.clone(),
            _ => cmd
                .notes
                .push(format!("{word}: a second URL; only the first is imported")),
        }
    }
    if cmd.url.is_empty() {
        return Err("the command has no URL".into());
    }
    if !cmd.url.contains("://") {
        cmd.url = format!("https://{}", cmd.url);
    }
    if json {
        set_default_header(&mut cmd.headers, "content-type", "application/json");
        set_default_header(&mut cmd.headers, "accept", "application/json");
    }
    if get && !data.is_empty() {
        let joiner = if cmd.url.contains('?') { '&' } else { '?' };
        cmd.url = format!("{}{joiner}{}", cmd.url, data.join("&"));
        data.clear();
    }
    if !parts.is_empty() {
        cmd.body = Some(ImportBody::Form(parts));
    } else if !data.is_empty() {
        cmd.body = Some(ImportBody::Text(data.join("&")));
    }
    if cmd.method.is_none() {
        cmd.method = Some(
            if head {
                "HEAD"
            } else if cmd.body.is_some() {
                "POST"
            } else {
                "GET"
            }
            .to_string(),
        );
    }
    Ok(cmd)
}

/// `-XPOST` → (`-X`, `POST`); long options and lone flags have nothing attached.
fn split_attached(word: &str) -> (String, Option<String>) {
    let takes_value = |flag: &str| {
        matches!(
            flag,
            "-X" | "-H"
                | "-d"
                | "-F"
                | "-u"
                | "-m"
                | "-o"
                | "-w"
                | "-x"
                | "-b"
                | "-c"
                | "-e"
                | "-A"
                | "-D"
                | "-r"
                | "-T"
                | "-K"
        )
    };
    if word.len() > 2 && word.starts_with('-') && !word.starts_with("--") && word.is_char_boundary(2) {
        let (flag, rest) = word.split_at(2);
        if takes_value(flag) {
            return (flag.to_string(), Some(rest.to_string()));
        }
    }
    (word.to_string(), None)
}

/// `-sSLk` and the like: a bundle of harmless one-letter flags.
fn is_combined_harmless(flag: &str) -> bool {
    flag.len() > 2
        && !flag.starts_with("--")
        && flag[1..]
            .chars()
            .all(|c| HARMLESS_FLAGS.contains(&format!("-{c}").as_str()))
}

fn set_default_header(headers: &mut Vec<(String, String)>, name: &str, value: &str) {
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
        headers.push((name.to_string(), value.to_string()));
    }
}

/// `name=value`, `name=@file;type=image/png`, `name=<file` (a file's content as text).
fn form_part(text: &str, literal: bool) -> Option<FormPart> {
    let (name, value) = text.split_once('=')?;
    let value = if literal {
        PartValue::Text(value.to_string())
    } else if let Some(file) = value.strip_prefix('@').or_else(|| value.strip_prefix('<')) {
        let mut pieces = file.split(';');
        let path = pieces.next().unwrap_or_default().trim_matches('"').to_string();
        let mime = pieces.find_map(|p| p.trim().strip_prefix("type=")).map(str::to_string);
        PartValue::File { path, mime }
    } else {
        PartValue::Text(value.to_string())
    };
    Some(FormPart {
        name: name.to_string(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_attached_combined_and_ignored() {
        let c = parse_curl(&words(&[
            "curl",
            "-sSL",
            "-XPOST",
            "-Hx-a: 1",
            "api.example.com/v1/x",
            "-d",
            "a=1",
            "-d",
            "b=2",
            "-o",
            "out.json",
            "--foo",
        ]))
        .unwrap_or_default();
        assert_eq!(c.method.as_deref(), Some("POST"));
        assert_eq!(c.url, "https://api.example.com/v1/x");
        assert_eq!(c.headers, [("x-a".to_string(), "1".to_string())]);
        assert_eq!(c.body, Some(ImportBody::Text("a=1&b=2".into())));
        assert_eq!(c.notes.len(), 2, "{:?}", c.notes);
    }

    #[test]
    fn get_json_form_and_timeouts() {
        let g = parse_curl(&words(&[
            "curl",
            "-G",
            "https://x/log",
            "--data-urlencode",
            "request_id=a b",
        ]))
        .unwrap_or_default();
        assert_eq!(
            (g.method.as_deref(), g.url.as_str(), g.body),
            (Some("GET"), "https://x/log?request_id=a%20b", None)
        );
        let j = parse_curl(&words(&["curl", "--json", "{\"a\":1}", "-m", "90", "https://x"])).unwrap_or_default();
        assert_eq!(j.method.as_deref(), Some("POST"));
        assert_eq!(j.timeout_secs, Some(90));
        assert!(j
            .headers
            .contains(&("content-type".to_string(), "application/json".to_string())));
        let f = parse_curl(&words(&[
            "curl",
            "https://x",
            "-F",
            "image=@\"cat.png\";type=image/png",
            "-F",
            "prompt=hi",
        ]))
        .unwrap_or_default();
        assert_eq!(
            f.body,
            Some(ImportBody::Form(vec![
                FormPart {
                    name: "image".into(),
                    value: PartValue::File {
                        path: "cat.png".into(),
                        mime: Some("image/png".into())
                    }
                },
                FormPart {
                    name: "prompt".into(),
                    value: PartValue::Text("hi".into())
                },
            ]))
        );
        assert!(parse_curl(&words(&["curl", "-s"])).is_err());
        assert!(parse_curl(&words(&["curl", "https://x", "-H"])).is_err());
    }
}
