//! The self-service account API, on its own origin: key status, a call by request id, live RPM/TPM.

use super::{
    required, BodyKind, Endpoint, EndpointId, FieldKind as K, Method, Origin, Protocol, Target as T, BEARER_ONLY,
};

#[rustfmt::skip]
pub(super) const KEY_STATUS: Endpoint = Endpoint {
    id: EndpointId::KeyStatus, group: "Account", title: "Key status and balance",
    summary: "Self-service API: this key's status, group and remaining quota.",
    method: Method::Get, path: "/api/token/self/", stream_path: None,
    origin: Origin::SelfService, body: BodyKind::None, protocol: Protocol::SelfService,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 30,
    fields: &[],
};

#[rustfmt::skip]
pub(super) const USAGE_LOG: Endpoint = Endpoint {
    id: EndpointId::UsageLog, group: "Account", title: "Find a call by request id",
    summary: "Self-service API: the usage-log entry of one request id.",
    method: Method::Get, path: "/api/token/self/log", stream_path: None,
    origin: Origin::SelfService, body: BodyKind::None, protocol: Protocol::SelfService,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 30,
    fields: &[
        required("request_id", "Request id", K::Text, T::Query("request_id"), "", "From an error message's (request id: …)."),
    ],
};

#[rustfmt::skip]
pub(super) const USAGE_STAT: Endpoint = Endpoint {
    id: EndpointId::UsageStat, group: "Account", title: "Live RPM / TPM",
    summary: "Self-service API: quota used and requests/tokens in the last minute.",
    method: Method::Get, path: "/api/token/self/log/stat", stream_path: None,
    origin: Origin::SelfService, body: BodyKind::None, protocol: Protocol::SelfService,
    auth_styles: BEARER_ONLY, fixed_headers: &[], timeout_secs: 30,
    fields: &[],
};
