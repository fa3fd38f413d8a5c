//! OpenAI-style images: `POST /v1/images/generations` and `POST /v1/images/edits`
//! (multipart for OpenAI models, JSON with reference URLs for Seedream), and the PNG files
//! they point at under `/_twin/files/`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::b64;
use crate::call::{Call, Refusal, Usage};
use crate::clock::unix_now;
use crate::envelope::{json_response, Ctx, Fault, GatewayMsg, Shape};
use crate::models::{Endpoint, Family};
use crate::png;
use crate::state::Twin;
use crate::upstream;

/// Side of the thumbnails the twin draws whatever size was asked for.
const THUMB: u32 = 64;
/// Quota per image (new-api units).
const PER_IMAGE: u64 = 20_000;

/// Options shared by generations and edits.
struct Options {
    n: u32,
    b64: bool,
}

/// Checks `n`, `size` and `response_format` as OpenAI does.
fn options(n: Option<&Value>, size: Option<&str>, format: Option<&str>) -> Result<Options, Fault> {
    let n = match n {
        None | Some(Value::Null) => 1,
        Some(v) => match v.as_i64() {
            Some(k) if (1..=10).contains(&k) => k as u32,
            Some(k) => {
                let (side, op, bound) = if k > 10 {
                    ("above maximum", "<=", 10)
                } else {
                    ("below minimum", ">=", 1)
                };
                return Err(Fault::invalid(
                    "n",
                    "invalid_value",
                    format!("Invalid 'n': integer {side} value. Expected a value {op} {bound}, but got {k} instead."),
                ));
            }
            None => {
                return Err(Fault::invalid(
                    "n",
                    "invalid_type",
                    format!("Invalid type for 'n': expected an integer, but got {v} instead."),
                ))
            }
        },
    };
    if let Some(size) = size.filter(|s| !s.is_empty() && *s != "auto") {
        let dims = size
            .split_once('x')
            .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)));
        if !dims.is_some_and(|(w, h)| (64..=4096).contains(&w) && (64..=4096).contains(&h)) {
            return Err(Fault::invalid(
                "size",
                "invalid_value",
                format!("invalid size '{size}': expected WIDTHxHEIGHT with an ASCII x (e.g. 1024x1024) or auto"),
            ));
        }
    }
    let b64 = match format {
        None | Some("url") => false,
        Some("b64_json") => true,
        Some(other) => return Err(Fault::not_one_of("response_format", other, &["url", "b64_json"])),
    };
    Ok(Options { n, b64 })
}

/// The `data` array: URLs into `/_twin/files/` or inline base64.
fn image_data(call: &Call, prompt: &str, opts: &Options, revised: Option<&str>) -> Vec<Value> {
    let rgb = upstream::colour(prompt);
    (0..opts.n)
        .map(|_| {
            let mut item = if opts.b64 {
                json!({"b64_json": b64::encode(&png::square(THUMB, rgb))})
            } else {
                let name = upstream::file_name(call.twin.next_seq(), rgb, THUMB);
                json!({"url": format!("{}/_twin/files/{name}", call.ctx.base_url)})
            };
            if let Some(r) = revised {
                item["revised_prompt"] = json!(r);
            }
            item
        })
        .collect()
}

fn answer(call: &Call, data: Vec<Value>, note: String) -> Response {
    let usage = Usage::flat(PER_IMAGE * data.len() as u64);
    let body = json!({"created": unix_now(), "data": data});
    call.done(json_response(StatusCode::OK, &body), usage, note)
}

