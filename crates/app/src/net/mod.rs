//! The thin fetch shell: sends a built [`HttpRequest`] from the browser and reads the
//! answer as it arrives. It decides nothing: what the outcome means is the domain's job.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, FormData, Headers, ReadableStreamDefaultReader, RequestCredentials, RequestInit, RequestMode,
    ResponseType,
};

mod files;

pub use files::{file, picked_files, read_picked};

use routescope_core::answer::reader::DEFAULT_BYTE_CAP;
use routescope_core::answer::utf8::Utf8Accumulator;
use routescope_core::exchange::{Ending, Exchange, Head, InFlight};
use routescope_core::request::http::{Body, HttpRequest, PartValue};
use routescope_core::text::lang::Lang;

/// Milliseconds since the epoch, as the browser counts them.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends `request` exactly as built (the URL, headers and body the preview shows, byte for
/// byte) with `credentials: "omit"`. `on_head` gets the status and readable headers when
/// they arrive; `on_bytes` gets each body chunk and returns whether to keep reading. `Err`
/// carries the browser's message when fetch rejected or reading the body failed; whether
/// the head had come first is known from `on_head`.
pub async fn send(
    request: &HttpRequest,
    signal: &AbortSignal,
    on_head: impl FnOnce(Head),
    mut on_bytes: impl FnMut(&[u8]) -> bool,
) -> Result<(), String> {
    let started = now_ms();
    let fetch_request = fetch_request(request, signal)?;
    let window = web_sys::window().ok_or("no window to fetch from")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&fetch_request))
        .await
        .map_err(js_message)?
        .dyn_into()
        .map_err(|_| "fetch answered something that is not a Response".to_string())?;
    let headers: Vec<(String, String)> = header_pairs(&response.headers());
    on_head(Head {
        status: response.status(),
        headers,
        cross_origin: response.type_() == ResponseType::Cors,
        at_ms: (now_ms() - started).max(0.0) as u64,
    });
    match response.body() {
        Some(stream) => read_stream(stream, &mut on_bytes).await,
        None => Ok(()),
    }
}

/// The browser request for `request`: method, URL, headers and body as built, nothing added
/// (no query rewriting, no default headers beyond what the browser itself sets).
fn fetch_request(request: &HttpRequest, signal: &AbortSignal) -> Result<web_sys::Request, String> {
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_credentials(RequestCredentials::Omit);
    init.set_mode(RequestMode::Cors);
    init.set_signal(Some(signal));
    let headers = Headers::new().map_err(js_message)?;
    for h in &request.headers {
        headers.append(&h.name, &h.value).map_err(js_message)?;
    }
    init.set_headers(&headers);
    match &request.body {
        Body::Empty => {}
        Body::Json(text) => init.set_body(&JsValue::from_str(text)),
        Body::Multipart(parts) => init.set_body(&form_data(parts)?.into()),
    }
    web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(js_message)
}

/// The headers JavaScript may read, names lower-cased, in the browser's order.
fn header_pairs(headers: &Headers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(Some(entries)) = js_sys::try_iter(headers) else {
        return out;
    };
    for entry in entries.flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((name.to_ascii_lowercase(), value));
        }
    }
    out
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

/// Reads the body chunk by chunk until its end, an error, or `on_bytes` says stop (then the
/// stream is cancelled so the browser stops downloading).
async fn read_stream(stream: web_sys::ReadableStream, on_bytes: &mut impl FnMut(&[u8]) -> bool) -> Result<(), String> {
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| js_message(o.into()))?;
    let mut since_yield = now_ms();
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(js_message)?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(());
        }
        if let Ok(value) = Reflect::get(&result, &JsValue::from_str("value")) {
            if let Ok(bytes) = value.dyn_into::<Uint8Array>() {
                // Chunks that are already queued resolve as microtasks, all inside one task:
                // the reading is handed over in slices, and the page gets the event loop back
                // whenever a slice of work has used its budget, so typing and painting go on.
                for slice in bytes.to_vec().chunks(SLICE_BYTES) {
                    if !on_bytes(slice) {
                        let _ = reader.cancel();
                        return Ok(());
                    }
                    if now_ms() - since_yield > TASK_BUDGET_MS {
                        yield_to_browser().await;
                        since_yield = now_ms();
                    }
                }
            }
        }
    }
}

