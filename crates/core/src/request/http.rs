//! The request model: exactly what will be sent, independent of how it is sent.

/// An HTTP method the gateway's routes use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl Method {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request header. Names keep the case they are shown in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header name, e.g. `Authorization`.
    pub name: String,
    /// The header value, unredacted.
    pub value: String,
}

impl Header {
    /// A header from any string-like name and value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A file the user picked, as the domain knows it. The bytes stay in the browser: the
/// net layer finds the real `File` by `id`; `base64` is filled only when a JSON body needs
/// the content inline (data URIs, Gemini `inline_data`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// A stable id the UI's file store knows the browser `File` by.
    pub id: u32,
    /// The file name sent as the multipart filename.
    pub name: String,
    /// The MIME type the browser reported (e.g. `image/png`); may be empty.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// The content as standard base64, when it has been read.
    pub base64: Option<String>,
}

impl FileRef {
    /// The MIME type to declare: the browser's, else a guess from the extension.
    pub fn effective_mime(&self) -> String {
        if !self.mime.is_empty() {
            return self.mime.clone();
        }
        let lower = self.name.to_ascii_lowercase();
        let guess = if lower.ends_with(".png") {
            "image/png"
        } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
            "image/jpeg"
        } else if lower.ends_with(".webp") {
            "image/webp"
        } else if lower.ends_with(".gif") {
            "image/gif"
        } else {
            "application/octet-stream"
        };
        guess.to_string()
    }

    /// A `data:` URI of the content, when it has been read.
    pub fn data_uri(&self) -> Option<String> {
        self.base64
            .as_ref()
            .map(|b| format!("data:{};base64,{}", self.effective_mime(), b))
    }
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultipartPart {
    /// The form field name, e.g. `image[]`.
    pub name: String,
    /// A text value or a file.
    pub value: PartValue,
}

/// The value of a multipart part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    /// A plain text field.
    Text(String),
    /// A file upload; filename and type travel with it.
    File(FileRef),
}

/// A request body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// No body (GET).
    Empty,
    /// A JSON text, sent as `application/json`.
    Json(String),
    /// `multipart/form-data`, built by the browser's FormData so the boundary is right.
    Multipart(Vec<MultipartPart>),
}

impl Body {
    /// The body's size in bytes as far as it is known (files by their size).
    pub fn approx_len(&self) -> usize {
        match self {
            Body::Empty => 0,
            Body::Json(text) => text.len(),
            Body::Multipart(parts) => parts
                .iter()
                .map(|p| match &p.value {
                    PartValue::Text(t) => p.name.len() + t.len() + 64,
                    PartValue::File(f) => p.name.len() + f.name.len() + f.size as usize + 96,
                })
                .sum(),
        }
    }
}

/// A fully built request: what the preview shows, curl exports and the net layer sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included.
    pub url: String,
    /// Headers in the order they are shown. `Content-Type` of a multipart body is left
    /// to the browser and never listed here.
    pub headers: Vec<Header>,
    /// The body.
    pub body: Body,
}

impl HttpRequest {
    /// The value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}
