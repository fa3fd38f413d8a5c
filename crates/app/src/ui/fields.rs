//! The request form: one input per catalogue field, rendered from its kind.

use leptos::prelude::*;

use crate::net;
use crate::state::{use_drafts, use_session, use_settings, DraftStore};
use crate::ui::findings::FieldFindings;
use crate::ui::messages::MessagesEditor;
use crate::ui::widgets::{keyed_list_of, Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::request::build::FieldError;
use routescope_core::request::catalogue::{endpoint, AuthStyle, BodyKind, FieldKind, FieldSpec, Target};
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::form::FieldValue;
use routescope_core::request::http::FileRef;
use routescope_core::request::model_picker::suggest;

/// The form of the endpoint on screen, with its title and auth choice (Send is in the
/// request bar on top of the page).
#[component]
pub fn RequestForm() -> impl IntoView {
    let settings = use_settings();
    view! {
        <section class="panel request" aria-label=tr("Request", "请求")>
            {move || {
                let ep = settings.current();
                view! {
                    <div class="panel-head">
                        <h1 class="endpoint-heading">
                            <span class=format!("method method--{}", ep.method.as_str().to_ascii_lowercase())>
                                {ep.method.as_str()}
                            </span>
                            " "
                            {ep.title}
                        </h1>
                        <p class="endpoint-summary">{tr_with(move |lang| ep.summary_in(lang))}</p>
                    </div>
                    <div class="request-tools">
                        <crate::ui::saved::SaveRequestBox />
                        <crate::ui::import::ImportBox />
                    </div>
                    <AuthPicker />
                    <div class="fields">
                        {ep.fields.iter().map(|spec| view! { <Field spec=spec /> }).collect_view()}
                    </div>
                }
            }}
        </section>
    }
}

/// The auth-style choice, shown where a route accepts more than Bearer.
#[component]
fn AuthPicker() -> impl IntoView {
    let settings = use_settings();
    move || {
        let ep = settings.current();
        (ep.auth_styles.len() > 1).then(|| {
            view! {
                <div class="field field--inline">
                    <label for="auth-style">{tr("Send the key as", "密钥发送方式")}</label>
                    <select
                        id="auth-style"
                        prop:value=move || routescope_core::request::build::effective_auth(settings.current(), settings.conn.with(|c| c.auth)).as_str()
                        on:change=move |ev| {
                            if let Some(a) = AuthStyle::parse(&event_target_value(&ev)) {
                                settings.conn.update(|c| c.auth = a);
                            }
                        }
                    >
                        {ep.auth_styles.iter().map(|a| view! { <option value=a.as_str()>{tr_with(move |lang| a.title(lang))}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
    }
}

/// The error the builder reported for a field, if any.
fn field_error(drafts: DraftStore, key: &'static str) -> Memo<Option<String>> {
    Memo::new(move |_| {
        drafts.built.with(|b| {
            b.errors
                .iter()
                .find(|e: &&FieldError| e.field == FieldRef::Form(key))
                .map(|e| e.message.clone())
        })
    })
}

/// One field of the form.
#[component]
fn Field(spec: &'static FieldSpec) -> impl IntoView {
    let (drafts, session) = (use_drafts(), use_session());
    // The form is rebuilt when the endpoint changes, so the one on screen now owns this field.
    let ep = endpoint(use_settings().endpoint.get_untracked());
    let label_text = tr_with(move |lang| ep.field_label(spec, lang));
    let help_text = tr_with(move |lang| ep.field_help(spec, lang));
    let id = format!("field-{}", spec.key);
    let error = field_error(drafts, spec.key);
    // This field's own value: a keystroke elsewhere does not repaint it.
    let text = drafts.field(move |v| v.text(spec.key).to_string());
    let set_text = move |v: String| drafts.update(|values| values.set_text(spec.key, v));
    let label = view! {
        // The required mark sits beside the label, hidden from assistive tech, so the
        // field's accessible name is exactly its label.
        <div class="label-row">
            <label for=id.clone()>{label_text}</label>
            {spec.required.then(|| view! { <span class="required" title="required" aria-hidden="true">"*"</span> })}
        </div>
    };
    let input = match spec.kind {
        FieldKind::Messages(style) => view! { <MessagesEditor field=spec.key style=style /> }.into_any(),
        FieldKind::Toggle => view! {
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=drafts.field(move |v| v.flag(spec.key))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    drafts.update(|values| values.set(spec.key, FieldValue::Flag(on)));
                }
            />
        }
        .into_any(),
        FieldKind::Choice(options) => view! {
            <select id=id.clone() prop:value=text on:change=move |ev| set_text(event_target_value(&ev))>
                {options
                    .iter()
                    .map(|o| {
                        let o = *o;
                        view! { <option value=o>{tr_with(move |lang| if o.is_empty() { lang.pick("(not sent)", "（不发送）") } else { o })}</option> }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::LongText | FieldKind::Json | FieldKind::UrlLines { .. } | FieldKind::GeminiSystem => view! {
            <textarea
                id=id.clone()
                rows=if spec.kind == FieldKind::Json { "4" } else { "2" }
                spellcheck="false"
                class:mono=matches!(spec.kind, FieldKind::Json | FieldKind::UrlLines { .. })
                prop:value=text
                on:input=move |ev| set_text(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        FieldKind::Files { multiple } => view! { <FileInput spec=spec multiple=multiple /> }.into_any(),
        FieldKind::Model => {
            // The list may hold 100,000 ids: the page holds only the few the core offers
            // for what is typed, and says how many more match.
            let suggestions = Memo::new(move |_| text.with(|typed| session.models.with(|models| suggest(models, typed))));
            view! {
                <input
                    id=id.clone()
                    type="text"
                    list="model-options"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=text
                    on:input=move |ev| set_text(event_target_value(&ev))
                />
                <datalist id="model-options">
                    {keyed_list_of(
                        Signal::derive(move || suggestions.with(|s| s.shown.clone())),
                        String::clone,
                        |model| view! { <option value=model></option> }.into_any(),
                    )}
                </datalist>
                {move || suggestions.with(|s| (s.matches > s.shown.len()).then(|| {
                    let (matches, shown) = (s.matches, s.shown.len());
                    view! {
                        <p class="hint" data-model-matches=matches.to_string()>
                            {tr_with(move |lang| lang.pick_owned(
                                &format!("{matches} listed models match; the first {shown} are suggested. Type more to narrow."),
                                &format!("有 {matches} 个已列出的模型匹配，先提示前 {shown} 个。继续输入可缩小范围。"),
                            ))}
                        </p>
                    }
                }))}
            }
            .into_any()
        }
        FieldKind::Integer { .. } | FieldKind::Decimal { .. } | FieldKind::Text | FieldKind::CsvList => view! {
            <input
                id=id.clone()
                type="text"
                inputmode=if matches!(spec.kind, FieldKind::Integer { .. } | FieldKind::Decimal { .. }) { "decimal" } else { "text" }
                spellcheck="false"
                autocomplete="off"
                prop:value=text
                on:input=move |ev| set_text(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    let where_to = match spec.target {
        Target::Json(p) => format!("body: {p}"),
        Target::Path(p) | Target::PathRaw(p) => format!("path: {{{p}}}"),
        Target::Query(q) => format!("query: {q}"),
        Target::Part(p) => format!("multipart: {p}"),
        Target::Header(h) => format!("header: {h}"),
        Target::WholePath => "path".to_string(),
        Target::Stream => "path: stream variant".to_string(),
    };
    let is_messages = matches!(spec.kind, FieldKind::Messages(_));
    if spec.kind == FieldKind::Toggle {
        // A toggle reads best as a checkbox with its label beside it.
        return view! {
            <div class="field field--toggle" data-field=spec.key>
                <label class="check" title=help_text>{input}{label_text}</label>
                <p class="field-help"><span class="field-target">{where_to}</span></p>
                <FieldFindings field=FieldRef::Form(spec.key) />
            </div>
        }
        .into_any();
    }
    view! {
        <div class="field" class:field--wide=is_messages data-field=spec.key>
            {label}
            {input}
            <p class="field-help">
                <span class="field-target">{where_to}</span>
                {move || { let help = help_text.get(); (!help.is_empty()).then(|| format!(" · {help}")) }}
            </p>
            <p class="field-error" role="status">{move || error.get().unwrap_or_default()}</p>
            <FieldFindings field=FieldRef::Form(spec.key) />
        </div>
    }
    .into_any()
}

/// A file chooser; picked files are listed with size and can be removed.
#[component]
fn FileInput(spec: &'static FieldSpec, multiple: bool) -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    // JSON bodies carry the content inline (data URIs); multipart sends the File itself.
    let needs_base64 = matches!(spec.target, Target::Json(_)) || settings.current().body != BodyKind::Multipart;
    let files = drafts.field(move |v| v.files(spec.key).to_vec());
    let on_change = move |ev: leptos::ev::Event| {
        let endpoint = settings.endpoint.get_untracked();
        for (reference, file) in net::picked_files(&ev) {
            let id = reference.id;
            drafts.update_endpoint(endpoint, |values| {
                let mut list = if multiple {
                    values.files(spec.key).to_vec()
                } else {
                    Vec::new()
                };
                list.push(reference);
                values.set(spec.key, FieldValue::Files(list));
            });
            if needs_base64 {
                leptos::task::spawn_local(async move {
                    let encoded = net::read_picked(&file).await;
                    // The file's own endpoint, even if the person moved on meanwhile.
                    drafts.update_endpoint(endpoint, |values| {
                        let mut list = values.files(spec.key).to_vec();
                        for r in list.iter_mut().filter(|r| r.id == id) {
                            r.base64 = encoded.clone();
                        }
                        values.set(spec.key, FieldValue::Files(list));
                    });
                });
            }
        }
    };
    view! {
        <div class="file-input">
            <input
                id=format!("field-{}", spec.key)
                type="file"
                accept="image/png,image/jpeg,image/webp,image/gif"
                multiple=multiple
                on:change=on_change
            />
            <ul class="file-list" aria-label=tr_with(move |lang| {
                let label = endpoint(settings.endpoint.get_untracked()).field_label(spec, lang);
                lang.pick_owned(&format!("{label} chosen"), &format!("已选择的{label}"))
            })>
                {move || {
                    files
                        .get()
                        .into_iter()
                        .map(|f| {
                            let id = f.id;
                            let name = f.name.clone();
                            view! {
                                <li>
                                    <span class="mono">{f.name.clone()}</span>
                                    " "
                                    <span class="muted">{routescope_core::answer::response::human_size(f.size as usize)} " · " {f.effective_mime()}</span>
                                    " "
                                    <Button
                                        kind=ButtonKind::Ghost
                                        aria_label={ let name = name.clone(); tr_with(move |lang| lang.pick_owned(&format!("Remove {name}"), &format!("移除 {name}"))) }
                                        on_click=move || {
                                            drafts.update(|values| {
                                                let list: Vec<FileRef> = values.files(spec.key).iter().filter(|r| r.id != id).cloned().collect();
                                                values.set(spec.key, FieldValue::Files(list));
                                            })
                                        }
                                    >
                                        {tr("Remove", "移除")}
                                    </Button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
