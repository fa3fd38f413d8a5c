//! Python and JavaScript literals: strings escaped for each language, JSON values written
//! as dict / object literals, and the code tree the snippet writers lay out.
//!
//! Strings are always double-quoted and never template literals or f-strings, so `${`,
//! backticks and braces need no escaping. Invisible characters (controls, bidi overrides,
//! zero-width and line/paragraph separators) are escaped so a snippet shows what it sends;
//! other non-ASCII text is kept as typed (both languages read UTF-8 source).

use serde_json::Value;

use crate::export::curl::{KeyExposure, KEY_VAR};
use crate::text::percent::encode_component;

/// A string as a double-quoted Python literal that evaluates to exactly `s`.
pub fn python_string(s: &str) -> String {
    quoted(Lang::Python, s)
}

/// A string as a double-quoted JavaScript literal that evaluates to exactly `s`.
pub fn js_string(s: &str) -> String {
    quoted(Lang::Js, s)
}

/// A JSON value as a Python literal (`True`, `False`, `None`, dicts and lists).
pub fn python_value(value: &Value) -> String {
    Writer::new(Lang::Python, "", KeyExposure::Revealed).render(&Node::Json(value.clone()), 0)
}

/// A JSON value as a JavaScript object literal.
pub fn js_value(value: &Value) -> String {
    Writer::new(Lang::Js, "", KeyExposure::Revealed).render(&Node::Json(value.clone()), 0)
}

/// The language a snippet is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Python,
    Js,
}

impl Lang {
    /// How far a literal may run on one line before it is broken up (Black's and
    /// Prettier's defaults).
    fn width(self) -> usize {
        match self {
            Lang::Python => 88,
            Lang::Js => 80,
        }
    }

    fn indent(self) -> &'static str {
        match self {
            Lang::Python => "    ",
            Lang::Js => "  ",
        }
    }
}

/// Characters written as escapes although the language would accept them raw: they are
/// invisible or reorder text, so a reader could not see what the snippet sends.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

