//! "What did this call cost?": the call looked up in the gateway's self-service usage log
//! (`GET /api/token/self/log`), by its request id when the answer carried one, otherwise by
//! its model and time (a browser usually cannot read the request-id header of a success).
//! A match by model and time is said to be one, never passed off as exact.

use serde_json::Value;

use crate::diagnosis::followup::KeyStatusBlocked;
use crate::request::base_url::BaseUrl;
use crate::request::build::{self_service_confirmed, Connection};
use crate::request::http::{Body, Header, HttpRequest, Method};
use crate::text::lang::Lang;
use crate::text::percent::encode_component;

/// new-api's default quota units per US dollar (`QuotaPerUnit`); a gateway may set another.
pub const QUOTA_PER_USD: f64 = 500_000.0;
/// How far (seconds) a log entry's time may be from the call's and still be it, allowing
/// for the browser's and the gateway's clocks disagreeing a little.
pub const TIME_SLACK_SECS: u64 = 120;
/// How many of the latest entries a lookup without a request id reads.
pub const LATEST_ENTRIES: u32 = 50;

/// One call as the usage log records it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallCost {
    /// The gateway's request id, when the log gives it.
    pub request_id: Option<String>,
    /// The model billed.
    pub model: Option<String>,
    /// Quota charged, in the gateway's units.
    pub quota: Option<u64>,
    /// Prompt (input) tokens.
    pub prompt_tokens: Option<u64>,
    /// Completion (output) tokens.
    pub completion_tokens: Option<u64>,
    /// Seconds the gateway says the call took.
    pub use_time_secs: Option<f64>,
    /// The channel group billed.
    pub group: Option<String>,
    /// Unix seconds the entry was written.
    pub created_at: Option<u64>,
    /// Whether the log records it as an error (new-api log type 5).
    pub is_error: bool,
}

/// How the entry was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    /// By the request id: this call for certain.
    RequestId,
    /// By model and time, the only candidate.
    ModelAndTime,
    /// By model and time, the closest of this many candidates.
    ClosestOf(usize),
}

/// What the lookup found.
#[derive(Clone, Debug, PartialEq)]
pub enum CostLookup {
    /// The call's entry.
    Found {
        /// The entry.
        cost: CallCost,
        /// How it was found.
        matched: Matched,
    },
    /// The log answered, and no entry is this call.
    NotFound,
    /// The gateway has no such log (404, 405 or a web page).
    NoSuchLog,
    /// The log refused (the key, the self-service API off): its message.
    Refused(String),
    /// An answer the lookup cannot read.
    Unreadable,
}

/// The usage-log request on the connection's own self-service origin: the one entry with
/// `request_id` when there is one, else the latest entries. Blocked, as the key-status check
/// is, when the self-service origin is not one the person typed or the documented pair.
pub fn cost_request(conn: &Connection, request_id: Option<&str>) -> Result<HttpRequest, KeyStatusBlocked> {
    let base = BaseUrl::parse(&conn.self_service).map_err(|_| KeyStatusBlocked::InvalidAddress)?;
    if !self_service_confirmed(conn) {
        return Err(KeyStatusBlocked::Unconfirmed {
            suggestion: BaseUrl::parse(&conn.gateway).ok().map(|g| g.origin()),
        });
    }
    let query = match request_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => format!("?request_id={}", encode_component(id)),
        None => format!("?p=1&page_size={LATEST_ENTRIES}"),
    };
    Ok(HttpRequest {
        method: Method::Get,
        url: format!("{}{query}", base.join("/api/token/self/log")),
        headers: vec![Header::new("Authorization", format!("Bearer {}", conn.api_key.trim()))],
        body: Body::Empty,
    })
}

fn entry(v: &Value) -> Option<CallCost> {
    let obj = v.as_object()?;
    let text = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let number = |k: &str| obj.get(k).and_then(Value::as_u64);
    Some(CallCost {
        request_id: text("request_id"),
        model: text("model_name").or_else(|| text("model")),
        quota: number("quota"),
        prompt_tokens: number("prompt_tokens"),
        completion_tokens: number("completion_tokens"),
        use_time_secs: obj.get("use_time").and_then(Value::as_f64),
        group: text("group"),
        created_at: number("created_at"),
        is_error: number("type") == Some(5),
    })
}

/// The entries of a usage-log answer (`data` as a list, or `data.items`).
fn entries(v: &Value) -> Option<Vec<CallCost>> {
    let data = v.get("data")?;
    let list = data
        .as_array()
        .or_else(|| data.get("items").and_then(Value::as_array))?;
    Some(list.iter().filter_map(entry).collect())
}

