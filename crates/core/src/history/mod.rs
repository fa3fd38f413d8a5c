//! What the history keeps of past exchanges. The exchange on screen is kept whole; the
//! history keeps at most [`HISTORY_LIMIT`] exchanges, each with at most
//! [`HISTORY_ENTRY_CAP`] bytes of body and answer text, and drops the oldest ones once all
//! of them together pass [`HISTORY_BUDGET`]. What was cut is said, never silently lost:
//! an exchange cut for the history carries how many bytes it left out, and the history
//! counts the exchanges it dropped for the budget. [`store`] keeps them across reloads.

pub mod store;

use std::sync::Arc;

use crate::answer::body_view::window;
use crate::answer::response::Rendered;
use crate::exchange::Exchange;

/// How many past exchanges the history keeps.
pub const HISTORY_LIMIT: usize = 30;
/// Bytes of body, and separately of answer text, one history entry keeps (1 MB).
pub const HISTORY_ENTRY_CAP: usize = 1024 * 1024;
/// Bytes all history entries keep together (8 MB); the oldest go first.
pub const HISTORY_BUDGET: usize = 8 * 1024 * 1024;
/// Model ids one history entry keeps of a model list.
const MODELS_KEPT: usize = 1000;

/// Bytes an exchange holds in what it shows: the body, the answer text, images and model ids.
pub fn held_bytes(exchange: &Exchange) -> usize {
    let r = &exchange.rendered;
    exchange.transport.body().map_or(0, str::len)
        + r.text.as_ref().map_or(0, String::len)
        + r.images.iter().map(|i| i.src.len()).sum::<usize>()
        + r.models.iter().map(String::len).sum::<usize>()
}

/// The exchange as the history keeps it: the same one (shared, not copied) when it is
/// within the caps, otherwise a copy whose body and text keep their first
/// [`HISTORY_ENTRY_CAP`] bytes, whose `data:` images and model ids beyond the first
/// thousand are left out, and whose `history_dropped` says how many bytes went.
pub fn kept_for_history(exchange: &Arc<Exchange>) -> Arc<Exchange> {
    let r = &exchange.rendered;
    let within = exchange.transport.body().map_or(0, str::len) <= HISTORY_ENTRY_CAP
        && r.text.as_ref().map_or(0, String::len) <= HISTORY_ENTRY_CAP
        && held_bytes(exchange) <= 2 * HISTORY_ENTRY_CAP;
    if within {
        return Arc::clone(exchange);
    }
    let before = held_bytes(exchange);
    // Built part by part: cloning the whole exchange first would copy the very megabytes
    // that are about to be dropped.
    let transport = exchange
        .transport
        .with_body(|body| window(body, 0, HISTORY_ENTRY_CAP).text.to_string());
    let r = &exchange.rendered;
    let rendered = Rendered {
        text: r
            .text
            .as_deref()
            .map(|t| window(t, 0, HISTORY_ENTRY_CAP).text.to_string()),
        finish_reason: r.finish_reason.clone(),
        usage: r.usage.clone(),
        models: r.models.iter().take(MODELS_KEPT).cloned().collect(),
        images: r
            .images
            .iter()
            .filter(|i| !i.src.starts_with("data:"))
            .cloned()
            .collect(),
        task_id: r.task_id.clone(),
        task_state: r.task_state.clone(),
        stream_events: r.stream_events,
        stream_completed: r.stream_completed,
        reasoning: r
            .reasoning
            .as_deref()
            .map(|t| window(t, 0, HISTORY_ENTRY_CAP).text.to_string()),
        tool_calls: r.tool_calls.clone(),
    };
    let mut kept = Exchange {
        serial: exchange.serial,
        endpoint: exchange.endpoint,
        request_line: exchange.request_line.clone(),
        model: exchange.model.clone(),
        head_ms: exchange.head_ms,
        first_token_ms: exchange.first_token_ms,
        received_bytes: exchange.received_bytes,
        facts: exchange.facts.clone(),
        transport,
        rendered,
        // The body was cut to its first bytes: its exact bytes go with the rest.
        exact_body: None,
        body_charset: exchange.body_charset.clone(),
        diagnosis: exchange.diagnosis.clone(),
        lang: exchange.lang,
        history_dropped: 0,
        sent_at_ms: exchange.sent_at_ms,
    };
    kept.history_dropped = before.saturating_sub(held_bytes(&kept));
    Arc::new(kept)
}

/// How many entries, newest first with these held sizes, the history keeps: at most
/// [`HISTORY_LIMIT`], and no more than fit in [`HISTORY_BUDGET`] (the newest always stays).
pub fn entries_kept(sizes_newest_first: impl IntoIterator<Item = usize>) -> usize {
    let mut total = 0usize;
    let mut kept = 0;
    for size in sizes_newest_first.into_iter().take(HISTORY_LIMIT) {
        total = total.saturating_add(size);
        if kept > 0 && total > HISTORY_BUDGET {
            break;
        }
        kept += 1;
    }
    kept
}

