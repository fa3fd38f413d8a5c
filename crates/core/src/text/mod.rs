//! Text helpers shared by every stage: the interface language, redaction of secrets,
//! base64, percent-encoding, splitting shell command lines, byte sizes and the closest of known names. Nothing here knows about
//! endpoints or diagnoses.

pub mod base64;
pub mod closest;
pub mod lang;
pub mod percent;
pub mod redact;
pub mod shell;
pub mod size;
pub mod time;
