//! Pages that firewalls and server panels in front of a self-hosted gateway answer with
//! themselves, often with status 200 (宝塔's WAF, 1Panel, 长亭雷池 SafeLine): an HTML page on
//! an API call is then not the gateway's dashboard, and what the page says is the finding.

use super::reason::Reason;
use super::verdict::Confidence;

/// Words that name the page's maker: a firewall or a server panel.
const MAKERS: [&str; 7] = [
    "waf",
    "防火墙",
    "宝塔",
    "1panel",
    "雷池",
    "safeline",
    "网站在线人数过多",
];

/// What a firewall's or a panel's page says: its words, the cause, how sure the words make
/// it. A page that names none of these is the firewall's rule refusing the call
/// (`ProxyBlocked`, low): the page does not say which rule.
const READINGS: [(&[&str], Reason, Confidence); 2] = [
    // 宝塔 WAF: the request body is over nginx's buffer (a long conversation, images).
    (
        &["缓冲区溢出", "超过接受参数的大小"],
        Reason::BodyTooLarge,
        Confidence::Medium,
    ),
    // 宝塔 WAF's waiting room: too many visitors at once.
    (
        &["网站在线人数过多", "需排队"],
        Reason::GatewayLimit,
        Confidence::Medium,
    ),
];

/// The reading of a firewall's or a panel's own page, or `None` when the page is not one
/// (then, on a 2xx, it is the dashboard or a website at the address).
pub(crate) fn panel_page(body: &str) -> Option<(Reason, Confidence, &'static str)> {
    let head: String = body.chars().take(8000).collect::<String>().to_lowercase();
    // 1Panel's page for a site its administrator stopped.
    if head.contains("站点已暂停") || head.contains("已经被管理员停止运行") {
        return Some((
            Reason::UpstreamRequestFailed,
            Confidence::Medium,
            "a panel's page: the site is stopped",
        ));
    }
    if !MAKERS.iter().any(|m| head.contains(m)) {
        return None;
    }
    let (reason, confidence) = READINGS
        .iter()
        .find(|(words, _, _)| words.iter().any(|w| head.contains(w)))
        .map_or((Reason::ProxyBlocked, Confidence::Low), |(_, reason, confidence)| {
            (*reason, *confidence)
        });
    Some((reason, confidence, "a firewall's own page"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firewall_and_panel_pages_are_read_and_a_dashboard_is_not_one() {
        let cases: [(&str, Option<Reason>); 5] = [
            (
                "<title>Nginx缓冲区溢出</title><div>宝塔WAF提醒您,Nginx缓冲区溢出</div>",
                Some(Reason::BodyTooLarge),
            ),
            (
                "<title id=\"title\"></title><div class=\"text\">网站在线人数过多，需排队</div>",
                Some(Reason::GatewayLimit),
            ),
            (
                "<title>from-data请求error</title><div>宝塔WAF提醒您,from-data 请求异常,拒绝访问</div>",
                Some(Reason::ProxyBlocked),
            ),
            (
                "<title>抱歉，站点已暂停</title><p>该站点已经被管理员停止运行</p>",
                Some(Reason::UpstreamRequestFailed),
            ),
            ("<!doctype html><title>New API</title><div id=\"root\"></div>", None),
        ];
        for (page, reason) in cases {
            assert_eq!(panel_page(page).map(|(r, _, _)| r), reason, "{page}");
        }
    }
}
