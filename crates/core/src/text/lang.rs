//! The two languages the product speaks and recognises.

/// A language for the product's own words (the diagnosis, hints, labels).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Simplified Chinese, as the gateway's own Chinese messages.
    Zh,
}

impl Lang {
    /// The BCP 47 tag, used for `Accept-Language` and the `lang` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Picks the English or Chinese text.
    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// Picks the English or Chinese text as an owned string (for text built with `format!`).
    pub fn pick_owned(self, en: &str, zh: &str) -> String {
        self.pick_str(en, zh).to_string()
    }

    /// Picks between two borrowed texts of any lifetime.
    pub fn pick_str<'t>(self, en: &'t str, zh: &'t str) -> &'t str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// Reads a language from a tag such as `zh-CN`, `zh`, `en-US`; anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}
