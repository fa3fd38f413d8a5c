//! The exact request that will be sent, the raw-body editor, and the curl export.

use leptos::prelude::*;

use crate::state::{link_fragment, use_drafts, use_settings};
use crate::ui::chunks::use_chunks;
use crate::ui::findings::{AllFindings, FieldFindings};
use crate::ui::widgets::CopyButton;
use crate::ui::{tr, tr_with};
use routescope_core::export::curl::{to_curl, KeyExposure, KEY_VAR};
use routescope_core::export::snippets::{sdk_used, snippet, SnippetKind};
use routescope_core::request::build::{check_json, FieldError};
use routescope_core::request::catalogue::BodyKind;
use routescope_core::request::catalogue::Origin;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::http::{Body, PartValue};
use routescope_core::text::redact::redact;

/// The request preview: method, URL, headers and body, key masked unless revealed.
#[component]
pub fn RequestPreview() -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    let no_body = tr("(no body)", "（无请求体）");
    let shown = move |text: &str| {
        if settings.reveal_key.get() {
            text.to_string()
        } else {
            settings.conn.with(|c| redact(text, &c.api_key))
        }
    };
    let request_line = tr_with(move |lang| {
        drafts.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| format!("{} {}", r.method.as_str(), shown(&r.url)))
                .unwrap_or_else(|| {
                    lang.pick(
                        "The address cannot be formed yet: see the settings.",
                        "还无法组成地址：请检查设置。",
                    )
                    .to_string()
                })
        })
    });
    let headers = move || {
        drafts.built.with(|b| {
            let mut lines: Vec<String> = b
                .request
                .as_ref()
                .map(|r| {
                    r.headers
                        .iter()
                        .map(|h| format!("{}: {}", h.name, shown(&h.value)))
                        .collect()
                })
                .unwrap_or_default();
            if b.request.as_ref().is_some_and(|r| matches!(r.body, Body::Multipart(_))) {
                lines.push("Content-Type: multipart/form-data; boundary=… (set by the browser)".to_string());
            }
            lines.join("\n")
        })
    };
    let body = move || {
        drafts.built.with(|b| match b.request.as_ref().map(|r| &r.body) {
            Some(Body::Json(text)) => shown(text),
            Some(Body::Multipart(parts)) => parts
                .iter()
                .map(|p| match &p.value {
                    PartValue::Text(t) => format!("{}: {}", p.name, t),
                    PartValue::File(f) => format!(
                        "{}: <file {} · {} · {} bytes>",
                        p.name,
                        f.name,
                        f.effective_mime(),
                        f.size
                    ),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => no_body().to_string(),
        })
    };
    // A link to this request: the page address plus the fragment, never the key.
    let link = Signal::derive(move || {
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or("").to_string())
            .unwrap_or_default();
        format!("{page}#{}", link_fragment(settings, drafts))
    });
    let raw_editing = drafts.raw_editing();
    let tools = use_chunks().tools;
    let copy_link_label = tr("Copy link to this request", "复制此请求的链接");
    let blocking = move || {
        drafts.built.with(|b| {
            b.errors
                .iter()
                .map(|e: &FieldError| e.message.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel preview" aria-label=tr("Request preview", "请求预览")>
            <div class="panel-head">
                <div class="preview-title">
                    <h2>{tr("What will be sent", "将要发送的请求")}</h2>
                    <CopyButton text=link label=Signal::derive(move || copy_link_label().to_string()) />
                </div>
                {move || (!blocking().is_empty()).then(|| view! {
                    <ul class="blocking" aria-label=tr("Problems that block sending", "阻止发送的问题")>
                        {blocking().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                })}
            </div>
            <AllFindings />
            <FieldFindings field=FieldRef::Body />
            <pre class="code request-line" aria-label=tr("Request line", "请求行")>{request_line}</pre>
            <pre class="code" aria-label=tr("Request headers", "请求头")>{headers}</pre>
            // The raw-body editor comes with the tools chunk (with the code that keeps the form
            // and the JSON in step); until it is here, the body is shown as built.
            {move || tools.code().map(|code| (code.raw_body_editor)())}
            {move || (!raw_editing.get() || tools.code().is_none()).then(|| view! {
                <pre class="code body-preview" aria-label=tr("Request body", "请求体")>{body}</pre>
            })}
            {tools.view(move |code| (code.export_tabs)())}
        </section>
    }
}

/// The raw-body editor (part of the tools chunk).
pub(crate) fn raw_body_editor() -> AnyView {
    view! { <RawBodyEditor /> }.into_any()
}

/// The escape hatch: edit the JSON body by hand. Invalid JSON disables Send and says
/// where the error is; nothing typed is thrown away.
#[component]
fn RawBodyEditor() -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    // A Memo, so typing in the editor (which changes the raw body) does not re-create it.
    let editing = drafts.raw_editing();
    let raw = drafts.raw_body();
    let error = Memo::new(move |_| editing.get().then(|| raw.with(|t| check_json(t).err())).flatten());
    move || {
        (settings.current().body == BodyKind::Json).then(|| {
            view! {
                <div class="raw-body">
                    <div class="raw-body-head">
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || editing.get()
                                on:change=move |ev| drafts.set_raw_editing(event_target_checked(&ev))
                            />
                            {tr("Edit the body as raw JSON", "以原始 JSON 编辑请求体")}
                        </label>
                        {move || editing.get().then(|| view! { <span class="muted">{tr("The form and this JSON stay in step; keys the form does not know are kept. Untick to go back to the form's body.", "表单与此 JSON 保持同步；表单不认识的字段会保留。取消勾选即回到表单生成的请求体。")}</span> })}
                    </div>
                    {move || editing.get().then(|| view! {
                        <textarea
                            class="mono raw-body-text"
                            rows="12"
                            spellcheck="false"
                            aria-label=tr("Raw JSON body", "原始 JSON 请求体")
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=move || raw.get()
                            on:input=move |ev| drafts.set_raw_body(event_target_value(&ev))
                        ></textarea>
                        <p class="field-error" role="status">{move || error.get().unwrap_or_default()}</p>
                    })}
                </div>
            }
        })
    }
}

/// One export tab: curl or a snippet kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ExportTab {
    Curl,
    Snippet(SnippetKind),
}

/// The export tabs (part of the tools chunk, with the curl writer).
pub(crate) fn export_tabs() -> AnyView {
    view! { <ExportTabs /> }.into_any()
}

/// curl and SDK snippets for the request on screen, key masked unless revealed.
#[component]
fn ExportTabs() -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    let curl = Signal::derive(move || {
        let exposure = if settings.reveal_key.get() {
            KeyExposure::Revealed
        } else {
            KeyExposure::FromEnv
        };
        drafts.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| settings.conn.with(|c| to_curl(r, &c.api_key, exposure)))
                .unwrap_or_default()
        })
    });
    let (tab, set_tab) = signal(ExportTab::Curl);
    let copy_label = tr("Copy", "复制");
    let text = Signal::derive(move || match tab.get() {
        ExportTab::Curl => curl.get(),
        ExportTab::Snippet(kind) => {
            let exposure = if settings.reveal_key.get() {
                KeyExposure::Revealed
            } else {
                KeyExposure::FromEnv
            };
            let ep = settings.current();
            drafts.built.with(|b| {
                b.request
                    .as_ref()
                    .map(|r| {
                        settings.conn.with(|c| {
                            let base = match ep.origin {
                                Origin::Gateway => &c.gateway,
                                Origin::SelfService => &c.self_service,
                            };
                            snippet(kind, ep, r, base, &c.api_key, exposure)
                        })
                    })
                    .unwrap_or_default()
            })
        }
    });
    let uses = move || match tab.get() {
        ExportTab::Curl => "curl".to_string(),
        ExportTab::Snippet(kind) => drafts.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| sdk_used(kind, settings.current(), r).to_string())
                .unwrap_or_default()
        }),
    };
    let tabs = std::iter::once(ExportTab::Curl).chain(SnippetKind::ALL.into_iter().map(ExportTab::Snippet));
    view! {
        <div class="export">
            <div class="export-head">
                <div class="tabs" role="tablist" aria-label=tr("Export as", "导出为")>
                    {tabs
                        .map(|t| {
                            let label = match t {
                                ExportTab::Curl => "curl",
                                ExportTab::Snippet(k) => k.label(),
                            };
                            view! {
                                <button type="button" role="tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| set_tab.set(t)>
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <span class="muted export-note">
                    {tr_with(move |lang| {
                        let key_note = if settings.reveal_key.get() {
                            lang.pick("The key is written out: you revealed it.", "密钥已明文写出：你选择了显示密钥。").to_string()
                        } else {
                            lang.pick_owned(&format!("The key is read from ${KEY_VAR}."), &format!("密钥从环境变量 ${KEY_VAR} 读取。"))
                        };
                        lang.pick_owned(&format!("Uses {}. {key_note}", uses()), &format!("使用 {}。{key_note}", uses()))
                    })}
                </span>
                <CopyButton text=text label=Signal::derive(move || copy_label().to_string()) />
            </div>
            <pre class="code" aria-label=tr("Export", "导出") data-export=move || match tab.get() { ExportTab::Curl => "curl", ExportTab::Snippet(k) => k.as_str() }>
                {move || text.get()}
            </pre>
        </div>
    }
}
