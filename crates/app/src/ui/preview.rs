//! The exact request that will be sent, the raw-body editor, and the curl export.

use leptos::prelude::*;

use crate::state::{use_state, AppState};
use crate::ui::findings::{AllFindings, FieldFindings};
use crate::ui::tr;
use routescope_core::export::curl::{to_curl, KeyExposure, KEY_VAR};
use routescope_core::export::snippets::{sdk_used, snippet, SnippetKind};
use routescope_core::request::build::{check_json, FieldError};
use routescope_core::request::catalogue::BodyKind;
use routescope_core::request::catalogue::Origin;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::http::{Body, PartValue};
use routescope_core::text::lang::Lang;
use routescope_core::text::redact::redact;

/// Copies text to the clipboard; the label says whether it worked.
#[component]
pub fn CopyButton(text: Signal<String>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let state = use_state();
    let (done, set_done) = signal(None::<bool>);
    view! {
        <button
            type="button"
            class="btn btn--small"
            on:click=move |_| {
                let value = text.get_untracked();
                let Some(window) = web_sys::window() else { return };
                let promise = window.navigator().clipboard().write_text(&value);
                leptos::task::spawn_local(async move {
                    let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    set_done.set(Some(ok));
                });
            }
        >
            {move || match done.get() {
                Some(true) => state.lang.get().pick("Copied", "已复制").to_string(),
                Some(false) => state.lang.get().pick("Copy failed: select and copy", "复制失败：请手动选择复制").to_string(),
                None => label.get(),
            }}
        </button>
    }
}

