//! Keeping the raw body editor and the form in step, where they can be.
//!
//! Raw → form: every field whose JSON path is present takes its value (numbers, strings,
//! toggles, JSON, messages in the protocol's shape); fields whose path is gone are cleared.
//! Form → raw: each field's path is rewritten in the raw JSON and everything else the person
//! typed (unknown keys, their order) is kept.

use serde_json::{Map, Value};

use crate::request::build::form_json;
use crate::request::catalogue::{Endpoint, FieldKind, MessageStyle, Target};
use crate::request::form::{ContentPart, FieldValue, FormValues, Message};

/// Reads a dotted path (`generationConfig.temperature`, `instances.0.prompt`).
pub fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |node, seg| match seg.parse::<usize>() {
        Ok(i) => node.get(i),
        Err(_) => node.get(seg),
    })
}

/// Writes (or with `None` removes) a dotted path, creating objects/arrays on the way.
pub fn set_path(root: &mut Value, path: &str, value: Option<Value>) {
    let segments: Vec<&str> = path.split('.').collect();
    let mut node = root;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if let Ok(index) = seg.parse::<usize>() {
            let Value::Array(items) = node else { return };
            if last {
                match value {
                    Some(v) if index < items.len() => items[index] = v,
                    Some(v) if index == items.len() => items.push(v),
                    None if index < items.len() => {
                        items.remove(index);
                    }
                    _ => {}
                }
                return;
            }
            let Some(next) = items.get_mut(index) else { return };
            node = next;
        } else {
            if !node.is_object() {
                if value.is_none() {
                    return;
                }
                *node = Value::Object(Map::new());
            }
            let Value::Object(map) = node else { return };
            if last {
                match value {
                    Some(v) => {
                        map.insert(seg.to_string(), v);
                    }
                    None => {
                        map.remove(*seg);
                    }
                }
                return;
            }
            if !map.contains_key(*seg) {
                if value.is_none() {
                    return;
                }
                let next_is_index = segments.get(i + 1).is_some_and(|s| s.parse::<usize>().is_ok());
                map.insert(
                    seg.to_string(),
                    if next_is_index {
                        Value::Array(Vec::new())
                    } else {
                        Value::Object(Map::new())
                    },
                );
            }
            let Some(next) = map.get_mut(*seg) else { return };
            node = next;
        }
    }
}

/// Rewrites the form's fields into the raw body, keeping everything else. `None` when the
/// raw text is not a JSON object (then nothing is touched).
pub fn merge_form_into_raw(endpoint: &Endpoint, values: &FormValues, raw: &str) -> Option<String> {
    let mut doc: Value = serde_json::from_str(raw).ok()?;
    if !doc.is_object() {
        return None;
    }
    let generated = form_json(endpoint, values, &mut Vec::new());
    let mut seen: Vec<&str> = Vec::new();
    for f in endpoint.fields {
        let Target::Json(path) = f.target else { continue };
        if seen.contains(&path) {
            continue;
        }
        seen.push(path);
        set_path(&mut doc, path, get_path(&generated, path).cloned());
        prune_empty_parents(&mut doc, path);
    }
    serde_json::to_string_pretty(&doc).ok()
}

/// After removing `a.b.c`, drop `a.b` and `a` when they became empty objects.
fn prune_empty_parents(doc: &mut Value, path: &str) {
    let segments: Vec<&str> = path.split('.').collect();
    for depth in (1..segments.len()).rev() {
        let parent = segments[..depth].join(".");
        if get_path(doc, &parent).is_some_and(|v| v.as_object().is_some_and(Map::is_empty)) {
            set_path(doc, &parent, None);
        }
    }
}

/// Reads a JSON body someone brought (a link, an imported command) into the form: the
/// values, and the body itself (pretty-printed) when the form cannot say all of it.
/// `None` when the text is not JSON.
pub fn values_from_body(endpoint: &Endpoint, body: &str, base: &FormValues) -> Option<(FormValues, Option<String>)> {
    let json = serde_json::from_str::<Value>(body).ok()?;
    let values = form_from_raw(endpoint, body, base);
    let regenerated = crate::request::build::form_json(endpoint, &values, &mut Vec::new());
    let raw = (regenerated != json).then(|| serde_json::to_string_pretty(&json).unwrap_or_else(|_| body.to_string()));
    Some((values, raw))
}

