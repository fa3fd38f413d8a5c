//! The explanation under the headline: the cause, then what the chosen protocol,
//! the envelope and the request id add. English and Chinese.

use super::family::Family;
use super::reason::Reason;
use super::verdict::{Details, IdOwner};
use super::{Category, Protocol, RequestFacts};
use crate::text::lang::Lang;

/// Why, in a few sentences: the cause, then what the protocol or side adds.
pub(crate) fn explanation(reason: Reason, category: Category, facts: &RequestFacts, d: &Details, lang: Lang) -> String {
    let mut parts: Vec<String> = vec![cause(reason, facts, d, lang)];
    if let Some(extra) = base_url_note(reason, facts, lang) {
        parts.push(extra);
    } else if let Some(extra) = protocol_note(reason, facts.protocol, lang) {
        parts.push(extra.to_string());
    }
    if category == Category::ParameterError && d.status.is_some_and(|s| s >= 500) {
        parts.push(if matches!(d.family, Family::NewApi | Family::OneApi) {
            lang.pick("It came back as a server error, but this gateway family answers bad parameters with 500: nothing failed on the server.", "虽然返回的是服务器错误状态码，但这类网关对参数错误也会返回 500：服务器并没有出故障。").to_string()
        } else {
            lang.pick("It came back as a server error, but the words describe the request: some gateways answer bad parameters with 500.", "虽然返回的是服务器错误状态码，但内容描述的是请求本身：有些网关对参数错误也会返回 500。").to_string()
        });
    }
    if d.on_2xx && category != Category::SuccessWithErrorBody && category != Category::Success {
        parts.push(
            lang.pick(
                "It arrived with a 2xx status, which clients often treat as success.",
                "它是随 2xx 状态码返回的，客户端常会误当成成功。",
            )
            .to_string(),
        );
    }
    if d.rebrand {
        parts.push(
            lang.pick(
                "The error type looks like a rebranded gateway's, so the reading rests on wording.",
                "错误类型看起来是改名后的网关类型，所以判断主要依据措辞。",
            )
            .to_string(),
        );
    } else if d.foreign {
        parts.push(lang.pick("The body is not in the gateway's usual shape (another gateway or a proxy?), so this rests on the status and wording.", "响应体不是网关惯用的格式（可能是其他网关或代理），所以判断依据的是状态码和措辞。").to_string());
    }
    if let Some(id) = &d.request_id {
        parts.push(match d.request_id_owner {
            IdOwner::Gateway => lang.pick_owned(
                &format!("Request id {id} is the gateway's own: its usage log (and the self-service log search) finds this call by it."),
                &format!("请求 ID {id} 是网关自己的：可在其使用日志（以及自助接口的日志查询）中按它查到这次调用。"),
            ),
            IdOwner::Provider => lang.pick_owned(
                &format!("Request id {id} is the provider's: only the provider's support can use it (a gateway's usage log does not know it)."),
                &format!("请求 ID {id} 是上游服务商的：只有服务商的支持团队能用它查询（网关的使用日志查不到）。"),
            ),
            IdOwner::Proxy => lang.pick_owned(
                &format!("Id {id} is the proxy's: whoever runs the proxy in front can look it up."),
                &format!("ID {id} 属于前置代理：由运行该代理的一方查询。"),
            ),
            IdOwner::Unknown => lang.pick_owned(
                &format!("Request id {id}: quote it to whoever runs this service."),
                &format!("请求 ID {id}：向该服务的运营方提供它。"),
            ),
        });
    }
    parts.join(sentence_gap(lang))
}

