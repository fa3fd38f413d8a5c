//! Who answered: the family of the system whose answer this is, read from evidence only
//! (the host the person typed, readable headers, the body's shape and vocabulary). It
//! decides whose side an error is on, so it never guesses: without a marker the family is
//! [`Family::Unknown`] and the side says so.
//!
//! Markers, learnt from each family's public source and docs:
//! - new-api / one-api: `type` `new_api_error` / `one_api_error` and the gateway-only codes,
//!   the `(request id: …)` suffix on its own messages, `X-Oneapi-Request-Id`, and the
//!   task (`{code,message,data}`) and dashboard (`{success,message}`) shapes.
//! - LiteLLM: `litellm.` exception names and `LiteLLM` in messages, `x-litellm-*` headers,
//!   its own types (`auth_error`, `budget_exceeded`, …) with the status as a string `code`.
//! - OpenRouter: its host, `X-Generation-Id`, `metadata.provider_name` / `metadata.raw`,
//!   a top-level `user_id`, an integer `error.code` beside a plain message.
//! - The vendors themselves: their API hosts (`api.openai.com`, `api.anthropic.com`,
//!   `*.googleapis.com`); a call to one of them is direct, so its errors are about the
//!   caller's own key and account.
//! - Proxies: an HTML page signed by nginx / openresty or Cloudflare (`cf-ray`), or a
//!   `server` header naming a proxy, on an API call.

use super::matching::prefix;
use super::request_id::header;
use crate::answer::envelope::{Envelope, EnvelopeShape};
use crate::text::lang::Lang;

/// How much of a body the family is read from, in bytes.
const BODY_SCAN_CAP: usize = 64 * 1024;

/// The family of the system that answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Family {
    /// new-api (QuantumNous), and gateways built from it.
    NewApi,
    /// one-api, new-api's predecessor (older, mostly Chinese messages).
    OneApi,
    /// The LiteLLM proxy.
    LiteLlm,
    /// OpenRouter.
    OpenRouter,
    /// OpenAI's own API.
    OpenAi,
    /// Anthropic's own API.
    Anthropic,
    /// Google's Gemini / Vertex API.
    Google,
    /// Another model provider's own API (DeepSeek, Moonshot, Zhipu, Volcengine Ark, Groq…),
    /// known by its host.
    Provider,
    /// An nginx or openresty error page in front of the API.
    Nginx,
    /// A Cloudflare error or challenge page in front of the API.
    Cloudflare,
    /// Another proxy or load balancer (named by its `server` header).
    OtherProxy,
    /// Nothing tells.
    #[default]
    Unknown,
}

impl Family {
    /// A stable id.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::NewApi => "new-api",
            Family::OneApi => "one-api",
            Family::LiteLlm => "litellm",
            Family::OpenRouter => "openrouter",
            Family::OpenAi => "openai",
            Family::Anthropic => "anthropic",
            Family::Google => "google",
            Family::Provider => "provider",
            Family::Nginx => "nginx",
            Family::Cloudflare => "cloudflare",
            Family::OtherProxy => "proxy",
            Family::Unknown => "unknown",
        }
    }

    /// The family's name as the evidence shows it.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Family::NewApi => lang.pick("a new-api gateway", "new-api 网关"),
            Family::OneApi => lang.pick("a one-api gateway (older generation)", "one-api 网关（旧版）"),
            Family::LiteLlm => lang.pick("a LiteLLM proxy", "LiteLLM 代理"),
            Family::OpenRouter => "OpenRouter",
            Family::OpenAi => lang.pick("OpenAI's API", "OpenAI 官方接口"),
            Family::Anthropic => lang.pick("Anthropic's API", "Anthropic 官方接口"),
            Family::Google => lang.pick("Google's Gemini API", "Google Gemini 官方接口"),
            Family::Provider => lang.pick("the provider's own API", "模型服务商的官方接口"),
            Family::Nginx => lang.pick("an nginx-type proxy in front", "前置的 nginx 类代理"),
            Family::Cloudflare => lang.pick("Cloudflare in front", "前置的 Cloudflare"),
            Family::OtherProxy => lang.pick("a proxy in front", "前置代理"),
            Family::Unknown => lang.pick("not known", "未知"),
        }
    }

    /// One of the vendors' own APIs.
    pub fn is_vendor(self) -> bool {
        matches!(
            self,
            Family::OpenAi | Family::Anthropic | Family::Google | Family::Provider
        )
    }

    /// A gateway (relays to providers, holds the caller's key and account).
    pub fn is_gateway(self) -> bool {
        matches!(
            self,
            Family::NewApi | Family::OneApi | Family::LiteLlm | Family::OpenRouter
        )
    }

    /// A proxy that signs its pages by name (nginx and its forks, Cloudflare).
    pub fn is_named_proxy(self) -> bool {
        matches!(self, Family::Nginx | Family::Cloudflare)
    }

    /// A proxy page in front of the API.
    pub fn is_proxy(self) -> bool {
        matches!(self, Family::Nginx | Family::Cloudflare | Family::OtherProxy)
    }
}

