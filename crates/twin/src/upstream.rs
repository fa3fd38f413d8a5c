//! The deterministic fake upstream: reply text, token counts, SSE framing, image colours
//! and the URLs of generated files.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::stream::{self, StreamExt};

/// The assistant's answer to the last user text.
pub fn reply(user_text: &str, images: usize) -> String {
    let said: String = user_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let said: String = if said.chars().count() > 200 {
        let cut: String = said.chars().take(200).collect();
        format!("{cut}…")
    } else {
        said
    };
    let seen = match images {
        0 => String::new(),
        1 => " I received 1 image.".to_owned(),
        n => format!(" I received {n} images."),
    };
    let said = if said.is_empty() { "(nothing)".to_owned() } else { said };
    format!("Hello from the RouteScope twin.{seen} You said: {said}")
}

/// A rough token count (about four characters per token, at least one).
pub fn count_tokens(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(4).max(1)
}

/// The answer split into word-sized stream deltas that concatenate back to it.
pub fn deltas(text: &str) -> Vec<String> {
    text.split_inclusive(' ').map(str::to_owned).collect()
}

/// A colour derived from text, so the same prompt always draws the same image.
pub fn colour(text: &str) -> [u8; 3] {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    // Keep it mid-bright so it is visible on light and dark pages.
    [
        64 + (h & 0x7f) as u8,
        64 + ((h >> 8) & 0x7f) as u8,
        64 + ((h >> 16) & 0x7f) as u8,
    ]
}

/// The file name under `/_twin/files/` that renders this colour at this size.
pub fn file_name(seq: u64, rgb: [u8; 3], side: u32) -> String {
    format!("{seq}-{:02x}{:02x}{:02x}-{side}.png", rgb[0], rgb[1], rgb[2])
}

/// Parses a name made by [`file_name`] back into colour and side.
pub fn parse_file_name(name: &str) -> Option<([u8; 3], u32)> {
    let stem = name.strip_suffix(".png")?;
    let mut parts = stem.split('-');
    let _seq: u64 = parts.next()?.parse().ok()?;
    let hex = parts.next()?;
    let side: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || hex.len() != 6 || !(1..=512).contains(&side) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some(([byte(0)?, byte(2)?, byte(4)?], side))
}

/// A `text/event-stream` answer that sends each pre-framed event after `delay`.
pub fn sse(events: Vec<String>, delay: Duration) -> Response {
    let stream = stream::iter(events.into_iter().enumerate()).then(move |(i, event)| async move {
        if i > 0 && !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        Ok::<_, Infallible>(event)
    });
    let mut resp = Response::new(Body::from_stream(stream));
    *resp.status_mut() = StatusCode::OK;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    resp
}

/// `data: <json>\n\n`.
pub fn data_event(json: &serde_json::Value) -> String {
    format!("data: {json}\n\n")
}

/// `event: <name>\ndata: <json>\n\n`.
pub fn named_event(name: &str, json: &serde_json::Value) -> String {
    format!("event: {name}\ndata: {json}\n\n")
}

/// Text of an OpenAI/Claude style `content`: a string, or the text parts of a list.
/// Returns the text and how many image parts were seen.
pub fn content_text(content: &serde_json::Value) -> (String, usize) {
    match content {
        serde_json::Value::String(s) => (s.clone(), 0),
        serde_json::Value::Array(parts) => {
            let mut text = Vec::new();
            let mut images = 0;
            for p in parts {
                match p.get("type").and_then(|t| t.as_str()) {
                    Some("text" | "input_text") => {
                        if let Some(t) = p.get("text").and_then(|t| t.as_str()) {
                            text.push(t.to_owned());
                        }
                    }
                    Some("image_url" | "input_image" | "image") => images += 1,
                    _ => {}
                }
            }
            (text.join(" "), images)
        }
        _ => (String::new(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_mentions_images_and_text() {
        assert_eq!(
            reply("hi  there", 0),
            "Hello from the RouteScope twin. You said: hi there"
        );
        assert_eq!(
            reply("look", 1),
            "Hello from the RouteScope twin. I received 1 image. You said: look"
        );
        assert_eq!(deltas("a b c").concat(), "a b c");
    }

    #[test]
    fn file_names_round_trip() {
        let name = file_name(7, [1, 2, 255], 64);
        assert_eq!(name, "7-0102ff-64.png");
        assert_eq!(parse_file_name(&name), Some(([1, 2, 255], 64)));
        for bad in [
            "x.png",
            "7-0102ff-64",
            "7-01020-64.png",
            "7-0102ff-0.png",
            "7-zz02ff-8.png",
            "1-aabbcc-8-9.png",
        ] {
            assert_eq!(parse_file_name(bad), None, "{bad}");
        }
    }
}
