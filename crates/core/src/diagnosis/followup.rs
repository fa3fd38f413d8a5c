//! Follow-up checks offered next to a diagnosis, one click each: is the model visible to
//! this key, what is the key's status and balance, does the gateway let the browser in.
//! Here: the requests they send and what their answers mean. Sending is the net layer's.

use serde_json::Value;

use crate::answer::response::model_ids;
use crate::diagnosis::Action;
use crate::diagnosis::Protocol;
use crate::request::base_url::BaseUrl;
use crate::request::build::{build_request, self_service_confirmed, Connection};
use crate::request::catalogue::{endpoint, EndpointId};
use crate::request::form::FormValues;
use crate::request::http::{Body, Header, HttpRequest, Method};
use crate::text::closest::closest;
use crate::text::lang::Lang;

/// Which check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// `GET /v1/models` (or `/v1beta/models`) with the same key.
    ModelVisible,
    /// `GET {self-service}/api/token/self/`.
    KeyStatus,
    /// A request that needs a CORS preflight, sent without the key.
    CorsProbe,
}

impl CheckKind {
    /// The id used in the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::ModelVisible => "model-visible",
            CheckKind::KeyStatus => "key-status",
            CheckKind::CorsProbe => "cors-probe",
        }
    }

    /// The button and heading text: the diagnosis action's label, so the checklist, the
    /// button and the result all use the same words.
    pub fn title(self, lang: Lang) -> String {
        let action = match self {
            CheckKind::ModelVisible => Action::ListModels,
            CheckKind::KeyStatus => Action::CheckKeyStatus,
            CheckKind::CorsProbe => Action::ProbeCors,
        };
        action.label(lang)
    }
}

/// The outcome of a check, for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckVerdict {
    /// The check.
    pub kind: CheckKind,
    /// `Some(true)` good news, `Some(false)` the problem is confirmed, `None` inconclusive.
    pub ok: Option<bool>,
    /// One line.
    pub headline: String,
    /// Facts read from the answer.
    pub details: Vec<(String, String)>,
    /// Set when the check needs an address the person has not given yet (the gateway's
    /// self-service API): the value to offer, which they confirm or change before it runs.
    pub ask_address: Option<String>,
}

impl CheckVerdict {
    fn new(kind: CheckKind, ok: Option<bool>, headline: String, details: Vec<(String, String)>) -> CheckVerdict {
        CheckVerdict {
            kind,
            ok,
            headline,
            details,
            ask_address: None,
        }
    }
}

/// What the key-status check says when it may not run yet.
pub fn key_status_blocked(blocked: &KeyStatusBlocked, lang: Lang) -> CheckVerdict {
    let (headline, ask) = match blocked {
        KeyStatusBlocked::Unconfirmed { suggestion } => (
            lang.pick_owned(
                "This gateway's self-service API address is not set, and the key goes only where you point it. new-api gateways usually serve it on their own origin: confirm or change the address, then check.",
                "尚未设置该网关的自助接口地址，而密钥只会发往你指定的地址。new-api 类网关通常在自身的地址上提供该接口：请确认或修改地址后再检查。",
            ),
            Some(suggestion.clone().unwrap_or_default()),
        ),
        KeyStatusBlocked::InvalidAddress => (
            lang.pick_owned(
                "The Self-service API URL (under More settings) is not a valid address.",
                "自助接口地址（在“更多设置”中）不是有效的地址。",
            ),
            None,
        ),
    };
    CheckVerdict {
        ask_address: ask,
        ..CheckVerdict::new(CheckKind::KeyStatus, None, headline, Vec::new())
    }
}

/// Reads `METHOD URL` as an exchange records it (the URL already redacted).
pub fn split_request_line(line: &str) -> Option<(Method, &str)> {
    let (method, url) = line.trim().split_once(' ')?;
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        _ => return None,
    };
    Some((method, url.trim()))
}

