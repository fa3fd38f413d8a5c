//! Component tests in headless Chromium (wasm-bindgen-test): the real components, the real
//! DOM, no network.
// Test helpers may unwrap: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used)]
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use leptos::prelude::*;
use routescope_core::answer::response::render;
use routescope_core::diagnosis::{diagnose, Protocol, RequestFacts, Transport};
use routescope_core::text::lang::Lang;
use routescope_playground::state::{provide_state, Exchange, Phase, Session};
use routescope_playground::ui::send::Sender;
use routescope_playground::ui::{App, DiagnosisPanel, ResponsePanel};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// A fresh mount point. Each test starts on a clean page and clean storage: whatever an
/// earlier test mounted (even one that failed before removing it) or saved is gone first.
fn container() -> web_sys::HtmlElement {
    let window = web_sys::window().unwrap();
    for storage in [window.local_storage(), window.session_storage()]
        .into_iter()
        .flatten()
        .flatten()
    {
        storage.clear().unwrap();
    }
    let leftovers = document().query_selector_all(".test-root").unwrap();
    for i in 0..leftovers.length() {
        if let Some(node) = leftovers.item(i) {
            node.unchecked_into::<web_sys::Element>().remove();
        }
    }
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    el.set_class_name("test-root");
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {selector}"))
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    query(root, selector).text_content().unwrap_or_default()
}

fn type_into(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el = query(root, selector);
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    fire_input(&el);
}

/// Leptos delegates events to the document, so a synthetic event must bubble.
fn fire_input(el: &web_sys::Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    query(root, selector).unchecked_into::<web_sys::HtmlElement>().click();
}

fn find_button(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.get(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| {
            // Endpoint buttons start with their method badge ("POSTChat Completions").
            let t = b.text_content().unwrap_or_default();
            let t = t.trim();
            t == label || t.strip_prefix("POST").or_else(|| t.strip_prefix("GET")) == Some(label)
        })
        .unwrap_or_else(|| panic!("no button {label}"))
}

async fn settle() {
    leptos::task::tick().await;
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_key_is_masked_in_the_preview_and_curl() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), App);
    settle().await;
    type_into(&root, "#api-key", "sk-browser-test-1234");
    settle().await;
    let headers = text(&root, "[aria-label='Request headers']");
    assert!(headers.contains("Authorization: Bearer sk-…1234"), "{headers}");
    assert!(!headers.contains("sk-browser-test-1234"));
    let curl = text(&root, "[data-export='curl']");
    assert!(
        curl.contains("${ROUTESCOPE_API_KEY}") && !curl.contains("sk-browser-test-1234"),
        "{curl}"
    );
    find_button(&root, "Show key").click();
    settle().await;
    assert!(text(&root, "[data-export='curl']").contains("sk-browser-test-1234"));
    assert_eq!(query(&root, "#api-key").get_attribute("type").as_deref(), Some("text"));
    root.remove();
}

#[wasm_bindgen_test]
async fn invalid_raw_json_disables_send_and_keeps_the_text() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), App);
    settle().await;
    find_button(&root, "Chat Completions").click();
    settle().await;
    click(&root, ".raw-body-head input[type=checkbox]");
    settle().await;
    type_into(&root, "[aria-label='Raw JSON body']", "{\"model\": }");
    settle().await;
    let send = find_button(&root, "Send");
    assert!(
        send.has_attribute("disabled"),
        "Send must be disabled while the JSON is invalid"
    );
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Not valid JSON at line 1, column 11"));
    let area: web_sys::HtmlTextAreaElement = query(&root, "[aria-label='Raw JSON body']").unchecked_into();
    assert_eq!(area.value(), "{\"model\": }");
    type_into(
        &root,
        "[aria-label='Raw JSON body']",
        "{\"model\": \"x\", \"messages\": []}",
    );
    settle().await;
    assert!(!find_button(&root, "Send").has_attribute("disabled"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_messages_editor_adds_reorders_and_removes() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), App);
    settle().await;
    find_button(&root, "Chat Completions").click();
    settle().await;
    // Drop any raw override a previous test left for this endpoint.
    if let Ok(Some(cb)) = root.query_selector(".raw-body-head input[type=checkbox]") {
        let cb: web_sys::HtmlInputElement = cb.unchecked_into();
        if cb.checked() {
            cb.click();
            settle().await;
        }
    }
    find_button(&root, "+ Add message").click();
    settle().await;
    assert_eq!(root.query_selector_all(".message").unwrap().length(), 3);
    let texts = root.query_selector_all(".message textarea").unwrap();
    let third: web_sys::HtmlTextAreaElement = texts.get(2).unwrap().unchecked_into();
    third.set_value("a new turn");
    fire_input(&third);
    settle().await;
    let body = text(&root, "[aria-label='Request body']");
    assert!(
        body.contains("\"role\": \"assistant\"") && body.contains("a new turn"),
        "{body}"
    );
    click(&root, "[aria-label='Move message 3 up']");
    settle().await;
    let body = text(&root, "[aria-label='Request body']");
    // Both must be there: `None < Some` would pass if the moved message vanished.
    let (moved, other) = (body.find("a new turn"), body.find("Say hello"));
    assert!(moved.is_some() && other.is_some(), "both messages remain: {body}");
    assert!(moved < other, "moved up: {body}");
    click(&root, "[aria-label='Remove message 2']");
    settle().await;
    assert_eq!(root.query_selector_all(".message").unwrap().length(), 2);
    assert!(!text(&root, "[aria-label='Request body']").contains("a new turn"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_pre_flight_fix_button_repairs_the_key() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), App);
    settle().await;
    type_into(&root, "#api-key", "Bearer sk-browser-fix-5678");
    settle().await;
    let finding = query(&root, "li[data-rule='key-has-bearer']");
    assert!(finding.text_content().unwrap_or_default().contains("Bearer Bearer"));
    let fix: web_sys::HtmlElement = finding
        .query_selector("button")
        .unwrap()
        .expect("a fix button")
        .unchecked_into();
    fix.click();
    settle().await;
    let key: web_sys::HtmlInputElement = query(&root, "#api-key").unchecked_into();
    assert_eq!(key.value(), "sk-browser-fix-5678");
    assert!(root.query_selector("li[data-rule='key-has-bearer']").unwrap().is_none());
    root.remove();
}

