//! CORS exactly as the gateway family sets it (gin-contrib/cors with all origins):
//! preflight 204 with `*` origin and headers, the method list, credentials true, no
//! max-age; other answers get origin + credentials and no `Expose-Headers`, so
//! `X-Oneapi-Request-Id`, `retry-after` and rate-limit headers stay hidden from scripts.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::envelope::empty;

/// The methods the preflight allows.
pub const ALLOW_METHODS: &str = "GET,POST,PUT,DELETE,OPTIONS";

/// 204 answer to an `OPTIONS` preflight; with `cors == false` it carries no CORS headers.
pub fn preflight(cors: bool) -> Response {
    let mut resp = empty(StatusCode::NO_CONTENT);
    if cors {
        let h = resp.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("*"));
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOW_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    resp
}

/// Adds the headers every non-preflight answer carries.
pub fn decorate(headers: &mut HeaderMap) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
}

/// Removes every `access-control-*` header (the `/_nocors/` switch).
pub fn strip(headers: &mut HeaderMap) {
    let names: Vec<_> = headers
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .cloned()
        .collect();
    for name in names {
        headers.remove(name);
    }
}
