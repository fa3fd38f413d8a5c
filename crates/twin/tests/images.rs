//! Image routes: generations, multipart and JSON edits, Imagen predict, Gemini image output.

mod common;

use common::{get, post, twin};
use gateway_twin::{b64, png};
use serde_json::{json, Value};

/// A multipart body built by hand the way a browser's FormData sends it.
struct Form {
    boundary: &'static str,
    body: Vec<u8>,
}

impl Form {
    fn new() -> Form {
        Form {
            boundary: "----twinBoundary7MA4YWxkTrZu0gW",
            body: Vec::new(),
        }
    }

    fn text(mut self, name: &str, value: &str) -> Form {
        let head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n",
            self.boundary
        );
        self.body.extend_from_slice(head.as_bytes());
        self
    }

    fn file(mut self, name: &str, filename: &str, content_type: &str, bytes: &[u8]) -> Form {
        let head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n",
            self.boundary
        );
        self.body.extend_from_slice(head.as_bytes());
        self.body.extend_from_slice(bytes);
        self.body.extend_from_slice(b"\r\n");
        self
    }

    fn finish(mut self) -> (String, Vec<u8>) {
        self.body
            .extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        (format!("multipart/form-data; boundary={}", self.boundary), self.body)
    }
}

async fn edit(app: &axum::Router, form: Form) -> common::Reply {
    let (ct, body) = form.finish();
    post("/v1/images/edits")
        .key("sk-twin-valid")
        .raw(&ct, body)
        .send(app)
        .await
}

#[tokio::test]
async fn multipart_edit_with_real_png_parts() {
    let app = twin();
    let a = png::square(4, [10, 20, 30]);
    let b = png::square(6, [1, 2, 3]);
    let mask = png::square(4, [0, 0, 0]);
    let form = Form::new()
        .text("model", "gpt-image-2")
        .text("prompt", "make it blue")
        .file("image[]", "a.png", "image/png", &a)
        .file("image[]", "b.png", "image/png", &b)
        .file("mask", "mask.png", "image/png", &mask)
        .text("n", "2")
        .text("response_format", "b64_json");
    let r = edit(&app, form).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let data = body["data"].as_array().cloned().unwrap_or_default();
    assert_eq!(data.len(), 2);
    let revised = data[0]["revised_prompt"].as_str().unwrap_or("");
    assert_eq!(
        revised,
        format!(
            "Twin received 2 images ({} bytes, {} bytes) and a mask ({} bytes): make it blue",
            a.len(),
            b.len(),
            mask.len()
        )
    );
    let png_bytes = data[0]["b64_json"].as_str().and_then(b64::decode).unwrap_or_default();
    assert!(png::looks_like_image(&png_bytes));
}

#[tokio::test]
async fn multipart_edit_rejections() {
    let app = twin();
    let pic = png::square(2, [9, 9, 9]);
    let cases: Vec<(&str, Form, u16, &str, &str)> = vec![
        (
            "no image",
            Form::new().text("model", "gpt-image-2").text("prompt", "x"),
            400,
            "missing_required_parameter",
            "image is required",
        ),
        (
            "image as a text field",
            Form::new()
                .text("model", "gpt-image-2")
                .text("prompt", "x")
                .text("image", "cat.png"),
            400,
            "missing_required_parameter",
            "image is required",
        ),
        (
            "wrong content type",
            Form::new()
                .text("model", "gpt-image-2")
                .text("prompt", "x")
                .file("image", "a.txt", "text/plain", b"hello"),
            400,
            "unsupported_file_mimetype",
            "unsupported mimetype ('text/plain')",
        ),
        (
            "png type, not png bytes",
            Form::new().text("model", "gpt-image-2").text("prompt", "x").file(
                "image",
                "a.png",
                "image/png",
                b"GIF89a....",
            ),
            400,
            "invalid_image_file",
            "Invalid image file",
        ),
        (
            "no prompt",
            Form::new()
                .text("model", "gpt-image-2")
                .file("image", "a.png", "image/png", &pic),
            500,
            "invalid_request",
            "field prompt is required",
        ),
        (
            "no model",
            Form::new()
                .text("prompt", "x")
                .file("image", "a.png", "image/png", &pic),
            400,
            "",
            "Model name not specified",
        ),
        (
            "unknown model",
            Form::new()
                .text("model", "gpt-image-9")
                .text("prompt", "x")
                .file("image", "a.png", "image/png", &pic),
            503,
            "model_not_found",
            "No available channel for model gpt-image-9",
        ),
    ];
    for (name, form, status, code, says) in cases {
        let r = edit(&app, form).await;
        assert_eq!(r.status.as_u16(), status, "{name}: {}", r.text());
        assert_eq!(r.code(), code, "{name}");
        assert!(r.message().contains(says), "{name}: {}", r.message());
    }
    let r = post("/v1/images/edits")
        .key("sk-twin-valid")
        .raw("multipart/form-data; boundary=xyz", b"garbage".to_vec())
        .send(&app)
        .await;
    assert_eq!(r.status, 400, "malformed multipart: {}", r.text());
}

