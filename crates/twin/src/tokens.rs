//! The seeded token store: one demo key per gateway behaviour, and how a key is read from
//! a request (new-api's `TokenAuth`: Bearer everywhere, `x-api-key` on Claude and model
//! routes, `x-goog-api-key` / `?key=` on Gemini routes).

use axum::http::HeaderMap;

/// What a seeded key makes the gateway do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Works everywhere.
    Valid,
    /// Status 2: refused with 401 "This token status is unavailable".
    Disabled,
    /// Status 3: refused with 401 "This token has expired".
    Expired,
    /// Status 4: refused with 401 "This token quota is exhausted …".
    Exhausted,
    /// Refused with 403 `access_denied` (client IP not in the token's allow list).
    IpDenied,
    /// May only use the models in [`ALLOWLIST`].
    Allowlist,
    /// The owning user has no balance: 403 `insufficient_user_quota` on billed calls.
    Broke,
    /// The token's own quota is too small: 403 `pre_consume_token_quota_failed` on billed calls.
    LowQuota,
    /// A per-minute request cap (new-api's model request rate limit).
    RateLimited,
    /// Every billed call gets a 429 with an empty body.
    Empty429,
    /// An older Chinese-only gateway generation: `one_api_error`, Chinese whatever the browser asks.
    ChineseOnly,
}

/// The models `sk-twin-allowlist` may use.
pub const ALLOWLIST: &[&str] = &["gpt-5.4-mini", "claude-sonnet-4-6"];

/// One seeded key.
#[derive(Debug)]
pub struct Token {
    /// The full secret, `sk-` included.
    pub key: &'static str,
    /// The token's display name in the console.
    pub name: &'static str,
    /// What the key demonstrates.
    pub behaviour: Behaviour,
    /// One line for the start-up banner.
    pub demonstrates: &'static str,
}

/// Every key the twin knows, in banner order.
pub static TOKENS: &[Token] = &[
    tok(
        "sk-twin-valid",
        "twin valid",
        Behaviour::Valid,
        "valid, group default, unlimited quota",
    ),
    tok(
        "sk-twin-disabled",
        "twin disabled",
        Behaviour::Disabled,
        "401 This token status is unavailable / 该令牌状态不可用",
    ),
    tok(
        "sk-twin-expired",
        "twin expired",
        Behaviour::Expired,
        "401 This token has expired / 该令牌已过期",
    ),
    tok(
        "sk-twin-exhausted",
        "twin exhausted",
        Behaviour::Exhausted,
        "401 This token quota is exhausted TokenStatusExhausted[sk-twi***ted]",
    ),
    tok(
        "sk-twin-iprestricted",
        "twin ip restricted",
        Behaviour::IpDenied,
        "403 access_denied 您的 IP 不在令牌允许访问的列表中",
    ),
    tok(
        "sk-twin-allowlist",
        "twin allowlist",
        Behaviour::Allowlist,
        "only gpt-5.4-mini and claude-sonnet-4-6; others 403 no access to model",
    ),
    tok(
        "sk-twin-broke",
        "twin broke",
        Behaviour::Broke,
        "403 insufficient_user_quota (user balance empty) on billed calls",
    ),
    tok(
        "sk-twin-lowquota",
        "twin low quota",
        Behaviour::LowQuota,
        "403 pre_consume_token_quota_failed on billed calls",
    ),
    tok(
        "sk-twin-ratelimited",
        "twin rate limited",
        Behaviour::RateLimited,
        "3 billed calls per rolling minute, then 429 您已达到请求数限制 (+ retry-after)",
    ),
    tok(
        "sk-twin-empty429",
        "twin empty 429",
        Behaviour::Empty429,
        "429 with an empty body and no content-type on billed calls",
    ),
    tok(
        "sk-twin-zh",
        "twin chinese",
        Behaviour::ChineseOnly,
        "valid; errors always Chinese, type one_api_error (older generation)",
    ),
];

const fn tok(key: &'static str, name: &'static str, behaviour: Behaviour, demonstrates: &'static str) -> Token {
    Token {
        key,
        name,
        behaviour,
        demonstrates,
    }
}

/// The seeded token with exactly this secret.
pub fn find(key: &str) -> Option<&'static Token> {
    TOKENS.iter().find(|t| t.key == key)
}

impl Token {
    /// Console status: 1 enabled, 2 disabled, 3 expired, 4 exhausted.
    pub fn status(&self) -> u8 {
        match self.behaviour {
            Behaviour::Disabled => 2,
            Behaviour::Expired => 3,
            Behaviour::Exhausted => 4,
            _ => 1,
        }
    }