fn cause(reason: Reason, facts: &RequestFacts, d: &Details, lang: Lang) -> String {
    use Reason::*;
    let s = match reason {
        Ok => lang.pick("The response arrived and carries no error.", "响应已返回，其中没有错误。"),
        ErrorBodyOn2xx => lang.pick("Some routes answer 200 with an error object; its wording matched no known signature.", "有些接口会以 200 返回错误对象；其措辞没有匹配到已知特征。"),
        KeyMissing => lang.pick("The gateway saw no key: the header is missing, misspelled, or the client sends the key in a field this route does not read.", "网关没有看到密钥：请求头缺失或拼错，或者客户端把密钥放在了该接口不读取的字段里。"),
        KeyInvalid => lang.pick("The key was sent but is not a valid key here: truncated, missing its sk- prefix, with stray quotes or line breaks, or from another service.", "密钥已发送，但在这里无效：可能被截断、丢了 sk- 前缀、带了多余的引号或换行，或是其他服务的密钥。"),
        KeyInvalidAmbiguous => lang.pick("Newer gateways answer a plain \"Invalid token\" for a mistyped key and also for a disabled, expired or used-up one, so the message alone cannot tell them apart.", "新版网关对输错的密钥，以及被禁用、已过期、额度用尽的令牌，都只回一句\"无效的令牌\"，单看消息无法区分。"),
        UpstreamKey => lang.pick("Your key passed the gateway; the provider then refused the key of the channel the gateway used. Only the operator can fix that channel.", "你的密钥已通过网关校验；随后上游服务商拒绝了网关所用渠道的密钥。只有运营方能修复该渠道。"),
        PermissionDenied => lang.pick("The key is valid but lacks permission for this resource or model.", "密钥有效，但没有访问该资源或模型的权限。"),
        HostAuth => lang.pick("The gateway runs on a platform (Google Cloud Run, an AWS Lambda function URL) set to admit only calls signed with the platform's own credentials. An API key is not such a credential, so the platform answered before the gateway saw the call: the key was never checked.", "网关部署在一个只接受带平台自身凭据签名请求的平台上（Google Cloud Run、AWS Lambda 函数 URL）。API 密钥不是这种凭据，所以平台在网关看到请求之前就作答了：密钥根本没有被校验。"),
        AccountBanned => lang.pick("The user account that owns this key is banned or disabled; a new key will not help.", "拥有该密钥的用户账户已被封禁或禁用，换新密钥也没用。"),
        TokenDisabled => lang.pick("The key exists but is switched off in the console.", "令牌存在，但在控制台中被停用了。"),
        TokenExpired => lang.pick("The key's expiry time has passed.", "令牌已超过过期时间。"),
        TokenExhausted => lang.pick("The key has its own spending limit, separate from the account balance, and it is used up.", "令牌有独立于账户余额的额度上限，现在已经用完。"),
        IpNotAllowed => lang.pick("The key only accepts calls from listed IP addresses, and this call came from another.", "该令牌只接受来自指定 IP 的调用，而这次调用来自其他 IP。"),
        TokenQuotaLow => lang.pick("Before each call the gateway reserves its estimated cost from the key's quota; the key has less left than that.", "每次调用前网关会从令牌额度中预扣预估费用；令牌剩余额度不够。"),
        InferenceProfile => lang.pick("Amazon Bedrock serves newer models on demand only through a cross-region inference profile: call it by the profile's id (the model id with a region prefix such as us. or eu.) or its ARN.", "Amazon Bedrock 对较新的模型只通过跨区域推理配置文件按需提供：请用配置文件的 ID（在模型 ID 前加 us.、eu. 等区域前缀）或其 ARN 调用。"),
        KeyScope => lang.pick("The key is valid, but its permissions leave out this service (for example a key enabled for Claude only, called on an OpenAI route).", "密钥有效，但其权限不包括这项服务（例如只开通了 Claude 的密钥被用在 OpenAI 的路由上）。"),
        SpendCap => lang.pick("The gateway caps what this key may spend in a period (a day, usually) and the cap is reached; it resets with the period, and the answer may say when.", "网关限制了该密钥在一个周期（通常是一天）内的花费，现已达到上限；上限随周期重置，响应中可能写明了重置时间。"),
        AccountCap => lang.pick("The account set a limit on what this model may use (Volcengine Ark calls it Safe Experience Mode), and the limit is reached: calls are paused until it is raised or switched off in the provider's console. It is not a rate limit: waiting does not lift it.", "账户为该模型设置了用量上限（火山方舟称为“安全体验模式”），现已达到：在服务商控制台提高或关闭该上限之前，调用会一直暂停。这不是限流，等待不会解除。"),
        UserQuota => lang.pick("The gateway reserves the estimated cost before calling the model, and the account balance does not cover it.", "网关调用模型前会预扣预估费用，账户余额不足以支付。"),
        UpstreamQuota if d.family == Family::Unknown => lang.pick("These are a provider's words (OpenAI's insufficient_quota and its kin): its account has no quota or credit left. Nothing here tells whether a gateway relayed them about its channel's account, or this address is the provider and the account is yours; it is billing either way, not a rate limit, even as a 429.", "这是服务商的原话（OpenAI 的 insufficient_quota 之类）：其账户已没有额度或余额。无法判断是网关转发了其渠道账户的情况，还是此地址就是服务商、账户是你的；无论哪种都是计费问题，即使返回 429 也不是限流。"),
        UpstreamQuota => lang.pick("The provider says the account behind this channel is out of quota or credit. This is the channel's billing, not your balance, and not a rate limit even when it comes as 429.", "上游服务商表示该渠道背后的账户额度或余额已用尽。这是渠道的计费问题，与你的余额无关；即使返回 429，也不是限流。"),
        ModelNoAccess => lang.pick("The key is limited to certain models, and this one is not among them.", "该令牌只能使用部分模型，这个模型不在其中。"),
        NoChannel => lang.pick("The gateway found no enabled channel for this model in the key's group: the id may be mistyped (a typo lands here too), or the group has not enabled the model.", "网关在令牌所属分组中找不到提供该模型的可用渠道：可能是模型 ID 拼错了（拼错也会报这个），也可能该分组没有开通该模型。"),
        ModelNotPriced => lang.pick("The gateway knows the model but the operator has not set its price or ratio, so it refuses to bill it.", "网关认识这个模型，但运营方还没有配置它的价格或倍率，因此拒绝计费调用。"),
        ModelNotFound => lang.pick("The model id is not known where the request ended up; check the exact spelling and whether this key can see it.", "请求到达的地方不认识这个模型 ID；请核对拼写，并确认该令牌能看到它。"),
        GroupDenied => lang.pick("The key is bound to a group the account may not use, or one the operator retired.", "该令牌绑定的分组当前账户无权使用，或已被运营方弃用。"),
        InvalidUrl => lang.pick("The gateway's router has no endpoint for this method and path.", "网关的路由中没有对应这个方法和路径的接口。"),
        DoubledV1 => lang.pick("The base URL already ended in /v1 and the client appended /v1/… again. OpenAI-style clients take …/v1; Claude Code takes the bare host.", "Base URL 已经以 /v1 结尾，客户端又追加了 /v1/…。OpenAI 风格的客户端填 …/v1；Claude Code 只填主机地址。"),
        HtmlPage => lang.pick("An HTML page is what the dashboard or a proxy serves, not the API: the base URL is probably missing /v1 or points at the console.", "HTML 页面是控制台或代理返回的，不是 API：Base URL 多半少了 /v1，或指向了控制台。"),
        MethodNotAllowed => lang.pick("The path exists but not for this method (GET vs POST).", "路径存在，但不接受这种方法（GET 与 POST 弄反了）。"),
        NotImplemented => lang.pick("The route exists but this gateway does not implement it for this channel type.", "该路由存在，但网关没有为这类渠道实现它。"),
        RouteNotFound => lang.pick("No endpoint answers at this path: check the base URL and the path.", "这个路径上没有接口响应：请检查 Base URL 和路径。"),
        ModelMissing => lang.pick("The gateway reads the model from the body (or the path for Gemini) and found none.", "网关从请求体（Gemini 从路径）读取模型，但没有找到。"),
        MessagesRequired => lang.pick("The route that answered expects a messages array (OpenAI Chat or Claude Messages).", "响应的接口需要 messages 数组（OpenAI Chat 或 Claude Messages）。"),
        ContentsRequired => lang.pick("The route that answered expects Gemini's contents[].parts[].", "响应的接口需要 Gemini 的 contents[].parts[]。"),
        MaxTokens => lang.pick("max_tokens is required on Claude Messages and must be a positive integer within the model's limit.", "Claude Messages 必须带 max_tokens，且须为不超过模型上限的正整数。"),
        PromptRequired => lang.pick("The route that answered (images or a task) needs a prompt.", "响应的接口（图像或任务）需要 prompt。"),
        InvalidJson => lang.pick("The body is not valid JSON, or a field has the wrong type (\"cannot unmarshal\" comes from the gateway's decoder).", "请求体不是合法的 JSON，或某个字段类型不对（\"cannot unmarshal\" 来自网关的解析器）。"),
        UnknownField => lang.pick("A field from another protocol was sent; this route does not accept it.", "请求里带了别的协议的字段，该接口不接受。"),
        ContextLength => lang.pick("Prompt plus requested output exceed the model's context window.", "提示词加上请求的输出长度超出了模型的上下文窗口。"),
        ContentPolicy => lang.pick("The gateway's sensitive-word filter or the provider's moderation blocked the content.", "网关的敏感词过滤或上游的内容审核拦截了这段内容。"),
        GenericParam => lang.pick("The request was refused as malformed. Note that the gateway answers some bad parameters with 500.", "请求被判定为格式不正确。注意：网关对部分参数错误会返回 500。"),
        ExtraInputs => lang.pick("Claude Code sends experimental fields (such as context_management) and anthropic-beta values that this channel's upstream does not accept.", "Claude Code 会发送实验性字段（如 context_management）和 anthropic-beta 值，而该渠道的上游不接受。"),
        BetaHeaderHeuristic => lang.pick("The error itself is vague, but the request carried anthropic-beta, which many channels reject.", "错误信息本身不明确，但请求带了 anthropic-beta 头，很多渠道会拒绝它。"),
        TimeoutMidAnswer => lang.pick("The status and part of the body had arrived, so the gateway and the provider were answering: the whole answer simply took longer than the timeout. What arrived is shown.", "状态码和部分响应体已经到达，说明网关和上游都在正常回答：只是完整回答耗时超过了超时设置。已收到的内容照常显示。"),
        ConnectionLost => lang.pick("The browser only says the connection failed; a proxy's read timeout, the network or the provider ending the connection all look like this. What arrived is shown.", "浏览器只报告连接失败；代理的读取超时、网络问题或上游断开连接看起来都一样。已收到的内容照常显示。"),
        BodyCapped => lang.pick("Reading stops at a cap so that a runaway answer cannot freeze or exhaust the page; the part that arrived is shown and can be downloaded.", "为防止异常巨大的回答卡死或耗尽页面内存，读取设有上限；已收到的部分照常显示，也可以下载。"),
        ClientTimeout => lang.pick("High-resolution images, several images at once, long video, long text or a slow upstream can exceed the time limit.", "高分辨率图像、一次多张图、长视频、长文本或上游较慢，都可能超出时间限制。"),
        GatewayTimeout => lang.pick("Something between you and the model stopped waiting; the upstream may still finish and bill.", "你和模型之间的某一环停止了等待；上游可能仍会完成并计费。"),
        ProxyTimeout => lang.pick("Cloudflare waits about 100 s for the origin; long non-streamed calls hit that.", "Cloudflare 等待源站大约 100 秒；较长的非流式调用会撞上这个限制。"),
        RequestTimeout => lang.pick("The request body arrived too slowly (large upload or slow network).", "请求体上传太慢（上传内容大或网络慢）。"),
        UpstreamTimeout => lang.pick("The gateway waited for the provider and gave up.", "网关等待上游服务商响应，最终超时放弃。"),
        GatewayLimit if d.family.is_vendor() => lang.pick("The provider limits requests and tokens per account (or organisation) over a window; the message or the retry-after header says when to try again.", "服务商按账户（或组织）在一个时间窗口内限制请求数和 token 数；消息或 retry-after 头会说明何时可以重试。"),
        GatewayLimit => lang.pick("The gateway counts requests per key/user over a window and refuses beyond the configured limit.", "网关在一个时间窗口内按令牌或用户计数，超过配置上限就拒绝。"),
        EmptyBody429 => lang.pick("A 429 with no body is the gateway's global rate limiter (or a proxy's); there is no message to read.", "没有响应体的 429 来自网关的全局限流（或代理）；没有可读的消息。"),
        UpstreamLimit => lang.pick("The provider limited the channel's account; the gateway relayed it.", "上游服务商限制了该渠道的账户，网关只是转发了这个错误。"),
        ModelLoad => lang.pick("A self-hosted server (Ollama, LocalAI, llama.cpp and the like) failed to load the model: not enough memory, or its backend process crashed. Nothing in the request causes it; whoever runs the server can free memory, pick a smaller model or restart it.", "自托管的服务器（Ollama、LocalAI、llama.cpp 等）未能加载模型：内存不足，或其后端进程崩溃。与请求内容无关；运行该服务器的人可以释放内存、换更小的模型或重启服务。"),
        ClientOnly => lang.pick("Some relays bind a key to one client and check each call's User-Agent and headers; calls from other tools, this playground included, are refused however valid the key. Use the key from that client, or ask the relay for a key without that limit.", "部分中转站把密钥绑定到某一个客户端，并检查每次调用的 User-Agent 和请求头；来自其他工具（包括本 Playground）的调用，即使密钥有效也会被拒绝。请在该客户端中使用这个密钥，或向中转站申请没有此限制的密钥。"),
        KeyPoolEmpty => lang.pick("Relays that rotate a pool of provider keys (gpt-load and the like) take a key out after it fails; every key of this group is out, or none was added. Your key is fine: only the operator can add or revive provider keys.", "轮换上游密钥池的中转（如 gpt-load）会在密钥出错后将其移出；该分组的密钥已全部移出，或从未添加。你的密钥没有问题：只有运营方能添加或恢复上游密钥。"),
        SaturatedMasked => lang.pick("Some gateways (done-hub, aiproxy and others) answer every failure to reach a provider with this one text and a 5xx status: no channel set up for the model, every channel failing, or channels cooling down after errors. The answer does not say which; the operator's logs do.", "部分网关（done-hub、aiproxy 等）在无法调用上游时一律返回这段文字和 5xx 状态码：可能是该模型没有配置渠道、所有渠道都失败，或渠道出错后正在冷却。响应本身无法区分，运营方的日志可以。"),
        Saturated => lang.pick("All upstream capacity for this group is busy right now.", "该分组的上游资源目前全部繁忙。"),
        Concurrency => lang.pick("The key has a cap on simultaneous requests.", "该令牌对同时进行的请求数有上限。"),
        BodyTooLarge => lang.pick("The gateway or a proxy in front of it (often nginx) refuses bodies above its limit.", "网关或其前面的代理（通常是 nginx）拒绝超过上限的请求体。"),
        TooManyTokens => lang.pick("The limit (tokens per minute, or the context) is smaller than this single request, so it can never pass as it is: shorten the input or ask for fewer output tokens.", "限额（每分钟 token 数或上下文）比这一次请求还小，原样重试永远不会通过：请缩短输入或减少输出 token。"),
        WrongOperation => lang.pick("Each model serves some operations only (chat, embeddings, images): pick the endpoint this model is for, or a model that serves this one.", "每个模型只支持部分操作（对话、向量、图片）：请选择该模型适用的接口，或换一个支持此接口的模型。"),
        WrongScheme => lang.pick("The address says http:// but the server there expects TLS: write https:// in the gateway address.", "地址写的是 http://，但该端口要求 TLS：请在网关地址中改用 https://。"),
        UpstreamRequestFailed => lang.pick("The gateway's call to the provider failed at the connection level.", "网关调用上游服务商时在连接层面失败了。"),
        UpstreamBadStatus => lang.pick("The provider returned an error status, and the gateway relayed it.", "上游服务商返回了错误状态，网关转发了它。"),
        Overloaded => lang.pick("The provider or the gateway is shedding load; it usually passes.", "上游或网关正在限载，通常过一会儿就好。"),
        UpstreamApiError => lang.pick("The provider reported an internal error.", "上游服务商报告了内部错误。"),
        RegionBlocked => lang.pick("The provider does not serve the country or region the call reached it from: through the gateway that is the channel's server, so the operator has to route it elsewhere.", "上游服务商不为发起调用的国家或地区提供服务：经网关调用时，这指的是渠道服务器所在地，需要运营方改走其他线路。"),
        // A proxy's own page: it is the proxy saying the service behind it (the gateway)
        // did not give it a usable answer.
        ServerError if d.family.is_proxy() => lang.pick("The proxy in front of the gateway answered with its own error page: the gateway behind it gave the proxy no usable answer (down, restarting or overloaded).", "网关前面的代理返回了它自己的错误页：其后的网关没有给代理可用的响应（宕机、重启中或过载）。"),
        ServerError => lang.pick("A server between you and the model failed without saying more.", "你和模型之间的某个服务器出错了，没有给出更多信息。"),
        GatewayInternal => lang.pick("The gateway reported a failure of its own (its database or its code). Nothing in your request is known to cause it; the operator has to look.", "网关报告了自身的故障（数据库或代码）。目前没有迹象表明是你的请求导致的，需要运营方排查。"),
        GatewayOverloaded => lang.pick("The gateway sheds load when its machine is busy; retry in a little while. Nothing on your side causes it.", "网关所在机器繁忙时会主动拒绝部分请求；稍后重试即可，与你这边无关。"),
        SensitiveWords => lang.pick("The gateway checks prompts against its operator's word list and refused this one. Rephrase the flagged part, or ask the operator about the list.", "网关会按运营方配置的词表检查提示词，这次被拒绝了。请修改被标记的内容，或向运营方咨询词表。"),
        TaskNotFound => lang.pick("The task id does not name a task of this key: copy it again from the submit answer, and query the same route family that created it.", "该任务 ID 不对应此密钥的任何任务：请从提交的响应中重新复制，并在创建它的同一类接口上查询。"),
        StreamError => lang.pick("The upstream failed mid-stream; the status was already 200, so the error came as an event.", "上游在流式输出中途失败；此时状态码已是 200，所以错误以事件形式到达。"),
        StreamEndedEarly => lang.pick("The connection closed without the end marker: an upstream failure or the gateway's 300 s stream inactivity limit.", "连接在没有结束标记的情况下关闭：可能是上游故障，或触发了网关 300 秒的流式空闲限制。"),
        MixedContent => lang.pick("Browsers block http:// calls from an https page before they leave.", "浏览器会在发出前拦截 https 页面里的 http:// 请求。"),
        CorsRefused => lang.pick("The response lacked the CORS headers the browser needs, so JavaScript never sees it.", "响应缺少浏览器要求的 CORS 头，因此 JavaScript 拿不到它。"),
        Dns => lang.pick("The host in the base URL does not resolve.", "Base URL 中的主机名无法解析。"),
        Tls => lang.pick("The certificate is invalid, expired or for another host.", "证书无效、过期或不属于这个主机。"),
        ConnectionRefused => lang.pick("Nothing listens at that host and port.", "该主机和端口上没有服务在监听。"),
        Offline => lang.pick("The browser reports no network.", "浏览器报告当前没有网络。"),
        GenericNetwork => lang.pick("The browser hides why (CORS, DNS, TLS, a refused connection, or a proxy error page without CORS headers all look the same).", "浏览器不会说明原因（CORS、DNS、TLS、连接被拒，或不带 CORS 头的代理错误页，看起来都一样）。"),
        TunnelDown => lang.pick("A tunnel (ngrok, frp, natapp, localtunnel) forwards a public address to one machine. Its own page means the call reached the tunnel but not the gateway: the gateway or the tunnel's agent on that machine is not running, or the address no longer points anywhere (free tunnels get a new address when restarted).", "隧道（ngrok、frp、natapp、localtunnel 等）把公网地址转发到某台机器。返回隧道自己的页面，说明请求到了隧道却没到网关：那台机器上的网关或隧道客户端没有运行，或者该地址已不再指向任何服务（免费隧道重启后地址会变）。"),
        ForwardProxy => lang.pick("Squid is a forward proxy, usually a company's or a school's: the call stopped there and never reached the gateway. Its page names the reason (access denied, could not connect).", "Squid 是正向代理，通常属于公司或学校网络：请求在那里就停下了，没有到达网关。页面上写明了原因（拒绝访问、无法连接等）。"),
        ProxyBlocked => lang.pick("The page came from a proxy or firewall (for example a Cloudflare block), not from the gateway.", "这个页面来自代理或防火墙（例如 Cloudflare 拦截），而不是网关。"),
        UserCancelled => lang.pick("The request was stopped from the playground.", "请求已在 Playground 中停止。"),
        StatusOnly => lang.pick("The body did not say more, so only the status code points here.", "响应体没有更多信息，只能根据状态码推断。"),
        NotAnAnswer => lang.pick("The status says success, but the body is not what this endpoint answers with, so the call did not do what was asked. Read the raw body: a proxy, a landing page or a different API may have answered.", "状态码表示成功，但响应体不是该接口的应答格式，调用并没有完成请求。请查看原始响应：可能是代理、落地页或另一个接口作答。"),
        Unfinished => lang.pick("A whole chat stream says why it stopped (a finish_reason of stop, length or tool_calls) before [DONE]. This one never did: a gateway in between may have dropped the provider's error and closed the stream as if it had finished. The text may be all there is, or only its beginning; not sure which.", "完整的对话流会在 [DONE] 之前说明为何停止（finish_reason 为 stop、length 或 tool_calls）。这次始终没有说明：中间的网关可能丢掉了服务商的错误，把流当作正常结束关闭了。已收到的文本可能就是全部，也可能只是开头；无法确定。"),
        Withheld => lang.pick("The provider accepted the request but returned no content, or stopped partway, giving the reason shown. This is usually its safety or policy filter, or the model refusing; rephrasing or another model may help. Not sure beyond what it states.", "服务商接受了请求，但没有返回内容或中途停止，原因如上。通常是其安全或内容策略过滤，或模型拒绝回答；换种说法或换个模型可能有用。除此之外无法确定。"),
        TaskFailed => lang.pick("The task was accepted and ran, then ended without a result; the reason is the task's own.", "任务已被接受并执行，但最终没有产出结果；原因来自任务本身。"),
        Unrecognised => lang.pick("No known signature matched; the parsed envelope below shows what could be read.", "没有匹配到已知特征；下方解析出的内容展示了能读到的信息。"),
    };
    let mut text = s.to_string();
    if reason == GenericNetwork {
        if d.after_ms.unwrap_or(0) >= 25_000 {
            text.push_str(sentence_gap(lang));
            text.push_str(lang.pick(
                "It failed after a long wait, which points at a proxy timeout page (504/524) without CORS headers.",
                "它在长时间等待后才失败，多半是不带 CORS 头的代理超时页（504/524）。",
            ));
        }
        if d.body_bytes > 1_000_000 {
            text.push_str(sentence_gap(lang));
            text.push_str(lang.pick(
                "The body was over 1 MB: a proxy's 413 page (nginx's default limit is 1 MB) looks like this too.",
                "请求体超过 1 MB：代理返回的 413 页面（nginx 默认上限 1 MB）也会表现成这样。",
            ));
        }
        if d.bearer_preflight {
            text.push_str(sentence_gap(lang));
            text.push_str(lang.pick("If the browser refused Authorization in preflight (\"Allow-Headers: *\" does not cover it), x-api-key or x-goog-api-key still work on this route.", "如果浏览器在预检中拒绝了 Authorization（\"Allow-Headers: *\" 并不涵盖它），该接口仍可使用 x-api-key 或 x-goog-api-key。"));
        }
    }
    if reason == ClientTimeout
        && !facts.streamed
        && matches!(
            facts.protocol,
            Protocol::OpenAiChat | Protocol::OpenAiResponses | Protocol::ClaudeMessages | Protocol::GeminiNative
        )
    {
        text.push_str(sentence_gap(lang));
        text.push_str(lang.pick(
            "Streaming would show the first tokens long before the whole answer is ready.",
            "使用流式输出，可以在完整回答生成前就看到开头的内容。",
        ));
    }
    text
}

