//! "Which client am I configuring?": the base URL and settings each client needs, the URL
//! it will actually call, and what it would call with the address the person typed.

use crate::request::base_url::BaseUrl;
use crate::text::lang::Lang;

/// A client people point at the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Client {
    /// OpenAI Codex CLI (`wire_api = "responses"`).
    Codex,
    /// Claude Code (`ANTHROPIC_BASE_URL`).
    ClaudeCode,
    /// The official OpenAI SDKs (`base_url` / `OPENAI_BASE_URL`).
    OpenAiSdk,
    /// The google-genai SDK (`http_options.base_url`).
    GeminiSdk,
    /// Clients that take the bare origin and append `/v1/…` themselves (Cherry Studio and
    /// similar chat apps).
    RootUrlClient,
}

impl Client {
    /// Every client, in the picker's order.
    pub const ALL: [Client; 5] = [
        Client::Codex,
        Client::ClaudeCode,
        Client::OpenAiSdk,
        Client::GeminiSdk,
        Client::RootUrlClient,
    ];

    /// The id used in the picker.
    pub fn as_str(self) -> &'static str {
        match self {
            Client::Codex => "codex",
            Client::ClaudeCode => "claude-code",
            Client::OpenAiSdk => "openai-sdk",
            Client::GeminiSdk => "gemini-sdk",
            Client::RootUrlClient => "root-url",
        }
    }

    /// Reads an id written by [`Client::as_str`].
    pub fn parse(text: &str) -> Option<Client> {
        Client::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The name shown.
    pub fn label(self) -> &'static str {
        match self {
            Client::Codex => "Codex",
            Client::ClaudeCode => "Claude Code",
            Client::OpenAiSdk => "OpenAI SDK (Python / Node)",
            Client::GeminiSdk => "Gemini SDK (google-genai)",
            Client::RootUrlClient => "Root-URL client (Cherry Studio and similar)",
        }
    }

    /// What the client appends to the base URL it is given, for its main call.
    fn appended_path(self) -> &'static str {
        match self {
            Client::Codex => "/responses",
            Client::ClaudeCode => "/v1/messages",
            Client::OpenAiSdk => "/chat/completions",
            Client::GeminiSdk => "/v1beta/models/gemini-2.5-flash:generateContent",
            Client::RootUrlClient => "/v1/chat/completions",
        }
    }

    /// Whether the client's base URL includes `/v1`.
    fn base_has_v1(self) -> bool {
        matches!(self, Client::Codex | Client::OpenAiSdk)
    }
}

/// One setting to write into the client's configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// Where it goes: an environment variable name or a config key.
    pub name: String,
    /// The value.
    pub value: String,
}

/// How to configure one client against the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientSetup {
    /// The client.
    pub client: Client,
    /// The base URL to configure.
    pub base_url: String,
    /// Environment variables or config entries, key last as `sk-…`.
    pub settings: Vec<Setting>,
    /// Where the settings go (a file, an environment), in the product's words.
    pub where_to: String,
    /// The URL the client will call with that base.
    pub calls: String,
    /// What the client would call if given the address as typed.
    pub calls_as_typed: Option<String>,
    /// Whether the address as typed would work for this client.
    pub typed_works: bool,
    /// Extra notes.
    pub notes: Vec<String>,
}

/// The gateway origin behind whatever was typed: `…/v1`, `…/v1/`, `…/v1beta` and a full
/// endpoint path are reduced to the origin (plus any prefix before them).
pub fn gateway_root(typed: &str) -> Option<String> {
    let b = BaseUrl::parse(typed).ok()?;
    let lower = b.path.to_ascii_lowercase();
    let cut = ["/v1beta", "/v1/", "/api/"]
        .iter()
        .filter_map(|m| lower.find(m))
        .chain(lower.ends_with("/v1").then(|| lower.len() - 3))
        .min();
    let prefix = match cut {
        Some(i) => &b.path[..i],
        None => b.path.as_str(),
    };
    Some(format!("{}{}", b.origin(), prefix))
}

