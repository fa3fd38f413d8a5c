//! Splitting a command line into words, as the shell it was written for would (used by the
//! import of pasted commands and by the curl export's round-trip check):
//! POSIX shells (bash, zsh: `'…'`, `"…"` with `\` escapes, `$'…'` ANSI-C strings,
//! backslash-newline continuations) and Windows `cmd` (`^` escapes and continuations, then
//! the C runtime's rule that `\"` is a quote inside a word), which is what browsers write
//! for "Copy as cURL (cmd)".

/// The shell a command was written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// bash, zsh, sh.
    Posix,
    /// Windows `cmd.exe`.
    Cmd,
}

/// Guesses the dialect: `cmd` when lines end in `^` or quotes are escaped as `^"`.
pub fn dialect_of(text: &str) -> Dialect {
    let caret_continues = text.lines().any(|l| l.trim_end().ends_with('^'));
    if caret_continues || text.contains("^\"") || text.contains("^\\^\"") {
        Dialect::Cmd
    } else {
        Dialect::Posix
    }
}

/// Why a command could not be split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// A quote was opened and never closed.
    UnclosedQuote(char),
}

/// The words of `text` in `dialect`. Comments and shell operators are not interpreted:
/// a pasted command is one simple command.
pub fn split(text: &str, dialect: Dialect) -> Result<Vec<String>, SplitError> {
    match dialect {
        Dialect::Posix => split_posix(text),
        Dialect::Cmd => Ok(split_cmd(text)),
    }
}

fn split_posix(text: &str) -> Result<Vec<String>, SplitError> {
    let mut w = Words::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                // A line continuation joins the lines.
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(next) => w.push(next),
                None => {}
            },
            '\'' => {
                w.start();
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => w.word.push(ch),
                        None => return Err(SplitError::UnclosedQuote('\'')),
                    }
                }
            }
            '"' => {
                w.start();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => w.word.push(ch),
                            Some('\n') => {}
                            Some(ch) => {
                                w.word.push('\\');
                                w.word.push(ch);
                            }
                            None => return Err(SplitError::UnclosedQuote('"')),
                        },
                        Some(ch) => w.word.push(ch),
                        None => return Err(SplitError::UnclosedQuote('"')),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                w.start();
                ansi_c(&mut chars, &mut w.word)?;
            }
            c if c.is_whitespace() => {
                w.end();
            }
            c => w.push(c),
        }
    }
    Ok(w.finish())
}

/// The inside of a `$'…'` string, up to its closing quote.
fn ansi_c(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, word: &mut String) -> Result<(), SplitError> {
    loop {
        match chars.next() {
            Some('\'') => return Ok(()),
            Some('\\') => {
                let Some(escape) = chars.next() else {
                    return Err(SplitError::UnclosedQuote('\''));
                };
                match escape {
                    'n' => word.push('\n'),
                    't' => word.push('\t'),
                    'r' => word.push('\r'),
                    '0' => word.push('\0'),
                    'x' | 'u' | 'U' => {
                        let max = match escape {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut hex = String::new();
                        while hex.len() < max && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                            hex.extend(chars.next());
                        }
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(ch) => word.push(ch),
                            None => {
                                word.push('\\');
                                word.push(escape);
                                word.push_str(&hex);
                            }
                        }
                    }
                    other @ ('\\' | '\'' | '"' | '?') => word.push(other),
                    other => {
                        word.push('\\');
                        word.push(other);
                    }
                }
            }
            Some(ch) => word.push(ch),
            None => return Err(SplitError::UnclosedQuote('\'')),
        }
    }
}