/// `POST /v1/images/generations`.
pub async fn generations(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    generate(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

async fn generate(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    call.authenticate(&parts.headers, &parts.uri)?;
    let bytes = call.body(body).await?;
    let body = call.json(&bytes)?;
    // new-api's distributor defaults a missing image model to "dall-e", which no channel serves.
    let model = call.model_field(&body)?.unwrap_or_else(|| "dall-e".to_owned());
    call.admit(&model)?;
    call.require(Endpoint::Image, "/v1/images/generations")?;
    let prompt = body.get("prompt").and_then(Value::as_str).unwrap_or("").to_owned();
    if prompt.trim().is_empty() {
        return Err(call.fail(GatewayMsg::field_required("prompt")));
    }
    call.upstream(false).await?;
    let opts = options(
        body.get("n"),
        body.get("size").and_then(Value::as_str),
        body.get("response_format").and_then(Value::as_str),
    )
    .map_err(|f| call.fail(f))?;
    let data = image_data(call, &prompt, &opts, None);
    Ok(answer(call, data, format!("image generation x{}", opts.n)))
}

/// `POST /v1/images/edits`: multipart for OpenAI-style models, JSON for Seedream.
pub async fn edits(State(twin): State<Arc<Twin>>, Extension(ctx): Extension<Ctx>, req: Request) -> Response {
    let mut call = Call::new(twin, ctx, Shape::OpenAi);
    edit(&mut call, req).await.unwrap_or_else(|refusal| *refusal)
}

fn image_required() -> Fault {
    Fault::invalid("image", "missing_required_parameter", "image is required")
}

async fn edit(call: &mut Call, req: Request) -> Result<Response, Refusal> {
    let (parts, body) = req.into_parts();
    call.authenticate(&parts.headers, &parts.uri)?;
    let bytes = call.body(body).await?;
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let req = Request::from_parts(parts, Body::from(bytes));
        let form = match Multipart::from_request(req, &()).await {
            Ok(m) => read_form(m).await,
            Err(e) => Err(e.body_text()),
        };
        let form = form.map_err(|e| {
            call.reject(Fault::invalid(
                "",
                "invalid_multipart",
                format!("failed to parse multipart form: {e}"),
            ))
        })?;
        return edit_multipart(call, form).await;
    }
    let body = call.json(&bytes)?;
    let model = call.required_model(&body)?;
    call.admit(&model)?;
    call.require(Endpoint::Image, "/v1/images/edits")?;
    let seedream = call
        .model
        .is_some_and(|m| matches!(m.family, Family::Seedream | Family::Test(_)));
    if !seedream {
        return Err(call.fail(Fault::invalid(
            "",
            "invalid_request",
            format!("model {model} needs multipart/form-data on /v1/images/edits: upload the source image as a file part named image (JSON bodies are accepted only for Seedream models)"),
        )));
    }
    let prompt = body.get("prompt").and_then(Value::as_str).unwrap_or("").to_owned();
    if prompt.trim().is_empty() {
        return Err(call.fail(GatewayMsg::field_required("prompt")));
    }
    call.upstream(false).await?;
    let refs = seedream_refs(&body).map_err(|f| call.fail(f))?;
    let opts = options(
        body.get("n"),
        body.get("size").and_then(Value::as_str),
        body.get("response_format").and_then(Value::as_str),
    )
    .map_err(|f| call.fail(f))?;
    let kinds: Vec<&str> = refs
        .iter()
        .map(|r| if r.starts_with("data:") { "data URI" } else { "URL" })
        .collect();
    let revised = format!(
        "Twin received {} reference image(s) ({}): {prompt}",
        refs.len(),
        kinds.join(", ")
    );
    let data = image_data(call, &prompt, &opts, Some(&revised));
    Ok(answer(call, data, format!("seedream edit x{}", opts.n)))
}

/// Reference images from `image` (string or list), `images:[{image_url}]` or `image_urls`.
fn seedream_refs(body: &Value) -> Result<Vec<String>, Fault> {
    let mut refs: Vec<(String, String)> = Vec::new();
    match body.get("image") {
        Some(Value::String(s)) => refs.push(("image".into(), s.clone())),
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                refs.push((format!("image[{i}]"), item.as_str().unwrap_or("").to_owned()));
            }
        }
        _ => {}
    }
    if let Some(items) = body.get("images").and_then(Value::as_array) {
        for (i, item) in items.iter().enumerate() {
            let url = item
                .get("image_url")
                .and_then(|u| u.as_str().or_else(|| u.get("url").and_then(Value::as_str)))
                .or_else(|| item.as_str())
                .unwrap_or("");
            refs.push((format!("images[{i}].image_url"), url.to_owned()));
        }
    }
    if let Some(items) = body.get("image_urls").and_then(Value::as_array) {
        for (i, item) in items.iter().enumerate() {
            refs.push((format!("image_urls[{i}]"), item.as_str().unwrap_or("").to_owned()));
        }
    }
    if refs.is_empty() {
        return Err(image_required());
    }
    for (at, r) in &refs {
        let ok = if let Some(rest) = r.strip_prefix("data:image/") {
            rest.split_once(";base64,")
                .is_some_and(|(_, data)| b64::decode(data).is_some_and(|b| !b.is_empty()))
        } else {
            r.starts_with("http://") || r.starts_with("https://")
        };
        if !ok {
            return Err(Fault::invalid(
                "image",
                "invalid_value",
                format!("{at} must be an http(s) URL or a data:image/...;base64, URI"),
            ));
        }
    }
    Ok(refs.into_iter().map(|(_, r)| r).collect())
}