/// What the call behind an exchange looked like, for matching without a request id.
#[derive(Clone, Debug, Default)]
pub struct CallShape<'a> {
    /// The request id the answer carried, if any.
    pub request_id: Option<&'a str>,
    /// The model the request named.
    pub model: Option<&'a str>,
    /// Unix seconds at Send, by the browser's clock.
    pub sent_at: Option<u64>,
    /// Whether the call failed (a failure is logged as an error entry).
    pub failed: bool,
    /// (prompt, completion) tokens the answer reported, when it did.
    pub tokens: Option<(u64, u64)>,
}

/// (prompt, completion) tokens from an answer's usage, whatever the protocol calls them.
pub fn answer_tokens(usage: &[(String, i64)]) -> Option<(u64, u64)> {
    let find = |names: &[&str]| {
        usage
            .iter()
            .find(|(n, _)| names.contains(&n.as_str()))
            .and_then(|(_, v)| u64::try_from(*v).ok())
    };
    Some((
        find(&["prompt_tokens", "input_tokens", "promptTokenCount"])?,
        find(&["completion_tokens", "output_tokens", "candidatesTokenCount"])?,
    ))
}

/// Reads the usage log's answer and finds the call in it.
pub fn read_cost(status: u16, body: &str, call: &CallShape) -> CostLookup {
    let json = serde_json::from_str::<Value>(body).ok();
    if matches!(status, 404 | 405) || (json.is_none() && body.trim_start().starts_with('<')) {
        return CostLookup::NoSuchLog;
    }
    let Some(json) = json else {
        return CostLookup::Unreadable;
    };
    let message = || {
        json.get("message")
            .and_then(Value::as_str)
            .or_else(|| json.pointer("/error/message").and_then(Value::as_str))
            .unwrap_or("")
            .to_string()
    };
    if !(200..300).contains(&status) || json.get("success").and_then(Value::as_bool) == Some(false) {
        return CostLookup::Refused(message());
    }
    let Some(list) = entries(&json) else {
        return CostLookup::Unreadable;
    };
    if let Some(id) = call.request_id {
        return match list.into_iter().find(|e| e.request_id.as_deref() == Some(id)) {
            Some(cost) => CostLookup::Found {
                cost,
                matched: Matched::RequestId,
            },
            None => CostLookup::NotFound,
        };
    }
    let Some(sent) = call.sent_at else {
        return CostLookup::NotFound;
    };
    let mut candidates: Vec<(u64, CallCost)> = list
        .into_iter()
        .filter(|e| call.model.is_none_or(|m| e.model.as_deref() == Some(m)))
        .filter(|e| e.is_error == call.failed)
        .filter_map(|e| {
            let at = e.created_at?;
            let distance = at.abs_diff(sent);
            (distance <= TIME_SLACK_SECS).then_some((distance, e))
        })
        .collect();
    // Entries with the answer's own token counts, when that leaves any: identical requests
    // still tie, and a gateway that counts differently falls back to model and time.
    if let Some((p, c)) = call.tokens {
        let same = |e: &CallCost| e.prompt_tokens == Some(p) && e.completion_tokens == Some(c);
        if candidates.iter().any(|(_, e)| same(e)) {
            candidates.retain(|(_, e)| same(e));
        }
    }
    let count = candidates.len();
    candidates.sort_by_key(|(distance, _)| *distance);
    match candidates.into_iter().next() {
        None => CostLookup::NotFound,
        Some((_, cost)) => CostLookup::Found {
            cost,
            matched: if count == 1 {
                Matched::ModelAndTime
            } else {
                Matched::ClosestOf(count)
            },
        },
    }
}

/// Quota in US dollars at new-api's default rate.
pub fn quota_usd(quota: u64) -> f64 {
    quota as f64 / QUOTA_PER_USD
}

/// The facts of a found call as (label, value) rows.
pub fn cost_rows(cost: &CallCost, lang: Lang) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut row = |label: (&str, &str), value: String| rows.push((lang.pick_str(label.0, label.1).to_string(), value));
    if let Some(q) = cost.quota {
        row(
            ("Quota used", "消耗额度"),
            lang.pick_owned(
                &format!("{q} (≈ ${:.6} at new-api's default 500,000 per USD)", quota_usd(q)),
                &format!("{q}（按 new-api 默认 500,000 / 美元约合 ${:.6}）", quota_usd(q)),
            ),
        );
    }
    if cost.prompt_tokens.is_some() || cost.completion_tokens.is_some() {
        let (p, c) = (cost.prompt_tokens.unwrap_or(0), cost.completion_tokens.unwrap_or(0));
        row(
            ("Tokens", "Token 数"),
            lang.pick_owned(
                &format!("{p} in, {c} out ({} in all)", p + c),
                &format!("输入 {p}，输出 {c}（共 {}）", p + c),
            ),
        );
    }
    if let Some(m) = &cost.model {
        row(("Model", "模型"), m.clone());
    }
    if let Some(g) = &cost.group {
        row(("Group", "分组"), g.clone());
    }
    if let Some(t) = cost.use_time_secs {
        row(
            ("Duration", "耗时"),
            lang.pick_owned(&format!("{t} s"), &format!("{t} 秒")),
        );
    }
    if let Some(id) = &cost.request_id {
        row(("Request id", "请求 ID"), id.clone());
    }
    rows
}

