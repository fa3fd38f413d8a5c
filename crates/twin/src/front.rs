//! The front door every request passes: behaviour-switch prefixes, CORS, proxy error
//! pages, the request id header, and the usage log. It then hands the prefix-stripped
//! request to the relay router.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::uri::PathAndQuery;
use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::Response;
use axum::Router;
use tower::ServiceExt;

use crate::clock::unix_now;
use crate::cors;
use crate::envelope::{Ctx, Lang};
use crate::loads::{self, Load};
use crate::pages;
use crate::state::{LogEntry, LogNote, Twin};

/// The front door's state: shared memory and the router behind it.
#[derive(Clone)]
pub struct Front {
    /// Shared state.
    pub twin: Arc<Twin>,
    /// Routes for prefix-stripped paths.
    pub inner: Router,
}

/// Behaviour switches selected by path prefixes; they can be stacked (`/_legacy/_slow/v1/…`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Switches {
    /// `/_nocors/`: no CORS headers at all.
    pub nocors: bool,
    /// `/_slow/`: wait `--slow-ms` first.
    pub slow: bool,
    /// `/_proxy413/`: nginx 413 HTML, no CORS.
    pub proxy413: bool,
    /// `/_proxy504/`: nginx 504 HTML, no CORS.
    pub proxy504: bool,
    /// `/_cf524/`: Cloudflare 524 HTML with `access-control-allow-origin: *`.
    pub cf524: bool,
    /// `/_gbk502/`: a proxy's 502 page in GBK (not UTF-8), readable under CORS.
    pub gbk502: bool,
    /// `/_utf16/`: JSON answers re-encoded as UTF-16LE, with `charset=utf-16le`.
    pub utf16: bool,
    /// `/_legacy/`: the older gateway generation's wording and `one_api_error`.
    pub legacy: bool,
    /// `/_folded/`: key states answered as "Invalid token" (new-api since 2026-04-12).
    pub folded: bool,
}

/// Every switch prefix with what it does, for the banner.
pub const SWITCHES: &[(&str, &str)] = &[
    (
        "/_nocors/",
        "same answers without any CORS header (preflight 204 bare): the browser's fetch rejects",
    ),
    ("/_slow/", "waits --slow-ms before answering, so client timeouts fire"),
    (
        "/_proxy413/",
        "413 nginx HTML page without CORS (request body too large at a proxy)",
    ),
    (
        "/_proxy504/",
        "504 nginx HTML page without CORS (proxy gateway timeout)",
    ),
    (
        "/_cf524/",
        "524 Cloudflare HTML page WITH access-control-allow-origin: * (readable)",
    ),
    (
        "/_gbk502/",
        "502 proxy HTML page written in GBK (not UTF-8) WITH access-control-allow-origin: *",
    ),
    (
        "/_utf16/",
        "the same JSON answers in UTF-16LE (charset=utf-16le), as some .NET services send them",
    ),
    (
        "/_folded/",
        "newer new-api builds (since 2026-04-12): a disabled, expired or used-up key answers Invalid token",
    ),
    (
        "/_legacy/",
        "older generation (one-api): one_api_error and its Chinese-only wordings for key states and models",
    ),
];

/// Strips leading switch prefixes; returns the switches and the remaining path (at least `/`).
pub fn strip_switches(path: &str) -> (Switches, String) {
    let mut sw = Switches::default();
    let mut rest = path;
    loop {
        let trimmed = rest.strip_prefix('/').unwrap_or(rest);
        let (head, tail) = match trimmed.find('/') {
            Some(i) => (&trimmed[..i], &trimmed[i..]),
            None => (trimmed, ""),
        };
        let flag = match head {
            "_nocors" => &mut sw.nocors,
            "_slow" => &mut sw.slow,
            "_proxy413" => &mut sw.proxy413,
            "_proxy504" => &mut sw.proxy504,
            "_cf524" => &mut sw.cf524,
            "_gbk502" => &mut sw.gbk502,
            "_utf16" => &mut sw.utf16,
            "_legacy" => &mut sw.legacy,
            "_folded" => &mut sw.folded,
            _ => break,
        };
        *flag = true;
        rest = tail;
    }
    let rest = if rest.is_empty() {
        "/".to_owned()
    } else {
        rest.to_owned()
    };
    (sw, rest)
}

