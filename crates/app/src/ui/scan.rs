//! "What can this key do?": reads the model lists, lets the person choose the models (each
//! try is a billed call), then tries each with its protocol's smallest request and shows a
//! live table of what works and, for what fails, the diagnosis. The core plans the scan
//! (`routescope_core::scan`): which request, how many at once, when to pause after a 429;
//! this panel sends what it hands out and shows the books.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use crate::net;
use crate::state::use_settings;
use crate::storage;
use crate::ui::layout::use_layout;
use crate::ui::widgets::{download_text, Button, ButtonKind, CopyButton};
use crate::ui::{tr, tr_with};
use routescope_core::answer::reader::DEFAULT_BYTE_CAP;
use routescope_core::diagnosis::Category;
use routescope_core::exchange::InFlight;
use routescope_core::request::build::build_request;
use routescope_core::request::catalogue::{endpoint, EndpointId};
use routescope_core::request::form::FormValues;
use routescope_core::scan::{
    decode_rows, encode_rows, result_text, smallest_body, smallest_request, to_csv, to_markdown, view_order, RowState,
    Scan, ScanProtocol, ScanSettings, SortKey, TryOutcome, MAX_CONCURRENCY,
};
use routescope_core::text::lang::Lang;

/// How long a model list may take.
const LIST_TIMEOUT_MS: u32 = 30_000;
/// How long one try may take.
const TRY_TIMEOUT_MS: u32 = 60_000;
/// How often the scan looks for room to start the next try.
const PUMP_EVERY_MS: u64 = 100;

/// What the model lists said.
#[derive(Clone, Default, PartialEq)]
struct Lists {
    /// Every model id, in list order, without repeats.
    models: Vec<String>,
    /// One line per list: how many it named, or why it named none.
    notes: Vec<String>,
}

fn page_is_https() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "https:")
}

