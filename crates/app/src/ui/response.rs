//! The raw response: status, time, size, headers, body (rendered, pretty, raw), images.

use leptos::prelude::*;

use crate::state::{use_drafts, use_session, use_settings, Phase};
use crate::ui::widgets::{Button, ButtonKind, KvTable, StatusBadge, StatusTone};
use crate::ui::{tr, tr_with};
use routescope_core::answer::response::{display_window, human_size, pretty_json, DISPLAY_LIMIT};
use routescope_core::diagnosis::{CutCause, Transport};
use routescope_core::request::catalogue::EndpointId;

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyTab {
    Pretty,
    Raw,
}

/// Everything the browser could see of the answer.
#[component]
pub fn ResponsePanel() -> impl IntoView {
    let session = use_session();
    let (tab, set_tab) = signal(BodyTab::Pretty);
    view! {
        <section class="panel response" aria-label="Response">
            <div class="panel-head"><h2>{tr("Response", "响应")}</h2></div>
            {move || match session.phase.get() {
                Phase::Idle => view! {
                    <p class="empty">{tr("Nothing sent yet. Fill in the form and press Send (Ctrl/⌘+Enter).", "尚未发送。填写表单后点击发送（Ctrl/⌘+Enter）。")}</p>
                }
                .into_any(),
                Phase::InFlight(live) => {
                    // What has arrived so far: the status, a byte count, and a stream's
                    // merged text (the domain merges; this only shows its latest reading).
                    let received = human_size(live.bytes);
                    let events = live.events;
                    view! {
                        <p class="status-line">
                            <StatusBadge tone=StatusTone::Pending text=Signal::derive(tr("Receiving…", "接收中…")) />
                            {live.status.map(|s| view! { <span class="metric" aria-label="Status so far">{s}</span> })}
                            <span class="metric" aria-label="Received so far">{received}</span>
                            {(events > 0).then(|| view! { <span class="metric">{tr_with(move |lang| lang.pick_owned(&format!("{events} events"), &format!("{events} 个事件")))}</span> })}
                        </p>
                        {live.text.map(|t| view! { <div class="rendered" role="region" aria-label="Answer so far"><p class="answer-text">{t}</p></div> })}
                    }
                    .into_any()
                }
                Phase::Done(exchange) => {
                    let ex = *exchange;
                    match ex.transport.clone() {
                        Transport::Response { status, headers, headers_hidden_by_cors, body, elapsed_ms, .. }
                        | Transport::Cut { status, headers, headers_hidden_by_cors, body, elapsed_ms, .. } => {
                            let cut = match &ex.transport {
                                Transport::Cut { cause, .. } => Some(cut_note(cause, ex.received_bytes)),
                                _ => None,
                            };
                            let size = human_size(body.len());
                            let pretty = pretty_json(&body);
                            let raw_body = body.clone();
                            let rendered = ex.rendered.clone();
                            view! {
                                <p class="status-line">
                                    <StatusBadge tone=StatusTone::of_status(status) text=status.to_string() aria_label="Status" />
                                    <span class="metric" aria-label="Time">{format!("{elapsed_ms} ms")}</span>
                                    {ex.head_ms.map(|h| view! { <span class="metric" title="time to first byte">{format!("TTFB {h} ms")}</span> })}
                                    {ex.first_token_ms.map(|t| view! { <span class="metric" title="time to first token">{format!("first token {t} ms")}</span> })}
                                    <span class="metric" aria-label="Size">{size}</span>
                                    <span class="muted mono request-echo">{ex.request_line.clone()}</span>
                                </p>
                                {cut.map(|note| view! { <p class="note note--cut" role="note" aria-label="Answer cut">{note}</p> })}
                                <RenderedAnswer rendered=rendered endpoint=ex.endpoint />
                                <details class="headers" open=true>
                                    <summary>{let n = headers.len(); tr_with(move |lang| lang.pick_owned(&format!("Headers ({n})"), &format!("响应头（{n}）")))}</summary>
                                    <KvTable rows=headers label="Response headers" />
                                    {headers_hidden_by_cors.then(|| view! {
                                        <p class="note" role="note">
                                            {tr("Other headers are hidden by CORS: the gateway exposes none to JavaScript (no Access-Control-Expose-Headers), so the request id header, rate-limit headers and retry-after cannot be read here. curl shows them.", "其余响应头被 CORS 隐藏：网关没有向 JavaScript 暴露任何响应头（没有 Access-Control-Expose-Headers），因此这里读不到请求 ID、限流相关响应头和 retry-after。用 curl 可以看到它们。")}
                                        </p>
                                    })}
                                </details>
                                <div class="tabs" role="tablist" aria-label="Body view">
                                    <button type="button" role="tab" aria-selected=move || (tab.get() == BodyTab::Pretty).to_string() on:click=move |_| set_tab.set(BodyTab::Pretty)>{tr("Pretty", "格式化")}</button>
                                    <button type="button" role="tab" aria-selected=move || (tab.get() == BodyTab::Raw).to_string() on:click=move |_| set_tab.set(BodyTab::Raw)>{tr("Raw", "原始")}</button>
                                </div>
                                <BodyView pretty=pretty raw=raw_body tab=tab />
                            }
                            .into_any()
                        }
                        Transport::NetworkError { message, elapsed_ms } => view! {
                            <p class="status-line"><StatusBadge tone=StatusTone::Network text=Signal::derive(tr("No response", "无响应")) aria_label="Status" /><span class="metric">{format!("{elapsed_ms} ms")}</span></p>
                            <p>{tr("The browser got no HTTP answer it may read. Its message:", "浏览器没有拿到可读的 HTTP 响应。浏览器给出的信息：")}</p>
                            <pre class="code" aria-label="Browser error">{message}</pre>
                        }
                        .into_any(),
                        Transport::TimedOut { after_ms } => view! {
                            <p class="status-line"><StatusBadge tone=StatusTone::Network text=Signal::derive(tr("Timed out", "已超时")) aria_label="Status" /><span class="metric">{format!("{after_ms} ms")}</span></p>
                        }
                        .into_any(),
                        Transport::Cancelled { after_ms } => view! {
                            <p class="status-line"><StatusBadge tone=StatusTone::Pending text=Signal::derive(tr("Cancelled", "已取消")) aria_label="Status" /><span class="metric">{format!("{after_ms} ms")}</span></p>
                        }
                        .into_any(),
                    }
                }
            }}
        </section>
    }
}

