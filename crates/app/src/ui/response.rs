//! The raw response: status, time, size, headers, body (rendered, pretty, raw), images.

use leptos::prelude::*;

use std::sync::Arc;

use wasm_bindgen::JsCast;

use crate::state::{use_drafts, use_session, use_settings, DraftStore, Exchange, Phase, Session, Settings};
use crate::ui::chunks::use_chunks;
use crate::ui::follow::{follow, FollowBar};
use crate::ui::lazy::LoadState;
use crate::ui::send::use_sender;
use crate::ui::widgets::{
    download_bytes, download_text, Button, ButtonKind, CopyButton, KvTable, StatusBadge, StatusTone,
};
use crate::ui::{tr, tr_with};
use routescope_core::answer::body_view::{find_all, pretty_view, window, PRETTY_WHOLE_LIMIT, WINDOW_BYTES};
use routescope_core::answer::image_facts::{inline_image_facts, linked_image_summary, LinkedImage};
use routescope_core::answer::response::human_size;
use routescope_core::diagnosis::{CutCause, Transport};
use routescope_core::export::har::har;
use routescope_core::request::build::build_request;
use routescope_core::request::form::FormValues;
use routescope_core::request::http::HttpRequest;

/// Which view of the body is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BodyTab {
    /// Formatted for reading.
    Pretty,
    /// The bytes as received.
    Raw,
}

/// Everything the browser could see of the answer. Until the answer chunk is here nothing
/// can have been sent: the pane says so (or, when the chunk could not be fetched, why, with
/// a Retry).
#[component]
pub fn ResponsePanel() -> impl IntoView {
    let answer = use_chunks().answer;
    let tab = RwSignal::new(BodyTab::Pretty);
    view! {
        <section class="panel response" aria-label=tr("Response", "响应")>
            <div class="panel-head"><h2>{tr("Response", "响应")}</h2></div>
            {move || match answer.state() {
                LoadState::Ready(code) => (code.response_pane)(tab),
                LoadState::Failed => view! { {answer.waiting_view()} {nothing_sent_yet()} }.into_any(),
                LoadState::NotAsked | LoadState::Loading => nothing_sent_yet().into_any(),
            }}
        </section>
    }
}

/// The response pane before anything was sent.
fn nothing_sent_yet() -> impl IntoView {
    view! { <p class="empty">{tr("Nothing sent yet. Fill in the form and press Send (Ctrl/⌘+Enter).", "尚未发送。填写表单后点击发送（Ctrl/⌘+Enter）。")}</p> }
}

/// The response pane's body: a task being followed, then what the session's phase shows
/// (part of the answer chunk).
pub(crate) fn response_pane(tab: RwSignal<BodyTab>) -> AnyView {
    let session = use_session();
    view! {
        <FollowBar />
            {move || match session.phase.get() {
                Phase::Idle => nothing_sent_yet().into_any(),
                Phase::InFlight(live) => {
                    // What has arrived so far: the status, a byte count, and a stream's
                    // merged text (the domain merges; this only shows its latest reading).
                    let received = human_size(live.bytes);
                    let events = live.events;
                    view! {
                        <p class="status-line">
                            <StatusBadge tone=StatusTone::Pending text=Signal::derive(tr("Receiving…", "接收中…")) />
                            {live.status.map(|s| view! { <span class="metric" aria-label=tr("Status so far", "目前的状态")>{s}</span> })}
                            <span class="metric" aria-label=tr("Received so far", "目前已收到")>{received}</span>
                            {(events > 0).then(|| view! { <span class="metric">{tr_with(move |lang| lang.pick_owned(&format!("{events} events"), &format!("{events} 个事件")))}</span> })}
                        </p>
                        {live.text.map(|t| {
                            // While it arrives, the newest part is what matters.
                            let tail = window(&t, t.len().saturating_sub(WINDOW_BYTES), WINDOW_BYTES).text.to_string();
                            view! { <div class="rendered" role="region" aria-label=tr("Answer so far", "目前的回答")><p class="answer-text">{tail}</p></div> }
                        })}
                    }
                    .into_any()
                }
                Phase::Done(exchange) => response_done(exchange, tab),
            }}
    }
    .into_any()
}

