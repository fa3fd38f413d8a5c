//! What the route and the gateway in between change in a matched cause: the same words
//! mean another cause, or another side, depending on what the caller called and who
//! answered. Applied by `rules::error_verdict` after a signature matched.

use super::matching::Hay;
use super::reason::Reason;
use super::rules::Origin;
use super::{Category, Protocol};

/// The cause a matched signature means on this route and from this origin.
pub(crate) fn reason_in_context(mut reason: Reason, protocol: Protocol, origin: Origin, hay: &Hay) -> Reason {
    // Claude Code's betas exist only on Claude-shaped calls: "Extra inputs are not permitted"
    // on any other route (Mistral's schema refusing an OpenAI-only field) is the request's
    // shape.
    if reason.category() == Category::ClaudeCodeBetas
        && protocol != Protocol::ClaudeMessages
        && hay.first_of(&["extra inputs", "extra input"]).is_some()
    {
        reason = Reason::GenericParam;
    }
    // The provider refusing the API a gateway chose for it ("Gemini cannot be accessed through
    // Vertex Predict", "Model not supported with Responses API" on an image call): the
    // caller did not call that API, so the gateway's translation is what failed.
    let api_the_caller_did_not_call = hay.first_of(&["cannot be accessed through vertex predict"]).is_some()
        || (protocol != Protocol::OpenAiResponses && hay.first_of(&["not supported with responses api"]).is_some());
    if origin != Origin::Vendor && api_the_caller_did_not_call {
        reason = Reason::GatewayInternal;
    }
    // LiteLLM's router budget for a provider is the gateway's own spending limit on that
    // provider: money, but neither the caller's nor the provider's to add (its side is the
    // gateway's, see `gateway_made_it`).
    if provider_budget(hay) {
        reason = Reason::UpstreamQuota;
    }
    // Google's bare NOT_FOUND on a model's own route (`models/{id}:predict`): the entity
    // the path names is the model.
    if reason == Reason::RouteNotFound
        && matches!(protocol, Protocol::GeminiNative | Protocol::Imagen)
        && hay.first_of(&["requested entity was not found"]).is_some()
    {
        reason = Reason::ModelNotFound;
    }
    reason
}

/// Whether the gateway, not the caller or the provider, made what was refused, whatever
/// the cause's usual side.
pub(crate) fn gateway_made_it(reason: Reason, protocol: Protocol, origin: Origin, hay: &Hay) -> bool {
    // An image call refused for its `tools` or `tool_choice`: the caller of the Images API
    // sent neither, so a bridge to the Responses API (sub2api, CLIProxyAPI) wrote them.
    let bridged_image_tools =
        protocol == Protocol::OpenAiImages && hay.first_of(&["tool choice", "'tools' parameter"]).is_some();
    // A provider's bare "not found" relayed by a gateway ("Resource not found" from an Azure
    // deployment): the gateway took the caller's path and chose the provider's, which is
    // what does not exist. (A provider quoting the caller's own path is the caller's typo.)
    let relayed_bare_not_found = reason == Reason::RouteNotFound
        && origin == Origin::Upstream
        && hay.first_of(&["(get", "(post", "request url", "/v1", "path"]).is_none();
    // A guardrail's block (LiteLLM's, however it words the provider of the check).
    let gateway_guardrail = reason == Reason::ContentPolicy && hay.first_of(&["guardrail"]).is_some();
    // The gateway's own outbound proxy refusing (sub2api's `proxyconnect`), or its words
    // sending its operator to a channel's base URL (Aether).
    let gateway_path = hay
        .first_of(&["proxyconnect tcp", "请检查 endpoint 的 base url"])
        .is_some();
    // A provider credential the proxy lacks for a pass-through route.
    let proxy_credential = hay.first_of(&["credential is configured on this proxy"]).is_some();
    provider_budget(hay)
        || bridged_image_tools
        || relayed_bare_not_found
        || gateway_guardrail
        || gateway_path
        || proxy_credential
}

/// Whether the answer's own words send the caller back to what it wrote (Helicone's "Check
/// provider names"), whoever else the envelope seems to carry.
pub(crate) fn caller_wrote_it(hay: &Hay) -> bool {
    hay.first_of(&["check provider names"]).is_some()
}

/// Whether a gateway's timeout words say the timeout the caller sent ran out while it waited
/// on the provider (Portkey's 408), not the request arriving too slowly.
pub(crate) fn callers_own_timeout(hay: &Hay) -> bool {
    hay.first_of(&["exceeded the timeout sent in the request"]).is_some()
}

/// Whether a relay kept only a provider's 4xx status ("bad response status code 400"): the
/// provider refused the request, but why is not in the answer.
pub(crate) fn bare_provider_refusal(reason: Reason, hay: &Hay) -> bool {
    reason == Reason::UpstreamBadStatus && hay.first_of(&["status code 4*"]).is_some()
}

/// LiteLLM's "Exceeded budget for provider …".
fn provider_budget(hay: &Hay) -> bool {
    hay.first_of(&["exceeded budget for provider"]).is_some()
}
