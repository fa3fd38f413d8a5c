//! The product's own words for a verdict: category titles, one-line headlines and the
//! explanation, in English and Chinese. Dynamic bits (model, group, status) come from
//! [`Details`]; nothing here decides anything.

use super::family::Family;
use super::reason::Reason;
use super::verdict::{Action, Category, Confidence, Details, Side};
use crate::answer::shape::Unanswered;
use crate::text::lang::Lang;

impl Category {
    /// The category's name as the product shows it.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Category::Success => lang.pick("Success", "成功"),
            Category::SuccessWithErrorBody => lang.pick("Success status, error body", "状态成功但内容是错误"),
            Category::AuthenticationFailure => lang.pick("Authentication failure", "认证失败"),
            Category::TokenUnavailable => lang.pick("Token unavailable", "令牌不可用"),
            Category::InsufficientBalance => lang.pick("Insufficient balance", "余额不足"),
            Category::ModelNotAvailable => lang.pick("Model missing or not allowed", "模型不存在或无权使用"),
            Category::IncorrectEndpoint => lang.pick("Incorrect endpoint", "接口地址错误"),
            Category::ParameterError => lang.pick("Parameter error", "参数错误"),
            Category::ClaudeCodeBetas => lang.pick("Claude Code experimental betas", "Claude Code 实验性 beta"),
            Category::Timeout => lang.pick("Timeout", "超时"),
            Category::RateLimit => lang.pick("Rate limit", "限流"),
            Category::NetworkOrCors => lang.pick("Network or CORS", "网络或 CORS"),
            Category::RequestTooLarge => lang.pick("Request too large", "请求过大"),
            Category::UpstreamFailure => lang.pick("Upstream failure", "上游故障"),
            Category::Cancelled => lang.pick("Cancelled", "已取消"),
            Category::Unknown => lang.pick("Not recognised", "无法识别"),
        }
    }
}

impl Confidence {
    /// How sure, as the verdict's kicker says it.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Confidence::High => lang.pick("high confidence", "置信度：高"),
            Confidence::Medium => lang.pick("medium confidence", "置信度：中"),
            Confidence::Low => lang.pick("low confidence", "置信度：低"),
        }
    }
}

impl Side {
    /// Whose side, as the verdict's kicker says it.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Side::Client => lang.pick("client", "客户端"),
            Side::Gateway => lang.pick("gateway", "网关"),
            Side::Upstream => lang.pick("upstream", "上游"),
            Side::Network => lang.pick("network", "网络"),
            Side::Unknown => lang.pick("unknown", "未知"),
        }
    }
}

impl Action {
    /// The button label.
    pub fn label(self, lang: Lang) -> String {
        let s = match self {
            Action::ListModels => lang.pick("Is this model visible to my key?", "这个模型对我的密钥可见吗？"),
            Action::CheckKeyStatus => lang.pick("Key status and balance", "密钥状态与余额"),
            Action::ProbeCors => lang.pick("Does this gateway let my browser in?", "网关允许浏览器访问吗？"),
            Action::RetryAfter { seconds } => {
                return match lang {
                    Lang::En => format!("Retry after {seconds} s"),
                    Lang::Zh => format!("{seconds} 秒后重试"),
                }
            }
            Action::Retry => lang.pick("Retry", "重试"),
            Action::UseAsyncTask => lang.pick("Open the async task endpoint", "打开异步任务接口"),
            Action::OpenClientHelper => lang.pick("Client setup", "客户端配置"),
            Action::DisableClaudeBetas => lang.pick("Remove the anthropic-beta header", "去掉 anthropic-beta 请求头"),
            Action::CopyRequestId => lang.pick("Copy request id", "复制请求 ID"),
            Action::SwitchAuthStyle => lang.pick("Switch auth header", "换用其他认证头"),
            Action::SendWithoutStream => lang.pick("Send again without streaming", "关闭流式后重发"),
        };
        s.to_string()
    }
}

