//! A Gemini generateContent or Imagen predict body read in the terms of the google-genai
//! SDK: which fields its call takes by name, and whether the body can be said exactly that
//! way at all (when not, the snippet falls back to plain HTTP).

use serde_json::Value;

use super::snake;
use crate::text::percent::decode_segment;

/// A Gemini generateContent body, in the terms of the google-genai SDK.
pub(crate) struct GeminiCall {
    /// The model id from the path.
    pub(crate) model: String,
    /// `contents`.
    pub(crate) contents: GeminiContents,
    /// `systemInstruction`.
    pub(crate) system: Option<SystemInstruction>,
    /// `generationConfig` fields, snake_case names.
    pub(crate) config: Vec<(String, Value)>,
    /// Other config fields (`safety_settings`, `tools`…), snake_case names.
    pub(crate) extras: Vec<(String, Value)>,
}

/// Gemini `contents` as the SDK takes them.
pub(crate) enum GeminiContents {
    /// One user turn with one text: the SDK takes the string itself.
    Text(String),
    /// The turns.
    Turns(Vec<GeminiTurn>),
}

/// One `contents[]` entry.
pub(crate) struct GeminiTurn {
    /// `user` / `model`, when given.
    pub(crate) role: Option<String>,
    /// The parts.
    pub(crate) parts: Vec<GeminiPart>,
}

/// One part of a turn.
pub(crate) enum GeminiPart {
    /// `{text}`
    Text(String),
    /// `{inline_data}`: read from a local file of this name.
    Inline {
        /// The MIME type.
        mime: String,
        /// The local file the snippet reads.
        file: String,
    },
    /// `{file_data}`: a URI.
    Uri {
        /// The MIME type.
        mime: String,
        /// The URI.
        uri: String,
    },
}

/// `systemInstruction`.
pub(crate) enum SystemInstruction {
    /// `{role:"user", parts:[{text}]}`: the SDK takes the text.
    Text(String),
    /// Anything else, passed as given.
    Raw(Value),
}

/// An Imagen predict body in the terms of the SDK.
pub(crate) struct ImagenCall {
    /// The model id from the path.
    pub(crate) model: String,
    /// `instances[0].prompt`.
    pub(crate) prompt: String,
    /// `parameters`, as SDK config names in snake_case.
    pub(crate) params: Vec<(String, Value)>,
}

/// The model of a `/models/{model}:action` path.
pub(super) fn path_model(path: &str) -> Option<String> {
    let (_, rest) = path.rsplit_once("/models/")?;
    let model = rest.rsplit_once(':').map_or(rest, |(m, _)| m);
    (!model.is_empty()).then(|| decode_segment(model))
}

/// generationConfig fields the SDK's `GenerateContentConfig` has under the same name.
const GENERATION_CONFIG: &[&str] = &[
    "temperature",
    "top_p",
    "top_k",
    "candidate_count",
    "max_output_tokens",
    "stop_sequences",
    "response_logprobs",
    "logprobs",
    "presence_penalty",
    "frequency_penalty",
    "seed",
    "response_mime_type",
    "response_schema",
    "response_json_schema",
    "response_modalities",
    "media_resolution",
    "speech_config",
    "thinking_config",
    "image_config",
];

pub(super) fn gemini_call(json: Option<&Value>, model: Option<String>) -> Option<GeminiCall> {
    let body = json?.as_object()?;
    let mut contents = None;
    let mut call = GeminiCall {
        model: model?,
        contents: GeminiContents::Turns(Vec::new()),
        system: None,
        config: Vec::new(),
        extras: Vec::new(),
    };
    let mut files = 0;
    for (key, value) in body {
        match snake(key).as_str() {
            "contents" => contents = Some(gemini_contents(value, &mut files)?),
            "system_instruction" => call.system = Some(system_instruction(value)),
            "generation_config" => {
                for (name, v) in value.as_object()? {
                    let name = snake(name);
                    if !GENERATION_CONFIG.contains(&name.as_str()) {
                        return None;
                    }
                    call.config.push((name, v.clone()));
                }
            }
            name @ ("safety_settings" | "tools" | "tool_config" | "cached_content") => {
                call.extras.push((name.to_string(), value.clone()))
            }
            _ => return None,
        }
    }
    call.contents = contents?;
    Some(call)
}

