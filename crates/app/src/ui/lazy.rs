//! Code the first render does not need, loaded on first use.
//!
//! A release build is split (`scripts/build-release.sh`, cargo feature `split`): each
//! [`Chunk`] is a separate wasm file the browser fetches only when the part is first shown,
//! or in the background once the form is on screen. Other builds (`trunk serve`, the
//! wasm-bindgen tests) are not split: there a chunk is "loaded" at once and the same code
//! runs.
//!
//! A chunk's code is reached through one split function that hands back a table of plain
//! function pointers (its `Code`); nothing else in the page names those functions, so the
//! splitter can move them, and everything only they use, out of the first download.
//!
//! When a chunk cannot be fetched (offline, a proxy refusing `.wasm`, a deploy that
//! replaced the files) the part says so with a Retry button; the form and everything typed
//! stay where they are, because only that part's code is missing.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use crate::ui::{tr, tr_with};

/// A chunk's code could not be fetched or instantiated (the browser's console has why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Where a chunk's download stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadState<T: Copy> {
    /// Not asked for yet.
    NotAsked,
    /// Being fetched.
    Loading,
    /// Here: the chunk's table of functions.
    Ready(T),
    /// The last attempt failed; a new one may be started.
    Failed,
}

/// The loader a split function compiles to: fetch the chunk (if not yet), then hand over
/// its code.
pub type Loader<T> = fn() -> Pin<Box<dyn Future<Output = Result<T, ChunkMissing>>>>;

/// One lazily loaded chunk and its load state (shared through context).
pub struct Chunk<T: Copy + Send + Sync + 'static> {
    state: RwSignal<LoadState<T>>,
    loader: Loader<T>,
    /// What the chunk holds, for the message when it cannot be fetched.
    what: (&'static str, &'static str),
}

impl<T: Copy + Send + Sync + 'static> Clone for Chunk<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Copy + Send + Sync + 'static> Copy for Chunk<T> {}

impl<T: Copy + Send + Sync + 'static> Chunk<T> {
    /// A chunk fetched by `loader`, holding `what` (English, Chinese).
    pub fn new(loader: Loader<T>, what: (&'static str, &'static str)) -> Self {
        Chunk {
            state: RwSignal::new(LoadState::NotAsked),
            loader,
            what,
        }
    }

    /// The chunk's code, if it is here (tracked: a view re-renders when it arrives).
    pub fn code(&self) -> Option<T> {
        match self.state.get() {
            LoadState::Ready(code) => Some(code),
            _ => None,
        }
    }

    /// The chunk's code, if it is here (not tracked).
    pub fn code_untracked(&self) -> Option<T> {
        match self.state.get_untracked() {
            LoadState::Ready(code) => Some(code),
            _ => None,
        }
    }

    /// The load state (tracked).
    pub fn state(&self) -> LoadState<T> {
        self.state.get()
    }

    /// Starts fetching the chunk unless it is here or on its way.
    pub fn start(&self) {
        if matches!(self.state.get_untracked(), LoadState::Ready(_) | LoadState::Loading) {
            return;
        }
        let mut future = (self.loader)();
        // An unsplit build (or a chunk already here) answers on the first poll: no frame
        // shows "Loading…" for code that is already in the page.
        if let Some(result) = poll_once(future.as_mut()) {
            self.settle(result);
            return;
        }
        self.state.set(LoadState::Loading);
        let chunk = *self;
        leptos::task::spawn_local(async move { chunk.settle(future.await) });
    }

    /// The chunk's code, fetching it first if needed.
    pub async fn get(&self) -> Result<T, ChunkMissing> {
        if let LoadState::Ready(code) = self.state.get_untracked() {
            return Ok(code);
        }
        self.state.set(LoadState::Loading);
        let result = (self.loader)().await;
        self.settle(result);
        result
    }

    fn settle(&self, result: Result<T, ChunkMissing>) {
        self.state.set(match result {
            Ok(code) => LoadState::Ready(code),
            Err(ChunkMissing) => LoadState::Failed,
        });
    }

    /// What a part of the page shows while its code is not here: a short "Loading…", or
    /// after a failed fetch the reason and a Retry button.
    pub fn waiting_view(&self) -> AnyView {
        let chunk = *self;
        match self.state.get() {
            LoadState::Failed => {
                let (en, zh) = self.what;
                view! {
                    <div class="notice notice--error chunk-missing" role="alert" data-chunk-missing="">
                        <span>{tr_with(move |lang| lang.pick_owned(
                            &format!("The code for {en} could not be downloaded (offline, or the site was updated). Nothing you typed is lost."),
                            &format!("{zh}的代码未能下载（可能离线，或网站刚更新）。你填写的内容都还在。"),
                        ))}</span>
                        <button type="button" class="btn btn--small" on:click=move |_| chunk.start()>
                            {tr("Retry", "重试")}
                        </button>
                    </div>
                }
                .into_any()
            }
            _ => view! { <p class="muted" role="status" data-chunk-loading="">{tr("Loading…", "加载中…")}</p> }
                .into_any(),
        }
    }

    /// Renders `with(code)` once the chunk is here, starting its fetch if needed.
    pub fn view(self, with: impl Fn(T) -> AnyView + Send + Sync + 'static) -> impl IntoView {
        self.start();
        move || match self.code() {
            Some(code) => with(code),
            None => self.waiting_view(),
        }
    }
}

/// Polls a future once, for code that is usually already here.
fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Option<F::Output> {
    let mut context = Context::from_waker(Waker::noop());
    match future.poll(&mut context) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// Declares a chunk's split function `$inner` and its [`Loader`] `$loader`. In a split
/// build `$inner` becomes an async function whose first call fetches the chunk `$chunk`;
/// otherwise it is the plain function and the loader answers at once.
macro_rules! split_code {
    ($(#[$meta:meta])* $vis:vis fn $loader:ident => $inner:ident() in $chunk:ident -> $code:ty $body:block) => {
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $inner() -> Result<$code, $crate::ui::lazy::ChunkMissing> $body

        $(#[$meta])*
        $vis fn $loader() -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<$code, $crate::ui::lazy::ChunkMissing>>>> {
            #[cfg(feature = "split")]
            return Box::pin($inner());
            #[cfg(not(feature = "split"))]
            return Box::pin(::std::future::ready($inner()));
        }
    };
}
pub(crate) use split_code;
