//! Saved requests: a request given a name (and a group) to come back to, kept in the
//! browser and exported to or imported from a file to share with a team. Each is stored
//! as its share fragment, so it can never carry the key, and a file from elsewhere is read
//! field by field: what is not a request is refused with the reason, nothing else is lost.

use serde_json::{json, Value};

use crate::request::catalogue::EndpointId;
use crate::request::form::FormValues;
use crate::request::share::{self, SharedRequest};

/// The marker of an exported file, so an unrelated JSON file is refused by name.
pub const FILE_FORMAT: &str = "routescope-saved-requests";

/// One saved request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedRequest {
    /// Its name.
    pub name: String,
    /// Its group ("" for none).
    pub group: String,
    /// The endpoint.
    pub endpoint: EndpointId,
    /// The request as a share fragment (never the key).
    pub fragment: String,
}

/// All saved requests, in the order they were saved.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SavedRequests {
    /// The requests.
    pub items: Vec<SavedRequest>,
}

/// Why a saved-requests file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Not JSON at all.
    NotJson,
    /// JSON, but not a file this product wrote.
    NotSavedRequests,
}

impl FileError {
    /// What to tell the person.
    pub fn message(&self) -> &'static str {
        match self {
            FileError::NotJson => "This file is not JSON: choose a file exported with \"Export saved requests\".",
            FileError::NotSavedRequests => "This JSON file is not a saved-requests export.",
        }
    }
}

impl SavedRequests {
    /// Saves the current request under `name` in `group`, replacing one of the same name
    /// and group. `secret` is the person's key: no part carrying it is kept.
    pub fn save(
        &mut self,
        name: &str,
        group: &str,
        id: EndpointId,
        values: &FormValues,
        raw_body: Option<&str>,
        secret: &str,
    ) {
        let item = SavedRequest {
            name: name.trim().to_string(),
            group: group.trim().to_string(),
            endpoint: id,
            fragment: share::encode_request(id, values, raw_body, secret),
        };
        self.upsert(item);
    }

    /// Adds `item`, or replaces the one of the same name and group.
    fn upsert(&mut self, item: SavedRequest) {
        match self
            .items
            .iter_mut()
            .find(|s| s.name == item.name && s.group == item.group)
        {
            Some(existing) => *existing = item,
            None => self.items.push(item),
        }
    }

    /// Removes the request at `index`.
    pub fn remove(&mut self, index: usize) {
        if index < self.items.len() {
            self.items.remove(index);
        }
    }

    /// The request at `index`, ready to open.
    pub fn open(&self, index: usize) -> Option<SharedRequest> {
        let item = self.items.get(index)?;
        share::decode(&item.fragment).filter(|s| s.endpoint == item.endpoint)
    }