/// API hosts of model providers people call directly with their own key (and subdomains:
/// Volcengine Ark answers on `ark.<region>.volces.com`).
const PROVIDER_HOSTS: &[&str] = &[
    "api.deepseek.com",
    "api.moonshot.cn",
    "api.moonshot.ai",
    "open.bigmodel.cn",
    "api.z.ai",
    "volces.com",
    "dashscope.aliyuncs.com",
    "dashscope-intl.aliyuncs.com",
    "api.siliconflow.cn",
    "api.siliconflow.com",
    "api.groq.com",
    "api.x.ai",
    "api.mistral.ai",
    "codestral.mistral.ai",
    "api.together.xyz",
    "api.fireworks.ai",
    "api.perplexity.ai",
    "api.cohere.com",
    // Baidu Qianfan (the v2 OpenAI-compatible API and the older one), MiniMax, Kimi's
    // coding plan, StepFun, Tencent Hunyuan (OpenAI-compatible and TencentCloud API).
    "qianfan.baidubce.com",
    "aip.baidubce.com",
    "api.minimax.chat",
    "api.minimax.io",
    "api.minimaxi.com",
    "api.kimi.com",
    "api.stepfun.com",
    "api.hunyuan.cloud.tencent.com",
    "hunyuan.tencentcloudapi.com",
    // Cerebras, and Hugging Face's router (its own key, whichever provider serves).
    "api.cerebras.ai",
    "router.huggingface.co",
];

/// The clouds' model services, whose hosts carry a region or a resource name: Amazon
/// Bedrock (`bedrock-runtime.<region>.amazonaws.com`, `bedrock-mantle.<region>.api.aws`) and
/// Azure OpenAI / AI Foundry (`<resource>.openai.azure.com`, `<resource>.services.ai.azure.com`,
/// `<resource>.cognitiveservices.azure.com`).
fn cloud_model_host(host: &str) -> bool {
    (host.starts_with("bedrock-runtime.") && host.ends_with(".amazonaws.com"))
        || (host.starts_with("bedrock-mantle.") && host.ends_with(".api.aws"))
        || [
            ".openai.azure.com",
            ".services.ai.azure.com",
            ".cognitiveservices.azure.com",
        ]
        .iter()
        .any(|suffix| host.ends_with(suffix))
}

/// The family of a vendor's own API host, if the URL is one.
pub fn vendor_of_url(url: &str) -> Option<Family> {
    let host = host_of(url);
    let is = |h: &str| host == h || host.ends_with(&format!(".{h}"));
    if is("api.openai.com") {
        Some(Family::OpenAi)
    } else if is("api.anthropic.com") {
        Some(Family::Anthropic)
    } else if is("googleapis.com") {
        Some(Family::Google)
    } else if PROVIDER_HOSTS.iter().any(|h| is(h)) || cloud_model_host(&host) {
        Some(Family::Provider)
    } else {
        None
    }
}

/// The lower-case host of a URL (no port).
pub(crate) fn host_of(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let without_user = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(v6) = without_user.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("").to_string();
    }
    without_user.split(':').next().unwrap_or("").to_string()
}

