//! Signatures: the ordered rule table, codes first, then EN/ZH message patterns.
//! Several gateway generations, upstream vendors and foreign gateways answer in the
//! wild, so each rule lists many wordings and the matcher (see `matching`) folds
//! case, punctuation and spacing; what the table does not know stays unknown.

use super::matching::Hay;
use super::reason::Reason;

/// The order rules are tried in: decisive codes, specific phrases, generic keywords,
/// then generic codes (`invalid_request_error`, `upstream_error`) that only say
/// which side answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    Code,
    Phrase,
    Keyword,
    WeakCode,
}

impl Tier {
    /// Every tier, in the order tried.
    pub(crate) const ORDER: [Tier; 4] = [Tier::Code, Tier::Phrase, Tier::Keyword, Tier::WeakCode];
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Test {
    /// One of the codes/types equals one of these (normalised).
    Code(&'static [&'static str]),
    /// A code matches and the text has one of the words.
    CodeAnd(&'static [&'static str], &'static [&'static str]),
    /// The text has one of these.
    Text(&'static [&'static str]),
    /// The text has one of the first and one of the second.
    TextAnd(&'static [&'static str], &'static [&'static str]),
}

/// One signature: where it ranks, what it tests, which cause it means.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) tier: Tier,
    pub(crate) reason: Reason,
    pub(crate) test: Test,
}