/// The answer of a finished exchange: status line, notes, the rendered answer, headers and
/// the body (part of the answer chunk).
fn response_done(ex: Arc<Exchange>, tab: RwSignal<BodyTab>) -> AnyView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let set_tab = tab.write_only();
    let tab = tab.read_only();
    match &ex.transport {
                Transport::Response { status, headers, headers_hidden_by_cors, body, elapsed_ms, .. }
                | Transport::Cut { status, headers, headers_hidden_by_cors, body, elapsed_ms, .. } => {
                    let cut = match &ex.transport {
                        Transport::Cut { cause, .. } => Some(cut_note(cause, ex.received_bytes)),
                        _ => None,
                    };
                    let (status, elapsed_ms, headers_hidden_by_cors) = (*status, *elapsed_ms, *headers_hidden_by_cors);
                    let headers = headers.clone();
                    let size = human_size(body.len());
                    view! {
                        <p class="status-line">
                            <StatusBadge tone=StatusTone::of_status(status) text=status.to_string() aria_label=("Status", "状态") />
                            <span class="metric" aria-label=tr("Time", "时间")>{format!("{elapsed_ms} ms")}</span>
                            {ex.head_ms.map(|h| view! { <span class="metric" title="time to first byte">{format!("TTFB {h} ms")}</span> })}
                            {ex.first_token_ms.map(|t| view! { <span class="metric" title="time to first token">{format!("first token {t} ms")}</span> })}
                            <span class="metric" aria-label=tr("Size", "大小")>{size}</span>
                            <span class="muted mono request-echo">{ex.request_line.clone()}</span>
                            {
                                let shared = ex.clone();
                                view! { <Button kind=ButtonKind::Small on_click=move || download_har(&shared, settings, drafts, session)>{tr("Download HAR", "下载 HAR")}</Button> }
                            }
                        </p>
                        {cut.map(|note| view! { <p class="note note--cut" role="note" aria-label=tr("Answer cut", "回答被截断")>{note}</p> })}
                        {(ex.history_dropped > 0).then(|| {
                            let dropped = human_size(ex.history_dropped);
                            let kept = human_size(routescope_core::history::HISTORY_ENTRY_CAP);
                            view! {
                                <p class="note" role="note" aria-label=tr("Kept in history", "历史中保留的内容")>
                                    {tr_with(move |lang| lang.pick_owned(
                                        &format!("The history keeps {kept} of an answer's body and text: {dropped} of this one were left out. Send it again to see all of it."),
                                        &format!("历史记录只保留响应正文和文本各 {kept}：这次响应有 {dropped} 未保留。重新发送即可看到全部。"),
                                    ))}
                                </p>
                            }
                        })}
                        {ex.stream_answered_whole().then(|| view! {
                            <p class="note" role="note" aria-label=tr("Not streamed", "未以流式返回")>
                                {tr("Stream was asked for, but the answer came as one JSON body, without events: streaming is off for this route or model, or a proxy on the way buffered it.", "请求了流式输出，但回答是一个完整的 JSON 正文，没有事件：该路由或模型未开启流式，或中间的代理缓冲了它。")}
                            </p>
                        })}
                        <RenderedAnswer exchange=ex.clone() />
                        <details class="headers" open=true>
                            <summary>{let n = headers.len(); tr_with(move |lang| lang.pick_owned(&format!("Headers ({n})"), &format!("响应头（{n}）")))}</summary>
                            <KvTable rows=headers label=("Response headers", "响应头") />
                            {headers_hidden_by_cors.then(|| view! {
                                <p class="note" role="note">
                                    {tr("Other headers are hidden by CORS: the gateway exposes none to JavaScript (no Access-Control-Expose-Headers), so the request id header, rate-limit headers and retry-after cannot be read here. curl shows them.", "其余响应头被 CORS 隐藏：网关没有向 JavaScript 暴露任何响应头（没有 Access-Control-Expose-Headers），因此这里读不到请求 ID、限流相关响应头和 retry-after。用 curl 可以看到它们。")}
                                </p>
                            })}
                        </details>
                        <div class="tabs" role="tablist" aria-label=tr("Body view", "正文视图")>
                            <button type="button" role="tab" aria-selected=move || (tab.get() == BodyTab::Pretty).to_string() on:click=move |_| set_tab.set(BodyTab::Pretty)>{tr("Pretty", "格式化")}</button>
                            <button type="button" role="tab" aria-selected=move || (tab.get() == BodyTab::Raw).to_string() on:click=move |_| set_tab.set(BodyTab::Raw)>{tr("Raw", "原始")}</button>
                        </div>
                        <BodyView exchange=ex.clone() tab=tab />
                    }
                    .into_any()
                }
                Transport::NetworkError { message, elapsed_ms } => view! {
                    <p class="status-line"><StatusBadge tone=StatusTone::Network text=Signal::derive(tr("No response", "无响应")) aria_label=("Status", "状态") /><span class="metric">{format!("{elapsed_ms} ms")}</span></p>
                    <p>{tr("The browser got no HTTP answer it may read. Its message:", "浏览器没有拿到可读的 HTTP 响应。浏览器给出的信息：")}</p>
                    <pre class="code" aria-label=tr("Browser error", "浏览器错误")>{message.clone()}</pre>
                }
                .into_any(),
                Transport::TimedOut { after_ms } => view! {
                    <p class="status-line"><StatusBadge tone=StatusTone::Network text=Signal::derive(tr("Timed out", "已超时")) aria_label=("Status", "状态") /><span class="metric">{format!("{after_ms} ms")}</span></p>
                }
                .into_any(),
                Transport::Cancelled { after_ms } => view! {
                    <p class="status-line"><StatusBadge tone=StatusTone::Pending text=Signal::derive(tr("Cancelled", "已取消")) aria_label=("Status", "状态") /><span class="metric">{format!("{after_ms} ms")}</span></p>
                }
                .into_any(),
            }
}

