//! Showing a body of any size without freezing the page: a pretty-printer that works in one
//! pass on any prefix of JSON (no parse, so a 20 MB answer or a body cut mid-string is
//! fine), windows of a body cut on character boundaries, and find-in-body. The page renders
//! one window at a time; everything here is linear in what it is given.

/// How much of a body the page renders at once.
pub const WINDOW_BYTES: usize = 64 * 1024;

/// Bodies up to this size are pretty-printed whole; larger ones only their first window.
pub const PRETTY_WHOLE_LIMIT: usize = 2 * 1024 * 1024;

/// Re-indents JSON text (two spaces per level) in one pass, without parsing it: strings are
/// copied as they are, structure characters outside strings get line breaks. Text that is
/// not JSON comes back with only its structure characters spread out, never with anything
/// lost: removing the added whitespace gives the input minus its own insignificant
/// whitespace outside strings.
pub fn reindent_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth.min(64) {
            out.push_str("  ");
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // An empty object or array stays on one line.
                let close = if c == '{' { '}' } else { ']' };
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The text of a body to show in the "Pretty" view: the whole body re-indented, for bodies up
/// to [`PRETTY_WHOLE_LIMIT`]. `None` when the body does not look like JSON or is larger (the
/// raw view is the pretty view then: spreading megabytes over lines helps nobody read them).
pub fn pretty_view(body: &str) -> Option<String> {
    let trimmed = body.trim_start();
    let json_like = trimmed.starts_with('{') || trimmed.starts_with('[');
    (json_like && body.len() <= PRETTY_WHOLE_LIMIT).then(|| reindent_json(body))
}

/// A part of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window<'a> {
    /// Bytes before the window.
    pub skipped_before: usize,
    /// The text shown.
    pub text: &'a str,
    /// Bytes after the window.
    pub skipped_after: usize,
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The window of at most `len` bytes starting near `start`, cut on character boundaries.
pub fn window(text: &str, start: usize, len: usize) -> Window<'_> {
    let from = floor_boundary(text, start);
    let to = floor_boundary(text, from.saturating_add(len));
    Window {
        skipped_before: from,
        text: &text[from..to],
        skipped_after: text.len() - to,
    }
}

/// Where `needle` occurs in `text`, ignoring ASCII case, as byte offsets; at most `cap` of
/// them (the count says "more" beyond). Found left to right without overlaps, as one scan of
/// a lower-cased copy would find them, but a window at a time: no copy of a 20 MB body per
/// keystroke, and the search stops at the `cap`-th match.
pub fn find_all(text: &str, needle: &str, cap: usize) -> Vec<usize> {
    find_all_in_windows(text, needle, cap, FIND_WINDOW)
}

/// Bytes lower-cased and searched at a time by [`find_all`].
const FIND_WINDOW: usize = 64 * 1024;

fn find_all_in_windows(text: &str, needle: &str, cap: usize, window: usize) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() || cap == 0 {
        return found;
    }
    let needle = needle.to_ascii_lowercase();
    let ceil = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    let mut start = 0;
    while start < text.len() {
        let end = ceil((start + window.max(1)).min(text.len()));
        // The window reaches past its end by the needle's length, so a match that starts
        // inside it is seen whole; one that starts later is the next window's.
        let reach = ceil((end + needle.len()).min(text.len()));
        let hay = text[start..reach].to_ascii_lowercase();
        let mut next = end;
        for (i, _) in hay.match_indices(&needle) {
            if start + i >= end {
                break;
            }
            found.push(start + i);
            if found.len() == cap {
                return found;
            }
            // The next window starts after this match, as one scan would go on from there.
            next = next.max(start + i + needle.len());
        }
        start = next;
    }
    found
}

/// The window that shows a match at `offset` with some context before it.
pub fn window_around(text: &str, offset: usize, len: usize) -> Window<'_> {
    window(text, offset.saturating_sub(len / 8), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn without_whitespace_outside_strings(text: &str) -> String {
        let mut out = String::new();
        let (mut in_string, mut escaped) = (false, false);
        for c in text.chars() {
            if in_string {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else if c == '"' {
                in_string = true;
                out.push(c);
            } else if !c.is_whitespace() {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn reindents_like_serde_for_real_json() {
        let cases = [
            r#"{"a":1,"b":[1,2,{"c":"x, y: {z}"}],"d":{},"e":[],"f":"q\"}"}"#,
            r#"[{"id":"gpt-5.4","object":"model"},{"id":"é ✓","object":"model"}]"#,
            r#"{"error":{"message":"Invalid token (request id: 1)","type":"new_api_error","code":""}}"#,
        ];
        for case in cases {
            let value: serde_json::Value = serde_json::from_str(case).unwrap_or_default();
            let expected = serde_json::to_string_pretty(&value).unwrap_or_default();
            assert_eq!(reindent_json(case), expected, "{case}");
        }
    }

    #[test]
    fn any_prefix_reindents_without_losing_a_character() {
        let text = r#"{"choices":[{"message":{"content":"a \"quoted\" {brace}, ok"}}],"usage":{"total":3}}"#;
        for cut in (0..=text.len()).filter(|c| text.is_char_boundary(*c)) {
            let prefix = &text[..cut];
            assert_eq!(
                without_whitespace_outside_strings(&reindent_json(prefix)),
                without_whitespace_outside_strings(prefix),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn windows_cut_on_characters() {
        let text = "ab你好cd";
        let w = window(text, 3, 4);
        assert_eq!((w.skipped_before, w.text, w.skipped_after), (2, "你", 5));
        assert_eq!(window(text, 100, 5).text, "");
        assert_eq!(window_around(text, 8, 4).text, "cd");
        assert_eq!(
            window_around(text, 5, 16).text,
            "你好cd",
            "an eighth of the window before the match"
        );
    }

    #[test]
    fn find_ignores_ascii_case_and_caps() {
        let text = "Error error ERROR";
        assert_eq!(find_all(text, "error", 10), vec![0, 6, 12]);
        assert_eq!(find_all(text, "error", 2), vec![0, 6]);
        assert!(find_all(text, "", 10).is_empty());
    }

    #[test]
    fn finding_a_window_at_a_time_finds_what_one_scan_finds() {
        let one_scan = |text: &str, needle: &str, cap: usize| -> Vec<usize> {
            let hay = text.to_ascii_lowercase();
            hay.match_indices(&needle.to_ascii_lowercase())
                .map(|(i, _)| i)
                .take(cap)
                .collect()
        };
        let texts = [
            "aaaaaaa",
            "abababab",
            "xAaAx aa é aa",
            "错误 error ERROR 错误error",
            "aaab aab ab b",
            "",
        ];
        let needles = ["a", "aa", "aaa", "ab", "error", "错误", "é a", "b"];
        for text in texts {
            for needle in needles {
                for window in 1..12 {
                    for cap in [1, 2, 100] {
                        assert_eq!(
                            find_all_in_windows(text, needle, cap, window),
                            one_scan(text, needle, cap),
                            "{text:?} {needle:?} window {window} cap {cap}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn only_json_up_to_the_limit_is_pretty_printed() {
        let big = format!("{{\"data\":\"{}\"}}", "x".repeat(PRETTY_WHOLE_LIMIT));
        assert_eq!(pretty_view(&big), None);
        assert_eq!(pretty_view("not json"), None);
        assert_eq!(pretty_view("{\"a\":1}").as_deref(), Some("{\n  \"a\": 1\n}"));
    }
}