/// The model lists to try for the check, in order, each on the typed gateway with the key
/// in the header the person chose (where that list accepts it): the protocol family's own
/// list first (`/v1beta/models` for Gemini), then `/v1/models`. A gateway without a list
/// answers 404: the check then tries the next one.
pub fn model_list_requests(conn: &Connection, protocol: Protocol) -> Vec<(&'static str, HttpRequest)> {
    let gemini = matches!(
        protocol,
        Protocol::GeminiNative | Protocol::GeminiModels | Protocol::Imagen
    );
    let lists: &[(EndpointId, &str)] = if gemini {
        &[
            (EndpointId::GeminiModels, "/v1beta/models"),
            (EndpointId::OpenAiModels, "/v1/models"),
        ]
    } else {
        &[(EndpointId::OpenAiModels, "/v1/models")]
    };
    lists
        .iter()
        .filter_map(|(id, path)| {
            let ep = endpoint(*id);
            let request = build_request(ep, conn, &FormValues::defaults(ep), None).request?;
            Some((*path, request))
        })
        .collect()
}

/// A check that could not run: the browser's reason, quoted.
pub fn check_failed(kind: CheckKind, message: &str, lang: Lang) -> CheckVerdict {
    CheckVerdict::new(
        kind,
        None,
        lang.pick_owned(
            &format!("Could not run the check: {message}"),
            &format!("无法运行检查：{message}"),
        ),
        Vec::new(),
    )
}

/// Why the key-status check does not go straight away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyStatusBlocked {
    /// The self-service address is the built-in default while the gateway is elsewhere: the
    /// key would go to an origin the person never typed. The check asks first, offering
    /// the gateway's own origin (where new-api serves its self-service API).
    Unconfirmed {
        /// The gateway's origin, when it parses.
        suggestion: Option<String>,
    },
    /// The self-service address does not parse.
    InvalidAddress,
}

/// The self-service key-status request, only to a confirmed self-service origin.
pub fn key_status_request(conn: &Connection) -> Result<HttpRequest, KeyStatusBlocked> {
    let base = BaseUrl::parse(&conn.self_service).map_err(|_| KeyStatusBlocked::InvalidAddress)?;
    if !self_service_confirmed(conn) {
        return Err(KeyStatusBlocked::Unconfirmed {
            suggestion: BaseUrl::parse(&conn.gateway).ok().map(|g| g.origin()),
        });
    }
    Ok(HttpRequest {
        method: Method::Get,
        url: base.join("/api/token/self/"),
        headers: bearer(conn),
        body: Body::Empty,
    })
}

/// The CORS probes for the route that failed (its own method and address, without the
/// query): a simple request (no preflight) and one whose `Authorization` header forces a
/// preflight. Neither carries the real key: the second has a placeholder, and the body is
/// empty.
pub fn cors_probe_requests(method: Method, url: &str) -> (HttpRequest, HttpRequest) {
    // The query is dropped: with the `?key=` style it would carry the key.
    let url = url.split(['?', '#']).next().unwrap_or(url).to_string();
    let simple = HttpRequest {
        method,
        url: url.clone(),
        headers: Vec::new(),
        body: Body::Empty,
    };
    let mut headers = vec![Header::new("Authorization", "Bearer sk-cors-probe-no-key")];
    if method == Method::Post {
        headers.push(Header::new("Content-Type", "application/json"));
    }
    let preflighted = HttpRequest {
        method,
        url,
        headers,
        body: Body::Empty,
    };
    (simple, preflighted)
}

fn bearer(conn: &Connection) -> Vec<Header> {
    if conn.api_key.is_empty() {
        Vec::new()
    } else {
        vec![Header::new("Authorization", format!("Bearer {}", conn.api_key))]
    }
}

/// One model-list answer the check read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAnswer {
    /// The path asked (`/v1beta/models`, `/v1/models`).
    pub path: String,
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: String,
}

/// Whether the check should try the next list: this gateway has no list at that path.
pub fn no_such_list(status: u16) -> bool {
    matches!(status, 404 | 405 | 501)
}

