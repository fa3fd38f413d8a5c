//! Named response fixtures for the diagnosis, one per row: what the gateway (several
//! generations, EN and ZH), upstream vendors, proxies and foreign gateways really send,
//! plus wording variants invented to prove the classifier matches signatures, not
//! strings. Rows named `seed_…` cover the seed's two tables row by row.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]

use routescope_core::diagnosis::{
    diagnose, Action, AuthStyle, Category, Confidence, Diagnosis, Protocol, RequestFacts, Side, StreamEnd, Transport,
};
use routescope_core::text::lang::Lang;

const HOST: &str = "https://api.routescope.ai";
/// Another OpenAI-compatible gateway the tool has never seen.
const FOREIGN: &str = "https://llm-gateway.example.com/v1/chat/completions";

struct Fx {
    name: &'static str,
    facts: RequestFacts,
    transport: Transport,
    lang: Lang,
    category: Category,
    confidence: Confidence,
    exact: bool,
    side: Side,
    evidence: Vec<(&'static str, &'static str)>,
    request_id: Option<&'static str>,
    candidates: Vec<Category>,
    actions: Vec<&'static str>,
}

fn facts(protocol: Protocol, method: &str, path: &str) -> RequestFacts {
    RequestFacts {
        protocol,
        method: method.to_string(),
        url: format!("{HOST}{path}"),
        model: None,
        streamed: false,
        body_bytes: 200,
        page_is_https: true,
        anthropic_beta: None,
        auth_style: Some(AuthStyle::Bearer),
    }
}

/// An HTTP response fixture on the chat route, JSON content type.
fn http(name: &'static str, status: u16, body: &str) -> Fx {
    Fx {
        name,
        facts: facts(Protocol::OpenAiChat, "POST", "/v1/chat/completions"),
        transport: Transport::Response {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            headers_hidden_by_cors: false,
            body: body.to_string(),
            elapsed_ms: 420,
            stream: None,
        },
        lang: Lang::En,
        category: Category::Unknown,
        confidence: Confidence::Low,
        exact: true,
        side: Side::Unknown,
        evidence: vec![],
        request_id: None,
        candidates: vec![],
        actions: vec![],
    }
}

/// A fixture with no HTTP response (network error, timeout, cancel).
fn outcome(name: &'static str, transport: Transport) -> Fx {
    Fx {
        transport,
        ..http(name, 0, "")
    }
}