/// The request preview: method, URL, headers and body, key masked unless revealed.
#[component]
pub fn RequestPreview() -> impl IntoView {
    let state = use_state();
    let shown = move |text: &str| {
        if state.reveal_key.get() {
            text.to_string()
        } else {
            state.conn.with(|c| redact(text, &c.api_key))
        }
    };
    let request_line = move || {
        state.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| format!("{} {}", r.method.as_str(), shown(&r.url)))
                .unwrap_or_else(|| {
                    state
                        .lang
                        .get()
                        .pick(
                            "The address cannot be formed yet: see the settings.",
                            "还无法组成地址：请检查设置。",
                        )
                        .to_string()
                })
        })
    };
    let headers = move || {
        state.built.with(|b| {
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
        state.built.with(|b| match b.request.as_ref().map(|r| &r.body) {
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
            _ => "(no body)".to_string(),
        })
    };
    let curl = Signal::derive(move || {
        let exposure = if state.reveal_key.get() {
            KeyExposure::Revealed
        } else {
            KeyExposure::FromEnv
        };
        state.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| state.conn.with(|c| to_curl(r, &c.api_key, exposure)))
                .unwrap_or_default()
        })
    });
    // A link to this request: the page address plus the fragment, never the key.
    let link = Signal::derive(move || {
        let page = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or("").to_string())
            .unwrap_or_default();
        format!("{page}#{}", state.link_fragment())
    });
    let raw_editing = Memo::new(move |_| state.raw_bodies.with(|r| r.contains_key(&state.endpoint.get())));
    let blocking = move || {
        state.built.with(|b| {
            b.errors
                .iter()
                .map(|e: &FieldError| e.message.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel preview" aria-label="Request preview">
            <div class="panel-head">
                <div class="preview-title">
                    <h2>{tr("What will be sent", "将要发送的请求")}</h2>
                    <CopyButton text=link label=Signal::derive(move || tr_string(state, "Copy link to this request", "复制此请求的链接")) />
                </div>
                {move || (!blocking().is_empty()).then(|| view! {
                    <ul class="blocking" aria-label="Problems that block sending">
                        {blocking().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                })}
            </div>
            <AllFindings />
            <FieldFindings field=FieldRef::Body />
            <pre class="code request-line" aria-label="Request line">{request_line}</pre>
            <pre class="code" aria-label="Request headers">{headers}</pre>
            <RawBodyEditor />
            {move || (!raw_editing.get()).then(|| view! {
                <pre class="code body-preview" aria-label="Request body">{body}</pre>
            })}
            <ExportTabs curl=curl />
        </section>
    }
}

/// The escape hatch: edit the JSON body by hand. Invalid JSON disables Send and says
/// where the error is; nothing typed is thrown away.
#[component]
fn RawBodyEditor() -> impl IntoView {
    let state = use_state();
    // A Memo, so typing in the editor (which changes raw_bodies) does not re-create it.
    let editing = Memo::new(move |_| state.raw_bodies.with(|r| r.contains_key(&state.endpoint.get())));
    let raw = move || {
        state
            .raw_bodies
            .with(|r| r.get(&state.endpoint.get()).cloned().unwrap_or_default())
    };
    let error = Memo::new(move |_| {
        let id = state.endpoint.get();
        state.raw_bodies.with(|r| r.get(&id).and_then(|t| check_json(t).err()))
    });
    move || {
        (state.current().body == BodyKind::Json).then(|| {
            view! {
                <div class="raw-body">
                    <div class="raw-body-head">
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || editing.get()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = state.endpoint.get_untracked();
                                    if on {
                                        let generated = state.built.with_untracked(|b| match b.request.as_ref().map(|r| &r.body) {
                                            Some(Body::Json(t)) => t.clone(),
                                            _ => "{}".to_string(),
                                        });
                                        state.raw_bodies.update(|r| { r.insert(id, generated); });
                                    } else {
                                        state.raw_bodies.update(|r| { r.remove(&id); });
                                    }
                                }
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
                            aria-label="Raw JSON body"
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=raw
                            on:input=move |ev| state.set_raw_body(event_target_value(&ev))
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

/// curl and SDK snippets for the request on screen, key masked unless revealed.
#[component]
fn ExportTabs(curl: Signal<String>) -> impl IntoView {
    let state = use_state();
    let (tab, set_tab) = signal(ExportTab::Curl);
    let text = Signal::derive(move || match tab.get() {
        ExportTab::Curl => curl.get(),
        ExportTab::Snippet(kind) => {
            let exposure = if state.reveal_key.get() {
                KeyExposure::Revealed
            } else {
                KeyExposure::FromEnv
            };
            let ep = state.current();
            state.built.with(|b| {
                b.request
                    .as_ref()
                    .map(|r| {
                        state.conn.with(|c| {
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
        ExportTab::Snippet(kind) => state.built.with(|b| {
            b.request
                .as_ref()
                .map(|r| sdk_used(kind, state.current(), r).to_string())
                .unwrap_or_default()
        }),
    };
    let tabs = std::iter::once(ExportTab::Curl).chain(SnippetKind::ALL.into_iter().map(ExportTab::Snippet));
    view! {
        <div class="export">
            <div class="export-head">
                <div class="tabs" role="tablist" aria-label="Export as">
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
                    {move || {
                        let key_note = if state.reveal_key.get() {
                            state.lang.get().pick("The key is written out: you revealed it.", "密钥已明文写出：你选择了显示密钥。").to_string()
                        } else {
                            match state.lang.get() { Lang::En => format!("The key is read from ${KEY_VAR}."), Lang::Zh => format!("密钥从环境变量 ${KEY_VAR} 读取。") }
                        };
                        match state.lang.get() { Lang::En => format!("Uses {}. {key_note}", uses()), Lang::Zh => format!("使用 {}。{key_note}", uses()) }
                    }}
                </span>
                <CopyButton text=text label=Signal::derive(move || tr_string(state, "Copy", "复制")) />
            </div>
            <pre class="code" aria-label="Export" data-export=move || match tab.get() { ExportTab::Curl => "curl", ExportTab::Snippet(k) => k.as_str() }>
                {move || text.get()}
            </pre>
        </div>
    }
}

/// Text in the chosen language as an owned string (for props that take a `Signal<String>`).
pub fn tr_string(state: AppState, en: &'static str, zh: &'static str) -> String {
    state.lang.get().pick(en, zh).to_string()
}