/// Reads the model-list answers (in the order tried): is `model` among the ids?
pub fn model_visibility(model: &str, answers: &[ListAnswer], lang: Lang) -> CheckVerdict {
    let kind = CheckKind::ModelVisible;
    let tried = answers
        .iter()
        .map(|a| format!("{} → HTTP {}", a.path, a.status))
        .collect::<Vec<_>>()
        .join(", ");
    let listed = answers
        .iter()
        .find(|a| (200..300).contains(&a.status) && !model_ids(&a.body).is_empty());
    let Some(answer) = listed else {
        let last = answers.iter().rev().find(|a| !no_such_list(a.status));
        let (en, zh) = match last.map(|a| a.status) {
            None => (
                "This gateway has no model list at these paths, so the check cannot tell whether the model is visible. That says nothing about the key.".to_string(),
                "该网关在这些路径上没有模型列表，因此无法判断模型是否可见。这与密钥无关。".to_string(),
            ),
            Some(status @ (401 | 403)) => (
                format!("The model list refused this key (HTTP {status}): run the key check before blaming the model."),
                format!("模型列表拒绝了该密钥（HTTP {status}）：先检查密钥，再考虑模型。"),
            ),
            Some(status) => (
                format!("The model list could not be read (HTTP {status}): the check cannot tell."),
                format!("无法读取模型列表（HTTP {status}）：无法判断。"),
            ),
        };
        return CheckVerdict {
            kind,
            ok: None,
            headline: lang.pick_owned(&en, &zh),
            details: vec![("tried".into(), tried)],
            ask_address: None,
        };
    };
    let ids = model_ids(&answer.body);
    let bare = model.strip_prefix("models/").unwrap_or(model);
    let visible = ids.iter().any(|i| i == bare);
    let mut details = vec![
        ("tried".to_string(), tried),
        ("models listed".to_string(), ids.len().to_string()),
    ];
    let headline = if visible {
        match lang {
            Lang::En => format!(
                "{bare} is in the {} models this key can see: the model is not the problem.",
                ids.len()
            ),
            Lang::Zh => format!("{bare} 在该密钥可见的 {} 个模型中：问题不在模型。", ids.len()),
        }
    } else {
        let suggestion = closest(bare, &ids);
        if let Some(s) = &suggestion {
            details.push(("did you mean".into(), s.clone()));
        }
        let hint = suggestion
            .map(|s| lang.pick_owned(&format!(" Did you mean {s}?"), &format!(" 是否想用 {s}？")))
            .unwrap_or_default();
        match lang {
            Lang::En => format!("{bare} is NOT among the {} models this key can see: a typo, a token model allowlist, or a group without it.{hint}", ids.len()),
            Lang::Zh => format!("{bare} 不在该密钥可见的 {} 个模型中：可能是拼写错误、令牌限制了可用模型，或分组未开通该模型。{hint}", ids.len()),
        }
    };
    CheckVerdict {
        kind,
        ok: Some(visible),
        headline,
        details,
        ask_address: None,
    }
}