/// The scheme and host (with port) of a URL: the address the person typed, for advice.
fn typed_origin(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split(['/', '?', '#']).next().unwrap_or("")),
        None => url.to_string(),
    }
}

/// Which base URL each kind of client needs, said with the host the person typed.
fn base_url_note(reason: Reason, facts: &RequestFacts, lang: Lang) -> Option<String> {
    use Protocol::*;
    use Reason::*;
    let host = typed_origin(&facts.url);
    Some(match (reason, facts.protocol) {
        (HtmlPage | RouteNotFound, ClaudeMessages) => lang.pick_owned(
            &format!("For Claude Code the base URL is the bare host ({host}); it appends /v1/messages itself."),
            &format!("Claude Code 的 Base URL 只填主机（{host}），它会自己追加 /v1/messages。"),
        ),
        (HtmlPage | RouteNotFound, OpenAiChat | OpenAiResponses | OpenAiImages | OpenAiModels) => lang.pick_owned(
            &format!("OpenAI-style clients and Codex take {host}/v1 as base URL."),
            &format!("OpenAI 风格的客户端和 Codex 的 Base URL 应为 {host}/v1。"),
        ),
        _ => return None,
    })
}

/// What a mixed-protocol error means for the protocol the user picked.
fn protocol_note(reason: Reason, protocol: Protocol, lang: Lang) -> Option<&'static str> {
    use Protocol::*;
    use Reason::*;
    let note = match (reason, protocol) {
        (MessagesRequired, GeminiNative | Imagen) => lang.pick("This is a Gemini request, yet an OpenAI/Claude route answered: the URL should be /v1beta/models/{model}:generateContent.", "这是 Gemini 请求，却由 OpenAI/Claude 的接口响应：URL 应为 /v1beta/models/{model}:generateContent。"),
        (MessagesRequired, OpenAiResponses) => lang.pick("The Responses API takes input, not messages: check the path is /v1/responses.", "Responses API 用的是 input 而不是 messages：请确认路径是 /v1/responses。"),
        (MessagesRequired, _) => lang.pick("Protocols are mixed: a Gemini body (contents[].parts[]) or a Responses body (input) sent here fails like this.", "协议混用了：把 Gemini 的请求体（contents[].parts[]）或 Responses 的请求体（input）发到这里就会这样。"),
        (ContentsRequired, Imagen) => lang.pick("Known quirk: this gateway family rejects Imagen's instances/parameters body on :predict with \"contents is required\"; reach Imagen through /v1/images/generations instead.", "已知问题：该网关对 :predict 上 Imagen 的 instances/parameters 请求体会报 \"contents is required\"；请改用 /v1/images/generations 调用 Imagen。"),
        (ContentsRequired, GeminiNative) => lang.pick("Gemini takes contents[].parts[], never messages; the model goes in the path, not the body.", "Gemini 使用 contents[].parts[]，不用 messages；模型写在路径里，不在请求体中。"),
        (ContentsRequired, _) => lang.pick("Protocols are mixed: an OpenAI/Claude body reached a Gemini route; check the URL.", "协议混用了：OpenAI/Claude 的请求体发到了 Gemini 的接口，请检查 URL。"),
        (MaxTokens, ClaudeMessages) => lang.pick("Claude Messages always needs max_tokens, unlike OpenAI Chat.", "与 OpenAI Chat 不同，Claude Messages 必须带 max_tokens。"),
        (UnknownField, GeminiNative | Imagen) => lang.pick("Gemini rejects OpenAI fields such as messages, model or max_tokens (use contents and generationConfig.maxOutputTokens).", "Gemini 不接受 messages、model、max_tokens 等 OpenAI 字段（请用 contents 和 generationConfig.maxOutputTokens）。"),
        (PromptRequired, OpenAiChat | ClaudeMessages | OpenAiResponses) => lang.pick("A chat body reached an images or task route: check the path.", "聊天请求体发到了图像或任务接口：请检查路径。"),
        (HtmlPage | RouteNotFound, GeminiNative | GeminiModels | Imagen) => lang.pick("Gemini paths start with /v1beta/ on the bare host.", "Gemini 的路径以 /v1beta/ 开头，直接接在主机地址后面。"),
        (HtmlPage, SelfService) => lang.pick("The self-service API lives on its own host (webapi…), not on the model gateway.", "自助查询 API 在单独的主机（webapi…）上，而不在模型网关上。"),
        _ => return None,
    };
    Some(note)
}

/// Chinese runs sentences together; English separates them with a space.
fn sentence_gap(lang: Lang) -> &'static str {
    lang.pick(" ", "")
}