#[tokio::test]
async fn seedream_json_edits_accept_every_reference_style() {
    let app = twin();
    let data_uri = format!("data:image/png;base64,{}", b64::encode(&png::square(2, [1, 1, 1])));
    for (name, refs) in [
        ("image string", json!({"image": "https://example.com/a.png"})),
        ("image array", json!({"image": ["https://example.com/a.png", data_uri]})),
        (
            "images objects",
            json!({"images": [{"image_url": "https://example.com/a.png"}, {"image_url": {"url": "http://x/y.jpg"}}]}),
        ),
        ("image_urls", json!({"image_urls": ["https://example.com/a.png"]})),
    ] {
        let mut body = json!({"model": "doubao-seedream-4-0-250828", "prompt": "add a hat"});
        if let (Some(b), Some(r)) = (body.as_object_mut(), refs.as_object()) {
            b.extend(r.clone());
        }
        let r = post("/v1/images/edits")
            .key("sk-twin-valid")
            .json(body)
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "{name}: {}", r.text());
        assert!(r.json()["data"][0]["revised_prompt"]
            .as_str()
            .is_some_and(|s| s.contains("reference image")));
    }
}

#[tokio::test]
async fn generations_return_urls_that_serve_pngs() {
    let app = twin();
    let body = json!({"model": "gpt-image-2", "prompt": "a red fox", "n": 3, "size": "1024x1536"});
    let r = post("/v1/images/generations")
        .key("sk-twin-valid")
        .header("host", "twin.local:9")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert!(body["created"].as_u64().is_some());
    let urls: Vec<String> = body["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["url"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(urls.len(), 3);
    for url in urls {
        let path = url
            .strip_prefix("http://twin.local:9")
            .unwrap_or_else(|| panic!("{url}"));
        assert!(path.starts_with("/_twin/files/"));
        let file = get(path).send(&app).await;
        assert_eq!(file.header("content-type"), Some("image/png"));
        assert_eq!(file.header("access-control-allow-origin"), Some("*"));
        assert!(png::looks_like_image(&file.body));
    }
    for model in [
        "doubao-seedream-5-0-260128",
        "imagen-4.0-fast-generate-001",
        "gemini-2.5-flash-image",
    ] {
        let body = json!({"model": model, "prompt": "x", "response_format": "b64_json"});
        let r = post("/v1/images/generations")
            .key("sk-twin-valid")
            .json(body)
            .send(&app)
            .await;
        assert_eq!(r.status, 200, "{model}");
        assert!(r.json()["data"][0]["b64_json"].as_str().is_some());
    }
}

#[tokio::test]
async fn imagen_predict_and_gemini_image_output() {
    let app = twin();
    let body = json!({"instances": [{"prompt": "a lighthouse"}], "parameters": {"aspectRatio": "16:9", "personGeneration": "dont_allow"}});
    let r = post("/v1beta/models/imagen-4.0-generate-001:predict")
        .header("x-goog-api-key", "sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let preds = r.json()["predictions"].as_array().cloned().unwrap_or_default();
    assert_eq!(preds.len(), 4, "sampleCount defaults to 4");
    assert_eq!(preds[0]["mimeType"], "image/png");
    let bytes = preds[0]["bytesBase64Encoded"]
        .as_str()
        .and_then(b64::decode)
        .unwrap_or_default();
    assert_eq!(&bytes[16..24], &[0, 0, 0, 64, 0, 0, 0, 36], "16:9 thumbnail");

    let pic = b64::encode(&png::square(3, [5, 5, 5]));
    let body = json!({"contents": [{"role": "user", "parts": [
        {"text": "what is this"},
        {"inline_data": {"mime_type": "image/png", "data": pic}},
    ]}]});
    let r = post("/v1beta/models/gemini-2.5-flash-image:generateContent")
        .key("sk-twin-valid")
        .json(body)
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let parts: Vec<Value> = r.json()["candidates"][0]["content"]["parts"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        parts[0]["text"],
        "Hello from the RouteScope twin. I received 1 image. You said: what is this"
    );
    assert_eq!(parts[1]["inlineData"]["mimeType"], "image/png");
    let r = post("/v1beta/models/gemini-2.5-flash:generateContent")
        .key("sk-twin-valid")
        .json(json!({"contents": [{"parts": [{"text": "draw"}]}], "generationConfig": {"responseModalities": ["TEXT", "IMAGE"]}}))
        .send(&app)
        .await;
    let body = r.json();
    assert_eq!(
        body["candidates"][0]["content"]["parts"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(body["candidates"][0]["finishReason"], "STOP");
    assert!(body["usageMetadata"]["totalTokenCount"].as_u64().is_some());
    assert_eq!(body["modelVersion"], "gemini-2.5-flash");
}
