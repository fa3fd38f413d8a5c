//! Text helpers shared by every stage: the interface language, redaction of secrets,
//! base64 and percent-encoding. Nothing here knows about endpoints or diagnoses.

pub mod base64;
pub mod lang;
pub mod percent;
pub mod redact;
