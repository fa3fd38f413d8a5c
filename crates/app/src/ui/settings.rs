//! The settings bar: where requests go and with which key.

use leptos::prelude::*;

use crate::state::use_state;
use crate::ui::findings::FieldFindings;
use crate::ui::tr;
use routescope_core::request::base_url::BaseUrl;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::text::lang::Lang;

/// Gateway address, API key (show/hide, remember), language, advanced options.
#[component]
pub fn SettingsBar() -> impl IntoView {
    let state = use_state();
    let gateway_error = Memo::new(move |_| {
        state
            .conn
            .with(|c| BaseUrl::parse(&c.gateway).err().map(|e| e.message()))
    });
    let self_service_error = Memo::new(move |_| {
        state
            .conn
            .with(|c| BaseUrl::parse(&c.self_service).err().map(|e| e.message()))
    });
    view! {
        <header class="topbar" aria-label="Settings">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                <span class="brand-name">"RouteScope Playground"</span>
            </div>
            <div class="setting setting--gateway">
                <label for="gateway-url">{tr("Gateway URL", "网关地址")}</label>
                <input
                    id="gateway-url"
                    type="url"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="https://api.routescope.ai"
                    prop:value=move || state.conn.with(|c| c.gateway.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        state.conn.update(|c| c.gateway = v);
                    }
                    aria-invalid=move || gateway_error.get().is_some().to_string()
                    aria-describedby="gateway-url-error"
                />
                <p class="field-error" id="gateway-url-error" role="status">
                    {move || gateway_error.get().unwrap_or_default()}
                </p>
                <FieldFindings field=FieldRef::Gateway />
            </div>
            <div class="setting setting--key">
                <label for="api-key">{tr("API key", "API 密钥")}</label>
                <div class="key-row">
                    <input
                        id="api-key"
                        type=move || if state.reveal_key.get() { "text" } else { "password" }
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="sk-…"
                        prop:value=move || state.conn.with(|c| c.api_key.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            state.conn.update(|c| c.api_key = v);
                        }
                    />
                    <button
                        type="button"
                        class="btn btn--ghost"
                        aria-pressed=move || state.reveal_key.get().to_string()
                        on:click=move |_| state.reveal_key.update(|r| *r = !*r)
                    >
                        {move || if state.reveal_key.get() { state.lang.get().pick("Hide key", "隐藏密钥") } else { state.lang.get().pick("Show key", "显示密钥") }}
                    </button>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || state.remember_key.get()
                        on:change=move |ev| state.remember_key.set(event_target_checked(&ev))
                    />
                    {tr("Remember key in this browser", "在此浏览器中记住密钥")}
                </label>
                <FieldFindings field=FieldRef::ApiKey />
            </div>
            <div class="setting setting--lang">
                <label for="lang">"Language · 语言"</label>
                <select
                    id="lang"
                    on:change=move |ev| state.lang.set(Lang::from_tag(&event_target_value(&ev)))
                    prop:value=move || state.lang.get().as_str()
                >
                    <option value="en">"English"</option>
                    <option value="zh-CN">"中文"</option>
                </select>
            </div>
            <div class="setting setting--client">
                <span class="setting-spacer" aria-hidden="true">" "</span>
                <button
                    type="button"
                    class="btn"
                    aria-expanded=move || state.client_helper_open.get().to_string()
                    on:click=move |_| state.client_helper_open.update(|o| *o = !*o)
                >
                    {tr("Client setup", "客户端配置")}
                </button>
            </div>
            <details class="advanced">
                <summary>{tr("More settings", "更多设置")}</summary>
                <div class="advanced-body">
                    <div class="setting">
                        <label for="self-service-url">{tr("Self-service API URL", "自助接口地址")}</label>
                        <input
                            id="self-service-url"
                            type="url"
                            spellcheck="false"
                            prop:value=move || state.conn.with(|c| c.self_service.clone())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                state.conn.update(|c| c.self_service = v);
                            }
                        />
                        <p class="field-error" role="status">{move || self_service_error.get().unwrap_or_default()}</p>
                        <FieldFindings field=FieldRef::SelfService />
                    </div>
                    <div class="setting">
                        <label for="timeout">{tr("Timeout (seconds, 0 = endpoint default)", "超时（秒，0 = 接口默认值）")}</label>
                        <input
                            id="timeout"
                            type="number"
                            min="0"
                            max="3600"
                            prop:value=move || state.timeout_secs.get().to_string()
                            on:input=move |ev| {
                                if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                    state.timeout_secs.set(n.min(3600));
                                }
                            }
                        />
                    </div>
                </div>
            </details>
        </header>
    }
}
