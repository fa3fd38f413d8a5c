//! The thin fetch shell: sends a built [`HttpRequest`] from the browser and reads the
//! answer as it arrives. It decides nothing: what the outcome means is the domain's job.

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, FormData, ReadableStreamDefaultReader, RequestCredentials, ResponseType};

mod files;

pub use files::{file, picked_files, read_picked};

use routescope_core::answer::utf8::Utf8Accumulator;
use routescope_core::request::http::{Body, HttpRequest, Method, PartValue};

/// What came back when a response arrived.
#[derive(Clone, Debug)]
pub struct Received {
    /// HTTP status.
    pub status: u16,
    /// The headers JavaScript could read, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// True for a cross-origin response: only CORS-safelisted headers are readable then.
    pub cross_origin: bool,
    /// The whole body as text.
    pub body: String,
    /// Milliseconds from send to the response head.
    pub head_ms: f64,
}

/// Milliseconds since the epoch, as the browser counts them.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends `request` with `credentials: "omit"` and reads the body chunk by chunk, calling
/// `on_chunk` with the text so far decoded. `Err` carries the browser's message when fetch
/// itself rejected (CORS, network, abort).
pub async fn send(
    request: &HttpRequest,
    signal: &AbortSignal,
    mut on_chunk: impl FnMut(&str),
) -> Result<Received, String> {
    let started = now_ms();
    let method = match request.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .credentials(RequestCredentials::Omit)
        .abort_signal(Some(signal));
    for h in &request.headers {
        builder = builder.header(&h.name, &h.value);
    }
    let built = match &request.body {
        Body::Empty => builder.build(),
        Body::Json(text) => builder.body(JsValue::from_str(text)),
        Body::Multipart(parts) => builder.body(form_data(parts)?),
    };
    let req = built.map_err(|e| e.to_string())?;
    let response = req.send().await.map_err(|e| e.to_string())?;
    let head_ms = now_ms() - started;
    let cross_origin = response.type_() == ResponseType::Cors;
    let headers: Vec<(String, String)> = response
        .headers()
        .entries()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let status = response.status();
    let body = match response.body() {
        Some(stream) => read_stream(stream, &mut on_chunk).await?,
        None => String::new(),
    };
    Ok(Received {
        status,
        headers,
        cross_origin,
        body,
        head_ms,
    })
}

/// Builds FormData from the parts; the browser writes the boundary into Content-Type.
fn form_data(parts: &[routescope_core::request::http::MultipartPart]) -> Result<FormData, String> {
    let data = FormData::new().map_err(js_message)?;
    for p in parts {
        match &p.value {
            PartValue::Text(t) => data.append_with_str(&p.name, t).map_err(js_message)?,
            PartValue::File(f) => {
                let Some(file) = file(f.id) else {
                    return Err(format!("The file {} is no longer available: choose it again.", f.name));
                };
                data.append_with_blob_and_filename(&p.name, &file, &f.name)
                    .map_err(js_message)?
            }
        }
    }
    Ok(data)
}

async fn read_stream(stream: web_sys::ReadableStream, on_chunk: &mut impl FnMut(&str)) -> Result<String, String> {
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| js_message(o.into()))?;
    let mut text = Utf8Accumulator::default();
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(js_message)?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = Reflect::get(&result, &JsValue::from_str("value")) {
            if let Ok(bytes) = value.dyn_into::<Uint8Array>() {
                text.push(&bytes.to_vec());
                on_chunk(text.as_str());
            }
        }
    }
    Ok(text.finish())
}

/// A readable message from a JavaScript error value.
pub fn js_message(value: JsValue) -> String {
    if let Some(s) = value.as_string() {
        return s;
    }
    Reflect::get(&value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "the browser reported an error without a message".to_string())
}

/// Sends a follow-up request outside the main exchange, with its own abort after
/// `timeout_ms`. Returns the status and body, or the browser's message when fetch rejected.
pub async fn probe(request: &HttpRequest, timeout_ms: u32) -> Result<(u16, String), String> {
    let controller = web_sys::AbortController::new().map_err(js_message)?;
    let signal = controller.signal();
    let timer = leptos::prelude::set_timeout_with_handle(
        move || controller.abort(),
        std::time::Duration::from_millis(u64::from(timeout_ms)),
    )
    .ok();
    let result = send(request, &signal, |_| {}).await;
    if let Some(t) = timer {
        t.clear();
    }
    result.map(|r| (r.status, r.body))
}