/// Reads a self-service key-status answer (`{success, data:{status, quota, …}}`).
pub fn key_status(status: u16, body: &str, lang: Lang) -> CheckVerdict {
    let kind = CheckKind::KeyStatus;
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    if status >= 400 || v.get("success").and_then(Value::as_bool) != Some(true) {
        let message = v.get("message").and_then(Value::as_str).unwrap_or("").to_string();
        return CheckVerdict {
            kind,
            ok: Some(false).filter(|_| !message.is_empty()),
            headline: match (lang, message.is_empty()) {
                (Lang::En, false) => format!("The self-service API refused this key: {message}"),
                (Lang::Zh, false) => format!("自助接口拒绝了该密钥：{message}"),
                (Lang::En, true) => format!("The self-service API did not answer as expected (HTTP {status}): check its address under More settings."),
                (Lang::Zh, true) => format!("自助接口没有按预期响应（HTTP {status}）：请在“更多设置”中检查其地址。"),
            },
            details: vec![("status".into(), status.to_string())],
            ask_address: None,
        };
    }
    let data = v.get("data").cloned().unwrap_or(Value::Null);
    let num = |k: &str| data.get(k).and_then(Value::as_i64);
    let state = num("status").unwrap_or(0);
    let state_word = match (state, lang) {
        (1, Lang::En) => "enabled",
        (2, Lang::En) => "disabled",
        (3, Lang::En) => "expired",
        (4, Lang::En) => "quota exhausted",
        (1, Lang::Zh) => "已启用",
        (2, Lang::Zh) => "已禁用",
        (3, Lang::Zh) => "已过期",
        (4, Lang::Zh) => "额度已用尽",
        (_, Lang::En) => "unknown",
        (_, Lang::Zh) => "未知",
    };
    let unlimited = data.get("unlimited_quota").and_then(Value::as_bool).unwrap_or(false);
    let remain = num("remain_quota").or_else(|| num("quota"));
    let mut details = vec![("status".to_string(), format!("{state} ({state_word})"))];
    if let Some(g) = data.get("group").and_then(Value::as_str) {
        details.push(("group".into(), g.to_string()));
    }
    details.push((
        "remaining quota".into(),
        if unlimited {
            "unlimited".into()
        } else {
            remain.map(|r| r.to_string()).unwrap_or_else(|| "?".into())
        },
    ));
    if let Some(u) = num("used_quota") {
        details.push(("used quota".into(), u.to_string()));
    }
    if let Some(e) = num("expired_time") {
        details.push((
            "expires".into(),
            if e < 0 { "never".into() } else { format!("unix {e}") },
        ));
    }
    let limits = data
        .get("model_limits_enabled")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if limits {
        details.push((
            "model allowlist".into(),
            data.get("model_limits")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        ));
    }
    let exhausted = !unlimited && remain.is_some_and(|r| r <= 0);
    let ok = state == 1 && !exhausted;
    let headline = match (lang, ok) {
        (Lang::En, true) => format!(
            "The key is {state_word}{}.",
            if limits { ", limited to the models listed" } else { "" }
        ),
        (Lang::Zh, true) => format!(
            "密钥状态：{state_word}{}。",
            if limits { "，仅可使用列出的模型" } else { "" }
        ),
        (Lang::En, false) if exhausted && state == 1 => {
            "The key is enabled but its quota is used up: raise the token's quota or top up.".into()
        }
        (Lang::Zh, false) if exhausted && state == 1 => "密钥已启用但额度已用完：请提高令牌额度或充值。".into(),
        (Lang::En, false) => {
            format!("The key is {state_word}: that is why calls fail. Re-enable it or create a new one in the console.")
        }
        (Lang::Zh, false) => format!("密钥{state_word}：这就是调用失败的原因。请在控制台重新启用或新建密钥。"),
    };
    CheckVerdict {
        kind,
        ok: Some(ok),
        headline,
        details,
        ask_address: None,
    }
}

/// What the browser saw of one probe: a status, or a rejected fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// An HTTP status was readable.
    Status(u16),
    /// fetch rejected.
    Rejected(String),
}

