//! What can be said about an image an answer carries inline (`b64_json`, Imagen's
//! `bytesBase64Encoded`, Gemini's `inlineData`): its real type read from the first bytes,
//! the type the answer declared, its size and its dimensions, without decoding megabytes.
//! Only the first [`HEADER_BYTES`] are decoded: PNG, GIF and WebP say their size in the
//! first 30 bytes; a JPEG says it in its frame header, after any metadata.

use crate::text::base64::{decode_prefix, decoded_len};
use crate::text::lang::Lang;

/// Bytes decoded to find the type and the dimensions.
pub const HEADER_BYTES: usize = 64 * 1024;

/// The facts of one inline image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageFacts {
    /// The type the bytes are (`image/png`…), or the declared one when unknown.
    pub mime: String,
    /// The type the answer declared (`data:<type>;base64,`).
    pub declared: String,
    /// Decoded size in bytes.
    pub bytes: usize,
    /// Width and height in pixels, when the header says them.
    pub size: Option<(u32, u32)>,
}

impl ImageFacts {
    /// Whether the declared type is not what the bytes are (a PNG labelled JPEG…).
    pub fn mislabelled(&self) -> bool {
        self.mime != self.declared
    }

    /// One line for a caption: `PNG · 1024×768 · 1.2 MB`, and `· declared image/jpeg` when
    /// the answer labelled it otherwise.
    pub fn summary(&self) -> String {
        let mut line = self.mime.trim_start_matches("image/").to_uppercase();
        if let Some((w, h)) = self.size {
            line.push_str(&format!(" · {w}×{h}"));
        }
        line.push_str(" · ");
        line.push_str(&crate::answer::response::human_size(self.bytes));
        if self.mislabelled() {
            line.push_str(" · declared ");
            line.push_str(&self.declared);
        }
        line
    }

    /// The file name extension for a download.
    pub fn extension(&self) -> &'static str {
        match self.mime.as_str() {
            "image/jpeg" => "jpg",
            "image/gif" => "gif",
            "image/webp" => "webp",
            _ => "png",
        }
    }
}

/// The facts of a `data:image/…;base64,` address; `None` for anything else.
pub fn inline_image_facts(src: &str) -> Option<ImageFacts> {
    let rest = src.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let declared = meta.strip_suffix(";base64")?.to_ascii_lowercase();
    let header = decode_prefix(data, HEADER_BYTES);
    let (mime, size) = match sniff(&header) {
        Some((mime, size)) => (mime.to_string(), size),
        None => (declared.clone(), None),
    };
    Some(ImageFacts {
        mime,
        declared,
        bytes: decoded_len(data),
        size,
    })
}

/// What the browser learnt about an image the answer linked to, once it loaded: its
/// natural size, and what Resource Timing shares about the file (a host on another origin
/// shares the size only with `Timing-Allow-Origin`, and the type only under CORS).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkedImage {
    /// Width and height in pixels.
    pub size: Option<(u32, u32)>,
    /// The file's size in bytes: 0 when the host did not share it, `None` when the browser
    /// kept no timing entry for it (an image served from its memory cache).
    pub bytes: Option<u64>,
    /// The `Content-Type` the host sent, when the browser shares it.
    pub content_type: Option<String>,
}

/// One line for a linked image's caption, saying only what is known: `PNG · 1024×1024 ·
/// 1.2 MB`, the type by the file's name when the host did not say it, and that the size is
/// not shared rather than a guess.
pub fn linked_image_summary(src: &str, seen: &LinkedImage, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    let sent_type = seen
        .content_type
        .as_deref()
        .map(|t| t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .filter(|t| t.starts_with("image/") || t.starts_with("video/"));
    if let Some(kind) = sent_type {
        parts.push(kind.split('/').nth(1).unwrap_or_default().to_uppercase());
    } else if let Some(ext) = named_extension(src) {
        parts.push(format!(
            "{}{}",
            ext.to_uppercase(),
            lang.pick(" (by its name)", "（按文件名）")
        ));
    }
    if let Some((w, h)) = seen.size {
        parts.push(format!("{w}×{h}"));
    }
    match seen.bytes {
        None => {}
        Some(n) if n > 0 => parts.push(crate::answer::response::human_size(
            usize::try_from(n).unwrap_or(usize::MAX),
        )),
        Some(_) => parts.push(
            lang.pick(
                "size not shared by its host (no Timing-Allow-Origin)",
                "文件大小未被其主机公开（无 Timing-Allow-Origin）",
            )
            .to_string(),
        ),
    }
    parts.join(" · ")
}

/// The image or video extension the address's path ends with, if any.
fn named_extension(src: &str) -> Option<&'static str> {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    ["png", "jpg", "jpeg", "webp", "gif", "mp4", "webm"]
        .into_iter()
        .find(|known| *known == ext)
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, 0]))
}

