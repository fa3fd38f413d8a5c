//! Saved requests: "Save request" names the form on screen (in a group), the sidebar lists
//! them by group to open in one click, and the list is exported to or imported from a
//! file for a team. The core keeps them as share fragments, so never with the key.

use leptos::prelude::*;
use wasm_bindgen_futures::spawn_local;

use crate::state::{open_saved, use_drafts, use_session, use_settings};
use crate::ui::widgets::{download_text, Button, ButtonKind};
use crate::ui::{tr, tr_with};
use routescope_core::request::catalogue::endpoint;
use routescope_core::request::saved_requests::SavedRequests;

/// "Save request": a name and a group for the request on screen.
#[component]
pub fn SaveRequestBox() -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let (open, set_open) = signal(false);
    let (name, set_name) = signal(String::new());
    let (group, set_group) = signal(String::new());
    let save = move || {
        let chosen = name.get_untracked();
        if chosen.trim().is_empty() {
            return;
        }
        let id = settings.endpoint.get_untracked();
        let (values, raw) = drafts.snapshot(id);
        let key = settings.conn.with_untracked(|c| c.api_key.clone());
        session.update_saved(|s| s.save(&chosen, &group.get_untracked(), id, &values, raw.as_deref(), &key));
        set_open.set(false);
        set_name.set(String::new());
    };
    view! {
        <div class="save-request">
            <Button kind=ButtonKind::Small on_click=move || set_open.update(|o| *o = !*o)>{tr("Save request", "保存请求")}</Button>
            {move || open.get().then(|| view! {
                <div class="save-box" role="group" aria-label=tr("Save request", "保存请求")>
                    <label for="save-name">{tr("Name", "名称")}</label>
                    <input id="save-name" type="text" prop:value=name on:input=move |ev| set_name.set(event_target_value(&ev)) />
                    <label for="save-group">{tr("Group (optional)", "分组（可选）")}</label>
                    <input id="save-group" type="text" prop:value=group on:input=move |ev| set_group.set(event_target_value(&ev)) />
                    <Button kind=ButtonKind::Primary disabled=Signal::derive(move || name.with(|n| n.trim().is_empty())) on_click=save>{tr("Save", "保存")}</Button>
                </div>
            })}
        </div>
    }
}

/// The saved requests, by group, with export and import.
#[component]
pub fn SavedList() -> impl IntoView {
    let (settings, drafts, session) = (use_settings(), use_drafts(), use_session());
    let (message, set_message) = signal(None::<String>);
    let import_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::net::picked_files(&ev).into_iter().next().map(|(_, f)| f) else {
            return;
        };
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match SavedRequests::decode(&text) {
                Ok((read, skipped)) => {
                    let mut added = 0;
                    session.update_saved(|s| added = s.merge(read));
                    set_message.set(Some(if skipped > 0 {
                        format!(
                            "Imported {added} saved requests; {skipped} entries were not requests and were left out."
                        )
                    } else {
                        format!("Imported {added} saved requests.")
                    }));
                }
                Err(e) => set_message.set(Some(e.message().to_string())),
            }
        });
    };
    view! {
        <section class="saved" aria-label=tr("Saved requests", "已保存的请求")>
            <h2 class="endpoint-group-title">{tr("Saved requests", "已保存的请求")}</h2>
            {move || {
                let saved = session.saved.get();
                saved.groups().into_iter().map(|(group, members)| {
                    let label = if group.is_empty() { None } else { Some(group.clone()) };
                    view! {
                        <div class="saved-group" role="group" aria-label=if group.is_empty() { "Ungrouped".to_string() } else { group.clone() }>
                            {label.map(|g| view! { <h3 class="saved-group-title">{g}</h3> })}
                            <ul>
                                {members.into_iter().map(|i| {
                                    let item = saved.items[i].clone();
                                    let title = endpoint(item.endpoint).title;
                                    view! {
                                        <li class="history-row">
                                            <button type="button" class="history-item" data-saved=i.to_string() on:click=move |_| open_saved(settings, drafts, session, i)>
                                                <span class="history-text">
                                                    <span class="history-title">{item.name.clone()}</span>
                                                    <span class="history-verdict">{title}</span>
                                                </span>
                                            </button>
                                            <Button kind=ButtonKind::Ghost aria_label={ let name = item.name.clone(); tr_with(move |lang| lang.pick_owned(&format!("Delete saved request {name}"), &format!("删除已保存的请求 {name}"))) } on_click=move || session.update_saved(|s| s.remove(i))>"✕"</Button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                }).collect_view()
            }}
            {move || session.saved.with(|s| s.items.is_empty()).then(|| view! { <p class="muted">{tr("None yet: \"Save request\" keeps the form on screen.", "还没有：点“保存请求”即可保存当前表单。")}</p> })}
            <div class="button-row">
                <Button kind=ButtonKind::Ghost disabled=Signal::derive(move || session.saved.with(|s| s.items.is_empty())) on_click=move || session.saved.with_untracked(|s| download_text(&s.encode(), "routescope-saved-requests.json"))>{tr("Export", "导出")}</Button>
                <label class="file-button">
                    {tr("Import file", "导入文件")}
                    <input type="file" accept=".json,application/json" aria-label=tr("Import saved requests", "导入已保存的请求") on:change=import_file />
                </label>
            </div>
            <p class="muted" role="status" aria-label=tr("Saved requests import", "已保存请求的导入结果")>{move || message.get().unwrap_or_default()}</p>
        </section>
    }
}
