//! The answer stage: reading what came back, without judging it.
//!
//! [`utf8`] decodes bytes across chunk borders, [`sse`] parses event streams of every
//! protocol, [`response`] renders a body (pretty JSON, merged text, usage, images, task
//! state) and [`envelope`] reads error bodies of every known shape. The diagnosis judges.

pub mod envelope;
pub mod response;
pub mod sse;
pub mod utf8;