impl Rule {
    /// Describes the match for evidence ("code = model_not_found", "message has “无可用渠道”").
    pub(crate) fn matches(&self, codes: &[String], hay: &Hay) -> Option<String> {
        let code_hit = |pats: &[&'static str]| codes.iter().find(|c| pats.contains(&c.as_str())).cloned();
        match self.test {
            Test::Code(pats) => code_hit(pats).map(|c| format!("code/type = {c}")),
            Test::CodeAnd(pats, words) => {
                let c = code_hit(pats)?;
                let w = hay.first_of(words)?;
                Some(format!("code/type = {c} + message has “{w}”"))
            }
            Test::Text(pats) => hay.first_of(pats).map(|p| format!("message has “{p}”")),
            Test::TextAnd(a, b) => {
                let x = hay.first_of(a)?;
                let y = hay.first_of(b)?;
                Some(format!("message has “{x}” + “{y}”"))
            }
        }
    }
}

const fn rule(tier: Tier, reason: Reason, test: Test) -> Rule {
    Rule { tier, reason, test }
}

use Reason as R;
use Test::{Code, CodeAnd, Text, TextAnd};
use Tier::{Code as C, Keyword as K, Phrase as P, WeakCode as W};

const REQUIRED: &[&str] = &[
    "is required",
    "field required",
    "required property",
    "is missing",
    "missing required",
    "must not be empty",
    "cannot be empty",
    "can't be empty",
    "is not specified",
    "不能为空",
    "必填",
    "缺少",
];

// One signature per line reads as a table; rustfmt would stack every pattern vertically.
#[rustfmt::skip]
/// Every signature, in priority order within each tier. Patterns are written already
/// normalised: lower-case, `_`/`-` as spaces, ASCII punctuation.
pub(crate) const RULES: &[Rule] = &[
    // ---- decisive codes (new-api `types/error.go`, OpenAI, Anthropic, Google) ----
    rule(C, R::BodyTooLarge, Code(&["read request body failed", "request too large", "request entity too large", "payload too large", "request body too large"])),
    rule(C, R::NotImplemented, Code(&["api not implemented", "not implemented"])),
    rule(C, R::ModelNotPriced, Code(&["model price error"])),
    rule(C, R::UserQuota, CodeAnd(&["pre consume token quota failed"], &["用户额度", "user quota"])),
    rule(C, R::TokenQuotaLow, Code(&["pre consume token quota failed"])),
    rule(C, R::SensitiveWords, Code(&["sensitive words detected"])),
    rule(C, R::TaskNotFound, Code(&["task not exist", "task not found", "task does not exist"])),
    // An image size the model does not offer: the request's value, not the model.
    rule(C, R::GenericParam, Code(&["invalid size", "size not supported"])),
    // An image file the endpoint cannot read (OpenAI's `invalid_image_file`): the upload.
    rule(C, R::GenericParam, Code(&["invalid image file", "invalid image format", "invalid image"])),
    // claude-relay-service: the key's own daily spending cap (402, so clients do not retry).
    rule(C, R::SpendCap, Code(&["daily cost limit exceeded", "cost limit exceeded"])),
    rule(C, R::AccountCap, Code(&["set limit exceeded"])),
    rule(C, R::GatewayOverloaded, Code(&["system cpu overloaded", "system memory overloaded", "system disk overloaded"])),
    rule(C, R::GatewayInternal, Code(&["one api panic", "new api panic", "no db connection"])),
    rule(C, R::TokenExpired, Code(&["expired key"])),
    // Cerebras: per-minute token and request quotas (429), not a too-large request.
    // Cerebras' per-window limits; the same code from a licence whose allowance is used up
    // (Chatbox AI) says so in words, read by the phrases below.
    rule(C, R::GatewayLimit, CodeAnd(&["token quota exceeded", "request quota exceeded"], &["per minute", "per second", "per hour", "per day", "too many"])),
    // TencentCloud API (Hunyuan): the request's signature or SecretId was refused.
    rule(C, R::KeyInvalid, Code(&["auth failure.signature failure", "auth failure.secret id not found", "auth failure.invalid secret id", "auth failure.signature expire", "auth failure.invalid authorization", "auth failure.token failure", "authorized error"])),
    // An account cut off for its conduct (Kimi's `access_terminated_error`).
    rule(C, R::AccountBanned, Code(&["access terminated error", "account deactivated"])),
    // OpenAI: an account that belongs to no organization cannot use its keys.
    rule(C, R::PermissionDenied, Code(&["no organization"])),
    // Azure: key authentication switched off on the resource (Entra ID only).
    rule(C, R::KeyScope, Code(&["authentication type disabled"])),
    rule(C, R::ContextLength, Code(&["exceed context size error"])),
    // The Codex backend's plan window ("The usage limit has been reached", with its reset).
    rule(C, R::GatewayLimit, Code(&["usage limit reached"])),
    // ChatAnywhere: the relay's own key check failed inside (not the caller's key).
    rule(C, R::GatewayInternal, Code(&["auth subrequest error"])),
    rule(C, R::ModelNoAccess, Code(&["key model access denied", "team model access denied", "user model access denied", "org model access denied"])),
    rule(C, R::CorsRefused, CodeAnd(&["authentication error", "permission error"], &["cors requests must", "direct browser access", "cors requests are not allowed"])),
    rule(C, R::TokenExpired, CodeAnd(&["api key invalid", "invalid argument"], &["key expired", "renew the api key"])),
    rule(C, R::TokenDisabled, Code(&["service disabled", "consumer suspended", "api key service blocked"])),
    rule(C, R::RouteNotFound, Code(&["unknown url"])),
    rule(C, R::WrongOperation, Code(&["operation not supported"])),
    rule(C, R::ModelNotFound, Code(&["model deprecated", "model decommissioned"])),
    // Volcengine Ark: an "endpoint" is a model deployment (`ep-…`), not a URL path.
    rule(C, R::ModelNotFound, Code(&["invalid endpoint.not found", "invalid endpoint or model.not found"])),
    rule(C, R::PermissionDenied, Code(&["mismatched organization", "missing scope", "insufficient permissions"])),
    rule(C, R::TooManyTokens, CodeAnd(&["rate limit exceeded", "tokens"], &["request too large for"])),
    rule(C, R::ModelNoAccess, CodeAnd(&["unsupported value", "invalid request error"], &["must be verified", "verify organization"])),
    rule(C, R::GenericParam, Code(&["unsupported value", "invalid value", "unsupported parameter"])),
    rule(C, R::TokenQuotaLow, CodeAnd(&["budget exceeded"], &["key=", "virtual key"])),
    // A fork that keeps the token's own states apart still codes an exhausted token
    // `insufficient_user_quota`; the words say it is the token's quota, not the wallet.
    rule(C, R::TokenExhausted, CodeAnd(&["insufficient user quota"], &["this token", "该令牌"])),
    // Volcengine Ark: the model exists but the account has not switched it on.
    rule(C, R::ModelNoAccess, Code(&["model not open"])),
    // new-api forks: the upstream stopped serving this model id.
    rule(C, R::ModelNotFound, Code(&["model officially unsupported"])),
    // new-api's video remix: the channel that made the original video is switched off.
    rule(C, R::NoChannel, Code(&["task channel disable"])),
    // Vertex: Veo called with `:predict` answers 429 RESOURCE_EXHAUSTED, but its words name
    // the method to use: the route, not a quota.
    rule(C, R::WrongOperation, CodeAnd(&["resource exhausted"], &["predictlongrunning"])),
    // Vidu's task failure codes, as new-api's `/v1/videos` passes them on.
    rule(C, R::GenericParam, Code(&["image download failure"])),
    rule(C, R::ContentPolicy, Code(&["creation policy violation"])),
    // LiteLLM's auth layer words two refusals of the request as auth errors: a provider
    // address in the body, and a Responses id that belongs to another user.
    rule(C, R::GenericParam, CodeAnd(&["auth error", "authentication error"], &["not allowed in request body"])),
    // More of LiteLLM's auth layer: a `user` field it requires, a guardrail change the team
    // may not make (the request's), a key past its expiry (the key's state), a model no team
    // of the caller may use, and its own database unreachable (its failure, not the key).
    rule(C, R::GenericParam, CodeAnd(&["auth error", "authentication error"], &["param not passed in", "permission to modify guardrails"])),
    rule(C, R::TokenExpired, CodeAnd(&["auth error", "authentication error"], &["expired key"])),
    rule(C, R::ModelNoAccess, CodeAnd(&["auth error", "authentication error"], &["access to the requested model"])),
    rule(C, R::GatewayInternal, CodeAnd(&["auth error", "authentication error"], &["all connection attempts failed"])),
    rule(C, R::GenericParam, CodeAnd(&["permission error"], &["response id is not associated"])),
    // claude-code-router: the provider the model name points at is not in its config.
    // one-hub words a key's model allow-list refusing the model with the same code as a
    // missing provider.
    rule(C, R::ModelNoAccess, CodeAnd(&["provider not found"], &["not supported for current token"])),
    rule(C, R::NoChannel, Code(&["provider not found"])),
    // Moonshot's rate limits (`rate_limit_reached_error`); its concurrency cap is refined below.
    rule(C, R::GatewayLimit, Code(&["rate limit reached error"])),
    // 302.AI's parameter error typed `api_error`.
    rule(C, R::GenericParam, CodeAnd(&["api error"], &["parameter error", "参数错误"])),
    // Together: a dedicated endpoint for the model that is stopped.
    rule(C, R::ModelNotFound, Code(&["dedicated endpoint not running"])),
    // Dify's and FastGPT's own codes.
    rule(C, R::WrongOperation, Code(&["not workflow app"])),
    rule(C, R::NoChannel, Code(&["provider not initialize"])),
    // new-api's own failures under codes that usually mean something else: its database out
    // of step with its channel cache, a model mapping that loops.
    rule(C, R::GatewayInternal, CodeAnd(&["model not found", "get channel failed"], &["数据库一致性", "database consistency"])),
    rule(C, R::GatewayInternal, CodeAnd(&["channel:model mapped error"], &["contains cycle"])),
    // sub2api's Gemini route answers a model path without its `:action` with Google's
    // NOT_FOUND: the path, not the model.
    rule(C, R::RouteNotFound, CodeAnd(&["not found"], &["invalid model action path"])),
    // Google: a free-tier quota of 0 for the model ("limit: 0"): no waiting helps, only
    // billing on the project does.
    rule(C, R::UserQuota, CodeAnd(&["resource exhausted"], &["limit: 0,", "limit: 0 "])),
    // Gemini's prepaid billing: the credits, not a rate, are used up.
    rule(C, R::UserQuota, CodeAnd(&["resource exhausted"], &["credits are depleted"])),
    // Google: a key restricted to some referrers, addresses or apps (`ErrorInfo.reason`).
    rule(C, R::IpNotAllowed, Code(&["api key http referrer blocked", "api key ip address blocked", "api key android app blocked", "api key ios app blocked"])),
    // Google: a file the request names that this key cannot read (or that is gone).
    rule(C, R::GenericParam, CodeAnd(&["permission denied"], &["access the file"])),
    // Bifrost's governance: an unknown virtual key.
    rule(C, R::KeyInvalid, Code(&["virtual key not found"])),
    rule(C, R::UserQuota, Code(&["budget exceeded"])),
    rule(C, R::UserQuota, Code(&["insufficient user quota", "insufficient balance", "quota not enough", "arrearage", "overdue payment", "account overdue", "entitlement required", "entitlement inactive", "entitlement daily limit exceeded", "entitlement total limit exceeded", "billing hard limit reached", "billing not active"])),
    // OpenAI's `insufficient_quota` is a 429 but billing, not a rate limit.
    rule(C, R::UpstreamQuota, Code(&["insufficient quota"])),
    rule(C, R::UpstreamKey, Code(&["channel:invalid key"])),
    rule(C, R::KeyInvalid, Code(&["invalid api key", "api key invalid", "authentication error", "unauthenticated", "invalid authentication", "authentication failed", "invalid key", "incorrect api key", "api key expired", "auth unauthorized", "auth token expired", "auth session revoked"])),
    rule(C, R::IpNotAllowed, CodeAnd(&["access denied"], &["ip", "ip地址"])),
    rule(C, R::ModelNotFound, Code(&["model not found", "model not available", "model not supported", "unsupported model", "invalid model", "model not exist", "model does not exist", "deployment not found"])),
    rule(C, R::ModelNotFound, CodeAnd(&["not found error", "not found"], &["model", "models/", "模型"])),
    rule(C, R::ModelNoAccess, CodeAnd(&["permission error", "permission denied"], &["model", "模型"])),
    rule(C, R::Concurrency, Code(&["token concurrency limit reached", "token concurrency unavailable", "concurrency limit exceeded"])),
    rule(C, R::GatewayLimit, Code(&["rate limit exceeded", "rate limit error", "resource exhausted", "too many requests", "rate limited", "rate limit", "ratelimit"])),
    rule(C, R::ContextLength, Code(&["context length exceeded", "string above max length", "context window exceeded"])),
    rule(C, R::ContentPolicy, Code(&["prompt blocked", "content policy violation", "content filter", "content filtered", "moderation blocked"])),
    rule(C, R::UpstreamBadStatus, Code(&["bad response body", "unmarshal response body failed", "read response body failed", "bad response", "empty response"])),
    // codex2api types its pool of accounts whose own keys were all refused `overloaded_error`.
    rule(C, R::UpstreamKey, CodeAnd(&["overloaded error"], &["上游账号鉴权失效"])),
    rule(C, R::Overloaded, Code(&["overloaded error", "overloaded", "server overloaded"])),
    // CLIProxyAPI types a provider's stream that closed before its end as a 408
    // (`request_timeout`, `invalid_request_error`); its words say what happened.
    rule(C, R::StreamEndedEarly, CodeAnd(&["request timeout", "invalid request error"], &["stream disconnected before completion"])),
    rule(C, R::UpstreamTimeout, Code(&["channel:response time exceeded", "deadline exceeded", "gateway timeout", "timeout", "request timeout", "upstream timeout"])),
    rule(C, R::MethodNotAllowed, Code(&["method not allowed"])),
    // Bedrock reached and refusing the request as sent (`ValidationException`): a parameter
    // error, whether the caller's or the gateway's conversion's.
    rule(C, R::GenericParam, CodeAnd(&["aws invoke error"], &["validationexception"])),
    rule(C, R::KeyPoolEmpty, Code(&["no keys available"])),
    rule(C, R::UpstreamRequestFailed, Code(&["channel:no available key", "channel:model mapped error", "channel:aws client error", "channel:param override invalid", "channel:header override invalid", "aws invoke error"])),
    rule(C, R::RegionBlocked, Code(&["unsupported country region territory", "unsupported region"])),
    // ---- specific phrases, EN and ZH, older and newer wordings ----
    // A field of the wrong JSON type ("field model must be a string") is the request's
    // shape, whatever field it names.
    // Read first: a JSON decoder's "found invalid token at character 1" is the body's
    // syntax, never the key ("invalid token" below).
    rule(P, R::InvalidJson, Text(&["could not parse json", "expected value but found invalid token", "bad json formatting"])),
    // "Invalid key" of a JSON object (a misspelt field) is the body's, not the API key; a
    // timeout value the request set wrong is a parameter, not a timeout.
    rule(P, R::UnknownField, TextAnd(&["invalid key", "unknown key", "unrecognized key", "unrecognised key"], &["in request body", "in the request body", "in body", "in json", "in object"])),
    rule(P, R::GenericParam, TextAnd(&["timeout"], &["must be", "should be", "invalid value", "invalid timeout", "expected a", "out of range"])),
    // LiteLLM's own failures, whatever provider name they carry: a Python TypeError, its
    // model of a provider's answer refusing that answer, its limiter unable to count.
    rule(P, R::GatewayInternal, Text(&["not supported between instances of", "errors for responsesapiresponse", "error for responsesapiresponse", "errors for modelresponse", "error for modelresponse", "rate limit enforcement unavailable"])),
    // A gateway's own code crashing mid-stream (new-api's relay terminal guard).
    rule(P, R::GatewayInternal, Text(&["handler panic"])),
    // Google's CANCELLED says the operation was cancelled, not by whom (the client, a
    // deadline, the server): not sure.
    rule(C, R::Unrecognised, Code(&["cancelled"])),
    // LiteLLM's guardrails and limits, in its words.
    rule(P, R::ContentPolicy, Text(&["prompt injection attack"])),
    rule(P, R::TooManyTokens, Text(&["can never be admitted"])),
    rule(P, R::UserQuota, Text(&["session budget exceeded"])),
    rule(P, R::GatewayLimit, Text(&["max iterations exceeded"])),
    rule(P, R::UpstreamQuota, Text(&["exceeded budget for provider"])),
    rule(P, R::KeyScope, Text(&["not allowed to call this route", "only allowed to call routes"])),
    // Vertex: a model called through a prediction method it does not serve (Gemini through
    // `:predict`): the method; through a gateway, the gateway's choice (see `rules`).
    rule(P, R::WrongOperation, Text(&["cannot be accessed through vertex predict"])),
    // OpenAI: an image part sent to a model that reads text only.
    rule(P, R::GenericParam, Text(&["image url is only supported by certain models"])),
    // sub2api's Gemini route: a model path without its `:action` (before "invalid model").
    rule(P, R::RouteNotFound, Text(&["invalid model action path"])),
    // A tokenizer's "invalid token" is a token of the text, not the key; nor is a count of
    // tokens ("Invalid token count: prompt has 40000 tokens"), which is the context's size.
    rule(P, R::GenericParam, Text(&["invalid token id", "tokenizer error", "invalid token in prompt", "invalid token at position"])),
    rule(P, R::ContextLength, Text(&["invalid token count", "令牌数超过", "令牌数超出", "token 数量超出", "token 数超过", "超出模型最大上下文", "超过模型最大上下文"])),
    // The words that name the model or the key beside a generic "no permission" or "bad
    // format" decide which it is.
    rule(P, R::ModelNoAccess, TextAnd(&["无权限访问", "没有权限访问", "无权限使用", "没有权限使用"], &["模型"])),
    rule(P, R::KeyInvalid, Text(&["key 格式错误", "密钥格式错误", "令牌格式错误", "key 格式不正确", "密钥格式不正确"])),
    rule(P, R::BodyTooLarge, Text(&["图片大小超过", "图片过大", "图片太大", "文件大小超过", "文件过大"])),
    // The clouds' own words (Bedrock's bare `{"message"}`, Azure's and Vertex's envelopes).
    rule(P, R::TokenExpired, Text(&["security token included in the request is expired"])),
    rule(P, R::BodyTooLarge, TextAnd(&["value at 'body'"], &["length less than or equal"])),
    rule(P, R::BodyTooLarge, TextAnd(&["malformed input request"], &["expected maxlength"])),
    rule(P, R::Overloaded, Text(&["bedrock is unable to process your request"])),
    rule(P, R::UserQuota, Text(&["invalid payment instrument"])),
    rule(P, R::ModelNoAccess, Text(&["model access is denied"])),
    rule(P, R::IpNotAllowed, Text(&["public access is disabled", "virtual network/firewall rules", "virtual network firewall rules"])),
    rule(P, R::ModelMissing, Text(&["no model specified"])),
    rule(P, R::GenericParam, Text(&["restricted harmblockthreshold"])),
    // Vertex: Claude asked for under Google's publisher path (`publishers/google/models/claude…`).
    rule(P, R::WrongOperation, TextAnd(&["is infeasible for"], &["publishers/google/models/claude", "publishers google models claude"])),
    // Claude Code relays and routers, in their own words.
    rule(P, R::NotImplemented, Text(&["token counting is not supported"])),
    rule(P, R::UpstreamKey, Text(&["upstream access forbidden"])),
    rule(P, R::Concurrency, Text(&["waiting for concurrency slot", "high concurrency usage", "reduce concurrency"])),
    rule(P, R::ModelNoAccess, Text(&["该模型访问权限", "无该模型的访问权限"])),
    rule(P, R::KeyScope, Text(&["无权访问 claude 服务", "无权访问该服务"])),
    rule(P, R::NoChannel, Text(&["no auth available"])),
    rule(P, R::NoChannel, TextAnd(&["provider '"], &["' not found"])),
    rule(P, R::GatewayInternal, Text(&["failed to count tokens"])),
    // Chinese providers' own words (Zhipu, Moonshot, DashScope, DeepSeek, SiliconFlow).
    rule(P, R::KeyInvalid, Text(&["token非法", "token 非法"])),
    rule(P, R::TokenExpired, Text(&["token已过期", "token 已过期"])),
    rule(P, R::GenericParam, Text(&["参数非法", "parameter is illegal", "invalid temperature", "invalid top p"])),
    rule(P, R::ContextLength, Text(&["prompt exceeds max length", "exceeded model token limit"])),
    rule(P, R::Overloaded, Text(&["访问量过大"])),
    rule(P, R::Concurrency, Text(&["max organization concurrency"])),
    rule(P, R::UserQuota, Text(&["free tier of the model has been exhausted"])),
    rule(P, R::KeyScope, Text(&["workspace access denied"])),
    rule(P, R::ContentPolicy, Text(&["content exists risk"])),
    rule(P, R::ModelNoAccess, Text(&["model disabled"])),
    // A model the Responses API does not serve (through a gateway on another route, the
    // gateway's translation: see `rules`).
    rule(P, R::ModelNotFound, Text(&["not supported with responses api"])),
    // A URL the request names that points at a private address (a gateway's guard against
    // server-side fetches): the request's URL, not the caller's IP.
    rule(P, R::GenericParam, Text(&["not in a public range", "resolves to a private", "private ip address is not allowed", "url not allowed"])),
    // Spring's answer for a path nothing maps (a doubled `/chat/completions`).
    rule(P, R::RouteNotFound, Text(&["no static resource"])),
    // Hosted APIs' own words (GitHub Models, NVIDIA's API catalog, DeepInfra, Portkey,
    // a provider's "Param Incorrect" relayed by OpenRouter).
    rule(P, R::PermissionDenied, Text(&["account type is not currently supported", "resource not accessible by integration"])),
    rule(P, R::ModelNotFound, Text(&["not found for account"])),
    rule(P, R::KeyInvalid, Text(&["authorization failed", "not authenticated"])),
    rule(P, R::GenericParam, Text(&["param incorrect", "invalid provider passed", "invalid config passed", "invalid content type passed"])),
    // A charge still being settled: retry shortly; no empty balance is said.
    rule(P, R::Unrecognised, Text(&["still being reconciled"])),
    // Apps people use as gateways (Dify, FastGPT, CoAI, gpt4free, KoboldCpp, GPUStack,
    // AnythingLLM), in their own words.
    rule(P, R::KeyInvalid, Text(&["could not verify that you are authorized", "凭证错误", "provide correct api key", "provide a correct api key", "authentication key is missing or invalid", "no valid api key found"])),
    // HTTP basic authentication in front of the API (a tunnel's or a proxy's password).
    rule(P, R::KeyInvalid, Text(&["authorization required"])),
    // Open WebUI with API keys switched off by its admin.
    rule(P, R::PermissionDenied, Text(&["use of api key is not enabled"])),
    // FastGPT's untranslated key for its 403 text ("凭证错误").
    rule(P, R::KeyInvalid, Text(&["code error.error message.403"])),
    rule(P, R::UserQuota, Text(&["exceeds user quota"])),
    rule(P, R::NoChannel, Text(&["cannot find channel for model", "no running instances available"])),
    rule(P, R::UpstreamRequestFailed, Text(&["retryprovider failed", "retryprovidererror"])),
    // A server's own generic failure: werkzeug's stock 500, a JavaScript TypeError.
    rule(P, R::GatewayInternal, Text(&["either the server is overloaded or there is an error in the application", "cannot read properties of undefined", "cannot read property"])),
    // Gemini's own words for its limits and settings.
    rule(P, R::BodyTooLarge, Text(&["request payload size exceeds the limit"])),
    rule(P, R::GenericParam, Text(&["budget 0 is invalid", "only works in thinking mode"])),
    // Words of the Responses and image APIs and of the bridges between them.
    rule(P, R::ModelMissing, Text(&["missing required parameter: 'model'"])),
    rule(P, R::GenericParam, Text(&["missing required parameter"])),
    rule(P, R::GenericParam, TextAnd(&["tool choice"], &["not found in 'tools'"])),
    // OpenAI's image tool: a streamed image call without partial images.
    rule(P, R::GenericParam, Text(&["must have non zero partial images"])),
    rule(P, R::NotImplemented, TextAnd(&["unsupported endpoint"], &["for api type"])),
    // Self-hosted servers' own words (Ollama, MLX-LM, llama.cpp, vLLM, LM Studio, Xinference).
    rule(P, R::ModelNotFound, Text(&["does not support chat"])),
    rule(P, R::GenericParam, Text(&["only 'text' content type is supported", "requires jinja flag", "default chat template is no longer allowed", "must provide a chat template"])),
    rule(P, R::NoChannel, Text(&["no models loaded"])),
    rule(P, R::ServerError, Text(&["model is loading", "not yet ready for inference", "no ready token router runtime"])),
    rule(P, R::KeyInvalid, Text(&["could not validate credentials"])),
    rule(P, R::IpNotAllowed, Text(&["access denied for ip"])),
    // Anthropic's words relayed with their documentation link cut (new-api types them `<nil>`).
    rule(P, R::GenericParam, Text(&["blocks with cache control may be provided", "may only be set to 1 when thinking"])),
    // one-hub and done-hub: a route the operator switched off, a file call without the
    // channel it needs, a Midjourney speed mode its path does not offer.
    rule(P, R::NotImplemented, Text(&["gemini api is not supported", "claude api is not supported"])),
    rule(P, R::GenericParam, Text(&["必须指定渠道"])),
    rule(P, R::RouteNotFound, Text(&["无效的加速模式"])),
    // Relays' own words (sub2api, CLIProxyAPI, gpt-load).
    rule(P, R::AccountBanned, Text(&["account is not active"])),
    rule(P, R::UserQuota, Text(&["no active subscription", "subscription has expired"])),
    rule(P, R::WrongOperation, Text(&["group platform is not"])),
    rule(P, R::NoChannel, TextAnd(&["no available"], &["accounts supporting model"])),
    rule(P, R::NoChannel, Text(&["is not configured in redirect rules"])),
    rule(P, R::GatewayInternal, Text(&["failed to retrieve proxy group"])),
    rule(P, R::UpstreamKey, Text(&["upstream authentication failed"])),
    rule(P, R::UpstreamLimit, Text(&["are cooling down via provider"])),
    // Relays of web accounts and key pools (kimi-free-api, gemini-balance, coze-discord-proxy),
    // and OpenRouter's management routes.
    rule(P, R::RouteNotFound, Text(&["正确请求为"])),
    rule(P, R::KeyInvalid, Text(&["headers.authorization invalid", "invalid authorization header"])),
    rule(P, R::KeyInvalid, TextAnd(&["authorization"], &["校验失败"])),
    rule(P, R::GenericParam, Text(&["params body."])),
    rule(P, R::Concurrency, Text(&["已有对话流正在输出"])),
    rule(P, R::NoChannel, Text(&["no available bot"])),
    rule(P, R::KeyPoolEmpty, Text(&["no valid api keys available"])),
    rule(P, R::GatewayInternal, Text(&["internal server error during"])),
    rule(P, R::PermissionDenied, Text(&["only management keys"])),
    rule(P, R::RouteNotFound, Text(&["api has been removed"])),
    // new-api's newest words (2026-08).
    rule(P, R::ModelNoAccess, Text(&["no access to any models"])),
    rule(P, R::GatewayInternal, Text(&["rate limit check failed"])),
    rule(P, R::NoChannel, Text(&["可用渠道不存在"])),
    rule(P, R::NoChannel, TextAnd(&["channel:"], &["endpoint not supported"])),
    rule(P, R::ModelNotPriced, Text(&["has no billing expression"])),
    rule(P, R::GenericParam, Text(&["超出有效范围"])),
    rule(P, R::Unrecognised, Text(&["最大令牌数量限制"])),
    // An account suspended (not one key: Google's "Consumer 'api_key:…' has been suspended"
    // below is the key).
    rule(P, R::AccountBanned, Text(&["account has been suspended", "account is suspended"])),
    // JavaScript's JSON.parse: an HTML page where JSON was expected is what the server
    // behind answered (a gateway reading its provider's error page); a stray character at
    // a position is the request body's syntax.
    rule(P, R::UpstreamBadStatus, TextAnd(&["unexpected token"], &["doctype", "<html", "is not valid json"])),
    rule(P, R::InvalidJson, TextAnd(&["unexpected token"], &["in json at position", "json at position"])),
    // A missing model named as such, before "not found" reads as an unknown model.
    rule(P, R::ModelMissing, Text(&["model field is required", "model parameter not found in request"])),
    // new-api's Midjourney relay refusing a button it cannot relay, or an action on a task
    // not finished yet (typed `upstream_error`, though the checks are its own).
    rule(P, R::GenericParam, Text(&["unknown action:", "task status not success"])),
    // The account API: a token name over its length.
    rule(P, R::GenericParam, Text(&["名称过长", "name is too long", "name too long"])),
    // one-api: an admin key pinned to a channel (`sk-…-<id>`) whose id is not one.
    rule(P, R::GenericParam, Text(&["无效的渠道 id", "invalid channel id"])),
    // new-api's token settings: an auto group the user may not pick, or too many of them.
    rule(P, R::GenericParam, Text(&["auto group", "auto 分组"])),
    // new-api: a route (the Codex web search) that the channel type behind the model lacks.
    rule(P, R::NoChannel, Text(&["channel does not support /", "no keys found that support model"])),
    // A size written the wrong way for the provider ("invalid size: 1280x720, example: 1920*1080").
    rule(P, R::GenericParam, Text(&["invalid size"])),
    // Kong's ai-proxy and APISIX's ai-proxy: the route's configured format or streaming.
    rule(P, R::GenericParam, Text(&["streaming is not enabled", "format is not compatible with", "contain valid prompts"])),
    rule(P, R::GenericParam, TextAnd(&["does not support"], &["protocol (supported"])),
    // Envoy AI Gateway: no route for the model, or no processor for the path.
    rule(P, R::ModelNotFound, Text(&["model specified in your request is not configured"])),
    rule(P, R::RouteNotFound, Text(&["unsupported path:", "no handler found on route"])),
    // OpenAI: a model served on the Responses API only.
    rule(P, R::WrongOperation, Text(&["is only supported in v1/responses"])),
    // Higress' per-consumer quota: the key's own allowance.
    rule(P, R::TokenExhausted, Text(&["ai quota check"])),
    rule(P, R::TokenDisabled, Text(&["api key was disabled"])),
    rule(P, R::KeyInvalid, Text(&["virtual key not found", "multiple authentication credentials"])),
    // A JWT-checking front (Envoy's jwt_authn) in front of the gateway: an `sk-` key is not
    // the credential it takes.
    rule(P, R::KeyInvalid, Text(&["jwt is not in the form", "jwt is missing", "jwt verification fails"])),
    // new-api could not even sign the call with the channel's key (Kling's `accessKey|secretKey`):
    // the channel's credential, which only the operator can fix.
    rule(P, R::UpstreamKey, Text(&["setup request header failed"])),
    // A body over a server's size limit, in its own words.
    rule(P, R::BodyTooLarge, TextAnd(&["request size", "body size"], &["is greater than the maximum", "exceeds the maximum"])),
    // Cloudflare's rate-limiting rule, and a Workers plan's daily request allowance (1027),
    // as the bare text API clients get.
    rule(P, R::GatewayLimit, Text(&["error code: 1015", "error code: 1027"])),
    // Volcengine Ark: the account's own per-model limit ("Safe Experience Mode"), answered as
    // 429 `TooManyRequests` though waiting does not lift it.
    rule(P, R::AccountCap, Text(&["reached the set inference limit"])),
    // Ark's and Seedream's moderation of what goes in or comes out, in their own words.
    rule(P, R::ContentPolicy, Text(&["may contain sensitive information", "may contain real person", "sensitive content detected"])),
    // Ark: image and text together over a message's token budget.
    rule(P, R::ContextLength, Text(&["exceed max message tokens", "exceeds max message tokens"])),
    // Kling: more tasks running than the resource pack allows at once.
    rule(P, R::Concurrency, Text(&["parallel task over"])),
    // Baidu Qianfan's classic API: a path it has no method for.
    rule(P, R::RouteNotFound, Text(&["unsupported openapi method"])),
    // A relay's account pool has no account allowed for this model (claude-relay-service).
    rule(P, R::NoChannel, TextAnd(&["no available"], &["support the requested model", "supports the requested model"])),
    // A key's (or a licence's) own token allowance, in Chatbox AI's words.
    rule(P, R::TokenExhausted, Text(&["token quota has been fully utilized", "token配额已经全部用完"])),
    // Vercel's proxy could not reach the address a rewrite points at.
    rule(P, R::UpstreamRequestFailed, Text(&["router external target connection error", "dns hostname not found"])),
    // AWS Lambda's synchronous payload limit, before the function runs.
    rule(P, R::BodyTooLarge, TextAnd(&["must be smaller than"], &["bytes"])),
    // A Lambda function URL that admits only calls signed with AWS credentials (Cloud Run's
    // page for the same is read from its status, see `rules::status_fallback`).
    rule(P, R::HostAuth, Text(&["function url authorization"])),
    rule(P, R::StreamEndedEarly, Text(&["stream disconnected before completion", "stream closed before response.completed"])),
    // new-api's video relays building the provider's request from what the caller sent: a
    // field missing or a value that is not a number.
    rule(P, R::GenericParam, TextAnd(&["convert to ali request failed", "build request failed"], &["requires", "strconv"])),
    // A path segment read as an id (stock new-api has no `/api/token/self/`: it parses
    // "self" as a token id), and a route the gateway retired.
    rule(P, R::RouteNotFound, Text(&["parsing 'self'", "该接口已废弃", "endpoint is deprecated", "endpoint has been deprecated"])),
    // new-api polled a task and could not read the provider's answer: whether the task
    // failed at all, its words do not say.
    rule(P, R::GatewayInternal, Text(&["upstream returned unrecognized message"])),
    // one-hub's Kling route takes only these two actions in its path.
    rule(P, R::RouteNotFound, TextAnd(&["action is not"], &["text2video"])),
    // one-hub and done-hub: a key whose model list is empty; chat-api (an one-api fork):
    // a model outside the key's list, answered as 401.
    rule(P, R::ModelNoAccess, Text(&["no available models configured for current token", "令牌不支持指定的模型"])),
    // done-hub: a group the key's user may not use.
    rule(P, R::GroupDenied, Text(&["无权使用分组"])),
    // A feature the model lacks, named as the subject ("Web search options not supported
    // with this model"): a parameter, not the model.
    rule(P, R::GenericParam, Text(&["not supported with this model"])),
    // Anthropic's paid extra usage for subscriptions (Claude Code), and Gemini's prepaid credits.
    rule(P, R::UserQuota, Text(&["out of extra usage", "draw from your extra usage", "credits are depleted"])),
    // Anthropic's image and PDF limits.
    rule(P, R::BodyTooLarge, Text(&["image dimensions exceed max allowed size"])),
    rule(P, R::BodyTooLarge, TextAnd(&["a maximum of"], &["pdf pages"])),
    // An OAuth token (Claude Code's subscription login) revoked: the credential's state.
    rule(P, R::TokenDisabled, Text(&["token has been revoked"])),
    // 宝塔 WAF's JSON limit ("IP请求过多请等待60秒"), 1Panel's page for a host it serves no
    // site for, and SafeLine's block in its JSON form.
    rule(P, R::GatewayLimit, Text(&["请求过多"])),
    rule(P, R::RouteNotFound, Text(&["网站不存在"])),
    rule(P, R::ProxyBlocked, Text(&["blocked by chaitin safeline"])),
    // LiteLLM: tools, models and prices its operator restricts.
    rule(P, R::GenericParam, Text(&["not in the allowed tools list"])),
    rule(P, R::ContentPolicy, TextAnd(&["blocked by"], &["guardrail"])),
    // Kong: no healthy target behind the route (its load balancer, not money).
    rule(P, R::UpstreamRequestFailed, Text(&["failure to get a peer from the ring balancer"])),
    // A Responses id the server no longer has (or never stored: `store: false`).
    rule(C, R::GenericParam, Code(&["previous response not found"])),
    // new-api fetches image URLs to count tokens: a URL it cannot read is the caller's image.
    rule(C, R::GenericParam, CodeAnd(&["count token messages failed"], &["fail to get image", "invalid content type", "base64"])),
    rule(P, R::ContextLength, Text(&["longer than the maximum model length"])),
    // new-api (2026-08) downloads image URLs to count tokens: a URL it may not or cannot
    // fetch (a private address, a refused port, a 404) is the caller's image, not the key
    // or the IP; one over its size cap is too large.
    rule(C, R::BodyTooLarge, CodeAnd(&["count token failed"], &["file size exceeds"])),
    rule(C, R::GenericParam, CodeAnd(&["count token failed"], &["failed to download file", "error getting file type"])),
    rule(P, R::BodyTooLarge, Text(&["file size exceeds maximum allowed size"])),
    rule(P, R::GenericParam, TextAnd(&["error getting file type"], &["failed to download file"])),
    // new-api's operator rule that blocks a request, and its video content proxy's own
    // failures (a result URL on a refused port, a deleted channel): the gateway's.
    rule(P, R::GatewayInternal, Text(&["request blocked by param override", "request blocked: port", "failed to retrieve channel information"])),
    rule(C, R::NoChannel, Code(&["channel not found"])),
    rule(P, R::NoChannel, Text(&["image generation is currently not supported"])),
    // A relay's account-approval check (Flatkey, a new-api fork).
    rule(P, R::PermissionDenied, Text(&["email has not been verified", "邮箱尚未验证"])),
    // claude-relay-service's router and its Gemini accounts' capacity.
    rule(P, R::RouteNotFound, TextAnd(&["route /"], &["not found"])),
    rule(P, R::GatewayLimit, Text(&["exhausted your capacity"])),
    // Relays that admit one client only, in Chinese (DuckCoding).
    rule(P, R::ClientOnly, Text(&["claude code cli 之外"])),
    // A Java relay's NullPointerException (88code): its own failure.
    rule(P, R::GatewayInternal, TextAnd(&["cannot invoke"], &["is null"])),
    // Relays of account pools (codex2api, Aether): every account's own key refused
    // upstream, or none to serve the model.
    rule(P, R::UpstreamKey, Text(&["上游账号鉴权失效", "上游账号被拒绝访问"])),
    rule(P, R::NoChannel, Text(&["无可用账号", "没有可用的 provider"])),
    // iimeta/fastapi: the key's own quota and the account's, each past its date.
    rule(C, R::TokenExhausted, Code(&["key quota expired"])),
    rule(C, R::UserQuota, Code(&["account quota expired"])),
    // Gemini's block of the prompt, as one-api words it ("blocked: prompt:
    // BlockedReasonProhibitedContent"), under whatever code the relay gave it.
    rule(P, R::ContentPolicy, Text(&["blockedreasonprohibitedcontent", "prohibited content"])),
    rule(P, R::ModelNoAccess, Text(&["not in the allowed models for this customer", "has access to the requested model"])),
    rule(P, R::ModelNotPriced, Text(&["has no pricing in the cost map", "requests for unpriced models are blocked"])),
    // LiteLLM's pass-through routes with no provider credential set on the proxy: the
    // caller's virtual key is not sent on, so it is the proxy's missing credential.
    rule(P, R::UpstreamKey, Text(&["credential is configured on this proxy"])),
    // OpenRouter's own checks of the request, and the routes its filters leave empty.
    rule(P, R::MessagesRequired, TextAnd(&["input required"], &["messages"])),
    rule(P, R::GenericParam, Text(&["invalid responses api request", "reasoning is mandatory"])),
    rule(P, R::ModelNoAccess, Text(&["no endpoints found that can handle", "no endpoints available matching"])),
    // A word the provider reserves, in what the caller sent ("x-anthropic-billing-header is
    // a reserved keyword": the system prompt, not billing).
    rule(P, R::GenericParam, Text(&["is a reserved keyword"])),
    // Gemini's tool calls need the thought signatures of earlier turns sent back.
    rule(P, R::GenericParam, Text(&["missing a thought signature", "reasoning details to be preserved"])),
    // A free tier's allowance per hour or day: a rate, whatever the upsell says.
    rule(P, R::GatewayLimit, TextAnd(&["free limit", "free tier limit"], &["for the hour", "for the day", "per hour", "per day", "per minute"])),
    // DashScope's plan that does not include the model.
    rule(P, R::ModelNoAccess, Text(&["access to model denied"])),
    // vLLM serving a model its Responses API cannot run (the chat route can).
    rule(P, R::WrongOperation, Text(&["does not support responses api"])),
    // Portkey's own checks of its headers and config, and its word for a route the provider
    // behind has no function for (`imageGenerate is not supported by anthropic`).
    rule(P, R::GenericParam, Text(&["invalid custom host", "x portkey provider needs to be passed"])),
    rule(P, R::WrongOperation, Text(&["imagegenerate is not supported by", "chatcomplete is not supported by", "complete is not supported by", "embed is not supported by", "createspeech is not supported by", "createtranscription is not supported by", "createtranslation is not supported by"])),
    // Portkey aborted the provider's call at the timeout the caller set.
    rule(P, R::UpstreamTimeout, Text(&["exceeded the timeout sent in the request"])),
    // Helicone's AI gateway: no provider matches the model string the caller wrote.
    rule(P, R::ModelNotFound, TextAnd(&["no available providers"], &["check provider names"])),
    // Kong's and APISIX's prompt plugins: a route that takes only its template or its type.
    rule(P, R::GenericParam, Text(&["llm route only supports", "template name is missing", "could not find template name"])),
    rule(P, R::GenericParam, TextAnd(&["template:"], &["not configured"])),
    // Higress' AI proxy: an API its provider adapter has no handler for, and a model
    // mapping that leaves no model (the operator's mapping).
    rule(P, R::RouteNotFound, Text(&["unsupported api name"])),
    rule(P, R::NoChannel, Text(&["model becomes empty after"])),
    rule(P, R::GenericParam, Text(&["must be a string", "must be a number", "must be an integer", "must be a boolean", "must be an array", "must be an object"])),
    // Gemini's conversation rules, as gateways relay them after converting OpenAI messages.
    rule(P, R::GenericParam, Text(&["please use a valid role", "multiturn requests ends with", "multiturn requests end with"])),
    rule(P, R::GenericParam, Text(&["size is not supported", "size not supported"])),
    // new-api's Midjourney and Suno relays: `{"code":4,"description":"task_no_found "}`.
    rule(P, R::TaskNotFound, Text(&["task no found", "task not found"])),
    rule(P, R::UserQuota, Text(&["quota not enough"])),
    // new-api's lookups by id (a token, a log) that find nothing: gorm's own words.
    rule(P, R::GenericParam, Text(&["record not found"])),
    // sub2api: a key whose group admits only the Claude Code client.
    rule(P, R::GroupDenied, Text(&["only allows claude code"])),
    // A setting the named model does not take ("Thinking level MINIMAL is not supported for
    // this model"): the request's value, not the model.
    rule(P, R::GenericParam, Text(&["is not supported for this model", "not supported by this model", "is not supported with this model", "not supported for the model", "is not supported by the model"])),
    rule(P, R::GenericParam, Text(&["invalid image file"])),
    // OpenAI: a model of another kind on the chat route ("This is not a chat model …
    // Did you mean to use v1/completions?"): the endpoint, not the model, is wrong.
    rule(P, R::WrongOperation, Text(&["not a chat model", "did you mean to use v1/completions"])),
    // An image over the provider's size cap (Anthropic's "image exceeds 5 MB maximum",
    // OpenAI's "Image size exceeds the limit"): too large, under a generic code.
    rule(P, R::BodyTooLarge, Text(&["image exceeds", "image size exceeds", "mb maximum"])),
    // Anthropic: the workspace's own spend limit ("reached your specified API usage limits").
    rule(P, R::UserQuota, Text(&["specified api usage limits"])),
    // Anthropic: a Claude Code subscription credential used for other API calls.
    rule(P, R::ClientOnly, Text(&["only authorized for use with claude code"])),
    rule(P, R::ContentPolicy, Text(&["content filtering policy", "output blocked by content"])),
    rule(P, R::UpstreamTimeout, Text(&["deadline expired"])),
    // AWS Bedrock's own words (its body is a bare `{"message": …}`).
    rule(P, R::Overloaded, Text(&["too many connections, please wait"])),
    rule(P, R::GatewayLimit, Text(&["please wait before trying again", "too many tokens per day"])),
    rule(P, R::PermissionDenied, Text(&["not authorized to invoke this api operation"])),
    rule(P, R::KeyInvalid, Text(&["security token included in the request is invalid"])),
    rule(P, R::GenericParam, Text(&["malformed input request", "maximum tokens you requested exceeds"])),
    rule(P, R::InferenceProfile, Text(&["with on demand throughput isn't supported", "with on demand throughput isn’t supported", "inference profile that contains this model", "doesn't support on demand throughput", "doesn’t support on demand throughput"])),
    rule(P, R::ModelNotFound, Text(&["marked by provider as legacy"])),
    // A reasoning setting the model does not take, refused by Bedrock's schema.
    rule(P, R::GenericParam, TextAnd(&["reasoningconfig", "reasoning config"], &["extra inputs"])),
    // A model that serves other APIs (Bedrock's OpenAI-compatible endpoint).
    rule(P, R::WrongOperation, Text(&["does not support the '/v1/", "does not support the /v1/"])),
    // LiteLLM finding no provider for a model name it was given: its own routing.
    rule(P, R::NoChannel, Text(&["unknown provider="])),
    // Claude Code's beta features refused on a route that lacks them: OpenRouter's "No
    // endpoints available that support Anthropic's context management features", Anthropic's
    // "long context beta is not yet available", a relay to another API not knowing
    // `tools.defer_loading`.
    rule(P, R::ExtraInputs, Text(&["context management features", "long context beta"])),
    rule(P, R::ExtraInputs, TextAnd(&["defer loading"], &["unknown", "extra inputs", "not permitted", "unrecognized", "unsupported", "not supported"])),
    // "Extra inputs are not permitted" on fields no beta adds (a guardrail setting, a cache
    // mark on a thinking block): the request's shape, not Claude Code's betas.
    rule(P, R::GenericParam, TextAnd(&["guardrails:", "thinking.cache control", "timeout:"], &["extra inputs"])),
    // Pydantic-style validation relayed by Bedrock ("Input should be greater than or equal
    // to 1024", "does not match any of the expected tags").
    rule(P, R::GenericParam, Text(&["input should be greater", "input should be less", "input should be a valid", "does not match any of the expected tags"])),
    // Self-hosted servers (vLLM, llama.cpp, Ollama, TGI, LM Studio, LocalAI, Triton, NIM).
    rule(P, R::GenericParam, Text(&["roles must alternate", "tool choice requires", "does not support tools", "does not support thinking", "does not support vision", "does not support images"])),
    rule(P, R::ContextLength, Text(&["exceeds the available context size"])),
    rule(P, R::ContextLength, TextAnd(&["input validation error"], &["max new tokens"])),
    rule(P, R::RouteNotFound, Text(&["unexpected endpoint or method"])),
    rule(P, R::ModelLoad, Text(&["requires more system memory", "could not load model", "failed to load model", "error loading model"])),
    rule(P, R::ModelNotFound, Text(&["unknown model:"])),
    rule(P, R::ServerError, Text(&["loading model", "degraded function"])),
    // Relays that admit one client only (claude-relay-service, Cubence): this page is not it.
    rule(P, R::ClientOnly, Text(&["only accepts requests from claude code", "non claude code cli client", "client is not authorized to use this api key"])),
    // Relays' wrong model names (AIHubMix: "Incorrect model ID. Please request to view the
    // model page or you do not have permission to use this model").
    rule(P, R::ModelNotFound, Text(&["incorrect model id"])),
    // ChatAnywhere's free keys: "limited to use gpt-3.5-turbo …", "limit to use …".
    rule(P, R::ModelNoAccess, Text(&["limited to use gpt", "limit to use gpt"])),
    // midjourney-proxy and the video relays: a full queue, no account left, a follow-up on
    // a task that is gone; a provider's own limits on a parameter.
    rule(P, R::GatewayLimit, Text(&["队列已满", "queue is full", "usage limit has been reached"])),
    // The Codex backend's own checks of a Responses body; a gateway's Python bridge failing
    // on a body without `input` ("missing 1 required positional argument: 'input'").
    rule(P, R::GenericParam, Text(&["instructions are required", "instructions are not valid", "system messages are not allowed", "required positional argument"])),
    // A provider that could not fetch an image URL the request names ("Timeout while
    // downloading url=…"): the URL is the request's to change (or send the image inline).
    rule(P, R::GenericParam, Text(&["timeout while downloading", "error while downloading"])),
    // Gemini's Files API: a file named in the request is still processing (or failed).
    rule(P, R::GenericParam, Text(&["not in an active state"])),
    rule(P, R::NoChannel, Text(&["无可用的账号"])),
    rule(P, R::TaskNotFound, Text(&["关联任务不存在", "任务不存在"])),
    rule(P, R::GenericParam, Text(&["is only supported in", "does not support asynchronous"])),
    rule(P, R::GenericParam, TextAnd(&["pixel"], &["invalid"])),
    rule(P, R::ModelNotFound, TextAnd(&["deployment"], &["does not exist"])),
    // new-api's image size check ("please use 'x' instead of the multiplication sign").
    rule(P, R::GenericParam, Text(&["error occurred in the parameter", "instead of the multiplication sign"])),
    // Image providers' own safety filters, answered as INVALID_ARGUMENT: a content block.
    rule(P, R::ContentPolicy, Text(&["safety filter", "safety filters"])),
    // A key cap on spend (claude-relay-service "已达到每日费用限制", others "daily cost limit").
    rule(P, R::SpendCap, Text(&["每日费用限制", "费用限制", "daily cost limit", "cost limit reached"])),
    // A key not enabled for a whole service (claude-relay-service's per-key permissions).
    rule(P, R::KeyScope, Text(&["api key does not have permission to access", "key does not have permission to access"])),
    // Relays whose pool has no account or provider left for the model (claude-relay-service,
    // uni-api): the operator's set-up, like new-api's "no available channel".
    rule(P, R::NoChannel, Text(&["no available claude accounts", "no available accounts", "no available providers", "no available provider"])),
    // A relay whose pool of provider keys is empty (gpt-load): all blacklisted, or none added.
    rule(P, R::KeyPoolEmpty, Text(&["no active api keys available", "no active keys available"])),
    // Anthropic: input plus max_tokens over the window ("143653 + 64000 > 200000").
    rule(P, R::ContextLength, Text(&["exceed context limit", "exceeds context limit"])),
    // DashScope's "Range of input length should be [1, 983616]"; SiliconFlow's
    // "length of prompt_tokens (…) must be less than max_seq_len (…)".
    rule(P, R::ContextLength, Text(&["range of input length", "max seq len"])),
    // OpenRouter: a key's own credit limit ("Key limit exceeded (monthly limit)").
    rule(P, R::TokenExhausted, Text(&["key limit exceeded"])),
    // OpenRouter: the caller's provider preferences leave no provider for the model.
    rule(P, R::ModelNoAccess, Text(&["no allowed providers"])),
    // Hugging Face's router: a token without the Inference Providers permission.
    rule(P, R::PermissionDenied, Text(&["does not have sufficient permissions", "not have sufficient permissions"])),
    // A gateway's guardrail (LiteLLM with Lakera, Presidio and the like) refused the content.
    rule(P, R::ContentPolicy, Text(&["violated guardrail policy", "blocked entity detected", "by guardrail", "guardrail policy"])),
    // new-api: a key pinned to one channel (`sk-…-<channel id>`) whose channel is off.
    rule(P, R::NoChannel, Text(&["this channel has been disabled", "该渠道已被禁用", "渠道已被禁用"])),
    // OpenRouter (2026): every provider of the model excluded by the caller's privacy settings.
    rule(P, R::ModelNoAccess, TextAnd(&["no endpoints for"], &["data policy", "privacy"])),
    rule(P, R::ExtraInputs, Text(&["extra inputs are not permitted", "extra inputs not permitted", "extra inputs are not allowed", "extra input not permitted"])),
    rule(P, R::ExtraInputs, TextAnd(&["context management"], &["not permitted", "not allowed", "unexpected", "unknown", "not supported", "unsupported", "extra"])),
    rule(P, R::ExtraInputs, TextAnd(&["anthropic beta"], &["invalid", "unexpected", "unsupported", "not supported", "unknown"])),
    rule(P, R::InvalidUrl, TextAnd(&["invalid url", "无效的url", "无效的 url"], &["(get ", "(post ", "(put ", "(delete ", "(patch ", "(head ", "(options ", " /"])),
    rule(P, R::RouteNotFound, Text(&["unrecognized request url", "404 page not found", "no route matched", "route not found", "no such route", "unknown endpoint", "endpoint not found", "api not found", "invalid endpoint", "not a valid endpoint", "接口不存在", "路由不存在", "路径不存在"])),
    rule(P, R::MethodNotAllowed, Text(&["method not allowed", "不支持的请求方法"])),
    rule(P, R::NotImplemented, Text(&["not implemented", "未实现"])),
    rule(P, R::BodyTooLarge, Text(&["request entity too large", "payload too large", "request body too large", "request too large", "body too large", "request body exceeds", "body exceeds", "body size exceeds", "exceeds the maximum request size", "maximum request body size", "请求体过大", "请求体太大", "请求体超过", "请求过大", "file too large", "文件过大", "文件太大", "request size is too large", "size is too large", "request too long", "content length exceeded", "header or cookie too large", "uri too large"])),
    rule(P, R::GatewayInternal, Text(&["database", "数据库", "connected db", "db connection", "panic detected"])),
    rule(P, R::GatewayOverloaded, Text(&["system cpu overloaded", "system memory overloaded", "system disk overloaded"])),
    rule(P, R::SensitiveWords, Text(&["sensitive words", "敏感词"])),
    rule(P, R::PermissionDenied, Text(&["无权进行此操作", "权限不足", "access token 无效", "new api user"])),
    rule(P, R::GenericParam, TextAnd(&["指定渠道", "specify a channel", "specific channel"], &["不支持", "not supported", "not allowed"])),
    rule(P, R::RegionBlocked, Text(&["location is not supported", "region, or territory not supported", "country, region", "unsupported country", "not available in your country", "not available in your region", "不支持的地区", "地区不支持"])),
    rule(P, R::TooManyTokens, TextAnd(&["request too large for"], &["tokens per min", "tpm"])),
    rule(P, R::KeyInvalid, Text(&["user not found."])),
    rule(P, R::TokenQuotaLow, TextAnd(&["more credits are required", "insufficient credits", "prompt tokens limit exceeded", "can only afford"], &["settings/keys", "higher limit", "higher monthly limit", "key's monthly limit"])),
    rule(P, R::ModelNoAccess, TextAnd(&["no endpoints found"], &["that support", "data policy"])),
    rule(P, R::NoChannel, Text(&["no endpoints found for"])),
    rule(P, R::ModelNotFound, Text(&["is not a valid model id"])),
    // Hosting layers with no app at this address (Railway, Vercel): a wrong or retired host.
    rule(P, R::RouteNotFound, Text(&["application not found", "deployment could not be found", "fastly error: unknown domain"])),
    rule(P, R::UpstreamRequestFailed, Text(&["application failed to respond"])),
    // AWS API Gateway's authorizer or resource policy refusing the caller.
    rule(P, R::PermissionDenied, Text(&["not authorized to access this resource", "is not authorized to perform"])),
    rule(P, R::RouteNotFound, Text(&["the page could not be found", "not found request id", "default backend 404", "cannot post /", "cannot get /"])),
    rule(P, R::UpstreamRequestFailed, Text(&["no available server", "attempted to establish a connection with the origin"])),
    rule(P, R::GatewayLimit, Text(&["bursty traffic"])),
    rule(P, R::KeyInvalid, Text(&["invalid helicone api key", "api key is not well formed", "api key not well formed", "malformed api key"])),
    rule(P, R::WrongScheme, Text(&["plain http request was sent to https port"])),
    rule(P, R::TokenDisabled, Text(&["reported as leaked", "has been suspended"])),
    rule(P, R::PermissionDenied, Text(&["insufficient permissions for this operation", "missing scopes"])),
    rule(P, R::UserQuota, Text(&["only accessible to billed users", "billed users"])),
    rule(P, R::ModelNoAccess, Text(&["must be verified to stream", "must be verified to use", "verify organization"])),
    rule(P, R::TokenDisabled, Text(&["key is blocked", "is blocked. update via", "key has been blocked"])),
    rule(P, R::TokenExpired, Text(&["expired key", "key expiry time"])),
    rule(P, R::TokenQuotaLow, TextAnd(&["budget has been exceeded", "exceeded budget", "over budget"], &["key=", "virtual key"])),
    rule(P, R::UserQuota, Text(&["budget has been exceeded", "exceededbudget", "exceeded budget", "over budget"])),
    rule(P, R::NoChannel, Text(&["no deployments available", "no healthy deployments"])),
    rule(P, R::ModelMissing, Text(&["passed in model=none", "model=none"])),
    rule(P, R::SensitiveWords, TextAnd(&["content blocked"], &["keyword", "detected"])),
    rule(P, R::ExtraInputs, Text(&["invalid beta flag"])),
    rule(P, R::KeyInvalid, Text(&["virtual key expected", "expected to start with 'sk-'", "expected to start with sk "])),
    rule(P, R::TokenDisabled, Text(&["token status is unavailable", "token status unavailable", "令牌状态不可用", "token is disabled", "token has been disabled", "令牌已被禁用", "令牌已禁用", "key is disabled", "key has been disabled", "api key disabled", "key is inactive", "token is inactive"])),
    rule(P, R::TokenExpired, Text(&["token has expired", "token expired", "token is expired", "令牌已过期", "令牌过期", "key has expired", "key expired", "key is expired"])),
    rule(P, R::TokenExhausted, Text(&["tokenstatusexhausted", "token quota is exhausted", "token quota exhausted", "令牌额度已用尽", "令牌可用额度已用尽", "令牌额度已耗尽"])),
    rule(P, R::TokenExhausted, TextAnd(&["令牌"], &["额度已用尽", "额度已耗尽"])),
    rule(P, R::TokenQuotaLow, Text(&["token quota is not enough", "token quota not enough", "token remain quota", "令牌额度不足", "令牌剩余额度", "令牌余额不足"])),
    rule(P, R::IpNotAllowed, Text(&["指定网段", "只能在指定", "ip not in the allowed", "ip is not allowed"])),
    // ("无法解析客户端 IP 地址", the gateway could not read the caller's address at all, is
    // not this: it is its proxy set-up, and stays unrecognised.)
    rule(P, R::IpNotAllowed, TextAnd(&["ip", "ip地址", "ip 地址"], &["not in", "not allowed", "whitelist", "allowlist", "allow list", "allowed list", "白名单", "不在", "not permitted"])),
    rule(P, R::UserQuota, Text(&["user quota is not enough", "user quota not enough", "用户额度不足", "预扣费额度失败", "insufficient user quota", "余额不足", "insufficient balance", "balance is insufficient", "balance is not enough", "not enough balance", "insufficient account balance", "账户已欠费", "欠费", "good standing", "insufficient credits", "insufficient credit", "out of credits", "credit balance is too low", "账户余额不足", "请充值", "please top up", "please recharge", "payment required", "insufficient quota", "额度不足"])),
    rule(P, R::UpstreamQuota, Text(&["exceeded your current quota", "check your plan and billing", "billing hard limit"])),
    rule(P, R::ModelNoAccess, Text(&["no access to model", "无权访问模型", "无权使用模型", "no access to any model", "无权访问任何模型", "not allowed to use model", "does not have access to model", "not authorized to use model", "无权使用该模型", "无权访问该模型", "must be verified to use", "access to the model", "not allowed to access model"])),
    rule(P, R::NoChannel, Text(&["no available channel*", "无可用渠道", "没有可用渠道", "没有可用的渠道", "无可用的渠道", "可用渠道失败", "failed to get available channel", "no valid upstream channel", "no valid channel", "无有效上游渠道", "no channel available"])),
    rule(P, R::ModelNotPriced, Text(&["has not been priced", "价格尚未", "尚未由管理员配置", "ratio or price not set", "倍率或价格未配置", "price not set", "价格未配置", "倍率未配置", "model ratio not set", "pricing not configured"])),
    rule(P, R::GroupDenied, Text(&["no permission to access this group", "无权访问该分组", "group access denied"])),
    // In English only the group itself said to be off: "group" alone is too common a word
    // (LiteLLM's every message names its "Model Group").
    rule(P, R::GroupDenied, TextAnd(&["分组"], &["已被弃用", "已被禁用", "deprecated", "disabled", "无权访问", "no permission", "access denied"])),
    rule(P, R::GroupDenied, Text(&["group is disabled", "group has been disabled", "group is deprecated", "group has been deprecated"])),
    rule(P, R::ModelMissing, Text(&["model name not specified", "未指定模型名称", "model is required", "field model is required", "missing model", "model: field required", "model parameter is required", "unable to parse model", "无法解析模型", "you must provide a model"])),
    rule(P, R::MaxTokens, TextAnd(&["max tokens", "max output tokens", "maxoutputtokens"], &["required", "invalid", "must be", "不能为空", "missing", "field required"])),
    rule(P, R::ContentsRequired, TextAnd(&["contents"], REQUIRED)),
    rule(P, R::MessagesRequired, TextAnd(&["messages"], REQUIRED)),
    rule(P, R::PromptRequired, TextAnd(&["prompt"], REQUIRED)),
    rule(P, R::InvalidJson, Text(&["expecting value: line", "jsondecodeerror", "cannot unmarshal", "json: unknown field", "unexpected end of json", "invalid character", "invalid json", "malformed json", "json parse error", "failed to parse json", "could not parse the json body", "we could not parse", "json decode error", "error parsing json", "invalid json payload", "not valid json", "无效的json", "json 格式错误", "json格式错误", "请求体格式错误", "解析请求体失败"])),
    rule(P, R::UnknownField, Text(&["unknown name", "cannot find field", "unknown field", "unrecognized field", "unknown parameter", "unrecognized request argument", "unsupported parameter", "additional properties are not allowed", "unexpected field", "未知参数", "不支持的参数"])),
    rule(P, R::GenericParam, TextAnd(&["参数", "parameter", "param"], &["不支持", "not supported", "unsupported", "does not support", "not allowed"])),
    rule(P, R::ContextLength, Text(&["maximum number of tokens allowed", "input token count", "maximum context length", "context length", "context window", "prompt is too long", "too many tokens", "input is too long", "exceeds the context", "上下文长度", "超出最大长度", "超过最大长度", "超出上下文"])),
    rule(P, R::ContentPolicy, Text(&["content policy", "content management policy", "safety system", "违规", "内容审核", "moderation", "flagged", "prompt blocked", "safety reasons"])),
    // Kong's AI proxy pins a route to one model and refuses a request naming another.
    rule(P, R::ModelNoAccess, Text(&["cannot use own model"])),
    // The model named as the subject of what is wrong; the looser "model" + "invalid"
    // below is only a keyword, since "for this model" is often beside another field's fault
    // ("invalid temperature: only 1 is allowed for this model").
    rule(P, R::ModelNotFound, Text(&["model does not exist", "model not found", "model not exist", "模型不存在", "no such model", "model is not available", "model is unavailable", "model has been decommissioned", "model has been deprecated", "模型不可用", "未找到模型", "model is not supported", "模型不支持"])),
    rule(K, R::ModelNotFound, TextAnd(&["model", "模型"], &["decommissioned", "has been deprecated", "does not exist", "not exist", "not found", "not available", "is unavailable", "not supported", "unsupported", "is not allowed", "invalid", "不存在", "不支持", "不可用", "未开放", "no access", "not have access", "未找到"])),
    rule(P, R::UpstreamTimeout, TextAnd(&["do request failed"], &["deadline exceeded", "awaiting headers", "client.timeout", "timeout awaiting"])),
    rule(P, R::UpstreamRequestFailed, Text(&["network connection lost", "do request failed", "upstream connect error", "no healthy upstream", "connection reset", "connection refused", "dial tcp", "tls handshake", "unexpected eof", "上游请求失败"])),
    rule(P, R::UpstreamTimeout, Text(&["timed out", "*timeout*", "time out", "超时", "deadline exceeded", "took too long", "response time exceeded"])),
    rule(P, R::Saturated, Text(&["负载已饱和", "load is saturated", "upstream load", "saturated"])),
    rule(P, R::Concurrency, Text(&["concurrency limit", "too many concurrent", "concurrent requests", "并发"])),
    rule(P, R::GatewayLimit, Text(&["请求数限制", "总请求数限制", "rate limit*", "rate limited", "ratelimit*", "too many requests", "请求过于频繁", "请求太频繁", "请求频率", "频率限制", "限流", "requests per min*", "tokens per min*", "throttl*", "slow down", "exceeded the rate", "quota exceeded for", "request limit", "达到请求上限"])),
    rule(P, R::KeyMissing, Text(&["token not provided", "未提供令牌", "no token provided", "missing token", "token is missing", "missing api key", "api key is missing", "api key missing", "didn't provide an api key", "did not provide an api key", "no api key provided", "no api key", "api key is required", "api key required", "missing authorization", "authorization header is missing", "authorization header missing", "authorization header is required", "missing authentication", "x api key header is required", "缺少令牌", "缺少 api key", "未提供 api key", "未提供密钥", "missing credentials", "not authenticated", "no auth credentials", "no credentials", "credentials not found"])),
    rule(P, R::KeyInvalidAmbiguous, Text(&["invalid token", "无效的令牌", "令牌无效", "invalid bearer token", "token is invalid", "invalid or expired token", "token invalid"])),
    rule(P, R::KeyInvalid, Text(&["invalid api key", "invalid api token", "incorrect api key", "api key not valid", "api key is invalid", "invalid x api key", "invalid key", "invalid authentication", "authentication failed", "authentication error", "invalid credentials", "bad api key", "wrong api key", "api key 无效", "密钥无效", "无效的密钥", "无效的 api key", "鉴权失败", "认证失败", "身份验证失败", "api key 错误", "令牌错误", "unauthenticated", "invalid access token", "access token is invalid", "invalid auth", "invalid subscription key", "invalid proxy server token"])),
    rule(P, R::AccountBanned, Text(&["access terminated", "user has been banned", "用户已被封禁", "user has been disabled", "该用户已被禁用", "用户已被禁用", "account has been suspended", "account suspended", "account is disabled", "账户已被禁用", "账号已被封禁", "account has been deactivated", "organization has been disabled"])),
    rule(P, R::Overloaded, Text(&["overload*", "过载", "负载过高", "server is busy", "服务器繁忙", "系统繁忙", "at capacity"])),
    rule(P, R::UpstreamBadStatus, Text(&["bad response status code", "upstream error", "上游错误", "上游返回"])),
    // ---- generic keywords: wording only, so never better than medium ----
    rule(K, R::KeyInvalid, Text(&["unauthorized", "未授权", "unauthorised"])),
    rule(K, R::UserQuota, Text(&["余额", "充值", "billing", "credits", "额度", "balance"])),
    rule(K, R::GatewayLimit, Text(&["rpm", "tpm", "quota exceeded", "limit exceeded", "limit reached", "reached the limit", "达到上限", "频繁"])),
    // A bare "Resource not found" is the path on Azure and most servers, but on a lookup by
    // id (OpenRouter's generation) it is the id: only a keyword.
    rule(K, R::RouteNotFound, Text(&["resource not found"])),
    // A provider's failure named without its words (OpenRouter's "Provider returned an
    // error" with only file annotations); the provider's own words, when relayed, say more.
    rule(K, R::UpstreamApiError, Text(&["provider returned an error"])),
    rule(K, R::GenericParam, Text(&["invalid argument"])),
    // Zhipu's 1210 ("API 调用参数有误，请检查文档。"), which may add a more telling sentence.
    rule(K, R::GenericParam, Text(&["调用参数有误"])),
    rule(K, R::GenericParam, Text(&["invalid request", "无效的请求", "bad request", "invalid parameter", "invalid param*", "参数错误", "参数无效", "参数不合法", "invalid value", "is required", "field required", "must be", "not supported", "unsupported", "invalid type", "validation error", "validation failed", "校验失败", "格式错误"])),
    rule(K, R::ServerError, Text(&["系统异常", "网络错误", "bad gateway", "service unavailable", "temporarily unavailable", "服务不可用", "internal server error", "internal error", "server error", "服务器内部错误", "系统错误", "unexpected error", "please try again later", "请稍后重试", "请稍后再试"])),
    // ---- generic codes: they say who answered, not why ----
    // "Bad request" codes wrap every kind of refusal (new-api's `invalid_request` even
    // carries "request body too large"), so the phrases above get the first say.
    rule(W, R::GenericParam, Code(&["invalid request", "bad request body", "convert request failed", "invalid request body", "invalid argument", "invalid parameter", "invalid params", "unsupported value", "invalid value"])),
    rule(W, R::IpNotAllowed, Code(&["access denied"])),
    rule(W, R::PermissionDenied, Code(&["permission error", "permission denied", "forbidden"])),
    rule(W, R::RouteNotFound, Code(&["not found error", "not found"])),
    // vLLM's and SGLang's `BadRequestError` and xAI's "Client specified an invalid argument"
    // type every 400 they send.
    rule(W, R::GenericParam, Code(&["invalid request error", "bad request", "validation error", "unprocessable entity", "value error.missing", "missing", "bad request error", "client specified an invalid argument"])),
    rule(W, R::UpstreamRequestFailed, Code(&["do request failed"])),
    rule(W, R::UpstreamApiError, Code(&["api error"])),
    rule(W, R::NoChannel, Code(&["get channel failed"])),
    rule(W, R::UpstreamBadStatus, Code(&["bad response status code", "upstream error", "openai error", "claude error", "gemini error"])),
    rule(W, R::ServerError, Code(&["server error", "internal", "internal error", "unavailable", "service unavailable", "internal server error", "bad gateway", "api error"])),
];