/// Reads the raw body back into the form. Fields the raw JSON cannot express in the form
/// (files) keep their values; a raw text that is not JSON changes nothing.
pub fn form_from_raw(endpoint: &Endpoint, raw: &str, values: &FormValues) -> FormValues {
    let Ok(doc) = serde_json::from_str::<Value>(raw) else {
        return values.clone();
    };
    let mut out = values.clone();
    for f in endpoint.fields {
        let Target::Json(path) = f.target else { continue };
        let found = get_path(&doc, path);
        match f.kind {
            FieldKind::Files { .. } => {}
            FieldKind::Toggle => out.set(f.key, FieldValue::Flag(found.and_then(Value::as_bool).unwrap_or(false))),
            FieldKind::Messages(style) => {
                if let Some(messages) = found.and_then(|v| decode_messages(style, v)) {
                    out.set(f.key, FieldValue::Messages(messages));
                }
            }
            FieldKind::Json => out.set_text(
                f.key,
                found
                    .map(|v| serde_json::to_string(v).unwrap_or_default())
                    .unwrap_or_default(),
            ),
            FieldKind::CsvList => out.set_text(
                f.key,
                found
                    .and_then(Value::as_array)
                    .map(|a| strings(a).join(", "))
                    .unwrap_or_default(),
            ),
            FieldKind::UrlLines { .. } => {
                // Seedream's `image` is shared with picked files (data URIs): keep only URLs.
                let lines: Vec<String> = match found {
                    Some(Value::String(s)) => vec![s.clone()],
                    Some(Value::Array(a)) => strings(a),
                    _ => Vec::new(),
                };
                let kept: Vec<String> = lines
                    .into_iter()
                    .filter(|l| !l.starts_with("data:") || !has_files(endpoint, values))
                    .collect();
                out.set_text(f.key, kept.join("\n"));
            }
            FieldKind::GeminiSystem => out.set_text(
                f.key,
                found
                    .and_then(|v| get_path(v, "parts.0.text"))
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            ),
            _ => out.set_text(f.key, found.map(scalar_text).unwrap_or_default()),
        }
    }
    out
}

fn has_files(endpoint: &Endpoint, values: &FormValues) -> bool {
    endpoint
        .fields
        .iter()
        .any(|f| matches!(f.kind, FieldKind::Files { .. }) && !values.files(f.key).is_empty())
}

