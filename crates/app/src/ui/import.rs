//! Import: a curl command, a `fetch(…)` call or a raw HTTP request pasted into one box (or
//! into an address field) opens its endpoint with the form filled. The core reads and
//! maps it; this only shows the box, the result and the offers (gateway, key, timeout)
//! the person answers.

use leptos::prelude::*;

use crate::state::{apply_import, use_drafts, use_session, use_settings};
use crate::ui::chunks::use_chunks;
use crate::ui::widgets::{Button, ButtonKind};
use crate::ui::{tr, tr_signal, tr_with};
use routescope_core::request::catalogue::endpoint;
use routescope_core::text::redact::mask_key;

/// The Import button and its box.
#[component]
pub fn ImportBox() -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let (open, set_open) = signal(false);
    let (text, set_text) = signal(String::new());
    let (error, set_error) = signal(None::<String>);
    let tools = use_chunks().tools;
    // The reader lives in the tools chunk; what was pasted stays in the box whatever
    // happens, so a failed download loses nothing and Import can simply be pressed again.
    let run = move || {
        leptos::task::spawn_local(async move {
            let lang = settings.lang.get_untracked();
            let code = match tools.get().await {
                Ok(code) => code,
                Err(_) => {
                    set_error.set(Some(lang.pick_owned(
                        "The importer could not be downloaded (offline, or the site was updated). Your text is still here: press Import to try again.",
                        "导入器未能下载（可能离线，或网站刚更新）。你的文本还在：再次点击导入即可重试。",
                    )));
                    return;
                }
            };
            match (code.import)(&text.get_untracked()) {
                Ok(imported) => {
                    apply_import(settings, drafts, session, imported);
                    set_error.set(None);
                    set_open.set(false);
                    set_text.set(String::new());
                }
                Err(e) => set_error.set(Some(e)),
            }
        })
    };
    // A command pasted into an address field lands here and is imported at once.
    Effect::new(move |_| {
        if let Some(pasted) = session.import_request.get() {
            session.import_request.set(None);
            set_text.set(pasted);
            set_open.set(true);
            run();
        }
    });
    view! {
        <div class="import">
            <Button kind=ButtonKind::Small on_click=move || set_open.update(|o| *o = !*o)>
                {tr("Import curl / fetch / HTTP", "导入 curl / fetch / HTTP")}
            </Button>
            {move || open.get().then(|| view! {
                <div class="import-box" role="group" aria-label=tr("Import", "导入")>
                    <label for="import-text">{tr("Paste a curl command (bash or cmd), a fetch(…) call or a raw HTTP request", "粘贴 curl 命令（bash 或 cmd）、fetch(…) 调用或原始 HTTP 请求")}</label>
                    <textarea
                        id="import-text"
                        rows="6"
                        spellcheck="false"
                        class="mono"
                        prop:value=text
                        on:input=move |ev| set_text.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="import-error"
                    ></textarea>
                    <p class="field-error" id="import-error" role="status">{move || error.get().unwrap_or_default()}</p>
                    <div class="button-row">
                        <Button kind=ButtonKind::Primary on_click=run>{tr("Import", "导入")}</Button>
                        <Button kind=ButtonKind::Ghost on_click=move || set_open.set(false)>{tr("Close", "关闭")}</Button>
                    </div>
                </div>
            })}
        </div>
    }
}

/// What the last import opened, what it left out, and its offers.
#[component]
pub fn ImportOfferNotice() -> impl IntoView {
    let (settings, session) = (use_settings(), use_session());
    move || {
        session.import_offer.get().map(|offer| {
            let title = endpoint(offer.endpoint).title;
            let unmapped = offer.unmapped.clone();
            let base = offer.base.clone();
            let key = offer.key.clone();
            let timeout = offer.timeout_secs;
            let clear_key = move || session.import_offer.update(|o| if let Some(o) = o { o.key = None });
            view! {
                <div class="notice notice--question" role="status" aria-label=tr("Import result", "导入结果")>
                    <p>{tr_with(move |lang| lang.pick_owned(&format!("Imported as {title}."), &format!("已导入为 {title}。")))}</p>
                    {(!unmapped.is_empty()).then(|| view! {
                        <ul aria-label=tr("Not imported", "未导入")>
                            {unmapped.iter().map(|note| view! { <li>{note.clone()}</li> }).collect_view()}
                        </ul>
                    })}
                    {base.map(|base| {
                        let shown = base.clone();
                        view! {
                            <p>
                                {tr_with(move |lang| lang.pick_owned(
                                    &format!("The command called {shown}. Your key goes only where the Gateway URL points: use this address?"),
                                    &format!("该命令调用的是 {shown}。密钥只会发往“网关地址”所指之处：要使用这个地址吗？"),
                                ))}
                                " "
                                <Button kind=ButtonKind::Small on_click=move || {
                                    let ep = endpoint(settings.endpoint.get_untracked());
                                    let base = base.clone();
                                    settings.conn.update(|c| match ep.origin {
                                        routescope_core::request::catalogue::Origin::Gateway => c.gateway = base,
                                        routescope_core::request::catalogue::Origin::SelfService => c.self_service = base,
                                    });
                                    session.import_offer.update(|o| if let Some(o) = o { o.base = None });
                                }>{tr("Use this address", "使用该地址")}</Button>
                                <Button kind=ButtonKind::Ghost on_click=move || session.import_offer.update(|o| if let Some(o) = o { o.base = None })>{tr("Keep mine", "保留我的")}</Button>
                            </p>
                        }
                    })}
                    {key.map(|found| {
                        let masked = mask_key(&found.value);
                        let style = found.style;
                        view! {
                            <p>
                                {tr_with(move |lang| lang.pick_owned(
                                    &format!("It carries a key ({masked}, sent as {}). Use it for your requests (in the connection in use)? It is kept only where that connection keeps its key.", style.title(lang)),
                                    &format!("其中带有密钥（{masked}，以 {} 发送）。要用于你的请求（当前连接）吗？它只会保存在该连接保存密钥的位置。", style.title(lang)),
                                ))}
                                " "
                                <Button kind=ButtonKind::Small on_click=move || {
                                    let value = found.value.clone();
                                    settings.conn.update(|c| {
                                        c.api_key = value;
                                        c.auth = style;
                                    });
                                    clear_key();
                                }>{tr("Use this key", "使用该密钥")}</Button>
                                <Button kind=ButtonKind::Ghost on_click=clear_key>{tr("Ignore it", "忽略")}</Button>
                            </p>
                        }
                    })}
                    {timeout.map(|secs| view! {
                        <p>
                            {tr_with(move |lang| lang.pick_owned(&format!("It set a {secs} s timeout."), &format!("它设置了 {secs} 秒超时。")))}
                            " "
                            <Button kind=ButtonKind::Small on_click=move || {
                                settings.timeout_secs.set(secs);
                                session.import_offer.update(|o| if let Some(o) = o { o.timeout_secs = None });
                            }>{tr_with(move |lang| lang.pick_owned(&format!("Use {secs} s"), &format!("使用 {secs} 秒")))}</Button>
                        </p>
                    })}
                    <Button kind=ButtonKind::Ghost aria_label=tr_signal("Dismiss", "关闭") on_click=move || session.import_offer.set(None)>"✕"</Button>
                </div>
            }
        })
    }
}
