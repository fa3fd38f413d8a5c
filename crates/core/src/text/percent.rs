//! One percent codec for every place a value goes into or comes out of a URL: path
//! segments (model and task ids), query values, share-link fragments and the snippet
//! planner reading a built URL back.
//!
//! Encoding is strict (only RFC 3986 unreserved bytes stay as they are) so a typed value can
//! never add a path segment, a query parameter or a fragment. Decoding differs in one
//! place only, `+`: in a form-encoded query or fragment it is a space, in a path it is a
//! plus sign. Invalid escapes are kept as typed; an escape sequence that is not UTF-8
//! leaves the whole text as typed, so decoding never loses what the person wrote.

/// Percent-encodes one path segment (model ids, task ids) so it cannot change the path.
/// `:` and `@` stay readable: they are allowed in a segment and Gemini's
/// `models/{model}:generateContent` uses `:` itself.
pub fn encode_segment(segment: &str) -> String {
    encode(segment, |b| b == b':' || b == b'@')
}

/// Percent-encodes a query value or a share-link value: only unreserved bytes stay.
pub fn encode_component(value: &str) -> String {
    encode(value, |_| false)
}

fn encode(text: &str, also_keep: impl Fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || also_keep(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Decodes a path segment: `%XX` escapes only, `+` stays a plus sign.
pub fn decode_segment(text: &str) -> String {
    decode(text, false)
}

/// Decodes a form-encoded value (a query or a share-link fragment): `+` is a space.
pub fn decode_component(text: &str) -> String {
    decode(text, true)
}

fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_so_a_value_cannot_change_the_url() {
        assert_eq!(encode_segment("gemini-2.5-flash"), "gemini-2.5-flash");
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_segment("models/x:generate@1"), "models%2Fx:generate@1");
        assert_eq!(encode_component("x&y=z"), "x%26y%3Dz");
        assert_eq!(encode_component("a:b@c#d?e"), "a%3Ab%40c%23d%3Fe");
        assert_eq!(encode_component("你"), "%E4%BD%A0");
    }

    #[test]
    fn decodes_with_one_rule_for_plus() {
        let table = [
            ("a%20b", "a b", "a b"),
            ("a+b", "a b", "a+b"),
            ("%E4%BD%A0", "你", "你"),
            ("task%207%2Fb", "task 7/b", "task 7/b"),
            ("100%", "100%", "100%"),
            ("%zz", "%zz", "%zz"),
            ("%4", "%4", "%4"),
            ("a%2", "a%2", "a%2"),
            ("%FF", "%FF", "%FF"),
        ];
        for (input, component, segment) in table {
            assert_eq!(decode_component(input), component, "{input}");
            assert_eq!(decode_segment(input), segment, "{input}");
        }
    }

    #[test]
    fn round_trips() {
        for text in ["", "plain", "a b+c&d=e/f?g#h%i", "你好 sk-x", "\u{1F600}"] {
            assert_eq!(decode_component(&encode_component(text)), text);
            assert_eq!(decode_segment(&encode_segment(text)), text);
        }
    }
}