    /// The models this token is limited to (empty: no limit).
    pub fn model_limits(&self) -> &'static [&'static str] {
        if self.behaviour == Behaviour::Allowlist {
            ALLOWLIST
        } else {
            &[]
        }
    }

    /// True when the token may call this model id at all.
    pub fn may_use(&self, model: &str) -> bool {
        let limits = self.model_limits();
        limits.is_empty() || limits.contains(&model)
    }

    /// The key as new-api masks it in messages: `sk-` + first 3 + `***` + last 3.
    pub fn masked(&self) -> String {
        let bare = self.key.strip_prefix("sk-").unwrap_or(self.key);
        let chars: Vec<char> = bare.chars().collect();
        if chars.len() <= 6 {
            return format!("sk-{bare}");
        }
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 3..].iter().collect();
        format!("sk-{head}***{tail}")
    }

    /// Remaining token quota at start in new-api units (500 000 = $1); `None` when unlimited.
    pub fn initial_remain_quota(&self) -> Option<u64> {
        match self.behaviour {
            Behaviour::LowQuota => Some(500),
            Behaviour::Exhausted => Some(0),
            Behaviour::Valid | Behaviour::ChineseOnly => None,
            _ => Some(5_000_000),
        }
    }

    /// Quota already spent before the twin started.
    pub fn seeded_used_quota(&self) -> u64 {
        match self.behaviour {
            Behaviour::Exhausted => 1_000_000,
            Behaviour::LowQuota => 499_500,
            Behaviour::Broke => 250_000,
            _ => 0,
        }
    }

    /// Expiry as unix seconds, or -1 for never.
    pub fn expired_time(&self) -> i64 {
        match self.behaviour {
            Behaviour::Expired => 1_767_225_600, // 2026-01-01T00:00:00Z
            _ => -1,
        }
    }
}

/// Where a route accepts the key besides `Authorization: Bearer`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPlaces {
    /// `x-api-key` (new-api: paths containing `/v1/messages` or `/v1/models`).
    pub x_api_key: bool,
    /// `x-goog-api-key` header and `?key=` query (new-api: `/v1beta/…` and `/v1/models/…`).
    pub google: bool,
}

impl KeyPlaces {
    /// The alternative key places new-api honours for this (prefix-stripped) path.
    pub fn for_path(path: &str) -> KeyPlaces {
        KeyPlaces {
            x_api_key: path.starts_with("/v1/messages") || path.starts_with("/v1/models"),
            google: path.starts_with("/v1beta/") || path.starts_with("/v1/models/"),
        }
    }
}

/// The secret a request presents, read the way new-api reads it: route-specific headers
/// override `Authorization`, then exactly one `Bearer ` / `bearer ` is stripped.
/// `None` when nothing was sent.
pub fn presented_key(headers: &HeaderMap, query_key: Option<&str>, places: KeyPlaces) -> Option<String> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut raw = header("authorization");
    if places.x_api_key {
        if let Some(k) = header("x-api-key") {
            raw = Some(k);
        }
    }
    if places.google {
        if let Some(k) = query_key.filter(|k| !k.is_empty()) {
            raw = Some(k.to_owned());
        }
        if let Some(k) = header("x-goog-api-key") {
            raw = Some(k);
        }
    }
    let raw = raw?;
    let key = raw
        .strip_prefix("Bearer ")
        .or_else(|| raw.strip_prefix("bearer "))
        .unwrap_or(&raw);
    if key.is_empty() {
        None
    } else {
        Some(key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            if let Ok(v) = HeaderValue::from_str(v) {
                h.insert(*k, v);
            }
        }
        h
    }

    #[test]
    fn masks_like_new_api() {
        let t = find("sk-twin-exhausted").map(Token::masked);
        assert_eq!(t.as_deref(), Some("sk-twi***ted"));
    }

    /// (case name, headers, ?key=, places, expected key)
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        Option<&'static str>,
        KeyPlaces,
        Option<&'static str>,
    );

    #[test]
    fn reads_keys_from_the_right_places() {
        let none = KeyPlaces::default();
        let claude = KeyPlaces::for_path("/v1/messages");
        let gemini = KeyPlaces::for_path("/v1beta/models/x:generateContent");
        let cases: &[Case] = &[
            ("bearer", &[("authorization", "Bearer sk-a")], None, none, Some("sk-a")),
            (
                "lowercase bearer",
                &[("authorization", "bearer sk-a")],
                None,
                none,
                Some("sk-a"),
            ),
            ("bare key", &[("authorization", "sk-a")], None, none, Some("sk-a")),
            (
                "bearer twice",
                &[("authorization", "Bearer Bearer sk-a")],
                None,
                none,
                Some("Bearer sk-a"),
            ),
            ("x-api-key ignored on chat", &[("x-api-key", "sk-a")], None, none, None),
            (
                "x-api-key on claude",
                &[("x-api-key", "sk-a")],
                None,
                claude,
                Some("sk-a"),
            ),
            ("goog header", &[("x-goog-api-key", "sk-g")], None, gemini, Some("sk-g")),
            ("query key", &[], Some("sk-q"), gemini, Some("sk-q")),
            ("query ignored off gemini", &[], Some("sk-q"), claude, None),
            ("empty bearer", &[("authorization", "Bearer ")], None, none, None),
        ];
        for (name, h, q, places, want) in cases {
            assert_eq!(presented_key(&headers(h), *q, *places).as_deref(), *want, "{name}");
        }
    }
}
