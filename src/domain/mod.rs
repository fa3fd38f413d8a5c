//! The pure core: everything that decides anything, with no web imports.
//!
//! Each module is plain Rust tested natively with `cargo test`.

pub mod base64;
pub mod base_url;
pub mod build;
pub mod catalogue;
pub mod clients;
pub mod curl;
pub mod diagnosis;
pub mod envelope;
pub mod followup;
pub mod form;
pub mod http;
pub mod lang;
pub mod lint;
pub mod redact;
pub mod response;
pub mod saved;
pub mod share;
pub mod shell_words;
pub mod snippets;
pub mod sse;
pub mod sync;
pub mod utf8;
