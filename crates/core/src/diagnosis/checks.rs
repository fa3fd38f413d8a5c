//! What to check, in the product's own words: the seed's "What to Check" column,
//! sharpened by the specific cause. English and Chinese.

use super::family::Family;
use super::reason::Reason;
use super::verdict::Details;
use super::{Category, Protocol, RequestFacts};
use crate::text::lang::Lang;

/// The checklist for a verdict, most useful first.
pub(crate) fn checks(category: Category, reason: Reason, facts: &RequestFacts, d: &Details, lang: Lang) -> Vec<String> {
    use Reason::*;
    let mut out: Vec<&'static str> = Vec::new();
    let mut typed_base = false;
    let mut add = |en: &'static str, zh: &'static str| out.push(lang.pick(en, zh));
    // A company's proxy stopped the call, whatever it reports (refused, a timeout, a body too
    // large for it): its administrator, not the gateway's, can change that.
    if reason == ForwardProxy {
        add(
            "Ask your network's administrator to allow the gateway's host through the proxy, or try from another network.",
            "请网络管理员在代理上放行网关的主机，或换一个网络再试。",
        );
    }
    match category {
        Category::Success => {}
        Category::SuccessWithErrorBody => {
            add(
                "Read the error inside the body: some routes answer 200 with an error object.",
                "查看响应体中的错误：有些接口会以 200 返回错误对象。",
            );
            add(
                "Make your client look for an error object (at the top level or inside a choice), not only at the status.",
                "让客户端检查 error 对象（顶层或 choice 内），而不只看状态码。",
            );
        }
        Category::AuthenticationFailure => match reason {
            UpstreamKey => {
                add(
                    "Your key was accepted: the channel's own key was refused upstream.",
                    "你的密钥已被接受：被上游拒绝的是渠道自己的密钥。",
                );
                if d.request_id.is_some() {
                    add(
                        "Tell the operator, with the request id and the time of the call.",
                        "把请求 ID 和调用时间告诉运营方。",
                    );
                } else {
                    add(
                        "Tell the operator the time of the call and the model: this answer carries no request id.",
                        "把调用时间和模型告诉运营方：这个响应没有带请求 ID。",
                    );
                }
                add("Retrying may reach another channel.", "重试可能会换到其他渠道。");
            }
            AccountBanned => {
                add(
                    "The account itself is disabled: contact support; a new key will not help.",
                    "账户本身被禁用了：请联系客服，换新密钥也没用。",
                );
            }
            HostAuth => {
                add(
                    "Your key is not the problem: the platform stopped the call before the key was checked.",
                    "问题不在你的密钥：平台在校验密钥之前就拦下了请求。",
                );
                add(
                    "Whoever deployed the gateway must let unauthenticated calls through (Cloud Run: allow public access; a Lambda function URL: auth type NONE with a policy that allows invoking it), or publish it at an address that does.",
                    "部署网关的人需要放行未经平台认证的调用（Cloud Run：允许公开访问；Lambda 函数 URL：认证类型设为 NONE，并配置允许调用的资源策略），或换一个这样放行的地址发布。",
                );
            }
            _ => {
                add("Send the key as Authorization: Bearer sk-… (x-api-key for Claude and x-goog-api-key for Gemini also work).", "以 Authorization: Bearer sk-… 发送密钥（Claude 也可用 x-api-key，Gemini 也可用 x-goog-api-key）。");
                add("Copy the whole secret and keep its sk- prefix: no quotes, spaces, line breaks or a doubled \"Bearer\".", "完整复制密钥并保留 sk- 前缀：不要带引号、空格、换行，也不要重复写 \"Bearer\"。");
                add("Use the field your tool reads: OPENAI_API_KEY in Codex auth.json, ANTHROPIC_AUTH_TOKEN for Claude Code.", "填到工具实际读取的字段：Codex 用 auth.json 里的 OPENAI_API_KEY，Claude Code 用 ANTHROPIC_AUTH_TOKEN。");
                add(
                    "Check the key is not disabled, expired or blocked by an IP restriction.",
                    "确认令牌没有被禁用、没有过期，也没有被 IP 限制拦住。",
                );
                if reason == KeyInvalidAmbiguous {
                    add("Newer gateways say \"Invalid token\" for disabled, expired and used-up keys too: check the key's status.", "新版网关对被禁用、已过期、额度用尽的令牌也只说\"无效的令牌\"：请检查令牌状态。");
                }
                if reason == PermissionDenied {
                    add(
                        "\"Is this model visible to my key?\" lists what this key may use.",
                        "用“这个模型对我的密钥可见吗？”查看该密钥能用哪些模型。",
                    );
                }
            }
        },
        Category::TokenUnavailable => {
            match reason {
                IpNotAllowed => add(
                    "Add the IP your calls come from to the key's allow list, or remove the restriction.",
                    "把发起调用的 IP 加到令牌的允许列表中，或取消 IP 限制。",
                ),
                TokenExpired => add(
                    "Extend the key's expiry or set it to never expire, then enable it again.",
                    "延长令牌的过期时间或设为永不过期，然后重新启用。",
                ),
                ClientOnly => add(
                    "Use this key from the client it is bound to, or ask the relay for a key open to other clients.",
                    "请在该密钥绑定的客户端中使用它，或向中转站申请对其他客户端开放的密钥。",
                ),
                KeyScope => add(
                    "Enable this service in the key's permissions, or use a key made for it.",
                    "在该密钥的权限中开通这项服务，或换用为它创建的密钥。",
                ),
                SpendCap => add(
                    "Wait for the cap to reset (the answer may say when), or raise the key's cost limit.",
                    "等待上限重置（响应中可能写明了时间），或提高该密钥的费用上限。",
                ),
                TokenExhausted | TokenQuotaLow => add(
                    "Raise the key's own quota or make it unlimited: it is separate from the account balance.",
                    "提高令牌自身的额度或设为无限额度：它与账户余额是分开的。",
                ),
                _ => add("Enable the key in the console.", "在控制台中启用该令牌。"),
            }
            add(
                "Check the key in the console: enabled, not expired, quota left, IP restrictions.",
                "在控制台检查令牌：是否启用、是否过期、额度是否还有、有无 IP 限制。",
            );
            // Only new-api (RouteScope's family) has the self-service API behind that check.
            if matches!(d.family, Family::NewApi | Family::OneApi | Family::Unknown) {
                add(
                    "\"Key status and balance\" shows this key's status, group and remaining quota.",
                    "“密钥状态与余额”可以查看该令牌的状态、分组和剩余额度。",
                );
            }
        }
        Category::InsufficientBalance => {
            if reason == UpstreamQuota && d.family == Family::Unknown {
                add(
                    "If this address is the provider's own API, the account is yours: check its billing and credit.",
                    "如果此地址就是服务商的官方接口，账户是你的：请检查其计费与余额。",
                );
                add(
                    "If it is a gateway, tell its operator: a channel's provider account ran out, and retrying may reach another channel.",
                    "如果是网关，请告知运营方：某个渠道的上游账户额度用尽，重试可能会换到其他渠道。",
                );
            } else if reason == AccountCap {
                add(
                    "Raise or switch off this model's usage limit in the provider's console (the answer names the setting).",
                    "在服务商控制台提高或关闭该模型的用量上限（响应中写明了是哪项设置）。",
                );
                add(
                    "Waiting does not help: the limit stays until it is changed.",
                    "等待没有用：上限在修改之前一直有效。",
                );
            } else if reason == UpstreamQuota {
                add(
                    "Nothing to top up on your side: the provider account behind this channel ran out.",
                    "你这边无需充值：是该渠道背后的上游账户额度用尽了。",
                );
                add(
                    "Tell the operator; retrying may reach another channel.",
                    "请告知运营方；重试可能会换到其他渠道。",
                );
            } else {
                add("Check the wallet balance in the console.", "在控制台查看钱包余额。");
                add(
                    "Check that the latest top-up has completed.",
                    "确认最近一次充值已经到账。",
                );
                add(
                    "Compare the usage log with the spending you expected.",
                    "对照使用日志，看消耗是否符合预期。",
                );
            }
        }
        Category::ModelNotAvailable => {
            add(
                "\"Is this model visible to my key?\" checks whether this key can see the model.",
                "用“这个模型对我的密钥可见吗？”确认当前令牌能否看到该模型。",
            );
            add(
                "Check the model id is typed exactly (case, dashes, date suffix).",
                "核对模型 ID 是否完全一致（大小写、连字符、日期后缀）。",
            );
            add(
                "Check whether the key restricts its models, or the account or group has not enabled this one.",
                "检查令牌是否限制了可用模型，或账户、分组是否未开通该模型。",
            );
            add(
                "Model lists: GET /v1/models (OpenAI-compatible) and GET /v1beta/models (Gemini).",
                "模型列表：GET /v1/models（OpenAI 兼容）和 GET /v1beta/models（Gemini）。",
            );
            if reason == ModelNotPriced {
                add(
                    "The operator has to set a price or ratio for this model.",
                    "需要运营方为该模型配置价格或倍率。",
                );
            }
        }
        Category::IncorrectEndpoint => {
            if reason == DoubledV1 {
                add(
                    "Remove /v1 from the base URL or from the path, not both.",
                    "去掉 Base URL 或路径中的一个 /v1，不要两边都有。",
                );
            }
            if reason == HtmlPage {
                add("A web page means the dashboard or a proxy answered: the base URL probably lacks /v1 or points at the console.", "返回网页说明是控制台或代理在响应：Base URL 多半少了 /v1，或指向了控制台。");
            }
            typed_base = true;
            add(
                "Check the method and path against the endpoint list (GET vs POST, /v1 vs /v1beta).",
                "对照接口列表检查方法和路径（GET 还是 POST，/v1 还是 /v1beta）。",
            );
        }
        Category::ParameterError => {
            add("Do not mix protocols: OpenAI Chat uses messages, Gemini uses contents[].parts[], Claude Messages requires max_tokens.", "不要混用协议：OpenAI Chat 用 messages，Gemini 用 contents[].parts[]，Claude Messages 必须带 max_tokens。");
            match reason {
                ContextLength => add(
                    "Shorten the input or lower max_tokens.",
                    "缩短输入，或调低 max_tokens。",
                ),
                ContentPolicy => add(
                    "Rephrase the content; the filter matched words in it.",
                    "换一种说法；过滤器匹配到了其中的词。",
                ),
                ModelMissing => add(
                    "Name the model in the body (Gemini: in the path).",
                    "在请求体中写明模型（Gemini 写在路径里）。",
                ),
                _ => add(
                    "Check the body is valid JSON and each field has the type the protocol expects.",
                    "确认请求体是合法 JSON，且每个字段的类型符合协议要求。",
                ),
            }
            if matches!(facts.protocol, Protocol::Imagen | Protocol::OpenAiImages) {
                add("Imagen uses instances + parameters; OpenAI image edits need multipart/form-data with the source image.", "Imagen 用 instances + parameters；OpenAI 图像编辑需要用 multipart/form-data 上传原图。");
            }
        }
        Category::ClaudeCodeBetas => {
            add(
                "Start Claude Code with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.",
                "启动 Claude Code 前设置 CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1。",
            );
            add(
                "If it persists, also set DISABLE_PROMPT_CACHING=1.",
                "如果仍然出错，再设置 DISABLE_PROMPT_CACHING=1。",
            );
            add(
                "In the playground, drop the anthropic-beta header and retry.",
                "在 Playground 中去掉 anthropic-beta 请求头后重试。",
            );
        }
        Category::Timeout => {
            if reason == TimeoutMidAnswer {
                add(
                    "Raise the timeout in More settings: the answer was arriving, only slower than the limit.",
                    "在“更多设置”中调高超时：回答一直在传输，只是比上限慢。",
                );
            }
            if facts.protocol.has_async_alternative() {
                add(
                    "For images and video, submit an async task, keep the task id and poll its status.",
                    "图像和视频请改用异步任务提交，保存任务 ID 并轮询状态。",
                );
            }
            add(
                "High resolution, many images at once, long video, long text and slow upstreams take longer.",
                "高分辨率、一次多张图、长视频、长文本和较慢的上游都会更耗时。",
            );
            // Advice to stream only when the request did not already.
            if !facts.streamed
                && matches!(
                    facts.protocol,
                    Protocol::OpenAiChat
                        | Protocol::OpenAiResponses
                        | Protocol::ClaudeMessages
                        | Protocol::GeminiNative
                )
            {
                add(
                    "Stream text responses so the first tokens arrive early.",
                    "文本请求使用流式输出，尽早拿到开头内容。",
                );
            }
            add(
                "Fewer or smaller reference images and smaller bodies help.",
                "减少或缩小参考图、减小请求体会有帮助。",
            );
        }
        Category::RateLimit => {
            add(
                "Wait and retry: RPM, TPM and concurrency limits follow the gateway's configuration.",
                "稍等后重试：RPM、TPM 和并发上限由网关配置决定。",
            );
            add(
                "Spread requests out or lower concurrency.",
                "把请求分散开，或降低并发。",
            );
            add(
                "Do not rely on one rate-limit code: read the status and the message.",
                "不要依赖某一个固定的限流错误码：结合状态码和消息判断。",
            );
            if d.hidden_by_cors {
                add(
                    "retry-after and rate-limit headers are hidden by CORS here; curl shows them.",
                    "这里的 retry-after 和限流响应头被 CORS 隐藏了；用 curl 可以看到。",
                );
            }
        }
        Category::RequestTooLarge => {
            add(
                "Shrink the body: fewer or smaller reference images, shorter input.",
                "缩小请求体：减少或压缩参考图，缩短输入。",
            );
            add(
                "Pass images by URL instead of base64 where the endpoint allows it.",
                "接口允许时，用 URL 而不是 base64 传图。",
            );
            add(
                "A proxy in front of the gateway may allow less than the gateway itself.",
                "网关前面的代理允许的大小可能比网关本身更小。",
            );
        }
        Category::UpstreamFailure => {
            if reason == TunnelDown {
                add(
                    "Check that the gateway and the tunnel's agent are running on the machine the tunnel forwards to, and that the tunnel forwards to the gateway's port.",
                    "检查隧道所转发到的那台机器上，网关和隧道客户端是否都在运行，隧道是否转发到网关的端口。",
                );
                add(
                    "Check that the address is the tunnel's current one: free tunnels change it when restarted.",
                    "确认该地址是隧道当前的地址：免费隧道重启后地址会变。",
                );
            }
            if reason == RegionBlocked {
                add("Nothing in the request can fix this: the operator must route the channel through a supported region.", "改请求解决不了：需要运营方让该渠道经由受支持的地区访问。");
            }
            if d.family.is_proxy() {
                // The proxy's own page: the gateway behind it did not answer, so no channel
                // or model choice was ever made, and the page carries no request id.
                add(
                    "A proxy in front of the gateway answered with its own page: the gateway behind it did not answer (down, restarting or overloaded). Retry in a minute.",
                    "网关前面的代理返回了它自己的页面：其后的网关没有应答（宕机、重启中或过载）。一分钟后重试。",
                );
                add(
                    "If it keeps failing, tell the operator the time of the call and the page's title: a proxy's page carries no request id.",
                    "如果持续失败，把调用时间和该页面的标题告诉运营方：代理的页面不带请求 ID。",
                );
            } else {
                add(
                    "Retry in a moment; the gateway may pick another channel.",
                    "稍后重试；网关可能会选到其他渠道。",
                );
                if d.request_id.is_some() {
                    add(
                        "If it keeps failing, send the operator the request id and the time.",
                        "如果持续失败，把请求 ID 和时间发给运营方。",
                    );
                } else {
                    add(
                        "If it keeps failing, send the operator the time of the call and the model: this answer carries no request id.",
                        "如果持续失败，把调用时间和模型发给运营方：这个响应没有带请求 ID。",
                    );
                }
                add(
                    "Try another model to see whether one provider is down.",
                    "换一个模型试试，看是不是某家上游出了问题。",
                );
            }
        }
        Category::NetworkOrCors => {
            if reason == ConnectionLost {
                add(
                    "Retry: a dropped connection is often a one-off.",
                    "重试：连接中断往往是偶发的。",
                );
                add(
                    "If it breaks at the same time every call, a proxy's read timeout is cutting it: stream, or ask the operator.",
                    "如果每次都在同样的时间点中断，多半是代理的读取超时：改用流式，或联系运营方。",
                );
            }
            if reason == MixedContent {
                add(
                    "Use an https:// gateway URL, or open the playground over http for local tests.",
                    "改用 https:// 的网关地址，或在本地测试时用 http 打开 Playground。",
                );
            }
            add(
                "Check the base URL's scheme, host and port.",
                "检查 Base URL 的协议、主机和端口。",
            );
            add(
                "Probe CORS: a preflight-only request tells CORS apart from DNS or TLS trouble.",
                "探测 CORS：只发预检请求，可以区分 CORS 问题和 DNS、TLS 问题。",
            );
            add(
                "A proxy error page (413/502/504) carries no CORS headers and shows up as a network error.",
                "代理的错误页（413/502/504）不带 CORS 头，会表现为网络错误。",
            );
            if d.bearer_preflight {
                add("If Authorization is refused in preflight, send the key as x-api-key (Claude, model list) or x-goog-api-key (Gemini).", "如果预检拒绝了 Authorization，改用 x-api-key（Claude、模型列表）或 x-goog-api-key（Gemini）发送密钥。");
            }
        }
        Category::Cancelled => add(
            "Nothing to fix: send again when ready.",
            "无需处理：准备好后再次发送即可。",
        ),
        Category::Unknown => {
            if reason == Unfinished {
                add(
                    "Send it again without streaming: a single answer carries the provider's error, if there was one.",
                    "关闭流式再发一次：非流式响应会带上服务商的错误（如果有的话）。",
                );
                add(
                    "Compare the end of the text with a second try: the same cut in the same place points at a limit, a different one at a failure.",
                    "与再次调用的文本结尾对比：每次都在同一处截断说明是某种限制，截断处不同则是调用失败。",
                );
            }
            if reason == BodyCapped {
                add(
                    "Download what arrived, or ask for less (fewer images, url instead of b64_json).",
                    "下载已收到的部分，或减少请求的内容（更少的图片，用 url 代替 b64_json）。",
                );
            }
            // A stream with no error in it has no envelope to read.
            if reason != Unfinished {
                add(
                    "Read the raw response; the parsed envelope shows what could be read.",
                    "查看原始响应；解析结果展示了能读到的信息。",
                );
            }
            add("Compare with the same call in curl.", "用 curl 发同样的请求对比一下。");
            if d.request_id.is_some() {
                add(
                    "Ask the operator, with the request id and the time of the call.",
                    "带上请求 ID 和调用时间咨询运营方。",
                );
            } else {
                add(
                    "Ask the operator, with the time of the call: this answer carries no request id.",
                    "带上调用时间咨询运营方：这个响应没有带请求 ID。",
                );
            }
        }
    }
    let mut out: Vec<String> = out.into_iter().map(str::to_string).collect();
    if typed_base {
        // Said with the host the person typed, whichever gateway it is.
        let host = match facts.url.split_once("://") {
            Some((scheme, rest)) => format!("{scheme}://{}", rest.split(['/', '?', '#']).next().unwrap_or("")),
            None => facts.url.clone(),
        };
        let line = lang.pick_owned(
            &format!("Check the base URL matches the tool: Codex and OpenAI-compatible tools use {host}/v1; Claude Code uses {host}."),
            &format!("确认 Base URL 与工具匹配：Codex 和 OpenAI 兼容工具用 {host}/v1；Claude Code 用 {host}。"),
        );
        let at = out.len().saturating_sub(1);
        out.insert(at, line);
    }
    out
}
