//! The pre-flight stage: problems found in a request before it is sent, each with the
//! field it belongs to and, where the fix is obvious, a one-click fix.

pub mod fix;
pub mod header_value;
pub mod lint;