/// The scan panel (opened from the side list).
#[component]
pub fn KeyScan() -> impl IntoView {
    let settings = use_settings();
    let layout = use_layout();
    let lists = RwSignal::new(None::<Lists>);
    let reading = RwSignal::new(false);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let pick_filter = RwSignal::new(String::new());
    let options = RwSignal::new(ScanSettings::default());
    // The connection's last results, kept with it (never the key).
    let scan = RwSignal::new(stored_scan(settings.book.with_untracked(|b| b.active().id)));
    let running = RwSignal::new(false);
    // What the buttons follow: a scan is under way until the books say it is finished (the
    // pump notices a moment later).
    let in_progress = move || scan.with(|s| s.as_ref().is_some_and(|s| !s.finished()));
    let now = RwSignal::new(0u64);
    let controllers = StoredValue::new_local(Vec::<(usize, AbortController)>::new());
    let sort = RwSignal::new((SortKey::Result, false));
    let table_filter = RwSignal::new(String::new());

    let stop = move || {
        scan.update(|s| {
            if let Some(s) = s {
                s.stop();
            }
        });
        controllers.with_value(|live| live.iter().for_each(|(_, c)| c.abort()));
    };
    // Each connection keeps its own results (in memory, never the key): switching stops a
    // running scan and brings back the other connection's last one.
    let kept = StoredValue::new(Vec::<(u32, Option<Lists>, Option<Scan>)>::new());
    let shown_for = StoredValue::new(settings.book.with_untracked(|b| b.active().id));
    Effect::new(move |_| {
        let id = settings.book.with(|b| b.active().id);
        let was = shown_for.get_value();
        if id == was {
            return;
        }
        if running.get_untracked() {
            stop();
        }
        let (old_lists, old_scan) = (lists.get_untracked(), scan.get_untracked());
        let restored = kept.try_update_value(|k| {
            k.retain(|(c, _, _)| *c != was);
            k.push((was, old_lists, old_scan));
            k.iter().position(|(c, _, _)| *c == id).map(|at| k.remove(at))
        });
        let (new_lists, new_scan) = restored
            .flatten()
            .map_or_else(|| (None, stored_scan(id)), |(_, l, s)| (l, s));
        chosen.set(
            new_lists
                .as_ref()
                .map(|l| l.models.iter().cloned().collect())
                .unwrap_or_default(),
        );
        lists.set(new_lists);
        scan.set(new_scan);
        table_filter.set(String::new());
        shown_for.set_value(id);
    });

    // Both lists, whichever the gateway offers.
    let read_lists = move || {
        reading.set(true);
        let conn = settings.conn.get_untracked();
        let lang = settings.lang.get_untracked();
        spawn_local(async move {
            let mut found = Lists::default();
            for (id, name) in [
                (EndpointId::OpenAiModels, "GET /v1/models"),
                (EndpointId::GeminiModels, "GET /v1beta/models"),
            ] {
                let ep = endpoint(id);
                let values = FormValues::defaults(ep);
                let Some(request) = build_request(ep, &conn, &values, None).request else {
                    continue;
                };
                let Ok(controller) = AbortController::new() else {
                    continue;
                };
                let flight = InFlight::start(0, id, &request, &values, &conn, page_is_https(), DEFAULT_BYTE_CAP);
                let (ex, _) = net::run_exchange(flight, &request, &controller, LIST_TIMEOUT_MS, lang).await;
                let n = ex.rendered.models.len();
                found.notes.push(if ex.diagnosis.category == Category::Success {
                    lang.pick_owned(&format!("{name}: {n} models"), &format!("{name}：{n} 个模型"))
                } else {
                    format!("{name}: {}", ex.diagnosis.headline)
                });
                for m in ex.rendered.models.iter() {
                    if !found.models.contains(m) {
                        found.models.push(m.clone());
                    }
                }
            }
            chosen.set(found.models.iter().cloned().collect());
            lists.set(Some(found));
            reading.set(false);
        });
    };

    // Starts what the scan hands out, until it is finished or stopped.
    let pump = move || {
        let owner = settings.book.with_untracked(|b| b.active().id);
        spawn_local(async move {
            loop {
                let at_ms = net::now_ms().max(0.0) as u64;
                now.set(at_ms);
                let starts = scan
                    .try_update(|s| s.as_mut().map(|s| s.next(at_ms)))
                    .flatten()
                    .unwrap_or_default();
                for at in starts {
                    try_one(at, scan, controllers, settings, options.get_untracked().stream);
                }
                if scan.with_untracked(|s| s.as_ref().is_none_or(Scan::finished)) {
                    running.set(false);
                    // Kept with the connection it ran for (not one switched to meanwhile).
                    let still_its = settings.book.with_untracked(|b| b.active().id) == owner;
                    if let Some(text) =
                        scan.with_untracked(|s| s.as_ref().filter(|_| still_its).map(|s| encode_rows(s.rows())))
                    {
                        storage::save_scan(owner, &text);
                    }
                    break;
                }
                net::sleep_ms(PUMP_EVERY_MS).await;
            }
        });
    };
    let start = move || {
        let Some(list) = lists.get_untracked() else { return };
        let picked: Vec<String> =
            chosen.with_untracked(|c| list.models.iter().filter(|m| c.contains(*m)).cloned().collect());
        scan.set(Some(Scan::new(&picked, options.get_untracked())));
        running.set(true);
        pump();
    };

    let to_try = move || {
        lists.with(|l| {
            l.as_ref().map_or(0, |l| {
                chosen.with(|c| l.models.iter().filter(|m| c.contains(*m)).count())
            })
        })
    };
    let picker = move || {
        lists.get().map(|l| {
            let models = l.models.clone();
            let all = models.clone();
            view! {
                <ul class="scan-notes">{l.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <div class="scan-pick-head">
                    <input
                        type="text"
                        class="scan-filter"
                        aria-label=tr("Filter models", "筛选模型")
                        placeholder=move || settings.lang.get().pick("Filter models…", "筛选模型…")
                        prop:value=move || pick_filter.get()
                        on:input=move |ev| pick_filter.set(event_target_value(&ev))
                    />
                    <Button kind=ButtonKind::Small on_click=move || {
                        let needle = pick_filter.get_untracked().to_lowercase();
                        chosen.update(|c| c.extend(all.iter().filter(|m| m.to_lowercase().contains(&needle)).cloned()));
                    }>{tr("Choose shown", "选择显示的")}</Button>
                    <Button kind=ButtonKind::Small on_click=move || {
                        let needle = pick_filter.get_untracked().to_lowercase();
                        chosen.update(|c| c.retain(|m| !m.to_lowercase().contains(&needle)));
                    }>{tr("Clear shown", "取消显示的")}</Button>
                </div>
                <ul class="scan-models" aria-label=tr("Models to try", "要尝试的模型")>
                    {models.into_iter().map(|m| {
                        let shown = m.clone();
                        let key = m.clone();
                        let toggled = m.clone();
                        let visible = move || pick_filter.with(|f| shown.to_lowercase().contains(&f.to_lowercase()));
                        view! {
                            <li class:scan-hidden=move || !visible()>
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-model=m.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&key))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                if on { c.insert(toggled.clone()); } else { c.remove(&toggled); }
                                            });
                                        }
                                    />
                                    {m}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    };

    let status = move || {
        scan.with(|s| {
            s.as_ref().map(|s| {
                let lang = settings.lang.get();
                let (done, planned) = s.progress();
                let works = s
                    .rows()
                    .iter()
                    .filter(|r| matches!(&r.state, RowState::Done(o) if o.works()))
                    .count();
                let fails = s
                    .rows()
                    .iter()
                    .filter(|r| matches!(&r.state, RowState::Done(o) if !o.works()))
                    .count();
                let mut line = lang.pick_owned(
                    &format!("Tried {done} of {planned}: {works} work, {fails} fail."),
                    &format!("已尝试 {done} / {planned}：{works} 个可用，{fails} 个失败。"),
                );
                if let Some(until) = s.paused_until(now.get()) {
                    let secs = until.saturating_sub(now.get()).div_ceil(1000);
                    line.push(' ');
                    line.push_str(&lang.pick_owned(
                        &format!("Paused {secs} s after a rate limit (429); the model is tried again after the pause."),
                        &format!("遇到限流（429），暂停 {secs} 秒；暂停后重试该模型。"),
                    ));
                } else if s.stopped() && !s.finished() {
                    line.push(' ');
                    line.push_str(lang.pick("Stopping…", "正在停止…"));
                } else if s.stopped() {
                    line.push(' ');
                    line.push_str(lang.pick("Stopped.", "已停止。"));
                } else if s.finished() {
                    line.push(' ');
                    line.push_str(lang.pick("Done.", "完成。"));
                }
                line
            })
        })
    };

    let sort_button = move |key: SortKey, label: (&'static str, &'static str)| {
        view! {
            <th scope="col" aria-sort=move || match sort.get() { (k, false) if k == key => "ascending", (k, true) if k == key => "descending", _ => "none" }>
                <button type="button" class="scan-sort" on:click=move |_| sort.update(|(k, d)| { if *k == key { *d = !*d } else { *k = key; *d = false } })>
                    {tr(label.0, label.1)}
                </button>
            </th>
        }
    };
    let table = move || {
        scan.with(|s| {
            s.as_ref().map(|s| {
                let lang = settings.lang.get();
                let (key, descending) = sort.get();
                let order = view_order(s.rows(), key, descending, &table_filter.get(), lang);
                let rows = s.rows();
                order
                    .into_iter()
                    .map(|at| {
                        let r = &rows[at];
                        let (category, latency, first, id) = match &r.state {
                            RowState::Done(o) => (
                                o.category.as_str().to_string(),
                                format!("{} ms", o.latency_ms),
                                o.first_token_ms.map(|t| format!("{t} ms")).unwrap_or_default(),
                                o.request_id.clone().unwrap_or_default(),
                            ),
                            RowState::Trying | RowState::Waiting | RowState::RetryingAfterLimit => ("pending".to_string(), String::new(), String::new(), String::new()),
                            RowState::Skipped(reason) => (format!("skipped-{}", reason.as_str()), String::new(), String::new(), String::new()),
                        };
                        view! {
                            <tr data-model=r.model.clone() data-category=category.clone()>
                                <td class="mono">{r.model.clone()}</td>
                                <td>{r.protocol.map(|p| p.title(lang)).unwrap_or("—")}</td>
                                <td class=format!("scan-result scan-result--{}", if category == "success" { "ok" } else if category.starts_with("skipped") || category == "pending" { "none" } else { "bad" })>{result_text(r, lang)}</td>
                                <td class="mono">{latency}</td>
                                <td class="mono">{first}</td>
                                <td class="mono">{id}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let exports = move || scan.with(|s| s.as_ref().map(|s| (to_csv(s.rows()), to_markdown(s.rows()))));

    move || {
        layout.scan_open.get().then(|| {
            view! {
                <section class="panel key-scan" aria-label=tr("Key capability scan", "密钥能力扫描")>
                    <div class="support-report-head">
                        <h2>{tr("What can this key do?", "这个密钥能做什么？")}</h2>
                        <Button kind=ButtonKind::Ghost aria_label=crate::ui::tr_signal("Close the scan", "关闭扫描") on_click=move || layout.scan_open.set(false)>"✕"</Button>
                    </div>
                    <p class="muted support-report-note">
                        {tr(
                            "A listed model can still fail (no channel, no price, the wrong group, the provider down). The scan reads the model lists, then sends each chosen model the smallest valid request of its protocol, with the key of the connection in use, to its gateway only.",
                            "列表中的模型仍可能失败（没有渠道、没有定价、分组不对、服务商故障）。扫描先读取模型列表，再用当前连接的密钥，只向其网关为每个选中的模型发送该协议最小的有效请求。",
                        )}
                    </p>
                    <div class="button-row">
                        <Button
                            kind=ButtonKind::Plain
                            disabled=Signal::derive(move || reading.get() || in_progress() || settings.conn.with(|c| c.api_key.trim().is_empty()))
                            on_click=read_lists
                        >
                            {tr_with(move |lang| if reading.get() { lang.pick("Reading the model lists…", "正在读取模型列表…") } else { lang.pick("Read the model lists", "读取模型列表") })}
                        </Button>
                    </div>
                    {picker}
                    {move || lists.with(Option::is_some).then(|| view! {
                        <div class="scan-options">
                            <label>
                                {tr("At most", "最多尝试")}
                                " "
                                <input type="number" min="1" max="500" class="scan-number" aria-label=tr("Most models to try", "最多尝试的模型数")
                                    prop:value=move || options.get().cap.to_string()
                                    on:input=move |ev| { if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() { options.update(|o| o.cap = n.clamp(1, 500)) } } />
                            </label>
                            <label>
                                {tr("At once", "并发数")}
                                " "
                                <select aria-label=tr("Tries at once", "同时尝试数") on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<usize>() { options.update(|o| o.concurrency = n) } }
                                    prop:value=move || options.get().concurrency.to_string()>
                                    {(1..=MAX_CONCURRENCY).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                </select>
                            </label>
                            <label class="check"><input type="checkbox" prop:checked=move || options.get().stream on:change=move |ev| { let on = event_target_checked(&ev); options.update(|o| o.stream = on) } />{tr("Stream (times the first token)", "流式（测量首个 token 时间）")}</label>
                            <label class="check"><input type="checkbox" prop:checked=move || options.get().include_images on:change=move |ev| { let on = event_target_checked(&ev); options.update(|o| o.include_images = on) } />{tr("Try image models too (costs more)", "也尝试图像模型（费用更高）")}</label>
                        </div>
                        <p class="note scan-warning" role="note">
                            {tr_with(move |lang| {
                                let n = to_try().min(options.get().cap);
                                lang.pick_owned(
                                    &format!("{n} models chosen to try: each try is a billed call (up to {} output tokens, or one image).", routescope_core::scan::TRY_MAX_TOKENS),
                                    &format!("已选择尝试 {n} 个模型：每次尝试都是一次计费调用（最多 {} 个输出 token，或一张图像）。", routescope_core::scan::TRY_MAX_TOKENS),
                                )
                            })}
                        </p>
                        <details class="scan-preview">
                            <summary>{tr("The cheapest request of each protocol", "各协议最便宜的请求")}</summary>
                            {ScanProtocol::ALL.into_iter().map(|p| view! {
                                <p class="muted">{move || p.title(settings.lang.get())}</p>
                                <pre class="code">{smallest_body(p, "MODEL", false)}</pre>
                            }).collect_view()}
                        </details>
                        <div class="button-row">
                            <Button kind=ButtonKind::Primary disabled=Signal::derive(move || in_progress() || to_try() == 0) on_click=start>{tr("Start the scan", "开始扫描")}</Button>
                            <Button disabled=Signal::derive(move || !in_progress() || scan.with(|s| s.as_ref().is_some_and(Scan::stopped))) on_click=stop>{tr("Stop", "停止")}</Button>
                        </div>
                    })}
                    {move || status().map(|line| view! { <p class="scan-status" role="status" aria-label=tr("Scan progress", "扫描进度")>{line}</p> })}
                    {move || scan.with(Option::is_some).then(|| view! {
                        <div class="scan-table-head">
                            <input type="text" class="scan-filter" aria-label=tr("Filter results", "筛选结果") placeholder=move || settings.lang.get().pick("Filter results…", "筛选结果…")
                                prop:value=move || table_filter.get() on:input=move |ev| table_filter.set(event_target_value(&ev)) />
                            {move || exports().map(|(csv, md)| {
                                let md_copy = md.clone();
                                view! {
                                    <Button kind=ButtonKind::Small on_click=move || download_text(&csv, "routescope-key-scan.csv")>{tr("Download CSV", "下载 CSV")}</Button>
                                    <Button kind=ButtonKind::Small on_click=move || download_text(&md, "routescope-key-scan.md")>{tr("Download Markdown", "下载 Markdown")}</Button>
                                    <CopyButton text=Signal::derive(move || md_copy.clone()) label=tr_with(|lang: Lang| lang.pick("Copy Markdown", "复制 Markdown").to_string()) />
                                }
                            })}
                        </div>
                        <div class="scan-table-wrap">
                            <table class="scan-table" aria-label=tr("Scan results", "扫描结果")>
                                <thead><tr>
                                    {sort_button(SortKey::Model, ("Model", "模型"))}
                                    {sort_button(SortKey::Protocol, ("Protocol tried", "尝试的协议"))}
                                    {sort_button(SortKey::Result, ("Result", "结果"))}
                                    {sort_button(SortKey::Latency, ("Latency", "延迟"))}
                                    <th scope="col">{tr("First token", "首个 token")}</th>
                                    <th scope="col">{tr("Request id", "请求 ID")}</th>
                                </tr></thead>
                                <tbody>{table}</tbody>
                            </table>
                        </div>
                    })}
                </section>
            }
        })
    }
}

/// A connection's last results as kept in storage.
fn stored_scan(connection: u32) -> Option<Scan> {
    let rows = decode_rows(&storage::load_scan(connection)?);
    (!rows.is_empty()).then(|| Scan::restored(rows))
}

/// Sends one try and records its outcome (or, after Stop, that it was not tried).
fn try_one(
    at: usize,
    scan: RwSignal<Option<Scan>>,
    controllers: StoredValue<Vec<(usize, AbortController)>, leptos::prelude::LocalStorage>,
    settings: crate::state::Settings,
    stream: bool,
) {
    let Some((model, protocol)) = scan.with_untracked(|s| {
        s.as_ref()
            .and_then(|s| s.rows().get(at).and_then(|r| r.protocol.map(|p| (r.model.clone(), p))))
    }) else {
        return;
    };
    let conn = settings.conn.get_untracked();
    let lang = settings.lang.get_untracked();
    spawn_local(async move {
        let outcome = match (
            smallest_request(&conn, &model, protocol, stream),
            AbortController::new(),
        ) {
            (Ok((request, values)), Ok(controller)) => {
                controllers.update_value(|live| live.push((at, controller.clone())));
                let flight = InFlight::start(
                    0,
                    protocol.endpoint(),
                    &request,
                    &values,
                    &conn,
                    page_is_https(),
                    DEFAULT_BYTE_CAP,
                );
                let (ex, elapsed) = net::run_exchange(flight, &request, &controller, TRY_TIMEOUT_MS, lang).await;
                controllers.update_value(|live| live.retain(|(k, _)| *k != at));
                TryOutcome::of(&ex, elapsed)
            }
            (Err(why), _) => TryOutcome {
                category: Category::ParameterError,
                headline: why,
                request_id: None,
                latency_ms: 0,
                first_token_ms: None,
                retry_after_secs: None,
            },
            (_, Err(_)) => return,
        };
        let at_ms = net::now_ms().max(0.0) as u64;
        scan.update(|s| {
            if let Some(s) = s {
                // A try Stop aborted was not tried; one that had its answer keeps it.
                if s.stopped() && outcome.category == Category::Cancelled {
                    s.abandon(at);
                } else {
                    s.record(at, outcome, at_ms);
                }
            }
        });
    });
}
