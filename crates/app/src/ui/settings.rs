//! The settings bar: which named connection is in use (where requests go, with which key,
//! where that key is kept), language and theme.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::net;
use crate::state::{use_session, use_settings, Settings};
use crate::ui::findings::FieldFindings;
use crate::ui::widgets::{Button, ButtonKind, UrlSetting};
use crate::ui::{tr, tr_with};
use routescope_core::request::connections::{KeyKeeping, NameProblem};
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::sandbox::{is_sandbox_answer, probe_on_load, sandbox_probe, SANDBOX_ADDRESS};
use routescope_core::request::saved::Theme;
use routescope_core::text::lang::Lang;

/// How long the sandbox may take to say it is there.
const SANDBOX_PROBE_MS: u32 = 1500;

/// Asks the sandbox address whether a gateway twin answers there (once per visit; no key
/// is sent).
fn look_for_sandbox(settings: Settings, looked: StoredValue<bool>) {
    if looked.get_value() {
        return;
    }
    looked.set_value(true);
    spawn_local(async move {
        if let Ok((status, body)) = net::probe(&sandbox_probe(), SANDBOX_PROBE_MS).await {
            settings.sandbox_found.set(is_sandbox_answer(status, &body));
        }
    });
}

/// The connection picker: every named connection, the local sandbox when a twin answers on
/// its address, and "New connection".
#[component]
fn ConnectionPicker() -> impl IntoView {
    let settings = use_settings();
    let looked = StoredValue::new(false);
    // A page on this machine looks for the sandbox at once; elsewhere only when the person
    // opens the picker (a public page reaching a local address may make the browser ask).
    let host = web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .unwrap_or_default();
    if probe_on_load(&host) {
        look_for_sandbox(settings, looked);
    }
    let offer_sandbox = move || settings.sandbox_found.get() && settings.book.with(|b| b.sandbox().is_none());
    view! {
        <div class="setting setting--connection">
            <label for="connection">{tr("Connection", "连接")}</label>
            <select
                id="connection"
                data-connection-picker=""
                on:focus=move |_| look_for_sandbox(settings, looked)
                on:pointerdown=move |_| look_for_sandbox(settings, looked)
                on:change=move |ev| {
                    match event_target_value(&ev).as_str() {
                        "new" => {
                            settings.add_connection();
                        }
                        "sandbox" => settings.use_sandbox(),
                        id => {
                            if let Ok(id) = id.parse::<u32>() {
                                settings.switch_connection(id);
                            }
                        }
                    }
                    // The select shows the connection now in use, whatever was picked.
                    let active = settings.book.with_untracked(|b| b.active().id.to_string());
                    event_target::<web_sys::HtmlSelectElement>(&ev).set_value(&active);
                }
                prop:value=move || settings.book.with(|b| b.active().id.to_string())
            >
                {move || settings.book.with(|b| b.list().iter().map(|c| {
                    let id = c.id.to_string();
                    let name = c.name.clone();
                    view! { <option value=id.clone() selected=settings.book.with_untracked(|b| b.active().id.to_string()) == id>{name}</option> }
                }).collect_view())}
                {move || offer_sandbox().then(|| view! {
                    <option value="sandbox">{tr_with(|lang| lang.pick_owned(
                        &format!("Local sandbox (found at {SANDBOX_ADDRESS})"),
                        &format!("本地沙盒（在 {SANDBOX_ADDRESS} 找到）"),
                    ))}</option>
                })}
                <option value="new" disabled=move || settings.book.with(|b| !b.has_room())>{tr("+ New connection", "+ 新建连接")}</option>
            </select>
        </div>
    }
}

/// The connection's name, and deleting it (in "More settings").
#[component]
fn ConnectionManager() -> impl IntoView {
    let settings = use_settings();
    let problem = RwSignal::new(None::<NameProblem>);
    let only_one = move || settings.book.with(|b| b.list().len() < 2);
    view! {
        <div class="setting">
            <label for="connection-name">{tr("Connection name", "连接名称")}</label>
            <div class="key-row">
                <input
                    id="connection-name"
                    type="text"
                    maxlength="60"
                    autocomplete="off"
                    aria-invalid=move || problem.get().is_some().to_string()
                    aria-describedby="connection-name-error"
                    prop:value=move || settings.book.with(|b| b.active().name.clone())
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        let outcome = settings.book.try_update(|b| {
                            let id = b.active().id;
                            b.rename(id, &name)
                        });
                        problem.set(outcome.and_then(Result::err));
                    }
                />
                <Button
                    kind=ButtonKind::Plain
                    disabled=Signal::derive(only_one)
                    on_click=move || {
                        let id = settings.book.with_untracked(|b| b.active().id);
                        settings.remove_connection(id);
                        problem.set(None);
                    }
                >
                    {tr("Delete connection", "删除连接")}
                </Button>
            </div>
            <p class="field-error" id="connection-name-error" role="alert">
                {move || problem.get().map(|p| tr_with(move |lang| p.message(lang)))}
            </p>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || settings.book.with(|b| b.active().auto_cost)
                    on:change=move |ev| settings.set_auto_cost(event_target_checked(&ev))
                />
                {tr("Look up each call's cost in the usage log by itself", "每次调用后自动在使用日志中查询费用")}
            </label>
        </div>
    }
}