fn strings(items: &[Value]) -> Vec<String> {
    items.iter().filter_map(Value::as_str).map(str::to_string).collect()
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Decodes a protocol's messages into the editor's model; `None` when it cannot.
pub fn decode_messages(style: MessageStyle, v: &Value) -> Option<Vec<Message>> {
    if style == MessageStyle::ResponsesInput {
        if let Some(s) = v.as_str() {
            return Some(vec![Message::text(1, "user", s)]);
        }
    }
    let items = v.as_array()?;
    let mut out = Vec::new();
    for (i, m) in items.iter().enumerate() {
        let role = m.get("role").and_then(Value::as_str).unwrap_or("user").to_string();
        let parts = match style {
            MessageStyle::Gemini => m
                .get("parts")?
                .as_array()?
                .iter()
                .map(gemini_part)
                .collect::<Option<Vec<_>>>()?,
            _ => match m.get("content")? {
                Value::String(s) => vec![ContentPart::Text(s.clone())],
                Value::Array(parts) => parts.iter().map(chat_part).collect::<Option<Vec<_>>>()?,
                _ => return None,
            },
        };
        out.push(Message {
            id: i as u32 + 1,
            role,
            parts,
        });
    }
    Some(out)
}

fn chat_part(p: &Value) -> Option<ContentPart> {
    if let Some(t) = p.get("text").and_then(Value::as_str) {
        return Some(ContentPart::Text(t.to_string()));
    }
    let url = p
        .pointer("/image_url/url")
        .or_else(|| p.get("image_url"))
        .or_else(|| p.pointer("/source/url"))
        .and_then(Value::as_str);
    if let Some(u) = url {
        return Some(ContentPart::ImageUrl(u.to_string()));
    }
    if let (Some(mime), Some(data)) = (
        p.pointer("/source/media_type").and_then(Value::as_str),
        p.pointer("/source/data").and_then(Value::as_str),
    ) {
        return Some(ContentPart::ImageUrl(format!("data:{mime};base64,{data}")));
    }
    None
}

fn gemini_part(p: &Value) -> Option<ContentPart> {
    if let Some(t) = p.get("text").and_then(Value::as_str) {
        return Some(ContentPart::Text(t.to_string()));
    }
    if let Some(u) = p
        .pointer("/file_data/file_uri")
        .or_else(|| p.pointer("/fileData/fileUri"))
        .and_then(Value::as_str)
    {
        return Some(ContentPart::ImageUrl(u.to_string()));
    }
    let inline = p.get("inline_data").or_else(|| p.get("inlineData"))?;
    let mime = inline
        .get("mime_type")
        .or_else(|| inline.get("mimeType"))
        .and_then(Value::as_str)?;
    let data = inline.get("data").and_then(Value::as_str)?;
    Some(ContentPart::ImageUrl(format!("data:{mime};base64,{data}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::build::{build_request, Connection};
    use crate::request::catalogue::{endpoint, EndpointId, CATALOGUE};
    use crate::request::http::Body;

    fn generated(e: &Endpoint, v: &FormValues) -> String {
        match build_request(e, &Connection::default(), v, None)
            .request
            .map(|r| r.body)
        {
            Some(Body::Json(t)) => t,
            _ => String::new(),
        }
    }

    /// For every JSON endpoint, reading the generated body back gives the same body.
    #[test]
    fn raw_to_form_round_trips_every_endpoint() {
        for e in CATALOGUE
            .iter()
            .filter(|e| e.body == crate::request::catalogue::BodyKind::Json)
        {
            let values = FormValues::defaults(e);
            let body = generated(e, &values);
            let back = form_from_raw(e, &body, &FormValues::defaults(e));
            assert_eq!(generated(e, &back), body, "{}", e.title);
        }
    }

    #[test]
    fn raw_edits_reach_the_form() {
        let e = endpoint(EndpointId::ChatCompletions);
        let raw = r#"{"model": "gpt-5.4-mini", "temperature": 0.3, "stream": true, "stream_options": {"include_usage": true},
            "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "image_url", "image_url": {"url": "https://x/a.png"}}]}],
            "seed": 7}"#;
        let v = form_from_raw(e, raw, &FormValues::defaults(e));
        assert_eq!(v.text("model"), "gpt-5.4-mini");
        assert_eq!(v.text("temperature"), "0.3");
        assert!(v.flag("stream") && v.flag("include_usage"));
        assert_eq!(
            v.messages("messages")[0].parts[1],
            ContentPart::ImageUrl("https://x/a.png".into())
        );
        // Gemini: system instruction, config and contents.
        let g = endpoint(EndpointId::GeminiGenerate);
        let raw = r#"{"contents":[{"role":"user","parts":[{"text":"a"}]}],"systemInstruction":{"role":"user","parts":[{"text":"sys"}]},"generationConfig":{"topK":5}}"#;
        let v = form_from_raw(g, raw, &FormValues::defaults(g));
        assert_eq!(v.text("system_instruction"), "sys");
        assert_eq!(v.text("top_k"), "5");
        assert_eq!(v.text("model"), "gemini-2.5-flash", "path fields are untouched");
    }

    #[test]
    fn form_edits_reach_the_raw_body_and_keep_unknown_keys() {
        let e = endpoint(EndpointId::ChatCompletions);
        let mut values = FormValues::defaults(e);
        let raw = "{\n  \"model\": \"gpt-5.4\",\n  \"seed\": 7,\n  \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]\n}";
        values.set_text("temperature", "0.9");
        values.set_text("model", "gpt-5.4-mini");
        let merged: Value = serde_json::from_str(&merge_form_into_raw(e, &values, raw).unwrap()).unwrap();
        assert_eq!(merged["seed"], 7, "unknown keys survive");
        assert_eq!(merged["temperature"], 0.9);
        assert_eq!(merged["model"], "gpt-5.4-mini");
        assert_eq!(
            merged["messages"][0]["content"], "You are a helpful assistant.",
            "the form's messages win"
        );
        // Clearing a field removes its path, and empty parents go with it.
        let g = endpoint(EndpointId::GeminiGenerate);
        let mut gv = FormValues::defaults(g);
        gv.set_text("top_k", "");
        let merged: Value = serde_json::from_str(
            &merge_form_into_raw(g, &gv, r#"{"generationConfig":{"topK":3},"contents":[]}"#).unwrap(),
        )
        .unwrap();
        assert!(merged.get("generationConfig").is_none(), "{merged}");
        assert_eq!(merge_form_into_raw(e, &values, "not json"), None);
        assert_eq!(merge_form_into_raw(e, &values, "[1]"), None);
    }

    #[test]
    fn paths() {
        let mut v: Value = serde_json::json!({"instances": [{"prompt": "a"}]});
        assert_eq!(get_path(&v, "instances.0.prompt"), Some(&Value::from("a")));
        set_path(&mut v, "instances.0.prompt", Some(Value::from("b")));
        set_path(&mut v, "parameters.sampleCount", Some(Value::from(2)));
        assert_eq!(
            v,
            serde_json::json!({"instances": [{"prompt": "b"}], "parameters": {"sampleCount": 2}})
        );
        set_path(&mut v, "parameters.sampleCount", None);
        set_path(&mut v, "nothing.here", None);
        assert_eq!(v, serde_json::json!({"instances": [{"prompt": "b"}], "parameters": {}}));
    }
}
