//! Endpoint search (Ctrl/Cmd+K): every word typed must be found in an endpoint's title,
//! path, group, protocol, method or summary; the best places come first.

use super::{Endpoint, CATALOGUE};

/// How well one word matched, best (lowest) first.
fn word_rank(endpoint: &Endpoint, word: &str) -> Option<u8> {
    let title = endpoint.title.to_lowercase();
    if title.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(word)) {
        return Some(0);
    }
    if title.contains(word) {
        return Some(1);
    }
    let path_hit = |p: &str| p.to_lowercase().contains(word);
    if path_hit(endpoint.path) || endpoint.stream_path.is_some_and(path_hit) {
        return Some(2);
    }
    let protocol = endpoint.protocol.as_str().replace('-', " ");
    if endpoint.group.to_lowercase().contains(word)
        || protocol.contains(word)
        || endpoint.method.as_str().eq_ignore_ascii_case(word)
        || endpoint.id.as_str().contains(word)
    {
        return Some(3);
    }
    endpoint.summary.to_lowercase().contains(word).then_some(5)
}

/// The endpoints matching `query`, best first (ties keep the catalogue's order); every
/// endpoint for an empty query.
pub fn search(query: &str) -> Vec<&'static Endpoint> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut ranked: Vec<(u32, usize, &'static Endpoint)> = CATALOGUE
        .iter()
        .enumerate()
        .filter_map(|(at, endpoint)| {
            let ranks = words.iter().map(|w| word_rank(endpoint, w).map(u32::from));
            ranks.sum::<Option<u32>>().map(|rank| (rank, at, endpoint))
        })
        .collect();
    ranked.sort_by_key(|(rank, at, _)| (*rank, *at));
    ranked.into_iter().map(|(_, _, endpoint)| endpoint).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::catalogue::EndpointId;

    fn ids(query: &str) -> Vec<EndpointId> {
        search(query).into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn finds_by_title_path_protocol_and_method() {
        let table: &[(&str, EndpointId)] = &[
            ("chat", EndpointId::ChatCompletions),
            ("claude", EndpointId::ClaudeMessages),
            ("/v1/messages", EndpointId::ClaudeMessages),
            ("generatecontent", EndpointId::GeminiGenerate),
            ("responses", EndpointId::Responses),
            ("imagen", EndpointId::ImagenPredict),
            ("video", EndpointId::VideoSubmit),
        ];
        for (query, expected) in table {
            let found = ids(query);
            assert_eq!(found.first(), Some(expected), "{query}: {found:?}");
        }
    }

    #[test]
    fn every_word_must_match_and_an_empty_query_lists_all() {
        assert_eq!(ids("").len(), CATALOGUE.len());
        assert_eq!(ids("   ").len(), CATALOGUE.len());
        assert!(ids("chat zzzz").is_empty());
        let gets = ids("get");
        assert!(!gets.is_empty());
        assert!(search("get").iter().all(|e| e.method.as_str() == "GET"
            || e.summary.to_lowercase().contains("get")
            || e.title.to_lowercase().contains("get")));
        // Title hits come before summary hits.
        let models = ids("models");
        assert!(
            matches!(
                models.first(),
                Some(EndpointId::OpenAiModels | EndpointId::GeminiModels)
            ),
            "{models:?}"
        );
    }
}