/// One uploaded file part.
struct Upload {
    field: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// A parsed multipart edit form.
#[derive(Default)]
struct Form {
    text: Vec<(String, String)>,
    files: Vec<Upload>,
}

impl Form {
    fn get(&self, name: &str) -> Option<&str> {
        self.text.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

async fn read_form(mut multipart: Multipart) -> Result<Form, String> {
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_owned();
        let is_file = field.file_name().is_some();
        let content_type = field.content_type().unwrap_or("").to_owned();
        let bytes = field.bytes().await.map_err(|e| e.body_text())?;
        if is_file {
            form.files.push(Upload {
                field: name,
                content_type,
                bytes: bytes.to_vec(),
            });
        } else {
            form.text.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(form)
}

async fn edit_multipart(call: &mut Call, form: Form) -> Result<Response, Refusal> {
    let Some(model) = form.get("model").filter(|m| !m.is_empty()).map(str::to_owned) else {
        return Err(call.reject(GatewayMsg::ModelNameRequired));
    };
    call.admit(&model)?;
    call.require(Endpoint::Image, "/v1/images/edits")?;
    let prompt = form.get("prompt").unwrap_or("").to_owned();
    if prompt.trim().is_empty() {
        return Err(call.fail(GatewayMsg::field_required("prompt")));
    }
    call.upstream(false).await?;
    let images: Vec<&Upload> = form
        .files
        .iter()
        .filter(|f| f.field == "image" || f.field == "image[]")
        .collect();
    if images.is_empty() {
        return Err(call.fail(image_required()));
    }
    let mask = form.files.iter().find(|f| f.field == "mask");
    for (i, file) in images.iter().copied().chain(mask).enumerate() {
        check_upload(file, i).map_err(|f| call.fail(f))?;
    }
    let n = form.get("n").map(|s| {
        s.trim()
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(s))
    });
    let opts = options(n.as_ref(), form.get("size"), form.get("response_format")).map_err(|f| call.fail(f))?;
    let sizes: Vec<String> = images.iter().map(|f| format!("{} bytes", f.bytes.len())).collect();
    let mask_note = mask
        .map(|m| format!(" and a mask ({} bytes)", m.bytes.len()))
        .unwrap_or_default();
    let plural = if images.len() == 1 { "" } else { "s" };
    let revised = format!(
        "Twin received {} image{plural} ({}){mask_note}: {prompt}",
        images.len(),
        sizes.join(", ")
    );
    let data = image_data(call, &prompt, &opts, Some(&revised));
    Ok(answer(call, data, format!("image edit x{}", opts.n)))
}

/// OpenAI's checks on an uploaded file: an image content type and matching magic bytes.
fn check_upload(file: &Upload, index: usize) -> Result<(), Fault> {
    let ok_types = ["image/png", "image/jpeg", "image/webp"];
    let mime = file
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !ok_types.contains(&mime.as_str()) {
        let shown = if mime.is_empty() {
            "application/octet-stream".to_owned()
        } else {
            mime
        };
        return Err(Fault::invalid(
            &file.field,
            "unsupported_file_mimetype",
            format!("Invalid file '{}': unsupported mimetype ('{shown}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.", file.field),
        ));
    }
    if !png::looks_like_image(&file.bytes) {
        return Err(Fault::invalid(
            &file.field,
            "invalid_image_file",
            format!(
                "Invalid image file or mode for image {}, please check your image file.",
                index + 1
            ),
        ));
    }
    Ok(())
}

/// The body served for a finished video task's `url` (not a playable MP4).
pub const VIDEO_PLACEHOLDER: &str = "RouteScope twin video placeholder: the twin does not render video.\n";

/// `GET /_twin/files/{name}`: draws the PNG a generated URL names.
pub async fn file(Path(name): Path<String>) -> Response {
    if name.starts_with("video_twin") && name.ends_with(".mp4") {
        // Video results are placeholders: real bytes with the right type, not a playable clip.
        let mut resp = Response::new(Body::from(VIDEO_PLACEHOLDER));
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("video/mp4"));
        return resp;
    }
    let Some((rgb, side)) = upstream::parse_file_name(&name) else {
        let mut resp = Response::new(Body::from("404 page not found"));
        *resp.status_mut() = StatusCode::NOT_FOUND;
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        return resp;
    };
    let mut resp = Response::new(Body::from(png::square(side, rgb)));
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    // As object stores behind a CDN often send: the page may read the file's size.
    resp.headers_mut().insert(
        header::HeaderName::from_static("timing-allow-origin"),
        HeaderValue::from_static("*"),
    );
    resp
}