/// Reads the two CORS probes of one route (`POST https://host/v1/…`); the conclusion is
/// about that route only.
pub fn cors_verdict(route: &str, simple: &ProbeOutcome, preflighted: &ProbeOutcome, lang: Lang) -> CheckVerdict {
    let kind = CheckKind::CorsProbe;
    let show = |p: &ProbeOutcome| match p {
        ProbeOutcome::Status(s) => format!("HTTP {s}"),
        ProbeOutcome::Rejected(m) => format!("rejected: {m}"),
    };
    let details = vec![
        ("route".to_string(), route.to_string()),
        ("simple request".to_string(), show(simple)),
        ("with preflight".to_string(), show(preflighted)),
    ];
    let (ok, en, zh) = match (simple, preflighted) {
        (ProbeOutcome::Status(_), ProbeOutcome::Status(_)) => (Some(true), "Yes: this route answers this page's origin, preflight included, right now. If the call failed without a status, it was not CORS on this route: look at the network (a proxy page, a timeout) instead.", "是的：该路由此刻允许本页面的来源访问（包括预检）。如果之前的调用没有状态码就失败了，那不是该路由的 CORS 问题：请排查网络（代理错误页、超时）。"),
        (ProbeOutcome::Status(_), ProbeOutcome::Rejected(_)) => (Some(false), "This route answers simple requests but refuses the preflight for Authorization: use x-api-key (Claude, model lists) or x-goog-api-key (Gemini), or call it from a server.", "该路由响应简单请求，但拒绝携带 Authorization 的预检：可改用 x-api-key（Claude、模型列表）或 x-goog-api-key（Gemini），或在服务器端调用。"),
        (ProbeOutcome::Rejected(_), _) => (Some(false), "No: the browser gets no readable answer from this route at all. Either it sends no CORS headers (call it from a server or curl), or the address is unreachable from here (DNS, TLS, mixed content, a proxy error page).", "不能：浏览器从该路由拿不到任何可读的响应。要么它没有返回 CORS 头（请在服务器或 curl 中调用），要么地址在此无法访问（DNS、TLS、混合内容、代理错误页）。"),
    };
    CheckVerdict {
        kind,
        ok,
        headline: lang.pick_owned(en, zh),
        details,
        ask_address: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::build::{DEFAULT_GATEWAY, DEFAULT_SELF_SERVICE};
    use crate::request::protocol::AuthStyle;

    fn conn() -> Connection {
        Connection {
            gateway: "http://127.0.0.1:8787".into(),
            self_service: "http://127.0.0.1:8787".into(),
            api_key: "sk-twin-valid".into(),
            ..Connection::default()
        }
    }

    fn list(path: &str, status: u16, body: &str) -> ListAnswer {
        ListAnswer {
            path: path.into(),
            status,
            body: body.into(),
        }
    }

    #[test]
    fn follow_ups_send_the_key_only_to_typed_origins() {
        let c = conn();
        let urls = |p| {
            model_list_requests(&c, p)
                .into_iter()
                .map(|(_, r)| r.url)
                .collect::<Vec<_>>()
        };
        assert_eq!(urls(Protocol::OpenAiChat), ["http://127.0.0.1:8787/v1/models"]);
        assert_eq!(
            urls(Protocol::GeminiNative),
            ["http://127.0.0.1:8787/v1beta/models", "http://127.0.0.1:8787/v1/models"]
        );
        assert_eq!(
            key_status_request(&c).map(|r| r.url),
            Ok("http://127.0.0.1:8787/api/token/self/".to_string())
        );
        // The built-in self-service default is never trusted for another gateway.
        let elsewhere = Connection {
            self_service: DEFAULT_SELF_SERVICE.into(),
            ..conn()
        };
        assert_eq!(
            key_status_request(&elsewhere),
            Err(KeyStatusBlocked::Unconfirmed {
                suggestion: Some("http://127.0.0.1:8787".into())
            })
        );
        // ...but it is RouteScope's documented pair.
        let documented = Connection {
            gateway: DEFAULT_GATEWAY.into(),
            self_service: DEFAULT_SELF_SERVICE.into(),
            ..conn()
        };
        assert!(key_status_request(&documented).is_ok());
        let broken = Connection {
            self_service: "not a url".into(),
            ..conn()
        };
        assert_eq!(key_status_request(&broken), Err(KeyStatusBlocked::InvalidAddress));
    }

    #[test]
    fn the_model_list_uses_the_chosen_auth_header() {
        let c = Connection {
            auth: AuthStyle::XGoogApiKey,
            ..conn()
        };
        let requests = model_list_requests(&c, Protocol::GeminiNative);
        assert_eq!(requests[0].0, "/v1beta/models");
        assert_eq!(requests[0].1.header("x-goog-api-key"), Some("sk-twin-valid"));
        // /v1/models does not take x-goog-api-key: the documented Bearer.
        assert_eq!(requests[1].1.header("Authorization"), Some("Bearer sk-twin-valid"));
    }

    #[test]
    fn the_cors_probe_tests_the_failed_route_without_the_key() {
        let (simple, pre) = cors_probe_requests(
            Method::Post,
            "http://127.0.0.1:8787/v1beta/models/gemini-2.5-flash:generateContent?key=sk-twin-valid",
        );
        for r in [&simple, &pre] {
            assert_eq!(
                r.url,
                "http://127.0.0.1:8787/v1beta/models/gemini-2.5-flash:generateContent"
            );
            assert_eq!(r.method, Method::Post);
            assert!(
                !format!("{r:?}").contains("sk-twin-valid"),
                "the probe never carries the key: {r:?}"
            );
        }
        assert!(simple.headers.is_empty());
        assert!(pre.header("Authorization").is_some());
    }

    #[test]
    fn model_visibility_reads_the_lists_in_order() {
        let openai = r#"{"object":"list","data":[{"id":"gpt-5.4"},{"id":"gpt-5.4-mini"}]}"#;
        let ok = |m, a: &[ListAnswer]| model_visibility(m, a, Lang::En).ok;
        assert_eq!(ok("gpt-5.4", &[list("/v1/models", 200, openai)]), Some(true));
        let miss = model_visibility("gpt-5.4x", &[list("/v1/models", 200, openai)], Lang::En);
        assert_eq!(miss.ok, Some(false));
        assert!(miss.headline.contains("Did you mean gpt-5.4?"), "{}", miss.headline);
        let gemini = r#"{"models":[{"name":"models/gemini-2.5-flash"}]}"#;
        assert_eq!(
            model_visibility(
                "models/gemini-2.5-flash",
                &[list("/v1beta/models", 200, gemini)],
                Lang::Zh
            )
            .ok,
            Some(true)
        );
        // A gateway without the Gemini list: the OpenAI list answers instead.
        let fallback = [
            list("/v1beta/models", 404, "404 page not found"),
            list("/v1/models", 200, openai),
        ];
        assert_eq!(ok("gpt-5.4", &fallback), Some(true));
        // No list anywhere is not a key problem.
        let none = model_visibility(
            "x",
            &[list("/v1beta/models", 404, ""), list("/v1/models", 404, "")],
            Lang::En,
        );
        assert_eq!(none.ok, None);
        assert!(
            !none.headline.contains("may be refused") && none.headline.contains("no model list"),
            "{}",
            none.headline
        );
        let refused = model_visibility("x", &[list("/v1/models", 401, "{}")], Lang::En);
        assert_eq!(refused.ok, None);
        assert!(refused.headline.contains("refused this key"), "{}", refused.headline);
    }

    #[test]
    fn key_status_reads_states_and_quota() {
        let table = [
            (
                r#"{"success":true,"data":{"status":1,"group":"default","unlimited_quota":true}}"#,
                Some(true),
            ),
            (r#"{"success":true,"data":{"status":2,"remain_quota":5}}"#, Some(false)),
            (r#"{"success":true,"data":{"status":3,"remain_quota":5}}"#, Some(false)),
            (
                r#"{"success":true,"data":{"status":1,"remain_quota":0,"unlimited_quota":false}}"#,
                Some(false),
            ),
            (r#"{"success":false,"message":"无效的令牌"}"#, Some(false)),
            ("<html>", None),
        ];
        for (body, ok) in table {
            assert_eq!(key_status(200, body, Lang::En).ok, ok, "{body}");
        }
        let limited = key_status(
            200,
            r#"{"success":true,"data":{"status":1,"unlimited_quota":true,"model_limits_enabled":true,"model_limits":"gpt-5.4-mini"}}"#,
            Lang::En,
        );
        assert!(limited
            .details
            .iter()
            .any(|(k, v)| k == "model allowlist" && v == "gpt-5.4-mini"));
    }

    #[test]
    fn cors_verdicts() {
        let s = ProbeOutcome::Status(401);
        let r = ProbeOutcome::Rejected("Failed to fetch".into());
        let route = "POST http://127.0.0.1:8787/v1/chat/completions";
        assert_eq!(cors_verdict(route, &s, &s, Lang::En).ok, Some(true));
        assert_eq!(cors_verdict(route, &s, &r, Lang::En).ok, Some(false));
        let refused = cors_verdict(route, &r, &r, Lang::En);
        assert!(refused.headline.starts_with("No") && refused.headline.contains("this route"));
        assert!(refused.details.iter().any(|(k, v)| k == "route" && v == route));
    }
}
