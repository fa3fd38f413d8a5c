//! Follow-up checks offered next to a diagnosis, one click each: is the model visible to
//! this key, what is the key's status and balance, does the gateway let the browser in.
//! Here: the requests they send and what their answers mean. Sending is the net layer's.

use serde_json::Value;

use crate::answer::response::model_ids;
use crate::diagnosis::Action;
use crate::preflight::lint::closest;
use crate::request::base_url::BaseUrl;
use crate::request::build::Connection;
use crate::request::http::{Body, Header, HttpRequest, Method};
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
}

/// The model-list request for the check, on the gateway with the same key and auth.
pub fn model_list_request(conn: &Connection, gemini: bool) -> Option<HttpRequest> {
    let base = BaseUrl::parse(&conn.gateway).ok()?;
    let path = if gemini { "/v1beta/models" } else { "/v1/models" };
    Some(HttpRequest {
        method: Method::Get,
        url: base.join(path),
        headers: bearer(conn),
        body: Body::Empty,
    })
}

/// The self-service key-status request.
pub fn key_status_request(conn: &Connection) -> Option<HttpRequest> {
    let base = BaseUrl::parse(&conn.self_service).ok()?;
    Some(HttpRequest {
        method: Method::Get,
        url: base.join("/api/token/self/"),
        headers: bearer(conn),
        body: Body::Empty,
    })
}

/// The CORS probes: a simple request (no preflight) and one whose `Authorization` header
/// forces a preflight. Neither carries the real key.
pub fn cors_probe_requests(conn: &Connection) -> Option<(HttpRequest, HttpRequest)> {
    let base = BaseUrl::parse(&conn.gateway).ok()?;
    let url = base.join("/v1/models");
    let simple = HttpRequest {
        method: Method::Get,
        url: url.clone(),
        headers: Vec::new(),
        body: Body::Empty,
    };
    let preflighted = HttpRequest {
        method: Method::Get,
        url,
        headers: vec![Header::new("Authorization", "Bearer sk-cors-probe-no-key")],
        body: Body::Empty,
    };
    Some((simple, preflighted))
}

fn bearer(conn: &Connection) -> Vec<Header> {
    if conn.api_key.is_empty() {
        Vec::new()
    } else {
        vec![Header::new("Authorization", format!("Bearer {}", conn.api_key))]
    }
}

/// Reads a model-list answer: is `model` among the ids?
pub fn model_visibility(model: &str, status: u16, body: &str, lang: Lang) -> CheckVerdict {
    let kind = CheckKind::ModelVisible;
    let ids = model_ids(body);
    if status >= 400 || ids.is_empty() {
        return CheckVerdict {
            kind,
            ok: None,
            headline: match lang {
                Lang::En => format!("The model list could not be read (HTTP {status}): the key itself may be refused."),
                Lang::Zh => format!("无法读取模型列表（HTTP {status}）：密钥本身可能被拒绝。"),
            },
            details: vec![("status".into(), status.to_string())],
        };
    }
    let bare = model.strip_prefix("models/").unwrap_or(model);
    let visible = ids.iter().any(|i| i == bare);
    let mut details = vec![("models listed".to_string(), ids.len().to_string())];
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

/// Reads the two CORS probes.
pub fn cors_verdict(simple: &ProbeOutcome, preflighted: &ProbeOutcome, lang: Lang) -> CheckVerdict {
    let kind = CheckKind::CorsProbe;
    let show = |p: &ProbeOutcome| match p {
        ProbeOutcome::Status(s) => format!("HTTP {s}"),
        ProbeOutcome::Rejected(m) => format!("rejected: {m}"),
    };
    let details = vec![
        ("simple request".to_string(), show(simple)),
        ("with preflight".to_string(), show(preflighted)),
    ];
    let (ok, en, zh) = match (simple, preflighted) {
        (ProbeOutcome::Status(_), ProbeOutcome::Status(_)) => (Some(true), "Yes: the gateway answers this page's origin, preflight included. A failed call here was not CORS.", "是的：网关允许本页面的来源访问（包括预检）。之前的失败与 CORS 无关。"),
        (ProbeOutcome::Status(_), ProbeOutcome::Rejected(_)) => (Some(false), "The gateway answers simple requests but refuses the preflight for Authorization: use x-api-key (Claude, model lists) or x-goog-api-key (Gemini), or call it from a server.", "网关响应简单请求，但拒绝携带 Authorization 的预检：可改用 x-api-key（Claude、模型列表）或 x-goog-api-key（Gemini），或在服务器端调用。"),
        (ProbeOutcome::Rejected(_), _) => (Some(false), "No: the browser gets no readable answer at all. Either the gateway sends no CORS headers (call it from a server or curl), or the address is unreachable from here (DNS, TLS, mixed content, a proxy error page).", "不能：浏览器拿不到任何可读的响应。要么网关没有返回 CORS 头（请在服务器或 curl 中调用），要么地址在此无法访问（DNS、TLS、混合内容、代理错误页）。"),
    };
    CheckVerdict {
        kind,
        ok,
        headline: lang.pick_owned(en, zh),
        details,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        Connection {
            gateway: "http://127.0.0.1:8787".into(),
            self_service: "http://127.0.0.1:8787".into(),
            api_key: "sk-twin-valid".into(),
            ..Connection::default()
        }
    }

    #[test]
    fn requests() {
        let c = conn();
        assert_eq!(
            model_list_request(&c, false).unwrap().url,
            "http://127.0.0.1:8787/v1/models"
        );
        assert_eq!(
            model_list_request(&c, true).unwrap().url,
            "http://127.0.0.1:8787/v1beta/models"
        );
        assert_eq!(
            key_status_request(&c).unwrap().url,
            "http://127.0.0.1:8787/api/token/self/"
        );
        let (simple, pre) = cors_probe_requests(&c).unwrap();
        assert!(simple.headers.is_empty());
        assert!(
            !pre.headers.iter().any(|h| h.value.contains("sk-twin-valid")),
            "the probe never carries the key"
        );
    }

    #[test]
    fn model_visibility_reads_both_lists() {
        let list = r#"{"object":"list","data":[{"id":"gpt-5.4"},{"id":"gpt-5.4-mini"}]}"#;
        assert_eq!(model_visibility("gpt-5.4", 200, list, Lang::En).ok, Some(true));
        let miss = model_visibility("gpt-5.4x", 200, list, Lang::En);
        assert_eq!(miss.ok, Some(false));
        assert!(miss.headline.contains("Did you mean gpt-5.4?"), "{}", miss.headline);
        let gemini = r#"{"models":[{"name":"models/gemini-2.5-flash"}]}"#;
        assert_eq!(
            model_visibility("models/gemini-2.5-flash", 200, gemini, Lang::Zh).ok,
            Some(true)
        );
        assert_eq!(model_visibility("x", 401, "{}", Lang::En).ok, None);
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
        assert_eq!(cors_verdict(&s, &s, Lang::En).ok, Some(true));
        assert_eq!(cors_verdict(&s, &r, Lang::En).ok, Some(false));
        assert!(cors_verdict(&r, &r, Lang::En).headline.starts_with("No"));
    }
}