/// One sentence on what the lookup found.
pub fn cost_headline(lookup: &CostLookup, lang: Lang) -> String {
    match lookup {
        CostLookup::Found { matched, .. } => match matched {
            Matched::RequestId => lang.pick_owned("The usage log's entry for this call (found by its request id).", "使用日志中这次调用的记录（按请求 ID 找到）。"),
            Matched::ModelAndTime => lang.pick_owned(
                "The usage log's entry for this call, found by its model and time: the answer carried no request id the browser could read.",
                "按模型和时间找到的使用日志记录：浏览器读不到这次回答的请求 ID。",
            ),
            Matched::ClosestOf(n) => lang.pick_owned(
                &format!("Probably this call: the closest in time of {n} entries with this model within {TIME_SLACK_SECS} s (the answer carried no request id the browser could read)."),
                &format!("可能是这次调用：{TIME_SLACK_SECS} 秒内同一模型的 {n} 条记录中时间最接近的一条（浏览器读不到这次回答的请求 ID）。"),
            ),
        },
        CostLookup::NotFound => lang.pick_owned(
            "The usage log has no entry for this call yet (some gateways write it a moment later, and failed calls may not be logged).",
            "使用日志中暂时没有这次调用的记录（有些网关稍后才写入，失败的调用也可能不记录）。",
        ),
        CostLookup::NoSuchLog => lang.pick_owned(
            "This gateway offers no self-service usage log at the Self-service API URL.",
            "该网关在自助接口地址上没有提供自助使用日志。",
        ),
        CostLookup::Refused(message) if !message.is_empty() => lang.pick_owned(
            &format!("The usage log refused: \"{message}\"."),
            &format!("使用日志拒绝了查询：“{message}”。"),
        ),
        CostLookup::Refused(_) => lang.pick_owned("The usage log refused without saying why.", "使用日志拒绝了查询，未说明原因。"),
        CostLookup::Unreadable => lang.pick_owned("The usage log answered in a shape this page cannot read.", "使用日志的回答格式无法识别。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"{"success":true,"message":"","data":{"items":[
        {"request_id":"20261202170001000000001AAAAAAAA","type":2,"model_name":"gpt-5.4","created_at":1796230990,"prompt_tokens":21,"completion_tokens":19,"quota":240,"use_time":1,"group":"default"},
        {"request_id":"20261202170000000000001BBBBBBBB","type":5,"model_name":"gpt-5.4x","created_at":1796230980,"prompt_tokens":0,"completion_tokens":0,"quota":0,"use_time":0,"group":"default"},
        {"request_id":"20261202160000000000001CCCCCCCC","type":2,"model_name":"gpt-5.4","created_at":1796227000,"quota":100}
    ]}}"#;

    fn conn(self_service: &str) -> Connection {
        Connection {
            gateway: "https://api.routescope.ai".into(),
            self_service: self_service.into(),
            api_key: " sk-cost-key ".into(),
            ..Connection::default()
        }
    }

    #[test]
    fn the_request_goes_to_the_confirmed_self_service_origin_only() {
        let Ok(by_id) = cost_request(&conn("https://webapi.routescope.ai"), Some("2026 id/1")) else {
            panic!("the documented pair is confirmed");
        };
        assert_eq!(
            by_id.url,
            "https://webapi.routescope.ai/api/token/self/log?request_id=2026%20id%2F1"
        );
        assert_eq!(by_id.header("Authorization"), Some("Bearer sk-cost-key"));
        let Ok(latest) = cost_request(&conn("https://webapi.routescope.ai/"), None) else {
            panic!("confirmed");
        };
        assert!(
            latest.url.ends_with("/api/token/self/log?p=1&page_size=50"),
            "{}",
            latest.url
        );
        let elsewhere = Connection {
            gateway: "https://gw.example".into(),
            ..conn("https://webapi.routescope.ai")
        };
        assert!(matches!(
            cost_request(&elsewhere, None),
            Err(KeyStatusBlocked::Unconfirmed { .. })
        ));
        assert_eq!(
            cost_request(&conn("not a url"), None),
            Err(KeyStatusBlocked::InvalidAddress)
        );
    }

    #[test]
    fn finds_by_id_then_by_model_and_time_and_says_which() {
        let by_id = read_cost(
            200,
            LOG,
            &CallShape {
                request_id: Some("20261202170000000000001BBBBBBBB"),
                ..CallShape::default()
            },
        );
        assert!(
            matches!(&by_id, CostLookup::Found { matched: Matched::RequestId, cost } if cost.is_error && cost.model.as_deref() == Some("gpt-5.4x"))
        );
        let by_time = read_cost(
            200,
            LOG,
            &CallShape {
                model: Some("gpt-5.4"),
                sent_at: Some(1_796_230_989),
                ..CallShape::default()
            },
        );
        let CostLookup::Found { cost, matched } = by_time else {
            panic!("one success with this model near that time");
        };
        assert_eq!(matched, Matched::ModelAndTime);
        assert_eq!(
            (cost.quota, cost.prompt_tokens, cost.completion_tokens),
            (Some(240), Some(21), Some(19))
        );
        assert_eq!(cost.group.as_deref(), Some("default"));
        // Too far from the call, another model, or an unknown id: not found.
        assert_eq!(
            read_cost(
                200,
                LOG,
                &CallShape {
                    model: Some("gpt-5.4"),
                    sent_at: Some(1_796_240_000),
                    ..CallShape::default()
                }
            ),
            CostLookup::NotFound
        );
        assert_eq!(
            read_cost(
                200,
                LOG,
                &CallShape {
                    model: Some("claude"),
                    sent_at: Some(1_796_230_989),
                    ..CallShape::default()
                }
            ),
            CostLookup::NotFound
        );
        assert_eq!(
            read_cost(
                200,
                LOG,
                &CallShape {
                    request_id: Some("nope"),
                    ..CallShape::default()
                }
            ),
            CostLookup::NotFound
        );
        // The answer's token counts pick one of two.
        let tokens = CallShape {
            model: Some("gpt-5.4"),
            sent_at: Some(1_796_230_989),
            tokens: Some((21, 19)),
            ..CallShape::default()
        };
        let both = LOG.replace("1796227000", "1796230991");
        assert!(
            matches!(read_cost(200, &both, &tokens), CostLookup::Found { matched: Matched::ModelAndTime, cost } if cost.quota == Some(240))
        );
        assert_eq!(
            answer_tokens(&[("input_tokens".into(), 7), ("output_tokens".into(), 3)]),
            Some((7, 3))
        );
        assert_eq!(answer_tokens(&[("total_tokens".into(), 7)]), None);
        // Two candidates: the closest, said as such.
        let two = r#"{"success":true,"data":[{"type":2,"model_name":"m","created_at":100,"quota":1},{"type":2,"model_name":"m","created_at":130,"quota":2}]}"#;
        assert!(
            matches!(read_cost(200, two, &CallShape { model: Some("m"), sent_at: Some(128), ..CallShape::default() }), CostLookup::Found { matched: Matched::ClosestOf(2), cost } if cost.quota == Some(2))
        );
    }

    #[test]
    fn a_gateway_without_the_log_or_refusing_is_said() {
        let call = CallShape::default();
        assert_eq!(read_cost(404, "404 page not found", &call), CostLookup::NoSuchLog);
        assert_eq!(
            read_cost(200, "<!doctype html><title>Console</title>", &call),
            CostLookup::NoSuchLog
        );
        assert_eq!(
            read_cost(
                401,
                r#"{"success":false,"message":"无权进行此操作，未登录且未提供 access token"}"#,
                &call
            ),
            CostLookup::Refused("无权进行此操作，未登录且未提供 access token".into())
        );
        assert_eq!(
            read_cost(200, r#"{"success":true,"data":"x"}"#, &call),
            CostLookup::Unreadable
        );
        assert_eq!(read_cost(200, "garbage", &call), CostLookup::Unreadable);
        assert!(cost_headline(&CostLookup::NoSuchLog, Lang::En).contains("no self-service usage log"));
    }

    #[test]
    fn rows_say_quota_in_dollars_and_tokens() {
        let cost = CallCost {
            request_id: Some("id".into()),
            model: Some("gpt-5.4".into()),
            quota: Some(250_000),
            prompt_tokens: Some(10),
            completion_tokens: Some(5),
            use_time_secs: Some(2.0),
            group: Some("vip".into()),
            created_at: None,
            is_error: false,
        };
        let rows = cost_rows(&cost, Lang::En);
        assert_eq!(
            rows[0],
            (
                "Quota used".to_string(),
                "250000 (≈ $0.500000 at new-api's default 500,000 per USD)".to_string()
            )
        );
        assert_eq!(rows[1].1, "10 in, 5 out (15 in all)");
        assert!(rows.iter().any(|(l, v)| l == "Group" && v == "vip"));
        assert!(cost_rows(&cost, Lang::Zh).iter().any(|(l, _)| l == "消耗额度"));
    }
}
