//! Files the person picks: the browser `File` objects stay here (they cannot live in
//! signals, which need `Send`), the form holds a [`FileRef`] naming them by id.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use routescope_core::request::http::FileRef;

thread_local! {
    // A list, not a map: a person picks a handful of files, and a HashMap would bring its
    // hashing code into the page's first download.
    static FILES: RefCell<Vec<(u32, web_sys::File)>> = const { RefCell::new(Vec::new()) };
    static NEXT_FILE_ID: RefCell<u32> = const { RefCell::new(1) };
}

/// Keeps a picked file and returns the id to refer to it by.
fn remember_file(file: web_sys::File) -> u32 {
    let id = NEXT_FILE_ID.with(|n| {
        let mut n = n.borrow_mut();
        let id = *n;
        *n += 1;
        id
    });
    FILES.with(|f| f.borrow_mut().push((id, file)));
    id
}

/// A picked file by id.
pub fn file(id: u32) -> Option<web_sys::File> {
    FILES.with(|f| f.borrow().iter().find(|(k, _)| *k == id).map(|(_, file)| file.clone()))
}

/// The files chosen in a file input's `change` event, kept for sending; the input is
/// cleared so picking the same file again fires again. Each comes with its [`FileRef`]
/// (no content yet: see [`read_picked`]).
pub fn picked_files(ev: &web_sys::Event) -> Vec<(FileRef, web_sys::File)> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let Some(list) = input.files() else { return Vec::new() };
    let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    picked
        .into_iter()
        .map(|file| {
            let reference = FileRef {
                id: remember_file(file.clone()),
                name: file.name(),
                mime: file.type_(),
                size: file.size() as u64,
                base64: None,
            };
            (reference, file)
        })
        .collect()
}

/// Reads a picked file's bytes as base64 (for JSON bodies, which carry images inline);
/// `None` when the browser refuses.
pub async fn read_picked(file: &web_sys::File) -> Option<String> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Some(routescope_core::text::base64::encode(&bytes))
}
