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

    /// The language for a first visit, from the browser's preferred languages in order: the
    /// first one the product speaks (English or Chinese) wins; none of them means English.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .find_map(|t| {
                if t.starts_with("zh") {
                    Some(Lang::Zh)
                } else if t.starts_with("en") {
                    Some(Lang::En)
                } else {
                    None
                }
            })
            .unwrap_or(Lang::En)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_visit_speaks_the_browsers_first_language_we_have() {
        let cases: &[(&[&str], Lang)] = &[
            (&["zh-CN", "en"], Lang::Zh),
            (&["zh-TW"], Lang::Zh),
            (&["fr-FR", "zh", "en"], Lang::Zh),
            (&["de", "en-GB", "zh"], Lang::En),
            (&["ja"], Lang::En),
            (&[], Lang::En),
        ];
        for (tags, want) in cases {
            assert_eq!(Lang::from_preferences(tags.iter().copied()), *want, "{tags:?}");
        }
    }
}