    /// The groups in first-saved order, each with the indices of its requests.
    pub fn groups(&self) -> Vec<(String, Vec<usize>)> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            match groups.iter_mut().find(|(g, _)| *g == item.group) {
                Some((_, members)) => members.push(i),
                None => groups.push((item.group.clone(), vec![i])),
            }
        }
        groups
    }

    /// The JSON text kept in storage and written to an export file.
    pub fn encode(&self) -> String {
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|s| json!({"name": s.name, "group": s.group, "endpoint": s.endpoint.as_str(), "request": s.fragment}))
            .collect();
        serde_json::to_string_pretty(&json!({"format": FILE_FORMAT, "version": 1, "items": items})).unwrap_or_default()
    }

    /// Reads an export file (or the stored text); entries that are not requests are
    /// skipped and counted.
    pub fn decode(text: &str) -> Result<(SavedRequests, usize), FileError> {
        let v: Value = serde_json::from_str(text).map_err(|_| FileError::NotJson)?;
        if v.get("format").and_then(Value::as_str) != Some(FILE_FORMAT) {
            return Err(FileError::NotSavedRequests);
        }
        let mut out = SavedRequests::default();
        let mut skipped = 0;
        for item in v.get("items").and_then(Value::as_array).into_iter().flatten() {
            let read = || -> Option<SavedRequest> {
                let endpoint = EndpointId::parse(item.get("endpoint")?.as_str()?)?;
                let fragment = item.get("request")?.as_str()?.to_string();
                // Re-encoded through the share format: a file edited by hand cannot smuggle
                // a key or an unknown field past what a link may carry.
                let shared = share::decode(&fragment).filter(|s| s.endpoint == endpoint)?;
                Some(SavedRequest {
                    name: item.get("name")?.as_str()?.chars().take(200).collect(),
                    group: item
                        .get("group")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .chars()
                        .take(200)
                        .collect(),
                    endpoint,
                    fragment: share::encode_request(endpoint, &shared.values, shared.raw_body.as_deref(), ""),
                })
            };
            match read() {
                Some(s) => out.items.push(s),
                None => skipped += 1,
            }
        }
        Ok((out, skipped))
    }

    /// Adds what another set holds (an imported file), replacing same name and group;
    /// returns how many were added or replaced.
    pub fn merge(&mut self, other: SavedRequests) -> usize {
        let n = other.items.len();
        for item in other.items {
            self.upsert(item);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::catalogue::endpoint;
    use crate::request::form::FieldValue;

    const KEY: &str = "sk-saved-0123456789abcdef";

    fn chat(text: &str) -> FormValues {
        let mut v = FormValues::defaults(endpoint(EndpointId::ChatCompletions));
        v.set("temperature", FieldValue::Text(text.into()));
        v
    }

    #[test]
    fn save_open_replace_remove_and_group() {
        let mut saved = SavedRequests::default();
        saved.save("Hello", "smoke", EndpointId::ChatCompletions, &chat("0.2"), None, KEY);
        saved.save(
            "Models",
            "",
            EndpointId::OpenAiModels,
            &FormValues::defaults(endpoint(EndpointId::OpenAiModels)),
            None,
            KEY,
        );
        saved.save("Hello", "smoke", EndpointId::ChatCompletions, &chat("0.7"), None, KEY);
        assert_eq!(saved.items.len(), 2, "same name and group replaces");
        let opened = saved.open(0).map(|s| s.values.text("temperature").to_string());
        assert_eq!(opened.as_deref(), Some("0.7"));
        assert_eq!(
            saved.groups(),
            [("smoke".to_string(), vec![0]), (String::new(), vec![1])]
        );
        saved.remove(0);
        saved.remove(9);
        assert_eq!(saved.items.len(), 1);
    }

    #[test]
    fn files_round_trip_never_with_the_key_and_strangers_are_refused() {
        let mut saved = SavedRequests::default();
        let mut values = chat("0.2");
        values.set("user", FieldValue::Text(KEY.into()));
        saved.save(
            "Typed the key by mistake",
            "",
            EndpointId::ChatCompletions,
            &values,
            None,
            KEY,
        );
        let file = saved.encode();
        assert!(!file.contains(KEY), "{file}");
        let (back, skipped) = SavedRequests::decode(&file).unwrap_or_default();
        assert_eq!((back.items.len(), skipped), (1, 0));
        assert_eq!(
            back.open(0)
                .map(|s| s.values.text("temperature").to_string())
                .as_deref(),
            Some("0.2")
        );
        assert_eq!(SavedRequests::decode("nope"), Err(FileError::NotJson));
        assert_eq!(
            SavedRequests::decode("{\"items\":[]}"),
            Err(FileError::NotSavedRequests)
        );
        let hand_edited = file.replace("\"chat-completions\"", "\"no-such-endpoint\"");
        assert_eq!(
            SavedRequests::decode(&hand_edited).map(|(s, n)| (s.items.len(), n)),
            Ok((0, 1))
        );
        let mut mine = SavedRequests::default();
        assert_eq!(mine.merge(back.clone()), 1);
        assert_eq!(mine.merge(back), 1);
        assert_eq!(mine.items.len(), 1, "importing twice replaces");
    }
}
