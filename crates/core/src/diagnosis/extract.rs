//! Small extractors: the model, group, field, route, rate window and retry wait a
//! message names, and the path checks the endpoint advice needs.

/// Characters a model id, group or field name is made of.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/' | '@')
}

const SKIP_BEFORE_NAME: &[char] = &[':', '：', '\'', '"', '`', '“', '‘', '「', '[', '='];

/// Longest name an extractor reads: longer runs are not model, group or field names, and
/// stopping here keeps each marker hit's work bounded (a message of one endless name made
/// of repeated markers would otherwise be re-read from every hit).
const NAME_SCAN_CHARS: usize = 160;

/// The name right after a marker, once quotes and separators are skipped.
fn name_after(rest: &str) -> String {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || SKIP_BEFORE_NAME.contains(&c));
    let name: String = rest
        .chars()
        .take(NAME_SCAN_CHARS)
        .take_while(|c| is_name_char(*c))
        .collect();
    name.trim_end_matches(['.', ':', ',', '/', '-']).to_string()
}

/// Finds `marker` case-insensitively and yields what follows each occurrence.
fn after_markers<'a>(text: &'a str, marker: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    // ASCII lower-casing keeps byte offsets, so offsets found in `lower` index `text`.
    let lower = text.to_ascii_lowercase();
    let ends_with_letter = marker.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    let hits: Vec<usize> = lower
        .match_indices(marker)
        .map(|(i, _)| i + marker.len())
        .filter(|end| !ends_with_letter || !lower[*end..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    hits.into_iter().filter_map(move |end| text.get(end..))
}

const MODEL_MARKERS: &[&str] = &[
    "no access to model",
    "not found:",
    "does not exist:",
    "unknown model",
    "invalid model",
    "无权访问模型",
    "无权使用模型",
    "for model",
    "对于模型",
    "下模型",
    "the model",
    "model:",
    "models/",
    "模型",
    "model",
];

const NOT_NAMES: &[&str] = &[
    "name", "the", "is", "not", "does", "with", "for", "you", "id", "was", "this", "that", "and",
];

/// The model a message names ("no access to model X", "分组 G 下模型 X", "The model `X`").
pub(crate) fn extract_model(message: &str) -> Option<String> {
    MODEL_MARKERS.iter().find_map(|marker| {
        after_markers(message, marker).map(name_after).find(|name| {
            let lower = name.to_ascii_lowercase();
            name.starts_with(|c: char| c.is_ascii_alphanumeric())
                && (2..=128).contains(&name.len())
                && name
                    .chars()
                    .any(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | '_'))
                && !NOT_NAMES.contains(&lower.as_str())
        })
    })
}

/// The group a message names ("under group G", "分组 G 下", "当前分组 G", "无权访问 G 分组").
pub(crate) fn extract_group(message: &str) -> Option<String> {
    let valid = |g: &String| !g.is_empty() && g.len() <= 64 && !NOT_NAMES.contains(&g.to_ascii_lowercase().as_str());
    for marker in ["under group", "当前分组", "分组", "group:"] {
        if let Some(g) = after_markers(message, marker).map(name_after).find(valid) {
            return Some(g);
        }
    }
    // "无权访问 vip 分组": the name comes before the word.
    let pos = message.find("分组")?;
    let before = message.get(..pos)?.trim_end();
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| is_name_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(name).filter(valid)
}

fn digits_at_start(s: &str) -> Option<u32> {
    let d: String = s.trim_start().chars().take_while(char::is_ascii_digit).collect();
    d.parse().ok()
}

fn digits_at_end(s: &str) -> Option<u32> {
    let d: String = s.trim_end().chars().rev().take_while(char::is_ascii_digit).collect();
    d.chars().rev().collect::<String>().parse().ok()
}

/// The gateway's rate window: `N分钟内最多请求M次` / `maximum M requests in N minutes`,
/// as (minutes, requests).
pub(crate) fn extract_rate_window(message: &str) -> Option<(u32, u32)> {
    if let Some(pos) = message.find("分钟内最多请求") {
        let minutes = digits_at_end(message.get(..pos)?)?;
        let max = digits_at_start(message.get(pos + "分钟内最多请求".len()..)?)?;
        return Some((minutes, max));
    }
    let after = after_markers(message, "maximum").next()?;
    let max = digits_at_start(after)?;
    let rest = after_markers(after, "requests in").next()?;
    Some((digits_at_start(rest)?, max))
}

/// Seconds in a duration like `17s`, `1.5s`, `20ms`, `2m`, `20 seconds` (rounded up).
pub(crate) fn parse_duration_secs(text: &str) -> Option<u32> {
    let t = text.trim();
    let number: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: f64 = number.parse().ok()?;
    let unit = t.get(number.len()..)?.trim_start().to_ascii_lowercase();
    let secs = if unit.starts_with("ms") {
        value / 1000.0
    } else if unit.starts_with('m') && !unit.starts_with("ms") {
        value * 60.0
    } else if unit.starts_with('h') {
        value * 3600.0
    } else {
        value
    };
    (secs.is_finite() && (0.0..1.0e7).contains(&secs)).then(|| secs.ceil().max(1.0) as u32)
}