/// Says why the answer below is partial.
fn cut_note(cause: &CutCause, received: usize) -> impl Fn() -> String + Send + Sync + 'static {
    let size = human_size(received);
    let cause = cause.clone();
    tr_with(move |lang| match &cause {
        CutCause::Timeout => lang.pick_owned(
            &format!("Cut by the timeout: {size} had arrived and is shown below."),
            &format!("被超时截断：已收到 {size}，显示如下。"),
        ),
        CutCause::Cancelled => lang.pick_owned(
            &format!("Cancelled: {size} had arrived and is shown below."),
            &format!("已取消：已收到 {size}，显示如下。"),
        ),
        CutCause::Network(message) => lang.pick_owned(
            &format!("The connection broke after {size} ({message}); what arrived is shown below."),
            &format!("收到 {size} 后连接中断（{message}）；已收到的内容显示如下。"),
        ),
        CutCause::Cap { cap_bytes } => {
            let cap = human_size(*cap_bytes);
            lang.pick_owned(
                &format!("Reading stopped at the {cap} cap ({size} received); the first {cap} are shown below."),
                &format!("读取在 {cap} 上限处停止（共收到 {size}）；下面显示前 {cap}。"),
            )
        }
    })
}

/// The answer as a person reads it: text, usage, models, images, task status.
#[component]
fn RenderedAnswer(rendered: routescope_core::answer::response::Rendered, endpoint: EndpointId) -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    let r = rendered;
    // A submitted task can be queried in one click: its id goes into the query form.
    let query = match endpoint {
        EndpointId::AsyncImageSubmit | EndpointId::AsyncImageQuery => Some((EndpointId::AsyncImageQuery, "job_id")),
        EndpointId::VideoSubmit | EndpointId::VideoQuery => Some((EndpointId::VideoQuery, "task_id")),
        _ => None,
    };
    let has_any = r.text.is_some()
        || !r.images.is_empty()
        || !r.models.is_empty()
        || r.task_state.is_some()
        || r.task_id.is_some();
    has_any.then(|| {
        view! {
            <div class="rendered" role="region" aria-label="Answer">
                {r.text.clone().map(|t| view! { <p class="answer-text">{t}</p> })}
                {(r.finish_reason.is_some() || !r.usage.is_empty() || r.stream_events.is_some()).then(|| {
                    let mut facts: Vec<String> = Vec::new();
                    if let Some(f) = &r.finish_reason { facts.push(format!("finish: {f}")); }
                    for (k, v) in &r.usage { facts.push(format!("{k}: {v}")); }
                    if let Some(n) = r.stream_events { facts.push(format!("{n} stream events")); }
                    view! { <p class="muted answer-facts">{facts.join(" · ")}</p> }
                })}
                {(!r.models.is_empty()).then(|| view! {
                    <p class="muted">{let n = r.models.len(); tr_with(move |lang| lang.pick_owned(&format!("{n} models: the model pickers now suggest them."), &format!("{n} 个模型：模型输入框现在会提示它们。")))}</p>
                    <ul class="model-list" aria-label="Models">
                        {r.models.iter().map(|m| view! { <li class="mono">{m.clone()}</li> }).collect_view()}
                    </ul>
                })}
                {r.task_id.clone().map(|id| {
                    let query_button = query.map(|(target, field)| {
                        let id = id.clone();
                        view! {
                            <Button
                                kind=ButtonKind::Small
                                on_click=move || {
                                    drafts.update_endpoint(target, |v| v.set_text(field, id.clone()));
                                    settings.endpoint.set(target);
                                }
                            >
                                {tr_with(move |lang| if target == endpoint { lang.pick("Query again", "再次查询") } else { lang.pick("Query this task", "查询此任务") })}
                            </Button>
                        }
                    });
                    view! { <p class="task-line">{tr("Task id: ", "任务 ID：")} <code class="mono">{id}</code> " " {query_button}</p> }
                })}
                {r.task_state.clone().map(|(s, word)| view! { <p>{tr("Status: ", "状态：")} <span class=format!("task task--{}", s.as_str())>{s.as_str()}</span> <span class="muted">{format!(" ({word})")}</span></p> })}
                {(!r.images.is_empty()).then(|| view! {
                    <div class="images">
                        {r.images.iter().enumerate().map(|(i, img)| view! {
                            <figure>
                                <img src=img.src.clone() alt=format!("Image {} from {}", i + 1, img.origin) loading="lazy" />
                                <figcaption>
                                    <span class="muted">{img.origin.clone()}</span>
                                    " "
                                    <a href=img.src.clone() download=format!("routescope-image-{}.png", i + 1) target="_blank" rel="noopener noreferrer">{tr("Download", "下载")}</a>
                                </figcaption>
                            </figure>
                        }).collect_view()}
                    </div>
                })}
            </div>
        }
    })
}