fn gemini_contents(value: &Value, files: &mut usize) -> Option<GeminiContents> {
    let mut turns = Vec::new();
    for turn in value.as_array()? {
        let turn = turn.as_object()?;
        if turn.keys().any(|k| k != "role" && k != "parts") {
            return None;
        }
        let role = match turn.get("role") {
            Some(r) => Some(r.as_str()?.to_string()),
            None => None,
        };
        let mut parts = Vec::new();
        for part in turn.get("parts")?.as_array()? {
            parts.push(gemini_part(part, files)?);
        }
        turns.push(GeminiTurn { role, parts });
    }
    if let [GeminiTurn {
        role: Some(role),
        parts,
    }] = turns.as_slice()
    {
        if let [GeminiPart::Text(text)] = parts.as_slice() {
            if role == "user" {
                return Some(GeminiContents::Text(text.clone()));
            }
        }
    }
    Some(GeminiContents::Turns(turns))
}

/// Reads `{"a": …}` objects whose keys may be camelCase or snake_case.
fn only_fields<'v>(value: &'v Value, names: &[&str]) -> Option<Vec<&'v Value>> {
    let object = value.as_object()?;
    if object.len() != names.len() {
        return None;
    }
    let mut out = Vec::new();
    for name in names {
        let found = object.iter().find(|(k, _)| snake(k) == *name).map(|(_, v)| v)?;
        out.push(found);
    }
    Some(out)
}

fn gemini_part(part: &Value, files: &mut usize) -> Option<GeminiPart> {
    let object = part.as_object()?;
    let (key, value) = match object.iter().next() {
        Some(kv) if object.len() == 1 => kv,
        _ => return None,
    };
    match snake(key).as_str() {
        "text" => Some(GeminiPart::Text(value.as_str()?.to_string())),
        "inline_data" => {
            let fields = only_fields(value, &["mime_type", "data"])?;
            let mime = fields[0].as_str()?.to_string();
            fields[1].as_str()?;
            *files += 1;
            let (stem, ext) = match mime.split_once('/') {
                Some(("image", "jpeg")) => ("image", "jpg".to_string()),
                Some(("image", sub)) => ("image", clean_ext(sub)),
                Some((_, sub)) => ("file", clean_ext(sub)),
                None => ("file", "bin".to_string()),
            };
            Some(GeminiPart::Inline {
                file: format!("{stem}-{files}.{ext}"),
                mime,
            })
        }
        "file_data" => {
            let fields = only_fields(value, &["mime_type", "file_uri"])?;
            Some(GeminiPart::Uri {
                mime: fields[0].as_str()?.to_string(),
                uri: fields[1].as_str()?.to_string(),
            })
        }
        _ => None,
    }
}

fn clean_ext(subtype: &str) -> String {
    let ext: String = subtype.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if ext.is_empty() {
        "bin".to_string()
    } else {
        ext
    }
}

fn system_instruction(value: &Value) -> SystemInstruction {
    let text = value.as_object().and_then(|o| {
        if o.get("role").and_then(Value::as_str) != Some("user") || o.len() != 2 {
            return None;
        }
        match o.get("parts")?.as_array()?.as_slice() {
            [part] => only_fields(part, &["text"])?[0].as_str().map(str::to_string),
            _ => None,
        }
    });
    match text {
        Some(t) => SystemInstruction::Text(t),
        None => SystemInstruction::Raw(value.clone()),
    }
}

/// Imagen `parameters` the SDK's `GenerateImagesConfig` sends under the same wire name.
/// (`imageSize` is not here: the SDK writes it as `sampleImageSize`.)
const IMAGEN_PARAMETERS: &[(&str, &str)] = &[
    ("sampleCount", "number_of_images"),
    ("aspectRatio", "aspect_ratio"),
    ("personGeneration", "person_generation"),
];

pub(super) fn imagen_call(json: Option<&Value>, model: Option<String>) -> Option<ImagenCall> {
    let body = json?.as_object()?;
    if body.keys().any(|k| k != "instances" && k != "parameters") {
        return None;
    }
    let prompt = match body.get("instances")?.as_array()?.as_slice() {
        [one] => only_fields(one, &["prompt"])?[0].as_str()?.to_string(),
        _ => return None,
    };
    let mut params = Vec::new();
    if let Some(p) = body.get("parameters") {
        for (name, v) in p.as_object()? {
            let (_, sdk) = IMAGEN_PARAMETERS.iter().find(|(wire, _)| wire == name)?;
            params.push((sdk.to_string(), v.clone()));
        }
    }
    Some(ImagenCall {
        model: model?,
        prompt,
        params,
    })
}
