//! The settings bar: where requests go and with which key.

use leptos::prelude::*;

use crate::state::{use_session, use_settings};
use crate::ui::findings::FieldFindings;
use crate::ui::widgets::{ButtonKind, UrlSetting};
use crate::ui::{tr, tr_with};
use routescope_core::request::field_ref::FieldRef;
use routescope_core::text::lang::Lang;

/// Gateway address, API key (show/hide, remember), language, advanced options.
#[component]
pub fn SettingsBar() -> impl IntoView {
    let settings = use_settings();
    let session = use_session();
    view! {
        <header class="topbar" aria-label="Settings">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"RouteScope Playground"</span>
            </div>
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
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || settings.remember_key.get()
                        on:change=move |ev| settings.remember_key.set(event_target_checked(&ev))
                    />
                    {tr("Remember key in this browser", "在此浏览器中记住密钥")}
                </label>
                <FieldFindings field=FieldRef::ApiKey />
            </div>
            <div class="setting setting--lang">
                <label for="lang">"Language · 语言"</label>
                <select
                    id="lang"
                    on:change=move |ev| settings.lang.set(Lang::from_tag(&event_target_value(&ev)))
                    prop:value=move || settings.lang.get().as_str()
                >
                    <option value="en">"English"</option>
                    <option value="zh-CN">"中文"</option>
                </select>
            </div>
            <div class="setting setting--client">
                <span class="setting-spacer" aria-hidden="true">" "</span>
                <button
                    type="button"
                    class=ButtonKind::Plain.as_str()
                    aria-expanded=move || session.client_helper_open.get().to_string()
                    on:click=move |_| session.client_helper_open.update(|o| *o = !*o)
                >
                    {tr("Client setup", "客户端配置")}
                </button>
            </div>
            <details class="advanced">
                <summary>{tr("More settings", "更多设置")}</summary>
                <div class="advanced-body">
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
            </details>
        </header>
    }
}