fn rewrite(uri: &Uri, path: &str) -> Uri {
    let pq = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    match PathAndQuery::try_from(pq) {
        Ok(pq) => parts.path_and_query = Some(pq),
        Err(_) => return uri.clone(),
    }
    Uri::from_parts(parts).unwrap_or_else(|_| uri.clone())
}

/// Handles every request.
pub async fn handle(State(front): State<Front>, mut req: Request) -> Response {
    let started = Instant::now();
    let (sw, path) = strip_switches(req.uri().path());
    if req.method() == Method::OPTIONS {
        return cors::preflight(!sw.nocors);
    }
    let first_segment = req.uri().path().trim_start_matches('/').split('/').next().unwrap_or("");
    if let Some(load) = Load::parse(first_segment) {
        let mut resp = loads::answer(load, &front.twin, req.headers(), req.uri().path());
        cors::decorate(resp.headers_mut());
        return resp;
    }
    if sw.slow {
        tokio::time::sleep(front.twin.config.slow).await;
    }
    if sw.proxy413 {
        return pages::nginx_413();
    }
    if sw.proxy504 {
        return pages::nginx_504();
    }
    if sw.gbk502 {
        return pages::gbk_502();
    }
    if sw.cf524 {
        let mut resp = pages::cloudflare_524();
        resp.headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        return resp;
    }

    let ctx = {
        let header_str = |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        let host = header_str(header::HOST).unwrap_or("127.0.0.1").to_owned();
        Ctx {
            request_id: front.twin.next_request_id(),
            lang: Lang::from_accept_language(header_str(header::ACCEPT_LANGUAGE)),
            legacy: sw.legacy,
            folded: sw.folded,
            one_api_type: sw.legacy,
            base_url: format!("http://{host}"),
            profile: front.twin.config.profile,
        }
    };
    let request_id = ctx.request_id.clone();
    *req.uri_mut() = rewrite(req.uri(), &path);
    req.extensions_mut().insert(ctx);

    let mut resp = match front.inner.clone().oneshot(req).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    };
    if let Some(note) = resp.extensions_mut().remove::<LogNote>() {
        front.twin.record(LogEntry {
            note,
            request_id: request_id.clone(),
            created_at: unix_now(),
            at: Instant::now(),
            use_time: started.elapsed().as_secs(),
        });
    }
    front.twin.config.profile.stamp_header(&mut resp, &request_id);
    if sw.utf16 {
        resp = pages::to_utf16(resp).await;
    }
    if sw.nocors {
        cors::strip(resp.headers_mut());
    } else {
        cors::decorate(resp.headers_mut());
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stacked_prefixes() {
        let cases = [
            ("/v1/models", Switches::default(), "/v1/models"),
            (
                "/_nocors/v1/models",
                Switches {
                    nocors: true,
                    ..Switches::default()
                },
                "/v1/models",
            ),
            (
                "/_legacy/_slow/v1/chat/completions",
                Switches {
                    legacy: true,
                    slow: true,
                    ..Switches::default()
                },
                "/v1/chat/completions",
            ),
            (
                "/_cf524",
                Switches {
                    cf524: true,
                    ..Switches::default()
                },
                "/",
            ),
            ("/_nocorsx/v1", Switches::default(), "/_nocorsx/v1"),
            ("/", Switches::default(), "/"),
        ];
        for (path, want_sw, want_path) in cases {
            let (sw, rest) = strip_switches(path);
            assert_eq!((sw, rest.as_str()), (want_sw, want_path), "{path}");
        }
    }
}