/// Says why the answer below is partial.
fn cut_note(cause: &CutCause, received: usize) -> Signal<String> {
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

/// How many ids of a model list are laid out on the page; the rest stay searchable in the
/// model fields and readable in the body (a list of 100,000 would take seconds to lay out).
const MODELS_LISTED: usize = 200;

/// The answer as a person reads it: text, usage, models, images, task status.
#[component]
fn RenderedAnswer(exchange: Arc<Exchange>) -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let sender = use_sender();
    let endpoint = exchange.endpoint;
    let r = &exchange.rendered;
    // A submitted task can be queried in one click: its id goes into the query form.
    let query = endpoint.task_query();
    let has_any = r.text.is_some()
        || r.reasoning.is_some()
        || !r.tool_calls.is_empty()
        || !r.images.is_empty()
        || !r.models.is_empty()
        || r.task_state.is_some()
        || r.task_id.is_some();
    has_any.then(|| {
        view! {
            <div class="rendered" role="region" aria-label=tr("Answer", "回答")>
                {r.text.is_some().then(|| view! { <PagedText exchange=exchange.clone() /> })}
                {r.reasoning.clone().map(|reasoning| {
                    // Reasoning can be long (or hostile): its first window is laid out, and
                    // the note says how much more the body holds.
                    let shown = window(&reasoning, 0, WINDOW_BYTES).text.to_string();
                    let more = (shown.len() < reasoning.len()).then(|| human_size(reasoning.len()));
                    view! {
                        <details class="reasoning" aria-label=tr("Reasoning", "推理过程")>
                            <summary>{tr("Reasoning (shown apart from the answer)", "推理过程（与回答分开显示）")}</summary>
                            <p class="answer-text muted">{shown}</p>
                            {more.map(|size| view! { <p class="note" role="note">{tr_with(move |lang| lang.pick_owned(&format!("The first part of {size} of reasoning; the body below holds all of it."), &format!("仅显示 {size} 推理内容的开头；完整内容见下方响应正文。")))}</p> })}
                        </details>
                    }
                })}
                {(!r.tool_calls.is_empty()).then(|| view! {
                    <ul class="tool-calls" aria-label=tr("Tool calls", "工具调用")>
                        {r.tool_calls.iter().map(|call| {
                            let arguments = window(&call.arguments, 0, WINDOW_BYTES).text.to_string();
                            view! {
                                <li>
                                    <span>{tr("Tool call: ", "工具调用：")}</span>
                                    <code class="mono">{call.name.clone()}</code>
                                    {(!call.id.is_empty()).then(|| view! { <span class="muted">{format!(" ({})", call.id)}</span> })}
                                    <pre class="code" aria-label=format!("Arguments of {}", call.name)>{arguments}</pre>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {(r.finish_reason.is_some() || !r.usage.is_empty() || r.stream_events.is_some()).then(|| {
                    let mut facts: Vec<String> = Vec::new();
                    if let Some(f) = &r.finish_reason { facts.push(format!("finish: {f}")); }
                    for (k, v) in &r.usage { facts.push(format!("{k}: {v}")); }
                    if let Some(n) = r.stream_events { facts.push(format!("{n} stream events")); }
                    view! { <p class="muted answer-facts">{facts.join(" · ")}</p> }
                })}
                {(!r.models.is_empty()).then(|| view! {
                    <p class="muted">{let n = r.models.len(); tr_with(move |lang| lang.pick_owned(&format!("{n} models: the model pickers now suggest them."), &format!("{n} 个模型：模型输入框现在会提示它们。")))}</p>
                    <ul class="model-list" aria-label=tr("Models", "模型")>
                        {r.models.iter().take(MODELS_LISTED).map(|m| view! { <li class="mono">{m.clone()}</li> }).collect_view()}
                    </ul>
                    {(r.models.len() > MODELS_LISTED).then(|| {
                        let more = r.models.len() - MODELS_LISTED;
                        view! {
                            <p class="muted" role="note" aria-label=tr("More models", "更多模型")>
                                {tr_with(move |lang| lang.pick_owned(
                                    &format!("…and {more} more: type in a model field to search them all, or read the body below."),
                                    &format!("……还有 {more} 个：在模型输入框中输入即可搜索全部，或查看下方的响应正文。"),
                                ))}
                            </p>
                        }
                    })}
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
                    // Followed to its end in one click, unless it already ended or is followed.
                    let ended = r.task_state.as_ref().is_some_and(|(s, _)| s.is_terminal());
                    let follow_button = query.filter(|_| !ended).map(|(target, field)| {
                        let id = id.clone();
                        let following = Memo::new({
                            let id = id.clone();
                            move |_| session.following.with(|f| f.as_ref().is_some_and(|f| f.active && f.task_id == id))
                        });
                        move || (!following.get()).then(|| {
                            let id = id.clone();
                            view! {
                                <Button kind=ButtonKind::Small on_click=move || follow(settings, drafts, session, sender, target, field, id.clone())>
                                    {tr("Follow this task", "跟踪此任务直到结束")}
                                </Button>
                            }
                        })
                    });
                    let copied = id.clone();
                    view! {
                        <p class="task-line">
                            {tr("Task id: ", "任务 ID：")} <code class="mono">{id}</code> " "
                            <CopyButton text=Signal::derive(move || copied.clone()) label=Signal::derive(tr("Copy task id", "复制任务 ID")) />
                            " " {query_button} " " {follow_button}
                        </p>
                    }
                })}
                {r.task_state.clone().map(|(s, word)| view! { <p>{tr("Status: ", "状态：")} <span class=format!("task task--{}", s.as_str())>{s.as_str()}</span> <span class="muted">{format!(" ({word})")}</span></p> })}
                {(!r.images.is_empty()).then(|| view! {
                    <div class="images">
                        {r.images.iter().enumerate().map(|(i, img)| {
                            // What the bytes say (inline images), or what the browser measured
                            // once a linked image loaded.
                            let facts = inline_image_facts(&img.src);
                            let (measured, set_measured) = signal(None::<LinkedImage>);
                            let media = if img.is_video() {
                                view! { <video src=img.src.clone() controls=true preload="metadata" aria-label=format!("Video {} from {}", i + 1, img.origin)></video> }.into_any()
                            } else {
                                view! {
                                    <img
                                        src=img.src.clone()
                                        alt=format!("Image {} from {}", i + 1, img.origin)
                                        loading="lazy"
                                        on:load=move |ev| {
                                            if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlImageElement>().ok()) {
                                                let (bytes, content_type) = crate::net::resource_facts(&el.current_src());
                                                set_measured.set(Some(LinkedImage {
                                                    size: Some((el.natural_width(), el.natural_height())),
                                                    bytes,
                                                    content_type,
                                                }));
                                            }
                                        }
                                    />
                                }.into_any()
                            };
                            let (noun, file) = match (&facts, img.is_video()) {
                                (_, true) => ("video", "mp4"),
                                (Some(f), _) => ("image", f.extension()),
                                (None, _) => ("image", "png"),
                            };
                            let described = facts.as_ref().map(|f| format!(" · {}", f.summary()));
                            let src = img.src.clone();
                            let has_facts = described.is_some();
                            view! {
                                <figure>
                                    {media}
                                    <figcaption>
                                        <span class="muted" data-image-facts="">{img.origin.clone()}{described}{(!has_facts).then(|| tr_with(move |lang| measured.with(|seen| seen.as_ref().map(|seen| format!(" · {}", linked_image_summary(&src, seen, lang))).unwrap_or_default())))}</span>
                                        " "
                                        <a href=img.src.clone() download=format!("routescope-{noun}-{}.{file}", i + 1) target="_blank" rel="noopener noreferrer">{tr("Download", "下载")}</a>
                                    </figcaption>
                                </figure>
                            }
                        }).collect_view()}
                    </div>
                })}
            </div>
        }
    })
}

/// The body as text (never HTML), one window at a time: a body of any size shows its first
/// part at once, then the next or previous part on demand; find-in-body jumps the window to
/// each match; copy and download take the whole body. The domain cuts the windows and
/// pretty-prints in one pass (no parse), so nothing here is proportional to more than what
/// is on screen, except the one-off search and the download.
#[component]
fn BodyView(exchange: Arc<Exchange>, tab: ReadSignal<BodyTab>) -> impl IntoView {
    let body = exchange.transport.body().unwrap_or_default();
    let pretty = pretty_view(body);
    let too_big_to_pretty = pretty.is_none() && body.len() > PRETTY_WHOLE_LIMIT;
    let total = body.len();
    let not_utf8 = exchange.exact_body.is_some();
    let charset = exchange.body_charset.clone();
    // The body stays where it is (shared with the history); this view only borrows it.
    let raw = StoredValue::new(exchange);
    let pretty = StoredValue::new(pretty);
    let (offset, set_offset) = signal(0usize);
    let (query, set_query) = signal(String::new());
    let (current, set_current) = signal(0usize);
    // Searching reads the raw body: find switches the view to Raw so offsets line up.
    let matches = Memo::new(move |_| {
        let q = query.get();
        raw.with_value(|ex| find_all(ex.transport.body().unwrap_or_default(), &q, FIND_CAP))
    });
    let shown_is_raw =
        move || tab.get() == BodyTab::Raw || pretty.with_value(Option::is_none) || !query.with(String::is_empty);
    let jump = move |index: usize| {
        let found = matches.with(|m| m.get(index).copied());
        if let Some(at) = found {
            set_current.set(index);
            set_offset.set(at.saturating_sub(WINDOW_BYTES / 8));
        }
    };
    let view_text = move || {
        let at = offset.get();
        let q = query.get();
        let found = matches.with(|m| m.get(current.get()).copied());
        if shown_is_raw() {
            raw.with_value(|ex| {
                let w = window(ex.transport.body().unwrap_or_default(), at, WINDOW_BYTES);
                let start = w.skipped_before;
                // The current match, if it is in this window, is marked (as text nodes).
                match found.filter(|m| *m >= start && m + q.len() <= start + w.text.len()) {
                    Some(m) => {
                        let (before, rest) = w.text.split_at(m - start);
                        let (hit, after) = rest.split_at(q.len().min(rest.len()));
                        view! { {before.to_string()}<mark>{hit.to_string()}</mark>{after.to_string()} }.into_any()
                    }
                    None => w.text.to_string().into_any(),
                }
            })
        } else {
            pretty
                .with_value(|p| {
                    window(p.as_deref().unwrap_or_default(), at, WINDOW_BYTES)
                        .text
                        .to_string()
                })
                .into_any()
        }
    };
    let span = move || {
        let at = offset.get();
        let len = if shown_is_raw() {
            total
        } else {
            pretty.with_value(|p| p.as_ref().map_or(0, String::len))
        };
        let w_end = (at + WINDOW_BYTES).min(len);
        (at.min(len), w_end, len)
    };
    view! {
        <div class="body-tools">
            <input
                type="search"
                class="find"
                aria-label=tr("Find in body", "在正文中查找")
                placeholder=tr("Find in body", "在响应体中查找")
                prop:value=move || query.get()
                on:input=move |ev| {
                    set_query.set(event_target_value(&ev));
                    set_current.set(0);
                    jump(0);
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        let n = matches.with(Vec::len);
                        if n > 0 { jump((current.get_untracked() + 1) % n); }
                    }
                }
            />
            {move || (!query.with(String::is_empty)).then(|| {
                let n = matches.with(Vec::len);
                let more = if n >= FIND_CAP { "+" } else { "" };
                view! {
                    <span class="muted" role="status" aria-label=tr("Matches", "匹配项")>
                        {tr_with(move |lang| if n == 0 { lang.pick("No match", "没有匹配").to_string() } else { lang.pick_owned(&format!("{} of {n}{more}", current.get() + 1), &format!("第 {} 个，共 {n}{more} 个", current.get() + 1)) })}
                    </span>
                    <Button kind=ButtonKind::Small disabled=Signal::derive(move || matches.with(Vec::len) < 2) on_click=move || { let n = matches.with(Vec::len); if n > 0 { jump((current.get_untracked() + n - 1) % n); } }>{tr("Previous match", "上一个")}</Button>
                    <Button kind=ButtonKind::Small disabled=Signal::derive(move || matches.with(Vec::len) < 2) on_click=move || { let n = matches.with(Vec::len); if n > 0 { jump((current.get_untracked() + 1) % n); } }>{tr("Next match", "下一个")}</Button>
                }
            })}
            <CopyButton text=Signal::derive(move || raw.with_value(|ex| ex.transport.body().unwrap_or_default().to_string())) label=Signal::derive(tr("Copy body", "复制响应体")) />
            {(total > 0).then(|| view! {
                <Button kind=ButtonKind::Small on_click=move || raw.with_value(|ex| match &ex.exact_body {
                    Some(bytes) => download_bytes(bytes, "response-body.bin"),
                    None => download_text(ex.transport.body().unwrap_or_default(), "response-body.txt"),
                })>{tr("Download the body", "下载响应体")}</Button>
            })}
        </div>
        {not_utf8.then(|| view! {
            <p class="note" role="note" aria-label=tr("Not UTF-8", "不是 UTF-8")>{match charset.clone() {
                Some(label) => tr_with(move |lang| lang.pick_owned(
                    &format!("This body is not UTF-8: it is shown decoded as {label}, the charset its Content-Type (or a byte order mark) names. Download the body gives the exact bytes received."),
                    &format!("该响应体不是 UTF-8：已按其 Content-Type（或字节顺序标记）指明的字符集 {label} 解码显示。“下载响应体”会给出收到的原始字节。"),
                )).into_any(),
                None => tr(
                    "This body is not valid UTF-8: the text shows � where bytes could not be read. Download the body gives the exact bytes received.",
                    "该响应体不是有效的 UTF-8：无法解读的字节显示为 �。“下载响应体”会给出收到的原始字节。",
                ).into_any(),
            }}</p>
        })}
        <pre class="code response-body" aria-label=tr("Response body", "响应体")>
            {move || if total == 0 { tr("(empty body)", "（空响应体）")().into_any() } else { view_text() }}
        </pre>
        {move || {
            let (from, to, len) = span();
            (from > 0 || to < len).then(|| view! {
                <p class="note" role="note" aria-label=tr("Body part", "正文片段")>
                    {let (a, b, c) = (human_size(from), human_size(to), human_size(len)); tr_with(move |lang| lang.pick_owned(&format!("Showing {a} to {b} of {c}, to keep the page responsive. "), &format!("为保持页面流畅，当前显示 {a} 到 {b}，共 {c}。")))}
                    <Button kind=ButtonKind::Small disabled=Signal::derive(move || offset.get() == 0) on_click=move || set_offset.update(|o| *o = o.saturating_sub(WINDOW_BYTES))>{tr("Previous part", "上一部分")}</Button>
                    <Button kind=ButtonKind::Small disabled=Signal::derive(move || span().1 >= span().2) on_click=move || set_offset.update(|o| *o += WINDOW_BYTES)>{tr("Next part", "下一部分")}</Button>
                </p>
            })
        }}
        {too_big_to_pretty.then(|| view! {
            <p class="note muted">{tr("Shown raw: pretty-printing a body this large would only slow the page.", "按原样显示：格式化这么大的响应体只会拖慢页面。")}</p>
        })}
    }
}

/// The answer's text, one window at a time when it is longer than a window, with a copy of
/// the whole text.
#[component]
fn PagedText(exchange: Arc<Exchange>) -> impl IntoView {
    let total = exchange.rendered.text.as_ref().map_or(0, String::len);
    // Borrowed from the exchange on screen, never copied whole except for the clipboard.
    let text = StoredValue::new(exchange);
    let whole = move || text.with_value(|ex| ex.rendered.text.clone().unwrap_or_default());
    let (offset, set_offset) = signal(0usize);
    view! {
        <p class="answer-text">{move || text.with_value(|ex| window(ex.rendered.text.as_deref().unwrap_or_default(), offset.get(), WINDOW_BYTES).text.to_string())}</p>
        <p class="answer-tools"><CopyButton text=Signal::derive(whole) label=Signal::derive(tr("Copy answer", "复制回答")) /></p>
        {(total > WINDOW_BYTES).then(|| view! {
            <p class="note" role="note">
                {let size = human_size(total); tr_with(move |lang| lang.pick_owned(&format!("A long answer ({size}): shown a part at a time. "), &format!("回答很长（{size}）：分段显示。")))}
                <Button kind=ButtonKind::Small disabled=Signal::derive(move || offset.get() == 0) on_click=move || set_offset.update(|o| *o = o.saturating_sub(WINDOW_BYTES))>{tr("Previous part", "上一部分")}</Button>
                <Button kind=ButtonKind::Small disabled=Signal::derive(move || offset.get() + WINDOW_BYTES >= total) on_click=move || set_offset.update(|o| *o += WINDOW_BYTES)>{tr("Next part", "下一部分")}</Button>
            </p>
        })}
    }
}

/// Most matches counted by find-in-body.
const FIND_CAP: usize = 10_000;

/// Saves the exchange as a HAR 1.2 file (key redacted).
pub(crate) fn download_har(exchange: &Exchange, settings: Settings, drafts: DraftStore, session: Session) {
    let Some(sent) = sent_request(exchange, settings, drafts, session) else {
        return;
    };
    let started = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    let key = settings.conn.with_untracked(|c| c.api_key.clone());
    let text = har(exchange, &sent.request, &key, &started);
    download_text(&text, &format!("routescope-exchange-{}.har", exchange.serial));
}

/// The request an exchange sent, with the form it was built from.
pub(crate) struct SentRequest {
    /// The request, at the URL that was actually called.
    pub request: HttpRequest,
    /// The form values at Send.
    pub values: FormValues,
    /// The raw body at Send, if the person edited it.
    pub raw_body: Option<String>,
}

/// Rebuilds what an exchange sent from the form kept with it in the history (or the form
/// on screen when the history no longer holds it), at the URL that was actually called.
pub(crate) fn sent_request(
    exchange: &Exchange,
    settings: Settings,
    drafts: DraftStore,
    session: Session,
) -> Option<SentRequest> {
    let kept = session.history.with_untracked(|h| {
        h.iter()
            .find(|e| e.exchange.serial == exchange.serial)
            .map(|e| (e.values.clone(), e.raw_body.clone()))
    });
    let (values, raw_body) = kept.unwrap_or_else(|| drafts.snapshot(exchange.endpoint));
    let conn = settings.conn.get_untracked();
    let built = build_request(
        routescope_core::request::catalogue::endpoint(exchange.endpoint),
        &conn,
        &values,
        raw_body.as_deref(),
    );
    let mut request = built.request?;
    request.url = exchange.facts.url.clone();
    Some(SentRequest {
        request,
        values,
        raw_body,
    })
}