/// The body as text (never HTML), windowed: very large bodies show their first part with a
/// button for the rest and a download of the whole.
#[component]
fn BodyView(pretty: Option<String>, raw: String, tab: ReadSignal<BodyTab>) -> impl IntoView {
    let (show_all, set_show_all) = signal(false);
    let empty_body = tr("(empty body)", "（空响应体）");
    let download = download_url(&raw);
    if let Some(href) = download.clone() {
        // Free the blob when this answer leaves the screen.
        on_cleanup(move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        });
    }
    let text = move || match tab.get() {
        BodyTab::Pretty => pretty.clone().unwrap_or_else(|| raw.clone()),
        BodyTab::Raw => raw.clone(),
    };
    let text = Memo::new(move |_| text());
    view! {
        <pre class="code response-body" aria-label="Response body">
            {move || {
                let full = text.get();
                if full.is_empty() {
                    return empty_body().to_string();
                }
                if show_all.get() { full } else { display_window(&full, DISPLAY_LIMIT).0.to_string() }
            }}
        </pre>
        {move || {
            let hidden = text.with(|t| display_window(t, DISPLAY_LIMIT).1);
            (hidden > 0 && !show_all.get()).then(|| view! {
                <p class="note" role="note">
                    {let more = human_size(hidden); tr_with(move |lang| lang.pick_owned(&format!("{more} more not shown, to keep the page responsive. "), &format!("为保持页面流畅，还有 {more} 未显示。")))}
                    <Button kind=ButtonKind::Small on_click=move || set_show_all.set(true)>{tr("Show everything", "全部显示")}</Button>
                </p>
            })
        }}
        {download.map(|href| view! { <p class="download-body"><a href=href download="response-body.txt">{tr("Download the body", "下载响应体")}</a></p> })}
    }
}

/// An object URL holding `text`, for downloading large bodies; `None` for small ones or when
/// the browser refuses.
fn download_url(text: &str) -> Option<String> {
    if text.len() <= DISPLAY_LIMIT {
        return None;
    }
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
