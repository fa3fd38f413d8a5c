//! "Which client am I configuring?": base URL and settings per client, the URL it will
//! call, and what the address as typed would make it call.

use leptos::prelude::*;

use crate::state::{use_session, use_settings};
use crate::ui::widgets::{Button, ButtonKind, CopyButton};
use crate::ui::{tr, tr_signal, tr_with};
use routescope_core::export::clients::{setup_for, Client};

/// The client setup helper, opened from the top bar or a diagnosis action.
#[component]
pub fn ClientHelper() -> impl IntoView {
    let (settings, session) = (use_settings(), use_session());
    let (client, set_client) = signal(Client::Codex);
    let copy_label = tr("Copy", "复制");
    let setup = Memo::new(move |_| {
        let lang = settings.lang.get();
        settings.conn.with(|c| setup_for(client.get(), &c.gateway, lang))
    });
    move || {
        session.client_helper_open.get().then(|| {
            view! {
                <section class="panel client-helper" aria-label=tr("Client setup", "客户端配置")>
                    <div class="panel-head client-helper-head">
                        <h2>{tr("Which client are you configuring?", "你在配置哪个客户端？")}</h2>
                        <Button kind=ButtonKind::Ghost aria_label=tr_signal("Close client setup", "关闭客户端配置") on_click=move || session.client_helper_open.set(false)>"✕"</Button>
                    </div>
                    <div class="client-tabs" role="radiogroup" aria-label=tr("Client", "客户端")>
                        {Client::ALL
                            .into_iter()
                            .map(|c| view! {
                                <label class="check client-choice">
                                    <input type="radio" name="client" prop:checked=move || client.get() == c on:change=move |_| set_client.set(c) />
                                    {c.label()}
                                </label>
                            })
                            .collect_view()}
                    </div>
                    {move || match setup.get() {
                        None => view! { <p class="field-error">{tr("Enter a valid gateway address first (Gateway URL above).", "请先在上方填写有效的网关地址。")}</p> }.into_any(),
                        Some(s) => {
                            let base = s.base_url.clone();
                            view! {
                                <table class="kv client-settings" aria-label=tr("Settings for this client", "此客户端的设置")>
                                    <tbody>
                                        <tr><th scope="row">{tr("Base URL", "Base URL")}</th><td class="mono">{s.base_url.clone()} " " <CopyButton text=Signal::derive(move || base.clone()) label=Signal::derive(move || copy_label().to_string()) /></td></tr>
                                        {s.settings.iter().map(|x| view! { <tr><th scope="row" class="mono">{x.name.clone()}</th><td class="mono">{x.value.clone()}</td></tr> }).collect_view()}
                                        <tr><th scope="row">{tr("Where", "配置位置")}</th><td>{s.where_to.clone()}</td></tr>
                                        <tr><th scope="row">{tr("It will call", "实际调用")}</th><td class="mono" aria-label=tr("URL it will call", "它将调用的 URL")>{s.calls.clone()}</td></tr>
                                    </tbody>
                                </table>
                                {(!s.typed_works).then(|| s.calls_as_typed.clone().map(|wrong| view! {
                                    <p class="finding finding--warning" role="note">
                                        <span class="finding-severity">{tr("careful", "注意")}</span>
                                        <span class="finding-message">
                                            {tr_with(move |lang| lang.pick_owned(
                                                &format!("With the Gateway URL exactly as typed, {} would call {wrong}: that is not the right path (expect a 404 Invalid URL or an HTML page). Use the base URL above.", s.client.label()),
                                                &format!("按原样使用所填的网关地址，{} 会调用 {wrong}：这不是正确的路径（会得到 404 Invalid URL 或一个 HTML 页面）。请使用上面的 Base URL。", s.client.label()),
                                            ))}
                                        </span>
                                    </p>
                                })).flatten()}
                                <ul class="checks">{s.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                            }
                            .into_any()
                        }
                    }}
                </section>
            }
        })
    }
}