fn quoted(lang: Lang, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if invisible(c) => {
                let n = c as u32;
                match (lang, n) {
                    (_, 0..=0xFF) => out.push_str(&format!("\\x{n:02x}")),
                    (_, 0x100..=0xFFFF) => out.push_str(&format!("\\u{n:04x}")),
                    (Lang::Python, _) => out.push_str(&format!("\\U{n:08x}")),
                    (Lang::Js, _) => out.push_str(&format!("\\u{{{n:x}}}")),
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text safe inside a `#` or `//` comment: nothing that could end the line early.
pub(crate) fn comment_text(s: &str) -> String {
    let q = quoted(Lang::Js, s);
    let inner = &q[1..q.len() - 1];
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// A piece of code to lay out: literals from the request and expressions of the snippet.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// An expression written verbatim.
    Code(String),
    /// A string from the request: a literal, with the key swapped out when it is hidden.
    Str(String),
    /// A URL: like `Str`, and the percent-encoded key (`?key=`) is swapped too.
    Url(String),
    /// Any JSON value.
    Json(Value),
    /// A list / array literal.
    List(Vec<Node>),
    /// A dict / object literal; keys are strings from the request.
    Map(Vec<(String, Node)>),
    /// A call: `callee(name=value, …)` in Python, positional when the name is `None`.
    Call(String, Vec<(Option<String>, Node)>),
}

impl Node {
    /// A string node from anything string-like.
    pub(crate) fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// A verbatim expression.
    pub(crate) fn code(s: impl Into<String>) -> Node {
        Node::Code(s.into())
    }
}

/// Renders code trees for one language, tracking what the snippet ends up needing
/// (`import os`, `quote`) and swapping the key for its environment variable.
pub(crate) struct Writer {
    lang: Lang,
    key: String,
    exposure: KeyExposure,
    /// Whether the environment variable is read somewhere.
    pub(crate) uses_env: bool,
    /// Whether Python's `urllib.parse.quote` is used (a percent-encoded `?key=`).
    pub(crate) uses_quote: bool,
}

impl Writer {
    /// A writer for `lang`; `key` is hidden unless `exposure` is `Revealed`.
    pub(crate) fn new(lang: Lang, key: &str, exposure: KeyExposure) -> Writer {
        Writer {
            lang,
            key: key.to_string(),
            exposure,
            uses_env: false,
            uses_quote: false,
        }
    }

    /// The language written.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the key is written out.
    pub(crate) fn revealed(&self) -> bool {
        self.exposure == KeyExposure::Revealed
    }

    fn hides(&self) -> bool {
        self.exposure == KeyExposure::FromEnv && !self.key.is_empty()
    }

    /// The expression that reads the key from the environment.
    pub(crate) fn env_expr(&mut self) -> String {
        self.uses_env = true;
        match self.lang {
            Lang::Python => format!("os.environ[{}]", python_string(KEY_VAR)),
            Lang::Js => format!("process.env.{KEY_VAR}"),
        }
    }

    /// The expression for the key an SDK client is given.
    pub(crate) fn key_expr(&mut self) -> String {
        if self.revealed() {
            self.lit(&self.key.clone())
        } else {
            self.env_expr()
        }
    }

    fn encoded_env_expr(&mut self) -> String {
        let env = self.env_expr();
        match self.lang {
            Lang::Python => {
                self.uses_quote = true;
                format!("quote({env}, safe=\"\")")
            }
            Lang::Js => format!("encodeURIComponent({env})"),
        }
    }

    /// A plain literal, nothing swapped.
    pub(crate) fn lit(&self, s: &str) -> String {
        quoted(self.lang, s)
    }

    /// A literal for a string from the request, the key swapped when hidden. Returns the
    /// expression and whether anything was swapped.
    fn string(&mut self, s: &str, url: bool) -> (String, bool) {
        if !self.hides() {
            return (self.lit(s), false);
        }
        let key = self.key.clone();
        let encoded = encode_component(&key);
        let mut needles: Vec<(String, bool)> = vec![(key, false)];
        if url && encoded != needles[0].0 {
            needles.push((encoded, true));
        }
        let mut pieces = Vec::new();
        let mut swapped = false;
        let mut rest = s;
        loop {
            let best = needles
                .iter()
                .filter_map(|(n, enc)| rest.find(n.as_str()).map(|i| (i, n.len(), *enc)))
                .min_by_key(|(i, len, _)| (*i, usize::MAX - len));
            let Some((at, len, enc)) = best else {
                if !rest.is_empty() || pieces.is_empty() {
                    pieces.push(self.lit(rest));
                }
                break;
            };
            if at > 0 {
                pieces.push(self.lit(&rest[..at]));
            }
            pieces.push(if enc { self.encoded_env_expr() } else { self.env_expr() });
            swapped = true;
            rest = &rest[at + len..];
        }
        (pieces.join(" + "), swapped)
    }

    /// A string from the request as an expression.
    pub(crate) fn str(&mut self, s: &str) -> String {
        self.string(s, false).0
    }

    /// Lays `node` out at `indent` levels: on one line when it fits, else one item a line.
    pub(crate) fn render(&mut self, node: &Node, indent: usize) -> String {
        self.render_after(node, indent, 0)
    }

    /// Like [`Writer::render`] for a node that starts `lead` characters into its line
    /// (after `name=` or `const x = await `), so the width check counts them.
    pub(crate) fn render_after(&mut self, node: &Node, indent: usize, lead: usize) -> String {
        match node {
            Node::Code(c) => c.clone(),
            Node::Str(s) => self.string(s, false).0,
            Node::Url(s) => self.string(s, true).0,
            Node::Json(v) => self.json(v, indent, lead),
            Node::List(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.render(i, indent + 1)).collect();
                self.layout(("[", "]"), parts, indent, lead, false)
            }
            Node::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| {
                        let key = self.key_text(k);
                        let value = self.render_after(v, indent + 1, key.chars().count() + 2);
                        format!("{key}: {value}")
                    })
                    .collect();
                self.layout(("{", "}"), parts, indent, lead, self.lang == Lang::Js)
            }
            Node::Call(callee, args) if self.lang == Lang::Js => {
                // `f(a, {` … `})`: the last argument hugs the parentheses, as Prettier
                // writes an options object.
                if let Some(((_, last), init)) = args.split_last() {
                    let init: Vec<String> = init.iter().map(|(_, v)| self.render(v, indent)).collect();
                    if init.iter().all(|p| !p.contains('\n')) {
                        let before: usize = init.iter().map(|p| p.chars().count() + 2).sum();
                        let last = self.render_after(last, indent, lead + callee.chars().count() + 2 + before);
                        let all: Vec<String> = init.into_iter().chain(std::iter::once(last)).collect();
                        return format!("{callee}({})", all.join(", "));
                    }
                }
                let parts = args.iter().map(|(_, v)| self.render(v, indent + 1)).collect();
                let open = format!("{callee}(");
                self.layout((&open, ")"), parts, indent, lead, false)
            }
            Node::Call(callee, args) => {
                let parts: Vec<String> = args
                    .iter()
                    .map(|(name, v)| match name {
                        Some(n) => format!("{n}={}", self.render_after(v, indent + 1, n.chars().count() + 1)),
                        None => self.render(v, indent + 1),
                    })
                    .collect();
                let open = format!("{callee}(");
                self.layout((&open, ")"), parts, indent, lead, false)
            }
        }
    }

    fn json(&mut self, v: &Value, indent: usize, lead: usize) -> String {
        match v {
            Value::Null => match self.lang {
                Lang::Python => "None".into(),
                Lang::Js => "null".into(),
            },
            Value::Bool(b) => match (self.lang, b) {
                (Lang::Python, true) => "True".into(),
                (Lang::Python, false) => "False".into(),
                (Lang::Js, b) => b.to_string(),
            },
            Value::Number(n) => n.to_string(),
            Value::String(s) => self.string(s, false).0,
            Value::Array(items) => {
                let nodes = items.iter().cloned().map(Node::Json).collect();
                self.render_after(&Node::List(nodes), indent, lead)
            }
            Value::Object(map) => {
                let nodes = map.iter().map(|(k, v)| (k.clone(), Node::Json(v.clone()))).collect();
                self.render_after(&Node::Map(nodes), indent, lead)
            }
        }
    }

    /// A dict key (Python) or property name (JavaScript).
    fn key_text(&mut self, k: &str) -> String {
        let (expr, swapped) = self.string(k, false);
        match self.lang {
            Lang::Python => expr,
            Lang::Js if swapped || k == "__proto__" => format!("[{expr}]"),
            Lang::Js if is_js_identifier(k) => k.to_string(),
            Lang::Js => expr,
        }
    }

    fn layout(&self, (open, close): (&str, &str), parts: Vec<String>, indent: usize, lead: usize, pad: bool) -> String {
        if parts.is_empty() {
            return format!("{open}{close}");
        }
        let space = if pad { " " } else { "" };
        let one_line = format!("{open}{space}{}{space}{close}", parts.join(", "));
        let unit = self.lang.indent();
        if !one_line.contains('\n') && indent * unit.len() + lead + one_line.chars().count() < self.lang.width() {
            return one_line;
        }
        let inner = unit.repeat(indent + 1);
        let mut out = format!("{open}\n");
        for p in parts {
            out.push_str(&format!("{inner}{p},\n"));
        }
        out.push_str(&unit.repeat(indent));
        out.push_str(close);
        out
    }
}

