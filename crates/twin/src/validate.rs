//! Request checks shared by several routes: Go's typed unmarshalling (new-api decodes
//! bodies into structs before it validates anything) and type names as OpenAI words them.

use serde_json::Value;

use crate::envelope::{Fault, GatewayMsg};

/// Checks Go's view of the body: each `(field, Go type)` must decode, else new-api's 500
/// `json: cannot unmarshal …`.
pub fn go_types(body: &Value, strukt: &str, fields: &[(&str, &str)]) -> Result<(), Fault> {
    for (field, go_type) in fields {
        let Some(v) = body.get(*field) else { continue };
        let ok = match (*go_type, v) {
            (_, Value::Null) => true,
            ("bool", Value::Bool(_)) => true,
            ("float64" | "*float64", Value::Number(_)) => true,
            ("int" | "uint", Value::Number(n)) => n.is_i64() || n.is_u64(),
            ("string", Value::String(_)) => true,
            (t, Value::Array(_)) if t.starts_with("[]") => true,
            (t, Value::Object(_)) if t.starts_with('*') || t.starts_with("dto.") => true,
            ("json.RawMessage", _) => true,
            _ => false,
        };
        if !ok {
            return Err(GatewayMsg::unmarshal(v, strukt, field, go_type).into());
        }
        if *go_type == "uint" && v.as_i64().is_some_and(|n| n < 0) {
            return Err(GatewayMsg::invalid_request_500(format!(
                "json: cannot unmarshal number {v} into Go struct field {strukt}.{field} of type uint"
            ))
            .into());
        }
    }
    Ok(())
}

/// JSON type names as OpenAI words them.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
