//! Reading the gateway address a person typed or pasted, and joining endpoint paths to it.
//!
//! No `url` crate (it costs ~60 KB in the bundle): the gateway address is a small grammar,
//! `scheme://host[:port][/prefix]`, and the checks here only need its pieces.

/// A gateway address split into the parts the playground reasons about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// `http` or `https` (lower-cased); anything else is kept for the lint to report.
    pub scheme: String,
    /// Host and optional port, as typed (`api.routescope.ai`, `127.0.0.1:8787`).
    pub authority: String,
    /// The path prefix without a trailing slash (`""`, `/v1`, `/gateway`).
    pub path: String,
    /// Whether a query or fragment was pasted along (never meaningful for a base).
    pub had_query: bool,
}

/// Why an address could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrlError {
    /// Nothing was typed.
    Empty,
    /// No `scheme://` in front.
    NoScheme,
    /// A scheme other than http or https.
    UnsupportedScheme(String),
    /// Nothing between `://` and the path.
    NoHost,
    /// Spaces or control characters inside the address.
    BadCharacter,
    /// A `.` or `..` path segment: the browser would remove it, so what is sent would not
    /// be what the preview shows.
    DotSegment,
}

impl BaseUrlError {
    /// What to tell the person, in English.
    pub fn message(&self) -> String {
        match self {
            BaseUrlError::Empty => "Enter the gateway address, e.g. https://api.routescope.ai".into(),
            BaseUrlError::NoScheme => "Start the address with https:// (or http:// for a local gateway)".into(),
            BaseUrlError::UnsupportedScheme(s) => {
                format!("\"{s}:\" is not a web address: use https:// or http://")
            }
            BaseUrlError::NoHost => "The address has no host name after ://".into(),
            BaseUrlError::BadCharacter => "The address contains spaces or invisible characters".into(),
            BaseUrlError::DotSegment => {
                "The address's path has a . or .. segment, which the browser would drop: write the path without it"
                    .into()
            }
        }
    }
}

impl BaseUrl {
    /// Reads an address such as `https://api.routescope.ai/v1/`.
    pub fn parse(input: &str) -> Result<BaseUrl, BaseUrlError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BaseUrlError::BadCharacter);
        }
        let Some((scheme, rest)) = text.split_once("://") else {
            return Err(BaseUrlError::NoScheme);
        };
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(BaseUrlError::UnsupportedScheme(scheme));
        }
        let (before_query, had_query) = match rest.find(['?', '#']) {
            Some(i) => (&rest[..i], true),
            None => (rest, false),
        };
        let (authority, path) = match before_query.find('/') {
            Some(i) => (&before_query[..i], &before_query[i..]),
            None => (before_query, ""),
        };
        if authority.is_empty() {
            return Err(BaseUrlError::NoHost);
        }
        if path.split('/').any(|segment| segment == "." || segment == "..") {
            return Err(BaseUrlError::DotSegment);
        }
        Ok(BaseUrl {
            scheme,
            authority: authority.to_string(),
            path: path.trim_end_matches('/').to_string(),
            had_query,
        })
    }

    /// `scheme://authority`, the origin the browser sees.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }

    /// The address with its prefix, no trailing slash.
    pub fn as_string(&self) -> String {
        format!("{}{}", self.origin(), self.path)
    }

    /// Joins an endpoint path (starting with `/`) to this base, exactly as sent: a prefix of
    /// `/v1` is kept, so `/v1` + `/v1/models` gives the doubled path a client would call.
    pub fn join(&self, endpoint_path: &str) -> String {
        format!("{}{}{}", self.origin(), self.path, endpoint_path)
    }

    /// The host without the port.
    pub fn host(&self) -> &str {
        let a = self.authority.as_str();
        if let Some(rest) = a.strip_prefix('[') {
            return rest.split(']').next().unwrap_or(rest);
        }
        a.rsplit_once(':').map_or(a, |(h, _)| h)
    }

    /// Whether the host is this machine (mixed content is allowed to loopback).
    pub fn is_loopback(&self) -> bool {
        let h = self.host();
        h == "localhost" || h.starts_with("127.") || h == "::1"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_paste() {
        let cases = [
            ("https://api.routescope.ai", "https", "api.routescope.ai", ""),
            ("https://api.routescope.ai/", "https", "api.routescope.ai", ""),
            ("https://api.routescope.ai/v1", "https", "api.routescope.ai", "/v1"),
            ("  https://api.routescope.ai/v1/  ", "https", "api.routescope.ai", "/v1"),
            ("HTTP://127.0.0.1:8787", "http", "127.0.0.1:8787", ""),
            (
                "https://gw.example.com/relay/v1/chat/completions",
                "https",
                "gw.example.com",
                "/relay/v1/chat/completions",
            ),
        ];
        for (input, scheme, authority, path) in cases {
            let b = BaseUrl::parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(
                (b.scheme.as_str(), b.authority.as_str(), b.path.as_str()),
                (scheme, authority, path),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        let cases = [
            ("", BaseUrlError::Empty),
            ("api.routescope.ai", BaseUrlError::NoScheme),
            ("ftp://x", BaseUrlError::UnsupportedScheme("ftp".into())),
            ("https://", BaseUrlError::NoHost),
            ("https://api.route scope.ai", BaseUrlError::BadCharacter),
            ("https://gw.example/../v1", BaseUrlError::DotSegment),
            ("https://gw.example/api/./", BaseUrlError::DotSegment),
        ];
        for (input, err) in cases {
            assert_eq!(BaseUrl::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn join_keeps_a_pasted_v1_so_the_doubling_is_visible() {
        let b = BaseUrl::parse("https://api.routescope.ai/v1").unwrap();
        assert_eq!(b.join("/v1/models"), "https://api.routescope.ai/v1/v1/models");
    }

    #[test]
    fn loopback_and_host() {
        assert!(BaseUrl::parse("http://127.0.0.1:8787").unwrap().is_loopback());
        assert!(BaseUrl::parse("http://localhost:1").unwrap().is_loopback());
        assert!(!BaseUrl::parse("https://api.routescope.ai").unwrap().is_loopback());
        assert_eq!(BaseUrl::parse("http://[::1]:80").unwrap().host(), "::1");
    }
}
