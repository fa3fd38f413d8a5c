//! The answer stage: reading what came back, without judging it.
//!
//! [`reader`] takes an answer's bytes as they arrive (one pass, work per chunk proportional
//! to the chunk); [`utf8`] decodes bytes across chunk borders, [`sse`] parses and merges
//! event streams of every protocol, [`response`] renders a body (pretty JSON, merged text,
//! usage, images, task state, with [`parts`] reading reasoning and tool calls apart from
//! the text) and [`envelope`] reads error bodies of every known shape ([`page`] the web pages among them).
//! The diagnosis judges.

pub mod body_view;
pub mod envelope;
pub mod image_facts;
pub mod page;
pub mod parts;
pub mod reader;
pub mod response;
pub mod shape;
pub mod sse;
pub mod task_follow;
pub mod utf8;
