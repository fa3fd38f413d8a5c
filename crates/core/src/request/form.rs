//! The values a person has typed into an endpoint's form.
//!
//! Values are kept as typed (numbers as text) so a half-typed `0.` is never lost; the
//! builder reports what cannot be sent next to the field.

use crate::request::catalogue::{Endpoint, FieldKind, MessageStyle};
use crate::request::http::FileRef;

/// One piece of a message's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentPart {
    /// Text.
    Text(String),
    /// An image by URL (or data URI typed by hand).
    ImageUrl(String),
    /// An image from a chosen file, inlined as base64.
    ImageFile(FileRef),
}

/// One message of the conversation editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Stable id for keyed rendering.
    pub id: u32,
    /// The role as the protocol spells it.
    pub role: String,
    /// The content; a single text part is sent as a plain string where the protocol allows.
    pub parts: Vec<ContentPart>,
}

impl Message {
    /// A message with one text part.
    pub fn text(id: u32, role: &str, text: &str) -> Message {
        Message {
            id,
            role: role.to_string(),
            parts: vec![ContentPart::Text(text.to_string())],
        }
    }
}

/// A field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    /// Text exactly as typed (numbers, choices and JSON too).
    Text(String),
    /// A toggle.
    Flag(bool),
    /// The conversation editor's messages.
    Messages(Vec<Message>),
    /// Chosen files.
    Files(Vec<FileRef>),
}

/// All values of one endpoint's form, by field key.
///
/// Kept as a list sorted by key (what a `BTreeMap` would iterate in): a form has a dozen
/// fields, and a list is far less code in the page's first download than a tree.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FormValues {
    values: Vec<(String, FieldValue)>,
}

impl FormValues {
    /// The documented example values for an endpoint, so a first Send succeeds.
    pub fn defaults(endpoint: &Endpoint) -> FormValues {
        let mut values = FormValues::default();
        for f in endpoint.fields {
            let v = match f.kind {
                FieldKind::Toggle => FieldValue::Flag(f.default == "true"),
                FieldKind::Messages(style) => FieldValue::Messages(default_messages(style)),
                FieldKind::Files { .. } => FieldValue::Files(Vec::new()),
                _ => FieldValue::Text(f.default.to_string()),
            };
            values.set(f.key, v);
        }
        values
    }

    /// A field's value, if set.
    pub fn get(&self, key: &str) -> Option<&FieldValue> {
        self.slot(key).ok().map(|at| &self.values[at].1)
    }

    /// Where a key is, or where it would go to keep the list sorted.
    fn slot(&self, key: &str) -> Result<usize, usize> {
        self.values.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// A field's text, or `""`.
    pub fn text(&self, key: &str) -> &str {
        match self.get(key) {
            Some(FieldValue::Text(t)) => t,
            _ => "",
        }
    }

    /// A toggle's state.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(FieldValue::Flag(true)))
    }

    /// The messages of a conversation field.
    pub fn messages(&self, key: &str) -> &[Message] {
        match self.get(key) {
            Some(FieldValue::Messages(m)) => m,
            _ => &[],
        }
    }

    /// The files of a file field.
    pub fn files(&self, key: &str) -> &[FileRef] {
        match self.get(key) {
            Some(FieldValue::Files(f)) => f,
            _ => &[],
        }
    }

    /// Sets a value.
    pub fn set(&mut self, key: &str, value: FieldValue) {
        match self.slot(key) {
            Ok(at) => self.values[at].1 = value,
            Err(at) => self.values.insert(at, (key.to_string(), value)),
        }
    }

    /// Sets a text value.
    pub fn set_text(&mut self, key: &str, text: impl Into<String>) {
        self.set(key, FieldValue::Text(text.into()));
    }

    /// Iterates over all values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldValue)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The model the form names (body or path), for lint and diagnosis.
    pub fn model(&self) -> Option<&str> {
        let m = self.text("model").trim();
        (!m.is_empty()).then_some(m)
    }
}

/// The conversation a new form starts with.
pub fn default_messages(style: MessageStyle) -> Vec<Message> {
    let hello = "Say hello in one short sentence.";
    match style {
        MessageStyle::OpenAiChat => vec![
            Message::text(1, "system", "You are a helpful assistant."),
            Message::text(2, "user", hello),
        ],
        MessageStyle::Claude | MessageStyle::Gemini | MessageStyle::ResponsesInput => {
            vec![Message::text(1, "user", hello)]
        }
    }
}

/// The next free message id in a list.
pub fn next_message_id(messages: &[Message]) -> u32 {
    messages.iter().map(|m| m.id).max().unwrap_or(0) + 1
}