/// Most bytes handed to the reader at once.
const SLICE_BYTES: usize = 64 * 1024;

/// How long reading may hold the main thread before it yields, in milliseconds.
const TASK_BUDGET_MS: f64 = 12.0;

/// Waits `ms` milliseconds without holding the page.
pub async fn sleep_ms(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u64) as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits for a fresh task, so input and painting run in between: `scheduler.yield()` where
/// the browser has it (no delay, and the page resumes ahead of other queued work), else a
/// zero-delay timeout (which browsers clamp to 4 ms once nested).
pub async fn yield_to_browser() {
    let scheduled = web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("scheduler")).ok())
        .filter(|s| s.is_object())
        .and_then(|scheduler| {
            let yield_fn = Reflect::get(&scheduler, &JsValue::from_str("yield")).ok()?;
            let yield_fn: &js_sys::Function = yield_fn.dyn_ref()?;
            yield_fn.call0(&scheduler).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    let promise = scheduled.unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _reject| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        })
    });
    let _ = JsFuture::from(promise).await;
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

/// What Resource Timing shares about a file the page loaded (an image an answer linked
/// to): its size in bytes (0 when a host on another origin sends no `Timing-Allow-Origin`)
/// and its type (empty unless shared). `(None, None)` when the browser kept no entry.
pub fn resource_facts(url: &str) -> (Option<u64>, Option<String>) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return (None, None);
    };
    let entries = performance.get_entries_by_name(url);
    let last = entries.get(entries.length().saturating_sub(1));
    if last.is_undefined() || last.is_null() {
        return (None, None);
    }
    let read = |name: &str| Reflect::get(&last, &JsValue::from_str(name)).ok();
    // Read by name: `contentType` is newer than the bindings, and both are plain numbers
    // and strings whatever the browser.
    let bytes = read("decodedBodySize")
        .and_then(|v| v.as_f64())
        .map(|n| n.max(0.0) as u64);
    let content_type = read("contentType")
        .and_then(|v| v.as_string())
        .filter(|t| !t.is_empty());
    (bytes, content_type)
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
    let mut status = 0;
    let mut body = Utf8Accumulator::default();
    let mut kept = 0usize;
    let result = send(
        request,
        &signal,
        |head| status = head.status,
        |chunk| {
            kept += chunk.len();
            body.push(chunk);
            kept < DEFAULT_BYTE_CAP
        },
    )
    .await;
    if let Some(t) = timer {
        t.clear();
    }
    result.map(|()| (status, body.finish().text))
}

/// Sends `request` through the whole exchange pipeline outside the page's main exchange
/// (the key scan's model lists and tries): `flight` reads the answer as it arrives and
/// judges it at the end. `controller` aborts it (Stop); after `timeout_ms` it is cut as
/// timed out. Returns the finished exchange and the milliseconds it took.
pub async fn run_exchange(
    flight: InFlight,
    request: &HttpRequest,
    controller: &web_sys::AbortController,
    timeout_ms: u32,
    lang: Lang,
) -> (Exchange, u64) {
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        leptos::prelude::set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            std::time::Duration::from_millis(u64::from(timeout_ms)),
        )
        .ok()
    };
    let started = now_ms();
    let flight = std::cell::RefCell::new(flight);
    let result = send(
        request,
        &controller.signal(),
        |head| flight.borrow_mut().head(head),
        |chunk| {
            let at = (now_ms() - started).max(0.0) as u64;
            let mut flight = flight.borrow_mut();
            flight.push(chunk, at);
            flight.wants_more()
        },
    )
    .await;
    if let Some(t) = timer {
        t.clear();
    }
    let elapsed = (now_ms() - started).max(0.0) as u64;
    let ending = match result {
        _ if timed_out.get() => Ending::TimedOut,
        _ if controller.signal().aborted() => Ending::Cancelled,
        Ok(()) => Ending::Finished,
        Err(message) => Ending::Failed(message),
    };
    (
        flight
            .into_inner()
            .finish_decoding(ending, elapsed, lang, &decode_charset),
        elapsed,
    )
}

/// Decodes `bytes` in the charset `label` names (`gbk`, `shift_jis`…) with the browser's
/// own decoder; `None` when the browser knows no such charset.
pub fn decode_charset(label: &str, bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
