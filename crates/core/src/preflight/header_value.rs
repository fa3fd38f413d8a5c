//! Header values the browser would refuse. `fetch` throws on a header value with a line
//! break, a NUL or a character above U+00FF; such values arrive by pasting (an
//! `anthropic-beta` copied from a page that typeset its hyphen, a key with a zero-width
//! space). The check names the field while the person types, and the fix replaces
//! look-alike punctuation by its ASCII twin and removes what cannot be sent.

use crate::preflight::fix::Fix;
use crate::preflight::lint::{Finding, LintInput, Severity};
use crate::request::build::header_safe;
use crate::request::catalogue::Target;
use crate::request::field_ref::FieldRef;
use crate::text::lang::Lang;

/// The value with look-alike punctuation made ASCII (dashes, quotes, spaces), invisible
/// characters, line breaks and NUL removed, and any other character a header cannot
/// carry dropped. A value that was sendable is returned unchanged.
pub fn cleaned_header_value(value: &str) -> String {
    if header_safe(value) {
        return value.to_string();
    }
    value
        .chars()
        .filter_map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => Some('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Some('"'),
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFF01 + 0x21),
            '\r' | '\n' | '\0' => None,
            c if u32::from(c) <= 0xFF => Some(c),
            _ => None,
        })
        .collect()
}

/// Adds a finding for every header field, and the key, whose value fetch would refuse.
pub fn check_header_values(input: &LintInput, lang: Lang, out: &mut Vec<Finding>) {
    // Line breaks and spaces around the key are the key-whitespace rule's (with its trim).
    let key = input.conn.api_key.trim();
    if !key.is_empty() && !header_safe(key) {
        let message = match lang {
            Lang::En => "The key holds a character a header cannot carry (a line break, an invisible or a non-Latin character, e.g. a typographic dash): the browser would refuse to send it.",
            Lang::Zh => "密钥中含有请求头无法携带的字符（换行、不可见字符或非拉丁字符，例如排版用的破折号）：浏览器会拒绝发送。",
        };
        out.push(Finding::new(
            "header-unsendable",
            Severity::Error,
            FieldRef::ApiKey,
            message.to_string(),
            Some(Fix::CleanHeader),
        ));
    }
    for f in input.endpoint.fields {
        let Target::Header(name) = f.target else { continue };
        let value = input.values.text(f.key);
        if header_safe(value.trim()) {
            continue;
        }
        let message = match lang {
            Lang::En => format!("{name} holds a character a header cannot carry (a line break, an invisible or a non-Latin character, e.g. a typographic dash): the browser would refuse to send it."),
            Lang::Zh => format!("{name} 中含有请求头无法携带的字符（换行、不可见字符或非拉丁字符，例如排版用的破折号）：浏览器会拒绝发送。"),
        };
        out.push(Finding::new(
            "header-unsendable",
            Severity::Error,
            FieldRef::Form(f.key),
            message,
            Some(Fix::CleanHeader),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_become_ascii_and_the_rest_is_removed() {
        let cases = [
            ("context-1m-2025-08-07", "context-1m-2025-08-07"),
            (
                "context\u{2011}1m\u{2010}2025\u{2013}08\u{2014}07",
                "context-1m-2025-08-07",
            ),
            ("\u{201C}beta\u{201D}", "\"beta\""),
            ("sk-abc\u{200B}def", "sk-abcdef"),
            ("sk-abc\r\n", "sk-abc"),
            ("ｓｋ－ａｂｃ", "sk-abc"),
            ("naïve", "naïve"),
            ("模型", ""),
        ];
        for (typed, cleaned) in cases {
            assert_eq!(cleaned_header_value(typed), cleaned, "{typed:?}");
            assert!(header_safe(&cleaned_header_value(typed)));
        }
    }
}
