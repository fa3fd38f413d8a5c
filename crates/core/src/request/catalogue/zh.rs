//! The Chinese (Simplified) wording of the endpoint catalogue: each endpoint's summary, the
//! side-list group titles, and every field's label and help line.
//!
//! Kept apart from the catalogue so its rows stay one line each. Protocol identifiers, JSON
//! field names, paths, headers, model ids and units stay as written in English.

use super::EndpointId;

/// Help for a model field filled from the model list (several endpoints).
const MODEL_FROM_LIST: &str = "模型列表中的模型 ID。";
/// Help for a `size` field written as `WIDTHxHEIGHT` (several endpoints).
const SIZE_WXH: &str = "格式为 WIDTHxHEIGHT，中间用 ASCII 字符 x。";
/// Help for a task id copied from the submit response (several endpoints).
const FROM_SUBMIT: &str = "取自提交接口的响应。";
/// Help for a `tools` field (several endpoints).
const TOOLS_HELP: &str = "工具定义数组。";

/// The endpoint's one-sentence summary in Chinese.
#[rustfmt::skip]
pub(super) fn summary(id: EndpointId) -> &'static str {
    match id {
        EndpointId::OpenAiModels => "此密钥可用的模型，即 OpenAI 风格客户端看到的列表。",
        EndpointId::GeminiModels => "Gemini 原生客户端在 /v1beta 下看到的模型。",
        EndpointId::ChatCompletions => "OpenAI Chat Completions：模型和消息。",
        EndpointId::Responses => "OpenAI Responses API，即 Codex 所用的接口（wire_api = \"responses\"）。",
        EndpointId::ClaudeMessages => "Claude Messages：模型、消息以及必填的 max_tokens。",
        EndpointId::GeminiGenerate => "Gemini 原生格式：contents[].parts[]，模型写在路径中。",
        EndpointId::ImagenPredict => "Imagen：instances 和 parameters。",
        EndpointId::ImagesGenerations => "OpenAI 图像生成；也用于 Doubao Seedream 文生图。",
        EndpointId::ImageEditsMultipart => "OpenAI 风格的图像编辑：源图以 multipart/form-data 上传。",
        EndpointId::SeedreamEdits => "Doubao Seedream 图像编辑：参考图放在 JSON 的 image 字段中。",
        EndpointId::AsyncImageSubmit => "提交图像任务，获得用于轮询的 job_id：没有会超时的长请求。",
        EndpointId::AsyncImageQuery => "轮询任务状态（WAIT、RUN、DONE、FAIL）。该路径未经验证：如有需要请修改。",
        EndpointId::VideoSubmit => "提交视频任务（new-api 标准）并获得 task_id。",
        EndpointId::VideoQuery => "视频任务的状态和结果。",
        EndpointId::KeyStatus => "自助接口：此密钥的状态、分组和剩余额度。",
        EndpointId::UsageLog => "自助接口：某个请求 ID 对应的使用日志记录。",
        EndpointId::UsageStat => "自助接口：已用额度，以及最近一分钟内的请求数/token 数。",
    }
}

/// A side-list group title in Chinese (the English `group` strings used by the catalogue, e.g. "Models", "OpenAI", "Claude", "Gemini", "Images", "Tasks", "Account"); unknown → None.
#[rustfmt::skip]
pub(super) fn group(group: &str) -> Option<&'static str> {
    match group {
        "Models" => Some("模型"),
        "OpenAI" => Some("OpenAI"),
        "Claude" => Some("Claude"),
        "Gemini" => Some("Gemini"),
        "Images" => Some("图像"),
        "Tasks" => Some("任务"),
        "Account" => Some("账户"),
        _ => None,
    }
}