fn split_cmd(text: &str) -> Vec<String> {
    // cmd first: `^` escapes the next character, and `^` before a line break continues the
    // line. Then the C runtime splits words: `"` groups, `\"` is a literal quote.
    let mut unescaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => match chars.next() {
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                Some('\n') | None => {}
                Some(next) => unescaped.push(next),
            },
            c => unescaped.push(c),
        }
    }
    let mut w = Words::default();
    let mut quoted = false;
    let mut chars = unescaped.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut slashes = 1;
                while chars.peek() == Some(&'\\') {
                    chars.next();
                    slashes += 1;
                }
                if chars.peek() == Some(&'"') {
                    // 2n backslashes + quote: n backslashes and a delimiter; 2n+1: a quote.
                    w.word.extend(std::iter::repeat_n('\\', slashes / 2));
                    if slashes % 2 == 1 {
                        chars.next();
                        w.word.push('"');
                    }
                } else {
                    w.word.extend(std::iter::repeat_n('\\', slashes));
                }
                w.start();
            }
            '"' => {
                w.start();
                // `""` inside quotes is a literal quote.
                if quoted && chars.peek() == Some(&'"') {
                    chars.next();
                    w.word.push('"');
                } else {
                    quoted = !quoted;
                }
            }
            c if c.is_whitespace() && !quoted => {
                w.end();
            }
            c => w.push(c),
        }
    }
    w.finish()
}

/// The words read so far and the one being read (a word may be empty, as `''` is).
#[derive(Default)]
struct Words {
    done: Vec<String>,
    word: String,
    started: bool,
}

impl Words {
    /// A character of the current word.
    fn push(&mut self, c: char) {
        self.word.push(c);
        self.started = true;
    }

    /// A word begins (a quote opens one even if it stays empty).
    fn start(&mut self) {
        self.started = true;
    }

    /// Whitespace: the current word, if any, is complete.
    fn end(&mut self) {
        if self.started {
            self.done.push(std::mem::take(&mut self.word));
            self.started = false;
        }
    }

    /// All the words.
    fn finish(mut self) -> Vec<String> {
        self.end();
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posix(text: &str) -> Vec<String> {
        split(text, Dialect::Posix).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn posix_quoting_of_every_kind() {
        let cases: &[(&str, &[&str])] = &[
            ("curl https://x/v1/models", &["curl", "https://x/v1/models"]),
            (
                "curl -H 'Authorization: Bearer sk-1' \\\n  -d '{\"a\":1}'",
                &["curl", "-H", "Authorization: Bearer sk-1", "-d", "{\"a\":1}"],
            ),
            (
                "curl -d \"{\\\"a\\\": \\\"$x\\\"}\"",
                &["curl", "-d", "{\"a\": \"$x\"}"],
            ),
            (
                "curl --data-raw $'{\"t\":\"it\\'s\\n\\u00e9\"}'",
                &["curl", "--data-raw", "{\"t\":\"it's\n\u{e9}\"}"],
            ),
            ("curl a\\ b 'c'\"d\"e", &["curl", "a b", "cde"]),
            ("curl \\\r\n -s", &["curl", "-s"]),
        ];
        for (text, words) in cases {
            assert_eq!(posix(text), *words, "{text}");
        }
        assert_eq!(
            split("curl 'open", Dialect::Posix),
            Err(SplitError::UnclosedQuote('\''))
        );
    }

    #[test]
    fn cmd_as_browsers_copy_it() {
        let text = "curl \"https://x/v1/chat/completions\" ^\r\n  -H \"content-type: application/json\" ^\r\n  --data-raw \"^{^\\^\"model^\\^\":^\\^\"gpt^\\^\"^}\"";
        assert_eq!(dialect_of(text), Dialect::Cmd);
        assert_eq!(
            split(text, Dialect::Cmd),
            Ok(vec![
                "curl".to_string(),
                "https://x/v1/chat/completions".into(),
                "-H".into(),
                "content-type: application/json".into(),
                "--data-raw".into(),
                "{\"model\":\"gpt\"}".into(),
            ])
        );
        assert_eq!(
            split("curl -d \"a \"\"b\"\"\"", Dialect::Cmd),
            Ok(vec!["curl".to_string(), "-d".into(), "a \"b\"".into()])
        );
        assert_eq!(dialect_of("curl 'https://x' \\\n -s"), Dialect::Posix);
    }
}