impl Fx {
    fn set_header(mut self, name: &str, value: &str) -> Self {
        if let Transport::Response { headers, .. } = &mut self.transport {
            headers.retain(|(n, _)| n != name);
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
    fn html(self) -> Self {
        self.set_header("content-type", "text/html; charset=utf-8")
    }
    fn plain(self) -> Self {
        self.set_header("content-type", "text/plain; charset=utf-8")
    }
    fn hidden_by_cors(mut self) -> Self {
        if let Transport::Response {
            headers_hidden_by_cors,
            headers,
            ..
        } = &mut self.transport
        {
            *headers_hidden_by_cors = true;
            headers.clear();
        }
        self
    }
    fn stream(mut self, end: StreamEnd) -> Self {
        if let Transport::Response { stream, .. } = &mut self.transport {
            *stream = Some(end);
        }
        self.facts.streamed = true;
        self
    }
    fn on(mut self, protocol: Protocol, method: &str, path: &str) -> Self {
        let old = std::mem::replace(&mut self.facts, facts(protocol, method, path));
        self.facts.anthropic_beta = old.anthropic_beta;
        self.facts.model = old.model;
        self
    }
    fn url(mut self, url: &str) -> Self {
        self.facts.url = url.to_string();
        self
    }
    fn zh(mut self) -> Self {
        self.lang = Lang::Zh;
        self
    }
    fn beta(mut self, value: &str) -> Self {
        self.facts.anthropic_beta = Some(value.to_string());
        self
    }
    fn model(mut self, model: &str) -> Self {
        self.facts.model = Some(model.to_string());
        self
    }
    fn body_bytes(mut self, n: usize) -> Self {
        self.facts.body_bytes = n;
        self
    }
    fn expect(mut self, category: Category, confidence: Confidence, side: Side) -> Self {
        self.category = category;
        self.confidence = confidence;
        self.side = side;
        self
    }
    fn at_least(mut self, category: Category, confidence: Confidence, side: Side) -> Self {
        self.exact = false;
        self.expect(category, confidence, side)
    }
    fn ev(mut self, label: &'static str, contains: &'static str) -> Self {
        self.evidence.push((label, contains));
        self
    }
    fn rid(mut self, id: &'static str) -> Self {
        self.request_id = Some(id);
        self
    }
    fn cand(mut self, category: Category) -> Self {
        self.candidates.push(category);
        self
    }
    fn act(mut self, id: &'static str) -> Self {
        self.actions.push(id);
        self
    }
}

use Category as C;
use Confidence::{High, Low, Medium};
use Protocol as P;
use Side as S;

fn fixtures() -> Vec<Fx> {
    vec![
        // ---------------- authentication failure ----------------
        http("seed_common_auth_invalid_token_new_api_401", 401, r#"{"error":{"message":"Invalid token (request id: 20260312093015123456789abcdef)","type":"new_api_error","code":""}}"#)
            .expect(C::AuthenticationFailure, High, S::Client).rid("20260312093015123456789abcdef").cand(C::TokenUnavailable).act("check-key-status").act("copy-request-id"),
        http("seed_auth_missing_sk_prefix_401", 401, r#"{"error":{"message":"无效的令牌 (request id: 2026031209301555aa)","type":"one_api_error"}}"#).zh()
            .expect(C::AuthenticationFailure, High, S::Client).rid("2026031209301555aa").cand(C::TokenUnavailable),
        http("seed_auth_no_key_sent_401_zh", 401, r#"{"error":{"message":"未提供令牌 (request id: 20260312aa01)","type":"new_api_error","code":""}}"#).zh()
            .expect(C::AuthenticationFailure, High, S::Client).ev("signature", "未提供令牌"),
        http("auth_token_not_provided_claude_route", 401, r#"{"type":"error","error":{"type":"new_api_error","message":"Token not provided (request id: 2026031211223344)"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::AuthenticationFailure, High, S::Client).rid("2026031211223344"),
        http("auth_upstream_invalid_api_key_openai_401", 401, r#"{"error":{"message":"Incorrect API key provided: sk-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#)
            .expect(C::AuthenticationFailure, High, S::Upstream).ev("request-id", "none").ev("code", "invalid_api_key"),
        http("auth_google_api_key_invalid_relayed_400", 400, r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-2.5-flash:generateContent").expect(C::AuthenticationFailure, High, S::Upstream).ev("google-reason", "API_KEY_INVALID"),
        http("auth_google_api_key_invalid_direct_400", 400, r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}"#)
            .url("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent").expect(C::AuthenticationFailure, High, S::Client),
        http("auth_anthropic_authentication_error_upstream_401", 401, r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::AuthenticationFailure, High, S::Upstream),
        http("auth_foreign_detail_not_authenticated_401", 401, r#"{"detail":"Not authenticated"}"#)
            .expect(C::AuthenticationFailure, Medium, S::Unknown),
        http("auth_bare_401_empty_body", 401, "").expect(C::AuthenticationFailure, Low, S::Unknown).cand(C::TokenUnavailable),
        http("auth_plain_text_invalid_api_key_variant", 401, "Unauthorized: Invalid API key.").plain()
            .expect(C::AuthenticationFailure, Medium, S::Unknown),
        http("auth_invented_prefix_and_shouting_401", 401, r#"{"error":{"message":"openai_error: Invalid Token!! (Request ID: 2026x0312y99)","type":"new_api_error"}}"#)
            .expect(C::AuthenticationFailure, High, S::Client).rid("2026x0312y99").cand(C::TokenUnavailable),
        http("auth_dashboard_200_invalid_token_zh", 200, r#"{"success":false,"message":"无效的令牌"}"#).zh()
            .on(P::SelfService, "GET", "/api/token/self/").url("https://webapi.routescope.ai/api/token/self/")
            .at_least(C::AuthenticationFailure, Medium, S::Client).cand(C::SuccessWithErrorBody),
        http("auth_user_banned_403_zh", 403, r#"{"error":{"message":"用户已被封禁 (request id: 2026031200ban1)","type":"new_api_error","code":""}}"#).zh()
            .expect(C::AuthenticationFailure, High, S::Client),
        http("auth_foreign_error_string_401", 401, r#"{"error":"Unauthorized"}"#).expect(C::AuthenticationFailure, Low, S::Unknown),
        http("auth_fullwidth_request_id_one_api", 401, r#"{"error":{"message":"INVALID TOKEN（request id：2026031209abc）","type":"one_api_error"}}"#)
            .expect(C::AuthenticationFailure, High, S::Client).rid("2026031209abc"),
        // ---------------- token unavailable ----------------
        http("seed_common_token_unavailable_disabled_401_zh", 401, r#"{"error":{"message":"该令牌状态不可用 (request id: 20260312000001)","type":"new_api_error","code":""}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client).rid("20260312000001").act("check-key-status"),
        http("token_disabled_401_en", 401, r#"{"error":{"message":"This token status is unavailable (request id: 20260312000002)","type":"new_api_error","code":""}}"#)
            .expect(C::TokenUnavailable, High, S::Client),
        http("token_expired_401_zh", 401, r#"{"error":{"message":"该令牌已过期 (request id: 20260312000003)","type":"new_api_error"}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client),
        http("token_expired_401_lowercase_variant", 401, r#"{"error":{"message":"this token has EXPIRED.","type":"new_api_error"}}"#)
            .expect(C::TokenUnavailable, High, S::Client),
        http("token_exhausted_401_en", 401, r#"{"error":{"message":"This token quota is exhausted TokenStatusExhausted[sk-ab12***cd34] (request id: 20260312000004)","type":"new_api_error"}}"#)
            .expect(C::TokenUnavailable, High, S::Client).rid("20260312000004"),
        http("token_exhausted_401_zh", 401, r#"{"error":{"message":"该令牌额度已用尽 TokenStatusExhausted[sk-ab12***cd34]","type":"new_api_error"}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client),
        http("seed_token_ip_restriction_403_zh", 403, r#"{"error":{"message":"您的 IP 不在令牌允许访问的列表中 (request id: 20260312000005)","type":"new_api_error","code":"access_denied"}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client),
        http("token_ip_rebranded_gateway_invented_en", 403, r#"{"error":{"message":"Your IP 203.0.113.9 is not in the allowed list of this token","type":"shell_api_error","code":"access_denied"}}"#)
            .expect(C::TokenUnavailable, Medium, S::Client).ev("origin", "rebrand"),
        http("token_quota_not_enough_pre_consume_403", 403, r#"{"error":{"message":"token quota is not enough, token remain quota: ＄0.010000, need quota: ＄0.050000 (request id: 20260312000006)","type":"new_api_error","code":"pre_consume_token_quota_failed"}}"#)
            .expect(C::TokenUnavailable, High, S::Client),
        http("token_quota_low_403_zh_no_code", 403, r#"{"error":{"message":"令牌额度不足，请调整令牌额度","type":"new_api_error"}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client),
        // ---------------- insufficient balance ----------------
        http("seed_common_balance_user_quota_403_zh", 403, r#"{"error":{"message":"用户额度不足, 剩余额度: ＄0.000000 (request id: 20260312000007)","type":"new_api_error","code":"insufficient_user_quota"}}"#).zh()
            .expect(C::InsufficientBalance, High, S::Client).act("check-key-status"),
        http("balance_pre_consume_failed_zh", 403, r#"{"error":{"message":"预扣费额度失败, 用户剩余额度: ＄0.01, 需要预扣费额度: ＄0.10","type":"new_api_error","code":"insufficient_user_quota"}}"#).zh()
            .expect(C::InsufficientBalance, High, S::Client),
        http("balance_user_quota_en_older_no_code", 403, r#"{"error":{"message":"user quota is not enough","type":"one_api_error"}}"#)
            .expect(C::InsufficientBalance, High, S::Client),
        http("balance_openai_insufficient_quota_429_not_rate_limit", 429, r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#)
            .expect(C::InsufficientBalance, High, S::Upstream).act("retry"),
        // The same words from a host nothing identifies: a gateway relaying its channel, or a
        // provider called directly? Billing either way; whose, not sure.
        http("balance_insufficient_quota_unknown_host_side_not_sure", 429, r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#)
            .url("https://llm-gateway.example.net/v1/chat/completions").expect(C::InsufficientBalance, Medium, S::Unknown).ev("message", "exceeded your current quota"),
        http("balance_anthropic_credit_balance_low_400", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::InsufficientBalance, High, S::Upstream),
        http("balance_foreign_402_plain_text", 402, "Insufficient balance, please recharge.").plain().expect(C::InsufficientBalance, Medium, S::Unknown),
        http("balance_task_quota_not_enough", 403, r#"{"code":"quota_not_enough","message":"额度不足","data":null}"#)
            .on(P::VideoTask, "POST", "/v1/video/generations").expect(C::InsufficientBalance, High, S::Client),
        // ---------------- model missing or not allowed ----------------
        http("seed_common_model_no_access_403_en", 403, r#"{"error":{"message":"This token has no access to model gpt-5.4-pro (request id: 20260312000008)","type":"new_api_error","code":""}}"#)
            .expect(C::ModelNotAvailable, High, S::Client).ev("model", "gpt-5.4-pro").act("list-models"),
        http("model_no_access_403_zh_older", 403, r#"{"error":{"message":"该令牌无权使用模型：gpt-4-32k","type":"one_api_error"}}"#).zh()
            .expect(C::ModelNotAvailable, High, S::Client).ev("model", "gpt-4-32k"),
        http("model_no_channel_503_en", 503, r#"{"error":{"message":"No available channel for model gpt-5.9 under group default (distributor) (request id: 20260312000009)","type":"new_api_error","code":"model_not_found"}}"#)
            .expect(C::ModelNotAvailable, High, S::Gateway).ev("model", "gpt-5.9").ev("group", "default").rid("20260312000009"),
        http("model_no_channel_503_zh_newer", 503, r#"{"error":{"message":"分组 vip 下模型 claude-opus-9 无可用渠道（distributor） (request id: 2026031200000a)","type":"new_api_error","code":"model_not_found"}}"#).zh()
            .expect(C::ModelNotAvailable, High, S::Gateway).ev("model", "claude-opus-9").ev("group", "vip"),
        http("model_no_channel_503_zh_older_no_code", 503, r#"{"error":{"message":"当前分组 default 下对于模型 gpt-4o-mini 无可用渠道","type":"one_api_error"}}"#).zh()
            .expect(C::ModelNotAvailable, High, S::Gateway).ev("model", "gpt-4o-mini").ev("group", "default"),
        http("model_price_error_400", 400, r#"{"error":{"message":"模型 gpt-x-1 倍率或价格未配置，请联系管理员设置或开始自用模式；Model gpt-x-1 ratio or price not set, please set or start self-use mode","type":"new_api_error","code":"model_price_error"}}"#)
            .expect(C::ModelNotAvailable, High, S::Gateway).ev("model", "gpt-x-1"),
        http("model_upstream_openai_404", 404, r#"{"error":{"message":"The model `gpt-5x` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#)
            .expect(C::ModelNotAvailable, High, S::Upstream).ev("model", "gpt-5x").ev("request-id", "none"),
        http("model_anthropic_not_found_error_404", 404, r#"{"type":"error","error":{"type":"not_found_error","message":"model: claude-3-opus-2099"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::ModelNotAvailable, High, S::Upstream).ev("model", "claude-3-opus-2099"),
        http("model_200_error_body_get_model", 200, r#"{"error":{"message":"model gpt-x-2 not found","type":"invalid_request_error","code":"model_not_found"}}"#)
            .on(P::OpenAiModels, "GET", "/v1/models/gpt-x-2").expect(C::ModelNotAvailable, High, S::Client).cand(C::SuccessWithErrorBody).ev("status", "2xx carrying"),
        http("model_google_not_found_404", 404, r#"{"error":{"code":404,"message":"models/gemini-9-pro is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-9-pro:generateContent").expect(C::ModelNotAvailable, High, S::Upstream).ev("model", "gemini-9-pro"),
        http("model_group_denied_403_zh", 403, r#"{"error":{"message":"无权访问 vip 分组","type":"new_api_error"}}"#).zh()
            .expect(C::TokenUnavailable, High, S::Client).ev("group", "vip"),
        http("model_rebranded_gateway_404_zh", 404, r#"{"error":{"message":"模型 gpt-x-3 不存在","type":"shell_api_error","code":"model_not_found"}}"#).zh()
            .expect(C::ModelNotAvailable, Medium, S::Client).ev("model", "gpt-x-3"),
        http("model_from_request_when_message_silent", 503, r#"{"error":{"message":"model_not_found","type":"new_api_error","code":"model_not_found"}}"#)
            .model("gpt-typo-4").expect(C::ModelNotAvailable, High, S::Client).ev("model", "gpt-typo-4 (from the request)"),
        // ---------------- incorrect endpoint ----------------
        http("seed_common_endpoint_invalid_url_doubled_v1_404", 404, r#"{"error":{"message":"Invalid URL (POST /v1/v1/chat/completions)","type":"new_api_error","param":"","code":""}}"#)
            .url("https://api.routescope.ai/v1/v1/chat/completions").expect(C::IncorrectEndpoint, High, S::Client).ev("route", "POST /v1/v1/chat/completions").act("open-client-helper"),
        http("endpoint_invalid_url_wrong_method_404", 404, r#"{"error":{"message":"Invalid URL (GET /v1/chat/completions)","type":"new_api_error"}}"#)
            .on(P::OpenAiChat, "GET", "/v1/chat/completions").expect(C::IncorrectEndpoint, High, S::Client),
        http("endpoint_200_html_dashboard_missing_v1", 200, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RouteScope</title></head><body><div id=\"root\"></div></body></html>")
            .html().url("https://api.routescope.ai/chat/completions").expect(C::IncorrectEndpoint, High, S::Client),
        http("endpoint_404_html_nginx", 404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>")
            // nginx in front has no such path: the page cannot tell a wrong base URL from a
            // route the gateway lacks, so it is a hint.
            .html().expect(C::IncorrectEndpoint, Low, S::Client),
        http("endpoint_501_api_not_implemented", 501, r#"{"error":{"message":"api not implemented","type":"new_api_error","code":"api_not_implemented"}}"#)
            .expect(C::IncorrectEndpoint, High, S::Gateway),
        http("endpoint_405_empty", 405, "").expect(C::IncorrectEndpoint, Low, S::Client),
        http("endpoint_openai_unrecognized_request_url_404", 404, r#"{"error":{"message":"Unrecognized request URL (GET: /v1/chat/completion). Please see https://platform.openai.com/docs/api-reference for details.","type":"invalid_request_error","param":null,"code":null}}"#)
            .expect(C::IncorrectEndpoint, High, S::Client),
        http("endpoint_go_plain_404_page_not_found", 404, "404 page not found").plain().expect(C::IncorrectEndpoint, Medium, S::Client),
        http("endpoint_claude_code_base_url_with_v1", 404, r#"{"type":"error","error":{"type":"new_api_error","message":"Invalid URL (POST /v1/v1/messages)"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/v1/messages").expect(C::IncorrectEndpoint, High, S::Client),
        // ---------------- parameter error ----------------
        http("seed_param_openai_chat_messages_required_500", 500, r#"{"error":{"message":"field messages is required","type":"new_api_error","param":"","code":"invalid_request"}}"#)
            .expect(C::ParameterError, High, S::Client).ev("field", "messages"),
        http("seed_param_claude_max_tokens_required_400", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::ParameterError, High, S::Client).ev("field", "max_tokens"),
        http("seed_param_gemini_contents_required_500", 500, r#"{"error":{"message":"contents is required","type":"new_api_error","param":"","code":"invalid_request"}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-2.5-flash:generateContent").expect(C::ParameterError, High, S::Client),
        http("seed_param_imagen_predict_contents_quirk_500", 500, r#"{"error":{"message":"contents is required","type":"new_api_error","code":"invalid_request"}}"#)
            .on(P::Imagen, "POST", "/v1beta/models/imagen-4.0-generate-001:predict").expect(C::ParameterError, High, S::Client),
        http("seed_param_openai_image_edit_multipart_400", 400, r#"{"error":{"message":"Invalid request: image is required","type":"new_api_error","code":"invalid_request"}}"#)
            .on(P::OpenAiImages, "POST", "/v1/images/edits").expect(C::ParameterError, High, S::Client),
        http("seed_param_seedream_json_image_400", 400, r#"{"error":{"code":"InvalidParameter","message":"The parameter `image` specified in the request is not valid: invalid url specified","param":"image","type":"BadRequest"}}"#)
            .on(P::OpenAiImages, "POST", "/v1/images/edits").expect(C::ParameterError, High, S::Client),
        http("param_invalid_json_400", 400, r#"{"error":{"message":"Invalid request: unexpected end of JSON input (request id: 2026031200json)","type":"new_api_error","code":"invalid_request"}}"#)
            .expect(C::ParameterError, High, S::Client),
        http("param_go_unmarshal_500", 500, r#"{"error":{"message":"json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.max_tokens of type uint","type":"new_api_error","code":"invalid_request"}}"#)
            .expect(C::ParameterError, High, S::Client).ev("field", "GeneralOpenAIRequest.max_tokens"),
        http("param_google_unknown_name_messages_400", 400, r#"{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \"messages\": Cannot find field.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"description":"Invalid JSON payload received. Unknown name \"messages\": Cannot find field."}]}]}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-2.5-flash:generateContent").expect(C::ParameterError, High, S::Client).ev("field", "messages"),
        http("param_openai_context_length_400", 400, r#"{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#)
            .expect(C::RequestTooLarge, High, S::Client),
        http("param_fastapi_detail_422_foreign", 422, r#"{"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]}"#)
            .expect(C::ParameterError, Medium, S::Client),
        http("param_task_prompt_required", 400, r#"{"code":"invalid_request","message":"prompt or images is required","data":null}"#)
            .on(P::AsyncTask, "POST", "/v1/aiart/openai/image/submit").expect(C::ParameterError, High, S::Client),
        http("param_responses_route_messages_zh", 400, r#"{"error":{"message":"Invalid request: field messages is required","type":"new_api_error","code":"invalid_request"}}"#).zh()
            .on(P::OpenAiResponses, "POST", "/v1/responses").expect(C::ParameterError, High, S::Client),
        // A JSON decoder's "found invalid token" is the body's syntax, never the key.
        http("param_json_decoder_invalid_token_is_not_the_key", 400, r#"{"message":"could not parse JSON request body: Expected value but found invalid token at character 1"}"#)
            .expect(C::ParameterError, Medium, S::Client),
        // "Extra inputs are not permitted" off the Claude route is the request's shape, not
        // Claude Code's betas.
        http("param_extra_inputs_on_openai_route_is_not_betas", 422, r#"{"detail":[{"type":"extra_forbidden","loc":["body","store"],"msg":"Extra inputs are not permitted","input":false}]}"#)
            .on(P::OpenAiChat, "POST", "/v1/chat/completions").expect(C::ParameterError, Medium, S::Client),
        // A tokenizer's "invalid token" is a token of the prompt, never the key.
        http("param_tokenizer_invalid_token_is_not_the_key", 400, r#"{"object":"error","message":"Invalid token id 151643 in prompt","type":"BadRequestError","code":400}"#)
            .expect(C::ParameterError, Medium, S::Client),
        // A tunnel's own page: the gateway behind it is not connected.
        http("tunnel_ngrok_endpoint_offline", 404, "The endpoint 9d55.ngrok-free.app is offline.\n\nERR_NGROK_3200")
            .url(FOREIGN).plain().set_header("ngrok-error-code", "ERR_NGROK_3200").expect(C::UpstreamFailure, Low, S::Gateway),
        http("tunnel_natapp_old_ngrok_not_found", 404, "Tunnel demo.natapp1.cc not found\n")
            .url(FOREIGN).plain().expect(C::UpstreamFailure, Low, S::Gateway),
        // A platform in front that wants its own credentials: the key was never checked.
        http("host_auth_cloud_run_403_page", 403, "<html><head><title>403 Forbidden</title></head><body><h1>Error: Forbidden</h1><h2>Your client does not have permission to get URL <code>/v1/chat/completions</code> from this server.</h2></body></html>")
            .url(FOREIGN).html().expect(C::AuthenticationFailure, Medium, S::Gateway).ev("signature", "status"),
        http("host_auth_lambda_function_url_403", 403, r#"{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}"#)
            .url(FOREIGN).expect(C::AuthenticationFailure, Medium, S::Gateway),
        // The account's own per-model limit (Ark's Safe Experience Mode), sent as 429: not a
        // rate limit, waiting does not lift it.
        http("account_cap_ark_set_limit_exceeded_429", 429, r#"{"error":{"code":"SetLimitExceeded","message":"Your account [2109876543] has reached the set inference limit for the [doubao-seed-1-6] model, and the model service has been paused.","param":"","type":"TooManyRequests"}}"#)
            .url("https://ark.cn-beijing.volces.com/api/v3/chat/completions").expect(C::InsufficientBalance, High, S::Client),
        // An unnamed server's page titled only with its status says nothing more than it.
        http("html_title_only_the_status_405", 405, "<html><body><h1>405 Method Not Allowed</h1>\nA request was made of a resource using a request method not supported by that resource.\n</body></html>\n")
            .url(FOREIGN).html().expect(C::IncorrectEndpoint, Low, S::Client),
        // A count of tokens is the context's size, not the key.
        http("too_large_invalid_token_count_is_not_the_key", 400, r#"{"error":{"message":"Invalid token count: prompt has 40000 tokens, limit is 32768","type":"invalid_request_error"}}"#)
            .expect(C::RequestTooLarge, High, S::Client),
        // A Node gateway that got HTML where its provider's JSON should be.
        http("upstream_html_where_json_expected", 502, r#"{"error":{"message":"Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"}}"#)
            .expect(C::UpstreamFailure, High, S::Upstream),
        http("param_sensitive_words_400", 400, r#"{"error":{"message":"sensitive words detected: xxx","type":"new_api_error","code":"sensitive_words_detected"}}"#)
            .expect(C::ParameterError, High, S::Client),
        // ---------------- Claude Code experimental betas ----------------
        http("seed_common_claude_code_betas_context_management_400", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"context_management: Extra inputs are not permitted"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").beta("context-management-2025-06-27")
            .expect(C::ClaudeCodeBetas, High, S::Client).ev("field", "context_management").act("disable-claude-betas"),
        // A field no beta adds: betas stay the first guess on the Claude route, but not a sure one.
        http("betas_extra_inputs_on_a_field_no_beta_adds", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"metadata.foo: Extra inputs are not permitted"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::ClaudeCodeBetas, Medium, S::Client).cand(C::ParameterError),
        http("betas_heuristic_vague_400_with_beta_header", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"tools.0.custom.defer_loading: unexpected field"}}"#)
            .beta("fine-grained-tool-streaming-2025-05-14").on(P::ClaudeMessages, "POST", "/v1/messages")
            .expect(C::ClaudeCodeBetas, Medium, S::Client).cand(C::ParameterError),
        http("betas_nested_in_openai_shape_relay", 400, r#"{"error":{"message":"{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"context_management: Extra inputs are not permitted\"}}","type":"bad_response_status_code","code":"bad_response_status_code"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::ClaudeCodeBetas, High, S::Client).ev("nested", "Extra inputs"),
        // ---------------- timeout ----------------
        outcome("seed_common_timeout_client_high_res_image", Transport::TimedOut { after_ms: 150_000 })
            .on(P::OpenAiImages, "POST", "/v1/images/generations").expect(C::Timeout, High, S::Upstream).act("use-async-task"),
        outcome("timeout_video_task_client", Transport::TimedOut { after_ms: 300_000 })
            .on(P::VideoTask, "GET", "/v1/video/generations/task_1").expect(C::Timeout, High, S::Upstream).act("use-async-task"),
        http("timeout_504_nginx_html", 504, "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>")
            .html().expect(C::Timeout, High, S::Upstream),
        http("timeout_524_cloudflare_html", 524, "<!DOCTYPE html><html><head><title>api.routescope.ai | 524: A timeout occurred</title></head><body>Cloudflare</body></html>")
            // Cloudflare's page: it waited for the gateway behind it, the gateway's side.
            .html().expect(C::Timeout, High, S::Gateway),
        http("timeout_408_empty", 408, "").expect(C::Timeout, High, S::Network),
        http("timeout_do_request_failed_deadline_500", 500, r#"{"error":{"message":"upstream error: do request failed: Post \"https://api.openai.com/v1/chat/completions\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)","type":"new_api_error","code":"do_request_failed"}}"#)
            .expect(C::Timeout, High, S::Upstream).cand(C::UpstreamFailure),
        http("timeout_zh_message_504_json", 504, r#"{"error":{"message":"请求上游超时，请稍后再试","type":"new_api_error"}}"#).zh()
            .expect(C::Timeout, High, S::Upstream),
        // ---------------- rate limit ----------------
        http("seed_common_rate_limit_429_zh_rpm", 429, r#"{"error":{"message":"您已达到请求数限制：1分钟内最多请求60次 (request id: 2026031200rl01)","type":"new_api_error","code":""}}"#).zh()
            .set_header("retry-after", "30").expect(C::RateLimit, High, S::Client).ev("rate-window", "60 requests / 1 min").ev("retry-after", "30").act("retry-after").rid("2026031200rl01"),
        http("rate_limit_total_zh_including_failures", 429, r#"{"error":{"message":"您已达到总请求数限制：5分钟内最多请求100次，包括失败次数","type":"new_api_error"}}"#).zh()
            .expect(C::RateLimit, High, S::Client).ev("rate-window", "100 requests / 5 min"),
        http("rate_limit_en_gateway", 429, r#"{"error":{"message":"You have reached the request limit: maximum 30 requests in 5 minutes","type":"new_api_error"}}"#)
            .expect(C::RateLimit, High, S::Client).ev("rate-window", "30 requests / 5 min"),
        http("rate_limit_empty_429_hidden_by_cors", 429, "").hidden_by_cors()
            .expect(C::RateLimit, High, S::Unknown).ev("retry-after", "CORS").act("retry"),
        http("rate_limit_openai_upstream_tpm", 429, r#"{"error":{"message":"Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29000, Requested 5000. Please try again in 8.4s.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#)
            .expect(C::RateLimit, High, S::Upstream).ev("retry-after", "9"),
        http("rate_limit_anthropic_rate_limit_error", 429, r#"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::RateLimit, High, S::Upstream),
        http("rate_limit_google_resource_exhausted_not_billing", 429, r#"{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"17s"}]}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-2.5-pro:generateContent").expect(C::RateLimit, High, S::Upstream).ev("retry-after", "17s"),
        http("rate_limit_task_upstream_saturated_zh", 429, r#"{"code":"rate_limit","message":"当前分组上游负载已饱和，请稍后再试","data":null}"#).zh()
            .on(P::AsyncTask, "POST", "/v1/aiart/openai/image/submit").expect(C::RateLimit, High, S::Upstream),
        http("rate_limit_foreign_detail_429", 429, r#"{"detail":"Too Many Requests"}"#).expect(C::RateLimit, Medium, S::Unknown),
        http("rate_limit_plain_text_variant", 429, "rate-limited, slow down").plain().expect(C::RateLimit, Medium, S::Unknown),
        // ---------------- request too large ----------------
        http("too_large_413_nginx_html", 413, "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>")
            .html().expect(C::RequestTooLarge, High, S::Client),
        http("too_large_read_request_body_failed", 413, r#"{"error":{"message":"read request body failed: http: request body too large","type":"read_request_body_failed","code":"read_request_body_failed"}}"#)
            .expect(C::RequestTooLarge, High, S::Client),
        http("too_large_body_exceeds_mb_400", 400, r#"{"error":{"message":"Request body exceeds maximum size of 32 MB","type":"new_api_error"}}"#)
            .expect(C::RequestTooLarge, High, S::Client),
        // ---------------- upstream failure ----------------
        http("upstream_do_request_failed_refused_500", 500, r#"{"error":{"message":"upstream error: do request failed: dial tcp 10.0.0.8:443: connect: connection refused","type":"new_api_error","code":"do_request_failed"}}"#)
            .expect(C::UpstreamFailure, High, S::Upstream).act("retry"),
        http("upstream_bad_response_status_code", 500, r#"{"error":{"message":"bad response status code 500","type":"openai_error","code":"bad_response_status_code"}}"#)
            .expect(C::UpstreamFailure, High, S::Upstream),
        http("upstream_502_html", 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").html()
            .at_least(C::UpstreamFailure, Low, S::Upstream),
        http("upstream_503_system_cpu_overloaded", 503, r#"{"error":{"message":"system cpu overloaded","type":"new_api_error","code":"system_cpu_overloaded"}}"#)
            .expect(C::UpstreamFailure, High, S::Gateway),
        http("upstream_529_anthropic_overloaded", 529, r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::UpstreamFailure, High, S::Upstream),
        http("upstream_anthropic_api_error_500", 500, r#"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::UpstreamFailure, Low, S::Upstream),
        http("upstream_stream_error_event_overloaded", 200, "event: message_start\ndata: {}\n\n").set_header("content-type", "text/event-stream")
            .on(P::ClaudeMessages, "POST", "/v1/messages")
            .stream(StreamEnd::ErrorEvent { body: r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#.into() })
            .at_least(C::UpstreamFailure, Medium, S::Upstream).ev("stream", "error event"),
        http("upstream_stream_error_event_rate_limit", 200, "").set_header("content-type", "text/event-stream")
            .on(P::ClaudeMessages, "POST", "/v1/messages")
            .stream(StreamEnd::ErrorEvent { body: "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}".into() })
            .at_least(C::RateLimit, Medium, S::Upstream),
        http("upstream_stream_error_event_unreadable", 200, "data: {\"choices\":[]}\n\n").set_header("content-type", "text/event-stream")
            .stream(StreamEnd::ErrorEvent { body: "boom".into() }).expect(C::UpstreamFailure, Medium, S::Upstream),
        http("upstream_stream_ended_early", 200, "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n").set_header("content-type", "text/event-stream")
            .stream(StreamEnd::EndedEarly).expect(C::UpstreamFailure, Medium, S::Upstream),
        http("upstream_gateway_database_error_zh", 500, r#"{"error":{"message":"无效的令牌，数据库查询出错，请联系管理员","type":"new_api_error"}}"#).zh()
            .expect(C::Unknown, Medium, S::Gateway),
        http("upstream_nested_vendor_json_in_message", 500, r#"{"error":{"message":"status_code=500, {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\"}}","type":"upstream_error","code":"bad_response_status_code"}}"#)
            .expect(C::UpstreamFailure, High, S::Upstream).ev("nested", "server_error"),
        // ---------------- network or CORS ----------------
        outcome("network_failed_to_fetch_claude_bearer", Transport::NetworkError { message: "TypeError: Failed to fetch".into(), elapsed_ms: 80 })
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::NetworkOrCors, Medium, S::Network).act("probe-cors").act("switch-auth-style"),
        outcome("network_mixed_content_http_gateway", Transport::NetworkError { message: "Failed to fetch".into(), elapsed_ms: 3 })
            .url("http://gw.example.com/v1/chat/completions").expect(C::NetworkOrCors, High, S::Network).ev("scheme", "http"),
        outcome("network_dns_chrome", Transport::NetworkError { message: "net::ERR_NAME_NOT_RESOLVED".into(), elapsed_ms: 40 })
            .expect(C::NetworkOrCors, High, S::Network),
        outcome("network_long_wait_proxy_timeout_page", Transport::NetworkError { message: "Load failed".into(), elapsed_ms: 100_000 })
            .expect(C::NetworkOrCors, Medium, S::Network).cand(C::Timeout),
        outcome("network_firefox_big_body_proxy_413", Transport::NetworkError { message: "NetworkError when attempting to fetch resource.".into(), elapsed_ms: 900 })
            .on(P::OpenAiImages, "POST", "/v1/images/edits").body_bytes(5_000_000).expect(C::NetworkOrCors, Medium, S::Network).cand(C::RequestTooLarge),
        http("network_cloudflare_block_403_html", 403, "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>")
            .html().expect(C::NetworkOrCors, Low, S::Gateway),
        // ---------------- cancelled, success ----------------
        outcome("cancelled_by_user", Transport::Cancelled { after_ms: 1200 }).expect(C::Cancelled, High, S::Client),
        http("success_chat_200", 200, r#"{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}"#)
            .expect(C::Success, High, S::Unknown),
        http("success_stream_completed", 200, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n").set_header("content-type", "text/event-stream")
            .stream(StreamEnd::Completed).expect(C::Success, High, S::Unknown),
        // A gateway dropped the provider's error and closed the stream as if finished: no
        // choice says why it stopped.
        http("stream_done_without_finish_reason", 200, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":\"\"}]}\n\ndata: [DONE]\n\n").set_header("content-type", "text/event-stream")
            .stream(StreamEnd::Completed).expect(C::Unknown, Low, S::Unknown).ev("unfinished", "no choice gave a finish_reason").act("send-without-stream").act("retry"),
        // Portkey's chunk naming the provider's error as the finish reason.
        http("stream_finish_reason_names_overload", 200, "data: {\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":null}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"overloaded_error\"}]}\n\ndata: [DONE]\n\n").set_header("content-type", "text/event-stream")
            .stream(StreamEnd::Completed).expect(C::UpstreamFailure, Medium, S::Upstream).ev("error-inside", "overloaded_error"),
        http("success_with_error_body_unrecognised", 200, r#"{"error":{"message":"something odd happened","type":"weird"}}"#)
            .expect(C::SuccessWithErrorBody, Medium, S::Upstream),
        // ---------------- other gateways and vendors, as they really answer ----------------
        http("foreign_openrouter_402_more_credits", 402, r#"{"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1000.","code":402}}"#)
            .url(FOREIGN).expect(C::InsufficientBalance, Medium, S::Unknown),
        http("foreign_openrouter_429_metadata_raw", 429, r#"{"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly.","provider_name":"Google AI Studio"}}}"#)
            .url(FOREIGN).expect(C::RateLimit, High, S::Upstream).ev("message", "rate-limited upstream"),
        http("foreign_openrouter_no_auth_credentials", 401, r#"{"error":{"message":"No auth credentials found","code":401}}"#)
            .url(FOREIGN).expect(C::AuthenticationFailure, Medium, S::Unknown),
        http("foreign_litellm_nested_unrecognized_argument", 400, r#"{"error":{"message":"litellm.BadRequestError: OpenAIException - Error code: 400 - {'error': {'message': \"Unrecognized request argument supplied: foo\", 'type': 'invalid_request_error'}}","type":null,"param":null,"code":"400"}}"#)
            .url(FOREIGN).expect(C::ParameterError, High, S::Client).ev("field", "foo"),
        http("foreign_azure_invalid_subscription_key", 401, r#"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"#)
            .url(FOREIGN).expect(C::AuthenticationFailure, Medium, S::Unknown),
        http("foreign_azure_deployment_not_found", 404, r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}"#)
            .url(FOREIGN).expect(C::ModelNotAvailable, Medium, S::Unknown),
        http("foreign_zhipu_arrears_429_is_balance", 429, r#"{"error":{"code":"1113","message":"您的账户已欠费，请充值后重试。"}}"#).zh()
            .url(FOREIGN).expect(C::InsufficientBalance, Medium, S::Unknown),
        http("foreign_zhipu_concurrency_429", 429, r#"{"error":{"code":"1302","message":"您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"}}"#).zh()
            .url(FOREIGN).expect(C::RateLimit, Medium, S::Unknown),
        http("foreign_siliconflow_model_does_not_exist", 400, r#"{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}"#)
            .url(FOREIGN).model("Qwen/Qwen9-72B").expect(C::ModelNotAvailable, High, S::Client).ev("model", "Qwen/Qwen9-72B (from the request)"),
        http("foreign_vllm_model_not_exist_capped", 404, r#"{"object":"error","message":"The model `llama-3-70b` does not exist.","type":"NotFoundError","param":null,"code":404}"#)
            .url(FOREIGN).expect(C::ModelNotAvailable, Medium, S::Unknown).ev("model", "llama-3-70b"),
        http("foreign_vllm_context_length", 400, r#"{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.","type":"BadRequestError","param":null,"code":400}"#)
            .url(FOREIGN).expect(C::RequestTooLarge, Medium, S::Client),
        http("foreign_ollama_model_not_pulled", 404, r#"{"error":"model \"llama3:70b\" not found, try pulling it first"}"#)
            .url(FOREIGN).expect(C::ModelNotAvailable, Medium, S::Unknown).ev("model", "llama3:70b"),
        http("foreign_dashscope_camelcase_code", 401, r#"{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"9d8c7b6a-1111-2222-3333-444455556666"}"#)
            .url(FOREIGN).expect(C::AuthenticationFailure, Medium, S::Unknown),
        http("upstream_openai_region_not_supported_403", 403, r#"{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}"#)
            .expect(C::TokenUnavailable, High, S::Upstream),
        http("upstream_gemini_user_location_400", 400, r#"{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}"#)
            .on(P::GeminiNative, "POST", "/v1beta/models/gemini-2.5-pro:generateContent").expect(C::TokenUnavailable, Medium, S::Upstream),
        http("model_openai_org_verification_403", 403, r#"{"error":{"message":"Your organization must be verified to use the model `o3`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.","type":"invalid_request_error","param":null,"code":"unsupported_value"}}"#)
            .expect(C::ModelNotAvailable, High, S::Upstream).ev("model", "o3"),
        http("param_model_does_not_support_parameter_zh", 400, r#"{"error":{"message":"模型 gpt-5 不支持 stream 参数","type":"new_api_error"}}"#).zh()
            .expect(C::ParameterError, High, S::Client),
        http("auth_token_invalid_or_expired_variant", 401, r#"{"error":{"message":"token is invalid or expired","type":"new_api_error"}}"#)
            .expect(C::AuthenticationFailure, High, S::Client).cand(C::TokenUnavailable),
        http("too_large_wrapped_in_invalid_request_code", 400, r#"{"error":{"message":"request body too large","type":"new_api_error","code":"invalid_request"}}"#)
            .expect(C::RequestTooLarge, High, S::Client),
        http("betas_anthropic_beta_header_value_rejected", 400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"anthropic-beta: unexpected value(s) `interleaved-thinking-2025-05-14`"}}"#)
            .on(P::ClaudeMessages, "POST", "/v1/messages").expect(C::ClaudeCodeBetas, High, S::Client),
        http("rate_limit_nginx_429_html", 429, "<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>")
            .html().expect(C::RateLimit, High, S::Unknown),
        http("rate_limit_http_date_retry_after", 429, r#"{"error":{"message":"rate limit exceeded","type":"new_api_error"}}"#)
            .set_header("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT").expect(C::RateLimit, High, S::Client).ev("retry-after", "Wed, 21 Oct").act("retry"),
        http("rate_limit_retry_after_ms_header", 429, r#"{"error":{"message":"Too many requests, please slow down","type":"xyz_api_error"}}"#)
            .set_header("retry-after-ms", "2500").expect(C::RateLimit, Medium, S::Client).act("retry-after"),
        http("request_id_from_readable_header", 500, r#"{"error":{"message":"upstream error: do request failed","type":"new_api_error","code":"do_request_failed"}}"#)
            .set_header("x-oneapi-request-id", "2026031299hdr").expect(C::UpstreamFailure, High, S::Upstream).rid("2026031299hdr").ev("request-id", "x-oneapi-request-id"),
        // ---------------- unknown: honest, never invented ----------------
        http("unknown_409_json", 409, r#"{"error":{"message":"conflict with resource state"}}"#).expect(C::Unknown, Low, S::Unknown),
        http("unknown_403_bare_empty", 403, "").expect(C::Unknown, Low, S::Unknown)
            .cand(C::TokenUnavailable).cand(C::InsufficientBalance).cand(C::ModelNotAvailable),
        http("unknown_418_teapot_plain", 418, "I'm a teapot").plain().expect(C::Unknown, Low, S::Unknown),
        http("unknown_500_opaque_is_low_upstream", 500, r#"{"error":{"message":"xyz"}}"#).expect(C::Unknown, Low, S::Unknown).cand(C::ParameterError),
    ]
}

fn check(fx: &Fx, d: &Diagnosis) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fail = |what: String| problems.push(format!("{}: {what}", fx.name));
    if d.category != fx.category {
        fail(format!(
            "category {:?}, expected {:?} ({})",
            d.category, fx.category, d.headline
        ));
    }
    let conf_ok = if fx.exact {
        d.confidence == fx.confidence
    } else {
        d.confidence.at_least(fx.confidence)
    };
    if !conf_ok {
        fail(format!(
            "confidence {:?}, expected {}{:?}",
            d.confidence,
            if fx.exact { "" } else { ">= " },
            fx.confidence
        ));
    }
    if d.side != fx.side {
        fail(format!("side {:?}, expected {:?}", d.side, fx.side));
    }
    for (label, contains) in &fx.evidence {
        let found = d
            .evidence
            .iter()
            .any(|e| e.label == *label && e.value.contains(contains));
        if !found {
            fail(format!(
                "no evidence {label} containing {contains:?} in {:?}",
                d.evidence
            ));
        }
    }
    if let Some(id) = fx.request_id {
        if d.request_id.as_deref() != Some(id) {
            fail(format!("request id {:?}, expected {id}", d.request_id));
        }
    }
    for c in &fx.candidates {
        if !d.candidates.contains(c) {
            fail(format!("candidates {:?} lack {c:?}", d.candidates));
        }
    }
    for a in &fx.actions {
        if !d.actions.iter().any(|x| x.as_str() == *a) {
            fail(format!("actions {:?} lack {a}", d.actions));
        }
    }
    if d.headline.trim().is_empty() || d.explanation.trim().is_empty() {
        fail("empty headline or explanation".into());
    }
    if d.category != Category::Success && d.checks.is_empty() {
        fail("no checks".into());
    }
    problems
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_fixture_is_diagnosed_as_expected() {
    let all = fixtures();
    assert!(all.len() >= 70, "only {} fixtures", all.len());
    let mut names: Vec<&str> = all.iter().map(|f| f.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len(), "fixture names must be unique");
    let mut problems = Vec::new();
    for fx in &all {
        problems.extend(check(fx, &diagnose(&fx.facts, &fx.transport, fx.lang)));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn recognition_does_not_depend_on_the_ui_language() {
    for fx in fixtures() {
        let en = diagnose(&fx.facts, &fx.transport, Lang::En);
        let zh = diagnose(&fx.facts, &fx.transport, Lang::Zh);
        assert_eq!(
            (en.category, en.confidence, en.side),
            (zh.category, zh.confidence, zh.side),
            "{}",
            fx.name
        );
        assert_eq!(en.actions, zh.actions, "{}", fx.name);
        assert!(
            has_cjk(&zh.headline) && has_cjk(&zh.explanation),
            "{}: Chinese text missing: {}",
            fx.name,
            zh.headline
        );
        assert!(
            !has_cjk(&en.headline),
            "{}: English headline has Chinese: {}",
            fx.name,
            en.headline
        );
        for check in zh.checks.iter() {
            assert!(has_cjk(check), "{}: untranslated check {check}", fx.name);
        }
    }
}

#[test]
fn every_seed_row_has_a_fixture() {
    // The seed's "Common Issues" table (9 rows) and its "Parameter Errors" protocol table (6 rows).
    let rows: [(&str, Category); 15] = [
        ("seed_common_auth", C::AuthenticationFailure),
        ("seed_common_token_unavailable", C::TokenUnavailable),
        ("seed_common_balance", C::InsufficientBalance),
        ("seed_common_model", C::ModelNotAvailable),
        ("seed_common_endpoint", C::IncorrectEndpoint),
        ("seed_param_openai_chat", C::ParameterError),
        ("seed_common_claude_code_betas", C::ClaudeCodeBetas),
        ("seed_common_timeout", C::Timeout),
        ("seed_common_rate_limit", C::RateLimit),
        ("seed_param_claude", C::ParameterError),
        ("seed_param_gemini", C::ParameterError),
        ("seed_param_imagen", C::ParameterError),
        ("seed_param_openai_image_edit", C::ParameterError),
        ("seed_param_seedream", C::ParameterError),
        ("seed_auth_missing_sk_prefix", C::AuthenticationFailure),
    ];
    let all = fixtures();
    for (prefix, category) in rows {
        let fx = all
            .iter()
            .find(|f| f.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("no fixture for seed row {prefix}"));
        assert_eq!(fx.category, category, "{prefix}");
    }
}

#[test]
fn absent_request_id_is_said_out_loud() {
    for fx in fixtures() {
        let d = diagnose(&fx.facts, &fx.transport, Lang::En);
        if matches!(fx.transport, Transport::Response { .. }) && d.category != Category::Success {
            let row = d
                .evidence_value("request-id")
                .unwrap_or_else(|| panic!("{}: no request-id row", fx.name));
            assert_eq!(d.request_id.is_some(), !row.starts_with("none"), "{}: {row}", fx.name);
            assert_eq!(
                d.request_id.is_some(),
                d.actions.contains(&Action::CopyRequestId),
                "{}",
                fx.name
            );
            // Nothing asks for an id the answer does not carry.
            if d.request_id.is_none() {
                let checks = d.checks.join(" ");
                assert!(
                    !checks.contains("with the request id") && !checks.contains("the request id and"),
                    "{}: {checks}",
                    fx.name
                );
            }
        }
    }
}

#[test]
fn a_proxy_page_in_front_is_the_gateway_down_and_asks_for_no_request_id() {
    let pages = [
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>",
        "<html><head><title>502 \u{FFFD}\u{FFFD}</title></head><body><h1>502</h1><hr/>Powered by Tengine</body></html>",
    ];
    for page in pages {
        let fx = http("proxy_502", 502, page).html();
        for lang in [Lang::En, Lang::Zh] {
            let d = diagnose(&fx.facts, &fx.transport, lang);
            assert_eq!(d.category, Category::UpstreamFailure, "{page}");
            assert_eq!(d.side, Side::Gateway, "{page}");
            let checks = d.checks.join(" ");
            for wrong in [
                "send the operator the request id",
                "another model",
                "请求 ID 和时间发给",
                "换一个模型",
            ] {
                assert!(!checks.contains(wrong), "{lang:?}: {checks}");
            }
            assert!(checks.contains("proxy") || checks.contains("代理"), "{checks}");
            assert!(
                d.explanation.contains("proxy in front") || d.explanation.contains("前面的代理"),
                "{}",
                d.explanation
            );
        }
    }
}

#[test]
fn every_category_has_words_in_both_languages() {
    for c in Category::ALL {
        assert!(!c.title(Lang::En).is_empty() && has_cjk(c.title(Lang::Zh)), "{c:?}");
        assert!(
            c.as_str().chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "{c:?}"
        );
    }
}

/// A tiny deterministic generator, so the junk is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn with_body(t: &Transport, status: u16, body: &str) -> Transport {
    match t {
        Transport::Response {
            headers,
            headers_hidden_by_cors,
            elapsed_ms,
            stream,
            ..
        } => Transport::Response {
            status,
            headers: headers.clone(),
            headers_hidden_by_cors: *headers_hidden_by_cors,
            body: body.to_string(),
            elapsed_ms: *elapsed_ms,
            stream: stream.clone(),
        },
        other => other.clone(),
    }
}

#[test]
fn diagnose_never_panics_on_truncated_or_junk_bodies() {
    let all = fixtures();
    for fx in &all {
        let Transport::Response { status, body, .. } = &fx.transport else {
            continue;
        };
        // Every prefix, cut on char boundaries only (a &str cannot hold half a character).
        for (i, _) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
            let cut = &body[..i];
            let d = diagnose(&fx.facts, &with_body(&fx.transport, *status, cut), Lang::Zh);
            assert!(!d.headline.is_empty(), "{} cut at {i}", fx.name);
        }
        if let Some(StreamEnd::ErrorEvent { body: event }) = match &fx.transport {
            Transport::Response { stream, .. } => stream.as_ref(),
            _ => None,
        } {
            for (i, _) in event.char_indices() {
                let mut t = fx.transport.clone();
                if let Transport::Response { stream, .. } = &mut t {
                    *stream = Some(StreamEnd::ErrorEvent {
                        body: event[..i].to_string(),
                    });
                }
                diagnose(&fx.facts, &t, Lang::En);
            }
        }
    }
    let alphabet: Vec<char> =
        "{}[]\":,\\ ntrue0123456789-.eE错误令牌（）：request id:(model)<html>\u{0}\u{feff}\n\t`'_/"
            .chars()
            .collect();
    let mut rng = Lcg(7);
    let base = http("junk", 500, "");
    let mut junk: Vec<String> = vec![
        "{".into(),
        "{\"error\":".into(),
        "{\"error\":{\"message\":null,\"code\":{},\"type\":[]}}".into(),
        "{\"error\":{\"message\":\"{\\\"error\\\":{\\\"message\\\":\\\"{\\\\\\\"error\\\\\\\":1}\\\"}}\"}}".into(),
        "[".repeat(5000),
        "{\"a\":".repeat(300),
        "<title>".into(),
        "<html><title></title>".into(),
        "request id: ".into(),
        "分钟内最多请求".into(),
        "maximum requests in".into(),
        "try again in 99999999999999999999999999s".into(),
        "try again in .s".into(),
        "event: error\ndata:".into(),
        "\u{feff}".into(),
    ];
    for _ in 0..400 {
        let len = (rng.next() % 120) as usize;
        junk.push(
            (0..len)
                .map(|_| alphabet[(rng.next() as usize) % alphabet.len()])
                .collect(),
        );
    }
    for (n, body) in junk.iter().enumerate() {
        let status = [0u16, 200, 204, 400, 401, 403, 404, 413, 429, 500, 503, 524, 599, 999][n % 14];
        diagnose(&base.facts, &with_body(&base.transport, status, body), Lang::En);
        let stream = Transport::Response {
            status: 200,
            headers: vec![],
            headers_hidden_by_cors: true,
            body: String::new(),
            elapsed_ms: 1,
            stream: Some(StreamEnd::ErrorEvent { body: body.clone() }),
        };
        diagnose(&base.facts, &stream, Lang::Zh);
        diagnose(
            &base.facts,
            &Transport::NetworkError {
                message: body.clone(),
                elapsed_ms: 0,
            },
            Lang::En,
        );
    }
    let odd_facts = RequestFacts {
        url: "::::////??##".into(),
        method: String::new(),
        ..RequestFacts::default()
    };
    diagnose(
        &odd_facts,
        &Transport::NetworkError {
            message: String::new(),
            elapsed_ms: u64::MAX,
        },
        Lang::Zh,
    );
    diagnose(&odd_facts, &Transport::TimedOut { after_ms: u64::MAX }, Lang::En);
}
