//! The person's unsent work: every endpoint's form values and, where the body is edited by
//! hand, its raw JSON. Switching endpoints keeps each one's draft.
//!
//! Every write goes through these methods, so the two views of a body stay in step in one
//! place: a form edit is merged into a raw body being edited, and a raw edit is read back
//! into the form. "The values, or the endpoint's defaults" is also decided here only.

use std::borrow::Cow;

use crate::request::build::{build_request, Built, Connection};
use crate::request::catalogue::{endpoint, EndpointId, CATALOGUE};
use crate::request::form::FormValues;
use crate::request::sync::{form_from_raw, merge_form_into_raw};

/// Every endpoint's draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Drafts {
    forms: EndpointMap<FormValues>,
    raw_bodies: EndpointMap<String>,
}

/// A value per endpoint. The catalogue has a few dozen endpoints, so a list searched in
/// order is as quick as a tree, and it is far less code in the page's first download
/// (each `BTreeMap` value type brings its own copy of the tree's code).
#[derive(Clone, Debug)]
struct EndpointMap<V>(Vec<(EndpointId, V)>);

/// Equal when they hold the same values, in whatever order they were added.
impl<V: PartialEq> PartialEq for EndpointMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().all(|(k, v)| other.get(*k) == Some(v))
    }
}

impl<V> EndpointMap<V> {
    fn new() -> Self {
        EndpointMap(Vec::new())
    }

    fn get(&self, id: EndpointId) -> Option<&V> {
        self.0.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
    }