/// A field's label and help line in Chinese, by endpoint and field key; None when the field is unknown.
#[rustfmt::skip]
pub(super) fn field(id: EndpointId, key: &str) -> Option<(&'static str, &'static str)> {
    let text = match (id, key) {
        // The shared `STREAM` field.
        (EndpointId::ChatCompletions | EndpointId::Responses | EndpointId::ClaudeMessages, "stream") => ("流式输出", "以服务器发送事件（server-sent events）的形式接收回答。"),

        // Models
        (EndpointId::OpenAiModels, "model") => ("单个模型（可选）", "留空则返回完整列表；填写模型 ID 则请求 GET /v1/models/{model}。"),
        (EndpointId::GeminiModels, "list") => ("格式", "models：Gemini 原生列表；openai/models：同一列表的 OpenAI 格式。"),

        // OpenAI Chat Completions
        (EndpointId::ChatCompletions, "model") => ("模型", MODEL_FROM_LIST),
        (EndpointId::ChatCompletions, "messages") => ("消息", "至少一条消息。"),
        (EndpointId::ChatCompletions, "temperature") => ("温度", "0 到 2；留空则使用模型的默认值。"),
        (EndpointId::ChatCompletions, "top_p") => ("Top p", "0 到 1。"),
        (EndpointId::ChatCompletions, "max_tokens") => ("最大 token 数", "回答长度的上限。"),
        (EndpointId::ChatCompletions, "include_usage") => ("流式返回用量", "stream_options.include_usage：最后一个数据块附带 token 用量。"),
        (EndpointId::ChatCompletions, "enable_thinking") => ("enable_thinking", "Qwen 风格的扩展；其他模型会忽略或拒绝它。"),
        (EndpointId::ChatCompletions, "tools") => ("工具（JSON）", TOOLS_HELP),

        // OpenAI Responses
        (EndpointId::Responses, "model") => ("模型", MODEL_FROM_LIST),
        (EndpointId::Responses, "input") => ("输入", "只有一条用户文本时以纯字符串发送；更多内容则转为 input items。"),
        (EndpointId::Responses, "instructions") => ("指令", "系统级指令。"),
        (EndpointId::Responses, "max_output_tokens") => ("最大输出 token 数", ""),
        (EndpointId::Responses, "reasoning_effort") => ("推理强度", "reasoning.effort"),

        // Claude Messages
        (EndpointId::ClaudeMessages, "model") => ("模型", MODEL_FROM_LIST),
        (EndpointId::ClaudeMessages, "max_tokens") => ("最大 token 数", "Claude Messages 要求必填。"),
        (EndpointId::ClaudeMessages, "system") => ("系统", "系统提示词，位于 messages 之外。"),
        (EndpointId::ClaudeMessages, "messages") => ("消息", "user 与 assistant 交替出现。"),
        (EndpointId::ClaudeMessages, "temperature") => ("温度", "Anthropic 接受 0 到 1。"),
        (EndpointId::ClaudeMessages, "tools") => ("工具（JSON）", TOOLS_HELP),
        (EndpointId::ClaudeMessages, "anthropic_version") => ("anthropic-version", "官方客户端总会发送该请求头。"),
        (EndpointId::ClaudeMessages, "anthropic_beta") => ("anthropic-beta", "Claude Code 的实验性 beta 功能经由此请求头传递；请留空。"),

        // Gemini generateContent
        (EndpointId::GeminiGenerate, "model") => ("模型", "写在路径中，而不是请求体中。"),
        (EndpointId::GeminiGenerate, "contents") => ("内容", "contents[].parts[]：文本和内联图片。"),
        (EndpointId::GeminiGenerate, "system_instruction") => ("系统指令", "以 {role:\"user\", parts:[{text}]} 的形式发送。"),
        (EndpointId::GeminiGenerate, "temperature") => ("温度", ""),
        (EndpointId::GeminiGenerate, "top_p") => ("topP", ""),
        (EndpointId::GeminiGenerate, "top_k") => ("topK", ""),
        (EndpointId::GeminiGenerate, "max_output_tokens") => ("maxOutputTokens", ""),
        (EndpointId::GeminiGenerate, "response_modalities") => ("responseModalities", "图像模型填 TEXT, IMAGE。"),
        (EndpointId::GeminiGenerate, "stream") => ("流式输出", "使用 :streamGenerateContent?alt=sse。"),

        // Imagen predict
        (EndpointId::ImagenPredict, "model") => ("模型", ""),
        (EndpointId::ImagenPredict, "prompt") => ("提示词", "instances[0].prompt"),
        (EndpointId::ImagenPredict, "sample_count") => ("sampleCount", "1 到 4（API 的默认值为 4）。"),
        (EndpointId::ImagenPredict, "aspect_ratio") => ("aspectRatio", ""),
        (EndpointId::ImagenPredict, "person_generation") => ("personGeneration", ""),
        (EndpointId::ImagenPredict, "image_size") => ("imageSize", ""),

        // Image generation
        (EndpointId::ImagesGenerations, "model") => ("模型", "gpt-image-2 或某个 doubao-seedream 模型。"),
        (EndpointId::ImagesGenerations, "prompt") => ("提示词", ""),
        (EndpointId::ImagesGenerations, "n") => ("n", "1 到 10 张图片。"),
        (EndpointId::ImagesGenerations, "size") => ("尺寸", SIZE_WXH),
        (EndpointId::ImagesGenerations, "quality") => ("质量", ""),
        (EndpointId::ImagesGenerations, "style") => ("风格", ""),
        (EndpointId::ImagesGenerations, "response_format") => ("response_format", "url 或 b64_json"),
        (EndpointId::ImagesGenerations, "user") => ("user", ""),

        // Image edit (multipart)
        (EndpointId::ImageEditsMultipart, "model") => ("模型", ""),
        (EndpointId::ImageEditsMultipart, "prompt") => ("提示词", ""),
        (EndpointId::ImageEditsMultipart, "image") => ("图片文件", "PNG、JPEG 或 WebP；多张时以 image[] 发送。"),
        (EndpointId::ImageEditsMultipart, "mask") => ("蒙版（可选）", "一张 PNG，其透明像素标出要编辑的区域。"),
        (EndpointId::ImageEditsMultipart, "n") => ("n", ""),
        (EndpointId::ImageEditsMultipart, "size") => ("尺寸", SIZE_WXH),
        (EndpointId::ImageEditsMultipart, "quality") => ("质量", ""),
        (EndpointId::ImageEditsMultipart, "response_format") => ("response_format", ""),

        // Seedream edit (JSON)
        (EndpointId::SeedreamEdits, "model") => ("模型", ""),
        (EndpointId::SeedreamEdits, "prompt") => ("提示词", ""),
        (EndpointId::SeedreamEdits, "image") => ("图片 URL", "每行一个 URL 或 data: URI；一个时以字符串发送，多个时以数组发送。"),
        (EndpointId::SeedreamEdits, "image_files") => ("或图片文件", "以 data: URI 的形式放入 image 字段发送。"),
        (EndpointId::SeedreamEdits, "size") => ("尺寸", "1K、2K、4K 或 WIDTHxHEIGHT。"),
        (EndpointId::SeedreamEdits, "watermark") => ("水印", ""),
        (EndpointId::SeedreamEdits, "response_format") => ("response_format", ""),
        (EndpointId::SeedreamEdits, "seed") => ("种子", ""),
        (EndpointId::SeedreamEdits, "guidance_scale") => ("guidance_scale", ""),

        // Async image: submit
        (EndpointId::AsyncImageSubmit, "model") => ("模型", ""),
        (EndpointId::AsyncImageSubmit, "prompt") => ("提示词", "prompt 和 images 至少填写一个。"),
        (EndpointId::AsyncImageSubmit, "images") => ("图片 URL", "参考图 URL，每行一个（始终以数组发送）。"),
        (EndpointId::AsyncImageSubmit, "mask") => ("蒙版 URL", ""),
        (EndpointId::AsyncImageSubmit, "size") => ("尺寸", ""),
        (EndpointId::AsyncImageSubmit, "quality") => ("质量", ""),
        (EndpointId::AsyncImageSubmit, "n") => ("n", ""),
        (EndpointId::AsyncImageSubmit, "output_format") => ("output_format", ""),

        // Async image: query
        (EndpointId::AsyncImageQuery, "query_path") => ("查询路径", "公开文档中没有此路径；若你的网关不同，请修改。"),
        (EndpointId::AsyncImageQuery, "job_id") => ("job_id", FROM_SUBMIT),

        // Video: submit
        (EndpointId::VideoSubmit, "model") => ("模型", ""),
        (EndpointId::VideoSubmit, "prompt") => ("提示词", ""),
        (EndpointId::VideoSubmit, "image") => ("图片 URL", "可选的首帧。"),
        (EndpointId::VideoSubmit, "duration") => ("时长（秒）", ""),
        (EndpointId::VideoSubmit, "size") => ("尺寸", "例如 1280x720"),

        // Video: query
        (EndpointId::VideoQuery, "task_id") => ("task_id", FROM_SUBMIT),

        // Account
        (EndpointId::UsageLog, "request_id") => ("请求 ID", "取自错误信息中的 (request id: …)。"),

        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::super::CATALOGUE;
    use super::{field, group, summary};

    /// Whether the text holds at least one CJK ideograph.
    fn has_cjk(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_endpoint_group_and_field_has_chinese_wording() {
        for e in CATALOGUE {
            let id = e.id.as_str();
            let zh = summary(e.id);
            assert!(!zh.is_empty() && has_cjk(zh), "{id}: summary has no Chinese: {zh:?}");
            assert!(
                group(e.group).is_some(),
                "{id}: no Chinese title for group {:?}",
                e.group
            );
            for f in e.fields {
                let Some((label, help)) = field(e.id, f.key) else {
                    panic!("{id}: no Chinese wording for field {:?}", f.key);
                };
                assert!(!label.is_empty(), "{id}.{}: empty Chinese label", f.key);
                assert!(
                    f.help.is_empty() || !help.is_empty(),
                    "{id}.{}: empty Chinese help",
                    f.key
                );
            }
        }
        assert!(group("No such group").is_none());
        assert!(field(super::EndpointId::KeyStatus, "model").is_none());
    }
}