/// Codes only the new-api family emits (its `types/error.go`); new-api sometimes puts them
/// in `type` too.
pub(crate) const NEW_API_CODES: &[&str] = &[
    "model_price_error",
    "insufficient_user_quota",
    "pre_consume_token_quota_failed",
    "access_denied",
    "get_channel_failed",
    "count_token_failed",
    "invalid_api_type",
    "gen_relay_info_failed",
    "read_request_body_failed",
    "convert_request_failed",
    "sensitive_words_detected",
    "token_concurrency_limit_reached",
    "token_concurrency_unavailable",
    "entitlement_required",
    "entitlement_inactive",
    "entitlement_daily_limit_exceeded",
    "entitlement_total_limit_exceeded",
];

/// LiteLLM's own error types (its `ProxyErrorTypes`).
const LITELLM_TYPES: &[&str] = &[
    "auth_error",
    "budget_exceeded",
    "key_model_access_denied",
    "team_model_access_denied",
    "user_model_access_denied",
    "org_model_access_denied",
    "expired_key",
    "token_not_found_in_db",
    "no_db_connection",
    "internal_server_error",
    "not_found_error",
    "validation_error",
];

/// Reads the family from the typed URL, the readable headers and the body.
pub fn identify(url: &str, headers: &[(String, String)], env: &Envelope, body: &str) -> Family {
    // A family's vocabulary sits in the first few KB of an error body; a 20 MB answer is
    // not read to the end for it.
    let body = prefix(body, BODY_SCAN_CAP);
    if let Some(vendor) = vendor_of_url(url) {
        return vendor;
    }
    let host = host_of(url);
    if host == "openrouter.ai" || host.ends_with(".openrouter.ai") {
        return Family::OpenRouter;
    }
    // RouteScope's documented API host runs new-api; but an HTML page from that host may be
    // a proxy's in front of it (nginx, Cloudflare), so HTML is read for a proxy's signature
    // first (below) and only then put down to the host. (new-api's own bare-text 404 stays
    // new-api's.)
    let routescope_host = host == "api.routescope.ai";
    if routescope_host && env.shape != EnvelopeShape::Html {
        return Family::NewApi;
    }
    let has_header = |prefix: &str| headers.iter().any(|(n, _)| n.to_ascii_lowercase().starts_with(prefix));
    if has_header("x-litellm-") {
        return Family::LiteLlm;
    }
    if has_header("x-oneapi-request-id") || has_header("x-new-api") {
        return Family::NewApi;
    }
    if has_header("x-generation-id") || has_header("x-openrouter") {
        return Family::OpenRouter;
    }
    let ty = env.error_type.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let code = env.code.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    if ty.starts_with("cf_") {
        return Family::Cloudflare;
    }
    if ty == "new_api_error" || NEW_API_CODES.contains(&ty.as_str()) || NEW_API_CODES.contains(&code.as_str()) {
        return Family::NewApi;
    }
    // one-hub and done-hub, one-api's forks, type their own errors `one_hub_error`.
    if ty == "one_api_error" || ty == "one_hub_error" {
        return Family::OneApi;
    }
    let message = env.message.as_deref().unwrap_or("");
    let lower = message.to_ascii_lowercase();
    if lower.starts_with("litellm.")
        || lower.contains("litellm")
        || LITELLM_TYPES.contains(&ty.as_str())
        || body.contains("\"litellm_")
        // Its exception text names the deployment it called: `model: … api_base: …`.
        || lower.contains("api_base:")
        // Its router's own refusal of a model name.
        || lower.contains("invalid model name passed in model=")
    {
        return Family::LiteLlm;
    }
    if body.contains("\"provider_name\"")
        || (body.contains("\"user_id\"") && env.shape == EnvelopeShape::GatewayOrOpenAi && code.parse::<u16>().is_ok())
    {
        return Family::OpenRouter;
    }
    if message.contains("(request id:") || message.contains("（request id:") || message.contains("(request id：") {
        return Family::NewApi;
    }
    // new-api's task and dashboard shapes; Cloudflare's API answers `{success, errors,
    // result, messages}`, which is not it.
    let cloudflare_api = body.contains("\"result\"") && body.contains("\"messages\"");
    if matches!(env.shape, EnvelopeShape::Task | EnvelopeShape::Dashboard) && !cloudflare_api {
        return Family::NewApi;
    }
    if env.shape != EnvelopeShape::GatewayOrOpenAi && env.shape != EnvelopeShape::Claude {
        let server = header(headers, "server").unwrap_or("").to_ascii_lowercase();
        let text = body.to_ascii_lowercase();
        if header(headers, "cf-ray").is_some()
            || server.contains("cloudflare")
            || text.contains("cloudflare")
            || text.contains("cf-error")
            || text.contains("ray id:")
        {
            return Family::Cloudflare;
        }
        // Tengine (Alibaba's nginx fork, common in front of services hosted in China)
        // signs its pages "Powered by Tengine" and names itself in `server`.
        if ["nginx", "openresty", "tengine"]
            .iter()
            .any(|name| server.contains(name) || text.contains(&format!("<center>{name}")))
            || text.contains("powered by tengine")
        {
            return Family::Nginx;
        }
        // Load balancers, CDNs and hosting layers, by their server header, their own
        // headers or their own words.
        let proxies = [
            "awselb",
            "envoy",
            "caddy",
            "traefik",
            "cloudfront",
            "vercel",
            "netlify",
            "google frontend",
            "apache",
            "varnish",
            "akamai",
            "amazons3",
            "vegur",
            // Baidu's BFE, Azure Application Gateway, Railway's edge, a Squid proxy.
            "bfe",
            "microsoft-azure-application-gateway",
            "railway",
            "squid",
            // Tencent Cloud's load balancer and its EdgeOne edge.
            "stgw",
            "tencentedgeone",
        ];
        let via = header(headers, "via").unwrap_or("").to_ascii_lowercase();
        let own_headers = [
            "x-amz-cf-id",
            "x-vercel-id",
            "x-nf-request-id",
            "x-azure-ref",
            "x-amz-apigw-id",
            "apigw-requestid",
            "x-railway-request-id",
            "x-vercel-error",
            "x-squid-error",
            // Tunnels and hosting layers in front of a self-hosted gateway.
            "ngrok-error-code",
            "x-render-routing",
            "x-localtunnel-status",
            // Alibaba Cloud's Function Compute hosting the gateway.
            "x-fc-request-id",
        ];
        let own_words = [
            "upstream connect error",
            "no healthy upstream",
            "upstream request timeout",
            "no available server",
            "default backend - 404",
            "function_invocation",
            "function_payload",
            "the request could not be satisfied",
            // Varnish (Fastly's default error page among them).
            "varnish cache server",
            "guru meditation",
            "guru mediation",
            // HAProxy's built-in pages carry no server header, only these words.
            "no server is available to handle this request",
            "the server returned an invalid or incomplete response",
            "the server didn't respond in time",
            // Tunnels: ngrok's error pages, frp's own page.
            "err_ngrok_",
            "faithfully yours, frp",
            // 长亭雷池 SafeLine's own pages in front of a site.
            "security by safeline",
            // Kong's load balancer with no healthy target.
            "failure to get a peer from the ring-balancer",
            "长亭雷池",
        ];
        // Go proxies (Traefik and kin) answer with the bare reason phrase as plain text.
        let bare_phrase = env.shape == EnvelopeShape::PlainText
            && [
                "bad gateway",
                "gateway timeout",
                "service unavailable",
                "404 page not found",
            ]
            .contains(&text.trim());
        // ngrok 1.x and the Chinese tunnels built on it: "Tunnel <host> not found",
        // "Tunnel <host> unavailable".
        let old_tunnel = text.trim_start().starts_with("tunnel ")
            && (text.contains(" not found") || text.contains(" unavailable"))
            || text.contains("<h2>tunnel ") && text.contains("unavailable");
        if bare_phrase
            || old_tunnel
            || proxies.iter().any(|p| server.contains(p) || via.contains(p))
            || own_headers.iter().any(|h| header(headers, h).is_some())
            || own_words.iter().any(|w| text.contains(w))
        {
            return Family::OtherProxy;
        }
    }
    if routescope_host {
        return Family::NewApi;
    }
    Family::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::envelope::parse_envelope;

    fn family(url: &str, headers: &[(&str, &str)], body: &str) -> Family {
        let headers: Vec<(String, String)> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let ct = headers
            .iter()
            .find(|(k, _)| k == "content-type")
            .map(|(_, v)| v.as_str());
        let env = parse_envelope(ct, body);
        identify(url, &headers, &env, body)
    }

    #[test]
    fn reads_the_family_from_evidence_only() {
        let gw = "https://llm.example.com/v1/chat/completions";
        let table = [
            (gw, vec![], r#"{"error":{"message":"Invalid token (request id: 2025)","type":"new_api_error"}}"#, Family::NewApi),
            (gw, vec![], r#"{"error":{"message":"无效的令牌","type":"one_api_error"}}"#, Family::OneApi),
            (gw, vec![], r#"{"error":{"message":"Authentication Error, No api key passed in.","type":"auth_error","param":"None","code":"401"}}"#, Family::LiteLlm),
            (gw, vec![("x-litellm-call-id", "abc")], r#"{"error":{"message":"x"}}"#, Family::LiteLlm),
            ("https://openrouter.ai/api/v1/chat/completions", vec![], r#"{"error":{"message":"No auth credentials found","code":401}}"#, Family::OpenRouter),
            ("https://api.openai.com/v1/chat/completions", vec![], r#"{"error":{"message":"x","type":"invalid_request_error"}}"#, Family::OpenAi),
            ("https://api.anthropic.com/v1/messages", vec![], r#"{"type":"error","error":{"type":"x","message":"y"}}"#, Family::Anthropic),
            ("https://generativelanguage.googleapis.com/v1beta/models", vec![], "{}", Family::Google),
            ("https://ark.cn-beijing.volces.com/api/v3/chat/completions", vec![], "{}", Family::Provider),
            ("https://api.deepseek.com/chat/completions", vec![], "{}", Family::Provider),
            ("https://api.deepseek.com.evil.example/v1", vec![], "{}", Family::Unknown),
            // Fastly's default 503 page (Varnish), no telling headers.
            (gw, vec![("content-type", "text/html")], "<html><head><title>503 Backend is unhealthy</title></head><body><h3>Guru Mediation:</h3><p>Varnish cache server</p></body></html>", Family::OtherProxy),
            (gw, vec![("content-type", "text/html")], "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", Family::Nginx),
            // A Tengine page in GBK, as the browser decodes it (bytes that are not UTF-8 replaced).
            (gw, vec![("content-type", "text/html; charset=gbk")], "<html><head><meta charset=\"gbk\"><title>502 \u{FFFD}\u{FFFD}\u{FFFD}</title></head><body><h1>502 \u{FFFD}\u{FFFD}</h1><hr/>Powered by Tengine</body></html>", Family::Nginx),
            (gw, vec![("content-type", "text/html"), ("cf-ray", "8f1-SJC")], "<html><title>example.com | 524: A timeout occurred</title></html>", Family::Cloudflare),
            // A typed OpenAI-shaped error from an unknown host says nothing about who answered.
            (gw, vec![], r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#, Family::Unknown),
            (gw, vec![], "", Family::Unknown),
        ];
        for (url, headers, body, expected) in table {
            assert_eq!(family(url, &headers, body), expected, "{body}");
        }
    }

    #[test]
    fn hosts_are_read_without_being_fooled() {
        assert_eq!(vendor_of_url("https://api.openai.com.evil.example/v1"), None);
        assert_eq!(
            vendor_of_url("https://x@api.anthropic.com:443/v1"),
            Some(Family::Anthropic)
        );
        assert_eq!(
            vendor_of_url("https://us-central1-aiplatform.googleapis.com/v1"),
            Some(Family::Google)
        );
        assert_eq!(host_of("http://[::1]:8080/x"), "::1");
    }
}
