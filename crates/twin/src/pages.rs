//! Non-JSON answers: the dashboard SPA (what a base URL without `/v1` reaches), new-api's
//! `Invalid URL` 404, and the HTML error pages proxies put in front of a gateway.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::envelope::json_response;

/// The dashboard's index page, as new-api serves it for any unknown non-API path.
pub const APP_HTML: &str = concat!(
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    "<title>RouteScope</title>",
    "<meta name=\"description\" content=\"RouteScope console\">",
    "<script type=\"module\" crossorigin src=\"/assets/index-twin.js\"></script>",
    "</head><body><noscript>You need to enable JavaScript to run this app.</noscript>",
    "<div id=\"root\"></div></body></html>\n"
);

fn html(status: StatusCode, text: &'static str) -> Response {
    let mut resp = Response::new(Body::from(text));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

/// 200 `text/html`: the console answering a path that is not an API route.
pub fn app_page() -> Response {
    let mut resp = html(StatusCode::OK, APP_HTML);
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// new-api's `RelayNotFound`: 404 `Invalid URL (METHOD /path)`.
pub fn invalid_url(method: &str, path: &str) -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"error": {
            "message": format!("Invalid URL ({method} {path})"),
            "type": "invalid_request_error",
            "param": "",
            "code": "",
        }}),
    )
}

/// What the gateway answers for an unrouted path: API prefixes get `Invalid URL`,
/// everything else gets the console's HTML (new-api's `NoRoute`).
pub fn unrouted(method: &str, path: &str) -> Response {
    if path.starts_with("/v1") || path.starts_with("/api") || path.starts_with("/assets") {
        invalid_url(method, path)
    } else if path.starts_with("/_twin/") {
        let mut resp = Response::new(Body::from("unknown twin route\n"));
        *resp.status_mut() = StatusCode::NOT_FOUND;
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        resp
    } else {
        app_page()
    }
}

/// nginx's 413 page (no CORS headers: the browser's fetch rejects).
pub fn nginx_413() -> Response {
    html(
        StatusCode::PAYLOAD_TOO_LARGE,
        "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    )
}

/// nginx's 504 page (no CORS headers).
pub fn nginx_504() -> Response {
    html(
        StatusCode::GATEWAY_TIMEOUT,
        "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    )
}

/// Cloudflare's 524 page; the caller adds `access-control-allow-origin: *`.
pub fn cloudflare_524() -> Response {
    let status = StatusCode::from_u16(524).unwrap_or(StatusCode::GATEWAY_TIMEOUT);
    html(
        status,
        "<!DOCTYPE html>\n<html lang=\"en-US\"><head><title>api.routescope.ai | 524: A timeout occurred</title></head>\n<body><div id=\"cf-wrapper\"><h1><span class=\"inline-block\">A timeout occurred</span> <span class=\"code-label\">Error code 524</span></h1>\n<p>The origin web server timed out responding to this request.</p>\n<p>Cloudflare Ray ID: <strong>8f0c1d2e3a4b5c6d</strong></p></div></body></html>\n",
    )
}

/// 502 from a Tengine proxy (Alibaba's nginx fork) whose operator's error page is written in
/// GBK, as some hosting front ends in China still serve: the body is not UTF-8 (`502 错误网关` and "the upstream server did not
/// answer", in GBK). Sent with `access-control-allow-origin: *` so the page can read it.
pub fn gbk_502() -> Response {
    const PAGE: &[u8] = b"<html><head><meta charset=\"gbk\"><title>502 \xB4\xED\xCE\xF3\xCD\xF8\xB9\xD8</title></head><body><h1>502 \xB4\xED\xCE\xF3\xCD\xF8\xB9\xD8\xA3\xBA\xC9\xCF\xD3\xCE\xB7\xFE\xCE\xF1\xC6\xF7\xC3\xBB\xD3\xD0\xCF\xEC\xD3\xA6</h1><hr/>Powered by Tengine</body></html>\n";
    let mut resp = Response::new(Body::from(PAGE));
    *resp.status_mut() = StatusCode::BAD_GATEWAY;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=gbk"));
    resp.headers_mut()
        .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    resp
}

/// A JSON answer re-encoded as UTF-16LE (no byte order mark) with `charset=utf-16le`, as some
/// .NET services send: ASCII in UTF-16 is still valid UTF-8 byte for byte (a NUL after each
/// character), so only the label tells a client how to read it. Other answers pass unchanged.
pub async fn to_utf16(resp: Response) -> Response {
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !is_json {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 16 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let utf16: Vec<u8> = String::from_utf8_lossy(&bytes)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-16le"),
    );
    Response::from_parts(parts, Body::from(utf16))
}
