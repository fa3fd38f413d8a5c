//! RouteScope Playground: build, send and diagnose requests to a RouteScope LLM gateway
//! from the browser.
//!
//! In scope: every documented gateway endpoint as a form, the exact request it makes (with a
//! raw-body escape hatch), curl export, sending with `credentials: "omit"`, the raw response
//! and a diagnosis of what went wrong with the evidence for it.
//! Out of scope: storing history on a server, proxying requests, anything that needs the
//! gateway's operator console.
//!
//! The pure core (catalogue, request building, export, diagnosis) is the `routescope-core`
//! crate; this crate is the browser shell around it and decides nothing:
//! - `net`: the thin fetch shell (browser only).
//! - `state`, `storage`: the app's signals and the one place that touches web storage.
//! - `ui`: Leptos components; they render domain values and call domain functions.

#[cfg(target_arch = "wasm32")]
pub mod net;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