fn is_js_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_escape_what_each_language_needs() {
        let table = [
            ("plain", "\"plain\"", "\"plain\""),
            ("say \"hi\"", r#""say \"hi\"""#, r#""say \"hi\"""#),
            ("a\\b", r#""a\\b""#, r#""a\\b""#),
            ("line\nnext\r\ttab", r#""line\nnext\r\ttab""#, r#""line\nnext\r\ttab""#),
            (
                "nul\u{0}bell\u{7}del\u{7f}",
                r#""nul\x00bell\x07del\x7f""#,
                r#""nul\x00bell\x07del\x7f""#,
            ),
            ("你好 café 🙂", "\"你好 café 🙂\"", "\"你好 café 🙂\""),
            (
                "sep\u{2028}rtl\u{202e}zw\u{200b}",
                r#""sep\u2028rtl\u202ezw\u200b""#,
                r#""sep\u2028rtl\u202ezw\u200b""#,
            ),
            ("tag\u{e0041}", r#""tag\U000e0041""#, r#""tag\u{e0041}""#),
            (
                "${x} `tick` {braces} 'single'",
                "\"${x} `tick` {braces} 'single'\"",
                "\"${x} `tick` {braces} 'single'\"",
            ),
        ];
        for (input, py, js) in table {
            assert_eq!(python_string(input), py, "{input:?}");
            assert_eq!(js_string(input), js, "{input:?}");
        }
    }

    #[test]
    fn json_values_become_language_literals() {
        let v = json!({"a": true, "b": false, "c": null, "d": [1, 2.5, -3], "e": {}, "f": []});
        assert_eq!(
            python_value(&v),
            r#"{"a": True, "b": False, "c": None, "d": [1, 2.5, -3], "e": {}, "f": []}"#
        );
        assert_eq!(
            js_value(&v),
            "{ a: true, b: false, c: null, d: [1, 2.5, -3], e: {}, f: [] }"
        );
        let keys = json!({"__proto__": 1, "x-y": 2, "$ok_1": 3, "1a": 4});
        assert_eq!(js_value(&keys), r#"{ ["__proto__"]: 1, "x-y": 2, $ok_1: 3, "1a": 4 }"#);
    }

    #[test]
    fn long_values_break_one_item_a_line() {
        let v = json!({"messages": [{"role": "user", "content": "x".repeat(80)}], "model": "m"});
        let expected = format!(
            "{{\n    \"messages\": [\n        {{\n            \"role\": \"user\",\n            \"content\": \"{}\",\n        }},\n    ],\n    \"model\": \"m\",\n}}",
            "x".repeat(80)
        );
        assert_eq!(python_value(&v), expected);
    }

    #[test]
    fn a_hidden_key_is_swapped_for_the_environment_variable() {
        let mut w = Writer::new(Lang::Python, "sk-abc", KeyExposure::FromEnv);
        assert_eq!(
            w.str("Bearer sk-abc"),
            r#""Bearer " + os.environ["ROUTESCOPE_API_KEY"]"#
        );
        assert_eq!(w.str("sk-abc"), r#"os.environ["ROUTESCOPE_API_KEY"]"#);
        assert_eq!(
            w.str("x sk-abc y sk-abc"),
            r#""x " + os.environ["ROUTESCOPE_API_KEY"] + " y " + os.environ["ROUTESCOPE_API_KEY"]"#
        );
        assert!(w.uses_env && !w.uses_quote);

        let mut w = Writer::new(Lang::Js, "sk-a/b", KeyExposure::FromEnv);
        let url = w.render(&Node::Url("https://h/x?alt=sse&key=sk-a%2Fb".into()), 0);
        assert_eq!(
            url,
            r#""https://h/x?alt=sse&key=" + encodeURIComponent(process.env.ROUTESCOPE_API_KEY)"#
        );
        assert_eq!(
            w.render(&Node::Json(json!({"sk-a/b": 1})), 0),
            "{ [process.env.ROUTESCOPE_API_KEY]: 1 }"
        );

        let mut w = Writer::new(Lang::Python, "sk-a/b", KeyExposure::FromEnv);
        let url = w.render(&Node::Url("https://h/x?key=sk-a%2Fb".into()), 0);
        assert_eq!(
            url,
            r#""https://h/x?key=" + quote(os.environ["ROUTESCOPE_API_KEY"], safe="")"#
        );
        assert!(w.uses_quote);

        let mut w = Writer::new(Lang::Python, "sk-abc", KeyExposure::Revealed);
        assert_eq!(w.str("Bearer sk-abc"), "\"Bearer sk-abc\"");
        assert_eq!(w.key_expr(), "\"sk-abc\"");
        assert!(!w.uses_env);
    }

    #[test]
    fn comments_cannot_be_ended_early() {
        assert_eq!(comment_text("a\nb\u{2028}c \"q\" \\"), "a\\nb\\u2028c \"q\" \\");
    }
}
