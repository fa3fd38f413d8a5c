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
pub fn redact_in_place(text: &mut String, key: &str, replacement: &str) {
    for form in key_forms(key) {
        if text.contains(form.as_str()) {
            *text = text.replace(form.as_str(), replacement);
        }
    }
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