/// Connection, gateway address, API key (show/hide, where it is kept, forget), language,
/// theme, advanced options.
#[component]
pub fn SettingsBar() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    let chunks = crate::ui::chunks::use_chunks();
    view! {
        <header class="topbar" aria-label=tr("Settings", "设置")>
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"RouteScope Playground"</span>
            </div>
            <ConnectionPicker />
            <div class="setting setting--gateway">
                <UrlSetting
                    id="gateway-url"
                    label=("Gateway URL", "网关地址")
                    field=FieldRef::Gateway
                    read=|c| &c.gateway
                    write=|c, v| c.gateway = v
                    placeholder="https://api.routescope.ai"
                />
            </div>
            <div class="setting setting--key">
                <label for="api-key">{tr("API key", "API 密钥")}</label>
                <div class="key-row">
                    <input
                        id="api-key"
                        type=move || if settings.reveal_key.get() { "text" } else { "password" }
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="sk-…"
                        prop:value=move || settings.conn.with(|c| c.api_key.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            settings.conn.update(|c| c.api_key = v);
                        }
                    />
                    <button
                        type="button"
                        class="btn btn--ghost"
                        aria-pressed=move || settings.reveal_key.get().to_string()
                        on:click=move |_| settings.reveal_key.update(|r| *r = !*r)
                    >
                        {tr_with(move |lang| if settings.reveal_key.get() { lang.pick("Hide key", "隐藏密钥") } else { lang.pick("Show key", "显示密钥") })}
                    </button>
                </div>
                <div class="key-row key-row--keeping">
                    <select
                        aria-label=move || settings.lang.get().pick("Where the key is kept", "密钥保存位置")
                        data-key-keeping=""
                        on:change=move |ev| {
                            if let Some(k) = KeyKeeping::parse(&event_target_value(&ev)) {
                                settings.set_keeping(k);
                            }
                        }
                        prop:value=move || settings.book.with(|b| b.active().keeping.as_str())
                    >
                        {KeyKeeping::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str()>{tr_with(move |lang| k.title(lang))}</option>
                        }).collect_view()}
                    </select>
                    <Button
                        kind=ButtonKind::Ghost
                        disabled=Signal::derive(move || settings.conn.with(|c| c.api_key.is_empty()))
                        on_click=move || settings.forget_key()
                    >
                        {tr("Forget key", "忘记密钥")}
                    </Button>
                </div>
                <FieldFindings field=FieldRef::ApiKey />
            </div>
            // Language and theme share one column: two small choices, one above the other.
            <div class="setting setting--prefs">
                <label for="lang">"Language · 语言"</label>
                <select
                    id="lang"
                    on:change=move |ev| settings.lang.set(Lang::from_tag(&event_target_value(&ev)))
                    prop:value=move || settings.lang.get().as_str()
                >
                    <option value="en">"English"</option>
                    <option value="zh-CN">"中文"</option>
                </select>
                <select
                    id="theme"
                    class="select--small"
                    aria-label=move || settings.lang.get().pick("Theme", "主题")
                    on:change=move |ev| {
                        if let Some(t) = Theme::parse(&event_target_value(&ev)) {
                            settings.theme.set(t);
                        }
                    }
                    prop:value=move || settings.theme.get().as_str()
                >
                    {Theme::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str()>{tr_with(move |lang| format!("◐ {}", t.title(lang)))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="setting setting--client">
                <span class="setting-spacer" aria-hidden="true">" "</span>
                <button
                    type="button"
                    class=ButtonKind::Plain.as_str()
                    aria-expanded=move || session.client_helper_open.get().to_string()
                    on:click=move |_| {
                        chunks.tools.start();
                        session.client_helper_open.update(|o| *o = !*o);
                    }
                >
                    {tr("Client setup", "客户端配置")}
                </button>
            </div>
            <details class="advanced">
                <summary>{tr("More settings", "更多设置")}</summary>
                {move || match chunks.tools.code() {
                    Some(code) => (code.more_settings)(),
                    None => chunks.tools.waiting_view(),
                }}
            </details>
        </header>
    }
}

/// What "More settings" holds: naming connections, the self-service address, the timeout
/// (part of the tools chunk).
pub(crate) fn more_settings() -> AnyView {
    let settings = use_settings();
    view! {
        <div class="advanced-body">
            <ConnectionManager />
            <div class="setting">
                <UrlSetting
                    id="self-service-url"
                    label=("Self-service API URL", "自助接口地址")
                    field=FieldRef::SelfService
                    read=|c| &c.self_service
                    write=|c, v| c.self_service = v
                />
            </div>
            <div class="setting">
                <label for="timeout">{tr("Timeout (seconds, 0 = endpoint default)", "超时（秒，0 = 接口默认值）")}</label>
                <input
                    id="timeout"
                    type="number"
                    min="0"
                    max="3600"
                    prop:value=move || settings.timeout_secs.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            settings.timeout_secs.set(n.min(3600));
                        }
                    }
                />
            </div>
        </div>
    }
    .into_any()
}
