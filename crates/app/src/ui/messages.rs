//! The conversation editor for chat-style protocols: roles, add, remove, reorder, and
//! multi-part content (text, image URL, image file).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::net;
use crate::state::{use_state, AppState};
use crate::ui::fields::read_base64;
use routescope_core::request::catalogue::MessageStyle;
use routescope_core::request::form::{next_message_id, ContentPart, FieldValue, Message};
use routescope_core::request::http::FileRef;

fn messages(state: AppState, field: &'static str) -> Vec<Message> {
    state.forms.with(|f| {
        f.get(&state.endpoint.get())
            .map(|v| v.messages(field).to_vec())
            .unwrap_or_default()
    })
}

fn edit(state: AppState, field: &'static str, change: impl FnOnce(&mut Vec<Message>)) {
    state.update_values(|values| {
        let mut list = values.messages(field).to_vec();
        change(&mut list);
        values.set(field, FieldValue::Messages(list));
    });
}

/// Edits the messages of one field.
#[component]
pub fn MessagesEditor(field: &'static str, style: MessageStyle) -> impl IntoView {
    let state = use_state();
    let ids = move || messages(state, field).iter().map(|m| m.id).collect::<Vec<_>>();
    view! {
        <div class="messages" role="group" aria-label="Messages">
            <For each=ids key=|id| *id let:id>
                <MessageRow field=field style=style id=id />
            </For>
            <button
                type="button"
                class="btn btn--small"
                on:click=move |_| {
                    edit(state, field, |list| {
                        let role = match list.last().map(|m| m.role.as_str()) {
                            Some("user") => if style == MessageStyle::Gemini { "model" } else { "assistant" },
                            _ => "user",
                        };
                        let id = next_message_id(list);
                        list.push(Message::text(id, role, ""));
                    })
                }
            >
                "+ Add message"
            </button>
        </div>
    }
}

#[component]
fn MessageRow(field: &'static str, style: MessageStyle, id: u32) -> impl IntoView {
    let state = use_state();
    let message = move || messages(state, field).into_iter().find(|m| m.id == id);
    let index = move || messages(state, field).iter().position(|m| m.id == id).unwrap_or(0);
    let count = move || messages(state, field).len();
    let update = move |change: Box<dyn FnOnce(&mut Message)>| {
        edit(state, field, |list| {
            if let Some(m) = list.iter_mut().find(|m| m.id == id) {
                change(m);
            }
        })
    };
    let move_by = move |delta: isize| {
        edit(state, field, |list| {
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
        <div class="message" role="group" aria-label=move || format!("Message {}", index() + 1)>
            <div class="message-head">
                <label class="visually-hidden" for=role_id.clone()>{move || format!("Role of message {}", index() + 1)}</label>
                <select
                    id=role_id
                    prop:value=move || message().map(|m| m.role).unwrap_or_default()
                    on:change=move |ev| {
                        let role = event_target_value(&ev);
                        update(Box::new(move |m| m.role = role));
                    }
                >
                    {style.roles().iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}
                </select>
                <span class="spacer"></span>
                <button type="button" class="btn btn--small btn--ghost" aria-label=move || format!("Move message {} up", index() + 1) disabled=move || index() == 0 on:click=move |_| move_by(-1)>"↑"</button>
                <button type="button" class="btn btn--small btn--ghost" aria-label=move || format!("Move message {} down", index() + 1) disabled={move || index() + 1 >= count()} on:click=move |_| move_by(1)>"↓"</button>
                <button
                    type="button"
                    class="btn btn--small btn--ghost"
                    aria-label=move || format!("Remove message {}", index() + 1)
                    on:click=move |_| edit(state, field, |list| list.retain(|m| m.id != id))
                >
                    "✕"
                </button>
            </div>
            // Keyed by position and kind, so typing never re-creates the input being typed in.
            <For
                each=move || message().map(|m| m.parts.iter().enumerate().map(|(i, p)| (i, part_kind(p))).collect::<Vec<_>>()).unwrap_or_default()
                key=|k| *k
                let:k
            >
                <PartEditor field=field message_id=id index=k.0 kind=k.1 update=update message_index=Signal::derive(index) />
            </For>
            <div class="message-actions">
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| update(Box::new(|m| m.parts.push(ContentPart::Text(String::new()))))>"+ Text"</button>
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| update(Box::new(|m| m.parts.push(ContentPart::ImageUrl(String::new()))))>"+ Image URL"</button>
                <label class="btn btn--small btn--ghost file-button">
                    "+ Image file"
                    <input
                        type="file"
                        accept="image/png,image/jpeg,image/webp,image/gif"
                        class="visually-hidden"
                        on:change=move |ev| {
                            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
                            input.set_value("");
                            let endpoint = state.endpoint.get_untracked();
                            leptos::task::spawn_local(async move {
                                let reference = FileRef {
                                    id: net::remember_file(file.clone()),
                                    name: file.name(),
                                    mime: file.type_(),
                                    size: file.size() as u64,
                                    base64: read_base64(&file).await,
                                };
                                // The person may have switched endpoints while the file was read.
                                if state.endpoint.get_untracked() == endpoint {
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
    let state = use_state();
    let part = move || {
        messages(state, field)
            .into_iter()
            .find(|m| m.id == message_id)
            .and_then(|m| m.parts.get(index).cloned())
    };
    let text = move || match part() {
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
        <button type="button" class="btn btn--small btn--ghost" aria-label=move || format!("Remove part {} of message {}", index + 1, message_index.get() + 1) on:click=remove>"✕"</button>
    };
    match kind {
        0 => view! {
            <div class="part">
                <textarea
                    rows="2"
                    aria-label=move || format!("Text of message {}", message_index.get() + 1)
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
                    aria-label=move || format!("Image URL in message {}", message_index.get() + 1)
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
            let file = match part() {
                Some(ContentPart::ImageFile(f)) => Some(f),
                _ => None,
            };
            view! {
                <div class="part part--file">
                    <span class="mono">{file.as_ref().map(|f| f.name.clone()).unwrap_or_default()}</span>
                    <span class="muted">
                        {file.as_ref().map(|f| routescope_core::answer::response::human_size(f.size as usize)).unwrap_or_default()}
                        {if file.as_ref().is_some_and(|f| f.base64.is_some()) { "" } else { " · could not be read" }}
                    </span>
                    {remove_button}
                </div>
            }
            .into_any()
        }
    }
}
