//! The small widget kit every panel uses, so a button, a table of facts or a status looks
//! and behaves the same everywhere. Variants are enums whose `as_str()` is the CSS modifier.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{use_session, use_settings};
use crate::ui::findings::FieldFindings;
use crate::ui::tr;
use routescope_core::request::base_url::BaseUrl;
use routescope_core::request::field_ref::FieldRef;
use routescope_core::request::import::detect;

/// How prominent a button is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ButtonKind {
    /// The one main action of a panel (Send).
    Primary,
    /// An ordinary action.
    #[default]
    Plain,
    /// A compact action inside a row (copy, add, query).
    Small,
    /// A quiet compact action (remove, move, close).
    Ghost,
}

impl ButtonKind {
    /// The CSS classes: `btn` plus the variant's modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ButtonKind::Primary => "btn btn--primary",
            ButtonKind::Plain => "btn",
            ButtonKind::Small => "btn btn--small",
            ButtonKind::Ghost => "btn btn--small btn--ghost",
        }
    }
}

/// A `<button type="button">` of one [`ButtonKind`].
#[component]
pub fn Button(
    /// How prominent it is.
    #[prop(optional)]
    kind: ButtonKind,
    /// What a click does.
    on_click: impl Fn() + 'static,
    /// Disabled while this is true.
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// An accessible name, where the visible text alone is a symbol (✕, ↑).
    #[prop(into, optional)]
    aria_label: Option<Signal<String>>,
    /// The visible text.
    children: Children,
) -> impl IntoView {
    // Boxed, so the view below is compiled once rather than once per click handler.
    button_view(kind, Box::new(on_click), disabled, aria_label, children)
}

fn button_view(
    kind: ButtonKind,
    on_click: Box<dyn Fn()>,
    disabled: Signal<bool>,
    aria_label: Option<Signal<String>>,
    children: Children,
) -> AnyView {
    view! {
        <button
            type="button"
            class=kind.as_str()
            disabled=move || disabled.get()
            aria-label=move || aria_label.map(|l| l.get())
            on:click=move |_| on_click()
        >
            {children()}
        </button>
    }
    .into_any()
}

/// A two-column table of facts (name, value); values in the monospace face.
#[component]
pub fn KvTable(
    /// The rows, in order.
    rows: Vec<(String, String)>,
    /// The table's accessible name (English, Chinese), if it has one.
    #[prop(optional)]
    label: Option<(&'static str, &'static str)>,
    /// Extra CSS classes beside `kv`.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <table class=format!("kv {class}") aria-label=label.map(|(en, zh)| tr(en, zh))>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, value)| view! { <tr><th scope="row">{name}</th><td class="mono">{value}</td></tr> })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// What a status badge shows, coloured the same wherever a status appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusTone {
    /// 2xx.
    Ok,
    /// 3xx.
    Redirect,
    /// 4xx.
    Client,
    /// 5xx (and anything else with a status).
    Server,
    /// No HTTP answer: network, CORS, timeout.
    Network,
    /// Waiting, or cancelled by the person.
    Pending,
}

impl StatusTone {
    /// The tone of an HTTP status.
    pub fn of_status(status: u16) -> StatusTone {
        match status {
            200..=299 => StatusTone::Ok,
            300..=399 => StatusTone::Redirect,
            400..=499 => StatusTone::Client,
            _ => StatusTone::Server,
        }
    }

    /// The CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusTone::Ok => "status--ok",
            StatusTone::Redirect => "status--redirect",
            StatusTone::Client => "status--client",
            StatusTone::Server => "status--server",
            StatusTone::Network => "status--network",
            StatusTone::Pending => "badge--pending",
        }
    }
}

/// A status badge: an HTTP status, or a word for what happened instead.
#[component]
pub fn StatusBadge(
    /// The colour.
    tone: StatusTone,
    /// The text (a status number or a word).
    #[prop(into)]
    text: Signal<String>,
    /// Smaller, for lists.
    #[prop(optional)]
    small: bool,
    /// The accessible name (English, Chinese), where the badge is the status of an answer.
    #[prop(optional)]
    aria_label: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let size = if small { " badge--small" } else { "" };
    let name = aria_label.map(|(en, zh)| tr(en, zh));
    view! { <span class=format!("badge{size} {}", tone.as_str()) aria-label=name>{move || text.get()}</span> }
}

/// Copies text to the clipboard; the label says whether it worked.
#[component]
pub fn CopyButton(
    /// What to copy, read at click time.
    text: Signal<String>,
    /// The button's label before it is clicked.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let lang = use_settings().lang;
    let (done, set_done) = signal(None::<bool>);
    let copy = move || {
        let value = text.get_untracked();
        let Some(window) = web_sys::window() else { return };
        let promise = window.navigator().clipboard().write_text(&value);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            set_done.set(Some(ok));
        });
    };
    view! {
        <Button kind=ButtonKind::Small on_click=copy>
            {move || match done.get() {
                Some(true) => lang.get().pick("Copied", "已复制").to_string(),
                Some(false) => lang.get().pick("Copy failed: select and copy", "复制失败：请手动选择复制").to_string(),
                None => label.get(),
            }}
        </Button>
    }
}

