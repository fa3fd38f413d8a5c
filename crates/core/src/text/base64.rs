//! Standard base64 (RFC 4648, with padding), for inlining picked files in JSON bodies, and
//! a bounded decoder for reading the header of an image an answer carries.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as standard base64 with `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            ALPHABET[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            ALPHABET[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Decodes at most the first `max_bytes` bytes of standard (or URL-safe) base64, skipping
/// whitespace and stopping at padding or the first character outside the alphabet: enough
/// to read a file's header without decoding megabytes.
pub fn decode_prefix(text: &str, max_bytes: usize) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(max_bytes.min(text.len()));
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let Some(v) = value(c) else { break };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
            if out.len() >= max_bytes {
                break;
            }
        }
    }
    out
}

/// How many bytes a base64 text decodes to (padding and whitespace not counted), without
/// decoding it.
pub fn decoded_len(text: &str) -> usize {
    let symbols = text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').count();
    symbols * 3 / 4
}

#[cfg(test)]
mod tests {
    use super::{decode_prefix, decoded_len, encode};

    #[test]
    fn decodes_what_it_encodes_and_stops_where_asked() {
        for plain in ["", "f", "fo", "foo", "foobar", "any carnal pleas\u{e9}ure"] {
            let coded = encode(plain.as_bytes());
            assert_eq!(decode_prefix(&coded, usize::MAX), plain.as_bytes(), "{plain}");
            assert_eq!(decoded_len(&coded), plain.len(), "{plain}");
        }
        assert_eq!(decode_prefix("Zm9v\nYmFy", 4), b"foob");
        assert_eq!(decode_prefix("_-8", 9), [0xFF, 0xEF], "URL-safe");
        assert_eq!(decode_prefix("Zm9v!!!", 9), b"foo", "stops at a stranger");
    }

    #[test]
    fn rfc4648_vectors() {
        let table = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in table {
            assert_eq!(encode(plain.as_bytes()), coded);
        }
        assert_eq!(encode(&[0xFF, 0xFE, 0x00]), "//4A");
    }
}