/// "model X" / "模型 X", or "this model" / "该模型" when no name could be read.
fn model_ref(d: &Details, lang: Lang) -> String {
    match (&d.model, lang) {
        (Some(m), Lang::En) => format!("model {m}"),
        (Some(m), Lang::Zh) => format!("模型 {m}"),
        (None, _) => lang.pick("this model", "该模型").to_string(),
    }
}

fn capitalise(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

fn status_or(d: &Details) -> String {
    d.status.map_or_else(|| "—".to_string(), |s| s.to_string())
}

/// The one-line verdict.
pub(crate) fn headline(reason: Reason, category: Category, d: &Details, lang: Lang) -> String {
    use Reason::*;
    let en_zh = |en: String, zh: String| match lang {
        Lang::En => en,
        Lang::Zh => zh,
    };
    let fixed = |en: &'static str, zh: &'static str| lang.pick(en, zh).to_string();
    match reason {
        Ok => fixed("The call worked.", "调用成功。"),
        ErrorBodyOn2xx => fixed(
            "The status says success, but the body is an error.",
            "状态码表示成功，但响应体是一个错误。",
        ),
        KeyMissing => fixed("No API key reached the gateway.", "网关没有收到 API Key。"),
        KeyInvalid => fixed("The API key was not accepted.", "API Key 未被接受。"),
        KeyInvalidAmbiguous => fixed("The key was refused as an invalid token.", "密钥被判定为无效令牌。"),
        UpstreamKey => fixed(
            "The provider refused the channel's key, not yours.",
            "上游服务商拒绝的是渠道的密钥，而不是你的。",
        ),
        PermissionDenied => fixed("The key is not allowed to do this.", "该密钥没有执行此操作的权限。"),
        AccountBanned => fixed("The account behind this key is disabled.", "该密钥所属的账户已被禁用。"),
        HostAuth => fixed(
            "The platform hosting the gateway refused the call before the gateway saw it.",
            "托管网关的平台在请求到达网关之前就拒绝了它。",
        ),
        TokenDisabled => fixed("This key is disabled.", "该令牌已被禁用。"),
        TokenExpired => fixed("This key has expired.", "该令牌已过期。"),
        TokenExhausted => fixed("This key's own quota is used up.", "该令牌的额度已用尽。"),
        IpNotAllowed => fixed(
            "Your IP is not on this key's allow list.",
            "你的 IP 不在该令牌允许访问的列表中。",
        ),
        TokenQuotaLow => fixed(
            "This key's remaining quota is too low for this call.",
            "该令牌剩余额度不足以完成这次调用。",
        ),
        InferenceProfile => fixed(
            "This model is served only through an inference profile, not by its own id.",
            "该模型只能通过推理配置文件（inference profile）调用，不能直接用模型 ID。",
        ),
        KeyScope => fixed(
            "This key is not enabled for this service.",
            "该密钥未开通这项服务的权限。",
        ),
        SpendCap => fixed(
            "This key has reached its spending limit for now.",
            "该密钥已达到当前周期的费用上限。",
        ),
        UserQuota => fixed("The account balance is not enough.", "账户余额不足。"),
        AccountCap => fixed(
            "The account's own usage limit for this model is reached: calls to it are paused.",
            "账户为该模型设置的用量上限已达到：对它的调用已暂停。",
        ),
        UpstreamQuota if d.family == Family::Unknown => fixed(
            "The provider says the account is out of quota: a channel's, if a gateway relayed this; yours, if this address is the provider itself.",
            "服务商表示账户额度已用尽：若由网关转发，是渠道的账户；若此地址就是服务商本身，则是你的账户。",
        ),
        UpstreamQuota => fixed(
            "The provider account behind this channel is out of quota.",
            "该渠道在上游服务商处的额度已用尽。",
        ),
        ModelNoAccess => en_zh(
            format!("This key may not use {}.", model_ref(d, lang)),
            format!("该令牌无权使用{}。", model_ref(d, lang)),
        ),
        NoChannel => en_zh(
            format!(
                "No channel serves {} in {}.",
                model_ref(d, lang),
                d.group
                    .as_ref()
                    .map_or("your group".to_string(), |g| format!("group {g}"))
            ),
            format!(
                "{}下没有可用渠道提供{}。",
                d.group
                    .as_ref()
                    .map_or("当前分组".to_string(), |g| format!("分组 {g} ")),
                model_ref(d, lang)
            ),
        ),
        ModelNotPriced => en_zh(
            format!("{} has no price set on the gateway.", capitalise(model_ref(d, lang))),
            match &d.model {
                Some(m) => format!("模型 {m} 在网关上还没有配置价格。"),
                None => "该模型在网关上还没有配置价格。".to_string(),
            },
        ),
        ModelNotFound => en_zh(
            format!("{} was not found.", capitalise(model_ref(d, lang))),
            format!("找不到{}。", model_ref(d, lang)),
        ),
        GroupDenied => match &d.group {
            Some(g) => en_zh(
                format!("The key's group {g} is not allowed or has been retired."),
                format!("该令牌的分组 {g} 无权访问或已弃用。"),
            ),
            None => fixed(
                "The key's group is not allowed or has been retired.",
                "该令牌的分组无权访问或已弃用。",
            ),
        },
        InvalidUrl => en_zh(
            format!(
                "The gateway has no route {}.",
                d.route.clone().unwrap_or_else(|| "for this URL".into())
            ),
            format!(
                "网关没有这个路由：{}。",
                d.route.clone().unwrap_or_else(|| "（当前 URL）".into())
            ),
        ),
        DoubledV1 => fixed(
            "The URL repeats a path segment such as /v1/v1.",
            "URL 中重复了路径段（例如 /v1/v1）。",
        ),
        HtmlPage => fixed(
            "A web page answered instead of the API.",
            "返回的是网页，而不是 API 响应。",
        ),
        MethodNotAllowed => fixed(
            "This path does not take this HTTP method.",
            "该路径不接受这种 HTTP 方法。",
        ),
        NotImplemented => fixed(
            "The gateway does not implement this endpoint.",
            "网关没有实现这个接口。",
        ),
        RouteNotFound => fixed("Nothing answers at this path.", "这个路径上没有对应的接口。"),
        ModelMissing => fixed("The request does not name a model.", "请求没有指定模型。"),
        MessagesRequired => fixed("The body has no messages array.", "请求体缺少 messages。"),
        ContentsRequired => fixed("The body has no contents array.", "请求体缺少 contents。"),
        MaxTokens => fixed("max_tokens is missing or invalid.", "max_tokens 缺失或取值无效。"),
        PromptRequired => fixed("The body has no prompt.", "请求体缺少 prompt。"),
        InvalidJson => fixed(
            "The body is not the JSON this route expects.",
            "请求体不是该接口能解析的 JSON。",
        ),
        UnknownField => en_zh(
            format!(
                "The body has a field this protocol does not know{}.",
                d.field.as_ref().map_or(String::new(), |f| format!(": {f}"))
            ),
            format!(
                "请求体中有该协议不认识的字段{}。",
                d.field.as_ref().map_or(String::new(), |f| format!("：{f}"))
            ),
        ),
        ContextLength => fixed(
            "The input is longer than the model's context.",
            "输入超出了模型的上下文长度。",
        ),
        ContentPolicy => fixed("The content was blocked by moderation.", "内容被审核拦截了。"),
        GenericParam => fixed("The request body or parameters were rejected.", "请求体或参数被拒绝。"),
        ExtraInputs => fixed(
            "Claude Code's experimental betas were rejected.",
            "Claude Code 的实验性 beta 被拒绝了。",
        ),
        BetaHeaderHeuristic => fixed(
            "A 400 with anthropic-beta set: likely Claude Code's experimental betas.",
            "带 anthropic-beta 头的请求返回 400：多半是 Claude Code 的实验性 beta。",
        ),
        ClientTimeout => en_zh(
            format!(
                "No answer within {} s: the playground stopped waiting.",
                secs(d.after_ms)
            ),
            format!("{} 秒内没有响应，Playground 停止了等待。", secs(d.after_ms)),
        ),
        TimeoutMidAnswer => en_zh(
            format!(
                "The answer was still arriving after {} s when the playground's timeout stopped it.",
                secs(d.after_ms)
            ),
            format!("{} 秒时回答仍在传输，被 Playground 的超时截断了。", secs(d.after_ms)),
        ),
        ConnectionLost => en_zh(
            format!(
                "The connection broke after the answer had begun (status {}).",
                status_or(d)
            ),
            format!("回答开始后连接中断了（状态 {}）。", status_or(d)),
        ),
        BodyCapped => en_zh(
            format!(
                "The answer is larger than the {} the playground reads: reading stopped there.",
                crate::answer::response::human_size(d.received_bytes.unwrap_or(0))
            ),
            format!(
                "回答超过了 Playground 读取的上限 {}，读取在此停止。",
                crate::answer::response::human_size(d.received_bytes.unwrap_or(0))
            ),
        ),
        GatewayTimeout => fixed(
            "A gateway or proxy gave up waiting (504).",
            "网关或代理等待超时（504）。",
        ),
        ProxyTimeout => fixed(
            "Cloudflare gave up waiting for the gateway (524).",
            "Cloudflare 等待网关响应超时（524）。",
        ),
        RequestTimeout => fixed(
            "The server gave up waiting for the request (408).",
            "服务器等待请求超时（408）。",
        ),
        UpstreamTimeout => fixed("The upstream took too long.", "上游响应超时。"),
        // A vendor called directly limits your own account, not a gateway.
        GatewayLimit if d.family.is_vendor() => fixed(
            "The provider's rate limit for your account was reached.",
            "触发了服务商对你账户的请求频率限制。",
        ),
        GatewayLimit => fixed("The gateway's rate limit was reached.", "触发了网关的请求频率限制。"),
        EmptyBody429 => fixed("Rate limited: 429 with an empty body.", "被限流：429，响应体为空。"),
        UpstreamLimit => fixed("The provider rate-limited this channel.", "上游服务商对该渠道限流了。"),
        Saturated => fixed(
            "Upstream capacity for this group is saturated.",
            "当前分组的上游负载已饱和。",
        ),
        ModelLoad => fixed(
            "The server could not load the model.",
            "服务器无法加载该模型。",
        ),
        ClientOnly => fixed(
            "This key does not accept calls from this client (some relays admit only Claude Code).",
            "该密钥不接受来自当前客户端的调用（部分中转站只允许 Claude Code）。",
        ),
        KeyPoolEmpty => fixed(
            "The gateway has no working provider key left for this route.",
            "网关在这条线路上已没有可用的上游密钥。",
        ),
        SaturatedMasked => fixed(
            "The gateway says upstream capacity is saturated, but it gives that answer for several failures.",
            "网关称上游负载已饱和，但它对多种故障都给出这一答复。",
        ),
        Concurrency => fixed("Too many requests at once for this key.", "该令牌同时进行的请求过多。"),
        BodyTooLarge => fixed("The request body is too large.", "请求体过大。"),
        WrongScheme => fixed(
            "http:// was sent to a port that speaks https.",
            "把 http:// 请求发到了 https 端口。",
        ),
        WrongOperation => fixed("This model does not serve this endpoint.", "该模型不支持这个接口。"),
        TooManyTokens => fixed(
            "This one request has more tokens than the limit allows at all: retrying will not help.",
            "单次请求的 token 数就超过了限额：重试也没有用。",
        ),
        UpstreamRequestFailed => fixed("The gateway could not reach the upstream.", "网关请求上游失败。"),
        UpstreamBadStatus => fixed("The upstream answered with an error.", "上游返回了错误。"),
        Overloaded => fixed("The upstream is overloaded.", "上游过载。"),
        UpstreamApiError => fixed("The provider had an internal error.", "上游服务商内部出错。"),
        RegionBlocked => fixed(
            "The provider refuses calls from this region.",
            "上游服务商拒绝来自该地区的调用。",
        ),
        ServerError => en_zh(
            format!("The server failed ({}).", status_or(d)),
            format!("服务器出错（{}）。", status_or(d)),
        ),
        GatewayInternal => fixed(
            "The gateway itself failed (its storage or its own code): not sure of more.",
            "网关自身出错（存储或其自身代码）：无法确定更多。",
        ),
        GatewayOverloaded => fixed(
            "The gateway is overloaded and refused the call for now.",
            "网关当前负载过高，暂时拒绝了请求。",
        ),
        SensitiveWords => fixed(
            "The gateway's sensitive-word filter refused the content.",
            "网关的敏感词过滤拒绝了这段内容。",
        ),
        TaskNotFound => fixed("No task with this id.", "没有这个 ID 的任务。"),
        StreamError => fixed("The stream failed after it had started.", "流式响应在中途出错。"),
        Unfinished => fixed(
            "The stream ended without saying why it stopped: the answer may be cut short.",
            "流式响应结束时没有说明为何停止：回答可能被截断了。",
        ),
        StreamEndedEarly => fixed(
            "The stream stopped before its end marker.",
            "流式响应在结束标记之前中断了。",
        ),
        MixedContent => fixed(
            "An https page cannot call an http:// URL.",
            "https 页面不能调用 http:// 地址（混合内容）。",
        ),
        CorsRefused => fixed("The browser blocked the response (CORS).", "浏览器拦截了响应（CORS）。"),
        Dns => fixed("The host name could not be resolved.", "无法解析主机名。"),
        Tls => fixed("The TLS or certificate check failed.", "TLS 或证书校验失败。"),
        ConnectionRefused => fixed("The connection was refused.", "连接被拒绝。"),
        Offline => fixed("The browser is offline.", "浏览器处于离线状态。"),
        GenericNetwork => fixed(
            "The request failed before any status arrived.",
            "请求在收到状态码之前就失败了。",
        ),
        ForwardProxy => fixed(
            "A proxy on your own network (Squid) answered instead of the gateway.",
            "回答的是你所在网络里的代理（Squid），而不是网关。",
        ),
        TunnelDown => fixed(
            "A tunnel in front of the gateway answered: nothing behind it is connected.",
            "网关前面的隧道返回了它自己的页面：隧道后面没有连上任何服务。",
        ),
        ProxyBlocked => fixed(
            "A proxy or firewall in front of the gateway blocked the call.",
            "网关前的代理或防火墙拦截了请求。",
        ),
        UserCancelled => fixed("You cancelled the request.", "你取消了请求。"),
        StatusOnly => en_zh(
            format!(
                "Status {}: most likely {}.",
                status_or(d),
                category.title(lang).to_ascii_lowercase()
            ),
            format!("状态码 {}：最可能是{}。", status_or(d), category.title(lang)),
        ),
        Unrecognised => match &d.quote {
            Some(q) => en_zh(
                format!("Not sure: the answer says “{q}”."),
                format!("不确定：响应中写的是“{q}”。"),
            ),
            None => fixed("Not recognised: read the raw response.", "无法识别：请查看原始响应。"),
        },
        NotAnAnswer => {
            let what = |lang: Lang| d.unanswered.unwrap_or(Unanswered::OtherShape).words(lang);
            en_zh(
                format!("A success status, but not an answer: {}.", what(Lang::En)),
                format!("状态码表示成功，但返回的不是应答：{}。", what(Lang::Zh)),
            )
        }
        Withheld => en_zh(
            format!(
                "The provider withheld the answer ({}).",
                d.note.as_deref().unwrap_or("no reason given")
            ),
            format!("服务商没有给出应答（{}）。", d.note.as_deref().unwrap_or("未说明原因")),
        ),
        TaskFailed => en_zh(
            format!(
                "The task ended without a result: {}.",
                d.note.as_deref().unwrap_or("no reason given")
            ),
            format!(
                "任务未产出结果就结束了：{}。",
                d.note.as_deref().unwrap_or("未说明原因")
            ),
        ),
    }
}

fn secs(ms: Option<u64>) -> u64 {
    ms.unwrap_or(0).div_ceil(1000)
}
