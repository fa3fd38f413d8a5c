//! Suggestions for the model field from the last model list. A gateway may list any number
//! of models (100,000 have been seen from aggregators): the picker offers at most
//! [`SUGGESTIONS_SHOWN`] of them for what is typed, with the count of all matches, so the
//! page holds a handful of options instead of the whole list and each keystroke costs one
//! pass over the ids without allocating.

/// How many suggestions the picker offers at once.
pub const SUGGESTIONS_SHOWN: usize = 50;

/// What the picker offers for the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Suggestions {
    /// The ids to offer, best first: those starting with the typed text, then those
    /// containing it, each group in list order.
    pub shown: Vec<String>,
    /// How many ids match in all (more than `shown` when the list is long).
    pub matches: usize,
}

/// The suggestions for `typed` (compared without regard to ASCII case) among `models`.
/// Nothing typed offers the start of the list. The id typed exactly is not offered again.
pub fn suggest<S: AsRef<str>>(models: &[S], typed: &str) -> Suggestions {
    let needle = typed.trim();
    let mut starting = Vec::new();
    let mut containing = Vec::new();
    let mut matches = 0;
    for id in models.iter().map(AsRef::as_ref) {
        let Some(at) = find_ignoring_case(id, needle) else {
            continue;
        };
        if id == needle {
            continue;
        }
        matches += 1;
        let group = if at == 0 { &mut starting } else { &mut containing };
        if group.len() < SUGGESTIONS_SHOWN {
            group.push(id);
        }
    }
    let shown = starting
        .into_iter()
        .chain(containing)
        .take(SUGGESTIONS_SHOWN)
        .map(str::to_string)
        .collect();
    Suggestions { shown, matches }
}

/// Where `needle` first occurs in `haystack`, ASCII case ignored, without allocating.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn prefix_matches_come_first_and_case_is_ignored() {
        let models = ids(&[
            "claude-sonnet-4-6",
            "gpt-5.4",
            "openai/gpt-5.4-mini",
            "GPT-4o",
            "gemini-2.5-flash",
        ]);
        let cases: &[(&str, &[&str], usize)] = &[
            ("gpt", &["gpt-5.4", "GPT-4o", "openai/gpt-5.4-mini"], 3),
            ("GPT-5", &["gpt-5.4", "openai/gpt-5.4-mini"], 2),
            ("gpt-5.4", &["openai/gpt-5.4-mini"], 1),
            ("  flash ", &["gemini-2.5-flash"], 1),
            ("nothing", &[], 0),
        ];
        for (typed, shown, matches) in cases {
            let s = suggest(&models, typed);
            assert_eq!(s.shown, ids(shown), "{typed}");
            assert_eq!(s.matches, *matches, "{typed}");
        }
        assert_eq!(suggest(&models, "").shown.len(), 5);
    }

    #[test]
    fn a_hundred_thousand_ids_offer_a_handful_and_count_the_rest() {
        let models: Vec<String> = (0..100_000).map(|i| format!("vendor-{}/model-{i}", i % 97)).collect();
        let all = suggest(&models, "");
        assert_eq!((all.shown.len(), all.matches), (SUGGESTIONS_SHOWN, 100_000));
        let some = suggest(&models, "model-4242");
        assert_eq!(some.shown[0], "vendor-71/model-4242");
        assert_eq!(some.matches, 11, "model-4242 and model-42420 … model-42429");
        let prefix = suggest(&models, "VENDOR-3/");
        assert!(prefix.shown.iter().all(|id| id.starts_with("vendor-3/")));
    }

    #[test]
    fn non_ascii_text_never_splits_a_character() {
        let models = ids(&["模型-一", "ünïcode-model", "plain"]);
        assert_eq!(suggest(&models, "模型").shown, ids(&["模型-一"]));
        assert_eq!(suggest(&models, "ï").shown, ids(&["ünïcode-model"]));
        assert_eq!(suggest(&models, "é").matches, 0);
    }
}