thread_local! {
    static STATE: RefCell<Option<Session>> = const { RefCell::new(None) };
}

#[component]
fn PanelsOnly() -> impl IntoView {
    let (_, _, session) = provide_state();
    Sender::provide();
    STATE.with(|s| *s.borrow_mut() = Some(session));
    // As the page does after its first render: the panes' code is fetched in the background
    // (in this unsplit build it is here at once).
    routescope_playground::ui::chunks::use_chunks().prefetch();
    view! { <DiagnosisPanel /> <ResponsePanel /> }
}

#[wasm_bindgen_test]
async fn the_diagnosis_panel_shows_verdict_evidence_and_request_id() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), PanelsOnly);
    settle().await;
    let facts = RequestFacts {
        protocol: Protocol::OpenAiChat,
        method: "POST".into(),
        url: "https://api.routescope.ai/v1/chat/completions".into(),
        model: Some("gpt-5.4".into()),
        streamed: false,
        body_bytes: 80,
        page_is_https: true,
        anthropic_beta: None,
        auth_style: Some(routescope_core::request::protocol::AuthStyle::Bearer),
    };
    let body = r#"{"error":{"message":"This token status is unavailable (request id: 2026112407000012345aBcD)","type":"new_api_error","code":""}}"#;
    let transport = Transport::Response {
        status: 401,
        headers: vec![("content-type".into(), "application/json".into())],
        headers_hidden_by_cors: true,
        body: body.into(),
        elapsed_ms: 42,
        stream: None,
    };
    let diagnosis = diagnose(&facts, &transport, Lang::En);
    let state = STATE.with(|s| *s.borrow()).expect("state provided");
    state.phase.set(Phase::Done(std::sync::Arc::new(Exchange {
        serial: 1,
        endpoint: routescope_core::request::catalogue::EndpointId::ChatCompletions,
        request_line: "POST https://api.routescope.ai/v1/chat/completions".into(),
        model: Some("gpt-5.4".into()),
        head_ms: Some(40),
        first_token_ms: None,
        received_bytes: 0,
        lang: Lang::En,
        exact_body: None,
        body_charset: None,
        history_dropped: 0,
        sent_at_ms: None,
        rendered: render(Protocol::OpenAiChat, Some("application/json"), body),
        facts: facts.clone(),
        transport,
        diagnosis,
    })));
    settle().await;
    assert_eq!(
        query(&root, "[data-category]")
            .get_attribute("data-category")
            .as_deref(),
        Some("token-unavailable")
    );
    assert!(root.query_selector_all("[aria-label='Evidence'] tr").unwrap().length() >= 3);
    assert_eq!(text(&root, "[aria-label='Request id']"), "2026112407000012345aBcD");
    assert_eq!(text(&root, "[aria-label='Status']"), "401");
    assert!(text(&root, "[aria-label='Response body']").contains("new_api_error"));
    assert!(root.text_content().unwrap_or_default().contains("hidden by CORS"));
    // Response content is rendered as text, never as HTML.
    let html_body = "<img src=x onerror=alert(1)><b>bold</b>";
    state.phase.set(Phase::Done(std::sync::Arc::new(Exchange {
        serial: 2,
        endpoint: routescope_core::request::catalogue::EndpointId::ChatCompletions,
        request_line: "POST x".into(),
        model: None,
        head_ms: None,
        first_token_ms: None,
        received_bytes: 0,
        lang: Lang::En,
        exact_body: None,
        body_charset: None,
        history_dropped: 0,
        sent_at_ms: None,
        rendered: Default::default(),
        facts: facts.clone(),
        transport: Transport::Response {
            status: 200,
            headers: vec![("content-type".into(), "text/html".into())],
            headers_hidden_by_cors: true,
            body: html_body.into(),
            elapsed_ms: 1,
            stream: None,
        },
        diagnosis: diagnose(
            &facts,
            &Transport::Response {
                status: 200,
                headers: vec![("content-type".into(), "text/html".into())],
                headers_hidden_by_cors: true,
                body: html_body.into(),
                elapsed_ms: 1,
                stream: None,
            },
            Lang::En,
        ),
    })));
    settle().await;
    assert_eq!(
        root.query_selector_all("[aria-label='Response body'] img, [aria-label='Response body'] b")
            .unwrap()
            .length(),
        0
    );
    assert!(text(&root, "[aria-label='Response body']").contains("<img src=x"));
    // A very large body is windowed: one part at a time, the next one click away, find
    // jumps to a match far down, and the whole body can be downloaded.
    let big = format!("{{\"data\": \"{}needle{}\"}}", "x".repeat(300_000), "y".repeat(100_000));
    let big_transport = Transport::Response {
        status: 200,
        headers: vec![],
        headers_hidden_by_cors: true,
        body: big.clone(),
        elapsed_ms: 1,
        stream: None,
    };
    state.phase.set(Phase::Done(std::sync::Arc::new(Exchange {
        serial: 3,
        endpoint: routescope_core::request::catalogue::EndpointId::ChatCompletions,
        request_line: "POST x".into(),
        model: None,
        head_ms: None,
        first_token_ms: None,
        received_bytes: 0,
        lang: Lang::En,
        exact_body: None,
        body_charset: None,
        history_dropped: 0,
        sent_at_ms: None,
        rendered: Default::default(),
        facts: facts.clone(),
        diagnosis: diagnose(&facts, &big_transport, Lang::En),
        transport: big_transport,
    })));
    settle().await;
    let first = text(&root, "[aria-label='Response body']");
    assert!(first.len() <= 70_000, "one window is shown, not {} bytes", first.len());
    assert!(text(&root, "[aria-label='Body part']").contains("Showing 0 B to 64.0 KB of 390.6 KB"));
    find_button(&root, "Download the body");
    find_button(&root, "Next part").click();
    settle().await;
    assert!(text(&root, "[aria-label='Body part']").contains("Showing 64.0 KB to 128.0 KB"));
    assert_ne!(text(&root, "[aria-label='Response body']"), first);
    type_into(&root, "[aria-label='Find in body']", "NEEDLE");
    settle().await;
    assert_eq!(text(&root, "[aria-label='Matches']"), "1 of 1");
    assert_eq!(
        text(&root, "[aria-label='Response body'] mark"),
        "needle",
        "the match is marked, as text"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn an_unrecognised_answer_says_so_and_lays_out_the_parsed_body() {
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), PanelsOnly);
    settle().await;
    let facts = RequestFacts {
        protocol: Protocol::OpenAiChat,
        method: "POST".into(),
        url: "https://gw.example/v1/chat/completions".into(),
        ..Default::default()
    };
    let transport = Transport::Response {
        status: 418,
        headers: vec![("content-type".into(), "application/json".into())],
        headers_hidden_by_cors: true,
        body: r#"{"error":{"message":"the teapot refuses","type":"teapot_error","code":"brew_failed"}}"#.into(),
        elapsed_ms: 3,
        stream: None,
    };
    let diagnosis = diagnose(&facts, &transport, Lang::En);
    let state = STATE.with(|s| *s.borrow()).expect("state provided");
    state.phase.set(Phase::Done(std::sync::Arc::new(Exchange {
        serial: 9,
        endpoint: routescope_core::request::catalogue::EndpointId::ChatCompletions,
        request_line: "POST x".into(),
        model: None,
        head_ms: None,
        first_token_ms: None,
        received_bytes: 0,
        lang: Lang::En,
        exact_body: None,
        body_charset: None,
        history_dropped: 0,
        sent_at_ms: None,
        rendered: Default::default(),
        facts: facts.clone(),
        transport,
        diagnosis,
    })));
    settle().await;
    assert_eq!(
        query(&root, "[data-category]")
            .get_attribute("data-category")
            .as_deref(),
        Some("unknown")
    );
    let details = query(&root, "details.envelope");
    assert!(
        details.has_attribute("open"),
        "the parsed body is open for an unrecognised answer"
    );
    let table = text(&root, "[aria-label='Parsed error body']");
    assert!(
        table.contains("teapot_error") && table.contains("brew_failed") && table.contains("the teapot refuses"),
        "{table}"
    );
    root.remove();
}