/// A wait a message asks for ("Please try again in 20s", "retry after 5 seconds", "30 秒后重试").
pub(crate) fn retry_seconds_in_text(message: &str) -> Option<u32> {
    for marker in ["try again in", "retry after", "retry in", "retry-after:", "wait"] {
        if let Some(secs) = after_markers(message, marker).find_map(parse_duration_secs) {
            return Some(secs);
        }
    }
    let pos = message.find("秒后")?;
    digits_at_end(message.get(..pos)?)
}

/// The field a parameter error names (`Unknown name "messages"`, `Go struct field X.y`,
/// `context_management: Extra inputs…`, `max_tokens: Field required`, `field prompt is required`).
pub(crate) fn extract_field(message: &str) -> Option<String> {
    for marker in [
        "unknown name",
        "struct field",
        "unsupported parameter",
        "unknown parameter",
        "unrecognized request argument supplied",
        "unknown field",
        "field",
    ] {
        if let Some(f) = after_markers(message, marker)
            .map(name_after)
            .find(|f| f.len() >= 2 && !NOT_NAMES.contains(&f.as_str()) && f != "required")
        {
            return Some(f);
        }
    }
    let lower = message.to_ascii_lowercase();
    for tail in [": extra inputs", ": field required", ":extra inputs"] {
        if let Some(pos) = lower.find(tail) {
            let before = message.get(..pos)?;
            let name: String = before
                .chars()
                .rev()
                .take_while(|c| is_name_char(*c) && *c != ':')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if name.len() >= 2 {
                return Some(name);
            }
        }
    }
    None
}

/// The `METHOD /path` inside `Invalid URL (POST /v1/v1/chat/completions)`.
pub(crate) fn extract_route(message: &str) -> Option<String> {
    ["invalid url (", "unrecognized request url ("]
        .iter()
        .find_map(|marker| {
            let rest = after_markers(message, marker).next()?;
            let end = rest.find(')')?;
            let route = rest.get(..end)?.trim().replace(": ", " ");
            (!route.is_empty()).then_some(route)
        })
}

/// The path of a URL (no query), or the text itself when it has no scheme.
pub(crate) fn url_path(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        without_scheme
            .find('/')
            .and_then(|i| without_scheme.get(i..))
            .unwrap_or("/")
    } else {
        without_scheme
    };
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Whether a path repeats a segment back to back, like `/v1/v1/…` (a base URL that
/// already ended in `/v1` plus a client that appends `/v1/…`).
pub(crate) fn has_doubled_segment(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.windows(2).any(|w| w[0].eq_ignore_ascii_case(w[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractors() {
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            (
                "No available channel for model gpt-9 under group vip (distributor)",
                Some("gpt-9"),
                Some("vip"),
            ),
            (
                "分组 default 下模型 claude-x-1 无可用渠道（distributor）",
                Some("claude-x-1"),
                Some("default"),
            ),
            (
                "当前分组 svip 下对于模型 gpt-4o 无可用渠道",
                Some("gpt-4o"),
                Some("svip"),
            ),
            ("该令牌无权使用模型：gpt-4-32k", Some("gpt-4-32k"), None),
            (
                "The model `gpt-5x` does not exist or you do not have access to it.",
                Some("gpt-5x"),
                None,
            ),
            ("model: claude-3-opus-20240229", Some("claude-3-opus-20240229"), None),
            (
                "models/gemini-9.0-pro is not found for API version v1beta",
                Some("gemini-9.0-pro"),
                None,
            ),
            ("无权访问 vip 分组", None, Some("vip")),
            ("Model name not specified", None, None),
        ];
        for (msg, model, group) in cases {
            assert_eq!(extract_model(msg).as_deref(), *model, "model in {msg}");
            assert_eq!(extract_group(msg).as_deref(), *group, "group in {msg}");
        }
        assert_eq!(
            extract_rate_window("您已达到请求数限制：1分钟内最多请求60次"),
            Some((1, 60))
        );
        assert_eq!(
            extract_rate_window("You have reached the request limit: maximum 30 requests in 5 minutes"),
            Some((5, 30))
        );
        assert_eq!(retry_seconds_in_text("Please try again in 1.2s."), Some(2));
        assert_eq!(retry_seconds_in_text("请 30 秒后重试"), Some(30));
        assert_eq!(parse_duration_secs("20ms"), Some(1));
        assert_eq!(
            extract_field("Invalid JSON payload received. Unknown name \"messages\": Cannot find field."),
            Some("messages".into())
        );
        assert_eq!(
            extract_field("context_management: Extra inputs are not permitted"),
            Some("context_management".into())
        );
        assert_eq!(
            extract_route("Invalid URL (POST /v1/v1/chat/completions)"),
            Some("POST /v1/v1/chat/completions".into())
        );
        assert_eq!(url_path("https://api.example.com/v1/v1/chat?x=1"), "/v1/v1/chat");
        assert!(has_doubled_segment("/v1/v1/messages"));
        assert!(!has_doubled_segment("/v1/messages"));
    }
}
