//! Keeping the key out of everything that is shown, copied or stored.

/// A key shortened so a person can tell which key it was without it being usable:
/// `sk-…wxyz`. Short or empty keys reveal nothing.
pub fn mask_key(key: &str) -> String {
    let key = key.trim();
    if key.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = key.chars().collect();
    let prefix = if key.starts_with("sk-") { "sk-" } else { "" };
    if chars.len() < 12 {
        return format!("{prefix}…");
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{prefix}…{tail}")
}

/// Replaces every occurrence of the key (as typed and trimmed) in `text` with its mask.
pub fn redact(text: &str, key: &str) -> String {
    redact_with(text, key, &mask_key(key))
}

/// Replaces every occurrence of the key in `text` with `replacement`, also where it
/// travels percent-encoded (a `?key=` URL with `/ + = & %` in the key).
pub fn redact_with(text: &str, key: &str, replacement: &str) -> String {
    let mut out = text.to_string();
    redact_in_place(&mut out, key, replacement);
    out
}

/// The forms a key takes on the way: as typed, trimmed, percent-encoded (a `?key=` URL),
/// JSON-escaped (`/` written `\/`) and base64 (Basic auth, data URIs). Nothing shorter than
/// 4 characters is a key: such a "secret" would blank out ordinary text.
fn key_forms(key: &str) -> Vec<String> {
    let trimmed = key.trim();
    let mut forms = vec![
        key.to_string(),
        trimmed.to_string(),
        crate::text::percent::encode_component(trimmed),
        trimmed.replace('/', "\\/"),
        crate::text::base64::encode(trimmed.as_bytes()),
    ];
    forms.retain(|f| f.len() >= 4);
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    forms
}

/// Replaces every form of the key in `text` with `replacement`, in place: text that holds
/// no form of the key (the usual case, even for a 20 MB answer) is only scanned, never copied.
///
/// Occurrences are found overlapping and merged before anything is replaced: replacing
/// them one after another can rebuild a key out of the mask's visible tail and what
/// followed (`sk-…h8Ms` + `k-…h8Ms`), which fuzzing found.
pub fn redact_in_place(text: &mut String, key: &str, replacement: &str) {
    let forms = key_forms(key);
    if occurrences(text.as_bytes(), &forms).is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    redact_forms(&mut bytes, &forms, replacement);
    // Every form and the replacement are whole UTF-8 text, and a valid needle found in valid
    // text starts and ends on character borders, so the result is still valid text.
    *text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// [`redact_in_place`] for bytes that need not be UTF-8 (an answer kept byte for byte).
pub fn redact_bytes_in_place(bytes: &mut Vec<u8>, key: &str, replacement: &str) {
    redact_forms(bytes, &key_forms(key), replacement);
}

/// Replaces every occurrence of `forms` in `bytes` with `replacement`, until none is left.
fn redact_forms(bytes: &mut Vec<u8>, forms: &[String], replacement: &str) {
    for _ in 0..4 {
        let ranges = occurrences(bytes, forms);
        if ranges.is_empty() {
            return;
        }
        *bytes = replace_ranges(bytes, &ranges, replacement.as_bytes());
    }
    // Bytes built to defeat the mask: a bare ellipsis shares no character with a key, and
    // each replacement shortens the bytes, so this ends.
    while let Some(form) = forms.iter().find(|f| contains(bytes, f.as_bytes())) {
        let ranges = occurrences(bytes, std::slice::from_ref(form));
        *bytes = replace_ranges(bytes, &ranges, "…".as_bytes());
    }
}

/// `bytes` with each of the ordered, disjoint `ranges` replaced by `replacement`.
fn replace_ranges(bytes: &[u8], ranges: &[(usize, usize)], replacement: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut kept_from = 0;
    for &(start, end) in ranges {
        out.extend_from_slice(&bytes[kept_from..start]);
        out.extend_from_slice(replacement);
        kept_from = end;
    }
    out.extend_from_slice(&bytes[kept_from..]);
    out
}

/// Byte ranges covered by any form of the key, overlapping occurrences merged, in order.
fn occurrences(hay: &[u8], forms: &[String]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    for form in forms {
        let needle = form.as_bytes();
        let Some(&first) = needle.first() else { continue };
        let mut from = 0;
        while let Some(found) = hay[from..].iter().position(|&b| b == first) {
            let start = from + found;
            if hay[start..].starts_with(needle) {
                ranges.push((start, start + needle.len()));
            }
            // Step one byte, not the whole form, so overlapping occurrences count.
            from = start + 1;
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Watches an answer's bytes as they arrive for any form of the key, and for JSON `\u`
/// escapes (which could spell the key so that only the decoded text shows it). At the end,
/// the answer is scanned again only where it may hold the key: a 64 MB answer without
/// either is never rescanned in one go. Work per chunk is proportional to the chunk.
// No `Debug`: it holds the key's forms.
#[derive(Clone, Default)]
pub struct EchoWatch {
    forms: Vec<Vec<u8>>,
    tail: Vec<u8>,
    keep: usize,
    key_seen: bool,
    escape_seen: bool,
}

impl EchoWatch {
    /// A watch for `key` (a key shorter than 4 characters is never masked, so never watched).
    pub fn new(key: &str) -> EchoWatch {
        let forms: Vec<Vec<u8>> = key_forms(key).into_iter().map(String::into_bytes).collect();
        let keep = forms.iter().map(Vec::len).max().unwrap_or(2).max(2) - 1;
        EchoWatch {
            forms,
            tail: Vec::new(),
            keep,
            key_seen: false,
            escape_seen: false,
        }
    }

    /// The next bytes of the answer.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.key_seen && self.escape_seen {
            return;
        }
        // An occurrence may straddle the border with the previous chunk.
        let mut border = std::mem::take(&mut self.tail);
        border.extend_from_slice(&chunk[..chunk.len().min(self.keep)]);
        for hay in [border.as_slice(), chunk] {
            self.key_seen = self.key_seen || self.forms.iter().any(|f| contains(hay, f));
            self.escape_seen = self.escape_seen || contains(hay, b"\\u");
        }
        let from = border.len().saturating_sub(self.keep);
        self.tail = if chunk.len() >= self.keep {
            chunk[chunk.len() - self.keep..].to_vec()
        } else {
            border[from..].to_vec()
        };
    }

    /// Whether the raw bytes held a form of the key: the body must be masked.
    pub fn key_seen(&self) -> bool {
        self.key_seen
    }

    /// Whether text decoded from the bytes may hold the key (a raw form or a `\u` escape):
    /// texts read out of the answer must be masked.
    pub fn decoded_may_hold_key(&self) -> bool {
        self.key_seen || self.escape_seen
    }
}

/// Whether `needle` occurs in `hay`: a scan for its first byte, then a comparison.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(found) = hay[from..].iter().position(|&b| b == first) {
        let at = from + found;
        if hay[at + 1..].starts_with(rest) {
            return true;
        }
        from = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        let cases = [
            ("", ""),
            ("sk-abc", "sk-…"),
            ("sk-twin-valid-0001", "sk-…0001"),
            ("abcdefghijklmnop", "…mnop"),
            ("  sk-twin-valid-0001\n", "sk-…0001"),
        ];
        for (key, masked) in cases {
            assert_eq!(mask_key(key), masked, "{key:?}");
        }
    }

    #[test]
    fn bytes_that_are_not_text_are_masked_too() {
        let key = "sk-secret-1234567";
        let base64 = crate::text::base64::encode(key.as_bytes());
        let mut bytes = [b"\xFF", key.as_bytes(), b"\xC3 ", base64.as_bytes()].concat();
        redact_bytes_in_place(&mut bytes, key, "sk-…4567");
        let expected = [b"\xFF", "sk-…4567".as_bytes(), b"\xC3 ", "sk-…4567".as_bytes()].concat();
        assert_eq!(bytes, expected);
    }

    #[test]
    fn redacts_every_occurrence() {
        let key = "sk-secret-1234567";
        let text = format!("Bearer {key} and ?key={key}");
        let r = redact(&text, key);
        assert!(!r.contains(key));
        assert_eq!(r, "Bearer sk-…4567 and ?key=sk-…4567");
        assert_eq!(redact("abc", "a"), "abc");
    }

    #[test]
    fn every_form_of_an_echoed_key_is_masked() {
        let key = "sk-ab/cd+ef=gh&ij%kl";
        let forms = [
            key.to_string(),
            crate::text::percent::encode_component(key),
            key.replace('/', "\\/"),
            crate::text::base64::encode(key.as_bytes()),
        ];
        let mut echoed = format!("Invalid token {} {} {} {}", forms[0], forms[1], forms[2], forms[3]);
        redact_in_place(&mut echoed, key, "sk-…");
        for form in &forms {
            assert!(!echoed.contains(form.as_str()), "{form} in {echoed}");
        }
        assert_eq!(echoed.matches("sk-…").count(), 4, "{echoed}");
    }

    #[test]
    fn overlapping_echoes_cannot_rebuild_the_key_from_the_mask() {
        // Found by fuzzing: a key echoed inside another one, one character before its end.
        let key = "sk-auTds__e7.h8Ms";
        let text = format!("ne{}{key}s", &key[..key.len() - 1]);
        let shown = redact(&text, key);
        assert!(!shown.contains(key), "{shown}");
        assert_eq!(shown, "nesk-…h8Mss", "one mask for the merged occurrences");
    }

    #[test]
    fn the_watch_sees_a_key_across_any_chunk_border_and_only_then() {
        let key = "sk-ab/cd+ef=gh&ij%kl";
        let forms = [
            key.to_string(),
            crate::text::percent::encode_component(key),
            crate::text::base64::encode(key.as_bytes()),
        ];
        for form in &forms {
            let answer = format!("{{\"error\":{{\"message\":\"Invalid token {form} here\"}}}}");
            for size in [1, 2, 3, 7, 64] {
                let mut watch = EchoWatch::new(key);
                answer.as_bytes().chunks(size).for_each(|c| watch.push(c));
                assert!(
                    watch.key_seen() && watch.decoded_may_hold_key(),
                    "{form} in chunks of {size}"
                );
            }
        }
        let mut clean = EchoWatch::new(key);
        "{\"padding\":\"000000000000\"}"
            .as_bytes()
            .chunks(3)
            .for_each(|c| clean.push(c));
        assert!(!clean.key_seen() && !clean.decoded_may_hold_key());
        let mut escaped = EchoWatch::new(key);
        "{\"t\":\"\\u0073k-ab\"}"
            .as_bytes()
            .chunks(2)
            .for_each(|c| escaped.push(c));
        assert!(
            !escaped.key_seen() && escaped.decoded_may_hold_key(),
            "an escape means the text is checked"
        );
    }

    #[test]
    fn a_key_travelling_percent_encoded_is_masked_too() {
        let key = "sk-ab/cd+ef=gh&ij%kl";
        let url = format!(
            "https://gw.example/v1beta/models/x:generateContent?key={}",
            crate::text::percent::encode_component(key)
        );
        let shown = redact(&url, key);
        assert!(!shown.contains("ab%2Fcd"), "{shown}");
        assert!(shown.ends_with(&format!("key={}", mask_key(key))), "{shown}");
    }
}
