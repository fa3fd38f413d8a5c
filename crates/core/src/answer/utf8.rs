//! Decoding a body that arrives in chunks whose boundaries may split a UTF-8 character.

/// Collects bytes and exposes the longest valid UTF-8 text so far.
#[derive(Debug, Default)]
pub struct Utf8Accumulator {
    text: String,
    pending: Vec<u8>,
}

impl Utf8Accumulator {
    /// Adds a chunk; a character cut at the end waits for the next chunk.
    pub fn push(&mut self, chunk: &[u8]) {
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

    /// The whole text; a cut character at the very end becomes U+FFFD.
    pub fn finish(mut self) -> String {
        if !self.pending.is_empty() {
            self.text.push('\u{FFFD}');
        }
        self.text
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
            assert_eq!(acc.finish(), std::str::from_utf8(original).unwrap(), "cut at {cut}");
        }
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut acc = Utf8Accumulator::default();
        acc.push(&[b'a', 0xFF, b'b']);
        assert_eq!(acc.finish(), "a\u{FFFD}b");
        let mut cut = Utf8Accumulator::default();
        cut.push(&[b'a', 0xE4, 0xBD]);
        assert_eq!(cut.finish(), "a\u{FFFD}");
    }

    #[test]
    fn long_invalid_input_becomes_replacement_characters() {
        let mut acc = Utf8Accumulator::default();
        let mut bytes = vec![0xFFu8; 100_000];
        bytes.extend_from_slice("ok 你好".as_bytes());
        for chunk in bytes.chunks(4096) {
            acc.push(chunk);
        }
        let text = acc.finish();
        assert_eq!(text.chars().filter(|c| *c == '\u{FFFD}').count(), 100_000);
        assert!(text.ends_with("ok 你好"));
    }
}
