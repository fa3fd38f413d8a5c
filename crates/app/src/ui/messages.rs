//! The conversation editor for chat-style protocols: roles, add, remove, reorder, and
//! multi-part content (text, image URL, image file).

use leptos::prelude::*;

use crate::net;
use crate::state::{use_drafts, use_settings, DraftStore};
use crate::ui::widgets::{keyed_list, Button, ButtonKind, KeyedRow};
use crate::ui::{tr, tr_with};
use routescope_core::request::catalogue::MessageStyle;
use routescope_core::request::form::{next_message_id, ContentPart, FieldValue, Message};

fn edit(drafts: DraftStore, field: &'static str, change: impl FnOnce(&mut Vec<Message>)) {
    drafts.update(|values| {
        let mut list = values.messages(field).to_vec();
        change(&mut list);
        values.set(field, FieldValue::Messages(list));
    });
}

/// Edits the messages of one field.
#[component]
pub fn MessagesEditor(field: &'static str, style: MessageStyle) -> impl IntoView {
    let drafts = use_drafts();
    let ids = drafts.field(move |v| v.messages(field).iter().map(|m| m.id).collect::<Vec<_>>());
    view! {
        <div class="messages" role="group" aria-label=tr("Messages", "消息")>
            {keyed_list(
                Signal::derive(move || {
                    ids.get()
                        .into_iter()
                        .map(|id| KeyedRow { key: id.to_string(), index: id as usize, kind: 0 })
                        .collect()
                }),
                std::sync::Arc::new(move |r: &KeyedRow| view! { <MessageRow field=field style=style id=r.index as u32 /> }.into_any()),
            )}
            <Button
                kind=ButtonKind::Small
                on_click=move || {
                    edit(drafts, field, |list| {
                        let role = match list.last().map(|m| m.role.as_str()) {
                            Some("user") => if style == MessageStyle::Gemini { "model" } else { "assistant" },
                            _ => "user",
                        };
                        let id = next_message_id(list);
                        list.push(Message::text(id, role, ""));
                    })
                }
            >
                {tr("+ Add message", "+ 添加消息")}
            </Button>
        </div>
    }
}