/// An address setting (Gateway URL, Self-service API URL): the input, what is wrong with
/// the address as typed, and its pre-flight findings.
#[component]
pub fn UrlSetting(
    /// The input's id (also the hook e2e tests use).
    id: &'static str,
    /// The visible label.
    label: (&'static str, &'static str),
    /// Which setting this is.
    field: FieldRef,
    /// Reads the address from the connection.
    read: fn(&routescope_core::request::build::Connection) -> &String,
    /// Writes the address into the connection.
    write: fn(&mut routescope_core::request::build::Connection, String),
    /// Shown while empty.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    let conn = use_settings().conn;
    let session = use_session();
    let error = Memo::new(move |_| conn.with(|c| BaseUrl::parse(read(c)).err().map(|e| e.message())));
    let error_id = format!("{id}-error");
    view! {
        <label for=id>{tr(label.0, label.1)}</label>
        <input
            id=id
            type="url"
            spellcheck="false"
            autocomplete="off"
            placeholder=placeholder
            prop:value=move || conn.with(|c| read(c).clone())
            on:input=move |ev| {
                let v = event_target_value(&ev);
                conn.update(|c| write(c, v));
            }
            on:paste=move |ev: web_sys::ClipboardEvent| {
                // A whole command pasted where an address goes: import it instead (as API
                // clients do), so the key inside it is never written into the address.
                let pasted = ev.clipboard_data().and_then(|d| d.get_data("text").ok()).unwrap_or_default();
                if detect(&pasted).is_some() {
                    ev.prevent_default();
                    session.import_request.set(Some(pasted));
                }
            }
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=error_id.clone()
        />
        <p class="field-error" id=error_id role="status">{move || error.get().unwrap_or_default()}</p>
        <FieldFindings field=field />
    }
}

/// Saves `text` as a file: a blob, a temporary link clicked once, then freed. Done on click,
/// so showing a big answer never copies it for a download nobody asked for.
pub fn download_text(text: &str, file_name: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence(&parts) {
        save_blob(&blob, file_name);
    }
}

/// Saves `bytes` as a file, byte for byte (see [`download_text`]).
pub fn download_bytes(bytes: &[u8], file_name: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&parts) {
        save_blob(&blob, file_name);
    }
}

/// Offers `blob` as a download named `file_name`.
fn save_blob(blob: &web_sys::Blob, file_name: &str) {
    let Ok(href) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.set_attribute("href", &href);
        let _ = link.set_attribute("download", file_name);
        link.click();
    }
    // The download reads the blob after this click returns: free it a minute later.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&href);
        },
        std::time::Duration::from_secs(60),
    );
}

/// One row of a [`keyed_list`]: its identity, and the numbers its view is drawn from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedRow {
    /// What the row is: a row whose key stays is kept (and moved), never drawn again.
    pub key: String,
    /// A number the row's view is drawn from (an index or an id).
    pub index: usize,
    /// A second one, where a row needs it (a part's kind).
    pub kind: u8,
}

/// The function that draws a row of a [`keyed_list`] from its [`KeyedRow`].
pub type RowView = Arc<dyn Fn(&KeyedRow) -> AnyView + Send + Sync>;

/// A keyed list (Leptos' `<For>`) compiled once for every list on the page: `<For>` is
/// generic over its closures, so each one written in a view brought ~8 KB of its own code
/// (measured in the first download); here every list shares one copy.
pub fn keyed_list(rows: Signal<Vec<KeyedRow>>, row: RowView) -> AnyView {
    view! { <For each=move || rows.get() key=|r: &KeyedRow| r.key.clone() children=move |r: KeyedRow| row(&r) /> }
        .into_any()
}

/// A [`keyed_list`] of a list of values: `key` names each one, and a new row is drawn by
/// `draw` from the value at its place in the list it appeared in.
pub fn keyed_list_of<T: Clone + Send + Sync + 'static>(
    items: Signal<Vec<T>>,
    key: fn(&T) -> String,
    draw: fn(T) -> AnyView,
) -> AnyView {
    keyed_list(
        Signal::derive(move || {
            items.with(|all| {
                all.iter()
                    .enumerate()
                    .map(|(index, item)| KeyedRow {
                        key: key(item),
                        index,
                        kind: 0,
                    })
                    .collect()
            })
        }),
        Arc::new(move |r: &KeyedRow| {
            items
                .with_untracked(|all| all.get(r.index).cloned())
                .map(draw)
                .into_any()
        }),
    )
}