    fn get_mut(&mut self, id: EndpointId) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| *k == id).map(|(_, v)| v)
    }

    fn insert(&mut self, id: EndpointId, value: V) {
        match self.get_mut(id) {
            Some(slot) => *slot = value,
            None => self.0.push((id, value)),
        }
    }

    fn remove(&mut self, id: EndpointId) {
        self.0.retain(|(k, _)| *k != id);
    }

    fn get_or_insert_with(&mut self, id: EndpointId, make: impl FnOnce() -> V) -> &mut V {
        let at = match self.0.iter().position(|(k, _)| *k == id) {
            Some(at) => at,
            None => {
                self.0.push((id, make()));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}

impl Drafts {
    /// Every endpoint with its documented example values and no raw body.
    pub fn new() -> Drafts {
        Drafts {
            forms: EndpointMap(CATALOGUE.iter().map(|e| (e.id, FormValues::defaults(e))).collect()),
            raw_bodies: EndpointMap::new(),
        }
    }

    /// The endpoint's form values, or its defaults when it has none.
    pub fn values(&self, id: EndpointId) -> Cow<'_, FormValues> {
        match self.forms.get(id) {
            Some(values) => Cow::Borrowed(values),
            None => Cow::Owned(FormValues::defaults(endpoint(id))),
        }
    }

    /// The raw body being edited by hand, if any.
    pub fn raw_body(&self, id: EndpointId) -> Option<&str> {
        self.raw_bodies.get(id).map(String::as_str)
    }

    /// Changes the form; a raw body being edited takes the change too (unknown keys kept).
    pub fn update(&mut self, id: EndpointId, change: impl FnOnce(&mut FormValues)) {
        let values = self.forms.get_or_insert_with(id, || FormValues::defaults(endpoint(id)));
        change(values);
        if let Some(raw) = self.raw_bodies.get_mut(id) {
            if let Some(merged) = merge_form_into_raw(endpoint(id), values, raw) {
                *raw = merged;
            }
        }
    }

    /// Sets the raw body as typed and reads what the form can show back into the form.
    /// Text that is not JSON is kept as typed and leaves the form alone.
    pub fn set_raw_body(&mut self, id: EndpointId, text: String) {
        let synced = form_from_raw(endpoint(id), &text, &self.values(id));
        self.forms.insert(id, synced);
        self.raw_bodies.insert(id, text);
    }

    /// Starts editing the body by hand from the body the form generates now.
    pub fn start_raw(&mut self, id: EndpointId, conn: &Connection) {
        let generated = match self.build(id, conn).request.map(|r| r.body) {
            Some(crate::request::http::Body::Json(text)) => text,
            _ => "{}".to_string(),
        };
        self.raw_bodies.insert(id, generated);
    }

    /// Goes back to the body the form generates.
    pub fn stop_raw(&mut self, id: EndpointId) {
        self.raw_bodies.remove(id);
    }

    /// Replaces an endpoint's whole draft (a link opened, a history entry restored, a fix).
    pub fn replace(&mut self, id: EndpointId, values: FormValues, raw_body: Option<String>) {
        self.forms.insert(id, values);
        match raw_body {
            Some(raw) => self.raw_bodies.insert(id, raw),
            None => self.raw_bodies.remove(id),
        }
    }

    /// The request this endpoint's draft makes on this connection.
    pub fn build(&self, id: EndpointId, conn: &Connection) -> Built {
        build_request(endpoint(id), conn, &self.values(id), self.raw_body(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::form::FieldValue;

    const CHAT: EndpointId = EndpointId::ChatCompletions;

    #[test]
    fn every_endpoint_starts_from_its_defaults() {
        let drafts = Drafts::new();
        for e in CATALOGUE {
            assert_eq!(*drafts.values(e.id), FormValues::defaults(e));
            assert_eq!(drafts.raw_body(e.id), None);
        }
    }

    #[test]
    fn a_form_edit_reaches_the_raw_body_and_keeps_unknown_keys() {
        let mut drafts = Drafts::new();
        drafts.set_raw_body(CHAT, r#"{"model": "gpt-5.4", "messages": [], "seed": 7}"#.into());
        drafts.update(CHAT, |v| v.set_text("model", "gpt-5.4-mini"));
        let raw = drafts.raw_body(CHAT).unwrap_or_default();
        assert!(raw.contains("gpt-5.4-mini") && raw.contains("\"seed\": 7"), "{raw}");
    }

    #[test]
    fn a_raw_edit_reaches_the_form_and_bad_json_is_kept_as_typed() {
        let mut drafts = Drafts::new();
        drafts.set_raw_body(CHAT, r#"{"model": "claude-x", "messages": []}"#.into());
        assert_eq!(drafts.values(CHAT).text("model"), "claude-x");
        drafts.set_raw_body(CHAT, "{\"model\": ".into());
        assert_eq!(drafts.raw_body(CHAT), Some("{\"model\": "));
        assert_eq!(drafts.values(CHAT).text("model"), "claude-x");
    }

    #[test]
    fn raw_editing_starts_from_the_generated_body_and_stops_cleanly() {
        let mut drafts = Drafts::new();
        let conn = Connection::default();
        drafts.start_raw(CHAT, &conn);
        let generated = drafts.raw_body(CHAT).unwrap_or_default().to_string();
        assert!(generated.contains("\"model\""), "{generated}");
        drafts.stop_raw(CHAT);
        assert_eq!(drafts.raw_body(CHAT), None);
    }

    #[test]
    fn the_same_drafts_are_equal_whatever_order_they_were_made_in() {
        let (mut a, mut b) = (Drafts::new(), Drafts::new());
        a.set_raw_body(CHAT, "{}".into());
        a.set_raw_body(EndpointId::Responses, "{}".into());
        b.set_raw_body(EndpointId::Responses, "{}".into());
        b.set_raw_body(CHAT, "{}".into());
        assert_eq!(a, b);
        b.stop_raw(CHAT);
        assert_ne!(a, b);
    }

    #[test]
    fn drafts_are_kept_per_endpoint_and_replace_is_whole() {
        let mut drafts = Drafts::new();
        drafts.update(CHAT, |v| v.set("stream", FieldValue::Flag(true)));
        assert!(!drafts.values(EndpointId::Responses).flag("stream"));
        let mut values = FormValues::defaults(endpoint(CHAT));
        values.set_text("model", "from-a-link");
        drafts.replace(CHAT, values.clone(), Some("{}".into()));
        assert_eq!(*drafts.values(CHAT), values);
        drafts.replace(CHAT, values, None);
        assert_eq!(drafts.raw_body(CHAT), None);
    }
}