#[component]
fn MessageRow(field: &'static str, style: MessageStyle, id: u32) -> impl IntoView {
    let (settings, drafts) = (use_settings(), use_drafts());
    // Each a Memo over this message alone: typing in another message repaints nothing here.
    let role = drafts.field(move |v| v.messages(field).iter().find(|m| m.id == id).map(|m| m.role.clone()));
    let part_kinds = drafts.field(move |v| {
        v.messages(field)
            .iter()
            .find(|m| m.id == id)
            .map(|m| {
                m.parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i, part_kind(p)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let position = drafts.field(move |v| {
        let list = v.messages(field);
        (list.iter().position(|m| m.id == id).unwrap_or(0), list.len())
    });
    let index = move || position.get().0;
    let count = move || position.get().1;
    let update = move |change: Box<dyn FnOnce(&mut Message)>| {
        edit(drafts, field, |list| {
            if let Some(m) = list.iter_mut().find(|m| m.id == id) {
                change(m);
            }
        })
    };
    let move_by = move |delta: isize| {
        edit(drafts, field, |list| {
            if let Some(i) = list.iter().position(|m| m.id == id) {
                let j = i as isize + delta;
                if j >= 0 && (j as usize) < list.len() {
                    list.swap(i, j as usize);
                }
            }
        })
    };
    let role_id = format!("message-{field}-{id}-role");
    view! {
        <div class="message" role="group" aria-label=tr_with(move |lang| { let n = index() + 1; lang.pick_owned(&format!("Message {n}"), &format!("第 {n} 条消息")) })>
            <div class="message-head">
                <label class="visually-hidden" for=role_id.clone()>{move || format!("Role of message {}", index() + 1)}</label>
                <select
                    id=role_id
                    prop:value=move || role.get().unwrap_or_default()
                    on:change=move |ev| {
                        let role = event_target_value(&ev);
                        update(Box::new(move |m| m.role = role));
                    }
                >
                    {style.roles().iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                </select>
                <span class="spacer"></span>
                <button type="button" class="btn btn--small btn--ghost" aria-label=tr_with(move |lang| { let n = index() + 1; lang.pick_owned(&format!("Move message {n} up"), &format!("上移第 {n} 条消息")) }) disabled=move || index() == 0 on:click=move |_| move_by(-1)>"↑"</button>
                <button type="button" class="btn btn--small btn--ghost" aria-label=tr_with(move |lang| { let n = index() + 1; lang.pick_owned(&format!("Move message {n} down"), &format!("下移第 {n} 条消息")) }) disabled={move || index() + 1 >= count()} on:click=move |_| move_by(1)>"↓"</button>
                <button
                    type="button"
                    class="btn btn--small btn--ghost"
                    aria-label=tr_with(move |lang| { let n = index() + 1; lang.pick_owned(&format!("Remove message {n}"), &format!("删除第 {n} 条消息")) })
                    on:click=move |_| edit(drafts, field, |list| list.retain(|m| m.id != id))
                >
                    "✕"
                </button>
            </div>
            // Keyed by position and kind, so typing never re-creates the input being typed in.
            {keyed_list(
                Signal::derive(move || {
                    part_kinds
                        .get()
                        .into_iter()
                        .map(|(i, kind)| KeyedRow { key: format!("{i}/{kind}"), index: i, kind })
                        .collect()
                }),
                std::sync::Arc::new(move |r: &KeyedRow| {
                    view! { <PartEditor field=field message_id=id index=r.index kind=r.kind update=update message_index=Signal::derive(index) /> }.into_any()
                }),
            )}
            <div class="message-actions">
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| update(Box::new(|m| m.parts.push(ContentPart::Text(String::new()))))>{tr("+ Text", "+ 文本")}</button>
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| update(Box::new(|m| m.parts.push(ContentPart::ImageUrl(String::new()))))>{tr("+ Image URL", "+ 图片 URL")}</button>
                <label class="btn btn--small btn--ghost file-button">
                    {tr("+ Image file", "+ 图片文件")}
                    <input
                        type="file"
                        accept="image/png,image/jpeg,image/webp,image/gif"
                        class="visually-hidden"
                        on:change=move |ev| {
                            let Some((mut reference, file)) = net::picked_files(&ev).into_iter().next() else { return };
                            let endpoint = settings.endpoint.get_untracked();
                            leptos::task::spawn_local(async move {
                                reference.base64 = net::read_picked(&file).await;
                                // The person may have switched endpoints while the file was read.
                                if settings.endpoint.get_untracked() == endpoint {
                                    update(Box::new(move |m| m.parts.push(ContentPart::ImageFile(reference))));
                                }
                            });
                        }
                    />
                </label>
            </div>
        </div>
    }
}

fn part_kind(part: &ContentPart) -> u8 {
    match part {
        ContentPart::Text(_) => 0,
        ContentPart::ImageUrl(_) => 1,
        ContentPart::ImageFile(_) => 2,
    }
}

#[component]
fn PartEditor(
    field: &'static str,
    message_id: u32,
    index: usize,
    kind: u8,
    update: impl Fn(Box<dyn FnOnce(&mut Message)>) + Copy + 'static,
    message_index: Signal<usize>,
) -> impl IntoView {
    let drafts = use_drafts();
    // This part alone: a keystroke re-runs one Memo and repaints one input.
    let part = drafts.field(move |v| {
        v.messages(field)
            .iter()
            .find(|m| m.id == message_id)
            .and_then(|m| m.parts.get(index).cloned())
    });
    let text = move || match part.get() {
        Some(ContentPart::Text(t)) | Some(ContentPart::ImageUrl(t)) => t,
        _ => String::new(),
    };
    let remove = move |_| {
        update(Box::new(move |m| {
            if index < m.parts.len() {
                m.parts.remove(index);
            }
        }))
    };
    let remove_button = view! {
        <button type="button" class="btn btn--small btn--ghost" aria-label=tr_with(move |lang| { let (p, m) = (index + 1, message_index.get() + 1); lang.pick_owned(&format!("Remove part {p} of message {m}"), &format!("删除第 {m} 条消息的第 {p} 部分")) }) on:click=remove>"✕"</button>
    };
    match kind {
        0 => view! {
            <div class="part">
                <textarea
                    rows="2"
                    aria-label=tr_with(move |lang| { let m = message_index.get() + 1; lang.pick_owned(&format!("Text of message {m}"), &format!("第 {m} 条消息的文本")) })
                    prop:value=text
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |m| {
                            if let Some(ContentPart::Text(t)) = m.parts.get_mut(index) {
                                *t = v;
                            }
                        }))
                    }
                ></textarea>
                {remove_button}
            </div>
        }
        .into_any(),
        1 => view! {
            <div class="part">
                <input
                    type="url"
                    class="mono"
                    placeholder="https://… or data:image/png;base64,…"
                    aria-label=tr_with(move |lang| { let m = message_index.get() + 1; lang.pick_owned(&format!("Image URL in message {m}"), &format!("第 {m} 条消息中的图片 URL")) })
                    prop:value=text
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |m| {
                            if let Some(ContentPart::ImageUrl(u)) = m.parts.get_mut(index) {
                                *u = v;
                            }
                        }))
                    }
                />
                {remove_button}
            </div>
        }
        .into_any(),
        _ => {
            let file = match part.get_untracked() {
                Some(ContentPart::ImageFile(f)) => Some(f),
                _ => None,
            };
            view! {
                <div class="part part--file">
                    <span class="mono">{file.as_ref().map(|f| f.name.clone()).unwrap_or_default()}</span>
                    <span class="muted">
                        {file.as_ref().map(|f| routescope_core::answer::response::human_size(f.size as usize)).unwrap_or_default()}
                        {let unread = file.as_ref().is_none_or(|f| f.base64.is_none()); tr_with(move |lang| if unread { lang.pick(" · could not be read", " · 无法读取") } else { "" })}
                    </span>
                    {remove_button}
                </div>
            }
            .into_any()
        }
    }
}
