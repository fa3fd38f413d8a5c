//! The export stage: a built request said in other tools' words.
//!
//! [`curl`] (quoted by [`shell_words`]), SDK and `fetch` [`snippets`], and the [`clients`]
//! helper that tells Codex, Claude Code and the SDKs which base URL to use; [`har`] writes one
//! exchange as HAR 1.2 and [`report`] as a support report (Markdown, optional A/B section),
//! both with the key redacted. Exports read the
//! key from an environment variable unless the person reveals it.

pub mod clients;
pub mod curl;
pub mod har;
pub mod report;
pub mod shell_words;
pub mod snippets;
