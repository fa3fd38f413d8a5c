//! Tolerant text matching without a regex crate (it would cost ~190 KB in the wasm
//! bundle): text is normalised once, then searched by substrings with word
//! boundaries, so one pattern covers case, `_`/`-`/space, full-width punctuation and
//! spacing variants ("rate_limit", "Rate-Limit", "rate limit"; "IP 不在", "IP不在").

/// How much of one message the diagnosis reads, in bytes. Real error messages are a few
/// hundred bytes (long validation errors a few KB); a hostile or broken answer can be
/// megabytes. What lies beyond is still shown in the response, but no pattern or extractor
/// looks at it, so the work per answer is bounded whatever its size.
pub const MESSAGE_SCAN_CAP: usize = 16 * 1024;

/// The part of a message the diagnosis reads: its first [`MESSAGE_SCAN_CAP`] bytes, cut at
/// a character boundary.
pub(crate) fn scanned(text: &str) -> &str {
    prefix(text, MESSAGE_SCAN_CAP)
}

/// The first `cap` bytes of `text`, cut back to a character boundary.
pub(crate) fn prefix(text: &str, cap: usize) -> &str {
    if text.len() <= cap {
        return text;
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Lower-cases and folds punctuation so that one pattern covers its variants.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '。' => '.',
            '；' => ';',
            '！' => '!',
            '`' | '‘' | '’' | '“' | '”' | '"' | '「' | '」' => '\'',
            '_' | '-' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Normalised text to search: `spaced` for ASCII patterns (matched on word
/// boundaries), `compact` (no spaces) for Chinese ones, whose spacing varies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hay {
    spaced: String,
    compact: String,
}

impl Hay {
    /// Joins and normalises the texts to search.
    pub(crate) fn new<'a>(parts: impl IntoIterator<Item = &'a str>) -> Hay {
        let mut joined = String::new();
        for part in parts {
            joined.push_str(scanned(part));
            joined.push(' ');
        }
        let spaced = normalise(&joined);
        let compact = spaced.chars().filter(|c| !c.is_whitespace()).collect();
        Hay { spaced, compact }
    }

    /// Whether a pattern occurs. ASCII patterns must start and end on word boundaries
    /// unless they begin/end with `*` ("overload*" also finds "overloaded").
    pub(crate) fn has(&self, pattern: &str) -> bool {
        let open_start = pattern.starts_with('*');
        let open_end = pattern.ends_with('*');
        let body = pattern.trim_matches('*');
        if body.is_empty() {
            return false;
        }
        if body.is_ascii() {
            contains_bounded(&self.spaced, body, !open_start, !open_end)
        } else {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            self.compact.contains(&compact)
        }
    }

    /// The first pattern that occurs.
    pub(crate) fn first_of(&self, patterns: &[&'static str]) -> Option<&'static str> {
        patterns.iter().copied().find(|p| self.has(p))
    }

    /// Whether nothing was given to search.
    pub(crate) fn is_empty(&self) -> bool {
        self.spaced.is_empty()
    }
}

fn contains_bounded(hay: &str, pat: &str, check_start: bool, check_end: bool) -> bool {
    let bytes = hay.as_bytes();
    let pat_bytes = pat.as_bytes();
    let starts_alnum = pat_bytes.first().is_some_and(u8::is_ascii_alphanumeric);
    let ends_alnum = pat_bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    hay.match_indices(pat).any(|(i, _)| {
        let before_ok =
            !check_start || !starts_alnum || i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
        let after = i + pat.len();
        let after_ok = !check_end || !ends_alnum || !bytes.get(after).is_some_and(u8::is_ascii_alphanumeric);
        before_ok && after_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_variants() {
        let hay = Hay::new(["Rate-Limit Exceeded（请稍后）", "IP不在白名单"]);
        assert!(hay.has("rate limit exceeded"));
        assert!(hay.has("ip 不在"));
        assert!(!hay.has("limit exceed"));
        assert!(hay.has("limit exceed*"));
        assert!(!Hay::new(["zip not in archive"]).has("ip"));
    }
}
