//! Quoting words for a POSIX shell (the curl export), and splitting a command line back
//! into words (the shared splitter in `text::shell`) to check that round trip.

pub use crate::text::shell::SplitError;

/// Splits `line` into words as a POSIX shell would. `$VAR` is kept literally (nothing is
/// expanded).
pub fn split(line: &str) -> Result<Vec<String>, SplitError> {
    crate::text::shell::split(line, crate::text::shell::Dialect::Posix)
}

/// Quotes a word for a POSIX shell: single quotes, with `'` written as `'\''`.
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if safe {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Quotes a word in double quotes so `$NAME` inside it expands: every other `$`, `` ` ``,
/// `"` and `\` is escaped.
pub fn quote_with_var(word: &str, secret: &str, var: &str) -> String {
    let mut out = String::from("\"");
    for (i, piece) in word.split(secret).enumerate() {
        if i > 0 {
            out.push_str(&format!("${{{var}}}"));
        }
        for c in piece.chars() {
            if matches!(c, '$' | '`' | '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_a_shell() {
        let cases: &[(&str, &[&str])] = &[
            ("curl a b", &["curl", "a", "b"]),
            ("curl 'a b' \"c d\"", &["curl", "a b", "c d"]),
            ("curl 'it'\\''s'", &["curl", "it's"]),
            ("curl \\\n  -H x", &["curl", "-H", "x"]),
            ("a\"b\"'c'", &["abc"]),
            ("\"\\$x \\\" \\\\ \\n\"", &["$x \" \\ \\n"]),
            ("''", &[""]),
        ];
        for (line, words) in cases {
            assert_eq!(split(line).unwrap(), *words, "{line:?}");
        }
        assert_eq!(split("'abc"), Err(SplitError::UnclosedQuote('\'')));
        assert_eq!(split("\"abc"), Err(SplitError::UnclosedQuote('"')));
    }

    #[test]
    fn quote_round_trips() {
        for w in [
            "",
            "simple",
            "with space",
            "it's",
            "{\"a\": \"$b\"}",
            "line\nbreak",
            "a'b'c",
        ] {
            assert_eq!(split(&quote(w)).unwrap(), vec![w.to_string()], "{w:?}");
        }
    }

    #[test]
    fn quote_with_var_keeps_other_dollars_literal() {
        let q = quote_with_var("Bearer sk-1 $HOME", "sk-1", "KEY");
        assert_eq!(q, "\"Bearer ${KEY} \\$HOME\"");
        assert_eq!(split(&q).unwrap(), vec!["Bearer ${KEY} $HOME".to_string()]);
    }
}
