//! The support report: one click from any exchange to the Markdown support asks for,
//! previewed before it is copied or downloaded, optionally with the same request aimed at
//! the provider's own API. The core writes it (and keeps every secret out of it); this
//! panel only gathers the inputs and shows the text.

use leptos::prelude::*;

use crate::state::{use_drafts, use_session, use_settings, Phase};
use crate::ui::response::{download_har, sent_request};
use crate::ui::widgets::{download_text, Button, ButtonKind, CopyButton};
use crate::ui::{tr, tr_with};
use routescope_core::export::report::{provider_default, provider_request, support_report, ReportInput};
use routescope_core::request::catalogue::endpoint;

/// "Support report" under the response: closed until asked for, then the preview and its
/// copy, Markdown and HAR downloads.
#[component]
pub fn SupportReport() -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let open = RwSignal::new(false);
    let with_provider = RwSignal::new(false);
    let provider_base = RwSignal::new(String::new());
    let provider_model = RwSignal::new(String::new());
    let exchange = Memo::new(move |_| match session.phase.get() {
        Phase::Done(ex) => Some(ex),
        _ => None,
    });
    // A new exchange starts closed, with the provider defaults of its endpoint.
    Effect::new(move |_| {
        if let Some(ex) = exchange.get() {
            open.set(false);
            with_provider.set(false);
            let ep = endpoint(ex.endpoint);
            provider_base.set(
                provider_default(ep)
                    .map(|(base, _)| base.to_string())
                    .unwrap_or_default(),
            );
            provider_model.set(ex.model.clone().unwrap_or_default());
        }
    });
    // The report text, or why it cannot be made.
    let report = Memo::new(move |_| {
        if !open.get() {
            return Ok(String::new());
        }
        let Some(ex) = exchange.get() else {
            return Ok(String::new());
        };
        let Some(sent) = sent_request(&ex, settings, drafts, session) else {
            return Err(settings.lang.get().pick_owned(
                "The request behind this answer can no longer be rebuilt.",
                "无法再重建这次回答对应的请求。",
            ));
        };
        let ep = endpoint(ex.endpoint);
        let provider = if with_provider.get() {
            match provider_request(
                ep,
                &sent.values,
                sent.raw_body.as_deref(),
                &provider_base.get(),
                &provider_model.get(),
            ) {
                Ok(request) => Some(request),
                Err(why) => return Err(why),
            }
        } else {
            None
        };
        let key = settings.conn.with(|c| c.api_key.clone());
        let now = js_sys::Date::new_0();
        Ok(support_report(&ReportInput {
            exchange: &ex,
            request: &sent.request,
            key: &key,
            version: env!("CARGO_PKG_VERSION"),
            now_ms: now.get_time().max(0.0) as u64,
            // getTimezoneOffset counts minutes west of UTC.
            offset_minutes: -(now.get_timezone_offset() as i32),
            provider: provider.as_ref(),
        }))
    });
    let has_provider = move || {
        exchange.with(|ex| {
            ex.as_ref()
                .is_some_and(|ex| provider_default(endpoint(ex.endpoint)).is_some())
        })
    };
    move || {
        exchange.get().map(|ex| {
            let serial = ex.serial;
            view! {
                <section class="panel support-report" aria-label=tr("Support report", "支持报告")>
                    <div class="support-report-head">
                        <h2>{tr("Support report", "支持报告")}</h2>
                        <Button kind=ButtonKind::Small on_click=move || open.update(|o| *o = !*o)>
                            {tr_with(move |lang| if open.get() { lang.pick("Close the report", "关闭报告") } else { lang.pick("Make a support report", "生成支持报告") })}
                        </Button>
                    </div>
                    <p class="muted support-report-note">
                        {tr(
                            "The request, the response, the request id, the time and the diagnosis, as support asks for them; the key shows only its first and last characters.",
                            "按支持人员需要的格式整理请求、响应、请求 ID、时间和诊断；密钥只显示首尾几个字符。",
                        )}
                    </p>
                    {move || open.get().then(|| { let ex = ex.clone(); view! {
                        {move || has_provider().then(|| view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || with_provider.get() on:change=move |ev| with_provider.set(event_target_checked(&ev)) />
                                {tr("Add the same request sent straight to the provider (A/B)", "附上直接发往服务商的同一请求（A/B 对比）")}
                            </label>
                        })}
                        {move || with_provider.get().then(|| view! {
                            <div class="address-prompt">
                                <label for="provider-base">{tr("Provider base URL", "服务商基础地址")}</label>
                                <input id="provider-base" type="url" spellcheck="false" prop:value=move || provider_base.get() on:input=move |ev| provider_base.set(event_target_value(&ev)) />
                                <label for="provider-model">{tr("Provider's model id", "服务商的模型 ID")}</label>
                                <input id="provider-model" type="text" spellcheck="false" prop:value=move || provider_model.get() on:input=move |ev| provider_model.set(event_target_value(&ev)) />
                            </div>
                        })}
                        {move || match report.get() {
                            Ok(text) => {
                                let copied = text.clone();
                                let saved = text.clone();
                                view! {
                                    <pre class="code support-report-text" aria-label=tr("Report preview", "报告预览")>{text}</pre>
                                    <div class="button-row">
                                        <CopyButton text=Signal::derive(move || copied.clone()) label=tr_with(|lang| lang.pick("Copy report", "复制报告").to_string()) />
                                        <Button kind=ButtonKind::Small on_click=move || download_text(&saved, &format!("routescope-report-{serial}.md"))>{tr("Download .md", "下载 .md")}</Button>
                                        <Button kind=ButtonKind::Small on_click={
                                            let ex = ex.clone();
                                            move || download_har(&ex, settings, drafts, session)
                                        }>{tr("Download HAR", "下载 HAR")}</Button>
                                    </div>
                                }
                                .into_any()
                            }
                            Err(why) => view! { <p class="field-error" role="alert">{why}</p> }.into_any(),
                        }}
                    }})}
                </section>
            }
        })
    }
}