/// The type and dimensions the first bytes of a file say.
fn sniff(b: &[u8]) -> Option<(&'static str, Option<(u32, u32)>)> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        let size = (b.get(12..16) == Some(b"IHDR"))
            .then(|| Some((be32(b, 16)?, be32(b, 20)?)))
            .flatten();
        return Some(("image/png", size));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some(("image/gif", le16(b, 6).zip(le16(b, 8))));
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        let size = match b.get(12..16) {
            // Lossy: a 3-byte frame tag and the start code, then 14-bit width and height.
            Some(b"VP8 ") => le16(b, 26).zip(le16(b, 28)).map(|(w, h)| (w & 0x3FFF, h & 0x3FFF)),
            Some(b"VP8L") => {
                let bits = u32::from_le_bytes([*b.get(21)?, *b.get(22)?, *b.get(23)?, *b.get(24)?]);
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            Some(b"VP8X") => le24(b, 24).zip(le24(b, 27)).map(|(w, h)| (w + 1, h + 1)),
            _ => None,
        };
        return Some(("image/webp", size));
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(("image/jpeg", jpeg_size(b)));
    }
    None
}

/// Walks a JPEG's segments to its start-of-frame marker, which holds the dimensions.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be padded with 0xFF bytes.
        while *b.get(at)? == 0xFF && *b.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            return Some((be16(b, at + 7)?, be16(b, at + 5)?));
        }
        let length = be16(b, at + 2)? as usize;
        if length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::base64::encode;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        b.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        b.extend(height.to_be_bytes());
        b.extend(width.to_be_bytes());
        b.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        b
    }

    fn data(mime: &str, bytes: &[u8]) -> String {
        format!("data:{mime};base64,{}", encode(bytes))
    }

    #[test]
    fn type_size_and_dimensions_of_every_common_format() {
        let gif = [b"GIF89a".as_slice(), &[0x40, 0x01, 0xF0, 0x00], &[0; 8]].concat();
        let vp8x = [
            b"RIFF\0\0\0\0WEBPVP8X".as_slice(),
            &[10, 0, 0, 0, 0, 0, 0, 0],
            &[0xFF, 0x03, 0x00, 0x57, 0x02, 0x00],
        ]
        .concat();
        let vp8 = [
            b"RIFF\0\0\0\0WEBPVP8 ".as_slice(),
            &[0, 0, 0, 0, 0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a],
            &[0x80, 0x02, 0xE0, 0x01],
        ]
        .concat();
        type Case = (String, &'static str, Option<(u32, u32)>);
        let cases: Vec<Case> = vec![
            (data("image/png", &png(1024, 768)), "image/png", Some((1024, 768))),
            (data("image/jpeg", &jpeg(1536, 1024)), "image/jpeg", Some((1536, 1024))),
            (data("image/gif", &gif), "image/gif", Some((320, 240))),
            (data("image/webp", &vp8x), "image/webp", Some((1024, 600))),
            (data("image/webp", &vp8), "image/webp", Some((640, 480))),
            (data("image/png", b"not an image"), "image/png", None),
        ];
        for (src, mime, size) in cases {
            let f = inline_image_facts(&src).unwrap_or_else(|| panic!("{src}"));
            assert_eq!((f.mime.as_str(), f.size), (mime, size), "{src}");
            assert!(!f.mislabelled());
        }
        let f = inline_image_facts(&data("image/png", &png(2, 2))).map(|f| f.bytes);
        assert_eq!(f, Some(png(2, 2).len()));
    }

    #[test]
    fn a_mislabelled_image_is_told_and_anything_else_is_not_an_inline_image() {
        let f = inline_image_facts(&data("image/jpeg", &png(8, 8)))
            .map(|f| (f.mime.clone(), f.mislabelled(), f.extension()));
        assert_eq!(f, Some(("image/png".to_string(), true, "png")));
        let line = inline_image_facts(&data("image/jpeg", &png(8, 8))).map(|f| f.summary());
        assert_eq!(line.as_deref(), Some("PNG · 8×8 · 29 B · declared image/jpeg"));
        for src in ["https://x/1.png", "data:text/plain,hi", "data:image/png,raw", ""] {
            assert_eq!(inline_image_facts(src), None, "{src}");
        }
        // A truncated or hostile header never panics.
        for cut in 0..png(9, 9).len() {
            let _ = inline_image_facts(&data("image/png", &png(9, 9)[..cut]));
        }
        let _ = inline_image_facts(&data("image/jpeg", &[0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0xFF]));
        let _ = inline_image_facts(&data("image/jpeg", &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00]));
    }

    #[test]
    fn a_linked_image_says_only_what_is_known() {
        let url = "https://cdn.example/out/abc.PNG?sig=1";
        let cases = [
            (
                LinkedImage {
                    size: Some((1024, 768)),
                    bytes: Some(1_258_291),
                    content_type: Some("image/png".into()),
                },
                "PNG · 1024×768 · 1.2 MB",
            ),
            (
                LinkedImage {
                    size: Some((64, 64)),
                    bytes: Some(0),
                    content_type: None,
                },
                "PNG (by its name) · 64×64 · size not shared by its host (no Timing-Allow-Origin)",
            ),
            (
                LinkedImage {
                    size: None,
                    bytes: Some(2048),
                    content_type: Some("image/webp; q=1".into()),
                },
                "WEBP · 2.0 KB",
            ),
        ];
        for (seen, expected) in cases {
            assert_eq!(linked_image_summary(url, &seen, Lang::En), expected);
        }
        let unnamed = LinkedImage {
            size: Some((8, 8)),
            bytes: None,
            content_type: Some("application/octet-stream".into()),
        };
        assert_eq!(
            linked_image_summary("https://cdn.example/file?id=9.png", &unnamed, Lang::Zh),
            "8×8"
        );
    }
}
