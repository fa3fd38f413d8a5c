//! The pure core of RouteScope Playground: everything that decides anything, as plain Rust.
//!
//! In scope: the endpoint catalogue, turning a form into the exact HTTP request, reading an
//! answer (UTF-8, SSE, envelopes), exporting a request (curl, SDK snippets, client setup),
//! the pre-flight checks, the diagnosis with its follow-ups, and the text helpers they share.
//! Out of scope: the network, the DOM, storage and timers. This crate has no web dependency
//! at all, so `cargo test -p routescope-core` proves it; the browser shell lives in
//! `crates/app` and decides nothing.
//!
//! The modules follow what happens to a request, in order:
//! - [`request`]: the catalogue, form values, the HTTP model, building, share links, saved settings;
//! - [`preflight`]: the checks run before sending, with their fixes;
//! - [`answer`]: reading what came back (UTF-8, SSE, the response, error envelopes);
//! - [`diagnosis`]: what went wrong, how sure, whose side, what to check, follow-ups;
//! - [`exchange`]: one exchange from Send to verdict, fed by the browser shell;
//! - [`history`]: what the history keeps of past exchanges, within a byte budget;
//! - [`export`]: curl, SDK snippets, client setup, HAR and the support report;
//! - [`scan`]: the key capability scan (what each listed model does with this key);
//! - [`text`]: language, redaction, base64 and percent-encoding shared by all of them.

pub mod answer;
pub mod diagnosis;
pub mod exchange;
pub mod export;
pub mod history;
pub mod preflight;
pub mod request;
pub mod scan;
pub mod text;