/// How to configure `client` for the gateway at `typed` (whatever the person entered).
pub fn setup_for(client: Client, typed: &str, lang: Lang) -> Option<ClientSetup> {
    let root = gateway_root(typed)?;
    let base_url = if client.base_has_v1() {
        format!("{root}/v1")
    } else {
        root.clone()
    };
    let calls = format!("{base_url}{}", client.appended_path());
    let typed_trimmed = typed.trim().trim_end_matches('/').to_string();
    let calls_as_typed = BaseUrl::parse(&typed_trimmed)
        .ok()
        .map(|_| format!("{typed_trimmed}{}", client.appended_path()));
    let typed_works = calls_as_typed.as_deref() == Some(calls.as_str());
    let key = "sk-…".to_string();
    let s = |n: &str, v: &str| Setting {
        name: n.to_string(),
        value: v.to_string(),
    };
    let t = |en: &str, zh: &str| lang.pick_owned(en, zh);
    let (settings, where_to, notes) = match client {
        Client::Codex => (
            vec![
                s("model_providers.routescope.base_url", &base_url),
                s("model_providers.routescope.wire_api", "responses"),
                s("model_providers.routescope.env_key", "OPENAI_API_KEY"),
                s("OPENAI_API_KEY", &key),
            ],
            t("~/.codex/config.toml (provider) and the OPENAI_API_KEY environment variable or auth.json", "~/.codex/config.toml（provider 配置）以及环境变量 OPENAI_API_KEY 或 auth.json"),
            vec![t("Codex speaks the Responses API: the base URL ends in /v1 and Codex appends /responses.", "Codex 使用 Responses API：base URL 以 /v1 结尾，Codex 会自动追加 /responses。")],
        ),
        Client::ClaudeCode => (
            vec![s("ANTHROPIC_BASE_URL", &base_url), s("ANTHROPIC_AUTH_TOKEN", &key), s("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS", "1")],
            t("environment variables, or the env block of ~/.claude/settings.json", "环境变量，或 ~/.claude/settings.json 的 env 配置"),
            vec![
                t("No /v1 in ANTHROPIC_BASE_URL: Claude Code appends /v1/messages itself.", "ANTHROPIC_BASE_URL 不要带 /v1：Claude Code 会自动追加 /v1/messages。"),
                t("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 avoids 400 \"context_management: Extra inputs are not permitted\".", "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 可避免 400“context_management: Extra inputs are not permitted”。"),
            ],
        ),
        Client::OpenAiSdk => (
            vec![s("OPENAI_BASE_URL", &base_url), s("OPENAI_API_KEY", &key)],
            t("environment variables, or base_url= / baseURL: and api_key= / apiKey: in code", "环境变量，或代码中的 base_url= / baseURL: 与 api_key= / apiKey:"),
            vec![t("The SDK appends /chat/completions, /responses, /images/… to a base that ends in /v1.", "SDK 会在以 /v1 结尾的 base URL 后追加 /chat/completions、/responses、/images/… 等路径。")],
        ),
        Client::GeminiSdk => (
            vec![s("http_options.base_url", &base_url), s("http_options.api_version", "v1beta"), s("GEMINI_API_KEY", &key)],
            t("genai.Client(api_key=…, http_options=HttpOptions(base_url=…, api_version=\"v1beta\"))", "genai.Client(api_key=…, http_options=HttpOptions(base_url=…, api_version=\"v1beta\"))"),
            vec![
                t("No /v1 in the base URL: the SDK adds /v1beta/models/…; set api_version to v1beta as RouteScope documents (3.x SDKs default to /v1/).", "base URL 不要带 /v1：SDK 会追加 /v1beta/models/…；按 RouteScope 文档把 api_version 设为 v1beta（3.x SDK 默认 /v1/）。"),
                t("The SDK sends the key as x-goog-api-key, which the gateway accepts on Gemini routes.", "SDK 以 x-goog-api-key 发送密钥，网关的 Gemini 路由支持这种方式。"),
            ],
        ),
        Client::RootUrlClient => (
            vec![s("API address", &base_url), s("API key", &key)],
            t("the client's provider settings (choose an OpenAI-compatible provider)", "客户端的服务商设置（选择 OpenAI 兼容类型）"),
            vec![t("These clients take the bare origin and append /v1/chat/completions themselves: adding /v1 doubles it.", "这类客户端填写根地址即可，会自动追加 /v1/chat/completions：再加 /v1 会重复。")],
        ),
    };
    Some(ClientSetup {
        client,
        base_url,
        settings,
        where_to,
        calls,
        calls_as_typed,
        typed_works,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_from_whatever_was_pasted() {
        let table = [
            ("https://api.routescope.ai", "https://api.routescope.ai"),
            ("https://api.routescope.ai/", "https://api.routescope.ai"),
            ("https://api.routescope.ai/v1", "https://api.routescope.ai"),
            ("https://api.routescope.ai/v1/", "https://api.routescope.ai"),
            (
                "https://api.routescope.ai/v1/chat/completions",
                "https://api.routescope.ai",
            ),
            ("https://api.routescope.ai/v1beta/models", "https://api.routescope.ai"),
            ("https://gw.example.com/relay/v1", "https://gw.example.com/relay"),
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787"),
        ];
        for (typed, root) in table {
            assert_eq!(gateway_root(typed).as_deref(), Some(root), "{typed}");
        }
        assert_eq!(gateway_root("nonsense"), None);
    }

    #[test]
    fn each_client_gets_its_base_and_calls_the_right_url() {
        let table = [
            (
                Client::Codex,
                "https://api.routescope.ai/v1",
                "https://api.routescope.ai/v1/responses",
            ),
            (
                Client::ClaudeCode,
                "https://api.routescope.ai",
                "https://api.routescope.ai/v1/messages",
            ),
            (
                Client::OpenAiSdk,
                "https://api.routescope.ai/v1",
                "https://api.routescope.ai/v1/chat/completions",
            ),
            (
                Client::GeminiSdk,
                "https://api.routescope.ai",
                "https://api.routescope.ai/v1beta/models/gemini-2.5-flash:generateContent",
            ),
            (
                Client::RootUrlClient,
                "https://api.routescope.ai",
                "https://api.routescope.ai/v1/chat/completions",
            ),
        ];
        for typed in ["https://api.routescope.ai", "https://api.routescope.ai/v1/"] {
            for (client, base, calls) in table {
                let s = setup_for(client, typed, Lang::En).unwrap();
                assert_eq!(s.base_url, base, "{client:?}");
                assert_eq!(s.calls, calls, "{client:?}");
                assert!(s.settings.iter().any(|x| x.value == base), "{client:?}");
                assert!(!setup_for(client, typed, Lang::Zh).unwrap().notes.is_empty());
            }
        }
    }

    #[test]
    fn says_when_the_typed_address_would_break_the_client() {
        // Claude Code given …/v1 calls /v1/v1/messages: the classic 404.
        let s = setup_for(Client::ClaudeCode, "https://api.routescope.ai/v1", Lang::En).unwrap();
        assert_eq!(
            s.calls_as_typed.as_deref(),
            Some("https://api.routescope.ai/v1/v1/messages")
        );
        assert!(!s.typed_works);
        // Codex given the bare origin calls /responses: the dashboard answers with HTML.
        let s = setup_for(Client::Codex, "https://api.routescope.ai", Lang::En).unwrap();
        assert_eq!(s.calls_as_typed.as_deref(), Some("https://api.routescope.ai/responses"));
        assert!(!s.typed_works);
        assert!(
            setup_for(Client::Codex, "https://api.routescope.ai/v1", Lang::En)
                .unwrap()
                .typed_works
        );
        assert!(
            setup_for(Client::ClaudeCode, "https://api.routescope.ai", Lang::En)
                .unwrap()
                .typed_works
        );
        for c in Client::ALL {
            assert_eq!(Client::parse(c.as_str()), Some(c));
        }
    }
}
