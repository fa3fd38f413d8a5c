//! The request stage: what the person asks for, and the exact HTTP request it becomes.
//!
//! [`endpoint`] says what an endpoint is; [`catalogue`] lists every one as data; [`form`]
//! holds what was typed; [`build`] turns both into an [`http::HttpRequest`]; [`sync`] keeps
//! the raw body and the form in step; [`connections`] names the gateway + key sets and [`sandbox`] finds the local twin; [`share`], [`saved`] and [`saved_requests`] are what may leave memory (links, storage, files), never
//! the key. [`import`] reads curl, fetch and raw HTTP into a form. [`model_picker`] offers model ids from a list of any length. [`protocol`] names the protocol families and auth styles every later stage uses.

pub mod base_url;
pub mod build;
pub mod catalogue;
pub mod connections;
pub mod drafts;
pub mod endpoint;
pub mod field_ref;
pub mod form;
pub mod http;
pub mod import;
pub mod model_picker;
pub mod protocol;
pub mod sandbox;
pub mod saved;
pub mod saved_requests;
pub mod share;
pub mod sync;
