//! Decoding a body that arrives in chunks whose boundaries may split a UTF-8 character.

/// Collects bytes and exposes the longest valid UTF-8 text so far. Once a byte turns out
/// not to be UTF-8, the text stops being a faithful copy, and the bytes themselves are kept
/// from then on (text that decodes cleanly is never held twice).
#[derive(Debug, Default)]
pub struct Utf8Accumulator {
    text: String,
    pending: Vec<u8>,
    /// Every byte pushed, once the text stopped being an exact copy of them.
    exact: Option<Vec<u8>>,
}

/// A body read to its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, invalid sequences replaced by U+FFFD.
    pub text: String,
    /// The bytes received, when the text is not a faithful copy of them.
    pub exact: Option<Vec<u8>>,
}

impl Utf8Accumulator {
    /// Adds a chunk; a character cut at the end waits for the next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(exact) = &mut self.exact {
            exact.extend_from_slice(chunk);
        }
        // Until the first invalid byte, the text so far is exactly the bytes consumed so far.
        let faithful_len = self.text.len();
        self.pending.extend_from_slice(chunk);
        // Walk forward with an offset and drop the consumed bytes once at the end: draining
        // from the front at every bad byte would make invalid input quadratic.
        let mut start = 0;
        loop {
            match std::str::from_utf8(&self.pending[start..]) {
                Ok(valid) => {
                    self.text.push_str(valid);
                    start = self.pending.len();
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    // from_utf8 vouched for these `good` bytes.
                    self.text
                        .push_str(&String::from_utf8_lossy(&self.pending[start..start + good]));
                    match e.error_len() {
                        // A truly invalid sequence: replace it and go on.
                        Some(bad) => {
                            if self.exact.is_none() {
                                let mut exact = self.text.as_bytes()[..faithful_len].to_vec();
                                exact.extend_from_slice(&self.pending);
                                self.exact = Some(exact);
                            }
                            self.text.push('\u{FFFD}');
                            start += good + bad;
                        }
                        // A character cut by the chunk boundary: wait for more.
                        None => {
                            start += good;
                            break;
                        }
                    }
                }
            }
        }
        self.pending.drain(..start);
    }

    /// The text decoded so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The whole text (a cut character at the very end becomes U+FFFD), and the exact
    /// bytes when the text is not a faithful copy of them.
    pub fn finish(mut self) -> Decoded {
        if !self.pending.is_empty() {
            if self.exact.is_none() {
                let mut exact = self.text.clone().into_bytes();
                exact.extend_from_slice(&self.pending);
                self.exact = Some(exact);
            }
            self.text.push('\u{FFFD}');
        }
        Decoded {
            text: self.text,
            exact: self.exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_split_point_gives_the_same_text() {
        let original = "data: {\"content\":\"你好, world ✓\"}\n\n".as_bytes();
        for cut in 0..=original.len() {
            let mut acc = Utf8Accumulator::default();
            acc.push(&original[..cut]);
            assert!(std::str::from_utf8(original).unwrap().starts_with(acc.as_str()));
            acc.push(&original[cut..]);
            let decoded = acc.finish();
            assert_eq!(decoded.text, std::str::from_utf8(original).unwrap(), "cut at {cut}");
            assert_eq!(decoded.exact, None, "valid text is not kept twice (cut at {cut})");
        }
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut acc = Utf8Accumulator::default();
        acc.push(&[b'a', 0xFF, b'b']);
        assert_eq!(acc.finish().text, "a\u{FFFD}b");
        let mut cut = Utf8Accumulator::default();
        cut.push(&[b'a', 0xE4, 0xBD]);
        assert_eq!(cut.finish().text, "a\u{FFFD}");
    }

    #[test]
    fn long_invalid_input_becomes_replacement_characters() {
        let mut acc = Utf8Accumulator::default();
        let mut bytes = vec![0xFFu8; 100_000];
        bytes.extend_from_slice("ok 你好".as_bytes());
        for chunk in bytes.chunks(4096) {
            acc.push(chunk);
        }
        let decoded = acc.finish();
        assert_eq!(decoded.exact.as_deref(), Some(bytes.as_slice()));
        let text = decoded.text;
        assert_eq!(text.chars().filter(|c| *c == '\u{FFFD}').count(), 100_000);
        assert!(text.ends_with("ok 你好"));
    }

    #[test]
    fn the_exact_bytes_are_kept_once_the_text_is_not_a_copy_whatever_the_chunking() {
        let cases: [&[u8]; 5] = [
            b"ok \xFF end",
            "你好".as_bytes(),
            b"\xC3",
            b"{\"a\":\"caf\xE9\"} \xE4\xBD\xA0",
            b"tail cut \xE4\xBD",
        ];
        for bytes in cases {
            let lossless = std::str::from_utf8(bytes).is_ok();
            for size in 1..=bytes.len().max(1) {
                let mut acc = Utf8Accumulator::default();
                for chunk in bytes.chunks(size) {
                    acc.push(chunk);
                }
                let decoded = acc.finish();
                assert_eq!(
                    decoded.text,
                    String::from_utf8_lossy(bytes),
                    "{bytes:?} in chunks of {size}"
                );
                let expected = (!lossless).then(|| bytes.to_vec());
                assert_eq!(decoded.exact, expected, "{bytes:?} in chunks of {size}");
            }
        }
    }
}