/// Whether a past exchange matches what was typed into the history's search: its endpoint,
/// status or outcome, verdict (in either language), model, URL or request id, ignoring
/// case. Nothing typed matches everything.
pub fn matches(exchange: &Exchange, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    let ep = crate::request::catalogue::endpoint(exchange.endpoint);
    let texts = [
        ep.title.to_string(),
        ep.path.to_string(),
        exchange.transport.outcome(crate::text::lang::Lang::En),
        exchange
            .diagnosis
            .category
            .title(crate::text::lang::Lang::En)
            .to_string(),
        exchange
            .diagnosis
            .category
            .title(crate::text::lang::Lang::Zh)
            .to_string(),
        exchange.diagnosis.category.as_str().to_string(),
        exchange.model.clone().unwrap_or_default(),
        exchange.request_line.clone(),
        exchange.diagnosis.request_id.clone().unwrap_or_default(),
    ];
    texts.iter().any(|t| t.to_lowercase().contains(&query))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::response::ImageOut;
    use crate::diagnosis::{diagnose, Protocol, RequestFacts, Transport};
    use crate::request::catalogue::EndpointId;
    use crate::text::lang::Lang;

    fn exchange(body: String, text: Option<String>, images: Vec<ImageOut>) -> Arc<Exchange> {
        let facts = RequestFacts {
            protocol: Protocol::OpenAiChat,
            method: "POST".into(),
            url: "https://gw.example/v1/chat/completions".into(),
            model: None,
            streamed: false,
            body_bytes: 0,
            page_is_https: true,
            anthropic_beta: None,
            auth_style: None,
        };
        let transport = Transport::Response {
            status: 200,
            headers: vec![],
            headers_hidden_by_cors: false,
            body,
            elapsed_ms: 10,
            stream: None,
        };
        let diagnosis = diagnose(&facts, &transport, Lang::En);
        Arc::new(Exchange {
            serial: 1,
            endpoint: EndpointId::ChatCompletions,
            request_line: "POST https://gw.example/v1/chat/completions".into(),
            model: None,
            head_ms: Some(5),
            first_token_ms: None,
            received_bytes: 0,
            facts,
            transport,
            rendered: Rendered {
                text,
                images,
                ..Rendered::default()
            },
            diagnosis,
            lang: Lang::En,
            exact_body: None,
            body_charset: None,
            history_dropped: 0,
            sent_at_ms: None,
        })
    }

    #[test]
    fn a_small_exchange_is_shared_not_copied() {
        let small = exchange("{\"ok\":true}".into(), Some("hi".into()), vec![]);
        assert!(Arc::ptr_eq(&small, &kept_for_history(&small)));
    }

    #[test]
    fn a_big_exchange_is_cut_and_says_how_much_went() {
        let body = "é".repeat(3 * HISTORY_ENTRY_CAP / 2); // 3 MB of two-byte characters
        let text = "word ".repeat(HISTORY_ENTRY_CAP);
        let image = |src: &str| ImageOut {
            src: src.to_string(),
            origin: "data[0]".into(),
        };
        let images = vec![
            image(&format!("data:image/png;base64,{}", "A".repeat(1000))),
            image("https://cdn.example/a.png"),
        ];
        let big = exchange(body, Some(text), images);
        let kept = kept_for_history(&big);
        let kept_body = kept.transport.body().unwrap_or_default();
        assert!(kept_body.len() <= HISTORY_ENTRY_CAP && kept_body.len() > HISTORY_ENTRY_CAP - 2);
        assert_eq!(kept.rendered.text.as_ref().map(String::len), Some(HISTORY_ENTRY_CAP));
        assert_eq!(kept.rendered.images.len(), 1, "the data: image goes, the URL stays");
        assert_eq!(kept.history_dropped, held_bytes(&big) - held_bytes(&kept));
        assert!(kept.history_dropped > 5 * HISTORY_ENTRY_CAP);
        assert_eq!(kept.diagnosis, big.diagnosis, "the verdict is kept as it was");
    }

    #[test]
    fn search_reads_endpoint_status_verdict_model_and_url() {
        let ex = exchange("{\"ok\":true}".into(), None, vec![]);
        let verdict = ex.diagnosis.category.title(Lang::En).to_uppercase();
        for query in [
            "",
            "chat",
            "CHAT COMPLETIONS",
            "200",
            verdict.as_str(),
            "gw.example",
            "/v1/chat",
        ] {
            assert!(matches(&ex, query), "{query}");
        }
        for query in ["claude", "401", "gpt-9"] {
            assert!(!matches(&ex, query), "{query}");
        }
    }

    #[test]
    fn the_budget_drops_the_oldest_and_keeps_the_newest() {
        let mb = 1024 * 1024;
        assert_eq!(entries_kept([]), 0);
        assert_eq!(entries_kept([20 * mb]), 1, "the newest stays even over the budget");
        assert_eq!(entries_kept([mb; 40]), 8, "8 MB of 1 MB entries");
        assert_eq!(entries_kept([10; 40]), HISTORY_LIMIT);
        assert_eq!(entries_kept([2 * mb, 2 * mb, 2 * mb, 3 * mb, 10]), 3);
    }
}
